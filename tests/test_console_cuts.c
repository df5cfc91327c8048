/* Nothing an officer needs to read is cut at 80x24 (issue 16, item 2): the
 * real binary on a pty over a 300-household demo county, every screen
 * walked as the county, township and village officers, each screen
 * searched for a '>' that cuts a date or a name.
 *
 * How a cut is recognised.  text_fit() ends text that does not fit with
 * '>' in the cell's last column.  For every '>' on the screen, T is the
 * text before it back to the previous space (one space right before the
 * '>' is skipped: it pads a wide character that did not fit).  It is
 *   a cut date  when the run of digits and '-' that ends T is 4 to 9
 *               characters long and begins a YYYY-MM-DD date (2026,
 *               2026-1, 2026-11-, ...): a whole date followed by '>' is
 *               not a cut;
 *   a cut name  when a tail of T of at least two characters begins, but is
 *               not, a name in the database (people: members, contact
 *               persons, officers; places: areas), and is not a name
 *               itself (李四 cut from 李四光 is not told apart from 李四).
 * A name cut after its first character is not caught.  Other cuts (the
 * end of a long explanation) are allowed; JIANCE_CUT_REPORT=1 lists them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console_fixture.h"
#include "store/store.h"

#define ROWS 24
#define COLS 80

static char db[CF_DB_LEN];
static char **names;
static int nnames;

static void load_names(void)
{
	static const char *const sql =
		"SELECT name FROM members UNION SELECT name FROM contacts"
		" UNION SELECT name FROM officers UNION SELECT name FROM areas";
	struct jerr e = { 0 };
	struct store *st = store_open(db, 0, &e);
	assert_non_null(st);
	struct stmt *q = store_prep(st, sql, "");
	int cap = 0;
	while (q && stmt_step(q) == 1) {
		if (nnames == cap) {
			cap = cap ? cap * 2 : 1024;
			names = realloc(names, (size_t)cap * sizeof *names);
			assert_non_null(names);
		}
		names[nnames++] = strdup(stmt_text(q, 0));
	}
	stmt_done(q);
	store_close(st);
	assert_true(nnames > 500);
}

static int setup(void **state)
{
	(void)state;
	cf_demo(db);
	load_names();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	cf_remove(db);
	return 0;
}

/* --- recognising a cut ------------------------------------------------------ */

/* 1 if s[0, n) begins a YYYY-MM-DD date and is shorter than one. */
static int date_prefix(const char *s, size_t n)
{
	static const char shape[] = "dddd-dd-dd";
	if (n < 4 || n >= sizeof shape - 1)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return 0;
	return 1;
}

static int cut_date(const char *t, size_t n)
{
	size_t start = n;
	while (start > 0 && ((t[start - 1] >= '0' && t[start - 1] <= '9') || t[start - 1] == '-'))
		start--;
	return date_prefix(t + start, n - start);
}

static int is_name(const char *s, size_t n)
{
	for (int i = 0; i < nnames; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], s, n))
			return 1;
	return 0;
}

/* The name that s[0, n) begins without being it, or NULL. */
static const char *begun_name(const char *s, size_t n)
{
	for (int i = 0; i < nnames; i++)
		if (strlen(names[i]) > n && !memcmp(names[i], s, n))
			return names[i];
	return NULL;
}

/* Characters in t[from, n): UTF-8 lead bytes. */
static int chars(const char *t, size_t from, size_t n)
{
	int c = 0;
	for (size_t i = from; i < n; i++)
		c += ((unsigned char)t[i] & 0xC0) != 0x80;
	return c;
}

static const char *cut_name(const char *t, size_t n)
{
	for (size_t from = 0; from < n; from++) {
		if (((unsigned char)t[from] & 0xC0) == 0x80 || chars(t, from, n) < 2)
			continue;
		const char *name = begun_name(t + from, n - from);
		if (name && !is_name(t + from, n - from))
			return name;
	}
	return NULL;
}

/* Fails the test (with the screen) on a cut date or name; where names the
 * screen for the message. */
static void scan(struct pty *p, const char *where)
{
	char row[4096];
	int report = getenv("JIANCE_CUT_REPORT") != NULL;
	for (int r = 0; r < ROWS; r++) {
		pty_row(p, r, row, sizeof row);
		for (char *gt = strchr(row, '>'); gt; gt = strchr(gt + 1, '>')) {
			size_t end = (size_t)(gt - row);
			if (end > 0 && row[end - 1] == ' ')
				end--;                  /* a wide character did not fit */
			size_t start = end;
			while (start > 0 && row[start - 1] != ' ')
				start--;
			const char *t = row + start;
			size_t n = end - start;
			const char *name = cut_name(t, n);
			if (report)
				fprintf(stderr, "%s row %d: %.*s>\n", where, r, (int)n, t);
			if (cut_date(t, n) || name) {
				pty_dump(p);
				fail_msg("%s, row %d: \"%.*s>\" cuts %s%s", where, r, (int)n, t,
				         name ? "the name " : "a date", name ? name : "");
			}
		}
	}
}

/* --- walking ------------------------------------------------------------------ */

/* One screen to look at: keys from the home menu, separated by '|':
 *   Enter Tab Down Up PgDn End Esc F1 F2 F4  those keys
 *   =TEXT                                    wait until TEXT is shown
 *   @LABEL   look for cuts once every key before has been handled: F12,
 *            a key no screen uses, is sent and its notice waited for
 *   !LABEL   look for cuts now (in a box, after a =TEXT)
 *   anything else                            typed as text */
struct visit {
	const char *login;
	const char *keys;
};

static const struct { const char *name; VTermKey key; } keynames[] = {
	{ "Enter", VTERM_KEY_ENTER }, { "Tab", VTERM_KEY_TAB }, { "Down", VTERM_KEY_DOWN },
	{ "Up", VTERM_KEY_UP }, { "PgDn", VTERM_KEY_PAGEDOWN }, { "End", VTERM_KEY_END },
	{ "Esc", VTERM_KEY_ESCAPE }, { "F1", VTERM_KEY_FUNCTION(1) },
	{ "F2", VTERM_KEY_FUNCTION(2) }, { "F4", VTERM_KEY_FUNCTION(4) },
};

#define NOTICE "这个键在本屏幕不起作用"

/* keys: keys sent since the last look, which clear the last F12's notice
 * once the console has read the first of them. */
static void step(struct pty *p, const char *tok, const char *login, int *keys)
{
	char where[160];
	for (size_t i = 0; i < sizeof keynames / sizeof keynames[0]; i++)
		if (!strcmp(tok, keynames[i].name)) {
			pty_send_key(p, keynames[i].key);
			(*keys)++;
			return;
		}
	if (tok[0] == '=') {
		if (!pty_wait_text(p, tok + 1, CF_WAIT_MS))
			fprintf(stderr, "%s: waited for %s\n", login, tok + 1);
		EXPECT(p, pty_row_of(p, tok + 1) >= 0);
		/* the key line is drawn last: the whole screen has arrived */
		int drawn = 0;
		for (int waited = 0; !drawn && waited < CF_WAIT_MS; waited += 50)
			drawn = pty_wait_row(p, ROWS - 1, "F1", 50) || pty_col_of(p, ROWS - 1, "Esc") >= 0;
		EXPECT(p, drawn);
	} else if (tok[0] == '@' || tok[0] == '!') {
		if (tok[0] == '@') {
			if (*keys)      /* not the last F12's notice: a new one */
				EXPECT(p, pty_wait_gone(p, NOTICE, CF_WAIT_MS));
			pty_send_key(p, VTERM_KEY_FUNCTION(12));
			if (!pty_wait_row(p, ROWS - 2, NOTICE, CF_WAIT_MS))
				fprintf(stderr, "%s: no notice for F12 before %s\n", login, tok + 1);
			EXPECT(p, pty_row_of(p, NOTICE) >= 0);
		}
		*keys = 0;
		snprintf(where, sizeof where, "%s: %s", login, tok + 1);
		scan(p, where);
	} else {
		pty_send_text(p, tok);
		(*keys)++;
	}
}

static void walk(const struct visit *v)
{
	char keys[1024];
	struct pty *p = cf_start(db, v->login, ROWS, COLS);
	cf_home(p);
	snprintf(keys, sizeof keys, "%s", v->keys);
	char *save = NULL;
	int sent = 1;
	for (char *tok = strtok_r(keys, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
		step(p, tok, v->login, &sent);
	/* ended as from outside: a box may be open, nothing was typed */
	pty_kill(p, SIGTERM);
	assert_int_equal(pty_finish(p), 128 + SIGTERM);
}

static void walk_all(const struct visit *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		walk(&v[i]);
}

/* The recogniser itself, on texts cut and not cut. */
static void test_recogniser(void **state)
{
	(void)state;
	const char *cut = "自2026-11-";
	assert_true(cut_date(cut, strlen(cut)));
	assert_true(cut_date("2026", 4));
	assert_false(cut_date("2026-11-28", 10));        /* whole */
	assert_false(cut_date("5002431", 7));            /* a household number */
	assert_false(cut_date("第3", 4));
	const char *ayg = "阿依古丽·";
	assert_non_null(cut_name(ayg, strlen(ayg)));
	assert_null(cut_name("阿依古丽·买买提", strlen("阿依古丽·买买提")));
	assert_null(cut_name("部门筛查预警", strlen("部门筛查预警")));
}

/* The county officer: the menu, the lists, a household in detail, the
 * forms, batch decisions, import, print, the dashboard, help. */
static void test_county(void **state)
{
	(void)state;
	static const struct visit v[] = {
		{ "demo_county", "@主菜单|F1|=帮助：|@帮助" },
		{ "demo_county", "1|=待我办理的步骤|@待办事项|PgDn|@待办事项 下一页|End|@待办事项 末尾" },
		{ "demo_county", "1|=待我办理的步骤|Enter|=本步：|@办理步骤|F1|=帮助：|@办理步骤 帮助|End|@办理步骤 帮助末尾" },
		{ "demo_county", "2|=第 1/|@户列表|PgDn|@户列表 下一页|End|@户列表 末尾|f|=全部清除|!筛选" },
		{ "demo_county", "2|=第 1/|/|ayglmmt|=阿依古丽·买买提|@搜索|Enter|=户详情|@户信息"
		                 "|2|=关系|@成员|3|=风险类型|@风险与保障|4|=帮扶联系人|@联系人|5|@帮扶措施"
		                 "|6|@走访|7|@流程|8|@审计|F1|=帮助：|@户详情 帮助|End|@户详情 帮助末尾" },
		{ "demo_county", "2|=第 1/|/|zsf|=张三丰|Enter|=户详情|@张三丰|5|=帮扶措施|@措施|6|@走访"
		                 "|7|@流程|8|@审计|1|e|=户编号|@修改户" },
		{ "demo_county", "3|=风险线索|@风险线索|End|@风险线索 末尾|Enter|=第1条|!线索来源" },
		{ "demo_county", "3|=风险线索|n|=线索来源|@登记线索|jc|Tab|Tab|阿依古丽|Enter"
		                 "|=选择线索所指的户|!选择线索所指的户|Esc|=线索来源|Esc|=放弃已填写的内容|y"
		                 "|=待核实|@风险线索 放弃登记" },
		{ "demo_county", "4|=共|@批量审批|F1|=帮助：|@批量审批 帮助|End|@批量审批 帮助末尾" },
		{ "demo_county", "5|=录入谁的走访|!录入谁的走访|Enter|=选择帮扶联系人|郑洁|=郑洁（|Enter|=走访日期"
		                 "|@走访录入" },
		{ "demo_county", "6|=帮扶联系人|@帮扶联系人|End|@帮扶联系人 末尾|Enter|=户主|@联系的户" },
		{ "demo_county", "7|=帮扶措施|@帮扶措施|End|@帮扶措施 末尾|n|=为哪一户登记措施|!选择户" },
		{ "demo_county", "8|=列映射|@导入" },
		{ "demo_county", "9|=监测户台账|@打印|Enter|=村（社区）或乡镇|@打印表单" },
		{ "demo_county", "0|=按状态|@看板|PgDn|@看板 下一页|PgDn|@看板 再下一页|End|@看板 末尾" },
		{ "demo_county", "n|=户编号|@新建一户" },
		{ "demo_county", "u|=待录入国家系统|@待录入国家系统|End|@待录入国家系统 末尾" },
	};
	walk_all(v, sizeof v / sizeof v[0]);
}

/* The township officer: the to-do queue, batch decisions, a step. */
static void test_township(void **state)
{
	(void)state;
	static const struct visit v[] = {
		{ "t101", "1|=待办事项|@待办事项|End|@待办事项 末尾" },
		{ "t101", "4|=批量审批|@批量审批" },
		{ "t101", "2|=第 1/|@户列表" },
		{ "t101", "6|=帮扶联系人|@帮扶联系人" },
		{ "t101", "3|=风险线索|@风险线索" },
		{ "t101", "0|=按|@看板" },
	};
	walk_all(v, sizeof v / sizeof v[0]);
}

/* The village officer of 龙阳村, where 阿依古丽·买买提 lives. */
static void test_village(void **state)
{
	(void)state;
	static const struct visit v[] = {
		{ "v101201", "1|=待办事项|@待办事项|Enter|=本步：|@办理步骤" },
		{ "v101201", "2|=第 1/|@户列表|Enter|=户详情|@户详情|2|=关系|@成员|2|@成员" },
		{ "v101201", "3|=风险线索|@风险线索|Enter|=第1条|!线索来源" },
		{ "v101201", "5|=录入谁的走访|!录入谁的走访" },
		{ "v101201", "6|=帮扶联系人|@帮扶联系人|Enter|=户主|@联系的户" },
		{ "v101201", "7|=帮扶措施|@帮扶措施" },
		{ "v101201", "i|=录入哪一年的收入|Enter|=收入录入|@收入录入|End|@收入录入 末尾" },
	};
	walk_all(v, sizeof v / sizeof v[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recogniser),
		cmocka_unit_test(test_county),
		cmocka_unit_test(test_township),
		cmocka_unit_test(test_village),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
