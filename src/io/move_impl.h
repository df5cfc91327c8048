/* Inside io/move.c and io/move_copy.c: the plan of a move. */
#ifndef JIANCE_MOVE_IMPL_H
#define JIANCE_MOVE_IMPL_H

#include "io/move.h"

#define MOVE_COLUMNS 64

enum {
	REF_NONE = -1,         /* holds no id */
	REF_AUDIT_REC = -2,    /* audit.rec: an id of the table audit.tbl names */
	REF_AUDIT_VALUE = -3,  /* audit.old, audit.new: an id for some fields */
};

struct move_col {
	char name[64];
	char kind;             /* 'i' integer, 't' text, 'd' real */
	int pk;                /* place in the primary key, 0 none */
	int ref;               /* the table whose offset shifts it, or REF_* */
};

struct move_tbl {
	char name[64];
	struct move_col col[MOVE_COLUMNS];
	int ncol;
	int id_col;            /* its own id column, -1 none */
	int key;               /* the column that tells the moved rows (> its offset) */
	int parents[MOVE_TABLES], nparents;
	int audit_tbl, audit_field;   /* audit's columns tbl and field, else -1 */
	int skip;              /* not moved (drafts, see move_copy.c) */
	int64_t offset;
};

struct move_plan {
	struct move_tbl t[MOVE_TABLES];
	int n, overflow;
	int order[MOVE_TABLES], norder;   /* parents first */
};

/* The plan from the target's catalog; 0 or -1 with e set. */
int move_plan_read(struct store *dst, struct move_plan *p, struct jerr *e);
int move_table_index(const struct move_plan *p, const char *name);
int move_column_index(const struct move_tbl *t, const char *name);
/* The table an audit row's rec names (by its tbl), -1 if none known. */
int move_audit_rec_ref(const struct move_plan *p, const char *tbl);
/* The table whose id audit.old/new hold for tbl and field, -1 if not an id. */
int move_audit_value_ref(const struct move_plan *p, const char *tbl, const char *field);
/* Before the copy (move_check.c): 0, or -1 with e set. */
int move_checks(struct store *src, struct store *dst, const struct move_plan *p,
                struct move_report *rep, struct jerr *e);

#endif
