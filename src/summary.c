/* summary.c: co_doc_summary(), one report's figures for a spreadsheet row (batch --summary). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "text.h"

/*
 * A goal's target or achieved value as a number, if that is all it is:
 * "70", "4,2", "1 200", "−5", "81 %".  Spaces (also no-break ones) group
 * digits; the decimal point is ',' or '.', except that "1,200" in an
 * English report is twelve hundred.  False for "under 5 %" or "2 data sets".
 */
static bool
number_of(const char *s, enum co_lang lang, double *out)
{
	GString		*d = g_string_new(NULL);
	const char	*p;
	char		*end;
	gunichar	 c;
	bool		 ok = false, point = false;
	int		 digits_after = -1;

	s += strspn(s, " \t\n");
	if (g_str_has_prefix(s, "\xe2\x88\x92")) {	/* U+2212 MINUS SIGN */
		g_string_append_c(d, '-');
		s += 3;
	} else if (*s == '-' || *s == '+')
		g_string_append_c(d, *s++);
	for (p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (g_ascii_isdigit(c)) {
			g_string_append_c(d, c);
			if (digits_after >= 0)
				digits_after++;
		} else if (c == ' ' || c == 0xa0 || c == 0x202f) {
			if (digits_after >= 0 || d->len == 0)
				break;		/* "4,2 %" ends here; so does " %" */
		} else if ((c == ',' || c == '.') && !point && d->len > 0) {
			point = true;
			digits_after = 0;
			g_string_append_c(d, '.');
		} else
			break;
	}
	/* What follows may only be a per cent sign. */
	p += strspn(p, " \t\n");
	if (g_str_has_prefix(p, "\xc2\xa0") || g_str_has_prefix(p, "\xe2\x80\xaf"))
		p = g_utf8_next_char(p);
	if (*p == '%')
		p++;
	p += strspn(p, " \t\n");
	if (*p != '\0' || d->len == 0 || digits_after == 0)
		goto out;
	if (lang == CO_LANG_EN && point && digits_after == 3 && strchr(s, ',') != NULL &&
	    strchr(s, '.') == NULL) {
		char *dot = strchr(d->str, '.');
		memmove(dot, dot + 1, strlen(dot));
	}
	*out = g_ascii_strtod(d->str, &end);
	ok = *end == '\0';
out:
	g_string_free(d, TRUE);
	return ok;
}

/* The plain text of field "key" of "rec", or NULL (g_free). */
static char *
text_of(const struct co_node *rec, const char *key)
{
	const struct co_node	*f = model_field(rec, key);

	if (f == NULL)
		return NULL;
	if (f->as.field.value != NULL)
		return g_strdup(f->as.field.value);
	return model_plain_text(f);
}

static void
add_goal(struct co_summary *s, const struct co_node *rec, enum co_lang lang)
{
	char	*target = text_of(rec, "target"), *achieved = text_of(rec, "achieved");
	double	 t, a;

	s->goals++;
	if (target != NULL && achieved != NULL && number_of(target, lang, &t) &&
	    number_of(achieved, lang, &a)) {
		s->goals_numeric++;
		if (a >= t)
			s->goals_met++;
	}
	g_free(target);
	g_free(achieved);
}

static void
add_budget(struct co_summary *s, const struct co_node *recs)
{
	const char	*cur = recs->as.records.currency != NULL ? recs->as.records.currency : "EUR";
	struct co_money	*m = NULL;
	int		 i;

	for (i = 0; i < s->nmoney; i++)
		if (strcmp(s->money[i].currency, cur) == 0)
			m = &s->money[i];
	if (m == NULL) {
		if (s->nmoney == CO_SUMMARY_CURRENCIES)
			return;
		m = &s->money[s->nmoney++];
		g_strlcpy(m->currency, cur, sizeof(m->currency));
	}
	m->planned += recs->as.records.planned;
	m->actual += recs->as.records.actual;
	m->has_actual |= recs->as.records.has_actual;
}

void
co_doc_summary(const struct co_doc *doc, struct co_summary *s)
{
	const struct co_node	*n, *rec, *f;
	const char		*status;

	memset(s, 0, sizeof(*s));
	s->title = doc->meta.title.s;
	s->project_code = doc->meta.project_code.s;
	s->funder = doc->meta.funder_name.s;
	s->decision = doc->meta.funder_decision.s;
	s->period_start = doc->meta.period_start.s;
	s->period_end = doc->meta.period_end.s;
	s->status = doc->meta.status.s;
	s->language = doc->meta.language.s;
	for (n = doc->root; n != NULL; n = model_next(n, doc->root)) {
		if (n->kind != CO_KIND_RECORDS)
			continue;
		if (n->as.records.rec == CO_REC_BUDGET) {
			add_budget(s, n);
			continue;
		}
		for (rec = n->first; rec != NULL; rec = rec->next) {
			f = model_field(rec, "status");
			status = f != NULL ? f->as.field.value : NULL;
			switch (n->as.records.rec) {
			case CO_REC_DELIVERABLES:
				s->deliverables++;
				if (status == NULL || strcmp(status, "done") == 0)
					s->deliverables_done++;
				break;
			case CO_REC_GOALS:
				add_goal(s, rec, doc->lang);
				break;
			case CO_REC_RISKS:
				s->risks++;
				if (status == NULL || strcmp(status, "open") == 0)
					s->risks_open++;
				break;
			default:
				break;
			}
		}
	}
}
