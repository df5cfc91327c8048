/* `jiance doctor`: checks a deployment and names each problem with the
 * command that fixes it (README "Deploying"): the program's group and
 * mode, the folder, the database and the files SQLite keeps beside it,
 * officers who could open the file directly, the locale, the font, the
 * print command and the free disk space.  Exit status 1 when anything is
 * wrong.  It prints no data. */
#include <grp.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "access/officer.h"
#include "base/privs.h"
#include "cli/commands.h"
#include "cli/deploy.h"
#include "print/pdf.h"

struct doctor {
	struct cli *c;
	const char *group;
	gid_t gid;
	int have_group;
	int problems;
};

static void ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ok(const char *fmt, ...)
{
	va_list ap;
	printf("  [正常] ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* A problem and, on the next line, what fixes it. */
static void bad(struct doctor *d, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void bad(struct doctor *d, const char *fix, const char *fmt, ...)
{
	va_list ap;
	printf("  [问题] ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n         修复：%s\n", fix);
	d->problems++;
}

static void check_group(struct doctor *d)
{
	struct group *g = getgrnam(d->group);
	char fix[256];
	if (!g) {
		snprintf(fix, sizeof fix, "sudo jiance setup --admin 登录名（或 groupadd --system %s）", d->group);
		bad(d, fix, "系统里没有 %s 组", d->group);
		return;
	}
	d->gid = g->gr_gid;
	d->have_group = 1;
	ok("系统组 %s（gid %d）", d->group, (int)g->gr_gid);
}

static void check_program(struct doctor *d)
{
	char exe[512], fix[1400];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat sb;
	if (n <= 0 || stat((exe[n] = 0, exe), &sb) != 0)
		return;
	snprintf(fix, sizeof fix, "chown root:%s %s && chmod 2755 %s（make install 以 root 运行时会做）",
	         d->group, exe, exe);
	if (!(sb.st_mode & S_ISGID) || !d->have_group || sb.st_gid != d->gid)
		bad(d, fix, "程序 %s 没有以 %s 组 setgid 安装：操作员无法写数据库，或要加入该组才能用（那样就能绕过 jiance）",
		    exe, d->group);
	else if (sb.st_uid != 0 || (sb.st_mode & 022))
		bad(d, fix, "程序 %s 可被 root 以外的人改写", exe);
	else
		ok("程序 %s：root:%s，setgid", exe, d->group);
}

/* owner root, group, exactly mode (of the permission bits). */
static void check_owned(struct doctor *d, const char *what, const char *path, mode_t mode,
                        int must_exist)
{
	struct stat sb;
	char fix[1400];
	if (lstat(path, &sb) != 0) {
		if (must_exist) {
			snprintf(fix, sizeof fix, "sudo jiance setup --admin 登录名");
			bad(d, fix, "%s %s 不存在", what, path);
		}
		return;
	}
	snprintf(fix, sizeof fix, "chown root:%s %s && chmod %o %s", d->group, path, (unsigned)mode, path);
	if (S_ISLNK(sb.st_mode))
		bad(d, "换成普通文件或目录（不要用符号链接）", "%s %s 是符号链接", what, path);
	else if (sb.st_uid != 0 || !d->have_group || sb.st_gid != d->gid ||
	         (sb.st_mode & 07777) != mode)
		bad(d, fix, "%s %s 的所有者和权限是 %d:%d %04o，应为 root:%s %04o", what, path,
		    (int)sb.st_uid, (int)sb.st_gid, (unsigned)(sb.st_mode & 07777), d->group, (unsigned)mode);
	else
		ok("%s %s：root:%s %04o", what, path, d->group, (unsigned)mode);
}

/* A -wal, -shm or -wait of another group or mode locks everyone else out. */
static void check_beside(struct doctor *d, const char *db)
{
	static const char *const tails[] = { "-wal", "-shm", "-wait" };
	for (int i = 0; i < 3; i++) {
		char p[600];
		struct stat sb;
		snprintf(p, sizeof p, "%s%s", db, tails[i]);
		if (lstat(p, &sb) != 0)
			continue;
		if (!S_ISREG(sb.st_mode) || !d->have_group || sb.st_gid != d->gid ||
		    (sb.st_mode & 0777) != DEPLOY_DB_MODE) {
			char fix[1400];
			snprintf(fix, sizeof fix, "chown root:%s %s && chmod 660 %s（或在没有 jiance 运行时删除它）",
			         d->group, p, p);
			bad(d, fix, "%s 的组或权限不对（%d %04o）：别的操作员会被锁在外面", p, (int)sb.st_gid,
			    (unsigned)(sb.st_mode & 07777));
		}
	}
	char j[600];
	snprintf(j, sizeof j, "%s-journal", db);
	if (access(j, F_OK) == 0)
		bad(d, "用 jiance check 检查数据库；确认无误后删除它", "有遗留的回滚日志 %s", j);
}

static int in_group(const struct passwd *pw, const struct group *g)
{
	if (pw->pw_gid == g->gr_gid)
		return 1;
	for (char **m = g->gr_mem; m && *m; m++)
		if (!strcmp(*m, pw->pw_name))
			return 1;
	return 0;
}

struct officer_scan {
	struct doctor *d;
	const struct group *g;
	int without_account;
	char example[64];
};

static void scan_officer(void *arg, const struct officer *o)
{
	struct officer_scan *s = arg;
	struct passwd *pw = o->active ? getpwnam(o->login) : NULL;
	if (o->active && !pw && s->without_account++ == 0)
		snprintf(s->example, sizeof s->example, "%s", o->login);
	if (pw && s->g && in_group(pw, s->g)) {
		char fix[256];
		snprintf(fix, sizeof fix, "gpasswd -d %s %s", o->login, s->d->group);
		bad(s->d, fix, "操作员 %s 在 %s 组里：可以不经 jiance 直接打开数据库", o->login, s->d->group);
	}
}

static void check_officers(struct doctor *d)
{
	struct cli *c = d->c;
	struct officer_scan s = { d, d->have_group ? getgrgid(d->gid) : NULL, 0, "" };
	struct jerr e = { 0 };
	int before = d->problems;
	struct session all = { 0 };
	if (!(c->db = store_open(c->db_path, 0, &e))) {
		bad(d, "sudo jiance setup --admin 登录名，或按上面的提示修正权限", "无法打开数据库: %s", e.msg);
		return;
	}
	all.db = c->db;
	all.cfg = &c->cfg;
	all.me.role = ROLE_ADMIN;      /* every officer, to look at their accounts */
	officer_each(&all, scan_officer, &s);
	cli_close(c);
	if (d->problems == before)
		ok("没有操作员在 %s 组里", d->group);
	if (s.without_account)
		printf("  [提示] %d 名在用的操作员没有系统账号（例如 %s）：useradd -m 登录名 后才能登录\n",
		       s.without_account, s.example);
}

static void check_locale(struct doctor *d)
{
	const char *was = setlocale(LC_ALL, NULL);
	char keep[128];
	snprintf(keep, sizeof keep, "%s", was ? was : "C");
	if (setlocale(LC_ALL, "C.UTF-8") && !strcmp(nl_langinfo(CODESET), "UTF-8"))
		ok("区域设置 C.UTF-8 可用（控制台没有 UTF-8 区域设置时用它）");
	else
		bad(d, "apt-get install locales，并生成 zh_CN.UTF-8 或 C.UTF-8", "没有可用的 UTF-8 区域设置：中文无法显示");
	setlocale(LC_ALL, keep);
}

static void check_font(struct doctor *d)
{
	char file[512] = "";
	const char *font = d->c->cfg.pdf_font[0] ? d->c->cfg.pdf_font : PDF_DEFAULT_FONT;
	if (pdf_font_installed(font, file, sizeof file))
		ok("PDF 字体 %s（%s）", font, file);
	else
		bad(d, "apt-get install fonts-noto-cjk，或在配置中把 print.pdf_font 改成已安装的中文字体",
		    "PDF 字体 %s 没有安装：打印的中文会用替代字体或缺字", font);
}

/* The command's first word, found on PATH like execvp would. */
static int on_path(const char *cmd)
{
	if (strchr(cmd, '/'))
		return access(cmd, X_OK) == 0;
	const char *path = getenv("PATH");
	char dirs[2048], p[2600];
	snprintf(dirs, sizeof dirs, "%s", path && *path ? path : "/usr/bin:/bin");
	for (char *save, *dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		snprintf(p, sizeof p, "%s/%s", dir, cmd);
		if (access(p, X_OK) == 0)
			return 1;
	}
	return 0;
}

static void check_print(struct doctor *d)
{
	const char *cmd = d->c->cfg.print_command;
	if (!*cmd) {
		ok("没有配置打印命令：PDF 保存为文件");
		return;
	}
	char first[256];
	snprintf(first, sizeof first, "%.*s", (int)strcspn(cmd, " \t"), cmd);
	if (on_path(first))
		ok("打印命令 %s", cmd);
	else
		bad(d, "apt-get install cups-client（lp），或改正配置中的 print.command",
		    "打印命令 %s 找不到", first);
}

static void check_space(struct doctor *d, const char *dir)
{
	struct statvfs vf;
	struct stat sb;
	if (statvfs(dir, &vf) != 0)
		return;
	long long free_mb = (long long)vf.f_bavail * (long long)vf.f_frsize >> 20;
	long long db_mb = stat(d->c->db_path, &sb) == 0 ? (long long)sb.st_size >> 20 : 0;
	long long want = 2 * db_mb > DEPLOY_MIN_FREE_MB ? 2 * db_mb : DEPLOY_MIN_FREE_MB;
	if (free_mb < want)
		bad(d, "清理磁盘或扩容；备份放到别的磁盘上",
		    "%s 所在磁盘只剩 %lld MB，少于 %lld MB（数据库的两倍或 1 GB）", dir, free_mb, want);
	else
		ok("磁盘剩余 %lld MB（数据库 %lld MB）", free_mb, db_mb);
}

int cmd_doctor(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("doctor"), argc, argv))
		return 0;
	struct doctor d = { c, DEPLOY_GROUP, 0, 0, 0 };
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--group") && i + 1 < argc)
			d.group = argv[++i];
		else
			return cli_fail("doctor", "不认识的参数 “%s”（jiance doctor --help）", argv[i]);
	}
	/* it names files, modes and officers: for those who run the server */
	if (privs_setgid() && getuid() != 0 && !identity_is_admin(c->db_path))
		return cli_fail("doctor", "只有 root 或系统管理员可以运行 doctor");
	printf("检查 jiance 的部署（数据库 %s）：\n", c->db_path);
	check_group(&d);
	check_program(&d);
	char dir[512];
	if (c->db_path[0] != '/') {
		bad(&d, "在 /etc/jiance/jiance.conf 中写 database.path = \"" DEPLOY_DB "\"",
		    "database.path “%s” 不是绝对路径：每个人会在自己的当前目录里找数据库", c->db_path);
	} else {
		deploy_dir_of(c->db_path, dir, sizeof dir);
		check_owned(&d, "数据目录", dir, DEPLOY_DIR_MODE, 1);
		check_owned(&d, "数据库", c->db_path, DEPLOY_DB_MODE, 1);
		check_beside(&d, c->db_path);
		check_officers(&d);
		check_space(&d, dir);
	}
	check_locale(&d);
	check_font(&d);
	check_print(&d);
	if (d.problems)
		printf("发现 %d 个问题。\n", d.problems);
	else
		printf("没有发现问题。\n");
	return d.problems ? 1 : 0;
}
