/*
 * measure_breaks.c: justified text broken into lines as a whole paragraph
 * (linebreak.c), not line by line: the text is measured from cached
 * advances in the fonts its attributes give, broken where Pango would
 * allow it, and handed to Pango with a line separator at each chosen
 * break (a hyphen before it where a word is split), so that Pango only
 * shapes what was decided.
 */
#include <glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "linebreak.h"
#include "measure_pango.h"

#define HYPHEN_PENALTY	50.0	/* a word split at a hyphenation point */
#define EXPLICIT_PENALTY 50.0	/* a break after a hyphen or a dash of the text's own */
#define URL_PENALTY	30.0	/* a web address broken at one of its points */
#define SHRINK		0.25	/* how much of a space a tight line may take away */

/* The font of the bytes [start, end) of the prepared text. */
struct span_font {
	guint		 start, end;
	struct font	*font;
};

/* The fonts the text's attributes give over the template's "f". */
static GArray *
text_fonts(struct measure *m, const struct tpl_font *f, PangoAttrList *attrs, size_t len)
{
	GArray			*out = g_array_new(FALSE, FALSE, sizeof(struct span_font));
	PangoAttrIterator	*it;
	PangoFontDescription	*desc;
	struct span_font	 sf;
	struct tpl_font		 tf;
	gint			 start, end;

	if (attrs == NULL) {
		sf.start = 0;
		sf.end = len;
		sf.font = mp_font(m, f);
		g_array_append_val(out, sf);
		return out;
	}
	it = pango_attr_list_get_iterator(attrs);
	do {
		pango_attr_iterator_range(it, &start, &end);
		if ((guint)start >= len)
			break;
		desc = pango_font_description_copy(mp_font(m, f)->desc);
		pango_attr_iterator_get_font(it, desc, NULL, NULL);
		tf = *f;
		tf.family = pango_font_description_get_family(desc);
		tf.size = (double)pango_font_description_get_size(desc) / PANGO_SCALE;
		tf.bold = pango_font_description_get_weight(desc) >= PANGO_WEIGHT_BOLD;
		tf.italic = pango_font_description_get_style(desc) != PANGO_STYLE_NORMAL;
		sf.start = start;
		sf.end = MIN((guint)end, len);
		sf.font = mp_font(m, &tf);
		g_array_append_val(out, sf);
		pango_font_description_free(desc);
	} while (pango_attr_iterator_next(it));
	pango_attr_iterator_destroy(it);
	return out;
}

/* The web addresses of the text: ranges where only their own points may break. */
static GArray *
held_ranges(PangoAttrList *attrs)
{
	GArray	*out = g_array_new(FALSE, FALSE, sizeof(guint) * 2);
	GSList	*all, *l;

	if (attrs == NULL)
		return out;
	all = pango_attr_list_get_attributes(attrs);
	for (l = all; l != NULL; l = l->next) {
		PangoAttribute *a = l->data;
		if (a->klass->type == PANGO_ATTR_ALLOW_BREAKS && !((PangoAttrInt *)a)->value) {
			guint r[2] = { a->start_index, a->end_index };
			g_array_append_vals(out, r, 1);
		}
		pango_attribute_destroy(a);
	}
	g_slist_free(all);
	return out;
}

/* True if a break before byte "at" falls inside one of those ranges. */
static bool
held(const GArray *ranges, guint at)
{
	guint	 k;

	for (k = 0; k < ranges->len; k++) {
		const guint *r = &g_array_index(ranges, guint, 2 * k);
		if (r[0] < at && r[1] > at)
			return true;
	}
	return false;
}

static void
add(GArray *items, enum lb_kind kind, double width, double stretch, double shrink,
    double penalty, bool flagged, size_t pos)
{
	struct lb_item	 it;

	it.kind = kind;
	it.width = width;
	it.stretch = stretch;
	it.shrink = shrink;
	it.penalty = penalty;
	it.flagged = flagged;
	it.pos = pos;
	g_array_append_val(items, it);
}

/*
 * The boxes, glue and penalties of the prepared text: a space is glue
 * (twice as wide at most, a quarter narrower at least), a soft hyphen a
 * penalty with a hyphen's width, a break after a dash or an address's
 * point a penalty of none, a line's end ('\n') a forced break.
 */
static GArray *
text_items(struct measure *m, const struct tpl_font *f, const struct prepared *p,
    const char *lang)
{
	const char	*s = p->text->str, *q;
	size_t		 len = p->text->len, b;
	GArray		*items = g_array_new(FALSE, FALSE, sizeof(struct lb_item));
	GArray		*fonts = text_fonts(m, f, p->attrs, len);
	GArray		*urls = held_ranges(p->attrs);
	PangoLogAttr	*la;
	struct font	*font;
	gunichar	 c, prev = 0;
	double		 box = 0, w;
	guint		 fi = 0;
	int		 nchars = g_utf8_strlen(s, len), ci;

	la = g_new0(PangoLogAttr, nchars + 1);
	pango_get_log_attrs(s, len, -1, pango_language_from_string(lang), la, nchars + 1);
	for (b = 0, ci = 0; b < len; b = q - s, ci++, prev = c) {
		c = g_utf8_get_char(s + b);
		q = g_utf8_next_char(s + b);
		while (fi + 1 < fonts->len && g_array_index(fonts, struct span_font, fi).end <= b)
			fi++;
		font = g_array_index(fonts, struct span_font, fi).font;
		/* A break before this character, not at a space or a soft hyphen (their own items). */
		if (ci > 0 && la[ci].is_line_break && !la[ci].is_mandatory_break && prev != ' ' &&
		    prev != 0xAD && prev != '\n' && c != ' ' && !(urls->len > 0 && prev != 0x200B &&
		    held(urls, b))) {
			add(items, LB_BOX, box, 0, 0, 0, false, b);
			box = 0;
			add(items, LB_PENALTY, 0, 0, 0, prev == 0x200B ? URL_PENALTY : EXPLICIT_PENALTY,
			    false, b);
		}
		if (c == ' ') {
			if (prev != ' ') {
				add(items, LB_BOX, box, 0, 0, 0, false, b);
				box = 0;
				w = mp_advance(m, font, ' ');
				add(items, LB_GLUE, w, w, w * SHRINK, 0, false, q - s);
			} else {
				struct lb_item *g = &g_array_index(items, struct lb_item, items->len - 1);
				w = mp_advance(m, font, ' ');
				g->width += w;
				g->stretch += w;
				g->shrink += w * SHRINK;
				g->pos = q - s;
			}
			continue;
		}
		if (c == '\n') {
			/* The end of a paragraph of the text: its last line is set ragged. */
			add(items, LB_BOX, box, 0, 0, 0, false, b);
			box = 0;
			add(items, LB_GLUE, 0, LB_FILL, 0, 0, false, b);
			add(items, LB_PENALTY, 0, 0, 0, LB_FORCED, false, b);
			continue;
		}
		if (c == 0xAD) {
			if (la[ci + 1].is_line_break) {
				add(items, LB_BOX, box, 0, 0, 0, false, b);
				box = 0;
				add(items, LB_PENALTY, mp_advance(m, font, 0x2010), 0, 0, HYPHEN_PENALTY,
				    true, q - s);
			}
			continue;
		}
		if (c == 0x200B || c == 0x2060 || c == 0xFEFF)
			continue;	/* nothing to see */
		box += mp_advance(m, font, c);
	}
	add(items, LB_BOX, box, 0, 0, 0, false, len);
	add(items, LB_GLUE, 0, LB_FILL, 0, 0, false, len);
	add(items, LB_PENALTY, 0, 0, 0, LB_FORCED, false, len);
	g_free(la);
	g_array_free(fonts, TRUE);
	g_array_free(urls, TRUE);
	return items;
}

/* True for the letters of the right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko … */
static bool
is_rtl(gunichar c)
{
	return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
	    (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x10800 && c <= 0x10FFF) ||
	    (c >= 0x1E800 && c <= 0x1EFFF);
}

/*
 * The line separator for a break before byte "at" of "s".  Where the next
 * line goes on right to left, the space before the break would be taken
 * into the right-to-left run and shown at its left, inside the line (Pango
 * leaves such a space where the run puts it): a left-to-right mark after
 * it keeps it at the line's end, where justification leaves it out.
 */
static const char *
separator(const char *s, size_t len, size_t at, bool hyphen)
{
	if (!hyphen && at < len && at > 0 && s[at - 1] == ' ' &&
	    is_rtl(g_utf8_get_char_validated(s + at, len - at)))
		return LRM LS;
	return hyphen ? HYPHEN LS : LS;
}

/* A string to put into the prepared text before byte "at". */
struct insertion {
	size_t		 at;
	const char	*str;
};

/* Where byte "pos" goes: after the insertions before it (or at it, if "at_too"). */
static size_t
moved(const struct insertion *v, const size_t *before, int n, size_t pos, bool at_too)
{
	int	 lo = 0, hi = n;

	/* The first insertion past "pos" (or at it): those before it count. */
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (v[mid].at < pos || (at_too && v[mid].at == pos))
			lo = mid + 1;
		else
			hi = mid;
	}
	return pos + before[lo];
}

/*
 * Puts the insertions (by place, ascending) into the prepared text in one
 * pass, its styles and links moving with the bytes they cover: a style or
 * link that starts where a string goes in starts after it.
 */
static void
insert_all(struct prepared *p, const struct insertion *v, int n)
{
	GString		*out = g_string_sized_new(p->text->len + 6 * n + 1);
	size_t		*before = g_new(size_t, n + 1), from = 0;
	GSList		*all, *l;
	PangoAttrList	*attrs;
	guint		 k;
	int		 i;

	before[0] = 0;
	for (i = 0; i < n; i++) {
		before[i + 1] = before[i] + strlen(v[i].str);
		g_string_append_len(out, p->text->str + from, v[i].at - from);
		g_string_append(out, v[i].str);
		from = v[i].at;
	}
	g_string_append_len(out, p->text->str + from, p->text->len - from);
	g_string_free(p->text, TRUE);
	p->text = out;
	if (p->attrs != NULL) {
		attrs = pango_attr_list_new();
		all = pango_attr_list_get_attributes(p->attrs);
		for (l = all; l != NULL; l = l->next) {
			PangoAttribute *a = l->data;
			if (a->end_index != PANGO_ATTR_INDEX_TO_TEXT_END)
				a->end_index = moved(v, before, n, a->end_index, false);
			a->start_index = moved(v, before, n, a->start_index, true);
			pango_attr_list_insert(attrs, a);
		}
		g_slist_free(all);
		pango_attr_list_unref(p->attrs);
		p->attrs = attrs;
	}
	for (k = 0; k < p->links->len; k++) {
		struct plink *pl = &g_array_index(p->links, struct plink, k);
		pl->start = moved(v, before, n, pl->start, true);
		pl->end = moved(v, before, n, pl->end, false);
	}
	g_free(before);
}

/*
 * True if every line of the layout fits "width" as freeze() will justify
 * it: within its spaces' shrink, and a paragraph's last line as it is.
 * A line's width leaves out the spaces at its end, before its separator.
 */
static bool
lines_fit(PangoLayout *l, double width)
{
	GSList		*n, *r;
	const char	*text = pango_layout_get_text(l);
	PangoRectangle	 ext;
	int		 w, spaces, i, g;

	for (n = pango_layout_get_lines_readonly(l); n != NULL; n = n->next) {
		PangoLayoutLine *line = n->data;
		PangoGlyphItem *last = NULL;
		pango_layout_line_get_extents(line, NULL, &ext);
		w = ext.width;
		for (r = line->runs; r != NULL; r = r->next)
			last = r->data;
		for (g = last != NULL ? last->glyphs->num_glyphs - 1 : -1; g >= 0; g--) {
			const char *c = text + last->item->offset + last->glyphs->log_clusters[g];
			if (*c != ' ' && strncmp(c, LS, 3) != 0 && strncmp(c, LRM, 3) != 0)
				break;
			w -= last->glyphs->glyphs[g].geometry.width;
		}
		for (spaces = 0, i = line->start_index; i < line->start_index + line->length; i++)
			spaces += text[i] == ' ';
		if ((double)w / PANGO_SCALE > width + 0.5 + spaces * 0.8)
			return false;
	}
	return true;
}

/*
 * Breaks the text of "in" as a paragraph into "l", keeping "spare" points
 * of each line free; false (and "p" freed) if no breaking keeps the spaces
 * under twice their width even with looser lines.
 */
static bool
break_with(struct measure *m, PangoLayout *l, const struct tpl_font *f, double leading,
    const struct ms_rich *in, double width, int flags, double spare, const char *lang,
    struct prepared *p)
{
	GArray		*items;
	struct insertion *ins;
	int		*breaks, nb, k, ni;

	mp_prepare(m, in, f, (flags & MEASURE_WHOLE_LAST) != 0, true, p);
	if (flags & MEASURE_WHOLE_LAST)
		mp_last_word_whole(p);
	items = text_items(m, f, p, lang);
	breaks = g_new(int, items->len + 1);
	nb = lb_break((const struct lb_item *)(void *)items->data, items->len, width - spare, 1.0,
	    breaks);
	/*
	 * No breaking keeps every space under twice its width: the best with
	 * looser lines, which freeze() then sets ragged, as TeX's emergency
	 * pass would rather than overfill a line.
	 */
	if (nb < 0)
		nb = lb_break((const struct lb_item *)(void *)items->data, items->len,
		    width - spare, 20.0, breaks);
	if (nb < 0) {
		g_free(breaks);
		g_array_free(items, TRUE);
		mp_prepared_free(p);
		return false;
	}
	ins = g_new(struct insertion, nb + 1);
	for (k = ni = 0; k < nb; k++) {
		const struct lb_item *it = &g_array_index(items, struct lb_item, breaks[k]);
		if (it->kind == LB_PENALTY && it->penalty <= LB_FORCED)
			continue;	/* a line's end of the text's own */
		ins[ni].at = it->pos;
		ins[ni++].str = separator(p->text->str, p->text->len, it->pos,
		    it->kind == LB_PENALTY && it->flagged);
	}
	insert_all(p, ins, ni);
	g_free(ins);
	g_free(breaks);
	g_array_free(items, TRUE);
	mp_setup(m, l, f, leading, width, flags | MEASURE_NOWRAP);
	pango_layout_set_text(l, p->text->str, -1);
	pango_layout_set_attributes(l, p->attrs);
	return true;
}

bool
mp_break_optimally(struct measure *m, PangoLayout *l, const struct tpl_font *f,
    double leading, const struct ms_rich *in, double width, int flags, struct prepared *p)
{
	/*
	 * The advances know no kerning: half a point to spare, and if a line
	 * still comes out too wide (one in a long paragraph often does), two
	 * points.  Falling back to first fit would set the whole paragraph
	 * ragged and lay it out three times more.
	 */
	static const double spare[] = { 0.5, 2.0 };
	const char	*lang = in->lang != NULL ? in->lang : model_lang_codes[m->lang];
	bool		 ok;
	int		 tries;

	for (tries = 0, ok = false; !ok && tries < (int)G_N_ELEMENTS(spare); tries++) {
		if (tries > 0)
			mp_prepared_free(p);
		if (!break_with(m, l, f, leading, in, width, flags, spare[tries], lang, p))
			return false;
		ok = lines_fit(l, width);
	}
	if (!ok)
		mp_prepared_free(p);
	return ok;
}
