/* validate.h: the format's rules on the finished model (doc.c calls it after either loader). */
#ifndef CO_VALIDATE_H
#define CO_VALIDATE_H

#include "model.h"

/*
 * Checks what the loaders leave to it, the same for YAML and XML, and
 * normalizes typed values: dates and months to ISO, amounts to their
 * canonical form.  A value that does not pass is reported and dropped.
 */
void	 validate_doc(struct co_doc *);

#endif
