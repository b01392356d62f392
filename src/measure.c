/* measure.c: measured text as every measurer makes it (measure_pango.c, the tests' fake). */
#include <glib.h>

#include "measure.h"

struct lay_text *
lay_text_new(int nlines)
{
	struct lay_text	*t;

	t = g_new0(struct lay_text, 1);
	t->nlines = nlines;
	/* One block for the five per-line arrays. */
	t->top = g_new0(double, nlines * 5);
	t->bottom = t->top + nlines;
	t->baseline = t->bottom + nlines;
	t->x = t->baseline + nlines;
	t->w = t->x + nlines;
	t->line_run = g_new0(int, nlines + 1);
	t->spill_off = -1;
	return t;
}

void
lay_text_free(struct lay_text *t)
{
	if (t == NULL)
		return;
	g_free(t->block);
	g_free(t->line_run);
	g_free(t->hots);
	g_free(t->top);
	g_free(t);
}
