/* scr_intake.c - intake (收件), step 1: the applicant and the item.
 *
 * A person: name, 居民身份证号码 (GB 11643, checked as typed: the reason is
 * shown under the field, whole, the moment the number is complete), telephone.
 * An organisation: name, 统一社会信用代码 (GB 32100), legal representative,
 * telephone; a code that fails its check can be kept only with a reason,
 * which is recorded with the case.  The item is found as the clerk types
 * (code, name, pinyin initials: data/catalog.h) and chosen with Up/Down.
 * The case number is handed out when the form opens (data/cases.h: an
 * abandoned form leaves a gap, never a duplicate).  Steps 2 and 3 (checklist
 * and decision) are in scr_intake_check.c. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "core/phone.h"
#include "data/cases.h"
#include "tui/i18n.h"
#include "tui/ident_msg.h"
#include "tui/intake.h"

static const km_action form_hints[] = {KM_HELP, KM_FORM_NEXT_FIELD, KM_FORM_SUBMIT, KM_FORM_CANCEL,
                                       KM_GUIDE_FIND, KM_SCREEN_LOCK, KM_NONE};
static const km_action check_hints[] = {KM_HELP, KM_CHECKLIST_PRESENT, KM_CHECKLIST_MISSING,
                                        KM_CHECKLIST_DEFECTIVE, KM_FORM_SUBMIT, KM_FORM_CANCEL, KM_NONE};
static const km_action decision_hints[] = {KM_HELP, KM_CASE_ACCEPT, KM_CASE_DEFER, KM_CASE_SUPPLEMENT,
                                           KM_CASE_REJECT, KM_FORM_CANCEL, KM_NONE};

static void form_draw(screen *s, app *a, int top, int lines);
static scr_rc form_key(screen *s, app *a, const keys_event *ev, km_action act);

static const screen_ops intake_ops[STEP_COUNT] = {
    {"intake", KM_CTX_FORM, true, intake_title, form_draw, form_key, intake_dirty, intake_free, form_hints},
    {"intake.checklist", KM_CTX_CHECKLIST, false, intake_title, intake_check_draw, intake_check_key, intake_dirty,
     intake_free, check_hints},
    {"intake.decision", KM_CTX_DECISION, false, intake_title, intake_decision_draw, intake_decision_key,
     intake_dirty, intake_free, decision_hints},
};

void intake_goto(screen *s, intake_step step)
{
    intake *in = s->st;
    in->step = step;
    s->ops = &intake_ops[step];
}

const char *intake_title(screen *s, app *a)
{
    static char t[160];
    intake *in = s->st;
    (void)a;
    snprintf(t, sizeof t, _("Intake %s"), in->case_id);
    return t;
}

bool intake_dirty(screen *s)
{
    intake *in = s->st;
    return !in->recorded && (in->step > STEP_APPLICANT || ui_form_has_text(&in->form));
}

void intake_free(screen *s)
{
    intake *in = s->st;
    catalog_item_free(&in->item);
    catalog_materials_free(&in->mats);
    free(in);
    free(s);
}

/* ---- checking as typed ----------------------------------------------------------- */

static void check_id(intake *in, app *a)
{
    char v[200], msg[600];
    ui_form_get(&in->form, in->f_id, v, sizeof v);
    size_t n = strlen(v);
    if (n == 0) {
        ui_form_note(&in->form, in->f_id, false, in->org ? _("18 characters") : _("18 digits, the last may be X"));
        return;
    }
    if (n < 18 && !(n == 15 && !in->org)) {
        snprintf(msg, sizeof msg, _("%zu of 18 typed"), n);
        ui_form_note(&in->form, in->f_id, false, msg);
        return;
    }
    ident_result r;
    if (ident_check(v, a->today, &r) != IDENT_OK) {
        ui_form_note(&in->form, in->f_id, true, ident_message(&r, msg, sizeof msg));
        return;
    }
    char day[DATE_STR_LEN];
    if (r.kind == IDENT_KIND_IDCARD)
        snprintf(msg, sizeof msg, _("valid: born %s, %s"), date_format(r.birth, day),
                 r.sex == IDCARD_MALE ? _("male") : _("female"));
    else
        snprintf(msg, sizeof msg, "%s", _("valid unified social credit code"));
    ui_form_note(&in->form, in->f_id, false, msg);
}

static void check_phone(intake *in)
{
    char v[200];
    ui_form_get(&in->form, in->f_phone, v, sizeof v);
    phone_info info;
    if (!*v)
        ui_form_note(&in->form, in->f_phone, false, "");
    else if (phone_validate(v, &info) == PHONE_OK)
        ui_form_note(&in->form, in->f_phone, false, _("valid"));
    else
        ui_form_note(&in->form, in->f_phone, true, _(phone_reason(phone_validate(v, &info))));
}

static void find_items(intake *in, app *a)
{
    char q[200];
    ui_form_get(&in->form, in->f_item, q, sizeof q);
    int n = catalog_search(a->db, q, in->hits, INTAKE_HITS);
    in->nhits = n < 0 ? 0 : n;
    in->hit_sel = 0;
    if (n < 0)
        app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
    ui_form_note(&in->form, in->f_item, false, in->nhits ? in->hits[0].name : (*q ? _("no such item") : ""));
}

/* ---- drawing --------------------------------------------------------------------- */

static void form_draw(screen *s, app *a, int top, int lines)
{
    intake *in = s->st;
    (void)a;
    term_put(top, 1, COLS - 2,
             in->org ? _("Applicant: organisation (C-k: switch to a person)")
                     : _("Applicant: person (C-k: switch to an organisation)"),
             ROLE_LABEL);
    int used = ui_form_draw(&in->form, top + 2, 1, COLS - 2);
    int y = top + 3 + used;
    if (in->nhits > 0) {
        term_put(y++, 1, COLS - 2, _("Items (Up/Down to choose, Enter to go on to the checklist):"), ROLE_DIM);
        for (int i = 0; i < in->nhits && y < top + lines; i++, y++) {
            char line[400];
            snprintf(line, sizeof line, "%s  %s  [%s]", in->hits[i].code, in->hits[i].name,
                     _(case_class_label(in->hits[i].cls)));
            term_put_padded(y, 3, COLS - 4, line, i == in->hit_sel ? ROLE_SELECTED : ROLE_NORMAL);
        }
    }
}

/* ---- the form's keys --------------------------------------------------------------- */

static void build_form(intake *in, app *a)
{
    ui_form_init(&in->form);
    in->form.errors_below = true; /* the whole reason and the expected check character stay visible */
    in->f_name = ui_form_add(&in->form, in->org ? _("Organisation") : _("Name"), 60, 30, false);
    in->f_id = ui_form_add(&in->form, in->org ? _("Credit code") : _("ID number"), 20, 20, false);
    in->f_rep = ui_form_add(&in->form, _("Legal representative"), 32, 20, false);
    in->f_phone = ui_form_add(&in->form, _("Telephone"), 24, 20, false);
    in->f_item = ui_form_add(&in->form, _("Item"), 40, 20, false);
    in->form.fields[in->f_rep].hidden = !in->org;
    ui_form_fit_labels(&in->form); /* a person's form: no room kept for "Legal representative" */
    check_id(in, a);
    ui_form_note(&in->form, in->f_item, false, _("code, name or pinyin initials (jhdj)"));
}

/* C-k: person <-> organisation, keeping what was typed in the common fields. */
static void toggle_kind(intake *in, app *a)
{
    char keep[3][600];
    ui_form_get(&in->form, in->f_name, keep[0], sizeof keep[0]);
    ui_form_get(&in->form, in->f_phone, keep[1], sizeof keep[1]);
    ui_form_get(&in->form, in->f_item, keep[2], sizeof keep[2]);
    in->org = !in->org;
    build_form(in, a);
    ui_form_set(&in->form, in->f_name, keep[0]);
    ui_form_set(&in->form, in->f_phone, keep[1]);
    ui_form_set(&in->form, in->f_item, keep[2]);
    if (keep[2][0])
        find_items(in, a);
}

/* The applicant as typed (strings in bufs, which must outlive the result). */
static desk_applicant applicant_of(intake *in, char bufs[4][600])
{
    desk_applicant ap = {in->org, ui_form_get(&in->form, in->f_name, bufs[0], 600),
                         ui_form_get(&in->form, in->f_id, bufs[1], 600),
                         ui_form_get(&in->form, in->f_phone, bufs[2], 600),
                         in->org ? ui_form_get(&in->form, in->f_rep, bufs[3], 600) : NULL,
                         in->id_override[0] ? in->id_override : NULL};
    return ap;
}

/* An organisation's code that fails its check: keep it only with a reason (recorded). */
static bool ask_override(intake *in, app *a)
{
    char v[200];
    ident_result r;
    ui_form_get(&in->form, in->f_id, v, sizeof v);
    if (!in->org || !*v || ident_check(v, a->today, &r) == IDENT_OK || r.kind != IDENT_KIND_USCC)
        return true;
    if (in->id_override[0])
        return true;
    char q[800], msg[600];
    snprintf(q, sizeof q, _("The credit code fails its check (%s). Keep it anyway, with a reason?"),
             ident_message(&r, msg, sizeof msg));
    if (!app_confirm(a, q))
        return false;
    return app_ask_text(a, _("Why the code is kept"), _("Reason"), in->id_override, sizeof in->id_override);
}

/* Load the chosen item and its materials; false (and a message) when it cannot be used. */
static bool choose_item(intake *in, app *a)
{
    if (in->nhits == 0) {
        ui_form_note(&in->form, in->f_item, true, _("choose an item: type its code, name or initials"));
        in->form.focus = in->f_item;
        return false;
    }
    catalog_item_free(&in->item);
    catalog_materials_free(&in->mats);
    int rc = catalog_get(a->db, in->hits[in->hit_sel].code, &in->item, &in->mats);
    if (rc != 0) {
        app_message(a, ROLE_ALARM, "%s", rc == 1 ? _("That item is no longer in the catalogue.") : store_errmsg(a->db));
        return false;
    }
    in->nck = catalog_materials_to_ck(&in->mats, in->ck, CK_MAX_MATERIALS);
    if (in->nck == 0) {
        app_message(a, ROLE_ALARM, _("The item %s lists no materials: the catalogue must be fixed first."), in->item.code);
        return false;
    }
    for (size_t i = 0; i < in->nck; i++) {
        in->entries[i] = (ck_entry){CK_MISSING, in->notes[i]};
        in->checked[i] = false;
        in->notes[i][0] = '\0';
    }
    ui_list_init(&in->mlist, (int)in->nck);
    return true;
}

static scr_rc submit(screen *s, app *a)
{
    intake *in = s->st;
    char bufs[4][600], err[DESK_ERR_LEN];
    if (!ask_override(in, a))
        return SCR_STAY;
    desk_applicant ap = applicant_of(in, bufs);
    if (desk_applicant_check(&ap, a->today, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return SCR_STAY;
    }
    if (!choose_item(in, a))
        return SCR_STAY;
    intake_goto(s, STEP_CHECKLIST);
    return SCR_STAY;
}

static scr_rc form_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    intake *in = s->st;
    if (ev->key == KM_KEY_CTRL('k')) {
        toggle_kind(in, a);
        return SCR_STAY;
    }
    if (in->form.focus == in->f_item && in->nhits > 0 && (ev->key == KM_KEY_UP || ev->key == KM_KEY_DOWN)) {
        in->hit_sel += ev->key == KM_KEY_UP ? -1 : 1;
        in->hit_sel = in->hit_sel < 0 ? 0 : in->hit_sel >= in->nhits ? in->nhits - 1 : in->hit_sel;
        ui_form_note(&in->form, in->f_item, false, in->hits[in->hit_sel].name);
        return SCR_STAY;
    }
    const char *why = NULL;
    int focus = in->form.focus;
    ui_form_rc rc = ui_form_key(&in->form, ev, act, &why);
    switch (rc) {
    case UI_FORM_EDITED:
        if (focus == in->f_id) {
            in->id_override[0] = '\0';
            check_id(in, a);
        } else if (focus == in->f_phone) {
            check_phone(in);
        } else if (focus == in->f_item) {
            find_items(in, a);
        }
        return SCR_STAY;
    case UI_FORM_REFUSED:
        app_message(a, ROLE_ALARM, "%s", _(why));
        return SCR_STAY;
    case UI_FORM_SUBMIT:
        if (focus != in->f_item && focus != in->form.n - 1) {
            ui_form_key(&in->form, &(keys_event){KEYS_KEY, 0, KM_KEY_TAB}, KM_FORM_NEXT_FIELD, NULL);
            return SCR_STAY;
        }
        return submit(s, a);
    case UI_FORM_CANCEL: return SCR_CLOSE;
    case UI_FORM_MOVED: return SCR_STAY;
    case UI_FORM_NONE: break;
    }
    return SCR_PASS;
}

screen *scr_intake_new(app *a)
{
    intake *in = calloc(1, sizeof *in);
    screen *s = in ? screen_new(&intake_ops[STEP_APPLICANT], in) : NULL;
    if (!s) {
        free(in);
        return NULL;
    }
    if (cases_new_number(a->db, a->today, in->case_id) != 0) {
        app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
        free(in);
        free(s);
        return NULL;
    }
    build_form(in, a);
    return s;
}
