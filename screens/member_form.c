/* The member form (家庭成员, SPEC §2): a newcomer to a household, who
 * joins by a life event (出生, 婚入, 迁入) with its day and reason, or an
 * existing member's other fields (leaving and moving are the detail
 * screen's c).  The ID number is checked as typed, against GB 11643 and
 * against the whole register (one person, one household); the rest as
 * member_join_check() or member_validate() check it, the checks
 * member_join/member_update make.  After a newcomer is saved the form
 * stays, emptied, for the next one (enter once). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "drafts.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "register/household.h"
#include "register/member_events.h"
#include "access/session.h"
#include "kit/ui.h"

struct member_rec {
	struct session *s;
	struct member m;           /* as read: its version guards the save */
	int64_t household_id;
	char hh_no[32], head_name[64];
};

/* --- the ID ---------------------------------------------------------------- */

/* The ID against the whole register: one person, one household (for a
 * newcomer member_join_check says it, knowing who may come back). */
static const char *v_id_no(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	const char *r = field_id_no(arg, f, v, why, n);
	if (r)
		return r;
	struct member_rec *mr = ((struct formscreen *)arg)->rec;
	struct jerr e = { 0 };
	if (!mr->m.id)
		return NULL;
	if (member_id_taken(mr->s, v, mr->m.id, &e))
		return snprintf(why, n, "%s", e.msg), why;
	return NULL;
}

/* --- fields ---------------------------------------------------------------- */

static void add_vocab(struct form *f, const char *name, const struct vocab *v, int required)
{
	int n;
	const struct form_option *o = fields_vocab(v, &n);
	form_add(f, (struct form_field){ .name = name, .label = v->name, .kind = FORM_CHOICE,
	                                 .width = 18, .required = required, .options = o,
	                                 .noptions = n });
}

static void add_yesno(struct form *f, const char *name, const char *label)
{
	int n;
	const struct form_option *o = fields_yesno(&n);
	form_add(f, (struct form_field){ .name = name, .label = label, .kind = FORM_CHOICE,
	                                 .width = 6, .required = 1, .options = o, .noptions = n });
}

static void add_months(struct form *f, const char *name, const char *label)
{
	form_add(f, (struct form_field){ .name = name, .label = label, .width = 4, .maxbytes = 4,
	                                 .validate = field_whole });
}

/* 出生 婚入 迁入: the events by which a newcomer joins, as src/ names them */
static const struct form_option *join_options(int *n)
{
	static const char *items[3];
	static const struct vocab joins = { "变动", items, 3 };
	for (int i = 0; i < 3; i++)
		items[i] = member_event_text((enum member_event)(MEV_BIRTH + i));
	return fields_vocab(&joins, n);
}

static void event_fields(struct form *f)
{
	int n;
	const struct form_option *o = join_options(&n);
	form_add(f, (struct form_field){ .name = "kind", .label = "变动", .kind = FORM_CHOICE,
	                                 .width = 6, .required = 1, .options = o, .noptions = n,
	                                 .hint = "出生、婚入或迁入" });
	form_add(f, (struct form_field){ .name = "on", .label = "变动日期", .width = 12,
	                                 .maxbytes = 20, .validate = field_any_date,
	                                 .hint = "出生可不填：即身份证上的出生日期" });
	form_add(f, (struct form_field){ .name = "reason", .label = "变动原因", .width = 30,
	                                 .maxbytes = 240, .required = 1,
	                                 .hint = "如 新生儿落户、与张三结婚" });
}

static void member_fields(const struct member_rec *r, struct form *f)
{
	if (!r->m.id)
		event_fields(f);
	form_add(f, (struct form_field){ .name = "name", .label = "姓名", .width = 20,
	                                 .maxbytes = 60, .required = 1 });
	form_add(f, (struct form_field){ .name = "id_no", .label = "公民身份号码", .width = 20,
	                                 .maxbytes = 40, .required = 1, .validate = v_id_no,
	                                 .hint = "18位，末位可为X；性别、出生日期由它得出" });
	const struct config *cfg = r->s->cfg;     /* the national code tables */
	add_vocab(f, "relation", config_codes(cfg, CT_RELATION), 1);
	add_vocab(f, "ethnicity", &VOCAB_ETHNICITY, 1);
	add_vocab(f, "education", config_codes(cfg, CT_EDUCATION), 0);
	add_vocab(f, "schooling", config_codes(cfg, CT_SCHOOLING), 0);
	add_vocab(f, "health", config_codes(cfg, CT_HEALTH), 1);
	add_vocab(f, "disability", &VOCAB_DISABILITY, 0);
	add_vocab(f, "labour", config_codes(cfg, CT_LABOUR), 1);
	add_months(f, "migrant_months", "务工时间（月）");
	form_add(f, (struct form_field){ .name = "migrant_place", .label = "务工地点", .width = 30,
	                                 .maxbytes = 90 });
	form_add(f, (struct form_field){ .name = "public_job", .label = "公益岗位", .width = 20,
	                                 .maxbytes = 60 });
	add_months(f, "public_job_months", "公益岗位（月）");
	add_yesno(f, "ins_medical", "基本医疗保险");
	add_yesno(f, "ins_serious", "大病保险");
	add_yesno(f, "ins_pension", "养老保险");
	add_yesno(f, "dibao", "低保");
	add_yesno(f, "tekun", "特困供养");
	form_add(f, (struct form_field){ .name = "phone", .label = "联系电话", .width = 14,
	                                 .maxbytes = 20, .validate = field_phone });
}

/* --- values ---------------------------------------------------------------- */

static void set_int(struct form *f, const char *name, int v)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%d", v);
	form_set(f, name, buf);
}

static void load_member(const struct member *m, struct form *f)
{
	form_set(f, "name", m->name);
	form_set(f, "id_no", m->id_no);
	form_set(f, "relation", m->relation);
	form_set(f, "ethnicity", m->ethnicity);
	form_set(f, "education", m->education);
	form_set(f, "schooling", m->schooling);
	form_set(f, "health", m->health);
	form_set(f, "disability", m->disability);
	form_set(f, "labour", m->labour);
	set_int(f, "migrant_months", m->migrant_months);
	form_set(f, "migrant_place", m->migrant_place);
	form_set(f, "public_job", m->public_job);
	set_int(f, "public_job_months", m->public_job_months);
	form_set(f, "ins_medical", m->ins_medical ? "是" : "否");
	form_set(f, "ins_serious", m->ins_serious ? "是" : "否");
	form_set(f, "ins_pension", m->ins_pension ? "是" : "否");
	form_set(f, "dibao", m->dibao ? "是" : "否");
	form_set(f, "tekun", m->tekun ? "是" : "否");
	form_set(f, "phone", m->phone);
}

#define CP(dst, name) snprintf(dst, sizeof dst, "%s", form_value(f, name))

static void form_to_member(struct form *f, struct member *m)
{
	CP(m->name, "name");
	CP(m->id_no, "id_no");
	CP(m->relation, "relation");
	CP(m->ethnicity, "ethnicity");
	CP(m->education, "education");
	CP(m->schooling, "schooling");
	CP(m->health, "health");
	CP(m->disability, "disability");
	CP(m->labour, "labour");
	m->migrant_months = atoi(form_value(f, "migrant_months"));
	CP(m->migrant_place, "migrant_place");
	CP(m->public_job, "public_job");
	m->public_job_months = atoi(form_value(f, "public_job_months"));
	m->ins_medical = field_yes(form_value(f, "ins_medical"));
	m->ins_serious = field_yes(form_value(f, "ins_serious"));
	m->ins_pension = field_yes(form_value(f, "ins_pension"));
	m->dibao = field_yes(form_value(f, "dibao"));
	m->tekun = field_yes(form_value(f, "tekun"));
	CP(m->phone, "phone");
}

#undef CP

/* The event as typed: which, its day (JDAY_NONE if empty) and reason. */
static enum member_event typed_event(struct form *f, jday *on, const char **reason)
{
	enum member_event k = MEV_COUNT;
	const char *day = form_value(f, "on");
	member_event_from_text(form_value(f, "kind"), &k);
	*on = *day ? date_parse(day) : JDAY_NONE;
	*reason = form_value(f, "reason");
	return k;
}

/* What src/ says of the member as typed: a newcomer as member_join
 * checks it, a member as member_update does. */
static int mf_check(struct formscreen *fs, struct jerr *e)
{
	struct member_rec *r = fs->rec;
	struct member m = r->m;
	const char *reason;
	jday on;
	form_to_member(fs->form, &m);
	if (!m.id) {
		enum member_event k = typed_event(fs->form, &on, &reason);
		return member_join_check(r->s, &m, k, on, reason, e);
	}
	return member_validate(r->s, &m, e) != 0 ? -1 : member_birth_check(r->s, &m, e);
}

/* The form emptied for the next newcomer: the event, its day and reason
 * stay (a family moves in together), the person is blank. */
static void next_newcomer(struct formscreen *fs)
{
	struct member_rec *r = fs->rec;
	member_init(&r->m);
	r->m.household_id = r->household_id;
	load_member(&r->m, fs->form);
	form_set(fs->form, "relation", "");
	form_set(fs->form, "id_no", "");
	form_untouch(fs->form);
	form_focus(fs->form, "name");
	fs->stay = 1;
}

static int mf_save(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct member_rec *r = fs->rec;
	struct member m = r->m;           /* the version read when the form opened */
	const char *reason;
	jday on;
	form_to_member(fs->form, &m);
	if (m.id) {
		if (member_update(r->s, &m, e) != 0)
			return -1;
		r->m = m;
		app_msg(app, MSG_OK, "已保存成员 %s", m.name);
		return 0;
	}
	enum member_event k = typed_event(fs->form, &on, &reason);
	if (member_join(r->s, &m, k, on, reason, e) != 0)
		return -1;
	app_msg(app, MSG_OK, "已登记%s %s；可接着录入下一名成员，Esc 返回", member_event_text(k),
	        m.name);
	next_newcomer(fs);
	return 0;
}

/* The member as another officer saved it, for the conflict box. */
static int mf_reload(struct app *app, struct formscreen *fs, struct form *into, struct jerr *e)
{
	struct member_rec *r = fs->rec;
	(void)app;
	if (!r->m.id)
		return 0;
	if (member_get(r->s, r->m.id, &r->m) != 1)
		return jerr_set(e, "", "找不到这名成员，或不在您的辖区");
	load_member(&r->m, into);
	return 1;
}

/* --- the screen ------------------------------------------------------------ */

static void mf_free(struct formscreen *fs)
{
	free(fs->rec);
}

static struct member_rec *new_rec(struct session *s, int64_t household_id, int64_t member_id,
                                  struct jerr *e)
{
	struct member_rec *r = calloc(1, sizeof *r);
	struct household h;
	if (!r)
		return NULL;
	r->s = s;
	member_init(&r->m);
	r->m.household_id = household_id;
	if (member_id && member_get(s, member_id, &r->m) != 1) {
		jerr_set(e, "", "找不到这名成员，或不在您的辖区");
		free(r);
		return NULL;
	}
	r->household_id = r->m.household_id;
	if (household_get(s, r->household_id, &h, e) != 0) {
		free(r);
		return NULL;
	}
	snprintf(r->hh_no, sizeof r->hh_no, "%s", h.hh_no);
	snprintf(r->head_name, sizeof r->head_name, "%s", h.head_name);
	return r;
}

/* key: the member's id, or "new:" and the household's. */
static int mf_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	long long hh = 0, id = 0;
	if (sscanf(fs->key, "new:%lld", &hh) != 1)
		id = atoll(fs->key);
	struct member_rec *r = new_rec(app_session(app), hh, id, e);
	if (!r)
		return -1;
	fs->rec = r;
	fs->version = &r->m.version;
	member_fields(r, fs->form);
	load_member(&r->m, fs->form);
	if (id) {
		snprintf(fs->title, sizeof fs->title, "修改成员 %s（户主 %s）", r->m.name, r->head_name);
	} else {
		form_set(fs->form, "relation", "");
		form_set(fs->form, "id_no", "");
		snprintf(fs->title, sizeof fs->title, "新增成员（户主 %s）", r->head_name);
	}
	return 0;
}

static void mf_draw(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols)
{
	struct member_rec *r = fs->rec;
	char head[200];
	snprintf(head, sizeof head, "户编号 %s  户主 %s。带 * 的必须填写；F2 保存。", r->hh_no,
	         r->head_name);
	ui_put(w, 0, 1, cols - 2, head, UI_DIM);
	form_draw(fs->form, app, w, 2, 1, rows - 2, cols - 2);
}

static const struct screen mf_screen = { .name = "member_form", .title = "成员", FS_SCREEN };

const struct form_ops member_form_ops = {
	.screen = &mf_screen,
	.build = mf_build,
	.free = mf_free,
	.save = mf_save,
	.check = mf_check,
	.draw = mf_draw,
	.reload = mf_reload,
};

void member_form_push(struct app *app, int64_t household_id, int64_t member_id)
{
	char key[48];
	if (member_id)
		snprintf(key, sizeof key, "%lld", (long long)member_id);
	else
		snprintf(key, sizeof key, "new:%lld", (long long)household_id);
	fs_push(app, &member_form_ops, key);
}
