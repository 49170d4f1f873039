/* attendance.h - one clerk's day judged against the schedule: punches
 * (签到/签退), leave (请假) and away-from-post spells (离岗, from handoffs)
 * become violations of seed 003 第五章 (late, early leave, absence per half
 * day, away 30/60 minutes, handoff not done, leave without procedure).
 * Also the presence of a leader on an on-site day (领导现场办公, seed 001 篇一). */
#ifndef GUICHET_CORE_ATTENDANCE_H
#define GUICHET_CORE_ATTENDANCE_H

#include <stdbool.h>

#include "core/schedule.h"
#include "core/score.h"

#define ATT_AWAY_SHORT 30 /* (十七) "达30分钟以上": 30 minutes or more */
#define ATT_AWAY_LONG 60  /* (十七) "超过一小时": more than 60 minutes */

typedef enum {
    ATT_SIGN_IN = 0,  /* 签到 */
    ATT_SIGN_OUT,     /* 签退 */
    ATT_LEADER_IN,    /* a leader on an on-site day enters the centre */
    ATT_LEADER_OUT    /* ... and leaves it */
} att_punch_kind;

/* A punch: what, at which minute of the day, and whether the clock looked wrong. */
typedef struct {
    att_punch_kind kind;
    int minute;
    bool clock_suspect; /* proves presence, but its minute is not used to judge timing */
} att_punch;

/* A leave interval [start, end) in minutes; approved = the 请销假 procedure was followed. */
typedef struct {
    int start;
    int end;
    bool approved;
} att_leave;

/* An away-from-post interval [start, end) (from handoff.h); handoff_done = a cover confirmed. */
typedef struct {
    int start;
    int end;
    bool handoff_done;
} att_away;

/* What one clerk did on one day. */
typedef struct {
    const att_punch *punches;
    int n_punches;
    const att_leave *leaves;
    int n_leaves;
    const att_away *aways;
    int n_aways;
} att_input;

/* The verdict on one session. */
typedef struct {
    bool covered;       /* approved leave covers the whole session: nothing required */
    bool absent;        /* 旷工: no punch at all and not covered */
    bool late;          /* 迟到 (or no sign-in although present: missing_in) */
    bool early;         /* 早退 (or no sign-out although present: missing_out) */
    bool missing_in;    /* present (signed out) but never signed in */
    bool missing_out;   /* signed in but never signed out */
    bool needs_review;  /* only clock-suspect punches on one side: a supervisor decides */
    int late_minutes;   /* minutes after the (leave-shifted) start */
    int early_minutes;  /* minutes before the (leave-shifted) end */
    int away_minutes;   /* minutes away from post within this session */
} att_session_verdict;

/* The verdict on one day. */
typedef struct {
    bool workday;
    int n_punches;      /* clerk punches recorded (also on non-working days) */
    att_session_verdict session[SCHED_SESSIONS];
    int count[VIOL_KINDS]; /* occurrences per violation kind, for score_month_add_counts */
} att_day;

/* A leader's presence interval [start, end). */
typedef struct {
    int start;
    int end;
} att_interval;

#define ATT_LEADER_MAX 16 /* presence intervals kept for one leader's day */

/* A leader's on-site day: intervals present, minutes in total, punches that did not pair. */
typedef struct {
    att_interval interval[ATT_LEADER_MAX];
    int n;
    int minutes;
    int unmatched;
} att_presence;

typedef enum {
    ATT_OK = 0,
    ATT_E_NULL,     /* a required argument is missing (or a list is NULL with a count) */
    ATT_E_MINUTE,   /* a punch minute is not 0..1440 */
    ATT_E_INTERVAL, /* a leave or away interval ends before it starts or is out of the day */
    ATT_E_KIND,     /* an unknown punch kind */
    ATT_E_ORDER,    /* leader punches are not in time order */
    ATT_E_FULL      /* more leader intervals than ATT_LEADER_MAX */
} att_status;

/* Judge one clerk's day against the day's schedule. */
att_status attendance_day(const sched_day *day, const att_input *in, att_day *out);
/* Minutes of [start, end) inside working sessions and not covered by approved leave. */
int att_uncovered_minutes(const sched_day *day, const att_leave *leaves, int n_leaves, int start, int end);
/* The (十七) kind for an away spell of `minutes`: VIOL_AWAY_60, VIOL_AWAY_30, or VIOL_KINDS for none. */
viol_kind att_away_kind(int minutes);
/* A leader's presence from their ATT_LEADER_IN/OUT punches (time order; clerk punches ignored). */
att_status att_leader_presence(const att_punch *p, int n, att_presence *out);
/* English message id (N_) saying what is wrong. */
const char *att_reason(att_status st);

#endif
