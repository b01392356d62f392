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
};

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

/* One run of glyphs, with its text so that the PDF can be searched and copied. */
static void
paint_run(struct painter *p, const struct lay_text *t, const struct lay_run *r,
    double x, double y)
{
	cairo_glyph_t		*glyphs;
	cairo_text_cluster_t	*clusters = NULL;
	int			 i;

	if (r->nglyphs == 0 && r->nclusters == 0)
		return;
	set_colour(p->cr, r->coloured ? &r->colour : &t->colour);
	/* measure_pango.c made the runs: their fonts are Pango's. */
	cairo_set_scaled_font(p->cr, pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(r->font)));
	glyphs = g_new(cairo_glyph_t, r->nglyphs + 1);
	for (i = 0; i < r->nglyphs; i++) {
		glyphs[i].index = r->glyphs[i];
		glyphs[i].x = x + r->xs[i];	/* xs count from the line's edge */
		glyphs[i].y = r->ys != NULL ? y + r->ys[i] : y;
	}
	if (r->clusters != NULL) {
		clusters = g_new(cairo_text_cluster_t, r->nclusters + 1);
		for (i = 0; i < r->nclusters; i++) {
			clusters[i].num_bytes = r->clusters[2 * i];
			clusters[i].num_glyphs = r->clusters[2 * i + 1];
		}
		cairo_show_text_glyphs(p->cr, r->text, r->ntext, glyphs, r->nglyphs,
		    clusters, r->nclusters, 0);
	} else
		cairo_show_glyphs(p->cr, glyphs, r->nglyphs);
	g_free(clusters);
	g_free(glyphs);
}

static void
paint_text(struct painter *p, const struct lay_item *it)
{
	const struct lay_text	*t = it->text;
	const struct lay_run	*runs;
	int			 i, k;
	double			 x, y;

	if ((runs = measure_runs(p->pages->measure, t, &p->error)) == NULL)
		return;
	for (i = it->first; i < it->first + it->n; i++) {
		x = it->x + t->x[i];
		y = it->y + t->baseline[i] - t->top[it->first];
		for (k = t->line_run[i]; k < t->line_run[i + 1]; k++)
			paint_run(p, t, &runs[k], x, y);
	}
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
	case LAY_LINK:
		q = quote_attr(it->uri != NULL ? it->uri : it->dest);
		attrs = g_strdup_printf("rect=[%.2f %.2f %.2f %.2f] %s=%s", it->x, it->y,
		    it->w, it->h, it->uri != NULL ? "uri" : "dest", q);
		cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
		cairo_tag_end(cr, CAIRO_TAG_LINK);
		g_free(attrs);
		g_free(q);
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
		cairo_tag_begin(cr, it->tag, NULL);
		break;
	case LAY_TAG_END:
		cairo_tag_end(cr, it->tag);
		break;
	case LAY_IMAGE:
		image_paint(it->image, cr, it->x, it->y, it->w, it->h);
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

bool
co_render_pdf(const struct co_pages *pages, cairo_write_func_t write, void *closure,
    const char *path, char **error)
{
	struct painter		 p;
	const struct tpl	*t = pages->tpl;
	cairo_status_t		 st;
	guint			 i, k;
	bool			 ok = false;
	double			 w = t->page_width, h = t->page_height;

	memset(&p, 0, sizeof(p));
	p.pages = pages;
	p.surface = cairo_pdf_surface_create_for_stream(write, closure, t->page_width,
	    t->page_height);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
		*error = g_strdup_printf("%s: %s", path,
		    cairo_status_to_string(cairo_surface_status(p.surface)));
		goto out;
	}
	cairo_pdf_surface_restrict_to_version(p.surface, CAIRO_PDF_VERSION_1_5);
	set_metadata(p.surface, pages->doc);
	p.cr = cairo_create(p.surface);
	for (i = 0; i < pages->pages->len; i++) {
		const struct lay_page *pg = g_ptr_array_index(pages->pages, i);
		/* Only a page of another size (a landscape table) changes it. */
		if (pg->width != w || pg->height != h) {
			w = pg->width;
			h = pg->height;
			cairo_pdf_surface_set_size(p.surface, w, h);
		}
		for (k = 0; k < pg->items->len; k++)
			paint_item(&p, &g_array_index(pg->items, struct lay_item, k));
		cairo_show_page(p.cr);
	}
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
	g_free(p.error);
	if (p.cr != NULL)
		cairo_destroy(p.cr);
	cairo_surface_destroy(p.surface);
	return ok;
}
