/* `jiance export upstream`: the pending "待录入国家系统" entries of the
 * officer's area, one row per entry, in the national columns: the keys of
 * the household, what changed and when, then every national column any
 * entry carries, in the order they first appear (an entry leaves the
 * columns it does not touch empty). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export.h"
#include "register/upstream.h"

#define PAGE 256
#define MAX_NAT 96

static const char *const KEYS[] = { "条目编号", "户编号", "国家系统户编号", "户主姓名",
                                    "村（社区）", "事项", "发生日期" };
#define NKEYS (int)(sizeof KEYS / sizeof KEYS[0])

struct columns {
	int n;
	char name[MAX_NAT][128];
};

static int col_index(struct columns *c, const char *name, int add)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->name[i], name))
			return i;
	if (!add || c->n == MAX_NAT)
		return -1;
	snprintf(c->name[c->n], sizeof c->name[0], "%s", name);
	return c->n++;
}

/* Reads every pending entry in pages; fn sees each. */
static int each(struct session *s, struct upstream_entry *buf,
                int (*fn)(void *arg, const struct upstream_entry *u), void *arg)
{
	for (int off = 0;; off += PAGE) {
		int n = upstream_pending(s, off, buf, PAGE);
		for (int i = 0; i < n; i++)
			if (fn(arg, &buf[i]) != 0)
				return -1;
		if (n < PAGE)
			return 0;
	}
}

static int gather(void *arg, const struct upstream_entry *u)
{
	char col[128], val[512];
	for (const char *p = u->fields; upstream_field_next(&p, col, sizeof col, val, sizeof val);)
		col_index(arg, col, 1);
	return 0;
}

struct writing {
	struct columns *c;
	struct export_sink *sink;
	long rows;
	char cells[NKEYS + MAX_NAT][512];
};

static int row(void *arg, const struct upstream_entry *u)
{
	struct writing *w = arg;
	const char *vals[NKEYS + MAX_NAT];
	char col[128], val[512];
	snprintf(w->cells[0], sizeof w->cells[0], "%lld", (long long)u->id);
	const char *keys[] = { u->hh_no, u->nat_no, u->head_name, u->village, u->what, u->on };
	for (int i = 1; i < NKEYS; i++)
		snprintf(w->cells[i], sizeof w->cells[i], "%s", keys[i - 1]);
	for (int i = 0; i < w->c->n; i++)
		w->cells[NKEYS + i][0] = 0;
	for (const char *p = u->fields; upstream_field_next(&p, col, sizeof col, val, sizeof val);) {
		int i = col_index(w->c, col, 0);
		if (i >= 0)
			snprintf(w->cells[NKEYS + i], sizeof w->cells[0], "%s", val);
	}
	for (int i = 0; i < NKEYS + w->c->n; i++)
		vals[i] = w->cells[i];
	w->rows++;
	return w->sink->row(w->sink->ctx, NKEYS + w->c->n, vals);
}

static long write_all(struct session *s, struct export_sink *sink, struct upstream_entry *buf,
                      struct writing *w, struct jerr *e)
{
	const char *names[NKEYS + MAX_NAT];
	enum col_type types[NKEYS + MAX_NAT];
	if (each(s, buf, gather, w->c) != 0)
		return jerr_set(e, "", "查询失败: %s", store_errmsg(s->db));
	for (int i = 0; i < NKEYS + w->c->n; i++) {
		names[i] = i < NKEYS ? KEYS[i] : w->c->name[i - NKEYS];
		types[i] = i == 6 ? COL_DATE : COL_TEXT;
	}
	if (sink->header(sink->ctx, NKEYS + w->c->n, names, types) != 0 ||
	    each(s, buf, row, w) != 0 || (sink->finish && sink->finish(sink->ctx) != 0))
		return jerr_set(e, "", "无法写出导出文件");
	return w->rows;
}

long export_upstream(struct session *s, struct export_sink *sink, struct jerr *e)
{
	struct upstream_entry *buf = malloc(PAGE * sizeof *buf);
	struct columns *c = calloc(1, sizeof *c);
	struct writing *w = calloc(1, sizeof *w);
	long rows = -1;
	if (!buf || !c || !w)
		jerr_set(e, "", "内存不足");
	else {
		*w = (struct writing){ .c = c, .sink = sink };
		rows = write_all(s, sink, buf, w, e);
	}
	free(buf);
	free(c);
	free(w);
	return rows;
}
