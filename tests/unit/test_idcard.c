/* test_idcard.c - 公民身份号码 validation (GB 11643-1999), legacy 15-digit
 * numbers and their upgrade. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/idcard.h"

static const gdate TODAY = {2026, 3, 15};

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

/* 17 digits plus the check character they call for: a number that is right
 * in every respect the test does not mean to break. */
static const char *with_check(const char *d17, char buf[IDCARD_LEN + 1])
{
    memcpy(buf, d17, 17);
    buf[17] = idcard_check_char(d17);
    buf[18] = '\0';
    return buf;
}

static idcard_status check(const char *value, idcard_info *info)
{
    return idcard_validate(value, TODAY, info);
}

static void check_char_matches_hand_computation(void **state)
{
    (void)state;
    /* 1101051949123100 2: sum of digit x weight (7 9 10 5 8 4 2 1 6 3 7 9 10
     * 5 8 4 2) = 167; 167 mod 11 = 2; "10X98765432"[2] = 'X'. */
    assert_int_equal(idcard_check_char("11010519491231002"), 'X');
    /* 3301061990030700 1: sum 206; 206 mod 11 = 8 -> '4'. */
    assert_int_equal(idcard_check_char("33010619900307001"), '4');
    assert_int_equal(idcard_check_char("32010219820614001"), '7');
    assert_int_equal(idcard_check_char("1101051949123100"), '\0'); /* 16 digits */
    assert_int_equal(idcard_check_char("1101051949123100a"), '\0');
    assert_int_equal(idcard_check_char(NULL), '\0');
}

static void valid_number_ending_in_x_born_1949_female(void **state)
{
    (void)state;
    idcard_info info;
    assert_int_equal(check("11010519491231002X", &info), IDCARD_OK);
    assert_string_equal(info.number, "11010519491231002X");
    assert_string_equal(info.region, "110105");
    assert_int_equal(date_cmp(info.birth, D(1949, 12, 31)), 0);
    assert_int_equal(info.sex, IDCARD_FEMALE); /* 17th digit 2 is even */
    assert_false(info.legacy);
    assert_false(info.residence_permit);
    assert_int_equal(info.expected_check, 'X');
    assert_string_equal(idcard_sex_token(info.sex), "female");
}

static void lowercase_x_and_blanks_are_normalised(void **state)
{
    (void)state;
    idcard_info info;
    assert_int_equal(check("11010519491231002x", &info), IDCARD_OK);
    assert_string_equal(info.number, "11010519491231002X");
    assert_int_equal(check("  11010519491231002x \t", &info), IDCARD_OK);
    assert_string_equal(info.number, "11010519491231002X");
    assert_int_equal(info.length, 18);
}

static void published_examples_validate(void **state)
{
    (void)state;
    idcard_info info;
    /* GB 11643 examples as printed in public validators (python-stdnum). */
    assert_int_equal(check("360426199101010071", &info), IDCARD_OK);
    assert_int_equal(date_cmp(info.birth, D(1991, 1, 1)), 0);
    assert_int_equal(info.sex, IDCARD_MALE); /* 17th digit 7 is odd */
    assert_string_equal(idcard_sex_token(info.sex), "male");
    assert_int_equal(check("44011320141005001x", &info), IDCARD_OK);
    assert_string_equal(info.number, "44011320141005001X");
    assert_int_equal(check("320102198206140017", &info), IDCARD_OK);
}

static void empty_values_are_refused(void **state)
{
    (void)state;
    idcard_info info;
    assert_int_equal(check("", &info), IDCARD_ERR_EMPTY);
    assert_int_equal(check("   ", &info), IDCARD_ERR_EMPTY);
    assert_int_equal(check(NULL, &info), IDCARD_ERR_EMPTY);
    assert_string_equal(info.number, "");
}

static void illegal_characters_name_their_position(void **state)
{
    (void)state;
    idcard_info info;
    assert_int_equal(check("110105194912310a2X", &info), IDCARD_ERR_CHAR);
    assert_int_equal(info.bad.position, 16);
    assert_string_equal(info.bad.bytes, "a");
    assert_false(info.bad.fullwidth);
    /* X only as the last character */
    assert_int_equal(check("1101051949X231002X", &info), IDCARD_ERR_CHAR);
    assert_int_equal(info.bad.position, 11);
    /* a space inside the number */
    assert_int_equal(check("110105 19491231002X", &info), IDCARD_ERR_CHAR);
    assert_int_equal(info.bad.position, 7);
    assert_string_equal(info.bad.bytes, " ");
}

static void fullwidth_digits_are_illegal_with_character_position(void **state)
{
    (void)state;
    idcard_info info;
    /* "１" is U+FF11, three bytes in UTF-8: the position counts characters. */
    assert_int_equal(check("\xEF\xBC\x91" "1010519491231002X", &info), IDCARD_ERR_CHAR);
    assert_int_equal(info.bad.position, 1);
    assert_string_equal(info.bad.bytes, "\xEF\xBC\x91");
    assert_true(info.bad.fullwidth);
    assert_non_null(idtext_badchar_hint(&info.bad));
    assert_int_equal(check("110105\xEF\xBC\x91" "9491231002X", &info), IDCARD_ERR_CHAR);
    assert_int_equal(info.bad.position, 7);
    assert_int_equal(info.length, 18);
    /* full-width Ｘ (U+FF38) at the end */
    assert_int_equal(check("11010519491231002\xEF\xBC\xB8", &info), IDCARD_ERR_CHAR);
    assert_int_equal(info.bad.position, 18);
    assert_true(info.bad.fullwidth);
    /* a Chinese character is illegal but not full-width */
    assert_int_equal(check("11010519491231002\xE5\x8F\xB7", &info), IDCARD_ERR_CHAR);
    assert_int_equal(info.bad.position, 18);
    assert_false(info.bad.fullwidth);
    assert_null(idtext_badchar_hint(&info.bad));
}

static void wrong_lengths_are_refused(void **state)
{
    (void)state;
    idcard_info info;
    assert_int_equal(check("1101051949123100", &info), IDCARD_ERR_LENGTH);
    assert_int_equal(info.length, 16);
    assert_int_equal(check("11010519491231002", &info), IDCARD_ERR_LENGTH);
    assert_int_equal(check("11010519491231002X1", &info), IDCARD_ERR_LENGTH);
    assert_int_equal(info.length, 19);
    assert_int_equal(check("110105194912310022X", &info), IDCARD_ERR_LENGTH);
}

static void unknown_province_codes_are_refused(void **state)
{
    (void)state;
    idcard_info info;
    char buf[IDCARD_LEN + 1];
    assert_int_equal(check(with_check("00010519900101001", buf), &info), IDCARD_ERR_PROVINCE);
    assert_int_equal(check(with_check("19010519900101001", buf), &info), IDCARD_ERR_PROVINCE);
    assert_int_equal(check(with_check("99010519900101001", buf), &info), IDCARD_ERR_PROVINCE);
    assert_int_equal(check(with_check("91440300192203821", buf), &info), IDCARD_ERR_PROVINCE);
    assert_string_equal(info.region, "914403");
    /* the real codes at each end of the GB/T 2260 ranges */
    assert_int_equal(check(with_check("65010219900101001", buf), &info), IDCARD_OK);
    assert_int_equal(check(with_check("46010219900101001", buf), &info), IDCARD_OK);
    assert_int_equal(check(with_check("16010219900101001", buf), &info), IDCARD_ERR_PROVINCE);
    assert_int_equal(check(with_check("47010219900101001", buf), &info), IDCARD_ERR_PROVINCE);
}

static void residence_permit_codes_are_accepted_and_flagged(void **state)
{
    (void)state;
    idcard_info info;
    /* 830000: Taiwan residents' residence permit (国办发〔2018〕81号) */
    assert_int_equal(check("830000199001010012", &info), IDCARD_OK);
    assert_true(info.residence_permit);
    assert_int_equal(check("810000198507040026", &info), IDCARD_OK);
    assert_true(info.residence_permit);
    /* 71 is in GB/T 2260 (台湾省) but no residence permit code */
    assert_int_equal(check("710000199001010015", &info), IDCARD_OK);
    assert_false(info.residence_permit);
}

static void impossible_birth_dates_are_refused(void **state)
{
    (void)state;
    idcard_info info;
    char buf[IDCARD_LEN + 1];
    assert_int_equal(check(with_check("11010519900230001", buf), &info), IDCARD_ERR_DATE_IMPOSSIBLE);
    assert_int_equal(check(with_check("11010519901301001", buf), &info), IDCARD_ERR_DATE_IMPOSSIBLE);
    assert_int_equal(check(with_check("11010519900100001", buf), &info), IDCARD_ERR_DATE_IMPOSSIBLE);
    assert_int_equal(check(with_check("11010500000101001", buf), &info), IDCARD_ERR_DATE_IMPOSSIBLE);
}

static void february_29_only_in_leap_years(void **state)
{
    (void)state;
    idcard_info info;
    char buf[IDCARD_LEN + 1];
    /* 2026 is not a leap year */
    assert_int_equal(check(with_check("11010520260229002", buf), &info), IDCARD_ERR_DATE_IMPOSSIBLE);
    /* 2024 is */
    assert_int_equal(check("11010520240229002X", &info), IDCARD_OK);
    assert_int_equal(date_cmp(info.birth, D(2024, 2, 29)), 0);
    /* 1900 is not (century), 2000 is */
    assert_int_equal(check(with_check("11010519000229002", buf), &info), IDCARD_ERR_DATE_IMPOSSIBLE);
    assert_int_equal(check(with_check("11010520000229002", buf), &info), IDCARD_OK);
}

static void birth_after_today_is_refused(void **state)
{
    (void)state;
    idcard_info info;
    /* born tomorrow relative to TODAY (2026-03-15) */
    assert_int_equal(check("110105202603160010", &info), IDCARD_ERR_DATE_FUTURE);
    assert_int_equal(date_cmp(info.birth, D(2026, 3, 16)), 0);
    /* born today: registered at birth, fine */
    assert_int_equal(check("110105202603150015", &info), IDCARD_OK);
    /* the same tomorrow-number is fine once that day has come */
    assert_int_equal(idcard_validate("110105202603160010", D(2026, 3, 16), &info), IDCARD_OK);
}

static void birth_before_1900_is_refused(void **state)
{
    (void)state;
    idcard_info info;
    assert_int_equal(check("110105189912310015", &info), IDCARD_ERR_DATE_TOO_OLD);
    assert_int_equal(check("11010519000101001X", &info), IDCARD_OK);
}

static void wrong_check_character_reports_the_expected_one(void **state)
{
    (void)state;
    idcard_info info;
    assert_int_equal(check("320102198206140013", &info), IDCARD_ERR_CHECK);
    assert_int_equal(info.expected_check, '7');
    assert_string_equal(info.number, "");
    assert_int_equal(check("110105194912310021", &info), IDCARD_ERR_CHECK);
    assert_int_equal(info.expected_check, 'X');
    /* two digits swapped (31 -> 13): caught by the check */
    assert_int_equal(check("11010519491213002X", &info), IDCARD_ERR_CHECK);
}

static void checks_run_in_the_documented_order(void **state)
{
    (void)state;
    idcard_info info;
    /* illegal character beats wrong length */
    assert_int_equal(check("11010a", &info), IDCARD_ERR_CHAR);
    /* province beats an impossible date and a wrong check */
    assert_int_equal(check("990105199002300011", &info), IDCARD_ERR_PROVINCE);
    /* impossible date beats a wrong check */
    assert_int_equal(check("110105199002300011", &info), IDCARD_ERR_DATE_IMPOSSIBLE);
    /* a future date beats a wrong check */
    assert_int_equal(check("110105203001010011", &info), IDCARD_ERR_DATE_FUTURE);
}

static void legacy_15_digit_numbers_validate_and_upgrade(void **state)
{
    (void)state;
    idcard_info info;
    /* the same woman's first-generation number: 110105 491231 002 */
    assert_int_equal(check("110105491231002", &info), IDCARD_OK);
    assert_true(info.legacy);
    assert_string_equal(info.number, "11010519491231002X");
    assert_int_equal(date_cmp(info.birth, D(1949, 12, 31)), 0);
    assert_int_equal(info.sex, IDCARD_FEMALE);
    /* 330106 900307 001: upgraded check by hand = '4' (sum 206, mod 11 = 8) */
    assert_int_equal(check(" 330106900307001 ", &info), IDCARD_OK);
    assert_true(info.legacy);
    assert_string_equal(info.number, "330106199003070014");
    assert_int_equal(info.sex, IDCARD_MALE);
    assert_int_equal(info.expected_check, '4');
}

static void legacy_numbers_are_checked_too(void **state)
{
    (void)state;
    idcard_info info;
    assert_int_equal(check("11010549123100X", &info), IDCARD_ERR_CHAR); /* no check char */
    assert_int_equal(info.bad.position, 15);
    assert_int_equal(check("990105491231002", &info), IDCARD_ERR_PROVINCE);
    assert_int_equal(check("110105490230002", &info), IDCARD_ERR_DATE_IMPOSSIBLE);
    assert_int_equal(check("110105491331002", &info), IDCARD_ERR_DATE_IMPOSSIBLE);
    assert_string_equal(info.number, "");
}

static void upgrade15_builds_the_18_character_number(void **state)
{
    (void)state;
    char out[IDCARD_LEN + 1];
    assert_int_equal(idcard_upgrade15("330106900307001", out), IDCARD_OK);
    assert_string_equal(out, "330106199003070014");
    assert_int_equal(idcard_upgrade15("110105491231002", out), IDCARD_OK);
    assert_string_equal(out, "11010519491231002X");
    /* the upgraded number validates as a current one */
    idcard_info info;
    assert_int_equal(check(out, &info), IDCARD_OK);
    assert_false(info.legacy);
    /* not a 15-digit number */
    assert_int_equal(idcard_upgrade15("11010519491231002X", out), IDCARD_ERR_LENGTH);
    assert_string_equal(out, "");
    assert_int_equal(idcard_upgrade15("11010549123100", out), IDCARD_ERR_LENGTH);
    assert_int_equal(idcard_upgrade15("1101054912310a2", out), IDCARD_ERR_CHAR);
    assert_int_equal(idcard_upgrade15("110105490230002", out), IDCARD_ERR_DATE_IMPOSSIBLE);
    assert_int_equal(idcard_upgrade15("", out), IDCARD_ERR_EMPTY);
}

static void every_status_has_its_own_reason(void **state)
{
    (void)state;
    for (int a = IDCARD_OK; a <= IDCARD_ERR_CHECK; a++) {
        const char *ra = idcard_reason((idcard_status)a);
        assert_non_null(ra);
        assert_true(strlen(ra) > 10);
        for (int b = a + 1; b <= IDCARD_ERR_CHECK; b++)
            assert_string_not_equal(ra, idcard_reason((idcard_status)b));
    }
    assert_non_null(strstr(idcard_reason(IDCARD_ERR_LENGTH), "18"));
    assert_non_null(strstr(idcard_reason(IDCARD_ERR_LENGTH), "15"));
    assert_non_null(strstr(idcard_reason(IDCARD_ERR_DATE_TOO_OLD), "1900"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_char_matches_hand_computation),
        cmocka_unit_test(valid_number_ending_in_x_born_1949_female),
        cmocka_unit_test(lowercase_x_and_blanks_are_normalised),
        cmocka_unit_test(published_examples_validate),
        cmocka_unit_test(empty_values_are_refused),
        cmocka_unit_test(illegal_characters_name_their_position),
        cmocka_unit_test(fullwidth_digits_are_illegal_with_character_position),
        cmocka_unit_test(wrong_lengths_are_refused),
        cmocka_unit_test(unknown_province_codes_are_refused),
        cmocka_unit_test(residence_permit_codes_are_accepted_and_flagged),
        cmocka_unit_test(impossible_birth_dates_are_refused),
        cmocka_unit_test(february_29_only_in_leap_years),
        cmocka_unit_test(birth_after_today_is_refused),
        cmocka_unit_test(birth_before_1900_is_refused),
        cmocka_unit_test(wrong_check_character_reports_the_expected_one),
        cmocka_unit_test(checks_run_in_the_documented_order),
        cmocka_unit_test(legacy_15_digit_numbers_validate_and_upgrade),
        cmocka_unit_test(legacy_numbers_are_checked_too),
        cmocka_unit_test(upgrade15_builds_the_18_character_number),
        cmocka_unit_test(every_status_has_its_own_reason),
    };
    return cmocka_run_group_tests_name("idcard", tests, NULL, NULL);
}
