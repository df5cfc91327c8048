#include "kit/formscreen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "access/draft.h"
#include "kit/fields.h"
#include "kit/prompt.h"

struct formscreen *fs_new(const struct fs_ops *ops, const struct form_field *fields, int n,
                          void *rec, const char *key)
{
	struct formscreen *fs = calloc(1, sizeof *fs);
	if (!fs)
		return NULL;
	fs->form = form_new(fields, n, fs);
	if (!fs->form) {
		free(fs);
		return NULL;
	}
	fs->ops = ops;
	fs->rec = rec;
	snprintf(fs->key, sizeof fs->key, "%s", key);
	return fs;
}

void fs_resume(struct formscreen *fs, const char *payload)
{
	fields_from_payload(fs->form, payload);
	fs->from_draft = 1;
}

const char *fs_refused(struct formscreen *fs, const char *field, const char *value)
{
	if (fs && fs->refused.msg[0] && !strcmp(fs->refused.field, field) &&
	    !strcmp(fs->refused_value, value))
		return fs->refused.msg;
	return NULL;
}

int fs_unsaved(const struct formscreen *fs)
{
	return form_dirty(fs->form) || fs->from_draft;
}

/* The terminal went away with typed text: keep it for the next login. */
static void keep_draft(struct app *app, struct formscreen *fs)
{
	static char payload[DRAFT_MAX];
	payload[0] = 0;
	if (fs->ops->draft_meta)
		fs->ops->draft_meta(fs, payload, sizeof payload);
	fields_to_payload(fs->form, payload, sizeof payload);
	struct jerr e = { 0 };
	draft_save(app_session(app), fs->ops->screen, fs->key, fs->title, payload, &e);
}

void fs_leave(struct app *app, struct formscreen *fs)
{
	if (!fs)
		return;
	if (app_hungup(app) && fs_unsaved(fs))
		keep_draft(app, fs);
	form_free(fs->form);
	free(fs);
}

void fs_draw(struct app *app, struct formscreen *fs, WINDOW *w, int y, int rows, int cols)
{
	form_draw(fs->form, app, w, y, 1, rows, cols - 2);
}

/* The engine refused: its reason goes beside the field it names (the
 * field's validator shows it until the value changes), else on the
 * message line only.  The typed values stay. */
static void refused(struct app *app, struct formscreen *fs, const struct jerr *e)
{
	const char *v = e->field[0] ? form_value(fs->form, e->field) : NULL;
	fs->refused = *e;
	snprintf(fs->refused_value, sizeof fs->refused_value, "%s", v ? v : "");
	if (v) {
		form_check(fs->form);
		form_focus(fs->form, e->field);
	}
	app_msg(app, MSG_ERROR, "未保存：%s", e->msg);
}

static int save(struct app *app, struct formscreen *fs)
{
	struct jerr e = { 0 };
	if (fs->ops->save(app, fs, &e) != 0) {
		if (e.msg[0])
			refused(app, fs, &e);
		return HANDLED;
	}
	draft_discard(app_session(app), fs->ops->screen, fs->key);
	form_saved(fs->form);
	fs->from_draft = 0;
	return POP;
}

int fs_key(struct app *app, struct formscreen *fs, int key, int code)
{
	switch (form_key(fs->form, app, key, code)) {
	case FORM_SAVE:
		return save(app, fs);
	case FORM_UNHANDLED:
		break;
	default:
		return HANDLED;
	}
	if (!action_matches(ACT_BACK, key, code) || !fs_unsaved(fs))
		return UNHANDLED;
	/* leaving with typed text: ask, never lose it silently */
	if (!prompt_confirm(app, "放弃已填写的内容？"))
		return HANDLED;
	draft_discard(app_session(app), fs->ops->screen, fs->key);
	return POP;
}
