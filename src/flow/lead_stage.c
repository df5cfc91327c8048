/* An import's leads written in short transactions (db/015_import_runs.sql).
 *
 * One transaction for 100,000 leads holds SQLite's single write lock for
 * seconds, and every officer saving a form meanwhile waits that long.  So
 * the checked plan is staged in import_plan a few thousand rows a
 * transaction (invisible: nothing reads that table but this file), the run
 * made 'ready' in one short transaction -- from then the file is decided --
 * and its chunks written one short transaction each, with a pause between
 * them in which a waiting save takes the lock.  A run whose importer died
 * is finished by the next jiance to start (lead_stage_resume), or thrown
 * away if it was still staging: the register has a file whole or not at
 * all, as after a single transaction. */
#include "flow/lead.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "store/store.h"

#define CHUNK_ROWS 500         /* about 20 ms; rows joining one lead are never split */
#define TX_MS 250              /* chunks per transaction; a save waiting ends it after
                                  its chunk (store_writers_waiting), so it is not what a
                                  save waits: 30 ms took 1.5-2 s more of a county list */
#define STAGE_ROWS 1000        /* plan rows a statement batch; TX_MS of them a transaction */
#define STALE_SECS 600         /* a run not written for this long has lost its importer */

/* ---- staging ---- */

struct stager {
	const struct lead_stage_row *rows;
	const long *order;         /* rows in chunk order */
	const int *chunk;          /* chunk of order[i] */
	int64_t run;
};

static void bind_plan(void *ctx, struct stmt *st, long i, int k)
{
	const struct stager *g = ctx;
	const struct lead_stage_row *r = &g->rows[g->order[i]];
	char found[11];
	date_fmt(r->in.found_on, found);
	stmt_bind_int(st, k, g->run);
	stmt_bind_int(st, k + 1, g->chunk[i]);
	stmt_bind_int(st, k + 2, i);
	stmt_bind_int(st, k + 3, r->idx);
	stmt_bind_int(st, k + 4, r->in.household_id);
	stmt_bind_int(st, k + 5, r->in.village_id);
	stmt_bind_static(st, k + 6, r->in.id_no ? r->in.id_no : "");
	stmt_bind_static(st, k + 7, r->in.name ? r->in.name : "");
	stmt_bind_static(st, k + 8, r->in.channel ? r->in.channel : "");
	stmt_bind_static(st, k + 9, r->in.department ? r->in.department : "");
	stmt_bind_text(st, k + 10, found);
	stmt_bind_static(st, k + 11, r->in.reason ? r->in.reason : "");
	stmt_bind_static(st, k + 12, r->in.import_key ? r->in.import_key : "");
	stmt_bind_int(st, k + 13, r->in.id_unregistered);
	stmt_bind_int(st, k + 14, r->plan.household);
	stmt_bind_int(st, k + 15, r->plan.village);
	stmt_bind_int(st, k + 16, r->plan.township);
	stmt_bind_int(st, k + 17, r->plan.open);
	stmt_bind_int(st, k + 18, r->plan.status);
	stmt_bind_static(st, k + 19, r->plan.id_no);
	stmt_bind_static(st, k + 20, r->plan.name);
}

/* Rows that join one lead (one person, one household, one open lead) go
 * into one chunk: each chunk is written on its own, perhaps by another
 * process, and the batch joins rows only within what it is given.
 *
 * Leads are written village by village: leads_village and the upstream
 * queue are kept by village, so a chunk of one or two villages changes a
 * few of their pages instead of one page per row (the upstream queue took
 * half the time in ID order on a 200,000-household county). */
struct keyed { int64_t village, lead; long pos; };

static int by_lead(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->lead != y->lead)
		return x->lead < y->lead ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int by_village(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->village != y->village)
		return x->village < y->village ? -1 : 1;
	return by_lead(a, b);
}

/* Each row keyed by its lead: new leads (-1, -2 …) first, in order. */
static struct keyed *keyed_rows(struct session *s, const struct lead_stage_row *rows, long n)
{
	struct lead_batch *b = lead_batch_new(s);
	struct keyed *k = malloc((size_t)(n ? n : 1) * sizeof *k);
	for (long i = 0; b && k && i < n; i++) {
		if (lead_batch_add(b, &rows[i].in, &rows[i].plan) < 0)
			break;
		int64_t lead = lead_batch_lead(b, i);
		k[i] = (struct keyed){ 0, lead < 0 ? -lead : INT64_MAX / 2 + lead, i };
	}
	int ok = b && k && lead_batch_count(b) == n;
	lead_batch_free(b);
	if (!ok)
		return free(k), NULL;
	return k;
}

/* A lead's rows may name different villages (one person, two addresses):
 * the lead goes with its first row's, so its rows stay together. */
static void village_of_leads(const struct lead_stage_row *rows, struct keyed *k, long n)
{
	qsort(k, (size_t)n, sizeof *k, by_lead);
	int64_t village = 0;
	for (long i = 0; i < n; i++) {
		if (i == 0 || k[i].lead != k[i - 1].lead)
			village = rows[k[i].pos].plan.village;
		k[i].village = village;
	}
	qsort(k, (size_t)n, sizeof *k, by_village);
}

/* order[] and chunk[] for n rows; -1 out of memory */
static int chunks_of(struct session *s, const struct lead_stage_row *rows, long n, long *order,
                     int *chunk)
{
	struct keyed *k = keyed_rows(s, rows, n);
	if (!k)
		return -1;
	village_of_leads(rows, k, n);
	int c = 0;
	long in_chunk = 0;
	for (long i = 0; i < n; i++) {
		if (i > 0 && k[i].lead != k[i - 1].lead && in_chunk >= CHUNK_ROWS)
			c++, in_chunk = 0;
		order[i] = k[i].pos;
		chunk[i] = c;
		in_chunk++;
	}
	free(k);
	return 0;
}

static int64_t new_run(struct session *s, int64_t mark, struct jerr *e)
{
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试"), -1;
	int rc = store_exec(s->db, "INSERT INTO import_runs(state, officer_id, owner_host, owner_pid,"
	                    " beat, mark) VALUES ('staging', ?, ?, ?, ?, ?)", "ltlll", s->me.id, host,
	                    (int64_t)getpid(), (int64_t)time(NULL), mark);
	int64_t run = rc == 0 ? store_last_id(s->db) : 0;
	if (rc != 0 || store_commit(s->db) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存导入计划失败: %s", store_errmsg(s->db)), -1;
	}
	return run;
}

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Plan rows from *i on, STAGE_ROWS at a time, until TX_MS have passed or
 * a save waits. */
static int stage_some(struct session *s, struct stager *g, long *i, long n)
{
	long long t0 = ms_now();
	do {
		long to = n - *i < STAGE_ROWS ? n : *i + STAGE_ROWS;
		if (store_insert_rows(s->db, "INSERT INTO import_plan(run_id, chunk, seq, row_idx,"
		                      " household_id, village_id, id_no, name, channel, department,"
		                      " found_on, reason, import_key, unregistered, p_household, p_village,"
		                      " p_township, p_open, p_status, p_id_no, p_name)", 21, *i, to,
		                      bind_plan, g) != 0)
			return -1;
		*i = to;
	} while (*i < n && ms_now() - t0 < TX_MS && !store_writers_waiting(s->db));
	return store_exec(s->db, "UPDATE import_runs SET beat = ? WHERE id = ?", "ll",
	                  (int64_t)time(NULL), g->run);
}

static int stage(struct session *s, struct stager *g, long n, struct jerr *e)
{
	store_wait_behind(s->db, 1);
	for (long i = 0; i < n;) {
		if (store_begin(s->db) != 0) {
			store_wait_behind(s->db, 0);
			return jerr_set(e, "", "数据库忙，请稍后再试");
		}
		if (stage_some(s, g, &i, n) != 0 || store_commit(s->db) != 0) {
			store_rollback(s->db);
			store_wait_behind(s->db, 0);
			return jerr_set(e, "", "保存导入计划失败: %s", store_errmsg(s->db));
		}
		store_give_way(s->db);
	}
	store_wait_behind(s->db, 0);
	return 0;
}

int64_t lead_stage_put(struct session *s, const struct lead_stage_row *rows, long n, int64_t mark,
                       struct jerr *e)
{
	long *order = malloc((size_t)(n ? n : 1) * sizeof *order);
	int *chunk = malloc((size_t)(n ? n : 1) * sizeof *chunk);
	int64_t run = -1;
	if (!order || !chunk || chunks_of(s, rows, n, order, chunk) != 0)
		jerr_set(e, "", "内存不足");
	else if ((run = new_run(s, mark, e)) > 0) {
		struct stager g = { rows, order, chunk, run };
		if (stage(s, &g, n, e) != 0 ||
		    store_exec(s->db, "UPDATE import_runs SET state = 'ready' WHERE id = ?", "l", run) != 0)
			run = -1;   /* left 'staging': the next start throws it away */
	}
	if (run < 0 && !e->msg[0])
		jerr_set(e, "", "保存导入计划失败: %s", store_errmsg(s->db));
	free(order);
	free(chunk);
	return run;
}

/* ---- writing a chunk ---- */

struct chunk {
	struct arena a;
	struct lead_stage_row *rows;
	long n;
	int no;
};

static void read_row(struct chunk *c, struct stmt *st)
{
	struct lead_stage_row *r = &c->rows[c->n++];
	struct arena *a = &c->a;
	r->idx = (long)stmt_int(st, 0);
	r->in = (struct lead_input){
		.household_id = stmt_int(st, 1), .village_id = stmt_int(st, 2),
		.id_no = arena_strdup(a, stmt_text(st, 3)), .name = arena_strdup(a, stmt_text(st, 4)),
		.channel = arena_strdup(a, stmt_text(st, 5)),
		.department = arena_strdup(a, stmt_text(st, 6)),
		.found_on = date_iso(stmt_text(st, 7)), .reason = arena_strdup(a, stmt_text(st, 8)),
		.import_key = arena_strdup(a, stmt_text(st, 9)), .id_unregistered = (int)stmt_int(st, 10),
	};
	r->plan = (struct lead_plan){ .household = stmt_int(st, 11), .village = stmt_int(st, 12),
	                              .township = stmt_int(st, 13), .open = stmt_int(st, 14),
	                              .status = (enum hh_status)stmt_int(st, 15) };
	snprintf(r->plan.id_no, sizeof r->plan.id_no, "%s", stmt_text(st, 16));
	snprintf(r->plan.name, sizeof r->plan.name, "%s", stmt_text(st, 17));
	if (!*r->in.id_no)
		r->in.id_no = NULL;   /* a lead naming a household only */
	if (!*r->in.import_key)
		r->in.import_key = NULL;
}

/* The run's first chunk left; 0 none left, -1 error */
static int read_chunk(struct session *s, int64_t run, struct chunk *c)
{
	c->no = (int)store_int(s->db, -1, "SELECT min(chunk) FROM import_plan WHERE run_id = ?", "l",
	                       run);
	if (c->no < 0)
		return 0;
	long n = store_int(s->db, 0, "SELECT count(*) FROM import_plan WHERE run_id = ? AND chunk = ?",
	                   "ll", run, (int64_t)c->no);
	if (!(c->rows = calloc((size_t)n + 1, sizeof *c->rows)))
		return -1;
	struct stmt *st = store_prep(s->db, "SELECT row_idx, household_id, village_id, id_no, name,"
	                             " channel, department, found_on, reason, import_key, unregistered,"
	                             " p_household, p_village, p_township, p_open, p_status, p_id_no,"
	                             " p_name FROM import_plan WHERE run_id = ? AND chunk = ? ORDER BY seq",
	                             "ll", run, (int64_t)c->no);
	while (st && c->n < n && stmt_step(st) == 1)
		read_row(c, st);
	stmt_done(st);
	return c->n == n && n > 0 ? 1 : -1;
}

/* Where each row goes given what others wrote since the run's mark: into
 * the batch as planned, stored already (its key seen), or decided again by
 * lead_create after the batch (its person, household or lead touched). */
enum route { R_BATCH, R_SAME, R_AGAIN };

static enum route route(const struct lead_changes *ch, const struct lead_stage_row *r)
{
	if (lead_changes_has_key(ch, r->in.import_key))
		return R_SAME;
	return lead_changes_touch(ch, &r->plan) ? R_AGAIN : R_BATCH;
}

static int write_chunk(struct session *s, const struct chunk *c, const struct lead_changes *ch,
                       lead_stage_done done, void *arg, struct jerr *e)
{
	struct lead_batch *b = lead_batch_new(s);
	signed char *made = malloc((size_t)c->n + 1);
	int rc = b && made ? 0 : jerr_set(e, "", "内存不足");
	for (long i = 0; rc == 0 && i < c->n; i++) {
		enum route w = route(ch, &c->rows[i]);
		made[i] = w == R_SAME ? LEAD_MADE_SAME : -1;
		if (w == R_BATCH) {
			int k = lead_batch_add(b, &c->rows[i].in, &c->rows[i].plan);
			rc = k < 0 ? jerr_set(e, "", "内存不足") : 0;
			made[i] = (signed char)(k ? LEAD_MADE_NEW : LEAD_MADE_MERGED);
		}
	}
	if (rc == 0)
		rc = lead_batch_write(s, b, e);
	lead_batch_free(b);
	for (long i = 0; rc == 0 && i < c->n; i++) {
		struct jerr we = { 0 };
		int64_t id;
		int merged = 0;
		if (made[i] < 0 && lead_create(s, &c->rows[i].in, &id, &merged, &we) != 0) {
			if (store_busy(s->db) || !we.msg[0])
				rc = jerr_set(e, "", "保存线索失败: %s", store_errmsg(s->db));
			else if (done)
				done(arg, c->rows[i].idx, LEAD_MADE_REFUSED, we.msg);
			continue;
		}
		if (made[i] < 0)
			made[i] = (signed char)(merged == 2 ? LEAD_MADE_SAME : merged ? LEAD_MADE_MERGED
			                                                              : LEAD_MADE_NEW);
		if (done)
			done(arg, c->rows[i].idx, made[i], NULL);
	}
	free(made);
	return rc;
}

/* Others' writes since the run's checks matter to every chunk, and only
 * those since the last transaction are read again: ch gathers them, read
 * up to audit record seen.  This run's own writes are skipped: they touch
 * no later chunk (rows of one person, household or open lead share one). */
struct lead_stage_pass {
	struct session *s;
	int64_t run, seen;
	struct lead_changes *ch;
	int tx_ms;
};

struct lead_stage_pass *lead_stage_begin(struct session *s, int64_t run)
{
	struct lead_stage_pass *p = calloc(1, sizeof *p);
	if (p && !(p->ch = lead_changes_new()))
		return free(p), NULL;
	if (p) {
		p->s = s;
		p->run = run;
		p->tx_ms = TX_MS;
		p->seen = store_int(s->db, -1, "SELECT mark FROM import_runs WHERE id = ?", "l", run);
	}
	return p;
}

void lead_stage_tx_ms(struct lead_stage_pass *p, int ms) { p->tx_ms = ms; }

void lead_stage_end(struct lead_stage_pass *p)
{
	if (p)
		lead_changes_free(p->ch);
	free(p);
}

/* The run's next chunk written and its plan rows gone: 1, 0 none was
 * left, -1 with e. */
static int one_chunk(struct lead_stage_pass *p, lead_stage_done done, void *arg, struct jerr *e)
{
	struct session *s = p->s;
	struct chunk c = { .n = 0 };
	arena_init(&c.a);
	int got = read_chunk(s, p->run, &c);
	int rc = got < 0 ? jerr_set(e, "", "读取导入计划失败: %s", store_errmsg(s->db)) : 0;
	if (rc == 0 && got > 0)
		rc = write_chunk(s, &c, p->ch, done, arg, e);
	if (rc == 0 && got > 0 &&
	    store_exec(s->db, "DELETE FROM import_plan WHERE run_id = ? AND chunk = ?", "ll", p->run,
	               (int64_t)c.no) != 0)
		rc = jerr_set(e, "", "保存线索失败: %s", store_errmsg(s->db));
	free(c.rows);
	arena_free(&c.a);
	return rc != 0 ? -1 : got;
}

/* Chunks until the transaction has taken TX_MS, whatever the machine's
 * speed: what a waiting save waits is bounded by time, not by rows. */
static int step(struct lead_stage_pass *p, lead_stage_done done, void *arg, struct jerr *e)
{
	struct session *s = p->s;
	if (p->seen < 0)
		return 0;
	int64_t now = store_int(s->db, 0, "SELECT coalesce(max(id), 0) FROM audit", "");
	if (lead_changes_more(s, p->seen, p->ch) != 0)
		return jerr_set(e, "", "读取导入计划失败: %s", store_errmsg(s->db));
	p->seen = now;
	long long t0 = ms_now();
	int got;
	while ((got = one_chunk(p, done, arg, e)) > 0 && ms_now() - t0 < p->tx_ms &&
	       !store_writers_waiting(s->db))
		;
	if (got < 0)
		return -1;
	/* still holding the lock: what was written since `now` is this run's
	 * own, which touches no later chunk and need not be read again */
	p->seen = store_int(s->db, 0, "SELECT coalesce(max(id), 0) FROM audit", "");
	if ((got == 0 ? store_exec(s->db, "DELETE FROM import_runs WHERE id = ?", "l", p->run)
	              : store_exec(s->db, "UPDATE import_runs SET beat = ? WHERE id = ?", "ll",
	                           (int64_t)time(NULL), p->run)) != 0)
		return jerr_set(e, "", "保存线索失败: %s", store_errmsg(s->db));
	return got;
}

int lead_stage_step(struct lead_stage_pass *p, lead_stage_done done, void *arg, struct jerr *e)
{
	struct session *s = p->s;
	store_wait_behind(s->db, 1);   /* officers saving a form go first */
	int busy = store_begin(s->db) != 0;
	store_wait_behind(s->db, 0);
	if (busy)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	int rc = step(p, done, arg, e);
	if (rc < 0)
		store_rollback(s->db);
	else if (store_commit(s->db) != 0)
		rc = jerr_set(e, "", "保存线索失败: %s", store_errmsg(s->db));
	return rc;
}

int lead_stage_finish(struct session *s, int64_t run, lead_stage_done done, void *arg,
                      struct jerr *e)
{
	struct lead_stage_pass *p = lead_stage_begin(s, run);
	if (!p)
		return jerr_set(e, "", "内存不足");
	int rc;
	store_own_checkpoints(s->db, 1);
	while ((rc = lead_stage_step(p, done, arg, e)) > 0)
		store_give_way(s->db);
	store_own_checkpoints(s->db, 0);
	store_checkpoint(s->db);
	lead_stage_end(p);
	return rc;
}

/* ---- runs whose importer is gone ---- */

static int owner_gone(const char *host, int64_t pid, int64_t beat)
{
	char me[256] = "";
	gethostname(me, sizeof me - 1);
	if (time(NULL) - beat > STALE_SECS)
		return 1;   /* also a pid used again by another program */
	if (strcmp(host, me) != 0)
		return 0;   /* another front end's: only its age tells */
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

struct orphan { int64_t id, officer; int staging; };

static int orphans(struct session *s, struct orphan *out, int max)
{
	struct stmt *st = store_prep(s->db, "SELECT id, officer_id, state = 'staging', owner_host,"
	                             " owner_pid, beat FROM import_runs ORDER BY id", "");
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		if (owner_gone(stmt_text(st, 3), stmt_int(st, 4), stmt_int(st, 5)))
			out[n++] = (struct orphan){ stmt_int(st, 0), stmt_int(st, 1), (int)stmt_int(st, 2) };
	stmt_done(st);
	return n;
}

/* A run still staging is not decided: its plan goes, a chunk at a time. */
static int discard(struct session *s, int64_t run, struct jerr *e)
{
	for (;;) {
		if (store_begin(s->db) != 0)
			return jerr_set(e, "", "数据库忙，请稍后再试");
		int64_t c = store_int(s->db, -1, "SELECT min(chunk) FROM import_plan WHERE run_id = ?",
		                      "l", run);
		int rc = c < 0 ? store_exec(s->db, "DELETE FROM import_runs WHERE id = ?", "l", run)
		               : store_exec(s->db, "DELETE FROM import_plan WHERE run_id = ? AND chunk = ?",
		                            "ll", run, c);
		if (rc != 0 || store_commit(s->db) != 0) {
			store_rollback(s->db);
			return jerr_set(e, "", "清理中断的导入失败: %s", store_errmsg(s->db));
		}
		if (c < 0)
			return 0;
	}
}

int lead_stage_resume(struct session *s, struct jerr *e)
{
	struct orphan o[16];
	int n = orphans(s, o, 16);
	for (int i = 0; i < n; i++) {
		/* written as the officer who imported it: the audit says whose file it was */
		struct session as = *s;
		as.me.id = o[i].officer;
		if ((o[i].staging ? discard(s, o[i].id, e) : lead_stage_finish(&as, o[i].id, NULL, NULL, e)) < 0)
			return -1;
	}
	return n;
}
