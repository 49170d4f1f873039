/* schema_0002_events.c - migration 0002: being written in this session (see issue 3). */
#include "data/migrations.h"

const char schema_0002_events[] = "SELECT 1;\n";
