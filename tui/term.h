/* term.h - the terminal under the screens: start and stop ncursesw, the
 * colour roles (with monochrome and NO_COLOR fallbacks: every role also has
 * a symbol or an attribute that reads without colour), the minimum size,
 * and drawing UTF-8 text clipped to a number of columns (widths from
 * core/cwidth.h; control characters shown as '?'; a double-width character
 * that does not fit is never cut in half). */
#ifndef GUICHET_TUI_TERM_H
#define GUICHET_TUI_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "data/config.h"

#define TERM_MIN_COLS 80
#define TERM_MIN_LINES 24

/* What a piece of text is, on screen. */
typedef enum {
    ROLE_NORMAL = 0,
    ROLE_TITLE,     /* the top bar */
    ROLE_HINTS,     /* the key hints at the bottom */
    ROLE_SELECTED,  /* the highlighted row of a list */
    ROLE_FIELD,     /* an input field */
    ROLE_FOCUS,     /* the input field being typed into */
    ROLE_LABEL,     /* a field's label, a heading */
    ROLE_DIM,       /* secondary text */
    ROLE_OK,        /* on time, success (电子监察 green) */
    ROLE_WARN,      /* due soon (电子监察 yellow) */
    ROLE_ALARM,     /* overdue, errors (电子监察 red) */
    ROLE_COUNT
} term_role;

/* Start curses (the locale must already be set): raw keys, no echo, keypad, ESC delay and colours as cfg says. */
int term_open(const gconfig *cfg);

/* Leave curses and restore the terminal (safe to call twice). */
void term_close(void);

/* True while curses is running. */
bool term_active(void);

/* True when colours are in use (not NO_COLOR, not monochrome, not colours=off). */
bool term_has_colours(void);

/* The attribute of a role (colour pair or, without colours, bold/reverse/underline). */
int term_attr(term_role role);

/* True when the terminal is at least TERM_MIN_COLS x TERM_MIN_LINES. */
bool term_big_enough(void);

/* Draw the "terminal too small" message (centred, whatever the size). */
void term_draw_too_small(void);

/* Draw UTF-8 text at (y, x) in at most `cols` columns with role's attribute; returns columns used. */
int term_put(int y, int x, int cols, const char *utf8, term_role role);

/* term_put, then spaces up to exactly `cols` columns in the same attribute. */
void term_put_padded(int y, int x, int cols, const char *utf8, term_role role);

/* Draw text centred in a line of `cols` columns starting at x. */
void term_put_centred(int y, int x, int cols, const char *utf8, term_role role);

/* Draw text wrapped to cols columns (breaking at newlines too) in at most max_rows rows; the rows used. */
int term_put_wrapped(int y, int x, int cols, int max_rows, const char *utf8, term_role role);

/* term_put_wrapped breaking between words (after a space, or beside a Chinese character); the rows used. */
int term_put_flowed(int y, int x, int cols, int max_rows, const char *utf8, term_role role);

/* A blank box with a line border, rows x cols (border included), its top-left corner at top, left. */
void term_frame(int top, int left, int rows, int cols);

/* The rows term_put_flowed would take for text in cols columns, without a limit. */
int term_flowed_rows(int cols, const char *utf8);

/* Text cut to at most cols columns into out, ending in an ellipsis when it was cut; returns out. */
const char *term_fit(const char *utf8, int cols, char *out, size_t size);

/* True when the locale's codeset is UTF-8 (Chinese can be typed and shown); false under LANG=C. */
bool term_locale_utf8(void);

/* Columns a UTF-8 string takes (core/cwidth.h). */
int term_width(const char *utf8);

/* Put the cursor at (y, x) when this frame is pushed (a field being typed into). */
void term_cursor_at(int y, int x);

/* No cursor in this frame (it is drawn over a field that is not being typed into). */
void term_cursor_hide(void);

/* Push the frame: the cursor as asked, then wnoutrefresh + doupdate (only what changed is sent). */
void term_flush(void);

#endif
