/*
 * layout_cover.c: the cover: the accent band with the organisations, the
 * logo, the title block, the facts a reader looks for and the funder's
 * acknowledgement.  Whatever the report holds fits: the band grows, a long
 * list of organisations moves into the facts, type steps down, and facts
 * that still do not fit go on to a second cover page.  Nothing is clipped.
 */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "image.h"
#include "layout_int.h"
#include "text.h"

#define BAND_MIN	(22 * MM)	/* the band's height with one line on it */
#define BAND_PAD	(5 * MM)	/* above and below its text */
#define BAND_LINES	4		/* organisations on the band at most */
#define LABEL_W		(40 * MM)	/* the facts' label column */
#define ROW_GAP		2.5		/* between two facts, pt */
#define EMBLEM_H	(13 * MM)	/* an emblem's height */

/* One fact of the cover: its label and its value. */
struct fact {
	char	*label;
	char	*value;
};

static void
add_fact(GArray *facts, const char *label, const char *value)
{
	struct fact	 f;

	if (label == NULL || value == NULL || *value == '\0')
		return;
	f.label = g_strdup(label);
	f.value = g_strdup(value);
	g_array_append_val(facts, f);
}

static void
add_label(struct flow *f, GArray *facts, enum co_label label, const char *value)
{
	add_fact(facts, i18n_label(label, f->doc->lang), value);
}

/* "approved" → "Approved", for a value standing on its own. */
static char *
capitalized(const char *s)
{
	gunichar	 c = g_utf8_get_char(s);
	char		 buf[8];

	buf[g_unichar_to_utf8(g_unichar_totitle(c), buf)] = '\0';
	return g_strconcat(buf, g_utf8_next_char(s), NULL);
}

/* "1.3.2019–28.2.2022", or one end alone. */
static char *
period(const char *start, const char *end, enum co_lang lang)
{
	char	*a = start != NULL ? date_format(start, lang) : g_strdup("");
	char	*b = end != NULL ? date_format(end, lang) : g_strdup("");
	char	*s = g_strdup_printf("%s\xe2\x80\x93%s", a, b);

	g_free(a);
	g_free(b);
	return s;
}

/* The names of "n" strings joined by "sep" (g_free). */
static char *
joined(const struct co_str *v, int n, const char *sep)
{
	GString	*s = g_string_new(NULL);
	int	 i;

	for (i = 0; i < n; i++)
		g_string_append_printf(s, "%s%s", i ? sep : "", v[i].s);
	return g_string_free(s, FALSE);
}

/* The facts in the order a reader looks for them; the organisations too if "orgs". */
static GArray *
cover_facts(struct flow *f, bool orgs)
{
	const struct co_meta	*m = &f->doc->meta;
	enum co_lang		 lang = f->doc->lang;
	GArray			*facts = g_array_new(FALSE, FALSE, sizeof(struct fact));
	GString			*tmp;
	char			*s;
	int			 i;

	add_label(f, facts, CO_LABEL_PROJECT, m->project_name.s);
	add_label(f, facts, CO_LABEL_PROJECT_CODE, m->project_code.s);
	if (orgs) {
		s = joined(m->organisations, m->norganisations, "; ");
		add_label(f, facts, CO_LABEL_ORGANISATION, s);
		g_free(s);
	}
	if (m->funder_name.s != NULL) {
		add_label(f, facts, CO_LABEL_FUNDER, m->funder_name.s);
		add_label(f, facts, CO_LABEL_PROGRAMME, m->funder_programme.s);
		add_label(f, facts, CO_LABEL_DECISION, m->funder_decision.s);
	}
	if (m->period_start.s != NULL || m->period_end.s != NULL) {
		s = period(m->period_start.s, m->period_end.s, lang);
		add_label(f, facts, CO_LABEL_PERIOD, s);
		g_free(s);
	}
	if (m->reporting_start.s != NULL || m->reporting_end.s != NULL) {
		s = period(m->reporting_start.s, m->reporting_end.s, lang);
		add_label(f, facts, CO_LABEL_REPORTING, s);
		g_free(s);
	}
	/* The author's own facts: Diaarinumero, Ohjelmakausi, Y-tunnus … */
	for (i = 0; i < m->nfacts; i++)
		add_fact(facts, m->facts[i].label.s, m->facts[i].value.s);
	if (m->nauthors > 0) {
		/* Each on a line of their own, with what the report says of them. */
		tmp = g_string_new(NULL);
		for (i = 0; i < m->nauthors; i++) {
			const struct co_person *a = &m->authors[i];
			g_string_append_printf(tmp, "%s%s", i ? "\n" : "", a->name.s);
			if (a->role.s != NULL)
				g_string_append_printf(tmp, ", %s", a->role.s);
			if (a->organisation.s != NULL)
				g_string_append_printf(tmp, ", %s", a->organisation.s);
			if (a->email.s != NULL)
				g_string_append_printf(tmp, ", %s", a->email.s);
		}
		add_label(f, facts, CO_LABEL_AUTHORS, tmp->str);
		g_string_free(tmp, TRUE);
	}
	if (m->date.s != NULL) {
		s = date_format(m->date.s, lang);
		add_label(f, facts, CO_LABEL_DATE, s);
		g_free(s);
	}
	add_label(f, facts, CO_LABEL_VERSION, m->version.s);
	if (m->status.s != NULL) {
		s = capitalized(i18n_value(m->status.s, lang));
		add_label(f, facts, CO_LABEL_STATUS, s);
		g_free(s);
	}
	for (i = 0; i < m->napprovals; i++) {
		char *d = date_format(m->approvals[i].date.s, lang);
		s = g_strdup_printf("%s%s%s, %s", m->approvals[i].name.s,
		    m->approvals[i].role.s ? ", " : "",
		    m->approvals[i].role.s ? m->approvals[i].role.s : "", d);
		add_label(f, facts, CO_LABEL_APPROVED, s);
		g_free(s);
		g_free(d);
	}
	if (m->publicity.s != NULL) {
		s = capitalized(i18n_value(m->publicity.s, lang));
		add_label(f, facts, CO_LABEL_PUBLICITY, s);
		g_free(s);
	}
	if (m->nkeywords > 0) {
		s = joined(m->keywords, m->nkeywords, ", ");
		add_label(f, facts, CO_LABEL_KEYWORDS, s);
		g_free(s);
	}
	return facts;
}

static void
facts_free(GArray *facts)
{
	guint	 i;

	for (i = 0; i < facts->len; i++) {
		g_free(g_array_index(facts, struct fact, i).label);
		g_free(g_array_index(facts, struct fact, i).value);
	}
	g_array_free(facts, TRUE);
}

/* The facts measured at "size" pt: each row's label and value. */
struct fact_rows {
	struct lay_text	**label;
	struct lay_text	**value;
	double		 *h;		/* each row's height */
	double		  total;	/* all of them, with their gaps */
	int		  n;
};

static void
measure_facts(struct flow *f, GArray *facts, double size, struct fact_rows *fr)
{
	const struct tpl	*t = f->tpl;
	struct tpl_font		 lf = t->small, vf = t->table;
	int			 i;

	lf.size = vf.size = size;
	fr->n = facts->len;
	fr->label = g_new(struct lay_text *, fr->n);
	fr->value = g_new(struct lay_text *, fr->n);
	fr->h = g_new(double, fr->n);
	fr->total = 0;
	for (i = 0; i < fr->n; i++) {
		const struct fact *fa = &g_array_index(facts, struct fact, i);
		fr->label[i] = plain_text(f, fa->label, &lf, 1.25, LABEL_W - 3 * MM, 0, &t->muted);
		fr->value[i] = plain_text(f, fa->value, &vf, 1.25, f->width - LABEL_W, 0, &t->text);
		fr->h[i] = MAX(fr->label[i]->height, fr->value[i]->height);
		fr->total += fr->h[i] + ROW_GAP;
	}
}

static void
fact_rows_free(struct fact_rows *fr)
{
	g_free(fr->label);
	g_free(fr->value);
	g_free(fr->h);
}

/*
 * Places rows [from, to) of the facts from "y" down, under a thin rule,
 * as one table (a label column and a value column).
 */
static void
place_facts(struct flow *f, const struct fact_rows *fr, int from, int to, double y)
{
	struct lay_item	*it;
	int		 i;

	it = add_item(f, LAY_LINE);
	it->x = f->left;
	it->y = y - 4 * MM;
	it->w = f->width;
	it->colour = &f->tpl->rule;
	it->line_width = 0.5;
	tag_begin(f, "Table");
	for (i = from; i < to; i++) {
		tag_begin(f, "TR");
		tag_begin_attr(f, "TH", "Row");
		place_lines(f, fr->label[i], 0, fr->label[i]->nlines, f->left, y);
		tag_end(f);
		tag_begin(f, "TD");
		place_lines(f, fr->value[i], 0, fr->value[i]->nlines, f->left + LABEL_W, y);
		tag_end(f);
		tag_end(f);
		y += fr->h[i] + ROW_GAP;
	}
	tag_end(f);
}

/* An emblem of the acknowledgement, opened once (its problems said at its line). */
static struct co_image *
open_emblem(struct flow *f, const struct co_str *name)
{
	struct co_image	*img;
	char		*dir;

	if (g_hash_table_lookup_extended(f->out->image_of, name, NULL, (gpointer *)&img))
		return img;
	dir = g_path_get_dirname(f->doc->path);
	img = image_open(f->diags, dir, name->s, name->pos, CO_DIAG_W_LOGO);
	g_free(dir);
	if (img != NULL)
		g_ptr_array_add(f->out->images, img);
	g_hash_table_insert(f->out->image_of, (gpointer)name, img);
	return img;
}

/*
 * The funder's acknowledgement at the foot of the cover: its emblems, then
 * its statement beside them.  Measured and placed at "y" if "place", else
 * only measured.  Returns its height.
 */
static double
acknowledgement(struct flow *f, double y, bool place)
{
	const struct co_meta	*m = &f->doc->meta;
	struct co_image		*img;
	struct lay_item		*it;
	struct lay_text		*text = NULL;
	double			 x = f->left, w, h = 0;
	int			 i;

	if (m->ack_text.s == NULL && m->nemblems == 0)
		return 0;
	for (i = 0; i < m->nemblems; i++) {
		if ((img = open_emblem(f, &m->emblems[i])) == NULL || img->height <= 0)
			continue;
		w = MIN(EMBLEM_H * img->width / img->height, f->width / 3);
		if (place) {
			tag_begin_attr(f, "Figure", m->emblem_alt.s != NULL ? m->emblem_alt.s :
			    m->emblems[i].s);
			it = add_item(f, LAY_IMAGE);
			it->image = img;
			it->x = x;
			it->y = y;
			it->w = w;
			it->h = EMBLEM_H;
			tag_end(f);
		}
		x += w + 4 * MM;
		h = EMBLEM_H;
	}
	if (m->ack_text.s != NULL) {
		text = plain_text(f, m->ack_text.s, &f->tpl->small, 1.3, f->left + f->width - x, 0,
		    &f->tpl->text);
		if (place) {
			tag_begin(f, "P");
			place_lines(f, text, 0, text->nlines, x,
			    y + MAX(0, (h - text->height) / 2));
			tag_end(f);
		}
		h = MAX(h, text->height);
	}
	return h;
}

/*
 * The organisations on the band, in white: the band grows to hold them, up
 * to BAND_LINES lines, the type a step smaller if that keeps them there.
 * NULL if they need more: they go into the facts, and *lead holds the
 * first of them and how many more, for the band.
 */
static struct lay_text *
band_text(struct flow *f, struct lay_text **lead)
{
	const struct co_meta	*m = &f->doc->meta;
	static const struct tpl_colour white = { 1, 1, 1 };
	struct tpl_font		 font = f->tpl->small;
	struct lay_text		*t;
	char			*s, *others;
	int			 step;

	*lead = NULL;
	if (m->norganisations == 0)
		return NULL;
	s = joined(m->organisations, m->norganisations, " \xc2\xb7 ");
	font.bold = true;
	for (step = 0; step < 2; step++) {
		font.size = f->tpl->small.size + (step == 0 ? 1.5 : 0);
		t = plain_text(f, s, &font, 1.3, f->width, 0, &white);
		if (t->nlines <= BAND_LINES - (step == 0)) {
			g_free(s);
			return t;
		}
	}
	g_free(s);
	/* "Aalto University (coordinator) and 18 other organisations". */
	font.size = f->tpl->small.size + 1.5;
	others = g_strdup_printf(i18n_label(CO_LABEL_AND_OTHERS, f->doc->lang),
	    m->norganisations - 1);
	s = g_strdup_printf("%s %s", m->organisations[0].s, others);
	*lead = plain_text(f, s, &font, 1.3, f->width, 0, &white);
	g_free(others);
	g_free(s);
	return NULL;
}

void
flow_cover(struct flow *f)
{
	const struct co_meta	*m = &f->doc->meta;
	const struct tpl	*t = f->tpl;
	struct lay_text		*title, *sub = NULL, *org, *lead, *shown;
	struct lay_item		*it;
	struct tpl_font		 tf = t->cover_title;
	struct fact_rows	 fr;
	GArray			*facts;
	double			 y, band, bottom, ack, room, size, block, top;
	int			 i, first;

	new_page(f);
	f->page->cover = true;
	/* The accent band across the top, as deep as its organisations need. */
	org = band_text(f, &lead);
	shown = org != NULL ? org : lead;
	band = shown != NULL ? MAX(BAND_MIN, shown->height + 2 * BAND_PAD) : BAND_MIN;
	it = add_item(f, LAY_RECT);
	it->w = t->page_width;
	it->h = band;
	it->colour = &t->accent;
	if (shown != NULL) {
		tag_begin(f, "P");
		place_lines(f, shown, 0, shown->nlines, f->left, (band - shown->height) / 2);
		tag_end(f);
	}
	if (f->out->logo != NULL) {
		/* The logo says whose report this is: its Alt names them. */
		tag_begin_attr(f, "Figure", arena_printf(f->out->arena, "%s%s%s",
		    i18n_label(CO_LABEL_LOGO, f->doc->lang), m->norganisations > 0 ? ": " : "",
		    m->norganisations > 0 ? m->organisations[0].s : ""));
		it = add_item(f, LAY_IMAGE);
		it->image = f->out->logo;
		it->x = t->page_width - t->margin_right - 45 * MM;
		it->y = band + 8 * MM;
		it->w = 45 * MM;
		it->h = 22 * MM;
		tag_end(f);
	}

	/* The title block, a long title smaller. */
	for (;;) {
		title = plain_text(f, m->title.s ? m->title.s : "", &tf, 1.12, f->width, 0,
		    &t->heading);
		if (title->nlines <= 4 || tf.size <= t->cover_title.size * 0.6)
			break;
		tf.size *= 0.85;
	}
	if (m->subtitle.s != NULL)
		sub = plain_text(f, m->subtitle.s, &t->cover_subtitle, 1.2, f->width, 0, &t->muted);
	block = title->height + 5 * MM + (sub != NULL ? sub->height + 5 * MM : 0) + 12 * MM;

	/* The acknowledgement at the foot, the facts above it. */
	bottom = t->page_height - t->margin_bottom;
	ack = acknowledgement(f, 0, false);
	if (ack > 0) {
		acknowledgement(f, bottom - ack, true);
		bottom -= ack + 8 * MM;
	}
	facts = cover_facts(f, org == NULL && m->norganisations > 0);
	/*
	 * The title a third of the way down, below the band and the logo.  Many
	 * facts lift it (to just below the band at most), then their type steps
	 * down, to 7 pt at least.
	 */
	top = band + (f->out->logo != NULL ? 38 * MM : 16 * MM);
	y = MAX(t->page_height * 0.30, top);
	for (size = t->table.size; ; size -= 0.5) {
		measure_facts(f, facts, size, &fr);
		if (fr.total <= bottom - top - block || size - 0.5 < MIN(7, t->table.size))
			break;
		if (size == t->table.size && fr.total <= bottom - y - block)
			break;
		fact_rows_free(&fr);
	}
	y = MAX(top, MIN(y, bottom - fr.total - block));
	tag_begin(f, "H1");
	place_lines(f, title, 0, title->nlines, f->left, y);
	tag_end(f);
	y += title->height + 5 * MM;
	if (sub != NULL) {
		tag_begin(f, "P");
		place_lines(f, sub, 0, sub->nlines, f->left, y);
		tag_end(f);
		y += sub->height + 5 * MM;
	}
	it = add_item(f, LAY_LINE);
	it->x = f->left;
	it->y = y;
	it->w = 40 * MM;
	it->colour = &t->accent;
	it->line_width = 2.5;
	y += 12 * MM;
	room = bottom - y + 0.5;
	if (fr.total <= room)
		place_facts(f, &fr, 0, fr.n, bottom - fr.total);
	else {
		/* Still too many: as many as fit here, the rest on a cover page of their own. */
		double used = 0;
		for (i = 0; i < fr.n && used + fr.h[i] + ROW_GAP <= room; i++)
			used += fr.h[i] + ROW_GAP;
		place_facts(f, &fr, 0, i, bottom - used);
		while (i < fr.n) {
			new_page(f);
			f->page->cover = true;
			first = i;
			for (used = 0; i < fr.n && (i == first ||
			    used + fr.h[i] + ROW_GAP <= bottom - f->top); i++)
				used += fr.h[i] + ROW_GAP;
			place_facts(f, &fr, first, i, f->top + 4 * MM);
		}
	}
	fact_rows_free(&fr);
	facts_free(facts);
}
