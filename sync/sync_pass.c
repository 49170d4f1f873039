/* sync_pass.c - push, pull, requeue and push again (see sync_pass.h). */
#include "sync/sync_pass.h"

#include <stdio.h>
#include <string.h>

#include "data/sync_import.h"
#include "data/sync_store.h"
#include "sync/sync_pull.h"
#include "sync/sync_i18n.h"

/* Push the events put back into the outbox, adding the counts to rep. */
static sync_pass_rc push_again(store *s, const sync_conf *c, sync_report *rep)
{
    sync_report again;
    sync_pass_rc rc = sync_push_pass(s, c, &again);
    rep->batches += again.batches;
    rep->gzipped += again.gzipped;
    rep->applied += again.applied;
    rep->duplicate += again.duplicate;
    rep->rejected += again.rejected;
    if (again.your_last_seq >= 0)
        rep->your_last_seq = again.your_last_seq;
    if (rc != SYNC_PASS_DONE) {
        memcpy(rep->message, again.message, sizeof rep->message);
        rep->wait_s = again.wait_s;
    }
    return rc;
}

/* After a pull: a centre that lost some of our acknowledged events gets them again. */
static sync_pass_rc requeue_lost(store *s, const sync_conf *c, sync_report *rep)
{
    int64_t n = 0;
    if (rep->your_last_seq < 0)
        return SYNC_PASS_DONE;
    if (sync_requeue_after(s, rep->your_last_seq, &n) != 0) {
        snprintf(rep->message, sizeof rep->message, _("putting events back into the outbox: %s"), store_errmsg(s));
        return SYNC_PASS_ERROR;
    }
    rep->requeued += (long)n;
    return n > 0 ? push_again(s, c, rep) : SYNC_PASS_DONE;
}

sync_pass_rc sync_pass(store *s, const sync_conf *c, sync_report *rep)
{
    sync_pass_rc rc = sync_push_pass(s, c, rep);
    if (rc != SYNC_PASS_DONE && rc != SYNC_PASS_STOP)
        return rc; /* no answer, a refused demo file, a stop or a file error: the pull would fare no better */
    char pushed[SYNC_MSG_LEN];
    memcpy(pushed, rep->message, sizeof pushed);
    long wait = rep->wait_s;
    sync_pass_rc pulled = sync_pull_pass(s, c, rep); /* even when an event was refused: others' cases still come */
    if (rc == SYNC_PASS_DONE && pulled == SYNC_PASS_DONE)
        pulled = requeue_lost(s, c, rep);
    if (rc != SYNC_PASS_DONE) { /* the push's refusal is what the clerk must act on */
        memcpy(rep->message, pushed, sizeof rep->message);
        rep->wait_s = wait;
        return rc;
    }
    if (pulled != SYNC_PASS_DONE && pulled != SYNC_PASS_STOPPED)
        sync_meta_set(s, SYNC_META_LAST_ERROR, rep->message);
    return pulled;
}
