/* test_attreport.c - the attendance reports (data/attreport.h) on a month
 * recorded through the event path (events_append -> data/project.c), every
 * figure compared with a hand computation from seed 003 第五章's point table
 * and its (十五) doubling, the leaders' on-site days (seed 001 篇一) and the
 * windows' quarterly score and stars (seed 000 §三(二)).
 *
 * Everything is recorded through data/duty.h, as the screens record it.
 *
 * The month: November 2026, winter hours 08:30-12:00 and 14:00-17:30, grace
 * 5 minutes, today = Monday 23rd.  Working days judged: 2-6, 9-13, 16-20, 23
 * = 16 (the store's first punch is on the 2nd, so October is not judged).
 * A "normal" day is 08:25 in, 12:00 out, 13:55 in, 17:30 out.
 *
 * wangfang (王芳, clerk at W01 and W02):
 *   2nd  normal                                        on time
 *   3rd  in 08:40: late 10 min      (十) late-early #1  0.5
 *   4th  out 17:00: early 30 min    (十) late-early #2  0.5
 *   5th  no morning punch: 旷工 half day (十一) #1      1.0
 *   6th  in 08:50: late 20 min      (十) #3 -> doubled  1.0   (十五)
 *   9th  approved leave 08:30-17:30: both halves covered, no punch   0
 *   10th morning normal; leave for the afternoon asked for but never
 *        approved (a refused one is left out: never taken), stayed away:
 *        旷工 half day (十一) #2 1.0 + leave without procedure (九) #1 0.5
 *   11th normal; at W01 away 09:01-09:46 (45 min) handed to lihua:
 *        away >= 30 (十七) #1 0.5
 *   12th normal; at W01 left unattended 15:00-15:20 (20 min, no away
 *        class): no handoff (十四) #1 0.5
 *   13th morning sign-in clock-suspect: review, no deduction
 *   16th normal
 *   17th out 11:30: early 30 min    (十) #4 -> doubled  1.0
 *   18th normal
 *   19th rostered at W02; in 08:37: late 7 min (十) #5 -> doubled 1.0
 *   20th a sign-in at 08:45 voided by the supervisor and 08:25 added: on time
 *   23rd normal
 *   => present 15 (all but the 9th), late 3 (37 min), early 2, absent 2
 *      half days, leave 2 half days, away_30 1, away_60 0, unattended 1,
 *      review 1; deductions 0.5+0.5+1+1+1+0.5+0.5+0.5+1+1 = 7.5;
 *      late 0.5+1+1 = 2.5 (2 doubled), early 0.5+1 = 1.5 (1 doubled),
 *      absent 2.0, away_30 0.5, handoff 0.5, leave procedure 0.5;
 *      on-time days 2, 11, 12, 16, 18, 20, 23 = 7 of 15 present -> 47 %.
 * lihua (李华, clerk at W01): normal every day -> 16 present, 0, 100 %.
 * zhaolei (赵磊, clerk at W02): normal every day; on the 18th at W02 away
 *   15:01-16:15 (74 min) handed to zhuren: away > 60 (十七) 1.0.
 * liuju (刘局, a leader): on-site days planned on the 5th (in 09:00, out
 *   11:40: 160 minutes, present) and the 12th (in 10:00, never out: one
 *   unmatched punch, not present) -> planned 2, present 1, 160 min, 1
 *   unmatched, required 1.
 *
 * Quarter 2026 Q4 (days counted for the window of the day's duty row, else
 * the roster, else the clerk's first window): W01 = wangfang's 7.5 less the
 * 19th's 1.0 (at W02) = 6.5 -> 93.5, four stars, left unattended once;
 * W02 = wangfang's 1.0 + zhaolei's 1.0 = 2.0 -> 98.0, five stars. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/attreport.h"
#include "data/calendar_file.h"
#include "data/desk.h"
#include "data/duty.h"
#include "data/events.h"
#include "data/roster.h"
#include "data/staff.h"
#include "tests/unit/store_fixture.h"

#define T(h, m) ((h) * 60 + (m))

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];
static store *s;
static calendar cal;
static sched_config hours;
static ar_scope scope;
static staff_id zhuren, wangfang, lihua, zhaolei, liuju;

/* ---- recording, through data/duty.h as the screens do ----------------------------------------- */

static void ok_(int line, int rc)
{
    if (rc != 0)
        fail_msg("line %d: refused: %s", line, err);
}
#define OK(call) ok_(__LINE__, (call))

/* Who acts where on November d at minute. */
static duty_ctx at(staff_id who, const char *window, int d, int minute)
{
    return (duty_ctx){{who, window, {2026, 11, d}, &cal}, minute, events_now_ms(), &hours, 0};
}

static gdate nov(int d)
{
    return (gdate){2026, 11, d};
}

static void punch_(int line, staff_id who, int d, int minute, att_punch_kind kind, bool suspect)
{
    duty_ctx c = at(who, "W01", d, minute);
    bool flagged = false;
    if (suspect)
        c.now_ms = 0; /* a terminal clock earlier than the last event recorded */
    ok_(line, duty_punch_now(s, &c, kind, &flagged, err, sizeof err));
    if (flagged != suspect)
        fail_msg("line %d: clock_suspect %d, expected %d", line, flagged, suspect);
}
#define PUNCH(who, d, minute, kind) punch_(__LINE__, who, d, minute, kind, false)

/* Sign in and out of both sessions at the given minutes (-1: no punch). */
static void day_punches(staff_id who, int d, int in1, int out1, int in2, int out2)
{
    const int m[] = {in1, out1, in2, out2};
    for (int i = 0; i < 4; i++)
        if (m[i] >= 0)
            PUNCH(who, d, m[i], i % 2 ? ATT_SIGN_OUT : ATT_SIGN_IN);
}

static void normal_day(staff_id who, int d)
{
    day_punches(who, d, T(8, 25), T(12, 0), T(13, 55), T(17, 30));
}

/* A leave of `who` on day d from..to, approved by zhuren, or left undecided (approve false). */
static void leave(staff_id who, int d, int from, int to, bool approve)
{
    char id[UUID7_LEN + 1];
    duty_ctx c = at(who, "W01", d, T(8, 0)), sup = at(zhuren, "W02", d, T(8, 10));
    OK(duty_leave_request(s, &c, LEAVE_PERSONAL, nov(d), from, nov(d), to, "家中有事", id, err, sizeof err));
    if (approve)
        OK(duty_leave_decide(s, &sup, id, true, "阅", err, sizeof err));
}

/* The supervisor voids wangfang's sign-in at `wrong` on day d and adds one at `right`. */
static void correct(int d, int wrong, int right)
{
    duty_punch p[8];
    int n = 0;
    int64_t seq = 0;
    duty_ctx sup = at(zhuren, "W02", d, T(18, 0));
    OK(duty_punches(s, wangfang, nov(d), p, 8, &n, err, sizeof err));
    for (int i = 0; i < n; i++)
        if (p[i].minute == wrong && p[i].kind == ATT_SIGN_IN)
            seq = p[i].seq;
    assert_true(seq > 0);
    OK(duty_correct_void(s, &sup, seq, "误打卡", err, sizeof err));
    OK(duty_correct_add(s, &sup, wangfang, nov(d), right, ATT_SIGN_IN, "补签：监控核实 08:25 到岗", err, sizeof err));
}

/* ---- the month ------------------------------------------------------------------------------ */

static void record_wangfang(int d)
{
    switch (d) {
    case 3: day_punches(wangfang, d, T(8, 40), T(12, 0), T(13, 55), T(17, 30)); break;
    case 4: day_punches(wangfang, d, T(8, 25), T(12, 0), T(13, 55), T(17, 0)); break;
    case 5: day_punches(wangfang, d, -1, -1, T(13, 55), T(17, 30)); break;
    case 6: day_punches(wangfang, d, T(8, 50), T(12, 0), T(13, 55), T(17, 30)); break;
    case 9: leave(wangfang, d, T(8, 30), T(17, 30), true); break;
    case 10:
        day_punches(wangfang, d, T(8, 25), T(12, 0), -1, -1);
        leave(wangfang, d, T(14, 0), T(17, 30), false);
        break;
    case 13:
        punch_(__LINE__, wangfang, d, T(8, 25), ATT_SIGN_IN, true);
        day_punches(wangfang, d, -1, T(12, 0), T(13, 55), T(17, 30));
        break;
    case 17: day_punches(wangfang, d, T(8, 25), T(11, 30), T(13, 55), T(17, 30)); break;
    case 19: day_punches(wangfang, d, T(8, 37), T(12, 0), T(13, 55), T(17, 30)); break;
    case 20:
        day_punches(wangfang, d, T(8, 45), T(12, 0), T(13, 55), T(17, 30));
        correct(d, T(8, 45), T(8, 25));
        break;
    default: normal_day(wangfang, d); break;
    }
}

/* The duty of the day: W01 on the 11th and 12th, W02 on the 18th (days started from the roster). */
static void record_duty(int d)
{
    bool recorded = false;
    duty_ctx c;
    if (d == 11) {
        duty_leave_in away = {HO_MEETING, T(10, 0), false, "两件待补正", lihua, 0};
        OK(duty_open(s, (c = at(wangfang, "W01", d, T(8, 30)), &c), 0, err, sizeof err));
        OK(duty_leave(s, (c = at(wangfang, "W01", d, T(9, 1)), &c), &away, err, sizeof err));
        OK(duty_return(s, (c = at(wangfang, "W01", d, T(9, 46)), &c), lihua, "已交回", err, sizeof err));
    } else if (d == 12) {
        OK(duty_open(s, (c = at(wangfang, "W01", d, T(8, 30)), &c), 0, err, sizeof err));
        OK(duty_left_unattended(s, (c = at(wangfang, "W01", d, T(15, 0)), &c), &recorded, err, sizeof err));
        assert_true(recorded);
        OK(duty_open(s, (c = at(wangfang, "W01", d, T(15, 20)), &c), 0, err, sizeof err));
    } else if (d == 18) {
        duty_leave_in away = {HO_ERRAND, T(16, 0), false, NULL, zhuren, 0};
        OK(duty_open(s, (c = at(zhaolei, "W02", d, T(8, 30)), &c), 0, err, sizeof err));
        OK(duty_leave(s, (c = at(zhaolei, "W02", d, T(15, 1)), &c), &away, err, sizeof err));
        OK(duty_return(s, (c = at(zhaolei, "W02", d, T(16, 15)), &c), zhuren, NULL, err, sizeof err));
    }
}

static staff_id add_staff(const char *code, const char *name, unsigned roles, const char *w1, const char *w2,
                          const char *pin)
{
    staff_in in = {.code = code, .name = name, .roles = roles, .windows = {w1, w2}, .n_windows = !!w1 + !!w2};
    staff_rec rec;
    if (staff_add(s, &in, pin, err, sizeof err) != STAFF_OK || staff_get(s, code, &rec, err, sizeof err) != STAFF_OK)
        fail_msg("staff %s: %s", code, err);
    return rec.num;
}

static int setup(void **state)
{
    (void)state;
    char e[STORE_ERR_LEN];
    if (!(s = fx_store_new("attreport", dir, sizeof dir, path, sizeof path, &cal)))
        return -1;
    zhuren = add_staff("zhuren", "张主任", STAFF_ROLE_SUPERVISOR, "W02", NULL, "428613");
    wangfang = add_staff("wangfang", "王芳", STAFF_ROLE_CLERK, "W01", "W02", "905172");
    lihua = add_staff("lihua", "李华", STAFF_ROLE_CLERK, "W01", NULL, "613947");
    zhaolei = add_staff("zhaolei", "赵磊", STAFF_ROLE_CLERK, "W02", NULL, "270586");
    liuju = add_staff("liuju", "刘局", STAFF_ROLE_APPROVER, NULL, NULL, "391724");
    if (roster_set(s, "2026-11-11", "W01", "wangfang", "lihua", NULL, 0, e, sizeof e) != STAFF_OK ||
        roster_set(s, "2026-11-12", "W01", "wangfang", "lihua", NULL, 0, e, sizeof e) != STAFF_OK ||
        roster_set(s, "2026-11-18", "W02", "zhaolei", "zhuren", NULL, 0, e, sizeof e) != STAFF_OK ||
        roster_set(s, "2026-11-19", "W02", "wangfang", "zhuren", NULL, 0, e, sizeof e) != STAFF_OK)
        return -1;
    hours = (sched_config){.summer = {T(8, 30), T(12, 0), T(14, 30), T(18, 0)},
                           .winter = {T(8, 30), T(12, 0), T(14, 0), T(17, 30)},
                           .summer_from = {5, 1},
                           .winter_from = {10, 1},
                           .grace_minutes = 5};
    scope = (ar_scope){&cal, &hours, {2026, 11, 23}, 1};
    duty_ctx sup = at(zhuren, "W02", 2, T(8, 0));
    OK(duty_leader_plan(s, &sup, liuju, nov(5), err, sizeof err));
    OK(duty_leader_plan(s, &sup, liuju, nov(12), err, sizeof err));
    for (int d = 1; d <= 23; d++) {
        bool work = false;
        if (cal_is_workday(&cal, (gdate){2026, 11, d}, &work, NULL) != CAL_OK)
            return -1;
        if (!work)
            continue;
        record_duty(d);
        record_wangfang(d);
        normal_day(lihua, d);
        normal_day(zhaolei, d);
    }
    PUNCH(liuju, 5, T(9, 0), ATT_LEADER_IN);
    PUNCH(liuju, 5, T(11, 40), ATT_LEADER_OUT);
    PUNCH(liuju, 12, T(10, 0), ATT_LEADER_IN);
    desk_set_translator(NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(s);
    return fx_rm_dir(dir);
}

static ar_person_month person(staff_id num)
{
    ar_person_month m;
    if (ar_person(s, &scope, num, 2026, 11, &m, err, sizeof err) != 0)
        fail_msg("ar_person %d: %s", (int)num, err);
    return m;
}

/* ---- tests ------------------------------------------------------------------------------------ */

static void wangfang_month_matches_the_hand_computation(void **state)
{
    (void)state;
    ar_person_month m = person(wangfang);
    assert_string_equal(m.code, "wangfang");
    assert_string_equal(m.name, "王芳");
    assert_int_equal(m.workdays, 16);
    assert_int_equal(m.present_days, 15);
    assert_int_equal(m.late, 3);
    assert_int_equal(m.minutes_late, 37);
    assert_int_equal(m.early, 2);
    assert_int_equal(m.absent_half_days, 2);
    assert_int_equal(m.leave_half_days, 2);
    assert_int_equal(m.away_30, 1);
    assert_int_equal(m.away_60, 0);
    assert_int_equal(m.unattended, 1);
    assert_int_equal(m.review, 1);
    assert_int_equal(m.score.total, 75);
    assert_int_equal(m.score.points[VIOL_LATE], 25);
    assert_int_equal(m.score.doubled[VIOL_LATE], 2);
    assert_int_equal(m.score.points[VIOL_EARLY], 15);
    assert_int_equal(m.score.doubled[VIOL_EARLY], 1);
    assert_int_equal(m.score.points[VIOL_ABSENT_HALF_DAY], 20);
    assert_int_equal(m.score.doubled[VIOL_ABSENT_HALF_DAY], 0);
    assert_int_equal(m.score.points[VIOL_AWAY_30], 5);
    assert_int_equal(m.score.points[VIOL_HANDOFF_MISSING], 5);
    assert_int_equal(m.score.count[VIOL_LEAVE_NO_PROCEDURE], 1);
    assert_int_equal(m.score.points[VIOL_LEAVE_NO_PROCEDURE], 5);
    assert_int_equal(m.punctual_pct, 47);
}

static void wangfang_days_for_the_bar_chart(void **state)
{
    (void)state;
    ar_person_month m = person(wangfang);
    enum { O = AR_DAY_OFF, F = AR_DAY_FUTURE, K = AR_DAY_ON_TIME, L = AR_DAY_LATE_EARLY, A = AR_DAY_ABSENT,
           V = AR_DAY_LEAVE, R = AR_DAY_REVIEW };
    static const int want[30] = {O, K, L, L, A, L, O, O, V, A, K, K, R, O, O,
                                 K, L, K, L, K, O, O, K, F, F, F, F, O, O, F};
    for (int d = 0; d < 30; d++)
        if ((int)m.day[d] != want[d])
            fail_msg("November %d: kind %d, expected %d", d + 1, (int)m.day[d], want[d]);
    assert_int_equal(m.day[30], AR_DAY_OFF); /* no 31st */
}

static void a_voided_punch_is_ignored_and_the_correction_counts(void **state)
{
    (void)state;
    ar_person_month m = person(wangfang);
    assert_int_equal(m.day[19], AR_DAY_ON_TIME); /* the 20th: 08:45 voided, 08:25 added */
}

static void perfect_clerks_and_an_away_over_an_hour(void **state)
{
    (void)state;
    ar_person_month l = person(lihua), z = person(zhaolei);
    assert_int_equal(l.present_days, 16);
    assert_int_equal(l.score.total, 0);
    assert_int_equal(l.punctual_pct, 100);
    assert_int_equal(l.away_30 + l.away_60 + l.unattended, 0); /* covering for wangfang is not being away */
    assert_int_equal(z.present_days, 16);
    assert_int_equal(z.away_60, 1);
    assert_int_equal(z.away_30, 0);
    assert_int_equal(z.unattended, 0);
    assert_int_equal(z.score.total, 10);
    assert_int_equal(z.punctual_pct, 100);
}

typedef struct {
    char codes[8][STAFF_CODE_BUF];
    int totals[8];
    int n, stop_after;
} walk;

static int collect(const ar_person_month *m, void *ctx)
{
    walk *w = ctx;
    snprintf(w->codes[w->n], STAFF_CODE_BUF, "%s", m->code);
    w->totals[w->n++] = m->score.total;
    return w->stop_after && w->n == w->stop_after;
}

static void the_month_lists_active_clerks_by_code(void **state)
{
    (void)state;
    walk w = {0};
    assert_int_equal(ar_month(s, &scope, 2026, 11, collect, &w, err, sizeof err), 0);
    assert_int_equal(w.n, 3); /* the supervisor and the leader are not clerks */
    assert_string_equal(w.codes[0], "lihua");
    assert_string_equal(w.codes[1], "wangfang");
    assert_string_equal(w.codes[2], "zhaolei");
    assert_int_equal(w.totals[1], 75);
    walk one = {.stop_after = 1};
    assert_int_equal(ar_month(s, &scope, 2026, 11, collect, &one, err, sizeof err), 0);
    assert_int_equal(one.n, 1);
}

static void days_before_the_first_punch_are_not_judged(void **state)
{
    (void)state;
    ar_person_month m;
    assert_int_equal(ar_person(s, &scope, wangfang, 2026, 10, &m, err, sizeof err), 0);
    assert_int_equal(m.workdays, 0);
    assert_int_equal(m.score.total, 0);
    assert_int_equal(m.punctual_pct, -1);
    assert_int_equal(m.day[0], AR_DAY_OFF);        /* 国庆节 */
    assert_int_equal(m.day[8], AR_DAY_NO_RECORD);  /* Friday 9 October: a working day, before the 2nd of November */
}

typedef struct {
    ar_leader_month m[4];
    int n;
} leaders;

static int collect_leader(const ar_leader_month *m, void *ctx)
{
    leaders *l = ctx;
    l->m[l->n++] = *m;
    return 0;
}

static void a_leader_present_one_planned_day_of_two(void **state)
{
    (void)state;
    leaders l = {0};
    assert_int_equal(ar_leaders(s, &scope, 2026, 11, collect_leader, &l, err, sizeof err), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.m[0].code, "liuju");
    assert_int_equal(l.m[0].planned, 2);
    assert_int_equal(l.m[0].present, 1);
    assert_int_equal(l.m[0].minutes, 160);
    assert_int_equal(l.m[0].unmatched, 1);
    assert_int_equal(l.m[0].required, 1);
    leaders none = {0};
    assert_int_equal(ar_leaders(s, &scope, 2026, 10, collect_leader, &none, err, sizeof err), 0);
    assert_int_equal(none.n, 0);
}

static void the_quarter_scores_each_window(void **state)
{
    (void)state;
    ar_window_quarter w[AR_WINDOWS_MAX];
    int n = 0;
    assert_int_equal(ar_quarter(s, &scope, 2026, 4, w, AR_WINDOWS_MAX, &n, err, sizeof err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(w[0].window, "W01");
    assert_string_equal(w[0].name, "综合受理窗口");
    assert_int_equal(w[0].deductions, 65);
    assert_int_equal(w[0].additions, 0);
    assert_int_equal(w[0].score, 935);
    assert_int_equal(w[0].stars, 4);
    assert_int_equal(w[0].unattended, 1);
    assert_string_equal(w[1].window, "W02");
    assert_int_equal(w[1].deductions, 20);
    assert_int_equal(w[1].score, 980);
    assert_int_equal(w[1].stars, 5);
    assert_int_equal(w[1].unattended, 0);
    assert_int_equal(ar_quarter(s, &scope, 2026, 4, w, 1, &n, err, sizeof err), -1);
    assert_non_null(strstr(err, "more than 1 windows"));
}

static void bad_requests_are_refused_with_a_reason(void **state)
{
    (void)state;
    ar_person_month m;
    walk w = {0};
    ar_window_quarter q[2];
    int n = 0;
    assert_int_equal(ar_month(s, &scope, 2026, 13, collect, &w, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a month"));
    assert_int_equal(ar_month(s, &scope, 2099, 1, collect, &w, err, sizeof err), -1);
    assert_non_null(strstr(err, "2099"));
    assert_null(strchr(err, '\n'));
    assert_int_equal(ar_person(s, &scope, 9999, 2026, 11, &m, err, sizeof err), -1);
    assert_true(err[0] != '\0');
    assert_int_equal(ar_quarter(s, &scope, 2026, 5, q, 2, &n, err, sizeof err), -1);
    assert_non_null(strstr(err, "quarter"));
    sched_config broken = hours;
    broken.grace_minutes = 99;
    ar_scope bad = scope;
    bad.hours = &broken;
    assert_int_equal(ar_month(s, &bad, 2026, 11, collect, &w, err, sizeof err), -1);
    assert_non_null(strstr(err, "grace"));
    assert_int_equal(w.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wangfang_month_matches_the_hand_computation),
        cmocka_unit_test(wangfang_days_for_the_bar_chart),
        cmocka_unit_test(a_voided_punch_is_ignored_and_the_correction_counts),
        cmocka_unit_test(perfect_clerks_and_an_away_over_an_hour),
        cmocka_unit_test(the_month_lists_active_clerks_by_code),
        cmocka_unit_test(days_before_the_first_punch_are_not_judged),
        cmocka_unit_test(a_leader_present_one_planned_day_of_two),
        cmocka_unit_test(the_quarter_scores_each_window),
        cmocka_unit_test(bad_requests_are_refused_with_a_reason),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
