/* drill_readback.c - what the trainee did, read back from the drill database,
 * and its score (core/drill.h).  For each applicant: the case recorded for
 * them (the first case received between their call and the next call, else
 * the first case in their name), its decision (the first of 受理, 容缺受理,
 * 补正, 不予受理 among its events), the materials its 补正 / 容缺 notice
 * named, its due date and the ID number recorded; a handoff confirmed by the
 * B post between the call of a handoff_after applicant and the next call;
 * whether the case was accepted (or its deferred materials completed) after
 * the first decision; the seconds from the call to the decision.  What was
 * expected comes from the catalogue's materials through drill_expect_for,
 * with the due date a promised item gets from core/deadline.h (the same
 * computation data/desk.c makes when it accepts). */
#include "data/drill.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deadline.h"
#include "data/catalog.h"
#include "data/caseview.h"
#include "data/events.h"
#include "data/store_db.h"

/* The first-visit call time of each applicant and every call's time, for "the next call". */
typedef struct {
    int64_t first[DRILL_APPLICANTS_MAX];
    int64_t all[2 * DRILL_APPLICANTS_MAX];
    size_t nall;
} calls;

static int read_calls(drill_run *r, calls *c)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *st = store_prepare(r->s, "SELECT idx, visit, called_ms FROM drill_progress ORDER BY called_ms");
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t idx = sqlite3_column_int64(st, 0), ms = sqlite3_column_int64(st, 2);
        if (idx < 0 || (size_t)idx >= r->sc.napplicants || c->nall >= 2 * DRILL_APPLICANTS_MAX)
            continue;
        if (!sqlite3_column_int(st, 1))
            c->first[idx] = ms;
        c->all[c->nall++] = ms;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(r->s, "reading the drill's calls");
}

/* The first call after `from` (INT64_MAX: none). */
static int64_t next_call(const calls *c, int64_t from)
{
    for (size_t i = 0; i < c->nall; i++)
        if (c->all[i] > from)
            return c->all[i];
    return INT64_MAX;
}

/* Copy the first row's first column (text) into out; 1 found, 0 none, -1 error. */
static int first_text(store *s, sqlite3_stmt *st, char *out, size_t len, const char *doing)
{
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, len, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : store_fail_sql(s, doing);
}

/* The case recorded for applicant a called at `from` (next call at `to`); 1 found, 0 none, -1 error. */
static int find_case(drill_run *r, const drill_applicant *a, int64_t from, int64_t to, char *id, size_t len)
{
    if (from > 0) {
        /* in the call's time, the applicant's own name first (two events may share a millisecond) */
        sqlite3_stmt *st = store_prepare(r->s, "SELECT e.subject FROM events e LEFT JOIN cases c ON c.case_id = e.subject "
                                               "WHERE e.type = 'case.received' AND e.created_at >= ?1 "
                                               "AND e.created_at < ?2 "
                                               "ORDER BY coalesce(c.applicant_name = ?3, 0) DESC, e.seq LIMIT 1");
        if (st) {
            sqlite3_bind_int64(st, 1, from);
            sqlite3_bind_int64(st, 2, to);
            sqlite3_bind_text(st, 3, a->name, -1, SQLITE_TRANSIENT);
        }
        int rc = first_text(r->s, st, id, len, "finding the case of a drill applicant");
        if (rc != 0)
            return rc;
    }
    sqlite3_stmt *st = store_prepare(r->s, "SELECT case_id FROM cases WHERE applicant_name = ?1 ORDER BY rowid LIMIT 1");
    if (st)
        sqlite3_bind_text(st, 1, a->name, -1, SQLITE_TRANSIENT);
    return first_text(r->s, st, id, len, "finding the case of a drill applicant by name");
}

/* The decision among the case's events, its time, and whether it was accepted later (return visit). */
static int read_decision(drill_run *r, const char *case_id, drill_actual *act, int64_t *decided_ms)
{
    static const struct {
        const char *type;
        ck_outcome o;
    } decisions[] = {{"case.accepted", CK_ACCEPT},
                     {"case.accepted_deferred", CK_DEFER},
                     {"case.supplement_requested", CK_SUPPLEMENT},
                     {"case.rejected", CK_REJECT}};
    sqlite3_stmt *st = store_prepare(r->s, "SELECT type, created_at FROM events WHERE subject = ?1 ORDER BY seq");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        if (act->decided) {
            if (!strcmp(type, "case.accepted") || !strcmp(type, "case.materials_completed"))
                act->return_done = true;
            continue;
        }
        for (size_t i = 0; i < sizeof decisions / sizeof decisions[0]; i++)
            if (!strcmp(type, decisions[i].type)) {
                act->decided = true;
                act->outcome = decisions[i].o;
                *decided_ms = sqlite3_column_int64(st, 1);
            }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(r->s, "reading a drill case's events");
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* The notice, due date and ID from the case's record. */
static int read_record(drill_run *r, const calendar *cal, const char *case_id, drill_actual *act)
{
    cv_scope scope = {.today = r->sc.start, .cal = cal, .soon = 0};
    cv_case *cv = calloc(1, sizeof *cv);
    if (!cv)
        return store_fail(r->s, "out of memory");
    int rc = cv_case_get(r->s, &scope, case_id, cv);
    if (rc == 0) {
        size_t idl = strnlen(cv->applicant_id, sizeof act->id_recorded - 1);
        memcpy(act->id_recorded, cv->applicant_id, idl);
        act->id_recorded[idl] = '\0';
        act->has_due = cv->row.due[0] && date_parse(cv->row.due, &act->due) == 0;
        const char *want = act->outcome == CK_SUPPLEMENT ? "supplement" : act->outcome == CK_DEFER ? "deferral" : NULL;
        for (int i = 0; want && i < cv->nnotices; i++) {
            const cv_notice *n = &cv->notices[i];
            if (n->reprint || strcmp(n->kind, want))
                continue;
            for (int k = 0; k < n->nmaterials && act->nnamed < CK_MAX_MATERIALS; k++)
                act->named[act->nnamed++] = n->materials[k];
            break;
        }
        qsort(act->named, act->nnamed, sizeof act->named[0], cmp_int);
    }
    free(cv);
    return rc < 0 ? -1 : 0;
}

/* A handoff confirmed between from and to. */
static int read_handoff(drill_run *r, int64_t from, int64_t to, bool *done)
{
    char v[8];
    sqlite3_stmt *st = store_prepare(r->s, "SELECT 'y' FROM handoffs h JOIN events e ON e.seq = h.event_seq "
                                           "WHERE h.kind = 'confirm' AND e.created_at >= ?1 AND e.created_at < ?2 "
                                           "LIMIT 1");
    if (st) {
        sqlite3_bind_int64(st, 1, from);
        sqlite3_bind_int64(st, 2, to);
    }
    int rc = first_text(r->s, st, v, sizeof v, "reading the drill's handoffs");
    *done = rc == 1;
    return rc < 0 ? -1 : 0;
}

/* What the trainee did for applicant i. */
static int read_actual(drill_run *r, const calendar *cal, const calls *c, size_t i, drill_actual *act)
{
    const drill_applicant *a = &r->sc.applicants[i];
    memset(act, 0, sizeof *act);
    act->seconds = -1;
    int64_t from = c->first[i], to = from > 0 ? next_call(c, from) : INT64_MAX;
    if (a->handoff_after && from > 0 && read_handoff(r, from, to, &act->handoff_done) != 0)
        return -1;
    char case_id[64];
    int found = find_case(r, a, from, to, case_id, sizeof case_id);
    if (found <= 0)
        return found;
    act->seen = true;
    int64_t decided_ms = 0;
    if (read_decision(r, case_id, act, &decided_ms) != 0 || read_record(r, cal, case_id, act) != 0)
        return -1;
    if (act->decided && from > 0)
        act->seconds = decided_ms > from ? (int)((decided_ms - from) / 1000) : 0;
    return 0;
}

/* What the rules expect of applicant a. */
static int expect_for(drill_run *r, const calendar *cal, const drill_applicant *a, drill_expect *e, char *err,
                      size_t errlen)
{
    catalog_item ci = {0};
    catalog_materials cm = {0};
    int rc = catalog_get(r->s, a->item, &ci, &cm);
    if (rc != 0)
        return snprintf(err, errlen, "drill: item %s: %s", a->item, rc < 0 ? store_errmsg(r->s) : "not in the catalogue"),
               -1;
    ck_material mats[CK_MAX_MATERIALS];
    size_t n = catalog_materials_to_ck(&cm, mats, CK_MAX_MATERIALS);
    bool has_due = false;
    gdate due = {0, 0, 0};
    if (ci.cls != CASE_CLASS_IMMEDIATE && cal) {
        dl_case dc = {.accepted = drill_day_date(&r->sc, a->day), .limit = ci.promised_days, .supplemented = false};
        int missing = 0;
        has_due = dl_due(cal, &dc, &due, &missing) == DL_OK;
    }
    ck_status st = drill_expect_for(a, mats, n, ci.cls, has_due, due, e);
    catalog_item_free(&ci);
    catalog_materials_free(&cm);
    if (st != CK_OK)
        return snprintf(err, errlen, "drill: applicant %s: the item %s's checklist cannot be decided (%d)", a->key,
                        a->item, (int)st),
               -1;
    return 0;
}

static void result_head(drill_run *r, drill_result *out)
{
    snprintf(out->scenario_title, sizeof out->scenario_title, "%s", r->sc.title);
    const char *base = strrchr(r->scenario_path, '/');
    base = base ? base + 1 : r->scenario_path;
    size_t bl = strnlen(base, sizeof out->scenario_file - 1);
    memcpy(out->scenario_file, base, bl);
    out->scenario_file[bl] = '\0';
    snprintf(out->trainee, sizeof out->trainee, "%s", r->trainee[0] ? r->trainee : r->sc.trainee_name);
    out->started_ms = r->started_ms;
    out->ended_ms = events_now_ms();
}

int drill_score_run(drill_run *r, const calendar *cal, drill_result *out, char *err, size_t errlen)
{
    if (!r || !r->s || !out)
        return snprintf(err, errlen, "drill: no drill is open"), -1;
    memset(out, 0, sizeof *out);
    result_head(r, out);
    calls c;
    if (read_calls(r, &c) != 0)
        return snprintf(err, errlen, "drill: %s", store_errmsg(r->s)), -1;
    drill_score scores[DRILL_APPLICANTS_MAX];
    for (size_t i = 0; i < r->sc.napplicants; i++) {
        drill_line *l = &out->lines[i];
        l->a = &r->sc.applicants[i];
        if (expect_for(r, cal, l->a, &l->expect, err, errlen) != 0)
            return -1;
        if (read_actual(r, cal, &c, i, &l->actual) != 0)
            return snprintf(err, errlen, "drill: %s", store_errmsg(r->s)), -1;
        drill_score_one(l->a, &l->expect, &l->actual, &l->score);
        scores[i] = l->score;
    }
    out->n = r->sc.napplicants;
    out->total = drill_total(scores, out->n);
    return 0;
}
