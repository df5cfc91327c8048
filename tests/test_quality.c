/* The data-quality rules (数据疑点, issue 15): each rule with a household that
 * breaks it and one that does not; 缺啥补啥 refusing elimination; `jiance
 * check --rule` agreeing with `jiance check`; a database from before
 * schema 10 keeping its measures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assist/assist.h"
#include "fixture.h"
#include "flow/flow.h"
#include "flow/quality.h"
#include "flow/snapshot.h"
#include "register/household.h"
#include "runbin.h"
#include "store/schema.h"
#include "store/store.h"

static struct fixture F;

#define SIX_MONTHS date_from_ymd(2026, 7, 11)

static int setup(void **state)
{
	(void)state;
	fixture_open(&F, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fixture_close(&F);
	return 0;
}

static void add_measure(int64_t hh, const char *category, const char *item)
{
	struct jerr e = { 0 };
	struct measure m = { .household_id = hh, .amount = -1 };
	snprintf(m.category, sizeof m.category, "%s", category);
	snprintf(m.item, sizeof m.item, "%s", item);
	snprintf(m.content, sizeof m.content, "落实%s", category);
	snprintf(m.start_on, sizeof m.start_on, "2026-01-20");
	if (measure_save(&F.v1a, &m, &e) != 0)
		fail_msg("%s", e.msg);
}

/* A monitored household (因病) that breaks no rule: a head who works, a
 * wife with a long illness, a health and a 开发式 measure, all insured. */
static int64_t clean(void)
{
	int64_t hh = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	fixture_member(&F, hh, "李梅", "配偶", 2, "普通劳动力");
	store_exec(F.db, "UPDATE members SET health = '长期慢性病' WHERE household_id = ?"
	           " AND relation = '配偶'", "l", hh);
	fixture_identify(&F, hh, FIXTURE_DAY);
	clock_pin(date_from_ymd(2026, 1, 20));
	add_measure(hh, "健康帮扶", "医疗救助");
	add_measure(hh, "产业帮扶", "养殖业");
	return hh;
}

/* Eliminated on 2026-07-01 by 帮扶消除, with the snapshot taken then as
 * the identification run's (its line kept) with the values given. */
#define ELIMINATED "UPDATE households SET status = '风险已消除', eliminated_on = '2026-07-01'," \
	" elim_method = '帮扶消除' WHERE id = ?1; INSERT INTO run_snapshots(run_id, household_id," \
	" kind, taken_on, year, size, has_income, per_capita, g_edu, g_med, g_house, g_water)" \
	" SELECT max(id), ?1, '风险消除', '2026-07-01', 2026, 2, 1, "
#define SNAP_END " FROM flow_runs WHERE household_id = ?1 ON CONFLICT(run_id) DO UPDATE SET" \
	" household_id = excluded.household_id, kind = excluded.kind, taken_on = excluded.taken_on," \
	" year = excluded.year, size = excluded.size, has_income = excluded.has_income," \
	" per_capita = excluded.per_capita, g_edu = excluded.g_edu, g_med = excluded.g_med," \
	" g_house = excluded.g_house, g_water = excluded.g_water"
#define SPOUSE(set) "UPDATE members SET " set " WHERE household_id = ?1 AND relation = '配偶'"
#define RISK(r) "INSERT INTO household_risks(household_id, ord, risk) VALUES (?1, 2, '" r "')"

static const struct { const char *code, *sql; } cases[] = {
	{ "5_18_001", "DELETE FROM measures WHERE household_id = ?1 AND category = '健康帮扶'" },
	{ "5_18_002", RISK("因学") },
	{ "5_18_003", RISK("因残") },
	{ "5_18_004", RISK("因安全住房") },
	{ "5_18_006", RISK("因安全饮水") },
	{ "JC-01", RISK("因务工就业不稳") },
	{ "5_18_005", "UPDATE households SET g_edu = 0 WHERE id = ?1" },
	{ "5_18_007", SPOUSE("ins_medical = 0") "; DELETE FROM measures WHERE household_id = ?1"
	  " AND category = '健康帮扶'" },
	{ "5_12_011", "UPDATE measures SET item = '其他（如光伏收益补贴等）', developmental = 0"
	  " WHERE household_id = ?1 AND category = '产业帮扶'" },
	{ "JC-02", "UPDATE measures SET item = '' WHERE household_id = ?1 AND category = '产业帮扶'" },
	{ "JC-03", "UPDATE members SET labour = '无劳动力' WHERE household_id = ?1" },
	{ "2_11_005", RISK("因自然灾害") },
	{ "2_11_001", RISK("因残") },
	{ "5_15_015", SPOUSE("health = '健康'") },
	{ "4_11_009", RISK("缺劳动力") },
	{ "4_11_006", "UPDATE households SET g_water = 0 WHERE id = ?1" },
	{ "4_11_007", SPOUSE("ins_medical = 0") "; UPDATE household_risks SET risk = '其他'"
	  " WHERE household_id = ?1" },
	{ "JC-07", "UPDATE household_risks SET risk = '未参加基本医疗保险' WHERE household_id = ?1" },
	{ "1_11_001", "DELETE FROM household_risks WHERE household_id = ?1" },
	{ "1_11_010", "DELETE FROM measures WHERE household_id = ?1" },
	{ "1_11_009", "DELETE FROM measures WHERE household_id = ?1; " ELIMINATED
	  "100000000, 1, 1, 1, 1" SNAP_END },
	{ "1_11_005", ELIMINATED "100000000, 0, 1, 1, 1" SNAP_END },
	{ "1_02_008", ELIMINATED "100000000, 1, 1, 0, 1" SNAP_END },
	{ "1_02_009", ELIMINATED "100000000, 1, 1, 1, 0" SNAP_END },
	{ "4_11_010", ELIMINATED "100, 1, 1, 1, 1" SNAP_END },
	{ "3_11_001", "UPDATE members SET relation = '之兄弟姐妹' WHERE household_id = ?1"
	  " AND relation = '户主'" },
	{ "3_11_002", SPOUSE("relation = '户主'") },
	{ "2_02_001", SPOUSE("sex = 1") },
	{ "2_01_004", SPOUSE("relation = '之子'") },
	{ "2_12_014", SPOUSE("birth = '2015-03-01'") },
	{ "5_12_014", SPOUSE("schooling = '小学', education = ''") },
	{ "5_12_015", SPOUSE("schooling = '八年级', education = ''") },
	{ "JC-04", SPOUSE("education = '中专'") },
	{ "JC-05", "UPDATE households SET g_med = 0 WHERE id = ?1" },
	{ "JC-06", SPOUSE("birth = '2016-05-01', schooling = '', education = '', labour = '无劳动力'") },
};
#define NCASES ((int)(sizeof cases / sizeof cases[0]))

static int lists(const struct quality_rule *r, int64_t hh)
{
	struct quality_hit hits[64];
	int n = quality_list(&F.ca, r, 0, hits, 64);
	for (int i = 0; i < n; i++)
		if (hits[i].household_id == hh)
			return 1;
	return 0;
}

static int breaks(int64_t hh, const char *code)
{
	int idx[64], n = quality_of(&F.ca, hh, idx, 64);
	for (int i = 0; i < n; i++)
		if (!strcmp(quality_rule_at(idx[i])->code, code))
			return 1;
	return 0;
}

/* Every rule of the table has a case here, and each case breaks its rule
 * in one household and not in its clean twin. */
static void test_each_rule_breaking_and_not(void **state)
{
	(void)state;
	assert_int_equal(quality_count(), NCASES);
	for (int i = 0; i < NCASES; i++) {
		const struct quality_rule *r = quality_find(cases[i].code);
		if (!r)
			fail_msg("no rule %s", cases[i].code);
		assert_ptr_equal(r, quality_rule_at(i));
		int64_t bad = clean(), good = clean();
		clock_pin(SIX_MONTHS);
		int idx[64];
		if (quality_of(&F.ca, good, idx, 64) != 0)
			fail_msg("%s: the clean household breaks %s", cases[i].code,
			         quality_rule_at(idx[0])->code);
		char *sql = strdup(cases[i].sql), *one = sql, *semi;
		do {       /* one statement at a time */
			semi = strchr(one, ';');
			if (semi)
				*semi = 0;
			/* run-time SQL: store_prepd (store_exec keys statements by address) */
			struct stmt *st = store_prepd(F.db, one);
			if (!st)
				fail_msg("%s: %s", cases[i].code, store_errmsg(F.db));
			stmt_bind_int(st, 1, bad);
			int rc;
			while ((rc = stmt_step(st)) == 1)
				;
			stmt_done(st);
			if (rc != 0)
				fail_msg("%s: %s", cases[i].code, store_errmsg(F.db));
			one = semi ? semi + 1 : NULL;
		} while (one);
		free(sql);
		if (!lists(r, bad) || !breaks(bad, r->code))
			fail_msg("%s does not find the household that breaks it", r->code);
		if (lists(r, good) || breaks(good, r->code))
			fail_msg("%s finds the household that does not break it", r->code);
	}
}

/* The count of a rule is the number of households it lists. */
static void test_counts_are_the_lists(void **state)
{
	(void)state;
	int64_t hh = clean();
	store_exec(F.db, "UPDATE households SET g_med = 0 WHERE id = ?", "l", hh);
	int64_t counts[64];
	struct quality_hit hits[64];
	clock_pin(SIX_MONTHS);
	assert_int_equal(quality_counts(&F.ca, counts), 0);
	for (int i = 0; i < quality_count(); i++)
		assert_int_equal(counts[i], quality_list(&F.ca, quality_rule_at(i), 0, hits, 64));
	assert_int_equal(counts[quality_find("JC-05") - quality_rule_at(0)], 1);
	assert_int_equal(quality_households(&F.ca), 1);
	/* a village officer of the other village sees none of it */
	assert_int_equal(quality_households(&F.v2), 0);
}

/* 缺啥补啥 where elimination is decided: a 因病 household without a health
 * measure is refused, at the start and again at step 5, naming 因病. */
static void test_elimination_needs_a_health_measure(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run, hh = fixture_household(&F, F.village1, "王五", 0, "普通劳动力");
	fixture_identify(&F, hh, FIXTURE_DAY);
	clock_pin(SIX_MONTHS);
	fixture_ready(&F, hh);
	store_exec(F.db, "DELETE FROM measures WHERE household_id = ? AND category = '健康帮扶'",
	           "l", hh);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 1);
	assert_non_null(strstr(e.msg, "风险“因病”没有对应的帮扶措施"));
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), -1);
	assert_non_null(strstr(e.msg, "因病"));
	add_measure(hh, "社会帮扶", "社会捐助");     /* 社会帮扶 answers 因病 too */
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 0);
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), 0);
	fixture_drive(&F, run, 5);
	store_exec(F.db, "DELETE FROM measures WHERE household_id = ? AND category = '社会帮扶'",
	           "l", hh);
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 1,
	                         .keys = { "decision" }, .values = { "同意" } };
	assert_int_equal(flow_complete(&F.ca, run, &in, &e), -1);
	assert_non_null(strstr(e.msg, "因病"));
}

/* Both decisions keep the household as found: income with 理赔收入 and the
 * four guarantees, at identification and at elimination. */
static void test_snapshots_at_both_decisions(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct snapshot sn;
	int64_t run, hh = fixture_household(&F, F.village1, "赵六", 0, "普通劳动力");
	fixture_identify(&F, hh, FIXTURE_DAY);
	assert_int_equal(snapshot_get(&F.v1a, hh, "识别纳入", &sn), 1);
	assert_int_equal(sn.has_income, 0);
	clock_pin(SIX_MONTHS);
	fixture_ready(&F, hh);
	struct income in;
	assert_int_equal(income_get(&F.v1a, hh, 2026, &in), 1);
	in.claims = 123400;
	assert_int_equal(income_save(&F.v1a, &in, &e), 0);
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), 0);
	fixture_drive(&F, run, 6);
	assert_int_equal(snapshot_get(&F.v1a, hh, "风险消除", &sn), 1);
	assert_int_equal(sn.has_income, 1);
	assert_int_equal(sn.in.claims, 123400);
	assert_int_equal(sn.in.wage, in.wage);
	assert_int_equal(sn.g_house, 1);
	/* what changes later does not change what was found */
	store_exec(F.db, "UPDATE households SET g_house = 0 WHERE id = ?", "l", hh);
	assert_int_equal(snapshot_get(&F.v1a, hh, "风险消除", &sn), 1);
	assert_int_equal(sn.g_house, 1);
	assert_int_equal(snapshot_get(&F.v1a, hh, "识别纳入", &sn), 1);
}

/* A run's snapshot taken again is the household as it is now, still one
 * row for the run (it replaced the first, on SQLite and PostgreSQL). */
static void test_snapshot_taken_again_replaces(void **state)
{
	(void)state;
	struct snapshot sn;
	int64_t hh = fixture_household(&F, F.village1, "钱七", 0, "普通劳动力");
	fixture_identify(&F, hh, FIXTURE_DAY);
	assert_int_equal(snapshot_get(&F.v1a, hh, "识别纳入", &sn), 1);
	int64_t run = sn.run_id;
	assert_int_equal(sn.g_house, 1);
	store_exec(F.db, "UPDATE households SET g_house = 0, g_water = 0 WHERE id = ?", "l", hh);
	assert_int_equal(snapshot_take(&F.v1a, run, hh, "识别纳入", "2026-02-03"), 0);
	assert_int_equal(snapshot_get(&F.v1a, hh, "识别纳入", &sn), 1);
	assert_int_equal(sn.run_id, run);
	assert_string_equal(sn.taken_on, "2026-02-03");
	assert_int_equal(sn.g_house, 0);
	assert_int_equal(sn.g_water, 0);
	assert_int_equal(store_int(F.db, -1, "SELECT count(*) FROM run_snapshots WHERE run_id = ?",
	                           "l", run), 1);
}

/* A database at the schema before 10, with measures, migrates: its
 * measures stay, mapped to the national categories, and those without a
 * sub-item are listed for completion. */
static void test_migrated_measures_kept(void **state)
{
	(void)state;
	char path[] = "/tmp/jiance-quality-XXXXXX";
	int fd = mkstemp(path);
	struct jerr e = { 0 };
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	int before = 0;           /* the schema as it was before 010_national_codes */
	while (before < schema_version && strcmp(schema_migrations[before].name, "010_national_codes.sql"))
		before++;
	assert_true(before < schema_version);
	struct store *db = store_open_upto(path, 1, before, &e);
	assert_non_null(db);
	assert_int_equal(store_exec(db, "INSERT INTO areas(id, code, name, level) VALUES"
	                            " (1, '500243000000', '县', 1)", ""), 0);
	assert_int_equal(store_exec(db, "INSERT INTO households(id, hh_no, county_id, township_id,"
	                            " village_id, status) VALUES (1, 'A1', 1, 1, 1, '监测中')", ""), 0);
	static const char *const old[] = { "产业帮扶", "金融帮扶(小额信贷)", "临时救助", "公益岗位" };
	for (int i = 0; i < 4; i++)
		assert_int_equal(store_exec(db, "INSERT INTO measures(household_id, category,"
		                            " developmental, content, start_on, entered_on)"
		                            " VALUES (1, ?, ?, '旧措施', '2025-03-01', '2025-03-01')",
		                            "ti", old[i], i != 2), 0);
	store_close(db);
	db = store_open(path, 0, &e);
	assert_non_null(db);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM measures", ""), 4);
	char got[256] = "";
	store_text(db, got, sizeof got, "SELECT group_concat(category || ':' || item || ':'"
	           " || developmental, ' ') FROM (SELECT * FROM measures ORDER BY id)", "");
	assert_string_equal(got, "产业帮扶::1 金融帮扶:小额信贷:1 综合保障:临时救助:0 公益岗位帮扶::1");
	store_close(db);
	unlink(path);
}

/* jiance --db db --as demo_county check ARGS on the demo's day: all it printed
 * (more than struct ran holds) and its exit status. */
static int check_out(const char *db, const char *args, char *out, size_t n)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "JIANCE_TODAY=2026-05-20 '%s' --db '%s' --as demo_county check %s"
	         " 2>&1", runbin_path(), db, args);
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	size_t len = fread(out, 1, n - 1, f);
	out[len] = 0;
	return pclose(f);
}

/* `jiance check` lists every rule with its code and count, and `--rule`
 * lists exactly that many households. */
static void test_check_rule_agrees_with_check(void **state)
{
	(void)state;
	char db[] = "/tmp/jiance-qcheck-XXXXXX", args[64];
	static char out[64 * 1024], list[256 * 1024];
	int fd = mkstemp(db);
	assert_true(fd >= 0);
	close(fd);
	unlink(db);
	runbin_demo(db);
	assert_int_equal(check_out(db, "", out, sizeof out), 0);
	int nonzero = 0;
	for (int i = 0; i < quality_count(); i++) {
		const struct quality_rule *q = quality_rule_at(i);
		char key[32], total[48];
		snprintf(key, sizeof key, "  %-9s ", q->code);
		const char *at = strstr(out, key);
		if (!at)
			fail_msg("jiance check does not list %s", q->code);
		long n = strtol(at + strlen(key), NULL, 10);
		nonzero += n > 0;
		snprintf(args, sizeof args, "--rule %s", q->code);
		assert_int_equal(check_out(db, args, list, sizeof list), 0);
		snprintf(total, sizeof total, "共 %ld 户", n);
		long lines = 0;
		for (const char *c = list; *c; c++)
			lines += *c == '\n';
		if (!strstr(list, total) || lines != n + 3)   /* title, heading, households, total */
			fail_msg("%s: check says %ld, --rule printed %ld lines", q->code, n, lines);
	}
	assert_true(nonzero >= 8);     /* the demo leaves findings of many kinds */
	assert_int_not_equal(check_out(db, "--rule 9_99", list, sizeof list), 0);
	assert_non_null(strstr(list, "9_99"));
	unlink(db);
}

/* Households with a measure lacking its sub-item, counted from `jiance
 * export measures` (column 帮扶措施子项 empty), are the households `jiance
 * check --rule JC-02` lists: the rule and the export agree. */
static void test_rule_count_agrees_with_the_export(void **state)
{
	(void)state;
	char db[] = "/tmp/jiance-qexport-XXXXXX", cmd[512], line[2048];
	static char list[256 * 1024];
	int fd = mkstemp(db);
	assert_true(fd >= 0);
	close(fd);
	unlink(db);
	runbin_demo(db);
	struct jerr e = { 0 };
	struct store *st = store_open(db, 0, &e);
	assert_non_null(st);      /* measures brought in before sub-items existed */
	assert_int_equal(store_exec(st, "UPDATE measures SET item = '' WHERE id IN (SELECT id FROM"
	                            " measures ORDER BY id LIMIT 7)", ""), 0);
	store_close(st);
	snprintf(cmd, sizeof cmd, "JIANCE_TODAY=2026-05-20 '%s' --db '%s' --as demo_county export measures",
	         runbin_path(), db);
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	char seen[64][32];
	int nseen = 0;
	assert_non_null(fgets(line, sizeof line, f));       /* the heading */
	assert_non_null(strstr(line, "帮扶措施子项"));
	while (fgets(line, sizeof line, f)) {
		char no[32] = "", *c = line, *fields[12];
		int nf = 0;
		for (char *q; nf < 12 && (q = strstr(c, "\",\"")); c = q + 3) {
			*q = 0;                   /* "a","b": the cells between the quotes */
			fields[nf++] = c;
		}
		if (nf < 5 || fields[4][0])   /* 帮扶措施子项 is the fifth */
			continue;
		sscanf(fields[0], "%*[^0-9]%31[0-9]", no);
		int known = 0;
		for (int i = 0; i < nseen; i++)
			known |= !strcmp(seen[i], no);
		if (!known && nseen < 64)
			snprintf(seen[nseen++], sizeof seen[0], "%s", no);
	}
	pclose(f);
	assert_true(nseen > 0);
	char total[48];
	snprintf(total, sizeof total, "共 %d 户", nseen);
	assert_int_equal(check_out(db, "--rule JC-02", list, sizeof list), 0);
	if (!strstr(list, total))
		fail_msg("the export has %d households without a sub-item; --rule JC-02 said:\n%s", nseen, list);
	for (int i = 0; i < nseen; i++)
		if (!strstr(list, seen[i]))
			fail_msg("%s is in the export without a sub-item, not in --rule JC-02", seen[i]);
	unlink(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_each_rule_breaking_and_not, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_are_the_lists, setup, teardown),
		cmocka_unit_test(test_rule_count_agrees_with_the_export),
		cmocka_unit_test_setup_teardown(test_elimination_needs_a_health_measure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshots_at_both_decisions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_taken_again_replaces, setup, teardown),
		cmocka_unit_test(test_migrated_measures_kept),
		cmocka_unit_test(test_check_rule_agrees_with_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
