/* JIANCE_TODAY and JIANCE_SCHEMA_UPTO: the tests run the real binary on a
 * chosen day and build databases of an older schema with it.  Moving today
 * would let any officer pass the posting-day, six-month and no-future-date
 * rules, so both count only for whoever may also use --as: root, an admin
 * or the owner of the database file, or anyone for a database that does
 * not exist yet (init and demo create it; it will be theirs) unless the
 * program is installed setgid.  For everyone else they
 * are ignored with a notice, before the console takes the terminal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "access/officer.h"
#include "base/clock.h"
#include "base/privs.h"
#include "cli/cli.h"
#include "store/schema.h"

static int trusted(const char *db_path)
{
	struct stat sb;
	/* in an installation (setgid) a database that does not exist yet is
	 * root's to make (jiance setup): no exception there */
	return identity_trusted(db_path) ||
	       (!privs_setgid() && stat(db_path, &sb) != 0 && errno == ENOENT);
}

static int pin_today(const char *v)
{
	jday d = date_iso(v);
	if (d == JDAY_NONE) {
		fprintf(stderr, "jiance: JIANCE_TODAY 应为 YYYY-MM-DD 格式的日期，现为 “%s”\n", v);
		return -1;
	}
	clock_pin(d);
	return 0;
}

/* 0..schema_version: past it there is no migration to read. */
static int schema_upto(const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*v < '0' || *v > '9' || *end || n > schema_version) {
		fprintf(stderr, "jiance: JIANCE_SCHEMA_UPTO 应为 0 到 %d 之间的整数，现为 “%s”\n",
		        schema_version, v);
		return -1;
	}
	*out = (int)n;
	return 0;
}

int cli_test_hooks(struct cli *c)
{
	const char *today = getenv("JIANCE_TODAY"), *upto = getenv("JIANCE_SCHEMA_UPTO");
	int has_today = today && *today, has_upto = upto && *upto;
	if (!has_today && !has_upto)
		return 0;
	if (!trusted(c->db_path)) {
		fprintf(stderr, "jiance: 忽略 %s%s%s：测试用，只对 root、系统管理员或数据库文件的所有者有效\n",
		        has_today ? "JIANCE_TODAY" : "", has_today && has_upto ? " 和 " : "",
		        has_upto ? "JIANCE_SCHEMA_UPTO" : "");
		return 0;
	}
	if (has_today && pin_today(today) != 0)
		return -1;
	if (has_upto && schema_upto(upto, &c->schema_upto) != 0)
		return -1;
	c->old_schema = has_upto;
	return 0;
}
