/* width.c - measuring UTF-8 text in display columns with core/cwidth.h, so
 * tables of Chinese names line up whatever the locale (LANG=C included). */
#include "tui/width.h"

#include "core/cwidth.h"

/* Decode one UTF-8 sequence; returns its length (1 for an invalid byte, *cp = '?'). */
static int decode(const unsigned char *p, unsigned *cp)
{
    int n = p[0] < 0x80 ? 1 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 0;
    if (n == 0) {
        *cp = '?';
        return 1;
    }
    unsigned v = n == 1 ? p[0] : p[0] & (0x3F >> (n - 1));
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

static int char_width(unsigned cp)
{
    int w = cwidth(cp);
    return w < 0 ? 0 : w;
}

int text_width(const char *s)
{
    int cols = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        p += decode(p, &cp);
        cols += char_width(cp);
    }
    return cols;
}

void print_padded(FILE *out, const char *s, int columns)
{
    int fits = text_width(s) < columns;
    int used = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int len = decode(p, &cp), w = char_width(cp);
        if (!fits && used + w > columns - 3) /* keep room for ".." and a space */
            break;
        fwrite(p, 1, (size_t)len, out);
        used += w;
        p += len;
    }
    if (!fits) {
        fputs("..", out);
        used += 2;
    }
    for (; used < columns; used++)
        fputc(' ', out);
}

/* Bytes of s that fit in `columns`, preferring to end after a space (or at a wide character). */
static size_t fit_prefix(const char *s, int columns)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t last_break = 0;
    int used = 0;
    while (*p) {
        unsigned cp;
        int len = decode(p, &cp), w = char_width(cp);
        if (used + w > columns)
            return last_break ? last_break : (size_t)((const char *)p - s);
        used += w;
        p += len;
        if (cp == ' ' || w == 2)
            last_break = (size_t)((const char *)p - s);
    }
    return (size_t)((const char *)p - s);
}

void print_wrapped(FILE *out, const char *s, int indent, int width)
{
    int columns = width - indent > 10 ? width - indent : 10;
    for (int first = 1; *s; first = 0) {
        if (!first)
            fprintf(out, "%*s", indent, "");
        size_t n = fit_prefix(s, columns);
        if (n == 0)
            n = 1;
        size_t shown = n;
        while (shown > 0 && s[shown - 1] == ' ')
            shown--;
        fwrite(s, 1, shown, out);
        fputc('\n', out);
        s += n;
        while (*s == ' ')
            s++;
    }
}
