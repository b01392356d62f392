/* outfile.c: temporary outputs beside their targets; a failed or interrupted run leaves none. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"

#define MAX_OPEN 8

/*
 * Fixed buffers, so that the signal handler needs no allocation.  A slot is
 * marked used before its file exists: a signal at any moment finds every
 * temporary file (unlinking a name not yet created is harmless).
 */
static char		 open_paths[MAX_OPEN][4096];
static volatile sig_atomic_t open_used[MAX_OPEN];

char *
outfile_begin(const char *target, char **error)
{
	struct stat	 st;
	char		*dir, *base, *tmp;
	mode_t		 mask;
	int		 fd, i, saved;

	/* Never replace a directory, a device (/dev/null, /dev/full) or a FIFO. */
	if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
		*error = g_strdup_printf("%s: not a regular file; refusing to replace it",
		    target);
		return NULL;
	}
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
	strcpy(open_paths[i], tmp);
	open_used[i] = 1;
	/* The slot's own buffer gets the name, so the handler sees it at once. */
	if ((fd = g_mkstemp_full(open_paths[i], O_RDWR | O_CLOEXEC, 0600)) < 0) {
		saved = errno;
		open_used[i] = 0;
		*error = g_strdup_printf("%s: cannot create a file there: %s", target,
		    g_strerror(saved));
		g_free(tmp);
		return NULL;
	}
	/* mkstemp makes 0600; outputs are ordinary files, readable as umask allows. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	g_free(tmp);
	return g_strdup(open_paths[i]);
}

bool
outfile_write(const char *tmp, const char *target, const char *data, size_t len,
    char **error)
{
	ssize_t	 n;
	size_t	 done = 0;
	int	 fd, saved;

	if ((fd = open(tmp, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0)
		goto fail;
	while (done < len) {
		if ((n = write(fd, data + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail_close;
		}
		done += n;
	}
	/* A full disk may only show when the data reaches it. */
	if (fsync(fd) < 0 && errno != EINVAL)
		goto fail_close;
	if (close(fd) < 0)
		goto fail;
	return true;
fail_close:
	saved = errno;
	close(fd);
	errno = saved;
fail:
	*error = g_strdup_printf("%s: %s", target, g_strerror(errno));
	return false;
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
	struct stat	 st;

	/* The target may have become something else while we worked. */
	if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
		*error = g_strdup_printf("%s: not a regular file; refusing to replace it",
		    target);
		outfile_discard(tmp);
		return false;
	}
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
