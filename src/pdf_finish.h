/* pdf_finish.h: the incremental update that completes cairo's PDF (pdf.c only). */
#ifndef CO_PDF_FINISH_H
#define CO_PDF_FINISH_H

#include <stdbool.h>
#include <stdio.h>

struct pdf_finish_info {
	const char	*lang;		/* BCP 47 tag for /Lang, or NULL */
	const char	*id;		/* 32 hex digits: the file identifier */
};

/*
 * Appends the update to the PDF open in "fp" (read and write).  False with
 * *error set (g_free) if the file is not shaped as cairo writes it.
 */
bool	 pdf_finish(FILE *fp, const struct pdf_finish_info *, char **error);

#endif
