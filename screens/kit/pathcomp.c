#include "kit/pathcomp.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/privs.h"

void pathcomp_expand(const char *typed, char *out, size_t n)
{
	const char *home = getenv("HOME");
	if (typed[0] == '~' && (typed[1] == '/' || typed[1] == 0) && home && *home)
		snprintf(out, n, "%s%s%s", home, typed[1] ? "" : "/", typed + 1);
	else
		snprintf(out, n, "%s", typed);
}

void pathcomp_free(struct pathcomp *list)
{
	if (!list)
		return;
	for (int i = 0; i < list->nkept; i++)
		free(list->names[i]);
	free(list->names);
	memset(list, 0, sizeof *list);
}

/* The part of a and b they share, never ending inside a UTF-8 character:
 * 张 and 式 share their first two bytes, which are no text of their own. */
static size_t common_prefix(const char *a, const char *b)
{
	size_t i = 0;
	while (a[i] && a[i] == b[i])
		i++;
	while (i > 0 && ((unsigned char)a[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static int is_dir(const char *dir, const char *name)
{
	char path[4096 + 260];     /* a directory and one entry's name */
	struct stat st;
	snprintf(path, sizeof path, "%s%s", dir, name);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void keep(struct pathcomp *list, const char *name, int dir)
{
	if (!list || list->nkept >= PATHCOMP_KEEP)
		return;
	if (!list->names && !(list->names = calloc(PATHCOMP_KEEP, sizeof *list->names)))
		return;
	size_t len = strlen(name);
	char *copy = malloc(len + 2);
	if (!copy)
		return;
	memcpy(copy, name, len);
	copy[len] = dir ? '/' : 0;
	copy[len + 1] = 0;
	list->names[list->nkept++] = copy;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct scan {
	char best[1024];      /* common prefix of the matches so far */
	long n;
	int single_dir;       /* the only match is a directory */
};

static int scan_dir(const char *dir, const char *part, struct scan *sc, struct pathcomp *list)
{
	DIR *d = opendir(*dir ? dir : ".");
	if (!d)
		return -1;
	size_t plen = strlen(part);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		const char *name = de->d_name;
		if (!strcmp(name, ".") || !strcmp(name, "..") || strncmp(name, part, plen) != 0)
			continue;
		if (name[0] == '.' && part[0] != '.')
			continue;     /* hidden, as in a shell */
		int dir_entry = is_dir(*dir ? dir : "./", name);
		if (sc->n++ == 0)
			snprintf(sc->best, sizeof sc->best, "%s", name);
		else
			sc->best[common_prefix(sc->best, name)] = 0;
		sc->single_dir = sc->n == 1 && dir_entry;
		keep(list, name, dir_entry);
	}
	closedir(d);
	return 0;
}

long pathcomp_complete(const char *typed, char *out, size_t n, struct pathcomp *list)
{
	char path[4096], dir[4096];
	pathcomp_expand(typed, path, sizeof path);
	if (list)
		memset(list, 0, sizeof *list);
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	snprintf(dir, sizeof dir, "%.*s", (int)dlen, path);
	struct scan sc = { "", 0, 0 };
	/* the officer's own view of the folders, not the program's group's */
	privs_user_begin();
	int rc = scan_dir(dir, path + dlen, &sc, list);
	privs_user_end();
	if (rc != 0) {
		snprintf(out, n, "%s", typed);
		return -1;
	}
	if (list)
		list->n = sc.n;
	if (list && list->nkept > 1)
		qsort(list->names, (size_t)list->nkept, sizeof *list->names, by_name);
	if (sc.n == 0) {
		snprintf(out, n, "%s", typed);
		return 0;
	}
	snprintf(out, n, "%s%s%s", dir, sc.best, sc.single_dir ? "/" : "");
	return sc.n;
}
