/* supervise.c - 差评整改: the follow-up a dissatisfied rating opens (its
 * deadline written into the rating's event), its steps (verify, rectify,
 * answer, call back a real-name reviewer) and the appeal of a mistaken or
 * malicious rating, decided by a supervisor other than the case's clerk;
 * and the stable names the supervision files share.
 *
 * Seed 001_fcc7b53b8a175d84.txt 篇十三 (七)27 结果运用: "建立差评和投诉问题核实、
 * 整改及反馈机制；对核实情况清楚、诉求合理的问题，在规定时间整改到位" - verified,
 * rectified, answered, within the centre's [supervision] followup_days.  An
 * appeal never deletes the rating: an upheld one only leaves it out of the
 * satisfaction rate (data/stats.c). */
#include "data/supervise.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "data/desk_int.h"
#include "data/duty_int.h"
#include "data/store_db.h"
#include "data/supervise_int.h"

/* ---- names ------------------------------------------------------------------------------- */

const char *const sv_channels[SV_NCHANNELS] = {"window", "phone", "box", "online"};
const char *const sv_abouts[SV_NABOUT] = {"window", "clerk", "case"};
const char *const sv_findings[SV_NFINDINGS] = {"unfounded", "manner", "unlawful", "other"};
const char *const sv_notified[SV_NNOTIFIED] = {"phone", "letter", "in_person", "sms"};
const char *const sv_appeal_reasons[SV_NAPPEAL_REASONS] = {"mistaken", "malicious", "other"};
const char *const sv_excluded[SV_NEXCLUDED] = {"litigation", "arbitration", "reconsideration"};
const char *const sv_appeal_names[4] = {"none", "pending", "upheld", "refused"};

int sv_name_index(const char *const *names, int n, const char *name)
{
    for (int i = 0; name && i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return n;
}

/* ---- the centre's deadline ------------------------------------------------------------------- */

static int followup_days = SV_FOLLOWUP_DAYS_DEFAULT;

int sv_set_followup_days(int days)
{
    if (days < SV_FOLLOWUP_DAYS_MIN || days > SV_FOLLOWUP_DAYS_MAX)
        return -1;
    followup_days = days;
    return 0;
}

int sv_get_followup_days(void)
{
    return followup_days;
}

/* 1 when the case has the applicant's ID number or phone (a real-name review), 0 not, -1 error. */
static int case_real_name(store *s, const char *case_id)
{
    return store_exists(s,
                        "SELECT 1 FROM cases WHERE case_id = ?1 AND (coalesce(applicant_id, '') <> '' "
                        "OR coalesce(applicant_phone, '') <> '')",
                        case_id, "reading the case's applicant");
}

int sv_rating_fields(store *s, const desk_who *who, const char *case_id, desk_rating rating, evbatch *b,
                     char *err, size_t errlen)
{
    gdate due;
    char d[DATE_STR_LEN];
    if (rating != DESK_RATE_DISSATISFIED && rating != DESK_RATE_VERY_DISSATISFIED)
        return 0;
    int real = case_real_name(s, case_id);
    if (real < 0)
        return desk_say(err, errlen, "%s", store_errmsg(s));
    /* a calendar that does not hold the deadline yet: the rating is kept, with no follow-up */
    if (sv_followup_due(who->cal, who->today, followup_days, &due) == SV_OK)
        evbatch_add(b, ev_str("followup_due", evbatch_keep(b, date_format(due, d))));
    if (real)
        evbatch_add(b, ev_bool("real_name", true));
    return 0;
}

/* ---- the follow-up's actions ------------------------------------------------------------------- */

/* The signer checked and the follow-up of case_id read into f (id normalised into id). */
static int followup_begin(store *s, const desk_who *who, const char *case_id, char id[CASENUM_LEN], sv_followup *f,
                          char *err, size_t errlen)
{
    if (!s)
        return desk_say(err, errlen, N_("internal error: a required argument is missing"));
    if (desk_who_check(who, err, errlen) != 0 || desk_case_number(case_id, id, err, errlen) != 0)
        return -1;
    int rc = sv_followup_get(s, id, f);
    if (rc < 0)
        return desk_say(err, errlen, "%s", store_errmsg(s));
    if (rc == 1)
        return desk_say(err, errlen, N_("case %s has no follow-up: only a dissatisfied rating opens one"), id);
    return 0;
}

/* Commit a batch of one event and free it; 0 or -1 with the message. */
static int commit(evbatch *b, char *err, size_t errlen)
{
    int rc = evbatch_commit(b, err, errlen);
    evbatch_free(b);
    if (rc == 1)
        return desk_say(err, errlen, N_("this action needs more events or text than one record holds"));
    return rc;
}

/* One event about subject with its date; the rest added by the caller; NULL with the message. */
static evbatch *one_event(store *s, const desk_who *who, const char *type, const char *subject, char *err,
                          size_t errlen)
{
    evbatch *b = evbatch_new(s, who->today, err, errlen);
    if (!b)
        return NULL;
    evbatch_ev(b, type, subject, who->staff);
    evbatch_add(b, ev_str("date", b->today));
    return b;
}

int sv_followup_step(store *s, const desk_who *who, const char *case_id, sv_step step, const char *note,
                     char *err, size_t errlen)
{
    char id[CASENUM_LEN];
    sv_followup f;
    if (followup_begin(s, who, case_id, id, &f, err, errlen) != 0)
        return -1;
    if (!sv_step_name(step))
        return desk_say(err, errlen, N_("unknown follow-up step"));
    bool done[SV_STEP_COUNT] = {f.verified.y != 0, f.rectified.y != 0, f.answered.y != 0, f.called_back.y != 0};
    sv_code c = sv_step_check(done, f.real_name, f.closed, step);
    if (c != SV_OK)
        return desk_say(err, errlen, N_("follow-up of case %s: %s"), id, desk_tr(sv_reason(c)));
    if (desk_text(N_("the note"), note, DESK_REASON_MAX, true, err, errlen) != 0)
        return -1;
    evbatch *b = one_event(s, who, "followup.step", id, err, errlen);
    if (!b)
        return -1;
    evbatch_add(b, ev_str("step", sv_step_name(step)));
    evbatch_add(b, ev_str("note", note));
    return commit(b, err, errlen);
}

int sv_appeal_record(store *s, const desk_who *who, const char *case_id, const char *reason, const char *note,
                     char *err, size_t errlen)
{
    char id[CASENUM_LEN];
    sv_followup f;
    if (followup_begin(s, who, case_id, id, &f, err, errlen) != 0)
        return -1;
    int r = sv_name_index(sv_appeal_reasons, SV_NAPPEAL_REASONS, reason);
    if (r == SV_NAPPEAL_REASONS)
        return desk_say(err, errlen, N_("appeal of case %s: the reason must be mistaken, malicious or other"), id);
    if (f.appeal != SV_APPEAL_NONE)
        return desk_say(err, errlen, N_("the rating of case %s was already appealed"), id);
    if (desk_text(N_("the note"), note, DESK_REASON_MAX, true, err, errlen) != 0)
        return -1;
    evbatch *b = one_event(s, who, "evaluation.appealed", id, err, errlen);
    if (!b)
        return -1;
    evbatch_add(b, ev_str("reason", sv_appeal_reasons[r]));
    evbatch_add(b, ev_str("note", note));
    return commit(b, err, errlen);
}

int sv_appeal_decide(store *s, const desk_who *who, const char *case_id, bool upheld, const char *note,
                     char *err, size_t errlen)
{
    char id[CASENUM_LEN];
    sv_followup f;
    if (followup_begin(s, who, case_id, id, &f, err, errlen) != 0 ||
        dutyi_need_supervisor(s, who->staff, N_("decide an appeal"), err, errlen) != 0)
        return -1;
    if (f.clerk == who->staff)
        return desk_say(err, errlen, N_("the clerk of case %s does not decide the appeal of its rating: "
                                        "another supervisor does"), id);
    if (f.appeal != SV_APPEAL_PENDING)
        return desk_say(err, errlen, N_("case %s has no appeal waiting for a decision"), id);
    if (desk_text(N_("the note"), note, DESK_REASON_MAX, true, err, errlen) != 0)
        return -1;
    evbatch *b = one_event(s, who, "evaluation.appeal_decided", id, err, errlen);
    if (!b)
        return -1;
    evbatch_add(b, ev_bool("upheld", upheld));
    evbatch_add(b, ev_str("note", note));
    return commit(b, err, errlen);
}

/* Used by data/supervise_complaint.c too. */
evbatch *sv_event(store *s, const desk_who *who, const char *type, const char *subject, char *err, size_t errlen)
{
    return one_event(s, who, type, subject, err, errlen);
}

int sv_commit(evbatch *b, char *err, size_t errlen)
{
    return commit(b, err, errlen);
}
