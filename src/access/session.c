#include "access/session.h"

#include <stdio.h>
#include <string.h>

#include "store/errlog.h"

int session_login(struct session *s, struct store *db, const struct config *cfg,
                  const char *login, struct jerr *e)
{
	memset(s, 0, sizeof *s);
	s->db = db;
	s->cfg = cfg;
	/* on a server that knows its officers, the connection is the officer:
	 * the program acts for no one else there (the database would not let it) */
	char role[64];
	if (store_role(db, role, sizeof role) && strcmp(role, login) != 0)
		return jerr_set(e, "", "数据库账号 %s 不能以操作员 %s 的身份登录", role, login);
	struct stmt *st = store_prep(db,
		"SELECT o.id, o.login, o.name, o.role, o.area_id, a.level, a.name, o.active"
		"  FROM officers o JOIN areas a ON a.id = o.area_id WHERE o.login = ?", "t", login);
	if (!st)
		return jerr_set(e, "", "无法读取操作员表: %s", store_errmsg(db));
	int found = stmt_step(st) == 1;
	if (found) {
		struct officer *o = &s->me;
		o->id = stmt_int(st, 0);
		snprintf(o->login, sizeof o->login, "%s", stmt_text(st, 1));
		snprintf(o->name, sizeof o->name, "%s", stmt_text(st, 2));
		found = role_from_text(stmt_text(st, 3), &o->role) == 0 ? 1 : -1;
		o->area_id = stmt_int(st, 4);
		o->area_level = (int)stmt_int(st, 5);
		snprintf(o->area_name, sizeof o->area_name, "%s", stmt_text(st, 6));
		o->active = (int)stmt_int(st, 7);
	}
	stmt_done(st);
	if (!found)
		return jerr_set(e, "", "登录名 %s 不是 jiance 的操作员，请联系系统管理员添加", login);
	if (found < 0)
		return jerr_set(e, "", "操作员 %s 的角色无法识别，请联系系统管理员", login);
	if (!s->me.active)
		return jerr_set(e, "", "操作员 %s（%s）已停用，请联系系统管理员", login, s->me.name);
	/* a group-level officer is treated as its village: groups have no officers of their own */
	s->scope.level = s->me.area_level > LEVEL_VILLAGE ? LEVEL_VILLAGE : s->me.area_level;
	s->scope.area_id = s->me.area_id;
	if (s->me.area_level == LEVEL_GROUP)
		s->scope.area_id = store_int(db, 0, "SELECT village_id FROM areas WHERE id = ?", "l",
		                             s->me.area_id);
	return 0;
}

void session_yield_to(struct session *s, int (*pending)(void *), void *arg)
{
	store_yield_to(s->db, pending, arg);
}

int session_interrupted(struct session *s)
{
	return store_interrupted(s->db);
}

void session_on_wait(struct session *s, int (*fn)(void *, int), void *arg, int limit_ms)
{
	if (s->db)      /* the console's selftest has none */
		store_on_wait(s->db, fn, arg, limit_ms);
}

const char *session_errmsg(struct session *s)
{
	return store_errmsg(s->db);
}

int session_tx_left_open(struct session *s, char *where, size_t n)
{
	if (!s->db || !store_tx_open(s->db))
		return 0;
	snprintf(where, n, "%s", store_tx_where(s->db));
	errlog_write(__FILE__, __LINE__, "事务始于 %s，处理完按键仍未结束：已撤销", where);
	store_tx_abandon(s->db);
	return 1;
}
