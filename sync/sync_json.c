/* sync_json.c - building the POST /v1/events batch with jansson (the payload
 * goes as the canonical string stored on the terminal, never re-encoded, so
 * its SHA-256 is payload_hash) and reading the answer's results. */
#include "sync/sync_json.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "data/staff.h"
#include "sync/sync_i18n.h"

#define CODE_CACHE 32

/* staff num -> code, remembered for one batch. */
typedef struct {
    int n;
    staff_id num[CODE_CACHE];
    char code[CODE_CACHE][STAFF_CODE_BUF];
} code_cache;

/* The staff member's code as JSON (null when there is none or it is unknown). */
static json_t *staff_code(store *s, code_cache *c, staff_id num)
{
    for (int i = 0; i < c->n; i++)
        if (c->num[i] == num)
            return json_string(c->code[i]);
    staff_rec rec;
    char err[256];
    if (num < 1 || staff_get_num(s, num, &rec, err, sizeof err) != STAFF_OK)
        return json_null();
    if (c->n < CODE_CACHE) {
        c->num[c->n] = num;
        snprintf(c->code[c->n++], STAFF_CODE_BUF, "%s", rec.code);
    }
    return json_string(rec.code);
}

/* One event object; NULL when out of memory. */
static json_t *event_json(store *s, code_cache *c, const event_row *r)
{
    return json_pack("{s:s, s:I, s:s, s:o, s:s, s:s, s:i, s:o, s:I, s:s, s:s}",
                     "id", r->id, "seq", (json_int_t)r->seq, "type", r->type,
                     "subject", r->has_subject ? json_string(r->subject) : json_null(),
                     "payload", r->payload ? r->payload : "{}", "payload_hash", r->payload_hash,
                     "staff", (int)r->staff_id, "staff_code", staff_code(s, c, r->staff_id),
                     "created_at", (json_int_t)r->created_at, "prev_hash", r->prev_hash, "hash", r->hash);
}

char *sync_json_batch(store *s, const char *terminal, const event_row *rows, size_t n, char *err, size_t errlen)
{
    code_cache cache = {0};
    json_t *events = json_array();
    json_t *root = events ? json_pack("{s:s, s:o}", "terminal", terminal, "events", events) : NULL;
    for (size_t i = 0; root && i < n; i++) {
        json_t *e = event_json(s, &cache, &rows[i]);
        if (!e || json_array_append_new(events, e) != 0) {
            json_decref(root);
            root = NULL;
        }
    }
    char *body = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (!body)
        snprintf(err, errlen, _("out of memory building a batch of %zu events"), n);
    return body;
}

/* The status word of one result; -1 when unknown. */
static int status_of(const char *word)
{
    static const char *const words[] = {"applied", "duplicate", "rejected"};
    for (int i = 0; i < 3; i++)
        if (word && strcmp(word, words[i]) == 0)
            return i;
    return -1;
}

/* Fill out[k] for the row whose id is `id`; 0, or -1 when no row has it. */
static int match(const event_row *rows, size_t n, const char *id, int st, const char *reason, sync_result *out)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(rows[k].id, id) == 0) {
            out[k] = (sync_result){rows[k].seq, rows[k].id, (sync_status)st, reason};
            return 0;
        }
    return -1;
}

int sync_json_server_time(const char *body, int64_t *ms)
{
    json_t *root = json_loads(body ? body : "", 0, NULL);
    json_t *t = json_object_get(root, "server_time");
    int rc = json_is_integer(t) && json_integer_value(t) > 0 ? 0 : -1;
    if (rc == 0)
        *ms = (int64_t)json_integer_value(t);
    json_decref(root);
    return rc;
}

int sync_json_your_last_seq(const char *body, int64_t *seq)
{
    json_t *root = json_loads(body ? body : "", 0, NULL);
    json_t *t = json_object_get(root, "your_last_seq");
    int rc = json_is_integer(t) && json_integer_value(t) >= 0 ? 0 : -1;
    if (rc == 0)
        *seq = (int64_t)json_integer_value(t);
    json_decref(root);
    return rc;
}

int sync_json_results(const char *body, const event_row *rows, size_t n, sync_result *out, void **keep, char *err,
                      size_t errlen)
{
    json_error_t je;
    json_t *root = json_loads(body ? body : "", 0, &je);
    json_t *res = json_object_get(root, "results");
    *keep = root;
    if (!json_is_array(res)) {
        snprintf(err, errlen, "%s", _("the centre's answer has no results list"));
        return -1;
    }
    for (size_t k = 0; k < n; k++)
        out[k].id = NULL;
    size_t i;
    json_t *r;
    json_array_foreach(res, i, r) {
        const char *id = json_string_value(json_object_get(r, "id"));
        int st = status_of(json_string_value(json_object_get(r, "status")));
        if (!id || st < 0 || match(rows, n, id, st, json_string_value(json_object_get(r, "reason")), out) != 0) {
            snprintf(err, errlen, _("the centre's answer has a result %zu that names no event sent"), i);
            return -1;
        }
    }
    for (size_t k = 0; k < n; k++)
        if (!out[k].id) {
            snprintf(err, errlen, _("the centre's answer has no result for event %s"), rows[k].id);
            return -1;
        }
    return 0;
}

void sync_json_free(void *keep)
{
    json_decref(keep);
}

void sync_json_error_words(const char *body, long status, char *out, size_t len)
{
    json_t *root = json_loads(body ? body : "", 0, NULL);
    json_t *e = json_object_get(root, "error");
    const char *code = json_string_value(json_object_get(e, "code"));
    const char *msg = json_string_value(json_object_get(e, "message"));
    const char *where = json_string_value(json_object_get(e, "where"));
    if (code || msg)
        snprintf(out, len, "HTTP %ld: %s%s%s%s%s%s", status, code ? code : "", code && msg ? ": " : "",
                 msg ? msg : "", where ? " (" : "", where ? where : "", where ? ")" : "");
    else
        snprintf(out, len, "HTTP %ld", status);
    json_decref(root);
}
