/* test_events.c - the canonical payload encoding (core/event.c) and the
 * event log (data/events.c): appending with ids, hashes, outbox row and
 * projection in one transaction; immutability triggers; refusals that leave
 * nothing behind; batches that are all-or-nothing; the outbox the sync agent
 * drains. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case.h"
#include "core/event.h"
#include "data/events.h"
#include "data/project.h"
#include "data/store.h"

#define NF(arr) (sizeof(arr) / sizeof((arr)[0]))

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichet-events-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static store *open_store(void)
{
    store *s = store_open(path, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    return s;
}

/* One integer from a query on the file (a second connection, as the sqlite3 shell would be). */
static int64_t raw_int(const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* Run SQL on the file; returns SQLite's code and copies its message. */
static int raw_exec(const char *sql, char *msg, size_t len)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *m = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &m);
    if (msg)
        snprintf(msg, len, "%s", m ? m : "");
    sqlite3_free(m);
    sqlite3_close(db);
    return rc;
}

/* A 即办件 received today. */
static int receive(store *s, const char *case_id, event_out *out)
{
    ev_field f[] = {ev_str("date", "2026-11-23"), ev_str("item", "JH-001"), ev_str("class", "immediate"),
                    ev_str("applicant_name", "张三"), ev_str("window", "W01")};
    event_in in = {"case.received", case_id, 7, f, NF(f)};
    return events_append(s, &in, out);
}

static int step(store *s, const char *type, const char *case_id, const char *date)
{
    ev_field f[] = {ev_str("date", date)};
    event_in in = {type, case_id, 7, f, NF(f)};
    event_out out;
    return events_append(s, &in, &out);
}

/* ---- canonical payloads ------------------------------------------------------------- */

static void encoding_sorts_keys_and_is_the_same_for_any_field_order(void **state)
{
    (void)state;
    int64_t mats[] = {2, 5};
    ev_field a[] = {ev_str("name", "李四"), ev_int("index", 3), ev_bool("reprint", false), ev_ints("materials", mats, 2)};
    ev_field b[] = {ev_ints("materials", mats, 2), ev_bool("reprint", false), ev_int("index", 3), ev_str("name", "李四")};
    char ja[256], jb[256];
    size_t la = 0, lb = 0;
    assert_int_equal(ev_encode(a, NF(a), ja, sizeof ja, &la), EV_OK);
    assert_int_equal(ev_encode(b, NF(b), jb, sizeof jb, &lb), EV_OK);
    assert_string_equal(ja, "{\"index\":3,\"materials\":[2,5],\"name\":\"李四\",\"reprint\":false}");
    assert_string_equal(ja, jb);
    assert_int_equal(la, strlen(ja));
    assert_true(ev_is_canonical(ja));
    assert_false(ev_is_canonical("{\"name\":\"李四\",\"index\":3}")); /* keys out of order */
    assert_false(ev_is_canonical("{\"index\": 3}"));                  /* whitespace */
}

static void strings_are_escaped_minimally(void **state)
{
    (void)state;
    ev_field f[] = {ev_str("note", "a\"b\\c\nd\te\x01 /é")};
    char j[128];
    assert_int_equal(ev_encode(f, 1, j, sizeof j, NULL), EV_OK);
    assert_string_equal(j, "{\"note\":\"a\\\"b\\\\c\\nd\\te\\u0001 /é\"}");
    ev_doc doc;
    assert_int_equal(ev_decode(j, &doc), EV_OK);
    assert_string_equal(ev_get_str(&doc, "note"), "a\"b\\c\nd\te\x01 /é");
    /* Escapes another writer might use decode to the same text. */
    assert_int_equal(ev_decode("{\"n\":\"\\u674e\\/\\ud83d\\ude00\"}", &doc), EV_OK);
    assert_string_equal(ev_get_str(&doc, "n"), "李/\xF0\x9F\x98\x80");
}

static void extremes_of_int64_round_trip(void **state)
{
    (void)state;
    ev_field f[] = {ev_int("max", INT64_MAX), ev_int("min", INT64_MIN), ev_int("zero", 0), ev_bool("yes", true)};
    char j[256];
    assert_int_equal(ev_encode(f, NF(f), j, sizeof j, NULL), EV_OK);
    assert_string_equal(j, "{\"max\":9223372036854775807,\"min\":-9223372036854775808,\"yes\":true,\"zero\":0}");
    ev_doc doc;
    int64_t v;
    assert_int_equal(ev_decode(j, &doc), EV_OK);
    assert_true(ev_get_int(&doc, "max", &v) && v == INT64_MAX);
    assert_true(ev_get_int(&doc, "min", &v) && v == INT64_MIN);
    assert_true(ev_get_bool(&doc, "yes", false));
    assert_false(ev_get_int(&doc, "yes", &v)); /* a bool is not an integer */
    assert_int_equal(ev_decode("{\"x\":9223372036854775808}", &doc), EV_E_SYNTAX);
}

static void bad_fields_are_refused(void **state)
{
    (void)state;
    char j[64];
    ev_field dup[] = {ev_int("a", 1), ev_int("a", 2)};
    ev_field badkey[] = {ev_int("Date", 1)};
    ev_field utf[] = {ev_str("s", "\xC0\xAF")};      /* overlong '/' */
    ev_field surrogate[] = {ev_str("s", "\xED\xA0\x80")};
    ev_field longer[] = {ev_str("s", "this text does not fit in sixty-four bytes of buffer at all, no")};
    assert_int_equal(ev_encode(dup, 2, j, sizeof j, NULL), EV_E_DUP_KEY);
    assert_int_equal(ev_encode(badkey, 1, j, sizeof j, NULL), EV_E_KEY);
    assert_int_equal(ev_encode(utf, 1, j, sizeof j, NULL), EV_E_UTF8);
    assert_int_equal(ev_encode(surrogate, 1, j, sizeof j, NULL), EV_E_UTF8);
    assert_int_equal(ev_encode(longer, 1, j, sizeof j, NULL), EV_E_TOO_LONG);
    assert_string_equal(j, "");
    ev_doc doc;
    assert_int_equal(ev_decode("{\"a\":1,\"a\":2}", &doc), EV_E_DUP_KEY);
    assert_int_equal(ev_decode("{\"a\":1.5}", &doc), EV_E_SYNTAX);
    assert_int_equal(ev_decode("{\"a\":{\"b\":1}}", &doc), EV_E_SYNTAX);
    assert_int_equal(ev_decode("{\"a\":1} x", &doc), EV_E_SYNTAX);
    assert_int_equal(ev_decode("{\"a\":01}", &doc), EV_E_SYNTAX);
    assert_int_equal(ev_decode("[1]", &doc), EV_E_SYNTAX);
}

static void types_and_subjects_are_checked(void **state)
{
    (void)state;
    assert_int_equal(ev_type_check("case.received"), EV_OK);
    assert_int_equal(ev_type_check("case"), EV_E_TYPE);
    assert_int_equal(ev_type_check("case.a.b"), EV_E_TYPE);
    assert_int_equal(ev_type_check(".received"), EV_E_TYPE);
    assert_int_equal(ev_type_check("Case.received"), EV_E_TYPE);
    assert_int_equal(ev_subject_check(NULL), EV_OK);
    assert_int_equal(ev_subject_check("511425-T03-20261123-0007"), EV_OK);
    assert_int_equal(ev_subject_check("综合窗口1"), EV_OK);
    assert_int_equal(ev_subject_check(""), EV_E_SUBJECT);
    assert_int_equal(ev_subject_check("a\nb"), EV_E_SUBJECT);
}

/* The chain content is length-prefixed: moving a byte between fields changes it. */
static void chain_content_is_unambiguous(void **state)
{
    (void)state;
    ev_record a = {"id", "case.x", "ab", "{}", "h", 7, "t", 100, "p"};
    ev_record b = a;
    b.subject = "a";
    b.payload = "b{}";
    ev_record c = a;
    c.subject = NULL;
    char ba[256], bb[256], bc[256];
    size_t la = ev_chain_content(&a, ba, sizeof ba), lb = ev_chain_content(&b, bb, sizeof bb);
    size_t lc = ev_chain_content(&c, bc, sizeof bc);
    assert_string_equal(ba, "1:p,15:guichet-event-1,2:id,6:case.x,2:ab,2:{},1:h,1:7,1:t,3:100,");
    assert_true(la != lb || memcmp(ba, bb, la) != 0);
    assert_true(strstr(bc, "~,") != NULL);
    assert_true(lc != la);
    assert_int_equal(ev_chain_content(&a, NULL, 0), la); /* measuring */
}

/* ---- appending ------------------------------------------------------------------------ */

static void append_records_event_outbox_and_projection(void **state)
{
    (void)state;
    store *s = open_store();
    event_out out;
    assert_int_equal(receive(s, "C-0001", &out), 0);
    assert_int_equal(out.seq, 1);
    assert_true(case_event_id_valid(out.id));
    assert_true(out.created_at > 1700000000000LL);
    event_row r;
    assert_int_equal(events_get(s, out.id, &r), 0);
    assert_string_equal(r.type, "case.received");
    assert_string_equal(r.subject, "C-0001");
    assert_int_equal(r.staff_id, 7);
    assert_string_equal(r.hash, out.hash);
    assert_string_equal(r.prev_hash, "0000000000000000000000000000000000000000000000000000000000000000");
    char want[EV_HASH_HEX + 1];
    assert_int_equal(events_sha256_hex(r.payload, strlen(r.payload), want), 0);
    assert_string_equal(r.payload_hash, want);
    assert_true(ev_is_canonical(r.payload));
    char term[EVENT_TERMINAL_MAX + 1];
    assert_int_equal(events_terminal_id(s, term, sizeof term), 0);
    assert_int_equal((int)strlen(term), 32);
    assert_string_equal(r.terminal_id, term);
    event_row_free(&r);
    project_case c;
    assert_int_equal(project_case_get(s, "C-0001", &c), 0);
    assert_int_equal(c.status, CASE_RECEIVED);
    assert_string_equal(c.received, "2026-11-23");
    int64_t n;
    assert_int_equal(outbox_count(s, &n), 0);
    assert_int_equal(n, 1);
    store_close(s);
    /* SQLite's own JSON reader understands the payload. */
    assert_int_equal(raw_int("SELECT json_extract(payload, '$.applicant_name') = '张三' FROM events"), 1);
    assert_int_equal(raw_int("SELECT value = '1:' || (SELECT hash FROM events) FROM meta WHERE key = 'chain_head'"), 1);
}

static void ids_follow_commit_order_and_chain_links(void **state)
{
    (void)state;
    store *s = open_store();
    event_out o[4];
    assert_int_equal(receive(s, "C-1", &o[0]), 0);
    assert_int_equal(receive(s, "C-2", &o[1]), 0);
    assert_int_equal(receive(s, "C-3", &o[2]), 0);
    assert_int_equal(receive(s, "C-4", &o[3]), 0);
    for (int i = 1; i < 4; i++) {
        assert_int_equal(o[i].seq, o[i - 1].seq + 1);
        assert_true(case_event_id_cmp(o[i - 1].id, o[i].id) < 0);
        event_row r;
        assert_int_equal(events_get(s, o[i].id, &r), 0);
        assert_string_equal(r.prev_hash, o[i - 1].hash);
        event_row_free(&r);
    }
    store_close(s);
}

static void events_cannot_be_updated_or_deleted(void **state)
{
    (void)state;
    store *s = open_store();
    event_out out;
    assert_int_equal(receive(s, "C-1", &out), 0);
    store_close(s);
    char msg[256];
    assert_int_not_equal(raw_exec("UPDATE events SET payload = '{}'", msg, sizeof msg), SQLITE_OK);
    assert_non_null(strstr(msg, "immutable"));
    assert_int_not_equal(raw_exec("DELETE FROM events", msg, sizeof msg), SQLITE_OK);
    assert_non_null(strstr(msg, "immutable"));
    assert_int_equal(raw_int("SELECT count(*) FROM events"), 1);
}

/* The projection refuses (core/case.h: out of order): no event, no outbox row, head unchanged. */
static void a_refused_event_leaves_nothing_behind(void **state)
{
    (void)state;
    store *s = open_store();
    event_out out;
    assert_int_equal(receive(s, "C-1", &out), 0);
    assert_int_equal(step(s, "case.delivered", "C-1", "2026-11-23"), -1);
    assert_non_null(strstr(store_errmsg(s), "out of order"));
    assert_non_null(strstr(store_errmsg(s), "C-1"));
    assert_non_null(strstr(store_errmsg(s), "nothing was recorded"));
    assert_int_equal(step(s, "case.accepted", "C-404", "2026-11-23"), -1);
    assert_non_null(strstr(store_errmsg(s), "no such case"));
    store_close(s);
    assert_int_equal(raw_int("SELECT count(*) FROM events"), 1);
    assert_int_equal(raw_int("SELECT count(*) FROM outbox"), 1);
    assert_int_equal(raw_int("SELECT value = '1:' || (SELECT hash FROM events) FROM meta WHERE key = 'chain_head'"), 1);
    assert_int_equal(raw_int("SELECT count(*) FROM cases WHERE status = 'received'"), 1);
}

static void malformed_input_is_refused_before_writing(void **state)
{
    (void)state;
    store *s = open_store();
    ev_field f[] = {ev_str("date", "2026-11-23")};
    event_in unknown = {"case.teleported", "C-1", 7, f, 1};
    event_in nobody = {"case.accepted", "C-1", 0, f, 1};
    event_in badsub = {"case.accepted", "C\n1", 7, f, 1};
    ev_field badutf[] = {ev_str("date", "\xFF")};
    event_out out;
    assert_int_equal(receive(s, "C-1", &out), 0);
    assert_int_equal(events_append(s, &unknown, &out), -1);
    assert_non_null(strstr(store_errmsg(s), "unknown event type"));
    assert_int_equal(events_append(s, &nobody, &out), -1);
    assert_non_null(strstr(store_errmsg(s), "staff"));
    assert_int_equal(events_append(s, &badsub, &out), -1);
    assert_non_null(strstr(store_errmsg(s), "subject"));
    event_in bad = {"case.accepted", "C-1", 7, badutf, 1};
    assert_int_equal(events_append(s, &bad, &out), -1);
    assert_non_null(strstr(store_errmsg(s), "UTF-8"));
    int64_t n;
    assert_int_equal(events_count(s, &n), 0);
    assert_int_equal(n, 1);
    store_close(s);
}

/* One clerk action of several events is all or nothing. */
static void a_batch_is_all_or_nothing(void **state)
{
    (void)state;
    store *s = open_store();
    event_out out[3];
    assert_int_equal(receive(s, "C-1", &out[0]), 0);
    ev_field d[] = {ev_str("date", "2026-11-23")};
    event_in good[] = {{"case.accepted", "C-1", 7, d, 1}, {"case.approved", "C-1", 7, d, 1}};
    event_in bad[] = {{"case.accepted", "C-2", 7, d, 1}, {"case.archived", "C-1", 7, d, 1}};
    assert_int_equal(receive(s, "C-2", &out[0]), 0);
    assert_int_equal(events_append_many(s, bad, 2, out), -1); /* the second is out of order */
    project_case c;
    assert_int_equal(project_case_get(s, "C-2", &c), 0);
    assert_int_equal(c.status, CASE_RECEIVED); /* the first was rolled back with it */
    assert_int_equal(events_append_many(s, good, 2, out), 0);
    assert_int_equal(out[1].seq, out[0].seq + 1);
    assert_int_equal(project_case_get(s, "C-1", &c), 0);
    assert_int_equal(c.status, CASE_APPROVED);
    assert_true(c.first_visit);
    int64_t n;
    assert_int_equal(events_count(s, &n), 0);
    assert_int_equal(n, 4);
    assert_int_equal(events_append_many(s, good, 0, out), -1);
    store_close(s);
}

/* A writer keeps its statements across appends and is closed before the store. */
static void a_writer_appends_many_times(void **state)
{
    (void)state;
    store *s = open_store();
    event_writer *w = events_writer_open(s);
    assert_non_null(w);
    for (int i = 0; i < 50; i++) {
        char id[32];
        snprintf(id, sizeof id, "C-%04d", i);
        ev_field f[] = {ev_str("date", "2026-11-23"), ev_str("item", "JH-001"), ev_str("class", "immediate"),
                        ev_str("applicant_name", "王五"), ev_str("window", "W01")};
        event_in in = {"case.received", id, 7, f, NF(f)};
        event_out out;
        assert_int_equal(events_writer_append(w, &in, 1, &out), 0);
        assert_int_equal(out.seq, i + 1);
    }
    ev_field f[] = {ev_str("date", "2026-11-23")};
    event_in refused = {"case.approved", "C-0003", 7, f, 1};
    assert_int_equal(events_writer_append(w, &refused, 1, NULL), -1);
    event_in fine = {"case.accepted", "C-0003", 7, f, 1};
    assert_int_equal(events_writer_append(w, &fine, 1, NULL), 0); /* still usable after a refusal */
    events_writer_close(w);
    int64_t n;
    assert_int_equal(events_count(s, &n), 0);
    assert_int_equal(n, 51);
    store_close(s);
}

/* Two connections on one file (a clerk's screen and an admin verb) append in turn: one chain. */
static void two_connections_share_one_chain(void **state)
{
    (void)state;
    store *a = open_store(), *b = open_store();
    event_out o1, o2, o3;
    assert_int_equal(receive(a, "A-1", &o1), 0);
    assert_int_equal(receive(b, "B-1", &o2), 0);
    assert_int_equal(receive(a, "A-2", &o3), 0);
    assert_int_equal(o2.seq, 2);
    assert_int_equal(o3.seq, 3);
    event_row r;
    assert_int_equal(events_get(b, o3.id, &r), 0);
    assert_string_equal(r.prev_hash, o2.hash);
    event_row_free(&r);
    store_close(a);
    store_close(b);
}

/* ---- the outbox ---------------------------------------------------------------------------- */

static void outbox_lists_oldest_first_and_records_attempts(void **state)
{
    (void)state;
    store *s = open_store();
    event_out o[5];
    const char *ids[] = {"C-1", "C-2", "C-3", "C-4", "C-5"};
    for (int i = 0; i < 5; i++)
        assert_int_equal(receive(s, ids[i], &o[i]), 0);
    event_row *rows;
    size_t n;
    assert_int_equal(outbox_batch(s, 3, &rows, &n), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].seq, o[i].seq);
        assert_string_equal(rows[i].id, o[i].id);
        assert_string_equal(rows[i].subject, ids[i]);
        assert_int_equal(rows[i].attempts, 0);
        assert_null(rows[i].last_error);
        assert_int_equal(rows[i].last_attempt_at, -1);
        assert_non_null(strstr(rows[i].payload, "\"class\":\"immediate\""));
    }
    event_rows_free(rows, n);
    assert_int_equal(outbox_attempt(s, o[0].seq, "connect timeout after 10 s", 1763900000000LL), 0);
    assert_int_equal(outbox_attempt(s, o[0].seq, "HTTP 503", 1763900060000LL), 0);
    assert_int_equal(outbox_ack(s, o[1].seq), 0);
    assert_int_equal(outbox_ack(s, o[1].seq), 1); /* a repeated acknowledgement changes nothing */
    assert_int_equal(outbox_attempt(s, o[1].seq, "x", 1), 1);
    assert_int_equal(outbox_batch(s, 10, &rows, &n), 0);
    assert_int_equal(n, 4);
    assert_int_equal(rows[0].seq, o[0].seq);
    assert_int_equal(rows[0].attempts, 2);
    assert_string_equal(rows[0].last_error, "HTTP 503");
    assert_int_equal(rows[0].last_attempt_at, 1763900060000LL);
    assert_int_equal(rows[1].seq, o[2].seq);
    event_rows_free(rows, n);
    assert_int_equal(outbox_attempt(s, o[0].seq, NULL, 1763900120000LL), 0);
    assert_int_equal(outbox_batch(s, 1, &rows, &n), 0);
    assert_null(rows[0].last_error);
    event_rows_free(rows, n);
    int64_t count;
    assert_int_equal(outbox_count(s, &count), 0);
    assert_int_equal(count, 4);
    assert_int_equal(events_count(s, &count), 0);
    assert_int_equal(count, 5); /* acknowledged events stay in the log */
    store_close(s);
}

static void get_of_an_unknown_id_is_not_found(void **state)
{
    (void)state;
    store *s = open_store();
    event_row r;
    assert_int_equal(events_get(s, "017f22e2-79b0-7cc3-98c4-dc0c0c07398f", &r), 1);
    event_out out;
    assert_int_equal(receive(s, "C-1", &out), 0);
    char upper[UUID7_LEN + 1];
    for (int i = 0; i <= UUID7_LEN; i++)
        upper[i] = (char)(out.id[i] >= 'a' && out.id[i] <= 'f' ? out.id[i] - 32 : out.id[i]);
    assert_int_equal(events_get(s, upper, &r), 0); /* typed in capitals */
    event_row_free(&r);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(encoding_sorts_keys_and_is_the_same_for_any_field_order),
        cmocka_unit_test(strings_are_escaped_minimally),
        cmocka_unit_test(extremes_of_int64_round_trip),
        cmocka_unit_test(bad_fields_are_refused),
        cmocka_unit_test(types_and_subjects_are_checked),
        cmocka_unit_test(chain_content_is_unambiguous),
        cmocka_unit_test_setup_teardown(append_records_event_outbox_and_projection, setup, teardown),
        cmocka_unit_test_setup_teardown(ids_follow_commit_order_and_chain_links, setup, teardown),
        cmocka_unit_test_setup_teardown(events_cannot_be_updated_or_deleted, setup, teardown),
        cmocka_unit_test_setup_teardown(a_refused_event_leaves_nothing_behind, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_input_is_refused_before_writing, setup, teardown),
        cmocka_unit_test_setup_teardown(a_batch_is_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(a_writer_appends_many_times, setup, teardown),
        cmocka_unit_test_setup_teardown(two_connections_share_one_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(outbox_lists_oldest_first_and_records_attempts, setup, teardown),
        cmocka_unit_test_setup_teardown(get_of_an_unknown_id_is_not_found, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
