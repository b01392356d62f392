/*
 * pdf.c: the outputs main.c asks for: the PDF (template, layout, painting,
 * finishing) and the XML beside it, written together or not at all.
 */
#include <glib.h>

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>

#include "coverage.h"
#include "fonts.h"
#include "hyphen.h"
#include "image.h"
#include "layout.h"
#include "model.h"
#include "outfile.h"
#include "pdf_archive.h"
#include "render_pdf.h"
#include "template.h"

/*
 * With CLOSEOUT_TIMES set, what each step of writing the PDF took goes to
 * standard error ("closeout: times: layout 0.812 s, paint 0.401 s, finish
 * 0.150 s"), for the benchmark's table.
 */
static gint64	 step_start;
static GString	*step_times;

static void
step_done(const char *what)
{
	gint64	 now = g_get_monotonic_time();

	if (step_times != NULL)
		g_string_append_printf(step_times, "%s%s %.3f s", step_times->len > 0 ? ", " : "",
		    what, (now - step_start) / 1e6);
	step_start = now;
}

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

/* The standard the PDF is made to: the one asked for, else the template's. */
static enum tpl_pdf_standard
standard_of(const struct co_doc *doc, const struct co_pages *pages)
{
	return doc->pdf_standard >= 0 ? (enum tpl_pdf_standard)doc->pdf_standard :
	    pages->tpl->pdf_standard;
}

static int
by_name(const void *x, const void *y)
{
	return strcmp(((const struct pdf_attachment *)x)->name,
	    ((const struct pdf_attachment *)y)->name);
}

/*
 * PDF/A-3b carries the archival XML (the alternative a machine reads) and,
 * for a YAML report, its source; a report read from our XML has it as both.
 * Returns how many, their names and the XML's buffer in "keep" to free.
 */
static int
attachments(struct co_doc *doc, const char *path, struct pdf_attachment at[2],
    char **keep)
{
	/* On standard output the PDF has no name: the report's own then. */
	char	*base = g_path_get_basename(strcmp(path, "-") == 0 ? doc->path : path), *dot;
	size_t	 len;
	int	 n = 0;

	if ((dot = strrchr(base, '.')) != NULL)
		*dot = '\0';
	keep[0] = g_strdup_printf("%s.xml", base);
	keep[1] = g_path_get_basename(doc->path);
	keep[2] = co_render_xml(doc, &len);
	at[n].name = keep[0];
	at[n].mime = "application/xml";
	at[n].relation = "Alternative";
	at[n].desc = "The report in closeout's archival XML (schemas/closeout-report.xsd)";
	at[n].data = keep[2];
	at[n++].len = len;
	if (doc->input != CO_INPUT_XML && doc->src != NULL && strcmp(keep[0], keep[1]) != 0) {
		at[n].name = keep[1];
		at[n].mime = "application/yaml";
		at[n].relation = "Source";
		at[n].desc = "The report as its authors wrote it (YAML)";
		at[n].data = doc->src;
		at[n++].len = doc->srclen;
	}
	/* The name tree wants its keys in order. */
	qsort(at, n, sizeof(*at), by_name);
	g_free(base);
	return n;
}

/*
 * Paints the pages into "tmp" and completes the file; false with *error
 * set.  The pages are freed once painted: finishing the file needs the
 * memory they held.
 */
static bool
write_pages(struct co_doc *doc, struct co_pages **pages, struct outfile *out,
    char **error)
{
	const char		*tmp = outfile_path(out), *path = outfile_target(out);
	struct sink		 s;
	struct pdf_marks	 marks;
	struct pdf_archive_info	 info;
	struct pdf_attachment	 at[2];
	char			*keep[3] = { NULL, NULL, NULL };
	bool			 ok = false;

	if ((s.fp = fopen(tmp, "wb")) == NULL) {
		*error = g_strdup_printf("%s: %s", path, g_strerror(errno));
		return false;
	}
	s.md5 = g_checksum_new(G_CHECKSUM_MD5);
	s.failed = false;
	pdf_marks_init(&marks);
	memset(&info, 0, sizeof(info));
	info.doc = doc;
	info.standard = standard_of(doc, *pages);
	info.marks = &marks;
	ok = co_render_pdf(*pages, info.standard, sink_write, &s, path, &marks, error);
	step_done("paint");
	g_clear_pointer(pages, co_layout_free);
#ifdef __GLIBC__
	/* What the pages held goes back to the system before libqpdf reads the file. */
	malloc_trim(0);
#endif
	if (fclose(s.fp) != 0 || s.failed) {
		if (ok || *error == NULL) {
			g_free(*error);
			*error = g_strdup_printf("%s: cannot write: %s", path, g_strerror(errno));
		}
		ok = false;
	}
	if (ok) {
		/* The identifier depends on the content only: reproducible output. */
		info.id = g_checksum_get_string(s.md5);
		if (info.standard == TPL_PDF_A3B) {
			info.attach = at;
			info.nattach = attachments(doc, outfile_is_stdout(out) ? "-" : path,
			    at, keep);
		}
		if (!pdf_archive(tmp, &info, error)) {
			char *e = *error;
			*error = g_strdup_printf("%s: %s", path, e);
			g_free(e);
			ok = false;
		}
		step_done("finish");
	}
	g_free(keep[0]);
	g_free(keep[1]);
	co_buffer_free(keep[2]);
	pdf_marks_free(&marks);
	g_checksum_free(s.md5);
	return ok;
}

/*
 * The report laid out in its template, measured by Pango; NULL after a
 * message (the template's) or with *error set.
 */
static struct co_pages *
lay_out(struct co_doc *doc, char **error)
{
	struct tpl	*tpl;
	struct measurer	*m;
	struct co_image	*logo = NULL;
	struct co_pages	*pages;
	char		*dir;

	dir = g_path_get_dirname(doc->path);
	tpl = tpl_load(doc, doc->meta.template.s ? doc->meta.template.s : "default", dir);
	if (tpl == NULL) {
		*error = g_strdup("the layout template has errors");
		g_free(dir);
		return NULL;
	}
	if ((m = measure_pango_new(tpl, doc->lang, tpl->hyphenate, error)) == NULL) {
		tpl_free(tpl);
		g_free(dir);
		return NULL;
	}
	/* Characters that would print as boxes: said once, before layout. */
	coverage_check(doc);
	if (m->no_dictionary) {
		/* Justified text without breaks still reads, but looser: say why. */
		co_diag(&doc->diags, doc->meta.language.pos, CO_DIAG_W_HYPHENATION,
		    "the %s dictionary is not installed", doc->lang == CO_LANG_FI ?
		    "Finnish (libvoikko1, voikko-fi)" : doc->lang == CO_LANG_SV ?
		    "Swedish (hyphen-sv)" : "English (hyphen-en-us)");
		co_diag(&doc->diags, doc->meta.language.pos, CO_DIAG_HINT,
		    "run 'sh tools/install-deps.sh', or install the package named");
	}
	if (doc->meta.logo.s != NULL)
		logo = image_open(&doc->diags, dir, doc->meta.logo.s, doc->meta.logo.pos,
		    CO_DIAG_W_LOGO);
	g_free(dir);
	pages = co_layout_new(doc, tpl, m, logo, &doc->diags);
	/* The last message goes to a structured sink now, with its hints. */
	diag_flush(&doc->diags);
	return pages;
}

/* The PDF into "out" (not yet committed): its page count, or -1. */
static int
write_pdf(struct co_doc *doc, struct outfile *out, char **error)
{
	struct co_pages	*pages;
	int		 pagecount = -1, count;

	if (g_getenv("CLOSEOUT_TIMES") != NULL)
		step_times = g_string_new(NULL);
	step_start = g_get_monotonic_time();
	if ((pages = lay_out(doc, error)) == NULL)
		goto out;
	step_done("layout");
	count = pages->pages->len;
	if (write_pages(doc, &pages, out, error))
		pagecount = count;
	if (step_times != NULL && pagecount >= 0)
		fprintf(stderr, "closeout: times: %s\n", step_times->str);
out:
	if (step_times != NULL) {
		g_string_free(step_times, TRUE);
		step_times = NULL;
	}
	co_layout_free(pages);
	return pagecount;
}

int
co_write_pdf(struct co_doc *doc, const char *path, char **error)
{
	struct co_outputs	*o;

	if ((o = co_outputs_open(path, NULL, error)) == NULL)
		return -1;
	return co_outputs_write(doc, o, error);
}

enum co_level
co_check_layout(struct co_doc *doc)
{
	struct co_pages	*pages;
	char		*error = NULL;

	if ((pages = lay_out(doc, &error)) == NULL && error != NULL) {
		struct co_pos zero = { 0, 0 };
		co_diag(&doc->diags, zero, CO_DIAG_F_READ, "%s", error);
		diag_flush(&doc->diags);
	}
	g_free(error);
	co_layout_free(pages);
	return co_doc_level(doc);
}

char *
co_render_layout(struct co_doc *doc, size_t *len, char **error)
{
	struct co_pages	*pages;
	char		*out;

	*error = NULL;
	if ((pages = lay_out(doc, error)) == NULL)
		return NULL;
	out = layout_dump(pages);
	if (len != NULL)
		*len = strlen(out);
	co_layout_free(pages);
	return out;
}

bool
co_pdf_standard_ok(const char *name)
{
	int	 i;

	for (i = 0; tpl_pdf_standards[i] != NULL; i++)
		if (strcmp(tpl_pdf_standards[i], name) == 0)
			return true;
	return false;
}

bool
co_doc_set_pdf_standard(struct co_doc *doc, const char *name)
{
	int	 i;

	for (i = 0; tpl_pdf_standards[i] != NULL; i++)
		if (strcmp(tpl_pdf_standards[i], name) == 0) {
			doc->pdf_standard = i;
			return true;
		}
	return false;
}

struct co_outputs {
	struct outfile	*pdf;
	struct outfile	*xml;		/* or NULL */
};

struct co_outputs *
co_outputs_open(const char *pdf, const char *xml, char **error)
{
	struct co_outputs	*o;

	*error = NULL;
	if (xml != NULL && strcmp(pdf, "-") == 0 && strcmp(xml, "-") == 0) {
		*error = g_strdup("the PDF and the XML cannot both go to standard output");
		return NULL;
	}
	o = g_new0(struct co_outputs, 1);
	if ((o->pdf = outfile_open(pdf, error)) == NULL ||
	    (xml != NULL && (o->xml = outfile_open(xml, error)) == NULL)) {
		co_outputs_discard(o);
		return NULL;
	}
	return o;
}

void
co_outputs_discard(struct co_outputs *o)
{
	if (o == NULL)
		return;
	outfile_discard(o->pdf);
	outfile_discard(o->xml);
	g_free(o);
}

/* The XML into its file, not yet in place. */
static bool
stage_xml(struct co_doc *doc, struct outfile *out, char **error)
{
	char	*buf;
	size_t	 len;
	bool	 ok;

	buf = co_render_xml(doc, &len);
	ok = buf != NULL && outfile_write(out, buf, len, error);
	co_buffer_free(buf);
	return ok;
}

int
co_outputs_write(struct co_doc *doc, struct co_outputs *o, char **error)
{
	int	 pages = -1;

	*error = NULL;
	/*
	 * Our fonts first, while no thread of ours runs: loading them hides
	 * SOURCE_DATE_EPOCH from fontconfig for a moment (fonts.c), and
	 * libvoikko reads the environment as it starts.
	 */
	fonts_config(NULL);
	/* libvoikko loads on the other core while the XML is written. */
	if (doc->lang == CO_LANG_FI)
		hyph_preload();
	if (o->xml != NULL && !stage_xml(doc, o->xml, error))
		goto out;
	if ((pages = write_pdf(doc, o->pdf, error)) < 0)
		goto out;
	/* The XML waits until the PDF is in place: both, or neither replaced. */
	if (!outfile_commit(o->pdf, error))
		pages = -1;
	o->pdf = NULL;
	if (pages >= 0 && o->xml != NULL && !outfile_commit(o->xml, error))
		pages = -1;
	o->xml = NULL;
out:
	hyph_preload_end();
	co_outputs_discard(o);
	return pages;
}

int
co_write_outputs(struct co_doc *doc, const char *pdf, const char *xml, char **error)
{
	struct co_outputs	*o;

	if ((o = co_outputs_open(pdf, xml, error)) == NULL)
		return -1;
	return co_outputs_write(doc, o, error);
}

void
co_abort_outputs(void)
{
	outfile_abort();
}
