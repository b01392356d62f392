/* model.h: the document model; included by all of the core, never by main.c. */
#ifndef CO_MODEL_H
#define CO_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "closeout.h"
#include "diag.h"

struct arena;

/* Report languages; the order indexes every localized table. */
enum co_lang {
	CO_LANG_FI,
	CO_LANG_SV,
	CO_LANG_EN,
	CO_LANG__MAX
};

/*
 * Blocks hold blocks or inline content; an ITEM, CELL, FIELD, NOTE or
 * DEFINITION holds blocks (a paragraph at least).  Inline kinds come last,
 * from CO_KIND_TEXT on.
 */
enum co_kind {
	CO_KIND_DOC,		/* root: sections */
	CO_KIND_SECTION,	/* numbered heading with blocks and subsections */
	CO_KIND_PARA,		/* paragraph: inline children */
	CO_KIND_LIST,		/* bullet or numbered list: items */
	CO_KIND_ITEM,		/* list item: blocks */
	CO_KIND_TABLE,		/* generic table: rows */
	CO_KIND_ROW,		/* table row: cells */
	CO_KIND_CELL,		/* table cell: blocks */
	CO_KIND_RECORDS,	/* typed table: records */
	CO_KIND_RECORD,		/* one typed row: fields */
	CO_KIND_FIELD,		/* one field: blocks, or a value */
	CO_KIND_QUOTE,		/* block quote: blocks, then an ATTRIBUTION or not */
	CO_KIND_ATTRIBUTION,	/* who is quoted: inline children */
	CO_KIND_CODEBLOCK,	/* preformatted text: code.text */
	CO_KIND_FIGURE,		/* an image and its caption (inline children) */
	CO_KIND_NOTE,		/* a footnote: blocks */
	CO_KIND_DEFLIST,	/* definitions: TERM, DEFINITION, TERM … */
	CO_KIND_TERM,		/* the term defined: inline children */
	CO_KIND_DEFINITION,	/* what it means: blocks */
	CO_KIND_RULE,		/* a thematic break */
	CO_KIND_TEXT,		/* literal text */
	CO_KIND_EMPH,		/* emphasis: inline children */
	CO_KIND_STRONG,		/* strong: inline children */
	CO_KIND_LINK,		/* link: inline children, href */
	CO_KIND_CODE,		/* code span: text.str */
	CO_KIND_STRIKE,		/* struck out: inline children */
	CO_KIND_BREAK,		/* a hard line break */
	CO_KIND_NOTEREF,	/* a footnote's mark: noteref.note */
	CO_KIND_XREF,		/* a cross-reference: inline children (may be none), xref */
	CO_KIND__MAX
};

/* True for the kinds that live inside a paragraph. */
#define model_is_inline(k)	((k) >= CO_KIND_TEXT)

/* Standard sections; CUSTOM is the author's own. */
enum co_role {
	CO_ROLE_CUSTOM,
	CO_ROLE_SUMMARY,
	CO_ROLE_CURRENT_STATE_AND_GOALS,
	CO_ROLE_CURRENT_STATE,
	CO_ROLE_REQUIREMENTS,
	CO_ROLE_GOALS,
	CO_ROLE_IMPLEMENTATION,
	CO_ROLE_SCOPE,
	CO_ROLE_DELIVERABLES,
	CO_ROLE_EXCLUSIONS,
	CO_ROLE_BENEFITS,
	CO_ROLE_BUDGET,
	CO_ROLE_ORGANISATION,
	CO_ROLE_PROJECT_GROUP,
	CO_ROLE_STAKEHOLDERS,
	CO_ROLE_RISKS,
	CO_ROLE_DOCUMENTATION,
	CO_ROLE_LESSONS_AND_PROPOSALS,
	CO_ROLE_LESSONS,
	CO_ROLE_PROPOSALS,
	CO_ROLE_FURTHER_INFORMATION,
	CO_ROLE_GLOSSARY,		/* after the author's own sections */
	CO_ROLE_REFERENCES,		/* after the glossary */
	CO_ROLE__MAX
};

/* Typed tables. */
enum co_rec {
	CO_REC_GOALS,
	CO_REC_DELIVERABLES,
	CO_REC_RISKS,
	CO_REC_DOCUMENTS,
	CO_REC_LESSONS,
	CO_REC_PROPOSALS,
	CO_REC_CONTACTS,
	CO_REC_BUDGET,
	CO_REC_GLOSSARY,
	CO_REC_REFERENCES,
	CO_REC_PARTNER_BUDGET,
	CO_REC_FUNDING,
	CO_REC__MAX
};

enum co_ftype {
	CO_FTYPE_TEXT,		/* inline content */
	CO_FTYPE_DATE,		/* ISO date */
	CO_FTYPE_MONTH,		/* ISO month or date */
	CO_FTYPE_EMAIL,		/* e-mail address */
	CO_FTYPE_URL,		/* http(s) URL */
	CO_FTYPE_AMOUNT,	/* decimal, two places */
	CO_FTYPE_ENUM,		/* one of values[] */
	CO_FTYPE_YEAR,		/* a year alone, or a month or a date */
	CO_FTYPE_DOI,		/* a DOI, 10.1234/… */
	CO_FTYPE_LINE		/* one line of plain text (an id, a code) */
};

/*
 * Fields that code names, as indices into their table's fields (the order
 * of model.c's tables; a test checks that the two agree).
 */
enum { CO_DOC_TITLE, CO_DOC_DATE, CO_DOC_URL, CO_DOC_ATTACHMENT };
enum { CO_BUDGET_CATEGORY, CO_BUDGET_PLANNED, CO_BUDGET_ACTUAL, CO_BUDGET_NOTE };
enum { CO_PROPOSAL_TEXT, CO_PROPOSAL_OWNER, CO_PROPOSAL_PRIORITY };
enum { CO_PARTNER_NAME, CO_PARTNER_PLANNED, CO_PARTNER_ACTUAL, CO_PARTNER_NOTE };
enum { CO_FUNDING_FUNDER, CO_FUNDING_AMOUNT, CO_FUNDING_NOTE };
enum { CO_REF_ID, CO_REF_AUTHORS, CO_REF_TITLE, CO_REF_YEAR, CO_REF_VENUE,
    CO_REF_PUBLISHER, CO_REF_URL, CO_REF_DOI };

struct co_field_spec {
	const char		*key;		/* YAML key and XML element */
	enum co_ftype		 type;		/* how it is checked and kept */
	bool			 required;	/* must be present */
	const char *const	*values;	/* ENUM: allowed keys, NULL-terminated */
};

struct co_rec_spec {
	const char			*key;		/* YAML key */
	const char			*xml;		/* XML list element */
	const char			*item;		/* XML element of one record */
	const struct co_field_spec	*fields;	/* in XML order */
	int				 nfields;	/* entries in fields */
	bool				 money;		/* {currency, lines}, totals computed */
};

struct co_role_spec {
	const char	*key;		/* YAML key and XML role */
	enum co_role	 parent;	/* CUSTOM for top-level sections */
	int		 rec;		/* its own typed table, or -1 */
};

/* What a section is: part of the body, a summary in another language, an annex. */
enum co_sec_kind {
	CO_SEC_BODY,		/* numbered 1, 2.1 … */
	CO_SEC_ABSTRACT,	/* unnumbered, after the summary, in its own language */
	CO_SEC_ANNEX		/* after the body: Liite 1, Bilaga 1, Annex 1 */
};

/* A column of a generic table: its share of the width and its alignment. */
enum co_align {
	CO_ALIGN_AUTO,		/* figures right, the rest left */
	CO_ALIGN_LEFT,
	CO_ALIGN_RIGHT,
	CO_ALIGN_CENTER
};

struct co_col {
	double		 width;		/* fraction of the text width; 0: auto */
	enum co_align	 align;		/* as given, or auto */
};

struct co_node {
	enum co_kind	 kind;		/* what it is */
	struct co_pos	 pos;		/* where it starts in the source */
	struct co_node	*parent;	/* NULL for the root */
	struct co_node	*first;		/* first child */
	struct co_node	*last;		/* last child */
	struct co_node	*next;		/* next sibling */
	struct co_node	*prev;		/* previous sibling */
	union {
		struct {
			enum co_role	 role;		/* standard or custom */
			const char	*title;		/* shown title (default resolved) */
			bool		 title_default;	/* title came from the language */
			int		 level;		/* 1 for top level */
			const char	*number;	/* "2.1", set by number.c */
			int		 seq;		/* 0, 1, 2 … in document order */
			const char	*id;		/* for cross-references, or NULL */
			bool		 empty;		/* nothing in it: no heading, no number */
			enum co_sec_kind kind;		/* body, abstract or annex */
			int		 lang;		/* an abstract's enum co_lang, else -1 */
		} section;
		struct {
			bool		 ordered;	/* numbered list */
			int		 start;		/* first number */
			bool		 tight;		/* no space between items */
		} list;
		struct {
			const char	*caption;	/* NULL if none */
			const char	*id;		/* for cross-references, or NULL */
			int		 number;	/* 1, 2 … if captioned (number.c), else 0 */
			int		 ncols;		/* columns (validate.c) */
			struct co_col	*cols;		/* ncols given widths and alignments, or NULL */
			int		 ngiven;	/* entries in cols as written */
		} table;
		struct {
			const char	*file;		/* as written, beside the report */
			const char	*alt;		/* text for who cannot see it, or NULL */
			double		 width;		/* fraction of the text width, 0: natural */
			const char	*id;		/* for cross-references, or NULL */
			int		 number;	/* 1, 2 … (number.c) */
			const char	*sha256;	/* of the file (validate.c), or NULL */
		} figure;
		struct {
			const char	*label;		/* the author's key ("1", "active") */
			int		 number;	/* 1, 2 … through the report, by first mark */
		} note;
		struct {
			const char	*text;		/* the lines, each ending in '\n' */
			const char	*info;		/* the fence's info string, or NULL */
		} code;
		struct {
			bool		 header;	/* a header row */
			bool		 total;		/* a totals row: bold, a rule above */
			const char	*where;		/* its name in messages */
		} row;
		struct {
			int		 span;		/* columns it covers: 1 or more */
		} cell;
		struct {
			enum co_rec	 rec;		/* which typed table */
			const char	*currency;	/* budget only */
			int64_t		 planned;	/* budget totals, cents */
			int64_t		 actual;	/* budget totals, cents */
			bool		 has_actual;	/* some line has an actual */
			int64_t		 amount;	/* funding sources: their total, cents */
			const char	*where;		/* its name in messages */
		} records;
		struct {
			int		 number;	/* proposals: 1, 2 … */
			const char	*where;		/* its name in messages */
		} record;
		struct {
			int		 index;		/* into the spec's fields */
			const char	*value;		/* as written, then normalized (validate.c); NULL for text */
		} field;
		struct {
			const char	*str;		/* the text itself */
		} text;
		struct {
			const char	*href;		/* target URL */
		} link;
		struct {
			struct co_node	*note;		/* the footnote */
		} noteref;
		struct {
			const char	*id;		/* the target's id, as written */
			struct co_node	*target;	/* found by validate.c */
			bool		 page;		/* also print the target's page */
		} xref;
	} as;
};

/* A string with its place in the source. */
struct co_str {
	const char	*s;		/* NULL if absent */
	struct co_pos	 pos;		/* where the value is */
};

struct co_person {
	struct co_str	 name;		/* required */
	struct co_str	 role;		/* optional */
	struct co_str	 organisation;	/* optional */
	struct co_str	 email;		/* optional */
	struct co_str	 date;		/* approvals: ISO date */
};

/* A fact for the cover and the archive: "Diaarinumero": "EURA S12345". */
struct co_fact {
	struct co_str	 label;
	struct co_str	 value;
};

struct co_meta {
	struct co_str	 title;
	struct co_str	 short_title;	/* for the running header, or NULL */
	struct co_str	 subtitle;
	struct co_str	 project_name;
	struct co_str	 project_code;
	struct co_str	*organisations;	/* norganisations entries */
	int		 norganisations;
	struct co_str	 funder_name;
	struct co_str	 funder_decision;
	struct co_str	 funder_programme;
	struct co_str	 period_start;	/* ISO date */
	struct co_str	 period_end;	/* ISO date */
	struct co_str	 reporting_start; /* the period this report covers: ISO date */
	struct co_str	 reporting_end;
	struct co_fact	*facts;		/* nfacts extra facts */
	int		 nfacts;
	struct co_str	 ack_text;	/* the funding acknowledgement, or NULL */
	struct co_str	*emblems;	/* nemblems images beside it */
	int		 nemblems;
	struct co_str	 emblem_alt;	/* what they show */
	struct co_str	 date;		/* ISO date */
	struct co_str	 version;
	struct co_str	 status;	/* draft, submitted, final, approved */
	struct co_str	 language;	/* fi, sv, en */
	struct co_person *authors;	/* nauthors entries */
	int		 nauthors;
	struct co_person *approvals;	/* napprovals entries */
	int		 napprovals;
	struct co_str	 publicity;	/* public, internal, confidential */
	struct co_str	*keywords;	/* nkeywords entries */
	int		 nkeywords;
	struct co_str	 logo;		/* file beside the report */
	struct co_str	 template;	/* layout template name */
};

struct co_doc {
	enum co_input	 input;		/* YAML or XML: how messages name things */
	struct arena	*arena;		/* owns nodes and strings */
	const char	*path;		/* file name in messages */
	char		*src;		/* source text (g_malloc), for carets */
	size_t		 srclen;	/* bytes in src */
	struct co_diags	 diags;		/* messages about the report, and their counts */
	struct co_meta	 meta;		/* metadata */
	enum co_lang	 lang;		/* from meta.language */
	struct co_node	*root;		/* CO_KIND_DOC */
	int		 nsections;	/* sections numbered */
	int		 pdf_standard;	/* enum tpl_pdf_standard asked for, or -1: the template's */
};

extern const char *const		 model_kind_names[CO_KIND__MAX];
extern const struct co_role_spec	 model_roles[CO_ROLE__MAX];
extern const struct co_rec_spec		 model_recs[CO_REC__MAX];
extern const char *const		 model_lang_codes[CO_LANG__MAX];
extern const char *const		 model_status_values[];
extern const char *const		 model_publicity_values[];

struct co_node	*model_node_new(struct co_doc *, enum co_kind, struct co_pos);
void		 model_append(struct co_node *parent, struct co_node *child);
/* Takes "n" out of its parent's children. */
void		 model_unlink(struct co_node *n);
struct co_node	*model_add(struct co_doc *, struct co_node *parent,
		    enum co_kind, struct co_pos);
/* Appends a TEXT node, or extends the last one if it is text. */
void		 model_add_text(struct co_doc *, struct co_node *parent,
		    const char *s, size_t len, struct co_pos);
/* Field "key" of a record, or NULL. */
const struct co_node *model_field(const struct co_node *rec, const char *key);
int		 model_rec_field_index(enum co_rec, const char *key);
int		 model_lang_from_code(const char *);
/* Next node in document order (pre-order), staying below "top". */
const struct co_node *model_next(const struct co_node *n, const struct co_node *top);
/* Plain text of an inline container, newly allocated (g_free). */
char		*model_plain_text(const struct co_node *);

#endif
