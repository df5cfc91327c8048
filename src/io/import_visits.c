/* Importing visit records typed into a spreadsheet (late paper entry, SPEC
 * §7): each row names a registered household by its number or by a
 * member's ID number.  A household visited on the same day is matched, not
 * visited twice, so a second import adds nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assist/assist.h"
#include "base/idcard.h"
#include "io/import_impl.h"
#include "access/scope.h"
#include "store/store.h"

/* The household of the row: 0 with r rejected. */
static int64_t household_of(struct import *im, struct import_row *r)
{
	const char *no = import_cell(im, F_HH_NO), *id = import_cell(im, F_ID_NO);
	int64_t hh = 0;
	if (*no) {
		hh = store_int(im->s->db, 0, "SELECT id FROM households WHERE hh_no = ?", "t", no);
		if (!hh)
			return import_reject(r, TRIAGE_NONE, "找不到户编号 %s", no);
	} else if (*id) {
		char norm[20];
		struct jerr e = { 0 };
		if (idcard_normalize(id, norm, &e) != 0)
			return import_reject(r, TRIAGE_NONE, "%s", e.msg);
		hh = store_int(im->s->db, 0, "SELECT household_id FROM members WHERE id_no = ?", "t", norm);
		if (!hh)
			return import_reject(r, TRIAGE_NONE, "登记册中没有这个身份证号码的人");
	} else {
		return import_reject(r, TRIAGE_NONE, "户编号和身份证号码都没有填写");
	}
	if (!scope_household(im->s, hh))
		return import_reject(r, TRIAGE_OUTSIDE, "这一户不在您的辖区");
	struct jerr e = { 0 };
	if (assist_household_ok(im->s, hh, "走访", &e) != 0)   /* visit_add's own rule */
		return import_reject(r, TRIAGE_NONE, "%s", e.msg);
	return hh;
}

/* A contact person serving an area inside the officer's scope, by name. */
static int64_t contact_of(struct import *im, struct import_row *r, const char *name)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT c.id FROM contacts c JOIN areas a ON a.id = c.area_id"
	         " WHERE c.active AND c.name = ?2 AND %s LIMIT 2",
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
		return import_reject(r, TRIAGE_NONE, "您的辖区里没有名叫“%s”的帮扶联系人", name);
	if (n > 1)
		return import_reject(r, TRIAGE_NONE, "辖区里有不止一位名叫“%s”的帮扶联系人，请在系统中逐户录入", name);
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
	snprintf(r->who, sizeof r->who, "%s（户编号 %s）", head, no);
}

/* the same household and day: earlier in the file, or already recorded */
static int repeated(struct import *im, long idx, struct import_row *r, const struct visit *v)
{
	char key[64];
	snprintf(key, sizeof key, "V:%lld:%s", (long long)v->household_id, v->visited_on);
	int64_t *first = strmap_get(&im->seen, key);
	if (first)
		return import_reject(r, TRIAGE_NONE, "与第%ld行重复（同一户、同一天）",
		                     im->rows[*first].line), 1;
	strmap_put(&im->seen, key, idx);
	if (!store_int(im->s->db, 0, "SELECT count(*) FROM visits WHERE household_id = ? AND visited_on = ?",
	               "lt", v->household_id, v->visited_on))
		return 0;
	r->verdict = IMPORT_SAME;
	import_note(r, "这一户在 %s 已有走访记录，未重复添加", v->visited_on);
	return 1;
}

static void check(struct import *im, long idx, struct import_row *r, void **data)
{
	struct visit *v = calloc(1, sizeof *v);
	if (!(*data = v)) {
		import_reject(r, TRIAGE_NONE, "内存不足");
		return;
	}
	if (!(v->household_id = household_of(im, r)))
		return;
	describe(im, r, v->household_id);
	jday on = import_date(im, r, import_cell(im, F_DATE), import_header(im, F_DATE), JDAY_NONE);
	if (on == JDAY_NONE || read_texts(im, r, v) != 0)
		return;
	struct jerr e = { 0 };
	if (visit_findings_check(v->findings, &e) != 0) {   /* visit_add's own rule */
		import_reject(r, TRIAGE_NONE, "%s", e.msg);
		return;
	}
	date_fmt(on, v->visited_on);
	const char *contact = import_cell(im, F_CONTACT);
	if (*contact && !(v->contact_id = contact_of(im, r, contact)))
		return;
	if (!*contact)
		v->contact_id = store_int(im->s->db, 0, "SELECT contact_id FROM households WHERE id = ?",
		                          "l", v->household_id);
	if (repeated(im, idx, r, v))
		return;
	r->verdict = IMPORT_NEW;
	import_note(r, "新增 %s 的走访记录", v->visited_on);
}

static int write(struct import *im, long idx, struct jerr *e)
{
	return visit_add(im->s, im->priv[idx].data, e);
}

const struct import_kind import_visits_kind = { "visits", check, NULL, write, NULL };
