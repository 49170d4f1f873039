/* test_sync_e2e.c - guichet-sync (sync/sync_push.h, sync/sync_pass.h)
 * against the real guichetd (server/srv_http.h) started in this process on
 * 127.0.0.1 (a free port), each side with its own SQLite file.  Push: 120
 * events arrive exactly once, an empty outbox sends nothing, 5 more make 125,
 * a server that is down leaves the outbox with one attempt and the address in
 * the error until it is back on the same store and port, 300 events go
 * gzip'd.  Pull, with two terminals A and B (two files, two tokens): B takes
 * A's 300 events in two pages; a case A receives reaches B's cases table, B
 * concludes it, and after both sync their cases rows are equal; a staff
 * member the centre adds reaches the terminal and can log in; a server
 * restored from an older backup answers 409, the terminal pulls from the
 * start and pushes again what the backup lacked, so the server holds every
 * event exactly once.  TLS: guichetd over HTTPS with a self-signed
 * certificate (tests/cli/mkcert.sh) is refused without [sync] ca_file,
 * refused with a wrong pinned key, and trusted with the CA file and with the
 * right key pinned. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/calendar_file.h"
#include "data/cases.h"
#include "data/catalog.h"
#include "data/desk.h"
#include "data/events.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store_db.h"
#include "data/sync_import.h"
#include "data/sync_store.h"
#include "server/srv_api.h"
#include "server/srv_auth.h"
#include "server/srv_centre_admin.h"
#include "server/srv_http.h"
#include "server/srv_store.h"
#include "sync/sync_http.h"
#include "sync/sync_pass.h"
#include "sync/sync_push.h"
#include "tests/unit/sync_fixture.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))

static char dir[64], client_path[128], server_path[128], b_path[128];
static store *cs;          /* the terminal's file (terminal A) */
static store *cb;          /* terminal B's file */
static char token_b[SRV_TOKEN_HEX + 1];
static staff_id clerk_b;
static calendar cal;
static srv_store *ss;      /* guichetd's file */
static srv_http *srv;      /* NULL while the server is down */
static unsigned port;
static staff_id clerk;
static char token[SRV_TOKEN_HEX + 1];
static char url[64];

/* A terminal's file with windows W01 and W02, the demo catalogue and the clerks sync-a (num 1) and sync-b (num 2),
 * as the centre numbers them; *num is the number of `code`; NULL on failure. */
static store *terminal_new(const char *path, const char *code, staff_id *num)
{
    char e[STORE_ERR_LEN];
    catalog_report rep;
    store *s = store_open(path, e, sizeof e);
    staff_in a = {.code = "sync-a", .name = "同步甲", .roles = STAFF_ROLE_CLERK, .windows = {"W01"}, .n_windows = 1};
    staff_in b = {.code = "sync-b", .name = "同步乙", .roles = STAFF_ROLE_CLERK, .windows = {"W01"}, .n_windows = 1};
    staff_rec rec;
    if (!s || window_add(s, "W01", "综合受理窗口", e, sizeof e) != STAFF_OK ||
        window_add(s, "W02", "社会事务窗口", e, sizeof e) != STAFF_OK ||
        catalog_import(s, "data/catalog/demo.ini", &rep) != 0 || staff_add(s, &a, "583914", e, sizeof e) != STAFF_OK ||
        staff_add(s, &b, "583914", e, sizeof e) != STAFF_OK || staff_get(s, code, &rec, e, sizeof e) != STAFF_OK) {
        store_close(s);
        return NULL;
    }
    *num = rec.num;
    return s;
}

static int setup(void **state)
{
    (void)state;
    char err[SRV_ERR_LEN];
    calfile_error ce;
    snprintf(dir, sizeof dir, "/tmp/guichet-e2e-XXXXXX");
    setenv("GUICHET_DATADIR", "data", 1); /* the pinyin table the catalogue import reads */
    if (!mkdtemp(dir) || srv_auth_init() != 0 || calfile_load("data/calendar/cn.ini", &cal, &ce) != CALFILE_OK)
        return -1;
    snprintf(client_path, sizeof client_path, "%s/t.db", dir);
    snprintf(b_path, sizeof b_path, "%s/b.db", dir);
    snprintf(server_path, sizeof server_path, "%s/s.db", dir);
    if (!(cs = terminal_new(client_path, "sync-a", &clerk)) || !(cb = terminal_new(b_path, "sync-b", &clerk_b)))
        return -1;
    ss = srv_store_open(server_path, err, sizeof err);
    if (!ss)
        return -1;
    if (sx_terminal_add(ss, "w01", token) != 0 || sx_terminal_add(ss, "w02", token_b) != 0)
        return -1;
    srv = sx_http_start(ss, &port);
    if (!srv || port == 0)
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
    store_close(cb);
    return fx_rm_dir(dir);
}

/* Record n case.received events on the terminal. */
static void record(int n)
{
    static int made;
    for (int i = 0; i < n; i++)
        sx_record_case(cs, clerk, ++made, NULL);
}

static int64_t queued_in(store *s)
{
    int64_t n = -1;
    assert_int_equal(outbox_count(s, &n), 0);
    return n;
}

static int64_t queued(void)
{
    return queued_in(cs);
}

static int64_t on_server(void)
{
    int64_t n = -1;
    assert_int_equal(srv_events_count(ss, &n), 0);
    return n;
}

static sync_pass_rc pass(sync_report *rep)
{
    sync_conf c = {url, token, NULL, 0, NULL, NULL, NULL};
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

/* ---- pull: two terminals, the centre, a restored server ------------------------------------------ */

/* A full pass (push, pull, push again) of terminal s with its token; the report in *rep. */
static sync_pass_rc full_pass(store *s, const char *tok, sync_report *rep)
{
    sync_conf c = {url, tok, NULL, 0, NULL, NULL, NULL};
    sync_pass_rc rc = sync_pass(s, &c, rep);
    if (rc != SYNC_PASS_DONE)
        print_message("pass: %s\n", rep->message);
    return rc;
}

/* A full pass that must end DONE with everything pulled. */
static void synced(store *s, const char *tok, sync_report *rep)
{
    assert_int_equal(full_pass(s, tok, rep), SYNC_PASS_DONE);
    assert_true(rep->pulled_all);
    assert_int_equal(queued_in(s), 0);
}

/* The case's row in s, the terminal-local last_seq left out, as one line of text. */
static const char *case_row(store *s, const char *case_id, char *buf, size_t len)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(store_db(s),
                                        "SELECT item, class, status, applicant_name, ifnull(applicant_id, '-'), "
                                        "ifnull(applicant_phone, '-'), window_id, ifnull(clerk, '-'), received, "
                                        "ifnull(accepted, '-'), ifnull(due, '-'), ifnull(concluded, '-'), "
                                        "ifnull(delivered, '-'), ifnull(ended, '-'), deferred, "
                                        "ifnull(deferred_deadline, '-'), ifnull(deferred_completed, '-'), supplements, "
                                        "ifnull(clock_restart, '-'), first_visit, ifnull(reason, '-'), "
                                        "ifnull(basis, '-') FROM cases WHERE case_id = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW) {
        size_t at = 0;
        for (int i = 0; i < sqlite3_column_count(st) && at < len; i++)
            at += (size_t)snprintf(buf + at, len - at, "%s|", (const char *)sqlite3_column_text(st, i));
    }
    sqlite3_finalize(st);
    return buf;
}

static void b_takes_300_events_of_a_in_two_pages(void **state)
{
    (void)state;
    record(300);
    sync_report rep;
    synced(cs, token, &rep);
    assert_int_equal(rep.applied, 300);
    assert_true(rep.gzipped >= 1); /* 200 events then 100: both bodies far over 1 KiB */
    assert_int_equal(on_server(), 300);
    assert_int_equal(rep.stored + rep.unapplied, 0); /* A's own events never come back */

    synced(cb, token_b, &rep);
    assert_int_equal(rep.pages, 2); /* 200, then 100 with has_more = false */
    assert_int_equal(rep.stored + rep.unapplied + rep.known, 300);
    assert_int_equal(rep.known, 0);
    char v[600];
    assert_int_equal(sync_meta_get(cb, SYNC_META_CURSOR, v, sizeof v), 0);
    assert_int_equal(strncmp(v, "v1.300", 6), 0);
    assert_int_equal(sync_meta_get(cb, SYNC_META_LAST_PULL, v, sizeof v), 0);
    assert_int_equal(sync_meta_get(cb, SYNC_META_CLOCK_OFFSET, v, sizeof v), 0);

    synced(cb, token_b, &rep); /* nothing new: one page, nothing stored */
    assert_int_equal(rep.pages, 1);
    assert_int_equal(rep.stored + rep.unapplied + rep.known, 0);
}

static void a_case_from_a_is_concluded_on_b_and_both_rows_agree(void **state)
{
    (void)state;
    static const gdate today = {2026, 11, 23};
    char id[CASENUM_LEN], err[DESK_ERR_LEN];
    desk_who who_a = {(int32_t)clerk, "W01", today, &cal}, who_b = {(int32_t)clerk_b, "W01", today, &cal};
    ck_entry e[5];
    for (int i = 0; i < 5; i++)
        e[i] = (ck_entry){CK_PRESENT, NULL};
    assert_int_equal(cases_new_number(cs, today, id), 0);
    desk_intake in = {.case_id = id, .applicant = {.name = "王芳", .id = "11010519491231002X", .phone = "13800138000"},
                      .item = "MZ-03", .entries = e, .nentries = 5, .outcome = CK_ACCEPT};
    desk_result r;
    if (desk_receive(cs, &who_a, &in, &r, err, sizeof err) != 0)
        fail_msg("desk_receive: %s", err);
    sync_report rep;
    synced(cs, token, &rep);
    assert_true(rep.applied >= 3);

    synced(cb, token_b, &rep);
    assert_int_equal(rep.unapplied, 0);
    assert_int_equal(rep.stored, on_server() - 0); /* every event on the server is A's */
    char row_a[2048], row_b[2048];
    assert_string_equal(case_row(cb, id, row_b, sizeof row_b), case_row(cs, id, row_a, sizeof row_a));
    assert_true(row_b[0] != '\0');

    if (desk_conclude(cb, &who_b, id, true, NULL, &r, err, sizeof err) != 0)
        fail_msg("desk_conclude on B: %s", err);
    assert_int_equal(r.status, CASE_APPROVED);
    synced(cb, token_b, &rep);
    assert_true(rep.applied >= 1);
    synced(cs, token, &rep);
    assert_true(rep.stored >= 1);
    assert_int_equal(rep.unapplied, 0);
    case_row(cs, id, row_a, sizeof row_a);
    case_row(cb, id, row_b, sizeof row_b);
    assert_string_equal(row_a, row_b);
    assert_non_null(strstr(row_a, "|approved|"));
}

/* Run a guichetd centre verb (srv_centre_admin.h) on the server's store, a PIN (may be NULL) on its stdin. */
static void centre_verb(const char *pin, int argc, const char **argv)
{
    char in[32], out[400] = "", err[SRV_ERR_LEN];
    snprintf(in, sizeof in, "%s\n", pin ? pin : "");
    FILE *pin_in = fmemopen(in, strlen(in), "r"), *said = fmemopen(out, sizeof out, "w");
    assert_non_null(pin_in);
    assert_non_null(said);
    if (srv_centre_run(ss, argc, (char **)argv, pin_in, said, err, sizeof err) != 0)
        fail_msg("guichetd %s %s: %s", argv[0], argv[1], err);
    fclose(pin_in);
    fclose(said);
    assert_non_null(strstr(out, "centre change"));
}

static int print_unapplied(const sync_unapplied_row *r, void *ctx)
{
    (void)ctx;
    print_message("unapplied %s %s: %s\n", r->type, r->subject, r->reason);
    return 0;
}

static void a_staff_member_the_centre_adds_can_log_in(void **state)
{
    (void)state;
    const char *window[] = {"window", "add", "W01", "综合受理窗口"};
    const char *a[] = {"staff", "add", "sync-a", "同步甲", "clerk", "--windows", "W01"};
    const char *b[] = {"staff", "add", "sync-b", "同步乙", "clerk", "--windows", "W01"};
    const char *wang[] = {"staff", "add", "wang", "王芳", "clerk,supervisor", "--windows", "W01"};
    centre_verb(NULL, 4, window);
    centre_verb("583914", 7, a); /* the centre numbers the clerks the terminals already know as they do: 1, 2 */
    centre_verb("583914", 7, b);
    centre_verb("602417", 7, wang); /* 3 */
    staff_verify v;
    assert_int_equal(staff_verify_pin(cs, "wang", "602417", events_now_ms(), &v), STAFF_PIN_UNKNOWN);
    sync_report rep;
    synced(cs, token, &rep);
    sync_unapplied_list(cs, print_unapplied, NULL);
    assert_int_equal(rep.centre, 4);
    assert_int_equal(rep.refused, 0);
    assert_int_equal(staff_verify_pin(cs, "wang", "602417", events_now_ms(), &v), STAFF_PIN_OK);
    staff_rec rec;
    char err[STORE_ERR_LEN];
    assert_int_equal(staff_get(cs, "wang", &rec, err, sizeof err), STAFF_OK);
    assert_string_equal(rec.name, "王芳");
    assert_int_equal(rec.num, 3); /* the centre's number, kept as it is */
    assert_int_equal(v.num, 3);
    synced(cs, token, &rep); /* applied once: the next pass brings nothing */
    assert_int_equal(rep.centre + rep.stored + rep.known, 0);
    synced(cb, token_b, &rep); /* every terminal gets the centre's changes */
    assert_int_equal(rep.centre, 4);
    assert_int_equal(rep.refused, 0);
    assert_int_equal(staff_verify_pin(cb, "wang", "602417", events_now_ms(), &v), STAFF_PIN_OK);
    assert_int_equal(staff_verify_pin(cb, "wang", "111111", events_now_ms(), &v), STAFF_PIN_WRONG);
}

/* Stop serving and close the server's store (its WAL folded into the file). */
static void server_down(void)
{
    srv_http_stop(srv);
    srv = NULL;
    srv_store_close(ss);
    ss = NULL;
}

/* Reopen the server's store and serve it on the same port. */
static void server_up(void)
{
    char err[SRV_ERR_LEN];
    ss = srv_store_open(server_path, err, sizeof err);
    assert_non_null(ss);
    srv = srv_http_start("127.0.0.1", port, ss, NULL, err, sizeof err);
    assert_non_null(srv);
}

static void copy_file(const char *from, const char *to)
{
    char cmd[800];
    snprintf(cmd, sizeof cmd, "rm -f '%s-wal' '%s-shm' && cp '%s' '%s'", to, to, from, to);
    assert_int_equal(system(cmd), 0);
}

static void a_server_restored_from_a_backup_gets_the_lost_events_again(void **state)
{
    (void)state;
    char backup[160];
    snprintf(backup, sizeof backup, "%s/backup.db", dir);
    push_ok(20, 20);
    sync_report rep;
    synced(cs, token, &rep);
    server_down();
    copy_file(server_path, backup);
    server_up();
    record(10);
    synced(cs, token, &rep);
    assert_int_equal(rep.applied, 10);
    assert_int_equal(on_server(), 30);

    server_down();
    copy_file(backup, server_path); /* the centre restores last night's backup: 20 events */
    server_up();
    assert_int_equal(on_server(), 20);
    synced(cs, token, &rep);
    assert_int_equal(rep.resyncs, 1); /* the cursor pointed past the restored server's last event */
    assert_int_equal(rep.requeued, 10);
    assert_int_equal(rep.applied, 10);
    assert_int_equal(rep.duplicate, 0);
    assert_int_equal(on_server(), 30); /* all 30 exactly once */
    assert_int_equal(queued(), 0);
    synced(cs, token, &rep); /* and now all is quiet */
    assert_int_equal(rep.requeued + rep.applied + rep.resyncs, 0);
    assert_int_equal(on_server(), 30);
}

/* ---- TLS ---------------------------------------------------------------------------------------- */

/* The whole of a small text file (heap). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *buf = calloc(1, 65536);
    size_t n = fread(buf, 1, 65535, f);
    fclose(f);
    assert_true(n > 0);
    return buf;
}

/* A pass of terminal A over HTTPS with this CA file and pinned key; the report in *rep. */
static sync_pass_rc tls_pass(const char *https, const char *ca, const char *pin, sync_report *rep)
{
    sync_conf c = {https, token, ca, 0, NULL, pin, NULL};
    return sync_pass(cs, &c, rep);
}

static void over_https_the_certificate_is_checked_and_the_key_pinned(void **state)
{
    (void)state;
    char cmd[600], cert[160], key[160], pinfile[160], pin[120] = "sha256//", err[SRV_ERR_LEN], https[64];
    snprintf(cert, sizeof cert, "%s/tls/cert.pem", dir);
    snprintf(key, sizeof key, "%s/tls/key.pem", dir);
    snprintf(pinfile, sizeof pinfile, "%s/tls/pin", dir);
    snprintf(cmd, sizeof cmd, "sh tests/cli/mkcert.sh '%s/tls'", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "openssl x509 -in '%s' -pubkey -noout | openssl pkey -pubin -outform der | "
                              "openssl dgst -sha256 -binary | base64 > '%s'", cert, pinfile);
    assert_int_equal(system(cmd), 0);
    char *pem = slurp(cert), *kpem = slurp(key), *pinb64 = slurp(pinfile);
    pinb64[strcspn(pinb64, "\n")] = '\0';
    strncat(pin, pinb64, sizeof pin - strlen(pin) - 1);
    srv_http_stop(srv); /* the plain server of setup makes way for an HTTPS one */
    srv_http_opts o = {.host = "127.0.0.1", .port = 0, .cert_pem = pem, .key_pem = kpem};
    srv = srv_http_start_opts(&o, ss, NULL, err, sizeof err);
    if (!srv)
        fail_msg("HTTPS server: %s", err);
    snprintf(https, sizeof https, "https://127.0.0.1:%u", srv_http_port(srv));
    record(5);
    sync_report rep;

    assert_int_equal(tls_pass(https, NULL, NULL, &rep), SYNC_PASS_RETRY); /* self-signed: not trusted by default */
    assert_int_equal(queued(), 5);
    assert_int_equal(on_server(), 0);

    assert_int_equal(tls_pass(https, cert, "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", &rep),
                     SYNC_PASS_RETRY); /* trusted, but not the pinned key */
    assert_non_null(strstr(rep.message, "pinned_pubkey"));
    assert_int_equal(on_server(), 0);

    assert_int_equal(tls_pass(https, cert, NULL, &rep), SYNC_PASS_DONE); /* [sync] ca_file: trusted */
    assert_int_equal(rep.applied, 5);
    assert_true(rep.pulled_all);
    record(2);
    assert_int_equal(tls_pass(https, cert, pin, &rep), SYNC_PASS_DONE); /* and with the right key pinned */
    assert_int_equal(rep.applied, 2);
    assert_int_equal(on_server(), 7);
    assert_int_equal(queued(), 0);
    free(pem);
    free(kpem);
    free(pinb64);
}

int main(void)
{
    if (sync_http_global_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_pass_delivers_120_events, setup, teardown),
        cmocka_unit_test_setup_teardown(nothing_queued_sends_nothing_then_5_more_make_125, setup, teardown),
        cmocka_unit_test_setup_teardown(server_down_then_back_on_the_same_store, setup, teardown),
        cmocka_unit_test_setup_teardown(b_takes_300_events_of_a_in_two_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(a_case_from_a_is_concluded_on_b_and_both_rows_agree, setup, teardown),
        cmocka_unit_test_setup_teardown(a_staff_member_the_centre_adds_can_log_in, setup, teardown),
        cmocka_unit_test_setup_teardown(a_server_restored_from_a_backup_gets_the_lost_events_again, setup, teardown),
        cmocka_unit_test_setup_teardown(over_https_the_certificate_is_checked_and_the_key_pinned, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sync_http_global_cleanup();
    return rc;
}
