/* What an installed jiance lets an officer choose (SPEC §11).  Installed
 * setgid to the group that owns the database, the program is the only
 * way in; -c or -d would let an officer point it at another
 * configuration or database with that group's rights, so in an
 * installation they are honoured only for root and the admins of the
 * configured database (asked before anything else is read).  Everything
 * else is refused with one line.  A program that is not setgid (a
 * developer's build) has no rights beyond the user's, and takes them from
 * anyone. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "access/officer.h"
#include "base/privs.h"
#include "cli/cli.h"

int cli_check_overrides(const struct cli *c, const char *conf)
{
	if (!privs_setgid() || getuid() == 0 || (!conf && !c->db_path))
		return 0;
	/* the admins of the database the installation's own configuration names */
	char path[512];
	struct config *own = calloc(1, sizeof *own);
	struct jerr e = { 0 };
	int admin = 0;
	if (own) {
		config_locate(path, sizeof path, NULL, c->argv0);
		config_defaults(own);
		if (!path[0] || config_load(own, path, &e) == 0)
			admin = identity_is_admin(own->db_path);
		free(own);
	}
	if (admin)
		return 0;
	fprintf(stderr, "jiance: %s 只允许 root 或系统管理员使用：操作员只能用安装时配置的数据库\n",
	        conf && c->db_path ? "-c 和 -d" : conf ? "-c" : "-d");
	return -1;
}

int cli_installed_root_only(const char *cmd)
{
	if (!privs_setgid() || getuid() == 0)
		return 0;
	fprintf(stderr, "jiance %s: 安装后的 jiance 只允许 root 建立数据库（请用 sudo jiance setup）\n",
	        cmd);
	return -1;
}
