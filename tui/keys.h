/* keys.h - one keystroke from the terminal, read with get_wch and told apart
 * as text (a character to type into a field, Chinese from an input method
 * included), a key in guichet's own codes (core/keymap.h: F-keys, Ctrl,
 * arrows, Enter, Esc, Alt), a resize, or nothing within the timeout. */
#ifndef GUICHET_TUI_KEYS_H
#define GUICHET_TUI_KEYS_H

#include <stdint.h>

typedef enum {
    KEYS_NONE = 0, /* the timeout passed */
    KEYS_TEXT,     /* a printable character: ch (and key, for ASCII, its km code) */
    KEYS_KEY,      /* a named, function or control key: key */
    KEYS_RESIZE    /* the terminal changed size */
} keys_kind;

typedef struct {
    keys_kind kind;
    uint32_t ch; /* KEYS_TEXT: the character */
    int key;     /* core/keymap.h code; for ASCII text the character itself; KM_KEY_NONE otherwise */
} keys_event;

/* Wait up to timeout_ms (-1: forever) for one keystroke. */
keys_event keys_read(int timeout_ms);

#endif
