/* test_case.c - the case lifecycle: transitions per class (seed 001 篇四 (七),
 * 篇八 四(三), 篇四 (十)5), verdicts of case_apply, and the projection that
 * gives the same state whatever order the events arrive in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/case.h"

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

/* A UUIDv7 whose creation order follows seq (the 48-bit millisecond field grows with it). */
static case_event E(unsigned seq, case_event_type type, gdate date)
{
    case_event ev;
    memset(&ev, 0, sizeof ev);
    snprintf(ev.id, sizeof ev.id, "%08x-0000-7abc-8def-0123456789ab", 0x019cad00u + seq);
    ev.type = type;
    ev.date = date;
    ev.target = CASE_STATUS_COUNT;
    return ev;
}

static case_event CENTRE(unsigned seq, case_status target, gdate date)
{
    case_event ev = E(seq, CASE_EV_STATUS_FROM_CENTRE, date);
    ev.target = target;
    return ev;
}

/* Apply events in order, asserting each is applied. */
static void apply_all(case_state *st, const case_event *evs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        assert_int_equal(case_apply(st, &evs[i]), CASE_V_APPLIED);
}

/* A refused event must leave the state byte for byte as it was. */
static void assert_refused(case_state *st, const case_event *ev, case_verdict expected)
{
    case_state before;
    memcpy(&before, st, sizeof before);
    assert_int_equal(case_check(st, ev), expected);
    assert_int_equal(case_apply(st, ev), expected);
    assert_memory_equal(&before, st, sizeof before);
}

/* ---- 即办件 ------------------------------------------------------------------- */

/* 结婚登记 is a 即办件: "即办件即收即办，当场办结" (seed 001 篇四 (七)). */
static void marriage_registration_is_concluded_on_the_spot(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_IMMEDIATE);
    gdate day = D(2026, 5, 20);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, day),
        E(2, CASE_EV_ACCEPTED, day),
        E(3, CASE_EV_APPROVED, day),
        E(4, CASE_EV_DELIVERED, day),
        E(5, CASE_EV_ARCHIVED, D(2026, 5, 22)),
    };
    apply_all(&st, evs, 4);
    assert_int_equal(st.status, CASE_DELIVERED);
    assert_true(st.first_visit);
    assert_true(st.has_concluded);
    assert_int_equal(date_cmp(st.concluded, day), 0);
    assert_int_equal(date_cmp(st.delivered, day), 0);
    assert_false(st.deferred);
    assert_int_equal(st.supplements, 0);
    assert_false(st.has_ended);
    apply_all(&st, &evs[4], 1);
    assert_int_equal(st.status, CASE_ARCHIVED);
    assert_true(st.has_ended);
    assert_int_equal(date_cmp(st.ended, D(2026, 5, 22)), 0);
}

/* "容缺办理制度。即办件除外" (seed 001 篇四 (十)5). */
static void immediate_case_is_never_deferred(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_IMMEDIATE);
    case_event rec = E(1, CASE_EV_RECEIVED, D(2026, 5, 20));
    apply_all(&st, &rec, 1);
    case_event defer = E(2, CASE_EV_ACCEPTED_DEFERRED, D(2026, 5, 20));
    assert_refused(&st, &defer, CASE_V_ILLEGAL_FOR_CLASS);
    assert_false(case_class_allows(CASE_CLASS_IMMEDIATE, CASE_EV_ACCEPTED_DEFERRED));
    assert_true(case_class_allows(CASE_CLASS_PROMISED, CASE_EV_ACCEPTED_DEFERRED));
    assert_true(case_class_allows(CASE_CLASS_JOINT, CASE_EV_ACCEPTED_DEFERRED));
    /* reported by the centre, it is just as illegal */
    case_event centre = CENTRE(3, CASE_DEFERRED, D(2026, 5, 20));
    assert_refused(&st, &centre, CASE_V_ILLEGAL_FOR_CLASS);
}

/* 即办件 "即收即办，直接办理" (篇八 四(三)1): no review stage, no forwarding. */
static void immediate_case_has_no_review_and_no_referral(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_IMMEDIATE);
    case_event evs[] = {E(1, CASE_EV_RECEIVED, D(2026, 5, 20)), E(2, CASE_EV_ACCEPTED, D(2026, 5, 20))};
    apply_all(&st, evs, 2);
    case_event review = E(3, CASE_EV_REVIEW_STARTED, D(2026, 5, 20));
    case_event refer = E(4, CASE_EV_REFERRED, D(2026, 5, 20));
    assert_refused(&st, &review, CASE_V_ILLEGAL_FOR_CLASS);
    assert_refused(&st, &refer, CASE_V_ILLEGAL_FOR_CLASS);
}

/* 当场办结 means the day received and without a 补正 round. */
static void first_visit_only_for_same_day_immediate_without_supplement(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_IMMEDIATE);
    case_event late[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 5, 20)),
        E(2, CASE_EV_ACCEPTED, D(2026, 5, 20)),
        E(3, CASE_EV_APPROVED, D(2026, 5, 21)),
    };
    apply_all(&st, late, 3);
    assert_false(st.first_visit);

    case_init(&st, CASE_CLASS_IMMEDIATE);
    case_event supplemented[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 5, 20)),
        E(2, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 5, 20)),
        E(3, CASE_EV_MATERIALS_COMPLETED, D(2026, 5, 20)),
        E(4, CASE_EV_ACCEPTED, D(2026, 5, 20)),
        E(5, CASE_EV_DENIED, D(2026, 5, 20)),
    };
    apply_all(&st, supplemented, 5);
    assert_int_equal(st.status, CASE_DENIED);
    assert_false(st.first_visit);

    case_init(&st, CASE_CLASS_PROMISED);
    case_event promised[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 5, 20)),
        E(2, CASE_EV_ACCEPTED, D(2026, 5, 20)),
        E(3, CASE_EV_REVIEW_STARTED, D(2026, 5, 20)),
        E(4, CASE_EV_APPROVED, D(2026, 5, 20)),
    };
    apply_all(&st, promised, 4);
    assert_false(st.first_visit);
}

/* ---- 承诺件, 补正 ---------------------------------------------------------------- */

/* A 低保 application (承诺件) missing its income proof: 补正, then the clock
 * restarts the day the materials are complete (篇八 四(三)3). */
static void dibao_supplement_restarts_the_clock(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 3, 2)),
        E(2, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 2)),
        E(3, CASE_EV_MATERIALS_COMPLETED, D(2026, 3, 9)),
        E(4, CASE_EV_ACCEPTED, D(2026, 3, 9)),
        E(5, CASE_EV_REVIEW_STARTED, D(2026, 3, 10)),
        E(6, CASE_EV_APPROVED, D(2026, 3, 20)),
        E(7, CASE_EV_DELIVERED, D(2026, 3, 23)),
    };
    apply_all(&st, evs, 3);
    assert_int_equal(st.status, CASE_SUPPLEMENT);
    assert_false(st.awaiting_materials);
    assert_true(st.has_clock_restart);
    assert_int_equal(date_cmp(st.clock_restart, D(2026, 3, 9)), 0);
    apply_all(&st, &evs[3], 4);
    assert_int_equal(st.status, CASE_DELIVERED);
    assert_int_equal(st.supplements, 1);
    assert_int_equal(date_cmp(st.received, D(2026, 3, 2)), 0);
    assert_int_equal(date_cmp(st.accepted, D(2026, 3, 9)), 0);
    assert_int_equal(date_cmp(st.concluded, D(2026, 3, 20)), 0);
    assert_false(st.first_visit);
    assert_false(st.deferred);
}

/* "服务对象更正后予以登记受理" (篇十三 §10(4)): not accepted before the materials came. */
static void supplement_needs_materials_before_acceptance(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {E(1, CASE_EV_RECEIVED, D(2026, 3, 2)), E(2, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 2))};
    apply_all(&st, evs, 2);
    assert_true(st.awaiting_materials);
    case_event accept = E(3, CASE_EV_ACCEPTED, D(2026, 3, 3));
    assert_refused(&st, &accept, CASE_V_MATERIALS_PENDING);
    assert_true(case_verdict_is_out_of_order(CASE_V_MATERIALS_PENDING));
    case_event done = E(4, CASE_EV_MATERIALS_COMPLETED, D(2026, 3, 4));
    assert_int_equal(case_apply(&st, &done), CASE_V_APPLIED);
    case_event again = E(5, CASE_EV_MATERIALS_COMPLETED, D(2026, 3, 4));
    assert_refused(&st, &again, CASE_V_NOTHING_PENDING);
    case_event accept2 = E(6, CASE_EV_ACCEPTED, D(2026, 3, 4));
    assert_int_equal(case_apply(&st, &accept2), CASE_V_APPLIED);
    /* materials "completed" on a case that never owed any */
    case_event stray = E(7, CASE_EV_MATERIALS_COMPLETED, D(2026, 3, 5));
    assert_refused(&st, &stray, CASE_V_NOTHING_PENDING);
}

/* A second 补正 notice is allowed by the lifecycle and counted (the checklist
 * module judges the 一次性告知 breach). */
static void second_supplement_is_counted(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 3, 2)),
        E(2, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 2)),
        E(3, CASE_EV_MATERIALS_COMPLETED, D(2026, 3, 6)),
        E(4, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 6)),
        E(5, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 7)),
    };
    apply_all(&st, evs, 5);
    assert_int_equal(st.status, CASE_SUPPLEMENT);
    assert_int_equal(st.supplements, 3);
    assert_true(st.awaiting_materials);
}

/* 补正 may end in 不予受理 or 撤回; a closed case takes nothing further. */
static void supplement_may_end_rejected_or_withdrawn(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 3, 2)),
        E(2, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 2)),
        E(3, CASE_EV_REJECTED, D(2026, 3, 9)),
    };
    apply_all(&st, evs, 3);
    assert_int_equal(st.status, CASE_REJECTED);
    assert_true(case_status_is_terminal(st.status));
    assert_int_equal(date_cmp(st.ended, D(2026, 3, 9)), 0);
    case_event late = E(4, CASE_EV_MATERIALS_COMPLETED, D(2026, 3, 10));
    assert_refused(&st, &late, CASE_V_AFTER_TERMINAL);
    case_event acc = E(5, CASE_EV_ACCEPTED, D(2026, 3, 10));
    assert_refused(&st, &acc, CASE_V_AFTER_TERMINAL);

    case_init(&st, CASE_CLASS_PROMISED);
    case_event w[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 3, 2)),
        E(2, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 2)),
        E(3, CASE_EV_WITHDRAWN, D(2026, 3, 4)),
    };
    apply_all(&st, w, 3);
    assert_int_equal(st.status, CASE_WITHDRAWN);
    case_event more = E(4, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 5));
    assert_refused(&st, &more, CASE_V_AFTER_TERMINAL);
}

/* 不予受理 is an intake answer: not possible once the case is accepted. */
static void rejection_only_at_intake(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {E(1, CASE_EV_RECEIVED, D(2026, 3, 2)), E(2, CASE_EV_ACCEPTED, D(2026, 3, 2))};
    apply_all(&st, evs, 2);
    case_event rej = E(3, CASE_EV_REJECTED, D(2026, 3, 3));
    assert_refused(&st, &rej, CASE_V_NOT_FORWARD);
}

/* ---- out of order ----------------------------------------------------------------- */

/* Status only moves forward (DESIGN §4): accepted after approved is reported. */
static void accepted_after_approved_is_backwards(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 3, 2)),
        E(2, CASE_EV_ACCEPTED, D(2026, 3, 2)),
        E(3, CASE_EV_REVIEW_STARTED, D(2026, 3, 3)),
        E(4, CASE_EV_APPROVED, D(2026, 3, 10)),
    };
    apply_all(&st, evs, 4);
    case_event back = E(5, CASE_EV_ACCEPTED, D(2026, 3, 11));
    assert_refused(&st, &back, CASE_V_NOT_FORWARD);
    case_event denied = E(6, CASE_EV_DENIED, D(2026, 3, 11));
    assert_refused(&st, &denied, CASE_V_NOT_FORWARD); /* one decision only */
    case_event again = E(7, CASE_EV_RECEIVED, D(2026, 3, 11));
    assert_refused(&st, &again, CASE_V_NOT_FORWARD);
    case_event withdraw = E(8, CASE_EV_WITHDRAWN, D(2026, 3, 11));
    assert_refused(&st, &withdraw, CASE_V_NOT_FORWARD); /* decided: too late to withdraw */
    assert_true(case_verdict_is_out_of_order(CASE_V_NOT_FORWARD));
    assert_int_equal(st.status, CASE_APPROVED);
}

/* Skipping a step: a 承诺件 is reviewed before the decision; nothing before 收件. */
static void skipped_steps_are_reported(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event first = E(1, CASE_EV_ACCEPTED, D(2026, 3, 2));
    assert_refused(&st, &first, CASE_V_SKIPPED_STEP);
    case_event evs[] = {E(2, CASE_EV_RECEIVED, D(2026, 3, 2))};
    apply_all(&st, evs, 1);
    case_event approve = E(3, CASE_EV_APPROVED, D(2026, 3, 2));
    assert_refused(&st, &approve, CASE_V_SKIPPED_STEP);
    case_event deliver = E(4, CASE_EV_DELIVERED, D(2026, 3, 2));
    assert_refused(&st, &deliver, CASE_V_SKIPPED_STEP);
    case_event archive = E(5, CASE_EV_ARCHIVED, D(2026, 3, 2));
    assert_refused(&st, &archive, CASE_V_SKIPPED_STEP);
    assert_true(case_verdict_is_out_of_order(CASE_V_SKIPPED_STEP));
}

/* An event dated before the case's previous step is refused. */
static void event_dated_before_previous_step_is_refused(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {E(1, CASE_EV_RECEIVED, D(2026, 3, 5))};
    apply_all(&st, evs, 1);
    case_event early = E(2, CASE_EV_ACCEPTED, D(2026, 3, 4));
    assert_refused(&st, &early, CASE_V_DATE_BACKWARDS);
}

/* ---- 容缺受理 ------------------------------------------------------------------------ */

/* "先予受理…进入审查程序…补齐相关副件材料后，窗口尽快办结" (篇四 (十)5). */
static void deferred_case_is_approved_only_after_the_materials(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 3, 2)),
        E(2, CASE_EV_ACCEPTED_DEFERRED, D(2026, 3, 2)),
        E(3, CASE_EV_REVIEW_STARTED, D(2026, 3, 3)),
    };
    apply_all(&st, evs, 3);
    assert_true(st.deferred);
    assert_true(st.deferred_open);
    assert_true(st.has_accepted);
    assert_int_equal(date_cmp(st.accepted, D(2026, 3, 2)), 0);
    case_event approve = E(4, CASE_EV_APPROVED, D(2026, 3, 6));
    assert_refused(&st, &approve, CASE_V_MATERIALS_PENDING);
    case_event mats = E(5, CASE_EV_MATERIALS_COMPLETED, D(2026, 3, 9));
    assert_int_equal(case_apply(&st, &mats), CASE_V_APPLIED);
    assert_int_equal(st.status, CASE_IN_REVIEW);
    assert_false(st.deferred_open);
    assert_true(st.deferred);
    assert_true(st.has_deferred_completed);
    assert_int_equal(date_cmp(st.deferred_completed, D(2026, 3, 9)), 0);
    assert_false(st.has_clock_restart); /* 容缺: accepted on day one, the clock did not stop */
    case_event approve2 = E(6, CASE_EV_APPROVED, D(2026, 3, 10));
    assert_int_equal(case_apply(&st, &approve2), CASE_V_APPLIED);
}

/* A deferred case whose materials come before review becomes a plain 受理; the
 * acceptance date stays the day of the 容缺 acceptance. */
static void deferred_materials_before_review_move_to_accepted(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_JOINT);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 3, 2)),
        E(2, CASE_EV_ACCEPTED_DEFERRED, D(2026, 3, 2)),
        E(3, CASE_EV_MATERIALS_COMPLETED, D(2026, 3, 5)),
    };
    apply_all(&st, evs, 3);
    assert_int_equal(st.status, CASE_ACCEPTED);
    assert_int_equal(date_cmp(st.accepted, D(2026, 3, 2)), 0);
    assert_true(st.deferred);
    assert_false(st.deferred_open);
    case_event deny_unreviewed = E(4, CASE_EV_DENIED, D(2026, 3, 6));
    assert_refused(&st, &deny_unreviewed, CASE_V_SKIPPED_STEP);
}

/* ---- 上报件, 退回件 ---------------------------------------------------------------- */

/* "上报件网上受理后要及时上报上级部门进行审批办理" (篇四 (七)): forwarded before the
 * decision; only a 上报件 is forwarded. */
static void referred_case_is_decided_after_forwarding(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_REFERRED);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 4, 1)),
        E(2, CASE_EV_ACCEPTED, D(2026, 4, 1)),
        E(3, CASE_EV_REVIEW_STARTED, D(2026, 4, 1)),
    };
    apply_all(&st, evs, 3);
    case_event approve = E(4, CASE_EV_APPROVED, D(2026, 4, 3));
    assert_refused(&st, &approve, CASE_V_SKIPPED_STEP);
    case_event refer = E(5, CASE_EV_REFERRED, D(2026, 4, 2));
    assert_int_equal(case_apply(&st, &refer), CASE_V_APPLIED);
    assert_int_equal(st.status, CASE_REFERRED);
    /* the higher level's answer arrives from the centre */
    case_event centre = CENTRE(6, CASE_APPROVED, D(2026, 4, 20));
    assert_int_equal(case_apply(&st, &centre), CASE_V_APPLIED);
    assert_int_equal(st.status, CASE_APPROVED);
    assert_int_equal(date_cmp(st.concluded, D(2026, 4, 20)), 0);

    case_init(&st, CASE_CLASS_PROMISED);
    apply_all(&st, evs, 2);
    case_event refer2 = E(7, CASE_EV_REFERRED, D(2026, 4, 2));
    assert_refused(&st, &refer2, CASE_V_ILLEGAL_FOR_CLASS);
}

/* A 容缺 上报件 may be forwarded with materials outstanding, but the decision
 * waits for them (篇四 (十)5 "补齐相关副件材料后，窗口尽快办结"). */
static void deferred_referred_case_waits_for_materials(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_REFERRED);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 4, 1)),
        E(2, CASE_EV_ACCEPTED_DEFERRED, D(2026, 4, 1)),
        E(3, CASE_EV_REFERRED, D(2026, 4, 2)),
    };
    apply_all(&st, evs, 3);
    assert_int_equal(st.status, CASE_REFERRED);
    case_event approve = CENTRE(4, CASE_APPROVED, D(2026, 4, 10));
    assert_refused(&st, &approve, CASE_V_MATERIALS_PENDING);
    case_event mats = E(5, CASE_EV_MATERIALS_COMPLETED, D(2026, 4, 12));
    assert_int_equal(case_apply(&st, &mats), CASE_V_APPLIED);
    assert_int_equal(st.status, CASE_REFERRED);
    assert_false(st.deferred_open);
    case_event approve2 = CENTRE(6, CASE_APPROVED, D(2026, 4, 15));
    assert_int_equal(case_apply(&st, &approve2), CASE_V_APPLIED);
    assert_int_equal(st.status, CASE_APPROVED);
}

/* 退回件: "能当场认定退回的，要当场退回" and after "现场踏勘…不具备批准条件" (篇八 四(三)2). */
static void returned_at_intake_or_after_inspection(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_IMMEDIATE);
    case_event rec = E(1, CASE_EV_RECEIVED, D(2026, 4, 1));
    case_event ret = E(2, CASE_EV_RETURNED, D(2026, 4, 1));
    apply_all(&st, &rec, 1);
    apply_all(&st, &ret, 1);
    assert_int_equal(st.status, CASE_RETURNED);
    assert_true(case_status_is_terminal(CASE_RETURNED));

    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 4, 1)),
        E(2, CASE_EV_ACCEPTED, D(2026, 4, 1)),
        E(3, CASE_EV_REVIEW_STARTED, D(2026, 4, 2)),
        E(4, CASE_EV_RETURNED, D(2026, 4, 8)),
    };
    apply_all(&st, evs, 4);
    assert_int_equal(st.status, CASE_RETURNED);
    case_event del = E(5, CASE_EV_DELIVERED, D(2026, 4, 9));
    assert_refused(&st, &del, CASE_V_AFTER_TERMINAL);

    case_init(&st, CASE_CLASS_PROMISED);
    case_event decided[] = {
        E(1, CASE_EV_RECEIVED, D(2026, 4, 1)),
        E(2, CASE_EV_ACCEPTED, D(2026, 4, 1)),
        E(3, CASE_EV_REVIEW_STARTED, D(2026, 4, 2)),
        E(4, CASE_EV_DENIED, D(2026, 4, 8)),
    };
    apply_all(&st, decided, 4);
    case_event late = E(5, CASE_EV_RETURNED, D(2026, 4, 9));
    assert_refused(&st, &late, CASE_V_NOT_FORWARD);
}

/* ---- ids, duplicates, malformed events ----------------------------------------------- */

static void duplicate_event_id_is_reported(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event evs[] = {E(1, CASE_EV_RECEIVED, D(2026, 3, 2)), E(2, CASE_EV_ACCEPTED, D(2026, 3, 2))};
    apply_all(&st, evs, 2);
    assert_refused(&st, &evs[1], CASE_V_DUPLICATE);
    /* same id, letters in upper case, even with another type */
    case_event upper = E(2, CASE_EV_REVIEW_STARTED, D(2026, 3, 3));
    for (char *p = upper.id; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    assert_refused(&st, &upper, CASE_V_DUPLICATE);
}

static void malformed_events_are_invalid(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event ok = E(1, CASE_EV_RECEIVED, D(2026, 3, 2));

    case_event v4 = ok;
    v4.id[14] = '4'; /* a random UUIDv4 is not time-ordered */
    assert_refused(&st, &v4, CASE_V_INVALID);
    case_event variant = ok;
    variant.id[19] = 'c';
    assert_refused(&st, &variant, CASE_V_INVALID);
    case_event shortid = ok;
    shortid.id[35] = '\0';
    assert_refused(&st, &shortid, CASE_V_INVALID);
    case_event nothex = ok;
    nothex.id[0] = 'g';
    assert_refused(&st, &nothex, CASE_V_INVALID);
    case_event baddate = ok;
    baddate.date = D(2026, 2, 30);
    assert_refused(&st, &baddate, CASE_V_INVALID);
    case_event badtype = ok;
    badtype.type = (case_event_type)99;
    assert_refused(&st, &badtype, CASE_V_INVALID);
    case_event badtarget = CENTRE(1, (case_status)42, D(2026, 3, 2));
    assert_refused(&st, &badtarget, CASE_V_INVALID);
    assert_int_equal(case_apply(NULL, &ok), CASE_V_INVALID);
    assert_int_equal(case_apply(&st, NULL), CASE_V_INVALID);

    assert_true(case_event_id_valid("01890a5d-ac96-774b-bcce-b302099a8057"));
    assert_true(case_event_id_valid("01890A5D-AC96-774B-BCCE-B302099A8057"));
    assert_false(case_event_id_valid("01890a5d-ac96-774b-bcce-b302099a80570"));
    assert_false(case_event_id_valid("01890a5dac96-774b-bcce-b302099a8057"));
    assert_false(case_event_id_valid(NULL));
}

/* UUIDv7 text sorts by creation time; letter case does not matter. */
static void event_ids_sort_by_creation_time(void **state)
{
    (void)state;
    const char *earlier = "01890a5d-ac96-774b-bcce-b302099a8057";
    const char *later = "01890a5d-ac97-7000-8000-000000000000";
    assert_true(case_event_id_cmp(earlier, later) < 0);
    assert_true(case_event_id_cmp(later, earlier) > 0);
    assert_int_equal(case_event_id_cmp(earlier, "01890A5D-AC96-774B-BCCE-B302099A8057"), 0);
}

/* A case holds at most CASE_MAX_EVENTS applied events. */
static void full_case_refuses_more_events(void **state)
{
    (void)state;
    case_state st;
    case_init(&st, CASE_CLASS_PROMISED);
    case_event rec = E(1, CASE_EV_RECEIVED, D(2026, 3, 2));
    apply_all(&st, &rec, 1);
    for (unsigned i = 2; i <= CASE_MAX_EVENTS; i++) {
        case_event s = E(i, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 2));
        assert_int_equal(case_apply(&st, &s), CASE_V_APPLIED);
    }
    assert_int_equal(st.napplied, CASE_MAX_EVENTS);
    case_event one_more = E(CASE_MAX_EVENTS + 1, CASE_EV_WITHDRAWN, D(2026, 3, 3));
    assert_refused(&st, &one_more, CASE_V_FULL);
}

/* ---- projection -------------------------------------------------------------------- */

static bool same_state(const case_state *a, const case_state *b)
{
    if (a->status != b->status || a->cls != b->cls || a->started != b->started ||
        a->supplements != b->supplements || a->deferred != b->deferred || a->deferred_open != b->deferred_open ||
        a->first_visit != b->first_visit || a->awaiting_materials != b->awaiting_materials ||
        a->has_accepted != b->has_accepted || a->has_concluded != b->has_concluded ||
        a->has_delivered != b->has_delivered || a->has_clock_restart != b->has_clock_restart ||
        a->napplied != b->napplied)
        return false;
    if (date_cmp(a->received, b->received) || date_cmp(a->accepted, b->accepted) ||
        date_cmp(a->concluded, b->concluded) || date_cmp(a->delivered, b->delivered) ||
        date_cmp(a->clock_restart, b->clock_restart) || date_cmp(a->last_date, b->last_date))
        return false;
    for (size_t i = 0; i < a->napplied; i++)
        if (strcmp(a->applied[i], b->applied[i]) != 0)
            return false;
    return true;
}

/* Project every permutation of 6 events (Heap's algorithm); the state and the
 * verdict of each event (by its original position) never change. */
static void project_all_permutations(const case_event *base, case_class cls, const case_state *want,
                                     const case_verdict *want_v)
{
    enum { N = 6 };
    size_t perm[N], c[N] = {0};
    for (size_t i = 0; i < N; i++)
        perm[i] = i;
    int count = 0;
    size_t i = 0;
    for (;;) {
        case_event evs[N];
        case_verdict v[N];
        for (size_t k = 0; k < N; k++)
            evs[k] = base[perm[k]];
        case_state st;
        assert_int_equal(case_project(cls, evs, N, &st, v), CASE_P_OK);
        assert_true(same_state(&st, want));
        for (size_t k = 0; k < N; k++)
            assert_int_equal(v[k], want_v[perm[k]]);
        count++;
        while (i < N && c[i] >= i) {
            c[i] = 0;
            i++;
        }
        if (i == N)
            break;
        size_t j = (i % 2 == 0) ? 0 : c[i];
        size_t t = perm[j];
        perm[j] = perm[i];
        perm[i] = t;
        c[i]++;
        i = 0;
    }
    assert_int_equal(count, 720);
}

/* 低保 supplement case, all six events valid. */
static void projection_is_order_independent(void **state)
{
    (void)state;
    case_event base[6] = {
        E(10, CASE_EV_RECEIVED, D(2026, 3, 2)),
        E(11, CASE_EV_SUPPLEMENT_REQUESTED, D(2026, 3, 2)),
        E(12, CASE_EV_MATERIALS_COMPLETED, D(2026, 3, 9)),
        E(13, CASE_EV_ACCEPTED, D(2026, 3, 9)),
        E(14, CASE_EV_REVIEW_STARTED, D(2026, 3, 10)),
        E(15, CASE_EV_APPROVED, D(2026, 3, 20)),
    };
    case_state want;
    case_verdict want_v[6];
    /* arrival order reversed: the projection still sorts by id */
    case_event rev[6];
    for (size_t k = 0; k < 6; k++)
        rev[k] = base[5 - k];
    assert_int_equal(case_project(CASE_CLASS_PROMISED, rev, 6, &want, want_v), CASE_P_OK);
    assert_int_equal(want.status, CASE_APPROVED);
    assert_int_equal(want.supplements, 1);
    assert_int_equal(date_cmp(want.clock_restart, D(2026, 3, 9)), 0);
    for (size_t k = 0; k < 6; k++)
        assert_int_equal(want_v[k], CASE_V_APPLIED);
    for (size_t k = 0; k < 6; k++)
        want_v[k] = CASE_V_APPLIED;
    project_all_permutations(base, CASE_CLASS_PROMISED, &want, want_v);
}

/* Six events with refusals among them: a duplicate delivered twice by sync, a
 * withdrawal created after the decision.  Verdicts follow the events. */
static void projection_reports_the_same_refusals_in_every_order(void **state)
{
    (void)state;
    case_event base[6] = {
        E(20, CASE_EV_RECEIVED, D(2026, 5, 20)),
        E(21, CASE_EV_ACCEPTED, D(2026, 5, 20)),
        E(22, CASE_EV_APPROVED, D(2026, 5, 20)),
        E(23, CASE_EV_WITHDRAWN, D(2026, 5, 20)),
        E(24, CASE_EV_DELIVERED, D(2026, 5, 20)),
        E(21, CASE_EV_ACCEPTED_DEFERRED, D(2026, 5, 20)), /* same id as [1], another type */
    };
    case_verdict want_v[6] = {CASE_V_APPLIED, CASE_V_APPLIED, CASE_V_APPLIED,
                              CASE_V_NOT_FORWARD, CASE_V_APPLIED, CASE_V_DUPLICATE};
    case_state want;
    case_verdict got[6];
    assert_int_equal(case_project(CASE_CLASS_IMMEDIATE, base, 6, &want, got), CASE_P_OK);
    for (size_t k = 0; k < 6; k++)
        assert_int_equal(got[k], want_v[k]);
    assert_int_equal(want.status, CASE_DELIVERED);
    assert_true(want.first_visit);
    assert_int_equal(want.napplied, 4);
    project_all_permutations(base, CASE_CLASS_IMMEDIATE, &want, want_v);
}

/* A deferred event on an immediate case, in a projection, is reported illegal
 * and the rest of the case goes on. */
static void projection_reports_deferred_on_immediate(void **state)
{
    (void)state;
    case_event evs[] = {
        E(33, CASE_EV_APPROVED, D(2026, 5, 20)),
        E(31, CASE_EV_ACCEPTED_DEFERRED, D(2026, 5, 20)),
        E(30, CASE_EV_RECEIVED, D(2026, 5, 20)),
        E(32, CASE_EV_ACCEPTED, D(2026, 5, 20)),
    };
    case_state st;
    case_verdict v[4];
    assert_int_equal(case_project(CASE_CLASS_IMMEDIATE, evs, 4, &st, v), CASE_P_OK);
    assert_int_equal(v[0], CASE_V_APPLIED);
    assert_int_equal(v[1], CASE_V_ILLEGAL_FOR_CLASS);
    assert_int_equal(v[2], CASE_V_APPLIED);
    assert_int_equal(v[3], CASE_V_APPLIED);
    assert_int_equal(st.status, CASE_APPROVED);
    assert_false(st.deferred);
}

static void projection_checks_its_arguments(void **state)
{
    (void)state;
    case_state st;
    case_verdict v[1];
    case_event ev = E(1, CASE_EV_RECEIVED, D(2026, 3, 2));
    assert_int_equal(case_project(CASE_CLASS_PROMISED, &ev, 1, NULL, v), CASE_P_NULL);
    assert_int_equal(case_project(CASE_CLASS_PROMISED, NULL, 1, &st, v), CASE_P_NULL);
    assert_int_equal(case_project(CASE_CLASS_PROMISED, &ev, 1, &st, NULL), CASE_P_NULL);
    assert_int_equal(case_project((case_class)9, &ev, 1, &st, v), CASE_P_BAD_CLASS);
    assert_int_equal(case_project(CASE_CLASS_PROMISED, &ev, CASE_MAX_EVENTS + 1, &st, v), CASE_P_TOO_MANY);
    assert_int_equal(case_project(CASE_CLASS_PROMISED, NULL, 0, &st, NULL), CASE_P_OK);
    assert_false(st.started);
}

/* ---- ranks and names ---------------------------------------------------------------- */

static void ranks_follow_the_lifecycle(void **state)
{
    (void)state;
    const case_status forward[] = {CASE_RECEIVED, CASE_SUPPLEMENT, CASE_DEFERRED, CASE_ACCEPTED,
                                   CASE_IN_REVIEW, CASE_REFERRED, CASE_APPROVED, CASE_DELIVERED,
                                   CASE_ARCHIVED};
    for (size_t i = 1; i < sizeof forward / sizeof forward[0]; i++)
        assert_true(case_status_rank(forward[i - 1]) < case_status_rank(forward[i]));
    assert_int_equal(case_status_rank(CASE_APPROVED), case_status_rank(CASE_DENIED));
    assert_int_equal(case_status_rank((case_status)-1), -1);
    const case_status terminal[] = {CASE_ARCHIVED, CASE_REJECTED, CASE_RETURNED, CASE_WITHDRAWN};
    for (size_t i = 0; i < 4; i++)
        assert_true(case_status_is_terminal(terminal[i]));
    assert_false(case_status_is_terminal(CASE_DELIVERED));
    assert_false(case_status_is_terminal(CASE_DENIED));
}

static void names_round_trip_and_labels_exist(void **state)
{
    (void)state;
    for (int s = 0; s < CASE_STATUS_COUNT; s++) {
        const char *n = case_status_name((case_status)s);
        assert_non_null(n);
        assert_int_equal(case_status_from_name(n), s);
        assert_non_null(case_status_label((case_status)s));
        for (int t = 0; t < s; t++)
            assert_string_not_equal(n, case_status_name((case_status)t));
    }
    assert_string_equal(case_status_name(CASE_IN_REVIEW), "in_review");
    assert_int_equal(case_status_from_name("nonsense"), CASE_STATUS_COUNT);
    assert_int_equal(case_status_from_name(NULL), CASE_STATUS_COUNT);
    assert_null(case_status_name(CASE_STATUS_COUNT));
    for (int c = 0; c < CASE_CLASS_COUNT; c++) {
        assert_int_equal(case_class_from_name(case_class_name((case_class)c)), c);
        assert_non_null(case_class_label((case_class)c));
    }
    assert_string_equal(case_class_name(CASE_CLASS_IMMEDIATE), "immediate");
    for (int t = 0; t < CASE_EV_TYPE_COUNT; t++)
        assert_int_equal(case_event_type_from_name(case_event_type_name((case_event_type)t)), t);
    assert_string_equal(case_event_type_name(CASE_EV_SUPPLEMENT_REQUESTED), "supplement_requested");
    for (int v = 0; v < CASE_VERDICT_COUNT; v++)
        for (int w = 0; w < v; w++)
            assert_string_not_equal(case_verdict_reason((case_verdict)v), case_verdict_reason((case_verdict)w));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(marriage_registration_is_concluded_on_the_spot),
        cmocka_unit_test(immediate_case_is_never_deferred),
        cmocka_unit_test(immediate_case_has_no_review_and_no_referral),
        cmocka_unit_test(first_visit_only_for_same_day_immediate_without_supplement),
        cmocka_unit_test(dibao_supplement_restarts_the_clock),
        cmocka_unit_test(supplement_needs_materials_before_acceptance),
        cmocka_unit_test(second_supplement_is_counted),
        cmocka_unit_test(supplement_may_end_rejected_or_withdrawn),
        cmocka_unit_test(rejection_only_at_intake),
        cmocka_unit_test(accepted_after_approved_is_backwards),
        cmocka_unit_test(skipped_steps_are_reported),
        cmocka_unit_test(event_dated_before_previous_step_is_refused),
        cmocka_unit_test(deferred_case_is_approved_only_after_the_materials),
        cmocka_unit_test(deferred_materials_before_review_move_to_accepted),
        cmocka_unit_test(referred_case_is_decided_after_forwarding),
        cmocka_unit_test(deferred_referred_case_waits_for_materials),
        cmocka_unit_test(returned_at_intake_or_after_inspection),
        cmocka_unit_test(duplicate_event_id_is_reported),
        cmocka_unit_test(malformed_events_are_invalid),
        cmocka_unit_test(event_ids_sort_by_creation_time),
        cmocka_unit_test(full_case_refuses_more_events),
        cmocka_unit_test(projection_is_order_independent),
        cmocka_unit_test(projection_reports_the_same_refusals_in_every_order),
        cmocka_unit_test(projection_reports_deferred_on_immediate),
        cmocka_unit_test(projection_checks_its_arguments),
        cmocka_unit_test(ranks_follow_the_lifecycle),
        cmocka_unit_test(names_round_trip_and_labels_exist),
    };
    return cmocka_run_group_tests_name("case", tests, NULL, NULL);
}
