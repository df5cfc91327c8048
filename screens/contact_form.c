/* A contact person (监测帮扶联系人, SPEC §6), new or edited: name, kind,
 * unit, phone, the township or village served, and whether they are still
 * at work.  Opened from the contact list (contacts.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "assist/assist.h"
#include "register/choices.h"
#include "drafts.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "access/session.h"
#include "work.h"

#define MAX_AREAS 2000

struct cform {
	struct contact c;            /* as read; id 0 new */
	struct choice *areas;
	int nareas;
	struct form_option *area_opts;
};

static void cform_free(struct formscreen *fs)
{
	struct cform *st = fs->rec;
	free(st->area_opts);
	free(st->areas);
	free(st);
}

/* The township and villages a contact person of this officer may serve. */
static int load_areas(struct session *s, struct cform *st)
{
	st->areas = calloc(MAX_AREAS, sizeof *st->areas);
	if (!st->areas)
		return -1;
	if (s->scope.level < LEVEL_TOWNSHIP)
		st->nareas = choice_areas(s, LEVEL_TOWNSHIP, st->areas, MAX_AREAS);
	if (s->scope.level < LEVEL_VILLAGE)
		st->nareas += choice_areas(s, LEVEL_VILLAGE, st->areas + st->nareas,
		                           MAX_AREAS - st->nareas);
	else
		st->nareas = choice_areas(s, LEVEL_VILLAGE, st->areas, MAX_AREAS);
	st->area_opts = fields_choices(st->areas, st->nareas);
	return st->area_opts ? 0 : -1;
}

static void add_fields(struct cform *st, struct form *f)
{
	int nk, nyn;
	const struct form_option *kinds = fields_vocab(&VOCAB_CONTACT_KIND, &nk);
	const struct form_option *yn = fields_yesno(&nyn);
	form_add(f, (struct form_field){ .name = "name", .label = "姓名", .width = 12,
	                                 .maxbytes = 60, .required = 1 });
	form_add(f, (struct form_field){ .name = "kind", .label = "类别", .kind = FORM_CHOICE,
	                                 .width = 10, .required = 1, .options = kinds,
	                                 .noptions = nk, .hint = "乡镇干部、驻村干部或村干部" });
	form_add(f, (struct form_field){ .name = "unit", .label = "单位", .width = 30,
	                                 .maxbytes = 90, .hint = "如 县农业农村委驻村工作队" });
	form_add(f, (struct form_field){ .name = "phone", .label = "电话", .width = 12,
	                                 .maxbytes = 20, .validate = field_phone });
	form_add(f, (struct form_field){ .name = "area", .label = "服务的乡镇或村",
	                                 .kind = FORM_CHOICE, .width = 24, .required = 1,
	                                 .options = st->area_opts, .noptions = st->nareas });
	form_add(f, (struct form_field){ .name = "active", .label = "在岗", .kind = FORM_CHOICE,
	                                 .width = 4, .required = 1, .options = yn, .noptions = nyn,
	                                 .hint = "停用后不能再安排新的户" });
}

static void load(struct cform *st, struct form *f)
{
	form_set(f, "name", st->c.name);
	form_set(f, "kind", st->c.kind);
	form_set(f, "unit", st->c.unit);
	form_set(f, "phone", st->c.phone);
	form_set(f, "active", st->c.active ? "是" : "否");
	for (int i = 0; i < st->nareas; i++)
		if (st->areas[i].id == st->c.area_id || (!st->c.id && st->nareas == 1))
			form_set(f, "area", st->areas[i].text);
}

/* key: the contact person's id, or "new". */
static int cform_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct session *s = app_session(app);
	int64_t id = strcmp(fs->key, "new") ? atoll(fs->key) : 0;
	struct cform *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	fs->rec = st;
	fs->version = &st->c.version;
	st->c.active = 1;
	if (load_areas(s, st) != 0)
		return -1;
	if (id && contact_get(s, id, &st->c) != 1)
		return jerr_set(e, "", "找不到这名联系人，或不在您的辖区");
	add_fields(st, fs->form);
	load(st, fs->form);
	snprintf(fs->title, sizeof fs->title, "%s帮扶联系人%s%s", id ? "修改" : "新增", id ? " " : "",
	         st->c.name);
	return 0;
}

/* The contact person as typed, on top of the one read when the form opened. */
static struct contact form_to_contact(struct formscreen *fs)
{
	struct cform *st = fs->rec;
	struct contact c = st->c;
	struct form *f = fs->form;
	snprintf(c.name, sizeof c.name, "%s", form_value(f, "name"));
	snprintf(c.kind, sizeof c.kind, "%s", form_value(f, "kind"));
	snprintf(c.unit, sizeof c.unit, "%s", form_value(f, "unit"));
	snprintf(c.phone, sizeof c.phone, "%s", form_value(f, "phone"));
	c.active = field_yes(form_value(f, "active"));
	for (int i = 0; i < st->nareas; i++)
		if (!strcmp(st->areas[i].text, form_value(f, "area")))
			c.area_id = st->areas[i].id;
	return c;
}

static int cform_check(struct formscreen *fs, struct jerr *e)
{
	struct contact c = form_to_contact(fs);
	return contact_check(app_session(fs->app), &c, e);
}

static int cform_save(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct cform *st = fs->rec;
	struct contact c = form_to_contact(fs);
	if (contact_save(app_session(app), &c, e) != 0)
		return -1;
	st->c = c;
	app_msg(app, MSG_OK, "已保存帮扶联系人 %s", c.name);
	return 0;
}

/* The contact person as another officer saved them, for the conflict box. */
static int cform_reload(struct app *app, struct formscreen *fs, struct form *into,
                        struct jerr *e)
{
	struct cform *st = fs->rec;
	if (!st->c.id)
		return 0;
	if (contact_get(app_session(app), st->c.id, &st->c) != 1)
		return jerr_set(e, "", "找不到这名联系人，或不在您的辖区");
	load(st, into);
	return 1;
}

static void cform_draw(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols)
{
	form_draw(fs->form, app, w, 1, 0, rows - 1, cols);
}

static const struct screen cform_screen = { .name = "contact_form", .title = "帮扶联系人", FS_SCREEN };

const struct form_ops contact_form_ops = {
	.screen = &cform_screen,
	.build = cform_build,
	.free = cform_free,
	.save = cform_save,
	.check = cform_check,
	.draw = cform_draw,
	.reload = cform_reload,
};

void contact_form_push(struct app *app, int64_t contact_id)
{
	char key[32];
	snprintf(key, sizeof key, contact_id ? "%lld" : "new", (long long)contact_id);
	fs_push(app, &contact_form_ops, key);
}
