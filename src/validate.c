/*
 * validate.c: the report format's rules, checked on the finished model,
 * the same for a YAML and an XML report: typed values (dates, months,
 * amounts, addresses, enumerations) normalized, required fields, a done
 * deliverable's month, table rows as long as the table, the period's order.
 * Messages name things as the input does: "risks item 1.likelihood" in
 * YAML, "<likelihood> in <risk> 1" in XML.
 */
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "arena.h"
#include "load.h"
#include "text.h"
#include "prose.h"
#include "validate.h"

/* Image files a figure may name; larger ones are left out. */
#define MAX_FIGURE_BYTES	(16 * 1024 * 1024)

struct check {
	struct co_doc	*doc;
	bool		 xml;		/* name things as XML does */
	GHashTable	*ids;		/* id → the node that has it */
	GPtrArray	*names;		/* the ids, for "did you mean" */
	char		*dir;		/* the report's folder */
};

/* A field's name in messages (g_free). */
static char *
field_name(const struct check *c, const struct co_node *rec, const char *key)
{
	const char	*where = rec->as.record.where != NULL ? rec->as.record.where : "?";

	return c->xml ? g_strdup_printf("<%s> in %s", key, where) :
	    g_strdup_printf("%s.%s", where, key);
}

/* The list of "values" for a hint (g_free). */
static char *
value_list(const char *const *values)
{
	GString	*l = g_string_new(NULL);
	int	 i;

	for (i = 0; values[i] != NULL; i++)
		g_string_append_printf(l, "%s%s", i ? ", " : "", values[i]);
	return g_string_free(l, FALSE);
}

/*
 * Normalizes the scalar field "f" of record "rec", as written, into the
 * form the model keeps; false after a message (the caller drops it).
 */
static bool
check_value(struct check *c, const struct co_node *rec, struct co_node *f)
{
	const struct co_field_spec	*spec =
	    &model_recs[rec->parent->as.records.rec].fields[f->as.field.index];
	struct co_diags			*d = &c->doc->diags;
	const char			*v = f->as.field.value, *why, *near;
	char				 iso[11], *name, *s;
	int64_t				 cents;
	bool				 ok = true;
	int				 i;

	name = field_name(c, rec, spec->key);
	switch (spec->type) {
	case CO_FTYPE_DATE:
	case CO_FTYPE_MONTH:
		if ((why = date_parse(v, spec->type == CO_FTYPE_MONTH, iso)) != NULL) {
			co_diag(d, f->pos, CO_DIAG_E_DATE, "'%s' in %s", v, name);
			co_diag(d, f->pos, CO_DIAG_HINT, "%s", why);
			ok = false;
		} else
			f->as.field.value = arena_strdup(c->doc->arena, iso);
		break;
	case CO_FTYPE_EMAIL:
		if (!email_valid(v)) {
			co_diag(d, f->pos, CO_DIAG_E_EMAIL, "'%s' in %s", v, name);
			co_diag(d, f->pos, CO_DIAG_HINT, "write it as name@example.fi");
			ok = false;
		}
		break;
	case CO_FTYPE_URL:
		if (!url_valid(v)) {
			co_diag(d, f->pos, CO_DIAG_E_URL, "'%s' in %s", v, name);
			co_diag(d, f->pos, CO_DIAG_HINT,
			    "write the whole address, starting with https://");
			ok = false;
		}
		break;
	case CO_FTYPE_AMOUNT:
		if (!amount_parse(v, &cents)) {
			co_diag(d, f->pos, CO_DIAG_E_AMOUNT, "'%s' in %s", v, name);
			co_diag(d, f->pos, CO_DIAG_HINT,
			    "write a number such as 12500 or 12500.50, without a currency");
			ok = false;
			break;
		}
		s = amount_canonical(cents);
		f->as.field.value = arena_strdup(c->doc->arena, s);
		g_free(s);
		break;
	case CO_FTYPE_ENUM:
		for (i = 0; spec->values[i] != NULL; i++)
			if (strcmp(spec->values[i], v) == 0)
				break;
		if (spec->values[i] != NULL) {
			f->as.field.value = spec->values[i];
			break;
		}
		co_diag(d, f->pos, CO_DIAG_E_VALUE, "'%s' for %s", v, name);
		if ((near = diag_nearest(v, spec->values)) != NULL)
			co_diag(d, f->pos, CO_DIAG_HINT, "did you mean '%s'?", near);
		else {
			s = value_list(spec->values);
			co_diag(d, f->pos, CO_DIAG_HINT, "use one of: %s", s);
			g_free(s);
		}
		ok = false;
		break;
	case CO_FTYPE_YEAR:
		/* A year alone ("2019"), or a month or a date: kept as written in ISO form. */
		if (strlen(v) == 4 && g_ascii_isdigit(v[0]) && g_ascii_isdigit(v[1]) &&
		    g_ascii_isdigit(v[2]) && g_ascii_isdigit(v[3]) && v[0] != '0')
			break;
		if ((why = date_parse(v, true, iso)) != NULL) {
			co_diag(d, f->pos, CO_DIAG_E_DATE, "'%s' in %s", v, name);
			co_diag(d, f->pos, CO_DIAG_HINT, "write a year (2019), a month (3/2019) or a date");
			ok = false;
		} else
			f->as.field.value = arena_strdup(c->doc->arena, iso);
		break;
	case CO_FTYPE_DOI:
		/* 10.<registrant>/<suffix>, without "doi:" or https://doi.org/ before it. */
		if (g_str_has_prefix(v, "https://doi.org/"))
			f->as.field.value = v = arena_strdup(c->doc->arena, v + strlen("https://doi.org/"));
		if (!g_regex_match_simple("^10\\.[0-9]{4,9}/\\S+$", v, 0, 0)) {
			co_diag(d, f->pos, CO_DIAG_E_VALUE, "'%s' for %s", v, name);
			co_diag(d, f->pos, CO_DIAG_HINT, "a DOI looks like 10.1109/MCSE.2019.2924789");
			ok = false;
		}
		break;
	case CO_FTYPE_LINE:
	case CO_FTYPE_TEXT:
		break;
	}
	g_free(name);
	return ok;
}

/*
 * A deliverable without 'completed': wrong only if it is done, which is
 * also what no status means; planned, in_progress and cancelled ones may
 * have 'due' instead.
 */
static void
check_completed(struct check *c, const struct co_node *rec, const char *status, bool delivered)
{
	struct co_diags	*d = &c->doc->diags;
	const char	*where = rec->as.record.where;

	if ((status != NULL && strcmp(status, "done") != 0) || delivered)
		return;		/* a delivery date says when it was done */
	co_diag(d, rec->pos, CO_DIAG_E_MISSING,
	    "%s in %s: a deliverable that is done%s needs it",
	    c->xml ? "<completed>" : "'completed'", where,
	    status != NULL ? "" : " (no status means done)");
	co_diag(d, rec->pos, CO_DIAG_HINT, c->xml ?
	    "add <completed>2019-01</completed> after <description>; one not done yet "
	    "takes <status>planned</status> (or in_progress, cancelled) and <due>" :
	    "write the month, e.g. 'completed: 1/2019'; one not done yet takes "
	    "'status: planned' (or in_progress, cancelled) and 'due'");
}

/*
 * One record: its values, and a deliverable's month.  A required field
 * that is not written at all is the loader's to say (build.c; the XSD).
 */
static void
check_record(struct check *c, struct co_node *rec)
{
	enum co_rec			 type = rec->parent->as.records.rec;
	const struct co_rec_spec	*spec = &model_recs[type];
	struct co_node			*f, *next;
	const char			*status = NULL;
	bool				*have = g_new0(bool, spec->nfields);
	int				 i;

	for (f = rec->first; f != NULL; f = next) {
		next = f->next;
		i = f->as.field.index;
		have[i] = true;
		/* The status as written: "valmis" is not done, as before. */
		if (type == CO_REC_DELIVERABLES && strcmp(spec->fields[i].key, "status") == 0)
			status = f->as.field.value;
		if (f->as.field.value != NULL && !check_value(c, rec, f))
			model_unlink(f);
	}
	for (i = 0; i < spec->nfields; i++)
		if (!have[i] && type == CO_REC_DELIVERABLES &&
		    strcmp(spec->fields[i].key, "completed") == 0)
			check_completed(c, rec, status, model_field(rec, "delivered") != NULL);
	g_free(have);
}

/*
 * Every row covers as many columns as the first (its cells' spans summed);
 * widths and alignments, if given, one per column.
 */
static void
check_table(struct check *c, struct co_node *table)
{
	const struct co_node	*row, *cell;
	struct co_col		*cols;
	int			 width = -1, covered, cells;

	for (row = table->first; row != NULL; row = row->next) {
		for (covered = cells = 0, cell = row->first; cell != NULL; cell = cell->next) {
			covered += MAX(cell->as.cell.span, 1);
			cells++;
		}
		if (width < 0) {
			width = covered;
			continue;
		}
		if (covered == width)
			continue;
		if (covered == cells)
			co_diag(&c->doc->diags, row->pos, CO_DIAG_E_VALUE,
			    "row length: %s has %d cell%s, the table has %d column%s",
			    row->as.row.where, cells, cells == 1 ? "" : "s", width,
			    width == 1 ? "" : "s");
		else
			co_diag(&c->doc->diags, row->pos, CO_DIAG_E_VALUE,
			    "row length: %s covers %d column%s with its spans, the table has %d",
			    row->as.row.where, covered, covered == 1 ? "" : "s", width);
	}
	width = MAX(width, 0);
	if (table->as.table.ngiven > 0 && table->as.table.ngiven != width)
		co_diag(&c->doc->diags, table->pos, CO_DIAG_E_VALUE,
		    "widths or align: %d entr%s for a table of %d column%s",
		    table->as.table.ngiven, table->as.table.ngiven == 1 ? "y" : "ies", width,
		    width == 1 ? "" : "s");
	/* One entry per column, auto where none is given. */
	cols = arena_alloc(c->doc->arena, (width + 1) * sizeof(*cols));
	if (table->as.table.cols != NULL)
		memcpy(cols, table->as.table.cols, MIN(table->as.table.ngiven, width) * sizeof(*cols));
	table->as.table.cols = cols;
	table->as.table.ncols = width;
}

/* A date of the metadata, as written, made ISO; dropped after a message. */
static void
check_date(struct check *c, struct co_str *out, const char *yaml_name, const char *xml_name)
{
	char		 iso[11];
	const char	*why;

	if (out->s == NULL)
		return;
	if ((why = date_parse(out->s, false, iso)) != NULL) {
		co_diag(&c->doc->diags, out->pos, CO_DIAG_E_DATE, "'%s' in %s", out->s,
		    c->xml ? xml_name : yaml_name);
		co_diag(&c->doc->diags, out->pos, CO_DIAG_HINT, "%s", why);
		out->s = NULL;
		return;
	}
	out->s = arena_strdup(c->doc->arena, iso);
}

static void
check_meta(struct check *c)
{
	struct co_meta	*m = &c->doc->meta;
	char		*name;
	int		 i;

	check_date(c, &m->date, "meta.date", "<dcterms:date>");
	check_date(c, &m->period_start, "meta.period.start", "<period start>");
	check_date(c, &m->period_end, "meta.period.end", "<period end>");
	if (m->period_start.s != NULL && m->period_end.s != NULL &&
	    strcmp(m->period_end.s, m->period_start.s) < 0)
		co_diag(&c->doc->diags, m->period_end.pos, CO_DIAG_E_PERIOD,
		    "the project ends before it starts");
	for (i = 0; i < m->napprovals; i++) {
		name = g_strdup_printf("meta.approvals item %d.date", i + 1);
		check_date(c, &m->approvals[i].date, name, "<approval date>");
		g_free(name);
	}
}

/* ---- ids and cross-references --------------------------------------- */

/* An id: a letter, then letters, digits, '-', '_', '.' or ':'. */
static bool
id_form(const char *s)
{
	if (!g_ascii_isalpha(*s))
		return false;
	for (s++; *s != '\0'; s++)
		if (!g_ascii_isalnum(*s) && strchr("-_.:", *s) == NULL)
			return false;
	return true;
}

/* Gives node "n" the id "id" (written at "pos"), once in the report. */
static void
add_id(struct check *c, const char *id, struct co_node *n, bool written)
{
	struct co_node	*had;

	if (id == NULL)
		return;
	if (!id_form(id)) {
		if (written) {
			co_diag(&c->doc->diags, n->pos, CO_DIAG_E_ID, "'%s'", id);
			co_diag(&c->doc->diags, n->pos, CO_DIAG_HINT,
			    "an id starts with a letter and holds letters, digits, '-', '_', '.' or ':'");
		}
		return;
	}
	if ((had = g_hash_table_lookup(c->ids, id)) != NULL) {
		/* A standard section's key gives way to an id the author wrote. */
		if (written) {
			co_diag(&c->doc->diags, n->pos, CO_DIAG_E_ID, "'%s' is given twice", id);
			co_diag(&c->doc->diags, had->pos, CO_DIAG_HINT, "it is first given here");
		}
		return;
	}
	g_hash_table_insert(c->ids, (gpointer)id, n);
	g_ptr_array_add(c->names, (gpointer)id);
}

/* Every target of a cross-reference, by its id. */
static void
collect_ids(struct check *c)
{
	struct co_node	*n, *root = c->doc->root;

	/* Ids the author wrote first: they win over standard keys and note labels. */
	for (n = root; n != NULL; n = (struct co_node *)model_next(n, root)) {
		if (n->kind == CO_KIND_SECTION)
			add_id(c, n->as.section.id, n, true);
		else if (n->kind == CO_KIND_TABLE)
			add_id(c, n->as.table.id, n, true);
		else if (n->kind == CO_KIND_FIGURE)
			add_id(c, n->as.figure.id, n, true);
		else if (n->kind == CO_KIND_RECORD &&
		    n->parent->as.records.rec == CO_REC_REFERENCES) {
			/* A reference's id makes it a target: [](#id) prints "[3]". */
			const struct co_node *f = model_field(n, "id");
			if (f != NULL)
				add_id(c, f->as.field.value, n, true);
		}
	}
	for (n = root; n != NULL; n = (struct co_node *)model_next(n, root)) {
		if (n->kind == CO_KIND_SECTION && n->as.section.role != CO_ROLE_CUSTOM)
			add_id(c, model_roles[n->as.section.role].key, n, false);
		else if (n->kind == CO_KIND_NOTE)
			add_id(c, n->as.note.label, n, false);
	}
}

static void
check_xref(struct check *c, struct co_node *x)
{
	const char	*near;

	x->as.xref.target = g_hash_table_lookup(c->ids, x->as.xref.id);
	if (x->as.xref.target != NULL) {
		if (x->as.xref.target->kind == CO_KIND_TABLE &&
		    x->as.xref.target->as.table.caption == NULL && x->first == NULL) {
			co_diag(&c->doc->diags, x->pos, CO_DIAG_E_XREF,
			    "table '#%s' has no caption, so it has no number", x->as.xref.id);
			co_diag(&c->doc->diags, x->pos, CO_DIAG_HINT,
			    "give the table a caption, or write the link's own text: [the table](#%s)",
			    x->as.xref.id);
		}
		return;
	}
	co_diag(&c->doc->diags, x->pos, CO_DIAG_E_XREF, "'#%s' is no id in this report",
	    x->as.xref.id);
	g_ptr_array_add(c->names, NULL);
	near = diag_nearest(x->as.xref.id, (const char *const *)c->names->pdata);
	g_ptr_array_set_size(c->names, c->names->len - 1);
	if (near != NULL)
		co_diag(&c->doc->diags, x->pos, CO_DIAG_HINT, "did you mean '#%s'?", near);
	else
		co_diag(&c->doc->diags, x->pos, CO_DIAG_HINT,
		    "give the section, table, figure or annex 'id: %s', or link to one that has an id",
		    x->as.xref.id);
}

/* ---- figures ---------------------------------------------------------- */

/*
 * A figure's file: in the report's folder, an image we draw, not too big;
 * its SHA-256 for the archive.  What is wrong is said here, once; the
 * layout then sets the caption without the image.
 */
static void
check_figure(struct check *c, struct co_node *fig)
{
	const char	*file = fig->as.figure.file, *why = NULL;
	char		*path, *data = NULL;
	gsize		 len;
	GStatBuf	 st;

	if (fig->as.figure.alt == NULL) {
		co_diag(&c->doc->diags, fig->pos, CO_DIAG_W_ALT, "the figure '%s'", file);
		co_diag(&c->doc->diags, fig->pos, CO_DIAG_HINT, c->xml ?
		    "give it <alt>, a sentence that says what the image shows" :
		    "say what the image shows for who cannot see it: ![what it shows](file) or 'alt:'");
	}
	if (*file == '\0')
		return;		/* said by the loader */
	path = doc_path_inside(c->dir, file, true);
	if (!g_str_has_suffix(file, ".png") && !g_str_has_suffix(file, ".jpg") &&
	    !g_str_has_suffix(file, ".jpeg") && !g_str_has_suffix(file, ".svg"))
		why = "it must be a PNG, JPEG or SVG file";
	else if (path == NULL)
		why = "it is outside the report's folder";
	else if (g_stat(path, &st) != 0)
		why = "there is no such file";
	else if (!S_ISREG(st.st_mode))
		why = "it is not a regular file";
	else if (st.st_size > MAX_FIGURE_BYTES)
		why = "it is larger than 16 MiB";
	else if (!g_file_get_contents(path, &data, &len, NULL))
		why = "it cannot be read";
	if (why != NULL)
		co_diag(&c->doc->diags, fig->pos, CO_DIAG_W_FIGURE, "'%s': %s", file, why);
	else {
		char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
		fig->as.figure.sha256 = arena_strdup(c->doc->arena, sum);
		g_free(sum);
	}
	g_free(data);
	g_free(path);
}

/* ---- empty sections ----------------------------------------------------- */

/* Something a reader sees: content, or a subsection that has some. */
static bool
has_content(const struct co_node *s)
{
	const struct co_node	*n;

	for (n = s->first; n != NULL; n = n->next) {
		if (n->kind == CO_KIND_SECTION) {
			if (has_content(n))
				return true;
		} else if (n->kind != CO_KIND_RECORDS || n->first != NULL)
			return true;
	}
	return false;
}

/*
 * A section with nothing in it gets no heading (a bare heading sat on the
 * next chapter's) and no number: said once, at the outermost such one.
 */
static void
check_empty(struct check *c, struct co_node *parent)
{
	struct co_node	*s;

	for (s = parent->first; s != NULL; s = s->next) {
		if (s->kind != CO_KIND_SECTION)
			continue;
		if (!has_content(s)) {
			struct co_node *k;
			for (k = s; k != NULL; k = (struct co_node *)model_next(k, s))
				if (k->kind == CO_KIND_SECTION)
					k->as.section.empty = true;
			/* Emptied by a mistake already said: no second message. */
			if (c->doc->diags.worst >= CO_LEVEL_ERROR)
				continue;
			co_diag(&c->doc->diags, s->pos, CO_DIAG_W_EMPTY_SECTION,
			    "%s%s%s has nothing in it, so its heading is left out",
			    s->as.section.title != NULL ? "'" : "",
			    s->as.section.title != NULL ? s->as.section.title :
			    model_roles[s->as.section.role].key != NULL ?
			    model_roles[s->as.section.role].key : "a section",
			    s->as.section.title != NULL ? "'" : "");
		} else
			check_empty(c, s);
	}
}

/* A paragraph is set as a whole: its limit (prose.h). */
static void
check_paragraph_size(struct check *c, const struct co_node *para)
{
	const struct co_node	*n;
	size_t			 len = 0;

	for (n = para->first; n != NULL; n = model_next(n, para))
		if ((n->kind == CO_KIND_TEXT || n->kind == CO_KIND_CODE) &&
		    n->as.text.str != NULL)
			len += strlen(n->as.text.str);
	if (len <= PROSE_MAX_PARAGRAPH)
		return;
	co_diag(&c->doc->diags, para->pos, CO_DIAG_E_TOO_LONG,
	    "%zu bytes of text in one paragraph; the limit is %d (16 KiB)", len,
	    PROSE_MAX_PARAGRAPH);
	co_diag(&c->doc->diags, para->pos, CO_DIAG_HINT,
	    "split it into paragraphs, with an empty line between them");
}

/* The sum of field "key" over the lines of money table "recs", in cents. */
static int64_t
money_sum(const struct co_node *recs, const char *key)
{
	const struct co_node	*rec, *f;
	int64_t			 sum = 0, cents;

	for (rec = recs->first; rec != NULL; rec = rec->next)
		if ((f = model_field(rec, key)) != NULL && amount_parse(f->as.field.value, &cents))
			sum += cents;
	return sum;
}

/*
 * Funding sources that add up to neither the planned nor the actual
 * budget are most likely a typing mistake: said at the funding table, with
 * the sums.  The budget is the budget table, else the budget by partner.
 */
static void
check_funding(struct check *c)
{
	const struct co_node	*n, *funding = NULL, *budget = NULL, *partners = NULL;
	int64_t			 have, planned, actual;
	char			*a, *b, *d;

	for (n = c->doc->root; n != NULL; n = model_next(n, c->doc->root)) {
		if (n->kind != CO_KIND_RECORDS || n->first == NULL)
			continue;
		if (n->as.records.rec == CO_REC_FUNDING && funding == NULL)
			funding = n;
		else if (n->as.records.rec == CO_REC_BUDGET && budget == NULL)
			budget = n;
		else if (n->as.records.rec == CO_REC_PARTNER_BUDGET && partners == NULL)
			partners = n;
	}
	if (budget == NULL)
		budget = partners;
	if (funding == NULL || budget == NULL ||
	    strcmp(funding->as.records.currency, budget->as.records.currency) != 0)
		return;
	have = money_sum(funding, "amount");
	planned = money_sum(budget, "planned");
	actual = money_sum(budget, "actual");
	if (have == planned || (have == actual && actual != 0))
		return;
	/* Messages are English: so are their figures. */
	a = amount_format(have, CO_LANG_EN);
	b = amount_format(planned, CO_LANG_EN);
	d = amount_format(actual, CO_LANG_EN);
	co_diag(&c->doc->diags, funding->pos, CO_DIAG_W_FUNDING,
	    "the funding sources add up to %s %s, the budget to %s planned and %s actual",
	    a, funding->as.records.currency, b, d);
	co_diag(&c->doc->diags, budget->pos, CO_DIAG_HINT, "the budget is here");
	g_free(a);
	g_free(b);
	g_free(d);
}

void
validate_doc(struct co_doc *doc)
{
	struct check	 c;
	struct co_node	*n, *rec, *next;

	c.doc = doc;
	c.xml = doc->input == CO_INPUT_XML;
	c.ids = g_hash_table_new(g_str_hash, g_str_equal);
	c.names = g_ptr_array_new();
	c.dir = g_path_get_dirname(doc->path);
	check_meta(&c);
	collect_ids(&c);
	check_empty(&c, doc->root);
	for (n = doc->root; n != NULL; n = (struct co_node *)model_next(n, doc->root)) {
		switch (n->kind) {
		case CO_KIND_RECORDS:
			for (rec = n->first; rec != NULL; rec = next) {
				next = rec->next;
				check_record(&c, rec);
			}
			/* An empty section says it for its empty table. */
			if (n->first == NULL && !(n->parent->kind == CO_KIND_SECTION &&
			    n->parent->as.section.empty))
				co_diag(&doc->diags, n->pos, CO_DIAG_W_EMPTY_TABLE, "%s has no rows",
				    n->as.records.where);
			break;
		case CO_KIND_TABLE:
			check_table(&c, n);
			break;
		case CO_KIND_FIGURE:
			check_figure(&c, n);
			break;
		case CO_KIND_XREF:
			check_xref(&c, n);
			break;
		case CO_KIND_PARA:
		case CO_KIND_ATTRIBUTION:
		case CO_KIND_TERM:
			check_paragraph_size(&c, n);
			break;
		case CO_KIND_DOC:
		case CO_KIND_SECTION:
		case CO_KIND_LIST:
		case CO_KIND_ITEM:
		case CO_KIND_ROW:
		case CO_KIND_CELL:
		case CO_KIND_RECORD:
		case CO_KIND_FIELD:
		case CO_KIND_QUOTE:
		case CO_KIND_CODEBLOCK:
		case CO_KIND_NOTE:
		case CO_KIND_DEFLIST:
		case CO_KIND_DEFINITION:
		case CO_KIND_RULE:
		case CO_KIND_TEXT:
		case CO_KIND_EMPH:
		case CO_KIND_STRONG:
		case CO_KIND_LINK:
		case CO_KIND_CODE:
		case CO_KIND_STRIKE:
		case CO_KIND_BREAK:
		case CO_KIND_NOTEREF:
		case CO_KIND__MAX:
			break;
		}
	}
	if (doc->diags.worst < CO_LEVEL_ERROR)
		check_funding(&c);
	g_hash_table_destroy(c.ids);
	g_ptr_array_free(c.names, TRUE);
	g_free(c.dir);
}
