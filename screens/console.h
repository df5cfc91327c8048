/* The console's entry points, called by src/main.c. */
#ifndef JIANCE_CONSOLE_H
#define JIANCE_CONSOLE_H

struct app;
struct session;

/* Pushes the first screen (home, to-do queue ...); set it before
 * console_run().  While NULL the console opens on the help screen. */
extern void (*console_first_screen)(struct app *app);

/* Runs the console for the logged-in officer in s until they quit.
 * Returns 0 when the officer quit, 1 when the console could not start (a
 * Chinese + English reason is on stderr: no UTF-8 locale, no terminal), or
 * 128 + the signal number after SIGHUP/SIGTERM/SIGINT or a lost terminal
 * (the screens saved what was typed as drafts in their leave()). */
int console_run(struct session *s);

/* jiance --console-selftest: the console without a database -- a demo
 * form (姓名, 与户主关系) under the help screen -- for the end-to-end tests
 * (tests/test_console_frame.c).  Same return values as console_run().
 * With JIANCE_SELFTEST_DRAFT=FILE, a hangup writes the form there. */
int console_selftest(void);

#endif
