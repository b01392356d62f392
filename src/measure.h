/*
 * measure.h: what layout asks of a measurer and the measured text it gets
 * back (layout*.c, measure*.c, render_pdf.c, render_tree.c, tests/unit).
 * No Pango or Cairo type appears here: a fixed-advance fake in tests/unit
 * stands in for Pango, so that layout can be tested at exact positions.
 */
#ifndef CO_MEASURE_H
#define CO_MEASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "template.h"

/* ---- what layout hands over ----------------------------------------- */

/* Styles of a span of text (struct ms_span.flags). */
#define MS_ITALIC	0x01	/* italic face */
#define MS_BOLD		0x02	/* bold face */
#define MS_LINK		0x04	/* link colour; wraps without a hyphen of its own */
#define MS_WHOLE	0x08	/* never broken with a hyphen (people's names) */
#define MS_HYPHENATE	0x10	/* dictionary hyphenation of this run of text */
#define MS_CODE		0x20	/* the code font */
#define MS_STRIKE	0x40	/* struck out: a line through it */
#define MS_SUPER	0x80	/* raised and smaller: a footnote's mark */
#define MS_URL		0x100	/* a web address: breaks only after / . ? & = _ # @ or before -, no hyphen shown */

/*
 * A span: bytes [start, end) of the text with one style.  Spans may nest
 * and overlap; they are applied in their order.  MS_HYPHENATE spans never
 * overlap each other: each is hyphenated on its own, as one piece of text.
 */
struct ms_span {
	size_t		 start;		/* first byte */
	size_t		 end;		/* one past the last byte */
	unsigned	 flags;		/* MS_* */
};

/* What a range of the text is for, beyond its style. */
enum ms_range_kind {
	MS_RANGE_LINK,		/* clickable: uri or dest */
	MS_RANGE_STRIKE,	/* a line through it, drawn by layout */
	MS_RANGE_MARK		/* a footnote's mark: which line it is on */
};

/* A range of the text that layout wants placed: a link, a strike, a mark. */
struct ms_link {
	size_t		 start;		/* first byte */
	size_t		 end;		/* one past the last byte */
	enum ms_range_kind kind;	/* what it is */
	const char	*uri;		/* LINK: external target, or NULL */
	const char	*dest;		/* LINK: destination in the report, or NULL */
	int		 tag;		/* MARK: the footnote's number */
};

/* Text to measure, with its styles and links (all borrowed). */
struct ms_rich {
	const char		*text;		/* UTF-8 */
	size_t			 len;		/* bytes */
	const struct ms_span	*spans;		/* nspans, or NULL */
	int			 nspans;
	const struct ms_link	*links;		/* nlinks, or NULL */
	int			 nlinks;
	const struct tpl_colour	*link_colour;	/* of MS_LINK spans, or NULL */
	const char		*code_family;	/* of MS_CODE spans, or NULL */
	const char		*lang;		/* BCP 47 language of the text, or NULL: the report's */
};

/* Flags for measure_text(). */
#define MEASURE_JUSTIFY	0x01	/* justify all but the last line */
#define MEASURE_RIGHT	0x02	/* align right */
#define MEASURE_CENTER	0x04	/* centre */
#define MEASURE_NOWRAP	0x08	/* one line, width ignored */
#define MEASURE_ELLIPSIZE 0x20	/* one line, cut with "…" at width */
#define MEASURE_WHOLE_LAST 0x40	/* the last word is not hyphenated */

/* ---- what comes back ------------------------------------------------- */

/* The part of a range on one line: a link's clickable area, a strike's line, a mark. */
struct lay_hot {
	int		 line;		/* line index */
	double		 x0, x1;	/* from the line's left edge, pt */
	double		 y;		/* STRIKE: the line's height, from the line's top */
	enum ms_range_kind kind;	/* what it is */
	const char	*uri;		/* LINK: external target */
	const char	*dest;		/* LINK: destination in the report */
	int		 tag;		/* MARK: the footnote's number */
};

/*
 * One run of glyphs in one font and colour, kept compact so that the
 * measurer's own structures can be freed as soon as the text is measured.
 */
struct lay_run {
	void		*font;		/* the measurer's font (a PangoFont for Pango) */
	struct tpl_colour colour;	/* from a link span */
	bool		 coloured;	/* else the text's own colour */
	int		 nglyphs;	/* glyphs drawn */
	uint16_t	*glyphs;	/* glyph ids */
	float		*xs;		/* glyph positions from the line's left edge, pt */
	float		*ys;		/* vertical offsets, or NULL when all are 0 */
	const char	*text;		/* the run's characters, for text extraction */
	int		 ntext;		/* bytes of text */
	uint8_t		*clusters;	/* nclusters pairs (bytes, glyphs), or NULL */
	int		 nclusters;	/* pairs */
	bool		 rtl;		/* right to left: its text too is in visual order */
};

/* One piece of measured text; layout decides where its lines go. */
struct lay_text {
	int		 nlines;	/* lines */
	double		*top;		/* line tops, from the text's top, pt */
	double		*bottom;	/* line bottoms */
	double		*baseline;	/* line baselines */
	double		*x;		/* line left edges (alignment), pt */
	double		*w;		/* line widths, pt */
	double		 width;		/* widest line, pt */
	double		 height;	/* all lines, pt */
	struct tpl_colour colour;	/* colour of the text (set by layout) */
	int		*line_run;	/* nlines + 1: first run of each line */
	struct lay_hot	*hots;		/* nhots clickable parts of links */
	int		 nhots;
	int		 char_breaks;	/* lines broken between letters, as a last resort */
	/*
	 * The runs, kept by the measurer: in memory (block), or written to a
	 * spill file at spill_off.  measure_runs() gives them back.
	 */
	void		*block;		/* g_malloc'd, or NULL when spilled */
	int64_t		 spill_off;	/* offset in the spill file, or -1 */
	size_t		 block_len;	/* bytes */
};

/* A new text of "nlines" lines, its arrays allocated and zeroed. */
struct lay_text	*lay_text_new(int nlines);
void		 lay_text_free(struct lay_text *);

/* ---- the interface --------------------------------------------------- */

struct measurer;

struct measurer_ops {
	/* Measures "in" in "font" at "width" pt; the caller owns the result. */
	struct lay_text	*(*text)(struct measurer *, const struct tpl_font *,
			    double leading, const struct ms_rich *in, double width,
			    int flags);
	/*
	 * The narrowest width "in" can take (its longest unbreakable piece,
	 * hyphenation points counted) and its width on one line: an estimate
	 * for sizing table columns.
	 */
	void		 (*widths)(struct measurer *, const struct tpl_font *,
			    const struct ms_rich *in, double *minw, double *maxw);
	/* The runs of "t" ready to paint, valid until the next call; NULL with *error. */
	const struct lay_run *(*runs)(struct measurer *, const struct lay_text *t,
			    char **error);
	/* Looks at every text of the report ahead of measuring (may be NULL). */
	void		 (*prepare)(struct measurer *, const char *const *texts,
			    size_t ntexts);
	void		 (*free)(struct measurer *);
};

/* Implementations start with this; layout sees nothing else. */
struct measurer {
	const struct measurer_ops *ops;		/* what it does */
	bool			 no_dictionary;	/* hyphenation asked, dictionary missing */
};

static inline struct lay_text *
measure_text(struct measurer *m, const struct tpl_font *f, double leading,
    const struct ms_rich *in, double width, int flags)
{
	return m->ops->text(m, f, leading, in, width, flags);
}

static inline void
measure_widths(struct measurer *m, const struct tpl_font *f, const struct ms_rich *in,
    double *minw, double *maxw)
{
	m->ops->widths(m, f, in, minw, maxw);
}

static inline const struct lay_run *
measure_runs(struct measurer *m, const struct lay_text *t, char **error)
{
	return m->ops->runs(m, t, error);
}

static inline void
measure_free(struct measurer *m)
{
	if (m != NULL)
		m->ops->free(m);
}

/*
 * measure_pango.c: the real measurer, Pango on our pinned font set, with
 * dictionary hyphenation for "lang" if "hyphenate".  NULL with *error set
 * (g_free) if the fonts cannot be loaded.
 */
struct measurer	*measure_pango_new(const struct tpl *, enum co_lang lang,
		    bool hyphenate, char **error);

#endif
