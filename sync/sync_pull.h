/* sync_pull.h - one pull of guichet-sync (docs/protocol.md "Pull"): GET
 * /v1/changes?cursor=...&limit=200 while has_more, each page read strictly
 * (sync_pull_json.h) and applied with its next_cursor in one transaction
 * (data/sync_import.h sync_import); a 409 resync drops meta sync_cursor and
 * starts again from the beginning, once per pull (ids already here are
 * skipped); the centre's clock offset is kept from server_time as the push
 * does; your_last_seq is left in the report for sync_pass.h. */
#ifndef GUICHET_SYNC_PULL_H
#define GUICHET_SYNC_PULL_H

#include "data/store.h"
#include "sync/sync_push.h"

#define SYNC_PULL_LIMIT 200    /* changes asked for per page */
#define SYNC_CURSOR_MAX 200    /* bytes of a cursor we keep */

/* Pull until has_more is false (DONE, rep->pulled_all = 1) or an exchange fails; adds to rep's pull counts,
 * sets rep->your_last_seq, and on failure rep->message and rep->wait_s (nothing of a bad page applied). */
sync_pass_rc sync_pull_pass(store *s, const sync_conf *c, sync_report *rep);

#endif
