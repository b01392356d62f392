/* load.h: the XML loader (doc.c calls it; load_xml.c implements it). */
#ifndef CO_LOAD_H
#define CO_LOAD_H

#include "model.h"

/* Fills the model from doc->src, an XML report valid against our XSD. */
void	 load_xml(struct co_doc *);

#endif
