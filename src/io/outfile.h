/* Files written for an officer (exports, rejected rows): created new and
 * private (mode 0600, SPEC §11), never over an existing file and never
 * through a symbolic link, so one officer's file is neither overwritten nor
 * readable by another. */
#ifndef JIANCE_OUTFILE_H
#define JIANCE_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

/* Creates path (O_EXCL | O_NOFOLLOW, 0600) and opens it for writing; NULL
 * with e set ("文件已存在" when it is there already). */
FILE *outfile_create(const char *path, struct jerr *e);

/* Creates the first free name of "STEM.TAG.csv", "STEM.TAG-2.csv" … beside
 * source, where STEM is source without its .csv/.xlsx/.xls ending and
 * without an earlier ".TAG" or ".TAG-N" (so the file made from
 * list.rejected.csv is list.rejected-2.csv, never list.rejected.rejected.csv).
 * The name chosen is in path.  NULL with e set. */
FILE *outfile_next(const char *source, const char *tag, char *path, size_t n, struct jerr *e);

#endif
