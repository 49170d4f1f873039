/* scr_attendance.c - 考勤 (F11 / C-d): the sign-in at the first log-in of a
 * half day, and the attendance screen: today's punches of the person logged
 * in (time, kind, flags: clock suspect / added by a supervisor / voided),
 * whether they are signed in, and the actions by letter keys (shown in the
 * screen and at the right of the hint line): i 签到, o 签退, e/x a leader's
 * entry and exit on a planned on-site day, l 请假, v my leave (销假), r the
 * reports; for a supervisor also a decide pending leave, c correct a punch,
 * p plan a leader's on-site day, R the A/B roster.  Also the helpers the
 * other attendance screens share (tui/attendance.h).
 *
 * Rules: seed 003 巷子口镇政务服务实施细则 第五章 (迟到/早退 0.5, 旷工 1 per half
 * day, so a clerk signs in and out in each half day); seed 001 篇一 二、考勤办法
 * ("现场办公领导在中心实行本人签到制度，每次进入和离开中心均实行签到"): a leader
 * punches at every entry and exit.  A punch made while the terminal clock
 * looks wrong is recorded and flagged (data/duty.h), never silently taken. */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "data/events.h"
#include "tui/attendance.h"
#include "tui/i18n.h"
#include "tui/ui_list.h"

#define ATT_PUNCHES 64 /* punches of one person's day shown */

/* ---- shared helpers (tui/attendance.h) ------------------------------------------------ */

/* Used while config.ini has no valid [hours]: 08:30-12:00 and 14:00-17:30 in winter (from
 * 10-01), 14:30-18:00 in summer (from 05-01), 5 minutes' grace. */
static const sched_config default_hours = {
    {510, 720, 870, 1080}, {510, 720, 840, 1050}, {5, 1}, {10, 1}, 5,
};

const sched_config *att_hours(app *a)
{
    return sched_check(&a->cfg.hours, NULL) == SCHED_OK ? &a->cfg.hours : &default_hours;
}

sched_day att_sched(app *a, gdate day)
{
    bool work = !date_is_weekend(day);
    if (a->cal)
        cal_is_workday(a->cal, day, &work, NULL);
    sched_day out;
    memset(&out, 0, sizeof out);
    if (schedule_for(att_hours(a), day, work, &out) != SCHED_OK)
        schedule_for(&default_hours, day, work, &out);
    return out;
}

duty_ctx att_ctx(app *a)
{
    duty_ctx c;
    memset(&c, 0, sizeof c);
    c.who = app_who(a);
    c.now_ms = events_now_ms();
    time_t t = (time_t)(c.now_ms / 1000);
    struct tm tm;
    if (localtime_r(&t, &tm))
        c.minute = tm.tm_hour * 60 + tm.tm_min;
    c.hours = att_hours(a);
    c.clock_skew_minutes = a->cfg.clock_skew_minutes;
    return c;
}

bool att_is_supervisor(app *a)
{
    app_session *se = app_session_now(a);
    return se && (se->staff.roles & STAFF_ROLE_SUPERVISOR);
}

/* Copy text without outer blanks. */
static void trimmed(const char *text, char *out, size_t size)
{
    while (*text == ' ' || *text == '\t')
        text++;
    snprintf(out, size, "%s", text);
    size_t n = strlen(out);
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        out[--n] = '\0';
}

int att_parse_day(app *a, const char *what, const char *text, gdate *out, char *why, size_t len)
{
    char t[64];
    trimmed(text ? text : "", t, sizeof t);
    if (!t[0]) {
        snprintf(why, len, _("%s: required (YYYY-MM-DD)."), what);
        return -1;
    }
    if (date_parse(t, out) != 0) {
        snprintf(why, len, _("%s: \"%s\" is not a date: type YYYY-MM-DD, e.g. 2026-11-23."), what, t);
        return -1;
    }
    if (a->cal && !cal_has_year(a->cal, out->y)) {
        snprintf(why, len, _("%s: the year %d is not in the loaded working-day calendar."), what, out->y);
        return -1;
    }
    return 0;
}

int att_parse_time(const char *what, const char *text, int *minute, char *why, size_t len)
{
    char t[32];
    trimmed(text ? text : "", t, sizeof t);
    if (!t[0]) {
        snprintf(why, len, _("%s: required (HH:MM)."), what);
        return -1;
    }
    if (sched_parse_hhmm(t, minute) != 0) {
        snprintf(why, len, _("%s: \"%s\" is not a time: type HH:MM, e.g. 08:30."), what, t);
        return -1;
    }
    return 0;
}

const char *att_kind_label(att_punch_kind k)
{
    switch (k) {
    case ATT_SIGN_IN: return _("Sign in");
    case ATT_SIGN_OUT: return _("Sign out");
    case ATT_LEADER_IN: return _("Leader entry");
    case ATT_LEADER_OUT: return _("Leader exit");
    }
    return "?";
}

int att_find_staff(app *a, const char *typed, staff_rec *rec)
{
    char err[STORE_ERR_LEN];
    if (staff_get(a->db, typed, rec, err, sizeof err) != STAFF_OK) {
        app_message(a, ROLE_ALARM, "%s", err);
        return -1;
    }
    return 0;
}

bool att_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* ---- punching ------------------------------------------------------------------------- */

/* Where a person stands today, from their punches (voided ones left out). */
typedef struct {
    bool signed_in;      /* the last sign-in/out is a sign-in */
    int since;           /* its minute, -1 none */
    bool signed_out;     /* the last one is a sign-out */
    bool leader_in;      /* the last leader punch is an entry */
    int leader_since;    /* its minute, -1 none */
    bool in_this_half;   /* a sign-in in the half day of `minute` */
} att_state;

/* The half day a minute belongs to: before the middle of the lunch break is the morning. */
static int half_of(const sched_day *d, int minute)
{
    int mid = (d->session[SCHED_MORNING].end + d->session[SCHED_AFTERNOON].start) / 2;
    return minute < mid ? SCHED_MORNING : SCHED_AFTERNOON;
}

static att_state state_of(const duty_punch *p, int n, const sched_day *d, int minute)
{
    att_state st = {false, -1, false, false, -1, false};
    int half = half_of(d, minute);
    for (int i = 0; i < n; i++) {
        if (p[i].voided)
            continue;
        switch (p[i].kind) {
        case ATT_SIGN_IN:
            st.signed_in = true;
            st.signed_out = false;
            st.since = p[i].minute;
            if (half_of(d, p[i].minute) == half)
                st.in_this_half = true;
            break;
        case ATT_SIGN_OUT:
            st.signed_in = false;
            st.signed_out = true;
            st.since = p[i].minute;
            break;
        case ATT_LEADER_IN:
        case ATT_LEADER_OUT:
            st.leader_in = p[i].kind == ATT_LEADER_IN;
            st.leader_since = p[i].minute;
            break;
        }
    }
    return st;
}

/* Record a punch of the person logged in now and say how it went on the message line. */
static int punch(app *a, att_punch_kind k)
{
    duty_ctx c = att_ctx(a);
    bool suspect = false;
    char err[ATT_ERR_LEN], hhmm[SCHED_HHMM_LEN];
    if (duty_punch_now(a->db, &c, k, &suspect, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return -1;
    }
    sched_format_hhmm(c.minute, hhmm);
    if (suspect)
        app_message(a, ROLE_ALARM,
                    _("%s %s recorded, but the terminal clock looks wrong: it is flagged for a supervisor."),
                    att_kind_label(k), hhmm);
    else
        app_message(a, ROLE_OK, "%s %s", att_kind_label(k), hhmm);
    return 0;
}

/* 签到 at the first log-in of a half day (a leader on an on-site day: an entry instead).
 * Never blocks the log-in: a failure is a message. */
void app_attendance_after_login(app *a)
{
    app_session *se = app_session_now(a);
    if (!se)
        return;
    duty_punch *p = calloc(ATT_PUNCHES, sizeof *p);
    if (!p) {
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return;
    }
    char err[ATT_ERR_LEN];
    int n = 0;
    bool planned = false;
    duty_ctx c = att_ctx(a);
    if (duty_punches(a->db, se->staff.num, a->today, p, ATT_PUNCHES, &n, err, sizeof err) != 0 ||
        duty_leader_planned(a->db, se->staff.num, a->today, &planned, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, _("Attendance: %s"), err);
        free(p);
        return;
    }
    sched_day d = att_sched(a, a->today);
    att_state st = state_of(p, n, &d, c.minute);
    free(p);
    if (planned && !st.leader_in)
        punch(a, ATT_LEADER_IN);   /* seed 001 篇一: every entry */
    else if (!planned && !st.signed_in && !st.in_this_half)
        punch(a, ATT_SIGN_IN);     /* seed 003 第五章: each half day */
}

/* ---- the screen ----------------------------------------------------------------------- */

typedef struct {
    duty_punch *p;
    int n;
    ui_list list;
    bool planned;             /* a leader's on-site day today */
    int pending;              /* supervisor: leave waiting for a decision, -1 unknown */
    att_state st;
    char err[ATT_ERR_LEN];
} att_scr;

static const km_action att_hints[] = {KM_HELP, KM_FORM_CANCEL, KM_NONE};

static void reload(att_scr *t, app *a)
{
    app_session *se = app_session_now(a);
    t->err[0] = '\0';
    t->n = 0;
    if (duty_punches(a->db, se->staff.num, a->today, t->p, ATT_PUNCHES, &t->n, t->err, sizeof t->err) != 0 ||
        duty_leader_planned(a->db, se->staff.num, a->today, &t->planned, t->err, sizeof t->err) != 0)
        t->n = 0;
    ui_list_resize(&t->list, t->n);
    sched_day d = att_sched(a, a->today);
    t->st = state_of(t->p, t->n, &d, att_ctx(a).minute);
    t->pending = -1;
    if (att_is_supervisor(a)) {
        leave_rec *lv = calloc(DUTY_LEAVES_MAX, sizeof *lv);
        int k = 0;
        char err[ATT_ERR_LEN];
        if (lv && duty_leaves(a->db, 0, date_add_days(a->today, -366), date_add_days(a->today, 366), true, lv,
                              DUTY_LEAVES_MAX, &k, err, sizeof err) == 0)
            t->pending = k;
        free(lv);
    }
}

static const char *att_title(screen *s, app *a)
{
    (void)s;
    (void)a;
    return _("Attendance");
}

static void draw_punch(void *ctx, int i, int y, int cols, bool selected)
{
    const duty_punch *p = &((att_scr *)ctx)->p[i];
    char hhmm[SCHED_HHMM_LEN], flags[200] = "";
    term_role base = selected ? ROLE_SELECTED : p->voided ? ROLE_DIM : ROLE_NORMAL;
    term_role fr = base;
    if (p->voided) {
        snprintf(flags, sizeof flags, "%s", _("voided by a supervisor"));
    } else if (p->clock_suspect) {
        snprintf(flags, sizeof flags, "%s", _("clock looked wrong: a supervisor checks it"));
        fr = selected ? ROLE_SELECTED : ROLE_ALARM;
    } else if (p->corrected_by) {
        snprintf(flags, sizeof flags, "%s", _("added by a supervisor"));
        fr = selected ? ROLE_SELECTED : ROLE_WARN;
    }
    term_put_padded(y, 0, cols, "", base);
    term_put(y, 3, 6, sched_format_hhmm(p->minute, hhmm), base);
    term_put(y, 10, 14, att_kind_label(p->kind), base);
    term_put(y, 25, 8, p->window, base);
    term_put(y, 34, cols - 35, flags, fr);
}

/* Lay out "key label" items across rows from y, wrapping at the right edge; the rows used. */
static int draw_actions(int y, int x0, const char *const *items, int n, int max_rows)
{
    int x = x0, rows = 1;
    for (int i = 0; i < n; i++) {
        int w = term_width(items[i]);
        if (x > x0 && x + w > COLS - 1) {
            if (rows >= max_rows)
                break;
            y++;
            rows++;
            x = x0;
        }
        term_put(y, x, COLS - 1 - x, items[i], ROLE_NORMAL);
        x += w + 3;
    }
    return rows;
}

/* The letter keys at the right of the hint line, after the app's own hints. */
static void draw_letter_hints(app *a, bool sup)
{
    char key[64], line[300];
    int used = 0;
    for (const km_action *h = att_hints; *h != KM_NONE; h++)
        if (*app_key_for(a, KM_CTX_LIST, *h, key, sizeof key))
            used += term_width(key) + 1 + term_width(*h == KM_HELP ? _("Help") : _("Back")) + 2;
    snprintf(line, sizeof line, "%s", sup ? _("i/o sign in/out  l leave  a approve  c correct  r reports")
                                          : _("i sign in  o sign out  l leave  v my leave  r reports"));
    int w = term_width(line);
    if (used + w < COLS)
        term_put(LINES - 1, COLS - w - 1, w, line, ROLE_HINTS);
}

static void draw_state(att_scr *t, app *a, int y)
{
    char line[300], hhmm[SCHED_HHMM_LEN];
    app_session *se = app_session_now(a);
    duty_ctx c = att_ctx(a);
    char day[DATE_STR_LEN];
    snprintf(line, sizeof line, _("%s (%s)   window %s   %s   now %s"), se->staff.name, se->staff.code, se->window,
             date_format(a->today, day), sched_format_hhmm(c.minute, hhmm));
    term_put(y, 1, COLS - 2, line, ROLE_LABEL);
    term_role role = t->st.signed_in ? ROLE_OK : ROLE_WARN;
    if (t->planned && t->st.leader_in) { /* seed 001 篇一: a leader signs at each entry and exit */
        snprintf(line, sizeof line, _("In the centre since %s (on-site day): x when you leave it."),
                 sched_format_hhmm(t->st.leader_since, hhmm));
        role = ROLE_OK;
    } else if (t->planned && t->st.leader_since >= 0) {
        snprintf(line, sizeof line, _("Left the centre at %s (on-site day): e when you come in again."),
                 sched_format_hhmm(t->st.leader_since, hhmm));
    } else if (t->planned) {
        snprintf(line, sizeof line, "%s", _("On-site day planned today: e at each entry, x at each exit."));
    } else if (t->st.signed_in) {
        snprintf(line, sizeof line, _("Signed in since %s."), sched_format_hhmm(t->st.since, hhmm));
    } else if (t->st.signed_out) {
        snprintf(line, sizeof line, _("Signed out at %s."), sched_format_hhmm(t->st.since, hhmm));
    } else {
        snprintf(line, sizeof line, "%s", _("Not signed in today."));
    }
    term_put(y + 1, 1, COLS - 2, line, role);
}

static void att_draw(screen *s, app *a, int top, int lines)
{
    att_scr *t = s->st;
    bool sup = att_is_supervisor(a);
    reload(t, a);
    draw_state(t, a, top);
    int y = top + 3;
    term_put_padded(y, 0, COLS, "", ROLE_LABEL);
    term_put(y, 3, 6, _("Time"), ROLE_LABEL);
    term_put(y, 10, 14, _("Punch"), ROLE_LABEL);
    term_put(y, 25, 8, _("Window"), ROLE_LABEL);
    term_put(y, 34, COLS - 35, _("Flags"), ROLE_LABEL);
    int act_rows = sup ? 5 : 3;
    int rows = lines - 4 - act_rows - 1;
    if (t->err[0])
        term_put_wrapped(y + 1, 1, COLS - 2, 2, t->err, ROLE_ALARM);
    else if (t->n == 0)
        term_put(y + 1, 3, COLS - 4, _("No punch today."), ROLE_DIM);
    else
        ui_list_draw(&t->list, y + 1, rows, COLS, draw_punch, t);

    int ay = top + lines - act_rows;
    const char *mine[6];
    int n = 0;
    char lead_in[80], lead_out[80], appr[120];
    mine[n++] = _("i sign in");
    mine[n++] = _("o sign out");
    if (t->planned) {
        snprintf(lead_in, sizeof lead_in, "%s", _("e leader entry"));
        snprintf(lead_out, sizeof lead_out, "%s", _("x leader exit"));
        mine[n++] = lead_in;
        mine[n++] = lead_out;
    }
    mine[n++] = _("l request leave");
    mine[n++] = _("v my leave");
    int used = draw_actions(ay, 1, mine, n, 2);
    const char *rep[] = {_("r reports: day timeline, month sheet, quarter score")};
    draw_actions(ay + used, 1, rep, 1, 1);
    if (sup) {
        if (t->pending > 0)
            snprintf(appr, sizeof appr, _("a leave to decide (%d)"), t->pending);
        else
            snprintf(appr, sizeof appr, "%s", _("a leave to decide"));
        const char *sv[] = {appr, _("c correct a punch"), _("p plan an on-site day"), _("R A/B roster")};
        term_put(ay + used + 1, 1, COLS - 2, _("Supervisor:"), ROLE_LABEL);
        draw_actions(ay + used + 1, 1 + term_width(_("Supervisor:")) + 2, sv, 4, 2);
    }
    draw_letter_hints(a, sup);
}

/* 签退 after a confirmation; refused at once (nothing recorded) when not signed in now. */
static void sign_out(app *a, const att_scr *t)
{
    char hhmm[SCHED_HHMM_LEN];
    if (t->st.signed_out)
        app_message(a, ROLE_WARN, _("Already signed out at %s: sign in with i first."),
                    sched_format_hhmm(t->st.since, hhmm));
    else if (!t->st.signed_in)
        app_message(a, ROLE_WARN, "%s", _("Not signed in today: there is nothing to sign out from (i signs in)."));
    else if (app_confirm(a, _("Sign out now?")))
        punch(a, ATT_SIGN_OUT);
}

static void correct(app *a)
{
    static const char *opts[2];
    opts[0] = _("Add a missing punch");
    opts[1] = _("Void a punch recorded wrongly");
    int k = app_choose(a, _("Correct a punch"), opts, 2);
    if (k == 0)
        app_push(a, scr_correction_new(a));
    else if (k == 1)
        att_void_punch(a);
}

/* A letter key of the screen; false when it is not one. */
static bool letter(att_scr *t, app *a, int k)
{
    bool sup = att_is_supervisor(a);
    switch (k) {
    case 'i': punch(a, ATT_SIGN_IN); return true;
    case 'o': sign_out(a, t); return true;
    case 'e':
    case 'x':
        if (!t->planned)
            app_message(a, ROLE_WARN, "%s", _("No on-site day is planned for you today: sign in with i."));
        else
            punch(a, k == 'e' ? ATT_LEADER_IN : ATT_LEADER_OUT);
        return true;
    case 'l': app_push(a, scr_leave_form_new(a)); return true;
    case 'v': app_push(a, scr_leave_list_new(a, false)); return true;
    case 'r': app_push(a, scr_attreport_new(a)); return true;
    default: break;
    }
    if (!sup) {
        if (k == 'a' || k == 'c' || k == 'p' || k == 'R') {
            app_message(a, ROLE_WARN, "%s", _("Only a supervisor may do that."));
            return true;
        }
        return false;
    }
    switch (k) {
    case 'a': app_push(a, scr_leave_list_new(a, true)); return true;
    case 'c': correct(a); return true;
    case 'p': att_plan_leader(a); return true;
    case 'R': app_push(a, scr_roster_new(a)); return true;
    default: return false;
    }
}

static scr_rc att_key(screen *s, app *a, const keys_event *ev, km_action act)
{
    att_scr *t = s->st;
    if (ui_list_action(&t->list, act, LINES - 14))
        return SCR_STAY;
    if (act == KM_FORM_CANCEL || ev->key == KM_KEY_ESC)
        return SCR_CLOSE;
    if (act == KM_ATTENDANCE_OPEN)
        return SCR_STAY; /* already here */
    if (ev->kind == KEYS_TEXT && act == KM_NONE) {
        if (!letter(t, a, ev->key))
            app_message(a, ROLE_WARN, "%s", _("Not a key of this screen: see the actions listed below."));
        return SCR_STAY;
    }
    if (act == KM_NONE)
        return SCR_STAY;
    return SCR_PASS;
}

static void att_free(screen *s)
{
    att_scr *t = s->st;
    if (t)
        free(t->p);
    free(t);
    free(s);
}

static const screen_ops att_ops = {
    "attendance", KM_CTX_LIST, false, att_title, att_draw, att_key, NULL, att_free, att_hints,
};

screen *scr_attendance_new(app *a)
{
    att_scr *t = calloc(1, sizeof *t);
    if (t)
        t->p = calloc(ATT_PUNCHES, sizeof *t->p);
    screen *s = t && t->p ? screen_new(&att_ops, t) : NULL;
    if (!s) {
        if (t)
            free(t->p);
        free(t);
        app_message(a, ROLE_ALARM, "%s", _("Out of memory."));
        return NULL;
    }
    ui_list_init(&t->list, 0);
    reload(t, a);
    ui_list_init(&t->list, t->n);
    if (t->n > 0)
        t->list.sel = t->n - 1;
    return s;
}
