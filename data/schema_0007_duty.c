/* schema_0007_duty.c - migration 7: what AB岗 duty, attendance and leave need
 * beyond migration 2's `attendance`, `handoffs` and `duty` tables (issue 5).
 *
 * - duty_days: every window's started day (duty.day_started), kept for the
 *   reports: the `duty` row holds only the current day, and a month's away
 *   spells are rebuilt by replaying each day's handoffs through
 *   core/handoff.h from that day's roster and sessions;
 * - attendance gains the supervisor's corrections (attendance.corrected):
 *   a punch added by a supervisor carries who and why, a voided punch keeps
 *   its row and says by which event and why (nothing is edited away);
 * - leaves: 请假 requests with their decision and 销假 (leave.*), one row
 *   per request keyed by the request event's id;
 * - leader_days: leaders' planned on-site days (seed 001 篇一). */
#include "data/migrations.h"

const char schema_0007_duty[] =
    "CREATE TABLE duty_days (\n"
    "  window_id       TEXT NOT NULL,\n"
    "  day             TEXT NOT NULL,\n"
    "  a               INTEGER NOT NULL,\n"
    "  b               INTEGER NOT NULL,\n"
    "  workday         INTEGER NOT NULL,\n"
    "  morning_start   INTEGER NOT NULL,\n"
    "  morning_end     INTEGER NOT NULL,\n"
    "  afternoon_start INTEGER NOT NULL,\n"
    "  afternoon_end   INTEGER NOT NULL,\n"
    "  grace           INTEGER NOT NULL,\n"
    "  event_seq       INTEGER NOT NULL,\n"
    "  PRIMARY KEY (window_id, day)\n"
    ");\n"
    "CREATE INDEX duty_days_day ON duty_days(day);\n"
    "ALTER TABLE attendance ADD COLUMN corrected_by INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE attendance ADD COLUMN voided_by INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE attendance ADD COLUMN note TEXT;\n"
    "CREATE TABLE leaves (\n"
    "  leave_id     TEXT PRIMARY KEY,\n"
    "  event_seq    INTEGER NOT NULL,\n"
    "  staff_id     INTEGER NOT NULL,\n"
    "  kind         TEXT NOT NULL,\n"
    "  start_day    TEXT NOT NULL,\n"
    "  start_minute INTEGER NOT NULL,\n"
    "  end_day      TEXT NOT NULL,\n"
    "  end_minute   INTEGER NOT NULL,\n"
    "  reason       TEXT NOT NULL,\n"
    "  state        TEXT NOT NULL DEFAULT 'requested',\n"
    "  decided_by   INTEGER NOT NULL DEFAULT 0,\n"
    "  decision_note TEXT,\n"
    "  ended_early  INTEGER NOT NULL DEFAULT 0,\n"
    "  last_seq     INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX leaves_staff ON leaves(staff_id, start_day);\n"
    "CREATE INDEX leaves_state ON leaves(state, start_day);\n"
    "CREATE TABLE leader_days (\n"
    "  staff_id   INTEGER NOT NULL,\n"
    "  day        TEXT NOT NULL,\n"
    "  planned_by INTEGER NOT NULL,\n"
    "  event_seq  INTEGER NOT NULL,\n"
    "  PRIMARY KEY (staff_id, day)\n"
    ");\n"
    "CREATE INDEX leader_days_day ON leader_days(day);\n";
