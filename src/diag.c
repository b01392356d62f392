/* diag.c: the message texts and co_diag(), the only code that prints file:line:col. */
#include <glib.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "diag.h"
#include "srcmap.h"

/* Each message's name (for tools: --diagnostics=json) and its text. */
static const struct {
	const char	*name;		/* "unknown-key" */
	const char	*text;		/* "unknown key" */
} diag_texts[CO_DIAG__MAX] = {
	{ "hint", "hint" },				/* CO_DIAG_HINT */
	{ "warning", "warning" },			/* CO_DIAG_WARNING */
	{ "link-scheme", "link kept as plain text:" },	/* CO_DIAG_W_LINK_SCHEME */
	{ "empty-table", "empty table:" },		/* CO_DIAG_W_EMPTY_TABLE */
	{ "undated", "no date:" },			/* CO_DIAG_W_UNDATED */
	{ "logo", "logo left out:" },			/* CO_DIAG_W_LOGO */
	{ "hyphenation", "no hyphenation:" },		/* CO_DIAG_W_HYPHENATION */
	{ "table-wide", "table too wide:" },		/* CO_DIAG_W_TABLE_WIDE */
	{ "raw-html", "raw HTML printed as text:" },	/* CO_DIAG_W_RAW_HTML */
	{ "footnote", "footnote:" },			/* CO_DIAG_W_FOOTNOTE */
	{ "image-inline", "image in a sentence:" },	/* CO_DIAG_W_IMAGE_INLINE */
	{ "figure", "figure's image left out:" },	/* CO_DIAG_W_FIGURE */
	{ "alt-text", "no alt text:" },			/* CO_DIAG_W_ALT */
	{ "empty-section", "empty section:" },		/* CO_DIAG_W_EMPTY_SECTION */
	{ "char-break", "word broken between letters:" },	/* CO_DIAG_W_CHAR_BREAK */
	{ "funding", "funding does not match the budget:" },	/* CO_DIAG_W_FUNDING */
	{ "no-glyph", "no font has the character:" },	/* CO_DIAG_W_NO_GLYPH */
	{ "empty-item", "empty list item:" },		/* CO_DIAG_W_EMPTY_ITEM */
	{ "error", "error" },				/* CO_DIAG_ERROR */
	{ "syntax", "syntax error:" },			/* CO_DIAG_E_SYNTAX */
	{ "tab", "tab character used for indentation" },	/* CO_DIAG_E_TAB */
	{ "utf8", "invalid UTF-8:" },			/* CO_DIAG_E_UTF8 */
	{ "control-char", "forbidden character:" },	/* CO_DIAG_E_CONTROL */
	{ "multiple-documents", "more than one document in the file" },	/* CO_DIAG_E_MULTIDOC */
	{ "tag", "tags are not supported:" },		/* CO_DIAG_E_TAG */
	{ "alias", "anchors and aliases are not supported:" },	/* CO_DIAG_E_ALIAS */
	{ "depth", "nesting too deep:" },		/* CO_DIAG_E_DEPTH */
	{ "too-many-values", "too many values:" },	/* CO_DIAG_E_NODES */
	{ "duplicate-key", "duplicate key" },		/* CO_DIAG_E_DUPKEY */
	{ "type", "wrong type:" },			/* CO_DIAG_E_TYPE */
	{ "unknown-key", "unknown key" },		/* CO_DIAG_E_UNKNOWN_KEY */
	{ "missing", "missing" },			/* CO_DIAG_E_MISSING */
	{ "empty", "empty value:" },			/* CO_DIAG_E_EMPTY */
	{ "date", "invalid date" },			/* CO_DIAG_E_DATE */
	{ "value", "invalid value" },			/* CO_DIAG_E_VALUE */
	{ "email", "invalid e-mail address" },		/* CO_DIAG_E_EMAIL */
	{ "url", "invalid URL" },			/* CO_DIAG_E_URL */
	{ "amount", "invalid amount" },			/* CO_DIAG_E_AMOUNT */
	{ "period", "invalid period:" },		/* CO_DIAG_E_PERIOD */
	{ "conflict", "conflicting keys:" },		/* CO_DIAG_E_CONFLICT */
	{ "schema", "not a valid closeout XML report:" },	/* CO_DIAG_E_SCHEMA */
	{ "font", "font not installed:" },		/* CO_DIAG_E_FONT */
	{ "heading", "heading inside prose:" },		/* CO_DIAG_E_HEADING */
	{ "xref", "unknown cross-reference:" },		/* CO_DIAG_E_XREF */
	{ "id", "bad id:" },				/* CO_DIAG_E_ID */
	{ "too-long", "paragraph too long:" },		/* CO_DIAG_E_TOO_LONG */
	{ "no-report", "no report found:" },		/* CO_DIAG_E_NO_REPORT */
	{ "encoding", "not UTF-8:" },			/* CO_DIAG_E_ENCODING */
	{ "limit", "limit reached:" },			/* CO_DIAG_E_LIMIT */
	{ "fatal", "fatal" },				/* CO_DIAG_FATAL */
	{ "read", "cannot read file:" },		/* CO_DIAG_F_READ */
	{ "size", "file too large:" },			/* CO_DIAG_F_SIZE */
	{ "not-a-file", "not a regular file" },		/* CO_DIAG_F_NOTFILE */
};

/* Messages shown per document; the rest are counted, not printed. */
#define MAX_SHOWN	100
/* Bytes of one message line, before the source line. */
#define MAX_MESSAGE	1000

static const char *const level_names[] = {
	"ok", "hint", "warning", "error", "fatal"
};

void
diags_init(struct co_diags *d, const char *path, co_diag_fn sink,
    co_diag_struct_fn struct_sink, void *sink_arg, struct co_diags *parent)
{
	memset(d, 0, sizeof(*d));
	d->path = g_strdup(path);
	d->sink = sink;
	d->struct_sink = struct_sink;
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
	return diag_texts[id].text;
}

const char *
diag_name(enum co_diag_id id)
{
	return diag_texts[id].name;
}

/* A source line longer than this (in characters) is shown around the caret. */
#define MAX_SHOWN_LINE	160
#define LINE_CONTEXT	60

/*
 * Appends n bytes of s with every control character (C0 but tab, DEL, C1)
 * shown as '?', and a NUL (only a source line has one) as the symbol for
 * it: a message must not drive the terminal that shows it.
 */
static void
append_clean(GString *out, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + n;

	for (; p < end; p++) {
		if (*p == '\0')
			g_string_append(out, "\xe2\x90\x80");	/* U+2400, one column as the NUL was */
		else if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			g_string_append_c(out, '?');
		else if (*p == 0xc2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9f) {
			g_string_append_c(out, '?');
			p++;
		} else
			g_string_append_c(out, (char)*p);
	}
}

/* True if [from, to) is UTF-8, NUL bytes allowed: they are shown as U+2400. */
static bool
is_text(const char *from, const char *to)
{
	const char	*nul;

	while ((nul = memchr(from, '\0', to - from)) != NULL) {
		if (!g_utf8_validate(from, nul - from, NULL))
			return false;
		from = nul + 1;
	}
	return g_utf8_validate(from, to - from, NULL);
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
	gunichar		 c;

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
	if (!is_text(from, to))
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
	/* As wide as what is above it: nothing under a combining mark, two under a wide character. */
	caret = pos.col - first;
	for (i = 0; i < caret && from < to; i++, from = g_utf8_next_char(from)) {
		c = *from == '\0' ? 0 : g_utf8_get_char(from);
		if (*from == '\t')
			g_string_append_c(out, '\t');
		else if (c != 0 && g_unichar_iszerowidth(c))
			;
		else
			g_string_append(out, c != 0 && g_unichar_iswide(c) ? "  " : " ");
	}
	g_string_append(out, "^\n");
}

/* One finished message on its way to the sinks. */
struct held_msg {
	struct co_pos	 pos;		/* of the message, or of the hint's message: its order */
	guint		 seq;		/* the message's order of arrival */
	struct co_pos	 at;		/* its own place */
	enum co_level	 level;
	enum co_diag_id	 id;		/* CO_DIAG__MAX: the note that the rest are not shown */
	char		*text;		/* compiler style, for co_diag_fn */
	char		*msg;		/* the message alone, for co_diag_struct_fn, or NULL */
};

static void	give(struct co_diags *, bool, struct held_msg *);

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

/* The diags whose sinks take the messages: a template's go to its report's. */
static struct co_diags *
root(struct co_diags *d)
{
	while (d->parent != NULL)
		d = d->parent;
	return d;
}

/*
 * A message line as shown: at most MAX_MESSAGE bytes (a quoted value can be
 * a megabyte long), and since file names and quoted values are the user's,
 * and libxml2 quotes raw bytes, no control characters and nothing but UTF-8.
 */
static GString *
clean_line(GString *text)
{
	GString	*out;
	char	*valid, *cut;

	if (text->len > MAX_MESSAGE) {
		cut = text->str + MAX_MESSAGE;
		while (cut > text->str && ((unsigned char)*cut & 0xc0) == 0x80)
			cut--;
		g_string_truncate(text, cut - text->str);
		g_string_append(text, "...");
	}
	out = g_string_new(NULL);
	if (g_utf8_validate(text->str, text->len, NULL))
		append_clean(out, text->str, text->len);
	else {
		valid = g_utf8_make_valid(text->str, text->len);
		append_clean(out, valid, strlen(valid));
		g_free(valid);
	}
	return out;
}

void
co_diag(struct co_diags *doc, struct co_pos pos, enum co_diag_id id,
    const char *fmt, ...)
{
	struct co_diags	*to;
	struct held_msg	 m;
	enum co_level	 level;
	GString		*out, *text, *body;
	va_list		 ap;
	int		 shown;

	/* Layout without a place for its messages (a test's) says nothing. */
	if (doc == NULL)
		return;
	to = root(doc);

	level = diag_level(id);
	if (level != CO_LEVEL_HINT)
		count(doc, level);

	/* After MAX_SHOWN messages (and their hints) only the counts go on. */
	shown = doc->count[CO_LEVEL_WARNING] + doc->count[CO_LEVEL_ERROR] +
	    doc->count[CO_LEVEL_FATAL];
	if (shown > MAX_SHOWN) {
		if (shown == MAX_SHOWN + 1 && level != CO_LEVEL_HINT &&
		    (to->sink != NULL || to->struct_sink != NULL)) {
			memset(&m, 0, sizeof(m));
			/* After every message shown, in source order or not. */
			m.at = m.pos = (struct co_pos){ UINT_MAX, UINT_MAX };
			m.level = CO_LEVEL_HINT;
			m.id = CO_DIAG__MAX;
			m.msg = g_strdup_printf("more than %d messages; the rest are not shown",
			    MAX_SHOWN);
			m.text = g_strdup_printf("%s: note: %s\n", doc->path, m.msg);
			give(doc, /*message*/true, &m);
		}
		return;
	}

	body = g_string_new(NULL);
	if (id != CO_DIAG_HINT)
		g_string_append(body, diag_texts[id].text);
	if (fmt != NULL) {
		if (id != CO_DIAG_HINT)
			g_string_append_c(body, ' ');
		va_start(ap, fmt);
		g_string_append_vprintf(body, fmt, ap);
		va_end(ap);
	}
	text = g_string_new(NULL);
	g_string_append_printf(text, "%s:%u:%u: %s: %s", doc->path,
	    pos.line + 1, pos.col + 1, level_names[level], body->str);
	out = clean_line(text);
	g_string_free(text, TRUE);
	g_string_append_c(out, '\n');
	if (level != CO_LEVEL_HINT)
		append_source(out, doc, pos);

	m.pos = m.at = pos;
	m.seq = 0;
	m.level = level;
	m.id = id;
	m.text = g_string_free(out, FALSE);
	m.msg = to->struct_sink != NULL ? g_string_free(clean_line(body), FALSE) : NULL;
	g_string_free(body, TRUE);
	give(doc, level != CO_LEVEL_HINT, &m);
}

/* A message that waits for its hints before a structured sink gets it. */
struct diag_pending {
	char		*file;		/* the diags' path: a template's is gone by then */
	struct co_pos	 at;
	enum co_level	 level;
	enum co_diag_id	 id;
	char		*msg;
	GArray		*hints;		/* struct co_hint, each message g_malloc'd */
};

/* Gives the waiting message, if any, to the structured sink of "d" (a root). */
static void
deliver_pending(struct co_diags *d)
{
	struct diag_pending	*p = d->pending;
	struct co_diagnostic	 diag;
	guint			 i;

	if (p == NULL)
		return;
	d->pending = NULL;
	diag.file = p->file;
	diag.line = p->at.line == UINT_MAX ? 0 : p->at.line + 1;
	diag.column = p->at.col == UINT_MAX ? 0 : p->at.col + 1;
	diag.level = p->level;
	diag.id = p->id == CO_DIAG__MAX ? "too-many-messages" : diag_texts[p->id].name;
	diag.message = p->msg;
	diag.hints = (const struct co_hint *)p->hints->data;
	diag.nhints = p->hints->len;
	d->struct_sink(&diag, d->sink_arg);
	for (i = 0; i < p->hints->len; i++)
		g_free((char *)g_array_index(p->hints, struct co_hint, i).message);
	g_array_free(p->hints, TRUE);
	g_free(p->file);
	g_free(p->msg);
	g_free(p);
}

/*
 * Hands message "m" (its strings taken) about the file of "from" to the
 * sinks of its root: the text at once, the parts once the hints that
 * follow are known.  A hint with no message before it goes alone.
 */
static void
deliver(struct co_diags *from, struct held_msg *m)
{
	struct co_diags		*d = root(from);
	struct diag_pending	*p;
	struct co_hint		 h;
	GString			*path;

	if (d->sink != NULL)
		d->sink(m->level, m->text, d->sink_arg);
	g_free(m->text);
	if (d->struct_sink == NULL || m->msg == NULL) {
		g_free(m->msg);
		return;
	}
	if (m->id == CO_DIAG_HINT && d->pending != NULL) {
		h.line = m->at.line + 1;
		h.column = m->at.col + 1;
		h.message = m->msg;
		g_array_append_val(d->pending->hints, h);
		return;
	}
	deliver_pending(d);
	p = g_new0(struct diag_pending, 1);
	path = g_string_new(from->path);
	p->file = g_string_free(clean_line(path), FALSE);
	g_string_free(path, TRUE);
	p->at = m->at;
	p->level = m->level;
	p->id = m->id;
	p->msg = m->msg;
	p->hints = g_array_new(FALSE, FALSE, sizeof(struct co_hint));
	d->pending = p;
	/* The note has no hints to wait for. */
	if (m->id == CO_DIAG__MAX)
		deliver_pending(d);
}

struct diag_held {
	GArray		*msgs;		/* struct held_msg */
	struct co_pos	 last_pos;	/* of the last message that was not a hint */
	guint		 last_seq;
};

/* Delivers "m" (taken), or holds it; a hint joins the last message. */
static void
give(struct co_diags *doc, bool message, struct held_msg *m)
{
	if (doc->held == NULL) {
		deliver(doc, m);
		return;
	}
	if (message) {
		doc->held->last_pos = m->pos;
		doc->held->last_seq = doc->held->msgs->len;
	}
	m->pos = doc->held->last_pos;
	m->seq = doc->held->last_seq;
	g_array_append_val(doc->held->msgs, *m);
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
	struct co_diags		*to = root(doc);
	guint			 i;

	if (h != NULL) {
		doc->held = NULL;
		/* A stable sort (GLib's is): hints stay after their message. */
		g_array_sort(h->msgs, held_cmp);
		for (i = 0; i < h->msgs->len; i++)
			deliver(doc, &g_array_index(h->msgs, struct held_msg, i));
		g_array_free(h->msgs, TRUE);
		g_free(h);
	}
	if (to->struct_sink != NULL)
		deliver_pending(to);
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

const char *
co_nearest(const char *word, const char *const *cands)
{
	return diag_nearest(word, cands);
}
