#include "runbin.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

const char *runbin_path(void)
{
	const char *b = getenv("JIANCE_BIN");
	if (!b || !*b)
		fail_msg("JIANCE_BIN not set; run the tests with make test");
	return b;
}

void runbin_slurp(const char *file, char *buf, size_t n)
{
	int fd = open(file, O_RDONLY);
	ssize_t got = fd >= 0 ? read(fd, buf, n - 1) : 0;
	buf[got > 0 ? got : 0] = 0;
	if (fd >= 0)
		close(fd);
}

/* In the child: the limits and the account the run asks for. */
static void child_setup(const struct runbin *o)
{
	if (o->cwd && chdir(o->cwd) != 0)
		_exit(125);
	if (o->limit_kb > 0) {
		struct rlimit rl = { (rlim_t)o->limit_kb * 1024, (rlim_t)o->limit_kb * 1024 };
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
	}
	if (o->seconds > 0)
		alarm((unsigned)o->seconds);
	if (o->uid > 0 && (setgroups(0, NULL) != 0 || setgid(o->gid) != 0 || setuid(o->uid) != 0))
		_exit(126);
}

void runbin(const struct runbin *o, const char *const *args, struct ran *r)
{
	char out[160], err[160];
	snprintf(out, sizeof out, "%s.stdout", o->files);
	snprintf(err, sizeof err, "%s.stderr", o->files);
	const char *argv[24] = { runbin_path() };
	for (int i = 0; args[i] && i < 22; i++)
		argv[i + 1] = args[i];
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fo, 1);
		dup2(fe, 2);
		child_setup(o);
		char *envv[] = { "LANG=C.UTF-8", "PATH=/usr/bin:/bin", (char *)o->env, NULL };
		execve(argv[0], (char *const *)argv, envv);
		_exit(127);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	runbin_slurp(out, r->out, sizeof r->out);
	runbin_slurp(err, r->err, sizeof r->err);
	unlink(out);
	unlink(err);
}

void runbin_listing(const char *dir, char *out, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t o = 0;
	out[0] = 0;
	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			o += (size_t)snprintf(out + o, n - o, "%s\n", de->d_name);
	if (d)
		closedir(d);
}

void runbin_demo(const char *path)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "JIANCE_TODAY=2026-05-20 '%s' --db '%s' demo --households 300"
	         " --seed 7 >/dev/null 2>&1", runbin_path(), path);
	assert_int_equal(system(cmd), 0);
}
