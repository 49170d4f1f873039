/* schema_0006_caseview.c - migration 6: indexes for the clerk's case lists and
 * dashboard (data/caseview_list.c), so that every filter reads an index on
 * 1 000 000 cases.  Most of them are partial: open cases are a small share of
 * a terminal's file, so these indexes stay small and only the cases a list
 * can show are ever read.
 *
 * - cases_open_due: open cases (not ended, not concluded) by due date, for
 *   "due soon" and "overdue" (电子监察), soonest first; window_id makes the
 *   per-window lists and counts covering;
 * - cases_open_recent: cases not ended, newest first ("open", "mine");
 * - cases_supplement: cases waiting for 补正 materials, newest first;
 * - cases_deferred_open: 容缺 cases whose auxiliary materials are still
 *   outstanding and no decision taken yet, by the commitment's deadline
 *   (seed 001 篇四 (十)5);
 * - cases_accepted, cases_concluded: the dashboard's "accepted today" and
 *   "concluded today" (receipt dates already have migration 5's index).
 * The columns of each partial index's condition are kept in it too (always
 * NULL or the same value, so they cost a byte or so an entry): SQLite then
 * answers the dashboard's counts from the index alone (COVERING INDEX). */
#include "data/migrations.h"

const char schema_0006_caseview[] =
    "CREATE INDEX cases_open_due ON cases(due, case_id, window_id, ended, concluded) "
    "WHERE ended IS NULL AND concluded IS NULL;\n"
    "CREATE INDEX cases_open_recent ON cases(received, case_id, window_id, clerk, ended) WHERE ended IS NULL;\n"
    "CREATE INDEX cases_supplement ON cases(received, case_id, window_id, status) "
    "WHERE status = 'supplement';\n"
    "CREATE INDEX cases_deferred_open ON cases(deferred_deadline, case_id, window_id, deferred, "
    "deferred_completed, ended, concluded) "
    "WHERE deferred = 1 AND deferred_completed IS NULL AND ended IS NULL AND concluded IS NULL;\n"
    "CREATE INDEX cases_accepted ON cases(accepted, window_id);\n"
    "CREATE INDEX cases_concluded ON cases(concluded, window_id);\n";
