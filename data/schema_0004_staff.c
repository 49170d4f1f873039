/* schema_0004_staff.c - migration 0004: being written in this session (see issue 3). */
#include "data/migrations.h"

const char schema_0004_staff[] = "SELECT 1;\n";
