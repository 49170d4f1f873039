/* ident.h - one entry point for "an identifier the applicant gave": decides
 * whether the value is a 居民身份证号码 (18 characters, or 15 digits for an
 * old card) or a 统一社会信用代码 and validates it as that kind.  Used by the
 * verb `guichet id check VALUE`, which prints "id YYYY-MM-DD male|female"
 * or "uscc" on success. */
#ifndef GUICHET_CORE_IDENT_H
#define GUICHET_CORE_IDENT_H

#include "core/date.h"
#include "core/idcard.h"
#include "core/uscc.h"

typedef enum {
    IDENT_KIND_NONE = 0, /* nothing typed */
    IDENT_KIND_IDCARD,   /* read as an ID card number (current or legacy) */
    IDENT_KIND_USCC,     /* read as a unified social credit code */
} ident_kind;

/* The verdict; the specific reason of a failure is the kind's own status. */
typedef enum {
    IDENT_OK = 0,
    IDENT_ERR_EMPTY,  /* nothing typed */
    IDENT_ERR_IDCARD, /* read as an ID card number and refused: see idcard */
    IDENT_ERR_USCC,   /* read as a unified social credit code and refused: see uscc */
} ident_status;

typedef struct {
    ident_kind kind;       /* the kind decided (also on failure) */
    ident_status status;   /* the verdict, as returned */
    idcard_status idcard;  /* the ID card verdict when kind == IDENT_KIND_IDCARD */
    uscc_status uscc;      /* the USCC verdict when kind == IDENT_KIND_USCC */
    idcard_info id;        /* ID card details (birth, sex, legacy, expected check ...) */
    uscc_info org;         /* USCC details (authority, type, expected check ...) */
    gdate birth;           /* copy of id.birth for a valid ID card number */
    idcard_sex sex;        /* copy of id.sex for a valid ID card number */
} ident_result;

/* Decide the kind of value and validate it (today bounds ID birth dates);
 * *out is always filled. */
ident_status ident_check(const char *value, gdate today, ident_result *out);
/* English message id (N_) for the verdict in *r (the kind's own reason). */
const char *ident_reason(const ident_result *r);
/* "id" or "uscc" (or "" for none): stable tokens for command-line output. */
const char *ident_kind_token(ident_kind kind);

#endif
