/* attreport_int.h - inside data/ only: what the attendance report's files
 * share.  attreport_read.c reads one clerk's day from the projections
 * (punches, leave clipped to the day, away spells replayed from the
 * handoffs, the day's sessions and the window it counts for);
 * attreport_person.c judges a month with core/attendance.h and
 * core/score.h; attreport_leader.c and attreport_quarter.c build the
 * leaders' month and the windows' quarter on top.  Semantics:
 * docs/attendance.md. */
#ifndef GUICHET_DATA_ATTREPORT_INT_H
#define GUICHET_DATA_ATTREPORT_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/handoff.h"
#include "data/attreport.h"

#define AR_PUNCH_MAX 64               /* clerk punches of one day */
#define AR_LEAVE_MAX 16               /* leave records touching one day */
#define AR_AWAY_MAX (2 * HO_LOG_MAX)  /* away spells of one day (two windows' worth) */

/* One report run: the scope, where messages go, the statements reused for every day. */
typedef struct {
    store *s;
    const ar_scope *sc;
    char *err;
    size_t errlen;
    sqlite3_stmt *punches;      /* a clerk's sign-ins and sign-outs of a day, not voided */
    sqlite3_stmt *leaves;       /* leave records touching a day, cancelled ones left out */
    sqlite3_stmt *duty_days;    /* the windows where the clerk was A or B that day */
    sqlite3_stmt *handoffs;     /* one window's handoffs of a day, in order */
    sqlite3_stmt *roster;       /* the roster's window of the clerk that day */
    sqlite3_stmt *home_window;  /* the clerk's first allowed window */
    bool any_record;            /* the store holds at least one punch */
    gdate first_record;         /* the day of its first punch: earlier days are not judged */
} ar_run;

/* One clerk's day as the projections hold it, ready for attendance_day(). */
typedef struct {
    sched_day sched;                 /* the duty_days row's sessions, else schedule_for() */
    char window[WINDOW_CODE_BUF];    /* the window the day counts for ("" when none) */
    att_punch punch[AR_PUNCH_MAX];
    int n_punch;
    att_leave leave[AR_LEAVE_MAX];
    int n_leave;
    att_away away[AR_AWAY_MAX];
    int n_away;
} ar_day_input;

/* Called for each judged day of a person with the window it counts for and the tenths deducted that day. */
typedef void (*ar_day_points_cb)(const char *window, int tenths, void *ctx);

/* Check the scope and the month (calendar year loaded); 0, or -1 with the message. */
int ar_check(const ar_scope *sc, int year, int month, char *err, size_t errlen);
/* Prepare the statements; 0, or -1 with the message (close it in both cases). */
int ar_run_open(ar_run *r, store *s, const ar_scope *sc, char *err, size_t errlen);
/* Finalise the statements. */
void ar_run_close(ar_run *r);
/* The store's last error as the message; returns -1. */
int ar_db_fail(ar_run *r);
/* Is day a working day (the scope's calendar)?  0, or -1 with the message. */
int ar_workday(ar_run *r, gdate day, bool *work);
/* Read one clerk's day (workday: the calendar's verdict); 0, or -1 with the message. */
int ar_day_read(ar_run *r, staff_id num, gdate day, bool workday, ar_day_input *out);
/* Judge one person's month (code and name left empty); cb (may be NULL) gets each judged day's points. */
int ar_person_judge(ar_run *r, staff_id num, int year, int month, ar_person_month *out, ar_day_points_cb cb,
                    void *ctx);
/* The clerks (roles include clerk), active only or all, ordered by staff code, into a new array; 0 or -1. */
int ar_clerks(ar_run *r, bool include_inactive, staff_id **nums, int *n);
/* The first and last day of year-month as "YYYY-MM-DD". */
void ar_month_bounds(int year, int month, char first[DATE_STR_LEN], char last[DATE_STR_LEN]);

#endif
