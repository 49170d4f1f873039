/* test_cwidth.c - column widths of code points without wcwidth(): controls,
 * zero-width marks, the East Asian Wide/Fullwidth ranges and their edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/cwidth.h"

static void controls_are_minus_one(void **state)
{
    (void)state;
    assert_int_equal(cwidth(0x00), -1);
    assert_int_equal(cwidth('\t'), -1);
    assert_int_equal(cwidth('\n'), -1);
    assert_int_equal(cwidth(0x1B), -1); /* ESC */
    assert_int_equal(cwidth(0x1F), -1);
    assert_int_equal(cwidth(0x7F), -1); /* DEL */
    assert_int_equal(cwidth(0x80), -1); /* C1 */
    assert_int_equal(cwidth(0x9B), -1); /* CSI */
    assert_int_equal(cwidth(0x9F), -1);
}

static void ascii_and_latin_are_one(void **state)
{
    (void)state;
    assert_int_equal(cwidth(' '), 1);
    assert_int_equal(cwidth('A'), 1);
    assert_int_equal(cwidth('~'), 1);
    assert_int_equal(cwidth(0xA0), 1);  /* no-break space */
    assert_int_equal(cwidth(0xE9), 1);  /* é */
    assert_int_equal(cwidth(0xFC), 1);  /* ü (pinyin lü) */
    assert_int_equal(cwidth(0x01DC), 1); /* ǜ */
    assert_int_equal(cwidth(0x10000), 1);
    assert_int_equal(cwidth(0x1F600), 1); /* outside the listed ranges */
}

static void combining_and_zero_width_are_zero(void **state)
{
    (void)state;
    assert_int_equal(cwidth(0x0300), 0);
    assert_int_equal(cwidth(0x0301), 0);
    assert_int_equal(cwidth(0x036F), 0);
    assert_int_equal(cwidth(0x0370), 1);
    assert_int_equal(cwidth(0x02FF), 1);
    assert_int_equal(cwidth(0x200A), 1);
    assert_int_equal(cwidth(0x200B), 0);
    assert_int_equal(cwidth(0x200D), 0);
    assert_int_equal(cwidth(0x200F), 0);
    assert_int_equal(cwidth(0x2010), 1);
}

static void chinese_and_fullwidth_are_two(void **state)
{
    (void)state;
    assert_int_equal(cwidth(0x738B), 2);  /* 王 */
    assert_int_equal(cwidth(0x82B3), 2);  /* 芳 */
    assert_int_equal(cwidth(0x3000), 2);  /* ideographic space */
    assert_int_equal(cwidth(0x3002), 2);  /* 。 */
    assert_int_equal(cwidth(0xFF0C), 2);  /* ， */
    assert_int_equal(cwidth(0xFF11), 2);  /* １ */
    assert_int_equal(cwidth(0xFFE5), 2);  /* ￥ */
    assert_int_equal(cwidth(0xAC00), 2);  /* 가 */
    assert_int_equal(cwidth(0x3042), 2);  /* あ */
    assert_int_equal(cwidth(0x20000), 2); /* 𠀀 */
    assert_int_equal(cwidth(0x2A6DF), 2);
    assert_int_equal(cwidth(0x30000), 2);
}

static void every_range_edge(void **state)
{
    (void)state;
    static const uint32_t r[][2] = {
        {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x20000, 0x2FFFD},
        {0x30000, 0x3FFFD},
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
        assert_int_equal(cwidth(r[i][0]), 2);
        assert_int_equal(cwidth(r[i][1]), 2);
        int adjacent = i + 1 < sizeof r / sizeof r[0] && r[i + 1][0] == r[i][1] + 1;
        assert_int_equal(cwidth(r[i][1] + 1), adjacent ? 2 : 1);
    }
    /* just below each range (where the neighbour is not itself wide) */
    assert_int_equal(cwidth(0x10FF), 1);
    assert_int_equal(cwidth(0x2E7F), 1);
    assert_int_equal(cwidth(0x303F), 1); /* half-fill space */
    assert_int_equal(cwidth(0x3040), 1);
    assert_int_equal(cwidth(0x4DFF), 1);  /* Yijing hexagrams, between 3400-4DBF and 4E00 */
    assert_int_equal(cwidth(0xABFF), 1);
    assert_int_equal(cwidth(0xF8FF), 1);
    assert_int_equal(cwidth(0xFE2F), 1);
    assert_int_equal(cwidth(0xFF61), 1); /* halfwidth ideographic full stop */
    assert_int_equal(cwidth(0xFFDF), 1);
    assert_int_equal(cwidth(0x1FFFF), 1);
    assert_int_equal(cwidth(0x2FFFE), 1);
    assert_int_equal(cwidth(0x3FFFE), 1);
    assert_int_equal(cwidth(0x10FFFF), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(controls_are_minus_one),
        cmocka_unit_test(ascii_and_latin_are_one),
        cmocka_unit_test(combining_and_zero_width_are_zero),
        cmocka_unit_test(chinese_and_fullwidth_are_two),
        cmocka_unit_test(every_range_edge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
