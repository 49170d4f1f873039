/* test_staff.c - staff members in the store: adding, reading and listing,
 * refusing bad ids, names and PINs, the PIN kept only as an argon2id string,
 * and the failed-attempt lockout persisted across restarts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/roster.h"
#include "data/staff.h"

#define MIN_MS (60 * 1000LL)
#define T0 1780000000000LL /* 2026-05-28T20:26:40Z */

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];
static store *db;

static int teardown(void **state);

/* cmocka skips teardown when setup fails: say why and clean up here. */
static int setup_failed(void)
{
    print_error("setup: %s\n", err);
    teardown(NULL);
    return -1;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichet-staff-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    db = store_open(path, err, sizeof err);
    if (!db)
        return setup_failed();
    if (window_add(db, "W01", "民政综合窗口", err, sizeof err) != STAFF_OK ||
        window_add(db, "W02", "社保医保窗口", err, sizeof err) != STAFF_OK)
        return setup_failed();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    db = NULL;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void reopen(void)
{
    store_close(db);
    db = store_open(path, err, sizeof err);
    assert_non_null(db);
}

/* A clerk at W01 with the given id and name. */
static staff_in person(const char *code, const char *name)
{
    staff_in in;
    memset(&in, 0, sizeof in);
    in.code = code;
    in.name = name;
    in.roles = STAFF_ROLE_CLERK;
    in.windows[0] = "W01";
    in.n_windows = 1;
    return in;
}

static void add(const char *code, const char *name, unsigned roles, const char *pin)
{
    staff_in in = person(code, name);
    in.roles = roles;
    if (staff_add(db, &in, pin, err, sizeof err) != STAFF_OK)
        fail_msg("adding %s: %s", code, err);
}

static int count_cb(const staff_rec *s, void *ctx)
{
    (void)s;
    ++*(int *)ctx;
    return 0;
}

static int count_staff(void)
{
    int n = 0;
    assert_int_equal(staff_list(db, count_cb, &n, err, sizeof err), STAFF_OK);
    return n;
}

/* One text value from the file, read with SQLite directly (as the sqlite3 shell would). */
static void raw_text(const char *sql, char *out, size_t len)
{
    sqlite3 *raw;
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    snprintf(out, len, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(raw);
}

static void raw_exec(const char *sql)
{
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
}

/* --- adding, reading, listing ------------------------------------------------- */

typedef struct {
    int n;
    char codes[4][STAFF_CODE_BUF];
} seen;

static int collect_cb(const staff_rec *s, void *ctx)
{
    seen *v = ctx;
    if (v->n < 4)
        snprintf(v->codes[v->n], STAFF_CODE_BUF, "%s", s->code);
    v->n++;
    return 0;
}

static void add_get_and_list(void **state)
{
    (void)state;
    staff_in in = person("WangFang", "  王芳 ");
    in.roles = STAFF_ROLE_CLERK | STAFF_ROLE_SUPERVISOR;
    in.windows[1] = "w02";
    in.n_windows = 2;
    in.birth = (gdate){1985, 3, 14};
    assert_int_equal(staff_add(db, &in, "482915", err, sizeof err), STAFF_OK);
    add("0123", "买买提·艾力", STAFF_ROLE_CLERK, "730416");

    staff_rec r;
    assert_int_equal(staff_get(db, "wangfang", &r, err, sizeof err), STAFF_OK);
    assert_string_equal(r.code, "wangfang");
    assert_string_equal(r.name, "王芳");
    assert_int_equal(r.roles, STAFF_ROLE_CLERK | STAFF_ROLE_SUPERVISOR);
    assert_true(r.active);
    assert_int_equal(r.n_windows, 2);
    assert_string_equal(r.windows[0], "W01");
    assert_string_equal(r.windows[1], "W02");
    assert_int_equal(r.birth.y, 1985);
    assert_int_equal(r.lock.failures, 0);
    assert_true(r.num > 0);

    staff_rec by_num;
    assert_int_equal(staff_get_num(db, r.num, &by_num, err, sizeof err), STAFF_OK);
    assert_string_equal(by_num.code, "wangfang");
    assert_int_equal(staff_get_num(db, 999, &by_num, err, sizeof err), STAFF_E_NOT_FOUND);
    assert_int_equal(staff_get(db, "nobody", &by_num, err, sizeof err), STAFF_E_NOT_FOUND);
    assert_non_null(strstr(err, "nobody"));

    seen v = {0};
    assert_int_equal(staff_list(db, collect_cb, &v, err, sizeof err), STAFF_OK);
    assert_int_equal(v.n, 2);
    assert_string_equal(v.codes[0], "0123");
    assert_string_equal(v.codes[1], "wangfang");
}

static int stop_at_first(const staff_rec *s, void *ctx)
{
    (void)s;
    ++*(int *)ctx;
    return 1;
}

static void listing_stops_when_asked(void **state)
{
    (void)state;
    add("aa01", "甲", STAFF_ROLE_CLERK, "482915");
    add("aa02", "乙", STAFF_ROLE_CLERK, "482915");
    int n = 0;
    assert_int_equal(staff_list(db, stop_at_first, &n, err, sizeof err), STAFF_OK);
    assert_int_equal(n, 1);
}

static void duplicate_id_is_refused(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    staff_in again = person("WANGFANG", "王芳芳");
    assert_int_equal(staff_add(db, &again, "730416", err, sizeof err), STAFF_E_EXISTS);
    assert_non_null(strstr(err, "already taken"));
    assert_int_equal(count_staff(), 1);
}

static void bad_ids_are_refused_with_a_reason(void **state)
{
    (void)state;
    struct { const char *code; const char *why; } bad[] = {
        {"a", "2 to 16 characters"},
        {"abcdefghijklmnopq", "2 to 16 characters"},
        {"wang fang", "character 5"},
        {"王芳", "character 1"},
        {"-abc", "character 1"},
        {"ab/c", "character 3"},
        {"", "2 to 16 characters"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        staff_in in = person(bad[i].code, "王芳");
        assert_int_equal(staff_add(db, &in, "482915", err, sizeof err), STAFF_E_INPUT);
        if (!strstr(err, bad[i].why))
            fail_msg("id \"%s\": \"%s\" does not say \"%s\"", bad[i].code, err, bad[i].why);
    }
    staff_in none = person(NULL, "王芳");
    assert_int_equal(staff_add(db, &none, "482915", err, sizeof err), STAFF_E_INPUT);
    assert_int_equal(count_staff(), 0);
}

static void bad_names_roles_windows_dates_are_refused(void **state)
{
    (void)state;
    char long_name[33 * 3 + 1] = "";
    for (int i = 0; i < 33; i++)
        strcat(long_name, "王");
    struct { const char *name; const char *why; } bad[] = {
        {"", "name is empty"},
        {"   ", "name is empty"},
        {"\xe7\x8e\x8b\xff", "not valid UTF-8"},
        {"\xc0\xaf", "not valid UTF-8"},          /* overlong "/" */
        {"王\x01芳", "control character"},
        {long_name, "at most 32"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        staff_in in = person("wangfang", bad[i].name);
        assert_int_equal(staff_add(db, &in, "482915", err, sizeof err), STAFF_E_INPUT);
        if (!strstr(err, bad[i].why))
            fail_msg("name %zu: \"%s\" does not say \"%s\"", i, err, bad[i].why);
    }
    staff_in in = person("wangfang", "王芳");
    in.roles = 0;
    assert_int_equal(staff_add(db, &in, "482915", err, sizeof err), STAFF_E_INPUT);
    assert_non_null(strstr(err, "role"));
    in = person("wangfang", "王芳");
    in.windows[0] = "W09";
    assert_int_equal(staff_add(db, &in, "482915", err, sizeof err), STAFF_E_NOT_FOUND);
    assert_non_null(strstr(err, "W09"));
    in = person("wangfang", "王芳");
    in.birth = (gdate){1985, 2, 30};
    assert_int_equal(staff_add(db, &in, "482915", err, sizeof err), STAFF_E_INPUT);
    assert_non_null(strstr(err, "1985-02-30"));
    assert_int_equal(count_staff(), 0);
}

static void roles_parse_and_format(void **state)
{
    (void)state;
    unsigned roles = 0;
    char buf[STAFF_ROLES_BUF];
    assert_int_equal(staff_roles_parse("clerk", &roles, err, sizeof err), 0);
    assert_int_equal(roles, STAFF_ROLE_CLERK);
    assert_int_equal(staff_roles_parse("supervisor, clerk,trainer,approver", &roles, err, sizeof err), 0);
    assert_int_equal(roles, STAFF_ROLES_ALL);
    assert_string_equal(staff_roles_format(roles, buf, sizeof buf), "clerk,approver,supervisor,trainer");
    assert_int_equal(staff_roles_parse("clerk,boss", &roles, err, sizeof err), -1);
    assert_non_null(strstr(err, "\"boss\""));
    assert_int_equal(staff_roles_parse("", &roles, err, sizeof err), -1);
    assert_string_equal(staff_role_name(STAFF_ROLE_TRAINER), "trainer");
    assert_null(staff_role_name((staff_role)3));

    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    assert_int_equal(staff_set_roles(db, "wangfang", STAFF_ROLE_APPROVER | STAFF_ROLE_CLERK, err, sizeof err),
                     STAFF_OK);
    assert_int_equal(staff_set_roles(db, "wangfang", 0, err, sizeof err), STAFF_E_INPUT);
    assert_int_equal(staff_set_roles(db, "nobody", STAFF_ROLE_CLERK, err, sizeof err), STAFF_E_NOT_FOUND);
    staff_rec r;
    assert_int_equal(staff_get(db, "wangfang", &r, err, sizeof err), STAFF_OK);
    assert_int_equal(r.roles, STAFF_ROLE_APPROVER | STAFF_ROLE_CLERK);
}

static void windows_are_replaced_and_must_exist(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    const char *both[] = {"W02", "W01"};
    assert_int_equal(staff_set_windows(db, "wangfang", both, 2, err, sizeof err), STAFF_OK);
    const char *bad[] = {"W02", "W77"};
    assert_int_equal(staff_set_windows(db, "wangfang", bad, 2, err, sizeof err), STAFF_E_NOT_FOUND);
    assert_non_null(strstr(err, "W77"));
    staff_rec r;
    assert_int_equal(staff_get(db, "wangfang", &r, err, sizeof err), STAFF_OK);
    assert_int_equal(r.n_windows, 2); /* the refused change left both */
    assert_string_equal(r.windows[0], "W01");
    assert_int_equal(staff_set_windows(db, "wangfang", NULL, 0, err, sizeof err), STAFF_OK);
    assert_int_equal(staff_get(db, "wangfang", &r, err, sizeof err), STAFF_OK);
    assert_int_equal(r.n_windows, 0);
}

/* --- PINs ------------------------------------------------------------------------ */

static void trivial_pins_are_refused_and_nothing_is_added(void **state)
{
    (void)state;
    const char *trivial[] = {"000000", "123456", "111111", "654321", "121212", "12345", "abcdef"};
    for (size_t i = 0; i < sizeof trivial / sizeof trivial[0]; i++) {
        staff_in in = person("wangfang", "王芳");
        assert_int_equal(staff_add(db, &in, trivial[i], err, sizeof err), STAFF_E_PIN);
        assert_string_equal(err, pin_reason(pin_check(trivial[i], NULL)));
    }
    staff_in own = person("20240001", "王芳");
    assert_int_equal(staff_add(db, &own, "240001", err, sizeof err), STAFF_E_PIN);
    assert_string_equal(err, pin_reason(PIN_E_STAFF_ID));
    staff_in born = person("wangfang", "王芳");
    born.birth = (gdate){1985, 3, 14};
    assert_int_equal(staff_add(db, &born, "850314", err, sizeof err), STAFF_E_PIN);
    assert_string_equal(err, pin_reason(PIN_E_BIRTH_DATE));
    assert_int_equal(staff_add(db, &born, NULL, err, sizeof err), STAFF_E_PIN);
    assert_int_equal(count_staff(), 0);
}

/* Blank every "$argon2id$..." string in buf so a digit run inside a hash is not mistaken for the PIN. */
static void blank_hashes(char *buf, long n)
{
    static const char tag[] = "$argon2id$";
    for (long i = 0; i + 10 <= n; i++) {
        if (memcmp(buf + i, tag, 10) != 0)
            continue;
        for (long j = i; j < n && j < i + crypto_pwhash_STRBYTES && buf[j] > ' ' && buf[j] < 0x7f; j++)
            buf[j] = '#';
    }
}

static int holds(const char *buf, long n, const char *needle)
{
    long k = (long)strlen(needle);
    for (long i = 0; i + k <= n; i++)
        if (memcmp(buf + i, needle, (size_t)k) == 0)
            return 1;
    return 0;
}

/* True when pin appears in the file at p (hash strings excepted); false if the file is absent. */
static int file_holds(const char *p, const char *pin)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return 0;
    static char buf[4 << 20];
    long n = (long)fread(buf, 1, sizeof buf, f);
    fclose(f);
    blank_hashes(buf, n);
    return holds(buf, n, pin);
}

static void pin_is_stored_only_as_argon2id(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    assert_int_equal(staff_set_pin(db, "wangfang", "730416", err, sizeof err), STAFF_OK);
    char hash[256];
    raw_text("SELECT pin_hash FROM staff WHERE code = 'wangfang'", hash, sizeof hash);
    assert_memory_equal(hash, "$argon2id$", 10);
    assert_non_null(strstr(hash, "$m=16384,t=3,p=1$"));
    assert_int_equal(crypto_pwhash_str_verify(hash, "730416", 6), 0);
    char wal[160];
    snprintf(wal, sizeof wal, "%s-wal", path);
    const char *pins[] = {"482915", "730416"};
    for (int i = 0; i < 2; i++) {
        assert_false(file_holds(path, pins[i]));
        assert_false(file_holds(wal, pins[i]));
    }
    reopen();
    store_close(db);
    db = NULL;
    for (int i = 0; i < 2; i++)
        assert_false(file_holds(path, pins[i]));
    db = store_open(path, err, sizeof err);
    assert_non_null(db);
}

/* The byte search above does find a PIN that is written in clear. */
static void the_file_search_finds_a_clear_pin(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    raw_exec("INSERT INTO meta(key, value) VALUES ('leak', 'pin 593017 in clear')");
    store_close(db);
    db = NULL;
    assert_true(file_holds(path, "593017"));
    db = store_open(path, err, sizeof err);
    assert_non_null(db);
}

static void the_unknown_id_hash_has_todays_cost(void **state)
{
    (void)state;
    assert_true(staff_pin_dummy_is_current());
}

static void right_pin_is_accepted_and_names_the_staff_number(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    staff_rec r;
    assert_int_equal(staff_get(db, "wangfang", &r, err, sizeof err), STAFF_OK);
    staff_verify v;
    assert_int_equal(staff_verify_pin(db, " WangFang ", "482915", T0, &v), STAFF_PIN_OK);
    assert_int_equal(v.num, r.num);
}

static void wrong_pins_count_down_then_lock(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    staff_verify v;
    for (int i = 1; i <= 4; i++) {
        assert_int_equal(staff_verify_pin(db, "wangfang", "730416", T0 + i, &v), STAFF_PIN_WRONG);
        assert_int_equal(v.attempts_left, 5 - i);
        assert_int_equal(v.num, 0);
    }
    assert_int_equal(staff_verify_pin(db, "wangfang", "730416", T0 + 5, &v), STAFF_PIN_LOCKED);
    assert_int_equal(v.locked_until, T0 + 5 + 15 * MIN_MS);
    /* the right PIN while locked is refused, and does not extend the lock */
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0 + 10 * MIN_MS, &v), STAFF_PIN_LOCKED);
    assert_int_equal(v.locked_until, T0 + 5 + 15 * MIN_MS);
    assert_int_equal(v.num, 0);
    /* after the lock ends the right PIN works */
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0 + 5 + 15 * MIN_MS, &v), STAFF_PIN_OK);
    staff_rec r;
    assert_int_equal(staff_get(db, "wangfang", &r, err, sizeof err), STAFF_OK);
    assert_int_equal(r.lock.failures, 0);
    assert_int_equal(r.lock.locked_until, 0);
}

static void success_resets_the_count(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    staff_verify v;
    for (int i = 0; i < 4; i++)
        assert_int_equal(staff_verify_pin(db, "wangfang", "730416", T0, &v), STAFF_PIN_WRONG);
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0, &v), STAFF_PIN_OK);
    for (int i = 0; i < 4; i++)
        assert_int_equal(staff_verify_pin(db, "wangfang", "730416", T0, &v), STAFF_PIN_WRONG);
    assert_int_equal(v.attempts_left, 1);
}

static void a_supervisor_unlocks(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    add("lizhang", "李站长", STAFF_ROLE_SUPERVISOR, "730416");
    add("zhaomin", "赵敏", STAFF_ROLE_CLERK, "594827");
    staff_verify v;
    for (int i = 0; i < 5; i++)
        staff_verify_pin(db, "wangfang", "111111", T0, &v);
    assert_int_equal(v.result, STAFF_PIN_LOCKED);
    assert_int_equal(staff_unlock(db, "wangfang", "zhaomin", err, sizeof err), STAFF_E_NOT_ALLOWED);
    assert_non_null(strstr(err, "supervisor"));
    assert_int_equal(staff_unlock(db, "wangfang", "wangfang", err, sizeof err), STAFF_E_NOT_ALLOWED);
    assert_int_equal(staff_unlock(db, "wangfang", "ghost", err, sizeof err), STAFF_E_NOT_FOUND);
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0 + 1, &v), STAFF_PIN_LOCKED);
    assert_int_equal(staff_unlock(db, "wangfang", "lizhang", err, sizeof err), STAFF_OK);
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0 + 2, &v), STAFF_PIN_OK);
    /* a supervisor cannot unlock themself; the command line (by = NULL) can */
    for (int i = 0; i < 5; i++)
        staff_verify_pin(db, "lizhang", "222222", T0, &v);
    assert_int_equal(staff_unlock(db, "lizhang", "lizhang", err, sizeof err), STAFF_E_NOT_ALLOWED);
    assert_int_equal(staff_unlock(db, "lizhang", NULL, err, sizeof err), STAFF_OK);
    assert_int_equal(staff_verify_pin(db, "lizhang", "730416", T0 + 3, &v), STAFF_PIN_OK);
    assert_int_equal(staff_unlock(db, "ghost", NULL, err, sizeof err), STAFF_E_NOT_FOUND);
}

static void lockout_survives_a_restart(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    staff_verify v;
    for (int i = 0; i < 3; i++)
        assert_int_equal(staff_verify_pin(db, "wangfang", "730416", T0, &v), STAFF_PIN_WRONG);
    reopen();
    assert_int_equal(staff_verify_pin(db, "wangfang", "730416", T0, &v), STAFF_PIN_WRONG);
    assert_int_equal(v.attempts_left, 1);
    assert_int_equal(staff_verify_pin(db, "wangfang", "730416", T0, &v), STAFF_PIN_LOCKED);
    reopen();
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0 + MIN_MS, &v), STAFF_PIN_LOCKED);
    assert_int_equal(v.locked_until, T0 + 15 * MIN_MS);
}

static void another_policy_locks_sooner(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    pin_lock_policy p = {3, 1};
    staff_verify v;
    assert_int_equal(staff_verify_pin_policy(db, "wangfang", "730416", T0, &p, &v), STAFF_PIN_WRONG);
    assert_int_equal(v.attempts_left, 2);
    assert_int_equal(staff_verify_pin_policy(db, "wangfang", "730416", T0, &p, &v), STAFF_PIN_WRONG);
    assert_int_equal(staff_verify_pin_policy(db, "wangfang", "730416", T0, &p, &v), STAFF_PIN_LOCKED);
    assert_int_equal(v.locked_until, T0 + MIN_MS);
    pin_lock_policy bad = {0, 1};
    assert_int_equal(staff_verify_pin_policy(db, "wangfang", "482915", T0 + MIN_MS, &bad, &v), STAFF_PIN_ERROR);
    assert_true(v.err[0] != '\0');
}

static void unknown_and_inactive_staff(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    staff_verify v;
    assert_int_equal(staff_verify_pin(db, "ghost", "482915", T0, &v), STAFF_PIN_UNKNOWN);
    assert_int_equal(staff_verify_pin(db, "not an id!", "482915", T0, &v), STAFF_PIN_UNKNOWN);
    assert_int_equal(staff_verify_pin(db, NULL, NULL, T0, &v), STAFF_PIN_UNKNOWN);
    assert_int_equal(staff_deactivate(db, "wangfang", err, sizeof err), STAFF_OK);
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0, &v), STAFF_PIN_INACTIVE);
    assert_int_equal(v.num, 0);
    for (int i = 0; i < 6; i++)
        assert_int_equal(staff_verify_pin(db, "wangfang", "730416", T0, &v), STAFF_PIN_UNKNOWN);
    staff_rec r;
    assert_int_equal(staff_get(db, "wangfang", &r, err, sizeof err), STAFF_OK); /* never deleted */
    assert_false(r.active);
    assert_int_equal(r.lock.failures, 0);
    assert_int_equal(count_staff(), 1);
    assert_int_equal(staff_reactivate(db, "wangfang", err, sizeof err), STAFF_OK);
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0, &v), STAFF_PIN_OK);
    assert_int_equal(staff_deactivate(db, "ghost", err, sizeof err), STAFF_E_NOT_FOUND);
}

static void new_pin_replaces_the_old_and_clears_a_lock(void **state)
{
    (void)state;
    staff_in in = person("wangfang", "王芳");
    in.birth = (gdate){1985, 3, 14};
    assert_int_equal(staff_add(db, &in, "482915", err, sizeof err), STAFF_OK);
    staff_verify v;
    for (int i = 0; i < 5; i++)
        staff_verify_pin(db, "wangfang", "730416", T0, &v);
    assert_int_equal(v.result, STAFF_PIN_LOCKED);
    assert_int_equal(staff_set_pin(db, "wangfang", "850314", err, sizeof err), STAFF_E_PIN); /* birth date */
    assert_int_equal(staff_set_pin(db, "wangfang", "123456", err, sizeof err), STAFF_E_PIN);
    assert_int_equal(staff_set_pin(db, "ghost", "594827", err, sizeof err), STAFF_E_NOT_FOUND);
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0 + 1, &v), STAFF_PIN_LOCKED);
    assert_int_equal(staff_set_pin(db, "wangfang", "594827", err, sizeof err), STAFF_OK);
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0 + 2, &v), STAFF_PIN_WRONG);
    assert_int_equal(staff_verify_pin(db, "wangfang", "594827", T0 + 3, &v), STAFF_PIN_OK);
}

static void an_older_hash_is_upgraded_on_success(void **state)
{
    (void)state;
    add("wangfang", "王芳", STAFF_ROLE_CLERK, "482915");
    char weak[crypto_pwhash_STRBYTES], sql[300], now[256];
    assert_int_equal(crypto_pwhash_str(weak, "482915", 6, crypto_pwhash_OPSLIMIT_MIN, 8u << 20), 0);
    snprintf(sql, sizeof sql, "UPDATE staff SET pin_hash = '%s' WHERE code = 'wangfang'", weak);
    raw_exec(sql);
    staff_verify v;
    assert_int_equal(staff_verify_pin(db, "wangfang", "730416", T0, &v), STAFF_PIN_WRONG);
    raw_text("SELECT pin_hash FROM staff WHERE code = 'wangfang'", now, sizeof now);
    assert_string_equal(now, weak); /* a wrong PIN changes no hash */
    assert_int_equal(staff_verify_pin(db, "wangfang", "482915", T0, &v), STAFF_PIN_OK);
    raw_text("SELECT pin_hash FROM staff WHERE code = 'wangfang'", now, sizeof now);
    assert_non_null(strstr(now, "$m=16384,t=3,p=1$"));
    assert_int_equal(crypto_pwhash_str_verify(now, "482915", 6), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(add_get_and_list),
        T(listing_stops_when_asked),
        T(duplicate_id_is_refused),
        T(bad_ids_are_refused_with_a_reason),
        T(bad_names_roles_windows_dates_are_refused),
        T(roles_parse_and_format),
        T(windows_are_replaced_and_must_exist),
        T(trivial_pins_are_refused_and_nothing_is_added),
        T(pin_is_stored_only_as_argon2id),
        T(the_file_search_finds_a_clear_pin),
        T(the_unknown_id_hash_has_todays_cost),
        T(right_pin_is_accepted_and_names_the_staff_number),
        T(wrong_pins_count_down_then_lock),
        T(success_resets_the_count),
        T(a_supervisor_unlocks),
        T(lockout_survives_a_restart),
        T(another_policy_locks_sooner),
        T(unknown_and_inactive_staff),
        T(new_pin_replaces_the_old_and_clears_a_lock),
        T(an_older_hash_is_upgraded_on_success),
    };
    return cmocka_run_group_tests_name("staff", tests, NULL, NULL);
}
