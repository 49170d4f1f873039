/* handoff.h - what the AB岗 screens share (tui/scr_handoff.c,
 * tui/scr_handoff_return.c, tui/scr_dashboard.c): the duty context of the
 * clerk logged in now (data/duty.h), the duty state of a window in words
 * for the screen, a change counter the dashboard watches, and the offer to
 * take duty at a window nobody holds.
 *
 * Rules: seed 001 篇二 二(三)2 ("须在替岗人员到位后方可离开": A leaves only
 * once the cover is in place) and 篇十 三 (A the front post, B the roving
 * backup who steps in). */
#ifndef GUICHET_TUI_HANDOFF_H
#define GUICHET_TUI_HANDOFF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/uuid7.h" /* UUID7_LEN, used by data/duty.h without including it */
#include "data/duty.h"
#include "tui/app.h"

/* The duty context of the clerk logged in now: app_who, the minute of the local clock, [hours]. */
duty_ctx handoff_ctx(app *a);

/* True when the current session's window is a service window of this terminal (a staff member
 * with no window has none, and no A/B duty). */
bool handoff_window_known(app *a);

/* Read the duty of the current session's window today into v; 0, or -1 after a message. */
int handoff_view(app *a, duty_view *v);

/* One roster post (a: the A post, else B) in words: "on duty", "away since 10:42 (meal, back ~11:30)"; its role. */
void handoff_post_text(const duty_view *v, bool a_post, char *buf, size_t len, term_role *role);

/* The window as a whole in words: closed, on duty X, UNATTENDED since ..., no roster; its role. */
void handoff_window_text(const duty_view *v, char *buf, size_t len, term_role *role);

/* Note that this terminal recorded a duty event (the dashboard re-reads its duty panel). */
void handoff_touch(void);

/* How many duty events this terminal recorded since it started (see handoff_touch). */
unsigned handoff_generation(void);

/* After a handoff or a take-back: `to` works from here on (their session, or a new one) and screen
 * s leaves session `from`, whose other screens stay; the message line says done (or that `to` must
 * log in with F8).  s is freed: its key handler returns SCR_STAY and touches it no more.  The
 * caller marks s busy first, so that `from` is not closed to free a session slot. */
void handoff_switch_to(screen *s, app *a, int from, const staff_rec *to, const char *done);

/* The current clerk takes duty at a closed or unattended window, asked first (a supervisor's PIN
 * when they are not on today's roster); true when duty was taken. */
bool handoff_offer_duty(app *a, const duty_view *v);

#endif
