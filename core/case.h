/* case.h - the lifecycle of a case (办件): its states and classes, the
 * events that move it, the table of transitions each class allows, and the
 * projection that folds a case's events into its current state the same way
 * whatever order the events arrived in (DESIGN.md §4 "Records are events").
 *
 * Status only moves forward: every state has a rank, an event may only keep
 * the rank (a second 补正 notice) or raise it along a transition the case's
 * class allows; terminal states accept nothing further. */
#ifndef GUICHET_CORE_CASE_H
#define GUICHET_CORE_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

#define CASE_EVENT_ID_LEN 36  /* a UUIDv7 in its 8-4-4-4-12 text form */
#define CASE_MAX_EVENTS 128   /* events one case may carry (applied ids are kept for duplicates) */

/* Where a case stands.  Ranks (case_status_rank) give the forward order. */
typedef enum {
    CASE_RECEIVED = 0, /* 收件: application taken, materials being checked */
    CASE_SUPPLEMENT,   /* 补正: 补正材料通知书 issued, waiting for materials */
    CASE_DEFERRED,     /* 容缺受理: accepted, auxiliary materials outstanding */
    CASE_ACCEPTED,     /* 受理: 受理通知书 issued */
    CASE_IN_REVIEW,    /* 审查 */
    CASE_REFERRED,     /* 上报: forwarded to the higher level, awaiting its decision */
    CASE_APPROVED,     /* 准予 / 办结 */
    CASE_DENIED,       /* 不予许可 */
    CASE_DELIVERED,    /* 出件 */
    CASE_ARCHIVED,     /* 归档 (terminal) */
    CASE_REJECTED,     /* 不予受理 (terminal) */
    CASE_RETURNED,     /* 退回: sent back by the office with the reason (terminal) */
    CASE_WITHDRAWN,    /* 撤回 by the applicant (terminal) */
    CASE_STATUS_COUNT
} case_status;

/* How a case is handled (seed 001 篇四 (七), 篇八 四(三)); fixed by the item. */
typedef enum {
    CASE_CLASS_IMMEDIATE = 0, /* 即办件: 即收即办, 当场办结 */
    CASE_CLASS_PROMISED,      /* 承诺件: 受理通知书 with the promised date */
    CASE_CLASS_REFERRED,      /* 上报件: forwarded to the higher level, followed to the end */
    CASE_CLASS_JOINT,         /* 联办件: several departments in parallel (并联审批) */
    CASE_CLASS_COUNT
} case_class;

/* What happened to a case. */
typedef enum {
    CASE_EV_RECEIVED = 0,
    CASE_EV_SUPPLEMENT_REQUESTED, /* 补正材料通知书 issued */
    CASE_EV_MATERIALS_COMPLETED,  /* the missing / deferred materials arrived */
    CASE_EV_ACCEPTED,
    CASE_EV_ACCEPTED_DEFERRED,    /* 容缺受理, commitment signed */
    CASE_EV_REVIEW_STARTED,
    CASE_EV_REFERRED,             /* forwarded to the higher level */
    CASE_EV_APPROVED,
    CASE_EV_DENIED,
    CASE_EV_DELIVERED,
    CASE_EV_ARCHIVED,
    CASE_EV_REJECTED,
    CASE_EV_RETURNED,
    CASE_EV_WITHDRAWN,
    CASE_EV_STATUS_FROM_CENTRE,   /* the centre reports a status: `target` says which */
    CASE_EV_TYPE_COUNT
} case_event_type;

/* One immutable case event. */
typedef struct {
    char id[CASE_EVENT_ID_LEN + 1]; /* UUIDv7, time-ordered: sorts by creation */
    case_event_type type;
    gdate date;                     /* the day it happened */
    case_status target;             /* CASE_EV_STATUS_FROM_CENTRE only: the status reported */
} case_event;

/* What case_apply did with an event.  Everything but CASE_V_APPLIED left the state as it was. */
typedef enum {
    CASE_V_APPLIED = 0,
    CASE_V_INVALID,          /* malformed: id not a UUIDv7, unknown type or target, impossible date */
    CASE_V_DUPLICATE,        /* an event with this id was already applied */
    CASE_V_AFTER_TERMINAL,   /* the case is closed (rejected, returned, withdrawn, archived) */
    CASE_V_ILLEGAL_FOR_CLASS,/* this class never takes this event (容缺 on a 即办件...) */
    CASE_V_NOT_FORWARD,      /* out of order: would move the status back or sideways */
    CASE_V_SKIPPED_STEP,     /* out of order: a required step has not happened yet */
    CASE_V_MATERIALS_PENDING,/* out of order: materials still outstanding for this step */
    CASE_V_NOTHING_PENDING,  /* out of order: materials completed but none were outstanding */
    CASE_V_DATE_BACKWARDS,   /* dated before the case's previous applied event */
    CASE_V_FULL,             /* the case already holds CASE_MAX_EVENTS applied events */
    CASE_VERDICT_COUNT
} case_verdict;

/* The current state of a case: what deadlines and statistics need. */
typedef struct {
    case_class cls;
    bool started;            /* the received event has been applied */
    case_status status;      /* meaningful once started */
    gdate received, accepted, concluded, delivered, ended;
    bool has_accepted, has_concluded, has_delivered, has_ended; /* ended: reached a terminal state */
    bool deferred;           /* accepted under 容缺 */
    bool deferred_open;      /* 容缺: auxiliary materials still outstanding */
    gdate deferred_completed;/* 容缺: the day the deferred materials arrived */
    bool has_deferred_completed;
    int supplements;         /* 补正 notices issued */
    bool awaiting_materials; /* in 补正 and the materials have not come yet */
    gdate clock_restart;     /* 补办件: the day the materials were complete (seed 001 篇八 四(三)3) */
    bool has_clock_restart;
    bool first_visit;        /* 即办件 concluded on the day received, no 补正 (当场办结) */
    gdate last_date;         /* date of the last applied event */
    size_t napplied;
    char applied[CASE_MAX_EVENTS][CASE_EVENT_ID_LEN + 1]; /* ids applied, for duplicates */
} case_state;

/* Result of case_project. */
typedef enum {
    CASE_P_OK = 0,
    CASE_P_NULL,      /* a required pointer is missing */
    CASE_P_BAD_CLASS, /* not a known case class */
    CASE_P_TOO_MANY,  /* more than CASE_MAX_EVENTS events */
} case_project_status;

/* Start an empty state for a case of class cls (no event applied yet). */
void case_init(case_state *st, case_class cls);
/* What applying ev would do, without changing anything. */
case_verdict case_check(const case_state *st, const case_event *ev);
/* Apply one event; the state changes only when the verdict is CASE_V_APPLIED. */
case_verdict case_apply(case_state *st, const case_event *ev);
/* Fold n events (any order) into *out, reporting a verdict per input index; same result for every order. */
case_project_status case_project(case_class cls, const case_event *events, size_t n, case_state *out,
                                 case_verdict *verdicts);
/* True when ev->id is a UUIDv7 in 8-4-4-4-12 text form (either letter case). */
bool case_event_id_valid(const char *id);
/* Compare event ids as UUIDv7 (creation order), letter case ignored: <0, 0, >0. */
int case_event_id_cmp(const char *a, const char *b);
/* True when the class may ever take events of this type (e.g. no 容缺 for a 即办件). */
bool case_class_allows(case_class cls, case_event_type type);
/* The rank of a status in the forward order (higher = later); -1 if unknown. */
int case_status_rank(case_status s);
/* True for states that accept no further event. */
bool case_status_is_terminal(case_status s);
/* True for verdicts that mean "out of order" (backwards, skipped step, materials). */
bool case_verdict_is_out_of_order(case_verdict v);
/* Stable ASCII id of a status, for storage ("received", "in_review"...); NULL if unknown. */
const char *case_status_name(case_status s);
/* The status whose name is `name`; CASE_STATUS_COUNT if none. */
case_status case_status_from_name(const char *name);
/* English message id (N_) naming a status, for the screen. */
const char *case_status_label(case_status s);
/* Stable ASCII id of a class ("immediate", "promised", "referred", "joint"); NULL if unknown. */
const char *case_class_name(case_class c);
/* The class whose name is `name`; CASE_CLASS_COUNT if none. */
case_class case_class_from_name(const char *name);
/* English message id (N_) naming a class. */
const char *case_class_label(case_class c);
/* Stable ASCII id of an event type ("received", "supplement_requested"...); NULL if unknown. */
const char *case_event_type_name(case_event_type t);
/* The event type whose name is `name`; CASE_EV_TYPE_COUNT if none. */
case_event_type case_event_type_from_name(const char *name);
/* English message id (N_) saying what a verdict means. */
const char *case_verdict_reason(case_verdict v);

#endif
