/* idtext.h - the text handling shared by the identifier validators (ID card
 * number, unified social credit code, phone number): trimming what the clerk
 * typed, counting UTF-8 characters so an error names the character position
 * the clerk sees on screen, and recognising full-width characters typed with
 * a Chinese input method left in full-width (全角) mode. */
#ifndef GUICHET_CORE_IDTEXT_H
#define GUICHET_CORE_IDTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* One offending character, as the clerk typed it. */
typedef struct {
    int position;   /* 1-based character (not byte) position in the trimmed value; 0 = none */
    char bytes[5];  /* the character itself, UTF-8, NUL-terminated */
    bool fullwidth; /* a full-width form (e.g. "１", "Ｘ", "－", U+3000): the IME is in 全角 mode */
} idtext_badchar;

/* Skip leading and trailing ASCII blanks (space, tab, CR, LF); returns the
 * first kept byte and stores the kept byte length in *len (0 for NULL). */
const char *idtext_trim(const char *s, size_t *len);
/* Byte length of the UTF-8 character starting at s (1 for an invalid byte;
 * never more than avail). */
size_t idtext_char_len(const char *s, size_t avail);
/* Number of characters (UTF-8 sequences) in the first n bytes of s. */
size_t idtext_char_count(const char *s, size_t n);
/* True when the UTF-8 character at s (clen bytes) is a full-width form. */
bool idtext_is_fullwidth(const char *s, size_t clen);
/* Fill *bad with the character at `at` inside the trimmed value `start`
 * (avail bytes remain from `at`): its position, bytes and full-width flag. */
void idtext_badchar_set(idtext_badchar *bad, const char *start, const char *at, size_t avail);
/* Clear *bad (position 0, empty bytes). */
void idtext_badchar_clear(idtext_badchar *bad);
/* A hint to show next to an illegal-character error: the full-width hint
 * when bad->fullwidth, NULL otherwise.  Message id marked N_(). */
const char *idtext_badchar_hint(const idtext_badchar *bad);

#endif
