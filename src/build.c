/* build.c: checks the YAML tree against the report format and fills the model. */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "build.h"
#include "model.h"
#include "i18n.h"
#include "nfc.h"
#include "prose.h"
#include "suggest.h"
#include "text.h"
#include "ytree.h"

#define MAX_LEVEL 4

static const char *const type_names[] = { "text", "a list", "a mapping" };

static void build_section_body(struct co_doc *, struct co_node *,
    const struct ynode *, const char *);

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* True if scalar n holds nothing but white space (a "|+" block of blank lines). */
static bool
is_blank_text(const struct ynode *n)
{
	size_t	 i;

	for (i = 0; i < n->len; i++)
		if (!is_blank(n->str[i]))
			return false;
	return true;
}

/* True if scalar n is no value: blank, or "~" or "null" unquoted. */
static bool
is_empty_scalar(const struct ynode *n)
{
	return n->type == Y_SCALAR && (is_blank_text(n) || (n->plain &&
	    (strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 || n->len == 0)));
}

const char *
build_forbidden(const char *s, size_t len, unsigned *c)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + len;

	for (; p < end; p++) {
		if (*p < 0x80) {
			if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
			    *p == 0x7f) {
				*c = *p;
				return (const char *)p;
			}
		} else if (*p == 0xc2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9f &&
		    p[1] != 0x85) {
			*c = p[1];
			return (const char *)p;
		} else if (*p == 0xef && p + 2 < end && p[1] == 0xbf &&
		    (p[2] == 0xbe || p[2] == 0xbf)) {
			*c = p[2] == 0xbe ? 0xfffe : 0xffff;
			return (const char *)p;
		}
	}
	return NULL;
}

bool
build_check_chars(struct co_diags *d, struct co_pos pos, const char *s, size_t len)
{
	unsigned	 c;

	if (build_forbidden(s, len, &c) == NULL)
		return true;
	co_diag(d, pos, CO_DIAG_E_CONTROL, "U+%04X in this value", c);
	return false;
}

/* The value for "key" in mapping "map", or NULL. */
static const struct ynode *
map_get(const struct ynode *map, const char *key)
{
	const struct ynode	*k;

	if (map == NULL || map->type != Y_MAP)
		return NULL;
	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next)
		if (!k->dup && strcmp(k->str, key) == 0)
			return k->next;
	return NULL;
}

/* Reports each key of "map" not in "allowed"; false if there was one. */
static bool
check_keys(struct co_doc *doc, const struct ynode *map,
    const char *const *allowed, const char *where)
{
	const struct ynode	*k;
	const char		*near;
	char			*title;
	size_t			 i;
	bool			 ok = true;
	GString			*list;

	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(k->str, allowed[i]) == 0)
				break;
		if (allowed[i] != NULL)
			continue;
		ok = false;
		co_diag(&doc->diags, k->pos, CO_DIAG_E_UNKNOWN_KEY, "'%s' in %s", k->str, where);
		/* Thousands of unknown keys: past the messages shown, no hints. */
		if (!diag_shown(&doc->diags))
			continue;
		/* "yhteenveto:": the section's title, not its key. */
		if ((title = suggest_localized(k->str, allowed)) != NULL) {
			co_diag(&doc->diags, k->pos, CO_DIAG_HINT, "%s", title);
			g_free(title);
			continue;
		}
		if ((near = diag_nearest(k->str, allowed)) != NULL) {
			co_diag(&doc->diags, k->pos, CO_DIAG_HINT, "did you mean '%s'?", near);
			continue;
		}
		list = g_string_new(NULL);
		for (i = 0; allowed[i] != NULL; i++)
			g_string_append_printf(list, "%s%s", i ? ", " : "", allowed[i]);
		co_diag(&doc->diags, k->pos, CO_DIAG_HINT, "%s takes: %s", where, list->str);
		g_string_free(list, TRUE);
	}
	return ok;
}

/*
 * A scalar where a list belongs: the hint shows the list it should be,
 * with the author's own words (suggest.c).
 */
static void
list_hint(struct co_doc *doc, const struct ynode *n)
{
	char	*hint, *flat;

	flat = text_squeeze(n->str, n->len);
	hint = suggest_list(n->key != NULL ? n->key->str : NULL, flat, is_empty_scalar(n));
	co_diag(&doc->diags, n->pos, CO_DIAG_HINT, "%s", hint);
	g_free(hint);
	g_free(flat);
}

/* True if "n" has type "t"; otherwise reports what was expected. */
static bool
want(struct co_doc *doc, const struct ynode *n, enum ytype t, const char *where)
{
	if (n->type == t)
		return true;
	co_diag(&doc->diags, n->pos, CO_DIAG_E_TYPE, "%s must be %s, not %s",
	    where, type_names[t], type_names[n->type]);
	if (t == Y_SCALAR && n->type == Y_MAP)
		co_diag(&doc->diags, n->pos, CO_DIAG_HINT,
		    "text containing ': ' must be put in quotes");
	else if (t == Y_SEQ && n->type == Y_SCALAR)
		list_hint(doc, n);
	else if (t == Y_SEQ)
		co_diag(&doc->diags, n->pos, CO_DIAG_HINT,
		    "start each entry on its own line with '- '");
	return false;
}

/*
 * Where to say that "map" lacks a key: at its own key ("meta:"), which
 * names it, rather than at its first entry.
 */
static struct co_pos
missing_pos(const struct ynode *map)
{
	return map->key != NULL ? map->key->pos : map->pos;
}

/* A scalar's text, NULL (with a message) if it is not text or is empty. */
static const char *
want_text(struct co_doc *doc, const struct ynode *n, const char *where)
{
	if (!want(doc, n, Y_SCALAR, where))
		return NULL;
	if (is_empty_scalar(n)) {
		co_diag(&doc->diags, n->pos, CO_DIAG_E_EMPTY, "%s has no value", where);
		return NULL;
	}
	return n->str;
}

/* One-line text (titles, names): squeezed into the arena. */
static void
get_str(struct co_doc *doc, const struct ynode *map, const char *key,
    const char *where, bool required, struct co_str *out)
{
	const struct ynode	*v;
	const char		*s;
	char			*flat, *path;

	v = map_get(map, key);
	path = g_strdup_printf("%s.%s", where, key);
	if (v == NULL) {
		if (required)
			co_diag(&doc->diags, missing_pos(map), CO_DIAG_E_MISSING, "'%s' in %s", key, where);
	} else if ((s = want_text(doc, v, path)) != NULL) {
		flat = text_squeeze(s, v->len);
		out->s = arena_strdup(doc->arena, flat);
		out->pos = v->pos;
		g_free(flat);
	}
	g_free(path);
}

/* Like get_str, then checks the value against "values". */
static void
get_enum(struct co_doc *doc, const struct ynode *map, const char *key,
    const char *where, const char *const *values, struct co_str *out)
{
	const char	*near;
	int		 i;

	get_str(doc, map, key, where, false, out);
	if (out->s == NULL)
		return;
	for (i = 0; values[i] != NULL; i++)
		if (strcmp(values[i], out->s) == 0)
			return;
	co_diag(&doc->diags, out->pos, CO_DIAG_E_VALUE, "'%s' for %s.%s", out->s, where, key);
	near = diag_nearest(out->s, values);
	if (near != NULL)
		co_diag(&doc->diags, out->pos, CO_DIAG_HINT, "did you mean '%s'?", near);
	else {
		GString *l = g_string_new(NULL);
		for (i = 0; values[i] != NULL; i++)
			g_string_append_printf(l, "%s%s", i ? ", " : "", values[i]);
		co_diag(&doc->diags, out->pos, CO_DIAG_HINT, "use one of: %s", l->str);
		g_string_free(l, TRUE);
	}
	out->s = NULL;
}

/* A date as written; validate.c makes it ISO. */
static void
get_date(struct co_doc *doc, const struct ynode *map, const char *key,
    const char *where, bool required, struct co_str *out)
{
	get_str(doc, map, key, where, required, out);
}

/*
 * A list of one-line texts, e.g. keywords; "one_ok" if a single text may
 * stand for a list of one (an emblem).  A scalar where a list belongs is
 * an error everywhere else: "keywords: port services" is one keyword or
 * two, and only its author knows which.
 */
static struct co_str *
get_str_list(struct co_doc *doc, const struct ynode *map, const char *key,
    const char *where, bool one_ok, int *count)
{
	const struct ynode	*v, *e;
	struct co_str		*out;
	char			*path, *flat;
	int			 i;

	*count = 0;
	if ((v = map_get(map, key)) == NULL)
		return NULL;
	path = g_strdup_printf("%s.%s", where, key);
	if (v->type == Y_SCALAR && (one_ok || is_empty_scalar(v))) {
		/* A single value is a list of one; an empty one is said so. */
		if (want_text(doc, v, path) == NULL) {
			g_free(path);
			return NULL;
		}
		out = arena_alloc(doc->arena, sizeof(*out));
		flat = text_squeeze(v->str, v->len);
		out->s = arena_strdup(doc->arena, flat);
		out->pos = v->pos;
		g_free(flat);
		*count = 1;
		g_free(path);
		return out;
	}
	if (!want(doc, v, Y_SEQ, path)) {
		g_free(path);
		return NULL;
	}
	out = arena_alloc(doc->arena, sizeof(*out) * (v->count + 1));
	for (i = 0, e = v->first; e != NULL; e = e->next) {
		const char *s = want_text(doc, e, path);
		if (s == NULL)
			continue;
		flat = text_squeeze(s, e->len);
		out[i].s = arena_strdup(doc->arena, flat);
		out[i].pos = e->pos;
		g_free(flat);
		i++;
	}
	*count = i;
	g_free(path);
	return out;
}

static void
get_email(struct co_doc *doc, struct co_str *s)
{
	if (s->s != NULL && !email_valid(s->s)) {
		co_diag(&doc->diags, s->pos, CO_DIAG_E_EMAIL, "'%s'", s->s);
		co_diag(&doc->diags, s->pos, CO_DIAG_HINT, "write it as name@example.fi");
		s->s = NULL;
	}
}

/* Authors and approvals: plain names or mappings. */
static struct co_person *
get_people(struct co_doc *doc, const struct ynode *meta, const char *key,
    bool approvals, int *count)
{
	static const char *const author_keys[] = {
		"name", "role", "organisation", "email", NULL
	};
	static const char *const approval_keys[] = { "name", "role", "date", NULL };
	const struct ynode	*v, *e;
	struct co_person	*out;
	char			*where;
	int			 i, n;

	*count = 0;
	if ((v = map_get(meta, key)) == NULL)
		return NULL;
	where = g_strdup_printf("meta.%s", key);
	if (!want(doc, v, Y_SEQ, where)) {
		g_free(where);
		return NULL;
	}
	out = arena_alloc(doc->arena, sizeof(*out) * (v->count + 1));
	for (i = 0, n = 1, e = v->first; e != NULL; e = e->next, n++) {
		char *item = g_strdup_printf("%s item %d", where, n);
		if (e->type == Y_SCALAR && !approvals) {
			const char *s = want_text(doc, e, item);
			if (s != NULL) {
				char *flat = text_squeeze(s, e->len);
				out[i].name.s = arena_strdup(doc->arena, flat);
				out[i].name.pos = e->pos;
				g_free(flat);
				i++;
			}
		} else if (want(doc, e, Y_MAP, item)) {
			check_keys(doc, e, approvals ? approval_keys : author_keys, item);
			get_str(doc, e, "name", item, true, &out[i].name);
			get_str(doc, e, "role", item, false, &out[i].role);
			if (approvals)
				get_date(doc, e, "date", item, true, &out[i].date);
			else {
				get_str(doc, e, "organisation", item, false, &out[i].organisation);
				get_str(doc, e, "email", item, false, &out[i].email);
				get_email(doc, &out[i].email);
			}
			if (out[i].name.s != NULL)
				i++;
			else
				memset(&out[i], 0, sizeof(out[i]));
		}
		g_free(item);
	}
	*count = i;
	g_free(where);
	return out;
}

/* facts: [{label, value}, …]: one line each, for the cover and the archive. */
static void
build_facts(struct co_doc *doc, const struct ynode *meta, struct co_meta *m)
{
	static const char *const keys[] = { "label", "value", NULL };
	const struct ynode	*v, *e;
	char			*item;
	int			 n;

	if ((v = map_get(meta, "facts")) == NULL || !want(doc, v, Y_SEQ, "meta.facts"))
		return;
	m->facts = arena_alloc(doc->arena, sizeof(*m->facts) * (v->count + 1));
	for (n = 1, e = v->first; e != NULL; e = e->next, n++) {
		item = g_strdup_printf("meta.facts item %d", n);
		if (want(doc, e, Y_MAP, item)) {
			struct co_fact *f = &m->facts[m->nfacts];
			check_keys(doc, e, keys, item);
			get_str(doc, e, "label", item, true, &f->label);
			get_str(doc, e, "value", item, true, &f->value);
			if (f->label.s != NULL && f->value.s != NULL)
				m->nfacts++;
		}
		g_free(item);
	}
}

/* acknowledgement: {text, emblem (one file or a list), emblem_alt}. */
static void
build_acknowledgement(struct co_doc *doc, const struct ynode *meta, struct co_meta *m)
{
	static const char *const keys[] = { "text", "emblem", "emblem_alt", NULL };
	const struct ynode	*v;

	if ((v = map_get(meta, "acknowledgement")) == NULL)
		return;
	if (v->type == Y_SCALAR) {
		get_str(doc, meta, "acknowledgement", "meta", false, &m->ack_text);
		return;
	}
	if (!want(doc, v, Y_MAP, "meta.acknowledgement"))
		return;
	check_keys(doc, v, keys, "meta.acknowledgement");
	get_str(doc, v, "text", "meta.acknowledgement", true, &m->ack_text);
	m->emblems = get_str_list(doc, v, "emblem", "meta.acknowledgement", true,
	    &m->nemblems);
	get_str(doc, v, "emblem_alt", "meta.acknowledgement", false, &m->emblem_alt);
}

static void
build_meta(struct co_doc *doc, const struct ynode *meta)
{
	static const char *const meta_keys[] = {
		"title", "short_title", "subtitle", "project", "organisations", "funder",
		"period", "reporting_period", "date", "version", "status", "language",
		"authors", "approvals", "publicity", "keywords", "facts", "acknowledgement",
		"logo", "template", NULL
	};
	static const char *const project_keys[] = { "name", "code", NULL };
	static const char *const funder_keys[] = {
		"name", "decision", "programme", NULL
	};
	static const char *const period_keys[] = { "start", "end", NULL };
	static const char *const languages[] = { "fi", "sv", "en", NULL };
	struct co_meta		*m = &doc->meta;
	const struct ynode	*v;

	if (!want(doc, meta, Y_MAP, "meta"))
		return;
	check_keys(doc, meta, meta_keys, "meta");
	get_str(doc, meta, "title", "meta", true, &m->title);
	get_str(doc, meta, "short_title", "meta", false, &m->short_title);
	get_str(doc, meta, "subtitle", "meta", false, &m->subtitle);
	if ((v = map_get(meta, "project")) == NULL)
		co_diag(&doc->diags, missing_pos(meta), CO_DIAG_E_MISSING, "'project' in meta");
	else if (v->type == Y_SCALAR) {
		get_str(doc, meta, "project", "meta", true, &m->project_name);
	} else if (want(doc, v, Y_MAP, "meta.project")) {
		check_keys(doc, v, project_keys, "meta.project");
		get_str(doc, v, "name", "meta.project", true, &m->project_name);
		get_str(doc, v, "code", "meta.project", false, &m->project_code);
	}
	m->organisations = get_str_list(doc, meta, "organisations", "meta", false,
	    &m->norganisations);
	if ((v = map_get(meta, "funder")) != NULL) {
		if (v->type == Y_SCALAR)
			get_str(doc, meta, "funder", "meta", false, &m->funder_name);
		else if (want(doc, v, Y_MAP, "meta.funder")) {
			check_keys(doc, v, funder_keys, "meta.funder");
			get_str(doc, v, "name", "meta.funder", true, &m->funder_name);
			get_str(doc, v, "decision", "meta.funder", false, &m->funder_decision);
			get_str(doc, v, "programme", "meta.funder", false, &m->funder_programme);
		}
	}
	if ((v = map_get(meta, "period")) != NULL && want(doc, v, Y_MAP, "meta.period")) {
		check_keys(doc, v, period_keys, "meta.period");
		get_date(doc, v, "start", "meta.period", false, &m->period_start);
		get_date(doc, v, "end", "meta.period", false, &m->period_end);
	}
	if ((v = map_get(meta, "reporting_period")) != NULL &&
	    want(doc, v, Y_MAP, "meta.reporting_period")) {
		check_keys(doc, v, period_keys, "meta.reporting_period");
		get_date(doc, v, "start", "meta.reporting_period", false, &m->reporting_start);
		get_date(doc, v, "end", "meta.reporting_period", false, &m->reporting_end);
	}
	get_enum(doc, meta, "status", "meta", model_status_values, &m->status);
	/* A draft may go without its date. */
	get_date(doc, meta, "date", "meta",
	    !(m->status.s != NULL && strcmp(m->status.s, "draft") == 0) &&
	    map_get(meta, "status") != NULL, &m->date);
	get_str(doc, meta, "version", "meta", false, &m->version);
	get_enum(doc, meta, "language", "meta", languages, &m->language);
	if (m->language.s == NULL && map_get(meta, "language") == NULL) {
		co_diag(&doc->diags, missing_pos(meta), CO_DIAG_E_MISSING, "'language' in meta");
		co_diag(&doc->diags, meta->pos, CO_DIAG_HINT, "add 'language: fi' (or sv, en)");
	}
	m->authors = get_people(doc, meta, "authors", false, &m->nauthors);
	m->approvals = get_people(doc, meta, "approvals", true, &m->napprovals);
	get_enum(doc, meta, "publicity", "meta", model_publicity_values, &m->publicity);
	m->keywords = get_str_list(doc, meta, "keywords", "meta", false, &m->nkeywords);
	get_str(doc, meta, "logo", "meta", false, &m->logo);
	get_str(doc, meta, "template", "meta", false, &m->template);
	build_facts(doc, meta, m);
	build_acknowledgement(doc, meta, m);
	/* Documented defaults, so that the XML always says them. */
	if (m->status.s == NULL && map_get(meta, "status") == NULL)
		m->status.s = model_status_values[0];
	if (m->publicity.s == NULL && map_get(meta, "publicity") == NULL)
		m->publicity.s = model_publicity_values[0];
}

/*
 * The start of the line after the one p is on, or NULL: a line ends at
 * LF, CR LF or a lone CR (old Macs), as libyaml counts.
 */
static const char *
line_after(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p == '\n')
			return p + 1;
		else if (*p == '\r')
			return p + 1 < end && p[1] == '\n' ? p + 2 : p + 1;
	return NULL;
}

/* Scalars longer than this keep one place for all their text (the map costs 8 bytes a byte). */
#define MAX_MAPPED	(1024 * 1024)

/*
 * The source offset of each byte of scalar v's value (g_free it), or NULL.
 * YAML changes only white space in plain and block scalars (folding,
 * indentation), and nothing in a quoted one without escapes, so the
 * value's other bytes are the source's own, in order: the n-th non-blank
 * byte of the value is the n-th of the source.  Anything that does not
 * match (escapes) gets NULL, and all of the value its start.
 */
static size_t *
value_map(const struct co_doc *doc, const struct ynode *v)
{
	const char	*q, *end, *str = v->raw != NULL ? v->raw : v->str;
	size_t		*map, *nfc, i, last, len = v->raw != NULL ? v->rawlen : v->len;

	if (len > MAX_MAPPED || v->off >= doc->srclen)
		return NULL;
	q = doc->src + v->off;
	end = doc->src + doc->srclen;
	/* A block scalar's text starts on the line after its '|' or '>'; a quoted one after its quote. */
	if (v->literal) {
		if ((q = line_after(q, end)) == NULL)
			return NULL;
	} else if (!v->plain)
		q++;
	map = g_new(size_t, len + 1);
	last = q - doc->src;
	for (i = 0; i < len; i++) {
		if (is_blank(str[i])) {
			map[i] = last;
			continue;
		}
		/* Step over the source's white space (and line ends) to the same byte. */
		while (q < end && is_blank(*q))
			q++;
		if (q >= end || *q != str[i]) {
			g_free(map);
			return NULL;
		}
		map[i] = last = q - doc->src;
		q++;
	}
	map[len] = last;
	/* The text in normal form C: each byte where what it came from was written. */
	if (v->raw != NULL) {
		nfc = nfc_map(v->raw, v->rawlen, map, v->len);
		g_free(map);
		map = nfc;
	}
	return map;
}

/* Where a scalar's text is when there is no map: a block's starts after '|'. */
static struct co_pos
value_pos(const struct co_doc *doc, const struct ynode *v)
{
	struct co_pos	 pos = v->pos;
	const char	*p, *end = doc->src + doc->srclen;

	if (!v->literal || v->off > doc->srclen)
		return pos;
	if ((p = line_after(doc->src + v->off, end)) == NULL)
		return pos;
	pos.line++;
	for (pos.col = 0; p < end && *p == ' '; p++)
		pos.col++;
	return pos;
}

/*
 * Prose from a scalar (a section's text, a cell, a list item, a field):
 * its blocks, each at its place in the report; false if it is not text.
 */
static bool
build_prose(struct co_doc *doc, struct co_node *parent, const struct ynode *v,
    const char *where)
{
	struct prose_src	 src;
	size_t			*map;

	if (want_text(doc, v, where) == NULL)
		return false;
	map = value_map(doc, v);
	src.text = v->str;
	src.len = v->len;
	src.offsets = map;
	src.at = value_pos(doc, v);
	src.where = where;
	prose_blocks(doc, parent, &src);
	g_free(map);
	return true;
}

/*
 * One field of a typed record: inline text, or the value as written
 * (white space squeezed), which validate.c checks and normalizes.
 */
static void
build_field(struct co_doc *doc, struct co_node *rec, enum co_rec type, int fi,
    const struct ynode *v, const char *where)
{
	const struct co_field_spec	*f = &model_recs[type].fields[fi];
	struct co_node			*field;
	const char			*s;
	char				*flat, *path;

	path = g_strdup_printf("%s.%s", where, f->key);
	field = model_node_new(doc, CO_KIND_FIELD, v->pos);
	field->as.field.index = fi;
	if (f->type == CO_FTYPE_TEXT) {
		if (build_prose(doc, field, v, path))
			model_append(rec, field);
	} else if ((s = want_text(doc, v, path)) != NULL) {
		flat = text_squeeze(s, v->len);
		field->as.field.value = arena_strdup(doc->arena, flat);
		g_free(flat);
		model_append(rec, field);
	}
	g_free(path);
}

/* A typed table from a list of mappings. */
static void
build_records(struct co_doc *doc, struct co_node *section, enum co_rec type,
    const struct ynode *v, const char *where)
{
	static const char *const budget_keys[] = { "currency", "lines", NULL };
	const struct co_rec_spec	*spec = &model_recs[type];
	const char			*keys[16];
	const struct ynode		*e, *fv, *cur;
	struct co_node			*recs, *rec;
	char				*path, *item;
	int				 i, n;

	/* The shorthand list of a section's own table is named by the section. */
	path = g_str_has_suffix(where, spec->key) ? g_strdup(where) :
	    g_strdup_printf("%s.%s", where, spec->key);
	/* Said at its key ("funding_sources:"), where the author looks for it. */
	recs = model_node_new(doc, CO_KIND_RECORDS, v->key != NULL ? v->key->pos : v->pos);
	recs->as.records.rec = type;
	recs->as.records.where = arena_strdup(doc->arena, path);
	if (spec->money) {
		recs->as.records.currency = "EUR";
		if (v->type == Y_MAP) {
			check_keys(doc, v, budget_keys, path);
			if ((cur = map_get(v, "currency")) != NULL &&
			    want_text(doc, cur, path) != NULL) {
				if (!g_regex_match_simple("^[A-Z]{3}$", cur->str, 0, 0)) {
					co_diag(&doc->diags, cur->pos, CO_DIAG_E_VALUE,
					    "'%s' for %s.currency", cur->str, path);
					co_diag(&doc->diags, cur->pos, CO_DIAG_HINT,
					    "use a three-letter ISO 4217 code such as EUR or SEK");
				} else
					recs->as.records.currency =
					    arena_strdup(doc->arena, cur->str);
			}
			if ((v = map_get(v, "lines")) == NULL) {
				co_diag(&doc->diags, recs->pos, CO_DIAG_E_MISSING, "'lines' in %s", path);
				g_free(path);
				return;
			}
		}
	}
	if (!want(doc, v, Y_SEQ, path)) {
		g_free(path);
		return;
	}
	for (i = 0; i < spec->nfields; i++)
		keys[i] = spec->fields[i].key;
	keys[i] = NULL;
	model_append(section, recs);
	/* A deliverable delivered on a date is completed then: 'completed' may go. */
	for (n = 1, e = v->first; e != NULL; e = e->next, n++) {
		item = g_strdup_printf("%s item %d", path, n);
		if (!want(doc, e, Y_MAP, item)) {
			g_free(item);
			continue;
		}
		check_keys(doc, e, keys, item);
		rec = model_add(doc, recs, CO_KIND_RECORD, e->pos);
		rec->as.record.where = arena_strdup(doc->arena, item);
		for (i = 0; i < spec->nfields; i++) {
			if ((fv = map_get(e, spec->fields[i].key)) != NULL)
				build_field(doc, rec, type, i, fv, item);
			else if (spec->fields[i].required &&
			    !(type == CO_REC_DELIVERABLES && strcmp(spec->fields[i].key,
			    "completed") == 0))
				/* The XSD says this of XML; validate.c checks 'completed'. */
				co_diag(&doc->diags, e->pos, CO_DIAG_E_MISSING, "'%s' in %s",
				    spec->fields[i].key, item);
		}
		if (type == CO_REC_DOCUMENTS && map_get(e, "url") && map_get(e, "attachment"))
			co_diag(&doc->diags, map_get(e, "attachment")->pos, CO_DIAG_E_CONFLICT,
			    "%s has both 'url' and 'attachment'; keep one", item);
		g_free(item);
	}
	g_free(path);
}

/* A table cell: text, or {text, span}; empty text is an empty cell. */
static void
build_cell(struct co_doc *doc, struct co_node *row, const struct ynode *c, const char *where)
{
	static const char *const cell_keys[] = { "text", "span", NULL };
	const struct ynode	*t = c, *span;
	struct co_node		*cell;
	guint64			 n;

	cell = model_add(doc, row, CO_KIND_CELL, c->pos);
	cell->as.cell.span = 1;
	if (c->type == Y_MAP) {
		check_keys(doc, c, cell_keys, where);
		if ((span = map_get(c, "span")) != NULL && want(doc, span, Y_SCALAR, where)) {
			if (!g_ascii_string_to_unsigned(span->str, 10, 1, 64, &n, NULL)) {
				co_diag(&doc->diags, span->pos, CO_DIAG_E_VALUE, "'%s' for %s.span",
				    span->str, where);
				co_diag(&doc->diags, span->pos, CO_DIAG_HINT,
				    "a cell spans from 1 to 64 columns");
			} else
				cell->as.cell.span = (int)n;
		}
		if ((t = map_get(c, "text")) == NULL)
			return;		/* {span: 2}: an empty cell over two columns */
	}
	/* An empty cell is allowed in a table, the top-left one of a header too. */
	if (t->type == Y_SCALAR && is_blank_text(t))
		return;
	build_prose(doc, cell, t, where);
}

/* A row of cells: a list, or {cells: [...], total: true}. */
static void
build_row(struct co_doc *doc, struct co_node *table, const struct ynode *r, bool header,
    const char *where)
{
	static const char *const row_keys[] = { "cells", "total", NULL };
	const struct ynode	*cells = r, *total, *c;
	struct co_node		*row;
	int			 k;
	char			*path;

	if (r->type == Y_MAP) {
		check_keys(doc, r, row_keys, where);
		if ((cells = map_get(r, "cells")) == NULL) {
			co_diag(&doc->diags, missing_pos(r), CO_DIAG_E_MISSING, "'cells' in %s", where);
			return;
		}
	}
	if (!want(doc, cells, Y_SEQ, where))
		return;
	row = model_add(doc, table, CO_KIND_ROW, r->pos);
	row->as.row.header = header;
	row->as.row.where = arena_strdup(doc->arena, where);
	if (r->type == Y_MAP && (total = map_get(r, "total")) != NULL &&
	    want(doc, total, Y_SCALAR, where))
		row->as.row.total = strcmp(total->str, "true") == 0 || strcmp(total->str, "yes") == 0;
	for (k = 1, c = cells->first; c != NULL; c = c->next, k++) {
		path = g_strdup_printf("%s cell %d", where, k);
		build_cell(doc, row, c, path);
		g_free(path);
	}
}

/* widths: [auto, 0.2, …] and align: [left, right, …]: one entry a column. */
static void
build_cols(struct co_doc *doc, struct co_node *table, const struct ynode *widths,
    const struct ynode *align, const char *where)
{
	static const char *const aligns[] = { "auto", "left", "right", "center", NULL };
	const struct ynode	*e;
	int			 n = 0, i, k;
	char			*end;
	double			 w;

	if (widths != NULL && want(doc, widths, Y_SEQ, where))
		n = MAX(n, widths->count);
	if (align != NULL && want(doc, align, Y_SEQ, where))
		n = MAX(n, align->count);
	if (n == 0)
		return;
	table->as.table.cols = arena_alloc(doc->arena, n * sizeof(struct co_col));
	table->as.table.ngiven = n;
	if (widths != NULL && widths->type == Y_SEQ)
		for (i = 0, e = widths->first; e != NULL; e = e->next, i++) {
			if (!want(doc, e, Y_SCALAR, where) || strcmp(e->str, "auto") == 0)
				continue;
			w = g_ascii_strtod(e->str, &end);
			if (*end == '%')
				w /= 100, end++;
			if (end == e->str || *end != '\0' || w <= 0 || w > 1) {
				co_diag(&doc->diags, e->pos, CO_DIAG_E_VALUE, "'%s' for %s.widths",
				    e->str, where);
				co_diag(&doc->diags, e->pos, CO_DIAG_HINT,
				    "a column's width is a fraction of the text width (0.25 or 25%%), or auto");
				continue;
			}
			table->as.table.cols[i].width = w;
		}
	if (align != NULL && align->type == Y_SEQ)
		for (i = 0, e = align->first; e != NULL; e = e->next, i++) {
			if (!want(doc, e, Y_SCALAR, where))
				continue;
			for (k = 0; aligns[k] != NULL && strcmp(aligns[k], e->str) != 0; k++)
				;
			if (aligns[k] == NULL) {
				co_diag(&doc->diags, e->pos, CO_DIAG_E_VALUE, "'%s' for %s.align",
				    e->str, where);
				co_diag(&doc->diags, e->pos, CO_DIAG_HINT,
				    "use one of: left, right, center, auto");
				continue;
			}
			table->as.table.cols[i].align = (enum co_align)k;
		}
}

static void
build_table(struct co_doc *doc, struct co_node *parent, const struct ynode *v,
    const char *where)
{
	static const char *const table_keys[] = { "id", "caption", "columns", "head", "rows",
	    "widths", "align", NULL };
	const struct ynode	*cols, *head, *rows, *r;
	struct co_node		*table;
	struct co_str		 caption = { NULL, { 0, 0 } }, id = { NULL, { 0, 0 } };
	int			 n;
	char			*path;

	if (!want(doc, v, Y_MAP, where))
		return;
	check_keys(doc, v, table_keys, where);
	table = model_add(doc, parent, CO_KIND_TABLE, v->pos);
	get_str(doc, v, "caption", where, false, &caption);
	table->as.table.caption = caption.s;
	get_str(doc, v, "id", where, false, &id);
	table->as.table.id = id.s;
	build_cols(doc, table, map_get(v, "widths"), map_get(v, "align"), where);
	if ((cols = map_get(v, "columns")) != NULL && map_get(v, "head") != NULL)
		co_diag(&doc->diags, cols->pos, CO_DIAG_E_CONFLICT,
		    "%s has both 'columns' and 'head'; 'head' takes the header rows", where);
	else if (cols != NULL) {
		path = g_strdup_printf("%s.columns", where);
		build_row(doc, table, cols, true, path);
		g_free(path);
	}
	if ((head = map_get(v, "head")) != NULL && want(doc, head, Y_SEQ, "head"))
		for (n = 1, r = head->first; r != NULL; r = r->next, n++) {
			path = g_strdup_printf("%s head row %d", where, n);
			build_row(doc, table, r, true, path);
			g_free(path);
		}
	if ((rows = map_get(v, "rows")) == NULL) {
		co_diag(&doc->diags, missing_pos(v), CO_DIAG_E_MISSING, "'rows' in %s", where);
		return;
	}
	if (!want(doc, rows, Y_SEQ, "table rows"))
		return;
	for (n = 1, r = rows->first; r != NULL; r = r->next, n++) {
		path = g_strdup_printf("%s row %d", where, n);
		build_row(doc, table, r, false, path);
		g_free(path);
	}
}

/* {figure: {file, caption, alt, width, id}}: a numbered figure. */
static void
build_figure(struct co_doc *doc, struct co_node *parent, const struct ynode *v,
    const char *where)
{
	static const char *const figure_keys[] = { "file", "caption", "alt", "width", "id", NULL };
	const struct ynode	*cap, *w;
	struct co_node		*fig;
	struct co_str		 file = { NULL, { 0, 0 } }, alt = file, id = file;
	char			*end, *path;
	double			 width;

	if (!want(doc, v, Y_MAP, where))
		return;
	check_keys(doc, v, figure_keys, where);
	get_str(doc, v, "file", where, true, &file);
	get_str(doc, v, "alt", where, false, &alt);
	get_str(doc, v, "id", where, false, &id);
	fig = model_add(doc, parent, CO_KIND_FIGURE, v->pos);
	fig->as.figure.file = file.s != NULL ? file.s : "";
	fig->as.figure.alt = alt.s;
	fig->as.figure.id = id.s;
	if ((w = map_get(v, "width")) != NULL && want(doc, w, Y_SCALAR, where)) {
		width = g_ascii_strtod(w->str, &end);
		if (*end == '%')
			width /= 100, end++;
		if (end == w->str || *end != '\0' || width <= 0 || width > 1) {
			co_diag(&doc->diags, w->pos, CO_DIAG_E_VALUE, "'%s' for %s.width", w->str,
			    where);
			co_diag(&doc->diags, w->pos, CO_DIAG_HINT,
			    "a figure's width is a fraction of the text width: 0.6 or 60%%");
		} else
			fig->as.figure.width = width;
	}
	/* The caption is inline text: the paragraph cmark makes of it, unwrapped. */
	if ((cap = map_get(v, "caption")) != NULL) {
		struct co_node tmp;
		path = g_strdup_printf("%s.caption", where);
		memset(&tmp, 0, sizeof(tmp));
		if (build_prose(doc, &tmp, cap, path) && tmp.first != NULL &&
		    tmp.first->kind == CO_KIND_PARA) {
			while (tmp.first->first != NULL) {
				struct co_node *k = tmp.first->first;
				model_unlink(k);
				model_append(fig, k);
			}
		}
		g_free(path);
	}
}

/* {definitions: [{term, definition}, …]}: terms and what they mean. */
static void
build_definitions(struct co_doc *doc, struct co_node *parent, const struct ynode *v,
    const char *where)
{
	static const char *const def_keys[] = { "term", "definition", NULL };
	const struct ynode	*e, *t, *d;
	struct co_node		*list, *term, *def, tmp;
	char			*item;
	int			 n;

	if (!want(doc, v, Y_SEQ, where))
		return;
	list = model_add(doc, parent, CO_KIND_DEFLIST, v->pos);
	for (n = 1, e = v->first; e != NULL; e = e->next, n++) {
		item = g_strdup_printf("%s item %d", where, n);
		if (want(doc, e, Y_MAP, item)) {
			check_keys(doc, e, def_keys, item);
			if ((t = map_get(e, "term")) == NULL)
				co_diag(&doc->diags, e->pos, CO_DIAG_E_MISSING, "'term' in %s", item);
			else {
				term = model_add(doc, list, CO_KIND_TERM, t->pos);
				memset(&tmp, 0, sizeof(tmp));
				/* A term is one paragraph's inline text. */
				if (build_prose(doc, &tmp, t, item) && tmp.first != NULL &&
				    tmp.first->kind == CO_KIND_PARA)
					while (tmp.first->first != NULL) {
						struct co_node *k = tmp.first->first;
						model_unlink(k);
						model_append(term, k);
					}
			}
			if ((d = map_get(e, "definition")) == NULL)
				co_diag(&doc->diags, e->pos, CO_DIAG_E_MISSING, "'definition' in %s",
				    item);
			else {
				def = model_add(doc, list, CO_KIND_DEFINITION, d->pos);
				build_prose(doc, def, d, item);
			}
		}
		g_free(item);
	}
}

static void
build_list_block(struct co_doc *doc, struct co_node *parent,
    const struct ynode *v, bool ordered, const char *where)
{
	struct co_node		*list, *item;
	const struct ynode	*e;

	if (!want(doc, v, Y_SEQ, where))
		return;
	list = model_add(doc, parent, CO_KIND_LIST, v->pos);
	list->as.list.ordered = ordered;
	list->as.list.start = 1;
	list->as.list.tight = true;
	for (e = v->first; e != NULL; e = e->next) {
		item = model_add(doc, list, CO_KIND_ITEM, e->pos);
		build_prose(doc, item, e, where);
	}
}

static void
build_content(struct co_doc *doc, struct co_node *section, const struct ynode *v,
    const char *where)
{
	static const char *const block_keys[] = { "table", "list", "numbered", "figure",
	    "definitions", NULL };
	const struct ynode	*b;
	char			*path;
	int			 n;

	path = g_strdup_printf("%s.content", where);
	if (!want(doc, v, Y_SEQ, path)) {
		g_free(path);
		return;
	}
	for (n = 1, b = v->first; b != NULL; b = b->next, n++) {
		char *item = g_strdup_printf("%s item %d", path, n);
		if (b->type == Y_SCALAR)
			build_prose(doc, section, b, item);
		else if (b->type == Y_SEQ)
			want(doc, b, Y_MAP, item);
		else if (b->count != 2) {
			co_diag(&doc->diags, b->pos, CO_DIAG_E_TYPE,
			    "%s must hold exactly one of table, list, numbered, figure, definitions",
			    item);
		} else if (check_keys(doc, b, block_keys, item)) {
			if (strcmp(b->first->str, "table") == 0)
				build_table(doc, section, b->first->next, item);
			else if (strcmp(b->first->str, "figure") == 0)
				build_figure(doc, section, b->first->next, item);
			else if (strcmp(b->first->str, "definitions") == 0)
				build_definitions(doc, section, b->first->next, item);
			else
				build_list_block(doc, section, b->first->next,
				    strcmp(b->first->str, "numbered") == 0, item);
		}
		g_free(item);
	}
	g_free(path);
}

static struct co_node *
new_section(struct co_doc *doc, struct co_node *parent, enum co_role role,
    const struct ynode *v)
{
	struct co_node	*s;

	/* A standard section is where its key is written ("risks:"). */
	s = model_add(doc, parent, CO_KIND_SECTION, v->key != NULL ? v->key->pos : v->pos);
	s->as.section.role = role;
	s->as.section.lang = -1;
	s->as.section.level = parent->kind == CO_KIND_SECTION ?
	    parent->as.section.level + 1 : 1;
	/* An annex's subsections are the annex's. */
	if (parent->kind == CO_KIND_SECTION)
		s->as.section.kind = parent->as.section.kind;
	return s;
}

/* Custom sections from a "sections:" list. */
static void
build_custom(struct co_doc *doc, struct co_node *parent, const struct ynode *v,
    const char *where)
{
	const struct ynode	*e;
	struct co_node		*s;
	char			*path;
	int			 n;

	path = g_strdup_printf("%s.sections", where);
	if (!want(doc, v, Y_SEQ, path)) {
		g_free(path);
		return;
	}
	for (n = 1, e = v->first; e != NULL; e = e->next, n++) {
		char *item = g_strdup_printf("%s item %d", path, n);
		if (want(doc, e, Y_MAP, item)) {
			s = new_section(doc, parent, CO_ROLE_CUSTOM, e);
			if (s->as.section.level > MAX_LEVEL) {
				co_diag(&doc->diags, e->pos, CO_DIAG_E_DEPTH,
				    "sections nest at most %d levels", MAX_LEVEL);
			} else {
				if (map_get(e, "title") == NULL)
					co_diag(&doc->diags, e->pos, CO_DIAG_E_MISSING,
					    "'title' in %s", item);
				build_section_body(doc, s, e, item);
			}
		}
		g_free(item);
	}
	g_free(path);
}

/* Fills section "s" from its YAML value (text, list or mapping). */
static void
build_section_body(struct co_doc *doc, struct co_node *s, const struct ynode *v,
    const char *where)
{
	const char		*keys[48];
	const struct ynode	*k, *sub;
	enum co_role		 role = s->as.section.role, r;
	struct co_str		 title = { NULL, { 0, 0 } }, id = title;
	int			 nk = 0, i;
	bool			 is_sub;

	if (v->type == Y_SCALAR) {
		/* "summary: ~" or "summary: \"\"": an empty section, which validate.c says. */
		if (is_empty_scalar(v))
			return;
		build_prose(doc, s, v, where);
		return;
	}
	if (v->type == Y_SEQ) {
		if (model_roles[role].rec >= 0)
			build_records(doc, s, model_roles[role].rec, v, where);
		else {
			co_diag(&doc->diags, v->pos, CO_DIAG_E_TYPE,
			    "%s must be text or a mapping, not a list", where);
			co_diag(&doc->diags, v->pos, CO_DIAG_HINT,
			    "write prose after '%s: |', or use 'content:' for lists", where);
		}
		return;
	}
	/* "budget: {currency, lines}" is the budget table's own long form. */
	if (model_roles[role].rec == CO_REC_BUDGET &&
	    (map_get(v, "lines") != NULL || map_get(v, "currency") != NULL) &&
	    map_get(v, "budget") == NULL) {
		build_records(doc, s, CO_REC_BUDGET, v, where);
		return;
	}
	/* The glossary and the references are a list of their own, or a section. */
	if ((role == CO_ROLE_GLOSSARY || role == CO_ROLE_REFERENCES) &&
	    map_get(v, model_recs[model_roles[role].rec].key) == NULL &&
	    map_get(v, "text") == NULL && map_get(v, "title") == NULL) {
		co_diag(&doc->diags, v->pos, CO_DIAG_E_TYPE, "%s must be a list, not a mapping",
		    where);
		co_diag(&doc->diags, v->pos, CO_DIAG_HINT,
		    "write one entry per item: '- term: …' (glossary) or '- title: …' (references)");
		return;
	}
	/* The keys this section takes: common ones, subsections, typed tables. */
	keys[nk++] = "title";
	keys[nk++] = "id";
	keys[nk++] = "text";
	keys[nk++] = "content";
	keys[nk++] = "sections";
	for (r = 1; r < CO_ROLE__MAX; r++)
		if (role != CO_ROLE_CUSTOM && model_roles[r].parent == role)
			keys[nk++] = model_roles[r].key;
	for (i = 0; i < CO_REC__MAX; i++) {
		int j;
		for (j = 0; j < nk; j++)
			if (strcmp(keys[j], model_recs[i].key) == 0)
				break;
		if (j == nk)
			keys[nk++] = model_recs[i].key;
	}
	keys[nk] = NULL;
	check_keys(doc, v, keys, where);

	get_str(doc, v, "title", where, false, &title);
	s->as.section.title = title.s;
	get_str(doc, v, "id", where, false, &id);
	s->as.section.id = id.s;
	/* "text: ~" is a section without text, as if it were left out (validate.c says so if the section is empty). */
	if ((sub = map_get(v, "text")) != NULL && !is_empty_scalar(sub))
		build_prose(doc, s, sub, where);
	if ((sub = map_get(v, "content")) != NULL && !is_empty_scalar(sub))
		build_content(doc, s, sub, where);
	/* Typed tables in the order the author wrote them. */
	for (k = v->first; k != NULL && k->next != NULL; k = k->next->next) {
		if (k->dup)
			continue;
		is_sub = false;
		for (r = 1; r < CO_ROLE__MAX; r++)
			if (role != CO_ROLE_CUSTOM && model_roles[r].parent == role &&
			    strcmp(model_roles[r].key, k->str) == 0)
				is_sub = true;
		if (is_sub)
			continue;
		for (i = 0; i < CO_REC__MAX; i++)
			if (strcmp(model_recs[i].key, k->str) == 0)
				build_records(doc, s, i, k->next, where);
	}
	/* Standard subsections in their fixed order, then the author's own. */
	for (r = 1; r < CO_ROLE__MAX; r++) {
		if (role == CO_ROLE_CUSTOM || model_roles[r].parent != role)
			continue;
		if ((sub = map_get(v, model_roles[r].key)) != NULL) {
			char *path = g_strdup_printf("%s.%s", where, model_roles[r].key);
			build_section_body(doc, new_section(doc, s, r, sub), sub, path);
			g_free(path);
		}
	}
	if ((sub = map_get(v, "sections")) != NULL)
		build_custom(doc, s, sub, where);
}

/* The custom sections of a list ("sections", "annexes"), of "kind". */
static void
build_section_list(struct co_doc *doc, const struct ynode *v, const char *key,
    enum co_sec_kind kind)
{
	const struct ynode	*e;
	struct co_node		*s;
	char			*item;
	int			 n;

	if (!want(doc, v, Y_SEQ, key))
		return;
	for (n = 1, e = v->first; e != NULL; e = e->next, n++) {
		item = g_strdup_printf("%s item %d", key, n);
		if (want(doc, e, Y_MAP, item)) {
			s = new_section(doc, doc->root, CO_ROLE_CUSTOM, e);
			s->as.section.kind = kind;
			if (map_get(e, "title") == NULL)
				co_diag(&doc->diags, missing_pos(e), CO_DIAG_E_MISSING, "'title' in %s",
				    item);
			build_section_body(doc, s, e, item);
		}
		g_free(item);
	}
}

/* Summaries in other languages: {language, title, text}, after the summary. */
static void
build_abstracts(struct co_doc *doc, const struct ynode *v)
{
	static const char *const keys[] = { "language", "title", "text", "id", NULL };
	static const char *const languages[] = { "fi", "sv", "en", NULL };
	const struct ynode	*e, *t;
	struct co_node		*s;
	struct co_str		 lang = { NULL, { 0, 0 } }, title = lang, id = lang;
	char			*item;
	int			 n;

	if (!want(doc, v, Y_SEQ, "abstracts"))
		return;
	for (n = 1, e = v->first; e != NULL; e = e->next, n++) {
		item = g_strdup_printf("abstracts item %d", n);
		if (!want(doc, e, Y_MAP, item)) {
			g_free(item);
			continue;
		}
		check_keys(doc, e, keys, item);
		get_enum(doc, e, "language", item, languages, &lang);
		if (lang.s == NULL && map_get(e, "language") == NULL)
			co_diag(&doc->diags, missing_pos(e), CO_DIAG_E_MISSING, "'language' in %s",
			    item);
		get_str(doc, e, "title", item, false, &title);
		get_str(doc, e, "id", item, false, &id);
		s = new_section(doc, doc->root, CO_ROLE_CUSTOM, e);
		s->as.section.kind = CO_SEC_ABSTRACT;
		s->as.section.lang = lang.s != NULL ? model_lang_from_code(lang.s) : CO_LANG_EN;
		s->as.section.title = title.s != NULL ? title.s :
		    i18n_label(CO_LABEL_ABSTRACT, s->as.section.lang);
		s->as.section.id = id.s;
		/* "text: ~" makes an empty abstract, which validate.c says. */
		if ((t = map_get(e, "text")) == NULL)
			co_diag(&doc->diags, missing_pos(e), CO_DIAG_E_MISSING, "'text' in %s", item);
		else if (!is_empty_scalar(t))
			build_prose(doc, s, t, item);
		g_free(item);
	}
}

void
build_from_yaml(struct co_doc *doc, const struct ynode *root)
{
	const char		*keys[CO_ROLE__MAX + 8];
	const struct ynode	*v;
	enum co_role		 r;
	int			 nk = 0;

	doc->root = model_node_new(doc, CO_KIND_DOC, (struct co_pos){ 0, 0 });
	if (root == NULL || (root->type == Y_SCALAR && root->len == 0)) {
		co_diag(&doc->diags, (struct co_pos){ 0, 0 }, CO_DIAG_E_NO_REPORT, "%s",
		    suggest_no_report(doc->src, doc->srclen));
		co_diag(&doc->diags, (struct co_pos){ 0, 0 }, CO_DIAG_HINT,
		    "a report starts with 'meta:' and its title, project, date and language; "
		    "start from one of the examples in reports/");
		return;
	}
	if (!want(doc, root, Y_MAP, "the report"))
		return;
	keys[nk++] = "closeout";
	keys[nk++] = "meta";
	keys[nk++] = "sections";
	keys[nk++] = "abstracts";
	keys[nk++] = "annexes";
	for (r = 1; r < CO_ROLE__MAX; r++)
		if (model_roles[r].parent == CO_ROLE_CUSTOM)
			keys[nk++] = model_roles[r].key;
	keys[nk] = NULL;
	check_keys(doc, root, keys, "the report");

	if ((v = map_get(root, "closeout")) != NULL &&
	    !(v->type == Y_SCALAR && strcmp(v->str, "1") == 0)) {
		co_diag(&doc->diags, v->pos, CO_DIAG_E_VALUE, "format version '%s'",
		    v->type == Y_SCALAR ? v->str : "?");
		co_diag(&doc->diags, v->pos, CO_DIAG_HINT, "this closeout reads version 1");
	}
	if ((v = map_get(root, "meta")) == NULL) {
		co_diag(&doc->diags, root->pos, CO_DIAG_E_MISSING, "'meta' in the report");
		co_diag(&doc->diags, root->pos, CO_DIAG_HINT,
		    "add 'meta:' with at least title, project, date and language");
	} else
		build_meta(doc, v);
	/*
	 * The standard sections in their order, the abstracts after the
	 * summary, the author's own sections, then the glossary, the
	 * references and the annexes.
	 */
	for (r = 1; r < CO_ROLE__MAX; r++) {
		if (model_roles[r].parent != CO_ROLE_CUSTOM || r == CO_ROLE_GLOSSARY ||
		    r == CO_ROLE_REFERENCES)
			continue;
		if ((v = map_get(root, model_roles[r].key)) != NULL)
			build_section_body(doc, new_section(doc, doc->root, r, v), v,
			    model_roles[r].key);
		if (r == CO_ROLE_SUMMARY && (v = map_get(root, "abstracts")) != NULL)
			build_abstracts(doc, v);
	}
	if ((v = map_get(root, "sections")) != NULL)
		build_section_list(doc, v, "sections", CO_SEC_BODY);
	for (r = CO_ROLE_GLOSSARY; r <= CO_ROLE_REFERENCES; r++)
		if ((v = map_get(root, model_roles[r].key)) != NULL)
			build_section_body(doc, new_section(doc, doc->root, r, v), v,
			    model_roles[r].key);
	if ((v = map_get(root, "annexes")) != NULL)
		build_section_list(doc, v, "annexes", CO_SEC_ANNEX);
}
