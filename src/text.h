/* text.h: prose, inline syntax, dates and amounts (build.c, load_xml.c, renderers). */
#ifndef CO_TEXT_H
#define CO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Appends inline nodes for "s" (emphasis, strong, links, autolinks) to "parent". */
void	 inline_parse(struct co_doc *, struct co_node *parent,
	    const char *s, size_t len, struct co_pos);
/*
 * Appends paragraphs and lists for prose "s" to "parent".  "first_line" is
 * the source line of the prose's first line, for messages.
 */
void	 prose_parse(struct co_doc *, struct co_node *parent, const char *s,
	    struct co_pos first_line);
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

#endif
