/* Helpers the three import kinds share: verdicts, dates, villages, keys. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "access/area.h"
#include "io/import_impl.h"
#include "register/privacy.h"
#include "access/scope.h"

/* Notes repeat ("新线索" on most rows of a list): each text is kept once. */
__attribute__((format(printf, 2, 0)))
static const char *keep_note(struct import *im, const char *fmt, va_list ap)
{
	char buf[512];
	vsnprintf(buf, sizeof buf, fmt, ap);
	if (im->last_note && !strcmp(im->last_note, buf))
		return im->last_note;   /* most rows say what the row before said */
	int64_t *at = strmap_get(&im->notes, buf);
	if (at)
		return im->last_note = (const char *)(intptr_t)*at;
	char *copy = arena_strdup(&im->arena, buf);
	if (!copy || strmap_put(&im->notes, buf, (int64_t)(intptr_t)copy) != 0)
		return "内存不足";
	return im->last_note = copy;
}

int import_reject(struct import *im, struct import_row *r, enum import_triage t, const char *fmt,
                  ...)
{
	va_list ap;
	va_start(ap, fmt);
	r->note = keep_note(im, fmt, ap);
	va_end(ap);
	r->verdict = IMPORT_REJECT;
	r->triage = t;
	return 0;
}

int import_skip(struct import *im, struct import_row *r, enum import_triage t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	r->note = keep_note(im, fmt, ap);
	va_end(ap);
	r->verdict = IMPORT_SKIP;
	r->triage = t;
	return 0;
}

int import_done(const struct import_row *r)
{
	return r->verdict == IMPORT_REJECT || r->verdict == IMPORT_SKIP;
}

void import_note(struct import *im, struct import_row *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	r->note = keep_note(im, fmt, ap);
	va_end(ap);
}

void import_who(struct import *im, struct import_row *r, const char *name, const char *id_no)
{
	char masked[20] = "", who[96];
	if (id_no && *id_no)
		privacy_id(im->s, id_no, masked);
	snprintf(who, sizeof who, "%.63s%s%s", name ? name : "", *masked ? " " : "", masked);
	import_set_who(im, r, who);
}

void import_set_who(struct import *im, struct import_row *r, const char *who)
{
	if (!strcmp(r->who, who))
		return;   /* said again once the ID is normalised: often the same */
	const char *copy = arena_strdup(&im->arena, who);
	r->who = copy ? copy : "";
}

/* 2026年5月3日 → 2026-5-3; "2026-05-03 00:00:00" (a spreadsheet's date
 * with time) → 2026-05-03.  The result goes to date_parse, the rule the
 * forms use. */
static void plain_date(const char *in, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = in; *p && o + 1 < n;) {
		if (!strncmp(p, "年", 3) || !strncmp(p, "月", 3)) {
			out[o++] = '-';
			p += 3;
		} else if (!strncmp(p, "日", 3) || !strncmp(p, "号", 3)) {
			p += 3;
		} else if (*p == ' ' || *p == 'T') {
			break;   /* the time of day */
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = 0;
}

jday import_date(struct import *im, struct import_row *r, const char *cell,
                 const char *label, jday dflt)
{
	if (!*cell) {
		if (dflt == JDAY_NONE)
			import_reject(im, r, TRIAGE_NONE, "%s不能为空", label);
		return dflt;
	}
	char buf[64];
	plain_date(cell, buf, sizeof buf);
	jday d = strlen(cell) < 40 ? date_parse(buf) : JDAY_NONE;
	if (d == JDAY_NONE) {
		import_reject(im, r, TRIAGE_NONE, "%s“%s”不是有效的日期（例如 2026-05-03）", label, cell);
		return JDAY_NONE;
	}
	if (d > im->today) {
		import_reject(im, r, TRIAGE_NONE, "%s“%s”晚于今天", label, cell);
		return JDAY_NONE;
	}
	return d;
}

static int64_t find_village(struct import *im, struct import_row *r, const char *township,
                            const char *village)
{
	struct area a;
	struct jerr e = { 0 };
	int rc = area_find_village(im->s->db, *township ? township : NULL, village, &a, &e);
	if (rc < 0 || (rc == 0 && e.msg[0]))
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg);
	if (rc == 0)
		return import_reject(im, r, TRIAGE_NONE, "找不到%s的村（社区）“%s”", township, village);
	if (!scope_area(im->s, a.id)) {
		char full[160];
		area_full_name(im->s->db, a.id, full, sizeof full);
		return import_skip(im, r, TRIAGE_OUTSIDE, "%s不在您的辖区", full);
	}
	return a.id;
}

/* Area names hold no spaces: "保家镇 新田村" is 保家镇新田村. */
static void no_spaces(const char *in, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = in; *p && o + 1 < n;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (!strncmp(p, "\xE3\x80\x80", 3))   /* U+3000 */
			p += 3;
		else
			out[o++] = *p++;
	}
	out[o] = 0;
}

int64_t import_village(struct import *im, struct import_row *r, const char *township_cell,
                       const char *village_cell)
{
	char township[192], whole[192];
	no_spaces(township_cell, township, sizeof township);
	no_spaces(village_cell, whole, sizeof whole);
	const char *village = whole;
	/* "保家镇" + "保家镇龙阳村": the village cell already names the township */
	size_t tl = strlen(township);
	if (tl && !strncmp(village, township, tl) && village[tl])
		village += tl;
	if (!*village)
		return import_reject(im, r, TRIAGE_NONE, "未填写村（社区）");
	char key[400];
	snprintf(key, sizeof key, "%s\x1f%s", township, village);
	int64_t *hit = strmap_get(&im->places, key);
	if (hit)
		return *hit;
	int64_t id = find_village(im, r, township, village);
	if (id)
		strmap_put(&im->places, key, id);
	return id;
}

/* FNV-1a, and a second, differently mixed hash beside it */
static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (h ^ 0x1f) * 1099511628211u;   /* a separator: "ab","c" differs from "a","bc" */
}

static uint64_t mix(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h = (h ^ (unsigned char)*s) * 0xff51afd7ed558ccdu;
		h ^= h >> 33;
	}
	h = (h ^ 0x1f) * 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 29);
}

void import_digest(const char *const *parts, int n, char out[40])
{
	/* 128 bits from two unrelated hashes: two different rows never share a
	 * key in any county's lifetime */
	uint64_t a = 1469598103934665603u, b = 0x9e3779b97f4a7c15u;
	for (int i = 0; i < n; i++) {
		a = fnv(a, parts[i]);
		b = mix(b, parts[i]);
	}
	/* "%016llx%016llx", without printf's parsing a hundred thousand times */
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		out[i] = hex[(a >> (60 - 4 * i)) & 15];
		out[16 + i] = hex[(b >> (60 - 4 * i)) & 15];
	}
	out[32] = 0;
}

const char *import_triage_label(enum import_triage t)
{
	static const char *const labels[TRIAGE_COUNT] = {
		"", "已在监测", "已有线索（合并）", "此前已消除", "新线索", "不在辖区", "户已注销",
	};
	return t >= 0 && t < TRIAGE_COUNT ? labels[t] : "";
}

const char *import_verdict_label(enum import_verdict v)
{
	switch (v) {
	case IMPORT_NEW: return "新增";
	case IMPORT_MERGE: return "合并";
	case IMPORT_SAME: return "已有";
	case IMPORT_SKIP: return "跳过";
	default: return "未通过";
	}
}

const char *import_text(struct import *im, struct import_row *r, enum ifield f, size_t size)
{
	const char *v = import_cell(im, f);
	if (strlen(v) >= size)
		return import_reject(im, r, TRIAGE_NONE, "“%s”一栏太长（最多 %zu 个汉字）",
		                     import_header(im, f), (size - 1) / 3), NULL;
	return v;
}

int import_copy(struct import *im, struct import_row *r, enum ifield f, char *dst, size_t size)
{
	const char *v = import_cell(im, f);
	if (strlen(v) >= size)
		return import_reject(im, r, TRIAGE_NONE, "“%s”一栏太长（最多 %zu 个汉字）",
		                     import_header(im, f), (size - 1) / 3), -1;
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}
