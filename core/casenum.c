/* casenum.c - formatting and parsing case numbers (see casenum.h). */
#include "core/casenum.h"
#include "core/digits.h"

#include <string.h>

#include "core/i18n.h"

static char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static bool code_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool casenum_code_valid(const char *code, int max)
{
    size_t n = code ? strlen(code) : 0;
    if (n == 0 || n > (size_t)max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!code_char(code[i]))
            return false;
    return true;
}

casenum_status casenum_format(const casenum_parts *p, char *buf)
{
    if (!casenum_code_valid(p->centre, CASENUM_CENTRE_MAX))
        return CASENUM_BAD_CENTRE;
    if (!casenum_code_valid(p->terminal, CASENUM_TERMINAL_MAX))
        return CASENUM_BAD_TERMINAL;
    if (!date_valid(p->day.y, p->day.m, p->day.d))
        return CASENUM_BAD_DATE;
    if (p->seq < 1 || p->seq > CASENUM_SEQ_MAX)
        return CASENUM_BAD_SEQ;
    size_t c = strlen(p->centre), t = strlen(p->terminal);
    char *o = buf;
    memcpy(o, p->centre, c);
    o += c;
    *o++ = '-';
    memcpy(o, p->terminal, t);
    o += t;
    *o++ = '-';
    digits_put(o, (unsigned)p->day.y, 4);
    digits_put(o + 4, (unsigned)p->day.m, 2);
    digits_put(o + 6, (unsigned)p->day.d, 2);
    o += 8;
    *o++ = '-';
    digits_put(o, (unsigned)p->seq, 4);
    o[4] = '\0';
    return CASENUM_OK;
}

/* Copy the code that ends at the next '-' (upper-cased); returns the position after the '-'. */
static const char *take_code(const char *s, char *dst, int max)
{
    int n = 0;
    while (*s && *s != '-') {
        if (n == max)
            return NULL;
        dst[n++] = upper(*s++);
    }
    dst[n] = '\0';
    return *s == '-' ? s + 1 : NULL;
}

casenum_status casenum_parse(const char *s, casenum_parts *p)
{
    memset(p, 0, sizeof *p);
    if (!s)
        return CASENUM_BAD_SHAPE;
    const char *r = take_code(s, p->centre, CASENUM_CENTRE_MAX);
    r = r ? take_code(r, p->terminal, CASENUM_TERMINAL_MAX) : NULL;
    if (!r || strlen(r) != 13 || r[8] != '-')
        return CASENUM_BAD_SHAPE;
    if (!casenum_code_valid(p->centre, CASENUM_CENTRE_MAX))
        return CASENUM_BAD_CENTRE;
    if (!casenum_code_valid(p->terminal, CASENUM_TERMINAL_MAX))
        return CASENUM_BAD_TERMINAL;
    int y = digits_value(r, 4), m = digits_value(r + 4, 2), d = digits_value(r + 6, 2), seq = digits_value(r + 9, 4);
    if (y < 0 || m < 0 || d < 0 || seq < 0)
        return CASENUM_BAD_SHAPE;
    if (!date_valid(y, m, d))
        return CASENUM_BAD_DATE;
    if (seq < 1)
        return CASENUM_BAD_SEQ;
    p->day = (gdate){y, m, d};
    p->seq = seq;
    return CASENUM_OK;
}

const char *casenum_reason(casenum_status st)
{
    switch (st) {
    case CASENUM_OK:
        return N_("valid case number");
    case CASENUM_BAD_CENTRE:
        return N_("the centre code must be 1 to 12 letters or digits");
    case CASENUM_BAD_TERMINAL:
        return N_("the terminal code must be 1 to 6 letters or digits");
    case CASENUM_BAD_DATE:
        return N_("the date in the case number is not a real date");
    case CASENUM_BAD_SEQ:
        return N_("the daily sequence of a case number runs from 0001 to 9999");
    case CASENUM_BAD_SHAPE:
        break;
    }
    return N_("a case number looks like 511425-T03-20261123-0007");
}
