/* nfc.h: text in Unicode normal form C, and where its bytes were written (the loaders, build.c). */
#ifndef CO_NFC_H
#define CO_NFC_H

#include <stddef.h>

struct arena;

/*
 * The len bytes of UTF-8 at s in normal form C, newly allocated (g_free)
 * with its length in *outlen; NULL if s is in that form already, holds a
 * NUL byte or is not UTF-8 (the loaders' own checks say so).
 */
char	*nfc_text(const char *s, size_t len, size_t *outlen);
/*
 * The same text as an arena copy in normal form C: s itself if it is in
 * that form already.
 */
const char *nfc_arena(struct arena *, const char *s);
/*
 * Where each byte of nfc_text(raw) was written: raw's own map ("rawmap",
 * rawlen + 1 source offsets) carried over to the nfclen bytes of its normal
 * form, the bytes of a character that changed taking the place of the
 * character it came from.  Newly allocated (nfclen + 1 entries), or NULL.
 */
size_t	*nfc_map(const char *raw, size_t rawlen, const size_t *rawmap, size_t nfclen);

#endif
