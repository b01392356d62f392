/* pdf.c: co_write_pdf(): template, layout, painting and finishing in one call for main.c. */
#include <glib.h>

#include <errno.h>
#include <stdio.h>

#include "hyphen.h"
#include "layout.h"
#include "model.h"
#include "outfile.h"
#include "pdf_finish.h"
#include "template.h"

/* Where cairo's bytes go: the temporary file, and a checksum for the /ID. */
struct sink {
	FILE		*fp;		/* the temporary output */
	GChecksum	*md5;		/* of everything written */
	bool		 failed;	/* a write failed (a full disk) */
};

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink	*s = closure;

	if (fwrite(data, 1, len, s->fp) != len) {
		s->failed = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	g_checksum_update(s->md5, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Paints the pages into "tmp" and completes the file; false with *error set. */
static bool
write_pages(const struct co_doc *doc, const struct co_pages *pages, const char *tmp,
    const char *path, char **error)
{
	struct sink		 s;
	struct pdf_finish_info	 info;
	bool			 ok = false;

	if ((s.fp = fopen(tmp, "w+b")) == NULL) {
		*error = g_strdup_printf("%s: %s", path, g_strerror(errno));
		return false;
	}
	s.md5 = g_checksum_new(G_CHECKSUM_MD5);
	s.failed = false;
	if (co_render_pdf(pages, sink_write, &s, path, error)) {
		/* The identifier depends on the content only: reproducible output. */
		info.lang = model_lang_codes[doc->lang];
		info.id = g_checksum_get_string(s.md5);
		ok = pdf_finish(s.fp, &info, error);
	}
	if (fclose(s.fp) != 0 || s.failed) {
		if (ok || *error == NULL) {
			g_free(*error);
			*error = g_strdup_printf("%s: cannot write: %s", path, g_strerror(errno));
		}
		ok = false;
	}
	g_checksum_free(s.md5);
	return ok;
}

enum co_level
co_check_template(struct co_doc *doc)
{
	char		*dir;
	struct tpl	*tpl;

	dir = g_path_get_dirname(doc->path);
	tpl = tpl_load(doc, doc->meta.template.s ? doc->meta.template.s : "default", dir);
	g_free(dir);
	tpl_free(tpl);
	return co_doc_level(doc);
}

int
co_write_pdf(struct co_doc *doc, const char *path, char **error)
{
	struct tpl	*tpl;
	struct co_pages	*pages;
	char		*dir, *tmp = NULL;
	int		 pagecount = -1;

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
	if (tpl->hyphenate && measure_hyph(pages->measure) != NULL &&
	    !hyph_ok(measure_hyph(pages->measure))) {
		/* Justified text without breaks still reads, but looser: say why. */
		co_diag(&doc->diags, doc->meta.language.pos, CO_DIAG_W_HYPHENATION,
		    "the %s dictionary is not installed", doc->lang == CO_LANG_FI ?
		    "Finnish (libvoikko1, voikko-fi)" : doc->lang == CO_LANG_SV ?
		    "Swedish (hyphen-sv)" : "English (hyphen-en-us)");
		co_diag(&doc->diags, doc->meta.language.pos, CO_DIAG_HINT,
		    "run 'sh tools/install-deps.sh', or install the package named");
	}
	if (doc->meta.logo.s != NULL && pages->logo_path == NULL) {
		co_diag(&doc->diags, doc->meta.logo.pos, CO_DIAG_W_LOGO,
		    "'%s' must be a PNG or SVG file of at most 4 MiB in the report's folder",
		    doc->meta.logo.s);
	}
	/* A temporary file beside the target; the PDF appears only when complete. */
	if ((tmp = outfile_begin(path, error)) == NULL)
		goto out;
	if (!write_pages(doc, pages, tmp, path, error)) {
		outfile_discard(tmp);
		goto out;
	}
	if (!outfile_commit(tmp, path, error))
		goto out;
	pagecount = pages->pages->len;
out:
	g_free(tmp);
	co_layout_free(pages);
	tpl_free(tpl);
	return pagecount;
}
