/* The end-to-end tests of the work screens (tests/test_console_work*.c):
 * a small demo county made by the real binary with a pinned date, the
 * officers of 保家镇龙阳村 logged in through the library to prepare state
 * and check the database, and the console started on a pty as one of them
 * on a chosen day. */
#ifndef JIANCE_TESTS_WORK_FIXTURE_H
#define JIANCE_TESTS_WORK_FIXTURE_H

#include <stdint.h>

#include "base/clock.h"
#include "config/config.h"
#include "pty.h"
#include "access/session.h"

#define WORK_WAIT_MS 15000     /* generous: ASan builds on a loaded machine */

struct wdemo {
	char path[256];            /* the database: a file, or a URL under make check-pg */
	char conf[512];            /* the configuration both sides use */
	jday day;                  /* the demo's "today" */
	struct store *db;
	struct config cfg;
	/* v101201 (龙阳村), t101 (保家镇), demo_county, demo_admin */
	struct session v, t, c, admin;
	int64_t village;           /* 保家镇龙阳村 */
	int seq;                   /* for ID numbers */
};

/* `jiance demo --households 300 --seed 7` on `day` into a new file, then
 * the sessions.  conf NULL: the project's etc/jiance.conf. */
void wdemo_open(struct wdemo *w, jday day, const char *conf);
void wdemo_close(struct wdemo *w);

/* A household in 龙阳村 (status 线索) whose head is `name`, able to work. */
int64_t wdemo_household(struct wdemo *w, const char *name, int tuopin);
/* A lead on the household and its identification run, on `day`. */
int64_t wdemo_start(struct wdemo *w, int64_t hh, jday day);
/* Completes steps of a run with 通过 (village v, township t, county c)
 * until it waits at `step` (6: closed).  Steps 1-3 begin on day + n - 1;
 * step 3's posting runs from that day for posting_days and the step passes
 * the day after, each later step a day after the one before. */
void wdemo_drive(struct wdemo *w, int64_t run, int step, jday day);
/* A household identified and monitored since `day`, without contact or measure. */
int64_t wdemo_monitored(struct wdemo *w, const char *name, jday day);
/* Passes, as s, every run now waiting for s at `step` (a clean queue). */
void wdemo_clear_step(struct wdemo *w, struct session *s, int step);

/* The console as `login` on `day`, waited for until its first screen is
 * drawn.  conf NULL: w's. */
struct pty *wdemo_console(struct wdemo *w, const char *login, jday day, const char *conf);
/* F10, confirmed: the console ends with status 0. */
void wdemo_quit(struct pty *p);
/* Runs `jiance check` as login on day; its output in out. */
void wdemo_check(struct wdemo *w, const char *login, jday day, char *out, size_t n);

/* A Chinese name from a prefix and a number: 禤走 + 12 → 禤走十二. */
void wdemo_name(const char *prefix, int n, char *out, size_t sz);

/* Waits for text, or fails the test with the screen printed. */
void wdemo_expect(struct pty *p, const char *text);
/* The same for text to go away. */
void wdemo_expect_gone(struct pty *p, const char *text);
/* Presses a key n times. */
void wdemo_keys(struct pty *p, VTermKey key, int n);

#endif
