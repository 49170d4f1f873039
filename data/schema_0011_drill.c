/* schema_0011_drill.c - migration 11: a drill's queue (data/drill_progress.c,
 * docs/drills.md).  Only a drill's throw-away database ever holds rows here:
 * one per visit of a simulated applicant (the first visit, and the return
 * visit when the scenario has one), with when the trainee called them and
 * when they said they were done.  Scoring reads the calls' times to tell
 * which case, handoff and decision belong to which applicant. */
#include "data/migrations.h"

const char schema_0011_drill[] =
    "CREATE TABLE drill_progress (\n"
    "  idx       INTEGER NOT NULL CHECK (idx >= 0),        -- the applicant's place in the queue\n"
    "  visit     INTEGER NOT NULL CHECK (visit IN (0, 1)),     -- 0 first visit, 1 return visit\n"
    "  called_ms INTEGER NOT NULL,                         -- Unix ms\n"
    "  done_ms   INTEGER,                                  -- NULL: not done yet\n"
    "  PRIMARY KEY (idx, visit)\n"
    ");\n";
