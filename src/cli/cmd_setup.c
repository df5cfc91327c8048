/* `jiance setup`: a county server made ready by root, as README
 * "Deploying" tells (SPEC §11).  The database and its folder belong to a
 * group officers are not in; the installed program is setgid to it, so
 * officers reach the data only through jiance.  Setup makes the group,
 * the folder (root:GROUP 2770: the group may write, files made in it take
 * the group), the database (root:GROUP 0660) with the county and the first
 * admin, and says what it did.  Run again, it puts owners and modes right
 * and leaves the data alone. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/privs.h"
#include "cli/commands.h"
#include "cli/deploy.h"

struct setup_args {
	const char *admin, *name, *group;
};

static int parse(int argc, char **argv, struct setup_args *a)
{
	a->group = DEPLOY_GROUP;
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(argv[i], "--admin") && v) a->admin = argv[++i];
		else if (!strcmp(argv[i], "--name") && v) a->name = argv[++i];
		else if (!strcmp(argv[i], "--group") && v) a->group = argv[++i];
		else return cli_fail("setup", "不认识的参数 “%s”（jiance setup --help）", argv[i]);
	}
	if (!a->admin)
		return cli_fail("setup", "请用 --admin 指定第一个系统管理员的系统账号（登录名）");
	return 0;
}

/* groupadd, run without a shell. */
static int make_group(const char *group)
{
	if (getgrnam(group))
		return 0;
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { "groupadd", "--system", (char *)group, NULL };
		execv("/usr/sbin/groupadd", argv);
		_exit(127);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || !getgrnam(group))
		return cli_fail("setup", "无法建立系统组 %s（groupadd --system %s 失败）", group, group);
	printf("已建立系统组 %s（操作员不要加入这个组）\n", group);
	return 0;
}

/* The folders down to dir (0755 above it), dir itself root:gid 2770. */
static int make_dir(const char *dir, gid_t gid)
{
	char path[512];
	snprintf(path, sizeof path, "%s", dir);
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			return cli_fail("setup", "无法建立目录 %s: %s", path, strerror(errno));
		*s = '/';
	}
	if (mkdir(path, 02770) != 0 && errno != EEXIST)
		return cli_fail("setup", "无法建立目录 %s: %s", path, strerror(errno));
	if (chown(path, 0, gid) != 0 || chmod(path, DEPLOY_DIR_MODE) != 0)
		return cli_fail("setup", "无法设定目录 %s 的所有者和权限: %s", path, strerror(errno));
	return 0;
}

/* The database and whatever SQLite keeps beside it: root:gid 0660. */
static int own_files(const char *db, gid_t gid)
{
	static const char *const tails[] = { "", "-wal", "-shm", "-wait" };
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		char p[600];
		snprintf(p, sizeof p, "%s%s", db, tails[i]);
		if (access(p, F_OK) != 0)
			continue;
		if (chown(p, 0, gid) != 0 || chmod(p, DEPLOY_DB_MODE) != 0)
			return cli_fail("setup", "无法设定 %s 的所有者和权限: %s", p, strerror(errno));
	}
	return 0;
}

static int make_database(struct cli *c, const struct setup_args *a)
{
	if (access(c->db_path, F_OK) == 0) {
		printf("数据库 %s 已存在：只检查所有者和权限，数据不动\n", c->db_path);
		return 0;
	}
	if (!getpwnam(a->admin))
		printf("注意：系统里还没有账号 %s；请先 useradd -m %s，他才能登录\n", a->admin, a->admin);
	if (cli_open(c, 1) != 0)
		return 1;
	struct jerr e = { 0 };
	if (cli_bootstrap(c, a->admin, a->name, &e) != 0) {
		cli_close(c);
		remove(c->db_path);
		return cli_fail("setup", "%s", e.msg);
	}
	cli_close(c);
	return 0;
}

int cmd_setup(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("setup"), argc, argv))
		return 0;
	struct setup_args a = { 0 };
	if (parse(argc, argv, &a) != 0)
		return 1;
	if (getuid() != 0)
		return cli_fail("setup", "只有 root 可以运行 setup（sudo jiance setup …）");
	if (c->db_path[0] != '/')
		return cli_fail("setup", "配置中的 database.path 须为绝对路径（如 %s），现为 “%s”",
		                DEPLOY_DB, c->db_path);
	/* root's own group for what is made here; the data's group is set on it explicitly */
	if (privs_drop() != 0)
		return cli_fail("setup", "无法放弃程序的组权限");
	if (make_group(a.group) != 0)
		return 1;
	gid_t gid = getgrnam(a.group)->gr_gid;
	char dir[512];
	deploy_dir_of(c->db_path, dir, sizeof dir);
	umask(022);
	if (make_dir(dir, gid) != 0 || make_database(c, &a) != 0 || own_files(c->db_path, gid) != 0)
		return 1;
	printf("数据目录 %s（root:%s 2770），数据库 %s（root:%s 0660）\n", dir, a.group, c->db_path,
	       a.group);
	printf("下一步：jiance doctor 检查部署；jiance officer add 添加操作员（见 README“部署到县里的服务器”）\n");
	return 0;
}
