/* build.h: the characters no report may hold, checked as each loader reads (doc.c, load_yaml.c, load_xml.c). */
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

#endif
