/* prose.h: the author's prose, CommonMark with GitHub's extensions, into model blocks (build.c). */
#ifndef CO_PROSE_H
#define CO_PROSE_H

#include <stddef.h>

#include "model.h"

/*
 * One paragraph is broken into lines as a whole (Knuth and Plass), and its
 * cost per page grows with its length: past 16 KiB (some 4 pages) it
 * would cost more than twice what the same text in paragraphs does.
 * validate.c refuses a longer paragraph; a longer line is refused here,
 * before cmark-gfm's autolinker spends seconds on it.
 */
#define PROSE_MAX_PARAGRAPH	(16 * 1024)

/* A text to parse and where its bytes are in the report. */
struct prose_src {
	const char	*text;		/* the value, UTF-8 */
	size_t		 len;		/* bytes */
	const size_t	*offsets;	/* len + 1 source offsets of its bytes, or NULL */
	struct co_pos	 at;		/* where all of it is when there are no offsets */
	const char	*where;		/* its name in messages ("summary") */
};

/*
 * Appends the blocks of "src" to "parent": paragraphs, lists, quotes,
 * tables, figures, code, footnotes.  A value of one line is one paragraph
 * ("3. Työllisyys" is not a list).  Headings, raw HTML and links of other
 * schemes are reported at their place; nothing of the text is dropped.
 */
void	 prose_blocks(struct co_doc *, struct co_node *parent, const struct prose_src *src);

#endif
