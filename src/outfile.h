/* outfile.h: outputs that appear complete or not at all, on disk or on standard output (pdf.c). */
#ifndef CO_OUTFILE_H
#define CO_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

struct outfile;

/*
 * Opens a file with no name yet in the directory of "target" (Linux's
 * O_TMPFILE: no kill of any kind can leave it behind), or, where the file
 * system lacks those, a hidden temporary name there that outfile_abort()
 * removes.  "-" is standard output: the file is then in memory, and is
 * copied out when committed.  A target that exists and is not a regular
 * file (a directory, /dev/full, a FIFO) is refused, and so is a directory
 * that is missing or not writable: before any work is done.  NULL with
 * *error set.
 */
struct outfile	*outfile_open(const char *target, char **error);
/* A name to open the file by until it is committed (/proc/self/fd/N). */
const char	*outfile_path(const struct outfile *);
/* What messages call it: the target, or "standard output". */
const char	*outfile_target(const struct outfile *);
bool		 outfile_is_stdout(const struct outfile *);
/* Replaces the content with len bytes of data; false with *error set. */
bool		 outfile_write(struct outfile *, const char *data, size_t len,
		    char **error);
/*
 * Flushes the file to the disk and puts it in place of its target (or
 * copies it to standard output), then frees it; false with *error set, the
 * file gone.
 */
bool		 outfile_commit(struct outfile *, char **error);
/* Forgets the file without a trace; NULL is fine. */
void		 outfile_discard(struct outfile *);
/* Removes every temporary name still there: safe in a signal handler. */
void		 outfile_abort(void);

#endif
