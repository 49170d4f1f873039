/* sync_fixture.h - what the sync tests (test_sync_pull, test_sync_push, test_sync_faults,
 * test_sync_e2e) share: a terminal's store in a temporary directory (removed with fx_rm_dir of
 * store_fixture.h), its clerk sync-a, case.received events recorded on it, a listening socket on a
 * free loopback port for a canned responder, a terminal's token on the server, guichetd's HTTP
 * server on a free port.  Included by one test file per program, so everything here is static inline (unused
 * pieces cost no warning).  Include after <cmocka.h>. */
#ifndef GUICHET_TESTS_SYNC_FIXTURE_H
#define GUICHET_TESTS_SYNC_FIXTURE_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "data/events.h"
#include "data/staff.h"
#include "server/srv_api.h"
#include "server/srv_auth.h"
#include "server/srv_http.h"
#include "server/srv_store.h"
#include "tests/unit/store_fixture.h"

/* Make /tmp/guichet-NAME-XXXXXX (into dir) holding t.db (into path) and open it; the store, or NULL. */
static inline store *sx_store_new(const char *name, char *dir, size_t dirlen, char *path, size_t pathlen)
{
    char e[STORE_ERR_LEN];
    snprintf(dir, dirlen, "/tmp/guichet-%s-XXXXXX", name);
    if (!mkdtemp(dir))
        return NULL;
    snprintf(path, pathlen, "%s/t.db", dir);
    return store_open(path, e, sizeof e);
}

/* Record the case.received event of case "C-num" by clerk on s; out (may be NULL) receives it. */
static inline void sx_record_case(store *s, staff_id clerk, int num, event_out *out)
{
    char case_id[32];
    snprintf(case_id, sizeof case_id, "C-%d", num);
    ev_field f[] = {ev_str("date", "2026-11-23"), ev_str("item", "JH-001"), ev_str("class", "immediate"),
                    ev_str("applicant_name", "张三"), ev_str("window", "W01")};
    event_in in = {"case.received", case_id, clerk, f, sizeof f / sizeof f[0]};
    event_out o;
    assert_int_equal(events_append(s, &in, out ? out : &o), 0);
}

/* A socket listening on 127.0.0.1 at a free port (into port); the test fails when there is none. */
static inline int sx_listen(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 4), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

/* Add the clerk sync-a to the terminal's store s (into clerk); 0, or -1. */
static inline int sx_add_clerk(store *s, staff_id *clerk)
{
    char e[STORE_ERR_LEN];
    staff_in in = {.code = "sync-a", .name = "同步甲", .roles = STAFF_ROLE_CLERK};
    staff_rec rec;
    if (staff_add(s, &in, "583914", e, sizeof e) != STAFF_OK || staff_get(s, "sync-a", &rec, e, sizeof e) != STAFF_OK)
        return -1;
    *clerk = rec.num;
    return 0;
}

/* A new token (into token: SRV_TOKEN_HEX + 1) for terminal on the server, as `guichetd terminal
 * add` does; 0, or -1. */
static inline int sx_terminal_add(srv_store *ss, const char *terminal, char *token)
{
    char hash[SRV_HASH_HEX + 1];
    srv_token_new(token, hash);
    return srv_terminal_add(ss, terminal, hash, srv_now_ms()) != 0 ? -1 : 0;
}

/* guichetd's HTTP server on 127.0.0.1 at a free port (into port, 0 when none), serving ss; NULL on failure. */
static inline srv_http *sx_http_start(srv_store *ss, unsigned *port)
{
    char err[SRV_ERR_LEN];
    srv_http *h = srv_http_start("127.0.0.1", 0, ss, NULL, err, sizeof err);
    *port = h ? srv_http_port(h) : 0;
    return h;
}

#endif
