/* srcmap.h: line and column of a byte of a source text, and back (diag.c and the loaders). */
#ifndef CO_SRCMAP_H
#define CO_SRCMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Which characters end a line. */
enum srcmap_breaks {
	SRCMAP_YAML,		/* LF, CR LF, lone CR, NEL, LS, PS: as libyaml counts */
	SRCMAP_XML		/* LF, CR LF, lone CR: as libxml2 counts */
};

struct srcmap;

/*
 * Indexes the line starts of "len" bytes at "src" (borrowed: it must live
 * as long as the map).  A byte order mark at the start is not a column.
 */
struct srcmap	*srcmap_new(const char *src, size_t len, enum srcmap_breaks);
void		 srcmap_free(struct srcmap *);
/* Lines in the text (a last line without its end counts). */
unsigned	 srcmap_lines(const struct srcmap *);
/*
 * Line "line" (0-based) as bytes [*start, *end), without its line end;
 * false past the last line.
 */
bool		 srcmap_line(const struct srcmap *, unsigned line, size_t *start,
		    size_t *end);
/* The place of byte "off" (0-based line, column in characters). */
struct co_pos	 srcmap_pos(const struct srcmap *, size_t off);
/* The byte where "pos" is; the line's end if the column is past it. */
size_t		 srcmap_offset(const struct srcmap *, struct co_pos);

/*
 * Places of many bytes in increasing order cost no more than one pass:
 * a cursor remembers where the last one was.
 */
struct srcmap_cursor {
	size_t		 off;		/* a byte already placed */
	struct co_pos	 pos;		/* its place */
	bool		 valid;		/* off and pos are set */
};
struct co_pos	 srcmap_pos_at(const struct srcmap *, struct srcmap_cursor *, size_t off);
/* srcmap_offset() for places in increasing order, through a cursor. */
size_t		 srcmap_offset_at(const struct srcmap *, struct srcmap_cursor *,
		    struct co_pos);

#endif
