#include "io/export_file.h"

#include <errno.h>

#include "base/outfile.h"

/* libxlsxwriter writes its workbook by name when it closes it: it is given
 * the name of the temporary file itself (/proc/self/fd/N), so nothing
 * else in the directory can be written through it. */
static long to_xlsx(struct session *s, const char *kind, const struct hh_filter *f,
                    const char *department, const struct cfg_template *tpl, const char *sheet,
                    struct outfile *o, struct jerr *e)
{
	struct export_sink sink;
	if (export_xlsx_sink(&sink, outfile_name(o), sheet, e) != 0)
		return -1;
	long rows = export_write(s, kind, f, department, tpl, &sink, e);
	int err = errno;       /* why the workbook could not be written */
	export_xlsx_done(&sink);
	errno = err;
	return rows;
}

long export_file(struct session *s, const char *kind, const struct hh_filter *f,
                 const char *department, const struct cfg_template *tpl, int xlsx,
                 const char *sheet, const char *path, struct jerr *e)
{
	struct outfile o;
	if (outfile_open(&o, path, OUTFILE_NEW, e) != 0)
		return -1;
	long rows;
	if (xlsx) {
		rows = to_xlsx(s, kind, f, department, tpl, sheet, &o, e);
	} else {
		struct export_sink sink;
		export_csv_sink(&sink, o.f);
		rows = export_write(s, kind, f, department, tpl, &sink, e);
	}
	if (rows < 0) {
		/* the sink's words ("无法写出导出文件") do not say why */
		int err = errno;
		if (ferror(o.f) || err == ENOSPC || err == EFBIG || err == EDQUOT || err == EIO)
			jerr_set(e, "", "写入 %s 失败（%s），没有留下文件", path, outfile_why(err ? err : EIO));
		outfile_abort(&o);
		return -1;
	}
	return outfile_commit(&o, e) == 0 ? rows : -1;
}
