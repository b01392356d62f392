/* test_summary.c: co_doc_summary(), the figures of batch --summary, on reports written here. */
#include <glib.h>
#include <string.h>

#include "closeout.h"
#include "harness.h"

static void
quiet(enum co_level level, const char *text, void *arg)
{
	(void)level;
	(void)arg;
	printf("%s", text);
}

static struct co_doc *
load(const char *yaml)
{
	return co_doc_load("test.yaml", yaml, strlen(yaml), CO_INPUT_YAML, quiet, NULL);
}

/* A report in "lang" with one goal of target "t" and achieved "a". */
static int
goal_met(const char *lang, const char *t, const char *a, int *numeric)
{
	struct co_summary	 s;
	struct co_doc		*doc;
	char			*y;

	y = g_strdup_printf("meta:\n  title: T\n  project: {name: P}\n  language: %s\n"
	    "current_state_and_goals:\n  goals:\n    - goal: G\n      target: \"%s\"\n"
	    "      achieved: \"%s\"\n", lang, t, a);
	doc = load(y);
	co_doc_summary(doc, &s);
	*numeric = s.goals_numeric;
	co_doc_free(doc);
	g_free(y);
	return s.goals_met;
}

int
main(void)
{
	static const char report[] =
	    "meta:\n"
	    "  title: A report\n"
	    "  project: {name: P, code: P-1}\n"
	    "  funder: {name: F, decision: D-7}\n"
	    "  period: {start: 1.1.2024, end: 31.12.2024}\n"
	    "  language: fi\n"
	    "implementation:\n"
	    "  deliverables:\n"
	    "    - {description: A, completed: 1/2024}\n"
	    "    - {description: B, completed: 2/2024, status: done}\n"
	    "    - {description: C, due: 3/2025, status: planned}\n"
	    "  budget:\n"
	    "    budget: {currency: SEK, lines: [{category: X, planned: 100, actual: 150.5}]}\n"
	    "    partner_budget: {currency: SEK, lines: [{partner: Y, planned: 999}]}\n"
	    "  sections:\n"
	    "    - title: More money\n"
	    "      budget: [{category: Z, planned: 10}]\n"
	    "risks:\n"
	    "  - {description: R1, status: open}\n"
	    "  - {description: R2}\n"
	    "  - {description: R3, status: closed}\n";
	struct co_summary	 s;
	struct co_doc		*doc;
	int			 n;

	doc = load(report);
	INT_EQ(co_doc_level(doc) < CO_LEVEL_ERROR, 1);
	co_doc_summary(doc, &s);
	STR_EQ(s.title, "A report");
	STR_EQ(s.project_code, "P-1");
	STR_EQ(s.funder, "F");
	STR_EQ(s.decision, "D-7");
	STR_EQ(s.period_start, "2024-01-01");
	STR_EQ(s.period_end, "2024-12-31");
	STR_EQ(s.status, "draft");
	/* No status means done; planned is not. */
	INT_EQ(s.deliverables, 3);
	INT_EQ(s.deliverables_done, 2);
	/* No status counts as open. */
	INT_EQ(s.risks, 3);
	INT_EQ(s.risks_open, 2);
	/* Budgets per currency, a partner budget not counted twice; EUR by default. */
	INT_EQ(s.nmoney, 2);
	STR_EQ(s.money[0].currency, "SEK");
	INT_EQ(s.money[0].planned, 10000);
	INT_EQ(s.money[0].actual, 15050);
	INT_EQ(s.money[0].has_actual, 1);
	STR_EQ(s.money[1].currency, "EUR");
	INT_EQ(s.money[1].planned, 1000);
	INT_EQ(s.money[1].has_actual, 0);
	co_doc_free(doc);

	/* Goals: met when both are numbers and achieved is at least the target. */
	INT_EQ(goal_met("fi", "70 %", "75 %", &n), 1);
	INT_EQ(n, 1);
	INT_EQ(goal_met("fi", "4,0", "3,9", &n), 0);
	INT_EQ(n, 1);
	INT_EQ(goal_met("fi", "1 200", "1 250", &n), 1);
	INT_EQ(n, 1);
	INT_EQ(goal_met("en", "1,200", "950", &n), 0);
	INT_EQ(n, 1);
	INT_EQ(goal_met("en", "10,000", "11,880", &n), 1);
	INT_EQ(n, 1);
	INT_EQ(goal_met("sv", "\xe2\x88\x92" "5", "-3", &n), 1);
	INT_EQ(n, 1);
	/* Words around a number: not a number. */
	INT_EQ(goal_met("en", "Under 5 %", "3.9 %", &n), 0);
	INT_EQ(n, 0);
	INT_EQ(goal_met("en", "70 % by December 2024", "81 %", &n), 0);
	INT_EQ(n, 0);
	INT_EQ(goal_met("en", "2 data sets", "1", &n), 0);
	INT_EQ(n, 0);
	INT_EQ(goal_met("fi", "5,", "6", &n), 0);
	INT_EQ(n, 0);
	return DONE();
}
