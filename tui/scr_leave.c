/* scr_leave.c - 请假/销假 on screen: the leave request form (kind, from date
 * and time, to date and time, reason: each field checked, the one that is
 * wrong marked beside it and named in the message, nothing recorded), the
 * list of the person's own leave (销假: back early from an approved leave, or
 * withdraw a request not yet decided), and a supervisor's list of the
 * requests waiting for a decision (a approve, r refuse with a note).
 *
 * Rule: seed 003 第五章 (九) "未按规定办理请销假手续" is deducted 0.5 point:
 * leave counts only once a supervisor approved it (data/duty.h records the
 * request, the decision and the 销假 as separate events; approved leave
 * covers its time in the reports). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/attendance.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"
#include "tui/ui_list.h"

/* ---- the request form ----------------------------------------------------------------- */

enum { F_KIND, F_FROM_DAY, F_FROM_TIME, F_TO_DAY, F_TO_TIME, F_REASON, F_COUNT };

typedef struct {
    ui_form form;
    bool edited;   /* typed in since it opened */
    bool done;     /* recorded */
} leave_form;

static const km_action form_hints[] = {KM_FORM_SUBMIT, KM_FORM_NEXT_FIELD, KM_FORM_CANCEL, KM_HELP, KM_NONE};


/* The kind typed (its number 1..LEAVE_KINDS), or LEAVE_KINDS when it is not one. */
static leave_kind kind_of(const ui_form *f)
{
    char t[16];
    ui_form_text(f, F_KIND, t, sizeof t);
    char *end = NULL;
    long k = strtol(t, &end, 10);
    if (!t[0] || !end || *end || k < 1 || k > LEAVE_KINDS)
        return LEAVE_KINDS;
    return (leave_kind)(k - 1);
}

/* The note beside the kind: the kind's name as it is typed. */
static void kind_note(leave_form *l)
{
    leave_kind k = kind_of(&l->form);
    if (k < LEAVE_KINDS)
        ui_form_note(&l->form, F_KIND, false, _(leave_kind_label(k)));
    else
        ui_form_note(&l->form, F_KIND, false, _("a number from the list above"));
}

static const char *form_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Request leave");
}

/* The kinds "1 事假  2 病假 ..." across rows from y; the rows used. */
static int draw_kinds(int y, int rows)
{
    int x = 1, used = 1;
    for (int k = 0; k < LEAVE_KINDS; k++) {
        char item[80];
        snprintf(item, sizeof item, "%d %s", k + 1, _(leave_kind_label((leave_kind)k)));
        int w = term_width(item);
        if (x > 1 && x + w > COLS - 1) {
            if (used >= rows)
                break;
            y++;
            used++;
            x = 1;
        }
        term_put(y, x, COLS - 1 - x, item, ROLE_DIM);
        x += w + 3;
    }
    return used;
}

static void form_draw(screen *s, app *a, int top, int lines)
{
    leave_form *l = s->st;
    (void)a;
    (void)lines;
    term_put(top, 1, COLS - 2, _("Leave counts once a supervisor has approved it (seed 003, chapter 5 (9))."), ROLE_DIM);
    term_put(top + 1, 1, COLS - 2, _("Kinds:"), ROLE_LABEL);
    int used = draw_kinds(top + 2, 3);
    int y = top + 2 + used + 1;
    term_put(y + F_COUNT + 1, 1, COLS - 2, _("Dates YYYY-MM-DD, times HH:MM.  Enter: request   Esc: back"), ROLE_DIM);
    ui_form_draw(&l->form, y, 1, COLS - 2); /* last: the cursor stays in the field */
}

/* Check field i; on error mark it, focus it, say why: -1. */
static int field_error(leave_form *l, app *a, int i, const char *why)
{
    ui_form_note(&l->form, i, true, why);
    l->form.focus = i;
    app_message(a, ROLE_ALARM, "%s", why);
    return -1;
}

static void submit(leave_form *l, app *a)
{
    char t[UI_FIELD_CHARS * 4 + 1], why[ATT_ERR_LEN], reason[DUTY_NOTE_MAX + 1];
    gdate from, to;
    int from_min, to_min;
    for (int i = 0; i < F_COUNT; i++)
        ui_form_note(&l->form, i, false, "");
    kind_note(l);
    leave_kind k = kind_of(&l->form);
    if (k >= LEAVE_KINDS) {
        snprintf(why, sizeof why, _("%s: type the number of a kind, 1 to %d."), _("Kind of leave"), LEAVE_KINDS);
        field_error(l, a, F_KIND, why);
        return;
    }
    if (att_parse_day(a, _("From (date)"), ui_form_text(&l->form, F_FROM_DAY, t, sizeof t), &from, why, sizeof why) != 0) {
        field_error(l, a, F_FROM_DAY, why);
        return;
    }
    if (att_parse_time(_("From (time)"), ui_form_text(&l->form, F_FROM_TIME, t, sizeof t), &from_min, why, sizeof why) != 0) {
        field_error(l, a, F_FROM_TIME, why);
        return;
    }
    if (att_parse_day(a, _("To (date)"), ui_form_text(&l->form, F_TO_DAY, t, sizeof t), &to, why, sizeof why) != 0) {
        field_error(l, a, F_TO_DAY, why);
        return;
    }
    if (att_parse_time(_("To (time)"), ui_form_text(&l->form, F_TO_TIME, t, sizeof t), &to_min, why, sizeof why) != 0) {
        field_error(l, a, F_TO_TIME, why);
        return;
    }
    ui_form_text(&l->form, F_REASON, reason, sizeof reason);
    if (!reason[0]) {
        snprintf(why, sizeof why, _("%s: required."), _("Reason"));
        field_error(l, a, F_REASON, why);
        return;
    }
    duty_ctx c = att_ctx(a);
    char id[UUID7_LEN + 1], err[ATT_ERR_LEN];
    if (duty_leave_request(a->db, &c, k, from, from_min, to, to_min, reason, id, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    l->done = true;
    char d1[DATE_STR_LEN], d2[DATE_STR_LEN], h1[SCHED_HHMM_LEN], h2[SCHED_HHMM_LEN];
    app_message(a, ROLE_OK, _("Leave requested (%s, %s %s to %s %s): waiting for a supervisor's decision."),
                _(leave_kind_label(k)), date_format(from, d1), sched_format_hhmm(from_min, h1), date_format(to, d2),
                sched_format_hhmm(to_min, h2));
}

static scr_rc form_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    leave_form *l = s->st;
    const char *why = NULL;
    switch (ui_form_key(&l->form, ev, act, &why)) {
    case UI_FORM_SUBMIT:
        submit(l, a);
        return l->done ? SCR_CLOSE : SCR_STAY;
    case UI_FORM_CANCEL: return SCR_CLOSE;
    case UI_FORM_REFUSED:
        if (why)
            app_message(a, ROLE_WARN, "%s", _(why));
        return SCR_STAY;
    case UI_FORM_EDITED:
        l->edited = true;
        if (l->form.focus == F_KIND)
            kind_note(l);
        return SCR_STAY;
    case UI_FORM_MOVED: return SCR_STAY;
    case UI_FORM_NONE: break;
    }
    return act == KM_NONE ? SCR_STAY : SCR_PASS;
}

static bool form_dirty(screen *s)
{
    leave_form *l = s->st;
    return l->edited && !l->done;
}

static void plain_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops form_ops = {
    "leave_request", KM_CTX_FORM, true, form_title, form_draw, form_key, form_dirty, plain_free, form_hints,
};

screen *scr_leave_form_new(app *a)
{
    leave_form *l = calloc(1, sizeof *l);
    screen *s = l ? screen_new(&form_ops, l) : NULL;
    if (!s) {
        free(l);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    ui_form *f = &l->form;
    ui_form_init(f);
    ui_form_add(f, _("Kind of leave"), 2, 4, false);
    ui_form_add(f, _("From (date)"), 10, 12, false);
    ui_form_add(f, _("From (time)"), 5, 7, false);
    ui_form_add(f, _("To (date)"), 10, 12, false);
    ui_form_add(f, _("To (time)"), 5, 7, false);
    ui_form_add(f, _("Reason"), DUTY_NOTE_MAX / 4, 0, false);
    char day[DATE_STR_LEN], hhmm[SCHED_HHMM_LEN];
    sched_day d = att_sched(a, a->today);
    date_format(a->today, day);
    ui_form_set(f, F_FROM_DAY, day);
    ui_form_set(f, F_TO_DAY, day);
    ui_form_set(f, F_FROM_TIME, sched_format_hhmm(d.session[SCHED_MORNING].start, hhmm));
    ui_form_set(f, F_TO_TIME, sched_format_hhmm(d.session[SCHED_AFTERNOON].end, hhmm));
    kind_note(l);
    return s;
}

/* ---- the lists: my leave, or the requests waiting for a decision ---------------------- */

typedef struct {
    bool pending;            /* a supervisor's list of requests to decide */
    leave_rec *v;
    int n;
    ui_list list;
    char err[ATT_ERR_LEN];
} leave_list;

static const km_action list_hints[] = {KM_HELP, KM_FORM_CANCEL, KM_NONE};

static void list_reload(leave_list *l, app *a)
{
    app_session *se = app_session_now(a);
    l->err[0] = '\0';
    l->n = 0;
    if (duty_leaves(a->db, l->pending ? 0 : se->staff.num, date_add_days(a->today, -366),
                    date_add_days(a->today, 366), l->pending, l->v, DUTY_LEAVES_MAX, &l->n, l->err,
                    sizeof l->err) != 0)
        l->n = 0;
    ui_list_resize(&l->list, l->n);
}

static const char *list_title(screen *s, app *a)
{
    leave_list *l = s->st;
    (void)a;
    return l->pending ? _("Leave to decide") : _("My leave");
}

typedef struct {
    leave_list *l;
    int name_w, kind_w;
    int year;          /* today's: dates of this year are shown without it */
} row_ctx;

/* A day as shown in a row: without the year when it is this year's. */
static const char *short_day(const char *day, int this_year, char *buf, size_t len)
{
    gdate d;
    if (date_parse(day, &d) == 0 && d.y == this_year)
        snprintf(buf, len, "%s", day + 5);
    else
        snprintf(buf, len, "%s", day);
    return buf;
}

static void leave_row(void *ctx, int i, int y, int cols, bool selected)
{
    row_ctx *rc = ctx;
    const leave_rec *r = &rc->l->v[i];
    char span[80], d1[DATE_STR_LEN], d2[DATE_STR_LEN], h1[SCHED_HHMM_LEN], h2[SCHED_HHMM_LEN];
    term_role base = selected ? ROLE_SELECTED : ROLE_NORMAL;
    term_role sr = selected ? ROLE_SELECTED
                   : r->state == LEAVE_APPROVED ? ROLE_OK
                   : r->state == LEAVE_REQUESTED ? ROLE_WARN
                                                 : ROLE_DIM;
    short_day(r->start_day, rc->year, d1, sizeof d1);
    sched_format_hhmm(r->start_minute, h1);
    sched_format_hhmm(r->end_minute, h2);
    if (strcmp(r->end_day, r->start_day) == 0)
        snprintf(span, sizeof span, "%s %s-%s", d1, h1, h2);
    else
        snprintf(span, sizeof span, "%s %s - %s %s", d1, h1, short_day(r->end_day, rc->year, d2, sizeof d2), h2);
    term_put_padded(y, 0, cols, "", base);
    int x = 1;
    if (rc->name_w) {
        term_put(y, x, rc->name_w, r->staff_name, base);
        x += rc->name_w + 1;
    }
    term_put(y, x, rc->kind_w, _(leave_kind_label(r->kind)), base);
    x += rc->kind_w + 1;
    int sw = term_width(span);
    term_put(y, x, sw, span, base);
    x += sw + 2;
    const char *st = r->ended_early ? _("ended early") : _(leave_state_label(r->state));
    int stw = term_width(st);
    if (stw > 12)
        stw = 12;
    term_put(y, x, stw, st, sr);
    x += stw + 2;
    if (x < cols - 1)
        term_put(y, x, cols - 1 - x, r->reason, base);
}

static void list_draw(screen *s, app *a, int top, int lines)
{
    leave_list *l = s->st;
    list_reload(l, a);
    const char *help = l->pending ? _("a approve   r refuse (with a note)   Esc back")
                                  : _("e end the selected leave (back to work) or withdraw a request   l new request   Esc back");
    term_put(top, 1, COLS - 2, help, ROLE_DIM);
    row_ctx rc = {l, l->pending ? 8 : 0, 4, a->today.y};
    for (int i = 0; i < l->n; i++) {
        int w = term_width(_(leave_kind_label(l->v[i].kind)));
        rc.kind_w = w > rc.kind_w ? w : rc.kind_w;
    }
    if (rc.kind_w > 12)
        rc.kind_w = 12;
    if (l->err[0])
        term_put_wrapped(top + 2, 1, COLS - 2, 2, l->err, ROLE_ALARM);
    else if (l->n == 0)
        term_put(top + 2, 3, COLS - 4, l->pending ? _("No leave waiting for a decision.") : _("No leave recorded."),
                 ROLE_DIM);
    else
        ui_list_draw(&l->list, top + 2, lines - 3, COLS, leave_row, &rc);
}

static const leave_rec *selected(leave_list *l)
{
    return l->list.sel >= 0 && l->list.sel < l->n ? &l->v[l->list.sel] : NULL;
}

static void decide(leave_list *l, app *a, bool approve)
{
    const leave_rec *sel = selected(l);
    if (!sel)
        return;
    leave_rec copy = *sel; /* the list is read again under the boxes */
    const leave_rec *r = &copy;
    char q[400], note[DUTY_NOTE_MAX + 1] = "", err[ATT_ERR_LEN];
    if (approve) {
        snprintf(q, sizeof q, _("Approve the leave of %s (%s %s - %s)?"), r->staff_name, _(leave_kind_label(r->kind)),
                 r->start_day, r->end_day);
        if (!app_confirm(a, q))
            return;
    } else if (!app_ask_text(a, _("Refuse the leave"), _("Why"), note, sizeof note)) {
        return;
    }
    duty_ctx c = att_ctx(a);
    if (duty_leave_decide(a->db, &c, r->id, approve, note[0] ? note : NULL, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    app_message(a, ROLE_OK, approve ? _("The leave of %s is approved.") : _("The leave of %s is refused."), r->staff_name);
}

static void end_leave(leave_list *l, app *a)
{
    const leave_rec *sel = selected(l);
    if (!sel)
        return;
    leave_rec copy = *sel; /* the list is read again under the box */
    const leave_rec *r = &copy;
    duty_ctx c = att_ctx(a);
    char today[DATE_STR_LEN];
    date_format(a->today, today);
    int cmp = strcmp(r->end_day, today); /* "YYYY-MM-DD" compares as dates */
    bool over = cmp < 0 || (cmp == 0 && r->end_minute <= c.minute);
    if ((r->state != LEAVE_APPROVED && r->state != LEAVE_REQUESTED) || r->ended_early ||
        (r->state == LEAVE_APPROVED && over)) {
        app_message(a, ROLE_WARN, "%s", _("This leave is no longer running: nothing to end."));
        return;
    }
    const char *q = r->state == LEAVE_REQUESTED ? _("Withdraw this leave request?")
                                                : _("End this leave now: you are back at work?");
    if (!app_confirm(a, q))
        return;
    c = att_ctx(a);
    char err[ATT_ERR_LEN];
    if (duty_leave_end(a->db, &c, r->id, err, sizeof err) != 0)
        app_message(a, ROLE_ALARM, "%s", err);
    else
        app_message(a, ROLE_OK, "%s", _("Recorded."));
}

static scr_rc list_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    leave_list *l = s->st;
    if (ui_list_action(&l->list, act, LINES - 6))
        return SCR_STAY;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC)
        return SCR_CLOSE;
    if (ev->kind == KEYS_TEXT && act == KM_NONE) {
        int k = ev->key;
        if (l->pending && (k == 'a' || k == 'r'))
            decide(l, a, k == 'a');
        else if (!l->pending && k == 'e')
            end_leave(l, a);
        else if (!l->pending && k == 'l')
            app_push(a, scr_leave_form_new(a));
        else
            app_message(a, ROLE_WARN, "%s", _("Not a key of this screen: see the line at the top."));
        return SCR_STAY;
    }
    if (act == KM_FORM_SUBMIT) {
        if (l->pending) {
            static const char *opts[2];
            opts[0] = _("Approve");
            opts[1] = _("Refuse (with a note)");
            int k = app_choose(a, _("Decide the leave"), opts, 2);
            if (k >= 0)
                decide(l, a, k == 0);
        } else {
            end_leave(l, a);
        }
        return SCR_STAY;
    }
    return act == KM_NONE ? SCR_STAY : SCR_PASS;
}

/* Select the first leave still waiting or not over yet, else the last one. */
static void select_open(leave_list *l, app *a)
{
    char today[DATE_STR_LEN];
    date_format(a->today, today);
    if (l->n > 0)
        l->list.sel = l->n - 1;
    for (int i = 0; i < l->n; i++)
        if (l->v[i].state == LEAVE_REQUESTED ||
            (l->v[i].state == LEAVE_APPROVED && !l->v[i].ended_early && strcmp(l->v[i].end_day, today) >= 0)) {
            l->list.sel = i;
            return;
        }
}

static void list_free(screen *s)
{
    leave_list *l = s->st;
    if (l)
        free(l->v);
    free(l);
    free(s);
}

static const screen_ops list_ops = {
    "leave_list", KM_CTX_LIST, false, list_title, list_draw, list_key, NULL, list_free, list_hints,
};

screen *scr_leave_list_new(app *a, bool pending)
{
    leave_list *l = calloc(1, sizeof *l);
    if (l)
        l->v = calloc(DUTY_LEAVES_MAX, sizeof *l->v);
    screen *s = l && l->v ? screen_new(&list_ops, l) : NULL;
    if (!s) {
        if (l)
            free(l->v);
        free(l);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    l->pending = pending;
    ui_list_init(&l->list, 0);
    list_reload(l, a);
    ui_list_init(&l->list, l->n);
    select_open(l, a);
    return s;
}
