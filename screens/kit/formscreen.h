/* A form for one record, and its drafts (SPEC §7), the same way for every
 * form and the visit grid.  Each form is a const struct form_ops (after
 * tmux's window modes): build reads the record its key names and adds the
 * fields by name; save hands what was typed to src/, whose refusal shows
 * beside the field it names; check asks src/ the same while the officer
 * types.  What was typed is kept as a draft under the screen's name and
 * the key when the terminal goes away (or the form keeps it on purpose),
 * is restored whenever the form opens for that record again, and is
 * offered at the next login (drafts.c), which reopens it through resume.
 * Each field is also kept as the record was read: when another officer
 * saved the record first, the save shows field by field what each of them
 * changed and saves again over the new version (reload, kit/conflict.h).
 *
 * A plain record form uses the fs_screen_* callbacks as its struct screen;
 * a screen with more on it (the step form, the visit grid) uses fs_open,
 * fs_close, fs_keep and fs_drop itself. */
#ifndef JIANCE_FORMSCREEN_H
#define JIANCE_FORMSCREEN_H

#include <stddef.h>

#include <curses.h>

#include "base/err.h"
#include "kit/form.h"
#include "kit/lineedit.h"

struct app;
struct screen;
struct formscreen;

struct form_ops {
	/* Pushed by fs_push; its name files the drafts. */
	const struct screen *screen;
	/* Reads the record fs->key names (fs->rec may hold it already), adds
	 * the fields with its values to fs->form, sets fs->title (the top line
	 * and the draft list) and points fs->version at the record's version,
	 * if it has one.  0, or -1 with e: the form does not open. */
	int (*build)(struct app *app, struct formscreen *fs, struct jerr *e);
	/* Frees fs->rec; NULL when the form does not own it. */
	void (*free)(struct formscreen *fs);
	/* Saves through src/: 0, or -1 with e (e->field names the form field
	 * the refusal belongs to, or "").  NULL for a screen that saves itself
	 * (it then never calls fs_key). */
	int (*save)(struct app *app, struct formscreen *fs, struct jerr *e);
	/* Optional: what src/ says of what is typed now, without saving (the
	 * check the save makes): 0, or -1 with e naming the field. */
	int (*check)(struct formscreen *fs, struct jerr *e);
	/* Optional: what src/ says of one field as typed, for a rule asked of
	 * that field alone (a date against the run's others): 0, or -1 with e
	 * (shown when e->field is this field). */
	int (*check_field)(struct formscreen *fs, const char *field, struct jerr *e);
	/* Optional: draws the screen (default: the form alone). */
	void (*draw)(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols);
	/* Optional: takes every key (default fs_key, which it may call). */
	int (*key)(struct app *app, struct formscreen *fs, int key, int code);
	/* Optional: the screen's own lines in a draft ("@day=..."; the visit
	 * grid's rows), written before the fields ... */
	void (*draft_put)(struct formscreen *fs, char *buf, size_t n);
	/* ... and read back after them (it may say more on the message line). */
	void (*draft_get)(struct formscreen *fs, const char *payload);
	/* Optional: reopens a draft of this key from the draft list (default:
	 * the screen pushed for the key, as resumed). */
	void (*resume)(struct app *app, const char *key);
	/* Said when a draft was restored; NULL: 已恢复上次未保存的内容. */
	const char *restored;
	/* Optional, for a record saved over a version: reads the record as it
	 * is now into fs->rec (*fs->version follows) and sets its values into
	 * `into` -- a form with the same fields -- as build loads them.  1
	 * read, 0 nothing to read (a new record), -1 with e.  A save refused
	 * because another officer saved first is then resolved in place
	 * (kit/conflict.h) and saved again over the new version. */
	int (*reload)(struct app *app, struct formscreen *fs, struct form *into, struct jerr *e);
};

struct formscreen {
	const struct form_ops *ops;
	struct app *app;
	struct form *form;         /* fields by name; none for the visit grid */
	void *rec;                 /* the screen's record state */
	int *version;              /* the record's version: kept in drafts */
	char key[64];              /* the draft's key: which record */
	char title[256];           /* top line and draft list: 修改户 张三 */
	int resumed;               /* reopened from the draft list */
	int stay;                  /* set by save: the form stays open, emptied by
	                            * save for the next record (enter once) */
	char **base;               /* each field as the record was read: what the
	                              officer typed is told from what another
	                              officer saved meanwhile */
	struct jerr refused;       /* src/'s last refusal ... */
	char refused_value[LE_MAX];   /* ... and the value it refused */
};

/* Pushes ops->screen for the record key names. */
void fs_push(struct app *app, const struct form_ops *ops, const char *key);
/* Reopens a draft the draft list offered (ops->resume, or as fs_push). */
void fs_resume(struct app *app, const struct form_ops *ops, const char *key);

/* The parts, for a screen of its own: a formscreen over rec (may be NULL
 * for build to set), built and with the officer's draft for it restored.
 * NULL with e (or out of memory: e empty). */
struct formscreen *fs_open(struct app *app, const struct form_ops *ops, const char *key,
                           void *rec, struct jerr *e);
/* Keeps a draft when the terminal went away with typed input, frees. */
void fs_close(struct app *app, struct formscreen *fs);
/* Keeps what was typed as the draft now (an empty one is dropped). */
void fs_keep(struct app *app, struct formscreen *fs);
/* Saved or given up: the draft goes, nothing is unsaved. */
void fs_drop(struct app *app, struct formscreen *fs);
/* 1 when leaving would throw typed input away: typed into, or resumed
 * from the draft list. */
int fs_unsaved(const struct formscreen *fs);
/* src/ refused: its reason shows beside the field it names (until that
 * value changes) and the focus goes there. */
void fs_refuse(struct formscreen *fs, const struct jerr *e);
/* For a validator: the refusal if it was about this field and the value
 * has not changed since, else NULL. */
const char *fs_refused(struct formscreen *fs, const char *field, const char *value);
/* The form's keys: F2 saves through ops->save (POP when saved, unless save
 * set fs->stay), Back with
 * typed input asks before throwing it away (fs_back). */
int fs_key(struct app *app, struct formscreen *fs, int key, int code);
/* Back (q/Esc) with typed input: asks, and drops the draft if so.  POP,
 * HANDLED (kept), or UNHANDLED when not Back or nothing was typed. */
int fs_back(struct app *app, struct formscreen *fs, int key, int code);

/* A record form's struct screen: these callbacks, these actions --
 * static const struct screen s = { .name = "x_form", .title = "X", FS_SCREEN }; */
#define FS_SCREEN .enter = fs_screen_enter, .leave = fs_screen_leave, .draw = fs_screen_draw, \
                  .key = fs_screen_key, .actions = fs_actions, .flags = SCREEN_TYPING
extern const enum action_id fs_actions[];
int fs_screen_enter(struct app *app, void *arg);
void fs_screen_leave(struct app *app);
void fs_screen_draw(struct app *app, WINDOW *w, int rows, int cols);
int fs_screen_key(struct app *app, int key, int code);

#endif
