/* A file the officer names for jiance to read (an import): opened with
 * the officer's own rights, not the group an installation gives the
 * program (SPEC §11: otherwise an officer could import the database file
 * itself and read it back in the report), and only if it is a regular
 * file of a sane size: a device (/dev/zero grows without bound), a FIFO
 * with no writer (waits for ever) or a folder is refused at once. */
#ifndef JIANCE_INFILE_H
#define JIANCE_INFILE_H

#include <stdio.h>

#include "base/err.h"

#define INFILE_MAX_BYTES (1024L * 1024 * 1024)

/* The file open for reading, or NULL with e set (in plain Chinese). */
FILE *infile_open(const char *path, struct jerr *e);

#endif
