#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "console_fixture.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static const char *bin(void)
{
	const char *b = getenv("JIANCE_BIN");
	if (!b || !*b)
		fail_msg("JIANCE_BIN is not set; run the tests with make test");
	return b;
}

void cf_demo(char *path)
{
	/* on a server the demo is made once and copied for each test: it takes
	 * half a minute there (a round trip a statement), a copy a second */
	static char made[CF_DB_LEN];
	if (testdb_pg() && made[0]) {
		testdb_copy(made, path, CF_DB_LEN);
		return;
	}
	char cmd[768];
	testdb_fresh(path, CF_DB_LEN, "/tmp/jiance-console");
	snprintf(cmd, sizeof cmd, "JIANCE_TODAY=%s '%s' --db '%s' demo --households 300 --seed 7"
	         " >/dev/null 2>&1", CF_TODAY, bin(), path);
	assert_int_equal(system(cmd), 0);
	if (testdb_pg())
		testdb_copy(path, made, sizeof made);
}

void cf_remove(const char *path)
{
	testdb_drop(path);
}

struct pty *cf_start(const char *db, const char *login, int rows, int cols)
{
	char *argv[] = { (char *)bin(), "--db", (char *)db, "--as", (char *)login, NULL };
	char *env[] = { "JIANCE_TODAY=" CF_TODAY, NULL };
	struct pty *p = pty_start(rows, cols, argv, env);
	assert_non_null(p);
	/* keys sent before the program is in raw/keypad mode arrive mangled:
	 * wait for the key line of the first screen or of the draft question
	 * (village and township officers start on their to-do queue) */
	for (int waited = 0; waited < CF_WAIT_MS; waited += 50)
		if (pty_wait_row(p, rows - 1, "F10退出", 50) || pty_wait_row(p, rows - 1, "q退出", 1) ||
		    pty_wait_row(p, rows - 1, "y是", 1))
			return p;
	EXPECT(p, !"the first screen appeared");
	return p;
}

void cf_home(struct pty *p)
{
	if (pty_col_of(p, 0, "主菜单") < 0)
		pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_row(p, 0, "主菜单", CF_WAIT_MS));
}

void cf_open_list(struct pty *p)
{
	cf_home(p);
	pty_send_text(p, "2");
	EXPECT(p, pty_wait_row(p, 0, "户列表", CF_WAIT_MS));
	/* counted once the first rows are drawn: the whole list is there */
	EXPECT(p, pty_wait_row(p, 1, "第 1/", CF_WAIT_MS) || pty_wait_row(p, 1, "共 0 行", CF_WAIT_MS));
}

int64_t cf_int(const char *db, const char *sql, const char *arg)
{
	struct jerr e = { 0 };
	struct store *st = store_open(db, 0, &e);
	if (!st)
		fail_msg("cannot open %s: %s", db, e.msg);
	int64_t n = arg ? store_int(st, -1, sql, "t", arg) : store_int(st, -1, sql, "");
	store_close(st);
	return n;
}

int cf_quit(struct pty *p)
{
	pty_send_key(p, VTERM_KEY_FUNCTION(10));
	EXPECT(p, pty_wait_text(p, "退出监测系统", CF_WAIT_MS));
	pty_send_text(p, "y");
	return pty_finish(p);
}
