/*
 * validate.c: the report format's rules, checked on the finished model,
 * the same for a YAML and an XML report: typed values (dates, months,
 * amounts, addresses, enumerations) normalized, required fields, a done
 * deliverable's month, table rows as long as the table, the period's order.
 * Messages name things as the input does: "risks item 1.likelihood" in
 * YAML, "<likelihood> in <risk> 1" in XML.
 */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "text.h"
#include "validate.h"

struct check {
	struct co_doc	*doc;
	bool		 xml;		/* name things as XML does */
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
check_completed(struct check *c, const struct co_node *rec, const char *status)
{
	struct co_diags	*d = &c->doc->diags;
	const char	*where = rec->as.record.where;

	if (status != NULL && strcmp(status, "done") != 0)
		return;
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
			check_completed(c, rec, status);
	g_free(have);
}

/* Every row as long as the header, or as the first row when there is none. */
static void
check_table(struct check *c, const struct co_node *table)
{
	const struct co_node	*row, *cell;
	int			 width = -1, cells;

	for (row = table->first; row != NULL; row = row->next) {
		for (cells = 0, cell = row->first; cell != NULL; cell = cell->next)
			cells++;
		if (width < 0) {
			width = cells;
			continue;
		}
		if (cells != width)
			co_diag(&c->doc->diags, row->pos, CO_DIAG_E_VALUE,
			    "row length: %s has %d cell%s, the table has %d column%s",
			    row->as.row.where, cells, cells == 1 ? "" : "s", width,
			    width == 1 ? "" : "s");
	}
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

void
validate_doc(struct co_doc *doc)
{
	struct check	 c;
	struct co_node	*n, *rec, *next;

	c.doc = doc;
	c.xml = doc->input == CO_INPUT_XML;
	check_meta(&c);
	for (n = doc->root; n != NULL; n = (struct co_node *)model_next(n, doc->root)) {
		switch (n->kind) {
		case CO_KIND_RECORDS:
			for (rec = n->first; rec != NULL; rec = next) {
				next = rec->next;
				check_record(&c, rec);
			}
			if (n->first == NULL)
				co_diag(&doc->diags, n->pos, CO_DIAG_W_EMPTY_TABLE, "%s has no rows",
				    n->as.records.where);
			break;
		case CO_KIND_TABLE:
			check_table(&c, n);
			break;
		case CO_KIND_DOC:
		case CO_KIND_SECTION:
		case CO_KIND_PARA:
		case CO_KIND_LIST:
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
