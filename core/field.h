/* field.h - the editing model of a one-line input field (issue 4): the code
 * points typed, a cursor, and a horizontal scroll for a view W columns wide.
 * Widths come from cwidth(), so Chinese characters take two columns; the
 * cursor moves by whole characters (a base character with the zero-width
 * marks after it) and the view never shows half of a double-width
 * character.  Controls are refused, never stored.  No I/O, no locale. */
#ifndef GUICHET_CORE_FIELD_H
#define GUICHET_CORE_FIELD_H

#include <stddef.h>
#include <stdint.h>

/* What an operation did; every refusal leaves the field unchanged. */
typedef enum {
    FIELD_OK = 0,
    FIELD_EDGE,       /* nothing to do: the cursor is already at that end */
    FIELD_CONTROL,    /* a control or layout-changing format character was refused */
    FIELD_NOT_CHAR,   /* not a Unicode scalar value (surrogate, beyond U+10FFFF, NUL) */
    FIELD_FULL_CHARS, /* the field already holds max_chars characters */
    FIELD_FULL_COLS,  /* the text would be wider than max_cols columns */
    FIELD_BAD_UTF8,   /* the text is not valid UTF-8 */
    FIELD_NO_ROOM,    /* the caller's output buffer is too small (it gets "") */
    FIELD_BAD_WIDTH,  /* a view narrower than one column */
} field_status;

/* The capacity of a field, fixed when it is initialised. */
typedef struct {
    size_t max_chars; /* code points the field may hold = entries in its storage */
    size_t max_cols;  /* columns the whole text may take; 0 = no limit */
} field_limits;

/* One input field.  Read the members freely; change them only through the
 * functions below. */
typedef struct {
    uint32_t *cp;     /* caller storage, lim.max_chars entries */
    field_limits lim;
    size_t len;       /* code points held */
    size_t cursor;    /* insertion point 0..len, always between whole characters */
    size_t cols;      /* columns the whole text takes */
    size_t scroll;    /* first visible column; field_view() keeps it up to date */
} field;

/* Make *f an empty field storing at most lim.max_chars code points in buf. */
void field_init(field *f, uint32_t *buf, field_limits lim);
/* Empty the field (cursor and scroll back to 0). */
void field_clear(field *f);
/* Insert cp at the cursor and move the cursor after it; controls, non-characters
 * and anything beyond max_chars / max_cols are refused. */
field_status field_insert(field *f, uint32_t cp);
/* Remove the whole character before the cursor; FIELD_EDGE at the start. */
field_status field_backspace(field *f);
/* Remove the whole character at the cursor; FIELD_EDGE at the end. */
field_status field_delete(field *f);
/* Move the cursor one whole character left; FIELD_EDGE at the start. */
field_status field_left(field *f);
/* Move the cursor one whole character right; FIELD_EDGE at the end. */
field_status field_right(field *f);
/* Move the cursor to the start; FIELD_EDGE when already there. */
field_status field_home(field *f);
/* Move the cursor to the end; FIELD_EDGE when already there. */
field_status field_end(field *f);
/* Replace the text with NUL-terminated UTF-8 s, cursor at the end; on any
 * refusal (invalid UTF-8, control, capacity) the field is unchanged. */
field_status field_set_utf8(field *f, const char *s);
/* Bytes field_get_utf8() needs for the text, terminating NUL included. */
size_t field_utf8_size(const field *f);
/* Write the text as NUL-terminated UTF-8 into out (size bytes); FIELD_NO_ROOM
 * (out = "") when field_utf8_size() bytes do not fit. */
field_status field_get_utf8(const field *f, char *out, size_t size);
/* Columns before the cursor (its column in the unscrolled text). */
size_t field_cursor_cols(const field *f);
/* The visible slice of a view `width` columns wide as UTF-8 in out (size bytes;
 * field_utf8_size() always suffices) and the cursor's screen column 0..width-1
 * in *cursor_col.  Scrolls so the cursor's character is visible; a wide
 * character cut by either edge shows as spaces, never as half a glyph. */
field_status field_view(field *f, int width, char *out, size_t size, int *cursor_col);
/* English message id (N_) the UI can show for st. */
const char *field_status_message(field_status st);

#endif
