#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/officer.h"
#include "base/privs.h"
#include "flow/lead.h"

int cli_fail(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "jiance %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int cli_open(struct cli *c, int create)
{
	struct jerr e = { 0 };
	/* an installation's database is one file for everyone, named in full:
	 * a relative name would be looked for wherever the officer stands */
	/* a server is reached with the officer's own login: the program's
	 * group is no use there, and libpq reads files the environment names
	 * (PGPASSFILE, PGSERVICEFILE, PGSSLKEY) that it must not read with it */
	if (store_is_server(c->db_path) && privs_setgid() && privs_drop() != 0) {
		fprintf(stderr, "jiance: 无法放弃程序的组权限，不连接数据库服务器\n");
		return -1;
	}
	if (privs_setgid() && !store_is_server(c->db_path) && c->db_path[0] != '/') {
		fprintf(stderr, "jiance: 配置中的 database.path 须为绝对路径（如 /var/lib/jiance/jiance.db），"
		        "现为 “%s”；请系统管理员运行 jiance doctor\n", c->db_path);
		return -1;
	}
	c->db = c->old_schema ? store_open_upto(c->db_path, create, c->schema_upto, &e)
	                      : store_open(c->db_path, create, &e);
	if (!c->db) {
		fprintf(stderr, "jiance: %s\n", e.msg);
		return -1;
	}
	return 0;
}

int cli_login(struct cli *c)
{
	struct jerr e = { 0 };
	char login[64];
	if (identity_login(c->db_path, c->as_login, login, sizeof login, &e) != 0 ||
	    session_login(&c->ses, c->db, &c->cfg, login, &e) != 0) {
		fprintf(stderr, "jiance: %s\n", e.msg);
		return -1;
	}
	/* an import whose process died: written to its end (or thrown away if
	 * it was not yet decided) before anyone reads a half of it */
	if (lead_stage_resume(&c->ses, &e) < 0)
		fprintf(stderr, "jiance: 无法完成中断的导入：%s\n", e.msg);
	return 0;
}

void cli_close(struct cli *c)
{
	store_close(c->db);
	c->db = NULL;
}

const struct command *cli_find(const char *name)
{
	for (const struct command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int cli_wants_help(const struct command *cmd, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("用法 usage: jiance %s\n\n%s\n", cmd->usage, cmd->help);
			return 1;
		}
	return 0;
}

long cli_number(const char *s)
{
	if (!s || !*s)
		return -1;
	char *end;
	long v = strtol(s, &end, 10);
	return *end || v < 0 ? -1 : v;
}
