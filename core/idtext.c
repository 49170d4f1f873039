/* idtext.c - trimming, UTF-8 character positions and full-width detection
 * for the identifier validators (see idtext.h). */
#include "core/idtext.h"

#include <string.h>

#include "core/i18n.h"

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *idtext_trim(const char *s, size_t *len)
{
    if (s == NULL) {
        *len = 0;
        return "";
    }
    while (is_blank(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_blank(s[n - 1]))
        n--;
    *len = n;
    return s;
}

/* Expected length of a UTF-8 sequence from its lead byte; 1 for anything
 * that is not a valid lead byte. */
static size_t lead_len(unsigned char c)
{
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 1;
}

size_t idtext_char_len(const char *s, size_t avail)
{
    if (avail == 0)
        return 0;
    size_t want = lead_len((unsigned char)s[0]);
    if (want > avail)
        return 1;
    for (size_t i = 1; i < want; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return want;
}

size_t idtext_char_count(const char *s, size_t n)
{
    size_t count = 0;
    size_t i = 0;
    while (i < n) {
        i += idtext_char_len(s + i, n - i);
        count++;
    }
    return count;
}

/* Full-width forms: U+FF01..U+FF5E (EF BC 81 .. EF BD 9E) mirror ASCII
 * '!'..'~' (digits, letters, '-', '+'); U+3000 is the ideographic space. */
bool idtext_is_fullwidth(const char *s, size_t clen)
{
    const unsigned char *u = (const unsigned char *)s;
    if (clen != 3)
        return false;
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return true;
    if (u[0] != 0xEF)
        return false;
    if (u[1] == 0xBC)
        return u[2] >= 0x81 && u[2] <= 0xBF;
    if (u[1] == 0xBD)
        return u[2] >= 0x80 && u[2] <= 0x9E;
    return false;
}

void idtext_badchar_clear(idtext_badchar *bad)
{
    bad->position = 0;
    bad->bytes[0] = '\0';
    bad->fullwidth = false;
}

void idtext_badchar_set(idtext_badchar *bad, const char *start, const char *at, size_t avail)
{
    size_t clen = idtext_char_len(at, avail);
    bad->position = (int)idtext_char_count(start, (size_t)(at - start)) + 1;
    memcpy(bad->bytes, at, clen);
    bad->bytes[clen] = '\0';
    bad->fullwidth = idtext_is_fullwidth(at, clen);
}

const char *idtext_badchar_hint(const idtext_badchar *bad)
{
    if (bad->fullwidth)
        return N_("this is a full-width (全角) character: switch the input method to half-width (半角) and type it again");
    return NULL;
}
