/* What a county must be to be moved (move.h): checked before anything is
 * written, inside the target's transaction, so nothing of it stays when
 * one fails. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "io/move_impl.h"

struct names { char name[MOVE_TABLES * 2][64]; int n; };

static void add_name(void *arg, const char *name)
{
	struct names *s = arg;
	if (s->n < MOVE_TABLES * 2)
		snprintf(s->name[s->n++], sizeof s->name[0], "%s", name);
}

static void add_col(void *arg, const char *name, char kind, int pk)
{
	(void)kind;
	(void)pk;
	add_name(arg, name);
}

static int has(const struct names *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return 1;
	return 0;
}

/* The same tables with the same columns on both sides. */
static int same_tables(struct store *src, const struct move_plan *p, struct jerr *e)
{
	struct names s = { 0 };
	if (store_tables(src, add_name, &s) != 0)
		return jerr_set(e, "", "无法读取源数据库的表：%s", store_errmsg(src));
	for (int i = 0; i < s.n; i++)
		if (move_table_index(p, s.name[i]) < 0)
			return jerr_set(e, "", "源数据库有目标数据库没有的表 %s", s.name[i]);
	for (int i = 0; i < p->n; i++) {
		const struct move_tbl *t = &p->t[i];
		struct names c = { 0 };
		if (!has(&s, t->name))
			return jerr_set(e, "", "源数据库没有表 %s", t->name);
		if (store_columns(src, t->name, add_col, &c) != 0)
			return jerr_set(e, "", "无法读取源表 %s 的结构：%s", t->name, store_errmsg(src));
		int same = c.n == t->ncol;
		for (int j = 0; same && j < t->ncol; j++)
			same = has(&c, t->col[j].name);
		if (!same)
			return jerr_set(e, "", "表 %s 的列在两个数据库中不同", t->name);
	}
	return 0;
}

/* Every value of the type its column declares, as the target will take it
 * (SQLite keeps what it is given; a blob or a stray text in a number
 * column would not go in, or not read back the same). */
static int typed_values(struct store *src, const struct move_tbl *t, struct jerr *e)
{
	char sql[8192];
	size_t len = (size_t)snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE 0", t->name);
	for (int j = 0; j < t->ncol && len < sizeof sql; j++) {
		const char *want = t->col[j].kind == 'i' ? "'integer'" : t->col[j].kind == 'd'
		                   ? "'real', 'integer'" : "'text'";
		len += (size_t)snprintf(sql + len, sizeof sql - len, " OR typeof(%s) NOT IN (%s, 'null')",
		                        t->col[j].name, want);
	}
	if (len >= sizeof sql)
		return jerr_set(e, "", "表 %s 的列太多", t->name);
	struct stmt *st = store_prepd(src, sql);
	int64_t bad = st && stmt_step(st) == 1 ? stmt_int(st, 0) : -1;
	if (st)
		stmt_done(st);
	if (bad < 0)
		return jerr_set(e, "", "无法检查表 %s：%s", t->name, store_errmsg(src));
	if (bad > 0)
		return jerr_set(e, "", "表 %s 有 %" PRId64 " 行的值与列的类型不符（如二进制数据或数字列中的文字），"
		                "无法迁移；请先修正这些值", t->name, bad);
	return 0;
}

/* A county already in the target: any of its area codes or logins there
 * (logins are one namespace for all counties). */
static int already_there(struct store *src, struct store *dst, const char *what,
                         const char *list_sql, const char *find_sql, struct jerr *e)
{
	struct stmt *st = store_prepd(src, list_sql);
	if (!st)
		return jerr_set(e, "", "无法读取源数据库：%s", store_errmsg(src));
	int rc, found = 0;
	char key[64] = "", name[128] = "";
	while (!found && (rc = stmt_step(st)) == 1) {
		snprintf(key, sizeof key, "%s", stmt_text(st, 0));
		snprintf(name, sizeof name, "%s", stmt_text(st, 1));
		struct stmt *q = store_prepd(dst, find_sql);
		if (!q) {
			stmt_done(st);
			return jerr_set(e, "", "无法读取目标数据库：%s", store_errmsg(dst));
		}
		stmt_bind_text(q, 1, key);
		found = stmt_step(q) == 1;
		stmt_done(q);
	}
	stmt_done(st);
	if (found)
		return jerr_set(e, "", "目标数据库已有%s %s（%s）：这个县已经迁移过，或与已有的县重叠；没有写入任何数据",
		                what, key, name);
	return 0;
}

int move_checks(struct store *src, struct store *dst, const struct move_plan *p,
                struct move_report *rep, struct jerr *e)
{
	int vs = store_version(src), vd = store_version(dst);
	if (vs != vd)
		return jerr_set(e, "", "目标数据库的结构是第 %d 版，源数据库是第 %d 版：须为同一版本", vd, vs);
	if (same_tables(src, p, e) != 0)
		return -1;
	for (int i = 0; i < p->n; i++)
		if (!p->t[i].skip && typed_values(src, &p->t[i], e) != 0)
			return -1;
	if (store_int(src, 0, "SELECT count(*) FROM import_runs", "") > 0)
		return jerr_set(e, "", "源数据库有一次导入尚未完成：请等它完成（或用 jiance 打开源数据库让它收尾）后再迁移");
	rep->drafts_left = store_int(src, 0, "SELECT count(*) FROM drafts", "");
	if (already_there(src, dst, "区划", "SELECT code, name FROM areas ORDER BY level, id",
	                  "SELECT 1 FROM areas WHERE code = ?", e) != 0 ||
	    already_there(src, dst, "登录名", "SELECT login, name FROM officers ORDER BY id",
	                  "SELECT 1 FROM officers WHERE login = ?", e) != 0)
		return -1;
	return 0;
}
