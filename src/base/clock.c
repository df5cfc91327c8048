#include "base/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static jday pinned = JDAY_NONE;

void clock_pin(jday d) { pinned = d; }

jday clock_pinned(void) { return pinned; }

jday clock_today(void)
{
	if (pinned != JDAY_NONE)
		return pinned;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Days from civil (Howard Hinnant's algorithm, public domain description). */
jday date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

void date_to_ymd(jday z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)yoe + era * 400 + (*m <= 2);
}

int date_valid_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1850 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

char *date_fmt(jday d, char *buf)
{
	if (d == JDAY_NONE) {
		buf[0] = 0;
		return buf;
	}
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, dd);
	return buf;
}

static jday make(int y, int m, int d)
{
	return date_valid_ymd(y, m, d) ? date_from_ymd(y, m, d) : JDAY_NONE;
}

/* Exactly YYYY-MM-DD: sscanf's %d alone would also take spaces, a newline
 * or a sign inside ("2026-\n5-03", found by make fuzz). */
jday date_iso(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return JDAY_NONE;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return JDAY_NONE;
	return make(atoi(s), atoi(s + 5), atoi(s + 8));
}

jday date_parse(const char *s)
{
	if (!s)
		return JDAY_NONE;
	while (*s == ' ')
		s++;
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	char b[32];
	if (len == 0 || len >= sizeof b)
		return JDAY_NONE;
	memcpy(b, s, len);
	b[len] = 0;
	int nums[3], cnt = 0, digits = 0;
	char *p = b;
	while (*p && cnt < 3) {
		if (*p < '0' || *p > '9')
			return JDAY_NONE;
		char *end;
		long v = strtol(p, &end, 10);
		digits = (int)(end - p);
		nums[cnt++] = (int)v;
		p = end;
		if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else if (*p)
			return JDAY_NONE;
	}
	if (*p)
		return JDAY_NONE;
	if (cnt == 1 && digits == 8)
		return make(nums[0] / 10000, nums[0] / 100 % 100, nums[0] % 100);
	if (cnt == 3 && nums[0] >= 1000)
		return make(nums[0], nums[1], nums[2]);
	if (cnt == 2)
		return make(date_year(clock_today()), nums[0], nums[1]);
	return JDAY_NONE;
}

int date_year(jday d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return y;
}

int date_months_between(jday a, jday b)
{
	int y1, m1, d1, y2, m2, d2;
	date_to_ymd(a, &y1, &m1, &d1);
	date_to_ymd(b, &y2, &m2, &d2);
	int months = (y2 - y1) * 12 + (m2 - m1);
	if (d2 < d1)
		months--;
	return months;
}
