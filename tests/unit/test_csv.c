/* test_csv.c: the CSV writer of batch --summary quotes what RFC 4180 says it must. */
#include <glib.h>

#include "csv.c"	/* the command line's, not the core's: built in here */
#include "harness.h"

int
main(void)
{
	GString	*out = g_string_new(NULL);

	csv_field(out, "plain");
	csv_field(out, "a, b");
	csv_field(out, "say \"hi\"");
	csv_field(out, "two\nlines");
	csv_field(out, "cr\rhere");
	csv_field(out, NULL);
	csv_field(out, "");
	csv_end(out);
	STR_EQ(out->str, "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,\r\n");

	/* The next row starts without a comma, even after a field that ends in a line end. */
	g_string_truncate(out, 0);
	csv_field(out, "x\n");
	csv_fieldf(out, "%d", 42);
	csv_end(out);
	csv_field(out, "y");
	csv_end(out);
	STR_EQ(out->str, "\"x\n\",42\r\ny\r\n");

	/* An empty field first in its row: quoted, so that the next one has its comma. */
	g_string_truncate(out, 0);
	csv_field(out, NULL);
	csv_field(out, "b");
	csv_end(out);
	csv_field(out, "");
	csv_end(out);
	STR_EQ(out->str, "\"\",b\r\n\"\"\r\n");

	/* Non-ASCII passes unquoted, byte for byte. */
	g_string_truncate(out, 0);
	csv_field(out, "Järjestö");
	csv_field(out, "Västkusten");
	STR_EQ(out->str, "Järjestö,Västkusten");
	g_string_free(out, TRUE);
	return DONE();
}
