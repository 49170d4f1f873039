/* scr_case.c - one case (办件) on screen: the header (number, item, class,
 * status, applicant with masked ID and phone, window, the dates, the
 * supervision state with its mark, 跑动次数, the 容缺 deadline, the reason),
 * then two panes the clerk toggles with Tab: the materials as last checked
 * (主/副, 齐/缺/不符 with the note) with the notices issued (一次性告知
 * breaches flagged), and the history of events in words.
 *
 * The actions the case's status allows are listed on screen; the others are
 * refused with the reason: r the applicant is back with the 补正 materials (a
 * checklist, then desk_resume and the notice issued), c the 容缺 materials
 * arrived, a approve / x deny, o deliver (出件, then the applicant rates),
 * w withdraw, p print a notice again, F12 the applicant's rating.  After an
 * action the case is read again.  Letters are safe: nothing is typed here
 * (keymap context "list"; the checklist uses the "checklist" context). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "data/cases.h"
#include "data/catalog.h"
#include "data/caseview.h"
#include "data/desk.h"
#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/ui_list.h"
#include "tui/ui_marks.h"

#define PANE_MATERIALS 0
#define PANE_HISTORY 1

/* The materials brought back for a 补正 case, ticked one by one. */
typedef struct {
    catalog_materials mats;
    ck_presence st[CK_MAX_MATERIALS];
    char note[CK_MAX_MATERIALS][DESK_REASON_MAX + 1];
    int n;
    ui_list list;
    bool changed;
} resume_ck;

typedef struct {
    char id[EV_SUBJECT_MAX + 1];
    char title[200];
    cv_case c;
    cv_event hist[CV_HISTORY_MAX];
    int nhist;
    char err[STORE_ERR_LEN];
    bool stale;                 /* read the case again at the next draw */
    int pane;
    ui_list pl[2];              /* scrolling of each pane */
    char result[600];           /* what the last action did ("" none) */
    term_role result_role;
    bool resuming;              /* the 补正 checklist is on screen */
    resume_ck ck;
} case_scr;

static const km_action detail_hints[] = {KM_HELP, KM_CASE_LIST, KM_CASE_SEARCH, KM_FORM_CANCEL, KM_QUIT, KM_NONE};
static const km_action resume_hints[] = {KM_CHECKLIST_PRESENT, KM_CHECKLIST_MISSING, KM_CHECKLIST_DEFECTIVE,
                                         KM_FORM_SUBMIT, KM_FORM_CANCEL, KM_HELP, KM_NONE};

static const screen_ops detail_ops, resume_ops;

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

/* ---- reading ----------------------------------------------------------------------------- */

/* Read the case and its history; 0, 1 when it is gone, -1 error (in cs->err). */
static int reload(case_scr *cs, app *a)
{
    cv_scope sc = {a->today, a->cal, a->cfg.due_soon_days, 0, NULL};
    app_session *se = app_session_now(a);
    if (se)
        sc.staff = (int32_t)se->staff.num;
    cs->err[0] = '\0';
    cs->stale = false;
    int rc = cv_case_get(a->db, &sc, cs->id, &cs->c);
    if (rc < 0) {
        snprintf(cs->err, sizeof cs->err, "%s", store_errmsg(a->db));
        return -1;
    }
    if (rc == 1) {
        snprintf(cs->err, sizeof cs->err, _("There is no case %s in this terminal's file."), cs->id);
        return 1;
    }
    if (cv_history(a->db, cs->id, translate, cs->hist, CV_HISTORY_MAX, &cs->nhist) != 0) {
        snprintf(cs->err, sizeof cs->err, "%s", store_errmsg(a->db));
        cs->nhist = 0;
    }
    ui_list_resize(&cs->pl[PANE_MATERIALS], cs->c.nmaterials + 1 + (cs->c.nnotices > 0 ? cs->c.nnotices : 1));
    ui_list_resize(&cs->pl[PANE_HISTORY], cs->nhist);
    return 0;
}

/* ---- what the status allows ----------------------------------------------------------------- */

typedef enum {
    ACT_RESUME = 0,
    ACT_COMPLETE,
    ACT_APPROVE,
    ACT_DENY,
    ACT_DELIVER,
    ACT_WITHDRAW,
    ACT_PRINT,
    ACT_RATE,
    ACT_COUNT
} case_act;

static const struct {
    int key;             /* 0: the rating, reached by evaluation.record */
    const char *label;
} acts[ACT_COUNT] = {
    [ACT_RESUME] = {'r', N_("materials back")},
    [ACT_COMPLETE] = {'c', N_("deferred materials in")},
    [ACT_APPROVE] = {'a', N_("approve")},
    [ACT_DENY] = {'x', N_("deny")},
    [ACT_DELIVER] = {'o', N_("deliver")},
    [ACT_WITHDRAW] = {'w', N_("withdraw")},
    [ACT_PRINT] = {'p', N_("print a notice")},
    [ACT_RATE] = {0, N_("rating")},
};

static bool decided(case_status s)
{
    return s == CASE_APPROVED || s == CASE_DENIED || s == CASE_DELIVERED || s == CASE_ARCHIVED;
}

/* 容缺 materials still outstanding: accepted under 容缺, not decided, and a material not yet present. */
static bool deferred_open(const cv_case *c)
{
    case_status s = c->row.status;
    if (!c->deferred || decided(s) || case_status_is_terminal(s))
        return false;
    if (s == CASE_DEFERRED)
        return true;
    for (int i = 0; i < c->nmaterials; i++)
        if (c->materials[i].status != CK_PRESENT)
            return true;
    return false;
}

/* notice_kind of a stored kind name; -1 for none ("return" has no document of its own). */
static int kind_of(const char *name)
{
    for (int k = 0; k < NOTICE_KIND_COUNT; k++)
        if (notice_kind_name((notice_kind)k) && strcmp(notice_kind_name((notice_kind)k), name) == 0)
            return k;
    return -1;
}

static bool has_printable_notice(const cv_case *c)
{
    for (int i = 0; i < c->nnotices; i++)
        if (kind_of(c->notices[i].kind) >= 0)
            return true;
    return false;
}

/* True when the case's status allows act; else false with the reason (translated) in why. */
static bool allowed(const cv_case *c, case_act act, char *why, size_t len)
{
    case_status s = c->row.status;
    const char *st = _(case_status_label(s));
    why[0] = '\0';
    switch (act) {
    case ACT_RESUME:
        if (s == CASE_SUPPLEMENT)
            return true;
        snprintf(why, len, _("Only a case waiting for supplementary materials takes them back; this one is %s."), st);
        return false;
    case ACT_COMPLETE:
        if (deferred_open(c))
            return true;
        if (c->deferred && !decided(s) && !case_status_is_terminal(s))
            snprintf(why, len, "%s", _("The deferred materials of this case have already arrived."));
        else
            snprintf(why, len, "%s", _("This case has no deferred materials outstanding."));
        return false;
    case ACT_APPROVE:
    case ACT_DENY:
        if (decided(s))
            snprintf(why, len, _("This case is already decided (%s)."), st);
        else if (case_status_is_terminal(s))
            snprintf(why, len, _("This case is closed (%s)."), st);
        else if (s == CASE_RECEIVED || s == CASE_SUPPLEMENT)
            snprintf(why, len, _("This case has not been accepted yet (%s): it cannot be decided."), st);
        else if (c->row.cls == CASE_CLASS_REFERRED && s != CASE_REFERRED)
            snprintf(why, len, "%s", _("A referred case is decided once it has been forwarded to the higher level."));
        else if (act == ACT_APPROVE && deferred_open(c))
            snprintf(why, len, "%s", _("It cannot be approved while deferred materials are outstanding (c records them)."));
        else
            return true;
        return false;
    case ACT_DELIVER:
        if (s == CASE_APPROVED || s == CASE_DENIED)
            return true;
        if (s == CASE_DELIVERED || s == CASE_ARCHIVED)
            snprintf(why, len, _("The result was already delivered (%s)."), c->delivered);
        else
            snprintf(why, len, _("Only a decided case is delivered; this one is %s."), st);
        return false;
    case ACT_WITHDRAW:
        if (!decided(s) && !case_status_is_terminal(s))
            return true;
        if (decided(s))
            snprintf(why, len, _("This case is already decided (%s): it can no longer be withdrawn."), st);
        else
            snprintf(why, len, _("This case is closed (%s)."), st);
        return false;
    case ACT_PRINT:
        if (has_printable_notice(c))
            return true;
        snprintf(why, len, "%s", _("No notice has been issued for this case."));
        return false;
    case ACT_RATE:
        if (c->evaluated)
            snprintf(why, len, "%s", _("The applicant has already rated this case: one evaluation per case."));
        else if (!decided(s) && !case_status_is_terminal(s))
            snprintf(why, len, _("A case is rated once it is decided or closed; this one is %s."), st);
        else
            return true;
        return false;
    case ACT_COUNT:
        break;
    }
    return false;
}

/* ---- labels ---------------------------------------------------------------------------------- */

/* The event types of docs/storage.md §6 and their labels. */
static const char *const event_labels[][2] = {
    {"case.received", N_("received")},
    {"case.supplement_requested", N_("supplement asked")},
    {"case.materials_completed", N_("materials complete")},
    {"case.accepted", N_("accepted")},
    {"case.accepted_deferred", N_("accepted (deferred)")},
    {"case.review_started", N_("review")},
    {"case.referred", N_("forwarded up")},
    {"case.approved", N_("approved")},
    {"case.denied", N_("denied")},
    {"case.delivered", N_("delivered")},
    {"case.archived", N_("archived")},
    {"case.rejected", N_("not accepted")},
    {"case.returned", N_("returned")},
    {"case.withdrawn", N_("withdrawn")},
    {"case.status_from_centre", N_("centre status")},
    {"material.checked", N_("material checked")},
    {"notice.issued", N_("notice printed")},
    {"evaluation.given", N_("rated")},
    {"followup.step", N_("follow-up step")},
    {"evaluation.appealed", N_("rating appealed")},
    {"evaluation.appeal_decided", N_("appeal decided")},
    {"complaint.registered", N_("complaint")},
    {"complaint.extended", N_("complaint extended")},
    {"complaint.concluded", N_("complaint closed")},
    {"complaint.excluded", N_("complaint excluded")},
    {"enquiry.logged", N_("enquiry")},
    {"attendance.punched", N_("attendance")},
    {"duty.day_started", N_("duty day")},
    {"duty.handoff", N_("A/B handoff")},
    {"case.reassigned", N_("reassigned")},
    {"attendance.corrected", N_("attendance corrected")},
    {"leave.requested", N_("leave asked")},
    {"leave.decided", N_("leave decided")},
    {"leave.ended", N_("leave ended")},
    {"leader.day_planned", N_("leader on site")},
};

static const char *event_label(const char *type)
{
    for (size_t i = 0; i < sizeof event_labels / sizeof event_labels[0]; i++)
        if (strcmp(type, event_labels[i][0]) == 0)
            return _(event_labels[i][1]);
    return type;
}

static const char *notice_label(const char *kind)
{
    int k = kind_of(kind);
    if (k >= 0 && notice_title((notice_kind)k))
        return _(notice_title((notice_kind)k));
    if (strcmp(kind, "return") == 0)
        return _("Return notice");
    return kind;
}

static const char *kind_short(ck_kind k)
{
    /* TRANSLATORS: short marks in the materials list: 主件 (essential) / 副件 (auxiliary) */
    return k == CK_ESSENTIAL ? _("[main]") : _("[aux]");
}

static const char *presence_short(ck_presence p, term_role *role)
{
    switch (p) {
    /* TRANSLATORS: short marks in the materials list: 齐 / 缺 / 不符 */
    case CK_PRESENT: *role = ROLE_OK; return _("[ok]");
    case CK_MISSING: *role = ROLE_ALARM; return _("[missing]");
    case CK_DEFECTIVE: *role = ROLE_WARN; return _("[defective]");
    case CK_PRESENCE_COUNT: break;
    }
    *role = ROLE_DIM;
    return "?";
}

/* ---- drawing: header ---------------------------------------------------------------------- */

/* Items laid out left to right, wrapping to the next row. */
typedef struct {
    int y, x, bottom; /* bottom: the first row not to use */
} flow;

static void flow_put(flow *f, const char *label, const char *value, term_role role)
{
    int w = (label ? term_width(label) + 1 : 0) + term_width(value);
    if (f->x > 1 && f->x + w > COLS - 1) {
        f->y++;
        f->x = 1;
    }
    if (f->y >= f->bottom)
        return;
    if (label && *label)
        f->x += term_put(f->y, f->x, COLS - 1 - f->x, label, ROLE_LABEL) + 1;
    if (f->x < COLS - 1)
        f->x += term_put(f->y, f->x, COLS - 1 - f->x, value, role);
    f->x += 3;
}

static void flow_date(flow *f, const char *label, const char *date)
{
    if (date && date[0])
        flow_put(f, label, date, ROLE_NORMAL);
}

static term_role status_role(const cv_case *c)
{
    term_role r;
    ui_deadline_mark(&c->row, &r);
    if (r != ROLE_NORMAL)
        return r;
    if (c->row.status == CASE_SUPPLEMENT || deferred_open(c))
        return ROLE_WARN;
    return decided(c->row.status) ? ROLE_OK : ROLE_NORMAL;
}

/* The header; returns the rows used. */
static int draw_header(case_scr *cs, int top, int lines)
{
    const cv_case *c = &cs->c;
    char buf[600], a1[80], a2[80];
    /* number and item; class and status at the right */
    const char *st = _(case_status_label(c->row.status));
    const char *cl = _(case_class_label(c->row.cls));
    int sw = term_width(st), cw = term_width(cl), right = COLS - 1 - sw - 2 - cw;
    int x = 1 + term_put(top, 1, COLS - 2, c->row.case_id, ROLE_LABEL) + 2;
    if (x < right - 2)
        term_put(top, x, right - 2 - x, c->row.item_name[0] ? c->row.item_name : c->row.item, ROLE_NORMAL);
    if (right > x)
        term_put(top, right, cw, cl, ROLE_DIM);
    term_put(top, COLS - 1 - sw, sw, st, status_role(c));

    flow f = {top + 1, 1, top + lines};
    flow_put(&f, _("Applicant"), c->row.applicant_name, ROLE_NORMAL);
    if (c->applicant_id[0])
        flow_put(&f, _("ID"), cases_mask_id(c->applicant_id, a1, sizeof a1), ROLE_NORMAL);
    if (c->applicant_phone[0])
        flow_put(&f, _("Phone"), cases_mask_phone(c->applicant_phone, a2, sizeof a2), ROLE_NORMAL);
    flow_put(&f, _("Window"), c->window_id, ROLE_NORMAL);

    f.y++;
    f.x = 1;
    flow_date(&f, _("Received"), c->row.received);
    flow_date(&f, _("Accepted"), c->accepted);
    flow_date(&f, _("Due"), c->row.due);
    flow_date(&f, _("Concluded"), c->concluded);
    flow_date(&f, _("Delivered"), c->delivered);
    if (c->ended[0] && !c->delivered[0] && strcmp(c->ended, c->concluded) != 0)
        flow_date(&f, _("Ended"), c->ended);

    f.y++;
    f.x = 1;
    term_role mr;
    const char *mark = ui_deadline_mark(&c->row, &mr);
    char when[120];
    ui_deadline_text(&c->row, when, sizeof when);
    if (c->row.deadline_known)
        snprintf(buf, sizeof buf, "%s%s%s  %s", mark[0] != ' ' ? mark : "", mark[0] != ' ' ? " " : "",
                 _(dl_state_name(c->row.state)), when);
    else
        snprintf(buf, sizeof buf, "%s", strcmp(when, st) == 0 || case_status_is_terminal(c->row.status) ? "" : when);
    if (buf[0])
        flow_put(&f, _("Deadline"), buf, mr == ROLE_NORMAL && c->row.deadline_known ? ROLE_OK : mr);
    snprintf(buf, sizeof buf, "%d", c->trips);
    flow_put(&f, _("Trips"), buf, c->trips > 1 ? ROLE_WARN : ROLE_NORMAL);
    if (c->supplements > 0) {
        snprintf(buf, sizeof buf, "%d", c->supplements);
        flow_put(&f, _("Supplement notices"), buf, ROLE_NORMAL);
    }
    if (c->row.deferred_deadline[0])
        flow_put(&f, _("Deferred materials by"), c->row.deferred_deadline, deferred_open(c) ? ROLE_WARN : ROLE_NORMAL);
    if (c->evaluated) {
        const char *rl = c->rating;
        for (int r = DESK_RATE_VERY_SATISFIED; r <= DESK_RATE_VERY_DISSATISFIED; r++)
            if (strcmp(desk_rating_name((desk_rating)r), c->rating) == 0)
                rl = _(desk_rating_label((desk_rating)r));
        flow_put(&f, _("Rated"), rl, ROLE_NORMAL);
    }
    f.y++;
    if (c->reason[0] && f.y < top + lines) {
        snprintf(buf, sizeof buf, "%s %s", _("Reason:"), c->reason);
        term_put(f.y++, 1, COLS - 2, buf, ROLE_NORMAL);
    }
    if (cs->result[0] && f.y < top + lines)
        f.y += term_put_wrapped(f.y, 1, COLS - 2, 2, cs->result, cs->result_role);
    if (cs->err[0] && f.y < top + lines)
        f.y += term_put_wrapped(f.y, 1, COLS - 2, 2, cs->err, ROLE_ALARM);
    return f.y - top;
}

/* The actions open now, "r materials back   a approve ...", then Tab to the other pane. */
static void draw_actions(case_scr *cs, app *a, int y)
{
    char why[300], key[64];
    int x = 1, shown = 0;
    for (int i = 0; i < ACT_COUNT; i++) {
        if (!allowed(&cs->c, (case_act)i, why, sizeof why))
            continue;
        if (acts[i].key)
            snprintf(key, sizeof key, "%c", acts[i].key);
        else if (!*app_key_for(a, KM_CTX_LIST, KM_EVALUATION_RECORD, key, sizeof key))
            continue;
        int kw = term_width(key), lw = term_width(_(acts[i].label));
        if (x + kw + 1 + lw > COLS - 1)
            break;
        x += term_put(y, x, kw, key, ROLE_LABEL) + 1;
        x += term_put(y, x, lw, _(acts[i].label), ROLE_NORMAL) + 3;
        shown++;
    }
    if (!shown)
        x += term_put(y, x, COLS - 1 - x, _("No action is open for this case."), ROLE_DIM) + 3;
    const char *other = cs->pane == PANE_MATERIALS ? _("history") : _("materials");
    if (x + 4 + term_width(other) <= COLS - 1) {
        x += term_put(y, x, 3, "Tab", ROLE_LABEL) + 1;
        term_put(y, x, COLS - 1 - x, other, ROLE_NORMAL);
    }
}

/* ---- drawing: panes ---------------------------------------------------------------------------- */

static int widest(const char *const *texts, int n)
{
    int w = 0;
    for (int i = 0; i < n; i++)
        w = term_width(texts[i]) > w ? term_width(texts[i]) : w;
    return w;
}

static void draw_material(const cv_material *m, int y, int cols, bool selected)
{
    char idx[16];
    term_role pr, base = selected ? ROLE_SELECTED : ROLE_NORMAL;
    const char *p = presence_short(m->status, &pr);
    const char *kinds[] = {kind_short(CK_ESSENTIAL), kind_short(CK_AUXILIARY)};
    term_role ignore;
    const char *pres[] = {presence_short(CK_PRESENT, &ignore), presence_short(CK_MISSING, &ignore),
                          presence_short(CK_DEFECTIVE, &ignore)};
    int kw = widest(kinds, 2), pw = widest(pres, 3);
    int name_w = cols - 4 - (kw + 1 + pw + 1) - 22; /* leave room for a note */
    if (name_w > 50)
        name_w = 50;
    if (name_w < 12)
        name_w = 12;
    int kx = 4 + name_w + 1, px = kx + kw + 2, nx = px + pw + 2;
    snprintf(idx, sizeof idx, "%2d", m->index);
    term_put_padded(y, 0, cols, "", base);
    term_put(y, 1, 3, idx, base);
    term_put(y, 4, name_w, m->name, base);
    term_put(y, kx, kw, kind_short(m->kind), selected ? base : ROLE_DIM);
    term_put(y, px, pw, p, selected ? base : pr);
    if (m->note[0] && nx < cols - 1)
        term_put(y, nx, cols - 1 - nx, m->note, selected ? base : ROLE_DIM);
}

static void draw_notice(const cv_notice *n, int kind_w, int y, int cols, bool selected)
{
    term_role base = selected ? ROLE_SELECTED : ROLE_NORMAL;
    char buf[300];
    term_put_padded(y, 0, cols, "", base);
    int x = 3;
    term_put(y, x, kind_w, notice_label(n->kind), base);
    x += kind_w + 2;
    x += term_put(y, x, 11, n->issued_on, base) + 2;
    if (n->reprint && x < cols - 1)
        x += term_put(y, x, cols - 1 - x, _("reprint"), selected ? base : ROLE_DIM) + 2;
    if (n->deadline[0] && x < cols - 1) {
        snprintf(buf, sizeof buf, _("by %s"), n->deadline);
        x += term_put(y, x, cols - 1 - x, buf, base) + 2;
    }
    if (n->nmaterials > 0 && x < cols - 1) {
        size_t at = (size_t)snprintf(buf, sizeof buf, "%s", _("materials"));
        for (int i = 0; i < n->nmaterials && at + 8 < sizeof buf; i++)
            at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%d", i ? "," : " ", n->materials[i]);
        x += term_put(y, x, cols - 1 - x, buf, base) + 2;
    }
    if (n->breaches > 0 && x < cols - 1) {
        snprintf(buf, sizeof buf, _("one-time notice rule broken: %d not in the first notice"), n->breaches);
        term_put(y, x, cols - 1 - x, buf, selected ? base : ROLE_ALARM);
    }
}

static void draw_materials_row(void *ctx, int i, int y, int cols, bool selected)
{
    const cv_case *c = ctx;
    if (i < c->nmaterials) {
        draw_material(&c->materials[i], y, cols, selected);
        return;
    }
    i -= c->nmaterials;
    if (i == 0) {
        term_put_padded(y, 0, cols, "", selected ? ROLE_SELECTED : ROLE_NORMAL);
        term_put(y, 1, cols - 2, _("Notices issued"), selected ? ROLE_SELECTED : ROLE_LABEL);
        return;
    }
    if (c->nnotices == 0) {
        term_put_padded(y, 0, cols, "", selected ? ROLE_SELECTED : ROLE_NORMAL);
        term_put(y, 3, cols - 4, _("none"), selected ? ROLE_SELECTED : ROLE_DIM);
        return;
    }
    int kind_w = 8;
    for (int k = 0; k < c->nnotices; k++) {
        int w = term_width(notice_label(c->notices[k].kind));
        kind_w = w > kind_w ? w : kind_w;
    }
    draw_notice(&c->notices[i - 1], kind_w > 28 ? 28 : kind_w, y, cols, selected);
}

/* Columns of the history pane: the event label as wide as the widest shown (at most 18). */
static int history_label_w(const case_scr *cs)
{
    int w = 6;
    for (int i = 0; i < cs->nhist; i++) {
        int lw = term_width(event_label(cs->hist[i].type));
        w = lw > w ? lw : w;
    }
    return w > 18 ? 18 : w;
}

static void draw_history_row(void *ctx, int i, int y, int cols, bool selected)
{
    const case_scr *cs = ctx;
    const cv_event *e = &cs->hist[i];
    term_role base = selected ? ROLE_SELECTED : ROLE_NORMAL;
    int lw = history_label_w(cs), dx = 21 + lw + 1;
    term_put_padded(y, 0, cols, "", base);
    term_put(y, 1, 10, e->date, base);
    term_put(y, 12, 8, e->staff_name[0] ? e->staff_name : "-", selected ? base : ROLE_DIM);
    term_put(y, 21, lw, event_label(e->type), selected ? base : ROLE_LABEL);
    if (dx < cols - 1)
        term_put(y, dx, cols - 1 - dx, e->detail, base);
}

static void draw_panes(case_scr *cs, int top, int lines)
{
    if (lines < 2)
        return;
    const char *names[2] = {_("Materials and notices"), _("History")};
    int x = 1;
    for (int p = 0; p < 2; p++) {
        char t[120];
        snprintf(t, sizeof t, " %s ", names[p]);
        x += term_put(top, x, COLS - 1 - x, t, p == cs->pane ? ROLE_SELECTED : ROLE_DIM) + 2;
    }
    if (x < COLS - 1)
        term_put(top, x, COLS - 1 - x, _("(Tab switches, Up/Down scroll)"), ROLE_DIM);
    int rows = lines - 1;
    if (cs->pane == PANE_MATERIALS) {
        if (cs->c.nmaterials == 0) {
            term_put(top + 1, 3, COLS - 4, _("No checklist recorded for this case."), ROLE_DIM);
            top++;
            rows--;
        }
        ui_list_draw(&cs->pl[PANE_MATERIALS], top + 1, rows, COLS, draw_materials_row, &cs->c);
        return;
    }
    if (cs->nhist == 0) {
        term_put(top + 1, 3, COLS - 4, _("No event recorded."), ROLE_DIM);
        return;
    }
    /* the selected event in full under the list, when its detail does not fit on its row */
    const cv_event *e = cs->pl[PANE_HISTORY].sel >= 0 ? &cs->hist[cs->pl[PANE_HISTORY].sel] : NULL;
    int full = e && term_width(e->detail) > COLS - 1 - (21 + history_label_w(cs) + 1) && rows > 4 ? 2 : 0;
    ui_list_draw(&cs->pl[PANE_HISTORY], top + 1, rows - full, COLS, draw_history_row, cs);
    if (full)
        term_put_wrapped(top + 1 + rows - full, 3, COLS - 4, full, e->detail, ROLE_DIM);
}

/* ---- drawing: the 补正 checklist --------------------------------------------------------------- */

static void draw_ck_row(void *ctx, int i, int y, int cols, bool selected)
{
    const resume_ck *k = ctx;
    const catalog_material *m = &k->mats.v[i];
    cv_material cm;
    memset(&cm, 0, sizeof cm);
    cm.index = m->n;
    snprintf(cm.name, sizeof cm.name, "%s", m->name ? m->name : "");
    cm.kind = m->kind;
    cm.status = k->st[i];
    snprintf(cm.note, sizeof cm.note, "%s", k->note[i]);
    draw_material(&cm, y, cols, selected);
}

static void draw_resume(case_scr *cs, int top, int lines)
{
    resume_ck *k = &cs->ck;
    char buf[400];
    snprintf(buf, sizeof buf, "%s  %s", cs->c.row.case_id, cs->c.row.item_name);
    term_put(top, 1, COLS - 2, buf, ROLE_LABEL);
    snprintf(buf, sizeof buf, _("%s is back with the supplementary materials: check each one as it is now."),
             cs->c.row.applicant_name);
    term_put(top + 1, 1, COLS - 2, buf, ROLE_NORMAL);
    term_put(top + 2, 1, COLS - 2, _("p present   m missing   d not in legal form (asks what is wrong)   Enter records"),
             ROLE_DIM);
    int missing = 0, defective = 0;
    for (int i = 0; i < k->n; i++) {
        missing += k->st[i] == CK_MISSING;
        defective += k->st[i] == CK_DEFECTIVE;
    }
    ui_list_draw(&k->list, top + 4, lines - 6, COLS, draw_ck_row, k);
    if (missing + defective == 0)
        snprintf(buf, sizeof buf, "%s", _("Every material is present: Enter accepts the case."));
    else
        snprintf(buf, sizeof buf, _("%d missing, %d not in legal form: Enter issues a new supplement notice."),
                 missing, defective);
    term_put(top + lines - 1, 1, COLS - 2, buf, missing + defective ? ROLE_WARN : ROLE_OK);
}

/* ---- the screen ---------------------------------------------------------------------------- */

static const char *case_title(screen *s, app *a)
{
    case_scr *cs = s->st;
    (void)a;
    if (cs->resuming)
        snprintf(cs->title, sizeof cs->title, "%s", _("Supplementary materials back"));
    else
        snprintf(cs->title, sizeof cs->title, _("Case %s"), cs->id);
    return cs->title;
}

static void case_draw(screen *s, app *a, int top, int lines)
{
    case_scr *cs = s->st;
    if (cs->stale)
        reload(cs, a);
    if (cs->resuming) {
        draw_resume(cs, top, lines);
        return;
    }
    int used = draw_header(cs, top, lines - 3);
    draw_actions(cs, a, top + used);
    draw_panes(cs, top + used + 1, lines - used - 1);
}

static void set_result(case_scr *cs, app *a, term_role role, const char *text)
{
    snprintf(cs->result, sizeof cs->result, "%s", text);
    cs->result_role = role;
    app_message(a, role, "%s", text);
}

/* ---- actions -------------------------------------------------------------------------------- */

static void leave_resume(screen *s, case_scr *cs)
{
    catalog_materials_free(&cs->ck.mats);
    memset(&cs->ck, 0, sizeof cs->ck);
    cs->resuming = false;
    s->ops = &detail_ops;
}

static void start_resume(screen *s, case_scr *cs, app *a)
{
    resume_ck *k = &cs->ck;
    memset(k, 0, sizeof *k);
    catalog_item it;
    memset(&it, 0, sizeof it);
    int rc = catalog_get(a->db, cs->c.row.item, &it, &k->mats);
    catalog_item_free(&it);
    if (rc != 0) {
        if (rc < 0)
            app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
        else
            app_message(a, ROLE_ALARM, _("Item %s is no longer in the catalogue: its checklist cannot be shown."),
                        cs->c.row.item);
        catalog_materials_free(&k->mats);
        memset(k, 0, sizeof *k);
        return;
    }
    k->n = (int)(k->mats.n < CK_MAX_MATERIALS ? k->mats.n : CK_MAX_MATERIALS);
    for (int i = 0; i < k->n; i++) {
        k->st[i] = CK_MISSING;
        for (int j = 0; j < cs->c.nmaterials; j++)
            if (cs->c.materials[j].index == k->mats.v[i].n && cs->c.materials[j].status < CK_PRESENCE_COUNT) {
                k->st[i] = cs->c.materials[j].status;
                if (k->st[i] == CK_DEFECTIVE)
                    snprintf(k->note[i], sizeof k->note[i], "%s", cs->c.materials[j].note);
            }
    }
    ui_list_init(&k->list, k->n);
    cs->resuming = true;
    s->ops = &resume_ops;
}

static void record_resume(screen *s, case_scr *cs, app *a)
{
    resume_ck *k = &cs->ck;
    ck_entry e[CK_MAX_MATERIALS];
    for (int i = 0; i < k->n; i++) {
        e[i].status = k->st[i];
        e[i].note = k->note[i][0] ? k->note[i] : NULL;
    }
    desk_who who = app_who(a);
    desk_result out;
    char err[DESK_ERR_LEN], buf[600];
    if (desk_resume(a->db, &who, cs->id, e, (size_t)k->n, &out, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    leave_resume(s, cs);
    term_role role = ROLE_OK;
    if (out.status == CASE_SUPPLEMENT) {
        role = ROLE_WARN;
        if (out.breaches > 0) {
            role = ROLE_ALARM;
            snprintf(buf, sizeof buf,
                     _("New supplement notice naming %d materials the first did not: one-time notice rule broken. Trips: %d."),
                     out.breaches, out.trips);
        } else {
            snprintf(buf, sizeof buf, _("Still incomplete: a new supplement notice is issued. Trips: %d."), out.trips);
        }
    } else if (out.due[0]) {
        snprintf(buf, sizeof buf, _("Materials complete: the case is accepted, due %s. Trips: %d."), out.due, out.trips);
    } else {
        snprintf(buf, sizeof buf, _("Materials complete: the case is %s. Trips: %d."), _(case_status_label(out.status)),
                 out.trips);
    }
    set_result(cs, a, role, buf);
    reload(cs, a);
    if (out.notice >= 0) {
        cs->stale = true;
        app_push(a, scr_notice_case_new(a, cs->id, out.notice, false));
        app_message(a, role, "%s", buf);
    }
}

static void do_complete(case_scr *cs, app *a)
{
    char q[300], err[DESK_ERR_LEN];
    snprintf(q, sizeof q, _("Have all the deferred materials of %s arrived?"), cs->id);
    if (!app_confirm(a, q))
        return;
    desk_who who = app_who(a);
    desk_result out;
    if (desk_complete_deferred(a->db, &who, cs->id, &out, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    set_result(cs, a, ROLE_OK, _("Deferred materials recorded: the case can now be decided."));
    reload(cs, a);
}

static void do_conclude(case_scr *cs, app *a, bool approve)
{
    char reason[DESK_REASON_MAX + 1] = "", q[300], err[DESK_ERR_LEN], buf[400];
    if (approve) {
        snprintf(q, sizeof q, _("Approve case %s?"), cs->id);
        if (!app_confirm(a, q))
            return;
    } else if (!app_ask_text(a, _("Deny"), _("Reason"), reason, sizeof reason)) {
        return;
    }
    desk_who who = app_who(a);
    desk_result out;
    if (desk_conclude(a->db, &who, cs->id, approve, approve ? NULL : reason, &out, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    snprintf(buf, sizeof buf, _("Case %s: %s. Hand the result over with o."), cs->id, _(case_status_label(out.status)));
    set_result(cs, a, ROLE_OK, buf);
    reload(cs, a);
}

static void do_deliver(case_scr *cs, app *a)
{
    char q[300], err[DESK_ERR_LEN], buf[300];
    snprintf(q, sizeof q, _("Hand the result of %s over to the applicant now?"), cs->id);
    if (!app_confirm(a, q))
        return;
    desk_who who = app_who(a);
    desk_result out;
    if (desk_deliver(a->db, &who, cs->id, &out, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    snprintf(buf, sizeof buf, _("Result delivered. Trips: %d."), out.trips);
    set_result(cs, a, ROLE_OK, buf);
    reload(cs, a);
    if (!cs->c.evaluated) {
        cs->stale = true;
        app_push(a, scr_rating_new(a, cs->id));
    }
}

static void do_withdraw(case_scr *cs, app *a)
{
    char reason[DESK_REASON_MAX + 1] = "", q[600], err[DESK_ERR_LEN];
    bool given = app_ask_text(a, _("Withdraw (Esc: no reason)"), _("Reason"), reason, sizeof reason);
    if (given)
        snprintf(q, sizeof q, _("Withdraw case %s at the applicant's request (%s)?"), cs->id, reason);
    else
        snprintf(q, sizeof q, _("Withdraw case %s at the applicant's request?"), cs->id);
    if (!app_confirm(a, q))
        return;
    desk_who who = app_who(a);
    desk_result out;
    if (desk_withdraw(a->db, &who, cs->id, given ? reason : NULL, &out, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return;
    }
    set_result(cs, a, ROLE_OK, _("Case withdrawn."));
    reload(cs, a);
}

static void do_print(case_scr *cs, app *a)
{
    const char *opts[NOTICE_KIND_COUNT];
    int kinds[NOTICE_KIND_COUNT], n = 0;
    for (int i = cs->c.nnotices - 1; i >= 0; i--) { /* newest first */
        int k = kind_of(cs->c.notices[i].kind);
        bool seen = false;
        for (int j = 0; j < n; j++)
            seen |= kinds[j] == k;
        if (k >= 0 && !seen && n < NOTICE_KIND_COUNT) {
            kinds[n] = k;
            opts[n++] = _(notice_title((notice_kind)k));
        }
    }
    int pick = n == 1 ? 0 : app_choose(a, _("Print which notice again?"), opts, n);
    if (pick < 0)
        return;
    cs->stale = true;
    app_push(a, scr_notice_case_new(a, cs->id, kinds[pick], true));
}

static void do_rate(case_scr *cs, app *a)
{
    cs->stale = true;
    app_push(a, scr_rating_new(a, cs->id));
}

static void run_act(case_scr *cs, screen *s, app *a, case_act act)
{
    char why[300];
    if (!allowed(&cs->c, act, why, sizeof why)) {
        app_message(a, ROLE_WARN, "%s", why);
        return;
    }
    cs->result[0] = '\0';
    switch (act) {
    case ACT_RESUME: start_resume(s, cs, a); break;
    case ACT_COMPLETE: do_complete(cs, a); break;
    case ACT_APPROVE: do_conclude(cs, a, true); break;
    case ACT_DENY: do_conclude(cs, a, false); break;
    case ACT_DELIVER: do_deliver(cs, a); break;
    case ACT_WITHDRAW: do_withdraw(cs, a); break;
    case ACT_PRINT: do_print(cs, a); break;
    case ACT_RATE: do_rate(cs, a); break;
    case ACT_COUNT: break;
    }
}

/* ---- keys ------------------------------------------------------------------------------------ */

static int pane_rows(void)
{
    return LINES - 3 - 8;
}

static scr_rc resume_key(screen *s, case_scr *cs, app *a, const keys_event *ev, km_action act)
{
    resume_ck *k = &cs->ck;
    if (ui_list_action(&k->list, act, LINES - 9))
        return SCR_STAY;
    int i = k->list.sel;
    switch (act) {
    case KM_CHECKLIST_PRESENT:
    case KM_CHECKLIST_MISSING:
        if (i >= 0) {
            k->st[i] = act == KM_CHECKLIST_PRESENT ? CK_PRESENT : CK_MISSING;
            k->note[i][0] = '\0';
            k->changed = true;
            ui_list_action(&k->list, KM_LIST_DOWN, LINES - 9);
        }
        return SCR_STAY;
    case KM_CHECKLIST_DEFECTIVE:
        if (i >= 0) {
            char note[DESK_REASON_MAX + 1];
            snprintf(note, sizeof note, "%s", k->note[i]);
            if (app_ask_text(a, k->mats.v[i].name, _("What is wrong with it"), note, sizeof note)) {
                k->st[i] = CK_DEFECTIVE;
                snprintf(k->note[i], sizeof k->note[i], "%s", note);
                k->changed = true;
                ui_list_action(&k->list, KM_LIST_DOWN, LINES - 9);
            }
        }
        return SCR_STAY;
    case KM_FORM_SUBMIT:
        record_resume(s, cs, a);
        return SCR_STAY;
    case KM_FORM_CANCEL:
        if (!k->changed || app_confirm(a, _("Leave the checklist? Nothing is recorded.")))
            leave_resume(s, cs);
        return SCR_STAY;
    default: break;
    }
    (void)ev;
    if (act == KM_NONE)
        return SCR_STAY;
    return SCR_PASS;
}

static scr_rc case_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    case_scr *cs = s->st;
    if (cs->resuming)
        return resume_key(s, cs, a, ev, act);
    if (ui_list_action(&cs->pl[cs->pane], act, pane_rows()))
        return SCR_STAY;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC)
        return SCR_CLOSE;
    if (ev->key == KM_KEY_TAB || ev->key == KM_KEY_BTAB) {
        cs->pane = 1 - cs->pane;
        return SCR_STAY;
    }
    if (act == KM_EVALUATION_RECORD) {
        run_act(cs, s, a, ACT_RATE);
        return SCR_STAY;
    }
    if (ev->kind == KEYS_TEXT && act == KM_NONE) {
        for (int i = 0; i < ACT_COUNT; i++)
            if (acts[i].key && acts[i].key == ev->key) {
                run_act(cs, s, a, (case_act)i);
                return SCR_STAY;
            }
        return SCR_STAY;
    }
    cs->stale = true; /* another screen may change the case */
    return SCR_PASS;
}

static bool case_dirty(screen *s)
{
    case_scr *cs = s->st;
    return cs->resuming && cs->ck.changed;
}

static void case_free(screen *s)
{
    case_scr *cs = s->st;
    if (cs) {
        catalog_materials_free(&cs->ck.mats);
        free(cs);
    }
    free(s);
}

static const screen_ops detail_ops = {
    "case", KM_CTX_LIST, false, case_title, case_draw, case_key, case_dirty, case_free, detail_hints,
};

static const screen_ops resume_ops = {
    "case_resume", KM_CTX_CHECKLIST, false, case_title, case_draw, case_key, case_dirty, case_free, resume_hints,
};

screen *scr_case_new(app *a, const char *case_id)
{
    if (!case_id || !*case_id)
        return NULL;
    case_scr *cs = calloc(1, sizeof *cs);
    screen *s = cs ? screen_new(&detail_ops, cs) : NULL;
    if (!s) {
        free(cs);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory: the case cannot be opened."));
        return NULL;
    }
    snprintf(cs->id, sizeof cs->id, "%s", case_id);
    ui_list_init(&cs->pl[0], 0);
    ui_list_init(&cs->pl[1], 0);
    int rc = reload(cs, a);
    if (rc != 0) {
        app_message(a, ROLE_ALARM, "%s", cs->err);
        case_free(s);
        return NULL;
    }
    ui_list_init(&cs->pl[PANE_MATERIALS], cs->pl[PANE_MATERIALS].n);
    ui_list_init(&cs->pl[PANE_HISTORY], cs->nhist);
    cs->pl[PANE_HISTORY].sel = cs->nhist - 1; /* the latest event */
    return s;
}
