/* arena.c: bump allocator; a document's nodes and strings die together in arena_free(). */
#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "arena.h"

#define CHUNK_SIZE (64 * 1024)

struct chunk {
	struct chunk	*prev;		/* older chunk, freed after this one */
	size_t		 size;		/* usable bytes in data */
	size_t		 used;		/* bytes handed out */
	char		 data[];	/* the memory itself */
};

struct arena {
	struct chunk	*head;		/* chunk being filled */
	size_t		 total;		/* bytes handed out, for statistics */
};

struct arena *
arena_new(void)
{
	return g_new0(struct arena, 1);
}

void
arena_free(struct arena *a)
{
	struct chunk	*c, *prev;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = prev) {
		prev = c->prev;
		g_free(c);
	}
	g_free(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk	*c;
	size_t		 size;
	void		*p;

	n = (n + 15) & ~(size_t)15;
	c = a->head;
	if (c == NULL || c->size - c->used < n) {
		/* Big requests get a chunk of their own so small ones keep filling the head. */
		size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;
		c = g_malloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		if (size == n && a->head != NULL) {
			c->prev = a->head->prev;
			a->head->prev = c;
		} else {
			c->prev = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*tmp, *p;

	va_start(ap, fmt);
	tmp = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	p = arena_strdup(a, tmp);
	g_free(tmp);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}
