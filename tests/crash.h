/* kill -9 at random moments (issue 13): during an import, a demo and a
 * save.  After each, the database passes quick_check, the foreign-key
 * check and the schema check, and what was being written is there whole
 * or not at all.  Used by tests/test_crash.c (3 each, make check) and
 * tests/soak.c (make soak, 20 each or more).  Also the small helpers both
 * need to run the real binary and to make files for it. */
#ifndef JIANCE_TESTS_CRASH_H
#define JIANCE_TESTS_CRASH_H

#include <stdint.h>
#include <sys/types.h>

#define CRASH_TODAY "2026-05-20"

struct crash_env {
	const char *bin;     /* the jiance to run */
	const char *dir;     /* a folder of the caller's, for databases and files */
	unsigned seed;       /* of the random moments */
	int verbose;
};

/* Each runs `times` kills; 0 when every one left a sound database and
 * all or nothing, else -1 with the reason on stderr. */
int crash_import(struct crash_env *c, int times, int rows);
int crash_demo(struct crash_env *c, int times);
int crash_save(struct crash_env *c, int times);

/* Starts bin with args (NULL-ended) and JIANCE_TODAY=CRASH_TODAY, its
 * stdout and stderr into out and err (paths, may be NULL: /dev/null). */
pid_t crash_spawn(const char *bin, const char *const *args, const char *out, const char *err);
/* Waits for pid: its exit status, or 128 + the signal. */
int crash_wait(pid_t pid);
/* `jiance --db db demo --households n --seed seed`; 0 ok. */
int crash_make_demo(const char *bin, const char *db, int n, unsigned seed);
/* A warning list of n people not in the register, of the county's first
 * village, every reason `marker`: a leads import of it makes n leads or
 * none.  0 ok. */
int crash_leads_file(const char *db, const char *path, int n, const char *marker, unsigned first);
/* Integrity, foreign keys and schema of db: number of problems (printed). */
int crash_sound(const char *db);
/* Milliseconds on the monotonic clock. */
long long crash_ms(void);

#endif
