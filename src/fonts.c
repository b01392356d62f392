/* fonts.c: loads fonts/fonts.conf once for the run and answers which families it holds. */
#include <fontconfig/fontconfig.h>
#include <glib.h>

#include "closeout.h"
#include "fonts.h"

static FcConfig	*config;	/* the run's font set, once loaded */

FcConfig *
fonts_config(char **error)
{
	FcConfig	*cfg;
	char		*conf, *epoch;
	bool		 ok;

	if (config != NULL)
		return config;
	conf = g_build_filename(co_datadir(), "fonts", "fonts.conf", NULL);
	cfg = FcConfigCreate();
	/*
	 * fontconfig 2.14 stamps a cache it writes with SOURCE_DATE_EPOCH but
	 * checks it against the folder's real time: written under the epoch,
	 * no cache is ever valid, and every run scans every font again (Noto's
	 * folder: 268 files).  The epoch is hidden while the caches are made
	 * (call this before starting a thread: the environment is not locked).
	 */
	epoch = g_strdup(g_getenv("SOURCE_DATE_EPOCH"));
	if (epoch != NULL)
		g_unsetenv("SOURCE_DATE_EPOCH");
	ok = FcConfigParseAndLoad(cfg, (const FcChar8 *)conf, FcTrue) &&
	    FcConfigBuildFonts(cfg);
	if (epoch != NULL)
		g_setenv("SOURCE_DATE_EPOCH", epoch, TRUE);
	g_free(epoch);
	if (!ok) {
		if (error != NULL)
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
	config = cfg;
	return config;
}

bool
fonts_have_family(const char *family)
{
	FcConfig	*cfg = fonts_config(NULL);
	FcPattern	*pat;
	FcObjectSet	*os;
	FcFontSet	*fs;
	bool		 found;

	if (cfg == NULL || family == NULL)
		return false;
	pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, (const FcChar8 *)family,
	    (char *)NULL);
	os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
	fs = FcFontList(cfg, pat, os);
	found = fs != NULL && fs->nfont > 0;
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return found;
}
