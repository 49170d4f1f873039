/* pin.c - the PIN policy (shape, guessable PINs, the owner's own data) and
 * the failed-attempt lockout arithmetic.  See pin.h for why 6 digits. */
#include "core/pin.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"

/* PINs people pick first that the shape rules below do not already catch:
 * keypad columns and diagonals, and the 520 (我爱你) / 1314 (一生一世)
 * numbers. */
static const char *const common_pins[] = {
    "147258", "258369", "369258", "147369", "159753", "357159", "159357", "753951",
    "741852", "852963", "963852", "789456", "456123", "321654", "123654", "987456",
    "520131", "201314", "131452", "131420", "521314", "520999", "147852", "258456",
};

static bool all_digits(const char *pin)
{
    for (const char *p = pin; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

static bool same_digit(const char *pin)
{
    for (int i = 1; i < PIN_LEN; i++)
        if (pin[i] != pin[0])
            return false;
    return true;
}

/* Every digit `step` more than the one before, modulo 10 (890123 counts). */
static bool steps_by(const char *pin, int step)
{
    for (int i = 1; i < PIN_LEN; i++)
        if ((pin[i - 1] - '0' + step + 10) % 10 != pin[i] - '0')
            return false;
    return true;
}

static bool sequence(const char *pin)
{
    return steps_by(pin, 1) || steps_by(pin, -1) || steps_by(pin, 2) || steps_by(pin, -2);
}

/* pin[i] == pin[i - period] for the whole PIN: ababab (2), abcabc (3). */
static bool periodic(const char *pin, int period)
{
    for (int i = period; i < PIN_LEN; i++)
        if (pin[i] != pin[i - period])
            return false;
    return true;
}

/* Runs of equal digits of one length: aabbcc (2), aaabbb (3). */
static bool runs_of(const char *pin, int run)
{
    for (int i = 0; i < PIN_LEN; i++)
        if (pin[i] != pin[i - i % run])
            return false;
    return true;
}

static bool repeated(const char *pin)
{
    return periodic(pin, 2) || periodic(pin, 3) || runs_of(pin, 2) || runs_of(pin, 3);
}

static bool mirrored(const char *pin)
{
    for (int i = 0; i < PIN_LEN / 2; i++)
        if (pin[i] != pin[PIN_LEN - 1 - i])
            return false;
    return true;
}

static bool common(const char *pin)
{
    for (size_t i = 0; i < sizeof common_pins / sizeof common_pins[0]; i++)
        if (strcmp(pin, common_pins[i]) == 0)
            return true;
    return false;
}

/* The staff id inside the PIN (ids of 4 or more characters: "0123" in
 * "012399"), or the PIN inside the staff id ("20240001" holds "240001"). */
static bool uses_staff_code(const char *pin, const char *code)
{
    if (!code || !*code)
        return false;
    size_t n = strlen(code);
    if (n >= 4 && strstr(pin, code))
        return true;
    return strstr(code, pin) != NULL;
}

/* Write the two last digits of v into out. */
static void two_digits(int v, char *out)
{
    out[0] = (char)('0' + (v / 10) % 10);
    out[1] = (char)('0' + v % 10);
}

/* YYMMDD, DDMMYY, MMDDYY, YYYYMM and MMYYYY of a known birth date. */
static bool birth_date(const char *pin, gdate b)
{
    if (!date_valid(b.y, b.m, b.d))
        return false;
    char yy[2], mm[2], dd[2], cc[2];
    two_digits(b.y % 100, yy);
    two_digits(b.y / 100, cc);
    two_digits(b.m, mm);
    two_digits(b.d, dd);
    const char *forms[5][3] = {
        {yy, mm, dd}, {dd, mm, yy}, {mm, dd, yy}, {cc, yy, mm}, {mm, cc, yy},
    };
    for (int f = 0; f < 5; f++) {
        char s[PIN_BUF];
        for (int k = 0; k < 3; k++)
            memcpy(s + 2 * k, forms[f][k], 2);
        s[PIN_LEN] = '\0';
        if (strcmp(pin, s) == 0)
            return true;
    }
    return false;
}

pin_status pin_check(const char *pin, const pin_owner *owner)
{
    if (!pin)
        return PIN_E_NULL;
    if (!*pin)
        return PIN_E_EMPTY;
    if (!all_digits(pin))
        return PIN_E_NOT_DIGITS;
    if (strlen(pin) != PIN_LEN)
        return PIN_E_LENGTH;
    if (same_digit(pin))
        return PIN_E_SAME_DIGIT;
    if (sequence(pin))
        return PIN_E_SEQUENCE;
    if (repeated(pin))
        return PIN_E_REPEATED;
    if (mirrored(pin))
        return PIN_E_MIRRORED;
    if (common(pin))
        return PIN_E_COMMON;
    if (owner && uses_staff_code(pin, owner->staff_code))
        return PIN_E_STAFF_ID;
    if (owner && birth_date(pin, owner->birth))
        return PIN_E_BIRTH_DATE;
    return PIN_OK;
}

pin_status pin_match(const char *first, const char *second)
{
    if (!first || !second)
        return PIN_E_NULL;
    return strcmp(first, second) == 0 ? PIN_OK : PIN_E_MISMATCH;
}

const char *pin_reason(pin_status s)
{
    switch (s) {
    case PIN_OK: return N_("The PIN is acceptable.");
    case PIN_E_NULL: return N_("No PIN was given.");
    case PIN_E_EMPTY: return N_("The PIN is empty: type 6 digits.");
    case PIN_E_LENGTH: return N_("The PIN must be exactly 6 digits.");
    case PIN_E_NOT_DIGITS: return N_("The PIN may contain only the digits 0-9 (half-width).");
    case PIN_E_SAME_DIGIT: return N_("The PIN repeats one digit (like 000000 or 111111): choose another.");
    case PIN_E_SEQUENCE: return N_("The PIN is a run of digits (like 123456 or 654321): choose another.");
    case PIN_E_REPEATED: return N_("The PIN repeats a short pattern (like 121212, 123123 or 112233): choose another.");
    case PIN_E_MIRRORED: return N_("The PIN reads the same backwards (like 123321): choose another.");
    case PIN_E_COMMON: return N_("The PIN is one of the most common PINs (keypad patterns, 520, 1314): choose another.");
    case PIN_E_STAFF_ID: return N_("The PIN must not contain the staff id or be part of it.");
    case PIN_E_BIRTH_DATE: return N_("The PIN must not be the staff member's birth date.");
    case PIN_E_MISMATCH: return N_("The two PINs typed are different.");
    }
    return N_("Unknown PIN status.");
}

pin_lock_policy pin_lock_default(void)
{
    pin_lock_policy p = {PIN_LOCK_FAILURES_DEFAULT, PIN_LOCK_MINUTES_DEFAULT};
    return p;
}

bool pin_lock_policy_valid(const pin_lock_policy *p)
{
    return p && p->max_failures >= 1 && p->max_failures <= PIN_LOCK_FAILURES_MAX &&
           p->lock_minutes >= 1 && p->lock_minutes <= PIN_LOCK_MINUTES_MAX;
}

bool pin_is_locked(const pin_lock_state *st, int64_t now_ms)
{
    return st->locked_until > now_ms;
}

int pin_attempts_left(const pin_lock_policy *p, const pin_lock_state *st)
{
    int left = p->max_failures - st->failures;
    return left > 0 ? left : 0;
}

bool pin_lock_fail(const pin_lock_policy *p, pin_lock_state *st, int64_t now_ms)
{
    if (st->failures + 1 < p->max_failures) {
        st->failures++;
        return false;
    }
    st->failures = 0;
    st->locked_until = now_ms + (int64_t)p->lock_minutes * 60 * 1000;
    return true;
}

void pin_lock_clear(pin_lock_state *st)
{
    st->failures = 0;
    st->locked_until = 0;
}
