/* load_xml.c: reads our archival XML back into the model, after checking it against the XSD. */
#include <glib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "arena.h"
#include "load.h"
#include "text.h"
#include "xmlns.h"

#define X(s) ((const xmlChar *)(s))

/* libxml2's messages become ours, at the line (and column) it names. */
static void
on_xml_error(void *arg, xmlErrorPtr err)
{
	struct co_doc	*doc = arg;
	struct co_pos	 pos;
	char		*msg;

	pos.line = err->line > 0 ? err->line - 1 : 0;
	pos.col = err->int2 > 0 ? err->int2 - 1 : 0;
	msg = g_strstrip(g_strdup(err->message ? err->message : "unknown error"));
	co_diag(doc, pos, err->domain == XML_FROM_SCHEMASV ? CO_DIAG_E_SCHEMA :
	    CO_DIAG_E_SYNTAX, "%s", msg);
	g_free(msg);
}

/* Our XSD is part of the program: a broken one is silent here, reported by the caller. */
static void
on_schema_error(void *arg, xmlErrorPtr err)
{
	(void)arg;
	(void)err;
}

static bool
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static struct co_pos
node_pos(const xmlNode *n)
{
	struct co_pos	 pos;
	long		 line = xmlGetLineNo(n);

	pos.line = line > 0 ? line - 1 : 0;
	pos.col = 0;
	return pos;
}

/* Element text or attribute value copied into the arena, with its place. */
static struct co_str
content(struct co_doc *doc, const xmlNode *n)
{
	struct co_str	 s;
	xmlChar		*c;

	c = xmlNodeGetContent(n);
	s.s = arena_strdup(doc->arena, (const char *)c);
	s.pos = node_pos(n);
	xmlFree(c);
	return s;
}

static struct co_str
attribute(struct co_doc *doc, const xmlNode *n, const char *name)
{
	struct co_str	 s = { NULL, { 0, 0 } };
	xmlChar		*c;

	if ((c = xmlGetProp(n, X(name))) != NULL) {
		s.s = arena_strdup(doc->arena, (const char *)c);
		s.pos = node_pos(n);
		xmlFree(c);
	}
	return s;
}

/* Text waiting to become one node: runs split by comments or CDATA join first. */
static void
flush_text(struct co_doc *doc, struct co_node *parent, GString *buf, struct co_pos pos)
{
	model_add_text(doc, parent, buf->str, buf->len, pos);
	g_string_truncate(buf, 0);
}

static void
read_inline(struct co_doc *doc, struct co_node *parent, const xmlNode *el)
{
	const xmlNode	*c;
	struct co_node	*span;
	xmlChar		*href;
	GString		*buf;

	buf = g_string_new(NULL);
	for (c = el->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			g_string_append(buf, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		flush_text(doc, parent, buf, node_pos(el));
		if (is(c, "em") || is(c, "strong")) {
			span = model_add(doc, parent, is(c, "em") ? CO_KIND_EMPH :
			    CO_KIND_STRONG, node_pos(c));
			read_inline(doc, span, c);
		} else if (is(c, "link")) {
			href = xmlGetProp(c, X("href"));
			/* The same rule as in YAML: http, https and mailto only. */
			if (href == NULL || !href_valid((const char *)href)) {
				co_diag(doc, node_pos(c), CO_DIAG_E_URL, "'%s' in <link>",
				    href ? (const char *)href : "");
				xmlFree(href);
				continue;
			}
			span = model_add(doc, parent, CO_KIND_LINK, node_pos(c));
			span->as.link.href = arena_strdup(doc->arena, (const char *)href);
			xmlFree(href);
			read_inline(doc, span, c);
		}
	}
	flush_text(doc, parent, buf, node_pos(el));
	g_string_free(buf, TRUE);
}

/* Scalar field values pass the same checks as in YAML, then keep their canonical form. */
static const char *
field_value(struct co_doc *doc, const struct co_field_spec *f, const xmlNode *el)
{
	struct co_str	 s = content(doc, el);
	char		 iso[11], *tmp;
	const char	*v;
	int64_t		 cents;
	int		 i;

	switch (f->type) {
	case CO_FTYPE_DATE:
	case CO_FTYPE_MONTH:
		if (date_parse(s.s, f->type == CO_FTYPE_MONTH, iso) != NULL)
			break;
		return arena_strdup(doc->arena, iso);
	case CO_FTYPE_AMOUNT:
		if (!amount_parse(s.s, &cents))
			break;
		tmp = amount_canonical(cents);
		v = arena_strdup(doc->arena, tmp);
		g_free(tmp);
		return v;
	case CO_FTYPE_ENUM:
		for (i = 0; f->values[i] != NULL; i++)
			if (strcmp(f->values[i], s.s) == 0)
				return f->values[i];
		break;
	case CO_FTYPE_EMAIL:
		if (!email_valid(s.s))
			break;
		return s.s;
	case CO_FTYPE_URL:
		if (!url_valid(s.s))
			break;
		return s.s;
	case CO_FTYPE_TEXT:
		return NULL;
	}
	co_diag(doc, s.pos, CO_DIAG_E_VALUE, "'%s' in <%s>", s.s, f->key);
	return NULL;
}

static void
read_records(struct co_doc *doc, struct co_node *section, enum co_rec type,
    const xmlNode *el)
{
	const struct co_rec_spec	*spec = &model_recs[type];
	struct co_node			*recs, *rec, *field;
	const xmlNode			*r, *f;
	xmlChar				*cur;
	int				 i;

	recs = model_add(doc, section, CO_KIND_RECORDS, node_pos(el));
	recs->as.records.rec = type;
	if (type == CO_REC_BUDGET) {
		cur = xmlGetProp(el, X("currency"));
		recs->as.records.currency = arena_strdup(doc->arena,
		    cur ? (const char *)cur : "EUR");
		xmlFree(cur);
	}
	for (r = el->children; r != NULL; r = r->next) {
		if (!is(r, spec->item))
			continue;
		rec = model_add(doc, recs, CO_KIND_RECORD, node_pos(r));
		for (f = r->children; f != NULL; f = f->next) {
			if (f->type != XML_ELEMENT_NODE)
				continue;
			if ((i = model_rec_field_index(type, (const char *)f->name)) < 0)
				continue;
			field = model_add(doc, rec, CO_KIND_FIELD, node_pos(f));
			field->as.field.index = i;
			if (spec->fields[i].type == CO_FTYPE_TEXT)
				read_inline(doc, field, f);
			else
				field->as.field.value = field_value(doc, &spec->fields[i], f);
		}
	}
}

static void
read_section(struct co_doc *doc, struct co_node *parent, const xmlNode *el)
{
	struct co_node	*s, *n, *row, *cell;
	const xmlNode	*c, *r, *k;
	struct co_str	 role, start;
	int		 i;

	s = model_add(doc, parent, CO_KIND_SECTION, node_pos(el));
	role = attribute(doc, el, "role");
	s->as.section.role = CO_ROLE_CUSTOM;
	for (i = 1; role.s != NULL && i < CO_ROLE__MAX; i++)
		if (strcmp(model_roles[i].key, role.s) == 0)
			s->as.section.role = i;
	for (c = el->children; c != NULL; c = c->next) {
		if (is(c, "title"))
			s->as.section.title = content(doc, c).s;
		else if (is(c, "p"))
			read_inline(doc, model_add(doc, s, CO_KIND_PARA, node_pos(c)), c);
		else if (is(c, "list")) {
			n = model_add(doc, s, CO_KIND_LIST, node_pos(c));
			n->as.list.ordered = attribute(doc, c, "type").s != NULL &&
			    strcmp(attribute(doc, c, "type").s, "numbered") == 0;
			start = attribute(doc, c, "start");
			n->as.list.start = start.s ? atoi(start.s) : 1;
			for (k = c->children; k != NULL; k = k->next)
				if (is(k, "item"))
					read_inline(doc, model_add(doc, n, CO_KIND_ITEM,
					    node_pos(k)), k);
		} else if (is(c, "table")) {
			n = model_add(doc, s, CO_KIND_TABLE, node_pos(c));
			for (r = c->children; r != NULL; r = r->next) {
				if (is(r, "caption")) {
					n->as.table.caption = content(doc, r).s;
					continue;
				}
				if (!is(r, "head") && !is(r, "row"))
					continue;
				row = model_add(doc, n, CO_KIND_ROW, node_pos(r));
				row->as.row.header = is(r, "head");
				for (k = r->children; k != NULL; k = k->next)
					if (is(k, "cell")) {
						cell = model_add(doc, row, CO_KIND_CELL, node_pos(k));
						read_inline(doc, cell, k);
					}
			}
		} else if (is(c, "section"))
			read_section(doc, s, c);
		else if (c->type == XML_ELEMENT_NODE) {
			for (i = 0; i < CO_REC__MAX; i++)
				if (is(c, model_recs[i].key))
					read_records(doc, s, i, c);
		}
	}
}

/* An array of co_str, one per element named "name" (or of its attribute). */
static struct co_str *
collect(struct co_doc *doc, const xmlNode *meta, const char *name, int *count)
{
	const xmlNode	*c;
	struct co_str	*out;
	int		 n = 0;

	for (c = meta->children; c != NULL; c = c->next)
		n += is(c, name);
	out = arena_alloc(doc->arena, sizeof(*out) * (n + 1));
	*count = 0;
	for (c = meta->children; c != NULL; c = c->next)
		if (is(c, name))
			out[(*count)++] = content(doc, c);
	return out;
}

static struct co_person *
people(struct co_doc *doc, const xmlNode *meta, const char *name, int *count)
{
	const xmlNode		*c;
	struct co_person	*out;
	int			 n = 0;

	for (c = meta->children; c != NULL; c = c->next)
		n += is(c, name);
	out = arena_alloc(doc->arena, sizeof(*out) * (n + 1));
	*count = 0;
	for (c = meta->children; c != NULL; c = c->next) {
		if (!is(c, name))
			continue;
		out[*count].name = content(doc, c);
		out[*count].role = attribute(doc, c, "role");
		out[*count].organisation = attribute(doc, c, "organisation");
		out[*count].email = attribute(doc, c, "email");
		out[*count].date = attribute(doc, c, "date");
		(*count)++;
	}
	return out;
}

static void
read_meta(struct co_doc *doc, const xmlNode *meta)
{
	struct co_meta	*m = &doc->meta;
	const xmlNode	*c;

	for (c = meta->children; c != NULL; c = c->next) {
		if (is(c, "title"))
			m->title = content(doc, c);
		else if (is(c, "alternative"))
			m->subtitle = content(doc, c);
		else if (is(c, "date"))
			m->date = content(doc, c);
		else if (is(c, "language"))
			m->language = content(doc, c);
		else if (is(c, "rights"))
			m->publicity = content(doc, c);
		else if (is(c, "project")) {
			m->project_name = content(doc, c);
			m->project_code = attribute(doc, c, "code");
		} else if (is(c, "funder")) {
			m->funder_name = content(doc, c);
			m->funder_decision = attribute(doc, c, "decision");
			m->funder_programme = attribute(doc, c, "programme");
		} else if (is(c, "period")) {
			m->period_start = attribute(doc, c, "start");
			m->period_end = attribute(doc, c, "end");
		} else if (is(c, "version"))
			m->version = content(doc, c);
		else if (is(c, "status"))
			m->status = content(doc, c);
		else if (is(c, "logo"))
			m->logo = content(doc, c);
		else if (is(c, "template"))
			m->template = content(doc, c);
	}
	m->organisations = collect(doc, meta, "publisher", &m->norganisations);
	m->keywords = collect(doc, meta, "subject", &m->nkeywords);
	m->authors = people(doc, meta, "author", &m->nauthors);
	m->approvals = people(doc, meta, "approval", &m->napprovals);
}

/*
 * A DOCTYPE can declare entities that expand a small file into gigabytes
 * ("billion laughs") or read other files; our XML never has one.  Called by
 * libxml2 when it meets "<!DOCTYPE", before any declaration is read.
 */
static void
on_doctype(void *arg, const xmlChar *name, const xmlChar *public_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr	 ctx = arg;
	struct co_doc		*doc = ctx->_private;
	struct co_pos		 pos;

	(void)name;
	(void)public_id;
	(void)system_id;
	pos.line = ctx->input != NULL && ctx->input->line > 0 ? ctx->input->line - 1 : 0;
	pos.col = 0;
	co_diag(doc, pos, CO_DIAG_E_SYNTAX, "a DOCTYPE is not allowed in a closeout XML report");
	/* Stopped: load_xml() sees the NULL and looks at nothing more. */
	ctx->_private = NULL;
	xmlStopParser(ctx);
}

/* The schema is parsed once per process: every report needs the same one. */
static xmlSchemaPtr
our_schema(void)
{
	static xmlSchemaPtr	 schema;
	xmlSchemaParserCtxtPtr	 pctx;
	char			*path;

	if (schema != NULL)
		return schema;
	path = g_build_filename(co_datadir(), CO_XSD_FILE, NULL);
	pctx = xmlSchemaNewParserCtxt(path);
	xmlSchemaSetParserStructuredErrors(pctx, on_schema_error, NULL);
	xmlSetStructuredErrorFunc(NULL, on_schema_error);
	schema = xmlSchemaParse(pctx);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSchemaFreeParserCtxt(pctx);
	g_free(path);
	return schema;
}

void
load_xml(struct co_doc *doc)
{
	xmlParserCtxtPtr	 ctx;
	xmlDocPtr		 xdoc = NULL;
	xmlSchemaValidCtxtPtr	 vctx = NULL;
	xmlSchemaPtr		 schema;
	const xmlNode		*root, *c, *s;
	struct co_pos		 zero = { 0, 0 };

	/* Our own schema first: its problems are ours, not the report's. */
	if ((schema = our_schema()) == NULL) {
		co_diag(doc, zero, CO_DIAG_F_READ, "cannot load %s from %s (set CLOSEOUT_DATADIR?)",
		    CO_XSD_FILE, co_datadir());
		return;
	}
	ctx = xmlNewParserCtxt();
	if (ctx == NULL || ctx->sax == NULL)
		g_error("out of memory");
	ctx->_private = doc;
	ctx->sax->internalSubset = on_doctype;
	/* libxml2 2.9 has no per-context handler: set it around our own calls. */
	xmlSetStructuredErrorFunc(doc, on_xml_error);
	xdoc = xmlCtxtReadMemory(ctx, doc->src, (int)doc->srclen, doc->path, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (ctx->_private == NULL)
		goto out;
	if (xdoc == NULL) {
		if (doc->worst < CO_LEVEL_ERROR)
			co_diag(doc, zero, CO_DIAG_E_SYNTAX, "not well-formed XML");
		goto out;
	}
	vctx = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vctx, on_xml_error, doc);
	if (xmlSchemaValidateDoc(vctx, xdoc) != 0) {
		if (doc->worst < CO_LEVEL_ERROR)
			co_diag(doc, zero, CO_DIAG_E_SCHEMA, "validation failed");
		goto out;
	}
	root = xmlDocGetRootElement(xdoc);
	for (c = root->children; c != NULL; c = c->next) {
		if (is(c, "metadata"))
			read_meta(doc, c);
		else if (is(c, "body"))
			for (s = c->children; s != NULL; s = s->next)
				if (is(s, "section"))
					read_section(doc, doc->root, s);
	}
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (vctx != NULL)
		xmlSchemaFreeValidCtxt(vctx);
	if (xdoc != NULL)
		xmlFreeDoc(xdoc);
	xmlFreeParserCtxt(ctx);
}
