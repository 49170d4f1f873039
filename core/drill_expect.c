/* drill_expect.c - what the rules expect of the trainee for one simulated
 * applicant: the intake outcome core/checklist.h's ck_decide allows for the
 * materials actually handed over, the materials the notice must name, the
 * due date the caller computed, and whether the form's ID number is a trap.
 *
 * Sources (seed 001 = 001_fcc7b53b8a175d84.txt):
 *   seed 001 篇十三 §10(4) "对申请材料齐全且符合法定形式的，应当场登记受理…对不能当场补齐或
 *     更正的申请事项，应出具《补正材料通知书》，一次性告知需要补正的全部内容，并积极推行
 *     容缺受理；对于不予受理的事项，应说明理由和依据" -> ACCEPT when complete; else 容缺 when
 *     it is open; else 补正 naming every missing and defective material; REJECT when the
 *     request itself cannot be accepted (the scenario's `ineligible`).
 *   seed 001 篇四 (十)5 "容缺办理制度。即办件除外，…若必要的申请材料(主件)齐全且符合法定形式、
 *     其他申请材料(副件)尚不完备的，服务窗口一次性告知需补正、补齐的材料以及补齐的时限…
 *     承办窗口先予受理事项申请" -> when ck_decide opens 容缺 (only deferrable 副件
 *     outstanding, not a 即办件) the seed wants it rather than a 补正 that sends the applicant
 *     away; the 容缺 notice's lines are what it must name.
 *   seed 001 篇四 (十)2 一次性告知制 -> the named list is complete (every problem at once).
 *   seed 001 篇四 (十)3 限时办结制 -> an accepted 承诺件 carries its promised date (the caller
 *     computes it with core/deadline on the calendar and passes it in). */
#include "core/drill.h"

#include <string.h>

/* The presence of material `index` as handed over, with the applicant's words as the note. */
static ck_status entry_for(const drill_applicant *a, int index, ck_entry *e)
{
    e->status = CK_MISSING;
    e->note = NULL;
    for (size_t i = 0; i < a->nbrought; i++) {
        const drill_brought *b = &a->brought[i];
        if (b->index != index)
            continue;
        if (b->status != CK_PRESENT && b->status != CK_DEFECTIVE)
            return CK_E_STATUS;
        e->status = b->status;
        /* a defective material needs a note (ck_decide): the applicant's description,
         * or a plain one when the scenario gave none */
        e->note = b->said[0] ? b->said : "not in legal form";
        return CK_OK;
    }
    return CK_OK;
}

/* True when some material of the item has this index. */
static bool item_has(const ck_material *mats, size_t nmats, int index)
{
    for (size_t i = 0; i < nmats; i++)
        if (mats[i].index == index)
            return true;
    return false;
}

/* The checklist entries for the item's materials, one per material, in the item's order. */
static ck_status build_entries(const drill_applicant *a, const ck_material *mats, size_t nmats, ck_entry *entries)
{
    if (a->nbrought > CK_MAX_MATERIALS)
        return CK_E_TOO_MANY;
    for (size_t i = 0; i < a->nbrought; i++)
        if (!item_has(mats, nmats, a->brought[i].index))
            return CK_E_INDEX; /* a material the item does not list */
    for (size_t i = 0; i < nmats; i++) {
        ck_status st = entry_for(a, mats[i].index, &entries[i]);
        if (st != CK_OK)
            return st;
    }
    return CK_OK;
}

/* The outcome the rules expect, in the order of the contract: refuse, accept, defer, supplement. */
static ck_outcome expected_outcome(const drill_applicant *a, const ck_decision *d)
{
    if (a->ineligible)
        return CK_REJECT;
    if (d->allowed[CK_ACCEPT])
        return CK_ACCEPT;
    if (d->allowed[CK_DEFER])
        return CK_DEFER;
    return CK_SUPPLEMENT;
}

static void sort_ascending(int *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* The materials the notice must name: the 补正 list, or the 容缺 notice's lines. */
static ck_status named_for(ck_outcome o, const ck_decision *d, drill_expect *x)
{
    const ck_line *lines = d->supplement;
    size_t n = d->nsupplement;
    ck_deferral notice;
    if (o == CK_DEFER) {
        /* the dates do not matter here: only the notice's lines are read */
        gdate today = {2000, 1, 1}, later = {2000, 1, 2};
        ck_status st = ck_deferral_notice(d, today, later, &notice);
        if (st != CK_OK)
            return st;
        lines = notice.lines;
        n = notice.nlines;
    } else if (o != CK_SUPPLEMENT) {
        n = 0;
    }
    for (size_t i = 0; i < n; i++)
        x->named[i] = lines[i].index;
    x->nnamed = n;
    sort_ascending(x->named, x->nnamed);
    return CK_OK;
}

ck_status drill_expect_for(const drill_applicant *a, const ck_material *mats, size_t nmats, case_class cls,
                           bool has_due, gdate due, drill_expect *out)
{
    if (!a || !out || (nmats > 0 && !mats))
        return CK_E_NULL;
    if (nmats > CK_MAX_MATERIALS)
        return CK_E_TOO_MANY;
    ck_entry entries[CK_MAX_MATERIALS];
    ck_status st = build_entries(a, mats, nmats, entries);
    if (st != CK_OK)
        return st;
    ck_decision d;
    st = ck_decide(mats, nmats, entries, nmats, cls, &d);
    if (st != CK_OK)
        return st;

    drill_expect x;
    memset(&x, 0, sizeof x);
    x.outcome = expected_outcome(a, &d);
    st = named_for(x.outcome, &d, &x);
    if (st != CK_OK)
        return st;
    /* a due date only for a case actually accepted (容缺 included: 先予受理) */
    if (has_due && (x.outcome == CK_ACCEPT || x.outcome == CK_DEFER)) {
        if (!date_valid(due.y, due.m, due.d))
            return CK_E_DEADLINE;
        x.has_due = true;
        x.due = due;
    }
    /* the number written on the form differs from the card: record the card's */
    x.id_trap = a->id_form[0] != '\0' && strcmp(a->id_form, a->id_card) != 0;
    *out = x;
    return CK_OK;
}
