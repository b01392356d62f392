/* yaml_lint.h: what libyaml lets through but YAML does not allow, found in the source around a scalar (load_yaml.c only). */
#ifndef CO_YAML_LINT_H
#define CO_YAML_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* How a scalar was written. */
enum ylint_style {
	YLINT_PLAIN,		/* no quotes */
	YLINT_SINGLE,		/* 'single quoted' */
	YLINT_DOUBLE,		/* "double quoted" */
	YLINT_BLOCK		/* | or > */
};

/* A scalar as libyaml saw it. */
struct ylint_scalar {
	enum ylint_style style;		/* how it was written */
	bool		 key;		/* a mapping's key */
	size_t		 start;		/* its first byte: a quote, '|' or '>' */
	size_t		 end;		/* the byte after it: after the closing quote */
};

/*
 * Reports, in "d" (whose source is src, len bytes), what is wrong around
 * scalar "s": a comment glued to a closing quote or to '|' or '>', a tab
 * in the indentation of a quoted scalar's later lines, a quoted key over
 * more than one line.  False if there was something.
 */
bool		 ylint_scalar(struct co_diags *d, const char *src, size_t len,
		    const struct ylint_scalar *s);
/*
 * True if the text holds no YAML node: nothing but blank lines, comments,
 * directives and the document markers '---' and '...'.
 */
bool		 ylint_empty(const char *src, size_t len);
/*
 * The byte of the first escape in the double-quoted scalar [start, end)
 * that makes a character no report may hold ("\0", "\e", "\x80"), or
 * "end" if there is none.
 */
size_t		 ylint_bad_escape(const char *src, size_t start, size_t end);
/*
 * libyaml refuses a quoted key over two lines with a message about ':'
 * at another place.  If the quoted scalar ending just before the ':' at
 * "off", or starting at "off", goes over a line break, says so at its
 * start (unless it starts at "said": ylint_scalar() said it): true if so.
 */
bool		 ylint_split_key(struct co_diags *d, const char *src, size_t len,
		    size_t off, size_t said);

#endif
