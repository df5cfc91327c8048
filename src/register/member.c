/* Members (家庭成员): validation, the one-person-one-household rule, and
 * writes with pinyin, search tokens and audit. */
#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "base/clock.h"
#include "register/household.h"
#include "register/member_events.h"
#include "base/idcard.h"
#include "base/pinyin.h"
#include "access/scope.h"
#include "base/vocab.h"
#include "base/text.h"

void member_init(struct member *m)
{
	memset(m, 0, sizeof *m);
	strcpy(m->ethnicity, "汉族");
	strcpy(m->health, "健康");
	strcpy(m->labour, "普通劳动力");
	m->ins_medical = m->ins_serious = 1;
	m->active = 1;
}

static int check_choice(const struct vocab *v, const char *val, const char *field, int required,
                        struct jerr *e)
{
	if (!*val)
		return required ? jerr_set(e, field, "请填写%s", v->name) : 0;
	if (vocab_find(v, val) < 0)
		return jerr_set(e, field, "%s“%s”不在可选范围内", v->name, val);
	return 0;
}

static int check_id(struct member *m, struct jerr *e)
{
	char norm[20];
	if (idcard_normalize(m->id_no, norm, e) != 0)
		return -1;
	strcpy(m->id_no, norm);
	m->sex = idcard_sex(norm);
	date_fmt(idcard_birth(norm), m->birth);
	return 0;
}

static int check_disability(const struct member *m, struct jerr *e)
{
	if (!strcmp(m->health, "残疾"))
		return check_choice(&VOCAB_DISABILITY, m->disability, "disability", 1, e);
	if (*m->disability)
		return jerr_set(e, "disability", "健康状况不是“残疾”时不填残疾类别");
	return 0;
}

static int check_months(int months, const char *field, const char *what, struct jerr *e)
{
	if (months < 0 || months > 12)
		return jerr_set(e, field, "%s应为0–12个月", what);
	return 0;
}

/* the fields member_validate checks after the ID, in its order */
static const char *const checked[] = {
	"relation", "ethnicity", "education", "schooling", "health", "labour", "disability",
	"phone", "migrant_place", "migrant_months", "public_job", "public_job_months",
};

int member_check_field(struct session *s, const struct member *m, const char *field,
                       struct jerr *e)
{
	if (!strcmp(field, "name") && !*m->name)
		return jerr_set(e, "name", "姓名不能为空");
	if (!strcmp(field, "name"))
		return text_check_clean(m->name, 0, field, "姓名", e);
	if (!strcmp(field, "ethnicity"))
		return text_check_clean(m->ethnicity, 0, field, "民族", e);
	if (!strcmp(field, "migrant_place"))
		return text_check_clean(m->migrant_place, 0, field, "务工地点", e);
	if (!strcmp(field, "public_job"))
		return text_check_clean(m->public_job, 0, field, "公益岗位", e);
	if (!strcmp(field, "id_no")) {
		struct member copy = *m;   /* check_id normalises what it checks */
		return check_id(&copy, e);
	}
	if (!strcmp(field, "relation"))
		return check_choice(config_codes(s->cfg, CT_RELATION), m->relation, "relation", 1, e);
	if (!strcmp(field, "education"))
		return check_choice(config_codes(s->cfg, CT_EDUCATION), m->education, "education", 0, e);
	if (!strcmp(field, "schooling") && check_choice(config_codes(s->cfg, CT_SCHOOLING), m->schooling,
	                                                "schooling", 0, e) != 0)
		return -1;
	if (!strcmp(field, "schooling") && *m->education && *m->schooling)
		return jerr_set(e, "schooling", "在校生状况与文化程度只能填一项");
	if (!strcmp(field, "health"))
		return check_choice(config_codes(s->cfg, CT_HEALTH), m->health, "health", 1, e);
	if (!strcmp(field, "labour"))
		return check_choice(config_codes(s->cfg, CT_LABOUR), m->labour, "labour", 1, e);
	if (!strcmp(field, "disability"))
		return check_disability(m, e);
	if (!strcmp(field, "phone"))
		return phone_check(m->phone, e);
	if (!strcmp(field, "migrant_months"))
		return check_months(m->migrant_months, field, "务工时间", e);
	if (!strcmp(field, "public_job_months"))
		return check_months(m->public_job_months, field, "公益岗位时间", e);
	return 0;
}

/* Fills sex and birth date from the ID and normalises it. */
int member_validate(struct session *s, struct member *m, struct jerr *e)
{
	if (member_check_field(s, m, "name", e) != 0 || check_id(m, e) != 0)
		return -1;
	for (size_t i = 0; i < sizeof checked / sizeof checked[0]; i++)
		if (member_check_field(s, m, checked[i], e) != 0)
			return -1;
	return 0;
}

int64_t member_id_taken(struct session *s, const char *id_no, int64_t except_member,
                        struct jerr *e)
{
	struct stmt *st = store_prep(s->db,
		"SELECT m.id, m.household_id, m.name, h.hh_no, h.head_name FROM members m"
		"  JOIN households h ON h.id = m.household_id WHERE m.id_no = ? AND m.id <> ?",
		"tl", id_no, except_member);
	int64_t id = 0, hh = 0;
	char who[256] = "";
	if (st && stmt_step(st) == 1) {
		id = stmt_int(st, 0);
		hh = stmt_int(st, 1);
		snprintf(who, sizeof who, "%s，户编号 %s（户主 %s）", stmt_text(st, 2),
		         stmt_text(st, 3), stmt_text(st, 4));
	}
	stmt_done(st);
	if (!id)
		return 0;
	/* never tell an officer about a household outside their area */
	if (scope_household(s, hh))
		jerr_set(e, "id_no", "此身份证号码已登记在其他户：%s", who);
	else
		jerr_set(e, "id_no", "此身份证号码已在其他地方登记");
	return id;
}

static void name_chars(const char *name, char *out, size_t n)
{
	/* one token per character (NOTES.md: FTS5 tokenizers miss 2-character parts) */
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p && o + 6 < n;) {
		int len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (o)
			out[o++] = ' ';
		for (int i = 0; i < len && p[i]; i++)
			out[o++] = (char)p[i];
		p += len;
	}
	out[o] = 0;
}

/* The search keys kept beside a member's name and ID. */
struct name_keys { char py[256], ini[64], tail[8]; };

static void name_keys(const struct member *m, struct name_keys *k)
{
	pinyin_name(m->name, k->py, sizeof k->py, k->ini, sizeof k->ini);
	/* the last six characters reversed: "ends with 1234" becomes an indexed prefix match */
	for (int i = 0; i < 6; i++)
		k->tail[i] = m->id_no[17 - i];
	k->tail[6] = 0;
}

/* The name's characters for the full-text index (member_names).  In a
 * bulk load the index is built once at the end (member_names_build). */
static int index_chars(struct session *s, const struct member *m, int is_new)
{
	char chars[512];
	if (store_bulk_on(s->db))
		return 0;
	name_chars(m->name, chars, sizeof chars);
	if (!is_new)
		store_exec(s->db, "DELETE FROM member_names WHERE rowid = ?", "l", m->id);
	return store_exec(s->db, "INSERT INTO member_names(rowid, chars) VALUES (?, ?)", "lt",
	                  m->id, chars);
}

#define NAMES_ROWS 64        /* rows per INSERT: 64 x 2 values */

static int insert_names(struct store *db, const int64_t *ids, char (*chars)[512], int n)
{
	char sql[NAMES_ROWS * 8 + 64];
	size_t len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO member_names(rowid, chars) VALUES ");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(sql + len, sizeof sql - len, "%s(?,?)", i ? "," : "");
	struct stmt *st = store_prepd(db, sql);
	for (int i = 0; st && i < n; i++) {
		stmt_bind_int(st, 2 * i + 1, ids[i]);
		stmt_bind_static(st, 2 * i + 2, chars[i]);
	}
	int rc = st ? stmt_step(st) : -1;
	stmt_done(st);
	return rc == 0 ? 0 : -1;
}

int member_names_build(struct session *s)
{
	static char chars[NAMES_ROWS][512];
	int64_t ids[NAMES_ROWS];
	int64_t after = 0;
	for (;;) {
		struct stmt *st = store_prep(s->db, "SELECT id, name FROM members WHERE id > ?"
		                             " ORDER BY id LIMIT ?", "li", after, NAMES_ROWS);
		int n = 0;
		while (st && n < NAMES_ROWS && stmt_step(st) == 1) {
			ids[n] = stmt_int(st, 0);
			name_chars(stmt_text(st, 1), chars[n], sizeof chars[n]);
			n++;
		}
		stmt_done(st);
		if (n && insert_names(s->db, ids, chars, n) != 0)
			return -1;
		if (n < NAMES_ROWS)
			return 0;
		after = ids[n - 1];
	}
}

static int write_names(struct session *s, const struct member *m, int is_new)
{
	struct name_keys k;
	name_keys(m, &k);
	if (index_chars(s, m, is_new) != 0)
		return -1;
	return store_exec(s->db, "UPDATE members SET pinyin = ?, initials = ?, id_tail = ? WHERE id = ?",
	                  "tttl", k.py, k.ini, k.tail, m->id);
}

/* The head's name and the size live on the household for fast lists. */
int household_refresh_head(struct session *s, int64_t household_id)
{
	char name[64] = "", key[384] = "", py[256], ini[64];
	store_text(s->db, name, sizeof name,
	           "SELECT name FROM members WHERE household_id = ? AND relation = '户主' AND active <> 0",
	           "l", household_id);
	pinyin_sortkey(name, key, sizeof key);
	pinyin_name(name, py, sizeof py, ini, sizeof ini);
	return store_exec(s->db,
		"UPDATE households SET head_name = ?1, head_pinyin = ?2, head_initials = ?3,"
		" size = (SELECT count(*) FROM members WHERE household_id = ?4 AND active <> 0)"
		" WHERE id = ?4",
		"tttl", name, key, ini, household_id);
}

#define MEMBER_COLS \
	"id, household_id, name, id_no, sex, birth, ethnicity, relation, education, schooling," \
	" health, disability, labour, migrant_months, migrant_place, public_job," \
	" public_job_months, ins_medical, ins_serious, ins_pension, dibao, tekun, phone," \
	" active, version"

static void read_member(struct stmt *st, struct member *m)
{
	int c = 0;
	m->id = stmt_int(st, c++);
	m->household_id = stmt_int(st, c++);
#define TXT(f) snprintf(m->f, sizeof m->f, "%s", stmt_text(st, c++))
	TXT(name);
	TXT(id_no);
	m->sex = (int)stmt_int(st, c++);
	TXT(birth);
	TXT(ethnicity);
	TXT(relation);
	TXT(education);
	TXT(schooling);
	TXT(health);
	TXT(disability);
	TXT(labour);
	m->migrant_months = (int)stmt_int(st, c++);
	TXT(migrant_place);
	TXT(public_job);
	m->public_job_months = (int)stmt_int(st, c++);
	m->ins_medical = (int)stmt_int(st, c++);
	m->ins_serious = (int)stmt_int(st, c++);
	m->ins_pension = (int)stmt_int(st, c++);
	m->dibao = (int)stmt_int(st, c++);
	m->tekun = (int)stmt_int(st, c++);
	TXT(phone);
#undef TXT
	m->active = (int)stmt_int(st, c++);
	m->version = (int)stmt_int(st, c++);
}

/* active members, 户主 first, whoever may see them (the callers decide) */
static int list_active(struct session *s, int64_t household_id, struct member *out, int max)
{
	struct stmt *st = store_prep(s->db, "SELECT " MEMBER_COLS " FROM members"
		" WHERE household_id = ? AND active <> 0 ORDER BY relation <> '户主', birth, id",
		"l", household_id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		read_member(st, &out[n++]);
	stmt_done(st);
	return n;
}

int member_list(struct session *s, int64_t household_id, struct member *out, int max)
{
	return scope_household(s, household_id) ? list_active(s, household_id, out, max) : 0;
}

int member_get(struct session *s, int64_t id, struct member *m)
{
	struct stmt *st = store_prep(s->db, "SELECT " MEMBER_COLS " FROM members WHERE id = ?", "l", id);
	int rc = st ? stmt_step(st) : -1;
	if (rc == 1)
		read_member(st, m);
	stmt_done(st);
	if (rc == 1 && !scope_household(s, m->household_id))
		rc = 0;
	return rc;
}

int member_fits(struct session *s, const struct member *m, struct jerr *e)
{
	static struct member ms[HH_MAX_MEMBERS + 1];
	int n = list_active(s, m->household_id, ms, HH_MAX_MEMBERS), i;
	for (i = 0; i < n && ms[i].id != m->id; i++)
		;
	if (i == n && n >= HH_MAX_MEMBERS)
		return jerr_set(e, "", "一户最多登记%d人", HH_MAX_MEMBERS);
	ms[i] = *m;
	if (i == n)
		n++;
	struct household h;   /* its risks, when this officer may read it */
	int seen = household_get(s, m->household_id, &h, NULL) == 0;
	return household_check_members(seen ? &h : NULL, ms, n, e);
}

static int check_with(struct session *s, const struct member *m, struct jerr *e)
{
	return member_fits(s, m, e);
}

/* The search keys go in with the row: one statement, not an insert and
 * an update (a 200,000-household demo inserts 650,000 members). */
static int insert_member(struct session *s, struct member *m)
{
	struct name_keys k;
	name_keys(m, &k);
	if (store_exec(s->db,
		"INSERT INTO members(household_id, name, id_no, sex, birth, ethnicity, relation,"
		" education, schooling, health, disability, labour, migrant_months, migrant_place,"
		" public_job, public_job_months, ins_medical, ins_serious, ins_pension, dibao, tekun,"
		" phone, pinyin, initials, id_tail)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		"lttittttttttittiiiiiitttt", m->household_id, m->name, m->id_no, m->sex, m->birth,
		m->ethnicity, m->relation, m->education, m->schooling, m->health, m->disability,
		m->labour, m->migrant_months, m->migrant_place, m->public_job, m->public_job_months,
		m->ins_medical, m->ins_serious, m->ins_pension, m->dibao, m->tekun, m->phone, k.py,
		k.ini, k.tail) != 0)
		return -1;
	m->id = store_last_id(s->db);
	m->version = 1;
	return index_chars(s, m, 1);
}

int household_takes_members(struct session *s, int64_t household_id, struct jerr *e)
{
	char status[16] = "";
	enum hh_status st;
	store_text(s->db, status, sizeof status, "SELECT status FROM households WHERE id = ?", "l",
	           household_id);
	if (hh_status_from_text(status, &st) == 0 && st == STATUS_DISSOLVED)
		return jerr_set(e, "", "这一户已注销，不能再增加成员");
	return 0;
}

/* Inserts m without the household-wide check: household_create checks the
 * head on its own; member_add checks the whole household first. */
int member_insert_checked(struct session *s, struct member *m, struct jerr *e)
{
	if (member_id_taken(s, m->id_no, 0, e) || household_takes_members(s, m->household_id, e) != 0)
		return -1;
	if (insert_member(s, m) != 0)
		return jerr_set(e, "", "无法保存成员: %s", store_errmsg(s->db));
	audit_write(s, "members", m->id, m->household_id, "id_no", NULL, m->id_no);
	audit_write(s, "members", m->id, m->household_id, "name", NULL, m->name);
	if (!strcmp(m->relation, "户主") || !m->active)
		return household_refresh_head(s, m->household_id);
	/* another member: the head's name and its pinyin stay as they are */
	return store_exec(s->db, "UPDATE households SET size = (SELECT count(*) FROM members"
	                  " WHERE household_id = ?1 AND active <> 0) WHERE id = ?1", "l", m->household_id);
}

/* A new member of a household just created (household_create_with):
 * as member_insert_checked, without asking whether the new household has
 * been dissolved, and the size left to the caller. */
static int insert_new(struct session *s, struct member *m, struct jerr *e)
{
	if (member_id_taken(s, m->id_no, 0, e))
		return -1;
	if (insert_member(s, m) != 0)
		return jerr_set(e, "", "无法保存成员: %s", store_errmsg(s->db));
	audit_write(s, "members", m->id, m->household_id, "id_no", NULL, m->id_no);
	audit_write(s, "members", m->id, m->household_id, "name", NULL, m->name);
	return 0;
}

int household_create_with(struct session *s, struct household *h, struct member *ms, int n,
                          struct jerr *e)
{
	for (int i = 0; i < n; i++)
		if (member_validate(s, &ms[i], e) != 0)
			return -1;
	if (household_check_members(h, ms, n, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	int rc = household_create(s, h, &ms[0], e);
	for (int i = 1; rc == 0 && i < n; i++) {
		ms[i].household_id = h->id;
		rc = insert_new(s, &ms[i], e);
	}
	if (rc == 0 && n > 1 &&
	    store_exec(s->db, "UPDATE households SET size = (SELECT count(*) FROM members"
	               " WHERE household_id = ?1 AND active <> 0) WHERE id = ?1", "l", h->id) != 0)
		rc = jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	if (rc != 0) {
		store_rollback(s->db);
		return -1;
	}
	if (store_commit(s->db) != 0)
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	h->size = n;
	return 0;
}

int member_add(struct session *s, struct member *m, struct jerr *e)
{
	m->id = 0;
	if (!scope_household(s, m->household_id))
		return jerr_set(e, "", "无权修改这一户（不在您的辖区）");
	if (member_validate(s, m, e) != 0 || check_with(s, m, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	if (member_insert_checked(s, m, e) != 0) {
		store_rollback(s->db);
		return -1;
	}
	if (store_commit(s->db) != 0)
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	return 0;
}

static void audit_member(struct session *s, const struct member *o, const struct member *m)
{
	int64_t hh = m->household_id;
#define T(f) audit_diff(s, "members", m->id, hh, #f, o->f, m->f)
#define I(f) audit_diff_int(s, "members", m->id, hh, #f, o->f, m->f)
	T(name); T(id_no); T(ethnicity); T(relation); T(education); T(schooling); T(health);
	T(disability); T(labour); I(migrant_months); T(migrant_place); T(public_job);
	I(public_job_months); I(ins_medical); I(ins_serious); I(ins_pension); I(dibao);
	I(tekun); T(phone); I(active);
#undef T
#undef I
}

static int update_row(struct session *s, const struct member *m)
{
	return store_exec(s->db,
		"UPDATE members SET name=?, id_no=?, sex=?, birth=?, ethnicity=?, relation=?,"
		" education=?, schooling=?, health=?, disability=?, labour=?, migrant_months=?,"
		" migrant_place=?, public_job=?, public_job_months=?, ins_medical=?, ins_serious=?,"
		" ins_pension=?, dibao=?, tekun=?, phone=?, active=?, version = version + 1"
		" WHERE id = ? AND version = ?",
		"ttittttttttittiiiiiitili", m->name, m->id_no, m->sex, m->birth, m->ethnicity,
		m->relation, m->education, m->schooling, m->health, m->disability, m->labour,
		m->migrant_months, m->migrant_place, m->public_job, m->public_job_months,
		m->ins_medical, m->ins_serious, m->ins_pension, m->dibao, m->tekun, m->phone,
		m->active, m->id, m->version);
}

int member_reactivate(struct session *s, struct member *m, int64_t id, struct jerr *e)
{
	int64_t from = store_int(s->db, 0, "SELECT household_id FROM members WHERE id = ?", "l", id);
	m->id = id;
	m->active = 1;
	m->version = (int)store_int(s->db, 0, "SELECT version FROM members WHERE id = ?", "l", id);
	if (store_exec(s->db, "UPDATE members SET household_id = ? WHERE id = ?", "ll",
	               m->household_id, id) != 0 || update_row(s, m) != 0 ||
	    store_changes(s->db) != 1 || write_names(s, m, 0) != 0 ||
	    household_refresh_head(s, m->household_id) != 0)
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	audit_diff_int(s, "members", id, m->household_id, "household_id", from, m->household_id);
	audit_write(s, "members", id, m->household_id, "active", "0", "1");
	m->version++;
	return 0;
}

int member_update(struct session *s, struct member *m, struct jerr *e)
{
	struct member old;
	if (member_get(s, m->id, &old) != 1)
		return jerr_set(e, "", "找不到这名成员，或不在您的辖区");
	m->household_id = old.household_id;
	if (m->active != old.active)   /* a life event has a day and a reason */
		return jerr_set(e, "active", "成员的增减（去世、迁出、婚出等）请用“成员变动”登记日期和原因");
	if (member_validate(s, m, e) != 0 || member_birth_check(s, m, e) != 0 ||
	    check_with(s, m, e) != 0)
		return -1;
	if (member_id_taken(s, m->id_no, m->id, e))
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	if (update_row(s, m) != 0 || store_changes(s->db) == 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "这名成员已被其他操作员修改，请重新打开后再保存（您填写的内容仍在表单中）");
	}
	audit_member(s, &old, m);
	if ((strcmp(old.name, m->name) || strcmp(old.id_no, m->id_no)) && write_names(s, m, 0) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	household_refresh_head(s, m->household_id);
	if (store_commit(s->db) != 0)
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	m->version++;
	return 0;
}
