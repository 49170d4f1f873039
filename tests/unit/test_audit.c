/* test_audit.c - the audit chain: an intact log verifies; edits made with
 * the sqlite3 shell (trigger dropped, payload or column changed, a middle
 * row deleted, the last row deleted, payloads swapped, rows reordered, a
 * forged hash) are detected and the first broken event is named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/audit.h"
#include "data/events.h"
#include "data/store.h"

#define NF(arr) (sizeof(arr) / sizeof((arr)[0]))
#define NEVENTS 6

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];
static event_out ev[NEVENTS + 1]; /* ev[k] is the event with seq k */

static store *open_store(void)
{
    store *s = store_open(path, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    return s;
}

/* Six events: a case received, checked, accepted, approved, delivered, and a punch. */
static void fill_log(void)
{
    store *s = open_store();
    const char *c = "511425-T03-20261123-0001";
    ev_field recv[] = {ev_str("date", "2026-11-23"), ev_str("item", "JH-001"), ev_str("class", "immediate"),
                       ev_str("applicant_name", "赵六"), ev_str("window", "W01")};
    ev_field tick[] = {ev_str("date", "2026-11-23"), ev_int("index", 1), ev_str("name", "居民身份证"),
                       ev_str("kind", "essential"), ev_str("status", "present")};
    ev_field day[] = {ev_str("date", "2026-11-23")};
    ev_field punch[] = {ev_str("date", "2026-11-23"), ev_int("minute", 510), ev_str("kind", "sign_in")};
    event_in in[NEVENTS] = {
        {"case.received", c, 3, recv, NF(recv)}, {"material.checked", c, 3, tick, NF(tick)},
        {"case.accepted", c, 3, day, 1},         {"case.approved", c, 3, day, 1},
        {"case.delivered", c, 3, day, 1},        {"attendance.punched", "3", 3, punch, NF(punch)},
    };
    for (int i = 0; i < NEVENTS; i++)
        if (events_append(s, &in[i], &ev[i + 1]) != 0)
            fail_msg("%s", store_errmsg(s));
    store_close(s);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichet-audit-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    fill_log();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* What someone with the sqlite3 shell does (the triggers must be dropped first). */
static void shell(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    char why[256];
    snprintf(why, sizeof why, "%s", msg ? msg : "");
    sqlite3_free(msg);
    sqlite3_close(db);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, why);
}

#define DROP_TRIGGERS "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; "

static audit_result verify(void)
{
    store *s = open_store();
    audit_result r;
    if (audit_verify(s, &r) != 0)
        fail_msg("%s", store_errmsg(s));
    store_close(s);
    return r;
}

/* The message names the event by seq and id. */
static void assert_names(const audit_result *r, int seq)
{
    char want[32];
    snprintf(want, sizeof want, "seq %d ", seq);
    if (!strstr(r->message, want) || !strstr(r->message, ev[seq].id))
        fail_msg("message does not name seq %d (%s): %s", seq, ev[seq].id, r->message);
    assert_int_equal(r->seq, seq);
    assert_string_equal(r->id, ev[seq].id);
}

static void an_intact_log_verifies(void **state)
{
    (void)state;
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_OK);
    assert_int_equal(r.checked, NEVENTS);
    assert_non_null(strstr(r.message, "6 event(s) verified"));
}

static void an_empty_log_verifies(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "%s/empty.db", dir);
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_OK);
    assert_int_equal(r.checked, 0);
}

static void an_edited_payload_is_named(void **state)
{
    (void)state;
    shell(DROP_TRIGGERS "UPDATE events SET payload = replace(payload, 'JH-001', 'JH-002') WHERE seq = 1");
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_CONTENT_CHANGED);
    assert_names(&r, 1);
    assert_non_null(strstr(r.message, "content was changed"));
    assert_int_equal(r.checked, 0);
}

/* A column other than the payload (who signed it) is covered by the hash too. */
static void an_edited_staff_id_is_named(void **state)
{
    (void)state;
    shell(DROP_TRIGGERS "UPDATE events SET staff_id = 4 WHERE seq = 4");
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_CONTENT_CHANGED);
    assert_names(&r, 4);
    assert_non_null(strstr(r.message, "hash mismatch"));
    assert_int_equal(r.checked, 3);
}

static void a_deleted_middle_row_is_named(void **state)
{
    (void)state;
    shell(DROP_TRIGGERS "DELETE FROM events WHERE seq = 3");
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_SEQ_GAP);
    assert_names(&r, 4);
    assert_non_null(strstr(r.message, "seq 3..3"));
    assert_non_null(strstr(r.message, "deleted"));
}

static void a_deleted_last_row_is_detected(void **state)
{
    (void)state;
    shell(DROP_TRIGGERS "DELETE FROM events WHERE seq = 6");
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_HEAD_MISMATCH);
    assert_int_equal(r.checked, 5);
    assert_names(&r, 5);
    assert_non_null(strstr(r.message, "chain head records seq 6"));
    assert_non_null(strstr(r.message, "last 1 event(s) were deleted"));
}

/* Deleting the last rows and then recording more: the new event links to the deleted head. */
static void appending_after_a_deleted_tail_still_shows_it(void **state)
{
    (void)state;
    shell(DROP_TRIGGERS "DELETE FROM events WHERE seq >= 5");
    store *s = open_store();
    ev_field punch[] = {ev_str("date", "2026-11-23"), ev_int("minute", 1050), ev_str("kind", "sign_out")};
    event_in in = {"attendance.punched", "3", 3, punch, NF(punch)};
    event_out out;
    assert_int_equal(events_append(s, &in, &out), 0);
    assert_int_equal(out.seq, 7);
    store_close(s);
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_SEQ_GAP);
    assert_int_equal(r.seq, 7);
    assert_non_null(strstr(r.message, "seq 5..6"));
}

/* Two payloads swapped: both rows changed; the first one is named. */
static void swapped_payloads_name_the_first(void **state)
{
    (void)state;
    shell(DROP_TRIGGERS
          "CREATE TEMP TABLE t AS SELECT seq, payload, payload_hash FROM events WHERE seq IN (2, 6);"
          "UPDATE events SET payload = (SELECT payload FROM t WHERE seq = 6), "
          "  payload_hash = (SELECT payload_hash FROM t WHERE seq = 6) WHERE seq = 2;"
          "UPDATE events SET payload = (SELECT payload FROM t WHERE seq = 2), "
          "  payload_hash = (SELECT payload_hash FROM t WHERE seq = 2) WHERE seq = 6;");
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_CONTENT_CHANGED);
    assert_names(&r, 2);
}

/* Two whole rows swapped in seq order: the links no longer meet. */
static void reordered_rows_are_detected(void **state)
{
    (void)state;
    shell(DROP_TRIGGERS "UPDATE events SET seq = 100 WHERE seq = 2; UPDATE events SET seq = 2 WHERE seq = 3; "
                        "UPDATE events SET seq = 3 WHERE seq = 100");
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_PREV_MISMATCH);
    assert_int_equal(r.seq, 2);
    assert_string_equal(r.id, ev[3].id); /* the row now at seq 2 */
    assert_non_null(strstr(r.message, ev[1].id)); /* it no longer follows event 1 */
}

/* A forger who edits a payload and recomputes its hashes breaks the next link. */
static void a_recomputed_hash_breaks_the_next_link(void **state)
{
    (void)state;
    shell(DROP_TRIGGERS "UPDATE events SET hash = '1111111111111111111111111111111111111111111111111111111111111111' "
                        "WHERE seq = 2");
    audit_result r = verify();
    /* Row 2's own hash no longer matches its content: named first. */
    assert_int_equal(r.problem, AUDIT_CONTENT_CHANGED);
    assert_names(&r, 2);
    /* Had the forger made the row consistent, the link from row 3 would still break: */
    store *s = open_store();
    event_row row;
    assert_int_equal(events_get(s, ev[2].id, &row), 0);
    ev_record rec = {row.id, row.type, row.subject, "{\"date\":\"2026-11-24\",\"index\":1,\"kind\":\"essential\","
                     "\"name\":\"居民身份证\",\"status\":\"present\"}", NULL, row.staff_id, row.terminal_id,
                     row.created_at, row.prev_hash};
    char ph[EV_HASH_HEX + 1], h[EV_HASH_HEX + 1];
    assert_int_equal(events_sha256_hex(rec.payload, strlen(rec.payload), ph), 0);
    rec.payload_hash = ph;
    assert_int_equal(events_chain_hash(&rec, h), 0);
    event_row_free(&row);
    store_close(s);
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "UPDATE events SET payload = ?1, payload_hash = ?2, hash = ?3 "
                                            "WHERE seq = 2", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, rec.payload, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, ph, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, h, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
    r = verify();
    assert_int_equal(r.problem, AUDIT_PREV_MISMATCH);
    assert_names(&r, 3);
}

/* Dropping the triggers alone changes no event, but it is reported. */
static void dropped_triggers_are_reported(void **state)
{
    (void)state;
    shell("DROP TRIGGER events_no_delete");
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_TRIGGERS_MISSING);
    assert_int_equal(r.checked, NEVENTS);
    assert_non_null(strstr(r.message, "triggers"));
}

static void a_damaged_chain_head_is_reported(void **state)
{
    (void)state;
    shell("UPDATE meta SET value = 'garbage' WHERE key = 'chain_head'");
    audit_result r = verify();
    assert_int_equal(r.problem, AUDIT_HEAD_MISMATCH);
    assert_non_null(strstr(r.message, "garbage"));
    /* ... and nothing more can be recorded on top of it. */
    store *s = open_store();
    ev_field punch[] = {ev_str("date", "2026-11-23"), ev_int("minute", 1050), ev_str("kind", "sign_out")};
    event_in in = {"attendance.punched", "3", 3, punch, NF(punch)};
    event_out out;
    assert_int_equal(events_append(s, &in, &out), -1);
    assert_non_null(strstr(store_errmsg(s), "chain head"));
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_intact_log_verifies, setup, teardown),
        cmocka_unit_test_setup_teardown(an_empty_log_verifies, setup, teardown),
        cmocka_unit_test_setup_teardown(an_edited_payload_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(an_edited_staff_id_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(a_deleted_middle_row_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(a_deleted_last_row_is_detected, setup, teardown),
        cmocka_unit_test_setup_teardown(appending_after_a_deleted_tail_still_shows_it, setup, teardown),
        cmocka_unit_test_setup_teardown(swapped_payloads_name_the_first, setup, teardown),
        cmocka_unit_test_setup_teardown(reordered_rows_are_detected, setup, teardown),
        cmocka_unit_test_setup_teardown(a_recomputed_hash_breaks_the_next_link, setup, teardown),
        cmocka_unit_test_setup_teardown(dropped_triggers_are_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(a_damaged_chain_head_is_reported, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
