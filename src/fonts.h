/* fonts.h: closeout's pinned font set as fontconfig sees it (template.c, measure_pango.c, coverage.c, pdf.c). */
#ifndef CO_FONTS_H
#define CO_FONTS_H

#include <stdbool.h>

struct _FcConfig;

/*
 * The font configuration of fonts/fonts.conf, loaded once for the run and
 * made fontconfig's default (borrowed); NULL with *error set (g_free).
 */
struct _FcConfig *fonts_config(char **error);
/* True if "family" is in our font set. */
bool		 fonts_have_family(const char *family);

#endif
