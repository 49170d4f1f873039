/* staff.h - the staff members of this terminal: who they are (a short id the
 * clerk types, a name, roles, the windows they may serve), their PIN kept as
 * an argon2id hash, and the failed-attempt lockout.  Staff are never deleted
 * (events name them): they are deactivated.
 *
 * Two ids: `code` is the id a person types ("0123", "wangfang"), stable
 * across terminals and what events and sync should carry; `num` is this
 * file's small number for it, the core/handoff.h staff_id (0 = nobody).
 *
 * Every function returns STAFF_OK (0) or a staff_rc and writes a one-line
 * English message into err (errlen bytes); bad input changes nothing. */
#ifndef GUICHET_DATA_STAFF_H
#define GUICHET_DATA_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/handoff.h"
#include "core/pin.h"
#include "data/store.h"

#define STAFF_CODE_MIN 2        /* characters in a staff id */
#define STAFF_CODE_MAX 16
#define STAFF_CODE_BUF 17       /* STAFF_CODE_MAX plus NUL */
#define STAFF_NAME_MAX 32       /* characters (code points) in a name */
#define STAFF_NAME_BUF 129      /* 32 characters of up to 4 bytes, plus NUL */
#define STAFF_WINDOWS_MAX 16    /* windows one staff member may serve */
#define WINDOW_CODE_MAX 8       /* characters in a window code ("W03") */
#define WINDOW_CODE_BUF 9
#define WINDOW_NAME_MAX 32      /* characters in a window name ("民政综合窗口") */
#define WINDOW_NAME_BUF 129

/* argon2id cost of a PIN hash (crypto_pwhash_str): 3 passes over 16 MiB.
 * Measured on the development machine (AMD EPYC, libsodium 1.0.18): a verify
 * takes about 18 ms (median of 21; 14 ms at t=2, 68 ms at 32 MiB, 80 ms for
 * libsodium's INTERACTIVE 64 MiB).  A thin terminal 5-8 times slower still
 * answers in 100-150 ms, and 16 MiB is under 7 % of a 256 MB machine, where
 * INTERACTIVE's 64 MiB would be a quarter of it.  No hash setting that stays
 * instant protects a 6-digit PIN against someone who has copied the file
 * (10^6 guesses of 18 ms is 5 hours on one core): the file's 0600 mode and the
 * lockout do that; the hash keeps PINs out of sight and costly to harvest. */
#define STAFF_PIN_OPSLIMIT 3ULL
#define STAFF_PIN_MEMLIMIT (16UL * 1024 * 1024)

/* Roles, as bits: a staff member may have several. */
typedef enum {
    STAFF_ROLE_CLERK = 1,      /* serves at a window */
    STAFF_ROLE_APPROVER = 2,   /* decides cases (审批) */
    STAFF_ROLE_SUPERVISOR = 4, /* unlocks, confirms off-roster cover, reports */
    STAFF_ROLE_TRAINER = 8     /* runs drills */
} staff_role;
#define STAFF_ROLES_ALL 15
#define STAFF_ROLES_BUF 36     /* "clerk,approver,supervisor,trainer" plus NUL */

typedef enum {
    STAFF_OK = 0,
    STAFF_E_INPUT,     /* a value is malformed: id, name, role, window, date (err says which) */
    STAFF_E_PIN,       /* the PIN breaks the policy: err is pin_reason() */
    STAFF_E_EXISTS,    /* the staff id (or window code) is already taken */
    STAFF_E_NOT_FOUND, /* no such staff member (or window) */
    STAFF_E_INACTIVE,  /* the staff member is deactivated */
    STAFF_E_NOT_ALLOWED, /* the acting person may not do this (not a supervisor, themself ...) */
    STAFF_E_DB,        /* the database or libsodium failed: err has the detail */
} staff_rc;

/* What staff_add needs. */
typedef struct {
    const char *code;                      /* the id typed at log-in (normalised: lowercase) */
    const char *name;                      /* UTF-8, 1..32 characters; outer blanks trimmed */
    unsigned roles;                        /* staff_role bits, at least one */
    const char *windows[STAFF_WINDOWS_MAX];/* window codes that exist (window_add) */
    int n_windows;                         /* 0..STAFF_WINDOWS_MAX */
    gdate birth;                           /* optional, {0,0,0} unknown: only for the PIN policy */
} staff_in;

/* One staff member as stored (never the PIN hash). */
typedef struct {
    staff_id num;                          /* this file's number, > 0 */
    char code[STAFF_CODE_BUF];
    char name[STAFF_NAME_BUF];
    unsigned roles;
    bool active;
    int n_windows;
    char windows[STAFF_WINDOWS_MAX][WINDOW_CODE_BUF]; /* sorted */
    gdate birth;                           /* {0,0,0} unknown */
    pin_lock_state lock;                   /* failures and locked_until (ms) */
} staff_rec;

/* Outcome of staff_verify_pin. */
typedef enum {
    STAFF_PIN_OK = 0,    /* right PIN: failures reset */
    STAFF_PIN_WRONG,     /* wrong PIN: attempts_left tells how many remain before the lock */
    STAFF_PIN_LOCKED,    /* locked until locked_until: by this failure (the last allowed), or
                          * already locked, in which case the PIN was not checked */
    STAFF_PIN_UNKNOWN,   /* no such staff id (or an inactive one with a wrong PIN) */
    STAFF_PIN_INACTIVE,  /* right PIN, but the staff member is deactivated */
    STAFF_PIN_ERROR      /* database or libsodium failure: see err */
} staff_pin_result;

typedef struct {
    staff_pin_result result;
    staff_id num;             /* the staff member's number when OK (else 0) */
    int attempts_left;        /* WRONG: failures still allowed before the lock */
    int64_t locked_until;     /* LOCKED: ms since the epoch */
    char err[STORE_ERR_LEN];  /* ERROR: what failed */
} staff_verify;

/* Called once per staff member; return non-zero to stop the listing. */
typedef int (*staff_cb)(const staff_rec *s, void *ctx);

/* Normalise a typed staff id (trim, lowercase) into out and check it: 2-16 of a-z 0-9 . _ -, starting a-z or 0-9. */
staff_rc staff_code_norm(const char *in, char *out, size_t outlen, char *err, size_t errlen);
/* Normalise a typed window code (trim, uppercase) into out and check it: 1-8 of A-Z 0-9 -. */
staff_rc window_code_norm(const char *in, char *out, size_t outlen, char *err, size_t errlen);
/* Check a display name (UTF-8, printable, 1..max_chars characters after trimming) and copy it trimmed; `what` names it in err. */
staff_rc staff_text_norm(const char *in, int max_chars, const char *what, char *out, size_t outlen,
                         char *err, size_t errlen);
/* Stable ASCII name of one role bit ("clerk" ...); NULL if not a single role. */
const char *staff_role_name(staff_role r);
/* Parse "clerk", "clerk,supervisor" ... into role bits; 0 on success, -1 (err names the word) otherwise. */
int staff_roles_parse(const char *text, unsigned *roles, char *err, size_t errlen);
/* Write the roles as "clerk,supervisor" into buf (STAFF_ROLES_BUF bytes); returns buf. */
char *staff_roles_format(unsigned roles, char *buf, size_t len);

/* Add a staff member with a PIN (checked by pin_check, stored as argon2id); active. */
staff_rc staff_add(store *s, const staff_in *in, const char *pin, char *err, size_t errlen);
/* Fetch one staff member by typed id (normalised here), active or not. */
staff_rc staff_get(store *s, const char *code, staff_rec *out, char *err, size_t errlen);
/* Fetch one staff member by number. */
staff_rc staff_get_num(store *s, staff_id num, staff_rec *out, char *err, size_t errlen);
/* Call cb for every staff member (inactive too), ordered by id. */
staff_rc staff_list(store *s, staff_cb cb, void *ctx, char *err, size_t errlen);
/* Replace the PIN (policy-checked); also clears failures and any lock.  The caller proves who may do it. */
staff_rc staff_set_pin(store *s, const char *code, const char *pin, char *err, size_t errlen);
/* Replace the roles (at least one). */
staff_rc staff_set_roles(store *s, const char *code, unsigned roles, char *err, size_t errlen);
/* Replace the windows a staff member may serve (each must exist). */
staff_rc staff_set_windows(store *s, const char *code, const char *const *windows, int n,
                           char *err, size_t errlen);
/* Deactivate (never delete): no log-in, no new roster; past records keep naming them. */
staff_rc staff_deactivate(store *s, const char *code, char *err, size_t errlen);
/* Make a deactivated staff member active again. */
staff_rc staff_reactivate(store *s, const char *code, char *err, size_t errlen);
/* Clear failures and lock; by = an active supervisor other than code, or NULL for the administrator's command line. */
staff_rc staff_unlock(store *s, const char *code, const char *by, char *err, size_t errlen);
/* True when the hash checked for unknown or locked ids has the cost of STAFF_PIN_*LIMIT (a test guards it). */
bool staff_pin_dummy_is_current(void);
/* Check a PIN at now_ms with the default lockout policy (5 failures, 15 minutes); result in *out. */
staff_pin_result staff_verify_pin(store *s, const char *code, const char *pin, int64_t now_ms, staff_verify *out);
/* The same with an explicit lockout policy (must be pin_lock_policy_valid). */
staff_pin_result staff_verify_pin_policy(store *s, const char *code, const char *pin, int64_t now_ms,
                                         const pin_lock_policy *policy, staff_verify *out);

#endif
