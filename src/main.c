/* main.c: the closeout command line; the only file that calls exit(). */
#include <sys/stat.h>

#include <errno.h>
#include <glib.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "closeout.h"
#include "cmd.h"
#include "cmd.h"

#define EXIT_REPORT	1	/* the report has errors */
#define EXIT_USAGE	2	/* usage or I/O errors */

static int	cmd_check(int, char **);
static int	cmd_render(int, char **);

/*
 * The commands, in the order `closeout --help` lists them.  Each is called
 * with its own name as argv[0] and every other argument after it, options
 * given before the command included.
 */
static const struct command {
	const char	*name;		/* "render" */
	const char	*summary;	/* one line for closeout --help */
	int		(*fn)(int argc, char **argv); /* returns the exit status */
} commands[] = {
	{ "check", "validate the report, write nothing", cmd_check },
	{ "render", "write REPORT.pdf and REPORT.xml beside it", cmd_render },
	{ "new", "write a skeleton report to start from", cmd_new },
	{ "watch", "render, then again whenever the report changes", cmd_watch },
	{ "batch", "render many reports in parallel, with a summary", cmd_batch },
};

static gboolean	 opt_version;
static gboolean	 opt_quiet;
static gboolean	 opt_json;		/* --diagnostics=json */
static char	*opt_output;
static char	*opt_xml;
static char	*opt_dump;
static char	*opt_pdf_standard;
static char	*opt_template;
static char	*opt_diagnostics;

/* What check and render both take. */
static GOptionEntry common_entries[] = {
	{ "template", 0, 0, G_OPTION_ARG_STRING, &opt_template,
	  "lay the report out in closeout's template NAME, over its meta.template", "NAME" },
	{ "dump", 't', 0, G_OPTION_ARG_STRING, &opt_dump,
	  "print to standard output: tree (the model), layout (the pages) or xml, "
	  "and write no file", "KIND" },
	{ "diagnostics", 0, 0, G_OPTION_ARG_STRING, &opt_diagnostics,
	  "print messages as text (the default) or json, one object a line", "FORMAT" },
	{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
	  "print errors only, no warnings or summary", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* What render adds: its outputs. */
static GOptionEntry render_entries[] = {
	{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
	  "write the PDF to FILE, - for standard output (default: beside the report)", "FILE" },
	{ "xml", 0, 0, G_OPTION_ARG_FILENAME, &opt_xml,
	  "write the archival XML to FILE, - for standard output (default: beside the report)", "FILE" },
	{ "pdf-standard", 0, 0, G_OPTION_ARG_STRING, &opt_pdf_standard,
	  "make the PDF a-1b, a-2b (the default), a-3b (with the XML and the "
	  "source inside) or none; each is PDF/UA-1 too", "STD" },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* What `closeout` alone takes; --help comes with GOption. */
static GOptionEntry main_entries[] = {
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

/* --diagnostics=json: one object a line on standard error, where the text would go. */
static void
print_json(const struct co_diagnostic *d, void *arg)
{
	char	*line;

	(void)arg;
	if (opt_quiet && d->level < CO_LEVEL_ERROR)
		return;
	line = co_diagnostic_json(d);
	fprintf(stderr, "%s\n", line);
	co_buffer_free(line);
}

/*
 * A failure of our own about "file" (an output that cannot be written):
 * "closeout: text", or with --diagnostics=json an object like the report's.
 */
static void
say(const char *file, const char *fmt, ...)
{
	struct co_diagnostic	 d;
	va_list			 ap;
	char			*msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (!opt_json)
		fprintf(stderr, "closeout: %s\n", msg);
	else {
		memset(&d, 0, sizeof(d));
		d.file = file;
		d.level = CO_LEVEL_FATAL;
		d.id = "output";
		d.message = msg;
		print_json(&d, NULL);
	}
	g_free(msg);
}

static void
summary(const char *path, const struct co_doc *doc)
{
	int	 e = co_doc_count(doc, CO_LEVEL_ERROR);
	int	 w = co_doc_count(doc, CO_LEVEL_WARNING);

	/* Counts are for people: JSON readers count the objects. */
	if (opt_quiet || opt_json || (e == 0 && w == 0))
		return;
	fprintf(stderr, "%s: %d error%s, %d warning%s\n", path, e, e == 1 ? "" : "s",
	    w, w == 1 ? "" : "s");
}

/*
 * The outputs' names: -o and --xml, else beside the report.  An XML input
 * already is the archival copy, and a stream (-o -) is what was asked for:
 * the other file then only on request.
 */
static void
output_names(const char *input, char **pdf, char **xml)
{
	*pdf = opt_output ? g_strdup(opt_output) : cmd_beside(input, "pdf");
	if (opt_xml != NULL)
		*xml = g_strdup(opt_xml);
	else if (g_str_has_suffix(input, ".xml") || strcmp(*pdf, "-") == 0)
		*xml = NULL;
	else
		*xml = cmd_beside(input, "xml");
}

/*
 * Opens the outputs before any work, so that a missing folder or a
 * directory in the way is said at once; NULL after a message.
 */
static struct co_outputs *
open_outputs(const char *input, char **pdfp)
{
	struct co_outputs	*o = NULL;
	char			*pdf, *xml, *error = NULL, *why;

	output_names(input, &pdf, &xml);
	/* A stream ("-") is no file: only the other output is compared. */
	if (strcmp(pdf, "-") == 0)
		why = xml != NULL && strcmp(xml, "-") != 0 ?
		    cmd_outputs_check(input, xml, NULL) : NULL;
	else
		why = cmd_outputs_check(input, pdf,
		    xml != NULL && strcmp(xml, "-") == 0 ? NULL : xml);
	if (why != NULL)
		say(input, "%s", why);
	else if ((o = co_outputs_open(pdf, xml, &error)) == NULL)
		say(input, "%s", error);
	g_free(why);
	co_buffer_free(error);
	g_free(xml);
	*pdfp = pdf;
	return o;
}

/* The PDF and the XML: both are written, or neither replaces what was there. */
static int
render(struct co_doc *doc, struct co_outputs *outputs, const char *input, const char *pdf)
{
	char		*error = NULL;
	int		 rc = 0, pages;

	pages = co_outputs_write(doc, outputs, &error);
	if (pages < 0) {
		if (error != NULL)
			say(input, "%s", error);
		rc = co_doc_level(doc) >= CO_LEVEL_ERROR ? EXIT_REPORT : EXIT_USAGE;
	} else if (!opt_quiet && !opt_json)
		fprintf(stderr, "%s: %d pages\n", strcmp(pdf, "-") == 0 ? "standard output" :
		    pdf, pages);
	co_buffer_free(error);
	return rc;
}

static int
run(const char *command, const char *input)
{
	struct co_doc		*doc;
	struct co_outputs	*outputs = NULL;
	char			*buf, *pdf = NULL;
	size_t			 len;
	int			 rc = 0;

	if (strcmp(command, "render") == 0 && opt_dump == NULL &&
	    (outputs = open_outputs(input, &pdf)) == NULL) {
		g_free(pdf);
		return EXIT_USAGE;
	}
	doc = opt_json ?
	    co_doc_load_structured(input, NULL, 0, CO_INPUT_AUTO, print_json, NULL) :
	    co_doc_load(input, NULL, 0, CO_INPUT_AUTO, print_diag, NULL);
	if (opt_pdf_standard != NULL)
		co_doc_set_pdf_standard(doc, opt_pdf_standard);
	if (opt_template != NULL)
		co_doc_set_template(doc, opt_template);
	/* 'check' lays the report out too, and sums up after that. */
	if (strcmp(command, "check") != 0 || opt_dump != NULL ||
	    co_doc_level(doc) >= CO_LEVEL_ERROR)
		summary(input, doc);
	if (co_doc_level(doc) >= CO_LEVEL_ERROR) {
		rc = co_doc_level(doc) >= CO_LEVEL_FATAL ? EXIT_USAGE : EXIT_REPORT;
		co_outputs_discard(outputs);
		g_free(pdf);
		co_doc_free(doc);
		return rc;
	}
	if (opt_dump != NULL) {
		char *error = NULL;

		if (strcmp(opt_dump, "tree") == 0)
			buf = co_render_tree(doc, &len);
		else if (strcmp(opt_dump, "xml") == 0)
			buf = co_render_xml(doc, &len);
		else
			buf = co_render_layout(doc, &len, &error);
		if (buf == NULL) {
			if (error != NULL)
				say(input, "%s", error);
			co_buffer_free(error);
			rc = co_doc_level(doc) >= CO_LEVEL_ERROR ? EXIT_REPORT : EXIT_USAGE;
			co_doc_free(doc);
			return rc;
		}
		/* A full disk or a closed pipe must not pass for success. */
		if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
			say(input, "standard output: %s", g_strerror(errno));
			rc = EXIT_USAGE;
		}
		co_buffer_free(buf);
	} else if (strcmp(command, "render") == 0) {
		rc = render(doc, outputs, input, pdf);
		g_free(pdf);
	}
	else {
		/* What layout finds (the template's mistakes, a table too wide) counts too. */
		if (co_check_layout(doc) >= CO_LEVEL_ERROR)
			rc = EXIT_REPORT;
		summary(input, doc);
		if (!opt_quiet && !opt_json && co_doc_count(doc, CO_LEVEL_WARNING) == 0 &&
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
	static const int	 stop[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
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

/* False after a message if --template names no template of closeout's. */
static gboolean
template_ok(const char *name)
{
	char		**names = co_template_names(), *list;
	const char	*near;
	gboolean	 ok = g_strv_contains((const char *const *)names, name);

	if (!ok) {
		near = co_nearest(name, (const char *const *)names);
		list = g_strjoinv(", ", names);
		if (near != NULL)
			fprintf(stderr, "closeout: there is no template '%s'; did you mean '%s'?\n",
			    name, near);
		else
			fprintf(stderr, "closeout: there is no template '%s'; closeout's are: %s\n",
			    name, list);
		g_free(list);
	}
	g_strfreev(names);
	return ok;
}

/*
 * Parses the options of check or render in argv (argv[0] the command's
 * name), leaving the report in argv[1]; exits on a usage error, after
 * printing the help on --help.
 */
static void
parse_options(int *argc, char ***argv, gboolean render_opts, const char *summary)
{
	GOptionContext	*ctx;
	GError		*err = NULL;
	char		*prog;

	/* GOption's "Usage: closeout render [OPTION…] REPORT" comes from the program's name. */
	prog = g_strdup_printf("closeout %s", (*argv)[0]);
	g_set_prgname(prog);
	ctx = g_option_context_new("REPORT");
	g_option_context_set_summary(ctx, summary);
	g_option_context_set_description(ctx,
	    "REPORT is a report in YAML or closeout's archival XML.\n"
	    "Exit status: 0 success, 1 the report has errors, 2 usage or I/O errors.\n"
	    "More in closeout(1); the format in docs/format.md.");
	if (render_opts)
		g_option_context_add_main_entries(ctx, render_entries, NULL);
	g_option_context_add_main_entries(ctx, common_entries, NULL);
	if (!g_option_context_parse(ctx, argc, argv, &err)) {
		fprintf(stderr, "%s: %s\nTry '%s --help'.\n", prog, err->message, prog);
		g_error_free(err);
		exit(EXIT_USAGE);
	}
	g_option_context_free(ctx);
	if (*argc != 2) {
		fprintf(stderr, "%s: %s\nTry '%s --help'.\n", prog, *argc < 2 ?
		    "no REPORT given" : "one REPORT at a time", prog);
		exit(EXIT_USAGE);
	}
	g_set_prgname("closeout");
	g_free(prog);

	if (opt_diagnostics != NULL && strcmp(opt_diagnostics, "json") != 0 &&
	    strcmp(opt_diagnostics, "text") != 0) {
		fprintf(stderr, "closeout: --diagnostics takes text or json, not '%s'\n",
		    opt_diagnostics);
		exit(EXIT_USAGE);
	}
	opt_json = opt_diagnostics != NULL && strcmp(opt_diagnostics, "json") == 0;
	if (opt_dump != NULL && strcmp(opt_dump, "tree") != 0 &&
	    strcmp(opt_dump, "layout") != 0 && strcmp(opt_dump, "xml") != 0) {
		fprintf(stderr, "closeout: -t takes tree, layout or xml, not '%s'\n", opt_dump);
		exit(EXIT_USAGE);
	}
	if (opt_pdf_standard != NULL && !co_pdf_standard_ok(opt_pdf_standard)) {
		fprintf(stderr, "closeout: --pdf-standard takes a-1b, a-2b, a-3b or none, "
		    "not '%s'\n", opt_pdf_standard);
		exit(EXIT_USAGE);
	}
	if (opt_template != NULL && !template_ok(opt_template))
		exit(EXIT_USAGE);
	if (!co_source_date_ok()) {
		fprintf(stderr, "closeout: SOURCE_DATE_EPOCH must be a number of seconds since "
		    "1970-01-01, not '%s'\n", g_getenv("SOURCE_DATE_EPOCH"));
		exit(EXIT_USAGE);
	}
}

static int
cmd_check(int argc, char **argv)
{
	parse_options(&argc, &argv, /*render_opts*/FALSE,
	    "Checks the report as render would, and lays it out, writing nothing:\n"
	    "every mistake, in the order of the lines, with a hint.");
	return run("check", argv[1]);
}

static int
cmd_render(int argc, char **argv)
{
	parse_options(&argc, &argv, /*render_opts*/TRUE,
	    "Writes the typeset PDF and the archival XML, by default REPORT.pdf and\n"
	    "REPORT.xml beside the report (an XML report only its PDF).  A report\n"
	    "with errors writes nothing; both files are written, or neither.");
	return run("render", argv[1]);
}

static const struct command *
command_named(const char *name)
{
	size_t	 i;

	for (i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* The entry of check's or render's options for "--name" or "-c", or NULL. */
static const GOptionEntry *
option_named(const char *lng, char shrt)
{
	const GOptionEntry	*tables[] = { common_entries, render_entries, main_entries };
	const GOptionEntry	*e;
	size_t			 i;

	for (i = 0; i < G_N_ELEMENTS(tables); i++)
		for (e = tables[i]; e->long_name != NULL; e++)
			if (lng != NULL ? strcmp(e->long_name, lng) == 0 : e->short_name == shrt)
				return e;
	return NULL;
}

/* True if the argument after option "arg" is its value ("-o FILE", "--xml FILE"). */
static gboolean
value_follows(const char *arg)
{
	const GOptionEntry	*e;
	const char		*p;

	if (arg[1] == '-') {
		if (strchr(arg, '=') != NULL)
			return FALSE;
		e = option_named(arg + 2, 0);
		return e != NULL && e->arg != G_OPTION_ARG_NONE;
	}
	/* "-qo FILE": a cluster ends with the one that takes a value, or has it. */
	for (p = arg + 1; *p != '\0'; p++)
		if ((e = option_named(NULL, *p)) != NULL && e->arg != G_OPTION_ARG_NONE)
			return p[1] == '\0';
	return FALSE;
}

/*
 * The index of the command in argv, which options may come before
 * ("closeout -q render r.yaml"): the first word that names one, else -1
 * with *word the first word that is not an option's value, or -1.  The
 * words after "help" are its own.
 */
static int
find_command(int argc, char **argv, int *word)
{
	int	 i;

	*word = -1;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			if (value_follows(argv[i]))
				i++;
			continue;
		}
		if (*word < 0)
			*word = i;
		/* "closeout help render" asks about render: main() sees to it. */
		if (i == *word && strcmp(argv[i], "help") == 0)
			return -1;
		if (command_named(argv[i]) != NULL)
			return i;
	}
	return -1;
}

/* "closeout rendr": exits with the command it was most likely meant to be. */
static void
unknown_command(const char *name)
{
	const char	*names[G_N_ELEMENTS(commands) + 1];
	const char	*near;
	size_t		 i;

	for (i = 0; i < G_N_ELEMENTS(commands); i++)
		names[i] = commands[i].name;
	names[i] = NULL;
	if ((near = co_nearest(name, names)) != NULL)
		fprintf(stderr, "closeout: unknown command '%s'; did you mean '%s'?\n",
		    name, near);
	else
		fprintf(stderr, "closeout: unknown command '%s'\nTry 'closeout --help'.\n",
		    name);
	exit(EXIT_USAGE);
}

/* `closeout --help`, `closeout -V`, or a usage error: everything without a command. */
static void
no_command(int argc, char **argv)
{
	GOptionContext	*ctx;
	GError		*err = NULL;
	GString		*cmds;
	size_t		 i;

	cmds = g_string_new("Turns a project final report written in YAML (or closeout's XML)\n"
	    "into a typeset PDF and an archival XML.\n\nCommands:");
	for (i = 0; i < G_N_ELEMENTS(commands); i++)
		g_string_append_printf(cmds, "\n  %-10s %s", commands[i].name,
		    commands[i].summary);
	ctx = g_option_context_new("COMMAND REPORT");
	g_option_context_set_summary(ctx, cmds->str);
	g_option_context_set_description(ctx,
	    "'closeout COMMAND --help' shows a command's options; closeout(1) has it all.\n"
	    "Exit status: 0 success, 1 the report has errors, 2 usage or I/O errors.");
	g_option_context_add_main_entries(ctx, main_entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "closeout: %s\nTry 'closeout --help'.\n", err->message);
		exit(EXIT_USAGE);
	}
	g_option_context_free(ctx);
	g_string_free(cmds, TRUE);
	if (opt_version) {
		printf("closeout %s\n", CO_VERSION);
		exit(0);
	}
	fprintf(stderr, "usage: closeout COMMAND [OPTION…] REPORT\nTry 'closeout --help'.\n");
	exit(EXIT_USAGE);
}

int
main(int argc, char *argv[])
{
	const struct command	*cmd;
	char			**args, *help[3];
	int			 i, n, at, word, rc;

	catch_signals();
	setlocale(LC_ALL, "");
	/* cairo writes decimals through printf: keep the point. */
	setlocale(LC_NUMERIC, "C");

	if ((at = find_command(argc, argv, &word)) < 0) {
		/* "closeout help render" is "closeout render --help". */
		if (word > 0 && strcmp(argv[word], "help") == 0) {
			if (word + 1 < argc && (cmd = command_named(argv[word + 1])) != NULL) {
				help[0] = argv[word + 1];
				help[1] = (char *)"--help";
				help[2] = NULL;
				exit(cmd->fn(2, help));
			}
			if (word + 1 < argc)
				unknown_command(argv[word + 1]);
			argv[word] = (char *)"--help";
		} else if (word > 0)
			unknown_command(argv[word]);
		no_command(argc, argv);
	}

	/* The command's own arguments: its name, then all the others in order. */
	cmd = command_named(argv[at]);
	args = g_new(char *, argc);
	args[0] = argv[at];
	for (i = 1, n = 1; i < argc; i++)
		if (i != at)
			args[n++] = argv[i];
	args[n] = NULL;
	rc = cmd->fn(n, args);
	g_free(args);
	exit(rc);
}
