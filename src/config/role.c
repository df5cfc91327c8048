#include "config/role.h"

#include <string.h>

static const struct { const char *text, *label; } roles[ROLE_COUNT] = {
	[ROLE_NONE] = { "", "" },
	[ROLE_VILLAGE] = { "village", "村级" },
	[ROLE_TOWNSHIP] = { "township", "乡镇" },
	[ROLE_COUNTY] = { "county", "县级" },
	[ROLE_ADMIN] = { "admin", "系统管理员" },
};

int role_from_text(const char *text, enum role *out)
{
	for (int r = ROLE_VILLAGE; text && r < ROLE_COUNT; r++)
		if (!strcmp(roles[r].text, text)) {
			*out = (enum role)r;
			return 0;
		}
	return -1;
}

const char *role_text(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].text : "";
}

const char *role_label(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].label : "";
}
