/* load_xml.c: reads our archival XML back into the model, after checking it against the XSD. */
#include <glib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "arena.h"
#include "build.h"
#include "load.h"
#include "nfc.h"
#include "srcmap.h"
#include "text.h"
#include "xml_msg.h"
#include "xmlns.h"

#define X(s) ((const xmlChar *)(s))

/*
 * Where on "line" (0-based) a message without a column of its own points:
 * at the tag of element "name" if the line has it, else at the line's first
 * character that is not white space.  A column counts characters.
 */
static unsigned
guess_col(struct co_doc *doc, unsigned line, const char *name)
{
	const struct srcmap	*map = diags_map(&doc->diags);
	const char		*p, *eol, *at = NULL;
	size_t			 start, end, n;

	if (map == NULL || !srcmap_line(map, line, &start, &end))
		return 0;
	p = doc->src + start;
	eol = doc->src + end;
	/* A minified file is one long line: look at its start only. */
	if (eol - p > 65536)
		eol = p + 65536;
	if (name != NULL && (n = strlen(name)) > 0)
		for (at = p; (at = memchr(at, '<', eol - at)) != NULL; at++)
			if ((size_t)(eol - at) > n + 1 && memcmp(at + 1, name, n) == 0 &&
			    !g_ascii_isalnum(at[n + 1]) && at[n + 1] != '-' && at[n + 1] != '_')
				break;
	if (at == NULL)
		for (at = p; at < eol && (*at == ' ' || *at == '\t'); at++)
			;
	if (at >= eol || !g_utf8_validate(p, at - p, NULL))
		return 0;
	return (unsigned)g_utf8_strlen(p, at - p);
}

/* Where libxml2's messages go while one report is read. */
struct xerr {
	struct co_doc	*doc;		/* whose messages they are */
	bool		 limit;		/* a limit was reached: the parser's later messages follow from it */
};

/* libxml2's messages become ours, at the line (and column) it names. */
static void
on_xml_error(void *arg, xmlErrorPtr err)
{
	struct xerr	*xe = arg;
	struct co_doc	*doc = xe->doc;
	const xmlNode	*node;
	struct co_pos	 pos;
	struct xml_msg	 m;

	if (xe->limit && err->domain == XML_FROM_PARSER)
		return;
	pos.line = err->line > 0 ? err->line - 1 : 0;
	/* Schema errors name an element's line only: point at the element. */
	node = err->node;
	if (err->int2 > 0)
		pos.col = err->int2 - 1;
	else if (diag_shown(&doc->diags))
		pos.col = guess_col(doc, pos.line, node != NULL && node->type == XML_ELEMENT_NODE ?
		    (const char *)node->name : NULL);
	else
		pos.col = 0;
	m = xml_msg(err);
	co_diag(&doc->diags, pos, m.id, "%s", m.text);
	if (m.hint != NULL)
		co_diag(&doc->diags, pos, CO_DIAG_HINT, "%s", m.hint);
	g_free(m.text);
	/* What libxml2 would say after a limit only follows from it. */
	if (m.stop && err->domain == XML_FROM_PARSER) {
		xe->limit = true;
		if (err->ctxt != NULL)
			xmlStopParser(err->ctxt);
	}
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

/* Lines longer than this get no column in messages: finding one costs a scan. */
#define MAX_SCANNED	8192

/* What reading one report needs besides the model. */
struct xload {
	struct co_doc	*doc;		/* the model we fill */
	GHashTable	*notes;		/* footnote number → its NOTE, made ahead */
};

/* Which standard sections one parent's subsections have given so far. */
struct siblings {
	const xmlNode	*seen[CO_ROLE__MAX];	/* each standard one, where it was */
	enum co_role	 last;		/* the last standard one, CUSTOM if none */
	const xmlNode	*custom;	/* the first of the report's own, or NULL */
};

/* The line libxml2 gives (where the start tag ends), 0-based, without a column. */
static struct co_pos
node_pos(const xmlNode *n)
{
	struct co_pos	 pos;
	long		 line = xmlGetLineNo(n);

	pos.line = line > 0 ? line - 1 : 0;
	pos.col = 0;
	return pos;
}

/* Source line "line" (0-based) as [*start, *end); false past the last one. */
static bool
line_span(struct xload *x, unsigned line, const char **start, const char **end)
{
	const struct srcmap	*map = diags_map(&x->doc->diags);
	size_t			 s, e;

	if (map == NULL || !srcmap_line(map, line, &s, &e))
		return false;
	*start = x->doc->src + s;
	*end = x->doc->src + e;
	return true;
}

/* The place of byte "at" of the report. */
static struct co_pos
place_of(struct xload *x, const char *at)
{
	return srcmap_pos(diags_map(&x->doc->diags), at - x->doc->src);
}

/* True if "name" is at p, followed by a character no name holds (or "end"). */
static bool
name_at(const char *p, const char *end, const char *name)
{
	size_t	 n = strlen(name);

	return (size_t)(end - p) >= n && memcmp(p, name, n) == 0 &&
	    (p + n == end || (p[n] != '\0' && strchr(" \t\r\n/>=", p[n]) != NULL));
}

/*
 * Where element "n" starts, for a message, and in *at its '<' (NULL if not
 * found).  libxml2 keeps only the line where the start tag ends: the column
 * is that of the k-th "<name" on it for the k-th such element ending there,
 * or of the last "<name" before it for a tag over several lines.  Only while
 * messages are shown and on lines of reasonable length.
 */
static struct co_pos
elem_place(struct xload *x, const xmlNode *n, const char **at)
{
	struct co_pos	 pos = node_pos(n);
	const xmlNode	*o;
	const char	*line, *eol, *p, *hit = NULL;
	char		*tag;
	long		 ln = xmlGetLineNo(n);
	int		 k = 0;

	*at = NULL;
	if (x->doc->src == NULL || !diag_shown(&x->doc->diags) ||
	    !line_span(x, pos.line, &line, &eol) || eol - line > MAX_SCANNED)
		return pos;
	/* Same-named elements before n whose tags end on its line. */
	for (o = n->prev; o != NULL && (o->type != XML_ELEMENT_NODE ||
	    xmlGetLineNo(o) == ln); o = o->prev)
		k += o->type == XML_ELEMENT_NODE && xmlStrEqual(o->name, n->name);
	for (o = n->parent; o != NULL && o->type == XML_ELEMENT_NODE; o = o->parent)
		k += xmlStrEqual(o->name, n->name) && xmlGetLineNo(o) == ln;
	tag = n->ns != NULL && n->ns->prefix != NULL ?
	    g_strdup_printf("<%s:%s", n->ns->prefix, n->name) :
	    g_strdup_printf("<%s", n->name);
	for (p = line; p < eol && (p = memchr(p, '<', eol - p)) != NULL; p++)
		if (name_at(p, eol, tag) && k-- == 0) {
			hit = p;
			break;
		}
	/* A start tag over several lines: the last one begun before this line. */
	for (p = line; hit == NULL && p > x->doc->src && line - p < MAX_SCANNED; p--)
		if (p[-1] == '<' && name_at(p - 1, eol, tag))
			hit = p - 1;
	g_free(tag);
	if (hit == NULL)
		return pos;
	*at = hit;
	return place_of(x, hit);
}

static struct co_pos
elem_pos(struct xload *x, const xmlNode *n)
{
	const char	*at;

	return elem_place(x, n, &at);
}

/* Where attribute "name" of element "n" is written, for a message. */
static struct co_pos
attr_pos(struct xload *x, const xmlNode *n, const char *name)
{
	struct co_pos	 pos;
	const char	*at, *p, *end;
	char		 quote = 0;

	pos = elem_place(x, n, &at);
	if (at == NULL)
		return pos;
	end = x->doc->src + x->doc->srclen;
	/* Through the start tag, stepping over quoted values. */
	for (p = at + 1; p < end && p - at < MAX_SCANNED && (quote != 0 || *p != '>'); p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p != '\0' && strchr(" \t\r\n", *p) != NULL &&
		    name_at(p + 1, end, name))
			return place_of(x, p + 1);
	}
	return pos;
}

/*
 * Characters no report may hold come in through references ("&#x80;"):
 * refused as in YAML, at element "n" (its attribute "attr" if not NULL).
 */
static bool
check_chars(struct xload *x, const char *s, const xmlNode *n, const char *attr)
{
	struct co_pos	 pos;
	unsigned	 c;

	if (build_forbidden(s, strlen(s), &c) == NULL)
		return true;
	pos = attr != NULL ? attr_pos(x, n, attr) : elem_pos(x, n);
	build_check_chars(&x->doc->diags, pos, s, strlen(s));
	co_diag(&x->doc->diags, pos, CO_DIAG_HINT, "delete the character reference that "
	    "makes it (such as &#x80;): it cannot be printed");
	return false;
}

/*
 * A value as the model keeps it, in the arena: white space squeezed as in
 * YAML (one-line texts; dates, numbers and URLs, whose XML types collapse
 * it), and checked for characters no report may hold.  NULL for NULL.
 */
static const char *
value_text(struct xload *x, const xmlChar *c, const xmlNode *n, const char *attr)
{
	const char	*v;
	char		*flat;

	if (c == NULL)
		return NULL;
	flat = text_squeeze((const char *)c, strlen((const char *)c));
	check_chars(x, flat, n, attr);
	v = nfc_arena(x->doc->arena, arena_strdup(x->doc->arena, flat));
	g_free(flat);
	return v;
}

/* Element text as a value, at the element's line. */
static struct co_str
content(struct xload *x, const xmlNode *n)
{
	struct co_str	 s;
	xmlChar		*c;

	c = xmlNodeGetContent(n);
	s.s = value_text(x, c, n, NULL);
	s.pos = node_pos(n);
	xmlFree(c);
	return s;
}

/* Attribute "name" of n as a value, or NULL. */
static struct co_str
attribute(struct xload *x, const xmlNode *n, const char *name)
{
	struct co_str	 s = { NULL, { 0, 0 } };
	xmlChar		*c;

	if ((c = xmlGetProp(n, X(name))) != NULL) {
		s.s = value_text(x, c, n, name);
		s.pos = node_pos(n);
		xmlFree(c);
	}
	return s;
}

/* Text waiting to become one node: runs split by comments or CDATA join first. */
static void
flush_text(struct xload *x, struct co_node *parent, GString *buf, const xmlNode *el)
{
	char	*nfc;
	size_t	 len;

	check_chars(x, buf->str, el, NULL);
	/* In normal form C, as the YAML loader keeps text. */
	if ((nfc = nfc_text(buf->str, buf->len, &len)) != NULL) {
		model_add_text(x->doc, parent, nfc, len, node_pos(el));
		g_free(nfc);
	} else
		model_add_text(x->doc, parent, buf->str, buf->len, node_pos(el));
	g_string_truncate(buf, 0);
}

static void	read_blocks(struct xload *, struct co_node *, const xmlNode *);

/* An attribute that is a number (XSD-checked), or 0. */
static long
attr_long(const xmlNode *n, const char *name)
{
	xmlChar	*v = xmlGetProp(n, X(name));
	long	 k = v != NULL ? strtol((const char *)v, NULL, 10) : 0;

	xmlFree(v);
	return k;
}

static bool
attr_true(const xmlNode *n, const char *name)
{
	xmlChar	*v = xmlGetProp(n, X(name));
	bool	 yes = v != NULL && (xmlStrEqual(v, X("true")) || xmlStrEqual(v, X("1")));

	xmlFree(v);
	return yes;
}

static void
read_inline(struct xload *x, struct co_node *parent, const xmlNode *el)
{
	const xmlNode	*c;
	struct co_node	*span;
	xmlChar		*attr;
	char		*href;
	GString		*buf;

	buf = g_string_new(NULL);
	for (c = el->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			g_string_append(buf, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		flush_text(x, parent, buf, el);
		if (is(c, "em") || is(c, "strong") || is(c, "del")) {
			span = model_add(x->doc, parent, is(c, "em") ? CO_KIND_EMPH :
			    is(c, "strong") ? CO_KIND_STRONG : CO_KIND_STRIKE, node_pos(c));
			read_inline(x, span, c);
		} else if (is(c, "code")) {
			span = model_add(x->doc, parent, CO_KIND_CODE, node_pos(c));
			attr = xmlNodeGetContent(c);
			span->as.text.str = nfc_arena(x->doc->arena,
			    arena_strdup(x->doc->arena, (const char *)attr));
			check_chars(x, span->as.text.str, c, NULL);
			xmlFree(attr);
		} else if (is(c, "br")) {
			model_add(x->doc, parent, CO_KIND_BREAK, node_pos(c));
		} else if (is(c, "noteref")) {
			span = model_add(x->doc, parent, CO_KIND_NOTEREF, node_pos(c));
			span->as.noteref.note = g_hash_table_lookup(x->notes,
			    GINT_TO_POINTER((int)attr_long(c, "number")));
			if (span->as.noteref.note == NULL) {
				co_diag(&x->doc->diags, elem_pos(x, c), CO_DIAG_E_SCHEMA,
				    "<noteref number=\"%ld\"> but no <footnote> has that number",
				    attr_long(c, "number"));
				model_unlink(span);
			}
		} else if (is(c, "xref")) {
			span = model_add(x->doc, parent, CO_KIND_XREF, elem_pos(x, c));
			span->as.xref.id = attribute(x, c, "ref").s;
			span->as.xref.page = attr_true(c, "page");
			read_inline(x, span, c);
		} else if (is(c, "link")) {
			/* xs:anyURI collapses white space, as we do. */
			attr = xmlGetProp(c, X("href"));
			href = g_strstrip(g_strdup(attr != NULL ? (const char *)attr : ""));
			xmlFree(attr);
			/* The same rule as in YAML: http, https and mailto only. */
			span = parent;
			if (!check_chars(x, href, c, "href"))
				;
			else if (!href_valid(href))
				co_diag(&x->doc->diags, attr_pos(x, c, "href"), CO_DIAG_E_URL,
				    "'%s' in <link>", href);
			else {
				span = model_add(x->doc, parent, CO_KIND_LINK, node_pos(c));
				span->as.link.href = nfc_arena(x->doc->arena,
				    arena_strdup(x->doc->arena, href));
			}
			/* A refused link's text is still text: no second message for it. */
			read_inline(x, span, c);
			g_free(href);
		}
	}
	flush_text(x, parent, buf, el);
	g_string_free(buf, TRUE);
}

/* True if inline container "n" holds some text other than white space. */
static bool
has_text(const struct co_node *n)
{
	const struct co_node	*t;

	for (t = n->first; t != NULL; t = model_next(t, n))
		if ((t->kind == CO_KIND_TEXT &&
		    t->as.text.str[strspn(t->as.text.str, " \t\r\n")] != '\0') ||
		    t->kind == CO_KIND_CODE || t->kind == CO_KIND_NOTEREF || t->kind == CO_KIND_XREF)
			return true;
	return false;
}

/* Inline content that YAML cannot leave empty: a paragraph. */
static void
read_text(struct xload *x, struct co_node *parent, const xmlNode *el, const char *what)
{
	read_inline(x, parent, el);
	if (!has_text(parent))
		co_diag(&x->doc->diags, elem_pos(x, el), CO_DIAG_E_EMPTY, "%s has no text", what);
}

static bool
is_block(const xmlNode *n)
{
	static const char *const blocks[] = { "p", "list", "table", "quote", "pre", "figure",
	    "definitions", "rule", "footnote", NULL };
	int	 i;

	for (i = 0; blocks[i] != NULL; i++)
		if (is(n, blocks[i]))
			return true;
	return false;
}

/*
 * Flow content (an item, a cell, a field, a footnote): blocks if it holds
 * one, else one paragraph of its inline content (all format 1 has);
 * "what" names it if it may not be empty, NULL if it may.
 */
static void
read_flow(struct xload *x, struct co_node *parent, const xmlNode *el, const char *what)
{
	const xmlNode	*c;
	struct co_node	*para;

	for (c = el->children; c != NULL; c = c->next)
		if (is_block(c)) {
			read_blocks(x, parent, el);
			return;
		}
	para = model_node_new(x->doc, CO_KIND_PARA, elem_pos(x, el));
	read_inline(x, para, el);
	if (has_text(para))
		model_append(parent, para);
	else if (what != NULL)
		co_diag(&x->doc->diags, elem_pos(x, el), CO_DIAG_E_EMPTY, "%s has no text", what);
}

/* A scalar field's value as written, white space squeezed: validate.c checks it. */
static const char *
field_value(struct xload *x, const xmlNode *el)
{
	return content(x, el).s;
}

static void
read_records(struct xload *x, struct co_node *section, enum co_rec type,
    const xmlNode *el)
{
	const struct co_rec_spec	*spec = &model_recs[type];
	struct co_node			*recs, *rec, *field;
	const xmlNode			*r, *f;
	char				*item, *what;
	xmlChar				*cur;
	int				 i, n;

	recs = model_add(x->doc, section, CO_KIND_RECORDS, elem_pos(x, el));
	recs->as.records.rec = type;
	recs->as.records.where = arena_printf(x->doc->arena, "<%s>", spec->xml);
	if (spec->money) {
		cur = xmlGetProp(el, X("currency"));
		recs->as.records.currency = arena_strdup(x->doc->arena,
		    cur ? (const char *)cur : "EUR");
		xmlFree(cur);
	}
	for (n = 0, r = el->children; r != NULL; r = r->next) {
		if (!is(r, spec->item))
			continue;
		item = g_strdup_printf("<%s> %d", spec->item, ++n);
		rec = model_add(x->doc, recs, CO_KIND_RECORD, elem_pos(x, r));
		rec->as.record.where = arena_strdup(x->doc->arena, item);
		for (f = r->children; f != NULL; f = f->next) {
			if (f->type != XML_ELEMENT_NODE)
				continue;
			if ((i = model_rec_field_index(type, (const char *)f->name)) < 0)
				continue;
			field = model_add(x->doc, rec, CO_KIND_FIELD, elem_pos(x, f));
			field->as.field.index = i;
			if (spec->fields[i].type == CO_FTYPE_TEXT) {
				what = g_strdup_printf("<%s> in %s", spec->fields[i].key, item);
				read_flow(x, field, f, what);
				g_free(what);
				continue;
			}
			field->as.field.value = field_value(x, f);
		}
		g_free(item);
	}
}

/* A generic table: caption, columns, head rows and rows (validate.c checks their lengths). */
static void
read_table(struct xload *x, struct co_node *section, const xmlNode *el)
{
	static const char *const aligns[] = { "auto", "left", "right", "center", NULL };
	struct co_node	*table, *row, *cell;
	const xmlNode	*r, *k;
	GArray		*cols = g_array_new(FALSE, TRUE, sizeof(struct co_col));
	struct co_col	 col;
	xmlChar		*v;
	int		 n = 0, i;

	table = model_add(x->doc, section, CO_KIND_TABLE, elem_pos(x, el));
	table->as.table.id = attribute(x, el, "id").s;
	for (r = el->children; r != NULL; r = r->next) {
		if (is(r, "caption")) {
			table->as.table.caption = content(x, r).s;
			continue;
		}
		if (is(r, "col")) {
			memset(&col, 0, sizeof(col));
			if ((v = xmlGetProp(r, X("width"))) != NULL)
				col.width = g_ascii_strtod((const char *)v, NULL);
			xmlFree(v);
			if ((v = xmlGetProp(r, X("align"))) != NULL)
				for (i = 0; aligns[i] != NULL; i++)
					if (xmlStrEqual(v, X(aligns[i])))
						col.align = (enum co_align)i;
			xmlFree(v);
			g_array_append_val(cols, col);
			continue;
		}
		if (!is(r, "head") && !is(r, "row"))
			continue;
		row = model_add(x->doc, table, CO_KIND_ROW, elem_pos(x, r));
		row->as.row.header = is(r, "head");
		row->as.row.total = attr_true(r, "total");
		if (!row->as.row.header)
			row->as.row.where = arena_printf(x->doc->arena, "<row> %d", ++n);
		for (k = r->children; k != NULL; k = k->next)
			if (is(k, "cell")) {
				/* An empty cell is allowed in a table. */
				cell = model_add(x->doc, row, CO_KIND_CELL, node_pos(k));
				cell->as.cell.span = MAX(1, (int)attr_long(k, "span"));
				read_flow(x, cell, k, NULL);
			}
	}
	if (cols->len > 0) {
		table->as.table.ngiven = cols->len;
		table->as.table.cols = arena_alloc(x->doc->arena, cols->len * sizeof(struct co_col));
		memcpy(table->as.table.cols, cols->data, cols->len * sizeof(struct co_col));
	}
	g_array_free(cols, TRUE);
}

/* A list: its items may not be empty, and a numbered one starts at 0 to 999 as in YAML. */
static void
read_list(struct xload *x, struct co_node *section, const xmlNode *el)
{
	struct co_node	*list;
	const xmlNode	*k;
	struct co_str	 type, start, spacing;
	guint64		 first;

	list = model_add(x->doc, section, CO_KIND_LIST, node_pos(el));
	type = attribute(x, el, "type");
	list->as.list.ordered = type.s != NULL && strcmp(type.s, "numbered") == 0;
	list->as.list.start = 1;
	spacing = attribute(x, el, "spacing");
	list->as.list.tight = spacing.s == NULL;
	start = attribute(x, el, "start");
	if (start.s != NULL) {
		first = g_ascii_strtoull(start.s, NULL, 10);
		if (first > 999) {
			co_diag(&x->doc->diags, attr_pos(x, el, "start"), CO_DIAG_E_VALUE,
			    "'%s' for <list> start", start.s);
			co_diag(&x->doc->diags, attr_pos(x, el, "start"), CO_DIAG_HINT,
			    "a numbered list starts at a number from 0 to 999");
		} else
			list->as.list.start = (int)first;
	}
	for (k = el->children; k != NULL; k = k->next)
		if (is(k, "item"))
			read_flow(x, model_add(x->doc, list, CO_KIND_ITEM, node_pos(k)), k,
			    "<item>");
}

static void
read_figure(struct xload *x, struct co_node *parent, const xmlNode *el)
{
	struct co_node	*fig;
	const xmlNode	*c;
	xmlChar		*v;

	fig = model_add(x->doc, parent, CO_KIND_FIGURE, elem_pos(x, el));
	fig->as.figure.file = attribute(x, el, "file").s;
	fig->as.figure.id = attribute(x, el, "id").s;
	if ((v = xmlGetProp(el, X("width"))) != NULL)
		fig->as.figure.width = g_ascii_strtod((const char *)v, NULL);
	xmlFree(v);
	/* The checksum is made again from the file, as when the report was read. */
	for (c = el->children; c != NULL; c = c->next)
		if (is(c, "alt"))
			fig->as.figure.alt = content(x, c).s;
		else if (is(c, "caption"))
			read_inline(x, fig, c);
}

/* A footnote made ahead (its marks may come first) gets its content where it is. */
static void
read_footnote(struct xload *x, struct co_node *parent, const xmlNode *el)
{
	struct co_node	*note = g_hash_table_lookup(x->notes,
	    GINT_TO_POINTER((int)attr_long(el, "number")));

	if (note == NULL || note->parent != NULL)
		return;		/* a second one of this number: the XSD's unique says so */
	read_flow(x, note, el, "<footnote>");
	model_append(parent, note);
}

/* One block element "c" into "parent". */
static void
read_block(struct xload *x, struct co_node *parent, const xmlNode *c)
{
	const xmlNode	*k;
	struct co_node	*n;

	{
		if (is(c, "p"))
			read_text(x, model_add(x->doc, parent, CO_KIND_PARA, node_pos(c)), c, "<p>");
		else if (is(c, "list"))
			read_list(x, parent, c);
		else if (is(c, "table"))
			read_table(x, parent, c);
		else if (is(c, "figure"))
			read_figure(x, parent, c);
		else if (is(c, "footnote"))
			read_footnote(x, parent, c);
		else if (is(c, "rule"))
			model_add(x->doc, parent, CO_KIND_RULE, node_pos(c));
		else if (is(c, "pre")) {
			xmlChar *t = xmlNodeGetContent(c);
			n = model_add(x->doc, parent, CO_KIND_CODEBLOCK, node_pos(c));
			n->as.code.text = nfc_arena(x->doc->arena,
			    arena_strdup(x->doc->arena, (const char *)t));
			check_chars(x, n->as.code.text, c, NULL);
			n->as.code.info = attribute(x, c, "info").s;
			xmlFree(t);
		} else if (is(c, "quote")) {
			n = model_add(x->doc, parent, CO_KIND_QUOTE, node_pos(c));
			read_blocks(x, n, c);
			for (k = c->children; k != NULL; k = k->next)
				if (is(k, "attribution"))
					read_inline(x, model_add(x->doc, n, CO_KIND_ATTRIBUTION,
					    node_pos(k)), k);
		} else if (is(c, "definitions")) {
			n = model_add(x->doc, parent, CO_KIND_DEFLIST, node_pos(c));
			for (k = c->children; k != NULL; k = k->next)
				if (is(k, "term"))
					read_inline(x, model_add(x->doc, n, CO_KIND_TERM,
					    node_pos(k)), k);
				else if (is(k, "definition"))
					read_flow(x, model_add(x->doc, n, CO_KIND_DEFINITION,
					    node_pos(k)), k, "<definition>");
		}
	}
}

/* The blocks of a flow that holds blocks. */
static void
read_blocks(struct xload *x, struct co_node *parent, const xmlNode *el)
{
	const xmlNode	*c;

	for (c = el->children; c != NULL; c = c->next)
		if (is_block(c))
			read_block(x, parent, c);
}

/*
 * The place of section "el" among its siblings, as YAML gives it: a
 * standard section inside the one it belongs to, at most once, in the
 * format's order, before the report's own sections.
 */
static void
check_role(struct xload *x, const struct co_node *parent, enum co_role role,
    const xmlNode *el, struct siblings *sib)
{
	enum co_role	 have, want;
	const char	*key = model_roles[role].key;

	if (role == CO_ROLE_CUSTOM) {
		/* The glossary and the references close the body. */
		if (sib->last >= CO_ROLE_GLOSSARY) {
			co_diag(&x->doc->diags, elem_pos(x, el), CO_DIAG_E_SCHEMA,
			    "a section of the report's own after <section role=\"%s\">",
			    model_roles[sib->last].key);
			co_diag(&x->doc->diags, elem_pos(x, el), CO_DIAG_HINT,
			    "the glossary and the references come after the report's own sections");
		}
		if (sib->custom == NULL)
			sib->custom = el;
		return;
	}
	have = parent->kind == CO_KIND_SECTION ? parent->as.section.role : CO_ROLE_CUSTOM;
	want = model_roles[role].parent;
	if (have != want) {
		if (have == CO_ROLE_CUSTOM)
			co_diag(&x->doc->diags, attr_pos(x, el, "role"), CO_DIAG_E_SCHEMA,
			    "<section role=\"%s\"> inside a section of the report's own",
			    key);
		else
			co_diag(&x->doc->diags, attr_pos(x, el, "role"), CO_DIAG_E_SCHEMA,
			    "<section role=\"%s\"> inside <section role=\"%s\">", key,
			    model_roles[have].key);
		co_diag(&x->doc->diags, attr_pos(x, el, "role"), CO_DIAG_HINT,
		    "a '%s' section belongs inside '%s'", key, model_roles[want].key);
	} else if (sib->seen[role] != NULL) {
		co_diag(&x->doc->diags, attr_pos(x, el, "role"), CO_DIAG_E_SCHEMA,
		    "a second <section role=\"%s\">", key);
		co_diag(&x->doc->diags, attr_pos(x, sib->seen[role], "role"), CO_DIAG_HINT,
		    "the first is here");
	} else if ((sib->custom != NULL && role < CO_ROLE_GLOSSARY) || role < sib->last) {
		if (sib->custom != NULL && role < CO_ROLE_GLOSSARY)
			co_diag(&x->doc->diags, attr_pos(x, el, "role"), CO_DIAG_E_SCHEMA,
			    "<section role=\"%s\"> after a section of the report's own", key);
		else
			co_diag(&x->doc->diags, attr_pos(x, el, "role"), CO_DIAG_E_SCHEMA,
			    "<section role=\"%s\"> after <section role=\"%s\">", key,
			    model_roles[sib->last].key);
		co_diag(&x->doc->diags, attr_pos(x, el, "role"), CO_DIAG_HINT,
		    "standard sections come in the order of docs/format.md, "
		    "the report's own sections after them");
	}
	if (sib->seen[role] == NULL)
		sib->seen[role] = el;
	if (role > sib->last)
		sib->last = role;
}

static void
read_section(struct xload *x, struct co_node *parent, const xmlNode *el,
    struct siblings *sib, bool annex)
{
	struct siblings	 sub;
	const xmlNode	*typed[CO_REC__MAX];
	struct co_node	*s;
	const xmlNode	*c;
	struct co_str	 role, kind;
	xmlChar		*lang;
	int		 i;

	memset(&sub, 0, sizeof(sub));
	memset(typed, 0, sizeof(typed));
	s = model_add(x->doc, parent, CO_KIND_SECTION, elem_pos(x, el));
	s->as.section.id = attribute(x, el, "id").s;
	s->as.section.lang = -1;
	role = attribute(x, el, "role");
	s->as.section.role = CO_ROLE_CUSTOM;
	for (i = 1; role.s != NULL && i < CO_ROLE__MAX; i++)
		if (strcmp(model_roles[i].key, role.s) == 0)
			s->as.section.role = i;
	if (parent->kind == CO_KIND_SECTION)
		s->as.section.kind = parent->as.section.kind;
	else if (annex)
		s->as.section.kind = CO_SEC_ANNEX;
	else if ((kind = attribute(x, el, "kind")).s != NULL) {
		/* kind="abstract": the schema allows no other. */
		s->as.section.kind = CO_SEC_ABSTRACT;
		lang = xmlNodeGetLang(el);
		s->as.section.lang = model_lang_from_code(lang != NULL ? (const char *)lang : "");
		xmlFree(lang);
		if (s->as.section.lang < 0) {
			co_diag(&x->doc->diags, attr_pos(x, el, "kind"), CO_DIAG_E_VALUE,
			    "an abstract's xml:lang must be fi, sv or en");
			s->as.section.lang = CO_LANG_EN;
		}
	}
	if (s->as.section.kind == CO_SEC_ANNEX && s->as.section.role != CO_ROLE_CUSTOM) {
		co_diag(&x->doc->diags, attr_pos(x, el, "role"), CO_DIAG_E_SCHEMA,
		    "<section role=\"%s\"> in <annexes>", role.s);
		co_diag(&x->doc->diags, attr_pos(x, el, "role"), CO_DIAG_HINT,
		    "an annex is a section of the report's own: leave out role");
	} else if (s->as.section.kind == CO_SEC_BODY)
		check_role(x, parent, s->as.section.role, el, sib);
	for (c = el->children; c != NULL; c = c->next) {
		if (is(c, "title"))
			s->as.section.title = content(x, c).s;
		else if (is_block(c))
			read_block(x, s, c);
		else if (is(c, "section"))
			read_section(x, s, c, &sub, annex);
		else if (c->type == XML_ELEMENT_NODE) {
			for (i = 0; i < CO_REC__MAX; i++) {
				if (!is(c, model_recs[i].xml))
					continue;
				/* YAML has one key per typed table in a section. */
				if (typed[i] != NULL) {
					co_diag(&x->doc->diags, elem_pos(x, c), CO_DIAG_E_SCHEMA,
					    "a second <%s> in one section", model_recs[i].xml);
					co_diag(&x->doc->diags, elem_pos(x, c), CO_DIAG_HINT,
					    "put all its rows in the first, at line %ld",
					    xmlGetLineNo(typed[i]));
				} else
					typed[i] = c;
				read_records(x, s, i, c);
			}
		}
	}
}

/* A single metadata value, placed at its element (or attribute "attr") for messages. */
static struct co_str
meta_value(struct xload *x, const xmlNode *n, const char *attr)
{
	struct co_str	 s;

	if (attr == NULL) {
		s = content(x, n);
		s.pos = elem_pos(x, n);
	} else if ((s = attribute(x, n, attr)).s != NULL)
		s.pos = attr_pos(x, n, attr);
	return s;
}

/* An array of co_str, one per element named "name". */
static struct co_str *
collect(struct xload *x, const xmlNode *meta, const char *name, int *count)
{
	const xmlNode	*c;
	struct co_str	*out;
	int		 n = 0;

	for (c = meta->children; c != NULL; c = c->next)
		n += is(c, name);
	out = arena_alloc(x->doc->arena, sizeof(*out) * (n + 1));
	*count = 0;
	for (c = meta->children; c != NULL; c = c->next)
		if (is(c, name))
			out[(*count)++] = meta_value(x, c, NULL);
	return out;
}

static struct co_person *
people(struct xload *x, const xmlNode *meta, const char *name, int *count)
{
	const xmlNode		*c;
	struct co_person	*out;
	int			 n = 0;

	for (c = meta->children; c != NULL; c = c->next)
		n += is(c, name);
	out = arena_alloc(x->doc->arena, sizeof(*out) * (n + 1));
	*count = 0;
	for (c = meta->children; c != NULL; c = c->next) {
		if (!is(c, name))
			continue;
		out[*count].name = content(x, c);
		out[*count].role = attribute(x, c, "role");
		out[*count].organisation = attribute(x, c, "organisation");
		out[*count].email = attribute(x, c, "email");
		out[*count].date = attribute(x, c, "date");
		(*count)++;
	}
	return out;
}

static void
read_facts(struct xload *x, const xmlNode *meta)
{
	struct co_meta	*m = &x->doc->meta;
	const xmlNode	*c;
	int		 n = 0;

	for (c = meta->children; c != NULL; c = c->next)
		n += is(c, "fact");
	m->facts = arena_alloc(x->doc->arena, sizeof(*m->facts) * (n + 1));
	for (c = meta->children; c != NULL; c = c->next) {
		if (!is(c, "fact"))
			continue;
		m->facts[m->nfacts].label = meta_value(x, c, "label");
		m->facts[m->nfacts].value = meta_value(x, c, NULL);
		m->nfacts++;
	}
}

static void
read_acknowledgement(struct xload *x, const xmlNode *ack)
{
	struct co_meta	*m = &x->doc->meta;
	const xmlNode	*c;

	for (c = ack->children; c != NULL; c = c->next)
		if (is(c, "text"))
			m->ack_text = meta_value(x, c, NULL);
		else if (is(c, "emblem-alt"))
			m->emblem_alt = meta_value(x, c, NULL);
	m->emblems = collect(x, ack, "emblem", &m->nemblems);
}

static void
read_meta(struct xload *x, const xmlNode *meta)
{
	struct co_meta	*m = &x->doc->meta;
	const xmlNode	*c;

	for (c = meta->children; c != NULL; c = c->next) {
		if (is(c, "title"))
			m->title = meta_value(x, c, NULL);
		else if (is(c, "alternative"))
			m->subtitle = meta_value(x, c, NULL);
		else if (is(c, "date")) {
			m->date = meta_value(x, c, NULL);
		} else if (is(c, "language"))
			m->language = meta_value(x, c, NULL);
		else if (is(c, "rights"))
			m->publicity = meta_value(x, c, NULL);
		else if (is(c, "project")) {
			m->project_name = meta_value(x, c, NULL);
			m->project_code = meta_value(x, c, "code");
		} else if (is(c, "funder")) {
			m->funder_name = meta_value(x, c, NULL);
			m->funder_decision = meta_value(x, c, "decision");
			m->funder_programme = meta_value(x, c, "programme");
		} else if (is(c, "period")) {
			m->period_start = meta_value(x, c, "start");
			m->period_end = meta_value(x, c, "end");
		} else if (is(c, "reporting-period")) {
			m->reporting_start = meta_value(x, c, "start");
			m->reporting_end = meta_value(x, c, "end");
		} else if (is(c, "short-title"))
			m->short_title = meta_value(x, c, NULL);
		else if (is(c, "acknowledgement"))
			read_acknowledgement(x, c);
		else if (is(c, "version"))
			m->version = meta_value(x, c, NULL);
		else if (is(c, "status"))
			m->status = meta_value(x, c, NULL);
		else if (is(c, "logo"))
			m->logo = meta_value(x, c, NULL);
		else if (is(c, "template"))
			m->template = meta_value(x, c, NULL);
	}
	m->organisations = collect(x, meta, "publisher", &m->norganisations);
	read_facts(x, meta);
	m->keywords = collect(x, meta, "subject", &m->nkeywords);
	m->authors = people(x, meta, "author", &m->nauthors);
	m->approvals = people(x, meta, "approval", &m->napprovals);
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
	co_diag(&doc->diags, pos, CO_DIAG_E_SYNTAX, "a DOCTYPE is not allowed in a closeout XML report");
	/* Stopped: load_xml() sees the NULL and looks at nothing more. */
	ctx->_private = NULL;
	xmlStopParser(ctx);
}

/*
 * The schema of format 2, or of format 1 ("old"): each parsed once per
 * process, since every report needs the same one.
 */
static xmlSchemaPtr
our_schema(bool old)
{
	static xmlSchemaPtr	 schemas[2];
	xmlSchemaParserCtxtPtr	 pctx;
	xmlSchemaPtr		 schema;
	char			*path;

	if (schemas[old] != NULL)
		return schemas[old];
	path = g_build_filename(co_datadir(), old ? CO_XSD_FILE_1 : CO_XSD_FILE, NULL);
	pctx = xmlSchemaNewParserCtxt(path);
	xmlSchemaSetParserStructuredErrors(pctx, on_schema_error, NULL);
	xmlSetStructuredErrorFunc(NULL, on_schema_error);
	schema = xmlSchemaParse(pctx);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSchemaFreeParserCtxt(pctx);
	g_free(path);
	return schemas[old] = schema;
}

/* Footnotes are made before the text, so that a mark can find its note by number. */
static void
make_notes(struct xload *x, const xmlNode *el)
{
	const xmlNode	*c;
	struct co_node	*note;
	int		 number;

	for (c = el->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "footnote") && (number = (int)attr_long(c, "number")) > 0 &&
		    !g_hash_table_contains(x->notes, GINT_TO_POINTER(number))) {
			note = model_node_new(x->doc, CO_KIND_NOTE, elem_pos(x, c));
			note->as.note.label = attribute(x, c, "label").s;
			if (note->as.note.label == NULL)
				note->as.note.label = "";
			g_hash_table_insert(x->notes, GINT_TO_POINTER(number), note);
		}
		make_notes(x, c);
	}
}

/*
 * libxml2 reads a lone CR (old Macs) as a line end, as XML says, but does
 * not count it as one: its lines and columns would not be the source's.
 * A copy with each lone CR made LF (same bytes, same meaning) is counted
 * right; NULL if there is no lone CR.
 */
static char *
lf_lines(const char *src, size_t len)
{
	char	*copy = NULL;
	size_t	 i;

	for (i = 0; i < len; i++)
		if (src[i] == '\r' && (i + 1 == len || src[i + 1] != '\n')) {
			if (copy == NULL)
				copy = g_memdup2(src, len);
			copy[i] = '\n';
		}
	return copy;
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
	struct xload		 x = { doc, NULL };
	struct siblings		 top;
	struct xerr		 xe = { doc, false };
	bool			 old;
	char			*lines;

	lines = lf_lines(doc->src, doc->srclen);
	ctx = xmlNewParserCtxt();
	if (ctx == NULL || ctx->sax == NULL)
		g_error("out of memory");
	ctx->_private = doc;
	ctx->sax->internalSubset = on_doctype;
	/* libxml2 2.9 has no per-context handler: set it around our own calls. */
	xmlSetStructuredErrorFunc(&xe, on_xml_error);
	xdoc = xmlCtxtReadMemory(ctx, lines != NULL ? lines : doc->src, (int)doc->srclen,
	    doc->path, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	g_free(lines);
	/* Stopped at a DOCTYPE or a limit: what was read is not all there is. */
	if (ctx->_private == NULL || xe.limit)
		goto out;
	if (xdoc == NULL) {
		if (doc->diags.worst < CO_LEVEL_ERROR)
			co_diag(&doc->diags, zero, CO_DIAG_E_SYNTAX, "not well-formed XML");
		goto out;
	}
	/* Format 1 or 2, by the root's namespace; anything else is refused by format 2's XSD. */
	root = xmlDocGetRootElement(xdoc);
	old = root != NULL && root->ns != NULL && xmlStrEqual(root->ns->href, X(CO_XML_NS_1));
	/* Our own schema: its problems are ours, not the report's. */
	if ((schema = our_schema(old)) == NULL) {
		co_diag(&doc->diags, zero, CO_DIAG_F_READ, "cannot load %s from %s (set CLOSEOUT_DATADIR?)",
		    old ? CO_XSD_FILE_1 : CO_XSD_FILE, co_datadir());
		goto out;
	}
	vctx = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vctx, on_xml_error, &xe);
	if (xmlSchemaValidateDoc(vctx, xdoc) != 0) {
		if (doc->diags.worst < CO_LEVEL_ERROR)
			co_diag(&doc->diags, zero, CO_DIAG_E_SCHEMA, "validation failed");
		goto out;
	}
	x.notes = g_hash_table_new(NULL, NULL);
	make_notes(&x, root);
	memset(&top, 0, sizeof(top));
	for (c = root->children; c != NULL; c = c->next) {
		if (is(c, "metadata"))
			read_meta(&x, c);
		else if (is(c, "body") || is(c, "annexes")) {
			for (s = c->children; s != NULL; s = s->next)
				if (is(s, "section"))
					read_section(&x, doc->root, s, &top, is(c, "annexes"));
		}
	}
out:
	if (x.notes != NULL)
		g_hash_table_destroy(x.notes);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (vctx != NULL)
		xmlSchemaFreeValidCtxt(vctx);
	if (xdoc != NULL)
		xmlFreeDoc(xdoc);
	xmlFreeParserCtxt(ctx);
}
