#include "io/sheetrows.h"

#include <stdio.h>
#include <string.h>

void sheetrows_init(struct sheetrows *s, const struct csvread_opts *o, struct csvread_info *info)
{
	memset(s, 0, sizeof *s);
	s->o = o;
	s->info = info;
}

/* The first row, for the message when no header is found: cells joined,
 * cut (at a character, with "…") where a long one runs out of room. */
static void remember_first(struct sheetrows *s, int n, char **cells)
{
	size_t len = 0, room = sizeof s->first_row - 8;   /* "、" and "…" always fit */
	for (int i = 0; i < n && len < room; i++) {
		size_t c = strlen(cells[i]);
		if (!c)
			continue;
		if (len)
			len += (size_t)snprintf(s->first_row + len, sizeof s->first_row - len, "、");
		size_t left = len < room ? room - len : 0;   /* the separator may pass room */
		if (c > left) {
			c = left;
			while (c > 0 && (cells[i][c] & 0xC0) == 0x80)
				c--;      /* never inside a character */
			memcpy(s->first_row + len, cells[i], c);
			strcpy(s->first_row + len + c, "…");
			return;
		}
		memcpy(s->first_row + len, cells[i], c + 1);
		len += c;
	}
}

static int find_header(struct sheetrows *s, long line, int n, char **cells)
{
	int known = 0;
	for (int i = 0; i < n; i++)
		known += *cells[i] && s->o->is_header(s->o->arg, cells[i]);
	if (known < 2) {
		if (!s->first_row[0])
			remember_first(s, n, cells);
		s->info->title_rows++;
		return 0;
	}
	s->header_done = 1;
	s->info->header_line = line;
	return s->o->header(s->o->arg, line, n, cells);
}

int sheetrows_put(struct sheetrows *s, long line, int n, char **cells, const char *problem,
                  const unsigned char *rounded)
{
	s->any_row = 1;
	if (!s->header_done)
		return find_header(s, line, n, cells);
	return s->o->row(s->o->arg, line, n, cells, problem, rounded);
}

int sheetrows_end(struct sheetrows *s, struct jerr *e)
{
	if (s->header_done)
		return 0;
	return jerr_set(e, "", "找不到表头行：没有一行含有两个以上认识的列名%s%s%s",
	                s->any_row ? "（第一行是：" : "", s->first_row,
	                s->any_row ? "）" : "（文件是空的）");
}
