/* number.h: numbering pass (doc.c calls it once the model is complete). */
#ifndef CO_NUMBER_H
#define CO_NUMBER_H

#include "model.h"

/* Numbers headings 1, 1.2, …, fills default titles, proposal numbers, budget totals. */
void	 number_doc(struct co_doc *);

#endif
