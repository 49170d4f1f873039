/* sync_http.c - the libcurl side of guichet-sync: one POST, its options
 * (CURLOPT_NOSIGNAL, connect timeout, low-speed limit, TLS verification with
 * an optional CA file, libcurl's default proxy handling) and the failure
 * message in words.  Only the sync agent links libcurl (DESIGN.md "Sync"). */
#include "sync/sync_http.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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
    snprintf(a->error, sizeof a->error, before ? "cannot reach %s: %s" : "no answer from %s: %s", a->host, detail);
}

/* The request headers; NULL when out of memory. */
static struct curl_slist *headers_for(const sync_http_req *req)
{
    char auth[600], key[200];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", req->token);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    struct curl_slist *t = h ? curl_slist_append(h, "Expect:") : NULL; /* no 100-continue round trip */
    t = t ? curl_slist_append(t, auth) : NULL;
    if (t && req->idem_key) {
        snprintf(key, sizeof key, "Idempotency-Key: %s", req->idem_key);
        t = curl_slist_append(t, key);
    }
    if (!t)
        curl_slist_free_all(h);
    return t ? h : NULL;
}

/* Set the easy handle's options for req. */
static void set_options(CURL *c, const sync_http_req *req, struct curl_slist *h, sync_http_answer *a, char *errbuf)
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
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, a);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "guichet-sync/1");
}

int sync_http_post(const sync_http_req *req, sync_http_answer *ans)
{
    memset(ans, 0, sizeof *ans);
    ans->retry_after_s = -1;
    host_of(req->url, ans->host, sizeof ans->host);
    CURL *c = curl_easy_init();
    struct curl_slist *h = c ? headers_for(req) : NULL;
    if (!c || !h) {
        snprintf(ans->error, sizeof ans->error, "cannot reach %s: out of memory", ans->host);
        curl_easy_cleanup(c);
        return -1;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    set_options(c, req, h, ans, errbuf);
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
    return rc;
}

void sync_http_answer_free(sync_http_answer *ans)
{
    free(ans->body);
    ans->body = NULL;
    ans->len = 0;
}
