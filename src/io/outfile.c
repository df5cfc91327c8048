#include "io/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/privs.h"

/* A new file of the officer's own (their group, not the program's), 0600,
 * never through a name that exists already, a link included. */
static int open_new(const char *path)
{
	privs_user_begin();
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int err = errno;
	privs_user_end();
	errno = err;
	return fd;
}

FILE *outfile_create(const char *path, struct jerr *e)
{
	int fd = open_new(path);
	if (fd < 0) {
		jerr_set(e, "", "无法创建文件 %s：%s", path,
		         errno == EEXIST ? "文件已存在" : strerror(errno));
		return NULL;
	}
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		close(fd);
		unlink(path);
		jerr_set(e, "", "无法创建文件 %s：%s", path, strerror(errno));
	}
	return f;
}

/* Length of source without its spreadsheet ending and an earlier .TAG(-N). */
static size_t stem_len(const char *source, const char *tag)
{
	static const char *const ends[] = { ".csv", ".xlsx", ".xls", ".txt", NULL };
	size_t n = strlen(source);
	for (int i = 0; ends[i]; i++) {
		size_t k = strlen(ends[i]);
		if (n > k && !strcasecmp(source + n - k, ends[i])) {
			n -= k;
			break;
		}
	}
	size_t d = n;
	while (d > 0 && source[d - 1] >= '0' && source[d - 1] <= '9')
		d--;
	if (d < n && d > 0 && source[d - 1] == '-')
		d--;                       /* "-2" */
	else
		d = n;
	size_t t = strlen(tag);
	if (d > t + 1 && source[d - t - 1] == '.' && !strncmp(source + d - t, tag, t))
		return d - t - 1;
	return n;
}

FILE *outfile_next(const char *source, const char *tag, char *path, size_t n, struct jerr *e)
{
	int stem = (int)stem_len(source, tag);
	for (int i = 1; i < 1000; i++) {
		char num[16] = "";
		if (i > 1)
			snprintf(num, sizeof num, "-%d", i);
		if ((size_t)snprintf(path, n, "%.*s.%s%s.csv", stem, source, tag, num) >= n) {
			jerr_set(e, "", "文件名太长");
			return NULL;
		}
		int fd = open_new(path);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0) {
			jerr_set(e, "", "无法创建文件 %s：%s", path, strerror(errno));
			return NULL;
		}
		FILE *f = fdopen(fd, "wb");
		if (!f) {
			close(fd);
			unlink(path);
			jerr_set(e, "", "无法创建文件 %s：%s", path, strerror(errno));
		}
		return f;
	}
	jerr_set(e, "", "%.*s 旁边已有太多 .%s 文件，请先清理", stem, source, tag);
	return NULL;
}
