/* A small county for the import and export tests (test_import.c,
 * test_xlsx.c, bench_import.c): two townships, villages with a repeated
 * name, officers of each level and households in each state that triage
 * distinguishes.  Prefixed ifx_ so it never meets tests/fixture.c. */
#ifndef JIANCE_TESTS_IMPORT_FIXTURE_H
#define JIANCE_TESTS_IMPORT_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "access/session.h"
#include "store/store.h"

struct ifx {
	char path[64];              /* a file stem of the test's own (files beside it) */
	char db_where[256];         /* the database: path, or a URL under make check-pg */
	struct store *db;
	struct config cfg;
	/* 保家镇: 龙阳村 (with 一组), 新田村; 郁山镇: 龙阳村, 中井村 */
	int64_t county, baojia, yushan, longyang, xintian, yushan_longyang, zhongjing, group1;
	/* heads of households: 监测中 (龙阳村), 风险已消除 (新田村), outside
	 * 保家镇 (中井村), 线索 with an open lead (龙阳村) */
	int64_t hh_monitored, hh_eliminated, hh_outside, hh_lead;
	char id_monitored[19], id_eliminated[19], id_outside[19], id_lead[19];
};

/* Creates the database in /tmp with today pinned to 2026-06-01.  0 or -1. */
int ifx_open(struct ifx *f);
void ifx_close(struct ifx *f);
/* Logs in: "xian" (county), "baojia" (保家镇), "longyang" (保家镇龙阳村). */
int ifx_login(struct ifx *f, struct session *s, const char *login);
/* A valid ID number of Pengshui: birth YYYYMMDD, sequence (odd: a man). */
void ifx_id(const char *birth8, int seq, char out[19]);
/* Writes bytes to a file; 0 or -1. */
int ifx_write(const char *path, const void *data, size_t n);
/* Writes UTF-8 text converted to GBK (iconv), as Excel on Chinese Windows saves CSV. */
int ifx_write_gbk(const char *path, const char *utf8);
/* Rows of a table (fixed names only). */
long ifx_count(struct ifx *f, const char *table);
/* A fingerprint of every table the import writes: equal before and after
 * means the database did not change. */
void ifx_snapshot(struct ifx *f, char *out, size_t n);

#endif
