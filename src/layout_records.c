/*
 * layout_records.c: typed tables as readers see them: columns for the
 * fields some row has, values localized, budget variances and totals;
 * proposals as a numbered list.
 */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "layout_int.h"
#include "text.h"

/* Writes a field as readers should see it into "cell". */
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
		rich_blocks(f, &cell->r, field);
		if (strcmp(spec->key, "phone") == 0)
			rich_tie_spaces(&cell->r, start);	/* one number, one line */
		if (f->whole_words)
			rich_span(&cell->r, start, MS_WHOLE);
		f->whole_words = false;
		return;
	}
	switch (spec->type) {
	case CO_FTYPE_DATE:
	case CO_FTYPE_MONTH:
		s = date_format(v, f->doc->lang);
		rich_raw(&cell->r, s);
		g_free(s);
		break;
	case CO_FTYPE_AMOUNT:
		if (amount_parse(v, &cents)) {
			s = amount_format(cents, f->doc->lang);
			rich_raw(&cell->r, s);
			g_free(s);
		}
		cell->right = true;
		break;
	case CO_FTYPE_ENUM:
		rich_raw(&cell->r, i18n_value(v, f->doc->lang));
		break;
	case CO_FTYPE_YEAR:
		/* A year alone as it is; a month or a date as dates are shown. */
		if (strlen(v) == 4)
			rich_raw(&cell->r, v);
		else {
			s = date_format(v, f->doc->lang);
			rich_raw(&cell->r, s);
			g_free(s);
		}
		break;
	case CO_FTYPE_DOI:
		/* A DOI resolves at doi.org: a link, broken like an address. */
		start = cell->r.text->len;
		rich_raw(&cell->r, v);
		rich_span(&cell->r, start, MS_URL);
		rich_link(f, &cell->r, arena_printf(f->out->arena, "https://doi.org/%s", v), start);
		cell->loose = true;
		break;
	case CO_FTYPE_LINE:
		rich_words(f, &cell->r, v, false);
		rich_span(&cell->r, 0, MS_WHOLE);
		break;
	case CO_FTYPE_EMAIL:
	case CO_FTYPE_URL:
		/* A long web address may wrap; an e-mail address stays whole. */
		cell->loose = spec->type == CO_FTYPE_URL;
		start = cell->r.text->len;
		rich_raw(&cell->r, v);
		if (spec->type == CO_FTYPE_URL)
			rich_span(&cell->r, start, MS_URL);
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
			if (i == CO_PROPOSAL_TEXT) {
				rich_blocks(f, &r, fl);
				continue;
			}
			rich_raw(&r, first ? " (" : "; ");
			start = r.text->len;
			first = false;
			rich_raw(&r, i18n_column(CO_REC_PROPOSALS, i, f->doc->lang));
			rich_raw(&r, ": ");
			if (fl->as.field.value != NULL)
				rich_raw(&r, i18n_value(fl->as.field.value, f->doc->lang));
			else
				rich_blocks(f, &r, fl);
			rich_span(&r, start, MS_ITALIC);
		}
		if (!first)
			rich_raw(&r, ")");
		label = g_strdup_printf("%d.", rec->as.record.number);
		flow_item(f, label, &r, 8 * MM);
		g_free(label);
	}
	tag_end(f);
	f->y += f->tpl->para_space * 0.5;
}

/* A computed column, not a field: the budget's variance. */
#define COL_VARIANCE	(-1)

/*
 * The columns of a typed table: the fields some row has, in the format's
 * order.  A document's url and attachment share one column; the budget
 * gets its variance after the actual amounts.  Returns how many.
 */
static int
record_columns(const struct co_node *recs, int *cols)
{
	const struct co_rec_spec	*spec = &model_recs[recs->as.records.rec];
	enum co_rec			 type = recs->as.records.rec;
	const struct co_node		*rec, *fl;
	bool				*used = g_new0(bool, spec->nfields);
	int				 i, ncols = 0;

	for (rec = recs->first; rec != NULL; rec = rec->next)
		for (fl = rec->first; fl != NULL; fl = fl->next)
			used[fl->as.field.index] = true;
	if (type == CO_REC_DOCUMENTS && used[CO_DOC_ATTACHMENT])
		used[CO_DOC_URL] = true;
	for (i = 0; i < spec->nfields; i++) {
		if (!used[i] || (type == CO_REC_DOCUMENTS && i == CO_DOC_ATTACHMENT))
			continue;
		cols[ncols++] = i;
		if (type == CO_REC_BUDGET && i == CO_BUDGET_ACTUAL)
			cols[ncols++] = COL_VARIANCE;
	}
	g_free(used);
	return ncols;
}

/* An amount column of the budget: the amounts, and the variance. */
static bool
is_amount_col(enum co_rec type, int col)
{
	return type == CO_REC_BUDGET && (col == CO_BUDGET_PLANNED ||
	    col == CO_BUDGET_ACTUAL || col == COL_VARIANCE);
}

/* The budget's variance of one line: actual − planned, when both are known. */
static void
variance_cell(struct flow *f, struct gcell *cell, const struct co_node *rec)
{
	const struct co_node	*p = model_field(rec, "planned");
	const struct co_node	*a = model_field(rec, "actual");
	int64_t			 planned, actual;
	char			*s;

	cell->right = true;
	if (p && a && amount_parse(p->as.field.value, &planned) &&
	    amount_parse(a->as.field.value, &actual)) {
		s = amount_format(actual - planned, f->doc->lang);
		rich_raw(&cell->r, s);
		g_free(s);
	}
}

/* The budget's totals row: planned, actual and variance summed (number.c). */
static void
budget_totals(struct flow *f, struct grid *g, const struct co_node *recs,
    const int *cols, int ncols)
{
	struct gcell	*cell;
	int64_t		 cents;
	char		*s;
	int		 c;

	grid_row(g, ROW_TOTAL);
	for (c = 0; c < ncols; c++) {
		cell = grid_cell(g);
		if (c == 0) {
			rich_raw(&cell->r, i18n_label(CO_LABEL_TOTAL, f->doc->lang));
			continue;
		}
		if (cols[c] == CO_BUDGET_PLANNED)
			cents = recs->as.records.planned;
		else if (cols[c] == CO_BUDGET_ACTUAL && recs->as.records.has_actual)
			cents = recs->as.records.actual;
		else if (cols[c] == COL_VARIANCE && recs->as.records.has_actual)
			cents = recs->as.records.actual - recs->as.records.planned;
		else
			continue;
		s = amount_format(cents, f->doc->lang);
		rich_raw(&cell->r, s);
		g_free(s);
		cell->right = true;
	}
}

void
flow_records(struct flow *f, const struct co_node *recs)
{
	const struct co_rec_spec	*spec = &model_recs[recs->as.records.rec];
	enum co_rec			 type = recs->as.records.rec;
	enum co_lang			 lang = f->doc->lang;
	const struct co_node		*rec, *fl;
	struct grid			 g;
	struct gcell			*cell;
	int				*cols, ncols, c;

	if (type == CO_REC_PROPOSALS) {
		flow_proposals(f, recs);
		return;
	}
	cols = g_new(int, spec->nfields + 1);
	if ((ncols = record_columns(recs, cols)) == 0) {
		g_free(cols);
		return;
	}
	grid_init(&g, ncols);
	g.pos = recs->pos;
	grid_row(&g, ROW_HEAD);
	for (c = 0; c < ncols; c++) {
		cell = grid_cell(&g);
		rich_raw(&cell->r, cols[c] == COL_VARIANCE ? i18n_label(CO_LABEL_VARIANCE, lang) :
		    i18n_column(type, cols[c], lang));
		if (is_amount_col(type, cols[c])) {
			rich_raw(&cell->r, " (");
			rich_raw(&cell->r, recs->as.records.currency);
			rich_raw(&cell->r, ")");
			cell->right = true;
		}
	}
	for (rec = recs->first; rec != NULL; rec = rec->next) {
		grid_row(&g, ROW_BODY);
		for (c = 0; c < ncols; c++) {
			cell = grid_cell(&g);
			if (cols[c] == COL_VARIANCE) {
				variance_cell(f, cell, rec);
				continue;
			}
			for (fl = rec->first; fl != NULL; fl = fl->next)
				if (fl->as.field.index == cols[c] ||
				    (type == CO_REC_DOCUMENTS && cols[c] == CO_DOC_URL &&
				    fl->as.field.index == CO_DOC_ATTACHMENT)) {
					cell->pos = fl->pos;
					field_value(f, cell, &spec->fields[fl->as.field.index], fl);
				}
			if (is_amount_col(type, cols[c]))
				cell->right = true;
		}
	}
	if (type == CO_REC_BUDGET && recs->first != NULL)
		budget_totals(f, &g, recs, cols, ncols);
	g_free(cols);
	flow_grid(f, &g);
}
