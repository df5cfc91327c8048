/* The queue of what still has to be keyed into the national system. */
#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "access/scope.h"
#include "base/clock.h"
#include "register/upstream.h"

/* Tabs and newlines separate columns and lines: a value keeps neither. */
static void put(char *out, size_t n, size_t *len, const char *v, int clean)
{
	for (; *v && *len + 1 < n; v++)
		out[(*len)++] = clean && (*v == '\t' || *v == '\n' || *v == '\r') ? ' ' : *v;
	out[*len] = 0;
}

static void fields_text(const struct upstream_field *f, int n, char *out, size_t size)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		if (!f[i].val || !*f[i].val)
			continue;
		put(out, size, &len, f[i].col, 1);
		put(out, size, &len, "\t", 0);
		put(out, size, &len, f[i].val, 1);
		put(out, size, &len, "\n", 0);
	}
}

int upstream_wanted(const struct session *s)
{
	return !s->from_national;
}

int upstream_record(struct session *s, int64_t household_id, int64_t village_id,
                    const char *subject, const char *what, const char *on,
                    const struct upstream_field *f, int n)
{
	char text[2048];
	if (!upstream_wanted(s))
		return 0;
	fields_text(f, n, text, sizeof text);
	if (household_id && !village_id)
		village_id = store_int(s->db, 0, "SELECT village_id FROM households WHERE id = ?", "l",
		                       household_id);
	if (!village_id)
		return -1;
	char day[11];
	if (!on || !*on)
		on = date_fmt(clock_today(), day);
	return store_exec(s->db, "INSERT INTO upstream(household_id, village_id, subject, what,"
	                  " on_date, fields, officer_id) VALUES (nullif(?, 0),?,?,?,?,?,nullif(?, 0))",
	                  "llttttl", household_id, village_id, subject ? subject : "", what, on, text,
	                  s->me.id);
}

struct rows_ctx {
	struct session *s;
	void (*get)(void *ctx, long i, struct upstream_new *u);
	void *ctx;
};

static void bind_row(void *arg, struct stmt *st, long i, int k)
{
	struct rows_ctx *c = arg;
	struct upstream_new u = { 0 };
	char text[2048];
	c->get(c->ctx, i, &u);
	fields_text(u.f, u.n, text, sizeof text);
	if (u.household_id)
		stmt_bind_int(st, k, u.household_id);
	else
		stmt_bind_text(st, k, NULL);
	stmt_bind_int(st, k + 1, u.village_id);
	stmt_bind_text(st, k + 2, u.subject ? u.subject : "");
	stmt_bind_text(st, k + 3, u.what);
	stmt_bind_text(st, k + 4, u.on);
	stmt_bind_text(st, k + 5, text);
	if (c->s->me.id)
		stmt_bind_int(st, k + 6, c->s->me.id);
	else
		stmt_bind_text(st, k + 6, NULL);
}

int upstream_record_rows(struct session *s, long n,
                         void (*get)(void *ctx, long i, struct upstream_new *u), void *ctx)
{
	struct rows_ctx c = { s, get, ctx };
	if (s->from_national || n <= 0)
		return 0;
	return store_insert_rows(s->db, "INSERT INTO upstream(household_id, village_id, subject, what,"
	                         " on_date, fields, officer_id)", 7, 0, n, bind_row, &c);
}

#define UP_COLS \
	"SELECT u.id, coalesce(u.household_id, 0), coalesce(h.hh_no, ''), coalesce(h.nat_no, '')," \
	" coalesce(h.head_name, u.subject), a.name, u.what, u.on_date, u.fields, u.created_at," \
	" coalesce(u.entered_at, ''), coalesce(o.name, '')" \
	" FROM upstream u JOIN areas a ON a.id = u.village_id" \
	" LEFT JOIN households h ON h.id = u.household_id" \
	" LEFT JOIN officers o ON o.id = u.entered_by"

static void read_entry(struct stmt *st, struct upstream_entry *u)
{
	int c = 0;
#define TXT(f) snprintf(u->f, sizeof u->f, "%s", stmt_text(st, c++))
	u->id = stmt_int(st, c++);
	u->household_id = stmt_int(st, c++);
	TXT(hh_no); TXT(nat_no); TXT(head_name); TXT(village); TXT(what); TXT(on); TXT(fields);
	TXT(created_at); TXT(entered_at); TXT(entered_by);
#undef TXT
}

static int read_all(struct stmt *st, struct upstream_entry *out, int max)
{
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		read_entry(st, &out[n++]);
	stmt_done(st);
	return n;
}

static const char *pending_where(struct session *s, char *buf, size_t n)
{
	snprintf(buf, n, " WHERE u.entered_at IS NULL AND %s", scope_area_predicate(&s->scope));
	return buf;
}

int upstream_pending(struct session *s, int offset, struct upstream_entry *out, int max)
{
	char where[160], sql[1024];
	snprintf(sql, sizeof sql, "%s%s ORDER BY coalesce(h.head_pinyin, u.subject),"
	         " u.household_id, u.id LIMIT ?2 OFFSET ?3", UP_COLS,
	         pending_where(s, where, sizeof where));
	return read_all(store_prep(s->db, sql, "lii", scope_value(&s->scope), max, offset), out, max);
}

int64_t upstream_pending_count(struct session *s)
{
	char where[160], sql[400];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM upstream u JOIN areas a ON a.id = u.village_id%s",
	         pending_where(s, where, sizeof where));
	return store_int(s->db, 0, sql, "l", scope_value(&s->scope));
}

int64_t upstream_pending_households(struct session *s)
{
	char where[160], sql[400];
	snprintf(sql, sizeof sql, "SELECT count(DISTINCT coalesce(u.household_id, -u.id)) FROM upstream u"
	         " JOIN areas a ON a.id = u.village_id%s", pending_where(s, where, sizeof where));
	return store_int(s->db, 0, sql, "l", scope_value(&s->scope));
}

int upstream_of_household(struct session *s, int64_t household_id, struct upstream_entry *out,
                          int max)
{
	if (!scope_household(s, household_id))
		return 0;
	return read_all(store_prep(s->db, UP_COLS " WHERE u.household_id = ?"
	                           " ORDER BY u.entered_at IS NOT NULL, u.id LIMIT ?", "li",
	                           household_id, max), out, max);
}

/* One id: pending and in the area, or refused. */
static int mark_one(struct session *s, int64_t id, struct jerr *e)
{
	char where[160], sql[400];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM upstream u JOIN areas a ON a.id = u.village_id"
	         "%s AND u.id = ?2", pending_where(s, where, sizeof where));
	if (store_int(s->db, 0, sql, "ll", scope_value(&s->scope), id) != 1)
		return jerr_set(e, "", "第%lld条不在待录入之列（已录入，或不在您的辖区）", (long long)id);
	if (store_exec(s->db, "UPDATE upstream SET entered_by = ?, entered_at ="
	               " strftime('%Y-%m-%d %H:%M:%S','now','localtime') WHERE id = ?", "ll",
	               s->me.id, id) != 0)
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	int64_t hh = store_int(s->db, 0, "SELECT coalesce(household_id, 0) FROM upstream WHERE id = ?",
	                       "l", id);
	return audit_write(s, "upstream", id, hh, "entered", NULL, "已录入国家系统");
}

static int mark_all(struct session *s, int *marked, struct jerr *e)
{
	char where[160], sql[400];
	snprintf(sql, sizeof sql, "SELECT u.id FROM upstream u JOIN areas a ON a.id = u.village_id%s"
	         " ORDER BY u.id", pending_where(s, where, sizeof where));
	int64_t ids[256];
	for (;;) {
		struct stmt *st = store_prep(s->db, sql, "l", scope_value(&s->scope));
		int n = 0;
		while (st && n < 256 && stmt_step(st) == 1)
			ids[n++] = stmt_int(st, 0);
		stmt_done(st);
		for (int i = 0; i < n; i++)
			if (mark_one(s, ids[i], e) != 0)
				return -1;
		*marked += n;
		if (n < 256)
			return 0;
	}
}

int upstream_mark(struct session *s, const int64_t *ids, int n, int *marked, struct jerr *e)
{
	*marked = 0;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	int rc = 0;
	if (!ids)
		rc = mark_all(s, marked, e);
	for (int i = 0; ids && rc == 0 && i < n; i++)
		if ((rc = mark_one(s, ids[i], e)) == 0)
			(*marked)++;
	if (rc != 0) {
		store_rollback(s->db);
		*marked = 0;
		return -1;
	}
	if (store_commit(s->db) != 0) {
		*marked = 0;
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	return 0;
}

int upstream_field_next(const char **p, char *col, size_t ncol, char *val, size_t nval)
{
	const char *tab = strchr(*p, '\t');
	if (!**p || !tab)
		return 0;
	const char *nl = strchr(tab, '\n');
	size_t vl = nl ? (size_t)(nl - tab - 1) : strlen(tab + 1);
	snprintf(col, ncol, "%.*s", (int)(tab - *p), *p);
	snprintf(val, nval, "%.*s", (int)vl, tab + 1);
	*p = nl ? nl + 1 : tab + 1 + vl;
	return 1;
}

void upstream_fields_line(const struct upstream_entry *u, char *out, size_t n)
{
	char col[128], val[512];
	size_t len = 0;
	out[0] = 0;
	for (const char *p = u->fields; upstream_field_next(&p, col, sizeof col, val, sizeof val);) {
		int w = snprintf(out + len, n - len, "%s%s：%s", len ? "；" : "", col, val);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
}

int upstream_pending_column(struct session *s, int64_t household_id, const char *col)
{
	/* a field is a line of its own, its name before a tab */
	return store_int(s->db, 0, "SELECT CASE WHEN EXISTS (SELECT 1 FROM upstream"
	                 " WHERE household_id = ? AND entered_at IS NULL"
	                 " AND instr('\n' || fields, '\n' || ? || '\t') > 0) THEN 1 ELSE 0 END",
	                 "lt", household_id, col) > 0;
}
