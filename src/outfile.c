/*
 * outfile.c: outputs that appear complete or not at all.  An output is
 * written into a file with no name (O_TMPFILE) in its target's directory
 * and linked into place when complete, so that neither an error nor a kill
 * of any kind (SIGKILL, the kernel's out-of-memory killer) leaves a file.
 * Standard output gets an in-memory file, copied out when complete.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"

#define MAX_NAMED 8

struct outfile {
	int		 fd;		/* the file, open for reading and writing */
	char		*target;	/* where it goes; "-" is standard output */
	char		*path;		/* /proc/self/fd/N, or the temporary name */
	int		 slot;		/* the temporary name's slot, or -1: it has none */
};

/*
 * Temporary names (where O_TMPFILE is missing, and for the moment between
 * linking and renaming over an existing target) in fixed buffers, so that
 * the signal handler needs no allocation.  A slot is marked used before
 * its name exists: unlinking a name not yet made is harmless.
 */
static char		 named[MAX_NAMED][4096];
static volatile sig_atomic_t named_used[MAX_NAMED];

static int
claim_slot(const char *name)
{
	int	 i;

	if (strlen(name) >= sizeof(named[0]))
		return -1;
	for (i = 0; i < MAX_NAMED && named_used[i]; i++)
		;
	if (i == MAX_NAMED)
		return -1;
	strcpy(named[i], name);
	named_used[i] = 1;
	return i;
}

static void
release_slot(int slot)
{
	if (slot >= 0)
		named_used[slot] = 0;
}

/* ".report.pdf.XXXXXX.tmp" beside "target", for g_mkstemp or a link. */
static char *
hidden_name(const char *target)
{
	char	*dir = g_path_get_dirname(target), *base = g_path_get_basename(target), *s;

	s = g_strdup_printf("%s/.%s.XXXXXX.tmp", dir, base);
	g_free(dir);
	g_free(base);
	return s;
}

/* A named temporary file, where the file system cannot make one without a name. */
static int
open_named(struct outfile *of, char **error)
{
	char	*tmp = hidden_name(of->target);
	mode_t	 mask;
	int	 saved;

	if ((of->slot = claim_slot(tmp)) < 0) {
		*error = g_strdup_printf("%s: path too long, or too many outputs", of->target);
		g_free(tmp);
		return -1;
	}
	g_free(tmp);
	/* The slot's own buffer gets the name, so the handler sees it at once. */
	if ((of->fd = g_mkstemp_full(named[of->slot], O_RDWR | O_CLOEXEC, 0600)) < 0) {
		saved = errno;
		release_slot(of->slot);
		of->slot = -1;
		*error = g_strdup_printf("%s: cannot create a file there: %s", of->target,
		    g_strerror(saved));
		return -1;
	}
	/* mkstemp makes 0600; outputs are ordinary files, readable as umask allows. */
	mask = umask(0);
	umask(mask);
	fchmod(of->fd, 0666 & ~mask);
	of->path = g_strdup(named[of->slot]);
	return 0;
}

struct outfile *
outfile_open(const char *target, char **error)
{
	struct outfile	*of;
	struct stat	 st;
	char		*dir;

	of = g_new0(struct outfile, 1);
	of->target = g_strdup(target);
	of->slot = -1;
	of->fd = -1;
	if (strcmp(target, "-") == 0) {
		of->fd = memfd_create("closeout-output", MFD_CLOEXEC);
		if (of->fd < 0)
			of->fd = open(g_get_tmp_dir(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		if (of->fd < 0) {
			*error = g_strdup_printf("standard output: cannot make a temporary file: %s",
			    g_strerror(errno));
			goto fail;
		}
	} else {
		/* Never replace a directory, a device (/dev/null, /dev/full) or a FIFO. */
		if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
			*error = g_strdup_printf("%s: not a regular file; refusing to replace it",
			    target);
			goto fail;
		}
		dir = g_path_get_dirname(target);
		of->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
		if (of->fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
			g_free(dir);
			if (open_named(of, error) < 0)
				goto fail;
			return of;
		}
		if (of->fd < 0) {
			*error = g_strdup_printf("%s: cannot create a file there: %s", target,
			    errno == ENOENT ? "the folder does not exist" : g_strerror(errno));
			g_free(dir);
			goto fail;
		}
		g_free(dir);
	}
	of->path = g_strdup_printf("/proc/self/fd/%d", of->fd);
	if (access(of->path, R_OK | W_OK) != 0) {
		/* No /proc: nothing could open the file by name.  Name it. */
		close(of->fd);
		g_clear_pointer(&of->path, g_free);
		if (strcmp(target, "-") == 0) {
			*error = g_strdup("standard output: /proc is not mounted");
			goto fail;
		}
		if (open_named(of, error) < 0)
			goto fail;
	}
	return of;
fail:
	g_free(of->target);
	g_free(of);
	return NULL;
}

const char *
outfile_path(const struct outfile *of)
{
	return of->path;
}

const char *
outfile_target(const struct outfile *of)
{
	return outfile_is_stdout(of) ? "standard output" : of->target;
}

bool
outfile_is_stdout(const struct outfile *of)
{
	return strcmp(of->target, "-") == 0;
}

bool
outfile_write(struct outfile *of, const char *data, size_t len, char **error)
{
	ssize_t	 n;
	size_t	 done = 0;

	if (ftruncate(of->fd, 0) < 0 || lseek(of->fd, 0, SEEK_SET) < 0)
		goto fail;
	while (done < len) {
		if ((n = write(of->fd, data + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += n;
	}
	return true;
fail:
	*error = g_strdup_printf("%s: %s", outfile_target(of), g_strerror(errno));
	return false;
}

/* The whole file to standard output; a closed pipe raises SIGPIPE (main.c). */
static bool
copy_to_stdout(struct outfile *of, char **error)
{
	char	 buf[65536];
	ssize_t	 n, w;
	off_t	 at = 0;

	for (;;) {
		if ((n = pread(of->fd, buf, sizeof(buf), at)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			return true;
		at += n;
		for (ssize_t done = 0; done < n; done += w)
			if ((w = write(STDOUT_FILENO, buf + done, n - done)) < 0) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				goto fail;
			}
	}
fail:
	*error = g_strdup_printf("standard output: %s", g_strerror(errno));
	return false;
}

/*
 * Links the unnamed file in as "target": at once where there is none yet,
 * else under a temporary name renamed over it (rename replaces atomically;
 * linkat does not).
 */
static bool
link_into_place(struct outfile *of, char **error)
{
	char	*tmp;
	int	 i;

	if (linkat(AT_FDCWD, of->path, AT_FDCWD, of->target, AT_SYMLINK_FOLLOW) == 0)
		return true;
	if (errno != EEXIST)
		goto fail;
	tmp = hidden_name(of->target);
	for (i = 0; i < 6; i++)
		tmp[strlen(tmp) - 10 + i] = "abcdefghijklmnopqrstuvwxyz0123456789"[g_random_int_range(0, 36)];
	if ((of->slot = claim_slot(tmp)) < 0) {
		g_free(tmp);
		errno = ENAMETOOLONG;
		goto fail;
	}
	g_free(tmp);
	if (linkat(AT_FDCWD, of->path, AT_FDCWD, named[of->slot], AT_SYMLINK_FOLLOW) != 0)
		goto fail;
	if (rename(named[of->slot], of->target) != 0) {
		int saved = errno;
		unlink(named[of->slot]);
		errno = saved;
		goto fail;
	}
	return true;
fail:
	*error = g_strdup_printf("%s: %s", of->target, g_strerror(errno));
	return false;
}

bool
outfile_commit(struct outfile *of, char **error)
{
	struct stat	 st;
	bool		 ok = false;

	if (outfile_is_stdout(of)) {
		ok = copy_to_stdout(of, error);
		goto out;
	}
	/* A full disk may only show when the data reaches it. */
	if (fsync(of->fd) < 0 && errno != EINVAL) {
		*error = g_strdup_printf("%s: %s", of->target, g_strerror(errno));
		goto out;
	}
	/* The target may have become something else while we worked. */
	if (stat(of->target, &st) == 0 && !S_ISREG(st.st_mode)) {
		*error = g_strdup_printf("%s: not a regular file; refusing to replace it",
		    of->target);
		goto out;
	}
	if (of->slot >= 0) {
		/* A named temporary file: renamed into place. */
		if (rename(named[of->slot], of->target) != 0) {
			*error = g_strdup_printf("%s: %s", of->target, g_strerror(errno));
			goto out;
		}
		release_slot(of->slot);
		of->slot = -1;
		ok = true;
	} else
		ok = link_into_place(of, error);
out:
	outfile_discard(of);
	return ok;
}

void
outfile_discard(struct outfile *of)
{
	if (of == NULL)
		return;
	if (of->slot >= 0) {
		unlink(named[of->slot]);
		release_slot(of->slot);
	}
	if (of->fd >= 0)
		close(of->fd);
	g_free(of->path);
	g_free(of->target);
	g_free(of);
}

void
outfile_abort(void)
{
	int	 i;

	for (i = 0; i < MAX_NAMED; i++)
		if (named_used[i])
			unlink(named[i]);
}
