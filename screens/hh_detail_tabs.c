/* What each tab of the household detail shows.  Rows are built from the
 * engine's records when a tab opens or the data changes; the audit tab,
 * which can grow without bound, pages from src/history.c instead. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assist/assist.h"
#include "base/clock.h"
#include "config/config.h"
#include "register/flags.h"
#include "flow/flow.h"
#include "flow/quality.h"
#include "flow/snapshot.h"
#include "hh_detail.h"
#include "access/history.h"
#include "register/member_events.h"
#include "register/privacy.h"
#include "access/session.h"
#include "step_fields.h"

#define HD_MAX_MEMBERS HH_MAX_MEMBERS
#define HD_MAX_ITEMS 400
#define HD_MAX_RUNS 20
#define HD_MAX_STEPS 40

struct hd_row *hd_add(struct hd *d, enum hd_kind kind, int64_t id, enum ui_role role,
                      const char *c0, const char *c1, const char *c2, const char *c3,
                      const char *c4, const char *c5)
{
	if (d->nrows == d->cap) {
		int cap = d->cap ? d->cap * 2 : 64;
		struct hd_row *r = realloc(d->rows, (size_t)cap * sizeof *r);
		if (!r)
			return NULL;
		d->rows = r;
		d->cap = cap;
	}
	struct hd_row *r = &d->rows[d->nrows++];
	const char *c[HD_CELLS] = { c0, c1, c2, c3, c4, c5 };
	for (int i = 0; i < HD_CELLS; i++)
		snprintf(r->cell[i], HD_CELL, "%s", c[i] ? c[i] : "");
	r->kind = kind;
	r->id = id;
	r->sub = 0;
	r->role = role;
	return r;
}

/* A label and a formatted value: the key-value tabs. */
static void kv(struct hd *d, enum hd_kind kind, enum ui_role role, const char *label,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void kv(struct hd *d, enum hd_kind kind, enum ui_role role, const char *label,
               const char *fmt, ...)
{
	char v[HD_CELL];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v, sizeof v, fmt, ap);
	va_end(ap);
	hd_add(d, kind, 0, role, label, v, NULL, NULL, NULL, NULL);
}

/* A section's heading in the label column, its note beside it. */
static void heading(struct hd *d, enum hd_kind kind, const char *text, const char *note)
{
	hd_add(d, kind, 0, UI_HEADER, text, note, NULL, NULL, NULL, NULL);
}

static void set_cols(struct hd *d, int n, ...)
{
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n && i < HD_CELLS; i++) {
		d->cols[i].title = va_arg(ap, const char *);
		d->cols[i].width = va_arg(ap, int);
		d->cols[i].right = d->cols[i].fit = d->cols[i].wide = 0;
		/* the free text at the end (内容, 走访情况, 记录, 新值) whole under the list */
		d->cols[i].detail = d->cols[i].width == 0;
	}
	va_end(ap);
	d->lv.cols = d->cols;
	d->lv.ncols = n;
}

/* Column i grows to its widest cell, up to fit (listview.h). */
static void fit_col(struct hd *d, int i, int fit)
{
	if (i < HD_CELLS)
		d->cols[i].fit = fit;
}

static const char *yes_no(int v) { return v ? "是" : "否"; }
/* "-", not "—": an em dash is East Asian ambiguous width (NOTES.md) */
static const char *or_dash(const char *s) { return s && *s ? s : "-"; }

/* --- 户信息与收入 ------------------------------------------------------------ */

static void income_rows(struct hd *d, int year, const struct income *in)
{
	const char *names[] = { "工资性收入", "生产经营性收入", "财产性收入", "转移性收入",
	                        "生产经营性支出", "合规自付支出", "理赔收入" };
	const int64_t v[] = { in->wage, in->business, in->property, in->transfer,
	                      in->business_cost, in->out_of_pocket, in->claims };
	char buf[32], head[64];
	snprintf(head, sizeof head, "%d年收入", year);
	heading(d, R_INCOME, head, "单位：元；按 i 填写或修改");
	for (int i = 0; i < 7; i++)
		kv(d, R_INCOME, UI_NORMAL, names[i], "%s", money_fmt(v[i], buf, sizeof buf));
	kv(d, R_INCOME, UI_NORMAL, "家庭纯收入", "%s（四项收入 − 生产经营性支出）",
	   money_fmt(income_net(in), buf, sizeof buf));
}

/* 人均纯收入 against the year's line: the figure elimination depends on. */
static void per_capita_row(struct hd *d, int year, const struct income *in)
{
	char buf[32];
	int64_t pc = income_per_capita_of(d->s, in);   /* the members of that year */
	int line = config_line(d->s->cfg, year), above = income_above_line(d->s->cfg, year, pc);
	char label[32];
	money_fmt(pc, buf, sizeof buf);
	snprintf(label, sizeof label, "%d年人均纯收入", year);
	if (above < 0)
		kv(d, R_INCOME, UI_NORMAL, label, "%s 元（配置中没有这一年的监测范围）", buf);
	else if (above)
		kv(d, R_INCOME, UI_OK, label, "%s 元，高于监测范围 %d 元", buf, line);
	else
		kv(d, R_INCOME, UI_WARN, label, "%s 元，在监测范围 %d 元以内", buf, line);
}

static void flags_row(struct hd *d)
{
	char text[HD_CELL] = "";
	for (int i = 0; i < FLAG_COUNT; i++)
		if (d->flags & (1 << i)) {
			size_t len = strlen(text);
			snprintf(text + len, sizeof text - len, "%s%s", len ? "、" : "",
			         flag_label((enum flag)(1 << i)));
		}
	kv(d, R_TEXT, *text ? UI_WARN : UI_NORMAL, "标记", "%s", *text ? text : "无");
}

static void tab_info(struct hd *d)
{
	const struct household *h = &d->h;
	set_cols(d, 2, "项目", 16, "内容", 0);
	kv(d, R_TEXT, UI_NORMAL, "户编号", "%s", h->hh_no);
	kv(d, R_TEXT, UI_NORMAL, "国家系统户编号", "%s", *h->nat_no ? h->nat_no : "未知");
	kv(d, R_TEXT, UI_NORMAL, "所在", "%s %s %s", h->township_name, h->village_name,
	   h->group_name);
	kv(d, R_TEXT, UI_NORMAL, "户主 / 人口", "%s / %d 人", h->head_name, h->size);
	kv(d, R_TEXT, UI_NORMAL, "社会救助", "%s", *h->assist_tags ? h->assist_tags : "无");
	kv(d, R_TEXT, UI_NORMAL, "状态 / 类型", "%s / %s", hh_status_text(h->status),
	   or_dash(h->hh_type));
	kv(d, R_TEXT, UI_NORMAL, "纳入 / 消除", "%s / %s %s", or_dash(h->identified_on),
	   or_dash(h->eliminated_on), h->elim_method);
	kv(d, R_TEXT, UI_NORMAL, "帮扶联系人", "%s（最近走访 %s）", or_dash(h->contact_name),
	   or_dash(h->last_visit_on));
	flags_row(d);
	struct income in;
	struct cfg_line ln;
	int have = income_shown(d->s, d->id, &in);
	int judged = config_line_at(d->s->cfg, clock_today(), &ln) ? ln.year : in.year;
	if (!have || in.year != judged)
		kv(d, R_INCOME, UI_WARN, "人均纯收入", "未登记%d年收入（按 i 填写）", judged);
	if (have)
		per_capita_row(d, in.year, &in);
	kv(d, R_TEXT, UI_NORMAL, "脱贫户 / 搬迁", "%s / %s%s%s", yes_no(h->is_tuopin),
	   yes_no(h->relocated), h->relocated ? " 安置点 " : "", h->settlement);
	kv(d, R_TEXT, UI_NORMAL, "自然村 / 地址", "%s / %s", or_dash(h->natural_village),
	   or_dash(h->address));
	kv(d, R_TEXT, UI_NORMAL, "联系电话", "%s", or_dash(h->phone));
	if (have)
		income_rows(d, in.year, &in);
}

/* --- 成员 -------------------------------------------------------------------- */

/* Births, deaths, marriages, moves: who came and went, when and why. */
static void member_history_rows(struct hd *d)
{
	static struct member_change c[HD_MAX_ITEMS];
	int n = member_changes(d->s, d->id, c, HD_MAX_ITEMS);
	if (n == 0)
		return;
	heading(d, R_TEXT, "成员变动", "按 c 登记死亡、婚出、迁出或转移");
	for (int i = n - 1; i >= 0; i--) {   /* the latest first */
		char what[64], where[64] = "";
		snprintf(what, sizeof what, "%s%s", c[i].kind,
		         !strcmp(c[i].kind, "转移") ? (c[i].joined ? "迁入" : "迁出") : "");
		if (!strcmp(c[i].kind, "转移"))
			snprintf(where, sizeof where, "%s%s", c[i].joined ? "来自 " : "迁往 ",
			         *c[i].other_hh ? c[i].other_hh : "辖区外的户");
		hd_add(d, R_TEXT, 0, c[i].joined ? UI_NORMAL : UI_DIM, c[i].name, what, where,
		       c[i].on, c[i].officer, c[i].reason);
	}
}

static void tab_members(struct hd *d)
{
	static struct member ms[HD_MAX_MEMBERS];
	int n = member_list(d->s, d->id, ms, HD_MAX_MEMBERS);
	set_cols(d, 6, "姓名", 16, "关系", 8, "公民身份号码", 18, "出生", 10, "健康", 10,
	         "劳动技能", 0);
	for (int i = 0; i < n; i++) {
		char id[20];
		if (ms[i].id == d->revealed_member)
			snprintf(id, sizeof id, "%s", d->revealed);
		else
			privacy_id(d->s, ms[i].id_no, id);
		hd_add(d, R_MEMBER, ms[i].id, UI_NORMAL, ms[i].name, ms[i].relation, id,
		       ms[i].birth, ms[i].health, ms[i].labour);
	}
	if (n == 0)
		d->lv.empty = "（没有成员；按 n 新增）";   /* the whole width: never cut */
	member_history_rows(d);
}

/* --- 风险与保障 --------------------------------------------------------------- */

/* The household as found when identification or elimination was decided
 * (flow/snapshot.h): the income judged and the four guarantees. */
static void snapshot_rows(struct hd *d, const char *kind, const char *when)
{
	struct snapshot sn;
	char head[64], money[7][32], line[HD_CELL + 256];
	if (!snapshot_get(d->s, d->id, kind, &sn))
		return;
	snprintf(head, sizeof head, "%s（%s）", when, sn.taken_on);
	heading(d, R_TEXT, head, "决定时记下，之后不变");
	const int64_t v[] = { sn.in.wage, sn.in.business, sn.in.property, sn.in.transfer,
	                      sn.in.claims, sn.in.out_of_pocket, sn.per_capita };
	for (int i = 0; i < 7; i++)
		money_fmt(v[i], money[i], sizeof money[i]);
	if (sn.has_income)
		snprintf(line, sizeof line, "%d年 工资性%s 经营性%s 财产性%s 转移性%s 理赔%s 自付%s 人均%s",
		         sn.year, money[0], money[1], money[2], money[3], money[4], money[5], money[6]);
	else
		snprintf(line, sizeof line, "未登记%d年收入", sn.year);
	kv(d, R_TEXT, UI_NORMAL, "收入（元）", "%s", line);
	kv(d, R_TEXT, UI_NORMAL, "三保障和饮水", "义务教育%s 基本医疗%s 住房%s 饮水%s",
	   sn.g_edu ? "有保障" : "有问题", sn.g_med ? "有保障" : "有问题",
	   sn.g_house ? "安全" : "有问题", sn.g_water ? "安全" : "有问题");
}

/* 数据疑点 of this household, by code (jiance check explains each). */
static void findings_row(struct hd *d)
{
	int idx[64], n = quality_of(d->s, d->id, idx, 64);
	char text[HD_CELL] = "";
	if (n == 1)     /* one: its sentence; several: their codes, each whole */
		snprintf(text, sizeof text, "%s %s", quality_rule_at(idx[0])->code,
		         quality_rule_at(idx[0])->text);
	for (int i = 0; n > 1 && i < n; i++) {
		size_t len = strlen(text);
		const char *code = quality_rule_at(idx[i])->code;
		if (len + strlen(code) + 8 < sizeof text)
			snprintf(text + len, sizeof text - len, "%s%s", i ? "、" : "", code);
	}
	kv(d, R_TEXT, n ? UI_WARN : UI_NORMAL, "数据疑点", "%s", n ? text : "无");
}

static void tab_risk(struct hd *d)
{
	const struct household *h = &d->h;
	char risks[HD_CELL] = "";
	set_cols(d, 2, "项目", 16, "内容", 0);
	for (int i = 0; i < h->nrisks; i++) {
		size_t len = strlen(risks);
		snprintf(risks + len, sizeof risks - len, "%s%s", i ? "、" : "", h->risks[i]);
	}
	kv(d, R_TEXT, UI_NORMAL, "风险类型", "%s", *risks ? risks : "（未登记）");
	if (*h->disaster)
		kv(d, R_TEXT, UI_NORMAL, "因自然灾害子项", "%s", h->disaster);
	const char *names[] = { "义务教育", "基本医疗", "住房安全", "饮水安全" };
	const int g[] = { h->g_edu, h->g_med, h->g_house, h->g_water };
	for (int i = 0; i < 4; i++)
		kv(d, R_TEXT, g[i] ? UI_NORMAL : UI_WARN, names[i], "%s", g[i] ? "有保障" : "有问题");
	snapshot_rows(d, "识别纳入", "识别时");
	snapshot_rows(d, "风险消除", "消除时");
	int open = rigid_unresolved(d->s, d->id);
	kv(d, R_TEXT, open ? UI_WARN : UI_NORMAL, "大额刚性支出", "%s",
	   open ? "有未解决的大额刚性支出" : "无未解决的");
	kv(d, R_TEXT, UI_NORMAL, "整户无劳动能力", "%s", yes_no(h->whole_no_labour));
	flags_row(d);
	findings_row(d);
}

/* --- 联系人历史 --------------------------------------------------------------- */

static void tab_contacts(struct hd *d)
{
	static struct contact_assignment a[HD_MAX_ITEMS];
	int n = contact_history(d->s, d->id, a, HD_MAX_ITEMS);
	set_cols(d, 3, "帮扶联系人", 16, "自", 12, "至", 0);
	for (int i = n - 1; i >= 0; i--)      /* the current one first */
		hd_add(d, R_TEXT, 0, a[i].to_on[0] ? UI_NORMAL : UI_OK, a[i].contact_name,
		       a[i].from_on, a[i].to_on[0] ? a[i].to_on : "至今（当前）", NULL, NULL, NULL);
	if (n == 0)
		d->lv.empty = "（未安排过帮扶联系人；按 a 安排）";
}

/* --- 帮扶措施 ------------------------------------------------------------------ */

static void tab_measures(struct hd *d)
{
	static struct measure m[HD_MAX_ITEMS];
	int n = measure_list(d->s, d->id, m, HD_MAX_ITEMS);
	set_cols(d, 6, "类别", 16, "开始", 10, "结束", 10, "状态", 6, "责任部门", 10, "内容", 0);
	fit_col(d, 0, 24);
	fit_col(d, 4, 16);
	for (int i = 0; i < n; i++)
		hd_add(d, R_MEASURE, m[i].id, UI_NORMAL, m[i].category, m[i].start_on, m[i].end_on,
		       m[i].state, m[i].department, m[i].content);
	if (n == 0)
		d->lv.empty = "（没有帮扶措施；按 m 新增）";
}

/* --- 走访 ---------------------------------------------------------------------- */

/* The months the visit rule says were missed, for a late entry to fill. */
static void missed_months_row(struct hd *d)
{
	char missed[13][8], text[HD_CELL] = "";
	int k = visit_missed_months(d->s, d->id, missed, 13);
	for (int i = 0; i < k && i < 12; i++) {
		size_t len = strlen(text);
		snprintf(text + len, sizeof text - len, "%s%s", i ? "、" : "", missed[i]);
	}
	if (k > 12)
		snprintf(text + strlen(text), sizeof text - strlen(text), "等");
	if (k > 0)
		hd_add(d, R_TEXT, 0, UI_WARN, "缺走访月份", "", "", text, NULL, NULL);
}

static void tab_visits(struct hd *d)
{
	static struct visit v[HD_MAX_ITEMS];
	int n = visit_list(d->s, d->id, v, HD_MAX_ITEMS);
	set_cols(d, 4, "走访日期", 10, "录入日期", 10, "新增风险", 12, "走访情况", 0);
	missed_months_row(d);
	for (int i = 0; i < n; i++)
		hd_add(d, R_VISIT, v[i].id, v[i].new_risks[0] ? UI_WARN : UI_NORMAL, v[i].visited_on,
		       v[i].entered_on, v[i].new_risks, v[i].findings, NULL, NULL);
	if (n == 0)
		d->lv.empty = "（没有走访记录；按 w 登记）";
}

/* --- 流程 ---------------------------------------------------------------------- */

static void run_rows(struct hd *d, const struct flow_run *r)
{
	static struct step_record st[HD_MAX_STEPS];
	char step[64], summary[HD_CELL], state[HD_CELL];
	int open = r->state == RUN_OPEN;
	if (open)
		snprintf(state, sizeof state, "待第%d步%s%s（Enter 办理）", r->step,
		         flow_step_name(r->step), r->overdue ? "，识别超期" : "");
	else
		snprintf(state, sizeof state, "%s%s", r->closed_on[0] ? "结束于 " : "", r->closed_on);
	size_t len = strlen(state);
	if (r->line_year)      /* the line kept with the run, not today's settings */
		snprintf(state + len, sizeof state - len, "；监测范围 %d年%d元", r->line_year,
		         r->line_yuan);
	hd_add(d, R_RUN, r->id, r->overdue ? UI_WARN : UI_HEADER, flow_kind_text(r->kind),
	       r->started_on, "", run_state_text(r->state), state, NULL);
	int n = flow_steps(d->s, r->id, st, HD_MAX_STEPS);
	for (int i = 0; i < n; i++) {
		snprintf(step, sizeof step, "  %d %s", st[i].step, flow_step_name(st[i].step));
		step_summary(&st[i], summary, sizeof summary);
		struct hd_row *row = hd_add(d, R_STEP, r->id, UI_NORMAL, step, st[i].done_on,
		                            st[i].officer_name, outcome_text(st[i].outcome), summary,
		                            NULL);
		if (row)
			row->sub = i;
	}
}

static void tab_flow(struct hd *d)
{
	static struct flow_run runs[HD_MAX_RUNS];
	int n = flow_runs_of(d->s, d->id, runs, HD_MAX_RUNS);
	set_cols(d, 5, "流程 / 步骤", 18, "日期", 10, "经办", 8, "结果", 6, "记录", 0);
	fit_col(d, 2, 12);
	for (int i = 0; i < n; i++)
		run_rows(d, &runs[i]);
	if (n == 0)
		d->lv.empty = "（没有识别或消除流程）";
}

/* --- 审计 ---------------------------------------------------------------------- */

static long audit_count(void *arg)
{
	struct hd *d = arg;
	return (long)history_count(d->s, d->id);
}

static int audit_fetch(void *arg, long off, int n)
{
	struct hd *d = arg;
	struct history_row *r = realloc(d->audit, (size_t)n * sizeof *r);
	if (!r)
		return 0;
	d->audit = r;
	d->audit_off = off;
	d->naudit = history_page(d->s, d->id, off, n, d->audit);
	return d->naudit;
}

/* What the audit rows' tables and fields are called on paper. */
static const struct { const char *key, *label; } audit_names[] = {
	{ "households", "户" }, { "members", "成员" }, { "incomes", "收入" },
	{ "measures", "帮扶措施" }, { "visits", "走访" }, { "flow_runs", "流程" },
	{ "flow_steps", "步骤" }, { "postings", "公示" }, { "objections", "异议" },
	{ "rigid_expenses", "大额支出" }, { "contact_assignments", "联系人" },
	{ "lead_sources", "线索" }, { "leads", "线索" },
	{ "status", "状态" }, { "hh_type", "类型" }, { "risks", "风险类型" },
	{ "contact", "帮扶联系人" }, { "identified_on", "纳入日期" },
	{ "eliminated_on", "消除日期" }, { "elim_method", "消除方式" },
	{ "last_visit_on", "最近走访" }, { "name", "姓名" }, { "id_no", "身份证号" },
	{ "reveal_id_no", "查看完整证号" }, { "phone", "电话" }, { "address", "地址" },
	{ "village_id", "村" }, { "group_id", "组" }, { "natural_village", "自然村" },
	{ "g_edu", "义务教育" }, { "g_med", "基本医疗" }, { "g_house", "住房安全" },
	{ "g_water", "饮水安全" }, { "is_tuopin", "脱贫户" }, { "relocated", "搬迁" },
	{ "settlement", "安置点" }, { "whole_no_labour", "整户无劳动能力" },
	{ "state", "状态" }, { "step", "步骤" }, { "kind", "类别" }, { "category", "类别" },
	{ "content", "内容" }, { "start_on", "开始" }, { "end_on", "结束" },
	{ "visited_on", "走访日期" }, { "findings", "走访情况" }, { "place", "公示地点" },
	{ "resolution", "处理结果" }, { "resolved", "已解决" }, { "relation", "关系" },
	{ "health", "健康" }, { "labour", "劳动技能" }, { "education", "文化程度" },
	{ "active", "在册" }, { "rollback", "消除回退" }, { "dissolved_reason", "注销原因" },
	{ "hh_no", "户编号" }, { "nat_no", "国家系统户编号" },
	{ "assist_tags", "社会救助" }, { "close_reason", "排除理由" }, { "source", "来源" },
	{ "wage", "工资性收入" }, { "business", "生产经营性收入" }, { "property", "财产性收入" },
	{ "transfer", "转移性收入" }, { "business_cost", "生产经营性支出" },
	{ "out_of_pocket", "合规自付支出" }, { "claims", "理赔收入" }, { "item", "子项" },
};

static const char *audit_name(const char *key)
{
	for (size_t i = 0; i < sizeof audit_names / sizeof audit_names[0]; i++)
		if (!strcmp(audit_names[i].key, key))
			return audit_names[i].label;
	return key;
}

/* "户 状态", "收入 2026年工资性收入", "步骤 第1步入户核实". */
static void audit_what(const struct history_row *r, char *buf, size_t n)
{
	const char *dot = strchr(r->field, '.');
	if (dot && dot - r->field == 4)
		snprintf(buf, n, "%s %.4s年%s", audit_name(r->tbl), r->field, audit_name(dot + 1));
	else
		snprintf(buf, n, "%s %s", audit_name(r->tbl), audit_name(r->field));
}

/* Audit values as written, except ID numbers: masked as everywhere. */
static void audit_value(struct hd *d, const struct history_row *r, const char *v, char *buf,
                        size_t n)
{
	if (!strcmp(r->field, "id_no") && *v) {
		char id[20];
		privacy_id(d->s, v, id);
		snprintf(buf, n, "%s", id);
	} else {
		snprintf(buf, n, "%s", v);
	}
}

static void audit_cell(void *arg, long i, int col, char *buf, size_t n)
{
	struct hd *d = arg;
	buf[0] = 0;
	if (i < d->audit_off || i >= d->audit_off + d->naudit)
		return;
	const struct history_row *r = &d->audit[i - d->audit_off];
	switch (col) {
	case 0: snprintf(buf, n, "%.16s", r->at); break;
	case 1: snprintf(buf, n, "%s", r->officer); break;
	case 2: audit_what(r, buf, n); break;
	case 3: audit_value(d, r, r->old, buf, n); break;
	case 4: audit_value(d, r, r->new_value, buf, n); break;
	}
}

const struct lv_source hd_audit_source = { audit_count, audit_fetch, audit_cell, NULL, NULL };

/* --- all tabs ------------------------------------------------------------------ */

static long rows_count(void *arg) { return ((struct hd *)arg)->nrows; }

static int rows_fetch(void *arg, long off, int n)
{
	long left = ((struct hd *)arg)->nrows - off;
	return left <= 0 ? 0 : left < n ? (int)left : n;
}

static void rows_cell(void *arg, long i, int col, char *buf, size_t n)
{
	struct hd *d = arg;
	snprintf(buf, n, "%s", i < d->nrows && col < HD_CELLS ? d->rows[i].cell[col] : "");
}

static enum ui_role rows_role(void *arg, long i)
{
	struct hd *d = arg;
	return i < d->nrows ? d->rows[i].role : UI_NORMAL;
}

void hd_build_tab(struct hd *d)
{
	static void (*const build[T_COUNT])(struct hd *) = {
		tab_info, tab_members, tab_risk, tab_contacts, tab_measures, tab_visits, tab_flow,
		NULL,
	};
	d->nrows = 0;
	d->lv.empty = "（无记录）";
	if (d->tab == T_AUDIT) {
		struct lv_source src = hd_audit_source;
		src.arg = d;
		d->lv.src = src;
		set_cols(d, 5, "时间", 16, "操作员", 8, "项目", 20, "原值", 14, "新值", 0);
		fit_col(d, 1, 12);
		fit_col(d, 2, 28);
	} else {
		d->lv.src = (struct lv_source){ rows_count, rows_fetch, rows_cell, rows_role, d };
		if (d->ok)
			build[d->tab](d);
	}
	lv_reload(&d->lv);
}
