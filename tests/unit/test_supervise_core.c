/* test_supervise_core.c - core/supervise.h on the shipped calendar
 * data/calendar/cn.ini: a complaint's 3 working days across a weekend, 国庆
 * 2026 (with the 10月10日 make-up Saturday) and 春节 2026, the 15-day
 * maximum, extension checks, follow-up deadlines of 5 and 15 working days,
 * the order of steps and the call-back, days overdue, the names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/supervise.h"
#include "data/calendar_file.h"

static calendar cal;
static calfile_error cerr;

static gdate D(int y, int m, int d)
{
    return (gdate){y, m, d};
}

static int load_shipped(void **state)
{
    (void)state;
    return calfile_load("data/calendar/cn.ini", &cal, &cerr) == CALFILE_OK ? 0 : -1;
}

static void assert_date(gdate got, gdate want)
{
    char a[DATE_STR_LEN], b[DATE_STR_LEN];
    assert_string_equal(date_format(got, a), date_format(want, b));
}

/* 篇十三 §22: 3个工作日内 - Friday 20 November 2026 -> Wednesday 25 (the weekend skipped). */
static void complaint_due_across_weekend(void **state)
{
    (void)state;
    gdate due;
    assert_int_equal(sv_complaint_due(&cal, D(2026, 11, 20), &due), SV_OK);
    assert_date(due, D(2026, 11, 25));
    assert_int_equal(sv_complaint_due(&cal, D(2026, 11, 23), &due), SV_OK); /* Monday -> Thursday */
    assert_date(due, D(2026, 11, 26));
}

/* 国庆 2026: 10月1日-7日 off, 10月10日 (Saturday) a make-up working day. */
static void complaint_due_across_national_day(void **state)
{
    (void)state;
    gdate due;
    assert_int_equal(sv_complaint_due(&cal, D(2026, 9, 30), &due), SV_OK);
    assert_date(due, D(2026, 10, 10)); /* 8 (Thu), 9 (Fri), 10 (Sat, 上班) */
}

/* 春节 2026: 2月14日 (Saturday) works, 15-23 off. */
static void complaint_due_across_spring_festival(void **state)
{
    (void)state;
    gdate due;
    assert_int_equal(sv_complaint_due(&cal, D(2026, 2, 13), &due), SV_OK);
    assert_date(due, D(2026, 2, 25)); /* 14 (Sat, 上班), 24 (Tue), 25 (Wed) */
}

/* 最长不应超过15个工作日. */
static void complaint_maximum_is_15_working_days(void **state)
{
    (void)state;
    gdate latest;
    assert_int_equal(sv_complaint_due_max(&cal, D(2026, 11, 20), &latest), SV_OK);
    assert_date(latest, D(2026, 12, 11));
    assert_int_equal(sv_complaint_due_max(&cal, D(2026, 9, 30), &latest), SV_OK);
    assert_date(latest, D(2026, 10, 27)); /* the holiday week does not count */
}

static void calendar_not_covering_is_refused(void **state)
{
    (void)state;
    gdate due = {0, 0, 0};
    assert_int_equal(sv_complaint_due(&cal, D(2040, 3, 1), &due), SV_E_CALENDAR);
    assert_int_equal(sv_complaint_due(NULL, D(2026, 3, 2), &due), SV_E_CALENDAR);
    assert_int_equal(sv_followup_due(&cal, D(2026, 12, 28), 5, &due), SV_E_CALENDAR); /* 2027 not loaded */
    assert_int_equal(sv_days_overdue(&cal, D(2026, 12, 30), D(2027, 1, 5)), -1);
}

static void extension_checks(void **state)
{
    (void)state;
    gdate reg = D(2026, 11, 20), due = D(2026, 11, 25);
    assert_int_equal(sv_extend_check(&cal, reg, due, false, D(2026, 12, 11)), SV_OK);  /* the 15th working day */
    assert_int_equal(sv_extend_check(&cal, reg, due, false, D(2026, 12, 14)), SV_E_EXTEND_TOO_LATE);
    assert_int_equal(sv_extend_check(&cal, reg, due, false, D(2026, 11, 25)), SV_E_EXTEND_NOT_LATER);
    assert_int_equal(sv_extend_check(&cal, reg, due, false, D(2026, 11, 24)), SV_E_EXTEND_NOT_LATER);
    assert_int_equal(sv_extend_check(&cal, reg, due, true, D(2026, 11, 30)), SV_E_EXTEND_TWICE);
    assert_int_equal(sv_extend_check(&cal, reg, due, false, D(2026, 2, 30)), SV_E_EXTEND_NOT_LATER);
}

static void followup_due_5_and_15(void **state)
{
    (void)state;
    gdate due;
    assert_int_equal(sv_followup_due(&cal, D(2026, 11, 23), 5, &due), SV_OK);
    assert_date(due, D(2026, 11, 30));
    assert_int_equal(sv_followup_due(&cal, D(2026, 11, 23), 15, &due), SV_OK);
    assert_date(due, D(2026, 12, 14));
    assert_int_equal(sv_followup_due(&cal, D(2026, 9, 28), 5, &due), SV_OK); /* Mon: 29, 30, 8, 9, 10 (Sat) */
    assert_date(due, D(2026, 10, 10));
    assert_int_equal(sv_followup_due(&cal, D(2026, 11, 23), 4, &due), SV_E_DAYS);
    assert_int_equal(sv_followup_due(&cal, D(2026, 11, 23), 16, &due), SV_E_DAYS);
}

static void steps_order_callback_complete(void **state)
{
    (void)state;
    bool done[SV_STEP_COUNT] = {false, false, false, false};
    assert_int_equal(sv_step_check(done, false, false, SV_CALLED_BACK), SV_E_NO_CALLBACK);
    assert_int_equal(sv_step_check(done, true, false, SV_CALLED_BACK), SV_OK);
    assert_int_equal(sv_step_check(done, false, false, SV_VERIFIED), SV_OK);
    done[SV_VERIFIED] = true;
    assert_int_equal(sv_step_check(done, false, false, SV_VERIFIED), SV_E_STEP_DONE);
    assert_false(sv_followup_complete(done, false));
    done[SV_RECTIFIED] = done[SV_ANSWERED] = true;
    assert_true(sv_followup_complete(done, false));  /* anonymous: no call-back due */
    assert_false(sv_followup_complete(done, true));  /* real name: the call-back is due */
    done[SV_CALLED_BACK] = true;
    assert_true(sv_followup_complete(done, true));
    assert_int_equal(sv_step_check(done, true, true, SV_ANSWERED), SV_E_CLOSED);
    assert_int_equal(sv_step_check(done, true, false, SV_STEP_COUNT), SV_E_STEP_DONE);
}

static void days_overdue(void **state)
{
    (void)state;
    assert_int_equal(sv_days_overdue(&cal, D(2026, 11, 25), D(2026, 11, 25)), 0);
    assert_int_equal(sv_days_overdue(&cal, D(2026, 11, 25), D(2026, 11, 20)), 0);
    assert_int_equal(sv_days_overdue(&cal, D(2026, 11, 25), D(2026, 11, 30)), 3); /* 26, 27, 30 */
    assert_int_equal(sv_days_overdue(&cal, D(2026, 9, 30), D(2026, 10, 8)), 1);   /* the holiday skipped */
    assert_int_equal(sv_days_overdue(&cal, D(2026, 11, 27), D(2026, 11, 29)), 0); /* a weekend only */
}

static void names_and_reasons(void **state)
{
    (void)state;
    for (int i = 0; i < SV_STEP_COUNT; i++)
        assert_int_equal(sv_step_from_name(sv_step_name((sv_step)i)), i);
    for (int i = 0; i < SV_STATE_COUNT; i++)
        assert_int_equal(sv_state_from_name(sv_state_name((sv_complaint_state)i)), i);
    assert_string_equal(sv_step_name(SV_CALLED_BACK), "called_back");
    assert_string_equal(sv_state_name(SV_EXCLUDED), "excluded");
    assert_int_equal(sv_step_from_name("deleted"), SV_STEP_COUNT);
    assert_int_equal(sv_state_from_name(NULL), SV_STATE_COUNT);
    assert_null(sv_step_name(SV_STEP_COUNT));
    for (int i = 1; i < SV_CODE_COUNT; i++)
        assert_true(strlen(sv_reason((sv_code)i)) > 5);
    assert_string_equal(sv_reason(SV_CODE_COUNT), "unknown error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(complaint_due_across_weekend),
        cmocka_unit_test(complaint_due_across_national_day),
        cmocka_unit_test(complaint_due_across_spring_festival),
        cmocka_unit_test(complaint_maximum_is_15_working_days),
        cmocka_unit_test(calendar_not_covering_is_refused),
        cmocka_unit_test(extension_checks),
        cmocka_unit_test(followup_due_5_and_15),
        cmocka_unit_test(steps_order_callback_complete),
        cmocka_unit_test(days_overdue),
        cmocka_unit_test(names_and_reasons),
    };
    return cmocka_run_group_tests(tests, load_shipped, NULL);
}
