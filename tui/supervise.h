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
#define SVT_ROWS_MAX 300

/* What a supervision list screen keeps (its screen's st): up to SVT_ROWS_MAX rows of row_size bytes,
 * each named by the text at id_off (the selection follows it when the rows are read again), load (reads
 * the rows, svt_rows_add for each; 0 or -1), the list, whether the detail is shown, whether the rows are
 * to be read again, and the error of the last reading. */
typedef struct svt_rows {
    void *rows;
    size_t row_size, id_off;
    int (*load)(app *a, struct svt_rows *t);
    int n;
    ui_list list;
    bool detail, stale;
    char err[SVT_ERR_LEN];
} svt_rows;

/* A list screen with ops whose st is an svt_rows (rows to be read): the screen, or NULL after the
 * out-of-memory message. */
screen *svt_list_screen_new(app *a, const screen_ops *ops, size_t row_size, size_t id_off,
                            int (*load)(app *a, svt_rows *t));
/* The screen_ops free of such a screen: its rows, its state, the screen. */
void svt_list_screen_free(screen *s);
/* Keep a copy of row (the rows past SVT_ROWS_MAX are dropped); 0, as a list callback returns. */
int svt_rows_add(svt_rows *t, const void *row);
/* Row i (0 <= i < t->n). */
void *svt_row(const svt_rows *t, int i);
/* Read the rows again when they are stale (the message of a failure into t->err, the selection kept on
 * the same id); true when the detail of the selected row is to be drawn, false for the list. */
bool svt_rows_fresh_detail(svt_rows *t, app *a);
/* What draw_row of a supervision list gets as its ctx. */
typedef struct {
    svt_rows *t;
    app *a;
} svt_row_ctx;
/* The body of a list below its header line at top: t->err, or empty when there are no rows, or the rows
 * drawn by draw_row (ctx an svt_row_ctx). */
void svt_rows_draw(svt_rows *t, app *a, int top, int lines, const char *empty, ui_list_row_fn draw_row);
/* The start of a row at y: the highlight across cols when selected, the due mark; the role of the row's
 * other cells (ROLE_SELECTED when selected, else role). */
term_role svt_row_start(int y, int cols, bool selected, const char *mark, term_role role);
/* A choice among stored codes, shown by their labels (at most 8); the index or -1. */
int svt_choose_code(app *a, const char *title, const char *const *names, int n);
/* A code chosen (svt_choose_code under title), then a text asked with label into note (len bytes); the
 * code's index, or -1 when either was cancelled. */
int svt_choose_code_note(app *a, const char *title, const char *const *names, int n, const char *label, char *note,
                         size_t len);

/* The screens (each NULL after a message when it cannot open). */
screen *scr_stats_new(app *a);        /* scr_stats.c: the figures against their targets, the chart */
screen *scr_followups_new(app *a);    /* scr_followup.c: 差评整改, list and detail */
screen *scr_complaints_new(app *a);   /* scr_complaint.c: 投诉, list, detail, extend, conclude, exclude */
screen *scr_complaint_form_new(app *a); /* scr_complaint.c: register a complaint at the window */

#endif
