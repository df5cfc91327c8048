/* `jiance check`: the database's integrity, then the count of every policy
 * flag in the officer's area, one line each.  Flags are work to do, not
 * errors: the exit status is 0 unless the database itself is damaged. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "register/flags.h"
#include "flow/todo.h"

static void report(void *arg, const char *line)
{
	int *n = arg;
	if ((*n)++ == 0)
		printf("数据库完整性：发现问题\n");
	printf("  %s\n", line);
}

/* what each flag means, with the configured numbers */
static void describe(const struct config *cfg, enum flag f, char *out, size_t n)
{
	switch (f) {
	case FLAG_NO_CONTACT:
		snprintf(out, n, "监测中或消除中、没有帮扶联系人的户");
		break;
	case FLAG_NO_MEASURE:
		snprintf(out, n, "纳入监测超过%d天仍没有帮扶措施的户", cfg->measure_grace_days);
		break;
	case FLAG_VISIT_OVERDUE:
		snprintf(out, n, "超过%d天未走访的户", cfg->visit_interval_days);
		break;
	case FLAG_RUN_OVERDUE:
		snprintf(out, n, "识别纳入超过%d天未办结的户", cfg->identification_deadline_days);
		break;
	case FLAG_NO_DEV_MEASURE:
		snprintf(out, n, "有劳动能力、监测满%d个月仍没有开发式帮扶措施的户",
		         cfg->min_months_before_elimination);
		break;
	}
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("check"), argc, argv))
		return 0;
	if (argc > 1)
		return cli_fail("check", "不认识的参数 “%s”（jiance check --help）", argv[1]);
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	int problems = 0;
	store_integrity(c->db, report, &problems);
	/* a table or trigger dropped behind the program's back (the audit's
	 * append-only trigger, the drafts) is damage too */
	store_schema_check(c->db, report, &problems);
	if (!problems)
		printf("数据库完整性：正常\n");
	int64_t counts[FLAG_COUNT];
	if (flags_count(&c->ses, counts) != 0)
		return cli_fail("check", "无法统计政策规则: %s", store_errmsg(c->db));
	printf("政策规则（%s）：\n", c->ses.me.area_name);
	for (int i = 0; i < FLAG_COUNT; i++) {
		char what[160];
		describe(&c->cfg, (enum flag)(1 << i), what, sizeof what);
		printf("  %s：%" PRId64 "户\n", what, counts[i]);
	}
	printf("  超过%d天未办结的风险线索：%" PRId64 "条\n", c->cfg.identification_deadline_days,
	       todo_overdue_leads_count(&c->ses));
	return problems ? 1 : 0;
}
