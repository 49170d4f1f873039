/* stats.h - the supervisor's statistics (issue 8) over a period, per window
 * and per clerk, computed from the projections (cases, notices,
 * evaluations, follow-ups): received, accepted, concluded, 按时办结率,
 * 现场办结率, 即办件比例, overdue cases, trips, 最多跑一次, 补正 notices and
 * 一次性告知 violations, 容缺 in time, evaluations per level and the
 * satisfaction rate, each rate with its target from seed 000 §三 (100% on
 * time, 100% on site, satisfaction >= 98%), and a per-day series for the
 * chart.  The rates and targets themselves are core/stats.h (pure). */
#ifndef GUICHET_DATA_STATS_H
#define GUICHET_DATA_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/stats.h"
#include "data/store.h"

#define STATS_ROWS_MAX 64   /* windows or clerks in one report */
#define STATS_DAYS_MAX 366  /* days in one period */

/* What to compute. */
typedef struct {
    gdate from, to;           /* inclusive */
    const char *window;       /* NULL or "": every window */
    gdate today;              /* "overdue" is judged on this day (the report's end, or today if earlier) */
    int unrated_days;         /* > 0: a case delivered that many days ago and not rated counts as 基本满意 */
} stats_query;

/* One row: a window, a clerk, or the whole centre. */
typedef struct {
    char label[80];           /* window code, or the clerk's name (code), or "" for the total */
    char window[9];
    int32_t clerk;            /* 0 for a window row or the total */
    st_counts c;              /* the raw counts (core/stats.h) */
    st_figures f;             /* rates computed with st_compute */
} stats_row;

/* One day of the chart. */
typedef struct {
    gdate day;
    int received;
    int concluded, concluded_on_time;
} stats_day;

/* A whole report. */
typedef struct {
    stats_query q;
    stats_row total;
    stats_row windows[STATS_ROWS_MAX];
    size_t nwindows;
    stats_row clerks[STATS_ROWS_MAX];
    size_t nclerks;
    stats_day days[STATS_DAYS_MAX];
    size_t ndays;
} stats_report;

/* Compute the report (heap, free with free()); NULL with store_errmsg, or err for a bad period (from > to,
 * longer than STATS_DAYS_MAX days). */
stats_report *stats_compute(store *s, const stats_query *q, char *err, size_t errlen);
/* The same with the working-day calendar for days overdue given (stats_compute loads the default one;
 * NULL or a calendar without the years: calendar days). */
stats_report *stats_compute_cal(store *s, const stats_query *q, const calendar *cal, char *err, size_t errlen);
/* Print the report as text fitting 80 columns (tr translates message ids; NULL: English). */
void stats_print(const stats_report *r, FILE *f, const char *(*tr)(const char *));
/* Print the report as CSV, UTF-8 with a BOM (opens in a spreadsheet with the Chinese right). */
void stats_print_csv(const stats_report *r, FILE *f, const char *(*tr)(const char *));

#endif
