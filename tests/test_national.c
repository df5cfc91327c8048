/* The national system beside jiance (issue 15): jiance numbers its own
 * households and keeps the national 户编号 apart. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "assist/assist.h"
#include "fixture.h"
#include "testdb.h"
#include "base/idcard.h"
#include "io/export.h"
#include "io/export_file.h"
#include "io/import.h"
#include "flow/flow.h"
#include "flow/lead.h"
#include "register/hhlist.h"
#include "register/household.h"
#include "register/member_events.h"
#include "register/upstream.h"
#include "store/store.h"

static struct fixture F;

static int setup(void **state)
{
	(void)state;
	fixture_open(&F, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fixture_close(&F);
	return 0;
}

/* A household of village1 given no number, created by s; 0 on refusal. */
static int64_t unnumbered(struct session *s, const char *head, struct jerr *e)
{
	struct household h;
	struct member m;
	household_init(&h);
	h.village_id = F.village1;
	member_init(&m);
	snprintf(m.name, sizeof m.name, "%s", head);
	fixture_id(&F, 1980, 1, m.id_no);
	return household_create(s, &h, &m, e) == 0 ? h.id : 0;
}

static void no_of(int64_t id, char *out, size_t n)
{
	store_text(F.db, out, n, "SELECT hh_no FROM households WHERE id = ?", "l", id);
}

/* The officer types no number: the village's code and the next sequence. */
static void test_new_household_numbered_by_village(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	char no[32];
	no_of(unnumbered(&F.v1a, "甲一", &e), no, sizeof no);
	assert_string_equal(no, "5002431002010001");
	no_of(unnumbered(&F.v1a, "甲二", &e), no, sizeof no);
	assert_string_equal(no, "5002431002010002");
	/* a number of that form given by an import counts; one with letters
	 * in it does not */
	assert_int_equal(store_exec(F.db, "UPDATE households SET hh_no = '5002431002010041'"
	                            " WHERE hh_no = '5002431002010002'", ""), 0);
	assert_int_equal(store_exec(F.db, "UPDATE households SET hh_no = '500243100201X999'"
	                            " WHERE hh_no = '5002431002010001'", ""), 0);
	no_of(unnumbered(&F.v1a, "甲三", &e), no, sizeof no);
	assert_string_equal(no, "5002431002010042");
}

/* Two officers saving new households at the same moment, each in its own
 * process and connection: every household gets its own number, and the
 * numbers run on without a gap. */
static void test_numbers_unique_when_saved_at_once(void **state)
{
	(void)state;
	enum { EACH = 20 };
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		if ((kids[k] = fork()) == 0) {
			struct jerr e = { 0 };
			struct store *db = store_open(F.path, 0, &e);
			struct session s;
			if (!db || session_login(&s, db, &F.cfg, k ? "v1b" : "v1a", &e) != 0)
				_exit(2);
			F.next_id = 100 + k * 50;       /* IDs apart from the other's */
			for (int i = 0; i < EACH; i++)
				if (!unnumbered(&s, k ? "乙" : "甲", &e)) {
					fprintf(stderr, "%s\n", e.msg);
					_exit(1);
				}
			store_close(db);
			_exit(0);
		}
	}
	for (int k = 0; k < 2; k++) {
		int st = -1;
		waitpid(kids[k], &st, 0);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	assert_int_equal(store_int(F.db, 0, "SELECT count(DISTINCT hh_no) FROM households"
	                           " WHERE village_id = ?", "l", F.village1), 2 * EACH);
	assert_int_equal(store_int(F.db, 0, "SELECT max(hh_no) FROM households"
	                           " WHERE village_id = ?", "l", F.village1),
	                 5002431002010000LL + 2 * EACH);
}

/* The national number: empty until known, typed only by a county officer
 * or an administrator, never the same on two households. */
static void test_national_number_its_own_field(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t a = unnumbered(&F.v1a, "甲", &e), b = unnumbered(&F.v1a, "乙", &e);
	struct household h;
	assert_int_equal(household_get(&F.v1a, a, &h, &e), 0);
	assert_string_equal(h.nat_no, "");
	snprintf(h.nat_no, sizeof h.nat_no, "522729000000123456");
	assert_int_equal(household_update(&F.v1a, &h, &e), -1);
	assert_string_equal(e.field, "nat_no");
	assert_int_equal(household_get(&F.ca, a, &h, &e), 0);
	snprintf(h.nat_no, sizeof h.nat_no, "522729000000123456");
	assert_int_equal(household_update(&F.ca, &h, &e), 0);
	assert_int_equal(household_get(&F.v1a, a, &h, &e), 0);
	assert_string_equal(h.nat_no, "522729000000123456");
	/* the search box finds it by the national number, whole or its start */
	struct hh_filter f = { 0 };
	snprintf(f.search, sizeof f.search, "522729000000123456");
	assert_int_equal(hhlist_count(&F.v1a, &f), 1);
	snprintf(f.search, sizeof f.search, "5227290000001");
	assert_int_equal(hhlist_count(&F.v1a, &f), 1);
	snprintf(f.search, sizeof f.search, "5227290000009");
	assert_int_equal(hhlist_count(&F.v1a, &f), 0);
	/* the village officer edits other fields; the number stays */
	snprintf(h.address, sizeof h.address, "龙阳村一组");
	assert_int_equal(household_update(&F.v1a, &h, &e), 0);
	struct household o;
	assert_int_equal(household_get(&F.ca, b, &o, &e), 0);
	snprintf(o.nat_no, sizeof o.nat_no, "522729000000123456");
	assert_int_equal(household_update(&F.ca, &o, &e), -1);
	assert_string_equal(e.msg, "国家系统户编号 522729000000123456 已属于户编号 5002431002010001");
}

/* The value of a national column in an entry, "" if it has none. */
static const char *value_of(const struct upstream_entry *u, const char *col)
{
	static char val[512];
	char c[128];
	for (const char *p = u->fields; upstream_field_next(&p, c, sizeof c, val, sizeof val);)
		if (!strcmp(c, col))
			return val;
	return "";
}

static int find(const struct upstream_entry *u, int n, const char *what)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(u[i].what, what))
			return i;
	return -1;
}

/* A step decision and a visit fill the household's queue with what to key
 * upstream, with the values; marking empties it, and says who and when. */
static void test_queue_filled_by_decisions_and_visits_emptied_by_marking(void **state)
{
	(void)state;
	int64_t hh = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	assert_int_equal(upstream_pending_count(&F.v1a), 0);
	fixture_identify(&F, hh, date_from_ymd(2026, 1, 5));
	struct upstream_entry u[16];
	int n = upstream_of_household(&F.v1a, hh, u, 16);
	assert_int_equal(n, 6);                       /* the lead and five decisions */
	int lead = find(u, n, "新增风险线索"), last = find(u, n, "识别纳入第5步县级审定");
	assert_true(lead >= 0 && last >= 0);
	assert_string_equal(value_of(&u[lead], "线索来源"), "基层干部排查");
	assert_string_equal(value_of(&u[last], "办理结果"), "通过");
	assert_string_equal(value_of(&u[last], "识别监测时间"), "202601");
	assert_string_equal(value_of(&u[last], "监测对象类别"), "边缘易致贫户");
	assert_string_equal(value_of(&u[last], "致贫/返贫风险1"), "因病");
	assert_string_equal(value_of(&u[find(u, n, "识别纳入第2步信息比对")], "办理环节"),
	                    "识别纳入第2步信息比对");

	struct visit v = { .household_id = hh };
	struct jerr e = { 0 };
	date_fmt(clock_today(), v.visited_on);
	snprintf(v.findings, sizeof v.findings, "新发现家中老人住院");
	assert_int_equal(visit_add(&F.v1a, &v, &e), 0);
	n = upstream_of_household(&F.v1a, hh, u, 16);
	assert_int_equal(n, 7);
	assert_string_equal(value_of(&u[find(u, n, "走访")], "走访情况"), "新发现家中老人住院");
	assert_int_equal(upstream_pending_count(&F.v1a), 7);
	assert_int_equal(upstream_pending_count(&F.v2), 0);     /* another village's */

	/* a marked set: the visit and the decision; someone else's entry in
	 * the set refuses all of it */
	int64_t set[2] = { u[find(u, n, "走访")].id, u[last].id };
	int marked = -1;
	assert_int_equal(upstream_mark(&F.v2, set, 2, &marked, &e), -1);
	assert_int_equal(marked, 0);
	assert_int_equal(upstream_pending_count(&F.v1a), 7);
	assert_int_equal(upstream_mark(&F.v1a, set, 2, &marked, &e), 0);
	assert_int_equal(marked, 2);
	assert_int_equal(upstream_pending_count(&F.v1a), 5);
	assert_int_equal(upstream_mark(&F.v1a, set, 1, &marked, &e), -1);   /* not twice */
	n = upstream_of_household(&F.v1a, hh, u, 16);
	assert_string_equal(u[n - 1].entered_by, "龙阳村甲");
	assert_true(*u[n - 1].entered_at);
	struct upstream_entry p[8];
	assert_int_equal(upstream_pending(&F.v1a, 0, p, 8), 5);
	assert_int_equal(find(p, 5, "走访"), -1);

	/* the rest at once */
	assert_int_equal(upstream_mark(&F.ta, NULL, 0, &marked, &e), 0);
	assert_int_equal(marked, 5);
	assert_int_equal(upstream_pending_count(&F.ca), 0);
}

/* A change that cannot be queued is not saved either: one transaction. */
static void test_change_and_entry_saved_together(void **state)
{
	(void)state;
	int64_t hh = fixture_household(&F, F.village1, "李四", 0, "普通劳动力");
	struct lead_input li = { .household_id = hh, .channel = "农户自主申报",
	                         .found_on = JDAY_NONE, .reason = "申请" };
	struct jerr e = { 0 };
	int64_t lead;
	int merged;
	/* the queue refuses the entry: each engine's way of making it */
	if (testdb_pg()) {
		assert_int_equal(store_exec(F.db, "CREATE FUNCTION full_queue() RETURNS trigger"
		                            " LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''full''; END'",
		                            ""), 0);
		assert_int_equal(store_exec(F.db, "CREATE TRIGGER no_queue BEFORE INSERT ON upstream"
		                            " FOR EACH ROW EXECUTE FUNCTION full_queue()", ""), 0);
	} else
		assert_int_equal(store_exec(F.db, "CREATE TRIGGER no_queue BEFORE INSERT ON upstream"
		                            " BEGIN SELECT RAISE(ABORT, 'full'); END", ""), 0);
	assert_int_equal(lead_create(&F.v1a, &li, &lead, &merged, &e), -1);
	assert_int_equal(store_int(F.db, -1, "SELECT count(*) FROM leads WHERE household_id = ?",
	                           "l", hh), 0);
	assert_int_equal(testdb_pg() ? store_exec(F.db, "DROP TRIGGER no_queue ON upstream", "")
	                             : store_exec(F.db, "DROP TRIGGER no_queue", ""), 0);
	assert_int_equal(lead_create(&F.v1a, &li, &lead, &merged, &e), 0);
	assert_int_equal(upstream_pending_count(&F.v1a), 1);
}

/* Social-assistance tags: typed in the household form in any order and
 * separator, kept in one order; one not on the list is refused. */
static void test_assistance_tags_by_hand(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = unnumbered(&F.v1a, "甲", &e);
	struct household h;
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_string_equal(h.assist_tags, "");
	snprintf(h.assist_tags, sizeof h.assist_tags, "支出型困难，低保");
	assert_int_equal(household_update(&F.v1a, &h, &e), 0);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_string_equal(h.assist_tags, "低保、支出型困难");
	snprintf(h.assist_tags, sizeof h.assist_tags, "低保、五保");
	assert_int_equal(household_check_field(&F.v1a, &h, "assist_tags", &e), -1);
	assert_int_equal(household_update(&F.v1a, &h, &e), -1);
	assert_string_equal(e.field, "assist_tags");
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_string_equal(h.assist_tags, "低保、支出型困难");
}

/* An edit of what the national system keeps of a household (its risks, a
 * guarantee, its social-assistance tags) is queued upstream with the new
 * values; an edit of what it does not keep (the address) is not. */
static void test_household_edit_queued_upstream(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = unnumbered(&F.v1a, "乙", &e);
	struct household h;
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	struct upstream_entry u[16];
	int before = upstream_of_household(&F.v1a, hh, u, 16);
	snprintf(h.address, sizeof h.address, "龙阳村3组12号");
	if (household_update(&F.v1a, &h, &e) != 0)
		fail_msg("refused: %s", e.msg);
	assert_int_equal(upstream_of_household(&F.v1a, hh, u, 16), before);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	h.g_house = 0;
	h.nrisks = 2;
	snprintf(h.risks[0], sizeof h.risks[0], "因病");
	snprintf(h.risks[1], sizeof h.risks[1], "因安全住房");
	snprintf(h.assist_tags, sizeof h.assist_tags, "低保");
	if (household_update(&F.v1a, &h, &e) != 0)
		fail_msg("refused: %s", e.msg);
	int n = upstream_of_household(&F.v1a, hh, u, 16);
	assert_int_equal(n, before + 1);
	const struct upstream_entry *last = &u[n - 1];
	assert_string_equal(last->what, "修改户信息");
	assert_non_null(strstr(last->fields, "是否危房户\t是"));
	assert_non_null(strstr(last->fields, "致贫/返贫风险2\t因安全住房"));
	assert_non_null(strstr(last->fields, "社会救助类别\t低保"));
	assert_null(strstr(last->fields, "户联系电话"));
}

/* The household form's save: 因自然灾害 is refused without its sub-items
 * and kept with them; a household registered with the risk but no sub-item
 * before this rule can still have its phone changed (2_11_005 lists it),
 * and naming the sub-items later is queued upstream in national form. */
static void test_household_disaster_subitems_on_save(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	int64_t hh = unnumbered(&F.v1a, "丙", &e);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	h.nrisks = 1;
	snprintf(h.risks[0], sizeof h.risks[0], "因自然灾害");
	assert_int_equal(household_update(&F.v1a, &h, &e), -1);
	assert_string_equal(e.field, "disaster");
	snprintf(h.disaster, sizeof h.disaster, "因疫情 洪涝灾害");
	if (household_update(&F.v1a, &h, &e) != 0)
		fail_msg("refused: %s", e.msg);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_string_equal(h.disaster, "洪涝灾害、因疫情");
	/* as a database from before the rule holds it */
	assert_int_equal(store_exec(F.db, "UPDATE households SET disaster = '' WHERE id = ?", "l", hh), 0);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	snprintf(h.phone, sizeof h.phone, "13800138000");
	if (household_update(&F.v1a, &h, &e) != 0)
		fail_msg("an old row's other edit refused: %s", e.msg);
	assert_int_equal(household_check_field(&F.v1a, &h, "disaster", &e), -1);   /* the form asks */
	snprintf(h.disaster, sizeof h.disaster, "地质灾害");
	if (household_update(&F.v1a, &h, &e) != 0)
		fail_msg("refused: %s", e.msg);
	struct upstream_entry u[16];
	int n = upstream_of_household(&F.v1a, hh, u, 16);
	assert_non_null(strstr(u[n - 1].fields, "因自然灾害子项\t地质灾害"));
	h.nrisks = 0;                                   /* the risk goes: so must its sub-items */
	assert_int_equal(household_update(&F.v1a, &h, &e), -1);
	assert_string_equal(e.field, "disaster");
}

static struct import *load(struct session *s, const char *csv, const char *kind)
{
	char path[] = "/tmp/jiance-nat-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	struct import_opts o = { .kind = kind };
	struct jerr e = { 0 };
	struct import *im = import_load(s, path, &o, &e);
	unlink(path);
	if (!im)
		fail_msg("import_load: %s", e.msg);
	return im;
}

/* A 民政 list tags the households of the persons it names; importing it
 * again adds nothing; a person outside the register is passed over. */
static void test_mingzheng_import_tags_households(void **state)
{
	(void)state;
	int64_t a = fixture_household(&F, F.village1, "王低保", 0, "普通劳动力");
	int64_t b = fixture_household(&F, F.village1, "赵特困", 0, "丧失劳动力");
	char ida[20], idb[20], csv[600], nobody[20];
	store_text(F.db, ida, sizeof ida, "SELECT id_no FROM members WHERE household_id = ?", "l", a);
	store_text(F.db, idb, sizeof idb, "SELECT id_no FROM members WHERE household_id = ?", "l", b);
	fixture_id(&F, 1950, 1, nobody);
	snprintf(csv, sizeof csv, "姓名,身份证号码,救助类别\n王低保,%s,低保\n赵特困,%s,特困\n"
	         "赵特困,%s,低保边缘\n某人,%s,低保\n", ida, idb, idb, nobody);
	struct jerr e = { 0 };
	struct import *im = load(&F.v1a, csv, "assistance");
	assert_int_equal(import_counts(im)->rejected, 0);
	assert_int_equal(import_commit(im, 0, &e), 0);
	assert_int_equal(import_counts(im)->created, 3);
	assert_int_equal(import_counts(im)->skipped, 1);
	import_free(im);
	struct household h;
	assert_int_equal(household_get(&F.v1a, b, &h, &e), 0);
	assert_string_equal(h.assist_tags, "特困、低保边缘");
	assert_int_equal(household_get(&F.v1a, a, &h, &e), 0);
	assert_string_equal(h.assist_tags, "低保");
	int64_t queued = upstream_pending_count(&F.v1a);
	im = load(&F.v1a, csv, "assistance");            /* again: nothing new */
	assert_int_equal(import_commit(im, 0, &e), 0);
	assert_int_equal(import_counts(im)->created, 0);
	import_free(im);
	assert_int_equal(upstream_pending_count(&F.v1a), queued);
	/* a category not on the list refuses the file */
	snprintf(csv, sizeof csv, "身份证号码,救助类别\n%s,五保\n", ida);
	im = load(&F.v1a, csv, "assistance");
	assert_int_equal(import_counts(im)->rejected, 1);
	assert_int_equal(import_commit(im, 0, &e), -1);
	import_free(im);
}

/* The national per-person export, as the national system writes it: two
 * title rows above the header, labels, YYYYMM months. */
static void national_csv_with(char *out, size_t n, const char ids[5][20], const char *liu_health,
                              const char *contact);

static void national_csv(char *out, size_t n, const char ids[5][20], const char *liu_health)
{
	national_csv_with(out, n, ids, liu_health, "王联系");
}

static void national_csv_with(char *out, size_t n, const char ids[5][20], const char *liu_health,
                              const char *contact)
{
	char text[4096];
	snprintf(text, sizeof text,
		"（自定义）监测对象信息\n导出时间：2026-01-04\n"
		"县,乡,村,户编号,证件号码,姓名,与户主关系,健康状况,劳动技能,户类型,监测对象类别,"
		"户联系电话,致贫/返贫风险1,识别监测时间,风险是否已消除,消除监测时间,风险消除方式,"
		"监测联系人,联系方式,产业帮扶,健康帮扶\n"
		"彭水,保家镇,龙阳村,522700000001,%s,张国强,户主,患有大病,普通劳动力,普通户,边缘易致贫户,"
		"13800000011,因病,202409,否,,,王联系,13800000001,种植业,医疗救助\n"
		"彭水,保家镇,龙阳村,522700000001,%s,李秀英,配偶,%s,普通劳动力,普通户,边缘易致贫户,"
		"13800000011,因病,202409,否,,,王联系,13800000001,种植业,医疗救助\n"
		"彭水,保家镇,龙阳村,522700000001,%s,张明,之子,健康,普通劳动力,普通户,边缘易致贫户,"
		"13800000011,因病,202409,否,,,王联系,13800000001,种植业,医疗救助\n"
		"彭水,保家镇,龙阳村,522700000002,%s,刘大,户主,健康,普通劳动力,脱贫户,脱贫不稳定户,"
		"13800000022,因学,202401,是,202412,帮扶消除,王联系,13800000001,,\n"
		"彭水,保家镇,龙阳村,522700000002,%s,陈二,配偶,健康,普通劳动力,脱贫户,脱贫不稳定户,"
		"13800000022,因学,202401,是,202412,帮扶消除,王联系,13800000001,,\n",
		ids[0], ids[1], liu_health, ids[2], ids[3], ids[4]);
	/* the contact person as named in this export */
	size_t o = 0;
	for (const char *p = text; *p && o + 16 < n;) {
		if (!strncmp(p, "王联系", strlen("王联系"))) {
			o += (size_t)snprintf(out + o, n - o, "%s", contact);
			p += strlen("王联系");
		} else
			out[o++] = *p++;
	}
	out[o] = 0;
}

static int64_t count(const char *sql)
{
	return store_int(F.db, -1, sql, "");
}

/* Two households, five persons, one eliminated: a dry run says what each
 * household becomes; the import creates them with members, status, type,
 * risks, dates, method, contact person and measures, and queues nothing
 * upstream; a later export with one change applies exactly that change. */
static void test_national_import_and_reimport(void **state)
{
	(void)state;
	char ids[5][20], csv[4096];
	fixture_id(&F, 1970, 1, ids[0]);
	fixture_id(&F, 1972, 2, ids[1]);
	fixture_id(&F, 2000, 1, ids[2]);
	fixture_id(&F, 1960, 1, ids[3]);
	fixture_id(&F, 1962, 2, ids[4]);
	national_csv(csv, sizeof csv, ids, "健康");
	struct jerr e = { 0 };
	struct import *im = load(&F.ta, csv, "national");
	assert_int_equal(import_counts(im)->rows, 5);
	assert_int_equal(import_counts(im)->rejected, 0);
	const struct import_row *r = import_row(im, 0);
	assert_non_null(strstr(r->note, "新建户（国家系统户编号 522700000001，3人，监测中，边缘易致贫户，风险 因病"));
	assert_non_null(strstr(import_row(im, 3)->note, "风险已消除"));
	assert_int_equal(count("SELECT count(*) FROM households"), 0);   /* a dry run */
	if (import_commit(im, 0, &e) != 0)
		fail_msg("import refused: %s", e.msg);
	import_free(im);
	assert_int_equal(count("SELECT count(*) FROM households"), 2);
	assert_int_equal(count("SELECT count(*) FROM members"), 5);
	struct household a, b;
	int64_t ia = count("SELECT id FROM households WHERE nat_no = '522700000001'");
	int64_t ib = count("SELECT id FROM households WHERE nat_no = '522700000002'");
	assert_int_equal(household_get(&F.ta, ia, &a, &e), 0);
	assert_int_equal(household_get(&F.ta, ib, &b, &e), 0);
	assert_int_equal(a.status, STATUS_MONITORED);
	assert_string_equal(a.hh_type, "边缘易致贫户");
	assert_string_equal(a.risks[0], "因病");
	assert_string_equal(a.identified_on, "2024-09-01");
	assert_string_equal(a.contact_name, "王联系");
	assert_string_equal(a.hh_no, "5002431002010001");                 /* numbered by jiance */
	assert_int_equal(b.status, STATUS_ELIMINATED);
	assert_int_equal(b.is_tuopin, 1);
	assert_string_equal(b.eliminated_on, "2024-12-01");
	assert_string_equal(b.elim_method, "帮扶消除");
	assert_int_equal(count("SELECT count(*) FROM measures"), 2);
	assert_int_equal(upstream_pending_count(&F.ta), 0);                  /* already upstream */

	/* the next month's export: 李秀英 now 长期慢性病, nothing else */
	int64_t audits = count("SELECT count(*) FROM audit");
	national_csv(csv, sizeof csv, ids, "长期慢性病");
	im = load(&F.ta, csv, "national");
	assert_int_equal(import_counts(im)->rejected, 0);
	assert_non_null(strstr(import_row(im, 1)->note, "健康状况 健康→长期慢性病"));
	assert_int_equal(import_commit(im, 0, &e), 0);
	assert_int_equal(import_counts(im)->created, 0);
	assert_int_equal(import_counts(im)->merged, 1);
	import_free(im);
	assert_int_equal(count("SELECT count(*) FROM households"), 2);
	assert_int_equal(count("SELECT count(*) FROM members"), 5);
	assert_int_equal(count("SELECT count(*) FROM measures"), 2);
	assert_int_equal(count("SELECT count(*) FROM contacts WHERE name = '王联系'"), 1);
	assert_int_equal(count("SELECT count(*) FROM members WHERE name = '李秀英' AND health = '长期慢性病'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit") - audits, 1);
	/* the same export again changes nothing */
	im = load(&F.ta, csv, "national");
	assert_int_equal(import_commit(im, 0, &e), 0);
	assert_int_equal(import_counts(im)->created + import_counts(im)->merged, 0);
	import_free(im);
	assert_int_equal(count("SELECT count(*) FROM audit") - audits, 1);
	/* a new contact person: found or added, assigned from today */
	national_csv_with(csv, sizeof csv, ids, "长期慢性病", "赵联系");
	im = load(&F.ta, csv, "national");
	assert_non_null(strstr(import_row(im, 0)->note, "联系人 王联系→赵联系"));
	assert_int_equal(import_commit(im, 0, &e), 0);
	import_free(im);
	assert_int_equal(household_get(&F.ta, ia, &a, &e), 0);
	assert_string_equal(a.contact_name, "赵联系");
	assert_int_equal(count("SELECT count(*) FROM members"), 5);
}

/* The export's 因自然灾害子项 (comma-joined, as the national system writes
 * multi-value cells) become the household's; a sub-item without the risk,
 * or one not in the code table, refuses the file. */
static void test_national_import_reads_disaster_subitems(void **state)
{
	(void)state;
	char id[20], csv[2048];
	fixture_id(&F, 1968, 1, id);
	const char *head = "县,乡,村,户编号,证件号码,姓名,与户主关系,户类型,监测对象类别,"
	                   "致贫/返贫风险1,因自然灾害子项,识别监测时间,风险是否已消除\n";
	snprintf(csv, sizeof csv, "%s彭水,保家镇,龙阳村,522700000091,%s,宋灾,户主,普通户,"
	         "边缘易致贫户,因自然灾害,\"洪涝灾害,地质灾害\",202406,否\n", head, id);
	struct jerr e = { 0 };
	struct import *im = load(&F.ta, csv, "national");
	assert_int_equal(import_counts(im)->rejected, 0);
	assert_int_equal(import_commit(im, 0, &e), 0);
	import_free(im);
	struct household h;
	int64_t hh = count("SELECT id FROM households WHERE nat_no = '522700000091'");
	assert_int_equal(household_get(&F.ta, hh, &h, &e), 0);
	assert_string_equal(h.disaster, "洪涝灾害、地质灾害");
	const char *bad[] = { "因病,旱灾", "因自然灾害,冰雹" };
	for (int i = 0; i < 2; i++) {
		char risk[32], sub[32];
		sscanf(bad[i], "%31[^,],%31s", risk, sub);
		snprintf(csv, sizeof csv, "%s彭水,保家镇,龙阳村,522700000091,%s,宋灾,户主,普通户,"
		         "边缘易致贫户,%s,%s,202406,否\n", head, id, risk, sub);
		im = load(&F.ta, csv, "national");
		assert_int_equal(import_counts(im)->rejected, 1);
		assert_non_null(strstr(import_row(im, 0)->note, "因自然灾害子项"));
		import_free(im);
	}
	assert_int_equal(household_get(&F.ta, hh, &h, &e), 0);
	assert_string_equal(h.disaster, "洪涝灾害、地质灾害");
}

/* Re-importing a per-person export whose ID numbers are masked (jiance's
 * own export for a township, where privacy.full_id_roles is empty; or the
 * national system's): each person is found by the national 户编号 and the
 * name, the visible digits agreeing.  jiance's own export read back changes
 * nothing; a masked export with one change applies exactly it; a masked
 * row naming nobody registered is refused, saying why. */
static void test_national_reimport_with_masked_ids(void **state)
{
	(void)state;
	char ids[5][20], csv[4096], masked[5][20];
	for (int i = 0; i < 5; i++)
		fixture_id(&F, 1960 + 3 * i, i == 1 || i == 4 ? 2 : 1, ids[i]);
	national_csv(csv, sizeof csv, ids, "健康");
	struct jerr e = { 0 };
	struct import *im = load(&F.ta, csv, "national");
	assert_int_equal(import_commit(im, 0, &e), 0);
	import_free(im);
	int64_t audits = count("SELECT count(*) FROM audit");

	/* jiance's own national-persons export, IDs masked, read back */
	char path[] = "/tmp/jiance-natx-XXXXXX", text[16384];
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	if (export_file(&F.ta, "members", NULL, NULL, export_template(&F.cfg, "national-persons"), 0,
	                NULL, path, &e) != 5)
		fail_msg("export: %s", e.msg);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	text[fread(text, 1, sizeof text - 1, f)] = 0;
	fclose(f);
	unlink(path);
	assert_non_null(strstr(text, "********"));
	assert_null(strstr(text, ids[0]));
	im = load(&F.ta, text, "national");
	for (long i = 0; i < import_counts(im)->rows; i++)
		if (import_row(im, i)->verdict == IMPORT_REJECT)
			fail_msg("row %ld refused: %s", i, import_row(im, i)->note);
	assert_int_equal(import_commit(im, 0, &e), 0);
	assert_int_equal(import_counts(im)->created, 0);
	for (long i = 0; i < import_counts(im)->rows; i++)
		if (import_row(im, i)->verdict != IMPORT_SAME)
			fail_msg("row %ld changed: %s", i, import_row(im, i)->note);
	import_free(im);
	assert_int_equal(count("SELECT count(*) FROM members"), 5);
	assert_int_equal(count("SELECT count(*) FROM audit"), audits);   /* nothing written */

	/* a masked export with one change */
	for (int i = 0; i < 5; i++)
		idcard_mask(ids[i], masked[i]);
	national_csv(csv, sizeof csv, masked, "长期慢性病");
	int64_t before = count("SELECT count(*) FROM audit");
	im = load(&F.ta, csv, "national");
	assert_int_equal(import_counts(im)->rejected, 0);
	assert_non_null(strstr(import_row(im, 1)->note, "健康状况 健康→长期慢性病"));
	assert_int_equal(import_commit(im, 0, &e), 0);
	import_free(im);
	assert_int_equal(count("SELECT count(*) FROM members WHERE name = '李秀英' AND health ="
	                       " '长期慢性病'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit") - before, 1);
	assert_int_equal(count("SELECT count(*) FROM members"), 5);

	/* a masked row of someone not registered there */
	char bad[sizeof csv + 256];
	snprintf(bad, sizeof bad, "%s彭水,保家镇,龙阳村,522700000001,500243********0000,张新人,之女,健康,"
	         "普通劳动力,普通户,边缘易致贫户,13800000011,因病,202409,否,,,王联系,13800000001,,\n", csv);
	im = load(&F.ta, bad, "national");
	assert_int_equal(import_counts(im)->rejected, 1);
	assert_non_null(strstr(import_row(im, 5)->note, "没有名为张新人"));
	assert_non_null(strstr(import_row(im, 5)->note, "完整证件号码"));
	import_free(im);
}

/* The rows `jiance export upstream` writes, kept as text. */
struct grid {
	int ncols, nrows;
	char head[96][128];
	char cell[32][96][256];
};

static int grid_header(void *ctx, int n, const char *const *names, const enum col_type *t)
{
	(void)t;
	struct grid *g = ctx;
	g->ncols = n < 96 ? n : 96;
	for (int i = 0; i < g->ncols; i++)
		snprintf(g->head[i], sizeof g->head[i], "%s", names[i]);
	return 0;
}

static int grid_row(void *ctx, int n, const char *const *v)
{
	struct grid *g = ctx;
	assert_true(g->nrows < 32);
	for (int i = 0; i < n && i < g->ncols; i++)
		snprintf(g->cell[g->nrows][i], sizeof g->cell[0][0], "%s", v[i] ? v[i] : "");
	g->nrows++;
	return 0;
}

/* The cell of column `name` in the first row whose 事项 is `what` and whose
 * 国家系统户编号 or 户编号 is `no`; fails if there is none. */
static const char *grid_cell(const struct grid *g, const char *no, const char *what,
                             const char *name)
{
	int c = -1, w = -1, nat = -1, own = -1;
	for (int i = 0; i < g->ncols; i++) {
		c = strcmp(g->head[i], name) ? c : i;
		w = strcmp(g->head[i], "事项") ? w : i;
		nat = strcmp(g->head[i], "国家系统户编号") ? nat : i;
		own = strcmp(g->head[i], "户编号") ? own : i;
	}
	if (c < 0 || w < 0 || nat < 0 || own < 0)
		fail_msg("the upstream export has no column %s", name);
	for (int r = 0; r < g->nrows; r++)
		if (!strcmp(g->cell[r][w], what) &&
		    (!strcmp(g->cell[r][nat], no) || !strcmp(g->cell[r][own], no)))
			return g->cell[r][c];
	fail_msg("no upstream row %s of %s", what, no);
	return "";
}

/* Issue 15: "a township could load its national export, work a month in
 * jiance, and know exactly what to key upstream".  The export is loaded
 * (nothing queued: it came from there); then a month of the usual work --
 * a new household found and taken through the five steps, a lead on an
 * eliminated one, and on a monitored one a measure, a visit, a birth, the
 * year's income, a new contact person and a new phone number -- and the
 * queue holds exactly those changes, each once, and its export in the
 * national columns carries the values to key. */
static void test_month_of_work_after_national_import(void **state)
{
	(void)state;
	char ids[5][20], csv[4096], a_no[32], n_no[32];
	for (int i = 0; i < 5; i++)
		fixture_id(&F, 1960 + 3 * i, i == 1 || i == 4 ? 2 : 1, ids[i]);
	national_csv(csv, sizeof csv, ids, "健康");
	struct jerr e = { 0 };
	struct import *im = load(&F.ta, csv, "national");
	if (import_commit(im, 0, &e) != 0)
		fail_msg("import refused: %s", e.msg);
	import_free(im);
	assert_int_equal(upstream_pending_count(&F.ca), 0);
	int64_t a = count("SELECT id FROM households WHERE nat_no = '522700000001'");
	int64_t b = count("SELECT id FROM households WHERE nat_no = '522700000002'");

	/* the month */
	int64_t fresh = fixture_household(&F, F.village1, "禤新户", 0, "普通劳动力");
	store_text(F.db, n_no, sizeof n_no, "SELECT hh_no FROM households WHERE id = ?", "l", fresh);
	fixture_identify(&F, fresh, date_from_ymd(2026, 1, 6));
	struct lead_input li = { .household_id = b, .channel = "农户自主申报",
	                         .found_on = JDAY_NONE, .reason = "孩子上大学，学费负担重" };
	int64_t lead, rerun;
	int merged;
	assert_int_equal(lead_create(&F.v1a, &li, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &rerun, &e), 0);
	fixture_drive(&F, rerun, 6);                     /* monitored again */
	struct measure m = { .household_id = a, .amount = -1 };
	snprintf(m.category, sizeof m.category, "健康帮扶");
	snprintf(m.item, sizeof m.item, "%s", config_measure_cat(&F.cfg, "健康帮扶")->items[0].label);
	snprintf(m.content, sizeof m.content, "落实家庭医生签约服务");
	date_fmt(clock_today(), m.start_on);
	if (measure_save(&F.v1a, &m, &e) != 0)
		fail_msg("measure: %s", e.msg);
	struct visit v = { .household_id = a };
	date_fmt(clock_today(), v.visited_on);
	snprintf(v.findings, sizeof v.findings, "户主住院治疗后在家休养");
	if (visit_add(&F.v1a, &v, &e) != 0)
		fail_msg("visit: %s", e.msg);
	struct member baby;
	member_init(&baby);
	snprintf(baby.name, sizeof baby.name, "张小宝");
	fixture_id(&F, 2025, 1, baby.id_no);
	snprintf(baby.relation, sizeof baby.relation, "之孙子");
	snprintf(baby.ethnicity, sizeof baby.ethnicity, "汉族");
	snprintf(baby.schooling, sizeof baby.schooling, "学龄前儿童");
	snprintf(baby.health, sizeof baby.health, "健康");
	snprintf(baby.labour, sizeof baby.labour, "无劳动力");
	baby.household_id = a;
	if (member_join(&F.v1a, &baby, MEV_BIRTH, JDAY_NONE, "新生儿出生", &e) != 0)
		fail_msg("birth: %s", e.msg);
	struct income in = { .household_id = a, .year = 2025, .wage = 2400000, .transfer = 150000 };
	if (income_save(&F.v1a, &in, &e) != 0)
		fail_msg("income: %s", e.msg);
	struct contact c = { .area_id = F.village1, .active = 1 };
	snprintf(c.name, sizeof c.name, "赵帮扶");
	snprintf(c.phone, sizeof c.phone, "13900000001");
	snprintf(c.kind, sizeof c.kind, "村干部");
	assert_int_equal(contact_save(&F.v1a, &c, &e), 0);
	assert_int_equal(contact_assign(&F.v1a, a, c.id, JDAY_NONE, &e), 0);
	struct household h;
	assert_int_equal(household_get(&F.v1a, a, &h, &e), 0);
	snprintf(a_no, sizeof a_no, "%s", h.hh_no);
	snprintf(h.phone, sizeof h.phone, "13800000099");
	assert_int_equal(household_update(&F.v1a, &h, &e), 0);

	/* exactly that month in the queue, each change once */
	const struct { int64_t *hh; const char *what; } want[] = {
		{ &fresh, "新增风险线索" }, { &fresh, "识别纳入第1步入户核实" },
		{ &fresh, "识别纳入第2步信息比对" }, { &fresh, "识别纳入第3步民主评议和公示" },
		{ &fresh, "识别纳入第4步乡镇审核" }, { &fresh, "识别纳入第5步县级审定" },
		{ &b, "新增风险线索" }, { &b, "识别纳入第1步入户核实" }, { &b, "识别纳入第2步信息比对" },
		{ &b, "识别纳入第3步民主评议和公示" }, { &b, "识别纳入第4步乡镇审核" },
		{ &b, "识别纳入第5步县级审定" }, { &a, "新增帮扶措施" }, { &a, "走访" },
		{ &a, "家庭成员增加" }, { &a, "收入情况" }, { &a, "更换帮扶联系人" },
		{ &a, "修改户信息" },
	};
	int nwant = (int)(sizeof want / sizeof want[0]);
	struct upstream_entry u[32];
	int n = upstream_pending(&F.ca, 0, u, 32);
	for (int i = 0; i < n; i++) {
		int k = 0;
		while (k < nwant && !(*want[k].hh == u[i].household_id && !strcmp(want[k].what, u[i].what)))
			k++;
		if (k == nwant)
			fail_msg("queued but not this month's work: %s of household %lld", u[i].what,
			         (long long)u[i].household_id);
	}
	for (int k = 0; k < nwant; k++) {
		int seen = 0;
		for (int i = 0; i < n; i++)
			seen += *want[k].hh == u[i].household_id && !strcmp(want[k].what, u[i].what);
		if (seen != 1)
			fail_msg("%s of household %lld queued %d times", want[k].what,
			         (long long)*want[k].hh, seen);
	}
	assert_int_equal(n, nwant);

	/* its export in the national columns carries the values to key */
	static struct grid g;
	memset(&g, 0, sizeof g);
	struct export_sink sink = { &g, grid_header, grid_row, NULL };
	assert_int_equal(export_upstream(&F.ca, &sink, &e), nwant);
	assert_string_equal(grid_cell(&g, "522700000001", "新增帮扶措施", "健康帮扶"), "落实家庭医生签约服务");
	assert_string_equal(grid_cell(&g, "522700000001", "走访", "走访情况"), "户主住院治疗后在家休养");
	assert_string_equal(grid_cell(&g, "522700000001", "家庭成员增加", "姓名"), "张小宝");
	assert_string_equal(grid_cell(&g, "522700000001", "收入情况", "工资性收入"), "24000");
	assert_string_equal(grid_cell(&g, "522700000001", "更换帮扶联系人", "监测联系人"), "赵帮扶");
	assert_string_equal(grid_cell(&g, "522700000001", "修改户信息", "户联系电话"), "13800000099");
	assert_string_equal(grid_cell(&g, "522700000002", "新增风险线索", "线索来源"), "农户自主申报");
	assert_string_equal(grid_cell(&g, n_no, "识别纳入第5步县级审定", "致贫/返贫风险1"), "因病");
	assert_string_equal(grid_cell(&g, n_no, "识别纳入第5步县级审定", "国家系统户编号"), "");
	assert_string_equal(grid_cell(&g, "522700000001", "走访", "户编号"), a_no);

	/* the national system's export, loaded again before any of it was keyed
	 * there: what jiance changed since is newer and stays, and says so */
	im = load(&F.ta, csv, "national");
	assert_int_equal(import_counts(im)->rejected, 0);
	assert_non_null(strstr(import_row(im, 0)->note, "保留本系统待录入国家系统的修改"));
	assert_non_null(strstr(import_row(im, 0)->note, "户联系电话"));
	assert_non_null(strstr(import_row(im, 3)->note, "识别监测时间"));
	assert_int_equal(import_commit(im, 0, &e), 0);
	import_free(im);
	assert_int_equal(household_get(&F.v1a, a, &h, &e), 0);
	assert_string_equal(h.phone, "13800000099");
	assert_string_equal(h.contact_name, "赵帮扶");
	assert_int_equal(household_get(&F.v1a, b, &h, &e), 0);
	assert_int_equal(h.status, STATUS_MONITORED);
	assert_int_equal(upstream_pending(&F.ca, 0, u, 32), nwant);
}

/* A household whose identification is under way in jiance is not moved
 * on by the export: its rows are refused, nothing is written. */
static void test_national_import_waits_for_an_open_run(void **state)
{
	(void)state;
	int64_t hh = fixture_household(&F, F.village1, "张国强", 0, "普通劳动力");
	struct lead_input li = { .household_id = hh, .channel = "基层干部排查",
	                         .found_on = JDAY_NONE, .reason = "走访发现" };
	struct jerr e = { 0 };
	int64_t lead, run;
	int merged;
	assert_int_equal(lead_create(&F.v1a, &li, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	char ids[5][20], csv[4096];
	store_text(F.db, ids[0], sizeof ids[0], "SELECT id_no FROM members WHERE household_id = ?",
	           "l", hh);
	for (int i = 1; i < 5; i++)
		fixture_id(&F, 1972 + i, i == 1 || i == 4 ? 2 : 1, ids[i]);   /* 配偶 women */
	national_csv(csv, sizeof csv, ids, "健康");
	struct import *im = load(&F.ta, csv, "national");
	assert_int_equal(import_counts(im)->rejected, 3);
	assert_non_null(strstr(import_row(im, 0)->note, "正在办理识别或消除流程"));
	assert_int_equal(import_commit(im, 0, &e), -1);
	import_free(im);
	assert_int_equal(count("SELECT count(*) FROM households"), 1);
	struct household h;
	assert_int_equal(household_get(&F.ta, hh, &h, &e), 0);
	assert_int_equal(h.status, STATUS_IDENTIFYING);
	assert_string_equal(h.nat_no, "");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_new_household_numbered_by_village),
		T(test_numbers_unique_when_saved_at_once),
		T(test_national_number_its_own_field),
		T(test_queue_filled_by_decisions_and_visits_emptied_by_marking),
		T(test_change_and_entry_saved_together),
		T(test_assistance_tags_by_hand),
		T(test_household_edit_queued_upstream),
		T(test_household_disaster_subitems_on_save),
		T(test_mingzheng_import_tags_households),
		T(test_national_import_and_reimport),
		T(test_national_import_waits_for_an_open_run),
		T(test_month_of_work_after_national_import),
		T(test_national_reimport_with_masked_ids),
		T(test_national_import_reads_disaster_subitems),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
