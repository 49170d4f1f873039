/* roster.h - the service windows (窗口) of the centre and the A/B roster
 * (AB岗): for each date and window, the A post (front) and B post (roving
 * backup), two different active staff members allowed at that window.
 * Setting a date's pair again replaces it; every setting is also kept in a
 * change history (who set it, when).  roster_for() gives what
 * handoff_init() needs: the two staff_id numbers.
 *
 * Return codes and messages are those of staff.h. */
#ifndef GUICHET_DATA_ROSTER_H
#define GUICHET_DATA_ROSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/handoff.h"
#include "data/staff.h"
#include "data/store.h"

/* One window. */
typedef struct {
    char code[WINDOW_CODE_BUF]; /* "W03" */
    char name[WINDOW_NAME_BUF]; /* "民政综合窗口" */
} window_rec;

/* One person of a roster line. */
typedef struct {
    staff_id num;                /* core/handoff.h id */
    char code[STAFF_CODE_BUF];
    char name[STAFF_NAME_BUF];
    bool active;                 /* false if deactivated since the roster was set */
} roster_person;

/* The A/B pair of one window on one date. */
typedef struct {
    char day[DATE_STR_LEN];            /* "YYYY-MM-DD" */
    char window[WINDOW_CODE_BUF];
    char window_name[WINDOW_NAME_BUF];
    roster_person a;                   /* A post (front) */
    roster_person b;                   /* B post (backup) */
    char set_by[STAFF_CODE_BUF];       /* staff id of who set it; "" = the administrator's command line */
    int64_t updated_at;                /* ms since the epoch */
} roster_line;

/* Called once per window or roster line; return non-zero to stop. */
typedef int (*window_cb)(const window_rec *w, void *ctx);
typedef int (*roster_cb)(const roster_line *r, void *ctx);

/* Add a window: code 1-8 of A-Z 0-9 - (lowercase accepted), name 1-32 characters. */
staff_rc window_add(store *s, const char *code, const char *name, char *err, size_t errlen);
/* Fetch one window by code. */
staff_rc window_get(store *s, const char *code, window_rec *out, char *err, size_t errlen);
/* Call cb for every window, ordered by code. */
staff_rc window_list(store *s, window_cb cb, void *ctx, char *err, size_t errlen);

/* Set the A and B posts of a window on a date (a real "YYYY-MM-DD"), replacing any pair set
 * before; a and b: active, different, allowed at the window.  by: the staff id of whoever sets
 * it (must exist), or NULL for the administrator's command line; now_ms is recorded. */
staff_rc roster_set(store *s, const char *day, const char *window, const char *a, const char *b,
                    const char *by, int64_t now_ms, char *err, size_t errlen);
/* Call cb for each window rostered on day, ordered by window code. */
staff_rc roster_show(store *s, const char *day, roster_cb cb, void *ctx, char *err, size_t errlen);
/* The pair of one window on day: STAFF_OK, or STAFF_E_NOT_FOUND when nobody is rostered. */
staff_rc roster_for(store *s, const char *day, const char *window, roster_line *out, char *err, size_t errlen);
/* Every setting of one window on day, oldest first (the last one is the current pair). */
staff_rc roster_history(store *s, const char *day, const char *window, roster_cb cb, void *ctx,
                        char *err, size_t errlen);

#endif
