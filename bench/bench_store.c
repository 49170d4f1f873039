/* bench_store.c - the store at scale: demo databases of 100 000 and
 * 1 000 000 cases (made with demo_seed through the real event path, or
 * reused from an earlier run), and what a clerk waits for on them: opening
 * the store and the case search box.  Prints figures, asserts nothing
 * (bench/README.md says how to run it and how to read it).
 *
 *   BENCH_SIZES=100000,1000000   sizes to measure (default both)
 *   BENCH_DIR=/tmp/guichet-bench where the databases live (kept for reuse)
 *   BENCH_QUERIES=1000           queries of each kind
 *   GUICHET_DATADIR=data         calendar, catalogue and pinyin table (default: ./data) */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "data/cases.h"
#include "data/demo.h"
#include "data/events.h"
#include "data/store.h"

#define MAX_SIZES 8
#define OPENS 20
#define HITS 20

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) of n sorted values. */
static double quantile(const double *v, int n, double q)
{
    int i = (int)(q * (n - 1) + 0.5);
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

static gdate local_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return (gdate){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* ---- the database of one size -------------------------------------------------------------- */

/* Cases in an existing demo database, or -1 when it is not one (or does not open). */
static long existing_cases(const char *path)
{
    sqlite3 *db;
    if (access(path, F_OK) != 0 || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM cases) FROM meta WHERE key = 'demo'", -1, &st, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

static void progress(long done, long total, void *ctx)
{
    double *t0 = ctx;
    if (done % (total / 10 > 1000 ? total / 10 : 1000) == 0 || done == total)
        fprintf(stderr, "  seeded %ld / %ld cases (%.0f s)\n", done, total, (now_us() - *t0) / 1e6);
}

/* Fold the WAL into the database, so the file size is the size of the data. */
static void checkpoint(const char *path)
{
    sqlite3 *db;
    if (sqlite3_open(path, &db) == SQLITE_OK)
        sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(db);
}

typedef struct {
    long cases;
    bool reused;
    double seed_s;
    long long events;
    long long bytes;
    double open_ms;
} size_row;

/* Make (or reuse) the database of n cases; 0 or -1. */
static int prepare(const char *path, long n, size_row *row)
{
    row->cases = n;
    row->reused = existing_cases(path) == n;
    if (!row->reused) {
        char side[1100];
        unlink(path);
        snprintf(side, sizeof side, "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", path);
        unlink(side);
        char err[STORE_ERR_LEN];
        store *s = store_open(path, err, sizeof err);
        if (!s) {
            fprintf(stderr, "%s\n", err);
            return -1;
        }
        fprintf(stderr, "seeding %s with %ld cases ...\n", path, n);
        double t0 = now_us();
        int rc = demo_seed(s, n, 1, progress, &t0);
        row->seed_s = (now_us() - t0) / 1e6;
        if (rc != 0)
            fprintf(stderr, "demo seed: %s\n", store_errmsg(s));
        store_close(s);
        if (rc != 0)
            return -1;
        checkpoint(path);
    }
    char side[1100];
    snprintf(side, sizeof side, "%s-wal", path);
    row->bytes = file_size(path) + file_size(side);
    return 0;
}

/* Median time of OPENS store_open + store_close, in ms; the events counted on the way. */
static int time_opens(const char *path, size_row *row)
{
    double t[OPENS];
    char err[STORE_ERR_LEN];
    for (int i = 0; i < OPENS; i++) {
        double t0 = now_us();
        store *s = store_open(path, err, sizeof err);
        t[i] = (now_us() - t0) / 1e3;
        if (!s) {
            fprintf(stderr, "%s\n", err);
            return -1;
        }
        int64_t n = 0;
        if (i == 0 && events_count(s, &n) == 0)
            row->events = n;
        store_close(s);
    }
    qsort(t, OPENS, sizeof t[0], cmp_double);
    row->open_ms = quantile(t, OPENS, 0.5);
    return 0;
}

/* ---- queries -------------------------------------------------------------------------------- */

enum { K_NUMBER, K_TAIL, K_ID, K_PHONE, K_NAME, K_NAME2, K_SURNAME, NKINDS };
static const char *const kind_names[NKINDS] = {
    "case number", "number tail", "ID number", "telephone", "full name", "name, 2 chars", "surname only",
};

/* The query of kind k for a sampled case; false when the case lacks it (no phone). */
static bool make_query(int k, const char *const col[4], char *q, size_t len)
{
    const char *number = col[0], *name = col[1], *id = col[2], *phone = col[3];
    switch (k) {
    case K_NUMBER: snprintf(q, len, "%s", number); return true;
    case K_TAIL: snprintf(q, len, "%s", number + strlen(number) - 13); return true;
    case K_ID: snprintf(q, len, "%s", id); return *id != '\0';
    case K_PHONE: snprintf(q, len, "%s", phone); return *phone != '\0';
    case K_NAME: snprintf(q, len, "%s", name); return true;
    case K_NAME2: snprintf(q, len, "%.6s", name); return strlen(name) >= 6;  /* two characters of 3 bytes */
    case K_SURNAME: snprintf(q, len, "%.3s", name); return strlen(name) >= 3;
    }
    return false;
}

typedef struct {
    char (*q)[CASES_QUERY_MAX + 1];
    int n;
} query_set;

/* nq queries of each kind from cases picked at random (a fixed sequence, so runs compare). */
static int sample(const char *path, int nq, query_set sets[NKINDS])
{
    sqlite3 *db;
    sqlite3_stmt *st, *max;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(db, "SELECT max(rowid) FROM cases", -1, &max, NULL) != SQLITE_OK ||
        sqlite3_step(max) != SQLITE_ROW ||
        sqlite3_prepare_v2(db, "SELECT case_id, applicant_name, coalesce(applicant_id, ''), "
                               "coalesce(applicant_phone, '') FROM cases WHERE rowid = ?1", -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
    }
    long long top = sqlite3_column_int64(max, 0);
    sqlite3_finalize(max);
    unsigned long long x = 88172645463325252ULL;
    for (int k = 0; k < NKINDS; k++) {
        sets[k].q = calloc((size_t)nq, sizeof *sets[k].q);
        sets[k].n = 0;
    }
    for (int tries = 0; tries < nq * 20 && sets[K_PHONE].n < nq; tries++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, (long long)(x % (unsigned long long)top) + 1);
        if (sqlite3_step(st) != SQLITE_ROW)
            continue;
        const char *col[4];
        for (int c = 0; c < 4; c++)
            col[c] = (const char *)sqlite3_column_text(st, c);
        for (int k = 0; k < NKINDS; k++)
            if (sets[k].n < nq && make_query(k, col, sets[k].q[sets[k].n], CASES_QUERY_MAX + 1))
                sets[k].n++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}

typedef struct {
    double median, p95, max, hits;
    int n, errors;
} kind_row;

static void run_kind(store *s, gdate today, const query_set *set, kind_row *row)
{
    static case_hit hits[HITS];
    double *t = calloc((size_t)(set->n ? set->n : 1), sizeof *t);
    long total = 0;
    memset(row, 0, sizeof *row);
    for (int i = 0; i < set->n; i++) {
        int n = 0;
        double t0 = now_us();
        if (cases_search_on(s, today, set->q[i], hits, HITS, &n) != 0)
            row->errors++;
        t[i] = now_us() - t0;
        total += n;
    }
    qsort(t, (size_t)set->n, sizeof t[0], cmp_double);
    row->n = set->n;
    if (set->n) {
        row->median = quantile(t, set->n, 0.5);
        row->p95 = quantile(t, set->n, 0.95);
        row->max = t[set->n - 1];
        row->hits = (double)total / set->n;
    }
    free(t);
}

/* ---- main ------------------------------------------------------------------------------------ */

static int parse_sizes(long sizes[MAX_SIZES])
{
    const char *env = getenv("BENCH_SIZES");
    char buf[256];
    snprintf(buf, sizeof buf, "%s", env && *env ? env : "100000,1000000");
    int n = 0;
    for (char *tok = strtok(buf, ", "); tok && n < MAX_SIZES; tok = strtok(NULL, ", ")) {
        char *end;
        long v = strtol(tok, &end, 10);
        if (*end || v < 1 || v > DEMO_CASES_MAX) {
            fprintf(stderr, "BENCH_SIZES: \"%s\" is not a number of cases (1..%ld)\n", tok, DEMO_CASES_MAX);
            return -1;
        }
        sizes[n++] = v;
    }
    return n;
}

static int bench_size(const char *dir, long n, int nq)
{
    char path[1024], err[STORE_ERR_LEN];
    snprintf(path, sizeof path, "%s/cases-%ld.db", dir, n);
    size_row row = {0};
    if (prepare(path, n, &row) != 0 || time_opens(path, &row) != 0)
        return -1;
    printf("\n%ld cases: %s\n", n, path);
    if (row.reused)
        printf("  seed          reused from an earlier run (delete the file to measure the seed)\n");
    else
        printf("  seed          %.1f s  (%.0f cases/s, %.0f events/s)\n", row.seed_s, n / row.seed_s,
               (double)row.events / row.seed_s);
    printf("  events        %lld  (%.1f per case)\n", row.events, (double)row.events / n);
    printf("  file          %.1f MiB  (%.0f bytes per case)\n", (double)row.bytes / 1048576.0,
           (double)row.bytes / n);
    printf("  store_open    %.2f ms  (median of %d, open + migrate check + close, file in the page cache)\n",
           row.open_ms, OPENS);
    query_set sets[NKINDS];
    if (sample(path, nq, sets) != 0)
        return -1;
    store *s = store_open(path, err, sizeof err);
    if (!s) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    gdate today = local_today();
    printf("  search (at most %d hits; microseconds; target < %d ms):\n", HITS, CASES_SEARCH_MS);
    printf("    %-14s %7s %9s %9s %9s %9s %6s\n", "query", "queries", "median", "p95", "max", "hits/q", "errors");
    for (int k = 0; k < NKINDS; k++) {
        kind_row kr;
        run_kind(s, today, &sets[k], &kr);
        printf("    %-14s %7d %9.0f %9.0f %9.0f %9.1f %6d\n", kind_names[k], kr.n, kr.median, kr.p95, kr.max, kr.hits,
               kr.errors);
        free(sets[k].q);
    }
    store_close(s);
    return 0;
}

int main(void)
{
    long sizes[MAX_SIZES];
    int nsizes = parse_sizes(sizes);
    if (nsizes <= 0)
        return 2;
    const char *dir = getenv("BENCH_DIR");
    dir = dir && *dir ? dir : "/tmp/guichet-bench";
    const char *q = getenv("BENCH_QUERIES");
    int nq = q && atoi(q) > 0 ? atoi(q) : 1000;
    if (!getenv("GUICHET_DATADIR"))
        setenv("GUICHET_DATADIR", "data", 1);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: %s\n", dir, strerror(errno));
        return 1;
    }
    printf("bench_store: the store at scale (SQLite %s; %d queries of each kind; demo seed 1)\n", sqlite3_libversion(),
           nq);
    for (int i = 0; i < nsizes; i++)
        if (bench_size(dir, sizes[i], nq) != 0)
            return 1;
    return 0;
}
