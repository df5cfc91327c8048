/* Privilege separation (SPEC §11).  An installed jiance is setgid to the
 * group that owns the database and its directory; officers are not in
 * that group, so they reach the data only through the program.  The
 * effective group reaches the database; the real ids are the officer.
 * What the program reads or writes for the officer (exports, PDFs,
 * rejected rows, drafts, logs, files to import) is done with the
 * officer's own group in effect, and child processes (the print command,
 * sz) get no part of the program's group. */
#ifndef JIANCE_PRIVS_H
#define JIANCE_PRIVS_H

/* 1 when running with a group that is not the officer's own (setgid). */
int privs_setgid(void);
/* The officer's own group in effect until the matching privs_user_end;
 * pairs nest.  Nothing happens when not setgid. */
void privs_user_begin(void);
void privs_user_end(void);
/* Gives the program's group up for good (a child before exec, a run that
 * needs no database): 0, or -1 if the system refused. */
int privs_drop(void);

#endif
