/* test_layout.c: layout's rules, checked on the pages it makes (before any painting). */
#include <glib.h>
#include <stdlib.h>

#include "closeout.h"
#include "layout.h"
#include "model.h"
#include "template.h"
#include "harness.h"

static void
quiet(enum co_level level, const char *text, void *arg)
{
	(void)level;
	(void)arg;
	fputs(text, stderr);
}

/* A report of "nsec" sections whose paragraphs take every length, and tables. */
static char *
make_report(int nsec)
{
	static const char *const words[] = { "alpha", "bravo", "charlie", "delta", "echo",
	    "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima" };
	GString	*s = g_string_new("meta:\n  title: Layout\n  project: {name: Test}\n"
	    "  date: 2024-01-31\n  language: en\nsections:\n");
	int	 i, j, k, n;

	for (i = 0; i < nsec; i++) {
		g_string_append_printf(s, "  - title: Part %d\n    text: |\n", i + 1);
		for (j = 0; j < 4; j++) {
			n = 8 + (i * 37 + j * 53) % 113;
			g_string_append(s, "      ");
			for (k = 0; k < n; k++)
				g_string_append_printf(s, "%s ", words[(i + j + k * 5) % 12]);
			g_string_append(s, "end.\n\n");
		}
		if (i % 2 == 1) {
			g_string_append_printf(s, "    sections:\n      - title: Table %d\n"
			    "        deliverables:\n", i);
			for (j = 0; j < 3 + i % 7; j++)
				g_string_append_printf(s, "          - description: Deliverable %d.%d "
				    "with a few more words in it\n            completed: 1/2024\n", i, j);
		}
	}
	return g_string_free(s, FALSE);
}

/* The lines [first, first + n) of a text item: their top and bottom on the page. */
static void
item_span(const struct lay_item *it, double *top, double *bottom)
{
	const struct lay_text	*t = it->text;

	*top = it->y;
	*bottom = it->y + t->bottom[it->first + it->n - 1] - t->top[it->first];
}

static void
check_pages(const struct co_pages *out, const struct tpl *tpl)
{
	double	 body_top = tpl->margin_top, body_bottom = tpl->page_height - tpl->margin_bottom;
	double	 right = tpl->page_width - tpl->margin_right;
	int	 outside = 0, unbalanced = 0, lonely = 0, single = 0, splits = 0, headings = 0;
	guint	 p, i;

	for (p = 0; p < out->pages->len; p++) {
		const struct lay_page	*page = g_ptr_array_index(out->pages, p);
		const char		*stack[64];
		int			 depth = 0, last_outline = -1;
		double			 top, bottom, heading_bottom = -1;

		for (i = 0; i < page->items->len; i++) {
			const struct lay_item *it = &g_array_index(page->items, struct lay_item, i);
			switch (it->kind) {
			case LAY_TAG_BEGIN:
				if (depth < 64)
					stack[depth] = it->tag;
				depth++;
				break;
			case LAY_TAG_END:
				if (depth == 0 || (depth <= 64 && strcmp(stack[depth - 1], it->tag) != 0))
					unbalanced++;
				if (depth > 0)
					depth--;
				break;
			case LAY_OUTLINE:
				last_outline = i;
				heading_bottom = -1;
				break;
			case LAY_TEXT:
				item_span(it, &top, &bottom);
				/*
				 * No text runs from the body into the footer's band,
				 * and no line past the right margin.
				 */
				if (!page->cover && top < body_bottom - 0.01 && bottom > body_bottom + 0.01)
					outside++;
				for (int l = it->first; l < it->first + it->n; l++)
					if (it->x + it->text->x[l] + it->text->w[l] > right + 0.5)
						outside++;
				if (last_outline >= 0 && heading_bottom < 0 && (int)i > last_outline)
					heading_bottom = bottom;
				/* Body paragraphs: every piece of a split one. */
				if (it->x == (float)tpl->margin_left && it->text->nlines >= 2 &&
				    it->n < it->text->nlines) {
					splits++;
					if (it->n < 2)
						single++;
				}
				break;
			default:
				break;
			}
		}
		if (depth != 0)
			unbalanced++;
		/* After the page's last heading, something of the body follows it. */
		if (last_outline >= 0 && !page->cover) {
			bool followed = false;
			headings++;
			for (i = last_outline + 1; i < page->items->len; i++) {
				const struct lay_item *it = &g_array_index(page->items, struct lay_item, i);
				if ((it->kind == LAY_TEXT || it->kind == LAY_RECT) &&
				    it->y >= heading_bottom - 0.01 && it->y < body_bottom &&
				    it->y > body_top - 0.01 && heading_bottom > 0)
					followed = true;
			}
			if (!followed)
				lonely++;
		}
	}
	INT_EQ(outside, 0);
	INT_EQ(unbalanced, 0);
	INT_EQ(lonely, 0);
	INT_EQ(single, 0);
	OK(splits >= 5);	/* the report is long enough to split paragraphs */
	OK(headings >= 10);
}

static void
test_pages(void)
{
	char		*src = make_report(80), *error = NULL;
	struct co_doc	*doc;
	struct tpl	*tpl;
	struct co_pages	*out;

	doc = co_doc_load("layout.yaml", src, strlen(src), CO_INPUT_YAML, quiet, NULL);
	INT_EQ(co_doc_level(doc), CO_LEVEL_OK);
	tpl = tpl_load(doc, "default", ".");
	OK(tpl != NULL);
	out = tpl != NULL ? co_layout_new(doc, tpl, &error) : NULL;
	OK(out != NULL);
	if (out != NULL) {
		OK(out->pages->len > 20);
		check_pages(out, tpl);
		co_layout_free(out);
	}
	g_free(error);
	tpl_free(tpl);
	co_doc_free(doc);
	g_free(src);
}

int
main(void)
{
	test_pages();
	return DONE();
}
