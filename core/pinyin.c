/* pinyin.c - the pinyin initials table, a name's initial sets and the match
 * of a typed query against them (see pinyin.h).
 *
 * Sets are text so they can be stored in the catalogue: a character with one
 * initial is that letter, a polyphone lists its initials in brackets ("[cz]"
 * for 长), letters and digits of the name stand for themselves.  A query
 * matches at a position when each of its letters belongs to the set of the
 * character at that position onwards: "zq" and "cq" both find 长期. */
#include "core/pinyin.h"

#include <stdbool.h>
#include <string.h>

#include "core/i18n.h"

/* Bits 0-25: letters a-z; bits 26-35: digits 0-9 (sets only; the table holds letters). */
typedef uint64_t set_bits;

size_t pinyin_utf8_decode(const char *s, size_t avail, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (avail == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t n;
    uint32_t c, min;
    if ((u[0] & 0xE0) == 0xC0) {
        n = 2, c = u[0] & 0x1Fu, min = 0x80;
    } else if ((u[0] & 0xF0) == 0xE0) {
        n = 3, c = u[0] & 0x0Fu, min = 0x800;
    } else if ((u[0] & 0xF8) == 0xF0) {
        n = 4, c = u[0] & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (u[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

uint32_t pinyin_lookup(const pinyin_table *t, uint32_t cp)
{
    if (!t || cp < PINYIN_FIRST || cp > PINYIN_LAST)
        return 0;
    return t->initials[cp - PINYIN_FIRST];
}

/* --- the table text ---------------------------------------------------------- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* One data line "HEX LETTERS [CHAR]" (no newline); fills *cp and *bits. */
static pinyin_parse_status parse_line(const char *p, const char *end, uint32_t *cp, uint32_t *bits)
{
    uint32_t v = 0;
    int digits = 0;
    for (; p < end && hex_value(*p) >= 0 && digits < 6; p++, digits++)
        v = v * 16 + (uint32_t)hex_value(*p);
    if (digits < 4 || p == end || (*p != ' ' && *p != '\t'))
        return PINYIN_PARSE_SYNTAX;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    uint32_t b = 0;
    const char *letters = p;
    for (; p < end && *p != ' ' && *p != '\t'; p++) {
        if (*p < 'a' || *p > 'z' || (b & (1u << (*p - 'a'))))
            return PINYIN_PARSE_LETTERS;
        b |= 1u << (*p - 'a');
    }
    if (p == letters)
        return PINYIN_PARSE_SYNTAX;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p < end) { /* the character itself, as a check on the code point */
        uint32_t shown = 0;
        size_t n = pinyin_utf8_decode(p, (size_t)(end - p), &shown);
        if (n == 0 || p + n != end)
            return PINYIN_PARSE_SYNTAX;
        if (shown != v)
            return PINYIN_PARSE_MISMATCH;
    }
    if (v < PINYIN_FIRST || v > PINYIN_LAST)
        return PINYIN_PARSE_RANGE;
    *cp = v;
    *bits = b;
    return PINYIN_PARSE_OK;
}

/* Parse into `into` (already zeroed); stops at the first bad line. */
static pinyin_parse_status parse_all(pinyin_table *into, const char *text, size_t len, int *bad_line)
{
    const char *p = text, *end = text + len;
    int line = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end;
        line++;
        const char *e = stop;
        while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if (e > p && *p != '#') {
            uint32_t cp = 0, bits = 0;
            pinyin_parse_status st = parse_line(p, e, &cp, &bits);
            if (st == PINYIN_PARSE_OK && into->initials[cp - PINYIN_FIRST] != 0)
                st = PINYIN_PARSE_DUPLICATE;
            if (st != PINYIN_PARSE_OK) {
                *bad_line = line;
                return st;
            }
            into->initials[cp - PINYIN_FIRST] = bits;
            into->count++;
        }
        p = eol ? eol + 1 : end;
    }
    return into->count == 0 ? PINYIN_PARSE_EMPTY : PINYIN_PARSE_OK;
}

pinyin_parse_status pinyin_parse(pinyin_table *t, const char *text, size_t len, pinyin_parse_error *err)
{
    pinyin_parse_error none = {PINYIN_PARSE_OK, 0};
    if (!err)
        err = &none;
    memset(t, 0, sizeof *t);
    int line = 0;
    pinyin_parse_status st = text ? parse_all(t, text, len, &line) : PINYIN_PARSE_EMPTY;
    err->status = st;
    err->line = line;
    if (st != PINYIN_PARSE_OK)
        memset(t, 0, sizeof *t);
    return st;
}

const char *pinyin_parse_reason(pinyin_parse_status st)
{
    switch (st) {
    case PINYIN_PARSE_OK: return N_("no error");
    case PINYIN_PARSE_SYNTAX: return N_("expected a hexadecimal code point, its initial letters and the character");
    case PINYIN_PARSE_RANGE: return N_("code point outside U+3000..U+9FFF");
    case PINYIN_PARSE_LETTERS: return N_("initials must be distinct lowercase letters a-z");
    case PINYIN_PARSE_DUPLICATE: return N_("code point listed twice");
    case PINYIN_PARSE_MISMATCH: return N_("the character shown is not the code point given");
    case PINYIN_PARSE_EMPTY: return N_("no character in the file");
    }
    return N_("unknown error");
}

/* --- encoding a name ------------------------------------------------------------ */

/* The set of one character of a name: ASCII or full-width letters and digits, or CJK initials. */
static set_bits char_set(const pinyin_table *t, uint32_t cp)
{
    if (cp >= 0xFF10 && cp <= 0xFF19) /* full-width digits ０-９ */
        cp = cp - 0xFF10 + '0';
    else if (cp >= 0xFF21 && cp <= 0xFF3A) /* full-width Ａ-Ｚ */
        cp = cp - 0xFF21 + 'a';
    else if (cp >= 0xFF41 && cp <= 0xFF5A) /* full-width ａ-ｚ */
        cp = cp - 0xFF41 + 'a';
    if (cp >= 'A' && cp <= 'Z')
        cp = cp - 'A' + 'a';
    if (cp >= 'a' && cp <= 'z')
        return (set_bits)1 << (cp - 'a');
    if (cp >= '0' && cp <= '9')
        return (set_bits)1 << (26 + cp - '0');
    return pinyin_lookup(t, cp);
}

static char bit_char(int bit)
{
    return bit < 26 ? (char)('a' + bit) : (char)('0' + bit - 26);
}

static int bit_count(set_bits s)
{
    int n = 0;
    for (; s; s &= s - 1)
        n++;
    return n;
}

/* Append one set to out (used bytes so far in *used); -1 when it does not fit. */
static int append_set(set_bits s, char *out, size_t outlen, size_t *used)
{
    int many = bit_count(s) > 1;
    size_t need = (size_t)bit_count(s) + (many ? 2u : 0u);
    if (*used + need + 1 > outlen)
        return -1;
    if (many)
        out[(*used)++] = '[';
    for (int b = 0; b < 36; b++)
        if (s & ((set_bits)1 << b))
            out[(*used)++] = bit_char(b);
    if (many)
        out[(*used)++] = ']';
    out[*used] = '\0';
    return 0;
}

int pinyin_encode(const pinyin_table *t, const char *name, char *out, size_t outlen)
{
    if (!out || outlen == 0)
        return -1;
    out[0] = '\0';
    if (!name)
        return -1;
    size_t len = strlen(name), used = 0;
    int chars = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = pinyin_utf8_decode(name + i, len - i, &cp);
        if (n == 0) {
            out[0] = '\0';
            return -1;
        }
        i += n;
        set_bits s = char_set(t, cp);
        if (s == 0 || chars >= PINYIN_MAX_CHARS)
            continue;
        if (append_set(s, out, outlen, &used) != 0) {
            out[0] = '\0';
            return -1;
        }
        chars++;
    }
    return 0;
}

/* --- matching -------------------------------------------------------------------- */

static int char_bit(char c)
{
    if (c >= 'A' && c <= 'Z')
        c = (char)(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= '0' && c <= '9')
        return 26 + c - '0';
    return -1;
}

/* Decode encoded sets into bit masks; the count, or -1 when the text is not a valid encoding. */
static int decode_sets(const char *sets, set_bits *v, int cap)
{
    int n = 0;
    for (const char *p = sets; *p;) {
        set_bits s = 0;
        if (*p == '[') {
            for (p++; *p && *p != ']'; p++) {
                if (char_bit(*p) < 0)
                    return -1;
                s |= (set_bits)1 << char_bit(*p);
            }
            if (*p != ']')
                return -1;
            p++;
        } else {
            if (char_bit(*p) < 0)
                return -1;
            s = (set_bits)1 << char_bit(*p++);
        }
        if (n == cap)
            return -1;
        v[n++] = s;
    }
    return n;
}

static bool matches_at(const set_bits *v, const int *q, size_t nq, size_t at)
{
    for (size_t j = 0; j < nq; j++)
        if (!(v[at + j] & ((set_bits)1 << q[j])))
            return false;
    return true;
}

pinyin_match pinyin_match_query(const char *sets, const char *query, size_t *at)
{
    int q[PINYIN_QUERY_MAX];
    size_t nq = 0;
    if (!sets || !query)
        return PINYIN_NO_MATCH;
    for (const char *p = query; *p; p++) {
        int b = char_bit(*p);
        if (b < 0 || nq == PINYIN_QUERY_MAX)
            return PINYIN_NO_MATCH;
        q[nq++] = b;
    }
    set_bits v[PINYIN_MAX_CHARS];
    int n = decode_sets(sets, v, PINYIN_MAX_CHARS);
    if (nq == 0 || n < 0 || (size_t)n < nq)
        return PINYIN_NO_MATCH;
    for (size_t i = 0; i + nq <= (size_t)n; i++) {
        if (matches_at(v, q, nq, i)) {
            if (at)
                *at = i;
            return i == 0 ? PINYIN_PREFIX : PINYIN_SUBSTRING;
        }
    }
    return PINYIN_NO_MATCH;
}
