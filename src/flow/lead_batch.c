/* Many leads written at once, as lead_plan planned them: an import's
 * 100,000 rows.  Written one by one, each lead costs four statements (the
 * lead, its source, two audit records), and each statement opens and
 * closes a cursor on every index of its table: 15 µs a row, seconds of the
 * write lock.  Here the rows go in as multi-row INSERTs with the ids given
 * (the transaction holds the write lock, so the next ids are known), the
 * same rows and audit records lead_create writes (lead.c insert_lead,
 * merge_into, add_source), and the same merging: rows of one person or one
 * household join one lead. */
#include "flow/lead.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strmap.h"


struct batch_row {
	int64_t lead;              /* existing lead id; or -k: the batch's k-th new lead */
	int64_t household, village, township;
	char found[11];
	const char *id_no, *name, *channel, *department, *reason, *import_key;
};

struct lead_batch {
	const struct session *s;
	struct batch_row *rows;
	long n, cap, nnew;
	long *first_of;            /* new lead k (from 1) → its first row */
	char (*created)[11];       /* new lead k → its earliest found_on */
	char (*by)[11];            /* new lead k → its verify-by date, reckoned as rows come */
	struct strmap by_person, by_household;
};

struct lead_batch *lead_batch_new(const struct session *s)
{
	struct lead_batch *b = calloc(1, sizeof *b);
	if (b) {
		b->s = s;
		strmap_init(&b->by_person);
		strmap_init(&b->by_household);
	}
	return b;
}

void lead_batch_free(struct lead_batch *b)
{
	if (!b)
		return;
	free(b->rows);
	free(b->first_of);
	free(b->created);
	free(b->by);
	strmap_free(&b->by_person);
	strmap_free(&b->by_household);
	free(b);
}

static int grow(struct lead_batch *b)
{
	if (b->n < b->cap)
		return 0;
	long cap = b->cap ? 2 * b->cap : 1024;
	struct batch_row *r = realloc(b->rows, (size_t)cap * sizeof *r);
	long *f = r ? realloc(b->first_of, (size_t)(cap + 1) * sizeof *f) : NULL;
	char (*c)[11] = f ? realloc(b->created, (size_t)(cap + 1) * sizeof *c) : NULL;
	if (r)
		b->rows = r;
	if (f)
		b->first_of = f;
	if (c)
		b->created = c;
	char (*by)[11] = c ? realloc(b->by, (size_t)(cap + 1) * sizeof *by) : NULL;
	if (by)
		b->by = by;
	if (!by)
		return -1;
	b->cap = cap;
	return 0;
}

/* The new lead of this batch the row joins (same person, or same
 * household): its number k, or 0. */
static long joins(struct lead_batch *b, const struct lead_plan *p)
{
	int64_t *k = strmap_get(&b->by_person, p->id_no);
	char hh[24];
	snprintf(hh, sizeof hh, "%lld", (long long)p->household);
	if (!k && p->household)
		k = strmap_get(&b->by_household, hh);
	return k ? (long)*k : 0;
}

int lead_batch_add(struct lead_batch *b, const struct lead_input *in, const struct lead_plan *p)
{
	if (grow(b) != 0)
		return -1;
	struct batch_row *r = &b->rows[b->n];
	memset(r, 0, sizeof *r);
	date_fmt(in->found_on == JDAY_NONE ? clock_today() : in->found_on, r->found);
	long k = p->open ? 0 : joins(b, p);
	if (p->open) {
		r->lead = p->open;
	} else if (k) {
		r->lead = -k;
		if (strcmp(r->found, b->created[k]) < 0) {   /* the deadline counts from the earliest */
			memcpy(b->created[k], r->found, sizeof r->found);
			lead_verify_by(b->s, b->created[k], b->by[k]);
		}
	} else {
		k = ++b->nnew;
		r->lead = -k;
		b->first_of[k] = b->n;
		memcpy(b->created[k], r->found, sizeof r->found);
		lead_verify_by(b->s, b->created[k], b->by[k]);
		char hh[24];
		snprintf(hh, sizeof hh, "%lld", (long long)p->household);
		if (strmap_put(&b->by_person, p->id_no, k) != 0 ||
		    (p->household && strmap_put(&b->by_household, hh, k) != 0))
			return -1;
	}
	int created = r->lead < 0 && b->first_of[-r->lead] == b->n;
	r->household = p->household;
	r->village = p->village;
	r->township = p->township;
	r->id_no = p->id_no;
	r->name = p->name;
	r->channel = in->channel;
	r->department = in->department ? in->department : "";
	r->reason = in->reason;
	r->import_key = in->import_key ? in->import_key : "";
	b->n++;
	return created;
}

int64_t lead_batch_lead(const struct lead_batch *b, long n)
{
	return n >= 0 && n < b->n ? b->rows[n].lead : 0;
}

long lead_batch_count(const struct lead_batch *b) { return b->n; }

/* ---- writing ---- */

struct writer {
	struct session *s;
	struct lead_batch *b;
	int64_t base, sbase;       /* the ids before the batch's leads and sources */
};

static void bind_lead(void *ctx, struct stmt *st, long k, int i)
{
	struct writer *w = ctx;
	const struct batch_row *r = &w->b->rows[w->b->first_of[k]];
	stmt_bind_int(st, i, w->base + k);
	if (r->household)
		stmt_bind_int(st, i + 1, r->household);
	else
		stmt_bind_text(st, i + 1, NULL);
	stmt_bind_static(st, i + 2, *r->id_no ? r->id_no : NULL);
	stmt_bind_static(st, i + 3, r->name);
	stmt_bind_int(st, i + 4, r->village);
	stmt_bind_int(st, i + 5, r->township);
	stmt_bind_static(st, i + 6, w->b->created[k]);
	stmt_bind_static(st, i + 7, w->b->by[k]);
}

static void bind_lead_audit(void *ctx, struct stmt *st, long k, int i)
{
	struct writer *w = ctx;
	const struct batch_row *r = &w->b->rows[w->b->first_of[k]];
	stmt_bind_int(st, i, w->s->me.id);
	stmt_bind_static(st, i + 1, "leads");
	stmt_bind_int(st, i + 2, w->base + k);
	stmt_bind_static(st, i + 3, "state");
	stmt_bind_static(st, i + 4, NULL);
	stmt_bind_static(st, i + 5, "待核实");
	stmt_bind_int(st, i + 6, r->household);
}

/* lead_create audits the verify-by date it sets, after the state */
static void bind_verify_audit(void *ctx, struct stmt *st, long k, int i)
{
	struct writer *w = ctx;
	const struct batch_row *r = &w->b->rows[w->b->first_of[k]];
	stmt_bind_int(st, i, w->s->me.id);
	stmt_bind_static(st, i + 1, "leads");
	stmt_bind_int(st, i + 2, w->base + k);
	stmt_bind_static(st, i + 3, "verify_by");
	stmt_bind_static(st, i + 4, NULL);
	stmt_bind_static(st, i + 5, w->b->by[k]);
	stmt_bind_int(st, i + 6, r->household);
}

static int64_t lead_of(const struct writer *w, const struct batch_row *r)
{
	return r->lead > 0 ? r->lead : w->base - r->lead;
}

static void bind_source(void *ctx, struct stmt *st, long j, int i)
{
	struct writer *w = ctx;
	const struct batch_row *r = &w->b->rows[j];
	stmt_bind_int(st, i, w->sbase + j + 1);
	stmt_bind_int(st, i + 1, lead_of(w, r));
	stmt_bind_static(st, i + 2, r->channel);
	stmt_bind_static(st, i + 3, r->department);
	stmt_bind_static(st, i + 4, r->found);
	stmt_bind_static(st, i + 5, r->reason);
	if (w->s->me.id)
		stmt_bind_int(st, i + 6, w->s->me.id);
	else
		stmt_bind_static(st, i + 6, NULL);
	stmt_bind_static(st, i + 7, *r->import_key ? r->import_key : NULL);
}

static void bind_source_audit(void *ctx, struct stmt *st, long j, int i)
{
	struct writer *w = ctx;
	const struct batch_row *r = &w->b->rows[j];
	char what[128];
	snprintf(what, sizeof what, "%s%s%s", r->channel, *r->department ? "：" : "", r->department);
	stmt_bind_int(st, i, w->s->me.id);
	stmt_bind_static(st, i + 1, "lead_sources");
	stmt_bind_int(st, i + 2, w->sbase + j + 1);
	stmt_bind_static(st, i + 3, "source");
	stmt_bind_text(st, i + 4, what);   /* made here: copied */
	stmt_bind_static(st, i + 5, r->reason);
	stmt_bind_int(st, i + 6, r->household);
}

static int insert_all(struct writer *w, const char *head, int width, long from, long to,
                      store_row_binder put)
{
	return store_insert_rows(w->s->db, head, width, from, to, put, w);
}

/* Rows joining a lead that was there before: as merge_into does. */
static int merge_existing(struct writer *w, struct lead_batch *b)
{
	for (long j = 0; j < b->n; j++) {
		const struct batch_row *r = &b->rows[j];
		char first[11] = "", by[11];
		if (r->lead <= 0)
			continue;
		store_text(w->s->db, first, sizeof first, "SELECT CASE WHEN created_on <= ?1"
		           " THEN created_on ELSE ?1 END FROM leads WHERE id = ?2", "tl",
		           r->found, r->lead);
		if (store_exec(w->s->db, "UPDATE leads SET household_id = coalesce(household_id, ?),"
		               " created_on = ?, verify_by = CASE state WHEN '待核实' THEN ?"
		               " ELSE verify_by END WHERE id = ?", "Lttl", r->household, first,
		               lead_verify_by(w->s, first, by), r->lead) != 0)
			return -1;
	}
	return 0;
}

/* Each new lead queued for the national system as lead_create queues it. */
static void queue_entry(void *ctx, long i, struct upstream_new *u)
{
	struct writer *w = ctx;
	long k = i + 1;
	const struct batch_row *r = &w->b->rows[w->b->first_of[k]];
	struct lead_input in = { .channel = r->channel, .department = r->department,
	                         .reason = r->reason };
	lead_upstream_entry(r->household, r->village, r->name, &in, w->b->created[k], u);
}

static int queue_new(struct writer *w, struct lead_batch *b)
{
	return upstream_record_rows(w->s, b->nnew, queue_entry, w);
}

int lead_batch_write(struct session *s, struct lead_batch *b, struct jerr *e)
{
	struct writer w = { .s = s, .b = b };
	if (!store_tx_open(s->db))
		return jerr_set(e, "", "批量写入线索须在事务之中");
	w.base = store_max_id(s->db, "leads");
	w.sbase = store_max_id(s->db, "lead_sources");
	if (w.base < 0 || w.sbase < 0)
		return jerr_set(e, "", "无法读取线索编号: %s", store_errmsg(s->db));
	int rc = insert_all(&w, "INSERT INTO leads(id, household_id, id_no, name, village_id,"
	                    " township_id, created_on, verify_by)", 8, 1, b->nnew + 1, bind_lead) ||
	         insert_all(&w, "INSERT INTO audit(officer_id, tbl, rec, field, old, new, household_id)",
	                    7, 1, b->nnew + 1, bind_lead_audit) ||
	         insert_all(&w, "INSERT INTO audit(officer_id, tbl, rec, field, old, new, household_id)",
	                    7, 1, b->nnew + 1, bind_verify_audit) ||
	         merge_existing(&w, b) ||
	         insert_all(&w, "INSERT INTO lead_sources(id, lead_id, channel, department, found_on,"
	                    " reason, officer_id, import_key)", 8, 0, b->n, bind_source) ||
	         insert_all(&w, "INSERT INTO audit(officer_id, tbl, rec, field, old, new, household_id)",
	                    7, 0, b->n, bind_source_audit) ||
	         queue_new(&w, b);
	return rc ? jerr_set(e, "", "保存线索失败: %s", store_errmsg(s->db)) : 0;
}
