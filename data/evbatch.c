/* evbatch.c - the batch of events one clerk action records, shared by the
 * desk and the duty files: events and their fields collected up to
 * EVENT_BATCH_MAX, text kept in the batch's arena, and one
 * events_append_many() transaction for all of them. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/desk_int.h"
#include "data/evbatch.h"

void evbatch_init(evbatch *b, store *s, gdate today)
{
    memset(b, 0, sizeof *b);
    b->s = s;
    date_format(today, b->today);
}

evbatch *evbatch_new(store *s, gdate today, char *err, size_t errlen)
{
    evbatch *b = malloc(sizeof *b);
    if (!b) {
        desk_say(err, errlen, N_("out of memory"));
        return NULL;
    }
    evbatch_init(b, s, today);
    return b;
}

void evbatch_free(evbatch *b)
{
    free(b);
}

void evbatch_ev(evbatch *b, const char *type, const char *subject, int32_t staff)
{
    if (b->n == EVENT_BATCH_MAX) {
        b->overflow = true;
        return;
    }
    size_t i = b->n++;
    b->in[i] = (event_in){type, subject, staff, b->f[i], 0};
}

void evbatch_add(evbatch *b, ev_field f)
{
    event_in *in = b->n ? &b->in[b->n - 1] : NULL;
    if (b->overflow || !in || in->nfields == EVBATCH_FIELDS) {
        b->overflow = true;
        return;
    }
    b->f[b->n - 1][in->nfields++] = f;
}

const char *evbatch_keep(evbatch *b, const char *text)
{
    size_t n = strlen(text);
    if (b->used + n + 1 > sizeof b->arena) {
        b->overflow = true;
        return "";
    }
    char *at = b->arena + b->used;
    memcpy(at, text, n + 1);
    b->used += n + 1;
    return at;
}

const char *evbatch_num(evbatch *b, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%" PRId64, v);
    return evbatch_keep(b, buf);
}

int evbatch_commit(evbatch *b, char *err, size_t errlen)
{
    if (b->overflow)
        return 1;
    if (events_append_many(b->s, b->in, b->n, b->out) != 0)
        return desk_say(err, errlen, "%s", store_errmsg(b->s));
    return 0;
}
