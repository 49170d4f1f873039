/* evbatch.h - inside data/ only: the batch of events one clerk action
 * records (the desk's, data/desk_int.h, and the duty files',
 * data/duty_int.h): up to EVENT_BATCH_MAX events with their payload fields
 * and a text arena that keeps copies as long as the batch lives, an
 * overflow flag (too many events, fields or text: nothing is recorded),
 * and the commit that appends them all with events_append_many() as ONE
 * transaction.  Messages go through desk_say (the data/ translator). */
#ifndef GUICHET_DATA_EVBATCH_H
#define GUICHET_DATA_EVBATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "data/events.h"

#define EVBATCH_FIELDS 14    /* payload fields of one event (case.received has 12, a handoff request 11) */
#define EVBATCH_ARENA 24576  /* bytes of text copied for one batch (materials' names read from the store) */

/* The events of one action, recorded with events_append_many() as one transaction. */
typedef struct {
    store *s;
    char today[DATE_STR_LEN];           /* the day of the action, for payload "date" fields */
    event_in in[EVENT_BATCH_MAX];
    ev_field f[EVENT_BATCH_MAX][EVBATCH_FIELDS];
    event_out out[EVENT_BATCH_MAX];     /* what was recorded, after evbatch_commit */
    size_t n;
    bool overflow;                      /* too many events, fields or text: nothing is recorded */
    char arena[EVBATCH_ARENA];
    size_t used;
} evbatch;

/* Make b an empty batch on s for the day today (b's memory zeroed by the caller or not). */
void evbatch_init(evbatch *b, store *s, gdate today);
/* A new, empty batch (evbatch_init); NULL with "out of memory" when it cannot be allocated. */
evbatch *evbatch_new(store *s, gdate today, char *err, size_t errlen);
/* Free a batch from evbatch_new (NULL is fine). */
void evbatch_free(evbatch *b);
/* Start an event of type about subject (may be NULL), signed by staff, with no fields yet. */
void evbatch_ev(evbatch *b, const char *type, const char *subject, int32_t staff);
/* Add a field to the current event (overflow when there is none or it is full). */
void evbatch_add(evbatch *b, ev_field f);
/* Copy text into the batch (it lives as long as the batch); "" (and overflow) when it does not fit. */
const char *evbatch_keep(evbatch *b, const char *text);
/* A number in decimal, kept in the batch (a staff id as a subject). */
const char *evbatch_num(evbatch *b, int64_t v);
/* Record the batch: 0, 1 when it overflowed (nothing tried, err untouched: the caller says why),
 * or -1 with the store's message (nothing recorded). */
int evbatch_commit(evbatch *b, char *err, size_t errlen);

#endif
