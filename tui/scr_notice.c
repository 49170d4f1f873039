/* scr_notice.c - a document on screen before it leaves the window: the
 * notices of a case (受理通知书, 补正材料通知书, 不予受理通知书, 容缺受理承诺书)
 * and an item's 一次性告知单, laid out by core/notice.h at a fixed paper
 * width, scrolled with the list keys, printed through [print] command
 * (default `lp`) or saved as UTF-8 text in [paths] save_dir.  Printing or
 * saving a case's notice again is a reprint and is recorded (desk_reprint):
 * the first print of a notice just issued is that notice.  In a drill
 * (guichet --drill) printing saves the file instead: no printer is reached. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/desk.h"
#include "core/event.h"
#include "data/notice_doc.h"
#include "tui/app.h"
#include "tui/i18n.h"

#define NOTICE_WIDTH 72 /* columns of the printed page (A4 at 10 cpi with margins) */
#define NOTICE_LINES_MAX 400

typedef struct {
    notice_text doc;
    char case_id[EV_SUBJECT_MAX + 1]; /* "" for an item's one-time notice */
    notice_kind kind;
    bool reprint;                     /* the next print or save is a reprint (recorded) */
    const char *line[NOTICE_LINES_MAX];
    int nlines;
    int top;
} notice_scr;

static const km_action notice_hints[] = {KM_HELP, KM_NOTICE_PRINT, KM_NOTICE_SAVE, KM_FORM_CANCEL, KM_NONE};

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

/* Split the document into lines (in place: '\n' become NULs). */
static void split_lines(notice_scr *n)
{
    n->nlines = 0;
    for (char *p = n->doc.text; p && *p && n->nlines < NOTICE_LINES_MAX;) {
        n->line[n->nlines++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
}

/* The document again as text with newlines (the lines were split in place). */
static void join_lines(notice_scr *n, char *out, size_t cap, size_t *len)
{
    size_t used = 0;
    for (int i = 0; i < n->nlines; i++) {
        size_t l = strlen(n->line[i]);
        if (used + l + 2 > cap)
            break;
        memcpy(out + used, n->line[i], l);
        used += l;
        out[used++] = '\n';
    }
    out[used] = '\0';
    *len = used;
}

static const char *notice_title_of(screen *s, app *a)
{
    notice_scr *n = s->st;
    (void)a;
    return n->doc.title;
}

static void notice_draw(screen *s, app *a, int top, int lines)
{
    notice_scr *n = s->st;
    (void)a;
    int rows = lines - 1;
    if (n->top > n->nlines - rows)
        n->top = n->nlines - rows > 0 ? n->nlines - rows : 0;
    int x = COLS > NOTICE_WIDTH + 2 ? (COLS - NOTICE_WIDTH) / 2 : 0;
    for (int r = 0; r < rows && n->top + r < n->nlines; r++)
        term_put(top + r, x, NOTICE_WIDTH, n->line[n->top + r], ROLE_NORMAL);
    char pos[120];
    snprintf(pos, sizeof pos, _("Lines %d-%d of %d"), n->nlines ? n->top + 1 : 0,
             n->top + rows < n->nlines ? n->top + rows : n->nlines, n->nlines);
    term_put(top + lines - 1, x, NOTICE_WIDTH, pos, ROLE_DIM);
}

/* Record the reprint of a case's notice (after it was printed or saved again). */
static void log_reprint(notice_scr *n, app *a)
{
    char err[DESK_ERR_LEN];
    desk_who who = app_who(a);
    if (!n->case_id[0])
        return;
    if (n->reprint && desk_reprint(a->db, &who, n->case_id, n->kind, err, sizeof err) != 0)
        app_message(a, ROLE_ALARM, "%s", err);
    n->reprint = true; /* whatever comes next is a copy */
}

static void do_save(notice_scr *n, app *a);

static void do_print(notice_scr *n, app *a)
{
    static char text[NOTICE_LINES_MAX * (NOTICE_WIDTH * 4 + 1)];
    size_t len;
    char err[600];
    if (a->drill) { /* a drill never reaches a printer: the notice is saved to a file instead */
        do_save(n, a);
        return;
    }
    join_lines(n, text, sizeof text, &len);
    if (notice_print(a->cfg.print_command, text, len, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    app_message(a, ROLE_OK, _("Sent to the printer (%s)."), a->cfg.print_command);
    log_reprint(n, a);
}

static void do_save(notice_scr *n, app *a)
{
    static char text[NOTICE_LINES_MAX * (NOTICE_WIDTH * 4 + 1)];
    size_t len;
    char err[600], path[4096];
    const char *dir = a->cfg.save_dir[0] ? a->cfg.save_dir : a->drill ? "." : getenv("HOME");
    join_lines(n, text, sizeof text, &len);
    if (notice_save(dir ? dir : ".", n->doc.file_name, text, len, path, sizeof path, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    app_message(a, ROLE_OK, _("Saved as %s"), path);
    log_reprint(n, a);
}

static scr_rc notice_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    notice_scr *n = s->st;
    int rows = LINES - 4;
    (void)ev;
    switch (act) {
    case KM_NOTICE_PRINT: do_print(n, a); return SCR_STAY;
    case KM_NOTICE_SAVE: do_save(n, a); return SCR_STAY;
    case KM_LIST_UP: n->top = n->top > 0 ? n->top - 1 : 0; return SCR_STAY;
    case KM_LIST_DOWN: n->top++; return SCR_STAY;
    case KM_LIST_PAGE_UP: n->top = n->top > rows ? n->top - rows : 0; return SCR_STAY;
    case KM_LIST_PAGE_DOWN: n->top += rows; return SCR_STAY;
    case KM_LIST_HOME: n->top = 0; return SCR_STAY;
    case KM_LIST_END: n->top = n->nlines; return SCR_STAY;
    case KM_FORM_CANCEL: return SCR_CLOSE;
    default: return SCR_PASS;
    }
}

static void notice_free(screen *s)
{
    notice_scr *n = s->st;
    notice_text_free(&n->doc);
    free(n);
    free(s);
}

static const screen_ops notice_ops = {
    "notice", KM_CTX_NOTICE, false, notice_title_of, notice_draw, notice_key, NULL, notice_free, notice_hints,
};

static screen *wrap(app *a, notice_scr *n, int rc, const char *err)
{
    if (rc != 0) {
        app_message(a, ROLE_ALARM, "%s", rc == 1 ? _("That notice does not exist for this case.") : err);
        notice_text_free(&n->doc);
        free(n);
        return NULL;
    }
    split_lines(n);
    screen *s = screen_new(&notice_ops, n);
    if (!s) {
        notice_text_free(&n->doc);
        free(n);
    }
    return s;
}

screen *scr_notice_case_new(app *a, const char *case_id, int kind, bool reprint)
{
    notice_scr *n = calloc(1, sizeof *n);
    char err[600] = "";
    if (!n)
        return NULL;
    snprintf(n->case_id, sizeof n->case_id, "%s", case_id);
    n->kind = (notice_kind)kind;
    n->reprint = reprint;
    int rc = notice_for_case(a->db, &a->cfg, case_id, n->kind, reprint, NOTICE_WIDTH, translate, &n->doc, err,
                             sizeof err);
    return wrap(a, n, rc, err);
}

screen *scr_notice_item_new(app *a, const char *item)
{
    notice_scr *n = calloc(1, sizeof *n);
    char err[600] = "", day[DATE_STR_LEN];
    if (!n)
        return NULL;
    app_session *se = app_session_now(a);
    n->kind = NOTICE_ONE_TIME;
    int rc = notice_for_item(a->db, &a->cfg, item, se->window, se->staff.name, date_format(a->today, day),
                             NOTICE_WIDTH, translate, &n->doc, err, sizeof err);
    return wrap(a, n, rc, err);
}
