/* The household list (SPEC §7): filters, the one search box, sorting and
 * paging over any number of households; Enter opens the detail. */
#ifndef JIANCE_HH_LIST_H
#define JIANCE_HH_LIST_H

#include "register/hhlist.h"

struct app;

void hh_list_push(struct app *app);

/* The filter box (hh_filter.c): edits f's village, status, type, risk,
 * contact person and flags.  1 when the officer applied it, 0 cancelled. */
int hh_filter_edit(struct app *app, struct hh_filter *f);
/* "保家镇龙阳村,监测中,走访超期" for the list's status row ("" = no filter). */
void hh_filter_describe(struct app *app, const struct hh_filter *f, char *out, size_t n);

/* Asks for a file name and exports the households matching f (as the list
 * shows them) to CSV or XLSX by the name's ending (hh_export.c). */
void hh_export_prompt(struct app *app, const struct hh_filter *f);

#endif
