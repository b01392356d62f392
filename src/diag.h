/* diag.h: message catalogue and co_diag(); included by every file of the core. */
#ifndef CO_DIAG_H
#define CO_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "closeout.h"

struct srcmap;
struct diag_held;
struct diag_pending;

/* A place in the source, 0-based as libyaml gives it; printed 1-based. */
struct co_pos {
	unsigned	 line;		/* 0-based line */
	unsigned	 col;		/* 0-based column, in characters */
};

/* Message ids in bands; the band gives the level, diag.c the text. */
enum co_diag_id {
	CO_DIAG_HINT,		/* "did you mean", "use spaces" … */
	CO_DIAG_WARNING,
	CO_DIAG_W_LINK_SCHEME,	/* link scheme other than http(s)/mailto */
	CO_DIAG_W_EMPTY_TABLE,	/* a typed table with no rows */
	CO_DIAG_W_UNDATED,	/* approvals without a date etc. */
	CO_DIAG_W_LOGO,		/* logo missing, outside the report's folder, too big */
	CO_DIAG_W_HYPHENATION,	/* the language's dictionary is not installed */
	CO_DIAG_W_TABLE_WIDE,	/* a table's columns do not fit the page */
	CO_DIAG_W_RAW_HTML,	/* HTML in prose: printed as written */
	CO_DIAG_W_FOOTNOTE,	/* a mark without its note, a note without a mark */
	CO_DIAG_W_IMAGE_INLINE,	/* an image inside a sentence */
	CO_DIAG_W_FIGURE,	/* a figure's image left out */
	CO_DIAG_W_ALT,		/* a figure without alt text */
	CO_DIAG_W_EMPTY_SECTION, /* a section with nothing in it */
	CO_DIAG_W_CHAR_BREAK,	/* a word broken between letters: its column is too narrow */
	CO_DIAG_W_FUNDING,	/* the funding sources do not add up to the budget */
	CO_DIAG_W_NO_GLYPH,	/* a character no font of ours has */
	CO_DIAG_W_EMPTY_ITEM,	/* a list item with nothing in it */
	CO_DIAG_ERROR,
	CO_DIAG_E_SYNTAX,	/* libyaml or libxml2 refused the text */
	CO_DIAG_E_TAB,		/* tab used for indentation */
	CO_DIAG_E_UTF8,		/* invalid UTF-8 */
	CO_DIAG_E_CONTROL,	/* NUL or control character */
	CO_DIAG_E_MULTIDOC,	/* more than one YAML document */
	CO_DIAG_E_TAG,		/* explicit tag such as !include */
	CO_DIAG_E_ALIAS,	/* alias or anchor */
	CO_DIAG_E_DEPTH,	/* nesting too deep */
	CO_DIAG_E_NODES,	/* too many nodes */
	CO_DIAG_E_DUPKEY,	/* duplicate mapping key */
	CO_DIAG_E_TYPE,		/* mapping/list/text where another is wanted */
	CO_DIAG_E_UNKNOWN_KEY,	/* key not in the format */
	CO_DIAG_E_MISSING,	/* required key absent */
	CO_DIAG_E_EMPTY,	/* value present but empty */
	CO_DIAG_E_DATE,		/* impossible or malformed date */
	CO_DIAG_E_VALUE,	/* not one of the allowed values */
	CO_DIAG_E_EMAIL,	/* malformed e-mail address */
	CO_DIAG_E_URL,		/* malformed or unsupported URL */
	CO_DIAG_E_AMOUNT,	/* malformed amount */
	CO_DIAG_E_PERIOD,	/* period ends before it starts */
	CO_DIAG_E_CONFLICT,	/* two keys that exclude each other */
	CO_DIAG_E_SCHEMA,	/* XML not valid against our XSD; sections out of place */
	CO_DIAG_E_FONT,		/* a template's font is not installed */
	CO_DIAG_E_HEADING,	/* a Markdown heading inside prose */
	CO_DIAG_E_XREF,		/* a cross-reference to no id */
	CO_DIAG_E_ID,		/* an id given twice, or not of the allowed form */
	CO_DIAG_E_TOO_LONG,	/* a paragraph over the documented limit */
	CO_DIAG_E_NO_REPORT,	/* a file without a report in it: empty, comments only */
	CO_DIAG_E_ENCODING,	/* a file in UTF-16 or UTF-32 */
	CO_DIAG_E_LIMIT,	/* a limit of libxml2's reached: depth, a text's length */
	CO_DIAG_FATAL,
	CO_DIAG_F_READ,		/* cannot read the file */
	CO_DIAG_F_SIZE,		/* file too large */
	CO_DIAG_F_NOTFILE,	/* not a regular file */
	CO_DIAG__MAX
};

/*
 * Where the messages about one source file go, and how many there were.
 * A report has one; its template has its own, whose counts also go to the
 * report's ("parent"), so that one exit status sums up the run.
 */
struct co_diags {
	const char		*path;		/* file name in messages */
	const char		*src;		/* the text, for carets; NULL if none */
	size_t			 srclen;	/* bytes in src */
	struct srcmap		*map;		/* its lines: made when first needed */
	int			 breaks;	/* enum srcmap_breaks of src */
	co_diag_fn		 sink;		/* where formatted messages go, or NULL */
	co_diag_struct_fn	 struct_sink;	/* where their parts go, or NULL */
	void			*sink_arg;	/* the sinks' argument */
	enum co_level		 worst;		/* worst message so far */
	int			 count[CO_LEVEL_FATAL + 1]; /* messages per level */
	struct co_diags		*parent;	/* also counts here, or NULL */
	struct diag_held	*held;		/* messages waiting for source order, or NULL */
	struct diag_pending	*pending;	/* a message waiting for its hints, or NULL */
};

/*
 * Starts "d" for messages about "path" (copied), going to "sink" and
 * "struct_sink" (either may be NULL).  With a parent, messages go to the
 * parent's sinks (whatever is passed here) and are counted there too.
 */
void		 diags_init(struct co_diags *d, const char *path, co_diag_fn sink,
		    co_diag_struct_fn struct_sink, void *sink_arg, struct co_diags *parent);
/* Sets the text the messages quote (borrowed) and which line ends it has. */
void		 diags_set_source(struct co_diags *, const char *src, size_t len,
		    int breaks);
/* The line map of the source (made once), or NULL if there is no source. */
const struct srcmap *diags_map(struct co_diags *);
void		 diags_free(struct co_diags *);

/*
 * Formats "file:line:col: level: text detail", the source line and a
 * caret, and hands it to the sink.  "fmt" may be NULL.
 */
void		 co_diag(struct co_diags *, struct co_pos, enum co_diag_id,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/*
 * Between diag_hold() and diag_flush(), messages wait and then go to the
 * sink in source order, each with its hints: the loader finds mistakes in
 * the order the model is built, a reader wants them line by line.  A
 * structured sink gets a message once its hints are known: at the next
 * message, or at diag_flush(), which every entry point that reports calls
 * before it returns.
 */
void		 diag_hold(struct co_diags *);
void		 diag_flush(struct co_diags *);
/* False once co_diag() only counts: hints that cost time need not be worked out. */
bool		 diag_shown(const struct co_diags *);
enum co_level	 diag_level(enum co_diag_id);
const char	*diag_text(enum co_diag_id);
/* The message's name in the catalogue, for tools: "unknown-key". */
const char	*diag_name(enum co_diag_id);
/* The closest of "cands" (NULL-terminated) to "word", or NULL if none is close. */
const char	*diag_nearest(const char *word, const char *const *cands);

#endif
