/* Completing, returning and ending a step (SPEC §5), one run at a time or
 * in batches.  Every refusal is decided before anything is written, so a
 * refusal inside a caller's transaction does not doom it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "flow/flow_impl.h"
#include "base/text.h"

static int check_outcome(const struct flow_run *r, const struct step_input *in, struct jerr *e)
{
	enum step_outcome o = in->outcome;
	if (o != OUT_PASS && o != OUT_RETURN && o != OUT_FAIL)
		return jerr_set(e, "outcome", "办理结果应为通过、退回或不通过");
	if (o != OUT_PASS && (!in->reason || !*in->reason))
		return jerr_set(e, "reason", "%s须填写理由", outcome_text(o));
	if (text_check_clean(in->reason, 1, "reason", "理由", e))
		return -1;
	for (int i = 0; i < in->nkv; i++)
		if (text_check_clean(in->values[i], 1, in->keys[i], "所填内容", e))
			return -1;
	if (o == OUT_RETURN && r->step == 1)
		return jerr_set(e, "back_to", "第1步之前没有可以退回的步骤");
	if (o == OUT_RETURN && (in->back_to < 1 || in->back_to >= r->step))
		return jerr_set(e, "back_to", "只能退回到第1至第%d步", r->step - 1);
	return 0;
}

/* Steps are dated when they happened (paper first), never in the future
 * and never before the step they follow. */
int flow_check_done_on(struct session *s, const struct flow_run *r, const struct step_input *in,
                       jday *done, struct jerr *e)
{
	jday today = clock_today(), d = in->done_on == JDAY_NONE ? today : in->done_on;
	char day[11], now[11];
	date_fmt(d, day);
	if (d > today)
		return jerr_set(e, "done_on", "办理日期%s晚于今天%s", day, date_fmt(today, now));
	if (d < date_iso(r->started_on))
		return jerr_set(e, "done_on", "办理日期%s早于流程开始的日期%s", day, r->started_on);
	char last[11] = "";
	store_text(s->db, last, sizeof last, "SELECT max(done_on) FROM flow_steps WHERE run_id = ?",
	           "l", r->id);
	if (*last && d < date_iso(last))
		return jerr_set(e, "done_on", "办理日期%s早于上一步的办理日期%s", day, last);
	*done = d;
	return 0;
}

static int check_type(struct session *s, const struct flow_run *r, const char *type,
                      struct jerr *e)
{
	if (r->kind != FLOW_IDENTIFY)
		return jerr_set(e, "hh_type", "监测对象类型在识别纳入流程中认定");
	int tuopin = (int)store_int(s->db, 0, "SELECT is_tuopin FROM households WHERE id = ?", "l",
	                            r->household_id);
	return hh_type_check(type, tuopin, e);
}

int elim_method_check(const char *method, struct jerr *e)
{
	if (!method || (strcmp(method, "帮扶消除") && strcmp(method, "自然消除")))
		return jerr_set(e, "elim_method", "消除方式应为帮扶消除或自然消除");
	return 0;
}

int flow_step_value_check(int step, const struct step_input *in, const char *key,
                          struct jerr *e)
{
	const char *v = step_value(in, key), *found = step_value(in, "findings");
	if (!v || !*v)
		return 0;
	if (!strcmp(key, "participants") && (strspn(v, "0123456789") != strlen(v) || atoi(v) <= 0))
		return jerr_set(e, key, "参会人数应为正整数");
	if (!strcmp(key, "elim_method"))
		return elim_method_check(v, e);
	if (step_money_key(key))
		return step_money_check(key, v, e);
	if (step != 2 || strcmp(key, "result") != 0)
		return 0;
	if (strcmp(v, "无异常") && strcmp(v, "有异常"))
		return jerr_set(e, key, "比对结果应为无异常或有异常");
	if (!strcmp(v, "有异常") && (!found || !*found))
		return jerr_set(e, "findings", "比对有异常时须写明发现的问题");
	return 0;
}

/* the value the run will carry: this step's, else what it carries already */
static const char *proposal(const struct step_input *in, const char *key, const char *current)
{
	const char *v = step_value(in, key);
	return v && *v ? v : current;
}

/* The 因自然灾害子项 the run will carry, stored form (disaster.c): this
 * step's, else the run's -- none once the risks proposed lack the risk.
 * 0, or -1 with e for a sub-item not in the table. */
static int proposed_disaster(struct session *s, const struct flow_run *r,
                             const struct step_input *in, char out[HH_DISASTER_BYTES],
                             struct jerr *e)
{
	const char *given = step_value(in, "disaster");
	if (disaster_normalise(s->cfg, given && *given ? given : r->disaster, out,
	                       HH_DISASTER_BYTES, e) != 0)
		return -1;
	if (!risks_name_disaster(proposal(in, "risks", r->risks)) && !(given && *given))
		out[0] = 0;   /* the risk was taken away: its sub-items go with it */
	return 0;
}

/* The risks and sub-items proposed fit (disaster.c): a sub-item given
 * only beside 因自然灾害, and where the risks are decided (通过 at step 1
 * or 5 of identification) that risk only with its sub-item. */
static int check_disaster(struct session *s, const struct flow_run *r,
                          const struct step_input *in, struct jerr *e)
{
	char d[HH_DISASTER_BYTES];
	const char *given = step_value(in, "disaster");
	int decides = r->kind == FLOW_IDENTIFY && in->outcome == OUT_PASS &&
	              (r->step == 1 || r->step == 5);
	if (given && *given && r->kind != FLOW_IDENTIFY)
		return jerr_set(e, "disaster", "因自然灾害子项在识别纳入流程中认定");
	if (proposed_disaster(s, r, in, d, e) != 0)
		return -1;
	if (!decides && !*d)
		return 0;
	return disaster_check(s->cfg, risks_name_disaster(proposal(in, "risks", r->risks)), d, e);
}

static int check_data(struct session *s, const struct flow_run *r, const struct step_input *in,
                      struct jerr *e)
{
	if (in->nkv < 0 || in->nkv > STEP_MAX_KV)
		return jerr_set(e, "", "步骤资料最多%d项", STEP_MAX_KV);
	for (int i = 0; i < in->nkv; i++) {
		const char *k = in->keys[i], *v = in->values[i] ? in->values[i] : "";
		if (!k || !*k || strlen(k) >= sizeof((struct step_record *)0)->keys[0])
			return jerr_set(e, "", "步骤资料的项目名有误");
		if (strlen(v) >= sizeof((struct step_record *)0)->values[0])
			return jerr_set(e, k, "“%s”的内容太长", k);
		for (int j = 0; j < i; j++)
			if (in->keys[j] && !strcmp(in->keys[j], k))
				return jerr_set(e, k, "步骤资料“%s”重复", k);
	}
	const char *type = step_value(in, "hh_type"), *risks = step_value(in, "risks");
	const char *method = step_value(in, "elim_method");
	char parsed[HH_MAX_RISKS][48];
	int n;
	if (type && *type && check_type(s, r, type, e) != 0)
		return -1;
	if (risks && *risks && risks_parse(s, risks, parsed, &n, e) != 0)
		return -1;
	if (flow_step_value_check(r->step, in, "elim_method", e) != 0 ||
	    check_disaster(s, r, in, e) != 0)
		return -1;
	for (int i = 0; i < in->nkv; i++)
		if (step_money_key(in->keys[i]) && in->values[i] && *in->values[i] &&
		    (r->step != 1 ? jerr_set(e, in->keys[i], "收入和支出在第1步入户核实时登记") :
		     flow_step_value_check(r->step, in, in->keys[i], e)) != 0)
			return -1;
	if (method && *method && r->kind != FLOW_ELIMINATE)
		return jerr_set(e, "elim_method", "消除方式在风险消除流程中填写");
	return 0;
}

/* Dates in the step data, as officers type them (date_parse), stored as
 * ISO dates in norm; none may lie in the future. */
static const struct { const char *key, *label; } date_keys[] = {
	{ "visit_date", "入户核实日期" }, { "sent_on", "比对发出日期" },
	{ "returned_on", "比对返回日期" }, { "meeting_date", "评议会议日期" },
};
#define NDATE_KEYS (int)(sizeof date_keys / sizeof date_keys[0])

int flow_check_data_dates(const struct step_input *in, struct step_input *norm,
                          char iso[STEP_MAX_KV][11], struct jerr *e)
{
	*norm = *in;
	for (int i = 0; i < in->nkv; i++)
		for (int k = 0; k < NDATE_KEYS; k++) {
			const char *v = in->values[i];
			if (strcmp(in->keys[i], date_keys[k].key) || !v || !*v)
				continue;
			jday d = date_parse(v);
			if (d == JDAY_NONE)
				return jerr_set(e, in->keys[i], "%s“%s”不是有效的日期", date_keys[k].label, v);
			char now[11];
			if (d > clock_today())
				return jerr_set(e, in->keys[i], "%s%s晚于今天%s", date_keys[k].label,
				                date_fmt(d, iso[i]), date_fmt(clock_today(), now));
			norm->values[i] = date_fmt(d, iso[i]);
		}
	return flow_step_value_check(0, in, "participants", e);
}

/* What 通过 needs at each step (SPEC §5 table and rules). */
static int check_pass(struct session *s, const struct flow_run *r, const struct step_input *in,
                      struct jerr *e)
{
	int identify = r->kind == FLOW_IDENTIFY;
	const char *v;
	if (r->step == 1 && (!(v = step_value(in, "commitment")) || strcmp(v, "是") != 0))
		return jerr_set(e, "commitment", "须有户主签字的承诺授权书（承诺授权：是）才能通过入户核实");
	if ((r->step == 1 || r->step == 5) && identify) {
		if (!*proposal(in, "hh_type", r->hh_type))
			return jerr_set(e, "hh_type", "请认定监测对象类型");
		if (!*proposal(in, "risks", r->risks))
			return jerr_set(e, "risks", "请至少选择一项风险类型");
	}
	if (flow_step_value_check(r->step, in, "result", e) != 0)
		return -1;
	int open = (int)store_int(s->db, 0, "SELECT count(*) FROM objections WHERE run_id = ?"
	                          " AND resolved = 0", "l", r->id);
	if (r->step >= 3 && open)
		return jerr_set(e, "objections", "有%d条异议尚未处理完毕", open);
	if (r->step == 5 && !identify) {   /* the conditions may have changed since the start */
		jerr_set(e, "", "风险消除条件已不满足");
		if (elimination_conditions(s, r->household_id, e) > 0)
			return -1;
	}
	return 0;
}

static int insert_step(struct session *s, const struct flow_run *r, const struct step_input *in,
                       const char *day, int64_t *step_id)
{
	int back = in->outcome == OUT_RETURN ? in->back_to : 0;
	if (store_exec(s->db, "INSERT INTO flow_steps(run_id, step, officer_id, done_on, outcome,"
	               " back_to, reason) VALUES (?,?,?,?,?,?,?)", "lilttLt", r->id, r->step,
	               s->me.id, day, outcome_text(in->outcome), (int64_t)back,
	               in->reason ? in->reason : "") != 0)
		return -1;
	*step_id = store_last_id(s->db);
	for (int i = 0; i < in->nkv; i++)
		if (in->values[i] && *in->values[i] &&
		    store_exec(s->db, "INSERT INTO step_data(step_id, key, value) VALUES (?,?,?)",
		               "ltt", *step_id, in->keys[i], in->values[i]) != 0)
			return -1;
	char what[64], done[400];
	const char *why = in->reason ? in->reason : "";
	snprintf(what, sizeof what, "第%d步%s", r->step, flow_step_name(r->step));
	if (back)
		snprintf(done, sizeof done, "退回第%d步：%s", back, why);
	else
		snprintf(done, sizeof done, "%s%s%s", outcome_text(in->outcome), *why ? "：" : "", why);
	return audit_write(s, "flow_steps", *step_id, r->household_id, what, NULL, done);
}

/* Moves the run on: next step, back to an earlier one, or closed. */
static int advance_run(struct session *s, const struct flow_run *r, const struct step_input *in,
                       const char *day, struct flow_run *now)
{
	*now = *r;
	int pass = in->outcome == OUT_PASS, back = in->outcome == OUT_RETURN;
	int closes = !back && (!pass || r->step == 5);
	if (back)
		now->step = in->back_to;
	else if (pass && r->step < 5)
		now->step = r->step + 1;
	now->state = !closes ? RUN_OPEN : pass ? RUN_PASSED : RUN_FAILED;
	snprintf(now->closed_on, sizeof now->closed_on, "%s", closes ? day : "");
	snprintf(now->hh_type, sizeof now->hh_type, "%s", proposal(in, "hh_type", r->hh_type));
	snprintf(now->risks, sizeof now->risks, "%s", proposal(in, "risks", r->risks));
	if (proposed_disaster(s, r, in, now->disaster, NULL) != 0)   /* checked already */
		return -1;
	snprintf(now->elim_method, sizeof now->elim_method, "%s",
	         proposal(in, "elim_method", r->elim_method));
	if (store_exec(s->db, "UPDATE flow_runs SET step = ?, state = ?, closed_on = ?, hh_type = ?,"
	               " risks = ?, disaster = ?, elim_method = ?, version = version + 1"
	               " WHERE id = ? AND version = ? AND state = ?", "itTTttTlit",
	               now->step, run_state_text(now->state), now->closed_on, now->hh_type, now->risks,
	               now->disaster, now->elim_method, r->id, r->version,
	               run_state_text(RUN_OPEN)) != 0 ||
	    store_changes(s->db) != 1)
		return -1;
	audit_diff_int(s, "flow_runs", r->id, r->household_id, "step", r->step, now->step);
	audit_diff(s, "flow_runs", r->id, r->household_id, "state", run_state_text(r->state),
	           run_state_text(now->state));
	audit_diff(s, "flow_runs", r->id, r->household_id, "hh_type", r->hh_type, now->hh_type);
	audit_diff(s, "flow_runs", r->id, r->household_id, "risks", r->risks, now->risks);
	audit_diff(s, "flow_runs", r->id, r->household_id, "disaster", r->disaster, now->disaster);
	audit_diff(s, "flow_runs", r->id, r->household_id, "elim_method", r->elim_method,
	           now->elim_method);
	now->version++;
	return 0;
}

static int write_all(struct session *s, const struct flow_run *r, const struct step_input *in,
                     jday done, struct jerr *e)
{
	char day[11];
	int64_t step_id;
	struct flow_run now;
	date_fmt(done, day);
	if (insert_step(s, r, in, day, &step_id) != 0)
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	if (flow_step1_records(s, r, in, done, e) != 0)
		return -1;
	if (advance_run(s, r, in, day, &now) != 0)
		return jerr_set(e, "", "这个流程刚被其他操作员办理过，请刷新后再试");
	if (flow_queue_decision(s, r, &now, in, day) != 0)
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	if (now.state == RUN_OPEN)
		return 0;
	if (flow_keep_line(s, r->id, r->household_id, done) != 0)   /* the decision's line */
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	return flow_close_effects(s, &now, in->outcome, day, e);
}

int flow_complete(struct session *s, int64_t run_id, const struct step_input *in,
                  struct jerr *e)
{
	struct flow_run r;
	jday done = JDAY_NONE;
	if (!in)
		return jerr_set(e, "", "没有办理内容");
	if (flow_get(s, run_id, &r, e) != 0 || flow_may_complete(s, &r, e) != 0)
		return -1;
	struct step_input norm;
	char iso[STEP_MAX_KV][11];
	if (check_outcome(&r, in, e) != 0 || flow_check_done_on(s, &r, in, &done, e) != 0 ||
	    check_data(s, &r, in, e) != 0 || flow_check_data_dates(in, &norm, iso, e) != 0 ||
	    flow_dates_check(s, &r, &norm, done, e) != 0)
		return -1;
	if (in->outcome == OUT_PASS && check_pass(s, &r, &norm, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (write_all(s, &r, &norm, done, e) != 0) {
		store_rollback(s->db);
		return -1;
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

/* ---- batch decisions (SPEC §7) ---- */

static const struct batch_exception *find_exception(const struct batch_exception *ex, int nex,
                                                    int64_t run_id)
{
	for (int i = 0; i < nex; i++)
		if (ex[i].run_id == run_id)
			return &ex[i];
	return NULL;
}

static int check_exceptions(const int64_t *ids, int n, const struct batch_exception *ex,
                            int nex, struct jerr *e)
{
	for (int i = 0; i < nex; i++) {
		int in = 0;
		for (int j = 0; j < n; j++)
			in |= ids[j] == ex[i].run_id;
		if (!in)
			return jerr_set(e, "", "例外的流程（编号%lld）不在本批之中", (long long)ex[i].run_id);
		if (ex[i].outcome != OUT_RETURN && ex[i].outcome != OUT_FAIL)
			return jerr_set(e, "", "例外只能是退回或不通过");
	}
	return 0;
}

static int batch_one(struct session *s, int step, int64_t id, const struct batch_exception *x,
                     jday done_on, struct jerr *e)
{
	struct flow_run r;
	struct jerr why = { 0 };
	if (flow_get(s, id, &r, e) != 0)
		return -1;
	struct step_input in = { .done_on = done_on, .outcome = OUT_PASS };
	if (x) {
		in.outcome = x->outcome;
		in.back_to = x->back_to;
		in.reason = x->reason;
	} else if (step == 2) {   /* approved in a batch: the cross-check found nothing */
		in.nkv = 1;
		in.keys[0] = "result";
		in.values[0] = "无异常";
	}
	if (r.step != step)
		jerr_set(&why, "", "现在在第%d步，不在第%d步", r.step, step);
	else if (flow_complete(s, id, &in, &why) == 0)
		return 0;
	return jerr_set(e, "", "户编号%s（户主%s）：%.400s", r.hh_no, r.head_name, why.msg);
}

int flow_batch(struct session *s, int step, const int64_t *ids, int n,
               const struct batch_exception *ex, int nex, jday done_on, struct jerr *e)
{
	if (n <= 0)
		return jerr_set(e, "", "没有选中任何流程");
	if (step < 1 || step > 5)
		return jerr_set(e, "", "步骤应为1至5");
	if (check_exceptions(ids, n, ex, nex, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	for (int i = 0; i < n; i++)
		if (batch_one(s, step, ids[i], find_exception(ex, nex, ids[i]), done_on, e) != 0) {
			store_rollback(s->db);   /* all of it or none */
			return -1;
		}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}
