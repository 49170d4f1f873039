/* test_store.c - opening, creating and migrating the terminal's database, and
 * refusing files that are not guichet's (left untouched). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/store.h"

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichet-store-XXXXXX");
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

/* Run one SQL statement on the file directly, as someone with the sqlite3 shell would. */
static void raw_sql(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
    sqlite3_close(db);
}

static long file_bytes(const char *p, char *buf, long cap)
{
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    long n = (long)fread(buf, 1, (size_t)cap, f);
    fclose(f);
    return n;
}

static void new_file_is_private_wal_and_at_the_latest_schema(void **state)
{
    (void)state;
    store *s = store_open(path, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), store_schema_latest());
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    sqlite3_close(db);
}

static void reopening_keeps_the_version_and_applies_nothing_twice(void **state)
{
    (void)state;
    store *s = store_open(path, err, sizeof err);
    assert_non_null(s);
    store_close(s);
    s = store_open(path, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), store_schema_latest());
    store_close(s);
}

/* A file left at every older version is brought up to date. */
static void migrates_from_every_older_version(void **state)
{
    (void)state;
    for (int v = 1; v < store_schema_latest(); v++) {
        snprintf(path, sizeof path, "%s/v%d.db", dir, v);
        store *s = store_open_at(path, v, err, sizeof err);
        assert_non_null(s);
        assert_int_equal(store_schema_version(s), v);
        store_close(s);
        s = store_open(path, err, sizeof err);
        if (!s)
            fail_msg("from version %d: %s", v, err);
        assert_int_equal(store_schema_version(s), store_schema_latest());
        store_close(s);
    }
}

static void a_text_file_is_refused_and_left_untouched(void **state)
{
    (void)state;
    const char *text = "case list exported by hand\n";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_null(store_open(path, err, sizeof err));
    assert_non_null(strstr(err, "not a guichet database"));
    assert_non_null(strstr(err, path));
    char buf[256];
    long n = file_bytes(path, buf, sizeof buf);
    assert_int_equal(n, (long)strlen(text));
    assert_memory_equal(buf, text, (size_t)n);
}

static void a_corrupt_sqlite_file_is_refused_and_left_untouched(void **state)
{
    (void)state;
    char junk[4096];
    memset(junk, 0xA5, sizeof junk);
    memcpy(junk, "SQLite format 3", 16); /* the right magic, garbage after it */
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(junk, 1, sizeof junk, f);
    fclose(f);
    assert_null(store_open(path, err, sizeof err));
    assert_non_null(strstr(err, path));
    char buf[8192];
    assert_int_equal(file_bytes(path, buf, sizeof buf), (long)sizeof junk);
    assert_memory_equal(buf, junk, sizeof junk);
}

static void another_programs_database_is_refused(void **state)
{
    (void)state;
    raw_sql("CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('x')");
    assert_null(store_open(path, err, sizeof err));
    assert_non_null(strstr(err, "not guichet's"));
}

static void a_newer_schema_is_refused_with_both_versions(void **state)
{
    (void)state;
    store *s = store_open(path, err, sizeof err);
    assert_non_null(s);
    store_close(s);
    raw_sql("INSERT INTO schema_version(version, name, applied_at) VALUES (999, 'future', 'x')");
    assert_null(store_open(path, err, sizeof err));
    assert_non_null(strstr(err, "999"));
    assert_non_null(strstr(err, "newer"));
}

static void a_directory_is_refused(void **state)
{
    (void)state;
    assert_null(store_open(dir, err, sizeof err));
    assert_non_null(strstr(err, "not a regular file"));
}

static void default_path_follows_xdg_and_creates_the_directory(void **state)
{
    (void)state;
    char xdg[128], buf[512], want[512];
    snprintf(xdg, sizeof xdg, "%s/xdg/deeper", dir);
    setenv("XDG_DATA_HOME", xdg, 1);
    assert_int_equal(store_default_path(buf, sizeof buf, err, sizeof err), 0);
    snprintf(want, sizeof want, "%s/guichet/guichet.db", xdg);
    assert_string_equal(buf, want);
    struct stat st;
    snprintf(want, sizeof want, "%s/guichet", xdg);
    assert_int_equal(stat(want, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0700);
    unsetenv("XDG_DATA_HOME");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(new_file_is_private_wal_and_at_the_latest_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(reopening_keeps_the_version_and_applies_nothing_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(migrates_from_every_older_version, setup, teardown),
        cmocka_unit_test_setup_teardown(a_text_file_is_refused_and_left_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(a_corrupt_sqlite_file_is_refused_and_left_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(another_programs_database_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_newer_schema_is_refused_with_both_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(a_directory_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(default_path_follows_xdg_and_creates_the_directory, setup, teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
