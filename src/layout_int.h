/* layout_int.h: what the layout's files share among themselves (layout*.c only). */
#ifndef CO_LAYOUT_INT_H
#define CO_LAYOUT_INT_H

#include <glib.h>

#include "layout.h"

#define MM		(72.0 / 25.4)
/* Lines in table cells: Lato's own 1.05 em left descenders touching capitals. */
#define CELL_LEADING	1.2

/* Text being built: characters, styled spans and links, as measure.h wants them. */
struct rich {
	GString		*text;		/* the characters */
	GArray		*spans;		/* struct ms_span, in the order they were closed */
	GArray		*links;		/* struct ms_link */
};

/* A heading placed in the body, for the contents. */
struct heading {
	const struct co_node	*section;	/* the heading's section */
	int			 page;		/* body page index, 0-based */
	char			*dest;		/* named destination */
};

/* The running header and footer: each slot measured once while its text stays. */
struct running {
	char		*str;		/* the text last measured */
	struct lay_text	*natural;	/* on one line, whole */
	struct lay_text	*fitted;	/* cut to width, or NULL */
	double		 width;		/* of fitted */
};

/* Headings placed with nothing after them yet: they go to the next page with it. */
struct keep {
	bool		 active;	/* headings placed, nothing after them */
	bool		 in_heading;	/* a heading is being placed */
	bool		 fresh;		/* they began a page: nothing to move */
	guint		 item;		/* their first item on the page */
	int		 ntags;		/* tags open before them */
	guint		 heading;	/* their first entry in headings */
	double		 y;		/* where they begin */
};

/* A footnote's lines placed at the foot of the current page. */
struct page_note {
	int		 number;	/* the footnote's number */
	int		 first;		/* its first line there (a long one goes on) */
	int		 n;		/* its lines there */
	int		 lang;		/* the language where it was called (flow.lang) */
};

/* The paginator's state, shared by every part of the layout. */
struct flow {
	struct co_pages		*out;		/* what we make */
	const struct co_doc	*doc;		/* what we lay out */
	struct co_diags		*diags;		/* what cannot be laid out as written, or NULL */
	const struct tpl	*tpl;		/* house style */
	struct measurer		*m;		/* measures text */
	GPtrArray		*pages;		/* pages being filled */
	struct lay_page		*page;		/* the current page */
	double			 y;		/* top of the free space */
	double			 top, bottom;	/* body area, pt from the page top; bottom
						   rises by the footnotes of the page */
	double			 page_bottom;	/* the body's bottom, footnotes aside */
	double			 left, width;	/* the box blocks go in: the body, or an
						   item's or a quote's part of it */
	bool			 fresh;		/* nothing on this page yet */
	bool			 whole_words;	/* names: no dictionary hyphenation */
	GPtrArray		*tags;		/* open structure tags (const char *) */
	GArray			*headings;	/* struct heading, for the contents */
	struct keep		 keep;		/* headings kept with what follows */
	struct running		 running[4];	/* header left, right; footer left, right */
	/* A list item's label waits for the item's first line, and tags with it. */
	struct lay_text		*label;		/* the label, or NULL */
	double			 label_x;	/* where it goes */
	GPtrArray		*pending;	/* tags to open with the next line placed */
	bool			 italic;	/* in a quote */
	int			 depth;		/* lists open around what is placed */
	/* Footnotes: measured once, placed at the foot of the page of their mark. */
	struct lay_text		**note_text;	/* by number (1-based), or NULL until needed */
	struct lay_text		**note_label;	/* their numbers */
	const struct co_node	**note_node;	/* the NOTE of each number */
	int			 nnotes;	/* the highest number + 1 */
	GArray			*page_notes;	/* struct page_note on this page */
	GArray			*carry;		/* struct page_note: lines for the next page */
	double			 notes_h;	/* the height they take from the body */
	/* Where each cross-reference target ends up, for "on page" (from a pass before). */
	GHashTable		*target_page;	/* node → page index + 1 in the body */
	GHashTable		*known_page;	/* target → page number, from the pass before, or NULL */
	int			 body_start;	/* pages before the body: cover, contents */
	bool			 landscape;	/* new pages are turned: a table too wide */
	int			 lang;		/* enum co_lang of what is placed, -1: the report's */
	bool			 ragged;	/* list items set ragged right (references) */
	bool			 pagination;	/* what is placed is the running heads */
	GHashTable		*table_widths;	/* first table of a run of one shape → widths */
};

/* layout.c: pages, items and structure tags */
struct lay_item	*add_item(struct flow *, enum lay_kind);
void		 tag_begin(struct flow *, const char *tag);
/* A structure element with its Alt (Figure) or Scope (TH). */
void		 tag_begin_attr(struct flow *, const char *tag, const char *attr);
/* A Link element to destination "dest": what is placed inside it is the link. */
void		 tag_begin_link(struct flow *, const char *dest);
void		 tag_end(struct flow *);
void		 new_page(struct flow *);
struct lay_page	*page_new(GPtrArray *pages, const struct tpl *);
void		 page_free(struct lay_page *);
/* Starts a new page unless "h" points still fit (or the page is empty). */
void		 ensure(struct flow *, double h);
/* Places lines [first, first + n) of "t" with their top at (x, y), with their links. */
void		 place_lines(struct flow *, const struct lay_text *, int first, int n,
		    double x, double y);
/* What a section's heading shows before its title: "2.1", "Liite 1", or NULL. */
const char	*section_label(struct flow *, const struct co_node *section);
/* One list item: a label ("•", "3.") and its text with a hanging indent. */
void		 flow_item(struct flow *, const char *label, struct rich *, double indent);
/* The blocks of "parent" in the current box. */
void		 flow_blocks(struct flow *, const struct co_node *parent);
/* Opens the tags waiting for content, and an item's label (layout.c). */
void		 open_pending(struct flow *);

/* layout_text.c: text built from the model, then measured */
void		 rich_init(struct rich *);
/* A span over [start, the end of the text so far) with "flags" (MS_*). */
void		 rich_span(struct rich *, size_t start, unsigned flags);
/* Appends "s" as it is: no ties, no hyphenation. */
void		 rich_raw(struct rich *, const char *s);
/* Appends the author's text "s": numbers tied, hyphenated if "hyphenate". */
void		 rich_words(struct flow *, struct rich *, const char *s, bool hyphenate);
void		 rich_link(struct flow *, struct rich *, const char *uri, size_t start);
/* Appends the inline children of "n". */
void		 rich_inline(struct flow *, struct rich *, const struct co_node *n,
		    bool in_link);
/* Appends blocks (a cell's, a field's, a note's) as one text, paragraphs on lines of their own. */
void		 rich_blocks(struct flow *, struct rich *, const struct co_node *n);
/* Makes bytes [start, end of text) a link to "dest" in the report. */
void		 rich_dest(struct rich *, const char *dest, size_t start);
/* A target's destination name in the PDF: "sec-3", "fig-2" … (arena). */
const char	*target_dest(struct flow *, const struct co_node *target);
/* Turns the spaces from byte "start" on into no-break spaces. */
void		 rich_tie_spaces(struct rich *, size_t start);
/* The narrowest and the natural width of "r" (not taken). */
void		 rich_widths(struct flow *, const struct rich *, const struct tpl_font *,
		    double *minw, double *maxw);
/* The same, as if no word of "r" could be hyphenated: whole words only. */
void		 rich_widths_whole(struct flow *, const struct rich *, const struct tpl_font *,
		    double *minw, double *maxw);
/* Appends "s" on one line, whatever it holds: a date ("11/2019", "March 2019"). */
void		 rich_unbroken(struct rich *, const char *s);
/* No word of "r" is hyphenated, nor broken with a hyphen (names, headers). */
void		 rich_whole(struct rich *);
/* Measures "r" (taken, freed) in the text's colour; the pages own the result. */
struct lay_text	*rich_measure(struct flow *, struct rich *, const struct tpl_font *,
		    double leading, double width, int flags, const struct tpl_colour *);
struct lay_text	*plain_text(struct flow *, const char *, const struct tpl_font *,
		    double leading, double width, int flags, const struct tpl_colour *);

/* layout_table.c: a grid of cells, placed with its header repeated on every page */
enum { ROW_BODY, ROW_HEAD, ROW_TOTAL };

struct gcell {
	struct rich	 r;		/* content */
	bool		 right;		/* numbers align right */
	bool		 center;	/* centred, as the author asked */
	bool		 loose;		/* a web address: may wrap where it must */
	int		 span;		/* columns it covers; 0 for one a cell before covers */
	struct co_pos	 pos;		/* where it is written, for messages */
};

struct grid {
	int		 ncols;		/* columns */
	GArray		*cells;		/* struct gcell, row by row */
	GArray		*kinds;		/* per row: ROW_* */
	const char	*caption;	/* or NULL */
	int		 number;	/* the caption's number, or 0 */
	struct co_pos	 pos;		/* where the table is written, for messages */
	const struct co_node *node;	/* the table, a cross-reference target; or NULL */
	const struct co_col *cols;	/* ncols widths and alignments, or NULL */
	const double	*widths;	/* ncols widths shared with tables beside it, or NULL */
	bool		 head_whole;	/* header words fit whole: not hyphenated */
	struct tpl_font	 font;		/* body cells, maybe smaller than the template's */
	struct tpl_font	 head_font;	/* header cells */
};

void		 grid_init(struct grid *, int ncols);
void		 grid_row(struct grid *, int kind);
/* The next cell of the last row, empty. */
struct gcell	*grid_cell(struct grid *);
/* Measures and places "g", then frees its cells. */
void		 flow_grid(struct flow *, struct grid *);
void		 flow_table(struct flow *, const struct co_node *table);
/* Column widths of "g" at its fonts in "avail" pt; false if they do not fit even word by word. */
bool		 grid_widths(struct flow *, struct grid *, double avail, double *w);

/* layout_records.c: typed tables */
void		 flow_records(struct flow *, const struct co_node *records);

/* layout_notes.c: footnotes at the foot of the page */
void		 notes_init(struct flow *);
void		 notes_free(struct flow *);
/* The height the footnotes marked on lines [first, first + n) of "t" add to this page. */
double		 notes_extra(struct flow *, const struct lay_text *, int first, int n);
/* Those footnotes are now on this page: the body's bottom rises. */
void		 notes_take(struct flow *, const struct lay_text *, int first, int n);
/* Places the page's footnotes at its foot (the page is full). */
void		 notes_flush(struct flow *);
/* A new page: what a long note had left goes first at its foot. */
void		 notes_start_page(struct flow *);

/* layout_figure.c */
void		 flow_figure(struct flow *, const struct co_node *figure);

/* layout_cover.c */
void		 flow_cover(struct flow *);

/* layout_toc.c: contents and running heads */
void		 flow_contents(struct flow *, GPtrArray *cover, GPtrArray *toc);
void		 add_running(struct flow *, struct lay_page *, int number, int total);
void		 running_free(struct flow *);

#endif
