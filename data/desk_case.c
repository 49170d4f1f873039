/* desk_case.c - the later steps of a case at the window: 容缺 materials in,
 * the decision (准予 / 不予许可), 出件, 撤回, the applicant's rating (好差评),
 * a notice printed again; and enquiries (首问负责制), which belong to no case.
 *
 * Rules (seed 001 = 001_fcc7b53b8a175d84.txt):
 *   - 篇四 (十)5: a 容缺 case is concluded once the auxiliary materials are in
 *     ("补齐相关副件材料后，窗口尽快办结"); core/case.c refuses approval before.
 *   - 篇八 四(三)4-6: 承诺件 / 联办件 are reviewed (审核) before the decision,
 *     so the decision of one still at 受理 records case.review_started first;
 *     a 上报件 is decided by the higher level after it was forwarded.
 *   - 篇十三 §26, seed 003: one evaluation per case (一事一评), once it is done.
 *   - 篇四 (十)1 首问负责制: "对不属于本窗口办理的应告知具体承办窗口". */
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "data/desk_int.h"
#include "data/roster.h"
#include "data/store_db.h"
#include "data/supervise_int.h"

/* ---- shared steps ------------------------------------------------------------------------ */

/* The signer checked and the case read; open = it must not be closed. */
static int begin(store *s, const desk_who *who, const char *case_id, bool open, desk_case *c, char *err,
                 size_t errlen)
{
    if (!s)
        return desk_say(err, errlen, N_("internal error: a required argument is missing"));
    if (desk_who_check(who, err, errlen) != 0 || desk_case_read(s, case_id, c, err, errlen) != 0)
        return -1;
    return open ? desk_case_open(c, err, errlen) : 0;
}

/* Record the batch, fill the result (out may be NULL), free the batch. */
static int finish(store *s, desk_batch *b, const desk_case *c, desk_result *out, char *err, size_t errlen)
{
    int rc = desk_batch_commit(b, err, errlen);
    if (rc == 0 && out)
        rc = desk_result_fill(s, b, c->case_id, out, err, errlen);
    desk_batch_free(b);
    return rc;
}

/* A batch with one plain event on the case. */
static int one_event(store *s, const desk_who *who, const desk_case *c, const char *type, const char *key,
                     const char *value, desk_result *out, char *err, size_t errlen)
{
    desk_batch *b = desk_batch_new(s, who, c->case_id, err, errlen);
    if (!b)
        return -1;
    desk_ev(b, type);
    if (key && !desk_blank(value))
        evbatch_add(&b->ev, ev_str(key, value));
    return finish(s, b, c, out, err, errlen);
}

/* ---- 容缺: the deferred materials arrived ------------------------------------------------------- */

/* material.checked "present" for every material of the case not marked present. */
static int outstanding_present(store *s, desk_batch *b, const char *case_id)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT idx, name, kind, may_defer FROM case_materials "
                                        "WHERE case_id = ?1 AND status <> 'present' ORDER BY idx");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *kind = (const char *)sqlite3_column_text(st, 2);
        desk_material(b, sqlite3_column_int(st, 0), evbatch_keep(&b->ev, name ? name : ""),
                      kind && strcmp(kind, "essential") == 0 ? CK_ESSENTIAL : CK_AUXILIARY,
                      sqlite3_column_int(st, 3) != 0, CK_PRESENT, NULL);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading the case's checklist");
}

int desk_complete_deferred(store *s, const desk_who *who, const char *case_id, desk_result *out, char *err,
                           size_t errlen)
{
    desk_case c;
    if (begin(s, who, case_id, true, &c, err, errlen) != 0)
        return -1;
    if (!c.deferred)
        return desk_say(err, errlen, N_("case %s was not accepted with deferred materials"), c.case_id);
    if (!c.deferred_open)
        return desk_say(err, errlen, N_("case %s: the deferred materials have already arrived"), c.case_id);
    desk_batch *b = desk_batch_new(s, who, c.case_id, err, errlen);
    if (!b)
        return -1;
    if (outstanding_present(s, b, c.case_id) != 0) {
        desk_batch_free(b);
        return desk_say(err, errlen, "%s", store_errmsg(s));
    }
    desk_ev(b, "case.materials_completed");
    return finish(s, b, &c, out, err, errlen);
}

/* ---- the decision ---------------------------------------------------------------------------------- */

/* Why the case cannot be decided now; 0 when it can (*review: record case.review_started first). */
static int decidable(const desk_case *c, bool approve, bool *review, char *err, size_t errlen)
{
    *review = false;
    if (desk_case_decided(c))
        return desk_say(err, errlen, N_("case %s is already decided (%s)"), c->case_id,
                        desk_tr(case_status_label(c->status)));
    if (c->status == CASE_RECEIVED || c->status == CASE_SUPPLEMENT)
        return desk_say(err, errlen, N_("case %s has not been accepted yet (%s)"), c->case_id,
                        desk_tr(case_status_label(c->status)));
    if (approve && c->deferred_open)
        return desk_say(err, errlen, N_("case %s cannot be approved while its deferred materials are outstanding"),
                        c->case_id);
    if (c->cls == CASE_CLASS_REFERRED && c->status != CASE_REFERRED)
        return desk_say(err, errlen,
                        N_("case %s must be forwarded to the higher level before its decision is recorded"),
                        c->case_id);
    *review = (c->cls == CASE_CLASS_PROMISED || c->cls == CASE_CLASS_JOINT) &&
              (c->status == CASE_ACCEPTED || c->status == CASE_DEFERRED);
    return 0;
}

int desk_conclude(store *s, const desk_who *who, const char *case_id, bool approve, const char *reason,
                  desk_result *out, char *err, size_t errlen)
{
    desk_case c;
    bool review;
    if (begin(s, who, case_id, true, &c, err, errlen) != 0 || decidable(&c, approve, &review, err, errlen) != 0)
        return -1;
    if (!approve && desk_blank(reason))
        return desk_say(err, errlen, N_("deny: a reason is required"));
    if (desk_text(N_("the reason"), reason, DESK_REASON_MAX, false, err, errlen) != 0)
        return -1;
    desk_batch *b = desk_batch_new(s, who, c.case_id, err, errlen);
    if (!b)
        return -1;
    if (review)
        desk_ev(b, "case.review_started");
    desk_ev(b, approve ? "case.approved" : "case.denied");
    if (!desk_blank(reason))
        evbatch_add(&b->ev, ev_str("reason", reason));
    return finish(s, b, &c, out, err, errlen);
}

/* ---- 出件 and 撤回 ------------------------------------------------------------------------------------ */

int desk_deliver(store *s, const desk_who *who, const char *case_id, desk_result *out, char *err, size_t errlen)
{
    desk_case c;
    if (begin(s, who, case_id, true, &c, err, errlen) != 0)
        return -1;
    if (c.status == CASE_DELIVERED)
        return desk_say(err, errlen, N_("case %s was already delivered"), c.case_id);
    if (c.status != CASE_APPROVED && c.status != CASE_DENIED)
        return desk_say(err, errlen, N_("case %s is not decided yet (%s)"), c.case_id,
                        desk_tr(case_status_label(c.status)));
    return one_event(s, who, &c, "case.delivered", NULL, NULL, out, err, errlen);
}

int desk_withdraw(store *s, const desk_who *who, const char *case_id, const char *reason, desk_result *out,
                  char *err, size_t errlen)
{
    desk_case c;
    if (begin(s, who, case_id, true, &c, err, errlen) != 0)
        return -1;
    if (desk_case_decided(&c))
        return desk_say(err, errlen, N_("case %s is already decided (%s): it can no longer be withdrawn"), c.case_id,
                        desk_tr(case_status_label(c.status)));
    if (desk_text(N_("the reason"), reason, DESK_REASON_MAX, false, err, errlen) != 0)
        return -1;
    return one_event(s, who, &c, "case.withdrawn", "reason", reason, out, err, errlen);
}

/* ---- 好差评 ------------------------------------------------------------------------------------------- */

int desk_evaluate(store *s, const desk_who *who, const char *case_id, desk_rating rating, const char *comment,
                  char *err, size_t errlen)
{
    desk_case c;
    const char *name = desk_rating_name(rating);
    if (!name)
        return desk_say(err, errlen, N_("unknown rating: choose 1 (very satisfied) to 5 (very dissatisfied)"));
    if (desk_text(N_("the comment"), comment, DESK_REASON_MAX, false, err, errlen) != 0 ||
        begin(s, who, case_id, false, &c, err, errlen) != 0)
        return -1;
    if (c.evaluated)
        return desk_say(err, errlen, N_("case %s was already evaluated on %s: one evaluation per case"), c.case_id,
                        c.evaluated_on);
    if (!desk_case_decided(&c) && !case_status_is_terminal(c.status))
        return desk_say(err, errlen, N_("case %s is not done yet (%s): it is evaluated once decided or closed"),
                        c.case_id, desk_tr(case_status_label(c.status)));
    desk_batch *b = desk_batch_new(s, who, c.case_id, err, errlen);
    if (!b)
        return -1;
    desk_ev(b, "evaluation.given");
    evbatch_add(&b->ev, ev_str("rating", name));
    if (!desk_blank(comment))
        evbatch_add(&b->ev, ev_str("comment", comment));
    /* 差评整改 (seed 001 篇十三 (七)27): a dissatisfied rating opens a follow-up, due in the event */
    if (sv_rating_fields(s, who, c.case_id, rating, &b->ev, err, errlen) != 0) {
        desk_batch_free(b);
        return -1;
    }
    return finish(s, b, &c, NULL, err, errlen);
}

/* ---- reprint ------------------------------------------------------------------------------------------ */

/* The case's last notice of a kind: its materials and deadline; 0 found, 1 none, -1 error. */
static int last_notice(store *s, const char *case_id, const char *kind, int *mats, size_t *n, char *deadline)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT n.deadline, j.value FROM (SELECT deadline, materials FROM notices "
                                        "WHERE case_id = ?1 AND kind = ?2 ORDER BY event_seq DESC LIMIT 1) n "
                                        "LEFT JOIN json_each(n.materials) j ORDER BY j.key");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    int rc, rows = 0;
    *n = 0;
    deadline[0] = '\0';
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 0);
        snprintf(deadline, DATE_STR_LEN, "%s", d ? d : "");
        if (sqlite3_column_type(st, 1) != SQLITE_NULL && *n < CK_MAX_MATERIALS)
            mats[(*n)++] = sqlite3_column_int(st, 1);
        rows++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, "reading the case's notices");
    return rows ? 0 : 1;
}

static const char *const notice_labels[NOTICE_KIND_COUNT] = {
    [NOTICE_ACCEPTANCE] = N_("acceptance notice"), [NOTICE_SUPPLEMENT] = N_("supplement notice"),
    [NOTICE_REJECTION] = N_("rejection notice"),   [NOTICE_DEFERRAL] = N_("deferred acceptance commitment"),
    [NOTICE_ONE_TIME] = N_("one-time notice"),
};

int desk_reprint(store *s, const desk_who *who, const char *case_id, notice_kind kind, char *err, size_t errlen)
{
    desk_case c;
    const char *name = desk_notice_name(kind);
    if (!name)
        return desk_say(err, errlen, N_("unknown notice kind"));
    if (begin(s, who, case_id, false, &c, err, errlen) != 0)
        return -1;
    int mats[CK_MAX_MATERIALS];
    size_t n;
    char deadline[DATE_STR_LEN];
    int rc = last_notice(s, c.case_id, name, mats, &n, deadline);
    if (rc < 0)
        return desk_say(err, errlen, "%s", store_errmsg(s));
    if (rc == 1)
        return desk_say(err, errlen, N_("case %s has no %s to reprint"), c.case_id, desk_tr(notice_labels[kind]));
    desk_batch *b = desk_batch_new(s, who, c.case_id, err, errlen);
    if (!b)
        return -1;
    desk_notice(b, kind, mats, n, deadline[0] ? deadline : NULL, true);
    return finish(s, b, &c, NULL, err, errlen);
}

/* ---- 首问负责: enquiries ----------------------------------------------------------------------------- */

/* The window an enquiry is handed to: an existing window other than the one asked; its code into out. */
static int referral_window(store *s, const desk_who *who, const char *to, char out[WINDOW_CODE_BUF], char *err,
                           size_t errlen)
{
    window_rec w;
    char why[STORE_ERR_LEN];
    staff_rc rc = window_get(s, to, &w, why, sizeof why);
    if (rc == STAFF_E_INPUT)
        return desk_say(err, errlen, N_("enquiry: %s is not a window code"), to);
    if (rc == STAFF_E_NOT_FOUND)
        return desk_say(err, errlen, N_("enquiry: there is no window %s to refer it to"), to);
    if (rc != STAFF_OK)
        return desk_say(err, errlen, "%s", why);
    if (strcmp(w.code, who->window) == 0)
        return desk_say(err, errlen, N_("enquiry: it cannot be referred to the window it was asked at (%s)"),
                        w.code);
    snprintf(out, WINDOW_CODE_BUF, "%s", w.code);
    return 0;
}

/* The enquiry's item, if any, as the catalogue codes it. */
static int enquiry_item(store *s, const char *item, char *out, size_t len, char *err, size_t errlen)
{
    out[0] = '\0';
    if (desk_blank(item))
        return 0;
    catalog_item it;
    int rc = catalog_get(s, item, &it, NULL);
    if (rc == 0)
        snprintf(out, len, "%s", it.code);
    catalog_item_free(&it);
    if (rc < 0)
        return desk_say(err, errlen, "%s", store_errmsg(s));
    return rc == 0 ? 0 : desk_say(err, errlen, N_("item %s is not in the catalogue"), item);
}

int desk_enquiry(store *s, const desk_who *who, const char *item, const char *question, const char *referred_to,
                 const char *applicant_name, const char *applicant_phone, char *err, size_t errlen)
{
    char code[CATALOG_CODE_MAX + 1], to[WINDOW_CODE_BUF] = "", phone[PHONE_NORM_MAX];
    if (!s)
        return desk_say(err, errlen, N_("internal error: a required argument is missing"));
    if (desk_who_check(who, err, errlen) != 0 ||
        desk_text(N_("the question"), question, DESK_REASON_MAX, true, err, errlen) != 0 ||
        desk_text(N_("the applicant's name"), applicant_name, DESK_NAME_MAX, false, err, errlen) != 0 ||
        desk_phone_norm(applicant_phone, phone, err, errlen) != 0 ||
        enquiry_item(s, item, code, sizeof code, err, errlen) != 0)
        return -1;
    if (!desk_blank(referred_to) && referral_window(s, who, referred_to, to, err, errlen) != 0)
        return -1;
    desk_batch *b = desk_batch_new(s, who, NULL, err, errlen);
    if (!b)
        return -1;
    desk_ev(b, "enquiry.logged");
    evbatch_add(&b->ev, ev_str("question", question));
    evbatch_add(&b->ev, ev_str("outcome", to[0] ? "referred" : "answered"));
    if (to[0])
        evbatch_add(&b->ev, ev_str("referred_to", to));
    if (code[0])
        evbatch_add(&b->ev, ev_str("item", code));
    if (!desk_blank(applicant_name))
        evbatch_add(&b->ev, ev_str("applicant_name", applicant_name));
    if (phone[0])
        evbatch_add(&b->ev, ev_str("applicant_phone", phone));
    int rc = desk_batch_commit(b, err, errlen);
    desk_batch_free(b);
    return rc;
}
