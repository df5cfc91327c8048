/* Leads (SPEC §4): created from three channels, merged per person or
 * household so one risk is worked once, dismissed with a reason, or
 * turned into an identification run. */
#include "flow/lead.h"
#include "register/upstream.h"

#include <stdio.h>
#include <string.h>

#include "access/area.h"
#include "access/audit.h"
#include "register/flags.h"
#include "flow/flow_impl.h"
#include "base/idcard.h"
#include "access/scope.h"
#include "base/vocab.h"
#include "base/text.h"

#define LEAD_COLS \
	"l.id, coalesce(l.household_id, 0), l.village_id, coalesce(l.run_id, 0)," \
	" coalesce(l.id_no, ''), l.name, l.state, l.created_on, coalesce(l.closed_on, '')," \
	" l.close_reason, v.name, coalesce(h.hh_no, '')," \
	" (SELECT count(*) FROM lead_sources ls WHERE ls.lead_id = l.id)," \
	" CASE WHEN " SQL_LEAD_OVERDUE " THEN 1 ELSE 0 END," \
	" coalesce(l.verify_by, ''), coalesce(l.assigned_to, 0), coalesce(ao.name, v.name || '村级')," \
	" coalesce(l.result, ''), coalesce(ro.name, ''), coalesce(l.result_on, ''), l.result_note"
#define LEAD_FROM \
	" FROM leads l JOIN areas v ON v.id = l.village_id" \
	" LEFT JOIN households h ON h.id = l.household_id" \
	" LEFT JOIN officers ao ON ao.id = l.assigned_to LEFT JOIN officers ro ON ro.id = l.result_by"

const char *lead_result_text(enum lead_result r)
{
	static const char *const text[] = { "核实无风险", "启动识别", "已在监测" };
	return r >= 0 && r < LEAD_RESULT_COUNT ? text[r] : "";
}

static void read_lead(struct stmt *st, struct lead *l)
{
	int c = 0;
	memset(l, 0, sizeof *l);
#define TXT(f) snprintf(l->f, sizeof l->f, "%s", stmt_text(st, c++))
	l->id = stmt_int(st, c++);
	l->household_id = stmt_int(st, c++);
	l->village_id = stmt_int(st, c++);
	l->run_id = stmt_int(st, c++);
	TXT(id_no); TXT(name); TXT(state); TXT(created_on); TXT(closed_on); TXT(close_reason);
	TXT(village_name); TXT(hh_no);
	l->nsources = (int)stmt_int(st, c++);
	l->overdue = (int)stmt_int(st, c++);
	TXT(verify_by);
	l->assigned_to = stmt_int(st, c++);
	TXT(owner); TXT(result); TXT(result_by); TXT(result_on); TXT(result_note);
#undef TXT
}

/* "部门筛查预警（医保）2026-05-01 原因；农户自主申报 …" */
static void fill_sources(struct session *s, struct lead *l)
{
	struct stmt *st = store_prep(s->db, "SELECT channel, department, found_on, reason"
		" FROM lead_sources WHERE lead_id = ? ORDER BY found_on, id", "l", l->id);
	l->sources[0] = 0;
	while (st && stmt_step(st) == 1) {
		size_t n = strlen(l->sources);
		const char *dept = stmt_text(st, 1);
		snprintf(l->sources + n, sizeof l->sources - n, "%s%s%s%s%s %s %s", n ? "；" : "",
		         stmt_text(st, 0), *dept ? "（" : "", dept, *dept ? "）" : "",
		         stmt_text(st, 2), stmt_text(st, 3));
	}
	stmt_done(st);
}

int lead_get(struct session *s, int64_t id, struct lead *l, struct jerr *e)
{
	struct stmt *st = store_prep(s->db, "SELECT " LEAD_COLS LEAD_FROM " WHERE l.id = ?1",
	                             "l", id);
	struct flag_dates d;
	flag_dates(s, &d);
	if (st)
		flags_bind(st, &d);
	int found = st && stmt_step(st) == 1;
	if (found)
		read_lead(st, l);
	stmt_done(st);
	if (!found || !scope_area(s, l->village_id))
		return jerr_set(e, "", "找不到这条线索，或不在您的辖区");
	fill_sources(s, l);
	return 0;
}

int lead_list_open(struct session *s, int offset, struct lead *out, int max)
{
	char sql[2048];
	snprintf(sql, sizeof sql, "SELECT " LEAD_COLS LEAD_FROM " JOIN areas a ON a.id = l.village_id"
	         " WHERE %s AND l.state = '待核实' ORDER BY l.created_on, l.id LIMIT ?2 OFFSET ?3",
	         scope_area_predicate(&s->scope));
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
	while (n < max && stmt_step(st) == 1)
		read_lead(st, &out[n++]);
	stmt_done(st);
	for (int i = 0; i < n; i++)
		fill_sources(s, &out[i]);
	return n;
}

int lead_sources(struct session *s, int64_t lead_id, struct lead_source *out, int max)
{
	struct lead l;
	if (lead_get(s, lead_id, &l, NULL) != 0)
		return 0;
	struct stmt *st = store_prep(s->db, "SELECT ls.channel, ls.department, ls.found_on,"
		" ls.reason, coalesce(o.name, ''), coalesce(ls.import_key, '') FROM lead_sources ls"
		" LEFT JOIN officers o ON o.id = ls.officer_id WHERE ls.lead_id = ? ORDER BY ls.id",
		"l", lead_id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1) {
		struct lead_source *x = &out[n++];
		snprintf(x->channel, sizeof x->channel, "%s", stmt_text(st, 0));
		snprintf(x->department, sizeof x->department, "%s", stmt_text(st, 1));
		snprintf(x->found_on, sizeof x->found_on, "%s", stmt_text(st, 2));
		snprintf(x->reason, sizeof x->reason, "%s", stmt_text(st, 3));
		snprintf(x->officer, sizeof x->officer, "%s", stmt_text(st, 4));
		x->imported = *stmt_text(st, 5) != 0;
	}
	stmt_done(st);
	return n;
}

/* ---- creating and merging ---- */

int lead_source_check(const char *channel, const char *department, struct jerr *e)
{
	if (vocab_find(&VOCAB_CHANNEL, channel) < 0)
		return jerr_set(e, "channel", "线索来源应为农户自主申报、基层干部排查或部门筛查预警");
	if (!strcmp(channel, "部门筛查预警") && (!department || !*department))
		return jerr_set(e, "department", "部门筛查预警须写明预警部门");
	return 0;
}

static int check_input(struct session *s, const struct lead_input *in, jday *found,
                       struct jerr *e)
{
	if (!flow_role_works(s))
		return jerr_set(e, "", "系统管理员不登记线索");
	if (lead_source_check(in->channel, in->department, e) != 0)
		return -1;
	if (!in->reason || !*in->reason)
		return jerr_set(e, "reason", "请填写线索的原因（风险情况）");
	if (text_check_clean(in->name, 0, "name", "姓名", e) ||
	    text_check_clean(in->department, 0, "department", "部门", e) ||
	    text_check_clean(in->reason, 1, "reason", "原因", e))
		return -1;
	*found = in->found_on == JDAY_NONE ? clock_today() : in->found_on;
	if (*found > clock_today())
		return jerr_set(e, "found_on", "发现日期不能晚于今天");
	return 0;
}

static int household_target(struct session *s, int64_t hh, struct lead_plan *t, struct jerr *e)
{
	if (!scope_household(s, hh))
		return jerr_set(e, "", "这一户不在您的辖区");
	struct stmt *st = store_prep(s->db, "SELECT village_id, township_id, head_name, status"
	                             " FROM households WHERE id = ?", "l", hh);
	if (st && stmt_step(st) == 1 && hh_status_from_text(stmt_text(st, 3), &t->status) == 0) {
		t->household = hh;
		t->village = stmt_int(st, 0);
		t->township = stmt_int(st, 1);
		if (!*t->name)
			snprintf(t->name, sizeof t->name, "%s", stmt_text(st, 2));
	}
	stmt_done(st);
	return t->household ? 0 : jerr_set(e, "", "找不到这一户");
}

/* Whom the lead names: a household (given, or holding the ID), else a
 * person in a village. */
static int resolve_target(struct session *s, const struct lead_input *in, struct lead_plan *t,
                          struct jerr *e)
{
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", in->name ? in->name : "");
	if (in->id_no && *in->id_no && idcard_normalize(in->id_no, t->id_no, e) != 0)
		return -1;
	int64_t hh = in->household_id;
	if (!hh && *t->id_no && !in->id_unregistered)
		hh = store_int(s->db, 0, "SELECT household_id FROM members WHERE id_no = ?", "t", t->id_no);
	if (hh)
		return household_target(s, hh, t, e);
	if (!*t->id_no)
		return jerr_set(e, "id_no", "线索须指明一户或一人（身份证号码）");
	if (in->known && in->id_unregistered && in->village_id) {
		if (!scope_allows(&s->scope, in->known->county, in->known->township, in->village_id))
			return jerr_set(e, "village", "此人所在的村不在您的辖区");
		t->village = in->village_id;
		t->township = in->known->township;
		return 0;
	}
	struct area v;
	if (!in->village_id || area_get(s->db, in->village_id, &v) != 1 || v.level != LEVEL_VILLAGE)
		return jerr_set(e, "village", "请选择此人所在的村（社区）");
	if (!scope_allows(&s->scope, v.county_id, v.township_id, v.id))
		return jerr_set(e, "village", "%s不在您的辖区", v.name);
	t->village = v.id;
	t->township = v.township_id;
	return 0;
}

#define LEAD_OPEN \
	"(l.state = '待核实' OR (l.state = '已启动识别' AND EXISTS (SELECT 1 FROM flow_runs r" \
	"  WHERE r.id = l.run_id AND r.state = '进行中')))"

/* The open lead of the same household or person: 待核实, or started and
 * its run still open.  0 if none. */
int64_t lead_open_for(struct session *s, int64_t household_id, const char *id_no)
{
	if (!household_id)   /* a person only: one index, the common case of an import */
		return id_no && *id_no ? store_int(s->db, 0, "SELECT min(l.id) FROM leads l"
			" WHERE l.id_no = ? AND " LEAD_OPEN, "t", id_no) : 0;   /* min(): no sorter */
	/* three indexed lookups: one OR over them walked every lead without a
	 * household through leads_household (10 ms a row on a county) */
	return store_int(s->db, 0, "SELECT min(id) FROM ("
		"SELECT l.id FROM leads l WHERE l.household_id = ?1 AND " LEAD_OPEN
		" UNION ALL SELECT l.id FROM leads l WHERE ?2 <> '' AND l.id_no = ?2 AND " LEAD_OPEN
		" UNION ALL SELECT l.id FROM members m CROSS JOIN leads l"
		"  WHERE l.id_no = m.id_no AND m.household_id = ?1 AND +l.household_id IS NULL AND "
		LEAD_OPEN ") AS open_leads",
		"lt", household_id, id_no ? id_no : "");
}

int lead_open_of_ids(struct session *s, void (*fn)(void *arg, const char *id_no, int64_t lead),
                     void *arg)
{
	/* CROSS JOIN: from the file's people, whatever the number of open
	 * leads (SQLite walked every open lead instead: 0.3 s of CPU for a
	 * second import of a county list, where 100,000 leads are open) */
	struct stmt *st = store_prep(s->db, "SELECT i.id_no, min(l.id) FROM import_ids i"
	                             " CROSS JOIN leads l WHERE l.id_no = i.id_no AND " LEAD_OPEN
	                             " GROUP BY i.id_no", "");
	int rc;
	while (st && (rc = stmt_step(st)) == 1)
		fn(arg, stmt_text(st, 0), stmt_int(st, 1));
	stmt_done(st);
	return st && rc == 0 ? 0 : -1;
}

/* From the households, in the same order as lead_open_of_ids and for the
 * same reason. */
int lead_open_of_households(struct session *s, void (*fn)(void *arg, int64_t hh, int64_t lead),
                            void *arg)
{
	struct stmt *st = store_prep(s->db, "SELECT h, min(lead) FROM ("
		"SELECT x.id AS h, l.id AS lead FROM import_households x"
		" CROSS JOIN leads l WHERE l.household_id = x.id AND " LEAD_OPEN
		" UNION ALL SELECT x.id, l.id FROM import_households x"
		" CROSS JOIN members o CROSS JOIN leads l WHERE o.household_id = x.id"
		" AND l.id_no = o.id_no AND +l.household_id IS NULL AND " LEAD_OPEN
		") AS found GROUP BY h", "");
	int rc;
	while (st && (rc = stmt_step(st)) == 1)
		fn(arg, stmt_int(st, 0), stmt_int(st, 1));
	stmt_done(st);
	return st && rc == 0 ? 0 : -1;
}

static int add_source(struct session *s, int64_t lead, int64_t hh, const struct lead_input *in,
                      const char *found)
{
	if (store_exec(s->db, "INSERT INTO lead_sources(lead_id, channel, department, found_on,"
	               " reason, officer_id, import_key) VALUES (?,?,?,?,?,?,?)", "lttttLT",
	               lead, in->channel, in->department ? in->department : "", found, in->reason,
	               s->me.id, in->import_key) != 0)
		return -1;
	char what[128];
	snprintf(what, sizeof what, "%s%s%s", in->channel, in->department && *in->department ?
	         "：" : "", in->department ? in->department : "");
	return audit_write(s, "lead_sources", store_last_id(s->db), hh, "source", what, in->reason);
}

char *lead_verify_by(const struct session *s, const char *found, char out[11])
{
	return date_fmt(config_workdays_after(s->cfg, date_iso(found), s->cfg->lead_verify_workdays),
	                out);
}

static int merge_into(struct session *s, int64_t lead, const struct lead_plan *t,
                      const struct lead_input *in, const char *found)
{
	/* a person's lead learns its household; the deadlines count from the earliest source */
	char first[11] = "", by[11];
	store_text(s->db, first, sizeof first, "SELECT CASE WHEN created_on <= ?1"
	           " THEN created_on ELSE ?1 END FROM leads WHERE id = ?2", "tl", found, lead);
	if (store_exec(s->db, "UPDATE leads SET household_id = coalesce(household_id, ?),"
	               " created_on = ?, verify_by = CASE state WHEN '待核实' THEN ? ELSE verify_by END"
	               " WHERE id = ?", "Lttl", t->household, first, lead_verify_by(s, first, by), lead) != 0)
		return -1;
	return add_source(s, lead, t->household, in, found);
}

static int insert_lead(struct session *s, const struct lead_plan *t, const struct lead_input *in,
                       const char *found, int64_t *id)
{
	char by[11];
	if (store_exec(s->db, "INSERT INTO leads(household_id, id_no, name, village_id, township_id,"
	               " created_on, verify_by) VALUES (?,?,?,?,?,?,?)", "LTtlltt", t->household,
	               t->id_no, t->name, t->village, t->township, found, lead_verify_by(s, found, by)) != 0)
		return -1;
	*id = store_last_id(s->db);
	audit_write(s, "leads", *id, t->household, "state", NULL, "待核实");
	audit_write(s, "leads", *id, t->household, "verify_by", NULL, by);
	if (add_source(s, *id, t->household, in, found) != 0)
		return -1;
	return lead_queue_upstream(s, t, in, found);
}

void lead_upstream_entry(int64_t household, int64_t village, const char *name,
                         const struct lead_input *in, const char *found, struct upstream_new *u)
{
	const struct upstream_field f[] = {
		{ "线索来源", in->channel }, { "预警部门", in->department },
		{ "发现日期", found }, { "线索原因", in->reason }, { "姓名", name },
	};
	*u = (struct upstream_new){ .household_id = household, .village_id = village,
	                            .subject = name, .what = "新增风险线索", .on = found,
	                            .n = (int)(sizeof f / sizeof f[0]) };
	memcpy(u->f, f, sizeof f);
}

int lead_queue_upstream(struct session *s, const struct lead_plan *t, const struct lead_input *in,
                        const char *found)
{
	struct upstream_new u;
	lead_upstream_entry(t->household, t->village, t->name, in, found, &u);
	return upstream_record(s, u.household_id, u.village_id, u.subject, u.what, u.on, u.f, u.n);
}

int lead_status_check(enum hh_status st, struct jerr *e)
{
	if (st == STATUS_MONITORED || st == STATUS_ELIMINATING)
		return jerr_set(e, "", "这一户已是监测对象（%s），不必再登记线索", hh_status_text(st));
	if (st == STATUS_DISSOLVED)
		return jerr_set(e, "", "这一户已注销");
	return 0;
}

static int open_in_scope(struct session *s, int64_t lead)
{
	struct stmt *st = store_prep(s->db, "SELECT a.county_id, a.township_id, a.id FROM leads l"
	                             " JOIN areas a ON a.id = l.village_id WHERE l.id = ?", "l", lead);
	int ok = st && stmt_step(st) == 1 &&
	         scope_allows(&s->scope, stmt_int(st, 0), stmt_int(st, 1), stmt_int(st, 2));
	stmt_done(st);
	return ok;
}

/* Whom the lead is about and the open lead it would join, or the refusal:
 * the part of lead_create that lead_check() tells in advance. */
static int check_target(struct session *s, const struct lead_input *in, struct lead_plan *t,
                        int64_t *open, struct jerr *e)
{
	if (resolve_target(s, in, t, e) != 0)
		return -1;
	int known = in->known && (in->id_unregistered ? !t->household
	                                              : t->household && t->household == in->household_id);
	*open = known ? in->known->open : lead_open_for(s, t->household, t->id_no);
	if (*open && !open_in_scope(s, *open))
		return jerr_set(e, "village", "此人已有一条线索登记在其他地方");
	return *open || !t->household ? 0 : lead_status_check(t->status, e);
}

int lead_plan(struct session *s, const struct lead_input *in, struct lead_plan *p,
              struct jerr *e)
{
	jday found;
	int64_t open = 0;
	if (check_input(s, in, &found, e) != 0 || check_target(s, in, p, &open, e) != 0)
		return -1;
	p->open = open;
	return 0;
}

int lead_check(struct session *s, const struct lead_input *in, int64_t *open, struct jerr *e)
{
	struct lead_plan p;
	if (lead_plan(s, in, &p, e) != 0)
		return -1;
	if (open)
		*open = p.open;
	return 0;
}


int lead_create(struct session *s, const struct lead_input *in, int64_t *lead_id,
                int *merged, struct jerr *e)
{
	jday found = JDAY_NONE;
	struct lead_plan t;
	char day[11];
	int64_t id = 0, seen = 0, open = 0;
	if (check_input(s, in, &found, e) != 0)
		return -1;
	if (in->import_key && *in->import_key)
		seen = store_int(s->db, 0, "SELECT lead_id FROM lead_sources WHERE import_key = ?", "t",
		                 in->import_key);
	if (seen) {   /* the same imported row again: nothing is added */
		if (lead_id)
			*lead_id = seen;
		if (merged)
			*merged = 2;
		return 0;
	}
	if (check_target(s, in, &t, &open, e) != 0)
		return -1;
	date_fmt(found, day);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	int rc = open ? merge_into(s, id = open, &t, in, day) : insert_lead(s, &t, in, day, &id);
	if (rc != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存线索失败: %s", store_errmsg(s->db));
	}
	if (store_commit(s->db) != 0)
		return jerr_set(e, "", "保存线索失败: %s", store_errmsg(s->db));
	if (lead_id)
		*lead_id = id;
	if (merged)
		*merged = open != 0;
	return 0;
}

/* ---- dismissing and starting ---- */

/* Closes a lead; result < 0 for one closed without a verification (the
 * household dissolved), else the result recorded with who and when. */
static int close_lead(struct session *s, const struct lead *l, const char *state,
                      const char *reason, int64_t run_id, int64_t hh, int result)
{
	char today[11];
	const char *what = result < 0 ? NULL : lead_result_text((enum lead_result)result);
	int64_t who = what ? s->me.id : 0;
	date_fmt(clock_today(), today);
	if (store_exec(s->db, "UPDATE leads SET state = ?, closed_on = ?, close_reason = ?,"
	               " run_id = ?, household_id = coalesce(?, household_id), result = ?,"
	               " result_by = ?, result_on = ?, result_note = ?"
	               " WHERE id = ? AND state = '待核实'", "tttLLtLttl", state, today, reason, run_id,
	               hh, what, who, what ? today : NULL, what ? reason : "", l->id) != 0 ||
	    store_changes(s->db) != 1)
		return -1;
	int64_t of = hh ? hh : l->household_id;
	audit_write(s, "leads", l->id, of, "state", l->state, state);
	if (*reason)
		audit_write(s, "leads", l->id, of, "close_reason", NULL, reason);
	if (what)
		audit_write(s, "leads", l->id, of, "result", NULL, what);
	return 0;
}

static int open_for_work(struct session *s, int64_t id, struct lead *l, struct jerr *e)
{
	if (!flow_role_works(s))
		return jerr_set(e, "", "系统管理员不办理线索");
	if (lead_get(s, id, l, e) != 0)
		return -1;
	if (strcmp(l->state, "待核实") != 0)
		return jerr_set(e, "", "这条线索已经处理过了（%s）", l->state);
	return 0;
}

int lead_dismiss(struct session *s, int64_t id, const char *reason, struct jerr *e)
{
	struct lead l;
	if (open_for_work(s, id, &l, e) != 0)
		return -1;
	if (!reason || !*reason)
		return jerr_set(e, "reason", "排除线索须填写理由（如核实无风险）");
	if (text_check_clean(reason, 1, "reason", "理由", e))
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (close_lead(s, &l, "已排除", reason, 0, 0, LEAD_NO_RISK) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "这条线索刚被其他操作员处理过，请刷新后再试");
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

/* The household the lead is about: its own, else the one holding the
 * person's ID number; 0 if none. */
static int64_t lead_household(struct session *s, const struct lead *l)
{
	if (l->household_id)
		return l->household_id;
	return *l->id_no ? store_int(s->db, 0, "SELECT household_id FROM members WHERE id_no = ?",
	                             "t", l->id_no) : 0;
}

int lead_already_monitored(struct session *s, int64_t id, const char *note, struct jerr *e)
{
	struct lead l;
	struct hh_state st;
	if (open_for_work(s, id, &l, e) != 0)
		return -1;
	int64_t hh = lead_household(s, &l);
	if (!hh || hh_state_get(s, hh, &st, NULL) != 0 ||
	    (st.status != STATUS_MONITORED && st.status != STATUS_ELIMINATING))
		return jerr_set(e, "", "%s所在的户不是监测对象（监测中或消除中），不能记为“已在监测”", l.name);
	char why[256];
	snprintf(why, sizeof why, "%s", note && *note ? note : "已是监测对象");
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (close_lead(s, &l, "已排除", why, 0, hh, LEAD_MONITORED) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "这条线索刚被其他操作员处理过，请刷新后再试");
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

/* Who may verify a lead: an active village or township officer of its
 * village or township. */
#define ASSIGNEE_WHERE \
	" o.active <> 0 AND o.role IN ('village','township') AND o.area_id IN (?1, ?2)"

int lead_assignees(struct session *s, int64_t id, struct officer *out, int max)
{
	struct lead l;
	if (lead_get(s, id, &l, NULL) != 0)
		return 0;
	int64_t township = store_int(s->db, 0, "SELECT township_id FROM leads WHERE id = ?", "l", id);
	struct stmt *st = store_prep(s->db, "SELECT o.id, o.login, o.name, o.role, o.area_id"
	                             " FROM officers o JOIN areas a ON a.id = o.area_id WHERE"
	                             ASSIGNEE_WHERE " ORDER BY a.level DESC, o.login", "ll",
	                             l.village_id, township);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1) {
		struct officer *o = &out[n];
		memset(o, 0, sizeof *o);
		o->id = stmt_int(st, 0);
		snprintf(o->login, sizeof o->login, "%s", stmt_text(st, 1));
		snprintf(o->name, sizeof o->name, "%s", stmt_text(st, 2));
		role_from_text(stmt_text(st, 3), &o->role);   /* the query allows no other */
		o->area_id = stmt_int(st, 4);
		o->active = 1;
		n += scope_area(s, o->area_id);
	}
	stmt_done(st);
	return n;
}

int lead_assign(struct session *s, int64_t id, int64_t officer_id, struct jerr *e)
{
	struct lead l;
	if (open_for_work(s, id, &l, e) != 0)
		return -1;
	int64_t township = store_int(s->db, 0, "SELECT township_id FROM leads WHERE id = ?", "l", id);
	char name[64] = "", old[96];
	if (officer_id && !store_text(s->db, name, sizeof name, "SELECT o.name FROM officers o"
	                              " WHERE o.id = ?3 AND" ASSIGNEE_WHERE, "lll", l.village_id,
	                              township, officer_id))
		return jerr_set(e, "assigned_to", "只能分派给本村或本乡镇在职的村级、乡镇操作员");
	snprintf(old, sizeof old, "%s", l.owner);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (store_exec(s->db, "UPDATE leads SET assigned_to = ? WHERE id = ? AND state = '待核实'",
	               "Ll", officer_id, id) != 0 || store_changes(s->db) != 1) {
		store_rollback(s->db);
		return jerr_set(e, "", "这条线索刚被其他操作员处理过，请刷新后再试");
	}
	char now[96];
	snprintf(now, sizeof now, "%s", officer_id ? name : "");
	if (!officer_id)
		snprintf(now, sizeof now, "%s村级", l.village_name);
	audit_write(s, "leads", id, l.household_id, "assigned_to", old, now);
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

static int start_target(struct session *s, const struct lead *l, int64_t household_id,
                        struct hh_state *st, int64_t *hh, struct jerr *e)
{
	*hh = l->household_id ? l->household_id : household_id;
	if (l->household_id && household_id && household_id != l->household_id)
		return jerr_set(e, "", "所选的户与线索所指的户不同");
	if (!*hh)
		return jerr_set(e, "", "这条线索只登记了个人，请先为其建户（或选择其所在的户），再启动识别");
	if (!l->household_id && !store_int(s->db, 0, "SELECT count(*) FROM members"
	                                   " WHERE household_id = ? AND id_no = ?", "lt", *hh, l->id_no))
		return jerr_set(e, "", "所选的户中没有身份证号码为线索所指之人的成员");
	if (hh_state_get(s, *hh, st, e) != 0)
		return -1;
	if (st->status != STATUS_LEAD && st->status != STATUS_REJECTED &&
	    st->status != STATUS_ELIMINATED)
		return jerr_set(e, "", "这一户现在是“%s”，不能启动识别", hh_status_text(st->status));
	if (flow_open_run(s, *hh))
		return jerr_set(e, "", "这一户已有进行中的流程，同一户同时只能有一个流程");
	return 0;
}

int lead_start(struct session *s, int64_t id, int64_t household_id, int64_t *run_id,
               struct jerr *e)
{
	struct lead l;
	struct hh_state st;
	int64_t hh, run = 0;
	if (open_for_work(s, id, &l, e) != 0 || start_target(s, &l, household_id, &st, &hh, e) != 0)
		return -1;
	enum hh_status prior = st.status;
	st.status = STATUS_IDENTIFYING;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (flow_create_run(s, hh, FLOW_IDENTIFY, l.id, l.created_on, NULL, prior, &run, e) != 0) {
		store_rollback(s->db);
		return -1;
	}
	if (hh_state_set(s, hh, &st) != 0 ||
	    close_lead(s, &l, "已启动识别", "", run, hh, LEAD_STARTED) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "启动识别失败: %s", store_errmsg(s->db));
	}
	if (store_commit(s->db) != 0)
		return jerr_set(e, "", "启动识别失败: %s", store_errmsg(s->db));
	if (run_id)
		*run_id = run;
	return 0;
}

int lead_close_for_household(struct session *s, int64_t household_id, const char *reason)
{
	int64_t ids[64];
	int n = 0;
	struct stmt *st = store_prep(s->db, "SELECT id FROM leads WHERE household_id = ?"
	                             " AND state = '待核实'", "l", household_id);
	while (st && n < 64 && stmt_step(st) == 1)
		ids[n++] = stmt_int(st, 0);
	stmt_done(st);
	for (int i = 0; i < n; i++) {
		struct lead l = { .id = ids[i], .household_id = household_id };
		snprintf(l.state, sizeof l.state, "待核实");
		if (close_lead(s, &l, "已排除", reason, 0, 0, -1) != 0)
			return -1;
	}
	return 0;
}
