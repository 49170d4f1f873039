/* deadline.c - when a case falls due, and where it stands on a given day.
 *
 * The clock (all limits in working days, 行政许可法 第八十二条 "期限以工作日
 * 计算，不含法定节假日"):
 *   - it starts on the acceptance date; counting begins the next day
 *     (民法典 第二百零一条 "开始的当日不计入，自下一日开始计算"), so the due
 *     date is cal_add_workdays(accepted, limit) when nothing pauses it;
 *   - for a 补办件 it starts again on the day the materials are complete
 *     (seed 001 篇八 四(三)3 "补办件的办理时限从服务对象补齐材料之日算起");
 *   - it stands still on the working days of special procedures: 行政许可法
 *     第四十五条 "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，
 *     所需时间不计算在本节规定的期限内", noted on the acceptance notice per
 *     seed 001 篇十三 §10(4).  A day inside several pauses counts once.
 * A day "counts" when it is after the clock start, a working day, and in no
 * pause.  The due date is the limit-th counted day, so it never falls inside
 * a pause, and a pause that begins after the due date does not move it (the
 * case was already late). */
#include "core/deadline.h"

#include "core/i18n.h"

static bool valid(gdate d)
{
    return date_valid(d.y, d.m, d.d);
}

static dl_status from_cal(cal_status st)
{
    switch (st) {
    case CAL_OK: return DL_OK;
    case CAL_NOT_LOADED: return DL_NOT_LOADED;
    case CAL_BAD_COUNT: return DL_BAD_LIMIT;
    case CAL_BAD_DATE: break;
    }
    return DL_BAD_DATE;
}

gdate dl_clock_start(const dl_case *c)
{
    return c->supplemented ? c->materials_complete : c->accepted;
}

static dl_status check_case(const dl_case *c)
{
    if (!valid(c->accepted) || (c->supplemented && !valid(c->materials_complete)))
        return DL_BAD_DATE;
    if (c->limit < 0)
        return DL_BAD_LIMIT;
    if (c->supplemented && date_cmp(c->materials_complete, c->accepted) < 0)
        return DL_COMPLETE_BEFORE_ACCEPTED;
    for (size_t i = 0; i < c->npauses; i++) {
        if (!valid(c->pauses[i].from) || !valid(c->pauses[i].to))
            return DL_BAD_DATE;
        if (date_cmp(c->pauses[i].to, c->pauses[i].from) < 0)
            return DL_BAD_PAUSE;
    }
    return DL_OK;
}

static bool in_pause(const dl_case *c, gdate d)
{
    for (size_t i = 0; i < c->npauses; i++)
        if (date_cmp(c->pauses[i].from, d) <= 0 && date_cmp(d, c->pauses[i].to) <= 0)
            return true;
    return false;
}

/* Does day d (after the clock start) count towards the limit? */
static dl_status counts(const calendar *cal, const dl_case *c, gdate d, bool *out, int *missing_year)
{
    bool work;
    cal_status st = cal_is_workday(cal, d, &work, missing_year);
    if (st != CAL_OK)
        return from_cal(st);
    *out = work && !in_pause(c, d);
    return DL_OK;
}

/* Counted days in (a, b], a <= b, ignoring days up to the clock start. */
static dl_status counted_between(const calendar *cal, const dl_case *c, gdate a, gdate b, int *n,
                                 int *missing_year)
{
    gdate start = dl_clock_start(c);
    if (date_cmp(a, start) < 0)
        a = start;
    *n = 0;
    for (gdate d = date_add_days(a, 1); date_cmp(d, b) <= 0; d = date_add_days(d, 1)) {
        bool yes;
        dl_status st = counts(cal, c, d, &yes, missing_year);
        if (st != DL_OK)
            return st;
        *n += yes;
    }
    return DL_OK;
}

dl_status dl_due(const calendar *cal, const dl_case *c, gdate *due, int *missing_year)
{
    dl_status st = check_case(c);
    if (st != DL_OK)
        return st;
    gdate d = dl_clock_start(c);
    bool ignored;
    if ((st = from_cal(cal_is_workday(cal, d, &ignored, missing_year))) != DL_OK)
        return st; /* the start day itself must be in a loaded year */
    /* Ends: each step counts a day or meets a year the calendar lacks. */
    for (int left = c->limit; left > 0;) {
        bool yes;
        d = date_add_days(d, 1);
        if ((st = counts(cal, c, d, &yes, missing_year)) != DL_OK)
            return st;
        left -= yes;
    }
    *due = d;
    return DL_OK;
}

dl_status dl_paused_workdays(const calendar *cal, const dl_case *c, gdate until, int *count, int *missing_year)
{
    dl_status st = check_case(c);
    if (st != DL_OK)
        return st;
    if (!valid(until))
        return DL_BAD_DATE;
    *count = 0;
    for (gdate d = date_add_days(dl_clock_start(c), 1); date_cmp(d, until) <= 0; d = date_add_days(d, 1)) {
        bool work;
        if (!in_pause(c, d))
            continue;
        if ((st = from_cal(cal_is_workday(cal, d, &work, missing_year))) != DL_OK)
            return st;
        *count += work;
    }
    return DL_OK;
}

/* Plain working days after the due date up to day (late days are not paused:
 * a pause that starts after the due date does not excuse the delay). */
static dl_status late_days(const calendar *cal, gdate due, gdate day, int *late, int *missing_year)
{
    return from_cal(cal_workdays_between(cal, due, day, late, missing_year));
}

static dl_status check_concluded(const calendar *cal, const dl_case *c, gdate concluded, dl_report *out,
                                 int *missing_year)
{
    if (!valid(concluded))
        return DL_BAD_DATE;
    if (date_cmp(concluded, dl_clock_start(c)) < 0)
        return DL_CONCLUDED_TOO_EARLY;
    if (date_cmp(concluded, out->due) <= 0) {
        out->state = DL_CONCLUDED_ON_TIME;
        return counted_between(cal, c, concluded, out->due, &out->remaining, missing_year);
    }
    out->state = DL_CONCLUDED_LATE;
    return late_days(cal, out->due, concluded, &out->late, missing_year);
}

dl_status dl_check(const calendar *cal, const dl_case *c, gdate today, const gdate *concluded, int soon,
                   dl_report *out, int *missing_year)
{
    if (soon < 0)
        return DL_BAD_THRESHOLD;
    if (!valid(today))
        return DL_BAD_DATE;
    dl_report r = {DL_ON_TIME, {0, 0, 0}, 0, 0};
    dl_status st = dl_due(cal, c, &r.due, missing_year);
    if (st != DL_OK)
        return st;
    if (concluded)
        st = check_concluded(cal, c, *concluded, &r, missing_year);
    else if (date_cmp(today, dl_clock_start(c)) < 0)
        return DL_TODAY_TOO_EARLY;
    else if (date_cmp(today, r.due) <= 0) {
        st = counted_between(cal, c, today, r.due, &r.remaining, missing_year);
        r.state = r.remaining <= soon ? DL_DUE_SOON : DL_ON_TIME;
    } else {
        r.state = DL_OVERDUE; /* today is after the due date */
        st = late_days(cal, r.due, today, &r.late, missing_year);
    }
    if (st == DL_OK)
        *out = r;
    return st;
}

/* 行政许可法 第三十二条(四): "申请材料不齐全或者不符合法定形式的，应当当场或者
 * 在五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日
 * 起即为受理".  The 五日 are working days: 第八十二条 makes every time limit of
 * the law a count of working days, not including public holidays. */
dl_status dl_intake_notice_deadline(const calendar *cal, gdate received, gdate *last_day, int *missing_year)
{
    return from_cal(cal_add_workdays(cal, received, DL_INTAKE_NOTICE_DAYS, last_day, missing_year));
}

dl_status dl_intake_check(const calendar *cal, gdate received, const gdate *notice_given, gdate today,
                          dl_intake *out, int *missing_year)
{
    dl_intake r = {{0, 0, 0}, notice_given != NULL, false, {0, 0, 0}, 0};
    if (!valid(received) || !valid(today) || (notice_given && !valid(*notice_given)))
        return DL_BAD_DATE;
    gdate judged = notice_given ? *notice_given : today;
    if (date_cmp(judged, received) < 0)
        return DL_BEFORE_RECEIPT;
    dl_status st = dl_intake_notice_deadline(cal, received, &r.last_notice_day, missing_year);
    if (st != DL_OK)
        return st;
    r.deemed_accepted = date_cmp(judged, r.last_notice_day) > 0;
    if (r.deemed_accepted)
        r.accepted_from = received; /* 自收到申请材料之日起即为受理 */
    else if (!notice_given)
        st = from_cal(cal_workdays_between(cal, today, r.last_notice_day, &r.days_left, missing_year));
    if (st == DL_OK)
        *out = r;
    return st;
}

const char *dl_reason(dl_status st)
{
    switch (st) {
    case DL_OK: return N_("no error");
    case DL_NOT_LOADED: return N_("calendar for %d not loaded");
    case DL_BAD_DATE: return N_("a date of the case is not a real date");
    case DL_BAD_LIMIT: return N_("the time limit must not be a negative number of working days");
    case DL_BAD_PAUSE: return N_("a suspension period ends before it starts");
    case DL_COMPLETE_BEFORE_ACCEPTED: return N_("the materials are marked complete before the case was accepted");
    case DL_CONCLUDED_TOO_EARLY: return N_("the conclusion date is before the time limit starts (acceptance, or completion of the materials)");
    case DL_TODAY_TOO_EARLY: return N_("today is before the time limit starts (acceptance, or completion of the materials)");
    case DL_BEFORE_RECEIPT: return N_("the date is before the application materials were received");
    case DL_BAD_THRESHOLD: return N_("the due-soon threshold must not be negative");
    }
    return N_("unknown deadline error");
}

const char *dl_state_name(dl_state st)
{
    switch (st) {
    case DL_ON_TIME: return N_("on time");
    case DL_DUE_SOON: return N_("due soon");
    case DL_OVERDUE: return N_("overdue");
    case DL_CONCLUDED_ON_TIME: return N_("concluded on time");
    case DL_CONCLUDED_LATE: return N_("concluded late");
    }
    return N_("unknown");
}
