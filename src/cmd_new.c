/* cmd_new.c: `closeout new`, a skeleton report from templates/skeleton/LANG.yaml. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "closeout.h"
#include "cmd.h"

static const char *const langs[] = { "fi", "sv", "en", NULL };

/*
 * The locale's language if it is one of ours, else English.  The
 * variables in the order POSIX gives them weight for messages.
 */
static const char *
locale_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char	*v;
	size_t		 i, k;

	for (i = 0; i < G_N_ELEMENTS(vars); i++) {
		if ((v = g_getenv(vars[i])) == NULL || *v == '\0')
			continue;
		for (k = 0; langs[k] != NULL; k++)
			if (strncmp(v, langs[k], 2) == 0 && strchr("_.@", v[2]) != NULL)
				return langs[k];
		return "en";	/* the first one set decides, as for setlocale() */
	}
	return "en";
}

/*
 * How the new report names the editor schema: relative to the report's
 * folder when both are in one tree, else absolute (an installed closeout's
 * schema under /usr/share seen from a home directory).
 */
static char *
schema_ref(const char *file)
{
	char	*schema, *real_schema, *dir, *real_dir, *out;
	GString	*rel;
	size_t	 common = 0, i;

	schema = g_build_filename(co_datadir(), "schemas", "report.schema.json", NULL);
	dir = g_path_get_dirname(file);
	real_schema = realpath(schema, NULL);
	real_dir = realpath(dir, NULL);
	g_free(dir);
	if (real_schema == NULL || real_dir == NULL) {
		free(real_schema);
		free(real_dir);
		return schema;
	}
	/* The longest common prefix that ends at a '/'. */
	for (i = 0; real_dir[i] != '\0' && real_dir[i] == real_schema[i]; i++)
		if (real_dir[i] == '/')
			common = i;
	if (real_dir[i] == '\0' && real_schema[i] == '/')
		common = i;
	if (common == 0) {
		out = g_strdup(real_schema);
	} else {
		rel = g_string_new(NULL);
		for (i = common; real_dir[i] != '\0'; i++)
			if (real_dir[i] == '/')
				g_string_append(rel, "../");
		g_string_append(rel, real_schema + common + 1);
		out = g_string_free(rel, FALSE);
	}
	free(real_schema);
	free(real_dir);
	g_free(schema);
	return out;
}

/* Writes all of "data" to a new file; false (the file removed) with errno set. */
static bool
write_new(const char *path, const char *data, size_t len)
{
	ssize_t	 n;
	size_t	 done = 0;
	int	 fd, saved;

	/* O_EXCL: an existing report, or a link planted in its place, is never touched. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0)
		return false;
	while (done < len) {
		if ((n = write(fd, data + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += n;
	}
	if (fsync(fd) < 0 && errno != EINVAL)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	return true;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(path);
	errno = saved;
	return false;
}

static char	*opt_lang;

static GOptionEntry entries[] = {
	{ "lang", 'l', 0, G_OPTION_ARG_STRING, &opt_lang,
	  "the report's language: fi, sv or en (default: the locale's, else en)", "LANG" },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

int
cmd_new(int argc, char *argv[])
{
	GOptionContext	*ctx;
	GError		*err = NULL;
	GString		*text;
	char		*skeleton = NULL, *src = NULL, *schema = NULL;
	const char	*lang, *file;
	size_t		 len, k;
	int		 rc = CMD_EXIT_USAGE;

	g_set_prgname("closeout new");
	ctx = g_option_context_new("FILE.yaml");
	g_option_context_set_summary(ctx,
	    "Writes a skeleton final report: every standard section under its title,\n"
	    "an example row of each typed table, and comments on what belongs where.\n"
	    "It renders as it is, as a draft. An existing file is never overwritten.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "closeout new: %s\nTry 'closeout new --help'.\n", err->message);
		g_error_free(err);
		g_option_context_free(ctx);
		return CMD_EXIT_USAGE;
	}
	g_option_context_free(ctx);
	if (argc != 2) {
		fprintf(stderr, "usage: closeout new [--lang fi|sv|en] FILE.yaml\n");
		return CMD_EXIT_USAGE;
	}
	file = argv[1];
	lang = opt_lang != NULL ? opt_lang : locale_lang();
	for (k = 0; langs[k] != NULL && strcmp(langs[k], lang) != 0; k++)
		;
	if (langs[k] == NULL) {
		fprintf(stderr, "closeout new: --lang takes fi, sv or en, not '%s'\n", lang);
		return CMD_EXIT_USAGE;
	}

	skeleton = g_strdup_printf("%s/templates/skeleton/%s.yaml", co_datadir(), lang);
	if (!g_file_get_contents(skeleton, &src, &len, &err)) {
		fprintf(stderr, "closeout new: %s\n", err->message);
		g_error_free(err);
		goto out;
	}
	/* The modeline finds the schema from where the report is. */
	schema = schema_ref(file);
	text = g_string_new_len(src, len);
	g_string_replace(text, "@SCHEMA@", schema, 1);
	g_string_replace(text, "@FILE@", file, 0);
	if (!write_new(file, text->str, text->len)) {
		if (errno == EEXIST)
			fprintf(stderr, "closeout new: %s: the file exists; 'new' never "
			    "overwrites one\n", file);
		else
			fprintf(stderr, "closeout new: %s: %s\n", file, g_strerror(errno));
	} else {
		fprintf(stderr, "%s: a skeleton report in %s; see it with "
		    "'closeout watch %s'\n", file, strcmp(lang, "fi") == 0 ? "Finnish" :
		    strcmp(lang, "sv") == 0 ? "Swedish" : "English", file);
		rc = 0;
	}
	g_string_free(text, TRUE);
out:
	g_free(skeleton);
	g_free(src);
	g_free(schema);
	return rc;
}
