/* msgfmt.c - a bounded string builder for located error messages, shared by
 * the calendar and keymap parsers (core/ has no stdio). */
#include "core/msgfmt.h"

#include <string.h>

typedef struct {
    char *buf;
    size_t len, used;
} outbuf;

static void put(outbuf *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n && o->used + 1 < o->len; i++)
        o->buf[o->used++] = s[i];
    o->buf[o->used] = '\0';
}

static void put_int(outbuf *o, int v)
{
    char digits[12];
    int n = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[sizeof digits - 1 - n++] = '-';
    put(o, digits + sizeof digits - n, (size_t)n);
}

char *msgfmt_located(char *buf, size_t len, const char *file, int line, const char *fmt, const char *s, int d)
{
    outbuf o = {buf, len, 0};
    if (len == 0)
        return buf;
    buf[0] = '\0';
    int located = 0;
    if (file && file[0]) {
        put(&o, file, strlen(file));
        located = 1;
    }
    if (line > 0) {
        if (located)
            put(&o, ":", 1);
        put_int(&o, line);
        located = 1;
    }
    if (located)
        put(&o, ": ", 2);
    for (const char *f = fmt; *f; f++) {
        if (f[0] == '%' && f[1] == 's') {
            put(&o, s ? s : "", s ? strlen(s) : 0);
            f++;
        } else if (f[0] == '%' && f[1] == 'd') {
            put_int(&o, d);
            f++;
        } else if (f[0] == '%' && f[1] == '%') {
            put(&o, "%", 1);
            f++;
        } else {
            put(&o, f, 1);
        }
    }
    return buf;
}
