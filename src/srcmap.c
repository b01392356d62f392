/* srcmap.c: the one map between byte offsets and line:column places in a source text. */
#include <glib.h>
#include <string.h>

#include "srcmap.h"

struct srcmap {
	const char	*src;		/* the text, borrowed */
	size_t		 len;		/* bytes (at most 4 GiB: inputs are 16 MiB at most) */
	GArray		*starts;	/* guint32: the first byte of each line */
	size_t		 bom;		/* bytes of a byte order mark at the start */
};

#define START(m, i)	((size_t)g_array_index((m)->starts, guint32, (i)))

/* Bytes of the line break at p (0 if none): the rules of "breaks". */
static size_t
break_len(const char *p, const char *end, enum srcmap_breaks breaks)
{
	if (*p == '\n')
		return 1;
	if (*p == '\r')
		return p + 1 < end && p[1] == '\n' ? 2 : 1;
	if (breaks != SRCMAP_YAML)
		return 0;
	/* NEL U+0085, LS U+2028 and PS U+2029 end YAML 1.1 lines too. */
	if ((unsigned char)*p == 0xc2 && p + 1 < end && (unsigned char)p[1] == 0x85)
		return 2;
	if ((unsigned char)*p == 0xe2 && p + 2 < end && (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] == 0xa8 || (unsigned char)p[2] == 0xa9))
		return 3;
	return 0;
}

struct srcmap *
srcmap_new(const char *src, size_t len, enum srcmap_breaks breaks)
{
	struct srcmap	*m;
	const char	*p, *end = src + len;
	guint32		 off;
	size_t		 n;

	m = g_new0(struct srcmap, 1);
	m->src = src;
	m->len = len;
	m->starts = g_array_new(FALSE, FALSE, sizeof(guint32));
	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		m->bom = 3;
	off = 0;
	g_array_append_val(m->starts, off);
	for (p = src; p < end; ) {
		/* Only these bytes can start a break: skip the rest fast. */
		if (*p != '\n' && *p != '\r' && (unsigned char)*p != 0xc2 &&
		    (unsigned char)*p != 0xe2) {
			p++;
			continue;
		}
		if ((n = break_len(p, end, breaks)) == 0) {
			p++;
			continue;
		}
		p += n;
		off = p - src;
		g_array_append_val(m->starts, off);
	}
	return m;
}

void
srcmap_free(struct srcmap *m)
{
	if (m == NULL)
		return;
	g_array_free(m->starts, TRUE);
	g_free(m);
}

unsigned
srcmap_lines(const struct srcmap *m)
{
	return m->starts->len;
}

/* Where the text of the line ending just before "next" (a line's start) ends. */
static size_t
text_end(const struct srcmap *m, size_t next)
{
	const unsigned char	*s = (const unsigned char *)m->src;

	if (s[next - 1] == '\n')
		return next >= 2 && s[next - 2] == '\r' ? next - 2 : next - 1;
	if (s[next - 1] == '\r')
		return next - 1;
	if (s[next - 1] == 0x85)
		return next - 2;		/* NEL, C2 85 */
	return next - 3;			/* LS or PS, E2 80 A8/A9 */
}

bool
srcmap_line(const struct srcmap *m, unsigned line, size_t *start, size_t *end)
{
	if (line >= m->starts->len)
		return false;
	*start = START(m, line);
	*end = line + 1 < m->starts->len ? text_end(m, START(m, line + 1)) : m->len;
	if (line == 0 && *start < m->bom)
		*start = m->bom;
	return true;
}

/* The line holding byte "off": the last whose start is at or before it. */
static unsigned
line_of(const struct srcmap *m, size_t off)
{
	unsigned	 lo = 0, hi = m->starts->len - 1, mid;

	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (START(m, mid) <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Characters in [from, to): each byte that is not a UTF-8 continuation. */
static unsigned
count_chars(const char *from, const char *to)
{
	unsigned	 n = 0;

	for (; from < to; from++)
		n += ((unsigned char)*from & 0xc0) != 0x80;
	return n;
}

struct co_pos
srcmap_pos(const struct srcmap *m, size_t off)
{
	struct co_pos	 pos;
	size_t		 start = 0, end = 0;

	if (off > m->len)
		off = m->len;
	pos.line = line_of(m, off);
	srcmap_line(m, pos.line, &start, &end);
	pos.col = off > start ? count_chars(m->src + start, m->src + MIN(off, end)) : 0;
	/* A byte inside a line break is at the line's end. */
	return pos;
}

struct co_pos
srcmap_pos_at(const struct srcmap *m, struct srcmap_cursor *c, size_t off)
{
	size_t		 start = 0, end = 0;

	if (off > m->len)
		off = m->len;
	if (c->valid && off >= c->off) {
		srcmap_line(m, c->pos.line, &start, &end);
		/* Still on the cursor's line: count on from it. */
		if (off <= end && (c->pos.line + 1 >= m->starts->len ||
		    off < START(m, c->pos.line + 1))) {
			c->pos.col += count_chars(m->src + c->off, m->src + MIN(off, end));
			c->off = off;
			return c->pos;
		}
	}
	c->pos = srcmap_pos(m, off);
	c->off = off;
	c->valid = true;
	return c->pos;
}

size_t
srcmap_offset(const struct srcmap *m, struct co_pos pos)
{
	const char	*p, *end;
	size_t		 start, stop;
	unsigned	 i;

	if (!srcmap_line(m, pos.line, &start, &stop))
		return m->len;
	p = m->src + start;
	end = m->src + stop;
	for (i = 0; i < pos.col && p < end; i++)
		p = g_utf8_next_char(p);
	return p < end ? (size_t)(p - m->src) : stop;
}

size_t
srcmap_offset_at(const struct srcmap *m, struct srcmap_cursor *c, struct co_pos pos)
{
	const char	*p, *end;
	size_t		 start = 0, stop = 0;
	unsigned	 col;

	if (!c->valid || pos.line != c->pos.line || pos.col < c->pos.col) {
		c->off = srcmap_offset(m, pos);
		c->pos = pos;
		c->valid = true;
		return c->off;
	}
	/* On along the cursor's line. */
	srcmap_line(m, pos.line, &start, &stop);
	p = m->src + c->off;
	end = m->src + stop;
	for (col = c->pos.col; col < pos.col && p < end; col++)
		p = g_utf8_next_char(p);
	c->off = p < end ? (size_t)(p - m->src) : stop;
	c->pos = pos;
	return c->off;
}
