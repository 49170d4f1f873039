/* test_duty.c - AB岗 duty, attendance and leave (data/duty.h) on a temporary
 * store with the holiday calendar, six people (A and B on today's roster of
 * W01, an off-roster clerk, two supervisors, a leader) and the default
 * [hours]: starting the day from the roster (and without one), leaving the
 * post with the coverer's confirmation, the refusals core gives (own
 * confirmation, off-roster cover without a supervisor, both posts away,
 * closing in hours) that record nothing, a long absence handing the open
 * cases over (in several transactions when there are many), taking the
 * post back, leaving it unattended, the day's spells and the handoff sheet;
 * punches (clock suspect, sign-out without sign-in, two sign-ins),
 * supervisors' corrections, 请假 / 审批 / 销假, leaders' on-site days, a
 * rebuild giving the same tables, and [hours] / [attendance] in config.ini. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/calendar_file.h"
#include "data/cases.h"
#include "data/caseview.h"
#include "data/config.h"
#include "data/duty.h"
#include "data/events.h"
#include "data/project.h"
#include "data/roster.h"
#include "data/store_db.h"
#include "tests/unit/store_fixture.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))

static char dir[64];
static char path[128];
static char err[DESK_ERR_LEN];
static store *s;
static calendar cal;
static gconfig cfg;

static const gdate TODAY = {2026, 11, 23}; /* a Monday: winter hours 08:30-12:00, 14:00-17:30 */
static staff_id A, B, C, S, T, L;          /* A and B on the roster; C off it; S and T supervisors; L a leader */

static int setup(void **state)
{
    (void)state;
    char e[STORE_ERR_LEN];
    if (!(s = fx_store_new("duty", dir, sizeof dir, path, sizeof path, &cal)))
        return -1;
    A = fx_add_staff(s, "wangfang", "王芳", STAFF_ROLE_CLERK);
    B = fx_add_staff(s, "lisi", "李四", STAFF_ROLE_CLERK);
    C = fx_add_staff(s, "zhaomin", "赵敏", STAFF_ROLE_CLERK);
    S = fx_add_staff(s, "chenjing", "陈静", STAFF_ROLE_CLERK | STAFF_ROLE_SUPERVISOR);
    T = fx_add_staff(s, "zhouli", "周丽", STAFF_ROLE_SUPERVISOR);
    L = fx_add_staff(s, "liuzhen", "刘振", STAFF_ROLE_APPROVER);
    if (!A || !B || !C || !S || !T || !L ||
        roster_set(s, "2026-11-23", "W01", "wangfang", "lisi", NULL, 0, e, sizeof e) != STAFF_OK)
        return -1;
    config_defaults(&cfg);
    desk_set_translator(NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    desk_set_translator(NULL);
    store_close(s);
    return fx_rm_dir(dir);
}

/* ---- helpers ------------------------------------------------------------------------------ */

/* The context of staff at W01 today at minute (HH * 60 + MM). */
static duty_ctx at(staff_id who, int minute)
{
    duty_ctx c;
    memset(&c, 0, sizeof c);
    c.who = (desk_who){who, "W01", TODAY, &cal};
    c.minute = minute;
    c.now_ms = events_now_ms();
    c.hours = &cfg.hours;
    return c;
}

#define OK(call) fx_ok(__LINE__, (call), err)

#define REFUSED(call, part) FX_REFUSED(s, err, call, part)

static duty_view view(void)
{
    duty_view v;
    OK(duty_view_get(s, "W01", TODAY, &v, err, sizeof err));
    return v;
}

/* A opens W01 at 08:30 (the day is started first). */
static void a_opens(void)
{
    duty_ctx c = at(A, 510);
    OK(duty_open(s, &c, 0, err, sizeof err));
}

/* A leaves at minute for a meeting, B covers. */
static void a_leaves(int minute, bool long_absence)
{
    duty_ctx c = at(A, minute);
    duty_leave_in in = {HO_MEETING, minute + 60, long_absence, "王先生 10:30 来取证", B, 0};
    OK(duty_leave(s, &c, &in, err, sizeof err));
}

/* A case received by clerk at window, then the given step (NULL: left at received), as raw events. */
static void a_case(char id[CASENUM_LEN], staff_id clerk, const char *window, const char *step, const char *due)
{
    assert_int_equal(cases_new_number(s, TODAY, id), 0);
    ev_field rf[] = {ev_str("date", "2026-11-20"), ev_str("item", "MZ-03"), ev_str("class", "promised"),
                     ev_str("applicant_name", "张三"), ev_str("window", window)};
    event_in in = {"case.received", id, clerk, rf, NF(rf)};
    if (events_append(s, &in, NULL) != 0)
        fail_msg("%s", store_errmsg(s));
    if (!step)
        return;
    ev_field sf[] = {ev_str("date", "2026-11-20"), ev_str("due", due ? due : "2026-12-18")};
    event_in sin = {step, id, clerk, sf, due ? 2 : 1};
    if (events_append(s, &sin, NULL) != 0)
        fail_msg("%s", store_errmsg(s));
}

/* ---- the day and the handoffs ------------------------------------------------------------------- */

static void the_day_starts_from_the_roster_once(void **state)
{
    (void)state;
    duty_ctx c = at(A, 500);
    c.who.window = "W02";
    REFUSED(duty_start_day(s, &c, err, sizeof err),
            "no A/B roster for window W02 on 2026-11-23: a supervisor sets it");
    duty_view v;
    OK(duty_view_get(s, "W01", TODAY, &v, err, sizeof err));
    assert_false(v.started);
    assert_true(v.rostered);
    assert_int_equal(v.a.num, A);
    assert_string_equal(v.b.name, "李四");
    c = at(A, 500);
    OK(duty_start_day(s, &c, err, sizeof err));
    assert_int_equal(fx_events(s), 1);
    OK(duty_start_day(s, &c, err, sizeof err)); /* already started: nothing more */
    assert_int_equal(fx_events(s), 1);
    v = view();
    assert_true(v.started);
    assert_int_equal(v.state, HO_CLOSED);
    assert_false(v.sched.summer);
    assert_int_equal(v.sched.session[SCHED_MORNING].start, 8 * 60 + 30);
    assert_int_equal(v.sched.session[SCHED_AFTERNOON].end, 17 * 60 + 30);
    /* fx_value returns one static buffer: keep the first answer before asking the second */
    char day_row[1024];
    snprintf(day_row, sizeof day_row, "%s",
             fx_value(s, "SELECT a || ' ' || b || ' ' || grace FROM duty_days WHERE day = '2026-11-23'", NULL));
    assert_string_equal(day_row, fx_value(s, "SELECT a || ' ' || b || ' 5' FROM duty WHERE window_id = 'W01'", NULL));
    assert_true(day_row[0] != '\0');
}

static void leaving_needs_the_coverers_confirmation(void **state)
{
    (void)state;
    a_opens();
    a_leaves(600, false);
    duty_view v = view();
    assert_int_equal(v.state, HO_STAFFED);
    assert_int_equal(v.on_duty.num, B);
    assert_string_equal(v.on_duty.name, "李四");
    assert_true(v.a_away);
    assert_false(v.b_away);
    assert_int_equal(v.a_reason, HO_MEETING);
    assert_int_equal(v.a_since, 600);
    assert_int_equal(v.a_expected, 660);
    assert_string_equal(
        fx_value(s, "SELECT group_concat(kind, ',') FROM (SELECT kind FROM handoffs ORDER BY event_seq)", NULL),
        "open,request,confirm");
    /* the request is signed by the leaver, the confirmation by the coverer, in one transaction */
    char want[32];
    snprintf(want, sizeof want, "%d,%d", A, B);
    assert_string_equal(fx_value(s, "SELECT group_concat(staff_id, ',') FROM (SELECT staff_id FROM events "
                                    "WHERE json_extract(payload, '$.kind') IN ('request', 'confirm') ORDER BY seq)",
                                    NULL),
                        want);
    assert_string_equal(fx_value(s, "SELECT json_extract(payload, '$.note') FROM events "
                                    "WHERE json_extract(payload, '$.kind') = 'request'", NULL),
                        "王先生 10:30 来取证");
}

static void own_confirmation_off_roster_and_both_away_are_refused(void **state)
{
    (void)state;
    a_opens();
    duty_ctx c = at(A, 600);
    duty_leave_in self = {HO_TOILET, -1, false, NULL, A, 0};
    REFUSED(duty_leave(s, &c, &self, err, sizeof err), handoff_reason(HO_E_SELF_CONFIRM));
    duty_leave_in off = {HO_MEAL, -1, false, NULL, C, 0};
    REFUSED(duty_leave(s, &c, &off, err, sizeof err), handoff_reason(HO_E_OFF_ROSTER));
    off.supervisor = B; /* not a supervisor */
    REFUSED(duty_leave(s, &c, &off, err, sizeof err), "only a supervisor may");
    off.supervisor = S;
    OK(duty_leave(s, &c, &off, err, sizeof err));
    duty_view v = view();
    assert_int_equal(v.on_duty.num, C);
    assert_int_equal(v.cover_supervisor.num, S);
    /* C hands back to A, B leaves ... */
    c = at(A, 640);
    OK(duty_return(s, &c, C, "没有新件", err, sizeof err));
    c = at(B, 650);
    OK(duty_open(s, &c, 0, err, sizeof err) == -1 ? 0 : -1); /* A is on duty: B cannot open */
    assert_string_equal(err, handoff_reason(HO_E_STAFFED));
    c = at(A, 660);
    duty_leave_in to_b = {HO_ERRAND, 700, false, NULL, B, 0};
    OK(duty_leave(s, &c, &to_b, err, sizeof err));
    /* ... and while A is away B cannot leave too, even to a supervised off-roster clerk */
    c = at(B, 670);
    duty_leave_in both = {HO_MEETING, -1, false, NULL, C, S};
    REFUSED(duty_leave(s, &c, &both, err, sizeof err), handoff_reason(HO_E_BOTH_AWAY));
}

static void a_long_absence_hands_the_open_cases_over(void **state)
{
    (void)state;
    char open1[CASENUM_LEN], open2[CASENUM_LEN], other_window[CASENUM_LEN], closed[CASENUM_LEN], bs[CASENUM_LEN];
    a_case(open1, A, "W01", "case.accepted", NULL);
    a_case(open2, A, "W01", NULL, NULL);
    a_case(other_window, A, "W02", "case.accepted", NULL);
    a_case(closed, A, "W01", "case.withdrawn", NULL);
    a_case(bs, B, "W01", "case.accepted", NULL);
    a_opens();
    duty_ctx c = at(A, 600);
    duty_sheet sh;
    OK(duty_sheet_get(s, &c, &sh, err, sizeof err));
    assert_int_equal(sh.mine, 2);
    int64_t before = fx_events(s);
    a_leaves(600, true);
    assert_int_equal(fx_events(s), before + 2 + 2);
    char want[16];
    snprintf(want, sizeof want, "%d", B);
    assert_string_equal(fx_value(s, "SELECT clerk FROM cases WHERE case_id = ?1", open1), want);
    assert_string_equal(fx_value(s, "SELECT clerk FROM cases WHERE case_id = ?1", open2), want);
    snprintf(want, sizeof want, "%d", A);
    assert_string_equal(fx_value(s, "SELECT clerk FROM cases WHERE case_id = ?1", other_window), want);
    assert_string_equal(fx_value(s, "SELECT clerk FROM cases WHERE case_id = ?1", closed), want);
    cv_event h[8];
    int n = 0;
    assert_int_equal(cv_history(s, open1, NULL, h, 8, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(h[2].type, "case.reassigned");
    assert_string_equal(h[2].detail, "Reassigned to 李四 at a handoff (long absence)");
    /* B takes a case of its own that is already B's: untouched; B's sheet now counts A's two too */
    c = at(B, 610);
    OK(duty_sheet_get(s, &c, &sh, err, sizeof err));
    assert_int_equal(sh.mine, 3);
}

static void more_open_cases_than_one_batch_go_over_in_several_transactions(void **state)
{
    (void)state;
    enum { N = EVENT_BATCH_MAX + 5 };
    char id[CASENUM_LEN];
    for (int i = 0; i < N; i++)
        a_case(id, A, "W01", NULL, NULL);
    a_opens();
    int64_t before = fx_events(s);
    a_leaves(600, true);
    assert_int_equal(fx_events(s), before + 2 + N);
    char q[96];
    snprintf(q, sizeof q, "SELECT count(*) FROM cases WHERE clerk = %d AND ended IS NULL", B);
    assert_int_equal(fx_num(s, q, NULL), N);
    assert_int_equal(fx_num(s, "SELECT count(*) FROM events WHERE type = 'case.reassigned'", NULL), N);
}

static void the_clerk_takes_the_post_back(void **state)
{
    (void)state;
    a_opens();
    a_leaves(600, false);
    duty_ctx c = at(A, 650);
    REFUSED(duty_return(s, &c, C, NULL, err, sizeof err), handoff_reason(HO_E_CONFIRMER_NOT_ON_DUTY));
    OK(duty_return(s, &c, B, "李女士的材料已收，放在待办", err, sizeof err));
    duty_view v = view();
    assert_int_equal(v.on_duty.num, A);
    assert_false(v.a_away);
    assert_int_equal(v.last_minute, 650);
    REFUSED(duty_return(s, &c, B, NULL, err, sizeof err), handoff_reason(HO_E_NOT_AWAY));
}

static void leaving_unattended_is_recorded_and_reported(void **state)
{
    (void)state;
    a_opens();
    bool rec = true;
    duty_ctx c = at(B, 560); /* B is not on duty: nothing */
    OK(duty_left_unattended(s, &c, &rec, err, sizeof err));
    assert_false(rec);
    int64_t before = fx_events(s);
    c = at(A, 570);
    OK(duty_left_unattended(s, &c, &rec, err, sizeof err));
    assert_true(rec);
    assert_int_equal(fx_events(s), before + 1);
    duty_view v = view();
    assert_int_equal(v.state, HO_UNATTENDED);
    assert_int_equal(v.unattended_since, 570);
    assert_int_equal(v.left_unattended_by.num, A);
    assert_int_equal(v.on_duty.num, 0);
    /* again: A is no longer on duty */
    OK(duty_left_unattended(s, &c, &rec, err, sizeof err));
    assert_false(rec);
    /* B opens the unattended window */
    c = at(B, 590);
    OK(duty_open(s, &c, 0, err, sizeof err));
    duty_spell sp[DUTY_SPELLS_MAX];
    int n = 0;
    OK(duty_spells(s, "W01", TODAY, sp, DUTY_SPELLS_MAX, &n, err, sizeof err));
    assert_int_equal(n, 3);
    assert_true(sp[0].start == 510 && sp[0].end == 570 && sp[0].who == A && !sp[0].unattended);
    assert_true(sp[1].start == 570 && sp[1].end == 590 && sp[1].who == 0 && sp[1].unattended);
    assert_true(sp[2].start == 590 && sp[2].end == -1 && sp[2].who == B);
}

static void closing_is_refused_in_working_hours(void **state)
{
    (void)state;
    a_opens();
    duty_ctx c = at(A, 600);
    REFUSED(duty_close(s, &c, err, sizeof err), handoff_reason(HO_E_DURING_HOURS));
    c = at(B, 1060);
    REFUSED(duty_close(s, &c, err, sizeof err), handoff_reason(HO_E_NOT_ON_DUTY));
    c = at(A, 1060);
    OK(duty_close(s, &c, err, sizeof err));
    assert_int_equal(view().state, HO_CLOSED);
    duty_spell sp[4];
    int n = 0;
    OK(duty_spells(s, "W01", TODAY, sp, 4, &n, err, sizeof err));
    assert_int_equal(n, 1);
    assert_true(sp[0].start == 510 && sp[0].end == 1060 && sp[0].who == A);
}

static void the_handoff_sheet_lists_what_is_open_at_the_window(void **state)
{
    (void)state;
    char sup[CASENUM_LEN], today[CASENUM_LEN], late[CASENUM_LEN], later[CASENUM_LEN], w2[CASENUM_LEN];
    a_case(sup, A, "W01", "case.supplement_requested", NULL);
    a_case(today, A, "W01", "case.accepted", "2026-11-23");
    a_case(late, B, "W01", "case.accepted", "2026-11-20");
    a_case(later, B, "W01", "case.accepted", "2026-12-18");
    a_case(w2, A, "W02", "case.accepted", "2026-11-20");
    duty_ctx c = at(A, 600);
    duty_sheet sh;
    OK(duty_sheet_get(s, &c, &sh, err, sizeof err));
    assert_int_equal(sh.total_supplement, 1);
    assert_string_equal(sh.supplement[0].case_id, sup);
    assert_int_equal(sh.total_due, 2);
    assert_int_equal(sh.n_due, 2);
    assert_string_equal(sh.due[0].case_id, late); /* overdue first, then due today */
    assert_string_equal(sh.due[1].case_id, today);
    assert_int_equal(sh.total_undelivered, 3);
    assert_int_equal(sh.n_undelivered, 3);
    assert_int_equal(sh.mine, 2);
}

/* ---- punches and corrections ----------------------------------------------------------------------- */

static void punches_are_checked_and_a_wrong_clock_is_flagged(void **state)
{
    (void)state;
    bool sus = true;
    duty_ctx c = at(A, 505);
    REFUSED(duty_punch_now(s, &c, ATT_SIGN_OUT, &sus, err, sizeof err), "you have not signed in today");
    OK(duty_punch_now(s, &c, ATT_SIGN_IN, &sus, err, sizeof err));
    assert_false(sus);
    c.minute = 520;
    REFUSED(duty_punch_now(s, &c, ATT_SIGN_IN, &sus, err, sizeof err),
            "you signed in at 08:25 and have not signed out since");
    /* a clock earlier than the last event recorded here */
    c.now_ms = 1000;
    c.minute = 1055;
    OK(duty_punch_now(s, &c, ATT_SIGN_OUT, &sus, err, sizeof err));
    assert_true(sus);
    c = at(A, 1060);
    OK(duty_punch_now(s, &c, ATT_SIGN_IN, &sus, err, sizeof err)); /* signed out since: in again */
    assert_false(sus);
    /* the sync agent measured the centre's clock 10 minutes ahead: over the 5 allowed */
    assert_int_equal(sqlite3_exec(store_db(s), "INSERT OR REPLACE INTO meta(key, value) "
                                               "VALUES ('sync_clock_offset_ms', '600000')", NULL, NULL, NULL),
                     SQLITE_OK);
    c = at(A, 1070);
    OK(duty_punch_now(s, &c, ATT_SIGN_OUT, &sus, err, sizeof err));
    assert_true(sus);
    c = at(B, 1070);
    c.clock_skew_minutes = 15;
    OK(duty_punch_now(s, &c, ATT_SIGN_IN, &sus, err, sizeof err));
    assert_false(sus);
    /* once the offset is known a punch carries the centre's time (terminal time + offset); not before */
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(s),
                                        "SELECT json_extract(payload, '$.centre_at') FROM events "
                                        "WHERE type = 'attendance.punched' ORDER BY seq",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_type(q, 0), SQLITE_NULL);
    int64_t last_centre_at = -1;
    while (sqlite3_step(q) == SQLITE_ROW)
        last_centre_at = sqlite3_column_type(q, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    assert_true(last_centre_at == c.now_ms + 600000);
    duty_punch p[8];
    int n = 0;
    OK(duty_punches(s, A, TODAY, p, 8, &n, err, sizeof err));
    assert_int_equal(n, 4);
    assert_true(p[0].kind == ATT_SIGN_IN && p[0].minute == 505 && !p[0].clock_suspect);
    assert_true(p[1].kind == ATT_SIGN_OUT && p[1].clock_suspect);
    assert_string_equal(p[0].window, "W01");
}

static void supervisors_correct_punches_and_nobody_else(void **state)
{
    (void)state;
    bool sus;
    duty_ctx c = at(A, 540);
    OK(duty_punch_now(s, &c, ATT_SIGN_IN, &sus, err, sizeof err));
    duty_punch p[8];
    int n = 0;
    OK(duty_punches(s, A, TODAY, p, 8, &n, err, sizeof err));
    int64_t wrong = p[0].seq;
    /* B is no supervisor; S does not correct their own punches */
    c = at(B, 600);
    REFUSED(duty_correct_add(s, &c, A, TODAY, 505, ATT_SIGN_IN, "忘记签到", err, sizeof err),
            "only a supervisor may correct a punch");
    REFUSED(duty_correct_void(s, &c, wrong, "误签", err, sizeof err), "only a supervisor may correct a punch");
    c = at(S, 600);
    REFUSED(duty_correct_add(s, &c, S, TODAY, 505, ATT_SIGN_IN, "忘记签到", err, sizeof err),
            "nobody corrects their own punches");
    REFUSED(duty_correct_add(s, &c, A, TODAY, 505, ATT_SIGN_IN, "  ", err, sizeof err), "the reason is required");
    OK(duty_correct_add(s, &c, A, TODAY, 505, ATT_SIGN_IN, "8:25 已到岗，监控为证", err, sizeof err));
    OK(duty_correct_void(s, &c, wrong, "重复签到", err, sizeof err));
    REFUSED(duty_correct_void(s, &c, wrong, "重复签到", err, sizeof err), "already voided");
    REFUSED(duty_correct_void(s, &c, 9999, "x", err, sizeof err), "no punch was recorded by event 9999");
    OK(duty_punches(s, A, TODAY, p, 8, &n, err, sizeof err));
    assert_int_equal(n, 2);
    assert_true(p[0].minute == 505 && p[0].corrected_by == S && !p[0].voided);
    assert_true(p[1].seq == wrong && p[1].voided);
    assert_string_equal(fx_value(s, "SELECT note FROM attendance WHERE minute = 505", NULL), "8:25 已到岗，监控为证");
    assert_string_equal(fx_value(s, "SELECT note FROM attendance WHERE minute = 540", NULL), "重复签到");
    /* the voided sign-in no longer counts: A may sign in again */
    c = at(A, 545);
    REFUSED(duty_punch_now(s, &c, ATT_SIGN_IN, &sus, err, sizeof err), "you signed in at 08:25");
}

/* ---- leave ----------------------------------------------------------------------------------------- */

static void leave_is_requested_decided_and_ended(void **state)
{
    (void)state;
    char id1[UUID7_LEN + 1], id2[UUID7_LEN + 1], id3[UUID7_LEN + 1], own[UUID7_LEN + 1];
    duty_ctx c = at(A, 600);
    REFUSED(duty_leave_request(s, &c, LEAVE_ANNUAL, (gdate){2026, 11, 25}, 0, (gdate){2026, 11, 24}, 0, "探亲", id1,
                               err, sizeof err),
            "the leave must end after it starts");
    REFUSED(duty_leave_request(s, &c, LEAVE_ANNUAL, (gdate){2026, 11, 25}, 0, (gdate){2026, 11, 26}, 1440, "", id1,
                               err, sizeof err),
            "the reason is required");
    OK(duty_leave_request(s, &c, LEAVE_ANNUAL, (gdate){2026, 11, 25}, 0, (gdate){2026, 11, 26}, 1440, "探亲", id1,
                          err, sizeof err));
    assert_int_equal(strlen(id1), UUID7_LEN);
    REFUSED(duty_leave_request(s, &c, LEAVE_SICK, (gdate){2026, 11, 26}, 540, (gdate){2026, 11, 26}, 600, "看病",
                               id2, err, sizeof err),
            "this overlaps your leave from 2026-11-25 to 2026-11-26");
    /* the requester and a non-supervisor cannot decide; a supervisor approves */
    REFUSED(duty_leave_decide(s, &c, id1, true, NULL, err, sizeof err), "nobody decides their own leave");
    c = at(B, 610);
    REFUSED(duty_leave_decide(s, &c, id1, true, NULL, err, sizeof err), "only a supervisor may decide leave");
    c = at(S, 620);
    OK(duty_leave_decide(s, &c, id1, true, "同意", err, sizeof err));
    REFUSED(duty_leave_decide(s, &c, id1, false, NULL, err, sizeof err), "already decided (leave approved)");
    /* a supervisor's own leave goes to another supervisor */
    OK(duty_leave_request(s, &c, LEAVE_PERSONAL, (gdate){2026, 11, 27}, 840, (gdate){2026, 11, 27}, 1050, "家事",
                          own, err, sizeof err));
    REFUSED(duty_leave_decide(s, &c, own, true, NULL, err, sizeof err), "nobody decides their own leave");
    c = at(T, 630);
    OK(duty_leave_decide(s, &c, own, false, "月底窗口人手紧", err, sizeof err));
    /* a leave from today 09:00 to tomorrow 17:30, approved, ended early at 15:00 (销假) */
    c = at(B, 640);
    OK(duty_leave_request(s, &c, LEAVE_SICK, TODAY, 540, (gdate){2026, 11, 24}, 1050, "发烧", id2, err, sizeof err));
    c = at(T, 650);
    OK(duty_leave_decide(s, &c, id2, true, NULL, err, sizeof err));
    c = at(B, 900);
    OK(duty_leave_end(s, &c, id2, err, sizeof err));
    REFUSED(duty_leave_end(s, &c, id2, err, sizeof err), "already ended");
    /* a request not yet decided is cancelled by 销假 */
    OK(duty_leave_request(s, &c, LEAVE_OFFICIAL, (gdate){2026, 11, 30}, 510, (gdate){2026, 11, 30}, 720, "县里开会",
                          id3, err, sizeof err));
    OK(duty_leave_end(s, &c, id3, err, sizeof err));
    REFUSED(duty_leave_end(s, &c, id3, err, sizeof err), "is closed (leave withdrawn)");
    leave_rec r[DUTY_LEAVES_MAX];
    int n = 0;
    OK(duty_leaves(s, 0, TODAY, (gdate){2026, 11, 30}, false, r, DUTY_LEAVES_MAX, &n, err, sizeof err));
    assert_int_equal(n, 4);
    assert_string_equal(r[0].id, id2);
    assert_int_equal(r[0].state, LEAVE_APPROVED);
    assert_true(r[0].ended_early);
    assert_string_equal(r[0].end_day, "2026-11-23");
    assert_int_equal(r[0].end_minute, 900);
    assert_int_equal(r[0].decided_by, T);
    assert_string_equal(r[0].staff_name, "李四");
    assert_int_equal(r[1].state, LEAVE_APPROVED);
    assert_int_equal(r[1].kind, LEAVE_ANNUAL);
    assert_int_equal(r[2].state, LEAVE_REFUSED);
    assert_int_equal(r[3].state, LEAVE_CANCELLED);
    OK(duty_leaves(s, A, TODAY, (gdate){2026, 11, 30}, false, r, DUTY_LEAVES_MAX, &n, err, sizeof err));
    assert_int_equal(n, 1);
    OK(duty_leaves(s, 0, TODAY, (gdate){2026, 11, 30}, true, r, DUTY_LEAVES_MAX, &n, err, sizeof err));
    assert_int_equal(n, 0);
    assert_string_equal(fx_value(s, "SELECT decision_note FROM leaves WHERE leave_id = ?1", own), "月底窗口人手紧");
}

static void leave_names_round_trip(void **state)
{
    (void)state;
    for (int k = 0; k < LEAVE_KINDS; k++)
        assert_int_equal(leave_kind_from_name(leave_kind_name((leave_kind)k)), k);
    assert_int_equal(leave_kind_from_name("holiday"), LEAVE_KINDS);
    assert_null(leave_kind_name(LEAVE_KINDS));
    assert_string_equal(leave_kind_label(LEAVE_MATERNITY), "maternity leave");
    assert_string_equal(leave_state_label(LEAVE_REQUESTED), "waiting for a decision");
}

/* ---- leaders' on-site days ------------------------------------------------------------------------- */

static void a_leader_punches_only_on_a_planned_day(void **state)
{
    (void)state;
    bool sus, planned = true;
    duty_ctx c = at(L, 540);
    REFUSED(duty_punch_now(s, &c, ATT_LEADER_IN, &sus, err, sizeof err),
            "no on-site day is planned for you today: a supervisor plans it");
    REFUSED(duty_leader_plan(s, &c, L, TODAY, err, sizeof err), "only a supervisor may plan a leader's on-site day");
    c = at(S, 530);
    REFUSED(duty_leader_plan(s, &c, L, (gdate){2026, 11, 28}, err, sizeof err), "must be a working day");
    OK(duty_leader_plan(s, &c, L, TODAY, err, sizeof err));
    REFUSED(duty_leader_plan(s, &c, L, TODAY, err, sizeof err), "刘振 already has an on-site day on 2026-11-23");
    OK(duty_leader_planned(s, L, TODAY, &planned, err, sizeof err));
    assert_true(planned);
    OK(duty_leader_planned(s, L, (gdate){2026, 11, 24}, &planned, err, sizeof err));
    assert_false(planned);
    c = at(L, 540);
    OK(duty_punch_now(s, &c, ATT_LEADER_IN, &sus, err, sizeof err));
    c.minute = 690;
    OK(duty_punch_now(s, &c, ATT_LEADER_OUT, &sus, err, sizeof err));
    char want[16];
    snprintf(want, sizeof want, "%d", S);
    assert_string_equal(fx_value(s, "SELECT planned_by FROM leader_days WHERE day = '2026-11-23'", NULL), want);
    assert_int_equal(fx_num(s, "SELECT count(*) FROM attendance WHERE kind IN ('leader_in', 'leader_out')", NULL), 2);
}

/* ---- rebuild and configuration ---------------------------------------------------------------------- */

/* A rebuild gives the same duty, attendance, leave, handoff and case tables. */
static void rebuild_gives_the_same_tables(void)
{
    static const char *const sql[] = {
        "SELECT * FROM attendance ORDER BY event_seq", "SELECT * FROM leaves ORDER BY leave_id",
        "SELECT * FROM leader_days ORDER BY staff_id, day", "SELECT * FROM duty_days ORDER BY window_id, day",
        "SELECT * FROM handoffs ORDER BY event_seq", "SELECT * FROM duty ORDER BY window_id",
        "SELECT * FROM cases ORDER BY case_id"};
    fx_rebuild_same(s, sql, NF(sql));
}

static void a_rebuild_gives_the_same_rows_as_the_live_projection(void **state)
{
    (void)state;
    char id[CASENUM_LEN], lv[UUID7_LEN + 1];
    bool sus, rec;
    a_case(id, A, "W01", "case.accepted", NULL);
    duty_ctx c = at(A, 505);
    OK(duty_punch_now(s, &c, ATT_SIGN_IN, &sus, err, sizeof err));
    a_opens();
    a_leaves(600, true);
    c = at(A, 650);
    OK(duty_return(s, &c, B, NULL, err, sizeof err));
    c = at(A, 700);
    OK(duty_left_unattended(s, &c, &rec, err, sizeof err));
    c = at(S, 710);
    OK(duty_correct_add(s, &c, B, TODAY, 500, ATT_SIGN_IN, "补签", err, sizeof err));
    OK(duty_leader_plan(s, &c, L, TODAY, err, sizeof err));
    c = at(B, 720);
    OK(duty_leave_request(s, &c, LEAVE_SICK, (gdate){2026, 11, 24}, 510, (gdate){2026, 11, 24}, 1050, "牙疼", lv, err,
                          sizeof err));
    c = at(S, 730);
    OK(duty_leave_decide(s, &c, lv, true, NULL, err, sizeof err));
    rebuild_gives_the_same_tables();
}

static void the_hours_and_attendance_keys_are_read_and_checked(void **state)
{
    (void)state;
    gconfig got, want;
    config_defaults(&want);
    config_defaults(&got);
    OK(config_load("config.ini.example", &got, err, sizeof err));
    assert_memory_equal(&got.hours, &want.hours, sizeof want.hours);
    assert_int_equal(got.leader_days_per_month, 1);
    assert_int_equal(got.clock_skew_minutes, 5);
    assert_int_equal(sched_check(&got.hours, NULL), SCHED_OK);
    char file[160];
    snprintf(file, sizeof file, "%s/c.ini", dir);
    static const struct {
        const char *text, *part;
    } cases[] = {
        {"[hours]\nwinter_afternoon_start = 11:00\n", "hours:winter_afternoon_start: "},
        {"[hours]\nsummer_morning_end = 12h\n", "hours:summer_morning_end must be a time HH:MM"},
        {"[hours]\nwinter_from = 13-01\n", "hours:winter_from must be a day of the year MM-DD"},
        {"[hours]\ngrace_minutes = 61\n", "hours:grace_minutes must be a whole number from 0 to 60"},
        {"[attendance]\nclock_skew_minutes = 0\n", "attendance:clock_skew_minutes must be a whole number from 1"},
        {"[attendance]\nleader_days = 2\n", "unknown key 'attendance:leader_days'"},
    };
    for (size_t i = 0; i < NF(cases); i++)
        fx_config_refused(file, cases[i].text, cases[i].part, &got, err, sizeof err);
    fx_write_file(file, "[hours]\nwinter_afternoon_start = 13:30\nwinter_afternoon_end = 17:00\n"
                        "[attendance]\nleader_days_per_month = 4\n");
    config_defaults(&got);
    OK(config_load(file, &got, err, sizeof err));
    assert_int_equal(got.hours.winter.afternoon_start, 13 * 60 + 30);
    assert_int_equal(got.hours.summer.afternoon_start, 14 * 60 + 30);
    assert_int_equal(got.leader_days_per_month, 4);
}

static const char *zh(const char *msgid)
{
    if (strcmp(msgid, "no A/B roster for window %s on %s: a supervisor sets it") == 0)
        return "%s 窗口 %s 未排 AB 岗：请主管排班";
    return msgid;
}

static void messages_go_through_the_translator(void **state)
{
    (void)state;
    duty_ctx c = at(A, 500);
    c.who.window = "W02";
    desk_set_translator(zh);
    REFUSED(duty_start_day(s, &c, err, sizeof err), "W02 窗口 2026-11-23 未排 AB 岗");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_day_starts_from_the_roster_once, setup, teardown),
        cmocka_unit_test_setup_teardown(leaving_needs_the_coverers_confirmation, setup, teardown),
        cmocka_unit_test_setup_teardown(own_confirmation_off_roster_and_both_away_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_long_absence_hands_the_open_cases_over, setup, teardown),
        cmocka_unit_test_setup_teardown(more_open_cases_than_one_batch_go_over_in_several_transactions, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_clerk_takes_the_post_back, setup, teardown),
        cmocka_unit_test_setup_teardown(leaving_unattended_is_recorded_and_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(closing_is_refused_in_working_hours, setup, teardown),
        cmocka_unit_test_setup_teardown(the_handoff_sheet_lists_what_is_open_at_the_window, setup, teardown),
        cmocka_unit_test_setup_teardown(punches_are_checked_and_a_wrong_clock_is_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(supervisors_correct_punches_and_nobody_else, setup, teardown),
        cmocka_unit_test_setup_teardown(leave_is_requested_decided_and_ended, setup, teardown),
        cmocka_unit_test_setup_teardown(leave_names_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(a_leader_punches_only_on_a_planned_day, setup, teardown),
        cmocka_unit_test_setup_teardown(a_rebuild_gives_the_same_rows_as_the_live_projection, setup, teardown),
        cmocka_unit_test_setup_teardown(the_hours_and_attendance_keys_are_read_and_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(messages_go_through_the_translator, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
