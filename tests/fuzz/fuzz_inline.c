/*
 * fuzz_inline.c: libFuzzer target for the prose syntax (prose_blocks,
 * CommonMark through cmark-gfm, into model blocks).  The first byte picks
 * a text of many lines or of one (which is one paragraph), with or without
 * a map of source places; the rest is the text, which must be what the
 * loader lets through (UTF-8 without control characters).
 * Checks: text nodes are non-empty UTF-8, links only to http, https or
 * mailto and never inside a link, every place inside the text, and spans
 * nested a bounded depth.
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "prose.h"
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
		if (n->pos.line > lines || n->pos.col > cols) {
			fprintf(stderr, "fuzz_inline: a %d node at %u:%u, the text %u:%u\n",
			    n->kind, n->pos.line, n->pos.col, lines, cols);
			abort();
		}
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
			    !g_utf8_validate(n->as.text.str, -1, NULL)) {
				fprintf(stderr, "fuzz_inline: text '%s' under a %d node\n",
				    n->as.text.str, n->parent->kind);
				abort();
			}
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
	struct prose_src src;
	struct co_pos	 at = { 1, 1 };
	size_t		*offsets = NULL, len, i;
	unsigned	 lines = 1, col = 0, maxcol = 0;
	char		*text;
	int		 mode;

	if (size < 1)
		return 0;
	mode = data[0];
	len = size - 1;
	if (!acceptable((const char *)data + 1, len))
		return 0;
	text = g_strndup((const char *)data + 1, len);
	len = strlen(text);
	/* One line: what a single-line YAML value gives. */
	if (mode & 1)
		for (i = 0; i < len; i++)
			if (text[i] == '\n' || text[i] == '\r')
				text[i] = ' ';
	for (i = 0; i < len; i++) {
		/* A lone CR, NEL, LS and PS end a line too, as libyaml and srcmap.c count. */
		if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n') ||
		    (i + 1 < len && (guchar)text[i] == 0xc2 && (guchar)text[i + 1] == 0x85) ||
		    (i + 2 < len && (guchar)text[i] == 0xe2 && (guchar)text[i + 1] == 0x80 &&
		    ((guchar)text[i + 2] == 0xa8 || (guchar)text[i + 2] == 0xa9))) {
			lines++;
			col = 0;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80 && ++col > maxcol)
			maxcol = col;
	}
	doc = g_new0(struct co_doc, 1);
	doc->arena = arena_new();
	doc->path = "fuzz";
	doc->src = text;
	doc->srclen = len;
	diags_init(&doc->diags, "fuzz", quiet, NULL, NULL, NULL);
	diags_set_source(&doc->diags, doc->src, len, SRCMAP_YAML);
	/* A map as the loader makes one: the value is the source itself. */
	if (mode & 2) {
		offsets = g_new(size_t, len + 1);
		for (i = 0; i <= len; i++)
			offsets[i] = i;
	}
	memset(&src, 0, sizeof(src));
	src.text = text;
	src.len = len;
	src.offsets = offsets;
	src.at = at;
	src.where = "fuzz";
	top = model_node_new(doc, CO_KIND_SECTION, at);
	prose_blocks(doc, top, &src);
	check(top, lines + 1, maxcol + 2);
	g_free(offsets);
	diags_free(&doc->diags);
	arena_free(doc->arena);
	g_free(doc->src);
	g_free(doc);
	return 0;
}
