/* Administration subcommands: init, officer, area, backup. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "access/area.h"
#include "base/outfile.h"
#include "cli/commands.h"
#include "access/officer.h"
#include "base/text.h"

int cli_bootstrap(struct cli *c, const char *login, const char *name, struct jerr *e)
{
	struct session sys = { .db = c->db, .cfg = &c->cfg };
	int64_t county;
	if (store_begin(c->db) != 0)
		return jerr_set(e, "", "数据库忙");
	if (area_add(&sys, 0, c->cfg.county_code, c->cfg.county_name, &county, e) != 0 ||
	    officer_add(&sys, login, name ? name : login, "admin", county, NULL, e) != 0) {
		store_rollback(c->db);
		return -1;
	}
	if (store_commit(c->db) != 0)
		return jerr_set(e, "", "无法提交");
	printf("已创建数据库 %s：%s（%s），系统管理员 %s\n", c->db_path, c->cfg.county_name,
	       c->cfg.county_code, login);
	return 0;
}

static int bootstrap(struct cli *c, const char *name, struct jerr *e)
{
	char login[64];
	if (identity_login(c->db_path, c->as_login, login, sizeof login, e) != 0)
		return -1;
	return cli_bootstrap(c, login, name, e);
}

int cmd_init(struct cli *c, int argc, char **argv)
{
	const struct command *me = cli_find("init");
	if (cli_wants_help(me, argc, argv))
		return 0;
	if (cli_installed_root_only("init") != 0)
		return 1;
	const char *name = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--name") && i + 1 < argc)
			name = argv[++i];
		else
			return cli_fail("init", "不认识的参数 “%s”", argv[i]);
	}
	struct jerr e = { 0 };
	int there = store_exists(c->db_path, &e);
	if (there < 0)
		return cli_fail("init", "%s", e.msg);
	if (there)
		return cli_fail("init", "数据库 %s 已存在，不会覆盖", c->db_path);
	if (cli_open(c, 1) != 0)
		return 1;
	if (bootstrap(c, name, &e) != 0) {
		cli_close(c);
		store_wipe(c->db_path);
		return cli_fail("init", "%s", e.msg);
	}
	return 0;
}

static void print_officer(void *arg, const struct officer *o)
{
	(void)arg;
	char login[40], name[40], role[40], area[80];
	text_fit(o->login, 16, login, sizeof login);
	text_fit(o->name, 10, name, sizeof name);
	text_fit(role_label(o->role), 10, role, sizeof role);
	text_fit(o->area_name, 24, area, sizeof area);
	printf("%s %s %s %s %s\n", login, name, role, area, o->active ? "在用" : "已停用");
}

static int officer_add_cmd(struct cli *c, int argc, char **argv)
{
	if (argc != 6)
		return cli_fail("officer", "用法: jiance officer add 登录名 姓名 角色 区划代码");
	struct area a;
	if (area_by_code(c->db, argv[5], &a) != 1)
		return cli_fail("officer", "区划代码 %s 不存在", argv[5]);
	struct jerr e = { 0 };
	if (store_begin(c->db) != 0)
		return cli_fail("officer", "数据库忙");
	if (officer_add(&c->ses, argv[2], argv[3], argv[4], a.id, NULL, &e) != 0) {
		store_rollback(c->db);
		return cli_fail("officer", "%s", e.msg);
	}
	store_commit(c->db);
	enum role r = ROLE_NONE;
	role_from_text(argv[4], &r);   /* officer_add took it */
	printf("已添加操作员 %s（%s，%s，%s）\n", argv[2], argv[3], role_label(r), a.name);
	return 0;
}

int cmd_officer(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("officer"), argc, argv))
		return 0;
	if (argc < 2)
		return cli_fail("officer", "缺少动作：add、list、disable 或 enable");
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	if (!strcmp(argv[1], "list"))
		return officer_each(&c->ses, print_officer, NULL), 0;
	if (!strcmp(argv[1], "add"))
		return officer_add_cmd(c, argc, argv);
	if ((!strcmp(argv[1], "disable") || !strcmp(argv[1], "enable")) && argc == 3) {
		struct jerr e = { 0 };
		int on = !strcmp(argv[1], "enable");
		if (store_begin(c->db) != 0)
			return cli_fail("officer", "数据库忙");
		if (officer_set_active(&c->ses, argv[2], on, &e) != 0) {
			store_rollback(c->db);
			return cli_fail("officer", "%s", e.msg);
		}
		store_commit(c->db);
		printf("操作员 %s 已%s\n", argv[2], on ? "启用" : "停用");
		return 0;
	}
	return cli_fail("officer", "不认识的动作 “%s”（add、list、disable、enable）", argv[1]);
}

static void print_area(void *arg, const struct area *a, int depth)
{
	(void)arg;
	printf("%*s%-15s %s %s\n", depth * 2, "", a->code, area_level_label(a->level), a->name);
}

static int area_add_cmd(struct cli *c, int argc, char **argv)
{
	if (argc != 5)
		return cli_fail("area", "用法: jiance area add 上级代码 代码 名称");
	struct area p;
	if (area_by_code(c->db, argv[2], &p) != 1)
		return cli_fail("area", "上级区划代码 %s 不存在", argv[2]);
	struct jerr e = { 0 };
	if (store_begin(c->db) != 0)
		return cli_fail("area", "数据库忙");
	if (area_add(&c->ses, p.id, argv[3], argv[4], NULL, &e) != 0) {
		store_rollback(c->db);
		return cli_fail("area", "%s", e.msg);
	}
	store_commit(c->db);
	printf("已添加%s %s（%s），上级 %s\n", area_level_label(p.level + 1), argv[4], argv[3], p.name);
	return 0;
}

int cmd_area(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("area"), argc, argv))
		return 0;
	if (argc < 2)
		return cli_fail("area", "缺少动作：list 或 add");
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	if (!strcmp(argv[1], "add"))
		return area_add_cmd(c, argc, argv);
	if (strcmp(argv[1], "list") != 0)
		return cli_fail("area", "不认识的动作 “%s”（list、add）", argv[1]);
	long level = LEVEL_GROUP;
	if (argc == 4 && !strcmp(argv[2], "--level"))
		level = cli_number(argv[3]);
	else if (argc != 2)
		return cli_fail("area", "用法: jiance area list [--level 1-4]");
	if (level < 1 || level > 4)
		return cli_fail("area", "--level 应为1（县）到4（组）");
	area_each(&c->ses, (int)level, print_area, NULL);
	return 0;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("backup"), argc, argv))
		return 0;
	if (argc != 2)
		return cli_fail("backup", "用法: jiance backup FILE");
	if (outfile_taken(argv[1]))
		return cli_fail("backup", "%s 已存在，不会覆盖", argv[1]);
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	/* a copy holds every household: only those who may see the whole county */
	if (c->ses.me.role != ROLE_ADMIN && c->ses.me.role != ROLE_COUNTY)
		return cli_fail("backup", "只有县级操作员或系统管理员可以备份整个数据库");
	/* the copy is made under a temporary name and renamed when whole: a
	 * full disk leaves nothing behind, and the file is the officer's, 0600 */
	struct jerr e = { 0 };
	struct outfile o;
	if (outfile_open(&o, argv[1], OUTFILE_NEW, &e) != 0)
		return cli_fail("backup", "%s", e.msg);
	if (store_backup(c->db, o.tmp, &e) != 0) {
		outfile_abort(&o);
		return cli_fail("backup", "%s；没有留下文件", e.msg);
	}
	if (outfile_commit(&o, &e) != 0)
		return cli_fail("backup", "%s", e.msg);
	printf("已备份到 %s\n", argv[1]);
	return 0;
}
