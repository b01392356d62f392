/*
 * floor.c: the text-only floor for `make bench`: the same paragraphs, one reused
 * PangoLayout, the same font, justified, broken naively onto pages and written
 * with Cairo.  No contents, tables or hyphenation: what Pango and Cairo cost.
 */
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char *argv[])
{
	const double	 W = 595.276, H = 841.89, L = 70.87, R = 62.36, T = 70.87, B = 70.87;
	FcConfig	*cfg;
	PangoFontMap	*fm;
	PangoContext	*ctx;
	PangoLayout	*layout;
	PangoFontDescription *desc;
	cairo_surface_t	*surface;
	cairo_t		*cr;
	char		*text, **paras;
	double		 y = T;
	int		 i, pages = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: floor FONTS.CONF PARAGRAPHS.TXT OUT.PDF\n");
		return 2;
	}
	cfg = FcConfigCreate();
	FcConfigParseAndLoad(cfg, (const FcChar8 *)argv[1], FcTrue);
	FcConfigBuildFonts(cfg);
	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
	ctx = pango_font_map_create_context(fm);
	/* The font options closeout uses: unhinted metrics, no hinting. */
	{
		cairo_font_options_t *opts = cairo_font_options_create();
		cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
		cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
		pango_cairo_context_set_font_options(ctx, opts);
		cairo_font_options_destroy(opts);
	}
	layout = pango_layout_new(ctx);
	desc = pango_font_description_from_string("Charis SIL 10.5");
	pango_layout_set_font_description(layout, desc);
	pango_layout_set_width(layout, (int)((W - L - R) * PANGO_SCALE));
	pango_layout_set_justify(layout, TRUE);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	if (!g_file_get_contents(argv[2], &text, NULL, NULL))
		return 2;
	paras = g_strsplit(text, "\n", -1);
	surface = cairo_pdf_surface_create(argv[3], W, H);
	cr = cairo_create(surface);
	for (i = 0; paras[i] != NULL; i++) {
		PangoLayoutIter *it;
		if (*paras[i] == '\0')
			continue;
		pango_layout_set_text(layout, paras[i], -1);
		it = pango_layout_get_iter(layout);
		do {
			int y0, y1, base;
			pango_layout_iter_get_line_yrange(it, &y0, &y1);
			base = pango_layout_iter_get_baseline(it);
			if (y + (double)(y1 - y0) / PANGO_SCALE > H - B) {
				cairo_show_page(cr);
				pages++;
				y = T;
			}
			cairo_move_to(cr, L, y + (double)(base - y0) / PANGO_SCALE);
			pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
			y += (double)(y1 - y0) / PANGO_SCALE;
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
		y += 6;
	}
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	printf("%d\n", pages);
	g_strfreev(paras);
	g_free(text);
	pango_font_description_free(desc);
	g_object_unref(layout);
	g_object_unref(ctx);
	g_object_unref(fm);
	FcConfigDestroy(cfg);
	return 0;
}
