/* `jiance demo --households N --seed S`: a new demo database. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "cli/commands.h"
#include "demo/demo.h"

static void report(const struct cli *c, const struct demo_opts *o, const struct demo_stats *st,
                   double secs)
{
	char today[11];
	date_fmt(clock_today(), today);
	printf("已生成演示数据库 %s：彭水苗族土家族自治县（500243000000），种子 %" PRIu64
	       "，数据截至 %s，用时 %.1f 秒\n", c->db_path, o->seed, today, secs);
	printf("  乡镇 %" PRId64 "，村（社区）%" PRId64 "，村民小组 %" PRId64 "，操作员 %" PRId64
	       "，帮扶联系人 %" PRId64 "\n", st->townships, st->villages, st->groups, st->officers,
	       st->contacts);
	printf("  户 %" PRId64 "，成员 %" PRId64 "，线索 %" PRId64 "，流程 %" PRId64 "，帮扶措施 %"
	       PRId64 "，走访 %" PRId64 "\n", st->households, st->members, st->leads, st->runs,
	       st->measures, st->visits);
	printf("  按状态：");
	for (int i = 0; i < STATUS_COUNT; i++)
		printf("%s%s %" PRId64, i ? "，" : "", hh_status_text((enum hh_status)i), st->status[i]);
	printf("\n  登录：jiance --db %s --as demo_county（县级）、t101（保家镇）、v101201（保家镇龙阳村）"
	       "、demo_admin（系统管理员）\n", c->db_path);
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("demo"), argc, argv))
		return 0;
	if (cli_installed_root_only("demo") != 0)
		return 1;
	struct demo_opts o = { .households = 2000, .seed = 1, .progress = isatty(2) };
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(argv[i], "--households") && v) {
			long n = cli_number(v);
			if (n < 10 || n > 2000000)
				return cli_fail("demo", "--households 应为10到2000000之间的整数，现为 “%s”", v);
			o.households = (int)n;
			i++;
		} else if (!strcmp(argv[i], "--seed") && v) {
			char *end;
			errno = 0;
			unsigned long long s = strtoull(v, &end, 10);
			if (*v < '0' || *v > '9' || *end || errno == ERANGE)
				return cli_fail("demo", "--seed 应为 0 到 %llu 之间的整数，现为 “%s”",
				                (unsigned long long)UINT64_MAX, v);
			o.seed = s;
			i++;
		} else {
			return cli_fail("demo", "不认识的参数 “%s”（用法: jiance %s）", argv[i],
			                cli_find("demo")->usage);
		}
	}
	struct jerr e = { 0 };
	int there = store_exists(c->db_path, &e);
	if (there < 0)
		return cli_fail("demo", "%s", e.msg);
	if (there)
		return cli_fail("demo", "数据库 %s 已存在，不会覆盖（请换一个文件名，或先移走它）", c->db_path);
	/* a file is built under another name and renamed when complete: an
	 * interrupted run never leaves a half-made database where `make run`
	 * looks; a server's database is emptied again if the run fails */
	char part[600];
	if (store_is_server(c->db_path))
		snprintf(part, sizeof part, "%s", c->db_path);
	else
		snprintf(part, sizeof part, "%s.part", c->db_path);
	store_wipe(part);
	if (!(c->db = store_open(part, 1, &e)))
		return cli_fail("demo", "无法创建数据库 %s（%s）", c->db_path, e.msg);
	struct demo_stats st;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (demo_generate(c->db, &c->cfg, &o, &st, &e) != 0) {
		cli_close(c);
		store_wipe(part);
		return cli_fail("demo", "生成失败：%s", e.msg);
	}
	cli_close(c);
	if (!store_is_server(c->db_path) &&
	    (store_exists(c->db_path, NULL) != 0 || rename(part, c->db_path) != 0)) {
		store_wipe(part);
		return cli_fail("demo", "无法写入 %s（文件已存在或目录不可写）", c->db_path);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	report(c, &o, &st, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
