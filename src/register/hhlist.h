/* The household list: filters, the one search box of SPEC §7, sorting and
 * paging, always inside the officer's scope.  Shared by the console list,
 * exports and printing, so "what is shown" and "what is exported" agree. */
#ifndef JIANCE_HHLIST_H
#define JIANCE_HHLIST_H

#include <stdint.h>

#include "access/session.h"

enum hh_sort { SORT_NAME, SORT_NO, SORT_VILLAGE, SORT_STATUS, SORT_TYPE, SORT_VISIT };

struct hh_filter {
	int64_t village_id;      /* 0: any in scope (a township or group id works too) */
	char status[16];
	char hh_type[24];
	char risk[48];
	int64_t contact_id;      /* -1: households without a contact person */
	int flags;               /* households having all these flags */
	char search[128];        /* Chinese, pinyin, household number or ID digits */
	enum hh_sort sort;
	int desc;
};

struct hh_row {
	int64_t id;
	char hh_no[32];
	char head_name[64];
	char township[64], village[64], group[64];
	char hh_type[24];
	char status[16];
	char contact[64];
	int size;
	char identified_on[11], last_visit_on[11];
	char phone[32];          /* the household's */
	int flags;               /* bitmask of enum flag */
};

/* What kind of text the search box holds. */
enum search_kind { SEARCH_NONE, SEARCH_HAN, SEARCH_PINYIN, SEARCH_DIGITS, SEARCH_BAD };
enum search_kind hhlist_search_kind(const char *text);

int64_t hhlist_count(struct session *s, const struct hh_filter *f);
/* Counts no further than cap + 1: cap + 1 means "more than cap".  A search
 * that matches half the county counts in milliseconds this way. */
int64_t hhlist_count_upto(struct session *s, const struct hh_filter *f, int64_t cap);
/* Rows [offset, offset + max) in the filter's order; returns how many. */
int hhlist_page(struct session *s, const struct hh_filter *f, int64_t offset, int max,
                struct hh_row *out);
/* Calls fn for every matching row, in order, a page at a time (exports). */
int hhlist_each(struct session *s, const struct hh_filter *f,
                int (*fn)(void *arg, const struct hh_row *r), void *arg);

/* For other scoped lists over households aliased h (exports, printing):
 * prepares head + the filter's WHERE + tail with every value bound.  head
 * must select FROM households h (joins allowed); tail may ORDER BY. */
struct stmt *hhlist_prepare(struct session *s, const struct hh_filter *f, const char *head,
                            const char *tail);

#endif
