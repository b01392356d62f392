/* inline.c: prose into paragraphs and lists, and the small inline syntax into nodes. */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "text.h"

/* Characters that end a bare URL or address when they close it. */
#define TRAILING ".,;:!?\"'\xe2\x80\x9d)"

char *
text_squeeze(const char *s, size_t len)
{
	GString		*out;
	const char	*p, *end;
	bool		 space = false;

	out = g_string_sized_new(len);
	for (p = s, end = s + len; p < end; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = out->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(out, ' ');
		space = false;
		g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}

static bool
is_word_char(unsigned char c)
{
	return g_ascii_isalnum(c) || c >= 0x80;
}

/* Length of a bare URL at s (http://, https://, www.), or 0. */
static size_t
match_url(const char *s, const char *end)
{
	const char	*p;
	int		 depth = 0;

	if (!(g_str_has_prefix(s, "http://") || g_str_has_prefix(s, "https://") ||
	    g_str_has_prefix(s, "www.")))
		return 0;
	for (p = s; p < end && *p != ' ' && *p != '<' && *p != '>'; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth < 0)
			break;
	}
	/* Sentence punctuation after a URL is not part of it. */
	while (p > s && strchr(TRAILING, p[-1]) != NULL &&
	    !(p[-1] == ')' && depth >= 0 && memchr(s, '(', p - s)))
		p--;
	while (p > s && (unsigned char)p[-1] == 0xe2)
		p--;
	if (p - s <= 8)
		return 0;
	return p - s;
}

/* Length of an e-mail address at s, or 0. */
static size_t
match_email(const char *s, const char *end)
{
	const char	*p, *at = NULL, *dot = NULL;

	for (p = s; p < end && (g_ascii_isalnum(*p) || strchr("._%+-", *p)); p++)
		;
	if (p == s || p >= end || *p != '@')
		return 0;
	at = p++;
	for (; p < end && (g_ascii_isalnum(*p) || *p == '.' || *p == '-'); p++)
		if (*p == '.')
			dot = p;
	while (p > at && (p[-1] == '.' || p[-1] == '-'))
		p--;
	if (dot == NULL || dot >= p - 2 || dot == at + 1)
		return 0;
	return p - s;
}

static void add_inline(struct co_doc *, struct co_node *, const char *,
    const char *, struct co_pos, bool);

/* Finds the closing delimiter "delim" for a span opened just before s. */
static const char *
find_closer(const char *s, const char *end, const char *delim)
{
	size_t		 n = strlen(delim);
	const char	*p;

	for (p = s + 1; p + n <= end; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			continue;
		}
		if (strncmp(p, delim, n) != 0 || p[-1] == ' ')
			continue;
		/* "*" must not be the first star of "**". */
		if (n == 1 && p + 1 < end && p[1] == '*') {
			p++;
			continue;
		}
		return p;
	}
	return NULL;
}

/* Adds a link node unless the scheme is not one we allow. */
static void
add_link(struct co_doc *doc, struct co_node *parent, const char *href,
    const char *text, const char *text_end, struct co_pos pos)
{
	struct co_node	*link;

	link = model_add(doc, parent, CO_KIND_LINK, pos);
	link->as.link.href = arena_strdup(doc->arena, href);
	/* No links inside links: the text keeps emphasis only. */
	add_inline(doc, link, text, text_end, pos, /*links*/false);
}

static void
add_inline(struct co_doc *doc, struct co_node *parent, const char *s,
    const char *end, struct co_pos pos, bool links)
{
	const char	*p, *run, *close, *paren;
	struct co_node	*span;
	size_t		 n;
	char		*href, *target;

	run = s;
	for (p = s; p < end; ) {
		/* Backslash escapes the syntax characters. */
		if (*p == '\\' && p + 1 < end && strchr("*[]\\_()", p[1]) != NULL) {
			model_add_text(doc, parent, run, p - run, pos);
			run = p + 1;
			p += 2;
			continue;
		}
		if (*p == '*' && p + 1 < end && p[1] == '*' && p + 2 < end &&
		    p[2] != ' ' && (close = find_closer(p + 1, end, "**")) != NULL &&
		    close > p + 2) {
			model_add_text(doc, parent, run, p - run, pos);
			span = model_add(doc, parent, CO_KIND_STRONG, pos);
			add_inline(doc, span, p + 2, close, pos, links);
			p = run = close + 2;
			continue;
		}
		if (*p == '*' && p + 1 < end && p[1] != ' ' && p[1] != '*' &&
		    (p == s || !is_word_char(p[-1])) &&
		    (close = find_closer(p, end, "*")) != NULL) {
			model_add_text(doc, parent, run, p - run, pos);
			span = model_add(doc, parent, CO_KIND_EMPH, pos);
			add_inline(doc, span, p + 1, close, pos, links);
			p = run = close + 1;
			continue;
		}
		if (links && *p == '[' && (close = memchr(p, ']', end - p)) != NULL &&
		    close + 1 < end && close[1] == '(' &&
		    (paren = memchr(close, ')', end - close)) != NULL &&
		    close > p + 1) {
			target = g_strndup(close + 2, paren - close - 2);
			g_strstrip(target);
			if (url_valid(target) || (g_str_has_prefix(target, "mailto:") &&
			    email_valid(target + 7))) {
				model_add_text(doc, parent, run, p - run, pos);
				add_link(doc, parent, target, p + 1, close, pos);
				p = run = paren + 1;
				g_free(target);
				continue;
			}
			co_diag(doc, pos, CO_DIAG_W_LINK_SCHEME,
			    "'%s' is not an http, https or mailto address", target);
			g_free(target);
		}
		if (links && (p == s || !is_word_char(p[-1])) &&
		    (n = match_url(p, end)) > 0) {
			model_add_text(doc, parent, run, p - run, pos);
			href = *p == 'w' ? g_strdup_printf("https://%.*s", (int)n, p) :
			    g_strndup(p, n);
			add_link(doc, parent, href, p, p + n, pos);
			g_free(href);
			p = run = p + n;
			continue;
		}
		if (links && (p == s || !(is_word_char(p[-1]) || p[-1] == '.')) &&
		    (g_ascii_isalnum(*p)) && (n = match_email(p, end)) > 0) {
			model_add_text(doc, parent, run, p - run, pos);
			href = g_strdup_printf("mailto:%.*s", (int)n, p);
			add_link(doc, parent, href, p, p + n, pos);
			g_free(href);
			p = run = p + n;
			continue;
		}
		p++;
	}
	model_add_text(doc, parent, run, end - run, pos);
}

void
inline_parse(struct co_doc *doc, struct co_node *parent, const char *s,
    size_t len, struct co_pos pos)
{
	char	*flat;

	flat = text_squeeze(s, len);
	add_inline(doc, parent, flat, flat + strlen(flat), pos, /*links*/true);
	g_free(flat);
}

/* Length of a list marker at the start of "line" ("- ", "1. "), or 0. */
static size_t
list_marker(const char *line, bool *ordered, int *number)
{
	const char	*p = line;
	int		 n = 0, i;

	while (*p == ' ')
		p++;
	if ((*p == '-' || *p == '*') && p[1] == ' ') {
		*ordered = false;
		return p + 2 - line;
	}
	if (strncmp(p, "\xe2\x80\xa2 ", 4) == 0) {
		*ordered = false;
		return p + 4 - line;
	}
	for (i = 0; i < 3 && g_ascii_isdigit(*p); i++, p++)
		n = n * 10 + (*p - '0');
	if (i > 0 && (*p == '.' || *p == ')') && p[1] == ' ') {
		*ordered = true;
		*number = n;
		return p + 2 - line;
	}
	return 0;
}

/* Turns one block of lines (no blank line inside) into a paragraph or list. */
static void
add_block(struct co_doc *doc, struct co_node *parent, char **lines, int n,
    struct co_pos pos)
{
	struct co_node	*list, *node;
	GString		*buf;
	bool		 ordered, o2;
	int		 number, num2, i;
	size_t		 m;
	struct co_pos	 ipos;

	buf = g_string_new(NULL);
	if (list_marker(lines[0], &ordered, &number) == 0) {
		for (i = 0; i < n; i++) {
			g_string_append(buf, lines[i]);
			g_string_append_c(buf, '\n');
		}
		node = model_add(doc, parent, CO_KIND_PARA, pos);
		inline_parse(doc, node, buf->str, buf->len, pos);
		if (node->first == NULL)
			node->kind = CO_KIND_PARA;
		g_string_free(buf, TRUE);
		return;
	}
	list = model_add(doc, parent, CO_KIND_LIST, pos);
	list->as.list.ordered = ordered;
	list->as.list.start = ordered ? number : 1;
	ipos = pos;
	for (i = 0; i <= n; i++) {
		m = i < n ? list_marker(lines[i], &o2, &num2) : 0;
		if (i == n || (m > 0 && o2 == ordered)) {
			if (buf->len > 0) {
				node = model_add(doc, list, CO_KIND_ITEM, ipos);
				inline_parse(doc, node, buf->str, buf->len, ipos);
			}
			g_string_truncate(buf, 0);
			if (i == n)
				break;
			ipos.line = pos.line + i;
			g_string_append(buf, lines[i] + m);
		} else {
			/* A continuation line belongs to the item above. */
			g_string_append_c(buf, '\n');
			g_string_append(buf, lines[i]);
		}
	}
	g_string_free(buf, TRUE);
}

void
prose_parse(struct co_doc *doc, struct co_node *parent, const char *s,
    struct co_pos first)
{
	char		**lines;
	int		  i, start, n;
	struct co_pos	  pos;
	bool		  o;
	int		  num;

	lines = g_strsplit(s, "\n", -1);
	n = g_strv_length(lines);
	start = -1;
	for (i = 0; i <= n; i++) {
		bool blank = i == n || lines[i][strspn(lines[i], " \t\r")] == '\0';

		/* A numbered or bullet line after a paragraph line starts a new block. */
		if (!blank && start >= 0 && list_marker(lines[i], &o, &num) > 0 &&
		    list_marker(lines[start], &o, &num) == 0) {
			pos = first;
			pos.line += start;
			add_block(doc, parent, lines + start, i - start, pos);
			start = i;
			continue;
		}
		if (blank) {
			if (start >= 0) {
				pos = first;
				pos.line += start;
				add_block(doc, parent, lines + start, i - start, pos);
			}
			start = -1;
		} else if (start < 0)
			start = i;
	}
	g_strfreev(lines);
}
