/* demo_case.c - one synthetic case as a clerk would record it: the events of
 * its path, in order, with the dates a real case would have, appended to the
 * seeder's batch.  The paths (per mille of cases):
 *
 *   即办件   不予受理 15, withdrawn 10, 补正 120, else accepted; decided,
 *            delivered and usually evaluated the same day.
 *   others   不予受理 25, withdrawn 10, 补正 140, 容缺 110 (when the item has a
 *            deferrable material), else accepted; reviewed (承诺件, 联办件)
 *            or forwarded (上报件), decided mostly within the promised
 *            working days (7 % late), 2 % returned after review, 4 % denied.
 *   补正     a supplement notice listing all 1-2 materials missing or
 *            defective (一次性告知); 6 % never come back; the others bring
 *            them 1-8 working days later and the case is accepted that day
 *            (the clock restarts, core/deadline.h).
 *   容缺     the deferral notice with a deadline of 10 working days; the
 *            material arrives during review, or (5 %) never, and the case
 *            is denied the day after the deadline.
 * After the decision: delivered 0-3 working days later, evaluated there by
 * 80 % of applicants, archived 5-20 working days later by half of them.
 * A step that would fall after `today` is not recorded: the case stays open
 * where it is. */
#include "data/demo_int.h"

#include <string.h>

#include "core/deadline.h"
#include "data/store_db.h"

/* ---- building events ------------------------------------------------------------- */

/* Copy text into the current event's room; NULL (and the batch failed) when it does not fit. */
static const char *keep(demo_batch *b, const char *v)
{
    size_t i = b->n - 1, n = strlen(v);
    if (b->used[i] + n + 1 > DEMO_TEXT) {
        b->failed = store_fail(b->s, "demo: an event's text does not fit (%zu bytes)", n);
        return NULL;
    }
    char *at = b->text[i] + b->used[i];
    memcpy(at, v, n + 1);
    b->used[i] += n + 1;
    return at;
}

static void add(demo_batch *b, ev_field f)
{
    event_in *in = &b->in[b->n - 1];
    if (b->failed)
        return;
    if (in->nfields == DEMO_FIELDS) {
        b->failed = store_fail(b->s, "demo: too many fields in a %s event", in->type);
        return;
    }
    b->f[b->n - 1][in->nfields++] = f;
}

/* A text that lives as long as the seed (item data, literals). */
static void f_static(demo_batch *b, const char *key, const char *v)
{
    add(b, ev_str(key, v));
}

static void f_copy(demo_batch *b, const char *key, const char *v)
{
    const char *k = keep(b, v);
    if (k)
        add(b, ev_str(key, k));
}

static void f_date(demo_batch *b, const char *key, gdate d)
{
    char buf[DATE_STR_LEN];
    f_copy(b, key, date_format(d, buf));
}

static void f_ints(demo_batch *b, const char *key, const int *v, int n)
{
    int64_t *dst = b->ints[b->n - 1];
    for (int i = 0; i < n && i < DEMO_INTS; i++)
        dst[i] = v[i];
    add(b, ev_ints(key, dst, (size_t)(n < DEMO_INTS ? n : DEMO_INTS)));
}

/* ---- one case's timeline --------------------------------------------------------------- */

typedef struct {
    demo_batch *b;
    const demo_case *c;
    demo_rng *r;
    bool stopped; /* a step fell after today: nothing more is recorded */
} run;

#define FAR_FUTURE ((gdate){9999, 12, 31})

/* The k-th working day after d; a day far in the future when the calendar does not reach it. */
static gdate wd(const run *x, gdate d, int k)
{
    gdate out;
    return cal_add_workdays(x->c->cal, d, k, &out, NULL) == CAL_OK ? out : FAR_FUTURE;
}

static gdate later(gdate a, gdate b)
{
    return date_cmp(a, b) >= 0 ? a : b;
}

/* Start an event dated d: false (and the case stops) when d is after today or the batch failed. */
static bool begin(run *x, const char *type, gdate d, int32_t staff)
{
    demo_batch *b = x->b;
    if (x->stopped || b->failed || date_cmp(d, x->c->today) > 0) {
        x->stopped = true;
        return false;
    }
    if (b->n == EVENT_BATCH_MAX && demo_flush(b) != 0)
        return false;
    size_t i = b->n++;
    b->used[i] = 0;
    b->in[i] = (event_in){type, NULL, staff, b->f[i], 0};
    b->in[i].subject = keep(b, x->c->number);
    f_date(b, "date", d);
    return !b->failed;
}

/* The due date of the promised limit from `accepted` (a 补办件 counts from the day its materials came). */
static bool due_of(const run *x, gdate accepted, bool supplemented, gdate *due)
{
    dl_case dc = {.accepted = accepted, .limit = x->c->item->promised, .supplemented = supplemented,
                  .materials_complete = accepted};
    int missing = 0;
    return dl_due(x->c->cal, &dc, due, &missing) == DL_OK;
}

static void notice(run *x, gdate d, const char *kind)
{
    if (begin(x, "notice.issued", d, x->c->clerk))
        f_static(x->b, "kind", kind);
}

static void material(run *x, gdate d, const demo_material *m, const char *status, const char *note)
{
    if (!begin(x, "material.checked", d, x->c->clerk))
        return;
    f_static(x->b, "name", m->name);
    add(x->b, ev_int("index", m->n));
    f_static(x->b, "kind", m->kind == CK_ESSENTIAL ? "essential" : "auxiliary");
    f_static(x->b, "status", status);
    if (m->deferrable)
        add(x->b, ev_bool("deferrable", true));
    if (note)
        f_static(x->b, "note", note);
}

/* ---- after the decision ------------------------------------------------------------------ */

static const char *const ratings[] = {"very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
                                      "very_dissatisfied"};
static const int rating_per_mille[] = {820, 130, 30, 15, 5};
static const char *const good_comments[] = {"办事效率高", "窗口工作人员态度很好", "一次就办好了", "材料一次性告知清楚"};
static const char *const bad_comments[] = {"等待时间较长", "来回跑了两趟", "窗口人员解释不够耐心"};

static void evaluate(run *x, gdate d)
{
    if (!demo_chance(x->r, 800) || !begin(x, "evaluation.given", d, x->c->clerk))
        return;
    int v = demo_below(x->r, 1000), k = 0;
    while (k < 4 && (v -= rating_per_mille[k]) >= 0)
        k++;
    f_static(x->b, "rating", ratings[k]);
    if (k >= 3) {
        f_static(x->b, "comment", bad_comments[demo_below(x->r, 3)]);
        /* 差评整改 (issue 8): a bad rating opens a follow-up due 5 working days later, as data/supervise.c
         * sv_rating_fields writes it; demo applicants give their ID number, so the review is real-name */
        f_date(x->b, "followup_due", wd(x, d, 5));
        add(x->b, ev_bool("real_name", true));
    }
    else if (demo_chance(x->r, 150))
        f_static(x->b, "comment", good_comments[demo_below(x->r, 4)]);
}

static void deliver(run *x, gdate decided)
{
    gdate l = x->c->item->cls == CASE_CLASS_IMMEDIATE ? decided : wd(x, decided, demo_between(x->r, 0, 3));
    if (!begin(x, "case.delivered", l, x->c->clerk))
        return;
    evaluate(x, l);
    if (demo_chance(x->r, 500))
        begin(x, "case.archived", wd(x, l, demo_between(x->r, 5, 20)), x->c->clerk);
}

/* The decision day of a reviewed case accepted on a: mostly within the promised days. */
static gdate decision_day(run *x, gdate a)
{
    int limit = x->c->item->promised > 0 ? x->c->item->promised : 1;
    int k = demo_chance(x->r, 930) ? demo_between(x->r, 1, limit) : limit + demo_between(x->r, 1, 6);
    return wd(x, a, k);
}

static const char *const return_reasons[] = {"经现场踏勘，不具备批准条件", "经调查核实，申请材料与实际情况不符"};

/* 承诺件 / 联办件 after acceptance on a (reviewed from review_day): returned, denied or approved on d. */
static void decide_reviewed(run *x, gdate d)
{
    if (demo_chance(x->r, 20)) {
        if (begin(x, "case.returned", d, x->c->approver))
            f_static(x->b, "reason", return_reasons[demo_below(x->r, 2)]);
        notice(x, d, "return");
        return;
    }
    if (begin(x, demo_chance(x->r, 40) ? "case.denied" : "case.approved", d, x->c->approver))
        deliver(x, d);
}

/* 上报件: the higher level's decision, reported by the centre, on d. */
static void decide_by_centre(run *x, gdate d)
{
    if (!begin(x, "case.status_from_centre", d, x->c->clerk))
        return;
    f_static(x->b, "target", demo_chance(x->r, 40) ? "denied" : "approved");
    deliver(x, d);
}

/* ---- the paths ------------------------------------------------------------------------------ */

/* Accepted on a (for a 补办件, the day the materials came). */
static void accept(run *x, gdate a, bool supplemented)
{
    const demo_item *it = x->c->item;
    gdate due;
    if (!begin(x, "case.accepted", a, x->c->clerk))
        return;
    if (due_of(x, a, supplemented, &due))
        f_date(x->b, "due", due);
    if (it->cls == CASE_CLASS_IMMEDIATE) {
        if (begin(x, demo_chance(x->r, 20) ? "case.denied" : "case.approved", a, x->c->clerk))
            deliver(x, a);
        return;
    }
    notice(x, a, "acceptance");
    if (it->cls == CASE_CLASS_REFERRED) {
        gdate f = wd(x, a, demo_between(x->r, 0, it->promised));
        if (begin(x, "case.referred", f, x->c->clerk))
            decide_by_centre(x, wd(x, f, demo_between(x->r, 3, 25)));
        return;
    }
    gdate v = wd(x, a, 1);
    if (begin(x, "case.review_started", v, x->c->approver))
        decide_reviewed(x, later(decision_day(x, a), v));
}

static const char *const defects[] = {"复印件不清晰", "缺少申请人签字", "证件已过有效期", "未加盖公章"};

/* 补正: materials missing or defective, one notice listing them all, then (mostly) accepted. */
static void supplement(run *x)
{
    const demo_item *it = x->c->item;
    gdate r = x->c->received;
    int pick[2], n = it->nmats > 1 && demo_chance(x->r, 300) ? 2 : 1;
    pick[0] = demo_below(x->r, it->nmats);
    pick[1] = (pick[0] + 1 + demo_below(x->r, it->nmats > 1 ? it->nmats - 1 : 1)) % it->nmats;
    int numbers[2] = {it->mats[pick[0]].n, it->mats[pick[1]].n};
    for (int i = 0; i < it->nmats; i++) {
        bool listed = i == pick[0] || (n == 2 && i == pick[1]);
        bool defective = listed && demo_chance(x->r, 350);
        material(x, r, &it->mats[i], !listed ? "present" : defective ? "defective" : "missing",
                 defective ? defects[demo_below(x->r, 4)] : NULL);
    }
    begin(x, "case.supplement_requested", r, x->c->clerk);
    if (begin(x, "notice.issued", r, x->c->clerk)) {
        f_static(x->b, "kind", "supplement");
        f_ints(x->b, "materials", numbers, n);
    }
    if (demo_chance(x->r, 60))
        return; /* the applicant never came back */
    gdate c = wd(x, r, demo_between(x->r, 1, 8));
    for (int i = 0; i < n; i++)
        material(x, c, &it->mats[pick[i]], "present", NULL);
    if (begin(x, "case.materials_completed", c, x->c->clerk))
        accept(x, c, true);
}

/* 容缺受理: the deferrable material missing, accepted under commitment, brought during review. */
static void defer(run *x)
{
    const demo_item *it = x->c->item;
    const demo_material *m = &it->mats[it->deferrable];
    gdate r = x->c->received, due, deadline = wd(x, r, 10);
    if (date_cmp(deadline, FAR_FUTURE) == 0)
        deadline = date_add_days(r, 14);
    for (int i = 0; i < it->nmats; i++)
        material(x, r, &it->mats[i], i == it->deferrable ? "missing" : "present", NULL);
    if (!begin(x, "case.accepted_deferred", r, x->c->clerk))
        return;
    f_date(x->b, "deadline", deadline);
    if (due_of(x, r, false, &due))
        f_date(x->b, "due", due);
    if (begin(x, "notice.issued", r, x->c->clerk)) {
        f_static(x->b, "kind", "deferral");
        f_ints(x->b, "materials", &m->n, 1);
        f_date(x->b, "deadline", deadline);
    }
    bool referred = it->cls == CASE_CLASS_REFERRED;
    gdate step = referred ? wd(x, r, demo_between(x->r, 0, it->promised)) : wd(x, r, 1);
    if (!begin(x, referred ? "case.referred" : "case.review_started", step, referred ? x->c->clerk : x->c->approver))
        return;
    if (demo_chance(x->r, 50)) { /* the commitment was not kept: denied after the deadline */
        if (begin(x, "case.denied", later(wd(x, deadline, 1), step), x->c->approver))
            deliver(x, later(wd(x, deadline, 1), step));
        return;
    }
    gdate got = later(wd(x, r, demo_between(x->r, 1, 9)), step);
    material(x, got, m, "present", NULL);
    if (!begin(x, "case.materials_completed", got, x->c->clerk))
        return;
    if (referred)
        decide_by_centre(x, later(wd(x, step, demo_between(x->r, 3, 25)), got));
    else
        decide_reviewed(x, later(decision_day(x, r), got));
}

static const char *const reject_reasons[] = {
    "申请事项依法不属于本机关职权范围，已告知申请人向有关行政机关申请",
    "申请人不符合本事项规定的申请条件",
    "申请材料存在虚假内容",
};

/* 不予受理 with reason and legal basis, and its notice. */
static void reject(run *x)
{
    gdate r = x->c->received;
    int k = demo_below(x->r, 3);
    static const char *const bases[] = {
        "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        NULL, /* the item's own basis */
        "《中华人民共和国行政许可法》第三十一条",
    };
    for (int i = 0; i < x->c->item->nmats; i++)
        material(x, r, &x->c->item->mats[i], "present", NULL);
    if (!begin(x, "case.rejected", r, x->c->clerk))
        return;
    f_static(x->b, "reason", reject_reasons[k]);
    f_static(x->b, "basis", bases[k] ? bases[k] : x->c->item->basis);
    notice(x, r, "rejection");
    if (demo_chance(x->r, 300))
        evaluate(x, r);
}

static void withdraw(run *x)
{
    for (int i = 0; i < x->c->item->nmats; i++)
        material(x, x->c->received, &x->c->item->mats[i], "present", NULL);
    if (begin(x, "case.withdrawn", wd(x, x->c->received, demo_between(x->r, 0, 2)), x->c->clerk))
        f_static(x->b, "reason", "申请人主动撤回申请");
}

static void received(run *x)
{
    const demo_case *c = x->c;
    if (!begin(x, "case.received", c->received, c->clerk))
        return;
    f_static(x->b, "item", c->item->code);
    f_static(x->b, "class", case_class_name(c->item->cls));
    f_copy(x->b, "applicant_name", c->who->name);
    f_copy(x->b, "applicant_id", c->who->id);
    if (c->who->phone[0])
        f_copy(x->b, "applicant_phone", c->who->phone);
    f_static(x->b, "window", c->item->window);
}

int demo_case_emit(demo_batch *b, const demo_case *c, demo_rng *r)
{
    run x = {b, c, r, false};
    bool immediate = c->item->cls == CASE_CLASS_IMMEDIATE;
    int v = demo_below(r, 1000);
    received(&x);
    if (c->item->nmats > 0 && v < 15 + (immediate ? 0 : 10)) {
        reject(&x);
    } else if (v < 25 + (immediate ? 0 : 10)) {
        withdraw(&x);
    } else if (c->item->nmats > 0 && v < 145 + (immediate ? 0 : 30)) {
        supplement(&x);
    } else if (!immediate && c->item->deferrable >= 0 && v < 285) {
        defer(&x);
    } else {
        for (int i = 0; i < c->item->nmats; i++)
            material(&x, c->received, &c->item->mats[i], "present", NULL);
        accept(&x, c->received, false);
    }
    return b->failed ? -1 : 0;
}
