/* demo.h - the demonstration database: `guichet demo seed --cases N` fills a
 * store with N realistic synthetic cases THROUGH THE REAL EVENT PATH (every
 * case.received, material.checked, notice.issued, decision, delivery and
 * evaluation is an event appended by data/events.c, hash-chained, queued in
 * the outbox and projected by data/project.c under core/'s rules), for
 * `make run`, training and the benchmarks in bench/.  No SQL here.
 *
 * What it makes:
 * - the catalogue, imported from data/catalog/demo.ini (catalog_import) when
 *   the store has none;
 * - windows W01 综合受理窗口 and W02 社会事务窗口, the staff below (created
 *   when absent, found by id when present) and the A/B roster of both
 *   windows from `today` for DEMO_ROSTER_DAYS days (and DEMO_ROSTER_PAST days before);
 * - N cases received on the working days (data/calendar/cn.ini) before
 *   `today`, about DEMO_PER_DAY a day as far back as the calendar allows,
 *   numbered by cases_new_numbers() (0001... each day); items weighted
 *   towards the common ones; applicants with Chinese names from common
 *   surnames and given-name characters, VALID ID numbers (real province
 *   and county codes, adult birth dates, the check character from
 *   idcard_check_char) and valid mobile numbers; about one applicant in ten
 *   comes back for another case;
 * - each case follows a path of its class: accepted at once; 补正 with a
 *   supplement notice, the materials brought back a few days later and then
 *   accepted; 容缺受理 with its deferral notice and deadline, the deferred
 *   material arriving during review; 不予受理 with reason and basis;
 *   withdrawn; returned after review; 上报件 forwarded and decided by the
 *   centre; then the decision (mostly in time, some late), delivery,
 *   evaluation (好差评) and archiving.  Due dates come from core/deadline.h
 *   on the calendar (left out when the due day falls in a year the calendar
 *   does not hold); steps that would fall after `today` are not recorded, so
 *   recent cases are still open (in review, waiting for supplements ...);
 * - a past month of AB岗 duty and attendance (data/demo_attend.c): days
 *   started, punches with a few late ones, handoffs, an approved leave, a
 *   window left unattended, the leader demo-l's on-site day.
 *
 * Deterministic: the same seed, today, calendar and catalogue give the same
 * cases, numbers (on a fresh store), applicants, paths and dates; only event
 * ids, clock times and hashes differ.  Events are written case by case (all
 * of one case's events together, several cases per transaction), not
 * interleaved by day as a real terminal's would be; projections depend only
 * on each case's own order.
 *
 * Speed: events go through one event_writer in transactions of up to
 * EVENT_BATCH_MAX events, with synchronous=NORMAL and a larger page cache for
 * the duration of the seed (restored afterwards): a seeder needs no fsync per
 * action, a clerk does.  The audit chain is NOT weakened: every event is
 * hashed and linked.  Figures: bench/README.md.
 *
 * Safety: the seeder writes meta 'demo' and refuses a store that already
 * holds events without that mark (a real terminal's file).  A demo file's
 * events sit in the outbox like any others: guichet-sync must refuse to send
 * a file for which demo_is_demo() is true. */
#ifndef GUICHET_DATA_DEMO_H
#define GUICHET_DATA_DEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/calendar.h"
#include "core/date.h"
#include "data/store.h"

/* The demo staff (log in with these ids and PINs after `make run`). */
#define DEMO_STAFF_A "demo-a" /* 演示甲, clerk: A post of W01, B post of W02 */
#define DEMO_PIN_A "583914"
#define DEMO_STAFF_B "demo-b" /* 演示乙, clerk: A post of W02, B post of W01 */
#define DEMO_PIN_B "729461"
#define DEMO_STAFF_S "demo-s" /* 演示主管, approver and supervisor: signs decisions */
#define DEMO_PIN_S "640275"
#define DEMO_STAFF_L "demo-l" /* 演示领导, approver: a leader with a planned on-site day (领导现场办公) */
#define DEMO_PIN_L "318275"
#define DEMO_WINDOW_1 "W01"   /* 综合受理窗口 */
#define DEMO_WINDOW_2 "W02"   /* 社会事务窗口 */

#define DEMO_CASES_MAX 10000000L /* cases one seed may make */
#define DEMO_PER_DAY 20          /* cases a working day when the calendar has days enough */
#define DEMO_MIN_DAYS 10         /* working days a small seed is spread over */
#define DEMO_ROSTER_DAYS 31      /* days rostered from today */
#define DEMO_ROSTER_PAST 45      /* days rostered before today (the past month of duty, demo_attend.c) */

/* Called as the seed goes: cases written so far, out of total. */
typedef void (*demo_progress)(long done, long total, void *ctx);

/* What to seed. */
typedef struct {
    long cases;               /* 1..DEMO_CASES_MAX */
    unsigned seed;
    gdate today;              /* cases are received before it; {0, 0, 0}: the terminal's local date */
    const calendar *cal;      /* NULL: calfile_load_default() */
    const char *catalog_file; /* imported when the catalogue is empty; NULL: demo_catalog_default_path() */
    demo_progress progress;   /* NULL: none */
    void *ctx;                /* passed to progress */
} demo_opts;

/* What the seed did. */
typedef struct {
    long cases;                  /* cases written */
    long events;                 /* events appended */
    int days;                    /* working days they were received on */
    char first_day[DATE_STR_LEN], last_day[DATE_STR_LEN];
    bool catalog_imported;       /* the catalogue was empty and demo.ini was imported */
    int staff_created;           /* demo staff members created (0 when they existed) */
    double seconds;              /* wall time */
} demo_report;

/* Seed n cases with the local date as today and the default calendar and catalogue; 0, or -1 with store_errmsg. */
int demo_seed(store *s, long n, unsigned seed, demo_progress cb, void *ctx);
/* Seed as o says; *rep (may be NULL) tells what was done; 0, or -1 with store_errmsg. */
int demo_seed_with(store *s, const demo_opts *o, demo_report *rep);
/* True when the store was filled by the seeder (meta 'demo'); false also on error. */
bool demo_is_demo(store *s);
/* The default demo catalogue: $GUICHET_DATADIR/catalog/demo.ini, <exe dir>/../data/catalog/demo.ini,
 * /usr/share/guichet/catalog/demo.ini (the first that exists); 0, or -1 + message listing them. */
int demo_catalog_default_path(char *buf, size_t len, char *err, size_t errlen);

#endif
