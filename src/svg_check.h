/* svg_check.h: an SVG's drawing counted before librsvg draws it (image.c). */
#ifndef CO_SVG_CHECK_H
#define CO_SVG_CHECK_H

/*
 * NULL if librsvg may have the file; else why not, for the warning: more
 * than 50000 elements, more than 200000 shapes drawn once every <use> and
 * url(#id) is followed, references nested more than 64 deep or in a cycle,
 * or no SVG at all.
 */
const char	*svg_check(const char *path);

#endif
