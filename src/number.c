/* number.c: heading numbers (annexes on their own), default titles, record numbers and money totals. */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "number.h"
#include "text.h"

static void
number_records(struct co_node *recs)
{
	struct co_node		*rec;
	const struct co_node	*f;
	int64_t			 cents;
	int			 n = 0;

	recs->as.records.planned = 0;
	recs->as.records.actual = 0;
	recs->as.records.amount = 0;
	recs->as.records.has_actual = false;
	for (rec = recs->first; rec != NULL; rec = rec->next) {
		rec->as.record.number = ++n;
		if (!model_recs[recs->as.records.rec].money)
			continue;
		if ((f = model_field(rec, "amount")) != NULL &&
		    amount_parse(f->as.field.value, &cents))
			recs->as.records.amount += cents;
		if ((f = model_field(rec, "planned")) != NULL &&
		    amount_parse(f->as.field.value, &cents))
			recs->as.records.planned += cents;
		if ((f = model_field(rec, "actual")) != NULL &&
		    amount_parse(f->as.field.value, &cents)) {
			recs->as.records.actual += cents;
			recs->as.records.has_actual = true;
		}
	}
}

/*
 * Figures, captioned tables and footnotes are numbered through the report,
 * footnotes in the order of their first mark.
 */
static void
number_floats(struct co_doc *doc)
{
	struct co_node	*n;
	int		 figures = 0, tables = 0, notes = 0;

	for (n = doc->root; n != NULL; n = (struct co_node *)model_next(n, doc->root)) {
		if (n->kind == CO_KIND_FIGURE)
			n->as.figure.number = ++figures;
		else if (n->kind == CO_KIND_TABLE && n->as.table.caption != NULL)
			n->as.table.number = ++tables;
		else if (n->kind == CO_KIND_NOTEREF && n->as.noteref.note->as.note.number == 0)
			n->as.noteref.note->as.note.number = ++notes;
	}
}

void
number_doc(struct co_doc *doc)
{
	struct co_node	*n, *p;
	int		 counters[8] = { 0 }, annex[8] = { 0 }, *c;
	int		 level, seq = 0, i;
	GString		*num;

	number_floats(doc);
	num = g_string_new(NULL);
	for (n = doc->root; n != NULL; n = (struct co_node *)model_next(n, doc->root)) {
		if (n->kind == CO_KIND_RECORDS)
			number_records(n);
		if (n->kind != CO_KIND_SECTION)
			continue;
		level = 0;
		for (p = n; p->kind == CO_KIND_SECTION; p = p->parent)
			level++;
		n->as.section.level = level;
		if (n->as.section.title == NULL && n->as.section.role != CO_ROLE_CUSTOM) {
			n->as.section.title = i18n_title(n->as.section.role, doc->lang);
			n->as.section.title_default = true;
		}
		if (n->as.section.title == NULL)
			n->as.section.title = "";
		/* An empty section (validate.c) takes no number: its title only, in the XML. */
		if (n->as.section.empty) {
			n->as.section.number = NULL;
			n->as.section.seq = -1;
			continue;
		}
		n->as.section.seq = seq++;
		/* An abstract has no number; an annex and its subsections count on their own. */
		if (n->as.section.kind == CO_SEC_ABSTRACT) {
			n->as.section.number = NULL;
			continue;
		}
		c = n->as.section.kind == CO_SEC_ANNEX ? annex : counters;
		if (level < 8) {
			c[level - 1]++;
			for (i = level; i < 8; i++)
				c[i] = 0;
		}
		g_string_truncate(num, 0);
		for (i = 0; i < level && i < 8; i++)
			g_string_append_printf(num, "%s%d", i ? "." : "", c[i]);
		n->as.section.number = arena_strdup(doc->arena, num->str);
	}
	doc->nsections = seq;
	g_string_free(num, TRUE);
}
