/* diag.c: the message texts and co_diag(), the only code that prints file:line:col. */
#include <glib.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "diag.h"
#include "srcmap.h"

static const char *const diag_texts[CO_DIAG__MAX] = {
	"hint",					/* CO_DIAG_HINT */
	"warning",				/* CO_DIAG_WARNING */
	"link kept as plain text:",		/* CO_DIAG_W_LINK_SCHEME */
	"empty table:",				/* CO_DIAG_W_EMPTY_TABLE */
	"no date:",				/* CO_DIAG_W_UNDATED */
	"logo left out:",			/* CO_DIAG_W_LOGO */
	"no hyphenation:",			/* CO_DIAG_W_HYPHENATION */
	"table too wide:",			/* CO_DIAG_W_TABLE_WIDE */
	"raw HTML printed as text:",		/* CO_DIAG_W_RAW_HTML */
	"footnote:",				/* CO_DIAG_W_FOOTNOTE */
	"image in a sentence:",			/* CO_DIAG_W_IMAGE_INLINE */
	"figure's image left out:",		/* CO_DIAG_W_FIGURE */
	"no alt text:",				/* CO_DIAG_W_ALT */
	"empty section:",			/* CO_DIAG_W_EMPTY_SECTION */
	"word broken between letters:",		/* CO_DIAG_W_CHAR_BREAK */
	"funding does not match the budget:",	/* CO_DIAG_W_FUNDING */
	"no font has the character:",		/* CO_DIAG_W_NO_GLYPH */
	"error",				/* CO_DIAG_ERROR */
	"syntax error:",			/* CO_DIAG_E_SYNTAX */
	"tab character used for indentation",	/* CO_DIAG_E_TAB */
	"invalid UTF-8:",			/* CO_DIAG_E_UTF8 */
	"forbidden character:",			/* CO_DIAG_E_CONTROL */
	"more than one document in the file",	/* CO_DIAG_E_MULTIDOC */
	"tags are not supported:",		/* CO_DIAG_E_TAG */
	"anchors and aliases are not supported:", /* CO_DIAG_E_ALIAS */
	"nesting too deep:",			/* CO_DIAG_E_DEPTH */
	"too many values:",			/* CO_DIAG_E_NODES */
	"duplicate key",			/* CO_DIAG_E_DUPKEY */
	"wrong type:",				/* CO_DIAG_E_TYPE */
	"unknown key",				/* CO_DIAG_E_UNKNOWN_KEY */
	"missing",				/* CO_DIAG_E_MISSING */
	"empty value:",				/* CO_DIAG_E_EMPTY */
	"invalid date",				/* CO_DIAG_E_DATE */
	"invalid value",			/* CO_DIAG_E_VALUE */
	"invalid e-mail address",		/* CO_DIAG_E_EMAIL */
	"invalid URL",				/* CO_DIAG_E_URL */
	"invalid amount",			/* CO_DIAG_E_AMOUNT */
	"invalid period:",			/* CO_DIAG_E_PERIOD */
	"conflicting keys:",			/* CO_DIAG_E_CONFLICT */
	"not a valid closeout XML report:",	/* CO_DIAG_E_SCHEMA */
	"font not installed:",			/* CO_DIAG_E_FONT */
	"heading inside prose:",		/* CO_DIAG_E_HEADING */
	"unknown cross-reference:",		/* CO_DIAG_E_XREF */
	"bad id:",				/* CO_DIAG_E_ID */
	"fatal",				/* CO_DIAG_FATAL */
	"cannot read file:",			/* CO_DIAG_F_READ */
	"file too large:",			/* CO_DIAG_F_SIZE */
	"not a regular file",			/* CO_DIAG_F_NOTFILE */
};

/* Messages shown per document; the rest are counted, not printed. */
#define MAX_SHOWN	100
/* Bytes of one message line, before the source line. */
#define MAX_MESSAGE	1000

static const char *const level_names[] = {
	"ok", "hint", "warning", "error", "fatal"
};

void
diags_init(struct co_diags *d, const char *path, co_diag_fn sink, void *sink_arg,
    struct co_diags *parent)
{
	memset(d, 0, sizeof(*d));
	d->path = g_strdup(path);
	d->sink = sink;
	d->sink_arg = sink_arg;
	d->parent = parent;
}

void
diags_set_source(struct co_diags *d, const char *src, size_t len, int breaks)
{
	srcmap_free(d->map);
	d->map = NULL;
	d->src = src;
	d->srclen = len;
	d->breaks = breaks;
}

const struct srcmap *
diags_map(struct co_diags *d)
{
	if (d->src == NULL)
		return NULL;
	if (d->map == NULL)
		d->map = srcmap_new(d->src, d->srclen, d->breaks);
	return d->map;
}

void
diags_free(struct co_diags *d)
{
	diag_flush(d);
	srcmap_free(d->map);
	g_free((char *)d->path);
	memset(d, 0, sizeof(*d));
}

bool
diag_shown(const struct co_diags *d)
{
	return d->count[CO_LEVEL_WARNING] + d->count[CO_LEVEL_ERROR] +
	    d->count[CO_LEVEL_FATAL] <= MAX_SHOWN;
}

enum co_level
diag_level(enum co_diag_id id)
{
	if (id >= CO_DIAG_FATAL)
		return CO_LEVEL_FATAL;
	if (id >= CO_DIAG_ERROR)
		return CO_LEVEL_ERROR;
	if (id >= CO_DIAG_WARNING)
		return CO_LEVEL_WARNING;
	return CO_LEVEL_HINT;
}

const char *
diag_text(enum co_diag_id id)
{
	return diag_texts[id];
}

/* A source line longer than this (in characters) is shown around the caret. */
#define MAX_SHOWN_LINE	160
#define LINE_CONTEXT	60

/*
 * Appends n bytes of s with every control character (C0 but tab, DEL, C1)
 * shown as '?': a message must not drive the terminal that shows it.
 */
static void
append_clean(GString *out, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + n;

	for (; p < end; p++) {
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			g_string_append_c(out, '?');
		else if (*p == 0xc2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9f) {
			g_string_append_c(out, '?');
			p++;
		} else
			g_string_append_c(out, (char)*p);
	}
}

/* n characters on from p, stopping at end. */
static const char *
skip_chars(const char *p, const char *end, unsigned long n)
{
	for (; n > 0 && p < end; n--)
		p = g_utf8_next_char(p);
	return p < end ? p : end;
}

/*
 * Appends source line "line" (0-based) and a caret under column "col".  A
 * very long line (a minified file, a 1 MB value) is cut around the caret;
 * only the part shown is looked at, so a message costs no more than that.
 */
static void
append_source(GString *out, struct co_diags *d, struct co_pos pos)
{
	const struct srcmap	*map = diags_map(d);
	const char		*p, *eol, *from, *to;
	size_t			 start, end;
	unsigned long		 first, caret, i;

	if (map == NULL || !srcmap_line(map, pos.line, &start, &end) || start >= d->srclen)
		return;
	p = d->src + start;
	eol = d->src + end;
	from = p;
	to = eol;
	first = 0;
	if (skip_chars(p, eol, MAX_SHOWN_LINE + 1) < eol) {
		first = pos.col > LINE_CONTEXT ? pos.col - LINE_CONTEXT : 0;
		from = skip_chars(p, eol, first);
		to = skip_chars(from, eol, 2 * LINE_CONTEXT);
	}
	/* Show nothing rather than garbage if the line itself is not text. */
	if (!g_utf8_validate(from, to - from, NULL) || memchr(from, '\0', to - from))
		return;
	g_string_append(out, "  ");
	if (from > p)
		g_string_append(out, "...");
	append_clean(out, from, to - from);
	if (to < eol)
		g_string_append(out, "...");
	g_string_append(out, "\n  ");
	if (from > p)
		g_string_append(out, "   ");
	caret = pos.col - first;
	for (i = 0; i < caret && from < to; i++, from = g_utf8_next_char(from))
		g_string_append_c(out, *from == '\t' ? '\t' : ' ');
	g_string_append(out, "^\n");
}

static void	give(struct co_diags *, struct co_pos, enum co_level, bool, GString *);

/* Counts a message in "d" and in every diags it reports to. */
static void
count(struct co_diags *d, enum co_level level)
{
	for (; d != NULL; d = d->parent) {
		if (level > d->worst)
			d->worst = level;
		d->count[level]++;
	}
}

void
co_diag(struct co_diags *doc, struct co_pos pos, enum co_diag_id id,
    const char *fmt, ...)
{
	enum co_level	 level;
	GString		*out, *text;
	va_list		 ap;
	char		*valid, *cut;
	int		 shown;

	level = diag_level(id);
	if (level != CO_LEVEL_HINT)
		count(doc, level);

	/* After MAX_SHOWN messages (and their hints) only the counts go on. */
	shown = doc->count[CO_LEVEL_WARNING] + doc->count[CO_LEVEL_ERROR] +
	    doc->count[CO_LEVEL_FATAL];
	if (shown > MAX_SHOWN) {
		if (shown == MAX_SHOWN + 1 && level != CO_LEVEL_HINT && doc->sink != NULL) {
			out = g_string_new(NULL);
			g_string_append_printf(out, "%s: note: more than %d messages; "
			    "the rest are not shown\n", doc->path, MAX_SHOWN);
			/* After every message shown, in source order or not. */
			give(doc, (struct co_pos){ UINT_MAX, UINT_MAX }, CO_LEVEL_HINT, true, out);
		}
		return;
	}

	text = g_string_new(NULL);
	g_string_append_printf(text, "%s:%u:%u: %s: ", doc->path,
	    pos.line + 1, pos.col + 1, level_names[level]);
	if (id != CO_DIAG_HINT)
		g_string_append(text, diag_texts[id]);
	if (fmt != NULL) {
		if (id != CO_DIAG_HINT)
			g_string_append_c(text, ' ');
		va_start(ap, fmt);
		g_string_append_vprintf(text, fmt, ap);
		va_end(ap);
	}
	/* A quoted value can be a megabyte long: the message line is not. */
	if (text->len > MAX_MESSAGE) {
		cut = text->str + MAX_MESSAGE;
		while (cut > text->str && ((unsigned char)*cut & 0xc0) == 0x80)
			cut--;
		g_string_truncate(text, cut - text->str);
		g_string_append(text, "...");
	}
	/*
	 * File names and quoted values are the user's, and libxml2 quotes
	 * raw bytes: no control characters, and nothing but UTF-8.
	 */
	out = g_string_new(NULL);
	if (g_utf8_validate(text->str, text->len, NULL))
		append_clean(out, text->str, text->len);
	else {
		valid = g_utf8_make_valid(text->str, text->len);
		append_clean(out, valid, strlen(valid));
		g_free(valid);
	}
	g_string_free(text, TRUE);
	g_string_append_c(out, '\n');
	if (level != CO_LEVEL_HINT)
		append_source(out, doc, pos);
	give(doc, pos, level, level != CO_LEVEL_HINT, out);
}

/* One message waiting; a hint sorts with the message it belongs to. */
struct held_msg {
	struct co_pos	 pos;		/* of the message, or of the hint's message */
	guint		 seq;		/* the message's order of arrival */
	enum co_level	 level;
	char		*text;
};

struct diag_held {
	GArray		*msgs;		/* struct held_msg */
	struct co_pos	 last_pos;	/* of the last message that was not a hint */
	guint		 last_seq;
};

/* Hands "out" (taken) to the sink, or holds it; a hint joins the last message. */
static void
give(struct co_diags *doc, struct co_pos pos, enum co_level level, bool message, GString *out)
{
	struct held_msg	 m;

	if (doc->held == NULL) {
		if (doc->sink != NULL)
			doc->sink(level, out->str, doc->sink_arg);
		g_string_free(out, TRUE);
		return;
	}
	if (message) {
		doc->held->last_pos = pos;
		doc->held->last_seq = doc->held->msgs->len;
	}
	m.pos = doc->held->last_pos;
	m.seq = doc->held->last_seq;
	m.level = level;
	m.text = g_string_free(out, FALSE);
	g_array_append_val(doc->held->msgs, m);
}

void
diag_hold(struct co_diags *doc)
{
	if (doc->held != NULL)
		return;
	doc->held = g_new0(struct diag_held, 1);
	doc->held->msgs = g_array_new(FALSE, FALSE, sizeof(struct held_msg));
}

static gint
held_cmp(gconstpointer a, gconstpointer b)
{
	const struct held_msg	*x = a, *y = b;

	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return 0;
}

void
diag_flush(struct co_diags *doc)
{
	struct diag_held	*h = doc->held;
	guint			 i;

	if (h == NULL)
		return;
	doc->held = NULL;
	/* A stable sort (GLib's is): hints stay after their message. */
	g_array_sort(h->msgs, held_cmp);
	for (i = 0; i < h->msgs->len; i++) {
		struct held_msg *m = &g_array_index(h->msgs, struct held_msg, i);
		if (doc->sink != NULL)
			doc->sink(m->level, m->text, doc->sink_arg);
		g_free(m->text);
	}
	g_array_free(h->msgs, TRUE);
	g_free(h);
}

/* Levenshtein distance, capped: enough to rank a handful of keys. */
static size_t
distance(const char *a, const char *b)
{
	size_t	 la, lb, i, j, *row, prev, tmp, best;

	la = strlen(a);
	lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	row = g_new(size_t, lb + 1);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (g_ascii_tolower(a[i - 1]) != g_ascii_tolower(b[j - 1]));
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	g_free(row);
	return best;
}

const char *
diag_nearest(const char *word, const char *const *cands)
{
	const char	*best = NULL;
	size_t		 d, bestd = (size_t)-1, limit;

	limit = strlen(word) / 3 + 1;
	if (limit > 3)
		limit = 3;
	for (; *cands != NULL; cands++) {
		d = distance(word, *cands);
		/* A prefix of a key ("deliverable" for "deliverables") also counts. */
		if (d > limit && strlen(word) >= 4 &&
		    (g_str_has_prefix(*cands, word) || g_str_has_prefix(word, *cands)))
			d = limit;
		if (d <= limit && d < bestd) {
			bestd = d;
			best = *cands;
		}
	}
	return best;
}
