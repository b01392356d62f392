/* csv.h: spreadsheet rows, quoted as RFC 4180 says (cmd_batch.c). */
#ifndef CO_CSV_H
#define CO_CSV_H

#include <glib.h>

/*
 * Appends one field to the row in "out", after a comma unless it is the
 * row's first.  A field with a comma, a double quote, CR or LF is quoted,
 * its quotes doubled; NULL is an empty field.
 */
void	 csv_field(GString *out, const char *field);
void	 csv_fieldf(GString *out, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Ends the row with CRLF, as RFC 4180 and spreadsheets expect. */
void	 csv_end(GString *out);

#endif
