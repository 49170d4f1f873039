/* casenum.h - case numbers (办件编号): CENTRE-TERMINAL-YYYYMMDD-NNNN.
 *
 *   511425-T03-20261123-0007
 *   |      |   |        `-- the terminal's sequence for that day, from 0001
 *   |      |   `----------- the day the case was received
 *   |      `--------------- the terminal's code: numbers stay unique offline
 *   `---------------------- the centre's code (e.g. its 6-digit region code)
 *
 * Codes are 1-12 (centre) and 1-6 (terminal) characters of A-Z and 0-9.
 * Format in docs/storage.md. */
#ifndef GUICHET_CORE_CASENUM_H
#define GUICHET_CORE_CASENUM_H

#include "core/date.h"

#define CASENUM_CENTRE_MAX 12
#define CASENUM_TERMINAL_MAX 6
#define CASENUM_SEQ_MAX 9999
#define CASENUM_LEN (CASENUM_CENTRE_MAX + 1 + CASENUM_TERMINAL_MAX + 1 + 8 + 1 + 4 + 1)

typedef enum {
    CASENUM_OK = 0,
    CASENUM_BAD_CENTRE,   /* centre code empty, too long, or not A-Z 0-9 */
    CASENUM_BAD_TERMINAL, /* terminal code empty, too long, or not A-Z 0-9 */
    CASENUM_BAD_DATE,     /* not a real date */
    CASENUM_BAD_SEQ,      /* sequence outside 1..9999 */
    CASENUM_BAD_SHAPE,    /* parsing: not CENTRE-TERMINAL-YYYYMMDD-NNNN */
} casenum_status;

typedef struct {
    char centre[CASENUM_CENTRE_MAX + 1];
    char terminal[CASENUM_TERMINAL_MAX + 1];
    gdate day;
    int seq;
} casenum_parts;

/* Check a centre or terminal code (max is CASENUM_CENTRE_MAX or CASENUM_TERMINAL_MAX). */
bool casenum_code_valid(const char *code, int max);
/* Write the case number of parts into buf (CASENUM_LEN bytes). */
casenum_status casenum_format(const casenum_parts *p, char *buf);
/* Parse a case number typed by a clerk (lowercase accepted); fills *p. */
casenum_status casenum_parse(const char *s, casenum_parts *p);
/* The message id (N_) for a status. */
const char *casenum_reason(casenum_status st);

#endif
