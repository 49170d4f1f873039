/* verb_stats.c - `guichet stats --from DATE --to DATE [--window W] [--csv]`:
 * the supervisor's statistics of a period (data/stats.h), per window and per
 * clerk, each rate beside its target from seed 000_74f23d5d95790ca2.txt
 * (按时办结率 100%, 现场办结率 100%, 满意率 98%以上) with a miss marked, and
 * the per-day chart; as text of at most 80 columns or as CSV (UTF-8 with a
 * BOM).  Open cases are judged on the period's last day, or today when that
 * is earlier.  [supervision] unrated_days (config) counts delivered cases
 * never rated as 基本满意.  Exit 0 on success, 1 when the store refuses, 2 on
 * bad arguments (a date that is not YYYY-MM-DD, from after to, an unknown
 * window). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/calendar_file.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/stats.h"
#include "tui/i18n.h"
#include "tui/verbs.h"

typedef struct {
    const char *from, *to, *window;
    bool csv;
} stats_args;

static int parse_args(int argc, char **argv, stats_args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc; i++) {
        const char **slot = strcmp(argv[i], "--from") == 0     ? &a->from
                            : strcmp(argv[i], "--to") == 0     ? &a->to
                            : strcmp(argv[i], "--window") == 0 ? &a->window
                                                               : NULL;
        if (strcmp(argv[i], "--csv") == 0 && !a->csv)
            a->csv = true;
        else if (slot && !*slot && i + 1 < argc)
            *slot = argv[++i];
        else {
            fprintf(stderr, _("stats: unexpected argument: %s\n"), argv[i]);
            return -1;
        }
    }
    if (!a->from || !a->to) {
        fprintf(stderr, "%s\n", _("stats: give the period with --from YYYY-MM-DD --to YYYY-MM-DD"));
        return -1;
    }
    return 0;
}

/* The period and the window checked into q; -1 after one line saying what is wrong. */
static int make_query(store *s, const stats_args *a, gdate today, stats_query *q, char *window, size_t wlen)
{
    memset(q, 0, sizeof *q);
    if (date_parse(a->from, &q->from) != 0 || date_parse(a->to, &q->to) != 0) {
        fprintf(stderr, _("stats: not a date: %s (expected YYYY-MM-DD)\n"),
                date_parse(a->from, &q->from) != 0 ? a->from : a->to);
        return -1;
    }
    if (date_cmp(q->from, q->to) > 0) {
        fprintf(stderr, _("stats: the period starts (%s) after it ends (%s)\n"), a->from, a->to);
        return -1;
    }
    if (date_diff_days(q->from, q->to) + 1 > STATS_DAYS_MAX) {
        fprintf(stderr, _("stats: the period is longer than %d days\n"), STATS_DAYS_MAX);
        return -1;
    }
    q->today = date_cmp(today, q->to) < 0 ? today : q->to;
    if (a->window) {
        char code[16], err[256];
        window_rec w;
        if (window_code_norm(a->window, code, sizeof code, err, sizeof err) != STAFF_OK ||
            window_get(s, code, &w, err, sizeof err) != STAFF_OK) {
            fprintf(stderr, _("stats: no such window: %s\n"), a->window);
            return -1;
        }
        snprintf(window, wlen, "%s", code);
        q->window = window;
    }
    return 0;
}

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

/* The working-day calendar for days overdue (--calendar, [paths] calendar, the default); NULL when
 * none loads (days overdue are then calendar days, said on stderr). */
static calendar *load_calendar(const verb_ctx *ctx)
{
    static calfile_error err;
    calendar *cal = malloc(sizeof *cal);
    const char *path = ctx->calendar ? ctx->calendar : ctx->config.calendar;
    if (!cal)
        return NULL;
    calfile_status st = (path && *path) ? calfile_load(path, cal, &err) : calfile_load_default(cal, &err);
    if (st == CALFILE_OK)
        return cal;
    char msg[4096];
    fprintf(stderr, "%s\n", calfile_message(&err, translate, msg, sizeof msg));
    free(cal);
    return NULL;
}

int verb_stats(verb_ctx *ctx, int argc, char **argv)
{
    stats_args a;
    stats_query q;
    char window[16], err[512];
    if (parse_args(argc, argv, &a) != 0)
        return VERB_USAGE;
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    if (make_query(s, &a, ctx->today, &q, window, sizeof window) != 0) {
        store_close(s);
        return VERB_USAGE;
    }
    q.unrated_days = ctx->config.unrated_days; /* [supervision] unrated_days, 0: off */
    calendar *cal = load_calendar(ctx);
    stats_report *r = stats_compute_cal(s, &q, cal, err, sizeof err);
    free(cal);
    store_close(s);
    if (!r) {
        fprintf(stderr, "%s\n", _(err));
        return VERB_FAIL;
    }
    if (a.csv)
        stats_print_csv(r, stdout, translate);
    else
        stats_print(r, stdout, translate);
    free(r);
    return VERB_OK;
}
