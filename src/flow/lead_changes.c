/* What other officers wrote between an import's checks and its write that
 * could change a lead plan, read from the audit log: every change to a
 * household, a member, a lead or its sources writes an audit record (SPEC
 * §11), so the records after the mark taken in the check's snapshot are
 * all there is to look at.  Asked inside the import's write transaction,
 * this takes a few indexed lookups per record written meanwhile instead of
 * checking 100,000 rows again while every other officer waits. */
#include "flow/lead.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/strmap.h"
#include "store/store.h"

struct lead_changes {
	struct strmap households, people, leads, keys;
};

int64_t lead_changes_mark(struct session *s)
{
	return store_int(s->db, 0, "SELECT coalesce(max(id), 0) FROM audit", "");
}

static int put_id(struct strmap *m, int64_t id)
{
	char k[24];
	snprintf(k, sizeof k, "%lld", (long long)id);
	return id ? strmap_put(m, k, 1) : 0;
}

static int has_id(const struct strmap *m, int64_t id)
{
	char k[24];
	snprintf(k, sizeof k, "%lld", (long long)id);
	return id && strmap_get(m, k) != NULL;
}

/* Each row of sql (bound to the mark) puts its columns: an id into ids,
 * a text into texts (NULL: none). */
static int collect(struct session *s, int64_t mark, const char *sql, struct strmap *ids,
                   struct strmap *texts)
{
	struct stmt *st = store_prep(s->db, sql, "l", mark);
	int rc = st ? 0 : -1, step;
	while (rc == 0 && (step = stmt_step(st)) == 1) {
		if (ids && put_id(ids, stmt_int(st, 0)) != 0)
			rc = -1;
		const char *t = texts ? stmt_text(st, ids ? 1 : 0) : "";
		if (*t && strmap_put(texts, t, 1) != 0)
			rc = -1;
	}
	if (rc == 0 && step < 0)
		rc = -1;
	stmt_done(st);
	return rc;
}

/* The leads touched (their own records, or a source added to them), with
 * the person and household each names; the people whose membership moved
 * (a member's record, old and new ID numbers of a changed one); every
 * household with a record; the import keys of sources added. */
static int read_changes(struct session *s, int64_t mark, struct lead_changes *c)
{
	/* "+": by the id range, not by the index of every household's records */
	return collect(s, mark, "SELECT DISTINCT household_id FROM audit WHERE id > ?1"
	               " AND +household_id IS NOT NULL", &c->households, NULL) ||
	       collect(s, mark, "SELECT l.id, coalesce(l.id_no, '') FROM audit a JOIN leads l"
	               " ON l.id = a.rec WHERE a.id > ?1 AND a.tbl = 'leads' UNION"
	               " SELECT l.id, coalesce(l.id_no, '') FROM audit a JOIN lead_sources ls"
	               " ON ls.id = a.rec JOIN leads l ON l.id = ls.lead_id"
	               " WHERE a.id > ?1 AND a.tbl = 'lead_sources'", &c->leads, &c->people) ||
	       collect(s, mark, "SELECT DISTINCT coalesce(l.household_id, 0) FROM audit a"
	               " JOIN leads l ON l.id = a.rec WHERE a.id > ?1 AND a.tbl = 'leads'",
	               &c->households, NULL) ||
	       collect(s, mark, "SELECT m.id_no FROM audit a JOIN members m ON m.id = a.rec"
	               " WHERE a.id > ?1 AND a.tbl = 'members' UNION"
	               " SELECT coalesce(a.old, '') FROM audit a WHERE a.id > ?1"
	               " AND a.tbl = 'members' AND a.field = 'id_no' UNION"
	               " SELECT coalesce(a.new, '') FROM audit a WHERE a.id > ?1"
	               " AND a.tbl = 'members' AND a.field = 'id_no'", NULL, &c->people) ||
	       collect(s, mark, "SELECT ls.import_key FROM audit a JOIN lead_sources ls"
	               " ON ls.id = a.rec WHERE a.id > ?1 AND a.tbl = 'lead_sources'"
	               " AND ls.import_key IS NOT NULL", NULL, &c->keys)
	       ? -1 : 0;
}

struct lead_changes *lead_changes_new(void)
{
	struct lead_changes *c = calloc(1, sizeof *c);
	if (c) {
		strmap_init(&c->households);
		strmap_init(&c->people);
		strmap_init(&c->leads);
		strmap_init(&c->keys);
	}
	return c;
}

struct lead_changes *lead_changes_since(struct session *s, int64_t mark)
{
	struct lead_changes *c = lead_changes_new();
	if (!c)
		return NULL;
	if (read_changes(s, mark, c) != 0) {
		lead_changes_free(c);
		return NULL;
	}
	return c;
}

int lead_changes_has_key(const struct lead_changes *c, const char *key)
{
	return key && *key && strmap_get(&c->keys, key) != NULL;
}

int lead_changes_touch(const struct lead_changes *c, const struct lead_plan *p)
{
	return has_id(&c->households, p->household) || has_id(&c->leads, p->open) ||
	       (*p->id_no && strmap_get(&c->people, p->id_no) != NULL);
}

int lead_changes_more(struct session *s, int64_t mark, struct lead_changes *c)
{
	return read_changes(s, mark, c);
}

void lead_changes_free(struct lead_changes *c)
{
	if (!c)
		return;
	strmap_free(&c->households);
	strmap_free(&c->people);
	strmap_free(&c->leads);
	strmap_free(&c->keys);
	free(c);
}
