/*
 * dump.c: prints a report's model (tree) or its pages (layout) as laid out
 * with the fixed-advance measurer, so that the golden files do not move
 * with font versions.  Usage: dump tree|layout REPORT
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "closeout.h"
#include "fake_measure.h"
#include "layout.h"
#include "model.h"
#include "template.h"

static void
print_diag(enum co_level level, const char *text, void *arg)
{
	(void)level;
	(void)arg;
	fputs(text, stderr);
}

int
main(int argc, char *argv[])
{
	struct co_doc	*doc;
	struct co_pages	*pages;
	struct tpl	*tpl;
	char		*out, *dir;
	int		 rc = 0;

	if (argc != 3 || (strcmp(argv[1], "tree") != 0 && strcmp(argv[1], "layout") != 0)) {
		fprintf(stderr, "usage: dump tree|layout REPORT\n");
		return 2;
	}
	doc = co_doc_load(argv[2], NULL, 0, CO_INPUT_AUTO, print_diag, NULL);
	if (co_doc_level(doc) >= CO_LEVEL_ERROR) {
		co_doc_free(doc);
		return 1;
	}
	if (strcmp(argv[1], "tree") == 0) {
		out = co_render_tree(doc, NULL);
		fputs(out, stdout);
		co_buffer_free(out);
	} else {
		dir = g_path_get_dirname(argv[2]);
		tpl = tpl_load(doc, doc->meta.template.s ? doc->meta.template.s : "default", dir);
		g_free(dir);
		if (tpl == NULL)
			rc = 1;
		else {
			pages = co_layout_new(doc, tpl, fake_measure_new(), NULL, &doc->diags);
			out = layout_dump(pages);
			fputs(out, stdout);
			g_free(out);
			co_layout_free(pages);
		}
	}
	co_doc_free(doc);
	return rc;
}
