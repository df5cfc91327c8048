/* make soak (issue 13): N officers (processes) for M minutes saving
 * visits through the library, each now and then exporting through the
 * real binary, one taking backups, while importers run county-wide
 * imports of IMPORT_ROWS-row warning lists again and again; then kill -9
 * at random moments during imports, demos and saves (tests/crash.c), and
 * hang-ups of consoles with a form typed while imports run (tests/hangups.c).
 * Prints rows written against rows in the database, busy messages shown
 * to a user, save latency (median, p99), and exits 1 on any loss,
 * duplicate, busy message, failed command or damaged database.
 *
 *   make soak                  N=8 MINUTES=2 IMPORT_ROWS=100000 CRASHES=20 HANGUPS=20
 *   make soak N=8 MINUTES=10   the figures of issue 13 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "access/session.h"
#include "assist/assist.h"
#include "base/clock.h"
#include "crash.h"
#include "hangups.h"
#include "store/errlog.h"
#include "store/store.h"

#define MAX_OFFICERS 64
#define MAX_ROUNDS 256

struct opts {
	int n, minutes, import_rows, importers, crashes, households, hangups;
};

static const char *bin;
static char dir[64], db[128], conf[160];

static int env_int(const char *name, int dflt)
{
	const char *v = getenv(name);
	return v && *v ? atoi(v) : dflt;
}

/* ---- one officer ---- */

struct saver_result {
	long ok, busy, failed, exports, backups, cmd_failed, cmd_busy, waited;
	long nlat;
};

/* As the console waits (kit/app.c): up to two minutes, the notice shown
 * from a quarter second on.  Counts the saves that showed it. */
static int shown;

static int notice(void *arg, int waited_ms)
{
	(void)arg;
	(void)waited_ms;
	shown = 1;
	return 1;
}

static int busy_words(const char *file)
{
	char buf[8192] = "";
	FILE *f = fopen(file, "r");
	if (f) {
		buf[fread(buf, 1, sizeof buf - 1, f)] = 0;
		fclose(f);
	}
	return strstr(buf, "数据库忙") || strstr(buf, "database is locked") || strstr(buf, "正在等待");
}

/* The real binary as login; 0 ok, 1 failed, 2 said busy. */
static int command(const char *login, const char *const *args, int slot)
{
	const char *argv[16] = { "-c", conf, "--db", db, "--as", login };
	int n = 6;
	for (int i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	char err[160];
	snprintf(err, sizeof err, "%s/cmd-%d.err", dir, slot);
	int st = crash_wait(crash_spawn(bin, argv, NULL, err));
	int busy = busy_words(err);
	unlink(err);
	return busy ? 2 : st != 0;
}

static void saver(int i, const char *login, long long until, int backups)
{
	struct jerr e = { 0 };
	struct config cfg;
	struct session s;
	char path[160];
	config_defaults(&cfg);
	clock_pin(date_iso(CRASH_TODAY));
	snprintf(path, sizeof path, "%s/saver-%d.log", dir, i);
	errlog_open(path, login, &e);
	struct store *st = store_open(db, 0, &e);
	if (!st || session_login(&s, st, &cfg, login, &e) != 0) {
		fprintf(stderr, "soak: %s: %s\n", login, e.msg);
		_exit(3);
	}
	session_on_wait(&s, notice, NULL, 120000);
	int64_t hh[512];
	int nhh = 0;
	struct stmt *q = store_prep(st, "SELECT id FROM households WHERE village_id = ?"
	                            " AND status IN ('监测中', '消除中') LIMIT 512", "l", s.scope.area_id);
	while (q && nhh < 512 && stmt_step(q) == 1)
		hh[nhh++] = stmt_int(q, 0);
	stmt_done(q);
	snprintf(path, sizeof path, "%s/markers-%d", dir, i);
	FILE *marks = fopen(path, "w");
	snprintf(path, sizeof path, "%s/latency-%d", dir, i);
	FILE *lat = fopen(path, "wb");
	struct saver_result r = { 0 };
	long long next_export = crash_ms() + 5000 + i * 1000, next_backup = crash_ms() + 15000;
	unsigned seed = (unsigned)getpid();
	for (long k = 0; crash_ms() < until && nhh; k++) {
		struct visit v = { .household_id = hh[k % nhh] };
		snprintf(v.visited_on, sizeof v.visited_on, "%s", CRASH_TODAY);
		snprintf(v.findings, sizeof v.findings, "soak:%d:%ld", i, k);
		long long t0 = crash_ms();
		shown = 0;
		int rc = visit_add(&s, &v, &e);
		r.waited += shown;
		float ms = (float)(crash_ms() - t0);
		fwrite(&ms, sizeof ms, 1, lat);
		r.nlat++;
		if (rc == 0) {
			r.ok++;
			fprintf(marks, "%s\n", v.findings);
			fflush(marks);
		} else if (strstr(e.msg, "忙")) {
			r.busy++;
		} else if (r.failed++ == 0) {
			fprintf(stderr, "soak: %s: %s\n", login, e.msg);
		}
		if (crash_ms() >= next_export) {
			char out[160];
			snprintf(out, sizeof out, "%s/export-%d.csv", dir, i);
			int c = command(login, (const char *[]){ "export", "visits", "-o", out, NULL }, i);
			unlink(out);
			r.exports++;
			r.cmd_failed += c == 1;
			r.cmd_busy += c == 2;
			next_export = crash_ms() + 20000;
		}
		if (backups && crash_ms() >= next_backup) {
			char out[160];
			snprintf(out, sizeof out, "%s/backup.db", dir);
			int c = command("demo_county", (const char *[]){ "backup", out, NULL }, i);
			unlink(out);
			r.backups++;
			r.cmd_failed += c == 1;
			r.cmd_busy += c == 2;
			next_backup = crash_ms() + 30000;
		}
		/* an officer types between saves; compressed to 50-250 ms */
		seed = seed * 1103515245u + 12345u;
		struct timespec ts = { 0, (long)(50 + (seed >> 8) % 200) * 1000000L };
		nanosleep(&ts, NULL);
	}
	fclose(marks);
	fclose(lat);
	snprintf(path, sizeof path, "%s/result-%d", dir, i);
	FILE *f = fopen(path, "wb");
	fwrite(&r, sizeof r, 1, f);
	fclose(f);
	store_close(st);
	_exit(0);
}

/* ---- importers ---- */

struct import_result {
	int rounds;
	int exit[MAX_ROUNDS];
	int busy[MAX_ROUNDS];
	long long ms[MAX_ROUNDS];
};

static void importer(int j, int rows, long long until)
{
	struct import_result r = { 0 };
	char csv[160], marker[64], err[160];
	snprintf(csv, sizeof csv, "%s/import-%d.csv", dir, j);
	snprintf(err, sizeof err, "%s/import-%d.err", dir, j);
	while (crash_ms() < until && r.rounds < MAX_ROUNDS) {
		snprintf(marker, sizeof marker, "soak-import-%d-%d", j, r.rounds);
		unsigned first = 5000000u + (unsigned)j * 2000000u + (unsigned)r.rounds * (unsigned)rows;
		if (crash_leads_file(db, csv, rows, marker, first) != 0)
			break;
		long long t0 = crash_ms();
		const char *args[] = { "-c", conf, "--db", db, "--as", "demo_county", "import", "--kind",
		                       "leads", "--department", "医保", csv, NULL };
		r.exit[r.rounds] = crash_wait(crash_spawn(bin, args, NULL, err));
		r.ms[r.rounds] = crash_ms() - t0;
		r.busy[r.rounds] = busy_words(err);
		r.rounds++;
	}
	unlink(csv);
	unlink(err);
	char path[160];
	snprintf(path, sizeof path, "%s/imports-%d", dir, j);
	FILE *f = fopen(path, "wb");
	fwrite(&r, sizeof r, 1, f);
	fclose(f);
	_exit(0);
}

/* ---- the account ---- */

static int by_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return x < y ? -1 : x > y;
}

static int officers(char logins[][32], int n)
{
	struct jerr e = { 0 };
	struct store *s = store_open(db, 0, &e);
	int got = 0;
	struct stmt *q = store_prep(s, "SELECT o.login FROM officers o WHERE o.role = 'village' AND o.active"
	                            " AND (SELECT count(*) FROM households h WHERE h.village_id = o.area_id"
	                            " AND h.status IN ('监测中', '消除中')) >= 3 ORDER BY o.id LIMIT ?", "i", n);
	while (q && got < n && stmt_step(q) == 1)
		snprintf(logins[got++], 32, "%s", stmt_text(q, 0));
	stmt_done(q);
	store_close(s);
	for (int i = got; i < n && got; i++)     /* fewer villages than officers: share */
		snprintf(logins[i], 32, "%s", logins[i % got]);
	return got ? n : 0;
}

struct tally {
	long written, present, lost, duplicated, busy, failed, cmd_failed, exports, backups, waited;
	long imports, imports_whole, imports_none, imports_split, import_rows;
	long long import_ms_max;
	float median, p99, max;
	long long_tx;
};

/* Every marker a saver reported is in the database once; no other soak
 * row is there. */
static void count_saves(const struct opts *o, struct tally *t)
{
	struct jerr e = { 0 };
	struct store *s = store_open(db, 0, &e);
	for (int i = 0; i < o->n; i++) {
		char path[160], line[64];
		snprintf(path, sizeof path, "%s/markers-%d", dir, i);
		FILE *f = fopen(path, "r");
		while (f && fgets(line, sizeof line, f)) {
			line[strcspn(line, "\n")] = 0;
			int64_t n = store_int(s, -1, "SELECT count(*) FROM visits WHERE findings = ?", "t", line);
			t->written++;
			t->lost += n == 0;
			t->duplicated += n > 1 ? n - 1 : 0;
		}
		if (f)
			fclose(f);
	}
	t->present = store_int(s, -1, "SELECT count(*) FROM visits WHERE findings LIKE ?", "t", "soak:%");
	if (t->present > t->written)     /* saved but reported failed: twice if typed again */
		t->duplicated += t->present - t->written + t->lost;
	store_close(s);
}

static void count_imports(const struct opts *o, struct tally *t)
{
	struct jerr e = { 0 };
	struct store *s = store_open(db, 0, &e);
	for (int j = 0; j < o->importers; j++) {
		char path[160];
		struct import_result r;
		snprintf(path, sizeof path, "%s/imports-%d", dir, j);
		FILE *f = fopen(path, "rb");
		if (!f || fread(&r, sizeof r, 1, f) != 1) {
			t->failed++;
			if (f)
				fclose(f);
			continue;
		}
		fclose(f);
		for (int k = 0; k < r.rounds; k++) {
			char marker[64];
			snprintf(marker, sizeof marker, "soak-import-%d-%d", j, k);
			int64_t n = store_int(s, -1, "SELECT count(*) FROM lead_sources WHERE reason = ?", "t", marker);
			t->imports++;
			t->busy += r.busy[k];
			t->cmd_failed += r.exit[k] != 0;
			t->imports_whole += n == o->import_rows && r.exit[k] == 0;
			t->imports_none += n == 0 && r.exit[k] != 0;
			t->imports_split += !(n == o->import_rows && r.exit[k] == 0) && !(n == 0 && r.exit[k] != 0);
			t->import_rows += n;
			if (r.ms[k] > t->import_ms_max)
				t->import_ms_max = r.ms[k];
		}
	}
	store_close(s);
}

static void count_latency(const struct opts *o, struct tally *t)
{
	size_t cap = 1 << 16, n = 0;
	float *all = malloc(cap * sizeof *all);
	for (int i = 0; i < o->n; i++) {
		char path[160];
		struct saver_result r;
		snprintf(path, sizeof path, "%s/result-%d", dir, i);
		FILE *f = fopen(path, "rb");
		if (!f || fread(&r, sizeof r, 1, f) != 1) {
			t->failed++;
			if (f)
				fclose(f);
			continue;
		}
		fclose(f);
		t->busy += r.busy + r.cmd_busy;
		t->waited += r.waited;
		t->failed += r.failed;
		t->cmd_failed += r.cmd_failed;
		t->exports += r.exports;
		t->backups += r.backups;
		snprintf(path, sizeof path, "%s/latency-%d", dir, i);
		f = fopen(path, "rb");
		float ms;
		while (f && fread(&ms, sizeof ms, 1, f) == 1) {
			if (n == cap)
				all = realloc(all, (cap *= 2) * sizeof *all);
			all[n++] = ms;
		}
		if (f)
			fclose(f);
	}
	qsort(all, n, sizeof *all, by_float);
	if (n) {
		t->median = all[n / 2];
		t->p99 = all[n * 99 / 100];
		t->max = all[n - 1];
	}
	free(all);
}

/* Write transactions held past a second, as the logs say (store.c). */
static long long_writes(void)
{
	char cmd[256], buf[32] = "0";
	snprintf(cmd, sizeof cmd, "cat %s/*.log 2>/dev/null | grep -c '写事务持有'", dir);
	FILE *p = popen(cmd, "r");
	if (p) {
		if (!fgets(buf, sizeof buf, p))
			snprintf(buf, sizeof buf, "0");
		pclose(p);
	}
	/* where each began, so a long one can be found */
	snprintf(cmd, sizeof cmd, "cat %s/*.log 2>/dev/null | grep -h '写事务持有' | head -5 | sed 's/^/  /'",
	         dir);
	if (system(cmd) != 0)
		fprintf(stderr, "soak: cannot list the long writes\n");
	return atol(buf);
}

static void run_soak(const struct opts *o, struct tally *t)
{
	char logins[MAX_OFFICERS][32];
	if (!officers(logins, o->n)) {
		fprintf(stderr, "soak: no village officer with households in the demo\n");
		exit(2);
	}
	long long secs = env_int("SOAK_SECONDS", o->minutes * 60);   /* a shorter run, to try it */
	long long until = crash_ms() + secs * 1000;
	pid_t pids[MAX_OFFICERS + 8];
	int np = 0;
	for (int j = 0; j < o->importers; j++)
		if ((pids[np++] = fork()) == 0)
			importer(j, o->import_rows, until);
	for (int i = 0; i < o->n; i++)
		if ((pids[np++] = fork()) == 0)
			saver(i, logins[i], until, i == 0);
	for (int k = 0; k < np; k++)
		if (crash_wait(pids[k]) != 0)
			t->failed++;
	count_saves(o, t);
	count_imports(o, t);
	count_latency(o, t);
	t->long_tx = long_writes();
}

int main(void)
{
	struct opts o = { env_int("SOAK_N", 8), env_int("SOAK_MINUTES", 2),
	                  env_int("SOAK_IMPORT_ROWS", 100000), env_int("SOAK_IMPORTERS", 2),
	                  env_int("SOAK_CRASHES", 20), env_int("SOAK_HOUSEHOLDS", 2000),
	                  env_int("SOAK_HANGUPS", 20) };
	bin = getenv("JIANCE_BIN");
	if (!bin || o.n < 1 || o.n > MAX_OFFICERS || o.minutes < 0) {
		fprintf(stderr, "soak: JIANCE_BIN, SOAK_N (1-%d), SOAK_MINUTES\n", MAX_OFFICERS);
		return 2;
	}
	snprintf(dir, sizeof dir, "/tmp/jiance-soak-XXXXXX");
	if (!mkdtemp(dir))
		return 2;
	snprintf(db, sizeof db, "%s/soak.db", dir);
	snprintf(conf, sizeof conf, "%s/soak.conf", dir);
	FILE *c = fopen(conf, "w");
	fprintf(c, "log = { path = \"%s/{login}.log\"; };\n", dir);
	fclose(c);
	printf("soak: %d officers × %d s, %d importers × %d rows, demo of %d households (%s)\n",
	       o.n, env_int("SOAK_SECONDS", o.minutes * 60), o.importers, o.import_rows, o.households,
	       dir);
	fflush(stdout);
	if (crash_make_demo(bin, db, o.households, 1) != 0) {
		fprintf(stderr, "soak: the demo database could not be made\n");
		return 2;
	}
	struct tally t = { 0 };
	run_soak(&o, &t);
	int sound = crash_sound(db) == 0;
	printf("saves: %ld written, %ld in the database, %ld lost, %ld duplicated, %ld refused\n",
	       t.written, t.present, t.lost, t.duplicated, t.failed);
	printf("save latency: median %.1f ms, p99 %.0f ms, max %.0f ms; %ld saves showed"
	       " \"正在等待其他操作员的保存…\"\n", t.median, t.p99, t.max, t.waited);
	printf("imports: %ld runs, %ld whole, %ld none (failed), %ld split; %ld leads; longest %.1f s\n",
	       t.imports, t.imports_whole, t.imports_none, t.imports_split, t.import_rows,
	       t.import_ms_max / 1000.0);
	printf("exports %ld, backups %ld, commands failed %ld\n", t.exports, t.backups, t.cmd_failed);
	printf("busy messages shown to a user: %ld\n", t.busy);
	printf("write transactions held over 1 s (logged): %ld\n", t.long_tx);
	printf("database after the soak: %s\n", sound ? "sound" : "DAMAGED");
	fflush(stdout);
	struct crash_env ce = { bin, dir, (unsigned)time(NULL), 0 };
	int crashes = o.crashes > 0 ? (crash_import(&ce, o.crashes, 20000) == 0) +
	                              (crash_demo(&ce, o.crashes) == 0) + (crash_save(&ce, o.crashes) == 0)
	                            : 3;
	if (o.crashes > 0)
		printf("kill -9: %d during imports, %d during demos, %d during saves: %s\n", o.crashes,
		       o.crashes, o.crashes, crashes == 3 ? "every database sound, all or nothing"
		                                          : "FAILED (see above)");
	int drafts = o.hangups > 0 ? hangup_during_imports(bin, dir, db, o.hangups, o.import_rows) : 0;
	if (o.hangups > 0)
		printf("hang-ups during imports: %d, drafts kept: %d\n", o.hangups, drafts);
	int ok = drafts == o.hangups && sound && crashes == 3 && !t.lost && !t.duplicated && !t.busy && !t.failed &&
	         !t.cmd_failed && !t.imports_split;
	printf("soak: %s\n", ok ? "passed" : "FAILED");
	if (ok && !getenv("SOAK_KEEP")) {
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "soak: could not remove %s\n", dir);
	}
	return ok ? 0 : 1;
}
