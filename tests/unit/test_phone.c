/* test_phone.c - contact telephone numbers: mobiles, landlines with area
 * code and extension, service numbers refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/phone.h"

/* Validate and, on success, compare the normalised form. */
static void assert_phone(const char *value, phone_kind kind, const char *normal)
{
    phone_info info;
    phone_status st = phone_validate(value, &info);
    if (st != PHONE_OK)
        fail_msg("\"%s\": %s", value, phone_reason(st));
    assert_int_equal(info.kind, kind);
    assert_string_equal(info.number, normal);
}

static phone_status status_of(const char *value)
{
    phone_info info;
    return phone_validate(value, &info);
}

static void mobile_numbers_in_the_forms_clerks_type(void **state)
{
    (void)state;
    const char *forms[] = {"13800138000",     "138 0013 8000",      "138-0013-8000",
                           "+86 138 0013 8000", "+8613800138000",   "+86-138-0013-8000",
                           "86 13800138000",  "8613800138000",      "  13800138000  "};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        assert_phone(forms[i], PHONE_KIND_MOBILE, "13800138000");
    assert_phone("19912345678", PHONE_KIND_MOBILE, "19912345678");
    assert_phone("166 6666 0000", PHONE_KIND_MOBILE, "16666660000");
}

static void mobile_prefix_must_be_13_to_19(void **state)
{
    (void)state;
    assert_int_equal(status_of("12012345678"), PHONE_ERR_MOBILE_PREFIX);
    assert_int_equal(status_of("11012345678"), PHONE_ERR_MOBILE_PREFIX);
    assert_int_equal(status_of("10012345678"), PHONE_ERR_MOBILE_PREFIX);
}

static void mobile_numbers_have_11_digits(void **state)
{
    (void)state;
    assert_int_equal(status_of("1380013800"), PHONE_ERR_LENGTH);
    assert_int_equal(status_of("138001380001"), PHONE_ERR_LENGTH);
    assert_int_equal(status_of("+86 1380013800"), PHONE_ERR_LENGTH);
    assert_int_equal(status_of("+86"), PHONE_ERR_LENGTH);
}

static void landlines_are_normalised(void **state)
{
    (void)state;
    /* seed 002's contact line: 咸宁 0715, 7-digit subscriber */
    assert_phone("0715-8126571", PHONE_KIND_LANDLINE, "0715-8126571");
    assert_phone("0715 8126571", PHONE_KIND_LANDLINE, "0715-8126571");
    assert_phone("07158126571", PHONE_KIND_LANDLINE, "0715-8126571");
    assert_phone("0571-88889999", PHONE_KIND_LANDLINE, "0571-88889999");
    assert_phone("057188889999", PHONE_KIND_LANDLINE, "0571-88889999");
    assert_phone("0571 8888 9999", PHONE_KIND_LANDLINE, "0571-88889999");
    assert_phone("0571 - 8888 9999", PHONE_KIND_LANDLINE, "0571-88889999");
    assert_phone("0898-6512345", PHONE_KIND_LANDLINE, "0898-6512345");
    assert_phone("010-65123456", PHONE_KIND_LANDLINE, "010-65123456");
    assert_phone("01065123456", PHONE_KIND_LANDLINE, "010-65123456");
    assert_phone("020 8888 9999", PHONE_KIND_LANDLINE, "020-88889999");
    assert_phone("029-8888-9999", PHONE_KIND_LANDLINE, "029-88889999");
}

static void landline_parts_are_reported(void **state)
{
    (void)state;
    phone_info info;
    assert_int_equal(phone_validate("0571-88889999-123", &info), PHONE_OK);
    assert_string_equal(info.area, "0571");
    assert_string_equal(info.subscriber, "88889999");
    assert_string_equal(info.extension, "123");
}

static void international_form_of_landlines(void **state)
{
    (void)state;
    assert_phone("+86 571 8888 9999", PHONE_KIND_LANDLINE, "0571-88889999");
    assert_phone("+86 10 6512 3456", PHONE_KIND_LANDLINE, "010-65123456");
    assert_phone("+86-715-8126571", PHONE_KIND_LANDLINE, "0715-8126571");
    assert_phone("+86 0571 88889999", PHONE_KIND_LANDLINE, "0571-88889999");
}

static void extensions(void **state)
{
    (void)state;
    assert_phone("0571-88889999-123", PHONE_KIND_LANDLINE, "0571-88889999-123");
    assert_phone("0571-88889999转123", PHONE_KIND_LANDLINE, "0571-88889999-123");
    assert_phone("0571-88889999 转 8", PHONE_KIND_LANDLINE, "0571-88889999-8");
    assert_phone("0715-8126571-12", PHONE_KIND_LANDLINE, "0715-8126571-12");
    /* the normal form reads back the same */
    assert_phone("0715-8126571-1", PHONE_KIND_LANDLINE, "0715-8126571-1");
    assert_phone("0571 8888 9999转123", PHONE_KIND_LANDLINE, "0571-88889999-123");
    assert_int_equal(status_of("0571-88889999-1234567"), PHONE_ERR_EXTENSION);
    assert_int_equal(status_of("0571-88889999转"), PHONE_ERR_EXTENSION);
    assert_int_equal(status_of("13800138000转1"), PHONE_ERR_EXTENSION);
    assert_int_equal(status_of("0571转123-88889999"), PHONE_ERR_EXTENSION);
}

static void impossible_area_codes(void **state)
{
    (void)state;
    assert_int_equal(status_of("0012345678"), PHONE_ERR_AREA_CODE);    /* 00: international prefix */
    assert_int_equal(status_of("0111-8888999"), PHONE_ERR_AREA_CODE);  /* 01 only as 010 */
    assert_int_equal(status_of("026-88889999"), PHONE_ERR_AREA_CODE);  /* 026 unassigned */
    assert_int_equal(status_of("057-188889999"), PHONE_ERR_AREA_CODE); /* split wrongly */
    assert_int_equal(status_of("0105-1234567"), PHONE_ERR_AREA_CODE);  /* 010 has 3 digits */
    assert_int_equal(status_of("05"), PHONE_ERR_AREA_CODE);
}

static void bad_subscriber_numbers(void **state)
{
    (void)state;
    assert_int_equal(status_of("010-6512345"), PHONE_ERR_SUBSCRIBER);    /* 7 after 010 */
    assert_int_equal(status_of("0571-0888999"), PHONE_ERR_SUBSCRIBER);   /* starts with 0 */
    assert_int_equal(status_of("0571-1888999"), PHONE_ERR_SUBSCRIBER);   /* starts with 1 */
    assert_int_equal(status_of("0571-888899999"), PHONE_ERR_SUBSCRIBER); /* 9 digits */
    assert_int_equal(status_of("0571-888899"), PHONE_ERR_SUBSCRIBER);    /* 6 digits */
    assert_int_equal(status_of("0571"), PHONE_ERR_SUBSCRIBER);           /* nothing after */
    assert_int_equal(status_of("0571 8888999 12"), PHONE_ERR_SUBSCRIBER); /* group after a space */
}

static void landline_without_area_code(void **state)
{
    (void)state;
    assert_int_equal(status_of("88889999"), PHONE_ERR_NO_AREA_CODE);
    assert_int_equal(status_of("8126571"), PHONE_ERR_NO_AREA_CODE);
}

static void service_numbers_are_not_personal(void **state)
{
    (void)state;
    /* seed 001 篇五 四(一) and seed 003: the 12345 政务服务热线 */
    assert_int_equal(status_of("12345"), PHONE_ERR_SERVICE);
    assert_int_equal(status_of("0851-12345"), PHONE_ERR_SERVICE);
    /* seed 001 篇十三 §20: the "8890" platform */
    assert_int_equal(status_of("8890"), PHONE_ERR_SERVICE);
    assert_int_equal(status_of("110"), PHONE_ERR_SERVICE);
    assert_int_equal(status_of("12315"), PHONE_ERR_SERVICE);
    assert_int_equal(status_of("10086"), PHONE_ERR_SERVICE);
    assert_int_equal(status_of("95588"), PHONE_ERR_SERVICE);
    assert_int_equal(status_of("962222"), PHONE_ERR_SERVICE);
    assert_int_equal(status_of("400-800-8888"), PHONE_ERR_SERVICE);
    assert_int_equal(status_of("800 820 8820"), PHONE_ERR_SERVICE);
}

static void illegal_characters_name_their_position(void **state)
{
    (void)state;
    phone_info info;
    assert_int_equal(phone_validate("138-0013-800a", &info), PHONE_ERR_CHAR);
    assert_int_equal(info.bad.position, 13);
    assert_int_equal(phone_validate("(0571)88889999", &info), PHONE_ERR_CHAR);
    assert_int_equal(info.bad.position, 1);
    assert_int_equal(phone_validate("138+00138000", &info), PHONE_ERR_CHAR);
    assert_int_equal(info.bad.position, 4);
    assert_int_equal(phone_validate("-13800138000", &info), PHONE_ERR_CHAR);
    assert_int_equal(info.bad.position, 1);
    assert_int_equal(phone_validate("13800138000-", &info), PHONE_ERR_CHAR);
    assert_int_equal(info.bad.position, 12);
    /* full-width "１３８" typed with the IME in 全角 mode */
    assert_int_equal(phone_validate("\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98" "00138000", &info),
                     PHONE_ERR_CHAR);
    assert_int_equal(info.bad.position, 1);
    assert_true(info.bad.fullwidth);
    assert_int_equal(phone_validate("138\xEF\xBC\x8D" "00138000", &info), PHONE_ERR_CHAR); /* "－" */
    assert_int_equal(info.bad.position, 4);
    assert_true(info.bad.fullwidth);
    assert_int_equal(phone_validate("0571-88889999转1转2", &info), PHONE_ERR_CHAR);
    assert_int_equal(info.bad.position, 16);
    assert_string_equal(info.number, "");
}

static void only_mainland_country_code(void **state)
{
    (void)state;
    assert_int_equal(status_of("+1 415 555 0123"), PHONE_ERR_COUNTRY);
    assert_int_equal(status_of("+852 9123 4567"), PHONE_ERR_COUNTRY);
}

static void empty_and_overlong(void **state)
{
    (void)state;
    assert_int_equal(status_of(""), PHONE_ERR_EMPTY);
    assert_int_equal(status_of("  "), PHONE_ERR_EMPTY);
    assert_int_equal(status_of(NULL), PHONE_ERR_EMPTY);
    assert_int_equal(status_of("1234567890123456789012345678901234567890"), PHONE_ERR_LENGTH);
    assert_int_equal(status_of("1 2 3 4 5 6 7 8 9 0 1 2 3 4"), PHONE_ERR_LENGTH);
}

static void every_status_has_its_own_reason(void **state)
{
    (void)state;
    for (int a = PHONE_OK; a <= PHONE_ERR_SERVICE; a++) {
        const char *ra = phone_reason((phone_status)a);
        assert_non_null(ra);
        assert_true(strlen(ra) > 10);
        for (int b = a + 1; b <= PHONE_ERR_SERVICE; b++)
            assert_string_not_equal(ra, phone_reason((phone_status)b));
    }
    assert_non_null(strstr(phone_reason(PHONE_ERR_SERVICE), "12345"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mobile_numbers_in_the_forms_clerks_type),
        cmocka_unit_test(mobile_prefix_must_be_13_to_19),
        cmocka_unit_test(mobile_numbers_have_11_digits),
        cmocka_unit_test(landlines_are_normalised),
        cmocka_unit_test(landline_parts_are_reported),
        cmocka_unit_test(international_form_of_landlines),
        cmocka_unit_test(extensions),
        cmocka_unit_test(impossible_area_codes),
        cmocka_unit_test(bad_subscriber_numbers),
        cmocka_unit_test(landline_without_area_code),
        cmocka_unit_test(service_numbers_are_not_personal),
        cmocka_unit_test(illegal_characters_name_their_position),
        cmocka_unit_test(only_mainland_country_code),
        cmocka_unit_test(empty_and_overlong),
        cmocka_unit_test(every_status_has_its_own_reason),
    };
    return cmocka_run_group_tests_name("phone", tests, NULL, NULL);
}
