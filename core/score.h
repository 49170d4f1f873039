/* score.h - the deduction table of seed 003 (巷子口镇政务服务实施细则 第五章),
 * the doubling of a rule broken three times in a month, the monthly summary
 * per clerk, the quarterly window score and its star level (seed 000 §三(二)).
 *
 * Points are kept in integer tenths (0.5 point = 5) so that sums such as
 * 100 + 0.3 - 12.5 are exact. */
#ifndef GUICHET_CORE_SCORE_H
#define GUICHET_CORE_SCORE_H

#include <stdbool.h>

#include "core/date.h"

#define SCORE_FULL 1000    /* the quarterly 百分制 base, 100 points, in tenths */
#define SCORE_STR_LEN 16   /* any int in tenths ("-214748364.8") plus NUL */
#define SCORE_REPEAT_AT 3  /* 第五章 (十五): from the third breach in a month, points double */

/* A kind of violation a clerk can be deducted for. */
typedef enum {
    VIOL_LATE = 0,          /* 迟到 */
    VIOL_EARLY,             /* 早退 */
    VIOL_ABSENT_HALF_DAY,   /* 旷工, one per half day */
    VIOL_AWAY_30,           /* 擅自离岗 30..60 minutes */
    VIOL_AWAY_60,           /* 擅自离岗 over one hour */
    VIOL_HANDOFF_MISSING,   /* 与替岗人员未做好交接 */
    VIOL_LEAVE_NO_PROCEDURE,/* 未按规定办理请销假手续 */
    VIOL_COMPLAINT_MANNER,  /* complaint about manner, verified */
    VIOL_COMPLAINT_UNLAWFUL,/* complaint: not handled according to the law */
    VIOL_NOTICE_EXTRA_TRIP, /* one-time notice not given, applicant came back */
    VIOL_CASE_OVERDUE,      /* case late by the clerk's fault, per working day */
    VIOL_KINDS
} viol_kind;

/* The provision a kind belongs to: 第五章 (十五) doubles per provision ("同一规定"). */
typedef enum {
    RULE_LATE_EARLY = 0,   /* 工作时间遵守各项规章制度 (十) 迟到、早退 */
    RULE_ABSENCE,          /* (十一) 旷工 */
    RULE_AWAY,             /* (十七) 擅自离开工作岗位 */
    RULE_HANDOFF,          /* (十四) 与替岗人员未做好交接 */
    RULE_LEAVE_PROCEDURE,  /* (九) 未按规定办理请销假手续 */
    RULE_COMPLAINT_MANNER, /* 执行公开办事制度… (七) */
    RULE_COMPLAINT_LAW,    /* 执行公开办事制度… (四) */
    RULE_ONE_TIME_NOTICE,  /* 执行公开办事制度… (二) */
    RULE_OVERDUE,          /* 执行公开办事制度… (三) */
    VIOL_RULES
} viol_rule;

typedef enum {
    SCORE_OK = 0,
    SCORE_E_NULL,  /* a required argument is missing */
    SCORE_E_KIND,  /* not a known violation kind */
    SCORE_E_UNITS, /* units must be 1, or >= 1 working days for an overdue case */
    SCORE_E_DATE,  /* not a real date */
    SCORE_E_MONTH  /* the date is outside the month being summed */
} score_status;

/* One clerk's deductions in one calendar month. */
typedef struct {
    int year;
    int month;
    int count[VIOL_KINDS];      /* occurrences per kind */
    int doubled[VIOL_KINDS];    /* of which counted double (third or later of the rule) */
    int points[VIOL_KINDS];     /* tenths deducted per kind, doubling included */
    int rule_count[VIOL_RULES]; /* occurrences per provision so far this month */
    int total;                  /* tenths deducted in the month */
} score_month;

/* Tenths deducted for one occurrence (one working day for VIOL_CASE_OVERDUE); 0 if unknown. */
int viol_points(viol_kind k);
/* The provision of seed 003 第五章 a kind belongs to. */
viol_rule viol_rule_of(viol_kind k);
/* True when the provision is under 第五章's working-time rules, where (十五) doubling applies. */
bool viol_repeat_doubles(viol_kind k);
/* English message id (N_) naming the violation, for reports. */
const char *viol_name(viol_kind k);
/* Stable ASCII id of a kind for storage and exports ("late", "away_30"...); NULL if unknown. */
const char *viol_code(viol_kind k);
/* The kind whose code is `code`; VIOL_KINDS if none. */
viol_kind viol_from_code(const char *code);
/* Start an empty summary for year-month. */
void score_month_init(score_month *sm, int year, int month);
/* Add one occurrence dated `date` (units: working days for VIOL_CASE_OVERDUE, else 1), in date order. */
score_status score_month_add(score_month *sm, gdate date, viol_kind k, int units);
/* Add a day's counts per kind (as attendance produces them), kinds in enum order. */
score_status score_month_add_counts(score_month *sm, gdate date, const int count[VIOL_KINDS]);
/* Quarterly window score in tenths: 100 + additions - deductions (seed 003 第二章). */
int score_window_quarter(int additions_tenths, int deductions_tenths);
/* Star level of a score in tenths: 5, 4, 3, or 0 for none (seed 000 §三(二)). */
int score_stars(int tenths);
/* Write tenths as a decimal with one place ("87.8", "-0.5") into buf (SCORE_STR_LEN); returns buf. */
char *score_format(int tenths, char *buf);
/* English message id (N_) saying what is wrong. */
const char *score_reason(score_status st);

#endif
