/* sync_main.c - entry point of build/guichet-sync, the terminal's sync agent
 * (DESIGN.md "Sync": its own small program; the screen never links libcurl):
 *
 *   guichet-sync [--config FILE] [--db FILE] [--once] [--rejected]
 *
 * A pass pushes the outbox, then pulls the other terminals' and the centre's
 * changes (sync_pass.h).  Without --once it runs a pass every [sync]
 * interval_seconds (sooner or later after a failure: sync_backoff.h) until
 * SIGTERM or SIGINT, which let the exchange in flight finish, then exit 0.
 * --once runs one pass: exit 0 when the outbox is empty afterwards and the
 * pull reached the last change, 1 otherwise (no answer, the centre failing
 * or refusing, a file error, another agent already syncing this database),
 * 2 on bad usage or configuration, 3 for a demonstration file (never sent).
 * Each pass that did something prints one line (always with --once).
 * One agent per database: sync_lock.h.
 * --rejected lists the events the centre rejected (table sync_rejected). */
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "data/config.h"
#include "data/demo.h"
#include "data/drill.h"
#include "data/events.h"
#include "data/store.h"
#include "data/sync_store.h"
#include "sync/sync_conf.h"
#include "sync/sync_backoff.h"
#include "sync/sync_http.h"
#include "sync/sync_i18n.h"
#include "sync/sync_lock.h"
#include "sync/sync_pass.h"
#include "sync/sync_push.h"

enum { EXIT_EMPTY = 0, EXIT_REMAIN = 1, EXIT_USAGE = 2, EXIT_DEMO = 3 };

typedef struct {
    const char *config; /* --config FILE */
    const char *db;     /* --db FILE */
    bool once, rejected;
} options;

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
    (void)sig;
    stopping = 1;
}

static int usage(void)
{
    fprintf(stderr, _("usage: guichet-sync [--config FILE] [--db FILE] [--once] [--rejected]\n"));
    return EXIT_USAGE;
}

/* Parse argv into o; 0 or -1 (after a message). */
static int parse_args(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char **dst = strcmp(argv[i], "--config") == 0 ? &o->config : strcmp(argv[i], "--db") == 0 ? &o->db : NULL;
        if (dst && i + 1 < argc)
            *dst = argv[++i];
        else if (strcmp(argv[i], "--once") == 0)
            o->once = true;
        else if (strcmp(argv[i], "--rejected") == 0)
            o->rejected = true;
        else {
            fprintf(stderr, dst ? _("guichet-sync: option %s needs a value\n") : _("guichet-sync: unknown option %s\n"),
                    argv[i]);
            return -1;
        }
    }
    return 0;
}

/* The config (--config, else the default file when it exists) and the store (its path into path, PATH_MAX
 * bytes); NULL after a message. */
static store *open_all(const options *o, gconfig *cfg, char *path)
{
    char err[STORE_ERR_LEN + PATH_MAX];
    config_defaults(cfg);
    const char *cpath = o->config ? o->config : config_default_path(path, PATH_MAX) == 0 ? path : NULL;
    if (cpath && config_load(cpath, cfg, err, sizeof err) != 0) {
        fprintf(stderr, _("guichet-sync: %s\n"), err);
        return NULL;
    }
    const char *given = o->db ? o->db : cfg->db;
    if (given && *given)
        snprintf(path, PATH_MAX, "%s", given);
    else if (store_default_path(path, PATH_MAX, err, sizeof err) != 0) {
        fprintf(stderr, _("guichet-sync: %s\n"), err);
        return NULL;
    }
    store *s = store_open(path, err, sizeof err);
    if (!s)
        fprintf(stderr, _("guichet-sync: %s\n"), err);
    return s;
}

static int print_rejected(const sync_rejected_row *r, void *ctx)
{
    time_t t = (time_t)(r->at_ms / 1000);
    struct tm tm;
    char when[32] = "?";
    if (localtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    printf("%" PRId64 "\t%s\t%s\t%s\t%s\n", r->seq, r->id, r->type, when, r->reason);
    (*(long *)ctx)++;
    return 0;
}

/* --rejected: the dead letters, one a line (seq, id, type, when, reason). */
static int list_rejected(store *s)
{
    long n = 0;
    if (sync_rejected_list(s, print_rejected, &n) != 0) {
        fprintf(stderr, _("guichet-sync: %s\n"), store_errmsg(s));
        return EXIT_REMAIN;
    }
    fprintf(stderr, _("%ld rejected event(s)\n"), n);
    return EXIT_EMPTY;
}

/* Print what a pass did on one line (always when asked), a failure to stderr. */
static void report(sync_pass_rc rc, const sync_report *r, bool always)
{
    long pulled = r->stored + r->unapplied + r->centre + r->refused;
    if (always || r->applied + r->duplicate + r->rejected + pulled + r->requeued > 0)
        printf(_("guichet-sync: pushed %ld applied, %ld duplicate, %ld rejected; pulled %ld event(s) "
                 "(%ld not applied), %ld centre change(s) (%ld refused), %ld already here%s; requeued %ld\n"),
               r->applied, r->duplicate, r->rejected, r->stored + r->unapplied, r->unapplied, r->centre + r->refused,
               r->refused, r->known, r->resyncs ? _(" (after a resync)") : "", r->requeued);
    if (rc != SYNC_PASS_DONE)
        fprintf(stderr, _("guichet-sync: %s\n"), r->message);
    fflush(stdout);
}

/* Sleep up to seconds, waking early on SIGTERM/SIGINT. */
static void pause_for(long seconds)
{
    for (long i = 0; i < seconds && !stopping; i++) {
        struct timespec one = {1, 0};
        nanosleep(&one, NULL);
    }
}

/* SIGTERM and SIGINT set `stopping`: the exchange in flight finishes first. */
static void catch_stop(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

/* Passes until a signal (or a refusal that waiting will not cure). */
static int run_loop(store *s, const sync_conf *c, int interval)
{
    int failures = 0; /* passes failed in a row: the pull has no per-event attempts to back off on */
    while (!stopping) {
        sync_report r;
        sync_pass_rc rc = sync_pass(s, c, &r);
        report(rc, &r, false);
        if (rc == SYNC_PASS_STOPPED)
            break;
        if (rc == SYNC_PASS_STOP || rc == SYNC_PASS_REFUSED)
            return rc == SYNC_PASS_REFUSED ? EXIT_DEMO : EXIT_REMAIN;
        failures = rc == SYNC_PASS_DONE ? 0 : failures + 1;
        long wait = rc == SYNC_PASS_DONE ? interval : sync_backoff_seconds(failures, -1);
        pause_for(rc == SYNC_PASS_DONE || r.wait_s < wait ? wait : r.wait_s);
    }
    return EXIT_EMPTY;
}

/* Configuration checked, token read, then one pass or the loop. */
static int run(store *s, const gconfig *cfg, bool once)
{
    char token[SYNC_TOKEN_MAX], err[PATH_MAX + 200];
    if (sync_conf_check(cfg, err, sizeof err) != 0 ||
        sync_conf_token(cfg->sync_token_file, token, sizeof token, err, sizeof err) != 0) {
        fprintf(stderr, _("guichet-sync: %s\n"), err);
        return EXIT_USAGE;
    }
    if (sync_http_global_init() != 0) {
        fprintf(stderr, _("guichet-sync: libcurl cannot start\n"));
        return EXIT_REMAIN;
    }
    catch_stop();
    sync_conf c = {cfg->sync_server, token, cfg->sync_ca_file, 0, cfg->sync_proxy, cfg->sync_pinned_pubkey, &stopping};
    int code;
    if (once) {
        sync_report r;
        sync_pass_rc rc = sync_pass(s, &c, &r);
        report(rc, &r, true);
        code = rc == SYNC_PASS_DONE ? EXIT_EMPTY : rc == SYNC_PASS_REFUSED ? EXIT_DEMO : EXIT_REMAIN;
    } else {
        code = run_loop(s, &c, cfg->sync_interval_seconds);
    }
    sync_http_global_cleanup();
    return code;
}

/* The lock of this database, then run; the lock goes with the process. */
static int run_locked(store *s, const gconfig *cfg, const char *path, bool once)
{
    char err[PATH_MAX + 200];
    int fd;
    if (sync_lock_take(path, &fd, err, sizeof err) != 0) {
        fprintf(stderr, _("guichet-sync: %s\n"), err);
        return EXIT_REMAIN;
    }
    int code = run(s, cfg, once);
    sync_lock_release(fd);
    return code;
}

int main(int argc, char **argv)
{
    sync_i18n_init();
    options o = {0};
    if (parse_args(argc, argv, &o) != 0)
        return usage();
    gconfig cfg;
    char path[PATH_MAX];
    store *s = open_all(&o, &cfg, path);
    if (!s)
        return EXIT_USAGE;
    int code;
    if (o.rejected)
        code = list_rejected(s);
    else if (demo_is_demo(s)) {
        fprintf(stderr, _("guichet-sync: this is a demonstration file: its events are never sent to the centre\n"));
        code = EXIT_DEMO;
    } else if (drill_is_drill(s)) {
        fprintf(stderr, _("guichet-sync: this is a drill file: its events are never sent to the centre\n"));
        code = EXIT_DEMO;
    } else
        code = run_locked(s, &cfg, path, o.once);
    store_close(s);
    return code;
}
