/* uscc.h - 统一社会信用代码 (GB 32100-2015 法人和其他组织统一社会信用代码
 * 编码规则): validating what the clerk types, with a specific reason for every
 * failure, naming the registration authority and organisation type found;
 * plus the check-character helpers tests and tools use to build codes. */
#ifndef GUICHET_CORE_USCC_H
#define GUICHET_CORE_USCC_H

#include <stdbool.h>

#include "core/idtext.h"

#define USCC_LEN 18

/* Why a code was refused, in the order the checks run. */
typedef enum {
    USCC_OK = 0,
    USCC_ERR_EMPTY,     /* nothing typed */
    USCC_ERR_CHAR,      /* not one of 0-9 A-Z without I O S V Z; see bad */
    USCC_ERR_LENGTH,    /* not 18 characters; see length */
    USCC_ERR_AUTHORITY, /* character 1 is no registration authority code */
    USCC_ERR_TYPE,      /* character 2 is no organisation type of that authority */
    USCC_ERR_REGION,    /* characters 3-8 are not a six-digit region code */
    USCC_ERR_CHECK,     /* character 18 does not match; see expected_check */
} uscc_status;

/* Observations that do not refuse the code (see uscc.c for why). */
typedef enum {
    USCC_NOTE_NONE = 0,
    USCC_NOTE_ORG_CODE, /* characters 9-17 fail the GB 11714 organisation-code check */
} uscc_note;

/* What validation found.  Fields are filled as far as the checks got. */
typedef struct {
    char code[USCC_LEN + 1];  /* normalised (upper case) code; "" unless OK */
    char authority;           /* character 1, upper case ('\0' if none) */
    char type;                /* character 2 ('\0' if none) */
    const char *authority_name; /* 登记管理部门, e.g. "工商(市场监管)"; NULL if unknown */
    const char *type_name;      /* 机构类别, e.g. "企业"; NULL if unknown */
    char region[7];           /* characters 3-8 */
    char org_code[10];        /* characters 9-17 (主体标识码 / 组织机构代码) */
    char expected_check;      /* the MOD 31 check the first 17 call for, '\0' if unknown */
    bool org_check_ok;        /* characters 9-17 pass the GB 11714 check */
    char org_expected;        /* the GB 11714 check character for characters 9-16 */
    uscc_note note;           /* informational finding on a valid code */
    int length;               /* characters typed (after trimming) */
    idtext_badchar bad;       /* the offending character for USCC_ERR_CHAR */
} uscc_info;

/* Validate a typed code; lower case is accepted and normalised. Fills *out. */
uscc_status uscc_validate(const char *value, uscc_info *out);
/* The MOD 31 check character for the first 17 characters (upper case);
 * '\0' if any of them is outside the code's character set. */
char uscc_check_char(const char *c17);
/* The GB 11714 check character ('0'-'9' or 'X') for an 8-character
 * organisation-code body (digits, upper-case letters); '\0' if invalid. */
char uscc_org_check_char(const char *body8);
/* English message id (N_) saying what is wrong, for a status. */
const char *uscc_reason(uscc_status st);
/* English message id (N_) explaining an informational note (NULL for none). */
const char *uscc_note_text(uscc_note note);

#endif
