/* test_supervise.c - bad-review follow-ups and complaints (data/supervise.h)
 * on a temporary store with the demo catalogue and the holiday calendar: a
 * dissatisfied rating opens a follow-up due after [supervision]
 * followup_days working days (5 and 15), a good one none; steps in any
 * order, each once, the call-back refused for an anonymous review, closed
 * when every due step is done; an appeal recorded and decided by a
 * supervisor other than the case's clerk, the rating kept; complaints
 * registered (numbered per day, due in 3 working days), extended once up to
 * 15 working days, concluded by a supervisor with a finding, excluded; the
 * lists and dashboard counts; a rebuild giving the same tables; the quarter
 * score's complaint deductions; and the [supervision] keys of config.ini. */
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
#include "data/cases.h"
#include "data/catalog.h"
#include "data/config.h"
#include "data/desk.h"
#include "data/events.h"
#include "data/project.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store_db.h"
#include "data/supervise.h"
#include "tests/unit/store_fixture.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))

static char dir[64];
static char path[128];
static char err[DESK_ERR_LEN];
static store *s;
static calendar cal;

static const gdate TODAY = {2026, 11, 23}; /* a Monday */
static staff_id K, S, T;                   /* K a clerk; S a clerk and supervisor; T a supervisor */
static const char *const PERSON_ID = "11010519491231002X";

static int setup(void **state)
{
    (void)state;
    catalog_report rep;
    setenv("GUICHET_DATADIR", "data", 1);
    s = fx_store_new("supervise", dir, sizeof dir, path, sizeof path, &cal);
    if (!s || catalog_import(s, "data/catalog/demo.ini", &rep) != 0)
        return -1;
    K = fx_add_staff(s, "wangfang", "王芳", STAFF_ROLE_CLERK);
    S = fx_add_staff(s, "chenjing", "陈静", STAFF_ROLE_CLERK | STAFF_ROLE_SUPERVISOR);
    T = fx_add_staff(s, "zhouli", "周丽", STAFF_ROLE_SUPERVISOR);
    desk_set_translator(NULL);
    sv_set_followup_days(SV_FOLLOWUP_DAYS_DEFAULT);
    return K && S && T ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sv_set_followup_days(SV_FOLLOWUP_DAYS_DEFAULT);
    store_close(s);
    return fx_rm_dir(dir);
}

/* ---- helpers ------------------------------------------------------------------------------ */

static desk_who as(staff_id who)
{
    return (desk_who){who, "W01", TODAY, &cal};
}

#define OK(call) fx_ok(__LINE__, (call), err)

#define REFUSED(call, part) FX_REFUSED(s, err, call, part)

/* A case of 临时救助 (MZ-03) received by clerk, approved, delivered and rated; named: ID and phone. */
static void rated_case(char id[CASENUM_LEN], staff_id clerk, bool named, desk_rating rating)
{
    ck_entry e[5];
    desk_who w = as(clerk);
    desk_result r;
    for (size_t i = 0; i < NF(e); i++)
        e[i] = (ck_entry){CK_PRESENT, NULL};
    assert_int_equal(cases_new_number(s, TODAY, id), 0);
    desk_intake in = {.case_id = id,
                      .applicant = {.name = "王芳", .id = named ? PERSON_ID : NULL, .phone = named ? "13800138000" : NULL},
                      .item = "MZ-03",
                      .entries = e,
                      .nentries = NF(e),
                      .outcome = CK_ACCEPT};
    OK(desk_receive(s, &w, &in, &r, err, sizeof err));
    OK(desk_conclude(s, &w, id, true, NULL, &r, err, sizeof err));
    OK(desk_deliver(s, &w, id, &r, err, sizeof err));
    OK(desk_evaluate(s, &w, id, rating, "等了很久", err, sizeof err));
}

static const char *date_str(gdate d)
{
    static char buf[DATE_STR_LEN];
    return d.y ? date_format(d, buf) : "";
}

/* ---- follow-ups ---------------------------------------------------------------------------- */

static void a_dissatisfied_rating_opens_a_follow_up(void **state)
{
    (void)state;
    char bad[CASENUM_LEN], worse[CASENUM_LEN], good[CASENUM_LEN];
    sv_followup f;
    rated_case(bad, K, true, DESK_RATE_DISSATISFIED);
    assert_int_equal(sv_followup_get(s, bad, &f), 0);
    assert_string_equal(f.rating, "dissatisfied");
    assert_string_equal(f.window, "W01");
    assert_int_equal(f.clerk, K);
    assert_true(f.real_name);
    assert_string_equal(date_str(f.opened), "2026-11-23");
    assert_string_equal(date_str(f.due), "2026-11-30"); /* 5 working days */
    assert_false(f.closed);
    assert_int_equal(f.appeal, SV_APPEAL_NONE);
    assert_string_equal(fx_value(s, "SELECT json_extract(payload, '$.followup_due') FROM events WHERE type = "
                                    "'evaluation.given' AND subject = ?1", bad),
                        "2026-11-30");
    assert_int_equal(sv_set_followup_days(15), 0);
    assert_int_equal(sv_set_followup_days(16), -1);
    assert_int_equal(sv_get_followup_days(), 15);
    rated_case(worse, K, false, DESK_RATE_VERY_DISSATISFIED);
    assert_int_equal(sv_followup_get(s, worse, &f), 0);
    assert_string_equal(date_str(f.due), "2026-12-14"); /* 15 working days */
    assert_false(f.real_name);
    rated_case(good, K, true, DESK_RATE_BASIC);
    assert_int_equal(sv_followup_get(s, good, &f), 1);
    assert_int_equal(fx_num(s, "SELECT count(*) FROM followups", NULL), 2);
}

static void steps_close_a_real_name_follow_up_after_the_call_back(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    desk_who w = as(K);
    sv_followup f;
    rated_case(id, K, true, DESK_RATE_DISSATISFIED);
    REFUSED(sv_followup_step(s, &w, id, SV_VERIFIED, " ", err, sizeof err), "the note");
    REFUSED(sv_followup_step(s, &w, "511425-T01-20261123-0999", SV_VERIFIED, "核实", err, sizeof err),
            "has no follow-up");
    OK(sv_followup_step(s, &w, id, SV_RECTIFIED, "已整改：增开窗口", err, sizeof err)); /* any order */
    OK(sv_followup_step(s, &w, id, SV_VERIFIED, "经核实属实", err, sizeof err));
    REFUSED(sv_followup_step(s, &w, id, SV_VERIFIED, "again", err, sizeof err), "already recorded");
    OK(sv_followup_step(s, &w, id, SV_ANSWERED, "已电话答复", err, sizeof err));
    assert_int_equal(sv_followup_get(s, id, &f), 0);
    assert_false(f.closed); /* the call-back is still due */
    assert_string_equal(f.note, "已电话答复");
    OK(sv_followup_step(s, &w, id, SV_CALLED_BACK, "回访满意", err, sizeof err));
    assert_int_equal(sv_followup_get(s, id, &f), 0);
    assert_true(f.closed);
    assert_string_equal(date_str(f.called_back), "2026-11-23");
    assert_string_equal(fx_value(s, "SELECT closed_on FROM followups WHERE case_id = ?1", id), "2026-11-23");
    REFUSED(sv_followup_step(s, &w, id, SV_CALLED_BACK, "再次回访", err, sizeof err), "closed");
}

static void an_anonymous_review_is_not_called_back(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    desk_who w = as(K);
    sv_followup f;
    rated_case(id, K, false, DESK_RATE_DISSATISFIED);
    REFUSED(sv_followup_step(s, &w, id, SV_CALLED_BACK, "回访", err, sizeof err), "anonymous review");
    OK(sv_followup_step(s, &w, id, SV_VERIFIED, "核实", err, sizeof err));
    OK(sv_followup_step(s, &w, id, SV_RECTIFIED, "整改", err, sizeof err));
    OK(sv_followup_step(s, &w, id, SV_ANSWERED, "答复", err, sizeof err));
    assert_int_equal(sv_followup_get(s, id, &f), 0);
    assert_true(f.closed);
}

static void an_appeal_upheld_by_another_supervisor_keeps_the_rating(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    desk_who ws = as(S), wk = as(K), wt = as(T);
    sv_followup f;
    rated_case(id, S, true, DESK_RATE_VERY_DISSATISFIED);
    REFUSED(sv_appeal_decide(s, &wt, id, true, "无申诉", err, sizeof err), "no appeal waiting");
    REFUSED(sv_appeal_record(s, &ws, id, "bogus", "误评", err, sizeof err), "mistaken, malicious or other");
    REFUSED(sv_appeal_record(s, &ws, id, "mistaken", "", err, sizeof err), "the note");
    OK(sv_appeal_record(s, &ws, id, "mistaken", "申请人误按评价键", err, sizeof err));
    assert_int_equal(sv_followup_get(s, id, &f), 0);
    assert_int_equal(f.appeal, SV_APPEAL_PENDING);
    assert_string_equal(f.appeal_reason, "mistaken");
    REFUSED(sv_appeal_record(s, &ws, id, "malicious", "再申诉", err, sizeof err), "already appealed");
    REFUSED(sv_appeal_decide(s, &wk, id, true, "同意", err, sizeof err), "only a supervisor");
    REFUSED(sv_appeal_decide(s, &ws, id, true, "同意", err, sizeof err), "another supervisor");
    OK(sv_appeal_decide(s, &wt, id, true, "经调取录像，属误评", err, sizeof err));
    assert_int_equal(sv_followup_get(s, id, &f), 0);
    assert_int_equal(f.appeal, SV_APPEAL_UPHELD);
    assert_true(f.closed);
    assert_string_equal(fx_value(s, "SELECT rating FROM evaluations WHERE case_id = ?1", id), "very_dissatisfied");
    assert_string_equal(fx_value(s, "SELECT decided_by FROM followups WHERE case_id = ?1", id), "3");
    REFUSED(sv_appeal_decide(s, &wt, id, false, "再议", err, sizeof err), "no appeal waiting");
}

/* ---- complaints ------------------------------------------------------------------------------ */

static sv_complaint complaint(const char *channel, const char *about)
{
    sv_complaint c;
    memset(&c, 0, sizeof c);
    snprintf(c.channel, sizeof c.channel, "%s", channel);
    snprintf(c.about, sizeof c.about, "%s", about);
    snprintf(c.complainant, sizeof c.complainant, "李明");
    snprintf(c.phone, sizeof c.phone, "13900139000");
    snprintf(c.text, sizeof c.text, "窗口人员态度生硬");
    return c;
}

static void a_complaint_is_registered_extended_and_concluded(void **state)
{
    (void)state;
    char caseid[CASENUM_LEN], id[40], id2[40];
    desk_who wk = as(K);
    sv_complaint c = complaint("window", "case"), got;
    rated_case(caseid, K, true, DESK_RATE_SATISFIED);
    snprintf(c.case_id, sizeof c.case_id, "%s", caseid);
    sv_complaint bad = c;
    snprintf(bad.channel, sizeof bad.channel, "fax");
    REFUSED(sv_complaint_register(s, &wk, &bad, id, sizeof id, err, sizeof err), "window, phone, box or online");
    bad = complaint("phone", "clerk");
    REFUSED(sv_complaint_register(s, &wk, &bad, id, sizeof id, err, sizeof err), "needs the clerk");
    bad = complaint("phone", "window");
    bad.text[0] = '\0';
    snprintf(bad.window, sizeof bad.window, "W02");
    REFUSED(sv_complaint_register(s, &wk, &bad, id, sizeof id, err, sizeof err), "the complaint");
    OK(sv_complaint_register(s, &wk, &c, id, sizeof id, err, sizeof err));
    assert_string_equal(id, "TS-T01-20261123-001");
    assert_int_equal(sv_complaint_get(s, id, &got), 0);
    assert_string_equal(date_str(got.due), "2026-11-26"); /* 3 working days */
    assert_string_equal(got.window, "W01");              /* the case's window */
    assert_int_equal(got.clerk, K);
    assert_int_equal(got.state, SV_OPEN);
    assert_string_equal(got.complainant, "李明");
    c = complaint("box", "clerk");
    c.clerk = K;
    OK(sv_complaint_register(s, &wk, &c, id2, sizeof id2, err, sizeof err));
    assert_string_equal(id2, "TS-T01-20261123-002");
    /* the extension: later than the due date, at most 15 working days, with the reason */
    REFUSED(sv_complaint_extend(s, &wk, id, (gdate){2026, 12, 15}, "需调查", err, sizeof err),
            "at most 15 working days after its registration on 2026-11-23, that is 2026-12-14");
    REFUSED(sv_complaint_extend(s, &wk, id, (gdate){2026, 11, 26}, "需调查", err, sizeof err),
            "must be after the current one");
    REFUSED(sv_complaint_extend(s, &wk, id, (gdate){2026, 12, 11}, " ", err, sizeof err), "reason");
    assert_int_equal(fx_num(s, "SELECT count(*) FROM complaints WHERE state = 'open'", NULL), 2);
}

static void complaint_extension_and_conclusion(void **state)
{
    (void)state;
    char id[40];
    desk_who wk = as(K), wt = as(T);
    sv_complaint c = complaint("phone", "window"), got;
    snprintf(c.window, sizeof c.window, "W02");
    OK(sv_complaint_register(s, &wk, &c, id, sizeof id, err, sizeof err));
    assert_int_equal(sv_complaint_get(s, id, &got), 0);
    assert_string_equal(date_str(got.due), "2026-11-26");
    REFUSED(sv_complaint_extend(s, &wk, id, (gdate){2026, 12, 15}, "需调查", err, sizeof err),
            "that is 2026-12-14");
    OK(sv_complaint_extend(s, &wk, id, (gdate){2026, 12, 14}, "需调取监控录像", err, sizeof err));
    REFUSED(sv_complaint_extend(s, &wk, id, (gdate){2026, 12, 14}, "再延期", err, sizeof err), "only once");
    assert_int_equal(sv_complaint_get(s, id, &got), 0);
    assert_int_equal(got.state, SV_EXTENDED);
    assert_string_equal(date_str(got.due), "2026-12-14");
    assert_string_equal(got.extend_reason, "需调取监控录像");
    REFUSED(sv_complaint_conclude(s, &wk, id, "manner", "已批评教育", "phone", err, sizeof err), "only a supervisor");
    REFUSED(sv_complaint_conclude(s, &wt, id, "rude", "已批评教育", "phone", err, sizeof err), "the finding");
    REFUSED(sv_complaint_conclude(s, &wt, id, "manner", "已批评教育", "pigeon", err, sizeof err), "is told by");
    REFUSED(sv_complaint_conclude(s, &wt, id, "manner", "", "phone", err, sizeof err), "the outcome");
    OK(sv_complaint_conclude(s, &wt, id, "manner", "查证属实，已批评教育", "phone", err, sizeof err));
    assert_int_equal(sv_complaint_get(s, id, &got), 0);
    assert_int_equal(got.state, SV_CONCLUDED);
    assert_string_equal(got.finding, "manner");
    assert_string_equal(got.notified_by, "phone");
    assert_string_equal(date_str(got.concluded), "2026-11-23");
    REFUSED(sv_complaint_conclude(s, &wt, id, "other", "再议", "phone", err, sizeof err), "is closed (concluded)");
    REFUSED(sv_complaint_extend(s, &wk, "TS-20261123-999", (gdate){2026, 12, 1}, "x", err, sizeof err),
            "no complaint TS-20261123-999");
}

static void an_excluded_complaint_is_kept_with_its_reason(void **state)
{
    (void)state;
    char id[40];
    desk_who wk = as(K), wt = as(T);
    sv_complaint c = complaint("online", "window"), got;
    snprintf(c.window, sizeof c.window, "W01");
    OK(sv_complaint_register(s, &wk, &c, id, sizeof id, err, sizeof err));
    REFUSED(sv_complaint_exclude(s, &wk, id, "petition", NULL, err, sizeof err), "litigation, arbitration");
    OK(sv_complaint_exclude(s, &wk, id, "reconsideration", "已申请行政复议", err, sizeof err));
    assert_int_equal(sv_complaint_get(s, id, &got), 0);
    assert_int_equal(got.state, SV_EXCLUDED);
    assert_string_equal(got.excluded_reason, "reconsideration");
    assert_string_equal(got.excluded_note, "已申请行政复议");
    REFUSED(sv_complaint_conclude(s, &wt, id, "manner", "x", "phone", err, sizeof err), "is closed (excluded)");
}

/* ---- lists, counts, rebuild, score ---------------------------------------------------------------- */

static int count_cp(const sv_complaint *c, void *ctx)
{
    char *order = ctx;
    strncat(order, c->id + strlen(c->id) - 3, 3); /* TS-T01-YYYYMMDD-NNN */
    strcat(order, c->state == SV_OPEN || c->state == SV_EXTENDED ? "o " : "c ");
    return 0;
}

static int count_fu(const sv_followup *f, void *ctx)
{
    (void)f;
    (*(int *)ctx)++;
    return 0;
}

/* A rebuild gives the same supervision tables and evaluations. */
static void rebuild_gives_the_same_tables(void)
{
    static const char *const sql[] = {"SELECT * FROM followups ORDER BY case_id",
                                      "SELECT * FROM complaints ORDER BY id",
                                      "SELECT * FROM evaluations ORDER BY case_id"};
    fx_rebuild_same(s, sql, NF(sql));
}

/* Quarter 4 of 2026's deductions of W01 and W02, in tenths. */
static void quarter(int *w1, int *w2)
{
    gconfig cfg;
    config_defaults(&cfg);
    ar_scope sc = {&cal, &cfg.hours, TODAY, 1};
    ar_window_quarter w[4];
    int n = 0;
    OK(ar_quarter(s, &sc, 2026, 4, w, 4, &n, err, sizeof err));
    assert_int_equal(n, 2);
    *w1 = w[0].deductions;
    *w2 = w[1].deductions;
}

static void lists_counts_rebuild_and_the_quarter_score(void **state)
{
    (void)state;
    char a[CASENUM_LEN], b[CASENUM_LEN], c1[40], c2[40], c3[40];
    desk_who wk = as(K), wt = as(T);
    int w1, w2, w1_after, w2_after;
    rated_case(a, K, true, DESK_RATE_DISSATISFIED);
    rated_case(b, K, false, DESK_RATE_VERY_DISSATISFIED);
    OK(sv_followup_step(s, &wk, b, SV_VERIFIED, "核实", err, sizeof err));
    OK(sv_appeal_record(s, &wk, b, "malicious", "恶意差评", err, sizeof err));
    OK(sv_appeal_decide(s, &wt, b, false, "理由不足", err, sizeof err));
    sv_complaint c = complaint("window", "window");
    snprintf(c.window, sizeof c.window, "W01");
    OK(sv_complaint_register(s, &wk, &c, c1, sizeof c1, err, sizeof err));
    snprintf(c.window, sizeof c.window, "W02");
    OK(sv_complaint_register(s, &wk, &c, c2, sizeof c2, err, sizeof err));
    OK(sv_complaint_register(s, &wk, &c, c3, sizeof c3, err, sizeof err));
    OK(sv_complaint_extend(s, &wk, c3, (gdate){2026, 12, 1}, "需会商", err, sizeof err));
    quarter(&w1, &w2);
    OK(sv_complaint_conclude(s, &wt, c1, "manner", "查证属实", "in_person", err, sizeof err));
    OK(sv_complaint_conclude(s, &wt, c2, "unlawful", "未依法受理", "letter", err, sizeof err));
    quarter(&w1_after, &w2_after);
    assert_int_equal(w1_after - w1, 10); /* seed 003 第五章 (七): 1 point */
    assert_int_equal(w2_after - w2, 20); /* (四): 2 points */
    /* lists: open first */
    char order[64] = "";
    assert_int_equal(sv_complaints_list(s, NULL, false, count_cp, order), 0);
    assert_string_equal(order, "003o 002c 001c ");
    order[0] = '\0';
    assert_int_equal(sv_complaints_list(s, "W01", false, count_cp, order), 0);
    assert_string_equal(order, "001c ");
    int n = 0;
    assert_int_equal(sv_followups_list(s, NULL, true, count_fu, &n), 0);
    assert_int_equal(n, 2);
    /* dashboard counts: on 2026-11-27 the follow-ups (due 11-30) are due soon; on 12-02 overdue, as is c3 */
    int open = 0, overdue = 0, soon = 0;
    assert_int_equal(sv_due_counts_of(s, false, NULL, (gdate){2026, 11, 27}, &cal, 2, &open, &overdue, &soon), 0);
    assert_int_equal(open, 2);
    assert_int_equal(overdue, 0);
    assert_int_equal(soon, 2);
    assert_int_equal(sv_due_counts_of(s, true, "W02", (gdate){2026, 12, 2}, &cal, 2, &open, &overdue, &soon), 0);
    assert_int_equal(open, 1);
    assert_int_equal(overdue, 1);
    assert_int_equal(sv_due_counts(s, NULL, (gdate){2026, 12, 2}, &cal, 2, &overdue, &soon), 0);
    assert_int_equal(overdue, 3);
    assert_int_equal(soon, 0);
    rebuild_gives_the_same_tables();
}

static void the_supervision_keys_are_read_and_checked(void **state)
{
    (void)state;
    gconfig got;
    config_defaults(&got);
    assert_int_equal(got.followup_days, 5);
    assert_int_equal(got.soon_days, 2);
    assert_int_equal(got.unrated_days, 0);
    OK(config_load("config.ini.example", &got, err, sizeof err));
    assert_int_equal(got.followup_days, 5);
    char file[160];
    snprintf(file, sizeof file, "%s/c.ini", dir);
    static const struct {
        const char *text, *part;
    } cases[] = {
        {"[supervision]\nfollowup_days = 4\n", "supervision:followup_days must be a whole number from 5 to 15"},
        {"[supervision]\nfollowup_days = 16\n", "supervision:followup_days"},
        {"[supervision]\nsoon_days = -1\n", "supervision:soon_days"},
        {"[supervision]\nunrated_days = many\n", "supervision:unrated_days"},
        {"[supervision]\nfollowup = 5\n", "supervision:followup"},
    };
    for (size_t i = 0; i < NF(cases); i++) {
        fx_config_refused(file, cases[i].text, cases[i].part, &got, err, sizeof err);
        assert_int_equal(got.followup_days, 5);
    }
    fx_write_file(file, "[supervision]\nfollowup_days = 15\nsoon_days = 3\nunrated_days = 7\n");
    config_defaults(&got);
    OK(config_load(file, &got, err, sizeof err));
    assert_int_equal(got.followup_days, 15);
    assert_int_equal(got.soon_days, 3);
    assert_int_equal(got.unrated_days, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_dissatisfied_rating_opens_a_follow_up, setup, teardown),
        cmocka_unit_test_setup_teardown(steps_close_a_real_name_follow_up_after_the_call_back, setup, teardown),
        cmocka_unit_test_setup_teardown(an_anonymous_review_is_not_called_back, setup, teardown),
        cmocka_unit_test_setup_teardown(an_appeal_upheld_by_another_supervisor_keeps_the_rating, setup, teardown),
        cmocka_unit_test_setup_teardown(a_complaint_is_registered_extended_and_concluded, setup, teardown),
        cmocka_unit_test_setup_teardown(complaint_extension_and_conclusion, setup, teardown),
        cmocka_unit_test_setup_teardown(an_excluded_complaint_is_kept_with_its_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(lists_counts_rebuild_and_the_quarter_score, setup, teardown),
        cmocka_unit_test_setup_teardown(the_supervision_keys_are_read_and_checked, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
