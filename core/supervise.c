/* supervise.c - the working-day rules of bad-review follow-ups (差评整改) and
 * complaints (投诉): due dates, extensions, steps, days overdue (pure).
 *
 * Seed 001_fcc7b53b8a175d84.txt 篇十三 (六)22 处置方式: "对于符合受理条件的投诉，
 * 应当场或在3个工作日内处置办结，对于情况复杂需要进一步调查的，可适当延长办理时间，
 * 无特殊原因，最长不应超过15个工作日，并明确告知投诉人延长时限和理由".
 * 篇十三 (七)27 结果运用: "建立差评和投诉问题核实、整改及反馈机制；对核实情况清楚、
 * 诉求合理的问题，在规定时间整改到位" - the follow-up's steps (verify, rectify,
 * answer) and its deadline, which the centre sets ([supervision] followup_days). */
#include "core/supervise.h"

#include <string.h>

#include "core/i18n.h"

/* The n-th working day after day, or SV_E_CALENDAR. */
static sv_code add_workdays(const calendar *cal, gdate day, int n, gdate *out)
{
    if (!cal || !out)
        return SV_E_CALENDAR;
    return cal_add_workdays(cal, day, n, out, NULL) == CAL_OK ? SV_OK : SV_E_CALENDAR;
}

sv_code sv_complaint_due(const calendar *cal, gdate registered, gdate *due)
{
    return add_workdays(cal, registered, SV_COMPLAINT_DAYS, due); /* 篇十三 §22: 3个工作日内 */
}

sv_code sv_complaint_due_max(const calendar *cal, gdate registered, gdate *latest)
{
    return add_workdays(cal, registered, SV_COMPLAINT_DAYS_MAX, latest); /* 篇十三 §22: 最长不应超过15个工作日 */
}

sv_code sv_extend_check(const calendar *cal, gdate registered, gdate due, bool extended, gdate new_due)
{
    gdate latest;
    if (extended)
        return SV_E_EXTEND_TWICE;
    if (!date_valid(new_due.y, new_due.m, new_due.d) || date_cmp(new_due, due) <= 0)
        return SV_E_EXTEND_NOT_LATER;
    sv_code c = sv_complaint_due_max(cal, registered, &latest);
    if (c != SV_OK)
        return c;
    return date_cmp(new_due, latest) > 0 ? SV_E_EXTEND_TOO_LATE : SV_OK;
}

sv_code sv_followup_due(const calendar *cal, gdate opened, int followup_days, gdate *due)
{
    if (followup_days < SV_FOLLOWUP_DAYS_MIN || followup_days > SV_FOLLOWUP_DAYS_MAX)
        return SV_E_DAYS;
    return add_workdays(cal, opened, followup_days, due);
}

sv_code sv_step_check(const bool done[SV_STEP_COUNT], bool real_name, bool closed, sv_step step)
{
    if ((int)step < 0 || step >= SV_STEP_COUNT)
        return SV_E_STEP_DONE;
    if (closed)
        return SV_E_CLOSED;
    if (step == SV_CALLED_BACK && !real_name)
        return SV_E_NO_CALLBACK;
    return done[step] ? SV_E_STEP_DONE : SV_OK;
}

bool sv_followup_complete(const bool done[SV_STEP_COUNT], bool real_name)
{
    return done[SV_VERIFIED] && done[SV_RECTIFIED] && done[SV_ANSWERED] && (!real_name || done[SV_CALLED_BACK]);
}

int sv_days_overdue(const calendar *cal, gdate due, gdate today)
{
    if (date_cmp(today, due) <= 0)
        return 0;
    int n = 0;
    if (!cal || cal_workdays_between(cal, due, today, &n, NULL) != CAL_OK)
        return -1;
    return n;
}

static const char *const reasons[SV_CODE_COUNT] = {
    [SV_OK] = N_("ok"),
    [SV_E_CALENDAR] = N_("the working-day calendar does not cover these dates"),
    [SV_E_DAYS] = N_("the follow-up deadline must be 5 to 15 working days"),
    [SV_E_STEP_DONE] = N_("this step was already recorded"),
    [SV_E_NO_CALLBACK] = N_("an anonymous review cannot be called back"),
    [SV_E_CLOSED] = N_("it is already closed"),
    [SV_E_EXTEND_TWICE] = N_("a complaint is extended only once"),
    [SV_E_EXTEND_NOT_LATER] = N_("the new due date must be after the current one"),
    [SV_E_EXTEND_TOO_LATE] = N_("a complaint is handled within 15 working days of its registration"),
    [SV_E_REASON] = N_("a reason is required"),
};

const char *sv_reason(sv_code c)
{
    return (int)c >= 0 && c < SV_CODE_COUNT ? reasons[c] : N_("unknown error");
}

static const char *const step_names[SV_STEP_COUNT] = {"verified", "rectified", "answered", "called_back"};
static const char *const state_names[SV_STATE_COUNT] = {"open", "extended", "concluded", "excluded"};

const char *sv_step_name(sv_step s)
{
    return (int)s >= 0 && s < SV_STEP_COUNT ? step_names[s] : NULL;
}

sv_step sv_step_from_name(const char *name)
{
    for (int i = 0; name && i < SV_STEP_COUNT; i++)
        if (strcmp(name, step_names[i]) == 0)
            return (sv_step)i;
    return SV_STEP_COUNT;
}

const char *sv_state_name(sv_complaint_state s)
{
    return (int)s >= 0 && s < SV_STATE_COUNT ? state_names[s] : NULL;
}

sv_complaint_state sv_state_from_name(const char *name)
{
    for (int i = 0; name && i < SV_STATE_COUNT; i++)
        if (strcmp(name, state_names[i]) == 0)
            return (sv_complaint_state)i;
    return SV_STATE_COUNT;
}
