/* test_attendance.c - one clerk's day against seed 003 第五章 [工作时间]:
 * (十) late/early with grace, (十一) absence per half day, (十七) away "达30分钟
 * 以上" / "超过一小时", (十四) handoff not done, (九) leave without procedure;
 * approved leave; missing and clock-suspect punches; non-working days; and a
 * leader's on-site presence (seed 001 篇一). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/attendance.h"

#define HM(h, m) ((h) * 60 + (m))

/* Winter hours 09:00-12:00 and 14:00-17:00, 5 minutes' grace. */
static sched_day winter_day(void)
{
    sched_day d = {
        .workday = true,
        .summer = false,
        .grace = 5,
        .session = {{HM(9, 0), HM(12, 0)}, {HM(14, 0), HM(17, 0)}},
    };
    return d;
}

static att_punch IN(int t)
{
    return (att_punch){ATT_SIGN_IN, t, false};
}

static att_punch OUT(int t)
{
    return (att_punch){ATT_SIGN_OUT, t, false};
}

/* A full day of four punches, with the morning sign-in at `in_am`. */
static void four_punches(att_punch p[4], int in_am)
{
    p[0] = IN(in_am);
    p[1] = OUT(HM(12, 0));
    p[2] = IN(HM(13, 55));
    p[3] = OUT(HM(17, 1));
}

static att_day judge(const att_punch *p, int np, const att_leave *l, int nl, const att_away *w, int nw)
{
    sched_day d = winter_day();
    att_input in = {p, np, l, nl, w, nw};
    att_day out;
    assert_int_equal(attendance_day(&d, &in, &out), ATT_OK);
    return out;
}

static int total(const att_day *day)
{
    int n = 0;
    for (int k = 0; k < VIOL_KINDS; k++)
        n += day->count[k];
    return n;
}

static void punctual_day_has_no_violation(void **state)
{
    (void)state;
    att_punch p[4];
    four_punches(p, HM(8, 55));
    att_day r = judge(p, 4, NULL, 0, NULL, 0);
    assert_true(r.workday);
    assert_int_equal(r.n_punches, 4);
    assert_int_equal(total(&r), 0);
}

static void late_by_grace_plus_one_but_not_at_grace(void **state)
{
    (void)state;
    att_punch p[4];
    four_punches(p, HM(9, 5)); /* exactly start + grace */
    att_day r = judge(p, 4, NULL, 0, NULL, 0);
    assert_false(r.session[SCHED_MORNING].late);
    assert_int_equal(r.count[VIOL_LATE], 0);

    four_punches(p, HM(9, 6)); /* grace + 1 minute */
    r = judge(p, 4, NULL, 0, NULL, 0);
    assert_true(r.session[SCHED_MORNING].late);
    assert_int_equal(r.session[SCHED_MORNING].late_minutes, 6);
    assert_int_equal(r.count[VIOL_LATE], 1);
    assert_int_equal(total(&r), 1);
}

static void early_leave_by_grace_plus_one_but_not_at_grace(void **state)
{
    (void)state;
    att_punch p[4];
    four_punches(p, HM(8, 58));
    p[3] = OUT(HM(16, 55)); /* end - grace */
    att_day r = judge(p, 4, NULL, 0, NULL, 0);
    assert_int_equal(r.count[VIOL_EARLY], 0);
    p[3] = OUT(HM(16, 54));
    r = judge(p, 4, NULL, 0, NULL, 0);
    assert_true(r.session[SCHED_AFTERNOON].early);
    assert_int_equal(r.session[SCHED_AFTERNOON].early_minutes, 6);
    assert_int_equal(r.count[VIOL_EARLY], 1);
}

static att_day with_away(int start, int end, bool handoff_done)
{
    att_punch p[4];
    four_punches(p, HM(8, 58));
    att_away w = {start, end, handoff_done};
    return judge(p, 4, NULL, 0, &w, 1);
}

static void away_30_minutes_is_deducted_29_is_not(void **state)
{
    (void)state;
    /* (十七) "擅自离开工作岗位时间达30分钟以上的，每人次扣0.5分" */
    att_day r = with_away(HM(10, 0), HM(10, 30), true);
    assert_int_equal(r.count[VIOL_AWAY_30], 1);
    assert_int_equal(r.count[VIOL_AWAY_60], 0);
    assert_int_equal(r.session[SCHED_MORNING].away_minutes, 30);
    r = with_away(HM(10, 0), HM(10, 29), true);
    assert_int_equal(r.count[VIOL_AWAY_30], 0);
    assert_int_equal(r.count[VIOL_AWAY_60], 0);
}

static void away_60_is_half_point_61_is_one(void **state)
{
    (void)state;
    /* "超过一小时的每人次扣1分": exactly 60 is not over an hour. */
    att_day r = with_away(HM(10, 0), HM(11, 0), true);
    assert_int_equal(r.count[VIOL_AWAY_30], 1);
    assert_int_equal(r.count[VIOL_AWAY_60], 0);
    r = with_away(HM(10, 0), HM(11, 1), true);
    assert_int_equal(r.count[VIOL_AWAY_30], 0); /* one or the other, not both */
    assert_int_equal(r.count[VIOL_AWAY_60], 1);
}

static void away_without_handoff_is_also_a_handoff_violation(void **state)
{
    (void)state;
    /* (十四) "与替岗人员未做好交接，影响工作的，每次扣0.5分" */
    att_day r = with_away(HM(15, 0), HM(15, 10), false);
    assert_int_equal(r.count[VIOL_HANDOFF_MISSING], 1);
    assert_int_equal(r.count[VIOL_AWAY_30], 0);
    r = with_away(HM(15, 0), HM(15, 45), false);
    assert_int_equal(r.count[VIOL_HANDOFF_MISSING], 1);
    assert_int_equal(r.count[VIOL_AWAY_30], 1);
    /* walking off during the lunch break leaves no window unattended */
    r = with_away(HM(12, 30), HM(13, 0), false);
    assert_int_equal(r.count[VIOL_HANDOFF_MISSING], 0);
}

static void away_across_lunch_counts_working_minutes_only(void **state)
{
    (void)state;
    /* 11:45-14:20: 15 minutes of the morning and 20 of the afternoon. */
    att_day r = with_away(HM(11, 45), HM(14, 20), true);
    assert_int_equal(r.session[SCHED_MORNING].away_minutes, 15);
    assert_int_equal(r.session[SCHED_AFTERNOON].away_minutes, 20);
    assert_int_equal(r.count[VIOL_AWAY_30], 1);
}

static void approved_leave_excuses_away_time(void **state)
{
    (void)state;
    att_punch p[4];
    four_punches(p, HM(8, 58));
    att_leave l = {HM(10, 0), HM(11, 30), true};
    att_away w = {HM(10, 0), HM(11, 40), true};
    att_day r = judge(p, 4, &l, 1, &w, 1);
    assert_int_equal(r.session[SCHED_MORNING].away_minutes, 10);
    assert_int_equal(total(&r), 0);
}

static void absence_of_both_half_days(void **state)
{
    (void)state;
    att_day r = judge(NULL, 0, NULL, 0, NULL, 0);
    assert_true(r.session[SCHED_MORNING].absent);
    assert_true(r.session[SCHED_AFTERNOON].absent);
    assert_int_equal(r.count[VIOL_ABSENT_HALF_DAY], 2);
    assert_int_equal(r.count[VIOL_LATE], 0);
    assert_int_equal(r.count[VIOL_EARLY], 0);
    score_month m;
    score_month_init(&m, 2026, 3);
    gdate d = {2026, 3, 10};
    assert_int_equal(score_month_add_counts(&m, d, r.count), SCORE_OK);
    assert_int_equal(m.total, 20); /* (十一) 1 point per half day */
}

static void approved_leave_covering_the_afternoon(void **state)
{
    (void)state;
    att_punch p[2] = {IN(HM(8, 57)), OUT(HM(12, 2))};
    att_leave l = {HM(14, 0), HM(17, 0), true};
    att_day r = judge(p, 2, &l, 1, NULL, 0);
    assert_true(r.session[SCHED_AFTERNOON].covered);
    assert_false(r.session[SCHED_AFTERNOON].absent);
    assert_int_equal(total(&r), 0);
    /* without the leave the afternoon is a half day of absence */
    r = judge(p, 2, NULL, 0, NULL, 0);
    assert_int_equal(r.count[VIOL_ABSENT_HALF_DAY], 1);
}

static void leave_covering_the_start_moves_lateness(void **state)
{
    (void)state;
    att_punch p[4];
    att_leave l = {HM(9, 0), HM(10, 0), true};
    four_punches(p, HM(10, 5));
    att_day r = judge(p, 4, &l, 1, NULL, 0);
    assert_int_equal(r.count[VIOL_LATE], 0);
    four_punches(p, HM(10, 6));
    r = judge(p, 4, &l, 1, NULL, 0);
    assert_int_equal(r.count[VIOL_LATE], 1);
    assert_int_equal(r.session[SCHED_MORNING].late_minutes, 6);
}

static void leave_covering_the_end_excuses_early_leave(void **state)
{
    (void)state;
    att_punch p[4];
    four_punches(p, HM(8, 58));
    p[3] = OUT(HM(15, 0));
    att_leave l = {HM(15, 0), HM(17, 0), true};
    att_day r = judge(p, 4, &l, 1, NULL, 0);
    assert_int_equal(total(&r), 0);
}

static void partial_leave_does_not_excuse_a_missed_half_day(void **state)
{
    (void)state;
    att_punch p[2] = {IN(HM(8, 57)), OUT(HM(12, 2))};
    att_leave l = {HM(14, 0), HM(15, 0), true};
    att_day r = judge(p, 2, &l, 1, NULL, 0);
    assert_true(r.session[SCHED_AFTERNOON].absent);
    assert_int_equal(r.count[VIOL_ABSENT_HALF_DAY], 1);
}

static void unapproved_leave_is_deducted_and_excuses_nothing(void **state)
{
    (void)state;
    /* (九) "因公、因私请假或上班时间外出，未按规定办理请销假手续的，每人次扣0.5分" */
    att_punch p[2] = {IN(HM(8, 57)), OUT(HM(12, 2))};
    att_leave l = {HM(14, 0), HM(17, 0), false};
    att_day r = judge(p, 2, &l, 1, NULL, 0);
    assert_int_equal(r.count[VIOL_LEAVE_NO_PROCEDURE], 1);
    assert_int_equal(r.count[VIOL_ABSENT_HALF_DAY], 1);
    /* an unapproved leave outside working hours breaks nothing here */
    att_leave evening = {HM(18, 0), HM(20, 0), false};
    att_punch full[4];
    four_punches(full, HM(8, 58));
    r = judge(full, 4, &evening, 1, NULL, 0);
    assert_int_equal(total(&r), 0);
}

static void missing_sign_out_counts_as_early_leave_not_absence(void **state)
{
    (void)state;
    att_punch p[3] = {IN(HM(8, 58)), OUT(HM(12, 0)), IN(HM(13, 58))};
    att_day r = judge(p, 3, NULL, 0, NULL, 0);
    assert_false(r.session[SCHED_AFTERNOON].absent);
    assert_true(r.session[SCHED_AFTERNOON].missing_out);
    assert_true(r.session[SCHED_AFTERNOON].early);
    assert_int_equal(r.count[VIOL_EARLY], 1);
    assert_int_equal(r.count[VIOL_ABSENT_HALF_DAY], 0);
    /* and a sign-out without sign-in counts as late */
    att_punch q[3] = {OUT(HM(12, 0)), IN(HM(13, 58)), OUT(HM(17, 0))};
    r = judge(q, 3, NULL, 0, NULL, 0);
    assert_true(r.session[SCHED_MORNING].missing_in);
    assert_int_equal(r.count[VIOL_LATE], 1);
    assert_int_equal(total(&r), 1);
}

static void clock_suspect_punch_proves_presence_but_needs_review(void **state)
{
    (void)state;
    att_punch p[4];
    four_punches(p, HM(9, 40));
    p[0].clock_suspect = true;
    att_day r = judge(p, 4, NULL, 0, NULL, 0);
    assert_false(r.session[SCHED_MORNING].absent);
    assert_false(r.session[SCHED_MORNING].late);
    assert_true(r.session[SCHED_MORNING].needs_review);
    assert_int_equal(total(&r), 0);
}

static void punch_after_mid_lunch_belongs_to_the_afternoon(void **state)
{
    (void)state;
    /* Lunch 12:00-14:00, middle 13:00: a 13:00 sign-in is the afternoon's. */
    att_punch p[2] = {IN(HM(13, 0)), OUT(HM(17, 0))};
    att_day r = judge(p, 2, NULL, 0, NULL, 0);
    assert_true(r.session[SCHED_MORNING].absent);
    assert_false(r.session[SCHED_AFTERNOON].late);
    assert_int_equal(total(&r), 1);
    /* a 12:59 sign-in is a very late morning arrival */
    p[0] = IN(HM(12, 59));
    att_punch q[3] = {p[0], IN(HM(13, 58)), OUT(HM(17, 0))};
    r = judge(q, 3, NULL, 0, NULL, 0);
    assert_false(r.session[SCHED_MORNING].absent);
    assert_true(r.session[SCHED_MORNING].late);
    assert_true(r.session[SCHED_MORNING].missing_out);
}

static void away_after_signing_out_is_early_leave_not_away(void **state)
{
    (void)state;
    att_punch p[4];
    four_punches(p, HM(8, 58));
    p[3] = OUT(HM(15, 30));
    att_away w = {HM(15, 30), HM(17, 0), true};
    att_day r = judge(p, 4, NULL, 0, &w, 1);
    assert_int_equal(r.count[VIOL_EARLY], 1);
    assert_int_equal(r.count[VIOL_AWAY_30] + r.count[VIOL_AWAY_60], 0);
}

static void non_working_day_yields_nothing(void **state)
{
    (void)state;
    sched_day d = winter_day();
    d.workday = false;
    att_punch p[2] = {IN(HM(10, 40)), OUT(HM(11, 0))};
    att_away w = {HM(10, 45), HM(10, 59), false};
    att_input in = {p, 2, NULL, 0, &w, 1};
    att_day r;
    assert_int_equal(attendance_day(&d, &in, &r), ATT_OK);
    assert_false(r.workday);
    assert_int_equal(r.n_punches, 2);
    assert_int_equal(total(&r), 0);
    att_input none = {NULL, 0, NULL, 0, NULL, 0};
    assert_int_equal(attendance_day(&d, &none, &r), ATT_OK);
    assert_int_equal(total(&r), 0);
}

static void bad_input_is_refused(void **state)
{
    (void)state;
    sched_day d = winter_day();
    att_day r;
    att_punch bad = {ATT_SIGN_IN, 1441, false};
    att_input in = {&bad, 1, NULL, 0, NULL, 0};
    assert_int_equal(attendance_day(&d, &in, &r), ATT_E_MINUTE);
    att_leave back = {HM(15, 0), HM(14, 0), true};
    att_input in2 = {NULL, 0, &back, 1, NULL, 0};
    assert_int_equal(attendance_day(&d, &in2, &r), ATT_E_INTERVAL);
    att_input in3 = {NULL, 2, NULL, 0, NULL, 0};
    assert_int_equal(attendance_day(&d, &in3, &r), ATT_E_NULL);
    assert_string_equal(att_reason(ATT_E_INTERVAL),
                        "a leave or away interval ends before it starts or lies outside the day");
}

static void away_kind_thresholds(void **state)
{
    (void)state;
    assert_int_equal(att_away_kind(29), VIOL_KINDS);
    assert_int_equal(att_away_kind(30), VIOL_AWAY_30);
    assert_int_equal(att_away_kind(60), VIOL_AWAY_30);
    assert_int_equal(att_away_kind(61), VIOL_AWAY_60);
    sched_day d = winter_day();
    att_leave l = {HM(16, 0), HM(18, 0), true};
    assert_int_equal(att_uncovered_minutes(&d, &l, 1, HM(11, 0), HM(17, 30)), 60 + 120);
}

static void leader_presence_from_each_entry_and_exit(void **state)
{
    (void)state;
    /* 篇一: "每次进入和离开中心均实行签到" */
    att_punch p[5] = {
        {ATT_LEADER_IN, HM(9, 0), false},
        {ATT_LEADER_OUT, HM(10, 30), false},
        {ATT_SIGN_IN, HM(10, 40), false}, /* a clerk punch: ignored here */
        {ATT_LEADER_IN, HM(14, 0), false},
        {ATT_LEADER_OUT, HM(15, 0), false},
    };
    att_presence pr;
    assert_int_equal(att_leader_presence(p, 5, &pr), ATT_OK);
    assert_int_equal(pr.n, 2);
    assert_int_equal(pr.minutes, 150);
    assert_int_equal(pr.unmatched, 0);
    assert_int_equal(pr.interval[1].start, HM(14, 0));
    assert_int_equal(pr.interval[1].end, HM(15, 0));
}

static void leader_unpaired_punches_credit_nothing(void **state)
{
    (void)state;
    att_punch p[4] = {
        {ATT_LEADER_OUT, HM(8, 50), false}, /* exit without entry */
        {ATT_LEADER_IN, HM(9, 0), false},   /* entry never closed ... */
        {ATT_LEADER_IN, HM(14, 0), false},  /* ... superseded by this one */
        {ATT_LEADER_OUT, HM(14, 45), false},
    };
    att_presence pr;
    assert_int_equal(att_leader_presence(p, 4, &pr), ATT_OK);
    assert_int_equal(pr.minutes, 45);
    assert_int_equal(pr.unmatched, 2);
    att_punch q[2] = {{ATT_LEADER_IN, HM(14, 0), false}, {ATT_LEADER_OUT, HM(9, 0), false}};
    assert_int_equal(att_leader_presence(q, 2, &pr), ATT_E_ORDER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(punctual_day_has_no_violation),
        cmocka_unit_test(late_by_grace_plus_one_but_not_at_grace),
        cmocka_unit_test(early_leave_by_grace_plus_one_but_not_at_grace),
        cmocka_unit_test(away_30_minutes_is_deducted_29_is_not),
        cmocka_unit_test(away_60_is_half_point_61_is_one),
        cmocka_unit_test(away_without_handoff_is_also_a_handoff_violation),
        cmocka_unit_test(away_across_lunch_counts_working_minutes_only),
        cmocka_unit_test(approved_leave_excuses_away_time),
        cmocka_unit_test(absence_of_both_half_days),
        cmocka_unit_test(approved_leave_covering_the_afternoon),
        cmocka_unit_test(leave_covering_the_start_moves_lateness),
        cmocka_unit_test(leave_covering_the_end_excuses_early_leave),
        cmocka_unit_test(partial_leave_does_not_excuse_a_missed_half_day),
        cmocka_unit_test(unapproved_leave_is_deducted_and_excuses_nothing),
        cmocka_unit_test(missing_sign_out_counts_as_early_leave_not_absence),
        cmocka_unit_test(clock_suspect_punch_proves_presence_but_needs_review),
        cmocka_unit_test(punch_after_mid_lunch_belongs_to_the_afternoon),
        cmocka_unit_test(away_after_signing_out_is_early_leave_not_away),
        cmocka_unit_test(non_working_day_yields_nothing),
        cmocka_unit_test(bad_input_is_refused),
        cmocka_unit_test(away_kind_thresholds),
        cmocka_unit_test(leader_presence_from_each_entry_and_exit),
        cmocka_unit_test(leader_unpaired_punches_credit_nothing),
    };
    return cmocka_run_group_tests_name("attendance", tests, NULL, NULL);
}
