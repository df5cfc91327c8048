/* The household detail's state, shared by hh_detail.c (the screen: tabs,
 * keys, refresh) and hh_detail_tabs.c (what each tab shows).  Not a public
 * interface: other screens open the detail with hh_detail_push (work.h). */
#ifndef JIANCE_HH_DETAIL_H
#define JIANCE_HH_DETAIL_H

#include <stdint.h>

#include "access/watch.h"
#include "register/household.h"
#include "kit/listview.h"

enum hd_tab { T_INFO, T_MEMBERS, T_RISK, T_CONTACTS, T_MEASURES, T_VISITS, T_FLOW, T_AUDIT,
              T_COUNT };

#define HD_CELLS 6
#define HD_CELL 192

/* What a row is, for Enter / e on it. */
enum hd_kind { R_TEXT, R_INCOME, R_MEMBER, R_MEASURE, R_VISIT, R_RUN, R_STEP };

struct hd_row {
	char cell[HD_CELLS][HD_CELL];
	enum hd_kind kind;
	int64_t id;                /* member, measure, visit or run id */
	int sub;                   /* R_STEP: the step record's index in its run */
	enum ui_role role;
};

struct hd {
	struct session *s;
	int64_t id;
	int ok;                    /* the household could be read */
	char why[512];             /* why not */
	struct household h;
	int flags;
	enum hd_tab tab;
	struct listview lv;
	struct lv_column cols[HD_CELLS];
	struct hd_row *rows;       /* the current tab's rows (not the audit tab's) */
	int nrows, cap;
	struct history_row *audit; /* the audit tab's current page */
	int naudit;
	long audit_off;
	int64_t revealed_member;   /* a member whose full ID is shown */
	char revealed[20];
	struct watch watch;
	int64_t open_run;          /* the household's open flow run, 0 none */
};

/* Builds the rows and columns of d->tab (hh_detail_tabs.c). */
void hd_build_tab(struct hd *d);
/* The audit tab's data source (paged from src/history.c). */
extern const struct lv_source hd_audit_source;
/* Appends a row of up to HD_CELLS cells (NULL ends them early). */
struct hd_row *hd_add(struct hd *d, enum hd_kind kind, int64_t id, enum ui_role role,
                      const char *c0, const char *c1, const char *c2, const char *c3,
                      const char *c4, const char *c5);

#endif
