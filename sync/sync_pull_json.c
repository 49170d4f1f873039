/* sync_pull_json.c - the strict reader of a GET /v1/changes answer (see
 * sync_pull_json.h): jansson with duplicate keys refused, then each field
 * checked for presence and type, the first fault named by its JSON path.
 * Fields this version does not know are left alone (a later v1 server may
 * add some); a change of an unknown kind is refused, since stepping over it
 * would lose it for good once the cursor moves on. */
#include "sync/sync_pull_json.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync_i18n.h"

/* Where we are and what went wrong. */
typedef struct {
    char *err;
    size_t errlen;
    int failed;
} reader;

/* Note the first fault: "path.name: what" (what: an N_() message id, translated here). */
static void fault(reader *r, const char *path, const char *name, const char *what)
{
    if (r->failed++)
        return;
    snprintf(r->err, r->errlen, _("the centre's changes are malformed at %s%s%s: %s"), path, *path ? "." : "", name,
             _(what));
}

/* A string field (no NUL inside; non-empty unless may_be_empty); NULL after a fault. */
static const char *text(reader *r, json_t *obj, const char *path, const char *name, int may_be_empty)
{
    json_t *v = json_object_get(obj, name);
    if (!v) {
        fault(r, path, name, N_("missing"));
        return NULL;
    }
    if (!json_is_string(v)) {
        fault(r, path, name, N_("not a string"));
        return NULL;
    }
    const char *s = json_string_value(v);
    if (strlen(s) != json_string_length(v)) {
        fault(r, path, name, N_("holds a NUL character"));
        return NULL;
    }
    if (!may_be_empty && !*s) {
        fault(r, path, name, N_("empty"));
        return NULL;
    }
    return s;
}

/* A whole-number field >= min; min - 1 after a fault. */
static int64_t whole(reader *r, json_t *obj, const char *path, const char *name, int64_t min)
{
    json_t *v = json_object_get(obj, name);
    if (!v)
        fault(r, path, name, N_("missing"));
    else if (!json_is_integer(v))
        fault(r, path, name, N_("not a whole number"));
    else if ((int64_t)json_integer_value(v) < min)
        fault(r, path, name, min == 0 ? N_("negative") : N_("below 1"));
    else
        return (int64_t)json_integer_value(v);
    return min - 1;
}

/* 32 lowercase hex digits. */
static int terminal_id_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return 0;
    return n == 32;
}

/* changes[i] into *c. */
static void read_change(reader *r, json_t *ch, size_t i, sync_change *c)
{
    char path[64], epath[80];
    snprintf(path, sizeof path, "changes[%zu]", i);
    if (!json_is_object(ch)) {
        fault(r, "", path, N_("not an object"));
        return;
    }
    const char *kind = text(r, ch, path, "kind", 0);
    if (kind && strcmp(kind, "event") != 0)
        fault(r, path, "kind", N_("not \"event\" (the only kind this version knows)"));
    json_t *e = json_object_get(ch, "event");
    if (!r->failed && !json_is_object(e))
        fault(r, path, "event", e ? N_("not an object") : N_("missing"));
    if (r->failed)
        return;
    snprintf(epath, sizeof epath, "%s.event", path);
    c->id = text(r, e, epath, "id", 0);
    c->seq = whole(r, e, epath, "seq", 1);
    c->type = text(r, e, epath, "type", 0);
    json_t *subj = json_object_get(e, "subject");
    if (!subj)
        fault(r, epath, "subject", N_("missing"));
    else if (!json_is_null(subj))
        c->subject = text(r, e, epath, "subject", 1);
    c->payload = text(r, e, epath, "payload", 0);
    c->payload_hash = text(r, e, epath, "payload_hash", 0);
    c->staff = whole(r, e, epath, "staff", 0);
    c->staff_code = text(r, e, epath, "staff_code", 0);
    c->created_at = whole(r, e, epath, "created_at", 0);
    c->prev_hash = text(r, e, epath, "prev_hash", 0);
    c->hash = text(r, e, epath, "hash", 0);
    c->terminal = text(r, e, epath, "terminal", 0);
    if (c->terminal && !terminal_id_ok(c->terminal))
        fault(r, epath, "terminal", N_("not 32 lowercase hex digits"));
}

/* The top-level fields other than changes. */
static void read_tail(reader *r, json_t *root, sync_pull_page *p)
{
    p->next_cursor = text(r, root, "", "next_cursor", 0);
    json_t *more = json_object_get(root, "has_more");
    if (!more)
        fault(r, "", "has_more", N_("missing"));
    else if (!json_is_boolean(more))
        fault(r, "", "has_more", N_("not true or false"));
    else
        p->has_more = json_is_true(more);
    p->server_time = whole(r, root, "", "server_time", 1);
    p->your_last_seq = whole(r, root, "", "your_last_seq", 0);
    if (!r->failed && p->has_more && p->n == 0)
        fault(r, "", "has_more", N_("true with no change in the page"));
}

int sync_pull_parse(const char *body, size_t len, sync_pull_page *page, char *err, size_t errlen)
{
    memset(page, 0, sizeof *page);
    reader r = {err, errlen, 0};
    json_error_t je;
    json_t *root = json_loadb(body ? body : "", body ? len : 0, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, _("the centre's changes are not JSON (body line %d column %d: %s)"), je.line, je.column,
                 je.text);
        return -1;
    }
    json_t *changes = json_object_get(root, "changes");
    if (!json_is_object(root))
        fault(&r, "", "body", N_("not an object"));
    else if (!json_is_array(changes))
        fault(&r, "", "changes", changes ? N_("not a list") : N_("missing"));
    size_t n = r.failed ? 0 : json_array_size(changes);
    page->changes = n ? calloc(n, sizeof *page->changes) : NULL;
    if (n && !page->changes)
        fault(&r, "", "changes", N_("out of memory"));
    for (size_t i = 0; !r.failed && i < n; i++)
        read_change(&r, json_array_get(changes, i), i, &page->changes[i]);
    page->n = n;
    if (!r.failed)
        read_tail(&r, root, page);
    page->keep = root;
    if (r.failed) {
        sync_pull_page_free(page);
        return -1;
    }
    return 0;
}

void sync_pull_page_free(sync_pull_page *page)
{
    free(page->changes);
    json_decref(page->keep);
    memset(page, 0, sizeof *page);
}
