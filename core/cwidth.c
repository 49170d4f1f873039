/* cwidth.c - the column width of one code point from fixed range tables
 * (see cwidth.h); pure, locale-independent. */
#include "core/cwidth.h"

#include <stddef.h>

typedef struct {
    uint32_t lo, hi;
} cw_range;

/* East Asian Wide (W) and Fullwidth (F) blocks, ascending. */
static const cw_range wide[] = {
    {0x1100, 0x115F},   /* Hangul Jamo initial consonants */
    {0x2E80, 0x303E},   /* CJK radicals .. CJK symbols and punctuation (U+3000 included) */
    {0x3041, 0x33FF},   /* Hiragana .. CJK compatibility */
    {0x3400, 0x4DBF},   /* CJK extension A */
    {0x4E00, 0x9FFF},   /* CJK unified ideographs */
    {0xA000, 0xA4CF},   /* Yi */
    {0xAC00, 0xD7A3},   /* Hangul syllables */
    {0xF900, 0xFAFF},   /* CJK compatibility ideographs */
    {0xFE30, 0xFE4F},   /* CJK compatibility forms */
    {0xFF00, 0xFF60},   /* fullwidth forms */
    {0xFFE0, 0xFFE6},   /* fullwidth signs */
    {0x20000, 0x2FFFD}, /* CJK extensions B.. (plane 2) */
    {0x30000, 0x3FFFD}, /* plane 3 */
};

int cwidth(uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
        return -1;
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F))
        return 0;
    if (cp < wide[0].lo)
        return 1;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        if (cp < wide[i].lo)
            return 1;
        if (cp <= wide[i].hi)
            return 2;
    }
    return 1;
}
