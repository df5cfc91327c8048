#include "access/draft_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/outfile.h"
#include "base/privs.h"

#define MAGIC "jiance-draft 1"
#define FILE_MAX (DRAFT_MAX + 1024)   /* the payload and its header */

/* Creates each missing folder of path, private to the officer. */
static int make_dirs(char *path)
{
	for (char *slash = strchr(path + 1, '/');; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = 0;
		int rc = mkdir(path, 0700), err = errno;
		if (slash)
			*slash = '/';
		if (rc != 0 && err != EEXIST)
			return -1;
		if (!slash)
			return 0;
	}
}

/* The folder, made if asked; -1 when there is none fit for private
 * drafts (not a folder of this account's own, or open to others). */
static int draft_dir(char *out, size_t n, int create)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	struct passwd *pw = getpwuid(getuid());
	int w;
	if (xdg && xdg[0] == '/')
		w = snprintf(out, n, "%s/jiance/drafts", xdg);
	else if (pw && pw->pw_dir[0] == '/')
		w = snprintf(out, n, "%s/.local/state/jiance/drafts", pw->pw_dir);
	else
		return -1;
	if (w < 0 || (size_t)w >= n)
		return -1;
	struct stat sb;
	if (create && make_dirs(out) != 0)
		return -1;
	if (lstat(out, &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != getuid())
		return -1;
	if ((sb.st_mode & 077) && chmod(out, 0700) != 0)
		return -1;
	return 0;
}

/* Letters, digits and ._- as they are, anything else as %XX, so a
 * name never holds a slash and '~' can separate its parts. */
static void enc(const char *s, char *out, size_t n)
{
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 4 < n; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("._-", *p))
			out[o++] = (char)*p;
		else
			o += (size_t)snprintf(out + o, n - o, "%%%02X", *p);
	}
	out[o] = 0;
}

static int file_path(const char *dir, const char *login, const char *screen, const char *key,
                     char *out, size_t n)
{
	char l[200], s[200], k[260];
	enc(login, l, sizeof l);
	enc(screen, s, sizeof s);
	enc(key, k, sizeof k);
	int w = snprintf(out, n, "%s/%s~%s~%s.draft", dir, l, s, k);
	return w > 0 && (size_t)w < n ? 0 : -1;
}

/* One header line: name=value with no newline inside the value. */
static void header(FILE *f, const char *name, const char *value)
{
	fprintf(f, "%s=", name);
	for (const char *p = value ? value : ""; *p; p++)
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
	fputc('\n', f);
}

int draft_file_save(const char *login, const char *screen, const char *key, const char *title,
                    const char *payload, struct jerr *e)
{
	char dir[PATH_MAX], path[PATH_MAX + 600], when[20];
	time_t now = time(NULL);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&now));
	privs_user_begin();
	int rc = draft_dir(dir, sizeof dir, 1);
	privs_user_end();
	if (rc != 0 || file_path(dir, login, screen, key, path, sizeof path) != 0)
		return jerr_set(e, "", "数据库暂时不能写入，个人目录也无法保存草稿");
	struct outfile o;
	if (outfile_open(&o, path, OUTFILE_REPLACE, e) != 0)
		return -1;
	fprintf(o.f, "%s\n", MAGIC);
	header(o.f, "screen", screen);
	header(o.f, "key", key);
	header(o.f, "title", title);
	header(o.f, "saved_at", when);
	fprintf(o.f, "\n%s", payload ? payload : "");
	return outfile_commit(&o, e);
}

/* The whole file, if it is a regular file of this account's; its length or -1. */
static long read_private(int dirfd, const char *name, char *buf, size_t n)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat sb;
	if (fd < 0)
		return -1;
	long got = -1;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == getuid()) {
		ssize_t r = read(fd, buf, n - 1);
		got = r;
		if (r >= 0)
			buf[r] = 0;
	}
	close(fd);
	return got;
}

/* Splits a file into its header fields and payload; -1 if it is not one. */
static int parse(char *buf, struct draft *d, const char **payload)
{
	memset(d, 0, sizeof *d);
	char *body = strstr(buf, "\n\n");
	if (strncmp(buf, MAGIC "\n", sizeof MAGIC) != 0 || !body)
		return -1;
	*body = 0;
	*payload = body + 2;
	for (char *line = buf + sizeof MAGIC; line && *line;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		char *eq = strchr(line, '=');
		if (eq) {
			*eq++ = 0;
			if (!strcmp(line, "screen")) snprintf(d->screen, sizeof d->screen, "%s", eq);
			else if (!strcmp(line, "key")) snprintf(d->key, sizeof d->key, "%s", eq);
			else if (!strcmp(line, "title")) snprintf(d->title, sizeof d->title, "%s", eq);
			else if (!strcmp(line, "saved_at")) snprintf(d->saved_at, sizeof d->saved_at, "%s", eq);
		}
		line = next;
	}
	return d->screen[0] ? 0 : -1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of login's drafts in the folder, sorted; how many (n max). */
static int list_names(DIR *dir, const char *login, char **names, int max)
{
	char prefix[220];
	enc(login, prefix, sizeof prefix - 1);
	strcat(prefix, "~");
	int n = 0;
	struct dirent *de;
	while (n < max && (de = readdir(dir))) {
		size_t len = strlen(de->d_name);
		if (!strncmp(de->d_name, prefix, strlen(prefix)) && len > 6 &&
		    !strcmp(de->d_name + len - 6, ".draft"))
			names[n++] = strdup(de->d_name);
	}
	qsort(names, (size_t)n, sizeof *names, by_name);
	return n;
}

#define EACH_MAX 64

void draft_file_each(const char *login,
                     int (*fn)(void *arg, const struct draft *d, const char *payload), void *arg)
{
	char dirpath[PATH_MAX], *names[EACH_MAX];
	privs_user_begin();
	DIR *dir = draft_dir(dirpath, sizeof dirpath, 0) == 0 ? opendir(dirpath) : NULL;
	int n = dir ? list_names(dir, login, names, EACH_MAX) : 0;
	char *buf = n ? malloc(FILE_MAX) : NULL;
	for (int i = 0; i < n; i++) {
		struct draft d;
		const char *payload;
		if (buf && read_private(dirfd(dir), names[i], buf, FILE_MAX) >= 0 &&
		    parse(buf, &d, &payload) == 0) {
			privs_user_end();
			int taken = fn(arg, &d, payload);
			privs_user_begin();
			if (taken)
				unlinkat(dirfd(dir), names[i], 0);
		}
		free(names[i]);
	}
	free(buf);
	if (dir)
		closedir(dir);
	privs_user_end();
}

int draft_file_load(const char *login, const char *screen, const char *key, char *out, size_t n)
{
	char dir[PATH_MAX], path[PATH_MAX + 600];
	int found = 0;
	privs_user_begin();
	char *buf = malloc(FILE_MAX);
	if (buf && draft_dir(dir, sizeof dir, 0) == 0 &&
	    file_path(dir, login, screen, key, path, sizeof path) == 0 &&
	    read_private(AT_FDCWD, path, buf, FILE_MAX) >= 0) {
		struct draft d;
		const char *payload;
		if (parse(buf, &d, &payload) == 0) {
			snprintf(out, n, "%s", payload);
			found = 1;
		}
	}
	free(buf);
	privs_user_end();
	return found;
}

void draft_file_remove(const char *login, const char *screen, const char *key)
{
	char dir[PATH_MAX], path[PATH_MAX + 600];
	privs_user_begin();
	if (draft_dir(dir, sizeof dir, 0) == 0 &&
	    file_path(dir, login, screen, key, path, sizeof path) == 0)
		unlink(path);
	privs_user_end();
}
