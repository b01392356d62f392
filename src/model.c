/* model.c: creating and linking nodes, and the tables that describe the format. */
#include <glib.h>
#include <string.h>

#include "arena.h"
#include "model.h"

const char *const model_kind_names[CO_KIND__MAX] = {
	"doc",		/* CO_KIND_DOC */
	"section",	/* CO_KIND_SECTION */
	"para",		/* CO_KIND_PARA */
	"list",		/* CO_KIND_LIST */
	"item",		/* CO_KIND_ITEM */
	"table",	/* CO_KIND_TABLE */
	"row",		/* CO_KIND_ROW */
	"cell",		/* CO_KIND_CELL */
	"records",	/* CO_KIND_RECORDS */
	"record",	/* CO_KIND_RECORD */
	"field",	/* CO_KIND_FIELD */
	"quote",	/* CO_KIND_QUOTE */
	"attribution",	/* CO_KIND_ATTRIBUTION */
	"codeblock",	/* CO_KIND_CODEBLOCK */
	"figure",	/* CO_KIND_FIGURE */
	"note",		/* CO_KIND_NOTE */
	"deflist",	/* CO_KIND_DEFLIST */
	"term",		/* CO_KIND_TERM */
	"definition",	/* CO_KIND_DEFINITION */
	"rule",		/* CO_KIND_RULE */
	"text",		/* CO_KIND_TEXT */
	"emph",		/* CO_KIND_EMPH */
	"strong",	/* CO_KIND_STRONG */
	"link",		/* CO_KIND_LINK */
	"code",		/* CO_KIND_CODE */
	"strike",	/* CO_KIND_STRIKE */
	"break",	/* CO_KIND_BREAK */
	"noteref",	/* CO_KIND_NOTEREF */
	"xref",		/* CO_KIND_XREF */
};

const struct co_role_spec model_roles[CO_ROLE__MAX] = {
	{ NULL, CO_ROLE_CUSTOM, -1 },				/* CO_ROLE_CUSTOM */
	{ "summary", CO_ROLE_CUSTOM, -1 },			/* CO_ROLE_SUMMARY */
	{ "current_state_and_goals", CO_ROLE_CUSTOM, -1 },	/* CO_ROLE_CURRENT_STATE_AND_GOALS */
	{ "current_state", CO_ROLE_CURRENT_STATE_AND_GOALS, -1 }, /* CO_ROLE_CURRENT_STATE */
	{ "requirements", CO_ROLE_CURRENT_STATE_AND_GOALS, -1 }, /* CO_ROLE_REQUIREMENTS */
	{ "goals", CO_ROLE_CURRENT_STATE_AND_GOALS, CO_REC_GOALS }, /* CO_ROLE_GOALS */
	{ "implementation", CO_ROLE_CUSTOM, -1 },		/* CO_ROLE_IMPLEMENTATION */
	{ "scope", CO_ROLE_IMPLEMENTATION, -1 },		/* CO_ROLE_SCOPE */
	{ "deliverables", CO_ROLE_IMPLEMENTATION, CO_REC_DELIVERABLES }, /* CO_ROLE_DELIVERABLES */
	{ "exclusions", CO_ROLE_IMPLEMENTATION, -1 },		/* CO_ROLE_EXCLUSIONS */
	{ "benefits", CO_ROLE_IMPLEMENTATION, -1 },		/* CO_ROLE_BENEFITS */
	{ "budget", CO_ROLE_IMPLEMENTATION, CO_REC_BUDGET },	/* CO_ROLE_BUDGET */
	{ "organisation", CO_ROLE_CUSTOM, -1 },			/* CO_ROLE_ORGANISATION */
	{ "project_group", CO_ROLE_ORGANISATION, -1 },		/* CO_ROLE_PROJECT_GROUP */
	{ "stakeholders", CO_ROLE_ORGANISATION, -1 },		/* CO_ROLE_STAKEHOLDERS */
	{ "risks", CO_ROLE_CUSTOM, CO_REC_RISKS },		/* CO_ROLE_RISKS */
	{ "documentation", CO_ROLE_CUSTOM, CO_REC_DOCUMENTS },	/* CO_ROLE_DOCUMENTATION */
	{ "lessons_and_proposals", CO_ROLE_CUSTOM, -1 },	/* CO_ROLE_LESSONS_AND_PROPOSALS */
	{ "lessons", CO_ROLE_LESSONS_AND_PROPOSALS, CO_REC_LESSONS }, /* CO_ROLE_LESSONS */
	{ "proposals", CO_ROLE_LESSONS_AND_PROPOSALS, CO_REC_PROPOSALS }, /* CO_ROLE_PROPOSALS */
	{ "further_information", CO_ROLE_CUSTOM, CO_REC_CONTACTS }, /* CO_ROLE_FURTHER_INFORMATION */
	{ "glossary", CO_ROLE_CUSTOM, CO_REC_GLOSSARY },	/* CO_ROLE_GLOSSARY */
	{ "references", CO_ROLE_CUSTOM, CO_REC_REFERENCES },	/* CO_ROLE_REFERENCES */
};

static const char *const level3[] = { "low", "medium", "high", NULL };
static const char *const deliverable_status[] = {
	"planned", "in_progress", "done", "cancelled", NULL
};
static const char *const risk_status[] = {
	"open", "mitigated", "occurred", "closed", NULL
};
const char *const model_status_values[] = { "draft", "submitted", "final", "approved", NULL };
const char *const model_publicity_values[] = {
	"public", "internal", "confidential", NULL
};

static const struct co_field_spec goal_fields[] = {
	{ "goal", CO_FTYPE_TEXT, true, NULL },
	{ "indicator", CO_FTYPE_TEXT, false, NULL },
	{ "target", CO_FTYPE_TEXT, false, NULL },
	{ "achieved", CO_FTYPE_TEXT, false, NULL },
};
static const struct co_field_spec deliverable_fields[] = {
	{ "id", CO_FTYPE_LINE, false, NULL },
	{ "description", CO_FTYPE_TEXT, true, NULL },
	{ "completed", CO_FTYPE_MONTH, true, NULL },
	{ "due", CO_FTYPE_MONTH, false, NULL },
	{ "delivered", CO_FTYPE_DATE, false, NULL },
	{ "revised", CO_FTYPE_DATE, false, NULL },
	{ "status", CO_FTYPE_ENUM, false, deliverable_status },
	{ "owner", CO_FTYPE_TEXT, false, NULL },
	{ "link", CO_FTYPE_URL, false, NULL },
};
static const struct co_field_spec risk_fields[] = {
	{ "description", CO_FTYPE_TEXT, true, NULL },
	{ "likelihood", CO_FTYPE_ENUM, false, level3 },
	{ "impact", CO_FTYPE_ENUM, false, level3 },
	{ "mitigation", CO_FTYPE_TEXT, false, NULL },
	{ "owner", CO_FTYPE_TEXT, false, NULL },
	{ "status", CO_FTYPE_ENUM, false, risk_status },
};
static const struct co_field_spec document_fields[] = {
	{ "title", CO_FTYPE_TEXT, true, NULL },
	{ "date", CO_FTYPE_MONTH, false, NULL },
	{ "url", CO_FTYPE_URL, false, NULL },
	{ "attachment", CO_FTYPE_TEXT, false, NULL },
};
static const struct co_field_spec lesson_fields[] = {
	{ "text", CO_FTYPE_TEXT, true, NULL },
	{ "category", CO_FTYPE_TEXT, false, NULL },
	{ "recommendation", CO_FTYPE_TEXT, false, NULL },
};
static const struct co_field_spec proposal_fields[] = {
	{ "text", CO_FTYPE_TEXT, true, NULL },
	{ "owner", CO_FTYPE_TEXT, false, NULL },
	{ "priority", CO_FTYPE_ENUM, false, level3 },
};
static const struct co_field_spec contact_fields[] = {
	{ "name", CO_FTYPE_TEXT, true, NULL },
	{ "role", CO_FTYPE_TEXT, false, NULL },
	{ "organisation", CO_FTYPE_TEXT, false, NULL },
	{ "email", CO_FTYPE_EMAIL, false, NULL },
	{ "phone", CO_FTYPE_TEXT, false, NULL },
};
static const struct co_field_spec budget_fields[] = {
	{ "category", CO_FTYPE_TEXT, true, NULL },
	{ "planned", CO_FTYPE_AMOUNT, true, NULL },
	{ "actual", CO_FTYPE_AMOUNT, false, NULL },
	{ "note", CO_FTYPE_TEXT, false, NULL },
};
static const struct co_field_spec glossary_fields[] = {
	{ "term", CO_FTYPE_TEXT, true, NULL },
	{ "definition", CO_FTYPE_TEXT, true, NULL },
};
static const struct co_field_spec reference_fields[] = {
	{ "id", CO_FTYPE_LINE, false, NULL },
	{ "authors", CO_FTYPE_TEXT, false, NULL },
	{ "title", CO_FTYPE_TEXT, true, NULL },
	{ "year", CO_FTYPE_YEAR, false, NULL },
	{ "venue", CO_FTYPE_TEXT, false, NULL },
	{ "publisher", CO_FTYPE_TEXT, false, NULL },
	{ "url", CO_FTYPE_URL, false, NULL },
	{ "doi", CO_FTYPE_DOI, false, NULL },
};
static const struct co_field_spec partner_fields[] = {
	{ "partner", CO_FTYPE_TEXT, true, NULL },
	{ "planned", CO_FTYPE_AMOUNT, true, NULL },
	{ "actual", CO_FTYPE_AMOUNT, false, NULL },
	{ "note", CO_FTYPE_TEXT, false, NULL },
};
static const struct co_field_spec funding_fields[] = {
	{ "funder", CO_FTYPE_TEXT, true, NULL },
	{ "amount", CO_FTYPE_AMOUNT, true, NULL },
	{ "note", CO_FTYPE_TEXT, false, NULL },
};

#define SPEC(key, item, f) { key, key, item, f, (int)G_N_ELEMENTS(f), false }
#define MONEY(key, xml, item, f) { key, xml, item, f, (int)G_N_ELEMENTS(f), true }
const struct co_rec_spec model_recs[CO_REC__MAX] = {
	SPEC("goals", "goal", goal_fields),			/* CO_REC_GOALS */
	SPEC("deliverables", "deliverable", deliverable_fields), /* CO_REC_DELIVERABLES */
	SPEC("risks", "risk", risk_fields),			/* CO_REC_RISKS */
	SPEC("documents", "document", document_fields),		/* CO_REC_DOCUMENTS */
	SPEC("lessons", "lesson", lesson_fields),		/* CO_REC_LESSONS */
	SPEC("proposals", "proposal", proposal_fields),		/* CO_REC_PROPOSALS */
	SPEC("contacts", "contact", contact_fields),		/* CO_REC_CONTACTS */
	MONEY("budget", "budget", "line", budget_fields),			/* CO_REC_BUDGET */
	SPEC("glossary", "entry", glossary_fields),		/* CO_REC_GLOSSARY */
	SPEC("references", "reference", reference_fields),	/* CO_REC_REFERENCES */
	MONEY("partner_budget", "partner-budget", "line", partner_fields),	/* CO_REC_PARTNER_BUDGET */
	MONEY("funding_sources", "funding-sources", "line", funding_fields),	/* CO_REC_FUNDING */
};

const char *const model_lang_codes[CO_LANG__MAX] = {
	"fi",	/* CO_LANG_FI */
	"sv",	/* CO_LANG_SV */
	"en",	/* CO_LANG_EN */
};

struct co_node *
model_node_new(struct co_doc *doc, enum co_kind kind, struct co_pos pos)
{
	struct co_node	*n;

	n = arena_alloc(doc->arena, sizeof(*n));
	n->kind = kind;
	n->pos = pos;
	return n;
}

void
model_append(struct co_node *parent, struct co_node *child)
{
	child->parent = parent;
	child->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
model_unlink(struct co_node *n)
{
	if (n->parent == NULL)
		return;
	if (n->prev != NULL)
		n->prev->next = n->next;
	else
		n->parent->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

struct co_node *
model_add(struct co_doc *doc, struct co_node *parent, enum co_kind kind,
    struct co_pos pos)
{
	struct co_node	*n;

	n = model_node_new(doc, kind, pos);
	model_append(parent, n);
	return n;
}

void
model_add_text(struct co_doc *doc, struct co_node *parent, const char *s,
    size_t len, struct co_pos pos)
{
	struct co_node	*n;
	char		*joined;

	if (len == 0)
		return;
	n = parent->last;
	if (n != NULL && n->kind == CO_KIND_TEXT) {
		/* Merge so that YAML and XML input build the same runs. */
		joined = arena_alloc(doc->arena, strlen(n->as.text.str) + len + 1);
		strcpy(joined, n->as.text.str);
		strncat(joined, s, len);
		n->as.text.str = joined;
		return;
	}
	n = model_add(doc, parent, CO_KIND_TEXT, pos);
	n->as.text.str = arena_strndup(doc->arena, s, len);
}

int
model_rec_field_index(enum co_rec rec, const char *key)
{
	int	 i;

	for (i = 0; i < model_recs[rec].nfields; i++)
		if (strcmp(model_recs[rec].fields[i].key, key) == 0)
			return i;
	return -1;
}

const struct co_node *
model_field(const struct co_node *rec, const char *key)
{
	const struct co_node	*f;
	enum co_rec		 type;
	int			 i;

	type = rec->parent->as.records.rec;
	i = model_rec_field_index(type, key);
	for (f = rec->first; f != NULL; f = f->next)
		if (f->as.field.index == i)
			return f;
	return NULL;
}

int
model_lang_from_code(const char *code)
{
	int	 i;

	for (i = 0; i < CO_LANG__MAX; i++)
		if (strcmp(model_lang_codes[i], code) == 0)
			return i;
	return -1;
}

const struct co_node *
model_next(const struct co_node *n, const struct co_node *top)
{
	if (n->first != NULL)
		return n->first;
	while (n != top) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

char *
model_plain_text(const struct co_node *container)
{
	const struct co_node	*n;
	GString			*s;

	s = g_string_new(NULL);
	if (container->first == NULL)
		return g_string_free(s, FALSE);
	for (n = container->first; n != NULL; n = model_next(n, container))
		if (n->kind == CO_KIND_TEXT)
			g_string_append(s, n->as.text.str);
	return g_string_free(s, FALSE);
}
