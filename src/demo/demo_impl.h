/* Shared by the demo generator's files (demo.c, demo_names.c,
 * demo_people.c, demo_flow.c, demo_life.c); not for other modules. */
#ifndef JIANCE_DEMO_IMPL_H
#define JIANCE_DEMO_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "base/clock.h"
#include "demo/demo.h"
#include "flow/flow.h"
#include "register/household.h"
#include "access/session.h"

/* ---- a small deterministic generator (splitmix64); never rand() ---- */

struct rng { uint64_t s; };

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static inline struct rng rng_make(uint64_t seed, uint64_t stream)
{
	struct rng r = { seed * 0xD1B54A32D192ED03ull ^ (stream + 1) * 0x9E3779B97F4A7C15ull };
	rng_next(&r);
	return r;
}

/* lo..hi inclusive */
static inline int rng_int(struct rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static inline int rng_pct(struct rng *r, int pct) { return (int)(rng_next(r) % 100) < pct; }

/* index drawn from weights[0..n) */
int rng_pick(struct rng *r, const int *weights, int n);

/* ---- name and place pools (demo_names.c) ---- */

struct demo_township { const char *name; int code; int kind; };   /* kind 0 街道 1 镇 2 乡 */
extern const struct demo_township DEMO_TOWNSHIPS[];
extern const int DEMO_NTOWNSHIPS;

const char *demo_village_base(int i);      /* 2-character village names */
int demo_nvillage_bases(void);
/* A person's name by sex (1 男 2 女) and birth year. */
void demo_person_name(struct rng *r, const char *surname, int sex, int birth_year, char *out,
                      size_t n);
const char *demo_surname(struct rng *r);
void demo_natural_village(struct rng *r, char *out, size_t n);
const char *demo_group_name(int i);        /* 一组 … 十组 (1-based) */
void demo_phone(struct rng *r, char *out);
const char *demo_migrant_place(struct rng *r);
const char *demo_ethnicity(struct rng *r);

/* ---- the county being built ---- */

struct demo_town {
	int64_t id;
	char name[32], code[13];
	int first_village, nvillages;
	int officers[2], nofficers;     /* indices into demo.off */
	int64_t contacts[2];
	int ncontacts;
};

struct demo_village {
	int64_t id;
	char name[48], code[13];
	int town;
	int64_t groups[10];
	int ngroups;
	int officer, officer2;          /* officer2: -1, or a second one (four eyes) */
	int64_t contacts[24];
	int ncontacts;
	int households, seq;
};

struct demo {
	struct store *db;
	const struct config *cfg;
	const struct demo_opts *opts;
	struct demo_stats *st;
	jday today, start;              /* the history runs from start to today */
	struct demo_town towns[40];
	int ntowns;
	struct demo_village *villages;
	int nvillages;
	struct session *off;            /* one logged-in session per officer */
	int noff, capoff;
	int admin, county[2];
	int two[2];                      /* village, township: two officers needed */
	uint16_t *idseq;                /* per birth day and sex: sequence numbers used */
	jday id_first;
	int id_days;
	char where[160];                /* the household being made, for error messages */
};

/* ---- what one household will go through ---- */

enum demo_path {
	P_LEAD_OPEN, P_LEAD_DISMISSED, P_IDENTIFYING, P_MONITORED, P_ELIMINATING,
	P_ELIMINATED, P_REJECTED, P_DISSOLVED, P_ROLLED_BACK, P_REIDENTIFIED,
	P_ROSTER                        /* on the register only (an imported roster) */
};

struct demo_hh {
	int village, index;             /* index: position in the whole county */
	struct rng r;
	int roster;                     /* 1: this one is on the roster only */
	enum demo_path path;
	int stop_step;                  /* open runs: the step left waiting (1..5) */
	int64_t id;
	struct household h;
	int n;
	int labour;                     /* someone can work */
	int tuopin;
	int nrisks;
	char risks[3][48];
	char type[24];
	int64_t rigid_id;
	int64_t contact;
	int64_t measures[4];
	jday mstart[4];
	int nmeasures, dev_measure;
	int income_pc;                  /* the last yearly income saved, 元 per person */
	uint64_t income_years;          /* bit y - 2000: that year's income is saved */
	jday lead_on, last;             /* the first lead; the latest step of the last run */
	struct member ms[HH_MAX_MEMBERS];   /* last: the rest is cleared per household */
};

/* The recognisable households of 保家镇龙阳村 for hand and end-to-end tests. */
struct demo_fixed_member { const char *name, *relation; int sex, age; const char *schooling; };
struct demo_fixed {
	enum demo_path path;
	int stop_step;
	int tuopin;
	const char *type, *ethnicity, *risks[3];
	int n;
	struct demo_fixed_member m[6];
};
extern const struct demo_fixed DEMO_FIXED[];
extern const int DEMO_NFIXED;

/* demo_people.c: members and money.  f: a fixed household, or NULL to
 * make one up. */
int demo_make_members(struct demo *d, struct demo_hh *x, const struct demo_fixed *f);
void demo_pick_risks(struct demo_hh *x);
int demo_save_income(struct demo *d, struct demo_hh *x, int year, double ratio, struct jerr *e);
/* an 18-digit ID for a birth date and sex, unique in this run */
void demo_id_number(struct demo *d, jday birth, int sex, char *out);

/* demo_flow.c: leads and runs through the engine */
struct kv { int n; const char *keys[STEP_MAX_KV]; char buf[STEP_MAX_KV][160]; };
void kv_add(struct kv *kv, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct demo_run {
	int64_t id;
	int64_t passer[6];              /* who passed each step (four eyes) */
	int identify;
	jday started, day;              /* the run's start and its latest step */
	int income_pc;                  /* what step 1 found, 元 */
};
int demo_run_steps(struct demo *d, struct demo_hh *x, struct demo_run *run, int stop_step,
                   int fail_step, struct jerr *e);
int demo_lead(struct demo *d, struct demo_hh *x, jday day, int channel, int person_only,
              int64_t *lead, jday *last, struct jerr *e);
int demo_start(struct demo *d, struct demo_hh *x, int64_t lead, jday day, struct demo_run *run,
               struct jerr *e);
int demo_dismiss(struct demo *d, struct demo_hh *x, int64_t lead, jday day, struct jerr *e);
int demo_start_elimination(struct demo *d, struct demo_hh *x, jday day, struct demo_run *run,
                           struct jerr *e);
int demo_rollback(struct demo *d, struct demo_hh *x, jday day, struct jerr *e);
int demo_dissolve(struct demo *d, struct demo_hh *x, jday day, struct jerr *e);
void demo_risks_text(const struct demo_hh *x, char *out, size_t n);

/* demo_life.c: one household's history */
/* the latest year's income above the line of day's year (elimination) */
int demo_ensure_income(struct demo *d, struct demo_hh *x, jday day, struct jerr *e);
int demo_household(struct demo *d, struct demo_hh *x, const struct demo_fixed *f,
                   struct jerr *e);
/* demo.c: the household and its members in the register, at x->lead_on */
int demo_register(struct demo *d, struct demo_hh *x, struct jerr *e);
/* the session of an officer of role for the household (avoid: officer id
 * not to use, for four eyes); NULL if none */
struct session *demo_officer_for(struct demo *d, const struct demo_hh *x, enum role role,
                                 int64_t avoid);
/* pins the clock; returns day */
jday demo_at(jday day);

#endif
