/*
 * linebreak.c: Knuth and Plass's total-fit line breaking: of all the ways
 * to break a paragraph into lines that fit, the one whose lines' badness
 * (how far their spaces stretch or shrink), hyphens and changes of
 * tightness cost least.  First fit, as Pango does, decides each line
 * alone and leaves the next to take what is left.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "linebreak.h"

#define LINE_PENALTY	10.0	/* TeX's \linepenalty: fewer lines are better */
#define DOUBLE_HYPHEN	3000.0	/* two hyphenated lines in a row (\doublehyphendemerits) */
#define FITNESS_JUMP	100.0	/* a tight line beside a loose one (\adjdemerits) */

/* A feasible break: where, on which line, how well, and the best way there. */
struct node {
	int	 item;		/* the item broken at, -1 for the paragraph's start */
	int	 line;		/* lines before it */
	int	 fitness;	/* 0 tight, 1 decent, 2 loose, 3 very loose */
	bool	 flagged;	/* broken at a hyphen */
	double	 tw, ty, tz;	/* width, stretch, shrink from the start to the next line's */
	double	 demerits;	/* the least total up to here */
	int	 prev;		/* the node before, -1 for none */
};

static int
fitness_of(double r)
{
	return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1.0 ? 2 : 3;
}

/* The totals after a break at "b": the glue and penalties it drops from the next line. */
static void
after_break(const struct lb_item *it, int n, int b, const double *sw, const double *sy,
    const double *sz, struct node *nd)
{
	int	 i;

	nd->tw = sw[b];
	nd->ty = sy[b];
	nd->tz = sz[b];
	for (i = b; i < n; i++) {
		if (it[i].kind == LB_BOX || (it[i].kind == LB_PENALTY && it[i].penalty <= LB_FORCED &&
		    i > b))
			break;
		if (it[i].kind == LB_GLUE) {
			nd->tw += it[i].width;
			nd->ty += it[i].stretch;
			nd->tz += it[i].shrink;
		}
	}
}

int
lb_break(const struct lb_item *it, int n, double width, double tolerance, int *breaks)
{
	GArray		*nodes;
	GArray		*active, *next;
	double		*sw, *sy, *sz;
	struct node	 best[4], *a, nd;
	int		 i, k, c, count = -1, last = -1, bestat[4];
	double		 L, Y, Z, r, bad, d, p;
	bool		 legal, forced;

	if (n <= 0)
		return 0;
	sw = g_new(double, n + 1);
	sy = g_new(double, n + 1);
	sz = g_new(double, n + 1);
	sw[0] = sy[0] = sz[0] = 0;
	for (i = 0; i < n; i++) {
		bool counts = it[i].kind != LB_PENALTY;
		sw[i + 1] = sw[i] + (counts ? it[i].width : 0);
		sy[i + 1] = sy[i] + (it[i].kind == LB_GLUE ? it[i].stretch : 0);
		sz[i + 1] = sz[i] + (it[i].kind == LB_GLUE ? it[i].shrink : 0);
	}
	nodes = g_array_new(FALSE, TRUE, sizeof(struct node));
	active = g_array_new(FALSE, FALSE, sizeof(int));
	next = g_array_new(FALSE, FALSE, sizeof(int));
	memset(&nd, 0, sizeof(nd));
	nd.item = -1;
	nd.fitness = 1;
	nd.prev = -1;
	g_array_append_val(nodes, nd);
	k = 0;
	g_array_append_val(active, k);

	for (i = 0; i < n && active->len > 0; i++) {
		if (it[i].kind == LB_BOX)
			continue;
		legal = it[i].kind == LB_PENALTY || (i > 0 && it[i - 1].kind == LB_BOX);
		if (!legal)
			continue;
		p = it[i].kind == LB_PENALTY ? it[i].penalty : 0;
		forced = it[i].kind == LB_PENALTY && p <= LB_FORCED;
		for (c = 0; c < 4; c++)
			bestat[c] = -1;
		g_array_set_size(next, 0);
		for (k = 0; k < (int)active->len; k++) {
			a = &g_array_index(nodes, struct node, g_array_index(active, int, k));
			L = sw[i] - a->tw + (it[i].kind == LB_PENALTY ? it[i].width : 0);
			Y = sy[i] - a->ty;
			Z = sz[i] - a->tz;
			if (L < width - 1e-9)
				r = Y > 0 ? (width - L) / Y : INFINITY;
			else if (L > width + 1e-9)
				r = Z > 0 ? (width - L) / Z : -INFINITY;
			else
				r = 0;
			/* A line past its shrink can only get worse: that start is done. */
			if (r >= -1 && !forced)
				g_array_append_val(next, g_array_index(active, int, k));
			/*
			 * Past the tolerance: out, but in a pass that must find
			 * something (tolerance of 10 or more), where a line that
			 * cannot stretch at all is as bad as can be.
			 */
			if (r < -1 || (r > tolerance && tolerance < 10))
				continue;
			bad = r > tolerance ? 1e5 : 100 * fabs(r * r * r);
			d = (LINE_PENALTY + bad) * (LINE_PENALTY + bad);
			if (p >= 0)
				d += p * p;
			else if (!forced)
				d -= p * p;
			if (a->flagged && it[i].kind == LB_PENALTY && it[i].flagged)
				d += DOUBLE_HYPHEN;
			c = fitness_of(r);
			if (abs(c - a->fitness) > 1)
				d += FITNESS_JUMP;
			d += a->demerits;
			if (bestat[c] < 0 || d < best[c].demerits) {
				best[c].item = i;
				best[c].line = a->line + 1;
				best[c].fitness = c;
				best[c].flagged = it[i].kind == LB_PENALTY && it[i].flagged;
				best[c].demerits = d;
				best[c].prev = g_array_index(active, int, k);
				bestat[c] = c;
			}
		}
		/* The best way to each class of this break starts lines of its own. */
		for (c = 0; c < 4; c++) {
			if (bestat[c] < 0)
				continue;
			after_break(it, n, i, sw, sy, sz, &best[c]);
			g_array_append_val(nodes, best[c]);
			k = nodes->len - 1;
			g_array_append_val(next, k);
			if (forced)
				last = k;
		}
		{
			GArray *t = active;
			active = next;
			next = t;
		}
		/* A forced break nothing reached: no breaking fits. */
		if (forced && last < 0)
			break;
		if (forced && i + 1 < n) {
			/* A new paragraph: from the best way to its start only. */
			int bestk = -1;
			for (k = 0; k < (int)active->len; k++) {
				int idx = g_array_index(active, int, k);
				if (bestk < 0 || g_array_index(nodes, struct node, idx).demerits <
				    g_array_index(nodes, struct node, bestk).demerits)
					bestk = idx;
			}
			g_array_set_size(active, 0);
			if (bestk >= 0)
				g_array_append_val(active, bestk);
			last = -1;
		}
	}
	if (last >= 0 && i >= n) {
		/* The best of the last forced break's nodes, traced back. */
		int bestk = -1, m;
		for (k = 0; k < (int)active->len; k++) {
			int idx = g_array_index(active, int, k);
			const struct node *q = &g_array_index(nodes, struct node, idx);
			if (q->item == n - 1 && (bestk < 0 || q->demerits <
			    g_array_index(nodes, struct node, bestk).demerits))
				bestk = idx;
		}
		for (count = 0, m = bestk; m >= 0 && g_array_index(nodes, struct node, m).item >= 0;
		    m = g_array_index(nodes, struct node, m).prev)
			count++;
		for (k = count - 1, m = bestk; k >= 0; k--, m = g_array_index(nodes, struct node, m).prev)
			breaks[k] = g_array_index(nodes, struct node, m).item;
	}
	g_array_free(nodes, TRUE);
	g_array_free(active, TRUE);
	g_array_free(next, TRUE);
	g_free(sw);
	g_free(sy);
	g_free(sz);
	return count;
}
