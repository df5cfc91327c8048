#include "store/errlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/stderr_sink.h"

static int log_fd = -1;
static int quiet;
static char who[64] = "?";

int errlog_open(const char *path, const char *login, struct jerr *e)
{
	/* O_NONBLOCK: a FIFO planted at the path fails here instead of
	 * blocking the program until someone reads it */
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
	              0600);
	if (fd < 0)
		return jerr_set(e, "", "无法打开日志文件 %s: %s", path,
		                errno == ELOOP ? "是符号链接" : strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_uid != geteuid()) {
		close(fd);
		return jerr_set(e, "", "无法打开日志文件 %s: 不是本账号的普通文件", path);
	}
	errlog_close();
	log_fd = fd;
	stderr_sink_set(fd);      /* libraries' complaints while the console runs */
	snprintf(who, sizeof who, "%s", login && *login ? login : "?");
	return 0;
}

void errlog_close(void)
{
	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
	stderr_sink_set(-1);
}

void errlog_quiet(int q) { quiet = q; }

void errlog_write(const char *file, int line, const char *fmt, ...)
{
	int fd = log_fd >= 0 ? log_fd : quiet ? -1 : STDERR_FILENO;
	if (fd < 0)
		return;
	char buf[1024];
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	size_t n = strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S ", &tm);
	n += (size_t)snprintf(buf + n, sizeof buf - n, "%s[%ld] %s:%d: ", who, (long)getpid(),
	                      file, line);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof buf - n, fmt, ap);
	va_end(ap);
	n = strlen(buf);
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')
			buf[i] = ' ';
	if (n == sizeof buf - 1) {   /* cut: room for the newline, whole characters */
		n--;
		while (n > 0 && ((unsigned char)buf[n] & 0xc0) == 0x80)
			n--;
	}
	buf[n++] = '\n';
	/* one write: O_APPEND keeps lines of several processes whole */
	ssize_t w = write(fd, buf, n);
	(void)w;              /* nowhere left to report a failed report */
}
