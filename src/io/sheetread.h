/* Reading the files departments send, whatever they are: CSV (csvread),
 * an Excel workbook .xlsx (xlsxread, libzip + expat, streamed) or an older
 * .xls as WPS still saves it (xlsread, libfreexl).  The kind is told by the
 * file's first bytes, not its name.  Every reader finds the header the same
 * way (sheetrows) and calls the same callbacks; a workbook's first sheet is
 * read, its row numbers are the lines of the report. */
#ifndef JIANCE_SHEETREAD_H
#define JIANCE_SHEETREAD_H

#include "io/csvread.h"

int sheetread_file(const char *path, const struct csvread_opts *o, struct csvread_info *info,
                   struct jerr *e);

int xlsxread_file(const char *path, const struct csvread_opts *o, struct csvread_info *info,
                  struct jerr *e);
int xlsread_file(const char *path, const struct csvread_opts *o, struct csvread_info *info,
                 struct jerr *e);

#endif
