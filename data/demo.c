/* demo.c - the demo seeder's frame (see demo.h): refusing a real terminal's
 * file, the catalogue, windows, staff and roster, the working days the cases
 * are received on, their numbers, and the batches of events.  The applicants
 * are made in demo_people.c, each case's events in demo_case.c. */
#include "data/clock.h"
#include "data/demo.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "data/calendar_file.h"
#include "data/cases.h"
#include "data/catalog.h"
#include "data/demo_int.h"
#include "data/paths.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store_db.h"

/* ---- small helpers ----------------------------------------------------------------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup_text(const char *v)
{
    size_t n = strlen(v ? v : "");
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, v ? v : "", n + 1);
    return p;
}

/* Whether the demo mark (meta 'demo') is there: 0 marked, 1 not, -1 error. */
static int meta_demo(store *s)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = 'demo'");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 0 : 1;
    return store_fail_sql(s, "reading the demo mark");
}

bool demo_is_demo(store *s)
{
    return meta_demo(s) == 0;
}

/* Mark the file as a demo (before any event, so an interrupted seed is marked too). */
static int mark_demo(store *s, const demo_opts *o, gdate today)
{
    char v[128], d[DATE_STR_LEN];
    snprintf(v, sizeof v, "seed=%u cases=%ld today=%s", o->seed, o->cases, date_format(today, d));
    if (store_begin(s) != 0)
        return -1;
    sqlite3_stmt *st = store_prepare(s, "INSERT OR REPLACE INTO meta(key, value) VALUES ('demo', ?1)");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
        if ((rc = sqlite3_step(st)) != SQLITE_DONE)
            store_fail_sql(s, "marking the database as a demo");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s);
}

/* A store with events and no demo mark is a real terminal's: never seed it. */
static int refuse_real_data(store *s)
{
    int64_t n = 0;
    if (events_count(s, &n) != 0)
        return -1;
    int marked = meta_demo(s);
    if (marked < 0)
        return -1;
    if (n > 0 && marked != 0)
        return store_fail(s, "this database already holds %lld events and is not a demo database: "
                             "the demo seeder never writes into real records (use a new file with --db)",
                          (long long)n);
    return 0;
}

/* ---- the catalogue ------------------------------------------------------------------- */

int demo_catalog_default_path(char *buf, size_t len, char *err, size_t errlen)
{
    char cand[3][PATH_MAX], tried[3 * PATH_MAX + 8] = "";
    const char *datadir = getenv("GUICHET_DATADIR");
    int n = 0;
    if (datadir && *datadir && snprintf(cand[n], PATH_MAX, "%s/catalog/demo.ini", datadir) < PATH_MAX)
        n++;
    if (path_beside_exe("../data/catalog/demo.ini", cand[n], PATH_MAX) == 0)
        n++;
    snprintf(cand[n++], PATH_MAX, "%s", "/usr/share/guichet/catalog/demo.ini");
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(cand[i], &st) == 0 && S_ISREG(st.st_mode) && strlen(cand[i]) < len) {
            memcpy(buf, cand[i], strlen(cand[i]) + 1);
            return 0;
        }
        strcat(tried, i ? ", " : "");
        strcat(tried, cand[i]);
    }
    snprintf(err, errlen, "no demo catalogue found; tried: %s", tried);
    return -1;
}

/* Import the demo catalogue when the store has none; *imported says whether it did. */
static int ensure_catalog(store *s, const char *file, bool *imported)
{
    *imported = false;
    int items = catalog_list(s, NULL, NULL);
    if (items != 0)
        return items < 0 ? -1 : 0;
    char path[PATH_MAX], err[STORE_ERR_LEN];
    if (!file) {
        if (demo_catalog_default_path(path, sizeof path, err, sizeof err) != 0)
            return store_fail(s, "demo: %s", err);
        file = path;
    }
    catalog_report *rep = calloc(1, sizeof *rep);
    if (!rep)
        return store_fail(s, "out of memory");
    int rc = catalog_import(s, file, rep);
    if (rc != 0)
        store_fail(s, "demo: importing the catalogue %s failed: %s", file,
                   rep->nerrors ? rep->errors[0] : store_errmsg(s));
    free(rep);
    *imported = rc == 0;
    return rc;
}

typedef struct {
    demo_item *v;
    int n, cap;
    int total_weight;
    int failed;
} item_list;

static int collect_code(const catalog_row *row, void *ctx)
{
    item_list *l = ctx;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        demo_item *v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v)
            return l->failed = 1;
        l->v = v;
        l->cap = cap;
    }
    demo_item *it = &l->v[l->n];
    memset(it, 0, sizeof *it);
    if (!(it->code = dup_text(row->code)))
        return l->failed = 1;
    l->n++;
    return 0;
}

/* A stable weight from the item code: some items are asked for far more often than others. */
static int weight_of(const char *code)
{
    uint32_t h = 2166136261u;
    for (const char *p = code; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    int w = (int)(h % 100);
    return w < 20 ? 40 + w * 3 : 1 + w / 10;
}

/* Which window serves an item: social affairs at W02, everything else at W01. */
static const char *window_of(const char *department)
{
    static const char *const social[] = {"民政", "社会", "劳动", "人社", "卫生", "残", "退役"};
    for (size_t i = 0; i < sizeof social / sizeof social[0]; i++)
        if (strstr(department, social[i]))
            return DEMO_WINDOW_2;
    return DEMO_WINDOW_1;
}

/* Fill one item from catalog_get. */
static int load_item(store *s, demo_item *it)
{
    catalog_item ci = {0};
    catalog_materials cm = {0};
    int rc = catalog_get(s, it->code, &ci, &cm);
    if (rc != 0)
        return rc < 0 ? -1 : store_fail(s, "demo: item %s vanished from the catalogue", it->code);
    it->name = dup_text(ci.name);
    it->basis = dup_text(ci.basis);
    it->cls = ci.cls;
    it->promised = ci.promised_days;
    it->window = window_of(ci.department);
    it->weight = weight_of(ci.code);
    it->deferrable = -1;
    it->mats = calloc(cm.n ? cm.n : 1, sizeof *it->mats);
    bool ok = it->name && it->basis && it->mats;
    for (size_t i = 0; ok && i < cm.n; i++) {
        demo_material *m = &it->mats[it->nmats++];
        m->n = cm.v[i].n;
        m->kind = cm.v[i].kind;
        m->deferrable = cm.v[i].deferrable;
        ok = (m->name = dup_text(cm.v[i].name)) != NULL;
        if (m->deferrable && it->deferrable < 0)
            it->deferrable = (int)i;
    }
    catalog_item_free(&ci);
    catalog_materials_free(&cm);
    return ok ? 0 : store_fail(s, "out of memory");
}

static void items_free(item_list *l)
{
    for (int i = 0; i < l->n; i++) {
        demo_item *it = &l->v[i];
        for (int k = 0; k < it->nmats; k++)
            free(it->mats[k].name);
        free(it->mats);
        free(it->code);
        free(it->name);
        free(it->basis);
    }
    free(l->v);
}

static int load_items(store *s, item_list *l)
{
    memset(l, 0, sizeof *l);
    if (catalog_list(s, collect_code, l) < 0)
        return -1;
    if (l->failed)
        return store_fail(s, "out of memory");
    if (l->n == 0)
        return store_fail(s, "demo: the catalogue has no items");
    for (int i = 0; i < l->n; i++) {
        if (load_item(s, &l->v[i]) != 0)
            return -1;
        l->total_weight += l->v[i].weight;
    }
    return 0;
}

static const demo_item *pick_item(const item_list *l, demo_rng *r)
{
    int x = demo_below(r, l->total_weight);
    for (int i = 0; i < l->n; i++)
        if ((x -= l->v[i].weight) < 0)
            return &l->v[i];
    return &l->v[l->n - 1];
}

/* ---- windows, staff, roster ------------------------------------------------------------- */

typedef struct {
    int32_t a, b, approver, leader;
} demo_staff;

static int ensure_window(store *s, const char *code, const char *name)
{
    char err[STORE_ERR_LEN];
    window_rec w;
    staff_rc rc = window_get(s, code, &w, err, sizeof err);
    if (rc == STAFF_E_NOT_FOUND)
        rc = window_add(s, code, name, err, sizeof err);
    return rc == STAFF_OK ? 0 : store_fail(s, "demo: window %s: %s", code, err);
}

/* The staff member `code`, added with pin when absent; *num gets the number, *created counts additions. */
static int ensure_person(store *s, const char *code, const char *name, unsigned roles, int nwin, const char *pin,
                         int32_t *num, int *created)
{
    char err[STORE_ERR_LEN];
    staff_rec rec;
    staff_rc rc = staff_get(s, code, &rec, err, sizeof err);
    if (rc == STAFF_E_NOT_FOUND) {
        staff_in in = {.code = code, .name = name, .roles = roles, .n_windows = nwin,
                       .windows = {DEMO_WINDOW_1, DEMO_WINDOW_2}};
        rc = staff_add(s, &in, pin, err, sizeof err);
        if (rc == STAFF_OK) {
            (*created)++;
            rc = staff_get(s, code, &rec, err, sizeof err);
        }
    }
    if (rc != STAFF_OK)
        return store_fail(s, "demo: staff %s: %s", code, err);
    *num = rec.num;
    return 0;
}

/* Both windows' A/B pairs for DEMO_ROSTER_DAYS days from today, where none is set yet. */
static int ensure_roster(store *s, gdate today)
{
    char err[STORE_ERR_LEN], d[DATE_STR_LEN];
    static const char *const pairs[2][3] = {{DEMO_WINDOW_1, DEMO_STAFF_A, DEMO_STAFF_B},
                                            {DEMO_WINDOW_2, DEMO_STAFF_B, DEMO_STAFF_A}};
    for (int i = -DEMO_ROSTER_PAST; i < DEMO_ROSTER_DAYS; i++) {
        date_format(date_add_days(today, i), d);
        for (int w = 0; w < 2; w++) {
            roster_line line;
            staff_rc rc = roster_for(s, d, pairs[w][0], &line, err, sizeof err);
            if (rc == STAFF_E_NOT_FOUND)
                rc = roster_set(s, d, pairs[w][0], pairs[w][1], pairs[w][2], NULL, events_now_ms(), err,
                                sizeof err);
            if (rc != STAFF_OK)
                return store_fail(s, "demo: roster of %s on %s: %s", pairs[w][0], d, err);
        }
    }
    return 0;
}

static int ensure_people(store *s, gdate today, demo_staff *st, int *created)
{
    *created = 0;
    if (ensure_window(s, DEMO_WINDOW_1, "综合受理窗口") != 0 || ensure_window(s, DEMO_WINDOW_2, "社会事务窗口") != 0 ||
        ensure_person(s, DEMO_STAFF_A, "演示甲", STAFF_ROLE_CLERK, 2, DEMO_PIN_A, &st->a, created) != 0 ||
        ensure_person(s, DEMO_STAFF_B, "演示乙", STAFF_ROLE_CLERK, 2, DEMO_PIN_B, &st->b, created) != 0 ||
        ensure_person(s, DEMO_STAFF_S, "演示主管", STAFF_ROLE_APPROVER | STAFF_ROLE_SUPERVISOR, 0, DEMO_PIN_S,
                      &st->approver, created) != 0 ||
        ensure_person(s, DEMO_STAFF_L, "演示领导", STAFF_ROLE_APPROVER, 0, DEMO_PIN_L, &st->leader, created) != 0)
        return -1;
    return ensure_roster(s, today);
}

/* ---- days ----------------------------------------------------------------------------- */

/* The working days the cases are received on, oldest first, ending the working day before today:
 * about DEMO_PER_DAY cases a day, at least DEMO_MIN_DAYS days, as far back as the calendar goes. */
static int plan_days(store *s, const calendar *cal, gdate today, long cases, gdate **days, int *ndays)
{
    long want = (cases + DEMO_PER_DAY - 1) / DEMO_PER_DAY;
    if (want < DEMO_MIN_DAYS)
        want = DEMO_MIN_DAYS;
    if (want > 366L * CAL_MAX_YEARS)
        want = 366L * CAL_MAX_YEARS;
    gdate *v = malloc((size_t)want * sizeof *v);
    if (!v)
        return store_fail(s, "out of memory");
    int n = 0, missing = 0;
    gdate d = today;
    while (n < want) {
        d = date_add_days(d, -1);
        bool work = false;
        if (cal_is_workday(cal, d, &work, &missing) != CAL_OK)
            break; /* the calendar starts here */
        if (work)
            v[n++] = d;
    }
    if (n == 0) {
        free(v);
        return store_fail(s, "demo: the calendar has no working day before %04d-%02d-%02d (year %d not loaded)",
                          today.y, today.m, today.d, missing);
    }
    for (int i = 0; i < n / 2; i++) { /* oldest first */
        gdate t = v[i];
        v[i] = v[n - 1 - i];
        v[n - 1 - i] = t;
    }
    if ((cases + n - 1) / n > CASENUM_SEQ_MAX) {
        free(v);
        return store_fail(s, "demo: %ld cases on %d working days is more than %d a day for one terminal", cases, n,
                          CASENUM_SEQ_MAX);
    }
    *days = v;
    *ndays = n;
    return 0;
}

/* ---- batches and pragmas -------------------------------------------------------------------- */

int demo_flush(demo_batch *b)
{
    if (b->failed)
        return -1;
    if (b->n == 0)
        return 0;
    if (events_writer_append(b->w, b->in, b->n, NULL) != 0) {
        char why[STORE_ERR_LEN];
        snprintf(why, sizeof why, "%s", store_errmsg(b->s));
        return b->failed = store_fail(b->s, "demo: %s", why);
    }
    b->written += (long)b->n;
    b->n = 0;
    return 0;
}

/* Seeding speed: no fsync per transaction (WAL stays consistent; a power cut may lose the last batches of
 * a seed, which is run again), and a 128 MiB page cache for the indexes. */
static void pragmas_fast(store *s)
{
    sqlite3_exec(store_db(s), "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072", NULL, NULL, NULL);
}

/* Back to what store.c sets (synchronous=FULL) and SQLite's default cache (store.c leaves it). */
static void pragmas_restore(store *s)
{
    sqlite3_exec(store_db(s), "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000", NULL, NULL, NULL);
}

/* ---- the seed ----------------------------------------------------------------------------- */

typedef struct {
    store *s;
    const demo_opts *o;
    const calendar *cal;
    gdate today;
    item_list items;
    demo_staff staff;
    demo_batch *b;
    char (*numbers)[CASENUM_LEN];
    gdate oldest;
    long done;
} seeder;

/* Applicant of case i: mostly a new person, about one in ten someone who came before. */
static void applicant_of(const seeder *sd, long i, demo_rng *r, demo_person *p)
{
    uint64_t who = (uint64_t)i;
    if (i > 0 && demo_chance(r, 100))
        who = (uint64_t)demo_below(r, (int)(i < INT_MAX ? i : INT_MAX));
    demo_person_make(sd->o->seed, who, sd->oldest, p);
}

static int seed_case(seeder *sd, long i, gdate day, const char *number)
{
    demo_rng r = demo_rng_for(sd->o->seed, 1, (uint64_t)i);
    demo_person who;
    applicant_of(sd, i, &r, &who);
    const demo_item *it = pick_item(&sd->items, &r);
    bool a_post = demo_chance(&r, 850); /* the A post serves; the B post covers the rest of the time */
    bool w1 = strcmp(it->window, DEMO_WINDOW_1) == 0;
    demo_case c = {number, it, &who, day, sd->today, sd->cal,
                   (w1 == a_post) ? sd->staff.a : sd->staff.b, sd->staff.approver};
    return demo_case_emit(sd->b, &c, &r);
}

static int seed_days(seeder *sd, const gdate *days, int ndays)
{
    long n = sd->o->cases;
    for (int d = 0; d < ndays; d++) {
        long first = (long)((long long)n * d / ndays), end = (long)((long long)n * (d + 1) / ndays);
        if (end == first)
            continue;
        if (cases_new_numbers(sd->s, days[d], (int)(end - first), sd->numbers) != 0)
            return -1;
        for (long i = first; i < end; i++) {
            if (seed_case(sd, i, days[d], sd->numbers[i - first]) != 0)
                return -1;
            sd->done++;
            if (sd->o->progress && (sd->done % 1000 == 0 || sd->done == n))
                sd->o->progress(sd->done, n, sd->o->ctx);
        }
    }
    return demo_flush(sd->b);
}

/* Everything after the checks: days and catalogue (nothing written if they fail but an import that
 * succeeded), the demo mark, staff, the cases. */
static int seed_all(seeder *sd, demo_report *rep)
{
    gdate *days = NULL;
    int ndays = 0;
    if (plan_days(sd->s, sd->cal, sd->today, sd->o->cases, &days, &ndays) != 0)
        return -1;
    rep->days = ndays;
    date_format(days[0], rep->first_day);
    date_format(days[ndays - 1], rep->last_day);
    sd->oldest = days[0];
    int rc = -1;
    if (ensure_catalog(sd->s, sd->o->catalog_file, &rep->catalog_imported) != 0 ||
        load_items(sd->s, &sd->items) != 0 || mark_demo(sd->s, sd->o, sd->today) != 0 ||
        ensure_people(sd->s, sd->today, &sd->staff, &rep->staff_created) != 0) {
        free(days);
        return -1;
    }
    sd->b = calloc(1, sizeof *sd->b);
    sd->numbers = malloc(CASENUM_SEQ_MAX * sizeof *sd->numbers);
    if (!sd->b || !sd->numbers) {
        store_fail(sd->s, "out of memory");
    } else if ((sd->b->w = events_writer_open(sd->s)) != NULL) {
        sd->b->s = sd->s;
        pragmas_fast(sd->s);
        demo_month month = {sd->o->seed, sd->today, sd->cal, sd->staff.a, sd->staff.b, sd->staff.approver,
                            sd->staff.leader};
        rc = seed_days(sd, days, ndays);
        if (rc == 0)
            rc = demo_month_emit(sd->b, &month);
        pragmas_restore(sd->s);
        events_writer_close(sd->b->w);
        rep->events = sd->b->written;
    }
    free(days);
    return rc;
}

int demo_seed_with(store *s, const demo_opts *o, demo_report *rep)
{
    demo_report local;
    rep = rep ? rep : &local;
    memset(rep, 0, sizeof *rep);
    double t0 = now_s();
    if (!o || o->cases < 1 || o->cases > DEMO_CASES_MAX)
        return store_fail(s, "demo: the number of cases must be from 1 to %ld", DEMO_CASES_MAX);
    seeder sd = {.s = s, .o = o, .cal = o->cal, .today = o->today};
    if (sd.today.y == 0)
        sd.today = clock_local_today();
    if (!date_valid(sd.today.y, sd.today.m, sd.today.d))
        return store_fail(s, "demo: today is not a real date");
    calendar *loaded = NULL;
    if (!sd.cal) {
        calfile_error ce;
        char msg[1024];
        if (!(loaded = malloc(sizeof *loaded)))
            return store_fail(s, "out of memory");
        if (calfile_load_default(loaded, &ce) != CALFILE_OK) {
            free(loaded);
            return store_fail(s, "demo: %s", calfile_message(&ce, NULL, msg, sizeof msg));
        }
        sd.cal = loaded;
    }
    int rc = refuse_real_data(s) == 0 ? seed_all(&sd, rep) : -1;
    rep->cases = sd.done;
    rep->seconds = now_s() - t0;
    items_free(&sd.items);
    free(sd.b);
    free(sd.numbers);
    free(loaded);
    return rc;
}

int demo_seed(store *s, long n, unsigned seed, demo_progress cb, void *ctx)
{
    demo_opts o = {.cases = n, .seed = seed, .progress = cb, .ctx = ctx};
    return demo_seed_with(s, &o, NULL);
}
