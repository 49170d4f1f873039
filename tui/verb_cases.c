/* verb_cases.c - `guichet cases search QUERY`, `guichet cases export`,
 * `guichet demo seed --cases N`: finding cases, the supervisor's CSV, and the
 * demonstration database (data/cases.h, data/demo.h).  Exit 0 on success,
 * 1 when nothing is found or the store refuses, 2 on bad arguments. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/cases.h"
#include "data/demo.h"
#include "tui/i18n.h"
#include "tui/verbs.h"
#include "tui/width.h"

int verb_cases_search(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    static case_hit hits[50];
    int n = 0;
    int rc = cases_search_on(s, ctx->today, argv[0], hits, 50, &n);
    if (rc != 0)
        fprintf(stderr, "%s\n", store_errmsg(s));
    else if (n == 0)
        printf(_("no case matches \"%s\"\n"), argv[0]);
    for (int i = 0; i < n; i++) {
        const case_hit *h = &hits[i];
        print_padded(stdout, h->case_id, 25);
        print_padded(stdout, h->applicant_name, 9);
        print_padded(stdout, h->item_name[0] ? h->item_name : h->item, 23);
        print_padded(stdout, _(case_status_label(h->status)), 12);
        printf("%s\n", h->received);
    }
    store_close(s);
    return rc != 0 || n == 0 ? VERB_FAIL : VERB_OK;
}

typedef struct {
    const char *from, *to, *out;
    unsigned flags;
} export_args;

/* --from DATE --to DATE [--csv] [--no-bom] [-o FILE] */
static int parse_export(int argc, char **argv, export_args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc; i++) {
        int has_value = i + 1 < argc;
        if (strcmp(argv[i], "--from") == 0 && has_value)
            a->from = argv[++i];
        else if (strcmp(argv[i], "--to") == 0 && has_value)
            a->to = argv[++i];
        else if (strcmp(argv[i], "-o") == 0 && has_value)
            a->out = argv[++i];
        else if (strcmp(argv[i], "--no-bom") == 0)
            a->flags |= CASES_EXPORT_NO_BOM;
        else if (strcmp(argv[i], "--csv") != 0) {
            fprintf(stderr, _("cases export: unexpected argument: %s\n"), argv[i]);
            return -1;
        }
    }
    gdate d;
    if (!a->from || !a->to || date_parse(a->from, &d) != 0 || date_parse(a->to, &d) != 0) {
        fprintf(stderr, "%s\n", _("cases export: --from and --to need two dates (YYYY-MM-DD)"));
        return -1;
    }
    return 0;
}

int verb_cases_export(verb_ctx *ctx, int argc, char **argv)
{
    export_args a;
    if (parse_export(argc, argv, &a) != 0)
        return VERB_USAGE;
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    FILE *out = a.out ? fopen(a.out, "w") : stdout;
    if (!out) {
        fprintf(stderr, "%s: %s\n", a.out, strerror(errno));
        store_close(s);
        return VERB_FAIL;
    }
    long rows = 0;
    int rc = cases_export_csv_flags(s, a.from, a.to, a.flags, out, &rows);
    if (rc != 0)
        fprintf(stderr, "%s\n", store_errmsg(s));
    if (a.out && fclose(out) != 0 && rc == 0) {
        fprintf(stderr, "%s: %s\n", a.out, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && a.out)
        printf(_("%ld cases written to %s\n"), rows, a.out);
    store_close(s);
    return rc == 0 ? VERB_OK : VERB_FAIL;
}

static void show_progress(long done, long total, void *arg)
{
    (void)arg;
    fprintf(stderr, "\r%ld/%ld", done, total);
    if (done == total)
        fputc('\n', stderr);
}

/* --cases N [--seed S] */
int verb_demo_seed(verb_ctx *ctx, int argc, char **argv)
{
    demo_opts o;
    memset(&o, 0, sizeof o);
    o.seed = 1;
    o.today = ctx->today;
    for (int i = 0; i < argc; i++) {
        char *end = NULL;
        if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc)
            o.cases = strtol(argv[++i], &end, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            o.seed = (unsigned)strtoul(argv[++i], &end, 10);
        if (!end || *end || end == argv[i]) {
            fprintf(stderr, "%s\n", _("usage: guichet demo seed --cases N [--seed S]"));
            return VERB_USAGE;
        }
    }
    if (o.cases < 1 || o.cases > DEMO_CASES_MAX) {
        fprintf(stderr, _("demo seed: --cases must be 1 to %ld\n"), (long)DEMO_CASES_MAX);
        return VERB_USAGE;
    }
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    o.progress = show_progress;
    demo_report rep;
    int rc = demo_seed_with(s, &o, &rep);
    if (rc != 0)
        fprintf(stderr, "%s\n", store_errmsg(s));
    else
        printf(_("seeded %ld cases (%ld events) received on %d working days, %s to %s, in %.1f s\n"),
               rep.cases, rep.events, rep.days, rep.first_day, rep.last_day, rep.seconds);
    store_close(s);
    return rc == 0 ? VERB_OK : VERB_FAIL;
}
