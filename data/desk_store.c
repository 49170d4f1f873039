/* desk_store.c - how the desk reads and records: the item and the checklist
 * decision (core/checklist.h on the catalogue's materials), the promised
 * date (core/deadline.h), the desk's side of the batch of events one clerk
 * action records as ONE transaction (data/evbatch.h: signer, window, case,
 * notice), and the case as the projection
 * holds it afterwards (status, due date, trips, the notice's breaches). */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/deadline.h"
#include "core/i18n.h"
#include "data/desk_int.h"
#include "data/store_db.h"

/* ---- the item and its checklist ------------------------------------------------------- */

void desk_check_free(desk_check *c)
{
    catalog_item_free(&c->item);
    catalog_materials_free(&c->mats);
}

/* A checklist error, naming the material when core says which. */
static int checklist_error(const desk_check *c, ck_status st, size_t n, char *err, size_t errlen)
{
    if (st == CK_E_LENGTH)
        return desk_say(err, errlen, N_("the checklist has %d entries but item %s lists %d materials"), (int)n,
                        c->item.code, (int)c->n);
    if (st >= CK_E_KIND && st <= CK_E_NOTE && c->d.bad < c->n)
        return desk_say(err, errlen, N_("material no. %d: %s"), c->ck[c->d.bad].index, desk_tr(ck_status_reason(st)));
    return desk_say(err, errlen, N_("item %s: %s"), c->item.code, desk_tr(ck_status_reason(st)));
}

int desk_check_run(store *s, const char *item, case_class cls, const ck_entry *entries, size_t n, desk_check *c,
                   char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    if (desk_blank(item))
        return desk_say(err, errlen, N_("no item was chosen"));
    int rc = catalog_get(s, item, &c->item, &c->mats);
    if (rc < 0)
        return desk_say(err, errlen, "%s", store_errmsg(s));
    if (rc == 1)
        return desk_say(err, errlen, N_("item %s is not in the catalogue"), item);
    c->n = catalog_materials_to_ck(&c->mats, c->ck, CK_MAX_MATERIALS);
    for (size_t i = 0; entries && i < n; i++) {
        char what[64];
        snprintf(what, sizeof what, desk_tr(N_("the note on material no. %d")), i < c->n ? c->ck[i].index : (int)i + 1);
        if (desk_text(what, entries[i].note, DESK_REASON_MAX, false, err, errlen) != 0)
            return -1;
    }
    ck_status st = ck_decide(c->ck, c->n, entries, n, cls < CASE_CLASS_COUNT ? cls : c->item.cls, &c->d);
    return st == CK_OK ? 0 : checklist_error(c, st, n, err, errlen);
}

int desk_due(const desk_who *who, int limit, char due[DATE_STR_LEN], char *err, size_t errlen)
{
    due[0] = '\0';
    if (!who->cal)
        return desk_say(err, errlen, N_("no working-day calendar is loaded: the promised date cannot be computed"));
    dl_case dc = {.accepted = who->today, .limit = limit, .supplemented = false};
    gdate d;
    int missing = 0;
    dl_status st = dl_due(who->cal, &dc, &d, &missing);
    if (st == DL_NOT_LOADED)
        return 0; /* the year's holidays are not published yet: the due date stays unknown */
    if (st != DL_OK)
        return desk_say(err, errlen, N_("the promised date: %s"), desk_tr(dl_reason(st)));
    date_format(d, due);
    return 0;
}

/* ---- the event batch ------------------------------------------------------------------------ */

desk_batch *desk_batch_new(store *s, const desk_who *who, const char *subject, char *err, size_t errlen)
{
    desk_batch *b = calloc(1, sizeof *b);
    if (!b) {
        desk_say(err, errlen, N_("out of memory"));
        return NULL;
    }
    evbatch_init(&b->ev, s, who->today);
    b->who = who;
    b->subject = subject;
    b->notice_at = -1;
    b->notice = -1;
    return b;
}

void desk_batch_free(desk_batch *b)
{
    free(b);
}

void desk_ev(desk_batch *b, const char *type)
{
    evbatch_ev(&b->ev, type, b->subject, b->who->staff);
    evbatch_add(&b->ev, ev_str("date", b->ev.today));
    evbatch_add(&b->ev, ev_str("window", b->who->window));
}

static const char *const kind_names[] = {"essential", "auxiliary"};
static const char *const presence_names[] = {"present", "missing", "defective"};

void desk_material(desk_batch *b, int index, const char *name, ck_kind kind, bool deferrable, ck_presence status,
                   const char *note)
{
    desk_ev(b, "material.checked");
    evbatch_add(&b->ev, ev_int("index", index));
    evbatch_add(&b->ev, ev_str("name", name));
    evbatch_add(&b->ev, ev_str("kind", kind_names[kind == CK_ESSENTIAL ? 0 : 1]));
    evbatch_add(&b->ev, ev_str("status", presence_names[status < CK_PRESENCE_COUNT ? status : CK_MISSING]));
    evbatch_add(&b->ev, ev_bool("deferrable", deferrable));
    if (!desk_blank(note))
        evbatch_add(&b->ev, ev_str("note", note));
}

/* The notice kinds as the projection names them (data/project.c, docs/storage.md §6). */
const char *desk_notice_name(notice_kind k)
{
    static const char *const names[NOTICE_KIND_COUNT] = {
        [NOTICE_ACCEPTANCE] = "acceptance", [NOTICE_SUPPLEMENT] = "supplement", [NOTICE_REJECTION] = "rejection",
        [NOTICE_DEFERRAL] = "deferral",     [NOTICE_ONE_TIME] = "one_time",
    };
    return (int)k >= 0 && k < NOTICE_KIND_COUNT ? names[k] : NULL;
}

void desk_notice(desk_batch *b, notice_kind kind, const int *materials, size_t n, const char *deadline,
                 bool reprint)
{
    desk_ev(b, "notice.issued");
    evbatch_add(&b->ev, ev_str("kind", desk_notice_name(kind)));
    for (size_t i = 0; i < n && i < CK_MAX_MATERIALS; i++)
        b->ints[i] = materials[i];
    if (n > 0)
        evbatch_add(&b->ev, ev_ints("materials", b->ints, n < CK_MAX_MATERIALS ? n : CK_MAX_MATERIALS));
    if (deadline)
        evbatch_add(&b->ev, ev_str("deadline", deadline));
    if (reprint)
        evbatch_add(&b->ev, ev_bool("reprint", true));
    b->notice_at = (int)b->ev.n - 1;
    b->notice = (int)kind;
}

int desk_batch_commit(desk_batch *b, char *err, size_t errlen)
{
    int rc = evbatch_commit(&b->ev, err, errlen);
    if (rc == 1)
        return desk_say(err, errlen, N_("the action holds more than %d events: nothing was recorded"),
                        EVENT_BATCH_MAX);
    return rc;
}

/* ---- reading a case ---------------------------------------------------------------------------- */

static const char *col(sqlite3_stmt *st, int i)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v ? v : "";
}

static void fill_case(sqlite3_stmt *st, desk_case *c)
{
    snprintf(c->item, sizeof c->item, "%s", col(st, 0));
    c->cls = case_class_from_name(col(st, 1));
    c->status = case_status_from_name(col(st, 2));
    c->supplements = sqlite3_column_int(st, 3);
    c->deferred = sqlite3_column_int(st, 4) != 0;
    c->deferred_open = c->deferred && sqlite3_column_type(st, 5) == SQLITE_NULL;
    c->clock_restart = sqlite3_column_type(st, 6) != SQLITE_NULL;
    snprintf(c->due, sizeof c->due, "%s", col(st, 7));
    c->evaluated = sqlite3_column_type(st, 8) != SQLITE_NULL;
    snprintf(c->evaluated_on, sizeof c->evaluated_on, "%s", col(st, 8));
}

int desk_case_read(store *s, const char *case_id, desk_case *c, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    if (desk_case_number(case_id, c->case_id, err, errlen) != 0)
        return -1;
    sqlite3_stmt *st = store_prepare(s, "SELECT item, class, status, supplements, deferred, deferred_completed, "
                                        "clock_restart, due, (SELECT given_on FROM evaluations e "
                                        "WHERE e.case_id = c.case_id) FROM cases c WHERE case_id = ?1");
    if (!st)
        return desk_say(err, errlen, "%s", store_errmsg(s));
    sqlite3_bind_text(st, 1, c->case_id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        fill_case(st, c);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return desk_say(err, errlen, N_("there is no case %s"), c->case_id);
    if (rc != SQLITE_ROW) {
        store_fail_sql(s, "reading a case");
        return desk_say(err, errlen, "%s", store_errmsg(s));
    }
    if (c->cls >= CASE_CLASS_COUNT || c->status >= CASE_STATUS_COUNT)
        return desk_say(err, errlen, N_("case %s is stored with an unknown class or status"), c->case_id);
    return 0;
}

int desk_case_open(const desk_case *c, char *err, size_t errlen)
{
    if (!case_status_is_terminal(c->status))
        return 0;
    return desk_say(err, errlen, N_("case %s is closed (%s)"), c->case_id, desk_tr(case_status_label(c->status)));
}

bool desk_case_decided(const desk_case *c)
{
    return c->status == CASE_APPROVED || c->status == CASE_DENIED || c->status == CASE_DELIVERED ||
           c->status == CASE_ARCHIVED;
}

/* The 一次性告知 breaches the projection counted on the notice event seq (data/project.c). */
static int notice_breaches(store *s, int64_t seq, int *out)
{
    *out = 0;
    sqlite3_stmt *st = store_prepare(s, "SELECT breaches FROM notices WHERE event_seq = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, seq);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading a notice");
}

/* 跑动次数: the first visit, then one per return with 补正 materials (desk.h desk_result.trips). */
static int trips_of(const desk_case *c)
{
    return 1 + (c->supplements > 0 ? c->supplements - 1 : 0) + (c->clock_restart ? 1 : 0);
}

int desk_result_fill(store *s, const desk_batch *b, const char *case_id, desk_result *out, char *err,
                     size_t errlen)
{
    desk_case c;
    memset(out, 0, sizeof *out);
    out->notice = -1;
    if (desk_case_read(s, case_id, &c, err, errlen) != 0)
        return -1;
    snprintf(out->case_id, sizeof out->case_id, "%s", c.case_id);
    out->status = c.status;
    snprintf(out->due, sizeof out->due, "%s", c.due);
    out->trips = trips_of(&c);
    if (b && b->notice_at >= 0) {
        out->notice = b->notice;
        if (notice_breaches(s, b->ev.out[b->notice_at].seq, &out->breaches) != 0)
            return desk_say(err, errlen, "%s", store_errmsg(s));
    }
    return 0;
}
