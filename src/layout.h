/* layout.h: measured text and laid-out pages (layout.c, measure.c, render_pdf.c only). */
#ifndef CO_LAYOUT_H
#define CO_LAYOUT_H

#include <glib.h>
#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>

#include "model.h"
#include "template.h"

struct measure;
struct hyph;

/* A link inside measured text: a byte range and where it goes. */
struct lay_link {
	int		 start;		/* first byte in the layout's text */
	int		 end;		/* one past the last byte */
	const char	*uri;		/* external target */
};

/* One piece of text measured by Pango; layout decides where its lines go. */
struct lay_text {
	PangoLayout	*layout;	/* owned */
	int		 nlines;	/* lines in the layout */
	double		*top;		/* line tops, from the text's top, pt */
	double		*bottom;	/* line bottoms */
	double		*baseline;	/* line baselines */
	double		*x;		/* line left edges (alignment), pt */
	double		 width;		/* widest line, pt */
	double		 height;	/* all lines, pt */
	struct tpl_colour colour;	/* colour of the text */
	struct lay_link	*links;		/* nlinks entries */
	int		 nlinks;
};

enum lay_kind {
	LAY_TEXT,		/* lines [first, first + n) of a text, their top at y */
	LAY_RECT,		/* filled rectangle */
	LAY_LINE,		/* stroked line from (x, y) to (x + w, y + h) */
	LAY_DOTS,		/* dot leader from (x, y) to (x + w, y) */
	LAY_LINK,		/* clickable area; uri or dest */
	LAY_DEST,		/* named destination at (x, y) */
	LAY_OUTLINE,		/* bookmark: level, title, dest */
	LAY_TAG_BEGIN,		/* structure tag opens */
	LAY_TAG_END,		/* structure tag closes */
	LAY_IMAGE		/* the cover logo in (x, y, w, h) */
};

struct lay_item {
	enum lay_kind		 kind;		/* what to paint */
	double			 x, y, w, h;	/* page coordinates, pt, y down */
	const struct lay_text	*text;		/* LAY_TEXT */
	int			 first;		/* LAY_TEXT: first line */
	int			 n;		/* LAY_TEXT: line count */
	struct tpl_colour	 colour;	/* RECT fill, LINE/DOTS stroke */
	double			 line_width;	/* LINE/DOTS */
	const char		*uri;		/* LAY_LINK external */
	const char		*dest;		/* LINK/DEST/OUTLINE: destination name */
	const char		*tag;		/* TAG_*: structure tag; OUTLINE: title */
	int			 level;		/* OUTLINE: 1 = top */
};

struct lay_page {
	GArray		*items;		/* struct lay_item, in painting order */
	bool		 cover;		/* no running header or footer */
};

/* The laid-out document: pages ready to paint. */
struct co_pages {
	GPtrArray		*pages;		/* struct lay_page */
	GPtrArray		*texts;		/* every lay_text, owned */
	struct tpl		*tpl;		/* the template used */
	struct measure		*measure;	/* Pango context and fonts */
	const struct co_doc	*doc;		/* the report */
	struct arena		*arena;		/* strings made by layout */
	char			*logo_path;	/* resolved cover logo, or NULL */
};

/* measure.c */
struct measure	*measure_new(const struct tpl *, enum co_lang, bool hyphenate,
		    char **error);
void		 measure_free(struct measure *);
struct hyph	*measure_hyph(struct measure *);
PangoFontDescription *measure_font(struct measure *, const struct tpl_font *);
/* Flags for measure_text(). */
#define MEASURE_JUSTIFY	0x01	/* justify all but the last line */
#define MEASURE_RIGHT	0x02	/* align right */
#define MEASURE_CENTER	0x04	/* centre */
#define MEASURE_NOWRAP	0x08	/* one line, width ignored */
#define MEASURE_MINWIDTH 0x10	/* only measure the narrowest possible width */
#define MEASURE_ELLIPSIZE 0x20	/* one line, cut with "…" at width */
/*
 * Measures "text" (attrs may be NULL; both are taken over by the result)
 * in "font" at "width" points.  Returns a new lay_text owned by the caller.
 */
struct lay_text	*measure_text(struct measure *, const struct tpl_font *,
		    double leading, const char *text, PangoAttrList *attrs,
		    double width, int flags);
void		 measure_text_free(struct lay_text *);
/*
 * Estimates the narrowest width "text" can take (its longest unbreakable
 * piece) and its width on one line, for sizing table columns.
 */
void		 measure_widths(struct measure *, const struct tpl_font *,
		    const char *text, double *minw, double *maxw);

/* layout.c */
struct co_pages	*co_layout_new(const struct co_doc *, struct tpl *, char **error);
void		 co_layout_free(struct co_pages *);

/*
 * render_pdf.c: paints the pages as a PDF handed to "write" (cairo's stream
 * callback); "path" names the output in messages.  False with *error set.
 */
bool		 co_render_pdf(const struct co_pages *, cairo_write_func_t write,
		    void *closure, const char *path, char **error);

#endif
