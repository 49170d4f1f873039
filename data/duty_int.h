/* duty_int.h - inside data/ only: what the duty files share (duty.c: the
 * window's duty and handoffs; duty_attend.c: punches and corrections;
 * duty_leave.c: leave and leaders' days; duty_store.c: the pieces below):
 * checking the caller's context, the batch of events one action records,
 * reading a person, and replaying a window's day through core/handoff.h. */
#ifndef GUICHET_DATA_DUTY_INT_H
#define GUICHET_DATA_DUTY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "data/desk_int.h"
#include "data/duty.h"
#include "data/events.h"
#include "data/evbatch.h"
#include "data/staff.h"


/* ---- the caller's context ------------------------------------------------------------- */

/* The signer (desk_who_check) and a minute of the day in 0..1439; 0, or -1 with the message. */
int dutyi_ctx_check(const duty_ctx *c, char *err, size_t errlen);
/* The store's last message as err; returns -1. */
int dutyi_store_fail(store *s, char *err, size_t errlen);

/* ---- people --------------------------------------------------------------------------- */

/* One staff member's number, code and name into p (num 0 clears it); 0, or -1 with the message. */
int dutyi_person(store *s, staff_id num, duty_person *p, char *err, size_t errlen);
/* 0 when num is an active supervisor, else -1 with the message (`doing`: a message id, "decide leave" ...). */
int dutyi_need_supervisor(store *s, staff_id num, const char *doing, char *err, size_t errlen);

/* ---- the event batch ------------------------------------------------------------------ */

/* An action's events are an evbatch (data/evbatch.h: evbatch_new(s, c->who.today, ...), evbatch_ev,
 * evbatch_add, evbatch_keep, evbatch_num; its today is the payload date of handoffs). */
/* Record the batch (1..EVENT_BATCH_MAX events); 0, or -1 with the store's message or "needs more events" (nothing recorded). */
int dutyi_commit(evbatch *b, char *err, size_t errlen);

/* ---- a window's day --------------------------------------------------------------------- */

/* A window's day as recorded: its duty_days row and the state its handoffs replay to. */
typedef struct {
    bool started;          /* duty.day_started is recorded for that window and day */
    char day[DATE_STR_LEN];
    sched_day sched;
    handoff_state hs;      /* handoff_init + every handoff of the day (valid only when started) */
} duty_day_state;

/* Called after each replayed handoff with the state it left and its minute. */
typedef void (*dutyi_step_cb)(const handoff_state *hs, int minute, void *ctx);

/* Replay the window's day (duty_days + handoffs) through core/handoff.h; each (may be NULL) sees every step.
 * 0 (out->started false when the day was not started), or -1 with the message. */
int dutyi_day_load(store *s, const char *window, const char *day, duty_day_state *out, dutyi_step_cb each,
                   void *ctx, char *err, size_t errlen);

#endif
