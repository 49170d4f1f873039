/* pin.h - the PIN policy of staff members (pure): what a PIN may look like,
 * which PINs are too easy to guess, and the failed-attempt lockout
 * arithmetic.  Hashing and storage live in data/staff.c; this module never
 * sees a clock (now is passed in) and keeps no copy of a PIN.
 *
 * Length: exactly 6 ASCII digits.  A window clerk types the PIN many times a
 * day (log-in, screen unlock, confirming a handoff with their own identity),
 * mostly on the numeric keypad; six digits is the form every Chinese clerk
 * already knows from bank cards and 支付密码, and a fixed length means no
 * guessing whether the length itself is wrong.  Four digits (10^4) would fall
 * to the online lockout within weeks (5 tries per 15 minutes is 480 a day);
 * 10^6 takes years.  Longer PINs would slow every handoff for little gain,
 * because the lockout, not the length, is what stops guessing at the window. */
#ifndef GUICHET_CORE_PIN_H
#define GUICHET_CORE_PIN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"

#define PIN_LEN 6      /* digits in a PIN */
#define PIN_BUF 7      /* PIN_LEN plus NUL */

/* Defaults of the lockout: 5 consecutive failures lock for 15 minutes. */
#define PIN_LOCK_FAILURES_DEFAULT 5
#define PIN_LOCK_MINUTES_DEFAULT 15
#define PIN_LOCK_FAILURES_MAX 20    /* a policy may allow 1..20 failures */
#define PIN_LOCK_MINUTES_MAX 1440   /* and lock for 1..1440 minutes (one day) */

typedef enum {
    PIN_OK = 0,
    PIN_E_NULL,        /* no PIN given */
    PIN_E_EMPTY,       /* nothing typed */
    PIN_E_LENGTH,      /* not exactly 6 characters */
    PIN_E_NOT_DIGITS,  /* something other than 0-9 */
    PIN_E_SAME_DIGIT,  /* 000000, 111111 ... */
    PIN_E_SEQUENCE,    /* 123456, 654321, 890123 ... (each digit one more or one less) */
    PIN_E_REPEATED,    /* a repeated block: 121212, 123123 */
    PIN_E_MIRRORED,    /* reads the same backwards: 123321, 147741 */
    PIN_E_COMMON,      /* a well-known PIN: keypad patterns, 520/1314 love numbers, 112233 ... */
    PIN_E_STAFF_ID,    /* contains the staff id or is part of it */
    PIN_E_BIRTH_DATE,  /* the staff member's birth date (YYMMDD, DDMMYY, MMDDYY, YYYYMM, MMYYYY) */
    PIN_E_MISMATCH     /* the two entries differ */
} pin_status;

/* What the policy knows about the PIN's owner; any field may be empty. */
typedef struct {
    const char *staff_code; /* the staff id typed at log-in, or NULL */
    gdate birth;            /* birth date, or {0,0,0} when unknown */
} pin_owner;

/* The lockout policy. */
typedef struct {
    int max_failures; /* consecutive failures that lock (1..PIN_LOCK_FAILURES_MAX) */
    int lock_minutes; /* how long a lock lasts (1..PIN_LOCK_MINUTES_MAX) */
} pin_lock_policy;

/* The lockout state of one staff member, as stored. */
typedef struct {
    int failures;          /* consecutive failures since the last success or lock */
    int64_t locked_until;  /* ms since the epoch; 0 when never locked */
} pin_lock_state;

/* Check a new PIN against the policy (owner may be NULL). */
pin_status pin_check(const char *pin, const pin_owner *owner);
/* PIN_OK when the two entries are the same, PIN_E_MISMATCH otherwise (NULL: PIN_E_NULL). */
pin_status pin_match(const char *first, const char *second);
/* English message id (N_) saying why a PIN is refused. */
const char *pin_reason(pin_status s);

/* The default policy: 5 failures, 15 minutes. */
pin_lock_policy pin_lock_default(void);
/* True when the policy's numbers are in range. */
bool pin_lock_policy_valid(const pin_lock_policy *p);
/* True when st is locked at now_ms. */
bool pin_is_locked(const pin_lock_state *st, int64_t now_ms);
/* Attempts left before the lock (max_failures - failures, at least 0). */
int pin_attempts_left(const pin_lock_policy *p, const pin_lock_state *st);
/* Record a wrong PIN at now_ms: count it, and lock (resetting the count) at the limit; true if now locked. */
bool pin_lock_fail(const pin_lock_policy *p, pin_lock_state *st, int64_t now_ms);
/* Record a correct PIN (or a supervisor's unlock): no failures, no lock. */
void pin_lock_clear(pin_lock_state *st);

#endif
