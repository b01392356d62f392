/* render_pdf.c: paints laid-out pages with Cairo, with links, bookmarks, tags and metadata. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "image.h"
#include "render_pdf.h"

struct painter {
	cairo_surface_t		*surface;	/* the PDF */
	cairo_t			*cr;		/* drawing context */
	const struct co_pages	*pages;		/* what we paint */
	int			 outline[8];	/* last bookmark id per level */
	char			*error;		/* the first failure, or NULL */
	struct pdf_marks	*marks;		/* what the finisher adds (pdf_archive.c) */
	enum tpl_pdf_standard	 std;		/* what the file is made to be */
	GArray			*path;		/* int: the open element's place in the tree */
	GArray			*kids;		/* int: children begun, per open element */
	int			 cpage;		/* cairo's page being painted, 0-based */
	GString			*link_text;	/* the text painted in the open Link tag, or NULL */
	const char		*link_target;	/* its destination */
};

/*
 * A structure element begins.  Its place in the tree (each ancestor's
 * child index, from the Document down) goes with what it needs that cairo
 * cannot write, for pdf_archive.c to find it without reading the rest.
 */
static void
begin_element(struct painter *p, const char *tag, const char *attrs, const char *lang,
    const char *alt, const char *scope)
{
	int	*top = &g_array_index(p->kids, int, p->kids->len - 1), zero = 0;

	cairo_tag_begin(p->cr, tag, attrs);
	g_array_append_val(p->path, *top);
	(*top)++;
	g_array_append_val(p->kids, zero);
	if (lang != NULL || alt != NULL || scope != NULL) {
		/* The pages may be gone when the file is finished: the marks keep copies. */
		struct pdf_attr a;
		a.tag = g_intern_string(tag);
		a.path = g_memdup2(p->path->data, p->path->len * sizeof(int));
		a.depth = p->path->len;
		a.lang = lang;
		a.alt = g_strdup(alt);
		a.scope = scope;
		g_array_append_val(p->marks->attrs, a);
	}
}

static void
end_element(struct painter *p, const char *tag)
{
	cairo_tag_end(p->cr, tag);
	g_array_set_size(p->path, p->path->len - 1);
	g_array_set_size(p->kids, p->kids->len - 1);
}

/* A link's text and target, for its annotation's /Contents, in the order painted. */
static void
note_link(struct painter *p, const char *target, const char *text)
{
	struct pdf_link	 l;

	l.page = p->cpage;
	l.target = g_strdup(target);
	l.text = g_strdup(text);
	g_array_append_val(p->marks->links, l);
}

static void
set_colour(cairo_t *cr, const struct tpl_colour *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

/* Quotes a value for a cairo tag attribute: ' and \ need a backslash. */
static char *
quote_attr(const char *s)
{
	GString	*out = g_string_new("'");

	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			g_string_append_c(out, '\\');
		g_string_append_c(out, *s);
	}
	g_string_append_c(out, '\'');
	return g_string_free(out, FALSE);
}

/*
 * Glyphs [g0, g1) of a run, and their clusters [c0, c1) whose text starts at
 * byte "t0" of the run's: with its text, so that the PDF can be searched
 * and copied.  A run without clusters is painted whole (g0 0, g1 all).
 */
static void
paint_glyphs(struct painter *p, const struct lay_text *t, const struct lay_run *r,
    int g0, int g1, int c0, int c1, int t0, int t1, double x, double y)
{
	cairo_glyph_t		*glyphs;
	cairo_text_cluster_t	*clusters = NULL;
	int			 i;

	if (g1 <= g0 && c1 <= c0)
		return;
	set_colour(p->cr, r->coloured ? &r->colour : &t->colour);
	/* measure_pango.c made the runs: their fonts are Pango's. */
	cairo_set_scaled_font(p->cr, pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(r->font)));
	glyphs = g_new(cairo_glyph_t, g1 - g0 + 1);
	for (i = g0; i < g1; i++) {
		glyphs[i - g0].index = r->glyphs[i];
		glyphs[i - g0].x = x + r->xs[i];	/* xs count from the line's edge */
		glyphs[i - g0].y = r->ys != NULL ? y + r->ys[i] : y;
	}
	if (r->clusters != NULL) {
		clusters = g_new(cairo_text_cluster_t, c1 - c0 + 1);
		for (i = c0; i < c1; i++) {
			clusters[i - c0].num_bytes = r->clusters[2 * i];
			clusters[i - c0].num_glyphs = r->clusters[2 * i + 1];
		}
		cairo_show_text_glyphs(p->cr, r->text + t0, t1 - t0, glyphs, g1 - g0,
		    clusters, c1 - c0, 0);
		if (p->link_text != NULL && r->rtl) {
			/* The link's description reads in logical order. */
			char *logical = g_utf8_strreverse(r->text + t0, t1 - t0);
			g_string_append(p->link_text, logical);
			g_free(logical);
		} else if (p->link_text != NULL)
			g_string_append_len(p->link_text, r->text + t0, t1 - t0);
	} else
		cairo_show_glyphs(p->cr, glyphs, g1 - g0);
	g_free(clusters);
	g_free(glyphs);
}

/* The link of line "line" whose span holds x, or -1: where a glyph of it belongs. */
static int
link_at(const struct lay_text *t, int line, double x)
{
	int	 k;

	for (k = 0; k < t->nhots; k++) {
		const struct lay_hot *h = &t->hots[k];
		if (h->line == line && h->kind == MS_RANGE_LINK && x >= h->x0 - 0.01 &&
		    x < h->x1 - 0.01)
			return k;
	}
	return -1;
}

/* True if lines [first, first + n) of "t" hold a link. */
static bool
has_links(const struct lay_text *t, int first, int n)
{
	int	 k;

	for (k = 0; k < t->nhots; k++)
		if (t->hots[k].kind == MS_RANGE_LINK && t->hots[k].line >= first &&
		    t->hots[k].line < first + n)
			return true;
	return false;
}

/* The tag of a part of a text with links: a Link of its own, or a Span. */
static void
open_part(struct painter *p, const struct lay_text *t, int hot)
{
	char	*q, *attrs;

	if (hot < 0) {
		begin_element(p, "Span", NULL, NULL, NULL, NULL);
		return;
	}
	q = quote_attr(t->hots[hot].uri != NULL ? t->hots[hot].uri : t->hots[hot].dest);
	attrs = g_strdup_printf("%s=%s", t->hots[hot].uri != NULL ? "uri" : "dest", q);
	begin_element(p, CAIRO_TAG_LINK, attrs, NULL, NULL, NULL);
	p->link_text = g_string_new(NULL);
	p->link_target = t->hots[hot].uri != NULL ? t->hots[hot].uri : t->hots[hot].dest;
	g_free(attrs);
	g_free(q);
}

static void
close_part(struct painter *p, int hot)
{
	if (hot < 0) {
		end_element(p, "Span");
		return;
	}
	end_element(p, CAIRO_TAG_LINK);
	note_link(p, p->link_target, p->link_text->str);
	g_string_free(p->link_text, TRUE);
	p->link_text = NULL;
}

/*
 * A run of a line with links, in parts: each glyph goes with the link it
 * lies under, or with the text between links.  A part changes only at a
 * cluster's edge.
 */
static void
paint_parts(struct painter *p, const struct lay_text *t, const struct lay_run *r, int line,
    double x, double y, int *open)
{
	int	 c, g = 0, b = 0, g0 = 0, c0 = 0, b0 = 0, part;

	for (c = 0; c < r->nclusters; c++) {
		part = r->clusters[2 * c + 1] > 0 ? link_at(t, line, r->xs[g]) : *open;
		if (part != *open) {
			paint_glyphs(p, t, r, g0, g, c0, c, b0, b, x, y);
			close_part(p, *open);
			open_part(p, t, part);
			*open = part;
			g0 = g, c0 = c, b0 = b;
		}
		g += r->clusters[2 * c + 1];
		b += r->clusters[2 * c];
	}
	paint_glyphs(p, t, r, g0, r->nglyphs, c0, r->nclusters, b0, r->ntext, x, y);
}

static void
paint_text(struct painter *p, const struct lay_item *it)
{
	const struct lay_text	*t = it->text;
	const struct lay_run	*runs;
	int			 i, k, open = -1;
	double			 x, y;
	bool			 parts;

	if ((runs = measure_runs(p->pages->measure, t, &p->error)) == NULL)
		return;
	/*
	 * cairo 1.16 marks the content of an element only when it has no child
	 * elements: a text with a link is tagged in parts, Span and Link, or
	 * its own text would be untagged.
	 */
	parts = has_links(t, it->first, it->n);
	if (parts)
		open_part(p, t, -1);
	for (i = it->first; i < it->first + it->n; i++) {
		x = it->x + t->x[i];
		y = it->y + t->baseline[i] - t->top[it->first];
		for (k = t->line_run[i]; k < t->line_run[i + 1]; k++) {
			if (parts && runs[k].clusters != NULL)
				paint_parts(p, t, &runs[k], i, x, y, &open);
			else
				paint_glyphs(p, t, &runs[k], 0, runs[k].nglyphs, 0, runs[k].nclusters,
				    0, runs[k].ntext, x, y);
		}
	}
	if (parts)
		close_part(p, open);
}

static void
paint_item(struct painter *p, const struct lay_item *it)
{
	cairo_t		*cr = p->cr;
	char		*q, *attrs;
	double		 dash[2];
	int		 parent, lv;

	switch (it->kind) {
	case LAY_TEXT:
		paint_text(p, it);
		break;
	case LAY_RECT:
		set_colour(cr, it->colour);
		cairo_rectangle(cr, it->x, it->y, it->w, it->h);
		cairo_fill(cr);
		break;
	case LAY_LINE:
		set_colour(cr, it->colour);
		cairo_set_line_width(cr, it->line_width);
		cairo_move_to(cr, it->x, it->y);
		cairo_line_to(cr, it->x + it->w, it->y + it->h);
		cairo_stroke(cr);
		break;
	case LAY_DOTS:
		/* Round dots: a zero-length dash with a round cap. */
		set_colour(cr, it->colour);
		cairo_save(cr);
		cairo_set_line_width(cr, it->line_width);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		dash[0] = 0;
		dash[1] = 3.2;
		cairo_set_dash(cr, dash, 2, 0);
		cairo_move_to(cr, it->x + it->w, it->y);
		cairo_line_to(cr, it->x, it->y);
		cairo_stroke(cr);
		cairo_restore(cr);
		break;
	case LAY_DEST:
		q = quote_attr(it->dest);
		attrs = g_strdup_printf("name=%s x=%.2f y=%.2f", q, it->x, it->y);
		cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs);
		cairo_tag_end(cr, CAIRO_TAG_DEST);
		g_free(attrs);
		g_free(q);
		break;
	case LAY_OUTLINE:
		lv = CLAMP(it->level, 1, 7);
		parent = lv == 1 ? CAIRO_PDF_OUTLINE_ROOT : p->outline[lv - 1];
		q = quote_attr(it->dest);
		attrs = g_strdup_printf("dest=%s", q);
		p->outline[lv] = cairo_pdf_surface_add_outline(p->surface, parent,
		    it->tag, attrs, 0);
		for (lv = lv + 1; lv < 8; lv++)
			p->outline[lv] = p->outline[lv - 1];
		g_free(attrs);
		g_free(q);
		break;
	case LAY_TAG_BEGIN:
		if (strcmp(it->tag, "Link") == 0) {
			/* A Link around what it holds (a contents entry): its area is theirs. */
			q = quote_attr(it->dest);
			attrs = g_strdup_printf("dest=%s", q);
			begin_element(p, CAIRO_TAG_LINK, attrs, NULL, NULL, NULL);
			p->link_text = g_string_new(NULL);
			p->link_target = it->dest;
			g_free(attrs);
			g_free(q);
		} else
			begin_element(p, it->tag, NULL, it->lang,
			    strcmp(it->tag, "Figure") == 0 ? it->attr : NULL,
			    strcmp(it->tag, "TH") == 0 ? it->attr : NULL);
		break;
	case LAY_TAG_END:
		if (strcmp(it->tag, "Link") == 0) {
			end_element(p, CAIRO_TAG_LINK);
			note_link(p, p->link_target, p->link_text->str);
			g_string_free(p->link_text, TRUE);
			p->link_text = NULL;
		} else
			end_element(p, it->tag);
		break;
	case LAY_IMAGE:
		image_paint(it->image, cr, it->x, it->y, it->w, it->h, p->std == TPL_PDF_A1B);
		break;
	case LAY__MAX:
		break;
	}
}

/* ISO 8601 date for the PDF's metadata, from SOURCE_DATE_EPOCH if set. */
static char *
creation_date(void)
{
	GDateTime	*dt;
	char		*s;
	int64_t		 t;

	if (!env_source_date(&t))
		return NULL;
	dt = g_date_time_new_from_unix_utc(t);
	if (dt == NULL)
		return NULL;
	s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(dt);
	return s;
}

static void
set_metadata(cairo_surface_t *s, const struct co_doc *doc)
{
	const struct co_meta	*m = &doc->meta;
	GString			*buf;
	char			*date;
	int			 i;

	if (m->title.s != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, m->title.s);
	buf = g_string_new(NULL);
	for (i = 0; i < m->nauthors; i++)
		g_string_append_printf(buf, "%s%s", i ? ", " : "", m->authors[i].name.s);
	if (buf->len == 0 && m->norganisations > 0)
		g_string_append(buf, m->organisations[0].s);
	if (buf->len > 0)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, buf->str);
	g_string_truncate(buf, 0);
	if (m->subtitle.s != NULL)
		g_string_append_printf(buf, "%s: ", m->subtitle.s);
	if (m->project_name.s != NULL)
		g_string_append(buf, m->project_name.s);
	if (buf->len > 0)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, buf->str);
	g_string_truncate(buf, 0);
	for (i = 0; i < m->nkeywords; i++)
		g_string_append_printf(buf, "%s%s", i ? ", " : "", m->keywords[i].s);
	if (buf->len > 0)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, buf->str);
	g_string_free(buf, TRUE);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "closeout " CO_VERSION);
	if ((date = creation_date()) != NULL) {
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
		g_free(date);
	}
}

void
pdf_marks_init(struct pdf_marks *m)
{
	m->attrs = g_array_new(FALSE, FALSE, sizeof(struct pdf_attr));
	m->links = g_array_new(FALSE, FALSE, sizeof(struct pdf_link));
	m->pages = g_array_new(FALSE, FALSE, sizeof(struct pdf_page_parts));
}

void
pdf_marks_free(struct pdf_marks *m)
{
	guint	 i;

	for (i = 0; i < m->links->len; i++) {
		g_free(g_array_index(m->links, struct pdf_link, i).target);
		g_free(g_array_index(m->links, struct pdf_link, i).text);
	}
	for (i = 0; i < m->attrs->len; i++) {
		g_free((char *)g_array_index(m->attrs, struct pdf_attr, i).alt);
		g_free(g_array_index(m->attrs, struct pdf_attr, i).path);
	}
	g_array_free(m->attrs, TRUE);
	g_array_free(m->links, TRUE);
	g_array_free(m->pages, TRUE);
}

/* True if the page has items of "kind" to paint. */
static bool
page_has(const struct lay_page *pg, enum lay_artifact kind)
{
	guint	 k;

	for (k = 0; k < pg->items->len; k++)
		if (g_array_index(pg->items, struct lay_item, k).artifact == kind)
			return true;
	return false;
}

/*
 * Paints the items of "pg" that are "kind" as one page of cairo's: the
 * content with its tags, or one kind of artifact.  Returns the page's index.
 */
static int
paint_page(struct painter *p, const struct lay_page *pg, enum lay_artifact kind)
{
	guint	 k;

	for (k = 0; k < pg->items->len; k++) {
		const struct lay_item *it = &g_array_index(pg->items, struct lay_item, k);
		if (it->artifact == kind)
			paint_item(p, it);
	}
	cairo_show_page(p->cr);
	return p->cpage++;
}

bool
co_render_pdf(const struct co_pages *pages, enum tpl_pdf_standard std,
    cairo_write_func_t write, void *closure,
    const char *path, struct pdf_marks *marks, char **error)
{
	struct painter		 p;
	struct pdf_page_parts	 parts;
	const struct tpl	*t = pages->tpl;
	cairo_status_t		 st;
	guint			 i;
	bool			 ok = false;
	double			 w = t->page_width, h = t->page_height;

	memset(&p, 0, sizeof(p));
	p.pages = pages;
	p.marks = marks;
	p.std = std;
	p.path = g_array_new(FALSE, FALSE, sizeof(int));
	p.kids = g_array_new(FALSE, TRUE, sizeof(int));
	g_array_set_size(p.kids, 1);	/* the tree's root: no children yet */
	p.surface = cairo_pdf_surface_create_for_stream(write, closure, t->page_width,
	    t->page_height);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
		*error = g_strdup_printf("%s: %s", path,
		    cairo_status_to_string(cairo_surface_status(p.surface)));
		goto out;
	}
	cairo_pdf_surface_restrict_to_version(p.surface,
	    std == TPL_PDF_A1B ? CAIRO_PDF_VERSION_1_4 : CAIRO_PDF_VERSION_1_5);
	set_metadata(p.surface, pages->doc);
	p.cr = cairo_create(p.surface);
	/* One Document element holds the report's structure (PDF/UA). */
	begin_element(&p, "Document", NULL, NULL, NULL, NULL);
	for (i = 0; i < pages->pages->len; i++) {
		const struct lay_page *pg = g_ptr_array_index(pages->pages, i);
		/* Only a page of another size (a landscape table) changes it. */
		if (pg->width != w || pg->height != h) {
			w = pg->width;
			h = pg->height;
			cairo_pdf_surface_set_size(p.surface, w, h);
		}
		/*
		 * The content with its tags on one page; each kind of artifact on a
		 * page of its own, outside every tag but the Document, which holds
		 * elements by then: cairo marks none of it.  pdf_archive.c lays
		 * them under the content as /Artifact and drops their pages.
		 */
		parts.content = paint_page(&p, pg, LAY_CONTENT);
		parts.pagination = page_has(pg, LAY_PAGINATION) ?
		    paint_page(&p, pg, LAY_PAGINATION) : -1;
		parts.layout = page_has(pg, LAY_LAYOUT) ? paint_page(&p, pg, LAY_LAYOUT) : -1;
		g_array_append_val(marks->pages, parts);
	}
	end_element(&p, "Document");
	if (p.error != NULL) {
		*error = g_strdup_printf("%s: %s", path, p.error);
		goto out;
	}
	st = cairo_status(p.cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		*error = g_strdup_printf("%s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	cairo_surface_finish(p.surface);
	st = cairo_surface_status(p.surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		*error = g_strdup_printf("%s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	ok = true;
out:
	g_array_free(p.path, TRUE);
	g_array_free(p.kids, TRUE);
	g_free(p.error);
	if (p.cr != NULL)
		cairo_destroy(p.cr);
	cairo_surface_destroy(p.surface);
	return ok;
}
