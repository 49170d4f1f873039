/* duty.h - the AB岗 duty of a window and the attendance of its people, as
 * one call per action (the command layer the screens, verbs and tests call,
 * like desk.h for cases): start the window's day from the roster, take duty,
 * leave the post with a handoff confirmed by the covering clerk, take it
 * back, leave it unattended, close it; punch 签到/签退 and a leader's on-site
 * entry and exit; request, decide and end leave (请假/销假); a supervisor's
 * correction of a punch; plan a leader's on-site day.  Each function checks
 * its input (core/handoff.h, core/schedule.h, the projections), builds the
 * events of docs/storage.md §6 and appends them with events_append_many()
 * as ONE transaction: recorded whole or not at all.  Reads for the screens
 * (the duty state, the handoff sheet, a day's spells, leave lists) are here
 * too.  No SQL here: tui/ may include this file.
 *
 * Rules: seed 001 篇二 二(三)2 (A leaves only after the cover is in place),
 * 篇十 三 (A front post, B roving backup), 篇一 (leaders' on-site days, sign in
 * at each entry and exit); seed 003 第五章 (attendance deductions).
 *
 * PINs are checked by the caller (staff_verify_pin) before a person is named
 * here as coverer, confirmer or supervisor: this module records what was
 * proven.  Every function returns 0, or -1 with a one-line message in err
 * (translated with desk_set_translator's translator) and nothing recorded. */
#ifndef GUICHET_DATA_DUTY_H
#define GUICHET_DATA_DUTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/attendance.h"
#include "core/date.h"
#include "core/handoff.h"
#include "core/schedule.h"
#include "core/uuid7.h"
#include "data/caseview.h"
#include "data/desk.h"
#include "data/roster.h"
#include "data/store.h"

#define DUTY_NOTE_MAX 400   /* bytes of a handoff note or a leave / correction reason */
#define DUTY_SHEET_MAX 40   /* cases listed per part of a handoff sheet (the count is always whole) */
#define DUTY_SPELLS_MAX 64  /* duty spells of one window's day */
#define DUTY_LEAVES_MAX 64  /* leave records one listing returns */

/* Who acts and when: desk_who (staff, window, today, calendar) and the minute of the day. */
typedef struct {
    desk_who who;
    int minute;             /* minute of the day on the terminal clock, 0..1439 */
    int64_t now_ms;         /* the terminal clock, Unix ms (compared with the last event: clock check) */
    const sched_config *hours; /* [hours] of config.ini, for the day's sessions */
    int clock_skew_minutes; /* [attendance] clock_skew_minutes (punches); 0 = the default 5 */
} duty_ctx;

/* One person as the screens show them. */
typedef struct {
    staff_id num;           /* 0 = nobody */
    char code[STAFF_CODE_BUF];
    char name[STAFF_NAME_BUF];
} duty_person;

/* The window's duty now (the `duty` projection of today, with names). */
typedef struct {
    bool started;           /* today's duty.day_started is recorded (else only roster below) */
    bool rostered;          /* a roster line exists for today */
    char day[DATE_STR_LEN];
    duty_person a, b;       /* today's A (front) and B (backup) posts */
    ho_window state;        /* closed, staffed, unattended */
    duty_person on_duty;
    duty_person cover_supervisor; /* who let an off-roster clerk on duty, num 0 when none */
    int unattended_since;   /* minute, -1 */
    duty_person left_unattended_by;
    bool a_away, b_away;
    ho_reason a_reason, b_reason;  /* when away */
    int a_since, b_since;          /* minute the absence began */
    int a_expected, b_expected;    /* expected return, -1 unknown */
    sched_day sched;        /* today's sessions */
    int last_minute;        /* minute of the last handoff event, -1 */
} duty_view;

/* The handoff sheet (交接单): what is open at the window when a clerk leaves it. */
typedef struct {
    cv_row supplement[DUTY_SHEET_MAX]; int n_supplement, total_supplement; /* 补正: may come back today */
    cv_row due[DUTY_SHEET_MAX];        int n_due, total_due;               /* due today or overdue */
    cv_row undelivered[DUTY_SHEET_MAX]; int n_undelivered, total_undelivered; /* accepted, not delivered */
    int mine;               /* open cases of the leaver at this window (reassigned on a long absence) */
} duty_sheet;

/* Leaving the post. */
typedef struct {
    ho_reason reason;       /* meeting, toilet, meal, errand, other */
    int expected_return;    /* minute of the day, -1 unknown */
    bool long_absence;      /* long absence, end of shift, leave: the leaver's open cases go to the coverer */
    const char *note;       /* free text for the coverer, may be NULL */
    staff_id coverer;       /* proven by their own PIN; never the leaver */
    staff_id supervisor;    /* proven by PIN when the coverer is not on today's roster, else 0 */
} duty_leave_in;

/* One spell of a window's day, for the timeline (who was on duty when). */
typedef struct {
    int start, end;         /* minutes; end -1 while still running */
    staff_id who;           /* 0 = nobody (unattended or closed) */
    bool unattended;        /* open with nobody on duty */
} duty_spell;

/* Leave (请假). */
typedef enum { LEAVE_PERSONAL = 0, LEAVE_SICK, LEAVE_ANNUAL, LEAVE_MARRIAGE, LEAVE_BEREAVEMENT,
               LEAVE_MATERNITY, LEAVE_OFFICIAL, LEAVE_COMPENSATORY, LEAVE_OTHER, LEAVE_KINDS } leave_kind;
typedef enum { LEAVE_REQUESTED = 0, LEAVE_APPROVED, LEAVE_REFUSED, LEAVE_CANCELLED, LEAVE_STATES } leave_state;

typedef struct {
    char id[UUID7_LEN + 1]; /* the id of its leave.requested event */
    staff_id staff;
    char staff_name[STAFF_NAME_BUF];
    leave_kind kind;
    char start_day[DATE_STR_LEN]; int start_minute;
    char end_day[DATE_STR_LEN];   int end_minute;   /* after 销假: the day and minute it ended */
    char reason[DUTY_NOTE_MAX + 1];
    leave_state state;
    bool ended_early;       /* 销假 before the planned end */
    staff_id decided_by;
} leave_rec;

/* A punch as the screen lists it. */
typedef struct {
    int64_t seq;
    char day[DATE_STR_LEN];
    int minute;
    att_punch_kind kind;
    bool clock_suspect;
    bool voided;            /* voided by a supervisor's correction */
    staff_id corrected_by;  /* added by a correction (supervisor), else 0 */
    char window[WINDOW_CODE_BUF];
} duty_punch;

/* ---- the window's duty (AB岗) -------------------------------------------------- */

/* Record duty.day_started for the window today from the roster and [hours] (once a day; 0 if already). */
int duty_start_day(store *s, const duty_ctx *c, char *err, size_t errlen);
/* The window's duty today; 0 (view->started false when the day is not started), -1 error. */
int duty_view_get(store *s, const char *window, gdate today, duty_view *out, char *err, size_t errlen);
/* Take duty at a closed or unattended window (the day is started first); supervisor when off-roster, else 0. */
int duty_open(store *s, const duty_ctx *c, staff_id supervisor, char *err, size_t errlen);
/* The handoff sheet for the clerk on duty leaving the window now. */
int duty_sheet_get(store *s, const duty_ctx *c, duty_sheet *out, char *err, size_t errlen);
/* Leave the post: request + the coverer's confirmation (+ case.reassigned per open case when long). */
int duty_leave(store *s, const duty_ctx *c, const duty_leave_in *in, char *err, size_t errlen);
/* Take the post back: c->who.staff returns; confirmer (on duty, proven by PIN) hands back with a note. */
int duty_return(store *s, const duty_ctx *c, staff_id confirmer, const char *note, char *err, size_t errlen);
/* The clerk on duty locks or logs out without a handoff: record leave_uncovered (0 and nothing when not on duty). */
int duty_left_unattended(store *s, const duty_ctx *c, bool *recorded, char *err, size_t errlen);
/* Close the window outside working hours (the clerk on duty). */
int duty_close(store *s, const duty_ctx *c, char *err, size_t errlen);
/* Who was on duty when on a day at a window (from the handoffs); *n spells. */
int duty_spells(store *s, const char *window, gdate day, duty_spell *out, int max, int *n, char *err,
                size_t errlen);

/* ---- attendance (考勤) ------------------------------------------------------------- */

/* 签到/签退 (or a leader's entry/exit) by c->who.staff now; *suspect set when the clock looked wrong
 * (earlier than the last event recorded here): the punch is recorded and flagged. Refused: sign-out
 * without a sign-in that day, sign-in twice without a sign-out between, leader punch on a day not planned. */
int duty_punch_now(store *s, const duty_ctx *c, att_punch_kind kind, bool *suspect, char *err, size_t errlen);
/* A person's punches on a day, in time order; *n how many. */
int duty_punches(store *s, staff_id staff, gdate day, duty_punch *out, int max, int *n, char *err, size_t errlen);
/* A supervisor's correction (c->who.staff must be one): add a punch for staff on day at minute with a reason. */
int duty_correct_add(store *s, const duty_ctx *c, staff_id staff, gdate day, int minute, att_punch_kind kind,
                     const char *reason, char *err, size_t errlen);
/* A supervisor's correction: void the punch recorded by event seq, with a reason (the row stays, marked). */
int duty_correct_void(store *s, const duty_ctx *c, int64_t punch_seq, const char *reason, char *err, size_t errlen);

/* ---- leave (请假/销假) ---------------------------------------------------------------- */

/* Request leave for c->who.staff from (start_day, start_minute) to (end_day, end_minute); refused when it
 * overlaps a requested or approved leave of theirs, ends before it starts, or lies outside the calendar. */
int duty_leave_request(store *s, const duty_ctx *c, leave_kind kind, gdate start_day, int start_minute,
                       gdate end_day, int end_minute, const char *reason, char *id_out, char *err, size_t errlen);
/* A supervisor (c->who.staff, not the requester) approves or refuses a requested leave; note may be NULL. */
int duty_leave_decide(store *s, const duty_ctx *c, const char *leave_id, bool approve, const char *note,
                      char *err, size_t errlen);
/* 销假: the person on leave is back now (an approved leave ends at c's day and minute if earlier);
 * a requested one not yet decided is cancelled. */
int duty_leave_end(store *s, const duty_ctx *c, const char *leave_id, char *err, size_t errlen);
/* Leave records touching [from, to] (staff 0: everybody; pending_only: only those waiting for a decision). */
int duty_leaves(store *s, staff_id staff, gdate from, gdate to, bool pending_only, leave_rec *out, int max,
                int *n, char *err, size_t errlen);

/* ---- leaders' on-site days (领导现场办公, seed 001 篇一) ------------------------------------ */

/* A supervisor plans a leader's on-site day (a working day, once per leader and day). */
int duty_leader_plan(store *s, const duty_ctx *c, staff_id leader, gdate day, char *err, size_t errlen);
/* True when leader has an on-site day planned on day. */
int duty_leader_planned(store *s, staff_id leader, gdate day, bool *planned, char *err, size_t errlen);

/* ---- names ------------------------------------------------------------------------- */

/* Stable ASCII id of a leave kind ("personal", "sick" ...); NULL if unknown. */
const char *leave_kind_name(leave_kind k);
/* The leave kind named `name`; LEAVE_KINDS if none. */
leave_kind leave_kind_from_name(const char *name);
/* English message id (N_) naming a leave kind (事假 ...). */
const char *leave_kind_label(leave_kind k);
/* English message id (N_) naming a leave state. */
const char *leave_state_label(leave_state st);

#endif
