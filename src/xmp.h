/* xmp.h: the PDF's XMP metadata packet (xmp.c, pdf_archive.c). */
#ifndef CO_XMP_H
#define CO_XMP_H

#include <stdbool.h>

/* What the packet says; the same as the information dictionary, as PDF/A wants. */
struct xmp_info {
	const char	*title;		/* dc:title, or NULL */
	const char	*author;	/* dc:creator, or NULL */
	const char	*subject;	/* dc:description, or NULL */
	const char	*keywords;	/* pdf:Keywords, or NULL */
	const char	*lang;		/* dc:language and the titles' xml:lang */
	const char	*creator;	/* xmp:CreatorTool */
	const char	*producer;	/* pdf:Producer */
	const char	*date;		/* ISO 8601 (2019-04-26T00:00:00Z): created, modified */
	int		 pdfa_part;	/* 1, 2 or 3; 0: no PDF/A claim */
	bool		 pdfua;		/* claim PDF/UA-1 (with its extension schema for PDF/A) */
};

/* The packet, UTF-8 (g_free). */
char	*xmp_packet(const struct xmp_info *);

#endif
