/* `jiance check`: the database's integrity, then the count of every policy
 * flag in the officer's area, one line each.  Flags are work to do, not
 * errors: the exit status is 0 unless the database itself is damaged. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "register/flags.h"
#include "register/income_round.h"
#include "flow/contradictions.h"
#include "flow/todo.h"
#include "flow/worklist.h"

static void report(void *arg, const char *line)
{
	int *n = arg;
	if ((*n)++ == 0)
		printf("数据库完整性：发现问题\n");
	printf("  %s\n", line);
}

static void contradiction(void *arg, const char *what, int64_t n)
{
	(void)arg;
	printf("  %s：%" PRId64 "条\n", what, n);
}

/* The year being collected (December's income collection): how many are
 * at or below its line, among those whose income is recorded. */
static void income_line(struct cli *c, int year)
{
	int64_t recorded = 0, below = income_below_line_count(&c->ses, year, &recorded);
	int yuan = config_line(&c->cfg, year);
	if (yuan <= 0) {
		printf("  %d年收入：配置中没有这一年的监测范围\n", year);
		return;
	}
	printf("  %d年人均纯收入不高于监测范围（%d元）的监测户：%" PRId64 "户（已登记%d年收入%" PRId64
	       "户）\n", year, yuan, below, year, recorded);
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
		flag_describe(&c->cfg, (enum flag)(1 << i), what, sizeof what);
		printf("  %s：%" PRId64 "户\n", what, counts[i]);
	}
	int y, m, d;
	date_to_ymd(clock_today(), &y, &m, &d);
	printf("  本月待走访（本月尚未走访）的监测户：%" PRId64 "户\n",
	       visit_due_count(&c->ses, 0, 0, date_from_ymd(y, m, 1)));
	income_line(c, income_round_year(clock_today()));
	printf("  逾期未核实（%d个工作日）或识别超期的风险线索：%" PRId64 "条\n",
	       c->cfg.lead_verify_workdays, todo_overdue_leads_count(&c->ses));
	printf("与规则不符的记录（保存时已拒绝，此处查历史和导入的数据）：\n");
	if (contradictions_each(&c->ses, contradiction, NULL) != 0)
		return cli_fail("check", "无法检查记录: %s", store_errmsg(c->db));
	return problems ? 1 : 0;
}
