/* uscc.c - validation of 统一社会信用代码 (see uscc.h).
 *
 * Why the window checks it: the applicants of a service centre are natural
 * persons, legal persons and other organisations (seed 001, 篇十三 附件1
 * "相关解释与要求" 3. 服务对象); legal persons and other organisations are
 * identified by their unified social credit code (国发〔2015〕33号, coded by
 * GB 32100-2015).
 *
 * GB 32100-2015 §4: 18 characters from digits and upper-case letters, not
 * using I, O, S, V, Z: 1 registration authority code (登记管理部门码), 1
 * organisation type code (机构类别码), 6 digits region code of the registering
 * authority (GB/T 2260; "国家用100000"), 9 characters 主体标识码 (组织机构代码,
 * GB 11714), 1 check character (GB/T 17710 MOD 31-3: weights 3^i mod 31,
 * check = 31 - sum mod 31, 31 -> 0, value -> character by the code set).
 *
 * Decisions:
 * - Lower case is accepted and normalised to upper case: clerks type it, and
 *   the code set has no two characters differing only in case.
 * - The GB 11714 check of characters 9-17 does NOT refuse a code; it is only
 *   reported (note USCC_NOTE_ORG_CODE).  GB 32100 makes characters 9-17 the
 *   主体标识码 "(组织机构代码)" but the validity rule of the USCC is its own
 *   MOD 31 check; 主体标识码 for bodies that never had an organisation code
 *   (e.g. 个体工商户, type 92) are assigned by the registration authority,
 *   and this module refuses nothing it cannot prove wrong.  Checked against
 *   118 published real codes (115 from python-stdnum's list of codes found
 *   online - types 91, 92 and 12, bodies of digits, "MA..." and "L..." -
 *   plus 91350100M000100Y43, Huawei's 914403001922038216 and
 *   12440600MB2C07549J): all pass both checks, so the note should be rare.
 *   But one code reported in real use, 91350203M0001QKT19 (a Xiamen code of
 *   before 2016, hutool issue #4119), breaks even the MOD 31 rule, so codes
 *   in use are not all textbook; an oddity in 9-17 must not block the
 *   window when the MOD 31 check (which catches any single mistyped
 *   character) passes.
 * - Characters 3-8 must be digits whose first two form a GB/T 2260
 *   province-level code (region.c), or be exactly 100000 (national level). */
#include "core/uscc.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"
#include "core/region.h"

/* GB 32100-2015 code set: value of a character = its index here. */
static const char CODE_SET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* GB 32100-2015 §4 校验码: weights 3^(i) mod 31 for i = 0..16. */
static const int WEIGHTS[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

/* GB 11714-1997 organisation code check: weights for the 8-character body. */
static const int ORG_WEIGHTS[8] = {3, 7, 9, 10, 5, 8, 4, 2};

typedef struct {
    char code;
    const char *name;
} uscc_label;

typedef struct {
    char code;
    const char *name;
    const uscc_label *types;
    size_t ntypes;
} uscc_authority;

/* GB 32100-2015 表1 (登记管理部门码 and 机构类别码), with the later additions
 * A 中央军委改革和编制办公室 and N 农业 (农村集体经济组织) as published by the
 * 全国组织机构统一社会信用代码数据服务中心.  Y 其他 has no further types:
 * "不再具体划分机构类别,统一用1表示". */
static const uscc_label T1[] = {{'1', "机关"}, {'2', "事业单位"},
                                {'3', "中央编办直接管理机构编制的群众团体"}, {'9', "其他"}};
static const uscc_label T2[] = {{'1', "外国常驻新闻机构"}, {'9', "其他"}};
static const uscc_label T3[] = {{'1', "律师执业机构"}, {'2', "公证处"}, {'3', "基层法律服务所"},
                                {'4', "司法鉴定机构"}, {'5', "仲裁委员会"}, {'9', "其他"}};
static const uscc_label T4[] = {{'1', "外国在华文化中心"}, {'9', "其他"}};
static const uscc_label T5[] = {{'1', "社会团体"}, {'2', "民办非企业单位"}, {'3', "基金会"},
                                {'9', "其他"}};
static const uscc_label T6[] = {{'1', "外国旅游部门常驻代表机构"},
                                {'2', "港澳台地区旅游部门常驻内地(大陆)代表机构"}, {'9', "其他"}};
static const uscc_label T7[] = {{'1', "宗教活动场所"}, {'2', "宗教院校"}, {'9', "其他"}};
static const uscc_label T8[] = {{'1', "基层工会"}, {'9', "其他"}};
static const uscc_label T9[] = {{'1', "企业"}, {'2', "个体工商户"}, {'3', "农民专业合作社"}};
static const uscc_label TA[] = {{'1', "军队事业单位"}, {'9', "其他"}};
static const uscc_label TN[] = {{'1', "组级集体经济组织"}, {'2', "村级集体经济组织"},
                                {'3', "乡镇级集体经济组织"}, {'9', "其他"}};
static const uscc_label TY[] = {{'1', "其他"}};

#define TYPES(t) t, sizeof t / sizeof t[0]
static const uscc_authority AUTHORITIES[] = {
    {'1', "机构编制", TYPES(T1)}, {'2', "外交", TYPES(T2)},
    {'3', "司法行政", TYPES(T3)}, {'4', "文化", TYPES(T4)},
    {'5', "民政", TYPES(T5)},     {'6', "旅游", TYPES(T6)},
    {'7', "宗教", TYPES(T7)},     {'8', "工会", TYPES(T8)},
    {'9', "工商(市场监管)", TYPES(T9)},
    {'A', "中央军委改革和编制办公室", TYPES(TA)},
    {'N', "农业", TYPES(TN)},     {'Y', "其他", TYPES(TY)},
};
#undef TYPES

static int code_value(char c)
{
    const char *p = (c != '\0') ? strchr(CODE_SET, c) : NULL;
    return p ? (int)(p - CODE_SET) : -1;
}

static char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

char uscc_check_char(const char *c17)
{
    if (c17 == NULL)
        return '\0';
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = code_value(c17[i]);
        if (v < 0)
            return '\0';
        sum += v * WEIGHTS[i];
    }
    return CODE_SET[(31 - sum % 31) % 31];
}

/* GB 11714 character value: 0-9, then A = 10 ... Z = 35 (full alphabet). */
static int org_value(char c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return -1;
}

char uscc_org_check_char(const char *body8)
{
    if (body8 == NULL)
        return '\0';
    int sum = 0;
    for (int i = 0; i < 8; i++) {
        int v = org_value(body8[i]);
        if (v < 0)
            return '\0';
        sum += v * ORG_WEIGHTS[i];
    }
    int c = 11 - sum % 11;
    return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

static const uscc_authority *find_authority(char code)
{
    for (size_t i = 0; i < sizeof AUTHORITIES / sizeof AUTHORITIES[0]; i++)
        if (AUTHORITIES[i].code == code)
            return &AUTHORITIES[i];
    return NULL;
}

static const uscc_label *find_type(const uscc_authority *a, char code)
{
    for (size_t i = 0; i < a->ntypes; i++)
        if (a->types[i].code == code)
            return &a->types[i];
    return NULL;
}

static void info_clear(uscc_info *out)
{
    memset(out, 0, sizeof *out);
    idtext_badchar_clear(&out->bad);
}

/* Every character must belong to the code set (either case). */
static uscc_status scan_chars(const char *s, size_t n, char *up, uscc_info *out)
{
    for (size_t i = 0; i < n; i++) {
        char c = upper(s[i]);
        if (code_value(c) < 0) {
            idtext_badchar_set(&out->bad, s, s + i, n - i);
            return USCC_ERR_CHAR;
        }
        if (i < USCC_LEN)
            up[i] = c;
    }
    return USCC_OK;
}

static uscc_status check_kind(const char *up, uscc_info *out)
{
    out->authority = up[0];
    out->type = up[1];
    const uscc_authority *a = find_authority(up[0]);
    if (a == NULL)
        return USCC_ERR_AUTHORITY;
    out->authority_name = a->name;
    const uscc_label *t = find_type(a, up[1]);
    if (t == NULL)
        return USCC_ERR_TYPE;
    out->type_name = t->name;
    return USCC_OK;
}

static uscc_status check_region(const char *up, uscc_info *out)
{
    memcpy(out->region, up + 2, 6);
    out->region[6] = '\0';
    for (int i = 0; i < 6; i++)
        if (!is_digit(out->region[i]))
            return USCC_ERR_REGION;
    if (strcmp(out->region, "100000") == 0 || region_province_known(out->region))
        return USCC_OK;
    return USCC_ERR_REGION;
}

/* The informational GB 11714 check on characters 9-17. */
static void check_org_code(const char *up, uscc_info *out)
{
    memcpy(out->org_code, up + 8, 9);
    out->org_code[9] = '\0';
    out->org_expected = uscc_org_check_char(out->org_code);
    out->org_check_ok = out->org_expected == out->org_code[8];
    if (!out->org_check_ok)
        out->note = USCC_NOTE_ORG_CODE;
}

uscc_status uscc_validate(const char *value, uscc_info *out)
{
    info_clear(out);
    size_t n;
    const char *s = idtext_trim(value, &n);
    if (n == 0)
        return USCC_ERR_EMPTY;
    out->length = (int)idtext_char_count(s, n);
    char up[USCC_LEN + 1] = {0};
    uscc_status st = scan_chars(s, n, up, out);
    if (st != USCC_OK)
        return st;
    if (n != USCC_LEN)
        return USCC_ERR_LENGTH;
    if ((st = check_kind(up, out)) != USCC_OK)
        return st;
    if ((st = check_region(up, out)) != USCC_OK)
        return st;
    check_org_code(up, out);
    out->expected_check = uscc_check_char(up);
    if (up[17] != out->expected_check)
        return USCC_ERR_CHECK;
    memcpy(out->code, up, USCC_LEN + 1);
    return USCC_OK;
}

const char *uscc_reason(uscc_status st)
{
    switch (st) {
    case USCC_OK:
        return N_("valid unified social credit code");
    case USCC_ERR_EMPTY:
        return N_("no unified social credit code was entered");
    case USCC_ERR_CHAR:
        return N_("a unified social credit code uses only digits and the letters A-Z except I, O, S, V and Z");
    case USCC_ERR_LENGTH:
        return N_("a unified social credit code has 18 characters");
    case USCC_ERR_AUTHORITY:
        return N_("the first character is not a registration authority code (1-9, A, N or Y)");
    case USCC_ERR_TYPE:
        return N_("the second character is not an organisation type of the registration authority named by the first");
    case USCC_ERR_REGION:
        return N_("characters 3-8 are not a region code: six digits starting with a province-level code");
    case USCC_ERR_CHECK:
        return N_("the check character (the last one) does not match the first 17: a character was probably mistyped");
    }
    return N_("invalid unified social credit code");
}

const char *uscc_note_text(uscc_note note)
{
    switch (note) {
    case USCC_NOTE_NONE:
        return NULL;
    case USCC_NOTE_ORG_CODE:
        return N_("characters 9-17 do not pass the organisation code check (GB 11714); the code is accepted, but compare it with the licence");
    }
    return NULL;
}
