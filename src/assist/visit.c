/* Home visits (入户走访, SPEC §6).  A visit records the day it happened and
 * the day it was entered: paper forms come back late, and a May visit
 * entered in July still counts for May.  households.last_visit_on is the
 * latest day a visit happened, so the overdue flag is one comparison. */
#include <stdio.h>
#include <string.h>

#include "register/upstream.h"
#include "assist/assist.h"
#include "assist/visit_offer.h"
#include "access/audit.h"
#include "register/hh_state.h"
#include "access/scope.h"
#include "base/text.h"

#define VISIT_COLS \
	"id, household_id, coalesce(contact_id, 0), visited_on, entered_on, findings," \
	" income_change, new_risks, guarantee_problems, version"

static void read_visit(struct stmt *st, struct visit *v)
{
	memset(v, 0, sizeof *v);
	v->id = stmt_int(st, 0);
	v->household_id = stmt_int(st, 1);
	v->contact_id = stmt_int(st, 2);
	snprintf(v->visited_on, sizeof v->visited_on, "%s", stmt_text(st, 3));
	snprintf(v->entered_on, sizeof v->entered_on, "%s", stmt_text(st, 4));
	snprintf(v->findings, sizeof v->findings, "%s", stmt_text(st, 5));
	snprintf(v->income_change, sizeof v->income_change, "%s", stmt_text(st, 6));
	snprintf(v->new_risks, sizeof v->new_risks, "%s", stmt_text(st, 7));
	snprintf(v->guarantee_problems, sizeof v->guarantee_problems, "%s", stmt_text(st, 8));
	v->version = (int)stmt_int(st, 9);
}

int visit_get(struct session *s, int64_t id, struct visit *v)
{
	struct stmt *st = store_prep(s->db, "SELECT " VISIT_COLS " FROM visits WHERE id = ?", "l", id);
	int rc = st ? stmt_step(st) : -1;
	if (rc == 1)
		read_visit(st, v);
	stmt_done(st);
	return rc == 1 && scope_household(s, v->household_id) ? 1 : 0;
}

int visit_list(struct session *s, int64_t household_id, struct visit *out, int max)
{
	if (!scope_household(s, household_id))
		return 0;
	struct stmt *st = store_prep(s->db, "SELECT " VISIT_COLS " FROM visits WHERE household_id = ?"
	                             " ORDER BY visited_on DESC, id DESC", "l", household_id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		read_visit(st, &out[n++]);
	stmt_done(st);
	return n;
}

static jday next_month(jday d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
}

static jday month_of(jday d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return date_from_ymd(y, m, 1);
}

/* The months to look at: from the first one monitored from its first day,
 * to the last complete one (or the one before elimination). */
static int monitored_months(struct session *s, int64_t hh, jday *first, jday *end)
{
	char since[11] = "", until[11] = "";
	store_text(s->db, since, sizeof since, "SELECT coalesce(identified_on, '') FROM households"
	           " WHERE id = ? AND status IN ('监测中','消除中','风险已消除')", "l", hh);
	store_text(s->db, until, sizeof until, "SELECT coalesce(eliminated_on, '') FROM households"
	           " WHERE id = ? AND status = '风险已消除'", "l", hh);
	jday from = date_iso(since);
	if (from == JDAY_NONE)
		return 0;
	*first = month_of(from) == from ? from : next_month(from);
	*end = month_of(date_iso(until) != JDAY_NONE ? date_iso(until) : clock_today());
	return 1;
}

int visit_missed_months(struct session *s, int64_t household_id, char out[][8], int max)
{
	jday m, end;
	int n = 0;
	if (!config_visit_by_month(s->cfg) || !scope_household(s, household_id) ||
	    !monitored_months(s, household_id, &m, &end))
		return 0;
	for (; m < end && n < max; m = next_month(m)) {
		char a[11], b[11];
		if (store_int(s->db, 0, "SELECT count(*) FROM visits WHERE household_id = ?"
		              " AND visited_on >= ? AND visited_on < ?", "ltt", household_id,
		              date_fmt(m, a), date_fmt(next_month(m), b)) == 0)
			snprintf(out[n++], 8, "%.7s", a);
	}
	return n;
}

int visit_findings_check(const char *findings, struct jerr *e)
{
	const char *p = findings ? findings : "";
	/* ASCII blanks and the ideographic space U+3000 (E3 80 80) */
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || !strncmp(p, "\xE3\x80\x80", 3))
		p += *p == '\xE3' ? 3 : 1;
	if (!*p)
		return jerr_set(e, "findings", "请填写走访发现的情况（没有变化可填“%s”）", VISIT_NORMAL);
	return 0;
}

int visit_check(struct session *s, struct visit *v, struct jerr *e)
{
	if (assist_household_ok(s, v->household_id, "走访", e) != 0 ||
	    visit_findings_check(v->findings, e) != 0)
		return -1;
	if (text_check_clean(v->findings, 1, "findings", "走访情况", e) ||
	    text_check_clean(v->income_change, 1, "income_change", "收入变化", e) ||
	    text_check_clean(v->new_risks, 1, "new_risks", "新增风险", e) ||
	    text_check_clean(v->guarantee_problems, 1, "guarantee_problems", "三保障及饮水问题", e))
		return -1;
	jday day = date_parse(v->visited_on);
	if (day == JDAY_NONE)
		return jerr_set(e, "visited_on", "请填写正确的走访日期");
	if (day > clock_today())
		return jerr_set(e, "visited_on", "走访日期不能晚于今天");
	date_fmt(day, v->visited_on);
	if (!v->contact_id)   /* by default the household's current contact person went */
		v->contact_id = store_int(s->db, 0, "SELECT contact_id FROM households WHERE id = ?",
		                          "l", v->household_id);
	else if (!store_int(s->db, 0, "SELECT count(*) FROM contacts WHERE id = ?", "l", v->contact_id))
		return jerr_set(e, "contact", "所选的联系人不存在");
	return 0;
}

/* The latest day a visit happened, kept on the household (see above). */
static int refresh_last_visit(struct session *s, int64_t hh)
{
	char old[11] = "", now[11] = "";
	store_text(s->db, old, sizeof old, "SELECT last_visit_on FROM households WHERE id = ?", "l", hh);
	if (store_exec(s->db, "UPDATE households SET last_visit_on ="
	               " (SELECT max(visited_on) FROM visits WHERE household_id = ?1) WHERE id = ?1",
	               "l", hh) != 0)
		return -1;
	store_text(s->db, now, sizeof now, "SELECT last_visit_on FROM households WHERE id = ?", "l", hh);
	audit_diff(s, "households", hh, hh, "last_visit_on", old, now);
	return 0;
}

/* A visit as the national system's 走访 record has it. */
static int queue_visit(struct session *s, const struct visit *v, const char *what)
{
	char contact[64] = "";
	store_text(s->db, contact, sizeof contact, "SELECT name FROM contacts WHERE id = ?", "l",
	           v->contact_id);
	const struct upstream_field f[] = {
		{ "走访日期", v->visited_on }, { "走访人", contact }, { "走访情况", v->findings },
		{ "收入变化", v->income_change }, { "新发现风险", v->new_risks },
		{ "三保障问题", v->guarantee_problems },
	};
	return upstream_record(s, v->household_id, 0, NULL, what, v->visited_on, f,
	                       (int)(sizeof f / sizeof f[0]));
}

static int insert_visit(struct session *s, struct visit *v)
{
	date_fmt(clock_today(), v->entered_on);
	if (store_exec(s->db, "INSERT INTO visits(household_id, contact_id, visited_on, entered_on,"
	               " findings, income_change, new_risks, guarantee_problems, officer_id)"
	               " VALUES (?,?,?,?,?,?,?,?,?)", "lLttttttL", v->household_id, v->contact_id,
	               v->visited_on, v->entered_on, v->findings, v->income_change, v->new_risks,
	               v->guarantee_problems, s->me.id) != 0)
		return -1;
	v->id = store_last_id(s->db);
	v->version = 1;
	audit_write(s, "visits", v->id, v->household_id, "visited_on", NULL, v->visited_on);
	audit_write(s, "visits", v->id, v->household_id, "findings", NULL, v->findings);
	if (v->apply && visit_offer_apply(s, v) != 0)
		return -1;
	if (queue_visit(s, v, "走访") != 0)
		return -1;
	return refresh_last_visit(s, v->household_id);
}

int visit_add(struct session *s, struct visit *v, struct jerr *e)
{
	v->id = 0;
	if (visit_check(s, v, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (insert_visit(s, v) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存走访失败: %s", store_errmsg(s->db));
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

static int update_visit(struct session *s, struct visit *v, const struct visit *o)
{
	if (store_exec(s->db, "UPDATE visits SET contact_id = ?, visited_on = ?, findings = ?,"
	               " income_change = ?, new_risks = ?, guarantee_problems = ?,"
	               " version = version + 1 WHERE id = ? AND version = ?", "Ltttttli",
	               v->contact_id, v->visited_on, v->findings, v->income_change, v->new_risks,
	               v->guarantee_problems, v->id, v->version) != 0 || store_changes(s->db) != 1)
		return -1;
	int64_t hh = v->household_id;
#define T(f) audit_diff(s, "visits", v->id, hh, #f, o->f, v->f)
	T(visited_on); T(findings); T(income_change); T(new_risks); T(guarantee_problems);
#undef T
	audit_diff_int(s, "visits", v->id, hh, "contact_id", o->contact_id, v->contact_id);
	snprintf(v->entered_on, sizeof v->entered_on, "%s", o->entered_on);
	v->version++;
	if (v->apply && visit_offer_apply(s, v) != 0)
		return -1;
	if (queue_visit(s, v, "走访（修改）") != 0)
		return -1;
	return refresh_last_visit(s, hh);
}

int visit_update(struct session *s, struct visit *v, struct jerr *e)
{
	struct visit old;
	if (visit_get(s, v->id, &old) != 1)
		return jerr_set(e, "", "找不到这次走访，或不在您的辖区");
	v->household_id = old.household_id;
	if (visit_check(s, v, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (update_visit(s, v, &old) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "这次走访已被其他操作员修改，请重新打开后再保存（您填写的内容仍在表单中）");
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}
