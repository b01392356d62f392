/* doc.c: co_doc_load(): reads the file safely, picks the loader, then numbers the model. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "build.h"
#include "load.h"
#include "model.h"
#include "number.h"
#include "text.h"
#include "validate.h"
#include "srcmap.h"
#include "ytree.h"

#define CO_MAX_INPUT (16 * 1024 * 1024)

/* Reads at most CO_MAX_INPUT bytes of a regular file; false after a message. */
bool
doc_read_file(struct co_diags *d, const char *path, char **src, size_t *srclen)
{
	struct stat	 st;
	GString		*buf;
	char		 chunk[65536];
	ssize_t		 n;
	int		 fd;
	struct co_pos	 zero = { 0, 0 };

	/* O_NONBLOCK: a FIFO must not hang us before we can look at it. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		co_diag(d, zero, CO_DIAG_F_READ, "%s", g_strerror(errno));
		return false;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		co_diag(d, zero, CO_DIAG_F_NOTFILE, NULL);
		close(fd);
		return false;
	}
	if (st.st_size > CO_MAX_INPUT) {
		co_diag(d, zero, CO_DIAG_F_SIZE, "%lld bytes; the limit is %d MiB",
		    (long long)st.st_size, CO_MAX_INPUT / (1024 * 1024));
		close(fd);
		return false;
	}
	buf = g_string_sized_new(st.st_size + 1);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			co_diag(d, zero, CO_DIAG_F_READ, "%s", g_strerror(errno));
			g_string_free(buf, TRUE);
			close(fd);
			return false;
		}
		if (buf->len + n > CO_MAX_INPUT) {
			co_diag(d, zero, CO_DIAG_F_SIZE, "the limit is %d MiB",
			    CO_MAX_INPUT / (1024 * 1024));
			g_string_free(buf, TRUE);
			close(fd);
			return false;
		}
		g_string_append_len(buf, chunk, n);
	}
	close(fd);
	*srclen = buf->len;
	*src = g_string_free(buf, FALSE);
	return true;
}

char *
doc_path_inside(const char *dir, const char *name, bool missing_ok)
{
	char	*path, *real_dir, *real_path, *nfd, *alt;
	bool	 inside;

	if (g_path_is_absolute(name))
		return NULL;
	path = g_build_filename(dir, name, NULL);
	/* The model's names are NFC (nfc.c); a file saved on a Mac may be named in NFD. */
	if (access(path, F_OK) != 0 && (nfd = g_utf8_normalize(name, -1, G_NORMALIZE_NFD)) != NULL) {
		alt = g_build_filename(dir, nfd, NULL);
		if (strcmp(nfd, name) != 0 && access(alt, F_OK) == 0) {
			g_free(path);
			path = alt;
			alt = NULL;
		}
		g_free(alt);
		g_free(nfd);
	}
	real_dir = realpath(dir, NULL);
	real_path = realpath(path, NULL);
	inside = real_dir != NULL && (real_path == NULL ? missing_ok :
	    g_str_has_prefix(real_path, real_dir) && real_path[strlen(real_dir)] == '/');
	free(real_dir);
	free(real_path);
	if (!inside) {
		g_free(path);
		return NULL;
	}
	return path;
}

/* The line and column (in characters) of byte "p" of the report. */
static struct co_pos
offset_pos(struct co_doc *doc, const char *p)
{
	return srcmap_pos(diags_map(&doc->diags), p - doc->src);
}

/*
 * The encoding a byte order mark gives away, or the NULs that ASCII
 * letters get in UTF-16 and UTF-32 without one: NULL if neither.
 */
static const char *
wide_encoding(const unsigned char *s, size_t len)
{
	if (len >= 4 && ((s[0] == 0xff && s[1] == 0xfe && s[2] == 0 && s[3] == 0) ||
	    (s[0] == 0 && s[1] == 0 && s[2] == 0xfe && s[3] == 0xff)))
		return "UTF-32";
	if (len >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff)))
		return "UTF-16";
	if (len >= 4 && s[0] != 0 && s[1] == 0 && s[2] == 0 && s[3] == 0)
		return "UTF-32";
	if (len >= 4 && ((s[0] != 0 && s[1] == 0 && s[2] != 0 && s[3] == 0) ||
	    (s[0] == 0 && s[1] != 0 && s[2] == 0 && s[3] != 0)))
		return "UTF-16";
	return NULL;
}

/* True if NUL bytes are more than one in 64 of the first 4 KiB: not a text at all. */
static bool
mostly_nul(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len && i < 4096; i++)
		n += s[i] == '\0';
	return n * 64 > MIN(len, 4096);
}

/* Invalid UTF-8, NUL bytes and control characters stop everything: nothing after them can be trusted. */
static bool
check_encoding(struct co_doc *doc)
{
	const char	*bad;
	const char	*nul;
	const char	*wide;
	unsigned	 c;

	if ((wide = wide_encoding((const unsigned char *)doc->src, doc->srclen)) != NULL) {
		/* Its lines are no text to show. */
		diags_set_source(&doc->diags, NULL, 0, SRCMAP_YAML);
		co_diag(&doc->diags, (struct co_pos){ 0, 0 }, CO_DIAG_E_ENCODING,
		    "%s is not supported", wide);
		co_diag(&doc->diags, (struct co_pos){ 0, 0 }, CO_DIAG_HINT,
		    "save the file as UTF-8 (editors offer the encoding under 'Save as')");
		return false;
	}
	if (!g_utf8_validate(doc->src, doc->srclen, &bad)) {
		nul = memchr(doc->src, '\0', doc->srclen);
		if (nul != NULL && nul == bad) {
			co_diag(&doc->diags, offset_pos(doc, bad),
			    CO_DIAG_E_CONTROL, "NUL byte");
			co_diag(&doc->diags, offset_pos(doc, bad), CO_DIAG_HINT, "%s",
			    mostly_nul(doc->src, doc->srclen) ?
			    "this looks like a binary file, not a report" :
			    "delete it: it cannot be printed (a damaged copy or a paste "
			    "from another program leaves one)");
		} else {
			co_diag(&doc->diags, offset_pos(doc, bad),
			    CO_DIAG_E_UTF8, "byte 0x%02X", (unsigned char)*bad);
			co_diag(&doc->diags, offset_pos(doc, bad), CO_DIAG_HINT,
			    "save the file as UTF-8 (it may be Latin-1 or Windows-1252)");
		}
		return false;
	}
	if ((bad = build_forbidden(doc->src, doc->srclen, &c)) != NULL) {
		co_diag(&doc->diags, offset_pos(doc, bad), CO_DIAG_E_CONTROL,
		    "U+%04X", (unsigned)c);
		co_diag(&doc->diags, offset_pos(doc, bad), CO_DIAG_HINT,
		    "delete it: it cannot be printed (it often comes pasted in from another program)");
		return false;
	}
	return true;
}

static bool
looks_like_xml(const char *s, size_t len)
{
	size_t	 i = 0;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && g_ascii_isspace(s[i]))
		i++;
	return i < len && s[i] == '<';
}

static void	load(struct co_doc *, const char *, const char *, size_t, enum co_input);
static struct co_doc *doc_load(const char *, const char *, size_t, enum co_input,
		    co_diag_fn, co_diag_struct_fn, void *);

struct co_doc *
co_doc_load(const char *path, const char *data, size_t len, enum co_input input,
    co_diag_fn sink, void *arg)
{
	return doc_load(path, data, len, input, sink, NULL, arg);
}

struct co_doc *
co_doc_load_structured(const char *path, const char *data, size_t len,
    enum co_input input, co_diag_struct_fn sink, void *arg)
{
	return doc_load(path, data, len, input, NULL, sink, arg);
}

static struct co_doc *
doc_load(const char *path, const char *data, size_t len, enum co_input input,
    co_diag_fn sink, co_diag_struct_fn struct_sink, void *arg)
{
	struct co_doc	*doc;

	doc = g_new0(struct co_doc, 1);
	doc->arena = arena_new();
	doc->path = arena_strdup(doc->arena, path);
	diags_init(&doc->diags, path, sink, struct_sink, arg, NULL);
	doc->lang = CO_LANG_EN;
	doc->pdf_standard = -1;
	doc->root = model_node_new(doc, CO_KIND_DOC, (struct co_pos){ 0, 0 });
	diag_hold(&doc->diags);
	load(doc, path, data, len, input);
	diag_flush(&doc->diags);
	return doc;
}

/* Reads, checks and builds the report into "doc", reporting every mistake. */
static void
load(struct co_doc *doc, const char *path, const char *data, size_t len,
    enum co_input input)
{
	struct ynode	*tree;

	if (data != NULL) {
		if (len > CO_MAX_INPUT) {
			co_diag(&doc->diags, (struct co_pos){ 0, 0 }, CO_DIAG_F_SIZE,
			    "the limit is %d MiB", CO_MAX_INPUT / (1024 * 1024));
			return;
		}
		doc->src = g_malloc(len + 1);
		memcpy(doc->src, data, len);
		doc->src[len] = '\0';
		doc->srclen = len;
	} else if (!doc_read_file(&doc->diags, path, &doc->src, &doc->srclen))
		return;
	if (input == CO_INPUT_AUTO)
		input = looks_like_xml(doc->src, doc->srclen) ? CO_INPUT_XML : CO_INPUT_YAML;
	doc->input = input;
	diags_set_source(&doc->diags, doc->src, doc->srclen,
	    input == CO_INPUT_XML ? SRCMAP_XML : SRCMAP_YAML);
	if (!check_encoding(doc))
		return;

	if (input == CO_INPUT_XML)
		load_xml(doc);
	else {
		/* NULL without an error: no document at all (empty, or comments only). */
		tree = yaml_tree_load(&doc->diags, doc->arena, doc->src, doc->srclen);
		if (tree != NULL || doc->diags.worst < CO_LEVEL_ERROR)
			build_from_yaml(doc, tree);
	}
	/* One set of rules for both loaders' models. */
	validate_doc(doc);
	if (arena_used(doc->arena) > CO_MAX_MODEL_BYTES) {
		co_diag(&doc->diags, (struct co_pos){ 0, 0 }, CO_DIAG_E_NODES,
		    "the report needs more than %zu MiB of memory",
		    CO_MAX_MODEL_BYTES / (1024 * 1024));
		co_diag(&doc->diags, (struct co_pos){ 0, 0 }, CO_DIAG_HINT,
		    "split it, or write less emphasis and fewer links per paragraph");
	}
	if (doc->meta.language.s != NULL &&
	    model_lang_from_code(doc->meta.language.s) >= 0)
		doc->lang = model_lang_from_code(doc->meta.language.s);
	number_doc(doc);
}

void
co_doc_free(struct co_doc *doc)
{
	if (doc == NULL)
		return;
	diags_free(&doc->diags);
	arena_free(doc->arena);
	g_free(doc->src);
	g_free(doc);
}

enum co_level
co_doc_level(const struct co_doc *doc)
{
	return doc->diags.worst;
}

int
co_doc_count(const struct co_doc *doc, enum co_level level)
{
	return doc->diags.count[level];
}

const char *
co_doc_language(const struct co_doc *doc)
{
	return model_lang_codes[doc->lang];
}

bool
co_doc_set_template(struct co_doc *doc, const char *name)
{
	/* What template.c takes as one of closeout's own: never a path. */
	if (!g_regex_match_simple("^[A-Za-z0-9_-]+$", name, 0, 0))
		return false;
	doc->meta.template.s = arena_strdup(doc->arena, name);
	return true;
}

void
co_buffer_free(char *buf)
{
	g_free(buf);
}
