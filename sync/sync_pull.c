/* sync_pull.c - the pull loop (see sync_pull.h): the URL with its cursor,
 * one GET per page, what each status does, and the page applied through
 * data/sync_import.h (no SQL here). */
#include "sync/sync_pull.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "data/events.h"
#include "data/sync_import.h"
#include "data/sync_store.h"
#include "sync/sync_backoff.h"
#include "sync/sync_http.h"
#include "sync/sync_i18n.h"
#include "sync/sync_json.h"
#include "sync/sync_pull_json.h"

/* How one page ended, beyond the pass outcomes. */
enum { PAGE_RESYNC = 100 };

/* base + "/v1/changes?limit=N" + "&cursor=" + the cursor percent-encoded (when there is one). */
static void changes_url(const char *base, const char *cursor, char *url, size_t len)
{
    size_t n = strlen(base);
    while (n > 0 && base[n - 1] == '/')
        n--;
    int used = snprintf(url, len, "%.*s/v1/changes?limit=%d", (int)n, base, SYNC_PULL_LIMIT);
    if (!cursor || used < 0 || (size_t)used >= len)
        return;
    size_t at = (size_t)used;
    at += (size_t)snprintf(url + at, len - at, "&cursor=");
    for (const unsigned char *p = (const unsigned char *)cursor; *p && at + 4 < len; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                     *p == '-' || *p == '.' || *p == '_' || *p == '~';
        at += (size_t)(plain ? snprintf(url + at, len - at, "%c", *p) : snprintf(url + at, len - at, "%%%02X", *p));
    }
}

/* The centre's clock minus ours, taken at the middle of the exchange (as sync_push.c does). */
static void keep_clock_offset(store *s, int64_t server_ms, int64_t sent_ms, int64_t got_ms)
{
    char v[32];
    snprintf(v, sizeof v, "%lld", (long long)(server_ms - (sent_ms + got_ms) / 2));
    sync_meta_set(s, SYNC_META_CLOCK_OFFSET, v);
}

/* Apply a parsed page; DONE or ERROR. */
static sync_pass_rc apply_page(store *s, const sync_pull_page *p, sync_report *rep)
{
    sync_import_report ir;
    memset(&ir, 0, sizeof ir);
    if (sync_import(s, p->changes, p->n, p->next_cursor, !p->has_more, events_now_ms(), &ir) != 0) {
        snprintf(rep->message, sizeof rep->message, _("applying the centre's changes: %s"), store_errmsg(s));
        return SYNC_PASS_ERROR;
    }
    rep->stored += ir.stored;
    rep->unapplied += ir.unapplied;
    rep->known += ir.known;
    rep->centre += ir.centre;
    rep->refused += ir.refused;
    rep->your_last_seq = p->your_last_seq;
    rep->pages++;
    return SYNC_PASS_DONE;
}

/* A 200 answer: read, check it moves on, apply; next (SYNC_CURSOR_MAX + 1) receives the new cursor. */
static sync_pass_rc answered(store *s, const sync_http_answer *a, const char *cursor, int64_t sent_ms, char *next,
                             int *more, sync_report *rep)
{
    sync_pull_page p;
    char err[400];
    if (sync_pull_parse(a->body, a->len, &p, err, sizeof err) != 0) {
        snprintf(rep->message, sizeof rep->message, "%.400s (%.150s)", err, a->host);
        rep->wait_s = sync_backoff_seconds(1, -1);
        return SYNC_PASS_RETRY;
    }
    sync_pass_rc rc = SYNC_PASS_RETRY;
    if (strlen(p.next_cursor) > SYNC_CURSOR_MAX)
        snprintf(rep->message, sizeof rep->message, _("the centre's changes are malformed at next_cursor: longer "
                                                      "than %d bytes (%.150s)"), SYNC_CURSOR_MAX, a->host);
    else if (p.has_more && cursor && strcmp(p.next_cursor, cursor) == 0)
        snprintf(rep->message, sizeof rep->message, _("the centre's changes are malformed at next_cursor: it did "
                                                      "not move on while has_more is true (%.150s)"), a->host);
    else
        rc = SYNC_PASS_DONE;
    if (rc == SYNC_PASS_DONE) {
        keep_clock_offset(s, p.server_time, sent_ms, events_now_ms());
        rc = apply_page(s, &p, rep);
        snprintf(next, SYNC_CURSOR_MAX + 1, "%s", p.next_cursor);
        *more = p.has_more;
    } else {
        rep->wait_s = sync_backoff_seconds(1, -1);
    }
    sync_pull_page_free(&p);
    return rc;
}

/* One GET of the page after cursor (NULL: from the start) and what its answer does. */
static int one_page(store *s, const sync_conf *c, const char *cursor, char *next, int *more, sync_report *rep)
{
    char url[1400], words[400];
    changes_url(c->server, cursor, url, sizeof url);
    sync_http_req req = {url, c->token, NULL, c->ca_file, NULL, 0, c->proxy, c->pinned_pubkey};
    sync_http_answer a;
    int64_t sent_ms = events_now_ms();
    int rc;
    if (sync_http_get(&req, &a) != 0) {
        snprintf(rep->message, sizeof rep->message, "%s", a.error);
        rep->wait_s = sync_backoff_seconds(1, -1);
        rc = SYNC_PASS_RETRY;
    } else if (a.status == 200) {
        rc = answered(s, &a, cursor, sent_ms, next, more, rep);
    } else if (a.status == 409) {
        rc = PAGE_RESYNC;
    } else {
        bool later = a.status == 408 || a.status == 429 || a.status >= 500;
        sync_json_error_words(a.body, a.status, words, sizeof words);
        snprintf(rep->message, sizeof rep->message, later ? _("the centre (%.150s) is busy or failing: %.400s")
                                                          : _("the centre (%.150s) refused the pull: %.400s"), a.host, words);
        rep->wait_s = sync_backoff_seconds(1, a.retry_after_s);
        rc = later ? SYNC_PASS_RETRY : SYNC_PASS_STOP;
    }
    sync_http_answer_free(&a);
    return rc;
}

sync_pass_rc sync_pull_pass(store *s, const sync_conf *c, sync_report *rep)
{
    char cursor[SYNC_CURSOR_MAX + 1], next[SYNC_CURSOR_MAX + 1];
    int have = sync_meta_get(s, SYNC_META_CURSOR, cursor, sizeof cursor);
    bool resynced = false;
    rep->pulled_all = 0;
    if (have < 0) {
        snprintf(rep->message, sizeof rep->message, _("reading the pull cursor: %s"), store_errmsg(s));
        return SYNC_PASS_ERROR;
    }
    for (;;) {
        int more = 0;
        int rc = one_page(s, c, have == 0 ? cursor : NULL, next, &more, rep);
        if (rc == PAGE_RESYNC && resynced) {
            snprintf(rep->message, sizeof rep->message, "%s",
                     _("the centre refused the pull cursor twice in one pass (409 resync): try again later"));
            rep->wait_s = sync_backoff_seconds(1, -1);
            return SYNC_PASS_RETRY;
        }
        if (rc == PAGE_RESYNC) { /* the centre's file was replaced or restored: from the start again */
            if (sync_meta_del(s, SYNC_META_CURSOR) != 0) {
                snprintf(rep->message, sizeof rep->message, _("dropping the pull cursor: %s"), store_errmsg(s));
                return SYNC_PASS_ERROR;
            }
            resynced = true;
            rep->resyncs++;
            have = 1;
            continue;
        }
        if (rc != SYNC_PASS_DONE)
            return (sync_pass_rc)rc;
        if (!more) {
            rep->pulled_all = 1;
            return SYNC_PASS_DONE;
        }
        memcpy(cursor, next, sizeof cursor);
        have = 0;
        if (c->stop && *c->stop) {
            snprintf(rep->message, sizeof rep->message, "%s", _("stopped before every change was taken"));
            return SYNC_PASS_STOPPED;
        }
    }
}
