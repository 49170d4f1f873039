/* supervise.h - the rules of bad-review follow-ups and complaints (issue 8),
 * pure: their deadlines in working days on the calendar, what a step or an
 * extension is allowed, and whether one is overdue.  Complaints: seed
 * 001_fcc7b53b8a175d84.txt 篇十三 §20-23 (handled within 3 working days,
 * extendable to 15 with the reason told; excluded when already before a
 * court, an arbitration or a reconsideration).  Follow-ups: the deadline is
 * the centre's ([supervision] followup_days, 5..15 working days). */
#ifndef GUICHET_CORE_SUPERVISE_H
#define GUICHET_CORE_SUPERVISE_H

#include <stdbool.h>

#include "core/calendar.h"
#include "core/date.h"

#define SV_COMPLAINT_DAYS 3        /* working days to handle a complaint */
#define SV_COMPLAINT_DAYS_MAX 15   /* at most, after an extension */
#define SV_FOLLOWUP_DAYS_MIN 5
#define SV_FOLLOWUP_DAYS_MAX 15
#define SV_FOLLOWUP_DAYS_DEFAULT 5

/* Follow-up steps, in the order they are normally done. */
typedef enum { SV_VERIFIED = 0, SV_RECTIFIED, SV_ANSWERED, SV_CALLED_BACK, SV_STEP_COUNT } sv_step;

/* The appeal of a rating. */
typedef enum { SV_APPEAL_NONE = 0, SV_APPEAL_PENDING, SV_APPEAL_UPHELD, SV_APPEAL_REFUSED } sv_appeal;

/* A complaint's state. */
typedef enum { SV_OPEN = 0, SV_EXTENDED, SV_CONCLUDED, SV_EXCLUDED, SV_STATE_COUNT } sv_complaint_state;

/* Why a step, an extension or a date is refused. */
typedef enum {
    SV_OK = 0,
    SV_E_CALENDAR,         /* the calendar does not cover the year */
    SV_E_DAYS,             /* followup_days outside 5..15 */
    SV_E_STEP_DONE,        /* the step was already recorded */
    SV_E_NO_CALLBACK,      /* a call-back on an anonymous review */
    SV_E_CLOSED,           /* the follow-up or complaint is closed */
    SV_E_EXTEND_TWICE,     /* a complaint is extended once */
    SV_E_EXTEND_NOT_LATER, /* the new date is not after the current due date */
    SV_E_EXTEND_TOO_LATE,  /* beyond 15 working days from registration */
    SV_E_REASON,           /* a reason is required */
    SV_CODE_COUNT
} sv_code;

/* The due date of a complaint registered on day: 3 working days later. */
sv_code sv_complaint_due(const calendar *cal, gdate registered, gdate *due);
/* The latest date a complaint registered on day may be extended to: 15 working days later. */
sv_code sv_complaint_due_max(const calendar *cal, gdate registered, gdate *latest);
/* Check an extension of a complaint (registered, current due, already extended?) to new_due. */
sv_code sv_extend_check(const calendar *cal, gdate registered, gdate due, bool extended, gdate new_due);
/* The due date of a follow-up opened on day with the centre's followup_days. */
sv_code sv_followup_due(const calendar *cal, gdate opened, int followup_days, gdate *due);
/* Whether step may be recorded now (done[] says which steps are recorded; real_name allows the call-back). */
sv_code sv_step_check(const bool done[SV_STEP_COUNT], bool real_name, bool closed, sv_step step);
/* True when every step due is done (the call-back only for a real-name review). */
bool sv_followup_complete(const bool done[SV_STEP_COUNT], bool real_name);
/* Working days past due on today (0 when not overdue); -1 when the calendar does not cover them. */
int sv_days_overdue(const calendar *cal, gdate due, gdate today);
/* English message id (N_) of a code. */
const char *sv_reason(sv_code c);
/* Stable ASCII names ("verified" ..., "open" ...) and back; SV_STEP_COUNT / SV_STATE_COUNT if unknown. */
const char *sv_step_name(sv_step s);
sv_step sv_step_from_name(const char *name);
const char *sv_state_name(sv_complaint_state s);
sv_complaint_state sv_state_from_name(const char *name);

#endif
