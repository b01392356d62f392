/* template.h: the house style read from templates/NAME.yaml (layout.c, render_pdf.c, measure.c). */
#ifndef CO_TEMPLATE_H
#define CO_TEMPLATE_H

#include <stdbool.h>

struct co_doc;

/* An RGB colour, components 0–1. */
struct tpl_colour {
	double	 r, g, b;
};

#include "diag.h"

/* The PDF's archival standard (the order of tpl_pdf_standards[]). */
enum tpl_pdf_standard {
	TPL_PDF_NONE,		/* plain PDF 1.5, tagged */
	TPL_PDF_A1B,		/* PDF/A-1b and PDF/UA-1 */
	TPL_PDF_A2B,		/* PDF/A-2b and PDF/UA-1: the default */
	TPL_PDF_A3B		/* PDF/A-3b and PDF/UA-1, the XML and the source inside */
};

extern const char *const tpl_pdf_standards[];

struct tpl_font {
	const char	*family;	/* fontconfig family name, interned */
	double		 size;		/* points */
	bool		 bold;		/* weight bold */
	bool		 italic;	/* style italic */
	struct co_pos	 family_pos;	/* where the template names the family */
	bool		 family_set;	/* the template names it (else built in) */
};

struct tpl {
	char		*name;		/* template name, for messages */
	double		 page_width;	/* points */
	double		 page_height;	/* points */
	double		 margin_top;	/* points, from the page edge to the body */
	double		 margin_bottom;	/* points */
	double		 margin_left;	/* points */
	double		 margin_right;	/* points */
	struct tpl_font	 body;		/* paragraphs */
	double		 leading;	/* line height as a multiple of the size */
	double		 para_space;	/* points after a paragraph */
	struct tpl_font	 h[4];		/* headings, levels 1–4 */
	double		 h_space_before[4]; /* points above a heading */
	double		 h_space_after[4];  /* points below a heading */
	struct tpl_font	 table;		/* table cells */
	struct tpl_font	 table_head;	/* table header cells */
	double		 cell_pad;	/* points inside a cell */
	struct tpl_font	 small;		/* running header and footer */
	struct tpl_font	 cover_title;	/* cover: title */
	struct tpl_font	 cover_subtitle; /* cover: subtitle */
	struct tpl_font	 toc;		/* contents entries */
	struct tpl_font	 code;		/* code spans and blocks */
	struct tpl_font	 note;		/* footnotes */
	struct tpl_font	 caption;	/* figure and table captions */
	struct tpl_colour text;		/* body text */
	struct tpl_colour heading;	/* headings */
	struct tpl_colour accent;	/* cover band, rules */
	struct tpl_colour muted;	/* header, footer, captions */
	struct tpl_colour link;		/* link text */
	struct tpl_colour rule;		/* table rules */
	struct tpl_colour head_fill;	/* table header background */
	struct tpl_colour stripe_fill;	/* every other table row */
	char		*header_left;	/* running header, with {title} {project} … */
	char		*header_right;
	char		*footer_left;
	char		*footer_right;	/* e.g. "{page_label} {page} / {pages}" */
	bool		 justify;	/* justified paragraphs */
	bool		 hyphenate;	/* dictionary hyphenation */
	int		 toc_depth;	/* heading levels listed in the contents */
	enum tpl_pdf_standard pdf_standard; /* what the PDF claims and is made to be */
};

/*
 * Loads the template "name" (a file under <datadir>/templates/ without
 * ".yaml", or a path to a .yaml file, taken relative to the report's
 * directory "basedir").  Starts from built-in defaults, so a template sets
 * only what it changes.  Mistakes go to "doc"'s diagnostics with the
 * template file's own file:line:col; returns NULL after an error.
 */
struct tpl	*tpl_load(struct co_doc *doc, const char *name, const char *basedir);
void		 tpl_free(struct tpl *);
/*
 * Where template "name" lives: <datadir>/templates/NAME.yaml, or a .yaml
 * file in the report's folder "basedir"; NULL for a path that leads out of
 * it.  g_free the result.
 */
char		*tpl_path(const char *name, const char *basedir);
/* Expands {title}, {subtitle}, {project}, {organisation}, {date}, {version}, {page}, {pages}, {page_label} */
char		*tpl_expand(const char *pattern, const struct co_doc *, int page, int pages);

#endif
