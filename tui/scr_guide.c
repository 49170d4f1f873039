/* scr_guide.c - F3, the guide (办事指南) a clerk answers from at the window
 * (首问负责制 and 一次性告知制, seed 001 篇四 (十)1-2: "凡群众询问……必须口头或
 * 书面一次性告知办理事项的受理条件、办理流程、所需材料、办理时限等情况").
 *
 * Two screens live here.  The search: one field at the top; every keystroke
 * re-runs catalog_search (code, part of the name, pinyin initials such as
 * "jhdj" for 结婚登记, another name such as 低保) and the hits, best first,
 * are listed below; with nothing typed the catalogue is listed in code order
 * to browse.  Up/Down/PageUp/PageDown move in the hits (the only field needs
 * no field moves), Enter opens the selected item, Esc closes.
 *
 * The item's guide: every element the catalogue holds for it (data/catalog.h,
 * in the order of seed 001 篇十三 §9) and its materials, as labelled
 * paragraphs wrapped to the terminal's width, scrolled with the list keys.
 * p / s (notice.print, notice.save) open the one-time notice of the item,
 * e / F6 log an enquiry about it, n / F2 start an intake, Esc goes back to
 * the search with the query as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/case.h"
#include "core/cwidth.h"
#include "core/pinyin.h"
#include "data/catalog.h"
#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/ui_form.h"
#include "tui/ui_list.h"

#define GUIDE_HITS 50     /* hits of a search */
#define GUIDE_BROWSE 500  /* items listed for browsing when nothing is typed */
#define GUIDE_QUERY_CHARS 40

/* ==== the search ========================================================================== */

typedef struct {
    ui_form form;
    catalog_hit hits[GUIDE_BROWSE];
    int nhits;
    int total;                 /* browsing: items in the catalogue */
    bool browsing;             /* nothing typed: hits are the catalogue in code order */
    bool searched;             /* query holds what the hits answer */
    char query[UI_FIELD_CHARS * 4 + 1];
    ui_list list;
    int rows;                  /* rows of the list when last drawn */
} gsearch;

static const km_action search_hints[] = {KM_FORM_SUBMIT, KM_FORM_CANCEL, KM_INTAKE_NEW, KM_ENQUIRY_LOG,
                                         KM_HELP, KM_QUIT, KM_NONE};

/* Browsing: collect the items in code order (all are counted). */
typedef struct {
    catalog_hit *v;
    int n, cap, total;
} browse_ctx;

static int browse_row(const catalog_row *r, void *ctx)
{
    browse_ctx *b = ctx;
    if (b->n < b->cap) {
        catalog_hit *h = &b->v[b->n++];
        snprintf(h->code, sizeof h->code, "%s", r->code);
        snprintf(h->name, sizeof h->name, "%s", r->name);
        h->cls = r->cls;
        h->match = CATALOG_MATCH_CODE;
    }
    b->total++;
    return 0;
}

/* The query without its outer blanks, into out. */
static void trimmed(const char *in, char *out, size_t size)
{
    while (*in == ' ' || *in == '\t')
        in++;
    snprintf(out, size, "%s", in);
    size_t n = strlen(out);
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        out[--n] = '\0';
}

/* Run the search for what the field holds (or list the catalogue when it is empty); on an error the
 * message says so and the hits stay as they were. */
static void search_refresh(gsearch *g, app *a)
{
    char raw[sizeof g->query], q[sizeof g->query];
    trimmed(ui_form_get(&g->form, 0, raw, sizeof raw), q, sizeof q);
    if (g->searched && strcmp(q, g->query) == 0)
        return;
    if (!q[0]) {
        catalog_hit *tmp = malloc(sizeof g->hits);
        if (!tmp) {
            app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
            return;
        }
        browse_ctx b = {tmp, 0, GUIDE_BROWSE, 0};
        if (catalog_list(a->db, browse_row, &b) < 0) {
            app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
            free(tmp);
            return;
        }
        memcpy(g->hits, tmp, (size_t)b.n * sizeof *tmp);
        free(tmp);
        g->nhits = b.n;
        g->total = b.total;
        g->browsing = true;
    } else {
        catalog_hit tmp[GUIDE_HITS];
        int n = catalog_search(a->db, q, tmp, GUIDE_HITS);
        if (n < 0) {
            app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
            return;
        }
        memcpy(g->hits, tmp, (size_t)n * sizeof *tmp);
        g->nhits = n;
        g->browsing = false;
    }
    snprintf(g->query, sizeof g->query, "%s", q);
    g->searched = true;
    ui_list_init(&g->list, g->nhits); /* a new answer: its best hit selected */
}

static const char *search_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Guide: find an item");
}

/* Columns of the code column: the widest code shown, within limits. */
static int code_cols(const gsearch *g)
{
    int w = 8;
    for (int i = 0; i < g->nhits; i++) {
        int c = term_width(g->hits[i].code) + 2;
        if (c > w)
            w = c;
    }
    return w > 26 ? 26 : w;
}

typedef struct {
    gsearch *g;
    int code_w;
} row_ctx;

static void draw_hit(void *ctx, int i, int y, int cols, bool selected)
{
    row_ctx *rc = ctx;
    const catalog_hit *h = &rc->g->hits[i];
    term_role r = selected ? ROLE_SELECTED : ROLE_NORMAL;
    int cls_w = 10, name_x = 1 + rc->code_w;
    term_put_padded(y, 0, 1, "", r);
    term_put_padded(y, 1, rc->code_w, h->code, r);
    term_put_padded(y, name_x, cols - name_x - cls_w, h->name, r);
    term_put_padded(y, cols - cls_w, cls_w, _(case_class_label(h->cls)), selected ? r : ROLE_DIM);
}

static void search_draw(screen *s, app *a, int top, int lines)
{
    gsearch *g = s->st;
    search_refresh(g, a); /* the first draw fills the list; later ones find it answered */
    char line[300];
    term_role role = ROLE_DIM;
    if (g->browsing && g->total == 0) {
        snprintf(line, sizeof line, "%s", _("no catalogue imported yet: guichet catalog import FILE"));
        role = ROLE_WARN;
    } else if (g->browsing) {
        snprintf(line, sizeof line, _("Type a code, part of the name, pinyin initials (jhdj) or another name. %d items:"),
                 g->total);
    } else if (g->nhits == 0) {
        snprintf(line, sizeof line, _("No item matches \"%s\": try fewer characters, or the initials."), g->query);
        role = ROLE_WARN;
    } else if (g->nhits >= GUIDE_HITS) {
        snprintf(line, sizeof line, _("The first %d matches, best first: type more to narrow them."), g->nhits);
    } else {
        snprintf(line, sizeof line, _("%d items match, best first; Enter opens the guide of the selected one."),
                 g->nhits);
    }
    term_put(top + 1, 1, COLS - 2, line, role);
    row_ctx rc = {g, code_cols(g)};
    if (g->nhits > 0) {
        term_put_padded(top + 2, 1, rc.code_w, _("Code"), ROLE_LABEL);
        term_put_padded(top + 2, 1 + rc.code_w, COLS - 11 - rc.code_w, _("Item"), ROLE_LABEL);
        term_put_padded(top + 2, COLS - 10, 10, _("Class"), ROLE_LABEL);
    }
    g->rows = lines - 3;
    ui_list_draw(&g->list, top + 3, g->rows, COLS, draw_hit, &rc);
    ui_form_draw(&g->form, top, 1, COLS - 2); /* last: the cursor stays in the field */
}

static screen *guide_item_new(app *a, const char *code);

static scr_rc search_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    gsearch *g = s->st;
    int rows = g->rows > 0 ? g->rows : LINES - 6;
    if (ev->kind == KEYS_KEY) { /* one field: the arrows and pages move in the hits */
        km_action mv = ev->key == KM_KEY_UP          ? KM_LIST_UP
                       : ev->key == KM_KEY_DOWN      ? KM_LIST_DOWN
                       : ev->key == KM_KEY_PAGE_UP   ? KM_LIST_PAGE_UP
                       : ev->key == KM_KEY_PAGE_DOWN ? KM_LIST_PAGE_DOWN
                                                     : KM_NONE;
        if (mv != KM_NONE) {
            ui_list_action(&g->list, mv, rows);
            return SCR_STAY;
        }
    }
    switch (act) {
    case KM_FORM_SUBMIT:
        if (g->list.sel >= 0 && g->list.sel < g->nhits)
            app_push(a, guide_item_new(a, g->hits[g->list.sel].code));
        else
            app_message(a, ROLE_WARN, "%s", _("No item selected: type part of its name or code first."));
        return SCR_STAY;
    case KM_FORM_CANCEL: return SCR_CLOSE;
    case KM_FORM_NEXT_FIELD:
    case KM_FORM_PREV_FIELD: return SCR_STAY;
    case KM_GUIDE_FIND: /* F3 again: a new search */
        ui_form_set(&g->form, 0, "");
        search_refresh(g, a);
        return SCR_STAY;
    default: break;
    }
    const char *why = NULL;
    ui_form_rc rc = ui_form_key(&g->form, ev, act, &why);
    if (rc == UI_FORM_EDITED)
        search_refresh(g, a);
    else if (rc == UI_FORM_REFUSED)
        app_message(a, ROLE_WARN, "%s", why ? _(why) : "");
    else if (rc == UI_FORM_NONE)
        return SCR_PASS;
    return SCR_STAY;
}

static void search_free(screen *s)
{
    free(s->st);
    free(s);
}

static const screen_ops search_ops = {
    "guide", KM_CTX_FORM, true, search_title, search_draw, search_key, NULL, search_free, search_hints,
};

screen *scr_guide_new(app *a)
{
    (void)a;
    gsearch *g = calloc(1, sizeof *g);
    screen *s = g ? screen_new(&search_ops, g) : NULL;
    if (!s) {
        free(g);
        return NULL;
    }
    ui_form_init(&g->form);
    ui_form_add(&g->form, _("Find"), GUIDE_QUERY_CHARS, 30, false);
    ui_form_note(&g->form, 0, false, _("code / name / initials / other name"));
    ui_list_init(&g->list, 0);
    return s;
}

/* ==== one item's guide ==================================================================== */

/* A paragraph: a label (translated; NULL: the text spans the whole width, "": no label) and its text. */
typedef struct {
    const char *label;
    char *text;
    term_role role;
    int indent;        /* columns further in than the text column */
    int hang;          /* columns further in for the rows after the first ("1. " of a material) */
} gpara;

/* One screen row of the laid-out guide: part of a paragraph. */
typedef struct {
    int para;
    int off, len;      /* bytes of the paragraph's text on this row */
    bool first;        /* the paragraph's first row (its label is drawn) */
} grow;

typedef struct {
    char code[CATALOG_CODE_MAX + 1];
    char title[CATALOG_CODE_MAX + 80];
    gpara *paras;
    int npara, cpara;
    grow *rows;
    int nrows, crows;
    int laid_cols;     /* COLS the rows were laid out for (0: not yet) */
    int label_cols;
    int top;           /* first row shown */
    int view;          /* rows shown when last drawn */
} gitem;

static const km_action item_hints[] = {KM_NOTICE_PRINT, KM_ENQUIRY_LOG, KM_INTAKE_NEW, KM_FORM_CANCEL,
                                       KM_HELP, KM_QUIT, KM_NONE};

/* Add a paragraph (text copied) whose rows after the first are `hang` columns further in; a NULL or empty
 * text adds nothing unless keep_empty.  0, or -1 out of memory. */
static int add_para_hung(gitem *gi, const char *label, const char *text, term_role role, int indent, int hang,
                         bool keep_empty)
{
    if ((!text || !*text) && !keep_empty)
        return 0;
    if (gi->npara == gi->cpara) {
        int c = gi->cpara ? gi->cpara * 2 : 64;
        gpara *v = realloc(gi->paras, (size_t)c * sizeof *v);
        if (!v)
            return -1;
        gi->paras = v;
        gi->cpara = c;
    }
    char *t = strdup(text ? text : "");
    if (!t)
        return -1;
    gi->paras[gi->npara++] = (gpara){label, t, role, indent, hang};
    return 0;
}

static int add_para(gitem *gi, const char *label, const char *text, term_role role, int indent, bool keep_empty)
{
    return add_para_hung(gi, label, text, role, indent, 0, keep_empty);
}

static const char *form_label(catalog_form f)
{
    switch (f) {
    case CATALOG_FORM_ORIGINAL: return _("original");
    case CATALOG_FORM_COPY: return _("photocopy");
    case CATALOG_FORM_ELECTRONIC: return _("electronic");
    default: return "?";
    }
}

/* The time limits, as the clerk tells them. */
static int add_limits(gitem *gi, const catalog_item *it)
{
    char t[200];
    if (it->statutory_days == 0)
        snprintf(t, sizeof t, "%s", _("on the spot"));
    else
        snprintf(t, sizeof t, _("%d working days"), it->statutory_days);
    if (add_para(gi, _("Statutory limit"), t, ROLE_NORMAL, 0, false) != 0)
        return -1;
    if (it->cls == CASE_CLASS_IMMEDIATE && it->promised_days == 0)
        return add_para(gi, _("Promised limit"), _("concluded on the spot (immediate case)"), ROLE_NORMAL, 0, false);
    snprintf(t, sizeof t, _("%d working days"), it->promised_days);
    if (it->cls == CASE_CLASS_REFERRED) /* seed 001 篇四 (七): 上报件 "承诺上报时间" */
        return add_para(gi, _("Forwarded within"), t, ROLE_NORMAL, 0, false);
    return add_para(gi, _("Promised limit"), t, ROLE_NORMAL, 0, false);
}

static int add_material(gitem *gi, const catalog_material *m)
{
    char t[CATALOG_NAME_MAX * 2 + 64], copies[80];
    snprintf(t, sizeof t, "%d. %s", m->n, m->name ? m->name : "");
    if (add_para_hung(gi, "", t, ROLE_NORMAL, 0, m->n < 10 ? 3 : 4, true) != 0)
        return -1;
    if (m->copies == 0)
        snprintf(copies, sizeof copies, "%s", _("shown and handed back"));
    else
        snprintf(copies, sizeof copies, _("%d copies kept"), m->copies);
    snprintf(t, sizeof t, "%s · %s · %s%s%s", form_label(m->form), copies,
             m->kind == CK_ESSENTIAL ? _("essential") : _("auxiliary"), m->deferrable ? " · " : "",
             m->deferrable ? _("may be brought later (deferrable)") : "");
    if (add_para(gi, "", t, ROLE_DIM, 3, true) != 0)
        return -1;
    char *buf = malloc(4096);
    if (!buf)
        return -1;
    int rc = 0;
    if (m->note && *m->note) {
        snprintf(buf, 4096, _("Note: %s"), m->note);
        rc |= add_para(gi, "", buf, ROLE_DIM, 3, false);
    }
    if (m->source && *m->source) {
        snprintf(buf, 4096, _("Source: %s"), m->source);
        rc |= add_para(gi, "", buf, ROLE_DIM, 3, false);
    }
    free(buf);
    return rc;
}

/* Every element of the guide, in the order of seed 001 篇十三 §9. */
static int build_guide(gitem *gi, const catalog_item *it, const catalog_materials *mats)
{
    char t[300];
    int rc = 0;
    snprintf(t, sizeof t, "%s", it->name);
    rc |= add_para(gi, NULL, t, ROLE_LABEL, 0, true);
    rc |= add_para(gi, _("Item code"), it->code, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Also called"), it->aliases, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Item type"), it->kind, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Case class"), _(case_class_label(it->cls)), ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Department"), it->department, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Decided by"), it->authority, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Basis"), it->basis, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Conditions"), it->conditions, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Who may apply"), it->object, ROLE_NORMAL, 0, false);
    rc |= add_limits(gi, it);
    rc |= add_para(gi, _("Result"), it->result, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Fee"), it->fee, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Fee basis"), it->fee_basis, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, NULL, "", ROLE_NORMAL, 0, true);
    snprintf(t, sizeof t, _("%d in all"), (int)mats->n);
    rc |= add_para(gi, _("Materials"), t, ROLE_LABEL, 0, true);
    for (size_t i = 0; i < mats->n && rc == 0; i++)
        rc |= add_material(gi, &mats->v[i]);
    rc |= add_para(gi, NULL, "", ROLE_NORMAL, 0, true);
    rc |= add_para(gi, _("Procedure"), it->procedure, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("How to apply"), it->handling, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Review standard"), it->review, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Special steps"), it->special, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Served area"), it->scope, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Booking"), it->booking, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Place"), it->place, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Hours"), it->hours, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Enquiries"), it->contact, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Complaints"), it->complaint, ROLE_NORMAL, 0, false);
    rc |= add_para(gi, _("Note"), it->note, ROLE_DIM, 0, false);
    return rc;
}

/* ---- layout: paragraphs wrapped into rows --------------------------------------------------- */

/* Characters a line must not start with (避头: closing punctuation). */
static bool no_line_start(uint32_t cp)
{
    static const uint32_t closing[] = {0x3001, 0x3002, 0xff0c, 0xff1b, 0xff1a, 0xff1f, 0xff01, 0xff09,
                                       0x300b, 0x300d, 0x300f, 0x3011, 0x201d, 0x2019, 0xff0e, 0x00b7,
                                       ',',    '.',    ';',    ':',    ')',    '!',    '?'};
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (closing[i] == cp)
            return true;
    return false;
}

static bool ascii_word(uint32_t cp)
{
    return cp < 0x80 && cp != ' ' && cp != '\n';
}

/* One character of t at byte i (len bytes in all): its length, *cp and *w (columns). */
static int char_at(const char *t, int i, int len, uint32_t *cp, int *w)
{
    size_t n = pinyin_utf8_decode(t + i, (size_t)(len - i), cp);
    if (n == 0) { /* not UTF-8: one byte, shown as one column */
        *cp = '?';
        n = 1;
    }
    *w = cwidth(*cp);
    if (*w < 0)
        *w = 1;
    return (int)n;
}

/* The bytes of t from `start` that fill one row of `cols` columns (not counting a newline ending it);
 * *next gets where the following row starts. */
static int wrap_row(const char *t, int len, int start, int cols, int *next)
{
    int i = start, used = 0, space_end = -1; /* after the last space on the row */
    int prev = -1, prev2 = -1;               /* where the last two characters placed start */
    while (i < len && t[i] != '\n') {
        uint32_t cp;
        int w, n = char_at(t, i, len, &cp, &w);
        if (used + w > cols && i > start) {
            /* break before i; keep an ASCII word whole, never start a row with closing punctuation */
            uint32_t pc = 0;
            int pw;
            if (prev >= 0)
                char_at(t, prev, len, &pc, &pw);
            if (ascii_word(cp) && ascii_word(pc) && space_end > start) {
                *next = space_end;
                return space_end - start;
            }
            if (no_line_start(cp) && prev2 >= start) {
                *next = prev;
                return prev - start;
            }
            *next = i;
            return i - start;
        }
        if (cp == ' ')
            space_end = i + n;
        prev2 = prev;
        prev = i;
        used += w;
        i += n;
    }
    *next = i < len ? i + 1 : i; /* past the newline */
    return i - start;
}

static int push_row(gitem *gi, grow r)
{
    if (gi->nrows == gi->crows) {
        int c = gi->crows ? gi->crows * 2 : 256;
        grow *v = realloc(gi->rows, (size_t)c * sizeof *v);
        if (!v)
            return -1;
        gi->rows = v;
        gi->crows = c;
    }
    gi->rows[gi->nrows++] = r;
    return 0;
}

/* The column a paragraph's text starts at. */
static int text_x(const gitem *gi, const gpara *p)
{
    return p->label ? 1 + gi->label_cols + p->indent : 1 + p->indent;
}

/* Lay the paragraphs out for the current width, keeping the paragraph at the top in view. */
static void layout(gitem *gi)
{
    int anchor = gi->nrows > 0 && gi->top < gi->nrows ? gi->rows[gi->top].para : 0;
    gi->label_cols = 8;
    for (int k = 0; k < gi->npara; k++)
        if (gi->paras[k].label && term_width(gi->paras[k].label) + 2 > gi->label_cols)
            gi->label_cols = term_width(gi->paras[k].label) + 2;
    if (gi->label_cols > COLS / 3)
        gi->label_cols = COLS / 3;
    gi->nrows = 0;
    gi->top = 0;
    for (int k = 0; k < gi->npara; k++) {
        const gpara *p = &gi->paras[k];
        int cols = COLS - text_x(gi, p) - 1, len = (int)strlen(p->text), at = 0;
        if (k == anchor)
            gi->top = gi->nrows;
        bool first = true;
        do {
            int w = first ? cols : cols - p->hang, next;
            int n = wrap_row(p->text, len, at, w < 4 ? 4 : w, &next);
            if (push_row(gi, (grow){k, at, n, first}) != 0)
                return; /* out of memory: what fits is shown */
            first = false;
            if (next <= at)
                break;
            at = next;
            while (at < len && p->text[at] == ' ' && p->text[at - 1] != '\n')
                at++; /* a wrapped row does not start with the space it broke at */
        } while (at < len);
    }
    gi->laid_cols = COLS;
}

static const char *item_title(screen *s, app *a)
{
    (void)a;
    return ((gitem *)s->st)->title;
}

static void clamp_top(gitem *gi)
{
    int max = gi->nrows - gi->view;
    if (gi->top > max)
        gi->top = max;
    if (gi->top < 0)
        gi->top = 0;
}

static void item_draw(screen *s, app *a, int top, int lines)
{
    gitem *gi = s->st;
    (void)a;
    if (gi->laid_cols != COLS)
        layout(gi);
    gi->view = lines - 1;
    clamp_top(gi);
    char buf[1024];
    for (int r = 0; r < gi->view && gi->top + r < gi->nrows; r++) {
        const grow *w = &gi->rows[gi->top + r];
        const gpara *p = &gi->paras[w->para];
        int x = text_x(gi, p) + (w->first ? 0 : p->hang);
        if (w->first && p->label && *p->label)
            term_put(top + r, 1, gi->label_cols - 1, p->label, ROLE_LABEL);
        int n = w->len < (int)sizeof buf - 1 ? w->len : (int)sizeof buf - 1;
        memcpy(buf, p->text + w->off, (size_t)n);
        buf[n] = '\0';
        term_put(top + r, x, COLS - x - 1, buf, p->role);
    }
    char pos[80];
    int last = gi->top + gi->view < gi->nrows ? gi->top + gi->view : gi->nrows;
    snprintf(pos, sizeof pos, _("rows %d-%d of %d"), gi->nrows ? gi->top + 1 : 0, last, gi->nrows);
    int pw = term_width(pos);
    term_put_padded(top + lines - 1, 0, COLS, "", ROLE_DIM);
    term_put(top + lines - 1, 1, COLS - pw - 4,
             _("p/s one-time notice   e log an enquiry   n new intake   Esc back"), ROLE_DIM);
    term_put(top + lines - 1, COLS - pw - 1, pw, pos, ROLE_DIM);
}

static scr_rc item_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    gitem *gi = s->st;
    int page = gi->view > 2 ? gi->view - 1 : 1;
    switch (act) {
    case KM_LIST_UP: gi->top--; clamp_top(gi); return SCR_STAY;
    case KM_LIST_DOWN: gi->top++; clamp_top(gi); return SCR_STAY;
    case KM_LIST_PAGE_UP: gi->top -= page; clamp_top(gi); return SCR_STAY;
    case KM_LIST_PAGE_DOWN: gi->top += page; clamp_top(gi); return SCR_STAY;
    case KM_LIST_HOME: gi->top = 0; return SCR_STAY;
    case KM_LIST_END: gi->top = gi->nrows; clamp_top(gi); return SCR_STAY;
    case KM_FORM_CANCEL:
    case KM_GUIDE_FIND: return SCR_CLOSE; /* back to the search, its query as it was */
    case KM_NOTICE_PRINT:
    case KM_NOTICE_SAVE: app_push(a, scr_notice_item_new(a, gi->code)); return SCR_STAY;
    case KM_ENQUIRY_LOG: app_push(a, scr_enquiry_new(a, gi->code)); return SCR_STAY;
    case KM_NONE: break;
    default: return SCR_PASS; /* F2 intake and the other global actions */
    }
    switch (ev->key) { /* the letters of this screen (nothing is typed here) */
    case 'p':
    case 's': app_push(a, scr_notice_item_new(a, gi->code)); return SCR_STAY;
    case 'e': app_push(a, scr_enquiry_new(a, gi->code)); return SCR_STAY;
    case 'n': app_push(a, scr_intake_new(a)); return SCR_STAY;
    case KM_KEY_ESC: return SCR_CLOSE;
    default: return SCR_STAY;
    }
}

static void item_free(screen *s)
{
    gitem *gi = s->st;
    for (int k = 0; k < gi->npara; k++)
        free(gi->paras[k].text);
    free(gi->paras);
    free(gi->rows);
    free(gi);
    free(s);
}

static const screen_ops item_ops = {
    "guide_item", KM_CTX_LIST, false, item_title, item_draw, item_key, NULL, item_free, item_hints,
};

/* The guide of one item; NULL after a message when it cannot be read. */
static screen *guide_item_new(app *a, const char *code)
{
    catalog_item it;
    catalog_materials mats;
    memset(&it, 0, sizeof it);
    memset(&mats, 0, sizeof mats);
    int rc = catalog_get(a->db, code, &it, &mats);
    if (rc != 0) {
        if (rc == 1)
            app_message(a, ROLE_ALARM, _("Item %s is no longer in the catalogue."), code);
        else
            app_message(a, ROLE_ALARM, "%s", store_errmsg(a->db));
        return NULL;
    }
    gitem *gi = calloc(1, sizeof *gi);
    screen *s = gi ? screen_new(&item_ops, gi) : NULL;
    if (!s || build_guide(gi, &it, &mats) != 0) {
        if (s)
            item_free(s);
        else
            free(gi);
        catalog_item_free(&it);
        catalog_materials_free(&mats);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    snprintf(gi->code, sizeof gi->code, "%s", it.code);
    snprintf(gi->title, sizeof gi->title, _("Guide %s"), it.code);
    catalog_item_free(&it);
    catalog_materials_free(&mats);
    return s;
}
