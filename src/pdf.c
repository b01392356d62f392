/* pdf.c: co_write_pdf(): template, layout and painting in one call for main.c. */
#include <glib.h>

#include <qpdf/qpdf-c.h>

#include "layout.h"
#include "model.h"
#include "outfile.h"
#include "template.h"

/*
 * What cairo 1.16 cannot write, added with qpdf: /MarkInfo (so readers know
 * the PDF is tagged), /Lang, the document title in the window, bookmarks
 * open, and a deterministic /ID.  Reads "in", writes "out".
 */
static bool
finish_pdf(const struct co_doc *doc, const char *in, const char *out, char **error)
{
	qpdf_data	 q;
	qpdf_oh		 root, mark, prefs;
	bool		 ok = false;

	q = qpdf_init();
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (qpdf_read(q, in, NULL) & QPDF_ERRORS)
		goto out;
	root = qpdf_get_root(q);
	mark = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, mark, "/Marked", qpdf_oh_new_bool(q, QPDF_TRUE));
	qpdf_oh_replace_key(q, root, "/MarkInfo", mark);
	qpdf_oh_replace_key(q, root, "/Lang",
	    qpdf_oh_new_unicode_string(q, model_lang_codes[doc->lang]));
	prefs = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, prefs, "/DisplayDocTitle", qpdf_oh_new_bool(q, QPDF_TRUE));
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", prefs);
	qpdf_oh_replace_key(q, root, "/PageMode", qpdf_oh_new_name(q, "/UseOutlines"));
	if (qpdf_init_write(q, out) & QPDF_ERRORS)
		goto out;
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	if (qpdf_write(q) & QPDF_ERRORS)
		goto out;
	ok = true;
out:
	if (!ok && qpdf_has_error(q))
		*error = g_strdup_printf("%s: %s", out,
		    qpdf_get_error_full_text(q, qpdf_get_error(q)));
	else if (!ok)
		*error = g_strdup_printf("%s: qpdf failed", out);
	qpdf_cleanup(&q);
	return ok;
}

int
co_write_pdf(struct co_doc *doc, const char *path, char **error)
{
	struct tpl	*tpl;
	struct co_pages	*pages;
	char		*dir, *tmp = NULL, *tmp2 = NULL;
	int		 pagecount = -1;
	bool		 ok;

	*error = NULL;
	dir = g_path_get_dirname(doc->path);
	tpl = tpl_load(doc, doc->meta.template.s ? doc->meta.template.s : "default", dir);
	g_free(dir);
	if (tpl == NULL) {
		*error = g_strdup("the layout template has errors");
		return -1;
	}
	pages = co_layout_new(doc, tpl, error);
	if (pages == NULL) {
		tpl_free(tpl);
		return -1;
	}
	if (doc->meta.logo.s != NULL && pages->logo_path == NULL) {
		co_diag(doc, doc->meta.logo.pos, CO_DIAG_W_LOGO,
		    "'%s' must be a PNG or SVG file of at most 4 MiB in the report's folder",
		    doc->meta.logo.s);
	}
	/* Temporary files beside the target; the PDF appears only when complete. */
	if ((tmp = outfile_begin(path, error)) == NULL)
		goto out;
	if ((tmp2 = outfile_begin(path, error)) == NULL) {
		outfile_discard(tmp);
		goto out;
	}
	ok = co_render_pdf(pages, tmp, error) && finish_pdf(doc, tmp, tmp2, error);
	outfile_discard(tmp);
	if (!ok) {
		outfile_discard(tmp2);
		goto out;
	}
	if (!outfile_commit(tmp2, path, error))
		goto out;
	pagecount = pages->pages->len;
out:
	g_free(tmp);
	g_free(tmp2);
	co_layout_free(pages);
	tpl_free(tpl);
	return pagecount;
}
