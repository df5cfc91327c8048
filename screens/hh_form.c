/* The household form: a new household with its head (SPEC §2), or the
 * household's own fields.  Type, status and dates are not here: only the
 * flows change them.  Before a new household is saved, the duplicate
 * check of SPEC §7 shows what it finds and asks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drafts.h"
#include "kit/app.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "register/household.h"
#include "flow/lead.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"
#include "work.h"

#define HF_MAX_VILLAGES 2048
#define HF_MAX_GROUPS 64

struct hh_rec {
	struct session *s;
	struct household h;        /* as read: its version guards the save */
	int is_new;
	struct choice *villages;
	int nvillages;
	struct form_option *village_opts;
	struct choice groups[HF_MAX_GROUPS];
	struct form_option group_opts[HF_MAX_GROUPS];
	int ngroups;
	int64_t groups_of;         /* the village the group options belong to */
	int64_t lead_id;           /* new for a lead's person: identification starts on save */
};

/* --- validators ------------------------------------------------------------ */

/* src/'s last refusal of a value is shown by the form screen for every
 * field (fs_refused); these add what src/ says while typing. */

static struct hh_rec *rec_of(void *arg)
{
	return ((struct formscreen *)arg)->rec;
}

static int form_to_household(struct hh_rec *r, struct form *f, struct household *h,
                             struct jerr *e);
static void form_to_head(struct form *f, struct member *m);

/* The engine's check of one field (household_check_field), on the form
 * as it stands: the same rule the save applies. */
static const char *ask_household(void *arg, struct form *f, const char *field, char *why,
                                 size_t n)
{
	struct hh_rec *r = rec_of(arg);
	struct household h = r->h;
	struct jerr e = { 0 };
	int read = form_to_household(r, f, &h, &e);
	if ((read == 0 || strcmp(field, "risks")) && household_check_field(r->s, &h, field, &e) == 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

static const char *v_nat_no(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)v;
	return ask_household(arg, f, "nat_no", why, n);
}

/* v is the tidy text (因病、因学) the form makes of what was typed. */
static const char *v_risks(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)f;
	struct hh_rec *r = rec_of(arg);
	struct household h = r->h;
	struct jerr e = { 0 };
	if (household_risks_read(&h, v, &e) == 0 && household_check_field(r->s, &h, "risks", &e) == 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

static const char *v_disaster(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)v;
	return ask_household(arg, f, "disaster", why, n);
}

static const char *v_assist_tags(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)v;
	return ask_household(arg, f, "assist_tags", why, n);
}

/* The ID checked as typed, then against the whole register. */
static const char *v_id_no(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	const char *r = field_id_no(arg, f, v, why, n);
	if (r)
		return r;
	struct jerr e = { 0 };
	if (member_id_taken(rec_of(arg)->s, v, 0, &e))
		return snprintf(why, n, "%s", e.msg), why;
	return NULL;
}

static const char *v_disability(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)v;
	struct member head;
	struct jerr e = { 0 };
	form_to_head(f, &head);
	if (member_check_field(rec_of(arg)->s, &head, "disability", &e) == 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

/* --- fields ---------------------------------------------------------------- */

static void add_choice(struct form *f, const char *name, const char *label, int required,
                       const struct form_option *o, int n, form_validator v)
{
	form_add(f, (struct form_field){ .name = name, .label = label, .kind = FORM_CHOICE,
	                                 .width = 20, .required = required, .options = o,
	                                 .noptions = n, .validate = v,
	                                 .hint = "可输入文字或拼音首字母，F4 列出" });
}

static void household_fields(struct hh_rec *r, struct form *f)
{
	int n;
	const struct form_option *yn = fields_yesno(&n), *g, *o;
	/* jiance numbers a new household itself; the national number is the
	 * national import's, or typed by those src/ lets type it */
	if (household_may_set_nat_no(r->s))
		form_add(f, (struct form_field){ .name = "nat_no", .label = "国家系统户编号",
		                                 .width = 20, .maxbytes = 31, .validate = v_nat_no,
		                                 .hint = "国家防返贫监测系统的户编号，未知可空" });
	add_choice(f, "village", "村（社区）", 1, r->village_opts, r->nvillages, NULL);
	/* its options follow the village chosen (sync_groups) */
	add_choice(f, "group", "村民小组", 0, r->group_opts, 0, NULL);
	form_add(f, (struct form_field){ .name = "natural_village", .label = "自然村", .width = 20,
	                                 .maxbytes = 60 });
	form_add(f, (struct form_field){ .name = "address", .label = "地址", .width = 40,
	                                 .maxbytes = 180 });
	form_add(f, (struct form_field){ .name = "hh_phone", .label = "户联系电话", .width = 14,
	                                 .maxbytes = 20, .validate = field_phone });
	add_choice(f, "is_tuopin", "脱贫户", 1, yn, n, NULL);
	add_choice(f, "relocated", "易地扶贫搬迁", 1, yn, n, NULL);
	form_add(f, (struct form_field){ .name = "settlement", .label = "安置点", .width = 30,
	                                 .maxbytes = 90, .validate = NULL });
	add_choice(f, "whole_no_labour", "整户无劳动能力", 1, yn, n, NULL);
	o = fields_risks(r->s->cfg, &n);
	form_add(f, (struct form_field){ .name = "risks", .label = "风险类型", .kind = FORM_MULTI,
	                                 .width = 40, .maxbytes = 250, .validate = v_risks,
	                                 .options = o, .noptions = n, .max = HH_MAX_RISKS,
	                                 .hint = "如 yb yx；F4 列出" });
	g = fields_vocab(config_codes(r->s->cfg, CT_DISASTER), &n);
	form_add(f, (struct form_field){ .name = "disaster", .label = "因自然灾害子项",
	                                 .kind = FORM_MULTI, .width = 30, .maxbytes = 120,
	                                 .validate = v_disaster, .options = g, .noptions = n,
	                                 .hint = "因自然灾害时必选，可几项" });
	form_add(f, (struct form_field){ .name = "assist_tags", .label = "社会救助", .width = 30,
	                                 .maxbytes = 90, .validate = v_assist_tags,
	                                 .hint = "如 低保、特困，可填几项" });
	g = fields_guarantee(&n);
	add_choice(f, "g_edu", "义务教育", 1, g, n, NULL);
	add_choice(f, "g_med", "基本医疗", 1, g, n, NULL);
	add_choice(f, "g_house", "住房安全", 1, g, n, NULL);
	add_choice(f, "g_water", "饮水安全", 1, g, n, NULL);
}

static void head_fields(const struct config *cfg, struct form *f)
{
	int n;
	const struct form_option *o;
	form_add(f, (struct form_field){ .name = "name", .label = "户主姓名", .width = 20,
	                                 .maxbytes = 60, .required = 1, .validate = NULL });
	form_add(f, (struct form_field){ .name = "id_no", .label = "户主身份证号码", .width = 20,
	                                 .maxbytes = 40, .required = 1, .validate = v_id_no,
	                                 .hint = "18位，末位可为X" });
	o = fields_vocab(&VOCAB_ETHNICITY, &n);
	add_choice(f, "ethnicity", "民族", 1, o, n, NULL);
	o = fields_vocab(config_codes(cfg, CT_EDUCATION), &n);
	add_choice(f, "education", "文化程度", 0, o, n, NULL);
	o = fields_vocab(config_codes(cfg, CT_HEALTH), &n);
	add_choice(f, "health", "健康状况", 1, o, n, NULL);
	o = fields_vocab(&VOCAB_DISABILITY, &n);
	add_choice(f, "disability", "残疾类别", 0, o, n, v_disability);
	o = fields_vocab(config_codes(cfg, CT_LABOUR), &n);
	add_choice(f, "labour", "劳动技能", 1, o, n, NULL);
	form_add(f, (struct form_field){ .name = "phone", .label = "户主电话", .width = 14,
	                                 .maxbytes = 20, .validate = field_phone });
}

/* --- values ---------------------------------------------------------------- */

static int64_t village_id_of(const struct hh_rec *r, const char *text)
{
	for (int i = 0; text && i < r->nvillages; i++)
		if (!strcmp(r->villages[i].text, text))
			return r->villages[i].id;
	return 0;
}

static const char *village_text(const struct hh_rec *r, int64_t id)
{
	for (int i = 0; i < r->nvillages; i++)
		if (r->villages[i].id == id)
			return r->villages[i].text;
	return "";
}

/* The group options follow the village chosen. */
static void sync_groups(struct hh_rec *r, struct form *f)
{
	int64_t v = village_id_of(r, form_value(f, "village"));
	if (v == r->groups_of)
		return;
	int n = r->ngroups = choice_groups(r->s, v, r->groups, HF_MAX_GROUPS);
	for (int i = 0; i < n; i++)
		r->group_opts[i] = (struct form_option){ r->groups[i].text, r->groups[i].initials,
		                                         r->groups[i].pinyin };
	struct form_field *group = form_field(f, "group");
	if (group)
		group->noptions = n;
	r->groups_of = v;
}

static int64_t group_id_of(const struct hh_rec *r, const char *text)
{
	for (int i = 0; text && *text && i < r->ngroups; i++)
		if (!strcmp(r->groups[i].text, text))
			return r->groups[i].id;
	return 0;
}

static void load_household(struct hh_rec *r, struct form *f)
{
	const struct household *h = &r->h;
	char risks[300];
	if (form_field(f, "nat_no"))
		form_set(f, "nat_no", h->nat_no);
	form_set(f, "village", village_text(r, h->village_id));
	sync_groups(r, f);
	form_set(f, "group", h->group_name);
	form_set(f, "natural_village", h->natural_village);
	form_set(f, "address", h->address);
	form_set(f, "hh_phone", h->phone);
	form_set(f, "is_tuopin", h->is_tuopin ? "是" : "否");
	form_set(f, "relocated", h->relocated ? "是" : "否");
	form_set(f, "settlement", h->settlement);
	form_set(f, "whole_no_labour", h->whole_no_labour ? "是" : "否");
	household_risks_text(h, risks, sizeof risks);
	form_set(f, "risks", risks);
	form_set(f, "assist_tags", h->assist_tags);
	form_set(f, "disaster", h->disaster);
	form_set(f, "g_edu", h->g_edu ? "有保障" : "有问题");
	form_set(f, "g_med", h->g_med ? "有保障" : "有问题");
	form_set(f, "g_house", h->g_house ? "有保障" : "有问题");
	form_set(f, "g_water", h->g_water ? "有保障" : "有问题");
}

static void defaults_for_new(struct hh_rec *r, struct form *f)
{
	static const char *const no[] = { "is_tuopin", "relocated", "whole_no_labour" };
	static const char *const ok[] = { "g_edu", "g_med", "g_house", "g_water" };
	for (size_t i = 0; i < 3; i++)
		form_set(f, no[i], "否");
	for (size_t i = 0; i < 4; i++)
		form_set(f, ok[i], "有保障");
	form_set(f, "ethnicity", "汉族");
	form_set(f, "health", "健康");
	form_set(f, "labour", "普通劳动力");
	if (r->nvillages == 1)       /* a village officer: their village */
		form_set(f, "village", r->villages[0].text);
	sync_groups(r, f);
}

#define CP(dst, name) snprintf(dst, sizeof dst, "%s", form_value(f, name))

/* 0, or -1 with e when the risk types cannot be read (too many) */
static int form_to_household(struct hh_rec *r, struct form *f, struct household *h,
                             struct jerr *e)
{
	if (form_field(f, "nat_no"))
		CP(h->nat_no, "nat_no");
	h->village_id = village_id_of(r, form_value(f, "village"));
	h->group_id = group_id_of(r, form_value(f, "group"));
	CP(h->natural_village, "natural_village");
	CP(h->address, "address");
	CP(h->phone, "hh_phone");
	h->is_tuopin = field_yes(form_value(f, "is_tuopin"));
	h->relocated = field_yes(form_value(f, "relocated"));
	CP(h->settlement, "settlement");
	CP(h->disaster, "disaster");
	h->whole_no_labour = field_yes(form_value(f, "whole_no_labour"));
	CP(h->assist_tags, "assist_tags");
	h->g_edu = !strcmp(form_value(f, "g_edu"), "有保障");
	h->g_med = !strcmp(form_value(f, "g_med"), "有保障");
	h->g_house = !strcmp(form_value(f, "g_house"), "有保障");
	h->g_water = !strcmp(form_value(f, "g_water"), "有保障");
	return household_risks_read(h, form_value(f, "risks"), e);
}

static void form_to_head(struct form *f, struct member *m)
{
	member_init(m);
	CP(m->name, "name");
	CP(m->id_no, "id_no");
	snprintf(m->relation, sizeof m->relation, "户主");
	CP(m->ethnicity, "ethnicity");
	CP(m->education, "education");
	CP(m->health, "health");
	CP(m->disability, "disability");
	CP(m->labour, "labour");
	CP(m->phone, "phone");
}

#undef CP

/* --- saving ---------------------------------------------------------------- */

/* The household's own checks name "phone" for its phone; this form calls
 * that field hh_phone, beside the head's phone. */
static int validate_household(struct hh_rec *r, const struct household *h, struct jerr *e)
{
	if (household_validate(r->s, h, e) == 0)
		return 0;
	if (!strcmp(e->field, "phone"))
		snprintf(e->field, sizeof e->field, "hh_phone");
	return -1;
}

/* SPEC §7: what the duplicate check finds is shown before a new household
 * is saved; the officer decides. */
static int duplicates_ok(struct app *app, struct hh_rec *r, const struct household *h,
                         const struct member *head)
{
	struct jerr dup = { 0 };
	if (household_duplicates(r->s, head->name, h->village_id, head->id_no, &dup) == 0)
		return 1;
	char q[800];
	snprintf(q, sizeof q, "可能与已登记的户重复：\n%s\n\n仍然新建这一户吗？", dup.msg);
	return prompt_confirm(app, q);
}

static int save_new(struct app *app, struct hh_rec *r, struct form *f, struct jerr *e)
{
	struct household h;
	struct member head;
	household_init(&h);
	form_to_head(f, &head);
	if (form_to_household(r, f, &h, e) != 0 || validate_household(r, &h, e) != 0 ||
	    member_validate(r->s, &head, e) != 0)
		return -1;
	if (!duplicates_ok(app, r, &h, &head))
		return jerr_set(e, "", "已取消新建，可修改后再按 F2 保存");
	if (household_create(r->s, &h, &head, e) != 0) {
		if (!strcmp(e->field, "phone") && !*head.phone)
			snprintf(e->field, sizeof e->field, "hh_phone");
		return -1;
	}
	int64_t run = 0;
	struct jerr le = { 0 };
	if (r->lead_id && lead_start(r->s, r->lead_id, h.id, &run, &le) != 0)
		app_msg(app, MSG_ERROR, "已新建户 %s，但未能启动识别：%s", h.hh_no, le.msg);
	else if (r->lead_id)
		app_msg(app, MSG_OK, "已新建户 %s 并启动识别；请登记其他成员，没有则按 Esc", h.hh_no);
	else
		app_msg(app, MSG_OK, "已新建户 %s（户主 %s）；请登记其他成员，没有则按 Esc", h.hh_no,
		        head.name);
	app_then(app, hh_detail_push_members, h.id);
	return 0;
}

static int save_edit(struct app *app, struct hh_rec *r, struct form *f, struct jerr *e)
{
	struct household h = r->h;        /* the version read when the form opened */
	if (form_to_household(r, f, &h, e) != 0 || validate_household(r, &h, e) != 0)
		return -1;
	if (household_update(r->s, &h, e) != 0) {
		if (!strcmp(e->field, "phone"))
			snprintf(e->field, sizeof e->field, "hh_phone");
		return -1;
	}
	r->h = h;
	app_msg(app, MSG_OK, "已保存户 %s", h.hh_no);
	return 0;
}

/* The household as another officer saved it, for the conflict box. */
static int hf_reload(struct app *app, struct formscreen *fs, struct form *into, struct jerr *e)
{
	struct hh_rec *r = fs->rec;
	(void)app;
	if (r->is_new)
		return 0;
	if (household_get(r->s, r->h.id, &r->h, e) != 0)
		return -1;
	load_household(r, into);
	r->groups_of = -1;           /* the form's group options follow its village again */
	return 1;
}

static int hf_save(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct hh_rec *r = fs->rec;
	return r->is_new ? save_new(app, r, fs->form, e) : save_edit(app, r, fs->form, e);
}

/* The draft list names whose new household it was. */
static void hf_draft_put(struct formscreen *fs, char *buf, size_t n)
{
	struct hh_rec *r = fs->rec;
	const char *name = form_value(fs->form, "name");
	(void)buf;
	(void)n;
	if (r->is_new && name && *name)
		snprintf(fs->title, sizeof fs->title, "新建户 %s", name);
}

static void hf_draft_get(struct formscreen *fs, const char *payload)
{
	(void)payload;
	sync_groups(fs->rec, fs->form);
}

/* --- the screen ------------------------------------------------------------ */

static void free_rec(struct hh_rec *r)
{
	if (!r)
		return;
	free(r->villages);
	free(r->village_opts);
	free(r);
}

static void hf_free(struct formscreen *fs)
{
	free_rec(fs->rec);
}

static struct hh_rec *new_rec(struct session *s, int64_t id, struct jerr *e)
{
	struct hh_rec *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->s = s;
	r->is_new = id == 0;
	r->villages = calloc(HF_MAX_VILLAGES, sizeof *r->villages);
	if (!r->villages || (!r->is_new && household_get(s, id, &r->h, e) != 0)) {
		free_rec(r);
		return NULL;
	}
	r->nvillages = choice_areas(s, LEVEL_VILLAGE, r->villages, HF_MAX_VILLAGES);
	r->village_opts = fields_choices(r->villages, r->nvillages);
	r->groups_of = -1;
	return r;
}

/* The field the next form opens at (hh_form_push_at), then "". */
static char focus_next[32];

/* The lead's person as the head, in the lead's village: typed once, in
 * the lead (SPEC §0). */
static void from_lead(struct hh_rec *r, struct form *f)
{
	struct lead l;
	struct jerr e = { 0 };
	if (lead_get(r->s, r->lead_id, &l, &e) != 0)
		return;
	form_set(f, "name", l.name);
	form_set(f, "id_no", l.id_no);
	for (int i = 0; i < r->nvillages; i++)
		if (r->villages[i].id == l.village_id)
			form_set(f, "village", r->villages[i].text);
	sync_groups(r, f);
}

/* key: the household's id, "new", or "lead:ID" (new, for that lead). */
static int hf_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	int for_lead = !strncmp(fs->key, "lead:", 5);
	int64_t id = for_lead || !strcmp(fs->key, "new") ? 0 : atoll(fs->key);
	struct hh_rec *r = new_rec(app_session(app), id, e);
	if (!r)
		return -1;
	r->lead_id = for_lead ? atoll(fs->key + 5) : 0;
	fs->rec = r;
	fs->version = &r->h.version;
	household_fields(r, fs->form);
	if (r->is_new) {
		head_fields(r->s->cfg, fs->form);
		defaults_for_new(r, fs->form);
		if (r->lead_id)
			from_lead(r, fs->form);
		snprintf(fs->title, sizeof fs->title, "新建户");
	} else {
		load_household(r, fs->form);
		snprintf(fs->title, sizeof fs->title, "修改户 %s %s", r->h.hh_no, r->h.head_name);
	}
	if (*focus_next)
		form_focus(fs->form, focus_next);
	focus_next[0] = 0;
	return 0;
}

static void hf_draw(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols)
{
	struct hh_rec *r = fs->rec;
	char head[200];
	if (r->is_new)
		snprintf(head, sizeof head, "新建一户及其户主。带 * 的必须填写；F2 保存。");
	else
		snprintf(head, sizeof head, "户编号 %s  户主 %s  状态 %s（状态、类型由流程决定）",
		         r->h.hh_no, r->h.head_name, hh_status_text(r->h.status));
	ui_put(w, 0, 1, cols - 2, head, UI_DIM);
	form_draw(fs->form, app, w, 2, 1, rows - 2, cols - 2);
}

static int hf_key(struct app *app, struct formscreen *fs, int key, int code)
{
	int r = fs_key(app, fs, key, code);
	if (!(r & POP))
		sync_groups(fs->rec, fs->form);
	return r;
}

static const struct screen hf_screen = { .name = "household_form", .title = "户信息", FS_SCREEN };

const struct form_ops hh_form_ops = {
	.screen = &hf_screen,
	.build = hf_build,
	.free = hf_free,
	.save = hf_save,
	.draw = hf_draw,
	.key = hf_key,
	.draft_put = hf_draft_put,
	.draft_get = hf_draft_get,
	.reload = hf_reload,
};

void hh_form_push_at(struct app *app, int64_t household_id, const char *field)
{
	snprintf(focus_next, sizeof focus_next, "%s", field);
	hh_form_push(app, household_id);
	focus_next[0] = 0;
}

void hh_form_push_for_lead(struct app *app, int64_t lead_id)
{
	char key[32];
	snprintf(key, sizeof key, "lead:%lld", (long long)lead_id);
	fs_push(app, &hh_form_ops, key);
}

void hh_form_push(struct app *app, int64_t household_id)
{
	char key[32];
	snprintf(key, sizeof key, household_id ? "%lld" : "new", (long long)household_id);
	fs_push(app, &hh_form_ops, key);
}
