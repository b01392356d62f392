/*
 * measure_pango.c: the real measurer: Pango on our pinned font set, one
 * context, dictionary hyphenation; measured text keeps compact glyph runs.
 */
#include <fontconfig/fontconfig.h>
#include <errno.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdio.h>
#include <pango/pangofc-fontmap.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "closeout.h"
#include "fonts.h"
#include "hyphen.h"
#include "measure.h"
#include "measure_pango.h"







static void
font_free(struct font *f)
{
	pango_font_description_free(f->desc);
	if (f->other != NULL)
		g_hash_table_destroy(f->other);
	g_free(f);
}

/* Checks that a family of the template is really in our font set. */
static bool
have_family(PangoFontMap *fm, const char *family)
{
	PangoFontFamily	**fams;
	int		  n, i;
	bool		  found = false;

	pango_font_map_list_families(fm, &fams, &n);
	for (i = 0; i < n; i++)
		if (g_ascii_strcasecmp(pango_font_family_get_name(fams[i]), family) == 0)
			found = true;
	g_free(fams);
	return found;
}

static const struct measurer_ops pango_ops;

/* co_cache_keep(): the font map (its fonts and their glyph caches) outlives the measurer. */
static bool		 keep_fonts;
static PangoFontMap	*kept_fontmap;
static GHashTable	*kept_fonts[CO_LANG__MAX];	/* m->fonts, per report language */

void
co_cache_keep(unsigned what)
{
	bool	 on = (what & CO_CACHE_FONTS) != 0;

	keep_fonts = on;
	hyph_keep(on);
	/* Texts are measured in the kept fonts: they go with them. */
	mc_keep(on && (what & CO_CACHE_TEXTS));
	if (on)
		return;
	g_clear_object(&kept_fontmap);
	for (int i = 0; i < CO_LANG__MAX; i++)
		g_clear_pointer(&kept_fonts[i], g_hash_table_unref);
}

/* The fonts and their measured advances: new, or kept from the last report. */
static GHashTable *
font_table(enum co_lang lang)
{
	GHashTable	*t;

	if (kept_fonts[lang] != NULL)
		return g_hash_table_ref(kept_fonts[lang]);
	t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)font_free);
	if (keep_fonts && kept_fontmap != NULL)
		kept_fonts[lang] = g_hash_table_ref(t);
	return t;
}

/* Our pinned font map: a new one, or the one kept from the last report. */
static PangoFontMap *
font_map(FcConfig *cfg)
{
	PangoFontMap	*fm;

	if (kept_fontmap != NULL)
		return g_object_ref(kept_fontmap);
	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
	/* One user-space unit is one point: sizes mean what the template says. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
	if (keep_fonts)
		kept_fontmap = g_object_ref(fm);
	return fm;
}

struct measurer *
measure_pango_new(const struct tpl *tpl, enum co_lang lang, bool hyphenate, char **error)
{
	struct measure		*m;
	FcConfig		*cfg;
	cairo_font_options_t	*opts;
	const char		*missing = NULL;

	if ((cfg = fonts_config(error)) == NULL)
		return NULL;
	m = g_new0(struct measure, 1);
	m->base.ops = &pango_ops;
	m->fontmap = font_map(cfg);
	m->context = pango_font_map_create_context(m->fontmap);
	/* Unhinted metrics: the same widths at every zoom and in the PDF. */
	opts = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(m->context, opts);
	cairo_font_options_destroy(opts);
	pango_context_set_language(m->context,
	    pango_language_from_string(model_lang_codes[lang]));
	/*
	 * Our reports are Finnish, Swedish or English: every paragraph is left
	 * to right, with right-to-left runs (Hebrew, Arabic) set inside it.
	 * Pango would otherwise turn a paragraph that starts with Hebrew into
	 * a right-to-left one, set flush right.
	 */
	pango_context_set_base_dir(m->context, PANGO_DIRECTION_LTR);
	m->probe = pango_layout_new(m->context);
	m->layout = pango_layout_new(m->context);
	pango_layout_set_auto_dir(m->probe, FALSE);
	pango_layout_set_auto_dir(m->layout, FALSE);
	m->held = g_hash_table_new_full(NULL, NULL, g_object_unref, NULL);
	m->runs = g_array_new(FALSE, FALSE, sizeof(struct scratch_run));
	m->glyphs = g_array_new(FALSE, FALSE, sizeof(guint16));
	m->xs = g_array_new(FALSE, FALSE, sizeof(float));
	m->ys = g_array_new(FALSE, FALSE, sizeof(float));
	m->clusters = g_array_new(FALSE, FALSE, 1);
	m->chars = g_string_new(NULL);
	m->spaces = g_array_new(FALSE, FALSE, sizeof(int));
	for (int k = 0; k < LOADS; k++)
		m->load[k] = g_byte_array_new();
	m->batch = g_byte_array_new();
	m->pending = g_ptr_array_new();
	/* An unlinked temporary file: it goes away with us, however we end. */
	m->spill = tmpfile();
	m->fonts = font_table(lang);

	if (!have_family(m->fontmap, tpl->body.family))
		missing = tpl->body.family;
	else if (!have_family(m->fontmap, tpl->h[0].family))
		missing = tpl->h[0].family;
	else if (!have_family(m->fontmap, tpl->table.family))
		missing = tpl->table.family;
	if (missing != NULL) {
		*error = g_strdup_printf("font family '%s' is not installed "
		    "(run 'make deps' to install fonts-sil-charis and fonts-lato)", missing);
		measure_free(&m->base);
		return NULL;
	}
	m->lang = lang;
	mc_begin();
	if (hyphenate) {
		m->hyph = hyph_new(lang);
		m->base.no_dictionary = !hyph_ok(m->hyph);
	}
	return &m->base;
}

static void
pango_free(struct measurer *base)
{
	struct measure	*m = (struct measure *)base;

	mc_end();
	if (m->hyph != NULL)
		hyph_free(m->hyph);
	for (int i = 0; i < CO_LANG__MAX; i++)
		if (m->other[i] != NULL)
			hyph_free(m->other[i]);
	g_hash_table_unref(m->fonts);
	g_hash_table_destroy(m->held);
	g_array_free(m->runs, TRUE);
	g_array_free(m->glyphs, TRUE);
	g_array_free(m->xs, TRUE);
	g_array_free(m->ys, TRUE);
	g_array_free(m->clusters, TRUE);
	g_string_free(m->chars, TRUE);
	g_array_free(m->spaces, TRUE);
	for (int k = 0; k < LOADS; k++)
		g_byte_array_free(m->load[k], TRUE);
	/* Texts still pending are freed by their owner, with their blocks. */
	g_byte_array_free(m->batch, TRUE);
	g_ptr_array_free(m->pending, TRUE);
	if (m->spill != NULL)
		fclose(m->spill);
	g_object_unref(m->layout);
	g_object_unref(m->probe);
	g_object_unref(m->context);
	g_object_unref(m->fontmap);
	g_free(m);
}

struct font *
mp_font(struct measure *m, const struct tpl_font *f)
{
	struct font		*font;
	PangoFontMetrics	*metrics;
	char			 key[256];

	g_snprintf(key, sizeof(key), "%s|%g|%d|%d", f->family, f->size, f->bold, f->italic);
	if ((font = g_hash_table_lookup(m->fonts, key)) != NULL)
		return font;
	font = g_new0(struct font, 1);
	for (size_t i = 0; i < G_N_ELEMENTS(font->latin); i++)
		font->latin[i] = -1;
	font->desc = pango_font_description_new();
	pango_font_description_set_family(font->desc, f->family);
	pango_font_description_set_size(font->desc, (int)(f->size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(font->desc,
	    f->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(font->desc,
	    f->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	/*
	 * Pango's line spacing multiplies the font's height with its line gap,
	 * not ascent + descent: for Lato 1.2 em against 1.0 em (for Charis SIL
	 * the two agree).  Dividing by the smaller made Lato's lines 20 % looser
	 * than the template asked.
	 */
	metrics = pango_context_get_metrics(m->context, font->desc, NULL);
	font->height = (double)pango_font_metrics_get_height(metrics) / PANGO_SCALE;
	pango_font_metrics_unref(metrics);
	g_hash_table_insert(m->fonts, g_strdup(key), font);
	return font;
}

/* Sets font, leading, wrapping and alignment on "l". */
void
mp_setup(struct measure *m, PangoLayout *l, const struct tpl_font *f, double leading,
    double width, int flags)
{
	struct font	*font = mp_font(m, f);

	pango_layout_set_font_description(l, font->desc);
	/* Pango's factor multiplies the font's own height; ours the point size. */
	if (leading > 0 && font->height > 0)
		pango_layout_set_line_spacing(l, (float)(leading * f->size / font->height));
	else
		pango_layout_set_line_spacing(l, 0.0f);
	/* Words first; characters only for a word longer than the line. */
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (flags & MEASURE_NOWRAP)
		pango_layout_set_width(l, -1);
	else
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	/* The layout is reused: what one text set must not stay for the next. */
	pango_layout_set_ellipsize(l, (flags & MEASURE_ELLIPSIZE) ? PANGO_ELLIPSIZE_END :
	    PANGO_ELLIPSIZE_NONE);
	pango_layout_set_height(l, (flags & MEASURE_ELLIPSIZE) ? 0 : -1);	/* 0: one line */
	/* Justified by freeze(), which keeps every word space under twice its width. */
	pango_layout_set_justify(l, FALSE);
	pango_layout_set_alignment(l, (flags & MEASURE_RIGHT) ? PANGO_ALIGN_RIGHT :
	    (flags & MEASURE_CENTER) ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
}

/*
 * Pango 1.50 reshapes the rest of an item at every line break, which makes a
 * long paragraph cost quadratic time.  Ending an item at a space every few
 * words (with an attribute that changes nothing) keeps each reshape short.
 */
static PangoAttrList *
split_items(const char *text, PangoAttrList *attrs)
{
	const char	*p, *last = text;
	PangoAttribute	*a;

	if (strlen(text) < 120)
		return attrs;
	if (attrs == NULL)
		attrs = pango_attr_list_new();
	for (p = text; *p != '\0'; p++) {
		if (*p != ' ' || p - last < 48)
			continue;
		a = pango_attr_fallback_new(TRUE);
		a->start_index = last - text;
		a->end_index = p - text;
		pango_attr_list_insert_before(attrs, a);
		last = p;
	}
	return attrs;
}

/* The run's foreground colour attribute, if it has one (links). */
static bool
run_colour(const PangoGlyphItem *run, struct tpl_colour *c)
{
	GSList	*l;

	for (l = run->item->analysis.extra_attrs; l != NULL; l = l->next) {
		PangoAttribute *a = l->data;
		if (a->klass->type == PANGO_ATTR_FOREGROUND) {
			PangoColor *pc = &((PangoAttrColor *)a)->color;
			c->r = pc->red / 65535.0;
			c->g = pc->green / 65535.0;
			c->b = pc->blue / 65535.0;
			return true;
		}
	}
	return false;
}

/*
 * Appends one cluster's characters and its (bytes, glyphs) pair.  A soft
 * hyphen inside a ligature ("f\u00adf" drawn as one glyph) is left out of
 * the characters, so that the text copies as the word; a cluster of the
 * soft hyphen alone is the hyphen drawn at a line's end, and stays.
 */
static void
append_cluster(struct measure *m, const char *s, size_t len, int drawn)
{
	guint8	 pair[2];
	size_t	 start = m->chars->len, i;

	for (i = 0; i < len; i++) {
		if (len > 2 && i + 1 < len && (guchar)s[i] == 0xc2 && (guchar)s[i + 1] == 0xad)
			i++;
		else if (i + 3 <= len && (memcmp(s + i, ZWSP, 3) == 0 || memcmp(s + i, WJ, 3) == 0))
			i += 2;		/* our own break points and joins copy as nothing */
		else
			g_string_append_c(m->chars, s[i]);
	}
	pair[0] = m->chars->len - start;
	pair[1] = drawn;
	g_array_append_vals(m->clusters, pair, 2);
}

/*
 * Appends one Pango run's glyphs, their positions from the line's left edge
 * and their glyph-to-text clusters (what pango_cairo_show_glyph_item would
 * paint) to the scratch arrays.  Empty glyphs (a soft hyphen inside a line)
 * are left out, as Pango leaves them undrawn, and so are the soft hyphens
 * themselves: handed to cairo, each one costs the PDF a marked-content span
 * of its own (a fifth of a Finnish page's bytes) and copies as noise.  A
 * run that continues the one before in the same font and colour is merged
 * with it.
 */
static void
add_run(struct measure *m, const PangoGlyphItem *run, const char *text, double x,
    bool first_on_line)
{
	const PangoGlyphString	*gs = run->glyphs;
	PangoGlyphItemIter	 it;
	struct scratch_run	 sr, *prev;
	int			 g, drawn, acc = 0, *pos;
	guint			 nspaces;
	guint16			 glyph;
	float			 fx, fy;
	bool			 ok;

	memset(&sr, 0, sizeof(sr));
	sr.run.font = run->item->analysis.font;
	sr.run.coloured = run_colour(run, &sr.run.colour);
	sr.char0 = m->chars->len;
	sr.src_end = text + run->item->offset + run->item->length;
	sr.ltr = run->item->analysis.level % 2 == 0;
	/* A right-to-left run's too: mp_reverse_run() turns them round below. */
	sr.text_ok = true;
	sr.glyph0 = m->glyphs->len;
	sr.cluster0 = m->clusters->len / 2;

	nspaces = m->spaces->len;
	pos = g_new(int, gs->num_glyphs + 1);
	for (g = 0; g < gs->num_glyphs; g++) {
		pos[g] = acc;
		acc += gs->glyphs[g].geometry.width;
	}
	for (ok = pango_glyph_item_iter_init_start(&it, (PangoGlyphItem *)run, text); ok;
	    ok = pango_glyph_item_iter_next_cluster(&it)) {
		drawn = 0;
		for (g = it.start_glyph; g != it.end_glyph; g += sr.ltr ? 1 : -1) {
			const PangoGlyphInfo *gi = &gs->glyphs[g];
			if (gi->glyph == PANGO_GLYPH_EMPTY)
				continue;
			glyph = (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) || gi->glyph > 0xffff ?
			    0 : gi->glyph;
			fx = (float)(x + (double)(pos[g] + gi->geometry.x_offset) / PANGO_SCALE);
			/* The run's own shift (rise: a footnote's mark) raises it. */
			fy = (float)(gi->geometry.y_offset - run->y_offset) / PANGO_SCALE;
			g_array_append_val(m->glyphs, glyph);
			g_array_append_val(m->xs, fx);
			g_array_append_val(m->ys, fy);
			m->any_y |= fy != 0;
			drawn++;
		}
		if (drawn == 0 && it.end_index - it.start_index == 2 &&
		    memcmp(text + it.start_index, "\xc2\xad", 2) == 0)
			continue;	/* an unused soft hyphen */
		if (drawn == 0 && it.end_index - it.start_index == 3 &&
		    (memcmp(text + it.start_index, ZWSP, 3) == 0 ||
		    memcmp(text + it.start_index, WJ, 3) == 0 ||
		    memcmp(text + it.start_index, LS, 3) == 0 ||
		    memcmp(text + it.start_index, LRM, 3) == 0))
			continue;	/* a break point, a join or a chosen break of ours */
		/* Word spaces, which justification widens; and the last glyph that shows. */
		if (drawn == 1 && it.end_index - it.start_index == 1 &&
		    text[it.start_index] == ' ') {
			int gi = m->glyphs->len - 1;
			g_array_append_val(m->spaces, gi);
			m->space_w = MAX(m->space_w,
			    (double)gs->glyphs[it.start_glyph].geometry.width / PANGO_SCALE);
		} else if (drawn > 0 && sr.ltr) {
			m->last_ink = m->glyphs->len - 1;
			g = it.end_glyph - 1;
			m->ink_end = x + (double)(pos[g] + gs->glyphs[g].geometry.width) / PANGO_SCALE;
		} else if (drawn > 0) {
			/* Right to left, the cluster's first glyph is its rightmost. */
			m->last_ink = m->glyphs->len - 1;
			g = it.start_glyph;
			m->ink_end = MAX(m->ink_end,
			    x + (double)(pos[g] + gs->glyphs[g].geometry.width) / PANGO_SCALE);
		}
		/* The hyphen of a chosen break copies as the soft hyphen it stands for. */
		if (it.end_index - it.start_index == 3 && memcmp(text + it.start_index, HYPHEN, 3) == 0 &&
		    strncmp(text + it.end_index, LS, 3) == 0) {
			append_cluster(m, "\xc2\xad", 2, drawn);
			continue;
		}
		if (it.end_index - it.start_index > 255 || drawn > 255)
			sr.text_ok = false;
		append_cluster(m, text + it.start_index, it.end_index - it.start_index, drawn);
	}
	g_free(pos);
	sr.run.ntext = m->chars->len - sr.char0;
	sr.run.nglyphs = m->glyphs->len - sr.glyph0;
	sr.run.nclusters = m->clusters->len / 2 - sr.cluster0;
	/*
	 * A right-to-left run's glyphs came in logical order, from its right
	 * end.  Turned round, with its clusters and characters, it goes into
	 * the PDF left to right, as text extractors expect: they put
	 * right-to-left text back into logical order themselves (pdftotext
	 * made a word of every letter drawn leftwards, and saw spaces between).
	 */
	if (!sr.ltr)
		mp_reverse_run(m, &sr, nspaces);

	/* Same font and colour, text following on: one run for cairo, not two. */
	prev = m->runs->len > 0 ? &g_array_index(m->runs, struct scratch_run, m->runs->len - 1) :
	    NULL;
	if (!first_on_line && prev != NULL && prev->run.font == sr.run.font &&
	    prev->run.coloured == sr.run.coloured &&
	    (!sr.run.coloured || memcmp(&prev->run.colour, &sr.run.colour,
	    sizeof(sr.run.colour)) == 0) &&
	    prev->ltr && sr.ltr && prev->text_ok == sr.text_ok &&
	    prev->src_end == text + run->item->offset) {
		prev->src_end = sr.src_end;
		prev->run.ntext += sr.run.ntext;
		prev->run.nglyphs += sr.run.nglyphs;
		prev->run.nclusters += sr.run.nclusters;
		return;
	}
	g_array_append_val(m->runs, sr);
}

/*
 * Writes the batch of blocks to the spill file and lets their texts forget
 * them.  If the disk is full, those texts keep their blocks in memory, as do
 * all later ones; what was written before stays readable.
 */
static void
spill_flush(struct measure *m)
{
	size_t		 done = 0;
	ssize_t		 n;
	guint		 i;
	bool		 ok = true;

	while (done < m->batch->len) {
		n = pwrite(fileno(m->spill), m->batch->data + done, m->batch->len - done,
		    m->spill_end + done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ok = false;
			break;
		}
		done += n;
	}
	for (i = 0; i < m->pending->len; i++) {
		struct lay_text *t = g_ptr_array_index(m->pending, i);
		if (ok)
			g_clear_pointer(&t->block, g_free);
		else
			t->spill_off = -1;
	}
	if (ok)
		m->spill_end += m->batch->len;
	else
		m->spill_full = true;
	g_byte_array_set_size(m->batch, 0);
	g_ptr_array_set_size(m->pending, 0);
}

void
mp_keep_block(struct measure *m, struct lay_text *t, char *block, size_t size)
{
	t->block_len = size;
	t->block = block;
	t->spill_off = -1;
	/* Batched: the block stays here until its batch is safely written. */
	if (m->spill != NULL && !m->spill_full && size > 0) {
		t->spill_off = m->spill_end + m->batch->len;
		g_byte_array_append(m->batch, (const guint8 *)block, size);
		g_ptr_array_add(m->pending, t);
		if (m->batch->len >= SPILL_BATCH)
			spill_flush(m);
	}
}

/*
 * Moves the scratch runs into one block: the runs (pointers as offsets into
 * the block), their glyph positions, offsets, ids, clusters and characters.
 * Big reports write it to the spill file, so that memory holds only line
 * metrics however many pages wait to be painted.
 */
static void
pack_runs(struct measure *m, struct lay_text *t)
{
	size_t		 nruns = m->runs->len, ng = m->glyphs->len, nc = m->clusters->len;
	size_t		 off_xs, off_ys, off_gl, off_cl, off_tx, size, i;
	char		*block;

	off_xs = nruns * sizeof(struct lay_run);
	off_ys = off_xs + ng * sizeof(float);
	off_gl = off_ys + (m->any_y ? ng * sizeof(float) : 0);
	off_cl = off_gl + ng * sizeof(guint16);
	off_tx = off_cl + nc;
	size = off_tx + m->chars->len;
	block = g_malloc(size + 1);
	if (ng > 0) {
		memcpy(block + off_xs, m->xs->data, ng * sizeof(float));
		if (m->any_y)
			memcpy(block + off_ys, m->ys->data, ng * sizeof(float));
		memcpy(block + off_gl, m->glyphs->data, ng * sizeof(guint16));
	}
	if (nc > 0)
		memcpy(block + off_cl, m->clusters->data, nc);
	if (m->chars->len > 0)
		memcpy(block + off_tx, m->chars->str, m->chars->len);
	for (i = 0; i < nruns; i++) {
		struct scratch_run	*sr = &g_array_index(m->runs, struct scratch_run, i);
		struct lay_run		*r = &((struct lay_run *)block)[i];

		*r = sr->run;
		r->glyphs = (guint16 *)(uintptr_t)(off_gl + sr->glyph0 * sizeof(guint16));
		r->xs = (float *)(uintptr_t)(off_xs + sr->glyph0 * sizeof(float));
		r->ys = m->any_y ? (float *)(uintptr_t)(off_ys + sr->glyph0 * sizeof(float)) :
		    NULL;
		r->clusters = sr->text_ok ? (guint8 *)(uintptr_t)(off_cl + 2 * sr->cluster0) :
		    NULL;
		if (!sr->text_ok)
			r->nclusters = 0;
		r->text = (const char *)(uintptr_t)(off_tx + sr->char0);
	}
	mp_keep_block(m, t, block, size);
	g_array_set_size(m->runs, 0);
	g_array_set_size(m->glyphs, 0);
	g_array_set_size(m->xs, 0);
	g_array_set_size(m->ys, 0);
	g_array_set_size(m->clusters, 0);
	g_string_truncate(m->chars, 0);
	m->any_y = false;
}

/*
 * Justifies line "i" (its glyphs from "glyph0", its clickable parts from
 * "hot0") to "width": its word spaces widen alike, but never past twice
 * their width.  A line that would need more is left ragged, as TeX's
 * emergency stretch would rather do than open holes in it.
 */
static void
justify_line(struct measure *m, struct lay_text *t, int i, double width, int glyph0,
    GArray *hots, guint hot0)
{
	float	*xs = (float *)(void *)m->xs->data;
	int	*sp = (int *)(void *)m->spaces->data;
	int	 n = m->spaces->len, g, k;
	double	 extra, per;
	guint	 h;

	/* The spaces before the line's last word only: not one left at its end. */
	while (n > 0 && sp[n - 1] > m->last_ink)
		n--;
	/* From its last glyph that shows: a space before a chosen break is not the line's. */
	extra = width - (m->ink_end > 0 ? m->ink_end : t->w[i]);
	if (n == 0 || m->space_w <= 0 || fabs(extra) < 0.01)
		return;
	per = extra / n;
	/* Twice their width at most; a chosen line may be a quarter tighter. */
	if (per > m->space_w + 0.001 || per < -0.3 * m->space_w)
		return;
	for (g = glyph0, k = 0; g < (int)m->glyphs->len; g++) {
		while (k < n && sp[k] < g)
			k++;
		xs[g] += (float)(per * k);
	}
	for (h = hot0; h < hots->len; h++) {
		struct lay_hot *ht = &g_array_index(hots, struct lay_hot, h);
		int before0 = 0, before1 = 0;
		for (k = 0; k < n; k++) {
			double at = xs[sp[k]] - per * k;	/* where the space was */
			before0 += at < ht->x0 - 0.01;
			before1 += at < ht->x1 - 0.01;
		}
		ht->x0 += per * before0;
		ht->x1 += per * before1;
	}
	t->w[i] = width;
}

/*
 * Copies what painting needs from the laid-out lines: runs of glyphs, the
 * clickable parts of links, line metrics.  The layout can then be reused.
 * If "width" > 0 the lines are justified, but each paragraph's last.
 */
static void
freeze(struct measure *m, struct lay_text *t, PangoLayout *l, const char *text,
    const struct plink *links, int nlinks, double width)
{
	PangoLayoutIter		*it;
	PangoLayoutLine		*line, *cur = NULL;
	PangoLayoutRun		*run;
	PangoRectangle		 lr, rr;
	GSList			*lines = pango_layout_get_lines_readonly(l), *node = NULL;
	GArray			*hots;
	struct lay_hot		 h;
	int			 i = -1, k, s, e, *ranges, nranges, y0, y1, glyph0 = 0;
	guint			 hot0 = 0;
	bool			 first = true, last_of_para = true;

	hots = g_array_new(FALSE, FALSE, sizeof(struct lay_hot));
	it = pango_layout_get_iter(l);
	do {
		line = pango_layout_iter_get_line_readonly(it);
		if (line != cur) {
			/* The line before is done: justified, unless it ends its paragraph. */
			if (i >= 0 && m->ink_end > 0 && m->ink_end < t->w[i])
				t->w[i] = m->ink_end;	/* not the space before a chosen break */
			if (i >= 0 && width > 0 && !last_of_para)
				justify_line(m, t, i, width, glyph0, hots, hot0);
			/* A new line: its metrics, and the parts of links on it. */
			cur = line;
			node = node == NULL ? lines : node->next;
			last_of_para = node == NULL || node->next == NULL ||
			    ((PangoLayoutLine *)node->next->data)->is_paragraph_start;
			if (++i >= t->nlines)
				break;
			first = true;
			glyph0 = m->glyphs->len;
			hot0 = hots->len;
			g_array_set_size(m->spaces, 0);
			m->space_w = 0;
			m->last_ink = -1;
			m->ink_end = 0;
			t->line_run[i] = m->runs->len;
			pango_layout_iter_get_line_yrange(it, &y0, &y1);
			t->top[i] = (double)y0 / PANGO_SCALE;
			t->bottom[i] = (double)y1 / PANGO_SCALE;
			t->baseline[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
			pango_layout_iter_get_line_extents(it, NULL, &lr);
			t->x[i] = (double)lr.x / PANGO_SCALE;
			t->w[i] = (double)lr.width / PANGO_SCALE;
			for (k = 0; k < nlinks; k++) {
				s = MAX(links[k].start, line->start_index);
				e = MIN(links[k].end, line->start_index + line->length);
				if (s >= e)
					continue;
				pango_layout_line_get_x_ranges(line, s, e, &ranges, &nranges);
				if (nranges > 0) {
					h.line = i;
					h.x0 = (double)(ranges[0] - lr.x) / PANGO_SCALE;
					h.x1 = (double)(ranges[2 * nranges - 1] - lr.x) / PANGO_SCALE;
					h.y = 0;
					h.kind = links[k].kind;
					h.uri = links[k].uri;
					h.dest = links[k].dest;
					h.tag = links[k].tag;
					g_array_append_val(hots, h);
				}
				g_free(ranges);
			}
		}
		if ((run = pango_layout_iter_get_run_readonly(it)) == NULL)
			continue;	/* the end of a line */
		pango_layout_iter_get_run_extents(it, NULL, &rr);
		add_run(m, run, text, (double)(rr.x - lr.x) / PANGO_SCALE, first);
		first = false;
		if (!g_hash_table_contains(m->held, run->item->analysis.font))
			g_hash_table_add(m->held, g_object_ref(run->item->analysis.font));
	} while (pango_layout_iter_next_run(it));
	if (i >= 0 && i < t->nlines && m->ink_end > 0 && m->ink_end < t->w[i])
		t->w[i] = m->ink_end;
	if (i >= 0 && i < t->nlines && width > 0 && !last_of_para)
		justify_line(m, t, i, width, glyph0, hots, hot0);
	pango_layout_iter_free(it);
	for (i++; i <= t->nlines; i++)
		t->line_run[i] = m->runs->len;
	pack_runs(m, t);
	t->nhots = hots->len;
	t->hots = (struct lay_hot *)g_array_free(hots, FALSE);
}

static const struct lay_run *
pango_runs(struct measurer *self, const struct lay_text *t, char **error)
{
	struct measure		*m = (struct measure *)self;
	static struct lay_run	 none;
	struct lay_run		*runs;
	GByteArray		*load;
	char			*base;
	int			 i, k, n = t->line_run[t->nlines];

	if (t->block_len == 0)
		return &none;		/* a text without glyphs: nothing to paint */
	/*
	 * A text over many pages is asked for on each, between the running
	 * heads: the last few are kept, so that it is read once, not once a
	 * page (a 4 MB paragraph was read 700 times).
	 */
	for (k = 0; k < LOADS; k++)
		if (m->loaded[k] == t) {
			m->used[k] = ++m->uses;
			return (const struct lay_run *)(const void *)m->load[k]->data;
		}
	if (m->pending->len > 0)
		spill_flush(m);		/* layout is over: the last batch */
	/* The slot used longest ago. */
	for (k = 0, i = 1; i < LOADS; i++)
		if (m->used[i] < m->used[k])
			k = i;
	m->used[k] = ++m->uses;
	load = m->load[k];
	m->loaded[k] = NULL;
	g_byte_array_set_size(load, t->block_len);
	if (t->block != NULL)
		memcpy(load->data, t->block, t->block_len);
	else if (pread(fileno(m->spill), load->data, t->block_len, t->spill_off) !=
	    (ssize_t)t->block_len) {
		*error = g_strdup_printf("cannot read back the temporary file: %s",
		    g_strerror(errno));
		return NULL;
	}
	m->loaded[k] = t;
	base = (char *)load->data;
	runs = (struct lay_run *)base;
	for (i = 0; i < n; i++) {
		runs[i].glyphs = (guint16 *)(base + (uintptr_t)runs[i].glyphs);
		runs[i].xs = (float *)(base + (uintptr_t)runs[i].xs);
		if (runs[i].ys != NULL)
			runs[i].ys = (float *)(base + (uintptr_t)runs[i].ys);
		if (runs[i].clusters != NULL)
			runs[i].clusters = (guint8 *)base + (uintptr_t)runs[i].clusters;
		runs[i].text = base + (uintptr_t)runs[i].text;
	}
	return runs;
}


/* A web address may break after these, before a hyphen, and nowhere else. */
static bool
url_break_char(char c)
{
	return c != '\0' && strchr("/.?&=_#@", c) != NULL;
}

/*
 * Appends the address s[0, len) with a zero-width space after each run of
 * its break characters ("https://" | "opendreamkit." | "org/") and before
 * its hyphens ("2014" | "-2020": a hyphen at a line's end would read as
 * the word's own), and fills map[i] with where byte i went.
 */
static void
url_breaks(const char *s, size_t len, GString *out, size_t *map)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		map[i] = out->len;
		if (s[i] == '-' && i > 0 && !url_break_char(s[i - 1]) && s[i - 1] != '-')
			g_string_append(out, ZWSP);
		g_string_append_c(out, s[i]);
		if (url_break_char(s[i]) && i + 1 < len && !url_break_char(s[i + 1]) &&
		    s[i + 1] != '-')
			g_string_append(out, ZWSP);
	}
}

/*
 * Copies "in" into "out", each MS_HYPHENATE span hyphenated on its own
 * (if there is a dictionary) and each MS_URL span given its break points,
 * and fills map[i] with where input byte i went (len + 1 entries).
 */
/* The hyphenator for text in "lang" (NULL: the report's), or NULL for none. */
static struct hyph *
hyph_for(struct measure *m, const char *lang)
{
	int	 l = lang != NULL ? model_lang_from_code(lang) : -1;

	if (m->hyph == NULL || l < 0 || l == (int)m->lang)
		return m->hyph;
	if (m->other[l] == NULL)
		m->other[l] = hyph_new(l);
	return m->other[l];
}

static void
transform_spans(struct measure *m, const struct ms_rich *in, GString *out, size_t *map)
{
	struct hyph	*hyph = hyph_for(m, in->lang);
	size_t		 pos = 0, i, j, from;
	int		 k;

	for (k = 0; k <= in->nspans; k++) {
		const struct ms_span *sp = k < in->nspans ? &in->spans[k] : NULL;
		size_t end = sp != NULL ? sp->start : in->len;

		if (sp != NULL && (!(sp->flags & (MS_HYPHENATE | MS_URL)) ||
		    ((sp->flags & MS_URL) == 0 && hyph == NULL) || sp->start < pos))
			continue;
		/* The text before the span, as it is. */
		for (i = pos; i < end; i++)
			map[i] = out->len + (i - pos);
		g_string_append_len(out, in->text + pos, end - pos);
		if (sp == NULL)
			break;
		if (sp->flags & MS_URL) {
			url_breaks(in->text + sp->start, sp->end - sp->start, out, map + sp->start);
			pos = sp->end;
			continue;
		}
		/* The span, hyphenated: its bytes are the same but for soft hyphens put in. */
		from = out->len;
		hyph_text(hyph, in->text + sp->start, sp->end - sp->start, out);
		for (i = sp->start, j = from; i < sp->end; i++, j++) {
			while (j + 1 < out->len && memcmp(out->str + j, "\xc2\xad", 2) == 0 &&
			    memcmp(in->text + i, "\xc2\xad", 2) != 0)
				j += 2;
			map[i] = j;
		}
		pos = sp->end;
	}
	map[in->len] = out->len;
}

/* Inserts "a" over bytes [start, end). */
static void
insert(struct prepared *p, PangoAttribute *a, guint start, guint end)
{
	a->start_index = start;
	a->end_index = end;
	pango_attr_list_insert(p->attrs, a);
}

/*
 * A word that starts with a hyphen after a space ("Silta Työelämään
 * -hanke") keeps its hyphen: no break between it and the word, so that no
 * line ends in the lone hyphen; the line may still break before it.  An
 * attribute, not a word joiner: Lato has none, and Pango would look
 * through every font for one.
 */
static void
join_leading_hyphens(struct prepared *p)
{
	const char	*s = p->text->str;
	size_t		 i, n = p->text->len;
	gunichar	 c;

	for (i = 0; i + 1 < n; i++) {
		if (s[i] != '-' || !(i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' ||
		    s[i - 1] == '\n' || (i >= 2 && (guchar)s[i - 2] == 0xc2 &&
		    (guchar)s[i - 1] == 0xa0)))
			continue;
		c = g_utf8_get_char_validated(s + i + 1, n - i - 1);
		if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_isalpha(c))
			continue;
		if (p->attrs == NULL)
			p->attrs = pango_attr_list_new();
		insert(p, pango_attr_allow_breaks_new(FALSE), i,
		    g_utf8_next_char(s + i + 1) - s);
	}
}


/* Pango attributes for the spans of "in", at their places in the prepared text. */
static void
add_attrs(const struct ms_rich *in, const struct tpl_font *f, const size_t *map,
    bool url_strict, struct prepared *p)
{
	PangoAttribute	*a;
	int		 k;

	for (k = 0; k < in->nspans; k++) {
		const struct ms_span *sp = &in->spans[k];
		guint start = map[sp->start], end = map[sp->end];

		if ((sp->flags & MS_CODE) && in->code_family != NULL) {
			insert(p, pango_attr_family_new(in->code_family), start, end);
			insert(p, pango_attr_size_new((int)(f->size * 0.86 * PANGO_SCALE)), start, end);
		}
		if (sp->flags & MS_SUPER) {
			/* A footnote's mark: smaller and raised, as a superscript figure. */
			insert(p, pango_attr_size_new((int)(f->size * 0.68 * PANGO_SCALE)), start, end);
			insert(p, pango_attr_rise_new((int)(f->size * 0.36 * PANGO_SCALE)), start, end);
		}
		if (sp->flags & MS_ITALIC) {
			a = pango_attr_style_new(PANGO_STYLE_ITALIC);
			a->start_index = start, a->end_index = end;
			pango_attr_list_insert(p->attrs, a);
		}
		if (sp->flags & MS_BOLD) {
			a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = start, a->end_index = end;
			pango_attr_list_insert(p->attrs, a);
		}
		if ((sp->flags & MS_LINK) && in->link_colour != NULL) {
			const struct tpl_colour *c = in->link_colour;
			a = pango_attr_foreground_new(c->r * 65535, c->g * 65535, c->b * 65535);
			a->start_index = start, a->end_index = end;
			pango_attr_list_insert(p->attrs, a);
		}
		/* An address or a name that must wrap breaks without a hyphen of ours. */
		if (sp->flags & (MS_LINK | MS_WHOLE | MS_URL)) {
			a = pango_attr_insert_hyphens_new(FALSE);
			a->start_index = start, a->end_index = end;
			pango_attr_list_insert(p->attrs, a);
		}
		/* An address breaks only at its break points, unless nothing else will do. */
		if ((sp->flags & MS_URL) && url_strict)
			insert(p, pango_attr_allow_breaks_new(FALSE), start, end);
	}
}

/*
 * Takes the soft hyphens out of the last word: a paragraph or a cell never
 * ends on the stub of a hyphenated word ("palau-" / "te").
 */
bool
mp_last_word_whole(struct prepared *p)
{
	const char	*s = p->text->str;
	size_t		 i = p->text->len, k;
	bool		 took = false;

	while (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\n') {
		i--;
		if (i + 1 < p->text->len && (guchar)s[i] == 0xc2 && (guchar)s[i + 1] == 0xad) {
			g_string_erase(p->text, i, 2);
			took = true;
			s = p->text->str;
			if (p->attrs != NULL)
				pango_attr_list_update(p->attrs, i, 2, 0);
			for (k = 0; k < p->links->len; k++) {
				struct plink *l = &g_array_index(p->links, struct plink, k);
				if (l->start > (int)i)
					l->start -= 2;
				if (l->end > (int)i)
					l->end -= 2;
			}
		}
	}
	return took;
}

/*
 * What Pango is given for "in" in font "f"; attributes only if "styled";
 * addresses kept to their break points if "url_strict".
 */
void
mp_prepare(struct measure *m, const struct ms_rich *in, const struct tpl_font *f,
    bool styled, bool url_strict, struct prepared *p)
{
	size_t		*map;
	struct plink	 l;
	int		 k;

	p->text = g_string_sized_new(in->len + 16);
	p->links = g_array_new(FALSE, FALSE, sizeof(struct plink));
	p->attrs = NULL;
	map = g_new(size_t, in->len + 1);
	transform_spans(m, in, p->text, map);
	if (styled) {
		p->attrs = pango_attr_list_new();
		add_attrs(in, f, map, url_strict, p);
	}
	join_leading_hyphens(p);
	/* Text in another language is shaped and broken as that language is. */
	if (in->lang != NULL) {
		if (p->attrs == NULL)
			p->attrs = pango_attr_list_new();
		insert(p, pango_attr_language_new(pango_language_from_string(in->lang)), 0,
		    p->text->len);
	}
	for (k = 0; k < in->nlinks; k++) {
		l.start = map[in->links[k].start];
		l.end = map[in->links[k].end];
		l.kind = in->links[k].kind;
		l.uri = in->links[k].uri;
		l.dest = in->links[k].dest;
		l.tag = in->links[k].tag;
		g_array_append_val(p->links, l);
	}
	g_free(map);
}

void
mp_prepared_free(struct prepared *p)
{
	g_string_free(p->text, TRUE);
	g_array_free(p->links, TRUE);
	if (p->attrs != NULL)
		pango_attr_list_unref(p->attrs);
}

/*
 * The lines of "l" broken inside a word, where the text has no break
 * opportunity (Pango's last resort, character wrapping); *overflow if a
 * line is wider than "width" pt all the same.
 */
static int
count_char_breaks(PangoLayout *l, double width, bool *overflow)
{
	const PangoLogAttr	*attrs;
	const char		*text = pango_layout_get_text(l);
	GSList			*n;
	PangoRectangle		 r;
	int			 nattrs, count = 0, off = 0, byte = 0;

	*overflow = false;
	attrs = pango_layout_get_log_attrs_readonly(l, &nattrs);
	for (n = pango_layout_get_lines_readonly(l); n != NULL; n = n->next) {
		PangoLayoutLine *line = n->data;
		pango_layout_line_get_extents(line, NULL, &r);
		if (r.width > (width + 0.5) * PANGO_SCALE)
			*overflow = true;
		if (n == pango_layout_get_lines_readonly(l))
			continue;
		off += g_utf8_pointer_to_offset(text + byte, text + line->start_index);
		byte = line->start_index;
		if (off < nattrs && !attrs[off].is_line_break)
			count++;
	}
	return count;
}

/* True if some span of "in" is a web address. */
static bool
has_url(const struct ms_rich *in)
{
	int	 k;

	for (k = 0; k < in->nspans; k++)
		if (in->spans[k].flags & MS_URL)
			return true;
	return false;
}

/*
 * Lays "in" out in "l".  Tried first as it should be: the last word whole,
 * addresses broken only at their break points.  If that leaves a word
 * broken between letters, or a line too wide, the last word may take its
 * hyphens again (a narrow cell of one long word), then an address may
 * break anywhere.  Returns the character breaks left; *p is what was laid
 * out.
 */
static int
lay_out(struct measure *m, PangoLayout *l, const struct tpl_font *f, double leading,
    const struct ms_rich *in, double width, int flags, struct prepared *p)
{
	PangoAttrList	*attrs;
	bool		 styled = (flags & MEASURE_WHOLE_LAST) != 0, wraps, overflow, took = false;
	int		 attempt, breaks = 0;

	wraps = !(flags & (MEASURE_NOWRAP | MEASURE_ELLIPSIZE)) && width > 0;
	for (attempt = 0; attempt < 3; attempt++) {
		if ((attempt == 1 && !took) || (attempt == 2 && !has_url(in)))
			continue;
		if (attempt > 0)
			mp_prepared_free(p);
		mp_prepare(m, in, f, styled, attempt < 2, p);
		/* Styled texts are those layout builds from the model: they end whole. */
		if (styled && attempt == 0)
			took = mp_last_word_whole(p);
		mp_setup(m, l, f, leading, width, flags);
		pango_layout_set_text(l, p->text->str, -1);
		attrs = p->attrs != NULL ? pango_attr_list_ref(p->attrs) : NULL;
		if (wraps)
			attrs = split_items(p->text->str, attrs);
		pango_layout_set_attributes(l, attrs);
		if (attrs != NULL)
			pango_attr_list_unref(attrs);
		if (!wraps)
			return 0;
		breaks = count_char_breaks(l, width, &overflow);
		if (breaks == 0 && !overflow)
			break;
	}
	return breaks;
}

static struct lay_text *
pango_text(struct measurer *base, const struct tpl_font *f, double leading,
    const struct ms_rich *in, double width, int flags)
{
	struct measure		*m = (struct measure *)base;
	struct lay_text		*t;
	struct prepared		 p;
	PangoLayout		*l = m->layout;
	PangoRectangle		 logical;
	GBytes			*key;
	int			 breaks;

	/* The same text in the same box as in the last run: as it was measured then. */
	key = mc_key(m, f, leading, in, width, flags);
	if ((t = mc_lookup(m, key, in)) != NULL) {
		g_bytes_unref(key);
		return t;
	}
	/* Justified text is broken as a paragraph; first fit if no breaking keeps its spaces. */
	if ((flags & MEASURE_JUSTIFY) && !(flags & (MEASURE_NOWRAP | MEASURE_ELLIPSIZE)) &&
	    width > 0 && mp_break_optimally(m, l, f, leading, in, width, flags, &p))
		breaks = 0;
	else
		breaks = lay_out(m, l, f, leading, in, width, flags, &p);
	t = lay_text_new(pango_layout_get_line_count(l));
	t->char_breaks = breaks;
	freeze(m, t, l, pango_layout_get_text(l), (const struct plink *)(void *)p.links->data,
	    p.links->len, (flags & MEASURE_JUSTIFY) && !(flags & MEASURE_NOWRAP) ? width : 0);
	pango_layout_get_extents(l, NULL, &logical);
	t->width = (double)logical.width / PANGO_SCALE;
	if (leading > 0 && t->nlines > 0) {
		/*
		 * Pango steps the lines by the leading but gives each its
		 * font's own height (Charis SIL 1.6 em, Lato 1.05 em) from the
		 * top of its step.  Each line's box is now its step, with the
		 * text centred in it (half the difference above, half below,
		 * as CSS does), and the last box a leading deep, so that the
		 * space after a paragraph is what the template says.
		 */
		double pitch = leading * f->size;
		for (int i = 0; i < t->nlines; i++) {
			t->baseline[i] += (pitch - (t->bottom[i] - t->top[i])) / 2;
			t->bottom[i] = i + 1 < t->nlines ? t->top[i + 1] : t->top[i] + pitch;
		}
	}
	t->height = t->nlines > 0 ? t->bottom[t->nlines - 1] : 0;
	/* A strike goes through the middle of the lower case, above the baseline. */
	for (int k = 0; k < t->nhots; k++)
		if (t->hots[k].kind == MS_RANGE_STRIKE)
			t->hots[k].y = t->baseline[t->hots[k].line] - t->top[t->hots[k].line] -
			    0.27 * f->size;
	/* Let go of the glyphs: the layout is reused for the next text. */
	pango_layout_set_attributes(l, NULL);
	pango_layout_set_text(l, "", 0);
	mp_prepared_free(&p);
	mc_store(m, key, t, in);
	return t;
}

/* The advance of one character in "font", measured once per run. */
double
mp_advance(struct measure *m, struct font *font, gunichar c)
{
	PangoRectangle	 logical;
	char		 buf[8];
	double		 w;
	gpointer	 v;

	if (c < G_N_ELEMENTS(font->latin) && font->latin[c] >= 0)
		return font->latin[c];
	if (c >= G_N_ELEMENTS(font->latin) && font->other != NULL &&
	    (v = g_hash_table_lookup(font->other, GUINT_TO_POINTER(c))) != NULL)
		return *(double *)v;
	buf[g_unichar_to_utf8(c, buf)] = '\0';
	pango_layout_set_font_description(m->probe, font->desc);
	pango_layout_set_width(m->probe, -1);
	pango_layout_set_attributes(m->probe, NULL);
	pango_layout_set_text(m->probe, buf, -1);
	pango_layout_get_extents(m->probe, NULL, &logical);
	w = (double)logical.width / PANGO_SCALE;
	if (c < G_N_ELEMENTS(font->latin))
		font->latin[c] = w;
	else {
		double *p = g_new(double, 1);
		*p = w;
		if (font->other == NULL)
			font->other = g_hash_table_new_full(NULL, NULL, NULL, g_free);
		g_hash_table_insert(font->other, GUINT_TO_POINTER(c), p);
	}
	return w;
}

static void
pango_widths(struct measurer *base, const struct tpl_font *f, const struct ms_rich *in,
    double *minw, double *maxw)
{
	struct measure	*m = (struct measure *)base;
	struct tpl_font	 bold = *f;
	struct font	*heavy;
	struct prepared	 prep;
	const char	*p, *text;
	gunichar	 c;
	double		 line = 0, piece = 0, widest = 0, w;

	/*
	 * Sums of cached advances: no shaping, so a 600-row table costs
	 * microseconds.  Kerning is ignored; a small margin covers it, and a
	 * cell that is still too narrow wraps by characters, never overflows.
	 * Bold runs may be wider, so the bold face is used throughout.
	 */
	bold.bold = true;
	heavy = mp_font(m, &bold);
	mp_prepare(m, in, f, false, true, &prep);
	/* As pango_text() will: a cell's last word whole (its narrowest piece, then). */
	mp_last_word_whole(&prep);
	text = prep.text->str;
	for (p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (c == '\n' || c == ' ') {
			w = c == ' ' ? mp_advance(m, heavy, ' ') : 0;
			widest = MAX(widest, piece);
			piece = 0;
			line = c == '\n' ? 0 : line + w;
			continue;
		}
		if (c == 0x200B) {
			/* A web address's break point: nothing shown. */
			widest = MAX(widest, piece);
			piece = 0;
			continue;
		}
		if (c == 0x00AD) {
			/* A break here shows a hyphen at the end of the piece. */
			widest = MAX(widest, piece + mp_advance(m, heavy, '-'));
			piece = 0;
			continue;
		}
		w = mp_advance(m, heavy, c);
		piece += w;
		line += w;
		*maxw = MAX(*maxw, line);
		/* A break may follow these, but not where a word joiner holds them ("11/⁠2019"). */
		if ((c == '-' || c == '/' || c == 0x2013 || c == 0x2014) &&
		    g_utf8_get_char(g_utf8_next_char(p)) != 0x2060) {
			widest = MAX(widest, piece);
			piece = 0;
		}
	}
	widest = MAX(widest, piece);
	*minw = widest * 1.03;
	*maxw = *maxw * 1.03;
	mp_prepared_free(&prep);
}

static void
pango_prepare(struct measurer *base, const char *const *texts, size_t ntexts)
{
	struct measure	*m = (struct measure *)base;

	if (m->hyph != NULL)
		hyph_prepare(m->hyph, texts, ntexts);
}

static const struct measurer_ops pango_ops = {
	pango_text,
	pango_widths,
	pango_runs,
	pango_prepare,
	pango_free,
};
