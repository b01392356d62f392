/* arena.h: bump allocator owning every node and string of one document (all of the core). */
#ifndef CO_ARENA_H
#define CO_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
/* Zeroed memory valid until arena_free(); never NULL (GLib aborts on exhaustion). */
void		*arena_alloc(struct arena *, size_t);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
size_t		 arena_used(const struct arena *);

#endif
