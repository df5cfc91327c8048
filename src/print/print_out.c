/* Where a prepared document goes: a new file (never over an existing one)
 * or the configured print command, run with fork/exec and no shell, so a
 * printer or file name is one word whatever characters it holds. */
#include "print/print_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/outfile.h"
#include "base/privs.h"

/* 1 written, 0 the name is taken already, -1 error (e set).  Through
 * base/outfile: the officer's, 0600 (ledgers carry personal data), under a
 * temporary name until complete, never over an existing file even when
 * two officers save at once, nothing left behind when the disk fills. */
static int write_new(struct print_job *j, const char *path, struct jerr *e)
{
	struct outfile o;
	if (outfile_taken(path))
		return 0;
	if (outfile_open(&o, path, OUTFILE_NEW, e) != 0)
		return -1;
	if (pdf_write(print_job_pdf(j), o.f, e) != 0) {
		outfile_abort(&o);
		return -1;
	}
	return outfile_commit(&o, e) == 0 ? 1 : -1;
}

int print_save(struct print_job *j, const char *path, char *saved, size_t n, struct jerr *e)
{
	char name[PATH_MAX], base[PATH_MAX];
	if (path) {
		int rc = write_new(j, path, e);
		if (rc == 0)
			return jerr_set(e, "", "文件 %s 已存在，不会覆盖；请换一个文件名", path);
		if (rc < 0)
			return -1;
		if (saved)
			snprintf(saved, n, "%s", path);
		return 0;
	}
	print_file_name(j, base, sizeof base);
	size_t stem = strlen(base) - 4;   /* before ".pdf" */
	for (int i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(name, sizeof name, "%s", base);
		else
			snprintf(name, sizeof name, "%.*s-%d.pdf", (int)stem, base, i);
		int rc = write_new(j, name, e);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			if (saved)
				snprintf(saved, n, "%s", name);
			return 0;
		}
	}
	return jerr_set(e, "", "当前目录已有太多同名文件（%s）", base);
}

/* ---- the print command ---- */

static void remove_as_officer(const char *path)
{
	privs_user_begin();
	unlink(path);
	privs_user_end();
}

static int put(char *buf, size_t n, size_t *o, const char *s)
{
	size_t len = strlen(s);
	if (*o + len + 1 > n)
		return -1;
	memcpy(buf + *o, s, len);
	*o += len;
	return 0;
}

/* One word of the command, quotes removed, placeholders filled. */
static const char *word(const char *p, const char *printer, const char *file, char *buf,
                        size_t n, size_t *o, int *has_file, struct jerr *e)
{
	char quote = 0, one[2] = { 0, 0 };
	for (; *p && (quote || (*p != ' ' && *p != '\t')); p++) {
		const char *sub = NULL;
		if (!quote && (*p == '\'' || *p == '"')) {
			quote = *p;
			continue;
		}
		if (quote && *p == quote) {
			quote = 0;
			continue;
		}
		if (!strncmp(p, "{printer}", 9)) {
			if (!*printer)
				return jerr_set(e, "", "打印命令需要打印机名称：请用 --printer 指定，或在配置中设置 print.printer"), NULL;
			sub = printer;
			p += 8;
		} else if (!strncmp(p, "{file}", 6)) {
			sub = file;
			*has_file = 1;
			p += 5;
		} else {
			one[0] = *p;
			sub = one;
		}
		if (put(buf, n, o, sub) != 0)
			return jerr_set(e, "", "打印命令太长"), NULL;
	}
	if (quote)
		return jerr_set(e, "", "打印命令中的引号不成对"), NULL;
	buf[(*o)++] = 0;
	return p;
}

int print_command_argv(const char *command, const char *printer, const char *file, char **argv,
                       int max, char *buf, size_t n, struct jerr *e)
{
	size_t o = 0;
	int argc = 0, has_file = 0;
	for (const char *p = command; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (argc + 2 >= max)
			return jerr_set(e, "", "打印命令的参数太多");
		argv[argc++] = buf + o;
		p = word(p, printer ? printer : "", file, buf, n, &o, &has_file, e);
		if (!p)
			return -1;
	}
	if (!argc)
		return jerr_set(e, "", "未配置打印命令（print.command）");
	if (!has_file) {
		/* "lp -d office": the file goes last */
		argv[argc++] = buf + o;
		if (put(buf, n, &o, file) != 0)
			return jerr_set(e, "", "打印命令太长");
		buf[o++] = 0;
	}
	argv[argc] = NULL;
	return argc;
}

/* The command runs as the officer alone: none of the group an
 * installation gives jiance to reach the database (SPEC §11). */
static void child(char **argv, int out)
{
	if (privs_drop() != 0) {
		dprintf(out, "无法放弃 jiance 组的权限，不运行打印命令");
		_exit(126);
	}
	int null = open("/dev/null", O_RDONLY);
	if (null >= 0)
		dup2(null, 0);
	dup2(out, 1);
	dup2(out, 2);
	execvp(argv[0], argv);
	dprintf(out, "无法运行 %s: %s", argv[0], strerror(errno));
	_exit(127);
}

/* Runs argv, collecting what it prints into out; 0 if it exits with 0. */
static int run(char **argv, char *out, size_t n, struct jerr *e)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return jerr_set(e, "", "无法运行打印命令: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return jerr_set(e, "", "无法运行打印命令: %s", strerror(errno));
	}
	if (pid == 0)
		child(argv, fds[1]);
	close(fds[1]);
	char buf[1024], rest[256];
	size_t got = 0;
	for (;;) {
		/* keep the start, drain the rest so the command never blocks on us */
		int full = got >= sizeof buf - 1;
		ssize_t r = read(fds[0], full ? rest : buf + got, full ? sizeof rest : sizeof buf - 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (!full)
			got += (size_t)r;
	}
	buf[got] = 0;
	close(fds[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	while (got && (buf[got - 1] == '\n' || buf[got - 1] == '\r'))
		buf[--got] = 0;
	if (out)
		snprintf(out, n, "%s", buf);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return jerr_set(e, "", "打印命令 %s 失败（退出码 %d）%s%s", argv[0], WEXITSTATUS(status),
		                *buf ? "：" : "", buf);
	return jerr_set(e, "", "打印命令 %s 被中止", argv[0]);
}

/* A private temporary copy for the spooler, made as the officer. */
static int temp_pdf(struct print_job *j, char *path, size_t n, struct jerr *e)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, n, "%s/jiance-print-XXXXXX.pdf", dir && *dir ? dir : "/tmp");
	privs_user_begin();
	int fd = mkstemps(path, 4);
	privs_user_end();
	if (fd < 0)
		return jerr_set(e, "", "无法创建临时文件: %s", strerror(errno));
	FILE *f = fdopen(fd, "wb");
	int rc = f ? pdf_write(print_job_pdf(j), f, e) : jerr_set(e, "", "无法写入临时文件");
	if ((f ? fclose(f) : close(fd)) != 0 && rc == 0)
		rc = jerr_set(e, "", "写入临时文件失败（%s）", outfile_why(errno));
	if (rc != 0)
		remove_as_officer(path);
	return rc;
}

int print_send(struct print_job *j, const char *printer, const char *keep, char *out, size_t n,
               struct jerr *e)
{
	const struct config *cfg = print_job_session(j)->cfg;
	if (!cfg || !*cfg->print_command)
		return jerr_set(e, "", "未配置打印命令（print.command），只能保存为文件");
	const char *pr = printer && *printer ? printer : cfg->printer;
	char path[PATH_MAX], buf[2048], *argv[64];
	/* the words first: a bad command is refused before anything is written */
	if (print_command_argv(cfg->print_command, pr, "x", argv, 64, buf, sizeof buf, e) < 0)
		return -1;
	if (keep ? print_save(j, keep, path, sizeof path, e) : temp_pdf(j, path, sizeof path, e))
		return -1;
	int rc = print_command_argv(cfg->print_command, pr, path, argv, 64, buf, sizeof buf, e);
	if (rc >= 0)
		rc = run(argv, out, n, e);
	if (!keep)
		remove_as_officer(path);   /* the spooler has its own copy once the command returns */
	return rc < 0 ? -1 : 0;
}
