/* test_catalog.c - the item catalogue: importing the demo file, the
 * all-or-nothing import with FILE:LINE for every kind of error (a bad file
 * leaves the previous catalogue as it was), re-import as a new version,
 * list and get, and search by code, name substring and pinyin initials
 * (jhdj finds 结婚登记, dbsq finds 低保, polyphones read either way). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/catalog.h"
#include "data/store.h"

#define DEMO "data/catalog/demo.ini"

static char dir[64];
static char db_path[128];
static char ini_path[128];
static store *st;

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    st = NULL;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int setup(void **state)
{
    (void)state;
    setenv("GUICHET_DATADIR", "data", 1);
    snprintf(dir, sizeof dir, "/tmp/guichet-catalog-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db_path, sizeof db_path, "%s/t.db", dir);
    snprintf(ini_path, sizeof ini_path, "%s/bad.ini", dir);
    char err[STORE_ERR_LEN];
    st = store_open(db_path, err, sizeof err);
    if (!st) {
        print_error("%s\n", err);
        teardown(state); /* cmocka skips teardown when setup fails */
        return -1;
    }
    return 0;
}

/* A valid two-item catalogue; the comments on the right are line numbers the error tests rely on. */
static const char *const base_lines[] = {
    "# test catalogue",          /* 1 */
    "[defaults]",                /* 2 */
    "place = 某乡便民服务中心",   /* 3 */
    "hours = 工作日 9:00-17:00",  /* 4 */
    "contact = 0910-5550100",    /* 5 */
    "complaint = 12345",         /* 6 */
    "[item.T-1]",                /* 7 */
    "name = 结婚登记",            /* 8 */
    "kind = 行政确认",            /* 9 */
    "department = 民政办",        /* 10 */
    "authority = 乡人民政府",     /* 11 */
    "class = immediate",         /* 12 */
    "basis = 婚姻登记条例",       /* 13 */
    "conditions = 双方自愿",      /* 14 */
    "object = 自然人",            /* 15 */
    "statutory_days = 0",        /* 16 */
    "promised_days = 0",         /* 17 */
    "result = 结婚证",            /* 18 */
    "fee = 不收费",               /* 19 */
    "procedure = 当场登记",       /* 20 */
    "handling = 窗口办理",        /* 21 */
    "[material.T-1.1]",          /* 22 */
    "name = 居民身份证",          /* 23 */
    "form = original",           /* 24 */
    "copies = 0",                /* 25 */
    "kind = essential",          /* 26 */
    "[item.T-2]",                /* 27 */
    "name = 长期护理补贴",        /* 28 */
    "kind = 行政给付",            /* 29 */
    "department = 民政办",        /* 30 */
    "authority = 县民政局",       /* 31 */
    "class = 承诺件",             /* 32 */
    "basis = 某办法",             /* 33 */
    "conditions = 符合条件",      /* 34 */
    "object = 自然人",            /* 35 */
    "statutory_days = 20",       /* 36 */
    "promised_days = 10",        /* 37 */
    "result = 审批决定",          /* 38 */
    "fee = 不收费",               /* 39 */
    "procedure = 受理审核",       /* 40 */
    "handling = 窗口办理",        /* 41 */
    "[material.T-2.1]",          /* 42 */
    "name = 申请书",              /* 43 */
    "form = 原件",                /* 44 */
    "copies = 1",                /* 45 */
    "kind = 主件",                /* 46 */
    "[material.T-2.2]",          /* 47 */
    "name = 银行账户",            /* 48 */
    "form = copy",               /* 49 */
    "copies = 1",                /* 50 */
    "kind = auxiliary",          /* 51 */
    "deferrable = yes",          /* 52 */
};
#define BASE_LINES ((int)(sizeof base_lines / sizeof base_lines[0]))

/* Write the base file with line `line` (1-based; 0 = none) replaced by `with` (may hold newlines). */
static void write_variant(const char *path, int line, const char *with)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int i = 1; i <= BASE_LINES; i++)
        fprintf(f, "%s\n", i == line ? with : base_lines[i - 1]);
    fclose(f);
}

static int import(const char *path, catalog_report *rep)
{
    return catalog_import(st, path, rep);
}

static int count_rows(const catalog_row *row, void *ctx)
{
    (void)row;
    (*(int *)ctx)++;
    return 0;
}

static int item_count(void)
{
    int n = 0;
    int listed = catalog_list(st, count_rows, &n);
    assert_int_equal(listed, n);
    return n;
}

static void import_base(void)
{
    catalog_report rep;
    write_variant(ini_path, 0, NULL);
    if (import(ini_path, &rep) != 0)
        fail_msg("%s", rep.errors[0]);
    assert_int_equal(rep.items, 2);
    assert_int_equal(rep.materials, 3);
}

/* --- the demo catalogue ------------------------------------------------------------- */

typedef struct {
    int by_class[CASE_CLASS_COUNT];
    int rows;
} class_counts;

static int count_classes(const catalog_row *row, void *ctx)
{
    class_counts *c = ctx;
    assert_true(row->cls < CASE_CLASS_COUNT);
    assert_true(row->promised_days <= row->statutory_days);
    assert_true(row->materials >= 1);
    c->by_class[row->cls]++;
    c->rows++;
    return 0;
}

static void demo_catalogue_imports_with_at_least_30_items(void **state)
{
    (void)state;
    catalog_report rep;
    if (import(DEMO, &rep) != 0)
        fail_msg("%s", rep.errors[0]);
    assert_int_equal(rep.nerrors, 0);
    assert_true(rep.items >= 30);
    assert_true(rep.materials >= 3 * rep.items / 2);
    assert_int_equal(strlen(rep.sha256), 64);
    catalog_version_info v;
    assert_int_equal(catalog_current_version(st, &v), 0);
    assert_int_equal(v.id, rep.version);
    assert_string_equal(v.file, DEMO);
    assert_string_equal(v.sha256, rep.sha256);
    assert_int_equal(v.items, rep.items);
    class_counts c;
    memset(&c, 0, sizeof c);
    assert_int_equal(catalog_list(st, count_classes, &c), rep.items);
    assert_int_equal(c.rows, rep.items);
    assert_true(c.by_class[CASE_CLASS_IMMEDIATE] >= 3); /* several 即办件 */
    assert_true(c.by_class[CASE_CLASS_PROMISED] >= 5);  /* many 承诺件 */
    assert_true(c.by_class[CASE_CLASS_REFERRED] >= 2);  /* some 上报件 */
    assert_int_equal(c.by_class[CASE_CLASS_JOINT], 1);  /* one 联办件 */
}

/* Deferrable materials exist, are all auxiliary, and never on an immediate item. */
static void demo_defers_only_auxiliary_materials(void **state)
{
    (void)state;
    catalog_report rep;
    assert_int_equal(import(DEMO, &rep), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db,
        "SELECT count(DISTINCT m.item), sum(m.kind = 'essential'), sum(i.class = 'immediate') "
        "FROM catalog_material m JOIN catalog_item i ON i.code = m.item WHERE m.can_defer = 1",
        -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_true(sqlite3_column_int(q, 0) >= 5);
    assert_int_equal(sqlite3_column_int(q, 1), 0);
    assert_int_equal(sqlite3_column_int(q, 2), 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
}

static bool mentions(const char *s, const char *what)
{
    return s && strstr(s, what) != NULL;
}

static void marriage_needs_identity_card_and_declaration_not_household_register(void **state)
{
    (void)state;
    catalog_report rep;
    assert_int_equal(import(DEMO, &rep), 0);
    catalog_hit hits[10];
    int n = catalog_search(st, "jhdj", hits, 10);
    assert_true(n >= 1);
    assert_true(mentions(hits[0].name, "结婚登记"));
    catalog_item it;
    catalog_materials mats;
    assert_int_equal(catalog_get(st, hits[0].code, &it, &mats), 0);
    assert_int_equal(it.cls, CASE_CLASS_IMMEDIATE);
    assert_int_equal(it.promised_days, 0);
    assert_true(mentions(it.basis, "804"));
    assert_string_equal(it.fee, "不收费");
    bool id_card = false, declaration = false;
    for (size_t i = 0; i < mats.n; i++) {
        assert_false(mentions(mats.v[i].name, "户口簿") || mentions(mats.v[i].name, "户口本"));
        assert_false(mentions(mats.v[i].note, "户口簿") || mentions(mats.v[i].note, "户口本"));
        assert_false(mats.v[i].deferrable); /* 即办件: no 容缺 */
        id_card = id_card || (mentions(mats.v[i].name, "居民身份证") && mats.v[i].kind == CK_ESSENTIAL);
        declaration = declaration || (mentions(mats.v[i].name, "签字声明") && mats.v[i].kind == CK_ESSENTIAL);
    }
    assert_true(id_card);
    assert_true(declaration);
    catalog_materials_free(&mats);
    catalog_item_free(&it);
}

/* --- search ---------------------------------------------------------------------------- */

static int find_hit(const catalog_hit *hits, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (strcmp(hits[i].code, code) == 0)
            return i;
    return -1;
}

static void initials_find_marriage_and_dibao(void **state)
{
    (void)state;
    catalog_report rep;
    assert_int_equal(import(DEMO, &rep), 0);
    catalog_hit hits[40];
    int n = catalog_search(st, "jhdj", hits, 40);
    assert_true(n >= 1);
    assert_string_equal(hits[0].code, "MZ-04");
    assert_int_equal(hits[0].match, CATALOG_MATCH_INITIALS_PREFIX); /* through its alias 结婚登记 */
    n = catalog_search(st, "JHDJ", hits, 40);                       /* either letter case */
    assert_true(n >= 1 && strcmp(hits[0].code, "MZ-04") == 0);
    n = catalog_search(st, "dbsq", hits, 40); /* 低保申请 */
    assert_true(n >= 1);
    assert_string_equal(hits[0].code, "MZ-01");
    n = catalog_search(st, "zdshbz", hits, 40); /* 最低生活保障, the official name */
    assert_true(n >= 1);
    assert_string_equal(hits[0].code, "MZ-01");
    assert_int_equal(hits[0].match, CATALOG_MATCH_INITIALS_PREFIX);
}

static void polyphones_match_either_reading(void **state)
{
    (void)state;
    catalog_report rep;
    assert_int_equal(import(DEMO, &rep), 0);
    catalog_hit hits[40];
    /* 劳动争议调解: 调 is tiáo here, diào elsewhere; either initial finds it. */
    int n = catalog_search(st, "ldzytj", hits, 40);
    assert_true(n >= 1 && strcmp(hits[0].code, "RS-06") == 0);
    n = catalog_search(st, "ldzydj", hits, 40);
    assert_true(n >= 1 && strcmp(hits[0].code, "RS-06") == 0);
    /* 重度残疾人 (重 zhòng / chóng) inside 困难残疾人生活补贴和重度残疾人护理补贴 */
    n = catalog_search(st, "zdcjr", hits, 40);
    assert_true(find_hit(hits, n, "MZ-05") >= 0);
    n = catalog_search(st, "cdcjr", hits, 40);
    assert_true(find_hit(hits, n, "MZ-05") >= 0);
    assert_int_equal(hits[find_hit(hits, n, "MZ-05")].match, CATALOG_MATCH_INITIALS);
}

static void code_and_name_substring_search(void **state)
{
    (void)state;
    catalog_report rep;
    assert_int_equal(import(DEMO, &rep), 0);
    catalog_hit hits[40];
    int n = catalog_search(st, "mz-04", hits, 40);
    assert_true(n >= 1);
    assert_string_equal(hits[0].code, "MZ-04");
    assert_int_equal(hits[0].match, CATALOG_MATCH_CODE);
    n = catalog_search(st, "  LY-", hits, 40); /* blanks trimmed; code prefix */
    assert_int_equal(n, 2);
    for (int i = 0; i < n; i++) {
        assert_int_equal(hits[i].match, CATALOG_MATCH_CODE_PREFIX);
        assert_int_equal(strncmp(hits[i].code, "LY-", 3), 0);
    }
    n = catalog_search(st, "宅基地", hits, 40);
    assert_true(n >= 1);
    assert_string_equal(hits[0].code, "ZR-01");
    assert_int_equal(hits[0].match, CATALOG_MATCH_NAME);
    assert_int_equal(hits[0].cls, CASE_CLASS_JOINT);
    n = catalog_search(st, "养老保险", hits, 40);
    assert_true(find_hit(hits, n, "RS-01") >= 0 && find_hit(hits, n, "RS-02") >= 0);
    n = catalog_search(st, "伐木证", hits, 40); /* an alias */
    assert_true(n >= 1 && strcmp(hits[0].code, "LY-01") == 0);
    assert_int_equal(catalog_search(st, "", hits, 40), 0);
    assert_int_equal(catalog_search(st, "   ", hits, 40), 0);
    assert_int_equal(catalog_search(st, "不存在的事项", hits, 40), 0);
    assert_int_equal(catalog_search(st, "mz", hits, 3), 3); /* max respected */
}

static void search_ranks_code_then_initials_prefix_then_name_then_initials(void **state)
{
    (void)state;
    /* Query "gz": GZ's code, R-3's initials (工资), R-2's name (证明GZ), R-1's initials further in. */
    static const char text[] =
        "[defaults]\nkind = 公共服务\ndepartment = 部门\nauthority = 主体\nclass = immediate\n"
        "basis = 依据\nconditions = 条件\nobject = 自然人\nstatutory_days = 0\npromised_days = 0\n"
        "result = 结果\nfee = 不收费\nprocedure = 流程\nhandling = 窗口\nplace = 地点\nhours = 时间\n"
        "contact = 13800138000\ncomplaint = 12345\n"
        "[item.R-1]\nname = 申请工资\n[material.R-1.1]\nname = 表\nform = original\ncopies = 1\nkind = essential\n"
        "[item.R-2]\nname = 证明GZ\n[material.R-2.1]\nname = 表\nform = original\ncopies = 1\nkind = essential\n"
        "[item.R-3]\nname = 工资证明\n[material.R-3.1]\nname = 表\nform = original\ncopies = 1\nkind = essential\n"
        "[item.GZ]\nname = 其他\n[material.GZ.1]\nname = 表\nform = original\ncopies = 1\nkind = essential\n";
    FILE *f = fopen(ini_path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    catalog_report rep;
    if (import(ini_path, &rep) != 0)
        fail_msg("%s", rep.errors[0]);
    catalog_hit hits[10];
    assert_int_equal(catalog_search(st, "gz", hits, 10), 4);
    assert_string_equal(hits[0].code, "GZ");
    assert_int_equal(hits[0].match, CATALOG_MATCH_CODE);
    assert_string_equal(hits[1].code, "R-3");
    assert_int_equal(hits[1].match, CATALOG_MATCH_INITIALS_PREFIX);
    assert_string_equal(hits[2].code, "R-2");
    assert_int_equal(hits[2].match, CATALOG_MATCH_NAME);
    assert_string_equal(hits[3].code, "R-1");
    assert_int_equal(hits[3].match, CATALOG_MATCH_INITIALS);
    /* A Chinese query only matches names: 证明 is in, the earlier occurrence first. */
    assert_int_equal(catalog_search(st, "证明", hits, 10), 2);
    assert_string_equal(hits[0].code, "R-2");
    assert_string_equal(hits[1].code, "R-3");
    assert_int_equal(hits[0].match, CATALOG_MATCH_NAME);
}

/* --- get, list, versions ------------------------------------------------------------------ */

static void get_returns_the_guide_and_ordered_materials(void **state)
{
    (void)state;
    import_base();
    catalog_item it;
    catalog_materials mats;
    assert_int_equal(catalog_get(st, "t-2", &it, &mats), 0); /* code without letter case */
    assert_string_equal(it.code, "T-2");
    assert_string_equal(it.name, "长期护理补贴");
    assert_string_equal(it.initials, "[cz][jq]hlbt"); /* 长 cháng/zhǎng, 期 qī/jī */
    assert_int_equal(it.cls, CASE_CLASS_PROMISED); /* written 承诺件 */
    assert_int_equal(it.statutory_days, 20);
    assert_int_equal(it.promised_days, 10);
    assert_string_equal(it.place, "某乡便民服务中心"); /* from [defaults] */
    assert_string_equal(it.contact, "0910-5550100");
    assert_string_equal(it.fee_basis, "");
    assert_int_equal(mats.n, 2);
    assert_int_equal(mats.v[0].n, 1);
    assert_int_equal(mats.v[0].form, CATALOG_FORM_ORIGINAL); /* written 原件 */
    assert_int_equal(mats.v[0].kind, CK_ESSENTIAL);          /* written 主件 */
    assert_int_equal(mats.v[1].form, CATALOG_FORM_COPY);
    assert_true(mats.v[1].deferrable);
    ck_material ck[4];
    assert_int_equal(catalog_materials_to_ck(&mats, ck, 4), 2);
    assert_string_equal(ck[1].name, "银行账户");
    assert_int_equal(ck[1].kind, CK_AUXILIARY);
    catalog_materials_free(&mats);
    catalog_item_free(&it);
    assert_int_equal(catalog_get(st, "NOPE", &it, NULL), 1);
}

static void reimport_replaces_the_catalogue_as_a_new_version(void **state)
{
    (void)state;
    catalog_version_info v;
    assert_int_equal(catalog_current_version(st, &v), 1); /* nothing imported yet */
    catalog_report rep;
    assert_int_equal(import(DEMO, &rep), 0);
    long long first = rep.version;
    import_base();
    assert_int_equal(item_count(), 2);
    assert_int_equal(catalog_current_version(st, &v), 0);
    assert_true(v.id > first);
    assert_int_equal(v.items, 2);
    catalog_item it;
    assert_int_equal(catalog_get(st, "MZ-04", &it, NULL), 1); /* the demo items are gone */
}

/* --- errors: FILE:LINE, and nothing changes ----------------------------------------------- */

typedef struct {
    int line;          /* base line replaced (0: see text) */
    const char *with;  /* its replacement */
    int want_line;     /* the line the error must name */
    const char *want;  /* a piece of the message */
} bad_case;

static const bad_case bad_cases[] = {
    {37, "promised_days = ten", 37, "item 'T-2': promised_days 'ten' is not a number"},
    {37, "promissed_days = 10", 37, "unknown key 'promissed_days' (did you mean 'promised_days'?)"},
    {37, "promissed_days = 10", 27, "item 'T-2': required key 'promised_days' is missing"},
    {33, "", 27, "item 'T-2': required key 'basis' is missing"},
    {37, "promised_days = 30", 37, "promised_days 30 is more than statutory_days 20"},
    {32, "class = urgent", 32, "class 'urgent' is not one of immediate, promised, referred, joint"},
    {17, "promised_days = 3", 17, "immediate item (即办件) is done on the spot: promised_days must be 0"},
    {37, "promised_days = 0", 37, "a promised item needs promised_days of at least 1"},
    {36, "statutory_days = 99999", 36, "statutory_days '99999' is not a number of working days"},
    {47, "[material.T-2.3]", 47, "item 'T-2': material 2 is missing"},
    {22, "[material.T-9.1]", 22, "[material.T-9.1]: there is no [item.T-9] in this file"},
    {22, "[material.T-9.1]", 7, "item 'T-1': no material"},
    {27, "[item.t-1]", 27, "duplicate item code 't-1' (first at line 7"},
    {13, "basis =", 13, "item 'T-1': empty value for 'basis'"},
    {20, "procedure = \xFF当场", 20, "invalid UTF-8"},
    {20, "procedure = 当\x01场", 20, "control character 0x01"},
    {20, "procedure 当场登记", 20, "syntax error"},
    {46, "kind = 主件\ndeferrable = yes", 47, "an essential material is marked deferrable"},
    {26, "kind = auxiliary\ndeferrable = yes", 27, "immediate item (即办件) never takes 容缺受理"},
    {14, "conditions = 双方自愿\nconditions = 再次", 15, "key 'conditions' appears twice (first at line 14)"},
    {20, "procedure = 受理; 审核", 20, "holds ';' or '#'"},
    {5, "contact = 12345", 5, "contact '12345' is not a telephone number"},
    {22, "[materials.T-1.1]", 22, "unknown section [materials.T-1.1]"},
    {27, "[item.T 2]", 27, "item code 'T 2' must be"},
    {42, "[material.T-2.01]", 42, "[material.CODE.N] with N from 1 to"},
    {45, "copies = -1", 45, "copies '-1' is not a number"},
    {44, "form = scan", 44, "form 'scan' is not original, copy or electronic"},
    {52, "deferrable = maybe", 52, "deferrable 'maybe' is not yes or no"},
    {9, "kind = 行政服务", 9, "kind '行政服务' is not an item kind"},
    {19, "fee = 10元", 19, "fee '10元' needs a fee_basis"},
    {3, "place = 某乡\nname = 默认", 4, "'name' cannot have a default"},
    {1, "orphan = 1\n# test catalogue", 1, "key 'orphan' is outside any section"},
};

static bool report_has(const catalog_report *rep, const char *prefix, const char *want)
{
    for (int i = 0; i < rep->nerrors; i++)
        if (strncmp(rep->errors[i], prefix, strlen(prefix)) == 0 && strstr(rep->errors[i], want))
            return true;
    return false;
}

static void print_report(const catalog_report *rep)
{
    for (int i = 0; i < rep->nerrors; i++)
        print_message("  %s\n", rep->errors[i]);
}

/* Good import, then each bad file: the error names FILE:LINE and the good catalogue stays. */
static void each_error_names_file_and_line_and_changes_nothing(void **state)
{
    (void)state;
    import_base();
    catalog_version_info before, after;
    assert_int_equal(catalog_current_version(st, &before), 0);
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        write_variant(ini_path, c->line, c->with);
        catalog_report rep;
        assert_int_equal(import(ini_path, &rep), -1);
        assert_int_equal(rep.items, 0);
        assert_int_equal(rep.version, 0);
        char prefix[200];
        snprintf(prefix, sizeof prefix, "%s:%d: ", ini_path, c->want_line);
        if (!report_has(&rep, prefix, c->want)) {
            print_report(&rep);
            fail_msg("case %zu: no error \"%s%s\"", i, prefix, c->want);
        }
        assert_int_equal(catalog_current_version(st, &after), 0);
        assert_int_equal(after.id, before.id);
        assert_int_equal(item_count(), 2);
        catalog_item it;
        assert_int_equal(catalog_get(st, "T-1", &it, NULL), 0);
        assert_string_equal(it.name, "结婚登记");
        catalog_item_free(&it);
    }
}

static void file_level_errors_change_nothing_either(void **state)
{
    (void)state;
    import_base();
    catalog_report rep;
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing.ini", dir);
    assert_int_equal(import(missing, &rep), -1);
    assert_true(mentions(rep.errors[0], missing) && mentions(rep.errors[0], "cannot open"));
    /* a byte-order mark */
    FILE *f = fopen(ini_path, "wb");
    assert_non_null(f);
    fputs("\xEF\xBB\xBF[defaults]\n", f);
    fclose(f);
    assert_int_equal(import(ini_path, &rep), -1);
    char prefix[200];
    snprintf(prefix, sizeof prefix, "%s:1: ", ini_path);
    assert_true(report_has(&rep, prefix, "byte-order mark"));
    /* a line longer than iniparser's buffer */
    char longline[1400] = "procedure = ";
    for (int i = 0; i < 400; i++)
        strcat(longline, "受");
    write_variant(ini_path, 40, longline);
    assert_int_equal(import(ini_path, &rep), -1);
    snprintf(prefix, sizeof prefix, "%s:40: ", ini_path);
    assert_true(report_has(&rep, prefix, "line too long"));
    /* no item at all */
    f = fopen(ini_path, "wb");
    assert_non_null(f);
    fputs("# nothing\n[defaults]\nfee = 不收费\n", f);
    fclose(f);
    assert_int_equal(import(ini_path, &rep), -1);
    assert_true(mentions(rep.errors[0], "no item"));
    assert_int_equal(item_count(), 2);
}

static void many_errors_are_listed_and_counted(void **state)
{
    (void)state;
    FILE *f = fopen(ini_path, "wb");
    assert_non_null(f);
    for (int i = 0; i < CATALOG_MAX_ERRORS + 5; i++)
        fprintf(f, "[item.E-%d]\nname = 事项\n", i); /* each lacks every other required key */
    fclose(f);
    catalog_report rep;
    assert_int_equal(import(ini_path, &rep), -1);
    assert_int_equal(rep.nerrors, CATALOG_MAX_ERRORS);
    assert_true(rep.more_errors > 0);
    assert_int_equal(catalog_current_version(st, &(catalog_version_info){0}), 1);
}

static void quoted_values_and_continuation_lines(void **state)
{
    (void)state;
    /* A quoted value may hold ';' and '#'. */
    write_variant(ini_path, 40, "procedure = \"受理; 审核 #1\"");
    catalog_report rep;
    if (import(ini_path, &rep) != 0)
        fail_msg("%s", rep.errors[0]);
    catalog_item it;
    assert_int_equal(catalog_get(st, "T-2", &it, NULL), 0);
    assert_string_equal(it.procedure, "受理; 审核 #1");
    catalog_item_free(&it);
    /* A "\" continuation joins two lines; the lines after it keep their numbers. */
    write_variant(ini_path, 40, "procedure = 受理\\\n审核\npromissed = 1");
    assert_int_equal(import(ini_path, &rep), -1);
    char prefix[200];
    snprintf(prefix, sizeof prefix, "%s:42: ", ini_path);
    assert_true(report_has(&rep, prefix, "unknown key 'promissed'"));
    write_variant(ini_path, 40, "procedure = 受理\\\n审核");
    assert_int_equal(import(ini_path, &rep), 0);
    assert_int_equal(catalog_get(st, "T-2", &it, NULL), 0);
    assert_string_equal(it.procedure, "受理审核");
    catalog_item_free(&it);
}

static void errors_are_listed_in_file_order(void **state)
{
    (void)state;
    /* Found in check order (materials after items), listed by line. */
    write_variant(ini_path, 45, "copies = x\n[material.T-9.1]\nname = 孤立");
    FILE *f = fopen(ini_path, "ab");
    assert_non_null(f);
    fputs("[item.T-3]\nname = 缺项\n", f);
    fclose(f);
    catalog_report rep;
    assert_int_equal(import(ini_path, &rep), -1);
    assert_true(rep.nerrors >= 3);
    int last = 0;
    for (int i = 0; i < rep.nerrors; i++) {
        int line = atoi(rep.errors[i] + strlen(ini_path) + 1);
        assert_true(line >= last);
        last = line;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(demo_catalogue_imports_with_at_least_30_items, setup, teardown),
        cmocka_unit_test_setup_teardown(demo_defers_only_auxiliary_materials, setup, teardown),
        cmocka_unit_test_setup_teardown(marriage_needs_identity_card_and_declaration_not_household_register,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(initials_find_marriage_and_dibao, setup, teardown),
        cmocka_unit_test_setup_teardown(polyphones_match_either_reading, setup, teardown),
        cmocka_unit_test_setup_teardown(code_and_name_substring_search, setup, teardown),
        cmocka_unit_test_setup_teardown(search_ranks_code_then_initials_prefix_then_name_then_initials, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(get_returns_the_guide_and_ordered_materials, setup, teardown),
        cmocka_unit_test_setup_teardown(reimport_replaces_the_catalogue_as_a_new_version, setup, teardown),
        cmocka_unit_test_setup_teardown(each_error_names_file_and_line_and_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(file_level_errors_change_nothing_either, setup, teardown),
        cmocka_unit_test_setup_teardown(many_errors_are_listed_and_counted, setup, teardown),
        cmocka_unit_test_setup_teardown(errors_are_listed_in_file_order, setup, teardown),
        cmocka_unit_test_setup_teardown(quoted_values_and_continuation_lines, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
