/* app_supervise.c - the supervision menu (督查, C-k anywhere, v on the
 * dashboard: statistics, follow-ups of bad reviews, complaints) and what the
 * supervision screens share (tui/supervise.h): roles, the scope of what a
 * person sees, glyphs, the translated names of stored codes, and the keys
 * and the making of a list-and-detail screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

screen *svt_list_screen_new(app *a, const screen_ops *ops, void *st, void *rows)
{
    screen *s = st && rows ? screen_new(ops, st) : NULL;
    if (!s) {
        free(rows);
        free(st);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
    }
    return s;
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
