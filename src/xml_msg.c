/* xml_msg.c: turns libxml2's error messages into closeout's: limits said as limits, no advice about parser options. */
#include <glib.h>
#include <string.h>

#include "xml_msg.h"

/* libxml2's limits without XML_PARSE_HUGE (parserInternals.h), as they read in a message. */
#define TEXT_LIMIT	"10,000,000 bytes"	/* XML_MAX_TEXT_LENGTH, XML_MAX_LOOKUP_LIMIT */
#define NAME_LIMIT	"50,000 characters"	/* XML_MAX_NAME_LENGTH */

/* True if libxml2's message (or its first string) holds "s". */
static bool
says(const xmlError *err, const char *s)
{
	return (err->message != NULL && strstr(err->message, s) != NULL) ||
	    (err->str1 != NULL && strstr(err->str1, s) != NULL);
}

/* The limit "err" reports, in our words, or NULL if it is no limit. */
static char *
limit(const xmlError *err)
{
	if (err->domain != XML_FROM_PARSER)
		return NULL;
	switch (err->code) {
	case XML_ERR_INTERNAL_ERROR:
		if (says(err, "Excessive depth"))
			return g_strdup_printf("nesting deeper than %d elements",
			    err->int1 > 0 ? err->int1 : 256);
		if (says(err, "Huge input lookup"))
			return g_strdup("a text or a tag longer than " TEXT_LIMIT);
		break;
	case XML_ERR_NO_MEMORY:
		if (says(err, "huge text node"))
			return g_strdup("a text longer than " TEXT_LIMIT);
		break;
	case XML_ERR_NAME_TOO_LONG:
		return g_strdup("a name longer than " NAME_LIMIT);
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
		if (says(err, "too long"))
			return g_strdup("an attribute value longer than " TEXT_LIMIT);
		break;
	case XML_ERR_COMMENT_NOT_FINISHED:
		if (says(err, "too big"))
			return g_strdup("a comment longer than " TEXT_LIMIT);
		break;
	case XML_ERR_CDATA_NOT_FINISHED:
		if (says(err, "too big"))
			return g_strdup("a CDATA section longer than " TEXT_LIMIT);
		break;
	case XML_ERR_PI_NOT_FINISHED:
		if (says(err, "too big"))
			return g_strdup("a processing instruction longer than " TEXT_LIMIT);
		break;
	case XML_ERR_ENTITY_LOOP:
		/* Not reached while a DOCTYPE stops the parse (load_xml.c). */
		return g_strdup("entities that expand without end");
	default:
		break;
	}
	return NULL;
}

/*
 * libxml2's message without "use XML_PARSE_HUGE option" and the like, nor
 * "internal error:" before it.
 */
static char *
plain(const char *msg)
{
	char	*s, *opt, *cut, *p;

	s = g_strstrip(g_strdup(msg != NULL ? msg : "unknown error"));
	if (g_str_has_prefix(s, "internal error: "))
		memmove(s, s + strlen("internal error: "), strlen(s + strlen("internal error: ")) + 1);
	if ((opt = strstr(s, "XML_PARSE_")) != NULL) {
		/* Back to the "use" or "try" that gives the advice. */
		cut = opt;
		for (p = opt; p > s; p--)
			if (g_str_has_prefix(p, "use ") || g_str_has_prefix(p, "try ") ||
			    g_str_has_prefix(p, "Use ") || g_str_has_prefix(p, "Try ")) {
				cut = p;
				break;
			}
		*cut = '\0';
		for (p = cut; p > s && strchr(" ,;:(", p[-1]) != NULL; p--)
			p[-1] = '\0';
	}
	return s;
}

struct xml_msg
xml_msg(const xmlError *err)
{
	struct xml_msg	 m = { CO_DIAG_E_SYNTAX, NULL, NULL, false };

	if ((m.text = limit(err)) != NULL) {
		m.id = CO_DIAG_E_LIMIT;
		m.hint = "closeout's own XML stays far below this: this does not look like "
		    "a report closeout wrote";
		m.stop = true;
		return m;
	}
	/* Comments only, or nothing after the XML declaration. */
	if (err->domain == XML_FROM_PARSER && err->code == XML_ERR_DOCUMENT_EMPTY) {
		m.id = CO_DIAG_E_NO_REPORT;
		m.text = g_strdup("the file holds no element");
		m.hint = "a closeout XML report starts with "
		    "<report xmlns=\"urn:closeout:report:2\" version=\"2\">";
		m.stop = true;
		return m;
	}
	if (err->domain == XML_FROM_SCHEMASV)
		m.id = CO_DIAG_E_SCHEMA;
	m.text = plain(err->message);
	return m;
}
