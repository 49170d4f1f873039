/* drill.h - drills for trainers (issue 7), the file side: reading a
 * scenario file (INI, docs/drills.md) into core/drill.h's drill_scenario,
 * building the throw-away database a drill runs on (a fresh file in its own
 * temporary folder: the scenario's catalogue, window, trainee and B post,
 * a roster for each drill day, meta 'drill' so that guichet-sync refuses it
 * like a demonstration file), the queue's progress (who was called when),
 * reading back what the trainee did, and the result files (text and CSV)
 * that `guichet drill report` combines.  No SQL leaves data/. */
#ifndef GUICHET_DATA_DRILL_H
#define GUICHET_DATA_DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/calendar.h"
#include "core/drill.h"
#include "data/store.h"

#define DRILL_ERR_LEN 512

/* A drill in progress: the scenario, its database and where it lives. */
typedef struct {
    drill_scenario sc;
    char scenario_path[1024];
    char trainee[DRILL_NAME_MAX]; /* --trainee NAME (default: the scenario's trainee name) */
    char dir[1024];               /* the temporary folder holding the database (removed by drill_close) */
    char db_path[1100];
    store *s;
    int64_t started_ms;
} drill_run;

/* The progress of one applicant in the queue. */
typedef struct {
    size_t index;        /* in sc.applicants */
    int64_t called_ms;   /* when the trainee called them (0: not yet) */
    int64_t done_ms;     /* when the trainee said they were done (0: not yet) */
    bool returned;       /* return visit called */
} drill_progress;

/* One applicant's line of a result (a points into the drill_run's scenario: keep the run until the result is
 * written and shown). */
typedef struct {
    const drill_applicant *a;
    drill_expect expect;
    drill_actual actual;
    drill_score score;
} drill_line;

/* A whole result. */
typedef struct {
    char scenario_title[DRILL_TEXT_MAX];
    char scenario_file[256];     /* base name */
    char trainee[DRILL_NAME_MAX];
    int64_t started_ms, ended_ms;
    drill_line lines[DRILL_APPLICANTS_MAX];
    size_t n;
    int total;
} drill_result;

/* Read and check a scenario file (every problem: "FILE: [section] key: what"); 0 or -1 + err. */
int drill_scenario_load(const char *path, drill_scenario *sc, char *err, size_t errlen);
/* Load the scenario at path into a zeroed r (trainee: --trainee NAME, NULL = the scenario's); 0 or -1 + err. */
int drill_run_init(drill_run *r, const char *scenario_path, const char *trainee, char *err, size_t errlen);
/* Make the throw-away database for a loaded scenario in a new temporary folder and open it; 0 or -1 + err.
 * cal is the working-day calendar (for the roster days). */
int drill_open(drill_run *r, const calendar *cal, char *err, size_t errlen);
/* Close the database and remove the temporary folder (NULL-safe, idempotent). */
void drill_close(drill_run *r);
/* True when s is a drill database (meta 'drill'). */
bool drill_is_drill(store *s);
/* The date of drill day n (day 1 = the scenario's start; calendar days). */
gdate drill_day_date(const drill_scenario *sc, int day);
/* Record that the trainee called applicant i (first visit, or its return visit when returning); 0 or -1. */
int drill_call(drill_run *r, size_t i, bool returning, int64_t now_ms);
/* Record that the trainee finished with applicant i; 0 or -1. */
int drill_done(drill_run *r, size_t i, int64_t now_ms);
/* The progress of applicant i; 0 or -1. */
int drill_progress_get(drill_run *r, size_t i, drill_progress *out);
/* Read back what the trainee did and score it (expectations from the catalogue and cal); 0 or -1 + err. */
int drill_score_run(drill_run *r, const calendar *cal, drill_result *out, char *err, size_t errlen);
/* Write the result as text (tr translates message ids, NULL: English) and as CSV (UTF-8 with a BOM) in dir,
 * names drill-<trainee>-<scenario>-<YYYYMMDD-HHMMSS>.txt/.csv, never overwriting; the paths written go to
 * txt/csv; 0 or -1 + err. */
int drill_result_write(const drill_result *res, const char *dir, const char *(*tr)(const char *),
                       char *txt, size_t txtlen, char *csv, size_t csvlen, char *err, size_t errlen);
/* Print the text form of a result to f. */
void drill_result_print(const drill_result *res, FILE *f, const char *(*tr)(const char *));
/* `guichet drill report FILES...`: read result CSVs and print one table (trainee, scenario, each applicant's
 * score, total) to f, and as CSV when csv; 0, or -1 + err naming the file and line at fault. */
int drill_report(const char *const *files, size_t n, bool csv, FILE *f, char *err, size_t errlen);
/* drill_report with the table's headings translated by tr (NULL: English). */
int drill_report_tr(const char *const *files, size_t n, bool csv, FILE *f, const char *(*tr)(const char *),
                    char *err, size_t errlen);

#endif
