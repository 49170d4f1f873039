/* test_srv_store.c - guichetd's store and its endpoint functions without
 * HTTP: events stored once by id, duplicates and conflicts (never
 * overwritten), batch answers replayed byte for byte, the change feed (after
 * a cursor, other terminals only, in server seq order), tokens (revoked or
 * unknown refused), a foreign file left untouched, centre changes (stored
 * as events of the centre's terminal id with their own seq and hash chain,
 * pulled by every terminal; bad input stores nothing), your_last_seq, and
 * cursors that name the id at their seq (a restored backup gets 409). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/srv_api.h"
#include "server/srv_auth.h"
#include "server/srv_centre.h"
#include "server/srv_centre_admin.h"
#include "server/srv_json.h"
#include "server/srv_store.h"

#define TERM_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define TERM_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define ZERO64 "0000000000000000000000000000000000000000000000000000000000000000"

static char dir[64];
static char path[128];
static srv_store *st;

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichetd-store-XXXXXX");
    if (!mkdtemp(dir) || srv_auth_init() != 0)
        return -1;
    snprintf(path, sizeof path, "%s/s.db", dir);
    char err[SRV_ERR_LEN];
    st = srv_store_open(path, err, sizeof err);
    return st ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    srv_store_close(st);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* An event whose payload is {"n":N}, with its real hash in hashbuf. */
static srv_event make_event(const char *id, int n, char *payload, char *hashbuf)
{
    sprintf(payload, "{\"n\":%d}", n);
    srv_sha256_hex(payload, strlen(payload), hashbuf);
    srv_event e = {.id = id, .seq = n, .type = "case.accepted", .subject = "S-1", .payload = payload,
                   .payload_hash = hashbuf, .staff = 3, .staff_code = "demo-a", .created_at = 1763900000000,
                   .prev_hash = ZERO64, .hash = ZERO64};
    return e;
}

static void test_event_stored_once_by_id(void **state)
{
    (void)state;
    char p[32], h[65], stored[65] = "";
    srv_event e = make_event("01890a5d-ac96-774b-bcce-b302099a8057", 1, p, h);
    assert_int_equal(srv_event_put(st, TERM_A, &e, 1, stored), 0);
    int64_t n = 0;
    assert_int_equal(srv_events_count(st, &n), 0);
    assert_int_equal(n, 1);
    /* the same id again: a duplicate, its hash reported, still one row */
    assert_int_equal(srv_event_put(st, TERM_A, &e, 2, stored), 1);
    assert_string_equal(stored, h);
    assert_int_equal(srv_events_count(st, &n), 0);
    assert_int_equal(n, 1);
}

typedef struct {
    int n;
    int64_t seqs[16];
    char terminals[16][33];
    char payloads[16][32];
} collected;

static int collect(void *ctx, int64_t server_seq, const char *terminal_id, const srv_event *e)
{
    collected *c = ctx;
    c->seqs[c->n] = server_seq;
    snprintf(c->terminals[c->n], 33, "%s", terminal_id);
    snprintf(c->payloads[c->n], 32, "%s", e->payload);
    c->n++;
    return 0;
}

static void test_conflict_never_overwrites(void **state)
{
    (void)state;
    char p1[32], h1[65], p2[32], h2[65], stored[65] = "";
    srv_event e1 = make_event("01890a5d-ac96-774b-bcce-b302099a8057", 1, p1, h1);
    srv_event e2 = make_event("01890a5d-ac96-774b-bcce-b302099a8057", 2, p2, h2);
    assert_int_equal(srv_event_put(st, TERM_A, &e1, 1, stored), 0);
    assert_int_equal(srv_event_put(st, TERM_B, &e2, 2, stored), 1);
    assert_string_equal(stored, h1);
    assert_string_not_equal(stored, h2);
    collected c = {0};
    assert_int_equal(srv_events_after(st, 0, NULL, 10, collect, &c), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.payloads[0], "{\"n\":1}");
    assert_string_equal(c.terminals[0], TERM_A);
}

static void test_changes_exclude_own_in_seq_order(void **state)
{
    (void)state;
    static const char *ids[] = {"01890a5d-ac96-774b-bcce-b302099a8001", "01890a5d-ac96-774b-bcce-b302099a8002",
                                "01890a5d-ac96-774b-bcce-b302099a8003", "01890a5d-ac96-774b-bcce-b302099a8004",
                                "01890a5d-ac96-774b-bcce-b302099a8005"};
    static const char *from[] = {TERM_B, TERM_A, TERM_B, TERM_B, TERM_A};
    char p[5][32], h[5][65], stored[65];
    for (int i = 0; i < 5; i++) {
        srv_event e = make_event(ids[i], i + 1, p[i], h[i]);
        assert_int_equal(srv_event_put(st, from[i], &e, i, stored), 0);
    }
    collected c = {0};
    assert_int_equal(srv_events_after(st, 1, TERM_A, 10, collect, &c), 0);
    assert_int_equal(c.n, 2); /* after seq 1: B's 3rd and 4th, none of A's */
    assert_int_equal(c.seqs[0], 3);
    assert_int_equal(c.seqs[1], 4);
    assert_string_equal(c.terminals[0], TERM_B);
    assert_string_equal(c.payloads[1], "{\"n\":4}");

    /* through the endpoint: A pulls with limit 1, then follows next_cursor */
    srv_terminal a = {.row = 1};
    snprintf(a.terminal_id, sizeof a.terminal_id, "%s", TERM_A);
    srv_reply r = {0};
    srv_api_changes(st, &a, NULL, "1", 9, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"next_cursor\":\"v1.1.b302099a8001\",\"has_more\":true"));
    assert_non_null(strstr(r.body, ids[0]));
    srv_reply_free(&r);
    srv_api_changes(st, &a, "v1.1.b302099a8001", "1000", 9, &r);
    assert_int_equal(r.status, 200);
    assert_true(strstr(r.body, ids[2]) < strstr(r.body, ids[3]));
    assert_null(strstr(r.body, ids[1]));
    assert_null(strstr(r.body, ids[4]));
    assert_non_null(strstr(r.body, "\"next_cursor\":\"v1.5.b302099a8005\",\"has_more\":false"));
    srv_reply_free(&r);
    /* cursors the server never gave, and a bad limit */
    srv_api_changes(st, &a, "v1.6", NULL, 9, &r);
    assert_int_equal(r.status, 409);
    assert_non_null(strstr(r.body, "\"resync\""));
    srv_reply_free(&r);
    srv_api_changes(st, &a, "v2.1", NULL, 9, &r);
    assert_int_equal(r.status, 409);
    srv_reply_free(&r);
    srv_api_changes(st, &a, "v1.01", NULL, 9, &r);
    assert_int_equal(r.status, 409);
    srv_reply_free(&r);
    srv_api_changes(st, &a, NULL, "1001", 9, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "\"where\":\"limit\""));
    srv_reply_free(&r);
}

static void test_revoked_and_unknown_tokens_refused(void **state)
{
    (void)state;
    char token[SRV_TOKEN_HEX + 1], hash[SRV_HASH_HEX + 1], bearer[80];
    srv_token_new(token, hash);
    assert_int_equal(srv_terminal_add(st, "w03", hash, 1), 0);
    assert_int_equal(srv_terminal_add(st, "w03", hash, 1), 1);
    snprintf(bearer, sizeof bearer, "Bearer %s", token);
    srv_terminal t;
    assert_int_equal(srv_auth_check(st, bearer, &t), 0);
    assert_string_equal(t.name, "w03");
    assert_int_equal(srv_auth_check(st, NULL, &t), 1);
    assert_int_equal(srv_auth_check(st, token, &t), 1); /* no "Bearer " */
    bearer[10] = bearer[10] == 'a' ? 'b' : 'a';
    assert_int_equal(srv_auth_check(st, bearer, &t), 1);
    bearer[10] = token[3];
    assert_int_equal(srv_terminal_revoke(st, "w03", 2), 0);
    assert_int_equal(srv_terminal_revoke(st, "w03", 2), 1);
    assert_int_equal(srv_auth_check(st, bearer, &t), 1);
    srv_reply r = {0};
    assert_int_equal(srv_api_auth(st, bearer, 3, &t, &r), -1);
    assert_int_equal(r.status, 401);
    srv_reply_free(&r);
    /* the token itself is nowhere in the file */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "grep -qa %s '%s' '%s-wal' 2>/dev/null", token, path, path);
    assert_int_not_equal(system(cmd), 0);
}

static char *body_with(const char *id, const char *payload_text, const char *payload_json_escaped)
{
    char h[65];
    srv_sha256_hex(payload_text, strlen(payload_text), h);
    char *b = malloc(2048);
    snprintf(b, 2048,
             "{\"terminal\":\"%s\",\"events\":[{\"id\":\"%s\",\"seq\":1,\"type\":\"case.accepted\",\"subject\":null,"
             "\"payload\":\"%s\",\"payload_hash\":\"%s\",\"staff\":3,\"staff_code\":\"demo-a\","
             "\"created_at\":1763900000000,\"prev_hash\":\"%s\",\"hash\":\"%s\"}]}",
             TERM_A, id, payload_json_escaped, h, ZERO64, ZERO64);
    return b;
}

static void test_batch_replay_returns_stored_answer(void **state)
{
    (void)state;
    char token[SRV_TOKEN_HEX + 1], hash[SRV_HASH_HEX + 1];
    srv_token_new(token, hash);
    assert_int_equal(srv_terminal_add(st, "w03", hash, 1), 0);
    srv_terminal t;
    assert_int_equal(srv_terminal_by_token(st, hash, &t), 0);
    const char *key = "0190a000-0000-7000-8000-000000000001";
    char *body = body_with("01890a5d-ac96-774b-bcce-b302099a8057", "{\"n\":1}", "{\\\"n\\\":1}");
    srv_reply r1 = {0}, r2 = {0}, r3 = {0};
    srv_api_push(st, &t, key, body, strlen(body), 100, &r1);
    assert_int_equal(r1.status, 200);
    assert_non_null(strstr(r1.body, "\"status\":\"applied\""));
    srv_api_push(st, &t, key, body, strlen(body), 200, &r2); /* later clock: same bytes anyway */
    assert_int_equal(r2.status, 200);
    assert_string_equal(r1.body, r2.body);
    int64_t owner = 0;
    char *kept = NULL;
    assert_int_equal(srv_batch_get(st, key, &owner, &kept), 0);
    assert_string_equal(kept, r1.body);
    assert_int_equal(owner, t.row);
    free(kept);
    srv_api_push(st, &t, "0190a000-0000-7000-8000-000000000002", body, strlen(body), 300, &r3);
    assert_non_null(strstr(r3.body, "\"status\":\"duplicate\""));
    /* the first push bound the token to TERM_A */
    srv_terminal again;
    assert_int_equal(srv_terminal_by_token(st, hash, &again), 0);
    assert_string_equal(again.terminal_id, TERM_A);
    srv_reply_free(&r1);
    srv_reply_free(&r2);
    srv_reply_free(&r3);
    free(body);
}

static void test_bad_values_rejected_bad_shape_refused(void **state)
{
    (void)state;
    char token[SRV_TOKEN_HEX + 1], hash[SRV_HASH_HEX + 1];
    srv_token_new(token, hash);
    assert_int_equal(srv_terminal_add(st, "w03", hash, 1), 0);
    srv_terminal t;
    assert_int_equal(srv_terminal_by_token(st, hash, &t), 0);
    srv_reply r = {0};
    /* a payload that is not an object: answered per event, nothing stored */
    char *body = body_with("01890a5d-ac96-774b-bcce-b302099a8057", "[1]", "[1]");
    srv_api_push(st, &t, "0190a000-0000-7000-8000-000000000003", body, strlen(body), 1, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"status\":\"rejected\",\"reason\":\"payload: not a JSON object\""));
    srv_reply_free(&r);
    free(body);
    /* an unknown field: 400 naming where */
    const char *odd = "{\"terminal\":\"" TERM_A "\",\"events\":[{\"id\":\"x\",\"colour\":1}]}";
    srv_api_push(st, &t, "0190a000-0000-7000-8000-000000000004", odd, strlen(odd), 1, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "\"where\":\"events[0].colour\""));
    srv_reply_free(&r);
    /* invalid UTF-8 */
    const char *bad = "{\"terminal\":\"\xff\",\"events\":[]}";
    srv_api_push(st, &t, "0190a000-0000-7000-8000-000000000005", bad, strlen(bad), 1, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "\"bad_json\""));
    srv_reply_free(&r);
    /* no idempotency key */
    srv_api_push(st, &t, NULL, odd, strlen(odd), 1, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "Idempotency-Key"));
    srv_reply_free(&r);
    int64_t n = -1;
    assert_int_equal(srv_events_count(st, &n), 0);
    assert_int_equal(n, 0);
}

static void test_foreign_file_left_untouched(void **state)
{
    (void)state;
    char other[160], err[SRV_ERR_LEN];
    snprintf(other, sizeof other, "%s/text.db", dir);
    FILE *f = fopen(other, "w");
    assert_non_null(f);
    fputs("not a database\n", f);
    fclose(f);
    assert_null(srv_store_open(other, err, sizeof err));
    assert_non_null(strstr(err, "not a guichetd database"));
    char buf[64] = "";
    f = fopen(other, "r");
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "not a database\n");
    assert_int_equal(srv_store_schema_version(st), 2);
}


/* --- centre changes ------------------------------------------------------------ */

/* Run a centre verb with `pin` as its standard input; the exit status, out/err filled. */
static int centre(const char *pin, char *out, size_t outlen, char *err, size_t errlen, int argc, ...)
{
    char *argv[8];
    va_list ap;
    va_start(ap, argc);
    for (int i = 0; i < argc; i++)
        argv[i] = va_arg(ap, char *);
    va_end(ap);
    char pinbuf[32];
    snprintf(pinbuf, sizeof pinbuf, "%s", pin ? pin : "");
    FILE *in = fmemopen(pinbuf, strlen(pinbuf) ? strlen(pinbuf) : 1, "r");
    FILE *o = fmemopen(out, outlen, "w");
    assert_true(srv_centre_words_ok(argc, argv));
    int rc = srv_centre_run(st, argc, argv, in, o, err, errlen);
    fclose(o);
    fclose(in);
    return rc;
}

typedef struct {
    int n;
    int64_t seq[16], staff[16];
    char terminal[16][33], type[16][32], subject[16][32], payload[16][600], prev[16][65], hash[16][65], id[16][37];
    char payload_hash[16][65], staff_code[16][16];
} feed_rows;

static int keep_row(void *ctx, int64_t server_seq, const char *terminal_id, const srv_event *e)
{
    (void)server_seq;
    feed_rows *f = ctx;
    int i = f->n++;
    snprintf(f->terminal[i], 33, "%s", terminal_id);
    snprintf(f->type[i], 32, "%s", e->type);
    snprintf(f->subject[i], 32, "%s", e->subject ? e->subject : "(null)");
    snprintf(f->payload[i], 600, "%s", e->payload);
    snprintf(f->prev[i], 65, "%s", e->prev_hash);
    snprintf(f->hash[i], 65, "%s", e->hash);
    snprintf(f->id[i], 37, "%s", e->id);
    snprintf(f->payload_hash[i], 65, "%s", e->payload_hash);
    snprintf(f->staff_code[i], 16, "%s", e->staff_code);
    f->seq[i] = e->seq;
    f->staff[i] = e->staff;
    return 0;
}

static void test_centre_changes_are_chained_events(void **state)
{
    (void)state;
    char out[256], err[SRV_ERR_LEN];
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 4, "window", "add", "w01", "综合窗口"), 0);
    assert_string_equal(out, "centre change 1: centre.window W01\n");
    assert_int_equal(centre("583914\n", out, sizeof out, err, sizeof err, 7, "staff", "add", "Wang", "王芳",
                            "supervisor,clerk", "--windows", "W01"), 0);
    assert_int_equal(centre("729461\n", out, sizeof out, err, sizeof err, 7, "staff", "add", "li", "李娜", "clerk",
                            "--windows", "w01"), 0);
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 6, "roster", "set", "2026-11-24", "W01", "wang",
                            "li"), 0);
    assert_string_equal(out, "centre change 4: centre.roster W01\n");
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 5, "case", "event", "S-1", "case.note",
                            "{\"z\":1,\"a\":[true]}"), 0);
    feed_rows f = {0};
    assert_int_equal(srv_events_after(st, 0, TERM_A, 100, keep_row, &f), 0); /* a terminal gets them all */
    assert_int_equal(f.n, 5);
    assert_string_equal(f.payload[0], "{\"code\":\"W01\",\"name\":\"综合窗口\"}");
    assert_non_null(strstr(f.payload[1], "{\"active\":true,\"code\":\"wang\",\"name\":\"王芳\",\"num\":1,"
                                         "\"pin_hash\":\"$argon2id$v=19$m=16384,t=3,p=1$"));
    assert_non_null(strstr(f.payload[1], "\"roles\":\"clerk,supervisor\",\"windows\":[\"W01\"]}"));
    assert_non_null(strstr(f.payload[2], "\"num\":2,"));
    assert_string_equal(f.payload[3], "{\"a\":\"wang\",\"b\":\"li\",\"day\":\"2026-11-24\",\"window\":\"W01\"}");
    assert_string_equal(f.payload[4], "{\"a\":[true],\"z\":1}");
    assert_string_equal(f.type[4], "case.note");
    assert_string_equal(f.subject[4], "S-1");
    char prev[65] = ZERO64;
    for (int i = 0; i < 5; i++) {
        assert_string_equal(f.terminal[i], SRV_CENTRE_TERMINAL);
        assert_int_equal(f.staff[i], 0);
        assert_string_equal(f.staff_code[i], "centre");
        assert_int_equal(f.seq[i], i + 1);
        assert_true(srv_uuid_valid(f.id[i], true));
        char h[65], text[1024];
        srv_sha256_hex(f.payload[i], strlen(f.payload[i]), h);
        assert_string_equal(f.payload_hash[i], h);
        assert_string_equal(f.prev[i], prev);
        /* the chain hash, spelled out: prev "\n" id "\n" type "\n" subject "\n" payload_hash */
        snprintf(text, sizeof text, "%s\n%s\n%s\n%s\n%s", prev, f.id[i], f.type[i], f.subject[i], f.payload_hash[i]);
        srv_sha256_hex(text, strlen(text), h);
        assert_string_equal(f.hash[i], h);
        snprintf(prev, sizeof prev, "%s", f.hash[i]);
    }
    /* the PIN hash verifies with the PIN typed */
    srv_staff wang;
    assert_int_equal(srv_staff_get(st, "wang", &wang), 0);
    assert_int_equal(crypto_pwhash_str_verify(wang.pin_hash, "583914", 6), 0);
    /* a null subject hashes as "" */
    char a[65], b[65];
    srv_centre_hash(ZERO64, "x", "centre.catalog", NULL, ZERO64, a);
    srv_centre_hash(ZERO64, "x", "centre.catalog", "", ZERO64, b);
    assert_string_equal(a, b);
}

static void test_centre_bad_input_stores_nothing(void **state)
{
    (void)state;
    char out[256] = "", err[SRV_ERR_LEN];
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 4, "window", "add", "W01", "综合窗口"), 0);
    assert_int_equal(centre("583914\n", out, sizeof out, err, sizeof err, 7, "staff", "add", "wang", "王芳", "clerk",
                            "--windows", "W01"), 0);
    assert_int_equal(centre("729461\n", out, sizeof out, err, sizeof err, 5, "staff", "add", "li", "李娜", "clerk"), 0);
    int64_t before = 0, after = 0;
    assert_int_equal(srv_events_count(st, &before), 0);
    out[0] = '\0';
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 4, "window", "add", "W01", "again"), 1);
    assert_non_null(strstr(err, "already exists"));
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 4, "window", "add", "W 1", "x"), 1);
    assert_int_equal(centre("123456\n", out, sizeof out, err, sizeof err, 5, "staff", "add", "zhang", "张", "clerk"), 1);
    assert_non_null(strstr(err, "PIN for zhang"));
    assert_int_equal(centre("", out, sizeof out, err, sizeof err, 5, "staff", "add", "zhang", "张", "clerk"), 1);
    assert_int_equal(centre("583914\n", out, sizeof out, err, sizeof err, 5, "staff", "add", "zhang", "张", "boss"), 1);
    assert_non_null(strstr(err, "unknown role \"boss\""));
    assert_int_equal(centre("583914\n", out, sizeof out, err, sizeof err, 7, "staff", "add", "zhang", "张", "clerk",
                            "--windows", "W09"), 1);
    assert_non_null(strstr(err, "no window W09"));
    assert_int_equal(centre("583914\n", out, sizeof out, err, sizeof err, 5, "staff", "add", "wang", "王", "clerk"), 1);
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 6, "roster", "set", "2026-02-30", "W01", "wang",
                            "li"), 1);
    assert_non_null(strstr(err, "not a real date"));
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 6, "roster", "set", "2026-11-24", "W02", "wang",
                            "li"), 1);
    assert_non_null(strstr(err, "W02"));
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 6, "roster", "set", "2026-11-24", "W01", "wang",
                            "li"), 1); /* li does not serve W01 */
    assert_non_null(strstr(err, "does not serve window W01"));
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 6, "roster", "set", "2026-11-24", "W01", "wang",
                            "wang"), 1);
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 3, "staff", "activate", "li"), 1);
    assert_non_null(strstr(err, "already active"));
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 3, "staff", "deactivate", "nobody"), 1);
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 5, "case", "event", "S-1", "centre.x", "{}"), 1);
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 5, "case", "event", "S-1", "case.x", "[]"), 1);
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 5, "case", "event", "S-1", "case.x", "{"), 1);
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 3, "calendar", "import", "/nonexistent.ini"), 1);
    assert_string_equal(out, "");
    assert_int_equal(srv_events_count(st, &after), 0);
    assert_int_equal(after, before);
    /* deactivating then activating: the full record each time, and a roster needs active staff */
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 3, "staff", "deactivate", "wang"), 0);
    assert_int_equal(centre(NULL, out, sizeof out, err, sizeof err, 3, "staff", "deactivate", "wang"), 1);
    srv_staff w;
    assert_int_equal(srv_staff_get(st, "wang", &w), 0);
    assert_int_equal(w.active, 0);
    assert_int_equal(w.num, 1);
}

/* --- your_last_seq and cursors ------------------------------------------------------ */

/* Push one event with id ...80NN, terminal seq n and payload {"n":N} as t; the answer body (malloc'd). */
static char *push_one(srv_terminal *t, const char *terminal, int n, int payload_n, const char *key)
{
    char id[40], payload[32], h[65], body[2048];
    snprintf(id, sizeof id, "01890a5d-ac96-774b-bcce-b302099a%04d", n + payload_n * 100);
    snprintf(payload, sizeof payload, "{\\\"n\\\":%d}", payload_n);
    char raw[32];
    snprintf(raw, sizeof raw, "{\"n\":%d}", payload_n);
    srv_sha256_hex(raw, strlen(raw), h);
    snprintf(body, sizeof body,
             "{\"terminal\":\"%s\",\"events\":[{\"id\":\"%s\",\"seq\":%d,\"type\":\"case.accepted\",\"subject\":null,"
             "\"payload\":\"%s\",\"payload_hash\":\"%s\",\"staff\":3,\"staff_code\":\"demo-a\","
             "\"created_at\":1763900000000,\"prev_hash\":\"%s\",\"hash\":\"%s\"}]}",
             terminal, id, n, payload, h, ZERO64, ZERO64);
    srv_reply r = {0};
    srv_api_push(st, t, key, body, strlen(body), 5, &r);
    assert_int_equal(r.status, 200);
    return r.body;
}

static void add_terminal(const char *name, srv_terminal *t)
{
    char token[SRV_TOKEN_HEX + 1], hash[SRV_HASH_HEX + 1];
    srv_token_new(token, hash);
    assert_int_equal(srv_terminal_add(st, name, hash, 1), 0);
    assert_int_equal(srv_terminal_by_token(st, hash, t), 0);
}

static void test_your_last_seq_in_push_and_pull(void **state)
{
    (void)state;
    srv_terminal a, b;
    add_terminal("w03", &a);
    add_terminal("w04", &b);
    char *ans = push_one(&a, TERM_A, 1, 1, "0190a000-0000-7000-8000-000000000001");
    assert_non_null(strstr(ans, "\"your_last_seq\":1}"));
    free(ans);
    ans = push_one(&a, TERM_A, 2, 1, "0190a000-0000-7000-8000-000000000002");
    assert_non_null(strstr(ans, "\"your_last_seq\":2}"));
    free(ans);
    srv_reply r = {0};
    srv_api_changes(st, &a, NULL, NULL, 9, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"your_last_seq\":2}"));
    srv_reply_free(&r);
    srv_api_changes(st, &b, NULL, NULL, 9, &r); /* b has pushed nothing (not even bound) */
    assert_non_null(strstr(r.body, "\"your_last_seq\":0}"));
    srv_reply_free(&r);
    /* a terminal cannot push as the centre */
    char body[2048], h[65];
    srv_sha256_hex("{}", 2, h);
    snprintf(body, sizeof body,
             "{\"terminal\":\"" SRV_CENTRE_TERMINAL "\",\"events\":[{\"id\":\"01890a5d-ac96-774b-bcce-b302099a9999\","
             "\"seq\":1,\"type\":\"centre.staff\",\"subject\":null,\"payload\":\"{}\",\"payload_hash\":\"%s\","
             "\"staff\":1,\"staff_code\":\"x\",\"created_at\":1,\"prev_hash\":\"%s\",\"hash\":\"%s\"}]}",
             h, ZERO64, ZERO64);
    srv_api_push(st, &b, "0190a000-0000-7000-8000-000000000004", body, strlen(body), 5, &r);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body, "centre"));
    srv_reply_free(&r);
    /* nor claim staff 0 */
    char *zero = strstr(body, "\"staff\":1");
    zero[8] = '0';
    memcpy(body + 13, TERM_B, 32);
    srv_api_push(st, &b, "0190a000-0000-7000-8000-000000000005", body, strlen(body), 5, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"reason\":\"staff: must be at least 1\""));
    srv_reply_free(&r);
}

/* The next_cursor of a pull by t from the start (copied into out). */
static void cursor_of(srv_terminal *t, char *out, size_t len)
{
    srv_reply r = {0};
    srv_api_changes(st, t, NULL, "1000", 9, &r);
    assert_int_equal(r.status, 200);
    const char *c = strstr(r.body, "\"next_cursor\":\"");
    assert_non_null(c);
    c += strlen("\"next_cursor\":\"");
    snprintf(out, len, "%.*s", (int)strcspn(c, "\""), c);
    srv_reply_free(&r);
}

static int pull_status(srv_terminal *t, const char *cursor)
{
    srv_reply r = {0};
    srv_api_changes(st, t, cursor, NULL, 9, &r);
    int status = r.status;
    srv_reply_free(&r);
    return status;
}

static void reopen(void)
{
    char err[SRV_ERR_LEN];
    st = srv_store_open(path, err, sizeof err);
    assert_non_null(st);
}

static void shell(const char *fmt, const char *a, const char *b)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    assert_int_equal(system(cmd), 0);
}

static void test_cursor_names_the_event_at_its_seq(void **state)
{
    (void)state;
    srv_terminal a, b;
    add_terminal("w03", &a);
    add_terminal("w04", &b);
    char c0[64], c2[64], c4[64];
    cursor_of(&b, c0, sizeof c0);
    assert_string_equal(c0, "v1.0");
    assert_int_equal(pull_status(&b, "v1.0"), 200);
    free(push_one(&a, TERM_A, 1, 1, "0190a000-0000-7000-8000-000000000001"));
    free(push_one(&a, TERM_A, 2, 1, "0190a000-0000-7000-8000-000000000002"));
    cursor_of(&b, c2, sizeof c2);
    assert_string_equal(c2, "v1.2.b302099a0102");
    assert_int_equal(pull_status(&b, c2), 200);
    assert_int_equal(pull_status(&b, "v1.2"), 409);               /* the old form */
    assert_int_equal(pull_status(&b, "v1.2.b302099a0101"), 409);  /* another id */
    assert_int_equal(pull_status(&b, "v1.2.B302099A0102"), 409);  /* not lowercase */
    assert_int_equal(pull_status(&b, "v1.0.b302099a0102"), 409);
    assert_int_equal(pull_status(&b, "v1.3.b302099a0102"), 409);  /* beyond the highest */
    /* a backup of the file now */
    srv_store_close(st);
    shell("cp '%s' '%s.bak'", path, path);
    reopen();
    free(push_one(&a, TERM_A, 3, 1, "0190a000-0000-7000-8000-000000000003"));
    free(push_one(&a, TERM_A, 4, 1, "0190a000-0000-7000-8000-000000000004"));
    cursor_of(&b, c4, sizeof c4);
    assert_string_equal(c4, "v1.4.b302099a0104");
    /* restored from the backup, then other events take seqs 3 and 4 */
    srv_store_close(st);
    shell("cp '%s.bak' '%s'", path, path);
    shell("rm -f '%s-wal' '%s-shm'", path, path);
    reopen();
    int64_t max = 0;
    assert_int_equal(srv_events_max_seq(st, &max), 0);
    assert_int_equal(max, 2);
    assert_int_equal(pull_status(&b, c4), 409); /* beyond the highest */
    srv_terminal a2;
    assert_int_equal(srv_terminal_by_token(st, a.token_sha256, &a2), 0);
    srv_reply r = {0};
    srv_api_changes(st, &a2, NULL, NULL, 9, &r); /* the server lacks a's 3 and 4: a can tell */
    assert_non_null(strstr(r.body, "\"your_last_seq\":2}"));
    srv_reply_free(&r);
    free(push_one(&a2, TERM_A, 5, 2, "0190a000-0000-7000-8000-000000000005"));
    free(push_one(&a2, TERM_A, 6, 2, "0190a000-0000-7000-8000-000000000006"));
    assert_int_equal(srv_events_max_seq(st, &max), 0);
    assert_int_equal(max, 4);
    assert_int_equal(pull_status(&b, c4), 409); /* seq 4 holds another event now */
    assert_int_equal(pull_status(&b, c2), 200); /* seq 2 is still the same event */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_event_stored_once_by_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflict_never_overwrites, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changes_exclude_own_in_seq_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revoked_and_unknown_tokens_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_replay_returns_stored_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_values_rejected_bad_shape_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_file_left_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_centre_changes_are_chained_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_centre_bad_input_stores_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_your_last_seq_in_push_and_pull, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cursor_names_the_event_at_its_seq, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
