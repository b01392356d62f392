/*
 * pdf_archive.c: completes cairo's PDF as an incremental update (ISO
 * 32000-1, 7.5.6) that carries only the objects it changes or adds.
 * libqpdf parses the file and serializes every object written; nothing
 * here reads PDF syntax by hand, and no content stream is parsed or
 * rewritten: the artifact pages painted beside each page (render_pdf.c)
 * are put under it whole, in an /Artifact sequence of its /Contents.
 *
 * What it adds, and why:
 * - PDF/A (ISO 19005): XMP metadata matching the information dictionary,
 *   an sRGB output intent, no page transparency group, printable
 *   annotations, CIDToGIDMap and CIDSet for cairo's CID font subsets;
 *   PDF/A-3 also carries the archival XML and the source as associated
 *   files.
 * - PDF/UA-1 (ISO 14289): artifacts marked, /Alt on figures, /Scope on
 *   table headers, /Lang where a part is in another language, /Contents
 *   on links, /Tabs /S, the document title shown, pdfuaid in the XMP.
 * A full rewrite with qpdf did the same at about 1 s for 400 pages; the
 * update costs a fraction of that (README's benchmark table).  libqpdf
 * keeps every object it has read until it lets go of the file, so the
 * pages are finished a batch at a time, each batch with the file read
 * anew and its objects written out before the next.
 */
#include <errno.h>
#include <glib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <string.h>

#include "closeout.h"
#include "env.h"
#include "pdf_archive.h"
#include "qpdf_dl.h"
#include "xmp.h"

/*
 * Pages finished with one reading of the file: libqpdf's memory is a
 * batch's.  Each reading parses the whole cross-reference table, so a long
 * report takes bigger batches, and never more than 8 readings.
 */
#define PAGES_PER_READ	100
#define MAX_READS	8

/* Where one object of the update is. */
struct xref_entry {
	int		 id;
	long		 offset;
};

struct archive {
	const struct pdf_archive_info	*in;
	const char			*path;		/* the PDF */
	GMappedFile			*map;		/* its bytes as cairo wrote them, while read */
	qpdf_data			 q;		/* the file as read now */
	GHashTable			*dirty;		/* ids of its objects to write */
	GHashTable			*streams;	/* new streams' ids → their data (GBytes) */
	GString				*up;		/* the update so far */
	long				 base;		/* where it goes: the file's length */
	GArray				*xref;		/* struct xref_entry, one per object written */
	GHashTable			*fonts;		/* ids of the fonts the pages use */
	GArray				*kids;		/* int: the ids of the report's pages */
	int				 next_id;	/* the next new object's number */
	int				 size;		/* the file's /Size */
	int				 art_end;	/* "EMC Q", the end of an artifact: its id */
	int				 art_begin[2];	/* its start: pagination, layout */
	bool				*used;		/* per noted link: given to its annotation */
	guint				 next_link;	/* links before it are given */
	char				*date;		/* PDF date of the file: D:… */
	char				*iso;		/* the same in ISO 8601 */
};

static void
dirty(struct archive *a, qpdf_oh oh)
{
	int	 id = qpdf_oh_get_object_id(a->q, oh);

	if (id > 0)
		g_hash_table_add(a->dirty, GINT_TO_POINTER(id));
}

static gint
by_int(gconstpointer x, gconstpointer y)
{
	return GPOINTER_TO_INT(x) - GPOINTER_TO_INT(y);
}

/* Adds the keys of "src" (a dictionary, as PDF text) to dictionary "dst". */
static void
set_keys(struct archive *a, qpdf_oh dst, const char *src)
{
	qpdf_oh	 d = qpdf_oh_parse(a->q, src), v;
	char	*key;

	qpdf_oh_begin_dict_key_iter(a->q, d);
	while (qpdf_oh_dict_more_keys(a->q)) {
		key = g_strdup(qpdf_oh_dict_next_key(a->q));
		v = qpdf_oh_get_key(a->q, d, key);
		qpdf_oh_replace_key(a->q, dst, key, v);
		g_free(key);
	}
}

/*
 * A new object: its number is ours, after the file's last, and libqpdf
 * holds it as given.  (libqpdf's own way to make one, makeIndirectObject,
 * first loads every object of the file: 30 MB and 0.2 s at 400 pages.)
 */
static qpdf_oh
new_object(struct archive *a, qpdf_oh direct)
{
	int	 id = a->next_id++;

	qpdf_replace_object(a->q, id, 0, direct);
	g_hash_table_add(a->dirty, GINT_TO_POINTER(id));
	return qpdf_get_object_by_id(a->q, id, 0);
}

/*
 * A new stream of "data", its dictionary's keys in "dict" (PDF text, or
 * NULL).  libqpdf holds the dictionary; the data waits here for the update.
 */
static qpdf_oh
new_stream(struct archive *a, const void *data, size_t len, const char *dict)
{
	qpdf_oh	 oh = new_object(a, qpdf_oh_parse(a->q, dict != NULL ? dict : "<< >>"));

	g_hash_table_insert(a->streams, GINT_TO_POINTER(qpdf_oh_get_object_id(a->q, oh)),
	    g_bytes_new(data, len));
	return oh;
}

/* ---- pages ------------------------------------------------------------ */

/* The page's content streams, as an array. */
static qpdf_oh
contents_of(struct archive *a, qpdf_oh page)
{
	qpdf_oh	 c = qpdf_oh_get_key(a->q, page, "/Contents");

	return qpdf_oh_is_array(a->q, c) ? c : qpdf_oh_wrap_in_array(a->q, c);
}

static void
append_all(struct archive *a, qpdf_oh to, qpdf_oh from)
{
	int	 i, n = qpdf_oh_get_array_n_items(a->q, from);

	for (i = 0; i < n; i++)
		qpdf_oh_append_item(a->q, to, qpdf_oh_get_array_item(a->q, from, i));
}

/*
 * Adds the resources of "res" to the dictionary "to": each kind's entries
 * (cairo names fonts, patterns and states once for the whole file, so no
 * two pages mean different things by one name), /ProcSet's names once.
 */
static void
merge_resources(struct archive *a, qpdf_oh to, qpdf_oh res)
{
	qpdf_oh	 src, dst, v;
	char	*kind, *key;
	GPtrArray *kinds = g_ptr_array_new_with_free_func(g_free);
	guint	 k;

	if (!qpdf_oh_is_dictionary(a->q, res))
		return;
	qpdf_oh_begin_dict_key_iter(a->q, res);
	while (qpdf_oh_dict_more_keys(a->q))
		g_ptr_array_add(kinds, g_strdup(qpdf_oh_dict_next_key(a->q)));
	for (k = 0; k < kinds->len; k++) {
		kind = g_ptr_array_index(kinds, k);
		src = qpdf_oh_get_key(a->q, res, kind);
		if (!qpdf_oh_is_dictionary(a->q, src)) {
			/* /ProcSet: an array of names, which every page lists alike. */
			if (!qpdf_oh_has_key(a->q, to, kind))
				qpdf_oh_replace_key(a->q, to, kind, src);
			continue;
		}
		if (!qpdf_oh_has_key(a->q, to, kind))
			qpdf_oh_replace_key(a->q, to, kind, qpdf_oh_new_dictionary(a->q));
		dst = qpdf_oh_get_key(a->q, to, kind);
		GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
		qpdf_oh_begin_dict_key_iter(a->q, src);
		while (qpdf_oh_dict_more_keys(a->q))
			g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(a->q)));
		for (guint i = 0; i < keys->len; i++) {
			key = g_ptr_array_index(keys, i);
			v = qpdf_oh_get_key(a->q, src, key);
			qpdf_oh_replace_key(a->q, dst, key, v);
		}
		g_ptr_array_free(keys, TRUE);
	}
	g_ptr_array_free(kinds, TRUE);
}

/* What an annotation points to: its URI, or its destination's name. */
static char *
annot_target(struct archive *a, qpdf_oh an)
{
	qpdf_oh	 act = qpdf_oh_get_key(a->q, an, "/A"), v;

	if (qpdf_oh_is_dictionary(a->q, act)) {
		if (qpdf_oh_is_string(a->q, v = qpdf_oh_get_key(a->q, act, "/URI")))
			return g_strdup(qpdf_oh_get_utf8_value(a->q, v));
		if (qpdf_oh_is_string(a->q, v = qpdf_oh_get_key(a->q, act, "/D")))
			return g_strdup(qpdf_oh_get_utf8_value(a->q, v));
		if (qpdf_oh_is_name(a->q, v))
			return g_strdup(qpdf_oh_get_name(a->q, v) + 1);
	}
	v = qpdf_oh_get_key(a->q, an, "/Dest");
	if (qpdf_oh_is_string(a->q, v))
		return g_strdup(qpdf_oh_get_utf8_value(a->q, v));
	if (qpdf_oh_is_name(a->q, v))
		return g_strdup(qpdf_oh_get_name(a->q, v) + 1);
	return NULL;
}

/*
 * The text a link holds, as painted on cairo's page "cpage", for its
 * annotation's /Contents (28-012): the next link noted on that page with
 * that target (cairo writes a page's annotations in the order painted), or
 * the target itself.
 */
static char *
link_text(struct archive *a, int cpage, const char *target)
{
	const GArray	*links = a->in->marks->links;
	const struct pdf_link *l;
	guint		 i;

	while (a->next_link < links->len &&
	    (a->used[a->next_link] ||
	    g_array_index(links, struct pdf_link, a->next_link).page < cpage))
		a->next_link++;
	for (i = a->next_link; i < links->len &&
	    (l = &g_array_index(links, struct pdf_link, i))->page == cpage; i++)
		if (!a->used[i] && target != NULL && strcmp(l->target, target) == 0) {
			a->used[i] = true;
			return g_strstrip(g_strdup(l->text));
		}
	return g_strdup(target != NULL ? target : "link");
}

/* Printable (PDF/A), described (PDF/UA): each link annotation of the page. */
static void
finish_annots(struct archive *a, qpdf_oh page, int cpage)
{
	qpdf_oh	 annots = qpdf_oh_get_key(a->q, page, "/Annots"), an;
	char	*target, *text;
	int	 i, n;

	if (!qpdf_oh_is_array(a->q, annots))
		return;
	n = qpdf_oh_get_array_n_items(a->q, annots);
	for (i = 0; i < n; i++) {
		an = qpdf_oh_get_array_item(a->q, annots, i);
		if (!qpdf_oh_is_dictionary(a->q, an))
			continue;
		qpdf_oh_replace_key(a->q, an, "/F", qpdf_oh_new_integer(a->q, 4));
		target = annot_target(a, an);
		text = link_text(a, cpage, target);
		if (*text == '\0') {
			g_free(text);
			text = g_strdup(target != NULL ? target : "link");
		}
		qpdf_oh_replace_key(a->q, an, "/Contents", qpdf_oh_new_unicode_string(a->q, text));
		dirty(a, an);
		g_free(target);
		g_free(text);
	}
	/* Tab order follows the structure (PDF/UA 7.18.3). */
	qpdf_oh_replace_key(a->q, page, "/Tabs", qpdf_oh_new_name(a->q, "/S"));
}

/* Notes the fonts of a page's resources, for finish_fonts(). */
static void
note_fonts(struct archive *a, qpdf_oh res)
{
	qpdf_oh	 fonts = qpdf_oh_get_key(a->q, res, "/Font");
	int	 id;

	if (!qpdf_oh_is_dictionary(a->q, fonts))
		return;
	qpdf_oh_begin_dict_key_iter(a->q, fonts);
	while (qpdf_oh_dict_more_keys(a->q)) {
		id = qpdf_oh_get_object_id(a->q, qpdf_oh_get_key(a->q, fonts,
		    qpdf_oh_dict_next_key(a->q)));
		if (id > 0)
			g_hash_table_add(a->fonts, GINT_TO_POINTER(id));
	}
}

/*
 * One page of the report, cairo's page kids[parts->content]: its artifacts
 * under it, in /Artifact sequences of its /Contents, with their
 * resources; no transparency group (PDF/A-1 forbids one, and nothing is
 * transparent but what an SVG draws in a group of its own); its links
 * finished.
 */
static void
finish_page(struct archive *a, qpdf_oh kids, const struct pdf_page_parts *parts)
{
	qpdf_oh	 page = qpdf_oh_get_array_item(a->q, kids, parts->content), contents, res, art;
	int	 kinds[2] = { parts->pagination, parts->layout }, k, id;

	contents = qpdf_oh_new_array(a->q);
	res = qpdf_oh_new_dictionary(a->q);
	for (k = 0; k < 2; k++) {
		if (kinds[k] < 0)
			continue;
		art = qpdf_oh_get_array_item(a->q, kids, kinds[k]);
		qpdf_oh_append_item(a->q, contents, qpdf_get_object_by_id(a->q, a->art_begin[k], 0));
		append_all(a, contents, contents_of(a, art));
		qpdf_oh_append_item(a->q, contents, qpdf_get_object_by_id(a->q, a->art_end, 0));
		merge_resources(a, res, qpdf_oh_get_key(a->q, art, "/Resources"));
	}
	append_all(a, contents, contents_of(a, page));
	merge_resources(a, res, qpdf_oh_get_key(a->q, page, "/Resources"));
	qpdf_oh_replace_key(a->q, page, "/Contents", contents);
	qpdf_oh_replace_key(a->q, page, "/Resources", res);
	qpdf_oh_remove_key(a->q, page, "/Group");
	note_fonts(a, res);
	finish_annots(a, page, parts->content);
	dirty(a, page);
	id = qpdf_oh_get_object_id(a->q, page);
	g_array_append_val(a->kids, id);
}

/* The page tree's /Kids as cairo writes it: one /Pages node over every page. */
static qpdf_oh
page_kids(struct archive *a, int expect, char **error)
{
	qpdf_oh	 pages = qpdf_oh_get_key(a->q, qpdf_get_root(a->q), "/Pages");
	qpdf_oh	 kids = qpdf_oh_get_key(a->q, pages, "/Kids");

	if (!qpdf_oh_is_array(a->q, kids) || qpdf_oh_get_array_n_items(a->q, kids) != expect) {
		*error = g_strdup("the PDF's page tree is not as cairo writes it");
		return 0;
	}
	return kids;
}

/* Pages [first, last) of the report, from a reading of the file of their own. */
static bool
finish_batch(struct archive *a, guint first, guint last, int ncairo, char **error)
{
	const GArray	*parts = a->in->marks->pages;
	qpdf_oh		 kids;
	int		 kids_id;
	guint		 i;

	if ((kids = page_kids(a, ncairo, error)) == 0)
		return false;
	kids_id = qpdf_oh_get_object_id(a->q, kids);
	for (i = first; i < last; i++) {
		finish_page(a, kids, &g_array_index(parts, struct pdf_page_parts, i));
		/* libqpdf keeps every handle until told: about 100 bytes each. */
		qpdf_oh_release_all(a->q);
		kids = kids_id > 0 ? qpdf_get_object_by_id(a->q, kids_id, 0) :
		    page_kids(a, ncairo, error);
	}
	return true;
}

/* The page tree holds the report's pages only: the artifact pages are in them now. */
static void
finish_page_tree(struct archive *a)
{
	qpdf_oh	 pages = qpdf_oh_get_key(a->q, qpdf_get_root(a->q), "/Pages"), kids;
	guint	 i;

	kids = qpdf_oh_new_array(a->q);
	for (i = 0; i < a->kids->len; i++)
		qpdf_oh_append_item(a->q, kids,
		    qpdf_get_object_by_id(a->q, g_array_index(a->kids, int, i), 0));
	qpdf_oh_replace_key(a->q, pages, "/Kids", kids);
	qpdf_oh_replace_key(a->q, pages, "/Count", qpdf_oh_new_integer(a->q, a->kids->len));
	dirty(a, pages);
}

/* ---- fonts ------------------------------------------------------------ */

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* The glyphs of a TrueType font program: its 'maxp' table's numGlyphs, or 0. */
static unsigned
ttf_glyphs(const unsigned char *f, size_t len)
{
	unsigned	 n, i, off;

	if (len < 12)
		return 0;
	n = be16(f + 4);
	for (i = 0; i < n && 12 + 16 * (i + 1) <= len; i++) {
		const unsigned char *r = f + 12 + 16 * i;
		if (memcmp(r, "maxp", 4) != 0)
			continue;
		off = (unsigned)r[8] << 24 | (unsigned)r[9] << 16 | (unsigned)r[10] << 8 | r[11];
		return off + 6 <= len ? be16(f + off + 4) : 0;
	}
	return 0;
}

/* The "size"-byte offset at "p". */
static size_t
cff_offset(const unsigned char *p, unsigned size)
{
	size_t	 v = 0;

	while (size-- > 0)
		v = v << 8 | *p++;
	return v;
}

/*
 * The CFF INDEX at "at": its first entry is bytes [*start, *end), and the
 * INDEX ends at *past.  False if it is empty or cut short.
 */
static bool
cff_index(const unsigned char *f, size_t len, size_t at, size_t *start, size_t *end,
    size_t *past)
{
	unsigned	 count, size;
	size_t		 base;

	if (at + 3 > len || (count = be16(f + at)) == 0 || (size = f[at + 2]) < 1 || size > 4 ||
	    at + 3 + (size_t)(count + 1) * size > len)
		return false;
	/* Offsets count from the byte before the data, which follows them. */
	base = at + 3 + (size_t)(count + 1) * size - 1;
	*start = base + cff_offset(f + at + 3, size);
	*end = base + cff_offset(f + at + 3 + size, size);
	*past = base + cff_offset(f + at + 3 + (size_t)count * size, size);
	return *start <= *end && *end <= *past && *past <= len;
}

/*
 * The glyphs of a CFF font program (a CJK fallback font, FontFile3): the
 * count of its CharStrings INDEX, found through the Top DICT; 0 if it
 * cannot be read.
 */
static unsigned
cff_glyphs(const unsigned char *f, size_t len)
{
	size_t		 at, start, end, past;
	long		 operand = -1;

	/* Header, Name INDEX, then the Top DICT INDEX's first DICT. */
	if (len < 4 || !cff_index(f, len, f[2], &start, &end, &past) ||
	    !cff_index(f, len, past, &start, &end, &past))
		return 0;
	for (at = start; at < end; ) {
		unsigned b = f[at];
		if (b == 17)		/* CharStrings: its offset is the operand before */
			return operand > 0 && cff_index(f, len, operand, &start, &end, &past) ?
			    be16(f + operand) : 0;
		if (b <= 21) {		/* another operator, 12 x of two bytes */
			at += b == 12 ? 2 : 1;
			operand = -1;
		} else if (b == 28 && at + 3 <= end) {
			operand = (short)be16(f + at + 1);
			at += 3;
		} else if (b == 29 && at + 5 <= end) {
			operand = (long)((unsigned long)f[at + 1] << 24 | (unsigned long)f[at + 2] << 16 |
			    (unsigned long)f[at + 3] << 8 | f[at + 4]);
			at += 5;
		} else if (b == 30) {	/* a real: nibbles up to 0xf */
			for (at++; at < end && (f[at] & 0x0f) != 0x0f && (f[at] >> 4) != 0x0f; at++)
				;
			at++;
			operand = -1;
		} else if (b >= 32 && b <= 246) {
			operand = (long)b - 139;
			at++;
		} else if (b >= 247 && b <= 250 && at + 2 <= end) {
			operand = ((long)b - 247) * 256 + f[at + 1] + 108;
			at += 2;
		} else if (b >= 251 && b <= 254 && at + 2 <= end) {
			operand = -((long)b - 251) * 256 - f[at + 1] - 108;
			at += 2;
		} else
			return 0;
	}
	return 0;
}

/*
 * A CID font subset of cairo's: /CIDToGIDMap /Identity (its CIDs are its
 * glyph ids) and /CIDSet, every CID the subset holds (PDF/A-1 6.3.5): a
 * TrueType subset's glyphs, or a CFF one's (cairo numbers the CIDs of the
 * CJK fallback's subsets 0, 1, 2 … as well).
 */
static void
finish_cidfont(struct archive *a, qpdf_oh cid)
{
	qpdf_oh		 fd = qpdf_oh_get_key(a->q, cid, "/FontDescriptor"), ff, set;
	unsigned char	*data = NULL, *bits;
	size_t		 len = 0;
	unsigned	 n, i;
	bool		 cff;

	if (qpdf_oh_is_name_and_equals(a->q, qpdf_oh_get_key(a->q, cid, "/Subtype"),
	    "/CIDFontType2") && !qpdf_oh_has_key(a->q, cid, "/CIDToGIDMap")) {
		qpdf_oh_replace_key(a->q, cid, "/CIDToGIDMap", qpdf_oh_new_name(a->q, "/Identity"));
		dirty(a, cid);
	}
	if (!qpdf_oh_is_dictionary(a->q, fd) || qpdf_oh_has_key(a->q, fd, "/CIDSet"))
		return;
	cff = !qpdf_oh_has_key(a->q, fd, "/FontFile2");
	ff = qpdf_oh_get_key(a->q, fd, cff ? "/FontFile3" : "/FontFile2");
	if (!qpdf_oh_is_stream(a->q, ff) ||
	    qpdf_oh_get_stream_data(a->q, ff, qpdf_dl_generalized, NULL, &data, &len) != 0 ||
	    (n = cff ? cff_glyphs(data, len) : ttf_glyphs(data, len)) == 0) {
		free(data);
		return;
	}
	bits = g_malloc0((n + 7) / 8);
	for (i = 0; i < n; i++)
		bits[i / 8] |= 0x80 >> (i % 8);
	set = new_stream(a, bits, (n + 7) / 8, NULL);
	qpdf_oh_replace_key(a->q, fd, "/CIDSet", set);
	dirty(a, fd);
	g_free(bits);
	free(data);
}

/* Every font the pages use (noted as they were finished), once. */
static void
finish_fonts(struct archive *a)
{
	GList	*ids = g_list_sort(g_hash_table_get_keys(a->fonts), (GCompareFunc)by_int);
	GList	*l;
	qpdf_oh	 font, desc;

	for (l = ids; l != NULL; l = l->next) {
		font = qpdf_get_object_by_id(a->q, GPOINTER_TO_INT(l->data), 0);
		if (qpdf_oh_is_name_and_equals(a->q, qpdf_oh_get_key(a->q, font, "/Subtype"),
		    "/Type0")) {
			desc = qpdf_oh_get_array_item(a->q,
			    qpdf_oh_get_key(a->q, font, "/DescendantFonts"), 0);
			if (qpdf_oh_is_dictionary(a->q, desc))
				finish_cidfont(a, desc);
		}
		qpdf_oh_release_all(a->q);
	}
	g_list_free(ids);
}

/* ---- structure -------------------------------------------------------- */

/*
 * The structure element at "path" under the tree's /K: at each level the
 * path[i]-th of its kids that is an element, which is an indirect object
 * (marked-content and object references are direct or numbers).  Only the
 * elements on the way are read, not the tree (30 MB at 400 pages).
 */
static qpdf_oh
element_at(struct archive *a, qpdf_oh k, const int *path, int depth)
{
	qpdf_oh	 el = 0, item;
	int	 d, i, n, seen;

	for (d = 0; d < depth; d++) {
		if (!qpdf_oh_is_array(a->q, k))
			k = qpdf_oh_wrap_in_array(a->q, k);
		n = qpdf_oh_get_array_n_items(a->q, k);
		for (i = 0, seen = 0, el = 0; i < n; i++) {
			item = qpdf_oh_get_array_item(a->q, k, i);
			if (qpdf_oh_is_indirect(a->q, item) && seen++ == path[d]) {
				el = item;
				break;
			}
			/* libqpdf keeps every handle until told: 100 bytes each, many here. */
			qpdf_oh_release(a->q, item);
		}
		if (el == 0 || !qpdf_oh_is_dictionary(a->q, el))
			return 0;
		k = qpdf_oh_get_key(a->q, el, "/K");
	}
	return el;
}

/* Gives each element what painting noted: /Lang, /Alt, a TH's /Scope. */
static bool
finish_structure(struct archive *a, qpdf_oh tree, char **error)
{
	const GArray	*attrs = a->in->marks->attrs;
	qpdf_oh		 el, scope;
	char		*name;
	int		 tree_id = qpdf_oh_get_object_id(a->q, tree);
	guint		 i;

	for (i = 0; i < attrs->len; i++) {
		const struct pdf_attr *at = &g_array_index(attrs, struct pdf_attr, i);
		qpdf_oh_release_all(a->q);
		tree = qpdf_get_object_by_id(a->q, tree_id, 0);
		el = element_at(a, qpdf_oh_get_key(a->q, tree, "/K"), at->path, at->depth);
		name = g_strconcat("/", at->tag, NULL);
		if (el == 0 || !qpdf_oh_is_name_and_equals(a->q, qpdf_oh_get_key(a->q, el, "/S"),
		    name)) {
			*error = g_strdup_printf("the PDF's structure tree is not as painted "
			    "(no %s where one was begun)", at->tag);
			g_free(name);
			return false;
		}
		g_free(name);
		if (at->lang != NULL)
			qpdf_oh_replace_key(a->q, el, "/Lang", qpdf_oh_new_string(a->q, at->lang));
		if (at->alt != NULL)
			qpdf_oh_replace_key(a->q, el, "/Alt", qpdf_oh_new_unicode_string(a->q, at->alt));
		if (at->scope != NULL) {
			scope = qpdf_oh_new_dictionary(a->q);
			qpdf_oh_replace_key(a->q, scope, "/O", qpdf_oh_new_name(a->q, "/Table"));
			qpdf_oh_replace_key(a->q, scope, "/Scope",
			    qpdf_oh_new_name(a->q, strcmp(at->scope, "Row") == 0 ? "/Row" : "/Column"));
			qpdf_oh_replace_key(a->q, el, "/A", scope);
		}
		dirty(a, el);
	}
	return true;
}

/* ---- catalog, metadata, attachments ----------------------------------- */

/* The file's date, the same in the information dictionary and the XMP. */
static void
file_dates(struct archive *a)
{
	GDateTime	*dt;
	int64_t		 t;

	dt = env_source_date(&t) ? g_date_time_new_from_unix_utc(t) : g_date_time_new_now_utc();
	a->date = g_date_time_format(dt, "D:%Y%m%d%H%M%SZ");
	a->iso = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(dt);
}

/* A value of the information dictionary, as UTF-8, or NULL. */
static char *
info_value(struct archive *a, qpdf_oh info, const char *key)
{
	qpdf_oh	 v = qpdf_oh_get_key(a->q, info, key);

	return qpdf_oh_is_string(a->q, v) ? g_strdup(qpdf_oh_get_utf8_value(a->q, v)) : NULL;
}

/* /Info with the standard's dates and our producer; the XMP says the same. */
static qpdf_oh
finish_info(struct archive *a, struct xmp_info *x)
{
	qpdf_oh	 trailer = qpdf_get_trailer(a->q), info;
	static const char *const producer = "closeout " CO_VERSION " with cairo";

	info = qpdf_oh_get_key(a->q, trailer, "/Info");
	if (!qpdf_oh_is_dictionary(a->q, info)) {
		info = new_object(a, qpdf_oh_new_dictionary(a->q));
		qpdf_oh_replace_key(a->q, trailer, "/Info", info);
	}
	qpdf_oh_replace_key(a->q, info, "/Producer", qpdf_oh_new_string(a->q, producer));
	qpdf_oh_replace_key(a->q, info, "/CreationDate", qpdf_oh_new_string(a->q, a->date));
	qpdf_oh_replace_key(a->q, info, "/ModDate", qpdf_oh_new_string(a->q, a->date));
	dirty(a, info);
	x->title = info_value(a, info, "/Title");
	x->author = info_value(a, info, "/Author");
	x->subject = info_value(a, info, "/Subject");
	x->keywords = info_value(a, info, "/Keywords");
	x->creator = info_value(a, info, "/Creator");
	x->producer = producer;
	x->date = a->iso;
	return info;
}

/* The sRGB output intent (ICC v2, as PDF/A-1 wants it). */
static bool
output_intent(struct archive *a, qpdf_oh root, char **error)
{
	char	*icc = NULL, *dict;
	gsize	 len;
	GError	*err = NULL;
	qpdf_oh	 profile, intents;

	if (!g_file_get_contents(PDF_SRGB_PROFILE, &icc, &len, &err)) {
		*error = g_strdup_printf("cannot read the sRGB colour profile that PDF/A needs: %s "
		    "(install icc-profiles-free, or write --pdf-standard none)", err->message);
		g_error_free(err);
		return false;
	}
	profile = new_stream(a, icc, len, "<< /N 3 >>");
	intents = qpdf_oh_new_array(a->q);
	dict = g_strdup("<< /Type /OutputIntent /S /GTS_PDFA1 "
	    "/OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) "
	    "/RegistryName (http://www.color.org) >>");
	qpdf_oh_append_item(a->q, intents, qpdf_oh_parse(a->q, dict));
	qpdf_oh_replace_key(a->q, qpdf_oh_get_array_item(a->q, intents, 0), "/DestOutputProfile",
	    profile);
	qpdf_oh_replace_key(a->q, root, "/OutputIntents", intents);
	g_free(dict);
	g_free(icc);
	return true;
}

/* "application/xml" → "/application#2Fxml": a MIME type as a name. */
static char *
mime_name(const char *mime)
{
	GString	*s = g_string_new("/");

	for (; *mime != '\0'; mime++)
		if (*mime == '/')
			g_string_append(s, "#2F");
		else
			g_string_append_c(s, *mime);
	return g_string_free(s, FALSE);
}

/*
 * PDF/A-3: the files carried inside, each an embedded file with its MIME
 * type, size, date and checksum, listed in /AF and /EmbeddedFiles.
 */
static void
attachments(struct archive *a, qpdf_oh root)
{
	qpdf_oh	 af = qpdf_oh_new_array(a->q), names, tree, list, ef, fs;
	char	*dict, *sub, *md5;
	int	 i;

	if (a->in->nattach == 0)
		return;
	list = qpdf_oh_new_array(a->q);
	for (i = 0; i < a->in->nattach; i++) {
		const struct pdf_attachment *at = &a->in->attach[i];
		md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)at->data, at->len);
		sub = mime_name(at->mime);
		dict = g_strdup_printf("<< /Type /EmbeddedFile /Subtype %s /Params << /Size %zu "
		    "/ModDate (%s) /CheckSum <%s> >> >>", sub, at->len, a->date, md5);
		ef = new_stream(a, at->data, at->len, dict);
		g_free(dict);
		fs = new_object(a, qpdf_oh_parse(a->q, "<< /Type /Filespec >>"));
		qpdf_oh_replace_key(a->q, fs, "/F", qpdf_oh_new_string(a->q, at->name));
		qpdf_oh_replace_key(a->q, fs, "/UF", qpdf_oh_new_unicode_string(a->q, at->name));
		qpdf_oh_replace_key(a->q, fs, "/Desc", qpdf_oh_new_unicode_string(a->q, at->desc));
		dict = g_strdup_printf("/%s", at->relation);
		qpdf_oh_replace_key(a->q, fs, "/AFRelationship", qpdf_oh_new_name(a->q, dict));
		g_free(dict);
		tree = qpdf_oh_new_dictionary(a->q);
		qpdf_oh_replace_key(a->q, tree, "/F", ef);
		qpdf_oh_replace_key(a->q, tree, "/UF", ef);
		qpdf_oh_replace_key(a->q, fs, "/EF", tree);
		dirty(a, fs);
		qpdf_oh_append_item(a->q, af, fs);
		/* The name tree's keys in order: the caller gives them sorted. */
		qpdf_oh_append_item(a->q, list, qpdf_oh_new_unicode_string(a->q, at->name));
		qpdf_oh_append_item(a->q, list, fs);
		g_free(sub);
		g_free(md5);
	}
	qpdf_oh_replace_key(a->q, root, "/AF", af);
	names = qpdf_oh_get_key(a->q, root, "/Names");
	if (!qpdf_oh_is_dictionary(a->q, names)) {
		names = qpdf_oh_new_dictionary(a->q);
		qpdf_oh_replace_key(a->q, root, "/Names", names);
	}
	tree = qpdf_oh_new_dictionary(a->q);
	qpdf_oh_replace_key(a->q, tree, "/Names", list);
	qpdf_oh_replace_key(a->q, names, "/EmbeddedFiles", tree);
	dirty(a, names);
}

static bool
finish_catalog(struct archive *a, char **error)
{
	const struct co_doc	*doc = a->in->doc;
	enum tpl_pdf_standard	 std = a->in->standard;
	qpdf_oh			 root = qpdf_get_root(a->q), st;
	struct xmp_info		 x;
	char			*xmp;
	bool			 ok = false;

	memset(&x, 0, sizeof(x));
	finish_info(a, &x);
	x.lang = model_lang_codes[doc->lang];
	x.pdfa_part = std == TPL_PDF_A1B ? 1 : std == TPL_PDF_A2B ? 2 : std == TPL_PDF_A3B ? 3 : 0;
	x.pdfua = true;
	xmp = xmp_packet(&x);
	st = new_stream(a, xmp, strlen(xmp), "<< /Type /Metadata /Subtype /XML >>");
	qpdf_oh_replace_key(a->q, root, "/Metadata", st);
	set_keys(a, root, "<< /MarkInfo << /Marked true >> /ViewerPreferences "
	    "<< /DisplayDocTitle true >> /PageMode /UseOutlines >>");
	qpdf_oh_replace_key(a->q, root, "/Lang", qpdf_oh_new_string(a->q, x.lang));
	if (std != TPL_PDF_NONE && !output_intent(a, root, error))
		goto fail;
	if (std == TPL_PDF_A3B)
		attachments(a, root);
	dirty(a, root);
	/* Last: it lets go of every handle, root's too. */
	ok = finish_structure(a, qpdf_oh_get_key(a->q, root, "/StructTreeRoot"), error);
fail:
	g_free(xmp);
	g_free((char *)x.title);
	g_free((char *)x.author);
	g_free((char *)x.subject);
	g_free((char *)x.keywords);
	g_free((char *)x.creator);
	return ok;
}

/* ---- the update ------------------------------------------------------- */

/* Where the last cross-reference section starts: "startxref N" at the file's end. */
static long
last_startxref(FILE *fp, long *len)
{
	char	 tail[1025], *p;
	size_t	 got;

	if (fseek(fp, 0, SEEK_END) != 0 || (*len = ftell(fp)) < 32 ||
	    fseek(fp, *len > 1024 ? *len - 1024 : 0, SEEK_SET) != 0)
		return -1;
	got = fread(tail, 1, sizeof(tail) - 1, fp);
	tail[got] = '\0';
	if ((p = g_strrstr(tail, "startxref")) == NULL)
		return -1;
	return strtol(p + 9, NULL, 10);
}

/*
 * Reads the file with libqpdf; what earlier readings made new is there as
 * a placeholder, so that its references hold.
 */
static bool
open_file(struct archive *a, char **error)
{
	GHashTableIter	 it;
	gpointer	 id;

	/*
	 * Mapped for this reading only: the pages of the file it touches count
	 * in the process's memory until unmapped.
	 */
	if ((a->map = g_mapped_file_new(a->path, FALSE, NULL)) == NULL) {
		*error = g_strdup_printf("cannot read the PDF again: %s", g_strerror(errno));
		return false;
	}
	a->q = qpdf_init();
	qpdf_silence_errors(a->q);
	qpdf_set_suppress_warnings(a->q, QPDF_TRUE);
	/* From memory: read from its file, libqpdf seeks and reads for every line of the table. */
	if (qpdf_read_memory(a->q, a->path, g_mapped_file_get_contents(a->map),
	    g_mapped_file_get_length(a->map), NULL) & QPDF_ERRORS) {
		*error = g_strdup("libqpdf cannot read the PDF cairo wrote");
		qpdf_cleanup(&a->q);
		g_clear_pointer(&a->map, g_mapped_file_unref);
		return false;
	}
	g_hash_table_iter_init(&it, a->streams);
	while (g_hash_table_iter_next(&it, &id, NULL))
		qpdf_replace_object(a->q, GPOINTER_TO_INT(id), 0, qpdf_oh_new_dictionary(a->q));
	return true;
}

/*
 * Appends the objects changed or made with this reading to the update, as
 * libqpdf serializes them (a new stream's data as given), and lets go of
 * the file.  False with *error set (unless NULL) if libqpdf failed on the way.
 */
static bool
close_file(struct archive *a, char **error)
{
	GList		*ids = g_list_sort(g_hash_table_get_keys(a->dirty), (GCompareFunc)by_int);
	GList		*l;
	GBytes		*data;
	struct xref_entry x;
	qpdf_oh		 oh;
	bool		 ok = true;

	for (l = ids; l != NULL; l = l->next) {
		x.id = GPOINTER_TO_INT(l->data);
		x.offset = a->base + a->up->len;
		g_array_append_val(a->xref, x);
		oh = qpdf_get_object_by_id(a->q, x.id, 0);
		g_string_append_printf(a->up, "%d 0 obj\n", x.id);
		if ((data = g_hash_table_lookup(a->streams, l->data)) != NULL) {
			qpdf_oh_replace_key(a->q, oh, "/Length",
			    qpdf_oh_new_integer(a->q, g_bytes_get_size(data)));
			g_string_append(a->up, qpdf_oh_unparse_resolved(a->q, oh));
			g_string_append(a->up, "\nstream\n");
			g_string_append_len(a->up, g_bytes_get_data(data, NULL),
			    g_bytes_get_size(data));
			g_string_append(a->up, "\nendstream");
		} else
			g_string_append(a->up, qpdf_oh_unparse_resolved(a->q, oh));
		g_string_append(a->up, "\nendobj\n");
		qpdf_oh_release_all(a->q);
	}
	g_list_free(ids);
	if (qpdf_has_error(a->q)) {
		qpdf_error e = qpdf_get_error(a->q);
		if (error != NULL)
			*error = g_strdup_printf("libqpdf: %s", qpdf_get_error_full_text(a->q, e));
		ok = false;
	}
	g_hash_table_remove_all(a->dirty);
	qpdf_cleanup(&a->q);
	g_clear_pointer(&a->map, g_mapped_file_unref);
#ifdef __GLIBC__
	/* The reading's objects are freed: their pages go back before the next. */
	malloc_trim(0);
#endif
	return ok;
}

static int
by_offset_id(const void *x, const void *y)
{
	return ((const struct xref_entry *)x)->id - ((const struct xref_entry *)y)->id;
}

/*
 * The update's cross-reference section, one subsection per run of
 * consecutive numbers, and its trailer, pointing back to cairo's.
 */
static void
end_update(struct archive *a, long prev, int root, int info)
{
	long	 xref = a->base + a->up->len;
	guint	 i, j, k;
	int	 size = a->size;

	g_array_sort(a->xref, by_offset_id);
	g_string_append(a->up, "xref\n0 1\n0000000000 65535 f \n");
	for (i = 0; i < a->xref->len; i = j) {
		int first = g_array_index(a->xref, struct xref_entry, i).id;
		for (j = i + 1; j < a->xref->len &&
		    g_array_index(a->xref, struct xref_entry, j).id == first + (int)(j - i); j++)
			;
		g_string_append_printf(a->up, "%d %u\n", first, j - i);
		for (k = i; k < j; k++)
			g_string_append_printf(a->up, "%010ld 00000 n \n",
			    g_array_index(a->xref, struct xref_entry, k).offset);
		size = MAX(size, first + (int)(j - i));
	}
	g_string_append_printf(a->up, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R "
	    "/Prev %ld /ID [<%s> <%s>] >>\nstartxref\n%ld\n%%%%EOF\n", size, root, info, prev,
	    a->in->id, a->in->id, xref);
}

/* The reading of the file that finishes the document: fonts, tree, catalog. */
static bool
finish_document(struct archive *a, int *root, int *info, char **error)
{
	finish_page_tree(a);
	finish_fonts(a);
	*root = qpdf_oh_get_object_id(a->q, qpdf_get_root(a->q));
	if (!finish_catalog(a, error))
		return false;
	*info = qpdf_oh_get_object_id(a->q, qpdf_oh_get_key(a->q, qpdf_get_trailer(a->q),
	    "/Info"));
	return true;
}

bool
pdf_archive(const char *path, const struct pdf_archive_info *in, char **error)
{
	struct archive	 a;
	const GArray	*parts = in->marks->pages;
	FILE		*fp;
	long		 prev;
	guint		 first, last, batch;
	int		 ncairo, root = 0, info = 0;
	bool		 ok = false;

	if (qpdf_dl_load(error) == NULL)
		return false;
	memset(&a, 0, sizeof(a));
	a.in = in;
	a.path = path;
	if ((fp = fopen(path, "r+b")) == NULL) {
		*error = g_strdup_printf("cannot open the PDF again: %s", g_strerror(errno));
		return false;
	}
	if ((prev = last_startxref(fp, &a.base)) <= 0) {
		*error = g_strdup("cannot find the PDF's cross-reference table");
		fclose(fp);
		return false;
	}
	a.dirty = g_hash_table_new(NULL, NULL);
	a.streams = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_bytes_unref);
	a.fonts = g_hash_table_new(NULL, NULL);
	a.xref = g_array_new(FALSE, FALSE, sizeof(struct xref_entry));
	a.kids = g_array_new(FALSE, FALSE, sizeof(int));
	a.up = g_string_new("\n");
	a.used = g_new0(bool, in->marks->links->len + 1);
	file_dates(&a);
	ncairo = parts->len == 0 ? 0 : 1 + MAX(MAX(g_array_index(parts, struct pdf_page_parts,
	    parts->len - 1).content, g_array_index(parts, struct pdf_page_parts,
	    parts->len - 1).pagination), g_array_index(parts, struct pdf_page_parts,
	    parts->len - 1).layout);
	batch = MAX(PAGES_PER_READ, (parts->len + MAX_READS - 1) / MAX_READS);
	for (first = 0; first < parts->len || first == 0; first = last) {
		last = MIN(first + batch, parts->len);
		if (!open_file(&a, error))
			goto out;
		if (first == 0) {
			a.size = (int)qpdf_oh_get_int_value(a.q, qpdf_oh_get_key(a.q,
			    qpdf_get_trailer(a.q), "/Size"));
			a.next_id = a.size;
			a.art_begin[0] = qpdf_oh_get_object_id(a.q, new_stream(&a,
			    "q /Artifact << /Type /Pagination >> BDC\n", 40, NULL));
			a.art_begin[1] = qpdf_oh_get_object_id(a.q, new_stream(&a,
			    "q /Artifact << /Type /Layout >> BDC\n", 36, NULL));
			a.art_end = qpdf_oh_get_object_id(a.q, new_stream(&a, "\nEMC Q\n", 7, NULL));
		}
		ok = finish_batch(&a, first, last, ncairo, error);
		if (!close_file(&a, ok ? error : NULL) || !ok) {
			ok = false;
			goto out;
		}
		if (last >= parts->len)
			break;
	}
	ok = open_file(&a, error);
	if (ok) {
		ok = finish_document(&a, &root, &info, error);
		ok = close_file(&a, ok ? error : NULL) && ok;
	}
	if (!ok)
		goto out;
	end_update(&a, prev, root, info);
	if (fseek(fp, 0, SEEK_END) != 0 ||
	    fwrite(a.up->str, 1, a.up->len, fp) != a.up->len || fflush(fp) != 0) {
		*error = g_strdup_printf("cannot append to the PDF: %s", g_strerror(errno));
		ok = false;
	}
out:
	if (fclose(fp) != 0 && ok) {
		*error = g_strdup_printf("cannot write the PDF: %s", g_strerror(errno));
		ok = false;
	}
	g_hash_table_destroy(a.dirty);
	g_hash_table_destroy(a.streams);
	g_hash_table_destroy(a.fonts);
	g_array_free(a.xref, TRUE);
	g_array_free(a.kids, TRUE);
	g_string_free(a.up, TRUE);
	g_free(a.used);
	g_free(a.date);
	g_free(a.iso);
	return ok;
}
