#include "base/stderr_sink.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int sink = -1;
static int saved = -1;    /* the terminal while held */

void stderr_sink_set(int fd) { sink = fd; }

int stderr_hold(void)
{
	if (saved >= 0)
		return 0;
	int to = sink >= 0 ? sink : open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (to < 0)
		return -1;
	fflush(stderr);
	saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	int rc = saved >= 0 && dup2(to, STDERR_FILENO) >= 0 ? 0 : -1;
	if (to != sink)
		close(to);
	if (rc != 0 && saved >= 0) {
		close(saved);
		saved = -1;
	}
	return rc;
}

void stderr_release(void)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	saved = -1;
}
