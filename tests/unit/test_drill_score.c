/* test_drill_score.c - drills, the pure part: what the rules expect of each
 * simulated applicant (core/drill_expect.c, from ck_decide: 受理 / 容缺受理
 * seed 001 篇四 (十)5 / 补正 with every problem at once 篇十三 §10(4) / 不予受理)
 * and the score of what the trainee did (core/drill_score.c, the Points table
 * of docs/drills.md).  Every figure is worked out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/drill.h"

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

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

/* 结婚登记, a 即办件 (seed 001 篇四: 民政办 ⑥). */
static const ck_material marriage[] = {
    {1, "男方居民身份证", CK_ESSENTIAL, false},
    {2, "女方居民身份证", CK_ESSENTIAL, false},
    {3, "签字声明", CK_ESSENTIAL, false},
    {4, "2张2寸近期半身免冠合影照片", CK_AUXILIARY, true},
};
#define NMARRIAGE (sizeof marriage / sizeof marriage[0])

#define CARD "511425198003150024"
#define FORM "511425198003150042" /* the last two digits swapped */

/* An applicant for 低保 who hands over the materials listed (all present). */
static void applicant(drill_applicant *a, const int *present, size_t n)
{
    memset(a, 0, sizeof *a);
    strcpy(a->key, "a1");
    strcpy(a->name, "张秀英");
    strcpy(a->id_card, CARD);
    strcpy(a->item, "MZ-01");
    a->day = 1;
    a->target_seconds = 300;
    for (size_t i = 0; i < n; i++) {
        a->brought[i].index = present[i];
        a->brought[i].status = CK_PRESENT;
        strcpy(a->brought[i].said, "材料");
    }
    a->nbrought = n;
}

static void add_defective(drill_applicant *a, int index, const char *said)
{
    drill_brought *b = &a->brought[a->nbrought++];
    b->index = index;
    b->status = CK_DEFECTIVE;
    strcpy(b->said, said);
}

/* What a perfect trainee does for expectation e: the same outcome, list and date, the card's ID. */
static void perfect(const drill_applicant *a, const drill_expect *e, drill_actual *act)
{
    memset(act, 0, sizeof *act);
    act->seen = true;
    act->decided = true;
    act->outcome = e->outcome;
    memcpy(act->named, e->named, sizeof act->named);
    act->nnamed = e->nnamed;
    act->has_due = e->has_due;
    act->due = e->due;
    strcpy(act->id_recorded, a->id_card);
    act->handoff_done = a->handoff_after;
    act->return_done = a->return_day > 0;
    act->seconds = 120;
}

static const int ALL6[] = {1, 2, 3, 4, 5, 6};

/* ---- expectation -------------------------------------------------------------- */

/* Everything handed over in order: 当场登记受理 (篇十三 §10(4)), with the promised date passed in. */
static void all_present_is_accept_with_due(void **state)
{
    (void)state;
    drill_applicant a;
    applicant(&a, ALL6, 6);
    drill_expect e;
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, true, D(2026, 3, 16), &e), CK_OK);
    assert_int_equal(e.outcome, CK_ACCEPT);
    assert_int_equal(e.nnamed, 0);
    assert_true(e.has_due);
    assert_int_equal(date_cmp(e.due, D(2026, 3, 16)), 0);
    assert_false(e.id_trap);
}

/* Only the income proof (4, a deferrable 副件) missing on a 承诺件: 容缺受理 (篇四 (十)5),
 * and the 容缺 notice names exactly material 4; the case is accepted so it has its date. */
static void deferrable_auxiliary_missing_is_defer_naming_it(void **state)
{
    (void)state;
    static const int brought[] = {1, 2, 3, 5, 6};
    drill_applicant a;
    applicant(&a, brought, 5);
    drill_expect e;
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, true, D(2026, 3, 16), &e), CK_OK);
    assert_int_equal(e.outcome, CK_DEFER);
    assert_int_equal(e.nnamed, 1);
    assert_int_equal(e.named[0], 4);
    assert_true(e.has_due);
}

/* 户口簿 (2, 主件) missing, 4 missing, 6 brought but illegible: 容缺 is closed by the missing
 * 主件, so 补正 naming all three at once, ascending: 2, 4, 6.  No due date: not accepted,
 * even if the caller passes one. */
static void essential_missing_is_supplement_naming_all(void **state)
{
    (void)state;
    static const int brought[] = {1, 3, 5};
    drill_applicant a;
    applicant(&a, brought, 3);
    add_defective(&a, 6, "诊断证明没有盖章");
    drill_expect e;
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, true, D(2026, 3, 16), &e), CK_OK);
    assert_int_equal(e.outcome, CK_SUPPLEMENT);
    assert_int_equal(e.nnamed, 3);
    assert_int_equal(e.named[0], 2);
    assert_int_equal(e.named[1], 4);
    assert_int_equal(e.named[2], 6);
    assert_false(e.has_due);
}

/* A guide that lists its materials out of order (3, 1, 2): the named list still comes ascending. */
static void named_list_is_ascending_whatever_the_guide_order(void **state)
{
    (void)state;
    static const ck_material shuffled[] = {
        {3, "签字声明", CK_ESSENTIAL, false},
        {1, "男方居民身份证", CK_ESSENTIAL, false},
        {2, "女方居民身份证", CK_ESSENTIAL, false},
    };
    drill_applicant a;
    applicant(&a, NULL, 0); /* nothing handed over: 3, 1, 2 in the guide's order */
    drill_expect e;
    assert_int_equal(drill_expect_for(&a, shuffled, 3, CASE_CLASS_IMMEDIATE, false, D(2026, 3, 2), &e), CK_OK);
    assert_int_equal(e.outcome, CK_SUPPLEMENT);
    assert_int_equal(e.nnamed, 3);
    assert_int_equal(e.named[0], 1);
    assert_int_equal(e.named[1], 2);
    assert_int_equal(e.named[2], 3);
}

/* "容缺办理制度。即办件除外" (篇四 (十)5): the photos (deferrable) missing on a 结婚登记 is 补正. */
static void immediate_item_missing_auxiliary_is_supplement(void **state)
{
    (void)state;
    static const int brought[] = {1, 2, 3};
    drill_applicant a;
    applicant(&a, brought, 3);
    drill_expect e;
    assert_int_equal(drill_expect_for(&a, marriage, NMARRIAGE, CASE_CLASS_IMMEDIATE, false, D(2026, 3, 2), &e),
                     CK_OK);
    assert_int_equal(e.outcome, CK_SUPPLEMENT);
    assert_int_equal(e.nnamed, 1);
    assert_int_equal(e.named[0], 4);
    assert_false(e.has_due);
}

/* An ineligible request is refused whatever was handed over: nothing named, no date. */
static void ineligible_is_reject(void **state)
{
    (void)state;
    drill_applicant a;
    applicant(&a, ALL6, 6);
    a.ineligible = true;
    strcpy(a.ineligible_why, "户籍不在本镇，应到户籍地申请");
    drill_expect e;
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, true, D(2026, 3, 16), &e), CK_OK);
    assert_int_equal(e.outcome, CK_REJECT);
    assert_int_equal(e.nnamed, 0);
    assert_false(e.has_due);
}

/* The trap: a form number that differs from the card; the same number or none is no trap. */
static void id_trap_when_form_differs_from_card(void **state)
{
    (void)state;
    drill_applicant a;
    applicant(&a, ALL6, 6);
    drill_expect e;
    strcpy(a.id_form, FORM);
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, false, D(2026, 3, 2), &e), CK_OK);
    assert_true(e.id_trap);
    strcpy(a.id_form, CARD);
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, false, D(2026, 3, 2), &e), CK_OK);
    assert_false(e.id_trap);
    a.id_form[0] = '\0';
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, false, D(2026, 3, 2), &e), CK_OK);
    assert_false(e.id_trap);
}

/* Bad input changes nothing: a material the item does not list, a bad due date, NULLs. */
static void bad_input_leaves_the_expectation_alone(void **state)
{
    (void)state;
    static const int brought[] = {1, 2, 9};
    drill_applicant a;
    applicant(&a, brought, 3);
    drill_expect e;
    memset(&e, 0x5a, sizeof e);
    drill_expect before = e;
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, false, D(2026, 3, 2), &e),
                     CK_E_INDEX);
    assert_memory_equal(&e, &before, sizeof e);
    applicant(&a, ALL6, 6);
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, true, D(2026, 2, 30), &e),
                     CK_E_DEADLINE);
    assert_memory_equal(&e, &before, sizeof e);
    assert_int_equal(drill_expect_for(NULL, dibao, NDIBAO, CASE_CLASS_PROMISED, false, D(2026, 3, 2), &e),
                     CK_E_NULL);
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, false, D(2026, 3, 2), NULL),
                     CK_E_NULL);
    assert_int_equal(drill_expect_for(&a, dibao, 0, CASE_CLASS_PROMISED, false, D(2026, 3, 2), &e),
                     CK_E_INDEX); /* the brought materials are not in an empty item */
    assert_memory_equal(&e, &before, sizeof e);
}

/* ---- the table ------------------------------------------------------------------ */

/* The Points table, and every kind has its own name and an English reason. */
static void points_names_and_reasons(void **state)
{
    (void)state;
    assert_int_equal(drill_points(DRILL_D_NO_CASE), 100);
    assert_int_equal(drill_points(DRILL_D_OUTCOME), 40);
    assert_int_equal(drill_points(DRILL_D_LEFT_OUT), 15);
    assert_int_equal(drill_points(DRILL_D_ASKED_PRESENT), 10);
    assert_int_equal(drill_points(DRILL_D_DEADLINE), 10);
    assert_int_equal(drill_points(DRILL_D_ID_NOT_CAUGHT), 20);
    assert_int_equal(drill_points(DRILL_D_NO_HANDOFF), 20);
    assert_int_equal(drill_points(DRILL_D_RETURN), 20);
    assert_int_equal(drill_points(DRILL_D_SLOW), 1);
    assert_int_equal(drill_points(DRILL_D_KIND_COUNT), 0);
    assert_string_equal(drill_deduction_name(DRILL_D_LEFT_OUT), "left_out");
    assert_string_equal(drill_deduction_name(DRILL_D_ID_NOT_CAUGHT), "id_not_caught");
    assert_string_equal(drill_deduction_reason(DRILL_D_LEFT_OUT),
                        "the notice left out a material the applicant had not handed over (one-time notice rule)");
    for (int k = 0; k < DRILL_D_KIND_COUNT; k++) {
        assert_string_not_equal(drill_deduction_name((drill_deduction_kind)k), "unknown");
        assert_string_not_equal(drill_deduction_reason((drill_deduction_kind)k), "unknown deduction");
        for (int j = 0; j < k; j++)
            assert_string_not_equal(drill_deduction_name((drill_deduction_kind)k),
                                    drill_deduction_name((drill_deduction_kind)j));
    }
    assert_string_equal(drill_deduction_name(DRILL_D_KIND_COUNT), "unknown");
}

/* ---- scoring one applicant ----------------------------------------------------- */

/* s holds exactly one deduction, of this kind and points, and the score left. */
static void only_deduction(const drill_score *s, int score, drill_deduction_kind kind, int points)
{
    assert_int_equal(s->score, score);
    assert_int_equal(s->nd, 1);
    assert_int_equal(s->d[0].kind, kind);
    assert_int_equal(s->d[0].points, points);
}

/* Expectation for a 低保 applicant who handed over `brought` (all present). */
static void expect_dibao(drill_applicant *a, const int *brought, size_t n, drill_expect *e)
{
    applicant(a, brought, n);
    assert_int_equal(drill_expect_for(a, dibao, NDIBAO, CASE_CLASS_PROMISED, true, D(2026, 3, 16), e), CK_OK);
}

/* Everything right, inside the time: 100 − 0 = 100, nothing listed. */
static void perfect_applicant_scores_100(void **state)
{
    (void)state;
    static const int brought[] = {1, 2, 3, 5, 6};
    drill_applicant a;
    drill_expect e;
    expect_dibao(&a, brought, 5, &e); /* DEFER naming 4 */
    strcpy(a.id_form, FORM);
    a.handoff_after = true;
    a.return_day = 3;
    a.return_brings[0] = 4;
    a.nreturn = 1;
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, true, D(2026, 3, 16), &e), CK_OK);
    drill_actual act;
    perfect(&a, &e, &act);
    act.seconds = 300; /* exactly the target: not slow */
    drill_score s;
    drill_score_one(&a, &e, &act, &s);
    assert_int_equal(s.score, 100);
    assert_int_equal(s.nd, 0);
}

/* All present (ACCEPT expected) but the trainee issued a 补正 naming 4:
 * outcome 40; the notice checks need a notice on BOTH sides, so 4 is not also
 * counted as asked_present.  100 − 40 = 60. */
static void wrong_outcome_costs_40(void **state)
{
    (void)state;
    drill_applicant a;
    drill_expect e;
    expect_dibao(&a, ALL6, 6, &e);
    drill_actual act;
    perfect(&a, &e, &act);
    act.outcome = CK_SUPPLEMENT;
    act.named[0] = 4;
    act.nnamed = 1;
    act.has_due = false;
    drill_score s;
    drill_score_one(&a, &e, &act, &s);
    only_deduction(&s, 60, DRILL_D_OUTCOME, 40);
    assert_int_equal(s.d[0].material, 0);
}

/* Brought 1, 3, 5, 6: missing 2 (主件) and 4, so 补正 naming 2 and 4.  The notice
 * named 2 and 3: 4 left out (15) and 3 asked for although handed over (10).
 * 100 − 15 − 10 = 75. */
static void notice_leaving_out_one_and_asking_one_present(void **state)
{
    (void)state;
    static const int brought[] = {1, 3, 5, 6};
    drill_applicant a;
    drill_expect e;
    expect_dibao(&a, brought, 4, &e);
    assert_int_equal(e.outcome, CK_SUPPLEMENT);
    assert_int_equal(e.nnamed, 2);
    drill_actual act;
    perfect(&a, &e, &act);
    act.named[0] = 2;
    act.named[1] = 3;
    act.nnamed = 2;
    drill_score s;
    drill_score_one(&a, &e, &act, &s);
    assert_int_equal(s.score, 75);
    assert_int_equal(s.nd, 2);
    assert_int_equal(s.d[0].kind, DRILL_D_LEFT_OUT);
    assert_int_equal(s.d[0].points, 15);
    assert_int_equal(s.d[0].material, 4);
    assert_int_equal(s.d[1].kind, DRILL_D_ASKED_PRESENT);
    assert_int_equal(s.d[1].points, 10);
    assert_int_equal(s.d[1].material, 3);
}

/* Accepted on the right outcome with 2026-03-17 instead of 2026-03-16: 100 − 10 = 90.
 * With the wrong outcome the date is not checked: only the 40 (100 − 40 = 60). */
static void wrong_due_date_costs_10(void **state)
{
    (void)state;
    drill_applicant a;
    drill_expect e;
    expect_dibao(&a, ALL6, 6, &e);
    drill_actual act;
    perfect(&a, &e, &act);
    act.due = D(2026, 3, 17);
    drill_score s;
    drill_score_one(&a, &e, &act, &s);
    only_deduction(&s, 90, DRILL_D_DEADLINE, 10);

    act.outcome = CK_DEFER;
    drill_score_one(&a, &e, &act, &s);
    assert_int_equal(s.score, 60);
    assert_int_equal(s.nd, 1);
    assert_int_equal(s.d[0].kind, DRILL_D_OUTCOME);
}

/* The form's mistyped number recorded instead of the card's: 100 − 20 = 80; the card's: 100. */
static void id_trap_not_caught_costs_20(void **state)
{
    (void)state;
    drill_applicant a;
    drill_expect e;
    applicant(&a, ALL6, 6);
    strcpy(a.id_form, FORM);
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, true, D(2026, 3, 16), &e), CK_OK);
    drill_actual act;
    perfect(&a, &e, &act);
    strcpy(act.id_recorded, FORM);
    drill_score s;
    drill_score_one(&a, &e, &act, &s);
    only_deduction(&s, 80, DRILL_D_ID_NOT_CAUGHT, 20);

    strcpy(act.id_recorded, CARD);
    drill_score_one(&a, &e, &act, &s);
    assert_int_equal(s.score, 100);
    assert_int_equal(s.nd, 0);
}

/* Called to a meeting after this applicant and no handoff recorded: 100 − 20 = 80. */
static void missing_handoff_costs_20(void **state)
{
    (void)state;
    drill_applicant a;
    drill_expect e;
    expect_dibao(&a, ALL6, 6, &e);
    a.handoff_after = true;
    drill_actual act;
    perfect(&a, &e, &act);
    act.handoff_done = false;
    drill_score s;
    drill_score_one(&a, &e, &act, &s);
    only_deduction(&s, 80, DRILL_D_NO_HANDOFF, 20);
}

/* Came back on day 3 with material 4 and the case was not accepted: 100 − 20 = 80. */
static void return_not_done_costs_20(void **state)
{
    (void)state;
    static const int brought[] = {1, 2, 3, 5, 6};
    drill_applicant a;
    drill_expect e;
    expect_dibao(&a, brought, 5, &e);
    a.return_day = 3;
    a.return_brings[0] = 4;
    a.nreturn = 1;
    drill_actual act;
    perfect(&a, &e, &act);
    act.return_done = false;
    drill_score s;
    drill_score_one(&a, &e, &act, &s);
    only_deduction(&s, 80, DRILL_D_RETURN, 20);
}

/* Target 300 s.  361 s is 61 s over: three 30 s steps started (0-30, 30-60, 60-61), 3 points,
 * 100 − 3 = 97.  301 s: 1 s over, one step, 99.  2000 s: 1700 s over = 57 steps, capped at 10,
 * 90.  Unknown time (−1): no deduction. */
static void slow_by_61_seconds_is_3_points_capped_at_10(void **state)
{
    (void)state;
    drill_applicant a;
    drill_expect e;
    expect_dibao(&a, ALL6, 6, &e);
    drill_actual act;
    perfect(&a, &e, &act);
    drill_score s;

    act.seconds = 361;
    drill_score_one(&a, &e, &act, &s);
    only_deduction(&s, 97, DRILL_D_SLOW, 3);

    act.seconds = 301;
    drill_score_one(&a, &e, &act, &s);
    assert_int_equal(s.score, 99);

    act.seconds = 2000;
    drill_score_one(&a, &e, &act, &s);
    assert_int_equal(s.score, 90);
    assert_int_equal(s.d[0].points, 10);

    act.seconds = -1;
    drill_score_one(&a, &e, &act, &s);
    assert_int_equal(s.score, 100);
    assert_int_equal(s.nd, 0);
}

/* Brought 1, 3, 5: missing 2, 4, 6, so 补正 naming 2, 4, 6.  The trainee chose 容缺 (40) with an
 * empty notice: both sides have a notice, so 2, 4, 6 are left out (3 × 15 = 45); the trap not
 * caught (20); no handoff (20).  40 + 45 + 20 + 20 = 125 > 100: the score is 0, not −25, and
 * all six deductions are listed.  Not served at all: one no_case deduction of 100, score 0. */
static void score_never_goes_below_zero(void **state)
{
    (void)state;
    static const int brought[] = {1, 3, 5};
    drill_applicant a;
    drill_expect e;
    applicant(&a, brought, 3);
    strcpy(a.id_form, FORM);
    a.handoff_after = true;
    assert_int_equal(drill_expect_for(&a, dibao, NDIBAO, CASE_CLASS_PROMISED, true, D(2026, 3, 16), &e), CK_OK);
    assert_int_equal(e.outcome, CK_SUPPLEMENT);
    drill_actual act;
    perfect(&a, &e, &act);
    act.outcome = CK_DEFER;
    act.nnamed = 0;
    strcpy(act.id_recorded, FORM);
    act.handoff_done = false;
    drill_score s;
    drill_score_one(&a, &e, &act, &s);
    assert_int_equal(s.score, 0);
    assert_int_equal(s.nd, 6);
    int sum = 0;
    for (size_t i = 0; i < s.nd; i++)
        sum += s.d[i].points;
    assert_int_equal(sum, 125);
    assert_int_equal(s.d[1].kind, DRILL_D_LEFT_OUT);
    assert_int_equal(s.d[1].material, 2);
    assert_int_equal(s.d[3].material, 6);

    memset(&act, 0, sizeof act);
    act.seconds = -1;
    drill_score_one(&a, &e, &act, &s);
    only_deduction(&s, 0, DRILL_D_NO_CASE, 100);
}

/* A case opened but no decision recorded: the outcome is wrong (40), nothing else. 60. */
static void seen_but_undecided_is_a_wrong_outcome(void **state)
{
    (void)state;
    drill_applicant a;
    drill_expect e;
    expect_dibao(&a, ALL6, 6, &e);
    drill_actual act;
    perfect(&a, &e, &act);
    act.decided = false;
    act.has_due = false;
    drill_score s;
    drill_score_one(&a, &e, &act, &s);
    assert_int_equal(s.score, 60);
    assert_int_equal(s.nd, 1);
    assert_int_equal(s.d[0].kind, DRILL_D_OUTCOME);
}

/* ---- the total ------------------------------------------------------------------- */

static int total_of(const int *scores, size_t n)
{
    drill_score s[8];
    memset(s, 0, sizeof s);
    for (size_t i = 0; i < n; i++)
        s[i].score = scores[i];
    return drill_total(s, n);
}

/* (100 + 85 + 72) / 3 = 257 / 3 = 85.67 → 86.  (99 + 100) / 2 = 99.5 → 100 (half up).
 * (60 + 61 + 61) / 3 = 60.67 → 61.  (0 + 1) / 2 = 0.5 → 1.  (80 + 81 + 80 + 80) / 4 = 80.25 → 80.
 * A single 0 → 0; no applicant → 0. */
static void total_is_the_mean_rounded_half_up(void **state)
{
    (void)state;
    static const int a[] = {100, 85, 72};
    static const int b[] = {99, 100};
    static const int c[] = {60, 61, 61};
    static const int d[] = {0, 1};
    static const int f[] = {80, 81, 80, 80};
    static const int z[] = {0};
    assert_int_equal(total_of(a, 3), 86);
    assert_int_equal(total_of(b, 2), 100);
    assert_int_equal(total_of(c, 3), 61);
    assert_int_equal(total_of(d, 2), 1);
    assert_int_equal(total_of(f, 4), 80);
    assert_int_equal(total_of(z, 1), 0);
    assert_int_equal(drill_total(NULL, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(all_present_is_accept_with_due),
        cmocka_unit_test(deferrable_auxiliary_missing_is_defer_naming_it),
        cmocka_unit_test(essential_missing_is_supplement_naming_all),
        cmocka_unit_test(named_list_is_ascending_whatever_the_guide_order),
        cmocka_unit_test(immediate_item_missing_auxiliary_is_supplement),
        cmocka_unit_test(ineligible_is_reject),
        cmocka_unit_test(id_trap_when_form_differs_from_card),
        cmocka_unit_test(bad_input_leaves_the_expectation_alone),
        cmocka_unit_test(points_names_and_reasons),
        cmocka_unit_test(perfect_applicant_scores_100),
        cmocka_unit_test(wrong_outcome_costs_40),
        cmocka_unit_test(notice_leaving_out_one_and_asking_one_present),
        cmocka_unit_test(wrong_due_date_costs_10),
        cmocka_unit_test(id_trap_not_caught_costs_20),
        cmocka_unit_test(missing_handoff_costs_20),
        cmocka_unit_test(return_not_done_costs_20),
        cmocka_unit_test(slow_by_61_seconds_is_3_points_capped_at_10),
        cmocka_unit_test(score_never_goes_below_zero),
        cmocka_unit_test(seen_but_undecided_is_a_wrong_outcome),
        cmocka_unit_test(total_is_the_mean_rounded_half_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
