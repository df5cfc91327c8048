/* The real binary run as a command-line user would, for the tests of the
 * command line (bad input, output files, test hooks): its exit status and
 * what it printed. */
#ifndef JIANCE_TEST_RUNBIN_H
#define JIANCE_TEST_RUNBIN_H

#include <stddef.h>
#include <sys/types.h>

struct ran {
	int status;          /* exit status, or 128 + signal */
	char out[4096], err[4096];
};

struct runbin {
	const char *files;   /* stdout/stderr go to FILES.stdout, FILES.stderr */
	const char *cwd;     /* run there; NULL: here */
	long limit_kb;       /* > 0: no file it writes may grow past this */
	int seconds;         /* > 0: killed after this long */
	uid_t uid;           /* > 0: run as this account (the test is root) */
	gid_t gid;
	const char *env;     /* one variable beside LANG and PATH, or NULL */
};

/* JIANCE_BIN, set by make test. */
const char *runbin_path(void);
/* Runs JIANCE_BIN with args (NULL-terminated) as o says. */
void runbin(const struct runbin *o, const char *const *args, struct ran *r);
/* The whole file into buf (cut at n - 1 bytes), "" if it cannot be read. */
void runbin_slurp(const char *file, char *buf, size_t n);
/* The names in dir, one per line, hidden ones too. */
void runbin_listing(const char *dir, char *out, size_t n);
/* A 300-household demo county (seed 7) at path, on 2026-05-20. */
void runbin_demo(const char *path);

#endif
