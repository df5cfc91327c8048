#include "base/privs.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

static int depth, switched;
static gid_t program_gid;     /* the effective group while the officer's is in effect */

int privs_setgid(void)
{
	return getegid() != getgid() || switched;
}

void privs_user_begin(void)
{
	if (depth++ > 0 || getegid() == getgid())
		return;
	program_gid = getegid();
	switched = 1;
	/* a file made with the program's group would let every officer's
	 * process reach it: if the switch fails, nothing may go on */
	if (setegid(getgid()) != 0) {
		perror("jiance: setegid");
		abort();
	}
}

void privs_user_end(void)
{
	if (depth == 0 || --depth > 0 || !switched)
		return;
	if (setegid(program_gid) != 0) {
		perror("jiance: setegid");
		abort();
	}
	switched = 0;
}

int privs_drop(void)
{
	gid_t g = getgid();
	if (setresgid(g, g, g) != 0)
		return -1;
	switched = 0;
	return 0;
}

/* LeakSanitizer (make test-san) stops the program's threads through
 * ptrace, which a setgid process forbids (it is not dumpable), and then
 * fails the run: in such a process it stays off.  The deployment test
 * runs the sanitizer build setgid; unused outside sanitizer builds. */
__attribute__((weak)) int __lsan_is_turned_off(void);
__attribute__((weak)) int __lsan_is_turned_off(void)
{
	return prctl(PR_GET_DUMPABLE) == 0;
}
