/* render_xml.c: writes the archival XML from the model with libxml2's xmlTextWriter. */
#include <glib.h>
#include <string.h>
#include <libxml/xmlwriter.h>

#include "model.h"
#include "text.h"
#include "xmlns.h"

struct xw {
	xmlTextWriterPtr	 w;		/* the writer */
	int			 depth;		/* indentation level */
	const struct co_doc	*doc;		/* what we write */
};

#define X(s) ((const xmlChar *)(s))

static void
newline(struct xw *x)
{
	int	 i;

	xmlTextWriterWriteRaw(x->w, X("\n"));
	for (i = 0; i < x->depth; i++)
		xmlTextWriterWriteRaw(x->w, X("  "));
}

static void
open_block(struct xw *x, const char *name)
{
	newline(x);
	xmlTextWriterStartElement(x->w, X(name));
	x->depth++;
}

static void
close_block(struct xw *x)
{
	x->depth--;
	newline(x);
	xmlTextWriterEndElement(x->w);
}

static void
leaf(struct xw *x, const char *name, const char *text)
{
	if (text == NULL)
		return;
	newline(x);
	xmlTextWriterWriteElement(x->w, X(name), X(text));
}

static void
dc(struct xw *x, const char *name, const char *text)
{
	if (text == NULL)
		return;
	newline(x);
	xmlTextWriterWriteElementNS(x->w, X("dcterms"), X(name), NULL, X(text));
}

static void
attr(struct xw *x, const char *name, const char *value)
{
	if (value != NULL)
		xmlTextWriterWriteAttribute(x->w, X(name), X(value));
}

static void	write_block(struct xw *, const struct co_node *);

/* An integer attribute. */
static void
attr_int(struct xw *x, const char *name, long v)
{
	char	*s = g_strdup_printf("%ld", v);

	attr(x, name, s);
	g_free(s);
}

/* Inline children of "n", written without any added white space. */
static void
write_inline(struct xw *x, const struct co_node *n)
{
	const struct co_node	*c;

	for (c = n->first; c != NULL; c = c->next) {
		switch (c->kind) {
		case CO_KIND_TEXT:
			xmlTextWriterWriteString(x->w, X(c->as.text.str));
			break;
		case CO_KIND_EMPH:
		case CO_KIND_STRONG:
		case CO_KIND_STRIKE:
			xmlTextWriterStartElement(x->w, X(c->kind == CO_KIND_EMPH ? "em" :
			    c->kind == CO_KIND_STRONG ? "strong" : "del"));
			write_inline(x, c);
			xmlTextWriterFullEndElement(x->w);
			break;
		case CO_KIND_LINK:
			xmlTextWriterStartElement(x->w, X("link"));
			attr(x, "href", c->as.link.href);
			write_inline(x, c);
			xmlTextWriterFullEndElement(x->w);
			break;
		case CO_KIND_CODE:
			xmlTextWriterWriteElement(x->w, X("code"), X(c->as.text.str));
			break;
		case CO_KIND_BREAK:
			xmlTextWriterStartElement(x->w, X("br"));
			xmlTextWriterEndElement(x->w);
			break;
		case CO_KIND_NOTEREF:
			xmlTextWriterStartElement(x->w, X("noteref"));
			attr_int(x, "number", c->as.noteref.note->as.note.number);
			xmlTextWriterEndElement(x->w);
			break;
		case CO_KIND_XREF:
			xmlTextWriterStartElement(x->w, X("xref"));
			attr(x, "ref", c->as.xref.id);
			if (c->as.xref.page)
				attr(x, "page", "true");
			write_inline(x, c);
			xmlTextWriterFullEndElement(x->w);
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
		case CO_KIND_QUOTE:
		case CO_KIND_ATTRIBUTION:
		case CO_KIND_CODEBLOCK:
		case CO_KIND_FIGURE:
		case CO_KIND_NOTE:
		case CO_KIND_DEFLIST:
		case CO_KIND_TERM:
		case CO_KIND_DEFINITION:
		case CO_KIND_RULE:
		case CO_KIND__MAX:
			break;
		}
	}
}

static void
inline_element(struct xw *x, const char *name, const struct co_node *n)
{
	newline(x);
	xmlTextWriterStartElement(x->w, X(name));
	write_inline(x, n);
	xmlTextWriterFullEndElement(x->w);
}

/*
 * An element of flow content (an item, a cell, a field, a note): one
 * paragraph is written as its inline content, as format 1 wrote it; more,
 * or other blocks, as blocks.
 */
static void
flow_element(struct xw *x, const char *name, const struct co_node *n,
    void (*attrs)(struct xw *, const struct co_node *))
{
	const struct co_node	*c;

	if (n->first == NULL || (n->first == n->last && n->first->kind == CO_KIND_PARA)) {
		newline(x);
		xmlTextWriterStartElement(x->w, X(name));
		if (attrs != NULL)
			attrs(x, n);
		if (n->first != NULL)
			write_inline(x, n->first);
		xmlTextWriterFullEndElement(x->w);
		return;
	}
	open_block(x, name);
	if (attrs != NULL)
		attrs(x, n);
	for (c = n->first; c != NULL; c = c->next)
		write_block(x, c);
	close_block(x);
}

/* Derived totals of a money table, for readers; ignored when read back. */
static void
write_totals(struct xw *x, const struct co_node *recs)
{
	char	*p, *a, *v;

	newline(x);
	xmlTextWriterStartElement(x->w, X("total"));
	if (recs->as.records.rec == CO_REC_FUNDING) {
		p = amount_canonical(recs->as.records.amount);
		attr(x, "amount", p);
		g_free(p);
		xmlTextWriterEndElement(x->w);
		return;
	}
	p = amount_canonical(recs->as.records.planned);
	attr(x, "planned", p);
	if (recs->as.records.has_actual) {
		a = amount_canonical(recs->as.records.actual);
		v = amount_canonical(recs->as.records.actual - recs->as.records.planned);
		attr(x, "actual", a);
		attr(x, "variance", v);
		g_free(a);
		g_free(v);
	}
	g_free(p);
	xmlTextWriterEndElement(x->w);
}

static void
write_records(struct xw *x, const struct co_node *recs)
{
	const struct co_rec_spec	*spec = &model_recs[recs->as.records.rec];
	enum co_rec			 type = recs->as.records.rec;
	const struct co_node		*rec, *f;

	open_block(x, spec->xml);
	if (spec->money)
		attr(x, "currency", recs->as.records.currency);
	for (rec = recs->first; rec != NULL; rec = rec->next) {
		open_block(x, spec->item);
		if (type == CO_REC_PROPOSALS || type == CO_REC_REFERENCES)
			attr_int(x, "number", rec->as.record.number);
		for (f = rec->first; f != NULL; f = f->next) {
			const char *key = spec->fields[f->as.field.index].key;
			if (f->as.field.value != NULL)
				leaf(x, key, f->as.field.value);
			else
				flow_element(x, key, f, NULL);
		}
		close_block(x);
	}
	if (spec->money && recs->first != NULL)
		write_totals(x, recs);
	close_block(x);
}

static void
cell_attrs(struct xw *x, const struct co_node *cell)
{
	if (cell->as.cell.span > 1)
		attr_int(x, "span", cell->as.cell.span);
}

static void
note_attrs(struct xw *x, const struct co_node *note)
{
	attr_int(x, "number", note->as.note.number);
	attr(x, "label", note->as.note.label);
}

static void
write_table(struct xw *x, const struct co_node *n)
{
	static const char *const aligns[] = { "auto", "left", "right", "center" };
	const struct co_node	*c, *cell;
	char			*w;
	int			 i;

	open_block(x, "table");
	if (n->as.table.number > 0)
		attr_int(x, "number", n->as.table.number);
	attr(x, "id", n->as.table.id);
	leaf(x, "caption", n->as.table.caption);
	/* Column widths and alignments as the author gave them. */
	for (i = 0; i < n->as.table.ngiven && i < n->as.table.ncols; i++) {
		newline(x);
		xmlTextWriterStartElement(x->w, X("col"));
		if (n->as.table.cols[i].width > 0) {
			w = g_strdup_printf("%g", n->as.table.cols[i].width);
			attr(x, "width", w);
			g_free(w);
		}
		if (n->as.table.cols[i].align != CO_ALIGN_AUTO)
			attr(x, "align", aligns[n->as.table.cols[i].align]);
		xmlTextWriterEndElement(x->w);
	}
	for (c = n->first; c != NULL; c = c->next) {
		open_block(x, c->as.row.header ? "head" : "row");
		if (c->as.row.total)
			attr(x, "total", "true");
		for (cell = c->first; cell != NULL; cell = cell->next)
			flow_element(x, "cell", cell, cell_attrs);
		close_block(x);
	}
	close_block(x);
}

static void
write_figure(struct xw *x, const struct co_node *n)
{
	char	*w;

	open_block(x, "figure");
	attr_int(x, "number", n->as.figure.number);
	attr(x, "id", n->as.figure.id);
	attr(x, "file", n->as.figure.file);
	attr(x, "sha256", n->as.figure.sha256);
	if (n->as.figure.width > 0) {
		w = g_strdup_printf("%g", n->as.figure.width);
		attr(x, "width", w);
		g_free(w);
	}
	leaf(x, "alt", n->as.figure.alt);
	if (n->first != NULL)
		inline_element(x, "caption", n);
	close_block(x);
}

static void
write_block(struct xw *x, const struct co_node *n)
{
	const struct co_node	*c;

	switch (n->kind) {
	case CO_KIND_SECTION:
		open_block(x, "section");
		if (n->as.section.role != CO_ROLE_CUSTOM)
			attr(x, "role", model_roles[n->as.section.role].key);
		/* A summary in another language says so, and which. */
		if (n->as.section.kind == CO_SEC_ABSTRACT && n->parent->kind == CO_KIND_DOC) {
			attr(x, "kind", "abstract");
			attr(x, "xml:lang", model_lang_codes[n->as.section.lang]);
		}
		attr(x, "number", n->as.section.number);
		attr(x, "id", n->as.section.id);
		leaf(x, "title", n->as.section.title);
		for (c = n->first; c != NULL; c = c->next)
			write_block(x, c);
		close_block(x);
		break;
	case CO_KIND_PARA:
		inline_element(x, "p", n);
		break;
	case CO_KIND_LIST:
		open_block(x, "list");
		attr(x, "type", n->as.list.ordered ? "numbered" : "bullet");
		if (n->as.list.ordered && n->as.list.start != 1)
			attr_int(x, "start", n->as.list.start);
		if (!n->as.list.tight)
			attr(x, "spacing", "loose");
		for (c = n->first; c != NULL; c = c->next)
			flow_element(x, "item", c, NULL);
		close_block(x);
		break;
	case CO_KIND_TABLE:
		write_table(x, n);
		break;
	case CO_KIND_RECORDS:
		write_records(x, n);
		break;
	case CO_KIND_QUOTE:
		open_block(x, "quote");
		for (c = n->first; c != NULL; c = c->next)
			if (c->kind == CO_KIND_ATTRIBUTION)
				inline_element(x, "attribution", c);
			else
				write_block(x, c);
		close_block(x);
		break;
	case CO_KIND_CODEBLOCK:
		newline(x);
		xmlTextWriterStartElement(x->w, X("pre"));
		attr(x, "info", n->as.code.info);
		xmlTextWriterWriteString(x->w, X(n->as.code.text));
		xmlTextWriterFullEndElement(x->w);
		break;
	case CO_KIND_FIGURE:
		write_figure(x, n);
		break;
	case CO_KIND_NOTE:
		flow_element(x, "footnote", n, note_attrs);
		break;
	case CO_KIND_DEFLIST:
		open_block(x, "definitions");
		for (c = n->first; c != NULL; c = c->next)
			if (c->kind == CO_KIND_TERM)
				inline_element(x, "term", c);
			else
				flow_element(x, "definition", c, NULL);
		close_block(x);
		break;
	case CO_KIND_RULE:
		newline(x);
		xmlTextWriterStartElement(x->w, X("rule"));
		xmlTextWriterEndElement(x->w);
		break;
	case CO_KIND_DOC:
	case CO_KIND_ITEM:
	case CO_KIND_ROW:
	case CO_KIND_CELL:
	case CO_KIND_RECORD:
	case CO_KIND_FIELD:
	case CO_KIND_ATTRIBUTION:
	case CO_KIND_TERM:
	case CO_KIND_DEFINITION:
	case CO_KIND_TEXT:
	case CO_KIND_EMPH:
	case CO_KIND_STRONG:
	case CO_KIND_LINK:
	case CO_KIND_CODE:
	case CO_KIND_STRIKE:
	case CO_KIND_BREAK:
	case CO_KIND_NOTEREF:
	case CO_KIND_XREF:
	case CO_KIND__MAX:
		break;
	}
}

static void
write_meta(struct xw *x, const struct co_meta *m)
{
	int	 i;

	open_block(x, "metadata");
	dc(x, "title", m->title.s);
	dc(x, "alternative", m->subtitle.s);
	for (i = 0; i < m->nauthors; i++)
		dc(x, "creator", m->authors[i].name.s);
	for (i = 0; i < m->norganisations; i++)
		dc(x, "publisher", m->organisations[i].s);
	dc(x, "date", m->date.s);
	dc(x, "language", m->language.s);
	dc(x, "identifier", m->project_code.s);
	dc(x, "rights", m->publicity.s);
	for (i = 0; i < m->nkeywords; i++)
		dc(x, "subject", m->keywords[i].s);

	newline(x);
	xmlTextWriterStartElement(x->w, X("project"));
	attr(x, "code", m->project_code.s);
	xmlTextWriterWriteString(x->w, X(m->project_name.s ? m->project_name.s : ""));
	xmlTextWriterEndElement(x->w);
	leaf(x, "short-title", m->short_title.s);
	if (m->funder_name.s != NULL) {
		newline(x);
		xmlTextWriterStartElement(x->w, X("funder"));
		attr(x, "decision", m->funder_decision.s);
		attr(x, "programme", m->funder_programme.s);
		xmlTextWriterWriteString(x->w, X(m->funder_name.s));
		xmlTextWriterEndElement(x->w);
	}
	if (m->period_start.s != NULL || m->period_end.s != NULL) {
		newline(x);
		xmlTextWriterStartElement(x->w, X("period"));
		attr(x, "start", m->period_start.s);
		attr(x, "end", m->period_end.s);
		xmlTextWriterEndElement(x->w);
	}
	if (m->reporting_start.s != NULL || m->reporting_end.s != NULL) {
		newline(x);
		xmlTextWriterStartElement(x->w, X("reporting-period"));
		attr(x, "start", m->reporting_start.s);
		attr(x, "end", m->reporting_end.s);
		xmlTextWriterEndElement(x->w);
	}
	leaf(x, "version", m->version.s);
	leaf(x, "status", m->status.s);
	for (i = 0; i < m->nfacts; i++) {
		newline(x);
		xmlTextWriterStartElement(x->w, X("fact"));
		attr(x, "label", m->facts[i].label.s);
		xmlTextWriterWriteString(x->w, X(m->facts[i].value.s));
		xmlTextWriterEndElement(x->w);
	}
	for (i = 0; i < m->nauthors; i++) {
		newline(x);
		xmlTextWriterStartElement(x->w, X("author"));
		attr(x, "role", m->authors[i].role.s);
		attr(x, "organisation", m->authors[i].organisation.s);
		attr(x, "email", m->authors[i].email.s);
		xmlTextWriterWriteString(x->w, X(m->authors[i].name.s));
		xmlTextWriterEndElement(x->w);
	}
	for (i = 0; i < m->napprovals; i++) {
		newline(x);
		xmlTextWriterStartElement(x->w, X("approval"));
		attr(x, "role", m->approvals[i].role.s);
		attr(x, "date", m->approvals[i].date.s);
		xmlTextWriterWriteString(x->w, X(m->approvals[i].name.s));
		xmlTextWriterEndElement(x->w);
	}
	if (m->ack_text.s != NULL || m->nemblems > 0) {
		open_block(x, "acknowledgement");
		leaf(x, "text", m->ack_text.s);
		for (i = 0; i < m->nemblems; i++)
			leaf(x, "emblem", m->emblems[i].s);
		leaf(x, "emblem-alt", m->emblem_alt.s);
		close_block(x);
	}
	leaf(x, "logo", m->logo.s);
	leaf(x, "template", m->template.s);
	close_block(x);
}

char *
co_render_xml(const struct co_doc *doc, size_t *len)
{
	struct xw		 x;
	xmlBufferPtr		 buf;
	const struct co_node	*s;
	char			*out = NULL;

	if (doc->diags.worst >= CO_LEVEL_ERROR)
		return NULL;
	buf = xmlBufferCreate();
	memset(&x, 0, sizeof(x));
	x.doc = doc;
	x.w = xmlNewTextWriterMemory(buf, 0);
	if (x.w == NULL)
		goto out;
	xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(x.w, X("report"));
	attr(&x, "xmlns", CO_XML_NS);
	attr(&x, "xmlns:dcterms", CO_DCTERMS_NS);
	attr(&x, "version", "2");
	attr(&x, "xml:lang", model_lang_codes[doc->lang]);
	x.depth = 1;
	write_meta(&x, &doc->meta);
	/* The body, then the annexes (numbered on their own) in a part of their own. */
	open_block(&x, "body");
	for (s = doc->root->first; s != NULL && s->as.section.kind != CO_SEC_ANNEX; s = s->next)
		write_block(&x, s);
	close_block(&x);
	if (s != NULL) {
		open_block(&x, "annexes");
		for (; s != NULL; s = s->next)
			write_block(&x, s);
		close_block(&x);
	}
	x.depth = 0;
	newline(&x);
	xmlTextWriterEndElement(x.w);
	xmlTextWriterEndDocument(x.w);
	xmlFreeTextWriter(x.w);
	out = g_strndup((const char *)xmlBufferContent(buf), xmlBufferLength(buf));
	if (len != NULL)
		*len = xmlBufferLength(buf);
out:
	xmlBufferFree(buf);
	return out;
}
