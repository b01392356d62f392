/* test_layout.c: layout's rules, checked on the pages it makes (before any painting). */
#include <glib.h>
#include <stdlib.h>

#include "closeout.h"
#include "fake_measure.h"
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
	struct measurer	*m;
	struct co_pages	*out;

	doc = co_doc_load("layout.yaml", src, strlen(src), CO_INPUT_YAML, quiet, NULL);
	INT_EQ(co_doc_level(doc), CO_LEVEL_OK);
	tpl = tpl_load(doc, "default", ".");
	OK(tpl != NULL);
	m = tpl != NULL ? measure_pango_new(tpl, doc->lang, true, &error) : NULL;
	OK(m != NULL);
	out = m != NULL ? co_layout_new(doc, tpl, m, NULL, NULL) : NULL;
	if (out != NULL) {
		OK(out->pages->len > 20);
		check_pages(out, tpl);
		co_layout_free(out);
	} else
		tpl_free(tpl);
	g_free(error);
	co_doc_free(doc);
	g_free(src);
}

/* ---- exact positions, with the fixed-advance measurer ----------------- */

/* "n" words of seven letters, eleven to a line of the default body (88 characters). */
static void
words(GString *s, const char *first, int n)
{
	int	 i;

	g_string_append_printf(s, "      %s", first);
	for (i = 1; i < n; i++)
		g_string_append_printf(s, " w%06d", i);
	g_string_append(s, "\n\n");
}

/* Lays out "src" with the default template and the fake measurer. */
static struct co_pages *
fake_layout(const char *src, struct co_doc **doc)
{
	struct tpl	*tpl;

	*doc = co_doc_load("fake.yaml", src, strlen(src), CO_INPUT_YAML, quiet, NULL);
	INT_EQ(co_doc_level(*doc), CO_LEVEL_OK);
	if ((tpl = tpl_load(*doc, "default", ".")) == NULL)
		return NULL;
	return co_layout_new(*doc, tpl, fake_measure_new(), NULL, NULL);
}

/*
 * The body's text item whose first line starts with "needle", and its page
 * (0-based); the body starts after the cover and a page of contents.
 */
static const struct lay_item *
find_text(const struct co_pages *out, const char *needle, int *page)
{
	guint	 p, i;

	for (p = 2; p < out->pages->len; p++) {
		const struct lay_page *pg = g_ptr_array_index(out->pages, p);
		for (i = 0; i < pg->items->len; i++) {
			const struct lay_item *it = &g_array_index(pg->items, struct lay_item, i);
			const struct lay_run *runs;
			char *error = NULL;
			if (it->kind != LAY_TEXT)
				continue;
			runs = measure_runs(out->measure, it->text, &error);
			if (runs != NULL && runs[it->first].ntext >= (int)strlen(needle) &&
			    strncmp(runs[it->first].text, needle, strlen(needle)) == 0) {
				*page = p;
				return it;
			}
		}
	}
	*page = -1;
	return NULL;
}

#define HEAD	"meta:\n  title: Exact\n  project: {name: Test}\n  date: 2024-01-31\n" \
		"  language: en\nsections:\n"

/*
 * Body pages start after the cover and the contents (index 2).  Default
 * template, fake measurer: the body is 76.535 pt to 771.024 pt; a body
 * line is 10.5 × 1.32 = 13.86 pt; a first-level heading 16 × 1.15 =
 * 18.4 pt, with 22 pt before it and 10 after; paragraphs 6 pt apart.
 */
static void
test_heading_kept(void)
{
	const double	 top = 27 * 72 / 25.4, line = 10.5 * 1.32;
	int		 k, page;

	/*
	 * After a paragraph of k lines the next heading starts at
	 * top + 28.4 + 13.86 k + 6 + 22 and needs 18.4 + 10 + 3 lines
	 * (69.98 pt) below it: with k = 40 it stays, with k = 41 it and
	 * what follows go to the next page.
	 */
	for (k = 40; k <= 41; k++) {
		GString *s = g_string_new(HEAD);
		struct co_doc *doc;
		struct co_pages *out;
		const struct lay_item *h, *after;
		int apage;

		g_string_append(s, "  - title: First\n    text: |\n");
		words(s, "Opening", 11 * k);
		g_string_append(s, "  - title: Second\n    text: |\n");
		words(s, "Following", 66);
		out = fake_layout(s->str, &doc);
		OK(out != NULL);
		h = out != NULL ? find_text(out, "Second", &page) : NULL;
		after = out != NULL ? find_text(out, "Following", &apage) : NULL;
		OK(h != NULL && after != NULL);
		if (h != NULL && after != NULL) {
			INT_EQ(page, k == 40 ? 2 : 3);
			PT_EQ(h->y, k == 40 ? top + 28.4 + line * k + 6 + 22 : top);
			/* What follows is on the heading's page, right below it. */
			INT_EQ(apage, page);
			PT_EQ(after->y, h->y + 18.4 + 10);
		}
		co_layout_free(out);
		co_doc_free(doc);
		g_string_free(s, TRUE);
	}
}

/* A paragraph split at a page's foot leaves no single line on either page. */
static void
test_widow(void)
{
	const double	 top = 27 * 72 / 25.4, line = 10.5 * 1.32;
	GString		*s = g_string_new(HEAD);
	struct co_doc	*doc;
	struct co_pages	*out;
	const struct lay_item *a, *b = NULL;
	int		 pa, pb = -1;
	guint		 i;

	/*
	 * 44 lines, then a paragraph of 4 at 13.86 × 44 + 34.4 pt below the
	 * top: three of its lines would fit, which would leave one alone on
	 * the next page, so two go here and two there.
	 */
	g_string_append(s, "  - title: First\n    text: |\n");
	words(s, "Opening", 11 * 44);
	words(s, "Widow", 11 * 4);
	out = fake_layout(s->str, &doc);
	a = out != NULL ? find_text(out, "Widow", &pa) : NULL;
	OK(a != NULL);
	if (a != NULL) {
		const struct lay_page *pg;
		INT_EQ(pa, 2);
		INT_EQ(a->first, 0);
		INT_EQ(a->n, 2);
		PT_EQ(a->y, top + 28.4 + line * 44 + 6);
		/* The rest: the first body text of the next page, at its top. */
		pg = g_ptr_array_index(out->pages, pa + 1);
		for (i = 0; i < pg->items->len && b == NULL; i++)
			if (g_array_index(pg->items, struct lay_item, i).text == a->text) {
				b = &g_array_index(pg->items, struct lay_item, i);
				pb = pa + 1;
			}
		OK(b != NULL);
		if (b != NULL) {
			INT_EQ(pb, 3);
			INT_EQ(b->first, 2);
			INT_EQ(b->n, 2);
			PT_EQ(b->y, top);
		}
	}
	co_layout_free(out);
	co_doc_free(doc);
	g_string_free(s, TRUE);
}

/* A table split across pages repeats its header row at the top of the next. */
static void
test_table_split(void)
{
	const double	 top = 27 * 72 / 25.4, row = 8.8 * 1.2 + 2 * 4;
	GString		*s = g_string_new(HEAD);
	struct co_doc	*doc;
	struct co_pages	*out;
	int		 i, page, heads = 0, pfirst = -1, plast = -1;
	guint		 p, k;

	g_string_append(s, "  - title: Table\n    content:\n      - table:\n"
	    "          columns: [Name, Value]\n          rows:\n");
	for (i = 1; i <= 60; i++)
		g_string_append_printf(s, "            - [row%02d, v%02d]\n", i, i);
	out = fake_layout(s->str, &doc);
	OK(out != NULL);
	if (out != NULL) {
		find_text(out, "row01", &pfirst);
		find_text(out, "row60", &plast);
		INT_EQ(pfirst, 2);
		INT_EQ(plast, 3);
		/* Each page of the table opens with the header, at exact places. */
		for (p = pfirst; p <= (guint)plast; p++) {
			const struct lay_page *pg = g_ptr_array_index(out->pages, p);
			bool in_th = false;
			for (k = 0; k < pg->items->len; k++) {
				const struct lay_item *it = &g_array_index(pg->items, struct lay_item, k);
				if (it->kind == LAY_TAG_BEGIN && strcmp(it->tag, "TH") == 0)
					in_th = true;
				else if (it->kind == LAY_TAG_END && strcmp(it->tag, "TH") == 0)
					in_th = false;
				else if (it->kind == LAY_TEXT && in_th && p == (guint)plast) {
					PT_EQ(it->y, top + 4);
					heads++;
				}
			}
		}
		INT_EQ(heads, 2);	/* "Name" and "Value" again on the last page */
		/* The first row of the second page comes right under its header. */
		for (i = 1; i <= 60; i++) {
			char name[8];
			const struct lay_item *it;
			g_snprintf(name, sizeof(name), "row%02d", i);
			it = find_text(out, name, &page);
			if (page == plast) {
				PT_EQ(it->y, top + row + 4);
				break;
			}
		}
	}
	co_layout_free(out);
	co_doc_free(doc);
	g_string_free(s, TRUE);
}

/*
 * A table after a paragraph of "k" lines under a heading: "nrows" rows
 * "prefix01" … of one line each.  Returns the pages of its first and last
 * row and of row "probe" (by the fake measurer: rows 18.56 pt, and
 * 660.09 − 13.86 k pt left on the page under the paragraph).
 */
static void
table_after(int k, int nrows, const char *prefix, int probe, int *first, int *last, int *at)
{
	GString		*s = g_string_new(HEAD);
	struct co_doc	*doc;
	struct co_pages	*out;
	char		 name[16];
	int		 i;

	g_string_append(s, "  - title: Table\n    text: |\n");
	words(s, "Opening", 11 * k);
	g_string_append(s, "    content:\n      - table:\n          columns: [Name, Value]\n"
	    "          rows:\n");
	for (i = 1; i <= nrows; i++)
		g_string_append_printf(s, "            - [%s%02d, v%02d]\n", prefix, i, i);
	out = fake_layout(s->str, &doc);
	OK(out != NULL);
	*first = *last = *at = -1;
	if (out != NULL) {
		g_snprintf(name, sizeof(name), "%s01", prefix);
		find_text(out, name, first);
		g_snprintf(name, sizeof(name), "%s%02d", prefix, nrows);
		find_text(out, name, last);
		g_snprintf(name, sizeof(name), "%s%02d", prefix, probe);
		find_text(out, name, at);
	}
	co_layout_free(out);
	co_doc_free(doc);
	g_string_free(s, TRUE);
}

/*
 * Tables of up to 8 rows keep together; a longer one leaves at least
 * three rows on each side of a page break.
 */
static void
test_table_rows_kept(void)
{
	int	 first, last, at;

	/* 64.11 pt left: the header and two rows would fit, not four. */
	table_after(43, 4, "short", 1, &first, &last, &at);
	INT_EQ(first, 3);
	INT_EQ(last, 3);
	/* Two of twelve would fit, not three: all go to the next page. */
	table_after(43, 12, "long", 1, &first, &last, &at);
	INT_EQ(first, 3);
	INT_EQ(last, 3);
	/* 216.57 pt left: ten rows would fit, leaving two; nine stay, three go. */
	table_after(32, 12, "end", 9, &first, &last, &at);
	INT_EQ(first, 2);
	INT_EQ(at, 2);
	table_after(32, 12, "end", 10, &first, &last, &at);
	INT_EQ(at, 3);
	INT_EQ(last, 3);
}

int
main(void)
{
	test_pages();
	test_heading_kept();
	test_widow();
	test_table_split();
	test_table_rows_kept();
	return DONE();
}
