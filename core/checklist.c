/* checklist.c - intake decisions from the materials checklist, the 补正 and
 * 容缺 notice lists, the 不予受理 check and the 一次性告知 rule.
 *
 * Sources (seed 001 = 001_fcc7b53b8a175d84.txt, seed 003 = 003_51cc051314803ff3.txt):
 *   seed 001 篇十三 §10(4) "对申请材料齐全且符合法定形式的，应当场登记受理…对不能当场补齐或
 *     更正的申请事项，应出具《补正材料通知书》，一次性告知需要补正的全部内容…对于不予受理的
 *     事项，应说明理由和依据，并出具《不予受理通知书》"
 *   行政许可法 第三十二条(四) "申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次
 *     告知申请人需要补正的全部内容"
 *   seed 001 篇四 (十)5 "容缺办理制度。即办件除外，…若必要的申请材料(主件)齐全且符合法定
 *     形式、其他申请材料(副件)尚不完备的，服务窗口一次性告知需补正、补齐的材料以及补齐的
 *     时限、超期处理办法，并由申请人签署《容缺受理申请承诺书》"
 *   seed 003 第五章 [执行公开办事制度…] (二) "对本部门受理事项未实行一次性告知造成服务对象
 *     往返跑路的，每次扣1分"
 *
 * Reading of 退回件 (seed 001 篇八 四(三)2 "申报材料主件缺少的…均属退回件") against
 * 补办件 (四(三)3 "申报材料中已有主体但未带来的…均属补办件"): the checklist cannot
 * tell whether the applicant has the missing 主件 at home or cannot have it.
 * A missing essential material therefore opens 补正 (the applicant may bring
 * it); when the clerk finds it cannot be had, the case is returned through the
 * lifecycle (CASE_EV_RETURNED from 收件).  n_essential_missing lets the screen
 * offer that choice.  A missing 主件 always closes 容缺. */
#include "core/checklist.h"

#include <string.h>

#include "core/i18n.h"

/* ---- input checks ------------------------------------------------------------ */

static bool blank(const char *s)
{
    if (!s)
        return true;
    while (*s) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            s++;
        } else if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) {
            s += 3; /* U+3000 IDEOGRAPHIC SPACE, the full-width space of Chinese input methods */
        } else {
            return false;
        }
    }
    return true;
}

static ck_status check_material(const ck_material *mats, size_t i)
{
    const ck_material *m = &mats[i];
    if ((int)m->kind < 0 || m->kind >= CK_KIND_COUNT)
        return CK_E_KIND;
    if (m->index < 1)
        return CK_E_INDEX;
    for (size_t j = 0; j < i; j++)
        if (mats[j].index == m->index)
            return CK_E_DUP_INDEX;
    if (blank(m->name))
        return CK_E_NAME;
    /* 容缺 defers only 副件: "主件齐全且符合法定形式" (篇四 (十)5) */
    if (m->kind == CK_ESSENTIAL && m->deferrable)
        return CK_E_ESSENTIAL_DEFERRABLE;
    return CK_OK;
}

static ck_status check_entry(const ck_entry *e)
{
    if ((int)e->status < 0 || e->status >= CK_PRESENCE_COUNT)
        return CK_E_STATUS;
    /* the 补正 notice must say what to correct ("需要补正的全部内容") */
    if (e->status == CK_DEFECTIVE && blank(e->note))
        return CK_E_NOTE;
    return CK_OK;
}

static ck_status check_input(const ck_material *mats, size_t nmats, const ck_entry *entries, size_t nentries,
                             case_class cls, size_t *bad)
{
    if (nmats == 0)
        return CK_E_NO_MATERIALS;
    if (nmats > CK_MAX_MATERIALS)
        return CK_E_TOO_MANY;
    if (nentries != nmats)
        return CK_E_LENGTH;
    if ((int)cls < 0 || cls >= CASE_CLASS_COUNT)
        return CK_E_CLASS;
    for (size_t i = 0; i < nmats; i++) {
        ck_status st = check_material(mats, i);
        if (st == CK_OK)
            st = check_entry(&entries[i]);
        if (st != CK_OK) {
            *bad = i;
            return st;
        }
    }
    return CK_OK;
}

/* ---- the decision ------------------------------------------------------------ */

static void set_outcome(ck_decision *d, ck_outcome o, ck_why why, int index)
{
    d->allowed[o] = why == CK_WHY_ALLOWED;
    d->why[o] = why;
    d->why_index[o] = index;
}

/* Every missing or defective material, in the guide's order: the 补正 notice
 * names them all at once (一次性告知, 行政许可法 第三十二条(四)). */
static void list_problems(const ck_material *mats, const ck_entry *entries, size_t n, ck_decision *d)
{
    for (size_t i = 0; i < n; i++) {
        ck_presence p = entries[i].status;
        if (p == CK_PRESENT)
            continue;
        bool essential = mats[i].kind == CK_ESSENTIAL;
        d->n_missing += p == CK_MISSING;
        d->n_defective += p == CK_DEFECTIVE;
        d->n_essential_missing += essential && p == CK_MISSING;
        d->n_essential_defective += essential && p == CK_DEFECTIVE;
        ck_line *l = &d->supplement[d->nsupplement++];
        l->index = mats[i].index;
        l->name = mats[i].name;
        l->kind = mats[i].kind;
        l->status = p;
        l->note = entries[i].note ? entries[i].note : "";
    }
}

/* 受理: "申请材料齐全且符合法定形式的，应当场登记受理" (篇十三 §10(4)). */
static void decide_accept(ck_decision *d)
{
    if (d->nsupplement == 0) {
        set_outcome(d, CK_ACCEPT, CK_WHY_ALLOWED, 0);
        return;
    }
    const ck_line *first = &d->supplement[0];
    set_outcome(d, CK_ACCEPT, first->status == CK_MISSING ? CK_WHY_MISSING : CK_WHY_DEFECTIVE, first->index);
}

/* The first essential material on the notice, or NULL. */
static const ck_line *first_essential(const ck_decision *d)
{
    for (size_t i = 0; i < d->nsupplement; i++)
        if (d->supplement[i].kind == CK_ESSENTIAL)
            return &d->supplement[i];
    return NULL;
}

/* The first material on the notice the guide does not let 容缺 defer, or NULL. */
static const ck_line *first_not_deferrable(const ck_decision *d, const ck_material *mats, size_t n)
{
    for (size_t i = 0; i < d->nsupplement; i++)
        for (size_t j = 0; j < n; j++)
            if (mats[j].index == d->supplement[i].index && !mats[j].deferrable)
                return &d->supplement[i];
    return NULL;
}

/* 容缺受理 (篇四 (十)5): not for 即办件; every 主件 present and in legal form;
 * some 副件 outstanding; each outstanding one deferrable by the guide. */
static void decide_defer(ck_decision *d, const ck_material *mats, size_t n, case_class cls)
{
    if (cls == CASE_CLASS_IMMEDIATE) {
        set_outcome(d, CK_DEFER, CK_WHY_IMMEDIATE, 0);
        return;
    }
    const ck_line *ess = first_essential(d);
    if (ess) {
        set_outcome(d, CK_DEFER, ess->status == CK_MISSING ? CK_WHY_ESSENTIAL_MISSING : CK_WHY_ESSENTIAL_DEFECTIVE,
                    ess->index);
        return;
    }
    if (d->nsupplement == 0) {
        set_outcome(d, CK_DEFER, CK_WHY_NOTHING_OUTSTANDING, 0);
        return;
    }
    const ck_line *fixed = first_not_deferrable(d, mats, n);
    if (fixed) {
        set_outcome(d, CK_DEFER, CK_WHY_NOT_DEFERRABLE, fixed->index);
        return;
    }
    set_outcome(d, CK_DEFER, CK_WHY_ALLOWED, 0);
}

ck_status ck_decide(const ck_material *mats, size_t nmats, const ck_entry *entries, size_t nentries,
                    case_class cls, ck_decision *out)
{
    if (!out)
        return CK_E_NULL;
    memset(out, 0, sizeof *out);
    if ((nmats > 0 && !mats) || (nentries > 0 && !entries))
        return CK_E_NULL;
    ck_status st = check_input(mats, nmats, entries, nentries, cls, &out->bad);
    if (st != CK_OK)
        return st;
    list_problems(mats, entries, nmats, out);
    decide_accept(out);
    decide_defer(out, mats, nmats, cls);
    /* 补正 when something is missing or not in legal form (篇十三 §10(4)) */
    set_outcome(out, CK_SUPPLEMENT, out->nsupplement > 0 ? CK_WHY_ALLOWED : CK_WHY_NOTHING_OUTSTANDING, 0);
    /* 不予受理 is always open, with reason and basis (ck_reject_check) */
    set_outcome(out, CK_REJECT, CK_WHY_ALLOWED, 0);
    return CK_OK;
}

/* ---- notices and checks ------------------------------------------------------ */

ck_status ck_deferral_notice(const ck_decision *d, gdate today, gdate deadline, ck_deferral *out)
{
    if (!d || !out)
        return CK_E_NULL;
    memset(out, 0, sizeof *out);
    if (!d->allowed[CK_DEFER])
        return CK_E_NOT_DEFERRABLE;
    if (!date_valid(deadline.y, deadline.m, deadline.d) || !date_valid(today.y, today.m, today.d))
        return CK_E_DEADLINE;
    /* "补齐的时限": a day still to come */
    if (date_cmp(deadline, today) <= 0)
        return CK_E_DEADLINE_PAST;
    memcpy(out->lines, d->supplement, d->nsupplement * sizeof d->supplement[0]);
    out->nlines = d->nsupplement;
    out->deadline = deadline;
    return CK_OK;
}

ck_status ck_reject_check(const char *reason, const char *basis)
{
    /* "对于不予受理的事项，应说明理由和依据" (篇十三 §10(4)) */
    if (blank(reason))
        return CK_E_REJECT_REASON;
    if (blank(basis))
        return CK_E_REJECT_BASIS;
    return CK_OK;
}

static bool contains(const int *list, size_t n, int v)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return true;
    return false;
}

ck_status ck_one_time_violations(const int *first, size_t nfirst, const int *later, size_t nlater, int *out,
                                 size_t cap, size_t *nout)
{
    if (!nout || (nfirst > 0 && !first) || (nlater > 0 && !later) || (cap > 0 && !out))
        return CK_E_NULL;
    size_t count = 0;
    for (size_t i = 0; i < nlater; i++) {
        int v = later[i];
        /* named the first time (still missing or still defective): no breach */
        if (contains(first, nfirst, v) || contains(later, i, v))
            continue;
        if (count < cap)
            out[count] = v;
        count++;
    }
    *nout = count;
    return count > cap ? CK_E_CAPACITY : CK_OK;
}

/* ---- messages ------------------------------------------------------------------ */

const char *ck_why_reason(ck_why w)
{
    switch (w) {
    case CK_WHY_ALLOWED:
        return N_("allowed");
    case CK_WHY_MISSING:
        return N_("material no. %d is missing");
    case CK_WHY_DEFECTIVE:
        return N_("material no. %d is not in legal form");
    case CK_WHY_IMMEDIATE:
        return N_("deferred acceptance is not allowed for immediate cases");
    case CK_WHY_ESSENTIAL_MISSING:
        return N_("essential material no. %d is missing: deferred acceptance needs every essential material");
    case CK_WHY_ESSENTIAL_DEFECTIVE:
        return N_("essential material no. %d is not in legal form: deferred acceptance needs every essential "
                  "material in legal form");
    case CK_WHY_NOT_DEFERRABLE:
        return N_("material no. %d may not be deferred under the item's guide");
    case CK_WHY_NOTHING_OUTSTANDING:
        return N_("every material is present and in legal form: accept the application");
    case CK_WHY_COUNT:
    default:
        return N_("unknown reason");
    }
}

bool ck_why_names_material(ck_why w)
{
    return w == CK_WHY_MISSING || w == CK_WHY_DEFECTIVE || w == CK_WHY_ESSENTIAL_MISSING ||
           w == CK_WHY_ESSENTIAL_DEFECTIVE || w == CK_WHY_NOT_DEFERRABLE;
}

const char *ck_status_reason(ck_status st)
{
    switch (st) {
    case CK_OK:
        return N_("ok");
    case CK_E_NULL:
        return N_("internal error: a required argument is missing");
    case CK_E_NO_MATERIALS:
        return N_("the item lists no required material");
    case CK_E_TOO_MANY:
        return N_("the item lists more materials than the checklist can hold");
    case CK_E_LENGTH:
        return N_("the checklist does not have exactly one entry per required material");
    case CK_E_CLASS:
        return N_("unknown case class");
    case CK_E_KIND:
        return N_("a material is neither essential nor auxiliary");
    case CK_E_INDEX:
        return N_("a material's number must be 1 or more");
    case CK_E_DUP_INDEX:
        return N_("two materials of the item have the same number");
    case CK_E_NAME:
        return N_("a material has no name");
    case CK_E_ESSENTIAL_DEFERRABLE:
        return N_("an essential material is marked deferrable: only auxiliary materials may be deferred");
    case CK_E_STATUS:
        return N_("a checklist entry is neither present, missing nor defective");
    case CK_E_NOTE:
        return N_("a defective material needs a note saying what must be corrected");
    case CK_E_NOT_DEFERRABLE:
        return N_("deferred acceptance is not allowed for this checklist");
    case CK_E_DEADLINE:
        return N_("the deadline for the deferred materials is not a real date");
    case CK_E_DEADLINE_PAST:
        return N_("the deadline for the deferred materials must be after today");
    case CK_E_REJECT_REASON:
        return N_("a refusal to accept must state the reason");
    case CK_E_REJECT_BASIS:
        return N_("a refusal to accept must state its legal basis");
    case CK_E_CAPACITY:
        return N_("internal error: the output list is too small");
    case CK_STATUS_COUNT:
    default:
        return N_("unknown checklist error");
    }
}

const char *ck_outcome_name(ck_outcome o)
{
    switch (o) {
    case CK_ACCEPT:
        return "accept";
    case CK_DEFER:
        return "defer";
    case CK_SUPPLEMENT:
        return "supplement";
    case CK_REJECT:
        return "reject";
    case CK_OUTCOME_COUNT:
    default:
        return NULL;
    }
}

const char *ck_outcome_label(ck_outcome o)
{
    switch (o) {
    case CK_ACCEPT:
        return N_("accept");
    case CK_DEFER:
        return N_("accept with deferred materials");
    case CK_SUPPLEMENT:
        return N_("ask for supplementary materials");
    case CK_REJECT:
        return N_("refuse to accept");
    case CK_OUTCOME_COUNT:
    default:
        return N_("unknown outcome");
    }
}
