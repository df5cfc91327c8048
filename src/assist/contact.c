/* Contact persons (监测帮扶联系人, SPEC §6) and their assignment to
 * households: one current contact per household, every earlier one kept
 * with its dates, and households.contact_id always the current one. */
#include <stdio.h>
#include <string.h>

#include "register/upstream.h"
#include "access/area.h"
#include "assist/assist.h"
#include "access/audit.h"
#include "register/flags.h"
#include "register/hh_state.h"
#include "register/household.h"
#include "base/pinyin.h"
#include "access/scope.h"
#include "base/vocab.h"
#include "base/text.h"

/* Contacts serve a township or village; an officer sees those serving
 * inside the scope and those serving the areas above it (a township cadre
 * works in every village of the township). */
#define CONTACT_SEEN \
	" (%s OR a.id IN (SELECT township_id FROM areas WHERE id = ?1)" \
	"  OR a.id IN (SELECT county_id FROM areas WHERE id = ?1))"

static int contact_visible(struct session *s, int64_t area_id)
{
	if (scope_area(s, area_id))
		return 1;
	return store_int(s->db, 0, "SELECT count(*) FROM areas WHERE id = ? AND (township_id = ?"
	                 " OR county_id = ?)", "lll", scope_value(&s->scope), area_id, area_id) > 0;
}

#define CONTACT_COLS \
	"c.id, c.name, c.unit, c.phone, c.kind, c.area_id, coalesce(c.officer_id, 0), c.active," \
	" c.version"

static void read_contact(struct stmt *st, struct contact *c)
{
	memset(c, 0, sizeof *c);
	c->id = stmt_int(st, 0);
	snprintf(c->name, sizeof c->name, "%s", stmt_text(st, 1));
	snprintf(c->unit, sizeof c->unit, "%s", stmt_text(st, 2));
	snprintf(c->phone, sizeof c->phone, "%s", stmt_text(st, 3));
	snprintf(c->kind, sizeof c->kind, "%s", stmt_text(st, 4));
	c->area_id = stmt_int(st, 5);
	c->officer_id = stmt_int(st, 6);
	c->active = (int)stmt_int(st, 7);
	c->version = (int)stmt_int(st, 8);
}

int contact_get(struct session *s, int64_t id, struct contact *c)
{
	struct stmt *st = store_prep(s->db, "SELECT " CONTACT_COLS " FROM contacts c WHERE c.id = ?",
	                             "l", id);
	int rc = st ? stmt_step(st) : -1;
	if (rc == 1)
		read_contact(st, c);
	stmt_done(st);
	return rc == 1 && contact_visible(s, c->area_id) ? 1 : 0;
}

int contact_list(struct session *s, int offset, struct contact *out, int max)
{
	char where[256], sql[3072];
	snprintf(where, sizeof where, CONTACT_SEEN, scope_area_predicate(&s->scope));
	snprintf(sql, sizeof sql, "SELECT " CONTACT_COLS ","
	         " (SELECT count(*) FROM households h WHERE h.contact_id = c.id AND h.%s = ?1),"
	         " (SELECT count(*) FROM households h WHERE h.contact_id = c.id AND h.%s = ?1 AND %s)"
	         " FROM contacts c JOIN areas a ON a.id = c.area_id WHERE %s"
	         " ORDER BY c.active DESC, c.pinyin, c.id LIMIT ?2 OFFSET ?3",
	         scope_column(&s->scope), scope_column(&s->scope),
	         flag_predicate(FLAG_VISIT_OVERDUE), where);
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return 0;
	struct flag_dates d;
	flag_dates(s, &d);
	stmt_bind_int(st, 1, scope_value(&s->scope));
	stmt_bind_int(st, 2, max);
	stmt_bind_int(st, 3, offset);
	flags_bind(st, &d);
	int n = 0;
	while (n < max && stmt_step(st) == 1) {
		read_contact(st, &out[n]);
		out[n].households = (int)stmt_int(st, 9);
		out[n].overdue = (int)stmt_int(st, 10);
		n++;
	}
	stmt_done(st);
	return n;
}

int contact_check(struct session *s, const struct contact *c, struct jerr *e)
{
	struct area a;
	if (!*c->name)
		return jerr_set(e, "name", "请填写联系人姓名");
	if (text_check_clean(c->name, 0, "name", "姓名", e) ||
	    text_check_clean(c->unit, 0, "unit", "单位", e))
		return -1;
	if (vocab_find(&VOCAB_CONTACT_KIND, c->kind) < 0)
		return jerr_set(e, "kind", "联系人类别应为乡镇干部、驻村干部或村干部");
	if (phone_check(c->phone, e) != 0)
		return -1;
	if (!c->area_id || area_get(s->db, c->area_id, &a) != 1 ||
	    (a.level != LEVEL_TOWNSHIP && a.level != LEVEL_VILLAGE))
		return jerr_set(e, "area", "请选择联系人服务的乡镇或村");
	if (!scope_area(s, a.id))
		return jerr_set(e, "area", "%s不在您的辖区", a.name);
	if (c->officer_id && !store_int(s->db, 0, "SELECT count(*) FROM officers WHERE id = ?", "l",
	                                c->officer_id))
		return jerr_set(e, "officer", "所选的操作员不存在");
	return 0;
}

static int insert_contact(struct session *s, struct contact *c, const char *key, const char *ini)
{
	if (store_exec(s->db, "INSERT INTO contacts(name, pinyin, initials, unit, phone, kind,"
	               " area_id, officer_id, active) VALUES (?,?,?,?,?,?,?,?,?)", "ttttttlLi",
	               c->name, key, ini, c->unit, c->phone, c->kind, c->area_id, c->officer_id,
	               c->active) != 0)
		return -1;
	c->id = store_last_id(s->db);
	c->version = 1;
	return audit_write(s, "contacts", c->id, 0, "name", NULL, c->name);
}

static int update_contact(struct session *s, struct contact *c, const char *key, const char *ini)
{
	struct contact o;
	if (contact_get(s, c->id, &o) != 1)
		return -1;
	if (store_exec(s->db, "UPDATE contacts SET name = ?, pinyin = ?, initials = ?, unit = ?,"
	               " phone = ?, kind = ?, area_id = ?, officer_id = ?, active = ?,"
	               " version = version + 1 WHERE id = ? AND version = ?", "ttttttlLili",
	               c->name, key, ini, c->unit, c->phone, c->kind, c->area_id, c->officer_id,
	               c->active, c->id, c->version) != 0 || store_changes(s->db) != 1)
		return -1;
#define T(f) audit_diff(s, "contacts", c->id, 0, #f, o.f, c->f)
#define I(f) audit_diff_int(s, "contacts", c->id, 0, #f, o.f, c->f)
	T(name); T(unit); T(phone); T(kind); I(area_id); I(officer_id); I(active);
#undef T
#undef I
	c->version++;
	return 0;
}

int contact_save(struct session *s, struct contact *c, struct jerr *e)
{
	if (contact_check(s, c, e) != 0)
		return -1;
	if (c->id && contact_get(s, c->id, &(struct contact){ 0 }) != 1)
		return jerr_set(e, "", "找不到这名联系人，或不在您的辖区");
	char key[384], py[256], ini[64];
	pinyin_sortkey(c->name, key, sizeof key);
	pinyin_name(c->name, py, sizeof py, ini, sizeof ini);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if ((c->id ? update_contact(s, c, key, ini) : insert_contact(s, c, key, ini)) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", c->id ? "这名联系人已被其他操作员修改，请重新打开后再保存（您填写的内容仍在表单中）"
		                             : "保存联系人失败");
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

/* ---- assignment ---- */

/* Checks one assignment; *same = 1 when the contact is already current. */
static int check_assign(struct session *s, int64_t hh, const struct contact *c, jday on,
                        int *same, struct jerr *e)
{
	struct household h;
	if (household_get(s, hh, &h, e) != 0)
		return -1;
	if (h.status == STATUS_DISSOLVED)
		return jerr_set(e, "", "户编号%s已注销，不再安排联系人", h.hh_no);
	if (c->area_id != h.village_id && c->area_id != h.township_id && c->area_id != h.county_id)
		return jerr_set(e, "contact", "%s服务的范围不包括户编号%s（%s）", c->name, h.hh_no,
		                h.village_name);
	char from[11] = "";
	store_text(s->db, from, sizeof from, "SELECT from_on FROM contact_assignments"
	           " WHERE household_id = ? AND to_on IS NULL", "l", hh);
	if (*from && on < date_iso(from))
		return jerr_set(e, "from_on", "户编号%s现任联系人自%s起联系，新的日期不能更早", h.hh_no, from);
	*same = h.contact_id == c->id;
	return 0;
}

static int end_current(struct session *s, int64_t hh, const char *day)
{
	char old[64] = "";
	store_text(s->db, old, sizeof old, "SELECT c.name FROM households h JOIN contacts c"
	           " ON c.id = h.contact_id WHERE h.id = ?", "l", hh);
	if (store_exec(s->db, "UPDATE contact_assignments SET to_on = ? WHERE household_id = ?"
	               " AND to_on IS NULL", "tl", day, hh) != 0)
		return -1;
	return *old ? audit_write(s, "households", hh, hh, "contact", old, NULL) : 0;
}

static int assign_write(struct session *s, int64_t hh, const struct contact *c, const char *day)
{
	if (end_current(s, hh, day) != 0 ||
	    store_exec(s->db, "INSERT INTO contact_assignments(household_id, contact_id, from_on,"
	               " officer_id) VALUES (?,?,?,?)", "lltL", hh, c->id, day, s->me.id) != 0 ||
	    store_exec(s->db, "UPDATE households SET contact_id = ? WHERE id = ?", "ll", c->id, hh) != 0)
		return -1;
	const struct upstream_field f[] = {
		{ "监测联系人", c->name }, { "联系方式", c->phone }, { "联系人单位", c->unit },
		{ "联系开始日期", day },
	};
	if (upstream_record(s, hh, 0, NULL, "更换帮扶联系人", day, f, (int)(sizeof f / sizeof f[0])))
		return -1;
	return audit_write(s, "households", hh, hh, "contact", NULL, c->name);
}

static int assign_prepare(struct session *s, int64_t contact_id, jday *on, struct contact *c,
                          struct jerr *e)
{
	if (contact_get(s, contact_id, c) != 1)
		return jerr_set(e, "contact", "找不到这名联系人，或不在您的辖区");
	if (!c->active)
		return jerr_set(e, "contact", "联系人%s已停用", c->name);
	if (*on == JDAY_NONE)
		*on = clock_today();
	if (*on > clock_today())
		return jerr_set(e, "from_on", "联系开始日期不能晚于今天");
	return 0;
}

int contact_assign(struct session *s, int64_t household_id, int64_t contact_id, jday on,
                   struct jerr *e)
{
	return contact_bulk_assign(s, &household_id, 1, contact_id, on, e);
}

int contact_bulk_assign(struct session *s, const int64_t *households, int n,
                        int64_t contact_id, jday on, struct jerr *e)
{
	struct contact c;
	char day[11];
	int same;
	if (n <= 0)
		return jerr_set(e, "", "没有选中任何户");
	if (assign_prepare(s, contact_id, &on, &c, e) != 0)
		return -1;
	for (int i = 0; i < n; i++)   /* every one checked before anything is written */
		if (check_assign(s, households[i], &c, on, &same, e) != 0)
			return -1;
	date_fmt(on, day);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	for (int i = 0; i < n; i++) {
		/* checked again: the list may name a household twice */
		if (check_assign(s, households[i], &c, on, &same, e) != 0) {
			store_rollback(s->db);
			return -1;
		}
		if (!same && assign_write(s, households[i], &c, day) != 0) {
			store_rollback(s->db);
			return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
		}
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

int contact_unassign(struct session *s, int64_t household_id, jday on, struct jerr *e)
{
	char day[11];
	if (!scope_household(s, household_id))
		return jerr_set(e, "", "找不到这一户，或不在您的辖区");
	if (!store_int(s->db, 0, "SELECT contact_id FROM households WHERE id = ?", "l", household_id))
		return jerr_set(e, "", "这一户没有联系人");
	date_fmt(on == JDAY_NONE ? clock_today() : on, day);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (end_current(s, household_id, day) != 0 ||
	    store_exec(s->db, "UPDATE households SET contact_id = NULL WHERE id = ?", "l",
	               household_id) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

int contact_history(struct session *s, int64_t household_id, struct contact_assignment *out,
                    int max)
{
	if (!scope_household(s, household_id))
		return 0;
	struct stmt *st = store_prep(s->db, "SELECT x.id, x.contact_id, c.name, x.from_on,"
		" coalesce(x.to_on, '') FROM contact_assignments x JOIN contacts c ON c.id = x.contact_id"
		" WHERE x.household_id = ? ORDER BY x.id", "l", household_id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1) {
		struct contact_assignment *a = &out[n++];
		a->id = stmt_int(st, 0);
		a->contact_id = stmt_int(st, 1);
		snprintf(a->contact_name, sizeof a->contact_name, "%s", stmt_text(st, 2));
		snprintf(a->from_on, sizeof a->from_on, "%s", stmt_text(st, 3));
		snprintf(a->to_on, sizeof a->to_on, "%s", stmt_text(st, 4));
	}
	stmt_done(st);
	return n;
}
