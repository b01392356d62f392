/* text.h: prose, inline syntax, dates and amounts (build.c, load_xml.c, renderers). */
#ifndef CO_TEXT_H
#define CO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/*
 * Appends inline nodes for the len bytes at "s" (emphasis, strong, links,
 * autolinks) to "parent".  "map", if not NULL, holds the source place of
 * each byte of s, for the nodes and for messages; otherwise all is at "at".
 */
void	 inline_parse(struct co_doc *, struct co_node *parent,
	    const char *s, size_t len, const struct co_pos *map, struct co_pos at);
/*
 * A report's model may take this much memory (arena bytes).  Past it the
 * inline parser stops making nodes and co_doc_load() refuses the report.
 */
#define CO_MAX_MODEL_BYTES	((size_t)256 * 1024 * 1024)

/* Appends paragraphs and lists for prose "s"; map and at as for inline_parse(). */
void	 prose_parse(struct co_doc *, struct co_node *parent, const char *s,
	    size_t len, const struct co_pos *map, struct co_pos at);
/* Collapses white space runs to one space and trims; newly allocated. */
char	*text_squeeze(const char *s, size_t len);

/* Parses a date (or month, if allowed) into ISO form; NULL or a reason. */
const char *date_parse(const char *s, bool month_ok, char iso[11]);
/* Localized date or month for readers; g_free() the result. */
char	*date_format(const char *iso, enum co_lang);
/* Parses an amount into cents; false if malformed. */
bool	 amount_parse(const char *s, int64_t *cents);
/* "1250.50": the XML form. */
char	*amount_canonical(int64_t cents);
/* "1 250,50" (fi, sv) or "1,250.50" (en); g_free() the result. */
char	*amount_format(int64_t cents, enum co_lang);
bool	 email_valid(const char *);
bool	 url_valid(const char *);
/* A link target we make: an http or https URL, or mailto: and an address. */
bool	 href_valid(const char *);

#endif
