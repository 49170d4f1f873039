/* checklist.h - intake decisions from the materials checklist: given an
 * item's materials and what the applicant brought, which outcomes the clerk
 * may choose (accept, 容缺受理, 补正, 不予受理) and why the others are refused;
 * the lists the 补正 and 容缺 notices must carry; the check that a 不予受理
 * has a reason and a legal basis; and the 一次性告知 rule that a later 补正
 * request may not name a material the first notice did not. */
#ifndef GUICHET_CORE_CHECKLIST_H
#define GUICHET_CORE_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/case.h"
#include "core/date.h"

#define CK_MAX_MATERIALS 64 /* materials one item may list */

/* 主件 / 副件 (seed 001 篇四 (十)5). */
typedef enum {
    CK_ESSENTIAL = 0, /* 主件: 必要的申请材料 */
    CK_AUXILIARY,     /* 副件: 其他申请材料 */
    CK_KIND_COUNT
} ck_kind;

/* One material required by the item's guide. */
typedef struct {
    int index;        /* its number in the guide's list, >= 1, unique in the item */
    const char *name; /* as printed on the guide */
    ck_kind kind;
    bool deferrable;  /* 容缺 may defer it (auxiliary materials only) */
} ck_material;

/* What the applicant brought for one material. */
typedef enum {
    CK_PRESENT = 0, /* present and in legal form */
    CK_MISSING,
    CK_DEFECTIVE,   /* brought but not in legal form: the note says what is wrong */
    CK_PRESENCE_COUNT
} ck_presence;

/* One tick of the checklist, same position as the material it is for. */
typedef struct {
    ck_presence status;
    const char *note; /* required for CK_DEFECTIVE, optional otherwise */
} ck_entry;

/* Intake outcomes. */
typedef enum {
    CK_ACCEPT = 0, /* 受理 */
    CK_DEFER,      /* 容缺受理 */
    CK_SUPPLEMENT, /* 补正 */
    CK_REJECT,     /* 不予受理 */
    CK_OUTCOME_COUNT
} ck_outcome;

/* Why an outcome is or is not open.  Reasons marked %d name a material's index. */
typedef enum {
    CK_WHY_ALLOWED = 0,
    CK_WHY_MISSING,             /* accept: material %d is missing */
    CK_WHY_DEFECTIVE,           /* accept: material %d is not in legal form */
    CK_WHY_IMMEDIATE,           /* defer: never for an immediate case */
    CK_WHY_ESSENTIAL_MISSING,   /* defer: essential material %d is missing */
    CK_WHY_ESSENTIAL_DEFECTIVE, /* defer: essential material %d is not in legal form */
    CK_WHY_NOT_DEFERRABLE,      /* defer: material %d may not be deferred */
    CK_WHY_NOTHING_OUTSTANDING, /* defer, supplement: every material is present and in order */
    CK_WHY_COUNT
} ck_why;

/* Errors in the input, and in the notices' own checks. */
typedef enum {
    CK_OK = 0,
    CK_E_NULL,                 /* a required pointer is missing */
    CK_E_NO_MATERIALS,         /* the item lists no material */
    CK_E_TOO_MANY,             /* more than CK_MAX_MATERIALS materials */
    CK_E_LENGTH,               /* the checklist does not have one entry per material */
    CK_E_CLASS,                /* unknown case class */
    CK_E_KIND,                 /* a material neither essential nor auxiliary; see bad */
    CK_E_INDEX,                /* a material index below 1; see bad */
    CK_E_DUP_INDEX,            /* two materials with the same index; see bad */
    CK_E_NAME,                 /* a material without a name; see bad */
    CK_E_ESSENTIAL_DEFERRABLE, /* an essential material marked deferrable; see bad */
    CK_E_STATUS,               /* an entry neither present, missing nor defective; see bad */
    CK_E_NOTE,                 /* a defective entry without a note saying what is wrong; see bad */
    CK_E_NOT_DEFERRABLE,       /* a deferral notice asked for when 容缺 is not allowed */
    CK_E_DEADLINE,             /* the deferral deadline is not a real date */
    CK_E_DEADLINE_PAST,        /* the deferral deadline is not after today */
    CK_E_REJECT_REASON,        /* 不予受理 without a reason */
    CK_E_REJECT_BASIS,         /* 不予受理 without a legal basis */
    CK_E_CAPACITY,             /* the output array is too small */
    CK_STATUS_COUNT
} ck_status;

/* One line of a notice: a material and what is wrong with it (pointers into the caller's input). */
typedef struct {
    int index;
    const char *name;
    ck_kind kind;
    ck_presence status;
    const char *note; /* "" when none was given */
} ck_line;

/* What the checklist allows. */
typedef struct {
    bool allowed[CK_OUTCOME_COUNT];
    ck_why why[CK_OUTCOME_COUNT];       /* CK_WHY_ALLOWED when allowed */
    int why_index[CK_OUTCOME_COUNT];    /* the material the reason names, 0 if none */
    ck_line supplement[CK_MAX_MATERIALS]; /* 补正 notice: every missing or defective material */
    size_t nsupplement;
    int n_missing, n_defective;           /* over all materials */
    int n_essential_missing, n_essential_defective;
    size_t bad;                           /* on an error: position of the offending material / entry */
} ck_decision;

/* The 容缺受理 notice: what to bring and by when (seed 001 篇四 (十)5). */
typedef struct {
    ck_line lines[CK_MAX_MATERIALS];
    size_t nlines;
    gdate deadline;
} ck_deferral;

/* Decide which outcomes are open for n materials and their n checklist entries. */
ck_status ck_decide(const ck_material *mats, size_t nmats, const ck_entry *entries, size_t nentries,
                    case_class cls, ck_decision *out);
/* Build the 容缺 notice from a decision that allows it; the deadline must come after today. */
ck_status ck_deferral_notice(const ck_decision *d, gdate today, gdate deadline, ck_deferral *out);
/* Check a 不予受理 decision: reason and legal basis both non-blank. */
ck_status ck_reject_check(const char *reason, const char *basis);
/* Materials in a later 补正 request that the first notice did not name (一次性告知 breaches);
 * writes up to cap indexes to out and their count to *nout (CK_E_CAPACITY if more). */
ck_status ck_one_time_violations(const int *first, size_t nfirst, const int *later, size_t nlater, int *out,
                                 size_t cap, size_t *nout);
/* English message id (N_) for a reason; those of ck_why_names_material() hold one %d. */
const char *ck_why_reason(ck_why w);
/* True when the reason's message has a %d for the material index. */
bool ck_why_names_material(ck_why w);
/* English message id (N_) saying what is wrong with the input. */
const char *ck_status_reason(ck_status st);
/* Stable ASCII id of an outcome ("accept", "defer", "supplement", "reject"); NULL if unknown. */
const char *ck_outcome_name(ck_outcome o);
/* English message id (N_) naming an outcome. */
const char *ck_outcome_label(ck_outcome o);

#endif
