/* Benchmarks of issue 6's "done when", called from tests/bench.c: a
 * 100,000-row GBK warning list imported (read, checked, triaged, written),
 * and 200,000 households exported to XLSX.  No main(): this file is linked
 * into every test binary as a helper. */
#include "bench_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/export.h"
#include "io/import.h"
#include "import_fixture.h"
#include "store/store.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *const SURNAMES[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗" };
static const char *const GIVEN[] = { "秀英", "桂英", "建华", "国强", "志明", "小红", "德胜", "玉兰",
	"明", "芳", "勇", "静", "伟", "丽", "军", "洋" };
static const char *const PLACES[][2] = {
	{ "保家镇", "龙阳村" }, { "保家镇", "新田村" }, { "郁山镇", "中井村" }, { "郁山镇", "龙阳村" },
};

/* A department's list as Excel saves it: GBK, CRLF, a title row. */
static int write_list(const char *path, long rows)
{
	size_t cap = (size_t)rows * 160 + 4096, len = 0;
	char *text = malloc(cap);
	if (!text)
		return -1;
	len += (size_t)snprintf(text, cap, "彭水县医疗保障局高额医疗费用预警名单\r\n"
	                        "序号,姓名,身份证号码,所属乡镇,所属村（社区）,预警原因,预警日期\r\n");
	for (long i = 0; i < rows; i++) {
		char id[19], birth[9];
		long day = i / 400;   /* 400 people per birth date, odd and even sequences */
		snprintf(birth, sizeof birth, "19%02ld%02ld%02ld", 40 + day / 336, 1 + day / 28 % 12,
		         1 + day % 28);
		ifx_id(birth, (int)(i % 400) * 2 + 1, id);
		const char *const *p = PLACES[i % 4];
		len += (size_t)snprintf(text + len, cap - len, "%ld,%s%s,%s,%s,%s,住院自付费用超过%ld万元,2026-05-%02ld\r\n",
		                        i + 1, SURNAMES[i % 20], GIVEN[i / 20 % 16], id, p[0], p[1],
		                        2 + i % 5, 1 + i % 28);
	}
	int rc = ifx_write_gbk(path, text);
	free(text);
	return rc;
}

static int bench_list(struct ifx *fx, FILE *out, long rows)
{
	char path[96];
	snprintf(path, sizeof path, "%s-list.csv", fx->path);
	if (write_list(path, rows) != 0)
		return -1;
	struct session s;
	struct jerr e = { 0 };
	if (ifx_login(fx, &s, "xian") != 0)
		return -1;
	struct import_opts o = { .kind = "leads", .department = "医保局" };
	double t0 = now();
	struct import *im = import_load(&s, path, &o, &e);
	double t1 = now();
	int rc = im && import_commit(im, 0, &e) == 0 ? 0 : -1;
	double t2 = now();
	fprintf(out, "import: %ld-row GBK warning list: %.2f s (read and check %.2f s, write %.2f s;"
	        " %ld leads) — limit 5 s\n", rows, t2 - t0, t1 - t0, t2 - t1,
	        ifx_count(fx, "leads"));
	if (rc != 0)
		fprintf(out, "import: failed: %s\n", e.msg);
	import_free(im);
	unlink(path);
	return rc == 0 && t2 - t0 < 5.0 ? 0 : 1;
}

/* Households written straight into the tables: what is measured is the
 * export, not the register's checks. */
static int fill(struct ifx *fx, long n)
{
	store_bulk(fx->db, 1);
	if (store_begin(fx->db) != 0)
		return -1;
	int64_t villages[] = { fx->longyang, fx->xintian, fx->zhongjing, fx->yushan_longyang };
	int64_t towns[] = { fx->baojia, fx->baojia, fx->yushan, fx->yushan };
	for (long i = 0; i < n; i++) {
		char no[20], id[19], name[16];
		snprintf(no, sizeof no, "B%015ld", i);
		snprintf(id, sizeof id, "5002431960%08ld", i);   /* unique; exports do not check IDs */
		snprintf(name, sizeof name, "%s%s", SURNAMES[i % 20], GIVEN[i / 20 % 16]);
		if (store_exec(fx->db, "INSERT INTO households(hh_no, county_id, township_id, village_id,"
		               " status, hh_type, identified_on, head_name, size) VALUES"
		               " (?, ?, ?, ?, '监测中', '边缘易致贫户', '2025-03-01', ?, 3)", "tlllt",
		               no, fx->county, towns[i % 4], villages[i % 4], name) != 0 ||
		    store_exec(fx->db, "INSERT INTO members(household_id, name, id_no, sex, birth, relation)"
		               " VALUES (last_insert_rowid(), ?, ?, 1, '1960-01-01', '户主')", "tt", name, id) != 0) {
			store_rollback(fx->db);
			return -1;
		}
	}
	int rc = store_commit(fx->db);
	store_bulk(fx->db, 0);
	return rc;
}

static int bench_xlsx(struct ifx *fx, FILE *out, long n)
{
	if (fill(fx, n) != 0)
		return -1;
	char path[96];
	snprintf(path, sizeof path, "%s-households.xlsx", fx->path);
	struct session s;
	struct jerr e = { 0 };
	struct export_sink k;
	if (ifx_login(fx, &s, "xian") != 0 || export_xlsx_sink(&k, path, "监测户", &e) != 0)
		return -1;
	double t0 = now();
	long rows = export_run(&s, "households", NULL, NULL, &k, &e);
	export_xlsx_done(&k);
	double t1 = now();
	fprintf(out, "export: %ld households to XLSX: %.2f s — limit 10 s\n", rows, t1 - t0);
	if (rows < 0)
		fprintf(out, "export: failed: %s\n", e.msg);
	unlink(path);
	return rows >= n && t1 - t0 < 10.0 ? 0 : 1;
}

int bench_import(FILE *out)
{
	struct ifx fx;
	if (ifx_open(&fx) != 0) {
		fprintf(out, "import: cannot build the test county\n");
		return 1;
	}
	int rc = bench_list(&fx, out, 100000);
	rc |= bench_xlsx(&fx, out, 200000);
	ifx_close(&fx);
	return rc != 0;
}
