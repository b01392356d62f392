/* image.h: images a report names (the logo), found, bounded and decoded once (pdf.c, layout, render_pdf.c). */
#ifndef CO_IMAGE_H
#define CO_IMAGE_H

#include <stdbool.h>

#include "diag.h"

enum co_image_kind {
	CO_IMAGE_PNG,		/* decoded by cairo */
	CO_IMAGE_JPEG,		/* embedded as it is: sized by gdk-pixbuf, never decoded */
	CO_IMAGE_SVG		/* drawn by librsvg */
};

struct co_image {
	enum co_image_kind	 kind;		/* what it is */
	char			*path;		/* the file */
	double			 width;		/* natural size: pixels, or SVG units */
	double			 height;
	void			*pixels;	/* PNG, JPEG: its cairo image surface */
	void			*svg;		/* SVG: its RsvgHandle */
};

/*
 * Opens the image "name" written at "pos": a PNG, JPEG or SVG file of at
 * most 16 MiB in the report's folder "dir" (no way out of it); a PNG of at
 * most 4000 × 4000 pixels that decodes whole, a JPEG of at most 10000 on a
 * side.  A logo (CO_DIAG_W_LOGO) may be PNG or SVG, of at most 4 MiB.
 * NULL after warning "id" at "pos", which says why it is left out.
 */
struct co_image	*image_open(struct co_diags *, const char *dir, const char *name,
		    struct co_pos pos, enum co_diag_id id);
void		 image_free(struct co_image *);
/*
 * Draws "img" fitted into the box (x, y, w, h), keeping its proportions,
 * at the box's top right (PNG) or centred (SVG).  "cr" is a cairo_t.  With
 * "opaque" an SVG is drawn as pixels on white, with no transparency
 * (PDF/A-1); PNGs are always opaque, their alpha flattened onto white.
 */
void		 image_paint(const struct co_image *, void *cr, double x, double y,
		    double w, double h, bool opaque);

#endif
