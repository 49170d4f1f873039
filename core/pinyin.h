/* pinyin.h - pinyin initials for item search: a clerk types "jhdj" and finds
 * 结婚登记.  Holds the table of initial letters per CJK character (parsed
 * from the text of data/pinyin/initials.txt; data/pinyin.c reads the file),
 * the encoding of an item name into its per-character initial sets
 * ("[cz]q" for 长期: a polyphonic character keeps every initial), and the
 * match of a typed query against those sets (prefix or substring, any
 * reading of a polyphone accepted).  Also the strict UTF-8 decoder the
 * catalogue uses to refuse invalid text.  Pure: no I/O. */
#ifndef GUICHET_CORE_PINYIN_H
#define GUICHET_CORE_PINYIN_H

#include <stddef.h>
#include <stdint.h>

#define PINYIN_FIRST 0x3000u /* lowest code point the table can hold (〇 is U+3007) */
#define PINYIN_LAST 0x9FFFu  /* highest: the end of CJK Unified Ideographs */
#define PINYIN_SPAN (PINYIN_LAST - PINYIN_FIRST + 1u)
#define PINYIN_MAX_CHARS 128 /* characters of a name that take part in initials */
#define PINYIN_SETS_MAX (PINYIN_MAX_CHARS * 29 + 1) /* worst case: "[abc...z]" per character, plus NUL */
#define PINYIN_QUERY_MAX 64  /* letters and digits of a query */

/* Initial letters per character: bit i set = the letter 'a' + i begins one of its readings. */
typedef struct {
    uint32_t initials[PINYIN_SPAN];
    size_t count; /* characters that have at least one reading */
} pinyin_table;

/* Why the table text was refused. */
typedef enum {
    PINYIN_PARSE_OK = 0,
    PINYIN_PARSE_SYNTAX,    /* not "HEX LETTERS [CHAR]" */
    PINYIN_PARSE_RANGE,     /* code point outside U+3000..U+9FFF */
    PINYIN_PARSE_LETTERS,   /* initials not lowercase a-z, or repeated */
    PINYIN_PARSE_DUPLICATE, /* a code point listed twice */
    PINYIN_PARSE_MISMATCH,  /* the character shown is not the code point given */
    PINYIN_PARSE_EMPTY,     /* no character at all */
} pinyin_parse_status;

/* Where the text was refused. */
typedef struct {
    pinyin_parse_status status;
    int line; /* 1-based, 0 when not about a line */
} pinyin_parse_error;

/* How a query matched an item's initials. */
typedef enum {
    PINYIN_NO_MATCH = 0,
    PINYIN_PREFIX,    /* the query matches the first characters */
    PINYIN_SUBSTRING, /* the query matches characters further in */
} pinyin_match;

/* Decode one UTF-8 character of s (avail bytes): its length 1-4 and *cp, or 0 when invalid
 * (truncated, overlong, surrogate, beyond U+10FFFF, stray continuation byte). */
size_t pinyin_utf8_decode(const char *s, size_t avail, uint32_t *cp);
/* Parse the text of an initials file (len bytes) into *t; *t is left empty (count 0) on failure. */
pinyin_parse_status pinyin_parse(pinyin_table *t, const char *text, size_t len, pinyin_parse_error *err);
/* English message id (N_) saying what is wrong with the table text. */
const char *pinyin_parse_reason(pinyin_parse_status st);
/* Initial-letter bits of a code point (0 when it has no reading or lies outside the table). */
uint32_t pinyin_lookup(const pinyin_table *t, uint32_t cp);
/* Encode a UTF-8 name into its initial sets ("80sysgljt", "[cz]q"): ASCII and full-width letters and
 * digits stand for themselves, CJK characters give their initials, everything else is skipped.
 * 0 on success; -1 for invalid UTF-8 or an out buffer that is too small (out is then ""). */
int pinyin_encode(const pinyin_table *t, const char *name, char *out, size_t outlen);
/* Match a typed query (ASCII letters and digits, either case) against encoded sets;
 * anything else in the query, or an empty query, never matches.  *at (if not NULL) receives the
 * 0-based character position of the first match. */
pinyin_match pinyin_match_query(const char *sets, const char *query, size_t *at);

#endif
