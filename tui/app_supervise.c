/* app_supervise.c - the supervision menu (督查, C-k anywhere, v on the
 * dashboard: statistics, follow-ups of bad reviews, complaints) and what the
 * supervision screens share (tui/supervise.h): roles, the scope of what a
 * person sees, glyphs, the translated names of stored codes, and the keys,
 * rows, drawing, choices and the making of a list-and-detail screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/i18n.h"
#include "tui/supervise.h"

bool svt_is_supervisor(app *a)
{
    app_session *se = app_session_now(a);
    return se && (se->staff.roles & STAFF_ROLE_SUPERVISOR);
}

const char *svt_scope(app *a)
{
    app_session *se = app_session_now(a);
    return svt_is_supervisor(a) || !se ? NULL : se->window;
}

const char *svt_glyph(const char *utf8, const char *ascii)
{
    return term_locale_utf8() ? utf8 : ascii;
}

const char *svt_miss_mark(void)
{
    return svt_glyph("✗", "!");
}

int svt_due_level(app *a, gdate due, term_role *role, const char **mark)
{
    gdate soon;
    int days = a->cfg.soon_days > 0 ? a->cfg.soon_days : 2;
    *role = ROLE_NORMAL;
    *mark = "";
    if (date_cmp(due, a->today) < 0) {
        *role = ROLE_ALARM;
        *mark = "!!";
        return 2;
    }
    if (cal_add_workdays(a->cal, a->today, days, &soon, NULL) != CAL_OK)
        soon = date_add_days(a->today, days); /* a year the calendar lacks: calendar days */
    if (date_cmp(due, soon) <= 0) {
        *role = ROLE_WARN;
        *mark = "!";
        return 1;
    }
    return 0;
}

const char *svt_step_label(sv_step s)
{
    switch (s) {
    case SV_VERIFIED: return _("verified");
    case SV_RECTIFIED: return _("rectified");
    case SV_ANSWERED: return _("answered the applicant");
    case SV_CALLED_BACK: return _("called back");
    case SV_STEP_COUNT: break;
    }
    return "";
}

/* The codes data/supervise.h stores and their message ids. */
static const struct {
    const char *code, *label;
} codes[] = {
    {"window", N_("at the window")},        {"phone", N_("by phone")},
    {"box", N_("complaint box")},            {"online", N_("online")},
    {"clerk", N_("a clerk")},                {"case", N_("a case")},
    {"unfounded", N_("unfounded")},          {"manner", N_("verified: manner")},
    {"unlawful", N_("verified: unlawful handling")}, {"other", N_("other")},
    {"letter", N_("by letter")},             {"in_person", N_("in person")},
    {"sms", N_("by SMS")},                   {"litigation", N_("in litigation")},
    {"arbitration", N_("in arbitration")},   {"reconsideration", N_("in administrative reconsideration")},
    {"mistaken", N_("mistaken rating")},     {"malicious", N_("malicious rating")},
    {"open", N_("open")},                    {"extended", N_("extended")},
    {"concluded", N_("concluded")},          {"excluded", N_("excluded")},
    {"dissatisfied", N_("dissatisfied")},    {"very_dissatisfied", N_("very dissatisfied")},
};

const char *svt_code_label(const char *code)
{
    if (!code || !code[0])
        return "";
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(codes[i].code, code) == 0)
            return _(codes[i].label);
    return code;
}

const char *svt_err(const char *err)
{
    return err && err[0] ? _(err) : _("The action failed.");
}

bool svt_list_key(ui_list *list, bool *detail, int rows, const keys_event *ev, km_action act, scr_rc *rc)
{
    *rc = SCR_STAY;
    if (!*detail && ui_list_action(list, act, rows))
        return true;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC) {
        if (*detail)
            *detail = false;
        else
            *rc = SCR_CLOSE;
        return true;
    }
    if (act == KM_FORM_SUBMIT) {
        *detail = list->sel >= 0;
        return true;
    }
    return false;
}

void svt_done(app *a, bool *stale, int rc, const char *err, const char *ok)
{
    if (rc != 0)
        app_message(a, ROLE_ALARM, "%s", svt_err(err));
    else
        app_message(a, ROLE_OK, "%s", ok);
    *stale = true;
}

screen *svt_list_screen_new(app *a, const screen_ops *ops, size_t row_size, size_t id_off,
                            int (*load)(app *a, svt_rows *t))
{
    svt_rows *t = calloc(1, sizeof *t);
    void *rows = calloc(SVT_ROWS_MAX, row_size);
    screen *s = t && rows ? screen_new(ops, t) : NULL;
    if (!s) {
        free(rows);
        free(t);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    t->rows = rows;
    t->row_size = row_size;
    t->id_off = id_off;
    t->load = load;
    ui_list_init(&t->list, 0);
    t->stale = true;
    return s;
}

void svt_list_screen_free(screen *s)
{
    svt_rows *t = s->st;
    if (t)
        free(t->rows);
    free(t);
    free(s);
}

int svt_rows_add(svt_rows *t, const void *row)
{
    if (t->n < SVT_ROWS_MAX)
        memcpy(svt_row(t, t->n++), row, t->row_size);
    return 0;
}

void *svt_row(const svt_rows *t, int i)
{
    return (char *)t->rows + (size_t)i * t->row_size;
}

static const char *row_id(const svt_rows *t, int i)
{
    return (const char *)svt_row(t, i) + t->id_off;
}

static void reload(svt_rows *t, app *a)
{
    char keep[128] = "";
    if (t->list.sel >= 0 && t->list.sel < t->n)
        snprintf(keep, sizeof keep, "%s", row_id(t, t->list.sel));
    t->n = 0;
    t->err[0] = '\0';
    if (t->load(a, t) != 0)
        snprintf(t->err, sizeof t->err, "%s", store_errmsg(a->db));
    ui_list_resize(&t->list, t->n);
    for (int i = 0; keep[0] && i < t->n; i++) /* the same row stays selected when the order changes */
        if (strcmp(row_id(t, i), keep) == 0)
            t->list.sel = i;
    if (t->list.sel < 0)
        t->detail = false;
    t->stale = false;
}

bool svt_rows_fresh_detail(svt_rows *t, app *a)
{
    if (t->stale)
        reload(t, a);
    return t->detail && t->list.sel >= 0;
}

void svt_rows_draw(svt_rows *t, app *a, int top, int lines, const char *empty, ui_list_row_fn draw_row)
{
    svt_row_ctx c = {t, a};
    if (t->err[0])
        term_put(top + 1, 1, COLS - 2, t->err, ROLE_ALARM);
    else if (t->n == 0)
        term_put(top + 1, 3, COLS - 4, empty, ROLE_OK);
    else
        ui_list_draw(&t->list, top + 1, lines - 3, COLS, draw_row, &c);
}

term_role svt_row_start(int y, int cols, bool selected, const char *mark, term_role role)
{
    term_role r = selected ? ROLE_SELECTED : role;
    if (selected)
        term_put_padded(y, 0, cols, "", ROLE_SELECTED);
    term_put(y, 0, 3, mark, r);
    return r;
}

int svt_choose_code(app *a, const char *title, const char *const *names, int n)
{
    const char *opts[8];
    for (int i = 0; i < n && i < 8; i++)
        opts[i] = svt_code_label(names[i]);
    return app_choose(a, title, opts, n);
}

int svt_choose_code_note(app *a, const char *title, const char *const *names, int n, const char *label, char *note,
                         size_t len)
{
    int k = svt_choose_code(a, title, names, n);
    if (k < 0 || !app_ask_text(a, title, label, note, len))
        return -1;
    return k;
}

void app_supervise_menu(app *a)
{
    const char *opts[] = {_("Statistics (figures against the targets)"), _("Bad-review follow-ups (差评整改)"),
                          _("Complaints (投诉)")};
    switch (app_choose(a, _("Supervision"), opts, 3)) {
    case 0: app_push(a, scr_stats_new(a)); break;
    case 1: app_push(a, scr_followups_new(a)); break;
    case 2: app_push(a, scr_complaints_new(a)); break;
    default: break;
    }
}
