/* nfc.c: text made Unicode normal form C as it is loaded, so that "ä" is one character however it was typed. */
#include <glib.h>
#include <stdbool.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "arena.h"
#include "nfc.h"

/*
 * Every character below U+0300 is in normal form C, has combining class 0
 * and is never the second of a pair that composes: text of such characters
 * only is NFC.  Their UTF-8 lead bytes are those below 0xCC.
 */
#define SAFE_LEAD(b)	((unsigned char)(b) < 0x80 || \
			    ((unsigned char)(b) >= 0xc0 && (unsigned char)(b) < 0xcc))

static bool
surely_nfc(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + len;

	for (; p < end; p++)
		if (*p >= 0xcc)
			return false;
	return true;
}

/*
 * ICU's normalizer, in linear time (GLib's g_utf8_normalize() moves the
 * rest of the text at each composition: minutes for a long Finnish text).
 */
static const UNormalizer2 *
normalizer(void)
{
	UErrorCode	 e = U_ZERO_ERROR;
	const UNormalizer2 *n = unorm2_getNFCInstance(&e);

	return U_SUCCESS(e) ? n : NULL;
}

/* The len bytes at s as UTF-16 (g_free), its length in *ulen; NULL if not UTF-8. */
static UChar *
to_utf16(const char *s, size_t len, int32_t *ulen)
{
	UErrorCode	 e = U_ZERO_ERROR;
	UChar		*u;

	if (len > INT32_MAX / 2)
		return NULL;
	u_strFromUTF8(NULL, 0, ulen, s, (int32_t)len, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return NULL;
	e = U_ZERO_ERROR;
	u = g_new(UChar, *ulen + 1);
	u_strFromUTF8(u, *ulen + 1, NULL, s, (int32_t)len, &e);
	if (U_FAILURE(e)) {
		g_free(u);
		return NULL;
	}
	return u;
}

char *
nfc_text(const char *s, size_t len, size_t *outlen)
{
	const UNormalizer2	*n2;
	UErrorCode		 e = U_ZERO_ERROR;
	UChar			*u, *v = NULL;
	int32_t			 ulen, vlen, blen;
	char			*t = NULL;

	if (surely_nfc(s, len) || memchr(s, '\0', len) != NULL ||
	    (n2 = normalizer()) == NULL || (u = to_utf16(s, len, &ulen)) == NULL)
		return NULL;
	/* Most text is NFC already: a quick look says so. */
	if (unorm2_spanQuickCheckYes(n2, u, ulen, &e) == ulen || U_FAILURE(e))
		goto out;
	e = U_ZERO_ERROR;
	vlen = unorm2_normalize(n2, u, ulen, NULL, 0, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		goto out;
	e = U_ZERO_ERROR;
	v = g_new(UChar, vlen + 1);
	unorm2_normalize(n2, u, ulen, v, vlen + 1, &e);
	if (U_FAILURE(e))
		goto out;
	u_strToUTF8(NULL, 0, &blen, v, vlen, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		goto out;
	e = U_ZERO_ERROR;
	t = g_malloc((size_t)blen + 1);
	u_strToUTF8(t, blen + 1, NULL, v, vlen, &e);
	if (U_FAILURE(e) || ((size_t)blen == len && memcmp(t, s, len) == 0)) {
		g_free(t);
		t = NULL;
		goto out;
	}
	*outlen = (size_t)blen;
out:
	g_free(v);
	g_free(u);
	return t;
}

const char *
nfc_arena(struct arena *a, const char *s)
{
	const char	*copy;
	char		*t;
	size_t		 n;

	if (s == NULL || (t = nfc_text(s, strlen(s), &n)) == NULL)
		return s;
	copy = arena_strndup(a, t, n);
	g_free(t);
	return copy;
}

/* True if normal form C may cut the text before the character at p. */
static bool
boundary(const UNormalizer2 *n2, const char *p, const char *end)
{
	if (SAFE_LEAD(*p))
		return true;
	return unorm2_hasBoundaryBefore(n2, g_utf8_get_char_validated(p, end - p));
}

size_t *
nfc_map(const char *raw, size_t rawlen, const size_t *rawmap, size_t nfclen)
{
	const UNormalizer2	*n2;
	const char		*end = raw + rawlen;
	size_t			*map;
	size_t			 i, j, k, o, n;
	char			*seg;
	bool			 same;

	if ((n2 = normalizer()) == NULL || !g_utf8_validate(raw, rawlen, NULL))
		return NULL;
	map = g_new(size_t, nfclen + 1);
	/* Piece by piece, each from one boundary to the next: NFC of each is NFC of all. */
	for (i = 0, o = 0; i < rawlen; i = j) {
		for (j = g_utf8_next_char(raw + i) - raw; j < rawlen &&
		    !boundary(n2, raw + j, end); j = g_utf8_next_char(raw + j) - raw)
			;
		if ((same = (seg = nfc_text(raw + i, j - i, &n)) == NULL))
			n = j - i;
		g_free(seg);
		if (o + n > nfclen)
			goto fail;
		/* Unchanged bytes keep their places; a changed piece takes its start's. */
		for (k = 0; k < n; k++)
			map[o + k] = same ? rawmap[i + k] : rawmap[i];
		o += n;
	}
	if (o != nfclen)
		goto fail;
	map[nfclen] = rawmap[rawlen];
	return map;
fail:
	g_free(map);
	return NULL;
}
