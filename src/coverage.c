/*
 * coverage.c: warns of the characters of a report that no font of our set
 * has, fallbacks included, so that they would print as boxes: each one
 * once, at its first place in the report.
 */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "coverage.h"
#include "fonts.h"
#include "srcmap.h"

#define LOW		0x800	/* characters of one or two UTF-8 bytes: a table */
#define MAX_NAMED	20	/* characters named one by one; the rest in one message */

/* What is known of a character. */
enum { UNKNOWN, SHOWN, MISSING };

/* A character no font has, and where it was first found. */
struct missing {
	gunichar	 c;		/* the character */
	struct co_pos	 pos;		/* the place of the text it is in */
	const char	*text;		/* that text */
	size_t		 off;		/* its byte in it */
	unsigned	 count;		/* times in the report */
};

struct scan {
	struct co_doc	*doc;		/* the report */
	FcFontSet	*fonts;		/* every font of our set (fontconfig's) */
	guint8		 low[LOW];	/* UNKNOWN, SHOWN or MISSING of each */
	GHashTable	*high;		/* the rest: character → SHOWN or MISSING */
	GHashTable	*missing;	/* character → struct missing */
};

/*
 * True for what Pango draws nothing for, or a space made from the space's
 * glyph: format and control characters, separators, variation selectors
 * and fillers.  No font needs them.
 */
static bool
invisible(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_CONTROL:
	case G_UNICODE_FORMAT:
	case G_UNICODE_SPACE_SEPARATOR:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
		return true;
	default:
		break;
	}
	return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
	    (c >= 0x180B && c <= 0x180F) || c == 0x034F || c == 0x115F || c == 0x1160 ||
	    c == 0x3164 || c == 0xFFA0;
}

/* True if some font of the set has "c": Pango falls back through all of them. */
static bool
in_some_font(const struct scan *s, gunichar c)
{
	FcCharSet	*cs;
	int		 i;

	for (i = 0; i < s->fonts->nfont; i++)
		if (FcPatternGetCharSet(s->fonts->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch &&
		    FcCharSetHasChar(cs, c))
			return true;
	return false;
}

/* SHOWN or MISSING, worked out once a character. */
static int
state_of(struct scan *s, gunichar c)
{
	gpointer	 v;
	int		 st;

	if (c < LOW && s->low[c] != UNKNOWN)
		return s->low[c];
	if (c >= LOW && (v = g_hash_table_lookup(s->high, GUINT_TO_POINTER(c))) != NULL)
		return GPOINTER_TO_INT(v);
	st = invisible(c) || in_some_font(s, c) ? SHOWN : MISSING;
	if (c < LOW)
		s->low[c] = st;
	else
		g_hash_table_insert(s->high, GUINT_TO_POINTER(c), GINT_TO_POINTER(st));
	return st;
}

/* True if "a" comes before "b" in the report. */
static bool
before(struct co_pos a, size_t aoff, struct co_pos b, size_t boff)
{
	return a.line != b.line ? a.line < b.line : a.col != b.col ? a.col < b.col : aoff < boff;
}

/*
 * Looks at every character of "text", which starts at "pos".  ASCII is
 * skipped byte by byte (our fonts have all of it): a report in Latin
 * letters costs a table look-up for each letter beyond it.
 */
static void
scan_text(struct scan *s, const char *text, struct co_pos pos)
{
	const unsigned char	*p;
	struct missing		*m;
	gunichar		 c;

	if (text == NULL)
		return;
	for (p = (const unsigned char *)text; *p != '\0'; ) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		c = g_utf8_get_char((const char *)p);
		if (state_of(s, c) == MISSING) {
			if ((m = g_hash_table_lookup(s->missing, GUINT_TO_POINTER(c))) == NULL) {
				m = g_new0(struct missing, 1);
				m->c = c;
				m->pos = pos;
				m->text = text;
				m->off = (const char *)p - text;
				g_hash_table_insert(s->missing, GUINT_TO_POINTER(c), m);
			} else if (before(pos, (const char *)p - text, m->pos, m->off)) {
				m->pos = pos;
				m->text = text;
				m->off = (const char *)p - text;
			}
			m->count++;
		}
		p = (const unsigned char *)g_utf8_next_char((const char *)p);
	}
}

static void
scan_str(struct scan *s, const struct co_str *str)
{
	scan_text(s, str->s, str->pos);
}

static void
scan_person(struct scan *s, const struct co_person *p)
{
	scan_str(s, &p->name);
	scan_str(s, &p->role);
	scan_str(s, &p->organisation);
	scan_str(s, &p->email);
}

/* The metadata that gets printed: the cover, the running head, the facts. */
static void
scan_meta(struct scan *s, const struct co_meta *m)
{
	int	 i;

	scan_str(s, &m->title);
	scan_str(s, &m->short_title);
	scan_str(s, &m->subtitle);
	scan_str(s, &m->project_name);
	scan_str(s, &m->project_code);
	for (i = 0; i < m->norganisations; i++)
		scan_str(s, &m->organisations[i]);
	scan_str(s, &m->funder_name);
	scan_str(s, &m->funder_decision);
	scan_str(s, &m->funder_programme);
	for (i = 0; i < m->nfacts; i++) {
		scan_str(s, &m->facts[i].label);
		scan_str(s, &m->facts[i].value);
	}
	scan_str(s, &m->ack_text);
	scan_str(s, &m->version);
	for (i = 0; i < m->nauthors; i++)
		scan_person(s, &m->authors[i]);
	for (i = 0; i < m->napprovals; i++)
		scan_person(s, &m->approvals[i]);
	for (i = 0; i < m->nkeywords; i++)
		scan_str(s, &m->keywords[i]);
}

/* Every text of the body: words, code, titles, captions, field values. */
static void
scan_body(struct scan *s, const struct co_node *root)
{
	const struct co_node	*n;

	for (n = root; n != NULL; n = model_next(n, root)) {
		switch (n->kind) {
		case CO_KIND_TEXT:
		case CO_KIND_CODE:
			scan_text(s, n->as.text.str, n->pos);
			break;
		case CO_KIND_CODEBLOCK:
			scan_text(s, n->as.code.text, n->pos);
			break;
		case CO_KIND_SECTION:
			if (!n->as.section.title_default)
				scan_text(s, n->as.section.title, n->pos);
			break;
		case CO_KIND_TABLE:
			scan_text(s, n->as.table.caption, n->pos);
			break;
		case CO_KIND_FIELD:
			scan_text(s, n->as.field.value, n->pos);
			break;
		default:
			break;	/* no text of its own, or only ours */
		}
	}
}

/*
 * The character's own place.  Its text's place is where the text starts:
 * the character is looked for from there to the end of its line in the
 * source, or the next (a code block's text starts under its fence).  An
 * escape ("\U0001F9D1") is not found: the text's place, then.
 */
static struct co_pos
place(struct co_doc *doc, const struct missing *m)
{
	const struct srcmap	*map = diags_map(&doc->diags);
	char			 utf8[8];
	size_t			 from, start, end, i;
	unsigned		 line = m->pos.line;
	const char		*hit;

	if (map == NULL)
		return m->pos;
	utf8[g_unichar_to_utf8(m->c, utf8)] = '\0';
	for (i = 0; i < m->off; i++)
		line += m->text[i] == '\n';
	from = srcmap_offset(map, m->pos);
	if (line > m->pos.line && srcmap_line(map, line, &start, &end))
		from = start;
	if (!srcmap_line(map, line + 1, &start, &end) && !srcmap_line(map, line, &start, &end))
		return m->pos;
	if (from >= end || end > doc->srclen)
		return m->pos;
	hit = g_strstr_len(doc->src + from, end - from, utf8);
	return hit != NULL ? srcmap_pos(map, hit - doc->src) : m->pos;
}

/* Its Unicode name, or what it is if it has none; "buf" holds it. */
static const char *
name_of(gunichar c, char *buf, size_t size)
{
	UErrorCode	 err = U_ZERO_ERROR;
	int32_t		 n;

	n = u_charName((UChar32)c, U_UNICODE_CHAR_NAME, buf, (int32_t)size, &err);
	if (U_SUCCESS(err) && n > 0 && (size_t)n < size)
		return buf;
	switch (u_charType((UChar32)c)) {
	case U_PRIVATE_USE_CHAR:
		return "(a private-use character)";
	case U_UNASSIGNED:
		return "(not assigned in Unicode)";
	default:
		return "(no name)";
	}
}

/*
 * The Debian package whose fonts our fallback takes "c" from, if it is not
 * installed (fonts/fonts.conf names its folder); else NULL.
 */
static const char *
missing_package(gunichar c)
{
	switch (g_unichar_get_script(c)) {
	case G_UNICODE_SCRIPT_HAN:
	case G_UNICODE_SCRIPT_HANGUL:
	case G_UNICODE_SCRIPT_HIRAGANA:
	case G_UNICODE_SCRIPT_KATAKANA:
	case G_UNICODE_SCRIPT_BOPOMOFO:
		return fonts_have_family("Noto Sans CJK SC") ? NULL :
		    "fonts-noto-cjk for Chinese, Japanese and Korean";
	case G_UNICODE_SCRIPT_GREEK:
	case G_UNICODE_SCRIPT_HEBREW:
	case G_UNICODE_SCRIPT_ARABIC:
		return fonts_have_family("Noto Serif Hebrew") ? NULL :
		    "fonts-noto-core for Greek, Hebrew and Arabic";
	default:
		return NULL;
	}
}

static int
by_place(const void *a, const void *b)
{
	const struct missing *x = *(const struct missing *const *)a;
	const struct missing *y = *(const struct missing *const *)b;

	return before(x->pos, x->off, y->pos, y->off) ? -1 :
	    before(y->pos, y->off, x->pos, x->off) ? 1 : (x->c > y->c) - (x->c < y->c);
}

/* The warnings, in the report's order: MAX_NAMED by name, then the rest at once. */
static void
report(struct scan *s)
{
	GPtrArray	*all = g_ptr_array_new();
	GHashTableIter	 it;
	gpointer	 v;
	struct missing	*m;
	char		 name[128];
	const char	*pkg, *hinted[2] = { NULL, NULL };
	guint		 i;

	g_hash_table_iter_init(&it, s->missing);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		m = v;
		m->pos = place(s->doc, m);
		m->off = 0;
		g_ptr_array_add(all, m);
	}
	g_ptr_array_sort(all, by_place);
	for (i = 0; i < all->len && i < MAX_NAMED; i++) {
		m = g_ptr_array_index(all, i);
		if (m->count > 1)
			co_diag(&s->doc->diags, m->pos, CO_DIAG_W_NO_GLYPH,
			    "U+%04X %s, %u times (the first here); it prints as a box", m->c,
			    name_of(m->c, name, sizeof(name)), m->count);
		else
			co_diag(&s->doc->diags, m->pos, CO_DIAG_W_NO_GLYPH,
			    "U+%04X %s; it prints as a box", m->c, name_of(m->c, name, sizeof(name)));
		/* A fallback that is not installed: which package it is, once. */
		if ((pkg = missing_package(m->c)) != NULL && hinted[0] != pkg && hinted[1] != pkg) {
			co_diag(&s->doc->diags, m->pos, CO_DIAG_HINT, "install the Debian package %s",
			    pkg);
			hinted[hinted[0] != NULL] = pkg;
		}
	}
	if (all->len > MAX_NAMED) {
		m = g_ptr_array_index(all, MAX_NAMED);
		co_diag(&s->doc->diags, m->pos, CO_DIAG_W_NO_GLYPH,
		    "U+%04X and %u other characters from here on; they print as boxes", m->c,
		    all->len - MAX_NAMED - 1);
	}
	g_ptr_array_free(all, TRUE);
}

void
coverage_check(struct co_doc *doc)
{
	FcConfig	*cfg = fonts_config(NULL);
	struct scan	*s;

	if (cfg == NULL)
		return;
	s = g_new0(struct scan, 1);
	s->doc = doc;
	s->fonts = FcConfigGetFonts(cfg, FcSetSystem);
	if (s->fonts == NULL) {
		g_free(s);
		return;
	}
	s->high = g_hash_table_new(NULL, NULL);
	s->missing = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	scan_meta(s, &doc->meta);
	scan_body(s, doc->root);
	if (g_hash_table_size(s->missing) > 0)
		report(s);
	g_hash_table_destroy(s->missing);
	g_hash_table_destroy(s->high);
	g_free(s);
}
