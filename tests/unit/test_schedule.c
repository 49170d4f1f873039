/* test_schedule.c - working hours: validation naming the wrong key, seasonal
 * switch days (summer from 05-01, winter from 10-01, wrapping over New Year),
 * HH:MM and MM-DD parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/schedule.h"

#define HM(h, m) ((h) * 60 + (m))

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

/* A township centre: summer 08:30-12:00 / 14:30-17:30 from May 1st,
 * winter 09:00-12:00 / 14:00-17:00 from October 1st, 5 minutes' grace. */
static sched_config centre(void)
{
    sched_config c = {
        .summer = {HM(8, 30), HM(12, 0), HM(14, 30), HM(17, 30)},
        .winter = {HM(9, 0), HM(12, 0), HM(14, 0), HM(17, 0)},
        .summer_from = {5, 1},
        .winter_from = {10, 1},
        .grace_minutes = 5,
    };
    return c;
}

static void valid_config_passes(void **state)
{
    (void)state;
    sched_config c = centre();
    const char *key = "untouched";
    assert_int_equal(sched_check(&c, &key), SCHED_OK);
    assert_string_equal(key, "untouched");
    c.grace_minutes = 0;
    assert_int_equal(sched_check(&c, NULL), SCHED_OK);
    c.grace_minutes = 60;
    assert_int_equal(sched_check(&c, NULL), SCHED_OK);
    c.winter.afternoon_start = c.winter.morning_end; /* no lunch break is allowed */
    assert_int_equal(sched_check(&c, NULL), SCHED_OK);
}

static void end_not_after_start_names_the_key(void **state)
{
    (void)state;
    sched_config c = centre();
    const char *key = NULL;
    c.summer.morning_end = c.summer.morning_start;
    assert_int_equal(sched_check(&c, &key), SCHED_E_END_NOT_AFTER);
    assert_string_equal(key, "summer_morning_end");

    c = centre();
    c.winter.afternoon_end = HM(13, 0);
    assert_int_equal(sched_check(&c, &key), SCHED_E_END_NOT_AFTER);
    assert_string_equal(key, "winter_afternoon_end");
}

static void afternoon_before_morning_end_names_the_key(void **state)
{
    (void)state;
    sched_config c = centre();
    const char *key = NULL;
    c.winter.afternoon_start = HM(11, 30);
    assert_int_equal(sched_check(&c, &key), SCHED_E_AFTERNOON_OVERLAP);
    assert_string_equal(key, "winter_afternoon_start");
}

static void times_out_of_the_day_are_refused(void **state)
{
    (void)state;
    sched_config c = centre();
    const char *key = NULL;
    c.summer.afternoon_end = HM(24, 1);
    assert_int_equal(sched_check(&c, &key), SCHED_E_TIME_RANGE);
    assert_string_equal(key, "summer_afternoon_end");
    c = centre();
    c.winter.morning_start = -1;
    assert_int_equal(sched_check(&c, &key), SCHED_E_TIME_RANGE);
    assert_string_equal(key, "winter_morning_start");
}

static void grace_must_be_0_to_60(void **state)
{
    (void)state;
    sched_config c = centre();
    const char *key = NULL;
    c.grace_minutes = 61;
    assert_int_equal(sched_check(&c, &key), SCHED_E_GRACE_RANGE);
    assert_string_equal(key, "grace_minutes");
    c.grace_minutes = -1;
    assert_int_equal(sched_check(&c, &key), SCHED_E_GRACE_RANGE);
}

static void switch_dates_must_be_real(void **state)
{
    (void)state;
    sched_config c = centre();
    const char *key = NULL;
    c.summer_from = (sched_monthday){4, 31};
    assert_int_equal(sched_check(&c, &key), SCHED_E_MONTHDAY);
    assert_string_equal(key, "summer_from");
    c = centre();
    c.winter_from = (sched_monthday){13, 1};
    assert_int_equal(sched_check(&c, &key), SCHED_E_MONTHDAY);
    assert_string_equal(key, "winter_from");
    c = centre();
    c.winter_from = c.summer_from;
    assert_int_equal(sched_check(&c, &key), SCHED_E_SAME_SWITCH);
    assert_string_equal(key, "winter_from");
    c = centre();
    c.summer_from = (sched_monthday){2, 29}; /* exists in leap years */
    assert_int_equal(sched_check(&c, NULL), SCHED_OK);
}

static void summer_starts_on_its_switch_day(void **state)
{
    (void)state;
    sched_config c = centre();
    sched_day d;
    assert_int_equal(schedule_for(&c, D(2026, 4, 30), true, &d), SCHED_OK);
    assert_false(d.summer);
    assert_int_equal(d.session[SCHED_MORNING].start, HM(9, 0));
    assert_int_equal(d.session[SCHED_AFTERNOON].start, HM(14, 0));
    assert_int_equal(schedule_for(&c, D(2026, 5, 1), true, &d), SCHED_OK);
    assert_true(d.summer);
    assert_int_equal(d.session[SCHED_MORNING].start, HM(8, 30));
    assert_int_equal(d.session[SCHED_MORNING].end, HM(12, 0));
    assert_int_equal(d.session[SCHED_AFTERNOON].start, HM(14, 30));
    assert_int_equal(d.session[SCHED_AFTERNOON].end, HM(17, 30));
    assert_int_equal(d.grace, 5);
}

static void winter_starts_on_its_switch_day_and_wraps_the_year(void **state)
{
    (void)state;
    sched_config c = centre();
    sched_day d;
    assert_int_equal(schedule_for(&c, D(2026, 9, 30), true, &d), SCHED_OK);
    assert_true(d.summer);
    assert_int_equal(schedule_for(&c, D(2026, 10, 1), true, &d), SCHED_OK);
    assert_false(d.summer);
    assert_int_equal(d.session[SCHED_AFTERNOON].end, HM(17, 0));
    assert_false(sched_is_summer(&c, D(2026, 12, 31)));
    assert_false(sched_is_summer(&c, D(2027, 1, 1)));
    assert_false(sched_is_summer(&c, D(2027, 4, 30)));
}

static void summer_period_may_span_new_year(void **state)
{
    (void)state;
    sched_config c = centre();
    c.summer_from = (sched_monthday){11, 1};
    c.winter_from = (sched_monthday){3, 1};
    assert_true(sched_is_summer(&c, D(2026, 11, 1)));
    assert_true(sched_is_summer(&c, D(2026, 12, 31)));
    assert_true(sched_is_summer(&c, D(2027, 2, 28)));
    assert_false(sched_is_summer(&c, D(2027, 3, 1)));
    assert_false(sched_is_summer(&c, D(2026, 10, 31)));
}

static void workday_flag_comes_from_the_calendar(void **state)
{
    (void)state;
    sched_config c = centre();
    sched_day d;
    /* 2026-10-03 is in the National Day holiday: the calendar says not a working day. */
    assert_int_equal(schedule_for(&c, D(2026, 10, 3), false, &d), SCHED_OK);
    assert_false(d.workday);
    /* 2026-02-14, a Saturday, is a make-up working day: the calendar says yes. */
    assert_int_equal(schedule_for(&c, D(2026, 2, 14), true, &d), SCHED_OK);
    assert_true(d.workday);
}

static void schedule_refuses_bad_config_or_date(void **state)
{
    (void)state;
    sched_config c = centre();
    sched_day d;
    assert_int_equal(schedule_for(&c, D(2026, 2, 30), true, &d), SCHED_E_DATE);
    c.grace_minutes = 90;
    assert_int_equal(schedule_for(&c, D(2026, 2, 2), true, &d), SCHED_E_GRACE_RANGE);
    assert_int_equal(schedule_for(NULL, D(2026, 2, 2), true, &d), SCHED_E_NULL);
}

static void session_at_uses_half_open_sessions(void **state)
{
    (void)state;
    sched_config c = centre();
    sched_day d;
    schedule_for(&c, D(2026, 11, 2), true, &d);
    assert_int_equal(sched_session_at(&d, HM(9, 0)), SCHED_MORNING);
    assert_int_equal(sched_session_at(&d, HM(11, 59)), SCHED_MORNING);
    assert_int_equal(sched_session_at(&d, HM(12, 0)), -1);
    assert_int_equal(sched_session_at(&d, HM(14, 0)), SCHED_AFTERNOON);
    assert_int_equal(sched_session_at(&d, HM(17, 0)), -1);
    assert_int_equal(sched_session_at(&d, HM(8, 59)), -1);
}

static void hhmm_and_monthday_parse_strictly(void **state)
{
    (void)state;
    int t = -1;
    assert_int_equal(sched_parse_hhmm("08:30", &t), 0);
    assert_int_equal(t, HM(8, 30));
    assert_int_equal(sched_parse_hhmm("24:00", &t), 0);
    assert_int_equal(t, 1440);
    assert_int_equal(sched_parse_hhmm("24:01", &t), -1);
    assert_int_equal(sched_parse_hhmm("12:60", &t), -1);
    assert_int_equal(sched_parse_hhmm("8:30", &t), -1);
    assert_int_equal(sched_parse_hhmm("08:30 ", &t), -1);
    assert_int_equal(sched_parse_hhmm("", &t), -1);
    assert_int_equal(sched_parse_hhmm(NULL, &t), -1);
    char buf[SCHED_HHMM_LEN];
    assert_string_equal(sched_format_hhmm(HM(14, 5), buf), "14:05");

    sched_monthday md = {0, 0};
    assert_int_equal(sched_parse_monthday("05-01", &md), 0);
    assert_int_equal(md.m, 5);
    assert_int_equal(md.d, 1);
    assert_int_equal(sched_parse_monthday("02-29", &md), 0);
    assert_int_equal(sched_parse_monthday("02-30", &md), -1);
    assert_int_equal(sched_parse_monthday("04-31", &md), -1);
    assert_int_equal(sched_parse_monthday("5-01", &md), -1);
}

static void reasons_are_specific(void **state)
{
    (void)state;
    assert_string_equal(sched_reason(SCHED_E_GRACE_RANGE), "must be between 0 and 60 minutes");
    assert_string_equal(sched_reason(SCHED_E_END_NOT_AFTER), "must be later than the start of the same session");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_config_passes),
        cmocka_unit_test(end_not_after_start_names_the_key),
        cmocka_unit_test(afternoon_before_morning_end_names_the_key),
        cmocka_unit_test(times_out_of_the_day_are_refused),
        cmocka_unit_test(grace_must_be_0_to_60),
        cmocka_unit_test(switch_dates_must_be_real),
        cmocka_unit_test(summer_starts_on_its_switch_day),
        cmocka_unit_test(winter_starts_on_its_switch_day_and_wraps_the_year),
        cmocka_unit_test(summer_period_may_span_new_year),
        cmocka_unit_test(workday_flag_comes_from_the_calendar),
        cmocka_unit_test(schedule_refuses_bad_config_or_date),
        cmocka_unit_test(session_at_uses_half_open_sessions),
        cmocka_unit_test(hhmm_and_monthday_parse_strictly),
        cmocka_unit_test(reasons_are_specific),
    };
    return cmocka_run_group_tests_name("schedule", tests, NULL, NULL);
}
