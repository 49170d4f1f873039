/* test_region.c - the GB/T 2260 province-level codes shared by the ID card
 * number and the unified social credit code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/region.h"

static void the_34_province_level_codes_are_known(void **state)
{
    (void)state;
    static const int ranges[][2] = {{11, 15}, {21, 23}, {31, 37}, {41, 46},
                                    {50, 54}, {61, 65}, {71, 71}, {81, 82}};
    int known = 0;
    for (int code = 0; code <= 99; code++) {
        char two[3] = {(char)('0' + code / 10), (char)('0' + code % 10), '\0'};
        int expected = 0;
        for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
            if (code >= ranges[r][0] && code <= ranges[r][1])
                expected = 1;
        assert_int_equal(region_province_known(two), expected);
        known += expected;
    }
    assert_int_equal(known, 34);
}

static void names_and_full_region_codes(void **state)
{
    (void)state;
    assert_string_equal(region_province_name("330106"), "浙江省");
    assert_string_equal(region_province_name("110105"), "北京市");
    assert_string_equal(region_province_name("82"), "澳门特别行政区");
    assert_null(region_province_name("83")); /* residence permits only, not GB/T 2260 */
    assert_null(region_province_name("10"));
    assert_false(region_province_known("1"));
    assert_false(region_province_known(""));
    assert_false(region_province_known(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_34_province_level_codes_are_known),
        cmocka_unit_test(names_and_full_region_codes),
    };
    return cmocka_run_group_tests_name("region", tests, NULL, NULL);
}
