#include "access/officer.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/area.h"
#include "access/audit.h"
#include "access/scope.h"
#include "base/text.h"

static int role_level(enum role role)
{
	switch (role) {
	case ROLE_VILLAGE: return LEVEL_VILLAGE;
	case ROLE_TOWNSHIP: return LEVEL_TOWNSHIP;
	case ROLE_COUNTY: case ROLE_ADMIN: return LEVEL_COUNTY;
	default: return 0;
	}
}

static int valid_login(const char *login)
{
	if (!login || !*login || strlen(login) > 32)
		return 0;
	return strspn(login, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
	       == strlen(login);
}

int officer_add(struct session *s, const char *login, const char *name, const char *role,
                int64_t area_id, int64_t *out_id, struct jerr *e)
{
	if (s->me.id && s->me.role != ROLE_ADMIN)
		return jerr_set(e, "", "只有系统管理员可以添加操作员");
	if (!valid_login(login))
		return jerr_set(e, "login", "登录名须为1–32位字母、数字或 ._-（与系统账号一致）");
	if (!name || !*name)
		return jerr_set(e, "name", "姓名不能为空");
	if (text_check_clean(name, 0, "name", "姓名", e) != 0)
		return -1;   /* shown on every officer's screen and report */
	enum role r;
	if (role_from_text(role, &r) != 0)
		return jerr_set(e, "role", "角色应为 village（村级）、township（乡镇）、county（县级）或 admin（系统管理员）");
	int want = role_level(r);
	struct area a;
	if (area_get(s->db, area_id, &a) != 1)
		return jerr_set(e, "area", "区划不存在");
	if (a.level != want)
		return jerr_set(e, "area", "%s操作员应设在%s一级，%s是%s", role_label(r),
		                area_level_label(want), a.name, area_level_label(a.level));
	if (store_int(s->db, 0, "SELECT count(*) FROM officers WHERE login = ?", "t", login))
		return jerr_set(e, "login", "登录名 %s 已存在", login);
	if (store_exec(s->db, "INSERT INTO officers(login, name, role, area_id) VALUES (?, ?, ?, ?)",
	               "tttl", login, name, role_text(r), area_id) != 0)
		return jerr_set(e, "", "无法保存操作员: %s", store_errmsg(s->db));
	int64_t id = store_last_id(s->db);
	audit_write(s, "officers", id, 0, "login", NULL, login);
	if (out_id)
		*out_id = id;
	return 0;
}

int officer_set_active(struct session *s, const char *login, int active, struct jerr *e)
{
	if (s->me.role != ROLE_ADMIN)
		return jerr_set(e, "", "只有系统管理员可以停用或启用操作员");
	int64_t id = store_int(s->db, 0, "SELECT id FROM officers WHERE login = ?", "t", login);
	if (!id)
		return jerr_set(e, "login", "没有登录名为 %s 的操作员", login);
	if (id == s->me.id && !active)
		return jerr_set(e, "login", "不能停用自己");
	if (store_exec(s->db, "UPDATE officers SET active = ? WHERE id = ?", "il", active, id) != 0)
		return jerr_set(e, "", "无法保存: %s", store_errmsg(s->db));
	audit_write(s, "officers", id, 0, "active", active ? "0" : "1", active ? "1" : "0");
	return 0;
}

int officer_each(struct session *s, void (*fn)(void *arg, const struct officer *o), void *arg)
{
	struct stmt *st = store_prep(s->db,
		"SELECT o.id, o.login, o.name, o.role, o.area_id, a.level, a.name, o.active"
		"  FROM officers o JOIN areas a ON a.id = o.area_id ORDER BY a.code, o.login", "");
	while (st && stmt_step(st) == 1) {
		struct officer o = { 0 };
		o.id = stmt_int(st, 0);
		snprintf(o.login, sizeof o.login, "%s", stmt_text(st, 1));
		snprintf(o.name, sizeof o.name, "%s", stmt_text(st, 2));
		role_from_text(stmt_text(st, 3), &o.role);   /* the schema allows no other */
		o.area_id = stmt_int(st, 4);
		o.area_level = (int)stmt_int(st, 5);
		snprintf(o.area_name, sizeof o.area_name, "%s", stmt_text(st, 6));
		o.active = (int)stmt_int(st, 7);
		/* officers outside an officer's own area are not theirs to see */
		if (s->me.role == ROLE_ADMIN || scope_area(s, o.area_id))
			fn(arg, &o);
	}
	stmt_done(st);
	return 0;
}

int identity_is_admin(const char *db_path)
{
	struct passwd *pw = getpwuid(getuid());
	struct jerr e = { 0 };
	struct stat sb;
	if (!pw || !db_path || (!store_is_server(db_path) && (stat(db_path, &sb) != 0 || sb.st_size == 0)))
		return 0;
	struct store *db = store_open(db_path, 0, &e);
	if (!db)
		return 0;
	char role[16] = "";
	store_text(db, role, sizeof role, "SELECT role FROM officers WHERE login = ? AND active = 1",
	           "t", pw->pw_name);
	store_close(db);
	enum role r;
	return role_from_text(role, &r) == 0 && r == ROLE_ADMIN;
}

int identity_trusted(const char *db_path)
{
	uid_t uid = getuid();
	struct stat sb;
	return uid == 0 || (db_path && stat(db_path, &sb) == 0 && sb.st_uid == uid) ||
	       identity_is_admin(db_path);
}

int identity_login(const char *db_path, const char *as_login, char *out, size_t n,
                   struct jerr *e)
{
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	if (!as_login) {
		if (!pw)
			return jerr_set(e, "", "无法确定当前系统账号（uid %d）", (int)uid);
		snprintf(out, n, "%s", pw->pw_name);
		return 0;
	}
	if (!identity_trusted(db_path))
		return jerr_set(e, "", "--as 只允许 root、系统管理员或数据库文件的所有者使用");
	snprintf(out, n, "%s", as_login);
	return 0;
}
