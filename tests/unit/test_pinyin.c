/* test_pinyin.c - pinyin initials: the strict UTF-8 decoder, the table text
 * and its errors, a name's initial sets (polyphones keep every initial), the
 * match of a typed query, and the shipped data/pinyin/initials.txt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/pinyin.h"
#include "data/pinyin.h"

/* A small table: 长 cz, 期 q, 行 hx, 岁 s, 以 y, 上 s, 结 j, 婚 h. */
static const char small_text[] =
    "# comment line\n"
    "957F cz 长\n"
    "671F q 期\n"
    "884C hx 行\n"
    "5C81 s 岁\n"
    "\n"
    "4EE5 y 以\r\n"
    "4E0A s\n"
    "7ED3 j 结\n"
    "5A5A h 婚\n";

static pinyin_table *small_table(void)
{
    pinyin_table *t = malloc(sizeof *t);
    assert_non_null(t);
    pinyin_parse_error e;
    assert_int_equal(pinyin_parse(t, small_text, strlen(small_text), &e), PINYIN_PARSE_OK);
    return t;
}

static void utf8_decoder_accepts_valid_and_refuses_malformed(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(pinyin_utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(pinyin_utf8_decode("\xC3\xA9", 2, &cp), 2); /* é */
    assert_int_equal(cp, 0xE9);
    assert_int_equal(pinyin_utf8_decode("结", 3, &cp), 3);
    assert_int_equal(cp, 0x7ED3);
    assert_int_equal(pinyin_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4); /* U+1F600 */
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(pinyin_utf8_decode("\xC0\x80", 2, &cp), 0);          /* overlong NUL */
    assert_int_equal(pinyin_utf8_decode("\xE0\x80\xAF", 3, &cp), 0);      /* overlong '/' */
    assert_int_equal(pinyin_utf8_decode("\xED\xA0\x80", 3, &cp), 0);      /* surrogate */
    assert_int_equal(pinyin_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);  /* beyond U+10FFFF */
    assert_int_equal(pinyin_utf8_decode("\xE7\xBB", 2, &cp), 0);          /* truncated */
    assert_int_equal(pinyin_utf8_decode("\x80", 1, &cp), 0);              /* stray continuation */
    assert_int_equal(pinyin_utf8_decode("\xFF", 1, &cp), 0);
    assert_int_equal(pinyin_utf8_decode("", 0, &cp), 0);
}

static void table_text_parses_and_polyphones_keep_all_initials(void **state)
{
    (void)state;
    pinyin_table *t = small_table();
    assert_int_equal(t->count, 8);
    uint32_t chang = pinyin_lookup(t, 0x957F);
    assert_true(chang & (1u << ('c' - 'a')));
    assert_true(chang & (1u << ('z' - 'a')));
    assert_int_equal(pinyin_lookup(t, 0x4E0A), 1u << ('s' - 'a')); /* line without the character shown */
    assert_int_equal(pinyin_lookup(t, 0x4E00), 0);                 /* absent */
    assert_int_equal(pinyin_lookup(t, 'a'), 0);                    /* outside the table */
    free(t);
}

/* Parse text and expect a given error on a given line; the table must be left empty. */
static void expect_parse_error(const char *text, pinyin_parse_status want, int line)
{
    pinyin_table *t = small_table();
    pinyin_parse_error e;
    assert_int_equal(pinyin_parse(t, text, strlen(text), &e), want);
    assert_int_equal(e.status, want);
    assert_int_equal(e.line, line);
    assert_int_equal(t->count, 0);
    assert_int_equal(pinyin_lookup(t, 0x957F), 0);
    assert_string_not_equal(pinyin_parse_reason(want), "");
    free(t);
}

static void table_text_errors_name_their_line(void **state)
{
    (void)state;
    expect_parse_error("957F cz 长\n957 c\n", PINYIN_PARSE_SYNTAX, 2);        /* 3 hex digits */
    expect_parse_error("957F\n", PINYIN_PARSE_SYNTAX, 1);                     /* no initials */
    expect_parse_error("# c\n0041 a A\n", PINYIN_PARSE_RANGE, 2);             /* 'A' is not CJK */
    expect_parse_error("957F cC 长\n", PINYIN_PARSE_LETTERS, 1);              /* uppercase */
    expect_parse_error("957F cc 长\n", PINYIN_PARSE_LETTERS, 1);              /* repeated */
    expect_parse_error("957F cz 长\n\n957F c 长\n", PINYIN_PARSE_DUPLICATE, 3);
    expect_parse_error("957F cz 行\n", PINYIN_PARSE_MISMATCH, 1);             /* wrong character */
    expect_parse_error("957F cz 长长\n", PINYIN_PARSE_SYNTAX, 1);             /* two characters */
    expect_parse_error("# only comments\n\n", PINYIN_PARSE_EMPTY, 0);
}

static void names_encode_to_initial_sets(void **state)
{
    (void)state;
    pinyin_table *t = small_table();
    char out[PINYIN_SETS_MAX];
    assert_int_equal(pinyin_encode(t, "长期", out, sizeof out), 0);
    assert_string_equal(out, "[cz]q");
    assert_int_equal(pinyin_encode(t, "80岁以上", out, sizeof out), 0); /* digits stand for themselves */
    assert_string_equal(out, "80sys");
    assert_int_equal(pinyin_encode(t, "结婚（ABC）·行", out, sizeof out), 0); /* punctuation skipped */
    assert_string_equal(out, "jhabc[hx]");
    assert_int_equal(pinyin_encode(t, "８０岁", out, sizeof out), 0); /* full-width digits */
    assert_string_equal(out, "80s");
    assert_int_equal(pinyin_encode(t, "一", out, sizeof out), 0); /* a character not in the table */
    assert_string_equal(out, "");
    assert_int_equal(pinyin_encode(t, "结\xFF", out, sizeof out), -1); /* invalid UTF-8 */
    assert_string_equal(out, "");
    assert_int_equal(pinyin_encode(t, "长期", out, 4), -1); /* "[cz]" + "q" does not fit */
    assert_string_equal(out, "");
    free(t);
}

static void query_matches_prefix_substring_and_any_reading(void **state)
{
    (void)state;
    size_t at = 99;
    assert_int_equal(pinyin_match_query("[cz]q", "cq", &at), PINYIN_PREFIX);
    assert_int_equal(at, 0);
    assert_int_equal(pinyin_match_query("[cz]q", "zq", NULL), PINYIN_PREFIX); /* the other reading */
    assert_int_equal(pinyin_match_query("[cz]q", "ZQ", NULL), PINYIN_PREFIX); /* case-insensitive */
    assert_int_equal(pinyin_match_query("[cz]q", "q", &at), PINYIN_SUBSTRING);
    assert_int_equal(at, 1);
    assert_int_equal(pinyin_match_query("ndjmjhdj", "jhdj", &at), PINYIN_SUBSTRING);
    assert_int_equal(at, 4);
    assert_int_equal(pinyin_match_query("80sys", "80", NULL), PINYIN_PREFIX);
    assert_int_equal(pinyin_match_query("[cz]q", "sq", NULL), PINYIN_NO_MATCH);
    assert_int_equal(pinyin_match_query("[cz]q", "cqx", NULL), PINYIN_NO_MATCH); /* longer than the name */
    assert_int_equal(pinyin_match_query("[cz]q", "", NULL), PINYIN_NO_MATCH);
    assert_int_equal(pinyin_match_query("[cz]q", "c q", NULL), PINYIN_NO_MATCH); /* not letters or digits */
    assert_int_equal(pinyin_match_query("[cz]q", "长", NULL), PINYIN_NO_MATCH);
    assert_int_equal(pinyin_match_query("[cz", "c", NULL), PINYIN_NO_MATCH);     /* not an encoding */
    assert_int_equal(pinyin_match_query(NULL, "c", NULL), PINYIN_NO_MATCH);
}

static void shipped_file_covers_the_cjk_block(void **state)
{
    (void)state;
    char err[256];
    pinyin_table *t = pinyin_load("data/pinyin/initials.txt", err, sizeof err);
    if (!t)
        fail_msg("%s", err);
    size_t uro = 0;
    for (uint32_t cp = 0x4E00; cp <= 0x9FFF; cp++)
        uro += pinyin_lookup(t, cp) != 0;
    assert_true(uro >= 20900); /* of 20992: the source lacks readings for a few rare ones */
    char out[PINYIN_SETS_MAX];
    assert_int_equal(pinyin_encode(t, "结婚登记", out, sizeof out), 0);
    assert_string_equal(out, "jhdj");
    assert_int_equal(pinyin_encode(t, "最低生活保障", out, sizeof out), 0);
    assert_string_equal(out, "[cz]ds[gh]bz"); /* 最 zuì/cuō, 活 huó/guō: every reading kept */
    assert_int_equal(pinyin_match_query(out, "zdshbz", NULL), PINYIN_PREFIX);
    uint32_t chang = pinyin_lookup(t, 0x957F), hang = pinyin_lookup(t, 0x884C);
    assert_true((chang & (1u << ('c' - 'a'))) && (chang & (1u << ('z' - 'a'))));
    assert_true((hang & (1u << ('x' - 'a'))) && (hang & (1u << ('h' - 'a'))));
    assert_int_equal(pinyin_match_query("", "", NULL), PINYIN_NO_MATCH);
    pinyin_free(t);
}

static void bad_file_names_its_line_and_missing_file_its_path(void **state)
{
    (void)state;
    char dir[] = "/tmp/guichet-pinyin-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/initials.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# header\n957F cz 长\n884C hx 结\n", f);
    fclose(f);
    assert_null(pinyin_load(path, err, sizeof err));
    char want[160];
    snprintf(want, sizeof want, "%s:3: ", path);
    assert_non_null(strstr(err, want));
    assert_non_null(strstr(err, "not the code point"));
    unlink(path);
    assert_null(pinyin_load(path, err, sizeof err));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "cannot open"));
    rmdir(dir);
}

static void default_path_follows_guichet_datadir(void **state)
{
    (void)state;
    char buf[1024], err[256];
    setenv("GUICHET_DATADIR", "data", 1);
    assert_int_equal(pinyin_default_path(buf, sizeof buf, err, sizeof err), 0);
    assert_string_equal(buf, "data/pinyin/initials.txt");
    pinyin_table *t = pinyin_load_default(err, sizeof err);
    assert_non_null(t);
    pinyin_free(t);
    setenv("GUICHET_DATADIR", "/nonexistent-guichet-dir", 1);
    if (pinyin_default_path(buf, sizeof buf, err, sizeof err) != 0)
        assert_non_null(strstr(err, "/nonexistent-guichet-dir/pinyin/initials.txt"));
    unsetenv("GUICHET_DATADIR");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_decoder_accepts_valid_and_refuses_malformed),
        cmocka_unit_test(table_text_parses_and_polyphones_keep_all_initials),
        cmocka_unit_test(table_text_errors_name_their_line),
        cmocka_unit_test(names_encode_to_initial_sets),
        cmocka_unit_test(query_matches_prefix_substring_and_any_reading),
        cmocka_unit_test(shipped_file_covers_the_cjk_block),
        cmocka_unit_test(bad_file_names_its_line_and_missing_file_its_path),
        cmocka_unit_test(default_path_follows_guichet_datadir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
