/* deadline.h - case deadlines in working days: the due date of a case, the
 * time that does not count (waiting for supplements, special procedures),
 * the supervision status on a given day (on time / due soon / overdue), and
 * the intake-side limit for the 补正 notice (行政许可法 第三十二条).
 * Pure: "today" is always a parameter; the calendar is core/calendar.h. */
#ifndef GUICHET_CORE_DEADLINE_H
#define GUICHET_CORE_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/calendar.h"
#include "core/date.h"

#define DL_SOON_DEFAULT 1        /* "due soon" when at most this many working days are left */
#define DL_INTAKE_NOTICE_DAYS 5  /* 行政许可法 第三十二条(四) 五日, working days by 第八十二条 */

/* Time the clock stands still, both ends included (a hearing, an inspection...). */
typedef struct {
    gdate from;
    gdate to;
} dl_pause;

/* What the deadline of one case depends on. */
typedef struct {
    gdate accepted;            /* 受理 date */
    int limit;                 /* statutory or promised limit, in working days (0 = 即办件) */
    bool supplemented;         /* 补办件: some materials came after acceptance */
    gdate materials_complete;  /* when supplemented: the day the materials were complete */
    const dl_pause *pauses;    /* special procedures (听证、检验、鉴定、专家评审...) */
    size_t npauses;
} dl_case;

/* Result of a deadline function. */
typedef enum {
    DL_OK = 0,
    DL_NOT_LOADED,     /* the calendar lacks a year: *missing_year says which */
    DL_BAD_DATE,       /* a date is not a real date */
    DL_BAD_LIMIT,      /* a negative limit */
    DL_BAD_PAUSE,      /* a pause that ends before it starts */
    DL_COMPLETE_BEFORE_ACCEPTED, /* 补办件 materials complete before the acceptance date */
    DL_CONCLUDED_TOO_EARLY,      /* conclusion date before the clock start */
    DL_TODAY_TOO_EARLY,          /* today before the clock start */
    DL_BEFORE_RECEIPT,           /* intake: notice date or today before the receipt date */
    DL_BAD_THRESHOLD,  /* a negative "due soon" threshold */
} dl_status;

/* Supervision state of a case on a given day (电子监察). */
typedef enum {
    DL_ON_TIME,
    DL_DUE_SOON,
    DL_OVERDUE,
    DL_CONCLUDED_ON_TIME,
    DL_CONCLUDED_LATE,
} dl_state;

typedef struct {
    dl_state state;
    gdate due;      /* the due date */
    int remaining;  /* open and not late: counted working days after today up to the due date (0 = due today) */
    int late;       /* overdue / concluded late: working days after the due date up to today / the conclusion */
} dl_report;

/* Intake: was the 补正 notice given in time (行政许可法 第三十二条)? */
typedef struct {
    gdate last_notice_day;  /* receipt + 5 working days */
    bool notice_given;      /* a notice date was given */
    bool deemed_accepted;   /* no notice in time: the application counts as accepted */
    gdate accepted_from;    /* when deemed_accepted: the receipt date */
    int days_left;          /* no notice yet and still in time: working days after today up to the last day */
} dl_intake;

/* The day the limit counts from: acceptance, or for a 补办件 the day the materials were complete. */
gdate dl_clock_start(const dl_case *c);
/* The due date: the limit-th counted working day after the clock start, paused days not counted. */
dl_status dl_due(const calendar *cal, const dl_case *c, gdate *due, int *missing_year);
/* Working days inside the pauses (overlaps once) after the clock start, up to and including `until`. */
dl_status dl_paused_workdays(const calendar *cal, const dl_case *c, gdate until, int *count, int *missing_year);
/* State on `today`, or on the conclusion day when concluded is not NULL; soon = threshold in working days. */
dl_status dl_check(const calendar *cal, const dl_case *c, gdate today, const gdate *concluded, int soon,
                   dl_report *out, int *missing_year);
/* The last day a 补正 notice may be given for materials received on `received`. */
dl_status dl_intake_notice_deadline(const calendar *cal, gdate received, gdate *last_day, int *missing_year);
/* Given the notice date (NULL: none yet, judged on today): deemed accepted, and from when. */
dl_status dl_intake_check(const calendar *cal, gdate received, const gdate *notice_given, gdate today,
                          dl_intake *out, int *missing_year);
/* The message id (N_) for a status; DL_NOT_LOADED's "%d" stands for the missing year. */
const char *dl_reason(dl_status st);
/* The message id (N_) naming a state ("due soon", ...). */
const char *dl_state_name(dl_state st);

#endif
