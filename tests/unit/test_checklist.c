/* test_checklist.c - intake decisions from the materials checklist: 受理,
 * 容缺受理 (seed 001 篇四 (十)5), 补正 with every problem at once (篇十三 §10(4),
 * 行政许可法 第三十二条(四)), 不予受理 with reason and basis, and the
 * 一次性告知 rule (seed 003 第五章 公开办事 (二)). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/checklist.h"

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

/* 结婚登记 (seed 001 篇四: 民政办 ⑥结婚登记), a 即办件; materials per 婚姻登记条例
 * 第五条 (身份证, 签字声明) and the usual joint photos. */
static const ck_material marriage[] = {
    {1, "男方居民身份证", CK_ESSENTIAL, false},
    {2, "女方居民身份证", CK_ESSENTIAL, false},
    {3, "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明", CK_ESSENTIAL, false},
    {4, "2张2寸近期半身免冠合影照片", CK_AUXILIARY, true},
};

/* 城市和农村最低生活保障对象的初审 (seed 001 篇四: 民政办 ①), a 承诺件. */
static const ck_material dibao[] = {
    {1, "最低生活保障申请书", CK_ESSENTIAL, false},
    {2, "户口簿", CK_ESSENTIAL, false},
    {3, "申请人居民身份证", CK_ESSENTIAL, false},
    {4, "家庭成员收入证明", CK_AUXILIARY, true},
    {5, "家庭经济状况核对授权书", CK_ESSENTIAL, false},
    {6, "残疾证或疾病诊断证明", CK_AUXILIARY, false},
};
#define NDIBAO (sizeof dibao / sizeof dibao[0])

static const ck_entry P = {CK_PRESENT, NULL};
static const ck_entry M = {CK_MISSING, NULL};

static ck_entry defective(const char *note)
{
    ck_entry e = {CK_DEFECTIVE, note};
    return e;
}

/* ---- 受理 ----------------------------------------------------------------------- */

/* "申请材料齐全且符合法定形式的，应当场登记受理" (篇十三 §10(4)). */
static void marriage_complete_is_accepted_on_the_spot(void **state)
{
    (void)state;
    ck_entry e[] = {P, P, P, P};
    ck_decision d;
    assert_int_equal(ck_decide(marriage, 4, e, 4, CASE_CLASS_IMMEDIATE, &d), CK_OK);
    assert_true(d.allowed[CK_ACCEPT]);
    assert_int_equal(d.why[CK_ACCEPT], CK_WHY_ALLOWED);
    assert_false(d.allowed[CK_DEFER]);
    assert_int_equal(d.why[CK_DEFER], CK_WHY_IMMEDIATE);
    assert_false(d.allowed[CK_SUPPLEMENT]);
    assert_int_equal(d.why[CK_SUPPLEMENT], CK_WHY_NOTHING_OUTSTANDING);
    assert_true(d.allowed[CK_REJECT]);
    assert_int_equal(d.nsupplement, 0);
}

/* ---- 容缺受理 --------------------------------------------------------------------- */

/* "容缺办理制度。即办件除外" (篇四 (十)5): even a deferrable auxiliary material
 * cannot be deferred on a 即办件; 补正 it is. */
static void immediate_case_missing_auxiliary_cannot_defer(void **state)
{
    (void)state;
    ck_entry e[] = {P, P, P, M};
    ck_decision d;
    assert_int_equal(ck_decide(marriage, 4, e, 4, CASE_CLASS_IMMEDIATE, &d), CK_OK);
    assert_false(d.allowed[CK_DEFER]);
    assert_int_equal(d.why[CK_DEFER], CK_WHY_IMMEDIATE);
    assert_string_equal(ck_why_reason(d.why[CK_DEFER]), "deferred acceptance is not allowed for immediate cases");
    assert_false(d.allowed[CK_ACCEPT]);
    assert_int_equal(d.why[CK_ACCEPT], CK_WHY_MISSING);
    assert_int_equal(d.why_index[CK_ACCEPT], 4);
    assert_true(d.allowed[CK_SUPPLEMENT]);
    assert_int_equal(d.nsupplement, 1);
    assert_int_equal(d.supplement[0].index, 4);
    ck_deferral n;
    assert_int_equal(ck_deferral_notice(&d, D(2026, 5, 20), D(2026, 5, 27), &n), CK_E_NOT_DEFERRABLE);
}

/* 低保 missing its income proof (副件, 容缺 allowed by the guide): 容缺受理 is open,
 * and so is 补正; acceptance is not. */
static void dibao_missing_income_proof_may_be_deferred(void **state)
{
    (void)state;
    ck_entry e[] = {P, P, P, M, P, P};
    ck_decision d;
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_OK);
    assert_true(d.allowed[CK_DEFER]);
    assert_true(d.allowed[CK_SUPPLEMENT]);
    assert_false(d.allowed[CK_ACCEPT]);
    assert_int_equal(d.why_index[CK_ACCEPT], 4);

    /* the 容缺 notice: what to bring and by when */
    ck_deferral n;
    assert_int_equal(ck_deferral_notice(&d, D(2026, 3, 2), D(2026, 3, 16), &n), CK_OK);
    assert_int_equal(n.nlines, 1);
    assert_int_equal(n.lines[0].index, 4);
    assert_string_equal(n.lines[0].name, "家庭成员收入证明");
    assert_int_equal(n.lines[0].status, CK_MISSING);
    assert_int_equal(date_cmp(n.deadline, D(2026, 3, 16)), 0);
}

/* The same material, not deferrable under the guide: 补正 only. */
static void dibao_income_proof_not_deferrable_means_supplement(void **state)
{
    (void)state;
    ck_material mats[NDIBAO];
    memcpy(mats, dibao, sizeof mats);
    mats[3].deferrable = false;
    ck_entry e[] = {P, P, P, M, P, P};
    ck_decision d;
    assert_int_equal(ck_decide(mats, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_OK);
    assert_false(d.allowed[CK_DEFER]);
    assert_int_equal(d.why[CK_DEFER], CK_WHY_NOT_DEFERRABLE);
    assert_int_equal(d.why_index[CK_DEFER], 4);
    assert_true(ck_why_names_material(d.why[CK_DEFER]));
    assert_true(d.allowed[CK_SUPPLEMENT]);
    /* one deferrable and one not: still refused, naming the one that is not */
    ck_entry e2[] = {P, P, P, M, P, M};
    assert_int_equal(ck_decide(dibao, NDIBAO, e2, NDIBAO, CASE_CLASS_JOINT, &d), CK_OK);
    assert_false(d.allowed[CK_DEFER]);
    assert_int_equal(d.why_index[CK_DEFER], 6);
}

/* "主件齐全且符合法定形式": a missing essential material closes 容缺 and is named. */
static void missing_essential_blocks_deferral_and_is_named(void **state)
{
    (void)state;
    ck_entry e[] = {P, M, P, M, P, P};
    ck_decision d;
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_OK);
    assert_false(d.allowed[CK_DEFER]);
    assert_int_equal(d.why[CK_DEFER], CK_WHY_ESSENTIAL_MISSING);
    assert_int_equal(d.why_index[CK_DEFER], 2);
    assert_non_null(strstr(ck_why_reason(d.why[CK_DEFER]), "essential material no. %d is missing"));
    assert_int_equal(d.n_essential_missing, 1);
    /* 补正 (the brief's reading of 主件缺少 at intake) names both */
    assert_true(d.allowed[CK_SUPPLEMENT]);
    assert_int_equal(d.nsupplement, 2);
    assert_int_equal(d.supplement[0].index, 2);
    assert_int_equal(d.supplement[1].index, 4);
}

/* Every essential material brought, but one not in legal form: no 容缺. */
static void defective_essential_blocks_deferral(void **state)
{
    (void)state;
    ck_entry e[] = {P, P, defective("身份证已过有效期"), M, P, P};
    ck_decision d;
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_OK);
    assert_int_equal(d.n_essential_missing, 0);
    assert_int_equal(d.n_essential_defective, 1);
    assert_false(d.allowed[CK_DEFER]);
    assert_int_equal(d.why[CK_DEFER], CK_WHY_ESSENTIAL_DEFECTIVE);
    assert_int_equal(d.why_index[CK_DEFER], 3);
    assert_false(d.allowed[CK_ACCEPT]);
    assert_int_equal(d.why[CK_ACCEPT], CK_WHY_DEFECTIVE);
    assert_int_equal(d.why_index[CK_ACCEPT], 3);
    assert_int_equal(d.nsupplement, 2);
    assert_string_equal(d.supplement[0].note, "身份证已过有效期");
    assert_int_equal(d.supplement[0].status, CK_DEFECTIVE);
}

/* A defective deferrable auxiliary material may be deferred like a missing one
 * ("副件尚不完备"); with nothing outstanding, 容缺 has nothing to defer. */
static void defective_auxiliary_may_be_deferred(void **state)
{
    (void)state;
    ck_entry e[] = {P, P, P, defective("未加盖村委会公章"), P, P};
    ck_decision d;
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_OK);
    assert_true(d.allowed[CK_DEFER]);
    ck_entry all[] = {P, P, P, P, P, P};
    assert_int_equal(ck_decide(dibao, NDIBAO, all, NDIBAO, CASE_CLASS_PROMISED, &d), CK_OK);
    assert_false(d.allowed[CK_DEFER]);
    assert_int_equal(d.why[CK_DEFER], CK_WHY_NOTHING_OUTSTANDING);
    assert_true(d.allowed[CK_ACCEPT]);
}

/* The deferral deadline must be a real day after today. */
static void deferral_deadline_is_checked(void **state)
{
    (void)state;
    ck_entry e[] = {P, P, P, M, P, P};
    ck_decision d;
    ck_deferral n;
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_OK);
    assert_int_equal(ck_deferral_notice(&d, D(2026, 3, 2), D(2026, 3, 2), &n), CK_E_DEADLINE_PAST);
    assert_int_equal(ck_deferral_notice(&d, D(2026, 3, 2), D(2026, 2, 27), &n), CK_E_DEADLINE_PAST);
    assert_int_equal(ck_deferral_notice(&d, D(2026, 3, 2), D(2026, 2, 30), &n), CK_E_DEADLINE);
    assert_int_equal(ck_deferral_notice(NULL, D(2026, 3, 2), D(2026, 3, 9), &n), CK_E_NULL);
}

/* ---- 补正: 一次性告知需要补正的全部内容 ------------------------------------------------ */

static void supplement_lists_every_problem_at_once(void **state)
{
    (void)state;
    ck_entry e[] = {defective("未签名"), P, M, M, defective("授权书缺少配偶签字"), M};
    ck_decision d;
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_OK);
    assert_true(d.allowed[CK_SUPPLEMENT]);
    assert_int_equal(d.nsupplement, 5);
    const int want[] = {1, 3, 4, 5, 6};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(d.supplement[i].index, want[i]);
        assert_string_equal(d.supplement[i].name, dibao[want[i] - 1].name);
    }
    assert_string_equal(d.supplement[0].note, "未签名");
    assert_string_equal(d.supplement[1].note, "");
    assert_string_equal(d.supplement[3].note, "授权书缺少配偶签字");
    assert_int_equal(d.n_missing, 3);
    assert_int_equal(d.n_defective, 2);
    assert_int_equal(d.n_essential_missing, 1);
    assert_int_equal(d.n_essential_defective, 2);
    assert_int_equal(d.why[CK_ACCEPT], CK_WHY_DEFECTIVE);
    assert_int_equal(d.why_index[CK_ACCEPT], 1);
    assert_int_equal(d.why[CK_DEFER], CK_WHY_ESSENTIAL_DEFECTIVE);
    assert_int_equal(d.why_index[CK_DEFER], 1);
}

/* ---- 不予受理: "应说明理由和依据" ------------------------------------------------------ */

static void reject_needs_reason_and_basis(void **state)
{
    (void)state;
    const char *reason = "申请事项依法不属于本行政机关职权范围";
    const char *basis = "《中华人民共和国行政许可法》第三十二条第一款第(二)项";
    assert_int_equal(ck_reject_check(reason, basis), CK_OK);
    assert_int_equal(ck_reject_check("", basis), CK_E_REJECT_REASON);
    assert_int_equal(ck_reject_check(NULL, basis), CK_E_REJECT_REASON);
    assert_int_equal(ck_reject_check(reason, ""), CK_E_REJECT_BASIS);
    assert_int_equal(ck_reject_check(reason, NULL), CK_E_REJECT_BASIS);
    assert_int_equal(ck_reject_check(reason, " \t\n"), CK_E_REJECT_BASIS);
    assert_int_equal(ck_reject_check("\xE3\x80\x80\xE3\x80\x80", basis), CK_E_REJECT_REASON); /* 全角空格 */
    assert_int_equal(ck_reject_check("\xE3\x80", basis), CK_OK); /* a truncated byte is not blank */
    ck_entry e[] = {P, P, P, P};
    ck_decision d;
    assert_int_equal(ck_decide(marriage, 4, e, 4, CASE_CLASS_IMMEDIATE, &d), CK_OK);
    assert_true(d.allowed[CK_REJECT]);
}

/* ---- 一次性告知 rule ------------------------------------------------------------------ */

/* Materials named by a later request but not by the first notice are breaches;
 * those named the first time and still missing or defective are not. */
static void later_request_naming_new_materials_is_flagged(void **state)
{
    (void)state;
    const int first[] = {4, 6};
    const int later[] = {4, 2, 6, 5, 2};
    int out[5];
    size_t n = 99;
    assert_int_equal(ck_one_time_violations(first, 2, later, 5, out, 5, &n), CK_OK);
    assert_int_equal(n, 2);
    assert_int_equal(out[0], 2);
    assert_int_equal(out[1], 5);

    const int same[] = {6, 4};
    assert_int_equal(ck_one_time_violations(first, 2, same, 2, out, 5, &n), CK_OK);
    assert_int_equal(n, 0);

    assert_int_equal(ck_one_time_violations(first, 2, later, 5, out, 1, &n), CK_E_CAPACITY);
    assert_int_equal(n, 2);
    assert_int_equal(out[0], 2);
    assert_int_equal(ck_one_time_violations(first, 2, later, 5, NULL, 5, &n), CK_E_NULL);
}

/* The 低保 applicant comes back with the income proof; the clerk now finds the
 * 户口簿 page missing, which the first notice did not mention: a breach that
 * sent the applicant on an extra trip (seed 003 第五章 公开办事 (二)). */
static void second_visit_scenario_flags_the_unnamed_material(void **state)
{
    (void)state;
    ck_entry first_visit[] = {P, P, P, M, P, P};
    ck_decision d1;
    assert_int_equal(ck_decide(dibao, NDIBAO, first_visit, NDIBAO, CASE_CLASS_PROMISED, &d1), CK_OK);
    int first[CK_MAX_MATERIALS];
    for (size_t i = 0; i < d1.nsupplement; i++)
        first[i] = d1.supplement[i].index;

    ck_entry second_visit[] = {P, defective("缺少申请人本人户籍页"), P, P, P, P};
    ck_decision d2;
    assert_int_equal(ck_decide(dibao, NDIBAO, second_visit, NDIBAO, CASE_CLASS_PROMISED, &d2), CK_OK);
    int later[CK_MAX_MATERIALS];
    for (size_t i = 0; i < d2.nsupplement; i++)
        later[i] = d2.supplement[i].index;

    int out[CK_MAX_MATERIALS];
    size_t n;
    assert_int_equal(ck_one_time_violations(first, d1.nsupplement, later, d2.nsupplement, out, CK_MAX_MATERIALS, &n),
                     CK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 2);
}

/* ---- input validation ------------------------------------------------------------------ */

static void malformed_input_gives_error_codes(void **state)
{
    (void)state;
    ck_entry e[NDIBAO] = {P, P, P, P, P, P};
    ck_decision d;
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO - 1, CASE_CLASS_PROMISED, &d), CK_E_LENGTH);
    assert_int_equal(ck_decide(dibao, 0, e, 0, CASE_CLASS_PROMISED, &d), CK_E_NO_MATERIALS);
    assert_int_equal(ck_decide(dibao, CK_MAX_MATERIALS + 1, e, CK_MAX_MATERIALS + 1, CASE_CLASS_PROMISED, &d),
                     CK_E_TOO_MANY);
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, (case_class)7, &d), CK_E_CLASS);
    assert_int_equal(ck_decide(NULL, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_NULL);
    assert_int_equal(ck_decide(dibao, NDIBAO, NULL, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_NULL);
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, NULL), CK_E_NULL);

    e[2].status = (ck_presence)7;
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_STATUS);
    assert_int_equal(d.bad, 2);
    e[2] = defective("   ");
    assert_int_equal(ck_decide(dibao, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_NOTE);
    assert_int_equal(d.bad, 2);
    e[2] = P;

    ck_material m[NDIBAO];
    memcpy(m, dibao, sizeof m);
    m[4].kind = (ck_kind)5;
    assert_int_equal(ck_decide(m, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_KIND);
    assert_int_equal(d.bad, 4);
    memcpy(m, dibao, sizeof m);
    m[5].index = 2;
    assert_int_equal(ck_decide(m, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_DUP_INDEX);
    assert_int_equal(d.bad, 5);
    memcpy(m, dibao, sizeof m);
    m[0].index = 0;
    assert_int_equal(ck_decide(m, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_INDEX);
    memcpy(m, dibao, sizeof m);
    m[1].name = "";
    assert_int_equal(ck_decide(m, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_NAME);
    m[1].name = NULL;
    assert_int_equal(ck_decide(m, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_NAME);
    memcpy(m, dibao, sizeof m);
    m[0].deferrable = true;
    assert_int_equal(ck_decide(m, NDIBAO, e, NDIBAO, CASE_CLASS_PROMISED, &d), CK_E_ESSENTIAL_DEFERRABLE);
    assert_int_equal(d.bad, 0);
}

/* Messages: every reason that names a material carries exactly the %d for it. */
static void messages_are_specific(void **state)
{
    (void)state;
    for (int w = 0; w < CK_WHY_COUNT; w++) {
        const char *msg = ck_why_reason((ck_why)w);
        assert_non_null(msg);
        assert_int_equal(strstr(msg, "%d") != NULL, ck_why_names_material((ck_why)w));
    }
    for (int s = 0; s < CK_STATUS_COUNT; s++)
        for (int t = 0; t < s; t++)
            assert_string_not_equal(ck_status_reason((ck_status)s), ck_status_reason((ck_status)t));
    assert_string_equal(ck_outcome_name(CK_DEFER), "defer");
    assert_null(ck_outcome_name(CK_OUTCOME_COUNT));
    assert_non_null(ck_outcome_label(CK_SUPPLEMENT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(marriage_complete_is_accepted_on_the_spot),
        cmocka_unit_test(immediate_case_missing_auxiliary_cannot_defer),
        cmocka_unit_test(dibao_missing_income_proof_may_be_deferred),
        cmocka_unit_test(dibao_income_proof_not_deferrable_means_supplement),
        cmocka_unit_test(missing_essential_blocks_deferral_and_is_named),
        cmocka_unit_test(defective_essential_blocks_deferral),
        cmocka_unit_test(defective_auxiliary_may_be_deferred),
        cmocka_unit_test(deferral_deadline_is_checked),
        cmocka_unit_test(supplement_lists_every_problem_at_once),
        cmocka_unit_test(reject_needs_reason_and_basis),
        cmocka_unit_test(later_request_naming_new_materials_is_flagged),
        cmocka_unit_test(second_visit_scenario_flags_the_unnamed_material),
        cmocka_unit_test(malformed_input_gives_error_codes),
        cmocka_unit_test(messages_are_specific),
    };
    return cmocka_run_group_tests_name("checklist", tests, NULL, NULL);
}
