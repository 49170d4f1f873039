/* verb_id.c - `guichet id check VALUE`: validate a 居民身份证号码 or a
 * 统一社会信用代码 (core/ident.h).  On success one stable line:
 *   id YYYY-MM-DD male|female      (a 15-digit number adds: legacy <18-digit form>)
 *   uscc
 * exit 0; on failure the reason and its detail on one line, exit 1. */
#include <stdio.h>

#include "core/ident.h"
#include "tui/i18n.h"
#include "tui/verbs.h"

static void print_ok(const ident_result *r)
{
    char buf[DATE_STR_LEN];
    if (r->kind == IDENT_KIND_USCC) {
        printf("uscc\n");
        if (r->org.note != USCC_NOTE_NONE)
            fprintf(stderr, "%s\n", _(uscc_note_text(r->org.note)));
        return;
    }
    printf("id %s %s", date_format(r->birth, buf), idcard_sex_token(r->sex));
    if (r->id.legacy)
        printf(" legacy %s", r->id.number);
    printf("\n");
}

/* The detail that makes a reason specific: which character, how many, what was expected. */
static void print_detail(const ident_result *r)
{
    const idtext_badchar *bad = NULL;
    int length = 0;
    char expected = '\0';
    if (r->kind == IDENT_KIND_IDCARD) {
        if (r->idcard == IDCARD_ERR_CHAR)
            bad = &r->id.bad;
        if (r->idcard == IDCARD_ERR_LENGTH)
            length = r->id.length;
        if (r->idcard == IDCARD_ERR_CHECK)
            expected = r->id.expected_check;
    } else if (r->kind == IDENT_KIND_USCC) {
        if (r->uscc == USCC_ERR_CHAR)
            bad = &r->org.bad;
        if (r->uscc == USCC_ERR_LENGTH)
            length = r->org.length;
        if (r->uscc == USCC_ERR_CHECK)
            expected = r->org.expected_check;
    }
    if (bad && bad->position > 0) {
        fprintf(stderr, _("; character %d is \"%s\""), bad->position, bad->bytes);
        const char *hint = idtext_badchar_hint(bad);
        if (hint)
            fprintf(stderr, _("; %s"), _(hint));
    }
    if (length > 0)
        fprintf(stderr, _("; %d characters were entered"), length);
    if (expected)
        fprintf(stderr, _("; the check character should be %c"), expected);
}

int verb_id_check(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    ident_result r;
    if (ident_check(argv[0], ctx->today, &r) == IDENT_OK) {
        print_ok(&r);
        return VERB_OK;
    }
    fprintf(stderr, "%s", _(ident_reason(&r)));
    print_detail(&r);
    fputc('\n', stderr);
    return VERB_FAIL;
}
