/* ui_marks.c - deadline marks and phrases for case rows (ui_marks.h). */
#include "tui/ui_marks.h"

#include <stdio.h>

#include "tui/i18n.h"

const char *ui_deadline_mark(const cv_row *r, term_role *role)
{
    *role = ROLE_NORMAL;
    if (!r->deadline_known)
        return "  ";
    if (r->state == DL_OVERDUE || r->state == DL_CONCLUDED_LATE) {
        *role = ROLE_ALARM;
        return "!!";
    }
    if (r->state == DL_DUE_SOON) {
        *role = ROLE_WARN;
        return "! ";
    }
    return "  ";
}

char *ui_deadline_text(const cv_row *r, char *buf, size_t len)
{
    if (r->status == CASE_DEFERRED && r->deferred_deadline[0])
        snprintf(buf, len, _("materials by %s"), r->deferred_deadline);
    else if (r->deadline_known && r->state == DL_OVERDUE)
        snprintf(buf, len, _("%d working days late"), r->late);
    else if (r->due[0])
        snprintf(buf, len, _("due %s"), r->due);
    else
        snprintf(buf, len, "%s", _(case_status_label(r->status)));
    return buf;
}
