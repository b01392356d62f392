/* i18n.c: section titles, table headers, labels and values in Finnish, Swedish and English. */
#include <string.h>

#include "i18n.h"

static const char *const titles[CO_ROLE__MAX][CO_LANG__MAX] = {
	{ NULL, NULL, NULL },						/* CO_ROLE_CUSTOM */
	{ "Yhteenveto", "Sammanfattning", "Summary" },			/* CO_ROLE_SUMMARY */
	{ "Nykytila ja tavoitteet", "Nuläge och mål", "Current state and goals" }, /* CO_ROLE_CURRENT_STATE_AND_GOALS */
	{ "Nykytilan kuvaus", "Beskrivning av nuläget", "Description of the current state" }, /* CO_ROLE_CURRENT_STATE */
	{ "Vaatimukset", "Krav", "Requirements" },			/* CO_ROLE_REQUIREMENTS */
	{ "Tavoitteet", "Mål", "Goals" },				/* CO_ROLE_GOALS */
	{ "Toteutus", "Genomförande", "Implementation" },		/* CO_ROLE_IMPLEMENTATION */
	{ "Työn sisältö ja laajuus", "Arbetets innehåll och omfattning", "Scope of work" }, /* CO_ROLE_SCOPE */
	{ "Lopputuotokset", "Slutprodukter", "Deliverables" },		/* CO_ROLE_DELIVERABLES */
	{ "Rajaukset", "Avgränsningar", "Exclusions" },			/* CO_ROLE_EXCLUSIONS */
	{ "Hyödyt", "Nytta", "Benefits" },				/* CO_ROLE_BENEFITS */
	{ "Kustannukset", "Kostnader", "Budget" },			/* CO_ROLE_BUDGET */
	{ "Organisointi", "Organisation", "Organisation" },		/* CO_ROLE_ORGANISATION */
	{ "Valmisteluryhmä", "Projektgrupp", "Project group" },		/* CO_ROLE_PROJECT_GROUP */
	{ "Sidosryhmät", "Intressenter", "Stakeholders" },		/* CO_ROLE_STAKEHOLDERS */
	{ "Riskit", "Risker", "Risks" },				/* CO_ROLE_RISKS */
	{ "Dokumentointi", "Dokumentation", "Documentation" },		/* CO_ROLE_DOCUMENTATION */
	{ "Opit ja kehittämisehdotukset", "Lärdomar och förslag", "Lessons learned and proposals" }, /* CO_ROLE_LESSONS_AND_PROPOSALS */
	{ "Opit ja palaute", "Lärdomar och återkoppling", "Lessons learned and feedback" }, /* CO_ROLE_LESSONS */
	{ "Kehittämisehdotukset", "Utvecklingsförslag", "Proposals for development" }, /* CO_ROLE_PROPOSALS */
	{ "Lisätietoja", "Ytterligare information", "Further information" }, /* CO_ROLE_FURTHER_INFORMATION */
	{ "Lyhenteet ja käsitteet", "Förkortningar och begrepp", "Glossary and acronyms" }, /* CO_ROLE_GLOSSARY */
	{ "Lähteet", "Källor", "References" },				/* CO_ROLE_REFERENCES */
};

static const char *const labels[CO_LABEL__MAX][CO_LANG__MAX] = {
	{ "Sisällysluettelo", "Innehåll", "Contents" },			/* CO_LABEL_CONTENTS */
	{ "Sivu", "Sida", "Page" },					/* CO_LABEL_PAGE */
	{ "Päivämäärä", "Datum", "Date" },				/* CO_LABEL_DATE */
	{ "Versio", "Version", "Version" },				/* CO_LABEL_VERSION */
	{ "Tila", "Status", "Status" },					/* CO_LABEL_STATUS */
	{ "Hanke", "Projekt", "Project" },				/* CO_LABEL_PROJECT */
	{ "Hanketunnus", "Projektkod", "Project code" },		/* CO_LABEL_PROJECT_CODE */
	{ "Organisaatiot", "Organisationer", "Organisations" },	/* CO_LABEL_ORGANISATION */
	{ "Rahoittaja", "Finansiär", "Funder" },			/* CO_LABEL_FUNDER */
	{ "Rahoituspäätös", "Finansieringsbeslut", "Funding decision" }, /* CO_LABEL_DECISION */
	{ "Hankkeen kesto", "Projekttid", "Project period" },		/* CO_LABEL_PERIOD */
	{ "Laatijat", "Författare", "Authors" },			/* CO_LABEL_AUTHORS */
	{ "Hyväksytty", "Godkänd", "Approved" },			/* CO_LABEL_APPROVED */
	{ "Julkisuus", "Offentlighet", "Publicity" },			/* CO_LABEL_PUBLICITY */
	{ "Asiasanat", "Nyckelord", "Keywords" },			/* CO_LABEL_KEYWORDS */
	{ "Yhteensä", "Totalt", "Total" },				/* CO_LABEL_TOTAL */
	{ "Erotus", "Avvikelse", "Variance" },				/* CO_LABEL_VARIANCE */
	{ "Summat", "Belopp i", "Amounts in" },				/* CO_LABEL_CURRENCY_NOTE */
	{ "Nro", "Nr", "No." },						/* CO_LABEL_NUMBER */
	{ "Rahoitusohjelma", "Program", "Programme" },			/* CO_LABEL_PROGRAMME */
	{ "luku", "avsnitt", "section" },				/* CO_LABEL_REF_SECTION */
	{ "taulukko", "tabell", "table" },				/* CO_LABEL_REF_TABLE */
	{ "kuva", "figur", "figure" },					/* CO_LABEL_REF_FIGURE */
	{ "alaviite", "fotnot", "footnote" },				/* CO_LABEL_REF_NOTE */
	{ "sivulla", "på sidan", "on page" },				/* CO_LABEL_REF_PAGE */
	{ "Taulukko", "Tabell", "Table" },				/* CO_LABEL_TABLE */
	{ "Kuva", "Figur", "Figure" },					/* CO_LABEL_FIGURE */
	{ "Kuva puuttuu", "Bilden saknas", "Image missing" },		/* CO_LABEL_IMAGE_MISSING */
	{ "Raportointikausi", "Rapportperiod", "Reporting period" },	/* CO_LABEL_REPORTING */
	{ "Liite", "Bilaga", "Annex" },					/* CO_LABEL_ANNEX */
	{ "liite", "bilaga", "annex" },					/* CO_LABEL_REF_ANNEX */
	{ "Tiivistelmä", "Sammandrag", "Abstract" },			/* CO_LABEL_ABSTRACT */
	{ "Käytetty", "Förbrukat", "Used" },				/* CO_LABEL_USED */
	{ "Ali-/ylitys", "Under-/överskridning", "Under/overspend" },	/* CO_LABEL_OVERSPEND */
	{ "Osuus", "Andel", "Share" },					/* CO_LABEL_SHARE */
	{ "Yhteensä", "Totalt", "Total" },				/* CO_LABEL_SUM */
	{ "jatkuu", "fortsätter", "continued" },			/* CO_LABEL_CONTINUED */
	{ "ja %d muuta organisaatiota", "och %d andra organisationer",
	    "and %d other organisations" },				/* CO_LABEL_AND_OTHERS */
	{ "Logo", "Logotyp", "Logo" },					/* CO_LABEL_LOGO */
};

/* Column headers per typed table, fields in spec order. */
static const char *const columns[CO_REC__MAX][9][CO_LANG__MAX] = {
	{	/* CO_REC_GOALS */
		{ "Tavoite", "Mål", "Goal" },
		{ "Mittari", "Indikator", "Indicator" },
		{ "Tavoitetaso", "Målvärde", "Target" },
		{ "Toteutuma", "Utfall", "Achieved" },
	},
	{	/* CO_REC_DELIVERABLES */
		{ "Tunnus", "Nr", "No." },
		{ "Lopputuotoksen kuvaus", "Beskrivning av slutprodukten", "Description" },
		{ "Valmis kk/vuosi", "Klar månad/år", "Completed" },
		{ "Määräaika", "Deadline", "Due" },
		{ "Toimitettu", "Levererad", "Delivered" },
		{ "Päivitetty", "Reviderad", "Revised" },
		{ "Tila", "Status", "Status" },
		{ "Vastuu", "Ansvarig", "Owner" },
		{ "Linkki", "Länk", "Link" },
	},
	{	/* CO_REC_RISKS */
		{ "Riski", "Risk", "Risk" },
		{ "Todennäköisyys", "Sannolikhet", "Likelihood" },
		{ "Vaikutus", "Konsekvens", "Impact" },
		{ "Hallintakeinot", "Åtgärder", "Mitigation" },
		{ "Vastuu", "Ansvarig", "Owner" },
		{ "Tila", "Status", "Status" },
	},
	{	/* CO_REC_DOCUMENTS */
		{ "Dokumentti", "Dokument", "Document" },
		{ "Päivämäärä", "Datum", "Date" },
		{ "Liitteenä / dokumentin verkko-osoite", "Bilaga / webbadress", "Attachment / web address" },
		{ "Liite", "Bilaga", "Attachment" },
	},
	{	/* CO_REC_LESSONS */
		{ "Oppi", "Lärdom", "Lesson" },
		{ "Aihe", "Kategori", "Category" },
		{ "Suositus", "Rekommendation", "Recommendation" },
	},
	{	/* CO_REC_PROPOSALS */
		{ "Ehdotus", "Förslag", "Proposal" },
		{ "Vastuu", "Ansvarig", "Owner" },
		{ "Prioriteetti", "Prioritet", "Priority" },
	},
	{	/* CO_REC_CONTACTS */
		{ "Nimi", "Namn", "Name" },
		{ "Rooli", "Roll", "Role" },
		{ "Organisaatio", "Organisation", "Organisation" },
		{ "Sähköposti", "E-post", "E-mail" },
		{ "Puhelin", "Telefon", "Phone" },
	},
	{	/* CO_REC_BUDGET */
		{ "Kustannuslaji", "Kostnadsslag", "Category" },
		{ "Suunniteltu", "Budgeterat", "Planned" },
		{ "Toteutunut", "Utfall", "Actual" },
		{ "Huomautus", "Anmärkning", "Note" },
	},
	{	/* CO_REC_GLOSSARY */
		{ "Lyhenne tai käsite", "Förkortning eller begrepp", "Term" },
		{ "Selitys", "Förklaring", "Definition" },
	},
	{	/* CO_REC_REFERENCES */
		{ "Tunnus", "Id", "Id" },
		{ "Tekijät", "Författare", "Authors" },
		{ "Nimeke", "Titel", "Title" },
		{ "Vuosi", "År", "Year" },
		{ "Julkaisu", "Publikation", "Venue" },
		{ "Julkaisija", "Utgivare", "Publisher" },
		{ "Verkko-osoite", "Webbadress", "URL" },
		{ "DOI", "DOI", "DOI" },
	},
	{	/* CO_REC_PARTNER_BUDGET */
		{ "Toteuttaja", "Partner", "Partner" },
		{ "Suunniteltu", "Budgeterat", "Planned" },
		{ "Toteutunut", "Utfall", "Actual" },
		{ "Huomautus", "Anmärkning", "Note" },
	},
	{	/* CO_REC_FUNDING */
		{ "Rahoittaja", "Finansiär", "Source" },
		{ "Määrä", "Belopp", "Amount" },
		{ "Huomautus", "Anmärkning", "Note" },
	},
};

static const struct {
	const char	*key;
	const char	*word[CO_LANG__MAX];
} values[] = {
	{ "draft", { "luonnos", "utkast", "draft" } },
	{ "submitted", { "jätetty", "inlämnad", "submitted" } },
	{ "final", { "lopullinen", "slutlig", "final" } },
	{ "approved", { "hyväksytty", "godkänd", "approved" } },
	{ "public", { "julkinen", "offentlig", "public" } },
	{ "internal", { "sisäinen", "intern", "internal" } },
	{ "confidential", { "luottamuksellinen", "konfidentiell", "confidential" } },
	{ "low", { "matala", "låg", "low" } },
	{ "medium", { "kohtalainen", "medel", "medium" } },
	{ "high", { "korkea", "hög", "high" } },
	{ "planned", { "suunniteltu", "planerad", "planned" } },
	{ "in_progress", { "käynnissä", "pågående", "in progress" } },
	{ "done", { "valmis", "klar", "done" } },
	{ "cancelled", { "peruttu", "inställd", "cancelled" } },
	{ "open", { "avoin", "öppen", "open" } },
	{ "mitigated", { "hallittu", "hanterad", "mitigated" } },
	{ "occurred", { "toteutunut", "inträffad", "occurred" } },
	{ "closed", { "suljettu", "stängd", "closed" } },
};

const char *
i18n_title(enum co_role role, enum co_lang lang)
{
	return titles[role][lang];
}

const char *
i18n_label(enum co_label label, enum co_lang lang)
{
	return labels[label][lang];
}

const char *
i18n_column(enum co_rec rec, int fi, enum co_lang lang)
{
	return columns[rec][fi][lang];
}

const char *
i18n_value(const char *key, enum co_lang lang)
{
	size_t	 i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (strcmp(values[i].key, key) == 0)
			return values[i].word[lang];
	return key;
}
