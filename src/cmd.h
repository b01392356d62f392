/*
 * cmd.h: the subcommands that parse their own options (main.c, cmd_*.c,
 * never the core).  Each takes argv from its own name on and returns the
 * exit status; main.c exits with it.
 */
#ifndef CO_CMD_H
#define CO_CMD_H

#include <stdbool.h>

#define CMD_EXIT_REPORT	1	/* a report has errors */
#define CMD_EXIT_USAGE	2	/* usage or I/O errors */

int	 cmd_new(int argc, char *argv[]);
int	 cmd_watch(int argc, char *argv[]);
int	 cmd_batch(int argc, char *argv[]);

/* cmd_util.c: "dir/report.yaml" → "dir/report.EXT" (g_free). */
char	*cmd_beside(const char *input, const char *ext);
/* True if both names are one existing file (also through a link). */
bool	 cmd_same_file(const char *a, const char *b);
/*
 * Checks the outputs of "input" as render does: neither may be the input,
 * nor the two one file.  NULL if they are fine, else why not (g_free).
 */
char	*cmd_outputs_check(const char *input, const char *pdf, const char *xml);

#endif
