#include "access/console_db.h"

#include <stdio.h>
#include <string.h>

void console_db_tune(struct session *s)
{
	store_tune(s->db, STORE_USE_CONSOLE);
}

/* Rows per part: a few milliseconds when the pages are already mapped. */
#define WARM_ROWS 20000

/* What the search box reads, most used first: the pinyin indexes (the
 * usual way to search), the household rows every result is read from, the
 * name index, the member rows a broad search walks, the list order, the
 * household-number and ID-tail indexes.  Each statement walks one index
 * or table in key order from just after ?1 and returns the last key it
 * passed and how many.  A part ends inside a run of equal keys and the
 * next starts after them: a few entries stay cold, which costs nothing
 * but a fault later. */
struct warm_stage {
	const char *sql;
	int text;         /* the key is text, else an integer */
};

static const struct warm_stage stages[] = {
	{ "SELECT max(initials), count(*) FROM (SELECT initials FROM members"
	  " INDEXED BY members_initials WHERE initials > ?1 ORDER BY initials LIMIT ?2)", 1 },
	{ "SELECT max(pinyin), count(*) FROM (SELECT pinyin FROM members"
	  " INDEXED BY members_pinyin WHERE pinyin > ?1 ORDER BY pinyin LIMIT ?2)", 1 },
	{ "SELECT max(id), count(*) FROM (SELECT id FROM households"
	  " WHERE id > ?1 ORDER BY id LIMIT ?2)", 0 },
	{ "SELECT max(id), count(*) FROM (SELECT id FROM member_names_data"
	  " WHERE id > ?1 ORDER BY id LIMIT ?2)", 0 },
	{ "SELECT max(id), count(*) FROM (SELECT id FROM members"
	  " WHERE id > ?1 ORDER BY id LIMIT ?2)", 0 },
	{ "SELECT max(household_id), count(*) FROM (SELECT household_id FROM members"
	  " INDEXED BY members_household WHERE household_id > ?1 ORDER BY household_id LIMIT ?2)", 0 },
	{ "SELECT max(head_pinyin), count(*) FROM (SELECT head_pinyin FROM households"
	  " INDEXED BY hh_sort WHERE head_pinyin > ?1 ORDER BY head_pinyin LIMIT ?2)", 1 },
	{ "SELECT max(hh_no), count(*) FROM (SELECT hh_no FROM households"
	  " WHERE hh_no > ?1 ORDER BY hh_no LIMIT ?2)", 1 },
	{ "SELECT max(id_tail), count(*) FROM (SELECT id_tail FROM members"
	  " INDEXED BY members_tail WHERE id_tail > ?1 ORDER BY id_tail LIMIT ?2)", 1 },
};
#define NSTAGES ((int)(sizeof stages / sizeof stages[0]))

/* One part of the current stage: 1 when the stage has more, 0 at its end
 * or on an error (a warming that fails must not be retried for ever). */
static int warm_part(struct store *db, struct console_warm *w, const struct warm_stage *st)
{
	int rows = w->rows > 0 ? w->rows : WARM_ROWS;
	struct stmt *s = st->text ? store_prep(db, st->sql, "ti", w->last_text, rows)
	                          : store_prep(db, st->sql, "li", w->last_id, rows);
	int rc = s ? stmt_step(s) : -1, more = 0;
	int stopped = store_interrupted(db);     /* by a key: read it again */
	if (rc == 1) {
		if (st->text)
			snprintf(w->last_text, sizeof w->last_text, "%s", stmt_text(s, 0));
		else
			w->last_id = stmt_int(s, 0);
		more = stmt_int(s, 1) == rows;
	}
	stmt_done(s);
	return stopped || more;
}

int console_db_warm(struct session *s, struct console_warm *w)
{
	struct store *db = s->db;
	/* a server's pages are in the server's memory, not this process's */
	if (w->stage >= NSTAGES || !store_local(db))
		return 0;
	if (!warm_part(db, w, &stages[w->stage])) {
		w->stage++;
		w->last_id = 0;
		w->last_text[0] = 0;
	}
	return w->stage < NSTAGES;
}

int console_db_warm_stages(void)
{
	return NSTAGES;
}
