#!/usr/bin/python3
# Writes tests/data/warning.xls, the .xls fixture of tests/test_import_sheets.c:
# a department's warning list as WPS saves it in the Excel 97-2003 format.
# Made with Debian's python3-xlwt (apt-get install python3-xlwt):
#     /usr/bin/python3 tests/data/make_warning_xls.py tests/data/warning.xls
# The file is checked in; the tests need neither Python nor xlwt.
import datetime
import sys

import xlwt


def id_no(first17):
    """A Pengshui ID number with its GB 11643 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(first17, weights))
    return first17 + "10X98765432"[s % 11]


book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("预警名单")
date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
sheet.write(0, 0, "彭水县民政局低保边缘户预警名单（2026年5月）")
sheet.write(2, 0, "序号")
for col, head in enumerate(["姓名", "身份证号码", "所属乡镇", "所属村（社区）", "预警原因",
                            "预警日期", "预警部门"], start=1):
    sheet.write(2, col, head)
rows = [
    # an ID typed as text, a date cell
    (1, "杨一", id_no("50024319800101031"), "保家镇", "龙阳村", "低保边缘", datetime.date(2026, 5, 3)),
    # an ID typed as a number: Excel has kept 15 of its digits
    (2, "杨二", float(id_no("50024319800101033")[:17] + "0"), "保家镇", "龙阳村", "住院", datetime.date(2026, 5, 4)),
    # a date typed as text
    (3, "杨三", id_no("50024319800101035"), "保家镇", "新田村", "残疾", "2026/5/5"),
]
for r, row in enumerate(rows, start=3):
    for col, value in enumerate(row):
        if isinstance(value, datetime.date):
            sheet.write(r, col, value, date)
        else:
            sheet.write(r, col, value)
    sheet.write(r, 7, "民政局")
book.save(sys.argv[1])
