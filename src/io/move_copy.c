/* A county moved into a shared PostgreSQL database (move.h): checks, the
 * copy with shifted ids, and its verification, in one transaction of the
 * target.
 *
 * Not moved: drafts.  A draft is the form an officer was typing when the
 * connection dropped, kept as the screen's own name=value text; the
 * record it belongs to and ids in it (a household list, a grid's rows)
 * are written in each screen's way, which nothing below the screens can
 * shift.  Moved as they are, they would be offered back against other
 * counties' records; their number is reported so officers can be asked
 * to save or drop them first. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/move_impl.h"

#define CHUNK 4096             /* rows read, then written, at a time */

struct cell { int null; int64_t i; double d; size_t off, len; };

struct rows {
	const struct move_plan *p;
	const struct move_tbl *t;
	struct cell *cells;    /* CHUNK x ncol */
	char *buf;             /* the texts */
	size_t used, cap;
	long n;
	struct jerr *e;
	int bad;
};

static int keep_text(struct rows *r, struct cell *c, const char *s)
{
	size_t len = strlen(s);
	if (r->used + len + 1 > r->cap) {
		size_t cap = (r->cap ? r->cap * 2 : 1 << 20) + len;
		char *b = realloc(r->buf, cap);
		if (!b)
			return -1;
		r->buf = b;
		r->cap = cap;
	}
	memcpy(r->buf + r->used, s, len + 1);
	c->off = r->used;
	c->len = len;
	r->used += len + 1;
	return 0;
}

static const char *text_of(const struct rows *r, const struct cell *c) { return r->buf + c->off; }

/* One row of st into cells, by the columns' kinds. */
static int take_row(struct rows *r, struct stmt *st, struct cell *row)
{
	for (int j = 0; j < r->t->ncol; j++) {
		struct cell *c = &row[j];
		memset(c, 0, sizeof *c);
		c->null = stmt_isnull(st, j);
		if (c->null)
			continue;
		switch (r->t->col[j].kind) {
		case 'i': c->i = stmt_int(st, j); break;
		case 'd': c->d = stmt_double(st, j); break;
		default:
			if (keep_text(r, c, stmt_text(st, j)) != 0)
				return -1;
		}
	}
	return 0;
}

/* A positive decimal id written as text (audit.old/new), else 0. */
static int64_t id_in_text(const char *s)
{
	if (!*s || *s == '0' || strlen(s) > 18)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static int shift_audit(struct rows *r, struct cell *row, int j)
{
	const struct move_tbl *t = r->t;
	const char *tbl = row[t->audit_tbl].null ? "" : text_of(r, &row[t->audit_tbl]);
	struct cell *c = &row[j];
	if (t->col[j].ref == REF_AUDIT_REC) {
		int k = move_audit_rec_ref(r->p, tbl);
		if (k < 0 && !c->null && c->i > 0)
			return jerr_set(r->e, "", "审计记录中有本程序不认识的表 “%s”，无法换算其编号", tbl);
		if (k >= 0 && !c->null && c->i > 0)
			c->i += r->p->t[k].offset;
		return 0;
	}
	const char *field = row[t->audit_field].null ? "" : text_of(r, &row[t->audit_field]);
	int k = move_audit_value_ref(r->p, tbl, field);
	int64_t id = k >= 0 && !c->null ? id_in_text(text_of(r, c)) : 0;
	if (id > 0) {
		char num[24];
		snprintf(num, sizeof num, "%" PRId64, id + r->p->t[k].offset);
		return keep_text(r, c, num);
	}
	return 0;
}

/* The ids of a source row moved past the target's. */
static int shift_row(struct rows *r, struct cell *row)
{
	for (int j = 0; j < r->t->ncol; j++) {
		int ref = r->t->col[j].ref;
		if (ref == REF_AUDIT_REC || ref == REF_AUDIT_VALUE) {
			if (shift_audit(r, row, j) != 0)
				return -1;
		} else if (ref >= 0 && !row[j].null && row[j].i > 0) {
			row[j].i += r->p->t[ref].offset;
		}
	}
	return 0;
}

/* FNV-1a, 64 bits */
static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* The row's hash over its canonical text: N; i<decimal>; t<length>:<text>; d<%.17g>; */
static uint64_t hash_row(const struct rows *r, const struct cell *row)
{
	uint64_t h = 14695981039346656037ULL;
	char num[48];
	for (int j = 0; j < r->t->ncol; j++) {
		const struct cell *c = &row[j];
		int n;
		if (c->null) {
			h = fnv(h, "N;", 2);
			continue;
		}
		switch (r->t->col[j].kind) {
		case 'i':
			n = snprintf(num, sizeof num, "i%" PRId64 ";", c->i);
			h = fnv(h, num, (size_t)n);
			break;
		case 'd':
			n = snprintf(num, sizeof num, "d%.17g;", c->d);
			h = fnv(h, num, (size_t)n);
			break;
		default:
			n = snprintf(num, sizeof num, "t%zu:", c->len);
			h = fnv(h, num, (size_t)n);
			h = fnv(h, text_of(r, c), c->len);
			h = fnv(h, ";", 1);
		}
	}
	return h;
}

static void bind_row(void *ctx, struct stmt *st, long row, int first)
{
	struct rows *r = ctx;
	const struct cell *c = &r->cells[(size_t)row * (size_t)r->t->ncol];
	for (int j = 0; j < r->t->ncol; j++, c++) {
		if (c->null)
			stmt_bind_null(st, first + j);
		else if (r->t->col[j].kind == 'i')
			stmt_bind_int(st, first + j, c->i);
		else if (r->t->col[j].kind == 'd')
			stmt_bind_double(st, first + j, c->d);
		else
			stmt_bind_static(st, first + j, text_of(r, c));
	}
}

/* "a, b, c" */
static void column_list(const struct move_tbl *t, char *out, size_t n)
{
	size_t len = 0;
	out[0] = 0;
	for (int j = 0; j < t->ncol && len < n; j++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", j ? ", " : "", t->col[j].name);
}

static void key_order(const struct move_tbl *t, char *out, size_t n)
{
	size_t len = 0;
	out[0] = 0;
	for (int pk = 1; pk <= t->ncol && len < n; pk++)
		for (int j = 0; j < t->ncol; j++)
			if (t->col[j].pk == pk)
				len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ", " : "",
				                        t->col[j].name);
	if (!out[0])
		snprintf(out, n, "%s", t->col[0].name);
}

static int write_chunk(struct store *dst, struct rows *r, const char *head)
{
	if (r->n && store_insert_rows(dst, head, r->t->ncol, 0, r->n, bind_row, r) != 0)
		return jerr_set(r->e, "", "写入表 %s 失败：%s", r->t->name, store_errmsg(dst));
	r->n = 0;
	r->used = 0;
	return 0;
}

/* Reads the table from src, shifts, sums and writes it to dst. */
static int copy_table(struct store *src, struct store *dst, struct rows *r, struct move_table *out)
{
	const struct move_tbl *t = r->t;
	char cols[4096], order[512], sql[5000], head[4200];
	column_list(t, cols, sizeof cols);
	key_order(t, order, sizeof order);
	snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s", cols, t->name, order);
	snprintf(head, sizeof head, "INSERT INTO %s(%s)", t->name, cols);
	struct stmt *st = store_prepd(src, sql);
	if (!st)
		return jerr_set(r->e, "", "无法读取表 %s：%s", t->name, store_errmsg(src));
	int rc;
	r->n = 0;
	r->used = 0;
	while ((rc = stmt_step(st)) == 1) {
		struct cell *row = &r->cells[(size_t)r->n * (size_t)t->ncol];
		if (take_row(r, st, row) != 0 || shift_row(r, row) != 0) {
			stmt_done(st);
			return r->e->msg[0] ? -1 : jerr_set(r->e, "", "内存不足");
		}
		out->rows++;
		out->sum += hash_row(r, row);
		if (++r->n == CHUNK && write_chunk(dst, r, head) != 0) {
			stmt_done(st);
			return -1;
		}
	}
	stmt_done(st);
	if (rc < 0)
		return jerr_set(r->e, "", "读取表 %s 失败：%s", t->name, store_errmsg(src));
	return write_chunk(dst, r, head);
}

/* The moved rows read back from dst: those past the offset of its key,
 * a range of keys at a time (PostgreSQL hands a query's rows over all at
 * once: a county's whole audit table would be gigabytes). */
#define BACK_KEYS 50000

static int read_range(struct store *dst, struct rows *r, const char *sql, int64_t lo, int64_t hi,
                      struct move_table *out)
{
	struct stmt *st = store_prepd(dst, sql);
	if (!st)
		return jerr_set(r->e, "", "无法读回表 %s：%s", r->t->name, store_errmsg(dst));
	stmt_bind_int(st, 1, lo);
	stmt_bind_int(st, 2, hi);
	int rc;
	while ((rc = stmt_step(st)) == 1) {
		r->used = 0;
		if (take_row(r, st, r->cells) != 0) {
			stmt_done(st);
			return jerr_set(r->e, "", "内存不足");
		}
		out->rows_back++;
		out->sum_back += hash_row(r, r->cells);
	}
	stmt_done(st);
	return rc < 0 ? jerr_set(r->e, "", "读回表 %s 失败：%s", r->t->name, store_errmsg(dst)) : 0;
}

static int read_back(struct store *dst, struct rows *r, struct move_table *out)
{
	const struct move_tbl *t = r->t;
	const char *key = t->col[t->key].name;
	char cols[4096], sql[5000];
	column_list(t, cols, sizeof cols);
	snprintf(sql, sizeof sql, "SELECT coalesce(max(%s), 0) FROM %s", key, t->name);
	struct stmt *st = store_prepd(dst, sql);
	int64_t top = st && stmt_step(st) == 1 ? stmt_int(st, 0) : -1;
	if (st)
		stmt_done(st);
	if (top < 0)
		return jerr_set(r->e, "", "无法读回表 %s：%s", t->name, store_errmsg(dst));
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE %s > ? AND %s <= ?", cols, t->name, key,
	         key);
	for (int64_t lo = r->p->t[t->col[t->key].ref].offset; lo < top; lo += BACK_KEYS)
		if (read_range(dst, r, sql, lo, lo + BACK_KEYS, out) != 0)
			return -1;
	return 0;
}

/* A table's largest id (0 when empty), -1 if it cannot be read. */
static int64_t max_id(struct store *db, const char *table)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM %s", table);
	struct stmt *st = store_prepd(db, sql);
	int64_t top = st && stmt_step(st) == 1 ? stmt_int(st, 0) : -1;
	if (st)
		stmt_done(st);
	return top;
}

static int offsets(struct store *dst, struct move_plan *p, struct jerr *e)
{
	for (int i = 0; i < p->n; i++) {
		struct move_tbl *t = &p->t[i];
		if (t->id_col >= 0 && (t->offset = max_id(dst, t->name)) < 0)
			return jerr_set(e, "", "无法读取目标表 %s 的最大编号：%s", t->name, store_errmsg(dst));
	}
	return 0;
}

/* The target's ids drawn from now on are past the county's: its rows do
 * not each move the sequence (PostgreSQL's trigger does, one row at a
 * time, for ids beyond it: two thirds of writing the audit table). */
static int reserve_ids(struct store *src, struct store *dst, const struct move_tbl *t,
                       struct jerr *e)
{
	if (t->id_col < 0)
		return 0;
	int64_t top = max_id(src, t->name);
	if (top < 0 || store_ids_follow(dst, t->name, t->offset + top) != 0)
		return jerr_set(e, "", "无法为表 %s 预留编号：%s", t->name,
		                store_errmsg(top < 0 ? src : dst));
	return 0;
}

static int copy_all(struct store *src, struct store *dst, struct move_plan *p,
                    struct move_report *rep, struct jerr *e)
{
	struct rows r = { .p = p, .e = e };
	r.cells = calloc((size_t)CHUNK * MOVE_COLUMNS, sizeof *r.cells);
	int rc = r.cells ? 0 : jerr_set(e, "", "内存不足");
	for (int k = 0; rc == 0 && k < p->norder; k++) {
		const struct move_tbl *t = &p->t[p->order[k]];
		if (t->skip)
			continue;
		struct move_table *out = &rep->t[rep->n++];
		snprintf(out->name, sizeof out->name, "%s", t->name);
		out->offset = t->offset;
		r.t = t;
		rc = reserve_ids(src, dst, t, e);
		if (rc == 0)
			rc = copy_table(src, dst, &r, out);
		if (rc == 0)
			rc = read_back(dst, &r, out);
		if (rc == 0 && t->id_col >= 0 && store_ids_follow(dst, t->name, 0) != 0)
			rc = jerr_set(e, "", "无法调整表 %s 的编号序列：%s", t->name, store_errmsg(dst));
	}
	free(r.cells);
	free(r.buf);
	return rc;
}

static int verified(struct move_report *rep)
{
	rep->verified = 1;
	for (int i = 0; i < rep->n; i++)
		if (rep->t[i].rows != rep->t[i].rows_back || rep->t[i].sum != rep->t[i].sum_back)
			rep->verified = 0;
	return rep->verified;
}

int move_county(struct store *src, struct store *dst, struct move_report *rep, struct jerr *e)
{
	memset(rep, 0, sizeof *rep);
	struct move_plan *p = calloc(1, sizeof *p);
	if (!p)
		return jerr_set(e, "", "内存不足");
	int rc = -1;
	if (store_read_begin(src) != 0) {
		jerr_set(e, "", "无法读取源数据库：%s", store_errmsg(src));
		free(p);
		return -1;
	}
	if (move_plan_read(dst, p, e) != 0)
		goto out;
	if (store_begin(dst) != 0) {
		jerr_set(e, "", "目标数据库忙：%s", store_errmsg(dst));
		goto out;
	}
	if (move_checks(src, dst, p, rep, e) != 0 || offsets(dst, p, e) != 0 ||
	    copy_all(src, dst, p, rep, e) != 0) {
		store_rollback(dst);
		goto out;
	}
	if (!verified(rep)) {
		store_rollback(dst);
		jerr_set(e, "", "迁移后读回的行数或校验和与源数据库不一致，已全部撤销，目标数据库未改变");
		goto out;
	}
	if (store_commit(dst) != 0) {
		jerr_set(e, "", "无法提交：%s；目标数据库未改变", store_errmsg(dst));
		goto out;
	}
	rc = 0;
out:
	store_read_end(src);
	free(p);
	return rc;
}
