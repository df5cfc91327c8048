#include "base/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/privs.h"

/* O_NONBLOCK: opening a FIFO with no writer returns at once instead of
 * waiting for one; it is cleared again for the reads. */
static int open_checked(const char *path, struct jerr *e)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;
		if (err == ENXIO)    /* a FIFO without writer, on some systems */
			return jerr_set(e, "", "%s 不是普通文件（是管道），不能导入", path);
		return jerr_set(e, "", "无法打开文件 %s: %s", path, strerror(err));
	}
	struct stat sb;
	const char *what = NULL;
	if (fstat(fd, &sb) != 0)
		what = "无法读取其属性";
	else if (S_ISDIR(sb.st_mode))
		what = "是文件夹";
	else if (S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode))
		what = "是管道";
	else if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode))
		what = "是设备";
	else if (!S_ISREG(sb.st_mode))
		what = "不是普通文件";
	if (what) {
		close(fd);
		return jerr_set(e, "", "%s 不是普通文件（%s），不能导入", path, what);
	}
	if (sb.st_size > INFILE_MAX_BYTES) {
		close(fd);
		return jerr_set(e, "", "文件 %s 有 %lld MB，超过 %ld MB，不能导入；请分成几个文件", path,
		                (long long)(sb.st_size >> 20), INFILE_MAX_BYTES >> 20);
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

FILE *infile_open(const char *path, struct jerr *e)
{
	privs_user_begin();
	int fd = open_checked(path, e);
	privs_user_end();
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		jerr_set(e, "", "无法打开文件 %s", path);
	}
	return f;
}
