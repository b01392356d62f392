/* render_tree.c: indented text dumps of the model (-t tree) and of the pages (-t layout), diffed by the golden tests. */
#include <glib.h>

#include "layout.h"
#include "model.h"

/* A string as the dump shows it: in quotes, line ends and quotes escaped. */
static void
quoted(GString *out, const char *s)
{
	g_string_append(out, " \"");
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\n')
			g_string_append(out, "\\n");
		else {
			if (*s == '"' || *s == '\\')
				g_string_append_c(out, '\\');
			g_string_append_c(out, *s);
		}
	}
	g_string_append_c(out, '"');
}

static void
dump_attrs(GString *out, const struct co_node *n)
{
	int	 i;

	switch (n->kind) {
	case CO_KIND_SECTION:
		g_string_append_printf(out, " %s", n->as.section.empty ? "(empty)" :
		    n->as.section.number);
		quoted(out, n->as.section.title);
		if (n->as.section.role != CO_ROLE_CUSTOM)
			g_string_append_printf(out, " (%s)", model_roles[n->as.section.role].key);
		if (n->as.section.id != NULL)
			g_string_append_printf(out, " #%s", n->as.section.id);
		break;
	case CO_KIND_LIST:
		g_string_append_printf(out, " %s", n->as.list.ordered ? "numbered" : "bullet");
		if (n->as.list.ordered)
			g_string_append_printf(out, " from %d", n->as.list.start);
		if (n->as.list.tight)
			g_string_append(out, " tight");
		break;
	case CO_KIND_TABLE:
		if (n->as.table.number > 0)
			g_string_append_printf(out, " %d", n->as.table.number);
		if (n->as.table.caption != NULL)
			quoted(out, n->as.table.caption);
		if (n->as.table.id != NULL)
			g_string_append_printf(out, " #%s", n->as.table.id);
		for (i = 0; i < n->as.table.ngiven && n->as.table.cols != NULL; i++)
			g_string_append_printf(out, " col%d=%g/%d", i + 1, n->as.table.cols[i].width,
			    (int)n->as.table.cols[i].align);
		break;
	case CO_KIND_ROW:
		if (n->as.row.header)
			g_string_append(out, " header");
		if (n->as.row.total)
			g_string_append(out, " total");
		break;
	case CO_KIND_CELL:
		if (n->as.cell.span > 1)
			g_string_append_printf(out, " span %d", n->as.cell.span);
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
	case CO_KIND_FIGURE:
		g_string_append_printf(out, " %d", n->as.figure.number);
		quoted(out, n->as.figure.file);
		if (n->as.figure.alt != NULL) {
			g_string_append(out, " alt");
			quoted(out, n->as.figure.alt);
		}
		if (n->as.figure.width > 0)
			g_string_append_printf(out, " width %g", n->as.figure.width);
		if (n->as.figure.id != NULL)
			g_string_append_printf(out, " #%s", n->as.figure.id);
		if (n->as.figure.sha256 != NULL)
			g_string_append_printf(out, " sha256 %.12s", n->as.figure.sha256);
		break;
	case CO_KIND_NOTE:
		g_string_append_printf(out, " %d [^%s]", n->as.note.number, n->as.note.label);
		break;
	case CO_KIND_NOTEREF:
		g_string_append_printf(out, " %d", n->as.noteref.note->as.note.number);
		break;
	case CO_KIND_CODEBLOCK:
		if (n->as.code.info != NULL)
			g_string_append_printf(out, " (%s)", n->as.code.info);
		quoted(out, n->as.code.text);
		break;
	case CO_KIND_XREF:
		g_string_append_printf(out, " #%s%s", n->as.xref.id, n->as.xref.page ? " page" : "");
		if (n->as.xref.target != NULL)
			g_string_append_printf(out, " -> %s", model_kind_names[n->as.xref.target->kind]);
		break;
	case CO_KIND_TEXT:
	case CO_KIND_CODE:
		quoted(out, n->as.text.str);
		break;
	case CO_KIND_LINK:
		g_string_append_printf(out, " <%s>", n->as.link.href);
		break;
	case CO_KIND_DOC:
	case CO_KIND_PARA:
	case CO_KIND_ITEM:
	case CO_KIND_QUOTE:
	case CO_KIND_ATTRIBUTION:
	case CO_KIND_DEFLIST:
	case CO_KIND_TERM:
	case CO_KIND_DEFINITION:
	case CO_KIND_RULE:
	case CO_KIND_EMPH:
	case CO_KIND_STRONG:
	case CO_KIND_STRIKE:
	case CO_KIND_BREAK:
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
		dump_attrs(out, n);
		g_string_append_c(out, '\n');
	}
	if (len != NULL)
		*len = out->len;
	return g_string_free(out, FALSE);
}

/* ---- the pages (-t layout) ------------------------------------------- */

static const char *const item_names[LAY__MAX] = {
	"text",		/* LAY_TEXT */
	"rect",		/* LAY_RECT */
	"line",		/* LAY_LINE */
	"dots",		/* LAY_DOTS */
	"dest",		/* LAY_DEST */
	"outline",	/* LAY_OUTLINE */
	"tag",		/* LAY_TAG_BEGIN */
	"end",		/* LAY_TAG_END */
	"image",	/* LAY_IMAGE */
};

/* Appends the characters of lines [first, first + n) of "t", at most "max" of them. */
static void
append_excerpt(GString *out, struct measurer *m, const struct lay_text *t, int first,
    int n, long max)
{
	const struct lay_run	*runs;
	char			*error = NULL;
	GString			*s = g_string_new(NULL);
	const char		*p;
	int			 i, k;

	if ((runs = measure_runs(m, t, &error)) == NULL) {
		g_string_append_printf(out, " (%s)", error);
		g_free(error);
		g_string_free(s, TRUE);
		return;
	}
	for (i = first; i < first + n; i++) {
		if (i > first)
			g_string_append(s, " / ");
		for (k = t->line_run[i]; k < t->line_run[i + 1]; k++)
			g_string_append_len(s, runs[k].text, runs[k].ntext);
	}
	g_string_append(out, " \"");
	for (p = s->str, i = 0; *p != '\0' && i < max; p = g_utf8_next_char(p), i++) {
		gunichar c = g_utf8_get_char(p);
		if (c == 0xad)
			continue;	/* soft hyphens: unseen */
		if (c == '"' || c == '\\')
			g_string_append_c(out, '\\');
		if (c == '\n')
			g_string_append(out, "\\n");
		else
			g_string_append_unichar(out, c);
	}
	g_string_append(out, *p != '\0' ? "…\"" : "\"");
	g_string_free(s, TRUE);
}

char *
layout_dump(const struct co_pages *pages)
{
	GString			*out = g_string_new(NULL);
	const struct lay_item	*it;
	guint			 i, k;
	int			 depth;

	for (i = 0; i < pages->pages->len; i++) {
		const struct lay_page *pg = g_ptr_array_index(pages->pages, i);
		g_string_append_printf(out, "page %u %.1fx%.1f%s\n", i + 1, pg->width,
		    pg->height, pg->cover ? " cover" : "");
		depth = 1;
		for (k = 0; k < pg->items->len; k++) {
			it = &g_array_index(pg->items, struct lay_item, k);
			if (it->kind == LAY_TAG_END && depth > 1)
				depth--;
			g_string_append_printf(out, "%*s%s", 2 * depth, "", item_names[it->kind]);
			switch (it->kind) {
			case LAY_TEXT:
				g_string_append_printf(out, " %.1f %.1f lines %d+%d h %.1f",
				    it->x, it->y, it->first, it->n,
				    it->text->bottom[it->first + it->n - 1] -
				    it->text->top[it->first]);
				append_excerpt(out, pages->measure, it->text, it->first, it->n, 60);
				break;
			case LAY_RECT:
			case LAY_IMAGE:
				g_string_append_printf(out, " %.1f %.1f %.1fx%.1f", it->x, it->y,
				    it->w, it->h);
				break;
			case LAY_LINE:
			case LAY_DOTS:
				g_string_append_printf(out, " %.1f %.1f to %.1f %.1f", it->x, it->y,
				    it->x + it->w, it->y + it->h);
				break;
			case LAY_DEST:
				g_string_append_printf(out, " %s %.1f %.1f", it->dest, it->x, it->y);
				break;
			case LAY_OUTLINE:
				g_string_append_printf(out, " %d \"%s\" %s", it->level, it->tag,
				    it->dest);
				break;
			case LAY_TAG_BEGIN:
			case LAY_TAG_END:
				g_string_append_printf(out, " %s", it->tag);
				break;
			case LAY__MAX:
				break;
			}
			/* What is not content, and what an element carries for the PDF. */
			if (it->artifact != LAY_CONTENT)
				g_string_append(out, it->artifact == LAY_PAGINATION ? " ~pagination" :
				    " ~layout");
			if (it->kind == LAY_TAG_BEGIN && it->attr != NULL)
				g_string_append_printf(out, " [%s]", it->attr);
			if (it->kind == LAY_TAG_BEGIN && it->lang != NULL)
				g_string_append_printf(out, " lang=%s", it->lang);
			if (it->kind == LAY_TAG_BEGIN && it->dest != NULL)
				g_string_append_printf(out, " -> %s", it->dest);
			g_string_append_c(out, '\n');
			if (it->kind == LAY_TAG_BEGIN)
				depth++;
		}
	}
	return g_string_free(out, FALSE);
}
