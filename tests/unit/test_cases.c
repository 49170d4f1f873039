/* test_cases.c - case numbers (a daily sequence per terminal, codes checked,
 * two stores and two processes on one file never sharing a number, numbers
 * used by a case skipped, the 9999 limit, all or none), the search box (each
 * kind of query finds the right case, newest first and limited, and every
 * kind's statement is planned on an index), and the CSV export (BOM, header,
 * RFC 4180 quoting, masking, formula defusing, the date range). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/idcard.h"
#include "data/cases.h"
#include "data/events.h"
#include "data/store.h"

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];
static store *s;

static const gdate TODAY = {2026, 11, 23};

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichet-cases-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    s = store_open(path, err, sizeof err);
    return s ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(s);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static gdate day(int y, int m, int d)
{
    return (gdate){y, m, d};
}

/* ---- numbers ------------------------------------------------------------------------ */

static void numbers_follow_a_daily_sequence_per_terminal(void **state)
{
    (void)state;
    char n[CASENUM_LEN];
    assert_int_equal(cases_new_number(s, TODAY, n), 0);
    assert_string_equal(n, "000000-T01-20261123-0001"); /* migration 5's default codes */
    assert_int_equal(cases_new_number(s, TODAY, n), 0);
    assert_string_equal(n, "000000-T01-20261123-0002");
    assert_int_equal(cases_new_number(s, day(2026, 11, 24), n), 0);
    assert_string_equal(n, "000000-T01-20261124-0001");
    assert_int_equal(cases_set_codes(s, "511425", "t03"), 0); /* lower case typed, stored upper */
    assert_int_equal(cases_new_number(s, TODAY, n), 0);
    assert_string_equal(n, "511425-T03-20261123-0001");
    assert_int_equal(cases_new_number(s, TODAY, n), 0);
    assert_string_equal(n, "511425-T03-20261123-0002");
    char many[3][CASENUM_LEN];
    assert_int_equal(cases_new_numbers(s, TODAY, 3, many), 0);
    assert_string_equal(many[0], "511425-T03-20261123-0003");
    assert_string_equal(many[2], "511425-T03-20261123-0005");
    casenum_parts p;
    assert_int_equal(casenum_parse(many[1], &p), CASENUM_OK);
    assert_int_equal(p.seq, 4);
}

static void codes_are_checked_and_a_bad_one_changes_nothing(void **state)
{
    (void)state;
    char c[CASENUM_CENTRE_MAX + 1], t[CASENUM_TERMINAL_MAX + 1];
    assert_int_equal(cases_codes(s, c, t), 0);
    assert_string_equal(c, "000000");
    assert_string_equal(t, "T01");
    const char *bad[][2] = {{"", "T01"},      {"511425", ""},    {"5114250000000", "T01"}, {"511-425", "T01"},
                            {"511425", "T 1"}, {"511425", "终端"}, {NULL, "T01"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(cases_set_codes(s, bad[i][0], bad[i][1]), -1);
        assert_non_null(strstr(store_errmsg(s), "nothing was changed"));
        assert_int_equal(cases_codes(s, c, t), 0);
        assert_string_equal(c, "000000");
        assert_string_equal(t, "T01");
    }
    assert_int_equal(cases_set_codes(s, "511425", "T000007"), -1); /* seven */
    assert_int_equal(cases_set_codes(s, "abcdefghijkl", "T00007"), 0); /* twelve and six */
    assert_int_equal(cases_codes(s, c, t), 0);
    assert_string_equal(c, "ABCDEFGHIJKL");
    assert_string_equal(t, "T00007");
    char n[CASENUM_LEN];
    assert_int_equal(cases_new_number(s, TODAY, n), 0);
    assert_string_equal(n, "ABCDEFGHIJKL-T00007-20261123-0001");
    assert_int_equal(cases_new_number(s, day(2026, 2, 30), n), -1);
}

/* Collect numbers and check that the `total` of them are exactly seq 1..total of one day. */
static void assert_one_to(char (*nums)[CASENUM_LEN], int total)
{
    char *seen = calloc((size_t)total + 1, 1);
    assert_non_null(seen);
    for (int i = 0; i < total; i++) {
        casenum_parts p;
        assert_int_equal(casenum_parse(nums[i], &p), CASENUM_OK);
        assert_true(p.seq >= 1 && p.seq <= total);
        if (seen[p.seq])
            fail_msg("number %s handed out twice", nums[i]);
        seen[p.seq] = 1;
    }
    free(seen);
}

static void two_stores_on_one_file_never_share_a_number(void **state)
{
    (void)state;
    store *s2 = store_open(path, err, sizeof err);
    assert_non_null(s2);
    char nums[100][CASENUM_LEN];
    for (int i = 0; i < 50; i++) {
        assert_int_equal(cases_new_number(s, TODAY, nums[2 * i]), 0);
        assert_int_equal(cases_new_number(s2, TODAY, nums[2 * i + 1]), 0);
    }
    assert_one_to(nums, 100);
    store_close(s2);
}

/* Each child allocates `per` numbers on its own connection and writes them to its file. */
static void child_allocates(int which, int per)
{
    char e[STORE_ERR_LEN], out[160];
    store *cs = store_open(path, e, sizeof e);
    snprintf(out, sizeof out, "%s/child%d.txt", dir, which);
    FILE *f = fopen(out, "w");
    int ok = cs && f;
    for (int i = 0; ok && i < per; i++) {
        char n[CASENUM_LEN];
        ok = cases_new_number(cs, TODAY, n) == 0 && fprintf(f, "%s\n", n) > 0;
    }
    if (f)
        fclose(f);
    store_close(cs);
    _exit(ok ? 0 : 1);
}

static void two_processes_allocating_at_once_never_collide(void **state)
{
    (void)state;
    enum { PER = 150 };
    pid_t pid[2];
    for (int c = 0; c < 2; c++) {
        pid[c] = fork();
        assert_true(pid[c] >= 0);
        if (pid[c] == 0)
            child_allocates(c, PER);
    }
    for (int c = 0; c < 2; c++) {
        int status;
        assert_int_equal(waitpid(pid[c], &status, 0), pid[c]);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    static char nums[2 * PER][CASENUM_LEN];
    int n = 0;
    for (int c = 0; c < 2; c++) {
        char in[160], line[64];
        snprintf(in, sizeof in, "%s/child%d.txt", dir, c);
        FILE *f = fopen(in, "r");
        assert_non_null(f);
        while (fgets(line, sizeof line, f) && n < 2 * PER) {
            line[strcspn(line, "\n")] = '\0';
            assert_true(strlen(line) < CASENUM_LEN);
            memcpy(nums[n++], line, strlen(line) + 1);
        }
        fclose(f);
    }
    assert_int_equal(n, 2 * PER);
    assert_one_to(nums, 2 * PER);
}

static void the_9999th_number_is_the_last_of_the_day_and_allocation_is_all_or_none(void **state)
{
    (void)state;
    static char nums[CASENUM_SEQ_MAX][CASENUM_LEN];
    char n[CASENUM_LEN];
    assert_int_equal(cases_new_numbers(s, TODAY, 10000, nums), -1);
    assert_int_equal(cases_new_numbers(s, TODAY, 9998, nums), 0);
    assert_string_equal(nums[9997], "000000-T01-20261123-9998");
    assert_int_equal(cases_new_numbers(s, TODAY, 2, nums), -1); /* only one left: none is taken */
    assert_non_null(strstr(store_errmsg(s), "all 9999 case numbers of 2026-11-23"));
    assert_int_equal(cases_new_number(s, TODAY, n), 0);
    assert_string_equal(n, "000000-T01-20261123-9999");
    assert_int_equal(cases_new_number(s, TODAY, n), -1);
    assert_non_null(strstr(store_errmsg(s), "nothing was allocated"));
    assert_int_equal(cases_new_number(s, day(2026, 11, 24), n), 0); /* the next day starts again */
    assert_string_equal(n, "000000-T01-20261124-0001");
}

/* ---- cases to search ---------------------------------------------------------------- */

/* A valid ID number from 17 digits. */
static const char *id_of(const char *d17)
{
    static char buf[4][IDCARD_LEN + 1];
    static int k;
    char *b = buf[k++ % 4];
    snprintf(b, IDCARD_LEN + 1, "%s%c", d17, idcard_check_char(d17));
    return b;
}

static void receive(const char *number, const char *date, const char *name, const char *id, const char *phone)
{
    ev_field f[8] = {ev_str("date", date), ev_str("item", "MZ-01"), ev_str("class", "promised"),
                     ev_str("applicant_name", name), ev_str("window", "W01")};
    size_t n = 5;
    if (id)
        f[n++] = ev_str("applicant_id", id);
    if (phone)
        f[n++] = ev_str("applicant_phone", phone);
    event_in in = {"case.received", number, 1, f, n};
    if (events_append(s, &in, NULL) != 0)
        fail_msg("%s: %s", number, store_errmsg(s));
}

static void a_number_already_used_by_a_case_is_skipped(void **state)
{
    (void)state;
    receive("000000-T01-20261123-0001", "2026-11-23", "张三", NULL, NULL); /* e.g. from an older copy */
    receive("000000-T01-20261123-0003", "2026-11-23", "李四", NULL, NULL);
    char n[CASENUM_LEN];
    assert_int_equal(cases_new_number(s, TODAY, n), 0);
    assert_string_equal(n, "000000-T01-20261123-0002");
    assert_int_equal(cases_new_number(s, TODAY, n), 0);
    assert_string_equal(n, "000000-T01-20261123-0004");
}

#define ID_A "11010519491231002"  /* 17 digits; the check character is X */
#define ID_B "51142519800101123"
#define ID_C "51142519900215242"

static void search_cases(void)
{
    receive("511425-T03-20261120-0001", "2026-11-20", "张三", id_of(ID_A), "13800138000");
    receive("511425-T03-20261121-0001", "2026-11-21", "张三丰", id_of(ID_B), "13912345678");
    receive("511425-T03-20261122-0001", "2026-11-22", "李四", id_of(ID_C), "13800138000");
    receive("511425-T03-20261123-0002", "2026-11-23", "王芳", NULL, NULL);
    receive("511425-T04-20261123-0002", "2026-11-23", "汪洋", NULL, "0833-5551234");
    receive("511425-T03-20261123-0003", "2026-11-23", "王芳芳", NULL, NULL);
}

/* Search and compare the case numbers found, in order. */
static void expect_(int line, const char *query, int max, const char *const *want, int nwant)
{
    case_hit hits[CASES_HITS_MAX];
    int n = -1;
    if (cases_search_on(s, TODAY, query, hits, max, &n) != 0)
        fail_msg("line %d: \"%s\": %s", line, query, store_errmsg(s));
    if (n != nwant)
        fail_msg("line %d: \"%s\": %d hits, expected %d", line, query, n, nwant);
    for (int i = 0; i < n; i++)
        if (strcmp(hits[i].case_id, want[i]) != 0)
            fail_msg("line %d: \"%s\": hit %d is %s, expected %s", line, query, i, hits[i].case_id, want[i]);
}
#define EXPECT(query, ...)                                                                     \
    expect_(__LINE__, query, 20, (const char *const[]){__VA_ARGS__},                           \
            (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))
#define EXPECT_NONE(query) expect_(__LINE__, query, 20, NULL, 0)

static void search_finds_each_kind_of_query(void **state)
{
    (void)state;
    search_cases();
    /* whole numbers, lower case too */
    EXPECT("511425-T03-20261120-0001", "511425-T03-20261120-0001");
    EXPECT("  511425-t03-20261121-0001 ", "511425-T03-20261121-0001");
    EXPECT_NONE("511425-T03-20261121-0009");
    /* tails: that day's NNNN on any terminal; NNNN alone is today's */
    EXPECT("20261120-0001", "511425-T03-20261120-0001");
    EXPECT("20261123-0002", "511425-T04-20261123-0002", "511425-T03-20261123-0002");
    EXPECT("0002", "511425-T04-20261123-0002", "511425-T03-20261123-0002");
    EXPECT("2", "511425-T04-20261123-0002", "511425-T03-20261123-0002");
    EXPECT("\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x92", /* "０００２" typed in 全角 mode */
           "511425-T04-20261123-0002", "511425-T03-20261123-0002");
    EXPECT("t03-20261123-0002", "511425-T03-20261123-0002");
    EXPECT("T03-20261123-2", "511425-T03-20261123-0002");
    EXPECT_NONE("T09-20261123-0002");
    EXPECT_NONE("0001"); /* nothing received today with 0001 */
    /* ID numbers: a lowercase x is the same number */
    EXPECT("11010519491231002x", "511425-T03-20261120-0001");
    EXPECT("11010519491231002\xEF\xBD\x98", "511425-T03-20261120-0001"); /* a full-width ｘ */
    EXPECT(id_of(ID_B), "511425-T03-20261121-0001");
    /* telephones, normalised */
    EXPECT("+86 138-0013-8000", "511425-T03-20261122-0001", "511425-T03-20261120-0001");
    EXPECT("0833 5551234", "511425-T04-20261123-0002");
    /* names: a prefix, newest first */
    EXPECT("张三", "511425-T03-20261121-0001", "511425-T03-20261120-0001");
    EXPECT("张三丰", "511425-T03-20261121-0001");
    EXPECT("王", "511425-T03-20261123-0003", "511425-T03-20261123-0002"); /* not 汪洋 */
    EXPECT("王芳\xE3\x80\x80", "511425-T03-20261123-0003", "511425-T03-20261123-0002");
    EXPECT_NONE("芳"); /* not a substring search */
    EXPECT_NONE("赵");
}

static void a_hit_carries_what_the_screen_shows(void **state)
{
    (void)state;
    search_cases();
    case_hit h[2];
    int n = 0;
    assert_int_equal(cases_search_on(s, TODAY, "张三丰", h, 2, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].item, "MZ-01");
    assert_string_equal(h[0].item_name, ""); /* no catalogue imported in this file */
    assert_int_equal(h[0].cls, CASE_CLASS_PROMISED);
    assert_int_equal(h[0].status, CASE_RECEIVED);
    assert_string_equal(h[0].applicant_phone, "13912345678");
    assert_string_equal(h[0].applicant_id, id_of(ID_B));
    assert_string_equal(h[0].window_id, "W01");
    assert_string_equal(h[0].received, "2026-11-21");
    assert_string_equal(h[0].due, "");
}

static void search_results_are_newest_first_and_limited(void **state)
{
    (void)state;
    char num[CASENUM_LEN], date[DATE_STR_LEN];
    for (int i = 0; i < 30; i++) {
        gdate d = date_add_days(day(2026, 10, 1), i);
        snprintf(num, sizeof num, "511425-T03-%04d%02d%02d-0001", d.y, d.m, d.d);
        receive(num, date_format(d, date), "孙秀英", NULL, "13512345678");
    }
    case_hit hits[10];
    int n = 0;
    assert_int_equal(cases_search_on(s, TODAY, "13512345678", hits, 10, &n), 0);
    assert_int_equal(n, 10);
    assert_string_equal(hits[0].received, "2026-10-30");
    for (int i = 1; i < n; i++)
        assert_true(strcmp(hits[i - 1].received, hits[i].received) > 0);
    assert_int_equal(cases_search_on(s, TODAY, "孙秀", hits, 10, &n), 0);
    assert_int_equal(n, 10);
    assert_string_equal(hits[9].received, "2026-10-21");
    assert_int_equal(cases_search_on(s, TODAY, "孙", hits, 0, &n), -1);
    assert_int_equal(cases_search_on(s, TODAY, "孙", hits, CASES_HITS_MAX + 1, &n), -1);
}

/* The plan of a query: every step reads through an index, and `index` is among them. */
static void plan_uses_(int line, const char *query, const char *index)
{
    char plan[4096];
    if (cases_search_plan(s, TODAY, query, plan, sizeof plan) != 0)
        fail_msg("line %d: %s", line, store_errmsg(s));
    if (!strstr(plan, index))
        fail_msg("line %d: \"%s\" is not planned on %s:\n%s", line, query, index, plan);
    for (char *l = plan; *l; l = strchr(l, '\n') + 1) {
        bool scan = strncmp(l, "SCAN", 4) == 0, search = strncmp(l, "SEARCH", 6) == 0;
        char *eol = strchr(l, '\n');
        *eol = '\0';
        if ((scan || search) && !strstr(l, " USING "))
            fail_msg("line %d: \"%s\" reads a table without an index: %s", line, query, l);
        if (scan && !strstr(l, "USING COVERING INDEX cases_received"))
            fail_msg("line %d: \"%s\" scans: %s", line, query, l);
        *eol = '\n';
    }
}
#define PLAN_USES(query, index) plan_uses_(__LINE__, query, index)

static void every_kind_of_search_reads_an_index(void **state)
{
    (void)state;
    search_cases();
    PLAN_USES("511425-T03-20261120-0001", "USING INDEX sqlite_autoindex_cases_1 (case_id=?)");
    PLAN_USES("20261120-0001", "USING INDEX cases_day_seq (<expr>=?)");
    PLAN_USES("0007", "USING INDEX cases_day_seq (<expr>=?)");
    PLAN_USES("T03-20261120-0001", "USING INDEX cases_day_seq (<expr>=?)");
    PLAN_USES("11010519491231002x", "USING INDEX cases_applicant_id (applicant_id=?)");
    PLAN_USES("13800138000", "USING INDEX cases_applicant_phone (applicant_phone=?)");
    PLAN_USES("张", "USING COVERING INDEX cases_name_recent (applicant_name>? AND applicant_name<?)");
    PLAN_USES("张三丰", "USING COVERING INDEX cases_name_recent (applicant_name>? AND applicant_name<?)");
}

/* 21 days of 100 cases named 王… (a prefix shared by more than CASES_NAME_BROAD cases), and one 王芳. */
static void many_wangs(void)
{
    static const char *const given[] = {"伟", "秀英", "磊", "静", "军"};
    static ev_field f[21 * 100][5];
    event_in in[EVENT_BATCH_MAX];
    static char nums[21 * 100][CASENUM_LEN], dates[21][DATE_STR_LEN], names[21 * 100][16];
    size_t n = 0;
    for (int d = 0; d < 21; d++) {
        date_format(date_add_days(day(2026, 10, 1), d), dates[d]);
        for (int k = 0; k < 100; k++) {
            int i = d * 100 + k;
            snprintf(nums[i], CASENUM_LEN, "511425-T03-%.4s%.2s%.2s-%04d", dates[d], dates[d] + 5, dates[d] + 8,
                     k + 1);
            snprintf(names[i], sizeof names[i], "王%s", i == 5 ? "芳" : given[i % 5]);
            ev_field one[5] = {ev_str("date", dates[d]), ev_str("item", "MZ-01"), ev_str("class", "promised"),
                               ev_str("applicant_name", names[i]), ev_str("window", "W01")};
            memcpy(f[i], one, sizeof one);
            in[n++] = (event_in){"case.received", nums[i], 1, f[i], 5};
            if (n == EVENT_BATCH_MAX || i == 21 * 100 - 1) {
                if (events_append_many(s, in, n, NULL) != 0)
                    fail_msg("%s", store_errmsg(s));
                n = 0;
            }
        }
    }
}

static void a_broad_name_prefix_is_searched_newest_first(void **state)
{
    (void)state;
    many_wangs();
    case_hit hits[20];
    int n = 0;
    assert_int_equal(cases_search_on(s, TODAY, "王", hits, 20, &n), 0);
    assert_int_equal(n, 20);
    for (int i = 0; i < n; i++) { /* the last day's, highest numbers first */
        char want[CASENUM_LEN];
        snprintf(want, sizeof want, "511425-T03-20261021-%04d", 100 - i);
        assert_string_equal(hits[i].case_id, want);
    }
    PLAN_USES("王", "SCAN cases USING COVERING INDEX cases_received");
    assert_int_equal(cases_search_on(s, TODAY, "王芳", hits, 20, &n), 0); /* narrow: the name index */
    assert_int_equal(n, 1);
    assert_string_equal(hits[0].case_id, "511425-T03-20261001-0006");
    PLAN_USES("王芳", "USING COVERING INDEX cases_name_recent");
    assert_int_equal(cases_search_on(s, TODAY, "王秀", hits, 20, &n), 0); /* 420: sorted, newest first */
    assert_int_equal(n, 20);
    assert_string_equal(hits[0].case_id, "511425-T03-20261021-0097");
    PLAN_USES("王秀", "USING COVERING INDEX cases_name_recent");
}

static void bad_queries_are_refused_with_the_reason(void **state)
{
    (void)state;
    case_hit h[5];
    int n = 7;
    assert_int_equal(cases_search_on(s, TODAY, "   ", h, 5, &n), -1);
    assert_int_equal(n, 0);
    assert_non_null(strstr(store_errmsg(s), "type a case number"));
    assert_int_equal(cases_search_on(s, TODAY, "110105194912310021", h, 5, &n), -1);
    assert_non_null(strstr(store_errmsg(s), "check character"));
    assert_int_equal(cases_search_on(s, TODAY, "12345678901", h, 5, &n), -1);
    assert_non_null(strstr(store_errmsg(s), "start with 13 to 19"));
    assert_int_equal(cases_search_on(s, TODAY, "0000", h, 5, &n), -1);
    assert_non_null(strstr(store_errmsg(s), "0001 to 9999"));
    assert_int_equal(cases_search_on(s, TODAY, "20261341-0001", h, 5, &n), -1);
    assert_non_null(strstr(store_errmsg(s), "not a real date"));
    assert_int_equal(cases_search_on(s, TODAY, "\xFF\xFE", h, 5, &n), -1);
    assert_int_equal(cases_search_on(s, day(2026, 2, 30), "张三", h, 5, &n), -1);
    cases_query q;
    assert_int_equal(cases_query_read("13800138000", TODAY, &q, err, sizeof err), 0);
    assert_int_equal(q.by, CASES_BY_PHONE);
    assert_string_equal(cases_by_name(q.by), "phone");
    assert_int_equal(cases_query_read("张三", TODAY, &q, err, sizeof err), 0);
    assert_string_equal(cases_by_name(q.by), "name");
}

/* ---- export ----------------------------------------------------------------------------- */

/* Export into memory; the text (free it) or NULL when the export failed. */
static char *export_(const char *from, const char *to, unsigned flags, long *rows)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    int rc = cases_export_csv_flags(s, from, to, flags, f, rows);
    fclose(f);
    if (rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static const char HEADER[] = "case_number,item_code,item_name,class,status,applicant_name,applicant_id,"
                             "applicant_phone,window,clerk,received,accepted,due,concluded,delivered,on_time,"
                             "supplements,first_visit\r\n";

static void export_writes_rfc4180_csv_with_a_bom_and_masks(void **state)
{
    (void)state;
    receive("511425-T03-20261120-0001", "2026-11-20", "张三", id_of(ID_A), "13800138000");
    receive("511425-T03-20261120-0002", "2026-11-20", "O'Neil, \"Jr\"\n王", NULL, "0833-5551234");
    receive("511425-T03-20261120-0003", "2026-11-20", "=HYPERLINK(\"x\")", NULL, NULL);
    ev_field acc[] = {ev_str("date", "2026-11-20"), ev_str("due", "2026-11-27")};
    event_in in = {"case.accepted", "511425-T03-20261120-0001", 1, acc, 2};
    assert_int_equal(events_append(s, &in, NULL), 0);
    long rows = 0;
    char *csv = export_("2026-11-20", "2026-11-20", 0, &rows);
    assert_non_null(csv);
    assert_int_equal(rows, 3);
    assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
    assert_memory_equal(csv + 3, HEADER, strlen(HEADER));
    const char *row1 = csv + 3 + strlen(HEADER);
    const char want1[] = "511425-T03-20261120-0001,MZ-01,,promised,accepted,张三,110105********002X,138****8000,"
                         "W01,1,2026-11-20,2026-11-20,2026-11-27,,,,0,no\r\n";
    assert_memory_equal(row1, want1, strlen(want1));
    const char *row2 = row1 + strlen(want1);
    const char want2[] = "511425-T03-20261120-0002,MZ-01,,promised,received,\"O'Neil, \"\"Jr\"\"\n王\",,"
                         "083*-***1234,W01,1,2026-11-20,,,,,,0,no\r\n";
    assert_memory_equal(row2, want2, strlen(want2));
    const char *row3 = row2 + strlen(want2);
    const char want3[] = "511425-T03-20261120-0003,MZ-01,,promised,received,\"'=HYPERLINK(\"\"x\"\")\",,,W01,1,"
                         "2026-11-20,,,,,,0,no\r\n";
    assert_string_equal(row3, want3);
    free(csv);
    csv = export_("2026-11-20", "2026-11-20", CASES_EXPORT_NO_BOM, &rows);
    assert_non_null(csv);
    assert_memory_equal(csv, HEADER, strlen(HEADER));
    free(csv);
}

static void export_takes_the_cases_received_in_the_range(void **state)
{
    (void)state;
    receive("511425-T03-20261119-0001", "2026-11-19", "甲", NULL, NULL);
    receive("511425-T03-20261120-0001", "2026-11-20", "乙", NULL, NULL);
    receive("511425-T03-20261121-0001", "2026-11-21", "丙", NULL, NULL);
    receive("511425-T03-20261123-0001", "2026-11-23", "丁", NULL, NULL);
    long rows = -1;
    char *csv = export_("2026-11-20", "2026-11-21", 0, &rows);
    assert_non_null(csv);
    assert_int_equal(rows, 2);
    assert_null(strstr(csv, "20261119"));
    assert_non_null(strstr(csv, "20261120-0001"));
    assert_non_null(strstr(csv, "20261121-0001"));
    assert_true(strstr(csv, "20261120-0001") < strstr(csv, "20261121-0001"));
    assert_null(strstr(csv, "20261123"));
    free(csv);
    csv = export_("2026-12-01", "2026-12-31", 0, &rows);
    assert_non_null(csv);
    assert_int_equal(rows, 0);
    assert_string_equal(csv + 3, HEADER);
    free(csv);
    assert_null(export_("2026-11-21", "2026-11-20", 0, &rows));
    assert_non_null(strstr(store_errmsg(s), "after the last day"));
    assert_null(export_("2026-11-31", "2026-12-01", 0, &rows));
    assert_null(export_("20261120", "2026-12-01", 0, &rows));
    assert_null(export_(NULL, "2026-12-01", 0, &rows));
}

static void masks_keep_only_the_ends(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(cases_mask_id("11010519491231002X", b, sizeof b), "110105********002X");
    assert_string_equal(cases_mask_id("110105491231002", b, sizeof b), "110105*****1002"); /* old 15 digits */
    assert_string_equal(cases_mask_id("1234567890", b, sizeof b), "**********");
    assert_string_equal(cases_mask_id("", b, sizeof b), "");
    assert_string_equal(cases_mask_phone("13800138000", b, sizeof b), "138****8000");
    assert_string_equal(cases_mask_phone("0571-88889999", b, sizeof b), "057*-****9999");
    assert_string_equal(cases_mask_phone("1234567", b, sizeof b), "*******");
    assert_string_equal(cases_mask_phone("", b, sizeof b), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(numbers_follow_a_daily_sequence_per_terminal, setup, teardown),
        cmocka_unit_test_setup_teardown(codes_are_checked_and_a_bad_one_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(two_stores_on_one_file_never_share_a_number, setup, teardown),
        cmocka_unit_test_setup_teardown(two_processes_allocating_at_once_never_collide, setup, teardown),
        cmocka_unit_test_setup_teardown(the_9999th_number_is_the_last_of_the_day_and_allocation_is_all_or_none,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_number_already_used_by_a_case_is_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(search_finds_each_kind_of_query, setup, teardown),
        cmocka_unit_test_setup_teardown(a_hit_carries_what_the_screen_shows, setup, teardown),
        cmocka_unit_test_setup_teardown(search_results_are_newest_first_and_limited, setup, teardown),
        cmocka_unit_test_setup_teardown(every_kind_of_search_reads_an_index, setup, teardown),
        cmocka_unit_test_setup_teardown(a_broad_name_prefix_is_searched_newest_first, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_queries_are_refused_with_the_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(export_writes_rfc4180_csv_with_a_bom_and_masks, setup, teardown),
        cmocka_unit_test_setup_teardown(export_takes_the_cases_received_in_the_range, setup, teardown),
        cmocka_unit_test_setup_teardown(masks_keep_only_the_ends, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
