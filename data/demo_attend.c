/* demo_attend.c - a past month of AB岗 duty and attendance for the demo, so
 * the duty and attendance reports have something to show after `make run`:
 * on each of the last DEMO_MONTH_DAYS working days before today, both
 * windows' days started (W01: A demo-a, B demo-b; W02 the other way round)
 * with the default [hours] of config.ini.example, the two clerks' four
 * punches a day (a few late arrivals and early departures), each window
 * opened and closed; on two days demo-a leaves W01 for a meeting and
 * demo-b covers; one afternoon of approved personal leave for demo-a
 * (requested, decided by the supervisor, the post handed to demo-b); one
 * quarter of an hour when demo-b leaves W02 unattended; and one planned
 * on-site day of the leader demo-l with an entry and an exit.  Everything
 * goes through the event log and the projections like a clerk's actions,
 * and the same seed gives the same month.  Seeded once: a store whose
 * windows already have started days is left as it is. */
#include "data/config.h"
#include "data/demo.h"
#include "data/demo_int.h"

#include <stdio.h>
#include <string.h>

#include "core/schedule.h"
#include "data/store_db.h"

/* ---- building events ----------------------------------------------------------------------- */

static const char *keep(demo_batch *b, const char *v)
{
    size_t i = b->n - 1, n = strlen(v);
    if (b->used[i] + n + 1 > DEMO_TEXT) {
        b->failed = store_fail(b->s, "demo: an event's text does not fit (%zu bytes)", n);
        return "";
    }
    char *at = b->text[i] + b->used[i];
    memcpy(at, v, n + 1);
    b->used[i] += n + 1;
    return at;
}

static void add(demo_batch *b, ev_field f)
{
    event_in *in = &b->in[b->n - 1];
    if (b->failed)
        return;
    if (in->nfields == DEMO_FIELDS) {
        b->failed = store_fail(b->s, "demo: too many fields in a %s event", in->type);
        return;
    }
    b->f[b->n - 1][in->nfields++] = f;
}

/* Start an event about subject signed by staff, with "date" d when d is a date. */
static bool begin(demo_batch *b, const char *type, const char *subject, int32_t staff, gdate d)
{
    if (b->failed || (b->n == EVENT_BATCH_MAX && demo_flush(b) != 0))
        return false;
    size_t i = b->n++;
    b->used[i] = 0;
    b->in[i] = (event_in){type, NULL, staff, b->f[i], 0};
    b->in[i].subject = keep(b, subject);
    if (d.y) {
        char buf[DATE_STR_LEN];
        add(b, ev_str("date", keep(b, date_format(d, buf))));
    }
    return !b->failed;
}

static const char *num_text(int32_t v, char buf[16])
{
    snprintf(buf, 16, "%d", (int)v);
    return buf;
}

/* ---- one day ----------------------------------------------------------------------------------- */

/* The day being written: the month, the date, its sessions. */
typedef struct {
    demo_batch *b;
    const demo_month *m;
    gdate d;
    sched_day sd;
    demo_rng r;
} day_run;

static void day_started(day_run *x, const char *window, int32_t a, int32_t bpost)
{
    demo_batch *b = x->b;
    if (!begin(b, "duty.day_started", window, a, x->d))
        return;
    add(b, ev_int("a", a));
    add(b, ev_int("b", bpost));
    add(b, ev_bool("workday", true));
    add(b, ev_int("morning_start", x->sd.session[SCHED_MORNING].start));
    add(b, ev_int("morning_end", x->sd.session[SCHED_MORNING].end));
    add(b, ev_int("afternoon_start", x->sd.session[SCHED_AFTERNOON].start));
    add(b, ev_int("afternoon_end", x->sd.session[SCHED_AFTERNOON].end));
    add(b, ev_int("grace", x->sd.grace));
}

static void punch(day_run *x, int32_t who, const char *window, const char *kind, int minute)
{
    char n[16];
    if (!begin(x->b, "attendance.punched", num_text(who, n), who, x->d))
        return;
    add(x->b, ev_int("minute", minute));
    add(x->b, ev_str("kind", kind));
    add(x->b, ev_str("window", window));
}

/* One handoff at the window; confirmer / supervisor 0 when none; reason NULL unless a request. */
static void handoff(day_run *x, const char *window, const char *kind, int minute, int32_t actor, int32_t confirmer,
                    const char *reason, int expected)
{
    demo_batch *b = x->b;
    if (!begin(b, "duty.handoff", window, actor, x->d))
        return;
    add(b, ev_int("minute", minute));
    add(b, ev_str("kind", kind));
    add(b, ev_int("actor", actor));
    if (confirmer)
        add(b, ev_int("confirmer", confirmer));
    if (reason) {
        add(b, ev_str("reason", reason));
        add(b, ev_int("expected_return", expected));
    }
}

/* A clerk's four punches: mostly a few minutes early, sometimes late in, sometimes early out. */
typedef struct {
    int in_m, out_m, in_a, out_a;
} day_punches;

static day_punches punches_of(day_run *x)
{
    const sched_session *mo = &x->sd.session[SCHED_MORNING], *af = &x->sd.session[SCHED_AFTERNOON];
    demo_rng *r = &x->r;
    day_punches p;
    p.in_m = demo_chance(r, 90) ? mo->start + demo_between(r, 6, 25) : mo->start - demo_between(r, 3, 15);
    p.out_m = mo->end + demo_between(r, 0, 6);
    p.in_a = demo_chance(r, 50) ? af->start + demo_between(r, 6, 20) : af->start - demo_between(r, 0, 10);
    p.out_a = demo_chance(r, 40) ? af->end - demo_between(r, 10, 30) : af->end + demo_between(r, 0, 15);
    return p;
}

static void four_punches(day_run *x, int32_t who, const char *window, const day_punches *p, bool afternoon)
{
    punch(x, who, window, "sign_in", p->in_m);
    punch(x, who, window, "sign_out", p->out_m);
    if (!afternoon)
        return;
    punch(x, who, window, "sign_in", p->in_a);
    punch(x, who, window, "sign_out", p->out_a);
}

/* The minute a window closes: the end of the afternoon, or later when its clerk stayed on. */
static int close_at(const day_run *x, const day_punches *p)
{
    int end = x->sd.session[SCHED_AFTERNOON].end;
    return p->out_a > end ? p->out_a : end;
}

/* Which special things happen on day k of n (counted from the oldest). */
enum { EV_NONE, EV_MEETING, EV_LEAVE, EV_UNATTENDED, EV_LEADER };
static int special_of(int k, int n)
{
    static const int at[][2] = {{3, EV_MEETING}, {12, EV_MEETING}, {5, EV_LEAVE}, {8, EV_UNATTENDED},
                                {10, EV_LEADER}};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
        if (at[i][0] % n == k)
            return at[i][1];
    return EV_NONE;
}

/* W01: demo-a on the A post; a meeting (demo-b covers) or the afternoon's leave (demo-b takes over). */
static void window_1(day_run *x, int special, const day_punches *pa, const day_punches *pb)
{
    const demo_month *m = x->m;
    int me = x->sd.session[SCHED_MORNING].end;
    handoff(x, DEMO_WINDOW_1, "open", pa->in_m + 2, m->a, 0, NULL, -1);
    if (special == EV_MEETING) {
        handoff(x, DEMO_WINDOW_1, "request", 600, m->a, 0, "meeting", 645);
        handoff(x, DEMO_WINDOW_1, "confirm", 601, m->b, 0, NULL, -1);
        handoff(x, DEMO_WINDOW_1, "take_back", 640, m->a, m->b, NULL, -1);
    }
    if (special == EV_LEAVE) {
        handoff(x, DEMO_WINDOW_1, "request", me, m->a, 0, "other", -1);
        handoff(x, DEMO_WINDOW_1, "confirm", me, m->b, 0, NULL, -1);
        handoff(x, DEMO_WINDOW_1, "close", close_at(x, pb), m->b, 0, NULL, -1);
        return;
    }
    handoff(x, DEMO_WINDOW_1, "close", close_at(x, pa), m->a, 0, NULL, -1);
}

/* W02: demo-b on the A post; once, a quarter of an hour left unattended. */
static void window_2(day_run *x, int special, const day_punches *pb)
{
    const demo_month *m = x->m;
    handoff(x, DEMO_WINDOW_2, "open", pb->in_m + 2, m->b, 0, NULL, -1);
    if (special == EV_UNATTENDED) {
        handoff(x, DEMO_WINDOW_2, "leave_uncovered", 910, m->b, 0, NULL, -1);
        handoff(x, DEMO_WINDOW_2, "open", 925, m->b, 0, NULL, -1);
    }
    handoff(x, DEMO_WINDOW_2, "close", close_at(x, pb), m->b, 0, NULL, -1);
}

static int one_day(demo_batch *b, const demo_month *m, gdate d, int k, int n, const sched_config *hours)
{
    day_run x = {b, m, d, {0}, demo_rng_for(m->seed, 0x6174, (uint64_t)k)};
    if (schedule_for(hours, d, true, &x.sd) != SCHED_OK)
        return store_fail(b->s, "demo: the default working hours are not valid");
    int special = special_of(k, n);
    day_punches pa = punches_of(&x), pb = punches_of(&x);
    day_started(&x, DEMO_WINDOW_1, m->a, m->b);
    day_started(&x, DEMO_WINDOW_2, m->b, m->a);
    four_punches(&x, m->a, DEMO_WINDOW_1, &pa, special != EV_LEAVE);
    four_punches(&x, m->b, DEMO_WINDOW_2, &pb, true);
    if (special == EV_LEADER) {
        punch(&x, m->leader, DEMO_WINDOW_1, "leader_in", 540);
        punch(&x, m->leader, DEMO_WINDOW_1, "leader_out", 690);
    }
    window_1(&x, special, &pa, &pb);
    window_2(&x, special, &pb);
    return b->failed ? -1 : 0;
}

/* ---- the month ------------------------------------------------------------------------------------ */

/* The last DEMO_MONTH_DAYS working days before today, oldest first; *n how many the calendar has. */
static void month_days(const demo_month *m, gdate days[DEMO_MONTH_DAYS], int *n)
{
    gdate d = m->today, back[DEMO_MONTH_DAYS];
    int k = 0, missing = 0;
    while (k < DEMO_MONTH_DAYS) {
        bool work = false;
        d = date_add_days(d, -1);
        if (cal_is_workday(m->cal, d, &work, &missing) != CAL_OK)
            break;
        if (work)
            back[k++] = d;
    }
    for (int i = 0; i < k; i++)
        days[i] = back[k - 1 - i];
    *n = k;
}

/* The leave: an afternoon of personal leave for demo-a, requested the day before and approved. */
static int the_leave(demo_batch *b, const demo_month *m, gdate leave_day, const sched_config *hours)
{
    char n[16], d[DATE_STR_LEN];
    sched_day sd;
    if (schedule_for(hours, leave_day, true, &sd) != SCHED_OK || demo_flush(b) != 0)
        return -1;
    ev_field f[] = {ev_str("kind", "personal"), ev_str("start_day", date_format(leave_day, d)),
                    ev_int("start_minute", sd.session[SCHED_AFTERNOON].start), ev_str("end_day", d),
                    ev_int("end_minute", sd.session[SCHED_AFTERNOON].end), ev_str("reason", "孩子开家长会")};
    event_in in = {"leave.requested", num_text(m->a, n), m->a, f, sizeof f / sizeof f[0]};
    event_out out;
    if (events_writer_append(b->w, &in, 1, &out) != 0)
        return -1;
    b->written++;
    gdate asked = date_add_days(leave_day, -1);
    if (!begin(b, "leave.decided", out.id, m->sup, asked))
        return -1;
    add(b, ev_bool("approve", true));
    add(b, ev_str("note", "同意，下午由演示乙顶岗"));
    return b->failed ? -1 : 0;
}

/* The leader's planned on-site day, planned by the supervisor. */
static int the_leader_day(demo_batch *b, const demo_month *m, gdate day)
{
    char n[16];
    return begin(b, "leader.day_planned", num_text(m->leader, n), m->sup, day) ? 0 : -1;
}

/* 0 when the windows have no started day yet (the month is to be seeded), 1 when they have, -1 error. */
static int month_seeded(store *s)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT 1 FROM duty_days LIMIT 1");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 1 : 0;
    return store_fail_sql(s, "reading the windows' days");
}

int demo_month_emit(demo_batch *b, const demo_month *m)
{
    int seeded = month_seeded(b->s);
    if (seeded != 0)
        return seeded < 0 ? -1 : 0;
    gdate days[DEMO_MONTH_DAYS];
    int n = 0;
    month_days(m, days, &n);
    if (n == 0)
        return 0;
    gconfig cfg;
    config_defaults(&cfg); /* the hours of config.ini.example */
    int leave_k = -1, leader_k = -1;
    for (int k = 0; k < n; k++) {
        int sp = special_of(k, n);
        leave_k = sp == EV_LEAVE ? k : leave_k;
        leader_k = sp == EV_LEADER ? k : leader_k;
    }
    if ((leave_k >= 0 && the_leave(b, m, days[leave_k], &cfg.hours) != 0) ||
        (leader_k >= 0 && the_leader_day(b, m, days[leader_k]) != 0))
        return -1;
    for (int k = 0; k < n; k++)
        if (one_day(b, m, days[k], k, n, &cfg.hours) != 0)
            return -1;
    return demo_flush(b);
}
