/* render_tree.c: indented text dump of the model (-t tree), diffed by the golden tests. */
#include <glib.h>

#include "model.h"

static void
dump_inline_attrs(GString *out, const struct co_node *n)
{
	switch (n->kind) {
	case CO_KIND_SECTION:
		g_string_append_printf(out, " %s \"%s\"%s", n->as.section.number,
		    n->as.section.title, n->as.section.role == CO_ROLE_CUSTOM ? "" : "");
		if (n->as.section.role != CO_ROLE_CUSTOM)
			g_string_append_printf(out, " (%s)", model_roles[n->as.section.role].key);
		break;
	case CO_KIND_LIST:
		g_string_append_printf(out, " %s", n->as.list.ordered ? "numbered" : "bullet");
		if (n->as.list.ordered)
			g_string_append_printf(out, " from %d", n->as.list.start);
		break;
	case CO_KIND_TABLE:
		if (n->as.table.caption != NULL)
			g_string_append_printf(out, " \"%s\"", n->as.table.caption);
		break;
	case CO_KIND_ROW:
		if (n->as.row.header)
			g_string_append(out, " header");
		break;
	case CO_KIND_RECORDS:
		g_string_append_printf(out, " %s", model_recs[n->as.records.rec].key);
		if (n->as.records.rec == CO_REC_BUDGET)
			g_string_append_printf(out, " %s planned=%" G_GINT64_FORMAT
			    " actual=%" G_GINT64_FORMAT, n->as.records.currency,
			    n->as.records.planned, n->as.records.actual);
		break;
	case CO_KIND_RECORD:
		g_string_append_printf(out, " %d", n->as.record.number);
		break;
	case CO_KIND_FIELD:
		g_string_append_printf(out, " %s",
		    model_recs[n->parent->parent->as.records.rec].fields[n->as.field.index].key);
		if (n->as.field.value != NULL)
			g_string_append_printf(out, " = %s", n->as.field.value);
		break;
	case CO_KIND_TEXT:
		g_string_append_printf(out, " \"%s\"", n->as.text.str);
		break;
	case CO_KIND_LINK:
		g_string_append_printf(out, " <%s>", n->as.link.href);
		break;
	case CO_KIND_DOC:
	case CO_KIND_PARA:
	case CO_KIND_ITEM:
	case CO_KIND_CELL:
	case CO_KIND_EMPH:
	case CO_KIND_STRONG:
	case CO_KIND__MAX:
		break;
	}
}

char *
co_render_tree(const struct co_doc *doc, size_t *len)
{
	const struct co_node	*n, *p;
	const struct co_meta	*m = &doc->meta;
	GString			*out;
	int			 depth, i;

	out = g_string_new(NULL);
	g_string_append_printf(out, "meta title \"%s\"\n", m->title.s ? m->title.s : "");
	g_string_append_printf(out, "meta language %s date %s status %s\n",
	    model_lang_codes[doc->lang], m->date.s ? m->date.s : "-",
	    m->status.s ? m->status.s : "-");
	for (n = doc->root; n != NULL; n = model_next(n, doc->root)) {
		depth = 0;
		for (p = n->parent; p != NULL; p = p->parent)
			depth++;
		for (i = 0; i < depth; i++)
			g_string_append(out, "  ");
		g_string_append_printf(out, "%s %u:%u", model_kind_names[n->kind],
		    n->pos.line + 1, n->pos.col + 1);
		dump_inline_attrs(out, n);
		g_string_append_c(out, '\n');
	}
	if (len != NULL)
		*len = out->len;
	return g_string_free(out, FALSE);
}
