/* verb_attendance.c - `guichet attendance report --month YYYY-MM [--csv]`
 * and `--quarter YYYY-Qn [--csv]`: the supervisor's attendance sheet of a
 * month (one line per clerk: days present, late, early leave, absence and
 * leave in half days, away 30/60, left without handoff, deductions; then the
 * leaders' on-site days) and each window's quarterly score and stars, as
 * tables of at most 80 columns (Chinese measured as two) or as UTF-8 CSV.
 * The numbers are data/attreport.h's; semantics in docs/attendance.md.
 * Exit 0 on success, 1 when the store or the calendar refuses, 2 on bad
 * arguments. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/attreport.h"
#include "data/calendar_file.h"
#include "data/desk.h"
#include "tui/i18n.h"
#include "tui/verbs.h"
#include "tui/width.h"

#define TABLE_WIDTH 80   /* columns a printed line may take */
#define TABLE_COLS 12
#define CELL_LEN STAFF_NAME_BUF

/* ---- arguments ------------------------------------------------------------------------ */

typedef struct {
    bool csv;
    bool quarterly;
    int year;
    int period; /* month 1..12, or quarter 1..4 */
} report_args;

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Exactly "YYYY-MM" (1900..9999, 01..12). */
static int parse_month(const char *s, int *y, int *m)
{
    if (strlen(s) != 7 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2))
        return -1;
    *y = atoi(s);
    *m = atoi(s + 5);
    return *y >= 1900 && *m >= 1 && *m <= 12 ? 0 : -1;
}

/* Exactly "YYYY-Qn" (q accepted), n 1..4. */
static int parse_quarter(const char *s, int *y, int *q)
{
    if (strlen(s) != 7 || !digits(s, 4) || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q') || s[6] < '1' ||
        s[6] > '4')
        return -1;
    *y = atoi(s);
    *q = s[6] - '0';
    return *y >= 1900 ? 0 : -1;
}

static int parse_report(int argc, char **argv, report_args *a)
{
    const char *month = NULL, *quarter = NULL;
    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0)
            a->csv = true;
        else if (strcmp(argv[i], "--month") == 0 && i + 1 < argc && !month)
            month = argv[++i];
        else if (strcmp(argv[i], "--quarter") == 0 && i + 1 < argc && !quarter)
            quarter = argv[++i];
        else {
            fprintf(stderr, _("attendance report: unexpected argument: %s\n"), argv[i]);
            return -1;
        }
    }
    if (!month == !quarter) {
        fprintf(stderr, "%s\n", _("attendance report: give either --month YYYY-MM or --quarter YYYY-Qn"));
        return -1;
    }
    a->quarterly = quarter != NULL;
    if (month && parse_month(month, &a->year, &a->period) != 0) {
        fprintf(stderr, _("attendance report: not a month: %s (expected YYYY-MM)\n"), month);
        return -1;
    }
    if (quarter && parse_quarter(quarter, &a->year, &a->period) != 0) {
        fprintf(stderr, _("attendance report: not a quarter: %s (expected YYYY-Qn, n from 1 to 4)\n"), quarter);
        return -1;
    }
    return 0;
}

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

/* ---- tables ------------------------------------------------------------------------------ */

/* A column: its header (message id), text (left) or number (right), and the width a text column may shrink to. */
typedef struct {
    const char *head;
    bool left;
    int min;
} column;

typedef struct {
    char cell[TABLE_COLS][CELL_LEN];
} row;

/* The rows of a table being filled. */
typedef struct {
    row *rows;
    int n, cap;
    bool oom;
} rows;

static row *rows_add(rows *t)
{
    if (t->n == t->cap) {
        int cap = t->cap ? 2 * t->cap : 16;
        row *grown = realloc(t->rows, (size_t)cap * sizeof *grown);
        if (!grown) {
            t->oom = true;
            return NULL;
        }
        t->rows = grown;
        t->cap = cap;
    }
    row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Copy a text into a cell (every source field fits: names are at most STAFF_NAME_BUF bytes). */
static void cell_text(row *r, int i, const char *v)
{
    size_t n = strlen(v);
    if (n >= CELL_LEN)
        n = CELL_LEN - 1;
    memcpy(r->cell[i], v, n);
    r->cell[i][n] = '\0';
}

static void cell_int(row *r, int i, int v)
{
    snprintf(r->cell[i], CELL_LEN, "%d", v);
}

/* Column widths: the widest of header and cells; text columns then shrink (widest first) to fit. */
static void fit_widths(const column *c, int nc, const rows *t, int *w)
{
    int total = nc - 1;
    for (int i = 0; i < nc; i++) {
        w[i] = text_width(_(c[i].head));
        for (int k = 0; k < t->n; k++) {
            int cw = text_width(t->rows[k].cell[i]);
            w[i] = cw > w[i] ? cw : w[i];
        }
        total += w[i];
    }
    while (total > TABLE_WIDTH) {
        int widest = -1;
        for (int i = 0; i < nc; i++)
            if (c[i].left && w[i] > c[i].min && (widest < 0 || w[i] > w[widest]))
                widest = i;
        if (widest < 0)
            break;
        w[widest]--;
        total--;
    }
}

static void print_cell(const char *s, bool left, int width, bool last)
{
    int tw = text_width(s);
    if (left && tw > width) {
        print_padded(stdout, s, width); /* cut with ".." */
        return;
    }
    if (!left)
        printf("%*s", width > tw ? width - tw : 0, "");
    fputs(s, stdout);
    if (left && !last)
        printf("%*s", width > tw ? width - tw : 0, "");
}

static void print_line(const column *c, int nc, const int *w, const char *const *cells)
{
    for (int i = 0; i < nc; i++) {
        if (i > 0)
            putchar(' ');
        print_cell(cells[i], c[i].left, w[i], i == nc - 1);
    }
    putchar('\n');
}

static void print_table(const column *c, int nc, const rows *t)
{
    int w[TABLE_COLS];
    const char *cells[TABLE_COLS];
    fit_widths(c, nc, t, w);
    for (int i = 0; i < nc; i++)
        cells[i] = _(c[i].head);
    print_line(c, nc, w, cells);
    for (int k = 0; k < t->n; k++) {
        for (int i = 0; i < nc; i++)
            cells[i] = t->rows[k].cell[i];
        print_line(c, nc, w, cells);
    }
}

/* One CSV field: quoted when it holds a comma, a quote or a line break. */
static void csv_field(const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    putchar(last ? '\n' : ',');
}

static void print_csv(const char *const *head, int nc, const rows *t)
{
    for (int i = 0; i < nc; i++)
        csv_field(head[i], i == nc - 1);
    for (int k = 0; k < t->n; k++)
        for (int i = 0; i < nc; i++)
            csv_field(t->rows[k].cell[i], i == nc - 1);
}

/* ---- the month -------------------------------------------------------------------------- */

enum { P_STAFF, P_NAME, P_PRESENT, P_LATE, P_EARLY, P_ABSENT, P_LEAVE, P_AWAY30, P_AWAY60, P_UNATTENDED,
       P_DEDUCTION, P_COLS };

static const column person_cols[P_COLS] = {
    {N_("Staff ID"), true, 4}, {N_("Name"), true, 6},   {N_("Days"), false, 0},   {N_("Late"), false, 0},
    {N_("Early"), false, 0},   {N_("Absent"), false, 0}, {N_("Leave"), false, 0},  {N_("Away30"), false, 0},
    {N_("Away60"), false, 0},  {N_("NoCover"), false, 0}, {N_("Points"), false, 0},
};

/* The CSV: the month's columns plus workdays after the name (stable English codes). */
static const char *const person_csv[] = {"staff",           "name",    "workdays", "present",   "late",
                                         "early",           "absent_half_days", "leave_half_days", "away_30",
                                         "away_60",         "unattended", "deduction"};

typedef struct {
    rows people;
    int workdays; /* judged working days: the same for everyone */
} month_acc;

static int add_person(const ar_person_month *m, void *ctx)
{
    month_acc *acc = ctx;
    row *r = rows_add(&acc->people);
    if (!r)
        return 1;
    const int v[] = {m->present_days, m->late, m->early, m->absent_half_days, m->leave_half_days,
                     m->away_30, m->away_60, m->unattended};
    cell_text(r, P_STAFF, m->code);
    cell_text(r, P_NAME, m->name);
    for (int i = 0; i < 8; i++)
        cell_int(r, P_PRESENT + i, v[i]);
    score_format(m->score.total, r->cell[P_DEDUCTION]);
    acc->workdays = m->workdays;
    return 0;
}

enum { L_STAFF, L_NAME, L_PLANNED, L_PRESENT, L_REQUIRED, L_MINUTES, L_UNPAIRED, L_RESULT, L_COLS };

static const column leader_cols[L_COLS] = {
    {N_("Staff ID"), true, 4},  {N_("Name"), true, 6},     {N_("Planned"), false, 0},  {N_("On site"), false, 0},
    {N_("Required"), false, 0}, {N_("Minutes"), false, 0}, {N_("Unpaired"), false, 0}, {N_("Verdict"), true, 4},
};

static int add_leader(const ar_leader_month *m, void *ctx)
{
    row *r = rows_add(ctx);
    if (!r)
        return 1;
    cell_text(r, L_STAFF, m->code);
    cell_text(r, L_NAME, m->name);
    cell_int(r, L_PLANNED, m->planned);
    cell_int(r, L_PRESENT, m->present);
    cell_int(r, L_REQUIRED, m->required);
    cell_int(r, L_MINUTES, m->minutes);
    cell_int(r, L_UNPAIRED, m->unmatched);
    cell_text(r, L_RESULT, m->present >= m->required ? _("met") : _("short"));
    return 0;
}

static void print_month_text(const verb_ctx *ctx, const report_args *a, const ar_scope *sc, const month_acc *acc,
                             const rows *leaders)
{
    const char *centre = ctx->config.centre_name;
    if (*centre)
        printf(_("Attendance of %04d-%02d, %s\n"), a->year, a->period, centre);
    else
        printf(_("Attendance of %04d-%02d\n"), a->year, a->period);
    char today[DATE_STR_LEN];
    printf(_("Working days judged up to %s: %d\n"), date_format(sc->today, today), acc->workdays);
    putchar('\n');
    if (acc->people.n == 0)
        printf("%s\n", _("No active clerk."));
    else
        print_table(person_cols, P_COLS, &acc->people);
    print_wrapped(stdout,
                  _("Days: days with a punch. Absent and Leave are in half days; Away30: away 30 to 60 minutes; "
                    "Away60: over an hour; NoCover: left the window without a handoff; Points: deducted, doubled "
                    "from the third breach of a rule in the month."),
                  0, TABLE_WIDTH - 1);
    putchar('\n');
    printf(_("Leaders' on-site days (at least %d a month):"), sc->leader_days_required);
    putchar('\n');
    if (leaders->n == 0)
        printf("%s\n", _("No leader has an on-site day planned this month."));
    else
        print_table(leader_cols, L_COLS, leaders);
}

/* The CSV rows: the month's cells with the judged working days after the name; 0, or -1 out of memory. */
static int print_month_csv(const month_acc *acc)
{
    rows t = {0};
    for (int k = 0; k < acc->people.n; k++) {
        row *r = rows_add(&t);
        if (!r)
            break;
        const row *p = &acc->people.rows[k];
        memcpy(r->cell[0], p->cell[P_STAFF], CELL_LEN);
        memcpy(r->cell[1], p->cell[P_NAME], CELL_LEN);
        cell_int(r, 2, acc->workdays);
        for (int i = P_PRESENT; i < P_COLS; i++)
            memcpy(r->cell[i + 1], p->cell[i], CELL_LEN);
    }
    if (!t.oom)
        print_csv(person_csv, P_COLS + 1, &t);
    free(t.rows);
    return t.oom ? -1 : 0;
}

static int month_report(store *s, const verb_ctx *ctx, const report_args *a, const ar_scope *sc)
{
    char err[STORE_ERR_LEN];
    month_acc acc = {{0}, 0};
    rows leaders = {0};
    int rc = ar_month(s, sc, a->year, a->period, add_person, &acc, err, sizeof err);
    if (rc == 0 && !a->csv)
        rc = ar_leaders(s, sc, a->year, a->period, add_leader, &leaders, err, sizeof err);
    if (rc == 0 && (acc.people.oom || leaders.oom || (a->csv && print_month_csv(&acc) != 0))) {
        snprintf(err, sizeof err, "%s", _("out of memory"));
        rc = -1;
    }
    if (rc != 0)
        fprintf(stderr, _("attendance report: %s\n"), err);
    else if (!a->csv)
        print_month_text(ctx, a, sc, &acc, &leaders);
    free(acc.people.rows);
    free(leaders.rows);
    return rc == 0 ? VERB_OK : VERB_FAIL;
}

/* ---- the quarter ------------------------------------------------------------------------ */

enum { Q_WINDOW, Q_NAME, Q_DEDUCTIONS, Q_ADDITIONS, Q_SCORE, Q_STARS, Q_UNATTENDED, Q_COLS };

static const column quarter_cols[Q_COLS] = {
    {N_("Window"), true, 4},     {N_("Window name"), true, 8}, {N_("Deducted"), false, 0},
    {N_("Added"), false, 0},     {N_("Score"), false, 0},      {N_("Stars"), false, 0},
    {N_("Unattended"), false, 0},
};

static const char *const quarter_csv[Q_COLS] = {"window", "name",  "deductions", "additions",
                                                "score",  "stars", "unattended"};

static void quarter_rows(const ar_window_quarter *w, int n, rows *t)
{
    for (int i = 0; i < n; i++) {
        row *r = rows_add(t);
        if (!r)
            return;
        cell_text(r, Q_WINDOW, w[i].window);
        cell_text(r, Q_NAME, w[i].name);
        score_format(w[i].deductions, r->cell[Q_DEDUCTIONS]);
        score_format(w[i].additions, r->cell[Q_ADDITIONS]);
        score_format(w[i].score, r->cell[Q_SCORE]);
        if (w[i].stars > 0)
            cell_int(r, Q_STARS, w[i].stars);
        else
            snprintf(r->cell[Q_STARS], CELL_LEN, "-");
        cell_int(r, Q_UNATTENDED, w[i].unattended);
    }
}

static int quarter_report(store *s, const verb_ctx *ctx, const report_args *a, const ar_scope *sc)
{
    static ar_window_quarter w[AR_WINDOWS_MAX];
    char err[STORE_ERR_LEN];
    int n = 0;
    rows t = {0};
    if (ar_quarter(s, sc, a->year, a->period, w, AR_WINDOWS_MAX, &n, err, sizeof err) != 0) {
        fprintf(stderr, _("attendance report: %s\n"), err);
        return VERB_FAIL;
    }
    quarter_rows(w, n, &t);
    if (a->csv)
        print_csv(quarter_csv, Q_COLS, &t);
    else {
        const char *centre = ctx->config.centre_name;
        if (*centre)
            printf(_("Window scores of %d Q%d, %s\n"), a->year, a->period, centre);
        else
            printf(_("Window scores of %d Q%d\n"), a->year, a->period);
        putchar('\n');
        if (n == 0)
            printf("%s\n", _("No window."));
        else
            print_table(quarter_cols, Q_COLS, &t);
        print_wrapped(stdout,
                      _("Score = 100 + additions - deductions (additions are not recorded yet); stars: 95 five, "
                        "90 four, 85 three; Unattended: times the window was left without a handoff during "
                        "working hours."),
                      0, TABLE_WIDTH - 1);
    }
    int rc = t.oom ? VERB_FAIL : VERB_OK;
    if (t.oom)
        fprintf(stderr, _("attendance report: %s\n"), _("out of memory"));
    free(t.rows);
    return rc;
}

int verb_attendance_report(verb_ctx *ctx, int argc, char **argv)
{
    static calendar cal;
    report_args a;
    if (parse_report(argc, argv, &a) != 0)
        return VERB_USAGE;
    if (load_calendar(ctx, &cal) != 0)
        return VERB_USAGE;
    desk_set_translator(translate);
    ar_scope sc = {&cal, &ctx->config.hours, ctx->today, ctx->config.leader_days_per_month};
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    int rc = a.quarterly ? quarter_report(s, ctx, &a, &sc) : month_report(s, ctx, &a, &sc);
    store_close(s);
    return rc;
}
