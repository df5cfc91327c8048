/* Running the data-quality rules (quality_rules.c) over the officer's
 * scope: the configuration they need goes in as bound text, one item a
 * line (SQLite's JSON functions are not PostgreSQL's), so one SQL text per
 * rule serves counts, lists, one household and elimination. */
#include "flow/quality_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/scope.h"
#include "register/flags.h"
#include "store/store.h"

int quality_count(void) { return quality_nrules; }

const struct quality_rule *quality_rule_at(int i)
{
	return i >= 0 && i < quality_nrules ? &quality_rules[i] : NULL;
}

const struct quality_rule *quality_find(const char *code)
{
	for (int i = 0; code && i < quality_nrules; i++)
		if (!strcmp(quality_rules[i].code, code))
			return &quality_rules[i];
	return NULL;
}

static const char *rule_sql(const struct quality_rule *r)
{
	return r->sql ? r->sql : flag_predicate((enum flag)r->flag);
}

/* ---- the configuration as lines (quality_impl.h) ---- */

struct buf { char *p; size_t len, cap; };

static void put(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 1024) + n;
		char *q = realloc(b->p, cap);
		if (!q)
			return;
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
}

/* Labels are plain text; a control character (none is ever stored) would
 * break the lines, so it is left out. */
static void put_label(struct buf *b, const char *s)
{
	char one[2] = { 0, 0 };
	for (; *s; s++)
		if ((unsigned char)*s >= 0x20) {
			one[0] = *s;
			put(b, one);
		}
}

/* One line: prefix (with its tab) and the label. */
static void put_line(struct buf *b, const char *prefix, const char *label)
{
	put(b, prefix);
	put_label(b, label);
	put(b, "\n");
}

static void put_vocab(struct buf *b, const char *prefix, const struct vocab *v)
{
	for (int i = 0; i < v->n; i++)
		put_line(b, prefix, v->items[i]);
}

static char *risk_map_lines(const struct config *c)
{
	struct buf b = { 0 };
	put(&b, "\n");
	for (int i = 0; i < c->codes.nmap; i++) {
		const struct cfg_risk_map *m = &c->codes.map[i];
		put_line(&b, "", m->risk);
		for (int j = 0; j < m->n; j++) {
			put_label(&b, m->risk);
			put_line(&b, "\t", m->cats[j]);
		}
	}
	return b.p;
}

static char *tables_lines(const struct config *c)
{
	static const struct { const char *key; enum code_table t; } keys[] = {
		{ "relation\t", CT_RELATION }, { "education\t", CT_EDUCATION },
		{ "schooling\t", CT_SCHOOLING }, { "health\t", CT_HEALTH }, { "labour\t", CT_LABOUR },
	};
	struct buf b = { 0 };
	put(&b, "\n");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		put_vocab(&b, keys[i].key, config_codes(c, keys[i].t));
	return b.p;
}

static char *cats_lines(const struct config *c, int only_dev)
{
	struct buf b = { 0 };
	put(&b, "\n");
	for (int i = 0; i < c->codes.ncats; i++)
		if (!only_dev || c->codes.cats[i].developmental)
			put_line(&b, "", c->codes.cats[i].label);
	return b.p;
}

static char *risks_lines(const struct config *c)
{
	struct buf b = { 0 };
	put(&b, "\n");
	put_vocab(&b, "", config_codes(c, CT_RISK));
	return b.p;
}

/* The birth day of someone who turns `years` today. */
static void years_back(jday today, int years, char out[11])
{
	int y, m, d;
	date_to_ymd(today, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	date_fmt(date_from_ymd(y - years, m, d), out);
}

/* Binds every parameter a rule may use; a statement without one ignores it. */
static void bind_all(struct session *s, struct stmt *st)
{
	static const struct { int param, years; } ages[] = {
		{ 803, 16 }, { 809, 7 }, { 810, 6 }, { 811, 15 }, { 812, 12 }, { 813, 18 }, { 814, 15 },
	};
	char *lines[5] = { risk_map_lines(s->cfg), tables_lines(s->cfg), cats_lines(s->cfg, 1),
	                   cats_lines(s->cfg, 0), risks_lines(s->cfg) };
	static const int params[5] = { 801, 805, 806, 808, 815 };
	for (int i = 0; i < 5; i++) {
		stmt_bind_text(st, params[i], lines[i] ? lines[i] : "\n");
		free(lines[i]);   /* bound text is copied (store.c binds SQLITE_TRANSIENT) */
	}
	char day[11];
	for (size_t i = 0; i < sizeof ages / sizeof ages[0]; i++) {
		years_back(clock_today(), ages[i].years, day);
		stmt_bind_text(st, ages[i].param, day);
	}
	struct flag_dates d;
	flag_dates(s, &d);
	flags_bind(st, &d);
}

/* ---- queries ---- */

int quality_counts(struct session *s, int64_t *counts)
{
	size_t cap = 64 * 1024, len;
	char *sql = malloc(cap);
	if (!sql)
		return -1;
	len = (size_t)snprintf(sql, cap, "SELECT ");
	for (int i = 0; i < quality_nrules && len < cap; i++)
		len += (size_t)snprintf(sql + len, cap - len, "%scount(*) FILTER (WHERE %s)",
		                        i ? ", " : "", rule_sql(&quality_rules[i]));
	if (len < cap)
		snprintf(sql + len, cap - len, " FROM households h WHERE h.%s = ?1 AND " QUALITY_STATUSES,
		         scope_column(&s->scope));
	struct stmt *st = len < cap ? store_prepd(s->db, sql) : NULL;
	free(sql);
	memset(counts, 0, sizeof(int64_t) * (size_t)quality_nrules);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, scope_value(&s->scope));
	bind_all(s, st);
	int rc = stmt_step(st);
	for (int i = 0; rc == 1 && i < quality_nrules; i++)
		counts[i] = (int64_t)stmt_double(st, i);
	stmt_done(st);
	return rc == 1 ? 0 : -1;
}

int quality_list(struct session *s, const struct quality_rule *r, int offset,
                 struct quality_hit *out, int max)
{
	char sql[8192];
	snprintf(sql, sizeof sql, "SELECT h.id, h.hh_no, h.head_name, coalesce(v.name, '')"
	         " FROM households h LEFT JOIN areas v ON v.id = h.village_id"
	         " WHERE h.%s = ?1 AND (%s) ORDER BY v.code, h.head_pinyin, h.id LIMIT ?2 OFFSET ?3",
	         scope_column(&s->scope), rule_sql(r));
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, scope_value(&s->scope));
	stmt_bind_int(st, 2, max);
	stmt_bind_int(st, 3, offset);
	bind_all(s, st);
	int n = 0;
	while (n < max && stmt_step(st) == 1) {
		struct quality_hit *h = &out[n++];
		h->household_id = stmt_int(st, 0);
		snprintf(h->hh_no, sizeof h->hh_no, "%s", stmt_text(st, 1));
		snprintf(h->head_name, sizeof h->head_name, "%s", stmt_text(st, 2));
		snprintf(h->village, sizeof h->village, "%s", stmt_text(st, 3));
	}
	stmt_done(st);
	return n;
}

int quality_findings(struct session *s, const int64_t *counts, long offset,
                     struct quality_finding *out, int max)
{
	struct quality_hit hits[64];
	int n = 0;
	for (int i = 0; i < quality_nrules && n < max; i++) {
		if (offset >= counts[i]) {
			offset -= counts[i];
			continue;
		}
		long at = offset;
		offset = 0;
		while (n < max) {
			int want = max - n < 64 ? max - n : 64;
			int got = quality_list(s, &quality_rules[i], (int)at, hits, want);
			for (int k = 0; k < got; k++)
				out[n++] = (struct quality_finding){ i, hits[k] };
			if (got < want)
				break;
			at += got;
		}
	}
	return n;
}

int quality_of(struct session *s, int64_t household_id, int *out, int max)
{
	int n = 0;
	char sql[8192];
	for (int i = 0; i < quality_nrules && n < max; i++) {
		snprintf(sql, sizeof sql, "SELECT 1 FROM households h WHERE h.id = ?2 AND h.%s = ?1"
		         " AND (%s)", scope_column(&s->scope), rule_sql(&quality_rules[i]));
		struct stmt *st = store_prepd(s->db, sql);
		if (!st)
			continue;
		stmt_bind_int(st, 1, scope_value(&s->scope));
		stmt_bind_int(st, 2, household_id);
		bind_all(s, st);
		if (stmt_step(st) == 1)
			out[n++] = i;
		stmt_done(st);
	}
	return n;
}

int64_t quality_households(struct session *s)
{
	size_t cap = 64 * 1024, len;
	char *sql = malloc(cap);
	if (!sql)
		return 0;
	len = (size_t)snprintf(sql, cap, "SELECT count(*) FROM households h WHERE h.%s = ?1 AND "
	                       QUALITY_STATUSES " AND (", scope_column(&s->scope));
	for (int i = 0; i < quality_nrules && len < cap; i++)
		len += (size_t)snprintf(sql + len, cap - len, "%s(%s)", i ? " OR " : "",
		                        rule_sql(&quality_rules[i]));
	if (len < cap)
		snprintf(sql + len, cap - len, ")");
	struct stmt *st = len < cap ? store_prepd(s->db, sql) : NULL;
	free(sql);
	if (!st)
		return 0;
	stmt_bind_int(st, 1, scope_value(&s->scope));
	bind_all(s, st);
	int64_t n = stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}

int quality_risk_gaps(struct session *s, int64_t household_id, char out[][48], int max)
{
	struct stmt *st = store_prepd(s->db, "SELECT qr.risk FROM households h JOIN household_risks qr"
	                              " ON qr.household_id = h.id WHERE h.id = ?1 AND "
	                              QUALITY_SQL_GAP " ORDER BY qr.ord");
	int n = 0;
	if (!st)
		return 0;
	stmt_bind_int(st, 1, household_id);
	bind_all(s, st);
	while (n < max && stmt_step(st) == 1)
		snprintf(out[n++], 48, "%s", stmt_text(st, 0));
	stmt_done(st);
	return n;
}
