/* test_linebreak.c: the paragraph breaker (linebreak.c) on boxes, glue and penalties of known sizes. */
#include <glib.h>
#include <math.h>

#include "linebreak.h"
#include "harness.h"

#define SPACE	10.0	/* a word space: as much again to stretch, 3 to shrink */

static GArray *
items_new(void)
{
	return g_array_new(FALSE, FALSE, sizeof(struct lb_item));
}

static void
item(GArray *a, enum lb_kind kind, double w, double y, double z, double p, bool flagged)
{
	struct lb_item	 it = { kind, w, y, z, p, flagged, a->len };

	g_array_append_val(a, it);
}

/* Words of the given widths, a space between, and a hyphenation point at 0 < split < width. */
static GArray *
words(const double *w, const double *split, int n)
{
	GArray	*a = items_new();
	int	 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			item(a, LB_GLUE, SPACE, SPACE, 3, 0, false);
		if (split != NULL && split[i] > 0) {
			item(a, LB_BOX, split[i], 0, 0, 0, false);
			item(a, LB_PENALTY, 5, 0, 0, 50, true);
			item(a, LB_BOX, w[i] - split[i], 0, 0, 0, false);
		} else
			item(a, LB_BOX, w[i], 0, 0, 0, false);
	}
	item(a, LB_GLUE, 0, LB_FILL, 0, 0, false);
	item(a, LB_PENALTY, 0, 0, 0, LB_FORCED, false);
	return a;
}

/* How far the glue of the line items(from, to] stretches (> 0) or shrinks. */
static double
ratio(const GArray *a, int from, int to, double width)
{
	const struct lb_item *it = (const struct lb_item *)(const void *)a->data;
	double	 L = 0, Y = 0, Z = 0;
	int	 i;

	/* The line starts after the break and the glue that goes with it. */
	for (i = from + 1; i < to && it[i].kind != LB_BOX; i++)
		;
	for (; i < to; i++) {
		if (it[i].kind == LB_PENALTY)
			continue;
		L += it[i].width;
		Y += it[i].kind == LB_GLUE ? it[i].stretch : 0;
		Z += it[i].kind == LB_GLUE ? it[i].shrink : 0;
	}
	if (it[to].kind == LB_PENALTY)
		L += it[to].width;
	if (L < width)
		return Y > 0 ? (width - L) / Y : INFINITY;
	return L > width ? (Z > 0 ? (width - L) / Z : -INFINITY) : 0;
}

/*
 * First fit, as Pango breaks: each line as full as its glue's shrink lets
 * it be.  Returns the breaks (as lb_break() does) and their number.
 */
static int
first_fit(const GArray *a, double width, int *breaks)
{
	const struct lb_item *it = (const struct lb_item *)(const void *)a->data;
	int	 n = a->len, i, from = -1, best, count = 0;

	while (from < n - 1) {
		best = -1;
		for (i = from + 1; i < n; i++) {
			bool legal = it[i].kind == LB_PENALTY || (it[i].kind == LB_GLUE &&
			    it[i - 1].kind == LB_BOX);
			if (!legal)
				continue;
			if (ratio(a, from, i, width) < -1)
				break;
			best = i;
			if (it[i].kind == LB_PENALTY && it[i].penalty <= LB_FORCED)
				break;
		}
		if (best < 0)
			return -1;
		breaks[count++] = best;
		from = best;
	}
	return count;
}

/* A classic case: first fit leaves a line too loose to justify, the whole paragraph does not. */
static void
test_better_than_first_fit(void)
{
	/*
	 * At 100 pt: first fit takes "20 15 30 10" (105, shrunk), which leaves
	 * "20 35" stretched 3.5 spaces; "20 15 30 | 10 20 35 | 60" stretches
	 * each line 0.75.
	 */
	static const double w[] = { 20, 15, 30, 10, 20, 35, 60 };
	GArray	*a = words(w, NULL, 7);
	int	 b[16], g[16], n, gn, k;

	gn = first_fit(a, 100, g);
	n = lb_break((const struct lb_item *)(void *)a->data, a->len, 100, 1.0, b);
	OK(gn > 0);
	OK(n > 0);
	/* Every line but the last within its bounds: no space past twice its width. */
	for (k = 0; k + 1 < n; k++) {
		double r = ratio(a, k > 0 ? b[k - 1] : -1, b[k], 100);
		OK(r >= -1 && r <= 1);
	}
	/* First fit had one that is not. */
	for (k = 0; k + 1 < gn; k++)
		if (ratio(a, k > 0 ? g[k - 1] : -1, g[k], 100) > 1)
			break;
	OK(k + 1 < gn);
	INT_EQ(n, 3);
	/* After the third word (its glue is item 5) and the sixth (item 11). */
	if (n == 3) {
		INT_EQ(b[0], 5);
		INT_EQ(b[1], 11);
	}
	INT_EQ(b[n - 1], (int)a->len - 1);
	g_array_free(a, TRUE);
}

/* A hyphen is taken where it saves a loose line, and two in a row cost more. */
static void
test_hyphen(void)
{
	/* "50 60": 120 > 100 + shrink; "50 " + 35 of 60 + hyphen: 100 exactly. */
	static const double w[] = { 50, 60, 40 }, split[] = { 0, 35, 0 };
	GArray	*a = words(w, split, 3);
	int	 b[16], n;

	n = lb_break((const struct lb_item *)(void *)a->data, a->len, 100, 1.0, b);
	INT_EQ(n, 2);
	if (n == 2) {
		const struct lb_item *it = &g_array_index(a, struct lb_item, b[0]);
		OK(it->kind == LB_PENALTY && it->flagged);
	}
	g_array_free(a, TRUE);
}

/* A word wider than the line: no breaking fits, however loose. */
static void
test_overfull(void)
{
	static const double w[] = { 30, 150, 30 };
	GArray	*a = words(w, NULL, 3);
	int	 b[16];

	INT_EQ(lb_break((const struct lb_item *)(void *)a->data, a->len, 100, 1.0, b), -1);
	INT_EQ(lb_break((const struct lb_item *)(void *)a->data, a->len, 100, 20.0, b), -1);
	g_array_free(a, TRUE);
}

/*
 * Nothing fits within twice a space: the looser pass still breaks, at its
 * best, even with a line of one word that cannot stretch at all.
 */
static void
test_emergency(void)
{
	/* "30 30" stretches 1.5 spaces, "30 30 30" shrinks past its bounds. */
	static const double w[] = { 30, 30, 30, 90 };
	GArray	*a = words(w, NULL, 4);
	int	 b[16];

	INT_EQ(lb_break((const struct lb_item *)(void *)a->data, a->len, 100, 1.0, b), -1);
	OK(lb_break((const struct lb_item *)(void *)a->data, a->len, 100, 20.0, b) > 0);
	g_array_free(a, TRUE);
}

/* A forced break ends a paragraph: the next one starts a line of its own. */
static void
test_forced(void)
{
	static const double w[] = { 20, 20 };
	GArray	*a = words(w, NULL, 2);
	int	 b[16], n, first;

	/* Two paragraphs, "20 20" and "20 20", joined at a forced break. */
	first = a->len - 1;
	item(a, LB_BOX, 20, 0, 0, 0, false);
	item(a, LB_GLUE, SPACE, SPACE, 3, 0, false);
	item(a, LB_BOX, 20, 0, 0, 0, false);
	item(a, LB_GLUE, 0, LB_FILL, 0, 0, false);
	item(a, LB_PENALTY, 0, 0, 0, LB_FORCED, false);
	n = lb_break((const struct lb_item *)(void *)a->data, a->len, 100, 1.0, b);
	INT_EQ(n, 2);
	INT_EQ(b[0], first);
	g_array_free(a, TRUE);
}

/*
 * Paragraphs of many lengths: whenever first fit keeps every line within
 * its bounds, so does the optimum, and it costs no more lines.
 */
static void
test_random_paragraphs(void)
{
	GRand	*rng = g_rand_new_with_seed(12345);
	double	 w[60];
	int	 b[400], t, i, n, worse = 0, infeasible = 0;

	for (t = 0; t < 200; t++) {
		int nw = 10 + g_rand_int_range(rng, 0, 50);
		for (i = 0; i < nw; i++)
			w[i] = g_rand_double_range(rng, 8, 70);
		GArray *a = words(w, NULL, nw);
		n = lb_break((const struct lb_item *)(void *)a->data, a->len, 200, 1.0, b);
		if (n < 0) {
			infeasible++;
			g_array_free(a, TRUE);
			continue;
		}
		for (i = 0; i + 1 < n; i++) {
			double r = ratio(a, i > 0 ? b[i - 1] : -1, b[i], 200);
			if (r < -1 || r > 1)
				worse++;
		}
		g_array_free(a, TRUE);
	}
	INT_EQ(worse, 0);
	OK(infeasible < 200);
	g_rand_free(rng);
}

int
main(void)
{
	test_better_than_first_fit();
	test_hyphen();
	test_overfull();
	test_emergency();
	test_forced();
	test_random_paragraphs();
	return DONE();
}
