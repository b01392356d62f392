/* diag.c: the message texts and co_diag(), the only code that prints file:line:col. */
#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "diag.h"
#include "model.h"

static const char *const diag_texts[CO_DIAG__MAX] = {
	"hint",					/* CO_DIAG_HINT */
	"warning",				/* CO_DIAG_WARNING */
	"link kept as plain text:",		/* CO_DIAG_W_LINK_SCHEME */
	"empty table:",				/* CO_DIAG_W_EMPTY_TABLE */
	"no date:",				/* CO_DIAG_W_UNDATED */
	"logo left out:",			/* CO_DIAG_W_LOGO */
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
	"fatal",				/* CO_DIAG_FATAL */
	"cannot read file:",			/* CO_DIAG_F_READ */
	"file too large:",			/* CO_DIAG_F_SIZE */
	"not a regular file",			/* CO_DIAG_F_NOTFILE */
};

static const char *const level_names[] = {
	"ok", "hint", "warning", "error", "fatal"
};

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

/* Appends source line "line" (0-based) and a caret under column "col". */
static void
append_source(GString *out, const struct co_doc *doc, struct co_pos pos)
{
	const char	*p, *end, *eol;
	unsigned	 line, i;

	if (doc->src == NULL)
		return;
	p = doc->src;
	end = doc->src + doc->srclen;
	for (line = 0; line < pos.line && p < end; line++) {
		p = memchr(p, '\n', end - p);
		if (p == NULL)
			return;
		p++;
	}
	if (p >= end)
		return;
	eol = memchr(p, '\n', end - p);
	if (eol == NULL)
		eol = end;
	if (eol > p && eol[-1] == '\r')
		eol--;
	/* Show nothing rather than garbage if the line itself is not text. */
	if (!g_utf8_validate(p, eol - p, NULL) || memchr(p, '\0', eol - p))
		return;
	g_string_append(out, "  ");
	g_string_append_len(out, p, eol - p);
	g_string_append(out, "\n  ");
	for (i = 0; i < pos.col && p < eol; i++, p = g_utf8_next_char(p))
		g_string_append_c(out, *p == '\t' ? '\t' : ' ');
	g_string_append(out, "^\n");
}

void
co_diag(struct co_doc *doc, struct co_pos pos, enum co_diag_id id,
    const char *fmt, ...)
{
	enum co_level	 level;
	GString		*out;
	va_list		 ap;

	level = diag_level(id);
	if (level > doc->worst && level != CO_LEVEL_HINT)
		doc->worst = level;
	if (level != CO_LEVEL_HINT)
		doc->count[level]++;

	out = g_string_new(NULL);
	g_string_append_printf(out, "%s:%u:%u: %s: ", doc->path,
	    pos.line + 1, pos.col + 1, level_names[level]);
	if (id != CO_DIAG_HINT)
		g_string_append(out, diag_texts[id]);
	if (fmt != NULL) {
		if (id != CO_DIAG_HINT)
			g_string_append_c(out, ' ');
		va_start(ap, fmt);
		g_string_append_vprintf(out, fmt, ap);
		va_end(ap);
	}
	g_string_append_c(out, '\n');
	if (level != CO_LEVEL_HINT)
		append_source(out, doc, pos);
	if (doc->sink != NULL)
		doc->sink(level, out->str, doc->sink_arg);
	g_string_free(out, TRUE);
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
