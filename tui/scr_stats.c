/* scr_stats.c - the statistics screen (issue 8): for a period (this month
 * to today at first; [ and ] the month before and after, f types the dates,
 * t back to this month) one row for the centre, then one per window, then
 * one per clerk, with cases received and concluded and the three rates that
 * have targets in seed 000_74f23d5d95790ca2.txt §三 (按时办结率 100%, 现场
 * 办结率 100%, 满意率 at least 98%): the target in the column head, a miss in
 * red with ✗ ("!" where the terminal is not UTF-8).  Under the table the
 * selected row's figures in full, each rate beside its target, and a chart
 * of the period day by day: received cases as bars (block characters), the
 * on-time rate of the cases concluded that day as a row under them.  A clerk
 * sees their own window only (the first row is that window's total); a
 * supervisor every window, and w narrows the screen to one window after
 * another (the windows of the last report of all), then back to all.  The figures are
 * data/stats.h (computed from the events' projections, nothing typed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "data/stats.h"
#include "tui/i18n.h"
#include "tui/supervise.h"
#include "tui/ui_list.h"

#define ST_DETAIL_ROWS 6 /* the selected row's figures, a blank row included */
#define ST_CHART_ROWS 7  /* 4 rows of bars, the on-time row, the day numbers, the legend */
#define ST_BAR_ROWS 4

typedef struct {
    gdate from, to;
    stats_report *r;
    char err[SVT_ERR_LEN];
    bool stale;
    ui_list list;
    char window[9];                          /* a supervisor's narrowing to one window; "" all */
    char codes[STATS_ROWS_MAX][9];           /* the windows of the last report of all windows */
    size_t ncodes;
} stats_scr;

static const km_action stats_hints[] = {KM_FORM_CANCEL, KM_LIST_DOWN, KM_HELP, KM_NONE};

static int nrows(const stats_scr *t)
{
    return t->r ? 1 + (int)t->r->nwindows + (int)t->r->nclerks : 0;
}

/* Row i of the table: the total, the windows, then the clerks. */
static const stats_row *row_at(const stats_scr *t, int i)
{
    if (!t->r)
        return NULL;
    if (i == 0)
        return &t->r->total;
    i--;
    if (i < (int)t->r->nwindows)
        return &t->r->windows[i];
    i -= (int)t->r->nwindows;
    return i < (int)t->r->nclerks ? &t->r->clerks[i] : NULL;
}

/* The window the figures are narrowed to: the clerk's own, the supervisor's choice, or NULL (all). */
static const char *window_of(const stats_scr *t, app *a)
{
    const char *w = svt_scope(a);
    return w ? w : t->window[0] ? t->window : NULL;
}

/* Keep the windows of a report of all windows, for w to go through. */
static void keep_codes(stats_scr *t)
{
    t->ncodes = 0;
    for (size_t i = 0; i < t->r->nwindows && i < STATS_ROWS_MAX; i++)
        if (t->r->windows[i].window[0])
            snprintf(t->codes[t->ncodes++], sizeof t->codes[0], "%s", t->r->windows[i].window);
}

static void reload(stats_scr *t, app *a)
{
    free(t->r);
    t->r = NULL;
    t->err[0] = '\0';
    const char *w = window_of(t, a);
    stats_query q = {t->from, t->to, w, date_cmp(t->to, a->today) < 0 ? t->to : a->today, 0};
    q.unrated_days = a->cfg.unrated_days;
    t->r = stats_compute(a->db, &q, t->err, sizeof t->err);
    if (!t->r && !t->err[0])
        snprintf(t->err, sizeof t->err, "%s", store_errmsg(a->db));
    if (t->r && !w)
        keep_codes(t);
    ui_list_resize(&t->list, nrows(t));
    t->stale = false;
}

/* w (a supervisor): the next window of the last report of all, after the last one all windows again. */
static void next_window(stats_scr *t, app *a)
{
    if (svt_scope(a))
        return;
    if (t->ncodes == 0) {
        app_message(a, ROLE_WARN, "%s", _("No window has figures in this period."));
        t->window[0] = '\0';
        return;
    }
    size_t i = 0;
    if (t->window[0]) {
        while (i < t->ncodes && strcmp(t->codes[i], t->window) != 0)
            i++;
        i++; /* the one after; past the end (or not found): all */
    }
    if (i < t->ncodes)
        snprintf(t->window, sizeof t->window, "%s", t->codes[i]);
    else
        t->window[0] = '\0';
    t->list.sel = 0;
    t->stale = true;
}

static const char *stats_title(screen *s, app *a)
{
    static char title[120];
    stats_scr *t = s->st;
    if (svt_scope(a))
        return _("Statistics of my window");
    if (!t->window[0])
        return _("Statistics");
    snprintf(title, sizeof title, _("Statistics of window %s"), t->window);
    return title;
}

/* A rate as "95.0%" (or "-" with nothing to count), with the miss mark; its role. */
static term_role rate_text(const st_rate *r, char *buf, size_t len)
{
    if (r->den <= 0) {
        snprintf(buf, len, "-");
        return ROLE_DIM;
    }
    snprintf(buf, len, "%s%.1f%%", r->misses ? svt_miss_mark() : "", r->pct);
    return r->misses ? ROLE_ALARM : r->has_target ? ROLE_OK : ROLE_NORMAL;
}

/* A row's label: the total says whose (the centre, or the one window the report is narrowed to). */
static const char *row_label(const stats_report *rep, const stats_row *r, char *buf, size_t len)
{
    if (!r->label[0] && !r->clerk && !r->window[0] && rep->q.window && rep->q.window[0])
        snprintf(buf, len, _("Window %s total"), rep->q.window);
    else if (!r->label[0] && !r->clerk && !r->window[0])
        snprintf(buf, len, "%s", _("Centre total"));
    else
        snprintf(buf, len, "%s%s", r->clerk ? "  " : "", r->label[0] ? r->label : r->window);
    return buf;
}

/* The columns: label, received, concluded, on time, on site, satisfaction, overdue. */
static const int col_x[] = {1, 21, 27, 34, 47, 60, 73};

static void draw_head(int y)
{
    char h[3][80];
    snprintf(h[0], sizeof h[0], _("On time≥%.0f%%"), ST_TARGET_ON_TIME);
    snprintf(h[1], sizeof h[1], _("On site≥%.0f%%"), ST_TARGET_ON_SITE);
    snprintf(h[2], sizeof h[2], _("Satisf.≥%.0f%%"), ST_TARGET_SATISFACTION);
    term_put(y, col_x[0], 19, _("Window / clerk"), ROLE_LABEL);
    term_put(y, col_x[1], 5, _("Recvd"), ROLE_LABEL);
    term_put(y, col_x[2], 6, _("Concl."), ROLE_LABEL);
    term_put(y, col_x[3], 12, h[0], ROLE_LABEL);
    term_put(y, col_x[4], 12, h[1], ROLE_LABEL);
    term_put(y, col_x[5], 12, h[2], ROLE_LABEL);
    term_put(y, col_x[6], COLS - col_x[6], _("Overdue"), ROLE_LABEL);
}

static void draw_row(void *ctx, int i, int y, int cols, bool selected)
{
    stats_scr *t = ctx;
    const stats_row *r = row_at(t, i);
    char buf[120];
    (void)cols;
    if (!r)
        return;
    term_role base = selected ? ROLE_SELECTED : ROLE_NORMAL;
    if (selected)
        term_put_padded(y, 0, COLS, "", ROLE_SELECTED);
    term_put(y, col_x[0], 19, row_label(t->r, r, buf, sizeof buf), i == 0 && !selected ? ROLE_LABEL : base);
    snprintf(buf, sizeof buf, "%d", r->c.received);
    term_put(y, col_x[1], 5, buf, base);
    snprintf(buf, sizeof buf, "%d", r->c.concluded);
    term_put(y, col_x[2], 6, buf, base);
    const st_rate *rates[] = {&r->f.on_time, &r->f.on_site, &r->f.satisfaction};
    for (int k = 0; k < 3; k++) {
        term_role role = rate_text(rates[k], buf, sizeof buf);
        term_put(y, col_x[3 + k], 12, buf, selected && role != ROLE_ALARM ? ROLE_SELECTED : role);
    }
    snprintf(buf, sizeof buf, "%d", r->c.overdue_open);
    term_put(y, col_x[6], COLS - col_x[6], buf, r->c.overdue_open ? ROLE_ALARM : base);
}

/* "name ✗95.0% (19/20), target 100%" (compact: "name ✗95.0% (19/20) ≥100%") into line; its role. */
static term_role rate_line(const char *name, const st_rate *r, bool compact, char *line, size_t len)
{
    char v[40];
    term_role role = rate_text(r, v, sizeof v);
    if (r->has_target)
        snprintf(line, len, compact ? _("%s %s (%d/%d) ≥%.0f%%") : _("%s %s (%d/%d), target %.0f%%"), name, v,
                 r->num, r->den, r->target);
    else
        snprintf(line, len, "%s %s (%d/%d)", name, v, r->num, r->den);
    return role;
}

/* The column of the second figure on a row whose first took w columns from column 1. */
static int second_x(int w)
{
    return w + 4 > COLS / 2 ? w + 4 : COLS / 2;
}

/* Two texts on row y, the second at second_x; each as given, its role. */
static void put_pair(int y, const char *a, term_role ra, const char *b, term_role rb)
{
    int w = term_put(y, 1, COLS - 2, a, ra);
    term_put(y, second_x(w), COLS - 1 - second_x(w), b, rb);
}

/* Two rates on row y, in full when both fit in the width, else in the compact form. */
static void put_rates(int y, const char *n1, const st_rate *r1, const char *n2, const st_rate *r2)
{
    char a[240], b[240];
    term_role ra = ROLE_NORMAL, rb = ROLE_NORMAL;
    for (int compact = 0; compact < 2; compact++) {
        ra = rate_line(n1, r1, compact, a, sizeof a);
        rb = rate_line(n2, r2, compact, b, sizeof b);
        int w = term_width(a);
        if (second_x(w) + term_width(b) <= COLS - 1)
            break;
    }
    put_pair(y, a, ra, b, rb);
}

/* The first of two formats whose text fits in the width (the second, cut, when neither does). */
#define FIT2(line, full, compact, ...)                                                                 \
    do {                                                                                               \
        snprintf(line, sizeof line, full, __VA_ARGS__);                                                \
        if (term_width(line) > COLS - 2)                                                               \
            snprintf(line, sizeof line, compact, __VA_ARGS__);                                         \
    } while (0)

/* The selected row's figures in full: ST_DETAIL_ROWS rows from y. */
static void draw_detail(const stats_report *rep, const stats_row *r, int y)
{
    char line[400], two[400], lab[120];
    const char *name = row_label(rep, r, lab, sizeof lab) + (r->clerk ? 2 : 0);
    FIT2(line, _("%s: received %d, of which immediate %d; accepted %d; concluded %d"),
         _("%s: received %d (immediate %d), accepted %d, concluded %d"), name, r->c.received,
         r->c.immediate_received, r->c.accepted, r->c.concluded);
    term_put(y, 1, COLS - 2, line, ROLE_LABEL);
    put_rates(y + 1, _("On-time rate"), &r->f.on_time, _("On-site rate"), &r->f.on_site);
    put_rates(y + 2, _("Satisfaction"), &r->f.satisfaction, _("Immediate share"), &r->f.immediate_share);
    snprintf(line, sizeof line, _("Overdue %d, %d days in all (longest %d)"), r->c.overdue_open,
             r->c.overdue_days_total, r->c.overdue_days_max);
    snprintf(two, sizeof two, _("Trips %.2f a case, one trip %d/%d"), r->f.trips_average, r->c.one_trip,
             r->c.trips_cases);
    put_pair(y + 3, line, r->c.overdue_open ? ROLE_ALARM : ROLE_NORMAL, two, ROLE_NORMAL);
    snprintf(line, sizeof line, _("Supplement notices %d, one-time rule broken %d"), r->c.supplement_notices,
             r->c.one_time_violations);
    snprintf(two, sizeof two, _("Deferred %d, in time %d/%d"), r->c.deferred, r->c.deferred_in_time,
             r->c.deferred_due);
    put_pair(y + 4, line, r->c.one_time_violations ? ROLE_ALARM : ROLE_NORMAL, two, ROLE_NORMAL);
    const int *e = r->c.evaluations;
    FIT2(line,
         _("Ratings: very satisfied %d, satisfied %d, basically %d, dissatisfied %d, "
           "very dissatisfied %d (unrated counted %d)"),
         _("Ratings: v.sat. %d, sat. %d, basic %d, dissat. %d, v.dissat. %d, unrated %d"), e[ST_VERY_SATISFIED],
         e[ST_SATISFIED], e[ST_BASICALLY_SATISFIED], e[ST_DISSATISFIED], e[ST_VERY_DISSATISFIED],
         r->c.unrated_counted);
    term_put(y + 5, 1, COLS - 2, line, e[ST_DISSATISFIED] + e[ST_VERY_DISSATISFIED] ? ROLE_WARN : ROLE_DIM);
}

/* One bar cell: the glyph of the part of a 1-row cell filled (eighths), "" when empty. */
static const char *bar_cell(int eighths)
{
    static const char *const u[] = {"", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    static const char *const asc[] = {"", ".", ".", "-", "-", "=", "=", "#", "#"};
    if (eighths <= 0)
        return "";
    if (eighths > 8)
        eighths = 8;
    return svt_glyph(u[eighths], asc[eighths]);
}

/* The chart: received a day as bars (ST_BAR_ROWS rows), the on-time rate a day under them, the day
 * numbers, the legend; the last days of the period when it is longer than the width. */
static void draw_chart(const stats_report *r, int y)
{
    int dw = (int)r->ndays * 2 + 8 <= COLS ? 2 : 1, x0 = 6;
    int fit = (COLS - x0 - 1) / dw;
    int first = (int)r->ndays > fit ? (int)r->ndays - fit : 0;
    int max = 1;
    char buf[200];
    for (size_t i = (size_t)first; i < r->ndays; i++)
        if (r->days[i].received > max)
            max = r->days[i].received;
    snprintf(buf, sizeof buf, "%d", max);
    term_put(y, 0, x0 - 1, buf, ROLE_DIM);
    term_put(y + ST_BAR_ROWS, 0, x0 - 1, _("OnT"), ROLE_DIM);
    for (int i = first; i < (int)r->ndays; i++) {
        const stats_day *d = &r->days[i];
        int x = x0 + (i - first) * dw;
        int h = (d->received * ST_BAR_ROWS * 8 + max - 1) / max; /* eighths of the column */
        for (int row = 0; row < ST_BAR_ROWS && h > 0; row++, h -= 8)
            term_put(y + ST_BAR_ROWS - 1 - row, x, 1, bar_cell(h), ROLE_LABEL);
        if (d->concluded > 0) {
            int e = (d->concluded_on_time * 8 + d->concluded - 1) / d->concluded;
            bool miss = d->concluded_on_time < d->concluded;
            term_put(y + ST_BAR_ROWS, x, 1, miss ? svt_miss_mark() : bar_cell(e), miss ? ROLE_ALARM : ROLE_OK);
        } else {
            term_put(y + ST_BAR_ROWS, x, 1, svt_glyph("·", "."), ROLE_DIM);
        }
        if (d->day.d == 1 || d->day.d % 5 == 0 || i == first) {
            snprintf(buf, sizeof buf, "%d", d->day.d);
            if (x + (int)strlen(buf) < COLS)
                term_put(y + ST_BAR_ROWS + 1, x, (int)strlen(buf), buf, ROLE_DIM);
        }
    }
    snprintf(buf, sizeof buf, _("%s received a day   OnT: on-time rate of the day (%s all on time, %s some late)"),
             svt_glyph("█", "#"), svt_glyph("█", "#"), svt_miss_mark());
    term_put(y + ST_BAR_ROWS + 2, 1, COLS - 2, buf, ROLE_DIM);
}

static void stats_draw(screen *s, app *a, int top, int lines)
{
    stats_scr *t = s->st;
    char line[300], f[DATE_STR_LEN], to[DATE_STR_LEN];
    if (t->stale)
        reload(t, a);
    snprintf(line, sizeof line,
             svt_scope(a) ? _("Period %s to %s   [ ] month  f dates  t this month")
                          : _("Period %s to %s   [ ] month  f dates  t this month  w window"),
             date_format(t->from, f), date_format(t->to, to));
    term_put(top, 1, COLS - 2, line, ROLE_LABEL);
    if (!t->r) {
        term_put(top + 2, 1, COLS - 2, svt_err(t->err), ROLE_ALARM);
        return;
    }
    draw_head(top + 1);
    int list_rows = lines - 2 - ST_DETAIL_ROWS - ST_CHART_ROWS - 1;
    if (list_rows < 2)
        list_rows = 2;
    ui_list_draw(&t->list, top + 2, list_rows, COLS, draw_row, t);
    int y = top + 2 + list_rows + 1;
    const stats_row *sel = row_at(t, t->list.sel >= 0 ? t->list.sel : 0);
    if (sel && y + ST_DETAIL_ROWS <= top + lines)
        draw_detail(t->r, sel, y);
    y += ST_DETAIL_ROWS;
    if (y + ST_CHART_ROWS <= top + lines)
        draw_chart(t->r, y);
}

static void this_month(stats_scr *t, app *a)
{
    t->from = (gdate){a->today.y, a->today.m, 1};
    t->to = a->today;
    t->stale = true;
}

static void move_month(stats_scr *t, app *a, int dir)
{
    int y = t->from.y, m = t->from.m + dir;
    if (m < 1) {
        m = 12;
        y--;
    } else if (m > 12) {
        m = 1;
        y++;
    }
    t->from = (gdate){y, m, 1};
    t->to = (gdate){y, m, date_days_in_month(y, m)};
    if (date_cmp(t->to, a->today) > 0 && date_cmp(t->from, a->today) <= 0)
        t->to = a->today;
    t->stale = true;
}

/* f: type the first and the last day. */
static void ask_dates(stats_scr *t, app *a)
{
    char buf[32];
    gdate from, to;
    date_format(t->from, buf);
    if (!app_ask_text(a, _("Statistics"), _("From (YYYY-MM-DD)"), buf, sizeof buf))
        return;
    if (date_parse(buf, &from) != 0) {
        app_message(a, ROLE_ALARM, _("Not a date: %s"), buf);
        return;
    }
    date_format(t->to, buf);
    if (!app_ask_text(a, _("Statistics"), _("To (YYYY-MM-DD)"), buf, sizeof buf))
        return;
    if (date_parse(buf, &to) != 0) {
        app_message(a, ROLE_ALARM, _("Not a date: %s"), buf);
        return;
    }
    if (date_cmp(from, to) > 0 || date_diff_days(from, to) >= STATS_DAYS_MAX) {
        app_message(a, ROLE_ALARM, _("The period must run forward and be at most %d days."), STATS_DAYS_MAX);
        return;
    }
    t->from = from;
    t->to = to;
    t->stale = true;
}

static scr_rc stats_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    stats_scr *t = s->st;
    if (ui_list_action(&t->list, act, 4))
        return SCR_STAY;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC)
        return SCR_CLOSE;
    if (ev->kind == KEYS_TEXT && (act == KM_NONE || act == KM_LIST_PAGE_UP || act == KM_LIST_HOME)) {
        switch (ev->key) {
        case '[': move_month(t, a, -1); return SCR_STAY;
        case ']': move_month(t, a, 1); return SCR_STAY;
        case 't': this_month(t, a); return SCR_STAY;
        case 'f': ask_dates(t, a); return SCR_STAY;
        case 'w': next_window(t, a); return SCR_STAY;
        default: break;
        }
    }
    return act == KM_NONE ? SCR_STAY : SCR_PASS;
}

static void stats_free(screen *s)
{
    stats_scr *t = s->st;
    if (t)
        free(t->r);
    free(t);
    free(s);
}

static const screen_ops stats_ops = {
    "stats", KM_CTX_LIST, false, stats_title, stats_draw, stats_key, NULL, stats_free, stats_hints,
};

screen *scr_stats_new(app *a)
{
    stats_scr *t = calloc(1, sizeof *t);
    screen *s = t ? screen_new(&stats_ops, t) : NULL;
    if (!s) {
        free(t);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    ui_list_init(&t->list, 0);
    this_month(t, a);
    return s;
}
