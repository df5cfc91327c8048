#include "register/choices.h"

#include <stdio.h>
#include <string.h>

#include "access/scope.h"

/* Stored readings are either plain ("longyangcun") or sort keys ("li ping"
 * \x01 "李萍", pinyin.h): keep the letters before \x01. */
static void plain_reading(const char *in, char *out, size_t n)
{
	size_t o = 0;
	for (; *in && *in != '\x01' && o + 1 < n; in++)
		if (*in != ' ')
			out[o++] = *in;
	out[o] = 0;
}

static void read_choice(struct stmt *st, struct choice *c, const char *prefix)
{
	c->id = stmt_int(st, 0);
	snprintf(c->text, sizeof c->text, "%s%s", prefix, stmt_text(st, 1));
	plain_reading(stmt_text(st, 2), c->pinyin, sizeof c->pinyin);
	plain_reading(stmt_text(st, 3), c->initials, sizeof c->initials);
}

int choice_areas(struct session *s, int level, struct choice *out, int max)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		"SELECT a.id, a.name, a.pinyin, a.initials, coalesce(t.name, '') FROM areas a"
		" LEFT JOIN areas t ON t.id = a.township_id AND a.level > 2"
		" WHERE a.level = ?2 AND %s ORDER BY t.pinyin, a.pinyin, a.code",
		scope_area_predicate(&s->scope));
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return 0;
	stmt_bind_int(st, 1, scope_value(&s->scope));
	stmt_bind_int(st, 2, level);
	int n = 0;
	int with_township = level == LEVEL_VILLAGE && s->scope.level < LEVEL_TOWNSHIP;
	while (n < max && stmt_step(st) == 1) {
		char prefix[96];
		snprintf(prefix, sizeof prefix, "%s", with_township ? stmt_text(st, 4) : "");
		read_choice(st, &out[n++], prefix);
	}
	stmt_done(st);
	return n;
}

int choice_groups(struct session *s, int64_t village_id, struct choice *out, int max)
{
	if (!village_id || !scope_area(s, village_id))
		return 0;
	struct stmt *st = store_prep(s->db,
		"SELECT id, name, pinyin, initials FROM areas WHERE parent_id = ? AND level = 4"
		" ORDER BY code", "l", village_id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		read_choice(st, &out[n++], "");
	stmt_done(st);
	return n;
}

int choice_contacts(struct session *s, struct choice *out, int max)
{
	char sql[640];
	/* a township's contact person may look after a village officer's households */
	snprintf(sql, sizeof sql,
		"SELECT c.id, c.name || '（' || a.name || '）', c.pinyin, c.initials FROM contacts c"
		" JOIN areas a ON a.id = c.area_id WHERE c.active <> 0 AND (%s OR c.id IN"
		" (SELECT contact_id FROM households WHERE %s = ?1)) ORDER BY c.pinyin, c.id",
		scope_area_predicate(&s->scope), scope_column(&s->scope));
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return 0;
	stmt_bind_int(st, 1, scope_value(&s->scope));
	int n = 0;
	while (n < max && stmt_step(st) == 1)
		read_choice(st, &out[n++], "");
	stmt_done(st);
	return n;
}
