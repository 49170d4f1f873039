/* test_desk.c - the clerk's actions (data/desk.h) on a temporary store with
 * the demo catalogue and the holiday calendar: an immediate case concluded on
 * the spot, a promised date across the National Day holidays, 容缺 with its
 * notice and the materials arriving, 补正 naming every missing and defective
 * material and the applicant's returns (trips, 一次性告知 breaches), refusals
 * that record nothing (no legal basis, an outcome the checklist does not
 * allow, a bad ID number, an organisation's bad code without an override),
 * the decision, delivery and rating once only, withdrawal, reprints,
 * enquiries, an item with 64 materials in one action, and the translator. */
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
#include "data/catalog.h"
#include "data/desk.h"
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
static desk_who who;

static const gdate TODAY = {2026, 11, 23};
static const char *const PERSON_ID = "11010519491231002X";
static const char *const USCC = "91350100M000100Y43";

static int setup(void **state)
{
    (void)state;
    catalog_report rep;
    setenv("GUICHET_DATADIR", "data", 1); /* the pinyin table the catalogue import reads */
    s = fx_store_new("desk", dir, sizeof dir, path, sizeof path, &cal);
    if (!s || catalog_import(s, "data/catalog/demo.ini", &rep) != 0)
        return -1;
    who = (desk_who){1, "W01", TODAY, &cal};
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

static void number(char out[CASENUM_LEN])
{
    assert_int_equal(cases_new_number(s, who.today, out), 0);
}

/* An intake of item with n entries all present (change them before receiving). */
static desk_intake intake(const char *case_id, const char *item, ck_entry *e, size_t n, ck_outcome o)
{
    for (size_t i = 0; i < n; i++)
        e[i] = (ck_entry){CK_PRESENT, NULL};
    return (desk_intake){.case_id = case_id,
                         .applicant = {.name = "王芳", .id = PERSON_ID, .phone = "138 0013 8000"},
                         .item = item,
                         .entries = e,
                         .nentries = n,
                         .outcome = o};
}

#define OK(call) fx_ok(__LINE__, (call), err)

#define REFUSED(call, part) FX_REFUSED(s, err, call, part)

/* A promised case (临时救助, MZ-03) received and accepted today. */
static void accepted_case(char id[CASENUM_LEN])
{
    ck_entry e[5];
    number(id);
    desk_intake in = intake(id, "MZ-03", e, 5, CK_ACCEPT);
    desk_result r;
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_ACCEPTED);
}

/* A 补正 case of MZ-03 with the given materials (1-based) missing. */
static void supplement_case(char id[CASENUM_LEN], const int *missing, size_t n, desk_result *r)
{
    ck_entry e[5];
    number(id);
    desk_intake in = intake(id, "MZ-03", e, 5, CK_SUPPLEMENT);
    for (size_t i = 0; i < n; i++)
        e[missing[i] - 1].status = CK_MISSING;
    OK(desk_receive(s, &who, &in, r, err, sizeof err));
}

/* ---- intake -------------------------------------------------------------------------------- */

static void an_immediate_case_is_concluded_on_the_spot(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[3];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "mz-04", e, 3, CK_ACCEPT); /* the code as typed, any letter case */
    int64_t before = fx_events(s);
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    assert_string_equal(r.case_id, id);
    assert_int_equal(r.status, CASE_APPROVED);
    assert_string_equal(r.due, "");
    assert_int_equal(r.notice, -1);
    assert_int_equal(r.trips, 1);
    assert_int_equal(fx_events(s) - before, 6); /* received, 3 materials, accepted, approved */
    assert_string_equal(fx_value(s, "SELECT group_concat(type, ' ') FROM (SELECT type FROM events WHERE subject = ?1 "
                                    "ORDER BY seq)", id),
                        "case.received material.checked material.checked material.checked case.accepted "
                        "case.approved");
    assert_int_equal(fx_num(s, "SELECT first_visit FROM cases WHERE case_id = ?1", id), 1);
    assert_string_equal(fx_value(s, "SELECT concluded FROM cases WHERE case_id = ?1", id), "2026-11-23");
    assert_int_equal(fx_num(s, "SELECT count(*) FROM notices WHERE case_id = ?1", id), 0);
    assert_string_equal(fx_value(s, "SELECT item || ' ' || applicant_id || ' ' || applicant_phone FROM cases "
                                    "WHERE case_id = ?1", id),
                        "MZ-04 11010519491231002X 13800138000"); /* normalised */
    /* every event signed: staff, window, today */
    assert_int_equal(fx_num(s, "SELECT count(*) FROM events WHERE subject = ?1 AND staff_id = 1 AND "
                               "json_extract(payload, '$.window') = 'W01' AND "
                               "json_extract(payload, '$.date') = '2026-11-23'", id),
                     6);
}

static void a_promised_date_counts_working_days_across_the_holidays(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[5];
    desk_result r;
    who.today = (gdate){2026, 9, 24}; /* Thursday before 中秋 and 国庆 */
    number(id);
    desk_intake in = intake(id, "MZ-03", e, 5, CK_ACCEPT);
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_ACCEPTED);
    /* 10 working days: 9-28, 9-29, 9-30, 10-8, 10-9, 10-10 (make-up Saturday), 10-12 .. 10-15 */
    assert_string_equal(r.due, "2026-10-15");
    assert_int_equal(r.notice, NOTICE_ACCEPTANCE);
    assert_int_equal(r.trips, 1);
    assert_string_equal(fx_value(s, "SELECT due FROM cases WHERE case_id = ?1", id), "2026-10-15");
    assert_string_equal(
        fx_value(s, "SELECT kind || ' ' || materials || ' ' || issued_on FROM notices WHERE case_id = ?1", id),
        "acceptance [] 2026-09-24");
    assert_string_equal(fx_value(s, "SELECT json_extract(payload, '$.due') FROM events WHERE subject = ?1 AND "
                                    "type = 'case.accepted'", id),
                        "2026-10-15");
}

static void deferred_acceptance_lists_the_outstanding_materials_and_their_deadline(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[5];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "MZ-03", e, 5, CK_DEFER);
    e[3].status = CK_MISSING; /* material 4, auxiliary and deferrable */
    in.defer_deadline = TODAY;
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "must be after today");
    in.defer_deadline = (gdate){2026, 12, 7};
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_DEFERRED);
    assert_int_equal(r.notice, NOTICE_DEFERRAL);
    assert_string_equal(r.due, "2026-12-07"); /* 10 working days after Monday 11-23 */
    assert_string_equal(fx_value(s, "SELECT materials || ' ' || deadline FROM notices WHERE case_id = ?1", id),
                        "[4] 2026-12-07");
    assert_string_equal(fx_value(s, "SELECT deferred_deadline FROM cases WHERE case_id = ?1", id), "2026-12-07");
    /* approval waits for the deferred material (篇四 (十)5) */
    REFUSED(desk_conclude(s, &who, id, true, NULL, &r, err, sizeof err), "deferred materials are outstanding");
    who.today = (gdate){2026, 11, 26};
    OK(desk_complete_deferred(s, &who, id, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_ACCEPTED);
    assert_int_equal(r.notice, -1);
    assert_string_equal(fx_value(s, "SELECT status FROM case_materials WHERE case_id = ?1 AND idx = 4", id), "present");
    assert_string_equal(fx_value(s, "SELECT deferred_completed FROM cases WHERE case_id = ?1", id), "2026-11-26");
    REFUSED(desk_complete_deferred(s, &who, id, &r, err, sizeof err), "already arrived");
    /* a promised case is reviewed before its decision: both in one action */
    OK(desk_conclude(s, &who, id, true, NULL, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_APPROVED);
    assert_string_equal(fx_value(s, "SELECT group_concat(type, ' ') FROM (SELECT type FROM events WHERE subject = ?1 "
                                    "ORDER BY seq DESC LIMIT 2)", id),
                        "case.approved case.review_started");
    /* an accepted case never had anything deferred */
    char other[CASENUM_LEN];
    accepted_case(other);
    REFUSED(desk_complete_deferred(s, &who, other, &r, err, sizeof err), "was not accepted with deferred");
}

static void supplement_names_every_missing_and_defective_material_then_resume_completes(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[5];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "MZ-03", e, 5, CK_SUPPLEMENT);
    e[1].status = CK_MISSING;
    e[3] = (ck_entry){CK_DEFECTIVE, "复印件不清晰"};
    e[4].status = CK_MISSING;
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_SUPPLEMENT);
    assert_int_equal(r.notice, NOTICE_SUPPLEMENT);
    assert_string_equal(r.due, "");
    assert_int_equal(r.trips, 1);
    assert_int_equal(r.breaches, 0);
    assert_string_equal(fx_value(s, "SELECT materials FROM notices WHERE case_id = ?1", id), "[2,4,5]");
    assert_string_equal(fx_value(s, "SELECT note FROM case_materials WHERE case_id = ?1 AND idx = 4", id), "复印件不清晰");
    /* the applicant comes back with everything, three days later */
    ck_entry all[5] = {{CK_PRESENT, NULL}, {CK_PRESENT, NULL}, {CK_PRESENT, NULL}, {CK_PRESENT, NULL},
                       {CK_PRESENT, NULL}};
    who.today = (gdate){2026, 11, 26};
    REFUSED(desk_resume(s, &who, id, all, 4, &r, err, sizeof err), "4 entries");
    OK(desk_resume(s, &who, id, all, 5, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_ACCEPTED);
    assert_int_equal(r.notice, NOTICE_ACCEPTANCE);
    assert_int_equal(r.trips, 2);
    assert_string_equal(r.due, "2026-12-10"); /* the clock starts the day the materials are in */
    assert_string_equal(fx_value(s, "SELECT clock_restart || ' ' || accepted FROM cases WHERE case_id = ?1", id),
                        "2026-11-26 2026-11-26");
    REFUSED(desk_resume(s, &who, id, all, 5, &r, err, sizeof err), "no supplementary materials are awaited");
}

static void resume_still_missing_counts_a_new_material_as_a_breach(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    desk_result r;
    supplement_case(id, (const int[]){2}, 1, &r);
    assert_string_equal(fx_value(s, "SELECT materials FROM notices WHERE case_id = ?1", id), "[2]");
    ck_entry e[5] = {{CK_PRESENT, NULL}, {CK_PRESENT, NULL}, {CK_MISSING, NULL}, {CK_PRESENT, NULL},
                     {CK_PRESENT, NULL}};
    OK(desk_resume(s, &who, id, e, 5, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_SUPPLEMENT);
    assert_int_equal(r.notice, NOTICE_SUPPLEMENT);
    assert_int_equal(r.breaches, 1); /* material 3 was not on the first notice (一次性告知) */
    assert_int_equal(r.trips, 2);
    assert_int_equal(fx_num(s, "SELECT supplements FROM cases WHERE case_id = ?1", id), 2);
    e[2].status = CK_PRESENT;
    OK(desk_resume(s, &who, id, e, 5, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_ACCEPTED);
    assert_int_equal(r.breaches, 0);
    assert_int_equal(r.trips, 3);
}

static void an_immediate_case_resumed_complete_is_concluded(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[3];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "MZ-04", e, 3, CK_SUPPLEMENT);
    e[0].status = CK_MISSING;
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    e[0].status = CK_PRESENT;
    OK(desk_resume(s, &who, id, e, 3, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_APPROVED);
    assert_int_equal(r.notice, -1);
    assert_string_equal(r.due, "");
    assert_int_equal(r.trips, 2);
    assert_int_equal(fx_num(s, "SELECT first_visit FROM cases WHERE case_id = ?1", id), 0); /* came twice */
}

/* ---- refusals ------------------------------------------------------------------------------- */

static void a_rejection_needs_reason_and_basis_and_nothing_is_recorded_without(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[5];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "MZ-03", e, 5, CK_REJECT);
    in.reject_reason = "申请人不符合本事项规定的申请条件";
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "reject: a legal basis is required");
    in.reject_basis = "  ";
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "reject: a legal basis is required");
    in.reject_reason = NULL;
    in.reject_basis = "《社会救助暂行办法》第四十七条";
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "reject: a reason is required");
    assert_int_equal(fx_num(s, "SELECT count(*) FROM cases WHERE case_id = ?1", id), 0);
    in.reject_reason = "申请人不符合本事项规定的申请条件";
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_REJECTED);
    assert_int_equal(r.notice, NOTICE_REJECTION);
    assert_string_equal(fx_value(s, "SELECT reason || ' | ' || basis FROM cases WHERE case_id = ?1", id),
                        "申请人不符合本事项规定的申请条件 | 《社会救助暂行办法》第四十七条");
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "is already recorded");
    char msg[DESK_ERR_LEN];
    REFUSED(desk_conclude(s, &who, id, true, NULL, &r, err, sizeof err), "is closed");
    snprintf(msg, sizeof msg, "case %s is closed (not accepted)", id);
    assert_string_equal(err, msg);
}

static void an_outcome_the_checklist_does_not_allow_is_refused(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[5];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "MZ-03", e, 5, CK_ACCEPT);
    e[1].status = CK_MISSING;
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "accept is not possible: material no. 2 is missing");
    in.outcome = CK_DEFER;
    in.defer_deadline = (gdate){2026, 12, 7};
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "essential material no. 2 is missing");
    e[1].status = CK_PRESENT;
    in.outcome = CK_SUPPLEMENT;
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "every material is present");
    e[2] = (ck_entry){CK_DEFECTIVE, NULL};
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "material no. 3: a defective material needs a note");
    e[2] = (ck_entry){CK_PRESENT, NULL};
    in.outcome = (ck_outcome)9;
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "unknown intake outcome");
    /* 容缺 never for an immediate case (篇四 (十)5) */
    ck_entry m[3];
    desk_intake imm = intake(id, "MZ-04", m, 3, CK_DEFER);
    m[2].status = CK_MISSING;
    imm.defer_deadline = (gdate){2026, 12, 7};
    REFUSED(desk_receive(s, &who, &imm, &r, err, sizeof err), "not allowed for immediate cases");
    imm.item = "XX-99";
    REFUSED(desk_receive(s, &who, &imm, &r, err, sizeof err), "item XX-99 is not in the catalogue");
    /* desk_decide says the same before anything is typed into the decision */
    ck_decision d;
    case_class cls;
    OK(desk_decide(s, "MZ-04", m, 3, &d, &cls, err, sizeof err));
    assert_int_equal(cls, CASE_CLASS_IMMEDIATE);
    assert_false(d.allowed[CK_ACCEPT]);
    assert_false(d.allowed[CK_DEFER]);
    assert_true(d.allowed[CK_SUPPLEMENT]);
    assert_int_equal(d.nsupplement, 1);
    assert_int_equal(d.supplement[0].index, 3);
    assert_null(d.supplement[0].name);
}

static void a_bad_id_number_is_refused_with_its_reason(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[3];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "MZ-04", e, 3, CK_ACCEPT);
    in.applicant.id = "110105194912310021";
    in.applicant.id_override = "核对过身份证原件"; /* never for a person */
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "ID number: the check character");
    assert_non_null(strstr(err, "should be X"));
    desk_applicant a = {.name = "王芳", .id = "1101051949123"};
    assert_int_equal(desk_applicant_check(&a, TODAY, err, sizeof err), -1);
    assert_non_null(strstr(err, "ID number: an ID card number has 18 characters"));
    a.id = USCC;
    assert_int_equal(desk_applicant_check(&a, TODAY, err, sizeof err), -1);
    assert_non_null(strstr(err, "unified social credit code"));
    a.id = "11010519491231002x";
    a.phone = "12345";
    assert_int_equal(desk_applicant_check(&a, TODAY, err, sizeof err), -1);
    assert_non_null(strstr(err, "telephone: "));
    a.phone = NULL;
    a.name = "  ";
    assert_int_equal(desk_applicant_check(&a, TODAY, err, sizeof err), -1);
    assert_string_equal(err, "the applicant's name is required");
    a.name = "王芳";
    assert_int_equal(desk_applicant_check(&a, TODAY, err, sizeof err), 0);
    assert_int_equal(fx_num(s, "SELECT count(*) FROM cases WHERE case_id = ?1", id), 0);
}

static void an_organisations_bad_code_needs_an_override_with_a_reason(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[5];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "MZ-03", e, 5, CK_ACCEPT);
    in.applicant = (desk_applicant){.organisation = true, .name = "某某农业专业合作社", .id = "91350100M000100Y44",
                                    .legal_rep = NULL};
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "the legal representative is required");
    in.applicant.legal_rep = "李华";
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "unified social credit code: the check character");
    assert_non_null(strstr(err, "should be 3"));
    in.applicant.id_override = "   ";
    REFUSED(desk_receive(s, &who, &in, &r, err, sizeof err), "unified social credit code");
    in.applicant.id_override = "营业执照原件所印代码如此，已报市场监管所核实";
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_ACCEPTED);
    assert_string_equal(fx_value(s, "SELECT applicant_id FROM cases WHERE case_id = ?1", id), "91350100M000100Y44");
    assert_string_equal(fx_value(s, "SELECT json_extract(payload, '$.applicant_kind') || ' ' || "
                                    "json_extract(payload, '$.legal_rep') || ' ' || "
                                    "json_extract(payload, '$.id_override') "
                                    "FROM events WHERE subject = ?1 AND type = 'case.received'", id),
                        "organisation 李华 营业执照原件所印代码如此，已报市场监管所核实");
    /* a valid code needs no override and records none */
    char id2[CASENUM_LEN];
    number(id2);
    in.case_id = id2;
    in.applicant.id = "91350100m000100y43";
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    assert_string_equal(fx_value(s, "SELECT applicant_id FROM cases WHERE case_id = ?1", id2), USCC);
    assert_string_equal(fx_value(s, "SELECT coalesce(json_extract(payload, '$.id_override'), 'none') FROM events "
                                    "WHERE subject = ?1 AND type = 'case.received'", id2),
                        "none");
    /* the log replays: the projection takes the override on rebuild too */
    assert_int_equal(project_rebuild(s), 0);
    assert_string_equal(fx_value(s, "SELECT applicant_id FROM cases WHERE case_id = ?1", id), "91350100M000100Y44");
}

/* ---- later steps ------------------------------------------------------------------------------ */

static void conclude_deliver_and_evaluate_happen_once(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    desk_result r;
    accepted_case(id);
    REFUSED(desk_evaluate(s, &who, id, DESK_RATE_SATISFIED, NULL, err, sizeof err), "is not done yet");
    REFUSED(desk_deliver(s, &who, id, &r, err, sizeof err), "is not decided yet");
    REFUSED(desk_conclude(s, &who, id, false, " ", &r, err, sizeof err), "deny: a reason is required");
    OK(desk_conclude(s, &who, id, true, NULL, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_APPROVED);
    REFUSED(desk_conclude(s, &who, id, true, NULL, &r, err, sizeof err), "is already decided (approved)");
    REFUSED(desk_conclude(s, &who, id, false, "材料不实", &r, err, sizeof err), "is already decided");
    OK(desk_deliver(s, &who, id, &r, err, sizeof err));
    assert_int_equal(r.status, CASE_DELIVERED);
    REFUSED(desk_deliver(s, &who, id, &r, err, sizeof err), "was already delivered");
    REFUSED(desk_evaluate(s, &who, id, (desk_rating)6, NULL, err, sizeof err), "unknown rating");
    OK(desk_evaluate(s, &who, id, DESK_RATE_BASIC, "等待时间较长", err, sizeof err));
    assert_string_equal(fx_value(s, "SELECT rating || ' ' || comment FROM evaluations WHERE case_id = ?1", id),
                        "basically_satisfied 等待时间较长");
    REFUSED(desk_evaluate(s, &who, id, DESK_RATE_VERY_SATISFIED, NULL, err, sizeof err),
            "was already evaluated on 2026-11-23");
    REFUSED(desk_withdraw(s, &who, id, NULL, &r, err, sizeof err), "can no longer be withdrawn");
    /* a denial keeps its reason in the event */
    char other[CASENUM_LEN];
    accepted_case(other);
    OK(desk_conclude(s, &who, other, false, "经调查核实，家庭经济状况不符合条件", &r, err, sizeof err));
    assert_int_equal(r.status, CASE_DENIED);
    assert_string_equal(fx_value(s, "SELECT json_extract(payload, '$.reason') FROM events WHERE subject = ?1 AND "
                                    "type = 'case.denied'", other),
                        "经调查核实，家庭经济状况不符合条件");
}

static void a_referred_case_is_decided_only_after_forwarding(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    ck_entry e[4];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "MZ-05", e, 4, CK_ACCEPT); /* 上报件 */
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    REFUSED(desk_conclude(s, &who, id, true, NULL, &r, err, sizeof err), "must be forwarded to the higher level");
}

static void withdrawal_closes_the_case(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    desk_result r;
    accepted_case(id);
    char long_reason[DESK_REASON_MAX + 2];
    memset(long_reason, 'a', sizeof long_reason - 1);
    long_reason[sizeof long_reason - 1] = '\0';
    REFUSED(desk_withdraw(s, &who, id, long_reason, &r, err, sizeof err), "is longer than 400 bytes");
    OK(desk_withdraw(s, &who, id, "申请人主动撤回申请", &r, err, sizeof err));
    assert_int_equal(r.status, CASE_WITHDRAWN);
    assert_string_equal(fx_value(s, "SELECT reason || ' ' || ended FROM cases WHERE case_id = ?1", id),
                        "申请人主动撤回申请 2026-11-23");
    REFUSED(desk_withdraw(s, &who, id, NULL, &r, err, sizeof err), "is closed (withdrawn)");
    REFUSED(desk_deliver(s, &who, id, &r, err, sizeof err), "is closed (withdrawn)");
    /* a withdrawn case may still be rated, once */
    OK(desk_evaluate(s, &who, id, DESK_RATE_SATISFIED, NULL, err, sizeof err));
    REFUSED(desk_withdraw(s, &who, "000000-T01-20261123-9999", NULL, &r, err, sizeof err),
            "there is no case 000000-T01-20261123-9999");
    REFUSED(desk_withdraw(s, &who, "no-such-number", NULL, &r, err, sizeof err), "case number no-such-number");
}

static void a_reprint_repeats_the_last_notice_of_its_kind(void **state)
{
    (void)state;
    char id[CASENUM_LEN];
    desk_result r;
    supplement_case(id, (const int[]){2, 5}, 2, &r);
    REFUSED(desk_reprint(s, &who, id, NOTICE_ACCEPTANCE, err, sizeof err), "has no acceptance notice to reprint");
    REFUSED(desk_reprint(s, &who, id, (notice_kind)17, err, sizeof err), "unknown notice kind");
    OK(desk_reprint(s, &who, id, NOTICE_SUPPLEMENT, err, sizeof err));
    assert_int_equal(fx_num(s, "SELECT count(*) FROM notices WHERE case_id = ?1", id), 2);
    assert_string_equal(fx_value(s, "SELECT kind || ' ' || materials || ' ' || reprint || ' ' || breaches FROM notices "
                                    "WHERE case_id = ?1 ORDER BY event_seq DESC LIMIT 1", id),
                        "supplement [2,5] 1 0");
    /* a deferral notice is reprinted with its deadline */
    char d[CASENUM_LEN];
    ck_entry e[5];
    number(d);
    desk_intake in = intake(d, "MZ-03", e, 5, CK_DEFER);
    e[4].status = CK_MISSING;
    in.defer_deadline = (gdate){2026, 12, 4};
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    OK(desk_reprint(s, &who, d, NOTICE_DEFERRAL, err, sizeof err));
    assert_string_equal(fx_value(s, "SELECT materials || ' ' || deadline || ' ' || reprint FROM notices "
                                    "WHERE case_id = ?1 ORDER BY event_seq DESC LIMIT 1", d),
                        "[5] 2026-12-04 1");
}

static void enquiries_are_answered_or_referred_to_another_window(void **state)
{
    (void)state;
    OK(desk_enquiry(s, &who, "mz-01", "低保需要哪些材料？", NULL, "张三", "13800138000", err, sizeof err));
    assert_string_equal(fx_value(s, "SELECT window_id || ' ' || item || ' ' || outcome || ' ' || applicant_phone "
                                    "FROM enquiries ORDER BY event_seq DESC LIMIT 1", NULL),
                        "W01 MZ-01 answered 13800138000");
    OK(desk_enquiry(s, &who, NULL, "办理不动产登记", "w02", NULL, NULL, err, sizeof err));
    assert_string_equal(fx_value(s, "SELECT outcome || ' ' || referred_to || ' ' || question FROM enquiries "
                                    "ORDER BY event_seq DESC LIMIT 1", NULL),
                        "referred W02 办理不动产登记");
    REFUSED(desk_enquiry(s, &who, NULL, "问题", "W09", NULL, NULL, err, sizeof err), "there is no window W09");
    REFUSED(desk_enquiry(s, &who, NULL, "问题", "W01", NULL, NULL, err, sizeof err),
            "cannot be referred to the window it was asked at");
    desk_who nowhere = who;
    nowhere.window = NULL;
    REFUSED(desk_enquiry(s, &nowhere, NULL, "问题", "W02", NULL, NULL, err, sizeof err), "no window is set");
    REFUSED(desk_enquiry(s, &who, NULL, " ", NULL, NULL, NULL, err, sizeof err), "the question is required");
    REFUSED(desk_enquiry(s, &who, NULL, "问题", NULL, NULL, "110", err, sizeof err), "telephone: ");
    REFUSED(desk_enquiry(s, &who, "XX-99", "问题", NULL, NULL, NULL, err, sizeof err), "item XX-99");
    desk_who nobody = who;
    nobody.staff = 0;
    REFUSED(desk_enquiry(s, &nobody, NULL, "问题", NULL, NULL, NULL, err, sizeof err), "nobody is logged in");
    assert_int_equal(fx_num(s, "SELECT count(*) FROM enquiries", NULL), 2);
}

/* ---- the batch limit and the translator --------------------------------------------------------- */

/* An item of 64 materials (CK_MAX_MATERIALS): received, 64 checks, accepted and its notice in one action. */
static void an_item_with_64_materials_is_recorded_in_one_action(void **state)
{
    (void)state;
    char ini[160];
    snprintf(ini, sizeof ini, "%s/big.ini", dir);
    FILE *f = fopen(ini, "w");
    assert_non_null(f);
    fprintf(f, "[item.BIG-01]\nname = 多材料事项\nkind = 行政许可\ndepartment = 乡政府\nauthority = 乡政府\n"
               "class = promised\nbasis = 某办法\nconditions = 符合条件\nobject = 自然人\nstatutory_days = 20\n"
               "promised_days = 10\nresult = 审批决定\nfee = 不收费\nprocedure = 受理审核\nhandling = 窗口办理\n"
               "place = 大厅\nhours = 工作日\ncontact = 0910-5550100\ncomplaint = 12345\n");
    for (int i = 1; i <= CK_MAX_MATERIALS; i++)
        fprintf(f, "[material.BIG-01.%d]\nname = 材料%d\nform = copy\ncopies = 1\nkind = essential\n", i, i);
    fclose(f);
    catalog_report rep;
    if (catalog_import(s, ini, &rep) != 0)
        fail_msg("%s", rep.nerrors ? rep.errors[0] : store_errmsg(s));
    char id[CASENUM_LEN];
    ck_entry e[CK_MAX_MATERIALS];
    desk_result r;
    number(id);
    desk_intake in = intake(id, "BIG-01", e, CK_MAX_MATERIALS, CK_ACCEPT);
    int64_t before = fx_events(s);
    OK(desk_receive(s, &who, &in, &r, err, sizeof err));
    assert_int_equal(fx_events(s) - before, 1 + CK_MAX_MATERIALS + 2);
    assert_int_equal(fx_num(s, "SELECT count(*) FROM case_materials WHERE case_id = ?1", id), CK_MAX_MATERIALS);
    assert_int_equal(r.notice, NOTICE_ACCEPTANCE);
}

static const char *to_upper_tr(const char *msgid)
{
    if (strcmp(msgid, "case %s is closed (%s)") == 0)
        return "办件 %s 已终结（%s）";
    if (strcmp(msgid, "withdrawn") == 0)
        return "已撤回";
    return msgid;
}

static void messages_go_through_the_translator(void **state)
{
    (void)state;
    char id[CASENUM_LEN], msg[DESK_ERR_LEN];
    desk_result r;
    accepted_case(id);
    OK(desk_withdraw(s, &who, id, NULL, &r, err, sizeof err));
    desk_set_translator(to_upper_tr);
    REFUSED(desk_deliver(s, &who, id, &r, err, sizeof err), "已终结");
    snprintf(msg, sizeof msg, "办件 %s 已终结（已撤回）", id);
    assert_string_equal(err, msg);
    desk_set_translator(NULL);
    REFUSED(desk_deliver(s, &who, id, &r, err, sizeof err), "is closed (withdrawn)");
    assert_string_equal(desk_rating_name(DESK_RATE_VERY_DISSATISFIED), "very_dissatisfied");
    assert_string_equal(desk_rating_label(DESK_RATE_BASIC), "basically satisfied");
    assert_null(desk_rating_name((desk_rating)0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_immediate_case_is_concluded_on_the_spot, setup, teardown),
        cmocka_unit_test_setup_teardown(a_promised_date_counts_working_days_across_the_holidays, setup, teardown),
        cmocka_unit_test_setup_teardown(deferred_acceptance_lists_the_outstanding_materials_and_their_deadline, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(supplement_names_every_missing_and_defective_material_then_resume_completes,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(resume_still_missing_counts_a_new_material_as_a_breach, setup, teardown),
        cmocka_unit_test_setup_teardown(an_immediate_case_resumed_complete_is_concluded, setup, teardown),
        cmocka_unit_test_setup_teardown(a_rejection_needs_reason_and_basis_and_nothing_is_recorded_without, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_outcome_the_checklist_does_not_allow_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_bad_id_number_is_refused_with_its_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(an_organisations_bad_code_needs_an_override_with_a_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(conclude_deliver_and_evaluate_happen_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_referred_case_is_decided_only_after_forwarding, setup, teardown),
        cmocka_unit_test_setup_teardown(withdrawal_closes_the_case, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reprint_repeats_the_last_notice_of_its_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(enquiries_are_answered_or_referred_to_another_window, setup, teardown),
        cmocka_unit_test_setup_teardown(an_item_with_64_materials_is_recorded_in_one_action, setup, teardown),
        cmocka_unit_test_setup_teardown(messages_go_through_the_translator, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
