/* region.c - the province-level table of GB/T 2260 (see region.h).
 *
 * Source: GB/T 2260 中华人民共和国行政区划代码, province-level rows (the
 * code is the first two digits of the six; the last four are 0000 for the
 * province itself).  71 台湾省, 81 香港特别行政区 and 82 澳门特别行政区 are in
 * GB/T 2260.  83 is NOT: it is the address code the residence permits for
 * Taiwan residents use (港澳台居民居住证申领发放办法, 国办发〔2018〕81号), so
 * idcard.c accepts it on its own terms; 10 ("100000", national level) is
 * likewise a USCC-only case handled in uscc.c. */
#include "core/region.h"

#include <stddef.h>

typedef struct {
    char code[3];
    const char *name;
} province;

static const province PROVINCES[] = {
    {"11", "北京市"},       {"12", "天津市"},         {"13", "河北省"},
    {"14", "山西省"},       {"15", "内蒙古自治区"},   {"21", "辽宁省"},
    {"22", "吉林省"},       {"23", "黑龙江省"},       {"31", "上海市"},
    {"32", "江苏省"},       {"33", "浙江省"},         {"34", "安徽省"},
    {"35", "福建省"},       {"36", "江西省"},         {"37", "山东省"},
    {"41", "河南省"},       {"42", "湖北省"},         {"43", "湖南省"},
    {"44", "广东省"},       {"45", "广西壮族自治区"}, {"46", "海南省"},
    {"50", "重庆市"},       {"51", "四川省"},         {"52", "贵州省"},
    {"53", "云南省"},       {"54", "西藏自治区"},     {"61", "陕西省"},
    {"62", "甘肃省"},       {"63", "青海省"},         {"64", "宁夏回族自治区"},
    {"65", "新疆维吾尔自治区"}, {"71", "台湾省"},     {"81", "香港特别行政区"},
    {"82", "澳门特别行政区"},
};

static const province *find(const char *code)
{
    if (code == NULL || code[0] == '\0' || code[1] == '\0')
        return NULL;
    for (size_t i = 0; i < sizeof PROVINCES / sizeof PROVINCES[0]; i++)
        if (PROVINCES[i].code[0] == code[0] && PROVINCES[i].code[1] == code[1])
            return &PROVINCES[i];
    return NULL;
}

bool region_province_known(const char *code)
{
    return find(code) != NULL;
}

const char *region_province_name(const char *code)
{
    const province *p = find(code);
    return p ? p->name : NULL;
}
