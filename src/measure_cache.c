/*
 * measure_cache.c: measured texts kept from one run to the next in one
 * process (co_cache_keep(CO_CACHE_TEXTS), for watch): a paragraph that
 * has not changed is not shaped and broken into lines again.
 */
#include <errno.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "measure_pango.h"

#define MC_MAX_BYTES	(64 * 1024 * 1024)	/* past this, no more texts are kept */

/* One measured text, as measure_text() gave it, and what it needs to be given again. */
struct mc_entry {
	struct lay_text	*t;		/* its lines and hots (uri, dest unset), its block in memory */
	int		*hot_link;	/* per hot: which of the text's links it is part of */
	GPtrArray	*fonts;		/* a reference to each PangoFont its runs are in */
	size_t		 bytes;		/* what it costs, its key included */
	guint		 gen;		/* the run that last used it */
};

static bool		 enabled;
static GHashTable	*cache;		/* GBytes key → struct mc_entry */
static guint		 gen;		/* runs so far */
static size_t		 bytes;		/* held by all entries */

static void
entry_free(gpointer p)
{
	struct mc_entry	*e = p;

	lay_text_free(e->t);
	g_free(e->hot_link);
	g_ptr_array_free(e->fonts, TRUE);
	g_free(e);
}

void
mc_keep(bool on)
{
	enabled = on;
	if (!on && cache != NULL) {
		g_hash_table_destroy(cache);
		cache = NULL;
		bytes = 0;
	}
}

void
mc_begin(void)
{
	gen++;
}

static gboolean
unused(gpointer key, gpointer value, gpointer arg)
{
	struct mc_entry	*e = value;

	if (e->gen == gen)
		return FALSE;
	bytes -= e->bytes;
	return TRUE;
}

void
mc_end(void)
{
	/* What the last run did not measure is not in the report any more. */
	if (cache != NULL)
		g_hash_table_foreach_remove(cache, unused, NULL);
}

static void
put(GByteArray *k, const void *p, size_t len)
{
	g_byte_array_append(k, p, len);
}

static void
put_str(GByteArray *k, const char *s)
{
	gint64	 len = s != NULL ? (gint64)strlen(s) : -1;

	put(k, &len, sizeof(len));
	if (s != NULL)
		put(k, s, len);
}

GBytes *
mc_key(const struct measure *m, const struct tpl_font *f, double leading,
    const struct ms_rich *in, double width, int flags)
{
	GByteArray	*k;
	guint8		 b[4];
	int		 i;

	if (!enabled)
		return NULL;
	k = g_byte_array_sized_new(in->len + 128);
	/* Everything the result depends on: the font, the box, the language, the text. */
	put_str(k, f->family);
	put(k, &f->size, sizeof(f->size));
	b[0] = f->bold;
	b[1] = f->italic;
	b[2] = (guint8)m->lang;
	b[3] = m->hyph != NULL;
	put(k, b, sizeof(b));
	put(k, &leading, sizeof(leading));
	put(k, &width, sizeof(width));
	put(k, &flags, sizeof(flags));
	put_str(k, in->lang);
	put_str(k, in->code_family);
	b[0] = in->link_colour != NULL;
	put(k, b, 1);
	if (in->link_colour != NULL)
		put(k, in->link_colour, sizeof(*in->link_colour));
	put(k, &in->nspans, sizeof(in->nspans));
	for (i = 0; i < in->nspans; i++) {
		put(k, &in->spans[i].start, sizeof(in->spans[i].start));
		put(k, &in->spans[i].end, sizeof(in->spans[i].end));
		put(k, &in->spans[i].flags, sizeof(in->spans[i].flags));
	}
	put(k, &in->nlinks, sizeof(in->nlinks));
	for (i = 0; i < in->nlinks; i++) {
		put(k, &in->links[i].start, sizeof(in->links[i].start));
		put(k, &in->links[i].end, sizeof(in->links[i].end));
		put(k, &in->links[i].kind, sizeof(in->links[i].kind));
		put(k, &in->links[i].tag, sizeof(in->links[i].tag));
		put_str(k, in->links[i].uri);
		put_str(k, in->links[i].dest);
	}
	put(k, &in->len, sizeof(in->len));
	put(k, in->text, in->len);
	return g_byte_array_free_to_bytes(k);
}

/* The runs of "t" as laid out in its block (fonts as pointers, the rest as offsets). */
static const struct lay_run *
block_runs(const struct lay_text *t)
{
	return (const struct lay_run *)t->block;
}

/* A copy of "t"'s lines and hots, without its block. */
static struct lay_text *
copy_lines(const struct lay_text *t)
{
	struct lay_text	*c = lay_text_new(t->nlines);

	memcpy(c->top, t->top, sizeof(double) * 5 * t->nlines);
	memcpy(c->line_run, t->line_run, sizeof(int) * (t->nlines + 1));
	c->width = t->width;
	c->height = t->height;
	c->colour = t->colour;
	c->char_breaks = t->char_breaks;
	c->nhots = t->nhots;
	c->hots = t->nhots > 0 ? g_memdup2(t->hots, sizeof(*t->hots) * t->nhots) : NULL;
	return c;
}

void
mc_store(struct measure *m, GBytes *key, const struct lay_text *t, const struct ms_rich *in)
{
	struct mc_entry	*e;
	const struct lay_run *runs;
	size_t		 cost;
	int		 i, k, n;

	if (key == NULL)
		return;
	cost = g_bytes_get_size(key) + t->block_len + sizeof(double) * 6 * t->nlines +
	    sizeof(struct lay_hot) * t->nhots + 128;
	if (bytes + cost > MC_MAX_BYTES) {
		g_bytes_unref(key);
		return;
	}
	e = g_new0(struct mc_entry, 1);
	e->t = copy_lines(t);
	e->hot_link = g_new0(int, t->nhots + 1);
	/* Each hot's link, by the pointers the measurer copied from "in". */
	for (i = 0; i < t->nhots; i++) {
		for (k = 0; k < in->nlinks; k++)
			if (in->links[k].uri == t->hots[i].uri &&
			    in->links[k].dest == t->hots[i].dest &&
			    in->links[k].tag == t->hots[i].tag &&
			    in->links[k].kind == t->hots[i].kind)
				break;
		if (k == in->nlinks)
			goto refuse;	/* cannot be told apart: not kept */
		e->hot_link[i] = k;
		e->t->hots[i].uri = e->t->hots[i].dest = NULL;
	}
	/* The block, from memory or from the spill file it has just gone to. */
	e->t->block_len = t->block_len;
	e->t->block = g_malloc(t->block_len + 1);
	if (t->block != NULL)
		memcpy(e->t->block, t->block, t->block_len);
	else if (pread(fileno(m->spill), e->t->block, t->block_len, t->spill_off) !=
	    (ssize_t)t->block_len)
		goto refuse;
	e->fonts = g_ptr_array_new_with_free_func(g_object_unref);
	runs = block_runs(e->t);
	n = t->block_len > 0 ? t->line_run[t->nlines] : 0;
	for (i = 0; i < n; i++)
		if (runs[i].font != NULL && !g_ptr_array_find(e->fonts, runs[i].font, NULL))
			g_ptr_array_add(e->fonts, g_object_ref(runs[i].font));
	e->bytes = cost;
	e->gen = gen;
	if (cache == NULL)
		cache = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
		    (GDestroyNotify)g_bytes_unref, entry_free);
	bytes += cost;
	g_hash_table_replace(cache, key, e);
	return;
refuse:
	g_bytes_unref(key);
	lay_text_free(e->t);
	g_free(e->hot_link);
	g_free(e);
}

struct lay_text *
mc_lookup(struct measure *m, GBytes *key, const struct ms_rich *in)
{
	struct mc_entry	*e;
	struct lay_text	*t;
	guint		 i;
	int		 k;

	if (key == NULL || cache == NULL || (e = g_hash_table_lookup(cache, key)) == NULL)
		return NULL;
	e->gen = gen;
	t = copy_lines(e->t);
	for (k = 0; k < t->nhots; k++) {
		const struct ms_link *l = &in->links[e->hot_link[k]];
		t->hots[k].uri = l->uri;
		t->hots[k].dest = l->dest;
	}
	/* The fonts its runs point to live as long as this measurer's other texts' do. */
	for (i = 0; i < e->fonts->len; i++)
		if (!g_hash_table_contains(m->held, g_ptr_array_index(e->fonts, i)))
			g_hash_table_add(m->held, g_object_ref(g_ptr_array_index(e->fonts, i)));
	mp_keep_block(m, t, g_memdup2(e->t->block, e->t->block_len + 1), e->t->block_len);
	return t;
}
