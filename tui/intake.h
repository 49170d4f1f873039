/* intake.h - the intake screen's state (收件), shared by its three steps:
 * the applicant and item form (scr_intake.c), the materials checklist and
 * the decision (scr_intake_check.c).  One screen, three keymap contexts:
 * the screen's ops change with the step. */
#ifndef GUICHET_TUI_INTAKE_H
#define GUICHET_TUI_INTAKE_H

#include <stdbool.h>

#include "core/casenum.h"
#include "core/checklist.h"
#include "data/catalog.h"
#include "data/desk.h"
#include "tui/app.h"
#include "tui/ui_form.h"
#include "tui/ui_list.h"

#define INTAKE_HITS 6

typedef enum { STEP_APPLICANT = 0, STEP_CHECKLIST, STEP_DECISION, STEP_COUNT } intake_step;

typedef struct {
    intake_step step;
    bool org;                          /* an organisation applies */
    ui_form form;
    int f_name, f_id, f_phone, f_rep, f_item;
    char case_id[CASENUM_LEN];
    catalog_hit hits[INTAKE_HITS];
    int nhits, hit_sel;
    catalog_item item;                 /* the chosen item (zeroed until chosen) */
    catalog_materials mats;
    ck_material ck[CK_MAX_MATERIALS];
    size_t nck;
    ck_entry entries[CK_MAX_MATERIALS];
    bool checked[CK_MAX_MATERIALS];
    char notes[CK_MAX_MATERIALS][DESK_REASON_MAX];
    ui_list mlist;
    ck_decision dec;
    int dec_sel;
    char id_override[DESK_REASON_MAX]; /* reason to keep a USCC that fails its check */
    bool recorded;
} intake;

/* Move to a step (changes the screen's ops: keymap context and hints). */
void intake_goto(screen *s, intake_step step);

/* Draw and key handling of the checklist and decision steps. */
void intake_check_draw(screen *s, app *a, int top, int lines);
scr_rc intake_check_key(screen *s, app *a, const keys_event *ev, km_action act);
void intake_decision_draw(screen *s, app *a, int top, int lines);
scr_rc intake_decision_key(screen *s, app *a, const keys_event *ev, km_action act);

/* The title (with the case number) and the unsaved-data test, common to the steps. */
const char *intake_title(screen *s, app *a);
bool intake_dirty(screen *s);
void intake_free(screen *s);

#endif
