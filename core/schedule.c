/* schedule.c - validating the working-hours configuration and computing the
 * sessions of a date (seasonal hours, switch dates that wrap over the year).
 *
 * The centre's 作息制度 (seed 003 第三章(四)1 "是否遵守政务服务中心作息制度",
 * 第五章 "未按规定遵守作息制度"; seed 001 篇四 (九)5 "按照规定的机关作息时间")
 * is local: the hours themselves are configuration, not law. */
#include "core/schedule.h"

#include <stddef.h>

#include "core/i18n.h"

/* Key names as in config.ini [hours], in the order of sched_hours. */
static const char *const summer_keys[4] = {
    "summer_morning_start", "summer_morning_end", "summer_afternoon_start", "summer_afternoon_end"};
static const char *const winter_keys[4] = {
    "winter_morning_start", "winter_morning_end", "winter_afternoon_start", "winter_afternoon_end"};

static sched_status fail(sched_status st, const char *key, const char **bad_key)
{
    if (bad_key)
        *bad_key = key;
    return st;
}

static bool time_ok(int t)
{
    return t >= 0 && t <= SCHED_MINUTES_PER_DAY;
}

static sched_status check_hours(const sched_hours *h, const char *const keys[4], const char **bad_key)
{
    const int t[4] = {h->morning_start, h->morning_end, h->afternoon_start, h->afternoon_end};
    for (int i = 0; i < 4; i++)
        if (!time_ok(t[i]))
            return fail(SCHED_E_TIME_RANGE, keys[i], bad_key);
    if (h->morning_end <= h->morning_start)
        return fail(SCHED_E_END_NOT_AFTER, keys[1], bad_key);
    if (h->afternoon_start < h->morning_end)
        return fail(SCHED_E_AFTERNOON_OVERLAP, keys[2], bad_key);
    if (h->afternoon_end <= h->afternoon_start)
        return fail(SCHED_E_END_NOT_AFTER, keys[3], bad_key);
    return SCHED_OK;
}

/* A month-day is real when it exists in a leap year (so 02-29 is accepted:
 * in other years it simply falls between 02-28 and 03-01). */
static bool monthday_ok(sched_monthday md)
{
    return date_valid(2000, md.m, md.d);
}

static int monthday_key(int m, int d)
{
    return m * 100 + d;
}

sched_status sched_check(const sched_config *cfg, const char **bad_key)
{
    if (!cfg)
        return fail(SCHED_E_NULL, "", bad_key);
    sched_status st = check_hours(&cfg->summer, summer_keys, bad_key);
    if (st == SCHED_OK)
        st = check_hours(&cfg->winter, winter_keys, bad_key);
    if (st != SCHED_OK)
        return st;
    if (!monthday_ok(cfg->summer_from))
        return fail(SCHED_E_MONTHDAY, "summer_from", bad_key);
    if (!monthday_ok(cfg->winter_from))
        return fail(SCHED_E_MONTHDAY, "winter_from", bad_key);
    if (cfg->summer_from.m == cfg->winter_from.m && cfg->summer_from.d == cfg->winter_from.d)
        return fail(SCHED_E_SAME_SWITCH, "winter_from", bad_key);
    if (cfg->grace_minutes < 0 || cfg->grace_minutes > SCHED_GRACE_MAX)
        return fail(SCHED_E_GRACE_RANGE, "grace_minutes", bad_key);
    return SCHED_OK;
}

/* Summer runs from summer_from up to the day before winter_from.  When
 * summer_from comes later in the calendar than winter_from (e.g. summer from
 * 11-01, winter from 03-01) the summer period wraps over New Year. */
bool sched_is_summer(const sched_config *cfg, gdate date)
{
    int md = monthday_key(date.m, date.d);
    int s = monthday_key(cfg->summer_from.m, cfg->summer_from.d);
    int w = monthday_key(cfg->winter_from.m, cfg->winter_from.d);
    if (s < w)
        return md >= s && md < w;
    return md >= s || md < w;
}

sched_status schedule_for(const sched_config *cfg, gdate date, bool is_workday, sched_day *out)
{
    if (!cfg || !out)
        return SCHED_E_NULL;
    sched_status st = sched_check(cfg, NULL);
    if (st != SCHED_OK)
        return st;
    if (!date_valid(date.y, date.m, date.d))
        return SCHED_E_DATE;
    out->workday = is_workday;
    out->summer = sched_is_summer(cfg, date);
    out->grace = cfg->grace_minutes;
    const sched_hours *h = out->summer ? &cfg->summer : &cfg->winter;
    out->session[SCHED_MORNING].start = h->morning_start;
    out->session[SCHED_MORNING].end = h->morning_end;
    out->session[SCHED_AFTERNOON].start = h->afternoon_start;
    out->session[SCHED_AFTERNOON].end = h->afternoon_end;
    return SCHED_OK;
}

int sched_session_at(const sched_day *day, int t)
{
    for (int s = 0; s < SCHED_SESSIONS; s++)
        if (t >= day->session[s].start && t < day->session[s].end)
            return s;
    return -1;
}

static int two_digits(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

int sched_parse_hhmm(const char *s, int *minutes)
{
    if (!s || !minutes || !s[0] || !s[1] || s[2] != ':' || !s[3] || !s[4] || s[5] != '\0')
        return -1;
    int h = two_digits(s), m = two_digits(s + 3);
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    *minutes = h * 60 + m;
    return 0;
}

char *sched_format_hhmm(int minutes, char *buf)
{
    if (minutes < 0 || minutes > SCHED_MINUTES_PER_DAY)
        minutes = 0;
    int h = minutes / 60, m = minutes % 60;
    buf[0] = (char)('0' + h / 10);
    buf[1] = (char)('0' + h % 10);
    buf[2] = ':';
    buf[3] = (char)('0' + m / 10);
    buf[4] = (char)('0' + m % 10);
    buf[5] = '\0';
    return buf;
}

int sched_parse_monthday(const char *s, sched_monthday *out)
{
    if (!s || !out || !s[0] || !s[1] || s[2] != '-' || !s[3] || !s[4] || s[5] != '\0')
        return -1;
    sched_monthday md = {two_digits(s), two_digits(s + 3)};
    if (!monthday_ok(md))
        return -1;
    *out = md;
    return 0;
}

const char *sched_reason(sched_status st)
{
    switch (st) {
    case SCHED_OK:
        return N_("the working hours are valid");
    case SCHED_E_NULL:
        return N_("no working-hours configuration was given");
    case SCHED_E_TIME_RANGE:
        return N_("is not a time of day between 00:00 and 24:00");
    case SCHED_E_END_NOT_AFTER:
        return N_("must be later than the start of the same session");
    case SCHED_E_AFTERNOON_OVERLAP:
        return N_("must not be earlier than the end of the morning session");
    case SCHED_E_GRACE_RANGE:
        return N_("must be between 0 and 60 minutes");
    case SCHED_E_MONTHDAY:
        return N_("is not a real month and day (MM-DD)");
    case SCHED_E_SAME_SWITCH:
        return N_("must differ from summer_from: summer and winter cannot start on the same day");
    case SCHED_E_DATE:
        return N_("the date is not a real calendar date");
    }
    return N_("unknown working-hours error");
}
