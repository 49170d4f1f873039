/* sync_http.c - the libcurl side of guichet-sync: one POST (its body gzip'd
 * with zlib past SYNC_HTTP_GZIP_MIN bytes) or one GET, their options
 * (CURLOPT_NOSIGNAL, connect timeout, low-speed limit, TLS verification with
 * an optional CA file and pinned public key, [sync] proxy or libcurl's
 * environment rules) and the failure message in words.  Only the sync agent
 * links libcurl (DESIGN.md "Sync"). */
#include "sync/sync_http.h"

#include <ctype.h>
#include <stdint.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#include "sync/sync_i18n.h"

int sync_http_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void sync_http_global_cleanup(void)
{
    curl_global_cleanup();
}

/* Append received bytes to the answer, refusing more than SYNC_HTTP_ANSWER_MAX. */
static size_t on_data(char *p, size_t size, size_t nmemb, void *ud)
{
    sync_http_answer *a = ud;
    size_t n = size * nmemb;
    if (a->len + n > (size_t)SYNC_HTTP_ANSWER_MAX)
        return 0;
    char *grown = realloc(a->body, a->len + n + 1);
    if (!grown)
        return 0;
    memcpy(grown + a->len, p, n);
    a->len += n;
    grown[a->len] = '\0';
    a->body = grown;
    return n;
}

/* Retry-After (delay-seconds or an HTTP-date) from a header line, parsed here: libcurl 7.88 reads a bare number as a date. */
static size_t on_header(char *p, size_t size, size_t nmemb, void *ud)
{
    sync_http_answer *a = ud;
    size_t n = size * nmemb;
    static const char name[] = "retry-after:";
    if (n > sizeof name - 1 && n < 200 && strncasecmp(p, name, sizeof name - 1) == 0) {
        char v[200];
        memcpy(v, p + sizeof name - 1, n - (sizeof name - 1));
        v[n - (sizeof name - 1)] = '\0';
        char *end;
        long secs = strtol(v, &end, 10);
        while (*end == ' ' || *end == '\r' || *end == '\n' || *end == '\t')
            end++;
        if (end != v && !*end && secs >= 0) {
            a->retry_after_s = secs;
        } else {
            time_t when = curl_getdate(v, NULL), now = time(NULL);
            if (when != (time_t)-1)
                a->retry_after_s = when > now ? (long)(when - now) : 0;
        }
    }
    return n;
}

/* "host:port" of url into out (the URL itself when it cannot be parsed). */
static void host_of(const char *url, char *out, size_t len)
{
    snprintf(out, len, "%s", url);
    CURLU *u = curl_url();
    char *host = NULL, *port = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK)
        snprintf(out, len, "%s:%s", host, port);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
}

/* Why no answer came, in words: the system's reason when there is one, else libcurl's. */
static void failure_words(CURL *c, CURLcode code, sync_http_answer *a)
{
    long os_errno = 0;
    char detail[256];
    curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
    if (os_errno != 0 && (code == CURLE_COULDNT_CONNECT || code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR))
        snprintf(detail, sizeof detail, "%s", strerror((int)os_errno));
    else
        snprintf(detail, sizeof detail, "%s", curl_easy_strerror(code));
    detail[0] = (char)tolower((unsigned char)detail[0]);
    int before = code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY ||
                 code == CURLE_COULDNT_CONNECT || code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT;
    if (code == CURLE_SSL_PINNEDPUBKEYNOTMATCH)
        snprintf(detail, sizeof detail, "%s", _("its public key is not the one set in [sync] pinned_pubkey"));
    snprintf(a->error, sizeof a->error, before ? _("cannot reach %s: %s") : _("no answer from %s: %s"), a->host, detail);
}

/* Append line to the list h (freeing it all on failure); the list or NULL. */
static struct curl_slist *add_header(struct curl_slist *h, const char *line)
{
    struct curl_slist *t = curl_slist_append(h, line);
    if (!t)
        curl_slist_free_all(h);
    return t;
}

/* The request headers (a POST's content type and encoding, key); NULL when out of memory. */
static struct curl_slist *headers_for(const sync_http_req *req, int post, int gzipped)
{
    char auth[600], key[200];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", req->token);
    struct curl_slist *h = add_header(NULL, "Expect:"); /* no 100-continue round trip */
    h = h ? add_header(h, auth) : NULL;
    if (h && post)
        h = add_header(h, "Content-Type: application/json");
    if (h && post && gzipped)
        h = add_header(h, "Content-Encoding: gzip");
    if (h && post && req->idem_key) {
        snprintf(key, sizeof key, "Idempotency-Key: %s", req->idem_key);
        h = add_header(h, key);
    }
    return h;
}

int sync_http_gzip(const char *data, size_t len, char **out, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    *out = NULL;
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    uLong cap = deflateBound(&z, (uLong)len) + 32;
    char *buf = malloc(cap);
    int rc = -1;
    if (buf) {
        z.next_in = (Bytef *)(uintptr_t)data;
        z.avail_in = (uInt)len;
        z.next_out = (Bytef *)buf;
        z.avail_out = (uInt)cap;
        if (deflate(&z, Z_FINISH) == Z_STREAM_END) {
            *out = buf;
            *out_len = (size_t)z.total_out;
            rc = 0;
        } else {
            free(buf);
        }
    }
    deflateEnd(&z);
    return rc;
}

/* Set the easy handle's options for req (body: the POST body as sent, NULL for a GET). */
static void set_options(CURL *c, const sync_http_req *req, const char *body, size_t body_len, struct curl_slist *h,
                        sync_http_answer *a, char *errbuf)
{
    curl_easy_setopt(c, CURLOPT_URL, req->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 30L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (req->ca_file && *req->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, req->ca_file);
    if (req->pinned_pubkey && *req->pinned_pubkey)
        curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, req->pinned_pubkey);
    if (req->proxy && *req->proxy) /* "" would turn the proxy off: leave libcurl's environment rules instead */
        curl_easy_setopt(c, CURLOPT_PROXY, req->proxy);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    } else {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, a);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "guichet-sync/1");
}

/* One exchange: a POST of req->body when post, else a GET; 0 when an answer came, -1 when none did. */
static int exchange(const sync_http_req *req, int post, sync_http_answer *ans)
{
    memset(ans, 0, sizeof *ans);
    ans->retry_after_s = -1;
    host_of(req->url, ans->host, sizeof ans->host);
    const char *body = post ? req->body : NULL;
    size_t body_len = post ? req->body_len : 0;
    char *packed = NULL;
    if (post && body_len > SYNC_HTTP_GZIP_MIN && sync_http_gzip(body, body_len, &packed, &body_len) == 0) {
        body = packed;
        ans->gzipped = 1;
    } else if (post) {
        body_len = req->body_len; /* gzip failed (out of memory): send it as it is */
    }
    CURL *c = curl_easy_init();
    struct curl_slist *h = c ? headers_for(req, post, ans->gzipped) : NULL;
    if (!c || !h) {
        snprintf(ans->error, sizeof ans->error, _("cannot reach %s: out of memory"), ans->host);
        curl_easy_cleanup(c);
        free(packed);
        return -1;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    set_options(c, req, body, body_len, h, ans, errbuf);
    CURLcode code = curl_easy_perform(c);
    int rc = 0;
    if (code == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &ans->status);
    } else {
        failure_words(c, code, ans);
        ans->status = 0;
        rc = -1;
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    free(packed);
    return rc;
}

int sync_http_post(const sync_http_req *req, sync_http_answer *ans)
{
    return exchange(req, 1, ans);
}

int sync_http_get(const sync_http_req *req, sync_http_answer *ans)
{
    return exchange(req, 0, ans);
}

void sync_http_answer_free(sync_http_answer *ans)
{
    free(ans->body);
    ans->body = NULL;
    ans->len = 0;
}
