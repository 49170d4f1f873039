/* scr_help.c - F1: the keys of the screen the clerk was on, generated from
 * the keymap in use (defaults plus the site's file), so the help never
 * disagrees with what the keys do.  Esc goes back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/ui_list.h"

#define HELP_LINES KM_ACTION_COUNT

typedef struct {
    km_context ctx;
    char keys[HELP_LINES][80];
    const char *desc[HELP_LINES];
    int n;
    ui_list list;
} help;

static const km_action help_hints[] = {KM_FORM_CANCEL, KM_NONE};

static void add_line(void *ud, const char *keys, km_action act, const char *desc)
{
    help *h = ud;
    (void)act;
    if (h->n >= HELP_LINES)
        return;
    snprintf(h->keys[h->n], sizeof h->keys[h->n], "%s", keys);
    h->desc[h->n++] = desc;
}

static const char *help_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Keys of this screen");
}

static void draw_line(void *ctx, int i, int y, int cols, bool selected)
{
    help *h = ctx;
    term_role r = selected ? ROLE_SELECTED : ROLE_NORMAL;
    term_put_padded(y, 1, 22, h->keys[i], selected ? r : ROLE_LABEL);
    term_put_padded(y, 23, cols - 24, _(h->desc[i]), r);
}

static void help_draw(screen *s, app *a, int top, int lines)
{
    help *h = s->st;
    (void)a;
    char head[200];
    snprintf(head, sizeof head, _("Keys in \"%s\" (keymap context), then everywhere:"),
             keymap_context_name(h->ctx));
    term_put(top, 1, COLS - 2, head, ROLE_DIM);
    ui_list_draw(&h->list, top + 1, lines - 1, COLS, draw_line, h);
}

static scr_rc help_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    help *h = s->st;
    (void)a;
    (void)ev;
    act = keymap_action(&a->km, KM_CTX_LIST, ev->key);
    if (ui_list_action(&h->list, act, LINES - 5))
        return SCR_STAY;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC || ev->key == 'q')
        return SCR_CLOSE;
    return SCR_STAY;
}

static void help_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops help_ops = {
    "help", KM_CTX_LIST, false, help_title, help_draw, help_key, NULL, help_free, help_hints,
};

screen *scr_help_new(app *a, km_context ctx)
{
    help *h = calloc(1, sizeof *h);
    screen *s = h ? screen_new(&help_ops, h) : NULL;
    if (!s) {
        free(h);
        return NULL;
    }
    h->ctx = ctx;
    keymap_help(&a->km, ctx, add_line, h);
    ui_list_init(&h->list, h->n);
    return s;
}
