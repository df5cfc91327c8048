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

#endif
