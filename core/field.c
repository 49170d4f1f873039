/* field.c - the one-line input field model: cursor movement and deletion by
 * whole characters, insertion with capacity checks, UTF-8 in and out, and
 * the scrolled view that never cuts a double-width character (see field.h). */
#include "core/field.h"

#include <string.h>

#include "core/cwidth.h"
#include "core/i18n.h"

/* Why a code point may not be stored: FIELD_OK when it may. */
static field_status refusal(uint32_t cp)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return FIELD_NOT_CHAR;
    if (cwidth(cp) < 0)
        return FIELD_CONTROL;
    /* Format characters that would break the one-line layout or reorder what
     * the clerk sees: line/paragraph separators, bidi embeddings, overrides
     * and isolates, and the byte order mark. */
    if ((cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF)
        return FIELD_CONTROL;
    return FIELD_OK;
}

/* Columns of a stored code point (controls are never stored, so 0..2). */
static size_t cols_of(uint32_t cp)
{
    int w = cwidth(cp);
    return w > 0 ? (size_t)w : 0;
}

/* Start of the whole character ending at i (i > 0): back over zero-width marks to their base. */
static size_t prev_boundary(const field *f, size_t i)
{
    i--;
    while (i > 0 && cols_of(f->cp[i]) == 0)
        i--;
    return i;
}

/* End of the whole character starting at i (i < len): past its trailing zero-width marks. */
static size_t next_boundary(const field *f, size_t i)
{
    i++;
    while (i < f->len && cols_of(f->cp[i]) == 0)
        i++;
    return i;
}

/* Columns of the code points [a, b). */
static size_t span_cols(const field *f, size_t a, size_t b)
{
    size_t c = 0;
    for (size_t i = a; i < b; i++)
        c += cols_of(f->cp[i]);
    return c;
}

/* Remove the code points [a, b) and put the cursor at a. */
static void erase(field *f, size_t a, size_t b)
{
    f->cols -= span_cols(f, a, b);
    memmove(f->cp + a, f->cp + b, (f->len - b) * sizeof f->cp[0]);
    f->len -= b - a;
    f->cursor = a;
}

/* Decode one UTF-8 sequence at s (NUL-terminated); its length 1-4 and *cp,
 * or 0 when invalid (truncated, overlong, surrogate, beyond U+10FFFF, stray
 * continuation byte). */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
    unsigned char b = s[0];
    size_t n;
    uint32_t v, min;
    if (b < 0x80) {
        *cp = b;
        return 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
        n = 2, v = b & 0x1Fu, min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3, v = b & 0x0Fu, min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4, v = b & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u) /* also stops at the NUL */
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* Bytes of cp in UTF-8 (cp is a stored scalar value). */
static size_t utf8_len(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Write cp as UTF-8 at out; returns the bytes written. */
static size_t utf8_put(char *out, uint32_t cp)
{
    unsigned char *o = (unsigned char *)out;
    size_t n = utf8_len(cp);
    switch (n) {
    case 1:
        o[0] = (unsigned char)cp;
        break;
    case 2:
        o[0] = (unsigned char)(0xC0u | (cp >> 6));
        o[1] = (unsigned char)(0x80u | (cp & 0x3Fu));
        break;
    case 3:
        o[0] = (unsigned char)(0xE0u | (cp >> 12));
        o[1] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
        o[2] = (unsigned char)(0x80u | (cp & 0x3Fu));
        break;
    default:
        o[0] = (unsigned char)(0xF0u | (cp >> 18));
        o[1] = (unsigned char)(0x80u | ((cp >> 12) & 0x3Fu));
        o[2] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
        o[3] = (unsigned char)(0x80u | (cp & 0x3Fu));
        break;
    }
    return n;
}

void field_init(field *f, uint32_t *buf, field_limits lim)
{
    f->cp = buf;
    f->lim = lim;
    field_clear(f);
}

void field_clear(field *f)
{
    f->len = 0;
    f->cursor = 0;
    f->cols = 0;
    f->scroll = 0;
}

field_status field_insert(field *f, uint32_t cp)
{
    field_status st = refusal(cp);
    if (st != FIELD_OK)
        return st;
    if (f->len >= f->lim.max_chars)
        return FIELD_FULL_CHARS;
    size_t w = cols_of(cp);
    if (f->lim.max_cols != 0 && f->cols + w > f->lim.max_cols)
        return FIELD_FULL_COLS;
    memmove(f->cp + f->cursor + 1, f->cp + f->cursor, (f->len - f->cursor) * sizeof f->cp[0]);
    f->cp[f->cursor++] = cp;
    f->len++;
    f->cols += w;
    return FIELD_OK;
}

field_status field_backspace(field *f)
{
    if (f->cursor == 0)
        return FIELD_EDGE;
    erase(f, prev_boundary(f, f->cursor), f->cursor);
    return FIELD_OK;
}

field_status field_delete(field *f)
{
    if (f->cursor == f->len)
        return FIELD_EDGE;
    erase(f, f->cursor, next_boundary(f, f->cursor));
    return FIELD_OK;
}

field_status field_left(field *f)
{
    if (f->cursor == 0)
        return FIELD_EDGE;
    f->cursor = prev_boundary(f, f->cursor);
    return FIELD_OK;
}

field_status field_right(field *f)
{
    if (f->cursor == f->len)
        return FIELD_EDGE;
    f->cursor = next_boundary(f, f->cursor);
    return FIELD_OK;
}

field_status field_home(field *f)
{
    if (f->cursor == 0)
        return FIELD_EDGE;
    f->cursor = 0;
    return FIELD_OK;
}

field_status field_end(field *f)
{
    if (f->cursor == f->len)
        return FIELD_EDGE;
    f->cursor = f->len;
    return FIELD_OK;
}

field_status field_set_utf8(field *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = 0, cols = 0, k;
    uint32_t cp;
    /* First pass: check everything, so a refusal leaves the field as it was. */
    for (const unsigned char *q = p; *q; q += k) {
        k = utf8_decode(q, &cp);
        if (k == 0)
            return FIELD_BAD_UTF8;
        field_status st = refusal(cp);
        if (st != FIELD_OK)
            return st;
        if (n >= f->lim.max_chars)
            return FIELD_FULL_CHARS;
        cols += cols_of(cp);
        if (f->lim.max_cols != 0 && cols > f->lim.max_cols)
            return FIELD_FULL_COLS;
        n++;
    }
    field_clear(f);
    for (const unsigned char *q = p; *q; q += k) {
        k = utf8_decode(q, &cp);
        f->cp[f->len++] = cp;
    }
    f->cols = cols;
    f->cursor = f->len;
    return FIELD_OK;
}

size_t field_utf8_size(const field *f)
{
    size_t n = 1;
    for (size_t i = 0; i < f->len; i++)
        n += utf8_len(f->cp[i]);
    return n;
}

field_status field_get_utf8(const field *f, char *out, size_t size)
{
    if (size < field_utf8_size(f)) {
        if (size > 0)
            out[0] = '\0';
        return FIELD_NO_ROOM;
    }
    size_t o = 0;
    for (size_t i = 0; i < f->len; i++)
        o += utf8_put(out + o, f->cp[i]);
    out[o] = '\0';
    return FIELD_OK;
}

size_t field_cursor_cols(const field *f)
{
    return span_cols(f, 0, f->cursor);
}

field_status field_view(field *f, int width, char *out, size_t size, int *cursor_col)
{
    if (width < 1) {
        if (size > 0)
            out[0] = '\0';
        return FIELD_BAD_WIDTH;
    }
    size_t w = (size_t)width;
    size_t cc = field_cursor_cols(f);
    /* The cursor's cell: its whole character, or one cell past the end. */
    size_t ccw = f->cursor < f->len ? span_cols(f, f->cursor, next_boundary(f, f->cursor)) : 1;
    if (ccw == 0)
        ccw = 1;
    /* Text plus the end-of-text cell: fill the view, leave no blank on the right
     * while text is hidden on the left. */
    size_t total = f->cols + 1;
    if (total <= w)
        f->scroll = 0;
    else if (f->scroll > total - w)
        f->scroll = total - w;
    if (cc < f->scroll)
        f->scroll = cc;
    else if (cc + ccw > f->scroll + w)
        f->scroll = ccw > w ? cc : cc + ccw - w;
    if (cursor_col)
        *cursor_col = (int)(cc - f->scroll);

    size_t lo = f->scroll, hi = f->scroll + w, o = 0, c = 0;
    for (size_t i = 0; i < f->len && c < hi;) {
        size_t j = next_boundary(f, i);
        size_t cw = span_cols(f, i, j);
        size_t vlo = c > lo ? c : lo, vhi = c + cw < hi ? c + cw : hi;
        size_t need = 0;
        int whole = (cw == 0) ? (c >= lo) : (vlo == c && vhi == c + cw);
        if (whole) {
            for (size_t k = i; k < j; k++)
                need += utf8_len(f->cp[k]);
        } else if (vhi > vlo) {
            need = vhi - vlo; /* the visible part of a cut character, as spaces */
        }
        if (o + need + 1 > size) {
            if (size > 0)
                out[0] = '\0';
            return FIELD_NO_ROOM;
        }
        if (whole) {
            for (size_t k = i; k < j; k++)
                o += utf8_put(out + o, f->cp[k]);
        } else {
            memset(out + o, ' ', need);
            o += need;
        }
        c += cw;
        i = j;
    }
    if (size == 0)
        return FIELD_NO_ROOM;
    out[o] = '\0';
    return FIELD_OK;
}

const char *field_status_message(field_status st)
{
    switch (st) {
    case FIELD_OK:
        return N_("ok");
    case FIELD_EDGE:
        return N_("the cursor is already at the end of the field");
    case FIELD_CONTROL:
        return N_("control characters cannot be typed into a field");
    case FIELD_NOT_CHAR:
        return N_("not a valid character");
    case FIELD_FULL_CHARS:
        return N_("the field is full (too many characters)");
    case FIELD_FULL_COLS:
        return N_("the field is full (the text is too wide)");
    case FIELD_BAD_UTF8:
        return N_("the text is not valid UTF-8");
    case FIELD_NO_ROOM:
        return N_("the output buffer is too small");
    case FIELD_BAD_WIDTH:
        return N_("the field is narrower than one column");
    }
    return N_("unknown field status");
}
