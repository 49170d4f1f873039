/* scr_drill.c - the drill panel (guichet --drill, issue 7): the banner every
 * frame starts with in a drill, the drill day, the queue of simulated
 * applicants (done, at the window, waiting), the applicant at the window as
 * they present themselves (name, what they say, the item they ask for, the
 * ID number on their form and on their card, each material in their own
 * words: never as ticks, the trainee ticks them in the intake, F2), the
 * "called to a meeting" line after a handoff_after applicant, and the return
 * visits on their day.  Enter / n calls the next (drill_call; the one before
 * is drill_done); the app's today follows the queue's day.  e ends the drill
 * (asked first): drill_score_run, the result files (drill_result_write) and
 * the result screen, each applicant's score and each deduction in words.
 * The queue's state is this file's (one drill per process). */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/catalog.h"
#include "data/events.h"
#include "tui/app.h"
#include "tui/i18n.h"

#define DOC_PARAS 240  /* paragraphs of a panel or a result */
#define DOC_TEXT 720   /* bytes of one paragraph */
#define VISITS_MAX (DRILL_APPLICANTS_MAX * 2)

/* One visit to the window: an applicant's first, or their return. */
typedef struct {
    size_t idx;     /* in sc.applicants */
    bool returning;
    int day;
} visit;

/* The queue (one drill per process). */
static struct {
    bool built;
    visit v[VISITS_MAX];
    int n;
    int next;       /* the next visit to call */
    int cur;        /* the visit at the window, -1 none */
    bool meeting;   /* the trainee was just called to a meeting (after a handoff_after applicant) */
    bool ended;     /* e: the drill is scored */
    drill_result res;
    char txt[1024], csv[1024];
} q;

/* Text laid out in paragraphs (each flowed over the width), scrolled by paragraph. */
typedef struct {
    char text[DOC_PARAS][DOC_TEXT];
    term_role role[DOC_PARAS];
    int indent[DOC_PARAS];
    int n;
    int top;
} doc;

static const km_action drill_hints[] = {KM_HELP, KM_INTAKE_NEW, KM_HANDOFF_LEAVE, KM_FORM_CANCEL, KM_NONE};

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

static void doc_add(doc *d, term_role role, int indent, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void doc_add(doc *d, term_role role, int indent, const char *fmt, ...)
{
    if (d->n >= DOC_PARAS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->text[d->n], DOC_TEXT, fmt, ap);
    va_end(ap);
    d->role[d->n] = role;
    d->indent[d->n++] = indent;
}

/* Draw the paragraphs from d->top in rows top .. top+lines-2, the keys line (keys) in the last row. */
static void doc_draw(doc *d, int top, int lines, const char *keys)
{
    int y = top, bottom = top + lines - 1;
    if (d->top >= d->n)
        d->top = d->n > 0 ? d->n - 1 : 0;
    int i = d->top;
    for (; i < d->n && y < bottom; i++) {
        int cols = COLS - 2 - d->indent[i];
        if (!d->text[i][0]) {
            y++;
            continue;
        }
        y += term_put_flowed(y, 1 + d->indent[i], cols, bottom - y, d->text[i], d->role[i]);
    }
    char line[400];
    if (d->top > 0 || i < d->n)
        snprintf(line, sizeof line, _("%s   (more: Up / Down / PageDown)"), keys);
    else
        snprintf(line, sizeof line, "%s", keys);
    term_put(bottom, 1, COLS - 2, line, ROLE_DIM);
}

/* A list action on the paragraphs; true when it was one. */
static bool doc_scroll(doc *d, km_action act)
{
    int page = LINES / 3 > 1 ? LINES / 3 : 1;
    switch (act) {
    case KM_LIST_UP: d->top = d->top > 0 ? d->top - 1 : 0; return true;
    case KM_LIST_DOWN: d->top = d->top + 1 < d->n ? d->top + 1 : d->top; return true;
    case KM_LIST_PAGE_UP: d->top = d->top > page ? d->top - page : 0; return true;
    case KM_LIST_PAGE_DOWN: d->top = d->top + page < d->n ? d->top + page : (d->n > 0 ? d->n - 1 : 0); return true;
    case KM_LIST_HOME: d->top = 0; return true;
    case KM_LIST_END: d->top = d->n > 0 ? d->n - 1 : 0; return true;
    default: return false;
    }
}

/* ---- the banner ----------------------------------------------------------------------------- */

int app_drill_banner(app *a, int y)
{
    if (!a->drill)
        return 0;
    char text[80];
    snprintf(text, sizeof text, " %s ", _("DRILL"));
    int w = term_put(y, 0, COLS, text, ROLE_ALARM);
    mvchgat(y, 0, w, A_REVERSE | A_BOLD, term_has_colours() ? ROLE_ALARM : 0, NULL);
    return w;
}

void app_drill_after_login(app *a)
{
    app_session *se = app_session_now(a);
    if (a->drill && se && strcmp(se->staff.code, a->drill->sc.trainee_code) == 0)
        app_push(a, scr_drill_new(a));
}

/* ---- the queue ------------------------------------------------------------------------------ */

/* The visits in the order they come: by day; on a day, first visits then returns, in file order. */
static void queue_build(const drill_scenario *sc)
{
    int last = 1;
    q.n = 0;
    for (size_t i = 0; i < sc->napplicants; i++) {
        last = sc->applicants[i].day > last ? sc->applicants[i].day : last;
        last = sc->applicants[i].return_day > last ? sc->applicants[i].return_day : last;
    }
    for (int day = 1; day <= last && q.n < VISITS_MAX; day++)
        for (int ret = 0; ret < 2; ret++)
            for (size_t i = 0; i < sc->napplicants && q.n < VISITS_MAX; i++) {
                int d = ret ? sc->applicants[i].return_day : sc->applicants[i].day;
                if (d == day)
                    q.v[q.n++] = (visit){i, ret != 0, day};
            }
    q.next = 0;
    q.cur = -1;
    q.built = true;
}

static const drill_applicant *applicant_of(app *a, int visit_no)
{
    return &a->drill->sc.applicants[q.v[visit_no].idx];
}

/* Enter / n: the one at the window is done (a handoff_after one sends the trainee to a meeting
 * first), then the next is called; the day moves on when the next comes on a later day. */
static void call_next(app *a)
{
    int64_t now = events_now_ms();
    if (q.ended) {
        app_message(a, ROLE_DIM, "%s", _("The drill has ended: e shows the result again."));
        return;
    }
    if (q.cur >= 0) {
        const drill_applicant *ap = applicant_of(a, q.cur);
        if (drill_done(a->drill, q.v[q.cur].idx, now) != 0)
            app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
        q.cur = -1;
        if (ap->handoff_after) {
            q.meeting = true;
            return;
        }
    }
    q.meeting = false;
    if (q.next >= q.n) {
        app_message(a, ROLE_OK, "%s", _("Nobody else is waiting: press e to end the drill and see the score."));
        return;
    }
    visit *v = &q.v[q.next];
    if (v->day > a->drill_day) {
        char day[DATE_STR_LEN];
        a->drill_day = v->day;
        a->today = drill_day_date(&a->drill->sc, v->day);
        app_message(a, ROLE_WARN, _("Drill day %d begins: %s."), v->day, date_format(a->today, day));
    }
    if (drill_call(a->drill, v->idx, v->returning, now) != 0) {
        app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
        return;
    }
    q.cur = q.next++;
}

/* ---- the panel ------------------------------------------------------------------------------ */

typedef struct {
    doc d;
} panel;

/* The item's name and the names of its materials (catalog_get); 0, or -1 (unknown item). */
static int item_of(app *a, const char *code, catalog_item *item, catalog_materials *mats)
{
    memset(item, 0, sizeof *item);
    memset(mats, 0, sizeof *mats);
    return catalog_get(a->db, code, item, mats) == 0 ? 0 : -1;
}

static const char *material_name(const catalog_materials *mats, int n)
{
    for (size_t i = 0; i < mats->n; i++)
        if (mats->v[i].n == n)
            return mats->v[i].name;
    return "?";
}

/* The names in the queue with state st: 0 done, 1 at the window, 2 waiting; "" when none. */
static void queue_names(app *a, int st, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < q.n; i++) {
        int s = i == q.cur ? 1 : i < q.next ? 0 : 2;
        if (s != st)
            continue;
        char one[160];
        const drill_applicant *ap = applicant_of(a, i);
        if (st == 2 && q.v[i].day > a->drill_day)
            snprintf(one, sizeof one, _("%s (day %d)"), ap->name, q.v[i].day);
        else if (q.v[i].returning)
            snprintf(one, sizeof one, _("%s (back)"), ap->name);
        else
            snprintf(one, sizeof one, "%s", ap->name);
        int w = snprintf(out + used, len - used, "%s%s", used ? _(", ") : "", one);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
}

/* The applicant at the window as they present themselves. */
static void add_applicant(app *a, doc *d)
{
    const visit *v = &q.v[q.cur];
    const drill_applicant *ap = applicant_of(a, q.cur);
    catalog_item item;
    catalog_materials mats;
    bool known = item_of(a, ap->item, &item, &mats) == 0;
    doc_add(d, ROLE_LABEL, 0, _("At the window: %s"), ap->name);
    if (v->returning) {
        doc_add(d, ROLE_NORMAL, 2, _("\"I have come back with what was missing.\""));
        doc_add(d, ROLE_NORMAL, 2, _("They asked for: %s (%s)"), known ? item.name : "?", ap->item);
        doc_add(d, ROLE_LABEL, 2, "%s", _("What they hand over now:"));
        for (size_t i = 0; i < ap->nreturn; i++)
            doc_add(d, ROLE_NORMAL, 4, "- %s", material_name(&mats, ap->return_brings[i]));
        doc_add(d, ROLE_DIM, 2, "%s", _("Find their case (F4 / F5) and go on with it."));
    } else {
        doc_add(d, ROLE_NORMAL, 2, _("They say: \"%s\""), ap->says);
        doc_add(d, ROLE_NORMAL, 2, _("They ask for: %s (%s)"), known ? item.name : "?", ap->item);
        doc_add(d, ROLE_NORMAL, 2, _("ID number written on the form: %s"), ap->id_form[0] ? ap->id_form : ap->id_card);
        doc_add(d, ROLE_NORMAL, 2, _("ID number on the ID card:      %s"), ap->id_card);
        if (ap->phone[0])
            doc_add(d, ROLE_NORMAL, 2, _("Phone: %s"), ap->phone);
        doc_add(d, ROLE_LABEL, 2, "%s", ap->nbrought ? _("They hand over:") : _("They hand over nothing."));
        for (size_t i = 0; i < ap->nbrought; i++)
            doc_add(d, ROLE_NORMAL, 4, "- %s", ap->brought[i].said);
        char key[64];
        doc_add(d, ROLE_DIM, 2, _("Receive them as usual: %s."), app_key_for(a, KM_CTX_GLOBAL, KM_INTAKE_NEW, key, sizeof key));
    }
    if (ap->handoff_after) {
        char key[64];
        doc_add(d, ROLE_WARN, 2, _("After this applicant you are called to a meeting: hand the window over to the B post first (%s)."),
                app_key_for(a, KM_CTX_GLOBAL, KM_HANDOFF_LEAVE, key, sizeof key));
    }
    catalog_item_free(&item);
    catalog_materials_free(&mats);
}

static void panel_build(app *a, doc *d)
{
    char day[DATE_STR_LEN], names[2048];
    const drill_run *r = a->drill;
    int top = d->top;
    d->n = 0;
    d->top = top;
    doc_add(d, ROLE_LABEL, 0, _("%s - trainee %s"), r->sc.title, r->trainee);
    doc_add(d, ROLE_NORMAL, 0, _("Drill day %d: %s"), a->drill_day, date_format(a->today, day));
    queue_names(a, 0, names, sizeof names);
    doc_add(d, ROLE_DIM, 0, _("Done: %s"), names[0] ? names : _("nobody yet"));
    queue_names(a, 2, names, sizeof names);
    doc_add(d, ROLE_NORMAL, 0, _("Waiting: %s"), names[0] ? names : _("nobody"));
    doc_add(d, ROLE_NORMAL, 0, "%s", "");
    if (q.ended) {
        doc_add(d, ROLE_OK, 0, _("The drill has ended. Total score: %d"), q.res.total);
        doc_add(d, ROLE_DIM, 0, "%s", _("e shows the result again."));
    } else if (q.meeting) {
        char key[64];
        doc_add(d, ROLE_ALARM, 0, _("You are called to a meeting: hand the window over to the B post first (%s)."),
                app_key_for(a, KM_CTX_GLOBAL, KM_HANDOFF_LEAVE, key, sizeof key));
        doc_add(d, ROLE_DIM, 0, "%s", _("Then call the next applicant (Enter)."));
    } else if (q.cur >= 0) {
        add_applicant(a, d);
    } else if (q.next < q.n) {
        doc_add(d, ROLE_DIM, 0, "%s", _("Nobody at the window: Enter calls the next applicant."));
    } else {
        doc_add(d, ROLE_DIM, 0, "%s", _("Nobody else is waiting: press e to end the drill and see the score."));
    }
}

static const char *panel_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Drill");
}

static void panel_draw(screen *s, app *a, int top, int lines)
{
    panel *p = s->st;
    panel_build(a, &p->d);
    doc_draw(&p->d, top, lines, _("Enter/n next applicant   e end the drill   Esc back"));
}

static screen *scr_drill_result_new(app *a);

/* e: end the drill (asked first), score it, write the result files and show the result. */
static void end_drill(app *a)
{
    char err[DRILL_ERR_LEN];
    if (q.ended) {
        app_push(a, scr_drill_result_new(a));
        return;
    }
    if (!app_confirm(a, _("End the drill now and see the score? Nobody more can be served.")))
        return;
    if (q.cur >= 0 && drill_done(a->drill, q.v[q.cur].idx, events_now_ms()) != 0)
        app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
    q.cur = -1;
    q.meeting = false;
    if (drill_score_run(a->drill, a->cal, &q.res, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    q.ended = true;
    const char *dir = a->cfg.save_dir[0] ? a->cfg.save_dir : ".";
    if (drill_result_write(&q.res, dir, translate, q.txt, sizeof q.txt, q.csv, sizeof q.csv, err, sizeof err) != 0) {
        q.txt[0] = q.csv[0] = '\0';
        app_message(a, ROLE_ALARM, "%s", err);
    }
    app_push(a, scr_drill_result_new(a));
}

static scr_rc panel_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    panel *p = s->st;
    if (ev->kind == KEYS_TEXT && (ev->ch == 'n' || ev->ch == 'N')) {
        call_next(a);
        return SCR_STAY;
    }
    if (ev->kind == KEYS_TEXT && (ev->ch == 'e' || ev->ch == 'E')) {
        end_drill(a);
        return SCR_STAY;
    }
    if (act == KM_FORM_SUBMIT) {
        call_next(a);
        return SCR_STAY;
    }
    if (act == KM_FORM_CANCEL)
        return SCR_CLOSE;
    if (act == KM_DRILL_OPEN)
        return SCR_STAY; /* already here */
    if (doc_scroll(&p->d, act))
        return SCR_STAY;
    return SCR_PASS;
}

static void panel_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops panel_ops = {
    "drill", KM_CTX_LIST, false, panel_title, panel_draw, panel_key, NULL, panel_free, drill_hints,
};

screen *scr_drill_new(app *a)
{
    if (!a->drill) {
        app_message(a, ROLE_DIM, "%s", _("This is not a drill: the drill panel opens only with guichet --drill."));
        return NULL;
    }
    if (!q.built)
        queue_build(&a->drill->sc);
    panel *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    screen *s = screen_new(&panel_ops, p);
    if (!s)
        free(p);
    return s;
}

/* ---- the result ----------------------------------------------------------------------------- */

typedef struct {
    doc d;
} result_scr;

/* One deduction in words: the points, the reason, the material's name when it names one. */
static void add_deduction(doc *d, const drill_deduction *x, const catalog_materials *mats)
{
    const char *why = _(drill_deduction_reason(x->kind));
    if (x->material > 0)
        doc_add(d, ROLE_WARN, 4, _("-%d  %s: %s"), x->points, why, material_name(mats, x->material));
    else
        doc_add(d, ROLE_WARN, 4, _("-%d  %s"), x->points, why);
}

static void add_line(app *a, doc *d, size_t i, const drill_line *l)
{
    catalog_item item;
    catalog_materials mats;
    bool known = item_of(a, l->a->item, &item, &mats) == 0;
    doc_add(d, l->score.score == 100 ? ROLE_OK : ROLE_LABEL, 0, _("%d. %s  %s (%s): %d points"), (int)i + 1, l->a->name,
            known ? item.name : "?", l->a->item, l->score.score);
    doc_add(d, ROLE_DIM, 4, _("expected: %s"), _(ck_outcome_label(l->expect.outcome)));
    if (l->a->ineligible && l->a->ineligible_why[0])
        doc_add(d, ROLE_DIM, 4, _("why it had to be refused: %s"), l->a->ineligible_why);
    for (size_t k = 0; k < l->score.nd; k++)
        add_deduction(d, &l->score.d[k], &mats);
    if (l->score.nd == 0)
        doc_add(d, ROLE_OK, 4, "%s", _("no deduction"));
    catalog_item_free(&item);
    catalog_materials_free(&mats);
}

static void result_build(app *a, doc *d)
{
    const drill_result *res = &q.res;
    doc_add(d, ROLE_LABEL, 0, _("%s - trainee %s"), res->scenario_title, res->trainee);
    doc_add(d, ROLE_OK, 0, _("Total score: %d"), res->total);
    doc_add(d, ROLE_NORMAL, 0, "%s", "");
    for (size_t i = 0; i < res->n; i++)
        add_line(a, d, i, &res->lines[i]);
    doc_add(d, ROLE_NORMAL, 0, "%s", "");
    if (q.txt[0]) {
        doc_add(d, ROLE_DIM, 0, _("Result written to %s"), q.txt);
        doc_add(d, ROLE_DIM, 0, _("and to %s"), q.csv);
    } else {
        doc_add(d, ROLE_ALARM, 0, "%s", _("The result files could not be written (see the message line)."));
    }
}

static const char *result_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Drill result");
}

static void result_draw(screen *s, app *a, int top, int lines)
{
    result_scr *r = s->st;
    (void)a;
    doc_draw(&r->d, top, lines, _("Esc back"));
}

static scr_rc result_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    result_scr *r = s->st;
    (void)a;
    (void)ev;
    if (act == KM_FORM_CANCEL)
        return SCR_CLOSE;
    if (doc_scroll(&r->d, act))
        return SCR_STAY;
    return SCR_PASS;
}

static const km_action result_hints[] = {KM_HELP, KM_FORM_CANCEL, KM_QUIT, KM_NONE};

static const screen_ops result_ops = {
    "drill_result", KM_CTX_LIST, false, result_title, result_draw, result_key, NULL, panel_free, result_hints,
};

static screen *scr_drill_result_new(app *a)
{
    result_scr *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    result_build(a, &r->d);
    screen *s = screen_new(&result_ops, r);
    if (!s)
        free(r);
    return s;
}
