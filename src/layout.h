/* layout.h: laid-out pages, the paginator's entry points (layout*.c, render_pdf.c, render_tree.c, pdf.c, tests). */
#ifndef CO_LAYOUT_H
#define CO_LAYOUT_H

#include <glib.h>
#include <stdbool.h>

#include "measure.h"
#include "model.h"
#include "template.h"

struct co_image;

enum lay_kind {
	LAY_TEXT,		/* lines [first, first + n) of a text, their top at y */
	LAY_RECT,		/* filled rectangle */
	LAY_LINE,		/* stroked line from (x, y) to (x + w, y + h) */
	LAY_DOTS,		/* dot leader from (x, y) to (x + w, y) */
	LAY_DEST,		/* named destination at (x, y) */
	LAY_OUTLINE,		/* bookmark: level, title, dest */
	LAY_TAG_BEGIN,		/* structure tag opens */
	LAY_TAG_END,		/* structure tag closes */
	LAY_IMAGE,		/* an image fitted into (x, y, w, h) */
	LAY__MAX
};

/* What a painted item is to a reader: content, or an artifact of pagination or layout. */
enum lay_artifact {
	LAY_CONTENT,		/* tagged content */
	LAY_PAGINATION,		/* running heads and page numbers */
	LAY_LAYOUT		/* rules, leaders, shading, the cover band */
};

struct lay_item {
	enum lay_kind		 kind;		/* what to paint */
	enum lay_artifact	 artifact;	/* content, or which kind of artifact */
	int			 first;		/* LAY_TEXT: first line */
	int			 n;		/* LAY_TEXT: line count */
	int			 level;		/* OUTLINE: 1 = top */
	float			 x, y, w, h;	/* page coordinates, pt, y down */
	float			 line_width;	/* LINE/DOTS */
	const struct tpl_colour	*colour;	/* RECT fill, LINE/DOTS stroke */
	union {
		const struct lay_text	*text;	/* LAY_TEXT */
		const struct co_image	*image;	/* LAY_IMAGE */
	};
	const char		*dest;		/* DEST, OUTLINE, a Link's TAG_BEGIN: destination name */
	const char		*tag;		/* TAG_*: structure tag; OUTLINE: title */
	const char		*lang;		/* TAG_BEGIN: its language if not the report's */
	const char		*attr;		/* TAG_BEGIN: Figure's Alt, TH's Scope (Column, Row) */
};

struct lay_page {
	GArray		*items;		/* struct lay_item, in painting order */
	double		 width;		/* the page's own size, pt */
	double		 height;
	bool		 cover;		/* no running header or footer */
};

/* The laid-out document: pages ready to paint. */
struct co_pages {
	GPtrArray		*pages;		/* struct lay_page */
	GPtrArray		*texts;		/* every lay_text, owned */
	struct tpl		*tpl;		/* the template used, owned */
	struct measurer		*measure;	/* what measured the texts, owned */
	const struct co_doc	*doc;		/* the report */
	struct arena		*arena;		/* strings made by layout */
	struct co_image		*logo;		/* the cover logo, or NULL; owned */
	GPtrArray		*images;	/* the figures' images, owned */
	GHashTable		*image_of;	/* figure → its image (NULL if none), once opened */
};

/*
 * Lays out "doc" in template "tpl", measuring with "m"; both are taken
 * over by the pages (co_layout_free).  The logo, if any, is taken too.
 * What cannot be laid out as written is said to "diags" (may be NULL).
 */
struct co_pages	*co_layout_new(const struct co_doc *, struct tpl *tpl, struct measurer *m,
		    struct co_image *logo, struct co_diags *diags);
void		 co_layout_free(struct co_pages *);

/* render_tree.c: the pages as text (-t layout); g_free the result. */
char		*layout_dump(const struct co_pages *);

#endif
