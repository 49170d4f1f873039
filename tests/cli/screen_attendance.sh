#!/bin/sh
# screen_attendance.sh - 考勤 at the clerk's screen, end to end in tmux at
# 80x24 on the demo data: the first log-in signs demo-a in (the message line
# names the punch and its minute), F11 lists today's punch, o signs out, i
# signs in again; a leave request with a date that is not a date, or outside
# the loaded calendar, is refused with a message naming the field and nothing
# recorded; a good one is recorded, the same one again is refused (overlap);
# demo-a's month sheet holds only her line; demo-b signs in while the
# terminal clock looks wrong and the punch is kept, flagged; the supervisor
# demo-s (F8) approves the request, voids one of demo-a's punches with a
# reason (a new event, the punch stays), sees everyone's month sheet and
# demo-a's days, the timeline of the window and the quarter's score.  The
# minute of the day is the machine's own clock, so nothing here depends on
# the time the test runs at (the date is fixed by GUICHET_TODAY).  $GUICHET
# is the binary under test.
. "$(dirname "$0")/screen_common.sh"

numa=$(staff_num demo-a)
# (the demo data holds a month of attendance and leave before today: count today's, and 25 November's)
punches() { sql "SELECT count(*) FROM attendance WHERE staff_id=$numa AND day='$TODAY' AND kind='$1'"; }
leaves() { sql "SELECT count(*) FROM leaves WHERE staff_id=$numa AND start_day >= '2026-11-25'"; }
# No key goes to a box that is not there: n on the dashboard would open an intake.
no_box() { if screen | grep -qE "$BOX_TOP"; then keys n; wait_no_box; fi; }
DUTY_OFFER= # this script answers the AB岗 duty offer after each log-in itself (screen_common.sh)

start
check "demo-a logs in" "login demo-a 583914"
check "the first log-in signs demo-a in: one sign_in recorded for today" \
  "wait_sql \"SELECT count(*) FROM attendance WHERE staff_id=$numa AND kind='sign_in' AND day='$TODAY'\" 1"
at=$(sql "SELECT printf('%02d:%02d', minute/60, minute%60) FROM attendance WHERE staff_id=$numa AND day='$TODAY' AND kind='sign_in'")
check "the message line says so with the minute ($at)" "wait_msg '(签到|Sign in) $at'"
# the duty offer of the AB岗 screens (take duty at W01): yes, so the timeline has a spell
if wait_box; then keys y; wait_no_box; fi

keys F11
check "F11 opens the attendance screen: today's sign-in listed at $at" \
  "wait_for ' $at +(签到|Sign in) ' && wait_hint 'Esc'"
check "the letter keys are on screen: i, o, l, v, r" \
  "screen | grep -qE 'i (签到|sign in)' && screen | grep -qE 'o (签退|sign out)' && screen | grep -qE '^ *r '"
keys o
check "o asks before signing out" "wait_box"
keys y
check "signed out: one sign_out recorded today, the message says so" \
  "wait_sql \"SELECT count(*) FROM attendance WHERE staff_id=$numa AND day='$TODAY' AND kind='sign_out'\" 1 && wait_msg '签退|Sign out'"
check "the screen lists the sign-out under the sign-in" "wait_for '(签退|Sign out) +W01'"
keys o
check "o again (signed out, no sign-in since) is refused with a message, nothing recorded" \
  "wait_msg '已于.*签退|Already signed out' && ! screen | grep -qE \"\$BOX_TOP\" && [ \$(punches sign_out) = 1 ]"
keys i
check "i signs in again: two sign-ins today, none of them flagged" \
  "wait_sql \"SELECT count(*) || '/' || sum(clock_suspect) FROM attendance WHERE staff_id=$numa AND day='$TODAY' AND kind='sign_in'\" 2/0"

# ---- a leave request: bad dates refused with the field named, then a good one -------------------
keys l
check "l opens the leave request form, today's date and hours filled in" "wait_for ' 2026-11-23 *$' && wait_for ' [0-9][0-9]:[0-9][0-9] *$'"
typein 1; keys Tab End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typein 2026-13-45; keys Tab Tab End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typein 2026-11-25; keys Tab Tab
typein '家中有事'; keys Enter
check "a date that is not a date is refused, the message naming the field" \
  "wait_msg '(开始日期|From \\(date\\)).*2026-13-45'"
check "nothing recorded" "[ \$(leaves) = 0 ]"
keys End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typein 2031-01-06; keys Enter
check "a day outside the loaded calendar is refused, naming the field and the year" \
  "wait_msg '(开始日期|From \\(date\\)).*2031' && [ \$(leaves) = 0 ]"
keys End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typein 2026-11-25; keys Enter
check "the good request is recorded, waiting for a decision" "wait_sql \"SELECT count(*) FROM leaves WHERE staff_id=$numa AND state='requested' AND start_day='2026-11-25'\" 1"
check "the form closed: back on the attendance screen" "wait_for ' $at +(签到|Sign in) '"
keys l; wait_for '2026-11-23'
typein 3; keys Tab End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typein 2026-11-25; keys Tab Tab End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typein 2026-11-25; keys Tab Tab; typein '重复'; keys Enter
check "the same leave again overlaps: refused, still one request" \
  "wait_msg '.' && sleep 0.3 && [ \$(leaves) = 1 ] && wait_for '重复'"
keys Escape; settle
if wait_box; then keys y; wait_no_box; fi
keys v
check "v lists demo-a's leave with its reason" "wait_for '11-25 [0-9]{2}:[0-9]{2}-' && wait_for '家中有事'"
keys Escape; settle

# ---- demo-a's own reports -------------------------------------------------------------------
keys r
check "r opens the reports on the day timeline of W01" "wait_for 'W01' && wait_for '(█|#) (在岗|on duty)'"
keys 2
check "demo-a's month sheet holds her line only" "wait_for '演示甲' && ! screen | grep -q '演示乙'"
keys Escape; settle
keys Escape; settle

# ---- a clock that looks wrong: the punch is kept and flagged ---------------------------------------
# (the terminal's clock an hour off the centre's at the last sync: more than [attendance] clock_skew_minutes)
sql "INSERT INTO meta(key, value) VALUES ('sync_clock_offset_ms', '3600000')" >/dev/null
numb=$(staff_num demo-b)
keys F8
if wait_box; then keys y; wait_no_box; fi   # demo-a leaves W01 without a handoff
check "demo-b logs in while the clock looks wrong" "login demo-b 729461"
check "the sign-in is recorded and flagged clock_suspect" \
  "wait_sql \"SELECT count(*) || '/' || sum(clock_suspect) FROM attendance WHERE staff_id=$numb AND day='$TODAY'\" 1/1"
check "the message line says the clock looks wrong" "wait_msg '时钟|clock'"
no_box
sql "DELETE FROM meta WHERE key = 'sync_clock_offset_ms'" >/dev/null
keys F11
check "demo-b's punch is listed with its flag" "wait_for '(签到|Sign in) +W0[12] +(时钟|clock)'"
keys Escape; settle

# ---- the supervisor --------------------------------------------------------------------------
keys F8
if wait_box; then keys y; wait_no_box; fi
check "the supervisor demo-s logs in" "login demo-s 640275"
no_box
keys F11
check "demo-s's attendance screen shows the supervisor's keys" "wait_for '(^| )a ' && wait_for 'R '"
keys a
check "a lists the leave waiting for a decision: demo-a's" "wait_for '演示甲 .*11-25 [0-9]{2}:[0-9]{2}' && wait_for '家中'"
keys a
check "a asks before approving" "wait_box"
keys y
check "approved: the leave is recorded as approved by demo-s" \
  "wait_sql \"SELECT state || (decided_by = $(staff_num demo-s)) FROM leaves WHERE staff_id=$numa AND start_day='2026-11-25'\" approved1"
check "and no longer waits" "wait_gone '11-25 [0-9]{2}:[0-9]{2}'"
keys Escape; settle

# ---- a correction: voiding a punch is a new event with a reason, the punch stays -------------------
rows20=$(sql "SELECT count(*) FROM attendance WHERE staff_id=$numa AND day='2026-11-20'")
keys c; wait_box; keys 2; wait_box
typein demo-a; keys Enter; sleep 0.3
keys End BSpace BSpace; typein 20; keys Enter
check "c, void: demo-a's punches of 20 November are offered" "[ '$rows20' -gt 0 ] && wait_for '│ 1  [0-9]{2}:[0-9]{2} '"
keys 1; wait_box; typein '打错了'; keys Enter
check "voided with the reason as a correction event; the punch row stays" \
  "wait_sql \"SELECT count(*) FROM events WHERE type='attendance.corrected' AND payload LIKE '%打错了%'\" 1 && [ \$(sql \"SELECT count(*) FROM attendance WHERE staff_id=$numa AND day='2026-11-20'\") = '$rows20' ]"

keys r
check "the day timeline: W01's A and B posts, the hour scale, the legend" \
  "wait_for 'A 演示甲' && wait_for 'B 演示乙' && wait_for '(▒|=) (无人值守|unattended)'"
keys 2
check "the month sheet: demo-a's and demo-b's lines" "wait_for '演示甲' && wait_for '演示乙'"
keys Enter
check "Enter: demo-a's month with the day chart and the deductions" \
  "wait_for '演示甲.{1,2}demo-a' && wait_for '(█|#) (准时|on time)' && wait_for '(扣分|Deductions)'"
keys Escape; settle
keys 3
check "the quarter: W01 with a score and its star level" \
  "wait_for 'W01 .* [0-9]+\\.[0-9] .*(星|star)'"
keys Escape; settle
keys Escape; settle

check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"
