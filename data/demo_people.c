/* demo_people.c - the demo seeder's random stream and its synthetic
 * applicants: a Chinese name (a common surname, weighted by how common it
 * is, and one or two given-name characters that suit the sex), a valid
 * 居民身份证号码 (a real county code, mostly the demo centre's own county
 * 511425 青神县; an adult birth date; the sequence's parity giving the sex;
 * the check character from core/idcard.h) and a valid mobile number.
 * Nothing here is a real person: the combinations are drawn at random. */
#include "data/demo_int.h"

#include <stdio.h>
#include <string.h>

#include "core/idcard.h"

/* ---- the stream ------------------------------------------------------------------ */

uint64_t demo_next(demo_rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

demo_rng demo_rng_for(unsigned seed, uint64_t purpose, uint64_t index)
{
    demo_rng r = {((uint64_t)seed << 32) ^ (purpose * 0xD1B54A32D192ED03ULL) ^ index};
    demo_next(&r);
    r.s ^= demo_next(&r);
    return r;
}

int demo_below(demo_rng *r, int n)
{
    return n <= 1 ? 0 : (int)(demo_next(r) % (uint64_t)n);
}

int demo_between(demo_rng *r, int lo, int hi)
{
    return lo + demo_below(r, hi - lo + 1);
}

bool demo_chance(demo_rng *r, int per_mille)
{
    return demo_below(r, 1000) < per_mille;
}

/* ---- names ------------------------------------------------------------------------- */

/* The most common surnames, most common first (weights fall with the rank). */
static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "邓", "冯", "曹", "彭", "曾", "肖", "田",
    "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚",
    "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "韦", "贾", "夏", "付", "方", "邹",
    "熊", "白", "孟", "秦", "邱", "侯", "江", "尹", "薛", "闫", "段", "雷", "龙", "黎", "史", "陶", "贺",
    "毛", "郝", "顾", "龚", "邵", "万", "覃", "武", "钱", "戴", "严", "莫", "孔", "向", "常", "汤",
};
#define NSURNAMES (sizeof surnames / sizeof surnames[0])

static const char *const male_given[] = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "建", "国", "志",
    "文", "海", "东", "峰", "成", "德", "光", "荣", "福", "贵", "生", "祥", "才", "兵", "学", "亮",
    "新", "春", "民", "永", "忠", "庆", "江", "长", "金", "红", "晨", "博",
};
static const char *const female_given[] = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "英", "燕", "玲", "桂", "兰", "萍", "红",
    "梅", "琳", "莉", "雪", "婷", "倩", "颖", "慧", "洁", "琴", "云", "凤", "玉", "珍", "华", "佳",
    "欣", "悦", "怡", "蓉", "婉", "晶", "月", "露", "瑶", "丹", "彩", "春", "秋", "萌", "琪", "璐",
    "思", "雨", "小", "莹", "淑", "惠", "翠", "雅", "晓", "文", "美", "娇",
};
#define NGIVEN (sizeof male_given / sizeof male_given[0])
_Static_assert(sizeof female_given == sizeof male_given, "as many given-name characters for each sex");

/* A surname drawn with weight 1000 / (rank + 4): 王 about 30 times as often as 汤. */
static const char *pick_surname(demo_rng *r)
{
    static int total;
    if (!total)
        for (size_t i = 0; i < NSURNAMES; i++)
            total += 1000 / (int)(i + 4);
    int x = demo_below(r, total);
    for (size_t i = 0; i < NSURNAMES; i++) {
        x -= 1000 / (int)(i + 4);
        if (x < 0)
            return surnames[i];
    }
    return surnames[0];
}

static void make_name(demo_rng *r, bool male, char *out, size_t len)
{
    const char *const *given = male ? male_given : female_given;
    const char *sur = pick_surname(r), *g1 = given[demo_below(r, NGIVEN)];
    if (demo_chance(r, 750))
        snprintf(out, len, "%s%s%s", sur, g1, given[demo_below(r, NGIVEN)]);
    else
        snprintf(out, len, "%s%s", sur, g1);
}

/* ---- ID numbers --------------------------------------------------------------------- */

/* County-level codes of GB/T 2260: the demo centre's county first (most applicants), then its
 * neighbours and some from elsewhere (people registered elsewhere who live here). */
static const char *const counties[] = {
    "511425", /* 四川省眉山市青神县: the demo centre */
    "511402", "511403", "511421", "511423", "511424", /* 眉山市东坡区、彭山区、仁寿县、洪雅县、丹棱县 */
    "510104", "510107", "511102", "500103",           /* 成都锦江、成都武侯、乐山市中、重庆渝中 */
    "110105", "310115", "440106", "330106", "320102", "420102", "370102", "410105",
    "430102", "610113", "620602", "530102", "520102", "450103", "360102", "350102",
    "130102", "140105", "210102", "230102", "640104",
};
#define NCOUNTIES (sizeof counties / sizeof counties[0])

static const char *pick_county(demo_rng *r)
{
    if (demo_chance(r, 700))
        return counties[0];
    if (demo_chance(r, 500))
        return counties[1 + demo_below(r, 5)];
    return counties[6 + demo_below(r, (int)NCOUNTIES - 6)];
}

static void make_id(demo_rng *r, gdate birth, bool male, char out[19])
{
    int seq = demo_below(r, 500) * 2 + (male ? 1 : 0); /* 17th digit odd for a man */
    char d17[40]; /* 17 digits; room for what the compiler cannot prove */
    snprintf(d17, sizeof d17, "%s%04d%02d%02d%03d", pick_county(r), birth.y % 10000, birth.m % 100,
             birth.d % 100, seq % 1000);
    d17[17] = '\0';
    memcpy(out, d17, 17);
    out[17] = idcard_check_char(d17);
    out[18] = '\0';
}

/* ---- telephones ---------------------------------------------------------------------- */

/* Mobile prefixes in use (China Mobile, Unicom, Telecom, Broadnet). */
static const char *const mobile_prefixes[] = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180",
    "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "192", "198", "199",
};
#define NPREFIXES (sizeof mobile_prefixes / sizeof mobile_prefixes[0])

static void make_phone(demo_rng *r, char out[12])
{
    snprintf(out, 12, "%s%08d", mobile_prefixes[demo_below(r, (int)NPREFIXES)], demo_below(r, 100000000));
}

void demo_person_make(unsigned seed, uint64_t index, gdate oldest, demo_person *p)
{
    demo_rng r = demo_rng_for(seed, 2, index);
    memset(p, 0, sizeof *p);
    bool male = demo_chance(&r, 500);
    int age = demo_between(&r, 18, 80);
    p->birth = date_add_days(oldest, -(age * 365 + age / 4 + demo_below(&r, 365)));
    make_name(&r, male, p->name, sizeof p->name);
    make_id(&r, p->birth, male, p->id);
    if (demo_chance(&r, 920))
        make_phone(&r, p->phone);
}
