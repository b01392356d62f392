/* suggest.c: hints that name what the author meant: the key for a section's title in their own language, the list for a text. */
#include <glib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"
#include "suggest.h"

static const char *const lang_names[CO_LANG__MAX] = {
	"Finnish",		/* CO_LANG_FI */
	"Swedish",		/* CO_LANG_SV */
	"English",		/* CO_LANG_EN */
};

/* s without case, spaces, '_' or '-', in normal form C: the form compared. */
static char *
fold(const char *s)
{
	char	*nfc, *folded, *p, *q;

	nfc = g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
	folded = g_utf8_casefold(nfc != NULL ? nfc : s, -1);
	g_free(nfc);
	for (p = q = folded; *p != '\0'; p++)
		if (*p != ' ' && *p != '_' && *p != '-')
			*q++ = *p;
	*q = '\0';
	return folded;
}

static bool
is_allowed(const char *key, const char *const *allowed)
{
	for (; *allowed != NULL; allowed++)
		if (strcmp(*allowed, key) == 0)
			return true;
	return false;
}

/* The hint for "key" whose title "title" (in "lang") was written. */
static char *
hint(const char *key, const char *parent, const char *title, enum co_lang lang,
    const char *const *allowed)
{
	if (is_allowed(key, allowed) || parent == NULL)
		return g_strdup_printf("did you mean '%s'? (%s is its %s title)", key, title,
		    lang_names[lang]);
	return g_strdup_printf("did you mean '%s', inside '%s'? (%s is its %s title)", key,
	    parent, title, lang_names[lang]);
}

char *
suggest_localized(const char *word, const char *const *allowed)
{
	/* Titles that are labels, not sections': the lists of their own. */
	static const struct {
		enum co_label	 label;
		const char	*key;
	} lists[] = {
		{ CO_LABEL_ABSTRACT, "abstracts" },
		{ CO_LABEL_ANNEX, "annexes" },
	};
	char		*w, *t, *out = NULL;
	enum co_role	 r, found = CO_ROLE_CUSTOM;
	enum co_lang	 l, found_lang = CO_LANG_EN;
	size_t		 i;

	if (!g_utf8_validate(word, -1, NULL))
		return NULL;
	w = fold(word);
	/* A title several sections share: the one this place takes, else the first. */
	for (r = 1; r < CO_ROLE__MAX; r++)
		for (l = 0; l < CO_LANG__MAX; l++) {
			t = fold(i18n_title(r, l));
			if (strcmp(t, w) == 0 && (found == CO_ROLE_CUSTOM ||
			    (!is_allowed(model_roles[found].key, allowed) &&
			    is_allowed(model_roles[r].key, allowed)))) {
				found = r;
				found_lang = l;
			}
			g_free(t);
		}
	if (found != CO_ROLE_CUSTOM)
		out = hint(model_roles[found].key, model_roles[found].parent == CO_ROLE_CUSTOM ?
		    NULL : model_roles[model_roles[found].parent].key,
		    i18n_title(found, found_lang), found_lang, allowed);
	for (i = 0; out == NULL && i < G_N_ELEMENTS(lists); i++)
		for (l = 0; out == NULL && l < CO_LANG__MAX; l++) {
			t = fold(i18n_label(lists[i].label, l));
			if (strcmp(t, w) == 0)
				out = hint(lists[i].key, NULL, i18n_label(lists[i].label, l), l,
				    allowed);
			g_free(t);
		}
	g_free(w);
	return out;
}

/* Values longer than this are shown cut in a hint. */
#define MAX_HINT_VALUE	40

/* The first key of an entry of list "key" whose entries are mappings, or NULL. */
static const char *
entry_key(const char *key)
{
	static const char *const lists[][2] = {
		{ "sections", "title" }, { "annexes", "title" }, { "abstracts", "language" },
		{ "approvals", "name" }, { "facts", "label" }, { "definitions", "term" },
	};
	size_t	 i;
	int	 f;

	for (i = 0; i < G_N_ELEMENTS(lists); i++)
		if (strcmp(lists[i][0], key) == 0)
			return lists[i][1];
	/* A typed table: its first required field. */
	for (i = 0; i < CO_REC__MAX; i++)
		if (strcmp(model_recs[i].key, key) == 0 || (model_recs[i].money &&
		    strcmp(key, "lines") == 0))
			for (f = 0; f < model_recs[i].nfields; f++)
				if (model_recs[i].fields[f].required)
					return model_recs[i].fields[f].key;
	return NULL;
}

char *
suggest_list(const char *key, const char *value, bool empty)
{
	const char	*first;
	char		*shown, *hint;

	if (key != NULL && (first = entry_key(key)) != NULL)
		return g_strdup_printf("write one entry a line under '%s:', each starting "
		    "with '- ', as in '- %s: …'", key, first);
	if (empty)
		return g_strdup("write its entries under it, each on a line of its own "
		    "starting with '- ', or leave the key out");
	shown = g_utf8_strlen(value, -1) > MAX_HINT_VALUE ?
	    g_strdup_printf("%.*s…", (int)(g_utf8_offset_to_pointer(value, MAX_HINT_VALUE) -
	    value), value) : g_strdup(value);
	if (key != NULL)
		hint = g_strdup_printf("write it as a list, '%s: [%s]', or one entry a line "
		    "under '%s:', each starting with '- '", key, shown, key);
	else
		hint = g_strdup_printf("write it as a list, [%s], or one entry a line, each "
		    "starting with '- '", shown);
	g_free(shown);
	return hint;
}

const char *
suggest_no_report(const char *src, size_t len)
{
	const char	*p, *end = src + len;
	bool		 markers = false;

	for (p = src; p < end; p++)
		if (*p == '#')
			return "the file holds only comments";
		else if (*p == '-' || *p == '.' || *p == '%')
			markers = true;
	return markers ? "the file holds only '---' or '...'" : "the file is empty";
}
