/* test_config_sync.c - [sync] autostart: whether the screen starts the sync
 * agent (tui/app_sync.c); on by default and in config.ini.example, a yes/no
 * word, anything else refused naming the file and the key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/config.h"

static char file[] = "/tmp/guichet-config-sync-XXXXXX";

/* Write text to the test file and load it over the defaults into *cfg; config_load's result. */
static int load_text(const char *text, gconfig *cfg, char *err, size_t errlen)
{
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    config_defaults(cfg);
    return config_load(file, cfg, err, errlen);
}

static void autostart_is_on_by_default_and_in_the_example(void **state)
{
    (void)state;
    gconfig cfg;
    char err[512];
    config_defaults(&cfg);
    assert_int_equal(cfg.sync_autostart, 1);
    assert_int_equal(config_load("config.ini.example", &cfg, err, sizeof err), 0);
    assert_int_equal(cfg.sync_autostart, 1);
}

static void autostart_takes_yes_and_no_words(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int want;
    } cases[] = {
        {"[sync]\nautostart = false\n", 0}, {"[sync]\nautostart = no\n", 0}, {"[sync]\nautostart = off\n", 0},
        {"[sync]\nautostart = 0\n", 0},     {"[sync]\nautostart = true\n", 1}, {"[sync]\nautostart = yes\n", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gconfig cfg;
        char err[512];
        assert_int_equal(load_text(cases[i].text, &cfg, err, sizeof err), 0);
        assert_int_equal(cfg.sync_autostart, cases[i].want);
    }
}

static void autostart_refuses_other_words_naming_file_and_key(void **state)
{
    (void)state;
    gconfig cfg;
    char err[512] = "";
    assert_int_equal(load_text("[sync]\nautostart = maybe\n", &cfg, err, sizeof err), -1);
    assert_non_null(strstr(err, "sync:autostart"));
    assert_non_null(strstr(err, "maybe"));
    assert_non_null(strstr(err, file));
    assert_int_equal(cfg.sync_autostart, 1); /* bad input changes nothing */
}

static int setup(void **state)
{
    (void)state;
    int fd = mkstemp(file);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(file);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(autostart_is_on_by_default_and_in_the_example),
        cmocka_unit_test(autostart_takes_yes_and_no_words),
        cmocka_unit_test(autostart_refuses_other_words_naming_file_and_key),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
