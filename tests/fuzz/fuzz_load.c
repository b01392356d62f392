/*
 * fuzz_load.c: libFuzzer target for the YAML loader.  Loads the input as a
 * report, dumps the model, and for a report without errors writes the XML,
 * reads that back and writes it again: the two XML texts must be the same
 * bytes (the round trip the archive relies on), and both must be UTF-8.
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "closeout.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerInitialize(int *, char ***);

/* Messages are formatted (that code runs too) and dropped. */
static void
quiet(enum co_level level, const char *text, void *arg)
{
	(void)level;
	(void)arg;
	if (!g_utf8_validate(text, -1, NULL))
		abort();
}

/* For a failure: what the reader said. */
static void
loud(enum co_level level, const char *text, void *arg)
{
	(void)level;
	(void)arg;
	fputs(text, stderr);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (g_getenv("CLOSEOUT_DATADIR") == NULL)
		co_set_datadir(CO_DATADIR);
	return 0;
}

static void
fail(const char *what, const char *a, size_t alen, const char *b, size_t blen)
{
	fprintf(stderr, "fuzz_load: %s\n--- first\n%.*s\n--- second\n%.*s\n", what,
	    (int)alen, a, (int)blen, b);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct co_doc	*doc, *again;
	char		*tree, *xml, *xml2;
	size_t		 len, len2;

	doc = co_doc_load("fuzz.yaml", (const char *)data, size, CO_INPUT_YAML, quiet, NULL);
	tree = co_render_tree(doc, &len);
	co_buffer_free(tree);
	if (co_doc_level(doc) >= CO_LEVEL_ERROR) {
		co_doc_free(doc);
		return 0;
	}
	xml = co_render_xml(doc, &len);
	if (xml == NULL || !g_utf8_validate(xml, len, NULL))
		fail("no XML, or not UTF-8", xml ? xml : "", xml ? len : 0, "", 0);
	again = co_doc_load("fuzz.xml", xml, len, CO_INPUT_XML, NULL, NULL);
	/* Warnings the report had (an empty section) it may have again; no more. */
	if (co_doc_level(again) >= CO_LEVEL_ERROR ||
	    co_doc_count(again, CO_LEVEL_WARNING) > co_doc_count(doc, CO_LEVEL_WARNING)) {
		/* Say what the reader disliked. */
		co_doc_free(again);
		again = co_doc_load("fuzz.xml", xml, len, CO_INPUT_XML, loud, NULL);
		fail("our XML does not read back cleanly", xml, len, "", 0);
	}
	xml2 = co_render_xml(again, &len2);
	if (xml2 == NULL || len != len2 || memcmp(xml, xml2, len) != 0)
		fail("YAML -> XML -> XML changed the XML", xml, len, xml2 ? xml2 : "",
		    xml2 ? len2 : 0);
	co_buffer_free(xml2);
	co_buffer_free(xml);
	co_doc_free(again);
	co_doc_free(doc);
	return 0;
}
