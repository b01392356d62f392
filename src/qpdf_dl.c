/* qpdf_dl.c: loads libqpdf (its soname from the build) and fills the table of qpdf_dl.h. */
#define QPDF_DL_SELF
#include <glib.h>
#include <gmodule.h>

#include "qpdf_dl.h"

#ifndef CO_QPDF_SONAME
#define CO_QPDF_SONAME	"libqpdf.so.29"	/* Debian 12's */
#endif

const struct qpdf_dl	*qpdf_dl;

const struct qpdf_dl *
qpdf_dl_load(char **error)
{
	static struct qpdf_dl	 api;
	static GModule		*mod;
	const char		*missing = NULL;

	if (qpdf_dl != NULL)
		return qpdf_dl;
	if (mod == NULL &&
	    (mod = g_module_open(CO_QPDF_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL)) == NULL) {
		*error = g_strdup_printf("cannot load libqpdf (%s): %s; install libqpdf29 "
		    "(sh tools/install-deps.sh)", CO_QPDF_SONAME, g_module_error());
		return NULL;
	}
#define QPDF_DL_FIND(f) \
	if (missing == NULL && !g_module_symbol(mod, #f, (gpointer *)&api.f)) \
		missing = #f;
	QPDF_DL_FUNCTIONS(QPDF_DL_FIND)
#undef QPDF_DL_FIND
	if (missing != NULL) {
		*error = g_strdup_printf("%s has no %s: a libqpdf older than 11", CO_QPDF_SONAME,
		    missing);
		return NULL;
	}
	/* Kept loaded: a second report in the same process finishes the same way. */
	return qpdf_dl = &api;
}
