/* scr_roster.c - a supervisor sets the A/B roster (AB岗) on screen: a date
 * (today at first; [ and ] the day before and after, d types one), and for
 * each window of the centre its A post (front) and B post (roving backup)
 * with who set them.  Enter on a window asks for the two staff ids and sets
 * the pair with roster_set (signed by the supervisor's id); its refusal
 * (same person twice, not allowed at the window, inactive ...) is shown as
 * given and nothing changes.  Rule: seed 001 篇二 二(三)2 and 篇十 三 (at least
 * two staff per window, A front post, B roving backup). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "data/events.h"
#include "data/roster.h"
#include "tui/attendance.h"
#include "tui/i18n.h"
#include "tui/ui_list.h"

#define ROSTER_WINDOWS 64

typedef struct {
    window_rec w;
    roster_line r;
    bool set;       /* a pair is rostered that day */
} roster_row;

typedef struct {
    gdate day;
    roster_row *v;
    int n;
    ui_list list;
    char err[ATT_ERR_LEN];
} roster_scr;

static const km_action roster_hints[] = {KM_HELP, KM_FORM_SUBMIT, KM_FORM_CANCEL, KM_NONE};

static int add_window(const window_rec *w, void *ctx)
{
    roster_scr *r = ctx;
    if (r->n < ROSTER_WINDOWS) {
        memset(&r->v[r->n], 0, sizeof r->v[r->n]);
        r->v[r->n++].w = *w;
    }
    return 0;
}

static int add_line(const roster_line *l, void *ctx)
{
    roster_scr *r = ctx;
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->v[i].w.code, l->window) == 0) {
            r->v[i].r = *l;
            r->v[i].set = true;
        }
    return 0;
}

static void reload(roster_scr *r, app *a)
{
    char day[DATE_STR_LEN];
    r->n = 0;
    r->err[0] = '\0';
    if (window_list(a->db, add_window, r, r->err, sizeof r->err) != STAFF_OK ||
        roster_show(a->db, date_format(r->day, day), add_line, r, r->err, sizeof r->err) != STAFF_OK)
        r->n = r->err[0] ? 0 : r->n;
    ui_list_resize(&r->list, r->n);
}

static const char *roster_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("A/B roster");
}

static void person(int y, int x, int w, const char *post, const roster_person *p, bool set, term_role base)
{
    char t[200];
    if (set)
        snprintf(t, sizeof t, "%s %s %s%s", post, p->code, p->name, p->active ? "" : _(" (inactive)"));
    else
        snprintf(t, sizeof t, "%s -", post);
    term_put(y, x, w, t, base);
}

static void roster_row_draw(void *ctx, int i, int y, int cols, bool selected)
{
    const roster_row *row = &((roster_scr *)ctx)->v[i];
    term_role base = selected ? ROLE_SELECTED : row->set ? ROLE_NORMAL : ROLE_WARN;
    term_put_padded(y, 0, cols, "", base);
    term_put(y, 1, 8, row->w.code, base);
    term_put(y, 10, 14, row->w.name, base);
    person(y, 25, 21, "A", &row->r.a, row->set, base);
    person(y, 47, 21, "B", &row->r.b, row->set, base);
    if (row->set && row->r.set_by[0])
        term_put(y, 69, cols - 70, row->r.set_by, selected ? ROLE_SELECTED : ROLE_DIM);
}

static void roster_draw(screen *s, app *a, int top, int lines)
{
    roster_scr *r = s->st;
    char line[300], day[DATE_STR_LEN];
    reload(r, a);
    snprintf(line, sizeof line, _("Roster of %s (%s)"), date_format(r->day, day),
             att_sched(a, r->day).workday ? _("working day") : _("not a working day"));
    term_put(top, 1, COLS - 2, line, ROLE_LABEL);
    term_put(top + 1, 1, COLS - 2, _("[ ] day before / after   d another date   Enter set A and B   Esc back"),
             ROLE_DIM);
    term_put_padded(top + 3, 0, COLS, "", ROLE_LABEL);
    term_put(top + 3, 1, 8, _("Window"), ROLE_LABEL);
    term_put(top + 3, 25, 21, _("A post (front)"), ROLE_LABEL);
    term_put(top + 3, 47, 21, _("B post (backup)"), ROLE_LABEL);
    term_put(top + 3, 69, COLS - 70, _("Set by"), ROLE_LABEL);
    if (r->err[0])
        term_put_wrapped(top + 4, 1, COLS - 2, 2, r->err, ROLE_ALARM);
    else if (r->n == 0)
        term_put(top + 4, 3, COLS - 4, _("No window yet (guichet window add)."), ROLE_DIM);
    else
        ui_list_draw(&r->list, top + 4, lines - 4, COLS, roster_row_draw, r);
}

/* Enter on a window: ask for A and B, set them. */
static void edit(roster_scr *r, app *a)
{
    if (r->list.sel < 0 || r->list.sel >= r->n)
        return;
    roster_row row = r->v[r->list.sel]; /* the rows are read again under the boxes */
    app_session *se = app_session_now(a);
    char title[200], day[DATE_STR_LEN], ida[64], idb[64], err[ATT_ERR_LEN];
    date_format(r->day, day);
    snprintf(title, sizeof title, _("Window %s on %s"), row.w.code, day);
    snprintf(ida, sizeof ida, "%s", row.set ? row.r.a.code : "");
    snprintf(idb, sizeof idb, "%s", row.set ? row.r.b.code : "");
    if (!app_ask_text(a, title, _("A post: staff id"), ida, sizeof ida) ||
        !app_ask_text(a, title, _("B post: staff id"), idb, sizeof idb))
        return;
    if (roster_set(a->db, day, row.w.code, ida, idb, se->staff.code, events_now_ms(), err, sizeof err) != STAFF_OK) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    app_message(a, ROLE_OK, _("Window %s on %s: A %s, B %s."), row.w.code, day, ida, idb);
}

static void other_date(roster_scr *r, app *a)
{
    char d[32], why[ATT_ERR_LEN];
    gdate g;
    date_format(r->day, d);
    if (!app_ask_text(a, _("Roster of another date"), _("Date (YYYY-MM-DD)"), d, sizeof d))
        return;
    if (att_parse_day(a, _("Date"), d, &g, why, sizeof why) != 0)
        app_message(a, ROLE_ALARM, "%s", why);
    else
        r->day = g;
}

static scr_rc roster_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    roster_scr *r = s->st;
    if (ui_list_action(&r->list, act, LINES - 8))
        return SCR_STAY;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC)
        return SCR_CLOSE;
    if (act == KM_FORM_SUBMIT) {
        edit(r, a);
        return SCR_STAY;
    }
    if (ev->kind == KEYS_TEXT && act == KM_NONE) {
        if (ev->key == '[')
            r->day = date_add_days(r->day, -1);
        else if (ev->key == ']')
            r->day = date_add_days(r->day, 1);
        else if (ev->key == 'd')
            other_date(r, a);
        else if (ev->key == 't')
            r->day = a->today;
        return SCR_STAY;
    }
    return act == KM_NONE ? SCR_STAY : SCR_PASS;
}

static void roster_free(screen *s)
{
    roster_scr *r = s->st;
    if (r)
        free(r->v);
    free(r);
    free(s);
}

static const screen_ops roster_ops = {
    "roster", KM_CTX_LIST, false, roster_title, roster_draw, roster_key, NULL, roster_free, roster_hints,
};

screen *scr_roster_new(app *a)
{
    if (!att_is_supervisor(a)) {
        app_message(a, ROLE_WARN, "%s", _("Only a supervisor may do that."));
        return NULL;
    }
    roster_scr *r = calloc(1, sizeof *r);
    if (r)
        r->v = calloc(ROSTER_WINDOWS, sizeof *r->v);
    screen *s = r && r->v ? screen_new(&roster_ops, r) : NULL;
    if (!s) {
        if (r)
            free(r->v);
        free(r);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    r->day = a->today;
    ui_list_init(&r->list, 0);
    reload(r, a);
    ui_list_init(&r->list, r->n);
    return s;
}
