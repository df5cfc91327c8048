/* What the record forms (household, member, income) share: saving through
 * the engine and showing its refusal beside the field it names, asking
 * before typed text is thrown away, and keeping the form as a draft when
 * the terminal goes away (SPEC §7).  Each form screen still exports its own
 * const struct screen; its callbacks call these. */
#ifndef JIANCE_FORMSCREEN_H
#define JIANCE_FORMSCREEN_H

#include <stddef.h>

#include <curses.h>

#include "base/err.h"
#include "kit/form.h"
#include "kit/lineedit.h"

struct app;
struct formscreen;

struct fs_ops {
	const char *screen;   /* the screen's name: drafts are filed under it */
	/* Saves the form through the engine: 0, or -1 with e (e->field names
	 * the form field the refusal belongs to, or ""). */
	int (*save)(struct app *app, struct formscreen *fs, struct jerr *e);
	/* Lines of the screen's own to keep in a draft ("@version=3"). */
	void (*draft_meta)(struct formscreen *fs, char *buf, size_t n);
};

struct formscreen {
	const struct fs_ops *ops;
	struct form *form;
	void *rec;                 /* the screen's record state */
	char key[64];              /* the draft's key: which record */
	char title[256];           /* top line and draft list: 修改户 张三 */
	int from_draft;            /* resumed: unsaved even before a key */
	struct jerr refused;       /* the engine's last refusal ... */
	char refused_value[LE_MAX];   /* ... and the value it refused */
};

/* A form over fields whose validators get the formscreen as their arg.
 * NULL when out of memory. */
struct formscreen *fs_new(const struct fs_ops *ops, const struct form_field *fields, int n,
                          void *rec, const char *key);
/* Fills the form from a draft's payload and marks it as resumed. */
void fs_resume(struct formscreen *fs, const char *payload);
/* For validators: the engine's refusal if it was about this field and the
 * value has not changed since, else NULL. */
const char *fs_refused(struct formscreen *fs, const char *field, const char *value);

/* The screen callbacks' shared parts. */
void fs_leave(struct app *app, struct formscreen *fs);
void fs_draw(struct app *app, struct formscreen *fs, WINDOW *w, int y, int rows, int cols);
int fs_key(struct app *app, struct formscreen *fs, int key, int code);
/* 1 when leaving would throw typed text away. */
int fs_unsaved(const struct formscreen *fs);

#endif
