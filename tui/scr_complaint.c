/* scr_complaint.c - 投诉 (issue 8; seed 001_fcc7b53b8a175d84.txt 篇十三
 * §20-23): the complaints, open ones first by due date (overdue in red with
 * "!!", due within [supervision] soon_days working
 * days in yellow with "!"), then the others; Enter
 * shows one with its history.  n registers a complaint at the window (the
 * form: channel, about a window / a clerk / a case and which, the
 * complainant, the phone, what they say; due in 3 working days); on a
 * complaint x extends it once (the new date, at most 15 working days from
 * registration, and the reason the complainant is told), c concludes it
 * (supervisor: the finding, the outcome, how the complainant was told), e
 * excludes it (already in litigation, arbitration or reconsideration, with
 * a note).  The rules and dates are data/supervise.h and core/supervise.h. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/form_screen.h"
#include "tui/i18n.h"
#include "tui/supervise.h"
#include "tui/ui_form.h"
#include "tui/ui_list.h"

static const km_action cp_hints[] = {KM_FORM_SUBMIT, KM_FORM_CANCEL, KM_HELP, KM_NONE};

static const char *const channels[] = {"window", "phone", "box", "online"};
static const char *const abouts[] = {"window", "clerk", "case"};

static int add_row(const sv_complaint *c, void *ctx)
{
    return svt_rows_add(ctx, c);
}

static int load(app *a, svt_rows *t)
{
    return sv_complaints_list(a->db, svt_scope(a), false, add_row, t);
}

/* The complaint selected on the list. */
static const sv_complaint *sel_row(const svt_rows *t)
{
    return svt_row(t, t->list.sel);
}

static const char *cp_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Complaints");
}

static bool is_open(const sv_complaint *c)
{
    return c->state == SV_OPEN || c->state == SV_EXTENDED;
}

static const char *due_mark(app *a, const sv_complaint *c, term_role *role)
{
    const char *mark = "";
    *role = ROLE_DIM;
    if (!is_open(c))
        return "";
    svt_due_level(a, c->due, role, &mark);
    return mark;
}

static const char *state_label(sv_complaint_state st)
{
    return svt_code_label(sv_state_name(st));
}

/* "a clerk demo-a" / "a case X" / "W01": what the complaint is about. */
static void about_text(const sv_complaint *c, char *buf, size_t len)
{
    if (strcmp(c->about, "case") == 0)
        snprintf(buf, len, "%s %s", svt_code_label(c->about), c->case_id);
    else if (strcmp(c->about, "clerk") == 0)
        snprintf(buf, len, "%s %s #%d", c->window, svt_code_label(c->about), (int)c->clerk);
    else
        snprintf(buf, len, "%s", c->window);
}

static void draw_row(void *ctx, int i, int y, int cols, bool selected)
{
    svt_row_ctx *x = ctx;
    const sv_complaint *c = svt_row(x->t, i);
    term_role role;
    const char *mark = due_mark(x->a, c, &role);
    char due[DATE_STR_LEN], about[200];
    term_role r = svt_row_start(y, cols, selected, mark, role);
    term_put(y, 3, 23, c->id, r); /* TS-T01-20261123-001: up to 6 for the terminal code */
    term_put(y, 27, 10, date_format(c->due, due), r);
    term_put(y, 38, 9, state_label(c->state), r);
    about_text(c, about, sizeof about);
    term_put(y, 48, 26, about, selected ? ROLE_SELECTED : ROLE_NORMAL);
    term_put(y, 75, cols - 76, c->text, selected ? ROLE_SELECTED : ROLE_DIM); /* the detail has it whole */
}

static void draw_list(svt_rows *t, app *a, int top, int lines)
{
    term_put(top, 3, 23, _("Complaint"), ROLE_LABEL);
    term_put(top, 27, 10, _("Due"), ROLE_LABEL);
    term_put(top, 38, 9, _("State"), ROLE_LABEL);
    term_put(top, 48, 26, _("About"), ROLE_LABEL);
    svt_rows_draw(t, a, top, lines, _("No complaint registered."), draw_row);
    term_put(top + lines - 1, 1, COLS - 2,
             _("n: register   Enter: open   x: extend   c: conclude   e: exclude"), ROLE_DIM);
}

static void draw_detail(svt_rows *t, app *a, int top, int lines)
{
    const sv_complaint *c = sel_row(t);
    char line[800], d1[DATE_STR_LEN], d2[DATE_STR_LEN], about[200];
    term_role role;
    due_mark(a, c, &role);
    about_text(c, about, sizeof about);
    snprintf(line, sizeof line, _("%s  %s  about %s"), c->id, svt_code_label(c->channel), about);
    term_put(top, 1, COLS - 2, line, ROLE_LABEL);
    snprintf(line, sizeof line, _("Registered %s, due %s: %s"), date_format(c->registered, d1),
             date_format(c->due, d2), state_label(c->state));
    term_put(top + 1, 1, COLS - 2, line, role);
    snprintf(line, sizeof line, _("Complainant: %s  %s"), c->complainant[0] ? c->complainant : "-", c->phone);
    term_put(top + 2, 1, COLS - 2, line, ROLE_NORMAL);
    int y = top + 3 + term_put_flowed(top + 3, 1, COLS - 2, 4, c->text, ROLE_NORMAL);
    y++;
    if (c->extend_reason[0]) {
        snprintf(line, sizeof line, _("Extended: %s"), c->extend_reason);
        y += term_put_flowed(y, 1, COLS - 2, 2, line, ROLE_NORMAL);
    }
    if (c->state == SV_CONCLUDED) {
        snprintf(line, sizeof line, _("Concluded %s: %s; told the complainant %s"), date_format(c->concluded, d1),
                 svt_code_label(c->finding), svt_code_label(c->notified_by));
        term_put(y++, 1, COLS - 2, line, ROLE_OK);
        y += term_put_flowed(y, 3, COLS - 4, 3, c->outcome, ROLE_NORMAL);
    }
    if (c->state == SV_EXCLUDED) {
        snprintf(line, sizeof line, _("Excluded: %s. %s"), svt_code_label(c->excluded_reason), c->excluded_note);
        y += term_put_flowed(y, 1, COLS - 2, 3, line, ROLE_DIM);
    }
    (void)y;
    term_put(top + lines - 1, 1, COLS - 2, _("x: extend   c: conclude (supervisor)   e: exclude   Esc: the list"),
             ROLE_DIM);
}

static void cp_draw(screen *s, app *a, int top, int lines)
{
    svt_rows *t = s->st;
    if (svt_rows_fresh_detail(t, a))
        draw_detail(t, a, top, lines);
    else
        draw_list(t, a, top, lines);
}

static void extend(svt_rows *t, app *a)
{
    const sv_complaint *c = sel_row(t);
    char day[32], reason[256] = "", err[SVT_ERR_LEN] = "";
    gdate latest, nd;
    if (sv_complaint_due_max(a->cal, c->registered, &latest) != SV_OK)
        latest = c->due;
    date_format(latest, day);
    if (!app_ask_text(a, _("Extend the complaint"), _("New due date"), day, sizeof day))
        return;
    if (date_parse(day, &nd) != 0) {
        app_message(a, ROLE_ALARM, _("Not a date: %s"), day);
        return;
    }
    if (!app_ask_text(a, _("Extend the complaint"), _("Reason told to the complainant"), reason, sizeof reason))
        return;
    desk_who who = app_who(a);
    int rc = sv_complaint_extend(a->db, &who, c->id, nd, reason, err, sizeof err);
    svt_done(a, &t->stale, rc, err, _("Extended."));
}

static void conclude(svt_rows *t, app *a)
{
    static const char *const findings[] = {"unfounded", "manner", "unlawful", "other"};
    static const char *const told[] = {"phone", "letter", "in_person", "sms"};
    if (!svt_is_supervisor(a)) {
        app_message(a, ROLE_WARN, "%s", _("Only a supervisor may do that."));
        return;
    }
    const sv_complaint *c = sel_row(t);
    char outcome[400] = "", err[SVT_ERR_LEN] = "";
    int f = svt_choose_code(a, _("Finding"), findings, 4);
    if (f < 0 || !app_ask_text(a, _("Conclude the complaint"), _("Outcome"), outcome, sizeof outcome))
        return;
    int n = svt_choose_code(a, _("How the complainant was told"), told, 4);
    if (n < 0)
        return;
    desk_who who = app_who(a);
    int rc = sv_complaint_conclude(a->db, &who, c->id, findings[f], outcome, told[n], err, sizeof err);
    svt_done(a, &t->stale, rc, err, _("Concluded."));
}

static void exclude(svt_rows *t, app *a)
{
    static const char *const reasons[] = {"litigation", "arbitration", "reconsideration"};
    const sv_complaint *c = sel_row(t);
    char note[256] = "", err[SVT_ERR_LEN] = "";
    int k = svt_choose_code_note(a, _("Exclude the complaint"), reasons, 3, _("Note"), note, sizeof note);
    if (k < 0)
        return;
    desk_who who = app_who(a);
    int rc = sv_complaint_exclude(a->db, &who, c->id, reasons[k], note, err, sizeof err);
    svt_done(a, &t->stale, rc, err, _("Excluded."));
}

static scr_rc cp_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    svt_rows *t = s->st;
    scr_rc rc;
    if (svt_list_key(&t->list, &t->detail, LINES - 7, ev, act, &rc))
        return rc;
    if (ev->kind == KEYS_TEXT) {
        int k = ev->key;
        if (k == 'n') {
            t->stale = true;
            app_push(a, scr_complaint_form_new(a));
            return SCR_STAY;
        }
        if (t->list.sel >= 0 && (k == 'x' || k == 'c' || k == 'e')) {
            if (k == 'x')
                extend(t, a);
            else if (k == 'c')
                conclude(t, a);
            else
                exclude(t, a);
            return SCR_STAY;
        }
    }
    return act == KM_NONE ? SCR_STAY : SCR_PASS;
}

static const screen_ops cp_ops = {
    "complaints", KM_CTX_LIST, false, cp_title, cp_draw, cp_key, NULL, svt_list_screen_free, cp_hints,
};

screen *scr_complaints_new(app *a)
{
    return svt_list_screen_new(a, &cp_ops, sizeof(sv_complaint), offsetof(sv_complaint, id), load);
}

/* ---- the register form ---------------------------------------------------------------------- */

enum { F_CHANNEL, F_ABOUT, F_TARGET, F_WHO, F_PHONE, F_TEXT, F_COUNT };

typedef struct {
    ui_form form;
    bool edited, done;
} cp_form;

static const km_action form_hints[] = {KM_FORM_SUBMIT, KM_FORM_NEXT_FIELD, KM_FORM_CANCEL, KM_HELP, KM_NONE};

static const char *form_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Register a complaint");
}

static void form_draw(screen *s, app *a, int top, int lines)
{
    cp_form *c = s->st;
    char line[400];
    (void)a;
    (void)lines;
    snprintf(line, sizeof line, _("Channel: 1 %s  2 %s  3 %s  4 %s"), svt_code_label("window"),
             svt_code_label("phone"), svt_code_label("box"), svt_code_label("online"));
    term_put(top, 1, COLS - 2, line, ROLE_DIM);
    snprintf(line, sizeof line, _("About: 1 the window (its code)  2 a clerk (staff id)  3 a case (its number)"));
    term_put(top + 1, 1, COLS - 2, line, ROLE_DIM);
    term_put(top + 2, 1, COLS - 2, _("Handled within 3 working days (extendable to 15 with the reason told)."),
             ROLE_DIM);
    ui_form_draw(&c->form, top + 4, 1, COLS - 2);
}

static int digit_of(const ui_form *f, int i, int max)
{
    char t[8];
    ui_form_text(f, i, t, sizeof t);
    return t[0] >= '1' && t[0] < '1' + max && !t[1] ? t[0] - '1' : -1;
}

static void field_error(cp_form *c, app *a, int i, const char *why)
{
    ui_form_note(&c->form, i, true, why);
    c->form.focus = i;
    app_message(a, ROLE_ALARM, "%s", why);
}

static void form_submit(void *st, app *a)
{
    cp_form *c = st;
    sv_complaint in;
    char target[64], err[SVT_ERR_LEN] = "", id[64], why[SVT_ERR_LEN + 64];
    memset(&in, 0, sizeof in);
    for (int i = 0; i < F_COUNT; i++)
        ui_form_note(&c->form, i, false, "");
    int ch = digit_of(&c->form, F_CHANNEL, 4), ab = digit_of(&c->form, F_ABOUT, 3);
    if (ch < 0) {
        snprintf(why, sizeof why, _("%s: type 1, 2, 3 or 4."), _("Channel"));
        field_error(c, a, F_CHANNEL, why);
        return;
    }
    if (ab < 0) {
        snprintf(why, sizeof why, _("%s: type 1, 2 or 3."), _("About"));
        field_error(c, a, F_ABOUT, why);
        return;
    }
    snprintf(in.channel, sizeof in.channel, "%s", channels[ch]);
    snprintf(in.about, sizeof in.about, "%s", abouts[ab]);
    app_session *se = app_session_now(a);
    snprintf(in.window, sizeof in.window, "%s", se ? se->window : "");
    ui_form_text(&c->form, F_TARGET, target, sizeof target);
    if (ab == 0 && target[0]) {
        snprintf(in.window, sizeof in.window, "%.8s", target);
    } else if (ab == 1) {
        staff_rec rec;
        if (staff_get(a->db, target, &rec, err, sizeof err) != STAFF_OK) {
            snprintf(why, sizeof why, "%s: %s", _("Who or what"), err[0] ? err : target);
            field_error(c, a, F_TARGET, why);
            return;
        }
        in.clerk = (int32_t)rec.num;
    } else if (ab == 2) {
        snprintf(in.case_id, sizeof in.case_id, "%s", target);
    }
    ui_form_text(&c->form, F_WHO, in.complainant, sizeof in.complainant);
    ui_form_text(&c->form, F_PHONE, in.phone, sizeof in.phone);
    ui_form_text(&c->form, F_TEXT, in.text, sizeof in.text);
    if (!in.text[0]) {
        snprintf(why, sizeof why, _("%s: required."), _("What they say"));
        field_error(c, a, F_TEXT, why);
        return;
    }
    desk_who who = app_who(a);
    err[0] = '\0';
    if (sv_complaint_register(a->db, &who, &in, id, sizeof id, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", svt_err(err));
        return;
    }
    c->done = true;
    app_message(a, ROLE_OK, _("Complaint %s registered."), id);
}

static scr_rc form_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    cp_form *c = s->st;
    return form_screen_key(&c->form, &c->edited, &c->done, form_submit, c, a, ev, act);
}

static bool form_dirty(screen *s)
{
    cp_form *c = s->st;
    return c->edited && !c->done;
}

static void form_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops form_ops = {
    "complaint_register", KM_CTX_FORM, true, form_title, form_draw, form_key, form_dirty, form_free, form_hints,
};

screen *scr_complaint_form_new(app *a)
{
    cp_form *c = calloc(1, sizeof *c);
    screen *s = c ? screen_new(&form_ops, c) : NULL;
    if (!s) {
        free(c);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    ui_form_init(&c->form);
    ui_form_add(&c->form, _("Channel"), 1, 3, false);
    ui_form_add(&c->form, _("About"), 1, 3, false);
    ui_form_add(&c->form, _("Who or what"), 40, 30, false);
    ui_form_add(&c->form, _("Complainant"), 30, 24, false);
    ui_form_add(&c->form, _("Phone"), 20, 22, false);
    ui_form_add(&c->form, _("What they say"), UI_FIELD_CHARS - 1, 0, false);
    ui_form_fit_labels(&c->form);
    ui_form_set(&c->form, F_CHANNEL, "1");
    return s;
}
