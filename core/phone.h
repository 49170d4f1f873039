/* phone.h - an applicant's contact telephone number as the clerk types it:
 * a mobile number (11 digits, 1[3-9]..., optional +86/86) or a landline
 * (area code 0xx/0xxx, 7-8 digit subscriber number, optional extension),
 * validated with a specific reason and normalised ("13800138000",
 * "0571-88889999", "0571-88889999-123").  Short service numbers (12345
 * hotline, 110, 95xxx, 400/800 ...) are refused: they are nobody's own. */
#ifndef GUICHET_CORE_PHONE_H
#define GUICHET_CORE_PHONE_H

#include "core/idtext.h"

#define PHONE_NORM_MAX 24 /* "0571-88889999-123456" plus NUL fits */

/* Why a number was refused. */
typedef enum {
    PHONE_OK = 0,
    PHONE_ERR_EMPTY,         /* nothing typed */
    PHONE_ERR_CHAR,          /* a character other than digits, spaces, "-", a leading "+", "转"; see bad */
    PHONE_ERR_LENGTH,        /* wrong number of digits for a mobile (or too many digits) */
    PHONE_ERR_COUNTRY,       /* "+" followed by a country code other than 86 */
    PHONE_ERR_MOBILE_PREFIX, /* 11 digits starting with 1, but not 13-19 */
    PHONE_ERR_AREA_CODE,     /* a landline area code that cannot exist (00, 01x, 026, wrong length) */
    PHONE_ERR_NO_AREA_CODE,  /* a 7-8 digit landline number typed without its area code */
    PHONE_ERR_SUBSCRIBER,    /* subscriber number not 7-8 digits, or starting with 0 or 1 */
    PHONE_ERR_EXTENSION,     /* extension empty, too long, or on a mobile number */
    PHONE_ERR_SERVICE,       /* a short service number (12345, 110, 95588, 400...), not a person's */
} phone_status;

typedef enum { PHONE_KIND_NONE = 0, PHONE_KIND_MOBILE, PHONE_KIND_LANDLINE } phone_kind;

/* What validation found. */
typedef struct {
    phone_kind kind;              /* which kind the digits were read as */
    char number[PHONE_NORM_MAX];  /* normalised form; "" unless OK */
    char area[5];                 /* landline area code with its 0, e.g. "0571" */
    char subscriber[9];           /* landline subscriber number */
    char extension[7];            /* landline extension, "" if none */
    idtext_badchar bad;           /* the offending character for PHONE_ERR_CHAR */
} phone_info;

/* Validate and normalise a typed telephone number; fills *out. */
phone_status phone_validate(const char *value, phone_info *out);
/* English message id (N_) saying what is wrong, for a status. */
const char *phone_reason(phone_status st);

#endif
