/* date.h - civil dates (proleptic Gregorian) as plain values: parse, format,
 * compare, weekday and day arithmetic.  Every other core module that speaks
 * of days uses gdate; a day number (days since 1970-01-01) is the form used
 * for arithmetic. */
#ifndef GUICHET_CORE_DATE_H
#define GUICHET_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int y; /* year, e.g. 2026 */
    int m; /* month 1..12 */
    int d; /* day 1..31 */
} gdate;

/* A day number: days since 1970-01-01 (negative before). */
typedef int32_t gday;

#define DATE_STR_LEN 11 /* "YYYY-MM-DD" plus NUL */

/* True when y-m-d names a real calendar day (leap years included), 1..9999. */
bool date_valid(int y, int m, int d);
/* True for a Gregorian leap year. */
bool date_is_leap(int y);
/* Days in month m of year y (0 when m is out of range). */
int date_days_in_month(int y, int m);
/* Parse exactly "YYYY-MM-DD"; 0 on success, -1 on bad shape or impossible date. */
int date_parse(const char *s, gdate *out);
/* Write "YYYY-MM-DD" into buf (at least DATE_STR_LEN bytes); returns buf. */
char *date_format(gdate dt, char *buf);
/* The day number of a date (the date must be valid). */
gday date_to_day(gdate dt);
/* The date of a day number. */
gdate date_from_day(gday n);
/* Weekday of a date: 0 = Sunday, 1 = Monday ... 6 = Saturday. */
int date_weekday(gdate dt);
/* True for Saturday and Sunday. */
bool date_is_weekend(gdate dt);
/* <0, 0, >0 as a is before, equal to, after b. */
int date_cmp(gdate a, gdate b);
/* The date n calendar days after dt (n may be negative). */
gdate date_add_days(gdate dt, int n);
/* Calendar days from a to b (b - a). */
int date_diff_days(gdate a, gdate b);

#endif
