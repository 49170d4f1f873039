/* form_screen.h - the keys of a screen that is one ui_form (a register or correction form): the
 * form's own keys, submit, cancel, a refused key's reason on the message line, edits marked. */
#ifndef GUICHET_TUI_FORM_SCREEN_H
#define GUICHET_TUI_FORM_SCREEN_H

#include <stdbool.h>

#include "tui/app.h"
#include "tui/ui_form.h"

/* One key on the form f: on submit, submit(st, a) runs and the screen closes once *done is true;
 * cancel closes; a refused key's reason (a message id) goes to the message line; an edit sets
 * *edited.  What the screen returns. */
scr_rc form_screen_key(ui_form *f, bool *edited, const bool *done, void (*submit)(void *st, app *a), void *st,
                       app *a, const keys_event *ev, km_action act);

#endif
