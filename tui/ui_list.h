/* ui_list.h - the selection and scrolling of a list on screen (cases, items,
 * help lines): which row is selected and which is at the top, moved by the
 * keymap's list actions, kept valid when the list or the window changes
 * size.  Drawing a row is the screen's job (a callback). */
#ifndef GUICHET_TUI_UI_LIST_H
#define GUICHET_TUI_UI_LIST_H

#include <stdbool.h>

#include "core/keymap.h"

typedef struct {
    int n;      /* rows in the list */
    int sel;    /* selected row, -1 when empty */
    int top;    /* first row shown */
} ui_list;

/* Draw one row (index i) at screen row y, `cols` wide; selected: it is the highlighted one. */
typedef void (*ui_list_row_fn)(void *ctx, int i, int y, int cols, bool selected);

/* A list of n rows, first selected. */
void ui_list_init(ui_list *l, int n);

/* Change the row count, keeping the selection in range. */
void ui_list_resize(ui_list *l, int n);

/* Apply a list action (up, down, page up/down, home, end) for a view of `rows` rows; true if it was one. */
bool ui_list_action(ui_list *l, km_action act, int rows);

/* Draw the visible rows (rows tall, from screen row top) through fn, scrolled so sel is visible. */
void ui_list_draw(ui_list *l, int top, int rows, int cols, ui_list_row_fn fn, void *ctx);

#endif
