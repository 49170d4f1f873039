/* demo_int.h - inside data/ only: the pieces of the demo seeder shared by
 * demo.c (setting up, days, batching), demo_people.c (the random stream and
 * synthetic applicants) and demo_case.c (one case's events along its path). */
#ifndef GUICHET_DATA_DEMO_INT_H
#define GUICHET_DATA_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/case.h"
#include "core/checklist.h"
#include "core/date.h"
#include "core/event.h"
#include "data/events.h"

/* ---- the random stream (splitmix64: small, fast, the same everywhere) ---------- */

typedef struct {
    uint64_t s;
} demo_rng;

/* A stream for one purpose and index under a seed (cases, people ...): independent of batching. */
demo_rng demo_rng_for(unsigned seed, uint64_t purpose, uint64_t index);
/* The next 64 random bits. */
uint64_t demo_next(demo_rng *r);
/* Uniform in 0..n-1 (n >= 1). */
int demo_below(demo_rng *r, int n);
/* Uniform in lo..hi. */
int demo_between(demo_rng *r, int lo, int hi);
/* True with probability per_mille / 1000. */
bool demo_chance(demo_rng *r, int per_mille);

/* ---- applicants --------------------------------------------------------------------- */

/* One synthetic applicant. */
typedef struct {
    char name[16];   /* 2 or 3 Chinese characters, UTF-8 */
    char id[19];     /* a valid 18-character ID number */
    char phone[12];  /* a valid mobile number, "" for none */
    gdate birth;
} demo_person;

/* The applicant number `index` under seed: adult at `oldest` (the first day of the seed). */
void demo_person_make(unsigned seed, uint64_t index, gdate oldest, demo_person *p);

/* ---- the catalogue as the seeder uses it -------------------------------------------- */

typedef struct {
    int n;            /* its number in the guide */
    char *name;
    ck_kind kind;
    bool deferrable;
} demo_material;

typedef struct {
    char *code, *name, *basis;
    case_class cls;
    int promised;     /* working days */
    const char *window;
    int weight;       /* how often it is applied for, relative */
    demo_material *mats;
    int nmats;
    int deferrable;   /* index in mats of a deferrable material, -1 when none */
} demo_item;

/* ---- events, in batches -------------------------------------------------------------- */

#define DEMO_FIELDS 12   /* fields in one event */
#define DEMO_TEXT 640    /* bytes of copied text in one event */
#define DEMO_INTS 8      /* integers in one event's arrays */

/* Up to EVENT_BATCH_MAX events waiting for one events_writer_append() (one transaction). */
typedef struct {
    store *s;
    event_writer *w;
    event_in in[EVENT_BATCH_MAX];
    ev_field f[EVENT_BATCH_MAX][DEMO_FIELDS];
    char text[EVENT_BATCH_MAX][DEMO_TEXT];
    size_t used[EVENT_BATCH_MAX];
    int64_t ints[EVENT_BATCH_MAX][DEMO_INTS];
    size_t n;
    long written;    /* events appended so far */
    int failed;      /* a field did not fit or a flush failed: -1 */
} demo_batch;

/* Record the waiting events (nothing to do when none); 0 or -1 with store_errmsg. */
int demo_flush(demo_batch *b);

/* What one case is made of. */
typedef struct {
    const char *number;
    const demo_item *item;
    const demo_person *who;
    gdate received;
    gdate today;
    const calendar *cal;
    int32_t clerk, approver;
} demo_case;

/* Append one case's events (flushing full batches) along a path drawn from r; 0 or -1. */
int demo_case_emit(demo_batch *b, const demo_case *c, demo_rng *r);

/* ---- the past month's duty and attendance (demo_attend.c) -------------------------------- */

#define DEMO_MONTH_DAYS 22 /* working days of duty and punches before today */

/* Who the month is about. */
typedef struct {
    unsigned seed;
    gdate today;
    const calendar *cal;
    int32_t a, b, sup, leader; /* demo-a, demo-b, demo-s, demo-l */
} demo_month;

/* Append the month's days, punches, handoffs, leave and leader's day (nothing when the windows already have
 * started days); flushes at the end; 0 or -1. */
int demo_month_emit(demo_batch *b, const demo_month *m);

#endif
