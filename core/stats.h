/* stats.h - the figures a supervisor watches (issue 8) and the targets the
 * seeds set, pure: counts in, rates out, and whether each rate misses its
 * target.  Seed 000_74f23d5d95790ca2.txt §三: 按时办结率 100%, 现场办结率
 * 100% (immediate cases concluded at the first visit), satisfaction
 * (非常满意 + 满意 + 基本满意 over all evaluated) at least 98%.  The counts
 * come from data/stats.c. */
#ifndef GUICHET_CORE_STATS_H
#define GUICHET_CORE_STATS_H

#include <stdbool.h>

/* Evaluation levels, best first (evaluation.given "rating"). */
typedef enum {
    ST_VERY_SATISFIED = 0,
    ST_SATISFIED,
    ST_BASICALLY_SATISFIED,
    ST_DISSATISFIED,
    ST_VERY_DISSATISFIED,
    ST_LEVEL_COUNT
} st_level;

/* The counts of one window, clerk or centre over a period. */
typedef struct {
    int received;               /* cases received in the period */
    int immediate_received;     /* of which 即办件 */
    int accepted;               /* 受理 (incl. 容缺受理) in the period */
    int concluded;              /* concluded (approved / denied) in the period */
    int concluded_with_due;     /* of those, cases with a due date */
    int concluded_on_time;      /* of those, concluded on or before the due date */
    int immediate_concluded;    /* 即办件 concluded in the period */
    int immediate_first_visit;  /* of those, concluded at the first visit (当场办结) */
    int overdue_open;           /* open cases past their due date on the report's day */
    int overdue_days_total;     /* the sum of their days overdue */
    int overdue_days_max;
    int trips_cases;            /* cases received in the period (trips are counted over them) */
    int trips_total;            /* visits: 1 + one per 补正 / 容缺 return */
    int one_trip;               /* cases done in one visit (最多跑一次) */
    int supplement_notices;     /* 补正 notices issued in the period (reprints not counted) */
    int one_time_violations;    /* notices that broke the one-time rule (asked for something not asked first) */
    int deferred;               /* 容缺受理 in the period */
    int deferred_due;           /* of those, whose deadline has come by the report's day */
    int deferred_in_time;       /* of those, completed on or before the deadline */
    int evaluations[ST_LEVEL_COUNT]; /* ratings given in the period (appeals upheld are left out) */
    int unrated_counted;        /* delivered cases counted as 基本满意 for want of a rating (config) */
} st_counts;

/* A rate: meaningful only when den > 0. */
typedef struct {
    int num, den;
    double pct;                 /* 100 * num / den; 0 when den == 0 */
    bool has_target;
    double target;              /* percent */
    bool misses;                /* has_target && den > 0 && pct < target */
} st_rate;

/* The rates. */
typedef struct {
    st_rate on_time;            /* 按时办结率, target 100 */
    st_rate on_site;            /* 现场办结率, target 100 */
    st_rate immediate_share;    /* 即办件比例 (no target) */
    st_rate one_trip;           /* 最多跑一次 share (no target) */
    st_rate deferred_in_time;   /* 容缺 completed in time (no target) */
    st_rate satisfaction;       /* 满意率, target 98 */
    double trips_average;       /* visits per case; 0 when none */
    int evaluated;              /* ratings counted (incl. unrated_counted) */
} st_figures;

#define ST_TARGET_ON_TIME 100.0
#define ST_TARGET_ON_SITE 100.0
#define ST_TARGET_SATISFACTION 98.0

/* Compute the rates of c. */
void st_compute(const st_counts *c, st_figures *out);
/* Add b's counts into a (a window's clerks into the window, windows into the centre). */
void st_add(st_counts *a, const st_counts *b);
/* The level named by an evaluation.given rating ("very_satisfied" ...); ST_LEVEL_COUNT if unknown. */
st_level st_level_from_name(const char *name);
/* English message id (N_) of a level ("very satisfied"). */
const char *st_level_label(st_level l);
/* True for the levels that open a follow-up (不满意, 非常不满意). */
bool st_level_is_bad(st_level l);

#endif
