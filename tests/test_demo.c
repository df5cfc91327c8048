/* `jiance demo`: deterministic for a seed and a day, different for another
 * seed, every status and type present, members whose ID numbers are valid
 * and whose ages fit their relations, histories made through the engine
 * (roles, four eyes, posting days), and a database that passes the
 * integrity check. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/audit.h"
#include "access/session.h"
#include "base/clock.h"
#include "config/config.h"
#include "demo/demo.h"
#include "base/idcard.h"
#include "base/pinyin.h"
#include "store/store.h"
#include "base/vocab.h"

#define N 300
#define DAY date_from_ymd(2026, 11, 23)

static struct config cfg;
static char paths[3][64];
static struct store *dbs[3];          /* seed 7, seed 7 again, seed 8 */
static struct demo_stats stats[3];

static void remove_db(const char *path)
{
	char p[256];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	config_defaults(&cfg);
	for (int i = 0; i < 3; i++) {
		struct jerr e = { 0 };
		struct demo_opts o = { .households = N, .seed = i < 2 ? 7 : 8 };
		snprintf(paths[i], sizeof paths[i], "/tmp/jiance-demo-XXXXXX");
		close(mkstemp(paths[i]));
		unlink(paths[i]);
		dbs[i] = store_open(paths[i], 1, &e);
		assert_non_null(dbs[i]);
		clock_pin(DAY);
		if (demo_generate(dbs[i], &cfg, &o, &stats[i], &e) != 0)
			fail_msg("demo: %s", e.msg);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++) {
		store_close(dbs[i]);
		remove_db(paths[i]);
	}
	pinyin_close();
	return 0;
}

/* ---- a digest of what the demo made, without wall-clock columns ---- */

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (h ^ '\n') * 1099511628211ull;
}

/* every column as text, NULL as '', joined by | (portable: no printf) */
#define C(col) "coalesce(CAST(" col " AS TEXT), '')"
static const char *const digest_sql[] = {
	"SELECT " C("id") " || '|' || " C("hh_no") " || '|' || " C("village_id") " || '|' || "
	  C("group_id") " || '|' || " C("status") " || '|' || " C("hh_type") " || '|' || "
	  C("identified_on") " || '|' || " C("eliminated_on") " || '|' || " C("size") " || '|' || "
	  C("head_name") " || '|' || " C("contact_id") " || '|' || " C("last_visit_on")
	  " || '|' || " C("is_tuopin") " || '|' || " C("whole_no_labour")
	  " FROM households ORDER BY id",
	"SELECT " C("id") " || '|' || " C("household_id") " || '|' || " C("name") " || '|' || "
	  C("id_no") " || '|' || " C("sex") " || '|' || " C("birth") " || '|' || " C("relation")
	  " || '|' || " C("ethnicity") " || '|' || " C("labour") " || '|' || " C("health")
	  " || '|' || " C("active") " FROM members ORDER BY id",
	"SELECT " C("id") " || '|' || " C("household_id") " || '|' || " C("kind") " || '|' || "
	  C("step") " || '|' || " C("state") " || '|' || " C("started_on") " || '|' || "
	  C("closed_on") " || '|' || " C("hh_type") " || '|' || " C("risks") " || '|' || "
	  C("elim_method") " FROM flow_runs ORDER BY id",
	"SELECT " C("id") " || '|' || " C("run_id") " || '|' || " C("step") " || '|' || "
	  C("officer_id") " || '|' || " C("done_on") " || '|' || " C("outcome") " || '|' || "
	  C("back_to") " || '|' || " C("reason") " FROM flow_steps ORDER BY id",
	"SELECT " C("step_id") " || '|' || " C("key") " || '|' || " C("value")
	  " FROM step_data ORDER BY step_id, key",
	"SELECT " C("id") " || '|' || " C("household_id") " || '|' || " C("category") " || '|' || "
	  C("content") " || '|' || " C("start_on") " || '|' || " C("end_on") " || '|' || "
	  C("amount") " || '|' || " C("state") " FROM measures ORDER BY id",
	"SELECT " C("id") " || '|' || " C("household_id") " || '|' || " C("contact_id")
	  " || '|' || " C("visited_on") " || '|' || " C("entered_on") " || '|' || " C("findings")
	  " FROM visits ORDER BY id",
	"SELECT " C("id") " || '|' || " C("household_id") " || '|' || " C("state") " || '|' || "
	  C("created_on") " || '|' || " C("closed_on") " FROM leads ORDER BY id",
	"SELECT " C("household_id") " || '|' || " C("year") " || '|' || " C("wage") " || '|' || "
	  C("business") " || '|' || " C("transfer") " || '|' || " C("business_cost")
	  " FROM incomes ORDER BY household_id, year",
	"SELECT " C("household_id") " || '|' || " C("contact_id") " || '|' || " C("from_on")
	  " || '|' || " C("to_on") " FROM contact_assignments ORDER BY id",
};
#undef C

static uint64_t digest(struct store *db)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < sizeof digest_sql / sizeof digest_sql[0]; i++) {
		struct stmt *st = store_prepd(db, digest_sql[i]);
		assert_non_null(st);
		while (stmt_step(st) == 1)
			h = fnv(h, stmt_text(st, 0));
		stmt_done(st);
	}
	return h;
}

static int64_t count(struct store *db, const char *sql)
{
	struct stmt *st = store_prepd(db, sql);
	assert_non_null(st);
	int64_t n = stmt_step(st) == 1 ? stmt_int(st, 0) : -1;
	stmt_done(st);
	return n;
}

/* ---- tests ---- */

static void test_same_seed_same_database(void **state)
{
	(void)state;
	assert_int_equal(digest(dbs[0]), digest(dbs[1]));
	assert_memory_equal(&stats[0], &stats[1], sizeof stats[0]);
	assert_int_equal(stats[0].households, N);
	assert_int_equal(count(dbs[0], "SELECT count(*) FROM households"), N);
}

static void test_other_seed_other_database(void **state)
{
	(void)state;
	assert_int_not_equal(digest(dbs[0]), digest(dbs[2]));
}

static void test_every_status_and_type_present(void **state)
{
	(void)state;
	for (int i = 0; i < VOCAB_STATUS.n; i++) {
		if (stats[0].status[i] == 0)
			fail_msg("no household is %s", VOCAB_STATUS.items[i]);
	}
	for (int i = 0; i < VOCAB_HH_TYPE.n; i++) {
		struct stmt *st = store_prep(dbs[0], "SELECT count(*) FROM households WHERE hh_type = ?",
		                             "t", VOCAB_HH_TYPE.items[i]);
		assert_int_equal(stmt_step(st), 1);
		if (stmt_int(st, 0) == 0)
			fail_msg("no household of type %s", VOCAB_HH_TYPE.items[i]);
		stmt_done(st);
	}
	/* all three lead channels, and leads merged from two sources */
	assert_int_equal(count(dbs[0], "SELECT count(DISTINCT channel) FROM lead_sources"), 3);
	assert_true(count(dbs[0], "SELECT count(*) FROM (SELECT lead_id FROM lead_sources"
	                          " GROUP BY lead_id HAVING count(*) > 1) AS shared") > 0);
}

static void test_member_ids_valid_and_unique(void **state)
{
	(void)state;
	struct stmt *st = store_prepd(dbs[0], "SELECT id_no, sex, birth FROM members");
	int n = 0;
	while (stmt_step(st) == 1) {
		char norm[20], birth[11];
		struct jerr e = { 0 };
		const char *id = stmt_text(st, 0);
		if (idcard_normalize(id, norm, &e) != 0)
			fail_msg("%s: %s", id, e.msg);
		assert_string_equal(norm, id);
		assert_memory_equal(id, "500243", 6);
		assert_int_equal(idcard_sex(id), stmt_int(st, 1));
		assert_string_equal(date_fmt(idcard_birth(id), birth), stmt_text(st, 2));
		n++;
	}
	stmt_done(st);
	assert_true(n > N);
	assert_int_equal(count(dbs[0], "SELECT count(*) - count(DISTINCT id_no) FROM members"), 0);
}

static void test_one_head_per_household(void **state)
{
	(void)state;
	assert_int_equal(count(dbs[0], "SELECT count(*) FROM households h WHERE (SELECT count(*)"
	                               " FROM members m WHERE m.household_id = h.id AND m.active <> 0"
	                               " AND m.relation = '户主') <> 1"), 0);
	assert_int_equal(count(dbs[0], "SELECT count(*) FROM households h WHERE h.size <>"
	                               " (SELECT count(*) FROM members m WHERE m.household_id = h.id)"), 0);
}

/* birth years, head minus member, by relation */
static void test_ages_fit_relations(void **state)
{
	(void)state;
	static const char *const sql =
		"SELECT m.relation, m.sex, hd.sex, CAST(substr(m.birth, 1, 4) AS INTEGER)"
		" - CAST(substr(hd.birth, 1, 4) AS INTEGER), h.hh_no, m.name"
		" FROM members m JOIN households h ON h.id = m.household_id"
		" JOIN members hd ON hd.household_id = h.id AND hd.relation = '户主'"
		" WHERE m.relation <> '户主'";
	struct stmt *st = store_prepd(dbs[0], sql);
	while (stmt_step(st) == 1) {
		const char *rel = stmt_text(st, 0);
		int younger = (int)stmt_int(st, 3);   /* years the member was born after the head */
		int ok = 1;
		if (!strcmp(rel, "配偶"))
			ok = stmt_int(st, 1) != stmt_int(st, 2) && younger >= -10 && younger <= 10;
		else if (!strcmp(rel, "之子") || !strcmp(rel, "之女"))
			ok = younger >= 19 && younger <= 41;
		else if (!strcmp(rel, "之父") || !strcmp(rel, "之母"))
			ok = younger <= -19;
		else if (!strcmp(rel, "之孙子") || !strcmp(rel, "之孙女"))
			ok = younger >= 39;
		if (!ok)
			fail_msg("%s %s (%s): born %d years after the head", stmt_text(st, 4),
			         stmt_text(st, 5), rel, younger);
	}
	stmt_done(st);
	/* heads 25–80 when registered, give or take the three years of history */
	assert_int_equal(count(dbs[0], "SELECT count(*) FROM members WHERE relation = '户主'"
	                               " AND (birth > '2001-12-31' OR birth < '1940-01-01')"), 0);
}

static void test_integrity_and_nothing_after_today(void **state)
{
	(void)state;
	assert_int_equal(store_integrity(dbs[0], NULL, NULL), 0);
	assert_int_equal(count(dbs[0], "SELECT count(*) FROM (SELECT done_on d FROM flow_steps"
	                               " UNION ALL SELECT visited_on FROM visits UNION ALL SELECT"
	                               " entered_on FROM visits UNION ALL SELECT start_on FROM measures"
	                               " UNION ALL SELECT created_on FROM leads) AS dates WHERE d > '2026-11-23'"), 0);
	/* the clock is unpinned again */
	assert_int_not_equal(clock_today(), JDAY_NONE);
}

/* The histories are the engine's: each step by the role the configuration
 * names, no officer passing two steps in a row, postings of full days. */
static void test_histories_follow_the_rules(void **state)
{
	(void)state;
	struct store *db = dbs[0];
	assert_true(count(db, "SELECT count(*) FROM flow_steps") > N);
	for (int k = 1; k <= 5; k++) {
		struct stmt *st = store_prep(db, "SELECT count(*) FROM flow_steps f JOIN officers o"
		                             " ON o.id = f.officer_id WHERE f.step = ? AND o.role <> ?"
		                             " AND f.reason NOT LIKE '户已注销%'", "it", k,
		                             role_text(cfg.step_roles[k - 1]));
		assert_int_equal(stmt_step(st), 1);
		assert_int_equal(stmt_int(st, 0), 0);
		stmt_done(st);
	}
	assert_int_equal(count(db, "SELECT count(*) FROM flow_steps a JOIN flow_steps b"
	                           " ON b.run_id = a.run_id AND b.step = a.step + 1"
	                           " AND a.outcome = '通过' AND b.officer_id = a.officer_id"
	                           " AND b.id > a.id AND NOT EXISTS (SELECT 1 FROM flow_steps c"
	                           "  WHERE c.run_id = a.run_id AND c.step = a.step AND c.id > a.id"
	                           "  AND c.id < b.id)"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM flow_steps f JOIN postings p"
	                           " ON p.run_id = f.run_id WHERE f.step = 3 AND f.outcome = '通过'"
	                           " AND julianday(f.done_on) - julianday(p.start_on) < 5"), 0);
	/* every step, posting and status change left its audit row */
	assert_int_equal(count(db, "SELECT count(*) FROM flow_steps f WHERE NOT EXISTS (SELECT 1"
	                           " FROM audit a WHERE a.tbl = 'flow_steps' AND a.rec = f.id)"), 0);
	assert_true(count(db, "SELECT count(*) FROM audit WHERE tbl = 'households'"
	                      " AND field = 'status'") > N / 2);
	/* monitored households are followed: most have a contact, a measure, a recent visit */
	assert_true(count(db, "SELECT count(*) FROM households WHERE status = '监测中'"
	                      " AND contact_id IS NOT NULL AND last_visit_on >= '2026-10-01'") >
	            count(db, "SELECT count(*) FROM households WHERE status = '监测中'") / 2);
}

static void test_fixed_households_and_officers(void **state)
{
	(void)state;
	static const char *const heads[] = { "张三丰", "李四", "王五", "欧阳娜娜", "阿依古丽·买买提",
	                                     "单雄信" };
	for (int i = 0; i < 6; i++) {
		struct stmt *st = store_prep(dbs[2], "SELECT count(*) FROM households h"
		                             " JOIN areas v ON v.id = h.village_id"
		                             " JOIN areas t ON t.id = h.township_id"
		                             " WHERE h.head_name = ? AND v.name = '龙阳村'"
		                             " AND t.name = '保家镇'", "t", heads[i]);
		assert_int_equal(stmt_step(st), 1);
		if (stmt_int(st, 0) != 1)
			fail_msg("%s is not in 保家镇龙阳村", heads[i]);
		stmt_done(st);
	}
	/* the same people whatever the seed */
	char a[20] = "", b[20] = "";
	store_text(dbs[0], a, sizeof a, "SELECT m.id_no FROM members m JOIN households h ON"
	           " h.id = m.household_id WHERE h.head_name = '张三丰' AND m.relation = '户主'", "");
	store_text(dbs[2], b, sizeof b, "SELECT m.id_no FROM members m JOIN households h ON"
	           " h.id = m.household_id WHERE h.head_name = '张三丰' AND m.relation = '户主'", "");
	assert_string_equal(a, b);
	static const char *const logins[] = { "demo_admin", "demo_county", "demo_county2", "t101",
	                                      "v101201", "t001", "t218" };
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		struct stmt *st = store_prep(dbs[0], "SELECT count(*) FROM officers WHERE login = ?",
		                             "t", logins[i]);
		assert_int_equal(stmt_step(st), 1);
		if (stmt_int(st, 0) != 1)
			fail_msg("no officer %s", logins[i]);
		stmt_done(st);
	}
	/* the real county: 3 街道, 18 镇, 18 乡, villages of 4–10 groups */
	assert_int_equal(count(dbs[0], "SELECT count(*) FROM areas WHERE level = 2"), 39);
	assert_int_equal(count(dbs[0], "SELECT count(*) FROM areas WHERE level = 2"
	                               " AND name LIKE '%街道'"), 3);
	assert_int_equal(count(dbs[0], "SELECT count(*) FROM areas v WHERE level = 3 AND (SELECT"
	                               " count(*) FROM areas g WHERE g.parent_id = v.id) NOT BETWEEN 4"
	                               " AND 10"), 0);
}

/* The roster stands for the register loaded from the national system when
 * the county started: nothing of it waits to be keyed there again, while
 * the households followed in jiance have their work queued. */
static void test_roster_not_queued_work_is(void **state)
{
	(void)state;
	/* no lead (of the household or naming one of its members), no run */
	const char *roster = "NOT EXISTS (SELECT 1 FROM leads l WHERE l.household_id = h.id)"
	                     " AND NOT EXISTS (SELECT 1 FROM leads l JOIN members m ON m.id_no = l.id_no"
	                     " WHERE m.household_id = h.id)"
	                     " AND NOT EXISTS (SELECT 1 FROM flow_runs r WHERE r.household_id = h.id)";
	char sql[768];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM households h WHERE %s", roster);
	assert_true(count(dbs[2], sql) > 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM upstream u JOIN households h"
	         " ON h.id = u.household_id WHERE %s", roster);
	assert_int_equal(count(dbs[2], sql), 0);
	snprintf(sql, sizeof sql, "SELECT count(DISTINCT u.household_id) FROM upstream u"
	         " JOIN households h ON h.id = u.household_id WHERE NOT (%s)", roster);
	assert_true(count(dbs[2], sql) > N / 2);
	assert_true(count(dbs[2], "SELECT count(*) FROM upstream WHERE what = '收入情况'") > 0);
}

/* The names' search index, built once after the members are in, holds
 * every member, and the audit rows written 64 at a time each carry
 * their time and the two rows of every member's registration. */
static void test_names_indexed_and_audit_whole(void **state)
{
	(void)state;
	assert_int_equal(count(dbs[2], "SELECT count(*) FROM members m WHERE NOT EXISTS"
	                               " (SELECT 1 FROM member_names n WHERE n.rowid = m.id)"), 0);
	assert_int_equal(count(dbs[2], "SELECT count(*) FROM member_names"),
	                 count(dbs[2], "SELECT count(*) FROM members"));
	assert_int_equal(count(dbs[2], "SELECT count(*) FROM member_names WHERE member_names"
	                               " MATCH '张 三 丰'"),
	                 count(dbs[2], "SELECT count(*) FROM members WHERE name = '张三丰'"));
	assert_int_equal(count(dbs[2], "SELECT count(*) FROM audit WHERE NOT (at LIKE '____-__-__ __:%'"
	                               " AND ltrim(substr(at, 1, 4) || substr(at, 6, 2) || substr(at, 9, 2)"
	                               " || substr(at, 12, 2), '0123456789') = '')"), 0);
	assert_int_equal(count(dbs[2], "SELECT count(*) FROM members m WHERE (SELECT count(*)"
	                               " FROM audit a WHERE a.tbl = 'members' AND a.rec = m.id"
	                               " AND a.field IN ('id_no', 'name') AND a.old IS NULL) <> 2"), 0);
}

/* Gathered audit rows go in as written one by one: same ids, same order,
 * the same values, the last ones (fewer than a full statement) too. */
static void test_audit_gathered_as_written(void **state)
{
	(void)state;
	struct store *db[2];
	char path[2][64];
	for (int k = 0; k < 2; k++) {
		struct jerr e = { 0 };
		snprintf(path[k], sizeof path[k], "/tmp/jiance-audit-XXXXXX");
		close(mkstemp(path[k]));
		unlink(path[k]);
		assert_non_null(db[k] = store_open(path[k], 1, &e));
		struct session s = { .db = db[k] };
		s.me.id = 0;
		if (k)
			audit_gather(db[k]);
		for (int i = 0; i < 150; i++) {
			char v[16];
			snprintf(v, sizeof v, "%d", i);
			audit_write(&s, "members", i, i % 7, i % 3 ? "name" : NULL, i % 2 ? v : NULL, v);
		}
		if (k)
			assert_int_equal(audit_gather_end(), 0);
	}
	/* old NULL and old '' told apart, as quote() did */
	const char *rows = "SELECT group_concat(r, ';') FROM (SELECT id || '|' || tbl || '|' || rec"
	                   " || '|' || coalesce(field, '') || '|' || CASE WHEN old IS NULL THEN 'NULL'"
	                   " ELSE '''' || old || '''' END || '|' || coalesce(new, '') || '|'"
	                   " || coalesce(CAST(household_id AS TEXT), '') AS r FROM audit ORDER BY id) AS a";
	char a[16384] = "", b[16384] = "";
	store_text(db[0], a, sizeof a, rows, "");
	store_text(db[1], b, sizeof b, rows, "");
	assert_true(strlen(a) > 150 * 10);
	assert_string_equal(a, b);
	for (int k = 0; k < 2; k++) {
		store_close(db[k]);
		remove_db(path[k]);
	}
}

/* A county whose villages also run the cross-check (steps 1–3 village):
 * four eyes needs a second village officer, and the demo makes one. */
static void test_other_step_roles(void **state)
{
	(void)state;
	struct config c2 = cfg;
	char path[64];
	struct jerr e = { 0 };
	struct demo_stats st;
	struct demo_opts o = { .households = 60, .seed = 3 };
	c2.step_roles[1] = ROLE_VILLAGE;
	snprintf(path, sizeof path, "/tmp/jiance-demo-XXXXXX");
	close(mkstemp(path));
	unlink(path);
	struct store *db = store_open(path, 1, &e);
	assert_non_null(db);
	clock_pin(DAY);
	if (demo_generate(db, &c2, &o, &st, &e) != 0)
		fail_msg("demo: %s", e.msg);
	assert_int_equal(count(db, "SELECT count(*) FROM officers WHERE login = 'v101201b'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM flow_steps f JOIN officers o"
	                           " ON o.id = f.officer_id WHERE f.step = 2 AND o.role <> 'village'"), 0);
	assert_true(count(db, "SELECT count(*) FROM flow_steps WHERE step = 2") > 0);
	store_close(db);
	remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_database),
		cmocka_unit_test(test_other_seed_other_database),
		cmocka_unit_test(test_every_status_and_type_present),
		cmocka_unit_test(test_member_ids_valid_and_unique),
		cmocka_unit_test(test_one_head_per_household),
		cmocka_unit_test(test_ages_fit_relations),
		cmocka_unit_test(test_integrity_and_nothing_after_today),
		cmocka_unit_test(test_histories_follow_the_rules),
		cmocka_unit_test(test_fixed_households_and_officers),
		cmocka_unit_test(test_other_step_roles),
		cmocka_unit_test(test_roster_not_queued_work_is),
		cmocka_unit_test(test_names_indexed_and_audit_whole),
		cmocka_unit_test(test_audit_gathered_as_written),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
