/* supervise_int.h - inside data/ only: what the supervision files share
 * (data/supervise*.c, data/project_supervise.c, data/desk_case.c's
 * rating): the stable names of channels, targets, findings, ... and the
 * fields a rating adds to open a follow-up. */
#ifndef GUICHET_DATA_SUPERVISE_INT_H
#define GUICHET_DATA_SUPERVISE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "data/desk.h"
#include "data/evbatch.h"

#define SV_NCHANNELS 4
#define SV_NABOUT 3
#define SV_NFINDINGS 4
#define SV_NNOTIFIED 4
#define SV_NAPPEAL_REASONS 3
#define SV_NEXCLUDED 3
#define SV_TEXT_MAX 2000 /* bytes of a note, reason or outcome in a payload */

extern const char *const sv_channels[SV_NCHANNELS];           /* window, phone, box, online */
extern const char *const sv_abouts[SV_NABOUT];                /* window, clerk, case */
extern const char *const sv_findings[SV_NFINDINGS];           /* unfounded, manner, unlawful, other */
extern const char *const sv_notified[SV_NNOTIFIED];           /* phone, letter, in_person, sms */
extern const char *const sv_appeal_reasons[SV_NAPPEAL_REASONS]; /* mistaken, malicious, other */
extern const char *const sv_excluded[SV_NEXCLUDED];           /* litigation, arbitration, reconsideration */
extern const char *const sv_appeal_names[4];                  /* none, pending, upheld, refused */

/* The index of name in names[n], or n when it is not there (NULL too). */
int sv_name_index(const char *const *names, int n, const char *name);

/* For desk_evaluate: when rating is dissatisfied or very dissatisfied, add followup_due (the centre's
 * followup_days working days after today; left out when the calendar does not hold them) and
 * real_name (the case has the applicant's ID or phone) to the batch's current event.  0 or -1. */
int sv_rating_fields(store *s, const desk_who *who, const char *case_id, desk_rating rating, evbatch *b,
                     char *err, size_t errlen);

/* An event of type about subject, signed by who, with its "date"; NULL with the message. */
evbatch *sv_event(store *s, const desk_who *who, const char *type, const char *subject, char *err, size_t errlen);
/* Record the batch and free it; 0 or -1 with the message (nothing recorded). */
int sv_commit(evbatch *b, char *err, size_t errlen);

#endif
