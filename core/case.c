/* case.c - the case lifecycle: the transition table per class, applying one
 * event with a verdict, and the order-independent projection of a case's
 * events.
 *
 * Sources (seed 001 = 001_fcc7b53b8a175d84.txt):
 *   篇四 (七) "所有办件均按“即办件、承诺件、上报件、退回件、补办件”等五类进行分类管理。
 *     即办件即收即办，当场办结；承诺件承诺时限，出具受理通知书；上报件网上受理后要及时上报
 *     上级部门进行审批办理；退回件及时答复，注明原因，出具退回通知书；补办件一次性明确告知
 *     需补办材料。"
 *   篇八 四(三) 1."即办件：程序简便，申报材料齐全，可当场或当天办结…对即办件必须即收即办，
 *     直接办理。" 2."退回件…对退回件能当场认定退回的，要当场退回；不能当场退回的，最迟不得
 *     超过3天退回。" 3."补办件的办理时限从服务对象补齐材料之日算起。" 4.承诺件 "需经审核、
 *     现场踏勘，应承诺在一定期限办结" 5."联办件…需3个以上主管部门审批" 6."上报件…窗口单位
 *     应向服务对象承诺上报时限，负责全过程办理。"
 *   篇四 (十)5 "容缺办理制度。即办件除外…主件齐全且符合法定形式、副件尚不完备的…先予受理
 *     事项申请，进入审查程序…如申请人在承诺期限内补齐相关副件材料后，窗口尽快办结申请"
 *   篇十三 §10(4) 受理通知书 / 补正材料通知书 / 不予受理通知书 at intake.
 *
 * Interpretations:
 *   - 上报 is a state (CASE_REFERRED), not a flag on 审查: once forwarded the
 *     case waits on another authority, the promised 上报时限 is met by the
 *     forwarding itself, and 上报件 "负责全过程办理" means the decision must
 *     come after the forwarding; as a state the table can require it (a 上报件
 *     cannot be approved from 审查 without having been forwarded).
 *   - 退回 (returned) is terminal: the case is answered with the reason; a new
 *     application is a new case.  It may happen at intake (当场退回, 主件缺少)
 *     or up to the decision (现场踏勘…不具备批准条件).  不予受理 only at intake
 *     (before acceptance).  撤回 any time before the decision.
 *   - A 容缺 case may not be approved while the deferred materials are
 *     outstanding ("补齐相关副件材料后，窗口尽快办结"); it may still be denied
 *     (the 超期处理办法 of the commitment), returned or withdrawn.
 *   - From 补正 the case is accepted only after the materials came
 *     (materials_completed): "服务对象更正后予以登记受理". */
#include "core/case.h"
#include "core/names.h"

#include <ctype.h>
#include <string.h>

#include "core/i18n.h"

/* ---- the transition table -------------------------------------------------- */

#define FROM_START CASE_STATUS_COUNT /* before the first event */

#define C_IMM (1u << CASE_CLASS_IMMEDIATE)
#define C_PROM (1u << CASE_CLASS_PROMISED)
#define C_REF (1u << CASE_CLASS_REFERRED)
#define C_JOINT (1u << CASE_CLASS_JOINT)
#define C_ALL (C_IMM | C_PROM | C_REF | C_JOINT)
#define C_NOT_IMM (C_PROM | C_REF | C_JOINT)

/* A condition on the state beyond its status. */
typedef enum {
    G_NONE = 0,
    G_AWAITING,         /* 补正 materials not yet arrived */
    G_MATERIALS_IN,     /* 补正 materials arrived */
    G_DEFERRED_OPEN,    /* 容缺 materials outstanding */
    G_DEFERRED_CLOSED,  /* no 容缺 materials outstanding */
} guard;

typedef struct {
    int from;              /* a case_status, or FROM_START */
    case_event_type ev;
    case_status to;
    unsigned classes;      /* classes that may take this transition */
    guard g;
} transition;

static const transition table[] = {
    /* Every case starts with 收件. */
    {FROM_START, CASE_EV_RECEIVED, CASE_RECEIVED, C_ALL, G_NONE},

    /* Intake (篇十三 §10(4)): accept, 补正, 不予受理; 退回 on the spot when it can be
     * decided there (篇八 四(三)2 "能当场认定退回的，要当场退回"); 容缺 not for 即办件 (篇四 (十)5). */
    {CASE_RECEIVED, CASE_EV_SUPPLEMENT_REQUESTED, CASE_SUPPLEMENT, C_ALL, G_NONE},
    {CASE_RECEIVED, CASE_EV_ACCEPTED, CASE_ACCEPTED, C_ALL, G_NONE},
    {CASE_RECEIVED, CASE_EV_ACCEPTED_DEFERRED, CASE_DEFERRED, C_NOT_IMM, G_NONE},
    {CASE_RECEIVED, CASE_EV_REJECTED, CASE_REJECTED, C_ALL, G_NONE},
    {CASE_RECEIVED, CASE_EV_RETURNED, CASE_RETURNED, C_ALL, G_NONE},
    {CASE_RECEIVED, CASE_EV_WITHDRAWN, CASE_WITHDRAWN, C_ALL, G_NONE},

    /* 补正: a further notice is allowed here (the checklist flags a 一次性告知 breach);
     * accepted once the materials came (篇八 四(三)3: the clock restarts that day). */
    {CASE_SUPPLEMENT, CASE_EV_SUPPLEMENT_REQUESTED, CASE_SUPPLEMENT, C_ALL, G_NONE},
    {CASE_SUPPLEMENT, CASE_EV_MATERIALS_COMPLETED, CASE_SUPPLEMENT, C_ALL, G_AWAITING},
    {CASE_SUPPLEMENT, CASE_EV_ACCEPTED, CASE_ACCEPTED, C_ALL, G_MATERIALS_IN},
    {CASE_SUPPLEMENT, CASE_EV_ACCEPTED_DEFERRED, CASE_DEFERRED, C_NOT_IMM, G_MATERIALS_IN},
    {CASE_SUPPLEMENT, CASE_EV_REJECTED, CASE_REJECTED, C_ALL, G_NONE},
    {CASE_SUPPLEMENT, CASE_EV_RETURNED, CASE_RETURNED, C_ALL, G_NONE},
    {CASE_SUPPLEMENT, CASE_EV_WITHDRAWN, CASE_WITHDRAWN, C_ALL, G_NONE},

    /* 容缺受理 (篇四 (十)5): "先予受理…进入审查程序"; the deferred materials may
     * arrive before or during review; 上报件 may be forwarded meanwhile. */
    {CASE_DEFERRED, CASE_EV_MATERIALS_COMPLETED, CASE_ACCEPTED, C_NOT_IMM, G_DEFERRED_OPEN},
    {CASE_DEFERRED, CASE_EV_REVIEW_STARTED, CASE_IN_REVIEW, C_NOT_IMM, G_NONE},
    {CASE_DEFERRED, CASE_EV_REFERRED, CASE_REFERRED, C_REF, G_NONE},
    {CASE_DEFERRED, CASE_EV_RETURNED, CASE_RETURNED, C_NOT_IMM, G_NONE},
    {CASE_DEFERRED, CASE_EV_WITHDRAWN, CASE_WITHDRAWN, C_NOT_IMM, G_NONE},

    /* Accepted.  即办件 "即收即办，直接办理": decided at once, no review stage.
     * 承诺件 / 联办件 are reviewed ("需经审核、现场踏勘"; 联审会议).  上报件 "网上受理后
     * 要及时上报" (篇四 (七)), possibly after the window's own review. */
    {CASE_ACCEPTED, CASE_EV_APPROVED, CASE_APPROVED, C_IMM, G_NONE},
    {CASE_ACCEPTED, CASE_EV_DENIED, CASE_DENIED, C_IMM, G_NONE},
    {CASE_ACCEPTED, CASE_EV_REVIEW_STARTED, CASE_IN_REVIEW, C_NOT_IMM, G_NONE},
    {CASE_ACCEPTED, CASE_EV_REFERRED, CASE_REFERRED, C_REF, G_NONE},
    {CASE_ACCEPTED, CASE_EV_RETURNED, CASE_RETURNED, C_ALL, G_NONE},
    {CASE_ACCEPTED, CASE_EV_WITHDRAWN, CASE_WITHDRAWN, C_ALL, G_NONE},

    /* 审查.  退回 after inspection: "经现场踏勘、调查、核实，不具备批准条件的" (篇八 四(三)2).
     * A 容缺 case is approved only after "补齐相关副件材料" (篇四 (十)5). */
    {CASE_IN_REVIEW, CASE_EV_MATERIALS_COMPLETED, CASE_IN_REVIEW, C_NOT_IMM, G_DEFERRED_OPEN},
    {CASE_IN_REVIEW, CASE_EV_REFERRED, CASE_REFERRED, C_REF, G_NONE},
    {CASE_IN_REVIEW, CASE_EV_APPROVED, CASE_APPROVED, C_PROM | C_JOINT, G_DEFERRED_CLOSED},
    {CASE_IN_REVIEW, CASE_EV_DENIED, CASE_DENIED, C_PROM | C_JOINT, G_NONE},
    {CASE_IN_REVIEW, CASE_EV_RETURNED, CASE_RETURNED, C_NOT_IMM, G_NONE},
    {CASE_IN_REVIEW, CASE_EV_WITHDRAWN, CASE_WITHDRAWN, C_NOT_IMM, G_NONE},

    /* 上报: the higher level decides; the window "负责全过程办理" (篇八 四(三)6). */
    {CASE_REFERRED, CASE_EV_MATERIALS_COMPLETED, CASE_REFERRED, C_REF, G_DEFERRED_OPEN},
    {CASE_REFERRED, CASE_EV_APPROVED, CASE_APPROVED, C_REF, G_DEFERRED_CLOSED},
    {CASE_REFERRED, CASE_EV_DENIED, CASE_DENIED, C_REF, G_NONE},
    {CASE_REFERRED, CASE_EV_RETURNED, CASE_RETURNED, C_REF, G_NONE},
    {CASE_REFERRED, CASE_EV_WITHDRAWN, CASE_WITHDRAWN, C_REF, G_NONE},

    /* The decision is handed over (出件), then filed (归档). */
    {CASE_APPROVED, CASE_EV_DELIVERED, CASE_DELIVERED, C_ALL, G_NONE},
    {CASE_DENIED, CASE_EV_DELIVERED, CASE_DELIVERED, C_ALL, G_NONE},
    {CASE_DELIVERED, CASE_EV_ARCHIVED, CASE_ARCHIVED, C_ALL, G_NONE},
};

#define NTRANSITIONS (sizeof table / sizeof table[0])

/* Forward order.  容缺 ranks below 受理 so that the deferred materials' arrival
 * moves a deferred case on to plain 受理; 准予 and 不予许可 share a rank (one
 * decision); the terminal exits rank last. */
static const int rank_of[CASE_STATUS_COUNT] = {
    [CASE_RECEIVED] = 0, [CASE_SUPPLEMENT] = 1, [CASE_DEFERRED] = 2,  [CASE_ACCEPTED] = 3,
    [CASE_IN_REVIEW] = 4, [CASE_REFERRED] = 5,  [CASE_APPROVED] = 6,  [CASE_DENIED] = 6,
    [CASE_DELIVERED] = 7, [CASE_ARCHIVED] = 8,  [CASE_REJECTED] = 9,  [CASE_RETURNED] = 9,
    [CASE_WITHDRAWN] = 9,
};

/* The status each status report from the centre stands for, as an event. */
static const case_event_type event_for_status[CASE_STATUS_COUNT] = {
    [CASE_RECEIVED] = CASE_EV_RECEIVED,       [CASE_SUPPLEMENT] = CASE_EV_SUPPLEMENT_REQUESTED,
    [CASE_DEFERRED] = CASE_EV_ACCEPTED_DEFERRED, [CASE_ACCEPTED] = CASE_EV_ACCEPTED,
    [CASE_IN_REVIEW] = CASE_EV_REVIEW_STARTED, [CASE_REFERRED] = CASE_EV_REFERRED,
    [CASE_APPROVED] = CASE_EV_APPROVED,       [CASE_DENIED] = CASE_EV_DENIED,
    [CASE_DELIVERED] = CASE_EV_DELIVERED,     [CASE_ARCHIVED] = CASE_EV_ARCHIVED,
    [CASE_REJECTED] = CASE_EV_REJECTED,       [CASE_RETURNED] = CASE_EV_RETURNED,
    [CASE_WITHDRAWN] = CASE_EV_WITHDRAWN,
};

static bool status_ok(case_status s)
{
    return (int)s >= 0 && s < CASE_STATUS_COUNT;
}

static bool class_ok(case_class c)
{
    return (int)c >= 0 && c < CASE_CLASS_COUNT;
}

static bool type_ok(case_event_type t)
{
    return (int)t >= 0 && t < CASE_EV_TYPE_COUNT;
}

static int from_rank(int from)
{
    return from == FROM_START ? -1 : rank_of[from];
}

int case_status_rank(case_status s)
{
    return status_ok(s) ? rank_of[s] : -1;
}

bool case_status_is_terminal(case_status s)
{
    return s == CASE_ARCHIVED || s == CASE_REJECTED || s == CASE_RETURNED || s == CASE_WITHDRAWN;
}

bool case_class_allows(case_class cls, case_event_type type)
{
    if (!class_ok(cls) || !type_ok(type))
        return false;
    if (type == CASE_EV_STATUS_FROM_CENTRE)
        return true; /* judged by the status it reports */
    for (size_t i = 0; i < NTRANSITIONS; i++)
        if (table[i].ev == type && (table[i].classes & (1u << cls)))
            return true;
    return false;
}

bool case_verdict_is_out_of_order(case_verdict v)
{
    return v == CASE_V_NOT_FORWARD || v == CASE_V_SKIPPED_STEP || v == CASE_V_MATERIALS_PENDING ||
           v == CASE_V_NOTHING_PENDING || v == CASE_V_DATE_BACKWARDS;
}

/* ---- event ids (UUIDv7) ---------------------------------------------------- */

bool case_event_id_valid(const char *id)
{
    if (!id)
        return false;
    for (int i = 0; i < CASE_EVENT_ID_LEN; i++) {
        unsigned char ch = (unsigned char)id[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (ch != '-')
                return false;
        } else if (!isxdigit(ch)) {
            return false; /* also stops at a NUL before 36 characters */
        }
    }
    if (id[CASE_EVENT_ID_LEN] != '\0')
        return false;
    /* RFC 9562: version nibble 7, variant bits 10xx. */
    return id[14] == '7' && strchr("89abAB", id[19]) != NULL;
}

int case_event_id_cmp(const char *a, const char *b)
{
    for (int i = 0; i <= CASE_EVENT_ID_LEN; i++) {
        int ca = tolower((unsigned char)a[i]);
        int cb = tolower((unsigned char)b[i]);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca == '\0')
            return 0;
    }
    return 0;
}

/* ---- checking and applying one event --------------------------------------- */

void case_init(case_state *st, case_class cls)
{
    memset(st, 0, sizeof *st);
    st->cls = cls;
    st->status = CASE_RECEIVED;
}

/* The event type an event stands for (a centre report becomes the matching event). */
static case_event_type effective_type(const case_event *ev)
{
    if (ev->type == CASE_EV_STATUS_FROM_CENTRE)
        return event_for_status[ev->target];
    return ev->type;
}

static bool event_well_formed(const case_event *ev)
{
    if (!case_event_id_valid(ev->id) || !type_ok(ev->type))
        return false;
    if (ev->type == CASE_EV_STATUS_FROM_CENTRE && !status_ok(ev->target))
        return false;
    return date_valid(ev->date.y, ev->date.m, ev->date.d);
}

static bool already_applied(const case_state *st, const char *id)
{
    for (size_t i = 0; i < st->napplied; i++)
        if (case_event_id_cmp(st->applied[i], id) == 0)
            return true;
    return false;
}

static const transition *find_transition(int from, case_event_type ev, case_class cls)
{
    for (size_t i = 0; i < NTRANSITIONS; i++)
        if (table[i].from == from && table[i].ev == ev && (table[i].classes & (1u << cls)))
            return &table[i];
    return NULL;
}

/* No transition from `from`: the step either lies behind the case (some
 * transition for it starts at a lower rank) or ahead of it. */
static case_verdict missing_transition(int from, case_event_type ev, case_class cls)
{
    if (ev == CASE_EV_MATERIALS_COMPLETED)
        return CASE_V_NOTHING_PENDING; /* every state with materials outstanding has a row */
    for (size_t i = 0; i < NTRANSITIONS; i++)
        if (table[i].ev == ev && (table[i].classes & (1u << cls)) &&
            from_rank(table[i].from) < from_rank(from))
            return CASE_V_NOT_FORWARD;
    return CASE_V_SKIPPED_STEP;
}

static case_verdict guard_verdict(guard g, const case_state *st)
{
    switch (g) {
    case G_AWAITING:
        return st->awaiting_materials ? CASE_V_APPLIED : CASE_V_NOTHING_PENDING;
    case G_MATERIALS_IN:
        return st->awaiting_materials ? CASE_V_MATERIALS_PENDING : CASE_V_APPLIED;
    case G_DEFERRED_OPEN:
        return st->deferred_open ? CASE_V_APPLIED : CASE_V_NOTHING_PENDING;
    case G_DEFERRED_CLOSED:
        return st->deferred_open ? CASE_V_MATERIALS_PENDING : CASE_V_APPLIED;
    case G_NONE:
    default:
        return CASE_V_APPLIED;
    }
}

/* The verdict, and on success the transition to take. */
static case_verdict judge(const case_state *st, const case_event *ev, const transition **out)
{
    *out = NULL;
    if (!st || !ev || !class_ok(st->cls) || !event_well_formed(ev))
        return CASE_V_INVALID;
    if (already_applied(st, ev->id))
        return CASE_V_DUPLICATE;
    if (st->started && case_status_is_terminal(st->status))
        return CASE_V_AFTER_TERMINAL;
    case_event_type type = effective_type(ev);
    if (!case_class_allows(st->cls, type))
        return CASE_V_ILLEGAL_FOR_CLASS;
    int from = st->started ? (int)st->status : FROM_START;
    const transition *t = find_transition(from, type, st->cls);
    if (!t)
        return missing_transition(from, type, st->cls);
    case_verdict v = guard_verdict(t->g, st);
    if (v != CASE_V_APPLIED)
        return v;
    if (st->started && date_cmp(ev->date, st->last_date) < 0)
        return CASE_V_DATE_BACKWARDS;
    if (st->napplied >= CASE_MAX_EVENTS)
        return CASE_V_FULL;
    *out = t;
    return CASE_V_APPLIED;
}

case_verdict case_check(const case_state *st, const case_event *ev)
{
    const transition *t;
    return judge(st, ev, &t);
}

/* 当场办结: a 即办件 decided on the day it was received, without a 补正 round
 * (篇四 (七) "即办件即收即办，当场办结"). */
static bool concluded_at_first_visit(const case_state *st)
{
    return st->cls == CASE_CLASS_IMMEDIATE && st->supplements == 0 &&
           date_cmp(st->concluded, st->received) == 0;
}

static void record_materials(case_state *st, gdate d)
{
    if (st->status == CASE_SUPPLEMENT) {
        /* 补办件 "办理时限从服务对象补齐材料之日算起" (篇八 四(三)3) */
        st->awaiting_materials = false;
        st->clock_restart = d;
        st->has_clock_restart = true;
    } else {
        st->deferred_open = false;
        st->deferred_completed = d;
        st->has_deferred_completed = true;
    }
}

/* What an applied event records besides the new status. */
static void record(case_state *st, case_event_type type, gdate d)
{
    switch (type) {
    case CASE_EV_RECEIVED:
        st->started = true;
        st->received = d;
        break;
    case CASE_EV_SUPPLEMENT_REQUESTED:
        st->supplements++;
        st->awaiting_materials = true;
        break;
    case CASE_EV_MATERIALS_COMPLETED:
        record_materials(st, d);
        break;
    case CASE_EV_ACCEPTED_DEFERRED: /* a 容缺 case is accepted that day */
        st->deferred = true;
        st->deferred_open = true;
        st->accepted = d;
        st->has_accepted = true;
        break;
    case CASE_EV_ACCEPTED:
        st->accepted = d;
        st->has_accepted = true;
        break;
    case CASE_EV_APPROVED:
    case CASE_EV_DENIED:
        st->concluded = d;
        st->has_concluded = true;
        st->first_visit = concluded_at_first_visit(st);
        break;
    case CASE_EV_DELIVERED:
        st->delivered = d;
        st->has_delivered = true;
        break;
    default:
        break;
    }
}

case_verdict case_apply(case_state *st, const case_event *ev)
{
    const transition *t;
    case_verdict v = judge(st, ev, &t);
    if (v != CASE_V_APPLIED)
        return v;
    record(st, effective_type(ev), ev->date);
    st->status = t->to;
    if (case_status_is_terminal(st->status)) {
        st->ended = ev->date;
        st->has_ended = true;
    }
    st->last_date = ev->date;
    memcpy(st->applied[st->napplied], ev->id, CASE_EVENT_ID_LEN);
    st->applied[st->napplied][CASE_EVENT_ID_LEN] = '\0';
    st->napplied++;
    return CASE_V_APPLIED;
}

/* ---- projection -------------------------------------------------------------- */

/* Order of two events for the projection: by id (UUIDv7 = creation order),
 * then by type, date and target so that even malformed duplicates have one
 * order whatever the arrival order. */
static int event_order(const case_event *a, const case_event *b)
{
    char ia[CASE_EVENT_ID_LEN + 1], ib[CASE_EVENT_ID_LEN + 1];
    memcpy(ia, a->id, sizeof ia);
    memcpy(ib, b->id, sizeof ib);
    ia[CASE_EVENT_ID_LEN] = ib[CASE_EVENT_ID_LEN] = '\0';
    int c = case_event_id_cmp(ia, ib);
    if (c != 0)
        return c;
    if (a->type != b->type)
        return (int)a->type < (int)b->type ? -1 : 1;
    c = date_cmp(a->date, b->date);
    if (c != 0)
        return c;
    if (a->target != b->target)
        return (int)a->target < (int)b->target ? -1 : 1;
    return 0;
}

/* Insertion sort of indexes (n <= CASE_MAX_EVENTS); ties keep input order. */
static void sort_indexes(const case_event *events, size_t n, size_t *idx)
{
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (size_t i = 1; i < n; i++) {
        size_t cur = idx[i];
        size_t j = i;
        while (j > 0 && event_order(&events[idx[j - 1]], &events[cur]) > 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = cur;
    }
}

case_project_status case_project(case_class cls, const case_event *events, size_t n, case_state *out,
                                 case_verdict *verdicts)
{
    if (!out || (n > 0 && (!events || !verdicts)))
        return CASE_P_NULL;
    if (!class_ok(cls))
        return CASE_P_BAD_CLASS;
    if (n > CASE_MAX_EVENTS)
        return CASE_P_TOO_MANY;
    size_t idx[CASE_MAX_EVENTS];
    sort_indexes(events, n, idx);
    case_init(out, cls);
    for (size_t i = 0; i < n; i++)
        verdicts[idx[i]] = case_apply(out, &events[idx[i]]);
    return CASE_P_OK;
}

/* ---- names ------------------------------------------------------------------- */

static const char *const status_names[CASE_STATUS_COUNT] = {
    [CASE_RECEIVED] = "received",   [CASE_SUPPLEMENT] = "supplement", [CASE_DEFERRED] = "deferred",
    [CASE_ACCEPTED] = "accepted",   [CASE_IN_REVIEW] = "in_review",   [CASE_REFERRED] = "referred",
    [CASE_APPROVED] = "approved",   [CASE_DENIED] = "denied",         [CASE_DELIVERED] = "delivered",
    [CASE_ARCHIVED] = "archived",   [CASE_REJECTED] = "rejected",     [CASE_RETURNED] = "returned",
    [CASE_WITHDRAWN] = "withdrawn",
};

static const char *const status_labels[CASE_STATUS_COUNT] = {
    [CASE_RECEIVED] = N_("received"),
    [CASE_SUPPLEMENT] = N_("waiting for supplementary materials"),
    [CASE_DEFERRED] = N_("accepted, materials deferred"),
    [CASE_ACCEPTED] = N_("accepted"),
    [CASE_IN_REVIEW] = N_("in review"),
    [CASE_REFERRED] = N_("referred to the higher level"),
    [CASE_APPROVED] = N_("approved"),
    [CASE_DENIED] = N_("denied"),
    [CASE_DELIVERED] = N_("delivered"),
    [CASE_ARCHIVED] = N_("archived"),
    [CASE_REJECTED] = N_("not accepted"),
    [CASE_RETURNED] = N_("returned"),
    [CASE_WITHDRAWN] = N_("withdrawn"),
};

static const char *const class_names[CASE_CLASS_COUNT] = {
    [CASE_CLASS_IMMEDIATE] = "immediate", [CASE_CLASS_PROMISED] = "promised",
    [CASE_CLASS_REFERRED] = "referred",   [CASE_CLASS_JOINT] = "joint",
};

static const char *const class_labels[CASE_CLASS_COUNT] = {
    [CASE_CLASS_IMMEDIATE] = N_("immediate case"),
    [CASE_CLASS_PROMISED] = N_("promised case"),
    [CASE_CLASS_REFERRED] = N_("referred case"),
    [CASE_CLASS_JOINT] = N_("joint case"),
};

static const char *const type_names[CASE_EV_TYPE_COUNT] = {
    [CASE_EV_RECEIVED] = "received",
    [CASE_EV_SUPPLEMENT_REQUESTED] = "supplement_requested",
    [CASE_EV_MATERIALS_COMPLETED] = "materials_completed",
    [CASE_EV_ACCEPTED] = "accepted",
    [CASE_EV_ACCEPTED_DEFERRED] = "accepted_deferred",
    [CASE_EV_REVIEW_STARTED] = "review_started",
    [CASE_EV_REFERRED] = "referred",
    [CASE_EV_APPROVED] = "approved",
    [CASE_EV_DENIED] = "denied",
    [CASE_EV_DELIVERED] = "delivered",
    [CASE_EV_ARCHIVED] = "archived",
    [CASE_EV_REJECTED] = "rejected",
    [CASE_EV_RETURNED] = "returned",
    [CASE_EV_WITHDRAWN] = "withdrawn",
    [CASE_EV_STATUS_FROM_CENTRE] = "status_from_centre",
};

const char *case_status_name(case_status s)
{
    return status_ok(s) ? status_names[s] : NULL;
}

case_status case_status_from_name(const char *name)
{
    return (case_status)names_index(status_names, CASE_STATUS_COUNT, name);
}

const char *case_status_label(case_status s)
{
    return status_ok(s) ? status_labels[s] : N_("unknown case status");
}

const char *case_class_name(case_class c)
{
    return class_ok(c) ? class_names[c] : NULL;
}

case_class case_class_from_name(const char *name)
{
    return (case_class)names_index(class_names, CASE_CLASS_COUNT, name);
}

const char *case_class_label(case_class c)
{
    return class_ok(c) ? class_labels[c] : N_("unknown case class");
}

const char *case_event_type_name(case_event_type t)
{
    return type_ok(t) ? type_names[t] : NULL;
}

case_event_type case_event_type_from_name(const char *name)
{
    return (case_event_type)names_index(type_names, CASE_EV_TYPE_COUNT, name);
}

const char *case_verdict_reason(case_verdict v)
{
    switch (v) {
    case CASE_V_APPLIED:
        return N_("event applied");
    case CASE_V_INVALID:
        return N_("malformed event: the id is not a UUIDv7, or the type, status or date is invalid");
    case CASE_V_DUPLICATE:
        return N_("an event with this id has already been applied to the case");
    case CASE_V_AFTER_TERMINAL:
        return N_("the case is closed (not accepted, returned, withdrawn or archived) and takes no further event");
    case CASE_V_ILLEGAL_FOR_CLASS:
        return N_("this step is not allowed for the case's class (an immediate case is never deferred, "
                  "reviewed over days or referred; only a referred case is forwarded)");
    case CASE_V_NOT_FORWARD:
        return N_("out of order: the case has already gone past this step");
    case CASE_V_SKIPPED_STEP:
        return N_("out of order: a required earlier step has not happened yet");
    case CASE_V_MATERIALS_PENDING:
        return N_("out of order: the supplementary or deferred materials have not arrived yet");
    case CASE_V_NOTHING_PENDING:
        return N_("out of order: no materials were outstanding for this case");
    case CASE_V_DATE_BACKWARDS:
        return N_("out of order: the event is dated before the case's previous step");
    case CASE_V_FULL:
        return N_("the case holds too many events");
    case CASE_VERDICT_COUNT:
    default:
        return N_("unknown verdict");
    }
}
