#!/bin/sh
# screen_supervise.sh - supervision (issue 8) at the clerk's screen, end to
# end in tmux at 80x24 on the demo data: demo-a receives an immediate case
# (内地居民结婚登记, the applicant's ID and phone given: a real-name review),
# concludes and delivers it, and the applicant rates it 4 (不满意); the
# follow-up (差评整改) is opened with its due date ([supervision]
# followup_days working days later), counted on the dashboard, listed in the
# follow-ups (v, 2) with that date; its steps 核实, 整改, 答复 and 回访 are
# recorded one by one until it closes.  A complaint about demo-a is
# registered at the window (v, 3, n: due in 3 working days), extended with
# a reason, and the supervisor demo-s concludes it as verified (manner,
# 态度): it shows as concluded.  demo-s's statistics screen (v, 1) shows the
# satisfaction rate beside its target (98%) and, with the bad review in the
# period, the miss in red with ✗.  $GUICHET is the binary under test.
. "$(dirname "$0")/screen_common.sh"

me=$(staff_num demo-a)
fdue=$(workdays_after 5)
cdue=$(workdays_after 3)
cext=$(workdays_after 10)
# "v" on the dashboard opens the supervision menu; 1 statistics, 2 follow-ups, 3 complaints.
menu() { keys v; wait_box && keys "$1"; }
escape() { keys Escape; settle; }

start
check "demo-a logs in" "login demo-a 583914"
check "the dashboard counts follow-ups and complaints (none open yet), with the menu's key" \
  "wait_for '(差评整改|follow-ups) 0 ' && wait_for '(投诉|Complaints) 0 '"

# ---- a case delivered and rated 不满意 -----------------------------------------------------
keys F2
num=$(wait_new_case none)
check "F2 opens an intake under today's case number" "[ -n '$num' ]"
typein '张三丰'
keys Tab; typein 11010519491231002X
keys Tab; typein 13800138000
keys Tab; typein jhdj
wait_for 'MZ-04' >/dev/null
keys Enter
wait_hint "$HINT_CHECKLIST" >/dev/null
keys p p p Enter
wait_hint "$HINT_DECISION" >/dev/null
keys a; wait_box; keys y
check "the immediate case is concluded on the spot" "wait_sql \"SELECT status FROM cases WHERE case_id='$num'\" approved"
wait_box; keys y
check "delivered; the rating screen comes up" \
  "wait_sql \"SELECT status FROM cases WHERE case_id='$num'\" delivered && wait_for '非常不满意|[Vv]ery dissatisfied'"
keys 4
check "4 (不满意) asks for a comment" "wait_box"
typein '等了很久'; keys Enter
check "the rating dissatisfied is recorded with its comment" \
  "wait_sql \"SELECT rating || '|' || comment FROM evaluations WHERE case_id='$num'\" 'dissatisfied|等了很久'"
check "a follow-up is opened, due $fdue, real-name (a call-back is due)" \
  "wait_sql \"SELECT due || '|' || real_name || '|' || closed FROM followups WHERE case_id='$num'\" '$fdue|1|0'"
keys Escape; settle
check "back on the dashboard: one follow-up open" "wait_for '(差评整改|follow-ups) 1 ' && wait_hint ' F2 '"

# ---- the follow-up, step by step --------------------------------------------------------------
menu 2
check "the follow-ups list the case with its due date" "wait_for \"$(tail_of $num) +$fdue\""
keys Enter
check "Enter shows it: the rating, the comment and the four steps not yet done" \
  "wait_for '等了很久' && wait_for '^ +4  '"
keys 1; wait_box; typein '已调取录像核实'; keys Enter
check "1 records the verification with its note" \
  "wait_sql \"SELECT verified FROM followups WHERE case_id='$num'\" $TODAY"
keys 1
check "the same step again is refused with a message, nothing recorded" \
  "wait_box && typein x && keys Enter && wait_msg '.' && [ \$(sql \"SELECT count(*) FROM events WHERE type='followup.step' AND subject='$num'\") = 1 ]"
keys 2; wait_box; typein '窗口分流'; keys Enter
keys 3; wait_box; typein '已电话说明'; keys Enter
check "2 and 3: rectified and answered, still open (the call-back is due)" \
  "wait_sql \"SELECT rectified || answered || closed FROM followups WHERE case_id='$num'\" '$TODAY${TODAY}0'"
keys 4; wait_box; typein '回访满意'; keys Enter
check "4: called back, the follow-up closes" \
  "wait_sql \"SELECT called_back || '|' || closed FROM followups WHERE case_id='$num'\" '$TODAY|1'"
check "the screen says it is closed" "wait_for '已关闭|已办结|closed'"
escape; escape
check "the dashboard no longer counts it" "wait_for '(差评整改|follow-ups) 0 '"

# ---- a complaint about demo-a, registered at the window, extended ---------------------------------
menu 3
check "the complaints screen opens" "wait_for '(^| )n (登记|register)'"
keys n
check "n opens the register form, channel 1 (at the window) filled in" "wait_for '1 +.*$'"
keys Tab; typein 2; keys Tab; typein demo-a; keys Tab; typein '李四'; keys Tab; typein 13900139000
keys Tab; typein '窗口人员态度生硬'; keys Enter
cid="TS-$(sql "SELECT value FROM meta WHERE key='terminal_code'")-$(echo $TODAY | tr -d -)-001"
check "registered as $cid about demo-a, due $cdue" \
  "wait_sql \"SELECT about || '|' || clerk || '|' || due || '|' || state FROM complaints WHERE id='$cid'\" 'clerk|$me|$cdue|open'"
check "the list shows it with its due date" "wait_for \"$cid +$cdue\""
escape
check "the dashboard counts one complaint open" "wait_for '(投诉|Complaints) 1 '"
menu 3
wait_for "$cid" >/dev/null
keys x; wait_box
keys End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typein "$cext"; keys Enter; wait_box; typein '需调取监控核实'; keys Enter
check "x extends it to $cext with the reason" \
  "wait_sql \"SELECT state || '|' || due || '|' || extend_reason FROM complaints WHERE id='$cid'\" 'extended|$cext|需调取监控核实'"
keys c
check "c by a clerk: only a supervisor concludes, nothing recorded" \
  "wait_msg '.' && [ \"\$(sql \"SELECT state FROM complaints WHERE id='$cid'\")\" = extended ]"
escape

menu 1
check "demo-a's statistics: her window W01 and herself, no other window" \
  "wait_for '^ W01 ' && wait_for '演示甲' && ! screen | grep -qE '^ W02 '"
escape

# ---- the supervisor concludes it; the statistics --------------------------------------------------
keys F8
if wait_box; then keys y; wait_no_box; fi
check "the supervisor demo-s logs in" "login demo-s 640275"
if screen | grep -qE "$BOX_TOP"; then keys n; wait_no_box; fi
menu 3
check "demo-s sees the complaint" "wait_for \"$cid\""
keys Enter
check "Enter shows it with the extension's reason" "wait_for '需调取监控核实'"
keys c; wait_box; keys 2          # finding: manner
wait_box; typein '已批评教育，向投诉人道歉'; keys Enter
wait_box; keys 1                  # told by phone
check "c concludes it: verified (manner), told by phone" \
  "wait_sql \"SELECT state || '|' || finding || '|' || notified_by FROM complaints WHERE id='$cid'\" 'concluded|manner|phone'"
check "the screen shows it concluded" "wait_for '(已办结|已结案|[Cc]oncluded) $TODAY'"
escape; escape

menu 1
check "the statistics: this month, the satisfaction column with its target 98%" \
  "wait_for '$(echo $TODAY | cut -c1-8)01' && wait_for '98%'"
check "the satisfaction rate misses its target: ✗ beside it" "wait_for '✗[0-9]+\\.[0-9]%'"
check "the miss is drawn in red" "tmux -S \"\$sock\" capture-pane -e -p -t t | grep -qE '31m✗|\\[31m[^m]*✗|;31m✗'"
check "the detail names the satisfaction rate beside its target" "wait_for '(满意率|Satisfaction) ✗[0-9.]+% \\([0-9]+/[0-9]+\\).*98%'"
check "the per-day chart: bars of received cases and the on-time row" "wait_for '(█|▁|▂|▃|▄|▅|▆|▇)' && wait_for '(按时|OnT)'"
escape
check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"

# ---- a terminal that is not UTF-8: the miss is marked "!" -------------------------------------
start LANG=C
check "LANG=C: demo-s logs in" "login demo-s 640275"
if screen | grep -qE "$BOX_TOP"; then keys n; wait_no_box; fi
menu 1
check "LANG=C: the satisfaction miss is marked with ! instead of ✗" \
  "wait_for '![0-9]+\\.[0-9]%' && ! screen | grep -q '✗'"
escape
check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"
