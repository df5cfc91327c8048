/* The console loop (after htop's ScreenManager): a stack of screens, the
 * top line, the message line, the bottom key line, colours, resize and
 * signals.  It owns the terminal: the only doupdate() is in app.c. */
#ifndef JIANCE_APP_H
#define JIANCE_APP_H

#include <stdint.h>

#include <curses.h>

#include "kit/screen.h"

struct session;
struct app;

#define APP_MIN_ROWS 24
#define APP_MIN_COLS 80

enum msg_level { MSG_INFO, MSG_OK, MSG_WARN, MSG_ERROR };

/* --- for console.c ------------------------------------------------------ */

/* s may be NULL (self-test): then the top line names no officer. */
struct app *app_new(struct session *s);
void app_free(struct app *app);
/* Called once when SIGHUP/SIGTERM/SIGINT ends the console, before the
 * screens' leave() and before curses ends: save drafts here. */
void app_on_hangup(struct app *app, void (*fn)(struct app *app, void *arg), void *arg);
/* Checks the locale (falling back to C.UTF-8), installs the signal flags and
 * starts curses.  0, or -1 with a Chinese + English message on stderr.  Push
 * the first screen after this: enter() may measure text then. */
int app_start(struct app *app);
/* Runs until the last screen closes (starting first if needed); ends curses.
 * Returns 0, 1 when the console could not start, or 128 + the signal number
 * when SIGHUP/SIGTERM/SIGINT (or a lost terminal: SIGHUP) ended it. */
int app_run(struct app *app);

/* --- for screens -------------------------------------------------------- */

/* Pushes screen and calls its enter(app, arg).  -1 if the stack is full. */
int app_push(struct app *app, const struct screen *screen, void *arg);
/* When the key being handled closes its screen (POP), then(app, id) runs
 * on the screen below: a saved form opens what comes next (a new
 * household's members).  Forgotten when the key does not close it. */
void app_then(struct app *app, void (*then)(struct app *app, int64_t id), int64_t id);
struct session *app_session(struct app *app);
/* The state of the screen being called (set by its enter()). */
void *app_data(struct app *app);
void app_set_data(struct app *app, void *data);
/* Replaces the screen's title on the top line (e.g. "户详情 张三"). */
void app_set_title(struct app *app, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A plain-Chinese notice on the message line until the next key. */
void app_msg(struct app *app, enum msg_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* From draw(): show the terminal cursor at (y, x) of window w (text fields).
 * Without a call the cursor is hidden. */
void app_cursor(struct app *app, WINDOW *w, int y, int x);
/* Draws the terminal now, from a key handler busy for long (reading a file
 * of 100,000 rows): shows a progress notice set with app_msg().  Screens
 * still never draw themselves; this only runs the usual drawing early. */
void app_flush(struct app *app);
/* The body's size as the last draw() got it (page sizes in key()). */
void app_body_size(struct app *app, int *rows, int *cols);
/* The action of the current screen (its own list only) bound to a key. */
enum action_id app_action(struct app *app, int key, int is_key_code);
/* The actions the top screen offers now (its offered(), else actions). */
const enum action_id *app_actions(struct app *app);
/* 1 while the console ends because of a hangup or a signal. */
int app_hungup(struct app *app);
/* Screens on the stack; app_screen(app, 0) is the top one. */
int app_depth(struct app *app);
const struct screen *app_screen(struct app *app, int from_top);

/* --- modal boxes (prompt.c) ---------------------------------------------- */

enum { MODAL_CONTINUE = 0, MODAL_DONE = 1 };

struct modal {
	/* Lays itself out from lines x cols (called again after a resize),
	 * draws into its own window over the screen and wnoutrefresh()es it. */
	void (*draw)(void *state, struct app *app, int lines, int cols);
	int (*key)(void *state, struct app *app, int key, int is_key_code);
	const enum action_id *actions;   /* its bottom line */
	int typing;                      /* takes typed text */
};

/* Runs a modal box over the current screen until its key() returns
 * MODAL_DONE (0), or the console is ending (-1: treat as cancelled).
 * Resize and "terminal too small" are handled here. */
/* Work nobody is waiting for (warming the database's pages), done in
 * short parts while no key is waiting: step returns 1 while more is left.
 * The main loop then looks for keys without waiting. */
void app_background(struct app *app, int (*step)(void *arg), void *arg);
/* 1 when a key, a hang-up or a signal is waiting: work nobody asked for
 * stops for it (store_yield_to). */
int app_input_pending(void *unused);

int app_modal(struct app *app, const struct modal *modal, void *state);

/* Lends the terminal to a program that talks to it directly (sz): curses
 * steps aside, say is printed on its own line, fn runs, and the whole
 * screen is painted again.  fn's result, or -1 when there is no terminal. */
int app_lend_terminal(struct app *app, const char *say, int (*fn)(void *arg), void *arg);

#endif
