/* scr_dashboard.c - the start screen of a session: the duty panel of the
 * window (AB岗, seed 001 篇十 三: who is A and B today and what each is
 * doing, who is on duty now, the window UNATTENDED in red when it was left
 * without a handoff, seed 001 篇二 二(三)2, and the keys that hand it over),
 * today's figures, the supervision counts (电子监察: overdue in red with
 * "!!", due soon in yellow with "!", so they read in monochrome too), the
 * cases that need attention first, and the sync state (for a supervisor,
 * the events the centre refused and the pulled changes not applied here, in
 * red when there are any: the sync screen, tui/scr_sync.c, lists them),
 * and the bad-review follow-ups and complaints still open (issue 8, red
 * when one is past its due date; the supervision menu, v, lists them).  Enter opens the
 * selected case.  Everything is re-read when the screen is drawn after a key
 * that was not a move in its list (so it follows what the clerk just
 * recorded, here or on another screen), after a duty event recorded on this
 * terminal, and on the idle refresh; moving in the list reads nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "data/caseview.h"
#include "data/events.h"
#include "data/roster.h"
#include "data/supervise.h"
#include "tui/app.h"
#include "tui/handoff.h"
#include "tui/i18n.h"
#include "tui/ui_list.h"
#include "tui/ui_marks.h"

#define DASH_ROWS 40
#define DASH_WINDOW_ROWS 3 /* rows of the duty panel */
#define DASH_CLOCK_WARN_MS (2 * 60 * 1000) /* the terminal's clock this far from the centre's is shown */

typedef struct {
    cv_dashboard d;
    cv_row rows[DASH_ROWS];
    int nrows;
    ui_list list;
    char err[STORE_ERR_LEN];
    duty_view duty;
    bool window_known;             /* the session's window is a service window (else no duty panel) */
    bool duty_ok;                  /* duty read (else duty_err) */
    char duty_err[STORE_ERR_LEN];
    char window_name[WINDOW_NAME_BUF];
    bool loaded;                   /* read at least once */
    int64_t loaded_ms;             /* when it was last read */
    int64_t seen_key_ms;           /* a->last_key_ms at the last frame */
    int64_t move_key_ms;           /* a->last_key_ms of the last key that only moved in the list */
    unsigned duty_gen;             /* handoff_generation() when it was read */
    /* A session with no window of its own (a supervisor's): every window's duty, one row each. */
    char windows[DASH_WINDOW_ROWS][640];
    term_role windows_role[DASH_WINDOW_ROWS];
    int n_windows, more_windows;
    /* Issue 8: open follow-ups of bad reviews and complaints, and how many of them are overdue. */
    int fu_open, fu_overdue, cp_open, cp_overdue;
    gdate sv_today;
} dash;

static const km_action dash_hints[] = {KM_HELP, KM_INTAKE_NEW, KM_GUIDE_FIND, KM_CASE_LIST, KM_CASE_SEARCH,
                                       KM_ENQUIRY_LOG, KM_SCREEN_LOCK, KM_QUIT, KM_NONE};

static cv_scope scope_of(app *a, bool window_only)
{
    app_session *se = app_session_now(a);
    cv_scope sc = {a->today, a->cal, a->cfg.due_soon_days, se ? (int32_t)se->staff.num : 0,
                   window_only && se ? se->window : NULL};
    return sc;
}

/* The cases that need attention first: overdue, then due soon, then deferred materials due. */
static void load_rows(dash *d, app *a, const cv_scope *sc)
{
    static const cv_filter order[] = {CV_OVERDUE, CV_DUE_SOON, CV_DEFERRED_DUE};
    d->nrows = 0;
    for (size_t k = 0; k < sizeof order / sizeof order[0] && d->nrows < DASH_ROWS; k++) {
        int n = 0;
        if (cv_list(a->db, sc, order[k], d->rows + d->nrows, DASH_ROWS - d->nrows, &n) != 0) {
            snprintf(d->err, sizeof d->err, "%s", store_errmsg(a->db));
            return;
        }
        d->nrows += n;
    }
    ui_list_resize(&d->list, d->nrows);
}

static void load_duty(dash *d, app *a)
{
    app_session *se = app_session_now(a);
    window_rec w;
    d->window_name[0] = d->duty_err[0] = '\0';
    staff_rc rc = window_get(a->db, se->window, &w, d->duty_err, sizeof d->duty_err);
    d->window_known = rc != STAFF_E_NOT_FOUND && rc != STAFF_E_INPUT; /* a store error is shown */
    if (rc == STAFF_OK)
        snprintf(d->window_name, sizeof d->window_name, "%s", w.name);
    d->duty_ok = rc == STAFF_OK &&
                 duty_view_get(a->db, se->window, a->today, &d->duty, d->duty_err, sizeof d->duty_err) == 0;
    d->duty_gen = handoff_generation();
}

/* One window's duty in a row of the panel, for a session with no window (window_list callback). */
static int add_window(const window_rec *w, void *ctx)
{
    struct { dash *d; app *a; } *c = ctx;
    dash *d = c->d;
    if (d->n_windows == DASH_WINDOW_ROWS) {
        d->more_windows++;
        return 0;
    }
    duty_view v;
    char state[STORE_ERR_LEN];
    term_role role = ROLE_ALARM;
    if (duty_view_get(c->a->db, w->code, c->a->today, &v, state, sizeof state) == 0)
        handoff_window_text(&v, state, sizeof state, &role);
    snprintf(d->windows[d->n_windows], sizeof d->windows[0], "%.8s %.60s   %.500s", w->code, w->name, state);
    d->windows_role[d->n_windows++] = role;
    return 0;
}

/* Every window's duty (a supervisor sees at once a window left unattended). */
static void load_windows(dash *d, app *a)
{
    struct { dash *d; app *a; } c = {d, a};
    d->n_windows = d->more_windows = 0;
    if (window_list(a->db, add_window, &c, d->duty_err, sizeof d->duty_err) != STAFF_OK)
        d->n_windows = 0;
}

/* One open follow-up (sv_followups_list callback): counted, and overdue when past its due date. */
static int count_followup(const sv_followup *f, void *ctx)
{
    dash *d = ctx;
    d->fu_open++;
    d->fu_overdue += date_cmp(f->due, d->sv_today) < 0;
    return 0;
}

static int count_complaint(const sv_complaint *c, void *ctx)
{
    dash *d = ctx;
    d->cp_open++;
    d->cp_overdue += date_cmp(c->due, d->sv_today) < 0;
    return 0;
}

/* The supervision counts: the session's window, or the whole centre for a session with no window. */
static void load_supervision(dash *d, app *a)
{
    app_session *se = app_session_now(a);
    const char *w = d->window_known && se ? se->window : NULL;
    d->fu_open = d->fu_overdue = d->cp_open = d->cp_overdue = 0;
    d->sv_today = a->today;
    if (sv_followups_list(a->db, w, true, count_followup, d) != 0 ||
        sv_complaints_list(a->db, w, true, count_complaint, d) != 0)
        snprintf(d->err, sizeof d->err, "%s", store_errmsg(a->db));
}

static void reload(dash *d, app *a)
{
    load_duty(d, a);
    if (!d->window_known)
        load_windows(d, a);
    cv_scope sc = scope_of(a, d->window_known); /* no window of one's own: the whole centre */
    d->err[0] = '\0';
    if (cv_dashboard_get(a->db, &sc, &d->d) != 0)
        snprintf(d->err, sizeof d->err, "%s", store_errmsg(a->db));
    else
        load_rows(d, a, &sc);
    if (!d->err[0])
        load_supervision(d, a);
    d->loaded = true;
    d->loaded_ms = events_now_ms();
}

/* True when what is shown may be out of date: a key since the last frame that did more than move
 * in the list, a duty event recorded here, or the idle refresh (nothing typed for a while). */
static bool stale(dash *d, app *a)
{
    if (!d->loaded || d->duty_gen != handoff_generation())
        return true;
    if (a->last_key_ms != d->seen_key_ms)
        return a->last_key_ms != d->move_key_ms;
    return events_now_ms() - d->loaded_ms >= (int64_t)(APP_IDLE_REFRESH - 2) * 1000;
}

static const char *dash_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Dashboard");
}

static void draw_row(void *ctx, int i, int y, int cols, bool selected)
{
    dash *d = ctx;
    const cv_row *r = &d->rows[i];
    term_role role;
    const char *mark = ui_deadline_mark(r, &role);
    char when[80];
    ui_deadline_text(r, when, sizeof when);
    term_role rr = selected ? ROLE_SELECTED : role;
    term_put_padded(y, 0, 3, mark, rr);
    term_put_padded(y, 3, 25, r->case_id, rr);
    term_put_padded(y, 28, 11, r->applicant_name, rr);
    term_put_padded(y, 39, cols - 24 - 39, r->item_name, rr);
    term_put_padded(y, cols - 24, 24, when, selected ? ROLE_SELECTED : role);
}

/* For a supervisor: the dead letters and unapplied changes at the right end of row y, in red; the
 * columns left for the rest of the row. */
static int draw_sync_problems(dash *d, app *a, int y)
{
    app_session *se = app_session_now(a);
    int64_t n = d->d.sync_rejected + d->d.sync_unapplied;
    if (!se || !(se->staff.roles & STAFF_ROLE_SUPERVISOR) || n <= 0)
        return COLS - 2;
    char text[200], key[64];
    app_key_for(a, KM_CTX_DASHBOARD, KM_SYNC_OPEN, key, sizeof key);
    snprintf(text, sizeof text, _("%lld sync problems (%s)"), (long long)n, key);
    int w = term_width(text);
    if (w > COLS - 2)
        w = COLS - 2;
    term_put(y, COLS - 1 - w, w, text, ROLE_ALARM);
    return COLS - 2 - w - 2;
}

static void draw_sync(dash *d, app *a, int y)
{
    char line[400], when[40] = "";
    if (a->drill) { /* issue 7: a drill's file is never synced (guichet-sync refuses it, no agent starts) */
        term_put(y, 1, COLS - 2, _("Drill: nothing here is ever sent to the centre."), ROLE_DIM);
        return;
    }
    if (d->d.last_sync_ms >= 0) {
        time_t t = (time_t)(d->d.last_sync_ms / 1000);
        struct tm tm;
        if (localtime_r(&t, &tm))
            strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        snprintf(line, sizeof line, _("Sync: last success %s, %lld events waiting to be sent"), when,
                 (long long)d->d.queued_events);
    } else {
        snprintf(line, sizeof line, _("Sync: never synced with the centre, %lld events kept on this terminal"),
                 (long long)d->d.queued_events);
    }
    term_role role = ROLE_DIM;
    int64_t off = d->d.clock_offset_ms < 0 ? -d->d.clock_offset_ms : d->d.clock_offset_ms;
    if (d->d.clock_offset_known && off > DASH_CLOCK_WARN_MS) { /* issue 6: warn past 2 minutes */
        snprintf(line, sizeof line, _("This terminal's clock is %lld min %s the centre's: have it set right."),
                 (long long)((off + 30000) / 60000), d->d.clock_offset_ms > 0 ? _("behind") : _("ahead of"));
        role = ROLE_ALARM;
    }
    term_put(y, 1, draw_sync_problems(d, a, y), line, role);
    if (d->d.last_sync_error[0]) {
        snprintf(line, sizeof line, _("Last sync error: %s"), d->d.last_sync_error);
        term_put(y + 1, 1, COLS - 2, line, ROLE_ALARM);
    }
}

/* One post of the roster: "A post  name  state" from column x; the columns used. */
static int draw_post(const dash *d, bool a_post, int y, int x)
{
    const duty_person *p = a_post ? &d->duty.a : &d->duty.b;
    char state[300];
    term_role role;
    handoff_post_text(&d->duty, a_post, state, sizeof state, &role);
    int used = term_put(y, x, COLS - 1 - x, a_post ? _("A post") : _("B post"), ROLE_LABEL) + 1;
    if (p->num)
        used += term_put(y, x + used, COLS - 1 - x - used, p->name, ROLE_NORMAL) + 2;
    return used + term_put(y, x + used, COLS - 1 - x - used, state, role);
}

/* A key hint at the right end of row y when it fits after column `after`. */
static void draw_key_hint(int y, int after, const char *text)
{
    int w = term_width(text);
    if (text[0] && after + 3 + w < COLS)
        term_put(y, COLS - 1 - w, w, text, ROLE_DIM);
}

/* The keys of the handoff that serve the clerk logged in now: for the A row and the B row. */
static void duty_keys(const dash *d, app *a, char *first, char *second, size_t len)
{
    app_session *se = app_session_now(a);
    const duty_view *v = &d->duty;
    char leave[64], back[64];
    app_key_for(a, KM_CTX_DASHBOARD, KM_HANDOFF_LEAVE, leave, sizeof leave);
    app_key_for(a, KM_CTX_DASHBOARD, KM_HANDOFF_RETURN, back, sizeof back);
    first[0] = second[0] = '\0';
    if (!v->started)
        return;
    if (v->state != HO_STAFFED) {
        snprintf(first, len, _("%s: take duty here"), back);
    } else if (v->on_duty.num == se->staff.num) {
        snprintf(first, len, _("%s: leave the post"), leave);
        if (v->a_away || v->b_away)
            snprintf(second, len, _("%s: take the post back"), back);
    }
}

/* The duty panel (3 rows from top): the window and its state, then the A and B posts, each with
 * the key that serves the clerk logged in now at its right end. */
static void draw_duty(const dash *d, app *a, int top)
{
    app_session *se = app_session_now(a);
    char line[400], state[300], k1[120], k2[120];
    term_role role;
    if (!d->window_known) {
        int shown = d->more_windows ? DASH_WINDOW_ROWS - 1 : d->n_windows;
        for (int i = 0; i < shown; i++)
            term_put(top + i, 1, COLS - 2, d->windows[i], d->windows_role[i]);
        if (d->more_windows) {
            snprintf(line, sizeof line, _("... and %d more windows (F11, reports: each window's day)"),
                     d->more_windows + 1);
            term_put(top + DASH_WINDOW_ROWS - 1, 1, COLS - 2, line, ROLE_DIM);
        }
        if (!d->n_windows)
            term_put(top, 1, COLS - 2, d->duty_err[0] ? d->duty_err : _("No service window is set up yet."),
                     d->duty_err[0] ? ROLE_ALARM : ROLE_DIM);
        return;
    }
    snprintf(line, sizeof line, _("Window %s %s"), se->window, d->window_name);
    int x = 1 + term_put(top, 1, COLS - 2, line, ROLE_LABEL) + 3;
    if (!d->duty_ok) {
        term_put(top, x, COLS - 1 - x, d->duty_err, ROLE_ALARM);
        return;
    }
    handoff_window_text(&d->duty, state, sizeof state, &role);
    term_put(top, x, COLS - 1 - x, state, role);
    duty_keys(d, a, k1, k2, sizeof k1);
    if (!d->duty.a.num && !d->duty.b.num) {
        draw_key_hint(top + 1, 1, k1);
        return;
    }
    draw_key_hint(top + 1, 3 + draw_post(d, true, top + 1, 3), k1);
    draw_key_hint(top + 2, 3 + draw_post(d, false, top + 2, 3), k2);
}

/* "差评整改 n 待办（m 逾期）   投诉 n 待办（m 逾期）" on row y, red when something is overdue. */
static void draw_supervision(const dash *d, app *a, int y)
{
    char line[200], key[64];
    snprintf(line, sizeof line, _("Bad-review follow-ups %d open (%d overdue)"), d->fu_open, d->fu_overdue);
    int x = 1 + term_put(y, 1, COLS - 2, line, d->fu_overdue ? ROLE_ALARM : d->fu_open ? ROLE_WARN : ROLE_NORMAL) + 3;
    snprintf(line, sizeof line, _("Complaints %d open (%d overdue)"), d->cp_open, d->cp_overdue);
    x += term_put(y, x, COLS - 1 - x, line, d->cp_overdue ? ROLE_ALARM : d->cp_open ? ROLE_WARN : ROLE_NORMAL) + 3;
    if (*app_key_for(a, KM_CTX_DASHBOARD, KM_SUPERVISE_OPEN, key, sizeof key) && x + term_width(key) + 2 < COLS) {
        snprintf(line, sizeof line, "(%s)", key);
        term_put(y, x, COLS - 1 - x, line, ROLE_DIM);
    }
}

static void dash_draw(screen *s, app *a, int top, int lines)
{
    dash *d = s->st;
    if (stale(d, a))
        reload(d, a);
    d->seen_key_ms = a->last_key_ms;
    char line[400];
    draw_duty(d, a, top);
    snprintf(line, sizeof line, _("Today: received %d   accepted %d   concluded %d"), d->d.received_today,
             d->d.accepted_today, d->d.concluded_today);
    term_put(top + 3, 1, COLS - 2, line, ROLE_NORMAL);
    int x = 1;
    snprintf(line, sizeof line, _("[!!] overdue %d"), d->d.overdue);
    x += term_put(top + 4, x, 30, line, d->d.overdue ? ROLE_ALARM : ROLE_NORMAL) + 3;
    snprintf(line, sizeof line, _("[!] due soon %d"), d->d.due_soon);
    x += term_put(top + 4, x, 30, line, d->d.due_soon ? ROLE_WARN : ROLE_NORMAL) + 3;
    snprintf(line, sizeof line, _("waiting for supplement %d"), d->d.supplement);
    x += term_put(top + 4, x, 30, line, ROLE_NORMAL) + 3;
    snprintf(line, sizeof line, _("deferred materials due %d"), d->d.deferred_open);
    term_put(top + 4, x, COLS - x, line, ROLE_NORMAL);
    if (d->err[0])
        term_put(top + 5, 1, COLS - 2, d->err, ROLE_ALARM);
    else
        draw_supervision(d, a, top + 5);
    term_put(top + 6, 1, COLS - 2, _("Needs attention first (Enter opens the case):"), ROLE_LABEL);
    int rows = lines - 10;
    if (d->nrows == 0)
        term_put(top + 7, 3, COLS - 4, _("Nothing overdue or due soon at this window."), ROLE_OK);
    else
        ui_list_draw(&d->list, top + 7, rows, COLS, draw_row, d);
    draw_sync(d, a, top + lines - 2);
}

static scr_rc dash_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    dash *d = s->st;
    (void)ev;
    if (ui_list_action(&d->list, act, LINES - 13)) {
        d->move_key_ms = a->last_key_ms; /* nothing to read again for a move */
        return SCR_STAY;
    }
    if (act == KM_FORM_SUBMIT && d->list.sel >= 0) {
        app_push(a, scr_case_new(a, d->rows[d->list.sel].case_id));
        return SCR_STAY;
    }
    if (act == KM_FORM_CANCEL)
        return SCR_STAY; /* the dashboard is the bottom of the stack */
    return SCR_PASS;
}

static void dash_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops dash_ops = {
    "dashboard", KM_CTX_DASHBOARD, false, dash_title, dash_draw, dash_key, NULL, dash_free, dash_hints,
};

screen *scr_dashboard_new(app *a)
{
    (void)a;
    dash *d = calloc(1, sizeof *d);
    screen *s = d ? screen_new(&dash_ops, d) : NULL;
    if (!s)
        free(d);
    return s;
}
