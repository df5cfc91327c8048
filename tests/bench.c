/* make bench: the speed figures the issues ask for, measured on this
 * machine and printed, never asserted by the tests.  Each line names the
 * target it is held against. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_console.h"
#include "bench_import.h"

static const char *bin;
static char dir[] = "/tmp/jiance-bench-XXXXXX";

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* Runs the program with args, output to /dev/null; returns seconds or -1. */
static double run(char *const argv[])
{
	fflush(stdout);   /* the child would write our buffer out again */
	double t0 = now();
	pid_t pid = fork();
	if (pid == 0) {
		freopen("/dev/null", "w", stdout);
		execv(argv[0], argv);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	double t = now() - t0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? t : -1;
}

static void line(const char *what, double secs, double limit, const char *extra)
{
	if (secs < 0)
		printf("%-44s FAILED\n", what);
	else
		printf("%-44s %7.2f s   (target < %g s)%s%s\n", what, secs, limit, extra ? "  " : "",
		       extra ? extra : "");
	fflush(stdout);
}

static void bench_demo_and_check(long n)
{
	char db[128], num[32], what[96];
	snprintf(db, sizeof db, "%s/demo.db", dir);
	snprintf(num, sizeof num, "%ld", n);
	char *demo[] = { (char *)bin, "--db", db, "demo", "--households", num, "--seed", "1", NULL };
	snprintf(what, sizeof what, "demo --households %ld", n);
	line(what, run(demo), 60, NULL);
	char *check[] = { (char *)bin, "--db", db, "--as", "demo_county", "check", NULL };
	snprintf(what, sizeof what, "check on %ld households", n);
	line(what, run(check), 5, NULL);
	char xlsx[160];
	snprintf(xlsx, sizeof xlsx, "%s/households.xlsx", dir);
	char *exp[] = { (char *)bin, "--db", db, "--as", "demo_county", "export", "households",
	                "--format", "xlsx", "-o", xlsx, NULL };
	snprintf(what, sizeof what, "export xlsx of %ld households", n);
	line(what, run(exp), 10, NULL);
}

/* The ledger lists the monitored households: on the 200,000-household
 * county that is about 7,800 of them, more than the 5,000 of the target. */
static void bench_ledger(void)
{
	char db[128], pdf[160], size[64];
	snprintf(db, sizeof db, "%s/demo.db", dir);
	snprintf(pdf, sizeof pdf, "%s/ledger.pdf", dir);
	char *print[] = { (char *)bin, "--db", db, "--as", "demo_county", "print", "ledger", "-o", pdf, NULL };
	double t = run(print);
	struct stat sb;
	snprintf(size, sizeof size, "%.2f MB (target < 2 MB)", stat(pdf, &sb) == 0 ? sb.st_size / 1048576.0 : -1.0);
	line("print ledger of the whole county", t, 3, size);
}

/* BENCH_PG_URL (make bench PG=1: an empty database of a throwaway
 * cluster): the county moved there, and the console's figures again on
 * PostgreSQL, printed after SQLite's for the same keys. */
static void bench_on_server(const char *db, const char *url)
{
	char *move[] = { (char *)bin, "--db", (char *)db, "migrate-to", (char *)url, NULL };
	line("migrate-to PostgreSQL (the whole county)", run(move), 600, NULL);
	printf("the same console figures on PostgreSQL (the owner's connection):\n");
	bench_console(stdout, url);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	bin = getenv("JIANCE_BIN");
	if (!bin || !mkdtemp(dir)) {
		fprintf(stderr, "bench: set JIANCE_BIN to the program\n");
		return 2;
	}
	/* BENCH_CONSOLE_DB=FILE: only the console figures, on an existing
	 * database (a demo made once), to try a change in seconds */
	if (getenv("BENCH_CONSOLE_DB"))
		return bench_console(stdout, getenv("BENCH_CONSOLE_DB"));
	/* BENCH_IMPORT_DB=FILE: only the import figures, on an existing demo */
	if (getenv("BENCH_IMPORT_DB")) {
		int rc = bench_import(stdout, bin, getenv("BENCH_IMPORT_DB"), dir);
		char cmd[160];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		return system(cmd) == 0 ? rc : 1;
	}
	long n = getenv("BENCH_HOUSEHOLDS") ? atol(getenv("BENCH_HOUSEHOLDS")) : 200000;
	printf("jiance benchmarks on %ld cores; working in %s\n", sysconf(_SC_NPROCESSORS_ONLN), dir);
	bench_demo_and_check(n);
	bench_ledger();
	char db[128];
	snprintf(db, sizeof db, "%s/demo.db", dir);
	bench_console(stdout, db);
	if (getenv("BENCH_PG_URL") && *getenv("BENCH_PG_URL"))
		bench_on_server(db, getenv("BENCH_PG_URL"));
	bench_import(stdout, bin, db, dir);   /* the same demo, copied for each run */
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}
