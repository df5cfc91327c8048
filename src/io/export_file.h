/* An export written to a file (issue 13: output is true).  The file is
 * made by base/outfile: with the officer's ids and mode 0600, under a
 * temporary name until every row is written, flushed and fsync'd, never
 * over an existing name nor through a link planted there.  A write error
 * (a full disk) leaves no file and says so. */
#ifndef JIANCE_EXPORT_FILE_H
#define JIANCE_EXPORT_FILE_H

#include "io/export.h"

/* Writes kind (filtered by f, columns of tpl as export_run takes them) to
 * a new file at path: CSV, or an Excel workbook whose one sheet is named
 * sheet when xlsx.  The number of rows, or -1 with e set and no file. */
long export_file(struct session *s, const char *kind, const struct hh_filter *f,
                 const char *department, const struct cfg_template *tpl, int xlsx,
                 const char *sheet, const char *path, struct jerr *e);

#endif
