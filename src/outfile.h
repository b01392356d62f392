/* outfile.h: outputs written beside their target and renamed when complete (pdf.c, main.c). */
#ifndef CO_OUTFILE_H
#define CO_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Creates an empty temporary file in the directory of "target" and returns
 * its name (g_free it), or NULL with *error set.  A target that exists and
 * is not a regular file (a directory, /dev/full, a FIFO) is refused.  Until
 * outfile_commit() or outfile_discard(), outfile_abort() (safe in a signal
 * handler) removes it.
 */
char	*outfile_begin(const char *target, char **error);
/*
 * Writes len bytes of data into "tmp" (from outfile_begin()) and flushes
 * them to the disk; false with *error (naming "target") if any of it failed.
 */
bool	 outfile_write(const char *tmp, const char *target, const char *data,
	    size_t len, char **error);
/* Renames "tmp" onto "target"; removes "tmp" on failure. */
bool	 outfile_commit(const char *tmp, const char *target, char **error);
void	 outfile_discard(const char *tmp);
/* Removes every temporary file still open: for SIGINT and SIGTERM. */
void	 outfile_abort(void);

#endif
