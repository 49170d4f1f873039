/* scr_rating.c - the applicant's rating (好差评, 一事一评: one evaluation
 * per case, offered at the window once the case is done; seed 003, seed 001
 * 篇十三 §26): a large, simple screen turned towards the applicant with the
 * five levels, one key 1-5 each.  4 or 5 may take a comment (Esc: none).
 * The rating is recorded by desk_evaluate, a thank-you is shown, and the
 * next key closes the screen.  Esc closes without rating: the case can be
 * rated later from the case screen (F12).  Nothing is typed here (keymap
 * context "decision"; the digits come as keys). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "data/caseview.h"
#include "data/desk.h"
#include "tui/app.h"
#include "tui/i18n.h"

typedef struct {
    char id[EV_SUBJECT_MAX + 1];
    char item[201];
    bool done;          /* recorded: the next key closes */
    desk_rating rated;
} rating_scr;

static const km_action rating_hints[] = {KM_FORM_CANCEL, KM_NONE};

static const char *rating_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Rate our service");
}

static term_role level_role(int r)
{
    return r <= DESK_RATE_BASIC ? ROLE_NORMAL : ROLE_WARN;
}

static void rating_draw(screen *s, app *a, int top, int lines)
{
    rating_scr *r = s->st;
    (void)a;
    char buf[400];
    int box = COLS > 60 ? 56 : COLS - 4, left = (COLS - box) / 2;
    if (r->done) {
        int y = top + lines / 2 - 2;
        term_put_centred(y, 0, COLS, _("Thank you for your rating"), ROLE_LABEL);
        snprintf(buf, sizeof buf, _("Your rating: %s"), _(desk_rating_label(r->rated)));
        term_put_centred(y + 2, 0, COLS, buf, ROLE_NORMAL);
        term_put_centred(y + 5, 0, COLS, _("Press any key to close."), ROLE_DIM);
        return;
    }
    /* title, case, a blank row, five levels two rows apart, a blank row, the keys: 15 rows */
    int y = top + (lines > 17 ? (lines - 17) / 2 : 0);
    term_put_centred(y, 0, COLS, _("Please rate our service today"), ROLE_LABEL);
    snprintf(buf, sizeof buf, "%s  %s", r->id, r->item);
    term_put_centred(y + 2, 0, COLS, buf, ROLE_DIM);
    y += 4;
    for (int k = DESK_RATE_VERY_SATISFIED; k <= DESK_RATE_VERY_DISSATISFIED; k++) {
        char key[4] = {' ', (char)('0' + k), ' ', '\0'}; /* " 1 " .. " 5 " */
        term_put(y, left + 8, 3, key, ROLE_SELECTED);
        term_put(y, left + 14, box - 14, _(desk_rating_label((desk_rating)k)), level_role(k));
        y += 2;
    }
    term_put_centred(y + 1, 0, COLS, _("Press a key from 1 to 5 to rate."), ROLE_NORMAL);
}

static scr_rc rating_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    rating_scr *r = s->st;
    if (r->done)
        return SCR_CLOSE;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC)
        return SCR_CLOSE;
    if (ev->key < '1' || ev->key > '5') {
        if (act != KM_NONE && act != KM_HELP)
            app_message(a, ROLE_DIM, "%s", _("Please press a key from 1 to 5, or Esc to rate later."));
        return act == KM_HELP ? SCR_PASS : SCR_STAY;
    }
    desk_rating rating = (desk_rating)(ev->key - '0');
    char comment[DESK_REASON_MAX + 1] = "", err[DESK_ERR_LEN];
    bool with_comment = false;
    if (rating >= DESK_RATE_DISSATISFIED)
        with_comment = app_ask_text(a, _("What should we do better? (Esc: no comment)"), _("Comment"), comment,
                                    sizeof comment);
    desk_who who = app_who(a);
    if (desk_evaluate(a->db, &who, r->id, rating, with_comment ? comment : NULL, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return SCR_STAY;
    }
    r->done = true;
    r->rated = rating;
    return SCR_STAY;
}

static void rating_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops rating_ops = {
    "rating", KM_CTX_DECISION, false, rating_title, rating_draw, rating_key, NULL, rating_free, rating_hints,
};

screen *scr_rating_new(app *a, const char *case_id)
{
    if (!case_id || !*case_id)
        return NULL;
    cv_case *c = calloc(1, sizeof *c);
    if (!c) {
        app_message(a, ROLE_ALARM, "%s", _("Out of memory: the rating cannot be opened."));
        return NULL;
    }
    cv_scope sc = {a->today, a->cal, a->cfg.due_soon_days, 0, NULL};
    int rc = cv_case_get(a->db, &sc, case_id, c);
    if (rc != 0) {
        if (rc < 0)
            app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
        else
            app_message(a, ROLE_ALARM, _("There is no case %s in this terminal's file."), case_id);
        free(c);
        return NULL;
    }
    case_status st = c->row.status;
    bool done = st == CASE_APPROVED || st == CASE_DENIED || st == CASE_DELIVERED || case_status_is_terminal(st);
    if (c->evaluated || !done) {
        if (c->evaluated)
            app_message(a, ROLE_WARN, "%s", _("The applicant has already rated this case: one evaluation per case."));
        else
            app_message(a, ROLE_WARN, _("A case is rated once it is decided or closed; this one is %s."),
                        _(case_status_label(st)));
        free(c);
        return NULL;
    }
    rating_scr *r = calloc(1, sizeof *r);
    screen *s = r ? screen_new(&rating_ops, r) : NULL;
    if (!s) {
        free(r);
        free(c);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory: the rating cannot be opened."));
        return NULL;
    }
    snprintf(r->id, sizeof r->id, "%s", case_id);
    snprintf(r->item, sizeof r->item, "%s", c->row.item_name);
    free(c);
    return s;
}
