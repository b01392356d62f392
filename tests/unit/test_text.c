/* test_text.c: normal form C and its map of places (nfc.c), the YAML lints (yaml_lint.c), one-line values (text_squeeze). */
#include <glib.h>
#include <stdlib.h>

#include "nfc.h"
#include "text.h"
#include "yaml_lint.h"
#include "harness.h"

static void
test_nfc(void)
{
	const char	*nfd = "Ta\xcc\x88ma\xcc\x88 on.";	/* "Tämä on." in NFD */
	size_t		 rawmap[32], *map, len, i;
	char		*t;

	OK(nfc_text("plain ASCII", 11, &len) == NULL);
	OK(nfc_text("Tämä ja Åland", strlen("Tämä ja Åland"), &len) == NULL);
	t = nfc_text(nfd, strlen(nfd), &len);
	STR_EQ(t, "Tämä on.");
	INT_EQ(len, strlen("Tämä on."));
	/* Each byte of the NFC text at the place of what it came from. */
	for (i = 0; i <= strlen(nfd); i++)
		rawmap[i] = 100 + i;
	map = nfc_map(nfd, strlen(nfd), rawmap, len);
	OK(map != NULL);
	if (map != NULL) {
		INT_EQ(map[0], 100);		/* T */
		INT_EQ(map[1], 101);		/* ä: where its a was */
		INT_EQ(map[2], 101);
		INT_EQ(map[3], 104);		/* m */
		INT_EQ(map[4], 105);		/* ä */
		INT_EQ(map[6], 108);		/* the space */
		INT_EQ(map[len], 100 + strlen(nfd));
	}
	g_free(map);
	g_free(t);
	/* A NUL is no text to normalize (an error said elsewhere). */
	OK(nfc_text("a\0\xcc\x88", 4, &len) == NULL);
}

static void
test_squeeze(void)
{
	const char	*in = "Work\xe2\x80\xa8package\xc2\x85results\xe2\x80\xa9 \n\t end";
	char		*s;

	s = text_squeeze(in, strlen(in));
	STR_EQ(s, "Work package results end");
	g_free(s);
}

static void
test_lint(void)
{
	const char	*s;

	OK(ylint_empty("", 0));
	OK(ylint_empty("# a\n\n  # b\r", 10));
	OK(ylint_empty("...\n", 4));
	OK(ylint_empty("%YAML 1.1\n--- # c\n...\n", 22));
	OK(!ylint_empty("--- x\n", 6));
	OK(!ylint_empty("a: b\n", 5));
	OK(!ylint_empty("# c\n ...\n", 9));
	s = "\"ok \\t \\\\0 then \\x85 \\x80\"";
	INT_EQ(ylint_bad_escape(s, 0, strlen(s)), strlen("\"ok \\t \\\\0 then \\x85 "));
	s = "\"\\u0085 \\N \\uFFFE\"";
	INT_EQ(ylint_bad_escape(s, 0, strlen(s)), 11);
	s = "\"fine\"";
	INT_EQ(ylint_bad_escape(s, 0, strlen(s)), strlen(s));
}

int
main(void)
{
	test_nfc();
	test_squeeze();
	test_lint();
	return DONE();
}
