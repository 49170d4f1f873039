/* caseview_case.c - one case's whole record for the case screen: its row
 * with the supervision state, the cases columns, the checklist as last
 * checked (case_materials), the notices printed (notices; the materials a
 * notice lists are stored as the text "[2,3]", data/project.c), the
 * evaluation (好差评), and the applicant's trips (跑动次数). */
#include "data/caseview_int.h"

#include <stdlib.h>
#include <string.h>

#define Q_CASE                                                                                          \
    "SELECT " CVI_ROW_COLUMNS ", coalesce(c.applicant_id, ''), coalesce(c.applicant_phone, ''), "      \
    "c.window_id, coalesce(c.accepted, ''), coalesce(c.concluded, ''), coalesce(c.delivered, ''), "     \
    "coalesce(c.ended, ''), coalesce(c.reason, ''), c.deferred, c.supplements, "                        \
    "c.clock_restart IS NOT NULL, c.first_visit" CVI_ROW_FROM " WHERE c.case_id = ?1"
#define Q_MATERIALS                                                                                     \
    "SELECT idx, name, kind, may_defer, status, coalesce(note, ''), checked_on FROM case_materials "    \
    "WHERE case_id = ?1 ORDER BY idx LIMIT ?2"
/* The latest ?2 notices, oldest first. */
#define Q_NOTICES                                                                                       \
    "SELECT event_seq, kind, issued_on, reprint, coalesce(deadline, ''), materials, breaches FROM "     \
    "(SELECT * FROM notices WHERE case_id = ?1 ORDER BY event_seq DESC LIMIT ?2) ORDER BY event_seq"
#define Q_SUPPLEMENT_NOTICES                                                                            \
    "SELECT count(*) FROM notices WHERE case_id = ?1 AND kind = 'supplement' AND reprint = 0"
#define Q_EVALUATION "SELECT rating FROM evaluations WHERE case_id = ?1"

#define NOTICES_MAX ((int)(sizeof((cv_case *)0)->notices / sizeof((cv_case *)0)->notices[0]))
#define NOTICE_MATERIALS_MAX ((int)(sizeof((cv_notice *)0)->materials / sizeof(int)))

/* A statement on the case: ?1 the case number, ?2 a limit; NULL + message. */
static sqlite3_stmt *case_statement(store *s, const char *sql, const char *case_id, int limit)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (st) {
        sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
        if (sqlite3_bind_parameter_count(st) >= 2)
            sqlite3_bind_int(st, 2, limit);
    }
    return st;
}

/* Finish a statement stepped to rc; 0, or -1 with `doing`. */
static int done(store *s, sqlite3_stmt *st, int rc, const char *doing)
{
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail_sql(s, doing);
}

static void read_case(sqlite3_stmt *st, const cv_scope *scope, cv_case *c)
{
    cvi_row_read(st, scope, &c->row);
    cvi_copy(st, 12, c->applicant_id, sizeof c->applicant_id);
    cvi_copy(st, 13, c->applicant_phone, sizeof c->applicant_phone);
    cvi_copy(st, 14, c->window_id, sizeof c->window_id);
    char *const dates[] = {c->accepted, c->concluded, c->delivered, c->ended};
    for (int i = 0; i < 4; i++)
        cvi_copy(st, 15 + i, dates[i], DATE_STR_LEN);
    cvi_copy(st, 19, c->reason, sizeof c->reason);
    c->deferred = sqlite3_column_int(st, 20) != 0;
    c->supplements = sqlite3_column_int(st, 21);
    c->first_visit = sqlite3_column_int(st, 23) != 0;
}

/* 0 found, 1 no such case, -1 error; *restarted: the 补正 materials came (the clock restarted). */
static int get_case(store *s, const cv_scope *scope, const char *case_id, cv_case *c, bool *restarted)
{
    sqlite3_stmt *st = case_statement(s, Q_CASE, case_id, 0);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_case(st, scope, c);
        *restarted = sqlite3_column_int(st, 22) != 0;
    }
    if (done(s, st, rc, "reading a case") != 0)
        return -1;
    return rc == SQLITE_ROW ? 0 : 1;
}

static ck_presence presence_of(const char *name)
{
    static const char *const names[CK_PRESENCE_COUNT] = {"present", "missing", "defective"};
    for (int i = 0; i < CK_PRESENCE_COUNT; i++)
        if (name && strcmp(name, names[i]) == 0)
            return (ck_presence)i;
    return CK_PRESENCE_COUNT;
}

static int get_materials(store *s, const char *case_id, cv_case *c)
{
    sqlite3_stmt *st = case_statement(s, Q_MATERIALS, case_id, CK_MAX_MATERIALS);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && c->nmaterials < CK_MAX_MATERIALS) {
        cv_material *m = &c->materials[c->nmaterials++];
        m->index = sqlite3_column_int(st, 0);
        cvi_copy(st, 1, m->name, sizeof m->name);
        const char *kind = (const char *)sqlite3_column_text(st, 2);
        m->kind = kind && strcmp(kind, "auxiliary") == 0 ? CK_AUXILIARY : CK_ESSENTIAL;
        m->deferrable = sqlite3_column_int(st, 3) != 0;
        m->status = presence_of((const char *)sqlite3_column_text(st, 4));
        cvi_copy(st, 5, m->note, sizeof m->note);
        cvi_copy(st, 6, m->checked_on, sizeof m->checked_on);
    }
    return done(s, st, rc, "reading the case's checklist");
}

/* The material numbers of a stored list "[2,3]", at most cap of them. */
static int parse_numbers(const char *text, int *out, int cap)
{
    int n = 0;
    for (const char *p = text ? text : ""; *p && n < cap;) {
        if (*p >= '0' && *p <= '9') {
            char *end;
            long v = strtol(p, &end, 10);
            out[n++] = v > 1000000 ? 1000000 : (int)v;
            p = end;
        } else {
            p++;
        }
    }
    return n;
}

static int get_notices(store *s, const char *case_id, cv_case *c)
{
    sqlite3_stmt *st = case_statement(s, Q_NOTICES, case_id, NOTICES_MAX);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && c->nnotices < NOTICES_MAX) {
        cv_notice *n = &c->notices[c->nnotices++];
        n->seq = sqlite3_column_int64(st, 0);
        cvi_copy(st, 1, n->kind, sizeof n->kind);
        cvi_copy(st, 2, n->issued_on, sizeof n->issued_on);
        n->reprint = sqlite3_column_int(st, 3) != 0;
        cvi_copy(st, 4, n->deadline, sizeof n->deadline);
        n->nmaterials = parse_numbers((const char *)sqlite3_column_text(st, 5), n->materials, NOTICE_MATERIALS_MAX);
        n->breaches = sqlite3_column_int(st, 6);
    }
    return done(s, st, rc, "reading the case's notices");
}

/* One integer or text from a one-row query on the case (absent: unchanged). */
static int get_value(store *s, const char *sql, const char *case_id, int *num, char *text, size_t len,
                     const char *doing)
{
    sqlite3_stmt *st = case_statement(s, sql, case_id, 0);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && num)
        *num = sqlite3_column_int(st, 0);
    if (rc == SQLITE_ROW && text)
        cvi_copy(st, 0, text, len);
    return done(s, st, rc, doing);
}

/* 跑动次数: the first visit, one more for each 补正 round after the first (each round sends the
 * applicant home with a notice: the larger of the 补正 steps and the original supplement notices
 * printed), and one for bringing the materials back (the clock restarted, seed 001 篇八 四(三)3). */
static int trips_of(int rounds, bool restarted)
{
    return 1 + (rounds > 1 ? rounds - 1 : 0) + (restarted ? 1 : 0);
}

int cv_case_get(store *s, const cv_scope *scope, const char *case_id, cv_case *out)
{
    if (!out || !case_id)
        return store_fail(s, "no case to read");
    if (cvi_scope_check(s, scope) != 0)
        return -1;
    memset(out, 0, sizeof *out);
    bool restarted = false;
    int rc = get_case(s, scope, case_id, out, &restarted);
    if (rc != 0)
        return rc;
    int notices = 0;
    if (get_materials(s, case_id, out) != 0 || get_notices(s, case_id, out) != 0 ||
        get_value(s, Q_SUPPLEMENT_NOTICES, case_id, &notices, NULL, 0, "counting the supplement notices") != 0 ||
        get_value(s, Q_EVALUATION, case_id, NULL, out->rating, sizeof out->rating, "reading the evaluation") != 0)
        return -1;
    out->evaluated = out->rating[0] != '\0';
    out->trips = trips_of(notices > out->supplements ? notices : out->supplements, restarted);
    return 0;
}
