/* pdf_archive.h: what completes cairo's PDF: PDF/A, PDF/UA, metadata (pdf_archive.c, pdf.c). */
#ifndef CO_PDF_ARCHIVE_H
#define CO_PDF_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "render_pdf.h"
#include "template.h"

/* A file carried inside the PDF (PDF/A-3b). */
struct pdf_attachment {
	const char	*name;		/* its file name: "report.xml" */
	const char	*mime;		/* "application/xml" */
	const char	*relation;	/* /AFRelationship: Alternative, Source */
	const char	*desc;		/* what it is */
	const char	*data;		/* its bytes */
	size_t		 len;
};

struct pdf_archive_info {
	const struct co_doc	*doc;		/* the report: metadata */
	enum tpl_pdf_standard	 standard;	/* what to make the file */
	const char		*id;		/* 32 hex digits: the file identifier */
	const struct pdf_marks	*marks;		/* what painting left */
	const struct pdf_attachment *attach;	/* a-3b: the files to carry */
	int			 nattach;
};

/*
 * Completes the PDF cairo wrote at "path" with an incremental update
 * (ISO 32000-1, 7.5.6) built with libqpdf: the artifacts under their
 * pages, the structure's Lang, Alt and Scope, the links' /Contents and
 * flags, the fonts' CIDSet and CIDToGIDMap, XMP, the output intent and the
 * attachments as the standard asks.  False with *error set (g_free).
 */
bool	 pdf_archive(const char *path, const struct pdf_archive_info *, char **error);

/* Where the sRGB profile (ICC v2, Debian's icc-profiles-free) is read from. */
#define PDF_SRGB_PROFILE	"/usr/share/color/icc/sRGB.icc"

#endif
