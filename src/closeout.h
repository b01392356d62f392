/* closeout.h: public API of the closeout core; main.c and the tests include only this. */
#ifndef CLOSEOUT_H
#define CLOSEOUT_H

#include <stdbool.h>
#include <stddef.h>

#ifndef CO_API
#define CO_API __attribute__((visibility("default")))
#endif

#define CO_VERSION "0.1.0"

struct co_doc;		/* a loaded report: model, metadata, diagnostics */

/* Diagnostic levels; they double as the worst-level summary of a run. */
enum co_level {
	CO_LEVEL_OK = 0,	/* nothing to say */
	CO_LEVEL_HINT,		/* follows a message, never counts */
	CO_LEVEL_WARNING,	/* output is still written */
	CO_LEVEL_ERROR,		/* the report is wrong: nothing is written */
	CO_LEVEL_FATAL		/* the file could not be read at all */
};

/*
 * Receives each finished diagnostic, already formatted compiler style
 * ("file:line:col: error: text\n  source line\n  ^\n").  The core never
 * writes to stderr itself.
 */
typedef void (*co_diag_fn)(enum co_level, const char *text, void *arg);

/* A hint, such as "did you mean 'title'?", and the place it points at. */
struct co_hint {
	unsigned	 line;		/* 1-based */
	unsigned	 column;	/* 1-based, in characters */
	const char	*message;	/* "did you mean 'title'?" */
};

/*
 * One diagnostic in parts, with the hints that follow it, for callers that
 * format messages themselves (JSON for editors and CI).  Everything is
 * borrowed for the length of the call.
 */
struct co_diagnostic {
	const char		*file;		/* the report as co_doc_load() named it, or its template */
	unsigned		 line;		/* 1-based; 0 for a note about the whole run */
	unsigned		 column;	/* 1-based, in characters; 0 with line 0 */
	enum co_level		 level;		/* warning, error, fatal; hint for a note */
	const char		*id;		/* its name in the catalogue: "unknown-key" */
	const char		*message;	/* "unknown key 'titel' in risks item 2" */
	const struct co_hint	*hints;		/* in the order given */
	size_t			 nhints;
};

/* Receives each diagnostic in parts, once its hints are known. */
typedef void (*co_diag_struct_fn)(const struct co_diagnostic *, void *arg);

/* Input formats co_doc_load() understands; AUTO looks at the content. */
enum co_input {
	CO_INPUT_AUTO,
	CO_INPUT_YAML,
	CO_INPUT_XML
};

/*
 * Loads, validates and numbers a report.  Always returns a document (free it
 * with co_doc_free()); co_doc_level() tells whether it may be rendered.
 * "data" may be NULL to read "path"; otherwise data/len is the content and
 * path only names it in messages.
 */
CO_API struct co_doc	*co_doc_load(const char *path, const char *data, size_t len,
			    enum co_input, co_diag_fn, void *arg);
/* As co_doc_load(), with every diagnostic of the document given in parts. */
CO_API struct co_doc	*co_doc_load_structured(const char *path, const char *data,
			    size_t len, enum co_input, co_diag_struct_fn, void *arg);
/*
 * One line of JSON for a diagnostic: file, line, column, severity, id,
 * message and hints (each line, column, message), without the newline;
 * free with co_buffer_free().
 */
CO_API char		*co_diagnostic_json(const struct co_diagnostic *);
CO_API void		 co_doc_free(struct co_doc *);
CO_API enum co_level	 co_doc_level(const struct co_doc *);
CO_API int		 co_doc_count(const struct co_doc *, enum co_level);
CO_API const char	*co_doc_language(const struct co_doc *);
/*
 * Lays the report out in the template "name" (one of closeout's, in
 * templates/ of the data directory), as if its meta.template said so;
 * the XML records it too.  False, changing nothing, for a name that is
 * not a plain word.
 */
CO_API bool		 co_doc_set_template(struct co_doc *, const char *name);

/*
 * Writes the archival XML into a newly allocated buffer (free with
 * co_buffer_free()).  Returns NULL if the document has errors.
 */
CO_API char		*co_render_xml(const struct co_doc *, size_t *len);
/* Indented dump of the model, for tests and `closeout -t tree`. */
CO_API char		*co_render_tree(const struct co_doc *, size_t *len);
CO_API void		 co_buffer_free(char *);
/*
 * Typesets the report into the PDF "path" (written through a temporary
 * file, renamed when complete).  Returns the page count, or -1 with
 * *error set (free with co_buffer_free) or with diagnostics given to the sink.
 */
CO_API int		 co_write_pdf(struct co_doc *, const char *path, char **error);
/*
 * The PDF "pdf" and, unless "xml" is NULL, the archival XML: both are
 * written, or neither replaces what was there (the XML waits in its
 * temporary file until the PDF is in place).  Returns the page count, or
 * -1 with *error set (co_buffer_free) or NULL when the report's own
 * messages say why.
 */
CO_API int		 co_write_outputs(struct co_doc *, const char *pdf, const char *xml,
			    char **error);
/*
 * The same in two steps, so that outputs that cannot be made (a missing
 * folder, a directory in the way) are refused before any work: the files
 * are opened, with no name yet, beside their targets ("-" is standard
 * output; not both).  co_outputs_write() writes, puts them in place and
 * frees them; co_outputs_discard() frees them unwritten.
 */
struct co_outputs;
CO_API struct co_outputs *co_outputs_open(const char *pdf, const char *xml, char **error);
CO_API int		 co_outputs_write(struct co_doc *, struct co_outputs *, char **error);
CO_API void		 co_outputs_discard(struct co_outputs *);
/*
 * The PDF's archival standard for this report, over its template's:
 * "a-1b", "a-2b", "a-3b" (PDF/A-3b with the XML and the source inside) or
 * "none"; each is PDF/UA-1 as well.  False, changing nothing, for another
 * name; co_pdf_standard_ok() asks without a report.
 */
CO_API bool		 co_doc_set_pdf_standard(struct co_doc *, const char *name);
CO_API bool		 co_pdf_standard_ok(const char *name);
/* The names of closeout's own templates, sorted, NULL-terminated (g_strfreev). */
CO_API char		**co_template_names(void);
/*
 * The closest of "cands" (NULL-terminated) to "word" by edit distance, or
 * NULL if none is close: for "did you mean" on the command line.
 */
CO_API const char	*co_nearest(const char *word, const char *const *cands);
/*
 * Removes every temporary name still there (outputs have none, unless the
 * file system cannot make unnamed files): safe in a signal handler.
 */
CO_API void		 co_abort_outputs(void);
/*
 * The pages as text, laid out as co_write_pdf() would (`closeout -t
 * layout`); NULL with *error set, or after the template's messages.
 */
CO_API char		*co_render_layout(struct co_doc *, size_t *len, char **error);

/*
 * Lays the report out as co_write_pdf() would, writing nothing: the
 * template's mistakes (with its own file:line:col) and what cannot be set
 * as written (a word broken between letters, a table too wide, an image
 * left out) go to the diagnostics sink.  Returns the document's worst level.
 */
CO_API enum co_level	 co_check_layout(struct co_doc *);

/*
 * The time the outputs are dated: SOURCE_DATE_EPOCH when it is set (for
 * reproducible builds), else the clock.  False if SOURCE_DATE_EPOCH is set
 * but is not a number of seconds since 1970.
 */
CO_API bool		 co_source_date_ok(void);

/*
 * The files a report's outputs are made from: the report itself first,
 * then its template, logo, emblems and figures, each once, named as the
 * core opens them.  Files named but missing are listed too, so that a
 * watcher sees them appear.  A NULL-terminated list: co_inputs_free() it.
 */
CO_API char		**co_doc_inputs(const struct co_doc *);
CO_API void		 co_inputs_free(char **);

/*
 * What stays loaded from one report to the next in this process: the
 * fonts, the hyphenators with their caches and libvoikko (batch's
 * workers), and with them the texts measured (watch: a paragraph that has
 * not changed is not set again).  0, the default, keeps nothing and lets
 * go of what was kept.  The output is the same either way.
 */
#define CO_CACHE_FONTS	0x01	/* fonts, hyphenators, libvoikko */
#define CO_CACHE_TEXTS	0x02	/* measured texts, with the fonts */
CO_API void		 co_cache_keep(unsigned what);

/* One report's figures, for a spreadsheet that compares reports (batch --summary). */
#define CO_SUMMARY_CURRENCIES 8

struct co_money {
	char		 currency[4];	/* "EUR" */
	long long	 planned;	/* cents, every budget table in this currency */
	long long	 actual;	/* cents, the lines that have an actual */
	bool		 has_actual;	/* some line has one */
};

struct co_summary {
	const char	*title;		/* each string NULL if absent; the report's own */
	const char	*project_code;
	const char	*funder;	/* funder.name */
	const char	*decision;	/* funder.decision */
	const char	*period_start;	/* ISO 8601 */
	const char	*period_end;
	const char	*status;	/* draft, submitted, final, approved */
	const char	*language;	/* fi, sv, en */
	int		 deliverables;	/* rows of every deliverables table */
	int		 deliverables_done; /* status done, or none (which means done) */
	int		 goals;		/* rows of every goals table */
	int		 goals_numeric;	/* target and achieved both a number */
	int		 goals_met;	/* of those, achieved at least the target */
	int		 risks;		/* rows of every risks table */
	int		 risks_open;	/* status open, or none */
	int		 nmoney;	/* currencies in money[], in order of first use */
	struct co_money	 money[CO_SUMMARY_CURRENCIES];
};

/*
 * Fills "s" from the report's metadata and typed tables; its strings live
 * until co_doc_free().  Budgets in more than CO_SUMMARY_CURRENCIES
 * currencies keep the first ones.
 */
CO_API void		 co_doc_summary(const struct co_doc *, struct co_summary *s);

/*
 * Where schemas/, templates/ and fonts/ live; set before loading.  Unset,
 * it is CLOSEOUT_DATADIR, else ../share/closeout from the binary (an
 * installed closeout), else the directory the build was made in.
 */
CO_API void		 co_set_datadir(const char *);
CO_API const char	*co_datadir(void);

#endif
