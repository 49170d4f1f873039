/* schedule.h - a day's working hours at the centre: the morning and afternoon
 * sessions, seasonal summer/winter hours with their switch dates, and the
 * grace minutes allowed before lateness or early leave count.
 *
 * The configuration file is read elsewhere (data/); this module gets the
 * numbers, validates them (naming the key that is wrong) and says what the
 * sessions of a given date are.  Whether a date is a working day comes from
 * the calendar module: it is passed in. */
#ifndef GUICHET_CORE_SCHEDULE_H
#define GUICHET_CORE_SCHEDULE_H

#include <stdbool.h>

#include "core/date.h"

#define SCHED_MINUTES_PER_DAY 1440 /* 24:00 is allowed as an end time */
#define SCHED_GRACE_MAX 60         /* grace minutes allowed in the configuration */
#define SCHED_HHMM_LEN 6           /* "HH:MM" plus NUL */

/* The two half-day sessions; absence (旷工) is counted per half day (seed 003 第五章). */
typedef enum { SCHED_MORNING = 0, SCHED_AFTERNOON = 1, SCHED_SESSIONS = 2 } sched_session_id;

/* One session: [start, end) in minutes since midnight. */
typedef struct {
    int start;
    int end;
} sched_session;

/* The hours of one season. */
typedef struct {
    int morning_start;
    int morning_end;
    int afternoon_start;
    int afternoon_end;
} sched_hours;

/* A month-day such as 05-01 (summer from May 1st). */
typedef struct {
    int m;
    int d;
} sched_monthday;

/* What the configuration gives (keys under [hours] in config.ini). */
typedef struct {
    sched_hours summer;         /* summer_morning_start ... summer_afternoon_end */
    sched_hours winter;         /* winter_morning_start ... winter_afternoon_end */
    sched_monthday summer_from; /* summer_from: first day of summer hours */
    sched_monthday winter_from; /* winter_from: first day of winter hours */
    int grace_minutes;          /* grace_minutes: 0..60 */
} sched_config;

/* The schedule of one date. */
typedef struct {
    bool workday; /* false: nothing is required that day (sessions still filled in) */
    bool summer;  /* true when the summer hours apply */
    int grace;    /* grace minutes for lateness and early leave */
    sched_session session[SCHED_SESSIONS];
} sched_day;

typedef enum {
    SCHED_OK = 0,
    SCHED_E_NULL,              /* a required argument is missing */
    SCHED_E_TIME_RANGE,        /* a time is not between 00:00 and 24:00 */
    SCHED_E_END_NOT_AFTER,     /* a session ends at or before its start */
    SCHED_E_AFTERNOON_OVERLAP, /* the afternoon starts before the morning ends */
    SCHED_E_GRACE_RANGE,       /* grace is not 0..60 minutes */
    SCHED_E_MONTHDAY,          /* a switch date is not a real month-day */
    SCHED_E_SAME_SWITCH,       /* summer and winter start on the same day */
    SCHED_E_DATE               /* the date asked about is not a real date */
} sched_status;

/* Check a configuration; on error *bad_key (if not NULL) names the offending key. */
sched_status sched_check(const sched_config *cfg, const char **bad_key);
/* The sessions of a date; fails with the sched_check error when cfg is invalid. */
sched_status schedule_for(const sched_config *cfg, gdate date, bool is_workday, sched_day *out);
/* True when the summer hours apply on that date (cfg must be valid). */
bool sched_is_summer(const sched_config *cfg, gdate date);
/* Which session minute t falls in ([start, end)), or -1 outside both. */
int sched_session_at(const sched_day *day, int t);
/* Parse exactly "HH:MM" (00:00..24:00) into minutes since midnight; 0 or -1. */
int sched_parse_hhmm(const char *s, int *minutes);
/* Write minutes since midnight as "HH:MM" into buf (SCHED_HHMM_LEN bytes); returns buf. */
char *sched_format_hhmm(int minutes, char *buf);
/* Parse exactly "MM-DD" (a day that exists in some year, 02-29 included); 0 or -1. */
int sched_parse_monthday(const char *s, sched_monthday *out);
/* English message id (N_) saying what is wrong; prefix it with the key from sched_check. */
const char *sched_reason(sched_status st);

#endif
