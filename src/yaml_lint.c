/* yaml_lint.c: mistakes libyaml lets through or words badly, found by looking at the source around a scalar. */
#include <glib.h>
#include <string.h>

#include "srcmap.h"
#include "yaml_lint.h"

/* Quoted keys are short: a search back for one's start stops after this. */
#define MAX_KEY_SCAN	65536

/* Bytes of the line break at p (0 if none): LF, CR LF, CR, NEL, LS, PS, as libyaml counts. */
static size_t
brk(const char *p, const char *end)
{
	const unsigned char	*u = (const unsigned char *)p;

	if (p >= end)
		return 0;
	if (*u == '\n')
		return 1;
	if (*u == '\r')
		return p + 1 < end && u[1] == '\n' ? 2 : 1;
	if (*u == 0xc2 && p + 1 < end && u[1] == 0x85)
		return 2;
	if (*u == 0xe2 && p + 2 < end && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9))
		return 3;
	return 0;
}

static struct co_pos
pos_of(struct co_diags *d, size_t off)
{
	const struct srcmap	*map = diags_map(d);

	return map != NULL ? srcmap_pos(map, off) : (struct co_pos){ 0, 0 };
}

/* True if [from, to) holds a line break. */
static bool
has_break(const char *from, const char *to)
{
	for (; from < to; from++)
		if (brk(from, to) > 0)
			return true;
	return false;
}

/*
 * A '#' straight after a closing quote, or after '|' or '>' and their
 * indicators, starts a comment for libyaml; YAML wants white space before
 * it, and the author most likely meant the '#' as text.
 */
static bool
glued_comment(struct co_diags *d, const char *src, size_t len, const struct ylint_scalar *s)
{
	size_t	 p;

	if (s->style == YLINT_SINGLE || s->style == YLINT_DOUBLE) {
		if (s->end >= len || src[s->end] != '#')
			return true;
		co_diag(d, pos_of(d, s->end), CO_DIAG_E_SYNTAX,
		    "a comment needs a space before its '#'");
		co_diag(d, pos_of(d, s->end), CO_DIAG_HINT,
		    "put a space between the closing quote and '#', or the '#' inside the "
		    "quotes if it is part of the text");
		return false;
	}
	if (s->style != YLINT_BLOCK || s->start >= len ||
	    (src[s->start] != '|' && src[s->start] != '>'))
		return true;
	/* The indicators: a chomping '+' or '-' and an indentation digit, in either order. */
	for (p = s->start + 1; p < len && p < s->start + 3 &&
	    (src[p] == '+' || src[p] == '-' || g_ascii_isdigit(src[p])); p++)
		;
	if (p >= len || src[p] != '#')
		return true;
	co_diag(d, pos_of(d, p), CO_DIAG_E_SYNTAX, "a comment needs a space before its '#'");
	co_diag(d, pos_of(d, p), CO_DIAG_HINT, "write '%.*s # …', with a space before the "
	    "'#'; the text itself goes on the lines below", (int)(p - s->start), src + s->start);
	return false;
}

/*
 * The later lines of a quoted scalar are indented with spaces: libyaml
 * takes a tab there, YAML does not.  Said once, at the first such tab.
 */
static bool
quoted_tabs(struct co_diags *d, const char *src, const struct ylint_scalar *s)
{
	const char	*p = src + s->start, *end = src + s->end, *q, *tab;
	size_t		 n;

	if (s->style != YLINT_SINGLE && s->style != YLINT_DOUBLE)
		return true;
	while (p < end) {
		if ((n = brk(p, end)) == 0) {
			p++;
			continue;
		}
		/* A later line: a tab in the white space before its text? */
		p += n;
		for (q = p; q < end && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < end && brk(q, end) == 0 && (tab = memchr(p, '\t', q - p)) != NULL) {
			co_diag(d, pos_of(d, tab - src), CO_DIAG_E_TAB, "in quoted text");
			co_diag(d, pos_of(d, tab - src), CO_DIAG_HINT,
			    "indent the lines of a quoted text with spaces; YAML does not "
			    "allow tabs there");
			return false;
		}
		p = q;
	}
	return true;
}

/* Says that the quoted key starting at byte "at" goes over a line break. */
static void
split_key(struct co_diags *d, size_t at)
{
	co_diag(d, pos_of(d, at), CO_DIAG_E_SYNTAX, "a quoted key goes on over a line break");
	co_diag(d, pos_of(d, at), CO_DIAG_HINT,
	    "write the key on one line; a key is a word such as 'summary' or 'title'");
}

bool
ylint_scalar(struct co_diags *d, const char *src, size_t len, const struct ylint_scalar *s)
{
	bool	 ok = true;

	if (s->start >= len || s->end > len || s->end < s->start)
		return true;
	ok &= glued_comment(d, src, len, s);
	ok &= quoted_tabs(d, src, s);
	/* "? 'a<break>b'": an explicit key over lines, which libyaml takes. */
	if (s->key && (s->style == YLINT_SINGLE || s->style == YLINT_DOUBLE) &&
	    has_break(src + s->start, src + s->end)) {
		split_key(d, s->start);
		ok = false;
	}
	return ok;
}

bool
ylint_empty(const char *src, size_t len)
{
	const char	*p = src, *end = src + len, *eol, *t;
	size_t		 n;

	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		for (eol = p; eol < end && brk(eol, end) == 0; eol++)
			;
		for (t = p; t < eol && (*t == ' ' || *t == '\t'); t++)
			;
		/* A document marker, on its own or before a comment. */
		if (t == p && eol - t >= 3 && (memcmp(t, "---", 3) == 0 || memcmp(t, "...", 3) == 0)) {
			for (t += 3; t < eol && (*t == ' ' || *t == '\t'); t++)
				;
			if (t < eol && *t != '#')
				return false;
		} else if (t < eol && *t != '#' && !(t == p && *t == '%'))
			return false;
		n = brk(eol, end);
		p = eol + (n > 0 ? n : 1);
	}
	return true;
}

/* The value of n hex digits at p, or -1. */
static long
hex(const char *p, const char *end, int n)
{
	long	 v = 0;
	int	 i;

	for (i = 0; i < n; i++) {
		if (p + i >= end || !g_ascii_isxdigit(p[i]))
			return -1;
		v = v * 16 + g_ascii_xdigit_value(p[i]);
	}
	return v;
}

/* The characters build_forbidden() refuses. */
static bool
forbidden(long c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ||
	    (c >= 0x80 && c <= 0x9f && c != 0x85) || c == 0xfffe || c == 0xffff;
}

size_t
ylint_bad_escape(const char *src, size_t start, size_t end)
{
	const char	*p, *e = src + end;
	long		 c;

	for (p = src + start + 1; p + 1 < e; p++) {
		if (*p != '\\')
			continue;
		switch (p[1]) {
		case '0':
			c = 0;
			break;
		case 'a':
			c = 0x07;
			break;
		case 'b':
			c = 0x08;
			break;
		case 'e':
			c = 0x1b;
			break;
		case 'f':
			c = 0x0c;
			break;
		case 'v':
			c = 0x0b;
			break;
		case 'x':
			c = hex(p + 2, e, 2);
			break;
		case 'u':
			c = hex(p + 2, e, 4);
			break;
		case 'U':
			c = hex(p + 2, e, 8);
			break;
		default:
			c = -1;
			break;
		}
		if (c >= 0 && forbidden(c))
			return p - src;
		p++;		/* the escaped character: "\\" is one */
	}
	return end;
}

/* The opening quote of the quoted scalar whose closing quote is at q, or NULL. */
static const char *
opening_quote(const char *src, const char *q)
{
	const char	*p, *stop = q - src > MAX_KEY_SCAN ? q - MAX_KEY_SCAN : src;
	size_t		 bs;

	for (p = q - 1; p >= stop; p--) {
		if (*p != *q)
			continue;
		if (*q == '\'') {
			/* '' is a quote inside single quotes. */
			if (p > stop && p[-1] == '\'') {
				p--;
				continue;
			}
			return p;
		}
		for (bs = 0; p - bs > stop && p[-1 - (long)bs] == '\\'; bs++)
			;
		if (bs % 2 == 0)
			return p;
	}
	return NULL;
}

/* The closing quote of the quoted scalar opening at q, or NULL. */
static const char *
closing_quote(const char *q, const char *end)
{
	const char	*p;

	if (end - q > MAX_KEY_SCAN)
		end = q + MAX_KEY_SCAN;
	for (p = q + 1; p < end; p++) {
		if (*q == '"' && *p == '\\') {
			p++;
			continue;
		}
		if (*p != *q)
			continue;
		if (*q == '\'' && p + 1 < end && p[1] == '\'') {
			p++;
			continue;
		}
		return p;
	}
	return NULL;
}

bool
ylint_split_key(struct co_diags *d, const char *src, size_t len, size_t off, size_t said)
{
	const char	*p, *open = NULL, *close = NULL, *end = src + len;

	if (off >= len)
		return false;
	p = src + off;
	if (*p == '"' || *p == '\'') {
		open = p;
		if ((close = closing_quote(open, end)) == NULL)
			return false;
		/* A key: a ':' follows it. */
		for (p = close + 1; p < end && *p == ' '; p++)
			;
		if (p >= end || *p != ':')
			return false;
	} else if (*p == ':') {
		for (close = p - 1; close > src && *close == ' '; close--)
			;
		if (close < src || (*close != '"' && *close != '\''))
			return false;
		if ((open = opening_quote(src, close)) == NULL)
			return false;
	} else
		return false;
	if (!has_break(open, close))
		return false;
	if ((size_t)(open - src) != said)
		split_key(d, open - src);
	return true;
}
