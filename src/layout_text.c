/* layout_text.c: the model's inline text turned into styled text for the measurer, and measured. */
#include <glib.h>
#include <string.h>

#include "layout_int.h"

void
rich_init(struct rich *r)
{
	r->text = g_string_new(NULL);
	r->spans = g_array_new(FALSE, FALSE, sizeof(struct ms_span));
	r->links = g_array_new(FALSE, FALSE, sizeof(struct ms_link));
}

static void
rich_free(struct rich *r)
{
	g_string_free(r->text, TRUE);
	g_array_free(r->spans, TRUE);
	g_array_free(r->links, TRUE);
}

void
rich_span(struct rich *r, size_t start, unsigned flags)
{
	struct ms_span	 s;

	s.start = start;
	s.end = r->text->len;
	s.flags = flags;
	g_array_append_val(r->spans, s);
}

void
rich_raw(struct rich *r, const char *s)
{
	g_string_append(r->text, s);
}

/*
 * Ties a number to what belongs with it, so that neither a line break nor
 * justification parts them: the groups of "1 250 000" and the "5 %".
 * Returns a new string (g_free), or NULL when there is nothing to tie.
 */
static char *
tie_numbers(const char *s)
{
	GString		*out = NULL;
	const char	*p, *q;
	size_t		 n;

	for (p = s; *p != '\0'; p++) {
		if (*p != ' ' || p == s || !g_ascii_isdigit(p[-1]))
			continue;
		/* A group of exactly three digits, or a percent sign, follows. */
		for (q = p + 1, n = 0; g_ascii_isdigit(*q); q++)
			n++;
		if (!(n == 3 && !g_ascii_isalnum(*q)) && p[1] != '%')
			continue;
		if (out == NULL)
			out = g_string_new(NULL);
		g_string_append_len(out, s, p - s);
		g_string_append(out, "\xc2\xa0");
		s = p + 1;
	}
	if (out == NULL)
		return NULL;
	g_string_append(out, s);
	return g_string_free(out, FALSE);
}

void
rich_words(struct flow *f, struct rich *r, const char *s, bool hyphenate)
{
	char	*tied = tie_numbers(s);
	size_t	 start = r->text->len;

	g_string_append(r->text, tied != NULL ? tied : s);
	/* Each piece of the author's text is hyphenated on its own. */
	if (hyphenate && f->tpl->hyphenate)
		rich_span(r, start, MS_HYPHENATE);
	g_free(tied);
}

void
rich_link(struct flow *f, struct rich *r, const char *uri, size_t start)
{
	struct ms_link	 l;

	(void)f;
	rich_span(r, start, MS_LINK);
	l.start = start;
	l.end = r->text->len;
	l.uri = uri;
	g_array_append_val(r->links, l);
}

void
rich_inline(struct flow *f, struct rich *r, const struct co_node *n, bool in_link)
{
	const struct co_node	*c;
	size_t			 start;

	for (c = n->first; c != NULL; c = c->next) {
		start = r->text->len;
		switch (c->kind) {
		case CO_KIND_TEXT:
			rich_words(f, r, c->as.text.str, !in_link && !f->whole_words);
			break;
		case CO_KIND_EMPH:
			rich_inline(f, r, c, in_link);
			rich_span(r, start, MS_ITALIC);
			break;
		case CO_KIND_STRONG:
			rich_inline(f, r, c, in_link);
			rich_span(r, start, MS_BOLD);
			break;
		case CO_KIND_LINK:
			rich_inline(f, r, c, true);
			rich_link(f, r, c->as.link.href, start);
			break;
		case CO_KIND_DOC:
		case CO_KIND_SECTION:
		case CO_KIND_PARA:
		case CO_KIND_LIST:
		case CO_KIND_ITEM:
		case CO_KIND_TABLE:
		case CO_KIND_ROW:
		case CO_KIND_CELL:
		case CO_KIND_RECORDS:
		case CO_KIND_RECORD:
		case CO_KIND_FIELD:
		case CO_KIND__MAX:
			break;
		}
	}
}

/* Moves the spans and links at or after byte "at" by "by" bytes. */
static void
shift(struct rich *r, size_t at, size_t by)
{
	guint	 k;

	for (k = 0; k < r->spans->len; k++) {
		struct ms_span *s = &g_array_index(r->spans, struct ms_span, k);
		if (s->start > at)
			s->start += by;
		if (s->end > at)
			s->end += by;
	}
	for (k = 0; k < r->links->len; k++) {
		struct ms_link *l = &g_array_index(r->links, struct ms_link, k);
		if (l->start > at)
			l->start += by;
		if (l->end > at)
			l->end += by;
	}
}

void
rich_tie_spaces(struct rich *r, size_t start)
{
	size_t	 i;

	for (i = start; i < r->text->len; i++)
		if (r->text->str[i] == ' ') {
			g_string_erase(r->text, i, 1);
			g_string_insert(r->text, i, "\xc2\xa0");
			shift(r, i, 1);
			i++;
		}
}

/* A view of "r" for the measurer. */
static struct ms_rich
view(struct flow *f, const struct rich *r)
{
	struct ms_rich	 in;

	in.text = r->text->str;
	in.len = r->text->len;
	in.spans = (const struct ms_span *)(const void *)r->spans->data;
	in.nspans = r->spans->len;
	in.links = (const struct ms_link *)(const void *)r->links->data;
	in.nlinks = r->links->len;
	in.link_colour = &f->tpl->link;
	return in;
}

void
rich_widths(struct flow *f, const struct rich *r, const struct tpl_font *font,
    double *minw, double *maxw)
{
	struct ms_rich	 in = view(f, r);

	measure_widths(f->m, font, &in, minw, maxw);
}

static struct lay_text *
keep_text(struct flow *f, struct lay_text *t, const struct tpl_colour *colour)
{
	t->colour = *colour;
	g_ptr_array_add(f->out->texts, t);
	return t;
}

struct lay_text *
rich_measure(struct flow *f, struct rich *r, const struct tpl_font *font,
    double leading, double width, int flags, const struct tpl_colour *colour)
{
	struct ms_rich	 in = view(f, r);
	struct lay_text	*t;

	/* A paragraph or a cell never ends on the stub of a hyphenated word. */
	t = measure_text(f->m, font, leading, &in, width, flags | MEASURE_WHOLE_LAST);
	rich_free(r);
	return keep_text(f, t, colour);
}

struct lay_text *
plain_text(struct flow *f, const char *s, const struct tpl_font *font,
    double leading, double width, int flags, const struct tpl_colour *colour)
{
	struct ms_rich	 in;

	memset(&in, 0, sizeof(in));
	in.text = s;
	in.len = strlen(s);
	return keep_text(f, measure_text(f->m, font, leading, &in, width, flags), colour);
}
