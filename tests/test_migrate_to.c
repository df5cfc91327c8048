/* `jiance migrate-to URL` (issue 17, part 4): a county's SQLite database
 * moved into a PostgreSQL database that may hold other counties.  Needs a
 * server: JIANCE_TEST_PG (make check-pg); without it the tests that move
 * skip, and only the catalog on SQLite is tested. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/area.h"
#include "access/history.h"
#include "access/officer.h"
#include "base/clock.h"
#include "base/idcard.h"
#include "flow/lead.h"
#include "register/household.h"
#include "runbin.h"
#include "testdb.h"

static char dir[] = "/tmp/jiance-mt-XXXXXX";
static char county_a[300], county_b[300];   /* SQLite files, made once */

/* ---- county B: 酉阳 (500242), built through the domain functions ---- */

struct county { struct store *db; struct config cfg; int64_t area[5]; int next_id; };

static void ok(int rc, const struct jerr *e, const char *what)
{
	if (rc != 0)
		fail_msg("%s: %s", what, e->msg);
}

static void id_no(struct county *c, int year, int sex, char out[20])
{
	char first[18];
	unsigned seq = (unsigned)(c->next_id++ * 2 + (sex == 1)) % 1000u;
	snprintf(first, sizeof first, "500242%04u0612%03u", (unsigned)year % 10000u, seq);
	snprintf(out, 20, "%s%c", first, idcard_check_digit(first));
}

/* hh_no "" takes the next number */
static int64_t household(struct county *c, struct session *v, const char *hh_no, const char *head,
                         const char *spouse)
{
	struct household h;
	struct member m;
	struct jerr e = { 0 };
	household_init(&h);
	h.village_id = c->area[2];
	h.group_id = c->area[3];
	snprintf(h.hh_no, sizeof h.hh_no, "%s", hh_no);
	if (!*hh_no)
		ok(household_next_no(v, h.village_id, h.hh_no, sizeof h.hh_no), &e, "hh_no");
	member_init(&m);
	snprintf(m.name, sizeof m.name, "%s", head);
	id_no(c, 1968, 1, m.id_no);
	ok(household_create(v, &h, &m, &e), &e, "household");
	struct member w;
	member_init(&w);
	w.household_id = h.id;
	snprintf(w.name, sizeof w.name, "%s", spouse);
	snprintf(w.relation, sizeof w.relation, "配偶");
	id_no(c, 1970, 2, w.id_no);
	ok(member_add(v, &w, &e), &e, "member");
	return h.id;
}

static void make_county_b(const char *path)
{
	struct county c = { .next_id = 1 };
	struct jerr e = { 0 };
	config_defaults(&c.cfg);
	c.db = store_open(path, 1, &e);
	assert_non_null(c.db);
	struct session sys = { .db = c.db, .cfg = &c.cfg }, v;
	static const char *codes[] = { "500242000000", "500242100000", "500242100201",
	                               "500242100201001", "500242100201002" };
	static const char *names[] = { "酉阳土家族苗族自治县", "钟多街道", "桃花源村", "一组", "二组" };
	for (int i = 0; i < 5; i++)
		ok(area_add(&sys, i ? c.area[i < 4 ? i - 1 : 2] : 0, codes[i], names[i], &c.area[i], &e),
		   &e, codes[i]);
	ok(officer_add(&sys, "yy_admin", "酉阳管理员", "admin", c.area[0], NULL, &e), &e, "admin");
	ok(officer_add(&sys, "yy_v1", "桃花源村甲", "village", c.area[2], NULL, &e), &e, "v1");
	ok(session_login(&v, c.db, &c.cfg, "yy_v1", &e), &e, "login");
	int64_t first = household(&c, &v, "", "冉光明", "田秀英");
	household(&c, &v, "", "白承志", "彭桂兰");
	household(&c, &v, "", "冉启华", "何小芳");
	/* an audit row whose values are area ids (group_id), and a lead */
	struct household h;
	ok(household_get(&v, first, &h, &e), &e, "get");
	h.group_id = c.area[4];
	ok(household_update(&v, &h, &e), &e, "update");
	struct lead_input li = { .household_id = first, .channel = "基层干部排查",
	                         .found_on = JDAY_NONE, .reason = "因病支出大" };
	int64_t lead;
	int merged;
	ok(lead_create(&v, &li, &lead, &merged, &e), &e, "lead");
	store_close(c.db);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	clock_pin(date_from_ymd(2026, 5, 20));
	snprintf(county_a, sizeof county_a, "%s/a.db", dir);
	snprintf(county_b, sizeof county_b, "%s/b.db", dir);
	if (!testdb_pg())
		return 0;
	runbin_demo(county_a);
	make_county_b(county_b);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void need_pg(void)
{
	if (!testdb_pg()) {
		print_message("      skipped: JIANCE_TEST_PG is not set (a PostgreSQL server is needed;"
		              " make check-pg runs this test against one)\n");
		skip();
	}
}

static void migrate(const char *src, const char *url, struct ran *r)
{
	struct runbin o = { .files = dir, .cwd = dir, .seconds = 120 };
	runbin(&o, (const char *[]){ "--db", src, "migrate-to", url, NULL }, r);
}

/* The same as the officer login (the test runs as root, who may say --as). */
static void migrate_as(const char *login, const char *src, const char *url, struct ran *r)
{
	struct runbin o = { .files = dir, .cwd = dir, .seconds = 120 };
	runbin(&o, (const char *[]){ "--db", src, "--as", login, "migrate-to", url, NULL }, r);
}

static struct store *open_db(const char *where)
{
	struct jerr e = { 0 };
	struct store *db = store_open(where, 0, &e);
	if (!db)
		fail_msg("%s: %s", where, e.msg);
	return db;
}

static int64_t count(struct store *db, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	struct stmt *st = store_prepd(db, sql);
	assert_non_null(st);
	assert_int_equal(stmt_step(st), 1);
	int64_t n = stmt_int(st, 0);
	stmt_done(st);
	return n;
}

static const char *const tables[] = { "areas", "officers", "contacts", "households", "members",
	"member_names", "incomes", "household_risks", "leads", "lead_sources", "audit", "flow_runs",
	"flow_steps", "step_data", "postings", "objections", "measures", "visits", "upstream",
	"run_snapshots", "contact_assignments", "rigid_expenses" };
#define NTABLES (sizeof tables / sizeof tables[0])

/* Every table's rows, summed over the sources, is what the target has. */
static void assert_counts(const char *url, const char *const *srcs, int nsrc)
{
	struct store *pg = open_db(url);
	for (size_t i = 0; i < NTABLES; i++) {
		int64_t want = 0;
		for (int k = 0; k < nsrc; k++) {
			struct store *s = open_db(srcs[k]);
			want += count(s, tables[i]);
			store_close(s);
		}
		if (count(pg, tables[i]) != want)
			fail_msg("%s: %lld rows in PostgreSQL, %lld in the SQLite files", tables[i],
			         (long long)count(pg, tables[i]), (long long)want);
	}
	store_close(pg);
}

/* An area's id in an audit value (a household moved to another group) as
 * its code, which the move keeps. */
static void area_code_of(struct store *db, const char *field, char *value, size_t n)
{
	if ((strcmp(field, "group_id") && strcmp(field, "village_id")) || !*value)
		return;
	char code[20] = "?";
	store_text(db, code, sizeof code, "SELECT code FROM areas WHERE id = ?", "l",
	           (int64_t)atoll(value));
	snprintf(value, n, "%s", code);
}

/* A household as the program reads it, its history and members, in a
 * text that does not depend on the ids it was given. */
static void household_text(struct store *db, const char *login, const char *hh_no, char *out,
                           size_t n)
{
	struct config cfg;
	config_defaults(&cfg);
	struct session s;
	struct jerr e = { 0 };
	ok(session_login(&s, db, &cfg, login, &e), &e, login);
	int64_t id = household_by_no(&s, hh_no);
	assert_true(id > 0);
	struct household h;
	ok(household_get(&s, id, &h, &e), &e, "household_get");
	size_t len = (size_t)snprintf(out, n, "%s|%s|%s|%s|%s|%s|%d|%d|%s|%s|%d|%s\n", h.hh_no,
	                              h.head_name, h.township_name, h.village_name, h.group_name,
	                              h.contact_name, h.size, h.status, h.identified_on,
	                              h.last_visit_on, h.version, h.assist_tags);
	/* member by member: member_list's SQL is not yet in PostgreSQL's dialect */
	struct stmt *st = store_prep(db, "SELECT id FROM members WHERE household_id = ? ORDER BY id",
	                             "l", id);
	assert_non_null(st);
	while (stmt_step(st) == 1 && len < n) {
		struct member m;
		assert_int_equal(member_get(&s, stmt_int(st, 0), &m), 1);
		len += (size_t)snprintf(out + len, n - len, "%s %s %s %d\n", m.name, m.id_no, m.relation,
		                        m.version);
	}
	stmt_done(st);
	struct history_row hist[64];
	int nh = history_page(&s, id, 0, 64, hist);
	for (int i = 0; i < nh && len < n; i++) {
		area_code_of(db, hist[i].field, hist[i].old, sizeof hist[i].old);
		area_code_of(db, hist[i].field, hist[i].new_value, sizeof hist[i].new_value);
		len += (size_t)snprintf(out + len, n - len, "%s %s %s %s %s→%s\n", hist[i].at,
		                        hist[i].officer, hist[i].tbl, hist[i].field, hist[i].old,
		                        hist[i].new_value);
	}
}

static void assert_same_household(const char *src, const char *url, const char *login,
                                  const char *hh_no)
{
	static char a[16384], b[16384];
	struct store *s = open_db(src), *pg = open_db(url);
	household_text(s, login, hh_no, a, sizeof a);
	household_text(pg, login, hh_no, b, sizeof b);
	store_close(s);
	store_close(pg);
	assert_string_equal(a, b);
	assert_non_null(strchr(strchr(a, '\n') + 1, '\n'));   /* members or history, not only the head */
}

static void first_hh_no(const char *src, const char *where, char *out, size_t n)
{
	struct store *s = open_db(src);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT hh_no FROM households WHERE %s ORDER BY id LIMIT 1", where);
	struct stmt *st = store_prepd(s, sql);
	assert_non_null(st);
	assert_int_equal(stmt_step(st), 1);
	snprintf(out, n, "%s", stmt_text(st, 0));
	stmt_done(st);
	store_close(s);
}

/* ---- the catalog, on both engines ---- */

struct seen { char text[2048]; size_t len; };

static void seen_fk(void *arg, const char *column, const char *parent)
{
	struct seen *s = arg;
	s->len += (size_t)snprintf(s->text + s->len, sizeof s->text - s->len, "%s>%s ", column, parent);
}

static void seen_col(void *arg, const char *column, char kind, int pk)
{
	struct seen *s = arg;
	s->len += (size_t)snprintf(s->text + s->len, sizeof s->text - s->len, "%s:%c%d ", column,
	                           kind, pk);
}

static void catalog_of(const char *where)
{
	struct jerr e = { 0 };
	struct store *db = store_open(where, 1, &e);
	assert_non_null(db);
	struct seen fk = { 0 }, names = { 0 }, runs = { 0 };
	assert_int_equal(store_foreign_keys(db, "postings", seen_fk, &fk), 0);
	assert_string_equal(fk.text, "run_id>flow_runs ");
	memset(&fk, 0, sizeof fk);
	assert_int_equal(store_foreign_keys(db, "member_events", seen_fk, &fk), 0);
	assert_string_equal(fk.text, "member_id>members from_household>households "
	                             "to_household>households officer_id>officers ");
	assert_int_equal(store_columns(db, "member_names", seen_col, &names), 0);
	assert_string_equal(names.text, "rowid:i1 chars:t0 ");
	assert_int_equal(store_columns(db, "postings", seen_col, &runs), 0);
	assert_string_equal(runs.text, "run_id:i1 place:t0 start_on:t0 end_on:t0 ");
	store_close(db);
}

static void test_catalog_is_the_same_on_both_engines(void **state)
{
	(void)state;
	char path[300];
	snprintf(path, sizeof path, "%s/catalog.db", dir);
	catalog_of(path);
	if (testdb_pg()) {
		char url[512];
		testdb_fresh(url, sizeof url, "x");
		catalog_of(url);
		testdb_drop(url);
	}
}

/* ---- moving ---- */

static void test_county_moved_whole_and_verified(void **state)
{
	(void)state;
	need_pg();
	char url[512], hh[32];
	testdb_fresh(url, sizeof url, "x");
	struct ran r;
	migrate(county_a, url, &r);
	if (r.status != 0)
		fail_msg("exit %d: %s", r.status, r.err);
	assert_non_null(strstr(r.out, "households                  300"));
	assert_null(strstr(r.out, " 否"));
	assert_non_null(strstr(r.out, "行数和校验和全部一致"));
	const char *srcs[] = { county_a };
	assert_counts(url, srcs, 1);
	first_hh_no(county_a, "status = '监测中'", hh, sizeof hh);
	assert_same_household(county_a, url, "demo_county", hh);
	testdb_drop(url);
}

static void test_second_county_keeps_both(void **state)
{
	(void)state;
	need_pg();
	char url[512], hh_a[32], hh_b[32];
	testdb_fresh(url, sizeof url, "x");
	struct ran r;
	migrate(county_a, url, &r);
	assert_int_equal(r.status, 0);
	migrate(county_b, url, &r);
	if (r.status != 0)
		fail_msg("exit %d: %s", r.status, r.err);
	const char *srcs[] = { county_a, county_b };
	assert_counts(url, srcs, 2);
	first_hh_no(county_a, "status = '监测中'", hh_a, sizeof hh_a);
	first_hh_no(county_b, "1", hh_b, sizeof hh_b);
	assert_same_household(county_a, url, "demo_county", hh_a);
	assert_same_household(county_b, url, "yy_admin", hh_b);
	struct store *pg = open_db(url);
	/* B's group change names B's group, by its moved id */
	char group[20] = "";
	assert_int_equal(store_text(pg, group, sizeof group, "SELECT g.code FROM audit a"
	                            " JOIN areas g ON g.id = CAST(a.new AS INTEGER)"
	                            " WHERE a.tbl = 'households' AND a.field = 'group_id'", ""), 1);
	assert_string_equal(group, "500242100201002");
	/* every audit row of a household, and every name index row, names one of its county */
	assert_int_equal(store_int(pg, -1, "SELECT count(*) FROM audit a JOIN households h"
	                           " ON h.id = a.rec WHERE a.tbl = 'households'"
	                           " AND a.household_id = h.id", ""),
	                 store_int(pg, -1, "SELECT count(*) FROM audit WHERE tbl = 'households'", ""));
	assert_int_equal(store_int(pg, -1, "SELECT count(*) FROM member_names n"
	                           " JOIN members m ON m.id = n.rowid", ""), count(pg, "members"));
	assert_int_equal(store_int(pg, -1, "SELECT count(*) FROM households h JOIN areas v"
	                           " ON v.id = h.village_id WHERE substr(v.code, 1, 6)"
	                           " <> substr(h.hh_no, 1, 6)", ""), 0);
	store_close(pg);
	testdb_drop(url);
}

/* What a refused move must leave as it was. */
static void fingerprint(const char *url, char *out, size_t n)
{
	struct store *pg = open_db(url);
	size_t len = 0;
	for (size_t i = 0; i < NTABLES && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%lld ", (long long)count(pg, tables[i]));
	len += (size_t)snprintf(out + len, n - len, "v%d", store_version(pg));
	store_close(pg);
}

static void test_same_county_twice_is_refused(void **state)
{
	(void)state;
	need_pg();
	char url[512], before[512], after[512];
	testdb_fresh(url, sizeof url, "x");
	struct ran r;
	migrate(county_b, url, &r);
	assert_int_equal(r.status, 0);
	fingerprint(url, before, sizeof before);
	migrate(county_b, url, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "目标数据库已有区划 500242000000"));
	fingerprint(url, after, sizeof after);
	assert_string_equal(before, after);
	testdb_drop(url);
}

static void test_new_household_after_move_takes_a_new_id(void **state)
{
	(void)state;
	need_pg();
	char url[512];
	testdb_fresh(url, sizeof url, "x");
	struct ran r;
	migrate(county_b, url, &r);
	assert_int_equal(r.status, 0);
	struct store *pg = open_db(url);
	int64_t max_hh = store_int(pg, 0, "SELECT max(id) FROM households", "");
	int64_t max_audit = store_int(pg, 0, "SELECT max(id) FROM audit", "");
	struct config cfg;
	config_defaults(&cfg);
	struct session v;
	struct jerr e = { 0 };
	ok(session_login(&v, pg, &cfg, "yy_v1", &e), &e, "login");
	/* household_create's SQL is not all in PostgreSQL's dialect yet: the
	 * household is written as it writes it, the area through the program */
	int64_t county = store_int(pg, 0, "SELECT id FROM areas WHERE code = '500242000000'", "");
	int64_t township = store_int(pg, 0, "SELECT id FROM areas WHERE code = '500242100000'", "");
	int64_t village = store_int(pg, 0, "SELECT id FROM areas WHERE code = '500242100201'", "");
	int64_t max_area = store_int(pg, 0, "SELECT max(id) FROM areas", "");
	assert_int_equal(store_exec(pg, "INSERT INTO households(hh_no, county_id, township_id,"
	                            " village_id) VALUES ('5002421002019001', ?, ?, ?)", "lll",
	                            county, township, village), 0);
	int64_t id = store_last_id(pg);
	assert_int_equal(id, max_hh + 1);
	struct session sys = { .db = pg, .cfg = &cfg };
	int64_t group;
	assert_int_equal(store_begin(pg), 0);
	ok(area_add(&sys, village, "500242100201003", "三组", &group, &e), &e, "area_add");
	assert_int_equal(store_commit(pg), 0);
	assert_int_equal(group, max_area + 1);
	assert_true(store_int(pg, 0, "SELECT max(id) FROM audit", "") > max_audit);
	store_close(pg);
	/* and a county moved after it goes past it */
	migrate(county_a, url, &r);
	assert_int_equal(r.status, 0);
	pg = open_db(url);
	assert_int_equal(store_int(pg, 0, "SELECT min(h.id) FROM households h JOIN areas a"
	                           " ON a.id = h.county_id WHERE a.code = '500243000000'", ""), id + 1);
	store_close(pg);
	testdb_drop(url);
}

/* A copy that does not read back as written is undone: the verification
 * can fail (a trigger on the target alters one address). */
static void test_copy_that_differs_is_rolled_back(void **state)
{
	(void)state;
	need_pg();
	char url[512], before[512], after[512];
	testdb_fresh(url, sizeof url, "x");
	struct store *pg = open_db(url);   /* the schema */
	store_close(pg);
	PGconn *c = PQconnectdb(url);
	PGresult *res = PQexec(c, "CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS"
	                          " $$ BEGIN NEW.address := NEW.address || '!'; RETURN NEW; END $$;"
	                          " CREATE TRIGGER tamper BEFORE INSERT ON households FOR EACH ROW"
	                          " WHEN (NEW.id = 2) EXECUTE FUNCTION tamper()");
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	PQfinish(c);
	fingerprint(url, before, sizeof before);
	struct ran r;
	migrate(county_b, url, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "households"));
	assert_non_null(strstr(r.out, " 否"));
	assert_non_null(strstr(r.err, "已全部撤销"));
	fingerprint(url, after, sizeof after);
	assert_string_equal(before, after);
	testdb_drop(url);
}

static void test_bad_input_changes_nothing(void **state)
{
	(void)state;
	need_pg();
	char url[512], before[512], after[512], path[300];
	struct ran r;
	static char cmd[1200];
	/* no server there */
	migrate(county_b, "postgresql:///x?host=/nonexistent&user=nobody", &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "无法连接数据库"));
	/* a SQLite file of another program */
	snprintf(path, sizeof path, "%s/other.db", dir);
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'CREATE TABLE t(x)'", path);
	assert_int_equal(system(cmd), 0);
	testdb_fresh(url, sizeof url, "x");
	migrate(path, url, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "jiance"));
	/* a target of a newer version */
	struct store *pg = open_db(url);
	assert_int_equal(store_exec(pg, "UPDATE jiance_schema SET version = version + 1", ""), 0);
	store_close(pg);
	PGconn *c = PQconnectdb(url);
	PGresult *res = PQexec(c, "SELECT count(*) FROM households");
	assert_string_equal(PQgetvalue(res, 0, 0), "0");
	PQclear(res);
	PQfinish(c);
	migrate(county_b, url, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "版"));
	testdb_drop(url);
	/* a blob where text belongs */
	testdb_fresh(url, sizeof url, "x");
	snprintf(path, sizeof path, "%s/blob.db", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s' && sqlite3 '%s' \"UPDATE households SET address ="
	         " x'00ff' WHERE id = 1\"", county_b, path, path);
	assert_int_equal(system(cmd), 0);
	fingerprint(url, before, sizeof before);
	migrate(path, url, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "表 households 有 1 行的值与列的类型不符"));
	fingerprint(url, after, sizeof after);
	assert_string_equal(before, after);
	testdb_drop(url);
}

/* The whole county is copied: root's or an admin's, not a village's. */
static void test_only_root_or_an_admin_moves(void **state)
{
	(void)state;
	need_pg();
	char url[512], before[512], after[512];
	testdb_fresh(url, sizeof url, "x");
	fingerprint(url, before, sizeof before);
	struct ran r;
	migrate_as("yy_v1", county_b, url, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "只有 root 或系统管理员"));
	fingerprint(url, after, sizeof after);
	assert_string_equal(before, after);
	migrate_as("yy_admin", county_b, url, &r);
	if (r.status != 0)
		fail_msg("exit %d: %s", r.status, r.err);
	const char *srcs[] = { county_b };
	assert_counts(url, srcs, 1);
	testdb_drop(url);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalog_is_the_same_on_both_engines),
		cmocka_unit_test(test_county_moved_whole_and_verified),
		cmocka_unit_test(test_second_county_keeps_both),
		cmocka_unit_test(test_same_county_twice_is_refused),
		cmocka_unit_test(test_new_household_after_move_takes_a_new_id),
		cmocka_unit_test(test_copy_that_differs_is_rolled_back),
		cmocka_unit_test(test_bad_input_changes_nothing),
		cmocka_unit_test(test_only_root_or_an_admin_moves),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
