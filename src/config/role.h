/* Officer roles (SPEC §1).  Stored as text (village | township | county |
 * admin) in the officers table and in the configuration's role lists;
 * compared everywhere else as this enum.  role_from_text/role_text are the
 * only conversion, used where rows and settings are read and written. */
#ifndef JIANCE_ROLE_H
#define JIANCE_ROLE_H

enum role {
	ROLE_NONE,            /* no officer (the system's own session) */
	ROLE_VILLAGE,
	ROLE_TOWNSHIP,
	ROLE_COUNTY,
	ROLE_ADMIN,
	ROLE_COUNT
};

/* 0 with *out set, or -1 when text names no role ("" included). */
int role_from_text(const char *text, enum role *out);
/* The stored text: "village" …; "" for ROLE_NONE or a value out of range. */
const char *role_text(enum role r);
/* The officer's word for it: 村级、乡镇、县级、系统管理员. */
const char *role_label(enum role r);

#endif
