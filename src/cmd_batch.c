/*
 * cmd_batch.c: `closeout batch`, many reports rendered by worker
 * processes (Pango and fontconfig are not safe to share between threads),
 * with a progress line, a summary and a CSV of every report's figures.
 */
#include <errno.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "closeout.h"
#include "cmd.h"
#include "csv.h"

/* How a report fared, worst last: the exit status is the worst of them. */
enum outcome {
	OUT_OK,			/* rendered, perhaps with warnings */
	OUT_ERRORS,		/* the report has errors: nothing written */
	OUT_FAILED		/* unreadable, an I/O error or a crash: nothing written */
};

static const char *const outcome_names[] = {
	"ok",		/* OUT_OK */
	"errors",	/* OUT_ERRORS */
	"failed"	/* OUT_FAILED */
};

/* One report: where it goes and, once done, what its worker said. */
struct job {
	char		*report;	/* as found */
	char		*pdf;		/* its outputs */
	char		*xml;
	char		*clash;		/* another report's outputs have these names, or NULL */
	GHashTable	*said;		/* the worker's answer: key → value */
	enum outcome	 outcome;	/* from "said" */
	bool		 done;
};

struct batch;

/* A worker process and the report it has in hand. */
struct worker {
	struct batch	*b;
	GSubprocess	*proc;
	GOutputStream	*in;		/* its standard input: jobs */
	GDataInputStream *out;		/* its standard output: answers */
	struct job	*job;		/* in hand, or NULL */
	GHashTable	*said;		/* the answer being read */
	bool		 gone;		/* its output ended */
};

struct batch {
	struct job	*jobs;		/* njobs, in the order given */
	size_t		 njobs;
	size_t		 next;		/* the next job to hand out */
	size_t		 ndone;
	int		 running;	/* workers alive */
	GMainLoop	*loop;
	char		*self;		/* our own executable */
	gint64		 start;		/* monotonic µs */
	bool		 tty;		/* standard error is a terminal: a progress line */
	const char	*current;	/* the report last handed out, for the progress line */
};

static int	 opt_jobs;
static char	*opt_out;
static char	*opt_summary;
static char	*opt_pdf_standard;
static gboolean	 opt_quiet;
static gboolean	 opt_worker;

static GOptionEntry entries[] = {
	{ "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs,
	  "render N reports at once (default: the number of cores)", "N" },
	{ "out", 'O', 0, G_OPTION_ARG_FILENAME, &opt_out,
	  "write each NAME.pdf and NAME.xml into DIR (default: beside each report)", "DIR" },
	{ "summary", 's', 0, G_OPTION_ARG_FILENAME, &opt_summary,
	  "write one CSV row per report into FILE (columns: docs/batch.md)", "FILE" },
	{ "pdf-standard", 0, 0, G_OPTION_ARG_STRING, &opt_pdf_standard,
	  "make the PDFs a-1b, a-2b (the default), a-3b or none", "STD" },
	{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
	  "print only the reports that fail, and the summary", NULL },
	/* The parent runs its workers as `closeout batch --worker`. */
	{ "worker", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_worker, NULL, NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- the worker ------------------------------------------------------ */

/* What one report said, kept for the answer. */
struct heard {
	GString		*messages;	/* every diagnostic, formatted */
};

static void
hear(enum co_level level, const char *text, void *arg)
{
	struct heard	*h = arg;

	g_string_append(h->messages, text);
}

/* "key\tvalue\n", the value escaped so that it stays on its line. */
static void
say(GString *out, const char *key, const char *value)
{
	char	*esc;

	if (value == NULL)
		return;
	esc = g_strescape(value, NULL);
	g_string_append_printf(out, "%s\t%s\n", key, esc);
	g_free(esc);
}

static void
sayf(GString *out, const char *key, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void
sayf(GString *out, const char *key, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	say(out, key, s);
	g_free(s);
}

/* Cents as a spreadsheet reads them: "-1234.50". */
static char *
money(long long cents)
{
	long long	 a = cents < 0 ? -cents : cents;

	return g_strdup_printf("%s%lld.%02lld", cents < 0 ? "-" : "", a / 100, a % 100);
}

static void
say_summary(GString *out, const struct co_doc *doc)
{
	struct co_summary	 s;
	char			 key[32], *v;
	int			 i;

	co_doc_summary(doc, &s);
	say(out, "title", s.title);
	say(out, "project_code", s.project_code);
	say(out, "funder", s.funder);
	say(out, "decision", s.decision);
	say(out, "period_start", s.period_start);
	say(out, "period_end", s.period_end);
	say(out, "report_status", s.status);
	say(out, "language", s.language);
	sayf(out, "deliverables_done", "%d", s.deliverables_done);
	sayf(out, "deliverables", "%d", s.deliverables);
	sayf(out, "goals_met", "%d", s.goals_met);
	sayf(out, "goals_numeric", "%d", s.goals_numeric);
	sayf(out, "goals", "%d", s.goals);
	sayf(out, "risks_open", "%d", s.risks_open);
	sayf(out, "risks", "%d", s.risks);
	for (i = 0; i < s.nmoney; i++) {
		g_snprintf(key, sizeof(key), "planned_%s", s.money[i].currency);
		say(out, key, v = money(s.money[i].planned));
		g_free(v);
		if (!s.money[i].has_actual)
			continue;
		g_snprintf(key, sizeof(key), "actual_%s", s.money[i].currency);
		say(out, key, v = money(s.money[i].actual));
		g_free(v);
		g_snprintf(key, sizeof(key), "variance_%s", s.money[i].currency);
		say(out, key, v = money(s.money[i].actual - s.money[i].planned));
		g_free(v);
	}
}

/* Renders one report and writes the answer to standard output. */
static void
work(const char *report, const char *pdf, const char *xml)
{
	struct co_doc	*doc;
	struct heard	 h;
	GString		*out = g_string_new(NULL);
	char		*error = NULL;
	gint64		 t0 = g_get_monotonic_time();
	int		 pages = -1, e;
	enum outcome	 o;

	h.messages = g_string_new(NULL);
	doc = co_doc_load(report, NULL, 0, CO_INPUT_AUTO, hear, &h);
	if (opt_pdf_standard != NULL)
		co_doc_set_pdf_standard(doc, opt_pdf_standard);
	if (co_doc_level(doc) < CO_LEVEL_ERROR &&
	    (error = cmd_outputs_check(report, pdf, xml)) == NULL)
		pages = co_write_outputs(doc, pdf, xml[0] != '\0' ? xml : NULL, &error);
	if (error != NULL)
		g_string_append_printf(h.messages, "closeout: %s\n", error);
	e = co_doc_count(doc, CO_LEVEL_ERROR) + co_doc_count(doc, CO_LEVEL_FATAL);
	if (pages >= 0)
		o = OUT_OK;
	else if (co_doc_level(doc) == CO_LEVEL_ERROR)
		o = OUT_ERRORS;
	else
		o = OUT_FAILED;
	say(out, "outcome", outcome_names[o]);
	if (pages >= 0)
		sayf(out, "pages", "%d", pages);
	sayf(out, "errors", "%d", e);
	sayf(out, "warnings", "%d", co_doc_count(doc, CO_LEVEL_WARNING));
	sayf(out, "seconds", "%.3f", (g_get_monotonic_time() - t0) / 1e6);
	if (co_doc_level(doc) < CO_LEVEL_FATAL)
		say_summary(out, doc);
	say(out, "messages", h.messages->str);
	g_string_append(out, "done\n");
	fwrite(out->str, 1, out->len, stdout);
	fflush(stdout);
	co_buffer_free(error);
	co_doc_free(doc);
	g_string_free(out, TRUE);
	g_string_free(h.messages, TRUE);
}

/*
 * A worker reads "report\tpdf\txml" lines (each escaped) and renders each
 * in turn, its fonts and dictionaries loaded once, until its input ends.
 */
static int
worker_main(void)
{
	char	*line = NULL, **f;
	size_t	 cap = 0;
	ssize_t	 n;

	co_cache_keep(CO_CACHE_FONTS);
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		f = g_strsplit(line, "\t", 3);
		if (g_strv_length(f) == 3) {
			char *r = g_strcompress(f[0]), *p = g_strcompress(f[1]),
			    *x = g_strcompress(f[2]);
			work(r, p, x);
			g_free(r);
			g_free(p);
			g_free(x);
		}
		g_strfreev(f);
	}
	free(line);
	co_cache_keep(0);
	return 0;
}

/* ---- the parent ------------------------------------------------------ */

static const char *
said(const struct job *j, const char *key)
{
	return j->said != NULL ? g_hash_table_lookup(j->said, key) : NULL;
}

static int
said_int(const struct job *j, const char *key)
{
	const char	*v = said(j, key);

	return v != NULL ? atoi(v) : 0;
}

/* "[#######.......] 12/200 reports/x.yaml, 0:14 left", over itself. */
static void
progress(struct batch *b)
{
	char	 bar[21], left[32] = "", *name = NULL;
	double	 el = (g_get_monotonic_time() - b->start) / 1e6;
	size_t	 i, fill = b->njobs > 0 ? b->ndone * 20 / b->njobs : 20;
	int	 s;

	for (i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	if (b->ndone > 0 && b->ndone < b->njobs) {
		s = (int)(el / b->ndone * (b->njobs - b->ndone) + 0.5);
		g_snprintf(left, sizeof(left), ", %d:%02d left", s / 60, s % 60);
	}
	/* The file's own name, cut to fit a line (by characters, not bytes). */
	if (b->current != NULL) {
		char *base = g_path_get_basename(b->current);
		name = g_utf8_strlen(base, -1) > 40 ? g_utf8_substring(base, 0, 40) :
		    g_strdup(base);
		g_free(base);
	}
	fprintf(stderr, "\r\033[K[%s] %zu/%zu %s%s", bar, b->ndone, b->njobs,
	    name != NULL ? name : "", left);
	fflush(stderr);
	g_free(name);
}

/* One report is done: its line, or the progress bar moves on. */
static void
finished(struct batch *b, struct job *j)
{
	const char	*outcome = said(j, "outcome");
	int		 e = said_int(j, "errors"), w = said_int(j, "warnings");

	j->done = true;
	b->ndone++;
	j->outcome = OUT_FAILED;
	if (outcome != NULL && strcmp(outcome, "ok") == 0)
		j->outcome = OUT_OK;
	else if (outcome != NULL && strcmp(outcome, "errors") == 0)
		j->outcome = OUT_ERRORS;
	if (b->tty) {
		progress(b);
		return;
	}
	if (opt_quiet && j->outcome == OUT_OK)
		return;
	if (j->outcome == OUT_OK)
		fprintf(stderr, "ok %s: %s pages, %d warning%s, %s s\n", j->report,
		    said(j, "pages"), w, w == 1 ? "" : "s", said(j, "seconds"));
	else
		fprintf(stderr, "%s %s: %d error%s, %d warning%s\n",
		    outcome_names[j->outcome], j->report, e, e == 1 ? "" : "s", w,
		    w == 1 ? "" : "s");
	fflush(stderr);
}

static void	 read_answer(struct worker *);
static void	 spawn(struct batch *);

/* Hands "w" its next report, or closes its input when there is none: it then ends. */
static void
hand_out(struct worker *w)
{
	struct batch	*b = w->b;
	struct job	*j;
	GError		*err = NULL;
	char		*r, *p, *x, *line;

	while (b->next < b->njobs && b->jobs[b->next].clash != NULL) {
		/* Two reports that would write one file: the second is not rendered. */
		j = &b->jobs[b->next++];
		j->said = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		g_hash_table_insert(j->said, g_strdup("outcome"), g_strdup("failed"));
		g_hash_table_insert(j->said, g_strdup("messages"), g_strdup_printf(
		    "closeout: %s: its outputs would overwrite those of %s\n", j->report,
		    j->clash));
		finished(b, j);
	}
	if (b->next == b->njobs) {
		w->job = NULL;
		g_output_stream_close(w->in, NULL, NULL);
		return;
	}
	w->job = j = &b->jobs[b->next++];
	b->current = j->report;
	if (b->tty)
		progress(b);
	r = g_strescape(j->report, NULL);
	p = g_strescape(j->pdf, NULL);
	x = g_strescape(j->xml != NULL ? j->xml : "", NULL);
	line = g_strdup_printf("%s\t%s\t%s\n", r, p, x);
	if (!g_output_stream_write_all(w->in, line, strlen(line), NULL, NULL, &err)) {
		/* It died: its output ends too, and read_answer() takes it from there. */
		g_clear_error(&err);
	}
	g_free(line);
	g_free(r);
	g_free(p);
	g_free(x);
}

static void
worker_free(struct worker *w)
{
	if (w->said != NULL)
		g_hash_table_destroy(w->said);
	g_object_unref(w->out);
	g_object_unref(w->proc);
	g_free(w);
}

/*
 * What a killed worker could not clean up itself: the temporary files
 * beside "target" that outfile.c names ".NAME.XXXXXX.tmp".
 */
static void
remove_temporaries(const char *target)
{
	char		*dir, *base, *prefix;
	const char	*e;
	GDir		*d;

	if (target == NULL)
		return;
	dir = g_path_get_dirname(target);
	base = g_path_get_basename(target);
	prefix = g_strdup_printf(".%s.", base);
	if ((d = g_dir_open(dir, 0, NULL)) != NULL) {
		while ((e = g_dir_read_name(d)) != NULL)
			if (g_str_has_prefix(e, prefix) && g_str_has_suffix(e, ".tmp") &&
			    strlen(e) == strlen(prefix) + 6 + 4) {
				char *p = g_build_filename(dir, e, NULL);
				g_unlink(p);
				g_free(p);
			}
		g_dir_close(d);
	}
	g_free(prefix);
	g_free(base);
	g_free(dir);
}

/* The worker has ended: a report it had in hand failed, and another worker takes over. */
static void
on_worker_end(GObject *src, GAsyncResult *res, gpointer arg)
{
	struct worker	*w = arg;
	struct batch	*b = w->b;
	struct job	*j = w->job;

	g_subprocess_wait_finish(w->proc, res, NULL);
	if (j != NULL) {
		char *why = g_subprocess_get_if_signaled(w->proc) ?
		    g_strdup_printf("closeout: %s: the worker rendering it was killed by "
		    "signal %d\n", j->report, g_subprocess_get_term_sig(w->proc)) :
		    g_strdup_printf("closeout: %s: the worker rendering it stopped "
		    "(status %d)\n", j->report, g_subprocess_get_exit_status(w->proc));

		remove_temporaries(j->pdf);
		remove_temporaries(j->xml);
		if (j->said == NULL)
			j->said = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		g_hash_table_replace(j->said, g_strdup("outcome"), g_strdup("failed"));
		g_hash_table_replace(j->said, g_strdup("messages"), why);
		finished(b, j);
		w->job = NULL;
		if (b->next < b->njobs)
			spawn(b);
	}
	b->running--;
	worker_free(w);
	if (b->running == 0)
		g_main_loop_quit(b->loop);
}

static void
on_line(GObject *src, GAsyncResult *res, gpointer arg)
{
	struct worker	*w = arg;
	char		*line, *tab;
	gsize		 len;

	line = g_data_input_stream_read_line_finish(w->out, res, &len, NULL);
	if (line == NULL) {
		/* End of its output: it has ended, or is about to. */
		w->gone = true;
		g_subprocess_wait_async(w->proc, NULL, on_worker_end, w);
		return;
	}
	if (strcmp(line, "done") == 0 && w->job != NULL) {
		w->job->said = w->said;
		w->said = NULL;
		finished(w->b, w->job);
		hand_out(w);
	} else if ((tab = strchr(line, '\t')) != NULL) {
		*tab = '\0';
		if (w->said == NULL)
			w->said = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		g_hash_table_replace(w->said, g_strdup(line), g_strcompress(tab + 1));
	}
	g_free(line);
	read_answer(w);
}

static void
read_answer(struct worker *w)
{
	g_data_input_stream_read_line_async(w->out, G_PRIORITY_DEFAULT, NULL, on_line, w);
}

/* Starts a worker and hands it a report. */
static void
spawn(struct batch *b)
{
	const char	*argv[5];
	struct worker	*w;
	GError		*err = NULL;
	int		 n = 0;

	argv[n++] = b->self;
	argv[n++] = "batch";
	argv[n++] = "--worker";
	if (opt_pdf_standard != NULL)
		argv[n++] = g_strdup_printf("--pdf-standard=%s", opt_pdf_standard);
	argv[n] = NULL;
	w = g_new0(struct worker, 1);
	w->b = b;
	w->proc = g_subprocess_newv(argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
	    G_SUBPROCESS_FLAGS_STDOUT_PIPE, &err);
	if (opt_pdf_standard != NULL)
		g_free((char *)argv[3]);
	if (w->proc == NULL) {
		fprintf(stderr, "closeout batch: cannot start a worker: %s\n", err->message);
		g_error_free(err);
		g_free(w);
		if (b->running == 0)
			g_main_loop_quit(b->loop);
		return;
	}
	w->in = g_subprocess_get_stdin_pipe(w->proc);
	w->out = g_data_input_stream_new(g_subprocess_get_stdout_pipe(w->proc));
	b->running++;
	hand_out(w);
	read_answer(w);
}

/* True if "path" looks like a report, not a template beside it: it has a top-level meta. */
static bool
looks_like_report(const char *path)
{
	char	*head = NULL;
	gsize	 len;
	bool	 yes;

	if (!g_file_get_contents(path, &head, &len, NULL))
		return true;	/* let the worker say what is wrong with it */
	yes = g_str_has_prefix(head, "meta:") || strstr(head, "\nmeta:") != NULL;
	g_free(head);
	return yes;
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The reports named: files as they are, and each directory's YAML reports in name order. */
static GPtrArray *
collect(int argc, char *argv[])
{
	GPtrArray	*out = g_ptr_array_new_with_free_func(g_free), *here;
	const char	*e;
	GDir		*d;
	int		 i;

	for (i = 1; i < argc; i++) {
		if (!g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
			g_ptr_array_add(out, g_strdup(argv[i]));
			continue;
		}
		if ((d = g_dir_open(argv[i], 0, NULL)) == NULL)
			continue;
		here = g_ptr_array_new();
		while ((e = g_dir_read_name(d)) != NULL) {
			char *p = g_build_filename(argv[i], e, NULL);
			if ((g_str_has_suffix(e, ".yaml") || g_str_has_suffix(e, ".yml")) &&
			    g_file_test(p, G_FILE_TEST_IS_REGULAR) && looks_like_report(p))
				g_ptr_array_add(here, p);
			else
				g_free(p);
		}
		g_dir_close(d);
		g_ptr_array_sort(here, by_name);
		for (guint k = 0; k < here->len; k++)
			g_ptr_array_add(out, g_ptr_array_index(here, k));
		g_ptr_array_free(here, TRUE);
	}
	return out;
}

/* "dir/name.yaml" → "OUT/name.EXT", or beside the report without --out. */
static char *
target(const char *report, const char *ext)
{
	char	*base, *name, *path;

	if (opt_out == NULL)
		return cmd_beside(report, ext);
	base = g_path_get_basename(report);
	name = cmd_beside(base, ext);
	path = g_build_filename(opt_out, name, NULL);
	g_free(base);
	g_free(name);
	return path;
}

/* The first few messages of a failing report: each one's first line. */
static void
print_first_messages(const struct job *j)
{
	const char	*m = said(j, "messages");
	char		**lines;
	int		 i, shown = 0;

	fprintf(stderr, "  %s:\n", j->report);
	if (m == NULL)
		return;
	lines = g_strsplit(m, "\n", -1);
	for (i = 0; lines[i] != NULL && shown < 3; i++)
		if (lines[i][0] != '\0' && lines[i][0] != ' ' && !strstr(lines[i], ": hint: ")) {
			fprintf(stderr, "    %s\n", lines[i]);
			shown++;
		}
	g_strfreev(lines);
}

/* Every currency any report used, in order, for the CSV's budget columns. */
static GPtrArray *
currencies(const struct batch *b)
{
	GPtrArray	*out = g_ptr_array_new_with_free_func(g_free);
	GHashTableIter	 it;
	gpointer	 k;
	size_t		 i;
	guint		 c;

	for (i = 0; i < b->njobs; i++) {
		if (b->jobs[i].said == NULL)
			continue;
		g_hash_table_iter_init(&it, b->jobs[i].said);
		while (g_hash_table_iter_next(&it, &k, NULL)) {
			if (!g_str_has_prefix(k, "planned_"))
				continue;
			for (c = 0; c < out->len && strcmp(g_ptr_array_index(out, c),
			    (char *)k + 8) != 0; c++)
				;
			if (c == out->len)
				g_ptr_array_add(out, g_strdup((char *)k + 8));
		}
	}
	g_ptr_array_sort(out, by_name);
	return out;
}

static const char *const columns[] = {
	"file", "status", "pages", "title", "project_code", "funder", "decision",
	"period_start", "period_end", "report_status", "language", "deliverables_done",
	"deliverables", "goals_met", "goals_numeric", "goals", NULL
};
static const char *const columns_after[] = { "risks_open", "risks", "errors", "warnings", NULL };

/* The CSV: a header, then one row per report in the order given; false after a message. */
static bool
write_summary(const struct batch *b, const char *path)
{
	GPtrArray	*cur = currencies(b);
	GString		*csv = g_string_new(NULL);
	GError		*err = NULL;
	char		 key[32];
	const char	*k, *v;
	size_t		 i;
	guint		 c;
	int		 n;
	bool		 ok;

	for (n = 0; columns[n] != NULL; n++)
		csv_field(csv, columns[n]);
	for (c = 0; c < cur->len; c++) {
		csv_fieldf(csv, "planned_%s", (char *)g_ptr_array_index(cur, c));
		csv_fieldf(csv, "actual_%s", (char *)g_ptr_array_index(cur, c));
		csv_fieldf(csv, "variance_%s", (char *)g_ptr_array_index(cur, c));
	}
	for (n = 0; columns_after[n] != NULL; n++)
		csv_field(csv, columns_after[n]);
	csv_end(csv);
	for (i = 0; i < b->njobs; i++) {
		const struct job *j = &b->jobs[i];

		csv_field(csv, j->report);
		csv_field(csv, outcome_names[j->outcome]);
		for (n = 2; (k = columns[n]) != NULL; n++)
			csv_field(csv, said(j, k));
		for (c = 0; c < cur->len; c++) {
			const char *cc = g_ptr_array_index(cur, c);
			g_snprintf(key, sizeof(key), "planned_%s", cc);
			csv_field(csv, said(j, key));
			g_snprintf(key, sizeof(key), "actual_%s", cc);
			csv_field(csv, said(j, key));
			g_snprintf(key, sizeof(key), "variance_%s", cc);
			csv_field(csv, said(j, key));
		}
		for (n = 0; (k = columns_after[n]) != NULL; n++) {
			v = said(j, k);
			csv_field(csv, v);
		}
		csv_end(csv);
	}
	/* Written whole or not at all, as the PDFs are. */
	ok = g_file_set_contents(path, csv->str, csv->len, &err);
	if (!ok) {
		fprintf(stderr, "closeout batch: %s\n", err->message);
		g_error_free(err);
	}
	g_string_free(csv, TRUE);
	g_ptr_array_free(cur, TRUE);
	return ok;
}

int
cmd_batch(int argc, char *argv[])
{
	GOptionContext	*ctx;
	GError		*err = NULL;
	GPtrArray	*files;
	GHashTable	*names;
	struct batch	 b;
	size_t		 i, nok = 0, nbad = 0, nfailed = 0;
	int		 k, rc = 0;

	g_set_prgname("closeout batch");
	ctx = g_option_context_new("FILE|DIR…");
	g_option_context_set_summary(ctx,
	    "Renders many reports, several at once, each in a worker process: the\n"
	    "files named and the YAML reports in each directory named. A failing\n"
	    "report never stops the others and leaves no output of its own.\n"
	    "The exit status is the worst of all the reports.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "closeout batch: %s\nTry 'closeout batch --help'.\n",
		    err->message);
		g_error_free(err);
		g_option_context_free(ctx);
		return CMD_EXIT_USAGE;
	}
	g_option_context_free(ctx);
	if (opt_worker)
		return worker_main();
	if (argc < 2) {
		fprintf(stderr, "usage: closeout batch [--jobs N] [--out DIR] "
		    "[--summary FILE.csv] FILE|DIR…\n");
		return CMD_EXIT_USAGE;
	}
	if (opt_jobs < 0 || opt_jobs > 1024) {
		fprintf(stderr, "closeout batch: --jobs takes a number from 1 to 1024\n");
		return CMD_EXIT_USAGE;
	}
	if (!co_source_date_ok()) {
		fprintf(stderr, "closeout batch: SOURCE_DATE_EPOCH must be a number of seconds "
		    "since 1970-01-01, not '%s'\n", g_getenv("SOURCE_DATE_EPOCH"));
		return CMD_EXIT_USAGE;
	}
	if (opt_pdf_standard != NULL && !co_pdf_standard_ok(opt_pdf_standard)) {
		fprintf(stderr, "closeout batch: --pdf-standard takes a-1b, a-2b, a-3b or "
		    "none, not '%s'\n", opt_pdf_standard);
		return CMD_EXIT_USAGE;
	}
	if (opt_out != NULL && g_mkdir_with_parents(opt_out, 0777) < 0) {
		fprintf(stderr, "closeout batch: %s: %s\n", opt_out, g_strerror(errno));
		return CMD_EXIT_USAGE;
	}

	memset(&b, 0, sizeof(b));
	files = collect(argc, argv);
	b.njobs = files->len;
	b.jobs = g_new0(struct job, b.njobs + 1);
	names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (i = 0; i < b.njobs; i++) {
		struct job *j = &b.jobs[i];
		const char *other;

		j->report = g_strdup(g_ptr_array_index(files, i));
		j->pdf = target(j->report, "pdf");
		j->xml = g_str_has_suffix(j->report, ".xml") && opt_out == NULL ? NULL :
		    target(j->report, "xml");
		/* With --out, a.yaml from two folders would write one a.pdf. */
		if ((other = g_hash_table_lookup(names, j->pdf)) != NULL)
			j->clash = g_strdup(other);
		else
			g_hash_table_insert(names, g_strdup(j->pdf), j->report);
	}
	g_hash_table_destroy(names);
	g_ptr_array_free(files, TRUE);

	/* A worker that dies is noticed by its output's end, not by a signal to us. */
	signal(SIGPIPE, SIG_IGN);
	b.self = g_file_read_link("/proc/self/exe", NULL);
	if (b.self == NULL)
		b.self = g_strdup(argv[0]);
	b.loop = g_main_loop_new(NULL, FALSE);
	b.start = g_get_monotonic_time();
	b.tty = isatty(2);
	k = opt_jobs > 0 ? opt_jobs : (int)g_get_num_processors();
	if ((size_t)k > b.njobs)
		k = (int)b.njobs;
	while (k-- > 0)
		spawn(&b);
	if (b.running > 0)
		g_main_loop_run(b.loop);
	if (b.tty)
		fprintf(stderr, "\r\033[K");

	/* Whatever no worker got to (none could start) failed. */
	for (i = 0; i < b.njobs; i++) {
		if (!b.jobs[i].done)
			b.jobs[i].outcome = OUT_FAILED;
		if (b.jobs[i].outcome == OUT_OK)
			nok++;
		else if (b.jobs[i].outcome == OUT_ERRORS)
			nbad++;
		else
			nfailed++;
		if (b.jobs[i].outcome == OUT_ERRORS && rc < CMD_EXIT_REPORT)
			rc = CMD_EXIT_REPORT;
		if (b.jobs[i].outcome == OUT_FAILED)
			rc = CMD_EXIT_USAGE;
	}
	fprintf(stderr, "batch: %zu report%s in %.1f s: %zu rendered, %zu with errors, "
	    "%zu failed\n", b.njobs, b.njobs == 1 ? "" : "s",
	    (g_get_monotonic_time() - b.start) / 1e6, nok, nbad, nfailed);
	for (i = 0; i < b.njobs; i++)
		if (b.jobs[i].outcome != OUT_OK)
			print_first_messages(&b.jobs[i]);
	if (opt_summary != NULL && !write_summary(&b, opt_summary))
		rc = CMD_EXIT_USAGE;

	for (i = 0; i < b.njobs; i++) {
		g_free(b.jobs[i].report);
		g_free(b.jobs[i].pdf);
		g_free(b.jobs[i].xml);
		g_free(b.jobs[i].clash);
		if (b.jobs[i].said != NULL)
			g_hash_table_destroy(b.jobs[i].said);
	}
	g_free(b.jobs);
	g_free(b.self);
	g_main_loop_unref(b.loop);
	return rc;
}
