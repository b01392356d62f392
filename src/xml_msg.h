/* xml_msg.h: libxml2's errors said in closeout's words (load_xml.c only). */
#ifndef CO_XML_MSG_H
#define CO_XML_MSG_H

#include <stdbool.h>
#include <libxml/xmlerror.h>

#include "diag.h"

/* What one libxml2 error becomes. */
struct xml_msg {
	enum co_diag_id	 id;		/* E_LIMIT, E_NO_REPORT, E_SYNTAX or E_SCHEMA */
	char		*text;		/* the message after the id's words (g_free) */
	const char	*hint;		/* a hint to go with it, or NULL */
	bool		 stop;		/* a limit: what libxml2 says after it only follows from it */
};

/*
 * The message for libxml2's error "err": a limit it reached, in our words
 * ("nesting deeper than 256 elements"), or its own message without its
 * advice about parser options, which are ours to set, not the author's.
 */
struct xml_msg	 xml_msg(const xmlError *err);

#endif
