/* supervise_complaint.c - 投诉: registering a complaint about a window, a
 * clerk or a case, its extension, its conclusion by a supervisor and its
 * exclusion; each one event, one transaction.
 *
 * Seed 001_fcc7b53b8a175d84.txt 篇十三 (六):
 *   20 受理渠道: 投诉室(台)、意见箱，公开投诉举报电话、电子邮箱 - channels window,
 *      phone, box, online;
 *   21 受理范围: "投诉事项已经或者依法应当通过诉讼、仲裁、行政复议、信访等途径解决的"
 *      are excluded - recorded with the reason (litigation, arbitration,
 *      reconsideration), never deleted;
 *   22 处置方式: "应当场或在3个工作日内处置办结 … 最长不应超过15个工作日，并明确告知
 *      投诉人延长时限和理由，在办结后要及时将处置结果告知投诉人" - the due date
 *      (core/supervise.c), one extension with its reason, the outcome and how
 *      the complainant was told;
 *   23 结果运用: "投诉处置结果 … 作为相关考核的重要依据" - verified findings feed
 *      the window's quarter score (data/attreport_quarter.c, seed 003 第五章
 *      (四), (七)). */
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "data/desk_int.h"
#include "data/duty_int.h"
#include "data/project.h"
#include "data/cases.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store_db.h"
#include "data/supervise.h"
#include "data/supervise_int.h"

#define SV_COMPLAINT_SEQ_MAX 999

/* The next complaint number of the day: TS-TERMINAL-YYYYMMDD-NNN, with this terminal's code (cases.h
 * cases_codes) so that two terminals numbering offline never make the same id; 0 or -1 with the message. */
static int next_id(store *s, gdate day, char *out, size_t len, char *err, size_t errlen)
{
    char centre[CASENUM_CENTRE_MAX + 1], terminal[CASENUM_TERMINAL_MAX + 1], prefix[40];
    if (cases_codes(s, centre, terminal) != 0)
        return desk_say(err, errlen, N_("cannot number the complaint: %s"), store_errmsg(s));
    snprintf(prefix, sizeof prefix, "TS-%s-%04d%02d%02d-", terminal, day.y, day.m, day.d);
    sqlite3_stmt *st = store_prepare(s, "SELECT coalesce(max(CAST(substr(id, length(?1) + 1) AS INTEGER)), 0) "
                                        "FROM complaints WHERE substr(id, 1, length(?1)) = ?1");
    if (!st)
        return desk_say(err, errlen, "%s", store_errmsg(s));
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st), last = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return desk_say(err, errlen, N_("cannot number the complaint: %s"), store_errmsg(s));
    if (last >= SV_COMPLAINT_SEQ_MAX)
        return desk_say(err, errlen, N_("more than %d complaints registered on %s"), SV_COMPLAINT_SEQ_MAX, prefix);
    unsigned next = (unsigned)last + 1u; /* 1..SV_COMPLAINT_SEQ_MAX: checked above */
    if ((size_t)snprintf(out, len, "%s%03u", prefix, next % 1000u) >= len)
        return desk_say(err, errlen, N_("cannot number the complaint: %s"), prefix);
    return 0;
}

/* The target as it goes into the event: window (and clerk, case) of what the complaint is about. */
typedef struct {
    char window[64];
    int32_t clerk;
    char case_id[CASENUM_LEN];
} cp_target;

/* Check what the complaint is about (about: index in sv_abouts) and fill t; 0 or -1 with the message. */
static int target_check(store *s, const desk_who *who, int about, const sv_complaint *in, cp_target *t, char *err,
                        size_t errlen)
{
    window_rec w;
    staff_rec r;
    project_case c;
    char e[STORE_ERR_LEN];
    memset(t, 0, sizeof *t);
    const char *win = desk_blank(in->window) ? who->window : in->window;
    if (about == 0 && desk_blank(in->window))
        return desk_say(err, errlen, N_("a complaint about a window needs the window"));
    if (about == 1 && in->clerk < 1)
        return desk_say(err, errlen, N_("a complaint about a clerk needs the clerk"));
    if (about == 1 && staff_get_num(s, in->clerk, &r, e, sizeof e) != STAFF_OK)
        return desk_say(err, errlen, N_("complaint: no staff member %d"), (int)in->clerk);
    if (about == 2) {
        if (desk_case_number(in->case_id, t->case_id, err, errlen) != 0)
            return -1;
        int rc = project_case_get(s, t->case_id, &c);
        if (rc != 0)
            return rc < 0 ? desk_say(err, errlen, "%s", store_errmsg(s))
                          : desk_say(err, errlen, N_("complaint: no case %s"), t->case_id);
        win = c.window_id;
        t->clerk = c.clerk;
    }
    if (about == 1)
        t->clerk = in->clerk;
    if (window_get(s, win, &w, e, sizeof e) != STAFF_OK)
        return desk_say(err, errlen, N_("complaint: no window %s"), win);
    snprintf(t->window, sizeof t->window, "%s", w.code);
    return 0;
}

/* Channel, target, complainant, phone and text; 0 or -1 with the message. */
static int register_check(store *s, const desk_who *who, const sv_complaint *in, cp_target *t, char *phone,
                          char *err, size_t errlen)
{
    int channel = sv_name_index(sv_channels, SV_NCHANNELS, in->channel);
    int about = sv_name_index(sv_abouts, SV_NABOUT, in->about);
    if (channel == SV_NCHANNELS)
        return desk_say(err, errlen, N_("complaint: the channel must be window, phone, box or online"));
    if (about == SV_NABOUT)
        return desk_say(err, errlen, N_("complaint: it is about a window, a clerk or a case"));
    if (target_check(s, who, about, in, t, err, errlen) != 0 ||
        desk_text(N_("the complainant"), in->complainant, sizeof in->complainant - 1, false, err, errlen) != 0 ||
        desk_phone_norm(in->phone, phone, err, errlen) != 0)
        return -1;
    return desk_text(N_("the complaint"), in->text, sizeof in->text - 1, true, err, errlen);
}

int sv_complaint_register(store *s, const desk_who *who, const sv_complaint *in, char *id_out, size_t idlen,
                          char *err, size_t errlen)
{
    cp_target t;
    char phone[PHONE_NORM_MAX], id[40], due_s[DATE_STR_LEN];
    gdate due;
    if (!s || !in)
        return desk_say(err, errlen, N_("internal error: a required argument is missing"));
    if (desk_who_check(who, err, errlen) != 0 || register_check(s, who, in, &t, phone, err, errlen) != 0)
        return -1;
    sv_code c = sv_complaint_due(who->cal, who->today, &due); /* 篇十三 §22: 3个工作日内 */
    if (c != SV_OK)
        return desk_say(err, errlen, N_("complaint: %s"), desk_tr(sv_reason(c)));
    if (next_id(s, who->today, id, sizeof id, err, errlen) != 0)
        return -1;
    evbatch *b = sv_event(s, who, "complaint.registered", id, err, errlen);
    if (!b)
        return -1;
    evbatch_add(b, ev_str("due", evbatch_keep(b, date_format(due, due_s))));
    evbatch_add(b, ev_str("channel", in->channel));
    evbatch_add(b, ev_str("about", in->about));
    evbatch_add(b, ev_str("window", evbatch_keep(b, t.window)));
    if (t.clerk > 0)
        evbatch_add(b, ev_int("clerk", t.clerk));
    if (t.case_id[0])
        evbatch_add(b, ev_str("case", evbatch_keep(b, t.case_id)));
    if (!desk_blank(in->complainant))
        evbatch_add(b, ev_str("complainant", in->complainant));
    if (phone[0])
        evbatch_add(b, ev_str("phone", evbatch_keep(b, phone)));
    evbatch_add(b, ev_str("text", in->text));
    int rc = sv_commit(b, err, errlen);
    if (rc == 0 && id_out)
        snprintf(id_out, idlen, "%s", id);
    return rc;
}

/* The signer checked and an open (or extended) complaint read; 0 or -1 with the message. */
static int complaint_begin(store *s, const desk_who *who, const char *id, sv_complaint *c, char *err, size_t errlen)
{
    if (!s)
        return desk_say(err, errlen, N_("internal error: a required argument is missing"));
    if (desk_who_check(who, err, errlen) != 0)
        return -1;
    int rc = sv_complaint_get(s, id ? id : "", c);
    if (rc != 0)
        return rc < 0 ? desk_say(err, errlen, "%s", store_errmsg(s))
                      : desk_say(err, errlen, N_("no complaint %s"), id ? id : "");
    if (c->state == SV_CONCLUDED || c->state == SV_EXCLUDED)
        return desk_say(err, errlen, N_("complaint %s is closed (%s)"), c->id, sv_state_name(c->state));
    return 0;
}

int sv_complaint_extend(store *s, const desk_who *who, const char *id, gdate new_due, const char *reason,
                        char *err, size_t errlen)
{
    sv_complaint c;
    gdate latest;
    char d[DATE_STR_LEN], r[DATE_STR_LEN];
    if (complaint_begin(s, who, id, &c, err, errlen) != 0)
        return -1;
    sv_code code = sv_extend_check(who->cal, c.registered, c.due, c.state == SV_EXTENDED, new_due);
    if (code == SV_E_EXTEND_TOO_LATE && sv_complaint_due_max(who->cal, c.registered, &latest) == SV_OK)
        return desk_say(err, errlen, N_("complaint %s: at most 15 working days after its registration on %s, "
                                        "that is %s"), c.id, date_format(c.registered, r), date_format(latest, d));
    if (code != SV_OK)
        return desk_say(err, errlen, N_("complaint %s: %s"), c.id, desk_tr(sv_reason(code)));
    if (desk_blank(reason))
        return desk_say(err, errlen, N_("complaint %s: the reason told to the complainant is required"), c.id);
    if (desk_text(N_("the reason"), reason, DESK_REASON_MAX, true, err, errlen) != 0)
        return -1;
    evbatch *b = sv_event(s, who, "complaint.extended", c.id, err, errlen);
    if (!b)
        return -1;
    evbatch_add(b, ev_str("due", evbatch_keep(b, date_format(new_due, d))));
    evbatch_add(b, ev_str("reason", reason));
    return sv_commit(b, err, errlen);
}

int sv_complaint_conclude(store *s, const desk_who *who, const char *id, const char *finding, const char *outcome,
                          const char *notified_by, char *err, size_t errlen)
{
    sv_complaint c;
    if (complaint_begin(s, who, id, &c, err, errlen) != 0 ||
        dutyi_need_supervisor(s, who->staff, N_("conclude a complaint"), err, errlen) != 0)
        return -1;
    if (sv_name_index(sv_findings, SV_NFINDINGS, finding) == SV_NFINDINGS)
        return desk_say(err, errlen, N_("complaint %s: the finding must be unfounded, manner, unlawful or other"),
                        c.id);
    if (sv_name_index(sv_notified, SV_NNOTIFIED, notified_by) == SV_NNOTIFIED)
        return desk_say(err, errlen, N_("complaint %s: the complainant is told by phone, letter, in_person or sms"),
                        c.id);
    if (desk_text(N_("the outcome"), outcome, sizeof c.outcome - 1, true, err, errlen) != 0)
        return -1;
    evbatch *b = sv_event(s, who, "complaint.concluded", c.id, err, errlen);
    if (!b)
        return -1;
    evbatch_add(b, ev_str("finding", finding));
    evbatch_add(b, ev_str("outcome", outcome));
    evbatch_add(b, ev_str("notified_by", notified_by));
    return sv_commit(b, err, errlen);
}

int sv_complaint_exclude(store *s, const desk_who *who, const char *id, const char *reason, const char *note,
                         char *err, size_t errlen)
{
    sv_complaint c;
    if (complaint_begin(s, who, id, &c, err, errlen) != 0)
        return -1;
    if (sv_name_index(sv_excluded, SV_NEXCLUDED, reason) == SV_NEXCLUDED)
        return desk_say(err, errlen,
                        N_("complaint %s: excluded only when in litigation, arbitration or reconsideration"), c.id);
    if (desk_text(N_("the note"), note, DESK_REASON_MAX, false, err, errlen) != 0)
        return -1;
    evbatch *b = sv_event(s, who, "complaint.excluded", c.id, err, errlen);
    if (!b)
        return -1;
    evbatch_add(b, ev_str("reason", reason));
    if (!desk_blank(note))
        evbatch_add(b, ev_str("note", note));
    return sv_commit(b, err, errlen);
}
