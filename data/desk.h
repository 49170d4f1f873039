/* desk.h - what a clerk does at the window, as one call per action: receive
 * an application with its checklist and decision, resume a 补正 case when
 * the applicant comes back, conclude, deliver, withdraw, record the
 * applicant's rating, reprint a notice, log an enquiry.  This is the command
 * layer the screens (and tests, drills, scripts) call: each function checks
 * its input through core/ (ident, phone, checklist, deadline, case), builds
 * the events of docs/storage.md §6 and appends them with
 * events_append_many() as ONE transaction, so an action is recorded whole or
 * not at all.  No SQL here: tui/ may include this file.
 *
 * Every function returns 0, or -1 with a one-line message in err (English
 * message id from core/ or this module, already formatted; the screen shows
 * it as given) and nothing recorded.  Messages are formatted from their
 * message ids passed through the translator set with desk_set_translator()
 * (gettext in the client; none: English); a refusal by the store (a
 * projection) is passed on as the store gives it.
 *
 * Every event is signed by desk_who: staff_id = staff, payload "date" =
 * today and "window" = window. */
#ifndef GUICHET_DATA_DESK_H
#define GUICHET_DATA_DESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/case.h"
#include "core/casenum.h"
#include "core/checklist.h"
#include "core/date.h"
#include "core/notice.h"
#include "data/store.h"

#define DESK_ERR_LEN 512
#define DESK_REASON_MAX 400 /* bytes of a reason, basis, note or question */

/* Who acts, where, when: every event is signed by the staff member logged in. */
typedef struct {
    int32_t staff;          /* staff.num of the clerk logged in, >= 1 */
    const char *window;     /* window code ("W01") */
    gdate today;            /* the terminal's date */
    const calendar *cal;    /* working days for due dates and deadlines */
} desk_who;

/* The applicant: a person or an organisation. */
typedef struct {
    bool organisation;          /* false: person (name, 居民身份证, phone) */
    const char *name;           /* person's or organisation's name, required */
    const char *id;             /* person: 身份证号码; organisation: 统一社会信用代码; may be NULL/"" */
    const char *phone;          /* may be NULL/"" */
    const char *legal_rep;      /* organisation: 法定代表人, required for an organisation */
    const char *id_override;    /* organisation: a USCC that fails its check is kept only with this
                                 * reason (recorded in the event as id_override, with the code trimmed
                                 * and in upper case); NULL/"" = no override; ignored for a valid code
                                 * and for a person (a bad ID number is always refused) */
} desk_applicant;

/* An intake: applicant, item, checklist, decision. */
typedef struct {
    const char *case_id;        /* number from cases_new_number() when the form was opened */
    desk_applicant applicant;
    const char *item;           /* catalogue code */
    const ck_entry *entries;    /* one per material of the item, in the item's order */
    size_t nentries;
    ck_outcome outcome;         /* must be one ck_decide() allows */
    gdate defer_deadline;       /* CK_DEFER: the day the missing auxiliary materials are due */
    const char *reject_reason;  /* CK_REJECT: reason, required */
    const char *reject_basis;   /* CK_REJECT: legal basis, required */
} desk_intake;

/* What an action left the case at. */
typedef struct {
    char case_id[CASENUM_LEN];
    case_status status;
    char due[DATE_STR_LEN];     /* the promised date, "" when none (即办件 concluded on the spot) */
    int notice;                 /* the notice issued (notice_kind), -1 when none */
    int breaches;               /* 补正 again: materials the first notice did not name (一次性告知) */
    int trips;                  /* the applicant's visits for this case so far (跑动次数):
                                 * 1 + the times they came back with 补正 materials (each desk_resume),
                                 * = 1 + (supplements - 1 when any) + (1 when the 补正 materials were
                                 * completed), from the cases projection */
} desk_result;

/* The applicant's rating (好差评), keys 1-5 at the window. */
typedef enum {
    DESK_RATE_VERY_SATISFIED = 1, /* 非常满意 */
    DESK_RATE_SATISFIED,          /* 满意 */
    DESK_RATE_BASIC,              /* 基本满意 */
    DESK_RATE_DISSATISFIED,       /* 不满意 */
    DESK_RATE_VERY_DISSATISFIED   /* 非常不满意 */
} desk_rating;

/* Translate message ids with tr (gettext in the client); NULL restores English. */
void desk_set_translator(const char *(*tr)(const char *msgid));

/* Check the applicant as typed; 0, or -1 with the reason in err (which field and why). */
int desk_applicant_check(const desk_applicant *a, gdate today, char *err, size_t errlen);

/* The outcomes ck_decide() allows for this item and checklist (out->allowed / why), plus the item's class;
 * out->supplement[].name is NULL on return (the names belong to the catalogue: catalog_get has them). */
int desk_decide(store *s, const char *item, const ck_entry *entries, size_t n, ck_decision *out,
                case_class *cls, char *err, size_t errlen);

/* Record an intake: case.received, material.checked per material, the decision and its notice;
 * an immediate case accepted is concluded on the spot (approved the same day, no notice, no due
 * date).  The promised date (accept, defer) is the item's promised_days-th working day after today;
 * left out ("") when the calendar does not hold that year yet. */
int desk_receive(store *s, const desk_who *who, const desk_intake *in, desk_result *out, char *err,
                 size_t errlen);

/* The applicant of a 补正 case is back: entries give the case's materials as now checked (item order);
 * complete -> materials completed and accepted (immediate: concluded); still outstanding -> a new
 * 补正 notice (breaches counted against the first one). */
int desk_resume(store *s, const desk_who *who, const char *case_id, const ck_entry *entries, size_t n,
                desk_result *out, char *err, size_t errlen);

/* 容缺: the deferred auxiliary materials arrived (each outstanding one is checked present). */
int desk_complete_deferred(store *s, const desk_who *who, const char *case_id, desk_result *out, char *err,
                           size_t errlen);

/* Conclude: approve, or deny with a reason (required when denying; kept in the event's payload).
 * A 承诺件 / 联办件 still at 受理 (or 容缺) is put in review (case.review_started) in the same action;
 * a 上报件 must have been forwarded (case.referred) first; a 容缺 case is approved only once its
 * deferred materials are in. */
int desk_conclude(store *s, const desk_who *who, const char *case_id, bool approve, const char *reason,
                  desk_result *out, char *err, size_t errlen);

/* 出件: the result is handed over. */
int desk_deliver(store *s, const desk_who *who, const char *case_id, desk_result *out, char *err, size_t errlen);

/* 撤回 by the applicant before the decision, with an optional reason. */
int desk_withdraw(store *s, const desk_who *who, const char *case_id, const char *reason, desk_result *out,
                  char *err, size_t errlen);

/* The applicant's rating of a decided or closed case (once per case, 一事一评); comment may be NULL. */
int desk_evaluate(store *s, const desk_who *who, const char *case_id, desk_rating rating, const char *comment,
                  char *err, size_t errlen);

/* Record that a case's notice of this kind was printed again (reprint: the same materials and deadline
 * as its last notice of that kind); the case must have issued one. */
int desk_reprint(store *s, const desk_who *who, const char *case_id, notice_kind kind, char *err,
                 size_t errlen);

/* 首问负责: log an enquiry; referred_to (a window) non-empty = handed over to that window with the
 * question as the reason (a window of this file, not the one asked); item (a catalogue code) may be
 * NULL; applicant name and phone may be NULL. */
int desk_enquiry(store *s, const desk_who *who, const char *item, const char *question, const char *referred_to,
                 const char *applicant_name, const char *applicant_phone, char *err, size_t errlen);

/* Stable ASCII id of a rating ("very_satisfied" ...); NULL if out of range. */
const char *desk_rating_name(desk_rating r);

/* English message id (N_) naming a rating ("very satisfied" ...). */
const char *desk_rating_label(desk_rating r);

#endif
