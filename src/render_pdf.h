/* render_pdf.h: painting laid-out pages into a PDF with cairo (render_pdf.c, pdf.c, pdf_archive.c). */
#ifndef CO_RENDER_PDF_H
#define CO_RENDER_PDF_H

#include <cairo.h>
#include <glib.h>
#include <stdbool.h>

#include "layout.h"
#include "template.h"

/* What a structure element needs that cairo 1.16 cannot write. */
struct pdf_attr {
	const char	*tag;		/* its type, as a check: "TH" (interned) */
	int		*path;		/* its place: the child index under each ancestor */
	int		 depth;		/* entries of path; path[0] is the Document's, 0 */
	const char	*lang;		/* /Lang, or NULL (model_lang_codes) */
	const char	*alt;		/* /Alt (a Figure), or NULL: a copy */
	const char	*scope;		/* a TH's /Scope: "Column" or "Row", or NULL (static) */
};

/* A link as painted: its annotation gets the text as /Contents. */
struct pdf_link {
	int		 page;		/* cairo's page, 0-based */
	char		*target;	/* its URI or destination */
	char		*text;		/* the text it holds */
};

/*
 * The cairo pages of one page of the report: its content, and the artifacts
 * painted on pages of their own (-1 if none), which pdf_archive.c puts under
 * the content, marked /Artifact, and takes out of the page tree.
 */
struct pdf_page_parts {
	int		 content;	/* cairo's page index */
	int		 pagination;	/* running heads and page numbers */
	int		 layout;	/* rules, leaders, shading */
};

/* What painting leaves for finishing the file. */
struct pdf_marks {
	GArray		*attrs;		/* struct pdf_attr, by ordinal */
	GArray		*links;		/* struct pdf_link, in the order painted */
	GArray		*pages;		/* struct pdf_page_parts, one per page of the report */
};

void	 pdf_marks_init(struct pdf_marks *);
void	 pdf_marks_free(struct pdf_marks *);

/*
 * Paints the pages as a PDF handed to "write" (cairo's stream callback),
 * of the version the standard allows (PDF 1.4 for PDF/A-1, else 1.5),
 * noting in "marks" what the finisher must add; "path" names the output in
 * messages.  False with *error set (g_free).
 */
bool	 co_render_pdf(const struct co_pages *, enum tpl_pdf_standard,
	    cairo_write_func_t write, void *closure,
	    const char *path, struct pdf_marks *marks, char **error);

#endif
