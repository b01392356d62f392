/*
 * linebreak.h: optimal line breaking of a paragraph, Knuth and Plass's
 * total-fit algorithm ("Breaking paragraphs into lines", 1981), on boxes,
 * glue and penalties measured by the caller (measure_pango.c).  No library
 * does this: Pango breaks lines one at a time, first fit (docs/design.md).
 */
#ifndef CO_LINEBREAK_H
#define CO_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

enum lb_kind {
	LB_BOX,			/* unbreakable material: a word or a piece of one */
	LB_GLUE,		/* a word space: may stretch, shrink, or end a line */
	LB_PENALTY		/* a place to break at a cost (a hyphen's), or a forced break */
};

#define LB_FORCED	(-10000.0)	/* a penalty this low breaks the line */
#define LB_FILL		1.0e6		/* the stretch of a paragraph's last glue */

struct lb_item {
	enum lb_kind	 kind;
	double		 width;		/* pt; a penalty's: what a break there adds (a hyphen) */
	double		 stretch;	/* glue: how much wider it may get, pt */
	double		 shrink;	/* glue: how much narrower, pt */
	double		 penalty;	/* penalty: its cost; LB_FORCED to break */
	bool		 flagged;	/* penalty: a hyphen (two in a row cost more) */
	size_t		 pos;		/* the caller's place for it (a byte of the text) */
};

/*
 * Breaks items[0, n) into lines of "width" pt whose glue neither shrinks
 * past its shrink nor stretches past "tolerance" times its stretch (1:
 * as far as it may).  A tolerance of 10 or more is a last pass: lines
 * looser still (one word that cannot stretch) are allowed at the worst
 * cost, to be set ragged.  The items end with a forced penalty.  Writes
 * the indices of the items broken at, in order (the last one that final
 * penalty), to breaks[] (room for n) and returns how many; -1 if no such
 * breaking exists (a word wider than the line).
 */
int	 lb_break(const struct lb_item *items, int n, double width, double tolerance,
	    int *breaks);

#endif
