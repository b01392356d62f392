/*
 * cmd_watch.c: `closeout watch`, the report rendered again whenever it,
 * its template or an image it uses changes, in one process that keeps its
 * fonts and dictionaries.
 */
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "closeout.h"
#include "cmd.h"

/*
 * How long a change must be quiet before the report is rendered: short
 * after an event that says a file is complete (closed after writing, or
 * renamed into place), long after one in the middle of a save (truncated,
 * written to, moved away), so that a burst renders once.
 */
#define SETTLE_MS	3
#define DEBOUNCE_MS	100

/* A directory that holds inputs, and which of its names are ours. */
struct dir {
	struct watch	*w;		/* back to the whole */
	char		*path;		/* as the inputs name it */
	GFileMonitor	*mon;		/* its monitor, or NULL if it cannot be watched */
	GHashTable	*names;		/* basename → itself */
};

/* What a file was when it was last rendered from. */
struct stamp {
	bool		 exists;
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtime;
	struct timespec	 ctime;
};

struct watch {
	const char	*report;	/* as given */
	char		*pdf;		/* the output */
	char		*xml;		/* the XML output, or NULL */
	char		**inputs;	/* what the last run read (co_doc_inputs) */
	struct stamp	*stamps;	/* each input as it was then */
	GHashTable	*dirs;		/* path → struct dir */
	guint		 timer;		/* the pending render, or 0 */
	bool		 missing;	/* the report was not there: said once */
};

static gboolean	 opt_quiet;
static char	*opt_output;
static char	*opt_xml;
static char	*opt_pdf_standard;

static GOptionEntry entries[] = {
	{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
	  "write the PDF to FILE (default: beside the report)", "FILE" },
	{ "xml", 0, 0, G_OPTION_ARG_FILENAME, &opt_xml,
	  "write the archival XML to FILE (default: beside the report)", "FILE" },
	{ "pdf-standard", 0, 0, G_OPTION_ARG_STRING, &opt_pdf_standard,
	  "make the PDF a-1b, a-2b (the default), a-3b or none", "STD" },
	{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
	  "print errors and the status line only, no warnings", NULL },
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

static void
stamp_of(const char *path, struct stamp *s)
{
	struct stat	 st;

	memset(s, 0, sizeof(*s));
	if (stat(path, &st) < 0)
		return;
	s->exists = true;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->size = st.st_size;
	s->mtime = st.st_mtim;
	s->ctime = st.st_ctim;
}

static bool
stamp_same(const struct stamp *a, const struct stamp *b)
{
	return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
	    a->size == b->size && a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec && a->ctime.tv_sec == b->ctime.tv_sec &&
	    a->ctime.tv_nsec == b->ctime.tv_nsec;
}

/* True if some input is not as it was when last rendered. */
static bool
inputs_changed(const struct watch *w)
{
	struct stamp	 now;
	size_t		 i;

	for (i = 0; w->inputs[i] != NULL; i++) {
		stamp_of(w->inputs[i], &now);
		if (!stamp_same(&now, &w->stamps[i]))
			return true;
	}
	return false;
}

static void	 on_event(GFileMonitor *, GFile *, GFile *, GFileMonitorEvent, gpointer);

static void
dir_free(gpointer p)
{
	struct dir	*d = p;

	if (d->mon != NULL) {
		g_signal_handlers_disconnect_by_data(d->mon, d);
		g_file_monitor_cancel(d->mon);
		g_object_unref(d->mon);
	}
	g_hash_table_destroy(d->names);
	g_free(d->path);
	g_free(d);
}

/*
 * Watches the directories of the inputs, not the files: an editor that
 * saves by writing a new file and renaming it over the old one replaces
 * the file a file monitor would follow.
 */
static void
watch_dirs(struct watch *w)
{
	GHashTable	*dirs;
	struct dir	*d;
	GError		*err = NULL;
	GFile		*f;
	char		*dir, *base;
	size_t		 i;

	dirs = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, dir_free);
	for (i = 0; w->inputs[i] != NULL; i++) {
		dir = g_path_get_dirname(w->inputs[i]);
		base = g_path_get_basename(w->inputs[i]);
		if ((d = g_hash_table_lookup(dirs, dir)) == NULL) {
			/* A directory watched already keeps its monitor. */
			if (w->dirs != NULL && g_hash_table_steal_extended(w->dirs, dir,
			    NULL, (gpointer *)&d)) {
				g_hash_table_remove_all(d->names);
			} else {
				d = g_new0(struct dir, 1);
				d->w = w;
				d->path = g_strdup(dir);
				d->names = g_hash_table_new_full(g_str_hash, g_str_equal,
				    g_free, NULL);
				f = g_file_new_for_path(dir);
				d->mon = g_file_monitor_directory(f, G_FILE_MONITOR_WATCH_MOVES,
				    NULL, &err);
				g_object_unref(f);
				if (d->mon == NULL) {
					fprintf(stderr, "closeout watch: %s: cannot watch it: %s\n",
					    dir, err->message);
					g_clear_error(&err);
				} else
					g_signal_connect(d->mon, "changed", G_CALLBACK(on_event), d);
			}
			g_hash_table_insert(dirs, d->path, d);
		}
		g_hash_table_add(d->names, base);
		g_free(dir);
	}
	if (w->dirs != NULL)
		g_hash_table_destroy(w->dirs);
	w->dirs = dirs;
}

static void	 render(struct watch *);

static gboolean
on_timer(gpointer arg)
{
	struct watch	*w = arg;

	w->timer = 0;
	/* The second event of a save (a close after the write) changes nothing. */
	if (inputs_changed(w))
		render(w);
	return G_SOURCE_REMOVE;
}

/* Renders "ms" from now; a later event moves it on. */
static void
schedule(struct watch *w, int ms)
{
	if (w->timer != 0)
		g_source_remove(w->timer);
	w->timer = g_timeout_add(ms, on_timer, w);
}

static bool
ours(const struct dir *d, GFile *f)
{
	char	*base;
	bool	 yes;

	if (f == NULL)
		return false;
	base = g_file_get_basename(f);
	yes = g_hash_table_contains(d->names, base);
	g_free(base);
	return yes;
}

static void
on_event(GFileMonitor *mon, GFile *file, GFile *other, GFileMonitorEvent ev, gpointer arg)
{
	struct dir	*d = arg;

	switch (ev) {
	case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
		if (ours(d, file))
			schedule(d->w, SETTLE_MS);
		break;
	case G_FILE_MONITOR_EVENT_RENAMED:
		/* Saved as a new file and renamed into place: complete. */
		if (ours(d, other))
			schedule(d->w, SETTLE_MS);
		else if (ours(d, file))
			schedule(d->w, DEBOUNCE_MS);	/* moved away: a new one may follow */
		break;
	case G_FILE_MONITOR_EVENT_MOVED_IN:
		if (ours(d, file))
			schedule(d->w, SETTLE_MS);
		break;
	case G_FILE_MONITOR_EVENT_CHANGED:
	case G_FILE_MONITOR_EVENT_CREATED:
	case G_FILE_MONITOR_EVENT_DELETED:
	case G_FILE_MONITOR_EVENT_MOVED_OUT:
	case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
		if (ours(d, file))
			schedule(d->w, DEBOUNCE_MS);
		break;
	default:
		break;
	}
}

/* "14:03:27", for the status line. */
static void
clock_now(char buf[16])
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	localtime_r(&t, &tm);
	strftime(buf, 16, "%H:%M:%S", &tm);
}

static void
render(struct watch *w)
{
	struct co_doc	*doc;
	struct stamp	*stamps, first;
	char		**inputs, *error = NULL, now[16];
	gint64		 t0 = g_get_monotonic_time();
	int		 pages = -1, e, wn;
	size_t		 i, n;

	/* Between moving the old file away and writing the new one: wait for it. */
	if (!g_file_test(w->report, G_FILE_TEST_EXISTS)) {
		if (!w->missing)
			fprintf(stderr, "closeout watch: %s is not there; waiting for it\n",
			    w->report);
		w->missing = true;
		return;
	}
	w->missing = false;
	/*
	 * The files as they are before they are read: what the next change is
	 * measured against, so that one made while we render is not missed.
	 */
	stamp_of(w->report, &first);
	doc = co_doc_load(w->report, NULL, 0, CO_INPUT_AUTO, print_diag, NULL);
	inputs = co_doc_inputs(doc);
	for (n = 0; inputs[n] != NULL; n++)
		;
	stamps = g_new0(struct stamp, n + 1);
	stamps[0] = first;
	for (i = 1; i < n; i++)
		stamp_of(inputs[i], &stamps[i]);
	if (opt_pdf_standard != NULL)
		co_doc_set_pdf_standard(doc, opt_pdf_standard);
	if (co_doc_level(doc) < CO_LEVEL_ERROR)
		pages = co_write_outputs(doc, w->pdf, w->xml, &error);
	if (error != NULL)
		fprintf(stderr, "closeout: %s\n", error);
	co_buffer_free(error);

	e = co_doc_count(doc, CO_LEVEL_ERROR) + co_doc_count(doc, CO_LEVEL_FATAL);
	wn = co_doc_count(doc, CO_LEVEL_WARNING);
	clock_now(now);
	if (pages >= 0)
		fprintf(stderr, "[%s] %s: %d pages, %d warning%s, %.3f s\n", now, w->pdf,
		    pages, wn, wn == 1 ? "" : "s", (g_get_monotonic_time() - t0) / 1e6);
	else
		fprintf(stderr, "[%s] %s: %d error%s, %d warning%s; the PDF stays as it was, "
		    "%.3f s\n", now, w->report, e, e == 1 ? "" : "s", wn, wn == 1 ? "" : "s",
		    (g_get_monotonic_time() - t0) / 1e6);
	fflush(stderr);
	/* A report that could not be read names no files: keep watching the old ones. */
	if (co_doc_level(doc) >= CO_LEVEL_FATAL) {
		co_inputs_free(inputs);
		g_free(stamps);
		w->stamps[0] = first;
		for (i = 1; w->inputs[i] != NULL; i++)
			stamp_of(w->inputs[i], &w->stamps[i]);
	} else {
		co_inputs_free(w->inputs);
		g_free(w->stamps);
		w->inputs = inputs;
		w->stamps = stamps;
		watch_dirs(w);
	}
	co_doc_free(doc);
	/* Changed while we rendered, or before a new directory's monitor began. */
	if (inputs_changed(w))
		schedule(w, SETTLE_MS);
}

int
cmd_watch(int argc, char *argv[])
{
	GOptionContext	*ctx;
	GError		*err = NULL;
	GMainLoop	*loop;
	struct watch	 w;
	char		*why;

	g_set_prgname("closeout watch");
	ctx = g_option_context_new("REPORT");
	g_option_context_set_summary(ctx,
	    "Renders the report, then again whenever it, its template or an image it\n"
	    "uses changes; stop it with Ctrl-C. On errors the last good PDF stays.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "closeout watch: %s\nTry 'closeout watch --help'.\n",
		    err->message);
		g_error_free(err);
		g_option_context_free(ctx);
		return CMD_EXIT_USAGE;
	}
	g_option_context_free(ctx);
	if (argc != 2) {
		fprintf(stderr, "usage: closeout watch REPORT [-o OUT.pdf] [--xml OUT.xml]\n");
		return CMD_EXIT_USAGE;
	}
	if (!co_source_date_ok()) {
		fprintf(stderr, "closeout watch: SOURCE_DATE_EPOCH must be a number of seconds "
		    "since 1970-01-01, not '%s'\n", g_getenv("SOURCE_DATE_EPOCH"));
		return CMD_EXIT_USAGE;
	}
	if (opt_pdf_standard != NULL && !co_pdf_standard_ok(opt_pdf_standard)) {
		fprintf(stderr, "closeout watch: --pdf-standard takes a-1b, a-2b, a-3b or "
		    "none, not '%s'\n", opt_pdf_standard);
		return CMD_EXIT_USAGE;
	}
	memset(&w, 0, sizeof(w));
	w.report = argv[1];
	w.pdf = opt_output ? g_strdup(opt_output) : cmd_beside(w.report, "pdf");
	w.xml = opt_xml ? g_strdup(opt_xml) :
	    g_str_has_suffix(w.report, ".xml") ? NULL : cmd_beside(w.report, "xml");
	if ((why = cmd_outputs_check(w.report, w.pdf, w.xml)) != NULL) {
		fprintf(stderr, "closeout watch: %s\n", why);
		g_free(why);
		g_free(w.pdf);
		g_free(w.xml);
		return CMD_EXIT_USAGE;
	}
	/*
	 * Ctrl-C ends us through main.c's handler, which removes any temporary
	 * output first; nothing else needs undoing.
	 */
	co_cache_keep(CO_CACHE_FONTS | CO_CACHE_TEXTS);
	loop = g_main_loop_new(NULL, FALSE);
	/* The report's folder is watched before it is read: no save falls between. */
	w.inputs = g_new0(char *, 2);
	w.inputs[0] = g_strdup(w.report);
	w.stamps = g_new0(struct stamp, 1);
	watch_dirs(&w);
	render(&w);
	g_main_loop_run(loop);
	return 0;
}
