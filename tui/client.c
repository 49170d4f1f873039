/* client.c - starting the full-screen client (`guichet` with no verb):
 * configuration, calendar, keymaps (the defaults, then the site's file:
 * bad lines are collected and shown at the log-in screen, good ones apply),
 * the store, the centre and terminal codes, the calendar the centre sent
 * (which wins over the file's), the sync agent in the background
 * (tui/app_sync.c); then curses and the main loop.  Anything that cannot
 * start is said on stderr before curses takes the terminal.
 *
 * A drill (--drill SCENARIO, issue 7) is started apart: the scenario is read
 * (a bad file: one line, exit 2), a throw-away database is built from it
 * (data/drill.h) and the configured one is never opened; no sync agent; the
 * print command is dropped (tui/scr_notice.c saves instead); today is the
 * drill's day 1; SIGTERM and SIGHUP end the loop so the throw-away folder is
 * removed on the way out. */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "data/calendar_file.h"
#include "data/cases.h"
#include "data/demo.h"
#include "data/desk.h"
#include "data/drill.h"
#include "data/keymap_file.h"
#include "data/sync_import.h"
#include "tui/app.h"
#include "tui/client.h"
#include "tui/i18n.h"

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

static int load_calendar(const verb_ctx *ctx, calendar *cal)
{
    static calfile_error err;
    const char *path = ctx->calendar ? ctx->calendar : ctx->config.calendar;
    calfile_status st = (path && *path) ? calfile_load(path, cal, &err) : calfile_load_default(cal, &err);
    if (st == CALFILE_OK)
        return 0;
    char msg[4096];
    fprintf(stderr, "%s\n", calfile_message(&err, translate, msg, sizeof msg));
    return -1;
}

/* Append the bad lines of one keymap file to a->keymap_errors. */
static void note_keymap_errors(app *a, const keymap_error *errs, int nerrs, int bad)
{
    for (int i = 0; i < nerrs; i++) {
        char line[600];
        keymap_error_format(&errs[i], _(keymap_error_reason(errs[i].code)), line, sizeof line);
        size_t used = strlen(a->keymap_errors);
        snprintf(a->keymap_errors + used, sizeof a->keymap_errors - used, "%s%s", used ? "; " : "", line);
    }
    if (bad > nerrs) {
        size_t used = strlen(a->keymap_errors);
        snprintf(a->keymap_errors + used, sizeof a->keymap_errors - used, _("; %d more"), bad - nerrs);
    }
}

/* The defaults, then the site's file over them. */
static int load_keymaps(app *a)
{
    char path[PATH_MAX], msg[600];
    keymap_error errs[8];
    int nerrs = 0;
    keymap_init(&a->km);
    if (keymap_default_path(path, sizeof path) != 0) {
        fprintf(stderr, "%s\n", _("cannot find keymaps/default.keys beside the program"));
        return -1;
    }
    int bad = keymap_file_load(&a->km, path, errs, 8, &nerrs, msg, sizeof msg);
    if (bad < 0) {
        fprintf(stderr, "%s\n", msg);
        return -1;
    }
    note_keymap_errors(a, errs, nerrs, bad);
    if (!a->cfg.keymap[0])
        return 0;
    bad = keymap_file_load(&a->km, a->cfg.keymap, errs, 8, &nerrs, msg, sizeof msg);
    if (bad < 0)
        snprintf(a->keymap_errors + strlen(a->keymap_errors), sizeof a->keymap_errors - strlen(a->keymap_errors),
                 "%s%s", a->keymap_errors[0] ? "; " : "", msg);
    else
        note_keymap_errors(a, errs, nerrs, bad);
    return 0;
}

/* [centre] code and [terminal] code, when set, become the file's case-number codes. */
static int apply_codes(app *a)
{
    if (a->cfg.centre_code[0] || a->cfg.terminal_code[0]) {
        char c[CASENUM_CENTRE_MAX + 1], t[CASENUM_TERMINAL_MAX + 1];
        if (cases_codes(a->db, c, t) != 0 ||
            cases_set_codes(a->db, a->cfg.centre_code[0] ? a->cfg.centre_code : c,
                            a->cfg.terminal_code[0] ? a->cfg.terminal_code : t) != 0) {
            fprintf(stderr, "%s\n", store_errmsg(a->db));
            return -1;
        }
    }
    return cases_codes(a->db, a->centre, a->terminal) == 0 ? 0 : -1;
}

/* The calendar the centre sent (centre.calendar, pulled by guichet-sync: data/sync_import.h) is
 * preferred to the file ([paths] calendar, --calendar or the default one): the centre keeps every
 * terminal on the same working days.  A terminal that never received one reads its file; a stored
 * one that cannot be read is said on stderr and the file is read instead. */
static int centre_or_file_calendar(const verb_ctx *ctx, app *a, calendar *cal)
{
    int rc = sync_centre_calendar(a->db, cal);
    if (rc == 0)
        return 0;
    if (rc < 0)
        fprintf(stderr, "%s\n", store_errmsg(a->db));
    return load_calendar(ctx, cal);
}

/* The database path as verb_open_store resolves it (the sync agent is given the same). */
static int db_path(const verb_ctx *ctx, char *path, size_t len)
{
    char err[STORE_ERR_LEN];
    const char *given = ctx->db ? ctx->db : ctx->config.db;
    if (given && *given) {
        snprintf(path, len, "%s", given);
        return 0;
    }
    return store_default_path(path, len, err, sizeof err);
}

/* SIGTERM / SIGHUP in a drill: the loop ends and the throw-away database goes (tui/app.c). */
static void on_stop(int sig)
{
    (void)sig;
    app_stop_requested = 1;
}

static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop; /* no SA_RESTART: the wait for a key returns at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* The drill's configuration: its window, no printer, notices saved to [paths] save_dir or here. */
static void drill_config(app *a, const drill_run *run)
{
    snprintf(a->cfg.window, sizeof a->cfg.window, "%s", run->sc.window);
    a->cfg.print_command[0] = '\0';
    a->cfg.sync_server[0] = '\0';
    if (!a->cfg.save_dir[0] && !getcwd(a->cfg.save_dir, sizeof a->cfg.save_dir))
        snprintf(a->cfg.save_dir, sizeof a->cfg.save_dir, ".");
}

/* `guichet --drill SCENARIO [--trainee NAME]`: the screens on a throw-away database. */
static int drill_client_run(verb_ctx *ctx)
{
    static app a;
    static calendar cal;
    static drill_run run;
    char err[DRILL_ERR_LEN];
    memset(&a, 0, sizeof a);
    memset(&run, 0, sizeof run);
    if (drill_scenario_load(ctx->drill, &run.sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return VERB_USAGE;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n", _("guichet's screen needs a terminal; the verbs (guichet --help) work without one"));
        return VERB_USAGE;
    }
    snprintf(run.scenario_path, sizeof run.scenario_path, "%s", ctx->drill);
    snprintf(run.trainee, sizeof run.trainee, "%s", ctx->trainee ? ctx->trainee : run.sc.trainee_name);
    a.cfg = ctx->config;
    a.cal = &cal;
    if (load_keymaps(&a) != 0 || load_calendar(ctx, &cal) != 0)
        return VERB_FAIL;
    if (drill_open(&run, &cal, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return VERB_FAIL;
    }
    drill_config(&a, &run);
    a.db = run.s;
    a.drill = &run;
    a.drill_day = 1;
    a.today = drill_day_date(&run.sc, 1);
    desk_set_translator(translate);
    int rc = VERB_FAIL;
    catch_stop_signals();
    if (apply_codes(&a) == 0 && term_open(&a.cfg) == 0) {
        rc = app_run(&a) == 0 ? VERB_OK : VERB_FAIL;
        term_close();
    }
    drill_close(&run);
    return rc;
}

int client_run(verb_ctx *ctx)
{
    if (ctx->drill)
        return drill_client_run(ctx);
    if (ctx->trainee) {
        fprintf(stderr, "%s\n", _("--trainee goes with --drill SCENARIO"));
        return VERB_USAGE;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n", _("guichet's screen needs a terminal; the verbs (guichet --help) work without one"));
        return VERB_USAGE;
    }
    static app a;
    static calendar cal;
    memset(&a, 0, sizeof a);
    a.cfg = ctx->config;
    a.today = ctx->today;
    a.cal = &cal;
    if (load_keymaps(&a) != 0)
        return VERB_FAIL;
    if (!(a.db = verb_open_store(ctx)))
        return VERB_FAIL;
    int rc = VERB_FAIL;
    char path[PATH_MAX];
    desk_set_translator(translate);
    if (apply_codes(&a) == 0 && centre_or_file_calendar(ctx, &a, &cal) == 0) {
        if (db_path(ctx, path, sizeof path) == 0)
            app_sync_start(&a.cfg, ctx->config_path, path, demo_is_demo(a.db));
        if (term_open(&a.cfg) == 0) {
            rc = app_run(&a) == 0 ? VERB_OK : VERB_FAIL;
            term_close();
        }
        app_sync_stop();
    }
    store_close(a.db);
    return rc;
}
