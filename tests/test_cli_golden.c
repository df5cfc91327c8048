/* Golden-output tests of the command line, after calcurse's test/run-test.c:
 * the real binary ($JIANCE_BIN) runs without a terminal, the date pinned,
 * on small databases it made itself, and what it printed — command, exit
 * status, stdout, stderr and any file it wrote — must equal
 * tests/golden/NAME.txt ($JIANCE_SRC).  A mismatch prints a unified diff.
 *
 * When output changes on purpose, regenerate the expected files and read
 * the difference before committing it:
 *
 *     make -j2 jiance build/tests/test_cli_golden
 *     JIANCE_GOLDEN_UPDATE=1 JIANCE_BIN=$PWD/build/jiance JIANCE_SRC=$PWD \
 *         build/tests/test_cli_golden
 *     git diff tests/golden
 *
 * Without JIANCE_GOLDEN_UPDATE=1 the files are only read.  Lines starting
 * with "# " at the top of a golden file are notes for the reader: they are
 * not compared and a regeneration keeps them.
 *
 * Every command runs in a directory of its own under a temporary one, on a
 * fresh copy of its fixture called jiance.db, so paths in the output are
 * relative and no case sees what another wrote.  What cannot be the same
 * twice is rewritten before comparing, explicitly: the temporary directory
 * (<tmp>) and the seconds `jiance demo` took (用时 <秒> 秒).  CSV is UTF-8
 * with a byte-order mark and CRLF (jiance(1)); they are shown as <BOM> and
 * <CR> so the golden files stay plain text and still assert both. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"

#define DEMO_DAY "2026-11-23"
#define LATER_DAY "2027-03-01"   /* visits and runs overdue by then */

/* the options every command over a database takes */
#define G "-c", "../jiance.conf", "--db", "jiance.db"

struct gcase {
	const char *name;        /* tests/golden/NAME.txt */
	/* copied to jiance.db: "demo" (40 households, seed 3), "small" (made by
	 * init, area add and officer add), "damaged" (small with a foreign key
	 * broken), "empty" (a 0-byte file), NULL (no file) */
	const char *db;
	const char *day;         /* JIANCE_TODAY; NULL: DEMO_DAY */
	const char *file;        /* a file the command writes, shown after stderr */
	const char *member;      /* of an .xlsx file: the zip member shown */
	const char *argv[20];    /* after "jiance" */
};

static const struct gcase cases[] = {
	/* ---- help and version ---- */
	{ "help", NULL, NULL, NULL, NULL, { "--help" } },
	{ "help_short", NULL, NULL, NULL, NULL, { "-h" } },
	{ "version", NULL, NULL, NULL, NULL, { "--version" } },
	{ "help_init", NULL, NULL, NULL, NULL, { "init", "--help" } },
	{ "help_demo", NULL, NULL, NULL, NULL, { "demo", "--help" } },
	{ "help_officer", NULL, NULL, NULL, NULL, { "officer", "--help" } },
	{ "help_area", NULL, NULL, NULL, NULL, { "area", "--help" } },
	{ "help_import", NULL, NULL, NULL, NULL, { "import", "--help" } },
	{ "help_export", NULL, NULL, NULL, NULL, { "export", "--help" } },
	{ "help_print", NULL, NULL, NULL, NULL, { "print", "--help" } },
	{ "help_check", NULL, NULL, NULL, NULL, { "check", "--help" } },
	{ "help_backup", NULL, NULL, NULL, NULL, { "backup", "--help" } },
	{ "help_setup", NULL, NULL, NULL, NULL, { "setup", "--help" } },
	{ "help_doctor", NULL, NULL, NULL, NULL, { "doctor", "--help" } },
	{ "help_migrate-to", NULL, NULL, NULL, NULL, { "migrate-to", "--help" } },
	{ "help_upstream", NULL, NULL, NULL, NULL, { "upstream", "--help" } },
	{ "help_after_arguments", NULL, NULL, NULL, NULL, { "area", "list", "-h" } },

	/* ---- errors before any subcommand runs ---- */
	{ "unknown_subcommand", "demo", NULL, NULL, NULL, { G, "--as", "demo_county", "frobnicate" } },
	{ "unknown_option", NULL, NULL, NULL, NULL, { "--frobnicate", "check" } },
	{ "unknown_short_option", NULL, NULL, NULL, NULL, { "-q", "check" } },
	{ "missing_option_argument", NULL, NULL, NULL, NULL, { "--db" } },
	{ "missing_option_argument_short", NULL, NULL, NULL, NULL, { "--as", "x", "-c" } },
	{ "option_takes_no_value", NULL, NULL, NULL, NULL, { "--version=1" } },
	{ "config_missing", "demo", NULL, NULL, NULL,
	  { "-c", "nonexistent.conf", "--db", "jiance.db", "--as", "demo_county", "check" } },
	{ "database_missing", NULL, NULL, NULL, NULL, { G, "--as", "demo_county", "check" } },
	{ "officer_not_in_table", "demo", NULL, NULL, NULL, { G, "--as", "nobody", "check" } },

	/* ---- check: flags are work to do (0), damage is an error (1) ---- */
	{ "check_county", "demo", NULL, NULL, NULL, { G, "--as", "demo_county", "check" } },
	{ "check_village", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "check" } },
	{ "check_overdue", "demo", LATER_DAY, NULL, NULL, { G, "--as", "demo_county", "check" } },
	{ "check_clean", "small", NULL, NULL, NULL, { G, "--as", "golden_admin", "check" } },
	{ "check_damaged", "damaged", NULL, NULL, NULL, { G, "--as", "golden_admin", "check" } },
	{ "check_unknown_argument", "demo", NULL, NULL, NULL,
	  { G, "--as", "demo_county", "check", "--all" } },

	/* ---- officer ---- */
	{ "officer_list_small", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "officer", "list" } },
	{ "officer_list_township", "demo", NULL, NULL, NULL, { G, "--as", "t101", "officer", "list" } },
	{ "officer_list_village", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "officer", "list" } },
	{ "officer_no_action", "small", NULL, NULL, NULL, { G, "--as", "golden_admin", "officer" } },
	{ "officer_unknown_action", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "officer", "remove", "v_long" } },
	{ "officer_add", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "officer", "add", "v_long2", "冉小琴", "village", "500243101201" } },
	{ "officer_add_missing_argument", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "officer", "add", "v_long2", "冉小琴", "village" } },
	{ "officer_add_unknown_area", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "officer", "add", "v_x", "冉小琴", "village", "500243999999" } },
	{ "officer_add_role_misfits_area", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "officer", "add", "t_x", "冉小琴", "township", "500243101201" } },
	{ "officer_disable", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "officer", "disable", "v_long" } },
	{ "officer_disable_not_in_table", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "officer", "disable", "nobody" } },
	{ "officer_disable_not_admin", "demo", NULL, NULL, NULL,
	  { G, "--as", "demo_county", "officer", "disable", "v101201" } },

	/* ---- area ---- */
	{ "area_list_small", "small", NULL, NULL, NULL, { G, "--as", "golden_admin", "area", "list" } },
	{ "area_list_county_townships", "demo", NULL, NULL, NULL,
	  { G, "--as", "demo_county", "area", "list", "--level", "2" } },
	{ "area_list_township_villages", "demo", NULL, NULL, NULL,
	  { G, "--as", "t101", "area", "list", "--level", "3" } },
	{ "area_list_village", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "area", "list" } },
	{ "area_list_bad_level", "demo", NULL, NULL, NULL,
	  { G, "--as", "t101", "area", "list", "--level", "9" } },
	{ "area_list_level_missing", "demo", NULL, NULL, NULL,
	  { G, "--as", "t101", "area", "list", "--level" } },
	{ "area_no_action", "small", NULL, NULL, NULL, { G, "--as", "golden_admin", "area" } },
	{ "area_add", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "area", "add", "500243101201", "500243101201002", "二组" } },
	{ "area_add_unknown_parent", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "area", "add", "500243999000", "500243999001", "新村" } },

	/* ---- export: every kind, as the officer of 保家镇龙阳村 (IDs masked) ---- */
	{ "export_households", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "households" } },
	{ "export_members", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "export", "members" } },
	{ "export_contacts", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "export", "contacts" } },
	{ "export_measures", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "export", "measures" } },
	{ "export_visits", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "export", "visits" } },
	{ "export_leads", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "export", "leads" } },
	/* ---- 待录入国家系统: listed by household, exported in the national
	 * columns, marked as entered ---- */
	{ "upstream_list_village", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "upstream", "list" } },
	{ "export_national_households", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "--template", "national-households" } },
	{ "export_national_persons", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "--template", "national-persons" } },
	{ "export_upstream", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "export", "upstream" } },
	{ "upstream_mark", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "upstream", "mark", "20", "21", "22" } },
	{ "upstream_mark_outside_area", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101202", "upstream", "mark", "20", "1" } },
	{ "upstream_mark_nothing_named", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "upstream", "mark" } },
	{ "export_runs", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "export", "runs" } },
	{ "export_lead_results", "demo", NULL, NULL, NULL,
	  { G, "--as", "t101", "export", "lead-results", "--department", "医保" } },
	{ "export_lead_results_no_department", "demo", NULL, NULL, NULL,
	  { G, "--as", "t101", "export", "lead-results" } },
	{ "export_county_status", "demo", NULL, NULL, NULL,
	  { G, "--as", "demo_county", "export", "households", "--status", "监测中" } },
	{ "export_county_flag", "demo", LATER_DAY, NULL, NULL,
	  { G, "--as", "demo_county", "export", "households", "--flag", "走访超期" } },
	{ "export_township_village", "demo", NULL, NULL, NULL,
	  { G, "--as", "t101", "export", "households", "--village", "龙阳村" } },
	{ "export_to_file", "demo", NULL, "监测户.csv", NULL,
	  { G, "--as", "v101201", "export", "households", "-o", "监测户.csv" } },
	{ "export_xlsx", "demo", NULL, "监测户.xlsx", "xl/worksheets/sheet1.xml",
	  { G, "--as", "v101201", "export", "households", "--format", "xlsx", "-o", "监测户.xlsx" } },
	{ "export_xlsx_without_o", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "households", "--format", "xlsx" } },
	{ "export_never_overwrites", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "households", "-o", "jiance.db" } },
	{ "export_no_kind", "demo", NULL, NULL, NULL, { G, "--as", "v101201", "export" } },
	{ "export_unknown_kind", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "people" } },
	{ "export_unknown_format", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "households", "--format", "pdf" } },
	{ "export_unknown_status", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "households", "--status", "在监测" } },
	{ "export_unknown_flag", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "households", "--flag", "超期" } },
	{ "export_unknown_village", "demo", NULL, NULL, NULL,
	  { G, "--as", "t101", "export", "households", "--village", "不存在村" } },
	{ "export_unknown_template", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "--template", "不存在" } },
	{ "export_unknown_option", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "households", "--all" } },
	{ "export_missing_value", "demo", NULL, NULL, NULL,
	  { G, "--as", "v101201", "export", "households", "--format" } },

	/* ---- init, demo, backup ---- */
	{ "init", "empty", NULL, NULL, NULL, { G, "--as", "golden_admin", "init", "--name", "管理员" } },
	{ "init_never_overwrites", "small", NULL, NULL, NULL,
	  { G, "--as", "golden_admin", "init" } },
	{ "demo", NULL, NULL, NULL, NULL, { G, "demo", "--households", "10", "--seed", "1" } },
	{ "demo_never_overwrites", "demo", NULL, NULL, NULL, { G, "demo", "--households", "10" } },
	{ "demo_too_few_households", NULL, NULL, NULL, NULL, { G, "demo", "--households", "5" } },
	{ "backup_missing_file", "demo", NULL, NULL, NULL, { G, "--as", "demo_county", "backup" } },
	{ "backup_not_county", "demo", NULL, NULL, NULL,
	  { G, "--as", "t101", "backup", "copy.db" } },
	/* ---- migrate-to: refusals before any server is asked ---- */
	{ "migrate_to_file", "demo", NULL, NULL, NULL, { G, "migrate-to", "other.db" } },
	{ "import_kind_sqlite", "demo", NULL, NULL, NULL,
	  { G, "--as", "demo_admin", "import", "--kind", "sqlite", "county.db" } },
	{ "migrate_to_no_source", NULL, NULL, NULL, NULL,
	  { G, "migrate-to", "postgresql:///nowhere" } },
	{ "migrate_to_not_admin", "demo", NULL, NULL, NULL,
	  { G, "--as", "demo_county", "migrate-to", "postgresql:///nowhere" } },
};

#define NCASES (sizeof cases / sizeof cases[0])

static char tmp[64];            /* the temporary directory */
static char golden_dir[4096];   /* $JIANCE_SRC/tests/golden */
static const char *bin;
static int update;              /* JIANCE_GOLDEN_UPDATE=1 */

/* ---- small helpers ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap);
	assert_non_null(buf);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
		assert_non_null(buf);
	}
	fclose(f);
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f || fputs(text, f) == EOF || fclose(f) != 0)
		fail_msg("cannot write %s", path);
}

static void copy(const char *from, const char *to)
{
	size_t n;
	char *data = slurp(from, &n);
	FILE *f = fopen(to, "wb");
	if (!data || !f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
		fail_msg("cannot copy %s to %s", from, to);
	free(data);
}

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->s[b->len += n] = 0;
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* ---- running the binary ---- */

/* Runs jiance with args in dir, stdin empty, stdout and stderr into files;
 * returns the exit status (128 + signal when killed). */
static int run_in(const char *dir, const char *day, const char *const *args, const char *out,
                  const char *err)
{
	const char *argv[24] = { "jiance" };
	for (int i = 0; args[i]; i++)
		argv[i + 1] = args[i];
	pid_t pid = fork();
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (in < 0 || o < 0 || e < 0 || chdir(dir) != 0)
			_exit(126);
		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		/* the same words and widths whatever the caller's locale */
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("LANGUAGE");
		unsetenv("JIANCE_SCHEMA_UPTO");
		setenv("JIANCE_TODAY", day ? day : DEMO_DAY, 1);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		fail_msg("cannot run %s", bin);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A fixture step: must succeed; its output is shown only when it does not. */
static void fixture_step(const char *db, const char *const *args)
{
	char out[128], err[128];
	snprintf(out, sizeof out, "%s/fixture.out", tmp);
	snprintf(err, sizeof err, "%s/fixture.err", tmp);
	const char *argv[24] = { "-c", "jiance.conf", "--db", db };
	for (int i = 0; args[i]; i++)
		argv[i + 4] = args[i];
	int rc = run_in(tmp, NULL, argv, out, err);
	if (rc != 0) {
		char *e = slurp(err, NULL);
		fail_msg("fixture %s %s: exit %d: %s", db, args[0], rc, e ? e : "");
	}
}

/* ---- the fixtures ---- */

/* The county of etc/jiance.conf with one township, village and group, an
 * officer on each, made by the subcommands themselves. */
static void make_small(void)
{
	static const char *const steps[][10] = {
		{ "init", "--name", "管理员" },
		{ "area", "add", "500243000000", "500243101000", "保家镇" },
		{ "area", "add", "500243101000", "500243101201", "龙阳村" },
		{ "area", "add", "500243101201", "500243101201001", "一组" },
		{ "officer", "add", "t_bao", "邹海燕", "township", "500243101000" },
		{ "officer", "add", "v_long", "王梓琳", "village", "500243101201" },
	};
	char path[128];
	/* an existing file: --as is accepted from its owner, not only root */
	snprintf(path, sizeof path, "%s/small.db", tmp);
	spit(path, "");
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		const char *argv[12] = { "--as", "golden_admin" };
		memcpy(argv + 2, steps[i], sizeof steps[i]);
		fixture_step("small.db", argv);
	}
}

/* small.db with the village deleted behind the foreign keys' back: its
 * group and its officer now point at nothing. */
static void make_damaged(void)
{
	char from[128], to[128];
	snprintf(from, sizeof from, "%s/small.db", tmp);
	snprintf(to, sizeof to, "%s/damaged.db", tmp);
	copy(from, to);
	struct jerr e = { 0 };
	struct store *db = store_open(to, 0, &e);
	if (!db)
		fail_msg("damaged.db: %s", e.msg);
	assert_int_equal(store_exec(db, "PRAGMA foreign_keys = OFF", ""), 0);
	assert_int_equal(store_exec(db, "DELETE FROM areas WHERE code = ?", "t", "500243101201"), 0);
	store_close(db);
}

static int setup(void **state)
{
	(void)state;
	const char *src = getenv("JIANCE_SRC"), *up = getenv("JIANCE_GOLDEN_UPDATE");
	bin = getenv("JIANCE_BIN");
	if (!bin || !*bin || !src || !*src) {
		fprintf(stderr, "test_cli_golden: JIANCE_BIN and JIANCE_SRC are set by make test\n");
		return -1;
	}
	update = up && !strcmp(up, "1");
	snprintf(golden_dir, sizeof golden_dir, "%s/tests/golden", src);
	snprintf(tmp, sizeof tmp, "/tmp/jiance-golden-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	char conf[4096 + 32], to[128];
	snprintf(conf, sizeof conf, "%s/etc/jiance.conf", src);
	snprintf(to, sizeof to, "%s/jiance.conf", tmp);
	copy(conf, to);
	fixture_step("demo.db", (const char *[]){ "demo", "--households", "40", "--seed", "3", NULL });
	make_small();
	make_damaged();
	snprintf(to, sizeof to, "%s/empty.db", tmp);
	spit(to, "");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- what a run printed, as one text ---- */

static void replace_all(struct buf *b, const char *from, const char *to)
{
	struct buf o = { 0 };
	const char *p = b->s, *hit;
	size_t n = strlen(from);
	while ((hit = strstr(p, from))) {
		put(&o, p, (size_t)(hit - p));
		puts_(&o, to);
		p = hit + n;
	}
	puts_(&o, p);
	free(b->s);
	*b = o;
}

/* "用时 0.4 秒" (wall-clock seconds of `jiance demo`) → "用时 <秒> 秒" */
static void mask_seconds(struct buf *b)
{
	static const char key[] = "用时 ";
	for (char *p = strstr(b->s, key); p; p = strstr(p + 1, key)) {
		char *q = p + strlen(key), *end = q;
		while ((*end >= '0' && *end <= '9') || *end == '.')
			end++;
		if (end == q)
			continue;
		struct buf o = { 0 };
		put(&o, b->s, (size_t)(q - b->s));
		puts_(&o, "<秒>");
		size_t at = o.len;
		puts_(&o, end);
		free(b->s);
		*b = o;
		p = b->s + at - 1;
	}
}

/* Appends a section: a header line, then the text normalised (see the
 * comment at the top), with a note when its last line has no newline. */
static void section(struct buf *out, const char *header, const char *text)
{
	struct buf b = { 0 };
	puts_(&b, text);
	replace_all(&b, tmp, "<tmp>");
	replace_all(&b, "\xEF\xBB\xBF", "<BOM>");
	replace_all(&b, "\r", "<CR>");
	mask_seconds(&b);
	puts_(out, header);
	puts_(out, "\n");
	puts_(out, b.s);
	if (b.len && b.s[b.len - 1] != '\n')
		puts_(out, "\n\\ no newline at end\n");
	free(b.s);
}

/* The zip member's XML, a line per row, so a diff points at the row. */
static char *xlsx_member(const char *dir, const struct gcase *c)
{
	char cmd[512], path[256];
	snprintf(path, sizeof path, "%s/%s", dir, c->file);
	snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", path, c->member);
	FILE *p = popen(cmd, "r");
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	puts_(&b, "");
	while (p && (n = fread(chunk, 1, sizeof chunk, p)) > 0)
		put(&b, chunk, n);
	if (!p || pclose(p) != 0)
		fail_msg("%s: unzip could not read %s", c->file, c->member);
	replace_all(&b, "<sheetData>", "\n<sheetData>\n");
	replace_all(&b, "</row>", "</row>\n");
	return b.s;
}

static void file_section(struct buf *out, const char *dir, const struct gcase *c)
{
	char path[256], header[256];
	snprintf(path, sizeof path, "%s/%s", dir, c->file);
	char *text = c->member ? xlsx_member(dir, c) : slurp(path, NULL);
	snprintf(header, sizeof header, "--- file %s%s%s", c->file, c->member ? " " : "",
	         c->member ? c->member : "");
	section(out, header, text ? text : "(not written)\n");
	free(text);
}

static char *run_case(const struct gcase *c)
{
	char dir[128], db[160], from[128], out[160], err[160];
	snprintf(dir, sizeof dir, "%s/%s", tmp, c->name);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(db, sizeof db, "%s/jiance.db", dir);
	if (c->db) {
		snprintf(from, sizeof from, "%s/%s.db", tmp, c->db);
		copy(from, db);
	}
	snprintf(out, sizeof out, "%s.out", dir);
	snprintf(err, sizeof err, "%s.err", dir);
	int rc = run_in(dir, c->day, c->argv, out, err);

	struct buf b = { 0 };
	puts_(&b, "command: jiance");
	for (int i = 0; c->argv[i]; i++) {
		puts_(&b, " ");
		puts_(&b, c->argv[i]);
	}
	char line[160];
	snprintf(line, sizeof line, "\ndatabase: %s\ntoday: %s\nexit: %d\n",
	         c->db ? c->db : "(none)", c->day ? c->day : DEMO_DAY, rc);
	puts_(&b, line);
	char *o = slurp(out, NULL), *e = slurp(err, NULL);
	section(&b, "--- stdout", o ? o : "");
	section(&b, "--- stderr", e ? e : "");
	free(o);
	free(e);
	if (c->file)
		file_section(&b, dir, c);
	return b.s;
}

/* ---- comparing with the golden file ---- */

/* The length of the leading "# " note lines. */
static size_t notes_len(const char *text)
{
	const char *p = text;
	while (!strncmp(p, "# ", 2)) {
		const char *nl = strchr(p, '\n');
		if (!nl)
			break;
		p = nl + 1;
	}
	return (size_t)(p - text);
}

static void show_diff(const char *name, const char *want, const char *got)
{
	char a[160], b[160], la[160], lb[160];
	snprintf(a, sizeof a, "%s/%s.expected", tmp, name);
	snprintf(b, sizeof b, "%s/%s.actual", tmp, name);
	snprintf(la, sizeof la, "tests/golden/%s.txt", name);
	snprintf(lb, sizeof lb, "actual/%s.txt", name);
	spit(a, want);
	spit(b, got);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(1, 2);
		execlp("diff", "diff", "-u", "--label", la, "--label", lb, a, b, (char *)NULL);
		_exit(127);
	}
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
		printf("--- expected\n%s--- actual\n%s", want, got);
}

static void write_golden(const char *path, const char *notes, size_t nlen, const char *got)
{
	struct buf b = { 0 };
	put(&b, notes ? notes : "", nlen);
	puts_(&b, got);
	spit(path, b.s);
	printf("updated %s\n", path);
	free(b.s);
}

static void test_golden(void **state)
{
	const struct gcase *c = *state;
	char path[4096 + 160];
	snprintf(path, sizeof path, "%s/%s.txt", golden_dir, c->name);
	char *got = run_case(c), *file = slurp(path, NULL);
	size_t nlen = file ? notes_len(file) : 0;
	const char *want = file ? file + nlen : NULL;
	if (update && (!want || strcmp(want, got) != 0))
		write_golden(path, file, nlen, got);
	else if (!want)
		fail_msg("%s is missing; JIANCE_GOLDEN_UPDATE=1 writes it from this run:\n%s", path, got);
	else if (strcmp(want, got) != 0) {
		show_diff(c->name, want, got);
		fail_msg("output differs from tests/golden/%s.txt (diff above); if the change is "
		         "meant, regenerate with JIANCE_GOLDEN_UPDATE=1", c->name);
	}
	free(got);
	free(file);
}

/* ---- the table itself ---- */

static const struct gcase *case_named(const char *name)
{
	for (size_t i = 0; i < NCASES; i++)
		if (!strcmp(cases[i].name, name))
			return &cases[i];
	return NULL;
}

/* A new subcommand gets its --help here too. */
static void test_every_subcommand_has_a_help_case(void **state)
{
	(void)state;
	for (const struct command *cmd = cli_commands; cmd->name; cmd++) {
		char name[64];
		snprintf(name, sizeof name, "help_%s", cmd->name);
		const struct gcase *c = case_named(name);
		if (!c || !c->argv[0] || strcmp(c->argv[0], cmd->name) || strcmp(c->argv[1], "--help"))
			fail_msg("no golden case \"%s\" running `jiance %s --help`", name, cmd->name);
	}
}

/* A golden file no case reads would pass unnoticed forever. */
static void test_every_golden_file_has_a_case(void **state)
{
	(void)state;
	DIR *d = opendir(golden_dir);
	if (!d)
		fail_msg("cannot read %s", golden_dir);
	struct dirent *ent;
	int orphans = 0;
	while ((ent = readdir(d))) {
		size_t n = strlen(ent->d_name);
		if (n < 5 || strcmp(ent->d_name + n - 4, ".txt"))
			continue;
		char name[256];
		snprintf(name, sizeof name, "%.*s", (int)(n - 4), ent->d_name);
		if (!case_named(name)) {
			printf("tests/golden/%s has no case in tests/test_cli_golden.c\n", ent->d_name);
			orphans++;
		}
	}
	closedir(d);
	assert_int_equal(orphans, 0);
}

int main(void)
{
	static struct CMUnitTest tests[NCASES + 2];
	for (size_t i = 0; i < NCASES; i++)
		tests[i] = (struct CMUnitTest){ .name = cases[i].name, .test_func = test_golden,
		                                .initial_state = (void *)&cases[i] };
	tests[NCASES] = (struct CMUnitTest)cmocka_unit_test(test_every_subcommand_has_a_help_case);
	tests[NCASES + 1] = (struct CMUnitTest)cmocka_unit_test(test_every_golden_file_has_a_case);
	return _cmocka_run_group_tests("cli_golden", tests, NCASES + 2, setup, teardown);
}
