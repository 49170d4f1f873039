/* test_idtext.c - trimming, UTF-8 character positions and full-width
 * detection shared by the identifier validators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/idtext.h"

static void trim_drops_ascii_blanks_only(void **state)
{
    (void)state;
    size_t n;
    const char *s = idtext_trim(" \t 123 \r\n", &n);
    assert_int_equal(n, 3);
    assert_memory_equal(s, "123", 3);
    /* the ideographic space U+3000 is not trimmed: it is reported */
    s = idtext_trim("\xE3\x80\x80" "123", &n);
    assert_int_equal(n, 6);
    s = idtext_trim(NULL, &n);
    assert_int_equal(n, 0);
    assert_string_equal(s, "");
}

static void characters_are_counted_not_bytes(void **state)
{
    (void)state;
    const char *s = "\xEF\xBC\x91" "2\xE5\x8F\xB7" "4"; /* "１2号4" */
    assert_int_equal(idtext_char_count(s, strlen(s)), 4);
    assert_int_equal(idtext_char_len(s, strlen(s)), 3);
    /* a broken sequence counts one byte at a time */
    assert_int_equal(idtext_char_len("\xEF\xBC", 2), 1);
    assert_int_equal(idtext_char_count("\xEF\xBC" "1", 3), 3);
    assert_int_equal(idtext_char_len("\x80", 1), 1);
}

static void fullwidth_forms_are_recognised(void **state)
{
    (void)state;
    assert_true(idtext_is_fullwidth("\xEF\xBC\x90", 3));  /* ０ */
    assert_true(idtext_is_fullwidth("\xEF\xBC\xB8", 3));  /* Ｘ */
    assert_true(idtext_is_fullwidth("\xEF\xBD\x98", 3));  /* ｘ */
    assert_true(idtext_is_fullwidth("\xEF\xBC\x8D", 3));  /* － */
    assert_true(idtext_is_fullwidth("\xE3\x80\x80", 3));  /* ideographic space */
    assert_false(idtext_is_fullwidth("\xE5\x8F\xB7", 3)); /* 号 */
    assert_false(idtext_is_fullwidth("1", 1));
}

static void badchar_records_position_and_bytes(void **state)
{
    (void)state;
    const char *s = "12\xEF\xBC\x93" "4";
    idtext_badchar bad;
    idtext_badchar_set(&bad, s, s + 2, strlen(s) - 2);
    assert_int_equal(bad.position, 3);
    assert_string_equal(bad.bytes, "\xEF\xBC\x93");
    assert_true(bad.fullwidth);
    assert_non_null(idtext_badchar_hint(&bad));
    idtext_badchar_set(&bad, s, s + 5, 1);
    assert_int_equal(bad.position, 4);
    assert_false(bad.fullwidth);
    assert_null(idtext_badchar_hint(&bad));
    idtext_badchar_clear(&bad);
    assert_int_equal(bad.position, 0);
    assert_string_equal(bad.bytes, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trim_drops_ascii_blanks_only),
        cmocka_unit_test(characters_are_counted_not_bytes),
        cmocka_unit_test(fullwidth_forms_are_recognised),
        cmocka_unit_test(badchar_records_position_and_bytes),
    };
    return cmocka_run_group_tests_name("idtext", tests, NULL, NULL);
}
