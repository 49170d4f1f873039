/* test_notice.c - the documents laid out as text (core/notice.h), in the
 * clerks' Chinese (the translations of po/zh_CN.po) and in the English
 * ids: the title centred by columns, no line wider than the page at any width
 * from 20 to 100 and none cutting a character, nothing lost by wrapping,
 * breaks between Chinese characters and at Latin spaces, no line opening
 * with a comma, labels left out with their empty values, every missing
 * material listed with what is wrong, the reprint mark, each kind's body,
 * and the buffer contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cwidth.h"
#include "core/notice.h"

#define NF(arr) (sizeof(arr) / sizeof((arr)[0]))
#define PO_MAX 4096

/* ---- the zh_CN translations of po/zh_CN.po ----------------------------------------- */

static char *po_id[PO_MAX], *po_str[PO_MAX];
static size_t po_n;

/* The string of one quoted po line, appended to acc (escapes \" \\ \n). */
static void po_unquote(const char *line, char *acc, size_t cap)
{
    const char *p = strchr(line, '"');
    size_t at = strlen(acc);
    for (p = p ? p + 1 : ""; *p && *p != '"' && at + 1 < cap; p++) {
        if (*p == '\\' && p[1])
            p++, acc[at++] = *p == 'n' ? '\n' : *p;
        else
            acc[at++] = *p;
    }
    acc[at] = '\0';
}

static int load_po(void **state)
{
    (void)state;
    FILE *f = fopen("po/zh_CN.po", "r");
    if (!f)
        return -1;
    char line[4096], acc[8192] = "";
    int in = 0; /* 1 msgid, 2 msgstr */
    while (fgets(line, sizeof line, f) && po_n < PO_MAX) {
        if (strncmp(line, "msgid ", 6) == 0 || strncmp(line, "msgstr ", 7) == 0) {
            if (in == 2 && po_id[po_n])
                po_str[po_n++] = strdup(acc);
            else if (in == 1)
                po_id[po_n] = strdup(acc);
            in = line[3] == 'i' ? 1 : 2;
            acc[0] = '\0';
            po_unquote(line, acc, sizeof acc);
        } else if (line[0] == '"') {
            po_unquote(line, acc, sizeof acc);
        }
    }
    if (in == 2 && po_id[po_n])
        po_str[po_n++] = strdup(acc);
    fclose(f);
    return po_n > 50 ? 0 : -1;
}

static int free_po(void **state)
{
    (void)state;
    for (size_t i = 0; i < po_n; i++)
        free(po_id[i]), free(po_str[i]);
    po_n = 0;
    return 0;
}

static const char *zh(const char *msgid)
{
    for (size_t i = 0; i < po_n; i++)
        if (strcmp(po_id[i], msgid) == 0)
            return po_str[i];
    return msgid;
}

/* ---- measuring the output ------------------------------------------------------------------ */

/* Decode one UTF-8 character (strict enough for this test); its length, 0 when invalid. */
static size_t utf8(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80)
        return *cp = s[0], 1;
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (n == 0)
        return 0;
    *cp = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3F);
    }
    return n;
}

/* Check every line of text: valid UTF-8, no control character, at most width columns. */
static void assert_lines_fit(const char *text, int width)
{
    int cols = 0, line = 1;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        if (*p == '\n') {
            cols = 0, line++, p++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8(p, &cp);
        if (n == 0)
            fail_msg("width %d line %d: invalid UTF-8", width, line);
        int w = cwidth(cp);
        if (w < 0)
            fail_msg("width %d line %d: control character U+%04X", width, line, (unsigned)cp);
        cols += w;
        if (cols > width)
            fail_msg("width %d line %d is %d columns wide:\n%s", width, line, cols, text);
        p += n;
    }
    assert_true(strlen(text) == 0 || text[strlen(text) - 1] == '\n');
}

static int text_cols(const char *s)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t cp;
        size_t n = utf8(p, &cp);
        assert_true(n > 0);
        cols += cwidth(cp);
        p += n;
    }
    return cols;
}

/* s without spaces and line breaks, so a wrapped text can be compared with what went in. */
static char *squeeze(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    assert_non_null(out);
    for (; *s; s++)
        if (*s != ' ' && *s != '\n')
            *o++ = *s;
    *o = '\0';
    return out;
}

/* True when `what` appears in text once spaces and line breaks are ignored in both. */
static bool contains(const char *text, const char *what)
{
    char *t = squeeze(text), *w = squeeze(what);
    bool yes = strstr(t, w) != NULL;
    free(t), free(w);
    return yes;
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

/* The last line of text holding `what` (copied into line), or fail. */
static void line_with(const char *text, const char *what, char *line, size_t cap)
{
    const char *hit = strstr(text, what);
    for (const char *more = hit; more && (more = strstr(more + 1, what));)
        hit = more; /* the last one */
    if (!hit)
        fail_msg("\"%s\" not found in:\n%s", what, text);
    const char *start = hit;
    while (start > text && start[-1] != '\n')
        start--;
    const char *end = strchr(hit, '\n');
    size_t n = (size_t)(end - start);
    assert_true(n < cap);
    memcpy(line, start, n);
    line[n] = '\0';
}

/* ---- a document full of Chinese ------------------------------------------------------------ */

static const char BASIS[] = "《中华人民共和国行政许可法》第三十二条第一款第（二）项；《社会救助暂行办法》"
                            "（国务院令第649号，2019年修订）第九条至第十三条";
static const char REASON[] = "申请事项依法不属于本机关职权范围，请向县民政局婚姻登记处申请";

static notice_material mats[] = {
    {1, "最低生活保障申请书（共同生活家庭成员签字）", "原件", 1, true, "", true},
    {2, "共同生活家庭成员的居民身份证", "原件", 0, true, "", true},
    {3, "家庭收入和财产状况申报表", "原件", 1, true, "未由共同生活的成年家庭成员签字承诺", false},
    {4, "家庭经济状况核对授权书", "原件", 1, true, "", true},
    {5, "残疾、重病等特殊情况证明（残疾人证、诊断证明等）", "复印件", 1, false, "复印件不清晰，无法辨认证号", false},
    {6, "社会保障卡或本人银行账户信息", "复印件", 1, false, "", true},
    {7, "户口簿", "原件", 0, true, "", true},
    {8, "近期免冠照片（2寸）", "原件", 3, false, "", true},
    {9, "村（居）民委员会出具的家庭情况说明", "原件", 1, false, "", true},
    {10, "房屋产权或租赁情况说明", "复印件", 1, false, "", true},
    {11, "委托代办的授权委托书及代办人身份证", "原件", 1, false, "", true},
    {12, "其他需要说明的材料", "电子版", 1, false, "", true},
};

static notice_doc full_doc(notice_kind kind)
{
    return (notice_doc){
        .kind = kind,
        .centre_name = "某某县某某乡人民政府便民服务中心",
        .centre_address = "某某乡人民政府一楼办事大厅（乡政府大院内东侧）",
        .centre_phone = "0910-5550100",
        .centre_complaint = "12345政务服务便民热线；乡纪委监督电话0910-5550199",
        .centre_hours = "法定工作日 上午8:30-12:00，下午14:30-17:30",
        .window = "W01 民政综合窗口",
        .clerk = "王芳",
        .case_id = "511425-T03-20261123-0007",
        .applicant = "欧阳建国",
        .applicant_id = "11010519491231002X",
        .item_code = "MZ-01",
        .item_name = "最低生活保障审核确认",
        .item_kind = "行政给付",
        .department = "乡民政办（社会事务办）",
        .date = "2026-11-23",
        .received = "2026-11-23",
        .due = "2026-12-28",
        .deadline = "2026-12-08",
        .reason = REASON,
        .basis = BASIS,
        .special = "入户调查、信息核对；公示期7天不计入办理时限",
        .conditions = "共同生活家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合当地规定",
        .procedure = "申请—受理（材料齐全当场受理，不全的一次性告知）—家庭经济状况信息核对—入户调查—公示7天—"
                     "审核确认",
        .fee = "不收费",
        .fee_basis = "《社会救助暂行办法》",
        .place = "某某乡便民服务中心（乡人民政府一楼办事大厅）",
        .hours = "法定工作日 上午8:30-12:00，下午14:30-17:30",
        .contact = "0910-5550100",
        .complaint = "12345政务服务便民热线；乡便民服务中心投诉台（大厅入口）",
        .basis_law = BASIS,
        .statutory_days = 30,
        .promised_days = 25,
        .materials = mats,
        .nmaterials = NF(mats),
    };
}

/* Render into a heap buffer of exactly the size asked for. */
static char *render(const notice_doc *d, int width, notice_tr tr)
{
    long need = notice_render(d, width, tr, NULL, 0);
    assert_true(need > 0);
    char *buf = malloc((size_t)need + 1);
    assert_non_null(buf);
    assert_int_equal(notice_render(d, width, tr, buf, (size_t)need + 1), need);
    assert_int_equal(strlen(buf), (size_t)need);
    return buf;
}

/* ---- tests ----------------------------------------------------------------------------------- */

static void every_line_fits_at_every_width(void **state)
{
    (void)state;
    notice_tr trs[] = {zh, NULL};
    for (size_t t = 0; t < NF(trs); t++)
        for (int k = 0; k < NOTICE_KIND_COUNT; k++)
            for (int width = 20; width <= 100; width++) {
                notice_doc d = full_doc((notice_kind)k);
                d.reprint = width % 2 == 0;
                char *text = render(&d, width, trs[t]);
                assert_lines_fit(text, width);
                /* wrapping only adds line breaks and indents: nothing is lost or cut */
                assert_true(contains(text, BASIS) || k == NOTICE_ACCEPTANCE || k == NOTICE_SUPPLEMENT ||
                            k == NOTICE_DEFERRAL);
                assert_true(contains(text, d.centre_complaint));
                assert_true(contains(text, d.case_id));
                free(text);
            }
}

static void the_title_is_centred_by_columns(void **state)
{
    (void)state;
    for (int k = 0; k < NOTICE_KIND_COUNT; k++)
        for (int width = 20; width <= 100; width += 7) {
            notice_doc d = full_doc((notice_kind)k);
            const char *title = zh(notice_title((notice_kind)k));
            assert_string_not_equal(title, notice_title((notice_kind)k)); /* translated */
            char *text = render(&d, width, zh), line[512];
            line_with(text, title, line, sizeof line);
            int lead = (int)strspn(line, " ");
            assert_string_equal(line + lead, title);
            assert_int_equal(lead, (width - text_cols(title)) / 2);
            free(text);
        }
}

static void the_reprint_mark_sits_beside_the_title(void **state)
{
    (void)state;
    notice_doc d = full_doc(NOTICE_SUPPLEMENT);
    char *text = render(&d, 80, zh), line[512];
    assert_null(strstr(text, "重印"));
    free(text);
    d.reprint = true;
    text = render(&d, 80, zh);
    assert_int_equal(count(text, "（重印）"), 1);
    line_with(text, "补正材料通知书", line, sizeof line);
    assert_non_null(strstr(line, "（重印）"));
    assert_int_equal(strspn(line, " "), (80 - 14) / 2); /* the title stays centred */
    free(text);
    text = render(&d, 20, zh); /* no room beside it: the mark goes under, at the right */
    line_with(text, "（重印）", line, sizeof line);
    assert_int_equal(strspn(line, " "), 20 - 8);
    free(text);
}

static void chinese_breaks_anywhere_and_fills_the_line(void **state)
{
    (void)state;
    static const char long_cn[] = "共同生活家庭成员人均收入低于当地最低生活保障标准且家庭财产状况符合当地规定的"
                                  "以家庭为单位由一名共同生活家庭成员作为申请人向户籍所在地乡镇提出申请";
    notice_doc d = {.kind = NOTICE_ONE_TIME, .conditions = long_cn};
    char *text = render(&d, 30, zh), line[512];
    line_with(text, "受理条件：", line, sizeof line);
    assert_int_equal(text_cols(line), 30); /* 5 label characters and 10 of the value */
    /* the continuation lines hang under the value and are full too */
    const char *next = strstr(text, line) + strlen(line) + 1;
    assert_memory_equal(next, "          ", 10);
    assert_true(next[10] != ' ');
    const char *end = strchr(next, '\n');
    assert_int_equal(end - next, 10 + 10 * 3);
    assert_true(contains(text, long_cn));
    free(text);
}

static void latin_text_breaks_at_spaces(void **state)
{
    (void)state;
    static const char words[] = "Bring the signed application form and every household member's identity card "
                                "to window three before noon";
    notice_doc d = {.kind = NOTICE_ONE_TIME, .conditions = words};
    for (int width = 20; width <= 60; width++) {
        char *text = render(&d, width, NULL);
        assert_lines_fit(text, width);
        /* each word is whole on one line */
        char copy[sizeof words];
        memcpy(copy, words, sizeof words);
        for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
            const char *hit = strstr(text, w);
            assert_non_null(hit);
            assert_true(hit[strlen(w)] == ' ' || hit[strlen(w)] == '\n');
        }
        assert_null(strstr(text, " \n")); /* no space left at the end of a line */
        free(text);
    }
    /* a word longer than the line is cut by characters */
    notice_doc l = {.kind = NOTICE_ONE_TIME, .contact = "https://zwfw.example.gov.cn/guide/MZ-01/contact-points"};
    char *text = render(&l, 20, NULL);
    assert_lines_fit(text, 20);
    assert_true(contains(text, l.contact));
    free(text);
}

/* True when the line (up to its '\n') is one Latin word after its indent: nothing to move down. */
static bool one_latin_word(const char *line)
{
    const char *p = line + strspn(line, " ");
    for (; *p && *p != '\n'; p++)
        if (*p == ' ' || (unsigned char)*p >= 0x80)
            return false;
    return true;
}

static void no_line_begins_with_a_closing_mark(void **state)
{
    (void)state;
    static const char *const closing[] = {"，", "。", "、", "；", "：", "）", "》"};
    for (int k = 0; k < NOTICE_KIND_COUNT; k++)
        for (int width = 20; width <= 100; width++) {
            notice_doc d = full_doc((notice_kind)k);
            char *text = render(&d, width, zh);
            for (char *prev = NULL, *line = text; *line; prev = line, line = strchr(line, '\n') + 1) {
                const char *p = line + strspn(line, " ");
                for (size_t i = 0; i < NF(closing); i++)
                    if (strncmp(p, closing[i], strlen(closing[i])) == 0 && !(prev && one_latin_word(prev)))
                        fail_msg("width %d: a line begins with %s:\n%s", width, closing[i], text);
            }
            free(text);
        }
    /* the character before the comma comes down with it, and an opening bracket never ends a line */
    notice_doc d = {.kind = NOTICE_ONE_TIME, .conditions = "甲乙丙丁戊，己庚辛壬癸", .procedure = "一二三四（五）"};
    char *text = render(&d, 20, zh);
    assert_non_null(strstr(text, "受理条件：甲乙丙丁\n          戊，己庚辛\n          壬癸\n"));
    assert_non_null(strstr(text, "办理流程：一二三四\n          （五）\n"));
    free(text);
}

static void empty_values_leave_their_labels_out(void **state)
{
    (void)state;
    notice_doc d = full_doc(NOTICE_ACCEPTANCE);
    char *text = render(&d, 80, zh);
    static const char *const labels[] = {"证件号码：", "实施部门：", "经办人：", "投诉电话：", "地址："};
    for (size_t i = 0; i < NF(labels); i++)
        assert_non_null(strstr(text, labels[i]));
    free(text);
    d.applicant_id = "";
    d.department = NULL;
    d.clerk = "";
    d.centre_complaint = NULL;
    d.centre_address = "";
    d.special = "";
    text = render(&d, 80, zh);
    for (size_t i = 0; i < NF(labels); i++)
        assert_null(strstr(text, labels[i]));
    assert_null(strstr(text, "特别程序"));
    assert_non_null(strstr(text, "申请人：欧阳建国"));
    free(text);
    /* a document with nothing but its kind still lays out */
    notice_doc bare = {.kind = NOTICE_REJECTION};
    text = render(&bare, 20, zh);
    assert_lines_fit(text, 20);
    assert_null(strstr(text, "申请人："));
    assert_null(strstr(text, "办件编号："));
    assert_non_null(strstr(text, "不予受理通知书"));
    assert_true(contains(text, "你（单位）申请的本事项，经审查，决定不予受理。"));
    free(text);
}

static void the_supplement_notice_lists_every_material_at_once(void **state)
{
    (void)state;
    notice_doc d = full_doc(NOTICE_SUPPLEMENT);
    for (int width = 20; width <= 100; width += 20) {
        char *text = render(&d, width, zh);
        int missing = 0;
        for (size_t i = 0; i < NF(mats); i++) {
            char want[1024];
            const notice_material *m = &mats[i];
            char copies[32];
            if (m->copies > 0)
                snprintf(copies, sizeof copies, "%d份", m->copies);
            else
                snprintf(copies, sizeof copies, "核验后退还");
            if (m->missing)
                snprintf(want, sizeof want, "%d. %s %s %s（缺）", m->n, m->name, m->form, copies);
            else
                snprintf(want, sizeof want, "%d. %s %s %s（不符合法定形式：%s）", m->n, m->name, m->form, copies,
                         m->note);
            if (!contains(text, want))
                fail_msg("width %d: \"%s\" missing from:\n%s", width, want, text);
            missing += m->missing;
        }
        char *flat = squeeze(text);
        assert_int_equal(count(flat, "（缺）"), missing);
        assert_int_equal(count(flat, "（不符合法定形式："), (int)NF(mats) - missing);
        free(flat);
        assert_true(contains(text, "以上共12项。"));
        assert_true(contains(text, "行政许可法》第三十二条"));
        assert_true(contains(text, "请补正以下全部材料："));
        assert_true(contains(text, "申请人签收：")); /* the applicant signs for it */
        free(text);
    }
}

static void each_kind_says_what_its_rule_requires(void **state)
{
    (void)state;
    notice_doc d = full_doc(NOTICE_ACCEPTANCE);
    char *text = render(&d, 80, zh);
    assert_true(contains(text, "你（单位）申请的最低生活保障审核确认事项，经审查，申请材料齐全、符合法定形式，"
                               "决定予以受理。承诺于2026年12月28日前办结。"));
    assert_true(contains(text, "特别程序：入户调查、信息核对"));
    assert_true(contains(text, "收件日期：2026年11月23日"));
    assert_null(strstr(text, "签收")); /* handed over, not signed for */
    free(text);

    d = full_doc(NOTICE_REJECTION);
    text = render(&d, 80, zh);
    char want[1024];
    snprintf(want, sizeof want, "依据%s，决定不予受理。理由：%s", BASIS, REASON);
    assert_true(contains(text, want));
    assert_true(contains(text, "六十日内依法申请行政复议"));
    free(text);

    d = full_doc(NOTICE_DEFERRAL);
    d.materials = &mats[5]; /* 6. 社会保障卡 ... missing, auxiliary */
    d.nmaterials = 1;
    text = render(&d, 80, zh);
    assert_true(contains(text, "6. 社会保障卡或本人银行账户信息 复印件 1份（缺）"));
    assert_true(contains(text, "承诺于2026年12月8日前补齐上述全部材料"));
    assert_true(contains(text, "逾期未补齐的，视为撤回申请"));
    assert_non_null(strstr(text, "申请人（签字）：          日期：\n"));
    assert_non_null(strstr(text, "经办人（签字）：          日期：\n"));
    free(text);
    text = render(&d, 20, zh); /* too narrow for one line: label and date on two */
    assert_non_null(strstr(text, "申请人（签字）：\n日期：\n"));
    free(text);

    d = full_doc(NOTICE_ONE_TIME);
    text = render(&d, 80, zh);
    static const char *const elements[] = {
        "事项名称：最低生活保障审核确认", "事项编码：MZ-01", "事项类型：行政给付", "设定依据：", "受理条件：",
        "所需材料：", "1. 最低生活保障申请书（共同生活家庭成员签字） 原件 1份", "办理流程：",
        "法定办结时限：30个工作日", "承诺办结时限：25个工作日", "收费标准：不收费", "收费依据：",
        "办理地点：", "办理时间：", "咨询方式：0910-5550100", "监督投诉方式："};
    for (size_t i = 0; i < NF(elements); i++)
        if (!contains(text, elements[i]))
            fail_msg("\"%s\" missing from:\n%s", elements[i], text);
    assert_true(contains(text, "3. 家庭收入和财产状况申报表 原件 1份（未由共同生活的成年家庭成员签字承诺）"));
    assert_null(strstr(text, "（缺）")); /* nothing is missing in a guide */
    free(text);
    d.immediate = true;
    text = render(&d, 80, zh);
    assert_true(contains(text, "办结时限：即办件，当场办结"));
    assert_null(strstr(text, "个工作日"));
    free(text);
}

static void the_footer_has_window_clerk_centre_and_date(void **state)
{
    (void)state;
    notice_doc d = full_doc(NOTICE_SUPPLEMENT);
    char *text = render(&d, 80, zh), line[512];
    static const char *const want[] = {"受理窗口：W01 民政综合窗口", "经办人：王芳", "咨询电话：0910-5550100",
                                       "投诉电话：12345政务服务便民热线", "办公时间："};
    for (size_t i = 0; i < NF(want); i++)
        assert_non_null(strstr(text, want[i]));
    line_with(text, "2026年11月23日", line, sizeof line); /* dated at the right */
    assert_int_equal(text_cols(line), 80);
    free(text);
    text = render(&d, 80, NULL); /* the English ids keep the ISO date */
    assert_non_null(strstr(text, "Window: W01"));
    line_with(text, "2026-11-23", line, sizeof line);
    assert_int_equal(text_cols(line), 80);
    free(text);
}

static void odd_bytes_never_reach_the_page(void **state)
{
    (void)state;
    notice_doc d = {.kind = NOTICE_REJECTION, .reason = "第一行\n第二行\t制表\x1b[31m红\xff\xfe坏", .applicant = "张\xe4"};
    for (int width = 20; width <= 40; width++) {
        char *text = render(&d, width, zh);
        assert_lines_fit(text, width); /* also: valid UTF-8 and no control characters */
        assert_non_null(strstr(text, "第二行"));
        free(text);
    }
}

static void the_buffer_contract(void **state)
{
    (void)state;
    notice_doc d = full_doc(NOTICE_SUPPLEMENT);
    long need = notice_render(&d, 60, zh, NULL, 0);
    assert_true(need > 500);
    char small[100];
    memset(small, 'x', sizeof small);
    assert_int_equal(notice_render(&d, 60, zh, small, sizeof small), need);
    assert_int_equal(strlen(small), sizeof small - 1); /* cut but terminated */
    assert_int_equal(notice_render(NULL, 60, zh, small, sizeof small), -1);
    assert_int_equal(notice_render(&d, 19, zh, small, sizeof small), -1);
    d.kind = NOTICE_KIND_COUNT;
    assert_int_equal(notice_render(&d, 60, zh, small, sizeof small), -1);
    assert_string_equal(notice_kind_name(NOTICE_ONE_TIME), "one_time");
    assert_string_equal(notice_kind_name(NOTICE_DEFERRAL), "deferral");
    assert_null(notice_kind_name(NOTICE_KIND_COUNT));
    assert_string_equal(zh(notice_title(NOTICE_ACCEPTANCE)), "受理通知书");
    assert_string_equal(zh(notice_title(NOTICE_SUPPLEMENT)), "补正材料通知书");
    assert_string_equal(zh(notice_title(NOTICE_REJECTION)), "不予受理通知书");
    assert_string_equal(zh(notice_title(NOTICE_DEFERRAL)), "容缺受理承诺书");
    assert_string_equal(zh(notice_title(NOTICE_ONE_TIME)), "一次性告知单");
    assert_null(notice_title(NOTICE_KIND_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_line_fits_at_every_width),
        cmocka_unit_test(the_title_is_centred_by_columns),
        cmocka_unit_test(the_reprint_mark_sits_beside_the_title),
        cmocka_unit_test(chinese_breaks_anywhere_and_fills_the_line),
        cmocka_unit_test(latin_text_breaks_at_spaces),
        cmocka_unit_test(no_line_begins_with_a_closing_mark),
        cmocka_unit_test(empty_values_leave_their_labels_out),
        cmocka_unit_test(the_supplement_notice_lists_every_material_at_once),
        cmocka_unit_test(each_kind_says_what_its_rule_requires),
        cmocka_unit_test(the_footer_has_window_clerk_centre_and_date),
        cmocka_unit_test(odd_bytes_never_reach_the_page),
        cmocka_unit_test(the_buffer_contract),
    };
    return cmocka_run_group_tests(tests, load_po, free_po);
}
