#include "io/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "io/csvwrite.h"
#include "register/household.h"
#include "register/privacy.h"
#include "access/scope.h"

/* How a column is made: an SQL expression, shown as is, masked as an ID,
 * or computed in C (derived values live in one place: income.c). */
/* HOW_CENTS: an amount in 分 (NULL: none) shown in 元 with two decimals,
 * formatted here: SQLite's printf() is not PostgreSQL's */
enum col_how { HOW_SQL, HOW_ID, HOW_PER_CAPITA, HOW_INCOME_YEAR, HOW_INCOME_PART, HOW_CENTS };

struct field { const char *name, *header, *expr; enum col_type type; enum col_how how; };

#define HH_FROM " FROM households h JOIN areas t ON t.id = h.township_id" \
	" JOIN areas v ON v.id = h.village_id LEFT JOIN areas g ON g.id = h.group_id" \
	" LEFT JOIN contacts c ON c.id = h.contact_id"

static const struct field HH_FIELDS[] = {
	{ "hh_no", "户编号", "h.hh_no", COL_TEXT, HOW_SQL },
	{ "head_name", "户主姓名", "h.head_name", COL_TEXT, HOW_SQL },
	{ "head_id", "户主身份证号码", "(SELECT id_no FROM members WHERE household_id = h.id AND relation = '户主' AND active <> 0)", COL_TEXT, HOW_ID },
	{ "township", "乡镇", "t.name", COL_TEXT, HOW_SQL },
	{ "village", "村（社区）", "v.name", COL_TEXT, HOW_SQL },
	{ "group", "村民小组", "g.name", COL_TEXT, HOW_SQL },
	{ "natural_village", "自然村", "h.natural_village", COL_TEXT, HOW_SQL },
	{ "size", "家庭人口", "h.size", COL_INT, HOW_SQL },
	{ "hh_type", "监测对象类型", "h.hh_type", COL_TEXT, HOW_SQL },
	{ "is_tuopin", "是否脱贫户", "CASE h.is_tuopin WHEN 1 THEN '是' ELSE '否' END", COL_TEXT, HOW_SQL },
	{ "risks", "返贫致贫风险类型", "(SELECT group_concat(risk, '、') FROM (SELECT risk FROM household_risks WHERE household_id = h.id ORDER BY ord) AS r)", COL_TEXT, HOW_SQL },
	{ "status", "状态", "h.status", COL_TEXT, HOW_SQL },
	{ "identified_on", "纳入日期", "h.identified_on", COL_DATE, HOW_SQL },
	{ "eliminated_on", "风险消除日期", "h.eliminated_on", COL_DATE, HOW_SQL },
	{ "elim_method", "风险消除方式", "h.elim_method", COL_TEXT, HOW_SQL },
	{ "per_capita_income", "人均纯收入（元）", "h.id", COL_MONEY, HOW_PER_CAPITA },
	{ "income_year", "收入年度", "h.id", COL_INT, HOW_INCOME_YEAR },
	{ "contact", "帮扶联系人", "c.name", COL_TEXT, HOW_SQL },
	{ "contact_phone", "联系人电话", "c.phone", COL_TEXT, HOW_SQL },
	{ "phone", "户联系电话", "h.phone", COL_TEXT, HOW_SQL },
	{ "last_visit_on", "最近走访日期", "h.last_visit_on", COL_DATE, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

/* Household fields given only when asked for by name (a template, the
 * ledger), so the default columns of `export households` stay as they were. */
static const struct field HH_EXTRA[] = {
	{ "assist_tags", "社会救助类别", "h.assist_tags", COL_TEXT, HOW_SQL },
	{ "disaster", "因自然灾害子项", "h.disaster", COL_TEXT, HOW_SQL },
	{ "measures", "帮扶措施", "(SELECT group_concat(category, '、') FROM (SELECT category FROM measures"
	  " WHERE household_id = h.id GROUP BY category ORDER BY min(start_on), category) AS m)", COL_TEXT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

/* The national system's columns (NATIONAL.md §1.2), by name only, for the
 * built-in national templates (export_national.c) and any template: the
 * household's columns, repeated on each member's row.  Values are labels;
 * months YYYYMM, birth dates YYYYMMDD; a measure column joins the contents
 * of the household's measures of that category with commas. */
#define NAT_RISK(n) "(SELECT risk FROM household_risks WHERE household_id = h.id AND ord = " #n ")"
#define NAT_MEASURE(cond) "(SELECT group_concat(content, ',') FROM measures" \
	" WHERE household_id = h.id AND (" cond "))"
#define NAT_YES(cond) "CASE WHEN " cond " THEN '是' ELSE '否' END"
/* 风险消除后…: the household as found when its risk was eliminated (the
 * snapshot of that decision, run_snapshots), '' for a household not 风险已消除. */
#define NAT_ELIM(expr) "coalesce((SELECT " expr " FROM run_snapshots sn WHERE sn.household_id = h.id" \
	" AND sn.kind = '风险消除' AND sn.taken_on = h.eliminated_on AND h.status = '风险已消除'" \
	" ORDER BY sn.run_id DESC LIMIT 1), '')"
#define NAT_ELIM_YES(col) NAT_ELIM("CASE WHEN sn." col " <> 0 THEN '否' ELSE '是' END")
#define NAT_ELIM_MONEY(expr) "(SELECT CASE WHEN sn.has_income <> 0 THEN " expr " END" \
	" FROM run_snapshots sn WHERE sn.household_id = h.id AND sn.kind = '风险消除'" \
	" AND sn.taken_on = h.eliminated_on AND h.status = '风险已消除'" \
	" ORDER BY sn.run_id DESC LIMIT 1)"
static const struct field NAT_FIELDS[] = {
	{ "nat_no", "户编号", "h.nat_no", COL_TEXT, HOW_SQL },
	{ "county", "县", "(SELECT name FROM areas WHERE id = h.county_id)", COL_TEXT, HOW_SQL },
	{ "township_nat", "乡", "(SELECT name FROM areas WHERE id = h.township_id)", COL_TEXT, HOW_SQL },
	{ "village_nat", "村", "(SELECT name FROM areas WHERE id = h.village_id)", COL_TEXT, HOW_SQL },
	{ "hh_kind", "户类型", "CASE WHEN h.is_tuopin <> 0 THEN '脱贫户'"
	  " WHEN h.status IN ('监测中','消除中') THEN '未消除风险监测户'"
	  " WHEN h.status = '风险已消除' THEN '已消除风险监测户' ELSE '普通户' END", COL_TEXT, HOW_SQL },
	{ "nat_type", "监测对象类别", "h.hh_type", COL_TEXT, HOW_SQL },
	{ "hh_size", "家庭人口数", "h.size", COL_INT, HOW_SQL },
	{ "hh_phone", "户联系电话", "h.phone", COL_TEXT, HOW_SQL },
	{ "whole_no_labour", "整户无劳动能力兜底保障户", NAT_YES("h.whole_no_labour <> 0"), COL_TEXT, HOW_SQL },
	{ "house_unsafe", "是否危房户", NAT_YES("h.g_house = 0"), COL_TEXT, HOW_SQL },
	{ "water_safe", "是否解决安全饮用水", NAT_YES("h.g_water = 1"), COL_TEXT, HOW_SQL },
	{ "risk1", "致贫/返贫风险1", NAT_RISK(1), COL_TEXT, HOW_SQL },
	{ "risk2", "致贫/返贫风险2", NAT_RISK(2), COL_TEXT, HOW_SQL },
	{ "risk3", "致贫/返贫风险3", NAT_RISK(3), COL_TEXT, HOW_SQL },
	{ "risk4", "致贫/返贫风险4", NAT_RISK(4), COL_TEXT, HOW_SQL },
	{ "risk5", "致贫/返贫风险5", NAT_RISK(5), COL_TEXT, HOW_SQL },
	{ "disaster_nat", "因自然灾害子项", "replace(h.disaster, '、', ',')", COL_TEXT, HOW_SQL },
	{ "edu_dropout", "是否义务教育阶段适龄儿童少年失学辍学", NAT_YES("h.g_edu = 0"), COL_TEXT, HOW_SQL },
	{ "med_uninsured", "是否有家庭成员未参加城乡居民（职工）基本医疗保险", NAT_YES("h.g_med = 0"),
	  COL_TEXT, HOW_SQL },
	{ "identified_month", "识别监测时间", "replace(substr(h.identified_on, 1, 7), '-', '')", COL_TEXT, HOW_SQL },
	{ "wage", "工资性收入", "h.id", COL_MONEY, HOW_INCOME_PART },
	{ "business", "生产经营性收入", "h.id", COL_MONEY, HOW_INCOME_PART },
	{ "property", "财产性收入", "h.id", COL_MONEY, HOW_INCOME_PART },
	{ "transfer", "转移性收入", "h.id", COL_MONEY, HOW_INCOME_PART },
	{ "business_cost", "生产经营性支出", "h.id", COL_MONEY, HOW_INCOME_PART },
	{ "out_of_pocket", "合规自付支出", "h.id", COL_MONEY, HOW_INCOME_PART },
	{ "per_capita", "人均纯收入（元）", "h.id", COL_MONEY, HOW_PER_CAPITA },
	{ "eliminated", "风险是否已消除", "CASE WHEN h.status = '风险已消除' THEN '是'"
	  " WHEN h.status IN ('监测中','消除中') THEN '否' ELSE '' END", COL_TEXT, HOW_SQL },
	{ "eliminated_month", "消除监测时间", "replace(substr(h.eliminated_on, 1, 7), '-', '')", COL_TEXT, HOW_SQL },
	{ "elim_method_nat", "风险消除方式", "h.elim_method", COL_TEXT, HOW_SQL },
	{ "contact_nat", "监测联系人", "(SELECT name FROM contacts WHERE id = h.contact_id)", COL_TEXT, HOW_SQL },
	{ "contact_phone_nat", "联系方式", "(SELECT phone FROM contacts WHERE id = h.contact_id)", COL_TEXT, HOW_SQL },
	{ "elim_edu", "风险消除后是否义务教育阶段适龄儿童少年失学辍学", NAT_ELIM_YES("g_edu"), COL_TEXT, HOW_SQL },
	{ "elim_house", "风险消除后是否住房损毁", NAT_ELIM_YES("g_house"), COL_TEXT, HOW_SQL },
	{ "elim_med", "风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险", NAT_ELIM_YES("g_med"),
	  COL_TEXT, HOW_SQL },
	{ "elim_water", "风险消除后是否饮水设施损毁", NAT_ELIM_YES("g_water"), COL_TEXT, HOW_SQL },
	{ "elim_wage", "风险消除后工资性收入", NAT_ELIM_MONEY("sn.wage"), COL_MONEY, HOW_CENTS },
	{ "elim_property", "风险消除后财产性收入", NAT_ELIM_MONEY("sn.property"), COL_MONEY, HOW_CENTS },
	{ "elim_transfer", "风险消除后转移性收入", NAT_ELIM_MONEY("sn.transfer"), COL_MONEY, HOW_CENTS },
	{ "elim_business", "风险消除后生产经营性收入", NAT_ELIM_MONEY("sn.business"), COL_MONEY, HOW_CENTS },
	{ "elim_business_cost", "风险消除后生产经营性支出", NAT_ELIM_MONEY("sn.business_cost"), COL_MONEY,
	  HOW_CENTS },
	{ "elim_net", "风险消除后家庭纯收入", NAT_ELIM_MONEY("sn.wage + sn.business + sn.property"
	  " + sn.transfer - sn.business_cost"), COL_MONEY, HOW_CENTS },
	{ "elim_per_capita", "风险消除后家庭人均纯收入", NAT_ELIM_MONEY("sn.per_capita"), COL_MONEY, HOW_CENTS },
	{ "elim_claims", "风险消除后理赔收入", NAT_ELIM_MONEY("sn.claims"), COL_MONEY, HOW_CENTS },
	{ "elim_out_of_pocket", "风险消除后合规自付支出", NAT_ELIM_MONEY("sn.out_of_pocket"), COL_MONEY,
	  HOW_CENTS },
	{ "developmental", "实施开发式帮扶措施情况", "CASE WHEN EXISTS (SELECT 1 FROM measures"
	  " WHERE household_id = h.id AND developmental <> 0) THEN '已实施' ELSE '尚未实施' END", COL_TEXT, HOW_SQL },
	{ "m_industry", "产业帮扶", NAT_MEASURE("category LIKE '产业帮扶%'"), COL_TEXT, HOW_SQL },
	{ "m_employment", "就业帮扶", NAT_MEASURE("category LIKE '就业帮扶%'"), COL_TEXT, HOW_SQL },
	{ "m_finance", "金融帮扶", NAT_MEASURE("category LIKE '金融帮扶%'"), COL_TEXT, HOW_SQL },
	{ "m_public_job", "公益岗位帮扶", NAT_MEASURE("category LIKE '公益岗位%'"), COL_TEXT, HOW_SQL },
	{ "m_health", "健康帮扶", NAT_MEASURE("category LIKE '健康帮扶%'"), COL_TEXT, HOW_SQL },
	{ "m_compulsory", "义务教育保障", NAT_MEASURE("category LIKE '义务教育保障%'"), COL_TEXT, HOW_SQL },
	{ "m_education", "教育帮扶", NAT_MEASURE("category LIKE '%教育帮扶%'"), COL_TEXT, HOW_SQL },
	{ "m_welfare", "综合保障", NAT_MEASURE("category LIKE '综合保障%' OR category = '临时救助'"),
	  COL_TEXT, HOW_SQL },
	{ "m_social", "社会帮扶", NAT_MEASURE("category LIKE '社会帮扶%'"), COL_TEXT, HOW_SQL },
	{ "m_housing", "住房安全保障", NAT_MEASURE("category LIKE '住房安全保障%'"), COL_TEXT, HOW_SQL },
	{ "m_water", "饮水安全保障", NAT_MEASURE("category LIKE '饮水安全保障%'"), COL_TEXT, HOW_SQL },
	{ "m_relocation", "搬迁", NAT_MEASURE("category LIKE '搬迁%'"), COL_TEXT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

/* The national per-person columns a member adds (NATIONAL.md §1.2). */
static const struct field NAT_MEMBER_FIELDS[] = {
	{ "birth8", "出生日期", "replace(m.birth, '-', '')", COL_TEXT, HOW_SQL },
	{ "ins_medical", "是否参加城乡居民基本医疗保险", NAT_YES("m.ins_medical <> 0"), COL_TEXT, HOW_SQL },
	{ "ins_serious", "是否参加大病保险", NAT_YES("m.ins_serious <> 0"), COL_TEXT, HOW_SQL },
	{ "ins_pension", "是否参加城乡居民基本养老保险", NAT_YES("m.ins_pension <> 0"), COL_TEXT, HOW_SQL },
	{ "dibao_nat", "享受低保政策情况", "CASE m.dibao WHEN 1 THEN '农村低保' ELSE '未享受' END", COL_TEXT, HOW_SQL },
	{ "tekun_nat", "享受特困供养政策情况", "CASE m.tekun WHEN 1 THEN '农村特困' ELSE '不享受' END", COL_TEXT, HOW_SQL },
	{ "public_job_months", "公益性岗位(月数)", "m.public_job_months", COL_INT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

static const struct field MEMBER_FIELDS[] = {
	{ "hh_no", "户编号", "h.hh_no", COL_TEXT, HOW_SQL },
	{ "village", "村（社区）", "v.name", COL_TEXT, HOW_SQL },
	{ "name", "姓名", "m.name", COL_TEXT, HOW_SQL },
	{ "id_no", "公民身份号码", "m.id_no", COL_TEXT, HOW_ID },
	{ "sex", "性别", "CASE m.sex WHEN 1 THEN '男' ELSE '女' END", COL_TEXT, HOW_SQL },
	{ "birth", "出生日期", "m.birth", COL_DATE, HOW_SQL },
	{ "relation", "与户主关系", "m.relation", COL_TEXT, HOW_SQL },
	{ "ethnicity", "民族", "m.ethnicity", COL_TEXT, HOW_SQL },
	{ "education", "文化程度", "m.education", COL_TEXT, HOW_SQL },
	{ "schooling", "在校生状况", "m.schooling", COL_TEXT, HOW_SQL },
	{ "health", "健康状况", "m.health", COL_TEXT, HOW_SQL },
	{ "disability", "残疾类别", "m.disability", COL_TEXT, HOW_SQL },
	{ "labour", "劳动技能", "m.labour", COL_TEXT, HOW_SQL },
	{ "migrant_months", "务工时间（月）", "m.migrant_months", COL_INT, HOW_SQL },
	{ "migrant_place", "务工地点", "m.migrant_place", COL_TEXT, HOW_SQL },
	{ "public_job", "公益岗位", "m.public_job", COL_TEXT, HOW_SQL },
	{ "dibao", "是否享受低保", "CASE m.dibao WHEN 1 THEN '是' ELSE '否' END", COL_TEXT, HOW_SQL },
	{ "tekun", "是否特困供养", "CASE m.tekun WHEN 1 THEN '是' ELSE '否' END", COL_TEXT, HOW_SQL },
	{ "phone", "联系电话", "m.phone", COL_TEXT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

static const struct field MEASURE_FIELDS[] = {
	{ "hh_no", "户编号", "h.hh_no", COL_TEXT, HOW_SQL },
	{ "head_name", "户主姓名", "h.head_name", COL_TEXT, HOW_SQL },
	{ "village", "村（社区）", "v.name", COL_TEXT, HOW_SQL },
	{ "category", "帮扶措施类别", "x.category", COL_TEXT, HOW_SQL },
	{ "item", "帮扶措施子项", "x.item", COL_TEXT, HOW_SQL },
	{ "developmental", "是否开发式", "CASE x.developmental WHEN 1 THEN '是' ELSE '否' END", COL_TEXT, HOW_SQL },
	{ "content", "措施内容", "x.content", COL_TEXT, HOW_SQL },
	{ "department", "责任部门", "x.department", COL_TEXT, HOW_SQL },
	{ "start_on", "开始日期", "x.start_on", COL_DATE, HOW_SQL },
	{ "end_on", "结束日期", "x.end_on", COL_DATE, HOW_SQL },
	/* no amount stays empty: printf() would turn NULL into 0.00 */
	{ "amount", "金额（元）", "x.amount", COL_MONEY, HOW_CENTS },
	{ "state", "状态", "x.state", COL_TEXT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

static const struct field VISIT_FIELDS[] = {
	{ "hh_no", "户编号", "h.hh_no", COL_TEXT, HOW_SQL },
	{ "head_name", "户主姓名", "h.head_name", COL_TEXT, HOW_SQL },
	{ "village", "村（社区）", "v.name", COL_TEXT, HOW_SQL },
	{ "visited_on", "走访日期", "x.visited_on", COL_DATE, HOW_SQL },
	{ "entered_on", "录入日期", "x.entered_on", COL_DATE, HOW_SQL },
	{ "contact", "走访联系人", "(SELECT name FROM contacts WHERE id = x.contact_id)", COL_TEXT, HOW_SQL },
	{ "findings", "走访情况", "x.findings", COL_TEXT, HOW_SQL },
	{ "income_change", "收入变化", "x.income_change", COL_TEXT, HOW_SQL },
	{ "new_risks", "新增风险", "x.new_risks", COL_TEXT, HOW_SQL },
	{ "guarantee_problems", "三保障及饮水问题", "x.guarantee_problems", COL_TEXT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

static const struct field RUN_FIELDS[] = {
	{ "hh_no", "户编号", "h.hh_no", COL_TEXT, HOW_SQL },
	{ "head_name", "户主姓名", "h.head_name", COL_TEXT, HOW_SQL },
	{ "village", "村（社区）", "v.name", COL_TEXT, HOW_SQL },
	{ "kind", "流程", "x.kind", COL_TEXT, HOW_SQL },
	{ "step", "当前步骤", "x.step", COL_INT, HOW_SQL },
	{ "state", "状态", "x.state", COL_TEXT, HOW_SQL },
	{ "started_on", "开始日期", "x.started_on", COL_DATE, HOW_SQL },
	{ "closed_on", "结束日期", "x.closed_on", COL_DATE, HOW_SQL },
	{ "hh_type", "监测对象类型", "x.hh_type", COL_TEXT, HOW_SQL },
	{ "elim_method", "风险消除方式", "x.elim_method", COL_TEXT, HOW_SQL },
	/* the monitoring line the run is judged against, kept with it */
	{ "line_year", "监测范围年度", "coalesce(CAST(x.line_year AS TEXT), '')", COL_INT, HOW_SQL },
	{ "line_yuan", "监测范围（元）", "coalesce(CAST(x.line_yuan AS TEXT), '')", COL_INT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

static const struct field CONTACT_FIELDS[] = {
	{ "name", "姓名", "c.name", COL_TEXT, HOW_SQL },
	{ "kind", "类别", "c.kind", COL_TEXT, HOW_SQL },
	{ "unit", "单位", "c.unit", COL_TEXT, HOW_SQL },
	{ "phone", "联系电话", "c.phone", COL_TEXT, HOW_SQL },
	{ "area", "所在区划", "a.name", COL_TEXT, HOW_SQL },
	{ "households", "联系户数", "(SELECT count(*) FROM households WHERE contact_id = c.id)", COL_INT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

static const struct field LEAD_FIELDS[] = {
	{ "name", "姓名", "l.name", COL_TEXT, HOW_SQL },
	{ "id_no", "公民身份号码", "l.id_no", COL_TEXT, HOW_ID },
	{ "hh_no", "户编号", "(SELECT hh_no FROM households WHERE id = l.household_id)", COL_TEXT, HOW_SQL },
	{ "village", "村（社区）", "a.name", COL_TEXT, HOW_SQL },
	{ "state", "状态", "l.state", COL_TEXT, HOW_SQL },
	{ "created_on", "发现日期", "l.created_on", COL_DATE, HOW_SQL },
	{ "sources", "来源", "(SELECT group_concat(channel || CASE department WHEN '' THEN '' ELSE '（' || department || '）' END, '；') FROM lead_sources WHERE lead_id = l.id)", COL_TEXT, HOW_SQL },
	{ "reason", "原因", "(SELECT group_concat(reason, '；') FROM lead_sources WHERE lead_id = l.id)", COL_TEXT, HOW_SQL },
	{ "close_reason", "排除原因", "l.close_reason", COL_TEXT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

/* A department's warnings and what verification found (SPEC §4): one row
 * per warning it sent, for export_lead_results (?30 the department, ?31
 * today). */
static const struct field LEAD_RESULT_FIELDS[] = {
	{ "department", "预警部门", "ls.department", COL_TEXT, HOW_SQL },
	{ "found_on", "预警日期", "ls.found_on", COL_DATE, HOW_SQL },
	{ "name", "姓名", "l.name", COL_TEXT, HOW_SQL },
	{ "id_no", "公民身份号码", "coalesce(l.id_no, (SELECT id_no FROM members WHERE household_id = l.household_id AND relation = '户主' AND active <> 0))", COL_TEXT, HOW_ID },
	{ "township", "乡镇", "t.name", COL_TEXT, HOW_SQL },
	{ "village", "村（社区）", "a.name", COL_TEXT, HOW_SQL },
	{ "reason", "预警原因", "ls.reason", COL_TEXT, HOW_SQL },
	{ "verify_by", "核实期限", "l.verify_by", COL_DATE, HOW_SQL },
	{ "result", "核实结果", "coalesce(l.result, CASE l.state WHEN '待核实' THEN '待核实' ELSE l.state END)", COL_TEXT, HOW_SQL },
	{ "result_by", "核实人", "(SELECT name FROM officers WHERE id = l.result_by)", COL_TEXT, HOW_SQL },
	{ "result_on", "核实日期", "l.result_on", COL_DATE, HOW_SQL },
	{ "result_note", "核实说明", "l.result_note", COL_TEXT, HOW_SQL },
	{ "late", "是否逾期", "CASE WHEN l.verify_by IS NOT NULL AND coalesce(l.result_on, ?31) > l.verify_by THEN '是' ELSE '否' END", COL_TEXT, HOW_SQL },
	{ NULL, NULL, NULL, 0, 0 },
};

struct kind {
	const char *name;
	const struct field *fields;
	const char *from;      /* FROM … (households h must be joined for hhlist) */
	const char *order;     /* after the WHERE: more conditions (AND …), ORDER BY */
	int by_household;      /* filtered and scoped through hhlist */
	const struct field *extra;     /* more fields, by name only; NULL: none */
	const char *const *defaults;   /* default columns; NULL: every one of fields */
	/* the national columns a kind offers, by name only (NAT_FIELDS and,
	 * for members, NAT_MEMBER_FIELDS); NULL: none */
	const struct field *nat, *nat_member;
};

/* 监测户台账 (SPEC §8): the monitored households, with the columns of the
 * printed ledger; `jiance export ledger` gives the same table. */
static const char *const LEDGER_COLS[] = {
	"hh_no", "head_name", "head_id", "township", "village", "group", "size", "hh_type", "risks",
	"per_capita_income", "income_year", "contact", "measures", "last_visit_on", "status", NULL,
};

static const struct kind KINDS[] = {
	{ "households", HH_FIELDS, HH_FROM, " ORDER BY t.code, v.code, h.head_pinyin, h.id", 1, HH_EXTRA, NULL,
	  NAT_FIELDS, NULL },
	{ "ledger", HH_FIELDS, HH_FROM, " AND h.status IN ('监测中','消除中','风险已消除')"
	  " ORDER BY t.code, v.code, g.code, h.head_pinyin, h.id", 1, HH_EXTRA, LEDGER_COLS, NAT_FIELDS, NULL },
	{ "members", MEMBER_FIELDS, " FROM households h JOIN members m ON m.household_id = h.id AND m.active <> 0"
	  " JOIN areas v ON v.id = h.village_id", " ORDER BY v.code, h.head_pinyin, h.id, m.relation <> '户主', m.birth", 1, NULL, NULL,
	  NAT_FIELDS, NAT_MEMBER_FIELDS },
	{ "measures", MEASURE_FIELDS, " FROM households h JOIN measures x ON x.household_id = h.id"
	  " JOIN areas v ON v.id = h.village_id", " ORDER BY v.code, h.head_pinyin, x.start_on", 1, NULL, NULL, NULL, NULL },
	{ "visits", VISIT_FIELDS, " FROM households h JOIN visits x ON x.household_id = h.id"
	  " JOIN areas v ON v.id = h.village_id", " ORDER BY v.code, h.head_pinyin, x.visited_on", 1, NULL, NULL, NULL, NULL },
	{ "runs", RUN_FIELDS, " FROM households h JOIN flow_runs x ON x.household_id = h.id"
	  " JOIN areas v ON v.id = h.village_id", " ORDER BY x.started_on, x.id", 1, NULL, NULL, NULL, NULL },
	{ "contacts", CONTACT_FIELDS, " FROM contacts c JOIN areas a ON a.id = c.area_id WHERE c.active <> 0 AND ",
	  " ORDER BY c.pinyin", 0, NULL, NULL, NULL, NULL },
	{ "leads", LEAD_FIELDS, " FROM leads l JOIN areas a ON a.id = l.village_id WHERE ",
	  " ORDER BY l.created_on, l.id", 0, NULL, NULL, NULL, NULL },
	{ "lead-results", LEAD_RESULT_FIELDS, " FROM lead_sources ls JOIN leads l ON l.id = ls.lead_id"
	  " JOIN areas a ON a.id = l.village_id JOIN areas t ON t.id = l.township_id"
	  " WHERE ls.channel = '部门筛查预警' AND ls.department = ?30 AND ",
	  " ORDER BY ls.found_on, t.code, a.code, l.id, ls.id", 0, NULL, NULL, NULL, NULL },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};

#define MAX_COLS CFG_MAX_COLS   /* a template holds no more */

struct plan {
	const struct kind *k;
	int n;
	const struct field *cols[MAX_COLS];
	const char *headers[MAX_COLS];
	enum col_type types[MAX_COLS];
};

static const struct kind *find_kind(const char *name)
{
	for (const struct kind *k = KINDS; k->name; k++)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}

int export_known_kind(const char *kind)
{
	return find_kind(kind) != NULL || !strcmp(kind, "upstream");
}

static const struct field *find_field(const struct kind *k, const char *name)
{
	for (const struct field *f = k->fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	const struct field *more[] = { k->extra, k->nat_member, k->nat };
	for (int l = 0; l < 3; l++)
		for (const struct field *f = more[l]; f && f->name; f++)
			if (!strcmp(f->name, name))
				return f;
	return NULL;
}

static int make_plan(const struct kind *k, const struct cfg_template *tpl, struct plan *p,
                     struct jerr *e)
{
	p->k = k;
	p->n = 0;
	for (int i = 0; !tpl && k->defaults && k->defaults[i] && p->n < MAX_COLS; i++) {
		p->cols[p->n] = find_field(k, k->defaults[i]);
		p->headers[p->n] = p->cols[p->n]->header;
		p->n++;
	}
	for (const struct field *f = k->fields; !tpl && !k->defaults && f->name && p->n < MAX_COLS; f++) {
		p->cols[p->n] = f;
		p->headers[p->n++] = f->header;
	}
	for (int i = 0; tpl && i < tpl->ncols && p->n < MAX_COLS; i++, p->n++) {
		const struct field *f = find_field(k, tpl->cols[i].field);
		if (!f)
			return jerr_set(e, "", "导出模板“%s”的列“%s”对应的字段 %s 不是%s的字段",
			                tpl->name, tpl->cols[i].header, tpl->cols[i].field, k->name);
		p->cols[p->n] = f;
		p->headers[p->n] = tpl->cols[i].header;
	}
	for (int i = 0; i < p->n; i++)
		p->types[i] = p->cols[i]->type;
	return 0;
}

static struct stmt *prepare(struct session *s, const struct plan *p, const struct hh_filter *f)
{
	char sql[16384] = "SELECT ";   /* hhlist's own text holds as much (hhlist.c) */
	for (int i = 0; i < p->n; i++) {
		size_t len = strlen(sql);
		snprintf(sql + len, sizeof sql - len, "%s%s", i ? ", " : "", p->cols[i]->expr);
	}
	size_t len = strlen(sql);
	snprintf(sql + len, sizeof sql - len, "%s", p->k->from);
	if (p->k->by_household) {
		static const struct hh_filter none;
		return hhlist_prepare(s, f ? f : &none, sql, p->k->order);
	}
	len = strlen(sql);
	snprintf(sql + len, sizeof sql - len, "%s%s", scope_area_predicate(&s->scope), p->k->order);
	struct stmt *st = store_prepd(s->db, sql);
	if (st)
		stmt_bind_int(st, 1, scope_value(&s->scope));
	return st;
}

/* The income shown of the row's household, read once for all the row's
 * income columns (the per-capita one also counts the household's members
 * in that year): 0 household_id: nothing read yet in this export. */
struct shown { int64_t household_id; int found; struct income in; int64_t per_capita; };
static struct shown shown;

static const struct income *shown_of(struct session *s, int64_t hh)
{
	if (shown.household_id != hh) {
		shown.household_id = hh;
		shown.found = income_shown(s, hh, &shown.in) == 1;
		shown.per_capita = -1;
	}
	return shown.found ? &shown.in : NULL;
}

/* The income every screen and document shows (income_shown), and its year
 * in the column beside it. */
static void per_capita(struct session *s, int64_t hh, int year_only, char *out, size_t n)
{
	const struct income *in = shown_of(s, hh);
	out[0] = 0;
	if (!in)
		return;
	if (year_only) {
		snprintf(out, n, "%d", in->year);
		return;
	}
	if (shown.per_capita < 0)
		shown.per_capita = income_per_capita_of(s, in);
	money_fmt(shown.per_capita, out, n);
}

/* One component of the income shown (income_shown), by its field name. */
static void income_part(struct session *s, int64_t hh, const char *name, char *out, size_t n)
{
	const struct income *got = shown_of(s, hh);
	out[0] = 0;
	if (!got)
		return;
	struct income in = *got;
	const struct { const char *name; int64_t v; } parts[] = {
		{ "wage", in.wage }, { "business", in.business }, { "property", in.property },
		{ "transfer", in.transfer }, { "business_cost", in.business_cost },
		{ "out_of_pocket", in.out_of_pocket },
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (!strcmp(parts[i].name, name))
			money_fmt(parts[i].v, out, n);
}

static void cents(struct stmt *st, int col, char *out, size_t n)
{
	int64_t fen = stmt_int(st, col), a = fen < 0 ? -fen : fen;
	if (stmt_isnull(st, col))
		snprintf(out, n, "%s", "");
	else
		snprintf(out, n, "%s%lld.%02lld", fen < 0 ? "-" : "", (long long)(a / 100),
		         (long long)(a % 100));
}

static void cell(struct session *s, struct stmt *st, const struct field *f, int col, char *out,
                 size_t n)
{
	switch (f->how) {
	case HOW_ID:
		privacy_id(s, stmt_text(st, col), out);
		break;
	case HOW_PER_CAPITA:
	case HOW_INCOME_YEAR:
		per_capita(s, stmt_int(st, col), f->how == HOW_INCOME_YEAR, out, n);
		break;
	case HOW_INCOME_PART:
		income_part(s, stmt_int(st, col), f->name, out, n);
		break;
	case HOW_CENTS:
		cents(st, col, out, n);
		break;
	default:
		snprintf(out, n, "%s", stmt_text(st, col));
	}
}

static long write_rows(struct session *s, const struct plan *p, struct stmt *st,
                       struct export_sink *sink, struct jerr *e);

long export_run(struct session *s, const char *kind, const struct hh_filter *f,
                const struct cfg_template *tpl, struct export_sink *sink, struct jerr *e)
{
	const struct kind *k = find_kind(kind);
	struct plan p;
	if (!k)
		return jerr_set(e, "", "不认识的导出类别“%s”", kind);
	if (k->fields == LEAD_RESULT_FIELDS)
		return jerr_set(e, "", "线索核实结果按部门导出（--department 部门）");
	if (make_plan(k, tpl, &p, e) != 0)
		return -1;
	struct stmt *st = prepare(s, &p, f);
	if (!st)
		return jerr_set(e, "", "无法查询: %s", store_errmsg(s->db));
	return write_rows(s, &p, st, sink, e);
}

long export_lead_results(struct session *s, const char *department,
                         const struct cfg_template *tpl, struct export_sink *sink,
                         struct jerr *e)
{
	struct plan p;
	char today[11];
	if (!department || !*department)
		return jerr_set(e, "department", "请指明部门（如 --department 医保局）");
	if (make_plan(find_kind("lead-results"), tpl, &p, e) != 0)
		return -1;
	struct stmt *st = prepare(s, &p, NULL);
	if (!st)
		return jerr_set(e, "", "无法查询: %s", store_errmsg(s->db));
	stmt_bind_text(st, 30, department);
	stmt_bind_text(st, 31, date_fmt(clock_today(), today));
	return write_rows(s, &p, st, sink, e);
}

static long write_rows(struct session *s, const struct plan *p, struct stmt *st,
                       struct export_sink *sink, struct jerr *e)
{
	if (sink->header(sink->ctx, p->n, p->headers, p->types) != 0) {
		stmt_done(st);
		return jerr_set(e, "", "无法写出导出文件");
	}
	static char buf[MAX_COLS][1024];
	const char *vals[MAX_COLS];
	long rows = 0;
	int rc;
	shown.household_id = 0;   /* read again: another export may come after a change */
	while ((rc = stmt_step(st)) == 1) {
		for (int i = 0; i < p->n; i++) {
			cell(s, st, p->cols[i], i, buf[i], sizeof buf[i]);
			vals[i] = buf[i];
		}
		if (sink->row(sink->ctx, p->n, vals) != 0) {
			rc = -2;
			break;
		}
		rows++;
	}
	stmt_done(st);
	if (rc != 0)
		return jerr_set(e, "", rc == -2 ? "无法写出导出文件" : "查询失败: %s", store_errmsg(s->db));
	if (sink->finish && sink->finish(sink->ctx) != 0)
		return jerr_set(e, "", "无法写出导出文件");
	return rows;
}

void export_fields(const char *kind, FILE *out)
{
	const struct kind *k = find_kind(kind);
	const struct field *lists[] = { k ? k->fields : NULL, k ? k->extra : NULL };
	for (int l = 0; l < 2; l++)
		for (const struct field *f = lists[l]; f && f->name; f++)
			fprintf(out, "  %-20s %s\n", f->name, f->header);
	if (k && k->nat) {
		fprintf(out, "  国家系统的列 national columns:\n");
		const struct field *nat[] = { k->nat_member, k->nat };
		for (int l = 0; l < 2; l++)
			for (const struct field *f = nat[l]; f && f->name; f++)
				fprintf(out, "  %-20s %s\n", f->name, f->header);
	}
}

int export_field_check(const char *kind, const char *field, char *allowed, size_t n)
{
	const struct kind *k = find_kind(kind);
	if (k && find_field(k, field))
		return 0;
	allowed[0] = 0;
	const struct field *lists[] = { k ? k->fields : NULL, k ? k->extra : NULL,
	                                k ? k->nat_member : NULL, k ? k->nat : NULL };
	for (int l = 0; l < 4; l++)
		for (const struct field *f = lists[l]; f && f->name; f++) {
			size_t len = strlen(allowed);
			snprintf(allowed + len, n - len, "%s%s", len ? "、" : "", f->name);
		}
	return -1;
}

const char *export_field_header(const char *kind, const char *field)
{
	const struct kind *k = find_kind(kind);
	const struct field *f = k ? find_field(k, field) : NULL;
	return f ? f->header : NULL;
}

/* ---- CSV ---- */

static int csv_line(FILE *out, int n, const char *const *v)
{
	for (int i = 0; i < n; i++)
		csvwrite_cell(out, i == 0, v[i], 1);
	return csvwrite_end(out);
}

static int csv_header(void *ctx, int n, const char *const *names, const enum col_type *types)
{
	(void)types;
	fputs("\xEF\xBB\xBF", ctx);  /* BOM: Excel on Chinese Windows reads UTF-8 by it */
	return csv_line(ctx, n, names);
}

static int csv_row(void *ctx, int n, const char *const *v) { return csv_line(ctx, n, v); }
static int csv_finish(void *ctx) { return fflush(ctx) == 0 ? 0 : -1; }

void export_csv_sink(struct export_sink *sink, FILE *out)
{
	*sink = (struct export_sink){ out, csv_header, csv_row, csv_finish };
}

long export_write(struct session *s, const char *kind, const struct hh_filter *f,
                  const char *department, const struct cfg_template *tpl,
                  struct export_sink *sink, struct jerr *e)
{
	if (department)
		return export_lead_results(s, department, tpl, sink, e);
	if (!strcmp(kind, "upstream"))
		return tpl ? jerr_set(e, "", "待录入国家系统按国家系统的列导出，不用模板")
		           : export_upstream(s, sink, e);
	return export_run(s, kind, f, tpl, sink, e);
}
