/* duty_leave.c - 请假/销假 (seed 003 第五章: leave without the procedure is
 * counted; the procedure is a request decided by a supervisor, and 销假 when
 * back) and leaders' on-site days (领导现场办公, seed 001 篇一) planned by a
 * supervisor; the names and labels of leave kinds and states.  The
 * projection (data/project.c) judges the same rules again: a request that
 * overlaps another, a decision by the person on leave ... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/duty_int.h"
#include "data/store_db.h"

/* ---- names ------------------------------------------------------------------------------ */

static const char *const kind_names[LEAVE_KINDS] = {"personal",  "sick",     "annual",       "marriage", "bereavement",
                                                    "maternity", "official", "compensatory", "other"};
static const char *const kind_labels[LEAVE_KINDS] = {
    N_("personal leave"),  N_("sick leave"),     N_("annual leave"),       N_("marriage leave"),
    N_("bereavement leave"), N_("maternity leave"), N_("official business"), N_("compensatory leave"),
    N_("other leave")};
static const char *const state_names[LEAVE_STATES] = {"requested", "approved", "refused", "cancelled"};
static const char *const state_labels[LEAVE_STATES] = {N_("waiting for a decision"), N_("leave approved"), N_("leave refused"),
                                                       N_("leave withdrawn")};

const char *leave_kind_name(leave_kind k)
{
    return (int)k >= 0 && k < LEAVE_KINDS ? kind_names[k] : NULL;
}

leave_kind leave_kind_from_name(const char *name)
{
    for (int i = 0; name && i < LEAVE_KINDS; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return (leave_kind)i;
    return LEAVE_KINDS;
}

const char *leave_kind_label(leave_kind k)
{
    return (int)k >= 0 && k < LEAVE_KINDS ? kind_labels[k] : N_("unknown leave");
}

const char *leave_state_label(leave_state st)
{
    return (int)st >= 0 && st < LEAVE_STATES ? state_labels[st] : N_("unknown state");
}

static leave_state state_from_name(const char *name)
{
    for (int i = 0; name && i < LEAVE_STATES; i++)
        if (strcmp(name, state_names[i]) == 0)
            return (leave_state)i;
    return LEAVE_CANCELLED;
}

/* ---- reading leave ----------------------------------------------------------------------------- */

#define LEAVE_COLUMNS                                                                                   \
    "l.leave_id, l.staff_id, coalesce(st.name, ''), l.kind, l.start_day, l.start_minute, l.end_day, "  \
    "l.end_minute, l.reason, l.state, l.ended_early, l.decided_by"
#define LEAVE_FROM " FROM leaves l LEFT JOIN staff st ON st.num = l.staff_id"
#define Q_LEAVE_ONE "SELECT " LEAVE_COLUMNS LEAVE_FROM " WHERE l.leave_id = ?1"
#define Q_LEAVE_LIST                                                                                    \
    "SELECT " LEAVE_COLUMNS LEAVE_FROM " WHERE (?1 = 0 OR l.staff_id = ?1) AND l.start_day <= ?3 "      \
    "AND l.end_day >= ?2 AND (?4 = 0 OR l.state = 'requested') ORDER BY l.start_day, l.start_minute, "   \
    "l.event_seq LIMIT ?5"
#define Q_LEAVE_OVERLAP                                                                                 \
    "SELECT start_day, end_day FROM leaves WHERE staff_id = ?1 AND state IN ('requested', 'approved') " \
    "AND (start_day, start_minute) < (?4, ?5) AND (end_day, end_minute) > (?2, ?3) ORDER BY start_day LIMIT 1"

static void copy_col(sqlite3_stmt *st, int col, char *buf, size_t len)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    snprintf(buf, len, "%s", v ? v : "");
}

static void leave_read(sqlite3_stmt *st, leave_rec *r)
{
    memset(r, 0, sizeof *r);
    copy_col(st, 0, r->id, sizeof r->id);
    r->staff = sqlite3_column_int(st, 1);
    copy_col(st, 2, r->staff_name, sizeof r->staff_name);
    r->kind = leave_kind_from_name((const char *)sqlite3_column_text(st, 3));
    if (r->kind == LEAVE_KINDS)
        r->kind = LEAVE_OTHER;
    copy_col(st, 4, r->start_day, sizeof r->start_day);
    r->start_minute = sqlite3_column_int(st, 5);
    copy_col(st, 6, r->end_day, sizeof r->end_day);
    r->end_minute = sqlite3_column_int(st, 7);
    copy_col(st, 8, r->reason, sizeof r->reason);
    r->state = state_from_name((const char *)sqlite3_column_text(st, 9));
    r->ended_early = sqlite3_column_int(st, 10) != 0;
    r->decided_by = sqlite3_column_int(st, 11);
}

/* One leave by id; 0, or -1 with the message (no such leave). */
static int leave_get(store *s, const char *id, leave_rec *r, char *err, size_t errlen)
{
    if (desk_blank(id))
        return desk_say(err, errlen, N_("no leave request was chosen"));
    sqlite3_stmt *st = store_prepare(s, Q_LEAVE_ONE);
    if (!st)
        return dutyi_store_fail(s, err, errlen);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        leave_read(st, r);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return desk_say(err, errlen, N_("no leave request %s"), id);
    if (rc != SQLITE_ROW) {
        store_fail_sql(s, "reading the leave");
        return dutyi_store_fail(s, err, errlen);
    }
    return 0;
}

int duty_leaves(store *s, staff_id staff, gdate from, gdate to, bool pending_only, leave_rec *out, int max, int *n,
                char *err, size_t errlen)
{
    *n = 0;
    if (!out || max < 1 || max > DUTY_LEAVES_MAX)
        return desk_say(err, errlen, N_("a leave list holds between 1 and %d records"), DUTY_LEAVES_MAX);
    char f[DATE_STR_LEN], t[DATE_STR_LEN];
    sqlite3_stmt *st = store_prepare(s, Q_LEAVE_LIST);
    if (!st)
        return dutyi_store_fail(s, err, errlen);
    sqlite3_bind_int64(st, 1, staff);
    sqlite3_bind_text(st, 2, date_format(from, f), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, date_format(to, t), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 4, pending_only);
    sqlite3_bind_int(st, 5, max);
    int rc = SQLITE_DONE;
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        leave_read(st, &out[(*n)++]);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    *n = 0;
    store_fail_sql(s, "listing leave");
    return dutyi_store_fail(s, err, errlen);
}

/* ---- requesting --------------------------------------------------------------------------------- */

/* A day and minute that must be real and inside the calendar's years. */
static int leave_bound(const duty_ctx *c, gdate d, int minute, char *err, size_t errlen)
{
    if (!date_valid(d.y, d.m, d.d))
        return desk_say(err, errlen, N_("the leave's days must be real dates"));
    if (minute < 0 || minute > SCHED_MINUTES_PER_DAY)
        return desk_say(err, errlen, N_("the leave's times must be between 00:00 and 24:00"));
    if (!c->who.cal)
        return desk_say(err, errlen, N_("no working-day calendar is loaded: leave cannot be planned"));
    if (!cal_has_year(c->who.cal, d.y))
        return desk_say(err, errlen, N_("the working-day calendar does not hold %d yet: leave cannot be planned into it"),
                        d.y);
    return 0;
}

/* Refused when it overlaps a requested or approved leave of the same person. */
static int no_overlap(store *s, staff_id staff, const char *from, int from_min, const char *to, int to_min,
                      char *err, size_t errlen)
{
    sqlite3_stmt *st = store_prepare(s, Q_LEAVE_OVERLAP);
    if (!st)
        return dutyi_store_fail(s, err, errlen);
    sqlite3_bind_int64(st, 1, staff);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, from_min);
    sqlite3_bind_text(st, 4, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, to_min);
    int rc = sqlite3_step(st);
    char a[DATE_STR_LEN] = "", b[DATE_STR_LEN] = "";
    if (rc == SQLITE_ROW) {
        copy_col(st, 0, a, sizeof a);
        copy_col(st, 1, b, sizeof b);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return desk_say(err, errlen, N_("this overlaps your leave from %s to %s"), a, b);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, "reading the person's leave");
        return dutyi_store_fail(s, err, errlen);
    }
    return 0;
}

int duty_leave_request(store *s, const duty_ctx *c, leave_kind kind, gdate start_day, int start_minute,
                       gdate end_day, int end_minute, const char *reason, char *id_out, char *err, size_t errlen)
{
    if (id_out)
        id_out[0] = '\0';
    if (dutyi_ctx_check(c, err, errlen) != 0)
        return -1;
    if ((int)kind < 0 || kind >= LEAVE_KINDS)
        return desk_say(err, errlen, N_("unknown kind of leave"));
    if (leave_bound(c, start_day, start_minute, err, errlen) != 0 ||
        leave_bound(c, end_day, end_minute, err, errlen) != 0 ||
        desk_text(N_("the reason"), reason, DUTY_NOTE_MAX, true, err, errlen) != 0)
        return -1;
    int cmp = date_cmp(end_day, start_day);
    if (cmp < 0 || (cmp == 0 && end_minute <= start_minute))
        return desk_say(err, errlen, N_("the leave must end after it starts"));
    char from[DATE_STR_LEN], to[DATE_STR_LEN];
    date_format(start_day, from);
    date_format(end_day, to);
    if (no_overlap(s, c->who.staff, from, start_minute, to, end_minute, err, errlen) != 0)
        return -1;
    evbatch *b = evbatch_new(s, c->who.today, err, errlen);
    if (!b)
        return -1;
    evbatch_ev(b, "leave.requested", evbatch_num(b, c->who.staff), c->who.staff);
    evbatch_add(b, ev_str("kind", kind_names[kind]));
    evbatch_add(b, ev_str("start_day", evbatch_keep(b, from)));
    evbatch_add(b, ev_int("start_minute", start_minute));
    evbatch_add(b, ev_str("end_day", evbatch_keep(b, to)));
    evbatch_add(b, ev_int("end_minute", end_minute));
    evbatch_add(b, ev_str("reason", evbatch_keep(b, reason)));
    int ret = dutyi_commit(b, err, errlen);
    if (ret == 0 && id_out)
        snprintf(id_out, UUID7_LEN + 1, "%s", b->out[0].id);
    evbatch_free(b);
    return ret;
}

/* ---- deciding and ending ------------------------------------------------------------------------ */

int duty_leave_decide(store *s, const duty_ctx *c, const char *leave_id, bool approve, const char *note,
                      char *err, size_t errlen)
{
    leave_rec r;
    if (dutyi_ctx_check(c, err, errlen) != 0 || leave_get(s, leave_id, &r, err, errlen) != 0)
        return -1;
    if (r.state != LEAVE_REQUESTED)
        return desk_say(err, errlen, N_("this leave is already decided (%s)"), desk_tr(leave_state_label(r.state)));
    if (r.staff == c->who.staff)
        return desk_say(err, errlen, N_("nobody decides their own leave: another supervisor does"));
    if (dutyi_need_supervisor(s, c->who.staff, N_("decide leave"), err, errlen) != 0 ||
        desk_text(N_("the note"), note, DUTY_NOTE_MAX, false, err, errlen) != 0)
        return -1;
    evbatch *b = evbatch_new(s, c->who.today, err, errlen);
    if (!b)
        return -1;
    evbatch_ev(b, "leave.decided", evbatch_keep(b, leave_id), c->who.staff);
    evbatch_add(b, ev_str("date", b->today));
    evbatch_add(b, ev_bool("approve", approve));
    if (!desk_blank(note))
        evbatch_add(b, ev_str("note", evbatch_keep(b, note)));
    int ret = dutyi_commit(b, err, errlen);
    evbatch_free(b);
    return ret;
}

int duty_leave_end(store *s, const duty_ctx *c, const char *leave_id, char *err, size_t errlen)
{
    leave_rec r;
    if (dutyi_ctx_check(c, err, errlen) != 0 || leave_get(s, leave_id, &r, err, errlen) != 0)
        return -1;
    if (r.state != LEAVE_REQUESTED && r.state != LEAVE_APPROVED)
        return desk_say(err, errlen, N_("this leave is closed (%s): there is nothing to end"),
                        desk_tr(leave_state_label(r.state)));
    if (r.ended_early)
        return desk_say(err, errlen, N_("this leave was already ended"));
    if (r.staff != c->who.staff &&
        dutyi_need_supervisor(s, c->who.staff, N_("end another person's leave"), err, errlen) != 0)
        return -1;
    evbatch *b = evbatch_new(s, c->who.today, err, errlen);
    if (!b)
        return -1;
    evbatch_ev(b, "leave.ended", evbatch_keep(b, leave_id), c->who.staff);
    evbatch_add(b, ev_str("date", b->today));
    evbatch_add(b, ev_int("minute", c->minute));
    int ret = dutyi_commit(b, err, errlen);
    evbatch_free(b);
    return ret;
}

/* ---- leaders' on-site days ------------------------------------------------------------------------- */

#define Q_LEADER_DAY "SELECT 1 FROM leader_days WHERE staff_id = ?1 AND day = ?2"

int duty_leader_planned(store *s, staff_id leader, gdate day, bool *planned, char *err, size_t errlen)
{
    *planned = false;
    char d[DATE_STR_LEN];
    sqlite3_stmt *st = store_prepare(s, Q_LEADER_DAY);
    if (!st)
        return dutyi_store_fail(s, err, errlen);
    sqlite3_bind_int64(st, 1, leader);
    sqlite3_bind_text(st, 2, date_format(day, d), -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    *planned = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    store_fail_sql(s, "reading the leader's days");
    return dutyi_store_fail(s, err, errlen);
}

/* The day must be a working day the calendar knows. */
static int leader_day_check(const duty_ctx *c, gdate day, char *err, size_t errlen)
{
    bool work = false;
    int missing = 0;
    if (!date_valid(day.y, day.m, day.d))
        return desk_say(err, errlen, N_("the on-site day is not a real date"));
    if (!c->who.cal)
        return desk_say(err, errlen, N_("no working-day calendar is loaded: on-site days cannot be planned"));
    cal_status st = cal_is_workday(c->who.cal, day, &work, &missing);
    if (st == CAL_NOT_LOADED)
        return desk_say(err, errlen, N_("the working-day calendar does not hold %d yet"), missing);
    if (st != CAL_OK || !work)
        return desk_say(err, errlen, N_("an on-site day must be a working day"));
    return 0;
}

int duty_leader_plan(store *s, const duty_ctx *c, staff_id leader, gdate day, char *err, size_t errlen)
{
    duty_person p;
    bool planned = false;
    if (dutyi_ctx_check(c, err, errlen) != 0 ||
        dutyi_need_supervisor(s, c->who.staff, N_("plan a leader's on-site day"), err, errlen) != 0 ||
        dutyi_person(s, leader, &p, err, errlen) != 0 || leader_day_check(c, day, err, errlen) != 0 ||
        duty_leader_planned(s, leader, day, &planned, err, errlen) != 0)
        return -1;
    if (leader == 0)
        return desk_say(err, errlen, N_("no leader was chosen"));
    char d[DATE_STR_LEN];
    date_format(day, d);
    if (planned)
        return desk_say(err, errlen, N_("%s already has an on-site day on %s"), p.name, d);
    evbatch *b = evbatch_new(s, c->who.today, err, errlen);
    if (!b)
        return -1;
    evbatch_ev(b, "leader.day_planned", evbatch_num(b, leader), c->who.staff);
    evbatch_add(b, ev_str("date", evbatch_keep(b, d)));
    int ret = dutyi_commit(b, err, errlen);
    evbatch_free(b);
    return ret;
}
