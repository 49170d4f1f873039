/* project_supervise.c - the projections of issue 8 (tables followups and
 * complaints, migration 12): a bad rating's follow-up (差评整改) with its
 * steps and appeal, and complaints (投诉) from registration to conclusion
 * or exclusion.  The rules are the same as the actions' (data/supervise.c,
 * core/supervise.h) for what does not need the calendar: due dates were
 * computed by the action and are taken from the payload, so a rebuild gives
 * the same rows whatever the calendar or config say later.  Roles are judged
 * when the action is taken, not here (as for leave decisions). */
#include "data/project_sv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/supervise.h"
#include "data/store_db.h"
#include "data/supervise_int.h"

/* ---- payload fields -------------------------------------------------------------- */

/* "TYPE SUBJECT: why" as the store's message; returns -1. */
static int refuse(store *s, const project_event *ev, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int refuse(store *s, const project_event *ev, const char *fmt, ...)
{
    char why[STORE_ERR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return store_fail(s, "%s %s: %s", ev->type, ev->subject ? ev->subject : "-", why);
}

static bool blank(const char *v)
{
    for (; v && *v; v++)
        if (*v != ' ' && *v != '\t' && *v != '\n' && *v != '\r')
            return false;
    return true;
}

/* A text field: required or optional (NULL when absent or blank); *bad after refusing. */
static const char *text(store *s, const project_event *ev, const ev_doc *d, const char *key, bool required, bool *bad)
{
    const ev_field *f = ev_get(d, key);
    if ((!f && !required) || *bad)
        return NULL;
    if (!f || f->type != EVF_STR || strlen(f->str) > SV_TEXT_MAX || (required && blank(f->str))) {
        *bad = true;
        refuse(s, ev, "the payload needs \"%s\" as a %stext of at most %d bytes", key, required ? "non-empty " : "",
               SV_TEXT_MAX);
        return NULL;
    }
    return blank(f->str) ? NULL : f->str;
}

/* A YYYY-MM-DD field into out (normalised); *bad after refusing. */
static void date_field(store *s, const project_event *ev, const ev_doc *d, const char *key, char out[DATE_STR_LEN],
                       bool *bad)
{
    gdate g;
    const char *v = ev_get_str(d, key);
    if (*bad)
        return;
    if (!v || date_parse(v, &g) != 0) {
        *bad = true;
        refuse(s, ev, "the payload needs \"%s\" as a real date YYYY-MM-DD", key);
        return;
    }
    date_format(g, out);
}

/* A name from names[n]; its index, or -1 after refusing. */
static int name_field(store *s, const project_event *ev, const ev_doc *d, const char *key, const char *const *names,
                      int n, bool *bad)
{
    if (*bad)
        return -1;
    int i = sv_name_index(names, n, ev_get_str(d, key));
    if (i < n)
        return i;
    char list[160] = "";
    for (int k = 0; k < n; k++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", names[k]);
    *bad = true;
    refuse(s, ev, "\"%s\" must be one of: %s", key, list);
    return -1;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v ? v : "";
}

/* Step and finalize a statement that changes rows; 0 or -1. */
static int run(store *s, sqlite3_stmt *st, const char *doing)
{
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, doing);
}

/* ---- follow-ups (差评整改) ------------------------------------------------------------ */

/* Run the update sql (of a follow-up or a complaint) with the texts v[0..n-1] as ?1..?n (from v[nreq] on, an empty one as
 * NULL) and the event's seq as ?n+1; 0, or -1 (doing names it in the error). */
static int update_texts(store *s, const project_event *ev, const char *sql, const char *const *v, int n, int nreq,
                        const char *doing)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    for (int i = 0; i < n; i++) {
        if (i < nreq)
            sqlite3_bind_text(st, 1 + i, v[i], -1, SQLITE_TRANSIENT);
        else
            bind_opt(st, 1 + i, v[i]);
    }
    sqlite3_bind_int64(st, n + 1, ev->seq);
    return run(s, st, doing);
}

static const char SQL_CASE_OF[] = "SELECT coalesce(window_id, ''), coalesce(clerk, 0) FROM cases WHERE case_id = ?1";
static const char SQL_FU_INSERT[] =
    "INSERT INTO followups(case_id, window, clerk, rating, comment, real_name, opened, due, event_seq, last_seq) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
static const char SQL_FU_GET[] = "SELECT verified, rectified, answered, called_back, real_name, closed, appeal "
                                 "FROM followups WHERE case_id = ?1";
static const char SQL_FU_STEP[] =
    "UPDATE followups SET verified = CASE WHEN ?2 = 0 THEN ?3 ELSE verified END, "
    "rectified = CASE WHEN ?2 = 1 THEN ?3 ELSE rectified END, answered = CASE WHEN ?2 = 2 THEN ?3 ELSE answered END, "
    "called_back = CASE WHEN ?2 = 3 THEN ?3 ELSE called_back END, note = ?4, closed = ?5, "
    "closed_on = CASE WHEN ?5 = 1 THEN ?3 ELSE NULL END, last_seq = ?6 WHERE case_id = ?1";
static const char SQL_FU_APPEAL[] = "UPDATE followups SET appeal = 'pending', appeal_reason = ?2, appeal_note = ?3, "
                                    "appeal_on = ?4, last_seq = ?5 WHERE case_id = ?1";
static const char SQL_FU_DECIDE[] =
    "UPDATE followups SET appeal = ?2, decided_by = ?3, decided_on = ?4, decision_note = ?5, "
    "closed_on = CASE WHEN closed = 0 AND ?2 = 'upheld' THEN ?4 ELSE closed_on END, "
    "closed = CASE WHEN ?2 = 'upheld' THEN 1 ELSE closed END, last_seq = ?6 WHERE case_id = ?1";

/* A follow-up as the handlers need it. */
typedef struct {
    bool done[SV_STEP_COUNT];
    bool real_name, closed;
    sv_appeal appeal;
} fu_facts;

/* The follow-up of ev's case; 0, or -1 after refusing (none yet: an order refusal). */
static int fu_facts_of(store *s, const project_event *ev, fu_facts *f, bool *order)
{
    sqlite3_stmt *st = ev->subject ? store_prepare(s, SQL_FU_GET) : NULL;
    if (!st)
        return ev->subject ? -1 : refuse(s, ev, "this event needs the case as its subject");
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        for (int i = 0; i < SV_STEP_COUNT; i++)
            f->done[i] = sqlite3_column_type(st, i) != SQLITE_NULL;
        f->real_name = sqlite3_column_int(st, 4) != 0;
        f->closed = sqlite3_column_int(st, 5) != 0;
        f->appeal = (sv_appeal)sv_name_index(sv_appeal_names, 4, col(st, 6));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        *order = true; /* the rating may come later from another terminal */
        return refuse(s, ev, "the case has no follow-up (no dissatisfied rating)");
    }
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, "reading a follow-up");
}

/* The case's window and clerk; 0 or -1 after refusing. */
static int case_of(store *s, const project_event *ev, char window[64], int64_t *clerk, bool *order)
{
    sqlite3_stmt *st = store_prepare(s, SQL_CASE_OF);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(window, 64, "%s", col(st, 0));
        *clerk = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        *order = true;
    if (rc == SQLITE_DONE)
        return refuse(s, ev, "no such case");
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, "reading a case");
}

/* The start of a later event on a follow-up: its facts (fu_facts_of; *order false after) and the
 * event's "date" into day (*bad when missing); 0, or -1 after refusing. */
static int fu_event(store *s, const project_event *ev, const ev_doc *doc, fu_facts *f, char day[DATE_STR_LEN],
                    bool *order, bool *bad)
{
    if (fu_facts_of(s, ev, f, order) != 0)
        return -1;
    *order = false;
    date_field(s, ev, doc, "date", day, bad);
    return 0;
}

int psv_followup_open(store *s, const project_event *ev, const ev_doc *doc, bool *order)
{
    bool bad = false, has_due = ev_get(doc, "followup_due") != NULL;
    const char *rating = ev_get_str(doc, "rating");
    bool dissatisfied = rating && (strcmp(rating, "dissatisfied") == 0 || strcmp(rating, "very_dissatisfied") == 0);
    if (!has_due)
        return 0; /* a good rating, or the calendar did not hold the deadline: no follow-up */
    if (!dissatisfied)
        return refuse(s, ev, "\"followup_due\" belongs to a dissatisfied rating only");
    char opened[DATE_STR_LEN], due[DATE_STR_LEN], window[64];
    int64_t clerk = 0;
    date_field(s, ev, doc, "date", opened, &bad);
    date_field(s, ev, doc, "followup_due", due, &bad);
    const char *comment = text(s, ev, doc, "comment", false, &bad);
    if (bad || case_of(s, ev, window, &clerk, order) != 0)
        return -1;
    if (strcmp(due, opened) < 0)
        return refuse(s, ev, "\"followup_due\" %s is before the rating's date %s", due, opened);
    sqlite3_stmt *st = store_prepare(s, SQL_FU_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, window, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, clerk);
    sqlite3_bind_text(st, 4, rating, -1, SQLITE_TRANSIENT);
    bind_opt(st, 5, comment);
    sqlite3_bind_int(st, 6, ev_get_bool(doc, "real_name", false));
    sqlite3_bind_text(st, 7, opened, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8, due, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 9, ev->seq);
    return run(s, st, "opening the follow-up");
}

int psv_followup_step(store *s, const project_event *ev, const ev_doc *doc, bool *order)
{
    fu_facts f;
    bool bad = false;
    char day[DATE_STR_LEN];
    if (fu_event(s, ev, doc, &f, day, order, &bad) != 0)
        return -1;
    sv_step step = sv_step_from_name(ev_get_str(doc, "step"));
    const char *note = text(s, ev, doc, "note", true, &bad);
    if (bad)
        return -1;
    if (step == SV_STEP_COUNT)
        return refuse(s, ev, "\"step\" must be one of: verified, rectified, answered, called_back");
    sv_code c = sv_step_check(f.done, f.real_name, f.closed, step);
    if (c != SV_OK)
        return refuse(s, ev, "%s", sv_reason(c));
    f.done[step] = true;
    sqlite3_stmt *st = store_prepare(s, SQL_FU_STEP);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, (int)step);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, note, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, sv_followup_complete(f.done, f.real_name));
    sqlite3_bind_int64(st, 6, ev->seq);
    return run(s, st, "recording the follow-up step");
}

int psv_appealed(store *s, const project_event *ev, const ev_doc *doc, bool *order)
{
    fu_facts f;
    bool bad = false;
    char day[DATE_STR_LEN];
    if (fu_event(s, ev, doc, &f, day, order, &bad) != 0)
        return -1;
    int reason = name_field(s, ev, doc, "reason", sv_appeal_reasons, SV_NAPPEAL_REASONS, &bad);
    const char *note = text(s, ev, doc, "note", true, &bad);
    if (bad)
        return -1;
    if (f.appeal != SV_APPEAL_NONE)
        return refuse(s, ev, "the rating was already appealed (%s)", sv_appeal_names[f.appeal]);
    const char *v[] = {ev->subject, sv_appeal_reasons[reason], note, day};
    return update_texts(s, ev, SQL_FU_APPEAL, v, 4, 4, "recording the appeal");
}

int psv_appeal_decided(store *s, const project_event *ev, const ev_doc *doc, bool *order)
{
    fu_facts f;
    bool bad = false;
    char day[DATE_STR_LEN];
    if (fu_event(s, ev, doc, &f, day, order, &bad) != 0)
        return -1;
    *order = f.appeal == SV_APPEAL_NONE; /* the appeal itself may come later */
    const ev_field *up = ev_get(doc, "upheld");
    const char *note = text(s, ev, doc, "note", true, &bad);
    if (bad)
        return -1;
    if (!up || up->type != EVF_BOOL)
        return refuse(s, ev, "the payload needs \"upheld\" as true or false");
    if (f.appeal != SV_APPEAL_PENDING)
        return refuse(s, ev, "no appeal is pending (%s)", sv_appeal_names[f.appeal]);
    sqlite3_stmt *st = store_prepare(s, SQL_FU_DECIDE);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, up->num ? "upheld" : "refused", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, ev->staff_id);
    sqlite3_bind_text(st, 4, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, note, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, ev->seq);
    return run(s, st, "recording the appeal's decision");
}

/* ---- complaints (投诉) ------------------------------------------------------------------ */

static const char SQL_CP_INSERT[] =
    "INSERT INTO complaints(id, registered, due, channel, about, window, clerk, case_id, complainant, phone, text, "
    "staff_id, event_seq, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)";
static const char SQL_CP_GET[] = "SELECT state, due FROM complaints WHERE id = ?1";
static const char SQL_CP_EXTEND[] = "UPDATE complaints SET state = 'extended', due = ?2, extended_on = ?3, "
                                    "extend_reason = ?4, last_seq = ?5 WHERE id = ?1";
static const char SQL_CP_CONCLUDE[] = "UPDATE complaints SET state = 'concluded', concluded = ?2, finding = ?3, "
                                      "outcome = ?4, notified_by = ?5, last_seq = ?6 WHERE id = ?1";
static const char SQL_CP_EXCLUDE[] = "UPDATE complaints SET state = 'excluded', excluded_on = ?2, "
                                     "excluded_reason = ?3, excluded_note = ?4, last_seq = ?5 WHERE id = ?1";

/* The complaint's state and due date; 0 (0 when it may still change), -1 after refusing. */
static int cp_open(store *s, const project_event *ev, char due[DATE_STR_LEN], sv_complaint_state *state, bool *order)
{
    sqlite3_stmt *st = ev->subject ? store_prepare(s, SQL_CP_GET) : NULL;
    if (!st)
        return ev->subject ? -1 : refuse(s, ev, "this event needs the complaint's id as its subject");
    sqlite3_bind_text(st, 1, ev->subject, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *state = sv_state_from_name(col(st, 0));
        snprintf(due, DATE_STR_LEN, "%s", col(st, 1));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        *order = true;
        return refuse(s, ev, "no such complaint");
    }
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, "reading a complaint");
    if (*state == SV_CONCLUDED || *state == SV_EXCLUDED)
        return refuse(s, ev, "the complaint is closed (%s)", sv_state_name(*state));
    return 0;
}

/* The start of a later event on a complaint: its state and due date (cp_open) and the event's "date"
 * into day (*bad when missing); 0, or -1 after refusing. */
static int cp_event(store *s, const project_event *ev, const ev_doc *doc, char due[DATE_STR_LEN],
                    char day[DATE_STR_LEN], sv_complaint_state *state, bool *order, bool *bad)
{
    if (cp_open(s, ev, due, state, order) != 0)
        return -1;
    date_field(s, ev, doc, "date", day, bad);
    return 0;
}

/* What a complaint is about names its target: a window, a clerk or a case. */
static int cp_target(store *s, const project_event *ev, int about, const char *window, int64_t clerk,
                     const char *case_id)
{
    if (about == 0 && !window)
        return refuse(s, ev, "a complaint about a window needs \"window\"");
    if (about == 1 && clerk < 1)
        return refuse(s, ev, "a complaint about a clerk needs \"clerk\" (a staff number)");
    if (about == 2 && !case_id)
        return refuse(s, ev, "a complaint about a case needs \"case\"");
    return 0;
}

int psv_complaint_registered(store *s, const project_event *ev, const ev_doc *doc, bool *order)
{
    bool bad = !ev->subject;
    char day[DATE_STR_LEN], due[DATE_STR_LEN];
    int64_t clerk = 0;
    (void)order;
    if (bad)
        return refuse(s, ev, "this event needs the complaint's id as its subject");
    date_field(s, ev, doc, "date", day, &bad);
    date_field(s, ev, doc, "due", due, &bad);
    int channel = name_field(s, ev, doc, "channel", sv_channels, SV_NCHANNELS, &bad);
    int about = name_field(s, ev, doc, "about", sv_abouts, SV_NABOUT, &bad);
    const char *window = text(s, ev, doc, "window", false, &bad), *case_id = text(s, ev, doc, "case", false, &bad);
    const char *who = text(s, ev, doc, "complainant", false, &bad), *phone = text(s, ev, doc, "phone", false, &bad);
    const char *body = text(s, ev, doc, "text", true, &bad);
    if (bad)
        return -1;
    if (ev_get(doc, "clerk") && (!ev_get_int(doc, "clerk", &clerk) || clerk < 0 || clerk > INT32_MAX))
        return refuse(s, ev, "\"clerk\" must be a staff number");
    if (cp_target(s, ev, about, window, clerk, case_id) != 0)
        return -1;
    if (strcmp(due, day) < 0)
        return refuse(s, ev, "\"due\" %s is before the registration %s", due, day);
    int dup = store_exists(s, "SELECT 1 FROM complaints WHERE id = ?1", ev->subject, "reading a complaint");
    if (dup != 0)
        return dup < 0 ? -1 : refuse(s, ev, "this complaint is already registered");
    sqlite3_stmt *st = store_prepare(s, SQL_CP_INSERT);
    if (!st)
        return -1;
    const char *texts[] = {ev->subject, day, due, sv_channels[channel], sv_abouts[about], window};
    for (int i = 0; i < 6; i++)
        bind_opt(st, 1 + i, texts[i]);
    sqlite3_bind_int64(st, 7, clerk);
    bind_opt(st, 8, case_id);
    bind_opt(st, 9, who);
    bind_opt(st, 10, phone);
    sqlite3_bind_text(st, 11, body, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 12, ev->staff_id);
    sqlite3_bind_int64(st, 13, ev->seq);
    return run(s, st, "registering the complaint");
}

int psv_complaint_extended(store *s, const project_event *ev, const ev_doc *doc, bool *order)
{
    char due[DATE_STR_LEN], day[DATE_STR_LEN], new_due[DATE_STR_LEN];
    sv_complaint_state state;
    bool bad = false;
    if (cp_event(s, ev, doc, due, day, &state, order, &bad) != 0)
        return -1;
    date_field(s, ev, doc, "due", new_due, &bad);
    const char *reason = text(s, ev, doc, "reason", true, &bad);
    if (bad)
        return -1;
    if (state == SV_EXTENDED)
        return refuse(s, ev, "%s", sv_reason(SV_E_EXTEND_TWICE));
    if (strcmp(new_due, due) <= 0)
        return refuse(s, ev, "the new due date %s is not after %s", new_due, due);
    const char *v[] = {ev->subject, new_due, day, reason};
    return update_texts(s, ev, SQL_CP_EXTEND, v, 4, 4, "extending the complaint");
}

int psv_complaint_concluded(store *s, const project_event *ev, const ev_doc *doc, bool *order)
{
    char due[DATE_STR_LEN], day[DATE_STR_LEN];
    sv_complaint_state state;
    bool bad = false;
    if (cp_event(s, ev, doc, due, day, &state, order, &bad) != 0)
        return -1;
    int finding = name_field(s, ev, doc, "finding", sv_findings, SV_NFINDINGS, &bad);
    const char *outcome = text(s, ev, doc, "outcome", true, &bad);
    int how = name_field(s, ev, doc, "notified_by", sv_notified, SV_NNOTIFIED, &bad);
    if (bad)
        return -1;
    const char *v[] = {ev->subject, day, sv_findings[finding], outcome, sv_notified[how]};
    return update_texts(s, ev, SQL_CP_CONCLUDE, v, 5, 5, "concluding the complaint");
}

int psv_complaint_excluded(store *s, const project_event *ev, const ev_doc *doc, bool *order)
{
    char due[DATE_STR_LEN], day[DATE_STR_LEN];
    sv_complaint_state state;
    bool bad = false;
    if (cp_event(s, ev, doc, due, day, &state, order, &bad) != 0)
        return -1;
    int reason = name_field(s, ev, doc, "reason", sv_excluded, SV_NEXCLUDED, &bad);
    const char *note = text(s, ev, doc, "note", false, &bad);
    if (bad)
        return -1;
    const char *v[] = {ev->subject, day, sv_excluded[reason], note};
    return update_texts(s, ev, SQL_CP_EXCLUDE, v, 4, 3, "excluding the complaint");
}
