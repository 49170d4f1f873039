/* drill_score.c - the score of one drill applicant and of a whole run: what
 * the trainee did (drill_actual) against what the rules expect (drill_expect),
 * each deduction with its points and its reason (the table in docs/drills.md
 * and notes/drill_contract.md "Points"), and the run's total.
 *
 * Sources (seed 001 = 001_fcc7b53b8a175d84.txt, seed 003 = 003_51cc051314803ff3.txt):
 *   seed 001 篇四 (十)2 一次性告知制 "必须口头或书面一次性告知…所需材料" and 篇十三 §10(4)
 *     "出具《补正材料通知书》，一次性告知需要补正的全部内容" -> left_out: every missing or
 *     defective material the notice did not name; asked_present: a material named although
 *     it was handed over in order (the notice must say exactly what is needed).
 *   seed 001 篇四 (十)5 容缺办理制度 "服务窗口一次性告知需补正、补齐的材料以及补齐的时限" ->
 *     the same two checks apply to the 容缺 notice.
 *   seed 003 第五章 [执行公开办事制度] (二) "对本部门受理事项未实行一次性告知造成服务对象往返
 *     跑路的，每次扣1分" -> the one-time rule is a scored duty of the window.
 *   seed 001 篇四 (十)3 限时办结制 -> deadline: the promised date must be the right one.
 *   seed 001 篇二 二(三)2 "“A岗”或“B岗”因故确需暂离岗位的，须在替岗人员到位后方可离开" and
 *     seed 003 第五章 [工作时间] (十四) "与替岗人员未做好交接，影响工作的，每次扣0.5分" ->
 *     no_handoff. */
#include "core/drill.h"

#include <string.h>

#include "core/i18n.h"

#define DRILL_SLOW_STEP 30       /* seconds: one point per started step over the target */
#define DRILL_SLOW_CAP 10        /* at most this many points for time */
#define DRILL_TARGET_DEFAULT 300 /* seconds allowed when the scenario gives none */

int drill_points(drill_deduction_kind k)
{
    switch (k) {
    case DRILL_D_NO_CASE:
        return 100;
    case DRILL_D_OUTCOME:
        return 40;
    case DRILL_D_LEFT_OUT:
        return 15; /* per material */
    case DRILL_D_ASKED_PRESENT:
        return 10; /* per material */
    case DRILL_D_DEADLINE:
        return 10;
    case DRILL_D_ID_NOT_CAUGHT:
    case DRILL_D_NO_HANDOFF:
    case DRILL_D_RETURN:
        return 20;
    case DRILL_D_SLOW:
        return 1; /* per started 30 s over the target, at most 10 */
    case DRILL_D_KIND_COUNT:
    default:
        return 0;
    }
}

const char *drill_deduction_reason(drill_deduction_kind k)
{
    switch (k) {
    case DRILL_D_NO_CASE:
        return N_("no case was recorded for the applicant");
    case DRILL_D_OUTCOME:
        return N_("the intake decision was not the one the rules call for");
    case DRILL_D_LEFT_OUT:
        return N_("the notice left out a material the applicant had not handed over (one-time notice rule)");
    case DRILL_D_ASKED_PRESENT:
        return N_("the notice asked for a material the applicant had already handed over in order");
    case DRILL_D_DEADLINE:
        return N_("the due date of the case is wrong");
    case DRILL_D_ID_NOT_CAUGHT:
        return N_("the mistyped ID number on the form was recorded instead of the one on the ID card");
    case DRILL_D_NO_HANDOFF:
        return N_("the window was left without handing over to the B post");
    case DRILL_D_RETURN:
        return N_("the case was not accepted when the applicant came back with the missing materials");
    case DRILL_D_SLOW:
        return N_("the applicant was served slower than the time allowed (one point per 30 seconds started)");
    case DRILL_D_KIND_COUNT:
    default:
        return N_("unknown deduction");
    }
}

const char *drill_deduction_name(drill_deduction_kind k)
{
    switch (k) {
    case DRILL_D_NO_CASE:
        return "no_case";
    case DRILL_D_OUTCOME:
        return "outcome";
    case DRILL_D_LEFT_OUT:
        return "left_out";
    case DRILL_D_ASKED_PRESENT:
        return "asked_present";
    case DRILL_D_DEADLINE:
        return "deadline";
    case DRILL_D_ID_NOT_CAUGHT:
        return "id_not_caught";
    case DRILL_D_NO_HANDOFF:
        return "no_handoff";
    case DRILL_D_RETURN:
        return "return";
    case DRILL_D_SLOW:
        return "slow";
    case DRILL_D_KIND_COUNT:
    default:
        return "unknown";
    }
}

/* ---- scoring one applicant ---------------------------------------------------- */

/* Running sum of the points; it goes on counting when the list is full (by then the
 * score is 0 anyway: 24 deductions include at least 17 material ones of 10+ points). */
typedef struct {
    drill_score *out;
    int sum;
} tally;

static void take(tally *t, drill_deduction_kind k, int points, int material)
{
    t->sum += points;
    if (t->out->nd >= DRILL_DEDUCTIONS_MAX)
        return;
    drill_deduction *d = &t->out->d[t->out->nd++];
    d->kind = k;
    d->points = points;
    d->material = material;
}

static bool contains(const int *v, size_t n, int x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

/* True when the applicant handed material `index` over in order (at the first visit). */
static bool handed_in_order(const drill_applicant *a, int index)
{
    for (size_t i = 0; i < a->nbrought && i < CK_MAX_MATERIALS; i++)
        if (a->brought[i].index == index && a->brought[i].status == CK_PRESENT)
            return true;
    return false;
}

static bool is_notice(ck_outcome o)
{
    return o == CK_SUPPLEMENT || o == CK_DEFER;
}

/* 一次性告知 (篇四 (十)2, 篇十三 §10(4)): nothing missing left out, nothing present asked for. */
static void score_notice(tally *t, const drill_applicant *a, const drill_expect *e, const drill_actual *act)
{
    size_t ne = e->nnamed < CK_MAX_MATERIALS ? e->nnamed : CK_MAX_MATERIALS;
    size_t na = act->nnamed < CK_MAX_MATERIALS ? act->nnamed : CK_MAX_MATERIALS;
    for (size_t i = 0; i < ne; i++)
        if (!contains(act->named, na, e->named[i]) && !contains(e->named, i, e->named[i]))
            take(t, DRILL_D_LEFT_OUT, drill_points(DRILL_D_LEFT_OUT), e->named[i]);
    for (size_t i = 0; i < na; i++) {
        int m = act->named[i];
        if (handed_in_order(a, m) && !contains(act->named, i, m))
            take(t, DRILL_D_ASKED_PRESENT, drill_points(DRILL_D_ASKED_PRESENT), m);
    }
}

/* Points for time: one per started 30 s over the target, at most 10. */
static int slow_points(int seconds, int target)
{
    if (target <= 0)
        target = DRILL_TARGET_DEFAULT;
    if (seconds < 0 || seconds <= target)
        return 0;
    int over = seconds - target;
    int p = (over + DRILL_SLOW_STEP - 1) / DRILL_SLOW_STEP;
    return p > DRILL_SLOW_CAP ? DRILL_SLOW_CAP : p;
}

/* Every check of the Points table but no_case, in the table's order. */
static void score_case(tally *t, const drill_applicant *a, const drill_expect *e, const drill_actual *act)
{
    bool right = act->decided && act->outcome == e->outcome;
    if (!right)
        take(t, DRILL_D_OUTCOME, drill_points(DRILL_D_OUTCOME), 0);
    if (act->decided && is_notice(act->outcome) && is_notice(e->outcome))
        score_notice(t, a, e, act);
    if (right && e->has_due && act->has_due && date_cmp(e->due, act->due) != 0)
        take(t, DRILL_D_DEADLINE, drill_points(DRILL_D_DEADLINE), 0);
    if (e->id_trap && strcmp(act->id_recorded, a->id_card) != 0)
        take(t, DRILL_D_ID_NOT_CAUGHT, drill_points(DRILL_D_ID_NOT_CAUGHT), 0);
    if (a->handoff_after && !act->handoff_done)
        take(t, DRILL_D_NO_HANDOFF, drill_points(DRILL_D_NO_HANDOFF), 0);
    if (a->return_day > 0 && !act->return_done)
        take(t, DRILL_D_RETURN, drill_points(DRILL_D_RETURN), 0);
    int slow = slow_points(act->seconds, a->target_seconds);
    if (slow > 0)
        take(t, DRILL_D_SLOW, slow, 0);
}

void drill_score_one(const drill_applicant *a, const drill_expect *e, const drill_actual *act, drill_score *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!a || !e || !act)
        return; /* nothing to score against: 0 points, no deduction listed */
    tally t = {out, 0};
    /* nothing recorded: the applicant was not served at all, and that says everything */
    if (!act->seen)
        take(&t, DRILL_D_NO_CASE, drill_points(DRILL_D_NO_CASE), 0);
    else
        score_case(&t, a, e, act);
    out->score = t.sum >= 100 ? 0 : 100 - t.sum;
}

int drill_total(const drill_score *scores, size_t n)
{
    if (!scores || n == 0)
        return 0;
    long sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += scores[i].score;
    /* the mean rounded half up; scores are 0..100 so the sum is never negative */
    return (int)((2 * sum + (long)n) / (2 * (long)n));
}
