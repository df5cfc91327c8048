/* Where the store tells what went wrong: an SQL error, a transaction left
 * open, a bind format that does not fit its statement.  stderr belongs to
 * curses while the console runs (STYLE.md §6), so these go to a log file,
 * one line each: time, login[pid], the call site (file:line), what.  One
 * log per process: one process works for one officer. */
#ifndef JIANCE_ERRLOG_H
#define JIANCE_ERRLOG_H

#include "base/err.h"

/* Opens path for appending, creating it mode 0600.  Refused: a symbolic
 * link as the last component, anything but a regular file, a file owned
 * by another account (it would read this officer's errors).  login is
 * written on every line.  0, or -1 with e set and the log as it was. */
int errlog_open(const char *path, const char *login, struct jerr *e);
void errlog_close(void);
/* Without a log file, lines go to stderr (subcommands, unit tests), or
 * nowhere once errlog_quiet(1) is called (the console: stderr is its
 * screen). */
void errlog_quiet(int quiet);
/* Writes one line for call site file:line; newlines in the text become
 * spaces so a line is one entry. */
void errlog_write(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
