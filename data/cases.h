/* cases.h - cases as the clerk finds and numbers them: allocating case
 * numbers offline (CENTRE-TERMINAL-YYYYMMDD-NNNN, core/casenum.h), the
 * search box (case number or its tail, applicant name prefix, ID number,
 * telephone), and the supervisor's CSV export.  No SQL here: tui/ may
 * include this file.  Every function returns 0, or -1 with store_errmsg(s)
 * saying what and where; bad input changes nothing.
 *
 * Case numbers.  Each terminal keeps its own daily counter in the file
 * (table case_counter, migration 5); cases_new_number() moves it on in its
 * own BEGIN IMMEDIATE transaction, so two processes on one file never get the
 * same number, and no network is needed: the terminal code in the number
 * keeps numbers unique across terminals while offline.  A number is handed
 * out when the clerk opens the intake form and is used by the case.received
 * event; a form abandoned leaves a GAP in the day's sequence.  Gaps are
 * allowed and expected (0001, 0002, 0004): the sequence promises uniqueness,
 * not continuity.  A number already used by a case in this file (a counter
 * restored from an older copy) is skipped.  Over 9999 numbers in one day on
 * one terminal is refused with a message: give a busy second desk its own
 * terminal code.
 *
 * Search.  What the clerk typed (outer blanks trimmed, full-width ０-９ Ａ-Ｚ
 * －＋ typed in 全角 mode read as ASCII) is read as, in this order:
 *   1. a whole case number (lower case accepted): exact;
 *   2. its tail: "YYYYMMDD-NNNN" (that day's number NNNN, any centre or
 *      terminal in this file), anything longer ending in it
 *      ("T03-20261123-0007"), or "NNNN" / "7" alone: TODAY's number NNNN;
 *   3. an ID number (18 characters, or 15 digits) or a unified social
 *      credit code: normalised by core/ident.h (a lowercase x is fine), exact;
 *      one that fails its check is refused with the reason, not searched;
 *   4. a telephone number (core/phone.h: "+86 138-0013-8000" finds
 *      13800138000), exact on the normalised form;
 *   5. anything else: a PREFIX of the applicant's name ("王" finds 王芳 and
 *      王秀英; "王芳" finds 王芳 and 王芳芳).  Substrings ("芳") are not
 *      searched: LIKE '%x%' reads every row, a prefix is a range of the
 *      index.  A prefix most cases share (a bare common surname: more than
 *      CASES_NAME_BROAD cases) is found by walking the cases newest first
 *      instead of sorting the whole range.
 * Hits come newest first (receipt date, then number), at most `max`.
 * Every path uses an index (cases_search_plan shows the plan; a test checks
 * it), so a search answers in milliseconds on 1 000 000 cases (bench/).
 * The projection stores the applicant's ID and phone as the case.received
 * event carried them: verbs record the normalised forms (ident's id.number,
 * phone's number) so that they are found.
 *
 * Export.  cases_export_csv() writes the cases received in [from, to] as
 * RFC 4180 CSV (comma, CRLF, fields quoted when they hold a comma, quote,
 * CR or LF, quotes doubled), UTF-8 preceded by a byte-order mark by default
 * (Excel on Chinese Windows reads UTF-8 without a BOM as GBK and garbles
 * every name).  The ID number keeps only its first 6 and last 4 characters
 * and the telephone its first 3 and last 4 digits ("110105********002X",
 * "138****8000"): an export leaves the terminal and travels by mail and USB
 * stick, and a supervisor's figures never need the full numbers. */
#ifndef GUICHET_DATA_CASES_H
#define GUICHET_DATA_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/case.h"
#include "core/casenum.h"
#include "core/date.h"
#include "core/event.h"
#include "data/store.h"

#define CASES_HITS_MAX 500     /* largest `max` a search accepts */
#define CASES_QUERY_MAX 160    /* bytes of a query (a name is at most 127) */
#define CASES_SEARCH_MS 20     /* the latency target bench/ measures against (never asserted) */
#define CASES_NAME_BROAD 2000  /* a name prefix shared by this many cases is searched newest first */

/* ---- case numbers ------------------------------------------------------------ */

/* The centre and terminal codes of this file (meta 'centre_code', 'terminal_code'). */
int cases_codes(store *s, char centre[CASENUM_CENTRE_MAX + 1], char terminal[CASENUM_TERMINAL_MAX + 1]);
/* Set both codes (lowercase accepted, stored upper case; checked by casenum_code_valid). */
int cases_set_codes(store *s, const char *centre, const char *terminal);
/* Allocate the next case number of `day` for this terminal, in its own transaction. */
int cases_new_number(store *s, gdate day, char out[CASENUM_LEN]);
/* Allocate n (1..9999) numbers of `day` in one transaction (bulk loads: the demo seeder); all or none. */
int cases_new_numbers(store *s, gdate day, int n, char (*out)[CASENUM_LEN]);

/* ---- search -------------------------------------------------------------------- */

/* How a query was read. */
typedef enum {
    CASES_BY_NUMBER = 0, /* a whole case number */
    CASES_BY_TAIL,       /* YYYYMMDD-NNNN (or NNNN for today), possibly with more of the number before it */
    CASES_BY_ID,         /* ID number or USCC, normalised */
    CASES_BY_PHONE,      /* telephone, normalised */
    CASES_BY_NAME,       /* applicant name prefix */
    CASES_BY_COUNT
} cases_by;

/* A query as read: what is looked up. */
typedef struct {
    cases_by by;
    char key[CASES_QUERY_MAX + 1];    /* NUMBER: the number; TAIL: "YYYYMMDD-NNNN"; ID, PHONE: normalised; NAME: prefix */
    char alt[2][CASES_QUERY_MAX + 1]; /* TAIL: [0] what the number must end with (upper case, "" for any);
                                         ID: [0] with a lowercase x, [1] as typed (an old 15-digit number);
                                         NAME: [0] the exclusive upper bound of the prefix range */
} cases_query;

/* One case found. */
typedef struct {
    char case_id[EV_SUBJECT_MAX + 1];
    char item[64];
    char item_name[201];          /* from the catalogue; "" when the item is no longer in it */
    case_class cls;
    case_status status;
    char applicant_name[128];
    char applicant_id[33];
    char applicant_phone[33];
    char window_id[64];
    char received[DATE_STR_LEN];
    char due[DATE_STR_LEN];       /* "" when none */
} case_hit;

/* Read a query (today: the day a bare "NNNN" refers to); 0, or -1 with a message in err (empty, bad ID ...). */
int cases_query_read(const char *query, gdate today, cases_query *q, char *err, size_t errlen);
/* Search, newest first: up to max (1..CASES_HITS_MAX) hits into hits, *n how many; "NNNN" means today's (local date). */
int cases_search(store *s, const char *query, case_hit *hits, int max, int *n);
/* The same with an explicit today. */
int cases_search_on(store *s, gdate today, const char *query, case_hit *hits, int max, int *n);
/* The EXPLAIN QUERY PLAN of the statement a search would run, one step per line, into buf (tests, bench). */
int cases_search_plan(store *s, gdate today, const char *query, char *buf, size_t len);
/* Stable ASCII name of a query kind ("number", "tail", "id", "phone", "name"). */
const char *cases_by_name(cases_by by);

/* ---- export ---------------------------------------------------------------------- */

#define CASES_EXPORT_NO_BOM 1u /* leave out the UTF-8 byte-order mark */

/* Write the cases received in [from, to] (YYYY-MM-DD, inclusive) as CSV with a BOM to out. */
int cases_export_csv(store *s, const char *from, const char *to, FILE *out);
/* The same with flags (CASES_EXPORT_*); *rows (may be NULL) gets the number of cases written. */
int cases_export_csv_flags(store *s, const char *from, const char *to, unsigned flags, FILE *out, long *rows);
/* Mask an ID number: first 6 and last 4 characters kept, the rest '*' (shorter values: all '*'); returns buf. */
char *cases_mask_id(const char *id, char *buf, size_t len);
/* Mask a telephone: first 3 and last 4 digits kept, other digits '*', separators kept; returns buf. */
char *cases_mask_phone(const char *phone, char *buf, size_t len);

#endif
