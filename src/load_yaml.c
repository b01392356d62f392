/* load_yaml.c: turns libyaml events into a plain tree, with limits and duplicate-key checks. */
#include <glib.h>
#include <stdint.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "build.h"
#include "model.h"
#include "nfc.h"
#include "srcmap.h"
#include "yaml_lint.h"
#include "ytree.h"

#define MAX_DEPTH	64
#define MAX_NODES	1000000

struct loader {
	struct co_diags	*diags;			/* messages */
	struct arena	*arena;			/* owns the tree */
	const char	*src;			/* the text */
	size_t		 srclen;		/* its bytes */
	yaml_parser_t	 parser;
	struct ynode	*stack[MAX_DEPTH + 1];	/* open collections */
	GHashTable	*keys[MAX_DEPTH + 1];	/* keys seen per open mapping */
	int		 depth;			/* entries in stack */
	long		 nodes;			/* nodes made */
	struct srcmap_cursor cursor;		/* the last place made an offset */
	struct ynode	*root;			/* the document's node */
	int		 ndocs;			/* documents started */
	size_t		 quoted_key;		/* where the last quoted key starts, or SIZE_MAX */
};

static struct co_pos
mark_pos(yaml_mark_t m)
{
	struct co_pos	 p;

	p.line = m.line;
	p.col = m.column;
	return p;
}

/* Reports a libyaml failure, adding what a non-programmer needs to fix it. */
static void
report_parser_error(struct loader *ld)
{
	yaml_parser_t		*p = &ld->parser;
	const struct srcmap	*map;
	struct co_pos		 pos;
	const char		*c;

	pos = mark_pos(p->problem_mark);
	/* The character at the mark: a tab is the usual culprit. */
	c = NULL;
	if ((map = diags_map(ld->diags)) != NULL && pos.line < srcmap_lines(map))
		c = ld->src + srcmap_offset(map, pos);
	if (c != NULL && *c == '\t') {
		co_diag(ld->diags, pos, CO_DIAG_E_TAB, NULL);
		co_diag(ld->diags, pos, CO_DIAG_HINT,
		    "indent with spaces; YAML does not allow tabs");
		return;
	}
	/* A quoted key over two lines: libyaml complains of a ':' elsewhere. */
	if (map != NULL && pos.line < srcmap_lines(map) &&
	    (ylint_split_key(ld->diags, ld->src, ld->srclen, srcmap_offset(map, pos),
	    ld->quoted_key) || (p->context != NULL && ylint_split_key(ld->diags, ld->src,
	    ld->srclen, srcmap_offset(map, mark_pos(p->context_mark)), ld->quoted_key))))
		return;
	/*
	 * A key without its ':' ("date 2019-04-26"): libyaml notices only on
	 * a later line, but knows where the key began.  Point there.
	 */
	if (p->problem != NULL && strstr(p->problem, "could not find expected ':'") &&
	    p->context != NULL && strstr(p->context, "simple key")) {
		co_diag(ld->diags, mark_pos(p->context_mark), CO_DIAG_E_SYNTAX,
		    "expected ':' after the key on this line");
		co_diag(ld->diags, mark_pos(p->context_mark), CO_DIAG_HINT,
		    "write 'key: value' with a space after the ':'; text that goes on "
		    "over several lines needs '|' after its key and an indented block");
		return;
	}
	if (p->context != NULL)
		co_diag(ld->diags, pos, CO_DIAG_E_SYNTAX, "%s %s", p->problem, p->context);
	else
		co_diag(ld->diags, pos, CO_DIAG_E_SYNTAX, "%s", p->problem ? p->problem : "unknown");
	/* libyaml knows where the construct it could not finish began. */
	if (p->context != NULL && p->context_mark.line != p->problem_mark.line)
		co_diag(ld->diags, mark_pos(p->context_mark), CO_DIAG_HINT,
		    "the unfinished part starts here; check its closing quote or bracket");
	if (p->problem != NULL && strstr(p->problem, "mapping values are not allowed"))
		co_diag(ld->diags, pos, CO_DIAG_HINT,
		    "a value containing ': ' must be quoted, or written as a block after '|'");
	else if (p->problem != NULL && strstr(p->problem, "could not find expected ':'"))
		co_diag(ld->diags, pos, CO_DIAG_HINT,
		    "check the indentation of the line above, or quote text that starts with a special character");
}

/*
 * The byte offset of mark "m" (its line and column through the source's
 * one map); events come in source order, so a cursor keeps this linear.
 */
static size_t
mark_offset(struct loader *ld, yaml_mark_t m)
{
	const struct srcmap	*map = diags_map(ld->diags);

	if (map == NULL)
		return 0;
	return srcmap_offset_at(map, &ld->cursor, mark_pos(m));
}

static struct ynode *
node_new(struct loader *ld, enum ytype type, yaml_mark_t m)
{
	struct ynode	*n;

	n = arena_alloc(ld->arena, sizeof(*n));
	n->type = type;
	n->pos = mark_pos(m);
	n->off = mark_offset(ld, m);
	ld->nodes++;
	return n;
}

/* Adds "n" to the innermost open collection; false after a reported error. */
static bool
attach(struct loader *ld, struct ynode *n)
{
	struct ynode	*parent;
	GHashTable	*seen;
	struct ynode	*old;

	if (ld->nodes > MAX_NODES) {
		co_diag(ld->diags, n->pos, CO_DIAG_E_NODES, "more than %d", MAX_NODES);
		return false;
	}
	if (ld->depth == 0) {
		ld->root = n;
		return true;
	}
	parent = ld->stack[ld->depth - 1];
	/* A key position in a mapping: check for duplicates. */
	if (parent->type == Y_MAP && parent->count % 2 == 0) {
		if (n->type != Y_SCALAR) {
			co_diag(ld->diags, n->pos, CO_DIAG_E_TYPE,
			    "a key must be a plain word, not a list or mapping");
			return false;
		}
		seen = ld->keys[ld->depth - 1];
		old = g_hash_table_lookup(seen, n->str);
		if (old != NULL) {
			co_diag(ld->diags, n->pos, CO_DIAG_E_DUPKEY, "'%s'", n->str);
			co_diag(ld->diags, old->pos, CO_DIAG_HINT,
			    "'%s' was first given here", n->str);
			n->dup = true;
		} else
			g_hash_table_insert(seen, (gpointer)n->str, n);
	} else if (parent->type == Y_MAP)
		n->key = parent->last;
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
	parent->count++;
	return true;
}

static bool
push(struct loader *ld, struct ynode *n)
{
	if (ld->depth >= MAX_DEPTH) {
		co_diag(ld->diags, n->pos, CO_DIAG_E_DEPTH,
		    "more than %d levels", MAX_DEPTH);
		return false;
	}
	if (!attach(ld, n))
		return false;
	ld->keys[ld->depth] = n->type == Y_MAP ?
	    g_hash_table_new(g_str_hash, g_str_equal) : NULL;
	ld->stack[ld->depth++] = n;
	return true;
}

static void
pop(struct loader *ld)
{
	ld->depth--;
	if (ld->keys[ld->depth] != NULL)
		g_hash_table_destroy(ld->keys[ld->depth]);
	ld->keys[ld->depth] = NULL;
}

/* Refuses tags and anchors; true if the event may be used. */
static bool
check_props(struct loader *ld, yaml_mark_t m, const yaml_char_t *tag,
    const yaml_char_t *anchor, bool implicit)
{
	if (tag != NULL && !implicit) {
		co_diag(ld->diags, mark_pos(m), CO_DIAG_E_TAG, "'%s'", (const char *)tag);
		co_diag(ld->diags, mark_pos(m), CO_DIAG_HINT,
		    "write the value itself; quote it if it starts with '!'");
		return false;
	}
	if (anchor != NULL) {
		co_diag(ld->diags, mark_pos(m), CO_DIAG_E_ALIAS, "anchor '&%s'",
		    (const char *)anchor);
		co_diag(ld->diags, mark_pos(m), CO_DIAG_HINT,
		    "write each value out in full; quote text that starts with '&'");
		return false;
	}
	return true;
}

/*
 * doc.c refuses the characters no report may hold when they are written
 * raw; double-quoted escapes ("\e", "\0", "\x80", "\uFFFE") make them
 * too, and XML could not hold them: refuse those the same way, at the
 * escape.
 */
static void
check_chars(struct loader *ld, const struct ynode *n, const struct ylint_scalar *ls)
{
	struct co_pos	 pos = n->pos;
	size_t		 at;

	if (build_forbidden(n->str, n->len, &(unsigned){ 0 }) == NULL)
		return;
	if (ls->style == YLINT_DOUBLE && diags_map(ld->diags) != NULL &&
	    (at = ylint_bad_escape(ld->src, ls->start, ls->end)) < ls->end)
		pos = srcmap_pos(diags_map(ld->diags), at);
	build_check_chars(ld->diags, pos, n->str, n->len);
	co_diag(ld->diags, pos, CO_DIAG_HINT,
	    "delete the escape that makes it (such as \\e, \\0 or \\x80): "
	    "it cannot be printed");
}

/*
 * Keeps a scalar's text in normal form C, so that "a" and U+0308 is "ä"
 * as if typed as one; the text as libyaml gave it stays beside it, for
 * build.c to map places in the source through.  A NUL (from "\0", an
 * error already said) is kept as the two characters \0, so that messages
 * that quote the text are not cut at it.
 */
static void
keep_text(struct loader *ld, struct ynode *n, const char *s, size_t len)
{
	GString		*shown;
	char		*t;
	size_t		 tlen, i;

	if (memchr(s, '\0', len) != NULL) {
		shown = g_string_sized_new(len + 8);
		for (i = 0; i < len; i++)
			if (s[i] == '\0')
				g_string_append(shown, "\\0");
			else
				g_string_append_c(shown, s[i]);
		n->str = arena_strndup(ld->arena, shown->str, shown->len);
		n->len = shown->len;
		g_string_free(shown, TRUE);
		return;
	}
	if ((t = nfc_text(s, len, &tlen)) != NULL) {
		n->raw = arena_strndup(ld->arena, s, len);
		n->rawlen = len;
		n->str = arena_strndup(ld->arena, t, tlen);
		n->len = tlen;
		g_free(t);
		return;
	}
	n->str = arena_strndup(ld->arena, s, len);
	n->len = len;
}

/* True if the next node attached is a mapping's key. */
static bool
at_key(const struct loader *ld)
{
	const struct ynode	*parent;

	if (ld->depth == 0)
		return false;
	parent = ld->stack[ld->depth - 1];
	return parent->type == Y_MAP && parent->count % 2 == 0;
}

/* A scalar event's node: its text, its checks, then into the tree. */
static bool
scalar(struct loader *ld, yaml_event_t *ev)
{
	struct ynode		*n;
	struct ylint_scalar	 ls;
	const char		*value = (const char *)ev->data.scalar.value;
	size_t			 len = ev->data.scalar.length;

	n = node_new(ld, Y_SCALAR, ev->start_mark);
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		ls.style = YLINT_SINGLE;
		break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		ls.style = YLINT_DOUBLE;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		ls.style = YLINT_BLOCK;
		break;
	case YAML_ANY_SCALAR_STYLE:
	case YAML_PLAIN_SCALAR_STYLE:
	default:
		ls.style = YLINT_PLAIN;
		break;
	}
	ls.key = at_key(ld);
	ls.start = n->off;
	/* Only quoted and block scalars have anything to look at around them. */
	ls.end = ls.style == YLINT_PLAIN ? n->off : mark_offset(ld, ev->end_mark);
	n->plain = ls.style == YLINT_PLAIN;
	n->literal = ls.style == YLINT_BLOCK;
	if (ls.style != YLINT_PLAIN)
		ylint_scalar(ld->diags, ld->src, ld->srclen, &ls);
	if (ls.key && (ls.style == YLINT_SINGLE || ls.style == YLINT_DOUBLE))
		ld->quoted_key = ls.start;
	n->str = value;
	n->len = len;
	check_chars(ld, n, &ls);
	keep_text(ld, n, value, len);
	return attach(ld, n);
}

/* Handles one event; false stops the parse. */
static bool
handle(struct loader *ld, yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++ld->ndocs > 1) {
			co_diag(ld->diags, mark_pos(ev->start_mark), CO_DIAG_E_MULTIDOC, NULL);
			co_diag(ld->diags, mark_pos(ev->start_mark), CO_DIAG_HINT,
			    "remove the '---' line, or split the file in two");
			return false;
		}
		return true;
	case YAML_SCALAR_EVENT:
		if (!check_props(ld, ev->start_mark, ev->data.scalar.tag,
		    ev->data.scalar.anchor, ev->data.scalar.plain_implicit ||
		    ev->data.scalar.quoted_implicit))
			return false;
		return scalar(ld, ev);
	case YAML_SEQUENCE_START_EVENT:
		if (!check_props(ld, ev->start_mark, ev->data.sequence_start.tag,
		    ev->data.sequence_start.anchor, ev->data.sequence_start.implicit))
			return false;
		return push(ld, node_new(ld, Y_SEQ, ev->start_mark));
	case YAML_MAPPING_START_EVENT:
		if (!check_props(ld, ev->start_mark, ev->data.mapping_start.tag,
		    ev->data.mapping_start.anchor, ev->data.mapping_start.implicit))
			return false;
		return push(ld, node_new(ld, Y_MAP, ev->start_mark));
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		pop(ld);
		return true;
	case YAML_ALIAS_EVENT:
		co_diag(ld->diags, mark_pos(ev->start_mark), CO_DIAG_E_ALIAS,
		    "alias '*%s'", (const char *)ev->data.alias.anchor);
		co_diag(ld->diags, mark_pos(ev->start_mark), CO_DIAG_HINT,
		    "write the value out in full; quote text that starts with '*'");
		return false;
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return true;
	}
	return true;
}

struct ynode *
yaml_tree_load(struct co_diags *diags, struct arena *arena, const char *src, size_t len)
{
	struct loader	 ld;
	yaml_event_t	 ev;
	bool		 ok, done;

	memset(&ld, 0, sizeof(ld));
	ld.diags = diags;
	ld.arena = arena;
	ld.src = src;
	ld.srclen = len;
	ld.quoted_key = SIZE_MAX;
	/* Nothing but comments and markers: no tree, however libyaml takes it. */
	if (ylint_empty(src, len))
		return NULL;
	if (!yaml_parser_initialize(&ld.parser))
		g_error("out of memory");
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)src, len);
	ok = true;
	done = false;
	while (ok && !done) {
		if (!yaml_parser_parse(&ld.parser, &ev)) {
			report_parser_error(&ld);
			ok = false;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		ok = handle(&ld, &ev);
		yaml_event_delete(&ev);
	}
	while (ld.depth > 0)
		pop(&ld);
	yaml_parser_delete(&ld.parser);
	/* Duplicate keys and bad characters still let build.c report more. */
	if (!ok)
		return NULL;
	return ld.root;
}
