/* sync_import_int.h - inside data/ only: what sync_import.c (the page and
 * foreign events) shares with sync_import_centre.c (centre changes) and
 * sync_unapplied.c (the list of what was not applied). */
#ifndef GUICHET_DATA_SYNC_IMPORT_INT_H
#define GUICHET_DATA_SYNC_IMPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "data/sync_import.h"

#define SYNC_WHY_LEN 512 /* a reason kept in sync_unapplied */

/* Apply one centre change (type "centre.*") inside the caller's transaction and savepoint: 0 applied,
 * 1 refused (why says what and where; the caller rolls back to its savepoint), -1 store error. */
int sync_centre_apply(store *s, const sync_change *c, int64_t now_ms, char *why, size_t whylen);
/* List c in sync_unapplied (replacing an older row of the same id); final: leave it out of case folds; 0 or -1. */
int sync_unapplied_put(store *s, const sync_change *c, const char *reason, bool final, int64_t now_ms);

#endif
