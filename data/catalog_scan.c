/* catalog_scan.c - the raw-text line index of a catalogue file and its
 * encoding check (see catalog_scan.h).  The line rules mirror iniparser 4.1:
 * trailing blanks are dropped, a line ending in "\" continues on the next,
 * "#" or ";" at the start makes a comment, "[name]" a section, "key = value"
 * a key; a value in double or single quotes may hold ";" and "#". */
#include "data/catalog_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pinyin.h"

/* --- encoding ---------------------------------------------------------------- */

int cscan_encoding(const char *text, size_t len, char *what, size_t whatlen)
{
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        snprintf(what, whatlen, "the file starts with a UTF-8 byte-order mark (BOM): save it as UTF-8 without BOM");
        return 1;
    }
    int line = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            line++;
            i++;
            continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
            snprintf(what, whatlen, "control character 0x%02X (only tab and line ends are allowed)", c);
            return line;
        }
        uint32_t cp = 0;
        size_t n = pinyin_utf8_decode(text + i, len - i, &cp);
        if (n == 0) {
            snprintf(what, whatlen, "invalid UTF-8 (byte 0x%02X): the file must be UTF-8", c);
            return line;
        }
        i += n;
    }
    return 0;
}

/* --- the index ----------------------------------------------------------------- */

static void copy_trimmed(char *dst, size_t cap, const char *b, const char *e, bool lower, bool *too_long)
{
    while (b < e && (*b == ' ' || *b == '\t'))
        b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    size_t n = (size_t)(e - b);
    *too_long = n >= cap;
    if (n >= cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++) {
        char c = b[i];
        dst[i] = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    dst[n] = '\0';
}

/* Grow an array of `size`-byte elements to hold at least n + 1 (doubling). */
static int reserve(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t want = *cap ? *cap * 2 : 64;
    void *bigger = realloc(*v, want * size);
    if (!bigger)
        return -1;
    *v = bigger;
    *cap = want;
    return 0;
}

static int push_section(cscan *s, const cscan_section *sec, size_t *cap)
{
    if (reserve((void **)&s->sections, cap, s->nsections, sizeof *s->sections) != 0)
        return -1;
    s->sections[s->nsections] = *sec;
    s->sections[s->nsections].key_first = s->nkeys;
    s->sections[s->nsections++].nkeys = 0;
    return 0;
}

static int push_key(cscan *s, const cscan_key *k, size_t *cap)
{
    if (reserve((void **)&s->keys, cap, s->nkeys, sizeof *s->keys) != 0)
        return -1;
    s->keys[s->nkeys++] = *k;
    if (k->section >= 0)
        s->sections[k->section].nkeys++;
    return 0;
}

/* Does an unquoted value hold a character iniparser takes as the start of a comment? */
static bool value_is_cut(const char *v, const char *e)
{
    while (v < e && (*v == ' ' || *v == '\t'))
        v++;
    if (v < e && (*v == '"' || *v == '\'')) {
        const char *close = memchr(v + 1, *v, (size_t)(e - v - 1));
        if (close)
            return false;
    }
    for (; v < e; v++)
        if (*v == ';' || *v == '#')
            return true;
    return false;
}

/* Classify one logical line [b, e) that started on line `line`; caps are the arrays' capacities. */
static int scan_logical(cscan *s, const char *b, const char *e, int line, size_t bytes, size_t caps[2])
{
    while (b < e && (*b == ' ' || *b == '\t'))
        b++;
    if (b == e || *b == '#' || *b == ';')
        return 0;
    if (*b == '[' && e[-1] == ']') {
        cscan_section sec = {.line = line};
        const char *close = memchr(b, ']', (size_t)(e - b));
        bool tl = false;
        copy_trimmed(sec.name, sizeof sec.name, b + 1, close, false, &sec.too_long);
        copy_trimmed(sec.lower, sizeof sec.lower, b + 1, close, true, &tl);
        return push_section(s, &sec, &caps[0]);
    }
    const char *eq = memchr(b, '=', (size_t)(e - b));
    if (!eq)
        return 0; /* a syntax error: iniparser has reported it already */
    cscan_key k = {.section = (int)s->nsections - 1, .line = line};
    copy_trimmed(k.key, sizeof k.key, b, eq, true, &k.too_long);
    k.cut = value_is_cut(eq + 1, e);
    k.too_long = k.too_long || bytes > CSCAN_LINE_MAX;
    return push_key(s, &k, &caps[1]);
}

/* The end of physical line p (before "\r\n" or "\n"), and the start of the next. */
static const char *line_end(const char *p, const char *end, const char **next)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *next = nl ? nl + 1 : end;
    const char *e = nl ? nl : end;
    while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
        e--;
    return e;
}

int cscan_build(cscan *s, const char *text, size_t len)
{
    memset(s, 0, sizeof *s);
    const char *p = text, *end = text + len;
    int line = 0;
    size_t caps[2] = {0, 0};
    char *joined = malloc(len + 1); /* a logical line never exceeds the file */
    if (!joined)
        return -1;
    while (p < end) {
        int first = line + 1;
        size_t used = 0;
        for (;;) { /* join "\" continuations as iniparser does (the backslash is dropped) */
            const char *next;
            const char *e = line_end(p, end, &next);
            line++;
            bool more = e > p && e[-1] == '\\' && next < end;
            size_t n = (size_t)(e - p) - (more ? 1u : 0u);
            memcpy(joined + used, p, n);
            used += n;
            p = next;
            if (!more)
                break;
        }
        if (scan_logical(s, joined, joined + used, first, used, caps) != 0) {
            free(joined);
            cscan_free(s);
            return -1;
        }
    }
    free(joined);
    return 0;
}

void cscan_free(cscan *s)
{
    free(s->sections);
    free(s->keys);
    memset(s, 0, sizeof *s);
}

int cscan_find_section(const cscan *s, const char *lower, size_t from)
{
    for (size_t i = from; i < s->nsections; i++)
        if (strcmp(s->sections[i].lower, lower) == 0)
            return (int)i;
    return -1;
}

int cscan_find_key(const cscan *s, int section, const char *key, size_t from)
{
    if (section < 0 || (size_t)section >= s->nsections)
        return -1;
    const cscan_section *sec = &s->sections[section];
    for (size_t i = from > sec->key_first ? from : sec->key_first; i < sec->key_first + sec->nkeys; i++)
        if (strcmp(s->keys[i].key, key) == 0)
            return (int)i;
    return -1;
}
