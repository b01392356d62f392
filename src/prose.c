/*
 * prose.c: the author's prose into model blocks.  cmark-gfm parses it
 * (CommonMark with GitHub's tables, strikethrough, autolinks and
 * footnotes); this file only maps its tree onto ours, puts every node at
 * its place in the report, and says what it cannot keep as written.
 */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "prose.h"
#include "srcmap.h"
#include "text.h"

/* One parse: the text, its lines, and where they are in the report. */
struct parse {
	struct co_doc		*doc;
	const struct prose_src	*src;
	const char		*text;		/* what cmark was given */
	size_t			 len;
	GArray			*escapes;	/* size_t: backslashes we put in the text, where */
	GArray			*lines;		/* size_t: the start of each line of text */
	GPtrArray		*notes;		/* our NOTE of each cmark footnote, by number */
	size_t			 cursor;	/* where the last text node placed ended */
	int			 depth;		/* lists and quotes open around the block */
	int			 spans;		/* emphasis, strong, struck out open around the text */
	bool			 too_deep;	/* said once */
};

/* Lists and quotes inside each other: 4 deep is what reports need, 8 is room. */
#define MAX_NESTING	8
/* Spans inside spans; deeper ones keep their text, plain. */
#define MAX_SPANS	16

static void	 add_blocks(struct parse *, struct co_node *, cmark_node *);
static void	 add_block(struct parse *, struct co_node *, cmark_node *);
static void	 add_nested(struct parse *, struct co_node *, cmark_node *);
static void	 add_flat(struct parse *, struct co_node *, cmark_node *);
static void	 add_inlines(struct parse *, struct co_node *, cmark_node *, bool in_link);

/* ---- places ---------------------------------------------------------- */

/* A byte of the text cmark was given, as a byte of the author's value. */
static size_t
to_value(const struct parse *p, size_t off)
{
	size_t	 k, n = 0;

	for (k = 0; k < p->escapes->len; k++)
		n += g_array_index(p->escapes, size_t, k) < off;
	return off - n;
}

/* A byte of the author's value in the text cmark was given. */
static size_t
to_text(const struct parse *p, size_t off)
{
	size_t	 k;

	for (k = 0; k < p->escapes->len && g_array_index(p->escapes, size_t, k) <= off; k++)
		off++;
	return off;
}

/* The byte of the author's value at cmark's 1-based line and byte column. */
static size_t
value_offset(const struct parse *p, int line, int col)
{
	size_t	 off;

	if (line < 1 || (guint)line > p->lines->len)
		return 0;
	off = g_array_index(p->lines, size_t, line - 1) + (col > 0 ? col - 1 : 0);
	off = MIN(off, p->len);
	return to_value(p, off);
}

/* The place in the report of the value's byte "off". */
static struct co_pos
source_pos(struct parse *p, size_t off)
{
	const struct srcmap	*map;

	if (p->src->offsets == NULL || (map = diags_map(&p->doc->diags)) == NULL)
		return p->src->at;
	return srcmap_pos(map, p->src->offsets[MIN(off, p->src->len)]);
}

/* The text a node shows first: its own literal, or its first descendant's. */
static const char *
first_literal(cmark_node *c)
{
	for (; c != NULL; c = cmark_node_first_child(c))
		if (cmark_node_get_type(c) == CMARK_NODE_TEXT)
			return cmark_node_get_literal(c);
	return NULL;
}

/*
 * Where cmark node "c" starts in the report.  The autolink extension gives
 * the links it makes, and the text after them, places that are not theirs:
 * a text that is not where cmark says is looked for after the last one.
 */
static struct co_pos
node_pos(struct parse *p, cmark_node *c)
{
	int		 line = cmark_node_get_start_line(c), col = cmark_node_get_start_column(c);
	const char	*lit = first_literal(c), *hit;
	size_t		 off, n;

	/* Soft and hard breaks have no place of their own: the text before them. */
	for (cmark_node *q = c; line == 0 && lit == NULL && q != NULL; q = cmark_node_previous(q)) {
		line = cmark_node_get_end_line(q);
		col = cmark_node_get_end_column(q);
	}
	if (line == 0 && lit == NULL)
		return p->src->at;
	off = line > 0 ? to_text(p, value_offset(p, line, col)) : p->cursor;
	/* Only a text's place, or one cmark has not, is checked against the text. */
	if ((cmark_node_get_type(c) != CMARK_NODE_TEXT && line > 0) ||
	    (cmark_node_get_type(c) & CMARK_NODE_TYPE_MASK) != CMARK_NODE_TYPE_INLINE)
		return source_pos(p, to_value(p, off));
	if (lit != NULL && (n = strlen(lit)) > 0 && cmark_node_get_type(c) != CMARK_NODE_CODE &&
	    (off + n > p->len || memcmp(p->text + off, lit, n) != 0) && p->cursor < p->len &&
	    (hit = g_strstr_len(p->text + p->cursor, p->len - p->cursor, lit)) != NULL)
		off = hit - p->text;
	if (lit != NULL && cmark_node_get_type(c) == CMARK_NODE_TEXT)
		p->cursor = MAX(p->cursor, off + strlen(lit));
	return source_pos(p, to_value(p, off));
}

static const char *
keep(struct parse *p, const char *s)
{
	return arena_strdup(p->doc->arena, s != NULL ? s : "");
}

/* ---- inline content -------------------------------------------------- */

/* A link target we make: http, https, mailto, or a cross-reference "#id". */
static void
add_link(struct parse *p, struct co_node *parent, cmark_node *c)
{
	const char	*url = cmark_node_get_url(c), *title = cmark_node_get_title(c);
	struct co_node	*n;
	char		*fixed = NULL;

	if (url != NULL && url[0] == '#') {
		n = model_add(p->doc, parent, CO_KIND_XREF, node_pos(p, c));
		n->as.xref.id = keep(p, url + 1);
		n->as.xref.page = title != NULL && strcmp(title, "page") == 0;
		add_inlines(p, n, c, true);
		return;
	}
	/* The autolink extension makes "www.x.fi" http://; ours has always been https. */
	if (url != NULL && g_str_has_prefix(url, "http://www.") && cmark_node_first_child(c) &&
	    g_str_has_prefix(cmark_node_get_literal(cmark_node_first_child(c)) ?
	    cmark_node_get_literal(cmark_node_first_child(c)) : "", "www."))
		url = fixed = g_strconcat("https://", url + 7, NULL);
	if (url != NULL && href_valid(url)) {
		n = model_add(p->doc, parent, CO_KIND_LINK, node_pos(p, c));
		n->as.link.href = keep(p, url);
		add_inlines(p, n, c, true);
		/* "[](https://x.fi)" has no text to click: it shows its address. */
		if (n->first == NULL) {
			const char *shown = g_str_has_prefix(url, "mailto:") ? url + 7 : url;
			model_add_text(p->doc, n, shown, strlen(shown), node_pos(p, c));
		}
	} else {
		/* The text stays; a link we cannot make does not. */
		co_diag(&p->doc->diags, node_pos(p, c), CO_DIAG_W_LINK_SCHEME,
		    "'%s' is not a valid http, https or mailto address, nor #id of this report",
		    url != NULL ? url : "");
		add_inlines(p, parent, c, false);
	}
	g_free(fixed);
}

/* Text: "[^x]" left by cmark is a footnote mark with no note. */
static void
add_text(struct parse *p, struct co_node *parent, cmark_node *c, const char *s)
{
	const char	*mark;
	char		*valid = NULL;

	/* The last guard for what cmark-gfm may cut (see prose_blocks()). */
	if (!g_utf8_validate(s, -1, NULL))
		s = valid = g_utf8_make_valid(s, -1);
	model_add_text(p->doc, parent, s, strlen(s), node_pos(p, c));
	if ((mark = strstr(s, "[^")) != NULL && strchr(mark, ']') != NULL)
		co_diag(&p->doc->diags, node_pos(p, c), CO_DIAG_W_FOOTNOTE,
		    "'%.*s' has no note: it is printed as written", (int)(strchr(mark, ']') -
		    mark + 1), mark);
	g_free(valid);
}

static void
add_inline(struct parse *p, struct co_node *parent, cmark_node *c, bool in_link)
{
	const char	*type = cmark_node_get_type_string(c);
	struct co_node	*n;
	long		 k;

	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_TEXT:
		add_text(p, parent, c, cmark_node_get_literal(c));
		return;
	case CMARK_NODE_SOFTBREAK:
		model_add_text(p->doc, parent, " ", 1, node_pos(p, c));
		return;
	case CMARK_NODE_LINEBREAK:
		model_add(p->doc, parent, CO_KIND_BREAK, node_pos(p, c));
		return;
	case CMARK_NODE_CODE:
		n = model_add(p->doc, parent, CO_KIND_CODE, node_pos(p, c));
		n->as.text.str = keep(p, cmark_node_get_literal(c));
		return;
	case CMARK_NODE_HTML_INLINE:
		co_diag(&p->doc->diags, node_pos(p, c), CO_DIAG_W_RAW_HTML, "'%s'",
		    cmark_node_get_literal(c));
		model_add_text(p->doc, parent, cmark_node_get_literal(c),
		    strlen(cmark_node_get_literal(c)), node_pos(p, c));
		return;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		if (p->spans == MAX_SPANS) {
			add_inlines(p, parent, c, in_link);
			return;
		}
		n = model_add(p->doc, parent, cmark_node_get_type(c) == CMARK_NODE_EMPH ?
		    CO_KIND_EMPH : CO_KIND_STRONG, node_pos(p, c));
		p->spans++;
		add_inlines(p, n, c, in_link);
		p->spans--;
		return;
	case CMARK_NODE_LINK:
		if (in_link)
			add_inlines(p, parent, c, in_link);
		else
			add_link(p, parent, c);
		return;
	case CMARK_NODE_IMAGE:
		/* Only inside a link or a table cell: its alt text stays. */
		co_diag(&p->doc->diags, node_pos(p, c), CO_DIAG_W_IMAGE_INLINE,
		    "an image here is printed as its text; put it in a paragraph of its own");
		add_inlines(p, parent, c, in_link);
		return;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		k = strtol(cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "0", NULL, 10);
		if (k >= 1 && (guint)k <= p->notes->len) {
			n = model_add(p->doc, parent, CO_KIND_NOTEREF, node_pos(p, c));
			n->as.noteref.note = g_ptr_array_index(p->notes, k - 1);
		}
		return;
	default:
		break;
	}
	if (strcmp(type, "strikethrough") == 0 && p->spans < MAX_SPANS) {
		n = model_add(p->doc, parent, CO_KIND_STRIKE, node_pos(p, c));
		p->spans++;
		add_inlines(p, n, c, in_link);
		p->spans--;
	} else
		add_inlines(p, parent, c, in_link);	/* whatever it is, its text stays */
}

static void
add_inlines(struct parse *p, struct co_node *parent, cmark_node *c, bool in_link)
{
	cmark_node	*k;

	for (k = cmark_node_first_child(c); k != NULL; k = cmark_node_next(k)) {
		/* A report too big to hold is refused by co_doc_load(): stop here. */
		if (arena_used(p->doc->arena) > CO_MAX_MODEL_BYTES)
			return;
		add_inline(p, parent, k, in_link);
	}
}

/* ---- blocks ---------------------------------------------------------- */

/* "{#id}" after an image gives its figure an id: the id, or NULL. */
static char *
figure_id(const char *s)
{
	GMatchInfo	*m;
	char		*id = NULL;
	static GRegex	*re;

	if (re == NULL)
		re = g_regex_new("^\\s*\\{#([A-Za-z][A-Za-z0-9_.:-]*)\\}\\s*$", 0, 0, NULL);
	if (g_regex_match(re, s, 0, &m))
		id = g_match_info_fetch(m, 1);
	g_match_info_free(m);
	return id;
}

/*
 * The only thing in paragraph "c" (white space aside) is an image, with
 * "{#id}" after it or not (*id, g_free).
 */
static cmark_node *
lone_image(cmark_node *c, char **id)
{
	cmark_node	*k, *image = NULL;
	char		*found;

	*id = NULL;
	for (k = cmark_node_first_child(c); k != NULL; k = cmark_node_next(k)) {
		if (cmark_node_get_type(k) == CMARK_NODE_IMAGE && image == NULL)
			image = k;
		else if (cmark_node_get_type(k) == CMARK_NODE_SOFTBREAK ||
		    cmark_node_get_type(k) == CMARK_NODE_LINEBREAK ||
		    (cmark_node_get_type(k) == CMARK_NODE_TEXT &&
		    strspn(cmark_node_get_literal(k), " \t") == strlen(cmark_node_get_literal(k))))
			continue;
		else if (image != NULL && *id == NULL && cmark_node_get_type(k) == CMARK_NODE_TEXT &&
		    (found = figure_id(cmark_node_get_literal(k))) != NULL)
			*id = found;
		else {
			g_free(*id);
			*id = NULL;
			return NULL;
		}
	}
	return image;
}

/* ![alt](file "caption"){#id}: a numbered figure. */
static void
add_figure(struct parse *p, struct co_node *parent, cmark_node *image, const char *id)
{
	struct co_node	*fig;
	char		*alt;
	const char	*title = cmark_node_get_title(image);
	struct co_node	 tmp;

	fig = model_add(p->doc, parent, CO_KIND_FIGURE, node_pos(p, image));
	fig->as.figure.file = keep(p, cmark_node_get_url(image));
	fig->as.figure.id = id != NULL ? keep(p, id) : NULL;
	/* The bracketed text is the alt text: plain, for who cannot see the image. */
	memset(&tmp, 0, sizeof(tmp));
	add_inlines(p, &tmp, image, true);
	alt = model_plain_text(&tmp);
	fig->as.figure.alt = *alt != '\0' ? arena_strdup(p->doc->arena, alt) : NULL;
	g_free(alt);
	if (title != NULL && *title != '\0')
		model_add_text(p->doc, fig, title, strlen(title), node_pos(p, image));
}

/* A quote's last paragraph that starts with a dash says who spoke. */
static bool
is_attribution(cmark_node *c)
{
	cmark_node	*t = cmark_node_first_child(c);
	const char	*s;

	if (cmark_node_next(c) != NULL || t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return false;
	s = cmark_node_get_literal(t);
	return g_str_has_prefix(s, "\xe2\x80\x94") || g_str_has_prefix(s, "\xe2\x80\x95") ||
	    g_str_has_prefix(s, "-- ");
}

static void
add_attribution(struct parse *p, struct co_node *quote, cmark_node *c)
{
	struct co_node	*a = model_add(p->doc, quote, CO_KIND_ATTRIBUTION, node_pos(p, c));
	struct co_node	*t;
	const char	*s;

	add_inlines(p, a, c, false);
	/* The dash is typography: the layout sets its own. */
	if ((t = a->first) != NULL && t->kind == CO_KIND_TEXT) {
		s = t->as.text.str + 3;		/* "—", "―" and "-- " are three bytes */
		while (*s == ' ')
			s++;
		t->as.text.str = s;
		/* "— *Name*": the text was only the dash. */
		if (*s == '\0')
			model_unlink(t);
	}
}

/* A GitHub table: a header row, rows, each column's alignment. */
static void
add_table(struct parse *p, struct co_node *parent, cmark_node *c)
{
	struct co_node	*table, *row, *cell, *para;
	cmark_node	*r, *k;
	int		 n = 0;

	uint8_t		*align = cmark_gfm_extensions_get_table_alignments(c);
	int		 ncols = cmark_gfm_extensions_get_table_columns(c), i;
	bool		 aligned = false;

	table = model_add(p->doc, parent, CO_KIND_TABLE, node_pos(p, c));
	/* The delimiter row's colons: 'l', 'c', 'r', or 0 for none. */
	for (i = 0; align != NULL && i < ncols; i++)
		aligned |= align[i] != 0;
	if (aligned) {
		table->as.table.ngiven = ncols;
		table->as.table.cols = arena_alloc(p->doc->arena, ncols * sizeof(struct co_col));
		for (i = 0; i < ncols; i++)
			table->as.table.cols[i].align = align[i] == 'l' ? CO_ALIGN_LEFT :
			    align[i] == 'r' ? CO_ALIGN_RIGHT : align[i] == 'c' ? CO_ALIGN_CENTER :
			    CO_ALIGN_AUTO;
	}
	for (r = cmark_node_first_child(c); r != NULL; r = cmark_node_next(r)) {
		row = model_add(p->doc, table, CO_KIND_ROW, node_pos(p, r));
		row->as.row.header = strcmp(cmark_node_get_type_string(r), "table_header") == 0;
		if (!row->as.row.header)
			row->as.row.where = arena_printf(p->doc->arena, "%s, table row %d",
			    p->src->where, ++n);
		for (k = cmark_node_first_child(r); k != NULL; k = cmark_node_next(k)) {
			cell = model_add(p->doc, row, CO_KIND_CELL, node_pos(p, k));
			para = model_add(p->doc, cell, CO_KIND_PARA, node_pos(p, k));
			add_inlines(p, para, k, false);
		}
	}
}

/* The author's label of footnote definition "c": the "[^x]:" its line starts with. */
static const char *
note_label(struct parse *p, cmark_node *c)
{
	size_t		 off = to_text(p, value_offset(p, cmark_node_get_start_line(c), 1));
	const char	*s = p->text + MIN(off, p->len), *open, *close;

	if ((open = strstr(s, "[^")) == NULL || (close = strchr(open, ']')) == NULL)
		return "?";
	return arena_strndup(p->doc->arena, open + 2, close - open - 2);
}

static void
add_block(struct parse *p, struct co_node *parent, cmark_node *c)
{
	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_LIST:
	case CMARK_NODE_BLOCK_QUOTE:
		if (p->depth == MAX_NESTING) {
			if (!p->too_deep)
				co_diag(&p->doc->diags, node_pos(p, c), CO_DIAG_E_DEPTH,
				    "lists and quotes nest at most %d deep in %s", MAX_NESTING,
				    p->src->where);
			if (!p->too_deep)
				co_diag(&p->doc->diags, node_pos(p, c), CO_DIAG_HINT,
				    "write the innermost ones as paragraphs of the item or quote around them");
			p->too_deep = true;
			return;
		}
		p->depth++;
		add_nested(p, parent, c);
		p->depth--;
		return;
	default:
		add_flat(p, parent, c);
	}
}

/* A list or a quote, and what is inside it. */
static void
add_nested(struct parse *p, struct co_node *parent, cmark_node *c)
{
	struct co_node	*n;
	cmark_node	*k;

	if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
		n = model_add(p->doc, parent, CO_KIND_LIST, node_pos(p, c));
		n->as.list.ordered = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST;
		n->as.list.start = n->as.list.ordered ? cmark_node_get_list_start(c) : 1;
		n->as.list.tight = cmark_node_get_list_tight(c);
		add_blocks(p, n, c);
		if (n->first == NULL)	/* every item was empty */
			model_unlink(n);
		return;
	}
	n = model_add(p->doc, parent, CO_KIND_QUOTE, node_pos(p, c));
	for (k = cmark_node_first_child(c); k != NULL; k = cmark_node_next(k))
		if (cmark_node_get_type(k) == CMARK_NODE_PARAGRAPH && is_attribution(k) &&
		    k != cmark_node_first_child(c))
			add_attribution(p, n, k);
		else
			add_block(p, n, k);
}

/* Any other block: a paragraph, an item, code, a table … */
static void
add_flat(struct parse *p, struct co_node *parent, cmark_node *c)
{
	struct co_node	*n;
	cmark_node	*image;
	const char	*lit;
	char		*id;

	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_PARAGRAPH:
		if ((image = lone_image(c, &id)) != NULL) {
			add_figure(p, parent, image, id);
			g_free(id);
			return;
		}
		n = model_add(p->doc, parent, CO_KIND_PARA, node_pos(p, c));
		add_inlines(p, n, c, false);
		return;
	case CMARK_NODE_ITEM:
		n = model_add(p->doc, parent, CO_KIND_ITEM, node_pos(p, c));
		add_blocks(p, n, c);
		/* A "-" alone on its line: a bullet with nothing to say is left out. */
		if (n->first == NULL) {
			co_diag(&p->doc->diags, n->pos, CO_DIAG_W_EMPTY_ITEM,
			    "a '-' or '1.' with nothing after it is left out");
			model_unlink(n);
		}
		return;
	case CMARK_NODE_CODE_BLOCK:
		n = model_add(p->doc, parent, CO_KIND_CODEBLOCK, node_pos(p, c));
		n->as.code.text = keep(p, cmark_node_get_literal(c));
		lit = cmark_node_get_fence_info(c);
		n->as.code.info = lit != NULL && *lit != '\0' ? keep(p, lit) : NULL;
		return;
	case CMARK_NODE_HTML_BLOCK:
		lit = cmark_node_get_literal(c);
		co_diag(&p->doc->diags, node_pos(p, c), CO_DIAG_W_RAW_HTML, "'%.*s'",
		    (int)strcspn(lit, "\n"), lit);
		/* Printed as written, without its last line end. */
		n = model_add(p->doc, parent, CO_KIND_PARA, node_pos(p, c));
		model_add_text(p->doc, n, lit, strlen(lit) - (g_str_has_suffix(lit, "\n") ? 1 : 0),
		    node_pos(p, c));
		return;
	case CMARK_NODE_HEADING:
		co_diag(&p->doc->diags, node_pos(p, c), CO_DIAG_E_HEADING, "a heading in %s",
		    p->src->where);
		co_diag(&p->doc->diags, node_pos(p, c), CO_DIAG_HINT,
		    "closeout numbers the headings itself: make it a section, "
		    "'sections: [{title: …, text: …}]', and the text after it that section's text");
		n = model_add(p->doc, parent, CO_KIND_PARA, node_pos(p, c));
		add_inlines(p, n, c, false);
		return;
	case CMARK_NODE_THEMATIC_BREAK:
		model_add(p->doc, parent, CO_KIND_RULE, node_pos(p, c));
		return;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		return;		/* made first, by add_notes() */
	default:
		break;
	}
	if (strcmp(cmark_node_get_type_string(c), "table") == 0)
		add_table(p, parent, c);
	else
		add_blocks(p, parent, c);
}

static void
add_blocks(struct parse *p, struct co_node *parent, cmark_node *c)
{
	cmark_node	*k;

	for (k = cmark_node_first_child(c); k != NULL; k = cmark_node_next(k)) {
		if (arena_used(p->doc->arena) > CO_MAX_MODEL_BYTES)
			return;
		add_block(p, parent, k);
	}
}

/*
 * The footnotes cmark kept (those referred to), in the order of their
 * first mark: made before the text, so that marks (in the text and in
 * other notes) can point at them, then filled in.
 */
static void
add_notes(struct parse *p, cmark_node *doc)
{
	struct co_node	*n;
	cmark_node	*k;
	guint		 i = 0;

	for (k = cmark_node_first_child(doc); k != NULL; k = cmark_node_next(k)) {
		if (cmark_node_get_type(k) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		n = model_node_new(p->doc, CO_KIND_NOTE, node_pos(p, k));
		n->as.note.label = note_label(p, k);
		g_ptr_array_add(p->notes, n);
	}
	for (k = cmark_node_first_child(doc); k != NULL; k = cmark_node_next(k))
		if (cmark_node_get_type(k) == CMARK_NODE_FOOTNOTE_DEFINITION)
			add_blocks(p, g_ptr_array_index(p->notes, i++), k);
}

/*
 * A footnote no mark refers to is dropped by cmark: find the definitions
 * in the text ("[^x]: …" at a line's start) that it did not keep, and say so.
 */
static void
check_unused_notes(struct parse *p)
{
	const char	*s, *close;
	guint		 i, k;
	bool		 kept;

	for (i = 0; i < p->lines->len; i++) {
		s = p->text + g_array_index(p->lines, size_t, i);
		s += strspn(s, " ");
		if (!g_str_has_prefix(s, "[^") || (close = strchr(s, ']')) == NULL ||
		    close[1] != ':' || memchr(s, '\n', close - s) != NULL)
			continue;
		kept = false;
		for (k = 0; k < p->notes->len && !kept; k++) {
			const char *label = ((struct co_node *)g_ptr_array_index(p->notes,
			    k))->as.note.label;
			kept = strlen(label) == (size_t)(close - s - 2) &&
			    strncmp(label, s + 2, close - s - 2) == 0;
		}
		if (!kept)
			co_diag(&p->doc->diags, source_pos(p, value_offset(p, i + 1, s - (p->text +
			    g_array_index(p->lines, size_t, i)) + 1)), CO_DIAG_W_FOOTNOTE,
			    "'%.*s' is never referred to, so it is left out", (int)(close - s + 1), s);
	}
}

/* True if s[i] ends a marker: a space, a tab, or the end. */
static bool
marker_end(const char *s, size_t len, size_t i)
{
	return i >= len || s[i] == ' ' || s[i] == '\t';
}

/*
 * Where a backslash keeps a one-line value from being a list, a quote, a
 * heading or a rule ("- 5 %", "3. vaihe", "> 100", "# 1", "***"): before
 * its marker's punctuation.  -1 if the value starts no block.
 */
static ssize_t
block_marker(const char *s, size_t len)
{
	size_t	 i = 0;

	if (len == 0)
		return -1;
	if (s[0] == '>')
		return 0;
	if (strchr("-+*", s[0]) != NULL && marker_end(s, len, 1))
		return 0;
	/* A rule: three or more of one of - * _, spaces between. */
	if (strchr("-*_", s[0]) != NULL) {
		size_t n = 0;
		for (i = 0; i < len && (s[i] == s[0] || s[i] == ' ' || s[i] == '\t'); i++)
			n += s[i] == s[0];
		if (i == len && n >= 3)
			return 0;
	}
	if (s[0] == '#') {
		for (i = 0; i < len && i < 7 && s[i] == '#'; i++)
			;
		return i <= 6 && marker_end(s, len, i) ? 0 : -1;
	}
	for (i = 0; i < len && i < 9 && g_ascii_isdigit(s[i]); i++)
		;
	if (i > 0 && i < len && (s[i] == '.' || s[i] == ')') && marker_end(s, len, i + 1))
		return (ssize_t)i;	/* "3\. vaihe": the digits stay digits */
	return -1;
}

/* A line longer than a paragraph may be: said at its start, and the text not parsed. */
static bool
too_long_line(struct parse *p)
{
	size_t	 i, start, end;

	for (i = 0; i < p->lines->len; i++) {
		start = g_array_index(p->lines, size_t, i);
		end = i + 1 < p->lines->len ? g_array_index(p->lines, size_t, i + 1) - 1 : p->len;
		if (end - start <= PROSE_MAX_PARAGRAPH)
			continue;
		co_diag(&p->doc->diags, source_pos(p, start), CO_DIAG_E_TOO_LONG,
		    "%zu bytes of text in one paragraph; the limit is %d (16 KiB)",
		    end - start, PROSE_MAX_PARAGRAPH);
		co_diag(&p->doc->diags, source_pos(p, start), CO_DIAG_HINT,
		    "split it into paragraphs, with an empty line between them");
		return true;
	}
	return false;
}

/*
 * "[^" whose "]" is on a later line is no footnote mark, but cmark-gfm
 * 0.29 drops what is between them ("[^two\nwords]" prints "[^]"): its "["
 * is escaped, and the text stays as written.  Positions go in "escapes".
 */
static void
escape_broken_marks(GString *text, GArray *escapes)
{
	size_t	 i, j;

	for (i = 0; i + 1 < text->len; i++) {
		if (text->str[i] != '[' || text->str[i + 1] != '^' ||
		    (i > 0 && text->str[i - 1] == '\\'))
			continue;
		for (j = i + 2; j < text->len && text->str[j] != ']' && text->str[j] != '['; j++)
			if (text->str[j] == '\n')
				break;
		if (j < text->len && text->str[j] == '\n') {
			g_string_insert_c(text, i, '\\');
			g_array_append_val(escapes, i);
			i++;
		}
	}
}

/* The text parsed with cmark's options and the extensions named (NULL-terminated). */
static cmark_node *
parse(const char *text, size_t len, int options, const char *const *extensions,
    cmark_parser **parser)
{
	size_t	 i;

	*parser = cmark_parser_new(options);
	for (i = 0; extensions[i] != NULL; i++)
		cmark_parser_attach_syntax_extension(*parser,
		    cmark_find_syntax_extension(extensions[i]));
	cmark_parser_feed(*parser, text, len);
	return cmark_parser_finish(*parser);
}

/* True if every literal and address in the tree is UTF-8. */
static bool
utf8_tree(cmark_node *root)
{
	cmark_iter		*it = cmark_iter_new(root);
	cmark_event_type	 ev;
	cmark_node		*n;
	const char		*s;
	bool			 ok = true;

	while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		if ((s = cmark_node_get_literal(n)) != NULL && !g_utf8_validate(s, -1, NULL))
			ok = false;
		if ((cmark_node_get_type(n) == CMARK_NODE_LINK ||
		    cmark_node_get_type(n) == CMARK_NODE_IMAGE) &&
		    (s = cmark_node_get_url(n)) != NULL && !g_utf8_validate(s, -1, NULL))
			ok = false;
	}
	cmark_iter_free(it);
	return ok;
}

void
prose_blocks(struct co_doc *doc, struct co_node *parent, const struct prose_src *src)
{
	/* The autolinker first: without it is extensions + 1. */
	static const char *const extensions[] = { "autolink", "table", "strikethrough", NULL };
	static gsize		 registered;
	struct parse		 p;
	cmark_parser		*parser;
	cmark_node		*root;
	GString			*text;
	size_t			 off, i;
	ssize_t			 at;

	if (g_once_init_enter(&registered)) {
		cmark_gfm_core_extensions_ensure_registered();
		g_once_init_leave(&registered, 1);
	}
	memset(&p, 0, sizeof(p));
	p.doc = doc;
	p.src = src;
	p.escapes = g_array_new(FALSE, FALSE, sizeof(size_t));
	text = g_string_sized_new(src->len + 2);
	g_string_append_len(text, src->text, src->len);
	/* One line is one paragraph: a leading marker is the author's text. */
	if (memchr(src->text, '\n', src->len) == NULL &&
	    (at = block_marker(src->text, src->len)) >= 0) {
		size_t e = (size_t)at;
		g_string_insert_c(text, e, '\\');
		g_array_append_val(p.escapes, e);
	}
	escape_broken_marks(text, p.escapes);
	p.text = text->str;
	p.len = text->len;
	p.lines = g_array_new(FALSE, FALSE, sizeof(size_t));
	off = 0;
	g_array_append_val(p.lines, off);
	for (i = 0; i < p.len; i++)
		if (p.text[i] == '\n') {
			off = i + 1;
			g_array_append_val(p.lines, off);
		}
	p.notes = g_ptr_array_new();
	if (too_long_line(&p))
		goto out;

	/*
	 * cmark-gfm 0.29 can cut a character in two and drop bytes of text
	 * it took for a footnote mark ("[^" and a line break, then "www.i―;]"):
	 * such a text is read again without footnotes, then without the
	 * autolinker, so that every byte stays.
	 */
	for (i = 0; i < 3; i++) {
		root = parse(p.text, p.len, i == 0 ? CMARK_OPT_FOOTNOTES : 0,
		    extensions + (i == 2), &parser);
		if (i == 2 || utf8_tree(root))
			break;
		cmark_node_free(root);
		cmark_parser_free(parser);
	}
	add_notes(&p, root);
	add_blocks(&p, parent, root);
	/* The notes go after the text they belong to. */
	for (i = 0; i < p.notes->len; i++)
		model_append(parent, g_ptr_array_index(p.notes, i));
	check_unused_notes(&p);
	cmark_node_free(root);
	cmark_parser_free(parser);
out:
	g_array_free(p.escapes, TRUE);
	g_ptr_array_free(p.notes, TRUE);
	g_array_free(p.lines, TRUE);
	g_string_free(text, TRUE);
}
