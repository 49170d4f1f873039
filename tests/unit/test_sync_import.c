/* test_sync_import.c - applying pages pulled from the centre (data/sync_import.h): other
 * terminals' case events, the same page twice, the page and its cursor in one transaction,
 * arrival order not changing the cases rows, a stale event listed as unapplied, the centre's
 * windows, staff (log-in with the PIN the centre hashed), roster, catalogue and calendar,
 * putting events back in the outbox, the audit with foreign events interleaved, and the
 * rebuild giving what the live import gave. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "store_fixture.h"

#include "data/audit.h"
#include "data/catalog.h"
#include "data/project.h"
#include "data/staff.h"
#include "data/sync_import.h"
#include "data/sync_store.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))
#define F(...) ((const ev_field[]){__VA_ARGS__}), NF(((const ev_field[]){__VA_ARGS__}))

static char dir[64], path[128];
static calendar cal;
static store *s;

static const char *const T2 = "22222222222222222222222222222222";
static const char *const T3 = "33333333333333333333333333333333";
static const char *const HX = "1111111111111111111111111111111111111111111111111111111111111111";
static const char *const CASE1 = "511425-T07-20261123-0001";
static const int64_t NOW = 1763900000000;

static int setup(void **state)
{
    (void)state;
    setenv("GUICHET_DATADIR", "data", 1); /* the pinyin initials the catalogue importer reads */
    s = fx_store_new("imp", dir, sizeof dir, path, sizeof path, &cal);
    return s ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(s);
    return fx_rm_dir(dir);
}

/* ---- making changes ------------------------------------------------------------------ */

/* One change as the centre sends it, owning its strings. */
typedef struct {
    char id[40];
    char type[48];
    char subject[64];
    char *payload;
    char phash[65];
    sync_change c;
} fchange;

/* A UUIDv7 text whose order follows n. */
static void id_of(int n, char *out)
{
    snprintf(out, 40, "019ab%03x-0000-7000-8000-%012x", (unsigned)n, (unsigned)n);
}

/* A change n of type from terminal with this payload text (copied). */
static void mk_raw(fchange *f, int n, const char *terminal, const char *type, const char *subject, const char *json)
{
    memset(f, 0, sizeof *f);
    id_of(n, f->id);
    snprintf(f->type, sizeof f->type, "%s", type);
    if (subject)
        snprintf(f->subject, sizeof f->subject, "%s", subject);
    f->payload = strdup(json);
    assert_non_null(f->payload);
    assert_int_equal(events_sha256_hex(f->payload, strlen(f->payload), f->phash), 0);
    bool centre = strcmp(terminal, SYNC_CENTRE_TERMINAL) == 0;
    f->c = (sync_change){f->id, n, f->type, subject ? f->subject : NULL, f->payload, f->phash, centre ? 0 : 7,
                         centre ? "centre" : "wang", NOW + n, HX, HX, terminal};
}

/* A foreign event n with payload fields encoded canonically. */
static void mk(fchange *f, int n, const char *terminal, const char *type, const char *subject, const ev_field *fl,
               size_t nf)
{
    char buf[EV_PAYLOAD_MAX + 1];
    size_t len;
    assert_int_equal(ev_encode(fl, nf, buf, sizeof buf, &len), EV_OK);
    mk_raw(f, n, terminal, type, subject, buf);
}

static void fc_free(fchange *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(f[i].payload);
}

/* Import the changes f[0..n) as one page on st; the report. */
static sync_import_report import_on(store *st, fchange *f, size_t n, const char *cursor)
{
    sync_change c[16];
    assert_true(n <= NF(c));
    for (size_t i = 0; i < n; i++)
        c[i] = f[i].c;
    sync_import_report rep;
    if (sync_import(st, c, n, cursor, 1, NOW, &rep) != 0)
        fail_msg("sync_import: %s", store_errmsg(st));
    return rep;
}

static sync_import_report import(fchange *f, size_t n)
{
    return import_on(s, f, n, "v1.1.000000000001");
}

/* The lifecycle of CASE1 (a 承诺件) from terminal T2, in creation order. */
#define LIFECYCLE 6
static void lifecycle(fchange f[LIFECYCLE])
{
    mk(&f[0], 1, T2, "case.received", CASE1, F(ev_str("date", "2026-11-23"), ev_str("item", "SB-002"),
       ev_str("class", "promised"), ev_str("applicant_name", "李四"), ev_str("window", "W01")));
    mk(&f[1], 2, T2, "case.supplement_requested", CASE1, F(ev_str("date", "2026-11-23")));
    mk(&f[2], 3, T2, "case.materials_completed", CASE1, F(ev_str("date", "2026-11-25")));
    mk(&f[3], 4, T2, "case.accepted", CASE1, F(ev_str("date", "2026-11-25"), ev_str("due", "2026-12-09")));
    mk(&f[4], 5, T2, "case.review_started", CASE1, F(ev_str("date", "2026-11-26")));
    mk(&f[5], 6, T2, "case.approved", CASE1, F(ev_str("date", "2026-11-30")));
}

/* Every column of the cases rows but last_seq (a local number), one line each. */
static char *cases_text(store *st)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "SELECT case_id, item, class, status, applicant_name, applicant_id, "
                                        "applicant_phone, window_id, clerk, received, accepted, due, concluded, "
                                        "delivered, ended, deferred, deferred_deadline, deferred_completed, "
                                        "supplements, clock_restart, first_visit, reason, basis "
                                        "FROM cases ORDER BY case_id", -1, &q, NULL), SQLITE_OK);
    size_t cap = 4096, len = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    while (sqlite3_step(q) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(q); i++) {
            const char *v = (const char *)sqlite3_column_text(q, i);
            len += (size_t)snprintf(out + len, cap - len, "%s|", v ? v : "NULL");
            assert_true(len < cap - 64);
        }
        out[len++] = '\n';
    }
    sqlite3_finalize(q);
    return out;
}

static int64_t unapplied(store *st)
{
    int64_t n = -1;
    assert_int_equal(sync_unapplied_count(st, &n), 0);
    return n;
}

static const char *meta(const char *key)
{
    static char buf[256];
    if (sync_meta_get(s, key, buf, sizeof buf) != 0)
        buf[0] = '\0';
    return buf;
}

/* ---- foreign events -------------------------------------------------------------------- */

static void another_terminals_case_shows_here(void **state)
{
    (void)state;
    char head[160];
    snprintf(head, sizeof head, "%s", meta("chain_head"));
    fchange f[LIFECYCLE];
    lifecycle(f);
    sync_import_report rep = import(f, 4);
    assert_int_equal(rep.stored, 4);
    assert_int_equal(rep.unapplied + rep.known + rep.centre + rep.refused, 0);
    project_case pc;
    assert_int_equal(project_case_get(s, CASE1, &pc), 0);
    assert_int_equal(pc.status, CASE_ACCEPTED);
    assert_string_equal(pc.due, "2026-12-09");
    assert_int_equal(pc.supplements, 1);
    event_row r;
    assert_int_equal(events_get(s, f[0].id, &r), 0);
    assert_string_equal(r.terminal_id, T2);
    assert_int_equal(r.staff_id, 7);
    assert_int_equal(r.created_at, NOW + 1);
    assert_string_equal(r.hash, HX);
    event_row_free(&r);
    int64_t n;
    assert_int_equal(outbox_count(s, &n), 0);
    assert_int_equal(n, 0);
    assert_string_equal(meta("chain_head"), head);
    assert_string_equal(meta(SYNC_META_CURSOR), "v1.1.000000000001");
    assert_string_equal(meta(SYNC_META_LAST_PULL), "1763900000000");
    fc_free(f, LIFECYCLE);
}

static void the_same_page_twice_changes_nothing(void **state)
{
    (void)state;
    fchange f[LIFECYCLE];
    lifecycle(f);
    import(f, LIFECYCLE);
    char *before = cases_text(s);
    int64_t events = fx_events(s);
    sync_import_report rep = import(f, LIFECYCLE);
    assert_int_equal(rep.known, LIFECYCLE);
    assert_int_equal(rep.stored + rep.unapplied + rep.centre + rep.refused, 0);
    assert_int_equal(fx_events(s), events);
    char *after = cases_text(s);
    assert_string_equal(before, after);
    free(before);
    free(after);
    fc_free(f, LIFECYCLE);
}

static void own_events_coming_back_are_known(void **state)
{
    (void)state;
    char me[EVENT_TERMINAL_MAX + 1];
    assert_int_equal(events_terminal_id(s, me, sizeof me), 0);
    fchange f;
    mk(&f, 1, me, "case.received", CASE1, F(ev_str("date", "2026-11-23"), ev_str("item", "SB-002"),
       ev_str("class", "promised"), ev_str("applicant_name", "李四"), ev_str("window", "W01")));
    sync_import_report rep = import(&f, 1);
    assert_int_equal(rep.known, 1);
    assert_int_equal(fx_events(s), 0);
    fc_free(&f, 1);
}

static void a_failure_mid_page_rolls_back_the_page_and_its_cursor(void **state)
{
    (void)state;
    fchange f[LIFECYCLE];
    lifecycle(f);
    import_on(s, f, 2, "v1.2.000000000002");
    char *before = cases_text(s);
    /* A trigger that makes the store fail on the fourth event of the next page. */
    assert_int_equal(sqlite3_exec(store_db(s), "CREATE TRIGGER boom BEFORE INSERT ON events "
                                               "WHEN NEW.type = 'case.review_started' "
                                               "BEGIN SELECT RAISE(ABORT, 'boom'); END", NULL, NULL, NULL),
                     SQLITE_OK);
    sync_change c[4] = {f[2].c, f[3].c, f[4].c, f[5].c};
    sync_import_report rep;
    assert_int_equal(sync_import(s, c, 4, "v1.6.000000000006", 1, NOW, &rep), -1);
    assert_non_null(strstr(store_errmsg(s), "nothing of this page was applied"));
    assert_int_equal(rep.stored, 0);
    assert_int_equal(fx_events(s), 2);
    assert_string_equal(meta(SYNC_META_CURSOR), "v1.2.000000000002");
    char *after = cases_text(s);
    assert_string_equal(before, after);
    assert_int_equal(unapplied(s), 0);
    /* Without the fault the same page goes in. */
    assert_int_equal(sqlite3_exec(store_db(s), "DROP TRIGGER boom", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sync_import(s, c, 4, "v1.6.000000000006", 1, NOW, &rep), 0);
    assert_int_equal(rep.stored, 4);
    assert_string_equal(meta(SYNC_META_CURSOR), "v1.6.000000000006");
    free(before);
    free(after);
    fc_free(f, LIFECYCLE);
}

static void a_page_without_cursor_changes_nothing(void **state)
{
    (void)state;
    fchange f[LIFECYCLE];
    lifecycle(f);
    sync_change c[1] = {f[0].c};
    sync_import_report rep;
    assert_int_equal(sync_import(s, c, 1, NULL, 1, NOW, &rep), -1);
    assert_int_equal(fx_events(s), 0);
    fc_free(f, LIFECYCLE);
}

/* Import f in the order idx, one change per page (as if they came in that order over time). */
static void import_in_order(store *st, fchange *f, const int *idx, size_t n)
{
    for (size_t i = 0; i < n; i++)
        import_on(st, &f[idx[i]], 1, "v1.1.000000000001");
}

static void arrival_order_does_not_change_the_case(void **state)
{
    (void)state;
    fchange f[LIFECYCLE];
    lifecycle(f);
    char p2[160], p3[160], e[STORE_ERR_LEN];
    snprintf(p2, sizeof p2, "%s/t2.db", dir);
    snprintf(p3, sizeof p3, "%s/t3.db", dir);
    store *s2 = store_open(p2, e, sizeof e), *s3 = store_open(p3, e, sizeof e);
    assert_non_null(s2);
    assert_non_null(s3);
    static const int forward[] = {0, 1, 2, 3, 4, 5}, backward[] = {5, 4, 3, 2, 1, 0}, mixed[] = {3, 0, 5, 2, 4, 1};
    import_in_order(s, f, forward, LIFECYCLE);
    import_in_order(s2, f, backward, LIFECYCLE);
    import_in_order(s3, f, mixed, LIFECYCLE);
    char *a = cases_text(s), *b = cases_text(s2), *c = cases_text(s3);
    assert_non_null(strstr(a, "|approved|"));
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    /* The rebuild of a store that got them backwards gives the same row again. */
    assert_int_equal(project_rebuild(s2), 0);
    char *b2 = cases_text(s2);
    assert_string_equal(a, b2);
    free(a);
    free(b);
    free(c);
    free(b2);
    store_close(s2);
    store_close(s3);
    fc_free(f, LIFECYCLE);
}

static void a_stale_backward_event_is_listed_and_the_status_holds(void **state)
{
    (void)state;
    fchange f[LIFECYCLE + 1];
    lifecycle(f);
    import(f, LIFECYCLE);
    /* Terminal T3, late, reports the case accepted after it was approved. */
    mk(&f[LIFECYCLE], 40, T3, "case.accepted", CASE1, F(ev_str("date", "2026-12-01")));
    sync_import_report rep = import(&f[LIFECYCLE], 1);
    assert_int_equal(rep.unapplied, 1);
    assert_int_equal(rep.stored, 0);
    project_case pc;
    assert_int_equal(project_case_get(s, CASE1, &pc), 0);
    assert_int_equal(pc.status, CASE_APPROVED);
    event_row r;
    assert_int_equal(events_get(s, f[LIFECYCLE].id, &r), 0); /* kept: a fact from elsewhere */
    event_row_free(&r);
    assert_int_equal(unapplied(s), 1);
    assert_string_equal(fx_value(s, "SELECT terminal FROM sync_unapplied WHERE id = ?1", f[LIFECYCLE].id), T3);
    assert_non_null(strstr(fx_value(s, "SELECT reason FROM sync_unapplied", NULL), "case.accepted"));
    fc_free(f, LIFECYCLE + 1);
}

static void a_payload_not_matching_its_hash_is_not_stored(void **state)
{
    (void)state;
    fchange f[LIFECYCLE];
    lifecycle(f);
    f[0].phash[0] = f[0].phash[0] == 'a' ? 'b' : 'a';
    sync_import_report rep = import(f, 2);
    assert_int_equal(rep.refused, 1);
    assert_int_equal(rep.unapplied, 1); /* the next one has no case yet */
    assert_int_equal(fx_events(s), 1);
    assert_int_equal(unapplied(s), 2);
    assert_non_null(strstr(fx_value(s, "SELECT reason FROM sync_unapplied WHERE id = ?1", f[0].id),
                           "payload_hash"));
    fc_free(f, LIFECYCLE);
}

/* ---- centre changes --------------------------------------------------------------------- */

/* An argon2id hash of pin at the client's cost (data/staff.h), as guichetd makes it. */
static void hash_pin(const char *pin, char out[crypto_pwhash_STRBYTES])
{
    assert_true(sodium_init() >= 0);
    assert_int_equal(crypto_pwhash_str(out, pin, strlen(pin), STAFF_PIN_OPSLIMIT, STAFF_PIN_MEMLIMIT), 0);
}

/* A centre.staff change n. */
static void mk_staff(fchange *f, int n, const char *code, int num, const char *hash, bool active, const char *windows)
{
    char json[1024];
    snprintf(json, sizeof json,
             "{\"active\":%s,\"code\":\"%s\",\"name\":\"王芳\",\"num\":%d,\"pin_hash\":\"%s\","
             "\"roles\":\"clerk,supervisor\",\"windows\":[%s]}",
             active ? "true" : "false", code, num, hash, windows);
    mk_raw(f, n, SYNC_CENTRE_TERMINAL, "centre.staff", code, json);
}

static void centre_window_and_staff_then_log_in(void **state)
{
    (void)state;
    char h1[crypto_pwhash_STRBYTES], h2[crypto_pwhash_STRBYTES];
    hash_pin("583914", h1);
    hash_pin("730416", h2);
    fchange f[4];
    mk_raw(&f[0], 1, SYNC_CENTRE_TERMINAL, "centre.window", "W03", "{\"code\":\"w03\",\"name\":\"不动产窗口\"}");
    mk_staff(&f[1], 2, "wang", 7, h1, true, "\"W01\",\"W03\"");
    sync_import_report rep = import(f, 2);
    assert_int_equal(rep.centre, 2);
    assert_int_equal(rep.refused, 0);
    window_rec w;
    char e[STORE_ERR_LEN];
    assert_int_equal(window_get(s, "W03", &w, e, sizeof e), STAFF_OK);
    assert_string_equal(w.name, "不动产窗口");
    staff_verify v;
    assert_int_equal(staff_verify_pin(s, "wang", "583914", NOW, &v), STAFF_PIN_OK);
    assert_int_equal(v.num, 7);
    staff_rec r;
    assert_int_equal(staff_get(s, "wang", &r, e, sizeof e), STAFF_OK);
    assert_int_equal(r.roles, STAFF_ROLE_CLERK | STAFF_ROLE_SUPERVISOR);
    assert_int_equal(r.n_windows, 2);
    assert_string_equal(r.windows[1], "W03");
    /* A new PIN, then deactivation: the full record again each time. */
    mk_staff(&f[2], 3, "wang", 7, h2, true, "\"W01\"");
    mk_staff(&f[3], 4, "wang", 7, h2, false, "\"W01\"");
    rep = import(&f[2], 1);
    assert_int_equal(rep.centre, 1);
    assert_int_equal(staff_verify_pin(s, "wang", "583914", NOW, &v), STAFF_PIN_WRONG);
    assert_int_equal(staff_verify_pin(s, "wang", "730416", NOW, &v), STAFF_PIN_OK);
    rep = import(&f[3], 1);
    assert_int_equal(rep.centre, 1);
    assert_int_equal(staff_get(s, "wang", &r, e, sizeof e), STAFF_OK);
    assert_false(r.active);
    assert_int_equal(r.n_windows, 1);
    assert_int_equal(fx_num(s, "SELECT count(*) FROM centre_changes", NULL), 4);
    /* Applied again: known by id, nothing done. */
    rep = import(f, 2);
    assert_int_equal(rep.known, 2);
    assert_int_equal(staff_get(s, "wang", &r, e, sizeof e), STAFF_OK);
    assert_false(r.active);
    fc_free(f, 4);
}

static void conflicting_staff_numbers_are_refused(void **state)
{
    (void)state;
    char e[STORE_ERR_LEN], h[crypto_pwhash_STRBYTES];
    staff_in in;
    memset(&in, 0, sizeof in);
    in.code = "li";
    in.name = "李娜";
    in.roles = STAFF_ROLE_CLERK;
    in.windows[in.n_windows++] = "W01";
    assert_int_equal(staff_add(s, &in, "482915", e, sizeof e), STAFF_OK);
    staff_rec li;
    assert_int_equal(staff_get(s, "li", &li, e, sizeof e), STAFF_OK);
    hash_pin("583914", h);
    fchange f[3];
    mk_staff(&f[0], 1, "li", (int)li.num + 8, h, true, "");
    mk_staff(&f[1], 2, "zhao", (int)li.num, h, true, "");
    mk_staff(&f[2], 3, "sun", 30, h, true, "\"W09\"");
    sync_import_report rep = import(f, 3);
    assert_int_equal(rep.refused, 3);
    assert_int_equal(rep.centre, 0);
    assert_int_equal(unapplied(s), 3);
    assert_non_null(strstr(fx_value(s, "SELECT reason FROM sync_unapplied WHERE id = ?1", f[0].id), "number"));
    assert_non_null(strstr(fx_value(s, "SELECT reason FROM sync_unapplied WHERE id = ?1", f[1].id),
                           "belongs to \"li\""));
    assert_non_null(strstr(fx_value(s, "SELECT reason FROM sync_unapplied WHERE id = ?1", f[2].id), "W09"));
    assert_int_equal(fx_num(s, "SELECT count(*) FROM staff", NULL), 1);
    assert_int_equal(staff_verify_pin(s, "li", "482915", NOW, &(staff_verify){0}), STAFF_PIN_OK);
    assert_int_equal(fx_num(s, "SELECT count(*) FROM centre_changes", NULL), 0);
    fc_free(f, 3);
}

static void centre_roster_sets_the_pair(void **state)
{
    (void)state;
    char h[crypto_pwhash_STRBYTES], e[STORE_ERR_LEN];
    hash_pin("583914", h);
    fchange f[4];
    mk_staff(&f[0], 1, "wang", 7, h, true, "\"W01\"");
    mk_staff(&f[1], 2, "li", 8, h, true, "\"W01\"");
    mk_raw(&f[2], 3, SYNC_CENTRE_TERMINAL, "centre.roster", "W01",
           "{\"a\":\"wang\",\"b\":\"li\",\"day\":\"2026-11-24\",\"window\":\"W01\"}");
    mk_raw(&f[3], 4, SYNC_CENTRE_TERMINAL, "centre.roster", "W02",
           "{\"a\":\"wang\",\"b\":\"li\",\"day\":\"2026-11-24\",\"window\":\"W02\"}");
    sync_import_report rep = import(f, 4);
    assert_int_equal(rep.centre, 3);
    assert_int_equal(rep.refused, 1);
    roster_line rl;
    assert_int_equal(roster_for(s, "2026-11-24", "W01", &rl, e, sizeof e), STAFF_OK);
    assert_int_equal(rl.a.num, 7);
    assert_int_equal(rl.b.num, 8);
    assert_int_equal(roster_for(s, "2026-11-24", "W02", &rl, e, sizeof e), STAFF_E_NOT_FOUND);
    assert_non_null(strstr(fx_value(s, "SELECT reason FROM sync_unapplied WHERE id = ?1", f[3].id),
                           "not allowed at window W02"));
    fc_free(f, 4);
}

/* Append text to a JSON string literal under construction (quotes, backslashes, control bytes). */
static char *json_file_payload(const char *name, const char *text)
{
    size_t n = strlen(text), cap = 2 * n + 6 * n / 8 + 512, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    char sha[65];
    assert_int_equal(events_sha256_hex(text, n, sha), 0);
    len += (size_t)snprintf(out, cap, "{\"name\":\"%s\",\"sha256\":\"%s\",\"text\":\"", name, sha);
    for (const char *p = text; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        assert_true(len + 8 < cap);
        if (ch == '"' || ch == '\\')
            len += (size_t)snprintf(out + len, cap - len, "\\%c", ch);
        else if (ch < 0x20)
            len += (size_t)snprintf(out + len, cap - len, "\\u%04x", ch);
        else
            out[len++] = (char)ch;
    }
    snprintf(out + len, cap - len, "\"}");
    return out;
}

static char *read_all(const char *file)
{
    FILE *fp = fopen(file, "rb");
    assert_non_null(fp);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return strdup(buf);
}

static void centre_catalogue_good_and_broken(void **state)
{
    (void)state;
    char *text = read_all("data/catalog/demo.ini");
    assert_true(strlen(text) > 1000);
    char *good = json_file_payload("demo.ini", text);
    char *bad = json_file_payload("broken.ini", "[item\nname = x\n");
    fchange f[2];
    mk_raw(&f[0], 1, SYNC_CENTRE_TERMINAL, "centre.catalog", NULL, good);
    mk_raw(&f[1], 2, SYNC_CENTRE_TERMINAL, "centre.catalog", NULL, bad);
    sync_import_report rep = import(f, 1);
    if (rep.centre != 1)
        fail_msg("%s", fx_value(s, "SELECT reason FROM sync_unapplied", NULL));
    catalog_version_info v;
    assert_int_equal(catalog_current_version(s, &v), 0);
    assert_string_equal(v.file, "demo.ini");
    assert_true(v.items > 0);
    assert_string_equal(fx_value(s, "SELECT name FROM centre_files WHERE kind = 'catalog'", NULL), "demo.ini");
    rep = import(&f[1], 1);
    assert_int_equal(rep.refused, 1);
    catalog_version_info v2;
    assert_int_equal(catalog_current_version(s, &v2), 0);
    assert_int_equal(v2.id, v.id);
    assert_int_equal(v2.items, v.items);
    assert_non_null(strstr(fx_value(s, "SELECT reason FROM sync_unapplied", NULL), "broken.ini"));
    free(text);
    free(good);
    free(bad);
    fc_free(f, 2);
}

static void centre_calendar_is_kept_and_loads(void **state)
{
    (void)state;
    calendar c;
    assert_int_equal(sync_centre_calendar(s, &c), 1);
    char *text = read_all("data/calendar/cn.ini");
    char *good = json_file_payload("cn.ini", text);
    char *bad = json_file_payload("bad.ini", "[20x6]\nholidays = 2026-01-01\n");
    fchange f[2];
    mk_raw(&f[0], 1, SYNC_CENTRE_TERMINAL, "centre.calendar", NULL, good);
    mk_raw(&f[1], 2, SYNC_CENTRE_TERMINAL, "centre.calendar", NULL, bad);
    sync_import_report rep = import(f, 2);
    assert_int_equal(rep.centre, 1);
    assert_int_equal(rep.refused, 1);
    memset(&c, 0, sizeof c);
    assert_int_equal(sync_centre_calendar(s, &c), 0);
    assert_int_equal(c.nyears, cal.nyears);
    assert_non_null(strstr(fx_value(s, "SELECT reason FROM sync_unapplied WHERE id = ?1", f[1].id), "bad.ini"));
    free(text);
    free(good);
    free(bad);
    fc_free(f, 2);
}

static void centre_case_events_are_foreign_events(void **state)
{
    (void)state;
    fchange f[LIFECYCLE];
    lifecycle(f);
    import(f, 5);
    fchange c;
    mk(&c, 20, SYNC_CENTRE_TERMINAL, "case.status_from_centre", CASE1,
       F(ev_str("date", "2026-12-01"), ev_str("target", "approved")));
    sync_import_report rep = import(&c, 1);
    assert_int_equal(rep.stored, 1);
    project_case pc;
    assert_int_equal(project_case_get(s, CASE1, &pc), 0);
    assert_int_equal(pc.status, CASE_APPROVED);
    assert_int_equal(fx_num(s, "SELECT count(*) FROM events WHERE staff_id IS NULL", NULL), 1);
    fc_free(&c, 1);
    fc_free(f, LIFECYCLE);
}

/* ---- the outbox, the audit, the rebuild ------------------------------------------------------ */

static void local_case(const char *id, int32_t staff)
{
    event_in in = {"case.received", id, staff,
                   F(ev_str("date", "2026-11-23"), ev_str("item", "JH-001"), ev_str("class", "immediate"),
                     ev_str("applicant_name", "张三"), ev_str("window", "W01"))};
    event_out out;
    if (events_append(s, &in, &out) != 0)
        fail_msg("%s", store_errmsg(s));
}

static void requeue_puts_back_what_the_centre_lost(void **state)
{
    (void)state;
    local_case("511425-T03-20261123-0001", 3);
    fchange f[LIFECYCLE];
    lifecycle(f);
    import(f, 2);
    local_case("511425-T03-20261123-0002", 3);
    local_case("511425-T03-20261123-0003", 3);
    /* seqs: 1 own, 2-3 foreign, 4-5 own.  All acknowledged; 5 rejected. */
    sync_result res[3] = {{1, "a", SYNC_APPLIED, NULL}, {4, "b", SYNC_APPLIED, NULL}, {5, "c", SYNC_REJECTED, "no"}};
    assert_int_equal(sync_apply_results(s, res, 3, NOW), 0);
    int64_t n = -1;
    assert_int_equal(sync_requeue_after(s, 1, &n), 0);
    assert_int_equal(n, 1);
    event_row *rows;
    size_t got;
    assert_int_equal(outbox_batch(s, 10, &rows, &got), 0);
    assert_int_equal(got, 1);
    assert_int_equal(rows[0].seq, 4);
    event_rows_free(rows, got);
    assert_int_equal(sync_requeue_after(s, 1, &n), 0);
    assert_int_equal(n, 0);
    fc_free(f, LIFECYCLE);
}

static void audit_holds_with_foreign_events_and_sees_their_payloads(void **state)
{
    (void)state;
    local_case("511425-T03-20261123-0001", 3);
    fchange f[LIFECYCLE];
    lifecycle(f);
    import(f, 3);
    local_case("511425-T03-20261123-0002", 3);
    audit_result r;
    assert_int_equal(audit_verify(s, &r), 0);
    assert_int_equal(r.problem, AUDIT_OK);
    assert_int_equal(r.checked, 5);
    assert_int_equal(r.seq, 5);
    assert_non_null(strstr(r.message, "3 pulled"));
    assert_int_equal(sqlite3_exec(store_db(s), "DROP TRIGGER events_no_update; "
                                               "UPDATE events SET payload = replace(payload, '李四', '王五') "
                                               "WHERE seq = 2", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(audit_verify(s, &r), 0);
    assert_int_equal(r.problem, AUDIT_CONTENT_CHANGED);
    assert_int_equal(r.seq, 2);
    assert_non_null(strstr(r.message, T2));
    fc_free(f, LIFECYCLE);
}

static void audit_sees_a_deleted_foreign_row(void **state)
{
    (void)state;
    local_case("511425-T03-20261123-0001", 3);
    fchange f[LIFECYCLE];
    lifecycle(f);
    import(f, 3);
    local_case("511425-T03-20261123-0002", 3);
    assert_int_equal(sqlite3_exec(store_db(s), "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 3",
                                  NULL, NULL, NULL), SQLITE_OK);
    audit_result r;
    assert_int_equal(audit_verify(s, &r), 0);
    assert_int_equal(r.problem, AUDIT_SEQ_GAP);
    assert_int_equal(r.seq, 4);
    fc_free(f, LIFECYCLE);
}

/* Every projection table, dumped in a fixed order. */
static char *projections_text(void)
{
    static const char *const q[] = {
        "SELECT * FROM cases ORDER BY case_id",      "SELECT * FROM case_materials ORDER BY case_id, idx",
        "SELECT * FROM notices ORDER BY event_seq",  "SELECT * FROM enquiries ORDER BY event_seq",
        "SELECT * FROM evaluations ORDER BY case_id", "SELECT * FROM attendance ORDER BY event_seq",
        "SELECT * FROM handoffs ORDER BY event_seq", "SELECT * FROM duty ORDER BY window_id",
    };
    size_t cap = 1 << 16, len = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    for (size_t i = 0; i < NF(q); i++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(store_db(s), q[i], -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int k = 0; k < sqlite3_column_count(st); k++) {
                const char *v = (const char *)sqlite3_column_text(st, k);
                len += (size_t)snprintf(out + len, cap - len, "%s|", v ? v : "NULL");
                assert_true(len < cap - 256);
            }
            out[len++] = '\n';
        }
        sqlite3_finalize(st);
        out[len++] = '#';
    }
    return out;
}

static void rebuild_gives_what_the_import_gave(void **state)
{
    (void)state;
    local_case("511425-T03-20261123-0001", 3);
    fchange f[LIFECYCLE + 3];
    lifecycle(f);
    static const int order[] = {2, 0, 1, 5, 3, 4};
    import_in_order(s, f, order, LIFECYCLE);
    mk(&f[6], 50, T3, "case.accepted", CASE1, F(ev_str("date", "2026-12-01")));       /* stale: unapplied */
    mk(&f[7], 51, T3, "case.rejected", "511425-T03-20261123-0001", F(ev_str("date", "2026-11-23"))); /* no basis */
    mk(&f[8], 52, T3, "no.such_type", NULL, F(ev_str("x", "y")));                     /* unknown: unapplied */
    sync_import_report rep = import(&f[6], 3);
    assert_int_equal(rep.unapplied, 3);
    local_case("511425-T03-20261123-0002", 3);
    event_in acc = {"case.accepted", "511425-T03-20261123-0001", 3, F(ev_str("date", "2026-11-23"))};
    if (events_append(s, &acc, NULL) != 0)
        fail_msg("%s", store_errmsg(s));
    assert_int_equal(fx_num(s, "SELECT final FROM sync_unapplied WHERE id = ?1", f[7].id), 1);
    assert_int_equal(fx_num(s, "SELECT final FROM sync_unapplied WHERE id = ?1", f[6].id), 0);
    char *live = projections_text();
    assert_non_null(strstr(live, "|approved|"));
    assert_int_equal(project_rebuild(s), 0);
    char *rebuilt = projections_text();
    assert_string_equal(live, rebuilt);
    free(live);
    free(rebuilt);
    fc_free(f, LIFECYCLE + 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(another_terminals_case_shows_here, setup, teardown),
        cmocka_unit_test_setup_teardown(the_same_page_twice_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(own_events_coming_back_are_known, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failure_mid_page_rolls_back_the_page_and_its_cursor, setup, teardown),
        cmocka_unit_test_setup_teardown(a_page_without_cursor_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(arrival_order_does_not_change_the_case, setup, teardown),
        cmocka_unit_test_setup_teardown(a_stale_backward_event_is_listed_and_the_status_holds, setup, teardown),
        cmocka_unit_test_setup_teardown(a_payload_not_matching_its_hash_is_not_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(centre_window_and_staff_then_log_in, setup, teardown),
        cmocka_unit_test_setup_teardown(conflicting_staff_numbers_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(centre_roster_sets_the_pair, setup, teardown),
        cmocka_unit_test_setup_teardown(centre_catalogue_good_and_broken, setup, teardown),
        cmocka_unit_test_setup_teardown(centre_calendar_is_kept_and_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(centre_case_events_are_foreign_events, setup, teardown),
        cmocka_unit_test_setup_teardown(requeue_puts_back_what_the_centre_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(audit_holds_with_foreign_events_and_sees_their_payloads, setup, teardown),
        cmocka_unit_test_setup_teardown(audit_sees_a_deleted_foreign_row, setup, teardown),
        cmocka_unit_test_setup_teardown(rebuild_gives_what_the_import_gave, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
