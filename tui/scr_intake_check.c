/* scr_intake_check.c - intake steps 2 and 3: the materials checklist and the
 * decision.
 *
 * Checklist: every material of the item's guide, ticked one by one as the
 * applicant hands them over: present (p), missing (m), defective (d, with a
 * note saying what is wrong); the cursor moves on after each tick.  Nothing
 * is pre-ticked: an unticked material blocks the decision.
 *
 * Decision: the four outcomes with what core/checklist.h says of each —
 * only the allowed ones can be chosen, the others show why not (seed 001
 * 篇四 (七) case classes, 篇四 (十)5 容缺受理, 篇十三 §10(4) notices;
 * 行政许可法 第三十二条).  Recording goes through data/desk.h as one
 * transaction; then the notice is shown to print, or an immediate case
 * (即办件) is delivered on the spot and the applicant rates it. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deadline.h"
#include "tui/i18n.h"
#include "tui/intake.h"

#define DEFER_DAYS_DEFAULT 10 /* working days offered for the deferred materials */

/* ---- checklist -------------------------------------------------------------------- */

static const char *presence_mark(const intake *in, size_t i)
{
    if (!in->checked[i])
        return _("[ ? ]");
    switch (in->entries[i].status) {
    case CK_PRESENT: return _("[ok ]");
    case CK_MISSING: return _("[ - ]");
    default: return _("[bad]");
    }
}

static void draw_material(void *ctx, int i, int y, int cols, bool selected)
{
    intake *in = ctx;
    const catalog_material *m = &in->mats.v[i];
    char line[800], copies[40];
    if (m->copies > 0)
        snprintf(copies, sizeof copies, _("%d copies"), m->copies);
    else
        snprintf(copies, sizeof copies, "%s", _("shown only"));
    snprintf(line, sizeof line, "%2d. %s", m->n, m->name);
    term_role r = selected ? ROLE_SELECTED : ROLE_NORMAL;
    term_role mark_role = !in->checked[i] ? ROLE_WARN : in->entries[i].status == CK_PRESENT ? ROLE_OK : ROLE_ALARM;
    term_put_padded(y, 1, 6, presence_mark(in, (size_t)i), selected ? r : mark_role);
    term_put_padded(y, 7, cols - 37, line, r);
    char kind[120];
    snprintf(kind, sizeof kind, "%s %s %s%s", m->kind == CK_ESSENTIAL ? _("essential") : _("auxiliary"),
             _(m->form == CATALOG_FORM_ORIGINAL ? N_("original") : m->form == CATALOG_FORM_COPY ? N_("copy")
                                                                                               : N_("electronic")),
             copies, m->deferrable ? _(", may be deferred") : "");
    term_put_padded(y, cols - 29, 29, kind, selected ? r : ROLE_DIM);
}

void intake_check_draw(screen *s, app *a, int top, int lines)
{
    intake *in = s->st;
    (void)a;
    char head[400];
    snprintf(head, sizeof head, _("%s  [%s]  - check each material as it is handed over"), in->item.name,
             _(case_class_label(in->item.cls)));
    term_put(top, 1, COLS - 2, head, ROLE_LABEL);
    ui_list_draw(&in->mlist, top + 2, lines - 5, COLS, draw_material, in);
    int sel = in->mlist.sel;
    if (sel >= 0 && in->notes[sel][0]) {
        char note[600];
        snprintf(note, sizeof note, _("Note: %s"), in->notes[sel]);
        term_put(top + lines - 2, 1, COLS - 2, note, ROLE_ALARM);
    } else if (sel >= 0 && in->mats.v[sel].note && in->mats.v[sel].note[0]) {
        term_put(top + lines - 2, 1, COLS - 2, in->mats.v[sel].note, ROLE_DIM);
    }
}

static void tick(intake *in, app *a, ck_presence st)
{
    int i = in->mlist.sel;
    if (i < 0)
        return;
    if (st == CK_DEFECTIVE) {
        char note[DESK_REASON_MAX];
        snprintf(note, sizeof note, "%s", in->notes[i]);
        if (!app_ask_text(a, in->mats.v[i].name, _("What is wrong with it"), note, sizeof note))
            return;
        snprintf(in->notes[i], sizeof in->notes[i], "%s", note);
    } else {
        in->notes[i][0] = '\0';
    }
    in->entries[i].status = st;
    in->checked[i] = true;
    ui_list_action(&in->mlist, KM_LIST_DOWN, LINES);
}

/* All ticked: ask core which outcomes are open and go to the decision. */
static void to_decision(screen *s, app *a)
{
    intake *in = s->st;
    for (size_t i = 0; i < in->nck; i++)
        if (!in->checked[i]) {
            in->mlist.sel = (int)i;
            app_message(a, ROLE_ALARM, _("Material %d is not checked yet: p present, m missing, d defective."),
                        in->mats.v[i].n);
            return;
        }
    char err[DESK_ERR_LEN];
    case_class cls;
    if (desk_decide(a->db, in->item.code, in->entries, in->nck, &in->dec, &cls, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    in->dec_sel = -1;
    for (int o = 0; o < CK_OUTCOME_COUNT && in->dec_sel < 0; o++)
        if (in->dec.allowed[o])
            in->dec_sel = o;
    intake_goto(s, STEP_DECISION);
}

scr_rc intake_check_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    intake *in = s->st;
    (void)ev;
    if (ui_list_action(&in->mlist, act, LINES - 9))
        return SCR_STAY;
    switch (act) {
    case KM_CHECKLIST_PRESENT: tick(in, a, CK_PRESENT); return SCR_STAY;
    case KM_CHECKLIST_MISSING: tick(in, a, CK_MISSING); return SCR_STAY;
    case KM_CHECKLIST_DEFECTIVE: tick(in, a, CK_DEFECTIVE); return SCR_STAY;
    case KM_FORM_SUBMIT: to_decision(s, a); return SCR_STAY;
    case KM_FORM_CANCEL: intake_goto(s, STEP_APPLICANT); return SCR_STAY;
    default: return SCR_PASS;
    }
}

/* ---- decision --------------------------------------------------------------------- */

static const km_action outcome_action[CK_OUTCOME_COUNT] = {KM_CASE_ACCEPT, KM_CASE_DEFER, KM_CASE_SUPPLEMENT,
                                                           KM_CASE_REJECT};

/* The promised date if the case were accepted today ("" for 即办件 or when the calendar lacks the year). */
static char *promised_date(intake *in, app *a, char *buf)
{
    buf[0] = '\0';
    if (in->item.cls == CASE_CLASS_IMMEDIATE)
        return buf;
    dl_case c = {a->today, in->item.promised_days, false, {0, 0, 0}, NULL, 0};
    gdate due;
    int missing;
    if (dl_due(a->cal, &c, &due, &missing) == DL_OK)
        date_format(due, buf);
    return buf;
}

/* What choosing outcome o would do, in words. */
static void outcome_text(intake *in, app *a, int o, char *buf, size_t len)
{
    char due[DATE_STR_LEN], why[300];
    if (!in->dec.allowed[o]) {
        snprintf(why, sizeof why, _(ck_why_reason(in->dec.why[o])), in->dec.why_index[o]);
        snprintf(buf, len, _("not possible: %s"), why);
        return;
    }
    switch (o) {
    case CK_ACCEPT:
        if (in->item.cls == CASE_CLASS_IMMEDIATE)
            snprintf(buf, len, "%s", _("immediate case: concluded on the spot"));
        else
            snprintf(buf, len, _("acceptance notice, to be concluded by %s"), promised_date(in, a, due));
        break;
    case CK_DEFER: snprintf(buf, len, "%s", _("commitment signed by the applicant, materials by a deadline")); break;
    case CK_SUPPLEMENT:
        snprintf(buf, len, _("supplement notice listing all %zu missing or defective materials at once"),
                 in->dec.nsupplement);
        break;
    default: snprintf(buf, len, "%s", _("refusal notice with the reason and its legal basis")); break;
    }
}

/* The label of outcome o: its key and name ("a    accept"). */
static const char *outcome_label(app *a, int o, char *label, size_t len)
{
    char key[32];
    snprintf(label, len, "%-4s %s", app_key_for(a, KM_CTX_DECISION, outcome_action[o], key, sizeof key),
             _(ck_outcome_label((ck_outcome)o)));
    return label;
}

void intake_decision_draw(screen *s, app *a, int top, int lines)
{
    intake *in = s->st;
    char head[400], label[200];
    (void)lines;
    snprintf(head, sizeof head, _("%s: %d missing, %d defective. Choose the outcome:"), in->item.name,
             in->dec.n_missing, in->dec.n_defective);
    term_put(top, 1, COLS - 2, head, ROLE_LABEL);
    int lw = 24; /* the labels' column: as wide as the widest, up to 30 (then cut with an ellipsis) */
    for (int o = 0; o < CK_OUTCOME_COUNT; o++) {
        int w = term_width(outcome_label(a, o, label, sizeof label)) + 1;
        lw = w > lw ? (w < 30 ? w : 30) : lw;
    }
    int tx = 2 + lw, tw = COLS - tx - 1;
    for (int o = 0; o < CK_OUTCOME_COUNT; o++) {
        char text[600];
        int y = top + 2 + o * 2;
        bool sel = o == in->dec_sel;
        outcome_text(in, a, o, text, sizeof text);
        term_role r = sel ? ROLE_SELECTED : in->dec.allowed[o] ? ROLE_NORMAL : ROLE_DIM;
        char cut[200];
        term_put_padded(y, 2, lw, term_fit(outcome_label(a, o, label, sizeof label), lw - 1, cut, sizeof cut), r);
        /* the reason in full: it may take the blank row under it */
        int rows = term_flowed_rows(tw, text) > 1 ? 2 : 1;
        for (int k = 0; k < rows; k++)
            term_put_padded(y + k, tx, tw, "", r);
        term_put_flowed(y, tx, tw, rows, text, r);
    }
    if (in->dec.nsupplement > 0) {
        int y = top + 11;
        term_put(y++, 1, COLS - 2, _("Missing or defective:"), ROLE_LABEL);
        for (size_t i = 0; i < in->dec.nsupplement && y < top + lines; i++, y++) {
            char line[600];
            const ck_line *l = &in->dec.supplement[i];
            const char *name = "", *note = "";
            for (size_t k = 0; k < in->mats.n; k++) /* the decision's own pointers belong to desk_decide */
                if (in->mats.v[k].n == l->index) {
                    name = in->mats.v[k].name;
                    note = in->notes[k];
                }
            snprintf(line, sizeof line, "%2d. %s  %s%s", l->index, name,
                     l->status == CK_MISSING ? _("missing") : _("defective: "), l->status == CK_MISSING ? "" : note);
            term_put(y, 3, COLS - 4, line, ROLE_NORMAL);
        }
    }
}

/* The entries with their notes, as desk_receive wants them. */
static desk_intake intake_of(intake *in, char bufs[4][600], ck_outcome o)
{
    desk_intake d;
    memset(&d, 0, sizeof d);
    d.case_id = in->case_id;
    d.applicant = (desk_applicant){in->org, ui_form_get(&in->form, in->f_name, bufs[0], 600),
                                   ui_form_get(&in->form, in->f_id, bufs[1], 600),
                                   ui_form_get(&in->form, in->f_phone, bufs[2], 600),
                                   in->org ? ui_form_get(&in->form, in->f_rep, bufs[3], 600) : NULL,
                                   in->id_override[0] ? in->id_override : NULL};
    d.item = in->item.code;
    d.entries = in->entries;
    d.nentries = in->nck;
    d.outcome = o;
    return d;
}

/* Ask what the outcome needs (deadline, reason, basis) and confirm; false when the clerk backs out. */
static bool ask_details(intake *in, app *a, ck_outcome o, desk_intake *d, char reason[DESK_REASON_MAX],
                        char basis[DESK_REASON_MAX])
{
    char q[600], due[DATE_STR_LEN], text[64];
    if (o == CK_DEFER) {
        gdate dl;
        int missing;
        text[0] = '\0';
        if (cal_add_workdays(a->cal, a->today, DEFER_DAYS_DEFAULT, &dl, &missing) == CAL_OK)
            date_format(dl, text);
        if (!app_ask_text(a, _("Deferred acceptance (容缺受理)"), _("Materials due by (YYYY-MM-DD)"), text, sizeof text))
            return false;
        if (date_parse(text, &d->defer_deadline) != 0) {
            app_message(a, ROLE_ALARM, _("\"%s\" is not a date (YYYY-MM-DD)."), text);
            return false;
        }
    }
    if (o == CK_REJECT) {
        if (!app_ask_text(a, _("Refusal (不予受理)"), _("Reason"), reason, DESK_REASON_MAX) ||
            !app_ask_text(a, _("Refusal (不予受理)"), _("Legal basis"), basis, DESK_REASON_MAX))
            return false;
        d->reject_reason = reason;
        d->reject_basis = basis;
    }
    if (o == CK_ACCEPT && in->item.cls != CASE_CLASS_IMMEDIATE)
        snprintf(q, sizeof q, _("Accept case %s? To be concluded by %s."), in->case_id, promised_date(in, a, due));
    else
        snprintf(q, sizeof q, _("Record \"%s\" for case %s?"), _(ck_outcome_label(o)), in->case_id);
    return app_confirm(a, q);
}

/* After an immediate case is concluded on the spot: deliver now and let the applicant rate it. */
static void deliver_on_the_spot(intake *in, app *a)
{
    char err[DESK_ERR_LEN];
    desk_who who = app_who(a);
    desk_result r;
    if (!app_confirm(a, _("Concluded on the spot. Hand over the result now (出件)?")))
        return;
    if (desk_deliver(a->db, &who, in->case_id, &r, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    app_push(a, scr_rating_new(a, in->case_id));
}

static scr_rc record(screen *s, app *a, ck_outcome o)
{
    intake *in = s->st;
    char bufs[4][600], reason[DESK_REASON_MAX] = "", basis[DESK_REASON_MAX] = "", err[DESK_ERR_LEN];
    if (!in->dec.allowed[o]) {
        char why[300];
        snprintf(why, sizeof why, _(ck_why_reason(in->dec.why[o])), in->dec.why_index[o]);
        app_message(a, ROLE_ALARM, _("%s is not possible: %s"), _(ck_outcome_label(o)), why);
        return SCR_STAY;
    }
    desk_intake d = intake_of(in, bufs, o);
    if (!ask_details(in, a, o, &d, reason, basis))
        return SCR_STAY;
    desk_who who = app_who(a);
    desk_result r;
    if (desk_receive(a->db, &who, &d, &r, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return SCR_STAY;
    }
    in->recorded = true;
    app_message(a, ROLE_OK, _("Case %s recorded: %s."), in->case_id, _(case_status_label(r.status)));
    if (r.notice >= 0)
        app_push(a, scr_notice_case_new(a, in->case_id, r.notice, false));
    else if (o == CK_ACCEPT && in->item.cls == CASE_CLASS_IMMEDIATE)
        deliver_on_the_spot(in, a);
    return SCR_CLOSE;
}

scr_rc intake_decision_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    intake *in = s->st;
    (void)ev;
    for (int o = 0; o < CK_OUTCOME_COUNT; o++)
        if (act == outcome_action[o])
            return record(s, a, (ck_outcome)o);
    switch (act) {
    case KM_LIST_UP:
    case KM_LIST_DOWN:
        for (int step = 1; step < CK_OUTCOME_COUNT; step++) {
            int o = (in->dec_sel + (act == KM_LIST_UP ? -step : step) + CK_OUTCOME_COUNT) % CK_OUTCOME_COUNT;
            if (in->dec.allowed[o]) {
                in->dec_sel = o;
                break;
            }
        }
        return SCR_STAY;
    case KM_FORM_SUBMIT: return in->dec_sel >= 0 ? record(s, a, (ck_outcome)in->dec_sel) : SCR_STAY;
    case KM_FORM_CANCEL: intake_goto(s, STEP_CHECKLIST); return SCR_STAY;
    default: return SCR_PASS;
    }
}
