/* The member form (家庭成员, SPEC §2): a new member of a household or an
 * existing one.  The ID number is checked as typed, against GB 11643 and
 * against the whole register (one person, one household). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "access/draft.h"
#include "drafts.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "register/household.h"
#include "access/session.h"
#include "kit/ui.h"

#define MF_MAX_FIELDS 24

struct member_rec {
	struct session *s;
	struct member m;           /* as read: its version guards the save */
	int64_t household_id;
	char hh_no[32], head_name[64];
	struct form_field fields[MF_MAX_FIELDS];
	int nfields;
};

/* --- validators ------------------------------------------------------------ */

static const char *refused_only(void *arg, const char *field, const char *v)
{
	return fs_refused(arg, field, v);
}

static const char *v_name(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)f;
	(void)why;
	(void)n;
	return refused_only(arg, "name", v);
}

static const char *v_id_no(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	const char *r = refused_only(arg, "id_no", v);
	if (r || (r = field_id_no(arg, f, v, why, n)))
		return r;
	struct member_rec *mr = ((struct formscreen *)arg)->rec;
	struct jerr e = { 0 };
	if (member_id_taken(mr->s, v, mr->m.id, &e))
		return snprintf(why, n, "%s", e.msg), why;
	return NULL;
}

static const char *v_relation(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)f;
	(void)why;
	(void)n;
	return refused_only(arg, "relation", v);
}

static void form_to_member(struct form *f, struct member *m);

/* The engine's check of one field (member_check_field) on the form as it
 * stands: the rule the save applies again. */
static const char *ask_member(void *arg, struct form *f, const char *field, const char *v,
                              char *why, size_t n)
{
	const char *r = refused_only(arg, field, v);
	if (r)
		return r;
	struct member_rec *mr = ((struct formscreen *)arg)->rec;
	struct member m = mr->m;
	struct jerr e = { 0 };
	form_to_member(f, &m);
	if (member_check_field(mr->s, &m, field, &e) == 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

static const char *v_schooling(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	return ask_member(arg, f, "schooling", v, why, n);
}

static const char *v_disability(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	return ask_member(arg, f, "disability", v, why, n);
}

static const char *v_months(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	const char *r = refused_only(arg, "migrant_months", v);
	return r ? r : field_months(arg, f, v, why, n);
}

static const char *v_job_months(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	const char *r = refused_only(arg, "public_job_months", v);
	return r ? r : field_months(arg, f, v, why, n);
}

static const char *v_phone(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	const char *r = refused_only(arg, "phone", v);
	return r ? r : field_phone(arg, f, v, why, n);
}

/* --- fields ---------------------------------------------------------------- */

static void add(struct member_rec *r, struct form_field fd)
{
	if (r->nfields < MF_MAX_FIELDS)
		r->fields[r->nfields++] = fd;
}

static void add_vocab(struct member_rec *r, const char *name, const struct vocab *v,
                      int required, form_validator val)
{
	int n;
	const struct form_option *o = fields_vocab(v, &n);
	add(r, (struct form_field){ .name = name, .label = v->name, .kind = FORM_CHOICE,
	                            .width = 18, .required = required, .options = o,
	                            .noptions = n, .validate = val });
}

static void add_yesno(struct member_rec *r, const char *name, const char *label)
{
	int n;
	const struct form_option *o = fields_yesno(&n);
	add(r, (struct form_field){ .name = name, .label = label, .kind = FORM_CHOICE,
	                            .width = 6, .required = 1, .options = o, .noptions = n });
}

static void member_fields(struct member_rec *r)
{
	add(r, (struct form_field){ .name = "name", .label = "姓名", .width = 20, .maxbytes = 60,
	                            .required = 1, .validate = v_name });
	add(r, (struct form_field){ .name = "id_no", .label = "公民身份号码", .width = 20,
	                            .maxbytes = 40, .required = 1, .validate = v_id_no,
	                            .hint = "18位，末位可为X；性别、出生日期由它得出" });
	add_vocab(r, "relation", &VOCAB_RELATION, 1, v_relation);
	add_vocab(r, "ethnicity", &VOCAB_ETHNICITY, 1, NULL);
	add_vocab(r, "education", &VOCAB_EDUCATION, 0, NULL);
	add_vocab(r, "schooling", &VOCAB_SCHOOLING, 0, v_schooling);
	add_vocab(r, "health", &VOCAB_HEALTH, 1, NULL);
	add_vocab(r, "disability", &VOCAB_DISABILITY, 0, v_disability);
	add_vocab(r, "labour", &VOCAB_LABOUR, 1, NULL);
	add(r, (struct form_field){ .name = "migrant_months", .label = "务工时间（月）", .width = 4,
	                            .maxbytes = 4, .validate = v_months });
	add(r, (struct form_field){ .name = "migrant_place", .label = "务工地点", .width = 30,
	                            .maxbytes = 90 });
	add(r, (struct form_field){ .name = "public_job", .label = "公益岗位", .width = 20,
	                            .maxbytes = 60 });
	add(r, (struct form_field){ .name = "public_job_months", .label = "公益岗位（月）",
	                            .width = 4, .maxbytes = 4, .validate = v_job_months });
	add_yesno(r, "ins_medical", "基本医疗保险");
	add_yesno(r, "ins_serious", "大病保险");
	add_yesno(r, "ins_pension", "养老保险");
	add_yesno(r, "dibao", "低保");
	add_yesno(r, "tekun", "特困供养");
	add(r, (struct form_field){ .name = "phone", .label = "联系电话", .width = 14,
	                            .maxbytes = 20, .validate = v_phone });
	if (r->m.id)
		add_yesno(r, "active", "在册（否=去世或迁出）");
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
	form_set(f, "active", m->active ? "是" : "否");
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
	if (m->id)
		m->active = field_yes(form_value(f, "active"));
}

#undef CP

static int mf_save(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct member_rec *r = fs->rec;
	struct member m = r->m;           /* the version read when the form opened */
	form_to_member(fs->form, &m);
	int rc = m.id ? member_update(r->s, &m, e) : member_add(r->s, &m, e);
	if (rc != 0)
		return -1;
	r->m = m;
	app_msg(app, MSG_OK, "已保存成员 %s", m.name);
	return 0;
}

static void mf_meta(struct formscreen *fs, char *buf, size_t n)
{
	struct member_rec *r = fs->rec;
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)r->household_id);
	draft_put(buf, n, "@household", v);
	snprintf(v, sizeof v, "%d", r->m.version);
	draft_put(buf, n, "@version", v);
}

static const struct fs_ops mf_ops = { "member_form", mf_save, mf_meta };

/* --- the screen ------------------------------------------------------------ */

struct mf_arg {
	int64_t household_id, member_id;
	const char *payload;       /* resuming a draft, else NULL */
};

static struct member_rec *new_rec(struct session *s, const struct mf_arg *a, struct jerr *e)
{
	struct member_rec *r = calloc(1, sizeof *r);
	struct household h;
	if (!r)
		return NULL;
	r->s = s;
	member_init(&r->m);
	r->m.household_id = a->household_id;
	if (a->member_id && member_get(s, a->member_id, &r->m) != 1) {
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
	member_fields(r);
	return r;
}

static void mf_enter(struct app *app, void *arg)
{
	const struct mf_arg *a = arg;
	struct jerr e = { 0 };
	struct member_rec *r = new_rec(app_session(app), a, &e);
	char key[64];
	if (a->member_id)
		snprintf(key, sizeof key, "%lld", (long long)a->member_id);
	else
		snprintf(key, sizeof key, "new:%lld", (long long)a->household_id);
	struct formscreen *fs = r ? fs_new(&mf_ops, r->fields, r->nfields, r, key) : NULL;
	if (!fs) {
		free(r);
		app_msg(app, MSG_ERROR, "%s", e.msg[0] ? e.msg : "无法打开表单（内存不足）");
		return;
	}
	app_set_data(app, fs);
	load_member(&r->m, fs->form);
	if (!a->member_id) {
		form_set(fs->form, "relation", "");
		form_set(fs->form, "id_no", "");
	}
	if (a->payload) {
		char v[32];
		if (a->member_id && draft_get(a->payload, "@version", v, sizeof v))
			r->m.version = atoi(v);
		fs_resume(fs, a->payload);
	}
	if (a->member_id)
		snprintf(fs->title, sizeof fs->title, "修改成员 %s（户主 %s）", r->m.name, r->head_name);
	else
		snprintf(fs->title, sizeof fs->title, "新增成员（户主 %s）", r->head_name);
	app_set_title(app, "%s", fs->title);
}

static void mf_leave(struct app *app)
{
	struct formscreen *fs = app_data(app);
	struct member_rec *r = fs ? fs->rec : NULL;
	fs_leave(app, fs);
	free(r);
}

static void mf_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct formscreen *fs = app_data(app);
	if (!fs) {
		ui_put(w, 1, 2, cols - 4, "无法打开表单，按 Esc 返回。", UI_ERROR);
		return;
	}
	struct member_rec *r = fs->rec;
	char head[200];
	snprintf(head, sizeof head, "户编号 %s  户主 %s。带 * 的必须填写；F2 保存。", r->hh_no,
	         r->head_name);
	ui_put(w, 0, 1, cols - 2, head, UI_DIM);
	fs_draw(app, fs, w, 2, rows - 2, cols);
}

static int mf_key(struct app *app, int key, int code)
{
	struct formscreen *fs = app_data(app);
	return fs ? fs_key(app, fs, key, code) : UNHANDLED;
}

static const enum action_id mf_actions[] = { FORM_ACTIONS, ACT_NONE };

static const struct screen mf_screen = {
	.name = "member_form",
	.title = "成员",
	.enter = mf_enter,
	.leave = mf_leave,
	.draw = mf_draw,
	.key = mf_key,
	.actions = mf_actions,
	.flags = SCREEN_TYPING,
};

void member_form_push(struct app *app, int64_t household_id, int64_t member_id)
{
	struct mf_arg a = { household_id, member_id, NULL };
	app_push(app, &mf_screen, &a);
}

void member_form_resume(struct app *app, const char *key, const char *payload)
{
	char hh[32] = "";
	draft_get(payload, "@household", hh, sizeof hh);
	struct mf_arg a = { atoll(hh), strncmp(key, "new:", 4) ? atoll(key) : 0, payload };
	app_push(app, &mf_screen, &a);
}
