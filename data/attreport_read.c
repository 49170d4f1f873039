/* attreport_read.c - one clerk's day as the projections hold it, for the
 * attendance report (docs/attendance.md):
 *   - punches: the day's sign-ins and sign-outs not voided by a correction
 *     (corrected ones included), clock_suspect passed through;
 *   - leave: every record touching the day, clipped to it; approved ->
 *     approved, requested (never decided) -> not approved (seed 003 第五章
 *     (九) "未按规定办理请销假手续"); refused and cancelled ones were never
 *     taken and are left out (a person refused leave who stays away is
 *     absent, 旷工; one who comes to work owes nothing);
 *   - away spells: the handoffs of every window where the clerk was A or B
 *     that day (duty_days), replayed through core/handoff.h; a spell still
 *     open at the end of the day ends with the afternoon session;
 *   - sessions: the first such window's duty_days row, else schedule_for()
 *     of [hours]; the calendar says whether it is a working day;
 *   - the window the day counts for (the quarterly score): that duty_days
 *     row, else the roster, else the clerk's first allowed window;
 *   - the first day the store recorded a punch (anyone's): working days
 *     before it are not judged, so a terminal put into service mid-month
 *     does not mark everybody absent for the weeks before. */
#include "data/attreport_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/desk_int.h"
#include "data/store_db.h"

static const char SQL_PUNCHES[] =
    "SELECT minute, kind, clock_suspect FROM attendance WHERE staff_id = ?1 AND day = ?2 AND voided_by = 0"
    " AND kind IN ('sign_in', 'sign_out') ORDER BY minute, event_seq";
static const char SQL_LEAVES[] =
    "SELECT start_day, start_minute, end_day, end_minute, state FROM leaves WHERE staff_id = ?1"
    " AND start_day <= ?2 AND end_day >= ?2 AND state IN ('approved', 'requested') ORDER BY start_day, start_minute";
static const char SQL_DUTY_DAYS[] =
    "SELECT window_id, a, b, workday, morning_start, morning_end, afternoon_start, afternoon_end, grace"
    " FROM duty_days WHERE day = ?2 AND (a = ?1 OR b = ?1) ORDER BY window_id";
static const char SQL_HANDOFFS[] =
    "SELECT kind, actor, confirmer, supervisor, reason, expected_return, long_absence, minute"
    " FROM handoffs WHERE window_id = ?1 AND day = ?2 ORDER BY event_seq";
static const char SQL_ROSTER[] =
    "SELECT window_code FROM roster WHERE day = ?2 AND (a = ?1 OR b = ?1) ORDER BY window_code LIMIT 1";
static const char SQL_HOME_WINDOW[] = "SELECT window_code FROM staff_window WHERE staff = ?1 ORDER BY window_code LIMIT 1";
static const char SQL_FIRST_RECORD[] = "SELECT min(day) FROM attendance";
static const char SQL_CLERKS[] =
    "SELECT num FROM staff WHERE (roles & 1) <> 0 AND (active = 1 OR ?1 = 1) ORDER BY code";

int ar_check(const ar_scope *sc, int year, int month, char *err, size_t errlen)
{
    if (!sc || !sc->cal || !sc->hours)
        return desk_say(err, errlen, N_("the report needs a calendar and the working hours"));
    const char *key = NULL;
    sched_status st = sched_check(sc->hours, &key);
    if (st != SCHED_OK)
        return desk_say(err, errlen, "[hours] %s: %s", key ? key : "", desk_tr(sched_reason(st)));
    if (!date_valid(sc->today.y, sc->today.m, sc->today.d))
        return desk_say(err, errlen, N_("the terminal's date is not a real date"));
    if (year < 1900 || year > 9999 || month < 1 || month > 12)
        return desk_say(err, errlen, N_("not a month: %d-%02d"), year, month);
    if (!cal_has_year(sc->cal, year))
        return desk_say(err, errlen, cal_status_reason(CAL_NOT_LOADED), year);
    return 0;
}

int ar_db_fail(ar_run *r)
{
    if (r->err && r->errlen)
        snprintf(r->err, r->errlen, "%s", store_errmsg(r->s));
    return -1;
}

/* The day of the store's first punch: before it the terminal recorded no attendance, so nothing is judged. */
static int first_record(ar_run *r)
{
    sqlite3_stmt *st = store_prepare(r->s, SQL_FIRST_RECORD);
    if (!st)
        return ar_db_fail(r);
    int rc = sqlite3_step(st);
    const unsigned char *day = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    r->any_record = day && date_parse((const char *)day, &r->first_record) == 0;
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    store_fail_sql(r->s, "reading the first punch");
    return ar_db_fail(r);
}

int ar_run_open(ar_run *r, store *s, const ar_scope *sc, char *err, size_t errlen)
{
    *r = (ar_run){.s = s, .sc = sc, .err = err, .errlen = errlen};
    if (!s)
        return desk_say(err, errlen, N_("no database is open"));
    sqlite3_stmt **const st[] = {&r->punches, &r->leaves, &r->duty_days, &r->handoffs, &r->roster,
                                 &r->home_window};
    const char *const sql[] = {SQL_PUNCHES, SQL_LEAVES, SQL_DUTY_DAYS, SQL_HANDOFFS, SQL_ROSTER, SQL_HOME_WINDOW};
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        if (!(*st[i] = store_prepare(s, sql[i])))
            return ar_db_fail(r);
    return first_record(r);
}

void ar_run_close(ar_run *r)
{
    sqlite3_stmt *const st[] = {r->punches, r->leaves, r->duty_days, r->handoffs, r->roster, r->home_window};
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        sqlite3_finalize(st[i]);
    r->punches = r->leaves = r->duty_days = r->handoffs = r->roster = r->home_window = NULL;
}

int ar_workday(ar_run *r, gdate day, bool *work)
{
    int missing = 0;
    cal_status st = cal_is_workday(r->sc->cal, day, work, &missing);
    if (st == CAL_NOT_LOADED)
        return desk_say(r->err, r->errlen, cal_status_reason(st), missing);
    return st == CAL_OK ? 0 : desk_say(r->err, r->errlen, "%s", desk_tr(cal_status_reason(st)));
}

void ar_month_bounds(int year, int month, char first[DATE_STR_LEN], char last[DATE_STR_LEN])
{
    date_format((gdate){year, month, 1}, first);
    date_format((gdate){year, month, date_days_in_month(year, month)}, last);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* Bind (num, day) and return the statement reset for stepping. */
static sqlite3_stmt *bind_person_day(sqlite3_stmt *st, staff_id num, const char *day)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sqlite3_bind_int64(st, 1, num);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    return st;
}

static int read_punches(ar_run *r, staff_id num, const char *day, ar_day_input *out)
{
    sqlite3_stmt *st = bind_person_day(r->punches, num, day);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n_punch == AR_PUNCH_MAX) {
            sqlite3_reset(st);
            return desk_say(r->err, r->errlen, N_("more than %d punches on %s for staff number %d"), AR_PUNCH_MAX,
                            day, (int)num);
        }
        bool in = strcmp(col_text(st, 1), "sign_in") == 0;
        out->punch[out->n_punch++] = (att_punch){in ? ATT_SIGN_IN : ATT_SIGN_OUT, sqlite3_column_int(st, 0),
                                                 sqlite3_column_int(st, 2) != 0};
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : ar_db_fail(r);
}

static int clamp_minute(int m)
{
    return m < 0 ? 0 : m > SCHED_MINUTES_PER_DAY ? SCHED_MINUTES_PER_DAY : m;
}

/* One leave row clipped to day: [start, end) of that day; false when nothing of it falls there. */
static bool clip_leave(sqlite3_stmt *st, const char *day, att_leave *out)
{
    int start = strcmp(col_text(st, 0), day) == 0 ? clamp_minute(sqlite3_column_int(st, 1)) : 0;
    int end = strcmp(col_text(st, 2), day) == 0 ? clamp_minute(sqlite3_column_int(st, 3)) : SCHED_MINUTES_PER_DAY;
    *out = (att_leave){start, end, strcmp(col_text(st, 4), "approved") == 0};
    return end > start;
}

static int read_leaves(ar_run *r, staff_id num, const char *day, ar_day_input *out)
{
    sqlite3_stmt *st = bind_person_day(r->leaves, num, day);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_leave l;
        if (!clip_leave(st, day, &l))
            continue;
        if (out->n_leave == AR_LEAVE_MAX) {
            sqlite3_reset(st);
            return desk_say(r->err, r->errlen, N_("more than %d leave records on %s for staff number %d"),
                            AR_LEAVE_MAX, day, (int)num);
        }
        out->leave[out->n_leave++] = l;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : ar_db_fail(r);
}

/* The sessions of a duty_days row (columns 3..8). */
static sched_day row_sched(sqlite3_stmt *st)
{
    sched_day d = {.workday = sqlite3_column_int(st, 3) != 0, .grace = sqlite3_column_int(st, 8)};
    for (int i = 0; i < SCHED_SESSIONS; i++)
        d.session[i] = (sched_session){sqlite3_column_int(st, 4 + 2 * i), sqlite3_column_int(st, 5 + 2 * i)};
    return d;
}

/* Replay one window's handoffs of the day from handoff_init(a, b, sched). */
static int replay_window(ar_run *r, const char *window, const char *day, staff_id a, staff_id b,
                         const sched_day *sched, handoff_state *hs)
{
    if (handoff_init(hs, a, b, sched) != HO_OK)
        return desk_say(r->err, r->errlen, N_("the duty day of window %s on %s has no valid A and B"), window, day);
    sqlite3_stmt *st = r->handoffs;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sqlite3_bind_text(st, 1, window, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    int rc = SQLITE_DONE;
    ho_status hst = HO_OK;
    while (hst == HO_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *reason = (const char *)sqlite3_column_text(st, 4);
        ho_event e = {ho_event_kind_from_name(col_text(st, 0)), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
                      sqlite3_column_int(st, 3), reason ? ho_reason_from_name(reason) : HO_OTHER,
                      sqlite3_column_int(st, 5), sqlite3_column_int(st, 6) != 0};
        hst = handoff_apply(hs, &e, sqlite3_column_int(st, 7));
    }
    sqlite3_reset(st);
    if (hst != HO_OK)
        return desk_say(r->err, r->errlen, N_("the handoffs of window %s on %s do not replay: %s"), window, day,
                        desk_tr(handoff_reason(hst)));
    return rc == SQLITE_DONE ? 0 : ar_db_fail(r);
}

/* A window's duty day the clerk was on, as read from a duty_days row. */
typedef struct {
    char window[WINDOW_CODE_BUF];
    staff_id a, b;
    sched_day sched;
} duty_row;

#define AR_DUTY_ROWS 8 /* windows one clerk can be A or B at on one day */

static int read_duty_rows(ar_run *r, staff_id num, const char *day, duty_row *rows, int *n)
{
    sqlite3_stmt *st = bind_person_day(r->duty_days, num, day);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < AR_DUTY_ROWS) {
        duty_row *d = &rows[(*n)++];
        snprintf(d->window, sizeof d->window, "%s", col_text(st, 0));
        d->a = sqlite3_column_int(st, 1);
        d->b = sqlite3_column_int(st, 2);
        d->sched = row_sched(st);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : ar_db_fail(r);
}

/* Away spells at every window of the day; the first window gives the sessions and the day's window. */
static int read_aways(ar_run *r, staff_id num, const char *day, ar_day_input *out, bool *from_duty)
{
    handoff_state hs;
    duty_row rows[AR_DUTY_ROWS];
    int n = 0;
    if (read_duty_rows(r, num, day, rows, &n) != 0)
        return -1;
    *from_duty = n > 0;
    for (int i = 0; i < n; i++) {
        if (i == 0) {
            out->sched = rows[0].sched;
            snprintf(out->window, sizeof out->window, "%s", rows[0].window);
        }
        if (replay_window(r, rows[i].window, day, rows[i].a, rows[i].b, &rows[i].sched, &hs) != 0)
            return -1;
        int room = AR_AWAY_MAX - out->n_away;
        out->n_away += handoff_away_intervals(&hs, num, rows[i].sched.session[SCHED_AFTERNOON].end,
                                              &out->away[out->n_away], room);
    }
    return 0;
}

/* One text column of a one-row query bound to (num, day) into buf; "" when no row. */
static int lookup_window(ar_run *r, sqlite3_stmt *st, staff_id num, const char *day, char *buf, size_t len)
{
    bind_person_day(st, num, day);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(buf, len, "%s", col_text(st, 0));
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : ar_db_fail(r);
}

int ar_day_read(ar_run *r, staff_id num, gdate day, bool workday, ar_day_input *out)
{
    char d[DATE_STR_LEN];
    bool from_duty = false;
    memset(out, 0, sizeof *out);
    date_format(day, d);
    if (read_punches(r, num, d, out) != 0 || read_leaves(r, num, d, out) != 0 ||
        read_aways(r, num, d, out, &from_duty) != 0)
        return -1;
    if (!from_duty) {
        sched_status st = schedule_for(r->sc->hours, day, workday, &out->sched);
        if (st != SCHED_OK)
            return desk_say(r->err, r->errlen, "[hours]: %s", desk_tr(sched_reason(st)));
        if (lookup_window(r, r->roster, num, d, out->window, sizeof out->window) != 0)
            return -1;
        if (!out->window[0] && lookup_window(r, r->home_window, num, d, out->window, sizeof out->window) != 0)
            return -1;
    }
    out->sched.workday = workday;
    return 0;
}

int ar_clerks(ar_run *r, bool include_inactive, staff_id **nums, int *n)
{
    *nums = NULL;
    *n = 0;
    sqlite3_stmt *st = store_prepare(r->s, SQL_CLERKS);
    if (!st)
        return ar_db_fail(r);
    sqlite3_bind_int(st, 1, include_inactive ? 1 : 0);
    int rc, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 32;
            staff_id *grown = realloc(*nums, (size_t)cap * sizeof **nums);
            if (!grown) {
                sqlite3_finalize(st);
                free(*nums);
                *nums = NULL;
                return desk_say(r->err, r->errlen, N_("out of memory"));
            }
            *nums = grown;
        }
        (*nums)[(*n)++] = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*nums);
        *nums = NULL;
        store_fail_sql(r->s, "listing the clerks");
        return ar_db_fail(r);
    }
    return 0;
}
