/* stats_print.c - the statistics of data/stats.h written out: as text that
 * fits 80 columns (Chinese measured as two with core/cwidth: the centre's
 * figures each beside its target from seed 000_74f23d5d95790ca2.txt 二、(一)
 * with "✗" on a miss, then the windows and clerks in three tables, then the
 * per-day chart in block characters), and as CSV in UTF-8 with a BOM (so a
 * spreadsheet reads the Chinese right) with translated headers. */
#include "data/stats.h"

#include <stdint.h>
#include <string.h>

#include "core/cwidth.h"
#include "core/i18n.h"

#define LINE_WIDTH 80
#define CELL_LEN 96
#define TABLE_COLS 9
#define BAR_WIDTH 40
#define MISS_MARK "\xE2\x9C\x97" /* ✗ */

typedef const char *(*tr_fn)(const char *);

static const char *tr_of(tr_fn tr, const char *msgid)
{
    return tr ? tr(msgid) : msgid;
}

/* ---- widths ---------------------------------------------------------------------------- */

/* Decode one UTF-8 sequence at s (n bytes used into *len); U+FFFD for a bad one. */
static uint32_t utf8_next(const unsigned char *s, int *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
    uint32_t cp = n == 4 ? s[0] & 0x07u : n == 3 ? s[0] & 0x0Fu : s[0] & 0x1Fu;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    *len = n;
    return n == 1 ? 0xFFFD : cp;
}

/* Display columns of UTF-8 text (controls count as one). */
static int text_cols(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int len;
        int cw = cwidth(utf8_next(p, &len));
        w += cw < 0 ? 1 : cw;
        p += len;
    }
    return w;
}

/* Print s in exactly `cols` columns, left or right aligned, cut at a character when too wide. */
static void put_cell(FILE *f, const char *s, int cols, bool left)
{
    int w = text_cols(s);
    if (w <= cols) {
        if (!left)
            fprintf(f, "%*s", cols - w, "");
        fputs(s, f);
        if (left)
            fprintf(f, "%*s", cols - w, "");
        return;
    }
    int used = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int len;
        int cw = cwidth(utf8_next(p, &len));
        cw = cw < 0 ? 1 : cw;
        if (used + cw > cols)
            break;
        fwrite(p, 1, (size_t)len, f);
        used += cw;
        p += len;
    }
    fprintf(f, "%*s", cols - used, "");
}

/* ---- cells ------------------------------------------------------------------------------ */

/* x >= 0 rounded down to one decimal (no libm). */
static double tenths_down(double x)
{
    return (double)(long long)(x * 10.0) / 10.0;
}

/* A percentage rounded down to one decimal (99.96 is not shown as 100), "100" exactly, "-" without base. */
static void pct_text(const st_rate *r, char *out, size_t len)
{
    if (r->den <= 0) {
        snprintf(out, len, "-");
        return;
    }
    double p = tenths_down(r->pct);
    if (r->num == r->den)
        snprintf(out, len, "100%%%s", r->misses ? MISS_MARK : "");
    else
        snprintf(out, len, "%.1f%%%s", p, r->misses ? MISS_MARK : "");
}

static void int_text(int n, char *out, size_t len)
{
    snprintf(out, len, "%d", n);
}

/* ---- the centre's figures beside their targets ---------------------------------------- */

/* "label  value (num/den)  target  ✗ below target" on one line. */
static void figure_line(FILE *f, tr_fn tr, const char *label, const st_rate *r)
{
    char v[CELL_LEN], nd[CELL_LEN], target[CELL_LEN];
    pct_text(r, v, sizeof v);
    if (r->misses) /* the mark goes at the end of the line instead */
        v[strlen(v) - strlen(MISS_MARK)] = '\0';
    snprintf(nd, sizeof nd, "(%d/%d)", r->num, r->den);
    target[0] = '\0';
    if (r->has_target)
        snprintf(target, sizeof target, tr_of(tr, N_("target %s%.0f%%")), r->target < 100.0 ? "\xE2\x89\xA5" : "",
                 r->target);
    fputs("  ", f);
    put_cell(f, tr_of(tr, label), 22, true);
    put_cell(f, v, 7, false);
    fputc(' ', f);
    put_cell(f, nd, 13, true);
    put_cell(f, target, 12, true);
    if (r->misses)
        fprintf(f, "%s %s", MISS_MARK, tr_of(tr, N_("below target")));
    fputc('\n', f);
}

/* "label  text" on one line. */
static void count_line(FILE *f, tr_fn tr, const char *label, const char *text)
{
    fputs("  ", f);
    put_cell(f, tr_of(tr, label), 22, true);
    fprintf(f, "%s\n", text);
}

static void centre_block(FILE *f, tr_fn tr, const stats_row *t)
{
    const st_counts *c = &t->c;
    const st_figures *x = &t->f;
    char buf[256];
    snprintf(buf, sizeof buf, tr_of(tr, N_("%d received, %d accepted, %d concluded")), c->received, c->accepted,
             c->concluded);
    count_line(f, tr, N_("Cases"), buf);
    figure_line(f, tr, N_("On-time completion"), &x->on_time);
    figure_line(f, tr, N_("On-site completion"), &x->on_site);
    figure_line(f, tr, N_("Immediate cases"), &x->immediate_share);
    snprintf(buf, sizeof buf, tr_of(tr, N_("%d, %d working days in all, at most %d")), c->overdue_open,
             c->overdue_days_total, c->overdue_days_max);
    count_line(f, tr, N_("Overdue open cases"), buf);
    snprintf(buf, sizeof buf, tr_of(tr, N_("%.2f visits per case")), x->trips_average);
    count_line(f, tr, N_("Trips"), buf);
    figure_line(f, tr, N_("Done in one trip"), &x->one_trip);
    snprintf(buf, sizeof buf, tr_of(tr, N_("%d issued, %d broke the one-time rule")), c->supplement_notices,
             c->one_time_violations);
    count_line(f, tr, N_("Supplement notices"), buf);
    snprintf(buf, sizeof buf, tr_of(tr, N_("%d accepted, %d due, %d completed in time")), c->deferred,
             c->deferred_due, c->deferred_in_time);
    count_line(f, tr, N_("Deferred acceptances"), buf);
    snprintf(buf, sizeof buf, "%d / %d / %d / %d / %d", c->evaluations[0], c->evaluations[1], c->evaluations[2],
             c->evaluations[3], c->evaluations[4]);
    count_line(f, tr, N_("Ratings (best first)"), buf);
    if (c->unrated_counted > 0) {
        snprintf(buf, sizeof buf, tr_of(tr, N_("%d not rated, counted as basically satisfied")),
                 c->unrated_counted);
        count_line(f, tr, N_("Unrated"), buf);
    }
    figure_line(f, tr, N_("Satisfaction"), &x->satisfaction);
}

/* ---- tables of the windows and clerks ------------------------------------------------- */

typedef void (*cells_fn)(const stats_row *r, char cell[TABLE_COLS][CELL_LEN]);

typedef struct {
    const char *title;            /* message id */
    int ncols;                    /* after the name column */
    const char *head[TABLE_COLS]; /* message ids */
    cells_fn cells;
} table_def;

static void cells_cases(const stats_row *r, char cell[TABLE_COLS][CELL_LEN])
{
    int_text(r->c.received, cell[0], CELL_LEN);
    int_text(r->c.accepted, cell[1], CELL_LEN);
    int_text(r->c.concluded, cell[2], CELL_LEN);
    pct_text(&r->f.on_time, cell[3], CELL_LEN);
    pct_text(&r->f.on_site, cell[4], CELL_LEN);
    pct_text(&r->f.immediate_share, cell[5], CELL_LEN);
    int_text(r->c.overdue_open, cell[6], CELL_LEN);
    pct_text(&r->f.one_trip, cell[7], CELL_LEN);
    pct_text(&r->f.satisfaction, cell[8], CELL_LEN);
}

static void cells_process(const stats_row *r, char cell[TABLE_COLS][CELL_LEN])
{
    int_text(r->c.overdue_days_total, cell[0], CELL_LEN);
    int_text(r->c.overdue_days_max, cell[1], CELL_LEN);
    snprintf(cell[2], CELL_LEN, "%.2f", r->f.trips_average);
    int_text(r->c.supplement_notices, cell[3], CELL_LEN);
    int_text(r->c.one_time_violations, cell[4], CELL_LEN);
    int_text(r->c.deferred, cell[5], CELL_LEN);
    pct_text(&r->f.deferred_in_time, cell[6], CELL_LEN);
}

static void cells_ratings(const stats_row *r, char cell[TABLE_COLS][CELL_LEN])
{
    for (int l = 0; l < ST_LEVEL_COUNT; l++)
        int_text(r->c.evaluations[l], cell[l], CELL_LEN);
    int_text(r->c.unrated_counted, cell[5], CELL_LEN);
    pct_text(&r->f.satisfaction, cell[6], CELL_LEN);
}

static const table_def tables[] = {
    {N_("Cases and targets"), 9,
     {N_("recv"), N_("accept"), N_("concl"), N_("on time"), N_("on site"), N_("immed"), N_("overdue"),
      N_("1 trip"), N_("satisf")},
     cells_cases},
    {N_("Delays, trips, notices"), 7,
     {N_("days late"), N_("max late"), N_("trips"), N_("suppl"), N_("1-time!"), N_("defer"), N_("in time")},
     cells_process},
    {N_("Evaluations"), 7,
     {N_("v.sat"), N_("sat"), N_("basic"), N_("dissat"), N_("v.dissat"), N_("unrated"), N_("satisf")},
     cells_ratings},
};

/* The rows of a table: the windows, each followed by its clerks, then the total. */
static void row_name(const stats_report *r, const stats_row *row, tr_fn tr, char *out, size_t len)
{
    if (row == &r->total)
        snprintf(out, len, "%s", tr_of(tr, N_("All windows")));
    else if (row->clerk == 0 && row->label[0] && strcmp(row->label, row->window) == 0)
        snprintf(out, len, "%s", row->window);
    else
        snprintf(out, len, "  %s", row->label[0] ? row->label : tr_of(tr, N_("(no clerk)")));
}

static void table_line(FILE *f, const char *name, int name_cols, const int *w, int ncols,
                       char cell[TABLE_COLS][CELL_LEN])
{
    put_cell(f, name, name_cols, true);
    for (int i = 0; i < ncols; i++) {
        fputc(' ', f);
        put_cell(f, cell[i], w[i], false);
    }
    fputc('\n', f);
}

/* Column widths from the headers and cells; the name column gets what is left of 80 (at least 8). */
static int table_widths(const stats_report *r, const table_def *t, tr_fn tr, int *w)
{
    char cell[TABLE_COLS][CELL_LEN];
    for (int i = 0; i < t->ncols; i++)
        w[i] = text_cols(tr_of(tr, t->head[i]));
    const stats_row *rows[] = {&r->total};
    for (size_t k = 0; k < r->nclerks + r->nwindows + 1; k++) {
        const stats_row *row = k < r->nwindows ? &r->windows[k]
                               : k < r->nwindows + r->nclerks ? &r->clerks[k - r->nwindows]
                                                              : rows[0];
        t->cells(row, cell);
        for (int i = 0; i < t->ncols; i++)
            if (text_cols(cell[i]) > w[i])
                w[i] = text_cols(cell[i]);
    }
    int used = 0;
    for (int i = 0; i < t->ncols; i++)
        used += w[i] + 1;
    int name_cols = LINE_WIDTH - used;
    return name_cols < 8 ? 8 : name_cols > 20 ? 20 : name_cols;
}

static void print_table(FILE *f, const stats_report *r, const table_def *t, tr_fn tr)
{
    int w[TABLE_COLS];
    int name_cols = table_widths(r, t, tr, w);
    char cell[TABLE_COLS][CELL_LEN], name[CELL_LEN];
    fprintf(f, "\n%s\n", tr_of(tr, t->title));
    for (int i = 0; i < t->ncols; i++)
        snprintf(cell[i], CELL_LEN, "%s", tr_of(tr, t->head[i]));
    table_line(f, tr_of(tr, N_("window / clerk")), name_cols, w, t->ncols, cell);
    for (size_t k = 0; k < r->nwindows; k++) {
        const stats_row *win = &r->windows[k];
        row_name(r, win, tr, name, sizeof name);
        t->cells(win, cell);
        table_line(f, name, name_cols, w, t->ncols, cell);
        for (size_t c = 0; c < r->nclerks; c++) {
            if (strcmp(r->clerks[c].window, win->window) != 0)
                continue;
            row_name(r, &r->clerks[c], tr, name, sizeof name);
            t->cells(&r->clerks[c], cell);
            table_line(f, name, name_cols, w, t->ncols, cell);
        }
    }
    row_name(r, &r->total, tr, name, sizeof name);
    t->cells(&r->total, cell);
    table_line(f, name, name_cols, w, t->ncols, cell);
}

/* ---- the per-day chart -------------------------------------------------------------------- */

/* A bar of n / max of BAR_WIDTH columns in eighths (█ ▉ ▊ ▋ ▌ ▍ ▎ ▏). */
static void put_bar(FILE *f, int n, int max)
{
    static const char *const eighth[8] = {"", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D",
                                          "\xE2\x96\x8C", "\xE2\x96\x8B", "\xE2\x96\x8A", "\xE2\x96\x89"};
    int units = max > 0 ? (int)((long)n * BAR_WIDTH * 8 / max) : 0;
    if (n > 0 && units == 0)
        units = 1;
    int cols = 0;
    for (; units >= 8; units -= 8, cols++)
        fputs("\xE2\x96\x88", f);
    if (units > 0) {
        fputs(eighth[units], f);
        cols++;
    }
    fprintf(f, "%*s", BAR_WIDTH - cols, "");
}

static void print_days(FILE *f, const stats_report *r, tr_fn tr)
{
    int max = 0;
    for (size_t i = 0; i < r->ndays; i++)
        if (r->days[i].received > max)
            max = r->days[i].received;
    fprintf(f, "\n%s\n", tr_of(tr, N_("Per day: cases received (bar) and on-time rate of those concluded")));
    for (size_t i = 0; i < r->ndays && date_cmp(r->days[i].day, r->q.today) <= 0; i++) {
        const stats_day *d = &r->days[i];
        char day[DATE_STR_LEN], rate[CELL_LEN];
        date_format(d->day, day);
        st_rate on_time = {d->concluded_on_time, d->concluded, 0.0, true, ST_TARGET_ON_TIME, false};
        if (d->concluded > 0) {
            on_time.pct = 100.0 * d->concluded_on_time / d->concluded;
            on_time.misses = on_time.pct < ST_TARGET_ON_TIME;
        }
        pct_text(&on_time, rate, sizeof rate);
        fprintf(f, "%s %4d ", day + 5, d->received);
        put_bar(f, d->received, max);
        fprintf(f, " %3d ", d->concluded);
        put_cell(f, rate, 8, false);
        fputc('\n', f);
    }
}

void stats_print(const stats_report *r, FILE *f, const char *(*tr)(const char *))
{
    char from[DATE_STR_LEN], to[DATE_STR_LEN], today[DATE_STR_LEN];
    fprintf(f, tr_of(tr, N_("Statistics %s to %s (open cases as of %s)")), date_format(r->q.from, from),
            date_format(r->q.to, to), date_format(r->q.today, today));
    fputc('\n', f);
    if (r->q.window && *r->q.window)
    {
        fprintf(f, tr_of(tr, N_("Window %s only")), r->q.window);
        fputc('\n', f);
    }
    centre_block(f, tr, &r->total);
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        print_table(f, r, &tables[i], tr);
    print_days(f, r, tr);
}

/* ---- CSV ------------------------------------------------------------------------------------ */

/* One field, quoted when it holds a comma, a quote or a line break. */
static void csv_field(FILE *f, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

static void csv_int(FILE *f, int n)
{
    fprintf(f, "%d,", n);
}

/* A rate as three fields: percent (one decimal, "" without base), target ("" without), "✗" on a miss. */
static void csv_rate(FILE *f, const st_rate *r, bool with_target, bool last)
{
    if (r->den > 0)
        fprintf(f, "%.1f", tenths_down(r->pct));
    if (!with_target) {
        fputs(last ? "\r\n" : ",", f);
        return;
    }
    fputc(',', f);
    if (r->has_target)
        fprintf(f, "%.0f", r->target);
    fputc(',', f);
    fputs(r->misses ? MISS_MARK : "", f);
    fputs(last ? "\r\n" : ",", f);
}

static const char *const csv_heads[] = {
    N_("level"), N_("window"), N_("clerk"), N_("received"), N_("immediate received"), N_("accepted"),
    N_("concluded"), N_("concluded with a due date"), N_("concluded on time"), N_("on-time rate %"),
    N_("target %"), N_("miss"), N_("immediate concluded"), N_("concluded at the first visit"),
    N_("on-site rate %"), N_("target %"), N_("miss"), N_("immediate share %"), N_("overdue open"),
    N_("working days overdue"), N_("most days overdue"), N_("trips per case"), N_("one trip"),
    N_("one-trip share %"), N_("supplement notices"), N_("one-time violations"), N_("deferred"),
    N_("deferred due"), N_("deferred in time"), N_("very satisfied"), N_("satisfied"), N_("basically satisfied"),
    N_("dissatisfied"), N_("very dissatisfied"), N_("unrated counted"), N_("evaluated"),
    N_("satisfaction %"), N_("target %"), N_("miss"),
};

static void csv_row(FILE *f, const char *level, const stats_row *r, tr_fn tr)
{
    const st_counts *c = &r->c;
    const st_figures *x = &r->f;
    csv_field(f, tr_of(tr, level), false);
    csv_field(f, r->window, false);
    csv_field(f, r->clerk ? r->label : "", false);
    csv_int(f, c->received);
    csv_int(f, c->immediate_received);
    csv_int(f, c->accepted);
    csv_int(f, c->concluded);
    csv_int(f, c->concluded_with_due);
    csv_int(f, c->concluded_on_time);
    csv_rate(f, &x->on_time, true, false);
    csv_int(f, c->immediate_concluded);
    csv_int(f, c->immediate_first_visit);
    csv_rate(f, &x->on_site, true, false);
    csv_rate(f, &x->immediate_share, false, false);
    csv_int(f, c->overdue_open);
    csv_int(f, c->overdue_days_total);
    csv_int(f, c->overdue_days_max);
    fprintf(f, "%.2f,", x->trips_average);
    csv_int(f, c->one_trip);
    csv_rate(f, &x->one_trip, false, false);
    csv_int(f, c->supplement_notices);
    csv_int(f, c->one_time_violations);
    csv_int(f, c->deferred);
    csv_int(f, c->deferred_due);
    csv_int(f, c->deferred_in_time);
    for (int l = 0; l < ST_LEVEL_COUNT; l++)
        csv_int(f, c->evaluations[l]);
    csv_int(f, c->unrated_counted);
    csv_int(f, x->evaluated);
    csv_rate(f, &x->satisfaction, true, true);
}

void stats_print_csv(const stats_report *r, FILE *f, const char *(*tr)(const char *))
{
    const size_t nheads = sizeof csv_heads / sizeof csv_heads[0];
    fputs("\xEF\xBB\xBF", f);
    for (size_t i = 0; i < nheads; i++)
        csv_field(f, tr_of(tr, csv_heads[i]), i + 1 == nheads);
    for (size_t k = 0; k < r->nwindows; k++) {
        csv_row(f, N_("window"), &r->windows[k], tr);
        for (size_t c = 0; c < r->nclerks; c++)
            if (strcmp(r->clerks[c].window, r->windows[k].window) == 0)
                csv_row(f, N_("clerk"), &r->clerks[c], tr);
    }
    csv_row(f, N_("All windows"), &r->total, tr);
    fputs("\r\n", f);
    csv_field(f, tr_of(tr, N_("date")), false);
    csv_field(f, tr_of(tr, N_("received")), false);
    csv_field(f, tr_of(tr, N_("concluded with a due date")), false);
    csv_field(f, tr_of(tr, N_("concluded on time")), true);
    for (size_t i = 0; i < r->ndays; i++) {
        char day[DATE_STR_LEN];
        fprintf(f, "%s,%d,%d,%d\r\n", date_format(r->days[i].day, day), r->days[i].received, r->days[i].concluded,
                r->days[i].concluded_on_time);
    }
}
