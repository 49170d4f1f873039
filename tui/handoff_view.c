/* handoff_view.c - the AB岗 duty of a window in words for the screens
 * (tui/handoff.h): the duty context of the clerk logged in now, who holds
 * each post (on duty, away since when and why, not on duty) and the state
 * of the window (closed, on duty, UNATTENDED), plus the counter of duty
 * events recorded here that tells the dashboard to re-read its panel.
 *
 * Seed 001 篇十 三: A is the front post, B the roving backup who steps in;
 * 篇二 二(三)2: a post is left only once its cover is in place, so a window
 * left without one is shown as an alarm. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "data/events.h"
#include "tui/handoff.h"
#include "tui/i18n.h"

static unsigned generation;

void handoff_touch(void)
{
    generation++;
}

unsigned handoff_generation(void)
{
    return generation;
}

/* The minute of the day on the terminal's local clock at now_ms. */
static int minute_of(int64_t now_ms)
{
    time_t t = (time_t)(now_ms / 1000);
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return 0;
    return tm.tm_hour * 60 + tm.tm_min;
}

duty_ctx handoff_ctx(app *a)
{
    duty_ctx c;
    memset(&c, 0, sizeof c);
    c.who = app_who(a);
    c.now_ms = events_now_ms();
    c.minute = minute_of(c.now_ms);
    c.hours = &a->cfg.hours;
    return c;
}

bool handoff_window_known(app *a)
{
    app_session *se = app_session_now(a);
    window_rec w;
    char err[STORE_ERR_LEN];
    return se && window_get(a->db, se->window, &w, err, sizeof err) == STAFF_OK;
}

int handoff_view(app *a, duty_view *v)
{
    app_session *se = app_session_now(a);
    char err[STORE_ERR_LEN];
    memset(v, 0, sizeof *v);
    if (!se)
        return -1;
    if (!handoff_window_known(a)) {
        app_message(a, ROLE_WARN, _("%s serves at no window here: there is no A/B duty to hand over."),
                    se->staff.name);
        return -1;
    }
    if (duty_view_get(a->db, se->window, a->today, v, err, sizeof err) != 0) {
        app_message(a, ROLE_ALARM, "%s", err);
        return -1;
    }
    return 0;
}

/* "HH:MM", or "?" for a minute out of range. */
static const char *hhmm(int minute, char *buf)
{
    if (minute < 0 || minute > SCHED_MINUTES_PER_DAY) {
        snprintf(buf, SCHED_HHMM_LEN, "?");
        return buf;
    }
    return sched_format_hhmm(minute, buf);
}

void handoff_post_text(const duty_view *v, bool a_post, char *buf, size_t len, term_role *role)
{
    const duty_person *p = a_post ? &v->a : &v->b;
    bool away = a_post ? v->a_away : v->b_away;
    char since[SCHED_HHMM_LEN], back[SCHED_HHMM_LEN];
    *role = ROLE_NORMAL;
    if (!p->num) {
        snprintf(buf, len, "%s", _("nobody rostered"));
        *role = ROLE_DIM;
    } else if (v->started && v->state == HO_STAFFED && v->on_duty.num == p->num) {
        snprintf(buf, len, "%s", _("on duty"));
        *role = ROLE_OK;
    } else if (away && v->state == HO_UNATTENDED && v->left_unattended_by.num == p->num) {
        snprintf(buf, len, _("left without handoff at %s"), hhmm(a_post ? v->a_since : v->b_since, since));
        *role = ROLE_ALARM;
    } else if (away) {
        ho_reason r = a_post ? v->a_reason : v->b_reason;
        int expected = a_post ? v->a_expected : v->b_expected;
        hhmm(a_post ? v->a_since : v->b_since, since);
        if (expected >= 0)
            snprintf(buf, len, _("away since %s (%s, back ~%s)"), since, _(ho_reason_label(r)), hhmm(expected, back));
        else
            snprintf(buf, len, _("away since %s (%s)"), since, _(ho_reason_label(r)));
        *role = ROLE_WARN;
    } else {
        snprintf(buf, len, "%s", _("not on duty"));
        *role = ROLE_DIM;
    }
}

void handoff_window_text(const duty_view *v, char *buf, size_t len, term_role *role)
{
    char since[SCHED_HHMM_LEN];
    *role = ROLE_NORMAL;
    if (!v->started && !v->rostered) {
        snprintf(buf, len, "%s", _("no A/B roster for today (a supervisor sets it: guichet roster set)"));
        *role = ROLE_WARN;
    } else if (!v->started) {
        snprintf(buf, len, "%s", _("duty not started today"));
        *role = ROLE_DIM;
    } else if (v->state == HO_STAFFED && v->cover_supervisor.num) {
        snprintf(buf, len, _("on duty: %s (off roster, confirmed by %s)"), v->on_duty.name,
                 v->cover_supervisor.name);
        *role = ROLE_WARN;
    } else if (v->state == HO_STAFFED) {
        snprintf(buf, len, _("on duty: %s"), v->on_duty.name);
        *role = ROLE_OK;
    } else if (v->state == HO_UNATTENDED) {
        snprintf(buf, len, _("UNATTENDED since %s, left by %s"), hhmm(v->unattended_since, since),
                 v->left_unattended_by.num ? v->left_unattended_by.name : "?");
        *role = ROLE_ALARM;
    } else {
        snprintf(buf, len, "%s", _("closed: nobody on duty"));
        *role = ROLE_DIM;
    }
}

void handoff_switch_to(screen *s, app *a, int from, const staff_rec *to, const char *done)
{
    int rc = app_login(a, to);
    app_session *se = &a->sessions[from];
    for (int i = 1; i < se->depth; i++)
        if (se->stack[i] == s) {
            memmove(&se->stack[i], &se->stack[i + 1], (size_t)(se->depth - i - 1) * sizeof se->stack[0]);
            se->depth--;
            break;
        }
    if (rc != 0)
        app_message(a, ROLE_WARN, _("%s Every session here holds an unsaved form: %s logs in with F8."), done,
                    to->name);
    else
        app_message(a, ROLE_OK, "%s", done);
    s->ops->free(s); /* the last thing: the key handler returns SCR_STAY and touches it no more */
}
