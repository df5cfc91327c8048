#include "store/waiters.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct waiters {
	int fd;
	int said, checkpointing;
};

enum { WAITING, CHECKPOINTING };   /* the byte of each lock */

/* Made by whichever officer's process comes first, so its mode is the
 * database's (0660 on a county server), not that officer's umask: every
 * other officer's process, another uid of the same group, must open it. */
static int open_beside(const char *db_path)
{
	char path[600];
	struct stat db;
	if (snprintf(path, sizeof path, "%s-wait", db_path) >= (int)sizeof path ||
	    stat(db_path, &db) != 0)
		return -1;
	int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC;
	int fd = open(path, flags | O_CREAT | O_EXCL, db.st_mode & 0666);
	if (fd >= 0)
		fchmod(fd, db.st_mode & 0666);
	else if (errno == EEXIST)
		fd = open(path, flags);
	return fd;
}

struct waiters *waiters_open(const char *db_path)
{
	int fd = db_path && *db_path ? open_beside(db_path) : -1;
	struct waiters *w = fd >= 0 ? calloc(1, sizeof *w) : NULL;
	if (!w) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	w->fd = fd;
	return w;
}

void waiters_close(struct waiters *w)
{
	if (w) {
		close(w->fd);
		free(w);
	}
}

static int lock(struct waiters *w, int cmd, short type, int byte)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = byte, .l_len = 1 };
	int rc = fcntl(w->fd, cmd, &fl);
	return rc == 0 && cmd == F_OFD_GETLK ? fl.l_type != F_UNLCK : rc;
}

void waiters_say(struct waiters *w, int on)
{
	if (w && w->said != on && lock(w, F_OFD_SETLK, on ? F_RDLCK : F_UNLCK, WAITING) == 0)
		w->said = on;
}

int waiters_any(struct waiters *w)
{
	return w && lock(w, F_OFD_GETLK, F_WRLCK, WAITING) == 1;
}

void waiters_let_pass(struct waiters *w, int max_ms)
{
	struct timespec ms = { 0, 1000000L };
	for (int i = 0; i < max_ms && waiters_any(w); i++)
		nanosleep(&ms, NULL);
}

void waiters_checkpointing(struct waiters *w, int on)
{
	if (w && w->checkpointing != on &&
	    lock(w, F_OFD_SETLK, on ? F_RDLCK : F_UNLCK, CHECKPOINTING) == 0)
		w->checkpointing = on;
}

int waiters_someone_checkpoints(struct waiters *w)
{
	return w && lock(w, F_OFD_GETLK, F_WRLCK, CHECKPOINTING) == 1;
}
