/* test_notice_doc.c - documents filled from a store built through the real
 * event path (the demo catalogue, a clerk, a window, cases received, ticked,
 * sent to 补正, accepted under 容缺, refused, done on the spot): what each
 * notice shows, a reprint listing what the notice asked for even after the
 * materials came, the one-time notice of an item, missing cases, items and
 * notices; then printing through a shell command (its input, its exit status,
 * a command that stops reading) and saving without ever overwriting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/cwidth.h"
#include "core/pinyin.h"
#include "data/catalog.h"
#include "data/config.h"
#include "data/events.h"
#include "data/notice_doc.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store.h"

#define NF(arr) (sizeof(arr) / sizeof((arr)[0]))
#define F(...) (const ev_field[]){__VA_ARGS__}, NF(((const ev_field[]){__VA_ARGS__}))
#define PO_MAX 4096

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];
static store *s;
static gconfig cfg;
static int32_t clerk;

static const char *const CS = "511425-T03-20261123-0001"; /* 补正, then accepted */
static const char *const CD = "511425-T03-20261124-0001"; /* 容缺受理 */
static const char *const CR = "511425-T03-20261124-0002"; /* 不予受理 */
static const char *const CI = "511425-T03-20261124-0003"; /* 即办件 done on the spot */
static const char BASIS[] = "《中华人民共和国行政许可法》第三十二条第一款第（二）项";
static const char REASON[] = "申请人户籍不在本乡，申请事项依法不属于本机关职权范围";

/* ---- the zh_CN translations of po/zh_CN.po ----------------------------------------- */

static char *po_id[PO_MAX], *po_str[PO_MAX];
static size_t po_n;

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

static int load_po(void)
{
    FILE *f = fopen("po/zh_CN.po", "r");
    if (!f)
        return -1;
    char line[4096], acc[8192] = "";
    int in = 0;
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

static const char *zh(const char *msgid)
{
    for (size_t i = 0; i < po_n; i++)
        if (strcmp(po_id[i], msgid) == 0)
            return po_str[i];
    return msgid;
}

/* ---- the store ------------------------------------------------------------------------------ */

static int teardown(void **state)
{
    (void)state;
    store_close(s);
    s = NULL;
    for (size_t i = 0; i < po_n; i++)
        free(po_id[i]), free(po_str[i]), po_id[i] = po_str[i] = NULL;
    po_n = 0;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int setup_failed(const char *what)
{
    print_error("setup: %s: %s\n", what, err);
    teardown(NULL);
    return -1;
}

/* The demo catalogue, window W01 and the clerk 王芳, the centre's contact. */
static int setup(void **state)
{
    (void)state;
    setenv("GUICHET_DATADIR", "data", 1); /* the pinyin table the catalogue import reads */
    snprintf(dir, sizeof dir, "/tmp/guichet-notice-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    if (load_po() != 0)
        return setup_failed("po/zh_CN.po");
    if (!(s = store_open(path, err, sizeof err)))
        return setup_failed("store");
    static catalog_report rep;
    if (catalog_import(s, "data/catalog/demo.ini", &rep) != 0)
        return snprintf(err, sizeof err, "%s", rep.nerrors ? rep.errors[0] : ""), setup_failed("catalogue");
    staff_in in = {.code = "wangfang", .name = "王芳", .roles = STAFF_ROLE_CLERK, .windows = {"W01"}, .n_windows = 1};
    staff_rec rec;
    if (window_add(s, "W01", "民政综合窗口", err, sizeof err) != STAFF_OK ||
        staff_add(s, &in, "482915", err, sizeof err) != STAFF_OK ||
        staff_get(s, "wangfang", &rec, err, sizeof err) != STAFF_OK)
        return setup_failed("staff");
    clerk = rec.num;
    config_defaults(&cfg);
    snprintf(cfg.centre_name, sizeof cfg.centre_name, "某某乡便民服务中心");
    snprintf(cfg.centre_address, sizeof cfg.centre_address, "某某乡人民政府一楼办事大厅");
    snprintf(cfg.centre_phone, sizeof cfg.centre_phone, "0910-5550100");
    snprintf(cfg.centre_complaint, sizeof cfg.centre_complaint, "12345政务服务便民热线");
    snprintf(cfg.centre_hours, sizeof cfg.centre_hours, "法定工作日 8:30-12:00，14:30-17:30");
    return 0;
}

/* Record events as one clerk action (events_append_many), which must be accepted. */
static void act_(int line, const event_in *in, size_t n)
{
    event_out out[4];
    if (events_append_many(s, in, n, out) != 0)
        fail_msg("line %d: %s refused: %s", line, in[0].type, store_errmsg(s));
}
#define ACT(...) act_(__LINE__, (const event_in[]){__VA_ARGS__}, NF(((const event_in[]){__VA_ARGS__})))
#define EV(type, subject, ...) {type, subject, clerk, F(__VA_ARGS__)}

static void receive(const char *id, const char *date, const char *item, const char *cls, const char *name)
{
    ACT(EV("case.received", id, ev_str("date", date), ev_str("item", item), ev_str("class", cls),
           ev_str("applicant_name", name), ev_str("applicant_id", "11010519491231002X"), ev_str("window", "W01")));
}

/* Tick MZ-01's six materials: status of each ("p" present, "m" missing, "d" defective). */
static void tick_mz01(const char *id, const char *date, const char *states, const char *note)
{
    static const char *const names[] = {"最低生活保障申请书（共同生活家庭成员签字）", "共同生活家庭成员的居民身份证",
                                        "家庭收入和财产状况申报表",
                                        "家庭经济状况核对授权书（共同生活的成年家庭成员签字）",
                                        "残疾、重病等特殊情况证明（残疾人证、诊断证明等）",
                                        "社会保障卡或本人银行账户信息"};
    for (int i = 0; i < 6; i++) {
        const char *st = states[i] == 'p' ? "present" : states[i] == 'm' ? "missing" : "defective";
        ev_field f[7] = {ev_str("date", date), ev_int("index", i + 1), ev_str("name", names[i]),
                         ev_str("kind", i < 4 ? "essential" : "auxiliary"), ev_str("status", st),
                         ev_bool("deferrable", i >= 4)};
        event_in in = {"material.checked", id, clerk, f, states[i] == 'd' ? 7 : 6};
        f[6] = ev_str("note", note);
        act_(__LINE__, &in, 1);
    }
}

/* The four cases of the scenario. */
static void build_cases(void)
{
    static const int64_t asked[] = {2, 3, 5}, deferred[] = {5};
    receive(CS, "2026-11-23", "MZ-01", "promised", "李秀英");
    tick_mz01(CS, "2026-11-23", "pmdpmp", "未由共同生活的成年家庭成员签字承诺");
    ACT(EV("case.supplement_requested", CS, ev_str("date", "2026-11-23")),
        EV("notice.issued", CS, ev_str("date", "2026-11-23"), ev_str("kind", "supplement"),
           ev_ints("materials", asked, 3)));

    receive(CD, "2026-11-24", "MZ-01", "promised", "王建国");
    tick_mz01(CD, "2026-11-24", "ppppmp", NULL);
    ACT(EV("case.accepted_deferred", CD, ev_str("date", "2026-11-24"), ev_str("deadline", "2026-12-08"),
           ev_str("due", "2026-12-29")),
        EV("notice.issued", CD, ev_str("date", "2026-11-24"), ev_str("kind", "deferral"),
           ev_ints("materials", deferred, 1), ev_str("deadline", "2026-12-08")));

    receive(CR, "2026-11-24", "MZ-01", "promised", "赵六");
    ACT(EV("case.rejected", CR, ev_str("date", "2026-11-24"), ev_str("reason", REASON), ev_str("basis", BASIS)),
        EV("notice.issued", CR, ev_str("date", "2026-11-24"), ev_str("kind", "rejection")));

    receive(CI, "2026-11-24", "MZ-04", "immediate", "钱七");
    ACT(EV("case.accepted", CI, ev_str("date", "2026-11-24"), ev_str("due", "2026-11-24")));
    ACT(EV("case.approved", CI, ev_str("date", "2026-11-24")));
}

/* ---- reading the text ---------------------------------------------------------------------- */

/* s without spaces and line breaks, to compare wrapped text with what went in. */
static char *squeeze(const char *str)
{
    char *out = malloc(strlen(str) + 1), *o = out;
    assert_non_null(out);
    for (; *str; str++)
        if (*str != ' ' && *str != '\n')
            *o++ = *str;
    *o = '\0';
    return out;
}

static void assert_shows_(int line, const notice_text *t, const char *what)
{
    char *a = squeeze(t->text), *b = squeeze(what);
    bool yes = strstr(a, b) != NULL;
    free(a), free(b);
    if (!yes)
        fail_msg("line %d: \"%s\" not in:\n%s", line, what, t->text);
}
#define assert_shows(t, what) assert_shows_(__LINE__, t, what)

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

/* No line wider than width columns. */
static void assert_fits(const notice_text *t, int width)
{
    int cols = 0;
    for (size_t i = 0; i < t->len;) {
        uint32_t cp;
        size_t n = pinyin_utf8_decode(t->text + i, t->len - i, &cp);
        assert_true(n > 0);
        cols = cp == '\n' ? 0 : cols + cwidth(cp);
        if (cols > width)
            fail_msg("a line is wider than %d columns:\n%s", width, t->text);
        i += n;
    }
    assert_int_equal(strlen(t->text), t->len);
}

static notice_text doc_(int line, const char *id, notice_kind kind, bool reprint, int width)
{
    notice_text t;
    if (notice_for_case(s, &cfg, id, kind, reprint, width, zh, &t, err, sizeof err) != 0)
        fail_msg("line %d: %s %s: %s", line, id, notice_kind_name(kind), err);
    assert_fits(&t, width);
    return t;
}
#define DOC(id, kind, reprint, width) doc_(__LINE__, id, kind, reprint, width)

/* ---- documents ------------------------------------------------------------------------------ */

static void the_supplement_notice_lists_what_the_checklist_found(void **state)
{
    (void)state;
    build_cases();
    notice_text t = DOC(CS, NOTICE_SUPPLEMENT, false, 80);
    assert_string_equal(t.title, "补正材料通知书");
    assert_string_equal(t.file_name, "511425-T03-20261123-0001-supplement.txt");
    assert_shows(&t, "办件编号：511425-T03-20261123-0001");
    assert_shows(&t, "申请人：李秀英");
    assert_shows(&t, "证件号码：11010519491231002X");
    assert_shows(&t, "申请事项：最低生活保障审核确认");
    assert_shows(&t, "事项编码：MZ-01");
    assert_shows(&t, "收件日期：2026年11月23日");
    assert_shows(&t, "第三十二条");
    /* the guide gives form and copies; the checklist what is missing and what is wrong */
    assert_shows(&t, "2. 共同生活家庭成员的居民身份证 原件 核验后退还（缺）");
    assert_shows(&t, "3. 家庭收入和财产状况申报表 原件 1份（不符合法定形式：未由共同生活的成年家庭成员签字承诺）");
    assert_shows(&t, "5. 残疾、重病等特殊情况证明（残疾人证、诊断证明等） 复印件 1份（缺）");
    assert_shows(&t, "以上共3项。");
    assert_null(strstr(t.text, "1. 最低生活保障申请书")); /* present: not asked for */
    assert_null(strstr(t.text, "（重印）"));
    assert_shows(&t, "受理窗口：W01 民政综合窗口");
    assert_shows(&t, "经办人：王芳");
    assert_shows(&t, "投诉电话：12345政务服务便民热线");
    assert_shows(&t, "某某乡便民服务中心");
    assert_shows(&t, "申请人签收：");
    notice_text_free(&t);
    assert_null(t.text);
}

static void a_reprint_says_what_the_notice_asked_for(void **state)
{
    (void)state;
    build_cases();
    ACT(EV("material.checked", CS, ev_str("date", "2026-11-25"), ev_int("index", 3),
           ev_str("name", "家庭收入和财产状况申报表"), ev_str("kind", "essential"), ev_str("status", "present")));
    notice_text t = DOC(CS, NOTICE_SUPPLEMENT, true, 60);
    assert_int_equal(count(t.text, "（重印）"), 1);
    assert_shows(&t, "3. 家庭收入和财产状况申报表 原件 1份（不符合法定形式：未由共同生活的成年家庭成员签字承诺）");
    assert_int_equal(count(t.text, "（缺）"), 2);
    notice_text_free(&t);
}

static void the_acceptance_notice_after_the_supplement(void **state)
{
    (void)state;
    build_cases();
    for (int i = 2; i <= 5; i += (i == 3 ? 2 : 1)) {
        const char *names[] = {"", "", "共同生活家庭成员的居民身份证", "家庭收入和财产状况申报表", "",
                               "残疾、重病等特殊情况证明（残疾人证、诊断证明等）"};
        ACT(EV("material.checked", CS, ev_str("date", "2026-11-25"), ev_int("index", i), ev_str("name", names[i]),
               ev_str("kind", i == 5 ? "auxiliary" : "essential"), ev_str("status", "present")));
    }
    ACT(EV("case.materials_completed", CS, ev_str("date", "2026-11-25")));
    ACT(EV("case.accepted", CS, ev_str("date", "2026-11-25"), ev_str("due", "2026-12-30")),
        EV("notice.issued", CS, ev_str("date", "2026-11-25"), ev_str("kind", "acceptance")));
    notice_text t = DOC(CS, NOTICE_ACCEPTANCE, false, 72);
    assert_string_equal(t.title, "受理通知书");
    assert_shows(&t, "你（单位）申请的最低生活保障审核确认事项，经审查，申请材料齐全、符合法定形式，决定予以受理。"
                     "承诺于2026年12月30日前办结。");
    assert_shows(&t, "特别程序：入户调查、信息核对"); /* the guide's special procedures */
    assert_shows(&t, "2026年11月25日");               /* the notice's day */
    assert_null(strstr(t.text, "（缺）"));
    notice_text_free(&t);
    /* the earlier supplement notice can still be reprinted */
    t = DOC(CS, NOTICE_SUPPLEMENT, true, 80);
    assert_int_equal(count(t.text, "（缺）"), 2);
    notice_text_free(&t);
}

static void the_deferral_commitment_and_the_rejection(void **state)
{
    (void)state;
    build_cases();
    notice_text t = DOC(CD, NOTICE_DEFERRAL, false, 80);
    assert_string_equal(t.title, "容缺受理承诺书");
    assert_string_equal(t.file_name, "511425-T03-20261124-0001-deferral.txt");
    assert_shows(&t, "5. 残疾、重病等特殊情况证明（残疾人证、诊断证明等） 复印件 1份（缺）");
    assert_int_equal(count(t.text, "（缺）"), 1);
    assert_shows(&t, "承诺于2026年12月8日前补齐上述全部材料");
    assert_shows(&t, "逾期未补齐的，");
    assert_non_null(strstr(t.text, "申请人（签字）：          日期："));
    notice_text_free(&t);

    t = DOC(CR, NOTICE_REJECTION, false, 40);
    assert_string_equal(t.title, "不予受理通知书");
    char want[512];
    snprintf(want, sizeof want, "经审查，依据%s，决定不予受理。理由：%s", BASIS, REASON);
    assert_shows(&t, want);
    assert_shows(&t, "行政复议");
    notice_text_free(&t);
}

static void an_immediate_case_has_its_acceptance_without_a_stored_notice(void **state)
{
    (void)state;
    build_cases();
    notice_text t = DOC(CI, NOTICE_ACCEPTANCE, false, 80);
    assert_shows(&t, "申请事项：内地居民结婚登记");
    assert_shows(&t, "2026年11月24日");
    assert_shows(&t, "决定予以受理");
    notice_text_free(&t);
}

static void what_does_not_exist_is_reported(void **state)
{
    (void)state;
    build_cases();
    notice_text t;
    assert_int_equal(notice_for_case(s, &cfg, CI, NOTICE_SUPPLEMENT, false, 80, zh, &t, err, sizeof err), 1);
    assert_null(t.text);
    assert_int_equal(notice_for_case(s, &cfg, CD, NOTICE_ACCEPTANCE, false, 80, zh, &t, err, sizeof err), 1);
    assert_int_equal(notice_for_case(s, &cfg, CR, NOTICE_DEFERRAL, false, 80, zh, &t, err, sizeof err), 1);
    assert_int_equal(notice_for_case(s, &cfg, "511425-T03-20261124-0099", NOTICE_ACCEPTANCE, false, 80, zh, &t, err,
                                     sizeof err),
                     1);
    assert_int_equal(notice_for_item(s, &cfg, "NO-SUCH", "W01", "王芳", "2026-11-24", 80, zh, &t, err, sizeof err),
                     1);
    assert_int_equal(notice_for_case(s, &cfg, CS, NOTICE_SUPPLEMENT, false, 19, zh, &t, err, sizeof err), -1);
    assert_non_null(strstr(err, "20 columns"));
    assert_null(t.text);
    /* no configuration: the centre's lines are left out */
    assert_int_equal(notice_for_case(s, NULL, CS, NOTICE_SUPPLEMENT, false, 80, zh, &t, err, sizeof err), 0);
    assert_null(strstr(t.text, "投诉电话"));
    assert_null(strstr(t.text, "某某乡便民服务中心"));
    notice_text_free(&t);
}

static void the_one_time_notice_of_an_item(void **state)
{
    (void)state;
    notice_text t;
    for (int width = 20; width <= 100; width += 8) {
        assert_int_equal(
            notice_for_item(s, &cfg, "mz-04", "W01", "王芳", "2026-11-24", width, zh, &t, err, sizeof err), 0);
        assert_fits(&t, width);
        assert_string_equal(t.title, "一次性告知单");
        assert_string_equal(t.file_name, "MZ-04-one_time.txt");
        assert_shows(&t, "事项名称：内地居民结婚登记");
        assert_shows(&t, "事项类型：行政确认");
        assert_shows(&t, "设定依据：《中华人民共和国民法典》第一千零四十六条");
        assert_shows(&t, "办结时限：即办件，当场办结");
        assert_shows(&t, "1. 双方本人的居民身份证 原件（核验后退还；身份证过期或遗失的可使用有效临时居民身份证）");
        assert_shows(&t, "2. 本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明 原件 2份");
        assert_shows(&t, "3. 双方近期半身免冠合影照片（2寸） 原件 3份");
        assert_shows(&t, "收费标准：不收费");
        assert_shows(&t, "办理地点：某某乡便民服务中心");
        assert_shows(&t, "监督投诉方式：12345政务服务便民热线");
        assert_shows(&t, "受理窗口：W01 民政综合窗口");
        assert_shows(&t, "经办人：王芳");
        assert_null(strstr(t.text, "办件编号"));
        notice_text_free(&t);
    }
    assert_int_equal(notice_for_item(s, &cfg, "MZ-01", "W01", "王芳", "2026-11-24", 80, zh, &t, err, sizeof err), 0);
    assert_shows(&t, "法定办结时限：30个工作日");
    assert_shows(&t, "承诺办结时限：25个工作日");
    assert_int_equal(count(t.text, "\n6. "), 1);
    notice_text_free(&t);
}

/* ---- printing and saving ----------------------------------------------------------------- */

static char *slurp(const char *file, size_t *len)
{
    FILE *f = fopen(file, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    *len = fread(buf, 1, sizeof buf - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void printing_goes_through_the_command(void **state)
{
    (void)state;
    build_cases();
    notice_text t = DOC(CS, NOTICE_SUPPLEMENT, false, 80);
    char cmd[256], out[160];
    snprintf(out, sizeof out, "%s/printed.txt", dir);
    snprintf(cmd, sizeof cmd, "cat > '%s'", out);
    assert_int_equal(notice_print(cmd, t.text, t.len, err, sizeof err), 0);
    size_t len;
    char *got = slurp(out, &len);
    assert_int_equal(len, t.len);
    assert_memory_equal(got, t.text, len);

    assert_int_equal(notice_print("exit 3", t.text, t.len, err, sizeof err), -1);
    assert_string_equal(err, "print command 'exit 3' exited with status 3");
    assert_int_equal(notice_print("/nonexistent/lp -d desk", t.text, t.len, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot start"));
    assert_int_equal(notice_print("kill -9 $$", t.text, t.len, err, sizeof err), -1);
    assert_non_null(strstr(err, "signal 9"));
    assert_int_equal(notice_print("", t.text, t.len, err, sizeof err), -1);
    notice_text_free(&t);
}

static void a_command_that_stops_reading_does_not_kill_us(void **state)
{
    (void)state;
    size_t len = 1 << 20; /* far more than a pipe holds */
    char *big = malloc(len);
    assert_non_null(big);
    memset(big, 'x', len);
    assert_int_equal(notice_print("true", big, len, err, sizeof err), -1);
    assert_non_null(strstr(err, "did not read the whole notice"));
    assert_int_equal(notice_print("head -c 10 >/dev/null; exit 4", big, len, err, sizeof err), -1);
    assert_non_null(strstr(err, "status 4"));
    free(big);
    struct sigaction now;
    assert_int_equal(sigaction(SIGPIPE, NULL, &now), 0);
    assert_true(now.sa_handler == SIG_DFL); /* put back as it was */
}

static void saving_never_overwrites(void **state)
{
    (void)state;
    static const char text[] = "补正材料通知书\n";
    char p1[256], p2[256], p3[256], want[256];
    mode_t old = umask(022);
    assert_int_equal(notice_save(dir, "X-supplement.txt", text, strlen(text), p1, sizeof p1, err, sizeof err), 0);
    assert_int_equal(notice_save(dir, "X-supplement.txt", "second", 6, p2, sizeof p2, err, sizeof err), 0);
    assert_int_equal(notice_save(dir, "X-supplement.txt", "third", 5, p3, sizeof p3, err, sizeof err), 0);
    umask(old);
    snprintf(want, sizeof want, "%s/X-supplement.txt", dir);
    assert_string_equal(p1, want);
    snprintf(want, sizeof want, "%s/X-supplement-2.txt", dir);
    assert_string_equal(p2, want);
    snprintf(want, sizeof want, "%s/X-supplement-3.txt", dir);
    assert_string_equal(p3, want);
    size_t len;
    assert_string_equal(slurp(p1, &len), text); /* the first is untouched */
    assert_string_equal(slurp(p2, &len), "second");
    struct stat st;
    assert_int_equal(stat(p1, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    /* a name without .txt gets its number at the end */
    assert_int_equal(notice_save(dir, "plain", "a", 1, p1, sizeof p1, err, sizeof err), 0);
    assert_int_equal(notice_save(dir, "plain", "b", 1, p2, sizeof p2, err, sizeof err), 0);
    snprintf(want, sizeof want, "%s/plain-2", dir);
    assert_string_equal(p2, want);

    char missing[128];
    snprintf(missing, sizeof missing, "%s/no/such/dir", dir);
    assert_int_equal(notice_save(missing, "X.txt", "a", 1, p1, sizeof p1, err, sizeof err), -1);
    assert_non_null(strstr(err, missing));
    assert_int_equal(notice_save(dir, "../X.txt", "a", 1, p1, sizeof p1, err, sizeof err), -1);
    assert_int_equal(notice_save(dir, "", "a", 1, p1, sizeof p1, err, sizeof err), -1);
    assert_int_equal(notice_save(dir, "X-supplement.txt", "a", 1, p1, 8, err, sizeof err), -1);
    assert_non_null(strstr(err, "too long"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_supplement_notice_lists_what_the_checklist_found, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reprint_says_what_the_notice_asked_for, setup, teardown),
        cmocka_unit_test_setup_teardown(the_acceptance_notice_after_the_supplement, setup, teardown),
        cmocka_unit_test_setup_teardown(the_deferral_commitment_and_the_rejection, setup, teardown),
        cmocka_unit_test_setup_teardown(an_immediate_case_has_its_acceptance_without_a_stored_notice, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(what_does_not_exist_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(the_one_time_notice_of_an_item, setup, teardown),
        cmocka_unit_test_setup_teardown(printing_goes_through_the_command, setup, teardown),
        cmocka_unit_test_setup_teardown(a_command_that_stops_reading_does_not_kill_us, setup, teardown),
        cmocka_unit_test_setup_teardown(saving_never_overwrites, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
