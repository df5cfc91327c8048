/* Importing visit records typed into a spreadsheet (late paper entry, SPEC
 * §7): each row names a registered household by its number or by a
 * member's ID number (both: they must agree).  A visit is the same visit
 * when household, day and every finding are the same: two different visits
 * on one day are both kept, the same visit is stored once however often and
 * by however many officers it is imported (checked again inside the write
 * transaction, and visits.import_key is unique: db/005). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assist/assist.h"
#include "base/idcard.h"
#include "io/import_impl.h"
#include "access/scope.h"
#include "store/store.h"

struct visit_row {
	struct visit v;
	char key[40];              /* visits.import_key: household, day, findings */
};

static int64_t household_by_id(struct import *im, struct import_row *r, const char *id)
{
	char norm[20];
	struct jerr e = { 0 };
	if (idcard_normalize(id, norm, &e) != 0)
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg);
	int64_t hh = store_int(im->s->db, 0, "SELECT household_id FROM members WHERE id_no = ?", "t", norm);
	if (!hh)
		return import_reject(im, r, TRIAGE_NONE, "登记册中没有这个身份证号码的人");
	return hh;
}

/* The household of the row: 0 with r rejected or skipped. */
static int64_t household_of(struct import *im, struct import_row *r)
{
	const char *no = import_cell(im, F_HH_NO), *id = import_cell(im, F_ID_NO);
	int64_t hh = 0;
	if (*no) {
		hh = store_int(im->s->db, 0, "SELECT id FROM households WHERE hh_no = ?", "t", no);
		if (!hh)
			return import_reject(im, r, TRIAGE_NONE, "找不到户编号 %s", no);
	}
	if (*id) {
		int64_t by_id = household_by_id(im, r, id);
		if (!by_id)
			return 0;
		if (hh && by_id != hh)
			return import_reject(im, r, TRIAGE_NONE, "%s与%s不是同一户：请核对是哪一户的走访",
			                     import_header(im, F_HH_NO), import_header(im, F_ID_NO));
		hh = by_id;
	}
	if (!hh)
		return import_reject(im, r, TRIAGE_NONE, "户编号和身份证号码都没有填写");
	if (!scope_household(im->s, hh))
		return import_skip(im, r, TRIAGE_OUTSIDE, "这一户不在您的辖区");
	struct jerr e = { 0 };
	if (assist_household_ok(im->s, hh, "走访", &e) != 0)   /* visit_add's own rule */
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg);
	return hh;
}

/* A contact person serving an area inside the officer's scope, by name. */
static int64_t contact_of(struct import *im, struct import_row *r, const char *name)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT c.id FROM contacts c JOIN areas a ON a.id = c.area_id"
	         " WHERE c.active <> 0 AND c.name = ?2 AND %s LIMIT 2",
	         scope_area_predicate(&im->s->scope));
	struct stmt *st = store_prepd(im->s->db, sql);
	int64_t id = 0;
	int n = 0;
	if (st) {
		stmt_bind_int(st, 1, scope_value(&im->s->scope));
		stmt_bind_text(st, 2, name);
		for (; stmt_step(st) == 1; n++)
			id = stmt_int(st, 0);
	}
	stmt_done(st);
	if (n == 0)
		return import_reject(im, r, TRIAGE_NONE, "您的辖区里没有名叫“%s”的帮扶联系人", name);
	if (n > 1)
		return import_reject(im, r, TRIAGE_NONE, "辖区里有不止一位名叫“%s”的帮扶联系人，请在系统中逐户录入", name);
	return id;
}

static int read_texts(struct import *im, struct import_row *r, struct visit *v)
{
	return import_copy(im, r, F_FINDINGS, v->findings, sizeof v->findings) ||
	       import_copy(im, r, F_INCOME_CHANGE, v->income_change, sizeof v->income_change) ||
	       import_copy(im, r, F_NEW_RISKS, v->new_risks, sizeof v->new_risks) ||
	       import_copy(im, r, F_GUARANTEE, v->guarantee_problems, sizeof v->guarantee_problems)
	       ? -1 : 0;
}

static void describe(struct import *im, struct import_row *r, int64_t hh)
{
	char no[32] = "", head[64] = "";
	store_text(im->s->db, no, sizeof no, "SELECT hh_no FROM households WHERE id = ?", "l", hh);
	store_text(im->s->db, head, sizeof head, "SELECT head_name FROM households WHERE id = ?", "l", hh);
	char who[128];
	snprintf(who, sizeof who, "%s（户编号 %s）", head, no);
	import_set_who(im, r, who);
}

static void make_key(struct visit_row *d)
{
	char hh[24];
	snprintf(hh, sizeof hh, "%lld", (long long)d->v.household_id);
	const char *parts[] = { "visit", hh, d->v.visited_on, d->v.findings, d->v.income_change,
	                        d->v.new_risks, d->v.guarantee_problems };
	import_digest(parts, 7, d->key);
}

/* 1 if this very visit is recorded: imported before, or typed in a form */
static int recorded(struct import *im, const struct visit *v)
{
	return store_int(im->s->db, 0, "SELECT count(*) FROM visits WHERE household_id = ? AND"
	                 " visited_on = ? AND findings = ? AND income_change = ? AND new_risks = ?"
	                 " AND guarantee_problems = ?", "lttttt", v->household_id, v->visited_on,
	                 v->findings, v->income_change, v->new_risks, v->guarantee_problems) > 0;
}

/* the same visit: earlier in the file, or already recorded */
static int repeated(struct import *im, long idx, struct import_row *r, const struct visit_row *d)
{
	char key[64];
	snprintf(key, sizeof key, "V:%s", d->key);
	int64_t *first = strmap_get(&im->seen, key);
	if (first) {
		r->verdict = IMPORT_SAME;
		import_note(im, r, "与第%ld行是同一次走访（同一户、同一天、内容相同），未重复添加",
		            im->rows[*first].line);
		return 1;
	}
	strmap_put(&im->seen, key, idx);
	if (!recorded(im, &d->v))
		return 0;
	r->verdict = IMPORT_SAME;
	import_note(im, r, "这次走访（%s）已经登记过，未重复添加", d->v.visited_on);
	return 1;
}

static void check(struct import *im, long idx, struct import_row *r, void **data)
{
	struct visit_row *d = import_alloc(im, sizeof *d);
	if (!(*data = d)) {
		import_reject(im, r, TRIAGE_NONE, "内存不足");
		return;
	}
	struct visit *v = &d->v;
	if (!(v->household_id = household_of(im, r)))
		return;
	describe(im, r, v->household_id);
	jday on = import_date(im, r, import_cell(im, F_DATE), import_header(im, F_DATE), JDAY_NONE);
	if (on == JDAY_NONE || read_texts(im, r, v) != 0)
		return;
	struct jerr e = { 0 };
	if (visit_findings_check(v->findings, &e) != 0) {   /* visit_add's own rule */
		import_reject(im, r, TRIAGE_NONE, "%s", e.msg);
		return;
	}
	date_fmt(on, v->visited_on);
	const char *contact = import_cell(im, F_CONTACT);
	if (*contact && !(v->contact_id = contact_of(im, r, contact)))
		return;
	if (!*contact)
		v->contact_id = store_int(im->s->db, 0, "SELECT contact_id FROM households WHERE id = ?",
		                          "l", v->household_id);
	make_key(d);
	if (repeated(im, idx, r, d))
		return;
	r->verdict = IMPORT_NEW;
	import_note(im, r, "%s 的走访记录", v->visited_on);
}

/* Inside the import's transaction: a visit another officer recorded since
 * the check is matched, not added again. */
static int write(struct import *im, long idx, struct jerr *e)
{
	struct visit_row *d = im->priv[idx].data;
	if (recorded(im, &d->v))
		return IMPORT_SAME;
	if (visit_add(im->s, &d->v, e) != 0)
		return -1;
	if (store_exec(im->s->db, "UPDATE visits SET import_key = ? WHERE id = ?", "tl", d->key,
	               d->v.id) != 0)
		return jerr_set(e, "", "保存走访失败: %s", store_errmsg(im->s->db));
	return IMPORT_NEW;
}

const struct import_kind import_visits_kind = { "visits", check, NULL, write, NULL, -1, NULL, NULL };
