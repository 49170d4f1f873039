/* app_modal.c - the small boxes drawn over the current screen: a yes/no
 * question, one line of text (a reason, a note) and a choice among a few
 * options.  Each runs its own short key loop, redraws the frame underneath
 * on a resize, and never touches the data of the screen below.
 *
 * A box is as wide as its text needs (never wider than COLS-4): a question,
 * a label or a title that does not fit on one line is wrapped over several
 * lines and the box grows in height, so the end of a question (a due date)
 * is never cut.  While the terminal is smaller than 80x24 no box is drawn:
 * the "terminal too small" message stays, keys are ignored (as the main loop
 * ignores them, so nothing is answered without being seen) and the box comes
 * back as it was when the window is enlarged. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <string.h>

#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"

#define BOX_MIN 40   /* text columns of the narrowest box */
#define LABEL_MAX 20 /* columns of a text box's label kept beside its field; a longer one goes above */

static int max_int(int x, int y)
{
    return x > y ? x : y;
}

/* Text columns of a box for content `want` columns wide: at least BOX_MIN, at most what keeps the
 * box (a border and a margin each side) within COLS-4. */
static int box_inner(int want)
{
    int most = COLS - 8;
    want = max_int(want, BOX_MIN);
    return want > most ? most : want;
}

/* Rows a title takes inside a box: 0 when it fits in the top border, else its lines and a blank one. */
static int title_rows(const char *title, int inner)
{
    if (!title || !*title || term_width(title) + 2 <= inner)
        return 0;
    return term_flowed_rows(inner, title) + 1;
}

/* Rows left for a box's content once its title is placed (the box fits the terminal). */
static int body_room(const char *title, int inner)
{
    return max_int(LINES - 2 - title_rows(title, inner), 1);
}

/* A centred box of `rows` content rows `inner` columns wide, its title in the top border or, when
 * longer, wrapped at the top inside; the first content row and column in *y, *x. */
static void draw_box(int rows, int inner, const char *title, int *y, int *x)
{
    int trows = title_rows(title, inner);
    rows += trows;
    if (rows > LINES - 2)
        rows = LINES - 2;
    int cols = inner + 4;
    int top = (LINES - rows - 2) / 2, left = (COLS - cols) / 2;
    term_frame(top, left, rows + 2, cols);
    if (title && *title && trows == 0) {
        char t[400];
        snprintf(t, sizeof t, " %s ", title);
        term_put_centred(top, left, cols, t, ROLE_LABEL);
    } else if (trows > 0) {
        term_put_flowed(top + 1, left + 2, inner, trows - 1, title, ROLE_LABEL);
    }
    *y = top + 1 + trows;
    *x = left + 2;
}

/* Draw the frame under a box; false when the terminal is too small for one: its message is up
 * instead, and the caller waits for a resize (other keys are ignored). */
static bool frame_for_box(app *a)
{
    app_draw(a);
    return term_big_enough();
}

bool app_confirm(app *a, const char *question)
{
    for (;;) {
        if (!frame_for_box(a)) {
            keys_read(-1);
            continue;
        }
        const char *title = _("Please confirm"), *keys = _("y / Enter: yes      n / Esc: no");
        int inner = box_inner(max_int(term_width(question), term_width(keys)));
        int qrows = term_flowed_rows(inner, question), room = body_room(title, inner) - 2;
        if (qrows > room)
            qrows = max_int(room, 1);
        int y, x;
        draw_box(qrows + 2, inner, title, &y, &x);
        term_put_flowed(y, x, inner, qrows, question, ROLE_NORMAL);
        term_put(y + qrows + 1, x, inner, keys, ROLE_DIM);
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

/* The text box: a long label wrapped above the field, the field, why the text was refused, the keys. */
static void draw_ask_text(ui_form *f, const char *title, const char *label, bool label_above, const char *why)
{
    const char *keys = _("Enter: confirm      Esc: cancel");
    int inner = box_inner(68);
    int room = body_room(title, inner);
    int lrows = label_above ? term_flowed_rows(inner, label) : 0;
    int wrows = why ? term_flowed_rows(inner, why) : 1;
    if (lrows > room - 4)
        lrows = max_int(room - 4, 0);
    if (wrows > room - 3 - lrows)
        wrows = max_int(room - 3 - lrows, 1);
    int y, x;
    draw_box(lrows + 3 + wrows, inner, title, &y, &x);
    term_put_flowed(y, x, inner, lrows, label, ROLE_LABEL);
    if (why)
        term_put_flowed(y + lrows + 2, x, inner, wrows, why, ROLE_ALARM);
    term_put(y + lrows + 2 + wrows, x, inner, keys, ROLE_DIM);
    ui_form_draw(f, y + lrows, x, inner);
}

bool app_ask_text(app *a, const char *title, const char *label, char *buf, size_t size)
{
    ui_form f;
    bool above = term_width(label) > LABEL_MAX;
    ui_form_init(&f);
    ui_form_add(&f, above ? "" : label, UI_FIELD_CHARS, 0, false);
    if (above)
        f.label_cols = 0;
    ui_form_set(&f, 0, buf);
    const char *why = NULL;
    for (;;) {
        if (!frame_for_box(a)) {
            keys_read(-1);
            continue;
        }
        draw_ask_text(&f, title, label, above, why ? _(why) : NULL);
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

/* The choice box: the options numbered (each cut with an ellipsis when wider than the box), as many
 * as the terminal holds, scrolled to keep the selected one in view. */
static void draw_choose(const char *title, const char *const *options, int n, int sel)
{
    const char *keys = _("1-9 or Up/Down and Enter: choose      Esc: cancel");
    char line[300], fit[300];
    int want = term_width(keys);
    for (int i = 0; i < n; i++) {
        snprintf(line, sizeof line, "%d  %s", i + 1, options[i]);
        want = max_int(want, term_width(line));
    }
    int inner = box_inner(max_int(want, title ? term_width(title) + 2 : 0));
    int shown = n, room = body_room(title, inner) - 2;
    if (shown > room)
        shown = max_int(room, 1);
    int first = sel >= shown ? sel - shown + 1 : 0;
    int y, x;
    draw_box(shown + 2, inner, title, &y, &x);
    for (int k = 0; k < shown; k++) {
        int i = first + k;
        snprintf(line, sizeof line, "%d  %s", i + 1, options[i]);
        term_put_padded(y + k, x, inner, term_fit(line, inner, fit, sizeof fit),
                        i == sel ? ROLE_SELECTED : ROLE_NORMAL);
    }
    term_put(y + shown + 1, x, inner, keys, ROLE_DIM);
}

int app_choose(app *a, const char *title, const char *const *options, int n)
{
    int sel = 0;
    for (;;) {
        if (!frame_for_box(a)) {
            keys_read(-1);
            continue;
        }
        draw_choose(title, options, n, sel);
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
