/* A file written for the officer (SPEC §11, issue 13): an export, a PDF,
 * the rejected rows of an import, a backup, a draft.  It is written under
 * a temporary name in the target's own directory, created there with the
 * officer's ids and mode 0600 (O_EXCL: never through a link planted at
 * that name), then flushed, fsync'd and renamed to its name only when all
 * of it is written.  Any write error leaves no file at either name: a
 * truncated PDF or workbook is never found where a whole one is expected.
 * The rename never follows a link at the target either: OUTFILE_NEW
 * refuses any existing name, OUTFILE_REPLACE replaces the name itself. */
#ifndef JIANCE_OUTFILE_H
#define JIANCE_OUTFILE_H

#include <limits.h>
#include <stdio.h>

#include "base/err.h"

enum outfile_mode { OUTFILE_NEW, OUTFILE_REPLACE };

struct outfile {
	FILE *f;                 /* write through this (or through outfile_name) */
	int fd;
	enum outfile_mode mode;
	char path[PATH_MAX];     /* where it goes */
	char tmp[PATH_MAX];      /* where it is until complete */
	char byname[64];
};

/* 1 if something (a file, a directory, a link, even a dangling one) has
 * that name, so an OUTFILE_NEW there would be refused. */
int outfile_taken(const char *path);
/* 0 with o ready, or -1 with e set ("已存在" for an OUTFILE_NEW whose name
 * is taken) and nothing created. */
int outfile_open(struct outfile *o, const char *path, enum outfile_mode mode, struct jerr *e);
/* A name of the temporary file for a library that opens files by name
 * (libxlsxwriter, SQLite): /proc/self/fd/N, which reaches this very file
 * whatever is done to names in the directory meanwhile, or the temporary
 * name itself where there is no /proc. */
const char *outfile_name(struct outfile *o);
/* Flushes, fsyncs and closes, then gives the file its name.  0, or -1
 * with e set and no file left. */
int outfile_commit(struct outfile *o, struct jerr *e);
/* Closes and removes what was written.  Safe after a failed commit. */
void outfile_abort(struct outfile *o);
/* Words for a failed write: "磁盘已满" for ENOSPC and EFBIG, else strerror. */
const char *outfile_why(int err);

#endif
