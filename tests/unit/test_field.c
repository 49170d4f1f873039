/* test_field.c - the one-line input field model (issue 4): width-correct
 * cursor movement and deletion, scrolling views that never cut a
 * double-width character, refused controls and invalid UTF-8, capacity
 * limits and UTF-8 round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/cwidth.h"
#include "core/field.h"

#define CAP 64

/* A field with CAP characters of storage and no column limit. */
typedef struct {
    field f;
    uint32_t buf[CAP];
} fixture;

static void fx_init(fixture *x)
{
    field_init(&x->f, x->buf, (field_limits){CAP, 0});
}

/* Type NUL-terminated UTF-8 one code point at a time. */
static void type(field *f, const char *s)
{
    fixture tmp;
    fx_init(&tmp);
    assert_int_equal(field_set_utf8(&tmp.f, s), FIELD_OK);
    for (size_t i = 0; i < tmp.f.len; i++)
        assert_int_equal(field_insert(f, tmp.f.cp[i]), FIELD_OK);
}

static void assert_text(const field *f, const char *want)
{
    char out[CAP * 4 + 1];
    assert_int_equal(field_get_utf8(f, out, sizeof out), FIELD_OK);
    assert_string_equal(out, want);
}

/* The view of f at width w: returns the cursor column, checks the text. */
static int view_is(field *f, int w, const char *want)
{
    char out[CAP * 4 + 1];
    int col = -1;
    assert_int_equal(field_view(f, w, out, sizeof out, &col), FIELD_OK);
    assert_string_equal(out, want);
    return col;
}

static void typing_wang_fang_then_left_is_column_2(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    type(&x.f, "王芳");
    assert_int_equal(x.f.len, 2);
    assert_int_equal(x.f.cols, 4);
    assert_int_equal(view_is(&x.f, 20, "王芳"), 4);
    assert_int_equal(field_left(&x.f), FIELD_OK);
    assert_int_equal(x.f.cursor, 1);
    assert_int_equal(field_cursor_cols(&x.f), 2);
    assert_int_equal(view_is(&x.f, 20, "王芳"), 2);
    assert_int_equal(field_left(&x.f), FIELD_OK);
    assert_int_equal(view_is(&x.f, 20, "王芳"), 0);
    assert_int_equal(field_left(&x.f), FIELD_EDGE);
    assert_int_equal(field_right(&x.f), FIELD_OK);
    assert_int_equal(view_is(&x.f, 20, "王芳"), 2);
    assert_int_equal(field_right(&x.f), FIELD_OK);
    assert_int_equal(field_right(&x.f), FIELD_EDGE);
    assert_int_equal(view_is(&x.f, 20, "王芳"), 4);
}

static void backspace_removes_a_whole_cjk_character(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    type(&x.f, "a王芳");
    assert_int_equal(field_backspace(&x.f), FIELD_OK);
    assert_text(&x.f, "a王");
    assert_int_equal(x.f.cols, 3);
    assert_int_equal(view_is(&x.f, 20, "a王"), 3);
    assert_int_equal(field_backspace(&x.f), FIELD_OK);
    assert_text(&x.f, "a");
    assert_int_equal(x.f.cols, 1);
    assert_int_equal(field_backspace(&x.f), FIELD_OK);
    assert_int_equal(field_backspace(&x.f), FIELD_EDGE);
    assert_int_equal(x.f.len, 0);
    assert_int_equal(x.f.cols, 0);
}

static void delete_removes_the_character_at_the_cursor(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    type(&x.f, "王a芳");
    field_home(&x.f);
    assert_int_equal(field_delete(&x.f), FIELD_OK);
    assert_text(&x.f, "a芳");
    assert_int_equal(x.f.cursor, 0);
    assert_int_equal(field_right(&x.f), FIELD_OK);
    assert_int_equal(field_delete(&x.f), FIELD_OK);
    assert_text(&x.f, "a");
    assert_int_equal(field_delete(&x.f), FIELD_EDGE);
    assert_int_equal(x.f.cols, 1);
}

static void home_and_end(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    assert_int_equal(field_home(&x.f), FIELD_EDGE);
    assert_int_equal(field_end(&x.f), FIELD_EDGE);
    type(&x.f, "张三丰");
    assert_int_equal(field_end(&x.f), FIELD_EDGE);
    assert_int_equal(field_home(&x.f), FIELD_OK);
    assert_int_equal(x.f.cursor, 0);
    assert_int_equal(view_is(&x.f, 10, "张三丰"), 0);
    assert_int_equal(field_home(&x.f), FIELD_EDGE);
    assert_int_equal(field_end(&x.f), FIELD_OK);
    assert_int_equal(x.f.cursor, 3);
    assert_int_equal(view_is(&x.f, 10, "张三丰"), 6);
}

static void insert_in_the_middle(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    type(&x.f, "王芳");
    field_home(&x.f);
    assert_int_equal(field_insert(&x.f, 'A'), FIELD_OK);
    assert_text(&x.f, "A王芳");
    assert_int_equal(view_is(&x.f, 20, "A王芳"), 1);
    field_right(&x.f);
    type(&x.f, "小");
    assert_text(&x.f, "A王小芳");
    assert_int_equal(view_is(&x.f, 20, "A王小芳"), 5);
}

/* A 12-column view of a 10-character (20-column) name. */
static void twelve_column_view_scrolls_without_cutting(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    const char *name = "阿依古丽买买提艾则孜"; /* 10 characters, 20 columns */
    assert_int_equal(field_set_utf8(&x.f, name), FIELD_OK);
    assert_int_equal(x.f.cols, 20);
    /* Cursor at the end: 21 cells with the end cell; the view starts at
     * column 9, the right half of the first 买, which shows as one space. */
    assert_int_equal(view_is(&x.f, 12, " 买提艾则孜"), 11);
    assert_int_equal(x.f.scroll, 9);
    /* Home scrolls back: exactly six characters, no cut on the right. */
    field_home(&x.f);
    assert_int_equal(view_is(&x.f, 12, "阿依古丽买买"), 0);
    assert_int_equal(x.f.scroll, 0);
    /* Walking right keeps the view until the cursor's character would leave it. */
    for (int i = 0; i < 5; i++)
        field_right(&x.f);
    assert_int_equal(view_is(&x.f, 12, "阿依古丽买买"), 10);
    field_right(&x.f); /* onto 提, columns 12-13: scroll by two */
    assert_int_equal(view_is(&x.f, 12, "依古丽买买提"), 10);
    assert_int_equal(x.f.scroll, 2);
    /* Walking back left only scrolls when the cursor leaves the left edge. */
    for (int i = 0; i < 5; i++)
        field_left(&x.f);
    assert_int_equal(view_is(&x.f, 12, "依古丽买买提"), 0);
    field_left(&x.f);
    assert_int_equal(view_is(&x.f, 12, "阿依古丽买买"), 0);
}

static void right_edge_pads_a_cut_character(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    assert_int_equal(field_set_utf8(&x.f, "A王芳李四张三丰"), FIELD_OK);
    field_home(&x.f);
    /* A + 5 characters = 11 columns; 三 would take columns 11-12: a space. */
    assert_int_equal(view_is(&x.f, 12, "A王芳李四张 "), 0);
    /* An odd width on a pure-CJK text: 5 columns = 2 characters + 1 space. */
    assert_int_equal(field_set_utf8(&x.f, "王芳李四"), FIELD_OK);
    field_home(&x.f);
    assert_int_equal(view_is(&x.f, 5, "王芳 "), 0);
}

/* Check a view against the rules for every cursor position and many widths:
 * valid UTF-8, no wider than the view, the cursor in 0..w-1, and the cursor's
 * character shown whole at the cursor column when it fits. */
static void view_invariants_hold_everywhere(void **state)
{
    (void)state;
    const char *texts[] = {
        "阿依古丽买买提艾则孜",
        "ID号123王芳abc李四",
        "e\xCC\x81" "王x𠀀y😀Ｚ。",
        "",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        for (int w = 1; w <= 24; w++) {
            fixture x;
            fx_init(&x);
            assert_int_equal(field_set_utf8(&x.f, texts[t]), FIELD_OK);
            field_home(&x.f);
            for (int pass = 0; pass < 2; pass++) {
                for (;;) {
                    char out[CAP * 4 + 1];
                    int col = -1;
                    assert_int_equal(field_view(&x.f, w, out, field_utf8_size(&x.f), &col),
                                     FIELD_OK);
                    fixture v;
                    fx_init(&v);
                    assert_int_equal(field_set_utf8(&v.f, out), FIELD_OK);
                    assert_true(v.f.cols <= (size_t)w);
                    assert_in_range(col, 0, w - 1);
                    size_t cw = x.f.cursor < x.f.len ? (size_t)cwidth(x.f.cp[x.f.cursor]) : 1;
                    if (cw >= 1 && cw <= (size_t)w && x.f.cursor < x.f.len) {
                        size_t c = 0, i = 0;
                        while (i < v.f.len && c < (size_t)col)
                            c += (size_t)cwidth(v.f.cp[i++]);
                        while (i < v.f.len && cwidth(v.f.cp[i]) == 0)
                            i++; /* marks of the character before */
                        assert_int_equal(c, col);
                        assert_true(i < v.f.len);
                        assert_int_equal(v.f.cp[i], x.f.cp[x.f.cursor]);
                    }
                    if ((pass == 0 ? field_right(&x.f) : field_left(&x.f)) == FIELD_EDGE)
                        break;
                }
            }
        }
    }
}

static void mixed_ascii_and_cjk(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    type(&x.f, "ID号12");
    assert_int_equal(x.f.cols, 6);
    assert_int_equal(view_is(&x.f, 20, "ID号12"), 6);
    field_left(&x.f);
    field_left(&x.f);
    assert_int_equal(view_is(&x.f, 20, "ID号12"), 4);
    field_left(&x.f);
    assert_int_equal(view_is(&x.f, 20, "ID号12"), 2);
    assert_int_equal(field_backspace(&x.f), FIELD_OK);
    assert_text(&x.f, "I号12");
    assert_int_equal(view_is(&x.f, 20, "I号12"), 1);
    assert_int_equal(field_insert(&x.f, 0x3000), FIELD_OK); /* full-width space is text */
    assert_text(&x.f, "I\xE3\x80\x80号12");
    assert_int_equal(x.f.cols, 7);
    assert_int_equal(view_is(&x.f, 20, "I\xE3\x80\x80号12"), 3);
}

static void combining_marks_move_with_their_base(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    assert_int_equal(field_set_utf8(&x.f, "e\xCC\x81" "x"), FIELD_OK); /* é as e + U+0301 */
    assert_int_equal(x.f.len, 3);
    assert_int_equal(x.f.cols, 2);
    field_home(&x.f);
    assert_int_equal(field_right(&x.f), FIELD_OK);
    assert_int_equal(x.f.cursor, 2);
    assert_int_equal(view_is(&x.f, 10, "e\xCC\x81" "x"), 1);
    assert_int_equal(field_left(&x.f), FIELD_OK);
    assert_int_equal(x.f.cursor, 0);
    assert_int_equal(field_delete(&x.f), FIELD_OK);
    assert_text(&x.f, "x");
    assert_int_equal(x.f.cols, 1);
    field_end(&x.f);
    type(&x.f, "a\xCC\x80");
    assert_int_equal(field_backspace(&x.f), FIELD_OK);
    assert_text(&x.f, "x");
}

static void controls_are_refused(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    type(&x.f, "王芳");
    field_left(&x.f);
    static const uint32_t bad[] = {'\t', '\n', '\r', 0x1B, 0x7F, 0x85, 0x9B,
                                   0x2028, 0x202E, 0x2066, 0xFEFF};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(field_insert(&x.f, bad[i]), FIELD_CONTROL);
    assert_int_equal(field_insert(&x.f, 0), FIELD_NOT_CHAR);
    assert_int_equal(field_insert(&x.f, 0xD800), FIELD_NOT_CHAR);
    assert_int_equal(field_insert(&x.f, 0x110000), FIELD_NOT_CHAR);
    assert_text(&x.f, "王芳");
    assert_int_equal(x.f.cursor, 1);
    assert_int_equal(x.f.cols, 4);
    /* set_utf8 refuses them too and leaves the field as it was */
    assert_int_equal(field_set_utf8(&x.f, "a\tb"), FIELD_CONTROL);
    assert_int_equal(field_set_utf8(&x.f, "\x1B[31mred"), FIELD_CONTROL);
    assert_int_equal(field_set_utf8(&x.f, "x\xC2\x85"), FIELD_CONTROL); /* NEL */
    assert_int_equal(field_set_utf8(&x.f, "abc\xE2\x80\xAE" "cba"), FIELD_CONTROL); /* RLO */
    assert_text(&x.f, "王芳");
    assert_int_equal(x.f.cursor, 1);
    assert_string_not_equal(field_status_message(FIELD_CONTROL), field_status_message(FIELD_OK));
}

static void invalid_utf8_is_refused_unchanged(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    assert_int_equal(field_set_utf8(&x.f, "王芳"), FIELD_OK);
    field_left(&x.f);
    const char *bad[] = {
        "\xE7\x8E",          /* truncated 王 */
        "a\xE7\x8E" "b",     /* truncated in the middle */
        "\x80",              /* stray continuation byte */
        "\xC0\xAF",          /* overlong '/' */
        "\xE0\x80\xAF",      /* overlong, three bytes */
        "\xED\xA0\x80",      /* surrogate U+D800 */
        "\xF4\x90\x80\x80",  /* beyond U+10FFFF */
        "\xF8\x88\x80\x80\x80",
        "\xFF",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(field_set_utf8(&x.f, bad[i]), FIELD_BAD_UTF8);
    assert_text(&x.f, "王芳");
    assert_int_equal(x.f.len, 2);
    assert_int_equal(x.f.cursor, 1);
    assert_int_equal(x.f.cols, 4);
    /* the empty string and NULL empty it */
    assert_int_equal(field_set_utf8(&x.f, ""), FIELD_OK);
    assert_int_equal(x.f.len, 0);
    assert_int_equal(field_set_utf8(&x.f, NULL), FIELD_OK);
    assert_int_equal(x.f.cursor, 0);
}

static void capacity_limits(void **state)
{
    (void)state;
    /* max_chars: storage of exactly 3 code points (ASan sees any overrun) */
    uint32_t three[3];
    field f;
    field_init(&f, three, (field_limits){3, 0});
    type(&f, "王a");
    field_home(&f);
    assert_int_equal(field_insert(&f, 0x82B3), FIELD_OK); /* in front: memmove stays inside */
    assert_int_equal(field_insert(&f, 'b'), FIELD_FULL_CHARS);
    assert_text(&f, "芳王a");
    assert_int_equal(field_set_utf8(&f, "abcd"), FIELD_FULL_CHARS);
    assert_text(&f, "芳王a");
    assert_int_equal(field_set_utf8(&f, "abc"), FIELD_OK);
    /* max_cols: 5 columns take 王芳 (4) and one ASCII letter, not a third CJK */
    uint32_t buf[CAP];
    field_init(&f, buf, (field_limits){CAP, 5});
    type(&f, "王芳");
    assert_int_equal(field_insert(&f, 0x674E), FIELD_FULL_COLS); /* 李 */
    assert_int_equal(field_insert(&f, 0x3000), FIELD_FULL_COLS);
    assert_int_equal(field_insert(&f, 'a'), FIELD_OK);
    assert_int_equal(field_insert(&f, 'b'), FIELD_FULL_COLS);
    assert_int_equal(field_insert(&f, 0x0301), FIELD_OK); /* zero width still fits */
    assert_text(&f, "王芳a\xCC\x81");
    assert_int_equal(f.cols, 5);
    assert_int_equal(field_set_utf8(&f, "王芳李"), FIELD_FULL_COLS);
    assert_text(&f, "王芳a\xCC\x81");
    assert_int_equal(field_set_utf8(&f, "abcde"), FIELD_OK);
    assert_int_equal(field_set_utf8(&f, "abcdef"), FIELD_FULL_COLS);
    assert_text(&f, "abcde");
    /* a zero-capacity field refuses everything but stays valid */
    field_init(&f, NULL, (field_limits){0, 0});
    assert_int_equal(field_insert(&f, 'a'), FIELD_FULL_CHARS);
    assert_int_equal(field_set_utf8(&f, ""), FIELD_OK);
    assert_int_equal(field_backspace(&f), FIELD_EDGE);
    assert_string_not_equal(field_status_message(FIELD_FULL_CHARS),
                            field_status_message(FIELD_FULL_COLS));
}

static void round_trip_four_byte_characters(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    const char *s = "𠀀a𠀁王😀"; /* U+20000, a, U+20001, 王, U+1F600 */
    assert_int_equal(field_set_utf8(&x.f, s), FIELD_OK);
    assert_int_equal(x.f.len, 5);
    assert_int_equal(x.f.cp[0], 0x20000);
    assert_int_equal(x.f.cp[4], 0x1F600);
    assert_int_equal(x.f.cols, 2 + 1 + 2 + 2 + 1);
    assert_int_equal(field_utf8_size(&x.f), strlen(s) + 1);
    char out[32];
    assert_int_equal(field_get_utf8(&x.f, out, sizeof out), FIELD_OK);
    assert_string_equal(out, s);
    /* one byte short: refused, out is "" */
    assert_int_equal(field_get_utf8(&x.f, out, strlen(s)), FIELD_NO_ROOM);
    assert_string_equal(out, "");
    assert_int_equal(field_get_utf8(&x.f, out, 0), FIELD_NO_ROOM);
    /* 𠀀 moves and deletes as one two-column character */
    field_home(&x.f);
    field_right(&x.f);
    assert_int_equal(view_is(&x.f, 20, s), 2);
    field_left(&x.f);
    field_delete(&x.f);
    assert_text(&x.f, "a𠀁王😀");
    /* typed one code point at a time, the same bytes come back */
    field_clear(&x.f);
    type(&x.f, s);
    assert_text(&x.f, s);
}

static void narrow_views_and_small_buffers(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    type(&x.f, "王芳");
    char out[16];
    int col = -1;
    assert_int_equal(field_view(&x.f, 0, out, sizeof out, &col), FIELD_BAD_WIDTH);
    assert_string_equal(out, "");
    /* one column cannot show a CJK character: a space, cursor at 0 */
    field_home(&x.f);
    assert_int_equal(view_is(&x.f, 1, " "), 0);
    field_end(&x.f);
    assert_int_equal(view_is(&x.f, 1, ""), 0);
    assert_int_equal(view_is(&x.f, 2, " "), 1);
    assert_int_equal(view_is(&x.f, 3, "芳"), 2);
    /* a buffer too small for the slice */
    assert_int_equal(field_view(&x.f, 20, out, 6, &col), FIELD_NO_ROOM);
    assert_string_equal(out, "");
    assert_int_equal(field_view(&x.f, 20, out, 0, &col), FIELD_NO_ROOM);
    assert_int_equal(field_view(&x.f, 20, out, 7, NULL), FIELD_OK);
    assert_string_equal(out, "王芳");
}

static void view_scrolls_back_as_text_shrinks(void **state)
{
    (void)state;
    fixture x;
    fx_init(&x);
    assert_int_equal(field_set_utf8(&x.f, "阿依古丽买买提艾则孜"), FIELD_OK);
    assert_int_equal(view_is(&x.f, 12, " 买提艾则孜"), 11);
    field_home(&x.f);
    assert_int_equal(view_is(&x.f, 12, "阿依古丽买买"), 0);
    for (int i = 0; i < 8; i++)
        field_right(&x.f); /* on 则, columns 16-17 */
    assert_int_equal(view_is(&x.f, 12, "丽买买提艾则"), 10);
    assert_int_equal(x.f.scroll, 6);
    /* deleting to the right would leave blank columns; the view fills up again */
    field_delete(&x.f);
    field_delete(&x.f);
    assert_int_equal(view_is(&x.f, 12, " 丽买买提艾"), 11);
    assert_int_equal(x.f.scroll, 5);
    field_clear(&x.f);
    assert_int_equal(view_is(&x.f, 12, ""), 0);
    assert_int_equal(x.f.scroll, 0);
    type(&x.f, "王芳");
    assert_int_equal(view_is(&x.f, 12, "王芳"), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typing_wang_fang_then_left_is_column_2),
        cmocka_unit_test(backspace_removes_a_whole_cjk_character),
        cmocka_unit_test(delete_removes_the_character_at_the_cursor),
        cmocka_unit_test(home_and_end),
        cmocka_unit_test(insert_in_the_middle),
        cmocka_unit_test(twelve_column_view_scrolls_without_cutting),
        cmocka_unit_test(right_edge_pads_a_cut_character),
        cmocka_unit_test(view_invariants_hold_everywhere),
        cmocka_unit_test(mixed_ascii_and_cjk),
        cmocka_unit_test(combining_marks_move_with_their_base),
        cmocka_unit_test(controls_are_refused),
        cmocka_unit_test(invalid_utf8_is_refused_unchanged),
        cmocka_unit_test(capacity_limits),
        cmocka_unit_test(round_trip_four_byte_characters),
        cmocka_unit_test(narrow_views_and_small_buffers),
        cmocka_unit_test(view_scrolls_back_as_text_shrinks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
