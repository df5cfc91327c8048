/* A county server as README "Deploying" makes it, with real Unix users
 * (issue 13): `make install-files` of the binary under test into a
 * DESTDIR (setgid to a test group), `jiance setup`, two officers of two
 * villages and one user who is not an officer.  It shows that the
 * officers work at once, that neither can open the database file, that
 * --as, -c, -d and JIANCE_TODAY are refused or ignored for them, that
 * their exports are theirs and 0600, that a link planted by the other
 * officer is not followed, that the print command runs without the
 * program's group, and that jiance doctor finds nothing wrong, then finds
 * an officer put into the group.  A second test runs the SSH side as
 * README sets it up: an sshd on a local port with README's own `Match
 * Group` block, two officers in the console at once over `ssh localhost`,
 * an export fetched by SFTP, the database not.  Needs root (users,
 * groups, setgid, sshd); as anyone else it is skipped with a notice. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/idcard.h"
#include "pty.h"
#include "store/store.h"

#define GROUP "jiance-dt"
static const char *const users[] = { "jdt-admin", "jdt-off1", "jdt-off2", "jdt-other" };
enum { ADMIN, OFF1, OFF2, OTHER, NUSERS };

static char root[64], bin[128], dbpath[160], conf[160], shared[128];

struct ran {
	int status;
	char out[8192], err[4096];
};

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

static void slurp(const char *file, char *buf, size_t n)
{
	int fd = open(file, O_RDONLY);
	ssize_t got = fd >= 0 ? read(fd, buf, n - 1) : 0;
	buf[got > 0 ? got : 0] = 0;
	if (fd >= 0)
		close(fd);
	unlink(file);
}

/* Starts the installed jiance as user (-1: root) in their home, with one
 * extra environment variable or NULL; returns the pid. */
static pid_t start(int user, const char *env, const char *const *args, int slot)
{
	char out[128], err[128];
	snprintf(out, sizeof out, "%s/out.%d", root, slot);
	snprintf(err, sizeof err, "%s/err.%d", root, slot);
	const char *argv[24] = { bin };
	for (int i = 0; args[i] && i < 22; i++)
		argv[i + 1] = args[i];
	struct passwd *pw = user >= 0 ? getpwnam(users[user]) : getpwuid(0);
	assert_non_null(pw);
	uid_t uid = pw->pw_uid;
	gid_t gid = pw->pw_gid;
	char home[160], logname[80];
	snprintf(home, sizeof home, "HOME=%s", pw->pw_dir);
	snprintf(logname, sizeof logname, "%s", pw->pw_name);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int in = open("/dev/null", O_RDONLY);
		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		if (user >= 0 && (initgroups(logname, gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0))
			_exit(126);
		if (chdir(home + 5) != 0)
			_exit(125);
		char *envv[] = { "LANG=C.UTF-8", "PATH=/usr/bin:/bin", home, (char *)env, NULL };
		execve(argv[0], (char *const *)argv, envv);
		_exit(127);
	}
	return pid;
}

static void finish(pid_t pid, int slot, struct ran *r)
{
	char out[128], err[128];
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	snprintf(out, sizeof out, "%s/out.%d", root, slot);
	snprintf(err, sizeof err, "%s/err.%d", root, slot);
	slurp(out, r->out, sizeof r->out);
	slurp(err, r->err, sizeof r->err);
}

static void run(int user, const char *env, const char *const *args, struct ran *r)
{
	finish(start(user, env, args, 0), 0, r);
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void expect(const struct ran *r, int status, const char *in_out, const char *in_err)
{
	if (r->status != status || (in_out && !strstr(r->out, in_out)) ||
	    (in_err && !strstr(r->err, in_err)))
		fail_msg("exit %d (want %d)\nstdout: %s\nstderr: %s\nwanted: %s / %s", r->status, status,
		         r->out, r->err, in_out ? in_out : "", in_err ? in_err : "");
}

static void remove_users(void)
{
	for (int i = 0; i < NUSERS; i++)
		if (getpwnam(users[i]))
			sh("userdel -r %s 2>/dev/null; true", users[i]);
	if (getgrnam(GROUP))
		sh("groupdel %s", GROUP);
}

static void make_users(void)
{
	remove_users();                 /* a run that died half-way */
	for (int i = 0; i < NUSERS; i++)   /* and a home left by one, owned by a uid now gone */
		sh("rm -rf /home/%s && useradd -m -s /bin/sh %s", users[i], users[i]);
}

/* `make install-files` into root (as DESTDIR), then the staged program
 * pointed at its staged database by etc/jiance.conf beside it. */
static void install(void)
{
	const char *src = getenv("JIANCE_SRC"), *tested = getenv("JIANCE_BIN");
	if (!src || !tested)
		fail_msg("JIANCE_SRC/JIANCE_BIN not set; run the tests with make test");
	sh("make --no-print-directory -s -C '%s' install-files INSTALL_BIN='%s' DESTDIR='%s' GROUP=%s"
	   " >/dev/null", src, tested, root, GROUP);
	snprintf(bin, sizeof bin, "%s/usr/local/bin/jiance", root);
	snprintf(dbpath, sizeof dbpath, "%s/var/lib/jiance/jiance.db", root);
	snprintf(conf, sizeof conf, "%s/usr/local/bin/etc/jiance.conf", root);
	sh("mkdir -p %s/usr/local/bin/etc && sed 's|\"/var/lib/jiance/jiance.db\"|\"%s\"|;"
	   " s|^\\(  command = \\)\"\";|\\1\"/usr/bin/stat -L -c %%g /proc/self\";|' %s/etc/jiance/jiance.conf > %s",
	   root, dbpath, root, conf);
}

static int setup(void **state)
{
	(void)state;
	if (geteuid() != 0)
		return 0;
	snprintf(root, sizeof root, "/tmp/jiance-deploy-XXXXXX");
	assert_non_null(mkdtemp(root));
	assert_int_equal(chmod(root, 0755), 0);
	make_users();
	install();
	/* a folder both officers may write, without the sticky bit */
	snprintf(shared, sizeof shared, "%s/shared", root);
	assert_int_equal(mkdir(shared, 0777), 0);
	assert_int_equal(chmod(shared, 0777), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (geteuid() != 0)
		return 0;
	remove_users();
	sh("rm -rf '%s'", root);
	return 0;
}

static void assert_mode(const char *path, uid_t uid, gid_t gid, mode_t mode)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		fail_msg("%s: missing", path);
	if (sb.st_uid != uid || sb.st_gid != gid || (sb.st_mode & 07777) != mode)
		fail_msg("%s: %d:%d %04o, want %d:%d %04o", path, (int)sb.st_uid, (int)sb.st_gid,
		         (unsigned)(sb.st_mode & 07777), (int)uid, (int)gid, (unsigned)mode);
}

/* setup makes the folder and the database; areas and officers by the admin. */
static void county(void)
{
	struct ran r;
	run(-1, NULL, ARGS("setup", "--admin", users[ADMIN], "--name", "管理员", "--group", GROUP), &r);
	expect(&r, 0, "系统管理员 jdt-admin", NULL);
	gid_t g = getgrnam(GROUP)->gr_gid;
	char dir[160];
	snprintf(dir, sizeof dir, "%s/var/lib/jiance", root);
	assert_mode(bin, 0, g, 02755);
	assert_mode(dir, 0, g, 02770);
	assert_mode(dbpath, 0, g, 0660);
	const char *const steps[][6] = {
		{ "area", "add", "500243000000", "500243100000", "保家镇" },
		{ "area", "add", "500243100000", "500243100201", "龙阳村" },
		{ "area", "add", "500243100000", "500243100202", "新田村" },
		{ "officer", "add", users[OFF1], "龙阳村干部", "village", "500243100201" },
		{ "officer", "add", users[OFF2], "新田村干部", "village", "500243100202" },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		const char *args[] = { "--as", users[ADMIN], steps[i][0], steps[i][1], steps[i][2],
		                       steps[i][3], steps[i][4], steps[i][5], NULL };
		run(-1, NULL, args, &r);
		expect(&r, 0, "已添加", NULL);
	}
}

/* Households of one village as the officer's own file in their home. */
static void household_file(int user, const char *village, int first, int n)
{
	struct passwd *pw = getpwnam(users[user]);
	char path[256];
	snprintf(path, sizeof path, "%s/户.csv", pw->pw_dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "户编号,姓名,身份证号码,与户主关系,所属乡镇,所属村(社区)\n");
	for (int i = first; i < first + n; i++) {
		char id[20];
		snprintf(id, sizeof id, "50024319800101%03d", i);
		id[17] = (char)idcard_check_digit(id);
		id[18] = 0;
		fprintf(f, "500243100201%04d,户主%d,%s,户主,保家镇,%s\n", i, i, id, village);
	}
	fclose(f);
	assert_int_equal(chown(path, pw->pw_uid, pw->pw_gid), 0);
}

static void test_two_officers_on_one_county_server(void **state)
{
	(void)state;
	if (geteuid() != 0) {
		print_message("skipped: the deployment test needs root (users, groups, setgid)\n");
		skip();
	}
	county();
	struct ran r, r2;

	/* both at once, each their own village */
	household_file(OFF1, "龙阳村", 100, 40);
	household_file(OFF2, "新田村", 200, 40);
	pid_t a = start(OFF1, NULL, ARGS("import", "--kind", "households", "户.csv"), 1);
	pid_t b = start(OFF2, NULL, ARGS("import", "--kind", "households", "户.csv"), 2);
	finish(a, 1, &r);
	finish(b, 2, &r2);
	expect(&r, 0, "新增 40", NULL);
	expect(&r2, 0, "新增 40", NULL);
	struct jerr e = { 0 };
	struct store *db = store_open(dbpath, 0, &e);
	assert_non_null(db);
	assert_int_equal(store_int(db, 0, "SELECT count(*) FROM households", ""), 80);
	store_close(db);

	/* the database only through jiance */
	for (int u = OFF1; u <= OTHER; u++) {
		pid_t pid = fork();
		if (pid == 0) {
			struct passwd *pw = getpwnam(users[u]);
			if (initgroups(pw->pw_name, pw->pw_gid) || setgid(pw->pw_gid) || setuid(pw->pw_uid))
				_exit(2);
			_exit(open(dbpath, O_RDONLY) < 0 && open(dbpath, O_WRONLY) < 0 ? 0 : 1);
		}
		int status;
		waitpid(pid, &status, 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	run(OTHER, NULL, ARGS("check"), &r);
	expect(&r, 1, NULL, "不是 jiance 的操作员");

	/* overrides are not theirs */
	run(OFF1, NULL, ARGS("--as", users[OFF2], "check"), &r);
	expect(&r, 1, NULL, "--as 只允许 root、系统管理员");
	run(OFF1, NULL, ARGS("-d", "/tmp/other.db", "check"), &r);
	expect(&r, 2, NULL, "-d 只允许 root 或系统管理员使用");
	run(OFF1, NULL, ARGS("-c", conf, "check"), &r);
	expect(&r, 2, NULL, "-c 只允许 root 或系统管理员使用");
	run(OFF1, "JIANCE_TODAY=2030-01-01", ARGS("check"), &r);
	expect(&r, 0, "数据库完整性：正常", "忽略 JIANCE_TODAY");
	run(OFF1, NULL, ARGS("init"), &r);
	expect(&r, 1, NULL, "只允许 root 建立数据库");
	/* nor the database's folder through a file they name */
	run(OFF1, NULL, ARGS("import", "--kind", "households", dbpath), &r);
	expect(&r, 1, NULL, "Permission denied");
	char into[200];
	snprintf(into, sizeof into, "%s/var/lib/jiance/x.csv", root);
	run(OFF1, NULL, ARGS("export", "households", "-o", into), &r);
	expect(&r, 1, NULL, "无法创建");
	/* the admin may */
	run(ADMIN, NULL, ARGS("--as", users[OFF1], "check"), &r);
	expect(&r, 0, "龙阳村", NULL);

	/* exports are theirs, 0600, and only of their village */
	struct passwd *p1 = getpwnam(users[OFF1]);
	char out[256];
	run(OFF1, NULL, ARGS("export", "households", "-o", "户.xlsx", "--format", "xlsx"), &r);
	expect(&r, 0, NULL, "已导出 40 行");
	snprintf(out, sizeof out, "%s/户.xlsx", p1->pw_dir);
	assert_mode(out, p1->pw_uid, p1->pw_gid, 0600);

	/* the other officer plants a link where off1's rejected rows will go,
	 * pointing at off1's private notes */
	char notes[256], list[256], link[300];
	snprintf(notes, sizeof notes, "%s/笔记.txt", p1->pw_dir);
	FILE *f = fopen(notes, "w");
	fputs("私人笔记\n", f);
	fclose(f);
	assert_int_equal(chown(notes, p1->pw_uid, p1->pw_gid), 0);
	assert_int_equal(chmod(notes, 0600), 0);
	snprintf(list, sizeof list, "%s/名单.csv", shared);
	f = fopen(list, "w");
	fputs("身份证号码,姓名,预警原因\n500243198001010000,错号,大病\n", f);
	fclose(f);
	assert_int_equal(chown(list, p1->pw_uid, p1->pw_gid), 0);
	snprintf(link, sizeof link, "%s/名单.rejected.csv", shared);
	struct passwd *p2 = getpwnam(users[OFF2]);
	assert_int_equal(symlink(notes, link), 0);
	assert_int_equal(lchown(link, p2->pw_uid, p2->pw_gid), 0);
	run(OFF1, NULL, ARGS("import", "--kind", "leads", "--department", "医保", list), &r);
	expect(&r, 1, "未通过 1 行", NULL);
	char back[64] = "";
	f = fopen(notes, "r");
	assert_non_null(fgets(back, sizeof back, f));
	fclose(f);
	assert_string_equal(back, "私人笔记\n");
	struct stat lsb;
	assert_int_equal(lstat(link, &lsb), 0);
	assert_true(S_ISLNK(lsb.st_mode));                  /* left as it was */
	snprintf(link, sizeof link, "%s/名单.rejected-2.csv", shared);
	assert_mode(link, p1->pw_uid, p1->pw_gid, 0600);    /* the rows went beside it */

	/* the print command runs without the program's group: it prints the
	 * group of its own process and of the file it was given */
	run(OFF1, NULL, ARGS("print", "summary"), &r);
	char want[64];
	snprintf(want, sizeof want, "%d\n%d", (int)p1->pw_gid, (int)p1->pw_gid);
	expect(&r, 0, want, NULL);
	/* the libraries' own variables are not the officer's to set: fontconfig
	 * would read this file with the program's group (and complain here) */
	run(OFF1, "FONTCONFIG_FILE=/nonexistent/fonts.conf", ARGS("print", "summary"), &r);
	expect(&r, 0, want, NULL);
	if (strstr(r.err, "Fontconfig"))
		fail_msg("FONTCONFIG_FILE reached fontconfig: %s", r.err);

	/* an SFTP session through ForceCommand reaches the officer's files, not
	 * the console: the server (if installed) runs as the officer, and
	 * ends at the end of its input */
	run(OFF1, "SSH_ORIGINAL_COMMAND=/usr/lib/openssh/sftp-server", ARGS(NULL), &r);
	if (access("/usr/lib/openssh/sftp-server", X_OK) == 0)
		expect(&r, 0, NULL, NULL);
	else
		expect(&r, 1, NULL, "openssh-sftp-server");
	assert_null(strstr(r.err, "终端"));

	/* doctor finds nothing wrong, then an officer in the group */
	run(-1, NULL, ARGS("doctor", "--group", GROUP), &r);
	expect(&r, 0, "没有发现问题", NULL);
	sh("usermod -a -G %s %s", GROUP, users[OFF2]);
	run(-1, NULL, ARGS("doctor", "--group", GROUP), &r);
	expect(&r, 1, "操作员 jdt-off2 在 " GROUP " 组里", NULL);
	run(OFF1, NULL, ARGS("doctor"), &r);
	expect(&r, 1, NULL, "只有 root 或系统管理员");
}

/* --- over SSH ------------------------------------------------------------- */

#define LOGIN_GROUP "jdt-login"
#define SSH_WAIT_MS 30000
static char sshdir[128];
static int port;

/* README's `Match Group jiance-login` block, word for word, for the test's
 * login group and the installed program: the documented block is what runs. */
static void readme_match_block(FILE *out)
{
	char path[512], line[512];
	snprintf(path, sizeof path, "%s/README.md", getenv("JIANCE_SRC"));
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	int in_block = 0, lines = 0;
	while (fgets(line, sizeof line, in)) {
		if (!strcmp(line, "    Match Group jiance-login\n")) {
			fprintf(out, "Match Group %s\n", LOGIN_GROUP);
			in_block = 1;
		} else if (in_block && !strncmp(line, "        ", 8)) {
			if (!strncmp(line + 8, "ForceCommand ", 13))
				fprintf(out, "    ForceCommand %s\n", bin);
			else
				fprintf(out, "    %s", line + 8);
			lines++;
		} else if (in_block) {
			break;
		}
	}
	fclose(in);
	assert_true(lines >= 5);
}

static void start_sshd(void)
{
	snprintf(sshdir, sizeof sshdir, "%s/ssh", root);
	assert_int_equal(mkdir(sshdir, 0700), 0);
	port = 20000 + getpid() % 20000;
	sh("ssh-keygen -q -t ed25519 -N '' -f %s/host && ssh-keygen -q -t ed25519 -N '' -f %s/id",
	   sshdir, sshdir);
	char cfg[192];
	snprintf(cfg, sizeof cfg, "%s/sshd_config", sshdir);
	FILE *f = fopen(cfg, "w");
	assert_non_null(f);
	fprintf(f, "Port %d\nListenAddress 127.0.0.1\nHostKey %s/host\nPidFile %s/sshd.pid\n"
	        "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
	        "AuthorizedKeysFile .ssh/authorized_keys\nAcceptEnv LANG LC_*\n"
	        "Subsystem sftp /usr/lib/openssh/sftp-server\n",
	        port, sshdir, sshdir);
	readme_match_block(f);
	fclose(f);
	sh("groupadd %s", LOGIN_GROUP);
	for (int u = OFF1; u <= OFF2; u++) {
		struct passwd *pw = getpwnam(users[u]);
		/* README: officers in the login group; '*' is no password, not a lock */
		sh("usermod -a -G %s -p '*' %s && mkdir -p %s/.ssh && cp %s/id.pub %s/.ssh/authorized_keys"
		   " && chown -R %s: %s/.ssh && chmod 700 %s/.ssh", LOGIN_GROUP, users[u], pw->pw_dir,
		   sshdir, pw->pw_dir, users[u], pw->pw_dir, pw->pw_dir);
	}
	sh("mkdir -p /run/sshd && /usr/sbin/sshd -f %s -E %s/sshd.log", cfg, sshdir);
}

static void stop_sshd(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "kill $(cat %s/sshd.pid 2>/dev/null) 2>/dev/null; groupdel %s 2>/dev/null",
	         sshdir, LOGIN_GROUP);
	if (system(cmd) != 0) {
		/* a run that never started sshd */
	}
	sshdir[0] = 0;
}

/* ssh or sftp as user to the test's sshd, with the test's key and no
 * configuration of root's own; argv ends with NULL in n slots. */
static int ssh_argv(const char *prog, int user, char **argv, char *buf, size_t n)
{
	snprintf(buf, n, "%s\x1f-F\x1f/dev/null\x1f-i\x1f%s/id\x1f-o\x1fStrictHostKeyChecking=no\x1f"
	         "-o\x1fUserKnownHostsFile=/dev/null\x1f-o\x1f" "BatchMode=yes\x1f-o\x1fLogLevel=ERROR\x1f"
	         "%s\x1f%d\x1f%s@127.0.0.1", prog, sshdir, strcmp(prog, "ssh") ? "-P" : "-p", port,
	         users[user]);
	int argc = 0;
	for (char *w = strtok(buf, "\x1f"); w; w = strtok(NULL, "\x1f"))
		argv[argc++] = w;
	argv[argc] = NULL;
	return argc;
}

/* The officer's console over `ssh -tt`, on the to-do queue it opens on. */
static struct pty *ssh_console(int user)
{
	char buf[1024], *argv[24];
	int argc = ssh_argv("ssh", user, argv, buf, sizeof buf);
	argv[argc] = argv[argc - 1];
	argv[argc - 1] = "-tt";
	argv[argc + 1] = NULL;
	struct pty *p = pty_start(24, 80, argv, NULL);
	assert_non_null(p);
	if (!pty_wait_row(p, 23, "F1帮助", SSH_WAIT_MS)) {
		pty_dump(p);
		sh("cat %s/sshd.log >&2", sshdir);
		fail_msg("no console over ssh for %s", users[user]);
	}
	return p;
}

#define SEXPECT(p, cond) do { if (!(cond)) { pty_dump(p); fail_msg("%s", #cond); } } while (0)

/* A lead typed by the officer on the household 户主<n> of their village. */
static void type_lead(struct pty *p, int n)
{
	char name[32];
	snprintf(name, sizeof name, "户主%d", n);
	SEXPECT(p, pty_wait_text(p, "待办事项", SSH_WAIT_MS));
	pty_send_text(p, "l");
	SEXPECT(p, pty_wait_row(p, 0, "风险线索", SSH_WAIT_MS));
	pty_send_text(p, "n");
	SEXPECT(p, pty_wait_text(p, "线索来源", SSH_WAIT_MS));
	pty_send_text(p, "jc");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, name);
	pty_send_key(p, VTERM_KEY_ENTER);
	SEXPECT(p, pty_wait_text(p, "选择线索所指的户", SSH_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	SEXPECT(p, pty_wait_gone(p, "选择线索所指的户", SSH_WAIT_MS));
	pty_send_text(p, "走访发现因病住院");
}

static void test_officers_over_ssh(void **state)
{
	(void)state;
	if (geteuid() != 0 || access("/usr/sbin/sshd", X_OK) != 0) {
		print_message("skipped: needs root and openssh-server (make deps installs it)\n");
		skip();
	}
	county();
	struct ran r;
	household_file(OFF1, "龙阳村", 100, 5);
	household_file(OFF2, "新田村", 200, 5);
	run(OFF1, NULL, ARGS("import", "--kind", "households", "户.csv"), &r);
	expect(&r, 0, "新增 5", NULL);
	run(OFF2, NULL, ARGS("import", "--kind", "households", "户.csv"), &r);
	expect(&r, 0, "新增 5", NULL);
	run(OFF1, NULL, ARGS("export", "households", "-o", "户.xlsx", "--format", "xlsx"), &r);
	expect(&r, 0, NULL, "已导出 5 行");
	start_sshd();

	/* two officers in the console at once, each saving a lead */
	struct pty *a = ssh_console(OFF1), *b = ssh_console(OFF2);
	type_lead(a, 100);
	type_lead(b, 200);
	pty_send_key(a, VTERM_KEY_FUNCTION(2));
	pty_send_key(b, VTERM_KEY_FUNCTION(2));
	SEXPECT(a, pty_wait_text(a, "已登记线索", SSH_WAIT_MS));
	SEXPECT(b, pty_wait_text(b, "已登记线索", SSH_WAIT_MS));
	struct jerr e = { 0 };
	struct store *db = store_open(dbpath, 0, &e);
	assert_non_null(db);
	assert_int_equal(store_int(db, 0, "SELECT count(*) FROM leads", ""), 2);
	store_close(db);
	pty_hangup(a);
	pty_hangup(b);
	pty_finish(a);
	pty_finish(b);

	/* the export reaches the officer's computer by SFTP; the database does not */
	char buf[1024], *argv[24], batch[256], got[256], mine[256], cmd[2048];
	snprintf(batch, sizeof batch, "%s/batch", sshdir);
	snprintf(got, sizeof got, "%s/户.xlsx", sshdir);
	FILE *f = fopen(batch, "w");
	fprintf(f, "get 户.xlsx %s\n-get %s %s/db\n", got, dbpath, sshdir);
	fclose(f);
	int argc = ssh_argv("sftp", OFF1, argv, buf, sizeof buf);
	size_t len = (size_t)snprintf(cmd, sizeof cmd, "sftp -b %s", batch);
	for (int i = 1; i < argc; i++)
		len += (size_t)snprintf(cmd + len, sizeof cmd - len, " '%s'", argv[i]);
	snprintf(cmd + len, sizeof cmd - len, " >%s/sftp.out 2>&1", sshdir);
	if (system(cmd) != 0) {
		sh("cat %s/sftp.out %s/sshd.log >&2", sshdir, sshdir);
		fail_msg("sftp failed");
	}
	snprintf(mine, sizeof mine, "%s/户.xlsx", getpwnam(users[OFF1])->pw_dir);
	sh("cmp -s '%s' '%s'", mine, got);
	snprintf(mine, sizeof mine, "%s/db", sshdir);
	assert_int_equal(access(mine, F_OK), -1);

	/* a command named by the client is not run: the console says it needs a terminal */
	argc = ssh_argv("ssh", OFF1, argv, buf, sizeof buf);
	len = (size_t)snprintf(cmd, sizeof cmd, "ssh");
	for (int i = 1; i < argc; i++)
		len += (size_t)snprintf(cmd + len, sizeof cmd - len, " '%s'", argv[i]);
	snprintf(cmd + len, sizeof cmd - len, " cat /etc/passwd </dev/null >%s/cmd.out 2>&1", sshdir);
	assert_int_not_equal(system(cmd), 0);
	char said[4096];
	snprintf(mine, sizeof mine, "%s/cmd.out", sshdir);
	slurp(mine, said, sizeof said);
	if (strstr(said, "root:x:0") || !strstr(said, "终端"))
		fail_msg("ssh with a command said: %s", said);
	stop_sshd();
}

static int teardown_ssh(void **state)
{
	if (geteuid() == 0 && *sshdir)
		stop_sshd();
	return teardown(state);
}

int main(void)
{
	/* the users and groups are the machine's: two runs at once (two
	 * worktrees' make test) would delete each other's; one at a time */
	int lock = open("/tmp/jiance-deploy-test.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX) != 0)
		perror("test_deploy: lock");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_officers_on_one_county_server, setup, teardown),
		cmocka_unit_test_setup_teardown(test_officers_over_ssh, setup, teardown_ssh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
