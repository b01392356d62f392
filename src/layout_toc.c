/*
 * layout_toc.c: the contents, with page numbers in fixed slots and dot
 * leaders, and the running header and footer of every page but the cover.
 */
#include <glib.h>
#include <string.h>

#include "i18n.h"
#include "layout_int.h"

struct toc_entry {
	const struct heading	*h;		/* the heading listed */
	struct lay_text		*text;		/* number and title */
	double			 indent;	/* from the body's left edge */
	double			 numw;		/* number column */
	int			 level;		/* 1 = top */
};

/*
 * Lays out the contents on its own pages.  Page numbers sit in fixed-width
 * slots, so the contents' length never depends on them: the caller runs this
 * once to count pages (first_body_page -1: no numbers) and once with the
 * real numbers.  "titles" keeps the measured titles from one run to the next.
 */
static void
place_toc(struct flow *f, int first_body_page, GPtrArray *titles)
{
	const struct tpl	*t = f->tpl;
	struct lay_text		*head, *text, *num, *pg;
	struct lay_item		*it;
	struct tpl_font		 font, numfont;
	double			 pagew = 12 * MM, indent, numw, y0, lasty, endx;
	guint			 i, k = 0;
	char			*s;
	const char		*label;
	int			 level;

	new_page(f);
	head = plain_text(f, i18n_label(CO_LABEL_CONTENTS, f->doc->lang), &t->h[0], 1.15,
	    f->width, 0, &t->heading);
	tag_begin(f, "H1");
	place_lines(f, head, 0, head->nlines, f->left, f->y);
	tag_end(f);
	f->y += head->height + t->h_space_after[0] + 2 * MM;
	tag_begin(f, "TOC");
	for (i = 0; i < f->headings->len; i++) {
		const struct heading *h = &g_array_index(f->headings, struct heading, i);
		level = h->section->as.section.level;
		if (level > t->toc_depth)
			continue;
		font = t->toc;
		font.bold = level == 1;
		numfont = font;
		indent = (level - 1) * 9 * MM;
		numw = level == 1 ? 9 * MM : 12 * MM;
		/* "Liite 1" takes the room it needs; an abstract has no number. */
		/*
		 * Number, title and page are three texts: each ends in a space, so
		 * that the entry reads "1 Yhteenveto 3" when copied or read aloud.
		 */
		label = section_label(f, h->section);
		s = label == NULL ? NULL : g_strconcat(label, " ", NULL);
		num = s == NULL ? NULL : plain_text(f, s, &numfont, 1.2, 0, MEASURE_NOWRAP, &t->text);
		g_free(s);
		if (num != NULL)
			numw = MAX(numw, num->x[0] + num->w[0] + 2.5 * MM);
		/* Each title is measured once, for both passes. */
		if (k < titles->len)
			text = g_ptr_array_index(titles, k);
		else {
			s = g_strconcat(h->section->as.section.title, " ", NULL);
			text = plain_text(f, s, &font, 1.2, f->width - indent - numw - pagew, 0,
			    &t->text);
			g_free(s);
			g_ptr_array_add(titles, text);
		}
		k++;
		if (level == 1 && i > 0)
			f->y += 2.5 * MM;
		ensure(f, text->height);
		y0 = f->y;
		if (first_body_page < 0) {
			/* Counting pages: numbers take no height of their own. */
			f->y += text->height + 1.2 * MM;
			f->fresh = false;
			continue;
		}
		s = g_strdup_printf("%d", first_body_page + h->page + 1);
		pg = plain_text(f, s, &numfont, 1.2, pagew, MEASURE_RIGHT, &t->text);
		g_free(s);
		/* TOCI > Reference > Link, the link holding the entry's text. */
		tag_begin(f, "TOCI");
		tag_begin(f, "Reference");
		tag_begin_link(f, h->dest);
		if (num != NULL)
			place_lines(f, num, 0, num->nlines, f->left + indent, y0);
		place_lines(f, text, 0, text->nlines, f->left + indent + numw, y0);
		lasty = y0 + text->top[text->nlines - 1];
		place_lines(f, pg, 0, pg->nlines, f->left + f->width - pagew, lasty);
		tag_end(f);	/* Link */
		tag_end(f);	/* Reference */
		tag_end(f);	/* TOCI */
		/* Dot leader from the end of the title to the page number. */
		endx = f->left + indent + numw + text->x[text->nlines - 1] +
		    text->w[text->nlines - 1] + 3;
		if (f->left + f->width - pagew + 4 - endx > 6) {
			it = add_item(f, LAY_DOTS);
			it->x = endx;
			it->y = lasty + text->baseline[text->nlines - 1] - text->top[text->nlines - 1];
			it->w = f->left + f->width - pagew + 2 - endx;
			it->colour = &t->muted;
			it->line_width = 0.9;
		}
		f->y += text->height + 1.2 * MM;
	}
	tag_end(f);
}

/* ---- running header and footer -------------------------------------- */

/*
 * The running header and footer: each of the four slots is measured once
 * for as long as its text stays the same (the title runs on every page).
 */
static struct running *
running_slot(struct flow *f, int slot, const char *s)
{
	struct running	*r = &f->running[slot];

	if (r->natural == NULL || strcmp(r->str, s) != 0) {
		g_free(r->str);
		r->str = g_strdup(s);
		r->natural = plain_text(f, s, &f->tpl->small, 0, 0, MEASURE_NOWRAP,
		    &f->tpl->muted);
		r->fitted = NULL;
	}
	return r;
}

/*
 * The slot's text cut to "width" after its last word that fits, with "…"
 * ("Verkostosta Voimaa -rakennemuutoshanke…", not "…Environmen…"), or
 * whole if it fits.  A first word too long for the slot is cut inside.
 */
static struct lay_text *
running_fit(struct flow *f, struct running *r, double width, int flags)
{
	struct lay_text	*t = NULL;
	char		*cut;
	const char	*p;
	size_t		 end;

	if (r->natural->width <= width + 0.01)
		return r->natural;
	if (r->fitted != NULL && r->width == width)
		return r->fitted;
	r->width = width;
	for (end = strlen(r->str); end > 0; end = p - r->str) {
		/* The word before "end", and the spaces and dashes before it. */
		for (p = r->str + end; p > r->str && p[-1] != ' '; p--)
			;
		while (p > r->str && (p[-1] == ' ' || p[-1] == '-' || p[-1] == ',' ||
		    p[-1] == ':' || (p - r->str >= 3 && (guchar)p[-3] == 0xe2 &&
		    (guchar)p[-2] == 0x80 && ((guchar)p[-1] == 0x93 || (guchar)p[-1] == 0x94))))
			p -= (guchar)p[-1] >= 0x80 ? 3 : 1;
		if (p == r->str)
			break;
		cut = g_strdup_printf("%.*s\xe2\x80\xa6", (int)(p - r->str), r->str);
		t = plain_text(f, cut, &f->tpl->small, 0, 0, MEASURE_NOWRAP | flags, &f->tpl->muted);
		g_free(cut);
		if (t->width <= width + 0.01)
			return r->fitted = t;
	}
	return r->fitted = plain_text(f, r->str, &f->tpl->small, 0, width,
	    MEASURE_ELLIPSIZE | flags, &f->tpl->muted);
}

/*
 * Places a left and a right text on one line: both whole if they fit, else
 * the right one gets up to 40 % and the left one the rest, cut with "…".
 */
static void
place_pair(struct flow *f, int slot, const char *left, const char *right, double y)
{
	struct running	*lr = NULL, *rr = NULL;
	struct lay_text	*t;
	double		 gap = 6 * MM, lw = 0, rw = 0, w = f->width;

	if (*left != '\0')
		lw = (lr = running_slot(f, slot, left))->natural->width;
	if (*right != '\0')
		rw = (rr = running_slot(f, slot + 1, right))->natural->width;
	if (lw + rw + (lw > 0 && rw > 0 ? gap : 0) > w) {
		rw = MIN(rw, w * 0.4);
		lw = w - rw - (rw > 0 ? gap : 0);
	}
	if (lr != NULL) {
		t = running_fit(f, lr, lw, 0);
		place_lines(f, t, 0, 1, f->left, y);
	}
	if (rr != NULL) {
		t = running_fit(f, rr, rw, 0);
		place_lines(f, t, 0, 1, f->left + w - MIN(rw, t->width), y);
	}
}

void
add_running(struct flow *f, struct lay_page *p, int number, int total)
{
	const struct tpl	*t = f->tpl;
	struct lay_item		*it;
	char			*l, *r;
	double			 yh, yf;

	f->page = p;
	f->pagination = true;
	/* A page of its own size (a landscape table's) has its heads across it. */
	f->width = p->width - t->margin_left - t->margin_right;
	yh = t->margin_top - 12 * MM;
	yf = p->height - t->margin_bottom + 9 * MM;
	l = tpl_expand(t->header_left, f->doc, number, total);
	r = tpl_expand(t->header_right, f->doc, number, total);
	place_pair(f, 0, l, r, yh);
	g_free(l);
	g_free(r);
	it = add_item(f, LAY_LINE);
	it->x = f->left;
	it->y = yh + t->small.size * 1.6;
	it->w = f->width;
	it->colour = &t->rule;
	it->line_width = 0.4;
	it = add_item(f, LAY_LINE);
	it->x = f->left;
	it->y = yf - 2 * MM;
	it->w = f->width;
	it->colour = &t->rule;
	it->line_width = 0.4;
	l = tpl_expand(t->footer_left, f->doc, number, total);
	r = tpl_expand(t->footer_right, f->doc, number, total);
	place_pair(f, 2, l, r, yf);
	g_free(l);
	g_free(r);
	f->pagination = false;
}

/*
 * The contents on pages of their own: counted first (page numbers take
 * fixed slots, so numbers never change the count), then placed with the
 * numbers, the body starting after the cover and the contents.
 */
void
flow_contents(struct flow *f, GPtrArray *cover, GPtrArray *toc)
{
	GPtrArray	*probe = g_ptr_array_new(), *titles = g_ptr_array_new();
	guint		 i;
	int		 ntoc;

	f->pages = probe;
	f->page = NULL;
	place_toc(f, -1, titles);
	ntoc = probe->len;
	for (i = 0; i < probe->len; i++)
		page_free(g_ptr_array_index(probe, i));
	g_ptr_array_free(probe, TRUE);
	f->pages = toc;
	f->page = NULL;
	place_toc(f, (int)cover->len + ntoc, titles);
	g_ptr_array_free(titles, TRUE);
	while (f->tags->len > 0)
		tag_end(f);
}

void
running_free(struct flow *f)
{
	size_t	 i;

	for (i = 0; i < G_N_ELEMENTS(f->running); i++)
		g_free(f->running[i].str);
}
