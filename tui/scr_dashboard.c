/* scr_dashboard.c - the start screen of a session: the window and its A/B
 * posts today, today's figures, the supervision counts (电子监察: overdue in
 * red with "!!", due soon in yellow with "!", so they read in monochrome
 * too), the cases that need attention first, and the sync state.  Enter
 * opens the selected case.  Figures are re-read whenever the screen is
 * drawn after a key, so they follow what the clerk just recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "data/caseview.h"
#include "data/roster.h"
#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/ui_list.h"
#include "tui/ui_marks.h"

#define DASH_ROWS 40

typedef struct {
    cv_dashboard d;
    cv_row rows[DASH_ROWS];
    int nrows;
    ui_list list;
    char err[STORE_ERR_LEN];
    char roster[300];
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

static void load_roster(dash *d, app *a)
{
    app_session *se = app_session_now(a);
    roster_line r;
    char err[STORE_ERR_LEN], day[DATE_STR_LEN];
    if (roster_for(a->db, date_format(a->today, day), se->window, &r, err, sizeof err) == STAFF_OK)
        snprintf(d->roster, sizeof d->roster, _("Window %s %s   A post: %s   B post: %s"), r.window,
                 r.window_name, r.a.name, r.b.name);
    else
        snprintf(d->roster, sizeof d->roster, _("Window %s: no A/B roster for today (a supervisor sets it: guichet roster set)"),
                 se->window);
}

static void reload(dash *d, app *a)
{
    cv_scope sc = scope_of(a, true);
    d->err[0] = '\0';
    if (cv_dashboard_get(a->db, &sc, &d->d) != 0)
        snprintf(d->err, sizeof d->err, "%s", store_errmsg(a->db));
    else
        load_rows(d, a, &sc);
    load_roster(d, a);
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

static void draw_sync(dash *d, int y)
{
    char line[400], when[40] = "";
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
    term_put(y, 1, COLS - 2, line, ROLE_DIM);
    if (d->d.last_sync_error[0]) {
        snprintf(line, sizeof line, _("Last sync error: %s"), d->d.last_sync_error);
        term_put(y + 1, 1, COLS - 2, line, ROLE_ALARM);
    }
}

static void dash_draw(screen *s, app *a, int top, int lines)
{
    dash *d = s->st;
    reload(d, a);
    char line[400];
    term_put(top, 1, COLS - 2, d->roster, ROLE_LABEL);
    snprintf(line, sizeof line, _("Today: received %d   accepted %d   concluded %d"), d->d.received_today,
             d->d.accepted_today, d->d.concluded_today);
    term_put(top + 2, 1, COLS - 2, line, ROLE_NORMAL);
    int x = 1;
    snprintf(line, sizeof line, _("[!!] overdue %d"), d->d.overdue);
    x += term_put(top + 3, x, 30, line, d->d.overdue ? ROLE_ALARM : ROLE_NORMAL) + 3;
    snprintf(line, sizeof line, _("[!] due soon %d"), d->d.due_soon);
    x += term_put(top + 3, x, 30, line, d->d.due_soon ? ROLE_WARN : ROLE_NORMAL) + 3;
    snprintf(line, sizeof line, _("waiting for supplement %d"), d->d.supplement);
    x += term_put(top + 3, x, 30, line, ROLE_NORMAL) + 3;
    snprintf(line, sizeof line, _("deferred materials due %d"), d->d.deferred_open);
    term_put(top + 3, x, COLS - x, line, ROLE_NORMAL);
    if (d->err[0])
        term_put(top + 4, 1, COLS - 2, d->err, ROLE_ALARM);
    term_put(top + 5, 1, COLS - 2, _("Needs attention first (Enter opens the case):"), ROLE_LABEL);
    int rows = lines - 9;
    if (d->nrows == 0)
        term_put(top + 6, 3, COLS - 4, _("Nothing overdue or due soon at this window."), ROLE_OK);
    else
        ui_list_draw(&d->list, top + 6, rows, COLS, draw_row, d);
    draw_sync(d, top + lines - 2);
}

static scr_rc dash_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    dash *d = s->st;
    (void)ev;
    if (ui_list_action(&d->list, act, LINES - 12))
        return SCR_STAY;
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
