/* csv.c: writes CSV fields and rows, quoting what needs it. */
#include <stdarg.h>
#include <string.h>

#include "csv.h"

/* True at the start of a row: the output is empty or ends in a line end. */
static gboolean
row_start(const GString *out)
{
	return out->len == 0 || out->str[out->len - 1] == '\n';
}

void
csv_field(GString *out, const char *field)
{
	const char	*p;

	if (!row_start(out))
		g_string_append_c(out, ',');
	else if (field == NULL || *field == '\0') {
		/* An empty first field still has to be seen, or the row's start moves on. */
		g_string_append(out, "\"\"");
		return;
	}
	if (field == NULL)
		return;
	if (strpbrk(field, ",\"\r\n") == NULL) {
		g_string_append(out, field);
		return;
	}
	g_string_append_c(out, '"');
	for (p = field; *p != '\0'; p++) {
		if (*p == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

void
csv_fieldf(GString *out, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	csv_field(out, s);
	g_free(s);
}

void
csv_end(GString *out)
{
	g_string_append(out, "\r\n");
}
