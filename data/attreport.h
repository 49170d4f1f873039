/* attreport.h - the attendance reports of seed 003 (巷子口镇 rules 第五章)
 * and the window score of seed 000 §三(二): a person's month (days present,
 * late, early, absent half-days, leave, away 30/60, unattended, deductions
 * with the third-time doubling of (十五)), the punctuality of each day for a
 * bar chart, a leader's on-site days against the required number (seed 001
 * 篇一), and a window's quarterly score and star level.
 *
 * Everything is computed from the projections (attendance punches not
 * voided, approved and unapproved leave, the handoffs replayed through
 * core/handoff.h per window and day) by core/attendance.h and core/score.h:
 * the rules are core's alone.  No SQL here: tui/ may include this file.
 * Every function returns 0, or -1 with a one-line message in err. */
#ifndef GUICHET_DATA_ATTREPORT_H
#define GUICHET_DATA_ATTREPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/attendance.h"
#include "core/calendar.h"
#include "core/schedule.h"
#include "core/score.h"
#include "data/staff.h"
#include "data/store.h"

#define AR_DAYS 31
#define AR_WINDOWS_MAX 64

/* How one day of a person's month went (for the bar chart and the sheet's day column). */
typedef enum {
    AR_DAY_OFF = 0,     /* not a working day (or outside the month) */
    AR_DAY_FUTURE,      /* a working day after `today`: not judged yet */
    AR_DAY_ON_TIME,     /* both sessions signed in and out in time */
    AR_DAY_LATE_EARLY,  /* present, with lateness or early leave (or a missing punch) */
    AR_DAY_ABSENT,      /* at least one half day absent (旷工) */
    AR_DAY_LEAVE,       /* covered by approved leave (whole day) */
    AR_DAY_REVIEW,      /* only clock-suspect punches: a supervisor must decide */
    AR_DAY_NO_RECORD    /* a working day before the first punch the store holds: not judged */
} ar_day_kind;

/* One person's month. */
typedef struct {
    staff_id num;
    char code[STAFF_CODE_BUF];
    char name[STAFF_NAME_BUF];
    int workdays;             /* working days of the month judged: up to today, from the store's first punch */
    int present_days;         /* working days with at least one punch */
    int late, early;          /* 迟到, 早退 (occurrences) */
    int absent_half_days;     /* 旷工 half days */
    int leave_half_days;      /* half days covered by approved leave */
    int away_30, away_60;     /* away-from-post spells of 30..60 and over 60 minutes */
    int unattended;           /* times the window was left without a handoff */
    int review;               /* sessions judged only on clock-suspect punches */
    int minutes_late;         /* total minutes late */
    score_month score;        /* deductions per kind, doubling included (score.total in tenths) */
    ar_day_kind day[AR_DAYS]; /* day[0] is the 1st */
    int punctual_pct;         /* on-time days / judged working days present, 0..100; -1 when none */
} ar_person_month;

/* A leader's on-site month (领导现场办公). */
typedef struct {
    staff_id num;
    char code[STAFF_CODE_BUF];
    char name[STAFF_NAME_BUF];
    int planned;              /* on-site days planned in the month */
    int present;              /* planned days with presence (an entry and an exit) */
    int minutes;              /* minutes present in the month */
    int unmatched;            /* entries or exits that did not pair */
    int required;             /* [attendance] leader_days_per_month */
} ar_leader_month;

/* A window's quarter. */
typedef struct {
    char window[WINDOW_CODE_BUF];
    char name[WINDOW_NAME_BUF];
    int deductions;           /* tenths: the deductions of the people rostered there, on their rostered days */
    int additions;            /* tenths: none are recorded yet (0) */
    int score;                /* tenths: score_window_quarter */
    int stars;                /* score_stars: 5, 4, 3 or 0 */
    int unattended;           /* times left without a handoff in the quarter */
} ar_window_quarter;

/* What a report needs. */
typedef struct {
    const calendar *cal;      /* working days */
    const sched_config *hours;/* sessions of days with no duty row */
    gdate today;              /* days after it are not judged */
    int leader_days_required; /* per month (seed 001 篇一: at least 1) */
} ar_scope;

typedef int (*ar_person_cb)(const ar_person_month *m, void *ctx);
typedef int (*ar_leader_cb)(const ar_leader_month *m, void *ctx);

/* Every active clerk's month (ordered by staff code); cb may stop the walk by returning non-zero. */
int ar_month(store *s, const ar_scope *sc, int year, int month, ar_person_cb cb, void *ctx, char *err,
             size_t errlen);
/* One person's month. */
int ar_person(store *s, const ar_scope *sc, staff_id num, int year, int month, ar_person_month *out,
              char *err, size_t errlen);
/* Leaders with an on-site day planned in the month. */
int ar_leaders(store *s, const ar_scope *sc, int year, int month, ar_leader_cb cb, void *ctx, char *err,
               size_t errlen);
/* Each window's quarter (quarter 1..4); *n windows. */
int ar_quarter(store *s, const ar_scope *sc, int year, int quarter, ar_window_quarter *out, int max, int *n,
               char *err, size_t errlen);

#endif
