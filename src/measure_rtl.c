/*
 * measure_rtl.c: a right-to-left run of frozen glyphs turned into visual
 * order, as text extractors expect to find it in the PDF (measure_pango.c).
 */
#include <glib.h>
#include <string.h>

#include "measure_pango.h"

/*
 * Turns the scratch run "sr" round, into visual order: its glyphs (ids,
 * positions, offsets), its clusters, its characters one by one, and the
 * word spaces of it (from "space0" on) that justification widens.
 */
void
mp_reverse_run(struct measure *m, struct scratch_run *sr, guint space0)
{
	int	*sp = (int *)(void *)m->spaces->data, last = m->glyphs->len - 1;
	guint16	*gl = (guint16 *)(void *)m->glyphs->data;
	float	*xs = (float *)(void *)m->xs->data, *ys = (float *)(void *)m->ys->data, f;
	guint8	*cl = (guint8 *)m->clusters->data, b;
	char	*rev;
	int	 i, j;
	guint16	 t;

	for (i = sr->glyph0, j = (int)m->glyphs->len - 1; i < j; i++, j--) {
		t = gl[i], gl[i] = gl[j], gl[j] = t;
		f = xs[i], xs[i] = xs[j], xs[j] = f;
		f = ys[i], ys[i] = ys[j], ys[j] = f;
	}
	for (i = sr->cluster0, j = (int)m->clusters->len / 2 - 1; i < j; i++, j--) {
		b = cl[2 * i], cl[2 * i] = cl[2 * j], cl[2 * j] = b;
		b = cl[2 * i + 1], cl[2 * i + 1] = cl[2 * j + 1], cl[2 * j + 1] = b;
	}
	for (i = space0, j = (int)m->spaces->len - 1; i <= j; i++, j--) {
		int k = sr->glyph0 + last - sp[i];
		sp[i] = sr->glyph0 + last - sp[j];
		sp[j] = k;
	}
	/* The line's last glyph that shows is the run's rightmost now. */
	if (m->last_ink >= sr->glyph0)
		m->last_ink = last;
	rev = g_utf8_strreverse(m->chars->str + sr->char0, m->chars->len - sr->char0);
	memcpy(m->chars->str + sr->char0, rev, m->chars->len - sr->char0);
	g_free(rev);
	sr->run.rtl = true;
}
