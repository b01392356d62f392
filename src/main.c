/* main.c: the closeout command line; the only file that calls exit(). */
#include <sys/stat.h>

#include <errno.h>
#include <glib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "closeout.h"
#include "cmd.h"

#define EXIT_REPORT	1	/* the report has errors */
#define EXIT_USAGE	2	/* usage or I/O errors */

static gboolean	 opt_version;
static gboolean	 opt_quiet;
static char	*opt_output;
static char	*opt_xml;
static char	*opt_dump;
static char	*opt_pdf_standard;

static GOptionEntry entries[] = {
	{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
	  "write the PDF to FILE (default: beside the report)", "FILE" },
	{ "xml", 0, 0, G_OPTION_ARG_FILENAME, &opt_xml,
	  "write the archival XML to FILE (default: beside the report)", "FILE" },
	{ "dump", 't', 0, G_OPTION_ARG_STRING, &opt_dump,
	  "print to standard output: tree (the model), layout (the pages) or xml", "KIND" },
	{ "pdf-standard", 0, 0, G_OPTION_ARG_STRING, &opt_pdf_standard,
	  "make the PDF a-1b, a-2b (the default), a-3b (with the XML and the "
	  "source inside) or none; each is PDF/UA-1 too", "STD" },
	{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
	  "print errors only, no warnings or summary", NULL },
	{ "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version,
	  "print the version and exit", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

static void
print_diag(enum co_level level, const char *text, void *arg)
{
	(void)arg;
	if (opt_quiet && level < CO_LEVEL_ERROR)
		return;
	fputs(text, stderr);
}

/* "dir/report.yaml" → "dir/report.EXT". */
static char *
beside(const char *input, const char *ext)
{
	const char	*dot, *slash;

	dot = strrchr(input, '.');
	slash = strrchr(input, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return g_strdup_printf("%s.%s", input, ext);
	return g_strdup_printf("%.*s.%s", (int)(dot - input), input, ext);
}

static gboolean
same_file(const char *a, const char *b)
{
	struct stat	 sa, sb;

	if (stat(a, &sa) < 0 || stat(b, &sb) < 0)
		return FALSE;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* True if the two output names are one file, even when it does not exist yet. */
static gboolean
same_target(const char *a, const char *b)
{
	char		*da, *db, *ra, *rb, *ba, *bb;
	gboolean	 same;

	if (same_file(a, b))
		return TRUE;
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

static void
summary(const char *path, const struct co_doc *doc)
{
	int	 e = co_doc_count(doc, CO_LEVEL_ERROR);
	int	 w = co_doc_count(doc, CO_LEVEL_WARNING);

	if (opt_quiet || (e == 0 && w == 0))
		return;
	fprintf(stderr, "%s: %d error%s, %d warning%s\n", path, e, e == 1 ? "" : "s",
	    w, w == 1 ? "" : "s");
}

/*
 * The PDF and the XML: both are written, or neither replaces what was
 * there.
 */
static int
render(struct co_doc *doc, const char *input)
{
	char		*pdf, *xml, *error = NULL;
	int		 rc = 0, pages;

	pdf = opt_output ? g_strdup(opt_output) : beside(input, "pdf");
	/* An XML input already is the archival copy: write it only on request. */
	xml = opt_xml ? g_strdup(opt_xml) :
	    g_str_has_suffix(input, ".xml") ? NULL : beside(input, "xml");
	if (same_file(input, pdf) || (xml != NULL && same_file(input, xml))) {
		fprintf(stderr, "closeout: %s: refusing to overwrite the input\n",
		    same_file(input, pdf) ? pdf : xml);
		rc = EXIT_USAGE;
		goto out;
	}
	if (xml != NULL && same_target(pdf, xml)) {
		fprintf(stderr, "closeout: %s: the PDF and the XML cannot be the same file\n",
		    pdf);
		rc = EXIT_USAGE;
		goto out;
	}
	pages = co_write_outputs(doc, pdf, xml, &error);
	if (pages < 0) {
		if (error != NULL)
			fprintf(stderr, "closeout: %s\n", error);
		rc = co_doc_level(doc) >= CO_LEVEL_ERROR ? EXIT_REPORT : EXIT_USAGE;
	} else if (!opt_quiet)
		fprintf(stderr, "%s: %d pages\n", pdf, pages);
	co_buffer_free(error);
out:
	g_free(pdf);
	g_free(xml);
	return rc;
}

static int
run(const char *command, const char *input)
{
	struct co_doc	*doc;
	char		*buf;
	size_t		 len;
	int		 rc = 0;

	doc = co_doc_load(input, NULL, 0, CO_INPUT_AUTO, print_diag, NULL);
	if (opt_pdf_standard != NULL)
		co_doc_set_pdf_standard(doc, opt_pdf_standard);
	/* 'check' lays the report out too, and sums up after that. */
	if (strcmp(command, "check") != 0 || opt_dump != NULL ||
	    co_doc_level(doc) >= CO_LEVEL_ERROR)
		summary(input, doc);
	if (co_doc_level(doc) >= CO_LEVEL_FATAL) {
		co_doc_free(doc);
		return EXIT_USAGE;
	}
	if (co_doc_level(doc) >= CO_LEVEL_ERROR) {
		co_doc_free(doc);
		return EXIT_REPORT;
	}
	if (opt_dump != NULL) {
		char *error = NULL;

		if (strcmp(opt_dump, "tree") == 0)
			buf = co_render_tree(doc, &len);
		else if (strcmp(opt_dump, "xml") == 0)
			buf = co_render_xml(doc, &len);
		else if (strcmp(opt_dump, "layout") == 0)
			buf = co_render_layout(doc, &len, &error);
		else {
			fprintf(stderr, "closeout: -t takes tree, layout or xml, not '%s'\n",
			    opt_dump);
			co_doc_free(doc);
			return EXIT_USAGE;
		}
		if (buf == NULL) {
			if (error != NULL)
				fprintf(stderr, "closeout: %s\n", error);
			co_buffer_free(error);
			rc = co_doc_level(doc) >= CO_LEVEL_ERROR ? EXIT_REPORT : EXIT_USAGE;
			co_doc_free(doc);
			return rc;
		}
		/* A full disk or a closed pipe must not pass for success. */
		if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, "closeout: standard output: %s\n", g_strerror(errno));
			rc = EXIT_USAGE;
		}
		co_buffer_free(buf);
	} else if (strcmp(command, "render") == 0)
		rc = render(doc, input);
	else {
		/* What layout finds (the template's mistakes, a table too wide) counts too. */
		if (co_check_layout(doc) >= CO_LEVEL_ERROR)
			rc = EXIT_REPORT;
		summary(input, doc);
		if (!opt_quiet && co_doc_count(doc, CO_LEVEL_WARNING) == 0 &&
		    co_doc_count(doc, CO_LEVEL_ERROR) == 0)
			fprintf(stderr, "%s: no errors\n", input);
	}
	co_doc_free(doc);
	return rc;
}

/* An interrupted run leaves no temporary file and no half output. */
static void
on_signal(int sig)
{
	co_abort_outputs();
	signal(sig, SIG_DFL);
	raise(sig);
}

static struct sigaction	 crash_saved[NSIG];	/* dispositions before ours */

/*
 * A crash leaves no temporary file either.  The handler that was there
 * before (the default, or a sanitizer's) is put back and the fault happens
 * again on return, so the crash is still reported where it happened.
 */
static void
on_crash(int sig)
{
	co_abort_outputs();
	sigaction(sig, &crash_saved[sig], NULL);
}

static void
catch_signals(void)
{
	static const int	 stop[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	static const int	 crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction	 sa;
	size_t			 i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	for (i = 0; i < G_N_ELEMENTS(stop); i++)
		sigaction(stop[i], &sa, NULL);
	sa.sa_handler = on_crash;
	for (i = 0; i < G_N_ELEMENTS(crash); i++)
		sigaction(crash[i], &sa, &crash_saved[crash[i]]);
}

int
main(int argc, char *argv[])
{
	static const struct {
		const char	*name;
		int		(*run)(int, char *[]);
	} commands[] = { { "new", cmd_new }, { "watch", cmd_watch }, { "batch", cmd_batch } };
	GOptionContext	*ctx;
	GError		*err = NULL;
	size_t		 i;
	int		 rc;

	catch_signals();
	setlocale(LC_ALL, "");
	/* cairo writes decimals through printf: keep the point. */
	setlocale(LC_NUMERIC, "C");
	/* These parse their own options (cmd.h). */
	for (i = 0; argc > 1 && i < G_N_ELEMENTS(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			exit(commands[i].run(argc - 1, argv + 1));

	ctx = g_option_context_new("check|render REPORT");
	g_option_context_set_summary(ctx,
	    "Turns a project final report written in YAML (or closeout's XML)\n"
	    "into a typeset PDF and an archival XML.\n\n"
	    "  check REPORT    validate the report, write nothing\n"
	    "  render REPORT   write REPORT.pdf and REPORT.xml beside it\n"
	    "  new FILE.yaml   write a skeleton report to start from\n"
	    "  watch REPORT    render, then again whenever the report changes\n"
	    "  batch FILE|DIR… render many reports in parallel, with a summary\n\n"
	    "'closeout new|watch|batch --help' shows that command's own options.");
	g_option_context_set_description(ctx,
	    "Exit status: 0 success, 1 the report has errors, 2 usage or I/O errors.\n"
	    "The format: docs/format.md.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "closeout: %s\n", err->message);
		fprintf(stderr, "Try 'closeout --help'.\n");
		g_error_free(err);
		g_option_context_free(ctx);
		exit(EXIT_USAGE);
	}
	g_option_context_free(ctx);
	if (opt_version) {
		printf("closeout %s\n", CO_VERSION);
		exit(0);
	}
	if (argc != 3 || (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "render") != 0)) {
		fprintf(stderr, "usage: closeout check|render REPORT [-o OUT.pdf] [--xml OUT.xml]\n"
		    "Try 'closeout --help'.\n");
		exit(EXIT_USAGE);
	}
	if (opt_pdf_standard != NULL && !co_pdf_standard_ok(opt_pdf_standard)) {
		fprintf(stderr, "closeout: --pdf-standard takes a-1b, a-2b, a-3b or none, "
		    "not '%s'\n", opt_pdf_standard);
		exit(EXIT_USAGE);
	}
	if (!co_source_date_ok()) {
		fprintf(stderr, "closeout: SOURCE_DATE_EPOCH must be a number of seconds since "
		    "1970-01-01, not '%s'\n", g_getenv("SOURCE_DATE_EPOCH"));
		exit(EXIT_USAGE);
	}
	rc = run(argv[1], argv[2]);
	exit(rc);
}
