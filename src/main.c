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
#include "outfile.h"

#define EXIT_REPORT	1	/* the report has errors */
#define EXIT_USAGE	2	/* usage or I/O errors */

static gboolean	 opt_version;
static gboolean	 opt_quiet;
static char	*opt_output;
static char	*opt_xml;
static char	*opt_dump;

static GOptionEntry entries[] = {
	{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
	  "write the PDF to FILE (default: beside the report)", "FILE" },
	{ "xml", 0, 0, G_OPTION_ARG_FILENAME, &opt_xml,
	  "write the archival XML to FILE (default: beside the report)", "FILE" },
	{ "dump", 't', 0, G_OPTION_ARG_STRING, &opt_dump,
	  "print the model to standard output: tree or xml", "KIND" },
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

/* Writes through a temporary file renamed into place: never a half file. */
static int
write_output(const char *input, const char *path, const char *data, size_t len)
{
	GError	*err = NULL;
	char	*tmp, *error = NULL;

	if (same_file(input, path)) {
		fprintf(stderr, "closeout: %s: refusing to overwrite the input\n", path);
		return EXIT_USAGE;
	}
	if ((tmp = outfile_begin(path, &error)) == NULL) {
		fprintf(stderr, "closeout: %s\n", error);
		g_free(error);
		return EXIT_USAGE;
	}
	if (!g_file_set_contents(tmp, data, (gssize)len, &err)) {
		fprintf(stderr, "closeout: %s: %s\n", path, err->message);
		g_error_free(err);
		outfile_discard(tmp);
		g_free(tmp);
		return EXIT_USAGE;
	}
	if (!outfile_commit(tmp, path, &error)) {
		fprintf(stderr, "closeout: %s\n", error);
		g_free(error);
		g_free(tmp);
		return EXIT_USAGE;
	}
	g_free(tmp);
	return 0;
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

static int
render_pdf(struct co_doc *doc, const char *input)
{
	char	*path, *error = NULL;
	int	 pages, rc = 0;

	path = opt_output ? g_strdup(opt_output) : beside(input, "pdf");
	if (same_file(input, path)) {
		fprintf(stderr, "closeout: %s: refusing to overwrite the input\n", path);
		g_free(path);
		return EXIT_USAGE;
	}
	pages = co_write_pdf(doc, path, &error);
	if (pages < 0) {
		if (error != NULL)
			fprintf(stderr, "closeout: %s\n", error);
		rc = co_doc_level(doc) >= CO_LEVEL_ERROR ? EXIT_REPORT : EXIT_USAGE;
	} else if (!opt_quiet)
		fprintf(stderr, "%s: %d pages\n", path, pages);
	g_free(error);
	g_free(path);
	return rc;
}

static int
run(const char *command, const char *input)
{
	struct co_doc	*doc;
	char		*buf, *path;
	size_t		 len;
	int		 rc = 0;
	gboolean	 from_xml;

	doc = co_doc_load(input, NULL, 0, CO_INPUT_AUTO, print_diag, NULL);
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
		if (strcmp(opt_dump, "tree") == 0)
			buf = co_render_tree(doc, &len);
		else if (strcmp(opt_dump, "xml") == 0)
			buf = co_render_xml(doc, &len);
		else {
			fprintf(stderr, "closeout: -t takes tree or xml, not '%s'\n", opt_dump);
			co_doc_free(doc);
			return EXIT_USAGE;
		}
		fwrite(buf, 1, len, stdout);
		co_buffer_free(buf);
	} else if (strcmp(command, "render") == 0) {
		rc = render_pdf(doc, input);
		/* An XML input already is the archival copy: write it only on request. */
		from_xml = g_str_has_suffix(input, ".xml");
		path = opt_xml ? g_strdup(opt_xml) : from_xml ? NULL : beside(input, "xml");
		if (path != NULL && rc == 0) {
			buf = co_render_xml(doc, &len);
			rc = write_output(input, path, buf, len);
			co_buffer_free(buf);
			g_free(path);
		}
	}
	co_doc_free(doc);
	return rc;
}

/* An interrupted run leaves no temporary file and no half output. */
static void
on_signal(int sig)
{
	outfile_abort();
	signal(sig, SIG_DFL);
	raise(sig);
}

int
main(int argc, char *argv[])
{
	GOptionContext	*ctx;
	GError		*err = NULL;
	int		 rc;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	setlocale(LC_ALL, "");
	/* cairo writes decimals through printf: keep the point. */
	setlocale(LC_NUMERIC, "C");

	ctx = g_option_context_new("check|render REPORT");
	g_option_context_set_summary(ctx,
	    "Turns a project final report written in YAML (or closeout's XML)\n"
	    "into a typeset PDF and an archival XML.\n\n"
	    "  check REPORT    validate the report, write nothing\n"
	    "  render REPORT   write REPORT.pdf and REPORT.xml beside it");
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
	rc = run(argv[1], argv[2]);
	exit(rc);
}
