/*
 * pdf_finish.c: adds what cairo 1.16 cannot write to its finished PDF, as an
 * incremental update (ISO 32000-1, 7.5.6): a new catalog with /MarkInfo,
 * /Lang, /ViewerPreferences and /PageMode, the information dictionary with
 * its dates as the standard spells them, and a trailer with a /ID.
 *
 * Rewriting the whole file with qpdf did the same at a cost of about 1 s for
 * 400 pages, a third of the run; an update appends under 1 KB.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "closeout.h"
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

/*
 * The dictionary of object "num", without its closing ">>" (g_free), from
 * its 20-byte entry in the cross-reference table at "xref"; NULL if the
 * file is not shaped as cairo writes it.
 */
static char *
read_dict(FILE *fp, long xref, long num)
{
	char		*head, *entry = NULL, *obj = NULL, *dict = NULL, *end;
	const char	*p, *close;
	size_t		 got;

	if ((head = read_at(fp, xref, 64, &got)) == NULL || strncmp(head, "xref", 4) != 0 ||
	    (p = strchr(head, '\n')) == NULL || (p = strchr(p + 1, '\n')) == NULL)
		goto out;
	if ((entry = read_at(fp, xref + (p + 1 - head) + num * 20, 20, &got)) == NULL ||
	    got != 20 || entry[17] != 'n')
		goto out;
	if ((obj = read_at(fp, strtol(entry, NULL, 10), 8192, &got)) == NULL ||
	    (p = strstr(obj, "<<")) == NULL || (end = strstr(p, "endobj")) == NULL)
		goto out;
	*end = '\0';
	if ((close = g_strrstr(p, ">>")) != NULL)
		dict = g_strndup(p, close - p);
out:
	g_free(head);
	g_free(entry);
	g_free(obj);
	return dict;
}

/*
 * cairo 1.16 writes dates as (20190426000000Z); ISO 32000-1, 7.9.4, wants
 * (D:20190426000000Z).  Its own /Producer becomes ours, naming it.
 */
static void
fix_info(GString *out, const char *dict)
{
	const char	*p = dict, *q;
	int		 depth;

	while (*p != '\0') {
		if (g_str_has_prefix(p, "/Producer (")) {
			g_string_append(out, "/Producer (closeout " CO_VERSION " with cairo)");
			/* Past the string, minding escapes and balanced parentheses. */
			for (q = p + strlen("/Producer ("), depth = 1; *q != '\0'; q++) {
				if (*q == '\\' && q[1] != '\0')
					q++;
				else if (*q == '(')
					depth++;
				else if (*q == ')' && --depth == 0)
					break;
			}
			p = *q == ')' ? q + 1 : q;
			continue;
		}
		if ((g_str_has_prefix(p, "/CreationDate (") || g_str_has_prefix(p, "/ModDate (")) &&
		    !g_str_has_prefix(strchr(p, '(') + 1, "D:")) {
			q = strchr(p, '(') + 1;
			g_string_append_len(out, p, q - p);
			g_string_append(out, "D:");
			p = q;
			continue;
		}
		g_string_append_c(out, *p++);
	}
}

bool
pdf_finish(FILE *fp, const struct pdf_finish_info *info, char **error)
{
	char		*tail = NULL, *catalog = NULL, *infodict = NULL;
	const char	*p;
	size_t		 got;
	long		 size, filelen, root, infoobj, prev, xref, off_cat, off_info = 0;
	GString		*up;
	bool		 ok = false;

	/* The trailer: /Size, /Root, /Info and where the xref table starts. */
	if (fseek(fp, 0, SEEK_END) != 0 || (filelen = ftell(fp)) < 64)
		goto bad;
	if ((tail = read_at(fp, filelen > 1024 ? filelen - 1024 : 0, 1024, &got)) == NULL ||
	    (p = strstr(tail, "trailer")) == NULL)
		goto bad;
	size = number_after(p, "/Size ");
	root = number_after(p, "/Root ");
	infoobj = number_after(p, "/Info ");
	prev = number_after(p, "startxref");
	if (size <= 0 || root <= 0 || root >= size || prev <= 0 || infoobj >= size)
		goto bad;
	if ((catalog = read_dict(fp, prev, root)) == NULL ||
	    (infoobj > 0 && (infodict = read_dict(fp, prev, infoobj)) == NULL))
		goto bad;

	/* The update: the catalog and the information dictionary again. */
	up = g_string_new(NULL);
	off_cat = filelen + 1;
	g_string_append_printf(up, "\n%ld 0 obj\n%s", root, catalog);
	g_string_append(up, "   /MarkInfo << /Marked true >>\n");
	if (info->lang != NULL)
		g_string_append_printf(up, "   /Lang (%s)\n", info->lang);
	g_string_append(up, "   /ViewerPreferences << /DisplayDocTitle true >>\n"
	    "   /PageMode /UseOutlines\n>>\nendobj\n");
	if (infodict != NULL) {
		off_info = filelen + up->len;
		g_string_append_printf(up, "%ld 0 obj\n", infoobj);
		fix_info(up, infodict);
		g_string_append(up, ">>\nendobj\n");
	}
	/* Their cross-reference sections and the new trailer. */
	xref = filelen + up->len;
	g_string_append_printf(up, "xref\n0 1\n0000000000 65535 f \n%ld 1\n%010ld 00000 n \n",
	    root, off_cat);
	if (infodict != NULL)
		g_string_append_printf(up, "%ld 1\n%010ld 00000 n \n", infoobj, off_info);
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
	g_free(catalog);
	g_free(infodict);
	return ok;
}
