/*
 * layout_table.c: tables: column widths from the content, rows placed with
 * their header repeated on every page, rows taller than a page split.
 */
#include <glib.h>
#include <string.h>

#include "layout_int.h"

struct gcell *
grid_cell(struct grid *g)
{
	struct gcell	 c;

	memset(&c, 0, sizeof(c));
	rich_init(&c.r);
	c.span = 1;
	g_array_append_val(g->cells, c);
	return &g_array_index(g->cells, struct gcell, g->cells->len - 1);
}

void
grid_row(struct grid *g, int kind)
{
	g_array_append_val(g->kinds, kind);
}

void
grid_init(struct grid *g, int ncols)
{
	memset(g, 0, sizeof(*g));
	g->ncols = ncols;
	g->cells = g_array_new(FALSE, FALSE, sizeof(struct gcell));
	g->kinds = g_array_new(FALSE, FALSE, sizeof(int));
}

static struct gcell *
cell_at(struct grid *g, int row, int col)
{
	return &g_array_index(g->cells, struct gcell, row * g->ncols + col);
}

/*
 * Shares "avail" among the columns whose index is in idx[0..n) by their
 * narrowest and natural widths: all natural when they fit; else short
 * columns natural and the long ones sharing the rest; else all shrunk.
 * False if even their narrowest widths do not fit.
 */
static bool
share(const double *minw, const double *maxw, const int *idx, int n, double avail, double *w)
{
	double	 summin = 0, summax = 0, left = avail, want, extra = 0;
	bool	*fixed;
	int	 i, c;

	for (i = 0; i < n; i++) {
		summin += minw[idx[i]];
		summax += maxw[idx[i]];
	}
	if (n == 0)
		return true;
	if (summax <= avail) {
		/* Everything fits on one line: spread the rest by size. */
		for (i = 0; i < n; i++) {
			c = idx[i];
			w[c] = maxw[c] + (avail - summax) * maxw[c] / summax;
		}
		return true;
	}
	if (summin > avail) {
		/* Too narrow even word by word: shrink, words break by letters. */
		for (i = 0; i < n; i++)
			w[idx[i]] = minw[idx[i]] * avail / summin;
		return false;
	}
	/*
	 * Short columns (dates, statuses, amounts) get their natural width
	 * while the long ones can still have their minimum; the long columns
	 * share what is left in proportion to what they want.
	 */
	fixed = g_new0(bool, n);
	for (i = 0; i < n; i++)
		w[idx[i]] = minw[idx[i]];
	for (i = 0; i < n; i++) {
		c = idx[i];
		if (maxw[c] > avail * 0.17)
			continue;
		want = maxw[c] - minw[c];
		if (summin + want <= avail) {
			w[c] = maxw[c];
			summin += want;
			fixed[i] = true;
		}
	}
	for (i = 0; i < n; i++) {
		c = idx[i];
		left -= w[c];
		if (!fixed[i])
			extra += maxw[c] - minw[c];
	}
	for (i = 0; i < n; i++) {
		c = idx[i];
		if (!fixed[i] && extra > 0)
			w[c] += left * (maxw[c] - minw[c]) / extra;
	}
	g_free(fixed);
	return true;
}

/*
 * Column widths: the author's share of the text width where given, the
 * rest from the content (narrowest and natural widths of the cells; a
 * cell spanning columns counts for none of them).
 */
static void
grid_widths(struct flow *f, struct grid *g, double *w)
{
	double	*minw, *maxw, avail, pad2;
	int	*idx, nauto = 0, c, row, nrows;
	const struct tpl_font *font;

	nrows = g->kinds->len;
	minw = g_new0(double, g->ncols);
	maxw = g_new0(double, g->ncols);
	idx = g_new0(int, g->ncols);
	pad2 = 2 * f->tpl->cell_pad;
	for (row = 0; row < nrows; row++) {
		font = g_array_index(g->kinds, int, row) == ROW_BODY ? &f->tpl->table :
		    &f->tpl->table_head;
		for (c = 0; c < g->ncols; c++) {
			struct gcell *cell = cell_at(g, row, c);
			double lo = 0, hi = 0;
			if (cell->r.text->len == 0 || cell->span != 1)
				continue;
			rich_widths(f, &cell->r, font, &lo, &hi);
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
		if (g->cols != NULL && g->cols[c].width > 0) {
			w[c] = g->cols[c].width * f->width;
			avail -= w[c];
			continue;
		}
		/*
		 * One unbreakable monster word must not squeeze the other columns;
		 * an e-mail address or a long name is not one.
		 */
		minw[c] = MIN(minw[c], MAX(f->width * 0.3, 60));
		minw[c] = MAX(minw[c], pad2 + 6);
		maxw[c] = MAX(maxw[c], minw[c]);
		idx[nauto++] = c;
	}
	if (!share(minw, maxw, idx, nauto, MAX(avail, 0), w) && f->diags != NULL)
		co_diag(f->diags, g->pos, CO_DIAG_W_TABLE_WIDE,
		    "its %d columns do not fit the page even word by word; words break inside",
		    g->ncols);
	g_free(minw);
	g_free(maxw);
	g_free(idx);
}

/* A measured row and the grid it belongs to. */
struct mrow {
	struct lay_text	**cells;	/* ncols measured cells */
	int		  kind;		/* ROW_* */
	double		  h;		/* full height, pt */
};

/* What placing the rows of one grid needs. */
struct placer {
	struct mrow	*rows;		/* every row */
	int		 nhead;		/* header rows at the top */
	const double	*w;		/* column widths */
	int		 ncols;
	int		*from, *to;	/* scratch: lines of each cell on this page */
};

/* Paints the background, rule and the given lines of each cell of a row part. */
static double
place_row_part(struct flow *f, const struct placer *pl, const struct mrow *r, bool stripe)
{
	struct lay_item	*it;
	double		 pad = f->tpl->cell_pad, x, h = 0, hc;
	int		 c;

	for (c = 0; c < pl->ncols; c++) {
		if (r->cells[c] != NULL && pl->to[c] > pl->from[c]) {
			hc = r->cells[c]->bottom[pl->to[c] - 1] - r->cells[c]->top[pl->from[c]];
			h = MAX(h, hc);
		}
	}
	h += 2 * pad;
	if (r->kind == ROW_HEAD || stripe || r->kind == ROW_TOTAL) {
		it = add_item(f, LAY_RECT);
		it->x = f->left;
		it->y = f->y;
		it->w = f->width;
		it->h = h;
		it->colour = r->kind == ROW_BODY ? &f->tpl->stripe_fill : &f->tpl->head_fill;
	}
	tag_begin(f, "TR");
	for (x = f->left, c = 0; c < pl->ncols; x += pl->w[c], c++) {
		if (r->cells[c] == NULL)
			continue;	/* covered by the cell before */
		tag_begin(f, r->kind == ROW_HEAD ? "TH" : "TD");
		place_lines(f, r->cells[c], pl->from[c], pl->to[c] - pl->from[c], x + pad,
		    f->y + pad);
		tag_end(f);
	}
	tag_end(f);
	it = add_item(f, LAY_LINE);
	it->x = f->left;
	it->y = f->y + h;
	it->w = f->width;
	it->colour = r->kind == ROW_HEAD ? &f->tpl->heading : &f->tpl->rule;
	it->line_width = r->kind == ROW_HEAD ? 0.8 : 0.4;
	f->y += h;
	f->fresh = false;
	return h;
}

static void
place_row(struct flow *f, const struct placer *pl, const struct mrow *r, bool stripe)
{
	int	 c;

	for (c = 0; c < pl->ncols; c++) {
		pl->from[c] = 0;
		pl->to[c] = r->cells[c] != NULL ? r->cells[c]->nlines : 0;
	}
	place_row_part(f, pl, r, stripe);
}

static void
place_headers(struct flow *f, const struct placer *pl)
{
	int	 i;

	for (i = 0; i < pl->nhead; i++)
		place_row(f, pl, &pl->rows[i], false);
}

/* A row taller than the space left: its lines go on as many pages as needed. */
static void
split_row(struct flow *f, const struct placer *pl, const struct mrow *r, bool stripe)
{
	int	*from = g_new0(int, pl->ncols), c, k;
	double	 avail;
	bool	 done = false, any;

	while (!done) {
		avail = f->bottom - f->y - 2 * f->tpl->cell_pad;
		any = false;
		done = true;
		for (c = 0; c < pl->ncols; c++) {
			const struct lay_text *t = r->cells[c];
			if (t == NULL) {
				pl->to[c] = 0;
				continue;
			}
			for (k = from[c]; k < t->nlines &&
			    t->bottom[k] - t->top[from[c]] <= avail + 0.01; k++)
				;
			pl->to[c] = k;
			if (k > from[c])
				any = true;
			if (k < t->nlines)
				done = false;
		}
		if (!any && !f->fresh) {
			new_page(f);
			place_headers(f, pl);
			done = false;
			continue;
		}
		if (!any) {
			/* A single line taller than a page: place it anyway. */
			for (c = 0; c < pl->ncols; c++)
				pl->to[c] = r->cells[c] != NULL ?
				    MIN(from[c] + 1, r->cells[c]->nlines) : 0;
		}
		/* place_row_part() reads the range from pl->from. */
		for (c = 0; c < pl->ncols; c++)
			pl->from[c] = from[c];
		place_row_part(f, pl, r, stripe);
		for (c = 0; c < pl->ncols; c++) {
			if (r->cells[c] != NULL && pl->to[c] < r->cells[c]->nlines)
				done = false;
			from[c] = pl->to[c];
		}
		if (!done) {
			new_page(f);
			place_headers(f, pl);
		}
	}
	g_free(from);
}

/* The rows of a grid, measured in their columns. */
static struct mrow *
measure_rows(struct flow *f, struct grid *g, const double *w, int *nhead, double *headh)
{
	double			 pad2 = 2 * f->tpl->cell_pad;
	int			 nrows = g->kinds->len, row, c;
	const struct tpl_font	*font;
	struct mrow		*rows;

	rows = g_new0(struct mrow, nrows);
	*nhead = 0;
	*headh = 0;
	for (row = 0; row < nrows; row++) {
		rows[row].kind = g_array_index(g->kinds, int, row);
		rows[row].cells = g_new(struct lay_text *, g->ncols);
		font = rows[row].kind == ROW_BODY ? &f->tpl->table : &f->tpl->table_head;
		for (c = 0; c < g->ncols; c++) {
			struct gcell *cell = cell_at(g, row, c);
			double cw = 0;
			int k;
			if (cell->span == 0) {
				rows[row].cells[c] = NULL;	/* covered */
				g_string_free(cell->r.text, TRUE);
				g_array_free(cell->r.spans, TRUE);
				g_array_free(cell->r.links, TRUE);
				continue;
			}
			for (k = c; k < c + cell->span && k < g->ncols; k++)
				cw += w[k];
			rows[row].cells[c] = rich_measure(f, &cell->r, font, CELL_LEADING,
			    cw - pad2, cell->right ? MEASURE_RIGHT : cell->center ? MEASURE_CENTER : 0,
			    &f->tpl->text);
			rows[row].h = MAX(rows[row].h, rows[row].cells[c]->height + pad2);
		}
		if (rows[row].kind == ROW_HEAD && row == *nhead) {
			(*nhead)++;
			*headh += rows[row].h;
		}
	}
	return rows;
}

void
flow_grid(struct flow *f, struct grid *g)
{
	double		*w, headh = 0, first;
	struct mrow	*rows;
	struct placer	 pl;
	int		 nrows, row, nhead = 0, body = 0, onpage;
	struct lay_text	*cap;

	nrows = g->kinds->len;
	if (nrows == 0 || g->ncols == 0) {
		g_array_free(g->cells, TRUE);
		g_array_free(g->kinds, TRUE);
		return;
	}
	w = g_new(double, g->ncols);
	grid_widths(f, g, w);
	rows = measure_rows(f, g, w, &nhead, &headh);
	pl.rows = rows;
	pl.nhead = nhead;
	pl.w = w;
	pl.ncols = g->ncols;
	pl.from = g_new0(int, g->ncols);
	pl.to = g_new0(int, g->ncols);
	if (g->caption != NULL) {
		cap = plain_text(f, g->caption, &f->tpl->table_head, 0, f->width, 0,
		    &f->tpl->heading);
		ensure(f, cap->height + 4 + headh + (nrows > nhead ? rows[nhead].h : 0));
		if (g->node != NULL) {
			struct lay_item *it = add_item(f, LAY_DEST);
			it->dest = target_dest(f, g->node);
			it->x = f->left;
			it->y = f->y;
			g_hash_table_insert(f->target_page, (gpointer)g->node,
			    GINT_TO_POINTER(f->pages->len));
		}
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
	place_headers(f, &pl);
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
			place_headers(f, &pl);
			onpage = 0;
		}
		if (f->y + rows[row].h <= f->bottom + 0.01) {
			place_row(f, &pl, &rows[row], body % 2 == 1);
			onpage++;
			continue;
		}
		onpage = 1;
		if (rows[row].h <= f->bottom - f->top - headh) {
			new_page(f);
			place_headers(f, &pl);
			place_row(f, &pl, &rows[row], body % 2 == 1);
			continue;
		}
		split_row(f, &pl, &rows[row], body % 2 == 1);
	}
	tag_end(f);
	f->y += f->tpl->para_space * 1.5;
	for (row = 0; row < nrows; row++)
		g_free(rows[row].cells);
	g_free(rows);
	g_free(pl.from);
	g_free(pl.to);
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
			char *plain = g_strstrip(g_strdup(cell_at(g, row, c)->r.text->str));
			if (g_array_index(g->kinds, int, row) != ROW_HEAD && *plain != '\0') {
				ok = is_figure(plain);
				figures++;
			}
			g_free(plain);
		}
		if (!ok || figures == 0)
			continue;
		for (row = 0; row < nrows; row++)
			cell_at(g, row, c)->right = true;
	}
}

void
flow_table(struct flow *f, const struct co_node *t)
{
	struct grid		 g;
	const struct co_node	*row, *cell;
	struct gcell		*gc;
	int			 ncols = t->as.table.ncols, n, k, c, nrows;

	grid_init(&g, ncols);
	g.caption = t->as.table.caption;
	g.pos = t->pos;
	g.node = t->as.table.number > 0 ? t : NULL;
	g.cols = t->as.table.cols;
	for (row = t->first; row != NULL; row = row->next) {
		grid_row(&g, row->as.row.header ? ROW_HEAD : row->as.row.total ? ROW_TOTAL :
		    ROW_BODY);
		n = 0;
		for (cell = row->first; cell != NULL && n < ncols; cell = cell->next) {
			gc = grid_cell(&g);
			gc->span = MIN(MAX(cell->as.cell.span, 1), ncols - n);
			rich_blocks(f, &gc->r, cell);
			if (row->as.row.total)
				rich_span(&gc->r, 0, MS_BOLD);
			/* The columns it spans: covered slots. */
			for (k = 1; k < gc->span; k++)
				grid_cell(&g)->span = 0;
			n += MAX(cell->as.cell.span, 1);
		}
		for (; n < ncols; n++)
			grid_cell(&g);
	}
	align_numbers(&g);
	/* The author's alignment wins over the guess. */
	nrows = g.kinds->len;
	for (c = 0; c < ncols && g.cols != NULL; c++) {
		if (g.cols[c].align == CO_ALIGN_AUTO)
			continue;
		for (k = 0; k < nrows; k++) {
			gc = cell_at(&g, k, c);
			gc->right = g.cols[c].align == CO_ALIGN_RIGHT;
			gc->center = g.cols[c].align == CO_ALIGN_CENTER;
		}
	}
	flow_grid(f, &g);
}
