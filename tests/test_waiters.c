/* The DB-wait file (store/waiters.h): a writer waiting for the lock is
 * seen by another open of the file, and not after it stops waiting or its
 * process goes; the file is made with the database's mode whatever the
 * officer's umask, and a planted link is never followed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/waiters.h"

static char dir[64], db[96], side[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/jiance-waiters-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(db, sizeof db, "%s/county.db", dir);
	snprintf(side, sizeof side, "%s-wait", db);
	int fd = open(db, O_CREAT | O_WRONLY, 0600);
	if (fd < 0 || fchmod(fd, 0660) != 0)
		return -1;
	return close(fd);
}

static int teardown(void **state)
{
	(void)state;
	unlink(side);
	unlink(db);
	return rmdir(dir);
}

static void test_a_waiting_writer_is_seen_until_it_stops(void **state)
{
	(void)state;
	struct waiters *save = waiters_open(db), *import = waiters_open(db);
	assert_non_null(save);
	assert_non_null(import);
	assert_false(waiters_any(import));
	waiters_say(save, 1);
	assert_true(waiters_any(import));
	assert_false(waiters_any(save));   /* its own wait is not another's */
	waiters_say(save, 0);
	assert_false(waiters_any(import));
	waiters_let_pass(import, 100000);   /* nobody waits: returns at once */
	waiters_close(save);
	waiters_close(import);
}

static void test_a_dead_process_waits_no_more(void **state)
{
	(void)state;
	struct waiters *import = waiters_open(db);
	int go[2];
	assert_int_equal(pipe(go), 0);
	pid_t pid = fork();
	if (pid == 0) {
		struct waiters *save = waiters_open(db);
		waiters_say(save, 1);
		waiters_checkpointing(save, 1);
		char c = 1;
		if (write(go[1], &c, 1) != 1)
			_exit(1);
		pause();   /* killed while waiting */
		_exit(0);
	}
	char c;
	assert_int_equal(read(go[0], &c, 1), 1);
	assert_true(waiters_any(import));
	assert_true(waiters_someone_checkpoints(import));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	assert_false(waiters_any(import));
	assert_false(waiters_someone_checkpoints(import));
	close(go[0]);
	close(go[1]);
	waiters_close(import);
}

static void test_made_with_the_databases_mode(void **state)
{
	(void)state;
	mode_t old = umask(077);   /* an officer's narrow umask */
	struct waiters *w = waiters_open(db);
	umask(old);
	assert_non_null(w);
	struct stat sb;
	assert_int_equal(lstat(side, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0660);
	waiters_close(w);
}

static void test_a_planted_link_is_not_followed(void **state)
{
	(void)state;
	char target[160];
	snprintf(target, sizeof target, "%s/notes", dir);
	FILE *f = fopen(target, "w");
	assert_non_null(f);
	fputs("私人笔记", f);
	fclose(f);
	assert_int_equal(chmod(target, 0600), 0);
	assert_int_equal(symlink(target, side), 0);
	assert_null(waiters_open(db));   /* then nobody is told: saves wait as before */
	struct stat sb;
	assert_int_equal(stat(target, &sb), 0);
	assert_int_equal(sb.st_size, strlen("私人笔记"));
	assert_int_equal(sb.st_mode & 0777, 0600);
	unlink(target);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_waiting_writer_is_seen_until_it_stops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_dead_process_waits_no_more, setup, teardown),
		cmocka_unit_test_setup_teardown(test_made_with_the_databases_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_planted_link_is_not_followed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
