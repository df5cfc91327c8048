#include "io/sheetread.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/infile.h"

/* The workbook readers take a path: they are given the file the officer
 * opened (infile_open, with the officer's own rights), by its descriptor,
 * so a name changed meanwhile or a place only the program may read is
 * never what they read. */
static int read_book(FILE *f, const char *path, int xlsx, const struct csvread_opts *o,
                     struct csvread_info *info, struct jerr *e)
{
	char fdpath[64];
	snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fileno(f));
	int rc = xlsx ? xlsxread_file(fdpath, o, info, e) : xlsread_file(fdpath, o, info, e);
	char *at = rc != 0 && e ? strstr(e->msg, fdpath) : NULL;
	if (at) {   /* the officer named the file, not the descriptor */
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%.*s%s%s", (int)(at - e->msg), e->msg, path,
		         at + strlen(fdpath));
		snprintf(e->msg, sizeof e->msg, "%s", msg);
	}
	snprintf(info->encoding, sizeof info->encoding, "%s", xlsx ? "XLSX 工作簿" : "XLS 工作簿");
	return rc;
}

int sheetread_file(const char *path, const struct csvread_opts *o, struct csvread_info *info,
                   struct jerr *e)
{
	static const unsigned char zip[] = { 'P', 'K', 3, 4 };
	static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	unsigned char head[8] = { 0 };
	FILE *f = infile_open(path, e);   /* refuses devices, pipes and folders at once */
	if (!f)
		return -1;
	size_t n = fread(head, 1, sizeof head, f);
	memset(info, 0, sizeof *info);
	int xlsx = n >= sizeof zip && !memcmp(head, zip, sizeof zip);
	int xls = n == sizeof ole && !memcmp(head, ole, sizeof ole);
	int rc = xlsx || xls ? read_book(f, path, xlsx, o, info, e) : 0;
	fclose(f);
	return xlsx || xls ? rc : csvread_file(path, o, info, e);
}
