/* The log of internal errors (store/errlog.h) at the configured log.path,
 * opened before the console or a subcommand starts: a path that does not
 * work is said once, on stderr, while stderr is still the terminal's. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/privs.h"
#include "cli/cli.h"
#include "store/errlog.h"

/* log.path with its leading ~/ and each {login} put in for this account;
 * -1 if the result does not fit. */
static int expand(const char *pattern, const struct passwd *pw, char *out, size_t n)
{
	static const char key[] = "{login}";
	size_t len = 0;
	const char *p = pattern;
	out[0] = 0;
	if (!strncmp(p, "~/", 2)) {
		len = (size_t)snprintf(out, n, "%s/", pw->pw_dir);
		p += 2;
	}
	while (*p && len < n) {
		const char *at = strstr(p, key);
		size_t lit = at ? (size_t)(at - p) : strlen(p);
		len += (size_t)snprintf(out + len, n - len, "%.*s%s", (int)lit, p,
		                        at ? pw->pw_name : "");
		p += lit + (at ? sizeof key - 1 : 0);
	}
	return len < n ? 0 : -1;
}

/* Creates the missing directories above the file, private to the officer. */
static int make_dirs(char *path, struct jerr *e)
{
	for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = 0;
		int rc = mkdir(path, 0700);
		int err = errno;
		*slash = '/';
		if (rc != 0 && err != EEXIST)
			return jerr_set(e, "", "无法创建日志目录 %.*s: %s", (int)(slash - path), path,
			                strerror(err));
	}
	return 0;
}

void cli_log_start(struct cli *c, int console)
{
	errlog_quiet(console);   /* stderr is the console's screen */
	if (!c->cfg.log_path[0])
		return;
	struct jerr e = { 0 };
	struct passwd *pw = getpwuid(getuid());
	char path[1024], who[160];
	if (!pw)
		jerr_set(&e, "", "无法确定当前系统账号（uid %d）", (int)getuid());
	else if (expand(c->cfg.log_path, pw, path, sizeof path) != 0)
		jerr_set(&e, "", "日志路径太长: %s", c->cfg.log_path);
	privs_user_begin();   /* the officer's own file, not the program's group's */
	if (!e.msg[0] && make_dirs(path, &e) == 0) {
		if (c->as_login)
			snprintf(who, sizeof who, "%s(--as %s)", pw->pw_name, c->as_login);
		else
			snprintf(who, sizeof who, "%s", pw->pw_name);
		errlog_open(path, who, &e);
	}
	privs_user_end();
	if (e.msg[0])
		fprintf(stderr, "jiance: %s；%s\n", e.msg,
		        console ? "本次不记录内部错误" : "内部错误写到标准错误");
}
