/* hyphen.h: dictionary hyphenation with a per-word cache (measure.c and layout.c). */
#ifndef CO_HYPHEN_H
#define CO_HYPHEN_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct hyph;

/*
 * A hyphenator for "lang": Finnish through libvoikko (voikko-fi), Swedish
 * and English through libhyphen (hyphen-sv, hyphen-en-us).  Never NULL: if
 * the dictionary is missing, hyph_ok() is false and text passes unchanged.
 */
struct hyph	*hyph_new(enum co_lang);
/*
 * Starts loading libvoikko on another thread, for a report that may be
 * Finnish; hyph_new() takes what it made.  hyph_preload_end() frees it if
 * nobody did (call it before exit).
 */
void		 hyph_preload(void);
void		 hyph_preload_end(void);
void		 hyph_free(struct hyph *);
/*
 * While on, hyph_free() keeps one hyphenator per language, its cache and
 * libvoikko handle with it, and hyph_new() gives it back: a process that
 * renders report after report (watch, batch) looks each word up once.
 * Turning it off frees what was kept.
 */
void		 hyph_keep(bool on);
bool		 hyph_ok(const struct hyph *);
/*
 * Appends "text" (UTF-8, len bytes) to "out" with U+00AD soft hyphens at the
 * break points of each word.  At least two letters stay on each side of a
 * break; words of capitals, words with digits, URLs and e-mail addresses
 * are left whole.  Each distinct word is hyphenated once per hyph (cache).
 */
void		 hyph_text(struct hyph *, const char *text, size_t len, GString *out);
/*
 * Fills the cache with every word of "texts" ahead of hyph_text(), for
 * libvoikko on two threads (it costs tens of microseconds a word).
 */
void		 hyph_prepare(struct hyph *, const char *const *texts, size_t ntexts);
/* Words looked up in the dictionary and cache hits, for the benchmark. */
void		 hyph_stats(const struct hyph *, size_t *lookups, size_t *hits);

#endif
