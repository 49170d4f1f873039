/* handoff.c - the AB岗 duty projection of one window: events in, verdicts
 * out, the state changed only when an event is accepted.
 *
 * Sources:
 *   seed 001 篇二 二(三)2  "工作人员至少2名，实行“AB岗”制度，确保岗位随时有人。进驻人员
 *                          “A岗”或“B岗”因故确需暂离岗位的，须在替岗人员到位后方可离开。"
 *                          -> leaving takes a request and the coverer's own confirmation;
 *                             A and B may not both be away; nobody leaves without cover.
 *   seed 001 篇十 三       "a岗为前台常设岗位、b岗为后台流动岗位，a岗因故不能在岗，b岗随时顶上"
 *                          -> B is free (roving) while A is on duty and steps in on request.
 *   seed 003 第五章 [工作时间] (十四) "与替岗人员未做好交接，影响工作的，每次扣0.5分"
 *                          -> leaving uncovered is logged as an away spell without handoff,
 *                             which attendance.c counts.
 *   seed 001 篇十 三       "因特殊情况确需调换窗口人员的，须经原单位同意，并确定顶岗人员，报县政务
 *                          服务中心备案" -> a coverer not on today's roster needs a supervisor's
 *                          confirmation, which is recorded. */
#include "core/handoff.h"
#include "core/names.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"

static int roster_index(const handoff_state *st, staff_id id)
{
    if (id != 0 && id == st->a)
        return 0;
    if (id != 0 && id == st->b)
        return 1;
    return -1;
}

bool handoff_on_roster(const handoff_state *st, staff_id clerk)
{
    return st && roster_index(st, clerk) >= 0;
}

static bool is_away(const handoff_state *st, staff_id id)
{
    int i = roster_index(st, id);
    return i >= 0 && st->absence[i].away;
}

/* The other roster clerk's absence is already open (AB岗: never both away). */
static bool other_away(const handoff_state *st, staff_id id)
{
    int i = roster_index(st, id);
    return i >= 0 && st->absence[1 - i].away;
}

ho_status handoff_init(handoff_state *st, staff_id a, staff_id b, const sched_day *day)
{
    if (!st || !day)
        return HO_E_NULL;
    if (a == 0 || b == 0 || a == b)
        return HO_E_ROSTER;
    *st = (handoff_state){0};
    st->a = a;
    st->b = b;
    st->day = *day;
    st->window = HO_CLOSED;
    st->unattended_since = -1;
    st->last_event = -1;
    st->request.expected_return = -1;
    for (int i = 0; i < 2; i++) {
        st->absence[i].since = -1;
        st->absence[i].expected_return = -1;
        st->absence[i].log_index = -1;
    }
    return HO_OK;
}

static int log_add(handoff_state *st, ho_away_entry e)
{
    st->log[st->n_log] = e;
    return st->n_log++;
}

static void begin_absence(handoff_state *st, staff_id clerk, int now, const ho_request *rq, bool handed_off,
                          staff_id coverer, staff_id supervisor)
{
    ho_away_entry e = {clerk, now, -1, handed_off, HO_OTHER, false, coverer, supervisor};
    if (rq) {
        e.reason = rq->reason;
        e.long_absence = rq->long_absence;
    }
    int idx = log_add(st, e);
    int i = roster_index(st, clerk);
    if (i < 0) {
        st->log[idx].end = now; /* an off-roster coverer is not expected back here */
        return;
    }
    st->absence[i] = (ho_absence){true, e.reason, now, rq ? rq->expected_return : -1, e.long_absence,
                                  handed_off, idx};
}

static void end_absence(handoff_state *st, staff_id clerk, int now)
{
    int i = roster_index(st, clerk);
    if (i < 0 || !st->absence[i].away)
        return;
    st->log[st->absence[i].log_index].end = now;
    st->absence[i] = (ho_absence){false, HO_OTHER, -1, -1, false, false, -1};
}

static void clear_request(handoff_state *st)
{
    st->request = (ho_request){false, 0, HO_OTHER, -1, false, 0};
}

static void put_on_duty(handoff_state *st, staff_id clerk, staff_id supervisor)
{
    st->window = HO_STAFFED;
    st->on_duty = clerk;
    st->cover_supervisor = roster_index(st, clerk) >= 0 ? 0 : supervisor;
    st->unattended_since = -1;
    st->left_unattended_by = 0;
}

/* An off-roster clerk needs a supervisor who is neither the clerk nor the leaver. */
static ho_status check_off_roster(const handoff_state *st, staff_id clerk, staff_id supervisor, staff_id leaver)
{
    if (roster_index(st, clerk) >= 0)
        return HO_OK;
    if (supervisor == 0)
        return HO_E_OFF_ROSTER;
    if (supervisor == clerk || supervisor == leaver)
        return HO_E_BAD_SUPERVISOR;
    return HO_OK;
}

static ho_status on_open(handoff_state *st, const ho_event *ev, int now)
{
    if (st->window == HO_STAFFED)
        return HO_E_STAFFED;
    ho_status s = check_off_roster(st, ev->actor, ev->supervisor, 0);
    if (s != HO_OK)
        return s;
    end_absence(st, ev->actor, now);
    put_on_duty(st, ev->actor, ev->supervisor);
    return HO_OK;
}

static bool expected_ok(int expected, int now)
{
    return expected == -1 || (expected >= now && expected <= SCHED_MINUTES_PER_DAY);
}

static ho_status on_request(handoff_state *st, const ho_event *ev, int now)
{
    if (st->window != HO_STAFFED || ev->actor != st->on_duty)
        return HO_E_NOT_ON_DUTY;
    if (st->request.pending)
        return HO_E_REQUEST_PENDING;
    if ((int)ev->reason < 0 || ev->reason >= HO_REASONS || !expected_ok(ev->expected_return, now))
        return HO_E_EVENT;
    if (other_away(st, ev->actor))
        return HO_E_BOTH_AWAY;
    st->request = (ho_request){true, ev->actor, ev->reason, ev->expected_return, ev->long_absence, now};
    return HO_OK;
}

static ho_status on_cancel(handoff_state *st, const ho_event *ev)
{
    if (!st->request.pending)
        return HO_E_NO_REQUEST;
    if (ev->actor != st->request.requester)
        return HO_E_NOT_REQUESTER;
    clear_request(st);
    return HO_OK;
}

static ho_status on_confirm(handoff_state *st, const ho_event *ev, int now)
{
    if (!st->request.pending)
        return HO_E_NO_REQUEST;
    staff_id leaver = st->request.requester;
    if (ev->actor == leaver)
        return HO_E_SELF_CONFIRM;
    if (is_away(st, ev->actor))
        return HO_E_CONFIRMER_AWAY;
    ho_status s = check_off_roster(st, ev->actor, ev->supervisor, leaver);
    if (s != HO_OK)
        return s;
    if (other_away(st, leaver))
        return HO_E_BOTH_AWAY;
    if (st->n_log == HO_LOG_MAX)
        return HO_E_LOG_FULL;
    ho_request rq = st->request;
    staff_id sup = roster_index(st, ev->actor) >= 0 ? 0 : ev->supervisor;
    begin_absence(st, leaver, now, &rq, true, ev->actor, sup);
    clear_request(st);
    put_on_duty(st, ev->actor, sup);
    return HO_OK;
}

static ho_status on_take_back(handoff_state *st, const ho_event *ev, int now)
{
    if (ev->confirmer == ev->actor)
        return HO_E_SELF_CONFIRM;
    if (!is_away(st, ev->actor))
        return HO_E_NOT_AWAY;
    if (st->window != HO_STAFFED)
        return HO_E_NOBODY_ON_DUTY;
    if (ev->confirmer != st->on_duty)
        return HO_E_CONFIRMER_NOT_ON_DUTY;
    end_absence(st, ev->actor, now);
    clear_request(st); /* a coverer's own pending request is moot now */
    put_on_duty(st, ev->actor, 0);
    return HO_OK;
}

static ho_status on_leave_uncovered(handoff_state *st, const ho_event *ev, int now)
{
    if (st->window != HO_STAFFED || ev->actor != st->on_duty)
        return HO_E_NOT_ON_DUTY;
    if (st->n_log == HO_LOG_MAX)
        return HO_E_LOG_FULL;
    begin_absence(st, ev->actor, now, NULL, false, 0, 0);
    clear_request(st);
    st->window = HO_UNATTENDED;
    st->on_duty = 0;
    st->cover_supervisor = 0;
    st->unattended_since = now;
    st->left_unattended_by = ev->actor;
    return HO_OK;
}

/* Inside a session and before its end minus grace, the window must stay
 * staffed (AB岗 "确保岗位随时有人"); closing then would hide an early leave. */
static bool during_hours(const handoff_state *st, int now)
{
    if (!st->day.workday)
        return false;
    for (int s = 0; s < SCHED_SESSIONS; s++)
        if (now >= st->day.session[s].start && now < st->day.session[s].end - st->day.grace)
            return true;
    return false;
}

static ho_status on_close(handoff_state *st, const ho_event *ev, int now)
{
    if (st->window == HO_CLOSED)
        return HO_E_CLOSED;
    if (st->window == HO_STAFFED && ev->actor != st->on_duty)
        return HO_E_NOT_ON_DUTY;
    if (during_hours(st, now))
        return HO_E_DURING_HOURS;
    clear_request(st);
    st->window = HO_CLOSED;
    st->on_duty = 0;
    st->cover_supervisor = 0;
    st->unattended_since = -1;
    st->left_unattended_by = 0;
    return HO_OK;
}

static ho_status check_event(const handoff_state *st, const ho_event *ev, int now)
{
    if ((int)ev->kind < HO_EV_OPEN || ev->kind >= HO_EV_KINDS || ev->actor == 0)
        return HO_E_EVENT;
    if (now < 0 || now > SCHED_MINUTES_PER_DAY)
        return HO_E_EVENT;
    if (now < st->last_event)
        return HO_E_TIME_BACKWARDS;
    return HO_OK;
}

static ho_status dispatch(handoff_state *st, const ho_event *ev, int now)
{
    switch (ev->kind) {
    case HO_EV_OPEN:
        return on_open(st, ev, now);
    case HO_EV_REQUEST:
        return on_request(st, ev, now);
    case HO_EV_CANCEL:
        return on_cancel(st, ev);
    case HO_EV_CONFIRM:
        return on_confirm(st, ev, now);
    case HO_EV_TAKE_BACK:
        return on_take_back(st, ev, now);
    case HO_EV_LEAVE_UNCOVERED:
        return on_leave_uncovered(st, ev, now);
    case HO_EV_CLOSE:
        return on_close(st, ev, now);
    case HO_EV_KINDS:
        break;
    }
    return HO_E_EVENT;
}

ho_status handoff_apply(handoff_state *st, const ho_event *ev, int now)
{
    if (!st || !ev)
        return HO_E_NULL;
    ho_status s = check_event(st, ev, now);
    if (s != HO_OK)
        return s;
    s = dispatch(st, ev, now); /* each handler checks everything before changing st */
    if (s == HO_OK)
        st->last_event = now;
    return s;
}

ho_status handoff_check(const handoff_state *st, const ho_event *ev, int now)
{
    if (!st || !ev)
        return HO_E_NULL;
    handoff_state scratch = *st;
    return handoff_apply(&scratch, ev, now);
}

const ho_absence *handoff_absence(const handoff_state *st, staff_id clerk)
{
    if (!st)
        return NULL;
    int i = roster_index(st, clerk);
    return i >= 0 ? &st->absence[i] : NULL;
}

int handoff_away_intervals(const handoff_state *st, staff_id clerk, int now, att_away *out, int max)
{
    if (!st || !out || max <= 0)
        return 0;
    int n = 0;
    for (int i = 0; i < st->n_log && n < max; i++) {
        const ho_away_entry *e = &st->log[i];
        if (e->clerk != clerk)
            continue;
        int end = e->end >= 0 ? e->end : now;
        if (end < e->start)
            end = e->start;
        out[n++] = (att_away){e->start, end, e->handoff_done};
    }
    return n;
}

bool handoff_needs_reassign(const handoff_state *st, staff_id clerk)
{
    const ho_absence *ab = handoff_absence(st, clerk);
    return ab && ab->away && ab->long_absence;
}

static const char *const reason_names[HO_REASONS] = {"meeting", "toilet", "meal", "errand", "other"};
static const char *const kind_names[HO_EV_KINDS] = {
    "open", "request", "cancel", "confirm", "take_back", "leave_uncovered", "close"};

const char *ho_reason_name(ho_reason r)
{
    return (int)r >= 0 && r < HO_REASONS ? reason_names[r] : NULL;
}

ho_reason ho_reason_from_name(const char *name)
{
    return (ho_reason)names_index(reason_names, HO_REASONS, name);
}

const char *ho_reason_label(ho_reason r)
{
    switch (r) {
    case HO_MEETING:
        return N_("meeting");
    case HO_TOILET:
        return N_("toilet");
    case HO_MEAL:
        return N_("meal");
    case HO_ERRAND:
        return N_("errand");
    case HO_OTHER:
        return N_("other");
    case HO_REASONS:
        break;
    }
    return N_("unknown reason");
}

const char *ho_event_kind_name(ho_event_kind k)
{
    return (int)k >= 0 && k < HO_EV_KINDS ? kind_names[k] : NULL;
}

ho_event_kind ho_event_kind_from_name(const char *name)
{
    return (ho_event_kind)names_index(kind_names, HO_EV_KINDS, name);
}

const char *handoff_reason(ho_status s)
{
    switch (s) {
    case HO_OK:
        return N_("handoff recorded");
    case HO_E_NULL:
        return N_("no window state or event was given");
    case HO_E_ROSTER:
        return N_("today's roster needs two different clerks for the A and B posts");
    case HO_E_EVENT:
        return N_("the handoff event is malformed (kind, clerk, reason or time)");
    case HO_E_TIME_BACKWARDS:
        return N_("the event is earlier than the last one recorded for this window");
    case HO_E_SELF_CONFIRM:
        return N_("a clerk cannot confirm their own handoff");
    case HO_E_BOTH_AWAY:
        return N_("the other post is already away: A and B cannot both be away");
    case HO_E_OFF_ROSTER:
        return N_("the coverer is not on today's roster for this window: a supervisor must confirm");
    case HO_E_BAD_SUPERVISOR:
        return N_("the supervisor confirming must be someone other than the coverer and the leaver");
    case HO_E_NOT_ON_DUTY:
        return N_("only the clerk on duty at this window can do that");
    case HO_E_NO_REQUEST:
        return N_("there is no pending request to leave");
    case HO_E_REQUEST_PENDING:
        return N_("a request to leave is already waiting for its cover");
    case HO_E_NOT_REQUESTER:
        return N_("only the clerk who asked to leave can withdraw the request");
    case HO_E_NOT_AWAY:
        return N_("this clerk is not away from the window");
    case HO_E_CONFIRMER_NOT_ON_DUTY:
        return N_("the window must be handed back by the clerk on duty");
    case HO_E_CONFIRMER_AWAY:
        return N_("you are away from this window: take it back instead of covering");
    case HO_E_STAFFED:
        return N_("someone is already on duty at this window");
    case HO_E_NOBODY_ON_DUTY:
        return N_("nobody is on duty to hand the window back: open it instead");
    case HO_E_CLOSED:
        return N_("the window is closed");
    case HO_E_DURING_HOURS:
        return N_("the window cannot close during working hours: hand over to the other post");
    case HO_E_LOG_FULL:
        return N_("too many absences recorded for this window today");
    }
    return N_("unknown handoff error");
}
