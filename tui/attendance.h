/* attendance.h - what the attendance screens (考勤, issue 5) share among
 * themselves: the duty_ctx of the person logged in now, the checks of a
 * typed date and time, and the screens the attendance screen opens (leave,
 * corrections, reports, roster).  The entry points the rest of the client
 * calls (scr_attendance_new, app_attendance_after_login) are in tui/app.h. */
#ifndef GUICHET_TUI_ATTENDANCE_H
#define GUICHET_TUI_ATTENDANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/uuid7.h" /* data/duty.h uses UUID7_LEN */
#include "data/duty.h"
#include "tui/app.h"

#define ATT_ERR_LEN 512

/* The person logged in now, the terminal's minute of the day and clock, the [hours] (scr_attendance.c). */
duty_ctx att_ctx(app *a);
/* The [hours] of config.ini, or the documented defaults when they are not set or not valid. */
const sched_config *att_hours(app *a);
/* The sessions of day (working day or not from the calendar; a day outside it counts as working). */
sched_day att_sched(app *a, gdate day);
/* True when the person logged in is a supervisor. */
bool att_is_supervisor(app *a);
/* A typed "YYYY-MM-DD" in the loaded calendar: 0 with *out, else -1 with why (translated) for field `what`. */
int att_parse_day(app *a, const char *what, const char *text, gdate *out, char *why, size_t len);
/* A typed "HH:MM": 0 with *minute, else -1 with why (translated) for field `what`. */
int att_parse_time(const char *what, const char *text, int *minute, char *why, size_t len);
/* The translated name of a punch kind (签到 ...). */
const char *att_kind_label(att_punch_kind k);
/* The staff id typed, looked up: 0 with *rec, else -1 after a message. */
int att_find_staff(app *a, const char *typed, staff_rec *rec);
/* True when the terminal shows UTF-8 (block characters and stars); else ASCII stand-ins are drawn. */
bool att_utf8(void);

/* The screens the attendance screen opens (each NULL after a message when it cannot open). */
screen *scr_leave_form_new(app *a);                 /* scr_leave.c: request leave */
screen *scr_leave_list_new(app *a, bool pending);   /* scr_leave.c: my leave (销假), or pending decisions */
screen *scr_correction_new(app *a);                 /* scr_attcorrect.c: a supervisor adds a punch */
void att_void_punch(app *a);                        /* scr_attcorrect.c: a supervisor voids a punch */
void att_plan_leader(app *a);                       /* scr_attcorrect.c: a supervisor plans an on-site day */
screen *scr_attreport_new(app *a);                  /* scr_attreport.c: timeline, month sheet, quarter */
screen *scr_roster_new(app *a);                     /* scr_roster.c: the A/B roster */

#endif
