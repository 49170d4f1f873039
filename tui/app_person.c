/* app_person.c - app_ask_person (app.h): a box over the current screen that
 * asks one person for their own staff id and PIN and proves who they are
 * with staff_verify_pin, for the moments when a second person must confirm
 * on the same terminal (the covering clerk of an AB岗 handoff, the clerk
 * coming back, a supervisor letting an off-roster clerk cover; seed 001
 * 篇二 二(三)2).  The PIN is shown as one '*' per digit, never the digits,
 * and is wiped after each try.  A wrong PIN says how many tries are left,
 * a locked id until when (failures count toward the same lockout as the
 * log-in screen); Esc cancels.  Look and key loop as tui/app_modal.c: while the
 * terminal is smaller than 80x24 no box is drawn and keys are ignored. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "data/events.h"
#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"

#define PERSON_BOX_ROWS 8
#define PERSON_BOX_COLS 72
#define PERSON_PIN_MAX 12

/* A box of `rows` inner rows, centred, `cols` wide, as app_modal.c draws its own; inner top-left in *y, *x. */
static void person_box(int rows, int cols, const char *title, int *y, int *x)
{
    if (cols > COLS - 2)
        cols = COLS - 2;
    int top = (LINES - rows - 2) / 2, left = (COLS - cols) / 2;
    term_frame(top, left, rows + 2, cols);
    if (title && *title) {
        char t[200];
        snprintf(t, sizeof t, " %s ", title);
        term_put_centred(top, left, cols, t, ROLE_LABEL);
    }
    *y = top + 1;
    *x = left + 2;
}

/* The time of day of ms as "HH:MM" into buf (8 bytes). */
static const char *clock_hhmm(int64_t ms, char *buf)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    snprintf(buf, 8, "?");
    if (localtime_r(&t, &tm))
        strftime(buf, 8, "%H:%M", &tm);
    return buf;
}

/* Check the id and PIN typed; true with *rec filled, else false with what went wrong in say (role in *role). */
static bool person_verify(app *a, ui_form *f, int f_id, int f_pin, staff_rec *rec, char *say, size_t len,
                          term_role *role)
{
    char code[64], pin[64], hhmm[8], err[STORE_ERR_LEN];
    ui_form_get(f, f_id, code, sizeof code);
    ui_form_get(f, f_pin, pin, sizeof pin);
    ui_form_set(f, f_pin, "");
    memset(f->fields[f_pin].buf, 0, sizeof f->fields[f_pin].buf);
    staff_verify v;
    memset(&v, 0, sizeof v);
    staff_pin_result r = staff_verify_pin(a->db, code, pin, events_now_ms(), &v);
    memset(pin, 0, sizeof pin);
    *role = ROLE_ALARM;
    switch (r) {
    case STAFF_PIN_OK:
        if (staff_get_num(a->db, v.num, rec, err, sizeof err) == STAFF_OK)
            return true;
        snprintf(say, len, "%s", err);
        break;
    case STAFF_PIN_WRONG:
        snprintf(say, len, _("Wrong staff id or PIN. %d attempts left before the id is locked."), v.attempts_left);
        break;
    case STAFF_PIN_LOCKED:
        snprintf(say, len, _("Too many wrong PINs: this staff id is locked until %s. A supervisor can unlock it."),
                 clock_hhmm(v.locked_until, hhmm));
        break;
    case STAFF_PIN_INACTIVE: snprintf(say, len, "%s", _("This staff id is deactivated.")); break;
    case STAFF_PIN_UNKNOWN: snprintf(say, len, _("No active staff member has the id \"%s\" with this PIN."), code); break;
    default: snprintf(say, len, "%s", v.err); break;
    }
    return false;
}

/* Draw the frame and the box; false when the terminal is too small for it (its message is up
 * instead, and keys are ignored until it is enlarged, as app_modal.c does). */
static bool person_draw(app *a, ui_form *f, const char *title, const char *why, const char *say, term_role role)
{
    app_draw(a);
    if (!term_big_enough())
        return false;
    int y, x;
    person_box(PERSON_BOX_ROWS, PERSON_BOX_COLS, title, &y, &x);
    int cols = (PERSON_BOX_COLS < COLS - 2 ? PERSON_BOX_COLS : COLS - 2) - 4;
    term_put_flowed(y, x, cols, 2, why ? why : "", ROLE_NORMAL);
    if (say[0])
        term_put_flowed(y + 5, x, cols, 2, say, role);
    else
        term_put(y + 5, x, cols, _("Each person types only their own PIN."), ROLE_DIM);
    term_put(y + 7, x, cols, _("Tab: next field      Enter: confirm      Esc: cancel"), ROLE_DIM);
    ui_form_draw(f, y + 3, x, cols < 44 ? cols : 44); /* last: the cursor stays in the focused field */
    term_flush();
    return true;
}

bool app_ask_person(app *a, const char *title, const char *why, staff_rec *rec)
{
    ui_form f;
    ui_form_init(&f);
    int f_id = ui_form_add(&f, _("Staff id"), STAFF_CODE_MAX, 20, false);
    int f_pin = ui_form_add(&f, _("PIN"), PERSON_PIN_MAX, 20, true);
    char say[STORE_ERR_LEN + 128] = "";
    term_role role = ROLE_DIM;
    bool ok = false;
    for (;;) {
        bool shown = person_draw(a, &f, title, why, say, role);
        keys_event ev = keys_read(-1);
        if (!shown || ev.kind == KEYS_RESIZE || ev.kind == KEYS_NONE)
            continue;
        km_action act = ev.kind == KEYS_TEXT ? KM_NONE : keymap_action(&a->km, KM_CTX_FORM, ev.key);
        const char *refused = NULL;
        ui_form_rc rc = ui_form_key(&f, &ev, act, &refused);
        if (rc == UI_FORM_CANCEL)
            break;
        if (rc == UI_FORM_REFUSED) {
            snprintf(say, sizeof say, "%s", refused ? _(refused) : "");
            role = ROLE_WARN;
        } else if (rc == UI_FORM_EDITED) {
            say[0] = '\0';
        } else if (rc == UI_FORM_SUBMIT) {
            char code[64], pin[64];
            ui_form_get(&f, f_id, code, sizeof code);
            ui_form_get(&f, f_pin, pin, sizeof pin);
            bool pin_empty = !pin[0];
            memset(pin, 0, sizeof pin);
            if (!code[0] || (f.focus == f_id && pin_empty)) {
                f.focus = code[0] ? f_pin : f_id;
                continue;
            }
            if ((ok = person_verify(a, &f, f_id, f_pin, rec, say, sizeof say, &role)))
                break;
            f.focus = f_pin;
        }
    }
    ui_form_set(&f, f_pin, "");
    memset(&f, 0, sizeof f);
    return ok;
}
