/* Calendar days and the one injectable "today" every date rule uses. */
#ifndef JIANCE_CLOCK_H
#define JIANCE_CLOCK_H

/* A day as the number of days since 1970-01-01 (proleptic Gregorian). */
typedef int jday;
#define JDAY_NONE (-2147483647)

jday clock_today(void);
/* Pins today (tests, demo); JDAY_NONE unpins.  The program itself pins it
 * only from JIANCE_TODAY, and only for root or the database's owner
 * (cli/testhooks.c): the date rules hold for every officer. */
void clock_pin(jday d);
/* The pinned day, JDAY_NONE when today is the real date: code that pins
 * for a while puts back what it found. */
jday clock_pinned(void);

jday date_from_ymd(int y, int m, int d);
void date_to_ymd(jday day, int *y, int *m, int *d);
int date_valid_ymd(int y, int m, int d);
/* "YYYY-MM-DD" into buf (>= 11 bytes); "" for JDAY_NONE. */
char *date_fmt(jday d, char *buf);
/* Parses what officers type: 2026-05-03, 2026/5/3, 20260503, 2026.5.3, and
 * 5-3 / 5/3 / 5.3 meaning that day of the current year.  JDAY_NONE if invalid. */
jday date_parse(const char *s);
/* Strict ISO "YYYY-MM-DD" as stored in the database; JDAY_NONE if not. */
jday date_iso(const char *s);
int date_year(jday d);
/* Whole months from a to b (b >= a), counting a month complete on the same day. */
int date_months_between(jday a, jday b);

#endif
