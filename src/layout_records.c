/*
 * layout_records.c: typed tables as readers see them: columns for the
 * fields some row has, values localized, budget variances and totals;
 * proposals as a numbered list.
 */
#include <glib.h>
#include <string.h>
#include <unicode/ucol.h>

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
		rich_unbroken(&cell->r, s);
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
			rich_unbroken(&cell->r, s);
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
		/* An address wraps at its break points only. */
		cell->loose = true;
		start = cell->r.text->len;
		rich_raw(&cell->r, v);
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

/* References as a numbered list: "[3] Authors (2019). Title. Venue. Publisher. URL. DOI." */
static void
flow_references(struct flow *f, const struct co_node *recs)
{
	static const int	 order[] = { CO_REF_AUTHORS, CO_REF_YEAR, CO_REF_TITLE,
	    CO_REF_VENUE, CO_REF_PUBLISHER, CO_REF_URL, CO_REF_DOI };
	const struct co_rec_spec *spec = &model_recs[CO_REC_REFERENCES];
	const struct co_node	*rec, *fl;
	struct rich		 r;
	struct lay_item		*it;
	char			*label;
	size_t			 start;
	size_t			 i;

	tag_begin(f, "L");
	for (rec = recs->first; rec != NULL; rec = rec->next) {
		rich_init(&r);
		for (i = 0; i < G_N_ELEMENTS(order); i++) {
			const struct co_field_spec *fs = &spec->fields[order[i]];
			const char *v;
			if ((fl = model_field(rec, fs->key)) == NULL)
				continue;
			v = fl->as.field.value;
			start = r.text->len;
			if (order[i] == CO_REF_YEAR) {
				/* "Authors (2019)." or, with no authors, "(2019)." */
				g_string_truncate(r.text, r.text->len > 1 &&
				    r.text->str[r.text->len - 2] == '.' ? r.text->len - 2 : r.text->len);
				g_string_append_printf(r.text, "%s(%.4s). ", r.text->len ? " " : "", v);
				continue;
			}
			if (order[i] == CO_REF_URL || order[i] == CO_REF_DOI) {
				char *uri = order[i] == CO_REF_URL ? (char *)v :
				    arena_printf(f->out->arena, "https://doi.org/%s", v);
				rich_raw(&r, uri);
				rich_span(&r, start, MS_URL);
				rich_link(f, &r, uri, start);
				rich_raw(&r, ". ");
				continue;
			}
			/* One sentence of the entry: a field of one paragraph runs on. */
			if (fl->first != NULL && fl->first == fl->last && fl->first->kind == CO_KIND_PARA)
				rich_inline(f, &r, fl->first, false);
			else
				rich_blocks(f, &r, fl);
			/* Where it was published, in italics, as bibliographies set it. */
			if (order[i] == CO_REF_VENUE)
				rich_span(&r, start, MS_ITALIC);
			if (r.text->len > 0 && strchr(".?!", r.text->str[r.text->len - 1]) == NULL)
				rich_raw(&r, ".");
			rich_raw(&r, " ");
		}
		while (r.text->len > 0 && r.text->str[r.text->len - 1] == ' ')
			g_string_truncate(r.text, r.text->len - 1);
		/* The reference's place, for [](#id): with its first line. */
		ensure(f, 2 * f->tpl->body.size * f->tpl->leading);
		it = add_item(f, LAY_DEST);
		it->dest = target_dest(f, rec);
		it->x = f->left;
		it->y = f->y;
		g_hash_table_insert(f->target_page, (gpointer)rec, GINT_TO_POINTER(f->pages->len));
		label = g_strdup_printf("[%d]", rec->as.record.number);
		/* Ragged right, as bibliographies are: their addresses leave holes justified. */
		f->ragged = true;
		flow_item(f, label, &r, 10 * MM);
		f->ragged = false;
		g_free(label);
	}
	tag_end(f);
	f->y += f->tpl->para_space * 0.5;
}

/* Computed columns, not fields: a variance, the share of the plan used, a funder's share. */
#define COL_VARIANCE	(-1)
#define COL_USED	(-2)
#define COL_SHARE	(-3)

/*
 * The columns of a typed table: the fields some row has, in the format's
 * order.  A document's url and attachment share one column; a budget gets
 * its variance after the actual amounts (a partner budget the share used
 * first), funding sources each one's share.  Returns how many.
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
	/* An id is for cross-references; the list shows the numbers. */
	if (type == CO_REC_REFERENCES)
		used[CO_REF_ID] = false;
	for (i = 0; i < spec->nfields; i++) {
		if (!used[i] || (type == CO_REC_DOCUMENTS && i == CO_DOC_ATTACHMENT))
			continue;
		cols[ncols++] = i;
		if (type == CO_REC_BUDGET && i == CO_BUDGET_ACTUAL)
			cols[ncols++] = COL_VARIANCE;
		if (type == CO_REC_PARTNER_BUDGET && i == CO_PARTNER_ACTUAL) {
			cols[ncols++] = COL_USED;
			cols[ncols++] = COL_VARIANCE;
		}
		if (type == CO_REC_FUNDING && i == CO_FUNDING_AMOUNT)
			cols[ncols++] = COL_SHARE;
	}
	g_free(used);
	return ncols;
}

/* A column of money: amounts and variances, each with the currency in its header. */
static bool
is_amount_col(enum co_rec type, int col)
{
	return col == COL_VARIANCE ||
	    (col >= 0 && model_recs[type].fields[col].type == CO_FTYPE_AMOUNT);
}

/* "95 %" (fi, sv: a space, no break) or "95%" (en), to a tenth below 10. */
static char *
percent(int64_t part, int64_t whole, enum co_lang lang)
{
	double	 p = 100.0 * (double)part / (double)whole;
	char	*num = g_strdup_printf(p < 10 && p > -10 ? "%.1f" : "%.0f", p), *s;

	if (lang != CO_LANG_EN)
		for (s = num; *s != '\0'; s++)
			if (*s == '.')
				*s = ',';
	s = g_strdup_printf(lang == CO_LANG_EN ? "%s%%" : "%s\xc2\xa0%%", num);
	g_free(num);
	return s;
}

/* A computed cell of one line: actual − planned, the plan used, a funder's share. */
static void
computed_cell(struct flow *f, struct gcell *cell, const struct co_node *recs,
    const struct co_node *rec, int col)
{
	const struct co_node	*p = model_field(rec, "planned");
	const struct co_node	*a = model_field(rec, col == COL_SHARE ? "amount" : "actual");
	int64_t			 planned, actual;
	char			*s = NULL;

	cell->right = true;
	if (col == COL_SHARE) {
		if (a != NULL && amount_parse(a->as.field.value, &actual) &&
		    recs->as.records.amount != 0)
			s = percent(actual, recs->as.records.amount, f->doc->lang);
	} else if (p && a && amount_parse(p->as.field.value, &planned) &&
	    amount_parse(a->as.field.value, &actual)) {
		if (col == COL_VARIANCE)
			s = amount_format(actual - planned, f->doc->lang);
		else if (planned != 0)
			s = percent(actual, planned, f->doc->lang);
	}
	if (s != NULL)
		rich_raw(&cell->r, s);
	g_free(s);
}

/* The totals row of a money table: its sums (number.c), the plan used, 100 %. */
static void
money_totals(struct flow *f, struct grid *g, const struct co_node *recs,
    const int *cols, int ncols)
{
	enum co_rec	 type = recs->as.records.rec;
	struct gcell	*cell;
	int64_t		 cents;
	char		*s;
	int		 c;
	bool		 have;

	grid_row(g, ROW_TOTAL);
	for (c = 0; c < ncols; c++) {
		cell = grid_cell(g);
		if (c == 0) {
			rich_raw(&cell->r, i18n_label(CO_LABEL_TOTAL, f->doc->lang));
			rich_span(&cell->r, 0, MS_BOLD);
			continue;
		}
		have = true;
		s = NULL;
		if (cols[c] >= 0 && strcmp(model_recs[type].fields[cols[c]].key, "planned") == 0)
			cents = recs->as.records.planned;
		else if (cols[c] >= 0 && strcmp(model_recs[type].fields[cols[c]].key, "actual") == 0 &&
		    recs->as.records.has_actual)
			cents = recs->as.records.actual;
		else if (cols[c] >= 0 && strcmp(model_recs[type].fields[cols[c]].key, "amount") == 0)
			cents = recs->as.records.amount;
		else if (cols[c] == COL_VARIANCE && recs->as.records.has_actual)
			cents = recs->as.records.actual - recs->as.records.planned;
		else if (cols[c] == COL_USED && recs->as.records.has_actual &&
		    recs->as.records.planned != 0) {
			s = percent(recs->as.records.actual, recs->as.records.planned, f->doc->lang);
			cents = 0;
		} else if (cols[c] == COL_SHARE && recs->as.records.amount != 0) {
			s = percent(1, 1, f->doc->lang);
			cents = 0;
		} else
			have = false;
		if (!have)
			continue;
		if (s == NULL)
			s = amount_format(cents, f->doc->lang);
		rich_raw(&cell->r, s);
		rich_span(&cell->r, 0, MS_BOLD);
		g_free(s);
		cell->right = true;
	}
}

/* The records of "recs" in their order (g_free). */
static const struct co_node **
in_order(const struct co_node *recs, int *n)
{
	const struct co_node	**v, *rec;
	int			  count = 0;

	for (rec = recs->first; rec != NULL; rec = rec->next)
		count++;
	v = g_new(const struct co_node *, count + 1);
	for (count = 0, rec = recs->first; rec != NULL; rec = rec->next)
		v[count++] = rec;
	*n = count;
	return v;
}

/* Glossary entries in the order of the report language's alphabet (ICU's collation). */
static const struct co_node **
sorted_entries(struct flow *f, const struct co_node *recs, int *n)
{
	const struct co_node	**v;
	const struct co_node	 *term;
	char			**keys;
	UCollator		 *coll;
	UErrorCode		  err = U_ZERO_ERROR;
	int			  i, j, count;

	v = in_order(recs, &count);
	keys = g_new0(char *, count + 1);
	for (i = 0; i < count; i++) {
		term = model_field(v[i], "term");
		keys[i] = term != NULL ? model_plain_text(term->first != NULL ? term->first : term) :
		    g_strdup("");
	}
	coll = ucol_open(model_lang_codes[f->doc->lang], &err);
	/* Insertion sort: a glossary is short, and equal terms keep their order. */
	for (i = 1; U_SUCCESS(err) && i < count; i++)
		for (j = i; j > 0 && ucol_strcollUTF8(coll, keys[j - 1], -1, keys[j], -1, &err) ==
		    UCOL_GREATER; j--) {
			const struct co_node *t = v[j];
			char *k = keys[j];
			v[j] = v[j - 1];
			keys[j] = keys[j - 1];
			v[j - 1] = t;
			keys[j - 1] = k;
		}
	if (coll != NULL)
		ucol_close(coll);
	g_strfreev(keys);
	*n = count;
	return v;
}

void
flow_records(struct flow *f, const struct co_node *recs)
{
	const struct co_rec_spec	*spec = &model_recs[recs->as.records.rec];
	enum co_rec			 type = recs->as.records.rec;
	enum co_lang			 lang = f->doc->lang;
	const struct co_node		*rec, *fl, **order = NULL;
	struct grid			 g;
	struct gcell			*cell;
	int				*cols, ncols, c, nrec = 0, k;

	if (type == CO_REC_PROPOSALS) {
		flow_proposals(f, recs);
		return;
	}
	if (type == CO_REC_REFERENCES) {
		flow_references(f, recs);
		return;
	}
	cols = g_new(int, spec->nfields + 4);
	if ((ncols = record_columns(recs, cols)) == 0) {
		g_free(cols);
		return;
	}
	grid_init(&g, ncols);
	g.pos = recs->pos;
	grid_row(&g, ROW_HEAD);
	for (c = 0; c < ncols; c++) {
		cell = grid_cell(&g);
		rich_raw(&cell->r, cols[c] == COL_VARIANCE ? i18n_label(type == CO_REC_BUDGET ?
		    CO_LABEL_VARIANCE : CO_LABEL_OVERSPEND, lang) :
		    cols[c] == COL_USED ? i18n_label(CO_LABEL_USED, lang) :
		    cols[c] == COL_SHARE ? i18n_label(CO_LABEL_SHARE, lang) :
		    i18n_column(type, cols[c], lang));
		if (is_amount_col(type, cols[c])) {
			rich_raw(&cell->r, " (");
			rich_raw(&cell->r, recs->as.records.currency);
			rich_raw(&cell->r, ")");
		}
		if (is_amount_col(type, cols[c]) || cols[c] < 0)
			cell->right = true;
	}
	order = type == CO_REC_GLOSSARY ? sorted_entries(f, recs, &nrec) : in_order(recs, &nrec);
	for (k = 0; k < nrec; k++) {
		rec = order[k];
		grid_row(&g, ROW_BODY);
		for (c = 0; c < ncols; c++) {
			cell = grid_cell(&g);
			if (cols[c] < 0) {
				computed_cell(f, cell, recs, rec, cols[c]);
				continue;
			}
			for (fl = rec->first; fl != NULL; fl = fl->next)
				if (fl->as.field.index == cols[c] ||
				    (type == CO_REC_DOCUMENTS && cols[c] == CO_DOC_URL &&
				    fl->as.field.index == CO_DOC_ATTACHMENT)) {
					cell->pos = fl->pos;
					field_value(f, cell, &spec->fields[fl->as.field.index], fl);
				}
			/* A glossary's terms stand out, and acronyms are never broken. */
			if (type == CO_REC_GLOSSARY && cols[c] == 0) {
				rich_whole(&cell->r);
				rich_span(&cell->r, 0, MS_BOLD);
			}
			if (is_amount_col(type, cols[c]))
				cell->right = true;
		}
	}
	g_free(order);
	if (spec->money && recs->first != NULL)
		money_totals(f, &g, recs, cols, ncols);
	g_free(cols);
	flow_grid(f, &g);
}
