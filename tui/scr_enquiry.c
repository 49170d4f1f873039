/* scr_enquiry.c - F6, logging an enquiry under 首问负责制 (seed 001 篇四 (十)1:
 * "首问责任人对属于自己承办的事项应立即接办，对不属于本窗口办理的应告知具体承办窗口
 * 的责任人"): the item asked about (optional; a code or part of a name, its name
 * shown beside the field as it is typed; prefilled when opened from a guide),
 * the question (required), the applicant's name and telephone (optional,
 * checked by core/phone.h), and the outcome: answered at this window, or
 * handed over to another window (enquiry.handover, C-y: the window is chosen
 * from the windows of the centre, and the A/B posts rostered there today are
 * shown so the clerk can tell the applicant whom to see; the question is the
 * reason of the hand-over).  Enter records it with desk_enquiry(), signed by
 * the clerk logged in; a field that is wrong is marked under it and nothing is
 * recorded.  After an enquiry about an item, the one-time notice
 * (一次性告知单, 篇四 (十)2) of that item is offered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/phone.h"
#include "data/catalog.h"
#include "data/roster.h"
#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"

#define ENQ_WINDOWS 64       /* windows offered for a hand-over */
#define ENQ_CHOICES 9        /* items offered when what was typed matches several */

enum { F_ITEM, F_QUESTION, F_NAME, F_PHONE };

typedef struct {
    ui_form form;
    char prefill[CATALOG_CODE_MAX + 1];   /* the item the screen was opened for ("" none) */
    char to[WINDOW_CODE_BUF];             /* handed over to this window; "" answered here */
    char to_name[WINDOW_NAME_BUF];
    char to_posts[2 * STAFF_NAME_BUF + 80]; /* who serves there today, for the applicant */
    bool done;                            /* recorded: nothing left to lose */
} enquiry;

static const km_action enq_hints[] = {KM_FORM_SUBMIT, KM_ENQUIRY_HANDOVER, KM_FORM_NEXT_FIELD, KM_FORM_CANCEL,
                                      KM_GUIDE_FIND, KM_HELP, KM_NONE};

/* Field i's text without outer blanks into out. */
static char *field_text(const enquiry *e, int i, char *out, size_t size)
{
    char raw[UI_FIELD_CHARS * 4 + 1];
    ui_form_get(&e->form, i, raw, sizeof raw);
    const char *p = raw;
    while (*p == ' ' || *p == '\t')
        p++;
    snprintf(out, size, "%s", p);
    size_t n = strlen(out);
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        out[--n] = '\0';
    return out;
}

/* The note a field shows while nothing is wrong with it. */
static void plain_note(enquiry *e, int i)
{
    ui_form_note(&e->form, i, false, i == F_NAME || i == F_PHONE ? _("optional") : "");
}

/* What the item field names: 1 with *exact (code and name) when it is one item (its code, or the
 * only match), 0 when nothing is typed, else the number of matches found (hits filled, up to max);
 * -1 on a store error.  A code typed exactly wins over matches of its letters elsewhere. */
static int item_lookup(app *a, const char *q, catalog_hit *exact, catalog_hit *hits, int max, int *nhits)
{
    *nhits = 0;
    if (!*q)
        return 0;
    catalog_item it;
    memset(&it, 0, sizeof it);
    int rc = catalog_get(a->db, q, &it, NULL);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        snprintf(exact->code, sizeof exact->code, "%s", it.code);
        snprintf(exact->name, sizeof exact->name, "%s", it.name);
        exact->cls = it.cls;
        catalog_item_free(&it);
        return 1;
    }
    int n = catalog_search(a->db, q, hits, (size_t)max);
    if (n < 0)
        return -1;
    *nhits = n;
    if (n == 1) {
        *exact = hits[0];
        return 1;
    }
    return n == 0 ? -2 : n;
}

/* The note beside the item field, as it is typed. */
static void item_note(enquiry *e, app *a)
{
    char q[UI_FIELD_CHARS * 4 + 1], note[200];
    catalog_hit one, hits[ENQ_CHOICES + 1];
    int n;
    field_text(e, F_ITEM, q, sizeof q);
    int rc = item_lookup(a, q, &one, hits, ENQ_CHOICES + 1, &n);
    if (rc == 0)
        ui_form_note(&e->form, F_ITEM, false, _("optional: code or name"));
    else if (rc == 1)
        ui_form_note(&e->form, F_ITEM, false, one.name);
    else if (rc == -2)
        ui_form_note(&e->form, F_ITEM, false, _("no item matches"));
    else if (rc < 0)
        ui_form_note(&e->form, F_ITEM, true, store_errmsg(a->db));
    else {
        if (n > ENQ_CHOICES)
            snprintf(note, sizeof note, "%s", _("many items match: type more"));
        else
            snprintf(note, sizeof note, _("%d items match: Enter lets you choose"), n);
        ui_form_note(&e->form, F_ITEM, false, note);
    }
}

static const char *enq_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Log an enquiry (first-ask responsibility)");
}

static void enq_draw(screen *s, app *a, int top, int lines)
{
    enquiry *e = s->st;
    char line[400], key[64];
    (void)lines;
    term_put(top, 1, COLS - 2,
             _("Answer what is yours at once; what another window handles, hand over and name who serves there."),
             ROLE_DIM);
    int y = top + 2 + ui_form_rows(&e->form, COLS - 2) + 1;
    term_put(y, 1, e->form.label_cols, _("Outcome"), ROLE_LABEL);
    int x = 1 + e->form.label_cols;
    if (e->to[0])
        snprintf(line, sizeof line, _("handed over to window %s %s (the question is the reason)"), e->to,
                 e->to_name);
    else
        snprintf(line, sizeof line, "%s", _("answered at this window"));
    term_put(y, x, COLS - x - 1, line, e->to[0] ? ROLE_WARN : ROLE_OK);
    if (e->to[0])
        term_put(y + 1, x, COLS - x - 1, e->to_posts, ROLE_NORMAL);
    app_key_for(a, KM_CTX_FORM, KM_ENQUIRY_HANDOVER, key, sizeof key);
    if (key[0]) {
        snprintf(line, sizeof line,
                 e->to[0] ? _("%s: another window, or answered here after all")
                          : _("%s: hand it over to the window that handles it"),
                 key);
        term_put(y + 2, x, COLS - x - 1, line, ROLE_DIM);
    }
    app_key_for(a, KM_CTX_FORM, KM_GUIDE_FIND, key, sizeof key);
    if (key[0]) {
        snprintf(line, sizeof line, _("%s: look the item up in the guide"), key);
        term_put(y + 3, x, COLS - x - 1, line, ROLE_DIM);
    }
    ui_form_draw(&e->form, top + 2, 1, COLS - 2); /* last: the cursor stays in the focused field */
}

typedef struct {
    window_rec *v;
    int n;
    const char *skip;
} win_ctx;

static int collect_window(const window_rec *w, void *ctx)
{
    win_ctx *c = ctx;
    if (strcmp(w->code, c->skip) != 0 && c->n < ENQ_WINDOWS)
        c->v[c->n++] = *w;
    return 0;
}

/* Who serves at the window today (A and B posts), for the applicant. */
static void posts_of(enquiry *e, app *a)
{
    roster_line r;
    char err[STORE_ERR_LEN], day[DATE_STR_LEN];
    if (roster_for(a->db, date_format(a->today, day), e->to, &r, err, sizeof err) == STAFF_OK)
        snprintf(e->to_posts, sizeof e->to_posts, _("Tell the applicant: today A post %s, B post %s"), r.a.name,
                 r.b.name);
    else
        snprintf(e->to_posts, sizeof e->to_posts, "%s", _("Nobody is rostered at that window today."));
}

/* Hand over: choose another window (or, when handed over already, answered here after all). */
static void choose_window(enquiry *e, app *a)
{
    app_session *se = app_session_now(a);
    window_rec *wins = calloc(ENQ_WINDOWS, sizeof *wins);
    if (!wins) {
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return;
    }
    win_ctx c = {wins, 0, se ? se->window : ""};
    char err[STORE_ERR_LEN];
    if (window_list(a->db, collect_window, &c, err, sizeof err) != STAFF_OK) {
        app_message(a, ROLE_ALARM, "%s", err);
        free(wins);
        return;
    }
    if (c.n == 0) {
        app_message(a, ROLE_WARN, "%s", _("There is no other window to hand over to (guichet window add)."));
        free(wins);
        return;
    }
    int first = e->to[0] ? 1 : 0; /* handed over already: option 1 takes it back */
    int max = LINES - 8 - first;  /* what the box can show */
    int n = c.n < max ? c.n : max;
    if (n < 1)
        n = 1;
    char(*text)[WINDOW_CODE_BUF + WINDOW_NAME_BUF + 4] = calloc((size_t)n, sizeof *text);
    const char **opts = calloc((size_t)(n + first), sizeof *opts);
    if (!text || !opts) {
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        free(text);
        free(opts);
        free(wins);
        return;
    }
    if (first)
        opts[0] = _("Answered here after all (no hand-over)");
    for (int i = 0; i < n; i++) {
        snprintf(text[i], sizeof text[i], "%-8s  %s", wins[i].code, wins[i].name);
        opts[first + i] = text[i];
    }
    int k = app_choose(a, _("Hand over to which window?"), opts, n + first);
    if (k >= first) {
        const window_rec *w = &wins[k - first];
        snprintf(e->to, sizeof e->to, "%s", w->code);
        snprintf(e->to_name, sizeof e->to_name, "%s", w->name);
        posts_of(e, a);
        app_message(a, ROLE_NORMAL, _("Handed over to window %s: Enter logs the enquiry."), e->to);
    } else if (k == 0 && first) {
        e->to[0] = e->to_name[0] = e->to_posts[0] = '\0';
        app_message(a, ROLE_NORMAL, "%s", _("Answered at this window."));
    }
    free(text);
    free(opts);
    free(wins);
}

/* The item typed, resolved to a code in out ("" when none): 0; 1 when the field is marked wrong;
 * -1 when nothing can go on (a store error shown, or the clerk cancelled the choice). */
static int resolve_item(enquiry *e, app *a, bool may_choose, char *out, size_t size)
{
    char q[UI_FIELD_CHARS * 4 + 1];
    catalog_hit one, hits[ENQ_CHOICES + 1];
    int n;
    out[0] = '\0';
    field_text(e, F_ITEM, q, sizeof q);
    int rc = item_lookup(a, q, &one, hits, ENQ_CHOICES + 1, &n);
    if (rc == 0)
        return 0;
    if (rc == -1) {
        app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
        return -1;
    }
    if (rc == -2) {
        ui_form_note(&e->form, F_ITEM, true, _("no item matches: leave it empty, or find it with the guide"));
        return 1;
    }
    if (rc > 1) {
        if (n > ENQ_CHOICES) {
            ui_form_note(&e->form, F_ITEM, true, _("many items match: type more of the name, or the code"));
            return 1;
        }
        if (!may_choose)
            return 0; /* asked for once the other fields are right */
        char text[ENQ_CHOICES][CATALOG_CODE_MAX + CATALOG_NAME_MAX + 4];
        const char *opts[ENQ_CHOICES];
        for (int i = 0; i < n; i++) {
            snprintf(text[i], sizeof text[i], "%.*s  %.*s", CATALOG_CODE_MAX, hits[i].code, CATALOG_NAME_MAX,
                     hits[i].name);
            opts[i] = text[i];
        }
        int k = app_choose(a, _("Which item was asked about?"), opts, n);
        if (k < 0)
            return -1;
        one = hits[k];
    }
    ui_form_set(&e->form, F_ITEM, one.code);
    ui_form_note(&e->form, F_ITEM, false, one.name);
    snprintf(out, size, "%s", one.code);
    return 0;
}

/* Open the one-time notice in this screen's place: it goes on top, and SCR_CLOSE then closes this
 * screen from under it (app.c closes a screen wherever it is in the stack). */
static scr_rc close_into(app *a, screen *next)
{
    app_push(a, next);
    return SCR_CLOSE;
}

static scr_rc submit(screen *s, app *a)
{
    enquiry *e = s->st;
    char question[UI_FIELD_CHARS * 4 + 1], name[UI_FIELD_CHARS * 4 + 1], phone[UI_FIELD_CHARS * 4 + 1];
    char item[CATALOG_CODE_MAX + 1];
    int bad = -1;
    for (int i = F_QUESTION; i <= F_PHONE; i++)
        plain_note(e, i);
    if (!*field_text(e, F_QUESTION, question, sizeof question)) {
        ui_form_note(&e->form, F_QUESTION, true, _("required: what the applicant asked"));
        bad = F_QUESTION;
    }
    field_text(e, F_NAME, name, sizeof name);
    if (*field_text(e, F_PHONE, phone, sizeof phone)) {
        phone_info pi;
        phone_status st = phone_validate(phone, &pi);
        if (st != PHONE_OK) {
            ui_form_note(&e->form, F_PHONE, true, _(phone_reason(st)));
            if (bad < 0)
                bad = F_PHONE;
        } else {
            ui_form_set(&e->form, F_PHONE, pi.number);
            snprintf(phone, sizeof phone, "%s", pi.number);
        }
    }
    int rc = resolve_item(e, a, bad < 0, item, sizeof item);
    if (rc < 0)
        return SCR_STAY;
    if (rc > 0)
        bad = F_ITEM;
    if (bad >= 0) {
        e->form.focus = bad;
        app_message(a, ROLE_WARN, "%s", _("Nothing was logged: correct the marked field."));
        return SCR_STAY;
    }
    desk_who who = app_who(a);
    char err[DESK_ERR_LEN];
    if (desk_enquiry(a->db, &who, item[0] ? item : NULL, question, e->to[0] ? e->to : NULL, name, phone, err,
                     sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return SCR_STAY;
    }
    e->done = true;
    if (e->to[0])
        app_message(a, ROLE_OK, _("Enquiry logged, handed over to window %s."), e->to);
    else
        app_message(a, ROLE_OK, "%s", _("Enquiry logged"));
    if (item[0] && app_confirm(a, _("Print the one-time notice of this item for the applicant?")))
        return close_into(a, scr_notice_item_new(a, item));
    return SCR_CLOSE;
}

static scr_rc enq_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    enquiry *e = s->st;
    if (act == KM_ENQUIRY_HANDOVER) {
        choose_window(e, a);
        return SCR_STAY;
    }
    if (act == KM_ENQUIRY_LOG)
        return SCR_STAY; /* this is the enquiry */
    const char *why = NULL;
    int focus = e->form.focus;
    switch (ui_form_key(&e->form, ev, act, &why)) {
    case UI_FORM_SUBMIT: return submit(s, a);
    case UI_FORM_CANCEL: return SCR_CLOSE;
    case UI_FORM_EDITED:
        if (focus == F_ITEM)
            item_note(e, a);
        else
            plain_note(e, focus);
        return SCR_STAY;
    case UI_FORM_REFUSED: app_message(a, ROLE_WARN, "%s", why ? _(why) : ""); return SCR_STAY;
    case UI_FORM_MOVED: return SCR_STAY;
    case UI_FORM_NONE: break;
    }
    return SCR_PASS;
}

static bool enq_dirty(screen *s)
{
    enquiry *e = s->st;
    if (e->done)
        return false;
    char item[UI_FIELD_CHARS * 4 + 1];
    field_text(e, F_ITEM, item, sizeof item);
    for (int i = F_QUESTION; i <= F_PHONE; i++)
        if (e->form.fields[i].f.len > 0)
            return true;
    return e->to[0] || strcmp(item, e->prefill) != 0;
}

static void enq_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops enq_ops = {
    "enquiry", KM_CTX_FORM, true, enq_title, enq_draw, enq_key, enq_dirty, enq_free, enq_hints,
};

screen *scr_enquiry_new(app *a, const char *item)
{
    enquiry *e = calloc(1, sizeof *e);
    screen *s = e ? screen_new(&enq_ops, e) : NULL;
    if (!s) {
        free(e);
        return NULL;
    }
    ui_form_init(&e->form);
    e->form.errors_below = true; /* a wrong field says why in full, under it */
    ui_form_add(&e->form, _("Item"), CATALOG_CODE_MAX, 16, false);
    ui_form_add(&e->form, _("Question"), UI_FIELD_CHARS, 0, false);
    ui_form_add(&e->form, _("Asked by"), 40, 20, false);
    ui_form_add(&e->form, _("Telephone"), 24, 20, false);
    plain_note(e, F_NAME);
    plain_note(e, F_PHONE);
    if (item && *item) {
        catalog_item it;
        memset(&it, 0, sizeof it);
        if (catalog_get(a->db, item, &it, NULL) == 0)
            snprintf(e->prefill, sizeof e->prefill, "%s", it.code);
        else
            snprintf(e->prefill, sizeof e->prefill, "%s", item);
        catalog_item_free(&it);
        ui_form_set(&e->form, F_ITEM, e->prefill);
    }
    item_note(e, a);
    e->form.focus = F_QUESTION;
    return s;
}
