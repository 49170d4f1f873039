/* scr_followup.c - 差评整改 (issue 8): the follow-ups a 不满意 / 非常不满意
 * rating opened, open ones first by due date (overdue in red with "!!", due
 * within [supervision] soon_days working days in yellow with "!"), then the closed ones.
 * Enter shows one with its history: the rating and comment, the steps with
 * their dates (核实, 整改, 答复, and the call-back of a real-name review), the
 * last note, the appeal and its decision.  Keys 1-4 record a step with a
 * note; p records an appeal (mistaken or malicious rating, with a note: the
 * rating is never deleted); a supervisor decides the pending appeal with d.
 * The rules are data/supervise.h and core/supervise.h. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/i18n.h"
#include "tui/supervise.h"
#include "tui/ui_list.h"

static const km_action fu_hints[] = {KM_FORM_SUBMIT, KM_FORM_CANCEL, KM_HELP, KM_NONE};

static int add_row(const sv_followup *f, void *ctx)
{
    return svt_rows_add(ctx, f);
}

static int load(app *a, svt_rows *t)
{
    return sv_followups_list(a->db, svt_scope(a), false, add_row, t);
}

/* The follow-up selected on the list. */
static const sv_followup *sel_row(const svt_rows *t)
{
    return svt_row(t, t->list.sel);
}

static const char *fu_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Bad-review follow-ups");
}

/* Overdue (red, "!!"), due soon (yellow, "!"), open, closed: the mark and the role. */
static const char *due_mark(app *a, const sv_followup *f, term_role *role)
{
    const char *mark = "";
    if (f->closed) {
        *role = ROLE_DIM;
        return "";
    }
    svt_due_level(a, f->due, role, &mark);
    return mark;
}

/* "2/4 下一步：答复申请人": the steps done of those due, and the next one (the detail lists them all). */
static void steps_text(const sv_followup *f, char *buf, size_t len)
{
    const gdate *d[] = {&f->verified, &f->rectified, &f->answered, &f->called_back};
    int done = 0, due = 0, next = -1;
    for (int k = 0; k < SV_STEP_COUNT; k++) {
        if (k == SV_CALLED_BACK && !f->real_name)
            continue;
        due++;
        if (d[k]->y)
            done++;
        else if (next < 0)
            next = k;
    }
    if (next < 0 || f->closed)
        snprintf(buf, len, "%d/%d", done, due);
    else
        snprintf(buf, len, _("%d/%d next: %s"), done, due, svt_step_label((sv_step)next));
}

static const char *state_text(const sv_followup *f)
{
    if (f->appeal == SV_APPEAL_UPHELD)
        return _("appeal upheld");
    if (f->closed)
        return _("closed");
    if (f->appeal == SV_APPEAL_PENDING)
        return _("appeal pending");
    return _("open");
}

static void draw_row(void *ctx, int i, int y, int cols, bool selected)
{
    svt_row_ctx *c = ctx;
    const sv_followup *f = svt_row(c->t, i);
    term_role role;
    const char *mark = due_mark(c->a, f, &role);
    char due[DATE_STR_LEN], steps[200];
    term_role r = svt_row_start(y, cols, selected, mark, role);
    term_put(y, 3, 25, f->case_id, r);
    term_put(y, 29, 10, date_format(f->due, due), r);
    term_put(y, 40, 10, state_text(f), r);
    steps_text(f, steps, sizeof steps);
    term_put(y, 51, cols - 52, steps, selected ? ROLE_SELECTED : ROLE_NORMAL);
}

static void draw_list(svt_rows *t, app *a, int top, int lines)
{
    term_put(top, 3, 25, _("Case"), ROLE_LABEL);
    term_put(top, 29, 10, _("Due"), ROLE_LABEL);
    term_put(top, 40, 10, _("State"), ROLE_LABEL);
    term_put(top, 51, COLS - 52, _("Steps"), ROLE_LABEL);
    svt_rows_draw(t, a, top, lines, _("No follow-up: no bad review yet."), draw_row);
    term_put(top + lines - 1, 1, COLS - 2, _("Enter: open   1-4: record a step   p: appeal   d: decide the appeal"),
             ROLE_DIM);
}

static void draw_detail(svt_rows *t, app *a, int top, int lines)
{
    const sv_followup *f = sel_row(t);
    char line[600], d1[DATE_STR_LEN], d2[DATE_STR_LEN];
    term_role role;
    due_mark(a, f, &role);
    snprintf(line, sizeof line, _("Case %s  window %s  rating: %s"), f->case_id, f->window,
             svt_code_label(f->rating));
    term_put(top, 1, COLS - 2, line, ROLE_LABEL);
    snprintf(line, sizeof line, _("Comment: %s"), f->comment[0] ? f->comment : "-");
    int y = top + 1 + term_put_flowed(top + 1, 1, COLS - 2, 2, line, ROLE_NORMAL);
    snprintf(line, sizeof line, _("Opened %s, due %s (%s)  %s"), date_format(f->opened, d1), date_format(f->due, d2),
             state_text(f), f->real_name ? _("real-name review: call back") : _("anonymous review"));
    term_put(y++, 1, COLS - 2, line, role);
    y++;
    const gdate *d[] = {&f->verified, &f->rectified, &f->answered, &f->called_back};
    for (int k = 0; k < SV_STEP_COUNT; k++) {
        if (k == SV_CALLED_BACK && !f->real_name)
            continue;
        snprintf(line, sizeof line, "%d  %s  %s", k + 1, svt_step_label((sv_step)k),
                 d[k]->y ? date_format(*d[k], d1) : _("not yet"));
        term_put(y++, 3, COLS - 4, line, d[k]->y ? ROLE_OK : ROLE_NORMAL);
    }
    if (f->note[0]) {
        snprintf(line, sizeof line, _("Last note: %s"), f->note);
        y += term_put_flowed(y, 1, COLS - 2, 2, line, ROLE_NORMAL);
    }
    y++;
    if (f->appeal != SV_APPEAL_NONE) {
        static const char *const states[] = {"", N_("pending"), N_("upheld: the rating is left out of the rate"),
                                             N_("refused")};
        snprintf(line, sizeof line, _("Appeal (%s): %s; %s"), svt_code_label(f->appeal_reason), f->appeal_note,
                 _(states[f->appeal]));
        y += term_put_flowed(y, 1, COLS - 2, 3, line, f->appeal == SV_APPEAL_PENDING ? ROLE_WARN : ROLE_NORMAL);
    }
    (void)y;
    term_put(top + lines - 1, 1, COLS - 2,
             _("1-4: record a step  p: appeal  d: decide it (supervisor)  Esc: the list"), ROLE_DIM);
}

static void fu_draw(screen *s, app *a, int top, int lines)
{
    svt_rows *t = s->st;
    if (svt_rows_fresh_detail(t, a))
        draw_detail(t, a, top, lines);
    else
        draw_list(t, a, top, lines);
}

static void record_step(svt_rows *t, app *a, sv_step step)
{
    const sv_followup *f = sel_row(t);
    char note[256] = "", err[SVT_ERR_LEN] = "", title[200];
    snprintf(title, sizeof title, "%s: %s", f->case_id, svt_step_label(step));
    if (!app_ask_text(a, title, _("Note"), note, sizeof note))
        return;
    desk_who who = app_who(a);
    int rc = sv_followup_step(a->db, &who, f->case_id, step, note, err, sizeof err);
    svt_done(a, &t->stale, rc, err, _("Step recorded."));
}

static void record_appeal(svt_rows *t, app *a)
{
    static const char *const codes[] = {"mistaken", "malicious", "other"};
    const sv_followup *f = sel_row(t);
    char note[256] = "", err[SVT_ERR_LEN] = "";
    int k = svt_choose_code_note(a, _("Appeal against the rating"), codes, 3, _("Why"), note, sizeof note);
    if (k < 0)
        return;
    desk_who who = app_who(a);
    int rc = sv_appeal_record(a->db, &who, f->case_id, codes[k], note, err, sizeof err);
    svt_done(a, &t->stale, rc, err, _("Appeal recorded: a supervisor decides it."));
}

static void decide_appeal(svt_rows *t, app *a)
{
    if (!svt_is_supervisor(a)) {
        app_message(a, ROLE_WARN, "%s", _("Only a supervisor may do that."));
        return;
    }
    const sv_followup *f = sel_row(t);
    const char *opts[] = {_("Uphold: leave the rating out of the satisfaction rate"), _("Refuse")};
    int k = app_choose(a, _("Decide the appeal"), opts, 2);
    char note[256] = "", err[SVT_ERR_LEN] = "";
    if (k < 0 || !app_ask_text(a, _("Decide the appeal"), _("Note"), note, sizeof note))
        return;
    desk_who who = app_who(a);
    int rc = sv_appeal_decide(a->db, &who, f->case_id, k == 0, note, err, sizeof err);
    svt_done(a, &t->stale, rc, err, _("Decision recorded."));
}

static scr_rc fu_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    svt_rows *t = s->st;
    scr_rc rc;
    if (svt_list_key(&t->list, &t->detail, LINES - 7, ev, act, &rc))
        return rc;
    if (ev->kind == KEYS_TEXT && t->list.sel >= 0) {
        int k = ev->key;
        if (k >= '1' && k <= '4') {
            record_step(t, a, (sv_step)(k - '1'));
            return SCR_STAY;
        }
        if (k == 'p') {
            record_appeal(t, a);
            return SCR_STAY;
        }
        if (k == 'd') {
            decide_appeal(t, a);
            return SCR_STAY;
        }
    }
    return act == KM_NONE ? SCR_STAY : SCR_PASS;
}

static const screen_ops fu_ops = {
    "followups", KM_CTX_LIST, false, fu_title, fu_draw, fu_key, NULL, svt_list_screen_free, fu_hints,
};

screen *scr_followups_new(app *a)
{
    return svt_list_screen_new(a, &fu_ops, sizeof(sv_followup), offsetof(sv_followup, case_id), load);
}
