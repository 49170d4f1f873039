/* scr_handoff_return.c - taking the post back (C-o: handoff.return) under
 * AB岗 (seed 001 篇二 二(三)2, 篇十 三).  The clerk on duty (the coverer)
 * opens it: it shows who is away, since when and why, and takes a note of
 * what happened meanwhile (optional).  Enter asks the returning clerk for
 * their own staff id and PIN on this terminal; duty_return records the
 * take-back confirmed by the clerk logged in, and the returning clerk is
 * logged in (their session, with its screens, comes back).  The coverer's
 * session stays.  At a window nobody holds (closed, or left UNATTENDED) the
 * same key offers the clerk logged in the duty instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/handoff.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"

typedef struct {
    duty_view view;
    bool a_post;        /* the away clerk holds the A post (else B) */
    ui_form form;       /* one field: what happened meanwhile */
    bool busy;          /* handing back: the session must keep this screen until it is done */
} return_scr;

static const km_action return_hints[] = {KM_FORM_SUBMIT, KM_FORM_CANCEL, KM_HELP, KM_NONE};

static const char *return_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Take the post back (AB handoff)");
}

static const duty_person *away_one(const return_scr *r)
{
    return r->a_post ? &r->view.a : &r->view.b;
}

static void return_draw(screen *s, app *a, int top, int lines)
{
    return_scr *r = s->st;
    app_session *se = app_session_now(a);
    char line[400], state[300];
    term_role role;
    (void)lines;
    handoff_post_text(&r->view, r->a_post, state, sizeof state, &role);
    snprintf(line, sizeof line, _("Window %s, %s post: %s"), se ? se->window : "", r->a_post ? "A" : "B",
             away_one(r)->name);
    int x = 1 + term_put(top, 1, COLS - 2, line, ROLE_LABEL) + 2;
    term_put(top, x, COLS - 1 - x, state, role);
    snprintf(line, sizeof line, _("%s, on duty, hands the window back; %s confirms with their own PIN."),
             se ? se->staff.name : "", away_one(r)->name);
    term_put_flowed(top + 2, 1, COLS - 2, 2, line, ROLE_NORMAL);
    term_put(top + 4, 1, COLS - 2, _("Note for the returning clerk: what happened while they were away."), ROLE_DIM);
    term_put(top + 7, 1, COLS - 2, _("Enter: hand the window back.   Esc: keep it."), ROLE_DIM);
    ui_form_draw(&r->form, top + 5, 1, COLS - 2); /* last: the cursor stays in the field */
}

static scr_rc return_submit(screen *s, app *a)
{
    return_scr *r = s->st;
    app_session *se = app_session_now(a);
    char why[400], note[UI_FIELD_CHARS * 4 + 1], err[STORE_ERR_LEN];
    char done[APP_MSG_LEN], at[SCHED_HHMM_LEN];
    staff_rec back;
    snprintf(why, sizeof why, _("%s takes window %s back from %s."),
             away_one(r)->name, se->window, se->staff.name);
    if (!app_ask_person(a, _("Who comes back?"), why, &back)) {
        app_message(a, ROLE_NORMAL, "%s", _("Nothing was recorded: the window stays with you."));
        return SCR_STAY;
    }
    if (back.num != away_one(r)->num) {
        app_message(a, ROLE_ALARM, _("Nothing was recorded: %s is not the clerk away from window %s (%s is)."),
                    back.name, se->window, away_one(r)->name);
        return SCR_STAY;
    }
    ui_form_text(&r->form, 0, note, sizeof note);
    duty_ctx c = handoff_ctx(a);
    c.who.staff = back.num;
    if (duty_return(a->db, &c, se->staff.num, note[0] ? note : NULL, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, _("Nothing was recorded: %s"), err);
        return SCR_STAY;
    }
    handoff_touch();
    int n = snprintf(done, sizeof done, _("%s is back on duty at window %s since %s; %s handed it back."),
                     back.name, se->window, sched_format_hhmm(c.minute, at), se->staff.name);
    if (note[0] && n > 0 && (size_t)n < sizeof done) /* the returning clerk reads what happened meanwhile */
        snprintf(done + n, sizeof done - (size_t)n, _(" Meanwhile: %s"), note);
    r->busy = true; /* keeps the coverer's session from being closed for a free slot */
    handoff_switch_to(s, a, a->cur, &back, done);
    return SCR_STAY;
}

static scr_rc return_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    return_scr *r = s->st;
    if (act == KM_HANDOFF_RETURN)
        return SCR_STAY; /* this is it */
    const char *why = NULL;
    switch (ui_form_key(&r->form, ev, act, &why)) {
    case UI_FORM_SUBMIT: return return_submit(s, a);
    case UI_FORM_CANCEL: return SCR_CLOSE;
    case UI_FORM_REFUSED: app_message(a, ROLE_WARN, "%s", why ? _(why) : ""); return SCR_STAY;
    case UI_FORM_NONE: break;
    default: return SCR_STAY;
    }
    return ev->kind == KEYS_TEXT ? SCR_STAY : SCR_PASS;
}

static bool return_dirty(screen *s)
{
    return_scr *r = s->st;
    return r->busy || ui_form_has_text(&r->form);
}

static void return_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops return_ops = {
    "handoff.return", KM_CTX_FORM, true, return_title, return_draw, return_key, return_dirty, return_free,
    return_hints,
};

screen *scr_handoff_return_new(app *a)
{
    app_session *se = app_session_now(a);
    duty_view v;
    if (!se || handoff_view(a, &v) != 0)
        return NULL;
    if (!v.started) {
        app_message(a, ROLE_WARN, _("Window %s has no A/B duty today (no roster)."), se->window);
        return NULL;
    }
    if (v.state != HO_STAFFED) { /* nobody holds the window: the clerk here may take it */
        handoff_offer_duty(a, &v);
        return NULL;
    }
    if (v.on_duty.num != se->staff.num) {
        app_message(a, ROLE_WARN, _("%s is on duty at window %s: the clerk on duty hands the window back."),
                    v.on_duty.name, se->window);
        return NULL;
    }
    if (!v.a_away && !v.b_away) {
        app_message(a, ROLE_NORMAL, _("Nobody is away from window %s: there is nothing to take back."), se->window);
        return NULL;
    }
    return_scr *r = calloc(1, sizeof *r);
    screen *s = r ? screen_new(&return_ops, r) : NULL;
    if (!s) {
        free(r);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    r->view = v;
    r->a_post = v.a_away && v.a.num != se->staff.num;
    ui_form_init(&r->form);
    ui_form_add(&r->form, _("What happened"), DUTY_NOTE_MAX / 4, 50, false);
    ui_form_note(&r->form, 0, false, _("optional"));
    return s;
}
