/* caseview_int.h - inside data/ only: what the caseview files share: the
 * columns of a case row with its item name, reading them into a cv_row and
 * judging its supervision state, checking a scope, and running a query plan. */
#ifndef GUICHET_DATA_CASEVIEW_INT_H
#define GUICHET_DATA_CASEVIEW_INT_H

#include <stdbool.h>

#include "data/caseview.h"
#include "data/store_db.h"

/* The columns cvi_row_read reads, from cases c joined to its catalogue item i. */
#define CVI_ROW_COLUMNS                                                                                \
    "c.case_id, c.item, coalesce(i.name, ''), c.class, c.status, c.applicant_name, c.received, "      \
    "coalesce(c.due, ''), coalesce(c.deferred_deadline, ''), coalesce(c.clerk, 0), "                  \
    "coalesce(c.concluded, ''), c.ended IS NOT NULL"
#define CVI_ROW_NCOLUMNS 12
#define CVI_ROW_FROM " FROM cases c LEFT JOIN catalog_item i ON i.code = c.item"

#define CVI_WINDOW " AND c.window_id = :window" /* the condition a window scope adds */
#define CVI_PLAN "EXPLAIN QUERY PLAN "          /* put before a statement to see its plan */

/* The SQL literal of filter f: its rows (CVI_ROW_COLUMNS, LIMIT :max) or their count, with the
 * window condition when window, as an EXPLAIN QUERY PLAN when plan; NULL for an unknown filter. */
const char *cvi_filter_sql(cv_filter f, bool count, bool window, bool plan);
/* Bind the scope's values to the named parameters the statement has (:today, :until, :staff, :window). */
int cvi_bind_scope(store *s, sqlite3_stmt *st, const cv_scope *scope);
/* buf (n bytes, cut there by a truncation) ended at its last whole UTF-8 character; the new length. */
size_t cvi_utf8_cut(char *buf, size_t n);
/* Copy column col (NULL as "") into buf, cut at a whole UTF-8 character when it does not fit. */
void cvi_copy(sqlite3_stmt *st, int col, char *buf, size_t len);
/* Read the CVI_ROW_COLUMNS at the start of the current row into r and judge its deadline on scope. */
void cvi_row_read(sqlite3_stmt *st, const cv_scope *scope, cv_row *r);
/* 0 when the scope can judge deadlines (a real today, a calendar, soon in range), else -1 + message. */
int cvi_scope_check(store *s, const cv_scope *scope);
/* Step an EXPLAIN QUERY PLAN statement, appending each step's detail and a newline at buf + *at. */
int cvi_plan_append(store *s, sqlite3_stmt *st, char *buf, size_t len, size_t *at);

#endif
