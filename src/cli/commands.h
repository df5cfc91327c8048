/* Handlers of the subcommands listed in commands.c. */
#ifndef JIANCE_COMMANDS_H
#define JIANCE_COMMANDS_H

#include "cli/cli.h"

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_officer(struct cli *c, int argc, char **argv);
int cmd_area(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_print(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_upstream(struct cli *c, int argc, char **argv);
int cmd_setup(struct cli *c, int argc, char **argv);
int cmd_doctor(struct cli *c, int argc, char **argv);
int cmd_migrate(struct cli *c, int argc, char **argv);

/* The county of the configuration and its first admin, login, in the
 * database just created (init, setup).  0, or -1 with e set. */
int cli_bootstrap(struct cli *c, const char *login, const char *name, struct jerr *e);

#endif
