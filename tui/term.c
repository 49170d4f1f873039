/* term.c - curses lifecycle, colour roles and clipped UTF-8 drawing (term.h).
 *
 * Only stdscr is used: each frame is erase() + draw + one doupdate(), and
 * curses sends the terminal only the cells that changed, so typing a
 * character into a form costs a few bytes even over a slow SSH link
 * (bench/ measures it).  Colours follow the 电子监察 convention (green on
 * time, yellow due soon, red overdue); NO_COLOR (https://no-color.org), a
 * monochrome terminal or [screen] colours = off give attributes instead, and
 * the screens always add a symbol beside a coloured state. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui/term.h"

#include <curses.h>
#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "core/cwidth.h"
#include "tui/i18n.h"

static bool active;
static bool colours;
/* Where the frame being drawn wants the cursor (-1: hidden), and whether the terminal shows it:
 * the cursor is switched on or off only when that changes, not on every frame (those codes were
 * a third of the bytes a keystroke sent, bench/README.md). */
static int want_y = -1, want_x;
static int cursor_shown = -1; /* -1 unknown */

/* Decode one UTF-8 sequence; returns its length (an invalid byte: 1, *cp = '?'). */
static int utf8_next(const unsigned char *p, uint32_t *cp)
{
    int n = p[0] < 0x80 ? 1 : p[0] >= 0xF8 ? 0 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 0;
    if (n == 0) {
        *cp = '?';
        return 1;
    }
    uint32_t v = n == 1 ? p[0] : (uint32_t)(p[0] & (0x3F >> (n - 1)));
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cp = '?';
            return 1;
        }
        v = (v << 6) | (p[i] & 0x3F);
    }
    *cp = v;
    return n;
}

static void init_colours(const gconfig *cfg)
{
    const char *no_color = getenv("NO_COLOR");
    colours = false;
    if (cfg->colours == CONFIG_COLOURS_OFF || !has_colors())
        return;
    if (cfg->colours == CONFIG_COLOURS_AUTO && no_color && *no_color)
        return;
    if (start_color() != OK)
        return;
    use_default_colors();
    init_pair(ROLE_TITLE, COLOR_WHITE, COLOR_BLUE);
    init_pair(ROLE_HINTS, COLOR_BLACK, COLOR_CYAN);
    init_pair(ROLE_SELECTED, COLOR_BLACK, COLOR_WHITE);
    init_pair(ROLE_FIELD, -1, -1);
    init_pair(ROLE_FOCUS, COLOR_BLACK, COLOR_YELLOW);
    init_pair(ROLE_LABEL, COLOR_CYAN, -1);
    init_pair(ROLE_DIM, -1, -1);
    init_pair(ROLE_OK, COLOR_GREEN, -1);
    init_pair(ROLE_WARN, COLOR_YELLOW, -1);
    init_pair(ROLE_ALARM, COLOR_RED, -1);
    colours = true;
}

int term_open(const gconfig *cfg)
{
    if (active)
        return 0;
    if (!initscr())
        return -1;
    active = true;
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(cfg->esc_delay_ms > 0 ? cfg->esc_delay_ms : 100);
    init_colours(cfg);
    curs_set(0);
    cursor_shown = 0;
    return 0;
}

void term_close(void)
{
    if (!active)
        return;
    endwin();
    active = false;
}

bool term_active(void)
{
    return active;
}

bool term_has_colours(void)
{
    return colours;
}

int term_attr(term_role role)
{
    static const int mono[ROLE_COUNT] = {
        [ROLE_NORMAL] = A_NORMAL, [ROLE_TITLE] = A_REVERSE, [ROLE_HINTS] = A_REVERSE,
        [ROLE_SELECTED] = A_REVERSE, [ROLE_FIELD] = A_UNDERLINE, [ROLE_FOCUS] = A_REVERSE,
        [ROLE_LABEL] = A_NORMAL, [ROLE_DIM] = A_DIM, [ROLE_OK] = A_NORMAL, [ROLE_WARN] = A_BOLD,
        [ROLE_ALARM] = A_BOLD | A_UNDERLINE,
    };
    if (role <= ROLE_NORMAL || role >= ROLE_COUNT)
        return A_NORMAL;
    if (!colours)
        return mono[role];
    int a = COLOR_PAIR(role);
    if (role == ROLE_FIELD)
        a |= A_UNDERLINE;
    if (role == ROLE_ALARM || role == ROLE_TITLE)
        a |= A_BOLD;
    if (role == ROLE_DIM)
        a |= A_DIM;
    return a;
}

bool term_big_enough(void)
{
    return COLS >= TERM_MIN_COLS && LINES >= TERM_MIN_LINES;
}

void term_draw_too_small(void)
{
    char line[160];
    erase();
    snprintf(line, sizeof line, _("Terminal too small: %dx%d, guichet needs %dx%d."), COLS, LINES,
             TERM_MIN_COLS, TERM_MIN_LINES);
    term_put_centred(LINES / 2 - 1, 0, COLS, line, ROLE_ALARM);
    term_put_centred(LINES / 2, 0, COLS, _("Enlarge the window: nothing typed is lost."), ROLE_NORMAL);
    term_flush();
}

int term_width(const char *utf8)
{
    int cols = 0;
    const unsigned char *p = (const unsigned char *)utf8;
    while (p && *p) {
        uint32_t cp;
        p += utf8_next(p, &cp);
        int w = cwidth(cp);
        cols += w < 0 ? 1 : w; /* a control is drawn as '?' */
    }
    return cols;
}

int term_put(int y, int x, int cols, const char *utf8, term_role role)
{
    if (cols <= 0 || !utf8 || y < 0 || y >= LINES || x < 0 || x >= COLS)
        return 0;
    if (x + cols > COLS)
        cols = COLS - x;
    wchar_t buf[512];
    int n = 0, used = 0;
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p && n < (int)(sizeof buf / sizeof buf[0]) - 1) {
        uint32_t cp;
        p += utf8_next(p, &cp);
        int w = cwidth(cp);
        if (w < 0) {
            cp = '?';
            w = 1;
        }
        if (used + w > cols)
            break;
        if (w == 0 && n == 0)
            continue; /* a combining mark with nothing to sit on */
        buf[n++] = (wchar_t)cp;
        used += w;
    }
    buf[n] = L'\0';
    attr_t a = (attr_t)term_attr(role);
    attron(a);
    mvaddnwstr(y, x, buf, n);
    attroff(a);
    return used;
}

void term_put_padded(int y, int x, int cols, const char *utf8, term_role role)
{
    int used = term_put(y, x, cols, utf8, role);
    if (x + cols > COLS)
        cols = COLS - x;
    attr_t a = (attr_t)term_attr(role);
    attron(a);
    for (int i = used; i < cols; i++)
        mvaddch(y, x + i, ' ');
    attroff(a);
}

void term_put_centred(int y, int x, int cols, const char *utf8, term_role role)
{
    int w = term_width(utf8);
    int left = w < cols ? (cols - w) / 2 : 0;
    term_put(y, x + left, cols - left, utf8, role);
}

void term_cursor_at(int y, int x)
{
    want_y = y;
    want_x = x;
}

void term_cursor_hide(void)
{
    want_y = -1;
}

void term_flush(void)
{
    int show = want_y >= 0;
    if (show)
        move(want_y, want_x);
    if (show != cursor_shown) {
        curs_set(show);
        cursor_shown = show;
    }
    want_y = -1; /* the next frame says again */
    wnoutrefresh(stdscr);
    doupdate();
}

/* Chinese punctuation that never starts a line (，。、；：？！）」』】). */
static bool closing_mark(uint32_t cp)
{
    static const uint32_t marks[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F,
                                     0xFF01, 0xFF09, 0x300D, 0x300F, 0x3011};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (cp == marks[i])
            return true;
    return false;
}

/* The next line of text p in cols columns: its end in *end (a newline, or where the text stops
 * fitting) and where the line after it starts (returned).  With words, a line that overflows breaks
 * after its last space or before its last Chinese character (which may break anywhere), and the
 * spaces at the break are dropped; a word longer than the line is cut where it stops fitting. */
static const unsigned char *line_break(const unsigned char *p, int cols, bool words, const unsigned char **end)
{
    const unsigned char *q = p, *brk = NULL, *brk_next = NULL;
    int used = 0;
    bool prev_wide = false;
    while (*q && *q != '\n') {
        uint32_t cp;
        int len = utf8_next(q, &cp), w = cwidth(cp);
        if (w < 0)
            w = 1;
        bool may_break = cp == ' ' || ((w == 2 || prev_wide) && !closing_mark(cp)); /* before q */
        if (used + w > cols) {
            if (!words || may_break) {
                *end = q; /* a break is allowed right here */
            } else if (brk && brk > p) {
                *end = brk;
                q = brk_next;
            } else {
                *end = q; /* one word longer than the line */
            }
            while (words && *q == ' ')
                q++;
            return q;
        }
        if (cp == ' ') {
            brk = q;
            brk_next = q + 1;
        } else if (may_break) {
            brk = brk_next = q;
        }
        prev_wide = w == 2;
        used += w;
        q += len;
    }
    *end = q;
    return *q == '\n' ? q + 1 : q;
}

/* Draw (when draw) or count the rows of text broken into lines of cols columns, at most max_rows. */
static int wrap(int y, int x, int cols, int max_rows, const char *utf8, term_role role, bool words, bool draw)
{
    const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
    int rows = 0;
    if (cols <= 0)
        return 0;
    while (*p && rows < max_rows) {
        const unsigned char *end, *next = line_break(p, cols, words, &end);
        if (draw) {
            char line[1024];
            size_t n = (size_t)(end - p) < sizeof line - 1 ? (size_t)(end - p) : sizeof line - 1;
            memcpy(line, p, n);
            line[n] = '\0';
            term_put(y + rows, x, cols, line, role);
        }
        rows++;
        if (next == p)
            break; /* a character wider than the box: stop rather than loop */
        p = next;
    }
    return rows;
}

int term_put_wrapped(int y, int x, int cols, int max_rows, const char *utf8, term_role role)
{
    return wrap(y, x, cols, max_rows, utf8, role, false, true);
}

int term_put_flowed(int y, int x, int cols, int max_rows, const char *utf8, term_role role)
{
    return wrap(y, x, cols, max_rows, utf8, role, true, true);
}

int term_flowed_rows(int cols, const char *utf8)
{
    return wrap(0, 0, cols, INT_MAX, utf8, ROLE_NORMAL, true, false);
}

const char *term_fit(const char *utf8, int cols, char *out, size_t size)
{
    const char *dots = term_locale_utf8() ? "\xe2\x80\xa6" : "~"; /* U+2026, one column */
    const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
    size_t n = 0;
    int used = 0;
    if (size == 0)
        return out;
    out[0] = '\0';
    if (term_width(utf8) <= cols) {
        snprintf(out, size, "%s", utf8 ? utf8 : "");
        return out;
    }
    while (*p) {
        uint32_t cp;
        int len = utf8_next(p, &cp), w = cwidth(cp);
        if (w < 0)
            w = 1;
        if (used + w > cols - 1 || n + (size_t)len + strlen(dots) >= size)
            break;
        memcpy(out + n, p, (size_t)len);
        n += (size_t)len;
        used += w;
        p += len;
    }
    if (cols >= 1 && n + strlen(dots) < size) {
        memcpy(out + n, dots, strlen(dots));
        n += strlen(dots);
    }
    out[n] = '\0';
    return out;
}

bool term_locale_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

void term_frame(int top, int left, int rows, int cols)
{
    int role = term_attr(ROLE_NORMAL);
    for (int r = 0; r < rows; r++)
        term_put_padded(top + r, left, cols, "", ROLE_NORMAL);
    attron(role);
    mvhline(top, left, ACS_HLINE, cols);
    mvhline(top + rows - 1, left, ACS_HLINE, cols);
    mvvline(top, left, ACS_VLINE, rows);
    mvvline(top, left + cols - 1, ACS_VLINE, rows);
    mvaddch(top, left, ACS_ULCORNER);
    mvaddch(top, left + cols - 1, ACS_URCORNER);
    mvaddch(top + rows - 1, left, ACS_LLCORNER);
    mvaddch(top + rows - 1, left + cols - 1, ACS_LRCORNER);
    attroff(role);
}
