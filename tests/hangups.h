/* Hang-ups during another officer's import (issue 13): the console on a
 * pty with a new-household form half typed, the connection dropped at a
 * random moment while county-wide imports run in other processes; the
 * typed form must be kept, in the database's drafts or, when the
 * database could not take it at once, in the officer's private folder.
 * Used by tests/soak.c (make soak, 20 or more). */
#ifndef JIANCE_TESTS_HANGUPS_H
#define JIANCE_TESTS_HANGUPS_H

/* times hang-ups on db (a demo made by crash_make_demo) while imports of
 * rows leads run one after another; files go under dir.  The number of
 * drafts kept; the ones lost are named on stderr. */
int hangup_during_imports(const char *bin, const char *dir, const char *db, int times, int rows);

#endif
