/* test_pin.c - the PIN policy (shape, guessable PINs, the owner's id and
 * birth date) and the lockout arithmetic of core/pin.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/pin.h"

static pin_status check(const char *pin)
{
    return pin_check(pin, NULL);
}

static void ordinary_pins_are_accepted(void **state)
{
    (void)state;
    assert_int_equal(check("482915"), PIN_OK);
    assert_int_equal(check("730416"), PIN_OK);
    assert_int_equal(check("059382"), PIN_OK);
    pin_owner me = {"wangfang", {1985, 3, 14}};
    assert_int_equal(pin_check("482915", &me), PIN_OK);
}

static void shape_is_exactly_six_ascii_digits(void **state)
{
    (void)state;
    assert_int_equal(check(NULL), PIN_E_NULL);
    assert_int_equal(check(""), PIN_E_EMPTY);
    assert_int_equal(check("48291"), PIN_E_LENGTH);
    assert_int_equal(check("4829157"), PIN_E_LENGTH);
    assert_int_equal(check("4829"), PIN_E_LENGTH);
    assert_int_equal(check("48291a"), PIN_E_NOT_DIGITS);
    assert_int_equal(check("482 915"), PIN_E_NOT_DIGITS);
    assert_int_equal(check("\xef\xbc\x94\xef\xbc\x98\xef\xbc\x92\xef\xbc\x99\xef\xbc\x91\xef\xbc\x95"),
                     PIN_E_NOT_DIGITS); /* ４８２９１５ typed in full-width mode */
}

static void one_digit_repeated_is_refused(void **state)
{
    (void)state;
    char pin[PIN_BUF];
    for (int d = 0; d <= 9; d++) {
        memset(pin, '0' + d, PIN_LEN);
        pin[PIN_LEN] = '\0';
        assert_int_equal(check(pin), PIN_E_SAME_DIGIT);
    }
}

static void runs_of_digits_are_refused(void **state)
{
    (void)state;
    const char *runs[] = {"123456", "234567", "456789", "012345", "654321", "987654",
                          "543210", "890123", "901234", "109876", "135791", "246802", "975319"};
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        if (check(runs[i]) != PIN_E_SEQUENCE)
            fail_msg("%s was not refused as a run", runs[i]);
    }
    assert_int_equal(check("123457"), PIN_OK);
}

static void repeated_blocks_are_refused(void **state)
{
    (void)state;
    const char *rep[] = {"121212", "909090", "123123", "520520", "112233", "998877", "111222", "666888"};
    for (size_t i = 0; i < sizeof rep / sizeof rep[0]; i++) {
        if (check(rep[i]) != PIN_E_REPEATED)
            fail_msg("%s was not refused as repeated", rep[i]);
    }
    assert_int_equal(check("121213"), PIN_OK);
}

static void mirrored_pins_are_refused(void **state)
{
    (void)state;
    assert_int_equal(check("123321"), PIN_E_MIRRORED);
    assert_int_equal(check("480084"), PIN_E_MIRRORED);
    assert_int_equal(check("480085"), PIN_OK);
}

static void common_pins_are_refused(void **state)
{
    (void)state;
    assert_int_equal(check("147258"), PIN_E_COMMON); /* keypad column */
    assert_int_equal(check("159753"), PIN_E_COMMON); /* keypad diagonals */
    assert_int_equal(check("520131"), PIN_E_COMMON); /* 我爱你一生一世 */
    assert_int_equal(check("131452"), PIN_E_COMMON);
}

static void staff_id_inside_or_around_the_pin_is_refused(void **state)
{
    (void)state;
    pin_owner o = {"0123", {0, 0, 0}};
    assert_int_equal(pin_check("012399", &o), PIN_E_STAFF_ID);
    assert_int_equal(pin_check("990123", &o), PIN_E_STAFF_ID);
    assert_int_equal(pin_check("482915", &o), PIN_OK);
    pin_owner longer = {"20240001", {0, 0, 0}};
    assert_int_equal(pin_check("240001", &longer), PIN_E_STAFF_ID);
    pin_owner shortid = {"07", {0, 0, 0}};
    assert_int_equal(pin_check("480791", &shortid), PIN_OK); /* a 2-character id is too short to refuse */
    pin_owner letters = {"wangfang", {0, 0, 0}};
    assert_int_equal(pin_check("482915", &letters), PIN_OK);
}

static void birth_date_forms_are_refused_when_known(void **state)
{
    (void)state;
    pin_owner o = {"wangfang", {1985, 3, 14}};
    assert_int_equal(pin_check("850314", &o), PIN_E_BIRTH_DATE); /* YYMMDD */
    assert_int_equal(pin_check("140385", &o), PIN_E_BIRTH_DATE); /* DDMMYY */
    assert_int_equal(pin_check("031485", &o), PIN_E_BIRTH_DATE); /* MMDDYY */
    assert_int_equal(pin_check("198503", &o), PIN_E_BIRTH_DATE); /* YYYYMM */
    assert_int_equal(pin_check("031985", &o), PIN_E_BIRTH_DATE); /* MMYYYY */
    assert_int_equal(pin_check("850315", &o), PIN_OK);
    pin_owner unknown = {"wangfang", {0, 0, 0}};
    assert_int_equal(pin_check("850314", &unknown), PIN_OK);
    pin_owner y2k = {"li", {2001, 12, 9}};
    assert_int_equal(pin_check("011209", &y2k), PIN_E_BIRTH_DATE);
    assert_int_equal(pin_check("200112", &y2k), PIN_E_BIRTH_DATE);
}

static void both_entries_must_match(void **state)
{
    (void)state;
    assert_int_equal(pin_match("482915", "482915"), PIN_OK);
    assert_int_equal(pin_match("482915", "482916"), PIN_E_MISMATCH);
    assert_int_equal(pin_match(NULL, "482915"), PIN_E_NULL);
}

static void every_refusal_has_its_own_message(void **state)
{
    (void)state;
    for (int a = PIN_OK; a <= PIN_E_MISMATCH; a++) {
        assert_non_null(pin_reason((pin_status)a));
        for (int b = a + 1; b <= PIN_E_MISMATCH; b++)
            assert_string_not_equal(pin_reason((pin_status)a), pin_reason((pin_status)b));
    }
    assert_non_null(strstr(pin_reason(PIN_E_LENGTH), "6 digits"));
}

static void five_failures_lock_for_fifteen_minutes(void **state)
{
    (void)state;
    pin_lock_policy p = pin_lock_default();
    assert_int_equal(p.max_failures, 5);
    assert_int_equal(p.lock_minutes, 15);
    pin_lock_state st = {0, 0};
    int64_t t = 1767225600000; /* 2026-01-01T00:00Z */
    for (int i = 1; i <= 4; i++) {
        assert_false(pin_lock_fail(&p, &st, t));
        assert_int_equal(pin_attempts_left(&p, &st), 5 - i);
        assert_false(pin_is_locked(&st, t));
    }
    assert_true(pin_lock_fail(&p, &st, t));
    assert_true(pin_is_locked(&st, t));
    assert_int_equal(st.locked_until, t + 15 * 60 * 1000);
    assert_true(pin_is_locked(&st, t + 15 * 60 * 1000 - 1));
    assert_false(pin_is_locked(&st, t + 15 * 60 * 1000));
    assert_int_equal(pin_attempts_left(&p, &st), 5); /* a full count after the lock ends */
}

static void success_or_unlock_clears_the_count(void **state)
{
    (void)state;
    pin_lock_policy p = {3, 1};
    pin_lock_state st = {0, 0};
    assert_false(pin_lock_fail(&p, &st, 1000));
    assert_false(pin_lock_fail(&p, &st, 2000));
    pin_lock_clear(&st);
    assert_int_equal(pin_attempts_left(&p, &st), 3);
    assert_false(pin_lock_fail(&p, &st, 3000));
    assert_false(pin_lock_fail(&p, &st, 3000));
    assert_true(pin_lock_fail(&p, &st, 3000));
    assert_int_equal(st.locked_until, 3000 + 60000);
    pin_lock_clear(&st);
    assert_false(pin_is_locked(&st, 3000));
}

static void policy_bounds(void **state)
{
    (void)state;
    pin_lock_policy p = pin_lock_default();
    assert_true(pin_lock_policy_valid(&p));
    pin_lock_policy zero = {0, 15}, long_lock = {5, PIN_LOCK_MINUTES_MAX + 1}, many = {PIN_LOCK_FAILURES_MAX + 1, 15};
    assert_false(pin_lock_policy_valid(&zero));
    assert_false(pin_lock_policy_valid(&long_lock));
    assert_false(pin_lock_policy_valid(&many));
    assert_false(pin_lock_policy_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ordinary_pins_are_accepted),
        cmocka_unit_test(shape_is_exactly_six_ascii_digits),
        cmocka_unit_test(one_digit_repeated_is_refused),
        cmocka_unit_test(runs_of_digits_are_refused),
        cmocka_unit_test(repeated_blocks_are_refused),
        cmocka_unit_test(mirrored_pins_are_refused),
        cmocka_unit_test(common_pins_are_refused),
        cmocka_unit_test(staff_id_inside_or_around_the_pin_is_refused),
        cmocka_unit_test(birth_date_forms_are_refused_when_known),
        cmocka_unit_test(both_entries_must_match),
        cmocka_unit_test(every_refusal_has_its_own_message),
        cmocka_unit_test(five_failures_lock_for_fifteen_minutes),
        cmocka_unit_test(success_or_unlock_clears_the_count),
        cmocka_unit_test(policy_bounds),
    };
    return cmocka_run_group_tests_name("pin", tests, NULL, NULL);
}
