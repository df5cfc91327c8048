/* The flows of a demo household: leads, the five steps of identification
 * and elimination, rollback and dissolution.  Everything goes through the
 * engine (lead.h, flow.h) with the clock pinned to the day it happens, so
 * dates, postings, four eyes and deadlines are the engine's own. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "demo/demo_impl.h"
#include "flow/flow.h"
#include "flow/lead.h"

jday demo_at(jday day)
{
	clock_pin(day);
	return day;
}

struct session *demo_officer_for(struct demo *d, const struct demo_hh *x, enum role role,
                                 int64_t avoid)
{
	const struct demo_village *v = &d->villages[x->village];
	const struct demo_town *t = &d->towns[v->town];
	int cand[4], n = 0;
	if (role == ROLE_VILLAGE) {
		cand[n++] = v->officer;
		if (v->officer2 >= 0)
			cand[n++] = v->officer2;
	}
	else if (role == ROLE_TOWNSHIP)
		for (int i = 0; i < t->nofficers; i++)
			cand[n++] = t->officers[i];
	else if (role == ROLE_COUNTY)
		cand[n++] = d->county[0], cand[n++] = d->county[1];
	/* take turns by household, so both officers of a township appear */
	for (int i = 0; i < n; i++) {
		struct session *s = &d->off[cand[(x->index + i) % n]];
		if (s->me.id != avoid)
			return s;
	}
	return NULL;
}

/* ---- step data ---- */

void kv_add(struct kv *kv, const char *key, const char *fmt, ...)
{
	if (kv->n >= STEP_MAX_KV)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(kv->buf[kv->n], sizeof kv->buf[0], fmt, ap);
	va_end(ap);
	kv->keys[kv->n] = key;
	kv->n++;
}

static int complete(struct demo *d, struct demo_hh *x, struct demo_run *run, int step, jday day,
                    enum step_outcome outcome, int back_to, const char *reason, struct kv *kv,
                    struct jerr *e)
{
	struct session *s = demo_officer_for(d, x, d->cfg->step_roles[step - 1],
	                                     step > 1 ? run->passer[step - 1] : 0);
	if (!s)
		return jerr_set(e, "", "没有可以办理第%d步的操作员", step);
	demo_at(day);
	struct step_input in = { .done_on = day, .outcome = outcome, .back_to = back_to,
	                         .reason = reason };
	for (int i = 0; kv && i < kv->n; i++) {
		in.keys[i] = kv->keys[i];
		in.values[i] = kv->buf[i];
	}
	in.nkv = kv ? kv->n : 0;
	if (flow_complete(s, run->id, &in, e) != 0)
		return -1;
	if (outcome == OUT_PASS)
		run->passer[step] = s->me.id;
	run->day = day;
	return 0;
}

static void guarantees_text(const struct demo_hh *x, char *out, size_t n)
{
	snprintf(out, n, "义务教育%s、基本医疗%s、住房安全%s、饮水安全%s",
	         x->h.g_edu ? "有保障" : "有问题", x->h.g_med ? "有保障" : "有问题",
	         x->h.g_house ? "有保障" : "有问题", x->h.g_water ? "有保障" : "有问题");
}

void demo_risks_text(const struct demo_hh *x, char *out, size_t n)
{
	out[0] = 0;
	for (int i = 0; i < x->nrisks; i++) {
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s%s", i ? "、" : "", x->risks[i]);
	}
}

/* The income the visit verifies: the household's own record of the year
 * whose line applies, when the demo has saved one (step 1 writes it back,
 * with the step as its source). */
static void verified_income(struct demo *d, struct demo_hh *x, jday day, struct kv *kv)
{
	struct cfg_line ln;
	struct income in;
	char buf[32];
	int bit = config_line_at(d->cfg, day, &ln) ? ln.year - 2000 : -1;
	if (bit < 0 || bit > 63 || !(x->income_years >> bit & 1) ||
	    income_get(demo_officer_for(d, x, ROLE_VILLAGE, 0), x->id, ln.year, &in) != 1)
		return;
	kv_add(kv, "wage", "%s", money_fmt(in.wage, buf, sizeof buf));
	kv_add(kv, "business", "%s", money_fmt(in.business, buf, sizeof buf));
	kv_add(kv, "property", "%s", money_fmt(in.property, buf, sizeof buf));
	kv_add(kv, "transfer", "%s", money_fmt(in.transfer, buf, sizeof buf));
	kv_add(kv, "business_cost", "%s", money_fmt(in.business_cost, buf, sizeof buf));
	kv_add(kv, "out_of_pocket", "%s", money_fmt(in.out_of_pocket, buf, sizeof buf));
}

static void step1_data(struct demo *d, struct demo_hh *x, struct demo_run *run, jday day,
                       struct kv *kv)
{
	struct rng *r = &x->r;
	char buf[128];
	const struct demo_village *v = &d->villages[x->village];
	kv_add(kv, "visit_date", "%s", date_fmt(day, buf));
	kv_add(kv, "verifiers", "%s、%s", d->off[v->officer].me.name,
	       run->identify ? "驻村工作队员" : "帮扶联系人");
	verified_income(d, x, day, kv);
	if (x->rigid_id && run->identify)
		kv_add(kv, "expenses", "医疗、教育等大额支出约%d元", rng_int(r, 2, 15) * 10000);
	guarantees_text(x, buf, sizeof buf);
	kv_add(kv, "guarantees", "%s", buf);
	kv_add(kv, "commitment", "是");
	if (run->identify) {
		demo_risks_text(x, buf, sizeof buf);
		kv_add(kv, "risks_found", "%s", buf);
		kv_add(kv, "hh_type", "%s", x->type);
		kv_add(kv, "risks", "%s", buf);
		if (risks_name_disaster(buf))   /* what struck it; no draw, the stream stays */
			kv_add(kv, "disaster", "%s", x->id % 3 ? "洪涝灾害" : "地质灾害、旱灾");
	}
}

static const char *const findings[] = {
	"家庭成员中有财政供养人员", "家庭成员名下有小轿车一辆", "家庭成员在县城购有商品房",
	"家庭成员有工商注册登记（经营公司）",
};

static void post_and_objections(struct demo *d, struct demo_hh *x, struct demo_run *run,
                                jday post, jday end, int stop_here, struct jerr *e, int *rc)
{
	struct rng *r = &x->r;
	struct session *s = demo_officer_for(d, x, d->cfg->step_roles[2], run->passer[2]);
	char place[96];
	*rc = 0;
	if (!s) {
		*rc = jerr_set(e, "", "没有可以登记公示的操作员");
		return;
	}
	snprintf(place, sizeof place, "%s村务公开栏", d->villages[x->village].name);
	demo_at(post);
	if (flow_post(s, run->id, place, post, end, e) != 0) {
		*rc = -1;
		return;
	}
	int objection = stop_here ? rng_pct(r, 30) : rng_pct(r, 5);
	jday received = post + rng_int(r, 1, 3);
	if (!objection || received > d->today)
		return;
	int64_t id;
	demo_at(received);
	if (objection_add(s, run->id, received, run->identify ? "反映该户家庭收入较高，不应纳入监测"
	                  : "反映该户仍有困难，风险尚未消除", &id, e) != 0) {
		*rc = -1;
		return;
	}
	jday resolve = received + rng_int(r, 1, 2);
	if (stop_here || resolve > d->today)
		return;   /* still being looked into */
	demo_at(resolve);
	if (objection_resolve(s, id, "经村两委入户复核，反映情况与实际不符，已向反映人当面说明", e) != 0)
		*rc = -1;
}

/* Steps 1–5 from the run's start.  1 passed, 0 left open (stop_step
 * waiting, or today reached), 2 ended 不通过; -1 error. */
int demo_run_steps(struct demo *d, struct demo_hh *x, struct demo_run *run, int stop_step,
                   int fail_step, struct jerr *e)
{
	struct rng *r = &x->r;
	jday T = d->today, day = run->day;
	struct kv kv;
	char buf[32];
	const char *what = run->identify ? "纳入" : "风险消除";

	day += rng_int(r, 1, 5);
	if (stop_step == 1 || day > T)
		return 0;
	kv.n = 0;
	step1_data(d, x, run, day, &kv);
	if (complete(d, x, run, 1, day, OUT_PASS, 0, NULL, &kv, e) != 0)
		return -1;

	jday sent = day + rng_int(r, 0, 1);
	day = sent + rng_int(r, 1, 4);
	if (stop_step == 2 || day > T)
		return 0;
	kv.n = 0;
	kv_add(&kv, "sent_on", "%s", date_fmt(sent, buf));
	kv_add(&kv, "returned_on", "%s", date_fmt(day, buf));
	if (fail_step == 2) {
		const char *f = findings[rng_int(r, 0, 3)];
		kv_add(&kv, "result", "有异常");
		kv_add(&kv, "findings", "%s", f);
		char why[160];
		snprintf(why, sizeof why, "信息比对发现%s，不符合%s条件", f, what);
		return complete(d, x, run, 2, day, OUT_FAIL, 0, why, &kv, e) ? -1 : 2;
	}
	kv_add(&kv, "result", "无异常");
	if (complete(d, x, run, 2, day, OUT_PASS, 0, NULL, &kv, e) != 0)
		return -1;

	jday post = day + rng_int(r, 0, 2);
	if (post > T)
		return 0;
	jday end = post + d->cfg->posting_days + rng_int(r, 0, 2);
	int rc;
	post_and_objections(d, x, run, post, end, stop_step == 3, e, &rc);
	if (rc != 0)
		return -1;
	day = end + 1 + rng_int(r, 0, 2);   /* the day after the last posting day */
	if (stop_step == 3 || day > T)
		return 0;
	for (int again = 0;; again++) {
		kv.n = 0;
		kv_add(&kv, "meeting_date", "%s", date_fmt(post, buf));
		kv_add(&kv, "participants", "%d", rng_int(r, 18, 46));
		kv_add(&kv, "result", "同意%s", what);
		if (complete(d, x, run, 3, day, OUT_PASS, 0, NULL, &kv, e) != 0)
			return -1;
		day += rng_int(r, 1, 4);
		if (stop_step == 4 || day > T)
			return 0;
		kv.n = 0;
		if (fail_step == 4) {
			kv_add(&kv, "decision", "不同意%s", what);
			return complete(d, x, run, 4, day, OUT_FAIL, 0, run->identify ?
			                "经乡镇审核，家庭人均纯收入明显高于监测范围，不符合纳入条件" :
			                "经乡镇审核，家庭收入尚不稳定，暂不消除风险", &kv, e) ? -1 : 2;
		}
		if (again || !rng_pct(r, 3))
			break;
		kv_add(&kv, "decision", "退回重新评议");
		if (complete(d, x, run, 4, day, OUT_RETURN, 3, "民主评议记录缺少参会人员签字，请补齐后重新评议",
		             &kv, e) != 0)
			return -1;
		day += rng_int(r, 1, 3);
		if (day > T)
			return 0;
	}
	kv_add(&kv, "decision", "同意%s", what);
	if (complete(d, x, run, 4, day, OUT_PASS, 0, NULL, &kv, e) != 0)
		return -1;

	day += rng_int(r, 1, 6);
	if (stop_step == 5 || day > T)
		return 0;
	if (!run->identify && date_year(day) != date_year(run->started) &&
	    demo_ensure_income(d, x, day, e) != 0)
		return -1;
	kv.n = 0;
	if (fail_step == 5) {
		kv_add(&kv, "decision", "不同意%s", what);
		return complete(d, x, run, 5, day, OUT_FAIL, 0, "经县级审定，该户家庭收入和资产情况不符合纳入条件",
		                &kv, e) ? -1 : 2;
	}
	kv_add(&kv, "decision", "同意%s", what);
	if (complete(d, x, run, 5, day, OUT_PASS, 0, NULL, &kv, e) != 0)
		return -1;
	return 1;
}

/* ---- leads ---- */

static const char *department_for(const char *risk)
{
	static const char *const map[][2] = {
		{ "因病", "医保" }, { "因残", "残联" }, { "因学", "教育" }, { "因务工就业不稳", "人社" },
		{ "缺劳动力", "民政" }, { "因自然灾害", "应急" }, { "因意外事故", "应急" },
		{ "因产业项目失败", "农业农村" }, { "因安全住房", "住建" }, { "因安全饮水", "水利" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], risk))
			return map[i][1];
	return "民政";
}

static const char *lead_reason(const char *risk)
{
	static const char *const map[][2] = {
		{ "因病", "家庭成员患病住院，医疗自付费用较大" },
		{ "因残", "家庭成员残疾，生活和就业困难" },
		{ "因学", "子女就读高中或大学，教育支出较大" },
		{ "因务工就业不稳", "主要劳动力务工中断，收入明显下降" },
		{ "缺劳动力", "家中缺少劳动力，收入来源单一" },
		{ "因自然灾害", "遭受洪涝灾害，房屋和庄稼受损" },
		{ "因意外事故", "家庭成员遭遇交通事故，收入中断" },
		{ "因产业项目失败", "养殖的生猪发病死亡，产业亏损" },
		{ "因安全住房", "住房鉴定为C级危房" },
		{ "因安全饮水", "季节性缺水，饮水无保障" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], risk))
			return map[i][1];
	return "家庭生活出现困难，收入下降";
}

/* The lead, and sometimes a second source merged into it a few days later.
 * person_only: the lead names the head by ID before the household is
 * registered (a department's list). */
int demo_lead(struct demo *d, struct demo_hh *x, jday day, int channel, int person_only,
              int64_t *lead, jday *last, struct jerr *e)
{
	static const char *const channels[] = { "农户自主申报", "基层干部排查", "部门筛查预警" };
	struct rng *r = &x->r;
	const char *risk = x->nrisks ? x->risks[0] : "其他";
	for (int k = 0; k < 2; k++) {
		const char *ch = channels[channel];
		struct session *s = demo_officer_for(d, x, channel == 2 ? ROLE_TOWNSHIP : ROLE_VILLAGE, 0);
		char reason[160];
		snprintf(reason, sizeof reason, "%s：%s", risk, lead_reason(risk));
		struct lead_input in = {
			.household_id = person_only && k == 0 ? 0 : x->id,
			.id_no = person_only && k == 0 ? x->ms[0].id_no : NULL,
			.name = x->ms[0].name,
			.village_id = d->villages[x->village].id,
			.channel = ch,
			.department = channel == 2 ? department_for(risk) : NULL,
			.found_on = day,
			.reason = channel == 0 ? "户主本人到村委会申报，反映家庭困难" : reason,
		};
		int merged;
		demo_at(day);
		if (lead_create(s, &in, lead, &merged, e) != 0)
			return -1;
		d->st->leads += !merged;
		*last = day;
		/* another channel reports the same household: merged, not duplicated */
		if (k == 1 || !rng_pct(r, 15) || person_only)
			break;
		channel = (channel + rng_int(r, 1, 2)) % 3;
		day += rng_int(r, 1, 3);
		if (day > d->today)
			break;
	}
	return 0;
}

/* Lead → identification run at step 1. */
int demo_start(struct demo *d, struct demo_hh *x, int64_t lead, jday day, struct demo_run *run,
               struct jerr *e)
{
	struct session *s = demo_officer_for(d, x, ROLE_VILLAGE, 0);
	memset(run, 0, sizeof *run);
	run->identify = 1;
	demo_at(day);
	if (lead_start(s, lead, x->id, &run->id, e) != 0)
		return -1;
	run->day = run->started = day;
	d->st->runs++;
	return 0;
}

int demo_dismiss(struct demo *d, struct demo_hh *x, int64_t lead, jday day, struct jerr *e)
{
	demo_at(day);
	return lead_dismiss(demo_officer_for(d, x, ROLE_VILLAGE, 0), lead,
	                    "经入户核实，家庭收入稳定，“两不愁三保障”无问题，无返贫致贫风险", e);
}

/* ---- elimination, rollback, dissolution ---- */

int demo_start_elimination(struct demo *d, struct demo_hh *x, jday day, struct demo_run *run,
                           struct jerr *e)
{
	struct session *s = demo_officer_for(d, x, ROLE_VILLAGE, 0);
	memset(run, 0, sizeof *run);
	demo_at(day);
	if (flow_start_elimination(s, x->id, rng_pct(&x->r, 80) ? "帮扶消除" : "自然消除", &run->id,
	                           e) != 0)
		return -1;
	run->day = run->started = day;
	d->st->runs++;
	return 0;
}

int demo_rollback(struct demo *d, struct demo_hh *x, jday day, struct jerr *e)
{
	demo_at(day);
	return flow_rollback(demo_officer_for(d, x, ROLE_COUNTY, 0), x->id,
	                     "回访发现家庭成员突发重病，医疗支出大，返贫风险未消除", e);
}

int demo_dissolve(struct demo *d, struct demo_hh *x, jday day, struct jerr *e)
{
	static const char *const reasons[] = {
		"户内人员均已去世", "全户户籍迁出本县（迁往浙江省宁波市）",
		"户主去世，其余家庭成员随子女并入他户",
	};
	demo_at(day);
	return household_dissolve(demo_officer_for(d, x, ROLE_COUNTY, 0), x->id,
	                          reasons[rng_int(&x->r, 0, 2)], e);
}
