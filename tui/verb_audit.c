/* verb_audit.c - `guichet audit verify`: walk the event log's hash chain and
 * name the first broken link (data/audit.h).  Exit 0 when the chain holds,
 * 1 when it is broken, 2 when the database cannot be read. */
#include <inttypes.h>
#include <stdio.h>

#include "data/audit.h"
#include "tui/i18n.h"
#include "tui/verbs.h"

int verb_audit_verify(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_USAGE;
    audit_result r;
    int rc = audit_verify(s, &r);
    if (rc != 0) {
        fprintf(stderr, "%s\n", store_errmsg(s));
        store_close(s);
        return VERB_USAGE;
    }
    store_close(s);
    if (r.problem == AUDIT_OK) {
        printf(_("audit chain intact: %" PRId64 " events checked\n"), r.checked);
        return VERB_OK;
    }
    fprintf(stderr, "%s\n", r.message);
    return VERB_FAIL;
}
