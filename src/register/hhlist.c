#include "register/hhlist.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "access/area.h"
#include "register/flags.h"
#include "access/scope.h"
#include "base/text.h"

/* Parameters by number, so the same WHERE text serves count and page.
 * P_E1, P_E2: where the prefixes P_S1, P_S2 end (text_prefix_end). */
enum { P_SCOPE = 1, P_AREA, P_STATUS, P_TYPE, P_RISK, P_CONTACT, P_S1, P_S2, P_LIMIT, P_OFFSET,
       P_E1 = 18, P_E2 };

enum search_kind hhlist_search_kind(const char *text)
{
	int han = 0, latin = 0, digit = 0, other = 0;
	mbstate_t st = { 0 };
	for (const char *p = text; *p;) {
		wchar_t c;
		size_t n = mbrtowc(&c, p, strlen(p), &st);
		if (n == (size_t)-1 || n == (size_t)-2)
			return SEARCH_BAD;
		p += n;
		if (text_is_han((uint32_t)c))
			han++;
		else if (c < 128 && isalpha((int)c))
			latin++;
		else if (c < 128 && isdigit((int)c))
			digit++;
		else if (c != ' ' && c != 0xB7)
			other++;
	}
	if (han)
		return SEARCH_HAN;
	if (!latin && !digit)
		return other ? SEARCH_BAD : SEARCH_NONE;
	if (latin && !digit)
		return other ? SEARCH_BAD : SEARCH_PINYIN;
	/* an ID may end in X */
	size_t len = strlen(text);
	if (!other && latin == 1 && (text[len - 1] == 'x' || text[len - 1] == 'X'))
		return SEARCH_DIGITS;
	return !latin && !other ? SEARCH_DIGITS : SEARCH_BAD;
}

/* When a search's matching index entries reach this many, walking the
 * officer's households in list order (EXISTS per household, stopping after
 * a page) is cheaper than gathering every match (IN).  A township or a
 * village has few households, so walking wins there sooner. */
static int probe_limit(const struct session *s)
{
	switch (s->scope.level) {
	case LEVEL_VILLAGE: return 200;
	case LEVEL_TOWNSHIP: return 2000;
	default: return 10000;
	}
}

/* How many names hold the phrase, counted up to limit. */
static int64_t han_count(struct session *s, const char *phrase, int limit)
{
	char match[128], sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT 1 FROM member_names WHERE %s"
	         " LIMIT ?2) AS n", store_names_match(s->db, "?1", match, sizeof match));
	struct stmt *st = store_prepd(s->db, sql);
	int64_t n = 0;
	if (st && stmt_bind_text(st, 1, phrase) == 0 && stmt_bind_int(st, 2, limit) == 0 &&
	    stmt_step(st) == 1)
		n = stmt_int(st, 0);
	stmt_done(st);
	return n;
}

/* 1 when the search is broad: the probe reads at most probe_limit() index
 * entries (a few milliseconds at most). */
static int search_broad(struct session *s, enum search_kind k, const char *v1, const char *e1)
{
	int limit = probe_limit(s);
	int64_t n = 0;
	if (k == SEARCH_HAN)
		n = han_count(s, v1, limit);
	else if (k == SEARCH_PINYIN)
		n = store_int(s->db, 0, "SELECT (SELECT count(*) FROM (SELECT 1 FROM members"
		              " WHERE initials >= ?1 AND initials < ?2 LIMIT ?3) AS i)"
		              " + (SELECT count(*) FROM (SELECT 1 FROM members"
		              " WHERE pinyin >= ?1 AND pinyin < ?2 LIMIT ?3) AS p)", "tti", v1, e1, limit);
	else if (k == SEARCH_DIGITS)
		n = store_int(s->db, 0, "SELECT count(*) FROM (SELECT 1 FROM households"
		              " WHERE hh_no >= ? AND hh_no < ? LIMIT ?) AS h", "tti", v1, e1, limit);
	return n >= limit;
}

struct built {
	char sql[16384];   /* an export's columns come first: 80 of the national layout */
	char s1[400], s2[400];
	char e1[400], e2[400];   /* where the prefixes s1, s2 end */
	int64_t area_id;
};

/* The Han characters of text, for instr() on names (broad searches). */
static void han_only(const char *text, char *out, size_t n)
{
	size_t o = 0;
	mbstate_t st = { 0 };
	for (const char *p = text; *p;) {
		wchar_t c;
		size_t k = mbrtowc(&c, p, strlen(p), &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
			break;
		if (text_is_han((uint32_t)c) && o + k < n) {
			memcpy(out + o, p, k);
			o += k;
		}
		p += k;
	}
	out[o] = 0;
}

/* An FTS phrase of the Han characters, one token each. */
static void han_phrase(const char *text, char *v1, size_t n)
{
	size_t o = 0;
	v1[o++] = '"';
	mbstate_t st = { 0 };
	for (const char *p = text; *p && o + 8 < n;) {
		wchar_t c;
		size_t k = mbrtowc(&c, p, strlen(p), &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
			break;
		if (text_is_han((uint32_t)c)) {
			if (o > 1)
				v1[o++] = ' ';
			memcpy(v1 + o, p, k);
			o += k;
		}
		p += k;
	}
	v1[o++] = '"';
	v1[o] = 0;
}

static const char *han_clause(struct session *s, const char *text, char *v1, char *v2,
                              size_t n)
{
	han_phrase(text, v1, n);
	if (!search_broad(s, SEARCH_HAN, v1, "")) {
		/* the statement is prepared by its text: the engine's words are kept here */
		static char clause[256];
		char match[128];
		snprintf(clause, sizeof clause, " AND h.id IN (SELECT m.household_id FROM members m"
		         " WHERE m.id IN (SELECT rowid FROM member_names WHERE %s))",
		         store_names_match(s->db, "?7", match, sizeof match));
		return clause;
	}
	/* the phrase's characters in a row: the same as instr() on the name */
	han_only(text, v2, n);
	return " AND EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id"
	       " AND instr(m.name, ?8) > 0)";
}

/* A prefix search is the range [v, e): the typed text is a value, never a
 * pattern, and both engines walk the column's index for it.  The search
 * kinds that use it have letters or digits, so an end always exists. */
static int prefix_range(const char *v, char *e, size_t n)
{
	return text_prefix_end(v, e, n) == 1 ? 0 : -1;
}

static const char *pinyin_clause(struct session *s, const char *text, char *v1, char *e1,
                                 size_t n)
{
	size_t len = strlen(text);
	for (size_t i = 0; i <= len && i < n - 1; i++)
		v1[i] = (char)tolower((unsigned char)text[i]);
	v1[n - 1] = 0;
	if (prefix_range(v1, e1, n) != 0)
		return " AND 0 = 1";
	if (!search_broad(s, SEARCH_PINYIN, v1, e1))
		return " AND h.id IN (SELECT household_id FROM members WHERE initials >= ?7"
		       " AND initials < ?18 UNION SELECT household_id FROM members"
		       " WHERE pinyin >= ?7 AND pinyin < ?18)";
	return " AND EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id"
	       " AND ((m.initials >= ?7 AND m.initials < ?18) OR (m.pinyin >= ?7 AND m.pinyin < ?18)))";
}

static const char *digits_clause(struct session *s, const char *text, struct built *b)
{
	char *v1 = b->s1, *v2 = b->s2;
	size_t n = sizeof b->s1;
	size_t len = strlen(text);
	if (len == 18) {
		snprintf(v1, n, "%s", text);
		if (v1[17] == 'x')
			v1[17] = 'X';
		return " AND (h.id IN (SELECT household_id FROM members WHERE id_no = ?7)"
		       " OR h.id IN (SELECT id FROM households WHERE nat_no <> '' AND nat_no = ?7))";
	}
	snprintf(v1, n, "%s", text);
	for (size_t i = 0; i < len && i < 6; i++)
		v2[i] = (char)toupper((unsigned char)text[len - 1 - i]);
	v2[len < 6 ? len : 6] = 0;
	if (prefix_range(v1, b->e1, n) != 0 || prefix_range(v2, b->e2, n) != 0)
		return " AND 0 = 1";
	/* "|| ''": a prefix most numbers share must not pick the hh_no index
	 * and sort every row; walking in list order finds a page at once */
	int broad = search_broad(s, SEARCH_DIGITS, v1, b->e1);
	/* the national system's 户编号 too (issue 15): through its partial
	 * index, which only a term naming nat_no <> '' may use */
#define NAT " OR h.id IN (SELECT id FROM households WHERE nat_no <> '' AND nat_no >= ?7" \
	" AND nat_no < ?18)"
#define TAIL " OR h.id IN (SELECT household_id FROM members WHERE id_tail >= ?8 AND id_tail < ?19)"
#define WALK " AND (((h.hh_no || '') >= ?7 AND (h.hh_no || '') < ?18)" NAT
/* few rows: their ids first, as one set of index lookups (PostgreSQL
 * otherwise walks the list's order and tests all 200,000 rows, 250 ms) */
#define SEEK " AND h.id IN (SELECT id FROM households WHERE hh_no >= ?7 AND hh_no < ?18" \
	" UNION SELECT id FROM households WHERE nat_no <> '' AND nat_no >= ?7 AND nat_no < ?18"
#define SEEK_TAIL " UNION SELECT household_id FROM members WHERE id_tail >= ?8 AND id_tail < ?19"
	if (len >= 4 && len <= 6)
		return broad ? WALK TAIL ")" : SEEK SEEK_TAIL ")";
	return broad ? WALK ")" : SEEK ")";
#undef NAT
#undef TAIL
#undef WALK
#undef SEEK
#undef SEEK_TAIL
}

/* The search box as a clause and its values. */
static const char *search_clause(struct session *s, const char *text, struct built *b)
{
	size_t n = sizeof b->s1;
	switch (hhlist_search_kind(text)) {
	case SEARCH_HAN: return han_clause(s, text, b->s1, b->s2, n);
	case SEARCH_PINYIN: return pinyin_clause(s, text, b->s1, b->e1, n);
	case SEARCH_DIGITS: return digits_clause(s, text, b);
	case SEARCH_BAD: return " AND 0 = 1";
	default: return "";
	}
}

static const char *area_column(struct session *s, int64_t area_id)
{
	struct area a;
	if (area_get(s->db, area_id, &a) != 1 || !scope_area(s, area_id))
		return NULL;
	switch (a.level) {
	case LEVEL_COUNTY: return "h.county_id";
	case LEVEL_TOWNSHIP: return "h.township_id";
	case LEVEL_VILLAGE: return "h.village_id";
	default: return "h.group_id";
	}
}

static void add(struct built *b, const char *a, const char *c)
{
	size_t n = strlen(b->sql);
	snprintf(b->sql + n, sizeof b->sql - n, "%s%s", a, c ? c : "");
}

/* Only fixed fragments go into the SQL text; every value is a parameter. */
static void where(struct session *s, const struct hh_filter *f, struct built *b)
{
	add(b, " WHERE h.", scope_column(&s->scope));
	add(b, " = ?1", NULL);
	if (f->village_id) {
		const char *col = area_column(s, f->village_id);
		add(b, col ? " AND " : " AND 0 = 1", col);
		add(b, col ? " = ?2" : "", NULL);
	}
	if (*f->status)
		add(b, " AND h.status = ?3", NULL);
	if (*f->hh_type)
		add(b, " AND h.hh_type = ?4", NULL);
	if (*f->risk)
		add(b, " AND h.id IN (SELECT household_id FROM household_risks WHERE risk = ?5)", NULL);
	if (f->contact_id > 0)
		add(b, " AND h.contact_id = ?6", NULL);
	else if (f->contact_id < 0)
		add(b, " AND h.contact_id IS NULL", NULL);
	for (int i = 0; i < FLAG_COUNT; i++)
		if (f->flags & (1 << i))
			add(b, " AND ", flag_predicate((enum flag)(1 << i)));
	add(b, search_clause(s, f->search, b), NULL);
}

static void bind_all(struct session *s, const struct hh_filter *f, const struct built *b,
                     struct stmt *st)
{
	stmt_bind_int(st, P_SCOPE, scope_value(&s->scope));
	stmt_bind_int(st, P_AREA, f->village_id);
	stmt_bind_text(st, P_STATUS, f->status);
	stmt_bind_text(st, P_TYPE, f->hh_type);
	stmt_bind_text(st, P_RISK, f->risk);
	stmt_bind_int(st, P_CONTACT, f->contact_id);
	stmt_bind_text(st, P_S1, b->s1);
	stmt_bind_text(st, P_S2, b->s2);
	stmt_bind_text(st, P_E1, b->e1);
	stmt_bind_text(st, P_E2, b->e2);
	struct flag_dates d;
	flag_dates(s, &d);
	flags_bind(st, &d);
}

/* Binding a number the chosen fragments do not use fails harmlessly
 * (SQLITE_RANGE), so one binder serves every combination. */
int64_t hhlist_count(struct session *s, const struct hh_filter *f)
{
	struct built b = { 0 };
	add(&b, "SELECT count(*) FROM households h", NULL);
	where(s, f, &b);
	struct stmt *st = store_prepd(s->db, b.sql);
	if (!st)
		return 0;
	bind_all(s, f, &b, st);
	int64_t n = stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}

int64_t hhlist_count_upto(struct session *s, const struct hh_filter *f, int64_t cap)
{
	struct stmt *st = hhlist_prepare(s, f, "SELECT count(*) FROM (SELECT 1 FROM households h",
	                                 " LIMIT ?11) AS upto");
	if (!st)
		return 0;
	stmt_bind_int(st, 11, cap + 1);
	int64_t n = stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}

struct stmt *hhlist_prepare(struct session *s, const struct hh_filter *f, const char *head,
                            const char *tail)
{
	struct built b = { 0 };
	add(&b, head, NULL);
	where(s, f, &b);
	add(&b, tail, NULL);
	struct stmt *st = store_prepd(s->db, b.sql);
	if (st)
		bind_all(s, f, &b, st);
	return st;
}

/* NULLS FIRST/LAST: where SQLite puts them (below every value), which
 * PostgreSQL would not (households never visited, of no type yet). */
static const char *order_by(const struct hh_filter *f)
{
	static const char *asc[] = {
		[SORT_NAME] = " ORDER BY h.head_pinyin, h.id",
		[SORT_NO] = " ORDER BY h.hh_no",
		[SORT_VILLAGE] = " ORDER BY v.pinyin, h.head_pinyin, h.id",
		[SORT_STATUS] = " ORDER BY instr('线索识别中监测中消除中风险已消除未纳入已注销', h.status), h.head_pinyin, h.id",
		[SORT_TYPE] = " ORDER BY h.hh_type NULLS FIRST, h.head_pinyin, h.id",
		[SORT_VISIT] = " ORDER BY h.last_visit_on NULLS FIRST, h.head_pinyin, h.id",
	};
	static const char *desc[] = {
		[SORT_NAME] = " ORDER BY h.head_pinyin DESC, h.id DESC",
		[SORT_NO] = " ORDER BY h.hh_no DESC",
		[SORT_VILLAGE] = " ORDER BY v.pinyin DESC, h.head_pinyin, h.id",
		[SORT_STATUS] = " ORDER BY instr('线索识别中监测中消除中风险已消除未纳入已注销', h.status) DESC, h.head_pinyin, h.id",
		[SORT_TYPE] = " ORDER BY h.hh_type DESC NULLS LAST, h.head_pinyin, h.id",
		[SORT_VISIT] = " ORDER BY h.last_visit_on DESC NULLS LAST, h.head_pinyin, h.id",
	};
	int k = f->sort >= SORT_NAME && f->sort <= SORT_VISIT ? f->sort : SORT_NAME;
	return f->desc ? desc[k] : asc[k];
}

static void flag_bits(struct built *b)
{
	add(b, ", (0", NULL);
	for (int i = 0; i < FLAG_COUNT; i++) {
		char part[32];
		snprintf(part, sizeof part, " THEN %d ELSE 0 END)", 1 << i);
		add(b, " | (CASE WHEN ", flag_predicate((enum flag)(1 << i)));
		add(b, part, NULL);
	}
	add(b, ")", NULL);
}

static void read_row(struct stmt *st, struct hh_row *r)
{
	int c = 0;
	memset(r, 0, sizeof *r);
#define TXT(f) snprintf(r->f, sizeof r->f, "%s", stmt_text(st, c++))
	r->id = stmt_int(st, c++);
	TXT(hh_no); TXT(head_name); TXT(township); TXT(village); TXT(group); TXT(hh_type);
	TXT(status); TXT(contact);
	r->size = (int)stmt_int(st, c++);
	TXT(identified_on); TXT(last_visit_on); TXT(phone);
#undef TXT
	r->flags = (int)stmt_int(st, c++);
}

/* The page's ids are chosen first (the filter, the order, LIMIT/OFFSET:
 * only indexed columns), and names, flags and contact persons are read for
 * those rows alone: a sorter computes every column of every candidate, and
 * the flag predicates are subqueries. */
int hhlist_page(struct session *s, const struct hh_filter *f, int64_t offset, int max,
                struct hh_row *out)
{
	struct built b = { 0 };
	add(&b, "SELECT h.id, h.hh_no, h.head_name, t.name, v.name, g.name, h.hh_type, h.status,"
	        " c.name, h.size, h.identified_on, h.last_visit_on, h.phone", NULL);
	flag_bits(&b);
	add(&b, " FROM (SELECT h.id FROM households h JOIN areas v ON v.id = h.village_id", NULL);
	where(s, f, &b);
	add(&b, order_by(f), " LIMIT ?9 OFFSET ?10) AS page JOIN households h ON h.id = page.id"
	    " JOIN areas t ON t.id = h.township_id JOIN areas v ON v.id = h.village_id"
	    " LEFT JOIN areas g ON g.id = h.group_id LEFT JOIN contacts c ON c.id = h.contact_id");
	add(&b, order_by(f), NULL);
	struct stmt *st = store_prepd(s->db, b.sql);
	if (!st)
		return 0;
	bind_all(s, f, &b, st);
	stmt_bind_int(st, P_LIMIT, max);
	stmt_bind_int(st, P_OFFSET, offset);
	int n = 0;
	while (n < max && stmt_step(st) == 1)
		read_row(st, &out[n++]);
	stmt_done(st);
	return n;
}

int hhlist_each(struct session *s, const struct hh_filter *f,
                int (*fn)(void *arg, const struct hh_row *r), void *arg)
{
	static struct hh_row rows[500];
	int64_t off = 0;
	int n;
	/* a page at a time: no read transaction stays open across pages */
	while ((n = hhlist_page(s, f, off, 500, rows)) > 0) {
		for (int i = 0; i < n; i++)
			if (fn(arg, &rows[i]) != 0)
				return -1;
		off += n;
		if (n < 500)
			break;
	}
	return 0;
}
