/* libFuzzer target (make fuzz): the CSV reader and its encoding detection
 * on any bytes, as a file a department might send.  Every cell handed on
 * must be valid UTF-8 and every row either good or refused with a reason. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Strict UTF-8: what the reader promises to hand on. */
static int valid_utf8(const unsigned char *s)
{
	while (*s) {
		int n = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3
		        : (*s & 0xF8) == 0xF0 ? 4 : 0;
		if (!n || (n == 2 && *s < 0xC2))
			return 0;
		for (int i = 1; i < n; i++)
			if ((s[i] & 0xC0) != 0x80)
				return 0;
		s += n;
	}
	return 1;
}

static int is_header(void *arg, const char *cell)
{
	(void)arg;
	return !strcmp(cell, "姓名") || !strcmp(cell, "身份证号码") || !strcmp(cell, "a");
}

static int cells_ok(int n, char **cells)
{
	for (int i = 0; i < n; i++)
		if (!valid_utf8((const unsigned char *)cells[i]))
			abort();
	return 0;
}

static int header(void *arg, long line, int n, char **cells)
{
	(void)arg;
	(void)line;
	return cells_ok(n, cells);
}

static int row(void *arg, long line, int n, char **cells, const char *problem,
               const unsigned char *rounded)
{
	(void)arg;
	(void)rounded;   /* NULL for CSV */
	if (line < 1)
		abort();
	return problem ? 0 : cells_ok(n, cells);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/jiance-fuzz-csv-%d.csv", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	struct csvread_opts o = { is_header, header, row, NULL };
	struct csvread_info info;
	struct jerr e = { 0 };
	csvread_file(path, &o, &info, &e);
	unlink(path);
	return 0;
}
