/* test_score.c - seed 003 第五章 point table, the (十五) doubling from the
 * third breach of a provision in a month, the quarterly window score and the
 * star levels of seed 000 §三(二). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/score.h"

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

static void point_table_matches_seed_003(void **state)
{
    (void)state;
    assert_int_equal(viol_points(VIOL_LATE), 5);               /* (十) 0.5 */
    assert_int_equal(viol_points(VIOL_EARLY), 5);              /* (十) 0.5 */
    assert_int_equal(viol_points(VIOL_ABSENT_HALF_DAY), 10);   /* (十一) 1 per half day */
    assert_int_equal(viol_points(VIOL_AWAY_30), 5);            /* (十七) 0.5 */
    assert_int_equal(viol_points(VIOL_AWAY_60), 10);           /* (十七) 1 */
    assert_int_equal(viol_points(VIOL_HANDOFF_MISSING), 5);    /* (十四) 0.5 */
    assert_int_equal(viol_points(VIOL_LEAVE_NO_PROCEDURE), 5); /* (九) 0.5 */
    assert_int_equal(viol_points(VIOL_COMPLAINT_MANNER), 10);  /* 公开办事 (七) 1 */
    assert_int_equal(viol_points(VIOL_COMPLAINT_UNLAWFUL), 20);/* 公开办事 (四) 2 */
    assert_int_equal(viol_points(VIOL_NOTICE_EXTRA_TRIP), 10); /* 公开办事 (二) 1 */
    assert_int_equal(viol_points(VIOL_CASE_OVERDUE), 10);      /* 公开办事 (三) 1 per working day */
    assert_int_equal(viol_points(VIOL_KINDS), 0);
}

static void three_lates_in_a_month_double_the_third(void **state)
{
    (void)state;
    score_month m;
    score_month_init(&m, 2026, 3);
    assert_int_equal(score_month_add(&m, D(2026, 3, 2), VIOL_LATE, 1), SCORE_OK);
    assert_int_equal(m.total, 5);
    assert_int_equal(score_month_add(&m, D(2026, 3, 9), VIOL_LATE, 1), SCORE_OK);
    assert_int_equal(m.total, 10);
    assert_int_equal(score_month_add(&m, D(2026, 3, 16), VIOL_LATE, 1), SCORE_OK);
    assert_int_equal(m.total, 20); /* 0.5 + 0.5 + 1.0 */
    assert_int_equal(m.count[VIOL_LATE], 3);
    assert_int_equal(m.doubled[VIOL_LATE], 1);
    assert_int_equal(score_month_add(&m, D(2026, 3, 23), VIOL_LATE, 1), SCORE_OK);
    assert_int_equal(m.total, 30); /* the fourth is doubled too */
    char buf[SCORE_STR_LEN];
    assert_string_equal(score_format(m.total, buf), "3.0");
}

static void late_and_early_are_one_provision(void **state)
{
    (void)state;
    /* (十) "迟到、早退的，每人次扣0.5分": one provision, so the third breach doubles. */
    score_month m;
    score_month_init(&m, 2026, 4);
    score_month_add(&m, D(2026, 4, 1), VIOL_LATE, 1);
    score_month_add(&m, D(2026, 4, 2), VIOL_EARLY, 1);
    score_month_add(&m, D(2026, 4, 3), VIOL_EARLY, 1);
    assert_int_equal(m.points[VIOL_LATE], 5);
    assert_int_equal(m.points[VIOL_EARLY], 15);
    assert_int_equal(m.total, 20);
}

static void different_provisions_do_not_add_up_to_three(void **state)
{
    (void)state;
    score_month m;
    score_month_init(&m, 2026, 4);
    score_month_add(&m, D(2026, 4, 1), VIOL_LATE, 1);
    score_month_add(&m, D(2026, 4, 2), VIOL_HANDOFF_MISSING, 1);
    score_month_add(&m, D(2026, 4, 3), VIOL_LEAVE_NO_PROCEDURE, 1);
    score_month_add(&m, D(2026, 4, 6), VIOL_LATE, 1);
    assert_int_equal(m.total, 20); /* four single 0.5s */
    assert_int_equal(m.doubled[VIOL_LATE], 0);
}

static void a_new_month_starts_counting_again(void **state)
{
    (void)state;
    score_month m;
    score_month_init(&m, 2026, 4);
    score_month_add(&m, D(2026, 4, 29), VIOL_LATE, 1);
    score_month_add(&m, D(2026, 4, 30), VIOL_LATE, 1);
    assert_int_equal(score_month_add(&m, D(2026, 5, 6), VIOL_LATE, 1), SCORE_E_MONTH);
    score_month may;
    score_month_init(&may, 2026, 5);
    score_month_add(&may, D(2026, 5, 6), VIOL_LATE, 1);
    assert_int_equal(may.total, 5);
    assert_int_equal(m.total, 10);
}

static void absence_of_both_half_days_is_two_points(void **state)
{
    (void)state;
    score_month m;
    score_month_init(&m, 2026, 6);
    int day[VIOL_KINDS] = {0};
    day[VIOL_ABSENT_HALF_DAY] = 2;
    assert_int_equal(score_month_add_counts(&m, D(2026, 6, 8), day), SCORE_OK);
    assert_int_equal(m.total, 20);
    assert_int_equal(m.count[VIOL_ABSENT_HALF_DAY], 2);
    /* a third half day that month is doubled: 1 + 1 + 2 */
    score_month_add(&m, D(2026, 6, 9), VIOL_ABSENT_HALF_DAY, 1);
    assert_int_equal(m.total, 40);
}

static void away_lengths_share_provision_17(void **state)
{
    (void)state;
    score_month m;
    score_month_init(&m, 2026, 7);
    score_month_add(&m, D(2026, 7, 1), VIOL_AWAY_30, 1);
    score_month_add(&m, D(2026, 7, 2), VIOL_AWAY_60, 1);
    score_month_add(&m, D(2026, 7, 3), VIOL_AWAY_60, 1);
    assert_int_equal(m.total, 5 + 10 + 20);
}

static void overdue_counts_working_days_and_never_doubles(void **state)
{
    (void)state;
    score_month m;
    score_month_init(&m, 2026, 8);
    assert_int_equal(score_month_add(&m, D(2026, 8, 3), VIOL_CASE_OVERDUE, 3), SCORE_OK);
    assert_int_equal(m.total, 30);
    score_month_add(&m, D(2026, 8, 4), VIOL_CASE_OVERDUE, 1);
    score_month_add(&m, D(2026, 8, 5), VIOL_CASE_OVERDUE, 2);
    assert_int_equal(m.total, 60); /* (十五) belongs to the working-time part only */
    score_month_add(&m, D(2026, 8, 6), VIOL_COMPLAINT_UNLAWFUL, 1);
    score_month_add(&m, D(2026, 8, 7), VIOL_COMPLAINT_UNLAWFUL, 1);
    score_month_add(&m, D(2026, 8, 10), VIOL_COMPLAINT_UNLAWFUL, 1);
    assert_int_equal(m.total, 120);
    assert_false(viol_repeat_doubles(VIOL_NOTICE_EXTRA_TRIP));
    assert_true(viol_repeat_doubles(VIOL_HANDOFF_MISSING));
}

static void bad_additions_are_refused_and_change_nothing(void **state)
{
    (void)state;
    score_month m;
    score_month_init(&m, 2026, 9);
    assert_int_equal(score_month_add(&m, D(2026, 9, 1), VIOL_LATE, 2), SCORE_E_UNITS);
    assert_int_equal(score_month_add(&m, D(2026, 9, 1), VIOL_CASE_OVERDUE, 0), SCORE_E_UNITS);
    assert_int_equal(score_month_add(&m, D(2026, 9, 31), VIOL_LATE, 1), SCORE_E_DATE);
    assert_int_equal(score_month_add(&m, D(2026, 9, 1), VIOL_KINDS, 1), SCORE_E_KIND);
    int day[VIOL_KINDS] = {0};
    day[VIOL_LATE] = 1;
    day[VIOL_EARLY] = -1;
    assert_int_equal(score_month_add_counts(&m, D(2026, 9, 1), day), SCORE_E_UNITS);
    assert_int_equal(m.total, 0);
    assert_int_equal(m.count[VIOL_LATE], 0);
}

static void quarter_score_87_8_is_three_stars(void **state)
{
    (void)state;
    /* 100 - 12.5 + 0.3 (three leader visits at 0.1, seed 003 第四章(一)) */
    int s = score_window_quarter(3, 125);
    assert_int_equal(s, 878);
    char buf[SCORE_STR_LEN];
    assert_string_equal(score_format(s, buf), "87.8");
    assert_int_equal(score_stars(s), 3);
}

static void star_bounds_are_inclusive(void **state)
{
    (void)state;
    assert_int_equal(score_stars(950), 5); /* exactly 95: 五星级 */
    assert_int_equal(score_stars(949), 4); /* 94.9 */
    assert_int_equal(score_stars(900), 4);
    assert_int_equal(score_stars(899), 3);
    assert_int_equal(score_stars(850), 3);
    assert_int_equal(score_stars(849), 0);
    assert_int_equal(score_stars(1010), 5);
    assert_int_equal(score_window_quarter(0, 50), 950);
    assert_int_equal(score_stars(score_window_quarter(0, 50)), 5);
    assert_int_equal(score_stars(score_window_quarter(0, 51)), 4);
}

static void format_handles_signs_and_zero(void **state)
{
    (void)state;
    char buf[SCORE_STR_LEN];
    assert_string_equal(score_format(0, buf), "0.0");
    assert_string_equal(score_format(5, buf), "0.5");
    assert_string_equal(score_format(-5, buf), "-0.5");
    assert_string_equal(score_format(1003, buf), "100.3");
    assert_string_equal(score_format(-125, buf), "-12.5");
}

static void names_and_reasons(void **state)
{
    (void)state;
    assert_string_equal(viol_name(VIOL_HANDOFF_MISSING), "left the window without handing over");
    assert_int_equal(viol_rule_of(VIOL_EARLY), RULE_LATE_EARLY);
    assert_int_equal(viol_rule_of(VIOL_AWAY_60), RULE_AWAY);
    for (int k = 0; k < VIOL_KINDS; k++)
        assert_int_equal(viol_from_code(viol_code((viol_kind)k)), k);
    assert_string_equal(viol_code(VIOL_AWAY_30), "away_30");
    assert_int_equal(viol_from_code("tardy"), VIOL_KINDS);
    assert_null(viol_code(VIOL_KINDS));
    assert_string_equal(score_reason(SCORE_E_MONTH), "the violation's date is outside the month being summed");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(point_table_matches_seed_003),
        cmocka_unit_test(three_lates_in_a_month_double_the_third),
        cmocka_unit_test(late_and_early_are_one_provision),
        cmocka_unit_test(different_provisions_do_not_add_up_to_three),
        cmocka_unit_test(a_new_month_starts_counting_again),
        cmocka_unit_test(absence_of_both_half_days_is_two_points),
        cmocka_unit_test(away_lengths_share_provision_17),
        cmocka_unit_test(overdue_counts_working_days_and_never_doubles),
        cmocka_unit_test(bad_additions_are_refused_and_change_nothing),
        cmocka_unit_test(quarter_score_87_8_is_three_stars),
        cmocka_unit_test(star_bounds_are_inclusive),
        cmocka_unit_test(format_handles_signs_and_zero),
        cmocka_unit_test(names_and_reasons),
    };
    return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
