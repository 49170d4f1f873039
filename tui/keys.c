/* keys.c - translating ncurses input into guichet's key codes (keys.h).
 *
 * Terminals differ: Enter arrives as CR or LF (Ctrl-M, Ctrl-J), Backspace as
 * DEL, ^H or KEY_BACKSPACE, Alt-x as ESC then x (ncurses waits ESCDELAY ms,
 * [screen] esc_delay_ms, to tell them apart).  All of them end up as one
 * code of core/keymap.h so that keymaps name keys, not byte sequences. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui/keys.h"

#include <curses.h>

#include "core/keymap.h"

/* A function key code from ncurses. */
static int named_key(wint_t k)
{
    if (k >= (wint_t)KEY_F(1) && k <= (wint_t)KEY_F(12))
        return KM_KEY_F((int)(k - KEY_F(0)));
    switch (k) {
    case KEY_UP: return KM_KEY_UP;
    case KEY_DOWN: return KM_KEY_DOWN;
    case KEY_LEFT: return KM_KEY_LEFT;
    case KEY_RIGHT: return KM_KEY_RIGHT;
    case KEY_HOME: return KM_KEY_HOME;
    case KEY_FIND: return KM_KEY_HOME;
    case KEY_END: return KM_KEY_END;
    case KEY_SELECT: return KM_KEY_END;
    case KEY_PPAGE: return KM_KEY_PAGE_UP;
    case KEY_NPAGE: return KM_KEY_PAGE_DOWN;
    case KEY_ENTER: return KM_KEY_ENTER;
    case KEY_BTAB: return KM_KEY_BTAB;
    case KEY_BACKSPACE: return KM_KEY_BACKSPACE;
    case KEY_DC: return KM_KEY_DELETE;
    case KEY_IC: return KM_KEY_INSERT;
    default: return KM_KEY_NONE;
    }
}

/* A control character (below 0x20, or DEL). */
static int control_key(wint_t c)
{
    switch (c) {
    case '\r':
    case '\n': return KM_KEY_ENTER;
    case '\t': return KM_KEY_TAB;
    case 0x7f:
    case 0x08: return KM_KEY_BACKSPACE;
    case 0x1b: return KM_KEY_ESC;
    default: break;
    }
    if (c >= 1 && c <= 26)
        return KM_KEY_CTRL('a' + (int)c - 1);
    return KM_KEY_NONE;
}

/* ESC was read: a character right after it is Alt+character, else it is Esc itself. */
static keys_event after_escape(void)
{
    keys_event ev = {KEYS_KEY, 0, KM_KEY_ESC};
    wint_t c;
    nodelay(stdscr, TRUE);
    int rc = get_wch(&c);
    nodelay(stdscr, FALSE);
    if (rc == OK && c > 0x20 && c < 0x7f)
        ev.key = KM_KEY_META((int)c);
    else if (rc == KEY_CODE_YES)
        ungetch((int)c); /* a function key right after Esc: read it next time */
    else if (rc == OK)
        unget_wch(c); /* not an Alt combination: read it next time */
    return ev;
}

keys_event keys_read(int timeout_ms)
{
    keys_event ev = {KEYS_NONE, 0, KM_KEY_NONE};
    wint_t c;
    timeout(timeout_ms);
    int rc = get_wch(&c);
    if (rc == ERR)
        return ev;
    if (rc == KEY_CODE_YES) {
        if (c == KEY_RESIZE) {
            ev.kind = KEYS_RESIZE;
            return ev;
        }
        ev.key = named_key(c);
        ev.kind = ev.key == KM_KEY_NONE ? KEYS_NONE : KEYS_KEY;
        return ev;
    }
    if (c == 0x1b)
        return after_escape();
    if (c < 0x20 || c == 0x7f) {
        ev.key = control_key(c);
        ev.kind = ev.key == KM_KEY_NONE ? KEYS_NONE : KEYS_KEY;
        return ev;
    }
    if (c >= 0x80 && c < 0xa0)
        return ev; /* C1 controls are never text */
    ev.kind = KEYS_TEXT;
    ev.ch = (uint32_t)c;
    ev.key = c < 0x7f ? (int)c : KM_KEY_NONE;
    return ev;
}
