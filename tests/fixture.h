/* A small county for tests of the flows and assistance rules: one
 * township, two villages with a group each, two officers of every role
 * (four eyes needs two), and households with valid ID numbers.  The
 * database lives in memory unless a file is asked for (tests that open it
 * again, e.g. through `jiance check`). */
#ifndef JIANCE_TEST_FIXTURE_H
#define JIANCE_TEST_FIXTURE_H

#include <stdint.h>

#include "base/clock.h"
#include "config/config.h"
#include "access/session.h"

struct fixture {
	char path[256];           /* "" = in memory; a URL on PostgreSQL */
	struct store *db;
	struct config cfg;        /* tests may change it: sessions point here */
	int64_t county, township, village1, village2, group1, group2;
	/* village1: v1a v1b; village2: v2; township: ta tb; county: ca cb */
	struct session admin, v1a, v1b, v2, ta, tb, ca, cb;
	int next_hh, next_id;
};

/* The day fixture_open pins the clock to. */
#define FIXTURE_DAY date_from_ymd(2026, 1, 5)

/* Builds everything; file != 0 keeps the database in a temporary file. */
void fixture_open(struct fixture *f, int file);
void fixture_close(struct fixture *f);

/* A valid 18-character ID (GB 11643 check digit) for a person born in
 * `year`; sex 1 man, 2 woman; each call gives a new number. */
void fixture_id(struct fixture *f, int year, int sex, char out[20]);

/* A household in the village (village1 or village2) with its head, created
 * by that village's officer; returns its id. */
int64_t fixture_household(struct fixture *f, int64_t village, const char *head, int tuopin,
                          const char *labour);
/* Adds a member; returns its id. */
int64_t fixture_member(struct fixture *f, int64_t household, const char *name,
                       const char *relation, int sex, const char *labour);
/* The village officer (v1a or v2) of a household's village. */
struct session *fixture_village_officer(struct fixture *f, int64_t household);

/* Completes the run's current step with 通过 as s, with the given
 * key/value pairs (NULL-terminated), dated today; aborts on refusal. */
void fixture_pass(struct session *s, int64_t run, ...);
/* Takes a household through a lead and the five steps of identification,
 * starting on `start` (the clock ends pinned to start + posting_days + 1,
 * the day of 纳入).  hh_type follows is_tuopin; risks 因病.  Returns the run. */
int64_t fixture_identify(struct fixture *f, int64_t household, jday start);
/* Completes steps with the default officers (village v1a/v2, township ta,
 * county ca) until the run waits at `step` (6: until it closes).  Step 3's
 * posting goes up today; the clock then moves posting_days + 1 days on to
 * pass it (the dates of a run follow one another, SPEC §5). */
void fixture_drive(struct fixture *f, int64_t run, int step);
/* Makes a monitored household meet every elimination condition except the
 * months: a 产业帮扶 measure and this year's income above the line. */
void fixture_ready(struct fixture *f, int64_t household);
/* Count of rows (fixed SQL from the test) */
int64_t fixture_count(struct fixture *f, const char *sql, int64_t arg);

#endif
