/* login.c - the log-in / lock screen (login.h).
 *
 * The PIN is checked by staff_verify_pin: 5 failures lock the id for 15
 * minutes, and the lock survives restarts (data/staff.c).  Messages never say
 * whether an id exists.  Unlocking with another person's id switches user:
 * the locked person's screens (a half-typed intake included) wait in their
 * session until they log in again. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui/login.h"

#include <curses.h>
#include <string.h>
#include <time.h>

#include "data/events.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"

static ui_form form;
static int f_id, f_pin;
static bool someone_logged_in; /* the locale note is shown until the first login of the run */

void login_reset(app *a, const char *code)
{
    (void)a;
    ui_form_init(&form);
    f_id = ui_form_add(&form, _("Staff id"), STAFF_CODE_MAX, 20, false);
    f_pin = ui_form_add(&form, _("PIN"), 12, 20, true);
    ui_form_set(&form, f_id, code);
    form.focus = code && *code ? f_pin : f_id;
}

/* The people whose sessions are open behind the lock. */
static void draw_sessions(app *a, int y, int x)
{
    char line[300];
    int n = 0;
    for (int i = 0; i < APP_SESSIONS_MAX; i++) {
        if (!a->sessions[i].used)
            continue;
        snprintf(line, sizeof line, "%s (%s)%s", a->sessions[i].staff.name, a->sessions[i].staff.code,
                 i == a->locked_session ? _("  - locked") : "");
        if (n == 0)
            term_put(y, x, 60, _("Sessions open on this terminal:"), ROLE_DIM);
        term_put(y + 1 + n++, x + 2, 60, line, ROLE_DIM);
    }
}

void login_draw(app *a)
{
    char title[300], day[DATE_STR_LEN];
    snprintf(title, sizeof title, " %s  %s", a->cfg.centre_name[0] ? a->cfg.centre_name : "guichet",
             date_format(a->today, day));
    int bw = app_drill_banner(a, 0); /* a drill: the banner first */
    term_put_padded(0, bw, COLS - bw, title, ROLE_TITLE);
    int x = (COLS - 60) / 2, y = LINES / 2 - 6;
    bool locked = a->locked_session >= 0;
    term_put_centred(y, 0, COLS, locked ? _("Screen locked") : _("Log in"), ROLE_LABEL);
    term_put_centred(y + 1, 0, COLS,
                     locked ? _("Enter your PIN to go on, or another staff id to switch user.")
                            : _("Type your staff id and PIN, then Enter."),
                     ROLE_DIM);
    if (!someone_logged_in && !term_locale_utf8()) /* LANG=C: Chinese can be neither typed nor shown */
        term_put_flowed(y + 6, (COLS - 72) / 2, 72, 2,
                        _("This terminal's locale is not UTF-8: Chinese cannot be typed. Start guichet with "
                          "LANG=zh_CN.UTF-8 (or C.UTF-8 for English)."),
                        ROLE_WARN);
    if (a->drill) { /* whom to log in as (never the PIN: the trainer gives it) */
        char who[300];
        snprintf(who, sizeof who, _("Drill: log in as the trainee, staff id %s (%s)."), a->drill->sc.trainee_code,
                 a->drill->sc.trainee_name);
        term_put_centred(y + 2, 0, COLS, who, ROLE_WARN);
    }
    draw_sessions(a, y + 8, x);
    term_put(LINES - 2, 0, COLS, a->msg, a->msg_role);
    char keys[64], hint[200];
    snprintf(hint, sizeof hint, " Tab %s   Enter %s   Esc %s   %s %s", _("Next field"), _("Confirm"), _("Clear"),
             app_key_for(a, KM_CTX_FORM, KM_QUIT, keys, sizeof keys), _("Quit"));
    term_put_padded(LINES - 1, 0, COLS, hint, ROLE_HINTS);
    ui_form_draw(&form, y + 4, x, 50);
    if (a->keymap_errors[0]) {
        char line[1200];
        snprintf(line, sizeof line, _("Keymap errors (the other keys work): %s"), a->keymap_errors);
        term_put_wrapped(LINES - 5, 0, COLS, 3, line, ROLE_ALARM);
    }
}

static void say_locked(app *a, int64_t until_ms)
{
    time_t t = (time_t)(until_ms / 1000);
    struct tm tm;
    char hhmm[8] = "?";
    if (localtime_r(&t, &tm))
        strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
    app_message(a, ROLE_ALARM, _("Too many wrong PINs: this staff id is locked until %s. A supervisor can unlock it."),
                hhmm);
}

static void try_login(app *a)
{
    char code[64], pin[64];
    ui_form_get(&form, f_id, code, sizeof code);
    ui_form_get(&form, f_pin, pin, sizeof pin);
    ui_form_set(&form, f_pin, "");
    staff_verify v;
    staff_pin_result r = staff_verify_pin(a->db, code, pin, events_now_ms(), &v);
    memset(pin, 0, sizeof pin);
    staff_rec rec;
    char err[STORE_ERR_LEN];
    switch (r) {
    case STAFF_PIN_OK:
        if (staff_get_num(a->db, v.num, &rec, err, sizeof err) != STAFF_OK) {
            app_message(a, ROLE_ALARM, "%s", err);
            return;
        }
        if (app_login(a, &rec) != 0) {
            app_message(a, ROLE_ALARM, _("Every session on this terminal holds an unsaved form: one of them must finish first."));
            return;
        }
        a->locked_session = -1;
        someone_logged_in = true;
        if (!a->msg[0]) /* the after-login hooks' news (签到 08:31, who is on duty) comes first */
            app_message(a, ROLE_OK, _("Welcome, %s."), rec.name);
        return;
    case STAFF_PIN_WRONG:
        app_message(a, ROLE_ALARM, _("Wrong staff id or PIN. %d attempts left before the id is locked."),
                    v.attempts_left);
        break;
    case STAFF_PIN_LOCKED: say_locked(a, v.locked_until); break;
    case STAFF_PIN_INACTIVE: app_message(a, ROLE_ALARM, _("This staff id is deactivated.")); break;
    case STAFF_PIN_UNKNOWN: app_message(a, ROLE_ALARM, _("Wrong staff id or PIN.")); break;
    default: app_message(a, ROLE_ALARM, "%s", v.err); break;
    }
    form.focus = f_pin;
}

void login_key(app *a, const keys_event *ev)
{
    km_action act = ev->kind == KEYS_TEXT ? KM_NONE : keymap_action(&a->km, KM_CTX_FORM, ev->key);
    if (act == KM_QUIT) {
        for (int i = 0; i < APP_SESSIONS_MAX; i++)
            if (a->sessions[i].used) {
                app_message(a, ROLE_ALARM, _("Sessions are open: log in and quit from inside (F10)."));
                return;
            }
        a->quit = true;
        return;
    }
    const char *why = NULL;
    ui_form_rc rc = ui_form_key(&form, ev, act, &why);
    if (rc == UI_FORM_REFUSED && why)
        app_message(a, ROLE_ALARM, "%s", _(why));
    else if (rc == UI_FORM_CANCEL)
        login_reset(a, a->locked_session >= 0 ? a->sessions[a->locked_session].staff.code : "");
    else if (rc == UI_FORM_SUBMIT) {
        char code[64];
        if (form.focus == f_id && *ui_form_get(&form, f_id, code, sizeof code))
            form.focus = f_pin;
        else
            try_login(a);
    }
}
