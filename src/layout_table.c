/*
 * layout_table.c: tables: column widths from the content, rows placed with
 * their header repeated on every page, rows taller than a page split.
 */
#include <glib.h>
#include <string.h>

#include "i18n.h"
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

/* Header words that must not be hyphenated for a table to read: its longest whole one, in one cell. */
static void
header_whole(struct flow *f, struct grid *g, int row, double *minw)
{
	double	 pad2 = 2 * f->tpl->cell_pad, lo, hi;
	int	 c;

	for (c = 0; c < g->ncols; c++) {
		struct gcell *cell = cell_at(g, row, c);
		if (cell->r.text->len == 0 || cell->span != 1)
			continue;
		lo = hi = 0;
		rich_widths_whole(f, &cell->r, &g->head_font, &lo, &hi);
		minw[c] = MAX(minw[c], lo + pad2);
	}
}

/*
 * Column widths in "avail" pt: the author's share where given, else the
 * widths shared with the tables beside it, else from the content (narrowest
 * and natural widths of the cells; a cell spanning columns counts for none
 * of them).  Header words fit whole if the table can afford it; a column of
 * web addresses gets the width the longest needs, up to a third of the
 * table.  False if the columns do not fit even word by word.
 */
bool
grid_widths(struct flow *f, struct grid *g, double avail, double *w)
{
	double	*minw, *maxw, *whole, pad2, urlw, sum = 0, width = avail;
	int	*idx, *nurl, *nbody, nauto = 0, c, row, nrows;
	bool	 fits;
	const struct tpl_font *font;

	if (g->widths != NULL) {
		memcpy(w, g->widths, sizeof(double) * g->ncols);
		return true;
	}
	nrows = g->kinds->len;
	minw = g_new0(double, g->ncols);
	maxw = g_new0(double, g->ncols);
	whole = g_new0(double, g->ncols);
	idx = g_new0(int, g->ncols);
	nurl = g_new0(int, g->ncols);
	nbody = g_new0(int, g->ncols);
	pad2 = 2 * f->tpl->cell_pad;
	for (row = 0; row < nrows; row++) {
		bool head = g_array_index(g->kinds, int, row) == ROW_HEAD;
		font = head ? &g->head_font : &g->font;
		for (c = 0; c < g->ncols; c++) {
			struct gcell *cell = cell_at(g, row, c);
			double lo = 0, hi = 0;
			if (cell->r.text->len == 0 || cell->span != 1)
				continue;
			rich_widths(f, &cell->r, font, &lo, &hi);
			if (!head) {
				nbody[c]++;
				nurl[c] += cell->loose;
			}
			minw[c] = MAX(minw[c], lo + pad2);
			maxw[c] = MAX(maxw[c], hi + pad2);
		}
		if (head)
			header_whole(f, g, row, whole);
	}
	for (c = 0; c < g->ncols; c++) {
		if (g->cols != NULL && g->cols[c].width > 0) {
			w[c] = g->cols[c].width * width;
			avail -= w[c];
			continue;
		}
		/*
		 * One unbreakable monster word must not squeeze the other columns;
		 * an e-mail address or a long name is not one.
		 */
		minw[c] = MIN(minw[c], MAX(width * 0.3, 60));
		minw[c] = MAX(minw[c], pad2 + 6);
		/*
		 * Addresses: the longest on one line if it takes a third at most.
		 * A table that cannot give them that is set smaller, or turned.
		 */
		if (nurl[c] > 0 && 2 * nurl[c] >= nbody[c]) {
			urlw = MIN(maxw[c], width / 3);
			minw[c] = MAX(minw[c], urlw);
		}
		maxw[c] = MAX(maxw[c], minw[c]);
		idx[nauto++] = c;
	}
	/* Header words whole, when the table has the room. */
	for (c = 0; c < nauto; c++)
		sum += MAX(minw[idx[c]], MIN(whole[idx[c]], MAX(width * 0.3, 60)));
	g->head_whole = sum <= avail + 0.01;
	for (c = 0; c < nauto && g->head_whole; c++) {
		minw[idx[c]] = MAX(minw[idx[c]], MIN(whole[idx[c]], MAX(width * 0.3, 60)));
		maxw[idx[c]] = MAX(maxw[idx[c]], minw[idx[c]]);
	}
	fits = share(minw, maxw, idx, nauto, MAX(avail, 0), w);
	g_free(minw);
	g_free(maxw);
	g_free(whole);
	g_free(idx);
	g_free(nurl);
	g_free(nbody);
	return fits;
}

/*
 * Fits "g" to the page: its widths at the template's size; a table too
 * wide for that is set a size or two smaller, then on landscape pages,
 * then (only then) with words broken inside.  True if landscape.
 */
static bool
grid_fit(struct flow *f, struct grid *g, double *w)
{
	static const double	 steps[] = { 1.0, 0.9, 0.8 };
	size_t			 i;
	double			 lw = f->tpl->page_height - f->tpl->margin_left - f->tpl->margin_right;

	for (i = 0; i < G_N_ELEMENTS(steps); i++) {
		g->font = f->tpl->table;
		g->head_font = f->tpl->table_head;
		g->font.size = MAX(f->tpl->table.size * steps[i], MIN(6.5, f->tpl->table.size));
		g->head_font.size = MAX(f->tpl->table_head.size * steps[i],
		    MIN(6.5, f->tpl->table_head.size));
		if (grid_widths(f, g, f->width, w))
			return false;
	}
	/* Landscape, at the smallest size. */
	if (f->tpl->page_height > f->tpl->page_width && g->widths == NULL &&
	    grid_widths(f, g, lw, w))
		return true;
	g->font = f->tpl->table;
	g->head_font = f->tpl->table_head;
	g->font.size *= steps[G_N_ELEMENTS(steps) - 1];
	g->head_font.size *= steps[G_N_ELEMENTS(steps) - 1];
	if (f->diags != NULL)
		co_diag(f->diags, g->pos, CO_DIAG_W_TABLE_WIDE,
		    "its %d columns do not fit even a landscape page word by word; "
		    "words break inside", g->ncols);
	if (f->tpl->page_height > f->tpl->page_width && g->widths == NULL) {
		grid_widths(f, g, lw, w);
		return true;
	}
	grid_widths(f, g, f->width, w);
	return false;
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

/* The table's width: its columns'. */
static double
pl_width(const struct placer *pl)
{
	double	 w = 0;
	int	 c;

	for (c = 0; c < pl->ncols; c++)
		w += pl->w[c];
	return w;
}

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
	if (r->kind == ROW_TOTAL) {
		/* A totals row sums what is above it: a rule says so. */
		it = add_item(f, LAY_LINE);
		it->x = f->left;
		it->y = f->y;
		it->w = pl_width(pl);
		it->colour = &f->tpl->heading;
		it->line_width = 0.8;
	}
	tag_begin(f, "TR");
	for (x = f->left, c = 0; c < pl->ncols; x += pl->w[c], c++) {
		if (r->cells[c] == NULL)
			continue;	/* covered by the cell before */
		if (r->kind == ROW_HEAD)
			tag_begin_attr(f, "TH", "Column");
		else
			tag_begin(f, "TD");
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

/*
 * The rows of a grid, measured in their columns.  A word broken between
 * letters (the column is too narrow for it) is said at its cell, once a
 * table.
 */
static struct mrow *
measure_rows(struct flow *f, struct grid *g, const double *w, int *nhead, double *headh)
{
	double			 pad2 = 2 * f->tpl->cell_pad;
	int			 nrows = g->kinds->len, row, c;
	const struct tpl_font	*font;
	struct mrow		*rows;
	bool			 said = false;

	rows = g_new0(struct mrow, nrows);
	*nhead = 0;
	*headh = 0;
	for (row = 0; row < nrows; row++) {
		rows[row].kind = g_array_index(g->kinds, int, row);
		rows[row].cells = g_new(struct lay_text *, g->ncols);
		font = rows[row].kind == ROW_HEAD ? &g->head_font : &g->font;
		for (c = 0; c < g->ncols; c++) {
			struct gcell *cell = cell_at(g, row, c);
			struct co_pos pos = cell->pos;
			double cw = 0;
			int k;
			if (cell->span == 0) {
				rows[row].cells[c] = NULL;	/* covered */
				g_string_free(cell->r.text, TRUE);
				g_array_free(cell->r.spans, TRUE);
				g_array_free(cell->r.links, TRUE);
				continue;
			}
			/* Header words whole in the columns sized for them. */
			if (rows[row].kind == ROW_HEAD && g->head_whole &&
			    (g->cols == NULL || g->cols[c].width <= 0))
				rich_whole(&cell->r);
			for (k = c; k < c + cell->span && k < g->ncols; k++)
				cw += w[k];
			rows[row].cells[c] = rich_measure(f, &cell->r, font, CELL_LEADING,
			    cw - pad2, cell->right ? MEASURE_RIGHT : cell->center ? MEASURE_CENTER : 0,
			    &f->tpl->text);
			rows[row].h = MAX(rows[row].h, rows[row].cells[c]->height + pad2);
			if (rows[row].cells[c]->char_breaks > 0 && !said && f->diags != NULL) {
				if (pos.line == 0 && pos.col == 0)
					pos = g->pos;
				co_diag(f->diags, pos, CO_DIAG_W_CHAR_BREAK,
				    "column %d is too narrow for a word in it", c + 1);
				co_diag(f->diags, pos, CO_DIAG_HINT, "give the column more width "
				    "(widths: […]), or fewer columns to the table");
				said = true;
			}
		}
		if (rows[row].kind == ROW_HEAD && row == *nhead) {
			(*nhead)++;
			*headh += rows[row].h;
		}
	}
	return rows;
}

/*
 * Pages turned for a table too wide for the text width, and back.  A page
 * with nothing on it yet but the headings the table goes with is turned
 * itself.
 */
static void
set_landscape(struct flow *f, bool on)
{
	const struct tpl	*t = f->tpl;

	f->landscape = on;
	if (on && (f->fresh || (f->keep.active && f->keep.fresh))) {
		f->page->width = t->page_height;
		f->page->height = t->page_width;
		f->page_bottom = f->page->height - t->margin_bottom;
		f->bottom = f->page_bottom - f->notes_h;
	} else
		new_page(f);
	f->width = f->page->width - t->margin_left - t->margin_right;
}

/*
 * The last body row a page starting with "row" takes, when the rows from
 * "row" on go on to the next page: as many as fit, but at least three
 * rows go on with the table's end, if three stay here.
 */
static int
page_end(const struct flow *f, const struct mrow *rows, int row, int nrows, int onpage,
    int nbody)
{
	double	 y = f->y;
	int	 k, last;

	for (k = row; k < nrows && y + rows[k].h <= f->bottom + 0.01; k++)
		y += rows[k].h;
	last = k - 1;
	if (k >= nrows || nbody < 6)
		return last;
	if (nrows - k < 3 && onpage + (nrows - 4 - row + 1) >= 3)
		last = nrows - 4;
	return last;
}

/* "Taulukko 3. Caption": the number in bold, linked from cross-references. */
static struct lay_text *
caption_text(struct flow *f, const struct grid *g)
{
	struct rich	 r;
	size_t		 start;

	rich_init(&r);
	if (g->number > 0) {
		g_string_append_printf(r.text, "%s %d.", i18n_label(CO_LABEL_TABLE, f->doc->lang),
		    g->number);
		rich_span(&r, 0, MS_BOLD);
		rich_raw(&r, " ");
	}
	start = r.text->len;
	rich_words(f, &r, g->caption, true);
	(void)start;
	return rich_measure(f, &r, &f->tpl->caption, 1.25, f->width, 0, &f->tpl->text);
}

void
flow_grid(struct flow *f, struct grid *g)
{
	double		*w, headh = 0, first, total, page_h, keep;
	struct mrow	*rows;
	struct placer	 pl;
	int		 nrows, row, nhead = 0, body = 0, onpage, last, nbody, k;
	struct lay_text	*cap = NULL;
	bool		 landscape;

	nrows = g->kinds->len;
	if (nrows == 0 || g->ncols == 0) {
		g_array_free(g->cells, TRUE);
		g_array_free(g->kinds, TRUE);
		return;
	}
	w = g_new(double, g->ncols);
	if ((landscape = grid_fit(f, g, w)))
		set_landscape(f, true);
	rows = measure_rows(f, g, w, &nhead, &headh);
	pl.rows = rows;
	pl.nhead = nhead;
	pl.w = w;
	pl.ncols = g->ncols;
	pl.from = g_new0(int, g->ncols);
	pl.to = g_new0(int, g->ncols);
	nbody = nrows - nhead;
	for (total = headh, row = nhead; row < nrows; row++)
		total += rows[row].h;
	page_h = f->page_bottom - f->top;
	/*
	 * A short table keeps together; a longer one starts with three rows
	 * at least (and its header) on the page.
	 */
	for (first = 0, row = nhead; row < nrows && row < nhead + 3; row++)
		first += rows[row].h;
	keep = nbody <= 8 && total <= page_h ? total : headh + MIN(first, page_h - headh);
	if (g->caption != NULL) {
		cap = caption_text(f, g);
		ensure(f, cap->height + 4 + keep);
		if (g->node != NULL) {
			struct lay_item *it = add_item(f, LAY_DEST);
			it->dest = target_dest(f, g->node);
			it->x = f->left;
			it->y = f->y;
			g_hash_table_insert(f->target_page, (gpointer)g->node,
			    GINT_TO_POINTER(f->pages->len));
		}
		/* The caption is the table's first child, as PDF/UA wants it. */
		tag_begin(f, "Table");
		tag_begin(f, "Caption");
		place_lines(f, cap, 0, cap->nlines, f->left, f->y);
		tag_end(f);
		f->y += cap->height + 4;
	} else {
		ensure(f, keep);
		tag_begin(f, "Table");
	}
	place_headers(f, &pl);
	onpage = 0;
	last = -1;
	for (row = nhead; row < nrows; row++, body++) {
		if (rows[row].h > page_h - headh) {
			/* Taller than a page: its lines go on over pages. */
			split_row(f, &pl, &rows[row], body % 2 == 1);
			onpage = 1;
			last = -1;
			continue;
		}
		if (last < row)
			last = page_end(f, rows, row, nrows, onpage, nbody);
		if (last < row && !f->fresh) {
			new_page(f);
			place_headers(f, &pl);
			onpage = 0;
			last = page_end(f, rows, row, nrows, onpage, nbody);
		}
		place_row(f, &pl, &rows[row], body % 2 == 1);
		onpage++;
		if (row == last && row + 1 < nrows) {
			new_page(f);
			place_headers(f, &pl);
			onpage = 0;
			last = -1;
		}
	}
	tag_end(f);
	f->y += f->tpl->para_space * 1.5;
	if (landscape)
		set_landscape(f, false);
	for (row = 0; row < nrows; row++)
		g_free(rows[row].cells);
	g_free(rows);
	g_free(pl.from);
	g_free(pl.to);
	g_free(w);
	(void)k;
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

/* A header that names people: its column is never hyphenated ("Fan-gohr"). */
static bool
names_people(const char *header)
{
	static GRegex	*re;

	if (re == NULL)
		re = g_regex_new("nimi|name|namn|henkil|person|contact|kontakt|yhteys|"
		    "tekijä|author|författare|vastuu|owner|ansvarig|edustaja|representative|"
		    "jäsen|member|ledamot|koordinaattori|coordinator|johtaja|manager|chair",
		    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
	return g_regex_match(re, header, 0, NULL);
}

/* A cell that is a web address, or mostly: its column is sized as addresses are. */
static bool
mostly_address(const struct rich *r)
{
	size_t	 n = 0;
	guint	 k;

	for (k = 0; k < r->spans->len; k++) {
		const struct ms_span *sp = &g_array_index(r->spans, struct ms_span, k);
		if (sp->flags & MS_URL)
			n += sp->end - sp->start;
	}
	return n > 0 && 2 * n >= r->text->len;
}

/* The grid of a generic table, its cells built, nothing measured. */
static void
build_grid(struct flow *f, const struct co_node *t, struct grid *g)
{
	const struct co_node	*row, *cell;
	struct gcell		*gc;
	int			 ncols = t->as.table.ncols, n, k, c, nrows, span;

	grid_init(g, ncols);
	g->caption = t->as.table.caption;
	g->number = t->as.table.number;
	g->pos = t->pos;
	g->node = t->as.table.number > 0 ? t : NULL;
	g->cols = t->as.table.cols;
	g->font = f->tpl->table;
	g->head_font = f->tpl->table_head;
	for (row = t->first; row != NULL; row = row->next) {
		grid_row(g, row->as.row.header ? ROW_HEAD : row->as.row.total ? ROW_TOTAL :
		    ROW_BODY);
		n = 0;
		for (cell = row->first; cell != NULL && n < ncols; cell = cell->next) {
			gc = grid_cell(g);
			gc->span = MIN(MAX(cell->as.cell.span, 1), ncols - n);
			gc->pos = cell->pos;
			rich_blocks(f, &gc->r, cell);
			gc->loose = mostly_address(&gc->r);
			if (row->as.row.total)
				rich_span(&gc->r, 0, MS_BOLD);
			/* The columns it spans: covered slots (which move the cells: gc goes stale). */
			span = gc->span;
			for (k = 1; k < span; k++)
				grid_cell(g)->span = 0;
			n += MAX(cell->as.cell.span, 1);
		}
		for (; n < ncols; n++)
			grid_cell(g);
	}
	align_numbers(g);
	nrows = g->kinds->len;
	for (c = 0; c < ncols; c++) {
		/* The author's alignment wins over the guess. */
		if (g->cols != NULL && g->cols[c].align != CO_ALIGN_AUTO)
			for (k = 0; k < nrows; k++) {
				gc = cell_at(g, k, c);
				gc->right = g->cols[c].align == CO_ALIGN_RIGHT;
				gc->center = g->cols[c].align == CO_ALIGN_CENTER;
			}
		/* People's names whole, under any header row that names them. */
		for (k = 0; k < nrows; k++)
			if (g_array_index(g->kinds, int, k) == ROW_HEAD &&
			    names_people(cell_at(g, k, c)->r.text->str))
				break;
		if (k < nrows)
			for (k = 0; k < nrows; k++)
				if (g_array_index(g->kinds, int, k) != ROW_HEAD)
					rich_whole(&cell_at(g, k, c)->r);
	}
}

static void
grid_free(struct grid *g)
{
	guint	 i;

	for (i = 0; i < g->cells->len; i++) {
		struct gcell *c = &g_array_index(g->cells, struct gcell, i);
		g_string_free(c->r.text, TRUE);
		g_array_free(c->r.spans, TRUE);
		g_array_free(c->r.links, TRUE);
	}
	g_array_free(g->cells, TRUE);
	g_array_free(g->kinds, TRUE);
}

/* True if tables "a" and "b" have the same shape: columns, and no widths of the author's. */
static bool
same_shape(const struct co_node *a, const struct co_node *b)
{
	return a != NULL && b != NULL && a->kind == CO_KIND_TABLE && b->kind == CO_KIND_TABLE &&
	    a->as.table.ncols == b->as.table.ncols && a->as.table.ngiven == 0 &&
	    b->as.table.ngiven == 0;
}

/* The next table of the same shape after "t", with nothing but paragraphs between, or NULL. */
static const struct co_node *
next_alike(const struct co_node *t)
{
	const struct co_node	*n;

	for (n = t->next; n != NULL && n->kind == CO_KIND_PARA; n = n->next)
		;
	return same_shape(t, n) ? n : NULL;
}

static const struct co_node *
prev_alike(const struct co_node *t)
{
	const struct co_node	*n;

	for (n = t->prev; n != NULL && n->kind == CO_KIND_PARA; n = n->prev)
		;
	return same_shape(t, n) ? n : NULL;
}

/*
 * Tables of one shape one after another line up: the widths of the run
 * that starts at "first" are worked out over all its tables together (the
 * narrowest and natural widths of each column, the widest of them), once.
 */
static const double *
run_widths(struct flow *f, const struct co_node *first)
{
	const struct co_node	*t;
	struct grid		 all, one;
	double			*w;
	int			 row, c;

	if ((w = g_hash_table_lookup(f->table_widths, first)) != NULL)
		return w;
	grid_init(&all, first->as.table.ncols);
	all.font = f->tpl->table;
	all.head_font = f->tpl->table_head;
	for (t = first; t != NULL; t = next_alike(t)) {
		build_grid(f, t, &one);
		/* Every row of each, in one grid: the same widths fit them all. */
		for (row = 0; row < (int)one.kinds->len; row++) {
			grid_row(&all, g_array_index(one.kinds, int, row));
			for (c = 0; c < one.ncols; c++) {
				struct gcell *from = cell_at(&one, row, c), *to = grid_cell(&all);
				struct rich r = to->r;
				*to = *from;
				from->r = r;	/* the empty one is freed with "one" */
			}
		}
		grid_free(&one);
	}
	w = g_new(double, all.ncols);
	if (!grid_widths(f, &all, f->width, w))
		g_clear_pointer(&w, g_free);	/* too wide together: each on its own */
	else
		g_hash_table_insert(f->table_widths, (gpointer)first, w);
	grid_free(&all);
	return w;
}

void
flow_table(struct flow *f, const struct co_node *t)
{
	struct grid		 g;
	const struct co_node	*first = t, *p;

	build_grid(f, t, &g);
	for (p = prev_alike(t); p != NULL; p = prev_alike(p))
		first = p;
	if (first != t || next_alike(t) != NULL)
		g.widths = run_widths(f, first);
	flow_grid(f, &g);
}
