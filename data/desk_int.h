/* desk_int.h - inside data/ only: the pieces the desk's files share
 * (desk.c: messages, the applicant, the event batch, reading a case;
 * desk_intake.c: receiving and resuming; desk_case.c: the later steps of a
 * case and enquiries). */
#ifndef GUICHET_DATA_DESK_INT_H
#define GUICHET_DATA_DESK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/phone.h"
#include "data/catalog.h"
#include "data/desk.h"
#include "data/events.h"
#include "data/evbatch.h"

#define DESK_NAME_MAX 127    /* bytes of an applicant's (or legal representative's) name, as the projection keeps */
#define DESK_ID_MAX 32       /* bytes of an ID number or code kept */

/* ---- messages ---------------------------------------------------------------------------- */

/* The message id through the translator (English when none is set). */
const char *desk_tr(const char *msgid) __attribute__((format_arg(1)));
/* Format the translated message id fmt into err; returns -1. */
int desk_say(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A free text: required (non-blank) or not, at most max bytes, UTF-8 without control characters;
 * what = a message id naming it.  0, or -1 with the message. */
int desk_text(const char *what, const char *v, size_t max, bool required, char *err, size_t errlen);
/* True when v is NULL or only blanks. */
bool desk_blank(const char *v);
/* The signer: a staff member, a window, a real date; 0 or -1 with the message. */
int desk_who_check(const desk_who *who, char *err, size_t errlen);
/* A case number as typed, normalised (upper case) into out; 0, or -1 with the message. */
int desk_case_number(const char *in, char out[CASENUM_LEN], char *err, size_t errlen);

/* ---- the applicant ------------------------------------------------------------------------ */

/* The applicant as the case.received event records it. */
typedef struct {
    char name[DESK_NAME_MAX + 1];      /* outer blanks trimmed */
    char legal_rep[DESK_NAME_MAX + 1]; /* organisation only, "" otherwise */
    char id[DESK_ID_MAX + 1];          /* normalised ID number or code, "" when none */
    char phone[PHONE_NORM_MAX];        /* normalised, "" when none */
    bool id_invalid;                   /* an organisation's code kept by override */
} desk_person;

/* Check and normalise the applicant; 0, or -1 with the message naming the field. */
int desk_applicant_norm(const desk_applicant *a, gdate today, desk_person *out, char *err, size_t errlen);
/* Check and normalise an optional telephone into out ("" when blank); 0 or -1. */
int desk_phone_norm(const char *phone, char out[PHONE_NORM_MAX], char *err, size_t errlen);

/* ---- the item and its checklist ------------------------------------------------------------- */

/* An item, its materials and the checklist's decision. */
typedef struct {
    catalog_item item;
    catalog_materials mats;
    ck_material ck[CK_MAX_MATERIALS];
    size_t n;
    ck_decision d;
} desk_check;

/* Load the item (cls: the case's class, or CASE_CLASS_COUNT for the item's) and decide on the
 * entries; 0, or -1 with the message.  Free with desk_check_free in both cases. */
int desk_check_run(store *s, const char *item, case_class cls, const ck_entry *entries, size_t n, desk_check *c,
                   char *err, size_t errlen);
void desk_check_free(desk_check *c);
/* The promised date of a case accepted today (a 补办件 counted from today too, 篇八 四(三)3) into due,
 * "" when the calendar does not hold the year (the due date is then unknown); 0, or -1. */
int desk_due(const desk_who *who, int limit, char due[DATE_STR_LEN], char *err, size_t errlen);

/* ---- the event batch ---------------------------------------------------------------------------- */

/* The events of one action (data/evbatch.h), signed by who at a window, about one case. */
typedef struct {
    evbatch ev;                        /* the events, their fields and text */
    const desk_who *who;
    const char *subject;               /* the case number, NULL for an enquiry */
    int64_t ints[CK_MAX_MATERIALS];    /* the materials of the batch's notice */
    int notice_at;                     /* index of the notice event, -1 when none */
    int notice;                        /* its notice_kind, -1 when none */
} desk_batch;

/* A new batch signed by who for subject; NULL with the message when out of memory. */
desk_batch *desk_batch_new(store *s, const desk_who *who, const char *subject, char *err, size_t errlen);
/* Free a batch (NULL is fine). */
void desk_batch_free(desk_batch *b);
/* Start an event of type, with its "date" and "window"; add fields with evbatch_add(&b->ev, ...). */
void desk_ev(desk_batch *b, const char *type);
/* The material.checked event of one material. */
void desk_material(desk_batch *b, int index, const char *name, ck_kind kind, bool deferrable, ck_presence status,
                   const char *note);
/* The stable name of a notice kind ("acceptance" ...); NULL if unknown. */
const char *desk_notice_name(notice_kind k);
/* The notice.issued event: kind, the materials it lists (may be 0), its deadline (NULL: none). */
void desk_notice(desk_batch *b, notice_kind kind, const int *materials, size_t n, const char *deadline,
                 bool reprint);
/* Record the batch; 0, or -1 with the store's message or the overflow's (nothing recorded). */
int desk_batch_commit(desk_batch *b, char *err, size_t errlen);

/* ---- reading a case ------------------------------------------------------------------------------ */

/* A case as the projection holds it, as the desk needs it. */
typedef struct {
    char case_id[CASENUM_LEN];
    char item[64];
    case_class cls;
    case_status status;
    int supplements;
    bool deferred, deferred_open, clock_restart;
    bool evaluated;
    char evaluated_on[DATE_STR_LEN];
    char due[DATE_STR_LEN];
} desk_case;

/* Read a case by number (as typed); 0, or -1 with the message (no such case). */
int desk_case_read(store *s, const char *case_id, desk_case *c, char *err, size_t errlen);
/* 0 when the case is not closed, else -1 with "case N is closed (status)". */
int desk_case_open(const desk_case *c, char *err, size_t errlen);
/* True for a decided case (approved, denied, delivered, archived). */
bool desk_case_decided(const desk_case *c);
/* Fill the result from the case as now recorded (and the notice the batch issued); 0 or -1. */
int desk_result_fill(store *s, const desk_batch *b, const char *case_id, desk_result *out, char *err,
                     size_t errlen);

#endif
