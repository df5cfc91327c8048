#include "kit/formscreen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/draft.h"
#include "kit/app.h"
#include "kit/prompt.h"
#include "kit/ui.h"

/* What fs_screen_enter gets from fs_push and fs_resume. */
struct fs_arg {
	const struct form_ops *ops;
	const char *key;
	int resumed;
};

static void push(struct app *app, const struct form_ops *ops, const char *key, int resumed)
{
	struct fs_arg a = { ops, key, resumed };
	app_push(app, ops->screen, &a);
}

void fs_push(struct app *app, const struct form_ops *ops, const char *key)
{
	push(app, ops, key, 0);
}

void fs_resume(struct app *app, const struct form_ops *ops, const char *key)
{
	if (ops->resume)
		ops->resume(app, key);
	else
		push(app, ops, key, 1);
}

/* --- checks ----------------------------------------------------------------- */

const char *fs_refused(struct formscreen *fs, const char *field, const char *value)
{
	if (fs && fs->refused.msg[0] && !strcmp(fs->refused.field, field) &&
	    !strcmp(fs->refused_value, value))
		return fs->refused.msg;
	return NULL;
}

/* The form's checker: src/'s last refusal of this value, else what src/
 * says of this field (check_field), else of the record as typed (check),
 * when it names this field. */
static const char *check_field(void *arg, struct form *f, const char *field, const char *value,
                               char *why, size_t n)
{
	struct formscreen *fs = arg;
	struct jerr e = { 0 };
	(void)f;
	const char *r = fs_refused(fs, field, value);
	if (r)
		return r;
	if (fs->ops->check_field && fs->ops->check_field(fs, field, &e) != 0 &&
	    !strcmp(e.field, field))
		return snprintf(why, n, "%s", e.msg), why;
	jerr_clear(&e);
	if (!fs->ops->check || fs->ops->check(fs, &e) == 0 || strcmp(e.field, field))
		return NULL;
	snprintf(why, n, "%s", e.msg);
	return why;
}

void fs_refuse(struct formscreen *fs, const struct jerr *e)
{
	const char *v = e->field[0] ? form_value(fs->form, e->field) : NULL;
	fs->refused = *e;
	snprintf(fs->refused_value, sizeof fs->refused_value, "%s", v ? v : "");
	if (v) {
		form_check(fs->form);
		form_focus(fs->form, e->field);
	}
}

/* --- drafts ----------------------------------------------------------------- */

static void put_field(void *arg, const char *name, const char *value)
{
	if (name[0] != '@')           /* the screen's own lines */
		form_set(arg, name, value);
}

/* The draft of this record, if the officer kept one: every field by name,
 * the version it was typed against (a stale draft is refused, not saved
 * over another officer's change), then the screen's own lines. */
static void restore(struct app *app, struct formscreen *fs)
{
	const struct form_ops *ops = fs->ops;
	char *payload = malloc(DRAFT_MAX), v[32];
	if (!payload || !draft_load(app_session(app), ops->screen->name, fs->key, payload,
	                            DRAFT_MAX)) {
		free(payload);
		return;
	}
	draft_each(payload, put_field, fs->form);
	if (fs->version && draft_get(payload, "@version", v, sizeof v))
		*fs->version = atoi(v);
	app_msg(app, MSG_WARN, "%s", ops->restored ? ops->restored : "已恢复上次未保存的内容");
	if (ops->draft_get)
		ops->draft_get(fs, payload);
	free(payload);
}

void fs_keep(struct app *app, struct formscreen *fs)
{
	char *payload = calloc(1, DRAFT_MAX), v[32];
	if (!payload)
		return;
	if (fs->ops->draft_put)
		fs->ops->draft_put(fs, payload, DRAFT_MAX);
	if (fs->version && form_count(fs->form) > 0) {
		snprintf(v, sizeof v, "%d", *fs->version);
		draft_put(payload, DRAFT_MAX, "@version", v);
	}
	for (int i = 0; i < form_count(fs->form); i++)
		draft_put(payload, DRAFT_MAX, form_name(fs->form, i),
		          form_value(fs->form, form_name(fs->form, i)));
	struct session *s = app_session(app);
	struct jerr e = { 0 };
	if (*payload)
		draft_save(s, fs->ops->screen->name, fs->key, fs->title, payload, &e);
	else
		draft_discard(s, fs->ops->screen->name, fs->key);
	free(payload);
}

void fs_drop(struct app *app, struct formscreen *fs)
{
	draft_discard(app_session(app), fs->ops->screen->name, fs->key);
	form_saved(fs->form);
	fs->resumed = 0;
}

int fs_unsaved(const struct formscreen *fs)
{
	return form_dirty(fs->form) || fs->resumed;
}

/* --- opening and closing ---------------------------------------------------- */

static void fs_free(struct formscreen *fs)
{
	if (fs->ops->free && fs->rec)
		fs->ops->free(fs);
	form_free(fs->form);
	free(fs);
}

struct formscreen *fs_open(struct app *app, const struct form_ops *ops, const char *key,
                           void *rec, struct jerr *e)
{
	struct formscreen *fs = calloc(1, sizeof *fs);
	if (!fs)
		return NULL;
	fs->ops = ops;
	fs->app = app;
	fs->rec = rec;
	snprintf(fs->key, sizeof fs->key, "%s", key);
	fs->form = form_new(fs);
	if (!fs->form || ops->build(app, fs, e) != 0 || form_failed(fs->form)) {
		fs_free(fs);
		return NULL;
	}
	/* src/'s checks from now on: every field the record needs is there */
	form_set_checker(fs->form, check_field);
	restore(app, fs);
	return fs;
}

void fs_close(struct app *app, struct formscreen *fs)
{
	if (!fs)
		return;
	if (app_hungup(app) && fs_unsaved(fs))
		fs_keep(app, fs);
	fs_free(fs);
}

/* --- keys ------------------------------------------------------------------- */

static int save(struct app *app, struct formscreen *fs)
{
	struct jerr e = { 0 };
	char line[sizeof e.msg + 16];
	if (fs->ops->save(app, fs, &e) != 0) {
		if (e.msg[0]) {       /* the typed values stay */
			fs_refuse(fs, &e);
			snprintf(line, sizeof line, "未保存：%s", e.msg);
			show_refusal(app, "未保存", line);
		}
		return HANDLED;
	}
	fs_drop(app, fs);
	if (!fs->stay)
		return POP;
	fs->stay = 0;                 /* ready for the next record */
	memset(&fs->refused, 0, sizeof fs->refused);
	return HANDLED;
}

int fs_back(struct app *app, struct formscreen *fs, int key, int code)
{
	if (!action_matches(ACT_BACK, key, code) || !fs_unsaved(fs))
		return UNHANDLED;
	/* leaving with typed text: ask, never lose it silently */
	if (prompt_confirm(app, "放弃已填写的内容？") != 1)
		return HANDLED;
	fs_drop(app, fs);
	return POP;
}

int fs_key(struct app *app, struct formscreen *fs, int key, int code)
{
	switch (form_key(fs->form, app, key, code)) {
	case FORM_SAVE:
		return save(app, fs);
	case FORM_UNHANDLED:
		return fs_back(app, fs, key, code);
	default:
		return HANDLED;
	}
}

/* --- a record form's screen -------------------------------------------------- */

const enum action_id fs_actions[] = { FORM_ACTIONS, ACT_NONE };

int fs_screen_enter(struct app *app, void *arg)
{
	const struct fs_arg *a = arg;
	struct jerr e = { 0 };
	struct formscreen *fs = fs_open(app, a->ops, a->key, NULL, &e);
	if (!fs) {
		app_msg(app, MSG_ERROR, "%s", e.msg[0] ? e.msg : "无法打开表单（内存不足）");
		return -1;
	}
	fs->resumed = a->resumed;
	app_set_data(app, fs);
	app_set_title(app, "%s", fs->title);
	return 0;
}

void fs_screen_leave(struct app *app)
{
	fs_close(app, app_data(app));
}

void fs_screen_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct formscreen *fs = app_data(app);
	if (fs->ops->draw)
		fs->ops->draw(app, fs, w, rows, cols);
	else
		form_draw(fs->form, app, w, 0, 0, rows, cols);
}

int fs_screen_key(struct app *app, int key, int code)
{
	struct formscreen *fs = app_data(app);
	return fs->ops->key ? fs->ops->key(app, fs, key, code) : fs_key(app, fs, key, code);
}
