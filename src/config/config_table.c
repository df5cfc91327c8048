/* Every setting of jiance.conf, declared once.  The loader, the defaults,
 * `jiance --help-config` and man/jiance.conf.5 all come from these tables. */
#include "config/config_table.h"
#include "config/codes_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Designators for a field of struct config: where it is and how big. */
#define FIELD(f) .offset = offsetof(struct config, f), \
	.size = sizeof(((struct config *)0)->f)

/* The length (12) is the table's bound; this checks the characters. */
static const char *check_area_code(const char *v)
{
	for (; *v; v++)
		if (*v < '0' || *v > '9')
			return "应为 12 位数字的统计用区划代码";
	return NULL;
}

/* Each officer has a file of their own (it is created 0600 and refused if
 * another account owns it): a path without a place for the officer would
 * work for the first one only. */
static const char *check_log_path(const char *v)
{
	if (!*v || !strncmp(v, "~/", 2) || strstr(v, "{login}"))
		return NULL;
	return "应以 ~/ 开头或含 {login}，每位操作员一个文件";
}

static const char *check_db_url(const char *v)
{
	return !*v || !strncmp(v, "postgresql://", 13) || !strncmp(v, "postgres://", 11)
	       ? NULL : "应以 postgresql:// 开头";
}

static const char *check_visit_rule(const char *v)
{
	return !strcmp(v, "month") || !strcmp(v, "days") ? NULL : "应为 \"month\" 或 \"days\"";
}

const struct cfg_option cfg_options[] = {
	{ .name = "database.path", .type = CFG_STRING, .min = 1, .max = 511,
	  .def_str = "jiance.db", FIELD(db_path),
	  .help_zh = "SQLite 数据库文件；相对路径以启动时的工作目录为准；--db 优先",
	  .help_en = "SQLite database file; a relative path is taken from the working "
		     "directory; --db overrides it" },
	{ .name = "database.url", .type = CFG_STRING, .min = 0, .max = 511,
	  .def_str = "", FIELD(db_url), .check = check_db_url,
	  .help_zh = "PostgreSQL 数据库（postgresql://…，见 README “迁到 PostgreSQL”）；"
		     "设了它就不用 database.path；--db 优先",
	  .help_en = "PostgreSQL database (postgresql://…, see README \"Moving to PostgreSQL\"); "
		     "when set, database.path is not used; --db overrides it" },
	{ .name = "log.path", .type = CFG_STRING, .min = 0, .max = 511,
	  .def_str = "~/.local/state/jiance/jiance.log", FIELD(log_path), .check = check_log_path,
	  .help_zh = "程序内部错误的日志（SQL 错误、未结束的事务，含时间、登录名和出错的代码位置）；"
		     "每位操作员一个文件，权限 0600，不经符号链接打开；开头的 ~/ 指该操作员的主目录，"
		     "{login} 换成其登录名（如 \"/var/log/jiance/{login}.log\"）；缺少的目录以 0700 创建；"
		     "为空则不写日志",
	  .help_en = "Log of internal errors (SQL errors, transactions left open: time, login and "
		     "the place in the code); one file per officer, created 0600 and never opened "
		     "through a symbolic link; a leading ~/ is the officer's home directory and "
		     "{login} their login (e.g. \"/var/log/jiance/{login}.log\"); missing "
		     "directories are created 0700; empty: no log" },
	{ .name = "county.name", .type = CFG_STRING, .min = 1, .max = 63,
	  .def_str = "彭水苗族土家族自治县", FIELD(county_name),
	  .help_zh = "本县名称，用于公告、台账抬头和 jiance init",
	  .help_en = "County name, used in notices, ledger headings and jiance init" },
	{ .name = "county.code", .type = CFG_STRING, .min = 12, .max = 12,
	  .def_str = "500243000000", FIELD(county_code), .check = check_area_code,
	  .help_zh = "本县 12 位统计用区划代码",
	  .help_en = "The county's 12-digit statistical area code" },
	{ .name = "flow.posting_days", .type = CFG_INT, .min = 1, .max = 60,
	  .def_int = 5, FIELD(posting_days),
	  .help_zh = "村内公示至少满多少整天：公示结束日期不早于开始日期加此天数，"
		     "第 3 步（民主评议和公示）在公示最后一天的次日起才可完成",
	  .help_en = "Full days a notice must be posted: its last day is at least start + "
		     "this many days, and step 3 (appraisal and posting) is completed from the "
		     "day after that last day" },
	{ .name = "flow.identification_deadline_days", .type = CFG_INT, .min = 1, .max = 365,
	  .def_int = 15, FIELD(identification_deadline_days),
	  .help_zh = "识别纳入应在线索产生后多少天内完成，超期的流程标为逾期",
	  .help_en = "Days from the lead within which identification should finish; "
		     "later runs are flagged overdue" },
	{ .name = "flow.min_months_before_elimination", .type = CFG_INT, .min = 1, .max = 60,
	  .def_int = 6, FIELD(min_months_before_elimination),
	  .help_zh = "纳入监测满多少个月，才可启动风险消除",
	  .help_en = "Months a household must have been monitored before elimination "
		     "may start" },
	{ .name = "flow.measure_grace_days", .type = CFG_INT, .min = 1, .max = 365,
	  .def_int = 30, FIELD(measure_grace_days),
	  .help_zh = "纳入监测后多少天内仍无帮扶措施即标为“无措施”",
	  .help_en = "Days a monitored household may go without an assistance "
		     "measure before it is flagged" },
	{ .name = "flow.visit_rule", .type = CFG_STRING, .min = 4, .max = 5,
	  .def_str = "month", FIELD(visit_rule), .check = check_visit_rule,
	  .help_zh = "走访规则：\"month\" 每个自然月至少走访一次（每月不少于1次），"
		     "上一个完整月份（全月在监测）没有走访即标为走访超期，本月尚未走访的列为本月待走访；"
		     "\"days\" 按 visit_interval_days 滚动计算",
	  .help_en = "Visit rule: \"month\" -- at least one visit in every calendar month; a "
		     "household with no visit in the last complete month it was monitored "
		     "throughout is flagged overdue, and one not yet visited this month is listed "
		     "as due; \"days\" -- the rolling visit_interval_days" },
	{ .name = "flow.lead_verify_workdays", .type = CFG_INT, .min = 1, .max = 60,
	  .def_int = 2, FIELD(lead_verify_workdays),
	  .help_zh = "风险线索登记后须在多少个工作日内核实（按 calendar 的节假日和调休计算），"
		     "逾期未核实的线索标为核实超期",
	  .help_en = "Working days (counted with the holidays and make-up workdays of "
		     "calendar) within which a lead must be verified; later ones are flagged "
		     "overdue" },
	{ .name = "flow.visit_interval_days", .type = CFG_INT, .min = 1, .max = 366,
	  .def_int = 31, FIELD(visit_interval_days),
	  .help_zh = "visit_rule 为 \"days\" 时：两次入户走访最多相隔多少天，超过即标为走访超期",
	  .help_en = "With visit_rule \"days\": most days between two home visits until risk "
		     "is eliminated; longer is flagged overdue" },
	{ .name = "print.command", .type = CFG_STRING, .min = 0, .max = 255,
	  .def_str = "", FIELD(print_command),
	  .help_zh = "打印命令，{printer} 和 {file} 会被替换，如 \"lp -d {printer} {file}\"；"
		     "为空则只保存 PDF 并显示路径",
	  .help_en = "Print command with {printer} and {file} substituted, e.g. "
		     "\"lp -d {printer} {file}\"; empty: save the PDF and show its path" },
	{ .name = "print.printer", .type = CFG_STRING, .min = 0, .max = 63,
	  .def_str = "", FIELD(printer),
	  .help_zh = "打印机名称，代入打印命令中的 {printer}",
	  .help_en = "Printer name, put in place of {printer} in the print command" },
	{ .name = "print.pdf_font", .type = CFG_STRING, .min = 1, .max = 63,
	  .def_str = "Noto Sans CJK SC", FIELD(pdf_font),
	  .help_zh = "PDF 所用中文字体（fontconfig 名称），以子集嵌入",
	  .help_en = "CJK font of the PDFs (a fontconfig name), embedded as a subset" },
	{ .name = "notice.supervision_phones", .type = CFG_STRING, .min = 0, .max = 255,
	  .def_str = "", FIELD(supervision_phones),
	  .help_zh = "公示、公告上的监督电话（12317 热线总会列出）",
	  .help_en = "Supervision phone numbers printed on notices (the 12317 hotline "
		     "is always listed)" },
	{ .name = "notice.issuer", .type = CFG_STRING, .min = 0, .max = 127,
	  .def_str = "", FIELD(notice_issuer),
	  .help_zh = "公示、公告的落款；为空则公示由村委会、公告由乡镇落款",
	  .help_en = "Issuer printed on notices; empty: the village committee for "
		     "公示, the township for 公告" },
	{ .name = "names.object", .type = CFG_STRING, .min = 1, .max = 63,
	  .def_str = "监测对象", FIELD(object_name),
	  .help_zh = "监测的对象在屏幕、公示和台账上的称呼，如“拟纳入监测对象”“监测对象类型”；"
		     "2026 年起的文件称“防止返贫致贫对象”",
	  .help_en = "What the monitored households are called on screens, notices and "
		     "ledgers (拟纳入监测对象, 监测对象类型); the documents of 2026 say "
		     "防止返贫致贫对象" },
	{ .name = "names.object_title", .type = CFG_STRING, .min = 1, .max = 95,
	  .def_str = "防止返贫监测对象", FIELD(object_title),
	  .help_zh = "标题中的全称，如公告“关于防止返贫监测对象审定结果的公告”和走访记录表的表名",
	  .help_en = "The full name in titles: the county announcement and the visit form" },
};
const int cfg_noptions = sizeof cfg_options / sizeof cfg_options[0];

const struct cfg_list_doc cfg_lists[] = {
	{ CFG_L_LINES, "monitoring_lines",
	  "( { year = 2025; yuan = 7300; from = \"2025-03-15\"; }, … )",
	  "year 2000–2100，yuan 1–100000，from 可省略 optional（YYYY-MM-DD，本年或上一年 "
	  "that year or the one before；默认 default 1 月 1 日 January 1），年份不得重复 "
	  "no duplicate year，最多 at most 64",
	  "各年度监测范围（人均纯收入，元/人/年）及其生效日期：某日适用的是已生效的最新一条，"
	  "识别和消除的判定按它进行、并把它记在判定上（以后修改配置不改变已作出的判定）；"
	  "某年未配置时用此前最近一年",
	  "Monitoring line per year (per-capita net income, yuan/person/year) and the date "
	  "it takes effect: on a day the latest line in effect applies; identification and "
	  "elimination are judged against it and keep it with the decision (editing the "
	  "configuration later changes no decision made); a year not listed uses the latest "
	  "earlier year" },
	{ CFG_L_STEP_ROLES, "flow.step_roles", "[ \"village\", \"township\", … ]",
	  "正好 exactly 5 项，每项 each village | township | county",
	  "五个步骤依次由哪一级完成（四眼原则始终适用）",
	  "The role completing each of the five steps, in order (the four-eyes "
	  "rule holds whatever the mapping)" },
	{ CFG_L_DEPARTMENTS, "departments", "[ \"民政\", … ]",
	  "0–64 项 items，每项 each 1–47 字节 bytes，不得重复 no duplicates",
	  "发送筛查预警的行业部门，也用作帮扶措施的责任部门",
	  "Departments that send warning lists; also the responsible departments "
	  "of measures" },
	{ CFG_L_HOLIDAYS, "calendar.holidays", "[ \"2026-01-01\", … ]",
	  "0–128 项 items，每项 each YYYY-MM-DD，不得重复 no duplicates",
	  "法定节假日（放假的日子），按国务院办公厅当年的通知填写；计算线索核实期限等工作日时不计",
	  "Public holidays (days off), from the State Council's notice of the year; not "
	  "counted as working days (lead verification deadlines)" },
	{ CFG_L_WORKDAYS, "calendar.workdays", "[ \"2026-02-14\", … ]",
	  "0–128 项 items，每项 each YYYY-MM-DD，不得重复 no duplicates",
	  "调休上班的周末（补班日），计为工作日",
	  "Weekend days worked in exchange for a holiday (调休), counted as working days" },
	{ CFG_L_FULL_ID_ROLES, "privacy.full_id_roles", "[ \"county\", … ]",
	  "0–4 项 items，每项 each village | township | county | admin",
	  "哪些角色在台账和导出中看到完整身份证号；为空则一律脱敏（前 6 后 4）",
	  "Roles that see full ID numbers in ledgers and exports; empty: masked "
	  "for everyone (first 6 and last 4 shown)" },
	{ CFG_L_IMPORT, "import",
	  "( { name = \"…\"; title = \"…\"; kind = \"leads\"; columns = ( { header = \"…\"; field = \"…\"; }, … ); }, … )",
	  "最多 at most 16 个映射 mappings；name 1–47 字节 bytes，不得重复；title 1–127 字节 bytes，控制台上显示 shown on the console，缺省 default name；"
	  "kind leads | households | visits | assistance | national；columns 1–80 项，header 1–95、field 1–47 字节 bytes",
	  "导入列映射：表头文字 → 字段，一个字段可对应多个表头；配置文件写了 import 就完全取代内置映射",
	  "Import column mappings: header text -> field; several headers may map to "
	  "one field; an import list in the file replaces the built-in mappings" },
	{ CFG_L_TEMPLATES, "templates",
	  "( { name = \"…\"; title = \"…\"; kind = \"households\"; columns = ( { header = \"…\"; field = \"…\"; }, … ); }, … )",
	  "最多 at most 16 个模板 templates；name 1–47、title 0–127 字节 bytes；"
	  "kind households | members | contacts | measures | visits | leads | runs；columns 1–80 项",
	  "导出模板：上级要求的表格列（表头 → 字段，按顺序）和表名；jiance export --template NAME",
	  "Export templates: the columns (header -> field, in order) and sheet title "
	  "the upper level asks for; jiance export --template NAME" },
	{ CFG_L_CODE_RISKS, "codes.risks", "( { code = \"…\"; label = \"…\"; }, … )", "1–40 项 items，code 0–15、label 1–63 字节 bytes，label 不得重复 no duplicates",
	  "致贫/返贫风险（国家代码表 100A27，每户最多 5 项）；须含 因病、因学、因残、因自然灾害",
	  "Risk types (national table 100A27; at most five per household); must hold "
	  "因病, 因学, 因残 and 因自然灾害" },
	{ CFG_L_CODE_DISASTERS, "codes.disasters", "( { code = \"…\"; label = \"…\"; }, … )", "1–40 项 items，code 0–15、label 1–63 字节 bytes，label 不得重复 no duplicates",
	  "因自然灾害子项（100A271）：风险为因自然灾害的户须选一项",
	  "Sub-items of 因自然灾害 (100A271): a household with that risk names one" },
	{ CFG_L_CODE_MEASURES, "codes.measures",
	  "( { code = \"100A39\"; label = \"产业帮扶\"; developmental = true; items = ( { code = \"…\"; label = \"…\"; qualifies = false; }, … ); }, … )",
	  "1–20 个类别 categories，每类 each 1–12 个子项 sub-items；label 1–63 字节 bytes，不得重复；"
	  "developmental、qualifies 可省略 optional（默认 default false、true）",
	  "帮扶措施类别及其子项（100A39–100A55）；每项措施记类别和子项。developmental = true 为开发式类别，"
	  "其中 qualifies = false 的子项（如 其他、技能培训）不算开发式措施",
	  "Measure categories with their sub-items (100A39–100A55); a measure records both. "
	  "developmental = true marks 开发式 categories; their sub-items with qualifies = false "
	  "(e.g. 其他, 技能培训) do not count as 开发式" },
	{ CFG_L_CODE_RELATIONS, "codes.relations", "( { code = \"…\"; label = \"…\"; }, … )", "1–40 项 items，code 0–15、label 1–63 字节 bytes，label 不得重复 no duplicates",
	  "与户主关系（100A08）；须含 户主、配偶", "Relation to the head (100A08); must hold 户主 and 配偶" },
	{ CFG_L_CODE_EDUCATION, "codes.education", "( { code = \"…\"; label = \"…\"; }, … )", "1–40 项 items，code 0–15、label 1–63 字节 bytes，label 不得重复 no duplicates",
	  "文化程度（100A11）", "Education (100A11)" },
	{ CFG_L_CODE_SCHOOLING, "codes.schooling", "( { code = \"…\"; label = \"…\"; }, … )", "1–40 项 items，code 0–15、label 1–63 字节 bytes，label 不得重复 no duplicates",
	  "在校生状况（100A12）", "Schooling (100A12)" },
	{ CFG_L_CODE_HEALTH, "codes.health", "( { code = \"…\"; label = \"…\"; }, … )", "1–40 项 items，code 0–15、label 1–63 字节 bytes，label 不得重复 no duplicates",
	  "健康状况（100A13）；须含 健康、长期慢性病、患有大病、残疾",
	  "Health (100A13); must hold 健康, 长期慢性病, 患有大病 and 残疾" },
	{ CFG_L_CODE_LABOUR, "codes.labour", "( { code = \"…\"; label = \"…\"; }, … )", "1–40 项 items，code 0–15、label 1–63 字节 bytes，label 不得重复 no duplicates",
	  "劳动技能（100A14）；须含 普通劳动力、技能劳动力、丧失劳动力、无劳动力（后两项为无劳动能力）",
	  "Labour skill (100A14); must hold 普通劳动力, 技能劳动力, 丧失劳动力 and 无劳动力 "
	  "(the last two mean no labour capacity)" },
	{ CFG_L_CODE_HH_TYPES, "codes.monitoring_types", "( { code = \"…\"; label = \"…\"; }, … )", "1–40 项 items，code 0–15、label 1–63 字节 bytes，label 不得重复 no duplicates",
	  "监测对象类别（dm_jcdxlb）的代码；标签只能是 脱贫不稳定户、边缘易致贫户、突发严重困难户",
	  "Codes of the monitoring types (dm_jcdxlb); the labels are fixed: 脱贫不稳定户, "
	  "边缘易致贫户, 突发严重困难户" },
	{ CFG_L_CODE_METHODS, "codes.elimination_methods", "( { code = \"…\"; label = \"…\"; }, … )", "1–40 项 items，code 0–15、label 1–63 字节 bytes，label 不得重复 no duplicates",
	  "风险消除方式（dm_fxxcfs）的代码；标签只能是 帮扶消除、自然消除",
	  "Codes of the elimination methods (dm_fxxcfs); the labels are fixed: 帮扶消除, 自然消除" },
	{ CFG_L_RISK_MAP, "quality.risk_measures",
	  "( { risk = \"因病\"; measures = [ \"健康帮扶\", … ]; }, … )",
	  "0–16 项 items，每项 each measures 1–6 个类别 categories（codes.measures 中的）",
	  "缺啥补啥：每种风险须有哪些类别之一的措施（数据疑点，且消除风险前须满足）；不在此列的风险，任一措施均可",
	  "缺啥补啥: the measure categories that answer each risk type (a data-quality "
	  "finding, and needed before elimination); a risk not listed is answered by any measure" },
};
const int cfg_nlists = sizeof cfg_lists / sizeof cfg_lists[0];

const char *const cfg_map_kinds[] = { "leads", "households", "visits", "assistance", "national", NULL };
const char *const cfg_template_kinds[] = {
	"households", "members", "contacts", "measures", "visits", "leads", "runs", NULL
};

/* ---- defaults of the list settings ---- */

/* each from 1 January of its year (cfg_list_defaults sets `from`) */
static const struct cfg_line default_lines[] = {
	{ 2021, 6000, 0 }, { 2022, 6300, 0 }, { 2023, 6600, 0 },
	{ 2024, 7000, 0 }, { 2025, 7300, 0 }, { 2026, 7600, 0 },
};
static const enum role default_steps[5] = {
	ROLE_VILLAGE, ROLE_TOWNSHIP, ROLE_VILLAGE, ROLE_TOWNSHIP, ROLE_COUNTY
};
static const char *const default_departments[] = {
	"民政", "医保", "教育", "住建", "水利", "人社", "卫健", "残联", "应急", "农业农村", NULL
};

struct pair { const char *header, *field; };

/* Header texts as departments and townships write them (issue 14): each
 * field under every name seen on real lists. */
static const struct pair warning_cols[] = {
	{ "身份证号码", "id_no" }, { "公民身份号码", "id_no" }, { "身份证号", "id_no" }, { "证件号码", "id_no" }, { "身份证", "id_no" }, { "证件号", "id_no" }, { "身份证件号码", "id_no" },
	{ "姓名", "name" }, { "户主姓名", "name" }, { "人员姓名", "name" }, { "预警对象", "name" }, { "预警对象姓名", "name" },
	{ "所属乡镇", "township" }, { "乡镇", "township" }, { "乡(镇)", "township" }, { "乡镇(街道)", "township" }, { "所属乡镇(街道)", "township" },
	{ "所属村(社区)", "village" }, { "村(社区)", "village" }, { "村", "village" }, { "行政村", "village" }, { "村居", "village" }, { "所属村", "village" }, { "村名", "village" },
	{ "预警原因", "reason" }, { "原因", "reason" }, { "风险类型", "reason" }, { "预警类型", "reason" }, { "预警内容", "reason" }, { "预警信息", "reason" }, { "风险情况", "reason" }, { "困难情况", "reason" },
	{ "预警日期", "date" }, { "日期", "date" }, { "预警时间", "date" }, { "推送日期", "date" }, { "推送时间", "date" }, { "发现日期", "date" },
	{ "部门", "department" }, { "预警部门", "department" }, { "推送部门", "department" }, { "预警单位", "department" }, { "来源部门", "department" }, { "数据来源", "department" }, { "推送单位", "department" }, { "来源单位", "department" }, { "报送单位", "department" }, { "报送部门", "department" }, { "部门名称", "department" }, { "数据来源部门", "department" },
	{ NULL, NULL }
};
static const struct pair household_cols[] = {
	{ "户编号", "hh_no" },
	{ "姓名", "name" }, { "成员姓名", "name" },
	{ "身份证号码", "id_no" }, { "公民身份号码", "id_no" }, { "证件号码", "id_no" }, { "身份证号", "id_no" },
	{ "与户主关系", "relation" }, { "关系", "relation" },
	{ "所属乡镇", "township" }, { "乡镇", "township" }, { "乡(镇)", "township" },
	{ "所属村(社区)", "village" }, { "村(社区)", "village" }, { "村", "village" }, { "行政村", "village" },
	{ "村民小组", "group" }, { "组", "group" }, { "小组", "group" },
	{ "联系电话", "phone" }, { "电话", "phone" }, { "手机号码", "phone" },
	{ "民族", "ethnicity" },
	{ "监测对象类型", "hh_type" }, { "监测对象类别", "hh_type" },
	{ "是否脱贫户", "is_tuopin" },
	{ "劳动技能", "labour" }, { "劳动能力", "labour" },
	{ "健康状况", "health" },
	{ "文化程度", "education" },
	{ "在校生状况", "schooling" },
	{ "残疾类别", "disability" },
	{ "自然村", "natural_village" },
	{ "住址", "address" }, { "家庭住址", "address" }, { "地址", "address" },
	{ NULL, NULL }
};
static const struct pair visit_cols[] = {
	{ "户编号", "hh_no" },
	{ "户主身份证号", "id_no" }, { "户主身份证号码", "id_no" }, { "身份证号码", "id_no" }, { "证件号码", "id_no" },
	{ "走访日期", "date" }, { "日期", "date" }, { "走访时间", "date" },
	{ "走访情况", "findings" }, { "走访内容", "findings" }, { "情况", "findings" },
	{ "收入变化", "income_change" }, { "收入变化情况", "income_change" },
	{ "新增风险", "new_risks" }, { "新发现风险", "new_risks" },
	{ "三保障及饮水问题", "guarantee_problems" }, { "三保障和饮水安全问题", "guarantee_problems" },
	{ "联系人", "contact" }, { "帮扶联系人", "contact" }, { "走访人", "contact" },
	{ NULL, NULL }
};
/* 民政: who receives social assistance, by ID number (issue 15) */
static const struct pair assistance_cols[] = {
	{ "身份证号码", "id_no" }, { "公民身份号码", "id_no" }, { "证件号码", "id_no" }, { "身份证号", "id_no" },
	{ "姓名", "name" }, { "救助对象姓名", "name" },
	{ "救助类别", "assist_tag" }, { "保障类别", "assist_tag" }, { "救助类型", "assist_tag" },
	{ "对象类别", "assist_tag" }, { "人员类别", "assist_tag" },
	{ NULL, NULL }
};
/* The national system's per-person export (NATIONAL.md §1.2), by its
 * headers; a province's variant is a copy of this mapping, edited. */
static const struct pair national_cols[] = {
	{ "户编号", "nat_no" },
	{ "证件号码", "id_no" },
	{ "身份证号码", "id_no" },
	{ "姓名", "name" },
	{ "与户主关系", "relation" },
	{ "民族", "ethnicity" },
	{ "文化程度", "education" },
	{ "在校生状况", "schooling" },
	{ "健康状况", "health" },
	{ "劳动技能", "labour" },
	{ "家庭成员联系电话", "phone" },
	{ "乡", "township" },
	{ "乡(镇)", "township" },
	{ "村", "village" },
	{ "行政村", "village" },
	{ "户类型", "hh_kind" },
	{ "监测对象类别", "hh_type" },
	{ "户联系电话", "hh_phone" },
	{ "整户无劳动能力兜底保障户", "whole_no_labour" },
	{ "致贫/返贫风险1", "risk1" },
	{ "致贫/返贫风险2", "risk2" },
	{ "致贫/返贫风险3", "risk3" },
	{ "致贫/返贫风险4", "risk4" },
	{ "致贫/返贫风险5", "risk5" },
	{ "因自然灾害子项", "disaster" },
	{ "识别监测时间", "identified" },
	{ "风险是否已消除", "eliminated" },
	{ "消除监测时间", "eliminated_on" },
	{ "风险消除方式", "elim_method" },
	{ "监测联系人", "contact" },
	{ "联系方式", "contact_phone" },
	{ "产业帮扶", "m_industry" },
	{ "就业帮扶", "m_employment" },
	{ "金融帮扶", "m_finance" },
	{ "公益岗位帮扶", "m_public_job" },
	{ "公益性岗位帮扶", "m_public_job" },
	{ "健康帮扶", "m_health" },
	{ "义务教育保障", "m_compulsory" },
	{ "教育帮扶", "m_education" },
	{ "其他教育帮扶", "m_education" },
	{ "综合保障", "m_welfare" },
	{ "社会帮扶", "m_social" },
	{ "住房安全保障", "m_housing" },
	{ "饮水安全保障", "m_water" },
	{ "搬迁", "m_relocation" },
	{ NULL, NULL }
};
static const struct {
	const char *name, *title, *kind;
	const struct pair *cols;
} default_maps[] = {
	{ "warning", "部门预警名单", "leads", warning_cols },
	{ "households", "户和家庭成员表", "households", household_cols },
	{ "visits", "入户走访记录", "visits", visit_cols },
	{ "mingzheng", "民政社会救助名单", "assistance", assistance_cols },
	{ "national", "国家系统监测对象信息", "national", national_cols },
};

void cfg_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;   /* only for built-in data, which fits */
	memset(dst, 0, size);
	memcpy(dst, src, n);
}

int cfg_one_of(const char *s, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(s, *names) == 0)
			return 1;
	return 0;
}

static void default_map(struct cfg_map *m, int i)
{
	cfg_copy(m->name, sizeof m->name, default_maps[i].name);
	cfg_copy(m->title, sizeof m->title, default_maps[i].title);
	cfg_copy(m->kind, sizeof m->kind, default_maps[i].kind);
	m->ncols = 0;
	for (const struct pair *p = default_maps[i].cols; p->header; p++) {
		struct cfg_col *col = &m->cols[m->ncols++];
		cfg_copy(col->header, sizeof col->header, p->header);
		cfg_copy(col->field, sizeof col->field, p->field);
	}
}

void cfg_list_defaults(struct config *c)
{
	c->nlines = sizeof default_lines / sizeof default_lines[0];
	memcpy(c->lines, default_lines, sizeof default_lines);
	for (int i = 0; i < c->nlines; i++)
		c->lines[i].from = date_from_ymd(c->lines[i].year, 1, 1);
	for (int i = 0; i < 5; i++)
		c->step_roles[i] = default_steps[i];
	codes_defaults(c);
	for (c->ndepartments = 0; default_departments[c->ndepartments]; c->ndepartments++)
		cfg_copy(c->departments[c->ndepartments], sizeof c->departments[0],
			 default_departments[c->ndepartments]);
	c->nfull_id_roles = 0;
	c->nmaps = sizeof default_maps / sizeof default_maps[0];
	for (int i = 0; i < c->nmaps; i++)
		default_map(&c->maps[i], i);
	c->ntemplates = 0;
}

/* ---- the reference: `jiance --help-config` and man/jiance.conf.5 ---- */

/* One line of text; for troff, escaped so that it is never a request, and
 * with break points after Chinese commas (groff 1.22 does not break lines
 * of Han text that have no spaces). */
static void put_line(FILE *out, int man, const char *s)
{
	static const char *const commas[] = { "、", "，", "；", NULL };
	const char *start = s;
	if (man && (*s == '.' || *s == '\''))
		fputs("\\&", out);
	while (*s) {
		int comma = 0;
		for (int i = 0; man && commas[i] && !comma; i++)
			comma = strncmp(s, commas[i], strlen(commas[i])) == 0;
		if (comma) {
			fprintf(out, "%.3s\\:", s);   /* each is 3 bytes of UTF-8 */
			s += 3;
			continue;
		}
		if (man && *s == '\\')
			fputs("\\e", out);
		else if (man && *s == '-' && (s == start || s[-1] == ' ' || s[-1] == '-'))
			fputs("\\-", out);     /* an option: --db, not a hyphen */
		else
			fputc(*s, out);
		s++;
	}
	fputc('\n', out);
}

/* An entry: the name, then lines of description. */
static void put_entry(FILE *out, int man, const char *name, const char *const *lines)
{
	if (man) {
		fputs(".TP\n.B ", out);
		put_line(out, 1, name);
	} else {
		fprintf(out, "%s\n", name);
	}
	for (int i = 0; lines[i]; i++) {
		if (man)
			fputs(".br\n", out);   /* the first too: a short tag stays alone */
		if (!man)
			fputs("    ", out);
		put_line(out, man, lines[i]);
	}
	if (!man)
		fputc('\n', out);
}

static void put_heading(FILE *out, int man, int sub, const char *title)
{
	if (man)
		fprintf(out, "%s %s\n", sub ? ".SS" : ".SH", title);
	else
		fprintf(out, "%s\n\n", title);
}

static void option_meta(const struct cfg_option *o, char *buf, size_t n)
{
	if (o->type == CFG_INT)
		snprintf(buf, n, "整数 integer；默认 default %d；范围 range %ld–%ld",
			 o->def_int, o->min, o->max);
	else if (o->type == CFG_BOOL)
		snprintf(buf, n, "布尔值 boolean；默认 default %s", o->def_int ? "true" : "false");
	else if (o->min == o->max)
		snprintf(buf, n, "字符串 string；默认 default \"%s\"；长度 length %ld 字节 bytes",
			 o->def_str, o->min);
	else
		snprintf(buf, n, "字符串 string；默认 default \"%s\"；长度 length %ld–%ld 字节 bytes",
			 o->def_str, o->min, o->max);
}

/* Appends to a joined list, leaving it as it was if full. */
static void join(char *buf, size_t n, const char *sep, const char *item)
{
	size_t len = strlen(buf);
	if (!len)
		sep = "";
	if (len + strlen(sep) + strlen(item) < n)   /* whole or not at all */
		snprintf(buf + len, n - len, "%s%s", sep, item);
}

static void list_default(const struct config *d, enum cfg_list_id id, char *buf, size_t n)
{
	char item[128];
	buf[0] = 0;
	switch (id) {
	case CFG_L_LINES:
		for (int i = 0; i < d->nlines; i++) {
			snprintf(item, sizeof item, "%d: %d", d->lines[i].year, d->lines[i].yuan);
			join(buf, n, ", ", item);
		}
		break;
	case CFG_L_STEP_ROLES:
		for (int i = 0; i < 5; i++)
			join(buf, n, ", ", role_text(d->step_roles[i]));
		break;
	default:
		codes_describe(d, (int)id, buf, n);
		break;
	case CFG_L_DEPARTMENTS:
		for (int i = 0; i < d->ndepartments; i++)
			join(buf, n, "、", d->departments[i]);
		break;
	case CFG_L_HOLIDAYS:
	case CFG_L_WORKDAYS:
		for (int i = 0; i < (id == CFG_L_HOLIDAYS ? d->nholidays : d->nworkdays); i++)
			join(buf, n, ", ", date_fmt(id == CFG_L_HOLIDAYS ? d->holidays[i] :
			                            d->workdays[i], item));
		break;
	case CFG_L_IMPORT:
		for (int i = 0; i < d->nmaps; i++) {
			snprintf(item, sizeof item, "%s %s (%s)", d->maps[i].name, d->maps[i].title,
			         d->maps[i].kind);
			join(buf, n, ", ", item);
		}
		join(buf, n, "", "，见下 see below");
		break;
	case CFG_L_FULL_ID_ROLES:
	case CFG_L_TEMPLATES:
		break;
	}
	if (!buf[0])
		snprintf(buf, n, "空 empty");
}

/* A built-in mapping: one line per field with every header it accepts. */
static void put_map(FILE *out, int man, const struct cfg_map *m)
{
	char kind[64], text[CFG_MAX_COLS][512];
	const char *lines[CFG_MAX_COLS + 2];
	int nl = 0;
	snprintf(kind, sizeof kind, "title %s；kind %s", m->title, m->kind);
	lines[nl++] = kind;
	for (int i = 0; i < m->ncols; i++) {
		int seen = 0;
		for (int j = 0; j < i; j++)
			seen |= strcmp(m->cols[j].field, m->cols[i].field) == 0;
		if (seen)
			continue;
		snprintf(text[nl], sizeof text[nl], "%s ← ", m->cols[i].field);
		for (int j = i; j < m->ncols; j++)
			if (strcmp(m->cols[j].field, m->cols[i].field) == 0)
				join(text[nl], sizeof text[nl], j > i ? "、" : "", m->cols[j].header);
		lines[nl] = text[nl];
		nl++;
	}
	lines[nl] = NULL;
	put_entry(out, man, m->name, lines);
}

static void print_ref(FILE *out, int man)
{
	struct config *d = malloc(sizeof *d);
	if (!d)
		return;
	config_defaults(d);
	put_heading(out, man, 0, man ? "SETTINGS" : "设置 SETTINGS");
	for (int i = 0; i < cfg_noptions; i++) {
		const struct cfg_option *o = &cfg_options[i];
		char meta[256];
		option_meta(o, meta, sizeof meta);
		const char *lines[] = { meta, o->help_zh, o->help_en, NULL };
		put_entry(out, man, o->name, lines);
	}
	put_heading(out, man, 0, man ? "LIST SETTINGS" : "列表设置 LIST SETTINGS");
	for (int i = 0; i < cfg_nlists; i++) {
		const struct cfg_list_doc *l = &cfg_lists[i];
		char def[4096], line[4200];
		list_default(d, l->id, def, sizeof def);
		snprintf(line, sizeof line, "默认 default: %s", def);
		const char *lines[] = { l->form, l->bounds, line, l->help_zh, l->help_en, NULL };
		put_entry(out, man, l->name, lines);
	}
	put_heading(out, man, 1, "内置导入映射 BUILT-IN IMPORT MAPPINGS");
	for (int i = 0; i < d->nmaps; i++)
		put_map(out, man, &d->maps[i]);
	free(d);
}

void config_print_reference(FILE *out)
{
	fputs("jiance.conf 设置参考 / settings reference (libconfig)\n\n", out);
	print_ref(out, 0);
}

void config_print_man(FILE *out)
{
	print_ref(out, 1);
}
