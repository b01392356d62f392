/* build.h: the report format's rules, kept in build.c; doc.c, load_yaml.c and load_xml.c apply them too. */
#ifndef CO_BUILD_H
#define CO_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/*
 * The first character in the len bytes of UTF-8 at s that no report may
 * hold (C0 controls but tab and line ends, DEL, C1 controls but NEL, U+FFFE
 * and U+FFFF), with its code point in *c; NULL if there is none.
 */
const char	*build_forbidden(const char *s, size_t len, unsigned *c);
/*
 * Refuses a value that holds such a character although its source does
 * not (a YAML escape such as "\x80", an XML reference such as "&#x80;"):
 * false after a message at "pos", the value's place.
 */
bool		 build_check_chars(struct co_diags *, struct co_pos, const char *s,
		    size_t len);
/*
 * Replaces out->s, a date as written, with its ISO form in the arena; NULL
 * after a message naming "what" (meta.date, <dcterms:date>).
 */
void		 build_check_date(struct co_doc *, struct co_str *out, const char *what);
/* A project period may not end before it starts (ISO dates, either absent). */
void		 build_check_period(struct co_doc *, const struct co_meta *);
/*
 * A deliverable at "pos" has no 'completed' ("missing" names it: 'completed',
 * <completed>): an error when "status" (as written, NULL if none) is done or
 * absent.  True after the message; the caller adds a hint in its own syntax.
 */
bool		 build_check_completed(struct co_doc *, struct co_pos,
		    const char *status, const char *missing, const char *item);
/*
 * A row of a generic table, "cells" long: *width is the table's (the
 * header's, or -1 until the first row sets it).  False after a message
 * at "pos" naming the row as "row".
 */
bool		 build_check_row(struct co_doc *, struct co_pos, const char *row,
		    int cells, int *width);

#endif
