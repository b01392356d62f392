/* test_load.c: the YAML loader and validator, through co_doc_load() on in-memory reports. */
#include <glib.h>
#include <stdlib.h>

#include "closeout.h"
#include "model.h"
#include "text.h"
#include "harness.h"

static GString	*messages;

static void
collect(enum co_level level, const char *text, void *arg)
{
	g_string_append(messages, text);
}

#define META "meta:\n  title: T\n  project: {name: P}\n  date: 2019-04-26\n  language: fi\n"

/* Loads "src"; the messages are left in the global "messages". */
static struct co_doc *
load(const char *src)
{
	g_string_truncate(messages, 0);
	return co_doc_load("r.yaml", src, strlen(src), CO_INPUT_YAML, collect, NULL);
}

/* True if the messages hold "needle". */
static int
said(const char *needle)
{
	if (strstr(messages->str, needle) != NULL)
		return 1;
	printf("messages lack \"%s\":\n%s", needle, messages->str);
	return 0;
}

static void
test_minimal(void)
{
	struct co_doc	*doc = load(META "summary: Hello *world*.\n");
	const struct co_node *s;

	INT_EQ(co_doc_level(doc), CO_LEVEL_OK);
	STR_EQ(co_doc_language(doc), "fi");
	s = doc->root->first;
	OK(s != NULL && s->kind == CO_KIND_SECTION);
	STR_EQ(s->as.section.title, "Yhteenveto");
	STR_EQ(s->as.section.number, "1");
	OK(s->first != NULL && s->first->kind == CO_KIND_PARA);
	OK(s->first->first->next != NULL && s->first->first->next->kind == CO_KIND_EMPH);
	co_doc_free(doc);
}

/* Sections come in the format's order and number without gaps. */
static void
test_order_and_numbers(void)
{
	struct co_doc	*doc = load(META "risks: R.\nsummary: S.\n"
	    "current_state_and_goals:\n  goals: G.\n  current_state: C.\n");
	const struct co_node *s;

	INT_EQ(co_doc_level(doc), CO_LEVEL_OK);
	s = doc->root->first;
	STR_EQ(s->as.section.title, "Yhteenveto");
	s = s->next;
	STR_EQ(s->as.section.number, "2");
	STR_EQ(s->first->as.section.number, "2.1");
	STR_EQ(s->first->as.section.title, "Nykytilan kuvaus");
	STR_EQ(s->last->as.section.number, "2.2");
	STR_EQ(s->last->as.section.title, "Tavoitteet");
	STR_EQ(s->next->as.section.number, "3");
	STR_EQ(s->next->as.section.title, "Riskit");
	co_doc_free(doc);
}

/* Every mistake is reported in one run, each at its own line. */
static void
test_all_errors_at_once(void)
{
	struct co_doc	*doc = load(META
	    "sumary: S.\n"					/* line 6 */
	    "risks:\n"
	    "  - description: D\n"
	    "    likelihood: huge\n"			/* line 9 */
	    "documentation:\n"
	    "  - title: X\n"
	    "    date: 29.2.2019\n");			/* line 12 */

	INT_EQ(co_doc_level(doc), CO_LEVEL_ERROR);
	INT_EQ(co_doc_count(doc, CO_LEVEL_ERROR), 3);
	OK(said("r.yaml:6:1: error: unknown key 'sumary'"));
	OK(said("hint: did you mean 'summary'?"));
	OK(said("r.yaml:9:17: error: invalid value 'huge'"));
	OK(said("r.yaml:12:11: error: invalid date '29.2.2019'"));
	co_doc_free(doc);
	/* 2020 was a leap year. */
	doc = load(META "documentation:\n  - title: X\n    date: 29.2.2020\n");
	INT_EQ(co_doc_level(doc), CO_LEVEL_OK);
	co_doc_free(doc);
}

static void
test_required_and_types(void)
{
	struct co_doc	*doc = load("meta:\n  title: T\n  language: sv\n"
	    "further_information:\n  - role: R\n");

	/* Said at the key that names the mapping, not at its first entry. */
	OK(said("r.yaml:1:1: error: missing 'project' in meta"));
	OK(said("r.yaml:5:5: error: missing 'name'"));
	/* A draft (the default status) may go without a date... */
	OK(!said("missing 'date'"));
	co_doc_free(doc);
	/* ...a report submitted or final may not. */
	doc = load("meta:\n  title: T\n  project: {name: P}\n"
	    "  language: fi\n  status: submitted\nsummary: A.\n");
	OK(said("r.yaml:1:1: error: missing 'date' in meta"));
	co_doc_free(doc);
	doc = load(META "summary:\n  text: [a, b]\n");
	OK(said("r.yaml:7:9: error: wrong type"));
	co_doc_free(doc);
	doc = load(META "summary: A.\nsummary: B.\n");
	OK(said("r.yaml:7:1: error: duplicate key 'summary'"));
	OK(said("r.yaml:6:1: hint: 'summary' was first given here"));
	co_doc_free(doc);
}

/* Budget totals and variances are computed, never typed. */
static void
test_budget(void)
{
	struct co_doc	*doc = load(META "implementation:\n  budget:\n"
	    "    currency: EUR\n    lines:\n"
	    "      - {category: A, planned: 1000, actual: 1200.50}\n"
	    "      - {category: B, planned: 2500.25, actual: 2000}\n");
	const struct co_node *n;

	INT_EQ(co_doc_level(doc), CO_LEVEL_OK);
	for (n = doc->root; n != NULL && n->kind != CO_KIND_RECORDS; n = model_next(n, doc->root))
		;
	OK(n != NULL);
	if (n != NULL) {
		INT_EQ(n->as.records.planned, 350025);
		INT_EQ(n->as.records.actual, 320050);
		STR_EQ(n->as.records.currency, "EUR");
	}
	co_doc_free(doc);
}

static void
test_dates_and_amounts(void)
{
	char	 iso[11];
	int64_t	 cents;
	char	*s;

	OK(date_parse("26.4.2019", false, iso) == NULL);
	STR_EQ(iso, "2019-04-26");
	OK(date_parse("2019-04-26", false, iso) == NULL);
	OK(date_parse("31.2.2019", false, iso) != NULL);
	OK(date_parse("1/2019", false, iso) != NULL);
	OK(date_parse("1/2019", true, iso) == NULL);
	STR_EQ(iso, "2019-01");
	OK(date_parse("13/2019", true, iso) != NULL);
	/* Day 0 is no day (it made '2019-03-00' a month, found by fuzz_load). */
	OK(date_parse("2019-03-00", false, iso) != NULL);
	OK(date_parse("2019-03-00", true, iso) != NULL);
	OK(date_parse("0.3.2019", true, iso) != NULL);
	OK(date_parse("00.03.2019", false, iso) != NULL);
	OK(date_parse("0/2019", true, iso) != NULL);
	s = date_format("2019-04-26", CO_LANG_FI);
	STR_EQ(s, "26.4.2019");
	g_free(s);
	s = date_format("2019-04-26", CO_LANG_EN);
	STR_EQ(s, "26 April 2019");
	g_free(s);
	s = date_format("2019-01", CO_LANG_SV);
	STR_EQ(s, "januari 2019");
	g_free(s);
	OK(amount_parse("1250.5", &cents));
	INT_EQ(cents, 125050);
	OK(!amount_parse("12.345", &cents));
	OK(!amount_parse("about 5", &cents));
	s = amount_format(125050, CO_LANG_EN);
	STR_EQ(s, "1,250.50");
	g_free(s);
}

/*
 * Raw HTML is text, said with a warning; entities are CommonMark's; only
 * http(s) and mailto make links.
 */
static void
test_inline(void)
{
	struct co_doc	*doc = load(META "summary: \"<b>&amp; ]]> see https://example.fi "
	    "and ann@example.org, not javascript:alert(1)\"\n");
	const struct co_node *p, *n;
	int		 links = 0;
	char		*plain;

	INT_EQ(co_doc_level(doc), CO_LEVEL_WARNING);
	OK(said("r.yaml:6:11: warning: raw HTML printed as text: '<b>'"));
	p = doc->root->first->first;
	plain = model_plain_text(p);
	OK(g_str_has_prefix(plain, "<b>& ]]> see https://example.fi"));
	g_free(plain);
	for (n = p->first; n != NULL; n = n->next)
		if (n->kind == CO_KIND_LINK) {
			links++;
			OK(g_str_has_prefix(n->as.link.href, "https:") ||
			    g_str_has_prefix(n->as.link.href, "mailto:"));
		}
	INT_EQ(links, 2);
	co_doc_free(doc);
}

static void
test_limits(void)
{
	GString		*deep = g_string_new(META "summary:\n  content:\n");
	struct co_doc	*doc;
	int		 i;

	g_string_append(deep, "    - ");
	for (i = 0; i < 100; i++)
		g_string_append(deep, "[");
	for (i = 0; i < 100; i++)
		g_string_append(deep, "]");
	g_string_append(deep, "\n");
	doc = load(deep->str);
	OK(co_doc_level(doc) >= CO_LEVEL_ERROR);
	OK(said("nesting too deep"));
	co_doc_free(doc);
	g_string_free(deep, TRUE);
	doc = load(META "summary: &a x\nrisks: *a\n");
	OK(said("anchors and aliases are not supported"));
	co_doc_free(doc);
	doc = load(META "summary: x\n---\nmeta: {}\n");
	OK(said("r.yaml:7:1: error: more than one document"));
	co_doc_free(doc);
}

/* The first node of kind "k" below "top", in document order, or NULL. */
static const struct co_node *
find_kind(const struct co_node *top, enum co_kind k)
{
	const struct co_node	*n;

	for (n = top; n != NULL && n->kind != k; n = model_next(n, top))
		;
	return n;
}

/* A sentence's full stop after an address is not part of it. */
static void
test_email_full_stop(void)
{
	struct co_doc		*doc;
	const struct co_node	*link, *next;

	doc = load(META "summary: write to a.b@example.org.\n");
	INT_EQ(co_doc_level(doc), CO_LEVEL_OK);
	link = find_kind(doc->root, CO_KIND_LINK);
	OK(link != NULL);
	if (link != NULL) {
		STR_EQ(link->as.link.href, "mailto:a.b@example.org");
		next = link->next;
		OK(next != NULL && next->kind == CO_KIND_TEXT);
		if (next != NULL && next->kind == CO_KIND_TEXT)
			STR_EQ(next->as.text.str, ".");
	}
	co_doc_free(doc);
	/*
	 * Trailing dots, several of them, and a comma; an address that ends in
	 * a hyphen is no address for GitHub's autolinks, so it stays text.
	 */
	doc = load(META "summary: \"mail x@sub.example.fi..., or y-z@example.com-.\"\n");
	link = find_kind(doc->root, CO_KIND_LINK);
	OK(link != NULL);
	if (link != NULL) {
		STR_EQ(link->as.link.href, "mailto:x@sub.example.fi");
		for (link = link->next; link != NULL && link->kind != CO_KIND_LINK;
		    link = link->next)
			;
		OK(link == NULL);
	}
	co_doc_free(doc);
	/* Not addresses: no top-level part, a one-letter one, an empty label. */
	doc = load(META "summary: a@b. c@d.e, e@f..fi\n");
	OK(find_kind(doc->root, CO_KIND_LINK) == NULL);
	co_doc_free(doc);
}

/* 'completed' is required only of deliverables that are done (or have no status). */
static void
test_deliverable_completed(void)
{
	struct co_doc	*doc;

	doc = load(META "implementation:\n  deliverables:\n"
	    "    - {description: A, status: planned, due: 5/2019}\n"
	    "    - {description: B, status: in_progress}\n"
	    "    - {description: C, status: cancelled}\n"
	    "    - {description: D, status: done, completed: 1/2019}\n"
	    "    - {description: E, completed: 2019-02}\n");
	INT_EQ(co_doc_level(doc), CO_LEVEL_OK);
	co_doc_free(doc);
	doc = load(META "implementation:\n  deliverables:\n"
	    "    - description: A\n"				/* line 8 */
	    "    - description: B\n"				/* line 9 */
	    "      status: done\n");
	INT_EQ(co_doc_count(doc, CO_LEVEL_ERROR), 2);
	OK(said("r.yaml:8:7: error: missing 'completed' in implementation.deliverables "
	    "item 1: a deliverable that is done (no status means done) needs it"));
	OK(said("r.yaml:9:7: error: missing 'completed' in implementation.deliverables "
	    "item 2: a deliverable that is done needs it"));
	co_doc_free(doc);
	/* A status is read squeezed, for this rule as for the field itself. */
	doc = load(META "implementation:\n  deliverables:\n"
	    "    - description: A\n"				/* line 8 */
	    "      status: \" done \"\n");
	INT_EQ(co_doc_count(doc, CO_LEVEL_ERROR), 1);
	OK(said("r.yaml:8:7: error: missing 'completed' in implementation.deliverables "
	    "item 1: a deliverable that is done needs it"));
	co_doc_free(doc);
}

/* Balanced parentheses in a bare URL are its own; an unbalanced ')' and punctuation after it are not. */
static void
test_url_parentheses(void)
{
	static const struct {
		const char	*text;		/* the summary */
		const char	*href;		/* the link it must make */
		const char	*after;		/* the text after the link */
	} cases[] = {
		{ "(see https://example.fi/wiki/Foo_(bar)).",
		  "https://example.fi/wiki/Foo_(bar)", ")." },
		{ "see https://example.fi/wiki/Foo_(bar).",
		  "https://example.fi/wiki/Foo_(bar)", "." },
		{ "(see https://example.fi/wiki/Foo).", "https://example.fi/wiki/Foo", ")." },
		{ "at https://example.fi/a_(b)_(c), then", "https://example.fi/a_(b)_(c)", ", then" },
		{ "(at https://example.fi/a_(b)_(c)); then", "https://example.fi/a_(b)_(c)", "); then" },
		{ "(www.example.fi/x_(y))?", "https://www.example.fi/x_(y)", ")?" },
		{ "see https://example.fi/a_(b))!:", "https://example.fi/a_(b)", ")!:" },
	};
	struct co_doc		*doc;
	const struct co_node	*link;
	char			*src;
	size_t			 i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		src = g_strdup_printf(META "summary: \"%s\"\n", cases[i].text);
		doc = load(src);
		g_free(src);
		INT_EQ(co_doc_level(doc), CO_LEVEL_OK);
		link = find_kind(doc->root, CO_KIND_LINK);
		OK(link != NULL);
		if (link != NULL) {
			STR_EQ(link->as.link.href, cases[i].href);
			OK(link->next != NULL && link->next->kind == CO_KIND_TEXT);
			if (link->next != NULL && link->next->kind == CO_KIND_TEXT)
				STR_EQ(link->next->as.text.str, cases[i].after);
		}
		co_doc_free(doc);
	}
}

/* Inline nodes in multi-line prose carry their own line and column. */
static void
test_inline_places(void)
{
	struct co_doc		*doc;
	const struct co_node	*n;

	/* Literal block: the bad link is on the block's third line. */
	doc = load(META "summary: |\n"
	    "  One line of a paragraph,\n"			/* line 7 */
	    "  another with *stress*,\n"			/* line 8 */
	    "  and a [bad link](ftp://example.fi/x) on the third.\n"
	    "\n"
	    "  - item one\n"					/* line 11 */
	    "  - item **two**\n");				/* line 12 */
	INT_EQ(co_doc_level(doc), CO_LEVEL_WARNING);
	OK(said("r.yaml:9:9: warning: link kept as plain text: 'ftp://example.fi/x'"));
	n = find_kind(doc->root, CO_KIND_PARA);
	OK(n != NULL && n->pos.line == 6 && n->pos.col == 2);
	n = find_kind(doc->root, CO_KIND_EMPH);
	OK(n != NULL && n->pos.line == 7 && n->pos.col == 15);
	n = find_kind(doc->root, CO_KIND_ITEM);
	OK(n != NULL && n->pos.line == 10 && n->pos.col == 2);
	n = find_kind(doc->root, CO_KIND_STRONG);
	OK(n != NULL && n->pos.line == 11 && n->pos.col == 9);
	co_doc_free(doc);
	/* Folded block. */
	doc = load(META "summary: >\n"
	    "  First,\n"
	    "  second,\n"
	    "  third [x](javascript:alert) line.\n");
	OK(said("r.yaml:9:9: warning: link kept as plain text"));
	co_doc_free(doc);
	/* Plain multi-line scalar, with a character of two bytes before. */
	doc = load(META "summary: Äkkiä\n"
	    "  toinen rivi\n"
	    "  ja [linkki](file:///etc/passwd) kolmas.\n");
	OK(said("r.yaml:8:6: warning: link kept as plain text"));
	co_doc_free(doc);
}

int
main(void)
{
	messages = g_string_new(NULL);
	co_set_datadir(".");
	test_minimal();
	test_order_and_numbers();
	test_all_errors_at_once();
	test_required_and_types();
	test_budget();
	test_dates_and_amounts();
	test_inline();
	test_limits();
	test_email_full_stop();
	test_deliverable_completed();
	test_inline_places();
	test_url_parentheses();
	g_string_free(messages, TRUE);
	return DONE();
}
