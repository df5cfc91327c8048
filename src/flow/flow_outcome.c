/* What the flows decide about a household: the state written when a run
 * closes, the elimination conditions, rollback and dissolution.  The
 * household's status is written here (hh_state_set) and nowhere else. */
#include <stdio.h>
#include <string.h>

#include "assist/assist.h"
#include "access/audit.h"
#include "register/flags.h"
#include "flow/flow_impl.h"
#include "flow/quality.h"
#include "flow/snapshot.h"
#include "access/scope.h"
#include "base/text.h"

int flow_create_run(struct session *s, int64_t household_id, enum flow_kind kind,
                    int64_t lead_id, const char *counted_from, const char *method,
                    enum hh_status prior_status, int64_t *run_id, struct jerr *e)
{
	if (flow_open_run(s, household_id))
		return jerr_set(e, "", "这一户已有进行中的流程，同一户同时只能有一个流程");
	char today[11];
	date_fmt(clock_today(), today);
	if (store_exec(s->db, "INSERT INTO flow_runs(household_id, kind, lead_id, started_on,"
	               " started_by, counted_from, elim_method, prior_status)"
	               " VALUES (?,?,?,?,?,?,?,?)", "ltLtLtTt", household_id, flow_kind_text(kind),
	               lead_id, today, s->me.id, counted_from, method,
	               hh_status_text(prior_status)) != 0)
		return jerr_set(e, "", "无法开始流程: %s", store_errmsg(s->db));
	int64_t id = store_last_id(s->db);
	audit_write(s, "flow_runs", id, household_id, "kind", NULL, flow_kind_text(kind));
	if (flow_keep_line(s, id, household_id, date_iso(counted_from)) != 0)
		return jerr_set(e, "", "无法开始流程: %s", store_errmsg(s->db));
	if (run_id)
		*run_id = id;
	return 0;
}

int flow_keep_line(struct session *s, int64_t run_id, int64_t household_id, jday day)
{
	struct cfg_line ln;
	char from[11], text[64];
	if (!config_line_at(s->cfg, day, &ln))
		return 0;   /* none configured: nothing to keep, the check says so */
	if (store_exec(s->db, "UPDATE flow_runs SET line_year = ?, line_yuan = ?, line_from = ?"
	               " WHERE id = ?", "iitl", ln.year, ln.yuan, date_fmt(ln.from, from),
	               run_id) != 0)
		return -1;
	snprintf(text, sizeof text, "%d年 %d元（%s起）", ln.year, ln.yuan, from);
	return audit_write(s, "flow_runs", run_id, household_id, "line", NULL, text);
}

int flow_close_effects(struct session *s, const struct flow_run *r, enum step_outcome outcome,
                       const char *done_on, struct jerr *e)
{
	struct hh_state st;
	if (hh_state_get(s, r->household_id, &st, e) != 0)
		return -1;
	int pass = outcome == OUT_PASS;
	if (r->kind == FLOW_IDENTIFY && pass) {
		st.status = STATUS_MONITORED;
		snprintf(st.hh_type, sizeof st.hh_type, "%s", r->hh_type);
		snprintf(st.risks, sizeof st.risks, "%s", r->risks);
		snprintf(st.disaster, sizeof st.disaster, "%s", r->disaster);
		snprintf(st.identified_on, sizeof st.identified_on, "%s", done_on);
		st.eliminated_on[0] = st.elim_method[0] = 0;   /* re-identified: a new period */
	} else if (r->kind == FLOW_IDENTIFY) {
		/* a household eliminated before keeps that standing when a new
		 * identification fails; any other becomes 未纳入 */
		char text[16] = "";
		enum hh_status prior = STATUS_LEAD;
		store_text(s->db, text, sizeof text, "SELECT prior_status FROM flow_runs WHERE id = ?",
		           "l", r->id);
		if (hh_status_from_text(text, &prior) != 0)
			return jerr_set(e, "", "流程记录的原状态“%s”无法识别", text);
		st.status = prior == STATUS_ELIMINATED ? STATUS_ELIMINATED : STATUS_REJECTED;
	} else if (pass) {
		st.status = STATUS_ELIMINATED;
		snprintf(st.eliminated_on, sizeof st.eliminated_on, "%s", done_on);
		snprintf(st.elim_method, sizeof st.elim_method, "%s", r->elim_method);
	} else {
		st.status = STATUS_MONITORED;
	}
	if (hh_state_set(s, r->household_id, &st) != 0)
		return jerr_set(e, "", "无法更新这一户的状态: %s", store_errmsg(s->db));
	if (pass && snapshot_take(s, r->id, r->household_id, flow_kind_text(r->kind), done_on) != 0)
		return jerr_set(e, "", "无法记录决定时的收入和保障情况: %s", store_errmsg(s->db));
	return 0;
}

/* ---- elimination conditions (SPEC §5) ---- */

/* The income of the year whose line is in effect today (config_line_at):
 * recorded, and its per-capita figure above that line. */
static void check_income(struct session *s, int64_t hh, int *failed, struct jerr *e)
{
	struct cfg_line ln;
	struct income in;
	char pc[32];
	if (!config_line_at(s->cfg, clock_today(), &ln)) {
		(*failed)++;
		jerr_append(e, "配置中没有%d年适用的监测范围", date_year(clock_today()));
		return;
	}
	if (income_get(s, hh, ln.year, &in) != 1) {
		(*failed)++;
		jerr_append(e, "未登记%d年收入", ln.year);
		return;
	}
	int64_t per = income_per_capita_of(s, &in);   /* the members of that year */
	if (per <= (int64_t)ln.yuan * 100) {          /* the line in effect, not config_line's */
		(*failed)++;
		jerr_append(e, "%d年人均纯收入%s元，未高于%d年监测范围%d元", ln.year,
		            money_fmt(per, pc, sizeof pc), ln.year, ln.yuan);
	}
}

static void check_guarantees(struct stmt *q, int col, int *failed, struct jerr *e)
{
	static const char *const names[] = { "义务教育", "基本医疗", "住房安全", "饮水安全" };
	char bad[128] = "";
	for (int i = 0; i < 4; i++)
		if (!stmt_int(q, col + i)) {
			size_t n = strlen(bad);
			snprintf(bad + n, sizeof bad - n, "%s%s", n ? "、" : "", names[i]);
		}
	if (*bad) {
		(*failed)++;
		jerr_append(e, "%s有问题（须有保障）", bad);
	}
}

/* 缺啥补啥 (SPEC §6): every risk answered by a measure of a category the
 * configuration names for it -- the data-quality rule's own test. */
static void check_risks_answered(struct session *s, int64_t hh, int *failed, struct jerr *e)
{
	char gaps[5][48], cats[256];
	int n = quality_risk_gaps(s, hh, gaps, 5);
	for (int i = 0; i < n; i++) {
		const struct cfg_risk_map *m = config_risk_map(s->cfg, gaps[i]);
		cats[0] = 0;
		for (int j = 0; m && j < m->n; j++) {
			size_t len = strlen(cats);
			snprintf(cats + len, sizeof cats - len, "%s%s", j ? "、" : "", m->cats[j]);
		}
		(*failed)++;
		jerr_append(e, "风险“%s”没有对应的帮扶措施（须有%s之一）", gaps[i], cats);
	}
}

int elimination_conditions(struct session *s, int64_t household_id, struct jerr *e)
{
	struct flag_dates d;
	flag_dates(s, &d);
	struct stmt *q = store_prep(s->db, "SELECT coalesce(h.identified_on, ''),"
		" CASE WHEN h.identified_on <= ?2 THEN 1 ELSE 0 END,"
		" CASE WHEN " SQL_HAS_MEASURE " THEN 1 ELSE 0 END,"
		" CASE WHEN " SQL_HAS_LABOUR " THEN 1 ELSE 0 END,"
		" CASE WHEN " SQL_HAS_DEV_MEASURE " THEN 1 ELSE 0 END,"
		" h.g_edu, h.g_med, h.g_house, h.g_water"
		" FROM households h WHERE h.id = ?1", "lt", household_id, d.dev);
	if (!q || stmt_step(q) != 1) {
		stmt_done(q);
		jerr_append(e, "找不到这一户");
		return 1;
	}
	int failed = 0, labour = (int)stmt_int(q, 3);
	if (!stmt_int(q, 1) && ++failed)
		jerr_append(e, "纳入监测未满%d个月（%s纳入）", s->cfg->min_months_before_elimination,
		            stmt_text(q, 0));
	if (!stmt_int(q, 2) && ++failed)
		jerr_append(e, "尚未登记帮扶措施");
	check_guarantees(q, 5, &failed, e);
	if (labour && !stmt_int(q, 4) && ++failed)
		jerr_append(e, "有劳动能力但没有开发式帮扶措施（产业、就业、金融、公益岗位，子项不能只是其他或技能培训）");
	if (!labour && ++failed)
		jerr_append(e, "整户无劳动能力，暂不标注风险消除，持续跟踪");
	stmt_done(q);
	check_income(s, household_id, &failed, e);
	check_risks_answered(s, household_id, &failed, e);
	int rigid = rigid_unresolved(s, household_id);
	if (rigid && ++failed)
		jerr_append(e, "有%d笔大额刚性支出尚未解决", rigid);
	return failed;
}

int status_may_eliminate(enum hh_status st)
{
	return st == STATUS_MONITORED;
}

int elimination_check(struct session *s, int64_t household_id, struct jerr *e)
{
	struct hh_state st;
	struct jerr why = { 0 };
	if (hh_state_get(s, household_id, &st, e) != 0)
		return -1;
	int failed = 0;
	if (!status_may_eliminate(st.status) && ++failed)
		jerr_append(&why, "这一户现在是“%s”，只有监测中的户才能启动风险消除",
		            hh_status_text(st.status));
	failed += elimination_conditions(s, household_id, &why);
	if (failed)
		jerr_set(e, "", "不能启动风险消除：%.480s", why.msg);
	else
		jerr_clear(e);
	return failed;
}

int flow_start_elimination(struct session *s, int64_t household_id, const char *method,
                           int64_t *run_id, struct jerr *e)
{
	if (!flow_role_works(s))
		return jerr_set(e, "", "系统管理员不办理流程");
	if (elim_method_check(method, e) != 0)
		return -1;
	if (flow_open_run(s, household_id) && scope_household(s, household_id))
		return jerr_set(e, "", "这一户已有进行中的流程，同一户同时只能有一个流程");
	if (elimination_check(s, household_id, e) != 0)
		return -1;
	struct hh_state st;
	char today[11];
	hh_state_get(s, household_id, &st, NULL);
	st.status = STATUS_ELIMINATING;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (flow_create_run(s, household_id, FLOW_ELIMINATE, 0, date_fmt(clock_today(), today),
	                    method, STATUS_MONITORED, run_id, e) != 0) {
		store_rollback(s->db);
		return -1;
	}
	if (hh_state_set(s, household_id, &st) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

static int county_with_reason(struct session *s, const char *what, const char *reason,
                              struct jerr *e)
{
	if (!flow_role_decides_standing(s))
		return jerr_set(e, "", "只有县级操作员可以%s", what);
	if (!reason || !*reason)
		return jerr_set(e, "reason", "%s须填写理由", what);
	return text_check_clean(reason, 1, "reason", "理由", e);
}

int rollback_status_check(enum hh_status st, struct jerr *e)
{
	if (st != STATUS_ELIMINATED)
		return jerr_set(e, "", "只有风险已消除的户才能回退，这一户现在是“%s”",
		                hh_status_text(st));
	return 0;
}

int flow_rollback(struct session *s, int64_t household_id, const char *reason, struct jerr *e)
{
	struct hh_state st;
	if (county_with_reason(s, "回退风险消除", reason, e) != 0 ||
	    hh_state_get(s, household_id, &st, e) != 0 || rollback_status_check(st.status, e) != 0)
		return -1;
	st.status = STATUS_MONITORED;
	st.eliminated_on[0] = st.elim_method[0] = 0;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (hh_state_set(s, household_id, &st) != 0 ||
	    audit_write(s, "households", household_id, household_id, "rollback", NULL, reason) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

/* A dissolved household's open run ends 不通过, recorded by the county officer. */
static int end_open_run(struct session *s, int64_t household_id, const char *reason)
{
	struct flow_run r;
	int64_t id = flow_open_run(s, household_id);
	if (!id)
		return 0;
	if (flow_get(s, id, &r, NULL) != 0)
		return -1;
	char today[11], why[300];
	date_fmt(clock_today(), today);
	snprintf(why, sizeof why, "户已注销：%s", reason);
	if (store_exec(s->db, "INSERT INTO flow_steps(run_id, step, officer_id, done_on, outcome,"
	               " reason) VALUES (?,?,?,?,?,?)", "lilttt", id, r.step, s->me.id,
	               today, outcome_text(OUT_FAIL), why) != 0 ||
	    store_exec(s->db, "UPDATE flow_runs SET state = ?, closed_on = ?,"
	               " version = version + 1 WHERE id = ?", "ttl", run_state_text(RUN_FAILED),
	               today, id) != 0)
		return -1;
	audit_diff(s, "flow_runs", id, household_id, "state", run_state_text(r.state),
	           run_state_text(RUN_FAILED));
	return 0;
}

static int dissolve_writes(struct session *s, int64_t hh, struct hh_state *st, const char *reason)
{
	struct jerr ignore;
	if (end_open_run(s, hh, reason) != 0 || lead_close_for_household(s, hh, "户已注销") != 0)
		return -1;
	if (store_int(s->db, 0, "SELECT contact_id FROM households WHERE id = ?", "l", hh) &&
	    contact_unassign(s, hh, JDAY_NONE, &ignore) != 0)
		return -1;
	st->status = STATUS_DISSOLVED;
	if (hh_state_set(s, hh, st) != 0 ||
	    store_exec(s->db, "UPDATE households SET dissolved_reason = ? WHERE id = ?", "tl",
	               reason, hh) != 0)
		return -1;
	return audit_write(s, "households", hh, hh, "dissolved_reason", NULL, reason);
}

int dissolve_status_check(enum hh_status st, struct jerr *e)
{
	return st == STATUS_DISSOLVED ? jerr_set(e, "", "这一户已经注销") : 0;
}

int household_dissolve(struct session *s, int64_t household_id, const char *reason,
                       struct jerr *e)
{
	struct hh_state st;
	if (county_with_reason(s, "注销户", reason, e) != 0 ||
	    hh_state_get(s, household_id, &st, e) != 0 || dissolve_status_check(st.status, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (dissolve_writes(s, household_id, &st, reason) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "注销失败: %s", store_errmsg(s->db));
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "注销失败: %s", store_errmsg(s->db));
}
