/*
 * layout.c: the paginator: flows the body's headings, paragraphs and lists
 * onto pages, keeps headings with what follows, avoids widows and orphans,
 * then adds the cover, the contents and the running heads.
 */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "image.h"
#include "layout_int.h"

/* ---- pages and items ------------------------------------------------ */

struct lay_item *
add_item(struct flow *f, enum lay_kind kind)
{
	struct lay_item	 it;

	/* The first content after a heading: the heading is no longer alone. */
	if (f->keep.active && !f->keep.in_heading && kind != LAY_TAG_BEGIN &&
	    kind != LAY_TAG_END)
		f->keep.active = false;
	memset(&it, 0, sizeof(it));
	it.kind = kind;
	/* Rules, leaders and shading are artifacts of layout; the running heads, of pagination. */
	if (f->pagination)
		it.artifact = LAY_PAGINATION;
	else if (kind == LAY_RECT || kind == LAY_LINE || kind == LAY_DOTS)
		it.artifact = LAY_LAYOUT;
	g_array_append_val(f->page->items, it);
	return &g_array_index(f->page->items, struct lay_item,
	    f->page->items->len - 1);
}

/* A structure element opens, in the language of what it holds if not the report's. */
static void
open_tag(struct flow *f, const char *tag)
{
	struct lay_item	*it = add_item(f, LAY_TAG_BEGIN);

	it->tag = tag;
	it->lang = f->lang >= 0 ? model_lang_codes[f->lang] : NULL;
}

void
tag_begin(struct flow *f, const char *tag)
{
	g_ptr_array_add(f->tags, (gpointer)tag);
	open_tag(f, tag);
}

void
tag_begin_attr(struct flow *f, const char *tag, const char *attr)
{
	tag_begin(f, tag);
	g_array_index(f->page->items, struct lay_item, f->page->items->len - 1).attr = attr;
}

void
tag_begin_link(struct flow *f, const char *dest)
{
	tag_begin(f, "Link");
	g_array_index(f->page->items, struct lay_item, f->page->items->len - 1).dest = dest;
}

void
tag_end(struct flow *f)
{
	g_assert(f->tags->len > 0);
	add_item(f, LAY_TAG_END)->tag = g_ptr_array_steal_index(f->tags, f->tags->len - 1);
}

struct lay_page *
page_new(GPtrArray *pages, const struct tpl *tpl)
{
	struct lay_page	*p;

	p = g_new0(struct lay_page, 1);
	p->items = g_array_new(FALSE, FALSE, sizeof(struct lay_item));
	p->width = tpl->page_width;
	p->height = tpl->page_height;
	g_ptr_array_add(pages, p);
	return p;
}

void
page_free(struct lay_page *p)
{
	g_array_free(p->items, TRUE);
	g_free(p);
}

/* Ends the page; open structure tags close here and reopen on the next. */
void
new_page(struct flow *f)
{
	int		 i, n = f->tags->len;
	GArray		*moved = NULL;
	struct lay_item	*it;
	double		 dy, y = f->y;
	guint		 k;

	/*
	 * Headings with nothing after them yet go over to the new page with
	 * what follows them: a heading never stands alone at a page's foot.
	 * Only the tags open before them close here and reopen there.
	 */
	if (f->page != NULL && f->keep.active && !f->keep.fresh) {
		moved = g_array_new(FALSE, FALSE, sizeof(struct lay_item));
		g_array_append_vals(moved, &g_array_index(f->page->items, struct lay_item,
		    f->keep.item), f->page->items->len - f->keep.item);
		g_array_set_size(f->page->items, f->keep.item);
		n = f->keep.ntags;
	}
	if (f->page != NULL) {
		for (i = n - 1; i >= 0; i--)
			add_item(f, LAY_TAG_END)->tag = g_ptr_array_index(f->tags, i);
		/* The page is full: its footnotes at its foot, long ones going on. */
		notes_flush(f);
	}
	f->page = page_new(f->pages, f->tpl);
	if (f->landscape) {
		f->page->width = f->tpl->page_height;
		f->page->height = f->tpl->page_width;
	}
	f->page_bottom = f->page->height - f->tpl->margin_bottom;
	f->bottom = f->page_bottom;	/* a turned page is shorter */
	notes_start_page(f);
	for (i = 0; i < n; i++)
		open_tag(f, g_ptr_array_index(f->tags, i));
	f->y = f->top;
	f->fresh = true;
	if (moved == NULL)
		return;
	dy = f->top - f->keep.y;
	for (k = 0; k < moved->len; k++) {
		it = &g_array_index(moved, struct lay_item, k);
		it->y += dy;
		g_array_append_val(f->page->items, *it);
	}
	for (k = f->keep.heading; k < f->headings->len; k++)
		g_array_index(f->headings, struct heading, k).page = f->pages->len - 1;
	f->y = y + dy;
	f->fresh = false;
	f->keep.item = 0;
	f->keep.fresh = true;
	g_array_free(moved, TRUE);
}

void
ensure(struct flow *f, double h)
{
	if (f->y + h > f->bottom + 0.01 && !f->fresh)
		new_page(f);
}

void
place_lines(struct flow *f, const struct lay_text *t, int first, int n, double x, double y)
{
	struct lay_item	*it;
	int		 k;

	if (n <= 0)
		return;
	it = add_item(f, LAY_TEXT);
	it->text = t;
	it->first = first;
	it->n = n;
	it->x = x;
	it->y = y;
	f->fresh = false;
	/*
	 * Lines through struck text.  Links are the painter's: it tags the
	 * glyphs of each as a Link element, whose annotation covers them.
	 */
	for (k = 0; k < t->nhots; k++) {
		const struct lay_hot *h = &t->hots[k];
		if (h->line < first || h->line >= first + n || h->kind != MS_RANGE_STRIKE)
			continue;
		it = add_item(f, LAY_LINE);
		it->x = x + t->x[h->line] + h->x0;
		it->w = h->x1 - h->x0;
		it->y = y + t->top[h->line] - t->top[first] + h->y;
		it->colour = &t->colour;
		it->line_width = 0.6;
	}
	/* The footnotes marked on these lines are this page's now. */
	notes_take(f, t, first, n);
}

void
open_pending(struct flow *f)
{
	guint	 i;

	for (i = 0; i < f->pending->len; i++) {
		tag_begin(f, g_ptr_array_index(f->pending, i));
		if (strcmp(g_ptr_array_index(f->pending, i), "LI") == 0 && f->label != NULL) {
			/* An item: its label, then its body, where its first line goes. */
			tag_begin(f, "Lbl");
			place_lines(f, f->label, 0, f->label->nlines, f->label_x, f->y);
			tag_end(f);
			tag_begin(f, "LBody");
			f->label = NULL;
		}
	}
	g_ptr_array_set_size(f->pending, 0);
}

/* ---- text blocks ---------------------------------------------------- */

static void	flow_blocks_one(struct flow *, const struct co_node *);

/*
 * Flows lines of "t" at x, breaking pages so that no page starts or ends
 * with a single line of it, inside structure element "tag" (P).  The
 * element, and any waiting for content (a list item's), opens where the
 * first line goes, so that a page break before it leaves no empty element
 * behind.  The footnotes marked on a line must fit on its page too.
 */
static void
flow_text(struct flow *f, const struct lay_text *t, double x, const char *tag)
{
	int	 i = 0, k, n = t->nlines, take;
	double	 avail;

	while (i < n) {
		avail = f->bottom - f->y;
		for (k = 0; i + k < n && t->bottom[i + k] - t->top[i] +
		    notes_extra(f, t, i, k + 1) <= avail + 0.01; k++)
			;
		if (k >= n - i)
			take = n - i;
		else {
			/* Leave at least two lines for the next page, take at least two here. */
			take = MIN(k, n - i - 2);
			if (take < 2) {
				if (!f->fresh) {
					new_page(f);
					continue;
				}
				take = MAX(k, 1);
			}
		}
		if (i == 0) {
			open_pending(f);
			tag_begin(f, tag);
		}
		place_lines(f, t, i, take, x, f->y);
		f->y += t->bottom[i + take - 1] - t->top[i];
		i += take;
		if (i < n)
			new_page(f);
	}
	if (n > 0)
		tag_end(f);
}

/* The space after a block: a paragraph's, or less in a tight list. */
static double
space_after(const struct flow *f, const struct co_node *n)
{
	const struct co_node	*p = n->parent;

	if (p != NULL && p->kind == CO_KIND_ITEM && p->parent->as.list.tight)
		return f->tpl->para_space * 0.5;
	return f->tpl->para_space;
}

static void
flow_para(struct flow *f, const struct co_node *p)
{
	struct rich	 r;
	struct lay_text	*t;

	rich_init(&r);
	rich_inline(f, &r, p, false);
	if (f->italic)
		rich_span(&r, 0, MS_ITALIC);
	t = rich_measure(f, &r, &f->tpl->body, f->tpl->leading, f->width,
	    f->tpl->justify ? MEASURE_JUSTIFY : 0, &f->tpl->text);
	flow_text(f, t, f->left, "P");
	f->y += space_after(f, p);
}

/* Moves the box's left edge by "dx" (and back with -dx). */
static void
indent(struct flow *f, double dx)
{
	f->left += dx;
	f->width -= dx;
}

void
flow_item(struct flow *f, const char *label_str, struct rich *r, double ind)
{
	struct lay_text	*t;

	f->label = plain_text(f, label_str, &f->tpl->body, f->tpl->leading, ind,
	    0, &f->tpl->heading);
	f->label_x = f->left + 2;
	g_ptr_array_add(f->pending, (gpointer)"LI");
	t = rich_measure(f, r, &f->tpl->body, f->tpl->leading, f->width - ind,
	    f->tpl->justify && !f->ragged ? MEASURE_JUSTIFY : 0, &f->tpl->text);
	flow_text(f, t, f->left + ind, "P");
	tag_end(f);	/* LBody */
	tag_end(f);	/* LI */
	f->y += f->tpl->para_space * 0.5;
}

/* Bullets by depth: a disc, a dash, a small circle, a square. */
static const char *const bullets[] = {
	"\xe2\x80\xa2", "\xe2\x80\x93", "\xe2\x97\xa6", "\xe2\x96\xaa"
};

/*
 * A list: each item's label beside its first line, its blocks (paragraphs,
 * lists, tables …) in a box indented by the labels' width.
 */
static void
flow_list(struct flow *f, const struct co_node *l)
{
	const struct co_node	*item;
	char			*label;
	int			 n, last;
	double			 ind;
	guint			 ntags;

	/* Room for the widest number: "9." in 8 mm, "10." and on wider. */
	last = l->as.list.start;
	for (item = l->first; item != NULL; item = item->next)
		last++;
	ind = l->as.list.ordered ? (last > 100 ? 11 * MM : last > 10 ? 9.5 * MM : 8 * MM) :
	    6 * MM;
	tag_begin(f, "L");
	f->depth++;
	for (n = l->as.list.start, item = l->first; item != NULL; item = item->next, n++) {
		label = l->as.list.ordered ? g_strdup_printf("%d.", n) :
		    g_strdup(bullets[(f->depth - 1) % G_N_ELEMENTS(bullets)]);
		f->label = plain_text(f, label, &f->tpl->body, f->tpl->leading, ind, 0,
		    &f->tpl->heading);
		f->label_x = f->left + 2;
		g_free(label);
		ntags = f->tags->len;
		g_ptr_array_add(f->pending, (gpointer)"LI");
		indent(f, ind);
		flow_blocks(f, item);
		indent(f, -ind);
		/* An item with nothing placed (all empty) opened nothing. */
		if (f->pending->len > 0) {
			g_ptr_array_set_size(f->pending, 0);
			f->label = NULL;
		}
		while (f->tags->len > ntags)
			tag_end(f);	/* LBody, LI */
	}
	f->depth--;
	tag_end(f);
	/* A list in a list item takes the item's own space after it. */
	if (l->parent == NULL || l->parent->kind != CO_KIND_ITEM)
		f->y += f->tpl->para_space * 0.5;
}

/*
 * A quote: its blocks in italics, in a box indented on both sides with a
 * rule in the accent colour beside it; who is quoted below, on the right.
 */
static void
flow_quote(struct flow *f, const struct co_node *q)
{
	const struct co_node	*c;
	struct lay_item		*it;
	struct lay_text		*t;
	struct rich		 r;
	double			 ind = 7 * MM, y0, x0 = f->left + 2 * MM;
	guint			 page0;
	bool			 italic = f->italic;

	tag_begin(f, "BlockQuote");
	y0 = f->y;
	page0 = f->pages->len;
	indent(f, ind);
	f->width -= ind;
	f->italic = true;
	for (c = q->first; c != NULL; c = c->next) {
		if (c->kind != CO_KIND_ATTRIBUTION) {
			flow_blocks_one(f, c);
			continue;
		}
		rich_init(&r);
		rich_raw(&r, "\xe2\x80\x94\xc2\xa0");
		rich_inline(f, &r, c, false);
		t = rich_measure(f, &r, &f->tpl->small, f->tpl->leading, f->width, MEASURE_RIGHT,
		    &f->tpl->muted);
		flow_text(f, t, f->left, "P");
		f->y += f->tpl->para_space;
	}
	f->italic = italic;
	f->width += ind;
	indent(f, -ind);
	/* The rule beside the quote, on its last page (from its top there). */
	it = add_item(f, LAY_LINE);
	it->x = x0;
	it->y = f->pages->len == page0 ? y0 : f->top;
	it->h = f->y - f->tpl->para_space - it->y;
	it->colour = &f->tpl->accent;
	it->line_width = 1.5;
	tag_end(f);
}

/*
 * Preformatted text: in the code font, line ends kept, on a light ground
 * when it fits on one page (a longer one goes on over pages without it).
 */
static void
flow_codeblock(struct flow *f, const struct co_node *n)
{
	struct rich	 r;
	struct lay_text	*t;
	struct lay_item	*it;
	double		 pad = 4;
	size_t		 len = strlen(n->as.code.text);

	rich_init(&r);
	g_string_append_len(r.text, n->as.code.text,
	    len > 0 && n->as.code.text[len - 1] == '\n' ? len - 1 : len);
	rich_span(&r, 0, MS_WHOLE);
	t = rich_measure(f, &r, &f->tpl->code, 1.25, f->width - 2 * pad, 0, &f->tpl->text);
	ensure(f, MIN(t->height, 3 * 1.25 * f->tpl->code.size) + 2 * pad);
	if (f->y + t->height + 2 * pad <= f->bottom + 0.01) {
		it = add_item(f, LAY_RECT);
		it->x = f->left;
		it->y = f->y;
		it->w = f->width;
		it->h = t->height + 2 * pad;
		it->colour = &f->tpl->stripe_fill;
	}
	f->y += pad;
	flow_text(f, t, f->left + pad, "P");
	f->y += pad + f->tpl->para_space;
}

/* Terms in bold, each definition below it, indented. */
static void
flow_deflist(struct flow *f, const struct co_node *l)
{
	const struct co_node	*c;
	struct rich		 r;
	struct lay_text		*t;
	double			 ind = 6 * MM;

	tag_begin(f, "L");
	for (c = l->first; c != NULL; c = c->next) {
		if (c->kind == CO_KIND_TERM) {
			rich_init(&r);
			rich_inline(f, &r, c, false);
			rich_span(&r, 0, MS_BOLD);
			t = rich_measure(f, &r, &f->tpl->body, f->tpl->leading, f->width, 0,
			    &f->tpl->heading);
			/* A term goes with the first lines of what it means (its item opens there). */
			ensure(f, t->height + 2 * f->tpl->body.size * f->tpl->leading);
			tag_begin(f, "LI");
			tag_begin(f, "Lbl");
			flow_text(f, t, f->left, "P");
			tag_end(f);
			f->y += f->tpl->para_space * 0.3;
		} else {
			tag_begin(f, "LBody");
			indent(f, ind);
			flow_blocks(f, c);
			indent(f, -ind);
			tag_end(f);
			tag_end(f);	/* LI */
		}
	}
	tag_end(f);
}

/* A thematic break: a short rule in the middle of the text. */
static void
flow_rule(struct flow *f)
{
	struct lay_item	*it;

	ensure(f, 2 * f->tpl->para_space);
	it = add_item(f, LAY_LINE);
	it->x = f->left + f->width * 0.4;
	it->y = f->y + f->tpl->para_space;
	it->w = f->width * 0.2;
	it->colour = &f->tpl->rule;
	it->line_width = 0.8;
	f->y += 2 * f->tpl->para_space;
	f->fresh = false;
}

/* ---- headings ------------------------------------------------------- */

const char *
section_label(struct flow *f, const struct co_node *s)
{
	if (s->as.section.kind == CO_SEC_ANNEX)
		return s->as.section.level == 1 ? arena_printf(f->out->arena, "%s %s",
		    i18n_label(CO_LABEL_ANNEX, f->doc->lang), s->as.section.number) : NULL;
	return s->as.section.number;
}

static void
flow_heading(struct flow *f, const struct co_node *s)
{
	int			 lv = MIN(s->as.section.level, 4) - 1;
	const struct tpl	*t = f->tpl;
	struct lay_text		*num, *text;
	struct lay_item		*it;
	struct heading		 h;
	char			*dest;
	const char		*label = section_label(f, s);
	double			 indent = 0;
	static const char *const htags[] = { "H1", "H2", "H3", "H4" };

	/*
	 * The number, an em, then the title, which wraps in its own column: a
	 * long title's second line starts under its first word, not under the
	 * number.
	 */
	if (label != NULL) {
		/* "1.2 " : read aloud or copied, the number and the title are two words. */
		char *spaced = g_strconcat(label, " ", NULL);
		num = plain_text(f, spaced, &t->h[lv], 1.15, f->width, MEASURE_NOWRAP, &t->heading);
		g_free(spaced);
		/* w: the ink's end, without the space. */
		indent = MIN(num->x[0] + num->w[0] + t->h[lv].size, f->width / 3);
	} else
		num = NULL;
	text = plain_text(f, s->as.section.title, &t->h[lv], 1.15, f->width - indent, 0,
	    &t->heading);
	/*
	 * Room for the heading and three lines of what follows, or a new page,
	 * which also takes the headings just before this one.
	 */
	ensure(f, text->height + t->h_space_after[lv] + 3 * t->body.size * t->leading);
	dest = arena_printf(f->out->arena, "sec-%d", s->as.section.seq);
	it = add_item(f, LAY_DEST);
	it->dest = dest;
	it->x = f->left;
	it->y = f->y;
	it = add_item(f, LAY_OUTLINE);
	it->dest = dest;
	it->level = s->as.section.level;
	it->tag = label == NULL ? s->as.section.title : arena_printf(f->out->arena, "%s %s",
	    label, s->as.section.title);
	tag_begin(f, htags[lv]);
	if (num != NULL)
		place_lines(f, num, 0, num->nlines, f->left, f->y);
	place_lines(f, text, 0, text->nlines, f->left + indent, f->y);
	tag_end(f);
	f->y += MAX(num != NULL ? num->height : 0, text->height) + t->h_space_after[lv];
	h.section = s;
	h.page = f->pages->len - 1;
	h.dest = dest;
	g_array_append_val(f->headings, h);
}

/* A section: the space before its heading, the heading kept with what follows, its blocks. */
static void
flow_section(struct flow *f, const struct co_node *n)
{
	int	 lang = f->lang;

	if (n->as.section.empty)
		return;		/* validate.c said so; a bare heading helps no one */
	/* Each annex begins a page. */
	if (n->as.section.kind == CO_SEC_ANNEX && n->as.section.level == 1 && !f->fresh)
		new_page(f);
	/* A summary in another language is set, and hyphenated, in it. */
	if (n->as.section.kind == CO_SEC_ABSTRACT && n->as.section.lang >= 0)
		f->lang = n->as.section.lang;
	if (!f->fresh && !f->keep.active)
		f->y += f->tpl->h_space_before[MIN(n->as.section.level, 4) - 1];
	if (!f->keep.active) {
		f->keep.active = true;
		f->keep.fresh = f->fresh;
		f->keep.item = f->page->items->len;
		f->keep.ntags = f->tags->len;
		f->keep.heading = f->headings->len;
		f->keep.y = f->y;
	}
	f->keep.in_heading = true;
	tag_begin(f, "Sect");
	flow_heading(f, n);
	f->keep.in_heading = false;
	flow_blocks(f, n);
	tag_end(f);
	f->lang = lang;
}

/* One block in the current box. */
static void
flow_blocks_one(struct flow *f, const struct co_node *n)
{
	switch (n->kind) {
	case CO_KIND_SECTION:
		flow_section(f, n);
		break;
	case CO_KIND_PARA:
		flow_para(f, n);
		break;
	case CO_KIND_LIST:
		flow_list(f, n);
		break;
	case CO_KIND_TABLE:
		open_pending(f);
		flow_table(f, n);
		break;
	case CO_KIND_RECORDS:
		open_pending(f);
		flow_records(f, n);
		break;
	case CO_KIND_QUOTE:
		open_pending(f);
		flow_quote(f, n);
		break;
	case CO_KIND_CODEBLOCK:
		open_pending(f);
		flow_codeblock(f, n);
		break;
	case CO_KIND_FIGURE:
		open_pending(f);
		flow_figure(f, n);
		break;
	case CO_KIND_DEFLIST:
		open_pending(f);
		flow_deflist(f, n);
		break;
	case CO_KIND_RULE:
		open_pending(f);
		flow_rule(f);
		break;
	case CO_KIND_NOTE:
		break;		/* at the foot of the page of its mark */
	case CO_KIND_DOC:
	case CO_KIND_ITEM:
	case CO_KIND_ROW:
	case CO_KIND_CELL:
	case CO_KIND_RECORD:
	case CO_KIND_FIELD:
	case CO_KIND_ATTRIBUTION:
	case CO_KIND_TERM:
	case CO_KIND_DEFINITION:
	case CO_KIND_TEXT:
	case CO_KIND_EMPH:
	case CO_KIND_STRONG:
	case CO_KIND_LINK:
	case CO_KIND_CODE:
	case CO_KIND_STRIKE:
	case CO_KIND_BREAK:
	case CO_KIND_NOTEREF:
	case CO_KIND_XREF:
	case CO_KIND__MAX:
		break;
	}
}

void
flow_blocks(struct flow *f, const struct co_node *parent)
{
	const struct co_node	*n;

	for (n = parent->first; n != NULL; n = n->next)
		flow_blocks_one(f, n);
}

/* ---- entry points --------------------------------------------------- */

/* Every text of the report, for the measurer to look at before it starts. */
static void
prepare_texts(struct flow *f)
{
	GPtrArray		*texts;
	const struct co_node	*n, *root = f->doc->root;

	if (f->m->ops->prepare == NULL)
		return;
	texts = g_ptr_array_new();
	for (n = root; n != NULL; n = model_next(n, root))
		if (n->kind == CO_KIND_TEXT)
			g_ptr_array_add(texts, (gpointer)n->as.text.str);
	f->m->ops->prepare(f->m, (const char *const *)texts->pdata, texts->len);
	g_ptr_array_free(texts, TRUE);
}

/* Moves every page of "from" to the end of "to", and frees "from". */
static void
append_pages(GPtrArray *to, GPtrArray *from)
{
	guint	 i;

	for (i = 0; i < from->len; i++)
		g_ptr_array_add(to, g_ptr_array_index(from, i));
	g_ptr_array_free(from, TRUE);
}

/* True if some cross-reference prints its target's page. */
static bool
wants_pages(const struct co_doc *doc)
{
	const struct co_node	*n;

	for (n = doc->root; n != NULL; n = model_next(n, doc->root))
		if (n->kind == CO_KIND_XREF && n->as.xref.page)
			return true;
	return false;
}

/* The state of one pass over the report, empty. */
static void
flow_start(struct flow *f, struct co_pages *out, struct co_diags *diags)
{
	const struct tpl	*tpl = out->tpl;

	memset(f, 0, sizeof(*f));
	f->out = out;
	f->doc = out->doc;
	f->diags = diags;
	f->tpl = tpl;
	f->m = out->measure;
	f->top = tpl->margin_top;
	f->bottom = tpl->page_height - tpl->margin_bottom;
	f->left = tpl->margin_left;
	f->width = tpl->page_width - tpl->margin_left - tpl->margin_right;
	f->page_bottom = f->bottom;
	f->headings = g_array_new(FALSE, FALSE, sizeof(struct heading));
	f->tags = g_ptr_array_new();
	f->pending = g_ptr_array_new();
	f->target_page = g_hash_table_new(NULL, NULL);
	f->table_widths = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	f->lang = -1;
	notes_init(f);
}

static void
flow_end(struct flow *f)
{
	g_array_free(f->headings, TRUE);
	g_ptr_array_free(f->tags, TRUE);
	g_ptr_array_free(f->pending, TRUE);
	g_hash_table_destroy(f->target_page);
	g_hash_table_destroy(f->table_widths);
	notes_free(f);
	running_free(f);
}

/* True if "p" holds nothing but structure tags. */
static bool
page_is_empty(const struct lay_page *p)
{
	guint	 i;

	for (i = 0; i < p->items->len; i++) {
		enum lay_kind k = g_array_index(p->items, struct lay_item, i).kind;
		if (k != LAY_TAG_BEGIN && k != LAY_TAG_END)
			return false;
	}
	return true;
}

/* Body, cover, contents, running heads: the whole report into out->pages. */
static void
flow_report(struct flow *f)
{
	struct co_pages	*out = f->out;
	GPtrArray	*body, *toc, *cover;
	guint		 i;
	int		 total;

	/* The body first: its pagination does not depend on where it starts. */
	body = g_ptr_array_new();
	f->pages = body;
	new_page(f);
	flow_blocks(f, f->doc->root);
	while (f->tags->len > 0)
		tag_end(f);
	notes_flush(f);
	/* Long footnotes still going on get pages of their own. */
	while (f->carry->len > 0) {
		new_page(f);
		notes_flush(f);
	}
	/* A page begun for what never came (after a landscape table) goes. */
	if (body->len > 1 && page_is_empty(g_ptr_array_index(body, body->len - 1)))
		page_free(g_ptr_array_steal_index(body, body->len - 1));

	/* Then the cover, and the contents, whose length is known before its numbers. */
	cover = g_ptr_array_new();
	f->pages = cover;
	f->page = NULL;
	flow_cover(f);
	toc = g_ptr_array_new();
	flow_contents(f, cover, toc);
	/* The pages of the body's headings and targets, as readers count them. */
	for (i = 0; i < f->headings->len; i++) {
		const struct heading *h = &g_array_index(f->headings, struct heading, i);
		g_hash_table_insert(f->target_page, (gpointer)h->section,
		    GINT_TO_POINTER(h->page + 1));
	}
	f->body_start = cover->len + toc->len;
	append_pages(out->pages, cover);
	append_pages(out->pages, toc);
	append_pages(out->pages, body);

	total = out->pages->len;
	for (i = 0; i < out->pages->len; i++) {
		struct lay_page *p = g_ptr_array_index(out->pages, i);
		if (!p->cover)
			add_running(f, p, i + 1, total);
	}
}

/* target → body page from a pass, made the page number readers see. */
static GHashTable *
page_numbers(const struct flow *f)
{
	GHashTable	*pages = g_hash_table_new(NULL, NULL);
	GHashTableIter	 it;
	gpointer	 k, v;

	g_hash_table_iter_init(&it, f->target_page);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_hash_table_insert(pages, k, GINT_TO_POINTER(GPOINTER_TO_INT(v) + f->body_start));
	return pages;
}

struct co_pages *
co_layout_new(const struct co_doc *doc, struct tpl *tpl, struct measurer *m,
    struct co_image *logo, struct co_diags *diags)
{
	struct co_pages	*out;
	struct flow	 f;
	GHashTable	*known;

	out = g_new0(struct co_pages, 1);
	out->doc = doc;
	out->tpl = tpl;
	out->measure = m;
	out->logo = logo;
	out->arena = arena_new();
	out->texts = g_ptr_array_new_with_free_func((GDestroyNotify)lay_text_free);
	out->pages = g_ptr_array_new_with_free_func((GDestroyNotify)page_free);
	out->images = g_ptr_array_new_with_free_func((GDestroyNotify)image_free);
	out->image_of = g_hash_table_new(NULL, NULL);

	flow_start(&f, out, diags);
	/* Every word hyphenated at once, on two cores, before it is needed. */
	prepare_texts(&f);
	flow_report(&f);
	if (wants_pages(doc)) {
		/*
		 * "On page 9" needs the pages: a second pass knows them from the
		 * first (a reference's page number takes two digits' room there,
		 * so the pages hardly ever move).  Its messages were said once.
		 */
		known = page_numbers(&f);
		flow_end(&f);
		/* The first pass's texts stay: the measurer may still hold their runs. */
		g_ptr_array_set_size(out->pages, 0);
		flow_start(&f, out, NULL);
		f.known_page = known;
		flow_report(&f);
		g_hash_table_destroy(known);
	}
	flow_end(&f);
	return out;
}

void
co_layout_free(struct co_pages *p)
{
	if (p == NULL)
		return;
	g_ptr_array_free(p->pages, TRUE);
	g_ptr_array_free(p->texts, TRUE);
	measure_free(p->measure);
	tpl_free(p->tpl);
	image_free(p->logo);
	g_ptr_array_free(p->images, TRUE);
	g_hash_table_destroy(p->image_of);
	arena_free(p->arena);
	g_free(p);
}
