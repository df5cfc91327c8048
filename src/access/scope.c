#include "access/scope.h"

const char *scope_column(const struct scope *sc)
{
	switch (sc->level) {
	case LEVEL_VILLAGE: return "village_id";
	case LEVEL_TOWNSHIP: return "township_id";
	default: return "county_id";
	}
}

int64_t scope_value(const struct scope *sc) { return sc->area_id; }

int scope_allows(const struct scope *sc, int64_t county, int64_t township, int64_t village)
{
	switch (sc->level) {
	case LEVEL_VILLAGE: return village == sc->area_id;
	case LEVEL_TOWNSHIP: return township == sc->area_id;
	case LEVEL_COUNTY: return county == sc->area_id;
	default: return 0;
	}
}

int scope_household(struct session *s, int64_t household_id)
{
	struct stmt *st = store_prep(s->db,
		"SELECT county_id, township_id, village_id FROM households WHERE id = ?", "l",
		household_id);
	int ok = 0;
	if (st && stmt_step(st) == 1)
		ok = scope_allows(&s->scope, stmt_int(st, 0), stmt_int(st, 1), stmt_int(st, 2));
	stmt_done(st);
	return ok;
}

int scope_area(struct session *s, int64_t area_id)
{
	struct stmt *st = store_prep(s->db,
		"SELECT level, id, county_id, township_id, village_id FROM areas WHERE id = ?", "l",
		area_id);
	int ok = 0;
	if (st && stmt_step(st) == 1) {
		int level = (int)stmt_int(st, 0);
		int64_t self = stmt_int(st, 1);
		/* an area's own id stands in for the ancestor column of its level */
		int64_t c = level == LEVEL_COUNTY ? self : stmt_int(st, 2);
		int64_t t = level == LEVEL_TOWNSHIP ? self : stmt_int(st, 3);
		int64_t v = level == LEVEL_VILLAGE ? self : stmt_int(st, 4);
		ok = level >= s->scope.level && scope_allows(&s->scope, c, t, v);
	}
	stmt_done(st);
	return ok;
}

const char *scope_area_predicate(const struct scope *sc)
{
	switch (sc->level) {
	case LEVEL_VILLAGE: return "(a.id = ?1 OR a.village_id = ?1)";
	case LEVEL_TOWNSHIP: return "(a.id = ?1 OR a.township_id = ?1)";
	default: return "(a.id = ?1 OR a.county_id = ?1)";
	}
}
