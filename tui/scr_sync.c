/* scr_sync.c - the sync screen (C-u anywhere, s on the dashboard): what the
 * sync agent (guichet-sync, started in the background by tui/app_sync.c)
 * last left in the file - the centre's address, the last success and how
 * long ago, the events waiting to be sent, the last error in words, the
 * clock offset from the centre, the last pull - and whether the agent runs.
 * A supervisor also sees two lists: the dead letters (events the centre
 * refused, data/sync_store.h, with its reason) and the changes pulled from
 * the centre or other terminals that could not be applied here
 * (data/sync_import.h, with the reason); a clerk sees the state only.
 * Everything is read again at each frame but after a scroll; the lists
 * scroll; Esc closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "data/events.h"
#include "data/sync_import.h"
#include "data/sync_store.h"
#include "tui/app.h"
#include "tui/i18n.h"

#define SYNC_LIST_MAX 400   /* entries of each list read (the oldest first) */
#define SYNC_TEXT 320       /* bytes of one shown line */
#define SYNC_HEAD_ROWS 7    /* the state above the lists */

/* One row of the lists as shown. */
typedef struct {
    char text[SYNC_TEXT];
    term_role role;
    int indent;
} sync_line;

typedef struct {
    int64_t queued, rejected, unapplied;
    char last_ok[32], last_error[256], offset[32], last_pull[32]; /* meta as stored; "" when absent */
    char err[STORE_ERR_LEN];                                      /* a read failed */
    sync_line *lines;
    int n, cap, top;
    bool moved;         /* the last key only scrolled: nothing to read again */
    bool supervisor;
} sync_scr;

static const km_action sync_hints[] = {KM_HELP, KM_FORM_CANCEL, KM_NONE};

static void add_line(sync_scr *y, int indent, term_role role, const char *text)
{
    if (y->n == y->cap) {
        int cap = y->cap ? y->cap * 2 : 64;
        sync_line *l = realloc(y->lines, (size_t)cap * sizeof *l);
        if (!l)
            return;
        y->lines = l;
        y->cap = cap;
    }
    sync_line *l = &y->lines[y->n++];
    snprintf(l->text, sizeof l->text, "%s", text);
    l->role = role;
    l->indent = indent;
}

/* Unix ms as local "YYYY-MM-DD HH:MM". */
static const char *when_text(int64_t ms, char *buf, size_t len)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    buf[0] = '\0';
    if (localtime_r(&t, &tm))
        strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

/* A meta value as a whole number of ms; false when absent or not one. */
static bool meta_ms(const char *text, int64_t *v)
{
    char *end = NULL;
    long long n = text[0] ? strtoll(text, &end, 10) : 0;
    *v = n;
    return text[0] && end && *end == '\0';
}

/* "2026-11-23 18:20 (5 min ago)", or "never". */
static void time_ago(const char *meta, char *buf, size_t len)
{
    int64_t ms;
    char when[40], ago[80];
    if (!meta_ms(meta, &ms) || ms <= 0) {
        snprintf(buf, len, "%s", _("never"));
        return;
    }
    long long min = (events_now_ms() - ms) / 60000;
    if (min < 1)
        snprintf(ago, sizeof ago, "%s", _("just now"));
    else if (min < 120)
        snprintf(ago, sizeof ago, _("%lld min ago"), min);
    else if (min < 48 * 60)
        snprintf(ago, sizeof ago, _("%lld h ago"), min / 60);
    else
        snprintf(ago, sizeof ago, _("%lld days ago"), min / (24 * 60));
    snprintf(buf, len, "%s (%s)", when_text(ms, when, sizeof when), ago);
}

static int add_rejected(const sync_rejected_row *r, void *ctx)
{
    sync_scr *y = ctx;
    char line[SYNC_TEXT], when[40];
    snprintf(line, sizeof line, _("%s  event %lld  %s  %.13s"), when_text(r->at_ms, when, sizeof when),
             (long long)r->seq, r->type, r->id);
    add_line(y, 2, ROLE_NORMAL, line);
    snprintf(line, sizeof line, _("reason: %s"), r->reason && r->reason[0] ? _(r->reason) : _("(none given)"));
    add_line(y, 4, ROLE_ALARM, line);
    return y->n >= 2 * SYNC_LIST_MAX;
}

static int add_unapplied(const sync_unapplied_row *r, void *ctx)
{
    sync_scr *y = ctx;
    char line[SYNC_TEXT], when[40];
    bool centre = r->terminal && strcmp(r->terminal, SYNC_CENTRE_TERMINAL) == 0;
    snprintf(line, sizeof line, _("%s  %s %s  from %s"), when_text(r->at_ms, when, sizeof when), r->type,
             r->subject ? r->subject : "", centre ? _("the centre") : r->terminal ? r->terminal : "?");
    add_line(y, 2, ROLE_NORMAL, line);
    snprintf(line, sizeof line, _("reason: %s"), r->reason && r->reason[0] ? _(r->reason) : _("(none given)"));
    add_line(y, 4, ROLE_ALARM, line);
    return y->n >= 4 * SYNC_LIST_MAX;
}

/* The two lists (a supervisor's), each under its heading. */
static void load_lists(sync_scr *y, app *a)
{
    char line[SYNC_TEXT];
    y->n = 0;
    snprintf(line, sizeof line, _("Refused by the centre (%lld): the events stay here, not sent again"),
             (long long)y->rejected);
    add_line(y, 0, ROLE_LABEL, line);
    if (sync_rejected_list(a->db, add_rejected, y) != 0)
        add_line(y, 2, ROLE_ALARM, store_errmsg(a->db));
    else if (!y->rejected)
        add_line(y, 2, ROLE_DIM, _("none"));
    snprintf(line, sizeof line, _("Changes from the centre or other terminals not applied here (%lld)"),
             (long long)y->unapplied);
    add_line(y, 0, ROLE_LABEL, line);
    if (sync_unapplied_list(a->db, add_unapplied, y) != 0)
        add_line(y, 2, ROLE_ALARM, store_errmsg(a->db));
    else if (!y->unapplied)
        add_line(y, 2, ROLE_DIM, _("none"));
}

/* A meta key into buf ("" when absent); false after noting a read error. */
static bool read_meta(sync_scr *y, app *a, const char *key, char *buf, size_t len)
{
    buf[0] = '\0';
    if (sync_meta_get(a->db, key, buf, len) >= 0)
        return true;
    buf[0] = '\0';
    snprintf(y->err, sizeof y->err, "%s", store_errmsg(a->db));
    return false;
}

static void reload(sync_scr *y, app *a)
{
    y->err[0] = '\0';
    y->queued = y->rejected = y->unapplied = 0;
    if (!read_meta(y, a, SYNC_META_LAST_OK, y->last_ok, sizeof y->last_ok) ||
        !read_meta(y, a, SYNC_META_LAST_ERROR, y->last_error, sizeof y->last_error) ||
        !read_meta(y, a, SYNC_META_CLOCK_OFFSET, y->offset, sizeof y->offset) ||
        !read_meta(y, a, SYNC_META_LAST_PULL, y->last_pull, sizeof y->last_pull))
        return;
    if (outbox_count(a->db, &y->queued) != 0 || sync_rejected_count(a->db, &y->rejected) != 0 ||
        sync_unapplied_count(a->db, &y->unapplied) != 0) {
        snprintf(y->err, sizeof y->err, "%s", store_errmsg(a->db));
        return;
    }
    if (y->supervisor)
        load_lists(y, a);
}

static const char *sync_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Sync with the centre");
}

/* "label value" on row y; the label in its own colour. */
static void draw_pair(int y, const char *label, const char *value, term_role role)
{
    int x = 1 + term_put(y, 1, COLS - 2, label, ROLE_LABEL) + 1;
    term_put(y, x, COLS - 1 - x, value, role);
}

static void draw_clock(sync_scr *y, int row)
{
    char text[160];
    int64_t off;
    if (!meta_ms(y->offset, &off))
        snprintf(text, sizeof text, "%s", _("not measured yet (no answer from the centre so far)"));
    else
        snprintf(text, sizeof text, _("%+.1f s (the centre's clock minus this terminal's)"), (double)off / 1000.0);
    draw_pair(row, _("Clock offset:"), text, ROLE_NORMAL);
}

/* The state: rows top .. top+SYNC_HEAD_ROWS-1. */
static void draw_state(sync_scr *y, app *a, int top)
{
    char text[SYNC_TEXT];
    term_role role;
    draw_pair(top, _("Centre:"), a->cfg.sync_server[0] ? a->cfg.sync_server : _("(not set)"), ROLE_NORMAL);
    time_ago(y->last_ok, text, sizeof text);
    draw_pair(top + 1, _("Last success:"), text, ROLE_NORMAL);
    snprintf(text, sizeof text, _("%lld events"), (long long)y->queued);
    draw_pair(top + 2, _("Waiting to be sent:"), text, y->queued ? ROLE_WARN : ROLE_NORMAL);
    time_ago(y->last_pull, text, sizeof text);
    draw_pair(top + 3, _("Last pull:"), text, ROLE_NORMAL);
    draw_clock(y, top + 4);
    draw_pair(top + 5, _("Last error:"), y->last_error[0] ? _(y->last_error) : _("none"),
              y->last_error[0] ? ROLE_ALARM : ROLE_OK);
    app_sync_describe(text, sizeof text, &role);
    term_put(top + 6, 1, COLS - 2, text, role);
}

static int list_rows(int lines)
{
    return lines - SYNC_HEAD_ROWS - 1;
}

static void sync_draw(screen *s, app *a, int top, int lines)
{
    sync_scr *y = s->st;
    if (!y->moved)
        reload(y, a);
    y->moved = false;
    draw_state(y, a, top);
    int rows = list_rows(lines), first = top + SYNC_HEAD_ROWS + 1;
    if (y->err[0]) {
        term_put_flowed(first, 1, COLS - 2, rows, y->err, ROLE_ALARM);
        return;
    }
    if (!y->supervisor) {
        term_put_flowed(first, 1, COLS - 2, rows,
                        _("The events the centre refused and the changes not applied here are listed for a "
                          "supervisor."),
                        ROLE_DIM);
        return;
    }
    if (y->top > y->n - rows)
        y->top = y->n - rows;
    if (y->top < 0)
        y->top = 0;
    for (int i = 0; i < rows && y->top + i < y->n; i++) {
        const sync_line *l = &y->lines[y->top + i];
        term_put(first + i, 1 + l->indent, COLS - 2 - l->indent, l->text, l->role);
    }
    if (y->top + rows < y->n)
        term_put(first + rows - 1, COLS - 4, 3, "...", ROLE_DIM);
}

/* Scroll the lists by a list action; true when it was one. */
static bool scroll_lists(sync_scr *y, km_action act)
{
    int page = list_rows(LINES - 3);
    page = page > 1 ? page - 1 : 1;
    switch (act) {
    case KM_LIST_UP: y->top--; break;
    case KM_LIST_DOWN: y->top++; break;
    case KM_LIST_PAGE_UP: y->top -= page; break;
    case KM_LIST_PAGE_DOWN: y->top += page; break;
    case KM_LIST_HOME: y->top = 0; break;
    case KM_LIST_END: y->top = y->n; break;
    default: return false;
    }
    if (y->top < 0)
        y->top = 0;
    y->moved = true;
    return true;
}

static scr_rc sync_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    sync_scr *y = s->st;
    (void)a;
    if (scroll_lists(y, act))
        return SCR_STAY;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC)
        return SCR_CLOSE;
    if (act == KM_SYNC_OPEN)
        return SCR_STAY; /* already here: read again */
    return SCR_PASS;
}

static void sync_free(screen *s)
{
    sync_scr *y = s->st;
    free(y->lines);
    free(y);
    free(s);
}

static const screen_ops sync_ops = {
    "sync", KM_CTX_LIST, false, sync_title, sync_draw, sync_key, NULL, sync_free, sync_hints,
};

screen *scr_sync_new(app *a)
{
    app_session *se = app_session_now(a);
    sync_scr *y = calloc(1, sizeof *y);
    screen *s = y ? screen_new(&sync_ops, y) : NULL;
    if (!s) {
        free(y);
        return NULL;
    }
    y->supervisor = se && (se->staff.roles & STAFF_ROLE_SUPERVISOR);
    return s;
}
