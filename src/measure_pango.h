/*
 * measure_pango.h: what the Pango measurer's files share (measure_pango.c,
 * measure_breaks.c, measure_rtl.c, measure_cache.c only): the measurer's state, its
 * fonts and the text as Pango gets it.
 */
#ifndef CO_MEASURE_PANGO_H
#define CO_MEASURE_PANGO_H

#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "hyphen.h"
#include "measure.h"

#define ZWSP	"\xe2\x80\x8b"	/* U+200B ZERO WIDTH SPACE: a break, nothing shown */
#define WJ	"\xe2\x81\xa0"	/* U+2060 WORD JOINER: no break here */
#define LS	"\xe2\x80\xa8"	/* U+2028 LINE SEPARATOR: a break chosen for the line */
#define HYPHEN	"\xe2\x80\x90"	/* U+2010 HYPHEN: shown where a chosen break splits a word */
#define LRM	"\xe2\x80\x8e"	/* U+200E LEFT-TO-RIGHT MARK: a right-to-left line's last space stays at its end */

/* A range in the text Pango lays out: byte range and what it is for. */
struct plink {
	int		 start;		/* first byte */
	int		 end;		/* one past the last byte */
	enum ms_range_kind kind;	/* link, strike or mark */
	const char	*uri;		/* LINK: external target */
	const char	*dest;		/* LINK: destination in the report */
	int		 tag;		/* MARK: the footnote's number */
};

/* Where a run's glyphs and clusters start in the scratch arrays. */
struct scratch_run {
	struct lay_run	 run;		/* pointers not yet set */
	int		 glyph0;	/* first glyph in m->glyphs */
	int		 cluster0;	/* first pair in m->clusters */
	size_t		 char0;		/* first byte in m->chars */
	const char	*src_end;	/* where the run ends in the measured text */
	bool		 text_ok;	/* clusters are valid */
	bool		 ltr;		/* left to right */
};

#define SPILL_BATCH	(1024 * 1024)	/* bytes written to the spill file at once */
#define LOADS		8		/* texts read back and kept for painting */

struct measure {
	struct measurer	 base;		/* what layout sees */
	PangoFontMap	*fontmap;	/* pinned to fonts/fonts.conf */
	PangoContext	*context;	/* the one context of the run */
	PangoLayout	*layout;	/* reused for every text measured */
	PangoLayout	*probe;		/* reused for width queries */
	GHashTable	*held;		/* PangoFont → itself: fonts runs point to */
	GArray		*runs;		/* scratch: struct scratch_run of one text */
	GArray		*glyphs;	/* scratch: guint16 glyph ids */
	GArray		*xs;		/* scratch: float glyph positions */
	GArray		*ys;		/* scratch: float glyph offsets */
	GArray		*clusters;	/* scratch: guint8 pairs */
	GString		*chars;		/* scratch: the characters the clusters cover */
	bool		 any_y;		/* some glyph of this text has an offset */
	GArray		*spaces;	/* scratch: int glyph index of each word space on a line */
	double		 space_w;	/* their natural width */
	int		 last_ink;	/* the line's last glyph that is not a space */
	double		 ink_end;	/* where that glyph ends, from the line's left edge */
	FILE		*spill;		/* frozen runs wait here to be painted */
	gint64		 spill_end;	/* bytes written to it */
	bool		 spill_full;	/* a write failed: keep the rest in memory */
	GByteArray	*batch;		/* blocks not yet written */
	GPtrArray	*pending;	/* their texts */
	GByteArray	*load[LOADS];	/* the runs read back for painting, of the last texts */
	const struct lay_text *loaded[LOADS]; /* whose they are */
	guint64		 used[LOADS];	/* when each was last asked for */
	guint64		 uses;		/* texts asked for */
	struct hyph	*hyph;		/* hyphenator, or NULL */
	enum co_lang	 lang;		/* the report's language, hyph's */
	struct hyph	*other[CO_LANG__MAX]; /* for text in another language, made when needed */
	GHashTable	*fonts;		/* "family|size|b|i" → struct font */
};

struct font {
	PangoFontDescription	*desc;		/* what Pango is asked for */
	double			 height;	/* line height with line gap, pt */
	double			 latin[0x250];	/* advance per code point, -1 unknown */
	GHashTable		*other;		/* advances beyond Latin */
};

/* The text as Pango gets it: soft hyphens put in, attributes and links moved with them. */
struct prepared {
	GString		*text;		/* the characters */
	PangoAttrList	*attrs;		/* styles, or NULL */
	GArray		*links;		/* struct plink */
};

struct font	*mp_font(struct measure *, const struct tpl_font *);
/* The advance of one character in "font", measured once per run. */
double		 mp_advance(struct measure *, struct font *, gunichar);
/* Sets font, leading, wrapping and alignment on a layout. */
void		 mp_setup(struct measure *, PangoLayout *, const struct tpl_font *,
		    double leading, double width, int flags);
/*
 * What Pango is given for "in" in font "f"; attributes only if "styled";
 * addresses kept to their break points if "url_strict".
 */
void		 mp_prepare(struct measure *, const struct ms_rich *, const struct tpl_font *,
		    bool styled, bool url_strict, struct prepared *);
void		 mp_prepared_free(struct prepared *);
/* Takes the soft hyphens out of the last word; true if there were any. */
bool		 mp_last_word_whole(struct prepared *);

/*
 * measure_rtl.c: turns the scratch run "sr", right to left, into visual
 * order: glyphs, clusters, characters, and its word spaces from "space0".
 */
void		 mp_reverse_run(struct measure *, struct scratch_run *sr, guint space0);

/*
 * measure_breaks.c: lays "in" out in "l" with the breaks of the best
 * paragraph (linebreak.c), justified by freeze().  False, with nothing
 * left in *p, if no breaking keeps every space within its bounds.
 */
bool		 mp_break_optimally(struct measure *, PangoLayout *, const struct tpl_font *,
		    double leading, const struct ms_rich *, double width, int flags,
		    struct prepared *);

/*
 * Gives "t" its runs' block (g_malloc'd, "t" owns it), batched for the
 * spill file as pack_runs() does.
 */
void		 mp_keep_block(struct measure *, struct lay_text *t, char *block,
		    size_t size);

/*
 * measure_cache.c: texts measured in one run given again in the next.
 * mc_key() is NULL unless texts are kept; mc_lookup() a new text or NULL;
 * mc_store() takes the key.  mc_begin() and mc_end() bracket a run: what
 * it did not use is let go at its end.
 */
void		 mc_keep(bool on);
void		 mc_begin(void);
void		 mc_end(void);
GBytes		*mc_key(const struct measure *, const struct tpl_font *, double leading,
		    const struct ms_rich *, double width, int flags);
struct lay_text	*mc_lookup(struct measure *, GBytes *key, const struct ms_rich *);
void		 mc_store(struct measure *, GBytes *key, const struct lay_text *,
		    const struct ms_rich *);

#endif
