/* desk_intake.c - 收件 at the window: the checklist decision, recording an
 * intake (the case, every material as checked, the outcome and its notice),
 * and the applicant's return with 补正 materials.
 *
 * Rules (seed 001 = 001_fcc7b53b8a175d84.txt):
 *   - 篇十三 §10(4): materials complete and in legal form -> 受理 with the
 *     受理通知书; missing or not in legal form -> 补正材料通知书 naming ALL that
 *     must be corrected at once (一次性告知); 不予受理 with reason and legal basis.
 *   - 篇四 (七) / 篇八 四(三)1: a 即办件 is "即收即办，当场办结": accepted and
 *     approved on the spot, no acceptance notice, no promised date.
 *   - 篇四 (十)5: 容缺受理 never for a 即办件; essential materials complete;
 *     the notice lists the auxiliary ones outstanding and their deadline.
 *   - 篇八 四(三)3: for a 补办件 the limit counts from the day the materials are
 *     complete, so the promised date of a resumed case counts from that day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/desk_int.h"
#include "data/store_db.h"

int desk_decide(store *s, const char *item, const ck_entry *entries, size_t n, ck_decision *out, case_class *cls,
                char *err, size_t errlen)
{
    desk_check c;
    if (!s || !out)
        return desk_say(err, errlen, N_("internal error: a required argument is missing"));
    int rc = desk_check_run(s, item, CASE_CLASS_COUNT, entries, n, &c, err, errlen);
    if (rc == 0) {
        *out = c.d;
        for (size_t i = 0; i < out->nsupplement; i++)
            out->supplement[i].name = NULL; /* freed with the item below */
        if (cls)
            *cls = c.item.cls;
    }
    desk_check_free(&c);
    return rc;
}

/* The outcome must be one ck_decide allows: else the reason, naming the material. */
static int outcome_allowed(const ck_decision *d, ck_outcome o, char *err, size_t errlen)
{
    if ((int)o < 0 || o >= CK_OUTCOME_COUNT)
        return desk_say(err, errlen, N_("unknown intake outcome"));
    if (d->allowed[o])
        return 0;
    char why[256];
    if (ck_why_names_material(d->why[o]))
        snprintf(why, sizeof why, desk_tr(ck_why_reason(d->why[o])), d->why_index[o]);
    else
        snprintf(why, sizeof why, "%s", desk_tr(ck_why_reason(d->why[o])));
    return desk_say(err, errlen, N_("%s is not possible: %s"), desk_tr(ck_outcome_label(o)), why);
}

/* 不予受理: "应说明理由和依据" (篇十三 §10(4)). */
static int reject_ok(const desk_intake *in, char *err, size_t errlen)
{
    ck_status st = ck_reject_check(in->reject_reason, in->reject_basis);
    if (st == CK_E_REJECT_REASON)
        return desk_say(err, errlen, N_("reject: a reason is required"));
    if (st == CK_E_REJECT_BASIS)
        return desk_say(err, errlen, N_("reject: a legal basis is required"));
    if (desk_text(N_("the reason for not accepting"), in->reject_reason, DESK_REASON_MAX, true, err, errlen) != 0)
        return -1;
    return desk_text(N_("the legal basis"), in->reject_basis, DESK_REASON_MAX, true, err, errlen);
}

/* Every material as the clerk checked it. */
static void materials(desk_batch *b, const desk_check *c, const ck_entry *entries)
{
    for (size_t i = 0; i < c->n; i++)
        desk_material(b, c->ck[i].index, c->ck[i].name, c->ck[i].kind, c->ck[i].deferrable, entries[i].status,
                      entries[i].note);
}

static void notice_lines(desk_batch *b, notice_kind kind, const ck_line *lines, size_t n, const char *deadline)
{
    int idx[CK_MAX_MATERIALS];
    for (size_t i = 0; i < n && i < CK_MAX_MATERIALS; i++)
        idx[i] = lines[i].index;
    desk_notice(b, kind, idx, n, deadline, false);
}

/* 受理 today: the promised date (none for a 即办件, concluded on the spot), the acceptance notice. */
static void accept(desk_batch *b, case_class cls, const char *due)
{
    desk_ev(b, "case.accepted");
    if (due[0])
        evbatch_add(&b->ev, ev_str("due", due));
    if (cls == CASE_CLASS_IMMEDIATE)
        desk_ev(b, "case.approved"); /* 即收即办，当场办结 */
    else
        desk_notice(b, NOTICE_ACCEPTANCE, NULL, 0, NULL, false);
}

/* 补正: every missing or defective material on one notice (一次性告知). */
static void supplement(desk_batch *b, const ck_decision *d)
{
    desk_ev(b, "case.supplement_requested");
    notice_lines(b, NOTICE_SUPPLEMENT, d->supplement, d->nsupplement, NULL);
}

/* What the intake computes before anything is recorded. */
typedef struct {
    desk_person who;
    desk_check c;
    ck_deferral def;
    char due[DATE_STR_LEN];
    char deadline[DATE_STR_LEN];
    char number[CASENUM_LEN];
} intake_plan;

static int plan_intake(store *s, const desk_who *who, const desk_intake *in, intake_plan *p, char *err,
                       size_t errlen)
{
    if (desk_case_number(in->case_id, p->number, err, errlen) != 0 ||
        desk_applicant_norm(&in->applicant, who->today, &p->who, err, errlen) != 0)
        return -1;
    int taken = store_exists(s, "SELECT 1 FROM cases WHERE case_id = ?1", p->number, "reading a case");
    if (taken != 0)
        return taken < 0 ? desk_say(err, errlen, "%s", store_errmsg(s))
                         : desk_say(err, errlen, N_("case %s is already recorded"), p->number);
    if (desk_check_run(s, in->item, CASE_CLASS_COUNT, in->entries, in->nentries, &p->c, err, errlen) != 0 ||
        outcome_allowed(&p->c.d, in->outcome, err, errlen) != 0)
        return -1;
    bool immediate = p->c.item.cls == CASE_CLASS_IMMEDIATE;
    if (in->outcome == CK_REJECT)
        return reject_ok(in, err, errlen);
    if (in->outcome == CK_DEFER) {
        ck_status st = ck_deferral_notice(&p->c.d, who->today, in->defer_deadline, &p->def);
        if (st != CK_OK)
            return desk_say(err, errlen, N_("deferred acceptance: %s"), desk_tr(ck_status_reason(st)));
        date_format(in->defer_deadline, p->deadline);
    }
    if ((in->outcome == CK_ACCEPT || in->outcome == CK_DEFER) && !immediate)
        return desk_due(who, p->c.item.promised_days, p->due, err, errlen);
    return 0;
}

static void received(desk_batch *b, const desk_intake *in, const intake_plan *p)
{
    desk_ev(b, "case.received");
    evbatch_add(&b->ev, ev_str("item", p->c.item.code));
    evbatch_add(&b->ev, ev_str("class", case_class_name(p->c.item.cls)));
    evbatch_add(&b->ev, ev_str("applicant_name", p->who.name));
    evbatch_add(&b->ev, ev_str("applicant_kind", in->applicant.organisation ? "organisation" : "person"));
    if (in->applicant.organisation)
        evbatch_add(&b->ev, ev_str("legal_rep", p->who.legal_rep));
    if (p->who.id[0])
        evbatch_add(&b->ev, ev_str("applicant_id", p->who.id));
    if (p->who.id_invalid)
        evbatch_add(&b->ev, ev_str("id_override", in->applicant.id_override));
    if (p->who.phone[0])
        evbatch_add(&b->ev, ev_str("applicant_phone", p->who.phone));
    if (p->due[0])
        evbatch_add(&b->ev, ev_str("due", p->due));
}

static void decision(desk_batch *b, const desk_intake *in, const intake_plan *p)
{
    switch (in->outcome) {
    case CK_ACCEPT:
        accept(b, p->c.item.cls, p->due);
        break;
    case CK_DEFER:
        desk_ev(b, "case.accepted_deferred");
        evbatch_add(&b->ev, ev_str("deadline", p->deadline));
        if (p->due[0])
            evbatch_add(&b->ev, ev_str("due", p->due));
        notice_lines(b, NOTICE_DEFERRAL, p->def.lines, p->def.nlines, p->deadline);
        break;
    case CK_SUPPLEMENT:
        supplement(b, &p->c.d);
        break;
    case CK_REJECT:
    default:
        desk_ev(b, "case.rejected");
        evbatch_add(&b->ev, ev_str("reason", in->reject_reason));
        evbatch_add(&b->ev, ev_str("basis", in->reject_basis));
        desk_notice(b, NOTICE_REJECTION, NULL, 0, NULL, false);
        break;
    }
}

int desk_receive(store *s, const desk_who *who, const desk_intake *in, desk_result *out, char *err,
                 size_t errlen)
{
    if (!s || !in || !out)
        return desk_say(err, errlen, N_("internal error: a required argument is missing"));
    if (desk_who_check(who, err, errlen) != 0)
        return -1;
    intake_plan *p = calloc(1, sizeof *p);
    if (!p)
        return desk_say(err, errlen, N_("out of memory"));
    desk_batch *b = NULL;
    int rc = plan_intake(s, who, in, p, err, errlen);
    if (rc == 0 && !(b = desk_batch_new(s, who, p->number, err, errlen)))
        rc = -1;
    if (rc == 0) {
        received(b, in, p);
        materials(b, &p->c, in->entries);
        decision(b, in, p);
        rc = desk_batch_commit(b, err, errlen);
    }
    if (rc == 0)
        rc = desk_result_fill(s, b, p->number, out, err, errlen);
    desk_batch_free(b);
    desk_check_free(&p->c);
    free(p);
    return rc;
}

/* ---- the applicant comes back with 补正 materials ------------------------------------------ */

int desk_resume(store *s, const desk_who *who, const char *case_id, const ck_entry *entries, size_t n,
                desk_result *out, char *err, size_t errlen)
{
    desk_case cs;
    if (!s || !out)
        return desk_say(err, errlen, N_("internal error: a required argument is missing"));
    if (desk_who_check(who, err, errlen) != 0 || desk_case_read(s, case_id, &cs, err, errlen) != 0 ||
        desk_case_open(&cs, err, errlen) != 0)
        return -1;
    if (cs.status != CASE_SUPPLEMENT)
        return desk_say(err, errlen, N_("case %s is %s: no supplementary materials are awaited"), cs.case_id,
                        desk_tr(case_status_label(cs.status)));
    desk_check *c = calloc(1, sizeof *c);
    if (!c)
        return desk_say(err, errlen, N_("out of memory"));
    desk_batch *b = NULL;
    char due[DATE_STR_LEN] = "";
    bool complete = false, immediate = cs.cls == CASE_CLASS_IMMEDIATE;
    int rc = desk_check_run(s, cs.item, cs.cls, entries, n, c, err, errlen);
    if (rc == 0) {
        complete = c->d.nsupplement == 0;
        if (complete && !immediate)
            rc = desk_due(who, c->item.promised_days, due, err, errlen);
    }
    if (rc == 0 && !(b = desk_batch_new(s, who, cs.case_id, err, errlen)))
        rc = -1;
    if (rc == 0) {
        materials(b, c, entries);
        if (complete) {
            desk_ev(b, "case.materials_completed"); /* the clock starts today (篇八 四(三)3) */
            accept(b, cs.cls, due);
        } else {
            supplement(b, &c->d);
        }
        rc = desk_batch_commit(b, err, errlen);
    }
    if (rc == 0)
        rc = desk_result_fill(s, b, cs.case_id, out, err, errlen);
    desk_batch_free(b);
    desk_check_free(c);
    free(c);
    return rc;
}
