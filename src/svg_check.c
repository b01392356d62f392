/*
 * svg_check.c: what an SVG would cost librsvg, bounded before librsvg sees
 * it.  A 4 KB file of nested <use> elements makes librsvg draw millions of
 * shapes (3 s and 431 MB), so the drawing is counted first with libxml2:
 * each element once, and again wherever a <use> or a url(#id) draws it.
 */
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "svg_check.h"

#define MAX_SVG_ELEMENTS	50000	/* in the file */
#define MAX_SVG_DRAWN		200000	/* drawn, each reference counted in full */
#define MAX_SVG_CHAIN		64	/* references followed inside each other */

struct count {
	GHashTable	*ids;		/* id → its element */
	GHashTable	*cost;		/* element → what drawing it draws, or IN_PROGRESS */
	const char	*why;		/* set when the drawing is refused */
	int		 depth;		/* references being followed */
};

#define IN_PROGRESS	GINT_TO_POINTER(-1)

static gint64 cost_of(struct count *, xmlNode *);

/* The element "#id" or "url(#id)" names, or NULL. */
static xmlNode *
target(struct count *c, const char *value)
{
	const char	*p = strstr(value, "#"), *end;
	char		*id;
	xmlNode		*n;

	if (p == NULL)
		return NULL;
	/* Only a reference into this file: "#id", "url(#id)", "url('#id')". */
	if (p != value && strncmp(value, "url(", 4) != 0)
		return NULL;
	p++;
	for (end = p; *end != '\0' && *end != ')' && *end != '\'' && *end != '"'; end++)
		;
	id = g_strndup(p, end - p);
	n = g_hash_table_lookup(c->ids, id);
	g_free(id);
	return n;
}

/* What its attributes draw again: a <use>'s href, fills and masks by url(#…). */
static gint64
references(struct count *c, xmlNode *el)
{
	xmlAttr	*a;
	xmlNode	*t;
	xmlChar	*v;
	gint64	 sum = 0;

	for (a = el->properties; a != NULL && c->why == NULL; a = a->next) {
		if ((v = xmlNodeGetContent((xmlNode *)a)) == NULL)
			continue;
		if ((t = target(c, (const char *)v)) != NULL) {
			if (++c->depth > MAX_SVG_CHAIN)
				c->why = "its references go too deep";
			else
				sum += cost_of(c, t);
			c->depth--;
		}
		xmlFree(v);
	}
	return sum;
}

static gint64
cost_of(struct count *c, xmlNode *el)
{
	gpointer	 known;
	xmlNode		*k;
	gint64		 sum = 1;

	if (c->why != NULL)
		return 0;
	if (g_hash_table_lookup_extended(c->cost, el, NULL, &known)) {
		if (known == IN_PROGRESS) {
			c->why = "it refers to itself";
			return 0;
		}
		return *(gint64 *)known;
	}
	g_hash_table_insert(c->cost, el, IN_PROGRESS);
	sum += references(c, el);
	for (k = el->children; k != NULL && c->why == NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE && (sum += cost_of(c, k)) > MAX_SVG_DRAWN)
			break;
	if (sum > MAX_SVG_DRAWN && c->why == NULL)
		c->why = "it draws more than 200000 shapes (nested <use> or patterns)";
	g_hash_table_insert(c->cost, el, g_memdup2(&sum, sizeof(sum)));
	return sum;
}

/* Every element by its id; false past MAX_SVG_ELEMENTS. */
static bool
index_ids(struct count *c, xmlNode *n, int *seen)
{
	xmlChar	*id;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (++*seen > MAX_SVG_ELEMENTS)
			return false;
		if ((id = xmlGetProp(n, (const xmlChar *)"id")) != NULL) {
			g_hash_table_insert(c->ids, g_strdup((const char *)id), n);
			xmlFree(id);
		}
		if (!index_ids(c, n->children, seen))
			return false;
	}
	return true;
}

static void
free_cost(gpointer p)
{
	if (p != IN_PROGRESS)
		g_free(p);
}

const char *
svg_check(const char *path)
{
	struct count	 c;
	xmlDoc		*doc;
	int		 seen = 0;

	/* No network, no entities expanded: libxml2's own limits on depth hold. */
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return "it is not a valid SVG file";
	}
	c.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.cost = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_cost);
	c.why = NULL;
	c.depth = 0;
	if (!index_ids(&c, xmlDocGetRootElement(doc), &seen))
		c.why = "it has more than 50000 elements";
	else
		cost_of(&c, xmlDocGetRootElement(doc));
	g_hash_table_destroy(c.cost);
	g_hash_table_destroy(c.ids);
	xmlFreeDoc(doc);
	return c.why;
}
