/* test_stats_core.c - the rates of core/stats.h against hand computations,
 * with the targets of seed 000_74f23d5d95790ca2.txt 二、(一) (按时办结率 100%,
 * 现场办结率 100%, 满意率 98%以上):
 *
 *   concluded with a due date 8, on time 7      -> 87.5 %, misses 100
 *   immediate concluded 5, at the first visit 4 -> 80.0 %, misses 100
 *   received 9, immediate 5                      -> 55.6 % (no target)
 *   trips 13 over 9 cases, 6 in one trip         -> 1.444 visits, 66.7 %
 *   deferred due 1, in time 0                    -> 0 %
 *   ratings 2 / 1 / 1 / 1 / 0 + 1 unrated        -> (2+1+1+1) / 6 = 83.3 %, misses 98
 *   49 good of 50                                -> 98.0 %: exactly the target is met
 *   nothing concluded                            -> den 0: no rate, no miss
 * and st_add (sums, the larger max), the level names and labels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/stats.h"

static st_counts month(void)
{
    st_counts c;
    memset(&c, 0, sizeof c);
    c.received = 9;
    c.immediate_received = 5;
    c.concluded = 8;
    c.concluded_with_due = 8;
    c.concluded_on_time = 7;
    c.immediate_concluded = 5;
    c.immediate_first_visit = 4;
    c.trips_cases = 9;
    c.trips_total = 13;
    c.one_trip = 6;
    c.deferred = 1;
    c.deferred_due = 1;
    c.deferred_in_time = 0;
    c.evaluations[ST_VERY_SATISFIED] = 2;
    c.evaluations[ST_SATISFIED] = 1;
    c.evaluations[ST_BASICALLY_SATISFIED] = 1;
    c.evaluations[ST_DISSATISFIED] = 1;
    c.unrated_counted = 1;
    c.overdue_open = 1;
    c.overdue_days_total = 2;
    c.overdue_days_max = 2;
    return c;
}

static void rates_and_misses_of_a_month(void **state)
{
    (void)state;
    st_counts c = month();
    st_figures f;
    st_compute(&c, &f);
    assert_int_equal(f.on_time.num, 7);
    assert_int_equal(f.on_time.den, 8);
    assert_true(f.on_time.pct > 87.49 && f.on_time.pct < 87.51);
    assert_true(f.on_time.has_target && f.on_time.misses);
    assert_true(f.on_time.target == ST_TARGET_ON_TIME);
    assert_true(f.on_site.pct > 79.99 && f.on_site.pct < 80.01);
    assert_true(f.on_site.misses);
    assert_true(f.immediate_share.pct > 55.55 && f.immediate_share.pct < 55.56);
    assert_false(f.immediate_share.has_target);
    assert_false(f.immediate_share.misses);
    assert_true(f.trips_average > 1.444 && f.trips_average < 1.445);
    assert_true(f.one_trip.pct > 66.66 && f.one_trip.pct < 66.67);
    assert_int_equal(f.deferred_in_time.den, 1);
    assert_true(f.deferred_in_time.pct == 0.0);
    assert_int_equal(f.evaluated, 6);
    assert_int_equal(f.satisfaction.num, 5);
    assert_int_equal(f.satisfaction.den, 6);
    assert_true(f.satisfaction.pct > 83.33 && f.satisfaction.pct < 83.34);
    assert_true(f.satisfaction.misses);
    assert_true(f.satisfaction.target == ST_TARGET_SATISFACTION);
}

static void the_targets_met_exactly_do_not_miss(void **state)
{
    (void)state;
    st_counts c;
    st_figures f;
    memset(&c, 0, sizeof c);
    c.evaluations[ST_VERY_SATISFIED] = 49;
    c.evaluations[ST_VERY_DISSATISFIED] = 1;
    c.concluded_with_due = c.concluded_on_time = 3;
    c.immediate_concluded = c.immediate_first_visit = 2;
    st_compute(&c, &f);
    assert_true(f.satisfaction.pct > 97.99 && f.satisfaction.pct < 98.01);
    assert_false(f.satisfaction.misses);
    assert_true(f.on_time.pct == 100.0);
    assert_false(f.on_time.misses);
    assert_false(f.on_site.misses);
    c.evaluations[ST_DISSATISFIED] = 1; /* 49 of 51 = 96.1 % */
    st_compute(&c, &f);
    assert_true(f.satisfaction.misses);
}

static void no_base_no_rate_no_miss(void **state)
{
    (void)state;
    st_counts c;
    st_figures f;
    memset(&c, 0, sizeof c);
    st_compute(&c, &f);
    assert_int_equal(f.on_time.den, 0);
    assert_true(f.on_time.pct == 0.0);
    assert_false(f.on_time.misses);
    assert_false(f.satisfaction.misses);
    assert_int_equal(f.evaluated, 0);
    assert_true(f.trips_average == 0.0);
}

static void add_sums_counts_and_keeps_the_longest_delay(void **state)
{
    (void)state;
    st_counts a = month(), b = month();
    b.overdue_days_max = 7;
    b.overdue_days_total = 7;
    st_add(&a, &b);
    assert_int_equal(a.received, 18);
    assert_int_equal(a.concluded_on_time, 14);
    assert_int_equal(a.trips_total, 26);
    assert_int_equal(a.evaluations[ST_VERY_SATISFIED], 4);
    assert_int_equal(a.unrated_counted, 2);
    assert_int_equal(a.overdue_days_total, 9);
    assert_int_equal(a.overdue_days_max, 7);
    assert_int_equal(a.deferred_due, 2);
}

static void levels_by_name_label_and_badness(void **state)
{
    (void)state;
    assert_int_equal(st_level_from_name("very_satisfied"), ST_VERY_SATISFIED);
    assert_int_equal(st_level_from_name("basically_satisfied"), ST_BASICALLY_SATISFIED);
    assert_int_equal(st_level_from_name("very_dissatisfied"), ST_VERY_DISSATISFIED);
    assert_int_equal(st_level_from_name("meh"), ST_LEVEL_COUNT);
    assert_int_equal(st_level_from_name(NULL), ST_LEVEL_COUNT);
    assert_string_equal(st_level_label(ST_SATISFIED), "satisfied");
    assert_string_equal(st_level_label(ST_VERY_DISSATISFIED), "very dissatisfied");
    assert_false(st_level_is_bad(ST_BASICALLY_SATISFIED));
    assert_true(st_level_is_bad(ST_DISSATISFIED));
    assert_true(st_level_is_bad(ST_VERY_DISSATISFIED));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rates_and_misses_of_a_month),
        cmocka_unit_test(the_targets_met_exactly_do_not_miss),
        cmocka_unit_test(no_base_no_rate_no_miss),
        cmocka_unit_test(add_sums_counts_and_keeps_the_longest_delay),
        cmocka_unit_test(levels_by_name_label_and_badness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
