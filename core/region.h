/* region.h - province-level administrative division codes of GB/T 2260
 * (中华人民共和国行政区划代码): the first two digits of a six-digit region
 * code.  Shared by the ID card number (idcard.c) and the unified social
 * credit code (uscc.c), which both carry a GB/T 2260 region code. */
#ifndef GUICHET_CORE_REGION_H
#define GUICHET_CORE_REGION_H

#include <stdbool.h>

/* True when the first two characters of code are a GB/T 2260 province-level
 * code (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82). */
bool region_province_known(const char *code);
/* The Chinese name of that province-level division ("浙江省"), or NULL. */
const char *region_province_name(const char *code);

#endif
