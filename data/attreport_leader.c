/* attreport_leader.c - leaders' on-site month (领导现场办公, seed 001 篇一:
 * "按照每个部门和单位每月安排一名领导在中心现场办公不少于1个工作日" and
 * "每次进入和离开中心均实行签到").  A leader is anyone with a leader_days row
 * in the month.  For each planned day, the entry and exit punches (not
 * voided) go through core's att_leader_presence(): the day counts as present
 * when it proves minutes on site and every punch pairs.  minutes and
 * unmatched add up over the planned days (duty.h refuses a leader's punch on
 * a day not planned).  required is the scope's leader_days_required. */
#include "data/attreport_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/desk_int.h"
#include "data/store_db.h"

#define AR_LEADER_PUNCH_MAX 64 /* entry and exit punches of one leader's day */

static const char SQL_LEADERS[] =
    "SELECT l.staff_id FROM leader_days l JOIN staff s ON s.num = l.staff_id"
    " WHERE l.day BETWEEN ?1 AND ?2 GROUP BY l.staff_id ORDER BY s.code";
static const char SQL_PLANNED[] =
    "SELECT day FROM leader_days WHERE staff_id = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day";
static const char SQL_LEADER_PUNCHES[] =
    "SELECT minute, kind, clock_suspect FROM attendance WHERE staff_id = ?1 AND day = ?2 AND voided_by = 0"
    " AND kind IN ('leader_in', 'leader_out') ORDER BY minute, event_seq";

/* The leaders of the month, ordered by staff code, into a new array. */
static int list_leaders(ar_run *r, const char *first, const char *last, staff_id **nums, int *n)
{
    *nums = NULL;
    *n = 0;
    sqlite3_stmt *st = store_prepare(r->s, SQL_LEADERS);
    if (!st)
        return ar_db_fail(r);
    sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, last, -1, SQLITE_STATIC);
    int rc, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            staff_id *grown = realloc(*nums, (size_t)cap * sizeof **nums);
            if (!grown) {
                rc = SQLITE_NOMEM;
                break;
            }
            *nums = grown;
        }
        (*nums)[(*n)++] = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return 0;
    free(*nums);
    *nums = NULL;
    *n = 0;
    if (rc == SQLITE_NOMEM)
        return desk_say(r->err, r->errlen, N_("out of memory"));
    store_fail_sql(r->s, "listing the leaders' on-site days");
    return ar_db_fail(r);
}

/* One planned day: the leader's entry and exit punches through att_leader_presence. */
static int judge_leader_day(ar_run *r, sqlite3_stmt *st, staff_id num, const char *day, ar_leader_month *m)
{
    att_punch p[AR_LEADER_PUNCH_MAX];
    int n = 0, rc;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, num);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < AR_LEADER_PUNCH_MAX) {
        const unsigned char *k = sqlite3_column_text(st, 1);
        bool in = k && strcmp((const char *)k, "leader_in") == 0;
        p[n++] = (att_punch){in ? ATT_LEADER_IN : ATT_LEADER_OUT, sqlite3_column_int(st, 0),
                             sqlite3_column_int(st, 2) != 0};
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return desk_say(r->err, r->errlen, N_("more than %d punches on %s for staff number %d"),
                        AR_LEADER_PUNCH_MAX, day, (int)num);
    if (rc != SQLITE_DONE) {
        store_fail_sql(r->s, "reading a leader's punches");
        return ar_db_fail(r);
    }
    att_presence pr;
    att_status ast = att_leader_presence(p, n, &pr);
    if (ast != ATT_OK)
        return desk_say(r->err, r->errlen, N_("the attendance of staff number %d on %s cannot be judged: %s"),
                        (int)num, day, desk_tr(att_reason(ast)));
    m->planned++;
    m->present += pr.minutes > 0 && pr.unmatched == 0;
    m->minutes += pr.minutes;
    m->unmatched += pr.unmatched;
    return 0;
}

static int judge_leader(ar_run *r, staff_id num, const char *first, const char *last, ar_leader_month *m)
{
    staff_rec rec;
    memset(m, 0, sizeof *m);
    m->num = num;
    m->required = r->sc->leader_days_required;
    if (staff_get_num(r->s, num, &rec, r->err, r->errlen) != STAFF_OK)
        return -1;
    snprintf(m->code, sizeof m->code, "%s", rec.code);
    snprintf(m->name, sizeof m->name, "%s", rec.name);
    sqlite3_stmt *days = store_prepare(r->s, SQL_PLANNED);
    sqlite3_stmt *punches = days ? store_prepare(r->s, SQL_LEADER_PUNCHES) : NULL;
    if (!punches) {
        sqlite3_finalize(days);
        return ar_db_fail(r);
    }
    sqlite3_bind_int64(days, 1, num);
    sqlite3_bind_text(days, 2, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(days, 3, last, -1, SQLITE_STATIC);
    int rc = 0, step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(days)) == SQLITE_ROW)
        rc = judge_leader_day(r, punches, num, (const char *)sqlite3_column_text(days, 0), m);
    if (rc == 0 && step != SQLITE_DONE) {
        store_fail_sql(r->s, "reading a leader's planned days");
        rc = ar_db_fail(r);
    }
    sqlite3_finalize(days);
    sqlite3_finalize(punches);
    return rc;
}

int ar_leaders(store *s, const ar_scope *sc, int year, int month, ar_leader_cb cb, void *ctx, char *err,
               size_t errlen)
{
    ar_run r = {.s = s, .sc = sc, .err = err, .errlen = errlen};
    char first[DATE_STR_LEN], last[DATE_STR_LEN];
    staff_id *nums = NULL;
    int n = 0;
    if (!s || !cb)
        return desk_say(err, errlen, N_("no report to fill"));
    if (ar_check(sc, year, month, err, errlen) != 0)
        return -1;
    ar_month_bounds(year, month, first, last);
    int rc = list_leaders(&r, first, last, &nums, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        ar_leader_month m;
        rc = judge_leader(&r, nums[i], first, last, &m);
        if (rc == 0 && cb(&m, ctx) != 0)
            break;
    }
    free(nums);
    return rc;
}
