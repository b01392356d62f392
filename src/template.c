/* template.c: reads a layout template (templates/NAME.yaml) over the built-in house style. */
#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fonts.h"
#include "load.h"
#include "i18n.h"
#include "model.h"
#include "srcmap.h"
#include "template.h"
#include "text.h"
#include "ytree.h"

#define MM		(72.0 / 25.4)
#define MAX_TEMPLATE	(256 * 1024)

/* The built-in house style; templates/default.yaml spells out the same values. */
static void
set_defaults(struct tpl *t)
{
	static const struct tpl_font body = { "Charis SIL", 10.5, false, false, { 0, 0 }, false };
	static const struct tpl_font sans = { "Lato", 9, false, false, { 0, 0 }, false };
	int		 i;

	t->page_width = 210 * MM;
	t->page_height = 297 * MM;
	t->margin_top = 27 * MM;
	t->margin_bottom = 25 * MM;
	t->margin_left = 25 * MM;
	t->margin_right = 22 * MM;
	t->body = body;
	t->leading = 1.32;
	t->para_space = 6;
	for (i = 0; i < 4; i++) {
		t->h[i] = sans;
		t->h[i].bold = true;
	}
	t->h[0].size = 16;
	t->h[1].size = 13;
	t->h[2].size = 11.5;
	t->h[3].size = 10.5;
	t->h_space_before[0] = 22;
	t->h_space_before[1] = 16;
	t->h_space_before[2] = 12;
	t->h_space_before[3] = 10;
	t->h_space_after[0] = 10;
	t->h_space_after[1] = 7;
	t->h_space_after[2] = 5;
	t->h_space_after[3] = 4;
	t->table = sans;
	t->table.size = 8.8;
	t->table_head = t->table;
	t->table_head.bold = true;
	t->cell_pad = 4;
	t->small = sans;
	t->small.size = 8;
	t->cover_title = sans;
	t->cover_title.size = 26;
	t->cover_title.bold = true;
	t->cover_subtitle = sans;
	t->cover_subtitle.size = 15;
	t->toc = body;
	t->code = (struct tpl_font){ "DejaVu Sans Mono", 8.6, false, false, { 0, 0 }, false };
	t->note = body;
	t->note.size = 8.3;
	t->caption = sans;
	t->caption.size = 8.8;
	t->text = (struct tpl_colour){ 0.10, 0.10, 0.12 };
	t->heading = (struct tpl_colour){ 0.05, 0.24, 0.40 };
	t->accent = (struct tpl_colour){ 0.05, 0.30, 0.50 };
	t->muted = (struct tpl_colour){ 0.40, 0.42, 0.45 };
	t->link = (struct tpl_colour){ 0.05, 0.33, 0.60 };
	t->rule = (struct tpl_colour){ 0.72, 0.75, 0.78 };
	t->head_fill = (struct tpl_colour){ 0.88, 0.92, 0.95 };
	t->stripe_fill = (struct tpl_colour){ 0.965, 0.97, 0.975 };
	t->header_left = g_strdup("{short_title}");
	t->header_right = g_strdup("{project}");
	t->footer_left = g_strdup("{date}");
	t->footer_right = g_strdup("{page} / {pages}");
	t->justify = true;
	t->hyphenate = true;
	t->toc_depth = 3;
	t->pdf_standard = TPL_PDF_A2B;
}

/* State while one template file is read. */
struct reader {
	struct co_diags	*doc;		/* the template's own messages */
	struct tpl	*tpl;		/* being filled */
	bool		 ok;		/* no error so far */
};

static void
fail(struct reader *r, const struct ynode *n, enum co_diag_id id, const char *fmt,
    const char *arg, const char *hint)
{
	co_diag(r->doc, n->pos, id, fmt, arg);
	if (hint != NULL)
		co_diag(r->doc, n->pos, CO_DIAG_HINT, "%s", hint);
	r->ok = false;
}

static bool
want(struct reader *r, const struct ynode *n, enum ytype type, const char *key)
{
	static const char *const names[] = { "text", "a list", "a mapping" };

	if (n->type == type)
		return true;
	co_diag(r->doc, n->pos, CO_DIAG_E_TYPE, "'%s' takes %s, not %s", key,
	    names[type], names[n->type]);
	r->ok = false;
	return false;
}

/* A length: "25mm", "2.5cm", "12pt" or a plain number of points. */
static void
get_length(struct reader *r, const struct ynode *n, const char *key, double *out)
{
	char	*end;
	double	 v;

	if (!want(r, n, Y_SCALAR, key))
		return;
	v = g_ascii_strtod(n->str, &end);
	while (*end == ' ')
		end++;
	if (end == n->str || v < 0 || v > 2000) {
		fail(r, n, CO_DIAG_E_VALUE, "'%s' for a length", n->str,
		    "write a length such as 25mm, 2.5cm or 12pt");
		return;
	}
	if (strcmp(end, "mm") == 0)
		v *= MM;
	else if (strcmp(end, "cm") == 0)
		v *= 10 * MM;
	else if (strcmp(end, "in") == 0)
		v *= 72;
	else if (*end != '\0' && strcmp(end, "pt") != 0) {
		fail(r, n, CO_DIAG_E_VALUE, "'%s' for a length", n->str,
		    "units are mm, cm, in and pt");
		return;
	}
	*out = v;
}

static void
get_number(struct reader *r, const struct ynode *n, const char *key, double lo,
    double hi, double *out)
{
	char	*end;
	double	 v;

	if (!want(r, n, Y_SCALAR, key))
		return;
	v = g_ascii_strtod(n->str, &end);
	if (end == n->str || *end != '\0' || v < lo || v > hi) {
		char *hint = g_strdup_printf("'%s' takes a number from %g to %g", key, lo, hi);
		fail(r, n, CO_DIAG_E_VALUE, "'%s'", n->str, hint);
		g_free(hint);
		return;
	}
	*out = v;
}

static void
get_bool(struct reader *r, const struct ynode *n, const char *key, bool *out)
{
	if (!want(r, n, Y_SCALAR, key))
		return;
	if (strcmp(n->str, "true") == 0 || strcmp(n->str, "yes") == 0)
		*out = true;
	else if (strcmp(n->str, "false") == 0 || strcmp(n->str, "no") == 0)
		*out = false;
	else
		fail(r, n, CO_DIAG_E_VALUE, "'%s'", n->str, "write true or false");
}

/* A colour "#RRGGBB". */
static void
get_colour(struct reader *r, const struct ynode *n, const char *key, struct tpl_colour *c)
{
	unsigned long	 v;
	char		*end;

	if (!want(r, n, Y_SCALAR, key))
		return;
	if (n->str[0] != '#' || strlen(n->str) != 7 ||
	    (v = strtoul(n->str + 1, &end, 16), *end != '\0')) {
		fail(r, n, CO_DIAG_E_VALUE, "'%s' for a colour", n->str,
		    "write a colour as #RRGGBB, for example #0d3d66");
		return;
	}
	c->r = ((v >> 16) & 0xff) / 255.0;
	c->g = ((v >> 8) & 0xff) / 255.0;
	c->b = (v & 0xff) / 255.0;
}

static void
get_string(struct reader *r, const struct ynode *n, const char *key, char **out)
{
	if (!want(r, n, Y_SCALAR, key))
		return;
	g_free(*out);
	*out = g_strdup(n->str);
}

/* Index of "key" in "keys", or -1 after an "unknown key" message. */
static int
lookup(struct reader *r, const struct ynode *k, const char *const *keys, const char *where)
{
	const char	*near;
	int		 i;

	for (i = 0; keys[i] != NULL; i++)
		if (strcmp(k->str, keys[i]) == 0)
			return i;
	co_diag(r->doc, k->pos, CO_DIAG_E_UNKNOWN_KEY, "'%s' in %s", k->str, where);
	if ((near = diag_nearest(k->str, keys)) != NULL)
		co_diag(r->doc, k->pos, CO_DIAG_HINT, "did you mean '%s'?", near);
	else {
		char *list = g_strjoinv(", ", (char **)keys);
		co_diag(r->doc, k->pos, CO_DIAG_HINT, "%s takes: %s", where, list);
		g_free(list);
	}
	r->ok = false;
	return -1;
}

static void
read_font(struct reader *r, const struct ynode *map, const char *where, struct tpl_font *f)
{
	static const char *const keys[] = { "family", "size", "bold", "italic", NULL };
	const struct ynode	*k;
	char			*family = NULL;

	if (!want(r, map, Y_MAP, where))
		return;
	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next) {
		switch (lookup(r, k, keys, where)) {
		case 0:
			get_string(r, k->next, "family", &family);
			if (family != NULL) {
				f->family = g_intern_string(family);
				f->family_pos = k->next->pos;
				f->family_set = true;
			}
			g_free(family);
			family = NULL;
			break;
		case 1:
			get_number(r, k->next, "size", 4, 96, &f->size);
			break;
		case 2:
			get_bool(r, k->next, "bold", &f->bold);
			break;
		case 3:
			get_bool(r, k->next, "italic", &f->italic);
			break;
		}
	}
}

static void
read_page(struct reader *r, const struct ynode *map)
{
	static const char *const keys[] = { "size", "width", "height", "margin_top",
	    "margin_bottom", "margin_left", "margin_right", NULL };
	const struct ynode	*k, *v;

	if (!want(r, map, Y_MAP, "page"))
		return;
	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next) {
		v = k->next;
		switch (lookup(r, k, keys, "page")) {
		case 0:
			if (!want(r, v, Y_SCALAR, "size"))
				break;
			if (g_ascii_strcasecmp(v->str, "A4") == 0) {
				r->tpl->page_width = 210 * MM;
				r->tpl->page_height = 297 * MM;
			} else if (g_ascii_strcasecmp(v->str, "A5") == 0) {
				r->tpl->page_width = 148 * MM;
				r->tpl->page_height = 210 * MM;
			} else if (g_ascii_strcasecmp(v->str, "letter") == 0) {
				r->tpl->page_width = 8.5 * 72;
				r->tpl->page_height = 11 * 72;
			} else
				fail(r, v, CO_DIAG_E_VALUE, "'%s' for a page size", v->str,
				    "write A4, A5 or letter, or give width and height");
			break;
		case 1: get_length(r, v, "width", &r->tpl->page_width); break;
		case 2: get_length(r, v, "height", &r->tpl->page_height); break;
		case 3: get_length(r, v, "margin_top", &r->tpl->margin_top); break;
		case 4: get_length(r, v, "margin_bottom", &r->tpl->margin_bottom); break;
		case 5: get_length(r, v, "margin_left", &r->tpl->margin_left); break;
		case 6: get_length(r, v, "margin_right", &r->tpl->margin_right); break;
		}
	}
}

static void
read_fonts(struct reader *r, const struct ynode *map)
{
	static const char *const keys[] = { "body", "heading1", "heading2", "heading3",
	    "heading4", "table", "table_head", "small", "cover_title", "cover_subtitle",
	    "contents", "code", "footnote", "caption", NULL };
	struct tpl		*t = r->tpl;
	struct tpl_font		*fonts[] = { &t->body, &t->h[0], &t->h[1], &t->h[2],
	    &t->h[3], &t->table, &t->table_head, &t->small, &t->cover_title,
	    &t->cover_subtitle, &t->toc, &t->code, &t->note, &t->caption };
	const struct ynode	*k;
	int			 i;

	if (!want(r, map, Y_MAP, "fonts"))
		return;
	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next)
		if ((i = lookup(r, k, keys, "fonts")) >= 0) {
			char *where = g_strdup_printf("fonts.%s", keys[i]);
			read_font(r, k->next, where, fonts[i]);
			g_free(where);
		}
}

static void
read_colours(struct reader *r, const struct ynode *map)
{
	static const char *const keys[] = { "text", "heading", "accent", "muted", "link",
	    "rule", "table_head", "table_stripe", NULL };
	struct tpl		*t = r->tpl;
	struct tpl_colour	*cols[] = { &t->text, &t->heading, &t->accent, &t->muted,
	    &t->link, &t->rule, &t->head_fill, &t->stripe_fill };
	const struct ynode	*k;
	int			 i;

	if (!want(r, map, Y_MAP, "colours"))
		return;
	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next)
		if ((i = lookup(r, k, keys, "colours")) >= 0)
			get_colour(r, k->next, keys[i], cols[i]);
}

static void
read_spacing(struct reader *r, const struct ynode *map)
{
	static const char *const keys[] = { "leading", "paragraph", "cell_padding",
	    "heading_before", "heading_after", NULL };
	struct tpl		*t = r->tpl;
	const struct ynode	*k, *v, *e;
	double			*arr;
	int			 i, idx;

	if (!want(r, map, Y_MAP, "spacing"))
		return;
	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next) {
		v = k->next;
		switch ((idx = lookup(r, k, keys, "spacing"))) {
		case 0: get_number(r, v, "leading", 0.8, 3, &t->leading); break;
		case 1: get_length(r, v, "paragraph", &t->para_space); break;
		case 2: get_length(r, v, "cell_padding", &t->cell_pad); break;
		case 3:
		case 4:
			/* A list of four lengths, one per heading level. */
			if (!want(r, v, Y_SEQ, keys[idx]))
				break;
			arr = idx == 3 ? t->h_space_before : t->h_space_after;
			for (e = v->first, i = 0; e != NULL; e = e->next, i++) {
				if (i == 4) {
					fail(r, e, CO_DIAG_E_VALUE, "'%s': four levels at most",
					    keys[idx], NULL);
					break;
				}
				get_length(r, e, keys[idx], &arr[i]);
			}
			break;
		}
	}
}

static void
read_running(struct reader *r, const struct ynode *map, const char *where,
    char **left, char **right)
{
	static const char *const keys[] = { "left", "right", NULL };
	const struct ynode	*k;

	if (!want(r, map, Y_MAP, where))
		return;
	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next) {
		switch (lookup(r, k, keys, where)) {
		case 0: get_string(r, k->next, "left", left); break;
		case 1: get_string(r, k->next, "right", right); break;
		}
	}
}

static void
read_text(struct reader *r, const struct ynode *map)
{
	static const char *const keys[] = { "justify", "hyphenate", "contents_depth", NULL };
	const struct ynode	*k;
	double			 depth;

	if (!want(r, map, Y_MAP, "text"))
		return;
	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next) {
		switch (lookup(r, k, keys, "text")) {
		case 0: get_bool(r, k->next, "justify", &r->tpl->justify); break;
		case 1: get_bool(r, k->next, "hyphenate", &r->tpl->hyphenate); break;
		case 2:
			depth = r->tpl->toc_depth;
			get_number(r, k->next, "contents_depth", 1, 4, &depth);
			r->tpl->toc_depth = (int)depth;
			break;
		}
	}
}

const char *const tpl_pdf_standards[] = { "none", "a-1b", "a-2b", "a-3b", NULL };

/* pdf: { standard: a-2b }: what the PDF claims, and is made to be. */
static void
read_pdf(struct reader *r, const struct ynode *map)
{
	static const char *const keys[] = { "standard", NULL };
	const struct ynode	*k;
	int			 i;

	if (!want(r, map, Y_MAP, "pdf"))
		return;
	for (k = map->first; k != NULL && k->next != NULL; k = k->next->next) {
		if (lookup(r, k, keys, "pdf") != 0 || !want(r, k->next, Y_SCALAR, "standard"))
			continue;
		for (i = 0; tpl_pdf_standards[i] != NULL; i++)
			if (strcmp(tpl_pdf_standards[i], k->next->str) == 0)
				r->tpl->pdf_standard = i;
		if (tpl_pdf_standards[r->tpl->pdf_standard] == NULL ||
		    strcmp(tpl_pdf_standards[r->tpl->pdf_standard], k->next->str) != 0)
			fail(r, k->next, CO_DIAG_E_VALUE, "'%s' for pdf.standard", k->next->str,
			    "write a-1b, a-2b, a-3b or none");
	}
}

static void
read_template(struct reader *r, const struct ynode *root)
{
	static const char *const keys[] = { "page", "fonts", "colours", "spacing",
	    "header", "footer", "text", "pdf", NULL };
	const struct ynode	*k;

	if (root == NULL)
		return;
	if (!want(r, root, Y_MAP, "the template"))
		return;
	for (k = root->first; k != NULL && k->next != NULL; k = k->next->next) {
		if (k->dup)
			continue;
		switch (lookup(r, k, keys, "the template")) {
		case 0: read_page(r, k->next); break;
		case 1: read_fonts(r, k->next); break;
		case 2: read_colours(r, k->next); break;
		case 3: read_spacing(r, k->next); break;
		case 4: read_running(r, k->next, "header", &r->tpl->header_left,
			    &r->tpl->header_right); break;
		case 5: read_running(r, k->next, "footer", &r->tpl->footer_left,
			    &r->tpl->footer_right); break;
		case 6: read_text(r, k->next); break;
		case 7: read_pdf(r, k->next); break;
		}
	}
	if (r->tpl->margin_left + r->tpl->margin_right > r->tpl->page_width - 100 ||
	    r->tpl->margin_top + r->tpl->margin_bottom > r->tpl->page_height - 150) {
		co_diag(r->doc, root->pos, CO_DIAG_E_VALUE,
		    "margins leave too little room on the page");
		r->ok = false;
	}
}

/* A path that leads elsewhere (absolute, "..", a symlink out) is NULL. */
char *
tpl_path(const char *name, const char *basedir)
{
	if (!g_str_has_suffix(name, ".yaml") && !g_str_has_suffix(name, ".yml")) {
		if (!g_regex_match_simple("^[A-Za-z0-9_-]+$", name, 0, 0))
			return NULL;
		return g_strdup_printf("%s/templates/%s.yaml", co_datadir(), name);
	}
	/* Not even a ".." that comes back: a template names its file plainly. */
	if (strstr(name, "..") != NULL)
		return NULL;
	return doc_path_inside(basedir, name, true);
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char **
co_template_names(void)
{
	GPtrArray	*names = g_ptr_array_new();
	char		*dir;
	const char	*e;
	GDir		*d;

	dir = g_build_filename(co_datadir(), "templates", NULL);
	if ((d = g_dir_open(dir, 0, NULL)) != NULL) {
		while ((e = g_dir_read_name(d)) != NULL)
			if (g_str_has_suffix(e, ".yaml"))
				g_ptr_array_add(names, g_strndup(e, strlen(e) - 5));
		g_dir_close(d);
	}
	g_free(dir);
	g_ptr_array_sort(names, by_name);
	g_ptr_array_add(names, NULL);
	return (char **)g_ptr_array_free(names, FALSE);
}

/* The names of the shipped templates, "default, compact", for hints. */
static char *
template_names(void)
{
	char	**names = co_template_names(), *list;

	list = g_strjoinv(", ", names);
	g_strfreev(names);
	return list;
}

/* Names the templates a report may use. */
static void
hint_templates(struct co_doc *doc)
{
	char	*names = template_names();

	co_diag(&doc->diags, doc->meta.template.pos, CO_DIAG_HINT,
	    "name one of closeout's templates (%s) or a .yaml file in the report's folder",
	    names);
	g_free(names);
}

/*
 * Every family the template names must be in our font set: said here, at
 * the template's own line, so that 'check' finds it before 'render' would.
 */
static void
check_fonts(struct reader *r)
{
	struct tpl		*t = r->tpl;
	const struct tpl_font	*fonts[] = { &t->body, &t->h[0], &t->h[1], &t->h[2],
	    &t->h[3], &t->table, &t->table_head, &t->small, &t->cover_title,
	    &t->cover_subtitle, &t->toc, &t->code, &t->note, &t->caption };
	const char		*seen[G_N_ELEMENTS(fonts)];
	size_t			 i, k, nseen = 0;

	for (i = 0; i < G_N_ELEMENTS(fonts); i++) {
		for (k = 0; k < nseen && seen[k] != fonts[i]->family; k++)
			;
		if (k < nseen)
			continue;	/* interned: one message per family */
		seen[nseen++] = fonts[i]->family;
		if (fonts_have_family(fonts[i]->family))
			continue;
		co_diag(r->doc, fonts[i]->family_set ? fonts[i]->family_pos :
		    (struct co_pos){ 0, 0 }, CO_DIAG_E_FONT, "'%s'%s", fonts[i]->family,
		    fonts[i]->family_set ? "" : " (closeout's default)");
		co_diag(r->doc, fonts[i]->family_set ? fonts[i]->family_pos :
		    (struct co_pos){ 0, 0 }, CO_DIAG_HINT,
		    "closeout uses only the fonts of fonts/fonts.conf: 'Charis SIL' "
		    "(fonts-sil-charis) and 'Lato' (fonts-lato); run 'make deps' to install them");
		r->ok = false;
	}
}

struct tpl *
tpl_load(struct co_doc *doc, const char *name, const char *basedir)
{
	struct co_diags	 td;
	struct arena	*arena;
	struct reader	 r;
	struct tpl	*t;
	char		*path, *src = NULL;
	size_t		 srclen = 0;

	t = g_new0(struct tpl, 1);
	t->name = g_strdup(name);
	set_defaults(t);

	/*
	 * The template's own messages carry its own file name and lines, and
	 * go where the report's go.
	 */
	path = tpl_path(name, basedir);
	diags_init(&td, path != NULL ? path : name, NULL, NULL, NULL, &doc->diags);
	arena = arena_new();
	r.doc = &td;
	r.tpl = t;
	r.ok = true;
	if (path == NULL) {
		co_diag(&doc->diags, doc->meta.template.pos, CO_DIAG_E_VALUE,
		    "for meta.template: '%s' is outside the report's folder", name);
		hint_templates(doc);
		r.ok = false;
	} else if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
		co_diag(&doc->diags, doc->meta.template.pos, CO_DIAG_E_VALUE,
		    "for meta.template: there is no template '%s'", name);
		hint_templates(doc);
		r.ok = false;
	} else if (!doc_read_file(&td, path, &src, &srclen)) {
		r.ok = false;		/* not a regular file, too big: said at 1:1 */
	} else if (srclen > MAX_TEMPLATE || !g_utf8_validate(src, srclen, NULL)) {
		co_diag(&td, (struct co_pos){ 0, 0 }, CO_DIAG_E_VALUE,
		    "not a template: over 256 KiB or not UTF-8 text");
		r.ok = false;
	} else {
		diags_set_source(&td, src, srclen, SRCMAP_YAML);
		read_template(&r, yaml_tree_load(&td, arena, src, srclen));
		if (td.worst >= CO_LEVEL_ERROR)
			r.ok = false;
		else
			check_fonts(&r);
	}
	if (!r.ok && doc->diags.worst < CO_LEVEL_ERROR)
		doc->diags.worst = CO_LEVEL_ERROR;
	diags_free(&td);
	arena_free(arena);
	g_free(src);
	g_free(path);
	if (!r.ok) {
		tpl_free(t);
		return NULL;
	}
	return t;
}

void
tpl_free(struct tpl *t)
{
	if (t == NULL)
		return;
	g_free(t->name);
	g_free(t->header_left);
	g_free(t->header_right);
	g_free(t->footer_left);
	g_free(t->footer_right);
	g_free(t);
}

/* The value of placeholder "key", or NULL for an unknown one (kept literally). */
static char *
placeholder(const char *key, const struct co_doc *doc, int page, int pages)
{
	const struct co_meta	*m = &doc->meta;

	if (strcmp(key, "title") == 0)
		return g_strdup(m->title.s ? m->title.s : "");
	/* The header's title: the report's short one if it has one. */
	if (strcmp(key, "short_title") == 0)
		return g_strdup(m->short_title.s ? m->short_title.s : m->title.s ? m->title.s : "");
	if (strcmp(key, "subtitle") == 0)
		return g_strdup(m->subtitle.s ? m->subtitle.s : "");
	if (strcmp(key, "project") == 0)
		return g_strdup(m->project_name.s ? m->project_name.s : "");
	if (strcmp(key, "organisation") == 0)
		return g_strdup(m->norganisations > 0 ? m->organisations[0].s : "");
	if (strcmp(key, "date") == 0)
		return m->date.s ? date_format(m->date.s, doc->lang) : g_strdup("");
	if (strcmp(key, "version") == 0)
		return g_strdup(m->version.s ? m->version.s : "");
	if (strcmp(key, "page") == 0)
		return g_strdup_printf("%d", page);
	if (strcmp(key, "pages") == 0)
		return g_strdup_printf("%d", pages);
	if (strcmp(key, "page_label") == 0)
		return g_strdup(i18n_label(CO_LABEL_PAGE, doc->lang));
	return NULL;
}

char *
tpl_expand(const char *pattern, const struct co_doc *doc, int page, int pages)
{
	GString		*out;
	const char	*p, *close;
	char		*key, *val;

	out = g_string_new(NULL);
	if (pattern == NULL)
		return g_string_free(out, FALSE);
	for (p = pattern; *p != '\0'; p++) {
		if (*p == '{' && (close = strchr(p, '}')) != NULL) {
			key = g_strndup(p + 1, close - p - 1);
			val = placeholder(key, doc, page, pages);
			g_free(key);
			if (val != NULL) {
				g_string_append(out, val);
				g_free(val);
				p = close;
				continue;
			}
		}
		g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}
