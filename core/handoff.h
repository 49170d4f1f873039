/* handoff.h - the duty state of ONE window under the AB岗 system: who is A
 * and B today, who is on duty, who is away, why and since when; the
 * request / confirm / take-back transitions, the refusals, leaving the
 * window unattended, and the away intervals that attendance.h judges.
 *
 * Seed 001 篇二 二(三)2: "实行“AB岗”制度，确保岗位随时有人。进驻人员“A岗”或“B岗”
 * 因故确需暂离岗位的，须在替岗人员到位后方可离开。"
 * Seed 001 篇十 三: "a岗为前台常设岗位、b岗为后台流动岗位，a岗因故不能在岗，b岗随时顶上，
 * 确保窗口服务岗位工作时间不断档、不缺位". */
#ifndef GUICHET_CORE_HANDOFF_H
#define GUICHET_CORE_HANDOFF_H

#include <stdbool.h>
#include <stdint.h>

#include "core/attendance.h"
#include "core/schedule.h"

typedef int32_t staff_id; /* 0 = nobody */

#define HO_LOG_MAX 48 /* away spells kept for one window's day */

/* Why a clerk steps away. */
typedef enum { HO_MEETING = 0, HO_TOILET, HO_MEAL, HO_ERRAND, HO_OTHER, HO_REASONS } ho_reason;

/* The window as a whole. */
typedef enum {
    HO_CLOSED = 0,  /* outside working hours, nobody needed */
    HO_STAFFED,     /* someone is on duty */
    HO_UNATTENDED   /* open but nobody on duty (left without handoff) */
} ho_window;

typedef enum {
    HO_EV_OPEN = 0,        /* actor takes duty at a closed or unattended window */
    HO_EV_REQUEST,         /* on-duty actor asks to leave: reason, expected_return, long_absence */
    HO_EV_CANCEL,          /* the requester withdraws the pending request */
    HO_EV_CONFIRM,         /* actor (the coverer, own identity) confirms; supervisor if off-roster */
    HO_EV_TAKE_BACK,       /* away actor returns; confirmer (on duty) hands the window back */
    HO_EV_LEAVE_UNCOVERED, /* on-duty actor locks / logs out with no cover */
    HO_EV_CLOSE,           /* on-duty actor closes the window outside working hours */
    HO_EV_KINDS
} ho_event_kind;

/* One event, as recorded (the PIN check that proves `actor` is done before this). */
typedef struct {
    ho_event_kind kind;
    staff_id actor;       /* who does it */
    staff_id confirmer;   /* HO_EV_TAKE_BACK: the clerk on duty who hands back */
    staff_id supervisor;  /* HO_EV_CONFIRM / HO_EV_OPEN by someone not on today's roster */
    ho_reason reason;     /* HO_EV_REQUEST */
    int expected_return;  /* HO_EV_REQUEST: minute of day, -1 unknown */
    bool long_absence;    /* HO_EV_REQUEST: long absence or end of shift: reassign open cases */
} ho_event;

/* A roster clerk's absence from the window. */
typedef struct {
    bool away;
    ho_reason reason;
    int since;           /* minute the absence began */
    int expected_return; /* minute, -1 unknown */
    bool long_absence;   /* open cases should be reassigned */
    bool handed_off;     /* false: left the window unattended */
    int log_index;       /* its entry in handoff_state.log */
} ho_absence;

/* A pending request to leave. */
typedef struct {
    bool pending;
    staff_id requester;
    ho_reason reason;
    int expected_return;
    bool long_absence;
    int at;
} ho_request;

/* One away spell, for attendance and for the supervisor's report. */
typedef struct {
    staff_id clerk;
    int start;
    int end;             /* -1 while still away */
    bool handoff_done;
    ho_reason reason;
    bool long_absence;
    staff_id coverer;    /* who took over, 0 if nobody */
    staff_id supervisor; /* who approved an off-roster coverer, 0 if not needed */
} ho_away_entry;

/* The projection: the duty state of one window on one day. */
typedef struct {
    staff_id a;                /* today's A post (front) */
    staff_id b;                /* today's B post (roving backup) */
    sched_day day;             /* today's sessions, for closing */
    ho_window window;
    staff_id on_duty;          /* 0 when closed or unattended */
    staff_id cover_supervisor; /* supervisor who let an off-roster clerk on duty, else 0 */
    int unattended_since;      /* minute, -1 unless HO_UNATTENDED */
    staff_id left_unattended_by;
    ho_absence absence[2];     /* [0] = A, [1] = B */
    ho_request request;
    int last_event;            /* minute of the last accepted event, -1 none */
    int n_log;
    ho_away_entry log[HO_LOG_MAX];
} handoff_state;

typedef enum {
    HO_OK = 0,
    HO_E_NULL,                 /* missing argument */
    HO_E_ROSTER,               /* A and B must be two different staff ids */
    HO_E_EVENT,                /* unknown event kind, reason or bad time */
    HO_E_TIME_BACKWARDS,       /* event earlier than the last one */
    HO_E_SELF_CONFIRM,         /* a clerk cannot confirm their own handoff */
    HO_E_BOTH_AWAY,            /* A and B would both be away */
    HO_E_OFF_ROSTER,           /* coverer not on today's roster, no supervisor confirmation */
    HO_E_BAD_SUPERVISOR,       /* supervisor is the coverer or the leaver */
    HO_E_NOT_ON_DUTY,          /* only the clerk on duty can leave or close */
    HO_E_NO_REQUEST,           /* nothing pending to confirm or cancel */
    HO_E_REQUEST_PENDING,      /* a request is already waiting */
    HO_E_NOT_REQUESTER,        /* only the requester can cancel */
    HO_E_NOT_AWAY,             /* taking back, but not away */
    HO_E_CONFIRMER_NOT_ON_DUTY,/* take-back confirmed by someone not on duty */
    HO_E_CONFIRMER_AWAY,       /* an away clerk cannot cover; take the window back instead */
    HO_E_STAFFED,              /* opening a window someone is on duty at */
    HO_E_NOBODY_ON_DUTY,       /* taking back from nobody: open the window instead */
    HO_E_CLOSED,               /* the window is closed */
    HO_E_DURING_HOURS,         /* closing inside a working session */
    HO_E_LOG_FULL              /* too many away spells for one day */
} ho_status;

/* Start the day: A and B from the roster, the day's sessions; the window is closed. */
ho_status handoff_init(handoff_state *st, staff_id a, staff_id b, const sched_day *day);
/* What applying ev at `now` would give, without changing anything. */
ho_status handoff_check(const handoff_state *st, const ho_event *ev, int now);
/* Apply one event at minute `now`; on refusal the state is unchanged. */
ho_status handoff_apply(handoff_state *st, const ho_event *ev, int now);
/* The absence of a roster clerk (A or B), or NULL for anyone else. */
const ho_absence *handoff_absence(const handoff_state *st, staff_id clerk);
/* True when clerk is A or B today. */
bool handoff_on_roster(const handoff_state *st, staff_id clerk);
/* Copy up to max of clerk's away spells as attendance intervals (open ones end at `now`); returns how many. */
int handoff_away_intervals(const handoff_state *st, staff_id clerk, int now, att_away *out, int max);
/* True when open cases of clerk should be reassigned (away on a long absence). */
bool handoff_needs_reassign(const handoff_state *st, staff_id clerk);
/* Stable ASCII id of a reason for storage ("meeting", "toilet"...); NULL if unknown. */
const char *ho_reason_name(ho_reason r);
/* The reason whose name is `name`; HO_REASONS if none. */
ho_reason ho_reason_from_name(const char *name);
/* English message id (N_) naming a reason, for the screen. */
const char *ho_reason_label(ho_reason r);
/* Stable ASCII id of an event kind for storage ("open", "request"...); NULL if unknown. */
const char *ho_event_kind_name(ho_event_kind k);
/* The event kind whose name is `name`; HO_EV_KINDS if none. */
ho_event_kind ho_event_kind_from_name(const char *name);
/* English message id (N_) saying what is wrong. */
const char *handoff_reason(ho_status s);

#endif
