/* i18n.h: what readers see in each language (number.c, layout, renderers). */
#ifndef CO_I18N_H
#define CO_I18N_H

#include "model.h"

/* Words the layout prints besides the author's own. */
enum co_label {
	CO_LABEL_CONTENTS,	/* table of contents heading */
	CO_LABEL_PAGE,		/* "page" in the footer */
	CO_LABEL_DATE,		/* cover: date */
	CO_LABEL_VERSION,	/* cover: version */
	CO_LABEL_STATUS,	/* cover: status */
	CO_LABEL_PROJECT,	/* cover: project */
	CO_LABEL_PROJECT_CODE,	/* cover: project code */
	CO_LABEL_ORGANISATION,	/* cover: organisation */
	CO_LABEL_FUNDER,	/* cover: funder */
	CO_LABEL_DECISION,	/* cover: funding decision */
	CO_LABEL_PERIOD,	/* cover: project period */
	CO_LABEL_AUTHORS,	/* cover: authors */
	CO_LABEL_APPROVED,	/* cover: approvals */
	CO_LABEL_PUBLICITY,	/* cover: publicity class */
	CO_LABEL_KEYWORDS,	/* cover: keywords */
	CO_LABEL_TOTAL,		/* budget total row */
	CO_LABEL_VARIANCE,	/* budget variance column */
	CO_LABEL_CURRENCY_NOTE,	/* budget: amounts in … */
	CO_LABEL_NUMBER,	/* proposals: number column */
	CO_LABEL_PROGRAMME,	/* cover: funding programme */
	CO_LABEL_REF_SECTION,	/* a cross-reference to a section: "luku" */
	CO_LABEL_REF_TABLE,	/* … to a table: "taulukko" */
	CO_LABEL_REF_FIGURE,	/* … to a figure: "kuva" */
	CO_LABEL_REF_NOTE,	/* … to a footnote: "alaviite" */
	CO_LABEL_REF_PAGE,	/* "on page": " sivulla %s" */
	CO_LABEL_TABLE,		/* a caption's number: "Taulukko" */
	CO_LABEL_FIGURE,	/* "Kuva" */
	CO_LABEL_IMAGE_MISSING,	/* in place of an image left out */
	CO_LABEL_REPORTING,	/* cover: the reporting period */
	CO_LABEL_ANNEX,		/* an annex's heading: "Liite" */
	CO_LABEL_REF_ANNEX,	/* a cross-reference to an annex: "liite" */
	CO_LABEL_ABSTRACT,	/* an abstract's title, in its own language */
	CO_LABEL_USED,		/* partner budget: % used */
	CO_LABEL_OVERSPEND,	/* partner budget: actual − planned */
	CO_LABEL_SHARE,		/* funding: a source's share */
	CO_LABEL_SUM,		/* a computed totals row */
	CO_LABEL_CONTINUED,	/* a table's caption on the pages it goes on to */
	CO_LABEL_AND_OTHERS,	/* the cover's band: "ja %d muuta organisaatiota" */
	CO_LABEL_LOGO,		/* the logo's alternative text: "Logo" */
	CO_LABEL__MAX
};

const char	*i18n_title(enum co_role, enum co_lang);
const char	*i18n_label(enum co_label, enum co_lang);
/* Column header for field "fi" of typed table "rec". */
const char	*i18n_column(enum co_rec, int fi, enum co_lang);
/* Reader's word for an enumeration key ("done" → "valmis"). */
const char	*i18n_value(const char *key, enum co_lang);

#endif
