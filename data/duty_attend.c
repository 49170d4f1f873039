/* duty_attend.c - 考勤: a person's 签到/签退 and a leader's entry and exit on
 * an on-site day (seed 001 篇一 "每次进出均须签到"), flagged "clock suspect"
 * when the terminal's clock looks wrong (earlier than the last event
 * recorded here, or off the centre's clock by more than [attendance]
 * clock_skew_minutes as the sync agent last measured it), and carrying the
 * centre's time (terminal time + that offset, "centre_at", Unix ms) once
 * the offset is known, so the centre can place the punch on its own clock
 * whatever this terminal's clock says; the punches of a day; a supervisor's corrections (a punch added with a reason, or one
 * voided with a reason; the row stays, marked).  The rules of lateness and
 * absence are core/attendance.h's, applied by the reports. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/duty_int.h"
#include "data/store_db.h"

static const char *const punch_names[] = {"sign_in", "sign_out", "leader_in", "leader_out"};
#define NPUNCH 4
#define CLOCK_SKEW_DEFAULT 5 /* minutes, as config.ini.example */

/* ---- the clock ----------------------------------------------------------------------------- */

#define Q_LAST_CREATED "SELECT created_at FROM events ORDER BY seq DESC LIMIT 1"
#define Q_CLOCK_OFFSET "SELECT value FROM meta WHERE key = 'sync_clock_offset_ms'"

/* One integer of a one-row query into *v; 0 (*has false when no row or not a number) or -1. */
static int one_int(store *s, const char *sql, int64_t *v, bool *has)
{
    *has = false;
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        char *end = NULL;
        long long n = t ? strtoll(t, &end, 10) : 0;
        *has = t && *t && end && *end == '\0';
        *v = n;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading the clock check");
}

/* What the clock check found: suspect, and the centre's time now when the offset is known. */
typedef struct {
    bool suspect;
    bool has_centre;    /* the sync agent has measured the centre's clock */
    int64_t centre_ms;  /* c->now_ms + that offset (Unix ms) */
} clock_check;

/* Whether the terminal's clock looks wrong now, and the centre's time when it is known. */
static int clock_suspect(store *s, const duty_ctx *c, clock_check *k)
{
    int64_t last = 0, offset = 0;
    bool has_last, has_offset;
    if (one_int(s, Q_LAST_CREATED, &last, &has_last) != 0 || one_int(s, Q_CLOCK_OFFSET, &offset, &has_offset) != 0)
        return -1;
    int64_t skew = (int64_t)(c->clock_skew_minutes > 0 ? c->clock_skew_minutes : CLOCK_SKEW_DEFAULT) * 60000;
    k->suspect = (has_last && c->now_ms < last) || (has_offset && (offset > skew || offset < -skew));
    k->has_centre = has_offset;
    k->centre_ms = has_offset ? c->now_ms + offset : 0;
    return 0;
}

/* ---- the day's punches ----------------------------------------------------------------------- */

#define Q_PUNCHES                                                                                      \
    "SELECT event_seq, day, minute, kind, clock_suspect, voided_by, corrected_by, coalesce(window_id, '') " \
    "FROM attendance WHERE staff_id = ?1 AND day = ?2 ORDER BY minute, event_seq"

static att_punch_kind punch_kind_of(const char *name)
{
    for (int i = 0; name && i < NPUNCH; i++)
        if (strcmp(name, punch_names[i]) == 0)
            return (att_punch_kind)i;
    return ATT_SIGN_IN;
}

static void punch_read(sqlite3_stmt *st, duty_punch *p)
{
    memset(p, 0, sizeof *p);
    p->seq = sqlite3_column_int64(st, 0);
    snprintf(p->day, sizeof p->day, "%s", (const char *)sqlite3_column_text(st, 1));
    p->minute = sqlite3_column_int(st, 2);
    p->kind = punch_kind_of((const char *)sqlite3_column_text(st, 3));
    p->clock_suspect = sqlite3_column_int(st, 4) != 0;
    p->voided = sqlite3_column_int64(st, 5) != 0;
    p->corrected_by = sqlite3_column_int(st, 6);
    snprintf(p->window, sizeof p->window, "%s", (const char *)sqlite3_column_text(st, 7));
}

int duty_punches(store *s, staff_id staff, gdate day, duty_punch *out, int max, int *n, char *err, size_t errlen)
{
    *n = 0;
    if (!out || max < 1)
        return desk_say(err, errlen, N_("no room for the punches"));
    char d[DATE_STR_LEN];
    sqlite3_stmt *st = store_prepare(s, Q_PUNCHES);
    if (!st)
        return dutyi_store_fail(s, err, errlen);
    sqlite3_bind_int64(st, 1, staff);
    sqlite3_bind_text(st, 2, date_format(day, d), -1, SQLITE_TRANSIENT);
    int rc = SQLITE_DONE;
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        punch_read(st, &out[(*n)++]);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    *n = 0;
    store_fail_sql(s, "reading the punches");
    return dutyi_store_fail(s, err, errlen);
}

/* ---- punching ---------------------------------------------------------------------------------- */

/* What the person's punches of the day (not voided) say so far. */
typedef struct {
    bool signed_in;     /* a sign-in that day */
    bool in_now;        /* the last clerk punch is a sign-in */
    int in_minute;      /* that sign-in's minute */
} punch_facts;

static int punch_facts_of(store *s, staff_id staff, gdate day, punch_facts *f, char *err, size_t errlen)
{
    enum { MAX = 64 };
    *f = (punch_facts){false, false, -1};
    duty_punch *p = malloc(MAX * sizeof *p);
    int n = 0;
    if (!p)
        return desk_say(err, errlen, N_("out of memory"));
    int rc = duty_punches(s, staff, day, p, MAX, &n, err, errlen);
    for (int i = 0; rc == 0 && i < n; i++) {
        if (p[i].voided || p[i].kind > ATT_SIGN_OUT)
            continue;
        f->signed_in |= p[i].kind == ATT_SIGN_IN;
        f->in_now = p[i].kind == ATT_SIGN_IN;
        f->in_minute = p[i].minute;
    }
    free(p);
    return rc;
}

/* The refusals of a punch: sign-out without sign-in, two sign-ins, a leader's unplanned day. */
static int punch_allowed(store *s, const duty_ctx *c, att_punch_kind kind, char *err, size_t errlen)
{
    if (kind == ATT_LEADER_IN || kind == ATT_LEADER_OUT) {
        bool planned = false;
        if (duty_leader_planned(s, c->who.staff, c->who.today, &planned, err, errlen) != 0)
            return -1;
        return planned ? 0
                       : desk_say(err, errlen, N_("no on-site day is planned for you today: a supervisor plans it"));
    }
    punch_facts f;
    if (punch_facts_of(s, c->who.staff, c->who.today, &f, err, errlen) != 0)
        return -1;
    if (kind == ATT_SIGN_OUT && !f.signed_in)
        return desk_say(err, errlen, N_("you have not signed in today: sign in first (a supervisor corrects a missed "
                                        "sign-in)"));
    if (kind == ATT_SIGN_IN && f.in_now) {
        char hhmm[SCHED_HHMM_LEN];
        return desk_say(err, errlen, N_("you signed in at %s and have not signed out since"),
                        sched_format_hhmm(f.in_minute, hhmm));
    }
    return 0;
}

int duty_punch_now(store *s, const duty_ctx *c, att_punch_kind kind, bool *suspect, char *err, size_t errlen)
{
    *suspect = false;
    if (dutyi_ctx_check(c, err, errlen) != 0)
        return -1;
    if ((int)kind < 0 || kind >= NPUNCH)
        return desk_say(err, errlen, N_("unknown kind of punch"));
    clock_check k = {false, false, 0};
    if (punch_allowed(s, c, kind, err, errlen) != 0)
        return -1;
    if (clock_suspect(s, c, &k) != 0)
        return dutyi_store_fail(s, err, errlen);
    evbatch *b = evbatch_new(s, c->who.today, err, errlen);
    if (!b)
        return -1;
    evbatch_ev(b, "attendance.punched", evbatch_num(b, c->who.staff), c->who.staff);
    evbatch_add(b, ev_str("date", b->today));
    evbatch_add(b, ev_int("minute", c->minute));
    evbatch_add(b, ev_str("kind", punch_names[kind]));
    evbatch_add(b, ev_str("window", c->who.window));
    if (k.suspect)
        evbatch_add(b, ev_bool("clock_suspect", true));
    if (k.has_centre) /* the projection ignores it; the centre reads the punch on its own clock */
        evbatch_add(b, ev_int("centre_at", k.centre_ms));
    int ret = dutyi_commit(b, err, errlen);
    evbatch_free(b);
    if (ret == 0)
        *suspect = k.suspect;
    return ret;
}

/* ---- corrections -------------------------------------------------------------------------------- */

/* The corrector (c->who.staff) is a supervisor, not the person corrected, with a reason. */
static int correction_check(store *s, const duty_ctx *c, staff_id staff, const char *reason, char *err,
                            size_t errlen)
{
    duty_person p;
    if (dutyi_ctx_check(c, err, errlen) != 0 ||
        dutyi_need_supervisor(s, c->who.staff, N_("correct a punch"), err, errlen) != 0)
        return -1;
    if (staff == c->who.staff)
        return desk_say(err, errlen, N_("nobody corrects their own punches: another supervisor does"));
    if (dutyi_person(s, staff, &p, err, errlen) != 0)
        return -1;
    return desk_text(N_("the reason"), reason, DUTY_NOTE_MAX, true, err, errlen);
}

/* Record the attendance.corrected event the caller filled after its first fields. */
static evbatch *correction_ev(store *s, const duty_ctx *c, staff_id staff, const char *day, const char *reason,
                                 char *err, size_t errlen)
{
    evbatch *b = evbatch_new(s, c->who.today, err, errlen);
    if (!b)
        return NULL;
    evbatch_ev(b, "attendance.corrected", evbatch_num(b, staff), c->who.staff);
    evbatch_add(b, ev_str("date", evbatch_keep(b, day)));
    evbatch_add(b, ev_str("reason", evbatch_keep(b, reason)));
    return b;
}

int duty_correct_add(store *s, const duty_ctx *c, staff_id staff, gdate day, int minute, att_punch_kind kind,
                     const char *reason, char *err, size_t errlen)
{
    if (correction_check(s, c, staff, reason, err, errlen) != 0)
        return -1;
    if (!date_valid(day.y, day.m, day.d))
        return desk_say(err, errlen, N_("the day of the punch is not a real date"));
    if (minute < 0 || minute > SCHED_MINUTES_PER_DAY)
        return desk_say(err, errlen, N_("the time of the punch is not between 00:00 and 24:00"));
    if ((int)kind < 0 || kind >= NPUNCH)
        return desk_say(err, errlen, N_("unknown kind of punch"));
    char d[DATE_STR_LEN];
    evbatch *b = correction_ev(s, c, staff, date_format(day, d), reason, err, errlen);
    if (!b)
        return -1;
    evbatch_add(b, ev_int("minute", minute));
    evbatch_add(b, ev_str("kind", punch_names[kind]));
    int ret = dutyi_commit(b, err, errlen);
    evbatch_free(b);
    return ret;
}

#define Q_PUNCH_BY_SEQ                                                                                  \
    "SELECT a.staff_id, a.day, e.id, a.voided_by FROM attendance a JOIN events e ON e.seq = a.event_seq " \
    "WHERE a.event_seq = ?1"

/* The punch recorded by event seq: its person, day, event id, and whether it is voided. */
typedef struct {
    staff_id staff;
    char day[DATE_STR_LEN];
    char id[UUID7_LEN + 1];
    bool voided;
} punch_ref;

static int punch_by_seq(store *s, int64_t seq, punch_ref *r, char *err, size_t errlen)
{
    sqlite3_stmt *st = store_prepare(s, Q_PUNCH_BY_SEQ);
    if (!st)
        return dutyi_store_fail(s, err, errlen);
    sqlite3_bind_int64(st, 1, seq);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->staff = sqlite3_column_int(st, 0);
        snprintf(r->day, sizeof r->day, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(r->id, sizeof r->id, "%s", (const char *)sqlite3_column_text(st, 2));
        r->voided = sqlite3_column_int64(st, 3) != 0;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return desk_say(err, errlen, N_("no punch was recorded by event %lld"), (long long)seq);
    if (rc != SQLITE_ROW) {
        store_fail_sql(s, "reading the punch");
        return dutyi_store_fail(s, err, errlen);
    }
    return r->voided ? desk_say(err, errlen, N_("this punch was already voided")) : 0;
}

int duty_correct_void(store *s, const duty_ctx *c, int64_t punch_seq, const char *reason, char *err, size_t errlen)
{
    punch_ref r;
    if (dutyi_ctx_check(c, err, errlen) != 0 || punch_by_seq(s, punch_seq, &r, err, errlen) != 0 ||
        correction_check(s, c, r.staff, reason, err, errlen) != 0)
        return -1;
    evbatch *b = correction_ev(s, c, r.staff, r.day, reason, err, errlen);
    if (!b)
        return -1;
    evbatch_add(b, ev_str("void", evbatch_keep(b, r.id)));
    int ret = dutyi_commit(b, err, errlen);
    evbatch_free(b);
    return ret;
}
