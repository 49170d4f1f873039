/* test_sync_e2e.c - guichet-sync's push pass (sync/sync_push.h) against the
 * real guichetd (server/srv_http.h) started in this process on 127.0.0.1 (a
 * free port), each side with its own SQLite file: 120 events arrive exactly
 * once, an empty outbox sends nothing, 5 more make 125, and a server that is
 * down leaves the outbox with one attempt and the address in the error until
 * it is back on the same store and port. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/events.h"
#include "data/staff.h"
#include "data/sync_store.h"
#include "server/srv_api.h"
#include "server/srv_auth.h"
#include "server/srv_http.h"
#include "server/srv_store.h"
#include "sync/sync_http.h"
#include "sync/sync_push.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))

static char dir[64], client_path[128], server_path[128];
static store *cs;          /* the terminal's file */
static srv_store *ss;      /* guichetd's file */
static srv_http *srv;      /* NULL while the server is down */
static unsigned port;
static staff_id clerk;
static char token[SRV_TOKEN_HEX + 1];
static char url[64];

static int setup(void **state)
{
    (void)state;
    char e[STORE_ERR_LEN], err[SRV_ERR_LEN], hash[SRV_HASH_HEX + 1];
    snprintf(dir, sizeof dir, "/tmp/guichet-e2e-XXXXXX");
    if (!mkdtemp(dir) || srv_auth_init() != 0)
        return -1;
    snprintf(client_path, sizeof client_path, "%s/t.db", dir);
    snprintf(server_path, sizeof server_path, "%s/s.db", dir);
    cs = store_open(client_path, e, sizeof e);
    staff_in in = {.code = "sync-a", .name = "同步甲", .roles = STAFF_ROLE_CLERK};
    staff_rec rec;
    if (!cs || staff_add(cs, &in, "583914", e, sizeof e) != STAFF_OK ||
        staff_get(cs, "sync-a", &rec, e, sizeof e) != STAFF_OK)
        return -1;
    clerk = rec.num;
    ss = srv_store_open(server_path, err, sizeof err);
    if (!ss)
        return -1;
    srv_token_new(token, hash); /* as `guichetd terminal add w01` does */
    if (srv_terminal_add(ss, "w01", hash, srv_now_ms()) != 0)
        return -1;
    srv = srv_http_start("127.0.0.1", 0, ss, NULL, err, sizeof err);
    if (!srv || (port = srv_http_port(srv)) == 0)
        return -1;
    snprintf(url, sizeof url, "http://127.0.0.1:%u/", port);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    srv_http_stop(srv);
    srv_store_close(ss);
    store_close(cs);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Record n case.received events on the terminal. */
static void record(int n)
{
    static int made;
    for (int i = 0; i < n; i++) {
        char case_id[32];
        snprintf(case_id, sizeof case_id, "C-%d", ++made);
        ev_field f[] = {ev_str("date", "2026-11-23"), ev_str("item", "JH-001"), ev_str("class", "immediate"),
                        ev_str("applicant_name", "张三"), ev_str("window", "W01")};
        event_in in = {"case.received", case_id, clerk, f, NF(f)};
        event_out o;
        assert_int_equal(events_append(cs, &in, &o), 0);
    }
}

static int64_t queued(void)
{
    int64_t n = -1;
    assert_int_equal(outbox_count(cs, &n), 0);
    return n;
}

static int64_t on_server(void)
{
    int64_t n = -1;
    assert_int_equal(srv_events_count(ss, &n), 0);
    return n;
}

static sync_pass_rc pass(sync_report *rep)
{
    sync_conf c = {url, token, NULL, 0};
    return sync_push_pass(cs, &c, rep);
}

/* Record n events, push them in one pass, and check they all arrived. */
static void push_ok(int n, int64_t expect_server)
{
    record(n);
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    assert_int_equal(rep.applied, n);
    assert_int_equal(rep.duplicate, 0);
    assert_int_equal(rep.rejected, 0);
    assert_string_equal(rep.message, "");
    assert_int_equal(queued(), 0);
    assert_int_equal(on_server(), expect_server);
}

static void one_pass_delivers_120_events(void **state)
{
    (void)state;
    record(120);
    assert_int_equal(queued(), 120);
    assert_int_equal(on_server(), 0);
    sync_report rep;
    int64_t before = events_now_ms();
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    assert_int_equal(rep.batches, 1); /* 120 < SYNC_BATCH_DEFAULT */
    assert_int_equal(rep.applied, 120);
    assert_int_equal(rep.duplicate, 0);
    assert_int_equal(rep.rejected, 0);
    assert_int_equal(on_server(), 120);
    assert_int_equal(queued(), 0);
    char v[600];
    assert_int_equal(sync_meta_get(cs, SYNC_META_LAST_OK, v, sizeof v), 0);
    assert_true(strtoll(v, NULL, 10) >= before);
    assert_int_equal(sync_meta_get(cs, SYNC_META_LAST_ERROR, v, sizeof v), 1);
}

static void nothing_queued_sends_nothing_then_5_more_make_125(void **state)
{
    (void)state;
    push_ok(120, 120);
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    assert_int_equal(rep.batches, 0);
    assert_int_equal(rep.applied, 0);
    assert_int_equal(on_server(), 120);
    push_ok(5, 125);
}

static void server_down_then_back_on_the_same_store(void **state)
{
    (void)state;
    push_ok(120, 120);
    push_ok(5, 125);
    srv_http_stop(srv);
    srv = NULL;
    record(3);
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_RETRY);
    assert_true(rep.wait_s >= 1);
    char addr[64];
    snprintf(addr, sizeof addr, "127.0.0.1:%u", port);
    assert_non_null(strstr(rep.message, addr));
    assert_int_equal(queued(), 3);
    event_row *rows;
    size_t n;
    assert_int_equal(outbox_batch(cs, 10, &rows, &n), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].attempts, 1);
        assert_non_null(rows[i].last_error);
        assert_non_null(strstr(rows[i].last_error, addr));
    }
    event_rows_free(rows, n);
    char v[600];
    assert_int_equal(sync_meta_get(cs, SYNC_META_LAST_ERROR, v, sizeof v), 0);
    assert_non_null(strstr(v, addr));
    assert_int_equal(on_server(), 125);

    char err[SRV_ERR_LEN];
    srv = srv_http_start("127.0.0.1", port, ss, NULL, err, sizeof err);
    assert_non_null(srv);
    assert_int_equal(srv_http_port(srv), port);
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    assert_int_equal(rep.applied, 3);
    assert_int_equal(on_server(), 128);
    assert_int_equal(queued(), 0);
    assert_int_equal(sync_meta_get(cs, SYNC_META_LAST_ERROR, v, sizeof v), 1);
}

int main(void)
{
    if (sync_http_global_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_pass_delivers_120_events, setup, teardown),
        cmocka_unit_test_setup_teardown(nothing_queued_sends_nothing_then_5_more_make_125, setup, teardown),
        cmocka_unit_test_setup_teardown(server_down_then_back_on_the_same_store, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sync_http_global_cleanup();
    return rc;
}
