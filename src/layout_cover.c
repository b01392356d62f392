/*
 * layout_cover.c: the cover: the accent band with the organisations, the
 * logo, the title block and the facts a reader looks for.
 */
#include <glib.h>
#include <string.h>

#include "i18n.h"
#include "layout_int.h"
#include "text.h"

static void
cover_row(struct flow *f, GString *labels, GString *values, enum co_label label,
    const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	g_string_append_printf(labels, "%s%s", labels->len ? "\n" : "",
	    i18n_label(label, f->doc->lang));
	g_string_append_printf(values, "%s%s", values->len ? "\n" : "", value);
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

void
flow_cover(struct flow *f)
{
	const struct co_meta	*m = &f->doc->meta;
	const struct tpl	*t = f->tpl;
	enum co_lang		 lang = f->doc->lang;
	struct lay_text		*title, *sub, *lab, *val, *org;
	struct lay_item		*it;
	GString			*labels, *values, *tmp;
	char			*s;
	int			 i;
	double			 y, labw = 38 * MM;

	new_page(f);
	f->page->cover = true;
	/* A band of the accent colour across the top, the organisation on it. */
	it = add_item(f, LAY_RECT);
	it->w = t->page_width;
	it->h = 22 * MM;
	it->colour = &t->accent;
	if (m->norganisations > 0) {
		struct tpl_colour white = { 1, 1, 1 };
		struct tpl_font font = t->small;
		font.bold = true;
		font.size = t->small.size + 1.5;
		tmp = g_string_new(NULL);
		for (i = 0; i < m->norganisations; i++)
			g_string_append_printf(tmp, "%s%s", i ? " \xc2\xb7 " : "",
			    m->organisations[i].s);
		org = plain_text(f, tmp->str, &font, 0, f->width, 0, &white);
		place_lines(f, org, 0, org->nlines, f->left, 11 * MM - org->height / 2);
		g_string_free(tmp, TRUE);
	}
	if (f->out->logo != NULL) {
		it = add_item(f, LAY_IMAGE);
		it->image = f->out->logo;
		it->x = t->page_width - t->margin_right - 45 * MM;
		it->y = 30 * MM;
		it->w = 45 * MM;
		it->h = 22 * MM;
	}
	/* Title block a third of the way down. */
	y = t->page_height * 0.30;
	tag_begin(f, "P");
	title = plain_text(f, m->title.s ? m->title.s : "", &t->cover_title, 1.12,
	    f->width, 0, &t->heading);
	place_lines(f, title, 0, title->nlines, f->left, y);
	tag_end(f);
	y += title->height + 5 * MM;
	if (m->subtitle.s != NULL) {
		sub = plain_text(f, m->subtitle.s, &t->cover_subtitle, 1.2, f->width, 0,
		    &t->muted);
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

	/* The facts a reader looks for, bottom left. */
	labels = g_string_new(NULL);
	values = g_string_new(NULL);
	if (m->project_name.s != NULL)
		cover_row(f, labels, values, CO_LABEL_PROJECT, m->project_name.s);
	cover_row(f, labels, values, CO_LABEL_PROJECT_CODE, m->project_code.s);
	if (m->funder_name.s != NULL) {
		cover_row(f, labels, values, CO_LABEL_FUNDER, m->funder_name.s);
		cover_row(f, labels, values, CO_LABEL_PROGRAMME, m->funder_programme.s);
		cover_row(f, labels, values, CO_LABEL_DECISION, m->funder_decision.s);
	}
	if (m->period_start.s != NULL && m->period_end.s != NULL) {
		char *a = date_format(m->period_start.s, lang);
		char *b = date_format(m->period_end.s, lang);
		s = g_strdup_printf("%s\xe2\x80\x93%s", a, b);
		cover_row(f, labels, values, CO_LABEL_PERIOD, s);
		g_free(a);
		g_free(b);
		g_free(s);
	}
	if (m->nauthors > 0) {
		tmp = g_string_new(NULL);
		for (i = 0; i < m->nauthors; i++)
			g_string_append_printf(tmp, "%s%s", i ? ", " : "", m->authors[i].name.s);
		cover_row(f, labels, values, CO_LABEL_AUTHORS, tmp->str);
		g_string_free(tmp, TRUE);
	}
	if (m->date.s != NULL) {
		s = date_format(m->date.s, lang);
		cover_row(f, labels, values, CO_LABEL_DATE, s);
		g_free(s);
	}
	cover_row(f, labels, values, CO_LABEL_VERSION, m->version.s);
	if (m->status.s != NULL) {
		s = capitalized(i18n_value(m->status.s, lang));
		cover_row(f, labels, values, CO_LABEL_STATUS, s);
		g_free(s);
	}
	for (i = 0; i < m->napprovals; i++) {
		char *d = date_format(m->approvals[i].date.s, lang);
		s = g_strdup_printf("%s%s%s, %s", m->approvals[i].name.s,
		    m->approvals[i].role.s ? ", " : "",
		    m->approvals[i].role.s ? m->approvals[i].role.s : "", d);
		cover_row(f, labels, values, CO_LABEL_APPROVED, s);
		g_free(s);
		g_free(d);
	}
	if (m->publicity.s != NULL) {
		s = capitalized(i18n_value(m->publicity.s, lang));
		cover_row(f, labels, values, CO_LABEL_PUBLICITY, s);
		g_free(s);
	}
	if (m->nkeywords > 0) {
		tmp = g_string_new(NULL);
		for (i = 0; i < m->nkeywords; i++)
			g_string_append_printf(tmp, "%s%s", i ? ", " : "", m->keywords[i].s);
		cover_row(f, labels, values, CO_LABEL_KEYWORDS, tmp->str);
		g_string_free(tmp, TRUE);
	}
	/* Labels and values are measured as two columns of lines that match one to one. */
	{
		struct tpl_font lf = t->small, vf = t->table;
		char **ls = g_strsplit(labels->str, "\n", -1);
		char **vs = g_strsplit(values->str, "\n", -1);
		double rowy, total = 0;
		int n = g_strv_length(ls);
		struct lay_text **vt = g_new(struct lay_text *, n);
		lf.size = vf.size;
		for (i = 0; i < n; i++) {
			vt[i] = plain_text(f, vs[i], &vf, 1.25, f->width - labw, 0, &t->text);
			total += vt[i]->height + 2.5;
		}
		rowy = t->page_height - t->margin_bottom - total;
		it = add_item(f, LAY_LINE);
		it->x = f->left;
		it->y = rowy - 4 * MM;
		it->w = f->width;
		it->colour = &t->rule;
		it->line_width = 0.5;
		for (i = 0; i < n; i++) {
			lab = plain_text(f, ls[i], &lf, 1.25, labw, 0, &t->muted);
			val = vt[i];
			place_lines(f, lab, 0, lab->nlines, f->left, rowy);
			place_lines(f, val, 0, val->nlines, f->left + labw, rowy);
			rowy += val->height + 2.5;
		}
		g_free(vt);
		g_strfreev(ls);
		g_strfreev(vs);
	}
	g_string_free(labels, TRUE);
	g_string_free(values, TRUE);
}
