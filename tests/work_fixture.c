#include "work_fixture.h"
#include "testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "assist/assist.h"
#include "flow/flow.h"
#include "register/household.h"
#include "base/idcard.h"
#include "flow/lead.h"
#include "base/pinyin.h"
#include "flow/todo.h"

static void die(const char *what, const char *why)
{
	fail_msg("work fixture: %s: %s", what, why);
}

static const char *bin(void)
{
	const char *b = getenv("JIANCE_BIN");
	if (!b || !*b)
		die("JIANCE_BIN", "not set; run the tests with make test");
	return b;
}

/* Runs the binary with JIANCE_TODAY=day; its stdout into out (may be NULL). */
static int run(const char *const argv[], jday day, char *out, size_t n)
{
	int fd[2];
	char today[32], d[11];
	snprintf(today, sizeof today, "JIANCE_TODAY=%s", date_fmt(day, d));
	if (pipe(fd) != 0)
		die("pipe", "failed");
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		putenv(today);
		execv(bin(), (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	size_t len = 0;
	ssize_t got;
	char sink[4096];
	while ((got = read(fd[0], out && len + 1 < n ? out + len : sink,
	                   out && len + 1 < n ? n - len - 1 : sizeof sink)) > 0)
		if (out && len + 1 < n)
			len += (size_t)got;
	if (out)
		out[len] = 0;
	close(fd[0]);
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void login(struct wdemo *w, struct session *s, const char *name)
{
	struct jerr e = { 0 };
	if (session_login(s, w->db, &w->cfg, name, &e) != 0)
		die(name, e.msg);
}

void wdemo_open(struct wdemo *w, jday day, const char *conf)
{
	memset(w, 0, sizeof *w);
	const char *src = getenv("JIANCE_SRC");
	snprintf(w->conf, sizeof w->conf, "%s/etc/jiance.conf", src && *src ? src : ".");
	if (conf)
		snprintf(w->conf, sizeof w->conf, "%s", conf);
	w->day = day;
	/* on a server the demo of a day and configuration is made once per
	 * test binary and copied for each test (half a minute against a second) */
	static char made[256], made_for[600];
	char key[600];
	snprintf(key, sizeof key, "%ld %s", (long)day, w->conf);
	if (testdb_pg() && made[0] && !strcmp(key, made_for)) {
		testdb_copy(made, w->path, sizeof w->path);
	} else {
		testdb_fresh(w->path, sizeof w->path, "/tmp/jiance-work");
		const char *argv[] = { bin(), "-c", w->conf, "--db", w->path, "demo", "--households",
		                       "300", "--seed", "7", NULL };
		if (run(argv, day, NULL, 0) != 0)
			die("jiance demo", w->path);
		if (testdb_pg()) {
			testdb_copy(w->path, made, sizeof made);
			snprintf(made_for, sizeof made_for, "%s", key);
		}
	}
	struct jerr e = { 0 };
	config_defaults(&w->cfg);
	if (config_load(&w->cfg, w->conf, &e) != 0)
		die("config", e.msg);
	if (!(w->db = store_open(w->path, 0, &e)))
		die("store_open", e.msg);
	login(w, &w->v, "v101201");
	login(w, &w->t, "t101");
	login(w, &w->c, "demo_county");
	login(w, &w->admin, "demo_admin");
	w->village = w->v.me.area_id;
	clock_pin(day);
}

void wdemo_close(struct wdemo *w)
{
	store_close(w->db);
	testdb_drop(w->path);
	pinyin_close();
	clock_pin(JDAY_NONE);
}

static void new_id(struct wdemo *w, char out[20])
{
	char first[18];
	do {
		snprintf(first, sizeof first, "50024319530228%03u", (unsigned)(100 + w->seq++ % 900) % 1000u);
		snprintf(out, 20, "%s%c", first, idcard_check_digit(first));
	} while (member_id_taken(&w->v, out, 0, NULL));
}

int64_t wdemo_household(struct wdemo *w, const char *name, int tuopin)
{
	struct household h;
	struct member m;
	struct jerr e = { 0 };
	household_init(&h);
	snprintf(h.hh_no, sizeof h.hh_no, "5002431012019%03d", w->seq);
	h.village_id = w->village;
	h.group_id = store_int(w->db, 0, "SELECT min(id) FROM areas WHERE parent_id = ?", "l",
	                       w->village);
	h.is_tuopin = tuopin;
	member_init(&m);
	snprintf(m.name, sizeof m.name, "%s", name);
	snprintf(m.labour, sizeof m.labour, "普通劳动力");
	new_id(w, m.id_no);
	if (household_create(&w->v, &h, &m, &e) != 0)
		die(name, e.msg);
	return h.id;
}

int64_t wdemo_start(struct wdemo *w, int64_t hh, jday day)
{
	struct lead_input li = { .household_id = hh, .channel = "基层干部排查", .found_on = JDAY_NONE,
	                         .reason = "走访发现因病支出大" };
	struct jerr e = { 0 };
	int64_t lead, run;
	int merged;
	clock_pin(day);
	if (lead_create(&w->v, &li, &lead, &merged, &e) != 0 || lead_start(&w->v, lead, 0, &run, &e))
		die("lead", e.msg);
	return run;
}

static void pass(struct session *s, int64_t run, const char *k1, const char *v1, const char *k2,
                 const char *v2, const char *k3, const char *v3)
{
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS };
	const char *k[] = { k1, k2, k3 }, *v[] = { v1, v2, v3 };
	for (int i = 0; i < 3; i++)
		if (k[i] && v[i]) {
			in.keys[in.nkv] = k[i];
			in.values[in.nkv++] = v[i];
		}
	struct jerr e = { 0 };
	if (flow_complete(s, run, &in, &e) != 0)
		die("flow_complete", e.msg);
}

static void drive_one(struct wdemo *w, const struct flow_run *r)
{
	struct jerr e = { 0 };
	int identify = r->kind == FLOW_IDENTIFY;
	int tuopin = (int)store_int(w->db, 0, "SELECT is_tuopin FROM households WHERE id = ?", "l",
	                            r->household_id);
	const char *type = !identify ? NULL : tuopin ? "脱贫不稳定户" : "边缘易致贫户";
	switch (r->step) {
	case 1:
		pass(&w->v, r->id, "commitment", "是", "hh_type", type, "risks", identify ? "因病" : NULL);
		break;
	case 2: pass(&w->t, r->id, "result", "无异常", NULL, NULL, NULL, NULL); break;
	case 3:
		/* posted today, passed the day after it has run its days */
		if (flow_post(&w->v, r->id, "村务公开栏", clock_today(),
		              clock_today() + w->cfg.posting_days, &e) != 0)
			die("flow_post", e.msg);
		clock_pin(clock_today() + w->cfg.posting_days + 1);
		pass(&w->v, r->id, "result", "同意", "participants", "20", NULL, NULL);
		break;
	case 4: pass(&w->t, r->id, "decision", "同意", NULL, NULL, NULL, NULL); break;
	default: pass(&w->c, r->id, "decision", "同意", NULL, NULL, NULL, NULL); break;
	}
}

void wdemo_drive(struct wdemo *w, int64_t run, int step, jday day)
{
	struct flow_run r;
	struct jerr e = { 0 };
	while (flow_get(&w->c, run, &r, &e) == 0 && r.state == RUN_OPEN && r.step < step) {
		clock_pin(day);
		drive_one(w, &r);
		day = clock_today() + 1;   /* a step a day, in order */
	}
}

int64_t wdemo_monitored(struct wdemo *w, const char *name, jday day)
{
	int64_t hh = wdemo_household(w, name, 0);
	wdemo_drive(w, wdemo_start(w, hh, day), 6, day);
	return hh;
}

void wdemo_clear_step(struct wdemo *w, struct session *s, int step)
{
	struct flow_run runs[100];
	int n = todo_steps(s, 0, runs, 100);
	for (int i = 0; i < n; i++)
		if (runs[i].step == step)
			drive_one(w, &runs[i]);
}

struct pty *wdemo_console(struct wdemo *w, const char *login_name, jday day, const char *conf)
{
	static char env[32];
	char d[11];
	snprintf(env, sizeof env, "JIANCE_TODAY=%s", date_fmt(day, d));
	char *argv[] = { (char *)bin(), "-c", (char *)(conf ? conf : w->conf), "--db", w->path,
	                 "--as", (char *)login_name, NULL };
	char *envv[] = { env, NULL };
	struct pty *p = pty_start(24, 80, argv, envv);
	if (!p)
		die("pty_start", login_name);
	/* the first screen, or a draft offered over it */
	for (int waited = 0; waited <= WORK_WAIT_MS; waited += 50)
		if (pty_wait_text(p, "F1帮助", 50) || pty_wait_text(p, "现在恢复并继续填写吗", 0))
			return p;
	pty_dump(p);
	die("no first screen", login_name);
	return NULL;
}

void wdemo_quit(struct pty *p)
{
	pty_send_key(p, VTERM_KEY_FUNCTION(10));
	wdemo_expect(p, "退出监测系统");
	pty_send_text(p, "y");
	assert_int_equal(pty_finish(p), 0);
}

void wdemo_check(struct wdemo *w, const char *login_name, jday day, char *out, size_t n)
{
	const char *argv[] = { bin(), "-c", w->conf, "--db", w->path, "--as", login_name, "check",
	                       NULL };
	run(argv, day, out, n);
}

void wdemo_name(const char *prefix, int n, char *out, size_t sz)
{
	static const char *const d[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	if (n < 10)
		snprintf(out, sz, "%s%s", prefix, d[n]);
	else if (n < 20)
		snprintf(out, sz, "%s十%s", prefix, d[n % 10]);
	else
		snprintf(out, sz, "%s%s十%s", prefix, d[n / 10 % 10], d[n % 10]);
}

void wdemo_expect(struct pty *p, const char *text)
{
	if (!pty_wait_text(p, text, WORK_WAIT_MS)) {
		pty_dump(p);
		fail_msg("not on the screen: %s", text);
	}
}

void wdemo_expect_gone(struct pty *p, const char *text)
{
	if (!pty_wait_gone(p, text, WORK_WAIT_MS)) {
		pty_dump(p);
		fail_msg("still on the screen: %s", text);
	}
}

void wdemo_keys(struct pty *p, VTermKey key, int n)
{
	for (int i = 0; i < n; i++)
		pty_send_key(p, key);
}
