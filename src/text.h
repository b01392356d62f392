/* text.h: the values of typed fields: dates, amounts, addresses (loaders, validate.c, renderers). */
#ifndef CO_TEXT_H
#define CO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/*
 * A report's model may take this much memory (arena bytes).  Past it the
 * prose parser stops making nodes and co_doc_load() refuses the report.
 */
#define CO_MAX_MODEL_BYTES	((size_t)256 * 1024 * 1024)

/* Collapses white space runs (line breaks NEL, LS and PS too) to one space and trims; newly allocated. */
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
/*
 * True if the token s[0, len) (no white space in it) is a web or e-mail
 * address: it holds "://", "www." or '@', or is a bare domain
 * ("opendreamkit.org/about").  Such a token is never hyphenated.
 */
bool	 text_is_address(const char *s, size_t len);
/* A link target we make: an http or https URL, or mailto: and an address. */
bool	 href_valid(const char *);

#endif
