/* `jiance migrate-to URL`: the county's SQLite database (--db, or the
 * configuration's database.path) moved into a PostgreSQL database that
 * may hold other counties (io/move.h).  Root's or an admin's: it copies
 * every household of the county. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "io/move.h"

static void print_report(const struct move_report *r)
{
	/* the heads padded by display width: 表 20, 行数 10 (right), 校验和 16 */
	printf("表%18s %6s行数  校验和%10s  一致\n", "", "", "");
	for (int i = 0; i < r->n; i++) {
		const struct move_table *t = &r->t[i];
		int same = t->rows == t->rows_back && t->sum == t->sum_back;
		printf("%-20s %10" PRId64 "  %016" PRIx64 "  %s\n", t->name, t->rows, t->sum,
		       same ? "是" : "否");
		if (!same)
			printf("%-20s %10" PRId64 "  %016" PRIx64 "  （目标数据库读回）\n", "", t->rows_back,
			       t->sum_back);
	}
}

/* Root, or the officer this run logs in as (--as for root and the file's
 * owner) when an admin of the county. */
static int allowed(struct cli *c)
{
	if (getuid() == 0 && !c->as_login)
		return 0;
	if (cli_login(c) != 0)
		return -1;
	if (c->ses.me.role != ROLE_ADMIN) {
		fprintf(stderr, "jiance migrate-to: 只有 root 或系统管理员可以迁移整个县的数据库\n");
		return -1;
	}
	return 0;
}

static int move(struct cli *c, const char *url)
{
	struct jerr e = { 0 };
	struct store *dst = store_open(url, 1, &e);
	if (!dst)
		return cli_fail("migrate-to", "%s；没有写入任何数据", e.msg);
	struct move_report *r = calloc(1, sizeof *r);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = r ? move_county(c->db, dst, r, &e) : jerr_set(&e, "", "内存不足");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	char shown[512];
	snprintf(shown, sizeof shown, "%s", store_path(dst));   /* without a password */
	store_close(dst);
	if (r && r->n)
		print_report(r);
	if (rc != 0) {
		free(r);
		return cli_fail("migrate-to", "%s", e.msg);
	}
	printf("已把 %s 迁移到 %s：%d 张表，行数和校验和全部一致，用时 %.1f 秒\n", c->db_path,
	       shown, r->n,
	       (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (r->drafts_left > 0)
		printf("未迁移草稿 %" PRId64 " 份（未保存的表单，其中的编号无法换算）：请操作员在原数据库中保存或放弃\n",
		       r->drafts_left);
	free(r);
	return 0;
}

int cmd_migrate(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("migrate-to"), argc, argv))
		return 0;
	if (argc != 2)
		return cli_fail("migrate-to", "用法: jiance %s", cli_find("migrate-to")->usage);
	if (!store_names_server(argv[1]))
		return cli_fail("migrate-to", "目标须为 PostgreSQL 数据库的地址（postgresql://…），现为 “%s”",
		                argv[1]);
	if (store_names_server(c->db_path))
		return cli_fail("migrate-to", "源数据库 %s 已在 PostgreSQL 上：migrate-to 迁移的是县的 SQLite 数据库文件",
		                c->db_path);
	if (access(c->db_path, F_OK) != 0)
		return cli_fail("migrate-to", "源数据库文件 %s 不存在", c->db_path);
	if (cli_open(c, 0) != 0)
		return 1;
	if (allowed(c) != 0)
		return 1;
	return move(c, argv[1]);
}
