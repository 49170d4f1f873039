/* catalog_scan.h - inside data/ only: a line index of a catalogue file, built
 * from its raw text, because iniparser keeps no line numbers.  It records
 * every section header and key line the way iniparser 4.1 reads them
 * (names trimmed and lowercased, "\" continuation lines joined) with the
 * line where each starts, the section name as written (iniparser lowercases
 * it, item codes keep their case), and what iniparser would silently get
 * wrong: a value cut at ";" or "#", a line too long for its buffer.  Also
 * the encoding check run before anything else (UTF-8, no BOM, no control
 * characters). */
#ifndef GUICHET_DATA_CATALOG_SCAN_H
#define GUICHET_DATA_CATALOG_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#define CSCAN_NAME_MAX 128  /* bytes of a section name or key kept (longer ones are flagged) */
#define CSCAN_LINE_MAX 1000 /* bytes of one logical line: iniparser 4.1 refuses lines over 1022 */

/* One [section] header. */
typedef struct {
    int line;
    char name[CSCAN_NAME_MAX];  /* between the brackets, trimmed, as written */
    char lower[CSCAN_NAME_MAX]; /* the same lowercased: iniparser's name for it */
    bool too_long;              /* the name did not fit CSCAN_NAME_MAX */
    size_t key_first, nkeys;    /* its keys: keys[key_first .. key_first + nkeys) */
} cscan_section;

/* One "key = value" line. */
typedef struct {
    int section;               /* index in sections; -1 before the first header */
    int line;                  /* where it starts */
    char key[CSCAN_NAME_MAX];  /* trimmed and lowercased, as iniparser stores it */
    bool cut;                  /* unquoted value with ';' or '#': iniparser drops the rest */
    bool too_long;             /* the logical line is over CSCAN_LINE_MAX bytes */
} cscan_key;

/* The index of one file. */
typedef struct {
    cscan_section *sections;
    size_t nsections;
    cscan_key *keys;
    size_t nkeys;
} cscan;

/* The first encoding problem of text (len bytes): 0 when none, else its 1-based line and a message. */
int cscan_encoding(const char *text, size_t len, char *what, size_t whatlen);
/* Build the index of text (len bytes); 0, or -1 when out of memory. */
int cscan_build(cscan *s, const char *text, size_t len);
/* Free the index (the struct itself is the caller's). */
void cscan_free(cscan *s);
/* The first section whose lowercased name is lower, searching from index `from`; -1 if none. */
int cscan_find_section(const cscan *s, const char *lower, size_t from);
/* The first key `key` of section `section` (index) at key index `from` or later; -1 if none. */
int cscan_find_key(const cscan *s, int section, const char *key, size_t from);

#endif
