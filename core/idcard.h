/* idcard.h - 公民身份号码 on a 居民身份证 (GB 11643-1999): validating what the
 * clerk types, with a specific reason for every failure, and reading the
 * birth date, sex and region out of a valid number.  Also recognises the
 * 15-digit numbers of the first-generation cards (GB 11643-1989) and
 * upgrades them to 18 characters. */
#ifndef GUICHET_CORE_IDCARD_H
#define GUICHET_CORE_IDCARD_H

#include <stdbool.h>

#include "core/date.h"
#include "core/idtext.h"

#define IDCARD_LEN 18        /* characters of a current number */
#define IDCARD_LEGACY_LEN 15 /* digits of a first-generation number */

/* Why a number was refused, in the order the checks run. */
typedef enum {
    IDCARD_OK = 0,
    IDCARD_ERR_EMPTY,            /* nothing typed */
    IDCARD_ERR_CHAR,             /* a character other than 0-9 (or X last); see bad */
    IDCARD_ERR_LENGTH,           /* not 18 (or 15) characters; see length */
    IDCARD_ERR_PROVINCE,         /* first two digits are no province-level code */
    IDCARD_ERR_DATE_IMPOSSIBLE,  /* birth date not on the calendar (02-30, month 13) */
    IDCARD_ERR_DATE_FUTURE,      /* birth date after today */
    IDCARD_ERR_DATE_TOO_OLD,     /* birth date before 1900-01-01 */
    IDCARD_ERR_CHECK,            /* wrong check character; see expected_check */
} idcard_status;

typedef enum { IDCARD_FEMALE = 0, IDCARD_MALE = 1 } idcard_sex;

/* What validation found.  Fields are filled as far as the checks got. */
typedef struct {
    char number[IDCARD_LEN + 1]; /* normalised 18 characters ("X" upper case;
                                    legacy numbers upgraded); "" unless OK */
    char region[7];              /* the six-digit address code */
    gdate birth;                 /* birth date */
    idcard_sex sex;              /* 17th digit (15th of a legacy number): odd = male */
    bool legacy;                 /* the value typed was a 15-digit first-generation number */
    bool residence_permit;       /* address code 81/82/83: 港澳台居民居住证 number */
    char expected_check;         /* the check character the 17 digits call for, '\0' if unknown */
    int length;                  /* characters typed (after trimming) */
    idtext_badchar bad;          /* the offending character for IDCARD_ERR_CHAR */
} idcard_info;

/* Validate a typed ID card number against today's date; fills *out. */
idcard_status idcard_validate(const char *value, gdate today, idcard_info *out);
/* The check character ('0'-'9' or 'X') for 17 digits; '\0' if d17 is not 17 digits. */
char idcard_check_char(const char *d17);
/* Upgrade a 15-digit number to 18 (insert "19", append the check character)
 * into out (IDCARD_LEN + 1 bytes); checks shape, province and date first. */
idcard_status idcard_upgrade15(const char *id15, char out[IDCARD_LEN + 1]);
/* English message id (N_) saying what is wrong, for a status. */
const char *idcard_reason(idcard_status st);
/* "male" or "female": stable tokens for command-line output (not translated). */
const char *idcard_sex_token(idcard_sex sex);

#endif
