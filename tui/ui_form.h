/* ui_form.h - a form of labelled one-line fields on screen: the editing model
 * is core/field.h (width-correct cursor, Chinese input, controls refused);
 * this adds labels, focus, masking (PINs), a per-field hint or error note
 * beside the field (or, for errors, on its own lines under the field when the
 * form asks for it: errors_below), and the keys: text goes into the focused field,
 * Left/Right/Home/End/Backspace/Delete edit it, and the keymap's form
 * context moves between fields, submits or cancels.  The typed text lives in
 * the form struct, never in curses, so it survives resizes. */
#ifndef GUICHET_TUI_UI_FORM_H
#define GUICHET_TUI_UI_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/field.h"
#include "core/keymap.h"
#include "tui/keys.h"

#define UI_FORM_FIELDS 12
#define UI_FIELD_CHARS 128 /* characters one field holds */

typedef struct {
    const char *label;      /* translated */
    field f;
    uint32_t buf[UI_FIELD_CHARS];
    bool masked;            /* shown as '*' (PIN) */
    bool hidden;            /* not shown and skipped (e.g. organisation-only fields for a person) */
    int width;              /* columns of the input box; 0 = to the right edge */
    char note[200];         /* shown beside the field: a hint, or what is wrong ("" none) */
    bool note_is_error;
} ui_field;

typedef struct {
    ui_field fields[UI_FORM_FIELDS];
    int n;
    int focus;
    int label_cols;         /* columns reserved for labels */
    bool errors_below;      /* an error note goes on its own lines under its field, wrapped, never cut */
} ui_form;

/* What a key did to the form. */
typedef enum {
    UI_FORM_NONE = 0, /* the key was not for the form */
    UI_FORM_EDITED,   /* the focused field's text changed */
    UI_FORM_MOVED,    /* cursor or focus moved */
    UI_FORM_REFUSED,  /* the key was for the form but refused (a control, the field full): *why says so */
    UI_FORM_SUBMIT,
    UI_FORM_CANCEL
} ui_form_rc;

/* Empty form. */
void ui_form_init(ui_form *f);

/* Add a field (label translated, at most max_chars characters, box `width` columns, 0 = to the edge); its index. */
int ui_form_add(ui_form *f, const char *label, size_t max_chars, int width, bool masked);

/* Size the label column to the visible fields' labels (after fields are hidden or shown). */
void ui_form_fit_labels(ui_form *f);

/* The text of field i as UTF-8 into out (size bytes); returns out. */
char *ui_form_get(const ui_form *f, int i, char *out, size_t size);
/* Field i's text without its outer blanks into out (size bytes); returns out. */
char *ui_form_text(const ui_form *f, int i, char *out, size_t size);

/* Replace the text of field i. */
void ui_form_set(ui_form *f, int i, const char *utf8);

/* Set (or clear with "") the note of field i. */
void ui_form_note(ui_form *f, int i, bool error, const char *text);

/* True when any field holds text. */
bool ui_form_has_text(const ui_form *f);

/* Draw the form from row top at column x, one field per row (and its error's rows under it when
 * errors_below); returns the rows used. */
int ui_form_draw(ui_form *f, int top, int x, int cols);

/* The rows ui_form_draw takes in cols columns (to lay out what follows the form). */
int ui_form_rows(const ui_form *f, int cols);

/* Handle a key (act: its action in the form context); *why (may be NULL) gets an English message id on refusal. */
ui_form_rc ui_form_key(ui_form *f, const keys_event *ev, km_action act, const char **why);

#endif
