/* Flow runs: reading them, who may complete a step, step 3's posting and
 * objections, and the household state the flows decide. */
#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "register/flags.h"
#include "flow/flow_impl.h"
#include "register/rules_sql.h"
#include "access/scope.h"
#include "base/text.h"

const char *flow_step_name(int step)
{
	static const char *const names[] = { "", "入户核实", "信息比对", "民主评议和公示",
	                                     "乡镇审核", "县级审定" };
	return step >= 1 && step <= 5 ? names[step] : "";
}

const char *step_value(const struct step_input *in, const char *key)
{
	for (int i = 0; in && i < in->nkv && i < STEP_MAX_KV; i++)
		if (in->keys[i] && !strcmp(in->keys[i], key))
			return in->values[i] ? in->values[i] : "";
	return NULL;
}

/* Reads a RUN_COLS row; 1 if the household is inside the scope (and the
 * row's words are known). */
static int read_run(struct session *s, struct stmt *st, struct flow_run *r)
{
	int c = 0;
	memset(r, 0, sizeof *r);
#define TXT(f) snprintf(r->f, sizeof r->f, "%s", stmt_text(st, c++))
	r->id = stmt_int(st, c++);
	r->household_id = stmt_int(st, c++);
	r->lead_id = stmt_int(st, c++);
	int bad = flow_kind_from_text(stmt_text(st, c++), &r->kind);
	r->step = (int)stmt_int(st, c++);
	bad |= run_state_from_text(stmt_text(st, c++), &r->state);
	TXT(started_on); TXT(closed_on); TXT(hh_type); TXT(risks); TXT(disaster); TXT(elim_method);
	r->overdue = (int)stmt_int(st, c++);
	r->version = (int)stmt_int(st, c++);
	r->line_year = (int)stmt_int(st, c++);
	r->line_yuan = (int)stmt_int(st, c++);
	TXT(line_from);
	TXT(head_name); TXT(hh_no); TXT(village_name);
#undef TXT
	int64_t county = stmt_int(st, c), township = stmt_int(st, c + 1), village = stmt_int(st, c + 2);
	return !bad && scope_allows(&s->scope, county, township, village);
}

int flow_get(struct session *s, int64_t run_id, struct flow_run *r, struct jerr *e)
{
	struct stmt *st = store_prep(s->db, "SELECT " RUN_COLS RUN_FROM " WHERE r.id = ?1", "l",
	                             run_id);
	if (!st)
		return jerr_set(e, "", "无法读取流程: %s", store_errmsg(s->db));
	struct flag_dates d;
	flag_dates(s, &d);
	flags_bind(st, &d);
	int ok = stmt_step(st) == 1 && read_run(s, st, r);
	stmt_done(st);
	return ok ? 0 : jerr_set(e, "", "找不到这个流程，或这一户不在您的辖区");
}

int64_t flow_open_run(struct session *s, int64_t household_id)
{
	return store_int(s->db, 0, "SELECT id FROM flow_runs WHERE household_id = ? AND state = '进行中'",
	                 "l", household_id);
}

int flow_runs_of(struct session *s, int64_t household_id, struct flow_run *out, int max)
{
	if (!scope_household(s, household_id))
		return 0;
	struct stmt *st = store_prep(s->db, "SELECT " RUN_COLS RUN_FROM
		" WHERE r.household_id = ?1 ORDER BY r.id DESC", "l", household_id);
	struct flag_dates d;
	flag_dates(s, &d);
	if (st)
		flags_bind(st, &d);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		n += read_run(s, st, &out[n]);
	stmt_done(st);
	return n;
}

int flow_read_page(struct session *s, struct stmt *st, struct flow_run *out, int max)
{
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		n += read_run(s, st, &out[n]);
	return n;
}

static void read_step_data(struct session *s, struct step_record *rec)
{
	struct stmt *st = store_prep(s->db, "SELECT key, value FROM step_data WHERE step_id = ?"
	                             " ORDER BY key", "l", rec->id);
	rec->nkv = 0;
	while (st && rec->nkv < STEP_MAX_KV && stmt_step(st) == 1) {
		snprintf(rec->keys[rec->nkv], sizeof rec->keys[0], "%s", stmt_text(st, 0));
		snprintf(rec->values[rec->nkv], sizeof rec->values[0], "%s", stmt_text(st, 1));
		rec->nkv++;
	}
	stmt_done(st);
}

int flow_steps(struct session *s, int64_t run_id, struct step_record *out, int max)
{
	struct flow_run r;
	if (flow_get(s, run_id, &r, NULL) != 0)
		return 0;
	struct stmt *st = store_prep(s->db,
		"SELECT f.id, f.step, f.officer_id, o.name, f.done_on, f.outcome, coalesce(f.back_to, 0),"
		" f.reason FROM flow_steps f JOIN officers o ON o.id = f.officer_id"
		" WHERE f.run_id = ? ORDER BY f.id", "l", run_id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1) {
		struct step_record *rec = &out[n];
		memset(rec, 0, sizeof *rec);
		if (outcome_from_text(stmt_text(st, 5), &rec->outcome) != 0)
			continue;   /* the schema allows no other */
		n++;
		rec->id = stmt_int(st, 0);
		rec->step = (int)stmt_int(st, 1);
		rec->officer_id = stmt_int(st, 2);
		snprintf(rec->officer_name, sizeof rec->officer_name, "%s", stmt_text(st, 3));
		snprintf(rec->done_on, sizeof rec->done_on, "%s", stmt_text(st, 4));
		rec->back_to = (int)stmt_int(st, 6);
		snprintf(rec->reason, sizeof rec->reason, "%s", stmt_text(st, 7));
	}
	stmt_done(st);
	for (int i = 0; i < n; i++)
		read_step_data(s, &out[i]);
	return n;
}

int flow_role_works(const struct session *s)
{
	return s->me.role != ROLE_ADMIN;
}

int flow_role_decides_standing(const struct session *s)
{
	return s->me.role == ROLE_COUNTY;
}

int flow_role_does_step(const struct session *s, int step)
{
	return step >= 1 && step <= 5 && s->me.role != ROLE_NONE &&
	       s->cfg->step_roles[step - 1] == s->me.role;
}

int flow_may_complete(struct session *s, const struct flow_run *r, struct jerr *e)
{
	if (r->state != RUN_OPEN)
		return jerr_set(e, "", "这个流程已结束（%s），不能再办理", run_state_text(r->state));
	if (r->step < 1 || r->step > 5)
		return jerr_set(e, "", "流程步骤有误");
	if (!flow_role_does_step(s, r->step))
		return jerr_set(e, "", "第%d步“%s”应由%s操作员办理，您是%s操作员", r->step,
		                flow_step_name(r->step), role_label(s->cfg->step_roles[r->step - 1]),
		                role_label(s->me.role));
	if (!scope_household(s, r->household_id))
		return jerr_set(e, "", "这一户不在您的辖区");
	if (r->step > 1 && store_int(s->db, 0, "SELECT " SQL_LAST_PASSER " FROM flow_runs r"
	                             " WHERE r.id = ?", "l", r->id) == s->me.id)
		return jerr_set(e, "", "您办理了本流程的第%d步，第%d步须由另一名操作员办理（四眼原则）",
		                r->step - 1, r->step);
	return 0;
}

/* ---- step 3: posting and objections ---- */

static int posting_write(struct session *s, const struct flow_run *r, const char *place,
                         const char *start, const char *end)
{
	char old[3][128] = { "", "", "" };
	struct stmt *st = store_prep(s->db, "SELECT place, start_on, end_on FROM postings"
	                             " WHERE run_id = ?", "l", r->id);
	if (st && stmt_step(st) == 1)
		for (int i = 0; i < 3; i++)
			snprintf(old[i], sizeof old[i], "%s", stmt_text(st, i));
	stmt_done(st);
	if (store_exec(s->db, "INSERT INTO postings(run_id, place, start_on, end_on) VALUES (?,?,?,?)"
	               " ON CONFLICT(run_id) DO UPDATE SET place = excluded.place,"
	               " start_on = excluded.start_on, end_on = excluded.end_on",
	               "lttt", r->id, place, start, end) != 0)
		return -1;
	audit_diff(s, "postings", r->id, r->household_id, "place", old[0], place);
	audit_diff(s, "postings", r->id, r->household_id, "start_on", old[1], start);
	audit_diff(s, "postings", r->id, r->household_id, "end_on", old[2], end);
	return 0;
}

int flow_post(struct session *s, int64_t run_id, const char *place, jday start, jday end,
              struct jerr *e)
{
	struct flow_run r;
	if (flow_get(s, run_id, &r, e) != 0 || flow_may_complete(s, &r, e) != 0)
		return -1;
	if (r.step != 3)
		return jerr_set(e, "", "公示在第3步“民主评议和公示”时登记，这个流程现在在第%d步", r.step);
	if (!place || !*place)
		return jerr_set(e, "place", "请填写公示地点（如村务公开栏）");
	if (text_check_clean(place, 0, "place", "公示地点", e))
		return -1;
	if (start == JDAY_NONE)
		return jerr_set(e, "post_start", "请填写公示开始日期");
	if (end == JDAY_NONE)
		return jerr_set(e, "post_end", "请填写公示结束日期");
	if (flow_posting_dates_check(s, &r, start, end, e) != 0)
		return -1;
	char a[11], b[11];
	date_fmt(start, a);
	date_fmt(end, b);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (posting_write(s, &r, place, a, b) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存公示失败: %s", store_errmsg(s->db));
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存公示失败");
}

int flow_posting(struct session *s, int64_t run_id, struct posting *p)
{
	struct flow_run r;
	memset(p, 0, sizeof *p);
	if (flow_get(s, run_id, &r, NULL) != 0)
		return 0;
	struct stmt *st = store_prep(s->db, "SELECT place, start_on, end_on FROM postings"
	                             " WHERE run_id = ?", "l", run_id);
	int found = st && stmt_step(st) == 1;
	if (found) {
		snprintf(p->place, sizeof p->place, "%s", stmt_text(st, 0));
		snprintf(p->start_on, sizeof p->start_on, "%s", stmt_text(st, 1));
		snprintf(p->end_on, sizeof p->end_on, "%s", stmt_text(st, 2));
	}
	stmt_done(st);
	return found;
}

int objection_may_add(const struct session *s, const struct flow_run *r, struct jerr *e)
{
	if (!flow_role_works(s))
		return jerr_set(e, "", "系统管理员不办理流程");
	if (r->state != RUN_OPEN)
		return jerr_set(e, "", "这个流程已结束，不能再登记异议");
	if (r->step != 3)
		return jerr_set(e, "", "异议在第3步“民主评议和公示”公示期间登记，这个流程现在在第%d步“%s”",
		                r->step, flow_step_name(r->step));
	if (!store_int(s->db, 0, "SELECT count(*) FROM postings WHERE run_id = ?", "l", r->id))
		return jerr_set(e, "", "尚未登记公示：异议针对公示，先登记公示的地点和起止日期");
	return 0;
}

/* An objection answers the posting: received once it went up. */
static int received_in_posting(struct session *s, int64_t run_id, jday received,
                               struct jerr *e)
{
	char start[11] = "", day[11], today[11];
	if (received > clock_today())
		return jerr_set(e, "received_on", "收到异议的日期%s晚于今天%s", date_fmt(received, day),
		                date_fmt(clock_today(), today));
	store_text(s->db, start, sizeof start, "SELECT start_on FROM postings WHERE run_id = ?", "l",
	           run_id);
	if (*start && received < date_iso(start))
		return jerr_set(e, "received_on", "收到异议的日期%s早于公示开始日期%s：异议针对公示",
		                date_fmt(received, day), start);
	return 0;
}

static int unresolved_objections(struct session *s, int64_t run_id)
{
	return (int)store_int(s->db, 0, "SELECT count(*) FROM objections WHERE run_id = ?"
	                      " AND resolved = 0", "l", run_id);
}

int objection_offered(struct session *s, const struct flow_run *r)
{
	if (!scope_household(s, r->household_id))   /* objection_add reads the run in scope */
		return 0;
	return objection_may_add(s, r, NULL) == 0 ||
	       (flow_role_works(s) && r->state == RUN_OPEN && unresolved_objections(s, r->id) > 0);
}

int objection_add(struct session *s, int64_t run_id, jday received, const char *content,
                  int64_t *out_id, struct jerr *e)
{
	struct flow_run r;
	if (flow_get(s, run_id, &r, e) != 0 || objection_may_add(s, &r, e) != 0)
		return -1;
	if (!content || !*content)
		return jerr_set(e, "content", "请填写异议内容");
	if (text_check_clean(content, 1, "content", "异议内容", e))
		return -1;
	if (received == JDAY_NONE)
		received = clock_today();
	if (received_in_posting(s, run_id, received, e) != 0)
		return -1;
	char day[11];
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (store_exec(s->db, "INSERT INTO objections(run_id, received_on, content) VALUES (?,?,?)",
	               "ltt", run_id, date_fmt(received, day), content) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存异议失败: %s", store_errmsg(s->db));
	}
	int64_t id = store_last_id(s->db);
	audit_write(s, "objections", id, r.household_id, "content", NULL, content);
	if (store_commit(s->db) != 0)
		return jerr_set(e, "", "保存异议失败");
	if (out_id)
		*out_id = id;
	return 0;
}

int objection_resolve(struct session *s, int64_t objection_id, const char *resolution,
                      struct jerr *e)
{
	int64_t run = store_int(s->db, 0, "SELECT run_id FROM objections WHERE id = ?", "l",
	                        objection_id);
	struct flow_run r;
	if (!flow_role_works(s))
		return jerr_set(e, "", "系统管理员不办理流程");
	if (!run || flow_get(s, run, &r, NULL) != 0)
		return jerr_set(e, "", "找不到这条异议，或这一户不在您的辖区");
	if (!resolution || !*resolution)
		return jerr_set(e, "resolution", "请填写异议的处理结果");
	if (text_check_clean(resolution, 1, "resolution", "处理结果", e))
		return -1;
	if (store_int(s->db, 0, "SELECT resolved FROM objections WHERE id = ?", "l", objection_id))
		return jerr_set(e, "", "这条异议已经处理过了");
	char today[11];
	date_fmt(clock_today(), today);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (store_exec(s->db, "UPDATE objections SET resolved = 1, resolved_on = ?, resolution = ?"
	               " WHERE id = ?", "ttl", today, resolution, objection_id) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	audit_write(s, "objections", objection_id, r.household_id, "resolution", NULL, resolution);
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败");
}

int objection_list(struct session *s, int64_t run_id, struct objection *out, int max)
{
	struct flow_run r;
	if (flow_get(s, run_id, &r, NULL) != 0)
		return 0;
	struct stmt *st = store_prep(s->db, "SELECT id, received_on, content, resolved,"
		" coalesce(resolved_on, ''), resolution FROM objections WHERE run_id = ? ORDER BY id",
		"l", run_id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1) {
		struct objection *o = &out[n++];
		o->id = stmt_int(st, 0);
		snprintf(o->received_on, sizeof o->received_on, "%s", stmt_text(st, 1));
		snprintf(o->content, sizeof o->content, "%s", stmt_text(st, 2));
		o->resolved = (int)stmt_int(st, 3);
		snprintf(o->resolved_on, sizeof o->resolved_on, "%s", stmt_text(st, 4));
		snprintf(o->resolution, sizeof o->resolution, "%s", stmt_text(st, 5));
	}
	stmt_done(st);
	return n;
}
