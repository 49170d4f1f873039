/* test_keymap.c - key names, the action and context tables, the keymap file
 * parser (every error kind, with its line, while good lines still apply),
 * override order, lookups with the global fallback, help lines, and the
 * shipped keymaps/default.keys (tests run from the repository root). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/keymap.h"
#include "data/keymap_file.h"

#define MAXERR 16

/* Parse a NUL-terminated text over km; returns the number of bad lines. */
static int parse(keymap *km, const char *text, keymap_error *errs, int *nerr)
{
    return keymap_parse(km, text, strlen(text), "site.keys", errs, MAXERR, nerr);
}

static const char *fmt(const keymap_error *e, char *buf, size_t len)
{
    return keymap_error_format(e, NULL, buf, len);
}

/* ---- key names ----------------------------------------------------------------------- */

static void every_key_name_parses_back_to_its_code(void **state)
{
    (void)state;
    int named = 0;
    for (int k = 0; k < KM_KEY_LIMIT; k++) {
        char buf[KM_KEY_NAME_MAX];
        if (!keymap_key_name(k, buf))
            continue;
        named++;
        assert_int_equal(keymap_key_parse(buf), k);
    }
    /* 95 printable (with Space), 24 Ctrl (no C-i, C-m), 12 F-keys, 15 named, 94 Alt */
    assert_int_equal(named, 95 + 24 + 12 + 15 + 94);
}

static void key_names_are_parsed_as_written(void **state)
{
    (void)state;
    char buf[KM_KEY_NAME_MAX];
    assert_int_equal(keymap_key_parse("F2"), KM_KEY_F(2));
    assert_int_equal(keymap_key_parse("f12"), KM_KEY_F(12));
    assert_int_equal(keymap_key_parse("C-x"), KM_KEY_CTRL('x'));
    assert_int_equal(keymap_key_parse("C-X"), KM_KEY_CTRL('x'));
    assert_int_equal(keymap_key_parse("M-x"), KM_KEY_META('x'));
    assert_int_not_equal(keymap_key_parse("M-X"), keymap_key_parse("M-x"));
    assert_int_equal(keymap_key_parse("j"), 'j');
    assert_int_equal(keymap_key_parse("J"), 'J');
    assert_int_equal(keymap_key_parse("?"), '?');
    assert_int_equal(keymap_key_parse("Space"), ' ');
    assert_int_equal(keymap_key_parse("PageDown"), KM_KEY_PAGE_DOWN);
    assert_int_equal(keymap_key_parse("pagedown"), KM_KEY_PAGE_DOWN);
    assert_int_equal(keymap_key_parse("PgUp"), KM_KEY_PAGE_UP);
    assert_int_equal(keymap_key_parse("Return"), KM_KEY_ENTER);
    assert_int_equal(keymap_key_parse("Escape"), KM_KEY_ESC);
    assert_int_equal(keymap_key_parse("BTab"), KM_KEY_BTAB);
    /* C-i and C-m are the bytes of Tab and Enter */
    assert_int_equal(keymap_key_parse("C-i"), KM_KEY_TAB);
    assert_int_equal(keymap_key_parse("C-m"), KM_KEY_ENTER);
    assert_null(keymap_key_name(KM_KEY_CTRL('i'), buf));
    assert_null(keymap_key_name(KM_KEY_CTRL('m'), buf));

    assert_string_equal(keymap_key_name(KM_KEY_F(10), buf), "F10");
    assert_string_equal(keymap_key_name(KM_KEY_F(1), buf), "F1");
    assert_string_equal(keymap_key_name(KM_KEY_CTRL('n'), buf), "C-n");
    assert_string_equal(keymap_key_name(KM_KEY_META('x'), buf), "M-x");
    assert_string_equal(keymap_key_name(KM_KEY_PAGE_UP, buf), "PageUp");
    assert_string_equal(keymap_key_name(KM_KEY_INSERT, buf), "Insert");
    assert_string_equal(keymap_key_name(' ', buf), "Space");
    assert_string_equal(keymap_key_name('G', buf), "G");
}

static void unknown_key_names_are_refused(void **state)
{
    (void)state;
    const char *bad[] = {"", "F0", "F13", "F01", "F1x", "C-", "C-1", "C-ab", "M-", "Ctrl-x",
                         "Foo", "Up2", "中", "\x01", " "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(keymap_key_parse(bad[i]), KM_KEY_NONE);
    char buf[KM_KEY_NAME_MAX];
    assert_null(keymap_key_name(0, buf));
    assert_null(keymap_key_name(0x7f, buf));
    assert_null(keymap_key_name(KM_KEY_LIMIT, buf));
    assert_null(keymap_key_name(-1, buf));
}

/* ---- tables -------------------------------------------------------------------------- */

static void every_action_has_a_unique_name_and_a_description(void **state)
{
    (void)state;
    for (int a = KM_NONE + 1; a < KM_ACTION_COUNT; a++) {
        const char *name = keymap_action_name((km_action)a);
        assert_non_null(name);
        assert_non_null(keymap_action_desc((km_action)a));
        assert_true(strlen(keymap_action_desc((km_action)a)) > 0);
        assert_int_equal(keymap_action_find(name), a);
    }
    assert_string_equal(keymap_action_name(KM_INTAKE_NEW), "intake.new");
    assert_string_equal(keymap_action_name(KM_CHECKLIST_DEFECTIVE), "checklist.defective");
    assert_int_equal(keymap_action_find("list.page_down"), KM_LIST_PAGE_DOWN);
    assert_int_equal(keymap_action_find("none"), KM_NONE);
    assert_int_equal(keymap_action_find("intake"), -1);
    assert_null(keymap_action_name(KM_NONE));
    assert_null(keymap_action_name(KM_ACTION_COUNT));
    assert_int_equal(KM_ACTION_COUNT - 1, 36);
}

static void contexts_are_found_by_name(void **state)
{
    (void)state;
    const char *names[] = {"global", "dashboard", "list", "form", "checklist", "decision", "notice"};
    assert_int_equal(KM_CTX_COUNT, 7);
    for (int c = 0; c < KM_CTX_COUNT; c++) {
        assert_string_equal(keymap_context_name((km_context)c), names[c]);
        assert_int_equal(keymap_context_find(names[c]), c);
    }
    assert_int_equal(keymap_context_find("Form"), -1);
    assert_null(keymap_context_name(KM_CTX_COUNT));
}

/* ---- parsing ------------------------------------------------------------------------- */

static void bindings_apply_in_their_sections(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    keymap_error errs[MAXERR];
    int nerr = -1;
    const char *text = "\xef\xbb\xbf# a site's keys\r\n"
                       "\n"
                       "[global]\r\n"
                       "F2 intake.new\r\n"
                       "  C-n\tintake.new   # the same without F-keys\n"
                       "[ form ]  # fields\n"
                       "Tab form.next_field\n"
                       "[checklist]\n"
                       "p checklist.present";
    assert_int_equal(parse(&km, text, errs, &nerr), 0);
    assert_int_equal(nerr, 0);
    assert_int_equal(keymap_action_in(&km, KM_CTX_GLOBAL, KM_KEY_F(2)), KM_INTAKE_NEW);
    assert_int_equal(keymap_action_in(&km, KM_CTX_GLOBAL, KM_KEY_CTRL('n')), KM_INTAKE_NEW);
    assert_int_equal(keymap_action_in(&km, KM_CTX_FORM, KM_KEY_TAB), KM_FORM_NEXT_FIELD);
    assert_int_equal(keymap_action_in(&km, KM_CTX_CHECKLIST, 'p'), KM_CHECKLIST_PRESENT);
    assert_int_equal(keymap_action_in(&km, KM_CTX_GLOBAL, KM_KEY_TAB), KM_NONE);
    assert_int_equal(keymap_action_in(&km, KM_CTX_FORM, 'p'), KM_NONE);
}

static void lines_before_the_first_section_are_global(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    assert_int_equal(parse(&km, "F10 quit\n[list]\nj list.down\n", NULL, NULL), 0);
    assert_int_equal(keymap_action_in(&km, KM_CTX_GLOBAL, KM_KEY_F(10)), KM_QUIT);
    assert_int_equal(keymap_action_in(&km, KM_CTX_LIST, 'j'), KM_LIST_DOWN);
}

static void a_later_file_overrides_an_earlier_one(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    int nerr;
    keymap_error errs[MAXERR];
    assert_int_equal(parse(&km, "[global]\nF2 intake.new\nF5 case.search\nF3 guide.find\n", errs, &nerr), 0);
    /* the site moves intake to F6, frees F2 and F5 */
    assert_int_equal(parse(&km, "[global]\nF6 intake.new\nF2 none\nF5 help\nF5 none\n", errs, &nerr), 1);
    assert_int_equal(errs[0].code, KM_ERR_DUPLICATE_KEY); /* F5 twice in the site's own file */
    assert_int_equal(keymap_action(&km, KM_CTX_LIST, KM_KEY_F(6)), KM_INTAKE_NEW);
    assert_int_equal(keymap_action(&km, KM_CTX_LIST, KM_KEY_F(2)), KM_NONE);
    assert_int_equal(keymap_action(&km, KM_CTX_LIST, KM_KEY_F(5)), KM_HELP);
    assert_int_equal(keymap_action(&km, KM_CTX_LIST, KM_KEY_F(3)), KM_GUIDE_FIND);
}

static void every_error_is_reported_with_its_line_and_good_lines_still_apply(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    keymap_error errs[MAXERR];
    int nerr = 0;
    const char *text = "[global]\n"                /* 1 */
                       "F2 intake.new\n"           /* 2 */
                       "F13 help\n"                /* 3 unknown key */
                       "C-n\n"                     /* 4 missing action */
                       "C-g guide.fnd\n"           /* 5 unknown action */
                       "F3 guide.find now\n"       /* 6 extra text */
                       "F2 case.list\n"            /* 7 duplicate of line 2 */
                       "[forms]\n"                 /* 8 unknown context */
                       "Tab form.next_field\n"     /* 9 applies nowhere */
                       "Esc form.cancl\n"          /* 10 still checked */
                       "[form\n"                   /* 11 bad section */
                       "[list]\n"                  /* 12 */
                       "j list.down\n"             /* 13 */
                       "[]\n"                      /* 14 bad section */
                       "k list.up\n"               /* 15 applies nowhere */
                       "[notice]\n"                /* 16 */
                       "p notice.print\n";         /* 17 */
    assert_int_equal(parse(&km, text, errs, &nerr), 9);
    assert_int_equal(nerr, 9);
    const struct {
        km_error_code code;
        int line;
        const char *token;
    } want[] = {
        {KM_ERR_UNKNOWN_KEY, 3, "F13"},          {KM_ERR_MISSING_ACTION, 4, "C-n"},
        {KM_ERR_UNKNOWN_ACTION, 5, "guide.fnd"}, {KM_ERR_EXTRA_TEXT, 6, "now"},
        {KM_ERR_DUPLICATE_KEY, 7, "F2"},         {KM_ERR_UNKNOWN_CONTEXT, 8, "forms"},
        {KM_ERR_UNKNOWN_ACTION, 10, "form.cancl"}, {KM_ERR_BAD_SECTION, 11, "[form"},
        {KM_ERR_BAD_SECTION, 14, "[]"},
    };
    for (int i = 0; i < 9; i++) {
        assert_int_equal(errs[i].code, want[i].code);
        assert_int_equal(errs[i].line, want[i].line);
        assert_string_equal(errs[i].token, want[i].token);
        assert_string_equal(errs[i].file, "site.keys");
    }
    assert_int_equal(errs[4].other_line, 2);

    /* the good lines applied, the bad ones did not */
    assert_int_equal(keymap_action_in(&km, KM_CTX_GLOBAL, KM_KEY_F(2)), KM_INTAKE_NEW);
    assert_int_equal(keymap_action_in(&km, KM_CTX_LIST, 'j'), KM_LIST_DOWN);
    assert_int_equal(keymap_action_in(&km, KM_CTX_NOTICE, 'p'), KM_NOTICE_PRINT);
    assert_int_equal(keymap_action_in(&km, KM_CTX_GLOBAL, KM_KEY_CTRL('g')), KM_NONE);
    assert_int_equal(keymap_action_in(&km, KM_CTX_GLOBAL, KM_KEY_F(3)), KM_NONE);
    assert_int_equal(keymap_action_in(&km, KM_CTX_GLOBAL, KM_KEY_CTRL('n')), KM_NONE);
    for (int c = 0; c < KM_CTX_COUNT; c++) {
        assert_int_equal(keymap_action_in(&km, (km_context)c, KM_KEY_TAB), KM_NONE);
        assert_int_equal(keymap_action_in(&km, (km_context)c, 'k'), KM_NONE);
    }
}

static void error_lines_read_file_line_problem(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    keymap_error errs[MAXERR];
    int nerr;
    char buf[256];
    parse(&km, "[global]\nF2 intake.new\nC-g guide.fnd\nF2 help\n[forms]\nX\n[x]y\n", errs, &nerr);
    assert_int_equal(nerr, 5);
    assert_string_equal(fmt(&errs[0], buf, sizeof buf), "site.keys:3: unknown action \"guide.fnd\"");
    assert_string_equal(fmt(&errs[1], buf, sizeof buf),
                        "site.keys:4: the key \"F2\" is already bound in this context on line 2");
    assert_string_equal(fmt(&errs[2], buf, sizeof buf), "site.keys:5: unknown context [forms]");
    assert_string_equal(fmt(&errs[3], buf, sizeof buf), "site.keys:6: no action after the key \"X\"");
    assert_string_equal(fmt(&errs[4], buf, sizeof buf), "site.keys:7: \"[x]y\" is not a section: write [context]");
    /* a translated format is used as given */
    assert_string_equal(keymap_error_format(&errs[0], "未知的操作 %s", buf, sizeof buf),
                        "site.keys:3: 未知的操作 guide.fnd");
    /* a short buffer is cut, still terminated */
    assert_string_equal(keymap_error_format(&errs[0], NULL, buf, 8), "site.ke");
}

static void a_nul_byte_spoils_only_its_line(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    keymap_error errs[MAXERR];
    int nerr;
    const char text[] = "F1 help\nF2 in\0take.new\nF10 quit\n";
    assert_int_equal(keymap_parse(&km, text, sizeof text - 1, "bin.keys", errs, MAXERR, &nerr), 1);
    assert_int_equal(errs[0].code, KM_ERR_NUL_BYTE);
    assert_int_equal(errs[0].line, 2);
    assert_int_equal(keymap_action(&km, KM_CTX_FORM, KM_KEY_F(1)), KM_HELP);
    assert_int_equal(keymap_action(&km, KM_CTX_FORM, KM_KEY_F(10)), KM_QUIT);
    assert_int_equal(keymap_action(&km, KM_CTX_FORM, KM_KEY_F(2)), KM_NONE);
}

static void the_same_key_twice_in_one_context_is_an_error_across_sections(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    keymap_error errs[MAXERR];
    int nerr;
    /* j in two contexts is fine; j again in a second [list] section is not */
    const char *text = "[list]\nj list.down\n[checklist]\nj list.down\n[list]\nj list.up\n";
    assert_int_equal(parse(&km, text, errs, &nerr), 1);
    assert_int_equal(errs[0].code, KM_ERR_DUPLICATE_KEY);
    assert_int_equal(errs[0].line, 6);
    assert_int_equal(errs[0].other_line, 2);
    assert_int_equal(keymap_action_in(&km, KM_CTX_LIST, 'j'), KM_LIST_DOWN);
    /* C-x and C-X are one key */
    keymap_init(&km);
    assert_int_equal(parse(&km, "C-x screen.lock\nC-X quit\n", errs, &nerr), 1);
    assert_int_equal(errs[0].code, KM_ERR_DUPLICATE_KEY);
    assert_string_equal(errs[0].token, "C-X");
}

static void more_errors_than_room_are_counted(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    keymap_error errs[2];
    int nerr;
    const char *text = "a b\nc d\ne f\ng h\nF1 help\n";
    assert_int_equal(keymap_parse(&km, text, strlen(text), "x.keys", errs, 2, &nerr), 4);
    assert_int_equal(nerr, 2);
    assert_int_equal(errs[1].line, 2);
    assert_int_equal(keymap_action(&km, KM_CTX_GLOBAL, KM_KEY_F(1)), KM_HELP);
    assert_int_equal(keymap_parse(&km, text, strlen(text), "x.keys", NULL, 0, &nerr), 4);
    assert_int_equal(nerr, 0);
}

static void error_text_is_safe_to_show(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    keymap_error errs[MAXERR];
    int nerr;
    char longname[600];
    memset(longname, 'd', sizeof longname);
    memcpy(longname + sizeof longname - 12, "/local.keys", 12);
    char word[200];
    memset(word, 'x', sizeof word);
    word[0] = '\x1b';
    memcpy(word + sizeof word - 4, "好", 4); /* 3 bytes + NUL */
    char text[300];
    snprintf(text, sizeof text, "F2 %s\n", word);
    assert_int_equal(keymap_parse(&km, text, strlen(text), longname, errs, MAXERR, &nerr), 1);
    assert_int_equal(strlen(errs[0].file), KM_FILE_MAX - 1);
    assert_string_equal(errs[0].file + KM_FILE_MAX - 1 - 11, "/local.keys");
    assert_int_equal(errs[0].token[0], '?');
    assert_true(strlen(errs[0].token) < KM_TOKEN_MAX);
    assert_null(strchr(errs[0].token, '\x1b'));
}

/* ---- lookup and help ------------------------------------------------------------------- */

static void lookup_falls_back_to_global(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    assert_int_equal(parse(&km, "[global]\nF1 help\nEsc quit\n[form]\nEsc form.cancel\n", NULL, NULL), 0);
    assert_int_equal(keymap_action(&km, KM_CTX_FORM, KM_KEY_F(1)), KM_HELP);
    assert_int_equal(keymap_action(&km, KM_CTX_FORM, KM_KEY_ESC), KM_FORM_CANCEL);
    assert_int_equal(keymap_action(&km, KM_CTX_LIST, KM_KEY_ESC), KM_QUIT);
    assert_int_equal(keymap_action(&km, KM_CTX_FORM, 'q'), KM_NONE);
    assert_int_equal(keymap_action(&km, KM_CTX_COUNT, KM_KEY_F(1)), KM_NONE);
    assert_int_equal(keymap_action(&km, KM_CTX_FORM, KM_KEY_LIMIT + 5), KM_NONE);
    assert_true(keymap_bind(&km, KM_CTX_LIST, 'q', KM_QUIT));
    assert_int_equal(keymap_action(&km, KM_CTX_LIST, 'q'), KM_QUIT);
    assert_false(keymap_bind(&km, KM_CTX_LIST, KM_KEY_CTRL('i'), KM_QUIT));
    assert_false(keymap_bind(&km, KM_CTX_COUNT, 'q', KM_QUIT));
}

typedef struct {
    int n;
    char lines[16][160];
    km_action acts[16];
} help_out;

static void collect(void *ud, const char *keys, km_action act, const char *desc)
{
    help_out *h = ud;
    if (h->n < 16) {
        snprintf(h->lines[h->n], sizeof h->lines[0], "%s: %s", keys, desc);
        h->acts[h->n] = act;
    }
    h->n++;
}

static void help_lists_keys_of_the_context_in_action_order(void **state)
{
    (void)state;
    keymap km;
    keymap_init(&km);
    const char *text = "[global]\nC-q quit\nF10 quit\nC-n intake.new\nF2 intake.new\nF1 help\nEsc quit\n"
                       "[form]\nEsc form.cancel\nBTab form.prev_field\nTab form.next_field\n"
                       "[list]\nj list.down\n";
    assert_int_equal(parse(&km, text, NULL, NULL), 0);
    help_out h = {0};
    assert_int_equal(keymap_help(&km, KM_CTX_FORM, collect, &h), 6);
    assert_int_equal(h.n, 6);
    assert_string_equal(h.lines[0], "F2 / C-n: Receive a new application (收件)");
    assert_string_equal(h.lines[1], "F1: Show the keys of this screen");
    assert_string_equal(h.lines[2], "F10 / C-q: Quit guichet"); /* Esc is form.cancel here */
    assert_string_equal(h.lines[3], "Tab: Next field");
    assert_string_equal(h.lines[4], "BTab: Previous field");
    assert_string_equal(h.lines[5], "Esc: Cancel and go back");
    assert_int_equal(h.acts[4], KM_FORM_PREV_FIELD);

    memset(&h, 0, sizeof h);
    assert_int_equal(keymap_help(&km, KM_CTX_GLOBAL, collect, &h), 3);
    assert_string_equal(h.lines[2], "F10 / Esc / C-q: Quit guichet");

    char buf[64];
    assert_int_equal(keymap_keys_for(&km, KM_CTX_GLOBAL, KM_QUIT, buf, sizeof buf), 3);
    assert_int_equal(keymap_keys_for(&km, KM_CTX_GLOBAL, KM_QUIT, buf, 10), 2); /* whole names only */
    assert_string_equal(buf, "F10 / Esc");
    assert_int_equal(keymap_keys_for(&km, KM_CTX_LIST, KM_LIST_UP, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

/* ---- the shipped file and loading from disk --------------------------------------------- */

static void load_default(keymap *km)
{
    keymap_error errs[MAXERR];
    int nerr = -1;
    char msg[512] = "";
    keymap_init(km);
    int bad = keymap_file_load(km, "keymaps/default.keys", errs, MAXERR, &nerr, msg, sizeof msg);
    for (int i = 0; i < nerr; i++) {
        char line[512];
        print_error("%s\n", keymap_error_format(&errs[i], NULL, line, sizeof line));
    }
    if (bad < 0)
        print_error("%s\n", msg);
    assert_int_equal(bad, 0);
    assert_int_equal(nerr, 0);
}

static void default_keys_parse_without_errors(void **state)
{
    (void)state;
    keymap km;
    load_default(&km);
    for (int c = 0; c < KM_CTX_COUNT; c++) {
        assert_int_equal(keymap_action(&km, (km_context)c, KM_KEY_F(1)), KM_HELP);
        assert_int_equal(keymap_action(&km, (km_context)c, KM_KEY_F(10)), KM_QUIT);
    }
    assert_int_equal(keymap_action(&km, KM_CTX_DASHBOARD, KM_KEY_F(2)), KM_INTAKE_NEW);
    assert_int_equal(keymap_action(&km, KM_CTX_LIST, 'j'), KM_LIST_DOWN);
    assert_int_equal(keymap_action(&km, KM_CTX_LIST, KM_KEY_PAGE_DOWN), KM_LIST_PAGE_DOWN);
    assert_int_equal(keymap_action(&km, KM_CTX_FORM, KM_KEY_BTAB), KM_FORM_PREV_FIELD);
    assert_int_equal(keymap_action(&km, KM_CTX_CHECKLIST, 'm'), KM_CHECKLIST_MISSING);
    /* forms take printable keys as text: no binding on them there */
    for (int k = 0x20; k < 0x7f; k++)
        assert_int_equal(keymap_action(&km, KM_CTX_FORM, k), KM_NONE);
}

static void default_keys_have_an_alternative_for_every_f_key(void **state)
{
    (void)state;
    keymap km;
    load_default(&km);
    for (int c = 0; c < KM_CTX_COUNT; c++) {
        for (int f = 1; f <= 12; f++) {
            km_action a = keymap_action(&km, (km_context)c, KM_KEY_F(f));
            if (a == KM_NONE)
                continue;
            bool other = false;
            for (int k = 0; k < KM_KEY_LIMIT && !other; k++)
                other = (k < KM_KEY_F(1) || k > KM_KEY_F(12)) && keymap_action(&km, (km_context)c, k) == a;
            if (!other)
                print_error("[%s] F%d %s has no other key\n", keymap_context_name((km_context)c), f,
                            keymap_action_name(a));
            assert_true(other);
        }
    }
}

static void default_keys_bind_every_action_somewhere(void **state)
{
    (void)state;
    keymap km;
    load_default(&km);
    for (int a = KM_NONE + 1; a < KM_ACTION_COUNT; a++) {
        int found = 0;
        char buf[128];
        for (int c = 0; c < KM_CTX_COUNT; c++)
            found += keymap_keys_for(&km, (km_context)c, (km_action)a, buf, sizeof buf);
        if (!found)
            print_error("%s is bound nowhere\n", keymap_action_name((km_action)a));
        assert_true(found > 0);
    }
}

static void a_site_file_overrides_the_defaults_from_disk(void **state)
{
    (void)state;
    keymap km;
    load_default(&km);
    char path[] = "/tmp/guichet-keymap-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("[global]\nF2 none\nF6 intake.new\nF7 bogus\n", f);
    fclose(f);
    keymap_error errs[MAXERR];
    int nerr;
    char msg[256];
    assert_int_equal(keymap_file_load(&km, path, errs, MAXERR, &nerr, msg, sizeof msg), 1);
    assert_int_equal(nerr, 1);
    assert_int_equal(errs[0].line, 4);
    assert_string_equal(errs[0].file, path);
    assert_int_equal(keymap_action(&km, KM_CTX_DASHBOARD, KM_KEY_F(2)), KM_NONE);
    assert_int_equal(keymap_action(&km, KM_CTX_DASHBOARD, KM_KEY_F(6)), KM_INTAKE_NEW);
    assert_int_equal(keymap_action(&km, KM_CTX_DASHBOARD, KM_KEY_F(10)), KM_QUIT); /* default kept */
    remove(path);
}

static void a_missing_file_leaves_the_keymap_as_it_was(void **state)
{
    (void)state;
    keymap km, before;
    load_default(&km);
    before = km;
    keymap_error errs[MAXERR];
    int nerr = 7;
    char msg[256] = "";
    assert_int_equal(keymap_file_load(&km, "/nonexistent/site.keys", errs, MAXERR, &nerr, msg, sizeof msg), -1);
    assert_int_equal(nerr, 0);
    assert_non_null(strstr(msg, "/nonexistent/site.keys"));
    assert_memory_equal(&km, &before, sizeof km);
}

static void the_default_path_is_beside_the_program(void **state)
{
    (void)state;
    char path[4096];
    assert_int_equal(keymap_default_path(path, sizeof path), 0);
    const char *tail = "/../keymaps/default.keys";
    assert_true(strlen(path) > strlen(tail));
    assert_string_equal(path + strlen(path) - strlen(tail), tail);
    assert_int_equal(keymap_default_path(path, 8), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_key_name_parses_back_to_its_code),
        cmocka_unit_test(key_names_are_parsed_as_written),
        cmocka_unit_test(unknown_key_names_are_refused),
        cmocka_unit_test(every_action_has_a_unique_name_and_a_description),
        cmocka_unit_test(contexts_are_found_by_name),
        cmocka_unit_test(bindings_apply_in_their_sections),
        cmocka_unit_test(lines_before_the_first_section_are_global),
        cmocka_unit_test(a_later_file_overrides_an_earlier_one),
        cmocka_unit_test(every_error_is_reported_with_its_line_and_good_lines_still_apply),
        cmocka_unit_test(error_lines_read_file_line_problem),
        cmocka_unit_test(a_nul_byte_spoils_only_its_line),
        cmocka_unit_test(the_same_key_twice_in_one_context_is_an_error_across_sections),
        cmocka_unit_test(more_errors_than_room_are_counted),
        cmocka_unit_test(error_text_is_safe_to_show),
        cmocka_unit_test(lookup_falls_back_to_global),
        cmocka_unit_test(help_lists_keys_of_the_context_in_action_order),
        cmocka_unit_test(default_keys_parse_without_errors),
        cmocka_unit_test(default_keys_have_an_alternative_for_every_f_key),
        cmocka_unit_test(default_keys_bind_every_action_somewhere),
        cmocka_unit_test(a_site_file_overrides_the_defaults_from_disk),
        cmocka_unit_test(a_missing_file_leaves_the_keymap_as_it_was),
        cmocka_unit_test(the_default_path_is_beside_the_program),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
