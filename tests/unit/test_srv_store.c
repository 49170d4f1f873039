/* test_srv_store.c - guichetd's store and its endpoint functions without
 * HTTP: events stored once by id, duplicates and conflicts (never
 * overwritten), batch answers replayed byte for byte, the change feed (after
 * a cursor, other terminals only, in server seq order), tokens (revoked or
 * unknown refused) and a foreign file left untouched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/srv_api.h"
#include "server/srv_auth.h"
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
    assert_non_null(strstr(r.body, "\"next_cursor\":\"v1.1\",\"has_more\":true"));
    assert_non_null(strstr(r.body, ids[0]));
    srv_reply_free(&r);
    srv_api_changes(st, &a, "v1.1", "1000", 9, &r);
    assert_int_equal(r.status, 200);
    assert_true(strstr(r.body, ids[2]) < strstr(r.body, ids[3]));
    assert_null(strstr(r.body, ids[1]));
    assert_null(strstr(r.body, ids[4]));
    assert_non_null(strstr(r.body, "\"next_cursor\":\"v1.5\",\"has_more\":false"));
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
    assert_int_equal(srv_store_schema_version(st), 1);
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
