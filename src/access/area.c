#include "access/area.h"

#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "base/pinyin.h"
#include "base/text.h"

const char *area_level_label(int level)
{
	static const char *labels[] = { "", "县", "乡镇", "村", "组" };
	return level >= 1 && level <= 4 ? labels[level] : "?";
}

static int check_code(const char *code, const struct area *parent, struct jerr *e)
{
	size_t want = parent && parent->level == LEVEL_VILLAGE ? 15 : 12;
	if (strlen(code) != want || strspn(code, "0123456789") != want)
		return jerr_set(e, "code", "区划代码应为%zu位数字", want);
	if (!parent)
		return 0;
	static const size_t shared[] = { 0, 6, 9, 12 };
	size_t n = shared[parent->level];
	if (strncmp(code, parent->code, n) != 0)
		return jerr_set(e, "code", "区划代码 %s 的前%zu位应与上级 %s（%s）一致", code, n,
		                parent->name, parent->code);
	return 0;
}

static int insert_area(struct session *s, const struct area *a, int64_t *out_id)
{
	char py[256], ini[64];
	pinyin_name(a->name, py, sizeof py, ini, sizeof ini);
	if (store_exec(s->db,
		"INSERT INTO areas(code, name, level, parent_id, county_id, township_id, village_id,"
		" pinyin, initials) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"ttiLLLLtt", a->code, a->name, a->level, a->parent_id, a->county_id,
		a->township_id, a->village_id, py, ini) != 0)
		return -1;
	*out_id = store_last_id(s->db);
	audit_write(s, "areas", *out_id, 0, "name", NULL, a->name);
	return 0;
}

/* ancestors of a new child: the parent's own, plus the parent itself */
static void inherit(struct area *a, const struct area *p)
{
	a->level = p->level + 1;
	a->parent_id = p->id;
	a->county_id = p->level == LEVEL_COUNTY ? p->id : p->county_id;
	a->township_id = p->level == LEVEL_TOWNSHIP ? p->id : p->township_id;
	a->village_id = p->level == LEVEL_VILLAGE ? p->id : p->village_id;
}

int area_add(struct session *s, int64_t parent_id, const char *code, const char *name,
             int64_t *out_id, struct jerr *e)
{
	if (s->me.id && s->me.role != ROLE_ADMIN)
		return jerr_set(e, "", "只有系统管理员可以添加区划");
	if (!name || !*name)
		return jerr_set(e, "name", "区划名称不能为空");
	if (text_check_clean(name, 0, "name", "区划名称", e) != 0)
		return -1;   /* in every address, report and printed form */
	struct area a = { 0 }, p;
	if (parent_id && area_get(s->db, parent_id, &p) != 1)
		return jerr_set(e, "parent", "上级区划不存在");
	if (parent_id && p.level == LEVEL_GROUP)
		return jerr_set(e, "parent", "村民小组下不能再设区划");
	if (!parent_id && store_int(s->db, 0, "SELECT count(*) FROM areas WHERE level = 1", "") > 0)
		return jerr_set(e, "parent", "已有县级区划，新的区划须指定上级");
	if (check_code(code, parent_id ? &p : NULL, e) != 0)
		return -1;
	if (store_int(s->db, 0, "SELECT count(*) FROM areas WHERE code = ?", "t", code) > 0)
		return jerr_set(e, "code", "区划代码 %s 已存在", code);
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "%s", name);
	if (parent_id)
		inherit(&a, &p);
	else
		a.level = LEVEL_COUNTY;
	int64_t id;
	if (insert_area(s, &a, &id) != 0)
		return jerr_set(e, "", "无法保存区划: %s", store_errmsg(s->db));
	if (a.level == LEVEL_COUNTY)
		store_exec(s->db, "UPDATE areas SET county_id = id WHERE id = ?", "l", id);
	if (out_id)
		*out_id = id;
	return 0;
}

static void read_area(struct stmt *st, struct area *a)
{
	a->id = stmt_int(st, 0);
	snprintf(a->code, sizeof a->code, "%s", stmt_text(st, 1));
	snprintf(a->name, sizeof a->name, "%s", stmt_text(st, 2));
	a->level = (int)stmt_int(st, 3);
	a->parent_id = stmt_int(st, 4);
	a->county_id = stmt_int(st, 5);
	a->township_id = stmt_int(st, 6);
	a->village_id = stmt_int(st, 7);
}

#define AREA_COLS "id, code, name, level, parent_id, county_id, township_id, village_id"

int area_get(struct store *db, int64_t id, struct area *a)
{
	struct stmt *st = store_prep(db, "SELECT " AREA_COLS " FROM areas WHERE id = ?", "l", id);
	int rc = st ? stmt_step(st) : -1;
	if (rc == 1)
		read_area(st, a);
	stmt_done(st);
	return rc;
}

int area_by_code(struct store *db, const char *code, struct area *a)
{
	struct stmt *st = store_prep(db, "SELECT " AREA_COLS " FROM areas WHERE code = ?", "t", code);
	int rc = st ? stmt_step(st) : -1;
	if (rc == 1)
		read_area(st, a);
	stmt_done(st);
	return rc;
}

/* village names repeat across townships (many counties have two 龙阳村) */
static int find_in(struct store *db, const char *township, const char *village,
                   struct area *a, struct jerr *e)
{
	struct stmt *st = store_prep(db,
		"SELECT v.id, v.code, v.name, v.level, v.parent_id, v.county_id, v.township_id,"
		"       v.village_id, t.name"
		"  FROM areas v JOIN areas t ON t.id = v.township_id"
		" WHERE v.level = 3 AND v.name = ? AND (?2 IS NULL OR t.name = ?2)",
		"tT", village, township);
	int n = 0;
	char names[256] = "";
	while (st && stmt_step(st) == 1) {
		if (n++ == 0)
			read_area(st, a);
		size_t len = strlen(names);
		snprintf(names + len, sizeof names - len, "%s%s%s", len ? "、" : "",
		         stmt_text(st, 8), village);
	}
	stmt_done(st);
	if (n > 1)
		return jerr_set(e, "village", "村名“%s”不唯一（%s），请同时写明乡镇", village, names), -1;
	return n;
}

int area_find_village(struct store *db, const char *township, const char *village,
                      struct area *a, struct jerr *e)
{
	if (!village || !*village)
		return jerr_set(e, "village", "未填写村（社区）"), 0;
	int rc = find_in(db, township, village, a, e);
	if (rc != 0)
		return rc;
	if (township && *township) {
		jerr_set(e, "village", "%s没有村（社区）“%s”", township, village);
		return 0;
	}
	/* 保家镇龙阳村: try every township name as a prefix */
	struct stmt *st = store_prep(db, "SELECT name FROM areas WHERE level = 2", "");
	while (st && rc == 0 && stmt_step(st) == 1) {
		const char *t = stmt_text(st, 0);
		size_t tl = strlen(t);
		if (strncmp(village, t, tl) == 0 && village[tl]) {
			char tn[96];
			snprintf(tn, sizeof tn, "%s", t);
			rc = find_in(db, tn, village + tl, a, e);
		}
	}
	stmt_done(st);
	if (rc == 0)
		jerr_set(e, "village", "找不到村（社区）“%s”", village);
	return rc;
}

static int each_below(struct session *s, int64_t parent, int depth, int max_level,
                      void (*fn)(void *, const struct area *, int), void *arg)
{
	struct area kids[512];
	int n = 0;
	struct stmt *st = store_prep(s->db,
		"SELECT " AREA_COLS " FROM areas WHERE parent_id = ? ORDER BY pinyin, code", "l", parent);
	while (st && n < 512 && stmt_step(st) == 1)
		read_area(st, &kids[n++]);
	stmt_done(st);
	/* the statement is finished before recursing: it is reused below */
	for (int i = 0; i < n; i++) {
		fn(arg, &kids[i], depth);
		if (kids[i].level < max_level)
			each_below(s, kids[i].id, depth + 1, max_level, fn, arg);
	}
	return 0;
}

int area_each(struct session *s, int max_level,
              void (*fn)(void *arg, const struct area *a, int depth), void *arg)
{
	struct area top;
	if (area_get(s->db, s->scope.area_id, &top) != 1)
		return -1;
	fn(arg, &top, 0);
	if (top.level < max_level)
		each_below(s, top.id, 1, max_level, fn, arg);
	return 0;
}

void area_full_name(struct store *db, int64_t id, char *out, size_t n)
{
	struct area a, t;
	out[0] = 0;
	if (area_get(db, id, &a) != 1)
		return;
	if (a.level >= LEVEL_VILLAGE && area_get(db, a.township_id, &t) == 1)
		snprintf(out, n, "%s%s", t.name, a.name);
	else
		snprintf(out, n, "%s", a.name);
}
