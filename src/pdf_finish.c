/*
 * pdf_finish.c: adds what cairo 1.16 cannot write to its finished PDF, as an
 * incremental update (ISO 32000-1, 7.5.6): a new catalog with /MarkInfo,
 * /Lang, /ViewerPreferences and /PageMode, and a trailer with a /ID.
 *
 * Rewriting the whole file with qpdf did the same at a cost of about 1 s for
 * 400 pages, a third of the run; an update appends under 1 KB.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_finish.h"

/* Reads "len" bytes at "off" into a NUL-terminated buffer (g_free), or NULL. */
static char *
read_at(FILE *fp, long off, size_t len, size_t *got)
{
	char	*buf;

	if (off < 0 || fseek(fp, off, SEEK_SET) != 0)
		return NULL;
	buf = g_malloc(len + 1);
	*got = fread(buf, 1, len, fp);
	buf[*got] = '\0';
	return buf;
}

/* The integer after "key" in "s", or -1. */
static long
number_after(const char *s, const char *key)
{
	const char	*p;

	if ((p = strstr(s, key)) == NULL)
		return -1;
	return strtol(p + strlen(key), NULL, 10);
}

bool
pdf_finish(FILE *fp, const struct pdf_finish_info *info, char **error)
{
	char		*tail = NULL, *entry = NULL, *obj = NULL, *end;
	const char	*p, *close;
	size_t		 got;
	long		 size, filelen, root, infoobj, prev, xref, off, body;
	GString		*up;
	bool		 ok = false;

	/* The trailer: /Size, /Root, /Info and where the xref table starts. */
	if (fseek(fp, 0, SEEK_END) != 0 || (filelen = ftell(fp)) < 64)
		goto bad;
	off = filelen > 1024 ? filelen - 1024 : 0;
	if ((tail = read_at(fp, off, 1024, &got)) == NULL ||
	    (p = strstr(tail, "trailer")) == NULL)
		goto bad;
	size = number_after(p, "/Size ");
	root = number_after(p, "/Root ");
	infoobj = number_after(p, "/Info ");
	prev = number_after(p, "startxref");
	if (size <= 0 || root <= 0 || root >= size || prev <= 0)
		goto bad;

	/* The catalog's offset, from its 20-byte entry in the xref table. */
	g_free(tail);
	if ((tail = read_at(fp, prev, 64, &got)) == NULL || strncmp(tail, "xref", 4) != 0 ||
	    (p = strchr(tail, '\n')) == NULL || (p = strchr(p + 1, '\n')) == NULL)
		goto bad;
	if ((entry = read_at(fp, prev + (p + 1 - tail) + root * 20, 20, &got)) == NULL ||
	    got != 20 || entry[17] != 'n')
		goto bad;
	off = strtol(entry, NULL, 10);

	/* The catalog's dictionary, without its closing ">>". */
	if ((obj = read_at(fp, off, 4096, &got)) == NULL ||
	    (p = strstr(obj, "<<")) == NULL || (end = strstr(p, "endobj")) == NULL)
		goto bad;
	*end = '\0';
	if ((close = g_strrstr(p, ">>")) == NULL)
		goto bad;
	body = close - p;

	/* The update: the new catalog, its xref section, the new trailer. */
	up = g_string_new(NULL);
	g_string_append_printf(up, "\n%ld 0 obj\n%.*s", root, (int)body, p);
	g_string_append(up, "   /MarkInfo << /Marked true >>\n");
	if (info->lang != NULL)
		g_string_append_printf(up, "   /Lang (%s)\n", info->lang);
	g_string_append(up, "   /ViewerPreferences << /DisplayDocTitle true >>\n"
	    "   /PageMode /UseOutlines\n>>\nendobj\n");
	off = filelen + 1;
	xref = filelen + up->len;
	g_string_append_printf(up, "xref\n0 1\n0000000000 65535 f \n%ld 1\n%010ld 00000 n \n",
	    root, off);
	g_string_append_printf(up, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
	if (infoobj > 0)
		g_string_append_printf(up, "   /Info %ld 0 R\n", infoobj);
	g_string_append_printf(up, "   /Prev %ld\n   /ID [<%s> <%s>]\n>>\nstartxref\n%ld\n%%%%EOF\n",
	    prev, info->id, info->id, xref);
	ok = fseek(fp, 0, SEEK_END) == 0 && fwrite(up->str, 1, up->len, fp) == up->len &&
	    fflush(fp) == 0;
	g_string_free(up, TRUE);
	if (!ok)
		*error = g_strdup("cannot append to the PDF");
	goto out;
bad:
	*error = g_strdup("cairo's PDF has an unexpected shape; cannot finish it");
out:
	g_free(tail);
	g_free(entry);
	g_free(obj);
	return ok;
}
