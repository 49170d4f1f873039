/* scr_attreport.c - the attendance reports on screen, three views switched
 * with Tab or 1/2/3 ([ and ] move to the day, month or quarter before and
 * after; t back to today):
 *   1 the day of a window: who was on duty when (data/duty.h duty_spells), one
 *     row per person (the A and B posts, anyone who covered) and a row for the
 *     time nobody was there, across the working hours scaled to the width:
 *     █ on duty, ░ the A post away from the front post, ▒ unattended, · the
 *     lunch break; the characters carry the meaning without colour (ASCII
 *     # - = . where the terminal is not UTF-8).  w shows another window.
 *   2 the month sheet (data/attreport.h ar_month): one line a person with days
 *     present, late, early, absent and leave half days, away 30/60, windows
 *     left unattended, points deducted and punctuality; Enter shows a person's
 *     month: a bar chart of each day (ar_day_kind), the deductions per kind
 *     with the doubled ones, and their on-site days if they are a leader.
 *     Under the sheet, the leaders' on-site days against the required number.
 *   3 the quarter: each window's deductions, score and star level.
 * A clerk sees only their own line and their own window; a supervisor sees all.
 *
 * Rules (computed in core/, shown here): seed 003 第五章 (迟到/早退 0.5, 旷工 1
 * per half day, 擅自离岗 30 minutes 0.5 and over an hour 1, 未做好交接 0.5, 未办
 * 请销假 0.5, (十五) the third breach of a rule in a month and later count
 * double), seed 003 第二章 (quarter score = 100 + additions - deductions),
 * seed 000 §三(二) (≥95 five stars, ≥90 four, ≥85 three), seed 001 篇一
 * (leaders' on-site days, signed at each entry and exit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "data/attreport.h"
#include "data/roster.h"
#include "tui/attendance.h"
#include "tui/i18n.h"
#include "tui/ui_list.h"

#define REP_PEOPLE 200
#define REP_LEADERS 32
#define REP_WINDOWS 64
#define REP_TL_ROWS 8      /* people rows of the timeline */

typedef enum { V_DAY = 0, V_MONTH, V_QUARTER, V_COUNT } rep_view;

typedef struct {
    rep_view view;
    bool detail;                     /* the month of one person */
    bool stale;                      /* read the data again before drawing */
    gdate day;                       /* timeline */
    int year, month;                 /* month sheet */
    int qyear, quarter;
    char window[WINDOW_CODE_BUF];    /* timeline's window */
    window_rec *windows;
    int nwindows;
    duty_spell spells[DUTY_SPELLS_MAX];
    int nspells;
    roster_line roster;
    bool rostered;
    ar_person_month *people;
    int npeople;
    ui_list plist;
    ar_leader_month leaders[REP_LEADERS];
    int nleaders;
    ar_person_month one;             /* the detail */
    ar_window_quarter wq[AR_WINDOWS_MAX];
    int nwq;
    char err[ATT_ERR_LEN];
} rep;

static const km_action rep_hints[] = {KM_HELP, KM_FORM_CANCEL, KM_NONE};

static ar_scope scope_of(app *a)
{
    ar_scope sc = {a->cal, att_hours(a), a->today,
                   a->cfg.leader_days_per_month > 0 ? a->cfg.leader_days_per_month : 1};
    return sc;
}

/* The glyph of a meaning: block characters in UTF-8, ASCII otherwise. */
static const char *glyph(const char *utf8, const char *ascii)
{
    return att_utf8() ? utf8 : ascii;
}

/* ---- loading -------------------------------------------------------------------------- */

static int add_window(const window_rec *w, void *ctx)
{
    rep *r = ctx;
    if (r->nwindows < REP_WINDOWS)
        r->windows[r->nwindows++] = *w;
    return 0;
}

typedef struct {
    rep *r;
    staff_id only;   /* 0: everybody */
} collect_ctx;

static int add_person(const ar_person_month *m, void *ctx)
{
    collect_ctx *c = ctx;
    if ((c->only == 0 || m->num == c->only) && c->r->npeople < REP_PEOPLE)
        c->r->people[c->r->npeople++] = *m;
    return 0;
}

static int add_leader(const ar_leader_month *m, void *ctx)
{
    collect_ctx *c = ctx;
    if ((c->only == 0 || m->num == c->only) && c->r->nleaders < REP_LEADERS)
        c->r->leaders[c->r->nleaders++] = *m;
    return 0;
}

static staff_id me(app *a)
{
    app_session *se = app_session_now(a);
    return se ? se->staff.num : 0;
}

static void load_day(rep *r, app *a)
{
    char day[DATE_STR_LEN], err[ATT_ERR_LEN];
    r->nspells = 0;
    r->rostered = roster_for(a->db, date_format(r->day, day), r->window, &r->roster, err, sizeof err) == STAFF_OK;
    if (duty_spells(a->db, r->window, r->day, r->spells, DUTY_SPELLS_MAX, &r->nspells, r->err, sizeof r->err) != 0)
        r->nspells = 0;
}

static void load_month(rep *r, app *a)
{
    ar_scope sc = scope_of(a);
    collect_ctx c = {r, att_is_supervisor(a) ? 0 : me(a)};
    r->npeople = r->nleaders = 0;
    if (c.only) {
        if (ar_person(a->db, &sc, c.only, r->year, r->month, &r->people[0], r->err, sizeof r->err) == 0)
            r->npeople = 1;
    } else if (ar_month(a->db, &sc, r->year, r->month, add_person, &c, r->err, sizeof r->err) != 0) {
        r->npeople = 0;
    }
    if (!r->err[0] && ar_leaders(a->db, &sc, r->year, r->month, add_leader, &c, r->err, sizeof r->err) != 0)
        r->nleaders = 0;
    ui_list_resize(&r->plist, r->npeople);
}

/* The window a clerk may see in the quarter: the session's. */
static void load_quarter(rep *r, app *a)
{
    ar_scope sc = scope_of(a);
    r->nwq = 0;
    if (ar_quarter(a->db, &sc, r->qyear, r->quarter, r->wq, AR_WINDOWS_MAX, &r->nwq, r->err, sizeof r->err) != 0) {
        r->nwq = 0;
        return;
    }
    if (!att_is_supervisor(a)) {
        app_session *se = app_session_now(a);
        int k = 0;
        for (int i = 0; i < r->nwq; i++)
            if (se && strcmp(r->wq[i].window, se->window) == 0)
                r->wq[k++] = r->wq[i];
        r->nwq = k;
    }
}

static void reload(rep *r, app *a)
{
    r->err[0] = '\0';
    r->stale = false;
    switch (r->view) {
    case V_DAY: load_day(r, a); break;
    case V_MONTH: load_month(r, a); break;
    case V_QUARTER: load_quarter(r, a); break;
    case V_COUNT: break;
    }
}

/* ---- drawing: tabs -------------------------------------------------------------------- */

static const char *rep_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Attendance reports");
}

static void draw_tabs(rep *r, int y)
{
    const char *names[V_COUNT] = {_("Day timeline"), _("Month sheet"), _("Quarter score")};
    int x = 0;
    for (int v = 0; v < V_COUNT; v++) {
        char t[120];
        snprintf(t, sizeof t, " %d %s ", v + 1, names[v]);
        int w = term_width(t);
        term_put_padded(y, x, w, t, (rep_view)v == r->view ? ROLE_SELECTED : ROLE_NORMAL);
        x += w + 1;
    }
    term_put(y, x + 1, COLS - x - 2, _("[ ] prev/next  t today"), ROLE_DIM);
}

/* ---- drawing: the day timeline -------------------------------------------------------- */

typedef struct {
    staff_id num;
    char label[STAFF_NAME_BUF + 8];
    bool front;    /* the A post: away when someone else holds the window */
} tl_row;

/* The people of the timeline: A, B, then whoever else was on duty. */
static int timeline_rows(rep *r, app *a, tl_row *rows, int max)
{
    int n = 0;
    if (r->rostered) {
        rows[n].num = r->roster.a.num;
        snprintf(rows[n].label, sizeof rows[n].label, "A %s", r->roster.a.name);
        rows[n++].front = true;
        rows[n].num = r->roster.b.num;
        snprintf(rows[n].label, sizeof rows[n].label, "B %s", r->roster.b.name);
        rows[n++].front = false;
    }
    for (int i = 0; i < r->nspells && n < max; i++) {
        staff_id w = r->spells[i].who;
        bool seen = w == 0;
        for (int k = 0; k < n && !seen; k++)
            seen = rows[k].num == w;
        if (seen)
            continue;
        staff_rec rec;
        char err[ATT_ERR_LEN];
        rows[n].num = w;
        rows[n].front = false;
        if (staff_get_num(a->db, w, &rec, err, sizeof err) == STAFF_OK)
            snprintf(rows[n].label, sizeof rows[n].label, "  %s", rec.name);
        else
            snprintf(rows[n].label, sizeof rows[n].label, "  #%d", (int)w);
        n++;
    }
    return n;
}

/* The spell running at minute t (end -1: still running up to `now`), or NULL. */
static const duty_spell *spell_at(const rep *r, int t, int now)
{
    for (int i = 0; i < r->nspells; i++) {
        const duty_spell *s = &r->spells[i];
        int end = s->end >= 0 ? s->end : now;
        if (t >= s->start && t < end)
            return s;
    }
    return NULL;
}

typedef struct {
    int x0, width, start, span, now;
    sched_day sd;
} tl_geom;

static int tl_minute(const tl_geom *g, int col)
{
    return g->start + (int)(((long)col * 2 + 1) * g->span / (2L * g->width)); /* the column's middle */
}

static bool in_lunch(const tl_geom *g, int t)
{
    return t >= g->sd.session[SCHED_MORNING].end && t < g->sd.session[SCHED_AFTERNOON].start;
}

/* One row of cells: a person (num != 0) or, num 0, the unattended row. */
static void draw_cells(const rep *r, const tl_geom *g, int y, const tl_row *row)
{
    for (int c = 0; c < g->width; c++) {
        int t = tl_minute(g, c);
        const char *ch = " ";
        term_role role = ROLE_NORMAL;
        const duty_spell *s = t < g->now ? spell_at(r, t, g->now) : NULL;
        if (in_lunch(g, t) && !(s && (s->who || s->unattended))) {
            ch = glyph("·", ".");
            role = ROLE_DIM;
        } else if (!s) {
            ch = " ";
        } else if (!row) {
            if (s->unattended) {
                ch = glyph("▒", "=");
                role = ROLE_ALARM;
            }
        } else if (s->who == row->num && row->num) {
            ch = glyph("█", "#");
            role = ROLE_OK;
        } else if (row->front && (s->who || s->unattended)) {
            ch = glyph("░", "-");
            role = ROLE_WARN;
        }
        term_put(y, g->x0 + c, 1, ch, role);
    }
}

/* Hour numbers above their columns ("8  9  10 ..."), never overlapping. */
static void draw_scale(const tl_geom *g, int y)
{
    int last_end = -1;
    for (int h = (g->start + 59) / 60; h * 60 <= g->start + g->span; h++) {
        int c = (int)((long)(h * 60 - g->start) * g->width / g->span);
        char t[16];
        snprintf(t, sizeof t, "%d", h);
        int x = g->x0 + c;
        if (x <= last_end || x + (int)strlen(t) > g->x0 + g->width + 1)
            continue;
        term_put(y, x, (int)strlen(t), t, ROLE_DIM);
        last_end = x + (int)strlen(t);
    }
}

/* The spells as text, two to a row, under the chart. */
static void draw_spell_text(rep *r, app *a, const tl_row *rows, int nrows, int y, int max_rows, int now)
{
    int col = 0, row = 0, half = (COLS - 2) / 2;
    for (int i = 0; i < r->nspells && row < max_rows; i++) {
        const duty_spell *s = &r->spells[i];
        if (!s->who && !s->unattended)
            continue;
        char h1[SCHED_HHMM_LEN], h2[SCHED_HHMM_LEN], line[200];
        const char *who = _("unattended");
        for (int k = 0; k < nrows; k++)
            if (s->who && rows[k].num == s->who)
                who = rows[k].label + 2;
        if (s->end >= 0)
            snprintf(line, sizeof line, "%s-%s %s", sched_format_hhmm(s->start, h1), sched_format_hhmm(s->end, h2),
                     who);
        else if (now < SCHED_MINUTES_PER_DAY)
            snprintf(line, sizeof line, _("%s- (now %s) %s"), sched_format_hhmm(s->start, h1),
                     sched_format_hhmm(now, h2), who);
        else
            snprintf(line, sizeof line, _("%s- (never closed) %s"), sched_format_hhmm(s->start, h1), who);
        term_put(y + row, 1 + col * half, half - 1, line, s->unattended ? ROLE_ALARM : ROLE_NORMAL);
        if (++col == 2) {
            col = 0;
            row++;
        }
    }
    (void)a;
}

static void draw_day(rep *r, app *a, int top, int lines)
{
    char line[300], day[DATE_STR_LEN];
    tl_geom g;
    memset(&g, 0, sizeof g);
    g.sd = att_sched(a, r->day);
    int cmp = date_cmp(r->day, a->today);
    g.now = cmp < 0 ? SCHED_MINUTES_PER_DAY : cmp > 0 ? 0 : att_ctx(a).minute;
    g.start = g.sd.session[SCHED_MORNING].start / 60 * 60;
    int end = (g.sd.session[SCHED_AFTERNOON].end + 59) / 60 * 60;
    g.span = end > g.start ? end - g.start : 60;
    int label_w = 14;
    g.x0 = label_w + 1;
    g.width = COLS - g.x0 - 2;
    snprintf(line, sizeof line, _("Window %s on %s (%s)   w: another window"), r->window, date_format(r->day, day),
             g.sd.workday ? _("working day") : _("not a working day"));
    term_put(top, 1, COLS - 2, line, ROLE_LABEL);
    if (r->err[0]) {
        term_put_wrapped(top + 2, 1, COLS - 2, 3, r->err, ROLE_ALARM);
        return;
    }
    tl_row rows[REP_TL_ROWS];
    int n = timeline_rows(r, a, rows, REP_TL_ROWS);
    int y = top + 1;
    draw_scale(&g, y++);
    for (int i = 0; i < n; i++, y++) {
        term_put(y, 1, label_w - 1, rows[i].label, ROLE_NORMAL);
        draw_cells(r, &g, y, &rows[i]);
    }
    term_put(y, 1, label_w - 1, _("unattended"), ROLE_ALARM);
    draw_cells(r, &g, y++, NULL);
    snprintf(line, sizeof line, _("%s on duty   %s A away from the front post   %s unattended   %s lunch break"),
             glyph("█", "#"), glyph("░", "-"), glyph("▒", "="), glyph("·", "."));
    term_put(y++, 1, COLS - 2, line, ROLE_DIM);
    if (r->nspells == 0) {
        term_put(y + 1, 3, COLS - 4, _("No duty recorded at this window that day."), ROLE_DIM);
        return;
    }
    draw_spell_text(r, a, rows, n, y + 1, top + lines - y - 1, g.now);
}

/* ---- drawing: the month sheet --------------------------------------------------------- */

enum { C_PRESENT, C_LATE, C_EARLY, C_ABSENT, C_LEAVE, C_AWAY30, C_AWAY60, C_UNATT, C_POINTS, C_PUNCT, C_COUNT };

static const char *col_head(int c)
{
    switch (c) {
    case C_PRESENT: return _("Worked");
    case C_LATE: return _("Late");
    case C_EARLY: return _("Early");
    case C_ABSENT: return _("Absent");
    case C_LEAVE: return _("On leave");
    case C_AWAY30: return _("Away30");
    case C_AWAY60: return _("Away60");
    case C_UNATT: return _("Unatt.");
    case C_POINTS: return _("Points");
    case C_PUNCT: return _("Punct.");
    }
    return "";
}

static char *col_value(const ar_person_month *m, int c, char *buf, size_t len)
{
    char sc[SCORE_STR_LEN];
    switch (c) {
    case C_PRESENT: snprintf(buf, len, "%d/%d", m->present_days, m->workdays); break;
    case C_LATE: snprintf(buf, len, "%d", m->late); break;
    case C_EARLY: snprintf(buf, len, "%d", m->early); break;
    case C_ABSENT: snprintf(buf, len, "%d", m->absent_half_days); break;
    case C_LEAVE: snprintf(buf, len, "%d", m->leave_half_days); break;
    case C_AWAY30: snprintf(buf, len, "%d", m->away_30); break;
    case C_AWAY60: snprintf(buf, len, "%d", m->away_60); break;
    case C_UNATT: snprintf(buf, len, "%d", m->unattended); break;
    case C_POINTS: snprintf(buf, len, "%s", m->score.total ? score_format(m->score.total, sc) : "0"); break;
    case C_PUNCT:
        if (m->punctual_pct < 0)
            snprintf(buf, len, "-");
        else
            snprintf(buf, len, "%d%%", m->punctual_pct);
        break;
    default: buf[0] = '\0';
    }
    return buf;
}

typedef struct {
    rep *r;
    int name_w;
    int w[C_COUNT];
    int x[C_COUNT];
} sheet_layout;

/* Column widths from the headers and values; the name takes what is left (at least 6). */
static sheet_layout sheet_of(rep *r)
{
    sheet_layout L;
    memset(&L, 0, sizeof L);
    L.r = r;
    int total = 0;
    for (int c = 0; c < C_COUNT; c++) {
        L.w[c] = term_width(col_head(c));
        for (int i = 0; i < r->npeople; i++) {
            char v[32];
            int w = term_width(col_value(&r->people[i], c, v, sizeof v));
            L.w[c] = w > L.w[c] ? w : L.w[c];
        }
        total += L.w[c];
    }
    int gap = COLS - 2 - total - 8 >= 2 * C_COUNT ? 2 : 1; /* the name keeps at least 8 columns */
    L.name_w = COLS - 2 - total - gap * C_COUNT;
    if (L.name_w > 12)
        L.name_w = 12;
    int x = 1 + L.name_w;
    for (int c = 0; c < C_COUNT; c++) {
        x += gap;
        L.x[c] = x;
        x += L.w[c];
    }
    return L;
}

static void sheet_row(void *ctx, int i, int y, int cols, bool selected)
{
    sheet_layout *L = ctx;
    const ar_person_month *m = &L->r->people[i];
    term_role base = selected ? ROLE_SELECTED : ROLE_NORMAL;
    term_put_padded(y, 0, cols, "", base);
    term_put(y, 1, L->name_w, m->name, base);
    for (int c = 0; c < C_COUNT; c++) {
        char v[32];
        col_value(m, c, v, sizeof v);
        int w = term_width(v);
        term_role role = base;
        if (!selected && c == C_POINTS && m->score.total > 0)
            role = ROLE_ALARM;
        else if (!selected && strcmp(v, "0") == 0)
            role = ROLE_DIM;
        term_put(y, L->x[c] + L->w[c] - w, w, v, role); /* numbers to the right */
    }
}

static void draw_leaders(rep *r, int y, int rows)
{
    if (r->nleaders == 0 || rows < 2)
        return;
    char line[300];
    snprintf(line, sizeof line, _("Leaders' on-site days (at least %d a month):"), r->leaders[0].required);
    term_put(y, 1, COLS - 2, line, ROLE_LABEL);
    for (int i = 0; i < r->nleaders && i + 1 < rows; i++) {
        const ar_leader_month *l = &r->leaders[i];
        snprintf(line, sizeof line, _("%s: planned %d, present %d, %d minutes%s%s"), l->name, l->planned, l->present,
                 l->minutes, l->present < l->required ? _(", fewer than required") : "",
                 l->unmatched ? _(", unpaired entries or exits") : "");
        term_put(y + 1 + i, 3, COLS - 4, line, l->present < l->required ? ROLE_WARN : ROLE_NORMAL);
    }
}

static void draw_month(rep *r, app *a, int top, int lines)
{
    char line[300];
    (void)a;
    snprintf(line, sizeof line, _("Month %04d-%02d   Enter: the person's days and deductions"), r->year, r->month);
    term_put(top, 1, COLS - 2, line, ROLE_LABEL);
    if (r->err[0]) {
        term_put_wrapped(top + 2, 1, COLS - 2, 3, r->err, ROLE_ALARM);
        return;
    }
    sheet_layout L = sheet_of(r);
    int y = top + 1;
    term_put_padded(y, 0, COLS, "", ROLE_LABEL);
    term_put(y, 1, L.name_w, _("Name"), ROLE_LABEL);
    for (int c = 0; c < C_COUNT; c++) {
        int w = term_width(col_head(c));
        term_put(y, L.x[c] + L.w[c] - w, w, col_head(c), ROLE_LABEL);
    }
    term_put(y + 1, 1, COLS - 2, _("Absent, leave: half days.  Away30/60: minutes off post.  Points: doubling incl."),
             ROLE_DIM);
    int lead_rows = r->nleaders ? (r->nleaders + 1 < 5 ? r->nleaders + 1 : 5) : 0;
    int rows = lines - 3 - (lead_rows ? lead_rows + 1 : 0);
    if (r->npeople == 0)
        term_put(y + 2, 3, COLS - 4, _("Nobody to show for this month."), ROLE_DIM);
    else
        ui_list_draw(&r->plist, y + 2, rows < 1 ? 1 : rows, COLS, sheet_row, &L);
    draw_leaders(r, top + lines - lead_rows, lead_rows);
}

/* ---- drawing: one person's month -------------------------------------------------------- */

typedef struct {
    int height;
    const char *ch;
    term_role role;
} bar_look;

static bar_look look_of(ar_day_kind k)
{
    bar_look b = {0, " ", ROLE_NORMAL};
    switch (k) {
    case AR_DAY_ON_TIME: b = (bar_look){4, glyph("█", "#"), ROLE_OK}; break;
    case AR_DAY_LATE_EARLY: b = (bar_look){2, glyph("▓", "+"), ROLE_WARN}; break;
    case AR_DAY_ABSENT: b = (bar_look){1, "X", ROLE_ALARM}; break;
    case AR_DAY_LEAVE: b = (bar_look){1, glyph("░", "~"), ROLE_NORMAL}; break;
    case AR_DAY_REVIEW: b = (bar_look){1, "?", ROLE_WARN}; break;
    case AR_DAY_OFF: b = (bar_look){1, glyph("·", "."), ROLE_DIM}; break;
    case AR_DAY_FUTURE:    /* not judged yet */
    case AR_DAY_NO_RECORD: /* before the store's first punch: not judged */
        break;
    }
    return b;
}

/* The bar chart: one column a day, 4 rows high, day numbers under it; the rows used. */
static int draw_bars(const ar_person_month *m, int year, int month, int y)
{
    int days = date_days_in_month(year, month);
    int dw = days * 2 + 4 <= COLS ? 2 : 1;
    int x0 = 2;
    for (int d = 0; d < days; d++) {
        bar_look b = look_of(m->day[d]);
        for (int h = 0; h < b.height; h++)
            term_put(y + 3 - h, x0 + d * dw, 1, b.ch, b.role);
    }
    int last_end = -1;
    for (int d = 1; d <= days; d++) {
        if (d != 1 && d % 5 != 0)
            continue;
        char t[4];
        snprintf(t, sizeof t, "%d", d);
        int x = x0 + (d - 1) * dw;
        if (x > last_end) {
            term_put(y + 4, x, (int)strlen(t), t, ROLE_DIM);
            last_end = x + (int)strlen(t);
        }
    }
    char legend[300];
    snprintf(legend, sizeof legend, _("%s on time  %s late/early  X absent  %s leave  ? to check  %s day off"),
             glyph("█", "#"), glyph("▓", "+"), glyph("░", "~"), glyph("·", "."));
    term_put(y + 5, 1, COLS - 2, legend, ROLE_DIM);
    return 6;
}

/* The deductions per kind, two to a row when they fit (else one); the rows used. */
static int draw_deductions(const ar_person_month *m, int y, int max_rows)
{
    char line[VIOL_KINDS][200], pts[SCORE_STR_LEN], tot[SCORE_STR_LEN], head[200];
    int kinds[VIOL_KINDS], n = 0, widest = 0;
    snprintf(head, sizeof head, _("Deductions this month: %s points"), score_format(m->score.total, tot));
    term_put(y, 1, COLS - 2, head, m->score.total ? ROLE_ALARM : ROLE_OK);
    for (int k = 0; k < VIOL_KINDS; k++) {
        if (!m->score.count[k])
            continue;
        if (m->score.doubled[k])
            snprintf(line[n], sizeof line[n], _("%s %d (%d doubled): %s"), _(viol_name((viol_kind)k)),
                     m->score.count[k], m->score.doubled[k], score_format(m->score.points[k], pts));
        else
            snprintf(line[n], sizeof line[n], _("%s %d: %s"), _(viol_name((viol_kind)k)), m->score.count[k],
                     score_format(m->score.points[k], pts));
        int w = term_width(line[n]);
        widest = w > widest ? w : widest;
        kinds[n++] = k;
    }
    int per_row = widest <= (COLS - 4) / 2 - 2 ? 2 : 1, cw = (COLS - 4) / per_row;
    int rows = 1;
    for (int i = 0; i < n && rows < max_rows; i++) {
        term_put(y + rows, 3 + (i % per_row) * cw, cw - 2, line[i],
                 m->score.doubled[kinds[i]] ? ROLE_ALARM : ROLE_NORMAL);
        if (i % per_row == per_row - 1 || i == n - 1)
            rows++;
    }
    return rows;
}

static void draw_person(rep *r, app *a, int top, int lines)
{
    const ar_person_month *m = &r->one;
    char line[300];
    (void)a;
    if (m->punctual_pct >= 0)
        snprintf(line, sizeof line, _("%s (%s)  %04d-%02d  present %d of %d days, on time %d%%  Esc: back"),
                 m->name, m->code, r->year, r->month, m->present_days, m->workdays, m->punctual_pct);
    else
        snprintf(line, sizeof line, _("%s (%s)  %04d-%02d  present %d of %d days  Esc: back"), m->name,
                 m->code, r->year, r->month, m->present_days, m->workdays);
    term_put(top, 1, COLS - 2, line, ROLE_LABEL);
    int y = top + 2 + draw_bars(m, r->year, r->month, top + 2);
    if (m->review) {
        snprintf(line, sizeof line, _("%d half days rest on punches made while the clock looked wrong: a supervisor checks them."),
                 m->review);
        term_put(y++, 1, COLS - 2, line, ROLE_WARN);
    }
    y += draw_deductions(m, y, top + lines - y - 2);
    for (int i = 0; i < r->nleaders; i++)
        if (r->leaders[i].num == m->num) {
            const ar_leader_month *l = &r->leaders[i];
            snprintf(line, sizeof line, _("On-site days: planned %d, present %d, required %d (%d minutes)"), l->planned,
                     l->present, l->required, l->minutes);
            term_put(y, 1, COLS - 2, line, l->present < l->required ? ROLE_WARN : ROLE_OK);
        }
}

/* ---- drawing: the quarter ---------------------------------------------------------------- */

static void stars_text(int stars, char *buf, size_t len)
{
    char row[64] = "";
    for (int i = 0; i < stars; i++)
        strcat(row, glyph("★", "*"));
    if (stars > 0)
        snprintf(buf, len, _("%s %d stars"), row, stars);
    else
        snprintf(buf, len, "%s", _("no star level"));
}

static void draw_quarter(rep *r, app *a, int top, int lines)
{
    char line[300];
    (void)a;
    snprintf(line, sizeof line, _("Quarter %d of %d: 100 + additions - deductions; stars at 95, 90, 85"),
             r->quarter, r->qyear);
    term_put(top, 1, COLS - 2, line, ROLE_LABEL);
    if (r->err[0]) {
        term_put_wrapped(top + 2, 1, COLS - 2, 3, r->err, ROLE_ALARM);
        return;
    }
    int y = top + 2;
    term_put_padded(y, 0, COLS, "", ROLE_LABEL);
    term_put(y, 1, 24, _("Window"), ROLE_LABEL);
    term_put(y, 26, 10, _("Deducted"), ROLE_LABEL);
    term_put(y, 37, 8, _("Added"), ROLE_LABEL);
    term_put(y, 46, 8, _("Score"), ROLE_LABEL);
    term_put(y, 55, COLS - 56, _("Stars"), ROLE_LABEL);
    if (r->nwq == 0)
        term_put(y + 1, 3, COLS - 4, _("No window to score."), ROLE_DIM);
    for (int i = 0; i < r->nwq && y + 1 + i < top + lines; i++) {
        const ar_window_quarter *w = &r->wq[i];
        char sc[SCORE_STR_LEN], st[120];
        int yy = y + 1 + i;
        snprintf(line, sizeof line, "%s %s", w->window, w->name);
        term_put(yy, 1, 24, line, ROLE_NORMAL);
        term_put(yy, 26, 10, score_format(w->deductions, sc), w->deductions ? ROLE_ALARM : ROLE_DIM);
        term_put(yy, 37, 8, score_format(w->additions, sc), ROLE_NORMAL);
        term_put(yy, 46, 8, score_format(w->score, sc), ROLE_LABEL);
        stars_text(w->stars, st, sizeof st);
        term_put(yy, 55, COLS - 56, st, w->stars >= 5 ? ROLE_OK : w->stars ? ROLE_NORMAL : ROLE_WARN);
    }
}

static void rep_draw(screen *s, app *a, int top, int lines)
{
    rep *r = s->st;
    if (r->stale)
        reload(r, a);
    draw_tabs(r, top);
    top += 2;
    lines -= 2;
    switch (r->view) {
    case V_DAY: draw_day(r, a, top, lines); break;
    case V_MONTH:
        if (r->detail)
            draw_person(r, a, top, lines);
        else
            draw_month(r, a, top, lines);
        break;
    case V_QUARTER: draw_quarter(r, a, top, lines); break;
    case V_COUNT: break;
    }
}

/* ---- keys --------------------------------------------------------------------------------- */

/* [ or ]: the day, month or quarter before or after. */
static void step(rep *r, int dir)
{
    switch (r->view) {
    case V_DAY: r->day = date_add_days(r->day, dir); break;
    case V_MONTH:
        r->month += dir;
        if (r->month < 1) {
            r->month = 12;
            r->year--;
        } else if (r->month > 12) {
            r->month = 1;
            r->year++;
        }
        r->detail = false;
        break;
    case V_QUARTER:
        r->quarter += dir;
        if (r->quarter < 1) {
            r->quarter = 4;
            r->qyear--;
        } else if (r->quarter > 4) {
            r->quarter = 1;
            r->qyear++;
        }
        break;
    case V_COUNT: break;
    }
    r->stale = true;
}

static void to_today(rep *r, app *a)
{
    r->day = a->today;
    r->year = a->today.y;
    r->month = a->today.m;
    r->qyear = a->today.y;
    r->quarter = (a->today.m - 1) / 3 + 1;
    r->detail = false;
    r->stale = true;
}

static void next_window(rep *r)
{
    if (r->nwindows == 0)
        return;
    int k = 0;
    for (int i = 0; i < r->nwindows; i++)
        if (strcmp(r->windows[i].code, r->window) == 0)
            k = (i + 1) % r->nwindows;
    snprintf(r->window, sizeof r->window, "%s", r->windows[k].code);
    r->stale = true;
}

static void open_person(rep *r, app *a)
{
    if (r->plist.sel < 0 || r->plist.sel >= r->npeople)
        return;
    r->one = r->people[r->plist.sel];
    r->detail = true;
    (void)a;
}

static scr_rc rep_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    rep *r = s->st;
    if (r->view == V_MONTH && !r->detail && ui_list_action(&r->plist, act, LINES - 10))
        return SCR_STAY;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC) {
        if (r->detail) {
            r->detail = false;
            return SCR_STAY;
        }
        return SCR_CLOSE;
    }
    if (ev->key == KM_KEY_TAB || ev->key == KM_KEY_BTAB) {
        r->view = (rep_view)(((int)r->view + (ev->key == KM_KEY_TAB ? 1 : V_COUNT - 1)) % V_COUNT);
        r->detail = false;
        r->stale = true;
        return SCR_STAY;
    }
    if (act == KM_FORM_SUBMIT) {
        if (r->view == V_MONTH && !r->detail)
            open_person(r, a);
        return SCR_STAY;
    }
    if (ev->kind == KEYS_TEXT && act == KM_NONE) {
        int k = ev->key;
        if (k >= '1' && k < '1' + V_COUNT) {
            r->view = (rep_view)(k - '1');
            r->detail = false;
            r->stale = true;
        } else if (k == '[' || k == ']') {
            step(r, k == '[' ? -1 : 1);
        } else if (k == 't') {
            to_today(r, a);
        } else if (k == 'w' && r->view == V_DAY) {
            next_window(r);
        }
        return SCR_STAY;
    }
    return act == KM_NONE ? SCR_STAY : SCR_PASS;
}

static void rep_free(screen *s)
{
    rep *r = s->st;
    if (r) {
        free(r->people);
        free(r->windows);
    }
    free(r);
    free(s);
}

static const screen_ops rep_ops = {
    "attendance_reports", KM_CTX_LIST, false, rep_title, rep_draw, rep_key, NULL, rep_free, rep_hints,
};

screen *scr_attreport_new(app *a)
{
    rep *r = calloc(1, sizeof *r);
    if (r) {
        r->people = calloc(REP_PEOPLE, sizeof *r->people);
        r->windows = calloc(REP_WINDOWS, sizeof *r->windows);
    }
    screen *s = r && r->people && r->windows ? screen_new(&rep_ops, r) : NULL;
    if (!s) {
        if (r) {
            free(r->people);
            free(r->windows);
        }
        free(r);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    char err[ATT_ERR_LEN];
    window_list(a->db, add_window, r, err, sizeof err);
    app_session *se = app_session_now(a);
    snprintf(r->window, sizeof r->window, "%s", se ? se->window : "");
    bool known = false;
    for (int i = 0; i < r->nwindows; i++)
        known |= strcmp(r->windows[i].code, r->window) == 0;
    if (!known && r->nwindows > 0) /* a supervisor serving no window: the first one */
        snprintf(r->window, sizeof r->window, "%s", r->windows[0].code);
    ui_list_init(&r->plist, 0);
    to_today(r, a);
    return s;
}
