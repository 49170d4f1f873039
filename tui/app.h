/* app.h - the running client: who is logged in (one session per person on a
 * shared PC, each with its own stack of screens, so switching user never
 * loses the other person's half-typed form), the screen stack, the global
 * actions every screen shares, the idle lock, the message line and small
 * modal prompts.  Screens are plug-ins: a screen_ops table and a state.
 *
 * A frame: row 0 the title bar, rows 1..LINES-3 the screen's content,
 * row LINES-2 the message line, row LINES-1 the key hints of the screen's
 * keymap context.  Screens keep their data in their state, never in curses
 * windows, so a resize re-lays everything out without loss. */
#ifndef GUICHET_TUI_APP_H
#define GUICHET_TUI_APP_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/keymap.h"
#include "data/config.h"
#include "data/desk.h"
#include "data/drill.h"
#include "data/staff.h"
#include "data/store.h"
#include "tui/keys.h"
#include "tui/term.h"

#define APP_SESSIONS_MAX 4 /* people with a session open at once on one terminal */
#define APP_STACK_MAX 12   /* screens one session may have open */
#define APP_MSG_LEN 400
#define APP_IDLE_REFRESH 30 /* seconds between frames while nobody types (the dashboard's figures) */

typedef struct app app;
typedef struct screen screen;

/* What a screen's key handler wants next. */
typedef enum {
    SCR_STAY = 0, /* keep the screen */
    SCR_CLOSE,    /* pop it (and free it; asked first when dirty) */
    SCR_PASS      /* not used here: the app applies the key's global action */
} scr_rc;

/* A kind of screen. */
typedef struct {
    const char *name;   /* ASCII id ("dashboard", "intake") */
    km_context ctx;     /* the keymap context its keys are looked up in */
    bool text_entry;    /* printable keys are text for a field (not looked up in the keymap) */
    /* The title shown in the top bar (translated). */
    const char *(*title)(screen *s, app *a);
    /* Draw the content in rows top .. top+lines-1, all COLS columns. */
    void (*draw)(screen *s, app *a, int top, int lines);
    /* A key: act is its action in ctx (global fallback), KM_NONE when unbound or text for a field. */
    scr_rc (*key)(screen *s, app *a, const keys_event *ev, km_action act);
    /* True while the screen holds typed data not yet saved (asked before it is closed). */
    bool (*dirty)(screen *s);
    /* Free the state (and s). */
    void (*free)(screen *s);
    /* Actions shown in the hint line, KM_NONE-terminated (may be NULL). */
    const km_action *hints;
} screen_ops;

struct screen {
    const screen_ops *ops;
    void *st;
};

/* One person's session. */
typedef struct {
    bool used;
    staff_rec staff;
    char window[WINDOW_CODE_BUF];
    screen *stack[APP_STACK_MAX];
    int depth;
} app_session;

struct app {
    store *db;
    gconfig cfg;
    const calendar *cal;
    keymap km;
    gdate today;
    char centre[16], terminal[16];       /* the codes in case numbers */
    app_session sessions[APP_SESSIONS_MAX];
    int cur;                             /* the session in use; -1 while locked */
    int locked_session;                  /* the session the lock screen was raised over, -1 none */
    int64_t last_key_ms;
    bool quit;
    char msg[APP_MSG_LEN];
    term_role msg_role;
    char keymap_errors[1024];            /* shown once after login when the keymap files had errors */
    /* A drill (guichet --drill, issue 7): NULL in a real run.  The queue's state lives in tui/scr_drill.c. */
    drill_run *drill;
    int drill_day;                       /* today = drill_day_date(drill day) */
};

/* Set by a SIGTERM / SIGHUP handler (tui/client.c, in a drill): the loop ends as if quit. */
extern volatile sig_atomic_t app_stop_requested;

/* Make a new screen of ops with state st (owned by the screen); NULL when out of memory. */
screen *screen_new(const screen_ops *ops, void *st);

/* Push a screen on the current session's stack (frees it and says so when the stack is full). */
void app_push(app *a, screen *s);

/* The session in use (NULL while locked). */
app_session *app_session_now(app *a);

/* Who acts now: the logged-in clerk, the window, today, the calendar (for data/desk.h). */
desk_who app_who(app *a);

/* Show a message on the message line until the next key. */
void app_message(app *a, term_role role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Ask a yes/no question in a box over the current screen; true for yes (y, Enter), false (n, Esc). */
bool app_confirm(app *a, const char *question);

/* Ask for one line of text (prefilled from buf) in a box; true with buf filled (non-blank), false on Esc. */
bool app_ask_text(app *a, const char *title, const char *label, char *buf, size_t size);

/* Let the person choose one of n options (translated) in a box; the index, or -1 on Esc. */
int app_choose(app *a, const char *title, const char *const *options, int n);

/* Ask for a person's staff id and PIN in a box (PIN not echoed) and verify them with data/staff
 * (failures count toward the lockout, which is shown); true with *rec filled, false on Esc
 * (tui/app_person.c).  why says what the PIN confirms ("B confirms taking over window W01"). */
bool app_ask_person(app *a, const char *title, const char *why, staff_rec *rec);

/* Draw the whole frame (title, screen, message, hints) and push it to the terminal. */
void app_draw(app *a);

/* The first key name bound to act in ctx ("F2"), or "" when none. */
const char *app_key_for(app *a, km_context ctx, km_action act, char *buf, size_t len);

/* Lock the screen now (the session stays, with its screens). */
void app_lock(app *a);

/* Log a verified staff member in: resume their session or open one; 0, or -1 when no session is free. */
int app_login(app *a, const staff_rec *rec);

/* Run the client until quit: login, screens, lock. Returns the process exit code. */
int app_run(app *a);

/* AB岗 and 考勤 around a session (issue 5).  After a person logs in (a new session): */
void app_attendance_after_login(app *a); /* scr_attendance.c: 签到 at the first login of the day */
void app_duty_after_login(app *a);       /* scr_handoff.c: start the window's day, offer to take duty */
/* Before the clerk locks, switches user or quits: true to go on.  The clerk on duty is asked
 * first; going on without a handoff records the window as unattended (scr_handoff.c). */
bool app_duty_before_leaving(app *a);

/* The screens (one file each); each returns NULL after a message when it cannot open. */
screen *scr_dashboard_new(app *a);
screen *scr_help_new(app *a, km_context ctx);
screen *scr_intake_new(app *a);
screen *scr_guide_new(app *a);
screen *scr_cases_new(app *a, bool search);
screen *scr_case_new(app *a, const char *case_id);
screen *scr_enquiry_new(app *a, const char *item);
screen *scr_notice_case_new(app *a, const char *case_id, int kind, bool reprint);
screen *scr_notice_item_new(app *a, const char *item);
screen *scr_rating_new(app *a, const char *case_id);
screen *scr_handoff_leave_new(app *a);   /* leave the post: sheet, reason, the coverer's PIN */
screen *scr_handoff_return_new(app *a);  /* take the post back with the coverer's confirmation */
screen *scr_attendance_new(app *a);      /* punches, leave, corrections, reports */
screen *scr_sync_new(app *a);            /* the sync state; dead letters and unapplied changes (supervisor) */
screen *scr_drill_new(app *a);           /* the drill panel: the queue, the applicant at the window, the result */
/* Supervision (issue 8, tui/scr_stats.c): a menu of statistics, follow-ups of bad reviews, complaints. */
void app_supervise_menu(app *a);

/* Drills (tui/scr_drill.c). */
/* Draw the drill banner (" 演练模式 ", reverse video) at row y, column 0; its width (0 outside a drill). */
int app_drill_banner(app *a, int y);
/* After a log-in in a drill: open the drill panel over the dashboard. */
void app_drill_after_login(app *a);

/* The sync agent the screen runs in the background (tui/app_sync.c; the screen never links libcurl). */
/* Start build/guichet-sync for db when [sync] server is set, autostart is on and the file is not a
 * demonstration file; never blocks (called before curses starts). */
void app_sync_start(const gconfig *cfg, const char *config_path, const char *db, bool demo);
/* Stop the agent started here (SIGTERM, a short wait, then SIGKILL) and reap it. */
void app_sync_stop(void);
/* The agent's state in words (translated) into buf; *role how to show it. */
void app_sync_describe(char *buf, size_t len, term_role *role);

#endif
