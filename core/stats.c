/* stats.c - the supervisor's rates from raw counts (core/stats.h), pure: each
 * rate with its target and whether it misses.  The targets are seed
 * 000_74f23d5d95790ca2.txt 二、(一) "二是服务工作标准化": "服务事项按时办结率100%,
 * 现场办结率100%,服务对象满意率98%以上" (the 五星级 standard that the seed's
 * §三 评定 judges against). */
#include "core/stats.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"

static st_rate rate(int num, int den, bool has_target, double target)
{
    st_rate r = {num, den, 0.0, has_target, target, false};
    if (den > 0)
        r.pct = 100.0 * (double)num / (double)den;
    /* a rate that reaches its target exactly is met: 100 * n / n is exactly 100.0 */
    r.misses = has_target && den > 0 && r.pct < target;
    return r;
}

void st_compute(const st_counts *c, st_figures *out)
{
    memset(out, 0, sizeof *out);
    /* seed 000 二、(一): 服务事项按时办结率100% */
    out->on_time = rate(c->concluded_on_time, c->concluded_with_due, true, ST_TARGET_ON_TIME);
    /* seed 000 二、(一): 现场办结率100% (即办件 concluded at the first visit) */
    out->on_site = rate(c->immediate_first_visit, c->immediate_concluded, true, ST_TARGET_ON_SITE);
    out->immediate_share = rate(c->immediate_received, c->received, false, 0.0);
    out->one_trip = rate(c->one_trip, c->trips_cases, false, 0.0);
    out->deferred_in_time = rate(c->deferred_in_time, c->deferred_due, false, 0.0);
    int good = c->evaluations[ST_VERY_SATISFIED] + c->evaluations[ST_SATISFIED] +
               c->evaluations[ST_BASICALLY_SATISFIED] + c->unrated_counted;
    int all = c->unrated_counted;
    for (int l = 0; l < ST_LEVEL_COUNT; l++)
        all += c->evaluations[l];
    /* seed 000 二、(一): 服务对象满意率98%以上 (非常满意 + 满意 + 基本满意 over all evaluated) */
    out->satisfaction = rate(good, all, true, ST_TARGET_SATISFACTION);
    out->evaluated = all;
    out->trips_average = c->trips_cases > 0 ? (double)c->trips_total / (double)c->trips_cases : 0.0;
}

void st_add(st_counts *a, const st_counts *b)
{
    a->received += b->received;
    a->immediate_received += b->immediate_received;
    a->accepted += b->accepted;
    a->concluded += b->concluded;
    a->concluded_with_due += b->concluded_with_due;
    a->concluded_on_time += b->concluded_on_time;
    a->immediate_concluded += b->immediate_concluded;
    a->immediate_first_visit += b->immediate_first_visit;
    a->overdue_open += b->overdue_open;
    a->overdue_days_total += b->overdue_days_total;
    if (b->overdue_days_max > a->overdue_days_max)
        a->overdue_days_max = b->overdue_days_max;
    a->trips_cases += b->trips_cases;
    a->trips_total += b->trips_total;
    a->one_trip += b->one_trip;
    a->supplement_notices += b->supplement_notices;
    a->one_time_violations += b->one_time_violations;
    a->deferred += b->deferred;
    a->deferred_due += b->deferred_due;
    a->deferred_in_time += b->deferred_in_time;
    for (int l = 0; l < ST_LEVEL_COUNT; l++)
        a->evaluations[l] += b->evaluations[l];
    a->unrated_counted += b->unrated_counted;
}

static const char *const level_names[ST_LEVEL_COUNT] = {
    [ST_VERY_SATISFIED] = "very_satisfied",
    [ST_SATISFIED] = "satisfied",
    [ST_BASICALLY_SATISFIED] = "basically_satisfied",
    [ST_DISSATISFIED] = "dissatisfied",
    [ST_VERY_DISSATISFIED] = "very_dissatisfied",
};

st_level st_level_from_name(const char *name)
{
    for (int l = 0; name && l < ST_LEVEL_COUNT; l++)
        if (strcmp(name, level_names[l]) == 0)
            return (st_level)l;
    return ST_LEVEL_COUNT;
}

const char *st_level_label(st_level l)
{
    static const char *const labels[ST_LEVEL_COUNT] = {
        [ST_VERY_SATISFIED] = N_("very satisfied"),
        [ST_SATISFIED] = N_("satisfied"),
        [ST_BASICALLY_SATISFIED] = N_("basically satisfied"),
        [ST_DISSATISFIED] = N_("dissatisfied"),
        [ST_VERY_DISSATISFIED] = N_("very dissatisfied"),
    };
    return (unsigned)l < ST_LEVEL_COUNT ? labels[l] : "?";
}

bool st_level_is_bad(st_level l)
{
    return l == ST_DISSATISFIED || l == ST_VERY_DISSATISFIED;
}
