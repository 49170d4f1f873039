/* test_crash.c - faults: a process killed with SIGKILL while appending
 * leaves every event it reported committed, a valid chain and projections
 * equal to a rebuild; two processes appending to one file at once form one
 * chain with every event; a read-only database and a full disk make the
 * append fail with a message and leave nothing half-written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "data/audit.h"
#include "data/events.h"
#include "data/project.h"
#include "data/store.h"
#include "data/store_db.h" /* the raw connection, to make it read-only or small */

#define NF(arr) (sizeof(arr) / sizeof((arr)[0]))
#define KILL_AFTER 120   /* events the parent waits for before the SIGKILL */
#define PER_CHILD 150    /* events each of two concurrent writers appends */

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichet-crash-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s = store_open(path, err, sizeof err); /* created before any fork */
    store_close(s);
    return s ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- what the writers do ---------------------------------------------------------------- */

/* Case number `n` of writer `who`; a lifecycle step of an immediate case, or a punch. */
static int append_step(store *s, const char *who, long n, int step, event_out *out, size_t *nout)
{
    char id[64], staff[16];
    snprintf(id, sizeof id, "%s-%06ld", who, n);
    snprintf(staff, sizeof staff, "%d", 3 + (int)(n % 5));
    ev_field recv[] = {ev_str("date", "2026-11-23"), ev_str("item", "JH-001"), ev_str("class", "immediate"),
                       ev_str("applicant_name", "测试申请人"), ev_str("window", "W01")};
    ev_field day[] = {ev_str("date", "2026-11-23")};
    ev_field punch[] = {ev_str("date", "2026-11-23"), ev_int("minute", 480 + n % 600), ev_str("kind", "sign_in")};
    event_in in[2] = {{"case.received", id, 3, recv, NF(recv)}, {"case.accepted", id, 3, day, 1}};
    *nout = 1;
    switch (step) {
    case 0:
        *nout = 2; /* received and accepted as one action */
        return events_append_many(s, in, 2, out);
    case 1:
        in[0] = (event_in){"case.approved", id, 3, day, 1};
        break;
    case 2:
        in[0] = (event_in){"case.delivered", id, 3, day, 1};
        break;
    default:
        in[0] = (event_in){"attendance.punched", staff, 3, punch, NF(punch)};
        break;
    }
    return events_append(s, in, out);
}

/* A writer process: append `count` events (or until killed) on s, telling `fd` each committed id. */
static int writer(store *s, const char *who, long count, int fd)
{
    long done = 0;
    for (long n = 0; done < count; n++) {
        for (int step = 0; step < 4 && done < count; step++) {
            event_out out[2];
            size_t k;
            if (append_step(s, who, n, step, out, &k) != 0) {
                fprintf(stderr, "%s: %s\n", who, store_errmsg(s));
                store_close(s);
                return 1;
            }
            for (size_t i = 0; i < k; i++) {
                char line[UUID7_LEN + 2];
                snprintf(line, sizeof line, "%s\n", out[i].id);
                if (fd >= 0 && write(fd, line, UUID7_LEN + 1) != UUID7_LEN + 1)
                    return 1;
            }
            done += (long)k;
        }
    }
    store_close(s);
    return 0;
}

/* The store a child process works on (opened in the child, never shared across fork). */
static store *child_store(void)
{
    store *s = store_open(path, err, sizeof err);
    if (!s) {
        fprintf(stderr, "%s\n", err);
        _exit(3);
    }
    return s;
}

/* ---- checking the file -------------------------------------------------------------------- */

static const char *const dump_sql[] = {
    "SELECT * FROM cases ORDER BY case_id",           "SELECT * FROM case_materials ORDER BY case_id, idx",
    "SELECT * FROM notices ORDER BY event_seq",       "SELECT * FROM enquiries ORDER BY event_seq",
    "SELECT * FROM evaluations ORDER BY case_id",     "SELECT * FROM attendance ORDER BY event_seq",
    "SELECT * FROM handoffs ORDER BY event_seq",      "SELECT * FROM duty ORDER BY window_id",
    "SELECT * FROM duty_days ORDER BY window_id, day", "SELECT * FROM leaves ORDER BY leave_id",
    "SELECT * FROM leader_days ORDER BY staff_id, day", "SELECT * FROM followups ORDER BY case_id",
    "SELECT * FROM complaints ORDER BY id",
};

/* Every projection row as text (a hash of it, to keep it small). */
static void dump_hash(char *out)
{
    size_t n;
    project_tables(&n);
    assert_int_equal(n, NF(dump_sql));
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *all = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&all, &len);
    assert_non_null(mem);
    for (size_t t = 0; t < n; t++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, dump_sql[t], -1, &st, NULL), SQLITE_OK);
        fprintf(mem, "#%zu\n", t);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const char *v = (const char *)sqlite3_column_text(st, c);
                fprintf(mem, "%d=%s|", sqlite3_column_type(st, c), v ? v : "");
            }
            fputc('\n', mem);
        }
        sqlite3_finalize(st);
    }
    fclose(mem);
    sqlite3_close(db);
    assert_int_equal(events_sha256_hex(all, len, out), 0);
    free(all);
}

static int64_t count(const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* The chain holds, and a rebuild changes no projection row. */
static void assert_consistent(store *s)
{
    audit_result r;
    assert_int_equal(audit_verify(s, &r), 0);
    if (r.problem != AUDIT_OK)
        fail_msg("%s", r.message);
    char before[EV_HASH_HEX + 1], after[EV_HASH_HEX + 1];
    dump_hash(before);
    assert_int_equal(project_rebuild(s), 0);
    dump_hash(after);
    assert_string_equal(before, after);
    assert_int_equal(count("SELECT count(*) FROM events"), count("SELECT count(*) FROM outbox"));
}

/* Read id lines from fd into ids (cap entries) until `stop_at` arrive (then kill pid) and EOF. */
static size_t collect_ids(int fd, char (*ids)[UUID7_LEN + 1], size_t cap, size_t stop_at, pid_t pid)
{
    char buf[UUID7_LEN + 1];
    size_t got = 0, have = 0;
    bool killed = false;
    for (;;) {
        ssize_t r = read(fd, buf + have, sizeof buf - have);
        if (r <= 0)
            break;
        have += (size_t)r;
        if (have < sizeof buf)
            continue;
        assert_true(got < cap);
        memcpy(ids[got], buf, UUID7_LEN);
        ids[got++][UUID7_LEN] = '\0';
        have = 0;
        if (!killed && got >= stop_at) {
            kill(pid, SIGKILL); /* mid-run: the writer is somewhere in its next append */
            killed = true;
        }
    }
    return got;
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void sigkill_mid_append_loses_nothing_committed(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        _exit(writer(child_store(), "K", 1000000, fds[1]));
    }
    close(fds[1]);
    static char ids[KILL_AFTER * 4][UUID7_LEN + 1];
    size_t got = collect_ids(fds[0], ids, NF(ids), KILL_AFTER, pid);
    close(fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    assert_true(got >= KILL_AFTER);
    store *s = store_open(path, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    for (size_t i = 0; i < got; i++) {
        event_row r;
        if (events_get(s, ids[i], &r) != 0)
            fail_msg("event %zu (%s) was reported committed but is missing", i, ids[i]);
        event_row_free(&r);
    }
    int64_t n;
    assert_int_equal(events_count(s, &n), 0);
    assert_true(n >= (int64_t)got && n <= (int64_t)got + 2); /* at most one action committed unreported */
    assert_consistent(s);
    store_close(s);
}

/* Each child opens its store, says so, and waits at the gate; the gate opens for both at once. */
static void two_processes_append_to_one_chain(void **state)
{
    (void)state;
    int gate[2], ready[2];
    assert_int_equal(pipe(gate), 0);
    assert_int_equal(pipe(ready), 0);
    pid_t pids[2];
    const char *who[2] = {"P", "Q"};
    for (int i = 0; i < 2; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0) {
            char c = 'r';
            close(gate[1]);
            close(ready[0]);
            store *s = child_store();
            if (write(ready[1], &c, 1) != 1 || read(gate[0], &c, 1) != 0)
                _exit(2);
            _exit(writer(s, who[i], PER_CHILD, -1));
        }
        char c;
        assert_int_equal(read(ready[0], &c, 1), 1); /* opened: the next one may open */
    }
    close(gate[0]);
    close(ready[0]);
    close(ready[1]);
    close(gate[1]); /* both start appending now */
    for (int i = 0; i < 2; i++) {
        int status;
        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    assert_int_equal(count("SELECT count(*) FROM events"), 2 * PER_CHILD);
    assert_int_equal(count("SELECT max(seq) FROM events"), 2 * PER_CHILD);
    assert_int_equal(count("SELECT count(*) FROM cases WHERE case_id GLOB 'P-*'"),
                     count("SELECT count(*) FROM cases WHERE case_id GLOB 'Q-*'"));
    assert_int_equal(count("SELECT count(DISTINCT id) FROM events"), 2 * PER_CHILD);
    store *s = store_open(path, err, sizeof err);
    assert_non_null(s);
    assert_consistent(s);
    store_close(s);
}

/* The chain head as meta holds it. */
static void chain_head(char *out, size_t len)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'chain_head'", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* Rows the append would touch, and the chain head: all must stay as they were. */
static void snapshot(char *out)
{
    char dump[EV_HASH_HEX + 1], head[128];
    dump_hash(dump);
    chain_head(head, sizeof head);
    snprintf(out, 256, "%lld/%lld/%s/%s", (long long)count("SELECT count(*) FROM events"),
             (long long)count("SELECT count(*) FROM outbox"), dump, head);
}

static int append_enquiry(store *s, const char *question)
{
    ev_field f[] = {ev_str("date", "2026-11-23"), ev_str("window", "W01"), ev_str("question", question),
                    ev_str("outcome", "answered")};
    event_in in = {"enquiry.logged", NULL, 3, f, NF(f)};
    event_out out;
    return events_append(s, &in, &out);
}

/* A database the terminal may only read.  As root, chmod 0400 does not stop writes, so the
 * connection is made read-only with PRAGMA query_only; as another user the file mode is used too. */
static void a_read_only_database_refuses_and_keeps_everything(void **state)
{
    (void)state;
    store *s = store_open(path, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(append_enquiry(s, "第一个问题"), 0);
    char before[256], after[256];
    snapshot(before);
    assert_int_equal(sqlite3_exec(store_db(s), "PRAGMA query_only = 1", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(append_enquiry(s, "第二个问题"), -1);
    assert_non_null(strstr(store_errmsg(s), "readonly"));
    snapshot(after);
    assert_string_equal(before, after);
    assert_int_equal(sqlite3_exec(store_db(s), "PRAGMA query_only = 0", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(append_enquiry(s, "第三个问题"), 0);
    store_close(s);
    assert_int_equal(count("SELECT max(seq) FROM events"), 2); /* no gap left by the refused one */
    if (geteuid() == 0)
        return; /* root writes through file modes: the query_only check above stands for it */
    snapshot(before);
    assert_int_equal(chmod(path, 0400), 0);
    s = store_open(path, err, sizeof err);
    if (s) {
        assert_int_equal(append_enquiry(s, "第四个问题"), -1);
        assert_non_null(strstr(store_errmsg(s), "readonly"));
        assert_non_null(strstr(store_errmsg(s), "nothing was recorded"));
        store_close(s);
    } else {
        assert_true(err[0] != '\0'); /* refused at open, with a message */
    }
    assert_int_equal(chmod(path, 0600), 0);
    snapshot(after);
    assert_string_equal(before, after);
}

/* A full disk, made by capping the file at its current size (PRAGMA max_page_count). */
static void a_full_disk_refuses_and_keeps_everything(void **state)
{
    (void)state;
    store *s = store_open(path, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(append_enquiry(s, "开始"), 0);
    assert_int_equal(sqlite3_exec(store_db(s), "PRAGMA max_page_count = 1", NULL, NULL, NULL), SQLITE_OK);
    char question[1801];
    memset(question, 'q', sizeof question - 1);
    question[sizeof question - 1] = '\0';
    char before[256], after[256];
    int refused = 0;
    for (int i = 0; i < 200 && !refused; i++) {
        snapshot(before);
        if (append_enquiry(s, question) != 0)
            refused = 1;
    }
    assert_true(refused);
    assert_non_null(strstr(store_errmsg(s), "full"));
    assert_non_null(strstr(store_errmsg(s), "nothing was recorded"));
    snapshot(after);
    assert_string_equal(before, after);
    assert_int_equal(sqlite3_exec(store_db(s), "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(append_enquiry(s, "磁盘有空间了"), 0);
    assert_consistent(s);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sigkill_mid_append_loses_nothing_committed, setup, teardown),
        cmocka_unit_test_setup_teardown(two_processes_append_to_one_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(a_read_only_database_refuses_and_keeps_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(a_full_disk_refuses_and_keeps_everything, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
