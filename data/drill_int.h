/* drill_int.h - inside data/ only: what the drill files share (the scenario's
 * catalogue path, the catalogue's materials of one item, the file-name-safe
 * form of a name). */
#ifndef GUICHET_DATA_DRILL_INT_H
#define GUICHET_DATA_DRILL_INT_H

#include <stddef.h>

#include "data/drill.h"

/* The catalogue file a scenario uses: its `catalog` relative to the scenario's folder, or the shipped
 * demo catalogue when it has none; 0, or -1 + err. */
int drill_catalog_path(const char *scenario_path, const drill_scenario *sc, char *buf, size_t len, char *err,
                       size_t errlen);
/* Copy name into out with '/', blanks and control characters replaced by '_' (for file names). */
void drill_file_safe(const char *name, char *out, size_t outlen);

#endif
