/* attreport_person.c - a clerk's month (ar_person, ar_month): each working
 * day up to `today` (from the store's first punch on) read by attreport_read.c, judged by core's
 * attendance_day() and added in date order to core's score_month, so the
 * third breach of one provision in the month counts double (seed 003 第五章
 * (十五) "一个月违反同一规定三次以上(含三次)的，实行加倍扣分").  Days after
 * today are AR_DAY_FUTURE and not judged; non-working days are AR_DAY_OFF
 * (their punches are not judged either); working days before the first
 * punch the store holds are AR_DAY_NO_RECORD.
 *
 * Day kinds (the bar chart): every session covered by approved leave ->
 * LEAVE; any half day absent -> ABSENT; else any late or early leave
 * (a missing punch included) -> LATE_EARLY; else a side known only from
 * clock-suspect punches -> REVIEW; else ON_TIME.  punctual_pct = ON_TIME
 * days / days with at least one punch, rounded to the nearest percent. */
#include "data/attreport_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/desk_int.h"

static ar_day_kind day_kind(const att_day *d)
{
    bool all_covered = true, absent = false, late_early = false, review = false;
    for (int s = 0; s < SCHED_SESSIONS; s++) {
        const att_session_verdict *v = &d->session[s];
        all_covered = all_covered && v->covered;
        absent = absent || v->absent;
        late_early = late_early || v->late || v->early;
        review = review || v->needs_review;
    }
    if (all_covered)
        return AR_DAY_LEAVE;
    if (absent)
        return AR_DAY_ABSENT;
    if (late_early)
        return AR_DAY_LATE_EARLY;
    return review ? AR_DAY_REVIEW : AR_DAY_ON_TIME;
}

/* Add one judged day's verdict to the month's counters. */
static void tally(ar_person_month *m, const att_day *d)
{
    m->workdays++;
    m->present_days += d->n_punches > 0;
    m->late += d->count[VIOL_LATE];
    m->early += d->count[VIOL_EARLY];
    m->absent_half_days += d->count[VIOL_ABSENT_HALF_DAY];
    m->away_30 += d->count[VIOL_AWAY_30];
    m->away_60 += d->count[VIOL_AWAY_60];
    m->unattended += d->count[VIOL_HANDOFF_MISSING];
    for (int s = 0; s < SCHED_SESSIONS; s++) {
        const att_session_verdict *v = &d->session[s];
        m->leave_half_days += v->covered;
        m->review += v->needs_review;
        if (v->late && !v->missing_in)
            m->minutes_late += v->late_minutes;
    }
}

static int judge_day(ar_run *r, staff_id num, gdate day, ar_person_month *m, ar_day_points_cb cb, void *ctx)
{
    ar_day_input in;
    att_day d;
    char ds[DATE_STR_LEN];
    if (ar_day_read(r, num, day, true, &in) != 0)
        return -1;
    att_input ai = {in.punch, in.n_punch, in.leave, in.n_leave, in.away, in.n_away};
    att_status st = attendance_day(&in.sched, &ai, &d);
    if (st != ATT_OK)
        return desk_say(r->err, r->errlen, N_("the attendance of staff number %d on %s cannot be judged: %s"),
                        (int)num, date_format(day, ds), desk_tr(att_reason(st)));
    int before = m->score.total;
    score_status ss = score_month_add_counts(&m->score, day, d.count);
    if (ss != SCORE_OK)
        return desk_say(r->err, r->errlen, "%s", desk_tr(score_reason(ss)));
    tally(m, &d);
    m->day[day.d - 1] = day_kind(&d);
    if (cb)
        cb(in.window, m->score.total - before, ctx);
    return 0;
}

int ar_person_judge(ar_run *r, staff_id num, int year, int month, ar_person_month *out, ar_day_points_cb cb,
                    void *ctx)
{
    memset(out, 0, sizeof *out);
    out->num = num;
    score_month_init(&out->score, year, month);
    int on_time = 0;
    for (int d = 1; d <= date_days_in_month(year, month); d++) {
        gdate day = {year, month, d};
        bool work = false;
        if (ar_workday(r, day, &work) != 0)
            return -1;
        if (!work)
            out->day[d - 1] = AR_DAY_OFF;
        else if (date_cmp(day, r->sc->today) > 0)
            out->day[d - 1] = AR_DAY_FUTURE;
        else if (!r->any_record || date_cmp(day, r->first_record) < 0)
            out->day[d - 1] = AR_DAY_NO_RECORD;
        else if (judge_day(r, num, day, out, cb, ctx) != 0)
            return -1;
        on_time += out->day[d - 1] == AR_DAY_ON_TIME;
    }
    out->punctual_pct = out->present_days > 0 ? (on_time * 100 + out->present_days / 2) / out->present_days : -1;
    return 0;
}

/* Code and name into m (after judging: judging clears m). */
static void name_person(const staff_rec *rec, ar_person_month *m)
{
    snprintf(m->code, sizeof m->code, "%s", rec->code);
    snprintf(m->name, sizeof m->name, "%s", rec->name);
}

/* Judge staff number num's month and name it. */
static int person_month(ar_run *r, staff_id num, int year, int month, ar_person_month *out)
{
    staff_rec rec;
    if (staff_get_num(r->s, num, &rec, r->err, r->errlen) != STAFF_OK)
        return -1;
    if (ar_person_judge(r, num, year, month, out, NULL, NULL) != 0)
        return -1;
    name_person(&rec, out);
    return 0;
}

int ar_person(store *s, const ar_scope *sc, staff_id num, int year, int month, ar_person_month *out,
              char *err, size_t errlen)
{
    ar_run r;
    if (!out)
        return desk_say(err, errlen, N_("no report to fill"));
    if (ar_check(sc, year, month, err, errlen) != 0)
        return -1;
    int rc = ar_run_open(&r, s, sc, err, errlen);
    if (rc == 0)
        rc = person_month(&r, num, year, month, out);
    ar_run_close(&r);
    return rc;
}

int ar_month(store *s, const ar_scope *sc, int year, int month, ar_person_cb cb, void *ctx, char *err,
             size_t errlen)
{
    ar_run r;
    staff_id *nums = NULL;
    int n = 0;
    if (!cb)
        return desk_say(err, errlen, N_("no report to fill"));
    if (ar_check(sc, year, month, err, errlen) != 0)
        return -1;
    int rc = ar_run_open(&r, s, sc, err, errlen);
    if (rc == 0)
        rc = ar_clerks(&r, false, &nums, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        ar_person_month m;
        rc = person_month(&r, nums[i], year, month, &m);
        if (rc == 0 && cb(&m, ctx) != 0)
            break;
    }
    free(nums);
    ar_run_close(&r);
    return rc;
}
