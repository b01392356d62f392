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

/*
 * ../share/closeout from the running binary, where `make install` puts the
 * data, whatever PREFIX and DESTDIR were; NULL if it is not there (the
 * binary in build/, or not on Linux).
 */
static char *
installed_datadir(void)
{
	char	*exe, *bindir, *dir, *probe;
	bool	 found;

	if ((exe = g_file_read_link("/proc/self/exe", NULL)) == NULL)
		return NULL;
	bindir = g_path_get_dirname(exe);
	dir = g_canonicalize_filename("../share/closeout", bindir);
	probe = g_build_filename(dir, "templates", "default.yaml", NULL);
	found = g_file_test(probe, G_FILE_TEST_IS_REGULAR);
	g_free(probe);
	g_free(bindir);
	g_free(exe);
	if (!found)
		g_clear_pointer(&dir, g_free);
	return dir;
}

/* co_set_datadir(), else CLOSEOUT_DATADIR, else beside the binary, else the build's. */
const char *
co_datadir(void)
{
	const char	*env;

	if (datadir == NULL) {
		env = g_getenv("CLOSEOUT_DATADIR");
		if (env != NULL && *env != '\0')
			datadir = g_strdup(env);
		else if ((datadir = installed_datadir()) == NULL)
			datadir = g_strdup(CO_DATADIR);
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
