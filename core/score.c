/* score.c - the point table of seed 003 第五章 (扣分办法), monthly sums with
 * the (十五) doubling, the quarterly window score and the star levels.
 *
 * Seed 003 第五章 is split into headed parts; two are used here:
 *   [工作时间] "窗口工作人员工作时间遵守各项规章制度情况" (一)..(十八)
 *   [公开办事] "执行公开办事制度、告知承诺制、首问责任制以及实行承诺服务的情况" (一)..(七)
 *
 * Interpretation of (十五) "一个月违反同一规定三次以上(含三次)的，实行加倍扣分":
 *   - "同一规定" is one numbered provision, so 迟到 and 早退 (both (十)) count
 *     together, and so do the two lengths of 离岗 (both (十七));
 *   - "一个月" is the calendar month of the occurrence;
 *   - the 1st and 2nd occurrence count single, the 3rd and every later one
 *     double ("三次以上(含三次)" reached from the third on);
 *   - (十五) sits in the [工作时间] part, so it doubles only that part's
 *     provisions, not complaints, notices or overdue cases. */
#include "core/score.h"
#include "core/names.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"

typedef struct {
    int tenths;     /* per occurrence (per working day for overdue cases) */
    viol_rule rule; /* the provision, for (十五) */
    bool doubles;   /* in the [工作时间] part, where (十五) applies */
} viol_entry;

static const viol_entry table[VIOL_KINDS] = {
    /* [工作时间] (十) "迟到、早退的，每人次扣0.5分" */
    [VIOL_LATE] = {5, RULE_LATE_EARLY, true},
    [VIOL_EARLY] = {5, RULE_LATE_EARLY, true},
    /* [工作时间] (十一) "旷工的，每人次(半天)扣1分" */
    [VIOL_ABSENT_HALF_DAY] = {10, RULE_ABSENCE, true},
    /* [工作时间] (十七) "擅自离开工作岗位时间达30分钟以上的，每人次扣0.5分；超过一小时的每人次扣1分" */
    [VIOL_AWAY_30] = {5, RULE_AWAY, true},
    [VIOL_AWAY_60] = {10, RULE_AWAY, true},
    /* [工作时间] (十四) "与替岗人员未做好交接，影响工作的，每次扣0.5分" */
    [VIOL_HANDOFF_MISSING] = {5, RULE_HANDOFF, true},
    /* [工作时间] (九) "因公、因私请假或上班时间外出，未按规定办理请销假手续的，每人次扣0.5分" */
    [VIOL_LEAVE_NO_PROCEDURE] = {5, RULE_LEAVE_PROCEDURE, true},
    /* [公开办事] (七) "因工作作风、服务质量、服务态度等问题被群众投诉的…经查证属实后每人次扣1分" */
    [VIOL_COMPLAINT_MANNER] = {10, RULE_COMPLAINT_MANNER, false},
    /* [公开办事] (四) "未依照相关法规办理行政审批和服务事项被服务对象投诉的，每件次扣2分" */
    [VIOL_COMPLAINT_UNLAWFUL] = {20, RULE_COMPLAINT_LAW, false},
    /* [公开办事] (二) "对本部门受理事项未实行一次性告知造成服务对象往返跑路的，每次扣1分" */
    [VIOL_NOTICE_EXTRA_TRIP] = {10, RULE_ONE_TIME_NOTICE, false},
    /* [公开办事] (三) "因窗口工作人员责任导致所受理事项不能按承诺时限办结的，每件超过1个工作日扣1分"
     * read as 1 point per working day past the promised date */
    [VIOL_CASE_OVERDUE] = {10, RULE_OVERDUE, false},
};

static bool kind_ok(viol_kind k)
{
    return (int)k >= 0 && k < VIOL_KINDS;
}

int viol_points(viol_kind k)
{
    return kind_ok(k) ? table[k].tenths : 0;
}

viol_rule viol_rule_of(viol_kind k)
{
    return kind_ok(k) ? table[k].rule : VIOL_RULES;
}

bool viol_repeat_doubles(viol_kind k)
{
    return kind_ok(k) && table[k].doubles;
}

const char *viol_name(viol_kind k)
{
    switch (k) {
    case VIOL_LATE:
        return N_("late");
    case VIOL_EARLY:
        return N_("early leave");
    case VIOL_ABSENT_HALF_DAY:
        return N_("absence (half day)");
    case VIOL_AWAY_30:
        return N_("away from post 30 to 60 minutes");
    case VIOL_AWAY_60:
        return N_("away from post over one hour");
    case VIOL_HANDOFF_MISSING:
        return N_("left the window without handing over");
    case VIOL_LEAVE_NO_PROCEDURE:
        return N_("leave without the leave procedure");
    case VIOL_COMPLAINT_MANNER:
        return N_("verified complaint about service manner");
    case VIOL_COMPLAINT_UNLAWFUL:
        return N_("complaint: item not handled according to the law");
    case VIOL_NOTICE_EXTRA_TRIP:
        return N_("one-time notice not given, applicant had to come back");
    case VIOL_CASE_OVERDUE:
        return N_("case overdue by the clerk's fault (per working day)");
    case VIOL_KINDS:
        break;
    }
    return N_("unknown violation");
}

static const char *const codes[VIOL_KINDS] = {
    [VIOL_LATE] = "late",
    [VIOL_EARLY] = "early",
    [VIOL_ABSENT_HALF_DAY] = "absent_half_day",
    [VIOL_AWAY_30] = "away_30",
    [VIOL_AWAY_60] = "away_60",
    [VIOL_HANDOFF_MISSING] = "handoff_missing",
    [VIOL_LEAVE_NO_PROCEDURE] = "leave_no_procedure",
    [VIOL_COMPLAINT_MANNER] = "complaint_manner",
    [VIOL_COMPLAINT_UNLAWFUL] = "complaint_unlawful",
    [VIOL_NOTICE_EXTRA_TRIP] = "notice_extra_trip",
    [VIOL_CASE_OVERDUE] = "case_overdue",
};

const char *viol_code(viol_kind k)
{
    return kind_ok(k) ? codes[k] : NULL;
}

viol_kind viol_from_code(const char *code)
{
    return (viol_kind)names_index(codes, VIOL_KINDS, code);
}

void score_month_init(score_month *sm, int year, int month)
{
    *sm = (score_month){0};
    sm->year = year;
    sm->month = month;
}

static score_status check_add(const score_month *sm, gdate date, viol_kind k, int units)
{
    if (!sm)
        return SCORE_E_NULL;
    if (!kind_ok(k))
        return SCORE_E_KIND;
    if (units < 1 || (units > 1 && k != VIOL_CASE_OVERDUE))
        return SCORE_E_UNITS;
    if (!date_valid(date.y, date.m, date.d))
        return SCORE_E_DATE;
    if (date.y != sm->year || date.m != sm->month)
        return SCORE_E_MONTH;
    return SCORE_OK;
}

score_status score_month_add(score_month *sm, gdate date, viol_kind k, int units)
{
    score_status st = check_add(sm, date, k, units);
    if (st != SCORE_OK)
        return st;
    int nth = ++sm->rule_count[table[k].rule];
    int pts = table[k].tenths * units;
    if (table[k].doubles && nth >= SCORE_REPEAT_AT) {
        pts *= 2;
        sm->doubled[k]++;
    }
    sm->count[k]++;
    sm->points[k] += pts;
    sm->total += pts;
    return SCORE_OK;
}

score_status score_month_add_counts(score_month *sm, gdate date, const int count[VIOL_KINDS])
{
    if (!sm || !count)
        return SCORE_E_NULL;
    for (int k = 0; k < VIOL_KINDS; k++) {
        if (count[k] < 0)
            return SCORE_E_UNITS;
        if (count[k] > 0) {
            score_status st = check_add(sm, date, (viol_kind)k, 1);
            if (st != SCORE_OK)
                return st;
        }
    }
    for (int k = 0; k < VIOL_KINDS; k++)
        for (int i = 0; i < count[k]; i++)
            score_month_add(sm, date, (viol_kind)k, 1);
    return SCORE_OK;
}

/* Seed 003 第二章: "窗口的季度考核实行百分制" and
 * "窗口的季度考核实得分=总分+实得加分-实际扣分". */
int score_window_quarter(int additions_tenths, int deductions_tenths)
{
    return SCORE_FULL + additions_tenths - deductions_tenths;
}

/* Seed 000 §三(二) 星级评定: "综合得分95分以上评定为五星级，90分以上评定为四星级，
 * 85分以上评定为三星级"; 以上 includes the bound itself. */
int score_stars(int tenths)
{
    if (tenths >= 950)
        return 5;
    if (tenths >= 900)
        return 4;
    if (tenths >= 850)
        return 3;
    return 0;
}

char *score_format(int tenths, char *buf)
{
    char tmp[SCORE_STR_LEN];
    long long v = tenths;
    bool neg = v < 0;
    if (neg)
        v = -v;
    int n = 0;
    tmp[n++] = (char)('0' + v % 10);
    tmp[n++] = '.';
    v /= 10;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    int o = 0;
    if (neg)
        buf[o++] = '-';
    while (n > 0)
        buf[o++] = tmp[--n];
    buf[o] = '\0';
    return buf;
}

const char *score_reason(score_status st)
{
    switch (st) {
    case SCORE_OK:
        return N_("deduction recorded");
    case SCORE_E_NULL:
        return N_("no monthly summary or counts were given");
    case SCORE_E_KIND:
        return N_("unknown kind of violation");
    case SCORE_E_UNITS:
        return N_("a violation counts once; only an overdue case counts its working days (1 or more)");
    case SCORE_E_DATE:
        return N_("the violation's date is not a real date");
    case SCORE_E_MONTH:
        return N_("the violation's date is outside the month being summed");
    }
    return N_("unknown scoring error");
}
