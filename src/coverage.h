/* coverage.h: the characters of a report that no font of ours has (pdf.c only). */
#ifndef CO_COVERAGE_H
#define CO_COVERAGE_H

#include "model.h"

/*
 * Warns of each character of the report's text that no font of our set
 * has, fallbacks included (it would print as a box): once a character, at
 * its first place.  Call after fonts_config() has loaded the set.
 */
void	 coverage_check(struct co_doc *);

#endif
