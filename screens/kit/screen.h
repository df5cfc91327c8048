/* A screen of the console (after htop's Panel and tmux's window modes): one
 * file per screen, each exporting one const struct screen.  A screen changes
 * its state in key() and says what happened with flags; only screens/app.c
 * draws the terminal (draw() fills a window, app.c calls doupdate()). */
#ifndef JIANCE_SCREEN_H
#define JIANCE_SCREEN_H

#include <curses.h>

#include "kit/actions.h"

struct app;

/* What key() and idle() return; flags may be or-ed (REDRAW | POP). */
enum screen_result {
	UNHANDLED = 0,    /* not mine: app.c tries the global actions */
	HANDLED = 1,      /* done; app.c redraws after every handled key */
	REDRAW = 2,       /* data changed (from idle(): redraw now) */
	POP = 4,          /* close this screen, back to the one below */
	QUIT = 8,         /* leave the console */
};

/* struct screen flags */
enum {
	SCREEN_TYPING = 1,    /* takes typed text: q and ? are text here, so the
	                         bottom line shows Esc返回, not q返回 */
};

struct screen {
	const char *name;     /* stable id, e.g. "household_list" (drafts, logs) */
	const char *title;    /* on the top line; app_set_title() overrides */
	/* Pushed with app_push(app, screen, arg).  Per-instance state goes in
	 * app_set_data(); the same screen may be on the stack twice.  Set it
	 * before opening a prompt here: draw() runs while a box is open.
	 * Returns 0, or -1 to refuse: the push is cancelled, leave() is not
	 * called, and enter() has freed what it made (and may have said why
	 * with app_msg; app_push says "cannot open" otherwise).  So the other
	 * callbacks always find the data enter() set. */
	int (*enter)(struct app *app, void *arg);
	/* Popped, the console quitting, or the terminal hung up (app_hungup()
	 * tells: then save what was typed as a draft).  Free the state here. */
	void (*leave)(struct app *app);
	/* Fill w (the body: rows x cols between the top line and the message
	 * line); werase()d before.  Never refresh: app.c does. */
	void (*draw)(struct app *app, WINDOW *w, int rows, int cols);
	/* key is a character (wint_t) or, with is_key_code, a KEY_* value. */
	int (*key)(struct app *app, int key, int is_key_code);
	/* The actions this screen offers, ids from the one table in actions.c,
	 * ACT_NONE-terminated; the bottom line and help are built from them.
	 * The global ones (help, back, quit) need not be listed. */
	const enum action_id *actions;
	/* Optional: the actions offered now, when they depend on what is shown
	 * (a step this officer may only read offers none of its own); the key
	 * line, the help and app_action() use it instead of actions. */
	const enum action_id *(*offered)(struct app *app);
	/* Polled about every 500 ms; return REDRAW when the data shown changed
	 * (another officer saved), else HANDLED or UNHANDLED. */
	int (*idle)(struct app *app);
	/* The screen above it was closed: this one is on top again. */
	void (*resume)(struct app *app);
	unsigned flags;       /* SCREEN_TYPING */
};

#endif
