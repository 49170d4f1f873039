/* project.c - the projection tables, updated from each event through core/'s
 * rules, one handler per event type (the table `handlers` at the end), and
 * the rebuild that replays the whole log.
 *
 * State that core/ folds is reconstructed from the stored events: a case is
 * case_project() of every stored lifecycle event of that case, from this
 * terminal and pulled from others, in id order (the same set gives the same
 * row whatever the arrival order; the new event must be among those
 * applied); a window's duty day replays its handoffs through
 * handoff_apply() and then applies the new event.  The rules are core's
 * alone, and what the append path, the pull and the rebuild compute is the
 * same by construction.  Every handler checks its payload
 * and refuses with a message; the caller rolls the transaction back. */
#include "data/project.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checklist.h"
#include "core/handoff.h"
#include "core/ident.h"
#include "core/names.h"
#include "core/phone.h"
#include "core/schedule.h"
#include "data/project_sv.h"
#include "data/staff.h"
#include "data/store_db.h"

/* ---- the tables ---------------------------------------------------------------- */

#define PROJECTION_TABLES(X) \
    X(cases) X(case_materials) X(notices) X(enquiries) X(evaluations) X(attendance) X(handoffs) X(duty) \
    X(duty_days) X(leaves) X(leader_days) X(followups) X(complaints)

#define TABLE_NAME(t) #t,
#define TABLE_CLEAR(t) "DELETE FROM " #t,
static const char *const table_names[] = {PROJECTION_TABLES(TABLE_NAME)};
static const char *const table_clear[] = {PROJECTION_TABLES(TABLE_CLEAR)};
#define NTABLES (sizeof table_names / sizeof table_names[0])

const char *const *project_tables(size_t *n)
{
    *n = NTABLES;
    return table_names;
}

/* ---- statements ---------------------------------------------------------------- */

enum {
    Q_CASE_GET,
    Q_CASE_HISTORY,
    Q_CASE_INSERT,
    Q_CASE_UPDATE,
    Q_MATERIAL_UPSERT,
    Q_MATERIAL_GET,
    Q_FIRST_SUPPLEMENT,
    Q_NOTICE_MATERIALS,
    Q_NOTICE_INSERT,
    Q_ENQUIRY_INSERT,
    Q_EVALUATION_GET,
    Q_EVALUATION_INSERT,
    Q_PUNCH_INSERT,
    Q_DUTY_GET,
    Q_DUTY_PUT,
    Q_HANDOFF_HISTORY,
    Q_HANDOFF_INSERT,
    Q_DUTY_DAY_PUT,
    Q_STAFF_GET,
    Q_PUNCH_OF_EVENT,
    Q_PUNCH_VOID,
    Q_CORRECTION_INSERT,
    Q_LEAVE_OVERLAP,
    Q_LEAVE_INSERT,
    Q_LEAVE_GET,
    Q_LEAVE_DECIDE,
    Q_LEAVE_END,
    Q_LEADER_DAY_GET,
    Q_LEADER_DAY_INSERT,
    Q_CASE_CLERK,
    Q_CASE_SET_CLERK,
    Q_COUNT
};

static const char *const sql[Q_COUNT] = {
    [Q_CASE_GET] = "SELECT class, status, accepted, concluded, ended, deferred, supplements "
                   "FROM cases WHERE case_id = ?1",
    [Q_CASE_HISTORY] = "SELECT id, type, json_extract(payload, '$.date'), json_extract(payload, '$.target'), "
                       "json_extract(payload, '$.due'), json_extract(payload, '$.deadline'), "
                       "json_extract(payload, '$.reason'), json_extract(payload, '$.basis') "
                       "FROM events WHERE subject = ?1 AND type GLOB 'case.*' AND seq <= ?2 "
                       "AND id NOT IN (SELECT id FROM sync_unapplied WHERE final = 1) ORDER BY lower(id)",
    [Q_CASE_INSERT] = "INSERT INTO cases(case_id, item, class, status, applicant_name, applicant_id, "
                      "applicant_phone, window_id, clerk, received, last_seq) "
                      "VALUES (?1, ?2, ?3, 'received', ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [Q_CASE_UPDATE] = "UPDATE cases SET status = ?2, accepted = ?3, concluded = ?4, delivered = ?5, ended = ?6, "
                      "deferred = ?7, deferred_completed = ?8, supplements = ?9, clock_restart = ?10, "
                      "first_visit = ?11, last_seq = ?12, due = ?13, deferred_deadline = ?14, reason = ?15, "
                      "basis = ?16 WHERE case_id = ?1",
    [Q_MATERIAL_UPSERT] = "INSERT INTO case_materials(case_id, idx, name, kind, may_defer, status, note, "
                          "checked_on, staff_id, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                          "ON CONFLICT(case_id, idx) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                          "may_defer = excluded.may_defer, status = excluded.status, note = excluded.note, "
                          "checked_on = excluded.checked_on, staff_id = excluded.staff_id, "
                          "last_seq = excluded.last_seq",
    [Q_MATERIAL_GET] = "SELECT status FROM case_materials WHERE case_id = ?1 AND idx = ?2",
    [Q_FIRST_SUPPLEMENT] = "SELECT event_seq FROM notices WHERE case_id = ?1 AND kind = 'supplement' "
                           "AND reprint = 0 ORDER BY event_seq LIMIT 1",
    [Q_NOTICE_MATERIALS] = "SELECT value FROM json_each((SELECT materials FROM notices WHERE event_seq = ?1))",
    [Q_NOTICE_INSERT] = "INSERT INTO notices(event_seq, case_id, kind, issued_on, issued_at, materials, reprint, "
                        "deadline, breaches, staff_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [Q_ENQUIRY_INSERT] = "INSERT INTO enquiries(event_seq, event_id, asked_on, asked_at, window_id, staff_id, item, "
                         "question, outcome, referred_to, applicant_name, applicant_phone) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [Q_EVALUATION_GET] = "SELECT given_on FROM evaluations WHERE case_id = ?1",
    [Q_EVALUATION_INSERT] = "INSERT INTO evaluations(case_id, rating, comment, given_on, staff_id, event_seq) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_PUNCH_INSERT] = "INSERT INTO attendance(event_seq, staff_id, day, minute, kind, clock_suspect, window_id) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [Q_DUTY_GET] = "SELECT day, a, b, workday, morning_start, morning_end, afternoon_start, afternoon_end, grace "
                   "FROM duty WHERE window_id = ?1",
    [Q_DUTY_PUT] = "INSERT OR REPLACE INTO duty(window_id, day, a, b, workday, morning_start, morning_end, "
                   "afternoon_start, afternoon_end, grace, state, on_duty, cover_supervisor, unattended_since, "
                   "left_unattended_by, a_away, b_away, request_by, last_minute, last_seq) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
                   "?19, ?20)",
    [Q_HANDOFF_HISTORY] = "SELECT kind, actor, confirmer, supervisor, reason, expected_return, long_absence, minute "
                          "FROM handoffs WHERE window_id = ?1 AND day = ?2 ORDER BY event_seq",
    [Q_HANDOFF_INSERT] = "INSERT INTO handoffs(event_seq, window_id, day, minute, kind, actor, confirmer, "
                         "supervisor, reason, expected_return, long_absence) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [Q_DUTY_DAY_PUT] = "INSERT OR REPLACE INTO duty_days(window_id, day, a, b, workday, morning_start, morning_end, "
                       "afternoon_start, afternoon_end, grace, event_seq) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [Q_STAFF_GET] = "SELECT roles, active, name FROM staff WHERE num = ?1",
    [Q_PUNCH_OF_EVENT] = "SELECT a.event_seq, a.staff_id, a.day, a.voided_by FROM events e "
                         "JOIN attendance a ON a.event_seq = e.seq WHERE e.id = ?1",
    [Q_PUNCH_VOID] = "UPDATE attendance SET voided_by = ?2, note = ?3 WHERE event_seq = ?1",
    [Q_CORRECTION_INSERT] = "INSERT INTO attendance(event_seq, staff_id, day, minute, kind, clock_suspect, "
                            "window_id, corrected_by, note) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8)",
    [Q_LEAVE_OVERLAP] = "SELECT start_day, end_day FROM leaves WHERE staff_id = ?1 "
                        "AND state IN ('requested', 'approved') AND (start_day, start_minute) < (?4, ?5) "
                        "AND (end_day, end_minute) > (?2, ?3) ORDER BY start_day LIMIT 1",
    [Q_LEAVE_INSERT] = "INSERT INTO leaves(leave_id, event_seq, staff_id, kind, start_day, start_minute, end_day, "
                       "end_minute, reason, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?2)",
    [Q_LEAVE_GET] = "SELECT staff_id, state, start_day, start_minute, end_day, end_minute, ended_early "
                    "FROM leaves WHERE leave_id = ?1",
    [Q_LEAVE_DECIDE] = "UPDATE leaves SET state = ?2, decided_by = ?3, decision_note = ?4, last_seq = ?5 "
                       "WHERE leave_id = ?1",
    [Q_LEAVE_END] = "UPDATE leaves SET state = ?2, end_day = ?3, end_minute = ?4, ended_early = ?5, last_seq = ?6 "
                    "WHERE leave_id = ?1",
    [Q_LEADER_DAY_GET] = "SELECT planned_by FROM leader_days WHERE staff_id = ?1 AND day = ?2",
    [Q_LEADER_DAY_INSERT] = "INSERT INTO leader_days(staff_id, day, planned_by, event_seq) VALUES (?1, ?2, ?3, ?4)",
    [Q_CASE_CLERK] = "SELECT clerk, ended FROM cases WHERE case_id = ?1",
    [Q_CASE_SET_CLERK] = "UPDATE cases SET clerk = ?2 WHERE case_id = ?1",
};

struct project_ctx {
    store *s;
    sqlite3_stmt *st[Q_COUNT];
    ev_doc doc;          /* the payload of the event being applied */
    bool order_refusal;  /* the last refusal depends on what is stored (see project_refusal_is_final) */
    case_event fold_ev[CASE_MAX_EVENTS]; /* a case's events being folded (case_step) */
    case_verdict fold_v[CASE_MAX_EVENTS];
    size_t fold_n;
    case_state fold_state;
};

project_ctx *project_ctx_new(store *s)
{
    project_ctx *p = calloc(1, sizeof *p);
    if (!p)
        store_fail(s, "out of memory");
    else
        p->s = s;
    return p;
}

void project_ctx_free(project_ctx *p)
{
    if (!p)
        return;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(p->st[i]);
    free(p);
}

/* Statement q, prepared once, reset and unbound. */
static sqlite3_stmt *q(project_ctx *p, int which)
{
    if (!p->st[which])
        return p->st[which] = store_prepare(p->s, sql[which]);
    sqlite3_reset(p->st[which]);
    sqlite3_clear_bindings(p->st[which]);
    return p->st[which];
}

/* Step a statement that changes rows; 0 or -1. */
static int run(project_ctx *p, sqlite3_stmt *st, const char *doing)
{
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(p->s, doing);
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v ? v : "";
}

/* ---- refusals and payload fields --------------------------------------------------- */

/* Refuse the event: "TYPE SUBJECT: why" becomes the store's message; returns -1. */
static int refuse(project_ctx *p, const project_event *ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(project_ctx *p, const project_event *ev, const char *fmt, ...)
{
    char why[STORE_ERR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (ev->subject)
        return store_fail(p->s, "%s %s: %s", ev->type, ev->subject, why);
    return store_fail(p->s, "%s: %s", ev->type, why);
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* A required, non-blank text field of at most max bytes; NULL after refusing. */
static const char *need_str(project_ctx *p, const project_event *ev, const char *key, size_t max)
{
    const char *v = ev_get_str(&p->doc, key);
    if (blank(v)) {
        refuse(p, ev, "the payload needs \"%s\" (a non-empty text)", key);
        return NULL;
    }
    if (strlen(v) > max) {
        refuse(p, ev, "\"%s\" is longer than %zu bytes", key, max);
        return NULL;
    }
    return v;
}

/* An optional text field: NULL when absent or blank; *bad set after refusing a wrong one. */
static const char *opt_str(project_ctx *p, const project_event *ev, const char *key, size_t max, bool *bad)
{
    const ev_field *f = ev_get(&p->doc, key);
    if (!f)
        return NULL;
    if (f->type != EVF_STR || strlen(f->str) > max) {
        *bad = true;
        refuse(p, ev, "\"%s\" must be a text of at most %zu bytes", key, max);
        return NULL;
    }
    return blank(f->str) ? NULL : f->str;
}

/* A required YYYY-MM-DD field; 0 or -1 after refusing. */
static int need_date(project_ctx *p, const project_event *ev, const char *key, gdate *out)
{
    const char *v = ev_get_str(&p->doc, key);
    if (!v || date_parse(v, out) != 0)
        return refuse(p, ev, "the payload needs \"%s\" as a real date YYYY-MM-DD", key);
    return 0;
}

/* An optional date: 0 absent (*has false), 0 present, -1 after refusing. */
static int opt_date(project_ctx *p, const project_event *ev, const char *key, gdate *out, bool *has)
{
    *has = ev_get(&p->doc, key) != NULL;
    return *has ? need_date(p, ev, key, out) : 0;
}

/* A required integer in [lo, hi]; 0 or -1 after refusing. */
static int need_int(project_ctx *p, const project_event *ev, const char *key, int64_t lo, int64_t hi, int64_t *out)
{
    if (!ev_get_int(&p->doc, key, out) || *out < lo || *out > hi)
        return refuse(p, ev, "the payload needs \"%s\" as an integer from %" PRId64 " to %" PRId64, key, lo, hi);
    return 0;
}

/* An optional integer in [lo, hi] (dflt when absent); 0 or -1 after refusing. */
static int opt_int(project_ctx *p, const project_event *ev, const char *key, int64_t lo, int64_t hi, int64_t dflt,
                   int64_t *out)
{
    if (!ev_get(&p->doc, key)) {
        *out = dflt;
        return 0;
    }
    return need_int(p, ev, key, lo, hi, out);
}

/* A required name from a table; its index, or -1 after refusing. */
static int need_name(project_ctx *p, const project_event *ev, const char *key, const char *const *names, int n)
{
    const char *v = ev_get_str(&p->doc, key);
    int i = names_index(names, n, v);
    if (i < n)
        return i;
    char list[256] = "";
    for (int k = 0; k < n; k++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", names[k]);
    return refuse(p, ev, "\"%s\" must be one of: %s", key, list);
}

static int need_subject(project_ctx *p, const project_event *ev)
{
    return ev->subject ? 0 : refuse(p, ev, "this event needs a subject");
}

static void date_str(gdate d, bool has, char *buf)
{
    if (has)
        date_format(d, buf);
    else
        buf[0] = '\0';
}

/* ---- cases ----------------------------------------------------------------------- */

/* What a lifecycle event carries besides its date (NULL / false when absent), as its handler checks
 * it; the case row takes these from every applied event in fold order (case_rows). */
typedef struct {
    const char *due;
    const char *deadline;
    const char *reason;
    const char *basis;
    case_status target;
} case_extra;

/* The class of an existing case; 0, or -1 after refusing (no such case). */
static int case_class_of(project_ctx *p, const project_event *ev, case_class *cls)
{
    sqlite3_stmt *st = q(p, Q_CASE_GET);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *cls = case_class_from_name(col_text(st, 0));
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        refuse(p, ev, "no such case");
        p->order_refusal = true; /* its case.received may come later from another terminal */
        return -1;
    }
    if (rc != SQLITE_ROW)
        return store_fail_sql(p->s, "reading a case");
    return *cls < CASE_CLASS_COUNT ? 0 : refuse(p, ev, "the stored case has an unknown class");
}

/* What the applied lifecycle events carry besides their dates: for each, the last applied event (in
 * fold order) that has it ("" when none). */
typedef struct {
    char due[DATE_STR_LEN], deadline[DATE_STR_LEN];
    char reason[1024], basis[1024];
} case_fold_extra;

/* Keep a non-blank text value of column i in out. */
static void take_text(sqlite3_stmt *st, int i, char *out, size_t len)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    if (!blank(v))
        snprintf(out, len, "%s", v);
}

/* The extras of an applied event (row st, type t) over what earlier ones gave. */
static void take_extras(sqlite3_stmt *st, case_event_type t, case_fold_extra *x)
{
    gdate d;
    if (date_parse(col_text(st, 4), &d) == 0)
        date_format(d, x->due);
    if (t == CASE_EV_ACCEPTED_DEFERRED && date_parse(col_text(st, 5), &d) == 0)
        date_format(d, x->deadline);
    if (t == CASE_EV_DENIED || t == CASE_EV_REJECTED || t == CASE_EV_RETURNED || t == CASE_EV_WITHDRAWN)
        take_text(st, 6, x->reason, sizeof x->reason);
    if (t == CASE_EV_REJECTED)
        take_text(st, 7, x->basis, sizeof x->basis);
}

/* The case's lifecycle events stored up to ev, from every terminal, in id order (the order
 * case_project folds them in), leaving out foreign events refused for their own content
 * (sync_unapplied.final).  Without verdicts: fill p->fold_ev / p->fold_n.  With them: gather the
 * extras of the applied ones into x.  0 or -1. */
static int case_rows(project_ctx *p, const project_event *ev, const case_verdict *verdicts, case_fold_extra *x)
{
    sqlite3_stmt *st = q(p, Q_CASE_HISTORY);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, ev->seq);
    size_t k = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        case_event_type t = case_event_type_from_name(col_text(st, 1) + 5); /* after "case." */
        if (t >= CASE_EV_TYPE_COUNT)
            continue; /* case.reassigned: not a lifecycle step */
        if (k == CASE_MAX_EVENTS) {
            sqlite3_reset(st);
            return refuse(p, ev, "the case holds more than %d lifecycle events", CASE_MAX_EVENTS);
        }
        if (verdicts) {
            if (verdicts[k++] == CASE_V_APPLIED)
                take_extras(st, t, x);
            continue;
        }
        case_event *e = &p->fold_ev[k++];
        memset(e, 0, sizeof *e);
        e->type = t;
        e->target = CASE_STATUS_COUNT;
        snprintf(e->id, sizeof e->id, "%s", col_text(st, 0));
        if (date_parse(col_text(st, 2), &e->date) != 0)
            e->date = (gdate){0, 0, 0};
        if (sqlite3_column_type(st, 3) != SQLITE_NULL)
            e->target = case_status_from_name(col_text(st, 3));
    }
    sqlite3_reset(st);
    if (!verdicts)
        p->fold_n = k;
    return rc == SQLITE_DONE ? 0 : store_fail_sql(p->s, "reading a case's events");
}

static int case_insert(project_ctx *p, const project_event *ev, const char *const v[6], case_class cls,
                       const char *received)
{
    sqlite3_stmt *st = q(p, Q_CASE_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, v[0], -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, case_class_name(cls), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, v[1], -1, SQLITE_TRANSIENT);
    bind_text_or_null(st, 5, v[2]);
    bind_text_or_null(st, 6, v[3]);
    sqlite3_bind_text(st, 7, v[4], -1, SQLITE_TRANSIENT);
    if (ev->staff_id)
        sqlite3_bind_int64(st, 8, ev->staff_id);
    else
        sqlite3_bind_null(st, 8); /* a case the centre's back office received */
    sqlite3_bind_text(st, 9, received, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 10, ev->seq);
    return run(p, st, "adding the case");
}

static int case_update(project_ctx *p, const project_event *ev, const case_state *cs, const case_fold_extra *x)
{
    char acc[DATE_STR_LEN], con[DATE_STR_LEN], del[DATE_STR_LEN], end[DATE_STR_LEN], dc[DATE_STR_LEN],
        cr[DATE_STR_LEN];
    date_str(cs->accepted, cs->has_accepted, acc);
    date_str(cs->concluded, cs->has_concluded, con);
    date_str(cs->delivered, cs->has_delivered, del);
    date_str(cs->ended, cs->has_ended, end);
    date_str(cs->deferred_completed, cs->has_deferred_completed, dc);
    date_str(cs->clock_restart, cs->has_clock_restart, cr);
    sqlite3_stmt *st = q(p, Q_CASE_UPDATE);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, case_status_name(cs->status), -1, SQLITE_STATIC);
    const char *dates[] = {acc, con, del, end};
    for (int i = 0; i < 4; i++)
        bind_text_or_null(st, 3 + i, dates[i]);
    sqlite3_bind_int(st, 7, cs->deferred);
    bind_text_or_null(st, 8, dc);
    sqlite3_bind_int(st, 9, cs->supplements);
    bind_text_or_null(st, 10, cr);
    sqlite3_bind_int(st, 11, cs->first_visit);
    sqlite3_bind_int64(st, 12, ev->seq);
    bind_text_or_null(st, 13, x->due);
    bind_text_or_null(st, 14, x->deadline);
    bind_text_or_null(st, 15, x->reason);
    bind_text_or_null(st, 16, x->basis);
    return run(p, st, "updating the case");
}

/* Apply a lifecycle event through core/case.h: fold every stored event of the case with case_project
 * (the same set of events gives the same case whatever order they arrived in, DESIGN.md §4) and
 * store the state when this event is among those applied. */
static int case_step(project_ctx *p, const project_event *ev, case_event_type type, case_class cls)
{
    gdate day;
    if (need_date(p, ev, "date", &day) != 0)
        return -1;
    if (type != CASE_EV_RECEIVED && case_class_of(p, ev, &cls) != 0)
        return -1;
    if (case_rows(p, ev, NULL, NULL) != 0)
        return -1;
    if (case_project(cls, p->fold_ev, p->fold_n, &p->fold_state, p->fold_v) != CASE_P_OK)
        return refuse(p, ev, "the case's events cannot be folded");
    size_t me = 0;
    while (me < p->fold_n && case_event_id_cmp(p->fold_ev[me].id, ev->id) != 0)
        me++;
    if (me == p->fold_n)
        return refuse(p, ev, "the event is not among the case's stored events");
    if (p->fold_v[me] != CASE_V_APPLIED) {
        refuse(p, ev, "%s", case_verdict_reason(p->fold_v[me]));
        p->order_refusal = true;
        return -1;
    }
    case_fold_extra x;
    memset(&x, 0, sizeof x);
    if (case_rows(p, ev, p->fold_v, &x) != 0)
        return -1;
    return case_update(p, ev, &p->fold_state, &x);
}

/* The optional "due" date of any lifecycle event (the verb computes it with core/deadline.h). */
static int read_due(project_ctx *p, const project_event *ev, case_extra *x)
{
    gdate d;
    bool has;
    if (opt_date(p, ev, "due", &d, &has) != 0)
        return -1;
    x->due = has ? ev_get_str(&p->doc, "due") : NULL;
    return 0;
}

/* A lifecycle event with nothing but its date (and an optional due date). */
static int plain_step(project_ctx *p, const project_event *ev, case_event_type type)
{
    case_extra x = {.target = CASE_STATUS_COUNT};
    if (need_subject(p, ev) != 0 || read_due(p, ev, &x) != 0)
        return -1;
    return case_step(p, ev, type, CASE_CLASS_COUNT);
}

/* The applicant's identifiers, checked by core (ID card / USCC, telephone). */
static int check_applicant(project_ctx *p, const project_event *ev, const char *id, const char *phone, gdate day)
{
    ident_result ir;
    if (id && ident_check(id, day, &ir) != IDENT_OK)
        return refuse(p, ev, "applicant_id: %s", ident_reason(&ir));
    phone_info pi;
    phone_status ps = phone ? phone_validate(phone, &pi) : PHONE_OK;
    if (ps != PHONE_OK)
        return refuse(p, ev, "applicant_phone: %s", phone_reason(ps));
    return 0;
}

/* 0 when the event's case is not recorded yet, -1 after refusing (taken) or on error. */
static int case_is_new(project_ctx *p, const project_event *ev)
{
    sqlite3_stmt *st = q(p, Q_CASE_GET);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return refuse(p, ev, "this case number is already taken");
    return rc == SQLITE_DONE ? 0 : store_fail_sql(p->s, "reading a case");
}

/* 收件: the case is created with its item, class, applicant and window. */
static int on_case_received(project_ctx *p, const project_event *ev)
{
    bool bad = false;
    gdate day;
    if (need_subject(p, ev) != 0 || case_is_new(p, ev) != 0)
        return -1;
    const char *v[6] = {need_str(p, ev, "item", 63), need_str(p, ev, "applicant_name", 127),
                        opt_str(p, ev, "applicant_id", 32, &bad), opt_str(p, ev, "applicant_phone", 32, &bad),
                        need_str(p, ev, "window", 63), NULL};
    if (!v[0] || !v[1] || bad || !v[4] || need_date(p, ev, "date", &day) != 0)
        return -1;
    case_class c = case_class_from_name(ev_get_str(&p->doc, "class"));
    if (c >= CASE_CLASS_COUNT)
        return refuse(p, ev, "\"class\" must be immediate, promised, referred or joint");
    /* An organisation's code that fails its check is kept only with the clerk's reason for the
     * exception (id_override); a person's ID number never is (data/desk.h). */
    static const char *const applicant_kinds[] = {"person", "organisation"};
    int kind = ev_get(&p->doc, "applicant_kind") ? need_name(p, ev, "applicant_kind", applicant_kinds, 2) : 0;
    const char *override = kind >= 0 ? opt_str(p, ev, "id_override", 1000, &bad) : NULL;
    if (kind >= 0 && !bad)
        opt_str(p, ev, "legal_rep", 127, &bad);
    if (kind < 0 || bad)
        return -1;
    if (check_applicant(p, ev, kind == 1 && override ? NULL : v[2], v[3], day) != 0)
        return -1;
    case_extra x = {.target = CASE_STATUS_COUNT};
    char received[DATE_STR_LEN];
    if (read_due(p, ev, &x) != 0 || case_insert(p, ev, v, c, date_format(day, received)) != 0)
        return -1;
    return case_step(p, ev, CASE_EV_RECEIVED, c);
}

static int on_case_supplement_requested(project_ctx *p, const project_event *ev)
{
    return plain_step(p, ev, CASE_EV_SUPPLEMENT_REQUESTED);
}

static int on_case_materials_completed(project_ctx *p, const project_event *ev)
{
    return plain_step(p, ev, CASE_EV_MATERIALS_COMPLETED);
}

static int on_case_accepted(project_ctx *p, const project_event *ev)
{
    return plain_step(p, ev, CASE_EV_ACCEPTED);
}

/* 容缺受理: the commitment's deadline must come after the day (core/checklist.h ck_deferral_notice). */
static int on_case_accepted_deferred(project_ctx *p, const project_event *ev)
{
    case_extra x = {.target = CASE_STATUS_COUNT};
    gdate day, deadline;
    if (need_subject(p, ev) != 0 || read_due(p, ev, &x) != 0 || need_date(p, ev, "date", &day) != 0 ||
        need_date(p, ev, "deadline", &deadline) != 0)
        return -1;
    if (date_cmp(deadline, day) <= 0)
        return refuse(p, ev, "%s", ck_status_reason(CK_E_DEADLINE_PAST));
    return case_step(p, ev, CASE_EV_ACCEPTED_DEFERRED, CASE_CLASS_COUNT);
}

static int on_case_review_started(project_ctx *p, const project_event *ev)
{
    return plain_step(p, ev, CASE_EV_REVIEW_STARTED);
}

static int on_case_referred(project_ctx *p, const project_event *ev)
{
    return plain_step(p, ev, CASE_EV_REFERRED);
}

static int on_case_approved(project_ctx *p, const project_event *ev)
{
    return plain_step(p, ev, CASE_EV_APPROVED);
}

/* 不予许可: the reason (desk_conclude requires one) is kept on the case like a refusal's. */
static int on_case_denied(project_ctx *p, const project_event *ev)
{
    case_extra x = {.target = CASE_STATUS_COUNT};
    bool bad = false;
    if (need_subject(p, ev) != 0)
        return -1;
    x.reason = opt_str(p, ev, "reason", 1000, &bad);
    if (bad)
        return -1;
    if (!x.reason)
        return plain_step(p, ev, CASE_EV_DENIED);
    return case_step(p, ev, CASE_EV_DENIED, CASE_CLASS_COUNT);
}

static int on_case_delivered(project_ctx *p, const project_event *ev)
{
    return plain_step(p, ev, CASE_EV_DELIVERED);
}

static int on_case_archived(project_ctx *p, const project_event *ev)
{
    return plain_step(p, ev, CASE_EV_ARCHIVED);
}

/* 不予受理: "应说明理由和依据" (seed 001 篇十三 §10(4)): reason and basis, checked by core. */
static int on_case_rejected(project_ctx *p, const project_event *ev)
{
    case_extra x = {.target = CASE_STATUS_COUNT};
    if (need_subject(p, ev) != 0)
        return -1;
    x.reason = ev_get_str(&p->doc, "reason");
    x.basis = ev_get_str(&p->doc, "basis");
    ck_status cs = ck_reject_check(x.reason, x.basis);
    if (cs != CK_OK)
        return refuse(p, ev, "%s", ck_status_reason(cs));
    return case_step(p, ev, CASE_EV_REJECTED, CASE_CLASS_COUNT);
}

/* 退回件 "注明原因" (seed 001 篇四 (七)): a reason is required. */
static int on_case_returned(project_ctx *p, const project_event *ev)
{
    case_extra x = {.target = CASE_STATUS_COUNT};
    if (need_subject(p, ev) != 0 || !(x.reason = need_str(p, ev, "reason", 1000)))
        return -1;
    return case_step(p, ev, CASE_EV_RETURNED, CASE_CLASS_COUNT);
}

static int on_case_withdrawn(project_ctx *p, const project_event *ev)
{
    bool bad = false;
    if (need_subject(p, ev) != 0)
        return -1;
    opt_str(p, ev, "reason", 1000, &bad);
    return bad ? -1 : case_step(p, ev, CASE_EV_WITHDRAWN, CASE_CLASS_COUNT);
}

/* A status reported by the centre: "target" names it; core judges it like the matching step. */
static int on_case_status_from_centre(project_ctx *p, const project_event *ev)
{
    case_extra x = {.target = CASE_STATUS_COUNT};
    if (need_subject(p, ev) != 0 || read_due(p, ev, &x) != 0)
        return -1;
    x.target = case_status_from_name(ev_get_str(&p->doc, "target"));
    if (x.target >= CASE_STATUS_COUNT)
        return refuse(p, ev, "\"target\" must name a case status (received, accepted, approved ...)");
    return case_step(p, ev, CASE_EV_STATUS_FROM_CENTRE, CASE_CLASS_COUNT);
}

/* ---- materials, notices, evaluations ------------------------------------------------ */

/* The stored case row for checks: status, dates reached, deferred, supplements. */
typedef struct {
    case_status status;
    bool accepted, concluded, ended, deferred;
    int supplements;
} case_facts;

static int case_facts_of(project_ctx *p, const project_event *ev, case_facts *f)
{
    sqlite3_stmt *st = q(p, Q_CASE_GET);
    if (!st || need_subject(p, ev) != 0)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        f->status = case_status_from_name(col_text(st, 1));
        f->accepted = sqlite3_column_type(st, 2) != SQLITE_NULL;
        f->concluded = sqlite3_column_type(st, 3) != SQLITE_NULL;
        f->ended = sqlite3_column_type(st, 4) != SQLITE_NULL;
        f->deferred = sqlite3_column_int(st, 5) != 0;
        f->supplements = sqlite3_column_int(st, 6);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return refuse(p, ev, "no such case");
    return rc == SQLITE_ROW ? 0 : store_fail_sql(p->s, "reading a case");
}

static const char *const material_kinds[] = {"essential", "auxiliary"};
static const char *const presence_names[] = {"present", "missing", "defective"};

/* One tick of the checklist (core/checklist.h rules: a defective material needs a note saying what
 * is wrong; only auxiliary materials may be deferrable). */
static int on_material_checked(project_ctx *p, const project_event *ev)
{
    case_facts f;
    gdate day;
    int64_t idx;
    bool bad = false;
    if (case_facts_of(p, ev, &f) != 0 || need_date(p, ev, "date", &day) != 0 ||
        need_int(p, ev, "index", 1, 999, &idx) != 0)
        return -1;
    if (f.ended)
        return refuse(p, ev, "the case is closed: its checklist can no longer change");
    const char *name = need_str(p, ev, "name", 255), *note = opt_str(p, ev, "note", 1000, &bad);
    int kind = name && !bad ? need_name(p, ev, "kind", material_kinds, 2) : -1;
    int status = kind >= 0 ? need_name(p, ev, "status", presence_names, 3) : -1;
    if (status < 0)
        return -1;
    bool deferrable = ev_get_bool(&p->doc, "deferrable", false);
    if (status == CK_DEFECTIVE && !note)
        return refuse(p, ev, "%s", ck_status_reason(CK_E_NOTE));
    if (deferrable && kind == CK_ESSENTIAL)
        return refuse(p, ev, "%s", ck_status_reason(CK_E_ESSENTIAL_DEFERRABLE));
    sqlite3_stmt *st = q(p, Q_MATERIAL_UPSERT);
    if (!st)
        return -1;
    char d[DATE_STR_LEN];
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, idx);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, material_kinds[kind], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, deferrable);
    sqlite3_bind_text(st, 6, presence_names[status], -1, SQLITE_STATIC);
    bind_text_or_null(st, 7, note);
    sqlite3_bind_text(st, 8, date_format(day, d), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 9, ev->staff_id);
    sqlite3_bind_int64(st, 10, ev->seq);
    return run(p, st, "recording the checklist");
}

static const char *const notice_kinds[] = {"acceptance", "supplement", "deferral", "rejection", "return",
                                           "one_time"};
enum { N_ACCEPTANCE, N_SUPPLEMENT, N_DEFERRAL, N_REJECTION, N_RETURN, N_ONE_TIME, N_KINDS };

/* A notice must match where the case stands (受理通知书 once accepted, 补正 after a 补正 step ...). */
static int notice_fits_case(project_ctx *p, const project_event *ev, int kind, const case_facts *f)
{
    static const char *const need[N_KINDS] = {
        [N_ACCEPTANCE] = "the case has not been accepted",
        [N_SUPPLEMENT] = "no supplement (补正) has been requested for the case",
        [N_DEFERRAL] = "the case was not accepted under 容缺",
        [N_REJECTION] = "the case has not been refused (不予受理)",
        [N_RETURN] = "the case has not been returned",
    };
    bool ok[N_KINDS] = {
        [N_ACCEPTANCE] = f->accepted,           [N_SUPPLEMENT] = f->supplements > 0,
        [N_DEFERRAL] = f->deferred,             [N_REJECTION] = f->status == CASE_REJECTED,
        [N_RETURN] = f->status == CASE_RETURNED, [N_ONE_TIME] = true,
    };
    return ok[kind] ? 0 : refuse(p, ev, "a %s notice cannot be issued: %s", notice_kinds[kind], need[kind]);
}

/* Every material a notice lists is on the case's checklist; those a 补正 or 容缺 notice asks for are
 * not marked present. */
static int notice_materials_ok(project_ctx *p, const project_event *ev, int kind, const ev_field *m)
{
    for (size_t i = 0; m && i < m->nints; i++) {
        sqlite3_stmt *st = q(p, Q_MATERIAL_GET);
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, m->ints[i]);
        int rc = sqlite3_step(st);
        bool present = rc == SQLITE_ROW && strcmp(col_text(st, 0), "present") == 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return store_fail_sql(p->s, "reading the checklist");
        if (rc == SQLITE_DONE)
            return refuse(p, ev, "material %" PRId64 " is not on the case's checklist", m->ints[i]);
        if (present && (kind == N_SUPPLEMENT || kind == N_DEFERRAL))
            return refuse(p, ev, "material %" PRId64 " is marked present: the notice cannot ask for it",
                          m->ints[i]);
    }
    return 0;
}

/* 一次性告知: materials a later 补正 notice names that the case's first one did not (core/checklist.h). */
static int one_time_breaches(project_ctx *p, const project_event *ev, const ev_field *m, int *breaches)
{
    *breaches = 0;
    sqlite3_stmt *st = q(p, Q_FIRST_SUPPLEMENT);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int64_t first_seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_DONE || !m)
        return 0; /* this is the first notice */
    if (rc != SQLITE_ROW || !(st = q(p, Q_NOTICE_MATERIALS)))
        return store_fail_sql(p->s, "reading the first supplement notice");
    int first[EV_INTS_MAX], later[EV_INTS_MAX], out[EV_INTS_MAX];
    size_t nfirst = 0, nout = 0;
    sqlite3_bind_int64(st, 1, first_seq);
    while (nfirst < EV_INTS_MAX && sqlite3_step(st) == SQLITE_ROW)
        first[nfirst++] = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    for (size_t i = 0; i < m->nints; i++)
        later[i] = (int)m->ints[i];
    if (ck_one_time_violations(first, nfirst, later, m->nints, out, EV_INTS_MAX, &nout) != CK_OK)
        return refuse(p, ev, "cannot compare the notice with the first supplement notice");
    *breaches = (int)nout;
    return 0;
}

/* The materials list as stored: the canonical JSON array "[1,3]". */
static void ints_text(const ev_field *m, char *buf, size_t len)
{
    size_t at = (size_t)snprintf(buf, len, "[");
    for (size_t i = 0; m && i < m->nints && at < len; i++)
        at += (size_t)snprintf(buf + at, len - at, "%s%" PRId64, i ? "," : "", m->ints[i]);
    if (at < len)
        snprintf(buf + at, len - at, "]");
}

static int notice_insert(project_ctx *p, const project_event *ev, int kind, const char *day, const ev_field *m,
                         const char *deadline, int breaches)
{
    char mats[EV_INTS_MAX * 21 + 3];
    ints_text(m, mats, sizeof mats);
    sqlite3_stmt *st = q(p, Q_NOTICE_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, ev->seq);
    sqlite3_bind_text(st, 2, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, notice_kinds[kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, ev->created_at);
    sqlite3_bind_text(st, 6, mats, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 7, ev_get_bool(&p->doc, "reprint", false));
    bind_text_or_null(st, 8, deadline);
    sqlite3_bind_int(st, 9, breaches);
    sqlite3_bind_int64(st, 10, ev->staff_id);
    return run(p, st, "recording the notice");
}

/* One notice printed (or reprinted): 受理 / 补正 / 容缺 / 不予受理 / 退回 / 一次性告知. */
static int on_notice_issued(project_ctx *p, const project_event *ev)
{
    case_facts f;
    gdate day, deadline;
    bool has_deadline;
    int breaches = 0;
    if (case_facts_of(p, ev, &f) != 0 || need_date(p, ev, "date", &day) != 0 ||
        opt_date(p, ev, "deadline", &deadline, &has_deadline) != 0)
        return -1;
    int kind = need_name(p, ev, "kind", notice_kinds, N_KINDS);
    const ev_field *m = ev_get(&p->doc, "materials");
    if (kind < 0 || notice_fits_case(p, ev, kind, &f) != 0)
        return -1;
    if (m && m->type != EVF_INTS)
        return refuse(p, ev, "\"materials\" must be a list of material numbers");
    if ((kind == N_SUPPLEMENT || kind == N_DEFERRAL) && (!m || m->nints == 0))
        return refuse(p, ev, "a %s notice must list the materials it asks for", notice_kinds[kind]);
    if (kind == N_DEFERRAL && !has_deadline)
        return refuse(p, ev, "a deferral notice needs the \"deadline\" for the missing materials");
    if (notice_materials_ok(p, ev, kind, m) != 0)
        return -1;
    if (kind == N_SUPPLEMENT && !ev_get_bool(&p->doc, "reprint", false) &&
        one_time_breaches(p, ev, m, &breaches) != 0)
        return -1;
    char d[DATE_STR_LEN];
    return notice_insert(p, ev, kind, date_format(day, d), m,
                         has_deadline ? ev_get_str(&p->doc, "deadline") : NULL, breaches);
}

static const char *const ratings[] = {"very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
                                      "very_dissatisfied"};

/* 好差评: one evaluation per case (一事一评), offered when the case is done (seed 003; seed 001 篇十三 §26). */
static int on_evaluation_given(project_ctx *p, const project_event *ev)
{
    case_facts f;
    gdate day;
    bool bad = false;
    if (case_facts_of(p, ev, &f) != 0 || need_date(p, ev, "date", &day) != 0)
        return -1;
    if (!f.concluded && !f.ended)
        return refuse(p, ev, "the case is not done yet: it is evaluated once decided or closed");
    int rating = need_name(p, ev, "rating", ratings, 5);
    const char *comment = rating >= 0 ? opt_str(p, ev, "comment", 2000, &bad) : NULL;
    sqlite3_stmt *st = rating >= 0 && !bad ? q(p, Q_EVALUATION_GET) : NULL;
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    char before[DATE_STR_LEN + 1];
    snprintf(before, sizeof before, "%s", rc == SQLITE_ROW ? col_text(st, 0) : "");
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return refuse(p, ev, "the case was already evaluated on %s: one evaluation per case", before);
    if (!(st = q(p, Q_EVALUATION_INSERT)))
        return -1;
    char d[DATE_STR_LEN];
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, ratings[rating], -1, SQLITE_STATIC);
    bind_text_or_null(st, 3, comment);
    sqlite3_bind_text(st, 4, date_format(day, d), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, ev->staff_id);
    sqlite3_bind_int64(st, 6, ev->seq);
    if (run(p, st, "recording the evaluation") != 0)
        return -1;
    return psv_followup_open(p->s, ev, &p->doc, &p->order_refusal); /* 差评整改 (data/project_supervise.c) */
}

/* ---- enquiries and attendance --------------------------------------------------------- */

static const char *const enquiry_outcomes[] = {"answered", "referred"};

/* 首问负责制: whoever is asked first answers or hands over to the right window. */
static int on_enquiry_logged(project_ctx *p, const project_event *ev)
{
    gdate day;
    bool bad = false;
    const char *window = need_str(p, ev, "window", 63), *question = window ? need_str(p, ev, "question", 2000) : NULL;
    if (!question || need_date(p, ev, "date", &day) != 0)
        return -1;
    int outcome = need_name(p, ev, "outcome", enquiry_outcomes, 2);
    const char *item = opt_str(p, ev, "item", 63, &bad), *to = opt_str(p, ev, "referred_to", 63, &bad);
    const char *name = opt_str(p, ev, "applicant_name", 127, &bad);
    const char *phone = opt_str(p, ev, "applicant_phone", 32, &bad);
    if (outcome < 0 || bad || check_applicant(p, ev, NULL, phone, day) != 0)
        return -1;
    if (outcome == 1 && !to)
        return refuse(p, ev, "a referred enquiry needs \"referred_to\": the window it was handed to");
    sqlite3_stmt *st = q(p, Q_ENQUIRY_INSERT);
    if (!st)
        return -1;
    char d[DATE_STR_LEN];
    sqlite3_bind_int64(st, 1, ev->seq);
    sqlite3_bind_text(st, 2, ev->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, date_format(day, d), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, ev->created_at);
    sqlite3_bind_text(st, 5, window, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, ev->staff_id);
    const char *rest[] = {item, question, enquiry_outcomes[outcome], to, name, phone};
    for (int i = 0; i < 6; i++)
        bind_text_or_null(st, 7 + i, rest[i]);
    return run(p, st, "recording the enquiry");
}

static const char *const punch_kinds[] = {"sign_in", "sign_out", "leader_in", "leader_out"};

/* A staff id in decimal, as attendance and duty subjects carry it; 0 when not one. */
static int32_t staff_of(const char *s)
{
    char *end = NULL;
    long long v = s ? strtoll(s, &end, 10) : 0;
    return s && *s >= '1' && *s <= '9' && *end == '\0' && v <= INT32_MAX ? (int32_t)v : 0;
}

/* 签到 / 签退 (and a leader's entry and exit on an on-site day): the subject is the staff id. */
static int on_attendance_punched(project_ctx *p, const project_event *ev)
{
    gdate day;
    int64_t minute;
    bool bad = false;
    int32_t who = staff_of(ev->subject);
    if (!who)
        return refuse(p, ev, "the subject must be the staff id of the person punching");
    if (need_date(p, ev, "date", &day) != 0 || need_int(p, ev, "minute", 0, SCHED_MINUTES_PER_DAY, &minute) != 0)
        return -1;
    int kind = need_name(p, ev, "kind", punch_kinds, 4);
    const char *window = kind >= 0 ? opt_str(p, ev, "window", 63, &bad) : NULL;
    sqlite3_stmt *st = kind >= 0 && !bad ? q(p, Q_PUNCH_INSERT) : NULL;
    if (!st)
        return -1;
    char d[DATE_STR_LEN];
    sqlite3_bind_int64(st, 1, ev->seq);
    sqlite3_bind_int64(st, 2, who);
    sqlite3_bind_text(st, 3, date_format(day, d), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, minute);
    sqlite3_bind_text(st, 5, punch_kinds[kind], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, ev_get_bool(&p->doc, "clock_suspect", false));
    bind_text_or_null(st, 7, window);
    return run(p, st, "recording the punch");
}

/* ---- duty and handoffs (core/handoff.h) -------------------------------------------- */

/* A window's duty day as the duty table keeps it. */
typedef struct {
    char day[DATE_STR_LEN];
    staff_id a, b;
    sched_day sched;
} duty_day;

static const char *const window_states[] = {"closed", "staffed", "unattended"};

/* The duty day of the event's window; 0 found, 1 none, -1 error. */
static int duty_get(project_ctx *p, const project_event *ev, duty_day *dd)
{
    sqlite3_stmt *st = q(p, Q_DUTY_GET);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *dd = (duty_day){0};
        snprintf(dd->day, sizeof dd->day, "%s", col_text(st, 0));
        dd->a = sqlite3_column_int(st, 1);
        dd->b = sqlite3_column_int(st, 2);
        dd->sched.workday = sqlite3_column_int(st, 3) != 0;
        for (int i = 0; i < SCHED_SESSIONS; i++) {
            dd->sched.session[i].start = sqlite3_column_int(st, 4 + 2 * i);
            dd->sched.session[i].end = sqlite3_column_int(st, 5 + 2 * i);
        }
        dd->sched.grace = sqlite3_column_int(st, 8);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 0 : 1;
    return store_fail_sql(p->s, "reading the window's duty");
}

static int duty_put(project_ctx *p, const project_event *ev, const duty_day *dd, const handoff_state *hs)
{
    sqlite3_stmt *st = q(p, Q_DUTY_PUT);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, dd->day, -1, SQLITE_TRANSIENT);
    const int64_t v[] = {dd->a, dd->b, dd->sched.workday, dd->sched.session[0].start, dd->sched.session[0].end,
                         dd->sched.session[1].start, dd->sched.session[1].end, dd->sched.grace};
    for (int i = 0; i < 8; i++)
        sqlite3_bind_int64(st, 3 + i, v[i]);
    sqlite3_bind_text(st, 11, window_states[hs->window], -1, SQLITE_STATIC);
    const int64_t w[] = {hs->on_duty, hs->cover_supervisor, hs->unattended_since, hs->left_unattended_by,
                         hs->absence[0].away, hs->absence[1].away,
                         hs->request.pending ? hs->request.requester : 0, hs->last_event, ev->seq};
    for (int i = 0; i < 9; i++)
        sqlite3_bind_int64(st, 12 + i, w[i]);
    return run(p, st, "updating the window's duty");
}

/* Keep the started day in duty_days (the reports replay each past day from it). */
static int duty_day_keep(project_ctx *p, const project_event *ev, const duty_day *dd)
{
    sqlite3_stmt *st = q(p, Q_DUTY_DAY_PUT);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, dd->day, -1, SQLITE_TRANSIENT);
    const int64_t v[] = {dd->a, dd->b, dd->sched.workday, dd->sched.session[0].start, dd->sched.session[0].end,
                         dd->sched.session[1].start, dd->sched.session[1].end, dd->sched.grace, ev->seq};
    for (int i = 0; i < 9; i++)
        sqlite3_bind_int64(st, 3 + i, v[i]);
    return run(p, st, "keeping the window's day");
}

/* Read the day's roster and sessions from the payload of duty.day_started. */
static int read_duty_day(project_ctx *p, const project_event *ev, duty_day *dd)
{
    static const char *const keys[] = {"morning_start", "morning_end", "afternoon_start", "afternoon_end"};
    int64_t a, b, t[4], grace;
    gdate day;
    if (need_date(p, ev, "date", &day) != 0 || need_int(p, ev, "a", 1, INT32_MAX, &a) != 0 ||
        need_int(p, ev, "b", 1, INT32_MAX, &b) != 0 || need_int(p, ev, "grace", 0, SCHED_GRACE_MAX, &grace) != 0)
        return -1;
    for (int i = 0; i < 4; i++)
        if (need_int(p, ev, keys[i], 0, SCHED_MINUTES_PER_DAY, &t[i]) != 0)
            return -1;
    if (!(t[0] < t[1] && t[1] <= t[2] && t[2] < t[3]))
        return refuse(p, ev, "the sessions must be in order: morning start < end <= afternoon start < end");
    *dd = (duty_day){.a = (staff_id)a, .b = (staff_id)b};
    date_format(day, dd->day);
    dd->sched.workday = ev_get_bool(&p->doc, "workday", true);
    dd->sched.grace = (int)grace;
    for (int i = 0; i < SCHED_SESSIONS; i++)
        dd->sched.session[i] = (sched_session){(int)t[2 * i], (int)t[2 * i + 1]};
    return 0;
}

/* The start of a window's day under AB岗: today's A and B and the sessions (core handoff_init). */
static int on_duty_day_started(project_ctx *p, const project_event *ev)
{
    duty_day dd, before;
    handoff_state hs;
    if (need_subject(p, ev) != 0 || read_duty_day(p, ev, &dd) != 0)
        return -1;
    ho_status hst = handoff_init(&hs, dd.a, dd.b, &dd.sched);
    if (hst != HO_OK)
        return refuse(p, ev, "%s", handoff_reason(hst));
    int rc = duty_get(p, ev, &before);
    if (rc < 0)
        return -1;
    if (rc == 0 && strcmp(before.day, dd.day) >= 0)
        return refuse(p, ev, "the window's day %s has already started; a new day must come after it", before.day);
    return duty_put(p, ev, &dd, &hs) == 0 ? duty_day_keep(p, ev, &dd) : -1;
}

/* One handoff event as the payload (or a handoffs row) gives it. */
typedef struct {
    ho_event e;
    int64_t minute;
} handoff_in;

static int read_handoff(project_ctx *p, const project_event *ev, handoff_in *h)
{
    int64_t actor, confirmer, supervisor, expected;
    if (need_int(p, ev, "minute", 0, SCHED_MINUTES_PER_DAY, &h->minute) != 0 ||
        need_int(p, ev, "actor", 1, INT32_MAX, &actor) != 0 ||
        opt_int(p, ev, "confirmer", 0, INT32_MAX, 0, &confirmer) != 0 ||
        opt_int(p, ev, "supervisor", 0, INT32_MAX, 0, &supervisor) != 0 ||
        opt_int(p, ev, "expected_return", -1, SCHED_MINUTES_PER_DAY, -1, &expected) != 0)
        return -1;
    ho_event_kind kind = ho_event_kind_from_name(ev_get_str(&p->doc, "kind"));
    if (kind >= HO_EV_KINDS)
        return refuse(p, ev, "\"kind\" must be open, request, cancel, confirm, take_back, leave_uncovered or close");
    const char *reason = ev_get_str(&p->doc, "reason");
    ho_reason r = reason ? ho_reason_from_name(reason) : HO_OTHER;
    if (r >= HO_REASONS || (kind == HO_EV_REQUEST && !reason))
        return refuse(p, ev, "\"reason\" must be meeting, toilet, meal, errand or other");
    h->e = (ho_event){kind, (staff_id)actor, (staff_id)confirmer, (staff_id)supervisor, r, (int)expected,
                      ev_get_bool(&p->doc, "long_absence", false)};
    return 0;
}

/* The window's duty state: handoff_init from the duty row, then the day's stored handoffs. */
static int handoff_replay(project_ctx *p, const project_event *ev, const duty_day *dd, handoff_state *hs)
{
    if (handoff_init(hs, dd->a, dd->b, &dd->sched) != HO_OK)
        return refuse(p, ev, "the window's stored roster is not valid");
    sqlite3_stmt *st = q(p, Q_HANDOFF_HISTORY);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, dd->day, -1, SQLITE_TRANSIENT);
    int rc = SQLITE_DONE;
    ho_status hst = HO_OK;
    while (hst == HO_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *reason = (const char *)sqlite3_column_text(st, 4);
        ho_event e = {ho_event_kind_from_name(col_text(st, 0)), sqlite3_column_int(st, 1),
                      sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
                      reason ? ho_reason_from_name(reason) : HO_OTHER, sqlite3_column_int(st, 5),
                      sqlite3_column_int(st, 6) != 0};
        hst = handoff_apply(hs, &e, sqlite3_column_int(st, 7));
    }
    sqlite3_reset(st);
    if (hst != HO_OK)
        return refuse(p, ev, "the window's stored handoffs do not replay: %s", handoff_reason(hst));
    return rc == SQLITE_DONE ? 0 : store_fail_sql(p->s, "reading the window's handoffs");
}

static int handoff_insert(project_ctx *p, const project_event *ev, const char *day, const handoff_in *h)
{
    sqlite3_stmt *st = q(p, Q_HANDOFF_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, ev->seq);
    sqlite3_bind_text(st, 2, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, h->minute);
    sqlite3_bind_text(st, 5, ho_event_kind_name(h->e.kind), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, h->e.actor);
    sqlite3_bind_int64(st, 7, h->e.confirmer);
    sqlite3_bind_int64(st, 8, h->e.supervisor);
    if (ev_get_str(&p->doc, "reason"))
        sqlite3_bind_text(st, 9, ho_reason_name(h->e.reason), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, h->e.expected_return);
    sqlite3_bind_int(st, 11, h->e.long_absence);
    return run(p, st, "recording the handoff");
}

/* AB岗 交接: request, confirm, take back ... judged by core/handoff.h on the window's day. */
static int on_duty_handoff(project_ctx *p, const project_event *ev)
{
    duty_day dd;
    handoff_in h;
    handoff_state hs;
    gdate day;
    char d[DATE_STR_LEN];
    if (need_subject(p, ev) != 0 || need_date(p, ev, "date", &day) != 0 || read_handoff(p, ev, &h) != 0)
        return -1;
    date_format(day, d);
    int rc = duty_get(p, ev, &dd);
    if (rc < 0)
        return -1;
    if (rc == 1 || strcmp(dd.day, d) != 0)
        return refuse(p, ev, "the window's day %s has not been started (record duty.day_started first)", d);
    if (handoff_replay(p, ev, &dd, &hs) != 0)
        return -1;
    ho_status hst = handoff_apply(&hs, &h.e, (int)h.minute);
    if (hst != HO_OK)
        return refuse(p, ev, "%s", handoff_reason(hst));
    return handoff_insert(p, ev, d, &h) == 0 ? duty_put(p, ev, &dd, &hs) : -1;
}

/* ---- corrections, leave, leaders' days, reassignment (issue 5) ------------------------- */

/* A staff member as the staff table has them. */
typedef struct {
    unsigned roles;
    bool active;
} staff_facts;

/* The staff row of num; 0 found, 1 none, -1 error. */
static int staff_facts_of(project_ctx *p, int64_t num, staff_facts *f)
{
    sqlite3_stmt *st = q(p, Q_STAFF_GET);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, num);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *f = (staff_facts){(unsigned)sqlite3_column_int(st, 0), sqlite3_column_int(st, 1) != 0};
    sqlite3_reset(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 0 : 1;
    return store_fail_sql(p->s, "reading a staff member");
}

/* The event's staff member must be on file.  The supervisor role itself is judged when the action
 * is taken (data/duty*.c): roles and the active flag change over time, and a rebuild must replay an
 * old decision by someone who has since lost the role or left (staff rows are never deleted, so
 * this check judges the same at any time); 0 or -1 after refusing. */
static int need_supervisor(project_ctx *p, const project_event *ev, const char *doing)
{
    staff_facts f;
    int rc = staff_facts_of(p, ev->staff_id, &f);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return refuse(p, ev, "only a supervisor on file may %s (staff %d is unknown)", doing, (int)ev->staff_id);
    return 0;
}

/* The punch recorded by an attendance event, as the void of a correction names it. */
typedef struct {
    int64_t seq;
    int32_t staff;
    char day[DATE_STR_LEN];
    int64_t voided_by;
} punch_ref;

/* The punch of event id; 0, or -1 after refusing (no such punch). */
static int punch_of_event(project_ctx *p, const project_event *ev, const char *id, punch_ref *r)
{
    sqlite3_stmt *st = q(p, Q_PUNCH_OF_EVENT);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->seq = sqlite3_column_int64(st, 0);
        r->staff = sqlite3_column_int(st, 1);
        snprintf(r->day, sizeof r->day, "%s", col_text(st, 2));
        r->voided_by = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return refuse(p, ev, "\"void\" names %s, which is not a recorded punch", id);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(p->s, "reading the punch to void");
}

/* Void one punch of the subject's person: the row stays, marked with this event and the reason. */
static int correction_void(project_ctx *p, const project_event *ev, int32_t who, const char *day,
                           const char *reason)
{
    const char *id = ev_get_str(&p->doc, "void");
    punch_ref r;
    if (!id || punch_of_event(p, ev, id, &r) != 0)
        return id ? -1 : refuse(p, ev, "\"void\" must be the id of the punch's event");
    if (r.staff != who)
        return refuse(p, ev, "the punch %s is staff %d's, not this person's", id, (int)r.staff);
    if (strcmp(r.day, day) != 0)
        return refuse(p, ev, "the punch %s is on %s, not on %s", id, r.day, day);
    if (r.voided_by)
        return refuse(p, ev, "the punch %s was already voided (event seq %" PRId64 ")", id, r.voided_by);
    sqlite3_stmt *st = q(p, Q_PUNCH_VOID);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r.seq);
    sqlite3_bind_int64(st, 2, ev->seq);
    sqlite3_bind_text(st, 3, reason, -1, SQLITE_TRANSIENT);
    return run(p, st, "voiding the punch");
}

/* Add a punch the person forgot (or could not make): marked with the supervisor and the reason. */
static int correction_add(project_ctx *p, const project_event *ev, int32_t who, const char *day,
                          const char *reason)
{
    int64_t minute;
    bool bad = false;
    if (need_int(p, ev, "minute", 0, SCHED_MINUTES_PER_DAY, &minute) != 0)
        return -1;
    int kind = need_name(p, ev, "kind", punch_kinds, 4);
    const char *window = kind >= 0 ? opt_str(p, ev, "window", 63, &bad) : NULL;
    sqlite3_stmt *st = kind >= 0 && !bad ? q(p, Q_CORRECTION_INSERT) : NULL;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, ev->seq);
    sqlite3_bind_int64(st, 2, who);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, minute);
    sqlite3_bind_text(st, 5, punch_kinds[kind], -1, SQLITE_STATIC);
    bind_text_or_null(st, 6, window);
    sqlite3_bind_int64(st, 7, ev->staff_id);
    sqlite3_bind_text(st, 8, reason, -1, SQLITE_TRANSIENT);
    return run(p, st, "recording the corrected punch");
}

/* A supervisor's correction of a person's punches (subject: their staff id): add one (minute, kind)
 * or void one ("void": the id of its event); the reason is required. */
static int on_attendance_corrected(project_ctx *p, const project_event *ev)
{
    gdate day;
    char d[DATE_STR_LEN];
    int32_t who = staff_of(ev->subject);
    if (!who)
        return refuse(p, ev, "the subject must be the staff id of the person whose punch is corrected");
    const char *reason = need_str(p, ev, "reason", 1000);
    if (!reason || need_date(p, ev, "date", &day) != 0 || need_supervisor(p, ev, "correct a punch") != 0)
        return -1;
    if (who == ev->staff_id)
        return refuse(p, ev, "nobody corrects their own punches");
    date_format(day, d);
    bool has_void = ev_get(&p->doc, "void") != NULL;
    if (has_void && (ev_get(&p->doc, "minute") || ev_get(&p->doc, "kind")))
        return refuse(p, ev, "a correction either adds a punch (minute, kind) or voids one (void), not both");
    return has_void ? correction_void(p, ev, who, d, reason) : correction_add(p, ev, who, d, reason);
}

static const char *const leave_kinds[] = {"personal",  "sick",     "annual",       "marriage", "bereavement",
                                          "maternity", "official", "compensatory", "other"};
static const char *const leave_states[] = {"requested", "approved", "refused", "cancelled"};
enum { LV_REQUESTED, LV_APPROVED, LV_REFUSED, LV_CANCELLED, LV_STATES };

/* A day and minute of a leave's bound. */
typedef struct {
    char day[DATE_STR_LEN];
    int64_t minute;
} leave_at;

static int leave_at_cmp(const leave_at *a, const leave_at *b)
{
    int c = strcmp(a->day, b->day);
    return c ? c : (a->minute > b->minute) - (a->minute < b->minute);
}

/* A required (day key, minute key) pair; 0 or -1 after refusing. */
static int need_at(project_ctx *p, const project_event *ev, const char *dkey, const char *mkey, leave_at *at)
{
    gdate d;
    if (need_date(p, ev, dkey, &d) != 0 || need_int(p, ev, mkey, 0, SCHED_MINUTES_PER_DAY, &at->minute) != 0)
        return -1;
    date_format(d, at->day);
    return 0;
}

/* Refuse a leave that overlaps a requested or approved one of the same person. */
static int leave_no_overlap(project_ctx *p, const project_event *ev, int32_t who, const leave_at *from,
                            const leave_at *to)
{
    sqlite3_stmt *st = q(p, Q_LEAVE_OVERLAP);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, who);
    sqlite3_bind_text(st, 2, from->day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, from->minute);
    sqlite3_bind_text(st, 4, to->day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, to->minute);
    int rc = sqlite3_step(st);
    char other[2 * DATE_STR_LEN + 8] = "";
    if (rc == SQLITE_ROW)
        snprintf(other, sizeof other, "%s .. %s", col_text(st, 0), col_text(st, 1));
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return refuse(p, ev, "it overlaps this person's leave %s", other);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(p->s, "reading the person's leave");
}

/* 请假 (subject: the staff id of the person): kind, start and end (day, minute), reason. */
static int on_leave_requested(project_ctx *p, const project_event *ev)
{
    leave_at from, to;
    staff_facts f;
    int32_t who = staff_of(ev->subject);
    if (!who)
        return refuse(p, ev, "the subject must be the staff id of the person asking for leave");
    int rc = staff_facts_of(p, who, &f);
    if (rc != 0)
        return rc < 0 ? -1 : refuse(p, ev, "no staff member %d", (int)who);
    int kind = need_name(p, ev, "kind", leave_kinds, (int)(sizeof leave_kinds / sizeof leave_kinds[0]));
    const char *reason = kind >= 0 ? need_str(p, ev, "reason", 1000) : NULL;
    if (!reason || need_at(p, ev, "start_day", "start_minute", &from) != 0 ||
        need_at(p, ev, "end_day", "end_minute", &to) != 0)
        return -1;
    if (leave_at_cmp(&to, &from) <= 0)
        return refuse(p, ev, "the leave must end after it starts");
    if (leave_no_overlap(p, ev, who, &from, &to) != 0)
        return -1;
    sqlite3_stmt *st = q(p, Q_LEAVE_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, ev->seq);
    sqlite3_bind_int64(st, 3, who);
    sqlite3_bind_text(st, 4, leave_kinds[kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, from.day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, from.minute);
    sqlite3_bind_text(st, 7, to.day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 8, to.minute);
    sqlite3_bind_text(st, 9, reason, -1, SQLITE_TRANSIENT);
    return run(p, st, "recording the leave request");
}

/* A leave as the leaves table holds it. */
typedef struct {
    int32_t staff;
    int state;
    leave_at from, to;
    bool ended_early;
} leave_facts;

/* The leave named by the event's subject; 0, or -1 after refusing (no such leave). */
static int leave_of(project_ctx *p, const project_event *ev, leave_facts *l)
{
    sqlite3_stmt *st = need_subject(p, ev) == 0 ? q(p, Q_LEAVE_GET) : NULL;
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        l->staff = sqlite3_column_int(st, 0);
        l->state = names_index(leave_states, LV_STATES, col_text(st, 1));
        snprintf(l->from.day, sizeof l->from.day, "%s", col_text(st, 2));
        l->from.minute = sqlite3_column_int(st, 3);
        snprintf(l->to.day, sizeof l->to.day, "%s", col_text(st, 4));
        l->to.minute = sqlite3_column_int(st, 5);
        l->ended_early = sqlite3_column_int(st, 6) != 0;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return refuse(p, ev, "no such leave request");
    return rc == SQLITE_ROW ? 0 : store_fail_sql(p->s, "reading the leave");
}

/* A supervisor (not the person on leave) approves or refuses a requested leave. */
static int on_leave_decided(project_ctx *p, const project_event *ev)
{
    leave_facts l;
    bool bad = false;
    if (leave_of(p, ev, &l) != 0)
        return -1;
    const ev_field *a = ev_get(&p->doc, "approve");
    if (!a || a->type != EVF_BOOL)
        return refuse(p, ev, "the payload needs \"approve\" as true or false");
    const char *note = opt_str(p, ev, "note", 1000, &bad);
    if (bad || need_supervisor(p, ev, "decide leave") != 0)
        return -1;
    if (l.staff == ev->staff_id)
        return refuse(p, ev, "nobody decides their own leave");
    if (l.state != LV_REQUESTED)
        return refuse(p, ev, "the leave is %s, not waiting for a decision",
                      l.state >= 0 && l.state < LV_STATES ? leave_states[l.state] : "?");
    sqlite3_stmt *st = q(p, Q_LEAVE_DECIDE);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, leave_states[a->num ? LV_APPROVED : LV_REFUSED], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, ev->staff_id);
    bind_text_or_null(st, 4, note);
    sqlite3_bind_int64(st, 5, ev->seq);
    return run(p, st, "recording the decision on the leave");
}

/* 销假 (date, minute): an approved leave ends then if that is earlier (before it began: cancelled);
 * a request not yet decided is cancelled.  By the person on leave or a supervisor. */
static int on_leave_ended(project_ctx *p, const project_event *ev)
{
    leave_facts l;
    leave_at at;
    if (leave_of(p, ev, &l) != 0 || need_at(p, ev, "date", "minute", &at) != 0)
        return -1;
    if (l.staff != ev->staff_id && need_supervisor(p, ev, "end another person's leave") != 0)
        return -1;
    if (l.state != LV_REQUESTED && l.state != LV_APPROVED)
        return refuse(p, ev, "the leave was %s: there is nothing to end",
                      l.state >= 0 && l.state < LV_STATES ? leave_states[l.state] : "?");
    if (l.ended_early)
        return refuse(p, ev, "the leave was already ended on %s", l.to.day);
    int state = l.state;
    bool early = false;
    if (state == LV_REQUESTED || leave_at_cmp(&at, &l.from) <= 0)
        state = LV_CANCELLED;
    else if (leave_at_cmp(&at, &l.to) < 0) {
        l.to = at;
        early = true;
    }
    sqlite3_stmt *st = q(p, Q_LEAVE_END);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, leave_states[state], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, l.to.day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, l.to.minute);
    sqlite3_bind_int(st, 5, early);
    sqlite3_bind_int64(st, 6, ev->seq);
    return run(p, st, "ending the leave");
}

/* A supervisor plans a leader's on-site day (seed 001 篇一 领导现场办公): once per leader and day. */
static int on_leader_day_planned(project_ctx *p, const project_event *ev)
{
    gdate day;
    char d[DATE_STR_LEN];
    staff_facts f;
    int32_t who = staff_of(ev->subject);
    if (!who)
        return refuse(p, ev, "the subject must be the staff id of the leader");
    if (need_date(p, ev, "date", &day) != 0 || need_supervisor(p, ev, "plan a leader's on-site day") != 0)
        return -1;
    int rc = staff_facts_of(p, who, &f);
    if (rc != 0)
        return rc < 0 ? -1 : refuse(p, ev, "no staff member %d", (int)who);
    sqlite3_stmt *st = q(p, Q_LEADER_DAY_GET);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, who);
    sqlite3_bind_text(st, 2, date_format(day, d), -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return refuse(p, ev, "the leader's on-site day %s is already planned", d);
    if (rc != SQLITE_DONE || !(st = q(p, Q_LEADER_DAY_INSERT)))
        return rc != SQLITE_DONE ? store_fail_sql(p->s, "reading the leader's days") : -1;
    sqlite3_bind_int64(st, 1, who);
    sqlite3_bind_text(st, 2, d, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, ev->staff_id);
    sqlite3_bind_int64(st, 4, ev->seq);
    return run(p, st, "planning the leader's day");
}

/* An open case moves to another clerk (the coverer of a long absence): date, to, optional from, reason. */
static int on_case_reassigned(project_ctx *p, const project_event *ev)
{
    gdate day;
    int64_t to, from;
    staff_facts f;
    if (need_subject(p, ev) != 0 || need_date(p, ev, "date", &day) != 0 || !need_str(p, ev, "reason", 1000) ||
        need_int(p, ev, "to", 1, INT32_MAX, &to) != 0 || opt_int(p, ev, "from", 0, INT32_MAX, 0, &from) != 0)
        return -1;
    sqlite3_stmt *st = q(p, Q_CASE_CLERK);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int64_t clerk = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    bool ended = rc == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? refuse(p, ev, "no such case") : store_fail_sql(p->s, "reading a case");
    if (ended)
        return refuse(p, ev, "the case is closed: it is no longer reassigned");
    if (from && from != clerk)
        return refuse(p, ev, "the case is with staff %" PRId64 ", not %" PRId64, clerk, from);
    if (to == clerk)
        return refuse(p, ev, "the case is already with staff %" PRId64, to);
    rc = staff_facts_of(p, to, &f); /* active is judged by duty_leave, not here: a rebuild must replay it */
    if (rc != 0)
        return rc < 0 ? -1 : refuse(p, ev, "\"to\": staff %" PRId64 " is unknown", to);
    if (!(st = q(p, Q_CASE_SET_CLERK)))
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, to);
    return run(p, st, "reassigning the case");
}

/* ---- supervision (issue 8): data/project_supervise.c ------------------------------------ */

#define SV_HANDLER(name)                                                                        \
    static int on_##name(project_ctx *p, const project_event *ev)                               \
    {                                                                                           \
        return psv_##name(p->s, ev, &p->doc, &p->order_refusal);                                \
    }
SV_HANDLER(followup_step)
SV_HANDLER(appealed)
SV_HANDLER(appeal_decided)
SV_HANDLER(complaint_registered)
SV_HANDLER(complaint_extended)
SV_HANDLER(complaint_concluded)
SV_HANDLER(complaint_excluded)

/* ---- dispatch ------------------------------------------------------------------------ */

typedef int (*handler)(project_ctx *p, const project_event *ev);

static const struct {
    const char *type;
    handler fn;
} handlers[] = {
    {"case.received", on_case_received},
    {"case.supplement_requested", on_case_supplement_requested},
    {"case.materials_completed", on_case_materials_completed},
    {"case.accepted", on_case_accepted},
    {"case.accepted_deferred", on_case_accepted_deferred},
    {"case.review_started", on_case_review_started},
    {"case.referred", on_case_referred},
    {"case.approved", on_case_approved},
    {"case.denied", on_case_denied},
    {"case.delivered", on_case_delivered},
    {"case.archived", on_case_archived},
    {"case.rejected", on_case_rejected},
    {"case.returned", on_case_returned},
    {"case.withdrawn", on_case_withdrawn},
    {"case.status_from_centre", on_case_status_from_centre},
    {"material.checked", on_material_checked},
    {"notice.issued", on_notice_issued},
    {"evaluation.given", on_evaluation_given},
    {"enquiry.logged", on_enquiry_logged},
    {"attendance.punched", on_attendance_punched},
    {"duty.day_started", on_duty_day_started},
    {"duty.handoff", on_duty_handoff},
    {"attendance.corrected", on_attendance_corrected},
    {"leave.requested", on_leave_requested},
    {"leave.decided", on_leave_decided},
    {"leave.ended", on_leave_ended},
    {"leader.day_planned", on_leader_day_planned},
    {"case.reassigned", on_case_reassigned},
    {"followup.step", on_followup_step},
    {"evaluation.appealed", on_appealed},
    {"evaluation.appeal_decided", on_appeal_decided},
    {"complaint.registered", on_complaint_registered},
    {"complaint.extended", on_complaint_extended},
    {"complaint.concluded", on_complaint_concluded},
    {"complaint.excluded", on_complaint_excluded},
};

#define NHANDLERS (sizeof handlers / sizeof handlers[0])

static handler handler_for(const char *type)
{
    for (size_t i = 0; type && i < NHANDLERS; i++)
        if (strcmp(handlers[i].type, type) == 0)
            return handlers[i].fn;
    return NULL;
}

bool project_type_known(const char *type)
{
    return handler_for(type) != NULL;
}

int project_apply(project_ctx *p, const project_event *ev)
{
    p->order_refusal = false;
    handler fn = handler_for(ev->type);
    if (!fn)
        return refuse(p, ev, "unknown event type");
    ev_status st = ev_decode(ev->payload, &p->doc);
    if (st != EV_OK)
        return refuse(p, ev, "payload: %s", ev_reason(st));
    return fn(p, ev);
}

bool project_refusal_is_final(const project_ctx *p)
{
    return !p->order_refusal;
}

/* ---- rebuild and reading ---------------------------------------------------------------- */

/* Run SQL without parameters; 0 or -1. */
static int exec_sql(project_ctx *p, const char *text, const char *doing)
{
    return sqlite3_exec(store_db(p->s), text, NULL, NULL, NULL) == SQLITE_OK ? 0 : store_fail_sql(p->s, doing);
}

/* Apply an event another terminal (or the centre) recorded the way sync_import did: inside a
 * savepoint, a refusal undone and skipped (it is listed in sync_unapplied).  0, or -1 on a store error. */
static int replay_foreign(project_ctx *p, const project_event *ev)
{
    if (exec_sql(p, "SAVEPOINT project_foreign", "starting a savepoint") != 0)
        return -1;
    if (project_apply(p, ev) != 0 &&
        exec_sql(p, "ROLLBACK TO project_foreign", "undoing a refused foreign event") != 0)
        return -1;
    return exec_sql(p, "RELEASE project_foreign", "ending a savepoint");
}

static int replay_all(project_ctx *p)
{
    sqlite3_stmt *st = store_prepare(p->s, "SELECT seq, id, type, subject, payload, coalesce(staff_id, 0), created_at, "
                                           "terminal_id = (SELECT value FROM meta WHERE key = 'terminal_id') "
                                           "FROM events ORDER BY seq");
    if (!st)
        return -1;
    int rc, ret = 0;
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        project_event ev = {sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2),
                            (const char *)sqlite3_column_text(st, 3), col_text(st, 4),
                            (int32_t)sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6)};
        if (sqlite3_column_int(st, 7) == 0) {
            ret = replay_foreign(p, &ev);
        } else if (project_apply(p, &ev) != 0) {
            char why[STORE_ERR_LEN];
            snprintf(why, sizeof why, "%s", store_errmsg(p->s));
            ret = store_fail(p->s, "rebuild stopped at event seq %" PRId64 " (%s): %s", ev.seq, ev.id, why);
        }
    }
    if (ret == 0 && rc != SQLITE_DONE)
        ret = store_fail_sql(p->s, "reading the events");
    sqlite3_finalize(st);
    return ret;
}

static int clear_tables(store *s)
{
    for (size_t i = 0; i < NTABLES; i++)
        if (sqlite3_exec(store_db(s), table_clear[i], NULL, NULL, NULL) != SQLITE_OK)
            return store_fail_sql(s, table_clear[i]);
    return 0;
}

int project_rebuild(store *s)
{
    project_ctx *p = project_ctx_new(s);
    if (!p)
        return -1;
    int rc = store_begin(s);
    if (rc == 0)
        rc = clear_tables(s) == 0 && replay_all(p) == 0 ? 0 : -1;
    project_ctx_free(p);
    if (rc != 0) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s);
}

static void fill_case(sqlite3_stmt *st, project_case *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->case_id, sizeof c->case_id, "%s", col_text(st, 0));
    snprintf(c->item, sizeof c->item, "%s", col_text(st, 1));
    c->cls = case_class_from_name(col_text(st, 2));
    c->status = case_status_from_name(col_text(st, 3));
    snprintf(c->applicant_name, sizeof c->applicant_name, "%s", col_text(st, 4));
    snprintf(c->window_id, sizeof c->window_id, "%s", col_text(st, 5));
    c->clerk = sqlite3_column_int(st, 6);
    char *dates[] = {c->received, c->accepted, c->due, c->concluded, c->delivered, c->ended};
    for (int i = 0; i < 6; i++)
        snprintf(dates[i], DATE_STR_LEN, "%s", col_text(st, 7 + i));
    c->deferred = sqlite3_column_int(st, 13) != 0;
    c->supplements = sqlite3_column_int(st, 14);
    c->first_visit = sqlite3_column_int(st, 15) != 0;
}

int project_case_get(store *s, const char *case_id, project_case *out)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT case_id, item, class, status, applicant_name, window_id, clerk, "
                                        "received, accepted, due, concluded, delivered, ended, deferred, "
                                        "supplements, first_visit FROM cases WHERE case_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, case_id ? case_id : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        fill_case(st, out);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 0 : 1;
    return store_fail_sql(s, "reading a case");
}
