/* hyphen.c: puts soft hyphens into words, through libvoikko or libhyphen, once per distinct word. */
#include <glib.h>
#include <gmodule.h>
#include <libvoikko/voikko.h>
#include <libvoikko/voikko_defines.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphen.h"
#include "text.h"

/*
 * libhyphen's own header is also called hyphen.h, and with -Isrc
 * <hyphen.h> finds ours first: declare the three functions we use.
 * Their signatures have not changed since libhyphen 2.4 (2008).
 */
typedef struct _HyphenDict HyphenDict;
HyphenDict	*hnj_hyphen_load_file(FILE *);
void		 hnj_hyphen_free(HyphenDict *);
int		 hnj_hyphen_hyphenate2(HyphenDict *, const char *, int, char *,
		    char *, char ***, int **, int **);

#define SHY		"\xc2\xad"	/* U+00AD SOFT HYPHEN in UTF-8 */
#define MIN_WORD	5		/* letters in the shortest word we break */
#define MIN_SIDE	2		/* letters kept on each side of a break */
#define MAX_WORD	255		/* characters; also libvoikko's limit */
#define MAX_CACHE	(1 << 18)	/* entries before the cache starts over */

struct hyph {
	enum co_lang		 lang;		/* language of the text */
	struct VoikkoHandle	*voikko;	/* Finnish, or NULL */
	HyphenDict		*dict;		/* Swedish or English, or NULL */
	GIConv			 conv;		/* UTF-8 to the dictionary's charset */
	bool			 utf8;		/* dictionary is UTF-8: conv unused */
	GHashTable		*cache;		/* lowercased word → count, indices */
	GString			*key;		/* scratch: the word, lowercased */
	GString			*enc;		/* scratch: the word for libhyphen */
	size_t			 lookups;	/* words sent to the dictionary */
	size_t			 hits;		/* words found in the cache */
	struct ahead		*ahead;		/* words hyphenated on another thread */
};

/*
 * A word as hyph_text() sees it: a run of letters, combining marks,
 * digits and soft hyphens between two other characters.
 */
struct word {
	const char	*s;			/* first byte, in the text */
	size_t		 len;			/* bytes */
	size_t		 nchar;			/* characters */
	size_t		 nletter;		/* letters: marks not counted */
	bool		 skip;			/* digits, capitals, soft hyphens */
	guint16		 off[MAX_WORD + 1];	/* byte offset of each character */
};

/*
 * Dictionary paths for libhyphen, most wanted first.  Debian's hyphen-sv
 * and hyphen-en-us install into /usr/share/hyphen.
 */
static const char *const sv_dicts[] = {
	"/usr/share/hyphen/hyph_sv_SE.dic",
	"/usr/share/hyphen/hyph_sv_FI.dic",
	"/usr/local/share/hyphen/hyph_sv_SE.dic",
	NULL
};
static const char *const en_dicts[] = {
	"/usr/share/hyphen/hyph_en_US.dic",
	"/usr/share/hyphen/hyph_en_GB.dic",
	"/usr/local/share/hyphen/hyph_en_US.dic",
	NULL
};

/*
 * Opens the first dictionary of "paths" that exists.  Its first line
 * names the charset (hyph_sv_SE.dic is ISO8859-1, hyph_en_US.dic UTF-8);
 * anything but UTF-8 gets a converter.  Loading through our own FILE
 * keeps libhyphen from printing when a file is missing.
 */
static void
load_dict(struct hyph *h, const char *const *paths)
{
	FILE	*f = NULL;
	char	 line[64];

	for (; *paths != NULL && f == NULL; paths++)
		f = fopen(*paths, "r");
	if (f == NULL)
		return;
	if (fgets(line, sizeof(line), f) == NULL)
		goto out;
	g_strstrip(line);
	h->utf8 = g_ascii_strcasecmp(line, "UTF-8") == 0;
	if (!h->utf8) {
		h->conv = g_iconv_open(line, "UTF-8");
		if (h->conv == (GIConv)-1)
			goto out;
	}
	rewind(f);
	h->dict = hnj_hyphen_load_file(f);
out:
	fclose(f);
}

/*
 * libvoikko, loaded the first time a Finnish report needs it.  Linked, it
 * and what it pulls in (libstdc++, libarchive and its compressors) cost
 * every run 3 ms of start-up; Swedish and English reports never use it.
 */
struct voikko_api {
	struct VoikkoHandle	*(*init)(const char **, const char *, const char *);
	int			 (*set_bool)(struct VoikkoHandle *, int, int);
	char			*(*hyphenate)(struct VoikkoHandle *, const char *);
	void			 (*free_cstr)(char *);
	void			 (*terminate)(struct VoikkoHandle *);
};

/* The functions, or NULL if libvoikko cannot be loaded. */
static const struct voikko_api *
voikko_api(void)
{
	static struct voikko_api	 api;
	static gsize			 once;
	static bool			 ok;
	GModule				*mod;

	if (g_once_init_enter(&once)) {
		mod = g_module_open("libvoikko.so.1", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
		ok = mod != NULL &&
		    g_module_symbol(mod, "voikkoInit", (gpointer *)&api.init) &&
		    g_module_symbol(mod, "voikkoSetBooleanOption", (gpointer *)&api.set_bool) &&
		    g_module_symbol(mod, "voikkoHyphenateCstr", (gpointer *)&api.hyphenate) &&
		    g_module_symbol(mod, "voikkoFreeCstr", (gpointer *)&api.free_cstr) &&
		    g_module_symbol(mod, "voikkoTerminate", (gpointer *)&api.terminate);
		/* The module stays loaded for the life of the process. */
		g_once_init_leave(&once, 1);
	}
	return ok ? &api : NULL;
}

/* A libvoikko handle for Finnish with our options, or NULL. */
static struct VoikkoHandle *
voikko_open(void)
{
	const struct voikko_api	*api;
	struct VoikkoHandle	*v;
	const char		*err = NULL;

	if ((api = voikko_api()) == NULL || (v = api->init(&err, "fi", NULL)) == NULL)
		return NULL;
	/* Unknown words (names, new compounds) get rule-based breaks. */
	api->set_bool(v, VOIKKO_OPT_HYPHENATE_UNKNOWN_WORDS, 1);
	/*
	 * No breaks between vowels of a hiatus or before a one-letter
	 * syllable: "järjestö-areena", not "järjestöa-reena".
	 */
	api->set_bool(v, VOIKKO_OPT_NO_UGLY_HYPHENATION, 1);
	return v;
}

static void
voikko_close(struct VoikkoHandle *v)
{
	if (v != NULL)
		voikko_api()->terminate(v);
}

/*
 * A handle opened ahead, on another thread, while the report is read:
 * loading libvoikko and its dictionary takes a few milliseconds that the
 * layout then does not wait for.
 */
static GThread	*preload;

static gpointer
preload_work(gpointer arg)
{
	return voikko_open();
}

/*
 * With hyph_keep(true), one hyphenator per language outlives its measurer,
 * cache, libvoikko handle and all, for the next report in this process.
 */
static bool		 keeping;
static struct hyph	*kept[CO_LANG__MAX];

void
hyph_preload(void)
{
	/* A kept Finnish hyphenator has its handle: no second one is opened. */
	if (preload == NULL && kept[CO_LANG_FI] == NULL)
		preload = g_thread_new("voikko", preload_work, NULL);
}

/* The preloaded handle (NULL if none): it is the caller's now. */
static struct VoikkoHandle *
take_preloaded(void)
{
	struct VoikkoHandle	*v;

	if (preload == NULL)
		return NULL;
	v = g_thread_join(preload);
	preload = NULL;
	return v;
}

void
hyph_preload_end(void)
{
	voikko_close(take_preloaded());
}

struct hyph *
hyph_new(enum co_lang lang)
{
	struct hyph	*h;

	/* CO_LANG__MAX is a language with no dictionary (the unit tests use it). */
	if (lang < CO_LANG__MAX && (h = kept[lang]) != NULL) {
		kept[lang] = NULL;
		h->lookups = h->hits = 0;
		return h;
	}
	h = g_new0(struct hyph, 1);
	h->lang = lang;
	h->conv = (GIConv)-1;
	h->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	h->key = g_string_sized_new(64);
	h->enc = g_string_sized_new(64);
	switch (lang) {
	case CO_LANG_FI:
		if ((h->voikko = take_preloaded()) == NULL)
			h->voikko = voikko_open();
		break;
	case CO_LANG_SV:
		load_dict(h, sv_dicts);
		break;
	case CO_LANG_EN:
		load_dict(h, en_dicts);
		break;
	case CO_LANG__MAX:
		break;
	}
	return h;
}

static void ahead_free(struct ahead *);
static const guint8 *take_ahead(struct hyph *);

void
hyph_free(struct hyph *h)
{
	if (h == NULL)
		return;
	ahead_free(h->ahead);
	h->ahead = NULL;
	if (keeping && h->lang < CO_LANG__MAX && kept[h->lang] == NULL) {
		kept[h->lang] = h;
		return;
	}
	voikko_close(h->voikko);
	if (h->dict != NULL)
		hnj_hyphen_free(h->dict);
	if (h->conv != (GIConv)-1)
		g_iconv_close(h->conv);
	g_hash_table_destroy(h->cache);
	g_string_free(h->key, TRUE);
	g_string_free(h->enc, TRUE);
	g_free(h);
}

void
hyph_keep(bool on)
{
	int	 i;

	keeping = on;
	if (on)
		return;
	for (i = 0; i < CO_LANG__MAX; i++) {
		struct hyph *h = kept[i];

		kept[i] = NULL;
		hyph_free(h);
	}
}

bool
hyph_ok(const struct hyph *h)
{
	return h->voikko != NULL || h->dict != NULL;
}

void
hyph_stats(const struct hyph *h, size_t *lookups, size_t *hits)
{
	if (lookups != NULL)
		*lookups = h->lookups;
	if (hits != NULL)
		*hits = h->hits;
}

/*
 * Decodes the character at "p" into *c and returns its length in bytes.
 * A byte that does not start valid UTF-8 becomes U+FFFD, one byte long,
 * so it is copied through untouched and ends any word.
 */
static size_t
get_char(const char *p, const char *end, gunichar *c)
{
	if ((unsigned char)*p < 0x80) {
		*c = (unsigned char)*p;
		return 1;
	}
	*c = g_utf8_get_char_validated(p, end - p);
	if (*c == (gunichar)-1 || *c == (gunichar)-2) {
		*c = 0xfffd;
		return 1;
	}
	return g_utf8_next_char(p) - p;
}

static bool
is_space(gunichar c)
{
	return c < 0x80 ? g_ascii_isspace(c) : g_unichar_isspace(c);
}

static bool
is_number(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isdigit(c);
	switch (g_unichar_type(c)) {
	case G_UNICODE_DECIMAL_NUMBER:
	case G_UNICODE_LETTER_NUMBER:
	case G_UNICODE_OTHER_NUMBER:
		return true;
	default:
		return false;
	}
}

/* Letters, marks, digits and soft hyphens make words; all else parts them. */
static bool
is_word_char(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalnum(c);
	return g_unichar_isalpha(c) || g_unichar_ismark(c) || is_number(c) ||
	    c == 0xad;
}

/*
 * Reads the word starting at "p" into "w" and its lowercase form into
 * h->key (one code point for one, so character indices agree).  Marks the
 * word to be skipped if it holds digits or soft hyphens, or a capital
 * anywhere but first ("STEA", "KS", "iPhone").
 */
static void
scan_word(struct hyph *h, const char *p, const char *end, struct word *w)
{
	gunichar	 c;
	size_t		 n;
	bool		 letter;

	w->s = p;
	w->nchar = w->nletter = 0;
	w->skip = false;
	g_string_truncate(h->key, 0);
	while (p < end) {
		n = get_char(p, end, &c);
		if (!is_word_char(c))
			break;
		if (w->nchar <= MAX_WORD)
			w->off[w->nchar] = p - w->s;
		w->nchar++;
		if (c < 0x80) {
			letter = g_ascii_isalpha(c);
			if (letter && g_ascii_isupper(c) && w->nletter > 0)
				w->skip = true;
			g_string_append_c(h->key, g_ascii_tolower(c));
		} else {
			letter = g_unichar_isalpha(c);
			if (!letter && !g_unichar_ismark(c))
				w->skip = true;		/* digit or soft hyphen */
			else if (letter && w->nletter > 0 &&
			    (g_unichar_isupper(c) || g_unichar_istitle(c)))
				w->skip = true;
			g_string_append_unichar(h->key, g_unichar_tolower(c));
		}
		if (letter)
			w->nletter++;
		else if (c < 0x80)
			w->skip = true;			/* ASCII digit */
		p += n;
	}
	w->len = p - w->s;
}

/* Break points from libvoikko: '-' in its pattern means "break before". */
static size_t
breaks_voikko(struct VoikkoHandle *v, const char *key, size_t nchar, guint8 *brk)
{
	char	*pat;
	size_t	 i, n = 0;

	pat = voikko_api()->hyphenate(v, key);
	if (pat == NULL)
		return 0;
	if (strlen(pat) == nchar)
		for (i = 1; i < nchar; i++)
			if (pat[i] == '-')
				brk[n++] = i;
	voikko_api()->free_cstr(pat);
	return n;
}

/*
 * Break points from libhyphen.  An odd value in hyphens[i] allows a break
 * after character i.  For UTF-8 dictionaries hnj_hyphen_hyphenate2 indexes
 * that array by character, not by byte (hnj_hyphen_norm); for the others
 * we convert the word to a single-byte charset, where the two agree.  Non-
 * standard breaks (they would change the spelling) are not taken.
 */
static size_t
breaks_hyphen(struct hyph *h, size_t nchar, guint8 *brk)
{
	char		 hyphens[4 * MAX_WORD + 8];
	char		**rep = NULL;
	int		*pos = NULL, *cut = NULL;
	const char	*word;
	size_t		 wlen, i, n = 0;

	if (h->utf8) {
		word = h->key->str;
		wlen = h->key->len;
	} else {
		gchar	*in = h->key->str, *outp;
		gsize	 inleft = h->key->len, outleft;

		g_string_set_size(h->enc, nchar + 8);
		outp = h->enc->str;
		outleft = h->enc->len;
		g_iconv(h->conv, NULL, NULL, NULL, NULL);
		if (g_iconv(h->conv, &in, &inleft, &outp, &outleft) == (gsize)-1 ||
		    outp - h->enc->str != (ptrdiff_t)nchar)
			return 0;	/* a letter the dictionary cannot spell */
		*outp = '\0';
		word = h->enc->str;
		wlen = nchar;
	}
	if (wlen + 5 > sizeof(hyphens))
		return 0;
	memset(hyphens, 0, wlen + 5);
	if (hnj_hyphen_hyphenate2(h->dict, word, wlen, hyphens, NULL,
	    &rep, &pos, &cut) != 0)
		goto out;
	for (i = 0; i + 1 < nchar; i++)
		if ((hyphens[i] & 1) && (rep == NULL || rep[i] == NULL))
			brk[n++] = i + 1;
out:
	if (rep != NULL) {
		for (i = 0; i < wlen; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return n;
}

/*
 * The cache entry for "key" (lowercase, "nchar" characters, "nletter"
 * letters) from the dictionary's raw breaks: one block holding the key, a
 * count, then character indices.  Breaks leaving fewer than MIN_SIDE
 * letters on a side, or falling before a combining mark, are dropped here,
 * whatever the dictionary said.
 */
static guint8 *
make_block(const char *key, size_t keylen, size_t nletter, const guint8 *raw, size_t nraw)
{
	guint8		 keep[MAX_WORD];
	guint8		*block;
	size_t		 nkeep = 0, i, b, before;
	const char	*p;
	gunichar	 c;

	/* Count letters before each break; the key has the word's marks. */
	p = key;
	before = 0;
	for (i = 0, b = 0; b < nraw && *p != '\0'; i++) {
		c = g_utf8_get_char(p);
		if (i == raw[b]) {
			if (!g_unichar_ismark(c) && before >= MIN_SIDE &&
			    nletter - before >= MIN_SIDE &&
			    (nkeep == 0 || keep[nkeep - 1] < raw[b]))
				keep[nkeep++] = raw[b];
			b++;
		}
		if (!g_unichar_ismark(c))
			before++;
		p = g_utf8_next_char(p);
	}
	block = g_malloc(keylen + 2 + nkeep);
	memcpy(block, key, keylen + 1);
	block[keylen + 1] = nkeep;
	memcpy(block + keylen + 2, keep, nkeep);
	return block;
}

static const guint8 *
store(struct hyph *h, guint8 *block)
{
	size_t	 keylen = strlen((const char *)block);

	if (g_hash_table_size(h->cache) >= MAX_CACHE)
		g_hash_table_remove_all(h->cache);
	g_hash_table_insert(h->cache, block, block + keylen + 1);
	return block + keylen + 1;
}

/* Asks the dictionary for the breaks of h->key and caches them. */
static const guint8 *
lookup(struct hyph *h, const struct word *w)
{
	guint8		 raw[MAX_WORD];
	size_t		 nraw;

	h->lookups++;
	if (h->voikko != NULL)
		nraw = breaks_voikko(h->voikko, h->key->str, w->nchar, raw);
	else
		nraw = breaks_hyphen(h, w->nchar, raw);
	return store(h, make_block(h->key->str, h->key->len, w->nletter, raw, nraw));
}

/* Appends the word with a soft hyphen at each break of its cached entry. */
static void
emit_word(struct hyph *h, const struct word *w, GString *out)
{
	const guint8	*brk;
	size_t		 i, from = 0;

	if ((brk = g_hash_table_lookup(h->cache, h->key->str)) != NULL)
		h->hits++;
	else if ((brk = take_ahead(h)) == NULL)
		brk = lookup(h, w);
	for (i = 1; i <= brk[0]; i++) {
		g_string_append_len(out, w->s + from, w->off[brk[i]] - from);
		g_string_append_len(out, SHY, 2);
		from = w->off[brk[i]];
	}
	g_string_append_len(out, w->s + from, w->len - from);
}

/* Hyphenates the words of one token that holds no white space. */
static void
hyph_token(struct hyph *h, const char *p, const char *end, GString *out)
{
	struct word	 w;
	const char	*q, *start = p;
	gunichar	 c;
	size_t		 n;

	while (p < end) {
		/* Punctuation, apostrophes and hyphens go through as they are. */
		for (q = p; q < end; q += n) {
			n = get_char(q, end, &c);
			if (is_word_char(c))
				break;
		}
		g_string_append_len(out, p, q - p);
		if (q == end)
			break;
		scan_word(h, q, end, &w);
		p = q + w.len;
		/*
		 * A word after a leading hyphen ("-rakennemuutoshanke") is not
		 * broken: "Voimaa -ra-" is no break a Finnish reader accepts, and
		 * telling the parts of the compound apart takes libvoikko's
		 * analysis, 3 MB of its dictionary more in memory.
		 */
		if (w.skip || w.nletter < MIN_WORD || w.nchar > MAX_WORD ||
		    (q == start + 1 && *start == '-'))
			g_string_append_len(out, w.s, w.len);
		else
			emit_word(h, &w, out);
	}
}

void
hyph_text(struct hyph *h, const char *text, size_t len, GString *out)
{
	const char	*p = text, *end = text + len, *q;
	gunichar	 c;
	size_t		 n;

	if (!hyph_ok(h)) {
		g_string_append_len(out, text, len);
		return;
	}
	while (p < end) {
		/* White space. */
		for (q = p; q < end; q += n) {
			n = get_char(q, end, &c);
			if (!is_space(c))
				break;
		}
		g_string_append_len(out, p, q - p);
		if (q == end)
			break;
		/* One token up to the next white space. */
		for (p = q; q < end; q += n) {
			n = get_char(q, end, &c);
			if (is_space(c))
				break;
		}
		if (text_is_address(p, q - p))
			g_string_append_len(out, p, q - p);
		else
			hyph_token(h, p, q, out);
		p = q;
	}
}

/* ---- hyphenation ahead of layout, on the other core ------------------ */

/*
 * A word found ahead of layout.  "state" says who has it: AHEAD_FREE, then
 * claimed by one thread (AHEAD_BUSY), then AHEAD_DONE with its block.
 */
enum { AHEAD_FREE, AHEAD_BUSY, AHEAD_DONE };

struct pending {
	char		*key;		/* lowercase word */
	size_t		 nchar;		/* characters */
	size_t		 nletter;	/* letters */
	guint8		*block;		/* the cache entry, once made */
	gint		 state;		/* AHEAD_*, atomic */
	bool		 taken;		/* the cache owns block (layout's thread only) */
};

/* The words of the report in document order, and the thread working on them. */
struct ahead {
	struct pending		*words;		/* nwords of them */
	size_t			 nwords;
	GHashTable		*index;		/* key → position + 1 */
	struct VoikkoHandle	*voikko;	/* the worker's own: not shared */
	GThread			*thread;	/* the worker */
	gint			 stop;		/* atomic: layout is over */
};

/* Makes the cache entry of one pending word with handle "v". */
static void
hyphenate_pending(struct VoikkoHandle *v, struct pending *p)
{
	guint8	 raw[MAX_WORD];
	size_t	 nraw;

	nraw = breaks_voikko(v, p->key, p->nchar, raw);
	p->block = make_block(p->key, strlen(p->key), p->nletter, raw, nraw);
	g_atomic_int_set(&p->state, AHEAD_DONE);
}

/* The worker: every word in document order, ahead of the layout. */
static gpointer
work_ahead(gpointer arg)
{
	struct ahead	*a = arg;
	size_t		 i;

	/* Its own handle, opened here: the layout need not wait 3 ms for it. */
	if ((a->voikko = voikko_open()) == NULL)
		return NULL;
	for (i = 0; i < a->nwords && !g_atomic_int_get(&a->stop); i++)
		if (g_atomic_int_compare_and_exchange(&a->words[i].state, AHEAD_FREE, AHEAD_BUSY))
			hyphenate_pending(a->voikko, &a->words[i]);
	/*
	 * Done: its handle maps the dictionary a second time, whose pages
	 * would count in the run's peak memory until the end (2 MB at 400 pages).
	 */
	voikko_close(a->voikko);
	a->voikko = NULL;
	return NULL;
}

/*
 * The breaks of h->key from the worker's list: taken when the worker has
 * them, made here when it has not got that far, waited for in the rare case
 * that it is making them right now.  NULL if the word is not on the list.
 */
static const guint8 *
take_ahead(struct hyph *h)
{
	struct ahead	*a = h->ahead;
	struct pending	*p;
	gpointer	 pos;

	if (a == NULL || (pos = g_hash_table_lookup(a->index, h->key->str)) == NULL)
		return NULL;
	p = &a->words[GPOINTER_TO_SIZE(pos) - 1];
	if (p->taken)
		return NULL;		/* the cache started over since: look it up again */
	if (g_atomic_int_compare_and_exchange(&p->state, AHEAD_FREE, AHEAD_BUSY))
		hyphenate_pending(h->voikko, p);
	while (g_atomic_int_get(&p->state) != AHEAD_DONE)
		g_thread_yield();
	p->taken = true;
	h->lookups++;
	return store(h, p->block);
}

/* Stops and joins the worker; frees the words the cache did not take. */
static void
ahead_free(struct ahead *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	if (a->thread != NULL) {
		g_atomic_int_set(&a->stop, 1);
		g_thread_join(a->thread);
		voikko_close(a->voikko);
	}
	for (i = 0; i < a->nwords; i++) {
		if (!a->words[i].taken)
			g_free(a->words[i].block);
		g_free(a->words[i].key);
	}
	g_free(a->words);
	g_hash_table_destroy(a->index);
	g_free(a);
}

/* Adds the distinct uncached words of "text" to "list" (keys also in "index"). */
static void
collect_words(struct hyph *h, const char *text, GHashTable *index, GArray *list)
{
	const char	*p = text, *end = text + strlen(text), *q, *tok;
	struct word	 w;
	struct pending	 pw;
	gunichar	 c;
	size_t		 n;

	while (p < end) {
		/* The same tokens as hyph_text(): no addresses, words of letters. */
		for (q = p; q < end; q += n) {
			n = get_char(q, end, &c);
			if (!is_space(c))
				break;
		}
		for (tok = q; q < end; q += n) {
			n = get_char(q, end, &c);
			if (is_space(c))
				break;
		}
		p = q;
		if (tok == q || text_is_address(tok, q - tok))
			continue;
		for (q = tok; q < p; ) {
			n = get_char(q, p, &c);
			if (!is_word_char(c)) {
				q += n;
				continue;
			}
			scan_word(h, q, p, &w);
			q += w.len;
			if (w.skip || w.nletter < MIN_WORD || w.nchar > MAX_WORD ||
			    g_hash_table_contains(h->cache, h->key->str) ||
			    g_hash_table_contains(index, h->key->str))
				continue;
			memset(&pw, 0, sizeof(pw));
			pw.key = g_strdup(h->key->str);
			pw.nchar = w.nchar;
			pw.nletter = w.nletter;
			g_array_append_val(list, pw);
			g_hash_table_insert(index, pw.key, GSIZE_TO_POINTER(list->len));
		}
	}
}

void
hyph_prepare(struct hyph *h, const char *const *texts, size_t ntexts)
{
	struct ahead	*a;
	GArray		*list;
	size_t		 i;

	/* libhyphen takes microseconds a word: only libvoikko is worth it. */
	if (h->voikko == NULL || h->ahead != NULL)
		return;
	a = g_new0(struct ahead, 1);
	a->index = g_hash_table_new(g_str_hash, g_str_equal);
	list = g_array_new(FALSE, FALSE, sizeof(struct pending));
	for (i = 0; i < ntexts; i++)
		collect_words(h, texts[i], a->index, list);
	a->nwords = list->len;
	a->words = (struct pending *)g_array_free(list, FALSE);
	h->ahead = a;
	/*
	 * A few hundred words are worth a second thread: it works through them
	 * in document order while the layout runs, which then finds most words
	 * done and makes the rest itself.
	 */
	if (a->nwords >= 200)
		a->thread = g_thread_new("hyphenate", work_ahead, a);
}
