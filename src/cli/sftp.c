/* Files reach the officer over the same SSH connection (issue 13).  With
 * `ForceCommand jiance` sshd runs jiance for every session of an officer,
 * also for the SFTP subsystem their client (WinSCP, FileZilla, sftp)
 * asks for: SSH_ORIGINAL_COMMAND then names the server sshd would have
 * run.  jiance runs it as the officer alone, the program's group given up,
 * in the officer's home: they fetch their exports and PDFs (written there,
 * theirs, 0600) and bring warning lists to import, with exactly their own
 * rights, never the database's.  No shell is run. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/privs.h"
#include "cli/cli.h"

#define SFTP_SERVER "/usr/lib/openssh/sftp-server"

int cli_sftp_requested(void)
{
	const char *cmd = getenv("SSH_ORIGINAL_COMMAND");
	if (!cmd)
		return 0;
	size_t word = strcspn(cmd, " \t");
	const char *slash = memrchr(cmd, '/', word);
	const char *name = slash ? slash + 1 : cmd;
	size_t len = word - (size_t)(name - cmd);
	return (len == 13 && !strncmp(name, "internal-sftp", 13)) ||
	       (len == 11 && !strncmp(name, "sftp-server", 11));
}

int cli_run_sftp(void)
{
	struct passwd *pw = getpwuid(getuid());
	if (privs_drop() != 0 || !pw || chdir(pw->pw_dir) != 0) {
		fprintf(stderr, "jiance: 无法为 SFTP 准备（放弃程序的组权限或进入主目录失败）\n");
		return 1;
	}
	char *argv[] = { "sftp-server", NULL };
	char *envv[] = { NULL };
	execve(SFTP_SERVER, argv, envv);
	fprintf(stderr, "jiance: 无法运行 %s: %s（请系统管理员安装 openssh-sftp-server）\n", SFTP_SERVER,
	        strerror(errno));
	return 1;
}
