/* schema_0005_cases.c - migration 5: case numbers and case search.
 *
 * - case_counter: each terminal's daily sequence (the NNNN of
 *   CENTRE-TERMINAL-YYYYMMDD-NNNN), moved on in its own BEGIN IMMEDIATE
 *   transaction by data/cases.c, so two processes on one file never get the
 *   same number and numbers need no network.  A number handed out and never
 *   used (the clerk abandoned the form) leaves a gap: gaps are allowed.
 * - meta 'centre_code' and 'terminal_code': the codes a number starts with;
 *   defaults until the site sets its own (cases_set_codes).
 * - indexes for the clerk's search on 1 000 000 cases (data/cases.c):
 *   the number's tail (YYYYMMDD-NNNN, an expression index), the applicant's
 *   name with the receipt date (prefix search, newest first, covering), and
 *   the receipt date with the name (exports; a broad name prefix walked
 *   newest first).  The name index replaces migration 2's
 *   plain one, which it makes redundant. */
#include "data/migrations.h"

const char schema_0005_cases[] =
    "CREATE TABLE case_counter (\n"
    "  centre   TEXT NOT NULL,\n"
    "  terminal TEXT NOT NULL,\n"
    "  day      TEXT NOT NULL CHECK (length(day) = 10),   -- YYYY-MM-DD\n"
    "  last     INTEGER NOT NULL CHECK (last BETWEEN 0 AND 9999),\n"
    "  PRIMARY KEY (centre, terminal, day)\n"
    ") WITHOUT ROWID;\n"
    "INSERT INTO meta(key, value) VALUES ('centre_code', '000000');\n"
    "INSERT INTO meta(key, value) VALUES ('terminal_code', 'T01');\n"
    "CREATE INDEX cases_day_seq ON cases(substr(case_id, -13));\n"
    "CREATE INDEX cases_name_recent ON cases(applicant_name, received, case_id);\n"
    "DROP INDEX cases_applicant_name;\n"
    "CREATE INDEX cases_received ON cases(received, case_id, applicant_name);\n";
