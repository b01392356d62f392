/* outfile.c: temporary outputs beside their targets; a failed or interrupted run leaves none. */
#include <sys/stat.h>

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"

#define MAX_OPEN 8

/* Fixed buffers, so that the signal handler needs no allocation. */
static char		 open_paths[MAX_OPEN][4096];
static volatile int	 open_used[MAX_OPEN];

char *
outfile_begin(const char *target, char **error)
{
	char	*dir, *base, *tmp;
	mode_t	 mask;
	int	 fd, i;

	dir = g_path_get_dirname(target);
	base = g_path_get_basename(target);
	tmp = g_strdup_printf("%s/.%s.XXXXXX.tmp", dir, base);
	g_free(dir);
	g_free(base);
	if (strlen(tmp) >= sizeof(open_paths[0])) {
		*error = g_strdup_printf("%s: path too long", target);
		g_free(tmp);
		return NULL;
	}
	for (i = 0; i < MAX_OPEN && open_used[i]; i++)
		;
	if (i == MAX_OPEN) {
		*error = g_strdup("too many outputs at once");
		g_free(tmp);
		return NULL;
	}
	if ((fd = g_mkstemp(tmp)) < 0) {
		*error = g_strdup_printf("%s: cannot create a file there: %s", target,
		    g_strerror(errno));
		g_free(tmp);
		return NULL;
	}
	/* mkstemp makes 0600; outputs are ordinary files, readable as umask allows. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	strcpy(open_paths[i], tmp);
	open_used[i] = 1;
	return tmp;
}

static void
forget(const char *tmp)
{
	int	 i;

	for (i = 0; i < MAX_OPEN; i++)
		if (open_used[i] && strcmp(open_paths[i], tmp) == 0)
			open_used[i] = 0;
}

bool
outfile_commit(const char *tmp, const char *target, char **error)
{
	if (g_rename(tmp, target) != 0) {
		*error = g_strdup_printf("%s: %s", target, g_strerror(errno));
		outfile_discard(tmp);
		return false;
	}
	forget(tmp);
	return true;
}

void
outfile_discard(const char *tmp)
{
	g_unlink(tmp);
	forget(tmp);
}

void
outfile_abort(void)
{
	int	 i;

	for (i = 0; i < MAX_OPEN; i++)
		if (open_used[i])
			unlink(open_paths[i]);
}
