/* suggest.h: hints that name what the author meant: a key for a section's title, a list for a text (build.c). */
#ifndef CO_SUGGEST_H
#define CO_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

/*
 * If unknown key "word" is the title of a section (or of the abstracts or
 * annexes) in Finnish, Swedish or English, case, spaces, '_' and '-' aside,
 * the hint that names the key, newly allocated (g_free): "did you mean
 * 'deliverables'? (Lopputuotokset is its Finnish title)".  "allowed" (NULL
 * ends it) are the keys taken where the word is: a section that goes
 * elsewhere is named with its place.  NULL if the word is no title.
 */
char	*suggest_localized(const char *word, const char *const *allowed);
/*
 * The hint for text "value" (white space squeezed) given to list "key"
 * (NULL for an entry of a list), newly allocated: the list written out,
 * "keywords: [port services]", or for a list of mappings its first key.
 * "empty" if the value is none ("~", "").
 */
char	*suggest_list(const char *key, const char *value, bool empty);
/* What a YAML file without a node holds, for the message that says so. */
const char *suggest_no_report(const char *src, size_t len);

#endif
