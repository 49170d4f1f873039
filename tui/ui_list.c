/* ui_list.c - list selection and scrolling (ui_list.h). */
#include "tui/ui_list.h"

void ui_list_init(ui_list *l, int n)
{
    l->n = n < 0 ? 0 : n;
    l->sel = l->n > 0 ? 0 : -1;
    l->top = 0;
}

void ui_list_resize(ui_list *l, int n)
{
    l->n = n < 0 ? 0 : n;
    if (l->n == 0) {
        l->sel = -1;
        l->top = 0;
        return;
    }
    if (l->sel < 0)
        l->sel = 0;
    if (l->sel >= l->n)
        l->sel = l->n - 1;
    if (l->top > l->sel)
        l->top = l->sel;
}

bool ui_list_action(ui_list *l, km_action act, int rows)
{
    int page = rows > 1 ? rows - 1 : 1;
    switch (act) {
    case KM_LIST_UP: l->sel--; break;
    case KM_LIST_DOWN: l->sel++; break;
    case KM_LIST_PAGE_UP: l->sel -= page; break;
    case KM_LIST_PAGE_DOWN: l->sel += page; break;
    case KM_LIST_HOME: l->sel = 0; break;
    case KM_LIST_END: l->sel = l->n - 1; break;
    default: return false;
    }
    if (l->n == 0) {
        l->sel = -1;
        return true;
    }
    if (l->sel < 0)
        l->sel = 0;
    if (l->sel >= l->n)
        l->sel = l->n - 1;
    return true;
}

void ui_list_draw(ui_list *l, int top, int rows, int cols, ui_list_row_fn fn, void *ctx)
{
    if (rows <= 0)
        return;
    if (l->sel >= 0) {
        if (l->sel < l->top)
            l->top = l->sel;
        if (l->sel >= l->top + rows)
            l->top = l->sel - rows + 1;
    }
    if (l->top > 0 && l->top + rows > l->n)
        l->top = l->n - rows > 0 ? l->n - rows : 0;
    for (int r = 0; r < rows && l->top + r < l->n; r++)
        fn(ctx, l->top + r, top + r, cols, l->top + r == l->sel);
}
