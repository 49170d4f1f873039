/* drill_db.c - a drill's throw-away database: a new file in its own
 * temporary folder ($TMPDIR or /tmp, mkdtemp), marked meta 'drill' before
 * anything else (guichet-sync refuses it like a demonstration file), with the
 * scenario's catalogue, its window, the trainee and the B post (both clerks
 * of that window) and the A/B roster of every drill day up to the last day
 * an applicant comes or comes back.  drill_close removes the file, its
 * -wal/-shm/-journal companions and the folder. */
#include "data/drill.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/catalog.h"
#include "data/drill_int.h"
#include "data/events.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store_db.h"

#define DRILL_WINDOW_NAME "演练窗口" /* the drill window's name as the screens show it */

bool drill_is_drill(store *s)
{
    return s && store_exists(s, "SELECT 1 FROM meta WHERE key = ?1", "drill",
                             "reading the drill mark") == 1;
}

/* meta 'drill' = the scenario's path, in its own transaction. */
static int mark_drill(drill_run *r, char *err, size_t errlen)
{
    if (store_begin(r->s) != 0)
        return snprintf(err, errlen, "%s", store_errmsg(r->s)), -1;
    sqlite3_stmt *st = store_prepare(r->s, "INSERT OR REPLACE INTO meta(key, value) VALUES ('drill', ?1)");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_text(st, 1, r->scenario_path, -1, SQLITE_TRANSIENT);
        if ((rc = sqlite3_step(st)) != SQLITE_DONE)
            store_fail_sql(r->s, "marking the database as a drill");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || store_commit(r->s) != 0) {
        store_rollback(r->s);
        return snprintf(err, errlen, "%s", store_errmsg(r->s)), -1;
    }
    return 0;
}

static int import_catalog(drill_run *r, char *err, size_t errlen)
{
    char path[PATH_MAX];
    if (drill_catalog_path(r->scenario_path, &r->sc, path, sizeof path, err, errlen) != 0)
        return -1;
    catalog_report *rep = calloc(1, sizeof *rep);
    if (!rep)
        return snprintf(err, errlen, "out of memory"), -1;
    int rc = catalog_import(r->s, path, rep);
    if (rc != 0)
        snprintf(err, errlen, "drill: importing the catalogue %s failed: %s", path,
                 rep->nerrors ? rep->errors[0] : store_errmsg(r->s));
    free(rep);
    return rc;
}

static int add_staff(drill_run *r, const char *code, const char *name, const char *pin, char *err, size_t errlen)
{
    char e[STORE_ERR_LEN];
    staff_in in = {.code = code, .name = name, .roles = STAFF_ROLE_CLERK, .windows = {r->sc.window}, .n_windows = 1};
    if (staff_add(r->s, &in, pin, e, sizeof e) != STAFF_OK)
        return snprintf(err, errlen, "drill: staff %s: %s", code, e), -1;
    return 0;
}

/* The last drill day anyone comes on. */
static int last_day(const drill_scenario *sc)
{
    int last = 1;
    for (size_t i = 0; i < sc->napplicants; i++) {
        const drill_applicant *a = &sc->applicants[i];
        last = a->day > last ? a->day : last;
        last = a->return_day > last ? a->return_day : last;
    }
    return last;
}

static int set_roster(drill_run *r, char *err, size_t errlen)
{
    char e[STORE_ERR_LEN], day[DATE_STR_LEN];
    int64_t now = events_now_ms();
    for (int d = 1, last = last_day(&r->sc); d <= last; d++) {
        date_format(drill_day_date(&r->sc, d), day);
        if (roster_set(r->s, day, r->sc.window, r->sc.trainee_code, r->sc.b_code, NULL, now, e, sizeof e) != STAFF_OK)
            return snprintf(err, errlen, "drill: the roster of %s: %s", day, e), -1;
    }
    return 0;
}

/* The trainee's name: --trainee NAME when it is a valid name, else the scenario's. */
static const char *trainee_name(drill_run *r)
{
    char norm[STAFF_NAME_BUF], e[STORE_ERR_LEN];
    if (!r->trainee[0] || staff_text_norm(r->trainee, STAFF_NAME_MAX, "name", norm, sizeof norm, e, sizeof e) != STAFF_OK)
        snprintf(r->trainee, sizeof r->trainee, "%s", r->sc.trainee_name);
    return r->trainee;
}

static int make_folder(drill_run *r, char *err, size_t errlen)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    if ((size_t)snprintf(r->dir, sizeof r->dir, "%s/guichet-drill-XXXXXX", tmp) >= sizeof r->dir) {
        r->dir[0] = '\0';
        return snprintf(err, errlen, "drill: the temporary folder's path is too long (TMPDIR=%s)", tmp), -1;
    }
    if (!mkdtemp(r->dir)) {
        snprintf(err, errlen, "drill: cannot make a temporary folder in %s", tmp);
        r->dir[0] = '\0';
        return -1;
    }
    snprintf(r->db_path, sizeof r->db_path, "%s/drill.db", r->dir);
    return 0;
}

int drill_open(drill_run *r, const calendar *cal, char *err, size_t errlen)
{
    (void)cal; /* drill days are calendar days: each one is rostered, working day or not */
    if (!r || r->sc.napplicants == 0)
        return snprintf(err, errlen, "drill: no scenario loaded"), -1;
    r->s = NULL;
    if (make_folder(r, err, errlen) != 0)
        return -1;
    char e[STORE_ERR_LEN];
    if (!(r->s = store_open(r->db_path, e, sizeof e))) {
        snprintf(err, errlen, "drill: %s", e);
        drill_close(r);
        return -1;
    }
    if (mark_drill(r, err, errlen) || import_catalog(r, err, errlen) ||
        (window_add(r->s, r->sc.window, DRILL_WINDOW_NAME, e, sizeof e) != STAFF_OK &&
         snprintf(err, errlen, "drill: window %s: %s", r->sc.window, e) >= 0) ||
        add_staff(r, r->sc.trainee_code, trainee_name(r), r->sc.trainee_pin, err, errlen) ||
        add_staff(r, r->sc.b_code, r->sc.b_name, r->sc.b_pin, err, errlen) || set_roster(r, err, errlen)) {
        drill_close(r);
        return -1;
    }
    r->started_ms = events_now_ms();
    return 0;
}

int drill_run_init(drill_run *r, const char *scenario_path, const char *trainee, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    if (drill_scenario_load(scenario_path, &r->sc, err, errlen) != 0)
        return -1;
    if (strlen(scenario_path) >= sizeof r->scenario_path)
        return snprintf(err, errlen, "%s: the path is too long", scenario_path), -1;
    memcpy(r->scenario_path, scenario_path, strlen(scenario_path) + 1);
    snprintf(r->trainee, sizeof r->trainee, "%s", trainee && *trainee ? trainee : r->sc.trainee_name);
    return 0;
}

void drill_close(drill_run *r)
{
    if (!r)
        return;
    store_close(r->s);
    r->s = NULL;
    if (r->db_path[0]) {
        static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
        char p[1200];
        for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
            snprintf(p, sizeof p, "%s%s", r->db_path, tails[i]);
            unlink(p);
        }
        r->db_path[0] = '\0';
    }
    if (r->dir[0]) {
        rmdir(r->dir);
        r->dir[0] = '\0';
    }
}
