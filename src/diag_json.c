/* diag_json.c: one diagnostic as a line of JSON (--diagnostics=json), written with json-glib. */
#include <json-glib/json-glib.h>

#include "closeout.h"

static const char *const severities[] = {
	"ok", "note", "warning", "error", "fatal"	/* enum co_level */
};

char *
co_diagnostic_json(const struct co_diagnostic *d)
{
	JsonBuilder	*b;
	JsonGenerator	*gen;
	JsonNode	*root;
	char		*out;
	size_t		 i;

	b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "file");
	json_builder_add_string_value(b, d->file);
	/* A note about the whole run (messages cut short) has no place. */
	if (d->line > 0) {
		json_builder_set_member_name(b, "line");
		json_builder_add_int_value(b, d->line);
		json_builder_set_member_name(b, "column");
		json_builder_add_int_value(b, d->column);
	}
	json_builder_set_member_name(b, "severity");
	json_builder_add_string_value(b, severities[d->level]);
	json_builder_set_member_name(b, "id");
	json_builder_add_string_value(b, d->id);
	json_builder_set_member_name(b, "message");
	json_builder_add_string_value(b, d->message);
	json_builder_set_member_name(b, "hints");
	json_builder_begin_array(b);
	for (i = 0; i < d->nhints; i++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "line");
		json_builder_add_int_value(b, d->hints[i].line);
		json_builder_set_member_name(b, "column");
		json_builder_add_int_value(b, d->hints[i].column);
		json_builder_set_member_name(b, "message");
		json_builder_add_string_value(b, d->hints[i].message);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);

	/* Not pretty-printed: one object a line, for line-by-line readers. */
	root = json_builder_get_root(b);
	gen = json_generator_new();
	json_generator_set_root(gen, root);
	out = json_generator_to_data(gen, NULL);
	g_object_unref(gen);
	json_node_unref(root);
	g_object_unref(b);
	return out;
}
