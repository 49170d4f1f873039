/* notice_doc.c - the documents of data/notice_doc.h filled from the store:
 * the case (project_case_get and the cases columns it does not carry), the
 * latest notice of the kind (notices), the materials that notice listed
 * with what was wrong with each (case_materials), the item's guide and its
 * materials' form and copies (catalogue), the clerk (staff), the window
 * (roster) and the centre's contact (configuration); then laid out by
 * core/notice.h.  Printing and saving are in notice_out.c. */
#include "data/notice_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/catalog.h"
#include "data/project.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store_db.h"

/* Everything one document shows, owned here until it is laid out. */
typedef struct {
    notice_doc d;
    project_case pc;
    catalog_item item;
    catalog_materials cmats;
    char *applicant_id, *reason, *basis, *deadline, *date, *materials_json;
    int64_t notice_seq;   /* 0: no notice row (the acceptance of a concluded 即办件) */
    staff_id clerk_num;
    char clerk[STAFF_NAME_BUF];
    char window[WINDOW_CODE_BUF + WINDOW_NAME_BUF + 2];
    notice_material *mats;
    char **strs;          /* names and notes of mats, freed with them */
    size_t nmats, nstrs;
} parts;

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static int fail_store(store *s, char *err, size_t errlen)
{
    return fail(err, errlen, "%s", store_errmsg(s));
}

static void parts_free(parts *P)
{
    catalog_item_free(&P->item);
    catalog_materials_free(&P->cmats);
    free(P->applicant_id), free(P->reason), free(P->basis), free(P->deadline), free(P->date);
    free(P->materials_json);
    for (size_t i = 0; i < P->nstrs; i++)
        free(P->strs[i]);
    free(P->strs);
    free(P->mats);
}

/* A text column as a heap string ("" for NULL); NULL only when out of memory. */
static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return strdup(t ? (const char *)t : "");
}

static const char *tr_(notice_tr tr, const char *msgid)
{
    const char *s = tr ? tr(msgid) : msgid;
    return s ? s : msgid;
}

/* 原件 / 复印件 / 电子版 through the translation. */
static const char *form_label(catalog_form f, notice_tr tr)
{
    static const char *const ids[CATALOG_FORM_COUNT] = {
        [CATALOG_FORM_ORIGINAL] = N_("original document"),
        [CATALOG_FORM_COPY] = N_("photocopy"),
        [CATALOG_FORM_ELECTRONIC] = N_("electronic version"),
    };
    return (unsigned)f < CATALOG_FORM_COUNT ? tr_(tr, ids[f]) : "";
}

/* ---- the case and its notice ------------------------------------------------------------ */

/* The case row, and what project_case does not carry: 1 when there is no such case. */
static int load_case(store *s, const char *case_id, parts *P, char *err, size_t errlen)
{
    int rc = project_case_get(s, case_id, &P->pc);
    if (rc != 0)
        return rc < 0 ? fail_store(s, err, errlen) : 1;
    sqlite3_stmt *st = store_prepare(
        s, "SELECT applicant_id, reason, basis, deferred_deadline FROM cases WHERE case_id = ?1");
    if (!st)
        return fail_store(s, err, errlen);
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        P->applicant_id = col_dup(st, 0), P->reason = col_dup(st, 1), P->basis = col_dup(st, 2);
        P->deadline = col_dup(st, 3);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? 1 : fail(err, errlen, "reading case %s: %s", case_id, store_errmsg(s));
    return P->applicant_id && P->reason && P->basis && P->deadline ? 0 : fail(err, errlen, "out of memory");
}

/* The latest notices row of the kind: its date, materials, deadline, clerk; 1 when none. */
static int load_notice(store *s, const char *case_id, notice_kind kind, parts *P, char *err, size_t errlen)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT event_seq, issued_on, materials, deadline, staff_id FROM notices "
                                        "WHERE case_id = ?1 AND kind = ?2 ORDER BY event_seq DESC LIMIT 1");
    if (!st)
        return fail_store(s, err, errlen);
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, notice_kind_name(kind), -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        P->notice_seq = sqlite3_column_int64(st, 0);
        free(P->date);
        P->date = col_dup(st, 1);
        P->materials_json = col_dup(st, 2);
        if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
            free(P->deadline);
            P->deadline = col_dup(st, 3);
        }
        P->clerk_num = (staff_id)sqlite3_column_int(st, 4);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? 1 : fail(err, errlen, "reading the notices of %s: %s", case_id, store_errmsg(s));
    return P->date && P->materials_json && P->deadline ? 0 : fail(err, errlen, "out of memory");
}

/* An acceptance notice of a 即办件 done on the spot needs no stored notice: it is dated the day
 * the case was concluded (seed 001 篇四 (七): 即办件即收即办，当场办结). */
static int acceptance_without_notice(parts *P)
{
    if (P->pc.cls != CASE_CLASS_IMMEDIATE || !P->pc.concluded[0])
        return 1;
    free(P->date);
    P->date = strdup(P->pc.concluded);
    P->materials_json = strdup("[]");
    P->clerk_num = P->pc.clerk;
    return P->date && P->materials_json ? 0 : -1;
}

/* ---- the materials a notice listed --------------------------------------------------------- */

static char *keep(parts *P, char *str)
{
    if (str)
        P->strs[P->nstrs++] = str;
    return str;
}

/* The guide's line for material n, or NULL when the catalogue no longer lists it. */
static const catalog_material *guide_material(const parts *P, int n)
{
    for (size_t i = 0; i < P->cmats.n; i++)
        if (P->cmats.v[i].n == n)
            return &P->cmats.v[i];
    return NULL;
}

/* A material marked present since the notice: how it stood when the notice was issued (the
 * last material.checked before the notice's event), so a reprint says what the notice said. */
static int state_at_notice(store *s, const char *case_id, const parts *P, int idx, char **status, char **note)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT json_extract(payload, '$.status'), json_extract(payload, '$.note') "
                                        "FROM events WHERE subject = ?1 AND type = 'material.checked' AND seq < ?2 "
                                        "AND json_extract(payload, '$.index') = ?3 ORDER BY seq DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, P->notice_seq);
    sqlite3_bind_int(st, 3, idx);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        free(*status), free(*note);
        *status = col_dup(st, 0), *note = col_dup(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading the checklist");
}

/* One row of the notice's list: number, name, kind, status, note; guide facts added. */
static int add_material(store *s, const char *case_id, parts *P, sqlite3_stmt *st, notice_tr tr)
{
    int idx = sqlite3_column_int(st, 0);
    char *name = col_dup(st, 1), *kind = col_dup(st, 2), *status = col_dup(st, 3), *note = col_dup(st, 4);
    int rc = 0;
    if (status && note && strcmp(status, "present") == 0 && P->notice_seq > 0)
        rc = state_at_notice(s, case_id, P, idx, &status, &note);
    const catalog_material *g = guide_material(P, idx);
    notice_material *m = &P->mats[P->nmats++];
    *m = (notice_material){.n = idx, .copies = g ? g->copies : -1, .form = g ? form_label(g->form, tr) : ""};
    m->essential = kind && strcmp(kind, "essential") == 0;
    m->missing = !status || strcmp(status, "defective") != 0;
    if (name && !*name) { /* not on the checklist any more: the guide's name */
        free(name);
        name = strdup(g ? g->name : "?");
    }
    m->name = keep(P, name);
    m->note = keep(P, note);
    free(kind), free(status);
    if (rc != 0)
        return -1;
    return m->name && m->note ? 0 : store_fail(s, "out of memory");
}

/* The materials the notice listed ("[2,3]"), in its order, each as the checklist has it. */
static int load_materials(store *s, const char *case_id, parts *P, notice_tr tr, char *err, size_t errlen)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT j.value, m.name, m.kind, m.status, m.note FROM json_each(?1) AS j "
           "LEFT JOIN case_materials AS m ON m.case_id = ?2 AND m.idx = j.value ORDER BY j.key");
    if (!st)
        return fail_store(s, err, errlen);
    sqlite3_bind_text(st, 1, P->materials_json, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, case_id, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (P->nmats == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            notice_material *m = realloc(P->mats, ncap * sizeof *m);
            char **strs = m ? realloc(P->strs, ncap * 2 * sizeof *strs) : NULL;
            P->mats = m ? m : P->mats;
            P->strs = strs ? strs : P->strs;
            if (!m || !strs) {
                sqlite3_finalize(st);
                return fail(err, errlen, "out of memory");
            }
            cap = ncap;
        }
        if (add_material(s, case_id, P, st, tr) != 0) {
            sqlite3_finalize(st);
            return fail_store(s, err, errlen);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail(err, errlen, "reading the materials of %s: %s", case_id, store_errmsg(s));
    P->d.materials = P->mats;
    P->d.nmaterials = P->nmats;
    return 0;
}

/* ---- the item, the people, the centre ------------------------------------------------------ */

/* The item and its guide's materials; an item gone from the catalogue shows by its code. */
static int load_item(store *s, const char *code, parts *P, char *err, size_t errlen)
{
    int rc = catalog_get(s, code, &P->item, &P->cmats);
    if (rc < 0)
        return fail_store(s, err, errlen);
    P->d.item_code = code;
    if (rc == 1) {
        memset(&P->item, 0, sizeof P->item);
        memset(&P->cmats, 0, sizeof P->cmats);
        return 0;
    }
    P->d.item_code = P->item.code;
    P->d.item_name = P->item.name;
    P->d.department = P->item.department;
    return 0;
}

/* The guide's elements of a one-time notice (seed 001 篇十三 §9). */
static void guide_fields(parts *P)
{
    catalog_item *it = &P->item;
    if (!it->code)
        return;
    P->d.item_kind = it->kind;
    P->d.basis_law = it->basis;
    P->d.conditions = it->conditions;
    P->d.procedure = it->procedure;
    P->d.fee = it->fee;
    P->d.fee_basis = it->fee_basis;
    P->d.place = it->place;
    P->d.hours = it->hours;
    P->d.contact = it->contact;
    P->d.complaint = it->complaint;
    P->d.statutory_days = it->statutory_days;
    P->d.promised_days = it->promised_days;
    P->d.immediate = it->cls == CASE_CLASS_IMMEDIATE;
}

/* Every material of the guide, as a one-time notice lists them. */
static int guide_materials(parts *P, notice_tr tr, char *err, size_t errlen)
{
    if (P->cmats.n == 0)
        return 0;
    P->mats = calloc(P->cmats.n, sizeof *P->mats);
    if (!P->mats)
        return fail(err, errlen, "out of memory");
    for (size_t i = 0; i < P->cmats.n; i++) {
        const catalog_material *g = &P->cmats.v[i];
        P->mats[i] = (notice_material){.n = g->n, .name = g->name, .form = form_label(g->form, tr),
                                       .copies = g->copies, .essential = g->kind == CK_ESSENTIAL,
                                       .note = g->note ? g->note : ""};
    }
    P->nmats = P->cmats.n;
    P->d.materials = P->mats;
    P->d.nmaterials = P->nmats;
    return 0;
}

/* The clerk's name (staff.num) and the window ("W01 民政综合窗口"); unknown ones are left out
 * (a window not in this file shows by its code). */
static void load_people(store *s, parts *P, const char *window_code)
{
    char e[STORE_ERR_LEN];
    staff_rec rec;
    if (P->clerk_num > 0 && staff_get_num(s, P->clerk_num, &rec, e, sizeof e) == STAFF_OK)
        snprintf(P->clerk, sizeof P->clerk, "%s", rec.name);
    window_rec w;
    if (window_code && *window_code && window_get(s, window_code, &w, e, sizeof e) == STAFF_OK)
        snprintf(P->window, sizeof P->window, "%s %s", w.code, w.name);
    else if (window_code)
        snprintf(P->window, sizeof P->window, "%s", window_code);
    P->d.clerk = P->clerk;
    P->d.window = P->window;
}

static void centre(parts *P, const gconfig *cfg)
{
    if (!cfg)
        return;
    P->d.centre_name = cfg->centre_name;
    P->d.centre_address = cfg->centre_address;
    P->d.centre_phone = cfg->centre_phone;
    P->d.centre_complaint = cfg->centre_complaint;
    P->d.centre_hours = cfg->centre_hours;
}

/* ---- laying out -------------------------------------------------------------------------- */

/* Copy at most cap - 1 bytes of s, never cutting a UTF-8 character. */
static void copy_utf8(char *dst, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* "STEM-kind.txt" with every byte outside A-Z a-z 0-9 . _ - replaced by '_'. */
static void file_name(char *out, size_t cap, const char *stem, notice_kind kind)
{
    snprintf(out, cap, "%s-%s.txt", stem && *stem ? stem : "notice", notice_kind_name(kind));
    for (char *p = out; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
              *p == '_' || *p == '-'))
            *p = '_';
}

static int render(parts *P, const char *stem, int width, notice_tr tr, notice_text *out, char *err, size_t errlen)
{
    long need = notice_render(&P->d, width, tr, NULL, 0);
    if (need < 0)
        return fail(err, errlen, "a notice needs a width of at least 20 columns (asked for %d)", width);
    char *text = malloc((size_t)need + 1);
    if (!text)
        return fail(err, errlen, "out of memory");
    notice_render(&P->d, width, tr, text, (size_t)need + 1);
    out->text = text;
    out->len = (size_t)need;
    copy_utf8(out->title, sizeof out->title, tr_(tr, notice_title(P->d.kind)));
    file_name(out->file_name, sizeof out->file_name, stem, P->d.kind);
    return 0;
}

/* The document's values from what was loaded. */
static void case_values(parts *P, notice_kind kind, bool reprint)
{
    notice_doc *d = &P->d;
    d->kind = kind;
    d->reprint = reprint;
    d->case_id = P->pc.case_id;
    d->applicant = P->pc.applicant_name;
    d->applicant_id = P->applicant_id;
    d->date = P->date;
    d->received = P->pc.received;
    if (kind == NOTICE_ACCEPTANCE) {
        d->due = P->pc.due;
        /* 特别程序 are noted on the 受理通知书 (seed 001 篇十三 §10(4)); the guide says 无 when none. */
        d->special = P->item.special && strcmp(P->item.special, "无") != 0 ? P->item.special : "";
    }
    if (kind == NOTICE_DEFERRAL)
        d->deadline = P->deadline;
    if (kind == NOTICE_REJECTION) {
        d->reason = P->reason;
        d->basis = P->basis;
    }
}

static int case_doc(store *s, const gconfig *cfg, const char *case_id, notice_kind kind, notice_tr tr, parts *P,
                    char *err, size_t errlen)
{
    int rc = load_case(s, case_id, P, err, errlen);
    if (rc == 0)
        rc = load_notice(s, case_id, kind, P, err, errlen);
    if (rc == 1 && kind == NOTICE_ACCEPTANCE && P->pc.case_id[0]) {
        rc = acceptance_without_notice(P);
        if (rc < 0)
            return fail(err, errlen, "out of memory");
    }
    if (rc != 0 || (rc = load_item(s, P->pc.item, P, err, errlen)) != 0)
        return rc;
    if (kind == NOTICE_ONE_TIME)
        guide_fields(P);
    if (kind == NOTICE_ONE_TIME && strcmp(P->materials_json, "[]") == 0)
        rc = guide_materials(P, tr, err, errlen);
    else
        rc = load_materials(s, case_id, P, tr, err, errlen);
    if (rc != 0)
        return rc;
    if (P->clerk_num <= 0)
        P->clerk_num = P->pc.clerk;
    load_people(s, P, P->pc.window_id);
    centre(P, cfg);
    return 0;
}

int notice_for_case(store *s, const gconfig *cfg, const char *case_id, notice_kind kind, bool reprint, int width,
                    notice_tr tr, notice_text *out, char *err, size_t errlen)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!s || !case_id || !out || (unsigned)kind >= NOTICE_KIND_COUNT)
        return fail(err, errlen, "no store, case or document kind was given");
    parts P;
    memset(&P, 0, sizeof P);
    int rc = case_doc(s, cfg, case_id, kind, tr, &P, err, errlen);
    if (rc == 0) {
        case_values(&P, kind, reprint);
        rc = render(&P, case_id, width, tr, out, err, errlen);
    }
    parts_free(&P);
    return rc;
}

int notice_for_item(store *s, const gconfig *cfg, const char *item, const char *window, const char *clerk,
                    const char *date, int width, notice_tr tr, notice_text *out, char *err, size_t errlen)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!s || !item || !out)
        return fail(err, errlen, "no store or item was given");
    parts P;
    memset(&P, 0, sizeof P);
    int rc = catalog_get(s, item, &P.item, &P.cmats);
    if (rc != 0) {
        if (rc < 0)
            fail_store(s, err, errlen);
        else
            fail(err, errlen, "no item %s in the catalogue", item);
    } else if ((rc = guide_materials(&P, tr, err, errlen)) == 0) {
        P.d.kind = NOTICE_ONE_TIME;
        P.d.item_code = P.item.code;
        P.d.item_name = P.item.name;
        P.d.department = P.item.department;
        guide_fields(&P);
        load_people(s, &P, window);
        P.d.clerk = clerk;
        P.d.date = date;
        centre(&P, cfg);
        rc = render(&P, P.item.code, width, tr, out, err, errlen);
    }
    parts_free(&P);
    return rc;
}

void notice_text_free(notice_text *t)
{
    if (!t)
        return;
    free(t->text);
    t->text = NULL;
    t->len = 0;
}
