#include "import_fixture.h"
#include "testdb.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/area.h"
#include "base/clock.h"
#include "register/household.h"
#include "base/idcard.h"
#include "access/officer.h"

void ifx_id(const char *birth8, int seq, char out[19])
{
	char first[18];
	snprintf(first, sizeof first, "500243%.8s%03u", birth8, (unsigned)seq % 1000u);
	snprintf(out, 19, "%s%c", first, idcard_check_digit(first));
}

static int areas(struct ifx *f)
{
	struct session sys = { .db = f->db, .cfg = &f->cfg };
	struct jerr e = { 0 };
	int rc = area_add(&sys, 0, "500243000000", "彭水苗族土家族自治县", &f->county, &e)
		|| area_add(&sys, f->county, "500243100000", "保家镇", &f->baojia, &e)
		|| area_add(&sys, f->county, "500243101000", "郁山镇", &f->yushan, &e)
		|| area_add(&sys, f->baojia, "500243100201", "龙阳村", &f->longyang, &e)
		|| area_add(&sys, f->baojia, "500243100202", "新田村", &f->xintian, &e)
		|| area_add(&sys, f->yushan, "500243101201", "龙阳村", &f->yushan_longyang, &e)
		|| area_add(&sys, f->yushan, "500243101202", "中井村", &f->zhongjing, &e)
		|| area_add(&sys, f->longyang, "500243100201001", "一组", &f->group1, &e)
		|| officer_add(&sys, "xian", "县干部", "county", f->county, NULL, &e)
		|| officer_add(&sys, "baojia", "保家镇干部", "township", f->baojia, NULL, &e)
		|| officer_add(&sys, "longyang", "龙阳村干部", "village", f->longyang, NULL, &e);
	if (rc)
		fprintf(stderr, "ifx: %s\n", e.msg);
	return rc ? -1 : 0;
}

static int64_t household(struct ifx *f, struct session *s, const char *no, int64_t village,
                         const char *name, char *id, int seq)
{
	struct household h;
	struct member m;
	struct jerr e = { 0 };
	household_init(&h);
	snprintf(h.hh_no, sizeof h.hh_no, "%s", no);
	h.village_id = village;
	member_init(&m);
	snprintf(m.name, sizeof m.name, "%s", name);
	ifx_id("19700101", seq, id);
	snprintf(m.id_no, sizeof m.id_no, "%s", id);
	if (household_create(s, &h, &m, &e) != 0) {
		fprintf(stderr, "ifx: %s\n", e.msg);
		return 0;
	}
	(void)f;
	return h.id;
}

/* States set directly: the flows that make them are not under test here. */
static int states(struct ifx *f)
{
	return store_exec(f->db, "UPDATE households SET status = '监测中', identified_on = '2025-09-01'"
	                  " WHERE id = ?", "l", f->hh_monitored)
		|| store_exec(f->db, "UPDATE households SET status = '风险已消除', identified_on = '2024-03-01',"
		              " eliminated_on = '2025-12-01' WHERE id = ?", "l", f->hh_eliminated)
		|| store_exec(f->db, "INSERT INTO leads(household_id, id_no, name, village_id, township_id,"
		              " created_on) VALUES (?, ?, '赵线索', ?, ?, '2026-05-01')", "ltll",
		              f->hh_lead, f->id_lead, f->longyang, f->baojia)
		|| store_exec(f->db, "INSERT INTO lead_sources(lead_id, channel, found_on, reason)"
		              " VALUES (?, '农户自主申报', '2026-05-01', '看病花费大')", "l",
		              store_last_id(f->db))
		? -1 : 0;
}

int ifx_open(struct ifx *f)
{
	memset(f, 0, sizeof *f);
	clock_pin(date_from_ymd(2026, 6, 1));
	snprintf(f->path, sizeof f->path, "/tmp/jiance-ifx-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(f->path);
	if (testdb_pg())
		testdb_fresh(f->db_where, sizeof f->db_where, "");
	else
		snprintf(f->db_where, sizeof f->db_where, "%s", f->path);
	config_defaults(&f->cfg);
	struct jerr e = { 0 };
	if (!(f->db = store_open(f->db_where, 1, &e)) || areas(f) != 0)
		return -1;
	struct session s;
	if (ifx_login(f, &s, "xian") != 0)
		return -1;
	f->hh_monitored = household(f, &s, "5002431002010001", f->longyang, "张监测", f->id_monitored, 11);
	f->hh_eliminated = household(f, &s, "5002431002020001", f->xintian, "李消除", f->id_eliminated, 13);
	f->hh_outside = household(f, &s, "5002431012020001", f->zhongjing, "王外乡", f->id_outside, 15);
	f->hh_lead = household(f, &s, "5002431002010002", f->longyang, "赵线索", f->id_lead, 17);
	if (!f->hh_monitored || !f->hh_eliminated || !f->hh_outside || !f->hh_lead)
		return -1;
	return states(f);
}

void ifx_close(struct ifx *f)
{
	store_close(f->db);
	f->db = NULL;
	testdb_drop(f->db_where);
	clock_pin(JDAY_NONE);
}

int ifx_login(struct ifx *f, struct session *s, const char *login)
{
	struct jerr e = { 0 };
	if (session_login(s, f->db, &f->cfg, login, &e) != 0) {
		fprintf(stderr, "ifx: %s\n", e.msg);
		return -1;
	}
	return 0;
}

int ifx_write(const char *path, const void *data, size_t n)
{
	FILE *out = fopen(path, "wb");
	if (!out)
		return -1;
	size_t done = fwrite(data, 1, n, out);
	return fclose(out) == 0 && done == n ? 0 : -1;
}

int ifx_write_gbk(const char *path, const char *utf8)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	if (cd == (iconv_t)-1)
		return -1;
	size_t inleft = strlen(utf8), cap = 2 * inleft + 16, outleft = cap;
	char *buf = malloc(cap), *in = (char *)utf8, *out = buf;
	size_t rc = iconv(cd, &in, &inleft, &out, &outleft);
	iconv_close(cd);
	int ok = rc != (size_t)-1 && ifx_write(path, buf, cap - outleft) == 0;
	free(buf);
	return ok ? 0 : -1;
}

long ifx_count(struct ifx *f, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	struct stmt *st = store_prepd(f->db, sql);
	long n = st && stmt_step(st) == 1 ? (long)stmt_int(st, 0) : -1;
	stmt_done(st);
	return n;
}

void ifx_snapshot(struct ifx *f, char *out, size_t n)
{
	static const char *const tables[] = {
		"households", "members", "leads", "lead_sources", "visits", "audit", "member_names",
	};
	out[0] = 0;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s=%ld ", tables[i], ifx_count(f, tables[i]));
	}
	size_t len = strlen(out);
	char v[32] = "";
	store_text(f->db, v, sizeof v, "SELECT coalesce(sum(version), 0) FROM households", "");
	snprintf(out + len, n - len, "versions=%s", v);
}
