/* load.h: reading a report's files (doc.c, load_xml.c, template.c). */
#ifndef CO_LOAD_H
#define CO_LOAD_H

#include "model.h"

/*
 * Reads "path" into doc->src if it is a regular file of at most 16 MiB,
 * without blocking on a FIFO; false after a message at 1:1.
 */
bool	 doc_read_file(struct co_doc *, const char *path);
/* Fills the model from doc->src, an XML report valid against our XSD. */
void	 load_xml(struct co_doc *);

#endif
