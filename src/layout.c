/*
 * layout.c: the paginator: flows the body's headings, paragraphs and lists
 * onto pages, keeps headings with what follows, avoids widows and orphans,
 * then adds the cover, the contents and the running heads.
 */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "image.h"
#include "layout_int.h"

static void flow_blocks(struct flow *, const struct co_node *);

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
	g_array_append_val(f->page->items, it);
	return &g_array_index(f->page->items, struct lay_item,
	    f->page->items->len - 1);
}

void
tag_begin(struct flow *f, const char *tag)
{
	g_ptr_array_add(f->tags, (gpointer)tag);
	add_item(f, LAY_TAG_BEGIN)->tag = tag;
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
	if (f->page != NULL)
		for (i = n - 1; i >= 0; i--)
			add_item(f, LAY_TAG_END)->tag = g_ptr_array_index(f->tags, i);
	f->page = page_new(f->pages, f->tpl);
	for (i = 0; i < n; i++)
		add_item(f, LAY_TAG_BEGIN)->tag = g_ptr_array_index(f->tags, i);
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
	/* Clickable areas over the parts of links on these lines. */
	for (k = 0; k < t->nhots; k++) {
		const struct lay_hot *h = &t->hots[k];
		if (h->line < first || h->line >= first + n)
			continue;
		it = add_item(f, LAY_LINK);
		it->x = x + t->x[h->line] + h->x0;
		it->w = h->x1 - h->x0;
		it->y = y + t->top[h->line] - t->top[first];
		it->h = t->bottom[h->line] - t->top[h->line];
		it->uri = h->uri;
	}
}

/* ---- text blocks ---------------------------------------------------- */

/*
 * Flows lines of "t" at x, breaking pages so that no page starts or ends
 * with a single line of it, inside structure element "tag" (P, LI).  The
 * element opens where the first line goes, so that a page break before it
 * leaves no empty element behind.  "label" (may be NULL) goes beside the
 * first line, as a list item's Lbl beside its LBody.
 */
static void
flow_text(struct flow *f, const struct lay_text *t, double x,
    const struct lay_text *label, double label_x, const char *tag)
{
	int	 i = 0, k, n = t->nlines, take;
	double	 avail;

	while (i < n) {
		avail = f->bottom - f->y;
		for (k = 0; i + k < n && t->bottom[i + k] - t->top[i] <= avail + 0.01; k++)
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
			tag_begin(f, tag);
			if (label != NULL) {
				tag_begin(f, "Lbl");
				place_lines(f, label, 0, label->nlines, label_x, f->y);
				tag_end(f);
				tag_begin(f, "LBody");
			}
		}
		place_lines(f, t, i, take, x, f->y);
		f->y += t->bottom[i + take - 1] - t->top[i];
		i += take;
		if (i < n)
			new_page(f);
	}
	if (n > 0 && label != NULL)
		tag_end(f);
	if (n > 0)
		tag_end(f);
}

static void
flow_para(struct flow *f, const struct co_node *p)
{
	struct rich	 r;
	struct lay_text	*t;

	rich_init(&r);
	rich_inline(f, &r, p, false);
	t = rich_measure(f, &r, &f->tpl->body, f->tpl->leading, f->width,
	    f->tpl->justify ? MEASURE_JUSTIFY : 0, &f->tpl->text);
	flow_text(f, t, f->left, NULL, 0, "P");
	f->y += f->tpl->para_space;
}

void
flow_item(struct flow *f, const char *label_str, struct rich *r, double indent)
{
	struct lay_text	*label, *t;

	label = plain_text(f, label_str, &f->tpl->body, f->tpl->leading, indent,
	    0, &f->tpl->heading);
	t = rich_measure(f, r, &f->tpl->body, f->tpl->leading, f->width - indent,
	    f->tpl->justify ? MEASURE_JUSTIFY : 0, &f->tpl->text);
	flow_text(f, t, f->left + indent, label, f->left + 2, "LI");
	f->y += f->tpl->para_space * 0.5;
}

static void
flow_list(struct flow *f, const struct co_node *l)
{
	const struct co_node	*item;
	struct rich		 r;
	char			*label;
	int			 n;
	double			 indent;

	indent = l->as.list.ordered ? 8 * MM : 6 * MM;
	tag_begin(f, "L");
	for (n = l->as.list.start, item = l->first; item != NULL; item = item->next, n++) {
		rich_init(&r);
		rich_inline(f, &r, item, false);
		label = l->as.list.ordered ? g_strdup_printf("%d.", n) :
		    g_strdup("\xe2\x80\xa2");
		flow_item(f, label, &r, indent);
		g_free(label);
	}
	tag_end(f);
	f->y += f->tpl->para_space * 0.5;
}

/* ---- headings ------------------------------------------------------- */

static void
flow_heading(struct flow *f, const struct co_node *s)
{
	int			 lv = MIN(s->as.section.level, 4) - 1;
	const struct tpl	*t = f->tpl;
	struct lay_text		*num, *text;
	struct lay_item		*it;
	struct heading		 h;
	char			*dest;
	double			 indent;
	static const char *const htags[] = { "H1", "H2", "H3", "H4" };

	/*
	 * The number, an em, then the title, which wraps in its own column: a
	 * long title's second line starts under its first word, not under the
	 * number.
	 */
	num = plain_text(f, s->as.section.number, &t->h[lv], 1.15, f->width, MEASURE_NOWRAP,
	    &t->heading);
	indent = MIN(num->width + t->h[lv].size, f->width / 3);
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
	it->tag = arena_printf(f->out->arena, "%s %s", s->as.section.number,
	    s->as.section.title);
	tag_begin(f, htags[lv]);
	place_lines(f, num, 0, num->nlines, f->left, f->y);
	place_lines(f, text, 0, text->nlines, f->left + indent, f->y);
	tag_end(f);
	f->y += MAX(num->height, text->height) + t->h_space_after[lv];
	h.section = s;
	h.page = f->pages->len - 1;
	h.dest = dest;
	g_array_append_val(f->headings, h);
}

/* A section: the space before its heading, the heading kept with what follows, its blocks. */
static void
flow_section(struct flow *f, const struct co_node *n)
{
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
}

static void
flow_blocks(struct flow *f, const struct co_node *parent)
{
	const struct co_node	*n;

	for (n = parent->first; n != NULL; n = n->next) {
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
			flow_table(f, n);
			break;
		case CO_KIND_RECORDS:
			flow_records(f, n);
			break;
		case CO_KIND_DOC:
		case CO_KIND_ITEM:
		case CO_KIND_ROW:
		case CO_KIND_CELL:
		case CO_KIND_RECORD:
		case CO_KIND_FIELD:
		case CO_KIND_TEXT:
		case CO_KIND_EMPH:
		case CO_KIND_STRONG:
		case CO_KIND_LINK:
		case CO_KIND__MAX:
			break;
		}
	}
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

struct co_pages *
co_layout_new(const struct co_doc *doc, struct tpl *tpl, struct measurer *m,
    struct co_image *logo, struct co_diags *diags)
{
	struct co_pages	*out;
	struct flow	 f;
	GPtrArray	*body, *toc, *cover;
	guint		 i;
	int		 total;

	out = g_new0(struct co_pages, 1);
	out->doc = doc;
	out->tpl = tpl;
	out->measure = m;
	out->logo = logo;
	out->arena = arena_new();
	out->texts = g_ptr_array_new_with_free_func((GDestroyNotify)lay_text_free);
	out->pages = g_ptr_array_new_with_free_func((GDestroyNotify)page_free);

	memset(&f, 0, sizeof(f));
	f.out = out;
	f.doc = doc;
	f.diags = diags;
	f.tpl = tpl;
	f.m = m;
	f.top = tpl->margin_top;
	f.bottom = tpl->page_height - tpl->margin_bottom;
	f.left = tpl->margin_left;
	f.width = tpl->page_width - tpl->margin_left - tpl->margin_right;
	f.headings = g_array_new(FALSE, FALSE, sizeof(struct heading));
	f.tags = g_ptr_array_new();

	/* Every word hyphenated at once, on two cores, before it is needed. */
	prepare_texts(&f);

	/* The body first: its pagination does not depend on where it starts. */
	body = g_ptr_array_new();
	f.pages = body;
	new_page(&f);
	flow_blocks(&f, doc->root);
	while (f.tags->len > 0)
		tag_end(&f);

	/* Then the cover, and the contents, whose length is known before its numbers. */
	cover = g_ptr_array_new();
	f.pages = cover;
	f.page = NULL;
	flow_cover(&f);
	toc = g_ptr_array_new();
	flow_contents(&f, cover, toc);
	append_pages(out->pages, cover);
	append_pages(out->pages, toc);
	append_pages(out->pages, body);

	total = out->pages->len;
	for (i = 0; i < out->pages->len; i++) {
		struct lay_page *p = g_ptr_array_index(out->pages, i);
		if (!p->cover)
			add_running(&f, p, i + 1, total);
	}
	g_array_free(f.headings, TRUE);
	g_ptr_array_free(f.tags, TRUE);
	running_free(&f);
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
	arena_free(p->arena);
	g_free(p);
}
