#include "io/sheetread.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int sheetread_file(const char *path, const struct csvread_opts *o, struct csvread_info *info,
                   struct jerr *e)
{
	static const unsigned char zip[] = { 'P', 'K', 3, 4 };
	static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	unsigned char head[8] = { 0 };
	FILE *f = fopen(path, "rb");
	if (!f)
		return jerr_set(e, "", "无法打开文件 %s: %s", path, strerror(errno));
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	memset(info, 0, sizeof *info);
	if (n >= sizeof zip && !memcmp(head, zip, sizeof zip)) {
		int rc = xlsxread_file(path, o, info, e);
		snprintf(info->encoding, sizeof info->encoding, "XLSX 工作簿");
		return rc;
	}
	if (n == sizeof ole && !memcmp(head, ole, sizeof ole)) {
		int rc = xlsread_file(path, o, info, e);
		snprintf(info->encoding, sizeof info->encoding, "XLS 工作簿");
		return rc;
	}
	return csvread_file(path, o, info, e);
}
