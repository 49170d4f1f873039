/* scr_attcorrect.c - what a supervisor corrects in the attendance, always as
 * new events with a reason, never by editing a punch in place: the form that
 * adds a missing punch (staff id, date, time, kind, reason; the person's
 * punches of that day are listed under it), voiding a punch recorded wrongly
 * (the row stays, marked), and planning a leader's on-site day (领导现场办公,
 * seed 001 篇一: the leader then signs in and out at each entry and exit, and
 * the month's count is set against [attendance] leader_days_per_month).
 * data/duty.h checks that the person acting is a supervisor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/attendance.h"
#include "tui/form_screen.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"

#define CORR_PUNCHES 32
#define CORR_CHOICES 12 /* punches offered for voiding */

enum { F_STAFF, F_DAY, F_TIME, F_KIND, F_REASON, F_COUNT };

typedef struct {
    ui_form form;
    bool edited, done;
    duty_punch p[CORR_PUNCHES];
    int n;
    char who[STAFF_NAME_BUF + STAFF_CODE_BUF + 4]; /* the person named, "" none */
} corr_form;

static const km_action corr_hints[] = {KM_FORM_SUBMIT, KM_FORM_NEXT_FIELD, KM_FORM_CANCEL, KM_HELP, KM_NONE};


/* The kind typed: 1..4 for sign in, sign out, leader entry, leader exit; -1 otherwise. */
static int kind_of(const ui_form *f)
{
    char t[8];
    ui_form_text(f, F_KIND, t, sizeof t);
    return t[0] >= '1' && t[0] <= '4' && !t[1] ? t[0] - '1' : -1;
}

/* Look the person and day up (quietly) for the list under the form. */
static void look_up(corr_form *c, app *a)
{
    char code[64], day[32], err[ATT_ERR_LEN];
    staff_rec rec;
    gdate d;
    c->n = 0;
    c->who[0] = '\0';
    ui_form_text(&c->form, F_STAFF, code, sizeof code);
    ui_form_text(&c->form, F_DAY, day, sizeof day);
    if (!code[0] || staff_get(a->db, code, &rec, err, sizeof err) != STAFF_OK)
        return;
    snprintf(c->who, sizeof c->who, "%s (%s)", rec.name, rec.code);
    if (date_parse(day, &d) == 0 && duty_punches(a->db, rec.num, d, c->p, CORR_PUNCHES, &c->n, err, sizeof err) != 0)
        c->n = 0;
}

static const char *corr_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Add a missing punch");
}

static void corr_draw(screen *s, app *a, int top, int lines)
{
    corr_form *c = s->st;
    char line[300], hhmm[SCHED_HHMM_LEN];
    look_up(c, a);
    term_put(top, 1, COLS - 2, _("A correction is a new record with your name and the reason; nothing is edited."),
             ROLE_DIM);
    snprintf(line, sizeof line, _("Kind: 1 %s   2 %s   3 %s   4 %s"), att_kind_label(ATT_SIGN_IN),
             att_kind_label(ATT_SIGN_OUT), att_kind_label(ATT_LEADER_IN), att_kind_label(ATT_LEADER_OUT));
    term_put(top + 1, 1, COLS - 2, line, ROLE_DIM);
    int y = top + 3 + F_COUNT + 1;
    if (c->who[0]) {
        snprintf(line, sizeof line, _("Punches of %s that day:"), c->who);
        term_put(y, 1, COLS - 2, line, ROLE_LABEL);
        if (c->n == 0)
            term_put(y + 1, 3, COLS - 4, _("none"), ROLE_DIM);
        for (int i = 0; i < c->n && y + 1 + i < top + lines; i++) {
            snprintf(line, sizeof line, "%s  %s%s", sched_format_hhmm(c->p[i].minute, hhmm),
                     att_kind_label(c->p[i].kind),
                     c->p[i].voided ? _(" (voided)") : c->p[i].clock_suspect ? _(" (clock looked wrong)") : "");
            term_put(y + 1 + i, 3, COLS - 4, line, c->p[i].voided ? ROLE_DIM : ROLE_NORMAL);
        }
    }
    ui_form_draw(&c->form, top + 3, 1, COLS - 2);
}

static int field_error(corr_form *c, app *a, int i, const char *why)
{
    ui_form_note(&c->form, i, true, why);
    c->form.focus = i;
    app_message(a, ROLE_ALARM, "%s", why);
    return -1;
}

static void corr_submit(void *st, app *a)
{
    corr_form *c = st;
    char t[UI_FIELD_CHARS * 4 + 1], why[ATT_ERR_LEN + 64], reason[DUTY_NOTE_MAX + 1], err[ATT_ERR_LEN];
    staff_rec rec;
    gdate day;
    int minute;
    for (int i = 0; i < F_COUNT; i++)
        ui_form_note(&c->form, i, false, "");
    if (staff_get(a->db, ui_form_text(&c->form, F_STAFF, t, sizeof t), &rec, err, sizeof err) != STAFF_OK) {
        snprintf(why, sizeof why, "%s: %s", _("Staff id"), err);
        field_error(c, a, F_STAFF, why);
        return;
    }
    if (att_parse_day(a, _("Date"), ui_form_text(&c->form, F_DAY, t, sizeof t), &day, why, sizeof why) != 0) {
        field_error(c, a, F_DAY, why);
        return;
    }
    if (att_parse_time(_("Time"), ui_form_text(&c->form, F_TIME, t, sizeof t), &minute, why, sizeof why) != 0) {
        field_error(c, a, F_TIME, why);
        return;
    }
    int k = kind_of(&c->form);
    if (k < 0) {
        snprintf(why, sizeof why, _("%s: type 1, 2, 3 or 4."), _("Kind"));
        field_error(c, a, F_KIND, why);
        return;
    }
    ui_form_text(&c->form, F_REASON, reason, sizeof reason);
    if (!reason[0]) {
        snprintf(why, sizeof why, _("%s: required."), _("Reason"));
        field_error(c, a, F_REASON, why);
        return;
    }
    duty_ctx ctx = att_ctx(a);
    if (duty_correct_add(a->db, &ctx, rec.num, day, minute, (att_punch_kind)k, reason, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    c->done = true;
    char d[DATE_STR_LEN], hhmm[SCHED_HHMM_LEN];
    app_message(a, ROLE_OK, _("Added for %s: %s %s %s."), rec.name, att_kind_label((att_punch_kind)k),
                date_format(day, d), sched_format_hhmm(minute, hhmm));
}

static scr_rc corr_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    corr_form *c = s->st;
    return form_screen_key(&c->form, &c->edited, &c->done, corr_submit, c, a, ev, act);
}

static bool corr_dirty(screen *s)
{
    corr_form *c = s->st;
    return c->edited && !c->done;
}

static void corr_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops corr_ops = {
    "attendance_correction", KM_CTX_FORM, true, corr_title, corr_draw, corr_key, corr_dirty, corr_free, corr_hints,
};

screen *scr_correction_new(app *a)
{
    if (!att_is_supervisor(a)) {
        app_message(a, ROLE_WARN, "%s", _("Only a supervisor may do that."));
        return NULL;
    }
    corr_form *c = calloc(1, sizeof *c);
    screen *s = c ? screen_new(&corr_ops, c) : NULL;
    if (!s) {
        free(c);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    ui_form_init(&c->form);
    ui_form_add(&c->form, _("Staff id"), STAFF_CODE_MAX, 18, false);
    ui_form_add(&c->form, _("Date"), 10, 12, false);
    ui_form_add(&c->form, _("Time"), 5, 7, false);
    ui_form_add(&c->form, _("Kind"), 1, 3, false);
    ui_form_add(&c->form, _("Reason"), DUTY_NOTE_MAX / 4, 0, false);
    char day[DATE_STR_LEN];
    ui_form_set(&c->form, F_DAY, date_format(a->today, day));
    ui_form_set(&c->form, F_KIND, "1");
    return s;
}

/* ---- voiding a punch, planning an on-site day (boxes over the attendance screen) ---------- */

/* Ask for a staff id and a date (today offered): 0 with both, -1 on Esc or a bad answer (said). */
static int ask_person_day(app *a, const char *title, staff_rec *rec, gdate *day)
{
    char code[64] = "", d[32], why[ATT_ERR_LEN];
    if (!app_ask_text(a, title, _("Staff id"), code, sizeof code) || att_find_staff(a, code, rec) != 0)
        return -1;
    date_format(a->today, d);
    if (!app_ask_text(a, title, _("Date (YYYY-MM-DD)"), d, sizeof d))
        return -1;
    if (att_parse_day(a, _("Date"), d, day, why, sizeof why) != 0) {
        app_message(a, ROLE_ALARM, "%s", why);
        return -1;
    }
    return 0;
}

void att_void_punch(app *a)
{
    staff_rec rec;
    gdate day;
    if (!att_is_supervisor(a)) {
        app_message(a, ROLE_WARN, "%s", _("Only a supervisor may do that."));
        return;
    }
    if (ask_person_day(a, _("Void a punch"), &rec, &day) != 0)
        return;
    duty_punch p[CORR_PUNCHES];
    int n = 0, m = 0, idx[CORR_CHOICES];
    char err[ATT_ERR_LEN], text[CORR_CHOICES][120], hhmm[SCHED_HHMM_LEN];
    const char *opts[CORR_CHOICES];
    if (duty_punches(a->db, rec.num, day, p, CORR_PUNCHES, &n, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    int room = LINES - 8 < CORR_CHOICES ? LINES - 8 : CORR_CHOICES;
    for (int i = 0; i < n && m < room; i++) {
        if (p[i].voided)
            continue;
        snprintf(text[m], sizeof text[m], "%s  %s  %s%s", sched_format_hhmm(p[i].minute, hhmm),
                 att_kind_label(p[i].kind), p[i].window, p[i].clock_suspect ? _(" (clock looked wrong)") : "");
        opts[m] = text[m];
        idx[m++] = i;
    }
    if (m == 0) {
        app_message(a, ROLE_WARN, _("%s has no punch to void that day."), rec.name);
        return;
    }
    int k = app_choose(a, _("Which punch is wrong?"), opts, m);
    if (k < 0)
        return;
    char reason[DUTY_NOTE_MAX + 1] = "";
    if (!app_ask_text(a, _("Void a punch"), _("Reason"), reason, sizeof reason))
        return;
    duty_ctx c = att_ctx(a);
    if (duty_correct_void(a->db, &c, p[idx[k]].seq, reason, err, sizeof err) != 0)
        app_message(a, ROLE_ALARM, "%s", err);
    else
        app_message(a, ROLE_OK, _("Voided: %s of %s at %s (the row stays, marked)."), att_kind_label(p[idx[k]].kind),
                    rec.name, sched_format_hhmm(p[idx[k]].minute, hhmm));
}

void att_plan_leader(app *a)
{
    staff_rec rec;
    gdate day;
    if (!att_is_supervisor(a)) {
        app_message(a, ROLE_WARN, "%s", _("Only a supervisor may do that."));
        return;
    }
    if (ask_person_day(a, _("Plan a leader's on-site day"), &rec, &day) != 0)
        return;
    duty_ctx c = att_ctx(a);
    char err[ATT_ERR_LEN], d[DATE_STR_LEN];
    if (duty_leader_plan(a->db, &c, rec.num, day, err, sizeof err) != 0)
        app_message(a, ROLE_ALARM, "%s", err);
    else
        app_message(a, ROLE_OK, _("On-site day planned: %s on %s (sign in and out at each entry and exit)."),
                    rec.name, date_format(day, d));
}
