/* inline.c: prose into paragraphs and lists, and the small inline syntax into nodes. */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "text.h"

/* Spans nest at most this deep; deeper openers stay text (keeps the stack bounded). */
#define MAX_SPAN_DEPTH	16
/* A link target longer than this is no link: "[a](" runs cost no more than that. */
#define MAX_TARGET	2048

/*
 * Text with the source place of each of its bytes.  Prose goes through
 * several rewrites (split into lines, list markers cut, white space
 * squeezed); every byte keeps its place, so that a node made from it, and a
 * message about it, names the line and column where the author wrote it.
 */
struct ptext {
	GString		*s;		/* the bytes */
	GArray		*pos;		/* struct co_pos per byte; NULL: all at "at" */
	struct co_pos	 at;		/* place of every byte when pos is NULL */
};

/* What add_inline() works on: a squeezed text and its places. */
struct iparse {
	struct co_doc		*doc;	/* for nodes and messages */
	const char		*base;	/* the squeezed text */
	const struct co_pos	*pos;	/* place of each byte of base, or NULL */
	struct co_pos		 at;	/* place of every byte when pos is NULL */
};

static struct ptext *
ptext_new(bool mapped, struct co_pos at)
{
	struct ptext	*t;

	t = g_new0(struct ptext, 1);
	t->s = g_string_new(NULL);
	t->pos = mapped ? g_array_new(FALSE, FALSE, sizeof(struct co_pos)) : NULL;
	t->at = at;
	return t;
}

static void
ptext_free(struct ptext *t)
{
	g_string_free(t->s, TRUE);
	if (t->pos != NULL)
		g_array_free(t->pos, TRUE);
	g_free(t);
}

/* Appends n bytes of s, placed by "pos" (n entries), or all at "at" if pos is NULL. */
static void
ptext_append(struct ptext *t, const char *s, size_t n, const struct co_pos *pos,
    struct co_pos at)
{
	size_t	 i;

	g_string_append_len(t->s, s, n);
	if (t->pos == NULL)
		return;
	if (pos != NULL)
		g_array_append_vals(t->pos, pos, n);
	else
		for (i = 0; i < n; i++)
			g_array_append_val(t->pos, at);
}

/* The place of byte "i" of t (the last byte's for the end). */
static struct co_pos
ptext_pos(const struct ptext *t, size_t i)
{
	if (t->pos == NULL || t->pos->len == 0)
		return t->at;
	if (i >= t->pos->len)
		i = t->pos->len - 1;
	return g_array_index(t->pos, struct co_pos, i);
}

/* The places from byte i on, or NULL if t has none (also when it is empty). */
static const struct co_pos *
ptext_posv(const struct ptext *t, size_t i)
{
	if (t->pos == NULL || i >= t->pos->len)
		return NULL;
	return &g_array_index(t->pos, struct co_pos, i);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Squeezes white space runs of n bytes at s (placed by pos) into one space, trimmed. */
static void
squeeze_into(struct ptext *out, const char *s, size_t n, const struct co_pos *pos,
    struct co_pos at)
{
	size_t	 i, start;
	bool	 space = false;

	for (i = 0; i < n; ) {
		if (is_space(s[i])) {
			space = out->s->len > 0;
			i++;
			continue;
		}
		if (space)
			ptext_append(out, " ", 1, pos ? &pos[i - 1] : NULL, at);
		space = false;
		for (start = i; i < n && !is_space(s[i]); i++)
			;
		ptext_append(out, s + start, i - start, pos ? pos + start : NULL, at);
	}
}

char *
text_squeeze(const char *s, size_t len)
{
	struct ptext	*t;
	char		*out;

	t = ptext_new(false, (struct co_pos){ 0, 0 });
	squeeze_into(t, s, len, NULL, t->at);
	out = g_string_free(t->s, FALSE);
	g_free(t);
	return out;
}

static bool
is_word_char(unsigned char c)
{
	return g_ascii_isalnum(c) || c >= 0x80;
}

/* Sentence punctuation that ends a bare URL rather than belonging to it. */
static bool
is_trailing(gunichar c)
{
	return (c != 0 && c < 0x80 && strchr(".,;:!?\"'", (int)c) != NULL) ||
	    c == 0x201d;
}

/*
 * Length of a bare URL at s (http://, https://, www.), or 0.  Parentheses
 * that open and close inside it are its own ("Foo_(bar)"); a ')' that closes
 * one opened before it ("(see https://…)") ends it, as does sentence
 * punctuation after it.
 */
static size_t
match_url(const char *s, const char *end)
{
	const char	*p, *prev;
	int		 depth = 0;

	if (!(g_str_has_prefix(s, "http://") || g_str_has_prefix(s, "https://") ||
	    g_str_has_prefix(s, "www.")))
		return 0;
	for (p = s; p < end && *p != ' ' && *p != '<' && *p != '>'; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth-- == 0)
			break;
	}
	/*
	 * Every ')' before p closes a '(' of the URL, so trimming stops at
	 * one.  Trim whole characters, never half of one.
	 */
	while (p > s) {
		prev = g_utf8_find_prev_char(s, p);
		if (prev == NULL || !is_trailing(g_utf8_get_char(prev)))
			break;
		p = prev;
	}
	if (p - s <= 8)
		return 0;
	return p - s;
}

/*
 * Length of an e-mail address at s, or 0.  Full stops and hyphens that end
 * it belong to the sentence ("write to a.b@example.org."), not the address.
 * On failure *stop is where the next attempt may start: every start before
 * it would reach the same '@' and fail the same way.
 */
static size_t
match_email(const char *s, const char *end, const char **stop)
{
	const char	*p, *at;
	char		*cand;
	bool		 ok;

	for (p = s; p < end && *p != '\0' && (g_ascii_isalnum(*p) || strchr("._%+-", *p)); p++)
		;
	*stop = p;
	if (p == s || p >= end || *p != '@')
		return 0;
	at = p++;
	for (; p < end && (g_ascii_isalnum(*p) || *p == '.' || *p == '-'); p++)
		;
	while (p > at && (p[-1] == '.' || p[-1] == '-'))
		p--;
	if (p == at)
		return 0;
	/* The same rule as an e-mail field's: a domain with a top-level part. */
	cand = g_strndup(s, p - s);
	ok = email_valid(cand);
	g_free(cand);
	return ok ? (size_t)(p - s) : 0;
}

/* "mailto:" and the n bytes of address at s, a '%' in it written %25 (g_free). */
static char *
mailto(const char *s, size_t n)
{
	GString	*href;
	size_t	 i;

	href = g_string_new("mailto:");
	for (i = 0; i < n; i++)
		if (s[i] == '%')
			g_string_append(href, "%25");
		else
			g_string_append_c(href, s[i]);
	return g_string_free(href, FALSE);
}

static struct co_pos
place(const struct iparse *ip, const char *p)
{
	return ip->pos != NULL ? ip->pos[p - ip->base] : ip->at;
}

/* Text waiting to become one node: runs and escapes join without re-copying. */
struct pending {
	GString		*buf;		/* the text */
	struct co_pos	 pos;		/* place of its first byte */
};

static void
pend(const struct iparse *ip, struct pending *pd, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (pd->buf->len == 0)
		pd->pos = place(ip, s);
	g_string_append_len(pd->buf, s, n);
}

static void
flush(const struct iparse *ip, struct co_node *parent, struct pending *pd)
{
	model_add_text(ip->doc, parent, pd->buf->str, pd->buf->len, pd->pos);
	g_string_truncate(pd->buf, 0);
}

static void add_inline(const struct iparse *, struct co_node *, const char *,
    const char *, bool, int);

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

/* Adds a link node for href over the text [text, text_end). */
static void
add_link(const struct iparse *ip, struct co_node *parent, const char *href,
    const char *at, const char *text, const char *text_end, int depth)
{
	struct co_node	*link;

	link = model_add(ip->doc, parent, CO_KIND_LINK, place(ip, at));
	link->as.link.href = arena_strdup(ip->doc->arena, href);
	/* No links inside links: the text keeps emphasis only. */
	add_inline(ip, link, text, text_end, /*links*/false, depth + 1);
}

/*
 * Makes the n bytes at p, a bare URL or e-mail address, a link to "href"
 * after the text pending before it.  False if href is not a link we make.
 */
static bool
autolink(const struct iparse *ip, struct co_node *parent, struct pending *pd,
    const char *run, const char *p, size_t n, const char *href, int depth)
{
	if (!href_valid(href))
		return false;
	pend(ip, pd, run, p - run);
	flush(ip, parent, pd);
	add_link(ip, parent, href, p, p, p + n, depth);
	return true;
}

/*
 * Adds inline nodes for [s, end) to parent.  Every search that can fail is
 * remembered, so that a long run of openers without closers ("[[[[", "*a *a")
 * costs linear time, not quadratic.
 */
static void
add_inline(const struct iparse *ip, struct co_node *parent, const char *s,
    const char *end, bool links, int depth)
{
	const char	*p, *run, *close, *paren, *stop;
	const char	*last_close = NULL, *email_stop = s, *url_stop = s;
	const char	*bad_close = NULL, *last_paren = NULL;
	bool		 no_strong = false, no_emph = false, no_link = false;
	bool		 spans = depth < MAX_SPAN_DEPTH;
	struct pending	 pd;
	struct co_node	*span;
	size_t		 n;
	char		*href, *target;

	pd.buf = g_string_new(NULL);
	pd.pos = ip->at;
	run = s;
	for (p = s; p < end; ) {
		/* A report too big to hold is refused by co_doc_load(): stop here. */
		if (arena_used(ip->doc->arena) > CO_MAX_MODEL_BYTES)
			break;
		/* Backslash escapes the syntax characters. */
		if (*p == '\\' && p + 1 < end && p[1] != '\0' &&
		    strchr("*[]\\_()", p[1]) != NULL) {
			pend(ip, &pd, run, p - run);
			run = p + 1;
			p += 2;
			continue;
		}
		if (spans && !no_strong && *p == '*' && p + 2 < end && p[1] == '*' &&
		    p[2] != ' ') {
			if ((close = find_closer(p + 1, end, "**")) == NULL)
				no_strong = true;
			else if (close > p + 2) {
				pend(ip, &pd, run, p - run);
				flush(ip, parent, &pd);
				span = model_add(ip->doc, parent, CO_KIND_STRONG, place(ip, p));
				add_inline(ip, span, p + 2, close, links, depth + 1);
				p = run = close + 2;
				continue;
			}
		}
		if (spans && !no_emph && *p == '*' && p + 1 < end && p[1] != ' ' &&
		    p[1] != '*' && (p == s || !is_word_char(p[-1]))) {
			if ((close = find_closer(p, end, "*")) == NULL)
				no_emph = true;
			else {
				pend(ip, &pd, run, p - run);
				flush(ip, parent, &pd);
				span = model_add(ip->doc, parent, CO_KIND_EMPH, place(ip, p));
				add_inline(ip, span, p + 1, close, links, depth + 1);
				p = run = close + 1;
				continue;
			}
		}
		if (links && spans && !no_link && *p == '[') {
			/* The first ']' after p: the same as last time while p is before it. */
			if (last_close == NULL || p >= last_close)
				last_close = memchr(p, ']', end - p);
			close = last_close;
			if (close == NULL)
				no_link = true;
			else if (close != bad_close && close + 1 < end && close[1] == '(' &&
			    close > p + 1) {
				/* The first ')' after close: the same as last time while before it. */
				if (last_paren == NULL || close >= last_paren)
					last_paren = memchr(close, ')', end - close);
				paren = last_paren;
				if (paren == NULL)
					no_link = true;
				else if (paren - close - 2 > MAX_TARGET)
					bad_close = close;
				else {
					target = g_strndup(close + 2, paren - close - 2);
					g_strstrip(target);
					if (href_valid(target)) {
						pend(ip, &pd, run, p - run);
						flush(ip, parent, &pd);
						add_link(ip, parent, target, p, p + 1, close, depth);
						p = run = paren + 1;
						g_free(target);
						continue;
					}
					/* Once per construct, however many '[' lead to it. */
					co_diag(&ip->doc->diags, place(ip, p), CO_DIAG_W_LINK_SCHEME,
					    "'%s' is not a valid http, https or mailto address",
					    target);
					bad_close = close;
					g_free(target);
				}
			}
		}
		if (links && p >= url_stop && (p == s || !is_word_char(p[-1])) &&
		    (n = match_url(p, end)) > 0) {
			href = *p == 'w' ? g_strdup_printf("https://%.*s", (int)n, p) :
			    g_strndup(p, n);
			/* What looks like a URL but is not one stays text. */
			if (autolink(ip, parent, &pd, run, p, n, href, depth)) {
				g_free(href);
				p = run = p + n;
				continue;
			}
			/* Nor is anything inside it: no second try from within. */
			g_free(href);
			url_stop = p + n;
		}
		if (links && p >= email_stop &&
		    (p == s || !(is_word_char(p[-1]) || p[-1] == '.')) &&
		    g_ascii_isalnum(*p)) {
			if ((n = match_email(p, end, &stop)) > 0) {
				href = mailto(p, n);
				if (autolink(ip, parent, &pd, run, p, n, href, depth)) {
					g_free(href);
					p = run = p + n;
					continue;
				}
				g_free(href);
				stop = p + n;
			}
			email_stop = stop;
		}
		p++;
	}
	if (p >= end) {
		pend(ip, &pd, run, end - run);
		flush(ip, parent, &pd);
	}
	g_string_free(pd.buf, TRUE);
}

/* Squeezes "in" and adds its inline nodes to parent. */
static void
inline_ptext(struct co_doc *doc, struct co_node *parent, const struct ptext *in)
{
	struct ptext	*flat;
	struct iparse	 ip;

	flat = ptext_new(in->pos != NULL, in->at);
	squeeze_into(flat, in->s->str, in->s->len, ptext_posv(in, 0), in->at);
	ip.doc = doc;
	ip.base = flat->s->str;
	ip.pos = ptext_posv(flat, 0);
	ip.at = in->at;
	add_inline(&ip, parent, flat->s->str, flat->s->str + flat->s->len,
	    /*links*/true, 0);
	ptext_free(flat);
}

void
inline_parse(struct co_doc *doc, struct co_node *parent, const char *s,
    size_t len, const struct co_pos *map, struct co_pos at)
{
	struct ptext	*t;

	t = ptext_new(map != NULL, at);
	ptext_append(t, s, len, map, at);
	inline_ptext(doc, parent, t);
	ptext_free(t);
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

/* One line of prose: its text (NUL-terminated in the source copy) and offset. */
struct line {
	const char	*s;		/* start, NUL-terminated */
	size_t		 off;		/* byte offset in the prose */
};

/* Appends line l from byte m on (placed by map) to t. */
static void
append_line(struct ptext *t, const struct line *l, size_t m, const struct co_pos *map,
    struct co_pos at)
{
	ptext_append(t, l->s + m, strlen(l->s + m), map ? map + l->off + m : NULL, at);
}

/* The place of line l's first non-blank byte. */
static struct co_pos
line_pos(const struct line *l, const struct co_pos *map, struct co_pos at)
{
	size_t	 m = strspn(l->s, " \t");

	if (map == NULL)
		return at;
	return map[l->off + m];
}

/* Turns one block of lines (no blank line inside) into a paragraph or list. */
static void
add_block(struct co_doc *doc, struct co_node *parent, const struct line *lines,
    int n, const struct co_pos *map, struct co_pos at)
{
	struct co_node	*list, *node;
	struct ptext	*buf;
	bool		 ordered, o2;
	int		 number, num2, i;
	size_t		 m;
	struct co_pos	 ipos;

	buf = ptext_new(map != NULL, at);
	if (list_marker(lines[0].s, &ordered, &number) == 0) {
		for (i = 0; i < n; i++) {
			append_line(buf, &lines[i], 0, map, at);
			ptext_append(buf, "\n", 1, NULL, ptext_pos(buf, buf->s->len));
		}
		node = model_add(doc, parent, CO_KIND_PARA, line_pos(&lines[0], map, at));
		inline_ptext(doc, node, buf);
		ptext_free(buf);
		return;
	}
	list = model_add(doc, parent, CO_KIND_LIST, line_pos(&lines[0], map, at));
	list->as.list.ordered = ordered;
	list->as.list.start = ordered ? number : 1;
	ipos = list->pos;
	for (i = 0; i <= n; i++) {
		m = i < n ? list_marker(lines[i].s, &o2, &num2) : 0;
		if (i == n || (m > 0 && o2 == ordered)) {
			if (buf->s->len > 0) {
				node = model_add(doc, list, CO_KIND_ITEM, ipos);
				inline_ptext(doc, node, buf);
			}
			g_string_truncate(buf->s, 0);
			if (buf->pos != NULL)
				g_array_set_size(buf->pos, 0);
			if (i == n)
				break;
			ipos = line_pos(&lines[i], map, at);
			append_line(buf, &lines[i], m, map, at);
		} else {
			/* A continuation line belongs to the item above. */
			ptext_append(buf, "\n", 1, NULL, ptext_pos(buf, buf->s->len));
			append_line(buf, &lines[i], 0, map, at);
		}
	}
	ptext_free(buf);
}

void
prose_parse(struct co_doc *doc, struct co_node *parent, const char *s,
    size_t len, const struct co_pos *map, struct co_pos at)
{
	GArray		*lines;
	struct line	 l, *v;
	char		*copy, *p, *nl;
	int		  i, start, n;
	bool		  o;
	int		  num;

	/* Split a copy at line ends, keeping each line's offset for its places. */
	copy = g_strndup(s, len);
	lines = g_array_new(FALSE, FALSE, sizeof(struct line));
	for (p = copy; ; p = nl + 1) {
		l.s = p;
		l.off = p - copy;
		g_array_append_val(lines, l);
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
	}
	v = (struct line *)(void *)lines->data;
	n = lines->len;
	start = -1;
	for (i = 0; i <= n; i++) {
		bool blank = i == n || v[i].s[strspn(v[i].s, " \t\r")] == '\0';

		/* A numbered or bullet line after a paragraph line starts a new block. */
		if (!blank && start >= 0 && list_marker(v[i].s, &o, &num) > 0 &&
		    list_marker(v[start].s, &o, &num) == 0) {
			add_block(doc, parent, v + start, i - start, map, at);
			start = i;
			continue;
		}
		if (blank) {
			if (start >= 0)
				add_block(doc, parent, v + start, i - start, map, at);
			start = -1;
		} else if (start < 0)
			start = i;
	}
	g_array_free(lines, TRUE);
	g_free(copy);
}
