/* caseview_history.c - a case's history for the case screen: its events
 * (subject = the case number, in seq order) with who recorded them (staff
 * name) and a short line in words built from the payload (core/event.h
 * ev_decode): what happened, then the reason and basis, note, comment,
 * due date, deadline and reprint mark when the payload has them.  The
 * supervision events of issue 8 are told too: a bad review's follow-up
 * (opened, its steps, the appeal and its decision) and the complaints
 * registered about the case (their events have the complaint's id as
 * subject: the query adds the complaints whose row names this case).  Every
 * phrase is an English message id passed through the caller's translate
 * function, so the screen shows it in the clerk's language. */
#include "data/caseview_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"

#define Q_HISTORY                                                                                       \
    "SELECT e.seq, e.created_at, e.type, e.payload, coalesce(st.name, ''), coalesce(tt.name, ''), "    \
    "e.subject "                                                                                       \
    "FROM events e LEFT JOIN staff st ON st.num = e.staff_id "                                         \
    "LEFT JOIN staff tt ON e.type = 'case.reassigned' AND tt.num = json_extract(e.payload, '$.to') "   \
    "WHERE e.subject IN (SELECT ?1 UNION ALL SELECT id FROM complaints WHERE case_id = ?1) "           \
    "ORDER BY e.seq LIMIT ?2"

/* ---- words ------------------------------------------------------------------------------ */

/* A detail being written: phrases joined by a translated "; ". */
typedef struct {
    char *buf;
    size_t len, at;
    cv_tr tr;
} words;

static const char *tr(const words *w, const char *msgid)
{
    const char *t = w->tr ? w->tr(msgid) : msgid;
    return t ? t : msgid;
}

/* Move past k bytes just written; a text cut by the end of the buffer ends at a whole character. */
static void advance(words *w, int k)
{
    if (k < 0)
        w->buf[w->at] = '\0';
    else if ((size_t)k >= w->len - w->at)
        w->at = cvi_utf8_cut(w->buf, w->len - 1);
    else
        w->at += (size_t)k;
}

/* Append one phrase: msgid translated, then formatted with the arguments. */
static void say(words *w, const char *msgid, ...)
{
    if (w->at + 8 >= w->len) /* full (a cut text may end a few bytes short) */
        return;
    if (w->at > 0)
        advance(w, snprintf(w->buf + w->at, w->len - w->at, "%s", tr(w, N_("; "))));
    va_list ap;
    va_start(ap, msgid);
    advance(w, vsnprintf(w->buf + w->at, w->len - w->at, tr(w, msgid), ap));
    va_end(ap);
}

/* A name's message id from a table of stored names and their labels; NULL when not there. */
static const char *label_of(const char *name, const char *const (*table)[2], size_t n)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(name, table[i][0]) == 0)
            return table[i][1];
    return NULL;
}

static const char *const presence_labels[][2] = {
    {"present", N_("present")}, {"missing", N_("missing")}, {"defective", N_("defective")}};
static const char *const rating_labels[][2] = {
    {"very_satisfied", N_("very satisfied")}, {"satisfied", N_("satisfied")},
    {"basically_satisfied", N_("basically satisfied")}, {"dissatisfied", N_("dissatisfied")},
    {"very_dissatisfied", N_("very dissatisfied")}};
static const char *const notice_labels[][2] = {
    {"acceptance", N_("acceptance notice")}, {"supplement", N_("supplement notice")},
    {"deferral", N_("deferred acceptance commitment")}, {"rejection", N_("rejection notice")},
    {"return", N_("return notice")},         {"one_time", N_("one-time notice")}};

/* Issue 8's stored names (data/supervise.c), with the labels the supervision screens use. */
static const char *const step_labels[][2] = {
    {"verified", N_("verified")}, {"rectified", N_("rectified")},
    {"answered", N_("answered the applicant")}, {"called_back", N_("called back")}};
static const char *const appeal_labels[][2] = {
    {"mistaken", N_("mistaken rating")}, {"malicious", N_("malicious rating")}, {"other", N_("other")}};
static const char *const channel_labels[][2] = {
    {"window", N_("at the window")}, {"phone", N_("by phone")}, {"box", N_("complaint box")},
    {"online", N_("online")}};
static const char *const finding_labels[][2] = {
    {"unfounded", N_("unfounded")}, {"manner", N_("verified: manner")},
    {"unlawful", N_("verified: unlawful handling")}, {"other", N_("other")}};
static const char *const told_labels[][2] = {
    {"phone", N_("by phone")}, {"letter", N_("by letter")}, {"in_person", N_("in person")}, {"sms", N_("by SMS")}};
static const char *const excluded_labels[][2] = {
    {"litigation", N_("in litigation")}, {"arbitration", N_("in arbitration")},
    {"reconsideration", N_("in administrative reconsideration")}};

#define NLABELS(t) (sizeof(t) / sizeof((t)[0]))

/* The label of a stored name, translated; the name itself when unknown. */
static const char *label(const words *w, const char *name, const char *const (*table)[2], size_t n)
{
    const char *id = label_of(name, table, n);
    return id ? tr(w, id) : name ? name : "";
}

/* ---- what happened ------------------------------------------------------------------- */

/* Lifecycle steps whose phrase needs no value. */
static const char *const step_phrases[][2] = {
    {"case.supplement_requested", N_("Supplement requested")},
    {"case.materials_completed", N_("Materials complete")},
    {"case.accepted", N_("Accepted")},
    {"case.accepted_deferred", N_("Accepted, materials deferred")},
    {"case.review_started", N_("Review started")},
    {"case.referred", N_("Referred to the higher level")},
    {"case.approved", N_("Approved")},
    {"case.denied", N_("Denied")},
    {"case.delivered", N_("Result delivered")},
    {"case.archived", N_("Archived")},
    {"case.rejected", N_("Not accepted")},
    {"case.returned", N_("Returned")},
    {"case.withdrawn", N_("Withdrawn")},
};

static const char *text_or_empty(const ev_doc *d, const char *key)
{
    const char *v = ev_get_str(d, key);
    return v ? v : "";
}

/* "2, 3" from the notice's material numbers. */
static void numbers_text(const ev_field *f, char *buf, size_t len)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; f && f->type == EVF_INTS && i < f->nints && at + 1 < len; i++) {
        int k = snprintf(buf + at, len - at, "%s%lld", i ? ", " : "", (long long)f->ints[i]);
        at = k < 0 || (size_t)k >= len - at ? len - 1 : at + (size_t)k;
    }
}

static void say_notice(words *w, const ev_doc *d)
{
    char nums[128];
    say(w, N_("Printed: %s"), label(w, ev_get_str(d, "kind"), notice_labels, NLABELS(notice_labels)));
    numbers_text(ev_get(d, "materials"), nums, sizeof nums);
    if (nums[0])
        say(w, N_("materials %s"), nums);
}

static void say_material(words *w, const ev_doc *d)
{
    int64_t idx = 0;
    ev_get_int(d, "index", &idx);
    say(w, N_("Material %d %s: %s"), (int)idx, text_or_empty(d, "name"),
        label(w, ev_get_str(d, "status"), presence_labels, NLABELS(presence_labels)));
}

/* case.reassigned: to whom (their name, else their number); a handoff's reason said in words. */
static void say_reassigned(words *w, const ev_doc *d, const char *to_name)
{
    int64_t to = 0;
    char num[24];
    ev_get_int(d, "to", &to);
    snprintf(num, sizeof num, "#%lld", (long long)to);
    bool handoff = strcmp(text_or_empty(d, "reason"), "handoff") == 0;
    say(w, handoff ? N_("Reassigned to %s at a handoff (long absence)") : N_("Reassigned to %s"),
        *to_name ? to_name : num);
}

/* evaluation.given: the rating, and the follow-up a bad one opens (its due date in the payload). */
static void say_rating(words *w, const ev_doc *d)
{
    say(w, N_("Rated: %s"), label(w, ev_get_str(d, "rating"), rating_labels, NLABELS(rating_labels)));
    const char *due = ev_get_str(d, "followup_due");
    if (due && *due)
        say(w, N_("follow-up opened, due %s"), due);
}

/* Issue 8's follow-up and appeal on the case; false when type is not one of them. */
static bool say_followup(words *w, const char *type, const ev_doc *d)
{
    if (strcmp(type, "followup.step") == 0)
        say(w, N_("Follow-up step: %s"), label(w, ev_get_str(d, "step"), step_labels, NLABELS(step_labels)));
    else if (strcmp(type, "evaluation.appealed") == 0)
        say(w, N_("Rating appealed: %s"),
            label(w, ev_get_str(d, "reason"), appeal_labels, NLABELS(appeal_labels)));
    else if (strcmp(type, "evaluation.appeal_decided") == 0)
        say(w, ev_get_bool(d, "upheld", false) ? N_("Appeal upheld: the rating is left out of the satisfaction rate")
                                               : N_("Appeal refused"));
    else
        return false;
    return true;
}

/* A complaint about the case (subject: the complaint's id); false when type is not a complaint's. */
static bool say_complaint(words *w, const char *type, const ev_doc *d, const char *id)
{
    if (strcmp(type, "complaint.registered") == 0)
        say(w, N_("Complaint %s registered (%s): %s"), id,
            label(w, ev_get_str(d, "channel"), channel_labels, NLABELS(channel_labels)), text_or_empty(d, "text"));
    else if (strcmp(type, "complaint.extended") == 0)
        say(w, N_("Complaint %s extended"), id);
    else if (strcmp(type, "complaint.concluded") == 0) {
        say(w, N_("Complaint %s concluded: %s"), id,
            label(w, ev_get_str(d, "finding"), finding_labels, NLABELS(finding_labels)));
        if (*text_or_empty(d, "outcome"))
            say(w, N_("outcome: %s"), text_or_empty(d, "outcome"));
        if (*text_or_empty(d, "notified_by"))
            say(w, N_("complainant told %s"), label(w, ev_get_str(d, "notified_by"), told_labels, NLABELS(told_labels)));
    } else if (strcmp(type, "complaint.excluded") == 0)
        say(w, N_("Complaint %s excluded: %s"), id,
            label(w, ev_get_str(d, "reason"), excluded_labels, NLABELS(excluded_labels)));
    else
        return false;
    return true;
}

/* The main phrase of an event of this type (to_name: the staff a case.reassigned names; subject: the
 * event's, a complaint's id for a complaint about the case). */
static void say_what(words *w, const char *type, const ev_doc *d, const char *to_name, const char *subject)
{
    const char *step = label_of(type, step_phrases, NLABELS(step_phrases));
    if (step)
        say(w, step);
    else if (strcmp(type, "case.reassigned") == 0)
        say_reassigned(w, d, to_name);
    else if (strcmp(type, "case.received") == 0)
        say(w, N_("Received: item %s (%s), window %s"), text_or_empty(d, "item"),
            tr(w, case_class_label(case_class_from_name(ev_get_str(d, "class")))), text_or_empty(d, "window"));
    else if (strcmp(type, "case.status_from_centre") == 0)
        say(w, N_("Status from the centre: %s"),
            tr(w, case_status_label(case_status_from_name(ev_get_str(d, "target")))));
    else if (strcmp(type, "material.checked") == 0)
        say_material(w, d);
    else if (strcmp(type, "notice.issued") == 0)
        say_notice(w, d);
    else if (strcmp(type, "evaluation.given") == 0)
        say_rating(w, d);
    else if (!say_followup(w, type, d) && !say_complaint(w, type, d, subject))
        say(w, "%s", type);
}

/* Reasons that are stored names, already said in words by the main phrase. */
static bool reason_said(const char *type, const char *reason)
{
    return (strcmp(type, "case.reassigned") == 0 && strcmp(reason, "handoff") == 0) ||
           strcmp(type, "evaluation.appealed") == 0 || strcmp(type, "complaint.excluded") == 0;
}

/* The values any event may carry, after the main phrase (a handoff's reason is already said). */
static void say_extras(words *w, const char *type, const ev_doc *d)
{
    static const char *const keyed[][2] = {{"reason", N_("reason: %s")}, {"basis", N_("basis: %s")},
                                           {"note", N_("note: %s")},     {"comment", N_("comment: %s")},
                                           {"due", N_("due %s")},        {"deadline", N_("deadline %s")}};
    for (size_t i = 0; i < NLABELS(keyed); i++) {
        const char *v = ev_get_str(d, keyed[i][0]);
        if (i == 0 && v && reason_said(type, v))
            continue;
        if (v && *v)
            say(w, keyed[i][1], v);
    }
    if (ev_get_bool(d, "reprint", false))
        say(w, N_("reprint"));
}

/* ---- the events ----------------------------------------------------------------------- */

static void read_event(sqlite3_stmt *st, ev_doc *doc, cv_tr trf, cv_event *e)
{
    memset(e, 0, sizeof *e);
    e->seq = sqlite3_column_int64(st, 0);
    e->created_at = sqlite3_column_int64(st, 1);
    cvi_copy(st, 2, e->type, sizeof e->type);
    cvi_copy(st, 4, e->staff_name, sizeof e->staff_name);
    words w = {e->detail, sizeof e->detail, 0, trf};
    const char *payload = (const char *)sqlite3_column_text(st, 3);
    if (ev_decode(payload ? payload : "", doc) != EV_OK) {
        say(&w, N_("(the payload cannot be read)"));
        return;
    }
    snprintf(e->date, sizeof e->date, "%s", text_or_empty(doc, "date"));
    char to_name[129], subject[64];
    cvi_copy(st, 5, to_name, sizeof to_name);
    cvi_copy(st, 6, subject, sizeof subject);
    say_what(&w, e->type, doc, to_name, subject);
    say_extras(&w, e->type, doc);
}

int cv_history(store *s, const char *case_id, cv_tr trf, cv_event *rows, int max, int *n)
{
    *n = 0;
    if (!rows || !case_id || max < 1 || max > CV_HISTORY_MAX)
        return store_fail(s, "a case history holds between 1 and %d events", CV_HISTORY_MAX);
    ev_doc *doc = malloc(sizeof *doc);
    if (!doc)
        return store_fail(s, "out of memory");
    sqlite3_stmt *st = store_prepare(s, Q_HISTORY);
    if (!st) {
        free(doc);
        return -1;
    }
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, max);
    int rc = SQLITE_DONE;
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_event(st, doc, trf, &rows[(*n)++]);
    sqlite3_finalize(st);
    free(doc);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    *n = 0;
    return store_fail_sql(s, "reading the case's history");
}
