#include "base/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/privs.h"

const char *outfile_why(int err)
{
	if (err == ENOSPC || err == EFBIG || err == EDQUOT)
		return "磁盘已满";
	return strerror(err);
}

int outfile_taken(const char *path)
{
	struct stat sb;
	privs_user_begin();
	int rc = lstat(path, &sb) == 0;
	privs_user_end();
	return rc;
}

/* dir/.name.XXXXXX: hidden, and in the same directory so the rename
 * cannot cross file systems. */
static int temp_name(const char *path, char *out, size_t n)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (!*base)
		return -1;
	int dirlen = slash ? (int)(slash - path) + 1 : 0;
	int w = snprintf(out, n, "%.*s.%.150s.XXXXXX", dirlen, path, base);
	return w > 0 && (size_t)w < n ? 0 : -1;
}

int outfile_open(struct outfile *o, const char *path, enum outfile_mode mode, struct jerr *e)
{
	memset(o, 0, sizeof *o);
	o->fd = -1;
	o->mode = mode;
	if (snprintf(o->path, sizeof o->path, "%s", path) >= (int)sizeof o->path ||
	    temp_name(path, o->tmp, sizeof o->tmp) != 0)
		return jerr_set(e, "", "文件名无效或太长: %s", path);
	if (mode == OUTFILE_NEW && outfile_taken(path))
		return jerr_set(e, "", "文件 %s 已存在，不会覆盖；请换一个文件名", path);
	privs_user_begin();
	/* mkostemp: O_CREAT|O_EXCL, mode 0600 */
	o->fd = mkostemp(o->tmp, O_CLOEXEC);
	int err = errno;
	privs_user_end();
	if (o->fd < 0) {
		o->tmp[0] = 0;
		return jerr_set(e, "", "无法创建 %s: %s", path, strerror(err));
	}
	o->f = fdopen(o->fd, "wb");
	if (!o->f) {
		outfile_abort(o);
		return jerr_set(e, "", "无法写入 %s", path);
	}
	return 0;
}

const char *outfile_name(struct outfile *o)
{
	snprintf(o->byname, sizeof o->byname, "/proc/self/fd/%d", o->fd);
	return access(o->byname, W_OK) == 0 ? o->byname : o->tmp;
}

/* The name, never over anything for OUTFILE_NEW (renameat2 where the file
 * system has it, else a hard link, which also fails on an existing name). */
static int give_name(struct outfile *o)
{
	if (o->mode == OUTFILE_REPLACE)
		return rename(o->tmp, o->path);
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (link(o->tmp, o->path) != 0)
		return -1;
	unlink(o->tmp);
	return 0;
}

/* The directory's entry survives a power cut too. */
static void sync_dir(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + (slash == path) : 1,
	         slash ? path : ".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int outfile_commit(struct outfile *o, struct jerr *e)
{
	int err = 0;
	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		err = errno ? errno : EIO;
	if (!err && fsync(o->fd) != 0)
		err = errno;
	if (fclose(o->f) != 0 && !err)
		err = errno ? errno : EIO;
	o->f = NULL;
	o->fd = -1;
	if (err) {
		outfile_abort(o);
		return jerr_set(e, "", "写入 %s 失败（%s），没有留下文件", o->path, outfile_why(err));
	}
	privs_user_begin();
	int rc = give_name(o);
	err = errno;
	privs_user_end();
	if (rc != 0) {
		outfile_abort(o);
		if (err == EEXIST)
			return jerr_set(e, "", "文件 %s 已存在，不会覆盖；请换一个文件名", o->path);
		return jerr_set(e, "", "无法保存为 %s: %s", o->path, strerror(err));
	}
	o->tmp[0] = 0;
	sync_dir(o->path);
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->f)
		fclose(o->f);
	else if (o->fd >= 0)
		close(o->fd);
	o->f = NULL;
	o->fd = -1;
	if (o->tmp[0]) {
		privs_user_begin();
		unlink(o->tmp);
		privs_user_end();
		o->tmp[0] = 0;
	}
}
