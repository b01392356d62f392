/* measure.c: the Pango side of layout: our pinned font set, one context, measured text. */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>

#include "closeout.h"
#include "hyphen.h"
#include "layout.h"

struct measure {
	PangoFontMap	*fontmap;	/* pinned to fonts/fonts.conf */
	PangoContext	*context;	/* the one context of the run */
	PangoLayout	*probe;		/* reused for width queries */
	struct hyph	*hyph;		/* hyphenator, or NULL */
	GHashTable	*fonts;		/* "family|size|b|i" → struct font */
};

struct font {
	PangoFontDescription	*desc;		/* what Pango is asked for */
	double			 height;	/* ascent + descent, pt */
	double			 latin[0x250];	/* advance per code point, -1 unknown */
	GHashTable		*other;		/* advances beyond Latin */
};

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

struct measure *
measure_new(const struct tpl *tpl, enum co_lang lang, bool hyphenate, char **error)
{
	struct measure		*m;
	FcConfig		*cfg;
	cairo_font_options_t	*opts;
	char			*conf;
	const char		*missing = NULL;

	conf = g_build_filename(co_datadir(), "fonts", "fonts.conf", NULL);
	cfg = FcConfigCreate();
	if (!FcConfigParseAndLoad(cfg, (const FcChar8 *)conf, FcTrue) ||
	    !FcConfigBuildFonts(cfg)) {
		*error = g_strdup_printf("cannot load the font configuration %s", conf);
		FcConfigDestroy(cfg);
		g_free(conf);
		return NULL;
	}
	g_free(conf);
	/*
	 * Our font set is also fontconfig's default: otherwise Pango loads the
	 * system's configuration (fifty files and every font) in a thread.
	 */
	FcConfigSetCurrent(cfg);

	m = g_new0(struct measure, 1);
	m->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(m->fontmap), cfg);
	FcConfigDestroy(cfg);
	/* One user-space unit is one point: sizes mean what the template says. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(m->fontmap), 72.0);
	m->context = pango_font_map_create_context(m->fontmap);
	/* Unhinted metrics: the same widths at every zoom and in the PDF. */
	opts = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(m->context, opts);
	cairo_font_options_destroy(opts);
	pango_context_set_language(m->context,
	    pango_language_from_string(model_lang_codes[lang]));
	m->probe = pango_layout_new(m->context);
	m->fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)font_free);

	if (!have_family(m->fontmap, tpl->body.family))
		missing = tpl->body.family;
	else if (!have_family(m->fontmap, tpl->h[0].family))
		missing = tpl->h[0].family;
	else if (!have_family(m->fontmap, tpl->table.family))
		missing = tpl->table.family;
	if (missing != NULL) {
		*error = g_strdup_printf("font family '%s' is not installed "
		    "(run 'make deps' to install fonts-sil-charis and fonts-lato)", missing);
		measure_free(m);
		return NULL;
	}
	if (hyphenate)
		m->hyph = hyph_new(lang);
	return m;
}

void
measure_free(struct measure *m)
{
	if (m == NULL)
		return;
	if (m->hyph != NULL)
		hyph_free(m->hyph);
	g_hash_table_destroy(m->fonts);
	g_object_unref(m->probe);
	g_object_unref(m->context);
	g_object_unref(m->fontmap);
	g_free(m);
}

struct hyph *
measure_hyph(struct measure *m)
{
	return m->hyph;
}

static struct font *
get_font(struct measure *m, const struct tpl_font *f)
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
	metrics = pango_context_get_metrics(m->context, font->desc, NULL);
	font->height = (double)(pango_font_metrics_get_ascent(metrics) +
	    pango_font_metrics_get_descent(metrics)) / PANGO_SCALE;
	pango_font_metrics_unref(metrics);
	g_hash_table_insert(m->fonts, g_strdup(key), font);
	return font;
}

PangoFontDescription *
measure_font(struct measure *m, const struct tpl_font *f)
{
	return get_font(m, f)->desc;
}

/* Sets font, leading, wrapping and alignment on "l". */
static void
setup(struct measure *m, PangoLayout *l, const struct tpl_font *f, double leading,
    double width, int flags)
{
	struct font	*font = get_font(m, f);

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
	if (flags & MEASURE_ELLIPSIZE) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l, 0);		/* one line */
	}
	pango_layout_set_justify(l, (flags & MEASURE_JUSTIFY) != 0);
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

struct lay_text *
measure_text(struct measure *m, const struct tpl_font *f, double leading,
    const char *text, PangoAttrList *attrs, double width, int flags)
{
	struct lay_text		*t;
	PangoLayoutIter		*it;
	PangoRectangle		 ink, logical;
	int			 i, y0, y1;

	t = g_new0(struct lay_text, 1);
	t->layout = pango_layout_new(m->context);
	setup(m, t->layout, f, leading, width, flags);
	pango_layout_set_text(t->layout, text, -1);
	if (!(flags & (MEASURE_NOWRAP | MEASURE_ELLIPSIZE)))
		attrs = split_items(text, attrs);
	if (attrs != NULL) {
		pango_layout_set_attributes(t->layout, attrs);
		pango_attr_list_unref(attrs);
	}
	t->nlines = pango_layout_get_line_count(t->layout);
	t->top = g_new(double, t->nlines * 4);
	t->bottom = t->top + t->nlines;
	t->baseline = t->bottom + t->nlines;
	t->x = t->baseline + t->nlines;
	it = pango_layout_get_iter(t->layout);
	i = 0;
	do {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		t->top[i] = (double)y0 / PANGO_SCALE;
		t->bottom[i] = (double)y1 / PANGO_SCALE;
		t->baseline[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		t->x[i] = (double)logical.x / PANGO_SCALE;
		i++;
	} while (i < t->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	pango_layout_get_extents(t->layout, &ink, &logical);
	t->width = (double)logical.width / PANGO_SCALE;
	t->height = t->nlines > 0 ? t->bottom[t->nlines - 1] : 0;
	return t;
}

void
measure_text_free(struct lay_text *t)
{
	if (t == NULL)
		return;
	g_object_unref(t->layout);
	g_free(t->top);
	g_free(t->links);
	g_free(t);
}

/* The advance of one character in "font", measured once per run. */
static double
advance(struct measure *m, struct font *font, gunichar c)
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

void
measure_widths(struct measure *m, const struct tpl_font *f, const char *text,
    double *minw, double *maxw)
{
	struct tpl_font	 bold = *f;
	struct font	*heavy;
	const char	*p;
	gunichar	 c;
	double		 line = 0, piece = 0, widest = 0, w;

	/*
	 * Sums of cached advances: no shaping, so a 600-row table costs
	 * microseconds.  Kerning is ignored; a small margin covers it, and a
	 * cell that is still too narrow wraps by characters, never overflows.
	 * Bold runs may be wider, so the bold face is used throughout.
	 */
	bold.bold = true;
	heavy = get_font(m, &bold);
	for (p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (c == '\n' || c == ' ') {
			w = c == ' ' ? advance(m, heavy, ' ') : 0;
			widest = MAX(widest, piece);
			piece = 0;
			line = c == '\n' ? 0 : line + w;
			continue;
		}
		if (c == 0x00AD) {
			/* A break here shows a hyphen at the end of the piece. */
			widest = MAX(widest, piece + advance(m, heavy, '-'));
			piece = 0;
			continue;
		}
		w = advance(m, heavy, c);
		piece += w;
		line += w;
		*maxw = MAX(*maxw, line);
		if (c == '-' || c == '/' || c == 0x2013 || c == 0x2014) {
			widest = MAX(widest, piece);
			piece = 0;
		}
	}
	widest = MAX(widest, piece);
	*minw = widest * 1.03;
	*maxw = *maxw * 1.03;
}
