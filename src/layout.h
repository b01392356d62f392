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

/* The part of a link on one line: where to put the clickable area. */
struct lay_hot {
	int		 line;		/* line index */
	double		 x0, x1;	/* from the line's left edge, pt */
	const char	*uri;		/* external target */
};

/*
 * One run of glyphs in one font and colour, kept compact so that Pango's
 * layout can be freed as soon as the text is measured: a 400-page report
 * would otherwise hold 70 MB of glyph strings until it is painted.
 */
struct lay_run {
	PangoFont	*font;		/* borrowed: measure.c holds a reference */
	struct tpl_colour colour;	/* from a foreground attribute (links) */
	bool		 coloured;	/* else the text's own colour */
	int		 nglyphs;	/* glyphs drawn */
	guint16		*glyphs;	/* glyph ids */
	float		*xs;		/* glyph positions from the line's left edge, pt */
	float		*ys;		/* vertical offsets, or NULL when all are 0 */
	const char	*text;		/* the run's characters, for text extraction */
	int		 ntext;		/* bytes of text */
	guint8		*clusters;	/* nclusters pairs (bytes, glyphs), or NULL */
	int		 nclusters;	/* pairs */
};

/* One piece of text measured by Pango; layout decides where its lines go. */
struct lay_text {
	int		 nlines;	/* lines */
	double		*top;		/* line tops, from the text's top, pt */
	double		*bottom;	/* line bottoms */
	double		*baseline;	/* line baselines */
	double		*x;		/* line left edges (alignment), pt */
	double		*w;		/* line widths, pt */
	double		 width;		/* widest line, pt */
	double		 height;	/* all lines, pt */
	struct tpl_colour colour;	/* colour of the text */
	int		*line_run;	/* nlines + 1: first run of each line */
	struct lay_hot	*hots;		/* nhots clickable parts of links */
	int		 nhots;
	/*
	 * The runs, their glyphs and characters in one block with offsets
	 * for pointers: in memory (block), or written to measure.c's spill
	 * file at spill_off.  measure_runs() gives them back for painting.
	 */
	void		*block;		/* or NULL when spilled */
	gint64		 spill_off;	/* offset in the spill file */
	size_t		 block_len;	/* bytes */
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
	int			 first;		/* LAY_TEXT: first line */
	int			 n;		/* LAY_TEXT: line count */
	int			 level;		/* OUTLINE: 1 = top */
	float			 x, y, w, h;	/* page coordinates, pt, y down */
	float			 line_width;	/* LINE/DOTS */
	const struct tpl_colour	*colour;	/* RECT fill, LINE/DOTS stroke */
	const struct lay_text	*text;		/* LAY_TEXT */
	const char		*uri;		/* LAY_LINK external */
	const char		*dest;		/* LINK/DEST/OUTLINE: destination name */
	const char		*tag;		/* TAG_*: structure tag; OUTLINE: title */
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
 * Measures "text" in "font" at "width" points; "attrs" (may be NULL) is taken
 * over, "links" (nlinks, may be NULL) only read.  Returns a new lay_text
 * owned by the caller, with its glyphs ready to paint (measure_text_free).
 */
struct lay_text	*measure_text(struct measure *, const struct tpl_font *,
		    double leading, const char *text, PangoAttrList *attrs,
		    const struct lay_link *links, int nlinks, double width, int flags);
void		 measure_text_free(struct lay_text *);
/*
 * The runs of "t" ready to paint (t->line_run indexes them), valid until the
 * next call; NULL with *error set if the spill file cannot be read.
 */
const struct lay_run *measure_runs(struct measure *, const struct lay_text *,
		    char **error);
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
