/* render_pdf.h: painting laid-out pages into a PDF with cairo (render_pdf.c, pdf.c). */
#ifndef CO_RENDER_PDF_H
#define CO_RENDER_PDF_H

#include <cairo.h>
#include <stdbool.h>

#include "layout.h"

/*
 * Paints the pages as a PDF handed to "write" (cairo's stream callback);
 * "path" names the output in messages.  False with *error set (g_free).
 */
bool	 co_render_pdf(const struct co_pages *, cairo_write_func_t write, void *closure,
	    const char *path, char **error);

#endif
