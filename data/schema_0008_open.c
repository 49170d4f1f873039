/* schema_0008_open.c - migration 8: the clerk's "open" and "mine" lists leave
 * out delivered cases (出件: the result is in the applicant's hands, nothing
 * is left for the clerk; a delivered case is archived later, which is when
 * `ended` is set, so "not ended" kept every delivered case on the list for
 * good).
 *
 * - cases_open_undelivered: cases neither ended nor delivered, newest first,
 *   with the window and the clerk (the per-window lists and "mine" read it
 *   alone to choose their rows).  It replaces migration 6's
 *   cases_open_recent (not ended), which only those two lists read and which
 *   would keep every delivered case in it until the archive. */
#include "data/migrations.h"

const char schema_0008_open[] =
    "CREATE INDEX cases_open_undelivered ON cases(received, case_id, window_id, clerk, ended, delivered) "
    "WHERE ended IS NULL AND delivered IS NULL;\n"
    "DROP INDEX cases_open_recent;\n";
