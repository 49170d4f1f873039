/* scr_handoff.c - the AB岗 duty around a session and leaving the post
 * (F7, C-b: handoff.leave).
 *
 * Seed 001 篇二 二(三)2: "实行“AB岗”制度，确保岗位随时有人。进驻人员“A岗”或“B岗”
 * 因故确需暂离岗位的，须在替岗人员到位后方可离开。"  Seed 001 篇十 三: "a岗为前台常设
 * 岗位、b岗为后台流动岗位，a岗因故不能在岗，b岗随时顶上".
 *
 * After a log-in the window's day is started from the roster and a clerk on
 * today's roster is offered the duty of a window nobody holds (off the
 * roster: only with a supervisor's PIN).  Locking, switching user or
 * quitting while on duty warns first; going on records the window as
 * UNATTENDED (duty_left_unattended), which the supervisor sees.
 *
 * The leave screen shows the handoff sheet (交接单: applicants in 补正 who
 * may come back today, cases due today or overdue, accepted cases not yet
 * delivered), the reason, the expected return, the long absence / end of
 * shift switch (the leaver's open cases then go to the coverer, recorded in
 * each case's history) and a note.  Enter asks the covering clerk for THEIR
 * OWN staff id and PIN on this terminal (and a supervisor's when the coverer
 * is not on today's roster); only then is the duty transferred (duty_leave:
 * request and confirmation as one transaction).  The leaver's session stays
 * with its screens; the coverer is logged in and works from here on.  What
 * the data layer refuses (self-confirm, A and B both away ...) is shown as
 * it says and nothing changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/handoff.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"
#include "tui/ui_marks.h"

/* ---- around a session ---------------------------------------------------------------------- */

/* Ask a supervisor (not the clerk concerned) for their PIN; true with *sup filled. */
static bool ask_supervisor(app *a, const char *why, staff_rec *sup)
{
    if (!app_ask_person(a, _("A supervisor confirms"), why, sup)) {
        app_message(a, ROLE_WARN, "%s", _("Nothing was recorded: no supervisor confirmed."));
        return false;
    }
    if (!(sup->roles & STAFF_ROLE_SUPERVISOR)) {
        app_message(a, ROLE_ALARM, _("%s is not a supervisor: nothing was recorded."), sup->name);
        return false;
    }
    return true;
}

bool handoff_offer_duty(app *a, const duty_view *v)
{
    app_session *se = app_session_now(a);
    char q[400], err[STORE_ERR_LEN], at[SCHED_HHMM_LEN];
    staff_rec sup;
    staff_id sup_num = 0;
    if (!se || !v->started || v->state == HO_STAFFED)
        return false;
    staff_id me = se->staff.num;
    if (me == v->a.num || me == v->b.num) {
        snprintf(q, sizeof q, _("Take duty at window %s now?"), se->window);
        if (!app_confirm(a, q))
            return false;
    } else {
        app_message(a, ROLE_WARN, _("You are not on today's A/B roster for window %s: a supervisor must confirm."),
                    se->window);
        if (!app_confirm(a, _("Take duty with a supervisor's confirmation?")))
            return false;
        snprintf(q, sizeof q, _("%s takes duty at window %s without being on today's roster."), se->staff.name,
                 se->window);
        if (!ask_supervisor(a, q, &sup))
            return false;
        sup_num = sup.num;
    }
    duty_ctx c = handoff_ctx(a);
    if (duty_open(a->db, &c, sup_num, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, _("Duty not taken: %s"), err);
        return false;
    }
    handoff_touch();
    app_message(a, ROLE_OK, _("You are on duty at window %s since %s."), se->window,
                sched_format_hhmm(c.minute, at));
    return true;
}

void app_duty_after_login(app *a)
{
    app_session *se = app_session_now(a);
    char err[STORE_ERR_LEN];
    if (!se || !handoff_window_known(a))
        return; /* serves at no window (a supervisor, a leader): no A/B duty */
    duty_ctx c = handoff_ctx(a);
    if (duty_start_day(a->db, &c, err, sizeof err) != 0) {
        app_message(a, ROLE_WARN, _("Window %s: %s"), se->window, err);
        return;
    }
    handoff_touch();
    duty_view v;
    if (handoff_view(a, &v) != 0 || !v.started)
        return;
    if (v.state == HO_STAFFED) {
        if (v.on_duty.num != se->staff.num)
            app_message(a, ROLE_NORMAL, _("%s is on duty at window %s."), v.on_duty.name, se->window);
        return;
    }
    handoff_offer_duty(a, &v);
}

bool app_duty_before_leaving(app *a)
{
    app_session *se = app_session_now(a);
    char key[64], err[STORE_ERR_LEN], at[SCHED_HHMM_LEN], q[200];
    duty_view v;
    if (!se || !handoff_window_known(a) || handoff_view(a, &v) != 0)
        return true; /* never keep a clerk from locking because the duty cannot be read */
    if (!v.started || v.state != HO_STAFFED || v.on_duty.num != se->staff.num)
        return true;
    app_key_for(a, KM_CTX_GLOBAL, KM_HANDOFF_LEAVE, key, sizeof key);
    app_message(a, ROLE_ALARM, _("No handoff: %s is recorded UNATTENDED, seen by the supervisor. %s hands over."),
                se->window, key);
    snprintf(q, sizeof q, _("Leave window %s unattended?"), se->window);
    if (!app_confirm(a, q)) {
        app_message(a, ROLE_NORMAL, _("Still on duty at window %s: %s hands it over to the covering clerk."),
                    se->window, key);
        return false;
    }
    duty_ctx c = handoff_ctx(a);
    bool recorded = false;
    if (duty_left_unattended(a->db, &c, &recorded, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, _("Window %s could not be recorded as unattended: %s"), se->window, err);
        return true;
    }
    handoff_touch();
    if (recorded)
        app_message(a, ROLE_ALARM, _("Window %s recorded UNATTENDED at %s, left by %s without a handoff."),
                    se->window, sched_format_hhmm(c.minute, at), se->staff.name);
    return true;
}

/* ---- the leave screen ------------------------------------------------------------------------ */

enum { FOC_REASON, FOC_LONG, FOC_RETURN, FOC_NOTE, FOC_COUNT }; /* the rows, in focus order */
enum { F_RETURN, F_NOTE };                                      /* the text fields of the form */

typedef struct {
    duty_sheet sheet;
    duty_view view;
    ui_form form;
    int focus;          /* FOC_* */
    int reason;         /* ho_reason, -1 until chosen */
    bool long_absence;
    bool busy;          /* handing over: the session must keep this screen until it is done */
} leave_scr;

static const km_action leave_hints[] = {KM_FORM_SUBMIT, KM_FORM_NEXT_FIELD, KM_FORM_CANCEL, KM_HELP, KM_NONE};

static const char *leave_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Leave the post (AB handoff)");
}

/* ---- drawing: the handoff sheet ---- */

typedef struct {
    const char *title;  /* message id with %d for the total */
    const cv_row *rows;
    int n, total;
    int alloc;          /* screen rows given to its lines */
} sheet_part;

/* Share `room` rows among the parts' lines (a row each, "and N more" included), one at a time. */
static void share_rows(sheet_part *p, int np, int room)
{
    bool more = true;
    for (int k = 0; k < np; k++)
        p[k].alloc = 0;
    while (room > 0 && more) {
        more = false;
        for (int k = 0; k < np && room > 0; k++) {
            int want = p[k].n + (p[k].total > p[k].n ? 1 : 0);
            if (p[k].alloc < want) {
                p[k].alloc++;
                room--;
                more = true;
            }
        }
    }
}

static void draw_case(const cv_row *r, int y)
{
    term_role role;
    const char *mark = ui_deadline_mark(r, &role);
    char when[80];
    ui_deadline_text(r, when, sizeof when);
    term_put(y, 1, 2, mark, role);
    term_put(y, 3, 24, r->case_id, ROLE_NORMAL);
    term_put(y, 28, 10, r->applicant_name, ROLE_NORMAL);
    term_put(y, 39, COLS - 24 - 40, r->item_name, ROLE_NORMAL);
    term_put(y, COLS - 24, 24, when, role);
}

/* The sheet in rows top .. top+rows-1; the rows used. */
static int draw_sheet(const leave_scr *l, int top, int rows)
{
    sheet_part p[3] = {
        {N_("Applicants in supplement who may come back today: %d"), l->sheet.supplement, l->sheet.n_supplement,
         l->sheet.total_supplement, 0},
        {N_("Cases due today or overdue: %d"), l->sheet.due, l->sheet.n_due, l->sheet.total_due, 0},
        {N_("Accepted cases not yet delivered: %d"), l->sheet.undelivered, l->sheet.n_undelivered,
         l->sheet.total_undelivered, 0},
    };
    share_rows(p, 3, rows - 3);
    int y = top;
    char line[300];
    for (int k = 0; k < 3 && y < top + rows; k++) {
        snprintf(line, sizeof line, _(p[k].title), p[k].total);
        term_put(y++, 1, COLS - 2, line, p[k].total ? ROLE_LABEL : ROLE_DIM);
        bool cut = p[k].alloc < p[k].n + (p[k].total > p[k].n ? 1 : 0);
        int shown = cut || p[k].total > p[k].n ? p[k].alloc - 1 : p[k].alloc;
        if (shown < 0)
            shown = 0;
        for (int i = 0; i < shown; i++)
            draw_case(&p[k].rows[i], y++);
        if (shown < p[k].alloc) {
            snprintf(line, sizeof line, _("... and %d more"), p[k].total - shown);
            term_put(y++, 3, COLS - 4, line, ROLE_DIM);
        }
    }
    return y - top;
}

/* ---- drawing: the form ---- */

static void draw_label(const leave_scr *l, int row, int y, const char *label)
{
    term_put(y, 0, 1, l->focus == row ? ">" : " ", ROLE_FOCUS);
    term_put(y, 1, l->form.label_cols, label, ROLE_LABEL);
}

static void draw_reason(const leave_scr *l, int y)
{
    int x = 1 + l->form.label_cols;
    draw_label(l, FOC_REASON, y, _("Reason"));
    for (int r = 0; r < HO_REASONS && x < COLS - 4; r++) {
        char opt[80];
        snprintf(opt, sizeof opt, " %d %s ", r + 1, _(ho_reason_label((ho_reason)r)));
        term_role role = r == l->reason ? ROLE_SELECTED : l->focus == FOC_REASON ? ROLE_FIELD : ROLE_NORMAL;
        x += term_put(y, x, COLS - 1 - x, opt, role) + 1;
    }
    if (l->reason < 0 && x < COLS - 4)
        term_put(y, x + 1, COLS - 2 - x, _("(choose)"), ROLE_WARN);
}

static void draw_long(const leave_scr *l, int y)
{
    int x = 1 + l->form.label_cols;
    char line[300];
    draw_label(l, FOC_LONG, y, _("Long absence"));
    x += term_put(y, x, 5, l->long_absence ? "[x]" : "[ ]", l->focus == FOC_LONG ? ROLE_FOCUS : ROLE_FIELD) + 1;
    if (l->long_absence)
        snprintf(line, sizeof line, _("yes (end of shift, leave): %d open cases go to the coverer"),
                 l->sheet.mine);
    else
        snprintf(line, sizeof line, _("no: your %d open cases here stay with you"), l->sheet.mine);
    term_put(y, x, COLS - 1 - x, line, l->long_absence ? ROLE_WARN : ROLE_DIM);
}

/* What the keys do on the focused row. */
static const char *row_help(const leave_scr *l)
{
    switch (l->focus) {
    case FOC_REASON: return _("1-5 or Left/Right: the reason.   Tab: next.   Enter: hand over.   Esc: stay.");
    case FOC_LONG: return _("Space: yes / no.   Tab: next.   Enter: hand over.   Esc: stay.");
    case FOC_RETURN: return _("Expected return as HH:MM (optional).   Enter: hand over.   Esc: stay.");
    default: return _("A note for the covering clerk (optional).   Enter: hand over.   Esc: stay.");
    }
}

static void leave_draw(screen *s, app *a, int top, int lines)
{
    leave_scr *l = s->st;
    app_session *se = app_session_now(a);
    char line[400];
    snprintf(line, sizeof line, _("Handoff sheet of window %s: what the clerk who covers takes over."),
             se ? se->window : "");
    term_put(top, 1, COLS - 2, line, ROLE_DIM);
    draw_sheet(l, top + 1, lines - 7);
    int y = top + lines - 5;
    draw_reason(l, y);
    draw_long(l, y + 1);
    term_put(y + 4, 1, COLS - 2, row_help(l), ROLE_DIM);
    term_put(y + 2, 0, 1, l->focus == FOC_RETURN ? ">" : " ", ROLE_FOCUS);
    term_put(y + 3, 0, 1, l->focus == FOC_NOTE ? ">" : " ", ROLE_FOCUS);
    ui_form_draw(&l->form, y + 2, 1, COLS - 2); /* last: the cursor stays in the focused field */
}

/* ---- keys ---- */

static void set_focus(leave_scr *l, int focus)
{
    l->focus = (focus + FOC_COUNT) % FOC_COUNT;
    l->form.focus = l->focus == FOC_RETURN ? F_RETURN : l->focus == FOC_NOTE ? F_NOTE : -1;
}

/* A key on the reason row; true when it was for it. */
static bool reason_key(leave_scr *l, const keys_event *ev)
{
    if (ev->kind == KEYS_TEXT && ev->ch >= '1' && ev->ch < '1' + HO_REASONS) {
        l->reason = (int)(ev->ch - '1');
        return true;
    }
    if ((ev->kind == KEYS_TEXT && ev->ch == ' ') || (ev->kind == KEYS_KEY && ev->key == KM_KEY_RIGHT)) {
        l->reason = (l->reason + 1) % HO_REASONS;
        return true;
    }
    if (ev->kind == KEYS_KEY && ev->key == KM_KEY_LEFT) {
        l->reason = l->reason <= 0 ? HO_REASONS - 1 : l->reason - 1;
        return true;
    }
    return false;
}

/* A key on the long absence row; true when it was for it. */
static bool long_key(leave_scr *l, const keys_event *ev)
{
    if (ev->kind == KEYS_TEXT && (ev->ch == ' ' || ev->ch == 'x' || ev->ch == 'X')) {
        l->long_absence = !l->long_absence;
        return true;
    }
    if (ev->kind == KEYS_TEXT && (ev->ch == 'y' || ev->ch == 'Y' || ev->ch == 'n' || ev->ch == 'N')) {
        l->long_absence = ev->ch == 'y' || ev->ch == 'Y';
        return true;
    }
    if (ev->kind == KEYS_KEY && (ev->key == KM_KEY_LEFT || ev->key == KM_KEY_RIGHT)) {
        l->long_absence = !l->long_absence;
        return true;
    }
    return false;
}


/* "11:30", "1130" or "9:05" as a minute of the day; 0, or -1 when it is none of them. */
static int parse_time(const char *text, int *minute)
{
    char buf[SCHED_HHMM_LEN + 2];
    size_t n = strlen(text);
    if (n == 4 && strchr(text, ':') == NULL)
        snprintf(buf, sizeof buf, "%.2s:%.2s", text, text + 2);
    else if (n == 4 && text[1] == ':')
        snprintf(buf, sizeof buf, "0%.4s", text);
    else if (n == 5)
        snprintf(buf, sizeof buf, "%.5s", text);
    else
        return -1;
    return sched_parse_hhmm(buf, minute);
}

/* The expected return typed (-1 when none); 0, or -1 with the field marked. */
static int read_return(leave_scr *l, int now, int *expected)
{
    char text[UI_FIELD_CHARS * 4 + 1], at[SCHED_HHMM_LEN], note[200];
    *expected = -1;
    ui_form_note(&l->form, F_RETURN, false, _("optional, HH:MM"));
    if (!*ui_form_text(&l->form, F_RETURN, text, sizeof text))
        return 0;
    if (parse_time(text, expected) != 0) {
        ui_form_note(&l->form, F_RETURN, true, _("a time as HH:MM, such as 11:30"));
        return -1;
    }
    if (*expected < now) {
        snprintf(note, sizeof note, _("must be later than now (%s)"), sched_format_hhmm(now, at));
        ui_form_note(&l->form, F_RETURN, true, note);
        return -1;
    }
    ui_form_set(&l->form, F_RETURN, sched_format_hhmm(*expected, at));
    return 0;
}

/* The leaver's session `from` keeps its other screens; this one goes, and `to` works from here on. */

/* The message of a handoff done. */
static void done_text(const leave_scr *l, const char *window, const char *leaver, const staff_rec *cov,
                      int minute, int expected, char *buf, size_t len)
{
    char at[SCHED_HHMM_LEN], back[SCHED_HHMM_LEN], more[200] = "";
    const char *why = _(ho_reason_label((ho_reason)l->reason));
    if (l->long_absence)
        snprintf(more, sizeof more, _("; %d cases passed to %s"), l->sheet.mine, cov->name);
    if (expected >= 0)
        snprintf(buf, len, _("%s: %s on duty since %s; %s away (%s), back ~%s%s"), window, cov->name,
                 sched_format_hhmm(minute, at), leaver, why, sched_format_hhmm(expected, back), more);
    else
        snprintf(buf, len, _("%s: %s on duty since %s; %s away (%s)%s"), window, cov->name,
                 sched_format_hhmm(minute, at), leaver, why, more);
}

static scr_rc leave_submit(screen *s, app *a)
{
    leave_scr *l = s->st;
    app_session *se = app_session_now(a);
    char why[400], note[UI_FIELD_CHARS * 4 + 1], err[STORE_ERR_LEN], done[APP_MSG_LEN];
    staff_rec cov, sup;
    int expected;
    duty_ctx c = handoff_ctx(a);
    if (l->reason < 0) {
        set_focus(l, FOC_REASON);
        app_message(a, ROLE_WARN, "%s", _("Choose why you leave the post (1-5) first."));
        return SCR_STAY;
    }
    if (read_return(l, c.minute, &expected) != 0) {
        set_focus(l, FOC_RETURN);
        app_message(a, ROLE_WARN, "%s", _("Nothing was recorded: correct the marked field."));
        return SCR_STAY;
    }
    snprintf(why, sizeof why, _("%s leaves window %s (%s). The clerk who covers types their own staff id and PIN."),
             se->staff.name, se->window, _(ho_reason_label((ho_reason)l->reason)));
    if (!app_ask_person(a, _("Who covers the window?"), why, &cov)) {
        app_message(a, ROLE_NORMAL, "%s", _("Nothing was recorded: the window stays with you."));
        return SCR_STAY;
    }
    duty_leave_in in = {(ho_reason)l->reason, expected, l->long_absence, ui_form_text(&l->form, F_NOTE, note, sizeof note),
                        cov.num, 0};
    if (cov.num != se->staff.num && cov.num != l->view.a.num && cov.num != l->view.b.num) {
        snprintf(why, sizeof why, _("%s is not on today's A/B roster for %s: a supervisor confirms."),
                 cov.name, se->window);
        if (!ask_supervisor(a, why, &sup))
            return SCR_STAY;
        in.supervisor = sup.num;
    }
    c = handoff_ctx(a); /* the PINs took time */
    if (duty_leave(a->db, &c, &in, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, _("Nothing was recorded: %s"), err);
        return SCR_STAY;
    }
    handoff_touch();
    done_text(l, se->window, se->staff.name, &cov, c.minute, expected, done, sizeof done);
    l->busy = true; /* keeps the leaver's session from being closed for a free slot */
    handoff_switch_to(s, a, a->cur, &cov, done);
    return SCR_STAY;
}

static scr_rc leave_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    leave_scr *l = s->st;
    switch (act) {
    case KM_HANDOFF_LEAVE: return SCR_STAY; /* this is it */
    case KM_FORM_NEXT_FIELD: set_focus(l, l->focus + 1); return SCR_STAY;
    case KM_FORM_PREV_FIELD: set_focus(l, l->focus - 1); return SCR_STAY;
    case KM_FORM_SUBMIT: return leave_submit(s, a);
    case KM_FORM_CANCEL: return SCR_CLOSE;
    default: break;
    }
    if (l->focus == FOC_REASON && reason_key(l, ev))
        return SCR_STAY;
    if (l->focus == FOC_LONG && long_key(l, ev))
        return SCR_STAY;
    if (l->focus == FOC_RETURN || l->focus == FOC_NOTE) {
        const char *why = NULL;
        switch (ui_form_key(&l->form, ev, act, &why)) {
        case UI_FORM_REFUSED: app_message(a, ROLE_WARN, "%s", why ? _(why) : ""); return SCR_STAY;
        case UI_FORM_NONE: break;
        default: return SCR_STAY;
        }
    }
    return ev->kind == KEYS_TEXT ? SCR_STAY : SCR_PASS;
}

static bool leave_dirty(screen *s)
{
    leave_scr *l = s->st;
    return l->busy || l->reason >= 0 || l->long_absence || ui_form_has_text(&l->form);
}

static void leave_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops leave_ops = {
    "handoff.leave", KM_CTX_FORM, true, leave_title, leave_draw, leave_key, leave_dirty, leave_free, leave_hints,
};

/* Why the clerk logged in cannot hand the window over now ("" when they can). */
static void cannot_leave(app *a, const duty_view *v, char *buf, size_t len)
{
    app_session *se = app_session_now(a);
    staff_id me = se->staff.num;
    char key[64];
    buf[0] = '\0';
    if (!v->started)
        snprintf(buf, len, _("Window %s has no A/B duty today (no roster): there is nothing to hand over."),
                 se->window);
    else if (v->state != HO_STAFFED)
        snprintf(buf, len, _("Nobody is on duty at window %s: take duty first (%s)."), se->window,
                 app_key_for(a, KM_CTX_GLOBAL, KM_HANDOFF_RETURN, key, sizeof key));
    else if (v->on_duty.num != me)
        snprintf(buf, len, _("%s is on duty at window %s: only the clerk on duty hands the window over."),
                 v->on_duty.name, se->window);
    else if ((me == v->a.num && v->b_away) || (me == v->b.num && v->a_away))
        snprintf(buf, len, "%s", _(handoff_reason(HO_E_BOTH_AWAY)));
}

screen *scr_handoff_leave_new(app *a)
{
    app_session *se = app_session_now(a);
    char why[STORE_ERR_LEN + 100];
    if (!se)
        return NULL;
    leave_scr *l = calloc(1, sizeof *l);
    if (!l) {
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    if (handoff_view(a, &l->view) != 0) {
        free(l);
        return NULL;
    }
    cannot_leave(a, &l->view, why, sizeof why);
    duty_ctx c = handoff_ctx(a);
    char err[STORE_ERR_LEN];
    if (!why[0] && duty_sheet_get(a->db, &c, &l->sheet, err, sizeof err) != 0)
        snprintf(why, sizeof why, "%s", err);
    screen *s = why[0] ? NULL : screen_new(&leave_ops, l);
    if (!s) {
        app_message(a, ROLE_ALARM, "%s", why[0] ? why : _("Out of memory."));
        free(l);
        return NULL;
    }
    l->reason = -1;
    ui_form_init(&l->form);
    ui_form_add(&l->form, _("Back about"), 5, 7, false);
    ui_form_add(&l->form, _("Note"), DUTY_NOTE_MAX / 4, 0, false);
    ui_form_note(&l->form, F_RETURN, false, _("optional, HH:MM"));
    const char *labels[] = {_("Reason"), _("Long absence")};
    for (int i = 0; i < 2; i++)
        if (term_width(labels[i]) + 2 > l->form.label_cols)
            l->form.label_cols = term_width(labels[i]) + 2;
    set_focus(l, FOC_REASON);
    return s;
}
