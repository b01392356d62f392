/* env.c: the data directory (schemas, templates, fonts) and SOURCE_DATE_EPOCH. */
#include <glib.h>

#include "closeout.h"
#include "env.h"

static char *datadir;

void
co_set_datadir(const char *dir)
{
	g_free(datadir);
	datadir = g_strdup(dir);
}

const char *
co_datadir(void)
{
	const char	*env;

	if (datadir == NULL) {
		env = g_getenv("CLOSEOUT_DATADIR");
		datadir = g_strdup(env != NULL && *env != '\0' ? env : CO_DATADIR);
	}
	return datadir;
}

/* Seconds since 1970 up to the year 9999, as the reproducible-builds spec says. */
static bool
parse_epoch(const char *epoch, guint64 *t)
{
	return g_ascii_string_to_unsigned(epoch, 10, 0, G_GUINT64_CONSTANT(253402300799),
	    t, NULL);
}

bool
co_source_date_ok(void)
{
	const char	*epoch = g_getenv("SOURCE_DATE_EPOCH");
	guint64		 t;

	return epoch == NULL || parse_epoch(epoch, &t);
}

bool
env_source_date(int64_t *t)
{
	const char	*epoch = g_getenv("SOURCE_DATE_EPOCH");
	guint64		 v;

	if (epoch == NULL || !parse_epoch(epoch, &v))
		return false;
	*t = (int64_t)v;
	return true;
}
