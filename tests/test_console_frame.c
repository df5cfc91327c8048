/* End-to-end tests of the console frame: the real binary ($JIANCE_BIN
 * --console-selftest: the help screen over a demo form) on a pty, driven
 * with keys as a terminal encodes them and checked on libvterm's screen. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pty.h"

#define WAIT_MS 10000     /* generous: ASan builds on a loaded machine */

/* Fails the test with the screen printed, so a failure can be read. */
#define EXPECT(p, cond) \
	do { \
		if (!(cond)) { \
			pty_dump(p); \
			fail_msg("%s", #cond); \
		} \
	} while (0)

static struct pty *start(int rows, int cols, char *const env[])
{
	char *bin = getenv("JIANCE_BIN");
	if (!bin || !*bin)
		fail_msg("JIANCE_BIN is not set; run the tests with make test");
	char *argv[] = { bin, "--console-selftest", NULL };
	struct pty *p = pty_start(rows, cols, argv, env);
	assert_non_null(p);
	/* keys sent before the program is in raw/keypad mode arrive mangled */
	EXPECT(p, pty_wait_text(p, "F1帮助", WAIT_MS));
	return p;
}

/* From the help screen to the demo form. */
static void open_form(struct pty *p)
{
	pty_send_text(p, "q");
	EXPECT(p, pty_wait_text(p, "与户主关系", WAIT_MS));
	/* the key line is drawn last: the whole frame has arrived */
	EXPECT(p, pty_wait_row(p, 23, "Esc退出", WAIT_MS));
}

/* Esc on the last screen: the console asks, as F10 does, and ends. */
static int esc_quits(struct pty *p)
{
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_text(p, "退出监测系统", WAIT_MS));
	pty_send_text(p, "y");
	return pty_finish(p);
}

static void test_help_at_80x24(void **state)
{
	(void)state;
	struct pty *p = start(24, 80, NULL);
	char row[1024];
	EXPECT(p, pty_wait_text(p, "按键", WAIT_MS));
	pty_row(p, 0, row, sizeof row);
	EXPECT(p, strstr(row, "监测 jiance") && strstr(row, "帮助"));
	/* the officer, right-aligned on the top line */
	EXPECT(p, pty_col_of(p, 0, "测试员 乡镇 保家镇") + 18 == 80);
	/* the bottom line is generated from the actions of this screen */
	EXPECT(p, pty_col_of(p, 23, "F1帮助") == 0);
	EXPECT(p, pty_col_of(p, 23, "q返回") > 0);
	/* help lists the form's own keys; on a typing screen q is text, so Esc */
	EXPECT(p, pty_row_of(p, "F2 Ctrl-S") >= 0);
	int back = pty_row_of(p, "回到上一屏幕");
	pty_row(p, back, row, sizeof row);
	EXPECT(p, strncmp(row, "Esc ", 4) == 0);
	open_form(p);
	assert_int_equal(esc_quits(p), 0);
}

static void test_chinese_editing(void **state)
{
	(void)state;
	struct pty *p = start(24, 80, NULL);
	open_form(p);
	pty_send_text(p, "张三丰");
	EXPECT(p, pty_wait_text(p, "张三丰", WAIT_MS));
	int row = pty_row_of(p, "张三丰"), col = pty_col_of(p, row, "张三丰");
	EXPECT(p, pty_wait_cursor(p, row, col + 6, WAIT_MS));
	/* Backspace removes 丰 whole: no stray byte, the cursor two columns back */
	pty_send_key(p, VTERM_KEY_BACKSPACE);
	EXPECT(p, pty_wait_gone(p, "张三丰", WAIT_MS));
	EXPECT(p, pty_col_of(p, row, "张三 ") == col);
	EXPECT(p, pty_wait_cursor(p, row, col + 4, WAIT_MS));
	/* Left moves over a whole character too */
	pty_send_key(p, VTERM_KEY_LEFT);
	pty_send_text(p, "小");
	EXPECT(p, pty_wait_text(p, "张小三", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ESCAPE);      /* typed text: asks first */
	EXPECT(p, pty_wait_text(p, "放弃已填写的内容", WAIT_MS));
	pty_send_text(p, "y");
	assert_int_equal(pty_finish(p), 0);
}

static void test_choice_and_save(void **state)
{
	(void)state;
	struct pty *p = start(24, 80, NULL);
	open_form(p);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_text(p, "不能为空", WAIT_MS));
	EXPECT(p, pty_wait_text(p, "未保存", WAIT_MS));
	pty_send_text(p, "abc");
	EXPECT(p, pty_wait_text(p, "姓名应含汉字", WAIT_MS));
	pty_send_ctrl(p, 'u');
	pty_send_text(p, "李四");
	EXPECT(p, pty_wait_gone(p, "姓名应含汉字", WAIT_MS));
	/* pinyin initials pick an option; Enter takes it */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "po");
	EXPECT(p, pty_wait_text(p, "配偶", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	int row = pty_row_of(p, "与户主关系");
	EXPECT(p, pty_wait_row(p, row, "配偶", WAIT_MS));
	pty_send_ctrl(p, 's');
	EXPECT(p, pty_wait_text(p, "检查通过", WAIT_MS));
	EXPECT(p, pty_row_of(p, "不能为空") < 0);
	assert_int_equal(esc_quits(p), 0);     /* saved: no 放弃已填写的内容 */
}

static void test_resize(void **state)
{
	(void)state;
	struct pty *p = start(24, 80, NULL);
	pty_resize(p, 30, 100);
	EXPECT(p, pty_wait_row(p, 29, "F1帮助", WAIT_MS));
	EXPECT(p, pty_col_of(p, 0, "测试员 乡镇 保家镇") + 18 == 100);
	pty_resize(p, 20, 60);
	EXPECT(p, pty_wait_text(p, "终端窗口太小", WAIT_MS));
	EXPECT(p, pty_row_of(p, "F1帮助") < 0);
	pty_send_text(p, "q");                  /* ignored while too small */
	pty_resize(p, 24, 80);
	EXPECT(p, pty_wait_row(p, 23, "F1帮助", WAIT_MS));
	EXPECT(p, pty_wait_gone(p, "终端窗口太小", WAIT_MS));
	EXPECT(p, pty_row_of(p, "按键") >= 0);
	pty_send_text(p, "q");
	EXPECT(p, pty_wait_text(p, "与户主关系", WAIT_MS));
	assert_int_equal(esc_quits(p), 0);
}

/* A modal box lays out again on resize and the form keeps its text. */
static void test_resize_in_confirm(void **state)
{
	(void)state;
	struct pty *p = start(24, 80, NULL);
	open_form(p);
	pty_send_text(p, "王五");
	EXPECT(p, pty_wait_text(p, "王五", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_text(p, "放弃已填写的内容", WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "y是", WAIT_MS));
	pty_resize(p, 30, 120);
	EXPECT(p, pty_wait_row(p, 29, "y是", WAIT_MS));
	EXPECT(p, pty_row_of(p, "放弃已填写的内容") >= 0);
	pty_send_text(p, "n");
	EXPECT(p, pty_wait_gone(p, "放弃已填写的内容", WAIT_MS));
	EXPECT(p, pty_row_of(p, "王五") >= 0);
	pty_send_key(p, VTERM_KEY_FUNCTION(10));
	EXPECT(p, pty_wait_text(p, "退出监测系统", WAIT_MS));
	pty_send_text(p, "y");
	assert_int_equal(pty_finish(p), 0);
}

/* Going back from the last screen quits, after asking as F10 does. */
static void test_q_quits(void **state)
{
	(void)state;
	struct pty *p = start(24, 80, NULL);
	open_form(p);
	EXPECT(p, pty_wait_gone(p, "按键", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_text(p, "退出监测系统", WAIT_MS));
	pty_send_text(p, "n");                  /* stays */
	EXPECT(p, pty_wait_gone(p, "退出监测系统", WAIT_MS));
	EXPECT(p, pty_row_of(p, "与户主关系") >= 0);
	assert_int_equal(esc_quits(p), 0);
}

/* A dropped connection: the hangup hook and the screens' leave() run, so
 * the typed name survives as a draft; the exit status names SIGHUP. */
static void test_hangup_keeps_draft(void **state)
{
	(void)state;
	char path[] = "/tmp/jiance-draft-XXXXXX", env[64], line[256], all[1024] = "";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	snprintf(env, sizeof env, "JIANCE_SELFTEST_DRAFT=%s", path);
	char *envv[] = { env, NULL };
	struct pty *p = start(24, 80, envv);
	open_form(p);
	pty_send_text(p, "赵六");
	EXPECT(p, pty_wait_text(p, "赵六", WAIT_MS));
	pty_hangup(p);
	assert_int_equal(pty_finish(p), 128 + SIGHUP);
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	while (fgets(line, sizeof line, in))
		strncat(all, line, sizeof all - strlen(all) - 1);
	fclose(in);
	unlink(path);
	assert_non_null(strstr(all, "hangup=1\n"));
	assert_non_null(strstr(all, "name=赵六\n"));
}

static void test_sigterm(void **state)
{
	(void)state;
	struct pty *p = start(24, 80, NULL);
	pty_kill(p, SIGTERM);
	assert_int_equal(pty_finish(p), 128 + SIGTERM);
}

/* A UTF-8 terminal (libvterm answers the cursor position question as
 * xterm does): the console starts, and after it ends the probe's two
 * characters are gone from the terminal's normal screen. */
static void test_utf8_terminal_starts(void **state)
{
	(void)state;
	struct pty *p = start(24, 80, NULL);
	EXPECT(p, pty_wait_bytes(p, "\033[6n", 4, WAIT_MS));   /* it asked */
	pty_send_key(p, VTERM_KEY_FUNCTION(10));
	EXPECT(p, pty_wait_text(p, "退出监测系统", WAIT_MS));
	pty_send_text(p, "y");
	EXPECT(p, pty_wait_bytes(p, "\033[?1049l", 8, WAIT_MS));   /* back on the normal screen */
	EXPECT(p, pty_row_of(p, "中") < 0);
	assert_int_equal(pty_finish(p), 0);
}

/* text converted to GBK, as a terminal left on GBK reads it; its length */
static size_t to_gbk(const char *text, char *out, size_t n)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)text, *o = out;
	size_t inleft = strlen(text), outleft = n;
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	return n - outleft;
}

/* A terminal that reads bytes one by one (Xshell or SecureCRT left on
 * GBK): it answers that 中中 took six columns.  The console does not
 * start; it says why and how to switch Xshell and SecureCRT to UTF-8, in
 * GBK so it can be read there, and in English (issue 16, item 8). */
static void test_gbk_terminal_told(void **state)
{
	(void)state;
	char *bin = getenv("JIANCE_BIN");
	assert_non_null(bin);
	char *argv[] = { bin, "--console-selftest", NULL };
	struct pty *p = pty_start(24, 80, argv, NULL);
	assert_non_null(p);
	pty_set_utf8(p, 0);
	char gbk[256];
	const char *says[] = { "终端的字符编码不是 UTF-8", "Xshell：文件 → 属性 → 终端 → 编码",
	                       "SecureCRT：选项 → 会话选项" };
	for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
		size_t n = to_gbk(says[i], gbk, sizeof gbk);
		EXPECT(p, pty_wait_bytes(p, gbk, n, WAIT_MS));
	}
	const char *en = "this terminal does not use UTF-8";
	EXPECT(p, pty_wait_bytes(p, en, strlen(en), WAIT_MS));
	EXPECT(p, pty_row_of(p, "F1") < 0);          /* curses never started */
	assert_int_equal(pty_finish(p), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_at_80x24),
		cmocka_unit_test(test_chinese_editing),
		cmocka_unit_test(test_choice_and_save),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_resize_in_confirm),
		cmocka_unit_test(test_q_quits),
		cmocka_unit_test(test_hangup_keeps_draft),
		cmocka_unit_test(test_sigterm),
		cmocka_unit_test(test_utf8_terminal_starts),
		cmocka_unit_test(test_gbk_terminal_told),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
