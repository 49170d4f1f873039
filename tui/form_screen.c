/* form_screen.c - the keys of a screen that is one ui_form (tui/form_screen.h). */
#include "tui/form_screen.h"

#include "tui/i18n.h"

scr_rc form_screen_key(ui_form *f, bool *edited, const bool *done, void (*submit)(void *st, app *a), void *st,
                       app *a, const keys_event *ev, km_action act)
{
    const char *why = NULL;
    switch (ui_form_key(f, ev, act, &why)) {
    case UI_FORM_SUBMIT:
        submit(st, a);
        return *done ? SCR_CLOSE : SCR_STAY;
    case UI_FORM_CANCEL: return SCR_CLOSE;
    case UI_FORM_REFUSED:
        if (why)
            app_message(a, ROLE_WARN, "%s", _(why));
        return SCR_STAY;
    case UI_FORM_EDITED: *edited = true; return SCR_STAY;
    case UI_FORM_MOVED: return SCR_STAY;
    case UI_FORM_NONE: break;
    }
    return act == KM_NONE ? SCR_STAY : SCR_PASS;
}
