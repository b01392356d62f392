/*
 * fuzz_xml.c: libFuzzer target for the XML reader.  Reads the input as an
 * archival XML report and dumps the model; a report read without errors is
 * written as XML, read again and written again, and the two XML texts must
 * be the same bytes.
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "closeout.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerInitialize(int *, char ***);

static void
quiet(enum co_level level, const char *text, void *arg)
{
	(void)level;
	(void)arg;
	if (!g_utf8_validate(text, -1, NULL))
		abort();
}

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct co_doc	*doc, *again;
	char		*tree, *xml, *xml2;
	size_t		 len, len2;

	doc = co_doc_load("fuzz.xml", (const char *)data, size, CO_INPUT_XML, quiet, NULL);
	tree = co_render_tree(doc, &len);
	co_buffer_free(tree);
	if (co_doc_level(doc) >= CO_LEVEL_ERROR) {
		co_doc_free(doc);
		return 0;
	}
	xml = co_render_xml(doc, &len);
	if (xml == NULL || !g_utf8_validate(xml, len, NULL))
		abort();
	again = co_doc_load("again.xml", xml, len, CO_INPUT_XML, quiet, NULL);
	if (co_doc_level(again) >= CO_LEVEL_ERROR) {
		co_doc_free(again);
		again = co_doc_load("again.xml", xml, len, CO_INPUT_XML, loud, NULL);
		fprintf(stderr, "fuzz_xml: our own XML does not read back:\n%.*s\n", (int)len, xml);
		abort();
	}
	xml2 = co_render_xml(again, &len2);
	if (xml2 == NULL || len != len2 || memcmp(xml, xml2, len) != 0) {
		fprintf(stderr, "fuzz_xml: XML -> XML -> XML changed:\n%.*s\n--- then\n%.*s\n",
		    (int)len, xml, xml2 ? (int)len2 : 0, xml2 ? xml2 : "");
		abort();
	}
	co_buffer_free(xml2);
	co_buffer_free(xml);
	co_doc_free(again);
	co_doc_free(doc);
	return 0;
}
