/* scr_cases.c - the case list (F4) and the case search (F5): filter tabs
 * across the top (open, mine, received today, due soon, overdue, waiting for
 * supplement, deferred materials due), each with its count, changed with
 * Left/Right, Tab/BTab or the digits 1-7; one row a case with its deadline
 * mark (电子监察, tui/ui_marks.h), number, applicant, item, status and due or
 * late phrase.  The list shows this window's cases; w shows every window's.
 * Search mode puts a field at the top: Enter runs cases_search (number, its
 * tail, ID, phone, name prefix) and lists the hits the same way.  Enter on a
 * row opens the case (scr_case.c); Esc leaves search mode, then closes.
 *
 * The screen switches between two screen_ops: the list (keymap context
 * "list", letters are commands) and the search field (context "form", keys
 * are text).  Lists are re-read when the screen comes back on top after
 * another screen (a case may have moved on), not on every frame. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "data/cases.h"
#include "data/caseview.h"
#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"
#include "tui/ui_list.h"
#include "tui/ui_marks.h"

#define CASES_HITS 200 /* search hits shown */

typedef enum {
    MODE_LIST = 0, /* the filter's list */
    MODE_FIELD,    /* typing the search */
    MODE_HITS      /* moving in the search hits */
} cases_mode;

typedef struct {
    cases_mode mode;
    bool search_first;          /* opened by case.search: Esc from the search closes the screen */
    bool all_windows;
    cv_filter filter;
    int counts[CV_FILTER_COUNT];
    cv_row *rows;               /* the filter's cases (CV_ROWS_MAX) */
    int nrows;
    ui_list list;
    cv_row *scratch;            /* for counting the other filters */
    bool stale;                 /* re-read the lists at the next draw */
    ui_form form;               /* the search field */
    case_hit *hits;             /* the search's hits, as found */
    cv_row *hit_rows;           /* the same as rows, for drawing */
    int nhits;
    bool searched;
    char query[UI_FIELD_CHARS * 4 + 1];
    ui_list hl;
    char err[STORE_ERR_LEN];
} cases_scr;

static const km_action list_hints[] = {KM_HELP, KM_CASE_SEARCH, KM_INTAKE_NEW,
                                       KM_FORM_CANCEL, KM_QUIT, KM_NONE};
static const km_action field_hints[] = {KM_FORM_SUBMIT, KM_FORM_CANCEL, KM_HELP, KM_NONE};

static const screen_ops list_ops, field_ops;

/* ---- data ---------------------------------------------------------------------------------- */

static cv_scope scope_of(app *a, const cases_scr *c)
{
    app_session *se = app_session_now(a);
    cv_scope sc = {a->today, a->cal, a->cfg.due_soon_days, se ? (int32_t)se->staff.num : 0,
                   c->all_windows || !se ? NULL : se->window};
    return sc;
}

/* Re-read the counts and the current filter's rows, keeping the selected case selected. */
static void reload(cases_scr *c, app *a)
{
    char keep[EV_SUBJECT_MAX + 1] = "";
    if (c->list.sel >= 0 && c->list.sel < c->nrows)
        snprintf(keep, sizeof keep, "%s", c->rows[c->list.sel].case_id);
    cv_scope sc = scope_of(a, c);
    c->err[0] = '\0';
    c->stale = false;
    for (int f = 0; f < CV_FILTER_COUNT; f++) {
        int n = 0;
        cv_row *into = (cv_filter)f == c->filter ? c->rows : c->scratch;
        if (cv_list(a->db, &sc, (cv_filter)f, into, CV_ROWS_MAX, &n) != 0) {
            snprintf(c->err, sizeof c->err, "%s", store_errmsg(a->db));
            n = -1;
        }
        c->counts[f] = n;
        if ((cv_filter)f == c->filter)
            c->nrows = n < 0 ? 0 : n;
    }
    ui_list_resize(&c->list, c->nrows);
    for (int i = 0; keep[0] && i < c->nrows; i++)
        if (strcmp(c->rows[i].case_id, keep) == 0) {
            c->list.sel = i;
            break;
        }
}

static void set_filter(cases_scr *c, app *a, int f)
{
    f = (f % CV_FILTER_COUNT + CV_FILTER_COUNT) % CV_FILTER_COUNT;
    if ((cv_filter)f == c->filter)
        return;
    c->filter = (cv_filter)f;
    ui_list_init(&c->list, 0);
    reload(c, a);
    ui_list_init(&c->list, c->nrows);
}

/* A hit as a list row: no deadline state (the search does not judge it). */
static void hit_row(const case_hit *h, cv_row *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->case_id, sizeof r->case_id, "%s", h->case_id);
    snprintf(r->item, sizeof r->item, "%s", h->item);
    snprintf(r->item_name, sizeof r->item_name, "%s", h->item_name[0] ? h->item_name : h->item);
    r->cls = h->cls;
    r->status = h->status;
    snprintf(r->applicant_name, sizeof r->applicant_name, "%s", h->applicant_name);
    snprintf(r->received, sizeof r->received, "%s", h->received);
    /* a due date only means something while the case is open */
    if (!case_status_is_terminal(h->status) && h->status != CASE_APPROVED && h->status != CASE_DENIED &&
        h->status != CASE_DELIVERED)
        snprintf(r->due, sizeof r->due, "%s", h->due);
    r->deadline_known = false;
}

/* Run the search typed; quiet: again after another screen (no message unless it fails). */
static void run_search(cases_scr *c, app *a, bool quiet)
{
    ui_form_get(&c->form, 0, c->query, sizeof c->query);
    const char *p = c->query;
    while (*p == ' ')
        p++;
    if (!*p) {
        if (quiet)
            return;
        app_message(a, ROLE_WARN, "%s", _("Type a case number (or its last digits), an ID number, a phone number or the start of a name."));
        return;
    }
    int n = 0;
    if (cases_search_on(a->db, a->today, c->query, c->hits, CASES_HITS, &n) != 0) {
        app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
        return;
    }
    c->nhits = n;
    c->searched = true;
    for (int i = 0; i < n; i++)
        hit_row(&c->hits[i], &c->hit_rows[i]);
    if (quiet) {
        ui_list_resize(&c->hl, n);
        return;
    }
    ui_list_init(&c->hl, n);
    if (n == 0)
        app_message(a, ROLE_WARN, _("No case found for \"%s\"."), c->query);
    else if (n >= CASES_HITS)
        app_message(a, ROLE_WARN, _("More than %d cases found: the newest %d are shown; type more to narrow."),
                    CASES_HITS, CASES_HITS);
    else
        app_message(a, ROLE_NORMAL, _("%d found: Up/Down to choose, Enter opens the case."), n);
}

/* ---- modes --------------------------------------------------------------------------------- */

static void to_mode(screen *s, cases_scr *c, cases_mode m)
{
    c->mode = m;
    s->ops = m == MODE_FIELD ? &field_ops : &list_ops;
}

/* Esc from the search: back to the list, or close when the screen was opened to search. */
static scr_rc leave_search(screen *s, cases_scr *c, app *a)
{
    if (c->search_first)
        return SCR_CLOSE;
    to_mode(s, c, MODE_LIST);
    reload(c, a);
    return SCR_STAY;
}

/* ---- drawing ------------------------------------------------------------------------------- */

static const char *cases_title(screen *s, app *a)
{
    cases_scr *c = s->st;
    (void)a;
    return c->mode == MODE_LIST ? _("Cases") : _("Case search");
}

/* Column layout of a row, from the screen width and the widest texts of the list. */
typedef struct {
    int num_x, num_w, app_x, app_w, item_x, item_w, status_x, status_w, due_x, due_w;
} cols_layout;

typedef struct {
    const cv_row *rows;
    cols_layout L;
    char prefix[20]; /* "CENTRE-" left out of the numbers on a narrow screen, "" none */
} row_ctx;

/* The case number as shown: without this centre's code when the screen is narrow. */
static const char *shown_number(const row_ctx *rc, const char *id)
{
    size_t n = strlen(rc->prefix);
    return n && strncmp(id, rc->prefix, n) == 0 ? id + n : id;
}

/* The due or late phrase of a row; "" when it would only repeat the status. */
static const char *due_text(const cv_row *r, char *buf, size_t len)
{
    ui_deadline_text(r, buf, len);
    if (strcmp(buf, _(case_status_label(r->status))) == 0)
        buf[0] = '\0';
    return buf;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static row_ctx row_layout(app *a, const cv_row *rows, int n, int cols)
{
    row_ctx rc;
    memset(&rc, 0, sizeof rc);
    rc.rows = rows;
    if (cols < 110 && a->centre[0])
        snprintf(rc.prefix, sizeof rc.prefix, "%.15s-", a->centre);
    int num = term_width(_("Case number")), st = term_width(_("Status")), due = term_width(_("Deadline"));
    for (int i = 0; i < n; i++) {
        char when[96];
        int w = term_width(shown_number(&rc, rows[i].case_id));
        num = w > num ? w : num;
        w = term_width(_(case_status_label(rows[i].status)));
        st = w > st ? w : st;
        w = term_width(due_text(&rows[i], when, sizeof when));
        due = w > due ? w : due;
    }
    cols_layout *L = &rc.L;
    L->num_x = 3;
    L->num_w = clamp(num, 10, 34) + 1;
    L->app_x = L->num_x + L->num_w;
    L->app_w = 10;
    L->due_w = clamp(due, 8, cols >= 100 ? 30 : 24);
    L->status_w = clamp(st, 6, cols >= 100 ? 20 : 12) + 1;
    L->due_x = cols - L->due_w;
    L->status_x = L->due_x - L->status_w;
    L->item_x = L->app_x + L->app_w;
    L->item_w = L->status_x - L->item_x - 1;
    if (L->item_w < 10) { /* a very long case number: give it less room */
        L->num_w -= 10 - L->item_w;
        L->app_x = L->num_x + L->num_w;
        L->item_x = L->app_x + L->app_w;
        L->item_w = L->status_x - L->item_x - 1;
    }
    return rc;
}

static void draw_row(void *ctx, int i, int y, int cols, bool selected)
{
    row_ctx *rc = ctx;
    const cv_row *r = &rc->rows[i];
    const cols_layout *L = &rc->L;
    term_role mr;
    const char *mark = ui_deadline_mark(r, &mr);
    char when[96];
    due_text(r, when, sizeof when);
    term_role base = selected ? ROLE_SELECTED : ROLE_NORMAL;
    term_put_padded(y, 0, cols, "", base);
    term_put(y, 0, 3, mark, selected ? ROLE_SELECTED : mr);
    term_put(y, L->num_x, L->num_w - 1, shown_number(rc, r->case_id), base);
    term_put(y, L->app_x, L->app_w - 1, r->applicant_name, base);
    term_put(y, L->item_x, L->item_w, r->item_name, base);
    term_put(y, L->status_x, L->status_w - 1, _(case_status_label(r->status)), base);
    term_put(y, L->due_x, L->due_w, when, selected ? ROLE_SELECTED : mr == ROLE_NORMAL ? ROLE_DIM : mr);
}

static void draw_heading(int y, const cols_layout *L)
{
    term_put_padded(y, 0, COLS, "", ROLE_LABEL);
    term_put(y, L->num_x, L->num_w, _("Case number"), ROLE_LABEL);
    term_put(y, L->app_x, L->app_w, _("Applicant"), ROLE_LABEL);
    term_put(y, L->item_x, L->item_w, _("Item"), ROLE_LABEL);
    term_put(y, L->status_x, L->status_w, _("Status"), ROLE_LABEL);
    term_put(y, L->due_x, L->due_w, _("Deadline"), ROLE_LABEL);
}

/* The filter tabs: " 1 Open 12 " ...; when they do not all fit, the longest labels are
 * shortened first, never a tab's digit or count. */
static void draw_tabs(cases_scr *c, int y)
{
    char count[CV_FILTER_COUNT][16];
    int lw[CV_FILTER_COUNT], fixed = 0, labels = 0, cap = 0;
    for (int f = 0; f < CV_FILTER_COUNT; f++) {
        if (c->counts[f] < 0)
            snprintf(count[f], sizeof count[f], "?");
        else if (c->counts[f] >= CV_ROWS_MAX)
            snprintf(count[f], sizeof count[f], "%d+", CV_ROWS_MAX);
        else
            snprintf(count[f], sizeof count[f], "%d", c->counts[f]);
        lw[f] = term_width(_(cv_filter_label((cv_filter)f)));
        fixed += 1 + 1 + 1 + 1 + term_width(count[f]) + 1; /* " 1 " label " 12 " */
        labels += lw[f];
        cap = lw[f] > cap ? lw[f] : cap;
    }
    int gap = fixed + labels + CV_FILTER_COUNT - 1 <= COLS ? 1 : 0; /* the tabs' own blanks part them */
    for (int room = COLS - fixed; labels > room && cap > 0; cap--) {
        labels = 0;
        for (int f = 0; f < CV_FILTER_COUNT; f++)
            labels += lw[f] < cap - 1 ? lw[f] : cap - 1;
    }
    int x = 0;
    for (int f = 0; f < CV_FILTER_COUNT && x < COLS; f++) {
        int w_label = lw[f] < cap ? lw[f] : cap;
        bool on = (cv_filter)f == c->filter;
        term_role role = on ? ROLE_SELECTED
                         : (cv_filter)f == CV_OVERDUE && c->counts[f] > 0 ? ROLE_ALARM
                         : (cv_filter)f == CV_DUE_SOON && c->counts[f] > 0 ? ROLE_WARN
                                                                           : ROLE_NORMAL;
        char digit[2] = {(char)('1' + f), '\0'}; /* 1..7 */
        int w = 1 + 1 + 1 + w_label + 1 + term_width(count[f]) + 1;
        if (x + w > COLS)
            w = COLS - x;
        term_put_padded(y, x, w, "", role);
        int at = x + 1;
        at += term_put(y, at, x + w - at, digit, on ? ROLE_SELECTED : ROLE_LABEL) + 1;
        if (at < x + w)
            at += term_put(y, at, w_label < x + w - at ? w_label : x + w - at, _(cv_filter_label((cv_filter)f)), role);
        if (at + 1 < x + w)
            term_put(y, at + 1, x + w - at - 1, count[f], role);
        x += w + gap;
    }
}

static void draw_list_mode(cases_scr *c, app *a, int top, int lines)
{
    app_session *se = app_session_now(a);
    char line[300];
    draw_tabs(c, top);
    if (c->all_windows)
        snprintf(line, sizeof line, "%s", _("Cases of every window (w: this window only)"));
    else
        snprintf(line, sizeof line, _("Cases of window %s (w: every window)"), se ? se->window : "");
    term_put(top + 1, 1, COLS - 2, line, ROLE_DIM);
    row_ctx rc = row_layout(a, c->rows, c->nrows, COLS);
    draw_heading(top + 2, &rc.L);
    int rows = lines - 4;
    if (c->err[0])
        term_put_wrapped(top + 3, 1, COLS - 2, 2, c->err, ROLE_ALARM);
    else if (c->nrows == 0)
        term_put(top + 3, 3, COLS - 4, _("No case under this filter."), ROLE_DIM);
    else
        ui_list_draw(&c->list, top + 3, rows, COLS, draw_row, &rc);
    if (c->nrows > 0)
        snprintf(line, sizeof line, _("%d of %d   Enter: open   1-7, Left/Right: filter   w: windows   /: search"),
                 c->list.sel + 1, c->nrows);
    else
        snprintf(line, sizeof line, "%s", _("1-7, Left/Right: filter   w: windows   /: search"));
    term_put(top + lines - 1, 1, COLS - 2, line, ROLE_DIM);
}

static void draw_search_mode(cases_scr *c, app *a, int top, int lines)
{
    row_ctx rc = row_layout(a, c->hit_rows, c->nhits, COLS);
    term_put(top + 1, 1, COLS - 2,
             _("Case number or its last digits (0007), ID number, phone, or the start of the applicant's name"),
             ROLE_DIM);
    draw_heading(top + 2, &rc.L);
    int rows = lines - 4;
    if (c->nhits > 0) {
        ui_list hl = c->hl;
        if (c->mode == MODE_FIELD)
            hl.sel = -1; /* no row is highlighted while typing */
        ui_list_draw(c->mode == MODE_FIELD ? &hl : &c->hl, top + 3, rows, COLS, draw_row, &rc);
        if (c->mode == MODE_FIELD)
            c->hl.top = hl.top;
    } else if (c->searched) {
        term_put(top + 3, 3, COLS - 4, _("No case found."), ROLE_DIM);
    }
    const char *help = c->mode == MODE_FIELD
                           ? _("Enter: search   Down: to the hits   Esc: back")
                           : _("Enter: open the case   /: change the search   Esc: back");
    char line[300];
    if (c->mode == MODE_HITS && c->nhits > 0)
        snprintf(line, sizeof line, "%d / %d   %s", c->hl.sel + 1, c->nhits, help);
    else
        snprintf(line, sizeof line, "%s", help);
    term_put(top + lines - 1, 1, COLS - 2, line, ROLE_DIM);
    /* the field last, so the cursor stays in it while typing */
    ui_form_draw(&c->form, top, 1, COLS - 2);
    if (c->mode != MODE_FIELD)
        term_cursor_hide();
}

static void cases_draw(screen *s, app *a, int top, int lines)
{
    cases_scr *c = s->st;
    if (c->stale && c->mode == MODE_LIST)
        reload(c, a);
    else if (c->stale && c->searched) { /* a case may have moved on: the hits again */
        c->stale = false;
        run_search(c, a, true);
    }
    if (c->mode == MODE_LIST)
        draw_list_mode(c, a, top, lines);
    else
        draw_search_mode(c, a, top, lines);
}

/* ---- keys ---------------------------------------------------------------------------------- */

/* Open the case of a row; the lists are re-read when this screen is back on top. */
static void open_case(cases_scr *c, app *a, const char *case_id)
{
    c->stale = true;
    app_push(a, scr_case_new(a, case_id));
}

static int view_rows(void)
{
    return LINES - 3 - 4;
}

static scr_rc list_key(screen *s, cases_scr *c, app *a, const keys_event *ev, km_action act)
{
    if (ui_list_action(&c->list, act, view_rows()))
        return SCR_STAY;
    int k = ev->key;
    if (act == KM_FORM_SUBMIT || k == KM_KEY_ENTER) {
        if (c->list.sel >= 0 && c->list.sel < c->nrows)
            open_case(c, a, c->rows[c->list.sel].case_id);
        return SCR_STAY;
    }
    if (act == KM_FORM_CANCEL || k == KM_KEY_ESC)
        return SCR_CLOSE;
    if (act == KM_CASE_SEARCH) {
        to_mode(s, c, MODE_FIELD);
        return SCR_STAY;
    }
    if (act == KM_CASE_LIST) { /* already here: read again */
        reload(c, a);
        return SCR_STAY;
    }
    if (k == KM_KEY_RIGHT || k == KM_KEY_TAB) {
        set_filter(c, a, (int)c->filter + 1);
        return SCR_STAY;
    }
    if (k == KM_KEY_LEFT || k == KM_KEY_BTAB) {
        set_filter(c, a, (int)c->filter - 1);
        return SCR_STAY;
    }
    if (ev->kind == KEYS_TEXT && k >= '1' && k < '1' + CV_FILTER_COUNT) {
        set_filter(c, a, k - '1');
        return SCR_STAY;
    }
    if (ev->kind == KEYS_TEXT && (k == 'w' || k == 'W')) {
        c->all_windows = !c->all_windows;
        reload(c, a);
        ui_list_init(&c->list, c->nrows);
        return SCR_STAY;
    }
    c->stale = true; /* a global action (an intake...) may change the lists */
    return SCR_PASS;
}

static scr_rc field_key(screen *s, cases_scr *c, app *a, const keys_event *ev, km_action act)
{
    if (act == KM_FORM_NEXT_FIELD && c->nhits > 0) {
        to_mode(s, c, MODE_HITS);
        return SCR_STAY;
    }
    if (act == KM_CASE_SEARCH)
        return SCR_STAY; /* already searching */
    if (act == KM_CASE_LIST) {
        c->search_first = false;
        to_mode(s, c, MODE_LIST);
        reload(c, a);
        return SCR_STAY;
    }
    const char *why = NULL;
    switch (ui_form_key(&c->form, ev, act, &why)) {
    case UI_FORM_SUBMIT:
        run_search(c, a, false);
        if (c->nhits > 0)
            to_mode(s, c, MODE_HITS);
        return SCR_STAY;
    case UI_FORM_CANCEL:
        return leave_search(s, c, a);
    case UI_FORM_REFUSED:
        if (why)
            app_message(a, ROLE_WARN, "%s", _(why));
        return SCR_STAY;
    case UI_FORM_EDITED:
    case UI_FORM_MOVED:
        return SCR_STAY;
    case UI_FORM_NONE:
        break;
    }
    if (act == KM_NONE)
        return SCR_STAY;
    c->stale = true;
    return SCR_PASS;
}

static scr_rc hits_key(screen *s, cases_scr *c, app *a, const keys_event *ev, km_action act)
{
    if (act == KM_LIST_UP && c->hl.sel <= 0) {
        to_mode(s, c, MODE_FIELD);
        return SCR_STAY;
    }
    if (ui_list_action(&c->hl, act, view_rows()))
        return SCR_STAY;
    if (act == KM_FORM_SUBMIT || ev->key == KM_KEY_ENTER) {
        if (c->hl.sel >= 0 && c->hl.sel < c->nhits)
            open_case(c, a, c->hits[c->hl.sel].case_id);
        return SCR_STAY;
    }
    if (act == KM_CASE_SEARCH || ev->key == KM_KEY_TAB || ev->key == KM_KEY_BTAB) {
        to_mode(s, c, MODE_FIELD);
        return SCR_STAY;
    }
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC)
        return leave_search(s, c, a);
    if (act == KM_CASE_LIST) {
        c->search_first = false;
        to_mode(s, c, MODE_LIST);
        reload(c, a);
        return SCR_STAY;
    }
    c->stale = true;
    return SCR_PASS;
}

static scr_rc cases_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    cases_scr *c = s->st;
    switch (c->mode) {
    case MODE_FIELD: return field_key(s, c, a, ev, act);
    case MODE_HITS: return hits_key(s, c, a, ev, act);
    case MODE_LIST: break;
    }
    return list_key(s, c, a, ev, act);
}

static void cases_free(screen *s)
{
    cases_scr *c = s->st;
    if (c) {
        free(c->rows);
        free(c->scratch);
        free(c->hits);
        free(c->hit_rows);
        free(c);
    }
    free(s);
}

static const screen_ops list_ops = {
    "cases", KM_CTX_LIST, false, cases_title, cases_draw, cases_key, NULL, cases_free, list_hints,
};

static const screen_ops field_ops = {
    "case_search", KM_CTX_FORM, true, cases_title, cases_draw, cases_key, NULL, cases_free, field_hints,
};

screen *scr_cases_new(app *a, bool search)
{
    cases_scr *c = calloc(1, sizeof *c);
    if (c) {
        c->rows = calloc(CV_ROWS_MAX, sizeof *c->rows);
        c->scratch = calloc(CV_ROWS_MAX, sizeof *c->scratch);
        c->hits = calloc(CASES_HITS, sizeof *c->hits);
        c->hit_rows = calloc(CASES_HITS, sizeof *c->hit_rows);
    }
    screen *s = c && c->rows && c->scratch && c->hits && c->hit_rows
                    ? screen_new(search ? &field_ops : &list_ops, c)
                    : NULL;
    if (!s) {
        if (c) {
            free(c->rows);
            free(c->scratch);
            free(c->hits);
            free(c->hit_rows);
        }
        free(c);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory: the case list cannot be opened."));
        return NULL;
    }
    c->mode = search ? MODE_FIELD : MODE_LIST;
    c->search_first = search;
    c->filter = CV_OPEN;
    ui_form_init(&c->form);
    ui_form_add(&c->form, _("Search"), 60, 0, false);
    ui_list_init(&c->list, 0);
    reload(c, a);
    ui_list_init(&c->list, c->nrows);
    ui_list_init(&c->hl, 0);
    return s;
}
