/* The console's connection lives all day and reads at random (a search
 * touches the households and members of thousands of rows): it reads the
 * file through a memory map and keeps a larger page cache than a
 * one-shot subcommand needs. */
#ifndef JIANCE_CONSOLE_DB_H
#define JIANCE_CONSOLE_DB_H

#include "store.h"

void console_db_tune(struct store *db);

#endif
