/* layout_text.c: the model's inline text turned into styled text for the measurer, and measured. */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "layout_int.h"
#include "text.h"

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
	char		*tied = tie_numbers(s);
	const char	*p, *tok, *from;
	size_t		 start;

	hyphenate = hyphenate && f->tpl->hyphenate;
	/*
	 * Each piece of the author's text is hyphenated on its own, but for
	 * the web addresses in it: they break only at their own points.
	 */
	for (p = from = tied != NULL ? tied : s; *p != '\0'; ) {
		while (*p == ' ' || *p == '\n')
			p++;
		for (tok = p; *p != '\0' && *p != ' ' && *p != '\n'; p++)
			;
		if (p == tok || !text_is_address(tok, p - tok))
			continue;
		start = r->text->len;
		g_string_append_len(r->text, from, tok - from);
		if (hyphenate && tok > from)
			rich_span(r, start, MS_HYPHENATE);
		start = r->text->len;
		g_string_append_len(r->text, tok, p - tok);
		rich_span(r, start, MS_URL);
		from = p;
	}
	start = r->text->len;
	g_string_append(r->text, from);
	if (hyphenate && *from != '\0')
		rich_span(r, start, MS_HYPHENATE);
	g_free(tied);
}

/* A range [start, end of text) for layout to place. */
static void
add_range(struct rich *r, size_t start, enum ms_range_kind kind, const char *uri,
    const char *dest, int tag)
{
	struct ms_link	 l;

	l.start = start;
	l.end = r->text->len;
	l.kind = kind;
	l.uri = uri;
	l.dest = dest;
	l.tag = tag;
	g_array_append_val(r->links, l);
}

void
rich_link(struct flow *f, struct rich *r, const char *uri, size_t start)
{
	(void)f;
	rich_span(r, start, MS_LINK);
	add_range(r, start, MS_RANGE_LINK, uri, NULL, 0);
}

void
rich_dest(struct rich *r, const char *dest, size_t start)
{
	rich_span(r, start, MS_LINK);
	add_range(r, start, MS_RANGE_LINK, NULL, dest, 0);
}

const char *
target_dest(struct flow *f, const struct co_node *t)
{
	switch (t->kind) {
	case CO_KIND_SECTION:
		return arena_printf(f->out->arena, "sec-%d", t->as.section.seq);
	case CO_KIND_TABLE:
		return arena_printf(f->out->arena, "tab-%d", t->as.table.number);
	case CO_KIND_FIGURE:
		return arena_printf(f->out->arena, "fig-%d", t->as.figure.number);
	case CO_KIND_NOTE:
		return arena_printf(f->out->arena, "fn-%d", t->as.note.number);
	case CO_KIND_RECORD:
		return arena_printf(f->out->arena, "ref-%d", t->as.record.number);
	default:
		return NULL;
	}
}

/* A footnote's mark: its number, raised, linked to the note. */
static void
rich_noteref(struct flow *f, struct rich *r, const struct co_node *n)
{
	const struct co_node	*note = n->as.noteref.note;
	size_t			 start = r->text->len;

	g_string_append_printf(r->text, "%d", note->as.note.number);
	rich_span(r, start, MS_SUPER);
	add_range(r, start, MS_RANGE_MARK, NULL, NULL, note->as.note.number);
	add_range(r, start, MS_RANGE_LINK, NULL, target_dest(f, note), 0);
}

/* Abbreviations that end in a full stop but not a sentence ("ks. luku 4"). */
static const char *const abbreviations[] = {
	"ks", "kts", "esim", "mm", "vrt", "ym", "yms", "jne", "ns", "ts", "vs", "em", "ao",
	"s", "n", "ko", "se", "jfr", "bl.a", "t.ex", "ca", "dvs", "osv", "resp", "cf", "e.g",
	"i.e", "p", "pp", "etc", "approx", "fig", "no", "sec", "ref", NULL
};

/*
 * True where a sentence starts: at the text's start, or after ". ", "! ",
 * "? ", but for a full stop after an abbreviation.
 */
static bool
sentence_start(const struct rich *r)
{
	const char	*s = r->text->str;
	size_t		 n = r->text->len, w;
	int		 i;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '(' || s[n - 1] == '\n'))
		n--;
	if (n == 0)
		return true;
	if (strchr("!?", s[n - 1]) != NULL)
		return true;
	if (s[n - 1] != '.')
		return false;
	for (w = n - 1; w > 0 && s[w - 1] != ' ' && s[w - 1] != '(' && s[w - 1] != '\n'; w--)
		;
	for (i = 0; abbreviations[i] != NULL; i++)
		if (n - 1 - w == strlen(abbreviations[i]) &&
		    g_ascii_strncasecmp(s + w, abbreviations[i], n - 1 - w) == 0)
			return false;
	return true;
}

/*
 * A cross-reference: the author's text with "{}" made the target's
 * number, or the target's label and number ("luku 4.2", capitalized where
 * a sentence starts); " sivulla 9" after it if asked; linked to the target.
 */
static void
rich_xref(struct flow *f, struct rich *r, const struct co_node *x)
{
	const struct co_node	*t = x->as.xref.target;
	enum co_lang		 lang = f->doc->lang;
	GString			*s = g_string_new(NULL);
	char			*num = NULL, *own, *p;
	size_t			 start = r->text->len;
	enum co_label		 label = CO_LABEL_REF_SECTION;
	gpointer		 page;

	if (t == NULL) {
		g_string_free(s, TRUE);
		rich_inline(f, r, x, true);
		return;
	}
	switch (t->kind) {
	case CO_KIND_SECTION:
		num = g_strdup(t->as.section.number != NULL ? t->as.section.number : "");
		if (t->as.section.kind == CO_SEC_ANNEX)
			label = CO_LABEL_REF_ANNEX;
		break;
	case CO_KIND_RECORD:
		/* A work in the references: its number in brackets, "[3]". */
		num = g_strdup_printf("[%d]", t->as.record.number);
		break;
	case CO_KIND_TABLE:
		num = g_strdup_printf("%d", t->as.table.number);
		label = CO_LABEL_REF_TABLE;
		break;
	case CO_KIND_FIGURE:
		num = g_strdup_printf("%d", t->as.figure.number);
		label = CO_LABEL_REF_FIGURE;
		break;
	case CO_KIND_NOTE:
		num = g_strdup_printf("%d", t->as.note.number);
		label = CO_LABEL_REF_NOTE;
		break;
	default:
		num = g_strdup("");
		break;
	}
	if (x->first != NULL) {
		own = model_plain_text(x);
		for (p = own; *p != '\0'; p++)
			if (p[0] == '{' && p[1] == '}') {
				g_string_append(s, num);
				p++;
			} else
				g_string_append_c(s, *p);
		g_free(own);
	} else if (t->kind == CO_KIND_RECORD)
		g_string_append(s, num);
	else if (t->kind == CO_KIND_SECTION && t->as.section.kind == CO_SEC_ABSTRACT)
		g_string_append(s, t->as.section.title);	/* it has no number */
	else {
		g_string_append_printf(s, "%s\xc2\xa0%s", i18n_label(label, lang), num);
		if (sentence_start(r)) {
			gunichar c = g_unichar_totitle(g_utf8_get_char(s->str));
			char buf[8];
			int n = g_unichar_to_utf8(c, buf);
			g_string_erase(s, 0, g_utf8_next_char(s->str) - s->str);
			g_string_insert_len(s, 0, buf, n);
		}
	}
	if (x->as.xref.page) {
		page = f->known_page != NULL ? g_hash_table_lookup(f->known_page, t) : NULL;
		if (page != NULL)
			g_string_append_printf(s, " %s\xc2\xa0%d", i18n_label(CO_LABEL_REF_PAGE, lang),
			    GPOINTER_TO_INT(page));
		else
			g_string_append_printf(s, " %s\xc2\xa0" "00", i18n_label(CO_LABEL_REF_PAGE,
			    lang));	/* a first pass: the width of a page number */
	}
	rich_words(f, r, s->str, false);
	rich_dest(r, target_dest(f, t), start);
	g_string_free(s, TRUE);
	g_free(num);
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
		case CO_KIND_CODE:
			rich_raw(r, c->as.text.str);
			rich_span(r, start, MS_CODE);
			break;
		case CO_KIND_STRIKE:
			rich_inline(f, r, c, in_link);
			add_range(r, start, MS_RANGE_STRIKE, NULL, NULL, 0);
			break;
		case CO_KIND_BREAK:
			rich_raw(r, "\n");
			break;
		case CO_KIND_NOTEREF:
			rich_noteref(f, r, c);
			break;
		case CO_KIND_XREF:
			rich_xref(f, r, c);
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
		case CO_KIND_QUOTE:
		case CO_KIND_ATTRIBUTION:
		case CO_KIND_CODEBLOCK:
		case CO_KIND_FIGURE:
		case CO_KIND_NOTE:
		case CO_KIND_DEFLIST:
		case CO_KIND_TERM:
		case CO_KIND_DEFINITION:
		case CO_KIND_RULE:
		case CO_KIND__MAX:
			break;
		}
	}
}

/* Starts a new line in "r" unless it is empty or already at one. */
static void
new_line(struct rich *r)
{
	if (r->text->len > 0 && r->text->str[r->text->len - 1] != '\n')
		rich_raw(r, "\n");
}

/* The blocks of "n"; "go_on": the first continues the current line (after a bullet). */
static void
blocks_into(struct flow *f, struct rich *r, const struct co_node *n, bool go_on);

void
rich_blocks(struct flow *f, struct rich *r, const struct co_node *n)
{
	blocks_into(f, r, n, false);
}

static void
blocks_into(struct flow *f, struct rich *r, const struct co_node *n, bool go_on)
{
	const struct co_node	*c, *k;
	size_t			 start;
	int			 i;

	for (c = n->first; c != NULL; c = c->next, go_on = false) {
		start = r->text->len;
		/* Each block on a line of its own, but the first after a bullet. */
		if (!go_on && c->kind != CO_KIND_NOTE)
			new_line(r);
		switch (c->kind) {
		case CO_KIND_PARA:
		case CO_KIND_TERM:
		case CO_KIND_ATTRIBUTION:
			rich_inline(f, r, c, false);
			if (c->kind == CO_KIND_TERM)
				rich_span(r, start, MS_BOLD);
			break;
		case CO_KIND_LIST:
			/* Items on lines of their own, with their bullets or numbers. */
			for (i = c->as.list.start, k = c->first; k != NULL; k = k->next, i++) {
				new_line(r);
				if (c->as.list.ordered)
					g_string_append_printf(r->text, "%d.\xc2\xa0", i);
				else
					rich_raw(r, "\xe2\x80\xa2\xc2\xa0");
				blocks_into(f, r, k, true);
			}
			break;
		case CO_KIND_ITEM:
		case CO_KIND_QUOTE:
		case CO_KIND_DEFINITION:
		case CO_KIND_CELL:
		case CO_KIND_DEFLIST:
			blocks_into(f, r, c, true);
			break;
		case CO_KIND_CODEBLOCK:
			rich_raw(r, c->as.code.text);
			while (r->text->len > start && r->text->str[r->text->len - 1] == '\n')
				g_string_truncate(r->text, r->text->len - 1);
			rich_span(r, start, MS_CODE);
			break;
		case CO_KIND_FIGURE:
			/* An image in a cell is too small to see: its caption or alt text. */
			rich_raw(r, "[");
			if (c->first != NULL)
				rich_inline(f, r, c, false);
			else if (c->as.figure.alt != NULL)
				rich_words(f, r, c->as.figure.alt, false);
			rich_raw(r, "]");
			break;
		case CO_KIND_TABLE:
			/* A table in a cell: its rows, cells parted by a bar. */
			for (k = c->first; k != NULL; k = k->next) {
				const struct co_node *cell;
				if (k != c->first)
					new_line(r);
				for (cell = k->first; cell != NULL; cell = cell->next) {
					if (cell != k->first)
						rich_raw(r, " | ");
					blocks_into(f, r, cell, true);
				}
			}
			break;
		case CO_KIND_RULE:
			rich_raw(r, "\xe2\x80\x94");
			break;
		case CO_KIND_NOTE:
			break;		/* at the foot of the page */
		default:
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

void
rich_unbroken(struct rich *r, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ' ')
			rich_raw(r, "\xc2\xa0");
		else
			g_string_append_c(r->text, *s);
		/* A word joiner: no line break after the slash or the hyphen. */
		if (*s == '/' || *s == '-')
			rich_raw(r, "\xe2\x81\xa0");
	}
}

void
rich_whole(struct rich *r)
{
	guint	 k;

	for (k = 0; k < r->spans->len; k++)
		g_array_index(r->spans, struct ms_span, k).flags &= ~MS_HYPHENATE;
	if (r->text->len > 0)
		rich_span(r, 0, MS_WHOLE);
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
	in.code_family = f->tpl->code.family;
	in.lang = f->lang >= 0 ? model_lang_codes[f->lang] : NULL;
	return in;
}

void
rich_widths(struct flow *f, const struct rich *r, const struct tpl_font *font,
    double *minw, double *maxw)
{
	struct ms_rich	 in = view(f, r);

	measure_widths(f->m, font, &in, minw, maxw);
}

void
rich_widths_whole(struct flow *f, const struct rich *r, const struct tpl_font *font,
    double *minw, double *maxw)
{
	struct ms_rich	 in = view(f, r);
	struct ms_span	*spans = g_memdup2(in.spans, sizeof(*spans) * in.nspans);
	int		 k;

	for (k = 0; k < in.nspans; k++)
		spans[k].flags &= ~MS_HYPHENATE;
	in.spans = spans;
	measure_widths(f->m, font, &in, minw, maxw);
	g_free(spans);
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
	in.lang = f->lang >= 0 ? model_lang_codes[f->lang] : NULL;
	return keep_text(f, measure_text(f->m, font, leading, &in, width, flags), colour);
}
