/* duty_store.c - how the duty files read and record: the caller's context
 * checked, a person's name, the supervisor check, committing the batch of
 * events one action records (data/evbatch.h) with the duty's message, and a
 * window's day replayed from duty_days and handoffs through core/handoff.h
 * (the same rule the projection applies, so what a screen is told before
 * recording is what the store will say). */
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "data/duty_int.h"
#include "data/store_db.h"

/* ---- the caller's context ------------------------------------------------------------- */

int dutyi_ctx_check(const duty_ctx *c, char *err, size_t errlen)
{
    if (!c)
        return desk_say(err, errlen, N_("nobody is logged in: every action is signed by a staff member"));
    if (desk_who_check(&c->who, err, errlen) != 0)
        return -1;
    if (c->minute < 0 || c->minute >= SCHED_MINUTES_PER_DAY)
        return desk_say(err, errlen, N_("the terminal's time of day is not between 00:00 and 23:59"));
    return 0;
}

int dutyi_store_fail(store *s, char *err, size_t errlen)
{
    return desk_say(err, errlen, "%s", store_errmsg(s));
}

/* ---- people --------------------------------------------------------------------------- */

int dutyi_person(store *s, staff_id num, duty_person *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    if (num == 0)
        return 0;
    staff_rec r;
    char e[STORE_ERR_LEN];
    staff_rc rc = staff_get_num(s, num, &r, e, sizeof e);
    if (rc == STAFF_E_NOT_FOUND)
        return desk_say(err, errlen, N_("no staff member number %d"), (int)num);
    if (rc != STAFF_OK)
        return desk_say(err, errlen, "%s", e);
    p->num = num;
    snprintf(p->code, sizeof p->code, "%s", r.code);
    snprintf(p->name, sizeof p->name, "%s", r.name);
    return 0;
}

int dutyi_need_supervisor(store *s, staff_id num, const char *doing, char *err, size_t errlen)
{
    staff_rec r;
    char e[STORE_ERR_LEN];
    staff_rc rc = num > 0 ? staff_get_num(s, num, &r, e, sizeof e) : STAFF_E_NOT_FOUND;
    if (rc != STAFF_OK && rc != STAFF_E_NOT_FOUND)
        return desk_say(err, errlen, "%s", e);
    if (rc == STAFF_E_NOT_FOUND || !r.active || !(r.roles & STAFF_ROLE_SUPERVISOR))
        return desk_say(err, errlen, N_("only a supervisor may %s"), desk_tr(doing));
    return 0;
}

/* ---- the event batch ------------------------------------------------------------------ */

int dutyi_commit(evbatch *b, char *err, size_t errlen)
{
    int rc = b->n == 0 ? 1 : evbatch_commit(b, err, errlen);
    if (rc == 1)
        return desk_say(err, errlen, N_("this action needs more events or text than one record holds"));
    return rc;
}

/* ---- a window's day --------------------------------------------------------------------- */

#define Q_DAY                                                                                           \
    "SELECT a, b, workday, morning_start, morning_end, afternoon_start, afternoon_end, grace "          \
    "FROM duty_days WHERE window_id = ?1 AND day = ?2"
#define Q_HANDOFFS                                                                                      \
    "SELECT kind, actor, confirmer, supervisor, reason, expected_return, long_absence, minute "        \
    "FROM handoffs WHERE window_id = ?1 AND day = ?2 ORDER BY event_seq"

/* The duty_days row of (window, day) into out; 0 (out->started says whether there is one) or -1. */
static int day_row(store *s, const char *window, const char *day, duty_day_state *out, staff_id *a, staff_id *b)
{
    sqlite3_stmt *st = store_prepare(s, Q_DAY);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, window, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->started = true;
        *a = sqlite3_column_int(st, 0);
        *b = sqlite3_column_int(st, 1);
        out->sched.workday = sqlite3_column_int(st, 2) != 0;
        for (int i = 0; i < SCHED_SESSIONS; i++)
            out->sched.session[i] = (sched_session){sqlite3_column_int(st, 3 + 2 * i),
                                                    sqlite3_column_int(st, 4 + 2 * i)};
        out->sched.grace = sqlite3_column_int(st, 7);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading the window's day");
}

/* Apply the day's stored handoffs to out->hs, calling each after every step. */
static int replay(store *s, const char *window, const char *day, duty_day_state *out, dutyi_step_cb each,
                  void *ctx)
{
    sqlite3_stmt *st = store_prepare(s, Q_HANDOFFS);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, window, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    int rc;
    ho_status hst = HO_OK;
    while (hst == HO_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *reason = (const char *)sqlite3_column_text(st, 4);
        ho_event e = {ho_event_kind_from_name((const char *)sqlite3_column_text(st, 0)),
                      sqlite3_column_int(st, 1), sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
                      reason ? ho_reason_from_name(reason) : HO_OTHER, sqlite3_column_int(st, 5),
                      sqlite3_column_int(st, 6) != 0};
        int minute = sqlite3_column_int(st, 7);
        hst = handoff_apply(&out->hs, &e, minute);
        if (hst == HO_OK && each)
            each(&out->hs, minute, ctx);
    }
    sqlite3_finalize(st);
    if (hst != HO_OK)
        return store_fail(s, "the handoffs of window %s on %s do not replay: %s", window, day, handoff_reason(hst));
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading the window's handoffs");
}

int dutyi_day_load(store *s, const char *window, const char *day, duty_day_state *out, dutyi_step_cb each,
                   void *ctx, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(out->day, sizeof out->day, "%s", day);
    staff_id a = 0, b = 0;
    if (day_row(s, window, day, out, &a, &b) != 0)
        return dutyi_store_fail(s, err, errlen);
    if (!out->started)
        return 0;
    if (handoff_init(&out->hs, a, b, &out->sched) != HO_OK)
        return desk_say(err, errlen, N_("the stored roster of window %s on %s is not valid"), window, day);
    return replay(s, window, day, out, each, ctx) == 0 ? 0 : dutyi_store_fail(s, err, errlen);
}
