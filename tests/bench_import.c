/* Benchmarks of issue 14's "done when", called from tests/bench.c: on the
 * 200,000-household demo county, a 100,000-row GBK warning list imported
 * as an officer imports it (`jiance import`, its own process), its dry run,
 * the second import of the same file, the peak memory, and the longest
 * wait of another officer for the write lock meanwhile; each beside
 * sqlite3's `.import` of the same file measured in the same run.  Every
 * figure is measured several times (each time on a fresh copy of the
 * demo) and printed as best and median: other work shares the machine.
 * Also 200,000 households exported to XLSX.  No main(): this file is
 * linked into every test binary as a helper. */
#include "bench_import.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "io/export.h"
#include "import_fixture.h"
#include "store/store.h"

#define TRIALS 3
#define LIST_ROWS 100000

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- the list: what a department sends about the demo county ---- */

static const char *const SURNAMES[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗" };
static const char *const GIVEN[] = { "秀英", "桂英", "建华", "国强", "志明", "小红", "德胜", "玉兰",
	"明", "芳", "勇", "静", "伟", "丽", "军", "洋" };
static const char *const DEPTS[] = { "县医疗保障局", "医保局", "县医保中心", "医疗保障局" };

struct place { char township[64], village[64]; };

static int places_of(struct store *db, struct place *out, int max)
{
	struct stmt *st = store_prep(db, "SELECT t.name, v.name FROM areas v JOIN areas t"
	                             " ON t.id = v.parent_id WHERE v.level = 3 ORDER BY v.code", "");
	int n = 0;
	while (st && n < max && stmt_step(st) == 1) {
		snprintf(out[n].township, sizeof out[n].township, "%s", stmt_text(st, 0));
		snprintf(out[n].village, sizeof out[n].village, "%s", stmt_text(st, 1));
		n++;
	}
	stmt_done(st);
	return n;
}

/* One row: a registered person (every tenth row, named as registered, in
 * their own village) or a new one. */
static size_t row(struct store *db, char *out, size_t room, long i, const struct place *p, int np)
{
	char id[19], name[64] = "", town[64], village[64];
	const struct place *at = &p[(i * 7919) % np];
	snprintf(town, sizeof town, "%s", at->township);
	snprintf(village, sizeof village, "%s", at->village);
	struct stmt *st = NULL;
	if (i % 10 == 0)
		st = store_prep(db, "SELECT m.id_no, m.name, t.name, v.name FROM members m"
		                " JOIN households h ON h.id = m.household_id JOIN areas t ON t.id = h.township_id"
		                " JOIN areas v ON v.id = h.village_id WHERE m.id = ?", "l", (int64_t)(i * 6 + 1));
	if (st && stmt_step(st) == 1) {
		snprintf(id, sizeof id, "%s", stmt_text(st, 0));
		snprintf(name, sizeof name, "%s", stmt_text(st, 1));
		snprintf(town, sizeof town, "%s", stmt_text(st, 2));
		snprintf(village, sizeof village, "%s", stmt_text(st, 3));
	} else {
		char birth[9];
		long day = i / 400;
		snprintf(birth, sizeof birth, "19%02ld%02ld%02ld", 40 + day / 336, 1 + day / 28 % 12,
		         1 + day % 28);
		ifx_id(birth, (int)(i % 400) * 2 + 1, id);
		/* a synthetic ID a demo member happens to hold: use the member's name */
		if (store_text(db, name, sizeof name, "SELECT name FROM members WHERE id_no = ?", "t", id) != 1)
			snprintf(name, sizeof name, "%s%s", SURNAMES[i % 20], GIVEN[i / 20 % 16]);
	}
	stmt_done(st);
	return (size_t)snprintf(out, room, "%ld,%s,%s,%s,%s,住院自付费用超过%ld万元,2026-%02ld-%02ld,%s\r\n",
	                        i + 1, name, id, town, village, 2 + i % 5, 1 + i % 4, 1 + i % 28,
	                        DEPTS[i % 4]);
}

/* The same rows as an Excel workbook: a title row, then the CSV's cells
 * (the generated cells hold no comma), written row by row. */
static int write_xlsx(const char *text, const char *path)
{
	lxw_workbook_options opt = { .constant_memory = 1 };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "预警名单") : NULL;
	if (!ws)
		return -1;
	char line[1024];
	lxw_row_t row = 0;
	for (const char *p = text; *p; row++) {
		size_t n = strcspn(p, "\r\n");
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		p += n;
		p += strspn(p, "\r\n");
		lxw_col_t col = 0;
		for (char *cell = strtok(line, ","); cell; cell = strtok(NULL, ","), col++)
			worksheet_write_string(ws, row, col, cell, NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

/* A department's list as Excel saves it: GBK, CRLF, a title row; and the
 * same as .xlsx beside it. */
static int write_list(const char *db_path, const char *path, const char *xlsx, long rows)
{
	struct jerr e = { 0 };
	struct store *db = store_open(db_path, 0, &e);
	static struct place p[4096];
	int np = db ? places_of(db, p, 4096) : 0;
	size_t cap = (size_t)rows * 200 + 4096, len = 0;
	char *text = np ? malloc(cap) : NULL;
	if (!text) {
		store_close(db);
		return -1;
	}
	len += (size_t)snprintf(text, cap, "彭水县医疗保障局高额医疗费用预警名单\r\n"
	                        "序号,姓名,身份证号码,所属乡镇,所属村（社区）,预警原因,预警日期,预警部门\r\n");
	store_read_begin(db);
	for (long i = 0; i < rows; i++)
		len += row(db, text + len, cap - len, i, p, np);
	store_read_end(db);
	store_close(db);
	int rc = ifx_write_gbk(path, text);
	if (rc == 0)
		rc = write_xlsx(text, xlsx);
	free(text);
	return rc;
}

/* ---- running and measuring ---- */

struct run { double secs, cpu; long maxrss_kb; int status; };

static struct run run_cmd(const char *cmd)
{
	fflush(stdout);
	double t0 = now();
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	struct rusage ru;
	wait4(pid, &st, 0, &ru);
	struct run r = { now() - t0,
		(double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		(double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
		ru.ru_maxrss, WIFEXITED(st) ? WEXITSTATUS(st) : -1 };
	return r;
}

/* Another officer saving now and then: the longest wait for the write lock
 * while the import runs.  BEGIN IMMEDIATE and ROLLBACK: it takes the lock
 * and writes nothing.  Twenty saves a second, more than a township makes:
 * a save waiting ends the import's transaction after its chunk, so a probe
 * trying every 2 ms held the import to one chunk a transaction, as no
 * officer does. */
static pid_t start_probe(const char *db_path, int fd)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	struct jerr e = { 0 };
	struct store *db = store_open(db_path, 0, &e);
	double worst = 0;
	while (db) {
		double t0 = now();
		while (store_begin(db) != 0)
			;                          /* busy_timeout ran out: still waiting */
		double w = now() - t0;
		store_rollback(db);
		if (w > worst) {
			worst = w;
			if (write(fd, &worst, sizeof worst) != sizeof worst)
				break;
		}
		usleep(50000);
	}
	_exit(0);
}

static double stop_probe(pid_t pid, int fd)
{
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	double w, worst = 0;
	while (read(fd, &w, sizeof w) == sizeof w)
		worst = w;
	return worst;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One figure over the runs; cpu: the processor time of each run (user and
 * system), which other work on the machine does not stretch. */
struct figure {
	const char *what;
	double v[TRIALS], cpu[TRIALS];
	int n;
	double target;
	const char *unit;
};

static void add(struct figure *f, double v) { if (f->n < TRIALS) f->v[f->n++] = v; }

static void add_run(struct figure *f, const struct run *r)
{
	if (f->n < TRIALS)
		f->cpu[f->n] = r->cpu;
	add(f, r->secs);
}

static void print_figure(FILE *out, const struct figure *f, const struct figure *anchor)
{
	double v[TRIALS];
	memcpy(v, f->v, sizeof v);
	qsort(v, (size_t)f->n, sizeof v[0], cmp);
	if (!f->n) {
		fprintf(out, "import: %-40s FAILED\n", f->what);
		return;
	}
	if (!strcmp(f->unit, "MB"))   /* memory: the highest of the runs is the peak */
		fprintf(out, "import: %-40s peak %7.1f %s, median %7.1f %s (target <= %g %s)", f->what,
		        v[f->n - 1], f->unit, v[f->n / 2], f->unit, f->target, f->unit);
	else
		fprintf(out, "import: %-40s best %7.2f %s, median %7.2f %s (target <= %g %s)", f->what,
		        v[0], f->unit, v[f->n / 2], f->unit, f->target, f->unit);
	if (f->cpu[0] > 0) {
		double c[TRIALS];
		memcpy(c, f->cpu, sizeof c);
		qsort(c, (size_t)f->n, sizeof c[0], cmp);
		fprintf(out, ", cpu %.2f s", c[f->n / 2]);
	}
	if (anchor && anchor->n) {
		double a[TRIALS];
		memcpy(a, anchor->v, sizeof a);
		qsort(a, (size_t)anchor->n, sizeof a[0], cmp);
		fprintf(out, "  sqlite3 .import %.2f s, %.0fx", a[anchor->n / 2], v[f->n / 2] / a[anchor->n / 2]);
	}
	fputc('\n', out);
}

/* One trial on a fresh copy of the demo (flushed to disk first: the
 * copy's 600 MB being written back would slow whatever runs next):
 * sqlite3 .import, the dry run, the import with the probe beside it, the
 * second import; then the .xlsx on another fresh copy. */
static int trial(const char *bin, const char *demo, const char *dir, const char *list,
                 const char *xlsx, struct figure *f)
{
	char db[256], cmd[2048], outp[256];
	snprintf(db, sizeof db, "%s/work.db", dir);
	snprintf(outp, sizeof outp, "%s/import.out", dir);
	snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm'; cp '%s' '%s'; sync", db, db, db, demo, db);
	if (system(cmd) != 0)
		return -1;
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \".import --csv --skip 1 '%s' bench_rows\"", db, list);
	struct run r = run_cmd(cmd);
	if (r.status == 0)
		add_run(&f[0], &r);
#define JIANCE "'%s' --db '%s' --as demo_county import --kind leads --department 医保 %s'%s' >'%s' 2>&1"
	snprintf(cmd, sizeof cmd, JIANCE, bin, db, "--dry-run ", list, outp);
	r = run_cmd(cmd);
	if (r.status == 0) {
		add_run(&f[1], &r);
		add(&f[5], (double)r.maxrss_kb / 1024.0);
	}
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t probe = start_probe(db, fds[1]);
	close(fds[1]);
	usleep(50000);
	snprintf(cmd, sizeof cmd, JIANCE, bin, db, "", list, outp);
	r = run_cmd(cmd);
	double lock = stop_probe(probe, fds[0]);
	close(fds[0]);
	if (r.status != 0) {
		snprintf(cmd, sizeof cmd, "tail -3 '%s'", outp);
		return system(cmd), -1;
	}
	add_run(&f[2], &r);
	add(&f[5], (double)r.maxrss_kb / 1024.0);
	add(&f[6], lock);
	snprintf(cmd, sizeof cmd, "grep -h '已导入：\\|没有需要新增' '%s'", outp);
	if (f[2].n == 1 && system(cmd) != 0)
		return -1;
	snprintf(cmd, sizeof cmd, JIANCE, bin, db, "", list, outp);
	r = run_cmd(cmd);
	snprintf(cmd, sizeof cmd, "grep -q '没有需要新增的内容' '%s'", outp);
	if (r.status != 0 || system(cmd) != 0) {
		fprintf(stderr, "bench: the second import created something\n");
		return -1;
	}
	add_run(&f[3], &r);
	add(&f[5], (double)r.maxrss_kb / 1024.0);
	/* the same list as a workbook, on a fresh copy */
	snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm'; cp '%s' '%s'; sync", db, db, db, demo, db);
	if (system(cmd) != 0)
		return -1;
	snprintf(cmd, sizeof cmd, JIANCE, bin, db, "", xlsx, outp);
	r = run_cmd(cmd);
	if (r.status != 0)
		return -1;
	add_run(&f[4], &r);
	add(&f[5], (double)r.maxrss_kb / 1024.0);
	return 0;
}

/* ---- export ---- */

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
		               " VALUES (?, ?, ?, 1, '1960-01-01', '户主')", "ltt", store_last_id(fx->db),
		               name, id) != 0) {
			store_rollback(fx->db);
			return -1;
		}
	}
	int rc = store_commit(fx->db);
	store_bulk(fx->db, 0);
	return rc;
}

static int bench_xlsx(FILE *out, long n)
{
	struct ifx fx;
	if (ifx_open(&fx) != 0 || fill(&fx, n) != 0)
		return -1;
	char path[96];
	snprintf(path, sizeof path, "%s-households.xlsx", fx.path);
	struct session s;
	struct jerr e = { 0 };
	struct export_sink k;
	if (ifx_login(&fx, &s, "xian") != 0 || export_xlsx_sink(&k, path, "监测户", &e) != 0)
		return -1;
	double t0 = now();
	long rows = export_run(&s, "households", NULL, NULL, &k, &e);
	export_xlsx_done(&k);
	double t1 = now();
	fprintf(out, "export: %ld households to XLSX: %.2f s — limit 10 s\n", rows, t1 - t0);
	if (rows < 0)
		fprintf(out, "export: failed: %s\n", e.msg);
	unlink(path);
	ifx_close(&fx);
	return rows >= n && t1 - t0 < 10.0 ? 0 : 1;
}

int bench_import(FILE *out, const char *bin, const char *demo, const char *dir)
{
	char list[256], xlsx[256], cmd[600];
	snprintf(list, sizeof list, "%s/list.csv", dir);
	snprintf(xlsx, sizeof xlsx, "%s/list.xlsx", dir);
	if (system("command -v sqlite3 >/dev/null") != 0) {
		fprintf(out, "import: the sqlite3 program is missing (make deps installs it)\n");
		return 1;
	}
	if (write_list(demo, list, xlsx, LIST_ROWS) != 0) {
		fprintf(out, "import: cannot write the list from %s\n", demo);
		return 1;
	}
	struct figure f[] = {
		{ .what = "sqlite3 .import of the same file", .target = 0.28, .unit = "s" },
		{ .what = "dry run of 100,000-row GBK list", .target = 1.5, .unit = "s" },
		{ .what = "import of 100,000-row GBK list", .target = 3, .unit = "s" },
		{ .what = "second import of the same list", .target = 3, .unit = "s" },
		{ .what = "import of the same list as .xlsx", .target = 4.5, .unit = "s" },
		{ .what = "peak memory of an import", .target = 200, .unit = "MB" },
		{ .what = "another officer's longest lock wait", .target = 1, .unit = "s" },
	};
	fprintf(out, "import: on %s, %d rows, best and median of %d runs\n", demo, LIST_ROWS, TRIALS);
	int rc = 0;
	for (int t = 0; t < TRIALS && rc == 0; t++)
		rc = trial(bin, demo, dir, list, xlsx, f);
	for (int i = 0; i < 7; i++)
		print_figure(out, &f[i], i >= 1 && i <= 4 ? &f[0] : NULL);
	if (f[2].n && f[4].n) {
		double c[TRIALS], x[TRIALS];
		memcpy(c, f[2].v, sizeof c);
		memcpy(x, f[4].v, sizeof x);
		qsort(c, (size_t)f[2].n, sizeof c[0], cmp);
		qsort(x, (size_t)f[4].n, sizeof x[0], cmp);
		fprintf(out, "import: .xlsx takes %.2fx the time of the same list as CSV (target <= 1.5x)\n",
		        x[f[4].n / 2] / c[f[2].n / 2]);
	}
	snprintf(cmd, sizeof cmd, "rm -f '%s' '%s' '%s'/work.db*", list, xlsx, dir);
	rc |= system(cmd);
	rc |= bench_xlsx(out, 200000);
	return rc != 0;
}
