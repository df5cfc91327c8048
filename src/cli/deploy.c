#include "cli/deploy.h"

#include <stdio.h>
#include <string.h>

void deploy_dir_of(const char *db_path, char *out, size_t n)
{
	const char *slash = strrchr(db_path, '/');
	if (!slash)
		snprintf(out, n, ".");
	else if (slash == db_path)
		snprintf(out, n, "/");
	else
		snprintf(out, n, "%.*s", (int)(slash - db_path), db_path);
}
