/* ident_msg.c - the message of a failed ID / USCC check (ident_msg.h). */
#include "tui/ident_msg.h"

#include <stdio.h>
#include <string.h>

#include "core/idtext.h"
#include "tui/i18n.h"

/* Append a formatted piece to buf. */
static void append(char *buf, size_t len, const char *fmt, const char *s, int n, char c)
{
    size_t used = strlen(buf);
    if (used >= len - 1)
        return;
    if (s)
        snprintf(buf + used, len - used, fmt, n, s);
    else if (c)
        snprintf(buf + used, len - used, fmt, c);
    else
        snprintf(buf + used, len - used, fmt, n);
}

char *ident_message(const ident_result *r, char *buf, size_t len)
{
    const idtext_badchar *bad = NULL;
    int length = 0;
    char expected = '\0';
    snprintf(buf, len, "%s", _(ident_reason(r)));
    if (r->kind == IDENT_KIND_IDCARD) {
        bad = r->idcard == IDCARD_ERR_CHAR ? &r->id.bad : NULL;
        length = r->idcard == IDCARD_ERR_LENGTH ? r->id.length : 0;
        expected = r->idcard == IDCARD_ERR_CHECK ? r->id.expected_check : '\0';
    } else if (r->kind == IDENT_KIND_USCC) {
        bad = r->uscc == USCC_ERR_CHAR ? &r->org.bad : NULL;
        length = r->uscc == USCC_ERR_LENGTH ? r->org.length : 0;
        expected = r->uscc == USCC_ERR_CHECK ? r->org.expected_check : '\0';
    }
    if (bad && bad->position > 0) {
        append(buf, len, _("; character %d is \"%s\""), bad->bytes, bad->position, 0);
        const char *hint = idtext_badchar_hint(bad);
        if (hint) {
            size_t used = strlen(buf);
            snprintf(buf + used, len - used, _("; %s"), _(hint));
        }
    }
    if (length > 0)
        append(buf, len, _("; %d characters were entered"), NULL, length, 0);
    if (expected)
        append(buf, len, _("; the check character should be %c"), NULL, 0, expected);
    return buf;
}
