#include "access/draft.h"

#include <stdio.h>
#include <string.h>

int draft_save(struct session *s, const char *screen, const char *key, const char *title,
               const char *payload, struct jerr *e)
{
	/* short and alone: it runs while the console ends after a hangup */
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，草稿未保存");
	int rc = store_exec(s->db,
		"INSERT INTO drafts(officer_id, screen, key, title, payload) VALUES (?,?,?,?,?)"
		" ON CONFLICT(officer_id, screen, key) DO UPDATE SET title = excluded.title,"
		" payload = excluded.payload,"
		" saved_at = strftime('%Y-%m-%d %H:%M','now','localtime')",
		"ltttt", s->me.id, screen, key, title ? title : "", payload);
	if (rc != 0 || store_commit(s->db) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "草稿未保存: %s", store_errmsg(s->db));
	}
	return 0;
}

int draft_load(struct session *s, const char *screen, const char *key, char *out, size_t n)
{
	return store_text(s->db, out, n,
		"SELECT payload FROM drafts WHERE officer_id = ? AND screen = ? AND key = ?",
		"ltt", s->me.id, screen, key) == 1;
}

int draft_discard(struct session *s, const char *screen, const char *key)
{
	return store_exec(s->db, "DELETE FROM drafts WHERE officer_id = ? AND screen = ? AND key = ?",
	                  "ltt", s->me.id, screen, key);
}

int draft_list(struct session *s, struct draft *out, int max)
{
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
	return n;
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
