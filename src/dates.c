/* dates.c: the values of typed fields: dates, months and amounts parsed strictly, kept in ISO form, shown localized; addresses; white space squeezed. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>

#include "text.h"

static const char *const month_names[CO_LANG__MAX][12] = {
	{ "tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu",
	  "heinäkuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu" },
	{ "januari", "februari", "mars", "april", "maj", "juni", "juli",
	  "augusti", "september", "oktober", "november", "december" },
	{ "January", "February", "March", "April", "May", "June", "July",
	  "August", "September", "October", "November", "December" },
};

/* Reads 1–max digits; returns the number or -1. */
static int
digits(const char **p, int min, int max)
{
	int	 n = 0, i;

	for (i = 0; i < max && g_ascii_isdigit(**p); i++, (*p)++)
		n = n * 10 + (**p - '0');
	return i < min ? -1 : n;
}

/* What a month field takes, for its hints. */
#define MONTH_FORMS	"write a month as 4/2019 or 2019-04, or a date as 26.4.2019 or 2019-04-26"

const char *
date_parse(const char *s, bool month_ok, char iso[11])
{
	const char	*p = s;
	int		 d = 0, m, y;
	bool		 day;		/* a day was written (0 is a wrong one) */
	const char	*form = month_ok ? MONTH_FORMS : "write the date as 26.4.2019 or 2019-04-26";

	if (g_ascii_isdigit(s[0]) && g_ascii_isdigit(s[1]) &&
	    g_ascii_isdigit(s[2]) && g_ascii_isdigit(s[3]) && s[4] == '-') {
		/* 2019-04-26 or 2019-04 */
		y = digits(&p, 4, 4);
		p++;
		if ((m = digits(&p, 2, 2)) < 0)
			return month_ok ? MONTH_FORMS : "write the date as 2019-04-26 or 26.4.2019";
		day = *p != '\0';
		if (!day) {
			if (!month_ok)
				return "a full date is needed here, such as 2019-04-26";
		} else if (*p++ != '-' || (d = digits(&p, 2, 2)) < 0 || *p != '\0')
			return month_ok ? MONTH_FORMS : "write the date as 2019-04-26 or 26.4.2019";
	} else if ((d = digits(&p, 1, 2)) >= 0 && *p == '.') {
		/* 26.4.2019 */
		day = true;
		p++;
		if ((m = digits(&p, 1, 2)) < 0 || *p++ != '.' ||
		    (y = digits(&p, 4, 4)) < 0 || *p != '\0')
			return form;
	} else if (d >= 0 && *p == '/') {
		/* 1/2019 */
		m = d;
		d = 0;
		day = false;
		p++;
		if ((y = digits(&p, 4, 4)) < 0 || *p != '\0')
			return month_ok ? MONTH_FORMS : "write the month as 1/2019 or 2019-01";
		if (!month_ok)
			return "a full date is needed here, such as 26.4.2019";
	} else
		return form;

	if (m < 1 || m > 12)
		return "there is no such month";
	if (y < 1000 || y > 9999)
		return "the year must have four digits";
	if (day && (d < 1 || !g_date_valid_dmy(d, m, y)))
		return "there is no such day in that month";
	if (!day)
		g_snprintf(iso, 11, "%04d-%02d", y, m);
	else
		g_snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
	return NULL;
}

char *
date_format(const char *iso, enum co_lang lang)
{
	int	 y, m, d = 0;

	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) < 2 || m < 1 || m > 12)
		return g_strdup(iso);
	switch (lang) {
	case CO_LANG_FI:
		return d ? g_strdup_printf("%d.%d.%d", d, m, y) :
		    g_strdup_printf("%d/%d", m, y);
	case CO_LANG_SV:
		return d ? g_strdup(iso) :
		    g_strdup_printf("%s %d", month_names[lang][m - 1], y);
	case CO_LANG_EN:
	case CO_LANG__MAX:
		break;
	}
	return d ? g_strdup_printf("%d %s %d", d, month_names[CO_LANG_EN][m - 1], y) :
	    g_strdup_printf("%s %d", month_names[CO_LANG_EN][m - 1], y);
}

bool
amount_parse(const char *s, int64_t *cents)
{
	int64_t		 whole = 0;
	int		 frac = 0, nfrac = 0, ndigits = 0;
	bool		 neg = false, point = false;
	const char	*p;

	p = s;
	if (*p == '-') {
		neg = true;
		p++;
	}
	for (; *p != '\0'; p++) {
		if (g_ascii_isdigit(*p)) {
			if (point) {
				if (++nfrac > 2)
					return false;
				frac = frac * 10 + (*p - '0');
			} else {
				if (++ndigits > 13)
					return false;
				whole = whole * 10 + (*p - '0');
			}
		} else if ((*p == '.' || *p == ',') && !point && ndigits > 0)
			point = true;
		else if ((*p == ' ' || *p == '_') && !point && ndigits > 0)
			continue;
		else
			return false;
	}
	if (ndigits == 0 || (point && nfrac == 0))
		return false;
	if (nfrac == 1)
		frac *= 10;
	*cents = (whole * 100 + frac) * (neg ? -1 : 1);
	return true;
}

char *
amount_canonical(int64_t cents)
{
	int64_t	 a = cents < 0 ? -cents : cents;

	return g_strdup_printf("%s%" G_GINT64_FORMAT ".%02d", cents < 0 ? "-" : "",
	    a / 100, (int)(a % 100));
}

char *
amount_format(int64_t cents, enum co_lang lang)
{
	GString		*s;
	char		 buf[32];
	int64_t		 a = cents < 0 ? -cents : cents;
	size_t		 i, n;

	/* Thin groups of three: no-break space in fi/sv, comma in en. */
	g_snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT, a / 100);
	s = g_string_new(cents < 0 ? "\xe2\x88\x92" : "");
	n = strlen(buf);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			g_string_append(s, lang == CO_LANG_EN ? "," : "\xc2\xa0");
		g_string_append_c(s, buf[i]);
	}
	g_string_append_printf(s, "%s%02d", lang == CO_LANG_EN ? "." : ",",
	    (int)(a % 100));
	return g_string_free(s, FALSE);
}

bool
email_valid(const char *s)
{
	static GRegex	*re;

	/* Compiled once: prose may hold many address-like words. */
	if (g_once_init_enter(&re)) {
		GRegex *r = g_regex_new(
		    "^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$",
		    G_REGEX_OPTIMIZE, 0, NULL);
		g_once_init_leave(&re, r);
	}
	return strchr(s, '@') != NULL && g_regex_match(re, s, 0, NULL);
}

/*
 * True if libxml2 takes s as an xs:anyURI, as the schema check of the XML
 * does (xmlschemastypes.c: characters URIs may not hold become '_', then
 * xmlParseURI): a URL we accept must read back from our own XML.
 */
static bool
xml_any_uri(const char *s)
{
	xmlURIPtr	 uri;
	char		*tmp, *p;

	tmp = g_strdup(s);
	for (p = tmp; *p != '\0'; p++)
		if ((unsigned char)*p < 32 || (unsigned char)*p >= 127 ||
		    strchr(" <>\"{}|\\^`'", *p) != NULL)
			*p = '_';
	uri = xmlParseURI(tmp);
	g_free(tmp);
	if (uri == NULL)
		return false;
	xmlFreeURI(uri);
	return true;
}

bool
url_valid(const char *s)
{
	GUri		*uri;
	const char	*host;
	bool		 ok;

	if (!g_str_has_prefix(s, "http://") && !g_str_has_prefix(s, "https://"))
		return false;
	if (strpbrk(s, " \t\n\r") != NULL || !xml_any_uri(s))
		return false;
	/* A host, too: "https://" alone is no address (nor valid in our schema). */
	if ((uri = g_uri_parse(s, G_URI_FLAGS_PARSE_RELAXED, NULL)) == NULL)
		return false;
	host = g_uri_get_host(uri);
	ok = host != NULL && *host != '\0';
	g_uri_unref(uri);
	return ok;
}

bool
href_valid(const char *s)
{
	/* An address may hold '%', which xs:anyURI takes only before two hex digits. */
	return url_valid(s) || (g_str_has_prefix(s, "mailto:") && email_valid(s + 7) &&
	    xml_any_uri(s));
}

/*
 * A bare domain, perhaps with a path: labels of letters, digits and '-'
 * parted by dots, the last before any '/' two to six lower-case letters
 * ("opendreamkit.org", "isabelle.in.tum.de/about").  Not "e.g", "3.5",
 * "U.S.A" or "asia.Toinen".
 */
static bool
is_domain(const char *s, size_t len)
{
	size_t	 i, label = 0, last = 0, ndots = 0, end;
	bool	 lower = true;

	for (end = 0; end < len && s[end] != '/'; end++)
		;
	for (i = 0; i < end; i++) {
		if (s[i] == '.') {
			if (label == 0)
				return false;
			ndots++;
			last = i + 1;
			label = 0;
			lower = true;
			continue;
		}
		if (!g_ascii_isalnum(s[i]) && s[i] != '-')
			return false;
		if (!g_ascii_islower(s[i]))
			lower = false;
		label++;
	}
	return ndots > 0 && lower && end - last >= 2 && end - last <= 6 && label > 0;
}

bool
text_is_address(const char *s, size_t len)
{
	size_t	 i;

	/* Round it, as in "(www.kela.fi)." or "<https://…>". */
	while (len > 0 && strchr("([<\"'", s[0]) != NULL)
		s++, len--;
	while (len > 0 && strchr(".,;:!?)]>\"'", s[len - 1]) != NULL)
		len--;
	if (len == 0)
		return false;
	if (memchr(s, '@', len) != NULL)
		return true;
	for (i = 0; i + 3 <= len; i++) {
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return true;
		if (i + 4 <= len && g_ascii_strncasecmp(s + i, "www.", 4) == 0)
			return true;
	}
	return is_domain(s, len);
}

/*
 * Bytes of the white space at s: space, tab, LF, CR, and the line breaks
 * NEL (U+0085), LS (U+2028) and PS (U+2029), which a one-line value must
 * not keep (Pango would break its line there, a bookmark would hold them).
 */
static size_t
space_len(const char *s, const char *end)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if (*u == 0xc2 && s + 1 < end && u[1] == 0x85)
		return 2;
	if (*u == 0xe2 && s + 2 < end && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9))
		return 3;
	return 0;
}

char *
text_squeeze(const char *s, size_t len)
{
	GString		*out = g_string_sized_new(len);
	const char	*end = s + len;
	bool		 space = false;
	size_t		 n;

	while (s < end) {
		if ((n = space_len(s, end)) > 0) {
			space = out->len > 0;
			s += n;
			continue;
		}
		if (space)
			g_string_append_c(out, ' ');
		space = false;
		g_string_append_c(out, *s++);
	}
	return g_string_free(out, FALSE);
}
