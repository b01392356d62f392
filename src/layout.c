/* layout.c: flows the report onto pages: cover, contents, headings, text, lists, tables. */
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hyphen.h"
#include "i18n.h"
#include "layout.h"
#include "load.h"
#include "text.h"

#define MM		(72.0 / 25.4)
#define MAX_TAGS	16
/* Lines in table cells: Lato's own 1.05 em left descenders touching capitals. */
#define CELL_LEADING	1.2

/* Where text goes while it is being built: text, attributes and links. */
struct rich {
	GString		*text;		/* the characters, with soft hyphens */
	PangoAttrList	*attrs;		/* emphasis, strong, link colour */
	GArray		*links;		/* struct lay_link */
};

struct flow {
	struct co_pages		*out;		/* what we make */
	const struct co_doc	*doc;		/* what we lay out */
	const struct tpl	*tpl;		/* house style */
	struct measure		*m;		/* Pango */
	GPtrArray		*pages;		/* pages being filled */
	struct lay_page		*page;		/* the current page */
	double			 y;		/* top of the free space */
	double			 top, bottom;	/* body area, pt from the page top */
	double			 left, width;	/* body area, pt */
	bool			 fresh;		/* nothing on this page yet */
	bool			 whole_words;	/* names: no dictionary hyphenation */
	const char		*tags[MAX_TAGS]; /* open structure tags */
	int			 ntags;		/* entries in tags */
	GArray			*headings;	/* struct heading, for the contents */
	struct keep {
		bool		 active;	/* headings placed, nothing after them */
		bool		 in_heading;	/* a heading is being placed */
		bool		 fresh;		/* they began a page: nothing to move */
		guint		 item;		/* their first item on the page */
		int		 ntags;		/* tags open before them */
		guint		 heading;	/* their first entry in headings */
		double		 y;		/* where they begin */
	}			 keep;		/* headings kept with what follows */
	struct running {
		char		*str;		/* the text last measured */
		struct lay_text	*natural;	/* on one line, whole */
		struct lay_text	*fitted;	/* cut to width, or NULL */
		double		 width;		/* of fitted */
	}			 running[4];	/* header left, right; footer left, right */
};

struct heading {
	const struct co_node	*section;	/* the heading's section */
	int			 page;		/* body page index, 0-based */
	char			*dest;		/* named destination */
};

static void flow_blocks(struct flow *, const struct co_node *);

/* ---- pages and items ------------------------------------------------ */

static struct lay_item *
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

static void
tag_begin(struct flow *f, const char *tag)
{
	g_assert(f->ntags < MAX_TAGS);
	f->tags[f->ntags++] = tag;
	add_item(f, LAY_TAG_BEGIN)->tag = tag;
}

static void
tag_end(struct flow *f)
{
	g_assert(f->ntags > 0);
	add_item(f, LAY_TAG_END)->tag = f->tags[--f->ntags];
}

static struct lay_page *
page_new(GPtrArray *pages)
{
	struct lay_page	*p;

	p = g_new0(struct lay_page, 1);
	p->items = g_array_new(FALSE, FALSE, sizeof(struct lay_item));
	g_ptr_array_add(pages, p);
	return p;
}

/* Ends the page; open structure tags close here and reopen on the next. */
static void
new_page(struct flow *f)
{
	int		 i, n = f->ntags;
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
			add_item(f, LAY_TAG_END)->tag = f->tags[i];
	f->page = page_new(f->pages);
	for (i = 0; i < n; i++)
		add_item(f, LAY_TAG_BEGIN)->tag = f->tags[i];
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

/* Starts a new page unless "h" points still fit (or the page is empty). */
static void
ensure(struct flow *f, double h)
{
	if (f->y + h > f->bottom + 0.01 && !f->fresh)
		new_page(f);
}

static struct lay_text *
keep(struct flow *f, struct lay_text *t)
{
	g_ptr_array_add(f->out->texts, t);
	return t;
}

/* Places lines [first, first + n) of "t" with their top at (x, y). */
static void
place_lines(struct flow *f, const struct lay_text *t, int first, int n,
    double x, double y)
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

/* ---- rich text ------------------------------------------------------ */

static void
rich_init(struct rich *r)
{
	r->text = g_string_new(NULL);
	r->attrs = pango_attr_list_new();
	r->links = g_array_new(FALSE, FALSE, sizeof(struct lay_link));
}

static void
add_attr(struct rich *r, PangoAttribute *a, size_t start)
{
	a->start_index = start;
	a->end_index = r->text->len;
	pango_attr_list_insert(r->attrs, a);
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

static void
rich_append(struct flow *f, struct rich *r, const char *s, bool hyphenate)
{
	struct hyph	*h = measure_hyph(f->m);
	char		*tied = tie_numbers(s);

	if (tied != NULL)
		s = tied;
	if (hyphenate && h != NULL)
		hyph_text(h, s, strlen(s), r->text);
	else
		g_string_append(r->text, s);
	g_free(tied);
}

static void
rich_link(struct flow *f, struct rich *r, const char *uri, size_t start)
{
	struct lay_link	 l;
	const struct tpl_colour *c = &f->tpl->link;

	add_attr(r, pango_attr_foreground_new(c->r * 65535, c->g * 65535, c->b * 65535), start);
	/* An address that must wrap breaks without a hyphen that is not in it. */
	add_attr(r, pango_attr_insert_hyphens_new(FALSE), start);
	l.start = start;
	l.end = r->text->len;
	l.uri = uri;
	g_array_append_val(r->links, l);
}

/* Appends the inline children of "n" to "r". */
static void
rich_inline(struct flow *f, struct rich *r, const struct co_node *n, bool in_link)
{
	const struct co_node	*c;
	size_t			 start;

	for (c = n->first; c != NULL; c = c->next) {
		start = r->text->len;
		switch (c->kind) {
		case CO_KIND_TEXT:
			rich_append(f, r, c->as.text.str,
			    !in_link && !f->whole_words && f->tpl->hyphenate);
			break;
		case CO_KIND_EMPH:
			rich_inline(f, r, c, in_link);
			add_attr(r, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
			break;
		case CO_KIND_STRONG:
			rich_inline(f, r, c, in_link);
			add_attr(r, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
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

/*
 * Takes the soft hyphens out of the last word: a paragraph or a cell never
 * ends on the stub of a hyphenated word ("palau-" / "te").
 */
static void
last_word_whole(struct rich *r)
{
	const char	*s = r->text->str;
	size_t		 i = r->text->len, k;

	while (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\n') {
		i--;
		if (i + 1 < r->text->len && (guchar)s[i] == 0xc2 && (guchar)s[i + 1] == 0xad) {
			g_string_erase(r->text, i, 2);
			s = r->text->str;
			pango_attr_list_update(r->attrs, i, 2, 0);
			for (k = 0; k < r->links->len; k++) {
				struct lay_link *l = &g_array_index(r->links, struct lay_link, k);
				if (l->start > (int)i)
					l->start -= 2;
				if (l->end > (int)i)
					l->end -= 2;
			}
		}
	}
}

/* Measures "r" and hands its links to the text; frees the builder. */
static struct lay_text *
rich_measure(struct flow *f, struct rich *r, const struct tpl_font *font,
    double leading, double width, int flags, const struct tpl_colour *colour)
{
	struct lay_text	*t;

	last_word_whole(r);
	t = measure_text(f->m, font, leading, r->text->str, r->attrs,
	    (const struct lay_link *)r->links->data, r->links->len, width, flags);
	t->colour = *colour;
	g_array_free(r->links, TRUE);
	g_string_free(r->text, TRUE);
	return keep(f, t);
}

static struct lay_text *
plain_text(struct flow *f, const char *s, const struct tpl_font *font,
    double leading, double width, int flags, const struct tpl_colour *colour)
{
	struct lay_text	*t;

	t = measure_text(f->m, font, leading, s, NULL, NULL, 0, width, flags);
	t->colour = *colour;
	return keep(f, t);
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

/* One list item: a label ("•", "3.") and its text with a hanging indent. */
static void
flow_item(struct flow *f, const char *label_str, struct rich *r, double indent,
    const struct tpl_colour *extra)
{
	struct lay_text	*label, *t;

	(void)extra;
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
		flow_item(f, label, &r, indent, NULL);
		g_free(label);
	}
	tag_end(f);
	f->y += f->tpl->para_space * 0.5;
}

/* ---- tables --------------------------------------------------------- */

/* A cell before measuring: rich text plus alignment. */
struct gcell {
	struct rich	 r;		/* content */
	bool		 right;		/* numbers align right */
	bool		 loose;		/* an address: may wrap anywhere */
};

struct grid {
	int		 ncols;		/* columns */
	GArray		*cells;		/* struct gcell, row by row */
	GArray		*kinds;		/* per row: 0 body, 1 header, 2 total */
	const char	*caption;	/* or NULL */
};

static struct gcell *
grid_cell(struct grid *g)
{
	struct gcell	 c;

	memset(&c, 0, sizeof(c));
	rich_init(&c.r);
	g_array_append_val(g->cells, c);
	return &g_array_index(g->cells, struct gcell, g->cells->len - 1);
}

static void
grid_row(struct grid *g, int kind)
{
	g_array_append_val(g->kinds, kind);
}

static void
grid_init(struct grid *g, int ncols)
{
	memset(g, 0, sizeof(*g));
	g->ncols = ncols;
	g->cells = g_array_new(FALSE, FALSE, sizeof(struct gcell));
	g->kinds = g_array_new(FALSE, FALSE, sizeof(int));
}

/* Column widths from the content: narrowest and natural widths, then share. */
static void
grid_widths(struct flow *f, struct grid *g, double *w)
{
	double	*minw, *maxw, summin = 0, summax = 0, avail, pad2, extra;
	int	 c, row, nrows;
	const struct tpl_font *font;

	nrows = g->kinds->len;
	minw = g_new0(double, g->ncols);
	maxw = g_new0(double, g->ncols);
	pad2 = 2 * f->tpl->cell_pad;
	for (row = 0; row < nrows; row++) {
		font = g_array_index(g->kinds, int, row) == 0 ? &f->tpl->table :
		    &f->tpl->table_head;
		for (c = 0; c < g->ncols; c++) {
			struct gcell *cell = &g_array_index(g->cells, struct gcell,
			    row * g->ncols + c);
			const char *s = cell->r.text->str;
			if (*s == '\0')
				continue;
			double lo = 0, hi = 0;
			measure_widths(f->m, font, s, &lo, &hi);
			/* A web or e-mail address reads well enough on two lines. */
			if (cell->loose) {
				lo = MIN(lo, 50);
				hi = MIN(hi, 110);
			}
			minw[c] = MAX(minw[c], lo + pad2);
			maxw[c] = MAX(maxw[c], hi + pad2);
		}
	}
	avail = f->width;
	for (c = 0; c < g->ncols; c++) {
		/*
		 * One unbreakable monster word must not squeeze the other columns;
		 * an e-mail address or a long name is not one.
		 */
		minw[c] = MIN(minw[c], MAX(avail * 0.3, 60));
		minw[c] = MAX(minw[c], pad2 + 6);
		maxw[c] = MAX(maxw[c], minw[c]);
		summin += minw[c];
		summax += maxw[c];
	}
	if (summax <= avail) {
		/* Everything fits on one line: spread the rest by size. */
		for (c = 0; c < g->ncols; c++)
			w[c] = maxw[c] + (avail - summax) * maxw[c] / summax;
	} else if (summin <= avail) {
		/*
		 * Short columns (dates, statuses, amounts) get their natural width
		 * while the long ones can still have their minimum; the long
		 * columns share what is left in proportion to what they want.
		 */
		bool	*fixed = g_new0(bool, g->ncols);
		double	 left = avail, want;

		for (c = 0; c < g->ncols; c++)
			w[c] = minw[c];
		for (c = 0; c < g->ncols; c++) {
			if (maxw[c] > avail * 0.17)
				continue;
			want = maxw[c] - minw[c];
			if (summin + want <= avail) {
				w[c] = maxw[c];
				summin += want;
				fixed[c] = true;
			}
		}
		extra = 0;
		for (c = 0; c < g->ncols; c++) {
			left -= w[c];
			if (!fixed[c])
				extra += maxw[c] - minw[c];
		}
		for (c = 0; c < g->ncols; c++)
			if (!fixed[c] && extra > 0)
				w[c] += left * (maxw[c] - minw[c]) / extra;
		g_free(fixed);
	} else {
		/* Too narrow even word by word: shrink, words break by letters. */
		for (c = 0; c < g->ncols; c++)
			w[c] = minw[c] * avail / summin;
	}
	g_free(minw);
	g_free(maxw);
}

struct mrow {
	struct lay_text	**cells;	/* ncols measured cells */
	int		  kind;		/* 0 body, 1 header, 2 total */
	double		  h;		/* full height, pt */
};

/* Paints the background, rule and the given lines of each cell of a row part. */
static double
place_row_part(struct flow *f, const struct mrow *r, const double *w, int ncols,
    const int *from, const int *to, bool stripe)
{
	struct lay_item	*it;
	double		 pad = f->tpl->cell_pad, x, h = 0, hc;
	int		 c;

	for (c = 0; c < ncols; c++) {
		if (to[c] > from[c]) {
			hc = r->cells[c]->bottom[to[c] - 1] - r->cells[c]->top[from[c]];
			h = MAX(h, hc);
		}
	}
	h += 2 * pad;
	if (r->kind == 1 || stripe || r->kind == 2) {
		it = add_item(f, LAY_RECT);
		it->x = f->left;
		it->y = f->y;
		it->w = f->width;
		it->h = h;
		it->colour = r->kind == 0 ? &f->tpl->stripe_fill : &f->tpl->head_fill;
	}
	tag_begin(f, "TR");
	for (x = f->left, c = 0; c < ncols; x += w[c], c++) {
		tag_begin(f, r->kind == 1 ? "TH" : "TD");
		place_lines(f, r->cells[c], from[c], to[c] - from[c], x + pad, f->y + pad);
		tag_end(f);
	}
	tag_end(f);
	it = add_item(f, LAY_LINE);
	it->x = f->left;
	it->y = f->y + h;
	it->w = f->width;
	it->colour = r->kind == 1 ? &f->tpl->heading : &f->tpl->rule;
	it->line_width = r->kind == 1 ? 0.8 : 0.4;
	f->y += h;
	f->fresh = false;
	return h;
}

static void
place_row(struct flow *f, const struct mrow *r, const double *w, int ncols, bool stripe)
{
	int	 from[64], to[64], c;

	for (c = 0; c < ncols; c++) {
		from[c] = 0;
		to[c] = r->cells[c]->nlines;
	}
	place_row_part(f, r, w, ncols, from, to, stripe);
}

static void
place_headers(struct flow *f, struct mrow *rows, int nhead, const double *w, int ncols)
{
	int	 i;

	for (i = 0; i < nhead; i++)
		place_row(f, &rows[i], w, ncols, false);
}

/* A row taller than the space left: its lines go on as many pages as needed. */
static void
split_row(struct flow *f, struct mrow *rows, int nhead, const struct mrow *r,
    const double *w, int ncols, bool stripe)
{
	int	 from[64], to[64], c, k;
	double	 avail;
	bool	 done = false, any;

	for (c = 0; c < ncols; c++)
		from[c] = 0;
	while (!done) {
		avail = f->bottom - f->y - 2 * f->tpl->cell_pad;
		any = false;
		done = true;
		for (c = 0; c < ncols; c++) {
			const struct lay_text *t = r->cells[c];
			for (k = from[c]; k < t->nlines &&
			    t->bottom[k] - t->top[from[c]] <= avail + 0.01; k++)
				;
			to[c] = k;
			if (k > from[c])
				any = true;
			if (k < t->nlines)
				done = false;
		}
		if (!any && !f->fresh) {
			new_page(f);
			place_headers(f, rows, nhead, w, ncols);
			done = false;
			continue;
		}
		if (!any) {
			/* A single line taller than a page: place it anyway. */
			for (c = 0; c < ncols; c++)
				to[c] = MIN(from[c] + 1, r->cells[c]->nlines);
		}
		place_row_part(f, r, w, ncols, from, to, stripe);
		for (c = 0; c < ncols; c++) {
			if (to[c] < r->cells[c]->nlines)
				done = false;
			from[c] = to[c];
		}
		if (!done) {
			new_page(f);
			place_headers(f, rows, nhead, w, ncols);
		}
	}
}

/* Measures and places a grid; header rows repeat on every page it spans. */
static void
flow_grid(struct flow *f, struct grid *g)
{
	double		*w, pad2 = 2 * f->tpl->cell_pad, headh = 0, first;
	struct mrow	*rows;
	int		 nrows, row, c, nhead = 0, body = 0, onpage;
	const struct tpl_font *font;
	struct lay_text	*cap;

	nrows = g->kinds->len;
	if (nrows == 0 || g->ncols == 0 || g->ncols > 64)
		return;
	w = g_new(double, g->ncols);
	grid_widths(f, g, w);
	rows = g_new0(struct mrow, nrows);
	for (row = 0; row < nrows; row++) {
		rows[row].kind = g_array_index(g->kinds, int, row);
		rows[row].cells = g_new(struct lay_text *, g->ncols);
		font = rows[row].kind == 0 ? &f->tpl->table : &f->tpl->table_head;
		for (c = 0; c < g->ncols; c++) {
			struct gcell *cell = &g_array_index(g->cells, struct gcell,
			    row * g->ncols + c);
			rows[row].cells[c] = rich_measure(f, &cell->r, font, CELL_LEADING,
			    w[c] - pad2, cell->right ? MEASURE_RIGHT : 0, &f->tpl->text);
			rows[row].h = MAX(rows[row].h, rows[row].cells[c]->height + pad2);
		}
		if (rows[row].kind == 1 && row == nhead) {
			nhead++;
			headh += rows[row].h;
		}
	}
	if (g->caption != NULL) {
		cap = plain_text(f, g->caption, &f->tpl->table_head, 0, f->width, 0,
		    &f->tpl->heading);
		ensure(f, cap->height + 4 + headh + (nrows > nhead ? rows[nhead].h : 0));
		tag_begin(f, "Caption");
		place_lines(f, cap, 0, cap->nlines, f->left, f->y);
		tag_end(f);
		f->y += cap->height + 4;
	}
	/* The header starts with the first two rows (or the only one). */
	first = 0;
	for (row = nhead; row < nrows && row < nhead + 2; row++)
		first += rows[row].h;
	ensure(f, headh + MIN(first, f->bottom - f->top - headh));
	tag_begin(f, "Table");
	place_headers(f, rows, nhead, w, g->ncols);
	onpage = 0;
	for (row = nhead; row < nrows; row++, body++) {
		/*
		 * The last row never goes alone under a repeated header: when it
		 * would, the row before it goes over too (if two rows stay here).
		 */
		if (row == nrows - 2 && onpage >= 2 &&
		    f->y + rows[row].h <= f->bottom + 0.01 &&
		    f->y + rows[row].h + rows[row + 1].h > f->bottom + 0.01 &&
		    rows[row].h + rows[row + 1].h <= f->bottom - f->top - headh) {
			new_page(f);
			place_headers(f, rows, nhead, w, g->ncols);
			onpage = 0;
		}
		if (f->y + rows[row].h <= f->bottom + 0.01) {
			place_row(f, &rows[row], w, g->ncols, body % 2 == 1);
			onpage++;
			continue;
		}
		onpage = 1;
		if (rows[row].h <= f->bottom - f->top - headh) {
			new_page(f);
			place_headers(f, rows, nhead, w, g->ncols);
			place_row(f, &rows[row], w, g->ncols, body % 2 == 1);
			continue;
		}
		split_row(f, rows, nhead, &rows[row], w, g->ncols, body % 2 == 1);
	}
	tag_end(f);
	f->y += f->tpl->para_space * 1.5;
	for (row = 0; row < nrows; row++)
		g_free(rows[row].cells);
	g_free(rows);
	g_free(w);
	g_array_free(g->cells, TRUE);
	g_array_free(g->kinds, TRUE);
}

/* True for "1 250,50", "-3.5 %", "12 000 €": figures a reader compares. */
static bool
is_figure(const char *s)
{
	static GRegex	*re;

	if (re == NULL)
		re = g_regex_new("^[-+\\x{2212}]?[€$£]?\\s?[0-9][0-9\\s\\x{A0}\\x{202F}.,]*"
		    "\\s?(%|€|\\$|£|kr|k€|M€|[A-Z]{3})?$", G_REGEX_OPTIMIZE, 0, NULL);
	return g_regex_match(re, s, 0, NULL);
}

/* A generic table's column of figures (every body cell, one at least) aligns right. */
static void
align_numbers(struct grid *g)
{
	int	 c, row, nrows = g->kinds->len, figures;
	bool	 ok;

	for (c = 0; c < g->ncols; c++) {
		ok = true;
		figures = 0;
		for (row = 0; row < nrows && ok; row++) {
			struct gcell *cell = &g_array_index(g->cells, struct gcell,
			    row * g->ncols + c);
			char *plain = g_strstrip(g_strdup(cell->r.text->str));
			if (g_array_index(g->kinds, int, row) != 1 && *plain != '\0') {
				ok = is_figure(plain);
				figures++;
			}
			g_free(plain);
		}
		if (!ok || figures == 0)
			continue;
		for (row = 0; row < nrows; row++)
			g_array_index(g->cells, struct gcell, row * g->ncols + c).right = true;
	}
}

static void
flow_table(struct flow *f, const struct co_node *t)
{
	struct grid		 g;
	const struct co_node	*row, *cell;
	int			 ncols = 0, n;

	for (row = t->first; row != NULL; row = row->next) {
		n = 0;
		for (cell = row->first; cell != NULL; cell = cell->next)
			n++;
		ncols = MAX(ncols, n);
	}
	grid_init(&g, ncols);
	g.caption = t->as.table.caption;
	for (row = t->first; row != NULL; row = row->next) {
		grid_row(&g, row->as.row.header ? 1 : 0);
		n = 0;
		for (cell = row->first; cell != NULL; cell = cell->next, n++)
			rich_inline(f, &grid_cell(&g)->r, cell, false);
		for (; n < ncols; n++)
			grid_cell(&g);
	}
	align_numbers(&g);
	flow_grid(f, &g);
}

/* Turns the spaces of "s" from byte "start" on into no-break spaces. */
static void
tie_spaces(GString *s, size_t start)
{
	size_t	 i;

	for (i = start; i < s->len; i++)
		if (s->str[i] == ' ') {
			g_string_erase(s, i, 1);
			g_string_insert(s, i, "\xc2\xa0");
			i++;
		}
}

/* Writes a scalar field as readers should see it. */
static void
field_value(struct flow *f, struct gcell *cell, const struct co_field_spec *spec,
    const struct co_node *field)
{
	const char	*v = field->as.field.value;
	char		*s, *uri;
	int64_t		 cents;
	size_t		 start;

	if (v == NULL) {
		/* People's names are never hyphenated. */
		f->whole_words = strcmp(spec->key, "name") == 0 ||
		    strcmp(spec->key, "owner") == 0;
		start = cell->r.text->len;
		rich_inline(f, &cell->r, field, false);
		if (strcmp(spec->key, "phone") == 0)
			tie_spaces(cell->r.text, start);	/* one number, one line */
		if (f->whole_words)
			add_attr(&cell->r, pango_attr_insert_hyphens_new(FALSE), start);
		f->whole_words = false;
		return;
	}
	switch (spec->type) {
	case CO_FTYPE_DATE:
	case CO_FTYPE_MONTH:
		s = date_format(v, f->doc->lang);
		g_string_append(cell->r.text, s);
		g_free(s);
		break;
	case CO_FTYPE_AMOUNT:
		if (amount_parse(v, &cents)) {
			s = amount_format(cents, f->doc->lang);
			g_string_append(cell->r.text, s);
			g_free(s);
		}
		cell->right = true;
		break;
	case CO_FTYPE_ENUM:
		g_string_append(cell->r.text, i18n_value(v, f->doc->lang));
		break;
	case CO_FTYPE_EMAIL:
	case CO_FTYPE_URL:
		/* A long web address may wrap; an e-mail address stays whole. */
		cell->loose = spec->type == CO_FTYPE_URL;
		start = cell->r.text->len;
		g_string_append(cell->r.text, v);
		uri = spec->type == CO_FTYPE_EMAIL ?
		    arena_printf(f->out->arena, "mailto:%s", v) : (char *)v;
		rich_link(f, &cell->r, uri, start);
		break;
	case CO_FTYPE_TEXT:
		break;
	}
}

/* Proposals read best as a numbered list, with owner and priority after each. */
static void
flow_proposals(struct flow *f, const struct co_node *recs)
{
	const struct co_node	*rec, *fl;
	struct rich		 r;
	char			*label;
	size_t			 start;
	int			 i;
	bool			 first;

	tag_begin(f, "L");
	for (rec = recs->first; rec != NULL; rec = rec->next) {
		rich_init(&r);
		first = true;
		for (fl = rec->first; fl != NULL; fl = fl->next) {
			i = fl->as.field.index;
			if (i == 0) {
				rich_inline(f, &r, fl, false);
				continue;
			}
			g_string_append(r.text, first ? " (" : "; ");
			start = r.text->len;
			first = false;
			g_string_append_printf(r.text, "%s: ",
			    i18n_column(CO_REC_PROPOSALS, i, f->doc->lang));
			if (fl->as.field.value != NULL)
				g_string_append(r.text, i18n_value(fl->as.field.value, f->doc->lang));
			else
				rich_inline(f, &r, fl, false);
			add_attr(&r, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
		}
		if (!first)
			g_string_append(r.text, ")");
		label = g_strdup_printf("%d.", rec->as.record.number);
		flow_item(f, label, &r, 8 * MM, NULL);
		g_free(label);
	}
	tag_end(f);
	f->y += f->tpl->para_space * 0.5;
}

static void
flow_records(struct flow *f, const struct co_node *recs)
{
	const struct co_rec_spec	*spec = &model_recs[recs->as.records.rec];
	enum co_rec			 type = recs->as.records.rec;
	enum co_lang			 lang = f->doc->lang;
	const struct co_node		*rec, *fl;
	struct grid			 g;
	bool				 used[16] = { false };
	int				 cols[16], ncols = 0, i, c;
	bool				 budget = type == CO_REC_BUDGET;
	struct gcell			*cell;
	char				*s;
	int64_t				 planned, actual, cents;

	if (type == CO_REC_PROPOSALS) {
		flow_proposals(f, recs);
		return;
	}
	/* Columns: the fields some row has, in the format's order. */
	for (rec = recs->first; rec != NULL; rec = rec->next)
		for (fl = rec->first; fl != NULL; fl = fl->next)
			used[fl->as.field.index] = true;
	if (type == CO_REC_DOCUMENTS && used[3])
		used[2] = true;		/* url and attachment share a column */
	for (i = 0; i < spec->nfields; i++) {
		if (!used[i] || (type == CO_REC_DOCUMENTS && i == 3))
			continue;
		cols[ncols++] = i;
		if (budget && i == 2)
			cols[ncols++] = -1;	/* the variance, computed */
	}
	if (ncols == 0)
		return;
	grid_init(&g, ncols);
	grid_row(&g, 1);
	for (c = 0; c < ncols; c++) {
		cell = grid_cell(&g);
		if (cols[c] < 0)
			g_string_append(cell->r.text, i18n_label(CO_LABEL_VARIANCE, lang));
		else
			g_string_append(cell->r.text, i18n_column(type, cols[c], lang));
		if (budget && (cols[c] == 1 || cols[c] == 2 || cols[c] < 0)) {
			g_string_append_printf(cell->r.text, " (%s)", recs->as.records.currency);
			cell->right = true;
		}
	}
	for (rec = recs->first; rec != NULL; rec = rec->next) {
		grid_row(&g, 0);
		for (c = 0; c < ncols; c++) {
			cell = grid_cell(&g);
			if (cols[c] < 0) {
				/* Variance: actual − planned, when both are known. */
				cell->right = true;
				const struct co_node *p = model_field(rec, "planned");
				const struct co_node *a = model_field(rec, "actual");
				if (p && a && amount_parse(p->as.field.value, &planned) &&
				    amount_parse(a->as.field.value, &actual)) {
					s = amount_format(actual - planned, lang);
					g_string_append(cell->r.text, s);
					g_free(s);
				}
				continue;
			}
			for (fl = rec->first; fl != NULL; fl = fl->next)
				if (fl->as.field.index == cols[c] ||
				    (type == CO_REC_DOCUMENTS && cols[c] == 2 &&
				    fl->as.field.index == 3))
					field_value(f, cell, &spec->fields[fl->as.field.index], fl);
			if (budget && (cols[c] == 1 || cols[c] == 2))
				cell->right = true;
		}
	}
	if (budget && recs->first != NULL) {
		grid_row(&g, 2);
		for (c = 0; c < ncols; c++) {
			cell = grid_cell(&g);
			cents = 0;
			if (c == 0) {
				g_string_append(cell->r.text, i18n_label(CO_LABEL_TOTAL, lang));
				continue;
			}
			if (cols[c] == 1)
				cents = recs->as.records.planned;
			else if (cols[c] == 2 && recs->as.records.has_actual)
				cents = recs->as.records.actual;
			else if (cols[c] < 0 && recs->as.records.has_actual)
				cents = recs->as.records.actual - recs->as.records.planned;
			else
				continue;
			s = amount_format(cents, lang);
			g_string_append(cell->r.text, s);
			g_free(s);
			cell->right = true;
		}
	}
	flow_grid(f, &g);
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

static void
flow_blocks(struct flow *f, const struct co_node *parent)
{
	const struct co_node	*n;

	for (n = parent->first; n != NULL; n = n->next) {
		switch (n->kind) {
		case CO_KIND_SECTION:
			/* The space before the heading, then where it starts. */
			if (!f->fresh && !f->keep.active)
				f->y += f->tpl->h_space_before[MIN(n->as.section.level, 4) - 1];
			if (!f->keep.active) {
				f->keep.active = true;
				f->keep.fresh = f->fresh;
				f->keep.item = f->page->items->len;
				f->keep.ntags = f->ntags;
				f->keep.heading = f->headings->len;
				f->keep.y = f->y;
			}
			f->keep.in_heading = true;
			tag_begin(f, "Sect");
			flow_heading(f, n);
			f->keep.in_heading = false;
			flow_blocks(f, n);
			tag_end(f);
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

/* ---- cover ---------------------------------------------------------- */

static void
cover_row(struct flow *f, GString *labels, GString *values, enum co_label label,
    const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	g_string_append_printf(labels, "%s%s", labels->len ? "\n" : "",
	    i18n_label(label, f->doc->lang));
	g_string_append_printf(values, "%s%s", values->len ? "\n" : "", value);
}

/* "approved" → "Approved", for a value standing on its own. */
static char *
capitalized(const char *s)
{
	gunichar	 c = g_utf8_get_char(s);
	char		 buf[8];

	buf[g_unichar_to_utf8(g_unichar_totitle(c), buf)] = '\0';
	return g_strconcat(buf, g_utf8_next_char(s), NULL);
}

static void
flow_cover(struct flow *f)
{
	const struct co_meta	*m = &f->doc->meta;
	const struct tpl	*t = f->tpl;
	enum co_lang		 lang = f->doc->lang;
	struct lay_text		*title, *sub, *lab, *val, *org;
	struct lay_item		*it;
	GString			*labels, *values, *tmp;
	char			*s;
	int			 i;
	double			 y, labw = 38 * MM;

	new_page(f);
	f->page->cover = true;
	/* A band of the accent colour across the top, the organisation on it. */
	it = add_item(f, LAY_RECT);
	it->w = t->page_width;
	it->h = 22 * MM;
	it->colour = &t->accent;
	if (m->norganisations > 0) {
		struct tpl_colour white = { 1, 1, 1 };
		struct tpl_font font = t->small;
		font.bold = true;
		font.size = t->small.size + 1.5;
		tmp = g_string_new(NULL);
		for (i = 0; i < m->norganisations; i++)
			g_string_append_printf(tmp, "%s%s", i ? " \xc2\xb7 " : "",
			    m->organisations[i].s);
		org = plain_text(f, tmp->str, &font, 0, f->width, 0, &white);
		place_lines(f, org, 0, org->nlines, f->left, 11 * MM - org->height / 2);
		g_string_free(tmp, TRUE);
	}
	if (f->out->logo_path != NULL) {
		it = add_item(f, LAY_IMAGE);
		it->x = t->page_width - t->margin_right - 45 * MM;
		it->y = 30 * MM;
		it->w = 45 * MM;
		it->h = 22 * MM;
	}
	/* Title block a third of the way down. */
	y = t->page_height * 0.30;
	tag_begin(f, "P");
	title = plain_text(f, m->title.s ? m->title.s : "", &t->cover_title, 1.12,
	    f->width, 0, &t->heading);
	place_lines(f, title, 0, title->nlines, f->left, y);
	tag_end(f);
	y += title->height + 5 * MM;
	if (m->subtitle.s != NULL) {
		sub = plain_text(f, m->subtitle.s, &t->cover_subtitle, 1.2, f->width, 0,
		    &t->muted);
		tag_begin(f, "P");
		place_lines(f, sub, 0, sub->nlines, f->left, y);
		tag_end(f);
		y += sub->height + 5 * MM;
	}
	it = add_item(f, LAY_LINE);
	it->x = f->left;
	it->y = y;
	it->w = 40 * MM;
	it->colour = &t->accent;
	it->line_width = 2.5;

	/* The facts a reader looks for, bottom left. */
	labels = g_string_new(NULL);
	values = g_string_new(NULL);
	if (m->project_name.s != NULL)
		cover_row(f, labels, values, CO_LABEL_PROJECT, m->project_name.s);
	cover_row(f, labels, values, CO_LABEL_PROJECT_CODE, m->project_code.s);
	if (m->funder_name.s != NULL) {
		cover_row(f, labels, values, CO_LABEL_FUNDER, m->funder_name.s);
		cover_row(f, labels, values, CO_LABEL_PROGRAMME, m->funder_programme.s);
		cover_row(f, labels, values, CO_LABEL_DECISION, m->funder_decision.s);
	}
	if (m->period_start.s != NULL && m->period_end.s != NULL) {
		char *a = date_format(m->period_start.s, lang);
		char *b = date_format(m->period_end.s, lang);
		s = g_strdup_printf("%s\xe2\x80\x93%s", a, b);
		cover_row(f, labels, values, CO_LABEL_PERIOD, s);
		g_free(a);
		g_free(b);
		g_free(s);
	}
	if (m->nauthors > 0) {
		tmp = g_string_new(NULL);
		for (i = 0; i < m->nauthors; i++)
			g_string_append_printf(tmp, "%s%s", i ? ", " : "", m->authors[i].name.s);
		cover_row(f, labels, values, CO_LABEL_AUTHORS, tmp->str);
		g_string_free(tmp, TRUE);
	}
	if (m->date.s != NULL) {
		s = date_format(m->date.s, lang);
		cover_row(f, labels, values, CO_LABEL_DATE, s);
		g_free(s);
	}
	cover_row(f, labels, values, CO_LABEL_VERSION, m->version.s);
	if (m->status.s != NULL) {
		s = capitalized(i18n_value(m->status.s, lang));
		cover_row(f, labels, values, CO_LABEL_STATUS, s);
		g_free(s);
	}
	for (i = 0; i < m->napprovals; i++) {
		char *d = date_format(m->approvals[i].date.s, lang);
		s = g_strdup_printf("%s%s%s, %s", m->approvals[i].name.s,
		    m->approvals[i].role.s ? ", " : "",
		    m->approvals[i].role.s ? m->approvals[i].role.s : "", d);
		cover_row(f, labels, values, CO_LABEL_APPROVED, s);
		g_free(s);
		g_free(d);
	}
	if (m->publicity.s != NULL) {
		s = capitalized(i18n_value(m->publicity.s, lang));
		cover_row(f, labels, values, CO_LABEL_PUBLICITY, s);
		g_free(s);
	}
	if (m->nkeywords > 0) {
		tmp = g_string_new(NULL);
		for (i = 0; i < m->nkeywords; i++)
			g_string_append_printf(tmp, "%s%s", i ? ", " : "", m->keywords[i].s);
		cover_row(f, labels, values, CO_LABEL_KEYWORDS, tmp->str);
		g_string_free(tmp, TRUE);
	}
	/* Labels and values are measured as two columns of lines that match one to one. */
	{
		struct tpl_font lf = t->small, vf = t->table;
		char **ls = g_strsplit(labels->str, "\n", -1);
		char **vs = g_strsplit(values->str, "\n", -1);
		double rowy, total = 0;
		int n = g_strv_length(ls);
		struct lay_text **vt = g_new(struct lay_text *, n);
		lf.size = vf.size;
		for (i = 0; i < n; i++) {
			vt[i] = plain_text(f, vs[i], &vf, 1.25, f->width - labw, 0, &t->text);
			total += vt[i]->height + 2.5;
		}
		rowy = t->page_height - t->margin_bottom - total;
		it = add_item(f, LAY_LINE);
		it->x = f->left;
		it->y = rowy - 4 * MM;
		it->w = f->width;
		it->colour = &t->rule;
		it->line_width = 0.5;
		for (i = 0; i < n; i++) {
			lab = plain_text(f, ls[i], &lf, 1.25, labw, 0, &t->muted);
			val = vt[i];
			place_lines(f, lab, 0, lab->nlines, f->left, rowy);
			place_lines(f, val, 0, val->nlines, f->left + labw, rowy);
			rowy += val->height + 2.5;
		}
		g_free(vt);
		g_strfreev(ls);
		g_strfreev(vs);
	}
	g_string_free(labels, TRUE);
	g_string_free(values, TRUE);
}

/* ---- contents ------------------------------------------------------- */

struct toc_entry {
	const struct heading	*h;		/* the heading listed */
	struct lay_text		*text;		/* number and title */
	double			 indent;	/* from the body's left edge */
	double			 numw;		/* number column */
	int			 level;		/* 1 = top */
};

/*
 * Lays out the contents on its own pages.  Page numbers sit in fixed-width
 * slots, so the contents' length never depends on them: the caller runs this
 * once to count pages (first_body_page -1: no numbers) and once with the
 * real numbers.  "titles" keeps the measured titles from one run to the next.
 */
static void
place_toc(struct flow *f, int first_body_page, GPtrArray *titles)
{
	const struct tpl	*t = f->tpl;
	struct lay_text		*head, *text, *num, *pg;
	struct lay_item		*it;
	struct tpl_font		 font, numfont;
	double			 pagew = 12 * MM, indent, numw, y0, lasty, endx;
	guint			 i, k = 0;
	char			*s;
	int			 level;

	new_page(f);
	head = plain_text(f, i18n_label(CO_LABEL_CONTENTS, f->doc->lang), &t->h[0], 1.15,
	    f->width, 0, &t->heading);
	tag_begin(f, "H1");
	place_lines(f, head, 0, head->nlines, f->left, f->y);
	tag_end(f);
	f->y += head->height + t->h_space_after[0] + 2 * MM;
	tag_begin(f, "TOC");
	for (i = 0; i < f->headings->len; i++) {
		const struct heading *h = &g_array_index(f->headings, struct heading, i);
		level = h->section->as.section.level;
		if (level > t->toc_depth)
			continue;
		font = t->toc;
		font.bold = level == 1;
		numfont = font;
		indent = (level - 1) * 9 * MM;
		numw = level == 1 ? 9 * MM : 12 * MM;
		/* Each title is measured once, for both passes. */
		if (k < titles->len)
			text = g_ptr_array_index(titles, k);
		else {
			text = plain_text(f, h->section->as.section.title, &font, 1.2,
			    f->width - indent - numw - pagew, 0, &t->text);
			g_ptr_array_add(titles, text);
		}
		k++;
		if (level == 1 && i > 0)
			f->y += 2.5 * MM;
		ensure(f, text->height);
		y0 = f->y;
		if (first_body_page < 0) {
			/* Counting pages: numbers take no height of their own. */
			f->y += text->height + 1.2 * MM;
			f->fresh = false;
			continue;
		}
		num = plain_text(f, h->section->as.section.number, &numfont, 1.2, numw, 0,
		    &t->text);
		s = g_strdup_printf("%d", first_body_page + h->page + 1);
		pg = plain_text(f, s, &numfont, 1.2, pagew, MEASURE_RIGHT, &t->text);
		g_free(s);
		tag_begin(f, "TOCI");
		place_lines(f, num, 0, num->nlines, f->left + indent, y0);
		place_lines(f, text, 0, text->nlines, f->left + indent + numw, y0);
		lasty = y0 + text->top[text->nlines - 1];
		place_lines(f, pg, 0, pg->nlines, f->left + f->width - pagew, lasty);
		tag_end(f);
		/* Dot leader from the end of the title to the page number. */
		endx = f->left + indent + numw + text->x[text->nlines - 1] +
		    text->w[text->nlines - 1] + 3;
		if (f->left + f->width - pagew + 4 - endx > 6) {
			it = add_item(f, LAY_DOTS);
			it->x = endx;
			it->y = lasty + text->baseline[text->nlines - 1] - text->top[text->nlines - 1];
			it->w = f->left + f->width - pagew + 2 - endx;
			it->colour = &t->muted;
			it->line_width = 0.9;
		}
		it = add_item(f, LAY_LINK);
		it->x = f->left + indent;
		it->y = y0;
		it->w = f->width - indent;
		it->h = text->height;
		it->dest = h->dest;
		f->y += text->height + 1.2 * MM;
	}
	tag_end(f);
}

/* ---- running header and footer -------------------------------------- */

/*
 * The running header and footer: each of the four slots is measured once
 * for as long as its text stays the same (the title runs on every page).
 */
static struct running *
running_slot(struct flow *f, int slot, const char *s)
{
	struct running	*r = &f->running[slot];

	if (r->natural == NULL || strcmp(r->str, s) != 0) {
		g_free(r->str);
		r->str = g_strdup(s);
		r->natural = plain_text(f, s, &f->tpl->small, 0, 0, MEASURE_NOWRAP,
		    &f->tpl->muted);
		r->fitted = NULL;
	}
	return r;
}

/* The slot's text cut with "…" to "width", or whole if it fits. */
static struct lay_text *
running_fit(struct flow *f, struct running *r, double width, int flags)
{
	if (r->natural->width <= width + 0.01)
		return r->natural;
	if (r->fitted == NULL || r->width != width) {
		r->width = width;
		r->fitted = plain_text(f, r->str, &f->tpl->small, 0, width,
		    MEASURE_ELLIPSIZE | flags, &f->tpl->muted);
	}
	return r->fitted;
}

/*
 * Places a left and a right text on one line: both whole if they fit, else
 * the right one gets up to 40 % and the left one the rest, cut with "…".
 */
static void
place_pair(struct flow *f, int slot, const char *left, const char *right, double y)
{
	struct running	*lr = NULL, *rr = NULL;
	struct lay_text	*t;
	double		 gap = 6 * MM, lw = 0, rw = 0, w = f->width;

	if (*left != '\0')
		lw = (lr = running_slot(f, slot, left))->natural->width;
	if (*right != '\0')
		rw = (rr = running_slot(f, slot + 1, right))->natural->width;
	if (lw + rw + (lw > 0 && rw > 0 ? gap : 0) > w) {
		rw = MIN(rw, w * 0.4);
		lw = w - rw - (rw > 0 ? gap : 0);
	}
	if (lr != NULL) {
		t = running_fit(f, lr, lw, 0);
		place_lines(f, t, 0, 1, f->left, y);
	}
	if (rr != NULL) {
		t = running_fit(f, rr, rw, 0);
		place_lines(f, t, 0, 1, f->left + w - MIN(rw, t->width), y);
	}
}

static void
add_running(struct flow *f, struct lay_page *p, int number, int total)
{
	const struct tpl	*t = f->tpl;
	struct lay_item		*it;
	char			*l, *r;
	double			 yh, yf;

	f->page = p;
	yh = t->margin_top - 12 * MM;
	yf = t->page_height - t->margin_bottom + 9 * MM;
	l = tpl_expand(t->header_left, f->doc, number, total);
	r = tpl_expand(t->header_right, f->doc, number, total);
	place_pair(f, 0, l, r, yh);
	g_free(l);
	g_free(r);
	it = add_item(f, LAY_LINE);
	it->x = f->left;
	it->y = yh + t->small.size * 1.6;
	it->w = f->width;
	it->colour = &t->rule;
	it->line_width = 0.4;
	it = add_item(f, LAY_LINE);
	it->x = f->left;
	it->y = yf - 2 * MM;
	it->w = f->width;
	it->colour = &t->rule;
	it->line_width = 0.4;
	l = tpl_expand(t->footer_left, f->doc, number, total);
	r = tpl_expand(t->footer_right, f->doc, number, total);
	place_pair(f, 2, l, r, yf);
	g_free(l);
	g_free(r);
}

/* ---- entry points --------------------------------------------------- */

static void
page_free(struct lay_page *p)
{
	g_array_free(p->items, TRUE);
	g_free(p);
}

/*
 * The logo must be a PNG or SVG file of at most 4 MiB inside the report's own
 * directory, also after following symbolic links; otherwise the cover goes
 * without it (pdf.c warns).
 */
static char *
find_logo(const struct co_doc *doc)
{
	char		*dir, *path;
	GStatBuf	 st;

	if (doc->meta.logo.s == NULL || (!g_str_has_suffix(doc->meta.logo.s, ".png") &&
	    !g_str_has_suffix(doc->meta.logo.s, ".svg")))
		return NULL;
	dir = g_path_get_dirname(doc->path);
	path = doc_path_inside(dir, doc->meta.logo.s, false);
	g_free(dir);
	/* g_stat() follows a symbolic link to the file doc_path_inside() checked. */
	if (path != NULL && (g_stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > 4 * 1024 * 1024))
		g_clear_pointer(&path, g_free);
	return path;
}

struct co_pages *
co_layout_new(const struct co_doc *doc, struct tpl *tpl, char **error)
{
	struct co_pages	*out;
	struct flow	 f;
	GPtrArray	*body, *toc, *cover;
	guint		 i;
	int		 total;

	out = g_new0(struct co_pages, 1);
	out->doc = doc;
	out->tpl = tpl;
	out->arena = arena_new();
	out->texts = g_ptr_array_new_with_free_func((GDestroyNotify)measure_text_free);
	out->pages = g_ptr_array_new_with_free_func((GDestroyNotify)page_free);
	out->measure = measure_new(tpl, doc->lang, tpl->hyphenate, error);
	if (out->measure == NULL) {
		co_layout_free(out);
		return NULL;
	}
	out->logo_path = find_logo(doc);

	memset(&f, 0, sizeof(f));
	f.out = out;
	f.doc = doc;
	f.tpl = tpl;
	f.m = out->measure;
	f.top = tpl->margin_top;
	f.bottom = tpl->page_height - tpl->margin_bottom;
	f.left = tpl->margin_left;
	f.width = tpl->page_width - tpl->margin_left - tpl->margin_right;
	f.headings = g_array_new(FALSE, FALSE, sizeof(struct heading));

	/* Every word hyphenated at once, on two cores, before it is needed. */
	if (measure_hyph(f.m) != NULL) {
		GPtrArray		*texts = g_ptr_array_new();
		const struct co_node	*n;

		for (n = doc->root; n != NULL; n = model_next(n, doc->root))
			if (n->kind == CO_KIND_TEXT)
				g_ptr_array_add(texts, (gpointer)n->as.text.str);
		hyph_prepare(measure_hyph(f.m), (const char *const *)texts->pdata, texts->len);
		g_ptr_array_free(texts, TRUE);
	}

	/* The body first: its pagination does not depend on where it starts. */
	body = g_ptr_array_new();
	f.pages = body;
	new_page(&f);
	flow_blocks(&f, doc->root);
	while (f.ntags > 0)
		tag_end(&f);

	/* The contents' length is known before its numbers: one pass suffices. */
	cover = g_ptr_array_new();
	f.pages = cover;
	f.page = NULL;
	flow_cover(&f);
	toc = g_ptr_array_new();
	{
		/* Count the contents' pages, then place it with the numbers. */
		GPtrArray *probe = g_ptr_array_new(), *titles = g_ptr_array_new();
		int ntoc;
		f.pages = probe;
		f.page = NULL;
		place_toc(&f, -1, titles);
		ntoc = probe->len;
		for (i = 0; i < probe->len; i++)
			page_free(g_ptr_array_index(probe, i));
		g_ptr_array_free(probe, TRUE);
		f.pages = toc;
		f.page = NULL;
		place_toc(&f, (int)cover->len + ntoc, titles);
		g_ptr_array_free(titles, TRUE);
		while (f.ntags > 0)
			tag_end(&f);
	}
	for (i = 0; i < cover->len; i++)
		g_ptr_array_add(out->pages, g_ptr_array_index(cover, i));
	for (i = 0; i < toc->len; i++)
		g_ptr_array_add(out->pages, g_ptr_array_index(toc, i));
	for (i = 0; i < body->len; i++)
		g_ptr_array_add(out->pages, g_ptr_array_index(body, i));
	g_ptr_array_free(cover, TRUE);
	g_ptr_array_free(toc, TRUE);
	g_ptr_array_free(body, TRUE);

	total = out->pages->len;
	for (i = 0; i < out->pages->len; i++) {
		struct lay_page *p = g_ptr_array_index(out->pages, i);
		if (!p->cover)
			add_running(&f, p, i + 1, total);
	}
	g_array_free(f.headings, TRUE);
	for (i = 0; i < G_N_ELEMENTS(f.running); i++)
		g_free(f.running[i].str);
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
	arena_free(p->arena);
	g_free(p->logo_path);
	g_free(p);
}
