/* A county's SQLite database moved into a PostgreSQL database that may
 * hold other counties already (issue 17: many counties, one database;
 * `jiance migrate-to URL`).  Every row of every table is copied in one
 * transaction of the target; each table's ids are shifted past the
 * target's largest, and every column that names an id with them.  The
 * copy is verified before it is committed: per table the number of rows
 * and a checksum, read from the source and read back from the target. */
#ifndef JIANCE_MOVE_H
#define JIANCE_MOVE_H

#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

#define MOVE_TABLES 48

/* One table's verification.  The checksum is the sum (mod 2^64) of each
 * row's 64-bit FNV-1a hash of a canonical text of its values, ids shifted
 * (integers in decimal, text as is with its length, doubles %.17g, NULL a
 * marker of its own): the same on both sides whatever order the engines
 * sort text in. */
struct move_table {
	char name[64];
	int64_t rows, rows_back;      /* read from the source; read back from the target */
	uint64_t sum, sum_back;
	int64_t offset;               /* added to its ids (0: no id column) */
};

struct move_report {
	struct move_table t[MOVE_TABLES];
	int n;
	int64_t drafts_left;          /* drafts not moved (see move.c) */
	int verified;                 /* every table's rows and checksum agree */
};

/* Moves the county of src (a SQLite database, nobody writing it) into dst
 * (PostgreSQL at the same schema version).  Refused, with nothing written:
 * another version, tables that differ, a value of a type its column does
 * not declare, an import not yet finished, an area code or a login that
 * dst already has (the county was moved already, or overlaps another).
 * 0 when moved and verified; -1 with e set, dst as it was (r says how far
 * the verification got when that is what failed). */
int move_county(struct store *src, struct store *dst, struct move_report *r, struct jerr *e);

#endif
