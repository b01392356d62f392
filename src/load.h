/* load.h: reading a report's files (doc.c, load_xml.c, template.c, image.c). */
#ifndef CO_LOAD_H
#define CO_LOAD_H

#include "model.h"

/*
 * Reads "path" into *src (g_free) and *srclen if it is a regular file of
 * at most 16 MiB, without blocking on a FIFO; false after a message at 1:1.
 */
bool	 doc_read_file(struct co_diags *, const char *path, char **src, size_t *srclen);
/*
 * "name" joined to folder "dir" if it stays inside it: not absolute, and
 * no ".." or symbolic link leading out.  A file that does not exist counts as
 * inside if "missing_ok" (reading it will say so), else gives NULL.
 * g_free() the result.
 */
char	*doc_path_inside(const char *dir, const char *name, bool missing_ok);
/* Fills the model from doc->src, an XML report valid against our XSD. */
void	 load_xml(struct co_doc *);

#endif
