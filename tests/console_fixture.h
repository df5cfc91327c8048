/* For the console's end-to-end tests (tests/test_console*.c): a small demo
 * county made by the real binary, the console started on a pty as one of
 * its officers, and the database read back through the library to check
 * what was (or was not) saved. */
#ifndef JIANCE_TESTS_CONSOLE_FIXTURE_H
#define JIANCE_TESTS_CONSOLE_FIXTURE_H

#include <stdint.h>

#include "pty.h"

#define CF_WAIT_MS 15000     /* generous: ASan builds on a loaded machine */
#define CF_TODAY "2026-05-20"
#define CF_DB_LEN 256        /* a path, or a PostgreSQL URL under make check-pg */

/* Fails the test with the screen printed, so a failure can be read. */
#define EXPECT(p, cond) \
	do { \
		if (!(cond)) { \
			pty_dump(p); \
			fail_msg("%s", #cond); \
		} \
	} while (0)

/* `jiance demo --households 300 --seed 7` into a new temporary file with
 * today pinned to CF_TODAY; path gets its name (CF_DB_LEN bytes). */
void cf_demo(char *path);
/* Removes the database and its WAL files. */
void cf_remove(const char *path);
/* The console as login on rows x cols, after its first screen is drawn
 * (the home menu, or the draft question when there is a draft). */
struct pty *cf_start(const char *db, const char *login, int rows, int cols);
/* Back to the home menu from the first screen (the to-do queue). */
void cf_home(struct pty *p);
/* From the first screen to the household list, drawn and counted. */
void cf_open_list(struct pty *p);
/* A number from the database (SQL fixed by the test, one text argument
 * or NULL). */
int64_t cf_int(const char *db, const char *sql, const char *arg);
/* Ends the console with F10 and y; its exit status. */
int cf_quit(struct pty *p);

#endif
