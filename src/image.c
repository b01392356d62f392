/*
 * image.c: the images a report names: confined to its folder, their size
 * bounded before they are decoded, decoded once, drawn with cairo (PNG,
 * JPEG as it is) or librsvg (SVG).  Any image left out gets a warning at
 * the line naming it.
 */
#include <sys/stat.h>

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gmodule.h>
#include <stdio.h>
#include <string.h>
#include <librsvg/rsvg.h>

#include "image.h"
#include "load.h"
#include "svg_check.h"

#define MAX_LOGO_BYTES	(4 * 1024 * 1024)
#define MAX_IMAGE_BYTES	(16 * 1024 * 1024)
#define MAX_PIXELS	4000		/* a decoded image's side, in pixels */
#define MAX_JPEG_PIXELS	10000		/* an embedded one's */

/*
 * librsvg, loaded the first time an SVG is opened: linking it costs every
 * run 6 ms of start-up (a third of the seed report's budget) for what few
 * reports use.  NULL if it cannot be loaded.
 */
struct rsvg_api {
	RsvgHandle	*(*new_from_file)(const char *, GError **);
	gboolean	 (*render_document)(RsvgHandle *, cairo_t *, const RsvgRectangle *,
			    GError **);
	gboolean	 (*intrinsic_size)(RsvgHandle *, gdouble *, gdouble *);
};

static const struct rsvg_api *
rsvg_load(void)
{
	static struct rsvg_api	 api;
	static bool		 tried;
	GModule			*mod;

	if (!tried) {
		tried = true;
		mod = g_module_open("librsvg-2.so.2", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
		if (mod == NULL ||
		    !g_module_symbol(mod, "rsvg_handle_new_from_file", (gpointer *)&api.new_from_file) ||
		    !g_module_symbol(mod, "rsvg_handle_render_document",
		    (gpointer *)&api.render_document) ||
		    !g_module_symbol(mod, "rsvg_handle_get_intrinsic_size_in_pixels",
		    (gpointer *)&api.intrinsic_size))
			api.new_from_file = NULL;
		/* Kept open: the handles it makes live on in cairo's surface. */
	}
	return api.new_from_file != NULL ? &api : NULL;
}

/* Reads the PNG header: the decoded image is bounded before it is decoded. */
static const char *
png_check(const char *path)
{
	unsigned char	 h[24];
	FILE		*fp;
	unsigned long	 w, ht;
	bool		 ok;

	if ((fp = fopen(path, "rb")) == NULL)
		return "it cannot be read";
	ok = fread(h, 1, sizeof(h), fp) == sizeof(h) &&
	    memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(h + 12, "IHDR", 4) == 0;
	fclose(fp);
	if (!ok)
		return "it is not a PNG file";
	w = (unsigned long)h[16] << 24 | h[17] << 16 | h[18] << 8 | h[19];
	ht = (unsigned long)h[20] << 24 | h[21] << 16 | h[22] << 8 | h[23];
	if (w == 0 || ht == 0 || w > MAX_PIXELS || ht > MAX_PIXELS)
		return "it is larger than 4000 × 4000 pixels";
	return NULL;
}

/*
 * The pixels on white, opaque: an alpha channel would become a soft mask,
 * which PDF/A-1 forbids, and every page and figure is on white.
 */
static cairo_surface_t *
flatten(cairo_surface_t *s)
{
	cairo_surface_t	*flat;
	cairo_t		*cr;

	flat = cairo_image_surface_create(CAIRO_FORMAT_RGB24, cairo_image_surface_get_width(s),
	    cairo_image_surface_get_height(s));
	cr = cairo_create(flat);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	return flat;
}

static const char *
open_png(struct co_image *img)
{
	cairo_surface_t	*s;
	const char	*why;

	if ((why = png_check(img->path)) != NULL)
		return why;
	s = cairo_image_surface_create_from_png(img->path);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return "it does not decode (a damaged or truncated PNG)";
	}
	img->pixels = flatten(s);
	img->width = cairo_image_surface_get_width(s);
	img->height = cairo_image_surface_get_height(s);
	cairo_surface_destroy(s);
	return NULL;
}

/*
 * gdk-pixbuf, loaded the first time a JPEG is opened, for its size only:
 * the JPEG itself goes into the PDF as it is (DCTDecode).
 */
static void *
file_info_fn(void)
{
	static void	*fn;
	static bool	 tried;
	GModule		*mod;

	if (!tried) {
		tried = true;
		mod = g_module_open("libgdk_pixbuf-2.0.so.0", G_MODULE_BIND_LAZY |
		    G_MODULE_BIND_LOCAL);
		if (mod != NULL && !g_module_symbol(mod, "gdk_pixbuf_get_file_info", &fn))
			fn = NULL;
	}
	return fn;
}

static const char *
open_jpeg(struct co_image *img)
{
	void		*(*info)(const char *, int *, int *) = file_info_fn();
	cairo_surface_t	*s;
	char		*data;
	gsize		 len;
	int		 w = 0, h = 0;

	if (info == NULL)
		return "gdk-pixbuf (libgdk-pixbuf-2.0-0) is not installed";
	if (info(img->path, &w, &h) == NULL || w <= 0 || h <= 0)
		return "it is not a JPEG file";
	if (w > MAX_JPEG_PIXELS || h > MAX_JPEG_PIXELS)
		return "it is larger than 10000 × 10000 pixels";
	if (!g_file_get_contents(img->path, &data, &len, NULL))
		return "it cannot be read";
	/* cairo's PDF writes the JPEG's bytes; the pixels are never touched. */
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, (unsigned char *)data, len,
	    g_free, data) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		g_free(data);
		return "it cannot be embedded";
	}
	img->pixels = s;
	img->width = w;
	img->height = h;
	return NULL;
}

static const char *
open_svg(struct co_image *img)
{
	const struct rsvg_api	*rsvg = rsvg_load();
	RsvgHandle		*h;
	gdouble			 w = 0, ht = 0;

	const char		*why;

	if (rsvg == NULL)
		return "librsvg (librsvg2-2) is not installed";
	if ((why = svg_check(img->path)) != NULL)
		return why;
	if ((h = rsvg->new_from_file(img->path, NULL)) == NULL)
		return "it is not a valid SVG file";
	if (!rsvg->intrinsic_size(h, &w, &ht) || w <= 0 || ht <= 0)
		w = ht = 0;	/* no size of its own: it fills the box */
	img->svg = h;
	img->width = w;
	img->height = ht;
	return NULL;
}

struct co_image *
image_open(struct co_diags *d, const char *dir, const char *name, struct co_pos pos,
    enum co_diag_id id)
{
	struct co_image	*img;
	const char	*why = NULL;
	GStatBuf	 st;
	char		*path;
	bool		 logo = id == CO_DIAG_W_LOGO;
	bool		 png = g_str_has_suffix(name, ".png"), svg = g_str_has_suffix(name, ".svg");
	bool		 jpeg = !logo && (g_str_has_suffix(name, ".jpg") ||
			    g_str_has_suffix(name, ".jpeg"));

	img = g_new0(struct co_image, 1);
	path = doc_path_inside(dir, name, true);
	/* g_stat() follows a symbolic link to the file doc_path_inside() checked. */
	if (!png && !svg && !jpeg)
		why = logo ? "it must be a PNG or SVG file" : "it must be a PNG, JPEG or SVG file";
	else if (path == NULL)
		why = "it is outside the report's folder";
	else if (g_stat(path, &st) != 0)
		why = "there is no such file";
	else if (!S_ISREG(st.st_mode))
		why = "it is not a regular file";
	else if (st.st_size > (logo ? MAX_LOGO_BYTES : MAX_IMAGE_BYTES))
		why = logo ? "it is larger than 4 MiB" : "it is larger than 16 MiB";
	if (why == NULL) {
		img->path = path;
		img->kind = png ? CO_IMAGE_PNG : jpeg ? CO_IMAGE_JPEG : CO_IMAGE_SVG;
		why = png ? open_png(img) : jpeg ? open_jpeg(img) : open_svg(img);
	} else
		g_free(path);
	if (why != NULL) {
		co_diag(d, pos, id, "'%s': %s", name, why);
		image_free(img);
		return NULL;
	}
	return img;
}

void
image_free(struct co_image *img)
{
	if (img == NULL)
		return;
	if (img->pixels != NULL)
		cairo_surface_destroy(img->pixels);
	if (img->svg != NULL)
		g_object_unref(img->svg);
	g_free(img->path);
	g_free(img);
}

/*
 * Pixels into the box: scaled to fit, at its top right.  The fast filter
 * keeps /Interpolate out of the PDF (PDF/A forbids it); a viewer smooths
 * the image as it likes anyway.
 */
static void
paint_pixels(cairo_t *cr, cairo_surface_t *px, double pw, double ph, double x, double y,
    double w, double h)
{
	double	 s = MIN(w / pw, h / ph);

	cairo_save(cr);
	cairo_translate(cr, x + w - pw * s, y);
	cairo_scale(cr, s, s);
	cairo_set_source_surface(cr, px, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_FAST);
	/*
	 * A fill, not cairo_paint(): in cairo 1.16 a paint that is the first
	 * drawing on a page, inside a structure tag, fails the whole PDF
	 * ("invalid tag name, attributes, or nesting").
	 */
	cairo_rectangle(cr, 0, 0, pw, ph);
	cairo_fill(cr);
	cairo_restore(cr);
}

/* Most pixels on a side of an SVG drawn as pixels: 300 dpi up to 21 cm. */
#define SVG_RASTER_DPI	300.0
#define SVG_RASTER_MAX	2480

/*
 * An SVG as pixels on white at 300 dpi: what PDF/A-1 allows, as librsvg
 * draws an SVG's opacity, masks and filters with transparency.
 */
static void
paint_svg_flat(const struct co_image *img, cairo_t *cr, double x, double y, double w,
    double h)
{
	cairo_surface_t	*px;
	cairo_t		*pc;
	double		 k = SVG_RASTER_DPI / 72.0;
	int		 pw, ph;

	k = MIN(k, SVG_RASTER_MAX / MAX(w, h));
	pw = MAX(1, (int)(w * k + 0.5));
	ph = MAX(1, (int)(h * k + 0.5));
	px = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	pc = cairo_create(px);
	cairo_set_source_rgb(pc, 1, 1, 1);
	cairo_paint(pc);
	RsvgRectangle vp = { 0, 0, pw, ph };
	rsvg_load()->render_document(img->svg, pc, &vp, NULL);
	cairo_destroy(pc);
	paint_pixels(cr, px, pw, ph, x, y, w, h);
	cairo_surface_destroy(px);
}

void
image_paint(const struct co_image *img, void *ctx, double x, double y, double w, double h,
    bool opaque)
{
	cairo_t		*cr = ctx;

	if (img->kind == CO_IMAGE_PNG || img->kind == CO_IMAGE_JPEG)
		paint_pixels(cr, img->pixels, img->width, img->height, x, y, w, h);
	else if (opaque)
		paint_svg_flat(img, cr, x, y, w, h);
	else {
		RsvgRectangle vp = { x, y, w, h };
		rsvg_load()->render_document(img->svg, cr, &vp, NULL);
	}
}
