/* The configuration loader: the shipped file, the defaults, and every way a
 * file can be wrong (reported as FILE:LINE), including libconfig 1.5's
 * silent 32-bit wrap of integers without the L suffix. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "config/department.h"
#include "config/config_table.h"

static struct config cfg;   /* large: keep it off the stack */
static struct jerr err;
static char tmp_path[64];

static const char *src_path(const char *rel, char *buf, size_t n)
{
	const char *src = getenv("JIANCE_SRC");
	snprintf(buf, n, "%s%s%s", src ? src : "", src ? "/" : "", rel);
	return buf;
}

/* Writes text to a fresh temporary file; its name is in tmp_path. */
static const char *write_conf(const char *text)
{
	snprintf(tmp_path, sizeof tmp_path, "/tmp/jiance-conf-XXXXXX");
	int fd = mkstemp(tmp_path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return tmp_path;
}

static int load_text(const char *text)
{
	config_defaults(&cfg);
	jerr_clear(&err);
	int rc = config_load(&cfg, write_conf(text), &err);
	unlink(tmp_path);
	return rc;
}

/* The load fails with "TMPFILE:line: ..." and the message contains part. */
static void expect_error(const char *text, int line, const char *part)
{
	assert_int_equal(load_text(text), -1);
	char prefix[96];
	snprintf(prefix, sizeof prefix, "%s:%d: ", tmp_path, line);
	if (strncmp(err.msg, prefix, strlen(prefix)) != 0 || !strstr(err.msg, part))
		fail_msg("expected \"%s...%s\", got \"%s\"", prefix, part, err.msg);
}

static void test_defaults(void **state)
{
	(void)state;
	config_defaults(&cfg);
	assert_string_equal(cfg.db_path, "jiance.db");
	assert_string_equal(cfg.county_name, "彭水苗族土家族自治县");
	assert_string_equal(cfg.county_code, "500243000000");
	assert_int_equal(cfg.posting_days, 5);
	assert_int_equal(cfg.identification_deadline_days, 15);
	assert_int_equal(cfg.min_months_before_elimination, 6);
	assert_int_equal(cfg.measure_grace_days, 30);
	assert_int_equal(cfg.visit_interval_days, 31);
	const enum role steps[5] = { ROLE_VILLAGE, ROLE_TOWNSHIP, ROLE_VILLAGE, ROLE_TOWNSHIP,
	                             ROLE_COUNTY };
	for (int i = 0; i < 5; i++)
		assert_int_equal(cfg.step_roles[i], steps[i]);
	assert_int_equal(config_codes(&cfg, CT_RISK)->n, 11);
	assert_true(config_is_risk(&cfg, "因自然灾害"));
	assert_true(config_is_risk(&cfg, "因安全饮水"));
	assert_false(config_is_risk(&cfg, "未参加基本医疗保险"));   /* jiance's own before schema 10 */
	assert_false(config_is_risk(&cfg, "因懒"));
	assert_int_equal(cfg.codes.ncats, 14);
	assert_int_equal(config_codes(&cfg, CT_RELATION)->n, 28);
	assert_int_equal(config_codes(&cfg, CT_SCHOOLING)->n, 25);
	assert_int_equal(cfg.ndepartments, 10);
	assert_string_equal(cfg.departments[9], "农业农村");
	assert_int_equal(cfg.nlines, 6);
	assert_int_equal(config_line(&cfg, 2021), 6000);
	assert_int_equal(config_line(&cfg, 2026), 7600);
	assert_string_equal(cfg.pdf_font, "Noto Sans CJK SC");
	assert_string_equal(cfg.print_command, "");
	assert_string_equal(cfg.supervision_phones, "");
	assert_int_equal(cfg.nfull_id_roles, 0);
	assert_false(config_role_sees_full_id(&cfg, ROLE_COUNTY));
	assert_false(config_role_sees_full_id(&cfg, ROLE_ADMIN));
	assert_int_equal(cfg.ntemplates, 0);
	assert_string_equal(cfg.path, "");
}

/* The table itself: every default within its own bounds. */
static void test_table_sane(void **state)
{
	(void)state;
	for (int i = 0; i < cfg_noptions; i++) {
		const struct cfg_option *o = &cfg_options[i];
		assert_non_null(o->help_zh);
		assert_non_null(o->help_en);
		if (o->type == CFG_INT) {
			assert_true(o->min <= o->def_int && o->def_int <= o->max);
		} else if (o->type == CFG_STRING) {
			assert_true((size_t)o->max < o->size);
			assert_true(strlen(o->def_str) >= (size_t)o->min);
			assert_true(strlen(o->def_str) <= (size_t)o->max);
		}
	}
}

static void test_default_maps(void **state)
{
	(void)state;
	config_defaults(&cfg);
	const struct cfg_map *w = config_map(&cfg, "warning");
	assert_non_null(w);
	assert_string_equal(w->kind, "leads");
	int ids = 0;
	for (int i = 0; i < w->ncols; i++)
		if (strcmp(w->cols[i].field, "id_no") == 0)
			ids++;
	assert_int_equal(ids, 7);   /* 身份证号码, 公民身份号码, 证件号码 … */
	const struct cfg_map *h = config_map(&cfg, "households");
	assert_non_null(h);
	assert_string_equal(h->kind, "households");
	assert_string_equal(h->cols[0].header, "户编号");
	assert_string_equal(h->cols[0].field, "hh_no");
	const struct cfg_map *v = config_map(&cfg, "visits");
	assert_non_null(v);
	assert_string_equal(v->kind, "visits");
	assert_int_equal(v->ncols, 20);
	assert_null(config_map(&cfg, "nope"));
	/* the console shows titles; a title finds its mapping as the name does */
	assert_string_equal(w->title, "部门预警名单");
	assert_ptr_equal(config_map(&cfg, "户和家庭成员表"), h);
	assert_ptr_equal(config_map(&cfg, "入户走访记录"), v);
}

/* etc/jiance.conf loads and says exactly what the built-in defaults say. */
static void test_shipped_file(void **state)
{
	(void)state;
	static struct config def;
	char path[512];
	config_defaults(&def);
	config_defaults(&cfg);
	cfg.posting_days = 99;      /* must be set back by the file */
	cfg.nmaps = 0;
	int rc = config_load(&cfg, src_path("etc/jiance.conf", path, sizeof path), &err);
	if (rc != 0)
		fail_msg("%s", err.msg);
	assert_string_equal(cfg.path, path);
	assert_int_equal(cfg.posting_days, 5);
	for (int i = 0; i < cfg_noptions; i++) {
		const struct cfg_option *o = &cfg_options[i];
		size_t n = o->type == CFG_STRING ? o->size : sizeof(int);
		if (memcmp((char *)&cfg + o->offset, (char *)&def + o->offset, n) != 0)
			fail_msg("%s differs from its default", o->name);
	}
	assert_memory_equal(cfg.lines, def.lines, sizeof cfg.lines);
	assert_int_equal(cfg.nlines, def.nlines);
	assert_memory_equal(cfg.step_roles, def.step_roles, sizeof cfg.step_roles);
	for (int t = 0; t < CT_COUNT; t++) {
		assert_int_equal(cfg.codes.t[t].n, def.codes.t[t].n);
		assert_memory_equal(cfg.codes.t[t].items, def.codes.t[t].items, sizeof def.codes.t[t].items);
	}
	assert_int_equal(cfg.codes.ncats, def.codes.ncats);
	assert_memory_equal(cfg.codes.cats, def.codes.cats, sizeof cfg.codes.cats);
	assert_int_equal(cfg.codes.nmap, def.codes.nmap);
	assert_memory_equal(cfg.codes.map, def.codes.map, sizeof cfg.codes.map);
	assert_int_equal(cfg.ndepartments, def.ndepartments);
	assert_memory_equal(cfg.departments, def.departments, sizeof cfg.departments);
	assert_int_equal(cfg.nfull_id_roles, 0);
	assert_int_equal(cfg.nmaps, def.nmaps);
	assert_memory_equal(cfg.maps, def.maps, sizeof cfg.maps);
	const struct cfg_template *t = config_template(&cfg, "县级月报");
	assert_non_null(t);
	assert_string_equal(t->kind, "households");
	assert_int_equal(t->ncols, 6);
	assert_string_equal(t->cols[1].header, "户主");
	assert_string_equal(t->cols[1].field, "head_name");
	assert_string_equal(t->cols[5].field, "per_capita_income");
	assert_null(config_template(&cfg, "nope"));
}

static void test_values_applied(void **state)
{
	(void)state;
	assert_int_equal(load_text("flow = { posting_days = 7; step_roles = "
				   "[\"village\", \"village\", \"village\", \"township\", \"county\"]; };\n"
				   "county = { name = \"酉阳土家族苗族自治县\"; code = \"500242000000\"; };\n"
				   "privacy = { full_id_roles = [ \"county\" ]; };\n"), 0);
	assert_int_equal(cfg.posting_days, 7);
	assert_int_equal(cfg.visit_interval_days, 31);    /* untouched: default */
	assert_int_equal(cfg.step_roles[1], ROLE_VILLAGE);
	assert_string_equal(cfg.county_name, "酉阳土家族苗族自治县");
	assert_string_equal(cfg.county_code, "500242000000");
	assert_true(config_role_sees_full_id(&cfg, ROLE_COUNTY));
	assert_false(config_role_sees_full_id(&cfg, ROLE_VILLAGE));
}

static void test_syntax_error(void **state)
{
	(void)state;
	expect_error("flow = {\n  posting_days = 5;\n  visit_interval_days = ;\n};\n",
		     3, "语法错误");
}

static void test_unknown_key(void **state)
{
	(void)state;
	expect_error("flow = {\n  posting_days = 5;\n  postng_days = 6;\n};\n",
		     3, "未知的设置 'flow.postng_days'");
	expect_error("# comment\ncolour = \"red\";\n", 2, "未知的设置 'colour'");
	expect_error("monitoring_lines = (\n  { year = 2025; yuan = 7300; },\n"
		     "  { year = 2026; yuan = 7600; month = 1; }\n);\n",
		     3, "未知的设置 'monitoring_lines[2].month'");
	expect_error("import = ( { name = \"a\"; kind = \"leads\";\n"
		     "  columns = ( { header = \"x\"; field = \"y\"; colour = 1; } ); } );\n",
		     2, "未知的设置 'import[1].columns[1].colour'");
}

static void test_wrong_type(void **state)
{
	(void)state;
	expect_error("\nflow = { posting_days = \"5\"; };\n", 2, "'flow.posting_days' 应为整数");
	expect_error("flow = { posting_days = 5.0; };\n", 1, "应为整数");
	expect_error("county = {\n  name = 5;\n};\n", 2, "'county.name' 应为字符串");
	expect_error("flow = 5;\n", 1, "'flow' 应为组");
	expect_error("codes = { risks = \"因病\"; };\n", 1, "'codes.risks' 应为列表");
	expect_error("codes = { measures = ( { label = \"x\"; developmental = 1;\n"
		     " items = ( { label = \"y\"; } ); } ); };\n", 1, "应为布尔值");
}

static void test_out_of_range(void **state)
{
	(void)state;
	expect_error("flow = {\n  posting_days = 0;\n};\n", 2,
		     "'flow.posting_days' 超出范围 (1–60)");
	expect_error("flow = {\n\n  posting_days = 1000;\n};\n", 3,
		     "'flow.posting_days' 超出范围");
	expect_error("county = { code = \"50024300\"; };\n", 1, "'county.code' 超出范围");
	expect_error("county = { code = \"50024300000X\"; };\n", 1, "12 位数字");
	assert_int_equal(load_text("flow = { posting_days = 60; };\n"), 0);
	assert_int_equal(cfg.posting_days, 60);
}

/* Refused, never cut: 22 Han characters are 66 bytes, over 63. */
static void test_string_too_long(void **state)
{
	(void)state;
	expect_error("county = { name = \"彭水苗族土家族自治县彭水苗族土家族自治县彭水\"; };\n",
		     1, "'county.name' 超出范围");
	assert_int_equal(load_text("county = { name = \"彭水苗族土家族自治县彭水苗族土家族自治县彭\"; };\n"), 0);
	expect_error("notice = { issuer = \"\xb2\xe2\xca\xd4\"; };\n", 1, "UTF-8");
}

/* The log is one file per officer: a path naming one file for all would
 * work for the first officer only (it is created 0600, theirs). */
static void test_log_path_is_per_officer(void **state)
{
	(void)state;
	config_defaults(&cfg);
	assert_string_equal(cfg.log_path, "~/.local/state/jiance/jiance.log");
	expect_error("log = { path = \"/var/log/jiance/jiance.log\"; };\n", 1,
		     "应以 ~/ 开头或含 {login}");
	assert_int_equal(load_text("log = { path = \"/var/log/jiance/{login}.log\"; };\n"), 0);
	assert_string_equal(cfg.log_path, "/var/log/jiance/{login}.log");
	assert_int_equal(load_text("log = { path = \"\"; };\n"), 0);
	assert_string_equal(cfg.log_path, "");
}

/* libconfig 1.5 stores 4300000000 as 5032704 and 4294967301 as 5. */
static void test_wrapped_int(void **state)
{
	(void)state;
	expect_error("flow = { posting_days = 4300000000; };\n", 1, "超出范围");
	expect_error("flow = {\n  visit_interval_days = 4294967301;\n};\n", 2,
		     "'flow.visit_interval_days' 超出范围");
	expect_error("flow = { posting_days = 0x100000005; };\n", 1, "超出范围");
	expect_error("flow = { posting_days =\n 4294967301; };\n", 1, "超出范围");
	expect_error("monitoring_lines = ( { year = 2025; yuan = 5; }, "
		     "{ year = 2026; yuan = 4294967301; } );\n",
		     1, "'monitoring_lines[2].yuan' 超出范围");
	/* a commented-out literal on the same line is not the value */
	assert_int_equal(load_text("flow = { posting_days = 5; }; # posting_days = 4294967301\n"), 0);
}

static void test_int64(void **state)
{
	(void)state;
	expect_error("flow = {\n  posting_days = 4300000000L;\n};\n", 2,
		     "'flow.posting_days' 超出范围");
	expect_error("monitoring_lines = ( { year = 2025L; yuan = 4294974596L; } );\n", 1,
		     "'monitoring_lines[1].yuan' 超出范围");
	/* an L on a small number is harmless: read as 64-bit, in range */
	assert_int_equal(load_text("flow = { posting_days = 7L; };\n"), 0);
	assert_int_equal(cfg.posting_days, 7);
}

static void test_step_roles(void **state)
{
	(void)state;
	expect_error("flow = {\n  step_roles = [ \"village\", \"admin\", \"village\", "
		     "\"township\", \"county\" ];\n};\n",
		     2, "'flow.step_roles[2]' 的值 \"admin\" 无效");
	expect_error("flow = { step_roles = [ \"village\", \"township\" ]; };\n", 1,
		     "'flow.step_roles' 超出范围");
	expect_error("privacy = { full_id_roles = [ \"boss\" ]; };\n", 1, "\"boss\" 无效");
}

static void test_duplicate_year(void **state)
{
	(void)state;
	expect_error("monitoring_lines = (\n  { year = 2025; yuan = 7300; },\n"
		     "  { year = 2025; yuan = 7400; }\n);\n", 3, "2025 重复");
	expect_error("monitoring_lines = ( { year = 1999; yuan = 7300; } );\n", 1,
		     "'monitoring_lines[1].year' 超出范围 (2000–2100)");
	expect_error("monitoring_lines = (\n  { year = 2025; }\n);\n", 2, "缺少 'yuan'");
}

/* A line carries the date it takes effect (one county's 2023 line was
 * issued on 15 March): before it, last year's line applies. */
static void test_line_takes_effect_on_its_date(void **state)
{
	(void)state;
	struct cfg_line ln;
	assert_int_equal(load_text("monitoring_lines = ( { year = 2022; yuan = 6300; },\n"
				   "  { year = 2023; yuan = 7500; from = \"2023-03-15\"; } );\n"), 0);
	assert_int_equal(config_line_at(&cfg, date_from_ymd(2023, 3, 14), &ln), 1);
	assert_int_equal(ln.year, 2022);
	assert_int_equal(ln.yuan, 6300);
	assert_int_equal(config_line_at(&cfg, date_from_ymd(2023, 3, 15), &ln), 1);
	assert_int_equal(ln.year, 2023);
	assert_int_equal(ln.from, date_from_ymd(2023, 3, 15));
	assert_int_equal(config_line_at(&cfg, date_from_ymd(2022, 1, 1), &ln), 1);
	assert_int_equal(ln.from, date_from_ymd(2022, 1, 1));     /* no from: 1 January */
	assert_int_equal(config_line_at(&cfg, date_from_ymd(2021, 12, 31), &ln), 0);
	assert_int_equal(config_line(&cfg, 2023), 7500);         /* a year's line is still its own */
	expect_error("monitoring_lines = (\n  { year = 2023; yuan = 7500; from = \"2021-03-15\"; }\n);\n",
		     2, "应为 2023 年或上一年的日期");
	expect_error("monitoring_lines = ( { year = 2023; yuan = 7500; from = \"3-15\"; } );\n", 1,
		     "'monitoring_lines[1].from' 超出范围");
}

/* The working-day calendar: dates, none twice. */
static void test_calendar_of_holidays_and_workdays(void **state)
{
	(void)state;
	assert_int_equal(load_text("calendar = { holidays = [ \"2026-10-01\", \"2026-10-02\" ];\n"
				   "  workdays = [ \"2026-09-27\" ]; };\n"), 0);
	assert_int_equal(cfg.nholidays, 2);
	assert_int_equal(cfg.workdays[0], date_from_ymd(2026, 9, 27));
	assert_true(config_is_workday(&cfg, date_from_ymd(2026, 9, 27)));   /* a Sunday */
	assert_false(config_is_workday(&cfg, date_from_ymd(2026, 10, 1)));  /* a Thursday */
	expect_error("calendar = {\n  holidays = [ \"2026-02-30\" ];\n};\n", 2, "不是日期");
	expect_error("calendar = { workdays = [ \"2026-09-27\", \"2026-09-27\" ]; };\n", 1, "重复");
	assert_int_equal(load_text("flow = { lead_verify_workdays = 20; };\n"), 0);
	assert_int_equal(cfg.lead_verify_workdays, 20);
}

static void test_config_line(void **state)
{
	(void)state;
	assert_int_equal(load_text("monitoring_lines = ( { year = 2023; yuan = 6600; },\n"
				   "  { year = 2021; yuan = 6000; }, { year = 2025; yuan = 8700; } );\n"), 0);
	assert_int_equal(cfg.nlines, 3);
	assert_int_equal(config_line(&cfg, 2021), 6000);
	assert_int_equal(config_line(&cfg, 2022), 6000);
	assert_int_equal(config_line(&cfg, 2023), 6600);
	assert_int_equal(config_line(&cfg, 2024), 6600);
	assert_int_equal(config_line(&cfg, 2025), 8700);
	assert_int_equal(config_line(&cfg, 2030), 8700);
	assert_int_equal(config_line(&cfg, 2020), 0);
	assert_int_equal(load_text("monitoring_lines = ( );\n"), 0);
	assert_int_equal(config_line(&cfg, 2025), 0);
}

static void test_category(void **state)
{
	(void)state;
	config_defaults(&cfg);
	assert_int_equal(config_category(&cfg, "产业帮扶"), 1);
	assert_int_equal(config_category(&cfg, "就业帮扶"), 1);
	assert_int_equal(config_category(&cfg, "金融帮扶"), 1);
	assert_int_equal(config_category(&cfg, "公益岗位帮扶"), 1);
	assert_int_equal(config_category(&cfg, "健康帮扶"), 0);
	assert_int_equal(config_category(&cfg, "综合保障"), 0);
	assert_int_equal(config_category(&cfg, "发红包"), -1);
	assert_int_equal(config_measure_item(&cfg, "就业帮扶", "技能培训"), 0);
	assert_int_equal(config_measure_item(&cfg, "就业帮扶", "劳务输出"), 1);
	assert_int_equal(config_measure_item(&cfg, "就业帮扶", "护林员"), -1);
	assert_string_equal(config_code_of(&cfg, CT_RELATION, "之兄弟姐妹"), "100A08021");
	assert_string_equal(config_risk_map(&cfg, "因病")->cats[0], "健康帮扶");
	assert_int_equal(load_text("codes = { measures = ( { code = \"X1\"; label = \"光伏\"; developmental = true;\n"
				   "  items = ( { label = \"分红\"; }, { label = \"其他\"; qualifies = false; } ); },\n"
				   "  { label = \"慰问\"; items = ( { label = \"走访慰问\"; } ); } ); };\n"), 0);
	assert_int_equal(cfg.codes.ncats, 2);
	assert_int_equal(config_category(&cfg, "光伏"), 1);
	assert_int_equal(config_category(&cfg, "慰问"), 0);
	assert_int_equal(config_category(&cfg, "产业帮扶"), -1);
	assert_int_equal(config_measure_item(&cfg, "光伏", "其他"), 0);
	assert_null(config_risk_map(&cfg, "因病"));   /* the built-in map lost its categories */
	expect_error("codes = { measures = ( { label = \"a\"; items = ( { label = \"b\"; } ); },\n"
		     " { label = \"a\"; items = ( { label = \"b\"; } ); } ); };\n", 2, "重复");
	expect_error("codes = {\n labour = ( { label = \"普通劳动力\"; },\n { label = \"技能劳动力\"; } ); };\n", 2, "丧失劳动力");
	expect_error("quality = { risk_measures = (\n { risk = \"因病\"; measures = [ \"发红包\" ]; } ); };\n",
		     2, "发红包");
	expect_error("measure_categories = ( );\n", 1, "codes.measures");
}

/* Department names as written stand for the configured one they contain
 * (issue 16); two they could be are refused naming both. */
static void test_department_containment(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	config_defaults(&cfg);
	int yb = config_department(&cfg, "医保", &e);
	assert_true(yb >= 0);
	assert_string_equal(cfg.departments[yb], "医保");
	assert_int_equal(config_department(&cfg, "县医保局", &e), yb);
	assert_int_equal(config_department(&cfg, "医保局", &e), yb);
	assert_int_equal(config_department(&cfg, "县医疗保障局", &e), yb);   /* in order */
	assert_int_equal(config_department(&cfg, "县医保卫健联合办", &e), -2);
	assert_non_null(strstr(e.msg, "医保"));
	assert_non_null(strstr(e.msg, "卫健"));
	assert_string_equal(e.field, "department");
	assert_int_equal(config_department(&cfg, "县气象局", &e), -1);
	assert_non_null(strstr(e.msg, "县气象局"));
	assert_int_equal(config_department(&cfg, "", NULL), -1);
}

static void test_import_and_templates(void **state)
{
	(void)state;
	assert_int_equal(load_text("import = ( { name = \"民政\"; kind = \"leads\";\n"
				   "  columns = ( { header = \"证件号\"; field = \"id_no\"; } ); } );\n"), 0);
	assert_int_equal(cfg.nmaps, 1);             /* replaces the built-in ones */
	assert_null(config_map(&cfg, "warning"));
	assert_string_equal(config_map(&cfg, "民政")->cols[0].header, "证件号");
	assert_string_equal(config_map(&cfg, "民政")->title, "民政");   /* title defaults to name */
	assert_int_equal(load_text("import = ( { name = \"mz\"; title = \"民政低保名单\"; kind = \"leads\";\n"
				   "  columns = ( { header = \"证件号\"; field = \"id_no\"; } ); } );\n"), 0);
	assert_string_equal(config_map(&cfg, "民政低保名单")->name, "mz");
	expect_error("import = ( { name = \"a\";\n kind = \"people\"; columns = "
		     "( { header = \"x\"; field = \"y\"; } ); } );\n", 2,
		     "'import[1].kind' 的值 \"people\" 无效");
	expect_error("import = ( { name = \"a\"; kind = \"leads\"; columns = (\n"
		     "  { header = \"x\"; field = \"y\"; },\n  { header = \"x\"; field = \"z\"; } ); } );\n",
		     3, "\"x\" 重复");
	expect_error("import = ( { name = \"a\"; kind = \"leads\"; } );\n", 1, "缺少 'columns'");
	expect_error("templates = ( { name = \"t\"; kind = \"households\"; columns = ( { header = \"户\"; "
		     "field = \"hh_no\"; } ); },\n { name = \"t\"; kind = \"members\"; columns = "
		     "( { header = \"户\"; field = \"hh_no\"; } ); } );\n", 2, "导出模板 \"t\" 重复");
	assert_int_equal(load_text("templates = ( { name = \"t\"; kind = \"members\"; columns = "
				   "( { header = \"户\"; field = \"hh_no\"; } ); } );\n"), 0);
	assert_string_equal(config_template(&cfg, "t")->title, "t");   /* title defaults to name */
	assert_int_equal(cfg.nmaps, 5);   /* warning, households, visits, mingzheng, national */
}

static void test_missing_file(void **state)
{
	(void)state;
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, "/nonexistent/jiance.conf", &err), -1);
	assert_true(strncmp(err.msg, "/nonexistent/jiance.conf:0: ", 28) == 0);
}

/* @include is resolved beside the including file, not in the working directory. */
static void test_include_beside(void **state)
{
	(void)state;
	char dir[] = "/tmp/jiance-inc-XXXXXX", main_path[64], part_path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(main_path, sizeof main_path, "%s/main.conf", dir);
	snprintf(part_path, sizeof part_path, "%s/part.conf", dir);
	FILE *f = fopen(part_path, "w");
	fputs("flow = {\n  posting_days = 9;\n  bogus = 1;\n};\n", f);
	fclose(f);
	f = fopen(main_path, "w");
	fputs("@include \"part.conf\"\n", f);
	fclose(f);
	config_defaults(&cfg);
	int rc = config_load(&cfg, main_path, &err);
	unlink(part_path);
	unlink(main_path);
	rmdir(dir);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.msg, "part.conf:3: 未知的设置 'flow.bogus'"));
}

static void test_locate(void **state)
{
	(void)state;
	char out[512];
	config_locate(out, sizeof out, "/nowhere/x.conf", "jiance");
	assert_string_equal(out, "/nowhere/x.conf");
	config_locate(out, sizeof out, NULL, "jiance");
	assert_true(out[0] == 0 || access(out, F_OK) == 0);
}

static char *capture(void (*print)(FILE *))
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	print(f);
	fclose(f);
	return buf;
}

/* Every setting, scalar or list, appears in the reference. */
static void test_reference(void **state)
{
	(void)state;
	char *ref = capture(config_print_reference);
	for (int i = 0; i < cfg_noptions; i++)
		if (!strstr(ref, cfg_options[i].name) || !strstr(ref, cfg_options[i].help_en))
			fail_msg("%s missing from the reference", cfg_options[i].name);
	for (int i = 0; i < cfg_nlists; i++)
		assert_non_null(strstr(ref, cfg_lists[i].name));
	assert_non_null(strstr(ref, "默认 default 5；范围 range 1–60"));
	assert_non_null(strstr(ref, "id_no ← 身份证号码、公民身份号码、身份证号、证件号码"));
	free(ref);
}

/* man/jiance.conf.5 holds exactly what config_print_man writes now. */
/* libconfig's scanner exits the program on an @include it cannot read (a
 * folder, an empty name): each is refused with its line instead (make fuzz
 * found it with @include ""). */
static void test_include_that_cannot_be_read_is_refused(void **state)
{
	(void)state;
	expect_error("# a comment\n@include \"\"\n", 2, "@include");
	expect_error("@include \"/tmp\"\n", 1, "不是可读的配置文件");
	expect_error("@include \"/nonexistent/x.conf\"\n", 1, "不是可读的配置文件");
}

static void test_man_page(void **state)
{
	(void)state;
	static const char begin[] = ".\\\" BEGIN GENERATED by config_print_man()\n";
	static const char end[] = ".\\\" END GENERATED\n";
	char path[512];
	FILE *f = fopen(src_path("man/jiance.conf.5", path, sizeof path), "r");
	assert_non_null(f);
	static char page[65536];
	size_t n = fread(page, 1, sizeof page - 1, f);
	fclose(f);
	page[n] = 0;
	char *a = strstr(page, begin), *b = a ? strstr(a, end) : NULL;
	assert_non_null(a);
	assert_non_null(b);
	*b = 0;
	char *man = capture(config_print_man);
	if (strcmp(a + strlen(begin), man) != 0)
		fail_msg("man/jiance.conf.5 is out of date: paste config_print_man()'s output "
			 "between its GENERATED markers");
	free(man);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_table_sane),
		cmocka_unit_test(test_default_maps),
		cmocka_unit_test(test_shipped_file),
		cmocka_unit_test(test_values_applied),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_string_too_long),
		cmocka_unit_test(test_log_path_is_per_officer),
		cmocka_unit_test(test_include_that_cannot_be_read_is_refused),
		cmocka_unit_test(test_wrapped_int),
		cmocka_unit_test(test_int64),
		cmocka_unit_test(test_step_roles),
		cmocka_unit_test(test_duplicate_year),
		cmocka_unit_test(test_config_line),
		cmocka_unit_test(test_category),
		cmocka_unit_test(test_department_containment),
		cmocka_unit_test(test_import_and_templates),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_include_beside),
		cmocka_unit_test(test_locate),
		cmocka_unit_test(test_reference),
		cmocka_unit_test(test_man_page),
		cmocka_unit_test(test_line_takes_effect_on_its_date),
		cmocka_unit_test(test_calendar_of_holidays_and_workdays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
