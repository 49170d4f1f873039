/* verb_drill.c - `guichet drill report FILES... [--csv]`: the trainer's
 * table of several trainees' drill results (the CSV files a drill writes,
 * data/drill.h drill_report): trainee, scenario, each applicant's score and
 * the total; --csv prints it as CSV.  Never opens a database.  Exit 0, 1
 * when a file cannot be read (the message names the file and line), 2 on
 * bad arguments. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/drill.h"
#include "tui/i18n.h"
#include "tui/verbs.h"

int verb_drill_report(verb_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    bool csv = false;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t n = 0;
    char err[DRILL_ERR_LEN];
    if (!files)
        return VERB_FAIL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0)
            csv = true;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, _("drill report: unknown option %s\n"), argv[i]);
            free(files);
            return VERB_USAGE;
        } else
            files[n++] = argv[i];
    }
    if (n == 0) {
        fprintf(stderr, "%s\n", _("usage: guichet drill report FILE... [--csv]"));
        free(files);
        return VERB_USAGE;
    }
    int rc = drill_report(files, n, csv, stdout, err, sizeof err);
    free(files);
    if (rc != 0) {
        fprintf(stderr, "%s\n", err);
        return VERB_FAIL;
    }
    return VERB_OK;
}
