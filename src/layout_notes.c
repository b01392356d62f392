/*
 * layout_notes.c: footnotes at the foot of the page that holds their mark,
 * under a short rule, numbered through the report.  The body's bottom
 * rises by their height as marks are placed; a very long note goes on at
 * the foot of the next page.
 */
#include <glib.h>
#include <string.h>

#include "layout_int.h"

#define NOTE_GAP	2.0		/* between two notes, pt */
#define NOTE_RULE	9.0		/* the rule above the notes and its space, pt */
#define NOTE_LEADING	1.25

void
notes_init(struct flow *f)
{
	const struct co_node	*n, *root = f->doc->root;

	f->nnotes = 1;
	for (n = root; n != NULL; n = model_next(n, root))
		if (n->kind == CO_KIND_NOTE && n->as.note.number >= f->nnotes)
			f->nnotes = n->as.note.number + 1;
	f->note_node = g_new0(const struct co_node *, f->nnotes);
	f->note_text = g_new0(struct lay_text *, f->nnotes);
	f->note_label = g_new0(struct lay_text *, f->nnotes);
	for (n = root; n != NULL; n = model_next(n, root))
		if (n->kind == CO_KIND_NOTE && n->as.note.number > 0)
			f->note_node[n->as.note.number] = n;
	f->page_notes = g_array_new(FALSE, FALSE, sizeof(struct page_note));
	f->carry = g_array_new(FALSE, FALSE, sizeof(struct page_note));
}

void
notes_free(struct flow *f)
{
	g_free(f->note_node);
	g_free(f->note_text);
	g_free(f->note_label);
	g_array_free(f->page_notes, TRUE);
	g_array_free(f->carry, TRUE);
}

/* The width of a note's number, beside which its text hangs. */
static double
label_width(const struct flow *f)
{
	return 1.9 * f->tpl->note.size;
}

/* Footnote "number" measured (once) across the body's width. */
static struct lay_text *
note_text(struct flow *f, int number)
{
	struct rich	 r;
	char		 num[16];
	double		 width = f->tpl->page_width - f->tpl->margin_left - f->tpl->margin_right;

	if (number <= 0 || number >= f->nnotes || f->note_node[number] == NULL)
		return NULL;
	if (f->note_text[number] == NULL) {
		rich_init(&r);
		rich_blocks(f, &r, f->note_node[number]);
		f->note_text[number] = rich_measure(f, &r, &f->tpl->note, NOTE_LEADING,
		    width - label_width(f), 0, &f->tpl->text);
		g_snprintf(num, sizeof(num), "%d", number);
		f->note_label[number] = plain_text(f, num, &f->tpl->note, NOTE_LEADING,
		    label_width(f), 0, &f->tpl->text);
	}
	return f->note_text[number];
}

/* The height of lines [first, first + n) of a note, and its gap. */
static double
part_height(const struct lay_text *t, int first, int n)
{
	if (n <= 0)
		return 0;
	return t->bottom[first + n - 1] - t->top[first] + NOTE_GAP;
}

static bool
on_page(const struct flow *f, int number)
{
	guint	 i;

	for (i = 0; i < f->page_notes->len; i++)
		if (g_array_index(f->page_notes, struct page_note, i).number == number)
			return true;
	return false;
}

/* A note this long is split at a page's foot rather than moving its mark. */
static bool
is_long(const struct flow *f, const struct lay_text *t)
{
	return t->height > (f->page_bottom - f->top) / 3;
}

double
notes_extra(struct flow *f, const struct lay_text *t, int first, int n)
{
	struct lay_text	*nt;
	double		 h = 0;
	int		 k, j, seen[16], nseen = 0;

	for (k = 0; k < t->nhots; k++) {
		const struct lay_hot *hot = &t->hots[k];
		if (hot->kind != MS_RANGE_MARK || hot->line < first || hot->line >= first + n ||
		    on_page(f, hot->tag) || (nt = note_text(f, hot->tag)) == NULL)
			continue;
		for (j = 0; j < nseen && seen[j] != hot->tag; j++)
			;
		if (j < nseen)
			continue;
		if (nseen < (int)G_N_ELEMENTS(seen))
			seen[nseen++] = hot->tag;
		/* A long one needs only its first lines here. */
		h += is_long(f, nt) ? part_height(nt, 0, MIN(3, nt->nlines)) :
		    part_height(nt, 0, nt->nlines);
	}
	if (h > 0 && f->page_notes->len == 0)
		h += NOTE_RULE;
	return h;
}

/* Reserves "lines" of note "number" from "first" at this page's foot. */
static void
reserve(struct flow *f, int number, int first, int lines, const struct lay_text *nt, int lang)
{
	struct page_note	 pn;

	if (lines <= 0)
		return;
	if (f->page_notes->len == 0)
		f->notes_h += NOTE_RULE;
	pn.number = number;
	pn.first = first;
	pn.n = lines;
	pn.lang = lang;
	g_array_append_val(f->page_notes, pn);
	f->notes_h += part_height(nt, first, lines);
	f->bottom = f->page_bottom - f->notes_h;
}

void
notes_take(struct flow *f, const struct lay_text *t, int first, int n)
{
	struct lay_text		*nt;
	struct page_note	 carry;
	double			 room;
	int			 k, fit;

	for (k = 0; k < t->nhots; k++) {
		const struct lay_hot *hot = &t->hots[k];
		if (hot->kind != MS_RANGE_MARK || hot->line < first || hot->line >= first + n ||
		    on_page(f, hot->tag) || (nt = note_text(f, hot->tag)) == NULL)
			continue;
		/* What is left below the lines just placed. */
		room = f->page_bottom - f->notes_h - (f->page_notes->len == 0 ? NOTE_RULE : 0) -
		    f->y - (t->bottom[first + n - 1] - t->top[first]);
		if (part_height(nt, 0, nt->nlines) <= room + 0.01 || !is_long(f, nt)) {
			/* The whole note (layout made room; on a forced page it may overrun). */
			reserve(f, hot->tag, 0, nt->nlines, nt, f->lang);
			continue;
		}
		/* A long note: the lines that fit here, at least two, the rest on the next page. */
		for (fit = 0; fit < nt->nlines && part_height(nt, 0, fit + 1) <= room + 0.01; fit++)
			;
		if (fit < 2)
			fit = 0;
		reserve(f, hot->tag, 0, fit, nt, f->lang);
		carry.number = hot->tag;
		carry.first = fit;
		carry.n = nt->nlines - fit;
		carry.lang = f->lang;
		g_array_append_val(f->carry, carry);
	}
}

void
notes_flush(struct flow *f)
{
	const struct page_note	*pn;
	const struct lay_text	*nt;
	struct lay_item		*it;
	double			 y, x = f->tpl->margin_left;
	guint			 i;
	bool			 keep = f->keep.active;
	int			 lang = f->lang;

	if (f->page_notes->len > 0) {
		/* Placing notes is no content after a heading: keep its state. */
		f->keep.active = false;
		y = f->page_bottom - f->notes_h;
		it = add_item(f, LAY_LINE);
		it->x = x;
		it->y = y + 3;
		it->w = 40 * MM;
		it->colour = &f->tpl->rule;
		it->line_width = 0.5;
		y += NOTE_RULE;
		for (i = 0; i < f->page_notes->len; i++) {
			pn = &g_array_index(f->page_notes, struct page_note, i);
			nt = f->note_text[pn->number];
			if (pn->first == 0) {
				it = add_item(f, LAY_DEST);
				it->dest = target_dest(f, f->note_node[pn->number]);
				it->x = x;
				it->y = y;
			}
			/*
			 * Its language is the text's that called it (the page may end
			 * in an abstract in another).  Lbl and P: cairo marks only an
			 * element's text that has no elements inside.
			 */
			f->lang = pn->lang;
			tag_begin(f, "Note");
			if (pn->first == 0) {
				tag_begin(f, "Lbl");
				place_lines(f, f->note_label[pn->number], 0, 1, x, y);
				tag_end(f);
			}
			tag_begin(f, "P");
			place_lines(f, nt, pn->first, pn->n, x + label_width(f), y);
			tag_end(f);
			tag_end(f);
			f->lang = lang;
			y += part_height(nt, pn->first, pn->n);
		}
		f->keep.active = keep;
	}
	g_array_set_size(f->page_notes, 0);
	f->notes_h = 0;
	f->bottom = f->page_bottom;
}

void
notes_start_page(struct flow *f)
{
	struct page_note	 pn;
	guint			 i;

	/* What a long note had left goes first at this page's foot. */
	for (i = 0; i < f->carry->len; i++) {
		pn = g_array_index(f->carry, struct page_note, i);
		reserve(f, pn.number, pn.first, pn.n, f->note_text[pn.number], pn.lang);
	}
	g_array_set_size(f->carry, 0);
}
