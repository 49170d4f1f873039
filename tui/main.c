/* main.c - entry point of build/guichet: global options, then a verb.
 *
 *   guichet [--config FILE] [--calendar FILE] [--db FILE] GROUP NAME ARGS...
 *   guichet [--config FILE] [--calendar FILE] [--db FILE]      (the screen)
 *   guichet [--config FILE] [--calendar FILE] --drill SCENARIO [--trainee NAME]  (a drill)
 *
 * Bad arguments print the usage and exit 2 (VERB_USAGE). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/clock.h"
#include "data/supervise.h"
#include "tui/client.h"
#include "tui/i18n.h"
#include "tui/verb_sync.h"
#include "tui/verbs.h"

/* Today's local date; GUICHET_TODAY=YYYY-MM-DD fixes it (drills, tests). */
static int local_today(gdate *out)
{
    const char *fixed = getenv("GUICHET_TODAY");
    if (fixed && *fixed) {
        if (date_parse(fixed, out) != 0) {
            fprintf(stderr, _("GUICHET_TODAY=%s is not a date (YYYY-MM-DD)\n"), fixed);
            return -1;
        }
        return 0;
    }
    *out = clock_local_today();
    return 0;
}

/* The explicit --config FILE, else the default one when it exists. */
static int load_config(verb_ctx *ctx, const char *explicit_path)
{
    char path[4096], err[600];
    config_defaults(&ctx->config);
    if (explicit_path)
        snprintf(path, sizeof path, "%s", explicit_path);
    else if (config_default_path(path, sizeof path) != 0)
        return 0;
    if (config_load(path, &ctx->config, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    sv_set_followup_days(ctx->config.followup_days); /* [supervision]: the rating action's deadline */
    return 0;
}

/* Take a global option's value; NULL (after a message) when it is missing. */
static const char *option_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, _("option %s needs a value\n"), argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

int main(int argc, char **argv)
{
    i18n_init();
    verb_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    const char *config_path = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            verb_usage(0);
            return VERB_OK;
        } else if (strcmp(argv[i], "--config") == 0) {
            if (!(config_path = option_value(argc, argv, &i)))
                return VERB_USAGE;
        } else if (strcmp(argv[i], "--db") == 0) {
            if (!(ctx.db = option_value(argc, argv, &i)))
                return VERB_USAGE;
        } else if (strcmp(argv[i], "--calendar") == 0) {
            if (!(ctx.calendar = option_value(argc, argv, &i)))
                return VERB_USAGE;
        } else if (strcmp(argv[i], "--drill") == 0) {
            if (!(ctx.drill = option_value(argc, argv, &i)))
                return VERB_USAGE;
        } else if (strcmp(argv[i], "--trainee") == 0) {
            if (!(ctx.trainee = option_value(argc, argv, &i)))
                return VERB_USAGE;
        } else {
            fprintf(stderr, _("unknown option: %s\n"), argv[i]);
            verb_usage(1);
            return VERB_USAGE;
        }
    }
    if (i >= argc) { /* no verb: the full-screen client */
        if (load_config(&ctx, config_path) != 0 || local_today(&ctx.today) != 0)
            return VERB_USAGE;
        ctx.config_path = config_path;
        return client_run(&ctx);
    }
    if (ctx.drill || ctx.trainee) {
        fprintf(stderr, "%s\n", _("--drill and --trainee start the screen: no verb goes with them"));
        return VERB_USAGE;
    }
    if (strcmp(argv[i], "sync") == 0) /* handed over to the sync agent (tui/verb_sync.c) */
        return verb_sync_exec(config_path, ctx.db, argc - i - 1, argv + i + 1);
    const verb *v = verb_find(argv[i], i + 1 < argc ? argv[i + 1] : NULL);
    if (!v) {
        fprintf(stderr, _("unknown verb: %s %s\n"), argv[i], i + 1 < argc ? argv[i + 1] : "");
        verb_usage(1);
        return VERB_USAGE;
    }
    int used = v->name[0] ? 2 : 1; /* "stats --from ..." is a verb of one word */
    int nargs = argc - i - used;
    if (nargs < v->min_args || nargs > v->max_args) {
        fprintf(stderr, _("usage: guichet %s %s %s\n"), v->group, v->name, v->args);
        return VERB_USAGE;
    }
    if (load_config(&ctx, config_path) != 0 || local_today(&ctx.today) != 0)
        return VERB_USAGE;
    return v->run(&ctx, nargs, argv + i + used);
}
