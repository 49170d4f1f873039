/* supervise.h - what the supervision screens (issue 8) share among
 * themselves: who may do what, the translated names of the codes
 * data/supervise.h stores (steps, channels, findings, reasons), the keys and
 * the making of a list-and-detail screen, and the screens the supervision
 * menu opens.  The menu itself (app_supervise_menu)
 * is in tui/app.h. */
#ifndef GUICHET_TUI_SUPERVISE_H
#define GUICHET_TUI_SUPERVISE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/supervise.h"
#include "data/supervise.h"
#include "tui/app.h"
#include "tui/ui_list.h"

#define SVT_ERR_LEN 512

/* True when the person logged in is a supervisor (decides appeals, concludes complaints, sees every window). */
bool svt_is_supervisor(app *a);
/* The window whose figures and lists the person sees: NULL (all) for a supervisor, else their own. */
const char *svt_scope(app *a);
/* The block glyph (UTF-8) or its ASCII stand-in when the terminal is not UTF-8. */
const char *svt_glyph(const char *utf8, const char *ascii);
/* The mark of a figure that misses its target: "✗", or "!" when the terminal is not UTF-8. */
const char *svt_miss_mark(void);
/* How near a due date is on today: 2 overdue (red, "!!"), 1 due within [supervision] soon_days working
 * days (yellow, "!"), 0 neither; *role and the mark to show. */
int svt_due_level(app *a, gdate due, term_role *role, const char **mark);
/* Translated labels of the stored codes ("" codes give ""; unknown codes are shown as they are). */
const char *svt_step_label(sv_step s);
const char *svt_code_label(const char *code);
/* The translated message of a data/ error (English id, or a message with details appended). */
const char *svt_err(const char *err);

/* The list-and-detail keys of a supervision list screen (follow-ups, complaints): on the list, the
 * moves of ui_list (page = rows); Esc or cancel leaves the detail, or closes the screen from the
 * list; Enter opens the detail of the selected row.  True when the key was one of these (*rc: what
 * the screen returns), false when it is the screen's own. */
bool svt_list_key(ui_list *list, bool *detail, int rows, const keys_event *ev, km_action act, scr_rc *rc);
/* After an action on a list screen: its message (err, translated, when rc is not 0; else ok), and the
 * list marked to be read again (*stale). */
void svt_done(app *a, bool *stale, int rc, const char *err, const char *ok);
/* A list screen with ops on state st and its rows (both calloc'ed by the caller, either NULL when that
 * failed): the screen, or NULL after the out-of-memory message with st and rows freed. */
screen *svt_list_screen_new(app *a, const screen_ops *ops, void *st, void *rows);

/* The screens (each NULL after a message when it cannot open). */
screen *scr_stats_new(app *a);        /* scr_stats.c: the figures against their targets, the chart */
screen *scr_followups_new(app *a);    /* scr_followup.c: 差评整改, list and detail */
screen *scr_complaints_new(app *a);   /* scr_complaint.c: 投诉, list, detail, extend, conclude, exclude */
screen *scr_complaint_form_new(app *a); /* scr_complaint.c: register a complaint at the window */

#endif
