/* app_modal.c - the small boxes drawn over the current screen: a yes/no
 * question, one line of text (a reason, a note) and a choice among a few
 * options.  Each runs its own short key loop, redraws the frame underneath
 * on a resize, and never touches the data of the screen below. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <string.h>

#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"

/* A box of `rows` inner rows, centred, `cols` wide; its inner top-left in *y, *x. */
static void draw_box(int rows, int cols, const char *title, int *y, int *x)
{
    if (cols > COLS - 2)
        cols = COLS - 2;
    int top = (LINES - rows - 2) / 2, left = (COLS - cols) / 2;
    int role = term_attr(ROLE_NORMAL);
    for (int r = 0; r < rows + 2; r++)
        term_put_padded(top + r, left, cols, "", ROLE_NORMAL);
    attron(role);
    mvhline(top, left, ACS_HLINE, cols);
    mvhline(top + rows + 1, left, ACS_HLINE, cols);
    mvvline(top, left, ACS_VLINE, rows + 2);
    mvvline(top, left + cols - 1, ACS_VLINE, rows + 2);
    mvaddch(top, left, ACS_ULCORNER);
    mvaddch(top, left + cols - 1, ACS_URCORNER);
    mvaddch(top + rows + 1, left, ACS_LLCORNER);
    mvaddch(top + rows + 1, left + cols - 1, ACS_LRCORNER);
    attroff(role);
    if (title && *title) {
        char t[200];
        snprintf(t, sizeof t, " %s ", title);
        term_put_centred(top, left, cols, t, ROLE_LABEL);
    }
    *y = top + 1;
    *x = left + 2;
}

bool app_confirm(app *a, const char *question)
{
    for (;;) {
        app_draw(a);
        int y, x;
        draw_box(3, 64, _("Please confirm"), &y, &x);
        term_put(y, x, 60, question, ROLE_NORMAL);
        term_put(y + 2, x, 60, _("y / Enter: yes      n / Esc: no"), ROLE_DIM);
        term_flush();
        keys_event ev = keys_read(-1);
        if (ev.kind == KEYS_RESIZE)
            continue;
        if (ev.key == 'y' || ev.key == 'Y' || ev.key == KM_KEY_ENTER)
            return true;
        if (ev.key == 'n' || ev.key == 'N' || ev.key == KM_KEY_ESC)
            return false;
    }
}

bool app_ask_text(app *a, const char *title, const char *label, char *buf, size_t size)
{
    ui_form f;
    ui_form_init(&f);
    ui_form_add(&f, label, UI_FIELD_CHARS, 0, false);
    ui_form_set(&f, 0, buf);
    const char *why = NULL;
    for (;;) {
        app_draw(a);
        int y, x;
        draw_box(4, 72, title, &y, &x);
        if (why)
            term_put(y + 2, x, 68, _(why), ROLE_ALARM);
        term_put(y + 3, x, 68, _("Enter: confirm      Esc: cancel"), ROLE_DIM);
        ui_form_draw(&f, y, x, 68);
        term_flush();
        keys_event ev = keys_read(-1);
        if (ev.kind == KEYS_RESIZE)
            continue;
        why = NULL;
        km_action act = ev.kind == KEYS_TEXT ? KM_NONE : keymap_action(&a->km, KM_CTX_FORM, ev.key);
        ui_form_rc rc = ui_form_key(&f, &ev, act, &why);
        if (rc == UI_FORM_CANCEL) {
            return false;
        }
        if (rc == UI_FORM_SUBMIT) {
            char text[UI_FIELD_CHARS * 4 + 1];
            ui_form_get(&f, 0, text, sizeof text);
            const char *p = text;
            while (*p == ' ')
                p++;
            if (!*p) {
                why = N_("This cannot be left empty.");
                continue;
            }
            snprintf(buf, size, "%s", p);
            return true;
        }
    }
}

int app_choose(app *a, const char *title, const char *const *options, int n)
{
    int sel = 0;
    for (;;) {
        app_draw(a);
        int y, x;
        draw_box(n + 2, 60, title, &y, &x);
        for (int i = 0; i < n; i++) {
            char line[300];
            snprintf(line, sizeof line, "%d  %s", i + 1, options[i]);
            term_put_padded(y + i, x, 56, line, i == sel ? ROLE_SELECTED : ROLE_NORMAL);
        }
        term_put(y + n + 1, x, 56, _("1-9 or Up/Down and Enter: choose      Esc: cancel"), ROLE_DIM);
        term_flush();
        keys_event ev = keys_read(-1);
        if (ev.kind == KEYS_RESIZE)
            continue;
        if (ev.key == KM_KEY_ESC)
            return -1;
        if (ev.key == KM_KEY_ENTER)
            return sel;
        if (ev.key >= '1' && ev.key <= '9' && ev.key - '1' < n)
            return ev.key - '1';
        km_action act = keymap_action(&a->km, KM_CTX_LIST, ev.key);
        if (act == KM_LIST_UP && sel > 0)
            sel--;
        else if (act == KM_LIST_DOWN && sel < n - 1)
            sel++;
    }
}
