/* verb_id.c - `guichet id check VALUE`: validate a 居民身份证号码 or a
 * 统一社会信用代码 (core/ident.h).  On success one stable line:
 *   id YYYY-MM-DD male|female      (a 15-digit number adds: legacy <18-digit form>)
 *   uscc
 * exit 0; on failure the reason and its detail on one line, exit 1. */
#include <stdio.h>

#include "core/ident.h"
#include "tui/i18n.h"
#include "tui/ident_msg.h"
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

int verb_id_check(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    ident_result r;
    if (ident_check(argv[0], ctx->today, &r) == IDENT_OK) {
        print_ok(&r);
        return VERB_OK;
    }
    char msg[600];
    fprintf(stderr, "%s\n", ident_message(&r, msg, sizeof msg));
    return VERB_FAIL;
}
