/* date.c - civil date arithmetic without libc time functions.
 * The day-number conversion is Howard Hinnant's days_from_civil /
 * civil_from_days algorithm, exact for the proleptic Gregorian calendar. */
#include "date.h"
#include "core/digits.h"


bool date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return (m == 2 && date_is_leap(y)) ? 29 : days[m - 1];
}

bool date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= date_days_in_month(y, m);
}

int date_parse(const char *s, gdate *out)
{
    if (!s)
        return -1;
    for (int i = 0; i < 10; i++)
        if (s[i] == '\0')
            return -1;
    if (s[4] != '-' || s[7] != '-' || s[10] != '\0')
        return -1;
    int y = digits_value(s, 4), m = digits_value(s + 5, 2), d = digits_value(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d))
        return -1;
    out->y = y;
    out->m = m;
    out->d = d;
    return 0;
}

char *date_format(gdate dt, char *buf)
{
    digits_put(buf, (unsigned)dt.y, 4);
    buf[4] = '-';
    digits_put(buf + 5, (unsigned)dt.m, 2);
    buf[7] = '-';
    digits_put(buf + 8, (unsigned)dt.d, 2);
    buf[10] = '\0';
    return buf;
}

gday date_to_day(gdate dt)
{
    int y = dt.y - (dt.m <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (dt.m + 9) % 12;
    int doy = (153 * mp + 2) / 5 + dt.d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (gday)(era * 146097 + doe - 719468);
}

gdate date_from_day(gday n)
{
    int z = (int)n + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    gdate dt;
    dt.d = doy - (153 * mp + 2) / 5 + 1;
    dt.m = mp < 10 ? mp + 3 : mp - 9;
    dt.y = yoe + era * 400 + (dt.m <= 2);
    return dt;
}

int date_weekday(gdate dt)
{
    gday n = date_to_day(dt); /* 1970-01-01 was a Thursday (4) */
    int w = (int)((n + 4) % 7);
    return w < 0 ? w + 7 : w;
}

bool date_is_weekend(gdate dt)
{
    int w = date_weekday(dt);
    return w == 0 || w == 6;
}

int date_cmp(gdate a, gdate b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

gdate date_add_days(gdate dt, int n)
{
    return date_from_day(date_to_day(dt) + n);
}

int date_diff_days(gdate a, gdate b)
{
    return (int)(date_to_day(b) - date_to_day(a));
}
