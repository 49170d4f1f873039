/* drill.h - drills for trainers (issue 7), the pure part: a scenario as
 * data (who comes to the window, with which item and which materials, and
 * what happens in the queue), what the rules expect of each applicant
 * (core/checklist.h decides the outcome from the materials actually handed
 * over; the scenario can only add that a request is ineligible), and the
 * score of what the trainee did against it, each deduction explained.
 * Reading a scenario file and the drill database is data/drill*.c. */
#ifndef GUICHET_CORE_DRILL_H
#define GUICHET_CORE_DRILL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/case.h"
#include "core/checklist.h"
#include "core/date.h"

#define DRILL_APPLICANTS_MAX 24  /* applicants in one scenario's queue */
#define DRILL_TEXT_MAX 240       /* bytes of a free text (what the applicant says, a reason) */
#define DRILL_NAME_MAX 64        /* bytes of a person's name */
#define DRILL_CODE_MAX 40        /* bytes of an item code */
#define DRILL_ID_MAX 19          /* an ID number: 18 characters + NUL */
#define DRILL_DEDUCTIONS_MAX 24  /* deductions listed for one applicant */

/* One material as the applicant hands it over (materials of the item not listed are missing). */
typedef struct {
    int index;                   /* the material's number in the item's guide (1..) */
    ck_presence status;          /* CK_PRESENT, or CK_DEFECTIVE (brought but not in legal form) */
    char said[DRILL_TEXT_MAX];   /* how the applicant describes it as they hand it over */
} drill_brought;

/* One simulated applicant in the queue. */
typedef struct {
    char key[32];                       /* the scenario section's id ("a1") */
    char name[DRILL_NAME_MAX];
    char id_card[DRILL_ID_MAX];         /* the number printed on their ID card: the right one */
    char id_form[DRILL_ID_MAX];         /* the number they wrote on the form ("" = same as the card) */
    char phone[20];
    char item[DRILL_CODE_MAX];          /* catalogue item code they ask for */
    char says[DRILL_TEXT_MAX];          /* what they say at the window */
    int day;                            /* the drill day they come (1 = the first day) */
    drill_brought brought[CK_MAX_MATERIALS];
    size_t nbrought;
    bool ineligible;                    /* the request must be refused (不予受理) whatever the materials */
    char ineligible_why[DRILL_TEXT_MAX];/* why (shown in the result, not to the trainee beforehand) */
    int return_day;                     /* they come back on this day with return_brings (0: never) */
    int return_brings[CK_MAX_MATERIALS];/* material indices they bring on return */
    size_t nreturn;
    bool handoff_after;                 /* after this applicant the trainee is called away: hand over to B */
    int target_seconds;                 /* time allowed before the time deduction (default 300) */
} drill_applicant;

/* A whole scenario. */
typedef struct {
    char title[DRILL_TEXT_MAX];
    char catalog[512];                  /* catalogue file, relative to the scenario's folder; "" = the shipped demo */
    gdate start;                        /* drill day 1 */
    char window[9];                     /* the window the trainee serves ("W01") */
    char trainee_code[17], trainee_name[DRILL_NAME_MAX], trainee_pin[16];
    char b_code[17], b_name[DRILL_NAME_MAX], b_pin[16]; /* the B post, played by the trainer */
    drill_applicant applicants[DRILL_APPLICANTS_MAX];
    size_t napplicants;
} drill_scenario;

/* What the rules expect for one applicant (at their first visit). */
typedef struct {
    ck_outcome outcome;                 /* CK_ACCEPT (an immediate item: concluded on the spot), CK_DEFER,
                                         * CK_SUPPLEMENT or CK_REJECT */
    int named[CK_MAX_MATERIALS];        /* SUPPLEMENT / DEFER: the materials the notice must name, ascending */
    size_t nnamed;
    bool has_due;                       /* a promised item accepted: its due date */
    gdate due;
    bool id_trap;                       /* the form's ID differs from the card: the trainee must record the card's */
} drill_expect;

/* What the trainee did for one applicant, as read back from the drill database. */
typedef struct {
    bool seen;                          /* a case was recorded for this applicant */
    bool decided;                       /* an intake decision was recorded */
    ck_outcome outcome;                 /* the decision (an immediate item concluded on the spot: CK_ACCEPT) */
    int named[CK_MAX_MATERIALS];        /* materials the 补正 / 容缺 notice named, ascending */
    size_t nnamed;
    bool has_due;
    gdate due;                          /* the case's due date, when it has one */
    char id_recorded[DRILL_ID_MAX];     /* the ID number recorded on the case */
    bool handoff_done;                  /* handoff_after: a handoff was recorded before the next applicant */
    bool return_done;                   /* return_day: the case was accepted after the return visit */
    int seconds;                        /* from calling the applicant to the decision; -1 unknown */
} drill_actual;

/* Why points were taken off. */
typedef enum {
    DRILL_D_NO_CASE = 0,      /* no case recorded for the applicant */
    DRILL_D_OUTCOME,          /* the wrong decision */
    DRILL_D_LEFT_OUT,         /* the notice left out a missing / defective material (one-time rule) */
    DRILL_D_ASKED_PRESENT,    /* the notice asked for a material the applicant had handed over */
    DRILL_D_DEADLINE,         /* the due date is wrong */
    DRILL_D_ID_NOT_CAUGHT,    /* the form's mistyped ID was recorded instead of the card's */
    DRILL_D_NO_HANDOFF,       /* left the window without handing over to B */
    DRILL_D_RETURN,           /* the returning applicant's case was not completed */
    DRILL_D_SLOW,             /* over the time allowed */
    DRILL_D_KIND_COUNT
} drill_deduction_kind;

/* One deduction. */
typedef struct {
    drill_deduction_kind kind;
    int points;               /* taken off (> 0) */
    int material;             /* LEFT_OUT / ASKED_PRESENT: the material's index; else 0 */
} drill_deduction;

/* The score of one applicant: 100 minus the deductions, never below 0. */
typedef struct {
    int score;
    drill_deduction d[DRILL_DEDUCTIONS_MAX];
    size_t nd;
} drill_score;

/* Points of each deduction kind (the table in docs/drills.md). */
int drill_points(drill_deduction_kind k);
/* English message id (N_) saying what a deduction kind means. */
const char *drill_deduction_reason(drill_deduction_kind k);
/* Stable ASCII id of a deduction kind, for the CSV ("left_out"). */
const char *drill_deduction_name(drill_deduction_kind k);
/* What the rules expect for applicant a, given the item's materials and class; the calendar-computed
 * due date is passed in by the caller (promised items; has_due false otherwise). */
ck_status drill_expect_for(const drill_applicant *a, const ck_material *mats, size_t nmats, case_class cls,
                           bool has_due, gdate due, drill_expect *out);
/* Score what was done against what was expected for applicant a. */
void drill_score_one(const drill_applicant *a, const drill_expect *e, const drill_actual *act, drill_score *out);
/* The total of a run: the mean of the applicants' scores, rounded to the nearest whole point. */
int drill_total(const drill_score *scores, size_t n);

#endif
