/* The life of one demo household, from the first lead to today: which path
 * it takes (SPEC §5 statuses), and the assistance while it is followed —
 * contact person, measures, yearly incomes, home visits — each through the
 * engine (assist.h) on the day it happens. */
#include <stdio.h>
#include <string.h>

#include "assist/assist.h"
#include "flow/quality.h"
#include "demo/demo_impl.h"

/* ---- measures ---- */

struct measure_kind {
	const char *category;
	const char *content[3];
	const char *department;
	int lo, hi;              /* amount in 元; 0: none */
};

static const struct measure_kind measure_kinds[] = {
	{ "产业帮扶", { "发展中蜂养殖10箱，发放产业补助", "种植烤烟15亩，提供技术指导",
	                "养殖生猪5头，发放以奖代补资金" }, "农业农村", 1000, 5000 },
	{ "就业帮扶", { "推荐到彭水县工业园区企业务工", "组织参加挖掘机操作技能培训",
	                "落实跨省务工一次性交通补贴" }, "人社", 0, 0 },
	{ "金融帮扶", { "发放脱贫人口小额信贷5万元，用于发展产业",
	                "发放小额信贷3万元，财政全额贴息", "办理小额信贷续贷" },
	  "农业农村", 30000, 50000 },
	{ "公益岗位帮扶", { "安排生态护林员公益岗位", "安排农村保洁员公益岗位", "安排护路员公益岗位" },
	  "人社", 6000, 9600 },
	{ "健康帮扶", { "落实医疗救助和家庭医生签约服务", "慢病门诊报销，落实一站式结算",
	                "大病专项救治" }, "卫健", 2000, 20000 },
	{ "义务教育保障", { "落实义务教育阶段家庭经济困难学生生活补助", "控辍保学，劝返复学",
	                    "落实营养改善计划" }, "教育", 500, 1250 },
	{ "其他教育帮扶", { "雨露计划职业教育补助", "发放高校新生入学资助",
	                    "办理生源地信用助学贷款" }, "教育", 3000, 8000 },
	{ "住房安全保障", { "实施农村危房改造，发放补助资金", "房屋加固维修", "屋面翻盖" },
	  "住建", 15000, 35000 },
	{ "饮水安全保障", { "新建集中供水管网入户", "配套建设蓄水池", "维修入户供水管道" },
	  "水利", 800, 3000 },
	{ "综合保障", { "纳入农村低保", "发放困难残疾人生活补贴", "发放临时救助金" },
	  "民政", 2400, 6000 },
	{ "社会帮扶", { "鲁渝协作结对帮扶，捐赠生产物资", "县内企业结对帮扶", "“万企兴万村”帮扶" },
	  "民政", 500, 3000 },
	{ "搬迁", { "易地扶贫搬迁后续扶持", "安置点配套产业就业", "搬迁户旧房复垦" }, "住建", 0, 0 },
	{ "生产生活条件改善", { "修缮入户便道", "改厨改厕", "配套产业路" }, "农业农村", 0, 0 },
};
#define NKINDS ((int)(sizeof measure_kinds / sizeof measure_kinds[0]))

/* 缺啥补啥 as configured: one of the categories that answer the risk. */
static const char *measure_for_risk(struct demo *d, struct rng *r, const char *risk)
{
	const struct cfg_risk_map *m = config_risk_map(d->cfg, risk);
	return m && m->n ? m->cats[rng_int(r, 0, m->n - 1)] : "社会帮扶";
}

/* A category of the configuration: the preferred one if configured as
 * dev says, else one that is. */
static const char *measure_category(struct demo *d, struct rng *r, int dev, const char *want)
{
	const struct cfg_codes *k = &d->cfg->codes;
	if (config_category(d->cfg, want) == dev)
		return want;
	int n = k->ncats, start = rng_int(r, 0, n > 0 ? n - 1 : 0);
	for (int i = 0; i < n; i++)
		if (k->cats[(start + i) % n].developmental == dev)
			return k->cats[(start + i) % n].label;
	return n ? k->cats[start].label : want;
}

/* A sub-item: for a 开发式 measure one that counts (strict), else mostly
 * one that counts and now and then 其他 or 技能培训, as officers enter. */
static const char *measure_item(struct demo *d, struct rng *r, const char *cat, int strict)
{
	const struct cfg_measure_cat *c = config_measure_cat(d->cfg, cat);
	if (!c || !c->nitems)
		return "";
	int weak = !strict && rng_pct(r, 12);
	int start = rng_int(r, 0, c->nitems - 1);
	for (int i = 0; i < c->nitems; i++) {
		const struct cfg_measure_item *it = &c->items[(start + i) % c->nitems];
		if (it->qualifies != weak || !c->developmental)
			return it->label;
	}
	return c->items[start].label;
}

static int add_measure_of(struct demo *d, struct demo_hh *x, jday day, const char *cat,
                          int strict, struct jerr *e)
{
	struct rng *r = &x->r;
	const struct measure_kind *k = NULL;
	for (int i = 0; i < NKINDS && !k; i++)
		if (!strcmp(measure_kinds[i].category, cat))
			k = &measure_kinds[i];
	struct measure m;
	memset(&m, 0, sizeof m);
	m.household_id = x->id;
	snprintf(m.category, sizeof m.category, "%s", cat);
	snprintf(m.item, sizeof m.item, "%s", measure_item(d, r, cat, strict));
	if (k)
		snprintf(m.content, sizeof m.content, "%s", k->content[rng_int(r, 0, 2)]);
	else
		snprintf(m.content, sizeof m.content, "落实%s措施", cat);
	snprintf(m.department, sizeof m.department, "%s", k ? k->department : "农业农村");
	date_fmt(day, m.start_on);
	m.amount = k && k->hi ? (int64_t)rng_int(r, k->lo, k->hi) * 100 : -1;
	snprintf(m.state, sizeof m.state, "实施中");
	/* entered the day it started, or a few days later from paper */
	jday entered = day + (rng_pct(r, 70) ? 0 : rng_int(r, 1, 12));
	demo_at(entered > d->today ? d->today : entered);
	if (measure_save(demo_officer_for(d, x, ROLE_VILLAGE, 0), &m, e) != 0)
		return -1;
	if (x->nmeasures < 4) {
		x->mstart[x->nmeasures] = day;
		x->measures[x->nmeasures++] = m.id;
	}
	x->dev_measure |= m.developmental;
	d->st->measures++;
	return 0;
}

static int add_measure(struct demo *d, struct demo_hh *x, jday day, int dev, struct jerr *e)
{
	static const char *const dev_names[] = { "产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶" };
	static const int dev_weights[] = { 40, 30, 15, 15 };
	struct rng *r = &x->r;
	/* now and then a measure that answers none of the risks (缺啥补啥 finds it) */
	const char *want = dev ? dev_names[rng_pick(r, dev_weights, 4)]
	                 : rng_pct(r, 8) ? "生产生活条件改善"
	                 : measure_for_risk(d, r, x->nrisks ? x->risks[rng_int(r, 0, x->nrisks - 1)] : "");
	return add_measure_of(d, x, day, measure_category(d, r, dev, want), 0, e);
}

/* Before elimination: every risk answered (缺啥补啥, the rule elimination
 * applies), and a 开发式 measure that counts for a household able to work. */
static int answer_risks(struct demo *d, struct demo_hh *x, jday day, struct jerr *e)
{
	struct session *s = demo_officer_for(d, x, ROLE_VILLAGE, 0);
	char gaps[5][48];
	int n = quality_risk_gaps(s, x->id, gaps, 5);
	for (int i = 0; i < n; i++)
		if (add_measure_of(d, x, day, measure_for_risk(d, &x->r, gaps[i]), 1, e) != 0)
			return -1;
	if (x->labour && !x->dev_measure)
		return add_measure_of(d, x, day, measure_category(d, &x->r, 1, "产业帮扶"), 1, e);
	if (!x->nmeasures)
		return add_measure(d, x, day, 0, e);
	return 0;
}

/* ---- contact persons and visits ---- */

static int assign_contact(struct demo *d, struct demo_hh *x, jday day, struct jerr *e)
{
	struct rng *r = &x->r;
	const struct demo_village *v = &d->villages[x->village];
	const struct demo_town *t = &d->towns[v->town];
	int64_t c;
	do {
		if (t->ncontacts && rng_pct(r, 15))
			c = t->contacts[rng_int(r, 0, t->ncontacts - 1)];
		else
			c = v->contacts[rng_int(r, 0, v->ncontacts - 1)];
	} while (c == x->contact && v->ncontacts > 1);
	demo_at(day);
	if (contact_assign(demo_officer_for(d, x, ROLE_TOWNSHIP, 0), x->id, c, day, e) != 0)
		return -1;
	x->contact = c;
	return 0;
}

static int add_visit(struct demo *d, struct demo_hh *x, jday day, struct jerr *e)
{
	static const char *const found[] = {
		"家中生活正常，“两不愁三保障”无问题", "户主病情稳定，按时服药复查",
		"子女在校就读正常", "主要劳动力在外务工，收入稳定", "产业发展正常，长势良好",
		"房屋安全，饮水正常", "了解帮扶措施落实情况，户主表示满意",
		"宣传防返贫监测政策和申报渠道", "帮助联系就业岗位，本人有意愿",
	};
	static const char *const change[] = {
		"无明显变化", "无明显变化", "无明显变化", "务工收入增加约2000元",
		"因病支出增加约3000元", "养殖收入增加约1500元",
	};
	struct rng *r = &x->r;
	struct visit v;
	memset(&v, 0, sizeof v);
	v.household_id = x->id;
	date_fmt(day, v.visited_on);
	snprintf(v.findings, sizeof v.findings, "%s", found[rng_int(r, 0, 8)]);
	snprintf(v.income_change, sizeof v.income_change, "%s", change[rng_int(r, 0, 5)]);
	if (rng_pct(r, 4))
		snprintf(v.new_risks, sizeof v.new_risks, "家庭成员新患慢性病，需持续关注");
	if (rng_pct(r, 3))
		snprintf(v.guarantee_problems, sizeof v.guarantee_problems, "雨季房屋后坡有滑坡隐患，已报镇里");
	/* paper forms: most are keyed in within days, some weeks later */
	jday entered = day + (rng_pct(r, 60) ? 0 : rng_pct(r, 85) ? rng_int(r, 1, 6) : rng_int(r, 15, 45));
	demo_at(entered > d->today ? d->today : entered);
	if (visit_add(demo_officer_for(d, x, ROLE_VILLAGE, 0), &v, e) != 0)
		return -1;
	d->st->visits++;
	return 0;
}

/* The assistance while a household is followed from `from` to `until`;
 * now: until is today, so some flags are left for officers to find. */
static int monitor(struct demo *d, struct demo_hh *x, jday from, jday until, int now,
                   struct jerr *e)
{
	struct rng *r = &x->r;
	jday T = d->today;
	if (!x->contact && !(now && rng_pct(r, 2)) && assign_contact(d, x, from, e) != 0)
		return -1;
	if (x->contact && until - from > 120 && rng_pct(r, 6) &&
	    assign_contact(d, x, from + rng_int(r, 60, until - from - 30), e) != 0)
		return -1;
	if (!x->nmeasures && !(now && rng_pct(r, 3))) {
		jday day = from + rng_int(r, 2, 20);
		int dev = x->labour && rng_pct(r, 80);
		if (day <= until && add_measure(d, x, day, dev, e) != 0)
			return -1;
		day = from + rng_int(r, 15, 90);
		if (rng_pct(r, 45) && day <= until && add_measure(d, x, day, dev ? 0 : x->labour, e) != 0)
			return -1;
		day = from + rng_int(r, 40, 200);
		if (rng_pct(r, 15) && day <= until && add_measure(d, x, day, 0, e) != 0)
			return -1;
	}
	for (int y = date_year(from) + 1; y <= date_year(until); y++) {
		jday day = date_from_ymd(y, 1, 10) + rng_int(r, 0, 40);
		if (day > from && day <= until) {
			demo_at(day);
			if (demo_save_income(d, x, y - 1, 0.8 + rng_int(r, 0, 28) / 100.0, e) != 0)
				return -1;
		}
	}
	jday v = from + rng_int(r, 3, 20), stop = until;
	if (v < until - 185)
		v = until - 185 + rng_int(r, 0, 20);
	if (now && rng_pct(r, 8))
		stop = T - rng_int(r, 35, 80);   /* nobody has been since: overdue */
	for (; v <= stop; v += rng_int(r, 22, 33))
		if (add_visit(d, x, v, e) != 0)
			return -1;
	return 0;
}

/* ---- elimination ---- */

int demo_ensure_income(struct demo *d, struct demo_hh *x, jday day, struct jerr *e)
{
	demo_at(day);
	return demo_save_income(d, x, date_year(day), 1.3 + rng_int(&x->r, 0, 60) / 100.0, e);
}

/* What SPEC §5 asks before elimination may start: a 开发式 measure for a
 * household that can work, large expenses resolved, the four guarantees,
 * this year's income above the line. */
static int prepare_elimination(struct demo *d, struct demo_hh *x, jday E, struct jerr *e)
{
	struct rng *r = &x->r;
	struct session *s = demo_officer_for(d, x, ROLE_VILLAGE, 0);
	if (answer_risks(d, x, E - rng_int(r, 20, 40), e) != 0)
		return -1;
	if (x->rigid_id) {
		demo_at(E - rng_int(r, 3, 10));
		if (rigid_resolve(s, x->rigid_id, e) != 0)
			return -1;
		x->rigid_id = 0;
	}
	if (!x->h.g_edu || !x->h.g_med || !x->h.g_house || !x->h.g_water) {
		struct household h;
		demo_at(E - rng_int(r, 3, 10));
		if (household_get(s, x->id, &h, e) != 0)
			return -1;
		h.g_edu = h.g_med = h.g_house = h.g_water = 1;
		if (household_update(s, &h, e) != 0)
			return -1;
		x->h.g_edu = x->h.g_med = x->h.g_house = x->h.g_water = 1;
	}
	demo_at(E);
	for (int i = 0; i < x->nmeasures; i++)
		if (x->mstart[i] <= E - 60 && rng_pct(r, 60) &&
		    measure_finish(s, x->measures[i], E - rng_int(r, 0, 20), e) != 0)
			return -1;
	return demo_ensure_income(d, x, E, e);
}

static int eliminate(struct demo *d, struct demo_hh *x, jday E, int stop_step, struct jerr *e)
{
	struct demo_run run;
	if (prepare_elimination(d, x, E, e) != 0 || demo_start_elimination(d, x, E, &run, e) != 0)
		return -1;
	run.income_pc = x->income_pc;
	int rc = demo_run_steps(d, x, &run, stop_step, 0, e);
	x->last = run.day;
	return rc;
}

/* ---- identification ---- */

static int identify(struct demo *d, struct demo_hh *x, int64_t lead, jday last, int stop_step,
                    int fail_step, struct jerr *e)
{
	struct demo_run run;
	jday start = last + rng_int(&x->r, 0, 3);
	if (start > d->today)
		return 0;
	if (demo_start(d, x, lead, start, &run, e) != 0)
		return -1;
	run.income_pc = x->income_pc;
	int rc = demo_run_steps(d, x, &run, stop_step, fail_step, e);
	x->last = run.day;
	return rc;
}

static int lead_channel(struct rng *r)
{
	static const int w[] = { 25, 40, 35 };
	return rng_pick(r, w, 3);
}

/* After elimination X: rolled back, identified again, or dissolved. */
static int after_elimination(struct demo *d, struct demo_hh *x, jday X, struct jerr *e)
{
	struct rng *r = &x->r;
	jday T = d->today;
	if (x->path == P_ROLLED_BACK) {
		jday day = X + rng_int(r, 20, T - X < 150 ? T - X : 150);
		if (day > T || demo_rollback(d, x, day, e) != 0)
			return day > T ? 0 : -1;
		return monitor(d, x, day, T, 1, e);
	}
	if (x->path == P_REIDENTIFIED) {
		jday day = X + rng_int(r, 30, T - X - 40);
		int64_t lead;
		jday last;
		if (day > T - 5)
			return 0;
		demo_pick_risks(x);
		if (demo_lead(d, x, day, lead_channel(r), 0, &lead, &last, e) != 0)
			return -1;
		int rc = identify(d, x, lead, last, 0, 0, e);
		if (rc == 1)
			return monitor(d, x, x->last, T, 1, e);
		return rc < 0 ? -1 : 0;
	}
	if (x->path == P_DISSOLVED) {
		jday day = X + rng_int(r, 20, T - X);
		return demo_dissolve(d, x, day > T ? T : day, e);
	}
	return 0;
}

/* Once identified with 因自然灾害, the officer names the kind of disaster
 * (most do: the rest are what 2_11_005 finds). */
static int name_disaster(struct demo *d, struct demo_hh *x, jday I, struct jerr *e)
{
	static const char *const kinds[] = { "洪涝灾害", "地质灾害", "旱灾", "气象灾害" };
	struct household h;
	int has = 0;
	for (int i = 0; i < x->nrisks; i++)
		has |= !strcmp(x->risks[i], "因自然灾害");
	if (!has || !rng_pct(&x->r, 85))
		return 0;
	struct session *s = demo_officer_for(d, x, ROLE_VILLAGE, 0);
	demo_at(I + rng_int(&x->r, 0, 5) > d->today ? d->today : I + rng_int(&x->r, 0, 5));
	if (household_get(s, x->id, &h, e) != 0)
		return -1;
	snprintf(h.disaster, sizeof h.disaster, "%s", kinds[rng_int(&x->r, 0, 3)]);
	return household_update(s, &h, e);
}

/* A monitored household's later life: followed to today, dissolved, or
 * through elimination. */
static int followed(struct demo *d, struct demo_hh *x, jday I, struct jerr *e)
{
	struct rng *r = &x->r;
	jday T = d->today;
	enum demo_path p = x->path;
	if (name_disaster(d, x, I, e) != 0)
		return -1;
	if (p == P_MONITORED)
		return monitor(d, x, I, T, 1, e);
	if (p == P_DISSOLVED && (!x->labour || rng_pct(r, 60))) {
		jday day = I + rng_int(r, 40, T - I);
		if (monitor(d, x, I, day, 0, e) != 0)
			return -1;
		return demo_dissolve(d, x, day, e);
	}
	jday E;
	if (p == P_ELIMINATING)
		E = T - rng_int(r, 3, 40);
	else {
		int limit = p == P_ROLLED_BACK ? 100 : p == P_REIDENTIFIED ? 170 : p == P_DISSOLVED ? 80 : 45;
		E = I + 190 + rng_int(r, 0, T - limit - (I + 190));
	}
	if (E < I + 190)
		E = I + 190;
	if (E > T)
		return monitor(d, x, I, T, 1, e);
	if (monitor(d, x, I, E, 0, e) != 0)
		return -1;
	int rc = eliminate(d, x, E, p == P_ELIMINATING ? x->stop_step : 0, e);
	if (rc < 0)
		return -1;
	if (rc != 1)   /* still open today: visits go on while 消除中 */
		return monitor(d, x, E, T, 1, e);
	return after_elimination(d, x, x->last, e);
}

/* ---- the whole history ---- */

static jday first_lead_day(struct demo *d, struct demo_hh *x)
{
	struct rng *r = &x->r;
	jday T = d->today, S = d->start;
	switch (x->path) {
	/* most open work is recent; some is past identification_deadline_days */
	case P_LEAD_OPEN: return T - (rng_pct(r, 70) ? rng_int(r, 0, 12) : rng_int(r, 13, 40));
	case P_LEAD_DISMISSED: return S + rng_int(r, 0, T - 12 - S);
	case P_IDENTIFYING: return T - (rng_pct(r, 75) ? rng_int(r, 2, 13) : rng_int(r, 14, 45));
	case P_MONITORED: case P_REJECTED: return S + rng_int(r, 0, T - 40 - S);
	case P_ELIMINATING: return S + rng_int(r, 0, T - 260 - S);
	case P_DISSOLVED: case P_ELIMINATED: return S + rng_int(r, 0, T - 320 - S);
	case P_ROLLED_BACK: return S + rng_int(r, 0, T - 380 - S);
	case P_ROSTER: return rng_pct(r, 80) ? S + rng_int(r, 0, 60) : S + rng_int(r, 0, T - S);
	default: return S + rng_int(r, 0, T - 450 - S);
	}
}

static void choose_path(struct demo *d, struct demo_hh *x, const struct demo_fixed *f)
{
	/* LEAD_OPEN, LEAD_DISMISSED, IDENTIFYING, MONITORED, ELIMINATING, ELIMINATED,
	 * REJECTED, DISSOLVED, ROLLED_BACK, REIDENTIFIED */
	static const int w[P_ROSTER] = { 4, 5, 5, 27, 4, 36, 8, 5, 2, 4 };
	struct rng *r = &x->r;
	x->path = f ? f->path : x->roster ? P_ROSTER : (enum demo_path)rng_pick(r, w, P_ROSTER);
	x->stop_step = f && f->stop_step ? f->stop_step : rng_int(r, 1, 5);
	x->tuopin = f ? f->tuopin : rng_pct(r, 55);
	const char *type = x->tuopin ? (rng_pct(r, 80) ? "脱贫不稳定户" : "突发严重困难户")
	                             : (rng_pct(r, 75) ? "边缘易致贫户" : "突发严重困难户");
	snprintf(x->type, sizeof x->type, "%s", f ? f->type : type);
	x->lead_on = first_lead_day(d, x);
}

int demo_household(struct demo *d, struct demo_hh *x, const struct demo_fixed *f, struct jerr *e)
{
	struct rng *r = &x->r;
	jday T = d->today;
	choose_path(d, x, f);
	if (x->path == P_ROSTER) {
		demo_make_members(d, x, NULL);
		demo_at(x->lead_on);
		return demo_register(d, x, e);
	}
	if (!f)
		demo_pick_risks(x);
	demo_make_members(d, x, f);
	/* a household nobody in which can work is followed, never eliminated */
	if (!x->labour && x->path != P_LEAD_OPEN && x->path != P_LEAD_DISMISSED &&
	    x->path != P_IDENTIFYING && x->path != P_REJECTED && x->path != P_DISSOLVED)
		x->path = P_MONITORED;
	int channel = f ? (x->path == P_LEAD_OPEN ? 2 : 1) : lead_channel(r);
	int person_only = !f && channel == 2 && rng_pct(r, 30);
	int64_t lead;
	jday last;
	demo_at(x->lead_on);
	if (person_only && demo_lead(d, x, x->lead_on, channel, 1, &lead, &last, e) != 0)
		return -1;
	if (demo_register(d, x, e) != 0)
		return -1;
	if (!person_only && demo_lead(d, x, x->lead_on, channel, 0, &lead, &last, e) != 0)
		return -1;
	int rc;
	switch (x->path) {
	case P_LEAD_OPEN:
		return 0;
	case P_LEAD_DISMISSED:
		return demo_dismiss(d, x, lead, last + rng_int(r, 2, T - last < 10 ? T - last : 10), e);
	case P_IDENTIFYING:
		return identify(d, x, lead, last, x->stop_step, 0, e) < 0 ? -1 : 0;
	case P_REJECTED: {
		static const int w[] = { 40, 30, 30 };
		static const int steps[] = { 2, 4, 5 };
		return identify(d, x, lead, last, 0, steps[rng_pick(r, w, 3)], e) < 0 ? -1 : 0;
	}
	default:
		rc = identify(d, x, lead, last, 0, 0, e);
		if (rc != 1)
			return rc < 0 ? -1 : 0;
		return followed(d, x, x->last, e);
	}
}
