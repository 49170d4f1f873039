/* test_ident.c - deciding between ID card number and unified social credit
 * code for `guichet id check VALUE`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/ident.h"

static const gdate TODAY = {2026, 3, 15};

static void id_card_number_gives_birth_and_sex(void **state)
{
    (void)state;
    ident_result r;
    assert_int_equal(ident_check("11010519491231002X", TODAY, &r), IDENT_OK);
    assert_int_equal(r.kind, IDENT_KIND_IDCARD);
    assert_string_equal(ident_kind_token(r.kind), "id");
    char buf[DATE_STR_LEN];
    assert_string_equal(date_format(r.birth, buf), "1949-12-31");
    assert_string_equal(idcard_sex_token(r.sex), "female");
    assert_int_equal(r.status, IDENT_OK);
}

static void legacy_number_is_an_id_card(void **state)
{
    (void)state;
    ident_result r;
    assert_int_equal(ident_check("330106900307001", TODAY, &r), IDENT_OK);
    assert_int_equal(r.kind, IDENT_KIND_IDCARD);
    assert_true(r.id.legacy);
    assert_string_equal(r.id.number, "330106199003070014");
    assert_string_equal(idcard_sex_token(r.sex), "male");
}

static void codes_with_letters_are_uscc(void **state)
{
    (void)state;
    ident_result r;
    assert_int_equal(ident_check("91350100M000100Y43", TODAY, &r), IDENT_OK);
    assert_int_equal(r.kind, IDENT_KIND_USCC);
    assert_string_equal(ident_kind_token(r.kind), "uscc");
    assert_int_equal(ident_check("9144030071526726xg", TODAY, &r), IDENT_OK);
    assert_int_equal(r.kind, IDENT_KIND_USCC);
}

static void all_digit_uscc_is_recognised(void **state)
{
    (void)state;
    ident_result r;
    /* Huawei Technologies: 18 digits, a valid USCC, no valid ID card number */
    assert_int_equal(ident_check("914403001922038216", TODAY, &r), IDENT_OK);
    assert_int_equal(r.kind, IDENT_KIND_USCC);
    /* 17 digits and a final X, from the published list of real codes */
    assert_int_equal(ident_check("91152201078371135X", TODAY, &r), IDENT_OK);
    assert_int_equal(r.kind, IDENT_KIND_USCC);
    assert_string_equal(r.org.type_name, "企业");
    assert_int_equal(ident_check("9115220107837941X1", TODAY, &r), IDENT_OK);
    assert_int_equal(r.kind, IDENT_KIND_USCC);
}

static void failures_carry_the_kinds_own_reason(void **state)
{
    (void)state;
    ident_result r;
    /* an ID card number with a wrong check digit */
    assert_int_equal(ident_check("110105194912310021", TODAY, &r), IDENT_ERR_IDCARD);
    assert_int_equal(r.kind, IDENT_KIND_IDCARD);
    assert_int_equal(r.idcard, IDCARD_ERR_CHECK);
    assert_int_equal(r.id.expected_check, 'X');
    assert_string_equal(ident_reason(&r), idcard_reason(IDCARD_ERR_CHECK));
    /* Huawei's code mistyped in its last digit: starts with 9, so a USCC */
    assert_int_equal(ident_check("914403001922038210", TODAY, &r), IDENT_ERR_USCC);
    assert_int_equal(r.kind, IDENT_KIND_USCC);
    assert_int_equal(r.uscc, USCC_ERR_CHECK);
    assert_int_equal(r.org.expected_check, '6');
    assert_string_equal(ident_reason(&r), uscc_reason(USCC_ERR_CHECK));
    /* a letter code with a wrong check */
    assert_int_equal(ident_check("91350100M000100Y44", TODAY, &r), IDENT_ERR_USCC);
    assert_int_equal(r.uscc, USCC_ERR_CHECK);
    /* born in the future */
    assert_int_equal(ident_check("110105202603160010", TODAY, &r), IDENT_ERR_IDCARD);
    assert_int_equal(r.idcard, IDCARD_ERR_DATE_FUTURE);
}

static void short_or_odd_values_get_the_most_helpful_reason(void **state)
{
    (void)state;
    ident_result r;
    assert_int_equal(ident_check("12345", TODAY, &r), IDENT_ERR_IDCARD);
    assert_int_equal(r.idcard, IDCARD_ERR_LENGTH);
    assert_int_equal(ident_check("1101051949123100", TODAY, &r), IDENT_ERR_IDCARD);
    assert_int_equal(r.idcard, IDCARD_ERR_LENGTH);
    /* letters make it a USCC, whose length rule is then the reason */
    assert_int_equal(ident_check("91350100M000100Y4", TODAY, &r), IDENT_ERR_USCC);
    assert_int_equal(r.uscc, USCC_ERR_LENGTH);
    /* a full-width last character: illegal, with its position */
    assert_int_equal(ident_check("11010519491231002\xEF\xBC\xB8", TODAY, &r), IDENT_ERR_IDCARD);
    assert_int_equal(r.idcard, IDCARD_ERR_CHAR);
    assert_int_equal(r.id.bad.position, 18);
    /* a USCC with the letter O */
    assert_int_equal(ident_check("9135O100M000100Y43", TODAY, &r), IDENT_ERR_USCC);
    assert_int_equal(r.uscc, USCC_ERR_CHAR);
    assert_int_equal(r.org.bad.position, 5);
    /* an X inside an ID card number: the ID card reason, with its position */
    assert_int_equal(ident_check("1101051949X231002X", TODAY, &r), IDENT_ERR_IDCARD);
    assert_int_equal(r.idcard, IDCARD_ERR_CHAR);
    assert_int_equal(r.id.bad.position, 11);
    /* 18 digits that are neither, not starting with 9: the ID card reason */
    assert_int_equal(ident_check("000105199001010015", TODAY, &r), IDENT_ERR_IDCARD);
    assert_int_equal(r.idcard, IDCARD_ERR_PROVINCE);
}

static void empty_value(void **state)
{
    (void)state;
    ident_result r;
    assert_int_equal(ident_check("  ", TODAY, &r), IDENT_ERR_EMPTY);
    assert_int_equal(r.kind, IDENT_KIND_NONE);
    assert_string_equal(ident_kind_token(r.kind), "");
    assert_non_null(ident_reason(&r));
    assert_int_equal(ident_check(NULL, TODAY, &r), IDENT_ERR_EMPTY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(id_card_number_gives_birth_and_sex),
        cmocka_unit_test(legacy_number_is_an_id_card),
        cmocka_unit_test(codes_with_letters_are_uscc),
        cmocka_unit_test(all_digit_uscc_is_recognised),
        cmocka_unit_test(failures_carry_the_kinds_own_reason),
        cmocka_unit_test(short_or_odd_values_get_the_most_helpful_reason),
        cmocka_unit_test(empty_value),
    };
    return cmocka_run_group_tests_name("ident", tests, NULL, NULL);
}
