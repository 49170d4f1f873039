/* ui_marks.h - how a case's supervision state (电子监察) is shown: a mark
 * that reads without colour ("!!" overdue, "! " due soon) and the colour
 * role beside it; shared by the dashboard and the case lists. */
#ifndef GUICHET_TUI_UI_MARKS_H
#define GUICHET_TUI_UI_MARKS_H

#include "data/caseview.h"
#include "tui/term.h"

/* The two-column mark of a row's deadline state, and its role in *role. */
const char *ui_deadline_mark(const cv_row *r, term_role *role);

/* A short phrase for the row's deadline ("due 2026-12-01", "3 working days late", "materials by ..."). */
char *ui_deadline_text(const cv_row *r, char *buf, size_t len);

#endif
