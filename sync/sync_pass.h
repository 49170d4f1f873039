/* sync_pass.h - one whole pass of guichet-sync (docs/protocol.md, contract
 * §4): push the outbox (sync_push.h), then pull the other terminals' and the
 * centre's changes (sync_pull.h); when the centre holds fewer of this
 * terminal's events than were acknowledged (your_last_seq: it was restored
 * from an older backup), put the later ones back into the outbox
 * (data/sync_import.h sync_requeue_after) and push again in the same pass. */
#ifndef GUICHET_SYNC_PASS_H
#define GUICHET_SYNC_PASS_H

#include "data/store.h"
#include "sync/sync_push.h"

/* Push, pull, and push again after a requeue; DONE only when the outbox is empty and the pull reached
 * has_more = false.  rep is reset first; a failure is also left in meta sync_last_error. */
sync_pass_rc sync_pass(store *s, const sync_conf *c, sync_report *rep);

#endif
