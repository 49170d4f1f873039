/* verb_calendar.c - `guichet calendar add|is-workday|years`: the working-day
 * calendar (data/calendar/cn.ini, docs/calendar.md) from the command line.
 * Exit codes: add 0/1 (1 = the answer needs a year not loaded), is-workday
 * 0 working day / 1 rest day / 2 error, years 0; a bad argument or a broken
 * calendar file is 2. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "data/calendar_file.h"
#include "tui/i18n.h"
#include "tui/verbs.h"

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

/* Load --calendar FILE, else [paths] calendar, else the default search. */
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

static int parse_date_arg(const char *arg, gdate *out)
{
    if (date_parse(arg, out) == 0)
        return 0;
    fprintf(stderr, _("not a date: %s (expected YYYY-MM-DD, a real day)\n"), arg);
    return -1;
}

/* A count of working days: 0..36500, digits only. */
static int parse_count_arg(const char *arg, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(arg, &end, 10);
    if (errno || end == arg || *end || n < 0 || n > 36500 || arg[0] == '+' || arg[0] == ' ') {
        fprintf(stderr, _("not a number of working days: %s (expected 0 to 36500)\n"), arg);
        return -1;
    }
    *out = (int)n;
    return 0;
}

static void print_cal_status(cal_status st, int missing_year)
{
    fprintf(stderr, _(cal_status_reason(st)), missing_year);
    fputc('\n', stderr);
}

int verb_calendar_add(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    static calendar cal;
    gdate from, due;
    int n, missing = 0;
    if (parse_date_arg(argv[0], &from) || parse_count_arg(argv[1], &n))
        return VERB_USAGE;
    if (load_calendar(ctx, &cal))
        return VERB_USAGE;
    cal_status st = cal_add_workdays(&cal, from, n, &due, &missing);
    if (st != CAL_OK) {
        print_cal_status(st, missing);
        return VERB_FAIL;
    }
    char buf[DATE_STR_LEN];
    printf("%s\n", date_format(due, buf));
    return VERB_OK;
}

int verb_calendar_is_workday(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    static calendar cal;
    gdate day;
    bool work = false;
    int missing = 0;
    if (parse_date_arg(argv[0], &day) || load_calendar(ctx, &cal))
        return VERB_USAGE;
    cal_status st = cal_is_workday(&cal, day, &work, &missing);
    if (st != CAL_OK) {
        print_cal_status(st, missing);
        return VERB_USAGE;
    }
    printf("%s\n", work ? _("working day") : _("rest day"));
    return work ? VERB_OK : VERB_FAIL;
}

int verb_calendar_years(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    static calendar cal;
    if (load_calendar(ctx, &cal))
        return VERB_USAGE;
    int years[CAL_MAX_YEARS];
    int n = cal_years(&cal, years, CAL_MAX_YEARS);
    for (int i = 0; i < n; i++) {
        const char *src = cal_source(&cal, years[i]);
        printf("%d  %s\n", years[i], src && *src ? src : "");
    }
    return VERB_OK;
}
