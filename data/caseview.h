/* caseview.h - what the screens read: the dashboard's figures, case lists
 * under the clerk's filters with each case's supervision state (电子监察:
 * on time / due soon / overdue, from core/deadline.h and the calendar), one
 * case's full record (materials, notices, evaluation, history of events in
 * words), and the sync state.  Read-only; no SQL here: tui/ may include this
 * file.  Every function returns 0, or -1 with store_errmsg(s). */
#ifndef GUICHET_DATA_CASEVIEW_H
#define GUICHET_DATA_CASEVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/case.h"
#include "core/checklist.h"
#include "core/date.h"
#include "core/deadline.h"
#include "core/event.h"
#include "data/store.h"

#define CV_ROWS_MAX 500     /* largest list a call returns */
#define CV_HISTORY_MAX 128  /* events of one case shown */
#define CV_SOON_MAX 365     /* largest "due soon" threshold, in working days */

/* The case list's filters (issue 4, screen 6). */
typedef enum {
    CV_OPEN = 0,     /* every case not ended nor delivered (出件: done for the clerk), newest first */
    CV_MINE,         /* received by the clerk logged in, not ended nor delivered */
    CV_TODAY,        /* received today (any status), newest first */
    CV_DUE_SOON,     /* open with a due date at most `soon` working days away, soonest first */
    CV_OVERDUE,      /* open past its due date, longest overdue first */
    CV_SUPPLEMENT,   /* waiting for 补正 materials, newest first */
    CV_DEFERRED_DUE, /* 容缺 with the auxiliary materials still outstanding (deadline soonest first) */
    CV_FILTER_COUNT
} cv_filter;

/* What a list needs to judge deadlines. */
typedef struct {
    gdate today;
    const calendar *cal;
    int soon;            /* working days left that count as "due soon" (0..CV_SOON_MAX) */
    int32_t staff;       /* CV_MINE: the clerk logged in */
    const char *window;  /* NULL: every window; else only this window's cases */
} cv_scope;

/* One case in a list.  Its supervision state comes from the `due` date stored when the case was
 * accepted: open (not ended, not concluded) -> overdue when today is after it, due soon when the
 * working days after today up to it are at most scope->soon, else on time; concluded -> concluded
 * on time or late.  A case that ended without a decision (不予受理, 退回, 撤回) or has no due date,
 * or whose dates lie in a year the calendar lacks, has deadline_known false. */
typedef struct {
    char case_id[EV_SUBJECT_MAX + 1];
    char item[64];
    char item_name[201];
    case_class cls;
    case_status status;
    char applicant_name[128];
    char received[DATE_STR_LEN];
    char due[DATE_STR_LEN];              /* "" when none */
    char deferred_deadline[DATE_STR_LEN];/* "" when none */
    bool deadline_known;                 /* state below is meaningful (a due date and its year in the calendar) */
    dl_state state;                      /* on time / due soon / overdue / concluded on time or late */
    int remaining;                       /* working days left (open, not late) */
    int late;                            /* working days past due */
    int32_t clerk;
} cv_row;

/* The dashboard. */
typedef struct {
    int received_today, accepted_today, concluded_today; /* at this window (or all when window NULL) */
    int due_soon, overdue, supplement, deferred_open;     /* open cases in each state */
    int64_t queued_events;                                /* outbox rows not acknowledged */
    int64_t last_sync_ms;                                 /* last successful sync, -1 never */
    char last_sync_error[256];                            /* "" when none */
    bool clock_offset_known;                              /* the centre's time was learnt at a sync */
    int64_t clock_offset_ms;                              /* the centre's clock minus this terminal's */
    int64_t sync_rejected;                                /* dead letters: events the centre refused */
    int64_t sync_unapplied;                               /* changes pulled from the centre not applied here */
} cv_dashboard;

/* One material of a case as last checked. */
typedef struct {
    int index;
    char name[201];
    ck_kind kind;
    bool deferrable;
    ck_presence status;
    char note[401];
    char checked_on[DATE_STR_LEN];
} cv_material;

/* One notice issued for a case. */
typedef struct {
    int64_t seq;
    char kind[16];                /* "acceptance", "supplement", "deferral", "rejection", "return", "one_time" */
    char issued_on[DATE_STR_LEN];
    bool reprint;
    char deadline[DATE_STR_LEN];
    int materials[64];            /* material numbers the notice lists */
    int nmaterials;
    int breaches;                 /* 一次性告知 breaches of this notice */
} cv_notice;

/* One line of a case's history. */
typedef struct {
    int64_t seq;
    int64_t created_at;           /* terminal clock, Unix ms */
    char type[EV_TYPE_MAX + 1];   /* "case.accepted" ... */
    char date[DATE_STR_LEN];      /* the payload's date */
    char staff_name[129];         /* who recorded it ("" when unknown) */
    char detail[400];             /* reason, rating, material and status, due date... in the event's words */
} cv_event;

/* The whole of one case. */
typedef struct {
    cv_row row;
    char applicant_id[33], applicant_phone[33];
    char window_id[64];
    char accepted[DATE_STR_LEN], concluded[DATE_STR_LEN], delivered[DATE_STR_LEN], ended[DATE_STR_LEN];
    char reason[401];             /* rejection / denial / withdrawal reason, "" when none */
    bool deferred;
    int supplements;
    int trips;                    /* visits so far (跑动次数) */
    bool first_visit;
    bool evaluated;
    char rating[24];              /* "very_satisfied" ... when evaluated */
    cv_material materials[CK_MAX_MATERIALS];
    int nmaterials;
    cv_notice notices[16];
    int nnotices;
} cv_case;

/* Translate a message id (gettext); NULL: the English ids as they are. */
typedef const char *(*cv_tr)(const char *msgid);

/* Fill the dashboard for scope (today, window). */
int cv_dashboard_get(store *s, const cv_scope *scope, cv_dashboard *out);

/* Up to max (1..CV_ROWS_MAX) cases of a filter into rows, *n how many. */
int cv_list(store *s, const cv_scope *scope, cv_filter f, cv_row *rows, int max, int *n);

/* One case (of any window; scope judges its deadline): 0 found, 1 no such case, -1 error. */
int cv_case_get(store *s, const cv_scope *scope, const char *case_id, cv_case *out);

/* The events of a case, oldest first, up to max (1..CV_HISTORY_MAX), details in words through tr. */
int cv_history(store *s, const char *case_id, cv_tr tr, cv_event *rows, int max, int *n);

/* English message id (N_) naming a filter ("Mine", "Due soon" ...). */
const char *cv_filter_label(cv_filter f);

/* The query plan (EXPLAIN QUERY PLAN, one step a line) of a filter's list, for tests and benchmarks. */
int cv_list_plan(store *s, const cv_scope *scope, cv_filter f, char *buf, size_t len);
/* The plans of every count the dashboard makes, one after the other. */
int cv_dashboard_plan(store *s, const cv_scope *scope, char *buf, size_t len);

#endif
