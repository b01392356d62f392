/* inputs.c: co_doc_inputs(), the files a report's outputs depend on, for watch. */
#include <glib.h>
#include <string.h>

#include "model.h"
#include "template.h"

/* Adds "dir/name" unless it is there already. */
static void
add(GPtrArray *out, const char *dir, const char *name)
{
	char	*path;
	guint	 i;

	if (name == NULL || *name == '\0')
		return;
	path = g_path_is_absolute(name) ? g_strdup(name) : g_build_filename(dir, name, NULL);
	for (i = 0; i < out->len; i++)
		if (strcmp(g_ptr_array_index(out, i), path) == 0) {
			g_free(path);
			return;
		}
	g_ptr_array_add(out, path);
}

char **
co_doc_inputs(const struct co_doc *doc)
{
	GPtrArray		*out = g_ptr_array_new();
	const struct co_node	*n;
	char			*dir, *tpl;
	int			 i;

	dir = g_path_get_dirname(doc->path);
	g_ptr_array_add(out, g_strdup(doc->path));
	/* A template that leads out of the report's folder is refused, not read. */
	tpl = tpl_path(doc->meta.template.s != NULL ? doc->meta.template.s : "default", dir);
	if (tpl != NULL)
		g_ptr_array_add(out, tpl);
	add(out, dir, doc->meta.logo.s);
	for (i = 0; i < doc->meta.nemblems; i++)
		add(out, dir, doc->meta.emblems[i].s);
	for (n = doc->root; n != NULL; n = model_next(n, doc->root))
		if (n->kind == CO_KIND_FIGURE)
			add(out, dir, n->as.figure.file);
	g_ptr_array_add(out, NULL);
	g_free(dir);
	return (char **)g_ptr_array_free(out, FALSE);
}

void
co_inputs_free(char **list)
{
	g_strfreev(list);
}
