/* ui_form.c - labelled fields on screen over core/field.h (ui_form.h). */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui/ui_form.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/i18n.h"
#include "tui/term.h"

#define LABEL_COLS_MIN 14 /* columns of the label column at least */

void ui_form_init(ui_form *f)
{
    memset(f, 0, sizeof *f);
    f->label_cols = LABEL_COLS_MIN;
}

int ui_form_add(ui_form *f, const char *label, size_t max_chars, int width, bool masked)
{
    if (f->n >= UI_FORM_FIELDS)
        return -1;
    ui_field *x = &f->fields[f->n];
    memset(x, 0, sizeof *x);
    x->label = label;
    x->masked = masked;
    x->width = width;
    if (max_chars == 0 || max_chars > UI_FIELD_CHARS)
        max_chars = UI_FIELD_CHARS;
    field_init(&x->f, x->buf, (field_limits){max_chars, 0});
    int w = term_width(label) + 2;
    if (w > f->label_cols)
        f->label_cols = w;
    return f->n++;
}

void ui_form_fit_labels(ui_form *f)
{
    f->label_cols = LABEL_COLS_MIN;
    for (int i = 0; i < f->n; i++) {
        int w = term_width(f->fields[i].label) + 2;
        if (!f->fields[i].hidden && w > f->label_cols)
            f->label_cols = w;
    }
}

char *ui_form_get(const ui_form *f, int i, char *out, size_t size)
{
    if (i < 0 || i >= f->n || field_get_utf8(&f->fields[i].f, out, size) != FIELD_OK)
        out[0] = '\0';
    return out;
}

char *ui_form_text(const ui_form *f, int i, char *out, size_t size)
{
    char raw[UI_FIELD_CHARS * 4 + 1];
    ui_form_get(f, i, raw, sizeof raw);
    const char *p = raw;
    while (*p == ' ')
        p++;
    snprintf(out, size, "%s", p);
    size_t n = strlen(out);
    while (n > 0 && out[n - 1] == ' ')
        out[--n] = '\0';
    return out;
}

void ui_form_set(ui_form *f, int i, const char *utf8)
{
    if (i < 0 || i >= f->n)
        return;
    if (!utf8 || !*utf8)
        field_clear(&f->fields[i].f);
    else
        field_set_utf8(&f->fields[i].f, utf8);
}

void ui_form_note(ui_form *f, int i, bool error, const char *text)
{
    if (i < 0 || i >= f->n)
        return;
    snprintf(f->fields[i].note, sizeof f->fields[i].note, "%s", text ? text : "");
    f->fields[i].note_is_error = error;
}

bool ui_form_has_text(const ui_form *f)
{
    for (int i = 0; i < f->n; i++)
        if (f->fields[i].f.len > 0)
            return true;
    return false;
}


/* The visible part of a field; a masked field shows one '*' per character.  The focused field
 * asks for the cursor at its insertion point (term_cursor_at), wherever later text is drawn. */
static void draw_box(ui_field *x, int y, int col, int width, bool focused)
{
    char view[UI_FIELD_CHARS * 4 + 1];
    int cursor = 0;
    term_role role = focused ? ROLE_FOCUS : ROLE_FIELD;
    if (x->masked) {
        size_t n = x->f.len < (size_t)width - 1 ? x->f.len : (size_t)width - 1;
        memset(view, '*', n);
        view[n] = '\0';
        cursor = (int)n;
    } else if (field_view(&x->f, width, view, sizeof view, &cursor) != FIELD_OK) {
        view[0] = '\0';
    }
    term_put_padded(y, col, width, view, role);
    if (focused)
        term_cursor_at(y, col + cursor);
}

#define ERROR_ROWS_MAX 3 /* rows an error note under its field may take */

/* True when field fl's note goes under it rather than beside it. */
static bool note_below(const ui_form *f, const ui_field *fl)
{
    return f->errors_below && fl->note_is_error && fl->note[0];
}

/* The rows field fl's error note takes under it (0 when it has none there). */
static int note_rows(const ui_form *f, const ui_field *fl, int cols)
{
    if (!note_below(f, fl))
        return 0;
    int rows = term_flowed_rows(cols - f->label_cols, fl->note);
    return rows > ERROR_ROWS_MAX ? ERROR_ROWS_MAX : rows;
}

int ui_form_rows(const ui_form *f, int cols)
{
    int rows = 0;
    for (int i = 0; i < f->n; i++)
        if (!f->fields[i].hidden)
            rows += 1 + note_rows(f, &f->fields[i], cols);
    return rows;
}

int ui_form_draw(ui_form *f, int top, int x, int cols)
{
    int y = top;
    for (int i = 0; i < f->n; i++) {
        ui_field *fl = &f->fields[i];
        if (fl->hidden)
            continue;
        term_put(y, x, f->label_cols, fl->label, ROLE_LABEL);
        int bx = x + f->label_cols;
        int room = cols - f->label_cols;
        int w = fl->width > 0 && fl->width < room ? fl->width : room;
        if (note_below(f, fl)) {
            draw_box(fl, y, bx, w, i == f->focus);
            y += 1 + term_put_flowed(y + 1, bx, room, note_rows(f, fl, cols), fl->note, ROLE_ALARM);
            continue;
        }
        int note_cols = room - w - 1;
        if (fl->note[0] && note_cols < 12 && room > 30) {
            w = room / 2;
            note_cols = room - w - 1;
        }
        draw_box(fl, y, bx, w, i == f->focus);
        if (fl->note[0] && note_cols > 0)
            term_put(y, bx + w + 1, note_cols, fl->note, fl->note_is_error ? ROLE_ALARM : ROLE_DIM);
        y++;
    }
    return y - top;
}

/* Move focus by dir (+1/-1) to the next visible field, wrapping. */
static void move_focus(ui_form *f, int dir)
{
    for (int k = 0; k < f->n; k++) {
        f->focus = (f->focus + dir + f->n) % f->n;
        if (!f->fields[f->focus].hidden)
            return;
    }
}

/* An editing key on the focused field. */
static ui_form_rc edit_key(field *fl, int key)
{
    field_status st;
    switch (key) {
    case KM_KEY_LEFT: st = field_left(fl); break;
    case KM_KEY_RIGHT: st = field_right(fl); break;
    case KM_KEY_HOME: st = field_home(fl); break;
    case KM_KEY_END: st = field_end(fl); break;
    case KM_KEY_CTRL('a'): st = field_home(fl); break;
    case KM_KEY_CTRL('e'): st = field_end(fl); break;
    case KM_KEY_BACKSPACE: return field_backspace(fl) == FIELD_OK ? UI_FORM_EDITED : UI_FORM_MOVED;
    case KM_KEY_DELETE: return field_delete(fl) == FIELD_OK ? UI_FORM_EDITED : UI_FORM_MOVED;
    default: return UI_FORM_NONE;
    }
    (void)st;
    return UI_FORM_MOVED;
}

ui_form_rc ui_form_key(ui_form *f, const keys_event *ev, km_action act, const char **why)
{
    if (f->n == 0)
        return UI_FORM_NONE;
    ui_field *x = &f->fields[f->focus];
    if (ev->kind == KEYS_TEXT) {
        field_status st = field_insert(&x->f, ev->ch);
        if (st == FIELD_OK)
            return UI_FORM_EDITED;
        if (why)
            *why = field_status_message(st);
        return UI_FORM_REFUSED;
    }
    switch (act) {
    case KM_FORM_NEXT_FIELD: move_focus(f, +1); return UI_FORM_MOVED;
    case KM_FORM_PREV_FIELD: move_focus(f, -1); return UI_FORM_MOVED;
    case KM_FORM_SUBMIT: return UI_FORM_SUBMIT;
    case KM_FORM_CANCEL: return UI_FORM_CANCEL;
    default: break;
    }
    return ev->kind == KEYS_KEY ? edit_key(&x->f, ev->key) : UI_FORM_NONE;
}
