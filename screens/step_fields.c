#include "step_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "kit/fields.h"
#include "base/text.h"
#include "register/household.h"

static const struct form_option results2[] = {
	{ "无异常", "wyc", "wuyichang" }, { "有异常", "yyc", "youyichang" },
};
static const struct form_option methods[] = {
	{ "帮扶消除", "bfxc", "bangfuxiaochu" }, { "自然消除", "zrxc", "ziranxiaochu" },
};

/* The engine's rule for one value (flow_step_value_check), with the other
 * values it reads taken from the form. */
static const char *ask_step(struct form *f, int step, const char *key, const char *v, char *why,
                            size_t n)
{
	const char *found = form_value(f, "findings");
	struct step_input in = { .nkv = 2, .keys = { key, "findings" },
	                         .values = { v, found ? found : "" } };
	struct jerr e = { 0 };
	if (flow_step_value_check(step, &in, key, &e) == 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

static const char *participants_ok(void *arg, struct form *f, const char *v, char *why,
                                   size_t n)
{
	(void)arg;
	return ask_step(f, 3, "participants", v, why, n);
}

static const char *findings_needed(void *arg, struct form *f, const char *v, char *why,
                                   size_t n)
{
	(void)arg;
	return ask_step(f, 2, "result", v, why, n);
}

/* a date is read here; whether it fits the run's other dates (and today)
 * is the engine's to say, asked by the step form as it is typed */
#define DATE_HINT "如 2026-05-03 或 5-3"
#define F_DATE(nm, lb, req) { .name = nm, .label = lb, .kind = FORM_TEXT, .width = 12, \
	.maxbytes = 20, .required = req, .validate = field_any_date, .hint = DATE_HINT }
#define F_TEXT(nm, lb, w, req, h) { .name = nm, .label = lb, .kind = FORM_TEXT, .width = w, \
	.maxbytes = 240, .required = req, .hint = h }

static const struct form_field done_on = F_DATE("done_on", "办理日期", 1);

static const struct form_field step1[] = {
	F_DATE("visit_date", "入户核实日期", 1),
	F_TEXT("verifiers", "核实人", 24, 1, "如 王平、李小红"),
	F_TEXT("expenses", "主要支出", 30, 0, "如 住院自付3万元"),
	F_TEXT("guarantees", "三保障和饮水", 24, 0, "如 均有保障"),
	{ .name = "commitment", .label = "承诺授权书", .kind = FORM_CHOICE, .width = 6,
	  .required = 1, .hint = "户主已签字填 是（按 s）" },
};
static const struct form_field step1_identify[] = {
	{ .name = "hh_type", .label = "监测对象类型", .kind = FORM_CHOICE, .width = 16,
	  .required = 1, .hint = "脱贫户为脱贫不稳定户" },
	{ .name = "risks", .label = "风险类型", .kind = FORM_MULTI, .width = 36, .maxbytes = 240,
	  .required = 1, .max = HH_MAX_RISKS, .hint = "最多5项，如 yb yx" },
	{ .name = "disaster", .label = "因自然灾害子项", .kind = FORM_MULTI, .width = 30,
	  .maxbytes = 120, .hint = "因自然灾害时必选；F4" },
};
/* what the visit verified: the household's income record for the year
 * (flow_income.c writes it), so it is typed once */
#define F_MONEY(nm, lb, h) { .name = nm, .label = lb, .kind = FORM_TEXT, .width = 12, \
	.maxbytes = 20, .validate = field_money, .hint = h }
static const struct form_field step1_income[] = {
	F_MONEY("wage", "工资性收入(元)", "全年，元；记入本户当年收入"),
	F_MONEY("business", "生产经营性收入(元)", "全年，元"),
	F_MONEY("property", "财产性收入(元)", "全年，元"),
	F_MONEY("transfer", "转移性收入(元)", "全年，元"),
	F_MONEY("business_cost", "生产经营性支出(元)", "全年，元"),
	F_MONEY("out_of_pocket", "合规自付支出(元)", "全年，元"),
	F_MONEY("claims", "理赔收入(元)", "全年，元；另记，不计入纯收入"),
	F_MONEY("rigid_medical", "大额医疗支出(元)", "未解决的，记为大额刚性支出"),
	F_MONEY("rigid_education", "大额教育支出(元)", "未解决的，记为大额刚性支出"),
};
static const struct form_field step1_eliminate[] = {
	{ .name = "elim_method", .label = "消除方式", .kind = FORM_CHOICE, .width = 10,
	  .required = 1 },
	F_TEXT("risks_found", "风险核实情况", 30, 0, "如 风险已消除，收入稳定"),
};
static const struct form_field step2[] = {
	F_DATE("sent_on", "比对发出日期", 0),
	F_DATE("returned_on", "比对返回日期", 0),
	{ .name = "result", .label = "比对结果", .kind = FORM_CHOICE, .width = 8, .required = 1,
	  .validate = findings_needed },
	F_TEXT("findings", "发现的问题", 30, 0, "如 有商品房、车辆"),
};
static const struct form_field step3[] = {
	F_DATE("meeting_date", "评议会议日期", 1),
	{ .name = "participants", .label = "参会人数", .kind = FORM_TEXT, .width = 6,
	  .maxbytes = 8, .required = 1, .validate = participants_ok },
	F_TEXT("result", "评议结果", 24, 1, "如 同意"),
	F_TEXT("place", "公示地点", 24, 1, "如 村务公开栏"),
	{ .name = "post_start", .label = "公示开始日期", .kind = FORM_TEXT, .width = 12,
	  .maxbytes = 20, .required = 1, .validate = field_any_date, .hint = DATE_HINT },
	{ .name = "post_end", .label = "公示结束日期", .kind = FORM_TEXT, .width = 12,
	  .maxbytes = 20, .required = 1, .validate = field_any_date, .hint = DATE_HINT },
};
static const struct form_field step4[] = { F_TEXT("decision", "审核意见", 30, 1, "如 同意") };
static const struct form_field step5[] = { F_TEXT("decision", "审定意见", 30, 1, "如 同意") };

#define N(a) (int)(sizeof a / sizeof a[0])

static void add_all(struct form *f, const struct form_field *defs, int n)
{
	for (int i = 0; i < n; i++)
		form_add(f, defs[i]);
}

/* Choice fields get their options here: some are built at run time. */
static void attach_options(struct form_field *d, const struct config *cfg)
{
	int n = 0;
	if (!strcmp(d->name, "commitment"))
		d->options = fields_yesno(&n);
	else if (!strcmp(d->name, "hh_type"))
		d->options = fields_vocab(&VOCAB_HH_TYPE, &n);
	else if (!strcmp(d->name, "risks"))
		d->options = fields_risks(cfg, &n);
	else if (!strcmp(d->name, "disaster"))
		d->options = fields_vocab(config_codes(cfg, CT_DISASTER), &n);
	else if (!strcmp(d->name, "elim_method"))
		d->options = methods, n = N(methods);
	else if (!strcmp(d->name, "result") && d->kind == FORM_CHOICE)
		d->options = results2, n = N(results2);
	d->noptions = n;
}

/* "脱贫户：脱贫不稳定户或突发严重困难户": the types hh_type_check allows,
 * short enough to stand beside the field at 80 columns.  One text for each
 * answer, made once. */
static const char *type_hint(int tuopin)
{
	static char hint[2][160];
	char *h = hint[!!tuopin];
	if (*h)
		return h;
	size_t len = (size_t)snprintf(h, sizeof hint[0], "%s",
	                              tuopin ? "脱贫户：" : "非脱贫户：");
	for (int i = 0, k = 0; i < VOCAB_HH_TYPE.n && len < sizeof hint[0]; i++)
		if (hh_type_check(VOCAB_HH_TYPE.items[i], tuopin, NULL) == 0)
			len += (size_t)snprintf(h + len, sizeof hint[0] - len, "%s%s", k++ ? "或" : "",
			                        VOCAB_HH_TYPE.items[i]);
	return h;
}

/* "监测对象类型", after names.object; made once (the configuration is
 * read at start and never changes while the console runs). */
static const char *type_label(const struct config *cfg)
{
	static char label[96];
	if (!*label)
		snprintf(label, sizeof label, "%s类型", cfg->object_name);
	return label;
}

void step_fields_add(struct form *f, const struct flow_run *r, int tuopin,
                     const struct config *cfg)
{
	int identify = r->kind == FLOW_IDENTIFY;
	add_all(f, &done_on, 1);
	switch (r->step) {
	case 1:
		add_all(f, step1, N(step1));
		if (identify)
			add_all(f, step1_identify, N(step1_identify));
		else
			add_all(f, step1_eliminate, N(step1_eliminate));
		add_all(f, step1_income, N(step1_income));
		break;
	case 2: add_all(f, step2, N(step2)); break;
	case 3: add_all(f, step3, N(step3)); break;
	case 4: add_all(f, step4, N(step4)); break;
	default:
		add_all(f, step5, N(step5));
		if (identify)   /* the county decides type and risks (flow.h) */
			add_all(f, step1_identify, N(step1_identify));
		break;
	}
	for (int i = 0; i < form_count(f); i++) {
		struct form_field *d = form_field(f, form_name(f, i));
		if (d->kind != FORM_TEXT)
			attach_options(d, cfg);
		if (!strcmp(d->name, "hh_type")) {   /* the engine's rule, said of this household */
			d->hint = type_hint(tuopin);
			d->label = type_label(cfg);
		}
	}
}

void step_fields_defaults(struct form *f, const struct flow_run *r, const struct posting *p,
                          int posting_days)
{
	char today[11], end[11];
	jday t = clock_today();
	date_fmt(t, today);
	form_set(f, "done_on", today);
	form_set(f, "visit_date", today);
	/* the meeting comes before the posting: a registered posting dates it */
	form_set(f, "meeting_date", p && *p->start_on ? p->start_on : today);
	form_set(f, "hh_type", r->hh_type);
	form_set(f, "risks", r->risks);
	form_set(f, "disaster", r->disaster);
	form_set(f, "elim_method", r->elim_method);
	form_set(f, "decision", "同意");
	if (r->step == 3) {
		int posted = p && *p->start_on;
		form_set(f, "result", "同意");
		form_set(f, "place", posted ? p->place : "村务公开栏");
		form_set(f, "post_start", posted ? p->start_on : today);
		form_set(f, "post_end", posted ? p->end_on : date_fmt(t + posting_days, end));
	}
}

int step_field_is_data(const char *name)
{
	static const char *const own[] = { "done_on", "place", "post_start", "post_end" };
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		if (!strcmp(name, own[i]))
			return 0;
	return 1;
}

const char *step_key_label(const char *key)
{
	static const struct { const char *key, *label; } labels[] = {
		{ "visit_date", "核实" }, { "verifiers", "核实人" }, { "income_found", "收入" },
		{ "wage", "工资" }, { "business", "经营" }, { "property", "财产" },
		{ "transfer", "转移" }, { "business_cost", "经营支出" }, { "out_of_pocket", "自付" }, { "claims", "理赔" },
		{ "rigid_medical", "医疗支出" }, { "rigid_education", "教育支出" },
		{ "expenses", "支出" }, { "risks_found", "风险" }, { "guarantees", "保障" },
		{ "commitment", "承诺书" }, { "hh_type", "类型" }, { "risks", "风险" },
		{ "disaster", "灾害" },
		{ "elim_method", "方式" }, { "sent_on", "发出" }, { "returned_on", "返回" },
		{ "result", "结果" }, { "findings", "问题" }, { "meeting_date", "评议" },
		{ "participants", "人数" }, { "decision", "意见" },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i].key, key))
			return labels[i].label;
	return key;
}

void step_summary(const struct step_record *r, char *out, size_t n)
{
	size_t len = 0;
	out[0] = 0;
	if (r->back_to)
		len = (size_t)snprintf(out, n, "退回第%d步：", r->back_to);
	if (*r->reason) {
		snprintf(out + len, n - len, "%s", r->reason);
		return;
	}
	/* what was decided first, the figures after: a cut line keeps the
	 * decision (核实人, 类型, 风险, 结果, 意见) readable */
	static const char *const first[] = { "verifiers", "hh_type", "risks", "disaster", "result",
	                                     "findings", "decision", "elim_method", "meeting_date",
	                                     "participants" };
	const size_t nfirst = sizeof first / sizeof first[0];
	for (size_t pass = 0; pass <= nfirst; pass++)
		for (int i = 0; i < r->nkv && len < n; i++) {
			size_t rank = nfirst;
			for (size_t k = 0; k < nfirst; k++)
				if (!strcmp(r->keys[i], first[k]))
					rank = k;
			if (rank != pass)
				continue;
			len += (size_t)snprintf(out + len, n - len, "%s%s %s", len ? "；" : "",
			                        step_key_label(r->keys[i]), r->values[i]);
		}
}
