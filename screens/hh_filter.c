/* The household list's filter box: village (or township, or group), status,
 * type, risk, contact person and each flag, as a form in a modal box.
 * Choice fields complete from text or pinyin initials like any form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "access/area.h"
#include "assist/assist.h"
#include "register/choices.h"
#include "kit/fields.h"
#include "register/flags.h"
#include "hh_list.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"

#define HF_MAX_AREAS 4096
#define HF_MAX_CONTACTS 4096
#define NO_CONTACT "（无联系人）"

struct filter_box {
	struct session *s;
	struct hh_filter *f;
	struct form *form;
	struct choice *areas, *contacts;
	int nareas, ncontacts;
	struct form_option *area_opts, *contact_opts;
	int applied;
	char type_label[96];       /* 监测对象类型, after names.object */
};

static const char *const flag_names[FLAG_COUNT] = { "flag0", "flag1", "flag2", "flag3", "flag4" };

/* Townships and villages for a county officer, villages for a township's,
 * groups for a village's: every level the list can filter by. */
static void load_areas(struct filter_box *b)
{
	struct session *s = b->s;
	b->areas = calloc(HF_MAX_AREAS, sizeof *b->areas);
	if (!b->areas)
		return;
	if (s->scope.level == LEVEL_VILLAGE) {
		b->nareas = choice_groups(s, s->scope.area_id, b->areas, HF_MAX_AREAS);
		return;
	}
	if (s->scope.level < LEVEL_TOWNSHIP)
		b->nareas = choice_areas(s, LEVEL_TOWNSHIP, b->areas, HF_MAX_AREAS);
	b->nareas += choice_areas(s, LEVEL_VILLAGE, b->areas + b->nareas, HF_MAX_AREAS - b->nareas);
}

static void load_contacts(struct filter_box *b)
{
	b->contacts = calloc(HF_MAX_CONTACTS, sizeof *b->contacts);
	if (!b->contacts)
		return;
	b->contacts[0].id = -1;
	snprintf(b->contacts[0].text, sizeof b->contacts[0].text, NO_CONTACT);
	snprintf(b->contacts[0].initials, sizeof b->contacts[0].initials, "wlxr");
	snprintf(b->contacts[0].pinyin, sizeof b->contacts[0].pinyin, "wulianxiren");
	b->ncontacts = 1 + choice_contacts(b->s, b->contacts + 1, HF_MAX_CONTACTS - 1);
}

static void add_choice(struct form *f, const char *name, const char *label,
                       const struct form_option *o, int n)
{
	form_add(f, (struct form_field){ .name = name, .label = label, .kind = FORM_CHOICE,
	                                 .width = 24, .options = o, .noptions = n,
	                                 .hint = "空=不限" });
}

static void build_fields(struct filter_box *b)
{
	int n;
	const struct form_option *o;
	const char *area_label = b->s->scope.level == LEVEL_VILLAGE ? "村民小组" : "乡镇/村";
	add_choice(b->form, "area", area_label, b->area_opts, b->nareas);
	o = fields_vocab(&VOCAB_STATUS, &n);
	add_choice(b->form, "status", "状态", o, n);
	o = fields_vocab(&VOCAB_HH_TYPE, &n);
	snprintf(b->type_label, sizeof b->type_label, "%s类型", b->s->cfg->object_name);
	add_choice(b->form, "type", b->type_label, o, n);
	o = fields_risks(b->s->cfg, &n);
	add_choice(b->form, "risk", "风险类型", o, n);
	add_choice(b->form, "contact", "帮扶联系人", b->contact_opts, b->ncontacts);
	o = fields_yesno(&n);
	for (int i = 0; i < FLAG_COUNT; i++)   /* only 是: empty is 不限 */
		form_add(b->form, (struct form_field){ .name = flag_names[i],
		                                       .label = flag_label((enum flag)(1 << i)),
		                                       .kind = FORM_CHOICE, .width = 6, .options = o,
		                                       .noptions = 1,
		                                       .hint = "填 是：只看有此标记的户" });
}

static const char *text_of(const struct choice *c, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (c[i].id == id)
			return c[i].text;
	return "";
}

static int64_t id_of(const struct choice *c, int n, const char *text)
{
	for (int i = 0; text && *text && i < n; i++)
		if (!strcmp(c[i].text, text))
			return c[i].id;
	return 0;
}

static void load_filter(struct filter_box *b)
{
	const struct hh_filter *f = b->f;
	form_set(b->form, "area", text_of(b->areas, b->nareas, f->village_id));
	form_set(b->form, "status", f->status);
	form_set(b->form, "type", f->hh_type);
	form_set(b->form, "risk", f->risk);
	form_set(b->form, "contact", text_of(b->contacts, b->ncontacts, f->contact_id));
	for (int i = 0; i < FLAG_COUNT; i++)
		form_set(b->form, flag_names[i], f->flags & (1 << i) ? "是" : "");
}

static void keep_filter(struct filter_box *b)
{
	struct hh_filter *f = b->f;
	f->village_id = id_of(b->areas, b->nareas, form_value(b->form, "area"));
	snprintf(f->status, sizeof f->status, "%s", form_value(b->form, "status"));
	snprintf(f->hh_type, sizeof f->hh_type, "%s", form_value(b->form, "type"));
	snprintf(f->risk, sizeof f->risk, "%s", form_value(b->form, "risk"));
	f->contact_id = id_of(b->contacts, b->ncontacts, form_value(b->form, "contact"));
	f->flags = 0;
	for (int i = 0; i < FLAG_COUNT; i++)
		if (field_yes(form_value(b->form, flag_names[i])))
			f->flags |= 1 << i;
}

/* --- the box ---------------------------------------------------------------- */

static void box_draw(void *st, struct app *app, int lines, int cols)
{
	struct filter_box *b = st;
	int h = form_count(b->form) + 4, w = cols - 4 < 76 ? cols - 4 : 76;
	WINDOW *win = ui_box_open(lines, cols, h, w, "筛选户列表");
	if (!win)
		return;
	getmaxyx(win, h, w);
	form_draw(b->form, app, win, 1, 1, h - 3, w - 2);
	ui_put(win, h - 2, 2, w - 4, "可输入文字或拼音首字母；F2 应用  F8 全部清除  Esc 取消", UI_DIM);
	ui_box_close(win);
}

static void clear_all(struct filter_box *b)
{
	for (int i = 0; i < form_count(b->form); i++)
		form_set(b->form, form_name(b->form, i), "");
	form_focus(b->form, "area");
}

static int box_key(void *st, struct app *app, int key, int code)
{
	struct filter_box *b = st;
	const char *focused = form_focused(b->form);
	int last = focused && !strcmp(focused, flag_names[FLAG_COUNT - 1]);
	if (action_matches(ACT_CLEAR, key, code)) {
		clear_all(b);
		return MODAL_CONTINUE;
	}
	int r = form_key(b->form, app, key, code);
	if (r == FORM_SAVE || (last && key == '\r' && !code && r == FORM_HANDLED)) {
		if (form_check(b->form) < 0) {
			keep_filter(b);
			b->applied = 1;
			return MODAL_DONE;
		}
		app_msg(app, MSG_ERROR, "有的条件不在可选范围内，请改正（F4 列出选项）");
		return MODAL_CONTINUE;
	}
	if (r == FORM_UNHANDLED && action_matches(ACT_CANCEL, key, code))
		return MODAL_DONE;
	return MODAL_CONTINUE;
}

static const enum action_id box_actions[] = {
	ACT_APPLY, ACT_CLEAR, ACT_CHOICES, ACT_CANCEL, ACT_NONE
};
static const struct modal box_modal = { box_draw, box_key, box_actions, 1 };

int hh_filter_edit(struct app *app, struct hh_filter *f)
{
	struct filter_box b = { .s = app_session(app), .f = f };
	load_areas(&b);
	load_contacts(&b);
	b.area_opts = b.areas ? fields_choices(b.areas, b.nareas) : NULL;
	b.contact_opts = b.contacts ? fields_choices(b.contacts, b.ncontacts) : NULL;
	b.form = b.area_opts && b.contact_opts ? form_new(&b) : NULL;
	if (b.form)
		build_fields(&b);
	if (b.form && !form_failed(b.form)) {
		load_filter(&b);
		app_modal(app, &box_modal, &b);
	} else {
		app_msg(app, MSG_ERROR, "内存不足，无法打开筛选");
	}
	form_free(b.form);
	free(b.areas);
	free(b.contacts);
	free(b.area_opts);
	free(b.contact_opts);
	return b.applied;
}

/* --- the description on the list's status row ------------------------------- */

static void append(char *out, size_t n, const char *s)
{
	size_t len = strlen(out);
	if (*s)
		snprintf(out + len, n - len, "%s%s", len ? "," : "", s);
}

void hh_filter_describe(struct app *app, const struct hh_filter *f, char *out, size_t n)
{
	struct session *s = app_session(app);
	char name[160] = "";
	out[0] = 0;
	struct area a;
	if (f->village_id && area_get(s->db, f->village_id, &a) == 1) {
		if (a.level == LEVEL_GROUP)          /* a village officer's group */
			snprintf(name, sizeof name, "%s", a.name);
		else
			area_full_name(s->db, f->village_id, name, sizeof name);
		append(out, n, name);
	}
	append(out, n, f->status);
	append(out, n, f->hh_type);
	append(out, n, f->risk);
	if (f->contact_id < 0)
		append(out, n, "无联系人");
	struct contact c;
	if (f->contact_id > 0 && contact_get(s, f->contact_id, &c) == 1)
		append(out, n, c.name);
	for (int i = 0; i < FLAG_COUNT; i++)
		if (f->flags & (1 << i))
			append(out, n, flag_label((enum flag)(1 << i)));
}
