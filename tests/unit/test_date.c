/* test_date.c - civil date parsing, formatting and arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

static void parse_accepts_real_dates(void **state)
{
    (void)state;
    gdate g;
    assert_int_equal(date_parse("2026-02-14", &g), 0);
    assert_int_equal(g.y, 2026);
    assert_int_equal(g.m, 2);
    assert_int_equal(g.d, 14);
    assert_int_equal(date_parse("2024-02-29", &g), 0); /* leap year */
    assert_int_equal(date_parse("2000-02-29", &g), 0); /* divisible by 400 */
}

static void parse_refuses_impossible_or_malformed(void **state)
{
    (void)state;
    gdate g;
    assert_int_equal(date_parse("2026-02-30", &g), -1);
    assert_int_equal(date_parse("2025-02-29", &g), -1);
    assert_int_equal(date_parse("1900-02-29", &g), -1); /* century, not leap */
    assert_int_equal(date_parse("2026-13-01", &g), -1);
    assert_int_equal(date_parse("2026-00-10", &g), -1);
    assert_int_equal(date_parse("2026-1-1", &g), -1);
    assert_int_equal(date_parse("2026-01-011", &g), -1);
    assert_int_equal(date_parse("2026/01/01", &g), -1);
    assert_int_equal(date_parse("", &g), -1);
    assert_int_equal(date_parse(NULL, &g), -1);
}

static void format_round_trips(void **state)
{
    (void)state;
    char buf[DATE_STR_LEN];
    assert_string_equal(date_format(D(2026, 10, 1), buf), "2026-10-01");
    gdate g;
    assert_int_equal(date_parse(buf, &g), 0);
    assert_int_equal(date_cmp(g, D(2026, 10, 1)), 0);
}

static void weekdays_match_the_2026_calendar(void **state)
{
    (void)state;
    assert_int_equal(date_weekday(D(1970, 1, 1)), 4);  /* Thursday */
    assert_int_equal(date_weekday(D(2026, 1, 1)), 4);  /* Thursday */
    assert_int_equal(date_weekday(D(2026, 2, 14)), 6); /* Saturday, make-up day */
    assert_int_equal(date_weekday(D(2026, 10, 10)), 6);
    assert_int_equal(date_weekday(D(2024, 2, 4)), 0);  /* Sunday */
    assert_int_equal(date_weekday(D(1949, 10, 1)), 6);
    assert_true(date_is_weekend(D(2026, 11, 22)));
    assert_false(date_is_weekend(D(2026, 11, 23)));
}

static void day_numbers_round_trip_across_eras(void **state)
{
    (void)state;
    assert_int_equal(date_to_day(D(1970, 1, 1)), 0);
    assert_int_equal(date_to_day(D(1969, 12, 31)), -1);
    for (gday n = -80000; n < 80000; n += 97) {
        gdate g = date_from_day(n);
        assert_true(date_valid(g.y, g.m, g.d));
        assert_int_equal(date_to_day(g), n);
    }
}

static void adding_and_diffing_days(void **state)
{
    (void)state;
    assert_int_equal(date_cmp(date_add_days(D(2024, 2, 28), 1), D(2024, 2, 29)), 0);
    assert_int_equal(date_cmp(date_add_days(D(2025, 2, 28), 1), D(2025, 3, 1)), 0);
    assert_int_equal(date_cmp(date_add_days(D(2026, 1, 1), -1), D(2025, 12, 31)), 0);
    assert_int_equal(date_diff_days(D(2026, 1, 1), D(2027, 1, 1)), 365);
    assert_int_equal(date_diff_days(D(2024, 1, 1), D(2025, 1, 1)), 366);
    assert_true(date_cmp(D(2026, 1, 2), D(2026, 1, 1)) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_accepts_real_dates),
        cmocka_unit_test(parse_refuses_impossible_or_malformed),
        cmocka_unit_test(format_round_trips),
        cmocka_unit_test(weekdays_match_the_2026_calendar),
        cmocka_unit_test(day_numbers_round_trip_across_eras),
        cmocka_unit_test(adding_and_diffing_days),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
