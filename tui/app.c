/* app.c - the client's main loop (app.h): sessions and their screen stacks,
 * the frame (title bar, message line, key hints), the global actions every
 * screen shares, the idle lock and resizing.
 *
 * A key goes first to the screen on top; what the screen passes on (SCR_PASS
 * semantics: it returns SCR_STAY without using a global action) is handled
 * here: help, intake, guide, cases, search, enquiry, lock, switch user, quit. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui/app.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/events.h"
#include "tui/i18n.h"
#include "tui/login.h"

#define APP_HINT_LEN 600     /* bytes of a rendered hint line */
#define HINT_CACHE 16        /* hint lines remembered: (context, hints array, width) */
#define TITLE_CENTRE_MIN 8   /* columns the centre's name keeps before the screen's title is cut */

volatile sig_atomic_t app_stop_requested;

screen *screen_new(const screen_ops *ops, void *st)
{
    screen *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ops = ops;
    s->st = st;
    return s;
}

static void screen_free(screen *s)
{
    if (s && s->ops->free)
        s->ops->free(s);
    else
        free(s);
}

app_session *app_session_now(app *a)
{
    return a->cur >= 0 ? &a->sessions[a->cur] : NULL;
}

void app_push(app *a, screen *s)
{
    app_session *se = app_session_now(a);
    if (!s)
        return;
    if (!se || se->depth >= APP_STACK_MAX) {
        screen_free(s);
        app_message(a, ROLE_ALARM, _("Too many screens open: close one with Esc first."));
        return;
    }
    se->stack[se->depth++] = s;
}

static screen *top_screen(app *a)
{
    app_session *se = app_session_now(a);
    return se && se->depth > 0 ? se->stack[se->depth - 1] : NULL;
}

desk_who app_who(app *a)
{
    app_session *se = app_session_now(a);
    desk_who w = {se ? (int32_t)se->staff.num : 0, se ? se->window : "", a->today, a->cal};
    return w;
}

void app_message(app *a, term_role role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof a->msg, fmt, ap);
    va_end(ap);
    a->msg_role = role;
}

const char *app_key_for(app *a, km_context ctx, km_action act, char *buf, size_t len)
{
    if (keymap_keys_for(&a->km, ctx, act, buf, len) <= 0) {
        buf[0] = '\0';
        return buf;
    }
    char *sep = strstr(buf, " / ");
    if (sep)
        *sep = '\0';
    return buf;
}

/* The short name of an action in the hint line. */
static const char *hint_label(km_action act)
{
    switch (act) {
    case KM_HELP: return N_("Help");
    case KM_INTAKE_NEW: return N_("Intake");
    case KM_GUIDE_FIND: return N_("Guide");
    case KM_CASE_LIST: return N_("Cases");
    case KM_CASE_SEARCH: return N_("Search");
    case KM_ENQUIRY_LOG: return N_("Enquiry");
    case KM_ENQUIRY_HANDOVER: return N_("Hand over");
    case KM_SCREEN_LOCK: return N_("Lock");
    case KM_USER_SWITCH: return N_("Switch user");
    case KM_QUIT: return N_("Quit");
    case KM_FORM_SUBMIT: return N_("Confirm");
    case KM_FORM_CANCEL: return N_("Back");
    case KM_FORM_NEXT_FIELD: return N_("Next field");
    case KM_CASE_ACCEPT: return N_("Accept");
    case KM_CASE_SUPPLEMENT: return N_("Supplement");
    case KM_CASE_DEFER: return N_("Defer");
    case KM_CASE_REJECT: return N_("Reject");
    case KM_NOTICE_PRINT: return N_("Print");
    case KM_NOTICE_SAVE: return N_("Save");
    case KM_EVALUATION_RECORD: return N_("Rating");
    case KM_HANDOFF_LEAVE: return N_("Leave post");
    case KM_HANDOFF_RETURN: return N_("Return");
    case KM_ATTENDANCE_OPEN: return N_("Attendance");
    case KM_SYNC_OPEN: return N_("Sync");
    case KM_DRILL_OPEN: return N_("Drill");
    case KM_SUPERVISE_OPEN: return N_("Supervision");
    case KM_CHECKLIST_PRESENT: return N_("Present");
    case KM_CHECKLIST_MISSING: return N_("Missing");
    case KM_CHECKLIST_DEFECTIVE: return N_("Defective");
    default: return keymap_action_desc(act);
    }
}

/* The hint line of one (context, hints array) at one width, built once: the key names come from
 * the keymap, which is read before the first frame (tui/client.c: the defaults, then the site's
 * file) and never changes while the client runs, and the language does not change either; so a
 * frame only looks the line up here (the lookups were most of a keystroke's work, callgrind). */
typedef struct {
    const keymap *km;
    km_context ctx;
    const km_action *hints;
    int cols;
    char text[APP_HINT_LEN];
} hint_line;

static hint_line hint_cache[HINT_CACHE];
static int hint_next; /* the entry replaced next when none matches */

/* Build the hint line of ctx and hints for `cols` columns into h. */
static void hint_build(app *a, km_context ctx, const km_action *hints, int cols, hint_line *h)
{
    static const km_action fallback[] = {KM_HELP, KM_QUIT, KM_NONE};
    int x = 0;
    size_t used = 0;
    h->km = &a->km;
    h->ctx = ctx;
    h->hints = hints;
    h->cols = cols;
    h->text[0] = '\0';
    for (const km_action *k = hints ? hints : fallback; *k != KM_NONE; k++) {
        char key[64], item[160];
        if (!*app_key_for(a, ctx, *k, key, sizeof key))
            continue;
        snprintf(item, sizeof item, "%s %s  ", key, _(hint_label(*k)));
        int w = term_width(item) - 1; /* the second space only separates items */
        if (x + w > cols || used + strlen(item) >= sizeof h->text)
            break;
        used += (size_t)snprintf(h->text + used, sizeof h->text - used, "%s", item);
        x += w + 1;
    }
}

/* The cached hint line of ctx and hints at the terminal's width (built on first use). */
static const char *hint_text(app *a, km_context ctx, const km_action *hints)
{
    for (int i = 0; i < HINT_CACHE; i++) {
        hint_line *h = &hint_cache[i];
        if (h->km == &a->km && h->ctx == ctx && h->hints == hints && h->cols == COLS)
            return h->text;
    }
    hint_line *h = &hint_cache[hint_next];
    hint_next = (hint_next + 1) % HINT_CACHE;
    hint_build(a, ctx, hints, COLS, h);
    return h->text;
}

static void draw_hints(app *a, km_context ctx, const km_action *hints)
{
    term_put_padded(LINES - 1, 0, COLS, hint_text(a, ctx, hints), ROLE_HINTS);
}

/* The right part of the title bar: the window, the clerk and the date (compact: single spaces);
 * its width. */
static int title_right(app *a, bool compact, char *out, size_t size)
{
    app_session *se = app_session_now(a);
    char day[DATE_STR_LEN];
    const char *gap = compact ? " " : "  ";
    if (se)
        snprintf(out, size, " %s %s%s%s (%s)%s%s ", _("Window"), se->window, gap, se->staff.name, se->staff.code,
                 gap, date_format(a->today, day));
    else
        snprintf(out, size, " %s ", date_format(a->today, day));
    return term_width(out);
}

/* The title bar: the centre and the screen's title on the left, the window, the clerk and the date
 * on the right.  The right part always shows whole (its spaces narrowed when the left needs them);
 * when both do not fit, the centre's name is cut first (down to TITLE_CENTRE_MIN columns), then
 * the screen's title, each with an ellipsis. */
static void draw_title(app *a, const char *title)
{
    char right[640], centre[300], head[300], left[640];
    const char *name = a->cfg.centre_name[0] ? a->cfg.centre_name : "guichet";
    if (!title)
        title = "";
    int bw = app_drill_banner(a, 0); /* a drill: the banner first, always whole */
    int cols = COLS - bw;
    int cw = term_width(name), tw = term_width(title);
    int rw = title_right(a, false, right, sizeof right);
    if (cw + tw > cols - rw - 3)
        rw = title_right(a, true, right, sizeof right);
    if (rw > cols - TITLE_CENTRE_MIN - 3) { /* never in practice: the names are short */
        term_fit(right, cols - TITLE_CENTRE_MIN - 3, left, sizeof left);
        snprintf(right, sizeof right, "%s", left);
        rw = term_width(right);
    }
    int room = cols - rw - 3; /* " centre  title" */
    if (cw + tw > room) {
        int keep = cw < TITLE_CENTRE_MIN ? cw : TITLE_CENTRE_MIN;
        cw = room - tw > keep ? room - tw : keep;
        tw = room - cw;
    }
    snprintf(left, sizeof left, " %s  %s", term_fit(name, cw, centre, sizeof centre),
             term_fit(title, tw, head, sizeof head));
    term_put_padded(0, bw, cols, left, ROLE_TITLE);
    term_put(0, COLS - rw, rw, right, ROLE_TITLE);
}

void app_draw(app *a)
{
    if (!term_big_enough()) {
        term_draw_too_small();
        return;
    }
    erase();
    screen *s = top_screen(a);
    if (!s) {
        login_draw(a);
    } else {
        draw_title(a, s->ops->title ? s->ops->title(s, a) : "");
        draw_hints(a, s->ops->ctx, s->ops->hints);
        s->ops->draw(s, a, 1, LINES - 3);
        term_put(LINES - 2, 0, COLS, a->msg, a->msg_role);
    }
    term_flush();
}

/* True when some screen of some session holds unsaved typing; *who gets that session. */
static bool unsaved_anywhere(app *a, int *who)
{
    for (int i = 0; i < APP_SESSIONS_MAX; i++)
        for (int k = 0; a->sessions[i].used && k < a->sessions[i].depth; k++) {
            screen *s = a->sessions[i].stack[k];
            if (s->ops->dirty && s->ops->dirty(s)) {
                *who = i;
                return true;
            }
        }
    return false;
}

/* Lock at the clerk's request: the clerk on duty is warned first (leaving without a handoff
 * records the window as unattended, scr_handoff.c); the idle lock does not ask (app_lock). */
static void lock_asked(app *a)
{
    if (a->cur >= 0 && app_duty_before_leaving(a))
        app_lock(a);
}

void app_lock(app *a)
{
    if (a->cur < 0)
        return;
    a->locked_session = a->cur;
    a->cur = -1;
    login_reset(a, a->sessions[a->locked_session].staff.code);
}

static void switch_user(app *a)
{
    if (a->cur < 0 || !app_duty_before_leaving(a))
        return;
    a->locked_session = a->cur;
    a->cur = -1;
    login_reset(a, "");
}

static void quit(app *a)
{
    int who;
    if (unsaved_anywhere(a, &who)) {
        app_message(a, ROLE_ALARM, _("%s has a form not yet saved: finish it or close it with Esc before quitting."),
                    a->sessions[who].staff.name);
        return;
    }
    if (app_confirm(a, _("Quit guichet?")) && app_duty_before_leaving(a))
        a->quit = true;
}

/* A global action the screen did not use. */
static void global_action(app *a, km_action act, km_context ctx)
{
    switch (act) {
    case KM_HELP: app_push(a, scr_help_new(a, ctx)); break;
    case KM_INTAKE_NEW: app_push(a, scr_intake_new(a)); break;
    case KM_GUIDE_FIND: app_push(a, scr_guide_new(a)); break;
    case KM_CASE_LIST: app_push(a, scr_cases_new(a, false)); break;
    case KM_CASE_SEARCH: app_push(a, scr_cases_new(a, true)); break;
    case KM_ENQUIRY_LOG: app_push(a, scr_enquiry_new(a, NULL)); break;
    case KM_HANDOFF_LEAVE: app_push(a, scr_handoff_leave_new(a)); break;
    case KM_HANDOFF_RETURN: app_push(a, scr_handoff_return_new(a)); break;
    case KM_ATTENDANCE_OPEN: app_push(a, scr_attendance_new(a)); break;
    case KM_SYNC_OPEN: app_push(a, scr_sync_new(a)); break;
    case KM_SUPERVISE_OPEN: app_supervise_menu(a); break;
    case KM_DRILL_OPEN:
        if (a->drill)
            app_push(a, scr_drill_new(a));
        else
            app_message(a, ROLE_DIM, "%s", _("This is not a drill: the drill panel opens only with guichet --drill."));
        break;
    case KM_SCREEN_LOCK: lock_asked(a); break;
    case KM_USER_SWITCH: switch_user(a); break;
    case KM_QUIT: quit(a); break;
    default: break;
    }
}

/* Close screen s (wherever it is in the stack: it may have pushed its successor),
 * asking first when it holds unsaved typing. */
static void close_screen(app *a, screen *s)
{
    app_session *se = app_session_now(a);
    if (s->ops->dirty && s->ops->dirty(s) &&
        !app_confirm(a, _("Close this form? What was typed in it will be lost.")))
        return;
    for (int i = 1; i < se->depth; i++) /* never the dashboard at 0 */
        if (se->stack[i] == s) {
            memmove(&se->stack[i], &se->stack[i + 1], (size_t)(se->depth - i - 1) * sizeof se->stack[0]);
            se->depth--;
            screen_free(s);
            return;
        }
}

static void screen_key(app *a, const keys_event *ev)
{
    screen *s = top_screen(a);
    km_action act = KM_NONE;
    if (!(ev->kind == KEYS_TEXT && s->ops->text_entry))
        act = keymap_action(&a->km, s->ops->ctx, ev->key);
    int depth = app_session_now(a)->depth;
    scr_rc rc = s->ops->key(s, a, ev, act);
    if (a->cur < 0 || a->quit)
        return; /* the screen locked or quit */
    if (rc == SCR_CLOSE) {
        close_screen(a, s);
        return;
    }
    if (rc == SCR_PASS && app_session_now(a)->depth == depth)
        global_action(a, act, s->ops->ctx);
}

/* Log staff member rec in at the window: their session (resumed or new). */
int app_login(app *a, const staff_rec *rec)
{
    int free_slot = -1;
    for (int i = 0; i < APP_SESSIONS_MAX; i++) {
        if (a->sessions[i].used && a->sessions[i].staff.num == rec->num) {
            a->cur = i;
            a->sessions[i].staff = *rec;
            return 0;
        }
        if (!a->sessions[i].used && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0) { /* close the session of someone with nothing unsaved */
        for (int i = 0; i < APP_SESSIONS_MAX && free_slot < 0; i++) {
            bool dirty = false;
            for (int k = 0; k < a->sessions[i].depth; k++) {
                screen *s = a->sessions[i].stack[k];
                dirty |= s->ops->dirty && s->ops->dirty(s);
            }
            if (!dirty) {
                while (a->sessions[i].depth > 0)
                    screen_free(a->sessions[i].stack[--a->sessions[i].depth]);
                a->sessions[i].used = false;
                free_slot = i;
            }
        }
        if (free_slot < 0)
            return -1;
    }
    app_session *se = &a->sessions[free_slot];
    memset(se, 0, sizeof *se);
    se->used = true;
    se->staff = *rec;
    const char *w = a->cfg.window[0] ? a->cfg.window : rec->n_windows > 0 ? rec->windows[0] : "-";
    snprintf(se->window, sizeof se->window, "%.8s", w);
    a->cur = free_slot;
    screen *d = scr_dashboard_new(a);
    if (!d) {
        se->used = false;
        a->cur = -1;
        return -1;
    }
    se->stack[se->depth++] = d;
    app_attendance_after_login(a);
    app_duty_after_login(a);
    app_drill_after_login(a);
    return 0;
}

/* Lock an idle session; true when it did (the frame must change). */
static bool idle_check(app *a)
{
    if (a->cur < 0 || a->cfg.idle_lock_minutes <= 0)
        return false;
    if (events_now_ms() - a->last_key_ms < (int64_t)a->cfg.idle_lock_minutes * 60000)
        return false;
    app_lock(a);
    app_message(a, ROLE_NORMAL, "%s", "");
    return true;
}

int app_run(app *a)
{
    a->cur = -1;
    a->locked_session = -1;
    a->last_key_ms = events_now_ms();
    login_reset(a, "");
    bool redraw = true;
    int idle_ticks = 0;
    while (!a->quit && !app_stop_requested) {
        /* A frame after each key; while idle, only when the lock falls or every APP_IDLE_REFRESH
         * seconds (figures another process changed), so an idle terminal runs no queries. */
        if (redraw)
            app_draw(a);
        keys_event ev = keys_read(1000);
        if (ev.kind == KEYS_NONE) {
            redraw = idle_check(a) || ++idle_ticks >= APP_IDLE_REFRESH;
            if (redraw)
                idle_ticks = 0;
            continue;
        }
        redraw = true;
        idle_ticks = 0;
        if (ev.kind == KEYS_RESIZE || !term_big_enough())
            continue; /* the next frame lays out for the new size */
        a->last_key_ms = events_now_ms();
        a->msg[0] = '\0';
        if (a->cur < 0)
            login_key(a, &ev);
        else
            screen_key(a, &ev);
    }
    for (int i = 0; i < APP_SESSIONS_MAX; i++)
        while (a->sessions[i].depth > 0)
            screen_free(a->sessions[i].stack[--a->sessions[i].depth]);
    return 0;
}
