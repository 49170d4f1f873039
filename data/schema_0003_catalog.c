/* schema_0003_catalog.c - migration 0003: being written in this session (see issue 3). */
#include "data/migrations.h"

const char schema_0003_catalog[] = "SELECT 1;\n";
