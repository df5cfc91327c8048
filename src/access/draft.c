#include "access/draft.h"

#include <stdio.h>
#include <string.h>

#include "access/draft_file.h"

/* Into the database, alone and short: it also runs while the console ends
 * after a hangup.  1 saved, 0 the database cannot take it now (locked,
 * full, read-only: the caller keeps it elsewhere), -1 another failure. */
static int save_db(struct session *s, const char *screen, const char *key, const char *title,
                   const char *payload, const char *saved_at)
{
	if (store_begin(s->db) != 0)
		return store_unwritable(s->db) ? 0 : -1;
	/* a draft from the private folder keeps the time it was typed, and
	 * never replaces one saved later */
	int rc = store_exec(s->db,
		"INSERT INTO drafts(officer_id, screen, key, title, payload, saved_at)"
		" VALUES (?,?,?,?,?, coalesce(?, strftime('%Y-%m-%d %H:%M','now','localtime')))"
		" ON CONFLICT(officer_id, screen, key) DO UPDATE SET title = excluded.title,"
		" payload = excluded.payload, saved_at = excluded.saved_at"
		" WHERE excluded.saved_at >= drafts.saved_at",
		"lttttT", s->me.id, screen, key, title ? title : "", payload, saved_at);
	if (rc != 0 || store_commit(s->db) != 0) {
		int later = store_unwritable(s->db);
		store_rollback(s->db);
		return later ? 0 : -1;
	}
	return 1;
}

int draft_save(struct session *s, const char *screen, const char *key, const char *title,
               const char *payload, struct jerr *e)
{
	int rc = save_db(s, screen, key, title, payload, NULL);
	if (rc == 1) {
		draft_file_remove(s->me.login, screen, key);   /* an older one kept aside */
		return 0;
	}
	if (rc == 0)
		return draft_file_save(s->me.login, screen, key, title, payload, e);
	return jerr_set(e, "", "草稿未保存: %s", store_errmsg(s->db));
}

static int adopt_one(void *arg, const struct draft *d, const char *payload)
{
	return save_db(arg, d->screen, d->key, d->title, payload, d->saved_at) == 1;
}

/* Drafts kept aside while the database could not take them move into it
 * as soon as it can: at the next start, when the drafts are asked for.
 * Nobody waits for this: if another officer is writing, they stay aside
 * (and are offered from there) until the next time. */
#define ADOPT_WAIT_MS 200

static void adopt_files(struct session *s)
{
	int was = store_wait_limit(s->db, ADOPT_WAIT_MS);
	draft_file_each(s->me.login, adopt_one, s);
	store_wait_limit(s->db, was);
}

int draft_load(struct session *s, const char *screen, const char *key, char *out, size_t n)
{
	adopt_files(s);
	if (store_text(s->db, out, n,
		"SELECT payload FROM drafts WHERE officer_id = ? AND screen = ? AND key = ?",
		"ltt", s->me.id, screen, key) == 1)
		return 1;
	return draft_file_load(s->me.login, screen, key, out, n);
}

int draft_discard(struct session *s, const char *screen, const char *key)
{
	draft_file_remove(s->me.login, screen, key);
	return store_exec(s->db, "DELETE FROM drafts WHERE officer_id = ? AND screen = ? AND key = ?",
	                  "ltt", s->me.id, screen, key);
}

struct listing {
	struct draft *out;
	int n, max;
};

/* A draft still aside (the database is still busy) is offered all the same. */
static int list_file(void *arg, const struct draft *d, const char *payload)
{
	(void)payload;
	struct listing *l = arg;
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->out[i].screen, d->screen) && !strcmp(l->out[i].key, d->key))
			return 0;
	if (l->n < l->max)
		l->out[l->n++] = *d;
	return 0;
}

int draft_list(struct session *s, struct draft *out, int max)
{
	adopt_files(s);
	struct stmt *st = store_prep(s->db,
		"SELECT id, screen, key, title, saved_at FROM drafts WHERE officer_id = ?"
		" ORDER BY saved_at DESC, id DESC", "l", s->me.id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1) {
		struct draft *d = &out[n++];
		d->id = stmt_int(st, 0);
		snprintf(d->screen, sizeof d->screen, "%s", stmt_text(st, 1));
		snprintf(d->key, sizeof d->key, "%s", stmt_text(st, 2));
		snprintf(d->title, sizeof d->title, "%s", stmt_text(st, 3));
		snprintf(d->saved_at, sizeof d->saved_at, "%s", stmt_text(st, 4));
	}
	stmt_done(st);
	struct listing l = { out, n, max };
	draft_file_each(s->me.login, list_file, &l);
	return l.n;
}

int draft_put(char *buf, size_t n, const char *name, const char *value)
{
	size_t len = strlen(buf);
	int w = snprintf(buf + len, n - len, "%s=%s\n", name, value ? value : "");
	if (w < 0 || (size_t)w >= n - len) {
		buf[len] = 0;
		return -1;
	}
	return 0;
}

struct get_arg {
	const char *name;
	char *out;
	size_t n;
	int found;
};

static void get_one(void *arg, const char *name, const char *value)
{
	struct get_arg *g = arg;
	if (!g->found && !strcmp(name, g->name)) {
		snprintf(g->out, g->n, "%s", value);
		g->found = 1;
	}
}

int draft_get(const char *payload, const char *name, char *out, size_t n)
{
	struct get_arg g = { name, out, n, 0 };
	if (n)
		out[0] = 0;
	draft_each(payload, get_one, &g);
	return g.found;
}

void draft_each(const char *payload, void (*fn)(void *arg, const char *name, const char *value),
                void *arg)
{
	char line[1024];
	for (const char *p = payload; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len < sizeof line) {
			memcpy(line, p, len);
			line[len] = 0;
			char *eq = strchr(line, '=');
			if (eq) {
				*eq = 0;
				fn(arg, line, eq + 1);
			}
		}
		p += len + (end ? 1 : 0);
	}
}
