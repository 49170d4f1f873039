/* project.h - the projections: current state (cases, their materials,
 * notices, enquiries, evaluations, attendance punches, handoffs and each
 * window's duty) derived from the events through core/'s rules.  One handler
 * per event type; a handler that refuses an event (core/case.h says it is
 * out of order, core/handoff.h refuses the handoff, ...) makes the append
 * roll back.  project_rebuild() replays the whole log; events other terminals
 * recorded (data/sync_import.h) are replayed with the same tolerance as
 * when they were pulled: one the projections refuse is skipped.  A case is
 * the fold of all its stored lifecycle events (core/case.h case_project), so
 * the same events give the same case row whatever order they arrived in.
 *
 * events.c calls project_apply() inside its transaction; verbs call
 * project_rebuild() and project_case_get(). */
#ifndef GUICHET_DATA_PROJECT_H
#define GUICHET_DATA_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/case.h"
#include "core/date.h"
#include "core/event.h"
#include "data/store.h"

/* An event as the projections see it (already stored in the events table). */
typedef struct {
    int64_t seq;
    const char *id;
    const char *type;
    const char *subject;   /* NULL when none */
    const char *payload;   /* canonical JSON */
    int32_t staff_id;
    int64_t created_at;
} project_event;

/* A case as the cases table holds it ("" for dates not reached). */
typedef struct {
    char case_id[EV_SUBJECT_MAX + 1];
    char item[64];
    case_class cls;
    case_status status;
    char applicant_name[128];
    char window_id[64];
    int32_t clerk;
    char received[DATE_STR_LEN], accepted[DATE_STR_LEN], due[DATE_STR_LEN];
    char concluded[DATE_STR_LEN], delivered[DATE_STR_LEN], ended[DATE_STR_LEN];
    bool deferred;
    int supplements;
    bool first_visit;
} project_case;

/* Statements a projection run keeps prepared. */
typedef struct project_ctx project_ctx;

/* A context on s (free it before store_close); NULL with store_errmsg. */
project_ctx *project_ctx_new(store *s);
/* Finalise the context's statements and free it (NULL is fine). */
void project_ctx_free(project_ctx *p);
/* True when some projection handles this event type. */
bool project_type_known(const char *type);
/* Apply one stored event inside the caller's transaction; 0, or -1 with store_errmsg saying why it is refused. */
int project_apply(project_ctx *p, const project_event *ev);
/* After project_apply refused: true when the refusal is about the event itself (its payload), the same
 * whatever else is stored; false when it depends on the order events arrived in (no such case yet, a
 * case step out of order), so a later case fold may still take it. */
bool project_refusal_is_final(const project_ctx *p);
/* Empty every projection table and replay all events in seq order, in one transaction; 0 or -1. */
int project_rebuild(store *s);
/* The projection tables, in the order rebuild empties them; *n gets how many. */
const char *const *project_tables(size_t *n);
/* Read one case; 0 found, 1 no such case, -1 error. */
int project_case_get(store *s, const char *case_id, project_case *out);

#endif
