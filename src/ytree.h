/* ytree.h: the plain YAML tree load_yaml.c hands to build.c (those two files only). */
#ifndef CO_YTREE_H
#define CO_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum ytype {
	Y_SCALAR,		/* text */
	Y_SEQ,			/* list */
	Y_MAP			/* mapping: children alternate key, value */
};

struct ynode {
	enum ytype	 type;		/* what it is */
	struct co_pos	 pos;		/* where it starts */
	size_t		 off;		/* byte offset of pos in the source */
	const char	*str;		/* scalar text, NUL-terminated */
	size_t		 len;		/* scalar bytes */
	const char	*raw;		/* the text as libyaml gave it, if NFC changed it; else NULL */
	size_t		 rawlen;	/* its bytes */
	bool		 literal;	/* block scalar (| or >) */
	bool		 plain;		/* unquoted scalar */
	bool		 dup;		/* a repeated key: build.c skips the pair */
	const struct ynode *key;	/* the key this is the value of, or NULL */
	int		 count;		/* children (map: keys + values) */
	struct ynode	*first;		/* first child */
	struct ynode	*last;		/* last child */
	struct ynode	*next;		/* next sibling */
};

struct arena;
struct co_diags;
struct co_doc;

/*
 * Parses the len bytes at src into a tree in "arena", with messages to
 * "diags" (whose source is src); NULL after an error.
 */
struct ynode	*yaml_tree_load(struct co_diags *, struct arena *, const char *src,
		    size_t len);
/* Fills the model from the tree, reporting every mistake. */
void		 build_from_yaml(struct co_doc *, const struct ynode *);

#endif
