/* test_deadline.c - case deadlines on the 2026 calendar: a 20-working-day
 * limit, the 补办件 restart, paused special procedures, the due soon /
 * overdue thresholds and the five-day 补正 notice rule across a holiday. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/deadline.h"

/* The 2026 section of data/calendar/cn.ini (国务院办公厅关于2026年部分节假日安排的通知). */
static const char cal2026[] =
    "[2026]\n"
    "holidays = 2026-01-01..2026-01-03, 2026-02-15..2026-02-23, 2026-04-04..2026-04-06,\n"
    "           2026-05-01..2026-05-05, 2026-06-19..2026-06-21, 2026-09-25..2026-09-27,\n"
    "           2026-10-01..2026-10-07\n"
    "workdays = 2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10\n";

static calendar cal;

static int load(void **state)
{
    (void)state;
    cal_error err;
    return cal_parse(&cal, cal2026, sizeof cal2026 - 1, "cal2026", &err) == CAL_PARSE_OK ? 0 : -1;
}

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

static void assert_date(gdate got, gdate want)
{
    char a[DATE_STR_LEN], b[DATE_STR_LEN];
    assert_string_equal(date_format(got, a), date_format(want, b));
}

static gdate due_of(const dl_case *c)
{
    gdate due = {0, 0, 0};
    assert_int_equal(dl_due(&cal, c, &due, NULL), DL_OK);
    return due;
}

static dl_report check(const dl_case *c, gdate today, const gdate *concluded, int soon)
{
    dl_report r;
    memset(&r, 0, sizeof r);
    assert_int_equal(dl_check(&cal, c, today, concluded, soon, &r, NULL), DL_OK);
    return r;
}

/* ---- the due date ---------------------------------------------------------- */

static void twenty_working_days_across_mid_autumn_and_national_day(void **state)
{
    (void)state;
    /* 行政许可法 第四十二条: a decision within 二十日 of acceptance, working days by 第八十二条.
     * Accepted Monday 2026-09-14: 15-18 (4), Sunday 20 make-up (5), 21-24 (9), 25-27 中秋 off,
     * 28-30 (12), 1-7 Oct 国庆 off, 8-9 (14), Saturday 10 make-up (15), 12-16 (20). */
    dl_case c = {.accepted = D(2026, 9, 14), .limit = 20};
    assert_date(due_of(&c), D(2026, 10, 16));
    /* without pauses the due date is exactly cal_add_workdays(accepted, limit) */
    for (int limit = 0; limit <= 60; limit++) {
        gdate want;
        c.limit = limit;
        assert_int_equal(cal_add_workdays(&cal, c.accepted, limit, &want, NULL), CAL_OK);
        assert_date(due_of(&c), want);
    }
}

static void immediate_case_is_due_the_same_day(void **state)
{
    (void)state;
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 0}; /* 即办件: 即收即办，当场办结 */
    assert_date(due_of(&c), D(2026, 3, 2));
}

static void supplement_restarts_the_clock(void **state)
{
    (void)state;
    /* seed 001 篇八 四(三)3: "补办件的办理时限从服务对象补齐材料之日算起". */
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 5};
    assert_date(due_of(&c), D(2026, 3, 9));
    c.supplemented = true;
    c.materials_complete = D(2026, 3, 6); /* Friday: counting starts Monday */
    assert_date(dl_clock_start(&c), D(2026, 3, 6));
    assert_date(due_of(&c), D(2026, 3, 13));
    /* completed just before the Spring Festival: the holiday does not count */
    c.accepted = D(2026, 2, 10);
    c.materials_complete = D(2026, 2, 13);
    assert_date(due_of(&c), D(2026, 2, 27)); /* 14 (Sat, make-up), 24, 25, 26, 27 */
    /* completion dated before acceptance is refused */
    gdate due;
    c.materials_complete = D(2026, 2, 9);
    assert_int_equal(dl_due(&cal, &c, &due, NULL), DL_COMPLETE_BEFORE_ACCEPTED);
}

static void hearing_pause_extends_the_due_date(void **state)
{
    (void)state;
    /* 行政许可法 第四十五条: 听证 ... 所需时间不计算在期限内; noted on the 受理通知书
     * (seed 001 篇十三 §10(4)).  Without the hearing: 2026-03-02 + 10 = 03-16. */
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 10};
    assert_date(due_of(&c), D(2026, 3, 16));
    /* hearing Thursday 5th to Tuesday 10th: 5, 6, 9, 10 = 4 working days */
    dl_pause hearing[] = {{D(2026, 3, 5), D(2026, 3, 10)}};
    c.pauses = hearing;
    c.npauses = 1;
    assert_date(due_of(&c), D(2026, 3, 20));
    int paused = -1;
    assert_int_equal(dl_paused_workdays(&cal, &c, D(2026, 3, 31), &paused, NULL), DL_OK);
    assert_int_equal(paused, 4);
}

static void overlapping_pauses_count_once(void **state)
{
    (void)state;
    /* a hearing 5-10 March and an expert review 9-11 March: 5, 6, 9, 10, 11 = 5 days, not 7 */
    dl_pause p[] = {{D(2026, 3, 5), D(2026, 3, 10)}, {D(2026, 3, 9), D(2026, 3, 11)}};
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 10, .pauses = p, .npauses = 2};
    assert_date(due_of(&c), D(2026, 3, 23));
    int paused = -1;
    assert_int_equal(dl_paused_workdays(&cal, &c, D(2026, 12, 31), &paused, NULL), DL_OK);
    assert_int_equal(paused, 5);
}

static void pause_counts_only_working_days_after_the_start(void **state)
{
    (void)state;
    /* An inspection over 清明 (3 April Friday .. 7 April Tuesday): only the 3rd and the 7th are
     * working days; the part before acceptance does not count either. */
    dl_pause p[] = {{D(2026, 3, 25), D(2026, 3, 31)}, {D(2026, 4, 3), D(2026, 4, 7)}};
    dl_case c = {.accepted = D(2026, 3, 30), .limit = 5, .pauses = p, .npauses = 2};
    /* 31 Mar paused; 1 Apr (1), 2 (2), 3 paused, 4-6 off, 7 paused, 8 (3), 9 (4), 10 (5) */
    assert_date(due_of(&c), D(2026, 4, 10));
    int paused = -1;
    assert_int_equal(dl_paused_workdays(&cal, &c, D(2026, 4, 30), &paused, NULL), DL_OK);
    assert_int_equal(paused, 3);
}

static void pause_after_the_due_date_does_not_move_it(void **state)
{
    (void)state;
    dl_pause late[] = {{D(2026, 3, 18), D(2026, 3, 20)}};
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 10, .pauses = late, .npauses = 1};
    assert_date(due_of(&c), D(2026, 3, 16));
    dl_report r = check(&c, D(2026, 3, 20), NULL, DL_SOON_DEFAULT);
    assert_int_equal(r.state, DL_OVERDUE);
    assert_int_equal(r.late, 4); /* 17, 18, 19, 20: a late pause excuses nothing */
}

static void bad_pause_and_limit_are_refused(void **state)
{
    (void)state;
    gdate due;
    dl_pause reversed[] = {{D(2026, 3, 10), D(2026, 3, 5)}};
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 10, .pauses = reversed, .npauses = 1};
    assert_int_equal(dl_due(&cal, &c, &due, NULL), DL_BAD_PAUSE);
    dl_pause impossible[] = {{D(2026, 2, 29), D(2026, 3, 5)}};
    c.pauses = impossible;
    assert_int_equal(dl_due(&cal, &c, &due, NULL), DL_BAD_DATE);
    c.npauses = 0;
    c.limit = -1;
    assert_int_equal(dl_due(&cal, &c, &due, NULL), DL_BAD_LIMIT);
}

static void calendar_gap_is_reported_with_the_year(void **state)
{
    (void)state;
    gdate due;
    int missing = 0;
    dl_case c = {.accepted = D(2026, 12, 14), .limit = 20};
    assert_int_equal(dl_due(&cal, &c, &due, &missing), DL_NOT_LOADED);
    assert_int_equal(missing, 2027);
    char msg[64];
    snprintf(msg, sizeof msg, dl_reason(DL_NOT_LOADED), missing);
    assert_string_equal(msg, "calendar for 2027 not loaded");
    /* a case accepted in 2026 but checked on a 2027 day */
    dl_report r;
    c.limit = 5;
    missing = 0;
    assert_int_equal(dl_check(&cal, &c, D(2027, 1, 5), NULL, 1, &r, &missing), DL_NOT_LOADED);
    assert_int_equal(missing, 2027);
    missing = 0;
    assert_int_equal(dl_intake_check(&cal, D(2026, 12, 28), NULL, D(2026, 12, 28), &(dl_intake){0}, &missing),
                     DL_NOT_LOADED);
    assert_int_equal(missing, 2027);
}

/* ---- status on a given day ---------------------------------------------------------- */

static void due_soon_and_overdue_thresholds(void **state)
{
    (void)state;
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 10}; /* due Monday 2026-03-16 */
    dl_report r = check(&c, D(2026, 3, 12), NULL, DL_SOON_DEFAULT);
    assert_int_equal(r.state, DL_ON_TIME);
    assert_int_equal(r.remaining, 2); /* Friday 13th and Monday 16th */
    assert_date(r.due, D(2026, 3, 16));
    r = check(&c, D(2026, 3, 12), NULL, 2); /* a centre warning two days ahead */
    assert_int_equal(r.state, DL_DUE_SOON);
    r = check(&c, D(2026, 3, 13), NULL, DL_SOON_DEFAULT);
    assert_int_equal(r.state, DL_DUE_SOON);
    assert_int_equal(r.remaining, 1);
    r = check(&c, D(2026, 3, 14), NULL, DL_SOON_DEFAULT); /* Saturday: still one working day */
    assert_int_equal(r.state, DL_DUE_SOON);
    assert_int_equal(r.remaining, 1);
    r = check(&c, D(2026, 3, 16), NULL, DL_SOON_DEFAULT); /* the due day itself */
    assert_int_equal(r.state, DL_DUE_SOON);
    assert_int_equal(r.remaining, 0);
    r = check(&c, D(2026, 3, 16), NULL, 0);
    assert_int_equal(r.state, DL_DUE_SOON); /* threshold 0 warns on the due day only */
    r = check(&c, D(2026, 3, 13), NULL, 0);
    assert_int_equal(r.state, DL_ON_TIME);
    r = check(&c, D(2026, 3, 17), NULL, DL_SOON_DEFAULT);
    assert_int_equal(r.state, DL_OVERDUE);
    assert_int_equal(r.late, 1);
    r = check(&c, D(2026, 3, 21), NULL, DL_SOON_DEFAULT); /* Saturday after: 17-20 */
    assert_int_equal(r.state, DL_OVERDUE);
    assert_int_equal(r.late, 4);
}

static void remaining_days_stand_still_during_a_pause(void **state)
{
    (void)state;
    dl_pause hearing[] = {{D(2026, 3, 5), D(2026, 3, 10)}};
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 10, .pauses = hearing, .npauses = 1};
    /* counted so far: 3, 4 March; left: 11-13 and 16-20 = 8 */
    dl_report r = check(&c, D(2026, 3, 6), NULL, DL_SOON_DEFAULT);
    assert_int_equal(r.state, DL_ON_TIME);
    assert_int_equal(r.remaining, 8);
    assert_date(r.due, D(2026, 3, 20));
    r = check(&c, D(2026, 3, 10), NULL, DL_SOON_DEFAULT); /* last day of the hearing: still 8 */
    assert_int_equal(r.remaining, 8);
}

static void concluded_on_time_or_late(void **state)
{
    (void)state;
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 10}; /* due 2026-03-16 */
    gdate done = D(2026, 3, 16);
    dl_report r = check(&c, D(2026, 4, 1), &done, DL_SOON_DEFAULT);
    assert_int_equal(r.state, DL_CONCLUDED_ON_TIME);
    assert_int_equal(r.late, 0);
    done = D(2026, 3, 11);
    r = check(&c, D(2026, 4, 1), &done, DL_SOON_DEFAULT);
    assert_int_equal(r.state, DL_CONCLUDED_ON_TIME);
    assert_int_equal(r.remaining, 3); /* 12, 13, 16 to spare */
    done = D(2026, 3, 18);
    r = check(&c, D(2026, 4, 1), &done, DL_SOON_DEFAULT);
    assert_int_equal(r.state, DL_CONCLUDED_LATE);
    assert_int_equal(r.late, 2);
}

static void check_refuses_inconsistent_dates(void **state)
{
    (void)state;
    dl_report r;
    dl_case c = {.accepted = D(2026, 3, 2), .limit = 10};
    gdate before = D(2026, 3, 1);
    assert_int_equal(dl_check(&cal, &c, D(2026, 3, 5), &before, 1, &r, NULL), DL_CONCLUDED_TOO_EARLY);
    assert_int_equal(dl_check(&cal, &c, D(2026, 3, 1), NULL, 1, &r, NULL), DL_TODAY_TOO_EARLY);
    assert_int_equal(dl_check(&cal, &c, D(2026, 3, 5), NULL, -1, &r, NULL), DL_BAD_THRESHOLD);
    assert_int_equal(dl_check(&cal, &c, D(2026, 2, 30), NULL, 1, &r, NULL), DL_BAD_DATE);
    /* a 补办件 whose materials are dated after today has no running clock yet */
    c.supplemented = true;
    c.materials_complete = D(2026, 3, 9);
    assert_int_equal(dl_check(&cal, &c, D(2026, 3, 5), NULL, 1, &r, NULL), DL_TODAY_TOO_EARLY);
}

/* ---- the five-day 补正 notice (行政许可法 第三十二条) ------------------------------------ */

static void supplement_notice_within_five_working_days_across_national_day(void **state)
{
    (void)state;
    /* Materials received Tuesday 2026-09-29: 30 Sep (1), 1-7 Oct off, 8 (2), 9 (3),
     * Saturday 10 make-up (4), 12 (5).  Five calendar days would wrongly end on 4 Oct. */
    gdate last;
    assert_int_equal(dl_intake_notice_deadline(&cal, D(2026, 9, 29), &last, NULL), DL_OK);
    assert_date(last, D(2026, 10, 12));

    dl_intake in;
    gdate notice = D(2026, 10, 12);
    assert_int_equal(dl_intake_check(&cal, D(2026, 9, 29), &notice, D(2026, 10, 20), &in, NULL), DL_OK);
    assert_true(in.notice_given);
    assert_false(in.deemed_accepted); /* on the last day: in time */

    notice = D(2026, 10, 13);
    assert_int_equal(dl_intake_check(&cal, D(2026, 9, 29), &notice, D(2026, 10, 20), &in, NULL), DL_OK);
    assert_true(in.deemed_accepted); /* 逾期不告知的，自收到申请材料之日起即为受理 */
    assert_date(in.accepted_from, D(2026, 9, 29));
}

static void no_notice_yet_is_judged_on_today(void **state)
{
    (void)state;
    dl_intake in;
    assert_int_equal(dl_intake_check(&cal, D(2026, 9, 29), NULL, D(2026, 10, 8), &in, NULL), DL_OK);
    assert_false(in.notice_given);
    assert_false(in.deemed_accepted);
    assert_int_equal(in.days_left, 3); /* 9, 10 (make-up Saturday), 12 */
    assert_int_equal(dl_intake_check(&cal, D(2026, 9, 29), NULL, D(2026, 10, 12), &in, NULL), DL_OK);
    assert_false(in.deemed_accepted);
    assert_int_equal(in.days_left, 0);
    assert_int_equal(dl_intake_check(&cal, D(2026, 9, 29), NULL, D(2026, 10, 13), &in, NULL), DL_OK);
    assert_true(in.deemed_accepted);
    assert_date(in.accepted_from, D(2026, 9, 29));
}

static void notice_rule_across_spring_festival(void **state)
{
    (void)state;
    /* Received Friday 2026-02-13: Saturday 14 (1, make-up), 15-23 off, 24 (2) ... 27 (5). */
    dl_intake in;
    gdate notice = D(2026, 2, 26);
    assert_int_equal(dl_intake_check(&cal, D(2026, 2, 13), &notice, D(2026, 3, 2), &in, NULL), DL_OK);
    assert_date(in.last_notice_day, D(2026, 2, 27));
    assert_false(in.deemed_accepted);
    gdate early = D(2026, 2, 12);
    assert_int_equal(dl_intake_check(&cal, D(2026, 2, 13), &early, D(2026, 3, 2), &in, NULL), DL_BEFORE_RECEIPT);
}

static void every_status_and_state_has_a_message(void **state)
{
    (void)state;
    for (int s = DL_NOT_LOADED; s <= DL_BEFORE_RECEIPT; s++)
        assert_string_not_equal(dl_reason((dl_status)s), "unknown deadline error");
    assert_string_equal(dl_state_name(DL_DUE_SOON), "due soon");
    assert_string_equal(dl_state_name(DL_OVERDUE), "overdue");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(twenty_working_days_across_mid_autumn_and_national_day),
        cmocka_unit_test(immediate_case_is_due_the_same_day),
        cmocka_unit_test(supplement_restarts_the_clock),
        cmocka_unit_test(hearing_pause_extends_the_due_date),
        cmocka_unit_test(overlapping_pauses_count_once),
        cmocka_unit_test(pause_counts_only_working_days_after_the_start),
        cmocka_unit_test(pause_after_the_due_date_does_not_move_it),
        cmocka_unit_test(bad_pause_and_limit_are_refused),
        cmocka_unit_test(calendar_gap_is_reported_with_the_year),
        cmocka_unit_test(due_soon_and_overdue_thresholds),
        cmocka_unit_test(remaining_days_stand_still_during_a_pause),
        cmocka_unit_test(concluded_on_time_or_late),
        cmocka_unit_test(check_refuses_inconsistent_dates),
        cmocka_unit_test(supplement_notice_within_five_working_days_across_national_day),
        cmocka_unit_test(no_notice_yet_is_judged_on_today),
        cmocka_unit_test(notice_rule_across_spring_festival),
        cmocka_unit_test(every_status_and_state_has_a_message),
    };
    return cmocka_run_group_tests_name("deadline", tests, load, NULL);
}
