/* test_hyphen.c: soft hyphens from libvoikko (Finnish) and libhyphen (Swedish, English). */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "hyphen.h"

static int	 npass, nfail;

#define CHECK(e) do {							\
	if (e)								\
		npass++;						\
	else {								\
		nfail++;						\
		printf("%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #e); \
	}								\
} while (0)

/* Compares strings, showing soft hyphens as '|' when they differ. */
#define STR_EQ(got, want) do {						\
	char	*g_ = visible(got), *w_ = visible(want);		\
	if (strcmp((got), (want)) == 0)					\
		npass++;						\
	else {								\
		nfail++;						\
		printf("%s:%d: got \"%s\", want \"%s\"\n",		\
		    __FILE__, __LINE__, g_, w_);			\
	}								\
	g_free(g_);							\
	g_free(w_);							\
} while (0)

#define SHY	"\xc2\xad"

/* The string with each U+00AD shown as '|'. */
static char *
visible(const char *s)
{
	GString	*v = g_string_new(NULL);

	for (; *s != '\0'; s++)
		if (strncmp(s, SHY, 2) == 0) {
			g_string_append_c(v, '|');
			s++;
		} else
			g_string_append_c(v, *s);
	return g_string_free(v, FALSE);
}

/* The string with each '|' turned into U+00AD: how expectations are written. */
static char *
shy(const char *s)
{
	GString	*v = g_string_new(NULL);

	for (; *s != '\0'; s++)
		if (*s == '|')
			g_string_append(v, SHY);
		else
			g_string_append_c(v, *s);
	return g_string_free(v, FALSE);
}

/* The string without its soft hyphens. */
static char *
unshy(const char *s)
{
	GString	*v = g_string_new(NULL);

	for (; *s != '\0'; s++)
		if (strncmp(s, SHY, 2) == 0)
			s++;
		else
			g_string_append_c(v, *s);
	return g_string_free(v, FALSE);
}

/* Hyphenates a NUL-terminated string; the caller frees the result. */
static char *
hy(struct hyph *h, const char *s)
{
	GString	*out = g_string_new(NULL);

	hyph_text(h, s, strlen(s), out);
	return g_string_free(out, FALSE);
}

/* Expects "in" to come back as "want", with '|' for each soft hyphen. */
#define HY_EQ(h, in, want) do {						\
	char	*o_ = hy((h), (in)), *x_ = shy(want);			\
	STR_EQ(o_, x_);							\
	g_free(o_);							\
	g_free(x_);							\
} while (0)

static int
count_shy(const char *s)
{
	int	 n = 0;

	while ((s = strstr(s, SHY)) != NULL) {
		n++;
		s += 2;
	}
	return n;
}

/*
 * Checks that every soft hyphen has at least two letters on each side
 * within its word, and that removing them gives back the input.
 */
static bool
breaks_sane(const char *in, const char *out)
{
	const char	*p, *q;
	char		*bare;
	int		 n;
	bool		 ok;

	bare = unshy(out);
	ok = strcmp(bare, in) == 0;
	g_free(bare);
	for (p = out; ok && (p = strstr(p, SHY)) != NULL; p += 2) {
		/* Letters before, back to the start of the word. */
		for (n = 0, q = p; q > out; ) {
			q = g_utf8_prev_char(q);
			if (strncmp(q, SHY, 2) == 0)
				continue;
			if (!g_unichar_isalpha(g_utf8_get_char(q)))
				break;
			n++;
		}
		if (n < 2)
			ok = false;
		/* Letters after, up to the end of the word. */
		for (n = 0, q = p + 2; *q != '\0'; q = g_utf8_next_char(q)) {
			if (strncmp(q, SHY, 2) == 0)
				continue;
			if (!g_unichar_isalpha(g_utf8_get_char(q)))
				break;
			n++;
		}
		if (n < 2)
			ok = false;
	}
	return ok;
}

static const char *const fi_words[] = {
	"järjestöyhteistyö", "kumppanuuspöytä", "maakuntavalmistelu",
	"erityisesti", "Järjestöareena", "Keski-Suomen", "sote-uudistuksen",
	"asiakkaiden", "vapaaehtoistoiminta", "STEA-avustus", NULL
};

static const char fi_para[] =
    "Keski-Suomen maakunta- ja sote-uudistuksen valmistelun aikana "
    "valmistelijoiden ja järjestöjen yhteistyö toteutui tiiviinä. "
    "Vuoropuhelun avulla luotiin laajempaa ymmärrystä järjestötyön "
    "merkityksestä asukkaiden hyvinvoinnin ja terveyden edistämiseksi "
    "sekä osana hoito- ja palveluketjuja. Järjestöillä oli valmistelussa "
    "keskeinen rooli asukkaiden ja asiakkaiden äänen välittämisessä "
    "uudistuksen valmistelijoille (STEA, KS2021, Järjestö 2.0).";

static void
test_finnish(void)
{
	struct hyph	*h;
	char		*o, *o2, *big;
	GString		*s;
	size_t		 l0, h0, l1, h1, l2, h2;
	int		 i;

	h = hyph_new(CO_LANG_FI);
	CHECK(h != NULL);
	CHECK(hyph_ok(h));
	if (!hyph_ok(h)) {
		printf("# voikko-fi not found: Finnish tests skipped\n");
		hyph_free(h);
		return;
	}

	/* What voikko gives, for the eye. */
	for (i = 0; fi_words[i] != NULL; i++) {
		o = hy(h, fi_words[i]);
		o2 = visible(o);
		printf("# fi %s -> %s\n", fi_words[i], o2);
		g_free(o);
		g_free(o2);
	}

	/* Forms checked by eye against Finnish syllable rules. */
	HY_EQ(h, "järjestöyhteistyö", "jär|jes|tö|yh|teis|työ");
	HY_EQ(h, "kumppanuuspöytä", "kump|pa|nuus|pöy|tä");
	HY_EQ(h, "maakuntavalmistelu", "maa|kun|ta|val|mis|te|lu");
	HY_EQ(h, "vapaaehtoistoiminta", "va|paa|eh|tois|toi|min|ta");

	/* No single letter split off: voikko alone gives "e-ri-tyi-ses-ti". */
	o = hy(h, "erityisesti");
	CHECK(strncmp(o, "e" SHY, 3) != 0);
	CHECK(count_shy(o) > 0);
	CHECK(breaks_sane("erityisesti", o));
	g_free(o);
	HY_EQ(h, "erityisesti", "eri|tyi|ses|ti");
	HY_EQ(h, "asiakkaiden", "asiak|kai|den");

	/* Capitalised words are hyphenated and keep their spelling. */
	HY_EQ(h, "Järjestöareena", "Jär|jes|tö|aree|na");
	HY_EQ(h, "Keski-Suomen", "Kes|ki-Suo|men");
	HY_EQ(h, "sote-uudistuksen", "sote-uu|dis|tuk|sen");

	/* Capitals, digits, addresses and short words stay whole. */
	HY_EQ(h, "STEA", "STEA");
	HY_EQ(h, "STEA-avustus", "STEA-avus|tus");
	HY_EQ(h, "KS2021", "KS2021");
	HY_EQ(h, "3G-verkko 2.0 ABC123def", "3G-verk|ko 2.0 ABC123def");
	HY_EQ(h, "https://www.ks2021.fi/jarjestaminen/",
	    "https://www.ks2021.fi/jarjestaminen/");
	HY_EQ(h, "emmi.hyvonen@jkl.fi", "emmi.hyvonen@jkl.fi");
	HY_EQ(h, "(www.keskisuomi.fi/jarjestoareena).",
	    "(www.keskisuomi.fi/jarjestoareena).");
	HY_EQ(h, "Lisätietoja: https://www.ks2021.fi/jarjestaminen/ tai "
	    "emmi.hyvonen@jkl.fi.",
	    "Li|sä|tie|to|ja: https://www.ks2021.fi/jarjestaminen/ tai "
	    "emmi.hyvonen@jkl.fi.");
	HY_EQ(h, "JÄRJESTÖYHTEISTYÖ SoTe-palvelut", "JÄRJESTÖYHTEISTYÖ SoTe-pal|ve|lut");
	HY_EQ(h, "ja sekä", "ja sekä");

	/* Soft hyphens the author wrote are the author's choice. */
	HY_EQ(h, "kump" SHY "panuuspöytä", "kump|panuuspöytä");

	/* Punctuation, white space and bad UTF-8 pass through unchanged. */
	HY_EQ(h, "  \"yhteistyö\"\t— järjestöt!\n", "  \"yh|teis|työ\"\t— jär|jes|töt!\n");
	HY_EQ(h, "", "");
	o = hy(h, "abc\xff järjestöyhteistyö\xe4 kumppanuus\xc3");
	CHECK(breaks_sane("abc\xff järjestöyhteistyö\xe4 kumppanuus\xc3", o));
	g_free(o);

	/* Only "len" bytes are read. */
	s = g_string_new(NULL);
	hyph_text(h, "yhteistyö ja muuta", strlen("yhteistyö"), s);
	o = shy("yh|teis|työ");
	STR_EQ(s->str, o);
	g_free(o);
	g_string_free(s, TRUE);

	/* A paragraph: sane breaks everywhere, its words sent once. */
	hyph_stats(h, &l0, &h0);
	o = hy(h, fi_para);
	CHECK(breaks_sane(fi_para, o));
	CHECK(count_shy(o) > 60);
	CHECK(strstr(o, "(STEA, KS2021, Jär" SHY "jes" SHY "tö 2.0).") != NULL);
	hyph_stats(h, &l1, &h1);
	CHECK(l1 > l0);
	o2 = hy(h, fi_para);
	STR_EQ(o2, o);
	hyph_stats(h, &l2, &h2);
	CHECK(l2 == l1);			/* no new dictionary calls */
	CHECK(h2 - h1 == (l1 - l0) + (h1 - h0));	/* every word a hit */
	g_free(o);
	g_free(o2);

	/* One cache entry serves "Järjestöineen" and "järjestöineen". */
	hyph_stats(h, &l0, &h0);
	o = hy(h, "Järjestöineen järjestöineen");
	hyph_stats(h, &l1, &h1);
	CHECK(l1 - l0 == 1);
	CHECK(h1 - h0 == 1);
	g_free(o);

	/* A 198-letter compound gets many breaks; over 255 letters, none. */
	s = g_string_new(NULL);
	for (i = 0; i < 11; i++)
		g_string_append(s, "maakuntavalmistelu");
	big = g_string_free(s, FALSE);
	o = hy(h, big);
	printf("# fi 198 letters: %d breaks\n", count_shy(o));
	CHECK(count_shy(o) >= 50);
	CHECK(breaks_sane(big, o));
	g_free(o);
	g_free(big);
	s = g_string_new(NULL);
	for (i = 0; i < 16; i++)
		g_string_append(s, "maakuntavalmistelu");
	o = hy(h, s->str);
	STR_EQ(o, s->str);
	g_free(o);
	g_string_free(s, TRUE);

	hyph_free(h);
}

static void
test_swedish(void)
{
	struct hyph	*h;
	char		*o;

	h = hyph_new(CO_LANG_SV);
	CHECK(hyph_ok(h));
	if (!hyph_ok(h)) {
		printf("# hyphen-sv not found: Swedish tests skipped\n");
		hyph_free(h);
		return;
	}
	o = hy(h, "hållbarhetsarbete");
	CHECK(count_shy(o) >= 3);
	CHECK(breaks_sane("hållbarhetsarbete", o));
	g_free(o);
	/* The dictionary is ISO8859-1: å, ä and ö must reach it as such. */
	HY_EQ(h, "hållbarhetsarbete", "håll|bar|hets|ar|be|te");
	HY_EQ(h, "Utvecklingsarbete", "Ut|veck|lings|ar|be|te");
	/* LEFTHYPHENMIN 1 in the file: libhyphen says "e-mel-ler-tid". */
	HY_EQ(h, "emellertid", "emel|ler|tid");
	HY_EQ(h, "ovanligt", "ovan|ligt");
	/* A letter outside ISO8859-1: left whole, no crash. */
	HY_EQ(h, "Łódźska", "Łódźska");
	HY_EQ(h, "EU-projektet", "EU-pro|jek|tet");
	hyph_free(h);
}

static void
test_english(void)
{
	struct hyph	*h;
	size_t		 l, n;

	h = hyph_new(CO_LANG_EN);
	CHECK(hyph_ok(h));
	if (!hyph_ok(h)) {
		printf("# hyphen-en-us not found: English tests skipped\n");
		hyph_free(h);
		return;
	}
	HY_EQ(h, "implementation", "im|ple|men|ta|tion");
	HY_EQ(h, "Implementation", "Im|ple|men|ta|tion");
	HY_EQ(h, "NATO stakeholders' collaboration",
	    "NATO stake|hold|ers' col|lab|o|ra|tion");
	HY_EQ(h, "naïveté", "naïveté");	/* multibyte letters, no break found */
	hyph_stats(h, &l, &n);
	CHECK(l == 4);		/* implementation, stakeholders, collaboration, naïveté */
	CHECK(n == 1);		/* "Implementation" after "implementation" */
	hyph_free(h);
}

/* Without a dictionary the text passes unchanged. */
static void
test_missing(void)
{
	struct hyph	*h;
	size_t		 l = 1, n = 1;

	h = hyph_new(CO_LANG__MAX);
	CHECK(h != NULL);
	CHECK(!hyph_ok(h));
	HY_EQ(h, "järjestöyhteistyö ja kumppanuuspöytä", "järjestöyhteistyö ja kumppanuuspöytä");
	hyph_stats(h, &l, &n);
	CHECK(l == 0 && n == 0);
	hyph_free(h);
	hyph_free(NULL);
}

int
main(void)
{
	test_finnish();
	test_swedish();
	test_english();
	test_missing();
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail > 0;
}
