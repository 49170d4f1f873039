/* project_sv.h - inside data/ only: the projection handlers of issue 8's
 * events (data/project_supervise.c), called by data/project.c's dispatch:
 * the follow-up a bad rating opens, its steps and appeal, and complaints.
 * Each checks the payload already decoded into doc and refuses with
 * store_fail ("TYPE SUBJECT: why"); *order is set when the refusal depends
 * on what is stored yet (the follow-up or complaint may arrive later). */
#ifndef GUICHET_DATA_PROJECT_SV_H
#define GUICHET_DATA_PROJECT_SV_H

#include <stdbool.h>

#include "core/event.h"
#include "data/project.h"

/* After an evaluation.given row is written: open its follow-up when the payload has followup_due. */
int psv_followup_open(store *s, const project_event *ev, const ev_doc *doc, bool *order);
/* followup.step, evaluation.appealed, evaluation.appeal_decided. */
int psv_followup_step(store *s, const project_event *ev, const ev_doc *doc, bool *order);
int psv_appealed(store *s, const project_event *ev, const ev_doc *doc, bool *order);
int psv_appeal_decided(store *s, const project_event *ev, const ev_doc *doc, bool *order);
/* complaint.registered, .extended, .concluded, .excluded. */
int psv_complaint_registered(store *s, const project_event *ev, const ev_doc *doc, bool *order);
int psv_complaint_extended(store *s, const project_event *ev, const ev_doc *doc, bool *order);
int psv_complaint_concluded(store *s, const project_event *ev, const ev_doc *doc, bool *order);
int psv_complaint_excluded(store *s, const project_event *ev, const ev_doc *doc, bool *order);

#endif
