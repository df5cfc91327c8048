#include "crash.h"
#include "testdb.h"

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
#include "base/idcard.h"
#include "store/store.h"

long long crash_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

pid_t crash_spawn(const char *bin, const char *const *args, const char *out, const char *err)
{
	const char *argv[32] = { bin };
	for (int i = 0; args[i] && i < 30; i++)
		argv[i + 1] = args[i];
	pid_t pid = fork();
	if (pid == 0) {
		int o = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err ? err : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(o, 1);
		dup2(e, 2);
		char *envv[] = { "LANG=C.UTF-8", "PATH=/usr/bin:/bin", "JIANCE_TODAY=" CRASH_TODAY,
		                 "ASAN_OPTIONS=detect_leaks=0", NULL };
		execve(bin, (char *const *)argv, envv);
		_exit(127);
	}
	return pid;
}

int crash_wait(pid_t pid)
{
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int crash_make_demo(const char *bin, const char *db, int n, unsigned seed)
{
	char hh[16], sd[16];
	snprintf(hh, sizeof hh, "%d", n);
	snprintf(sd, sizeof sd, "%u", seed);
	return crash_wait(crash_spawn(bin, (const char *[]){ "--db", db, "demo", "--households", hh,
	                                                     "--seed", sd, NULL }, NULL, NULL));
}

static void remove_db(const char *db)
{
	if (store_is_server(db)) {
		testdb_drop(db);
		return;
	}
	char p[600];
	unlink(db);
	snprintf(p, sizeof p, "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", db);
	unlink(p);
}

/* A place for a new database named file: the file removed, or under make
 * check-pg a new database of the cluster (the one before dropped). */
static void fresh_db(char *db, size_t n, const char *file)
{
	if (testdb_pg()) {
		if (store_is_server(db))
			testdb_drop(db);
		testdb_fresh(db, n, "");
		return;
	}
	snprintf(db, n, "%s", file);
	remove_db(db);
}

static void say(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "crash: %s\n", line);
}

int crash_sound(const char *db)
{
	struct jerr e = { 0 };
	struct store *s = store_open(db, 0, &e);
	if (!s) {
		fprintf(stderr, "crash: %s does not open: %s\n", db, e.msg);
		return 1;
	}
	int n = store_integrity(s, say, NULL) + store_schema_check(s, say, NULL);
	store_close(s);
	return n;
}

int crash_leads_file(const char *db, const char *path, int n, const char *marker, unsigned first)
{
	struct jerr e = { 0 };
	struct store *s = store_open(db, 0, &e);
	char town[96] = "", village[96] = "";
	if (!s)
		return -1;
	store_text(s, village, sizeof village, "SELECT name FROM areas WHERE level = 3 ORDER BY id LIMIT 1", "");
	store_text(s, town, sizeof town, "SELECT t.name FROM areas t JOIN areas v ON v.parent_id = t.id"
	           " WHERE v.level = 3 ORDER BY v.id LIMIT 1", "");
	store_close(s);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "身份证号码,姓名,预警原因,所属乡镇,所属村(社区)\n");
	/* region 110101, unlike any demo person: all new; births from 1940 on */
	for (int i = 0; i < n; i++) {
		unsigned k = first + (unsigned)i;
		char id[20];
		jday birth = date_from_ymd(1940, 1, 1) + (jday)(k / 500 % 20000);
		char ymd[11];
		date_fmt(birth, ymd);
		snprintf(id, sizeof id, "110101%.4s%.2s%.2s%03u", ymd, ymd + 5, ymd + 8, k % 500 * 2 + 1);
		id[17] = (char)idcard_check_digit(id);
		id[18] = 0;
		fprintf(f, "%s,测试%u,%s,%s,%s\n", id, k, marker, town, village);
	}
	return fclose(f) == 0 ? 0 : -1;
}

static unsigned next_rand(struct crash_env *c)
{
	c->seed = c->seed * 1103515245u + 12345u;
	return c->seed >> 8;
}

static int64_t count_text(const char *db, const char *sql, const char *arg)
{
	struct jerr e = { 0 };
	struct store *s = store_open(db, 0, &e);
	int64_t n = s ? store_int(s, -1, sql, "t", arg) : -1;
	store_close(s);
	return n;
}

/* One import of rows leads killed after a random part of the time a
 * whole one takes: then sound, and once the next jiance has started,
 * every lead of the file or none. */
int crash_import(struct crash_env *c, int times, int rows)
{
	char db[256] = "", file[256], csv[256], marker[64];
	snprintf(file, sizeof file, "%s/crash-import.db", c->dir);
	snprintf(csv, sizeof csv, "%s/名单.csv", c->dir);
	fresh_db(db, sizeof db, file);
	if (crash_make_demo(c->bin, db, 300, 5) != 0)
		return fprintf(stderr, "crash: demo failed\n"), -1;
	long long whole = 0;
	int bad = 0;
	for (int i = 0; i <= times && !bad; i++) {
		snprintf(marker, sizeof marker, "crash-import-%d", i);
		if (crash_leads_file(db, csv, rows, marker, (unsigned)i * (unsigned)rows) != 0)
			return -1;
		const char *args[] = { "--db", db, "--as", "demo_county", "import", "--kind", "leads",
		                       "--department", "医保", csv, NULL };
		long long t0 = crash_ms();
		pid_t pid = crash_spawn(c->bin, args, NULL, NULL);
		if (i > 0) {   /* the first runs whole, to time it */
			long long at = (long long)(next_rand(c) % (unsigned)(whole * 12 / 10 + 1));
			struct timespec ts = { at / 1000, at % 1000 * 1000000L };
			nanosleep(&ts, NULL);
			kill(pid, SIGKILL);
		}
		int st = crash_wait(pid);
		if (i == 0)
			whole = crash_ms() - t0;
		/* the next jiance to start (an officer's check) finishes an import
		 * whose plan was decided, or throws away one that was not */
		const char *next[] = { "--db", db, "--as", "demo_county", "check", NULL };
		crash_wait(crash_spawn(c->bin, next, NULL, NULL));
		int64_t n = count_text(db, "SELECT count(*) FROM lead_sources WHERE reason = ?", marker);
		if (count_text(db, "SELECT count(*) FROM import_runs WHERE ? IS NOT NULL", marker) != 0) {
			fprintf(stderr, "crash: import %d left its run behind after the next start\n", i);
			bad = 1;
		}
		if (c->verbose)
			printf("  kill -9 import %d: exit %d, %lld of %d leads\n", i, st, (long long)n, rows);
		if ((n != 0 && n != rows) || (i == 0 && n != rows) || crash_sound(db) != 0) {
			fprintf(stderr, "crash: import %d (exit %d) left %lld of %d leads\n", i, st,
			        (long long)n, rows);
			bad = 1;
		}
	}
	remove_db(db);
	unlink(csv);
	return bad ? -1 : 0;
}

/* demo builds FILE.part and renames it: killed, FILE is absent or whole. */
int crash_demo(struct crash_env *c, int times)
{
	char db[256] = "", file[256], part[300];
	snprintf(file, sizeof file, "%s/crash-demo.db", c->dir);
	snprintf(part, sizeof part, "%s.part", file);
	long long whole = 0;
	int bad = 0;
	for (int i = 0; i <= times && !bad; i++) {
		fresh_db(db, sizeof db, file);
		long long t0 = crash_ms();
		pid_t pid = crash_spawn(c->bin, (const char *[]){ "--db", db, "demo", "--households",
		                                                  "300", "--seed", "9", NULL }, NULL, NULL);
		if (i > 0) {
			long long at = (long long)(next_rand(c) % (unsigned)(whole * 12 / 10 + 1));
			struct timespec ts = { at / 1000, at % 1000 * 1000000L };
			nanosleep(&ts, NULL);
			kill(pid, SIGKILL);
		}
		int st = crash_wait(pid);
		if (i == 0)
			whole = crash_ms() - t0;
		/* on a server a killed demo's one transaction is undone: no households */
		int64_t n = store_exists(db, NULL) == 1 ? count_text(db, "SELECT count(*) FROM households"
		                                                   " WHERE hh_no <> ?", "") : 0;
		if (c->verbose)
			printf("  kill -9 demo %d: exit %d, %s\n", i, st, n ? "whole database" : "no database");
		if ((n != 0 && n != 300) || (i == 0 && n != 300) || (n && crash_sound(db) != 0)) {
			fprintf(stderr, "crash: demo %d (exit %d) left %lld households\n", i, st, (long long)n);
			bad = 1;
		}
	}
	remove_db(db);
	if (!testdb_pg())
		remove_db(part);
	return bad ? -1 : 0;
}

/* The child saves visits one after another and reports each on the pipe
 * once visit_add has returned (committed). */
static void saver(const char *db, int out)
{
	struct jerr e = { 0 };
	struct config cfg;
	struct session s;
	config_defaults(&cfg);
	clock_pin(date_iso(CRASH_TODAY));
	struct store *st = store_open(db, 0, &e);
	if (!st || session_login(&s, st, &cfg, "demo_county", &e) != 0)
		_exit(3);
	int64_t hh[64];
	int n = 0;
	struct stmt *q = store_prep(st, "SELECT id FROM households WHERE status IN ('监测中', '消除中')"
	                            " ORDER BY id LIMIT 64", "");
	while (q && n < 64 && stmt_step(q) == 1)
		hh[n++] = stmt_int(q, 0);
	stmt_done(q);
	for (int k = 0; n > 0; k++) {
		struct visit v = { .household_id = hh[k % n] };
		snprintf(v.visited_on, sizeof v.visited_on, "%s", CRASH_TODAY);
		snprintf(v.findings, sizeof v.findings, "crash-save-%d", k);
		if (visit_add(&s, &v, &e) != 0)
			_exit(4);
		dprintf(out, "%d\n", k);
	}
	_exit(5);
}

/* Reported saves are all there, each with its audit rows. */
static int check_saves(const char *db, int reported)
{
	struct jerr e = { 0 };
	struct store *s = store_open(db, 0, &e);
	if (!s)
		return -1;
	int bad = 0;
	for (int k = 0; k < reported && !bad; k++) {
		char m[32];
		snprintf(m, sizeof m, "crash-save-%d", k);
		bad = store_int(s, -1, "SELECT count(*) FROM visits WHERE findings = ?", "t", m) != 1;
	}
	int64_t orphans = store_int(s, -1, "SELECT count(*) FROM visits v WHERE findings LIKE 'crash-save-%'"
	                            " AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'visits'"
	                            " AND a.rec = v.id AND a.field = ?)", "t", "findings");
	store_close(s);
	return bad || orphans ? -1 : 0;
}

int crash_save(struct crash_env *c, int times)
{
	char db[256] = "", file[256];
	snprintf(file, sizeof file, "%s/crash-save.db", c->dir);
	int bad = 0;
	for (int i = 0; i < times && !bad; i++) {
		fresh_db(db, sizeof db, file);
		if (crash_make_demo(c->bin, db, 300, 11) != 0)
			return fprintf(stderr, "crash: demo failed\n"), -1;
		int fds[2];
		if (pipe(fds) != 0)
			return -1;
		pid_t pid = fork();
		if (pid == 0) {
			close(fds[0]);
			saver(db, fds[1]);
		}
		close(fds[1]);
		/* from the first save on, killed at a random moment */
		char buf[1 << 16];
		size_t got = 0;
		ssize_t r = read(fds[0], buf, sizeof buf - 1);
		if (r > 0)
			got = (size_t)r;
		long long at = (long long)(next_rand(c) % 300);
		struct timespec ts = { 0, at * 1000000L };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int st = crash_wait(pid);
		while ((r = read(fds[0], buf + got, sizeof buf - 1 - got)) > 0)
			got += (size_t)r;
		close(fds[0]);
		buf[got] = 0;
		int reported = 0;
		for (char *p = buf; (p = strchr(p, '\n')); p++)
			reported++;
		if (c->verbose)
			printf("  kill -9 save %d: after %d saves\n", i, reported);
		if (st != 128 + SIGKILL || reported == 0 || check_saves(db, reported) != 0 ||
		    crash_sound(db) != 0) {
			fprintf(stderr, "crash: save %d (exit %d, %d saves) lost or split a save\n", i, st,
			        reported);
			bad = 1;
		}
	}
	remove_db(db);
	return bad ? -1 : 0;
}
