/* supervise.h - closing the loop on bad reviews and complaints (issue 8),
 * recorded as events (one transaction each, docs/storage.md) and read back
 * from their projections (tables followups and complaints, migration 12):
 *
 * - 差评整改: an evaluation.given of 不满意 / 非常不满意 opens a follow-up whose
 *   deadline is [supervision] followup_days working days (5..15, default 5)
 *   after the rating, written into the rating's event so a rebuild gives the
 *   same date; steps verify, rectify, answer the applicant and, for a
 *   real-name review, call back; an appeal (mistaken or malicious rating) is
 *   recorded with its reason and decided by a supervisor — an upheld appeal
 *   leaves the rating out of the satisfaction rate, it never deletes it.
 * - 投诉: registered about a window, a clerk or a case, through a channel;
 *   handled within 3 working days, extendable once up to 15 working days
 *   from registration with the reason told to the complainant; concluded
 *   with a finding and the complainant notified; or excluded (already in
 *   litigation, arbitration or administrative reconsideration) with the
 *   reason.  Seed 001_fcc7b53b8a175d84.txt 篇十三 §20-23.  A verified
 *   complaint about a clerk's manner costs the window 1 point, about
 *   unlawful handling 2 points (seed 003 第五章 (七), (四); core/score.h).
 *
 * The working-day arithmetic is core/supervise.h (pure). */
#ifndef GUICHET_DATA_SUPERVISE_H
#define GUICHET_DATA_SUPERVISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/supervise.h"
#include "data/desk.h"
#include "data/store.h"

/* A follow-up as the followups table holds it. */
typedef struct {
    char case_id[64];
    char window[9];
    int32_t clerk;                 /* the clerk of the case */
    char rating[24];               /* dissatisfied / very_dissatisfied */
    char comment[256];
    bool real_name;                /* the applicant left an ID or phone: a call-back is due */
    gdate opened, due;
    gdate verified, rectified, answered, called_back; /* {0} when not done */
    char note[256];                /* the last step's note */
    sv_appeal appeal;              /* none, pending, upheld, refused */
    char appeal_reason[24];        /* mistaken, malicious, other */
    char appeal_note[256];
    bool closed;                   /* every due step done, or an appeal upheld */
} sv_followup;

/* A complaint as the complaints table holds it. */
typedef struct {
    char id[40];                   /* "TS-T01-YYYYMMDD-NNN": the terminal code keeps ids unique offline */
    gdate registered, due;         /* due: 3 working days, or the extended date */
    char channel[12];              /* window, phone, box, online */
    char about[12];                /* window, clerk, case */
    char window[9];
    int32_t clerk;                 /* about a clerk: who; else 0 */
    char case_id[64];              /* about a case: which; else "" */
    char complainant[64], phone[24];
    char text[512];
    sv_complaint_state state;      /* open, extended, concluded, excluded */
    char extend_reason[256];
    char finding[16];              /* unfounded, manner, unlawful, other ("" while open) */
    char outcome[512];
    gdate concluded;
    char notified_by[12];          /* how the complainant was told: phone, letter, in_person, sms */
    char excluded_reason[16];      /* litigation, arbitration, reconsideration */
    char excluded_note[256];
} sv_complaint;

typedef int (*sv_followup_cb)(const sv_followup *f, void *ctx);
typedef int (*sv_complaint_cb)(const sv_complaint *c, void *ctx);

/* The centre's [supervision] followup_days (5..15) used by the rating action; 0, or -1 (unchanged) when
 * out of range.  Default SV_FOLLOWUP_DAYS_DEFAULT. */
int sv_set_followup_days(int days);
/* The followup_days in use. */
int sv_get_followup_days(void);
/* For the dashboard, one kind (complaints true: complaints, else follow-ups): open ones, of which
 * overdue on today and due within soon_days working days (window NULL: all). */
int sv_due_counts_of(store *s, bool complaints, const char *window, gdate today, const calendar *cal, int soon_days,
                     int *open, int *overdue, int *due_soon);

/* Each action below records its event(s) in one transaction and returns 0, or -1 with the reason in err
 * (what and where: no such follow-up, step already done, a call-back on an anonymous review, a date
 * beyond 15 working days ...) and nothing recorded.  who->cal gives the working days. */

/* Record a follow-up step (verified, rectified, answered, called_back) on case_id with a note. */
int sv_followup_step(store *s, const desk_who *who, const char *case_id, sv_step step, const char *note,
                     char *err, size_t errlen);
/* Record an appeal against the rating of case_id (reason: mistaken, malicious, other; note required). */
int sv_appeal_record(store *s, const desk_who *who, const char *case_id, const char *reason, const char *note,
                     char *err, size_t errlen);
/* A supervisor (not the clerk of the case) decides the pending appeal: upheld or refused, with a note. */
int sv_appeal_decide(store *s, const desk_who *who, const char *case_id, bool upheld, const char *note,
                     char *err, size_t errlen);
/* Register a complaint; *in is checked (channel, about and its target, text); the id made goes to id_out. */
int sv_complaint_register(store *s, const desk_who *who, const sv_complaint *in, char *id_out, size_t idlen,
                          char *err, size_t errlen);
/* Extend an open complaint to new_due (at most 15 working days from registration), with the reason told. */
int sv_complaint_extend(store *s, const desk_who *who, const char *id, gdate new_due, const char *reason,
                        char *err, size_t errlen);
/* Conclude a complaint with a finding (unfounded, manner, unlawful, other), the outcome and how the
 * complainant was told. */
int sv_complaint_conclude(store *s, const desk_who *who, const char *id, const char *finding,
                              const char *outcome, const char *notified_by, char *err, size_t errlen);
/* Exclude a complaint (litigation, arbitration, reconsideration) with a note. */
int sv_complaint_exclude(store *s, const desk_who *who, const char *id, const char *reason, const char *note,
                         char *err, size_t errlen);
/* Follow-ups, open ones first by due date, then closed ones newest first (window NULL: all). */
int sv_followups_list(store *s, const char *window, bool open_only, sv_followup_cb cb, void *ctx);
/* Complaints, open ones first by due date, then the others newest first (window NULL: all). */
int sv_complaints_list(store *s, const char *window, bool open_only, sv_complaint_cb cb, void *ctx);
/* One follow-up / one complaint: 0 found, 1 none, -1 error. */
int sv_followup_get(store *s, const char *case_id, sv_followup *out);
int sv_complaint_get(store *s, const char *id, sv_complaint *out);
/* For the dashboard: open follow-ups and complaints overdue on today, and due within soon_days working days. */
int sv_due_counts(store *s, const char *window, gdate today, const calendar *cal, int soon_days, int *overdue,
                  int *due_soon);

#endif
