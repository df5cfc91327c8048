#include "base/zmodem.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "base/privs.h"

/* The file is checked as the officer, so the answer is theirs: the
 * program's group never lends them a file they could not read. */
static int readable_as_officer(const char *path, struct jerr *e)
{
	privs_user_begin();
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	int err = errno;
	struct stat sb;
	int regular = fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
	privs_user_end();
	if (fd >= 0)
		close(fd);
	if (fd < 0 && err == ELOOP)
		return jerr_set(e, "", "无法读取 %s：它是一个链接，不会跟随", path);
	if (fd < 0 && (err == EACCES || err == EPERM))
		return jerr_set(e, "", "无法读取 %s：您没有读它的权限", path);
	if (fd < 0 && err == ENOENT)
		return jerr_set(e, "", "无法读取 %s：没有这个文件", path);
	if (fd < 0)
		return jerr_set(e, "", "无法读取 %s：%s", path, strerror(err));
	if (!regular)
		return jerr_set(e, "", "%s 不是普通文件，不能发送", path);
	return 0;
}

/* In the child: sz alone on the terminal, as the officer, with a
 * fresh environment (nothing of the caller's reaches it) and the
 * default signal dispositions the console had changed. */
static void child(const char *path)
{
	if (privs_drop() != 0)
		_exit(126);
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	/* stderr stays where the console keeps it (the log): what sz says
	 * there ("Transfer complete") would otherwise go down the line in the
	 * middle of the protocol, where the receiver reads it instead of the
	 * closing "OO" and answers with ZFINs that then arrive as keys */
	/* -b: exact bytes; -e: escape control characters, which some SSH
	 * clients and terminal multiplexers would otherwise eat */
	char *argv[] = { "sz", "-b", "-e", "--", (char *)path, NULL };
	char *envv[] = { "LANG=C.UTF-8", NULL };
	execve(ZMODEM_SZ, argv, envv);
	_exit(127);
}

/* The receiver's last protocol bytes (a repeated ZFIN, "OO") can arrive
 * after sz has gone: read now, they would be the console's keys (a '*',
 * a 'B', digits typed into a form), and over a slow line or a busy
 * server they come late.  Discarded until the line has been quiet for a
 * second, at most five: nobody types the moment a file arrives. */
static void drain_input(void)
{
	char buf[512];
	struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };
	for (int spent = 0; spent < 5000; spent += 1000)
		if (poll(&in, 1, 1000) <= 0 || read(STDIN_FILENO, buf, sizeof buf) <= 0)
			break;
	tcflush(STDIN_FILENO, TCIFLUSH);
}

/* sz puts the line back as it found it when it ends; found cooked, the
 * receiver's last bytes would be echoed back to it (it answers its own
 * echo) and held for a newline.  So it finds the line raw and silent, and
 * the caller's mode comes back only once the line is quiet. */
static int line_raw(struct termios *was)
{
	if (tcgetattr(STDIN_FILENO, was) != 0)
		return 0;
	struct termios raw = *was;
	cfmakeraw(&raw);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
	return 1;
}

static int run_sz(const char *path, struct jerr *e)
{
	pid_t pid = fork();
	if (pid < 0)
		return jerr_set(e, "", "无法开始发送：%s", strerror(errno));
	if (pid == 0)
		child(path);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return jerr_set(e, "", "发送状态不明：%s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 126)
		return jerr_set(e, "", "无法放弃 jiance 组的权限，未发送");
	return jerr_set(e, "", "未发送完：终端没有接收（它须支持 ZMODEM，如 Xshell、SecureCRT），"
	                "或已取消；可用 SFTP 取文件");
}

int zmodem_send(const char *path, struct jerr *e)
{
	if (access(ZMODEM_SZ, X_OK) != 0)
		return jerr_set(e, "", "服务器上没有 ZMODEM 发送程序 %s（请系统管理员安装 lrzsz），"
		                "可用 SFTP 取文件", ZMODEM_SZ);
	if (readable_as_officer(path, e) != 0)
		return -1;
	struct termios was;
	int tty = line_raw(&was);
	int rc = run_sz(path, e);
	drain_input();
	if (tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &was);
	return rc;
}
