/* `jiance upstream`: what still has to be keyed into the national system
 * (待录入国家系统), household by household, and marking entries as
 * entered once keyed. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "register/upstream.h"

#define PAGE 128

static void print_entry(const struct upstream_entry *u, int64_t *last_hh)
{
	if (u->household_id != *last_hh || !u->household_id) {
		printf("%s%s%s%s  %s  %s\n", u->hh_no, *u->nat_no ? "（国家系统 " : "", u->nat_no,
		       *u->nat_no ? "）" : "", u->head_name, u->village);
		*last_hh = u->household_id;
	}
	char line[2400];
	upstream_fields_line(u, line, sizeof line);
	printf("  [%" PRId64 "] %s %s：%s\n", u->id, u->on, u->what, line);
}

static int list(struct cli *c)
{
	struct upstream_entry *buf = malloc(PAGE * sizeof *buf);
	if (!buf)
		return cli_fail("upstream", "内存不足");
	int64_t last = -1, total = upstream_pending_count(&c->ses);
	printf("待录入国家系统（%s）：%" PRId64 "条\n", c->ses.me.area_name, total);
	for (int off = 0;; off += PAGE) {
		int n = upstream_pending(&c->ses, off, buf, PAGE);
		for (int i = 0; i < n; i++)
			print_entry(&buf[i], &last);
		if (n < PAGE)
			break;
	}
	free(buf);
	return 0;
}

static int parse_ids(int argc, char **argv, int64_t *ids, int *n, int *all)
{
	*n = 0;
	*all = 0;
	for (int i = 2; i < argc; i++) {
		char *end;
		long long v = strtoll(argv[i], &end, 10);
		if (!strcmp(argv[i], "--all"))
			*all = 1;
		else if (*argv[i] && !*end && v > 0 && *n < 1024)
			ids[(*n)++] = v;
		else
			return cli_fail("upstream", "“%s”不是条目编号（jiance upstream list 列出编号）",
			                argv[i]);
	}
	if (*all == (*n > 0))
		return cli_fail("upstream", "请给出已录入的条目编号，或用 --all 标记全部待录入条目");
	return 0;
}

static int mark(struct cli *c, int argc, char **argv)
{
	static int64_t ids[1024];
	int n, all, marked = 0;
	struct jerr e = { 0 };
	if (parse_ids(argc, argv, ids, &n, &all) != 0)
		return 1;
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	if (upstream_mark(&c->ses, all ? NULL : ids, n, &marked, &e) != 0)
		return cli_fail("upstream", "%s；没有标记任何条目", e.msg);
	printf("已标记为已录入国家系统：%d条（%s）\n", marked, c->ses.me.name);
	return 0;
}

int cmd_upstream(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("upstream"), argc, argv))
		return 0;
	if (argc >= 2 && !strcmp(argv[1], "mark"))
		return mark(c, argc, argv);
	if (argc != 2 || strcmp(argv[1], "list") != 0)
		return cli_fail("upstream", "用法: jiance upstream list | jiance upstream mark 编号… | jiance upstream mark --all");
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	return list(c);
}
