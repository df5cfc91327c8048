#include "hangups.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "crash.h"
#include "pty.h"
#include "store/store.h"

#define WAIT_MS 30000
#define LOGIN "demo_county"

/* Imports of rows leads, one after another, until stop exists. */
static pid_t start_imports(const char *bin, const char *dir, const char *db, int rows,
                           const char *stop)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGTERM);   /* never outlives a soak that died */
	char csv[256], marker[64];
	snprintf(csv, sizeof csv, "%s/hup-import.csv", dir);
	for (int k = 0; access(stop, F_OK) != 0; k++) {
		snprintf(marker, sizeof marker, "hangup-import-%d", k);
		if (crash_leads_file(db, csv, rows, marker, 9000000u + (unsigned)k * (unsigned)rows) != 0)
			_exit(1);
		const char *args[] = { "--db", db, "--as", LOGIN, "import", "--kind", "leads",
		                       "--department", "医保", csv, NULL };
		crash_wait(crash_spawn(bin, args, NULL, NULL));
	}
	_exit(0);
}

/* The console with the new-household form open and hh_no typed into it. */
static struct pty *typed_form(const char *bin, const char *db, const char *xdg, const char *hh_no)
{
	char *argv[] = { (char *)bin, "--db", (char *)db, "--as", LOGIN, NULL };
	char *env[] = { "JIANCE_TODAY=" CRASH_TODAY, (char *)xdg, NULL };
	struct pty *p = pty_start(24, 80, argv, env);
	if (!p || !pty_wait_row(p, 23, "F1帮助", WAIT_MS))
		return p;
	if (pty_wait_row(p, 0, "待办事项", 0))
		pty_send_key(p, VTERM_KEY_ESCAPE);
	if (!pty_wait_row(p, 0, "主菜单", WAIT_MS))
		return p;
	pty_send_text(p, "n");
	if (pty_wait_row(p, 0, "新建户", WAIT_MS) && pty_wait_row(p, 23, "F2保存", WAIT_MS)) {
		pty_send_text(p, hh_no);
		pty_wait_text(p, hh_no, WAIT_MS);
	}
	return p;
}

/* Kept: in the private folder, or in the database (then removed there,
 * so the next console opens on its menu, not on the draft question). */
static int kept(const char *db, const char *state, const char *hh_no)
{
	char path[512], buf[8192] = "";
	snprintf(path, sizeof path, "%s/jiance/drafts/" LOGIN "~household_form~new.draft", state);
	FILE *f = fopen(path, "r");
	if (f) {
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = 0;
		fclose(f);
		if (strstr(buf, hh_no))
			return 1;
	}
	struct jerr e = { "", "" };
	struct store *s = store_open(db, 0, &e);
	if (!s)
		return 0;
	int64_t in_db = store_int(s, 0, "SELECT count(*) FROM drafts WHERE instr(payload, ?) > 0", "t", hh_no);
	store_exec(s, "DELETE FROM drafts", "");
	store_close(s);
	return in_db > 0;
}

int hangup_during_imports(const char *bin, const char *dir, const char *db, int times, int rows)
{
	char stop[256];
	snprintf(stop, sizeof stop, "%s/hup-stop", dir);
	unlink(stop);
	pid_t imports = start_imports(bin, dir, db, rows, stop);
	srand((unsigned)time(NULL));
	int good = 0;
	for (int i = 0; i < times; i++) {
		char state[256], xdg[300], hh_no[32];
		snprintf(state, sizeof state, "%s/hup-state-%d", dir, i);
		snprintf(xdg, sizeof xdg, "XDG_STATE_HOME=%s", state);
		snprintf(hh_no, sizeof hh_no, "5002431012019%03d", 500 + i);
		struct pty *p = typed_form(bin, db, xdg, hh_no);
		if (!p)
			continue;
		struct timespec ts = { 0, (rand() % 1000) * 1000000L };
		nanosleep(&ts, NULL);
		pty_hangup(p);
		int st = pty_finish(p);
		if (kept(db, state, hh_no))
			good++;
		else
			fprintf(stderr, "hang-up %d: the form with %s was lost (exit %d)\n", i, hh_no, st);
	}
	FILE *f = fopen(stop, "w");
	if (f)
		fclose(f);
	crash_wait(imports);
	return good;
}
