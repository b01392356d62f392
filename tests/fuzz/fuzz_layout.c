/*
 * fuzz_layout.c: libFuzzer target for the layout.  Loads the input as a
 * report and, if it has no errors, lays it out with the fixed-advance
 * measurer (no fonts, so hundreds of runs a second) and dumps the pages;
 * then checks what every layout must keep: structure tags balanced on each
 * page, every line of every measured text placed once and in order.
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "closeout.h"
#include "fake_measure.h"
#include "layout.h"
#include "model.h"
#include "template.h"

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
fail(const char *what, guint page)
{
	fprintf(stderr, "fuzz_layout: page %u: %s\n", page + 1, what);
	abort();
}

/* Tags balance on every page; each text's lines are placed in order, none twice. */
static void
check(const struct co_pages *out)
{
	GHashTable	*next = g_hash_table_new(NULL, NULL);
	guint		 p, i;

	for (p = 0; p < out->pages->len; p++) {
		const struct lay_page *pg = g_ptr_array_index(out->pages, p);
		int depth = 0;
		for (i = 0; i < pg->items->len; i++) {
			const struct lay_item *it = &g_array_index(pg->items, struct lay_item, i);
			int want;
			if (it->kind == LAY_TAG_BEGIN)
				depth++;
			else if (it->kind == LAY_TAG_END && --depth < 0)
				fail("a tag closes that is not open", p);
			if (it->kind != LAY_TEXT)
				continue;
			want = GPOINTER_TO_INT(g_hash_table_lookup(next, it->text));
			/* The contents are counted, then placed: its texts come twice. */
			if (it->first != want && it->first != 0)
				fail("a text's lines out of order or twice", p);
			if (it->n <= 0 || it->first + it->n > it->text->nlines)
				fail("lines that the text does not have", p);
			g_hash_table_insert(next, (gpointer)it->text,
			    GINT_TO_POINTER(it->first + it->n));
		}
		if (depth != 0)
			fail("tags left open", p);
	}
	g_hash_table_destroy(next);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct co_doc	*doc;
	struct co_pages	*out;
	struct tpl	*tpl;
	char		*dump;

	doc = co_doc_load("fuzz.yaml", (const char *)data, size, CO_INPUT_YAML, quiet, NULL);
	if (co_doc_level(doc) >= CO_LEVEL_ERROR) {
		co_doc_free(doc);
		return 0;
	}
	/* The report's own template may not exist here: the default one always does. */
	if ((tpl = tpl_load(doc, "default", ".")) != NULL) {
		out = co_layout_new(doc, tpl, fake_measure_new(), NULL, NULL);
		check(out);
		dump = layout_dump(out);
		g_free(dump);
		co_layout_free(out);
	}
	co_doc_free(doc);
	return 0;
}
