/* verbs.h - the command layer of build/guichet: non-interactive verbs that
 * scripts, tests and admins call, and that the screens will call too. */
#ifndef GUICHET_TUI_VERBS_H
#define GUICHET_TUI_VERBS_H

#include "core/date.h"
#include "data/config.h"
#include "data/store.h"

/* Exit codes shared by every verb. */
enum { VERB_OK = 0, VERB_FAIL = 1, VERB_USAGE = 2 };

/* What the global options and the environment decided. */
typedef struct {
    gconfig config;          /* after --config / the default config file */
    const char *calendar;    /* --calendar FILE, overrides config */
    const char *db;          /* --db FILE, overrides [paths] db; NULL: the XDG default */
    const char *config_path; /* --config FILE; NULL: the default file (passed on to the sync agent) */
    gdate today;             /* the terminal's date (GUICHET_TODAY overrides, for drills and tests) */
    const char *drill;       /* --drill SCENARIO: the screen runs a drill on a throw-away database */
    const char *trainee;     /* --trainee NAME (a drill's result is under this name) */
} verb_ctx;

typedef int (*verb_fn)(verb_ctx *ctx, int argc, char **argv);

typedef struct {
    const char *group;  /* "id", "calendar", ... */
    const char *name;   /* "check", "add", ... */
    int min_args;       /* arguments after group and name */
    int max_args;
    verb_fn run;
    const char *args;   /* argument synopsis for the usage text */
    const char *help;   /* one line, English msgid */
} verb;

/* Open the database (--db or the default); NULL after printing why. */
store *verb_open_store(const verb_ctx *ctx);

/* Find the verb for argv ("group name ..."); NULL when there is none. */
const verb *verb_find(const char *group, const char *name);
/* Print the usage text (every verb) to stderr or stdout. */
void verb_usage(int to_stderr);

/* The verbs, one family per file. */
int verb_id_check(verb_ctx *ctx, int argc, char **argv);
int verb_calendar_add(verb_ctx *ctx, int argc, char **argv);
int verb_calendar_is_workday(verb_ctx *ctx, int argc, char **argv);
int verb_calendar_years(verb_ctx *ctx, int argc, char **argv);
int verb_staff_add(verb_ctx *ctx, int argc, char **argv);
int verb_staff_list(verb_ctx *ctx, int argc, char **argv);
int verb_window_add(verb_ctx *ctx, int argc, char **argv);
int verb_window_list(verb_ctx *ctx, int argc, char **argv);
int verb_roster_set(verb_ctx *ctx, int argc, char **argv);
int verb_roster_show(verb_ctx *ctx, int argc, char **argv);
int verb_audit_verify(verb_ctx *ctx, int argc, char **argv);
int verb_catalog_import(verb_ctx *ctx, int argc, char **argv);
int verb_catalog_list(verb_ctx *ctx, int argc, char **argv);
int verb_catalog_search(verb_ctx *ctx, int argc, char **argv);
int verb_cases_search(verb_ctx *ctx, int argc, char **argv);
int verb_cases_export(verb_ctx *ctx, int argc, char **argv);
int verb_demo_seed(verb_ctx *ctx, int argc, char **argv);
int verb_attendance_report(verb_ctx *ctx, int argc, char **argv);
int verb_drill_report(verb_ctx *ctx, int argc, char **argv);
int verb_stats(verb_ctx *ctx, int argc, char **argv);

#endif
