#include "config/department.h"

#include <stdio.h>
#include <string.h>

/* 1 if every character of want appears in have, in order: 医保 in
 * 医疗保障局, 人社 in 人力资源和社会保障局. */
static int in_order(const char *have, const char *want)
{
	while (*want) {
		size_t len = 1;
		while ((want[len] & 0xC0) == 0x80)
			len++;
		const char *at = have;
		while (*at && strncmp(at, want, len) != 0) {
			at++;
			while ((*at & 0xC0) == 0x80)
				at++;
		}
		if (!*at)
			return 0;
		have = at + len;
		want += len;
	}
	return 1;
}

static int fits(const char *name, const char *dept, int loose)
{
	return *dept && (loose ? in_order(name, dept) : strstr(name, dept) != NULL);
}

/* "可指 医保、卫健 等部门" for the departments name fits at this rule. */
static int several(const struct config *c, const char *name, int loose, struct jerr *e)
{
	char list[512] = "";
	size_t len = 0;
	for (int i = 0; i < c->ndepartments && len < sizeof list; i++)
		if (fits(name, c->departments[i], loose))
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? "、" : "",
			                        c->departments[i]);
	jerr_set(e, "department", "“%s”可指 %s 几个部门，请写明是哪一个", name, list);
	return -2;
}

int config_department(const struct config *c, const char *name, struct jerr *e)
{
	const char *n = name ? name : "";
	for (int i = 0; i < c->ndepartments; i++)
		if (!strcmp(c->departments[i], n))
			return i;
	for (int loose = 0; *n && loose < 2; loose++) {
		int found = -1, count = 0;
		for (int i = 0; i < c->ndepartments; i++)
			if (fits(n, c->departments[i], loose)) {
				found = i;
				count++;
			}
		if (count == 1)
			return found;
		if (count > 1)
			return several(c, n, loose, e);
	}
	jerr_set(e, "department", "“%s”不在配置的部门中", n);
	return -1;
}
