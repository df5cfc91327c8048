#include "print_fixture.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/area.h"
#include "base/clock.h"
#include "base/idcard.h"
#include "base/pinyin.h"
#include "store/store.h"

/* Every insert is checked: a schema change shows up as a named failure,
 * not as a document with nothing in it. */
static int failed;
#define EXEC(db, ...) \
	do { \
		struct store *db_ = (db); \
		if (store_exec(db_, __VA_ARGS__) != 0 && !failed++) \
			fprintf(stderr, "print fixture, line %d: %s\n", __LINE__, store_errmsg(db_)); \
	} while (0)

static const char *const SURNAMES[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "冉", "向", "任", "谢", "彭" };
static const char *const GIVEN[] = { "建国", "秀英", "德明", "桂兰", "光荣", "玉梅", "国强",
	"春花", "永福", "红霞", "文华", "小平", "志刚", "丽娟", "大山", "明" };
static const char *const HEALTH[] = { "健康", "健康", "长期慢性病", "患有大病", "残疾", "健康" };
static const char *const RISKS[] = { "因病", "因学", "因残", "因意外事故", "缺劳动力", "因务工就业不稳" };
static const char *const CATS[] = { "产业帮扶", "就业帮扶", "健康帮扶", "公益岗位", "综合保障(低保/特困/残疾人补贴)" };
static const char *const TYPES[] = { "脱贫不稳定户", "边缘易致贫户", "突发严重困难户" };

struct gen { struct print_fixture *f; int64_t contact[3], groups[3][2]; int seq; };

static int64_t add_area(struct print_fixture *f, struct session *boot, int64_t parent,
                        const char *code, const char *name)
{
	int64_t id = 0;
	struct jerr e = { 0 };
	if (area_add(boot, parent, code, name, &id, &e) != 0)
		fprintf(stderr, "print fixture: %s\n", e.msg);
	(void)f;
	return id;
}

static void areas(struct gen *g)
{
	struct print_fixture *f = g->f;
	struct session boot = { .db = f->db, .cfg = &f->cfg };
	f->county = add_area(f, &boot, 0, "500243000000", "彭水苗族土家族自治县");
	f->baojia = add_area(f, &boot, f->county, "500243104000", "保家镇");
	f->yushan = add_area(f, &boot, f->county, "500243105000", "郁山镇");
	f->longyang = add_area(f, &boot, f->baojia, "500243104201", "龙阳村");
	f->shiban = add_area(f, &boot, f->baojia, "500243104202", "石板村");
	f->zhongjing = add_area(f, &boot, f->yushan, "500243105001", "中井社区");
	const int64_t v[3] = { f->longyang, f->shiban, f->zhongjing };
	const char *codes[3] = { "500243104201", "500243104202", "500243105001" };
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < 2; k++) {
			char code[16];
			snprintf(code, sizeof code, "%s%03d", codes[i], k + 1);
			g->groups[i][k] = add_area(f, &boot, v[i], code, k ? "第二村民小组" : "第一村民小组");
		}
}

static void people(struct gen *g)
{
	struct print_fixture *f = g->f;
	static const struct { const char *login, *name, *role; int area; } O[] = {
		{ "pf_county", "县级审定员", "county", 0 }, { "pf_township", "乡镇审核员", "township", 1 },
		{ "pf_village", "龙阳村干部", "village", 2 }, { "pf_admin", "管理员", "admin", 0 },
	};
	const int64_t area[3] = { f->county, f->baojia, f->longyang };
	for (size_t i = 0; i < sizeof O / sizeof O[0]; i++)
		EXEC(f->db, "INSERT INTO officers(login, name, role, area_id) VALUES (?, ?, ?, ?)",
		           "tttl", O[i].login, O[i].name, O[i].role, area[O[i].area]);
	static const char *const CN[] = { "冉光明", "向小红", "任德华" };
	const int64_t carea[3] = { f->longyang, f->shiban, f->zhongjing };
	for (int i = 0; i < 3; i++) {
		char phone[16];
		snprintf(phone, sizeof phone, "1398765%04d", i);
		EXEC(f->db, "INSERT INTO contacts(name, unit, phone, kind, area_id) VALUES (?, ?, ?, ?, ?)",
		           "tttti", CN[i], "保家镇人民政府", phone, "驻村干部", carea[i]);
		g->contact[i] = store_last_id(f->db);
	}
}

/* A valid ID: area 500243, a birth date, an odd (men) or even sequence. */
static void make_id(struct gen *g, int year, int sex, char out[20])
{
	unsigned n = (unsigned)g->seq++;
	char first[24];
	/* month and day run through 336 pairs before the sequence moves on */
	snprintf(first, sizeof first, "500243%04u%02u%02u%03u", (unsigned)year % 10000, 1 + n % 12,
	         1 + n / 12 % 28, (n / 336 * 2 + (sex == 1)) % 1000);
	snprintf(out, 20, "%.17s%c", first, idcard_check_digit(first));
}

static void member(struct gen *g, int64_t hh, const char *name, const char *rel, int year, int sex,
                   int k)
{
	char id[20], phone[16];
	make_id(g, year, sex, id);
	snprintf(phone, sizeof phone, "1350243%04d", g->seq % 10000);
	const char *health = HEALTH[k % 6];
	EXEC(g->f->db,
		"INSERT INTO members(household_id, name, id_no, sex, birth, relation, health, disability,"
		" labour, migrant_months, migrant_place, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"lttitttttitt", hh, name, id, sex, "1970-01-01", rel, health,
		!strcmp(health, "残疾") ? "肢体残疾" : "", k % 4 ? "普通劳动力" : "弱劳动力或半劳动力",
		k % 3 == 0 ? 6 : 0, k % 3 == 0 ? "浙江宁波" : "", phone);
}

/* status by index: most monitored, some of every other status */
static const char *status_of(int i, int monitored_only)
{
	static const char *const all[] = { "监测中", "监测中", "监测中", "风险已消除", "识别中", "监测中",
		"消除中", "监测中", "风险已消除", "线索", "识别中", "未纳入", "监测中", "消除中", "风险已消除",
		"监测中", "识别中", "监测中", "已注销", "监测中" };
	static const char *const mon[] = { "监测中", "监测中", "消除中", "风险已消除" };
	return monitored_only ? mon[i % 4] : all[i % 20];
}

static void day(int offset, char *out)
{
	date_fmt(date_iso(PF_TODAY) + offset, out);
}

/* identification dates: three batches this year (their postings make the
 * current one 第四批 in 龙阳村), the rest spread over 2024-2025 */
static void identified_on(int i, char *out)
{
	static const char *const batches[] = { "2026-05-12", "2026-04-10", "2026-02-20" };
	if (i % 7 < 3)
		snprintf(out, 11, "%s", batches[i % 7]);
	else
		snprintf(out, 11, "%d-%02d-%02d", 2024 + i % 2, 1 + i % 12, 1 + i % 27);
}

static int64_t add_run(struct gen *g, int64_t hh, const char *kind, const char *state, int step,
                       const char *type, const char *method, const char *start)
{
	EXEC(g->f->db, "INSERT INTO flow_runs(household_id, kind, step, state, started_on, hh_type,"
	     " elim_method, counted_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?5)", "ltittTT", hh, kind, step,
	     state, start, type ? type : "", method ? method : "");
	return store_last_id(g->f->db);
}

static void posting(struct gen *g, int64_t run, int from, int to, const char *base)
{
	char a[11], b[11];
	date_fmt(date_iso(base) + from, a);
	date_fmt(date_iso(base) + to, b);
	EXEC(g->f->db, "INSERT INTO postings(run_id, place, start_on, end_on) VALUES (?, ?, ?, ?)",
	           "ltt" "t", run, "村务公开栏", a, b);
}

static void decided(struct gen *g, int64_t run, const char *on)
{
	int64_t officer = store_int(g->f->db, 0, "SELECT id FROM officers WHERE login = 'pf_county'", "");
	EXEC(g->f->db, "INSERT INTO flow_steps(run_id, step, officer_id, done_on, outcome)"
	           " VALUES (?, 5, ?, ?, '通过')", "llt", run, officer, on);
}

/* The flow history a household's status implies. */
static void history(struct gen *g, int64_t hh, int i, const char *status, const char *ident,
                    const char *elim, const char *method)
{
	const char *type = TYPES[i % 3];
	char today[11];
	day(0, today);
	if (!strcmp(status, "识别中")) {
		posting(g, add_run(g, hh, "识别纳入", "进行中", 3, type, NULL, "2026-05-01"), -2, 4, today);
		return;
	}
	if (!strcmp(status, "消除中"))
		posting(g, add_run(g, hh, "风险消除", "进行中", 3, NULL, method, "2026-05-01"), -2, 4, today);
	if (!strncmp(ident, "2026", 4)) {
		int64_t r = add_run(g, hh, "识别纳入", "通过", 5, type, NULL, ident);
		posting(g, r, -15, -9, ident);
		decided(g, r, ident);
	}
	if (elim && !strncmp(elim, "2026", 4)) {
		int64_t r = add_run(g, hh, "风险消除", "通过", 5, NULL, method, elim);
		posting(g, r, -15, -9, elim);
		decided(g, r, elim);
	}
}

static void extras(struct gen *g, int64_t hh, int i, int monitored)
{
	struct store *db = g->f->db;
	for (int k = 0; k < 1 + i % 3; k++)
		EXEC(db, "INSERT INTO household_risks(household_id, ord, risk) VALUES (?, ?, ?)", "lit",
		           hh, k + 1, RISKS[(i + k) % 6]);
	EXEC(db, "INSERT INTO incomes(household_id, year, wage, business, transfer) VALUES (?, 2025, ?, ?, ?)",
	           "llll", hh, (int64_t)(1200000 + (i * 7919) % 2000000), (int64_t)300000, (int64_t)150000);
	for (int k = 0; monitored && k < 1 + i % 3; k++) {
		const char *cat = CATS[(i + k) % 5];
		EXEC(db, "INSERT INTO measures(household_id, category, developmental, content, department,"
		           " start_on, amount, state, entered_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		           "ltitttLtt", hh, cat, k % 2 == 0, k == 1 ? "安排村级公益性岗位（保洁员），每月补贴800元" : "发展中蜂养殖20箱，提供技术指导",
		           "乡村振兴局", "2025-08-01", (int64_t)(k == 2 ? 0 : 500000 + i), k ? "实施中" : "已完成",
		           "2025-08-02");
	}
}

static void head_name(int i, char *out, size_t n)
{
	if (i % 50 == 7)
		snprintf(out, n, "阿依古丽·买买提");   /* a long name with a middle dot */
	else
		snprintf(out, n, "%s%s", SURNAMES[i % 25], GIVEN[(i / 25 + i) % 16]);
}

static int household(struct gen *g, int i, int monitored_only)
{
	struct print_fixture *f = g->f;
	int vi = i % 3, size = 1 + i % 5;
	const int64_t village[3] = { f->longyang, f->shiban, f->zhongjing };
	const int64_t township[3] = { f->baojia, f->baojia, f->yushan };
	const char *status = status_of(i / 3, monitored_only);
	int monitored = !strcmp(status, "监测中") || !strcmp(status, "消除中") || !strcmp(status, "风险已消除");
	char name[64], key[256], ini[64], no[32], ident[11] = "", elim[11] = "", visit[11], phone[16], addr[96];
	head_name(i, name, sizeof name);
	pinyin_sortkey(name, key, sizeof key);
	pinyin_name(name, NULL, 0, ini, sizeof ini);
	snprintf(no, sizeof no, "5002431%09d", i + 1);
	snprintf(phone, sizeof phone, "1370243%04d", i % 10000);
	snprintf(addr, sizeof addr, "%s%d号", i % 2 ? "第二村民小组" : "第一村民小组", 1 + i % 97);
	day(-(i * 13 % 60), visit);
	const char *method = i % 2 ? "自然消除" : "帮扶消除";
	if (monitored || !strcmp(status, "已注销"))
		identified_on(i, ident);
	if (!strcmp(status, "风险已消除")) {
		snprintf(ident, sizeof ident, "2024-%02d-10", 1 + i % 12);
		snprintf(elim, sizeof elim, "%s", i % 7 == 0 ? "2026-05-15" : i % 7 == 1 ? "2026-03-18" : "2025-09-20");
	}
	if (store_exec(f->db,
		"INSERT INTO households(hh_no, county_id, township_id, village_id, group_id, address, phone,"
		" hh_type, is_tuopin, status, identified_on, eliminated_on, elim_method, head_name, head_pinyin,"
		" head_initials, size, contact_id, last_visit_on, g_house) VALUES"
		" (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"tllllttTitTTTtttiLTi", no, f->county, township[vi], village[vi], g->groups[vi][(i / 3) % 2], addr,
		phone, monitored ? TYPES[i % 3] : "", i % 3 == 0, status, ident, elim,
		*elim ? method : "", name, key, ini, size, monitored ? g->contact[vi] : (int64_t)0,
		monitored ? visit : "", i % 11 != 0) != 0)
		return -1;
	int64_t hh = store_last_id(f->db);
	member(g, hh, name, "户主", 1960 + i % 30, 1, i);
	static const char *const rel[] = { "配偶", "之子", "之女", "之父" };
	for (int k = 1; k < size; k++) {
		char m[64];
		snprintf(m, sizeof m, "%s%s", SURNAMES[(i + k) % 25], GIVEN[(i + 3 * k) % 16]);
		member(g, hh, m, rel[k - 1], k == 1 ? 1962 + i % 30 : 1995 + k, k % 2 ? 2 : 1, i + k);
	}
	extras(g, hh, i, monitored);
	history(g, hh, i, status, ident, *elim ? elim : NULL, method);
	return 0;
}

static int login(struct print_fixture *f, struct session *s, const char *who)
{
	struct jerr e = { 0 };
	if (session_login(s, f->db, &f->cfg, who, &e) == 0)
		return 0;
	fprintf(stderr, "print fixture: %s\n", e.msg);
	return -1;
}

int pf_open(struct print_fixture *f, int n, int monitored_only)
{
	memset(f, 0, sizeof *f);
	clock_pin(date_iso(PF_TODAY));
	config_defaults(&f->cfg);
	snprintf(f->cfg.county_name, sizeof f->cfg.county_name, "彭水苗族土家族自治县");
	snprintf(f->cfg.supervision_phones, sizeof f->cfg.supervision_phones, "023-78441234（保家镇）、023-78851200（县乡村振兴局）");
	testdb_fresh(f->path, sizeof f->path, "/tmp/jiance-print");
	struct jerr e = { 0 };
	f->db = store_open(f->path, 1, &e);
	if (!f->db) {
		fprintf(stderr, "print fixture: %s\n", e.msg);
		return -1;
	}
	struct gen g = { .f = f };
	failed = 0;
	store_begin(f->db);
	areas(&g);
	people(&g);
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++)
		rc = household(&g, i, monitored_only);
	if (rc != 0)
		fprintf(stderr, "print fixture: %s\n", store_errmsg(f->db));
	if (store_commit(f->db) != 0 || rc != 0 || failed)
		return -1;
	if (login(f, &f->county_s, "pf_county") || login(f, &f->township_s, "pf_township") ||
	    login(f, &f->village_s, "pf_village"))
		return -1;
	return 0;
}

void pf_close(struct print_fixture *f)
{
	store_close(f->db);
	testdb_drop(f->path);
	clock_pin(JDAY_NONE);
}
