/* cmd_util.c: output names and checks that watch and batch share with render. */
#include <sys/stat.h>

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

char *
cmd_beside(const char *input, const char *ext)
{
	const char	*dot, *slash;

	dot = strrchr(input, '.');
	slash = strrchr(input, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return g_strdup_printf("%s.%s", input, ext);
	return g_strdup_printf("%.*s.%s", (int)(dot - input), input, ext);
}

bool
cmd_same_file(const char *a, const char *b)
{
	struct stat	 sa, sb;

	if (stat(a, &sa) < 0 || stat(b, &sb) < 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* True if the two output names are one file, even when it does not exist yet. */
static bool
same_target(const char *a, const char *b)
{
	char	*da, *db, *ra, *rb, *ba, *bb;
	bool	 same;

	if (cmd_same_file(a, b))
		return true;
	da = g_path_get_dirname(a);
	db = g_path_get_dirname(b);
	ra = realpath(da, NULL);
	rb = realpath(db, NULL);
	ba = g_path_get_basename(a);
	bb = g_path_get_basename(b);
	same = ra != NULL && rb != NULL && strcmp(ra, rb) == 0 && strcmp(ba, bb) == 0;
	free(ra);
	free(rb);
	g_free(da);
	g_free(db);
	g_free(ba);
	g_free(bb);
	return same;
}

char *
cmd_outputs_check(const char *input, const char *pdf, const char *xml)
{
	if (cmd_same_file(input, pdf) || (xml != NULL && cmd_same_file(input, xml)))
		return g_strdup_printf("%s: refusing to overwrite the input",
		    cmd_same_file(input, pdf) ? pdf : xml);
	if (xml != NULL && same_target(pdf, xml))
		return g_strdup_printf("%s: the PDF and the XML cannot be the same file", pdf);
	return NULL;
}
