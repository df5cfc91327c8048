/* In an installed (setgid) jiance the environment is the officer's, and
 * the libraries under jiance read their own variables: ICU_DATA,
 * FONTCONFIG_FILE, PANGO_*, CAIRO_*, G_DEBUG, GIO_* and more open files or
 * change behaviour with the program's group in effect.  glibc's secure
 * mode removes the loader's variables and a few of its own, not these.
 * So an officer's run keeps only what jiance and the terminal need
 * (SPEC §11: never trust the environment of someone who is not root). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/privs.h"
#include "cli/cli.h"

extern char **environ;

static const char *const kept_names[] = {
	"HOME", "LOGNAME", "USER", "PATH", "TERM", "COLORTERM", "NO_COLOR", "LINES", "COLUMNS",
	"LANG", "LANGUAGE", "TZ", "XDG_STATE_HOME",
	"SSH_ORIGINAL_COMMAND", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY",
	NULL,
};
/* LC_* is the locale; JIANCE_* are refused or honoured by cli/trust.c */
static const char *const kept_prefixes[] = { "LC_", "JIANCE_", NULL };

static int kept(const char *entry)
{
	size_t name = strcspn(entry, "=");
	for (int i = 0; kept_names[i]; i++)
		if (strlen(kept_names[i]) == name && !strncmp(entry, kept_names[i], name))
			return 1;
	for (int i = 0; kept_prefixes[i]; i++)
		if (!strncmp(entry, kept_prefixes[i], strlen(kept_prefixes[i])))
			return 1;
	return 0;
}

void cli_scrub_environment(void)
{
	if (!privs_setgid() || getuid() == 0 || !environ)
		return;
	int n = 0;
	while (environ[n])
		n++;
	char **keep = calloc((size_t)n + 1, sizeof *keep);
	if (!keep)
		abort();          /* never go on with an environment not looked at */
	int k = 0;
	for (int i = 0; i < n; i++)
		if (kept(environ[i]) && strchr(environ[i], '=') && (keep[k] = strdup(environ[i])))
			k++;
	clearenv();
	for (int i = 0; i < k; i++)
		putenv(keep[i]);  /* the environment owns the copies from here on */
	free(keep);
}
