/* test_uscc.c - 统一社会信用代码 validation (GB 32100-2015): code set,
 * authority and type table, region, MOD 31 check, the informational
 * GB 11714 organisation-code check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/uscc.h"

/* 17 characters plus their MOD 31 check: a code that is right in every
 * respect the test does not mean to break. */
static const char *with_check(const char *c17, char buf[USCC_LEN + 1])
{
    memcpy(buf, c17, 17);
    buf[17] = uscc_check_char(c17);
    buf[18] = '\0';
    return buf;
}

static void check_char_matches_hand_computation(void **state)
{
    (void)state;
    /* 91350100M000100Y4: values 9 1 3 5 0 1 0 0 21 0 0 0 1 0 0 30 4 times
     * weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 = 1640;
     * 1640 mod 31 = 28; 31 - 28 = 3 -> '3'. */
    assert_int_equal(uscc_check_char("91350100M000100Y4"), '3');
    /* 91440300192203821: sum 831; 831 mod 31 = 25; 31 - 25 = 6 -> '6'. */
    assert_int_equal(uscc_check_char("91440300192203821"), '6');
    assert_int_equal(uscc_check_char("9144030071526726X"), 'G');
    assert_int_equal(uscc_check_char("91350100M000100I4"), '\0'); /* I is not in the set */
    assert_int_equal(uscc_check_char("9135"), '\0');
    assert_int_equal(uscc_check_char(NULL), '\0');
}

static void org_check_char_matches_gb11714(void **state)
{
    (void)state;
    /* M000100Y: 3*22 + 5*1 + 2*34 = 139; 139 mod 11 = 7; 11 - 7 = 4. */
    assert_int_equal(uscc_org_check_char("M000100Y"), '4');
    /* 19220382: sum 164; 164 mod 11 = 10; 11 - 10 = 1. */
    assert_int_equal(uscc_org_check_char("19220382"), '1');
    assert_int_equal(uscc_org_check_char("71526726"), 'X'); /* 10 -> X */
    assert_int_equal(uscc_org_check_char("00000000"), '0'); /* 11 -> 0 */
    assert_int_equal(uscc_org_check_char("1922038"), '\0');
}

static void published_real_codes_are_valid(void **state)
{
    (void)state;
    /* Real codes: the commonly cited example; Huawei Technologies (深圳,
     * all digits); Tencent (ends in XG); codes from python-stdnum's list of
     * codes found online: an enterprise, a 事业单位 (12), an 个体工商户 (92)
     * with an MA body, an enterprise with an L body. */
    const char *real[] = {
        "91350100M000100Y43", "914403001922038216", "9144030071526726XG",
        "91110000600037341L", "121200004013590816", "92340602MA2PBMEM24",
        "91620105L015101280", "12440600MB2C07549J", "91310115MA1K3BTP2B",
    };
    for (size_t i = 0; i < sizeof real / sizeof real[0]; i++) {
        uscc_info info;
        assert_int_equal(uscc_validate(real[i], &info), USCC_OK);
        assert_string_equal(info.code, real[i]);
        assert_true(info.org_check_ok);
        assert_int_equal(info.note, USCC_NOTE_NONE);
    }
}

static void parts_are_reported(void **state)
{
    (void)state;
    uscc_info info;
    assert_int_equal(uscc_validate("91350100M000100Y43", &info), USCC_OK);
    assert_int_equal(info.authority, '9');
    assert_string_equal(info.authority_name, "工商(市场监管)");
    assert_string_equal(info.type_name, "企业");
    assert_string_equal(info.region, "350100");
    assert_string_equal(info.org_code, "M000100Y4");
    assert_int_equal(info.expected_check, '3');
    assert_int_equal(uscc_validate("92340602MA2PBMEM24", &info), USCC_OK);
    assert_string_equal(info.type_name, "个体工商户");
    assert_int_equal(uscc_validate("121200004013590816", &info), USCC_OK);
    assert_string_equal(info.authority_name, "机构编制");
    assert_string_equal(info.type_name, "事业单位");
}

static void lowercase_is_accepted_and_normalised(void **state)
{
    (void)state;
    uscc_info info;
    assert_int_equal(uscc_validate("9144030071526726xg", &info), USCC_OK);
    assert_string_equal(info.code, "9144030071526726XG");
    assert_int_equal(uscc_validate("  91350100m000100y43  ", &info), USCC_OK);
    assert_string_equal(info.code, "91350100M000100Y43");
}

static void letters_i_o_s_v_z_are_illegal(void **state)
{
    (void)state;
    uscc_info info;
    const char *bad[] = {"91350100M000100I43", "91350100M000100O43", "91350100M000100S43",
                         "91350100M000100V43", "91350100M000100Z43", "91350100M000100o43"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(uscc_validate(bad[i], &info), USCC_ERR_CHAR);
        assert_int_equal(info.bad.position, 16);
    }
    assert_string_equal(info.bad.bytes, "o");
    assert_int_equal(uscc_validate("9135O100M000100Y43", &info), USCC_ERR_CHAR);
    assert_int_equal(info.bad.position, 5);
}

static void other_illegal_characters(void **state)
{
    (void)state;
    uscc_info info;
    assert_int_equal(uscc_validate("91350100-M000100Y43", &info), USCC_ERR_CHAR);
    assert_int_equal(info.bad.position, 9);
    /* full-width "Ｍ" (U+FF2D) at position 9; the next characters count as one each */
    assert_int_equal(uscc_validate("91350100\xEF\xBC\xAD" "000100Y43", &info), USCC_ERR_CHAR);
    assert_int_equal(info.bad.position, 9);
    assert_true(info.bad.fullwidth);
    assert_int_equal(info.length, 18);
}

static void empty_and_wrong_length(void **state)
{
    (void)state;
    uscc_info info;
    assert_int_equal(uscc_validate("", &info), USCC_ERR_EMPTY);
    assert_int_equal(uscc_validate(NULL, &info), USCC_ERR_EMPTY);
    assert_int_equal(uscc_validate("91350100M000100Y4", &info), USCC_ERR_LENGTH);
    assert_int_equal(info.length, 17);
    assert_int_equal(uscc_validate("91350100M000100Y431", &info), USCC_ERR_LENGTH);
    /* the old 9-character organisation code alone is not a USCC */
    assert_int_equal(uscc_validate("M000100Y4", &info), USCC_ERR_LENGTH);
}

static void unknown_registration_authority(void **state)
{
    (void)state;
    uscc_info info;
    char buf[USCC_LEN + 1];
    assert_int_equal(uscc_validate(with_check("01350100M000100Y4", buf), &info), USCC_ERR_AUTHORITY);
    assert_int_equal(info.authority, '0');
    assert_null(info.authority_name);
    assert_int_equal(uscc_validate(with_check("B1350100M000100Y4", buf), &info), USCC_ERR_AUTHORITY);
    assert_int_equal(uscc_validate(with_check("M1350100M000100Y4", buf), &info), USCC_ERR_AUTHORITY);
    /* every authority of the table is known */
    const char *known = "123456789ANY";
    for (const char *k = known; *k; k++) {
        char c17[18];
        memcpy(c17, "11350100M000100Y4", 18);
        c17[0] = *k;
        uscc_validate(with_check(c17, buf), &info);
        assert_non_null(info.authority_name);
    }
}

static void type_must_belong_to_the_authority(void **state)
{
    (void)state;
    uscc_info info;
    char buf[USCC_LEN + 1];
    /* 工商 has 1 企业, 2 个体工商户, 3 农民专业合作社 - no 4, no 9 */
    assert_int_equal(uscc_validate(with_check("94350100M000100Y4", buf), &info), USCC_ERR_TYPE);
    assert_string_equal(info.authority_name, "工商(市场监管)");
    assert_null(info.type_name);
    assert_int_equal(uscc_validate(with_check("99350100M000100Y4", buf), &info), USCC_ERR_TYPE);
    assert_int_equal(uscc_validate(with_check("93350100M000100Y4", buf), &info), USCC_OK);
    assert_string_equal(info.type_name, "农民专业合作社");
    /* 民政: 1 社会团体 2 民办非企业单位 3 基金会 9 其他 */
    assert_int_equal(uscc_validate(with_check("54350100M000100Y4", buf), &info), USCC_ERR_TYPE);
    assert_string_equal(info.authority_name, "民政");
    assert_int_equal(uscc_validate(with_check("53350100M000100Y4", buf), &info), USCC_OK);
    assert_string_equal(info.type_name, "基金会");
    /* Y 其他: only 1 */
    assert_int_equal(uscc_validate(with_check("Y2350100M000100Y4", buf), &info), USCC_ERR_TYPE);
    assert_int_equal(uscc_validate(with_check("Y1350100M000100Y4", buf), &info), USCC_OK);
    /* N 农业: 1 2 3 9 */
    assert_int_equal(uscc_validate(with_check("N3350100M000100Y4", buf), &info), USCC_OK);
    assert_string_equal(info.type_name, "乡镇级集体经济组织");
    assert_int_equal(uscc_validate(with_check("N4350100M000100Y4", buf), &info), USCC_ERR_TYPE);
    /* 司法行政 5 仲裁委员会; 工会 has only 1 and 9 */
    assert_int_equal(uscc_validate(with_check("35350100M000100Y4", buf), &info), USCC_OK);
    assert_int_equal(uscc_validate(with_check("82350100M000100Y4", buf), &info), USCC_ERR_TYPE);
    /* a letter as type */
    assert_int_equal(uscc_validate(with_check("9A350100M000100Y4", buf), &info), USCC_ERR_TYPE);
}

static void region_must_be_a_real_division(void **state)
{
    (void)state;
    uscc_info info;
    char buf[USCC_LEN + 1];
    assert_int_equal(uscc_validate(with_check("91A50100M000100Y4", buf), &info), USCC_ERR_REGION);
    assert_int_equal(uscc_validate(with_check("91000000M000100Y4", buf), &info), USCC_ERR_REGION);
    assert_int_equal(uscc_validate(with_check("91990100M000100Y4", buf), &info), USCC_ERR_REGION);
    assert_string_equal(info.region, "990100");
    /* 100000 is the national level ("国家用100000", GB 32100-2015 §4) */
    assert_int_equal(uscc_validate(with_check("11100000000013127", buf), &info), USCC_OK);
    assert_int_equal(uscc_validate(with_check("11100100000013127", buf), &info), USCC_ERR_REGION);
}

static void wrong_mod31_check_reports_the_expected_one(void **state)
{
    (void)state;
    uscc_info info;
    assert_int_equal(uscc_validate("91350100M000100Y44", &info), USCC_ERR_CHECK);
    assert_int_equal(info.expected_check, '3');
    assert_string_equal(info.code, "");
    assert_int_equal(uscc_validate("914403001922038210", &info), USCC_ERR_CHECK);
    assert_int_equal(info.expected_check, '6');
    /* two characters swapped in Tencent's code */
    assert_int_equal(uscc_validate("9144030017526726XG", &info), USCC_ERR_CHECK);
}

static void organisation_code_check_is_only_a_note(void **state)
{
    (void)state;
    uscc_info info;
    char buf[USCC_LEN + 1];
    /* right MOD 31, but characters 9-17 fail GB 11714 (Y4 wants 4, not 5) */
    assert_int_equal(uscc_validate(with_check("91350100M000100Y5", buf), &info), USCC_OK);
    assert_false(info.org_check_ok);
    assert_int_equal(info.org_expected, '4');
    assert_int_equal(info.note, USCC_NOTE_ORG_CODE);
    assert_non_null(uscc_note_text(info.note));
    assert_null(uscc_note_text(USCC_NOTE_NONE));
}

static void checks_run_in_the_documented_order(void **state)
{
    (void)state;
    uscc_info info;
    /* illegal character beats wrong length */
    assert_int_equal(uscc_validate("9I35", &info), USCC_ERR_CHAR);
    /* authority beats type, region and check */
    assert_int_equal(uscc_validate("0499A100M000100Y40", &info), USCC_ERR_AUTHORITY);
    /* type beats region and check */
    assert_int_equal(uscc_validate("9499A100M000100Y40", &info), USCC_ERR_TYPE);
    /* region beats check */
    assert_int_equal(uscc_validate("9199A100M000100Y40", &info), USCC_ERR_REGION);
}

static void every_status_has_its_own_reason(void **state)
{
    (void)state;
    for (int a = USCC_OK; a <= USCC_ERR_CHECK; a++) {
        const char *ra = uscc_reason((uscc_status)a);
        assert_non_null(ra);
        assert_true(strlen(ra) > 10);
        for (int b = a + 1; b <= USCC_ERR_CHECK; b++)
            assert_string_not_equal(ra, uscc_reason((uscc_status)b));
    }
    assert_non_null(strstr(uscc_reason(USCC_ERR_CHAR), "I, O, S, V and Z"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_char_matches_hand_computation),
        cmocka_unit_test(org_check_char_matches_gb11714),
        cmocka_unit_test(published_real_codes_are_valid),
        cmocka_unit_test(parts_are_reported),
        cmocka_unit_test(lowercase_is_accepted_and_normalised),
        cmocka_unit_test(letters_i_o_s_v_z_are_illegal),
        cmocka_unit_test(other_illegal_characters),
        cmocka_unit_test(empty_and_wrong_length),
        cmocka_unit_test(unknown_registration_authority),
        cmocka_unit_test(type_must_belong_to_the_authority),
        cmocka_unit_test(region_must_be_a_real_division),
        cmocka_unit_test(wrong_mod31_check_reports_the_expected_one),
        cmocka_unit_test(organisation_code_check_is_only_a_note),
        cmocka_unit_test(checks_run_in_the_documented_order),
        cmocka_unit_test(every_status_has_its_own_reason),
    };
    return cmocka_run_group_tests_name("uscc", tests, NULL, NULL);
}
