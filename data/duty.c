/* duty.c - a window's duty under AB岗 (seed 001 篇二 二(三)2, 篇十 三): the
 * day started from the roster and [hours], taking duty, leaving the post
 * with the coverer's confirmation (and the leaver's open cases reassigned on
 * a long absence), taking it back, leaving it unattended, closing it; the
 * duty view, the handoff sheet (交接单) and the day's spells for a timeline.
 *
 * Every step is first applied to the window's day replayed through
 * core/handoff.h (duty_store.c), so a refusal gives core's reason, then
 * recorded as duty.handoff events in one transaction; the projection judges
 * them again by the same rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/caseview_int.h"
#include "data/duty_int.h"

/* ---- starting the day ---------------------------------------------------------------------- */

/* Whether today is a working day: the calendar, or Monday to Friday when it lacks the year. */
static bool workday_of(const duty_ctx *c)
{
    bool work = false;
    int missing = 0;
    if (c->who.cal && cal_is_workday(c->who.cal, c->who.today, &work, &missing) == CAL_OK)
        return work;
    return !date_is_weekend(c->who.today);
}

/* The duty.day_started event of the window today: A, B and the sessions. */
static void day_started_ev(evbatch *b, const duty_ctx *c, const roster_line *r, const sched_day *sd)
{
    evbatch_ev(b, "duty.day_started", c->who.window, c->who.staff);
    evbatch_add(b, ev_str("date", b->today));
    evbatch_add(b, ev_int("a", r->a.num));
    evbatch_add(b, ev_int("b", r->b.num));
    evbatch_add(b, ev_bool("workday", sd->workday));
    evbatch_add(b, ev_int("morning_start", sd->session[SCHED_MORNING].start));
    evbatch_add(b, ev_int("morning_end", sd->session[SCHED_MORNING].end));
    evbatch_add(b, ev_int("afternoon_start", sd->session[SCHED_AFTERNOON].start));
    evbatch_add(b, ev_int("afternoon_end", sd->session[SCHED_AFTERNOON].end));
    evbatch_add(b, ev_int("grace", sd->grace));
}

int duty_start_day(store *s, const duty_ctx *c, char *err, size_t errlen)
{
    if (dutyi_ctx_check(c, err, errlen) != 0)
        return -1;
    if (!c->hours)
        return desk_say(err, errlen, N_("the working hours ([hours] in config.ini) are not set"));
    char today[DATE_STR_LEN], e[STORE_ERR_LEN];
    date_format(c->who.today, today);
    duty_day_state ds;
    if (dutyi_day_load(s, c->who.window, today, &ds, NULL, NULL, err, errlen) != 0)
        return -1;
    if (ds.started)
        return 0;
    roster_line r;
    staff_rc rc = roster_for(s, today, c->who.window, &r, e, sizeof e);
    if (rc == STAFF_E_NOT_FOUND)
        return desk_say(err, errlen, N_("no A/B roster for window %s on %s: a supervisor sets it"), c->who.window,
                        today);
    if (rc != STAFF_OK)
        return desk_say(err, errlen, "%s", e);
    sched_day sd;
    sched_status st = schedule_for(c->hours, c->who.today, workday_of(c), &sd);
    if (st != SCHED_OK)
        return desk_say(err, errlen, N_("the working hours ([hours] in config.ini): %s"), desk_tr(sched_reason(st)));
    evbatch *b = evbatch_new(s, c->who.today, err, errlen);
    if (!b)
        return -1;
    day_started_ev(b, c, &r, &sd);
    int ret = dutyi_commit(b, err, errlen);
    evbatch_free(b);
    return ret;
}

/* ---- the duty view --------------------------------------------------------------------------- */

/* The absence of the roster clerk of post i (0 = A, 1 = B) into the view. */
static void absence_into(const ho_absence *ab, bool *away, ho_reason *reason, int *since, int *expected)
{
    *away = ab->away;
    *reason = ab->reason;
    *since = ab->away ? ab->since : -1;
    *expected = ab->away ? ab->expected_return : -1;
}

/* The people of the started day into the view. */
static int view_people(store *s, const handoff_state *hs, duty_view *v, char *err, size_t errlen)
{
    if (dutyi_person(s, hs->a, &v->a, err, errlen) != 0 || dutyi_person(s, hs->b, &v->b, err, errlen) != 0 ||
        dutyi_person(s, hs->on_duty, &v->on_duty, err, errlen) != 0 ||
        dutyi_person(s, hs->cover_supervisor, &v->cover_supervisor, err, errlen) != 0)
        return -1;
    return dutyi_person(s, hs->window == HO_UNATTENDED ? hs->left_unattended_by : 0, &v->left_unattended_by, err,
                        errlen);
}

int duty_view_get(store *s, const char *window, gdate today, duty_view *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->unattended_since = out->a_since = out->b_since = out->a_expected = out->b_expected = -1;
    out->last_minute = -1;
    if (desk_blank(window))
        return desk_say(err, errlen, N_("no window is set: every action is recorded at a window"));
    date_format(today, out->day);
    char e[STORE_ERR_LEN];
    roster_line r;
    staff_rc rc = roster_for(s, out->day, window, &r, e, sizeof e);
    if (rc != STAFF_OK && rc != STAFF_E_NOT_FOUND)
        return desk_say(err, errlen, "%s", e);
    out->rostered = rc == STAFF_OK;
    if (out->rostered) {
        out->a = (duty_person){r.a.num, "", ""};
        out->b = (duty_person){r.b.num, "", ""};
        snprintf(out->a.code, sizeof out->a.code, "%s", r.a.code);
        snprintf(out->a.name, sizeof out->a.name, "%s", r.a.name);
        snprintf(out->b.code, sizeof out->b.code, "%s", r.b.code);
        snprintf(out->b.name, sizeof out->b.name, "%s", r.b.name);
    }
    duty_day_state *ds = malloc(sizeof *ds);
    if (!ds)
        return desk_say(err, errlen, N_("out of memory"));
    int ret = dutyi_day_load(s, window, out->day, ds, NULL, NULL, err, errlen);
    if (ret == 0 && ds->started) {
        const handoff_state *hs = &ds->hs;
        out->started = true;
        out->state = hs->window;
        out->unattended_since = hs->window == HO_UNATTENDED ? hs->unattended_since : -1;
        absence_into(&hs->absence[0], &out->a_away, &out->a_reason, &out->a_since, &out->a_expected);
        absence_into(&hs->absence[1], &out->b_away, &out->b_reason, &out->b_since, &out->b_expected);
        out->sched = ds->sched;
        out->last_minute = hs->last_event;
        ret = view_people(s, hs, out, err, errlen);
    }
    free(ds);
    return ret;
}

/* ---- handoffs ---------------------------------------------------------------------------------- */

/* The window's day as now recorded; the day must have been started.  Heap: free it. */
static duty_day_state *day_now(store *s, const duty_ctx *c, char *err, size_t errlen)
{
    char today[DATE_STR_LEN];
    duty_day_state *ds = malloc(sizeof *ds);
    if (!ds) {
        desk_say(err, errlen, N_("out of memory"));
        return NULL;
    }
    if (dutyi_day_load(s, c->who.window, date_format(c->who.today, today), ds, NULL, NULL, err, errlen) == 0 &&
        !ds->started)
        desk_say(err, errlen, N_("the day of window %s has not been started: take duty first"), c->who.window);
    if (!ds->started) {
        free(ds);
        return NULL;
    }
    return ds;
}

/* Apply e now to the replayed state (so a later step of the same action sees it); 0, or -1 with core's reason. */
static int step(handoff_state *hs, const ho_event *e, int minute, char *err, size_t errlen)
{
    ho_status st = handoff_apply(hs, e, minute);
    return st == HO_OK ? 0 : desk_say(err, errlen, "%s", desk_tr(handoff_reason(st)));
}

/* The duty.handoff event of e at minute, signed by signer, with an optional note for the coverer. */
static void handoff_ev(evbatch *b, const char *window, const ho_event *e, int minute, staff_id signer,
                       const char *note)
{
    evbatch_ev(b, "duty.handoff", window, signer);
    evbatch_add(b, ev_str("date", b->today));
    evbatch_add(b, ev_int("minute", minute));
    evbatch_add(b, ev_str("kind", ho_event_kind_name(e->kind)));
    evbatch_add(b, ev_int("actor", e->actor));
    if (e->confirmer)
        evbatch_add(b, ev_int("confirmer", e->confirmer));
    if (e->supervisor)
        evbatch_add(b, ev_int("supervisor", e->supervisor));
    if (e->kind == HO_EV_REQUEST) {
        evbatch_add(b, ev_str("reason", ho_reason_name(e->reason)));
        evbatch_add(b, ev_int("expected_return", e->expected_return));
        evbatch_add(b, ev_bool("long_absence", e->long_absence));
    }
    if (!desk_blank(note))
        evbatch_add(b, ev_str("note", evbatch_keep(b, note)));
}

/* Check one step on the window's day and record it alone (signed by the actor). */
static int one_step(store *s, const duty_ctx *c, const ho_event *e, const char *note, char *err, size_t errlen)
{
    if (desk_text(N_("the note"), note, DUTY_NOTE_MAX, false, err, errlen) != 0)
        return -1;
    duty_day_state *ds = day_now(s, c, err, errlen);
    if (!ds)
        return -1;
    int ret = step(&ds->hs, e, c->minute, err, errlen);
    free(ds);
    evbatch *b = ret == 0 ? evbatch_new(s, c->who.today, err, errlen) : NULL;
    if (!b)
        return -1;
    handoff_ev(b, c->who.window, e, c->minute, e->actor, note);
    ret = dutyi_commit(b, err, errlen);
    evbatch_free(b);
    return ret;
}

int duty_open(store *s, const duty_ctx *c, staff_id supervisor, char *err, size_t errlen)
{
    if (duty_start_day(s, c, err, errlen) != 0)
        return -1;
    if (supervisor && dutyi_need_supervisor(s, supervisor, N_("let a clerk not on today's roster take duty"), err,
                                            errlen) != 0)
        return -1;
    ho_event e = {HO_EV_OPEN, c->who.staff, 0, supervisor, HO_OTHER, -1, false};
    return one_step(s, c, &e, NULL, err, errlen);
}

int duty_return(store *s, const duty_ctx *c, staff_id confirmer, const char *note, char *err, size_t errlen)
{
    if (dutyi_ctx_check(c, err, errlen) != 0)
        return -1;
    ho_event e = {HO_EV_TAKE_BACK, c->who.staff, confirmer, 0, HO_OTHER, -1, false};
    return one_step(s, c, &e, note, err, errlen);
}

int duty_close(store *s, const duty_ctx *c, char *err, size_t errlen)
{
    if (dutyi_ctx_check(c, err, errlen) != 0)
        return -1;
    ho_event e = {HO_EV_CLOSE, c->who.staff, 0, 0, HO_OTHER, -1, false};
    return one_step(s, c, &e, NULL, err, errlen);
}

int duty_left_unattended(store *s, const duty_ctx *c, bool *recorded, char *err, size_t errlen)
{
    *recorded = false;
    if (dutyi_ctx_check(c, err, errlen) != 0)
        return -1;
    char today[DATE_STR_LEN];
    duty_day_state *ds = malloc(sizeof *ds);
    if (!ds)
        return desk_say(err, errlen, N_("out of memory"));
    int ret = dutyi_day_load(s, c->who.window, date_format(c->who.today, today), ds, NULL, NULL, err, errlen);
    bool on_duty = ret == 0 && ds->started && ds->hs.window == HO_STAFFED && ds->hs.on_duty == c->who.staff;
    free(ds);
    if (ret != 0 || !on_duty)
        return ret;
    ho_event e = {HO_EV_LEAVE_UNCOVERED, c->who.staff, 0, 0, HO_OTHER, -1, false};
    ret = one_step(s, c, &e, NULL, err, errlen);
    *recorded = ret == 0;
    return ret;
}

/* ---- leaving the post ------------------------------------------------------------------------- */

#define Q_OPEN_CASES_OF                                                                                 \
    "SELECT case_id FROM cases WHERE ended IS NULL AND clerk = ?1 AND window_id = ?2 ORDER BY case_id"
#define Q_OPEN_CASES_COUNT "SELECT count(*) FROM cases WHERE ended IS NULL AND clerk = ?1 AND window_id = ?2"

/* The open cases of clerk at window (heap array of *n numbers; free it). */
static int open_cases_of(store *s, staff_id clerk, const char *window, char (**ids)[EV_SUBJECT_MAX + 1], int *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = store_prepare(s, Q_OPEN_CASES_OF);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, clerk);
    sqlite3_bind_text(st, 2, window, -1, SQLITE_TRANSIENT);
    int rc, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            void *more = realloc(*ids, (size_t)cap * sizeof **ids);
            if (!more) {
                sqlite3_finalize(st);
                return store_fail(s, "out of memory");
            }
            *ids = more;
        }
        snprintf((*ids)[(*n)++], EV_SUBJECT_MAX + 1, "%s", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "listing the clerk's open cases");
}

/* One case.reassigned event: from the leaver to the coverer (reason "handoff"). */
static void reassign_ev(evbatch *b, const duty_ctx *c, const char *case_id, staff_id coverer)
{
    evbatch_ev(b, "case.reassigned", evbatch_keep(b, case_id), c->who.staff);
    evbatch_add(b, ev_str("date", b->today));
    evbatch_add(b, ev_int("to", coverer));
    evbatch_add(b, ev_int("from", c->who.staff));
    evbatch_add(b, ev_str("reason", "handoff"));
    evbatch_add(b, ev_str("window", c->who.window));
}

/* What the caller gave, checked before anything is read. */
static int leave_input_check(store *s, const duty_ctx *c, const duty_leave_in *in, char *err, size_t errlen)
{
    if (!in)
        return desk_say(err, errlen, N_("nothing says how the post is handed over"));
    if (in->reason < 0 || in->reason >= HO_REASONS)
        return desk_say(err, errlen, N_("the reason for leaving the post is not one of the list"));
    if (in->expected_return < -1 || in->expected_return > SCHED_MINUTES_PER_DAY)
        return desk_say(err, errlen, N_("the expected return is not a time of the day"));
    if (desk_text(N_("the note"), in->note, DUTY_NOTE_MAX, false, err, errlen) != 0)
        return -1;
    if (in->coverer == 0)
        return desk_say(err, errlen, N_("nobody covers the post: the covering clerk confirms with their own PIN"));
    duty_person p;
    if (dutyi_person(s, in->coverer, &p, err, errlen) != 0)
        return -1;
    if (in->supervisor && in->supervisor != c->who.staff && in->supervisor != in->coverer &&
        dutyi_need_supervisor(s, in->supervisor, N_("let a clerk not on today's roster cover"), err, errlen) != 0)
        return -1;
    return 0;
}

/* The request and the confirmation, checked on the replayed day. */
static int leave_steps(store *s, const duty_ctx *c, const duty_leave_in *in, ho_event ev[2], char *err,
                       size_t errlen)
{
    ev[0] = (ho_event){HO_EV_REQUEST, c->who.staff, 0, 0, in->reason, in->expected_return, in->long_absence};
    ev[1] = (ho_event){HO_EV_CONFIRM, in->coverer, 0, in->supervisor, HO_OTHER, -1, false};
    duty_day_state *ds = day_now(s, c, err, errlen);
    if (!ds)
        return -1;
    int ret = step(&ds->hs, &ev[0], c->minute, err, errlen) == 0 && step(&ds->hs, &ev[1], c->minute, err, errlen) == 0
                  ? 0
                  : -1;
    free(ds);
    return ret;
}

/* Reassign cases [from, n) in further transactions (the handoff is recorded); 0 or -1 saying how many remain. */
static int reassign_rest(store *s, const duty_ctx *c, const duty_leave_in *in, char (*ids)[EV_SUBJECT_MAX + 1],
                         int from, int n, char *err, size_t errlen)
{
    while (from < n) {
        evbatch *b = evbatch_new(s, c->who.today, err, errlen);
        if (!b)
            return -1;
        int k = from;
        for (; k < n && b->n < EVENT_BATCH_MAX; k++)
            reassign_ev(b, c, ids[k], in->coverer);
        char why[DESK_ERR_LEN];
        int rc = dutyi_commit(b, why, sizeof why);
        evbatch_free(b);
        if (rc != 0)
            return desk_say(err, errlen, N_("the handoff is recorded, but %d open cases are still the leaver's: %s"),
                            n - from, why);
        from = k;
    }
    return 0;
}

int duty_leave(store *s, const duty_ctx *c, const duty_leave_in *in, char *err, size_t errlen)
{
    ho_event ev[2];
    if (dutyi_ctx_check(c, err, errlen) != 0 || leave_input_check(s, c, in, err, errlen) != 0 ||
        leave_steps(s, c, in, ev, err, errlen) != 0)
        return -1;
    char(*ids)[EV_SUBJECT_MAX + 1] = NULL;
    int n = 0;
    if (in->long_absence && open_cases_of(s, c->who.staff, c->who.window, &ids, &n) != 0)
        return dutyi_store_fail(s, err, errlen);
    evbatch *b = evbatch_new(s, c->who.today, err, errlen);
    if (!b) {
        free(ids);
        return -1;
    }
    handoff_ev(b, c->who.window, &ev[0], c->minute, c->who.staff, in->note);
    handoff_ev(b, c->who.window, &ev[1], c->minute, in->coverer, NULL);
    int k = 0;
    for (; k < n && b->n < EVENT_BATCH_MAX; k++)
        reassign_ev(b, c, ids[k], in->coverer);
    int ret = dutyi_commit(b, err, errlen);
    evbatch_free(b);
    if (ret == 0 && k < n)
        ret = reassign_rest(s, c, in, ids, k, n, err, errlen);
    free(ids);
    return ret;
}

/* ---- the handoff sheet -------------------------------------------------------------------------- */

#define UNDELIVERED_WHERE                                                                               \
    " WHERE c.ended IS NULL AND c.accepted IS NOT NULL AND c.delivered IS NULL AND c.window_id = :window"
#define Q_UNDELIVERED                                                                                   \
    "SELECT " CVI_ROW_COLUMNS CVI_ROW_FROM UNDELIVERED_WHERE                                            \
    " ORDER BY c.concluded IS NULL, c.due IS NULL, c.due, c.case_id LIMIT :max"
#define Q_UNDELIVERED_COUNT "SELECT count(*) FROM cases c" UNDELIVERED_WHERE

/* Rows of a statement bound to scope into rows (up to max), *n how many. */
static int rows_of(store *s, sqlite3_stmt *st, const cv_scope *scope, cv_row *rows, int max, int *n)
{
    int rc = SQLITE_DONE;
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        cvi_row_read(st, scope, &rows[(*n)++]);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_sql(s, "listing the window's cases");
}

/* The count of a statement bound to scope into *total. */
static int count_of(store *s, const char *sql, const cv_scope *scope, int *total)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    if (cvi_bind_scope(s, st, scope) != 0) {
        sqlite3_finalize(st);
        return -1;
    }
    int rc = sqlite3_step(st);
    *total = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, "counting the window's cases");
}

/* A filter's first rows (appended at rows + *n) and its whole count (added to *total). */
static int filter_part(store *s, const cv_scope *scope, cv_filter f, cv_row *rows, int *n, int *total)
{
    int got = 0, count = 0;
    if (*n < DUTY_SHEET_MAX && cv_list(s, scope, f, rows + *n, DUTY_SHEET_MAX - *n, &got) != 0)
        return -1;
    if (count_of(s, cvi_filter_sql(f, true, true, false), scope, &count) != 0)
        return -1;
    *n += got;
    *total += count;
    return 0;
}

static int undelivered_part(store *s, const cv_scope *scope, duty_sheet *out)
{
    sqlite3_stmt *st = store_prepare(s, Q_UNDELIVERED);
    if (!st)
        return -1;
    cvi_bind_scope(s, st, scope);
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":max"), DUTY_SHEET_MAX);
    if (rows_of(s, st, scope, out->undelivered, DUTY_SHEET_MAX, &out->n_undelivered) != 0)
        return -1;
    return count_of(s, Q_UNDELIVERED_COUNT, scope, &out->total_undelivered);
}

/* The open cases of the clerk at the window. */
static int mine_count(store *s, const duty_ctx *c, int *mine)
{
    sqlite3_stmt *st = store_prepare(s, Q_OPEN_CASES_COUNT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->who.staff);
    sqlite3_bind_text(st, 2, c->who.window, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *mine = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, "counting the clerk's open cases");
}

int duty_sheet_get(store *s, const duty_ctx *c, duty_sheet *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (dutyi_ctx_check(c, err, errlen) != 0)
        return -1;
    /* Due: overdue, then due today (soon = 0: no working day left before the due date). */
    cv_scope scope = {c->who.today, c->who.cal, 0, c->who.staff, c->who.window};
    if (filter_part(s, &scope, CV_SUPPLEMENT, out->supplement, &out->n_supplement, &out->total_supplement) != 0 ||
        filter_part(s, &scope, CV_OVERDUE, out->due, &out->n_due, &out->total_due) != 0 ||
        filter_part(s, &scope, CV_DUE_SOON, out->due, &out->n_due, &out->total_due) != 0 ||
        undelivered_part(s, &scope, out) != 0 || mine_count(s, c, &out->mine) != 0)
        return dutyi_store_fail(s, err, errlen);
    return 0;
}

/* ---- the day's spells ------------------------------------------------------------------------------ */

/* Spells being collected while the day replays. */
typedef struct {
    duty_spell *out;
    int max, n;
    bool overflow;
} spell_acc;

static void spell_step(const handoff_state *hs, int minute, void *ctx)
{
    spell_acc *a = ctx;
    staff_id who = hs->window == HO_STAFFED ? hs->on_duty : 0;
    bool open = hs->window != HO_CLOSED, unattended = hs->window == HO_UNATTENDED;
    duty_spell *last = a->n ? &a->out[a->n - 1] : NULL;
    bool running = last && last->end == -1;
    if (running && last->who == who && last->unattended == unattended)
        return;
    if (running)
        last->end = minute;
    if (!open)
        return;
    if (a->n == a->max) {
        a->overflow = true;
        return;
    }
    a->out[a->n++] = (duty_spell){minute, -1, who, unattended};
}

int duty_spells(store *s, const char *window, gdate day, duty_spell *out, int max, int *n, char *err,
                size_t errlen)
{
    *n = 0;
    if (!out || max < 1)
        return desk_say(err, errlen, N_("no room for the day's spells"));
    if (desk_blank(window))
        return desk_say(err, errlen, N_("no window is set: every action is recorded at a window"));
    char d[DATE_STR_LEN];
    spell_acc acc = {out, max, 0, false};
    duty_day_state *ds = malloc(sizeof *ds);
    if (!ds)
        return desk_say(err, errlen, N_("out of memory"));
    int ret = dutyi_day_load(s, window, date_format(day, d), ds, spell_step, &acc, err, errlen);
    free(ds);
    if (ret != 0)
        return -1;
    if (acc.overflow)
        return desk_say(err, errlen, N_("window %s changed hands more than %d times on %s"), window, max, d);
    *n = acc.n;
    return 0;
}
