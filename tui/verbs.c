/* verbs.c - the table of command-line verbs and the usage text.
 * One table, like tmux's command table: main.c and (later) the screens find
 * verbs here; a verb's arguments are counted before it runs. */
#include "tui/verbs.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "data/store.h"
#include "tui/i18n.h"
#include "tui/width.h"

static const verb verbs[] = {
    {"id", "check", 1, 1, verb_id_check, "VALUE",
     N_("validate a resident ID number or a unified social credit code")},
    {"calendar", "add", 2, 2, verb_calendar_add, "YYYY-MM-DD N",
     N_("print the date N working days after the given date")},
    {"calendar", "is-workday", 1, 1, verb_calendar_is_workday, "YYYY-MM-DD",
     N_("exit 0 on a working day, 1 on a rest day, 2 on error")},
    {"calendar", "years", 0, 0, verb_calendar_years, "",
     N_("list the years the loaded calendar covers")},
    {"catalog", "import", 1, 1, verb_catalog_import, "FILE",
     N_("import an item catalogue (all or nothing; errors name file and line)")},
    {"catalog", "list", 0, 0, verb_catalog_list, "", N_("list the items of the catalogue in use")},
    {"catalog", "search", 1, 1, verb_catalog_search, "QUERY",
     N_("find items by code, name or pinyin initials (jhdj: 结婚登记)")},
    {"staff", "add", 2, 40, verb_staff_add, "ID NAME --role R[,R] [--window W]... [--birth DATE] [--pin-stdin]",
     N_("add a staff member; asks for the PIN twice")},
    {"staff", "list", 0, 0, verb_staff_list, "", N_("list the staff, their roles and windows")},
    {"window", "add", 2, 2, verb_window_add, "CODE NAME", N_("add a service window")},
    {"window", "list", 0, 0, verb_window_list, "", N_("list the service windows")},
    {"roster", "set", 4, 4, verb_roster_set, "DATE WINDOW A_STAFF B_STAFF",
     N_("set the A and B posts of a window for a date")},
    {"roster", "show", 1, 1, verb_roster_show, "DATE", N_("show the A/B roster of a date")},
    {"cases", "search", 1, 1, verb_cases_search, "QUERY",
     N_("find cases by case number (or its tail), applicant name prefix, ID number or phone")},
    {"cases", "export", 4, 8, verb_cases_export, "--from DATE --to DATE [--csv] [--no-bom] [-o FILE]",
     N_("write the cases received in a period as CSV (ID and phone masked)")},
    {"demo", "seed", 2, 4, verb_demo_seed, "--cases N [--seed S]",
     N_("fill the database with N realistic demonstration cases")},
    {"attendance", "report", 2, 5, verb_attendance_report, "--month YYYY-MM | --quarter YYYY-Qn [--csv]",
     N_("each clerk's attendance and deductions in a month, or each window's quarterly score")},
    {"audit", "verify", 0, 0, verb_audit_verify, "",
     N_("check the event log's hash chain and name the first broken link")},
    {"drill", "report", 1, 200, verb_drill_report, "FILE... [--csv]",
     N_("combine drill result files (CSV) of several trainees into one table")},
    {"stats", "", 4, 7, verb_stats, "--from DATE --to DATE [--window W] [--csv]",
     N_("per window and clerk: cases, on-time and on-site rates, trips, notices, evaluations against the targets")},
};

store *verb_open_store(const verb_ctx *ctx)
{
    char path[PATH_MAX], err[STORE_ERR_LEN];
    const char *given = ctx->db ? ctx->db : ctx->config.db;
    if (given && *given)
        snprintf(path, sizeof path, "%s", given);
    else if (store_default_path(path, sizeof path, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
    store *s = store_open(path, err, sizeof err);
    if (!s)
        fprintf(stderr, "%s\n", err);
    return s;
}

const verb *verb_find(const char *group, const char *name)
{
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(verbs[i].group, group) == 0 && (!verbs[i].name[0] || (name && strcmp(verbs[i].name, name) == 0)))
            return &verbs[i];
    return NULL;
}

void verb_usage(int to_stderr)
{
    FILE *out = to_stderr ? stderr : stdout;
    fprintf(out, "%s\n", _("usage: guichet [--config FILE] [--calendar FILE] [--db FILE] VERB ARGS..."));
    fprintf(out, "%s\n", _("       guichet [--config F] [--calendar F] --drill SCENARIO [--trainee NAME]"));
    fprintf(out, "%s\n", _("verbs:"));
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        char synopsis[160];
        snprintf(synopsis, sizeof synopsis, "%s%s%s %s", verbs[i].group, verbs[i].name[0] ? " " : "",
                 verbs[i].name, verbs[i].args);
        if (strlen(synopsis) > 32)
            fprintf(out, "  %s\n%35s", synopsis, "");
        else
            fprintf(out, "  %-32s ", synopsis);
        print_wrapped(out, _(verbs[i].help), 35, 80);
    }
    /* `sync` is one word, handed to guichet-sync before the verb table is looked up (tui/main.c). */
    fprintf(out, "  %-32s ", "sync [--once] [--rejected]");
    print_wrapped(out, _("send what this terminal recorded to the centre (guichet-sync); --rejected lists the events it refused"), 35, 80);
}
