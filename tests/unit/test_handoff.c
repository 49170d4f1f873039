/* test_handoff.c - the AB岗 duty state of one window (seed 001 篇二 二(三)2,
 * 篇十 三): request and confirm, take back, the refusals, leaving the window
 * unattended and its (十四) violation through attendance (seed 003 第五章). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/handoff.h"

#define HM(h, m) ((h) * 60 + (m))

enum { CLERK_A = 101, CLERK_B = 102, CLERK_C = 203, SUPERVISOR = 900 };

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

static ho_event ev(ho_event_kind kind, staff_id actor)
{
    ho_event e = {kind, actor, 0, 0, HO_OTHER, -1, false};
    return e;
}

static ho_event request(staff_id actor, ho_reason reason, int expected, bool long_absence)
{
    ho_event e = {HO_EV_REQUEST, actor, 0, 0, reason, expected, long_absence};
    return e;
}

static ho_event take_back(staff_id actor, staff_id confirmer)
{
    ho_event e = {HO_EV_TAKE_BACK, actor, confirmer, 0, HO_OTHER, -1, false};
    return e;
}

static ho_event confirm_with(staff_id actor, staff_id supervisor)
{
    ho_event e = {HO_EV_CONFIRM, actor, 0, supervisor, HO_OTHER, -1, false};
    return e;
}

/* A window opened by A at 08:55. */
static handoff_state opened(void)
{
    handoff_state st;
    sched_day d = winter_day();
    assert_int_equal(handoff_init(&st, CLERK_A, CLERK_B, &d), HO_OK);
    ho_event o = ev(HO_EV_OPEN, CLERK_A);
    assert_int_equal(handoff_apply(&st, &o, HM(8, 55)), HO_OK);
    return st;
}

/* A has left at 10:02 on B's confirmation. */
static handoff_state a_away(void)
{
    handoff_state st = opened();
    ho_event rq = request(CLERK_A, HO_MEETING, HM(11, 0), false);
    assert_int_equal(handoff_apply(&st, &rq, HM(10, 0)), HO_OK);
    ho_event cf = ev(HO_EV_CONFIRM, CLERK_B);
    assert_int_equal(handoff_apply(&st, &cf, HM(10, 2)), HO_OK);
    return st;
}

static void roster_needs_two_different_clerks(void **state)
{
    (void)state;
    handoff_state st;
    sched_day d = winter_day();
    assert_int_equal(handoff_init(&st, CLERK_A, CLERK_A, &d), HO_E_ROSTER);
    assert_int_equal(handoff_init(&st, 0, CLERK_B, &d), HO_E_ROSTER);
    assert_int_equal(handoff_init(&st, CLERK_A, CLERK_B, &d), HO_OK);
    assert_int_equal(st.window, HO_CLOSED);
    assert_int_equal(st.on_duty, 0);
}

static void a_leaves_after_b_confirms_and_takes_back(void **state)
{
    (void)state;
    handoff_state st = opened();
    assert_int_equal(st.on_duty, CLERK_A);
    ho_event rq = request(CLERK_A, HO_TOILET, HM(10, 15), false);
    assert_int_equal(handoff_apply(&st, &rq, HM(10, 0)), HO_OK);
    /* "须在替岗人员到位后方可离开": until B confirms, A is still on duty */
    assert_int_equal(st.on_duty, CLERK_A);
    assert_false(handoff_absence(&st, CLERK_A)->away);
    ho_event cf = ev(HO_EV_CONFIRM, CLERK_B);
    assert_int_equal(handoff_apply(&st, &cf, HM(10, 2)), HO_OK);
    assert_int_equal(st.on_duty, CLERK_B);
    const ho_absence *ab = handoff_absence(&st, CLERK_A);
    assert_true(ab->away);
    assert_int_equal(ab->reason, HO_TOILET);
    assert_int_equal(ab->since, HM(10, 2));
    assert_int_equal(ab->expected_return, HM(10, 15));
    assert_true(ab->handed_off);
    assert_false(st.request.pending);

    ho_event tb = take_back(CLERK_A, CLERK_B);
    assert_int_equal(handoff_apply(&st, &tb, HM(10, 20)), HO_OK);
    assert_int_equal(st.on_duty, CLERK_A);
    assert_false(handoff_absence(&st, CLERK_A)->away);

    att_away w[4];
    assert_int_equal(handoff_away_intervals(&st, CLERK_A, HM(17, 0), w, 4), 1);
    assert_int_equal(w[0].start, HM(10, 2));
    assert_int_equal(w[0].end, HM(10, 20));
    assert_true(w[0].handoff_done);
    assert_int_equal(handoff_away_intervals(&st, CLERK_B, HM(17, 0), w, 4), 0);
}

static void b_on_duty_is_symmetric(void **state)
{
    (void)state;
    handoff_state st;
    sched_day d = winter_day();
    handoff_init(&st, CLERK_A, CLERK_B, &d);
    ho_event o = ev(HO_EV_OPEN, CLERK_B);
    assert_int_equal(handoff_apply(&st, &o, HM(9, 0)), HO_OK);
    ho_event rq = request(CLERK_B, HO_ERRAND, -1, false);
    assert_int_equal(handoff_apply(&st, &rq, HM(9, 30)), HO_OK);
    ho_event cf = ev(HO_EV_CONFIRM, CLERK_A);
    assert_int_equal(handoff_apply(&st, &cf, HM(9, 31)), HO_OK);
    assert_int_equal(st.on_duty, CLERK_A);
    assert_true(handoff_absence(&st, CLERK_B)->away);
    ho_event tb = take_back(CLERK_B, CLERK_A);
    assert_int_equal(handoff_apply(&st, &tb, HM(9, 50)), HO_OK);
    assert_int_equal(st.on_duty, CLERK_B);
}

static void a_cannot_confirm_own_handoff(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event rq = request(CLERK_A, HO_MEAL, -1, false);
    assert_int_equal(handoff_apply(&st, &rq, HM(11, 0)), HO_OK);
    handoff_state before;
    memcpy(&before, &st, sizeof st);
    ho_event cf = ev(HO_EV_CONFIRM, CLERK_A);
    assert_int_equal(handoff_apply(&st, &cf, HM(11, 1)), HO_E_SELF_CONFIRM);
    assert_memory_equal(&before, &st, sizeof st); /* refused: nothing changed */
    assert_string_equal(handoff_reason(HO_E_SELF_CONFIRM), "a clerk cannot confirm their own handoff");
    /* taking back with one's own confirmation is the same mistake */
    handoff_state aw = a_away();
    ho_event tb = take_back(CLERK_A, CLERK_A);
    assert_int_equal(handoff_apply(&aw, &tb, HM(10, 30)), HO_E_SELF_CONFIRM);
}

static void both_away_is_refused(void **state)
{
    (void)state;
    handoff_state st = a_away();
    ho_event rq = request(CLERK_B, HO_TOILET, -1, false);
    assert_int_equal(handoff_apply(&st, &rq, HM(10, 10)), HO_E_BOTH_AWAY);
    assert_false(st.request.pending);
    assert_int_equal(st.on_duty, CLERK_B);
}

static void leaving_when_not_on_duty_is_refused(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event rq = request(CLERK_B, HO_TOILET, -1, false);
    assert_int_equal(handoff_apply(&st, &rq, HM(10, 0)), HO_E_NOT_ON_DUTY);
    ho_event lu = ev(HO_EV_LEAVE_UNCOVERED, CLERK_B);
    assert_int_equal(handoff_apply(&st, &lu, HM(10, 0)), HO_E_NOT_ON_DUTY);
    handoff_state closed;
    sched_day d = winter_day();
    handoff_init(&closed, CLERK_A, CLERK_B, &d);
    rq.actor = CLERK_A;
    assert_int_equal(handoff_apply(&closed, &rq, HM(10, 0)), HO_E_NOT_ON_DUTY);
}

static void confirming_without_request_is_refused(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event cf = ev(HO_EV_CONFIRM, CLERK_B);
    assert_int_equal(handoff_apply(&st, &cf, HM(10, 0)), HO_E_NO_REQUEST);
    assert_int_equal(st.on_duty, CLERK_A);
}

static void one_request_at_a_time_and_only_requester_cancels(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event rq = request(CLERK_A, HO_MEETING, -1, false);
    assert_int_equal(handoff_apply(&st, &rq, HM(10, 0)), HO_OK);
    assert_int_equal(handoff_apply(&st, &rq, HM(10, 1)), HO_E_REQUEST_PENDING);
    ho_event cancel = ev(HO_EV_CANCEL, CLERK_B);
    assert_int_equal(handoff_apply(&st, &cancel, HM(10, 2)), HO_E_NOT_REQUESTER);
    cancel.actor = CLERK_A;
    assert_int_equal(handoff_apply(&st, &cancel, HM(10, 3)), HO_OK);
    assert_false(st.request.pending);
    ho_event cf = ev(HO_EV_CONFIRM, CLERK_B);
    assert_int_equal(handoff_apply(&st, &cf, HM(10, 4)), HO_E_NO_REQUEST);
}

static void off_roster_coverer_needs_a_supervisor(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event rq = request(CLERK_A, HO_MEETING, HM(11, 30), false);
    assert_int_equal(handoff_apply(&st, &rq, HM(10, 0)), HO_OK);
    ho_event cf = confirm_with(CLERK_C, 0);
    assert_int_equal(handoff_apply(&st, &cf, HM(10, 1)), HO_E_OFF_ROSTER);
    assert_int_equal(st.on_duty, CLERK_A);
    cf = confirm_with(CLERK_C, CLERK_C);
    assert_int_equal(handoff_apply(&st, &cf, HM(10, 1)), HO_E_BAD_SUPERVISOR);
    cf = confirm_with(CLERK_C, CLERK_A);
    assert_int_equal(handoff_apply(&st, &cf, HM(10, 1)), HO_E_BAD_SUPERVISOR);
    cf = confirm_with(CLERK_C, SUPERVISOR);
    assert_int_equal(handoff_apply(&st, &cf, HM(10, 2)), HO_OK);
    assert_int_equal(st.on_duty, CLERK_C);
    assert_int_equal(st.cover_supervisor, SUPERVISOR);
    assert_int_equal(st.log[0].coverer, CLERK_C);
    assert_int_equal(st.log[0].supervisor, SUPERVISOR);
    /* A comes back and takes the window from C */
    ho_event tb = take_back(CLERK_A, CLERK_C);
    assert_int_equal(handoff_apply(&st, &tb, HM(11, 20)), HO_OK);
    assert_int_equal(st.on_duty, CLERK_A);
    assert_int_equal(st.cover_supervisor, 0);
}

static void away_clerk_cannot_cover_but_takes_back(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event rq = request(CLERK_A, HO_MEETING, -1, false);
    handoff_apply(&st, &rq, HM(10, 0));
    ho_event cf = confirm_with(CLERK_C, SUPERVISOR);
    assert_int_equal(handoff_apply(&st, &cf, HM(10, 1)), HO_OK);
    /* C must go; A (away) tries to "confirm" C's request */
    ho_event rq_c = request(CLERK_C, HO_OTHER, -1, false);
    assert_int_equal(handoff_apply(&st, &rq_c, HM(10, 30)), HO_OK);
    ho_event cf_a = ev(HO_EV_CONFIRM, CLERK_A);
    assert_int_equal(handoff_apply(&st, &cf_a, HM(10, 31)), HO_E_CONFIRMER_AWAY);
    ho_event tb = take_back(CLERK_A, CLERK_C);
    assert_int_equal(handoff_apply(&st, &tb, HM(10, 32)), HO_OK);
    assert_int_equal(st.on_duty, CLERK_A);
    assert_false(st.request.pending);
}

static void take_back_checks_who_hands_back(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event tb = take_back(CLERK_A, CLERK_B);
    assert_int_equal(handoff_apply(&st, &tb, HM(10, 0)), HO_E_NOT_AWAY);
    st = a_away();
    tb = take_back(CLERK_A, CLERK_C);
    assert_int_equal(handoff_apply(&st, &tb, HM(10, 30)), HO_E_CONFIRMER_NOT_ON_DUTY);
    assert_true(handoff_absence(&st, CLERK_A)->away);
}

static void leaving_without_handoff_makes_the_window_unattended(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event lock = ev(HO_EV_LEAVE_UNCOVERED, CLERK_A);
    assert_int_equal(handoff_apply(&st, &lock, HM(15, 0)), HO_OK);
    assert_int_equal(st.window, HO_UNATTENDED);
    assert_int_equal(st.unattended_since, HM(15, 0));
    assert_int_equal(st.left_unattended_by, CLERK_A);
    assert_int_equal(st.on_duty, 0);
    assert_false(handoff_absence(&st, CLERK_A)->handed_off);
    /* nobody on duty to hand back: B opens the window */
    ho_event tb = take_back(CLERK_A, CLERK_B);
    assert_int_equal(handoff_apply(&st, &tb, HM(15, 10)), HO_E_NOBODY_ON_DUTY);
    ho_event open_b = ev(HO_EV_OPEN, CLERK_B);
    assert_int_equal(handoff_apply(&st, &open_b, HM(15, 20)), HO_OK);
    assert_int_equal(st.window, HO_STAFFED);
    assert_int_equal(st.unattended_since, -1);
    assert_true(handoff_absence(&st, CLERK_A)->away); /* A is still out */
    tb = take_back(CLERK_A, CLERK_B);
    assert_int_equal(handoff_apply(&st, &tb, HM(15, 50)), HO_OK);

    /* Fed to attendance: 50 minutes away without handoff = (十四) + (十七) 0.5 */
    att_away w[4];
    int n = handoff_away_intervals(&st, CLERK_A, HM(17, 0), w, 4);
    assert_int_equal(n, 1);
    assert_false(w[0].handoff_done);
    att_punch p[4] = {{ATT_SIGN_IN, HM(8, 55), false},
                      {ATT_SIGN_OUT, HM(12, 0), false},
                      {ATT_SIGN_IN, HM(13, 58), false},
                      {ATT_SIGN_OUT, HM(17, 0), false}};
    sched_day d = winter_day();
    att_input in = {p, 4, NULL, 0, w, n};
    att_day day;
    assert_int_equal(attendance_day(&d, &in, &day), ATT_OK);
    assert_int_equal(day.count[VIOL_HANDOFF_MISSING], 1);
    assert_int_equal(day.count[VIOL_AWAY_30], 1);
    score_month m;
    score_month_init(&m, 2026, 11);
    gdate date = {2026, 11, 24};
    score_month_add_counts(&m, date, day.count);
    assert_int_equal(m.total, 10);
}

static void returning_to_an_unattended_window_reopens_it(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event lock = ev(HO_EV_LEAVE_UNCOVERED, CLERK_A);
    handoff_apply(&st, &lock, HM(9, 40));
    ho_event o = ev(HO_EV_OPEN, CLERK_A);
    assert_int_equal(handoff_apply(&st, &o, HM(9, 45)), HO_OK);
    assert_int_equal(st.on_duty, CLERK_A);
    assert_false(handoff_absence(&st, CLERK_A)->away);
    att_away w[2];
    assert_int_equal(handoff_away_intervals(&st, CLERK_A, HM(17, 0), w, 2), 1);
    assert_int_equal(w[0].end - w[0].start, 5);
}

static void long_absence_flags_reassignment(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event rq = request(CLERK_A, HO_MEETING, -1, true); /* end of shift / long meeting */
    handoff_apply(&st, &rq, HM(14, 30));
    assert_false(handoff_needs_reassign(&st, CLERK_A)); /* not yet left */
    ho_event cf = ev(HO_EV_CONFIRM, CLERK_B);
    assert_int_equal(handoff_apply(&st, &cf, HM(14, 31)), HO_OK);
    assert_true(handoff_needs_reassign(&st, CLERK_A));
    assert_false(handoff_needs_reassign(&st, CLERK_B));
    assert_true(st.log[0].long_absence);
    /* still away at the end of the day: the open spell ends at `now` */
    att_away w[2];
    assert_int_equal(handoff_away_intervals(&st, CLERK_A, HM(17, 0), w, 2), 1);
    assert_int_equal(w[0].end, HM(17, 0));
}

static void closing_is_for_outside_working_hours(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event cl = ev(HO_EV_CLOSE, CLERK_A);
    assert_int_equal(handoff_apply(&st, &cl, HM(11, 50)), HO_E_DURING_HOURS);
    cl.actor = CLERK_B;
    assert_int_equal(handoff_apply(&st, &cl, HM(11, 56)), HO_E_NOT_ON_DUTY);
    cl.actor = CLERK_A;
    assert_int_equal(handoff_apply(&st, &cl, HM(11, 55)), HO_OK); /* end - grace */
    assert_int_equal(st.window, HO_CLOSED);
    assert_int_equal(handoff_apply(&st, &cl, HM(12, 0)), HO_E_CLOSED);
    ho_event o = ev(HO_EV_OPEN, CLERK_B);
    assert_int_equal(handoff_apply(&st, &o, HM(13, 55)), HO_OK);
    o.actor = CLERK_A;
    assert_int_equal(handoff_apply(&st, &o, HM(13, 56)), HO_E_STAFFED);
}

static void events_must_not_go_back_in_time(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event rq = request(CLERK_A, HO_TOILET, -1, false);
    assert_int_equal(handoff_apply(&st, &rq, HM(8, 50)), HO_E_TIME_BACKWARDS);
    rq.reason = HO_REASONS;
    assert_int_equal(handoff_apply(&st, &rq, HM(9, 10)), HO_E_EVENT);
    rq = request(CLERK_A, HO_TOILET, HM(9, 0), false); /* expected back before leaving */
    assert_int_equal(handoff_apply(&st, &rq, HM(9, 10)), HO_E_EVENT);
    assert_false(st.request.pending);
}

static void off_roster_opening_needs_a_supervisor(void **state)
{
    (void)state;
    handoff_state st;
    sched_day d = winter_day();
    handoff_init(&st, CLERK_A, CLERK_B, &d);
    ho_event o = ev(HO_EV_OPEN, CLERK_C);
    assert_int_equal(handoff_apply(&st, &o, HM(9, 0)), HO_E_OFF_ROSTER);
    o.supervisor = SUPERVISOR;
    assert_int_equal(handoff_apply(&st, &o, HM(9, 0)), HO_OK);
    assert_int_equal(st.cover_supervisor, SUPERVISOR);
    assert_false(handoff_on_roster(&st, CLERK_C));
    assert_true(handoff_on_roster(&st, CLERK_B));
}

static void check_predicts_without_changing(void **state)
{
    (void)state;
    handoff_state st = opened();
    ho_event rq = request(CLERK_A, HO_TOILET, -1, false);
    handoff_apply(&st, &rq, HM(10, 0));
    handoff_state before;
    memcpy(&before, &st, sizeof st);
    ho_event cf = ev(HO_EV_CONFIRM, CLERK_B);
    assert_int_equal(handoff_check(&st, &cf, HM(10, 1)), HO_OK);
    ho_event self = ev(HO_EV_CONFIRM, CLERK_A);
    assert_int_equal(handoff_check(&st, &self, HM(10, 1)), HO_E_SELF_CONFIRM);
    assert_memory_equal(&before, &st, sizeof st);
    assert_int_equal(st.on_duty, CLERK_A);
}

static void names_round_trip_for_storage(void **state)
{
    (void)state;
    for (int r = 0; r < HO_REASONS; r++)
        assert_int_equal(ho_reason_from_name(ho_reason_name((ho_reason)r)), r);
    for (int k = 0; k < HO_EV_KINDS; k++)
        assert_int_equal(ho_event_kind_from_name(ho_event_kind_name((ho_event_kind)k)), k);
    assert_string_equal(ho_reason_name(HO_MEAL), "meal");
    assert_string_equal(ho_event_kind_name(HO_EV_LEAVE_UNCOVERED), "leave_uncovered");
    assert_int_equal(ho_reason_from_name("nap"), HO_REASONS);
    assert_int_equal(ho_event_kind_from_name(NULL), HO_EV_KINDS);
    assert_null(ho_reason_name(HO_REASONS));
    assert_string_equal(ho_reason_label(HO_TOILET), "toilet");
    ho_event bad = ev(HO_EV_KINDS, CLERK_A);
    handoff_state st = opened();
    assert_int_equal(handoff_apply(&st, &bad, HM(10, 0)), HO_E_EVENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roster_needs_two_different_clerks),
        cmocka_unit_test(a_leaves_after_b_confirms_and_takes_back),
        cmocka_unit_test(b_on_duty_is_symmetric),
        cmocka_unit_test(a_cannot_confirm_own_handoff),
        cmocka_unit_test(both_away_is_refused),
        cmocka_unit_test(leaving_when_not_on_duty_is_refused),
        cmocka_unit_test(confirming_without_request_is_refused),
        cmocka_unit_test(one_request_at_a_time_and_only_requester_cancels),
        cmocka_unit_test(off_roster_coverer_needs_a_supervisor),
        cmocka_unit_test(away_clerk_cannot_cover_but_takes_back),
        cmocka_unit_test(take_back_checks_who_hands_back),
        cmocka_unit_test(leaving_without_handoff_makes_the_window_unattended),
        cmocka_unit_test(returning_to_an_unattended_window_reopens_it),
        cmocka_unit_test(long_absence_flags_reassignment),
        cmocka_unit_test(closing_is_for_outside_working_hours),
        cmocka_unit_test(events_must_not_go_back_in_time),
        cmocka_unit_test(off_roster_opening_needs_a_supervisor),
        cmocka_unit_test(check_predicts_without_changing),
        cmocka_unit_test(names_round_trip_for_storage),
    };
    return cmocka_run_group_tests_name("handoff", tests, NULL, NULL);
}
