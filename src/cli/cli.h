/* The command line (SPEC §10): global options, then a subcommand.  Every
 * subcommand is one entry of a table (after tmux's cmd-*.c): name, usage,
 * help and handler, so --help and the man page speak of the same things. */
#ifndef JIANCE_CLI_H
#define JIANCE_CLI_H

#include "config/config.h"
#include "access/session.h"

struct cli {
	struct config cfg;
	const char *db_path;     /* --db, else the configuration's */
	const char *as_login;    /* --as */
	const char *argv0;
	int old_schema;          /* JIANCE_SCHEMA_UPTO given (tests): migrate */
	int schema_upto;         /* only to this version */
	struct store *db;
	struct session ses;
};

struct command {
	const char *name;
	const char *usage;
	const char *help;
	int (*run)(struct cli *c, int argc, char **argv);
};

extern const struct command cli_commands[];

/* The test hooks JIANCE_TODAY and JIANCE_SCHEMA_UPTO, for root and the
 * database's owner only (testhooks.c); -1 with a message on stderr when one
 * of theirs is malformed. */
int cli_test_hooks(struct cli *c);
/* In an installation (setgid), -c and -d are for root and the admins of
 * the configured database only (trust.c): 0, or -1 with one line on
 * stderr.  conf is the -c file or NULL. */
int cli_check_overrides(const struct cli *c, const char *conf);
/* In an installation, commands that create a database (init, demo) are
 * root's: 0, or -1 with one line on stderr. */
int cli_installed_root_only(const char *cmd);
/* `jiance` as sshd's ForceCommand for an SFTP session (sftp.c): 1 when
 * SSH_ORIGINAL_COMMAND names the SFTP server; cli_run_sftp runs it as the
 * officer alone in their home (returns 1 only if it could not). */
int cli_sftp_requested(void);
int cli_run_sftp(void);
/* Opens the log of internal errors (log.path); a path that does not work
 * is said on stderr.  console: stderr will be the screen, so without a log
 * file internal errors are not written anywhere. */
void cli_log_start(struct cli *c, int console);
/* Opens the database (create: allowed to create it) and logs in the
 * officer of this process; prints the reason and returns -1 on failure. */
int cli_open(struct cli *c, int create);
int cli_login(struct cli *c);
void cli_close(struct cli *c);
/* Prints "jiance NAME: message" to stderr; returns the exit status 1. */
int cli_fail(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 1 if argv holds -h or --help (and prints the command's usage) */
int cli_wants_help(const struct command *cmd, int argc, char **argv);
const struct command *cli_find(const char *name);
/* strtol for option values; -1 if not a non-negative integer */
long cli_number(const char *s);

/* An officer's run of the installed (setgid) program keeps only the
 * environment jiance and the terminal need (cli/environ.c); root's and a
 * developer's build keep theirs.  First thing in main. */
void cli_scrub_environment(void);

#endif
