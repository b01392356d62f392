/*
 * fuzz_inline.c: libFuzzer target for the prose and inline syntax
 * (prose_parse, inline_parse).  The first byte picks prose or inline text,
 * with or without a map of source places; the rest is the text, which must
 * be what the loader lets through (UTF-8 without control characters).
 * Checks: text nodes are non-empty UTF-8, links only to http, https or
 * mailto and never inside a link, every place inside the text, and spans
 * nested a bounded depth.
 */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "srcmap.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
quiet(enum co_level level, const char *text, void *arg)
{
	(void)level;
	(void)arg;
	if (!g_utf8_validate(text, -1, NULL))
		abort();
}

/* What check_encoding() in doc.c lets through. */
static bool
acceptable(const char *s, size_t len)
{
	size_t	 i;

	if (!g_utf8_validate(s, len, NULL))
		return false;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r') || s[i] == 0x7f)
			return false;
	return true;
}

static void
check(const struct co_node *top, unsigned lines, unsigned cols)
{
	const struct co_node	*n, *p;
	int			 depth;

	for (n = top->first; n != NULL; n = model_next(n, top)) {
		if (n->pos.line > lines || n->pos.col > cols)
			abort();
		depth = 0;
		for (p = n->parent; p != top; p = p->parent) {
			depth++;
			if (n->kind == CO_KIND_LINK && p->kind == CO_KIND_LINK)
				abort();
		}
		if (depth > 40)
			abort();
		switch (n->kind) {
		case CO_KIND_TEXT:
			if (n->as.text.str[0] == '\0' ||
			    !g_utf8_validate(n->as.text.str, -1, NULL))
				abort();
			break;
		case CO_KIND_LINK:
			if (!href_valid(n->as.link.href) || n->first == NULL)
				abort();
			break;
		default:
			break;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct co_doc	*doc;
	struct co_node	*top;
	struct co_pos	*map = NULL, at = { 0, 0 }, cur = { 0, 0 };
	const char	*s;
	unsigned	 maxcol = 0;
	size_t		 len, i;
	int		 mode;

	if (size < 1)
		return 0;
	mode = data[0];
	s = (const char *)data + 1;
	len = size - 1;
	if (!acceptable(s, len))
		return 0;
	doc = g_new0(struct co_doc, 1);
	doc->arena = arena_new();
	doc->path = "fuzz";
	doc->src = g_strndup(s, len);
	doc->srclen = len;
	diags_init(&doc->diags, "fuzz", quiet, NULL, NULL, NULL);
	diags_set_source(&doc->diags, doc->src, len, SRCMAP_YAML);
	/* A map as the loader makes one: line and column of every byte. */
	if (mode & 2) {
		map = g_new(struct co_pos, len + 1);
		for (i = 0; i < len; i++) {
			map[i] = cur;
			if (s[i] == '\n') {
				cur.line++;
				cur.col = 0;
			} else if (((unsigned char)s[i] & 0xc0) != 0x80)
				cur.col++;
			if (cur.col > maxcol)
				maxcol = cur.col;
		}
		map[len] = cur;
	}
	top = model_node_new(doc, (mode & 1) ? CO_KIND_SECTION : CO_KIND_PARA, at);
	if (mode & 1)
		prose_parse(doc, top, doc->src, strlen(doc->src), map, at);
	else
		inline_parse(doc, top, doc->src, strlen(doc->src), map, at);
	check(top, cur.line, maxcol);
	g_free(map);
	diags_free(&doc->diags);
	arena_free(doc->arena);
	g_free(doc->src);
	g_free(doc);
	return 0;
}
