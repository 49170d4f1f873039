/* attendance.c - judging one clerk's day: punches, leave and away spells
 * against the sessions of sched_day, giving the violations of seed 003
 * 第五章 [工作时间] part ("窗口工作人员工作时间遵守各项规章制度情况"):
 *   (十)   迟到、早退            late / early leave, per session
 *   (十一) 旷工(半天)            absence, per half-day session
 *   (十七) 擅自离开工作岗位      away >= 30 min, or > 60 min
 *   (十四) 与替岗人员未做好交接  away without a confirmed handoff
 *   (九)   未按规定办理请销假手续 leave recorded without approval
 *
 * Choices (where the seed says nothing about punch mechanics):
 *   - A punch belongs to the morning or the afternoon by the middle of the
 *     lunch break: a sign-in before it is the morning's, a sign-out at or
 *     before it is the morning's.
 *   - 旷工 is a session with no punch at all that approved leave does not
 *     fully cover.  Leave covering only part of a session does not excuse
 *     the rest: the clerk was due at the window for the uncovered part.
 *   - A session with a sign-in but no sign-out (or the reverse) is not
 *     旷工 - the clerk was there - but the missing side counts as 早退 (or
 *     迟到), flagged missing_out / missing_in.  Reason: otherwise never
 *     signing out would be the way to leave early unpunished; the flag lets
 *     the report show it came from a missing punch, and a correction punch
 *     (an event added after review) removes it.
 *   - A clock-suspect punch proves presence (no 旷工) but its minute is not
 *     used for timing; if one side has only suspect punches the session is
 *     flagged needs_review instead of late/early.
 *   - Approved leave shifts the start (or end) of the session: lateness is
 *     measured from the end of leave covering the start, early leave up to
 *     the start of leave covering the end.  Unapproved leave excuses nothing
 *     and is itself one (九) occurrence per leave record.
 *   - (十七) "擅自离开": away minutes are those inside the clerk's presence in
 *     a session (after the sign-in, before the sign-out; outside it the
 *     late/early rules already apply) and not covered by approved leave.  A
 *     handoff keeps the window staffed (AB岗) but does not by itself
 *     authorise a long absence: that needs leave (九).  One away spell is
 *     one occurrence, of either length class, never both; its minutes across
 *     the lunch break are summed.
 *   - (十四): an away spell without a confirmed handoff that starts during a
 *     working session leaves the window unattended, which AB岗 forbids (seed
 *     001 篇二 二(三)2 "确保岗位随时有人"), so it is taken as 影响工作.
 *   - A non-working day yields no violation; its punches are only counted. */
#include "core/attendance.h"

#include <stddef.h>

#include "core/i18n.h"

/* What the punches of one session show. */
typedef struct {
    bool any;          /* any clerk punch, suspect or not */
    int trusted_in;    /* earliest trusted sign-in, -1 none */
    int trusted_out;   /* latest trusted sign-out, -1 none */
    bool suspect_in;   /* a clock-suspect sign-in exists */
    bool suspect_out;  /* a clock-suspect sign-out exists */
    int first_in;      /* earliest sign-in of any trust, -1 none */
    int last_out;      /* latest sign-out of any trust, -1 none */
} punch_summary;

static bool minute_ok(int t)
{
    return t >= 0 && t <= SCHED_MINUTES_PER_DAY;
}

static bool interval_ok(int start, int end)
{
    return minute_ok(start) && minute_ok(end) && start <= end;
}

static att_status check_input(const att_input *in)
{
    if ((in->n_punches > 0 && !in->punches) || (in->n_leaves > 0 && !in->leaves) ||
        (in->n_aways > 0 && !in->aways) || in->n_punches < 0 || in->n_leaves < 0 || in->n_aways < 0)
        return ATT_E_NULL;
    for (int i = 0; i < in->n_punches; i++) {
        if ((int)in->punches[i].kind < ATT_SIGN_IN || in->punches[i].kind > ATT_LEADER_OUT)
            return ATT_E_KIND;
        if (!minute_ok(in->punches[i].minute))
            return ATT_E_MINUTE;
    }
    for (int i = 0; i < in->n_leaves; i++)
        if (!interval_ok(in->leaves[i].start, in->leaves[i].end))
            return ATT_E_INTERVAL;
    for (int i = 0; i < in->n_aways; i++)
        if (!interval_ok(in->aways[i].start, in->aways[i].end))
            return ATT_E_INTERVAL;
    return ATT_OK;
}

/* Minute-by-minute mask of approved leave over the day. */
static void leave_mask(const att_leave *leaves, int n, bool mask[SCHED_MINUTES_PER_DAY])
{
    for (int t = 0; t < SCHED_MINUTES_PER_DAY; t++)
        mask[t] = false;
    for (int i = 0; i < n; i++)
        if (leaves[i].approved)
            for (int t = leaves[i].start; t < leaves[i].end; t++)
                mask[t] = true;
}

/* Minutes of [a, b) not covered by the mask. */
static int uncovered(const bool mask[SCHED_MINUTES_PER_DAY], int a, int b)
{
    int n = 0;
    for (int t = a; t < b; t++)
        if (!mask[t])
            n++;
    return n;
}

static int lunch_middle(const sched_day *day)
{
    return (day->session[SCHED_MORNING].end + day->session[SCHED_AFTERNOON].start) / 2;
}

/* Which session a clerk punch belongs to (by the middle of the lunch break). */
static int session_of(const sched_day *day, const att_punch *p)
{
    int mid = lunch_middle(day);
    if (p->kind == ATT_SIGN_IN)
        return p->minute < mid ? SCHED_MORNING : SCHED_AFTERNOON;
    return p->minute <= mid ? SCHED_MORNING : SCHED_AFTERNOON;
}

static void note_punch(punch_summary *ps, const att_punch *p)
{
    ps->any = true;
    if (p->kind == ATT_SIGN_IN) {
        if (ps->first_in < 0 || p->minute < ps->first_in)
            ps->first_in = p->minute;
        if (p->clock_suspect)
            ps->suspect_in = true;
        else if (ps->trusted_in < 0 || p->minute < ps->trusted_in)
            ps->trusted_in = p->minute;
    } else {
        if (p->minute > ps->last_out)
            ps->last_out = p->minute;
        if (p->clock_suspect)
            ps->suspect_out = true;
        else if (p->minute > ps->trusted_out)
            ps->trusted_out = p->minute;
    }
}

static void summarise_punches(const sched_day *day, const att_input *in, punch_summary ps[SCHED_SESSIONS])
{
    for (int s = 0; s < SCHED_SESSIONS; s++)
        ps[s] = (punch_summary){false, -1, -1, false, false, -1, -1};
    for (int i = 0; i < in->n_punches; i++) {
        const att_punch *p = &in->punches[i];
        if (p->kind == ATT_SIGN_IN || p->kind == ATT_SIGN_OUT)
            note_punch(&ps[session_of(day, p)], p);
    }
}

/* The first minute from `start` on that approved leave does not cover (capped at end). */
static int shifted_start(const bool mask[SCHED_MINUTES_PER_DAY], int start, int end)
{
    int t = start;
    while (t < end && mask[t])
        t++;
    return t;
}

/* The end of the last minute before `end` that approved leave does not cover. */
static int shifted_end(const bool mask[SCHED_MINUTES_PER_DAY], int start, int end)
{
    int t = end;
    while (t > start && mask[t - 1])
        t--;
    return t;
}

static void judge_arrival(att_session_verdict *v, const punch_summary *ps, int eff_start, int grace)
{
    if (ps->trusted_in >= 0) {
        v->late_minutes = ps->trusted_in > eff_start ? ps->trusted_in - eff_start : 0;
        v->late = ps->trusted_in > eff_start + grace; /* (十) 迟到: after start + grace */
    } else if (ps->suspect_in) {
        v->needs_review = true;
    } else {
        v->missing_in = true;
        v->late = true;
    }
}

static void judge_departure(att_session_verdict *v, const punch_summary *ps, int eff_end, int grace)
{
    if (ps->trusted_out >= 0) {
        v->early_minutes = ps->trusted_out < eff_end ? eff_end - ps->trusted_out : 0;
        v->early = ps->trusted_out < eff_end - grace; /* (十) 早退: before end - grace */
    } else if (ps->suspect_out) {
        v->needs_review = true;
    } else {
        v->missing_out = true;
        v->early = true;
    }
}

static void judge_session(const sched_day *day, int s, const punch_summary *ps,
                          const bool mask[SCHED_MINUTES_PER_DAY], att_session_verdict *v)
{
    const sched_session *ss = &day->session[s];
    int eff_start = shifted_start(mask, ss->start, ss->end);
    int eff_end = shifted_end(mask, ss->start, ss->end);
    *v = (att_session_verdict){0};
    if (eff_start >= eff_end) {
        v->covered = true; /* approved leave covers the whole half day */
        return;
    }
    if (!ps->any) {
        v->absent = true; /* (十一) 旷工, one half day */
        return;
    }
    judge_arrival(v, ps, eff_start, day->grace);
    judge_departure(v, ps, eff_end, day->grace);
}

/* The part of session s the clerk was signed in for: [*a, *b). */
static void presence_span(const sched_day *day, int s, const punch_summary *ps,
                          const att_session_verdict *v, int *a, int *b)
{
    const sched_session *ss = &day->session[s];
    *a = ss->start;
    *b = ss->end;
    if (v->absent || v->covered) {
        *b = *a;
        return;
    }
    if (ps->first_in > *a)
        *a = ps->first_in;
    if (ps->last_out >= 0 && ps->last_out < *b)
        *b = ps->last_out;
    if (*b < *a)
        *b = *a;
}

static int overlap_uncovered(const bool mask[SCHED_MINUTES_PER_DAY], int a, int b, int lo, int hi)
{
    int s = a > lo ? a : lo, e = b < hi ? b : hi;
    return e > s ? uncovered(mask, s, e) : 0;
}

viol_kind att_away_kind(int minutes)
{
    if (minutes > ATT_AWAY_LONG)
        return VIOL_AWAY_60; /* (十七) "超过一小时的每人次扣1分" */
    if (minutes >= ATT_AWAY_SHORT)
        return VIOL_AWAY_30; /* (十七) "达30分钟以上的，每人次扣0.5分" */
    return VIOL_KINDS;
}

static void count_aways(const sched_day *day, const att_input *in, const punch_summary ps[SCHED_SESSIONS],
                        const bool mask[SCHED_MINUTES_PER_DAY], att_day *out)
{
    int lo[SCHED_SESSIONS], hi[SCHED_SESSIONS];
    for (int s = 0; s < SCHED_SESSIONS; s++)
        presence_span(day, s, &ps[s], &out->session[s], &lo[s], &hi[s]);
    for (int i = 0; i < in->n_aways; i++) {
        const att_away *w = &in->aways[i];
        int total = 0;
        for (int s = 0; s < SCHED_SESSIONS; s++) {
            int m = overlap_uncovered(mask, w->start, w->end, lo[s], hi[s]);
            out->session[s].away_minutes += m;
            total += m;
        }
        viol_kind k = att_away_kind(total);
        if (k != VIOL_KINDS)
            out->count[k]++;
        if (!w->handoff_done && sched_session_at(day, w->start) >= 0)
            out->count[VIOL_HANDOFF_MISSING]++; /* (十四) */
    }
}

static bool in_sessions(const sched_day *day, int start, int end)
{
    for (int s = 0; s < SCHED_SESSIONS; s++)
        if (start < day->session[s].end && end > day->session[s].start)
            return true;
    return false;
}

static void count_sessions(att_day *out)
{
    for (int s = 0; s < SCHED_SESSIONS; s++) {
        const att_session_verdict *v = &out->session[s];
        out->count[VIOL_ABSENT_HALF_DAY] += v->absent;
        out->count[VIOL_LATE] += v->late;
        out->count[VIOL_EARLY] += v->early;
    }
}

static int count_clerk_punches(const att_input *in)
{
    int n = 0;
    for (int i = 0; i < in->n_punches; i++)
        n += in->punches[i].kind == ATT_SIGN_IN || in->punches[i].kind == ATT_SIGN_OUT;
    return n;
}

att_status attendance_day(const sched_day *day, const att_input *in, att_day *out)
{
    if (!day || !in || !out)
        return ATT_E_NULL;
    att_status st = check_input(in);
    if (st != ATT_OK)
        return st;
    *out = (att_day){0};
    out->workday = day->workday;
    out->n_punches = count_clerk_punches(in);
    if (!day->workday)
        return ATT_OK; /* recorded, not required */
    bool mask[SCHED_MINUTES_PER_DAY];
    leave_mask(in->leaves, in->n_leaves, mask);
    punch_summary ps[SCHED_SESSIONS];
    summarise_punches(day, in, ps);
    for (int s = 0; s < SCHED_SESSIONS; s++)
        judge_session(day, s, &ps[s], mask, &out->session[s]);
    count_sessions(out);
    count_aways(day, in, ps, mask, out);
    for (int i = 0; i < in->n_leaves; i++)
        if (!in->leaves[i].approved && in_sessions(day, in->leaves[i].start, in->leaves[i].end))
            out->count[VIOL_LEAVE_NO_PROCEDURE]++; /* (九) */
    return ATT_OK;
}

int att_uncovered_minutes(const sched_day *day, const att_leave *leaves, int n_leaves, int start, int end)
{
    if (!day || (n_leaves > 0 && !leaves) || !interval_ok(start, end))
        return 0;
    bool mask[SCHED_MINUTES_PER_DAY];
    leave_mask(leaves, n_leaves > 0 ? n_leaves : 0, mask);
    int n = 0;
    for (int s = 0; s < SCHED_SESSIONS; s++)
        n += overlap_uncovered(mask, start, end, day->session[s].start, day->session[s].end);
    return n;
}

/* Seed 001 篇一 二、考勤办法: "现场办公领导在中心实行本人签到制度，每次进入和离开中心均实行签到".
 * Each entry opens an interval, each exit closes it.  A punch that cannot be
 * paired (exit without entry, entry followed by another entry, entry never
 * closed, or a clock-suspect punch) is counted in `unmatched` and credits no
 * minutes: presence is only what the sign-ins prove. */
att_status att_leader_presence(const att_punch *p, int n, att_presence *out)
{
    if (!out || n < 0 || (n > 0 && !p))
        return ATT_E_NULL;
    *out = (att_presence){0};
    int open = -1, last = -1;
    for (int i = 0; i < n; i++) {
        if (p[i].kind != ATT_LEADER_IN && p[i].kind != ATT_LEADER_OUT)
            continue;
        if (!minute_ok(p[i].minute))
            return ATT_E_MINUTE;
        if (p[i].clock_suspect) {
            out->unmatched++;
            continue;
        }
        if (p[i].minute < last)
            return ATT_E_ORDER;
        last = p[i].minute;
        if (p[i].kind == ATT_LEADER_IN) {
            if (open >= 0)
                out->unmatched++;
            open = p[i].minute;
        } else if (open < 0) {
            out->unmatched++;
        } else {
            if (out->n == ATT_LEADER_MAX)
                return ATT_E_FULL;
            out->interval[out->n++] = (att_interval){open, p[i].minute};
            out->minutes += p[i].minute - open;
            open = -1;
        }
    }
    if (open >= 0)
        out->unmatched++;
    return ATT_OK;
}

const char *att_reason(att_status st)
{
    switch (st) {
    case ATT_OK:
        return N_("attendance computed");
    case ATT_E_NULL:
        return N_("attendance input is missing (a list is empty but has a count)");
    case ATT_E_MINUTE:
        return N_("a punch time is not between 00:00 and 24:00");
    case ATT_E_INTERVAL:
        return N_("a leave or away interval ends before it starts or lies outside the day");
    case ATT_E_KIND:
        return N_("a punch is neither a sign-in nor a sign-out");
    case ATT_E_ORDER:
        return N_("the leader's entry and exit punches are not in time order");
    case ATT_E_FULL:
        return N_("too many entries and exits for one leader's day");
    }
    return N_("unknown attendance error");
}
