/* fake_measure.c: the fixed-advance measurer of the unit tests, goldens and layout fuzzer. */
#include <glib.h>
#include <string.h>

#include "fake_measure.h"

/* One laid-out line: characters [start, end) of the text (byte offsets). */
struct fline {
	size_t		 start, end;	/* bytes */
	long		 nchar;		/* characters */
};

static long
chars(const char *s, size_t a, size_t b)
{
	return g_utf8_strlen(s + a, b - a);
}

/* Greedy lines of at most "cols" characters, breaking at spaces and '\n'. */
static GArray *
break_lines(const char *s, size_t len, long cols, bool wrap)
{
	GArray		*lines = g_array_new(FALSE, FALSE, sizeof(struct fline));
	struct fline	 l;
	size_t		 i = 0, end;
	const char	*p;
	long		 n, wn, c;

	if (cols < 1)
		cols = 1;
	for (;;) {
		l.start = l.end = i;
		n = 0;
		while (i < len && s[i] != '\n') {
			/* The next word: up to a space, a line end or the end. */
			for (end = i; end < len && s[end] != ' ' && s[end] != '\n'; end++)
				;
			wn = chars(s, i, end);
			if (wrap && n > 0 && n + 1 + wn > cols)
				break;			/* it starts the next line */
			if (wrap && n == 0 && wn > cols) {
				/* Longer than a line: as many characters as fit. */
				for (p = s + i, c = 0; c < cols; c++)
					p = g_utf8_next_char(p);
				l.end = i = p - s;
				n = cols;
				break;
			}
			n += (n > 0) + wn;
			l.end = i = end;
			if (i < len && s[i] == ' ')
				i++;
		}
		l.nchar = chars(s, l.start, l.end);
		g_array_append_val(lines, l);
		if (i >= len)
			break;
		if (s[i] == '\n')
			i++;
	}
	return lines;
}

static struct lay_text *
fake_text(struct measurer *m, const struct tpl_font *f, double leading,
    const struct ms_rich *in, double width, int flags)
{
	double		 adv = FAKE_ADVANCE(f->size), pitch = FAKE_PITCH(f->size, leading);
	bool		 wrap = !(flags & (MEASURE_NOWRAP | MEASURE_ELLIPSIZE));
	GArray		*lines, *hots;
	GString		*text = g_string_new_len(in->text, in->len);
	struct lay_text	*t;
	struct lay_run	*runs;
	char		*chars_at;
	size_t		 total = 0, off;
	guint		 i;
	int		 k;

	(void)m;
	if (flags & MEASURE_ELLIPSIZE && chars(text->str, 0, text->len) * adv > width + 0.01) {
		/* Cut to the width, "…" included. */
		long keep = (long)(width / adv) - 1, c;
		const char *p = text->str;
		for (c = 0; c < keep && *p != '\0'; c++)
			p = g_utf8_next_char(p);
		g_string_truncate(text, p - text->str);
		g_string_append(text, "\xe2\x80\xa6");
	}
	lines = break_lines(text->str, text->len, (long)((width + 0.01) / adv), wrap);
	t = lay_text_new(lines->len);
	hots = g_array_new(FALSE, FALSE, sizeof(struct lay_hot));
	for (i = 0; i < lines->len; i++) {
		struct fline *l = &g_array_index(lines, struct fline, i);
		double w = l->nchar * adv;

		if ((flags & MEASURE_JUSTIFY) && i + 1 < lines->len && wrap)
			w = width;
		t->top[i] = i * pitch;
		t->bottom[i] = (i + 1) * pitch;
		t->baseline[i] = i * pitch + 0.8 * pitch;
		t->w[i] = w;
		t->x[i] = (flags & MEASURE_RIGHT) && wrap ? width - w :
		    (flags & MEASURE_CENTER) && wrap ? (width - w) / 2 : 0;
		t->width = MAX(t->width, w);
		t->line_run[i] = i;
		total += l->end - l->start;
		/* The parts of links on this line. */
		for (k = 0; k < in->nlinks; k++) {
			size_t s = MAX(in->links[k].start, l->start);
			size_t e = MIN(in->links[k].end, l->end);
			struct lay_hot h;
			if (s >= e)
				continue;
			h.line = i;
			h.x0 = chars(text->str, l->start, s) * adv;
			h.x1 = chars(text->str, l->start, e) * adv;
			h.y = 0.5 * pitch;
			h.kind = in->links[k].kind;
			h.uri = in->links[k].uri;
			h.dest = in->links[k].dest;
			h.tag = in->links[k].tag;
			g_array_append_val(hots, h);
		}
	}
	t->line_run[lines->len] = lines->len;
	t->height = lines->len * pitch;
	t->nhots = hots->len;
	t->hots = (struct lay_hot *)(void *)g_array_free(hots, FALSE);
	/* One run per line, holding its characters: no glyphs to paint. */
	t->block_len = lines->len * sizeof(struct lay_run) + total + 1;
	t->block = g_malloc0(t->block_len);
	runs = t->block;
	chars_at = (char *)t->block + lines->len * sizeof(struct lay_run);
	for (i = 0, off = 0; i < lines->len; i++) {
		struct fline *l = &g_array_index(lines, struct fline, i);
		memcpy(chars_at + off, text->str + l->start, l->end - l->start);
		runs[i].text = chars_at + off;
		runs[i].ntext = l->end - l->start;
		off += l->end - l->start;
	}
	g_array_free(lines, TRUE);
	g_string_free(text, TRUE);
	return t;
}

static void
fake_widths(struct measurer *m, const struct tpl_font *f, const struct ms_rich *in,
    double *minw, double *maxw)
{
	double		 adv = FAKE_ADVANCE(f->size);
	long		 word = 0, longest = 0, all = 0;
	const char	*p;

	(void)m;
	for (p = in->text; p < in->text + in->len; p = g_utf8_next_char(p)) {
		all++;
		if (*p == ' ' || *p == '\n')
			word = 0;
		else
			longest = MAX(longest, ++word);
	}
	*minw = longest * adv;
	*maxw = all * adv;
}

static const struct lay_run *
fake_runs(struct measurer *m, const struct lay_text *t, char **error)
{
	(void)m;
	(void)error;
	return t->block;
}

static void
fake_free(struct measurer *m)
{
	g_free(m);
}

static const struct measurer_ops fake_ops = {
	fake_text,
	fake_widths,
	fake_runs,
	NULL,
	fake_free,
};

struct measurer *
fake_measure_new(void)
{
	struct measurer	*m = g_new0(struct measurer, 1);

	m->ops = &fake_ops;
	return m;
}
