#!/bin/sh
# screen_intake.sh - intake (收件) at the clerk's screen, end to end in tmux at
# 80x24 on the demo data: an immediate case (内地居民结婚登记, found by its
# pinyin initials jhdj) with every material present is accepted, concluded
# on the spot, delivered (出件) and rated 1 (非常满意) by the applicant; a
# promised case (临时救助) is accepted with its due date on the decision
# screen and the acceptance notice (受理通知书), which prints through
# [print] command.  The applicant's name is typed in Chinese (UTF-8, as an
# input method sends it), edited with Backspace, and lands in the cases
# table as typed; a wrong ID check character is explained in full under the
# field.  In English (LANG=C) the question to accept, longer than 60 columns,
# still ends with its due date.  $GUICHET is the binary under test.
. "$(dirname "$0")/screen_common.sh"

me=$(staff_num demo-a)
start
check "the log-in screen comes up" "wait_login"
check "demo-a logs in with the README's PIN and reaches the dashboard" "login demo-a 583914"

# ---- an immediate case: 内地居民结婚登记 -------------------------------------------------
keys F2
num=$(wait_new_case none)
check "F2 opens an intake under today's case number" "[ -n '$num' ]"
typein '张三丰丰'
keys BSpace
keys Tab; typein 110105194912310021
check "a wrong check character: the reason, under the field, names the right one (X) in full" \
  "holds \"screen | tr -d ' \\n' | grep -qE '(应为|shouldbe)X'\""
keys BSpace; typein X
check "corrected, the error under the field is gone" \
  "wait_for '11010519491231002X' && holds \"! screen | tr -d ' \\n' | grep -qE '(应为|shouldbe)X'\""
keys Tab; typein 13800138000
keys Tab; typein jhdj
check "the pinyin initials jhdj find 内地居民结婚登记 (MZ-04)" "wait_for 'MZ-04 +内地居民结婚登记'"
check "the name typed in Chinese is on screen, Backspace took one whole character" \
  "screen | grep -qE '^ [^ ].* 张三丰( |\$)' && ! screen | grep -q '张三丰丰'"
keys Enter
check "Enter goes on to the item's materials checklist" \
  "wait_for '双方本人的居民身份证' && wait_hint \"$HINT_CHECKLIST\""
keys p p p Enter
check "every material present: the decision screen offers the outcomes" "wait_hint \"$HINT_DECISION\""
keys a
check "a (accept) asks for confirmation naming the case" "wait_box && screen | grep -q '│.*$num'"
keys y
check "confirmed: the immediate case is concluded on the spot (approved)" \
  "wait_sql \"SELECT status FROM cases WHERE case_id='$num'\" approved"
check "the result can be handed over at once (出件): a second question" "wait_box"
keys y
check "y delivers the result (status delivered, delivered today)" \
  "wait_sql \"SELECT status || ' ' || delivered FROM cases WHERE case_id='$num'\" 'delivered $TODAY'"
check "the rating screen asks the applicant to press 1-5 (非常满意 ... 非常不满意)" \
  "wait_for '非常满意|[Vv]ery satisfied' && screen | grep -qE '非常不满意|[Vv]ery dissatisfied'"
keys 1
check "1 records the rating 非常满意 (very_satisfied) for the case" \
  "wait_sql \"SELECT rating FROM evaluations WHERE case_id='$num'\" very_satisfied"
check "the case holds the Chinese name, ID number and phone as typed, signed by demo-a at W01" \
  "[ \"\$(sql \"SELECT applicant_name||'|'||applicant_id||'|'||applicant_phone||'|'||item||'|'||class||'|'||window_id||'|'||clerk FROM cases WHERE case_id='$num'\")\" = '张三丰|11010519491231002X|13800138000|MZ-04|immediate|W01|$me' ]"
check "the events of the intake are signed by demo-a" \
  "[ \"\$(sql \"SELECT count(*) FROM events WHERE subject='$num' AND staff_id IS NOT $me\")\" = 0 ] && [ \"\$(sql \"SELECT count(*) FROM events WHERE subject='$num'\")\" -ge 4 ]"

# Whatever the rating screen does after the key, go back to the dashboard.
keys Escape; settle
check "back on the dashboard" "wait_for '\\(demo-a\\) +$TODAY' && wait_hint ' F2 '"

# ---- a promised case: 临时救助, due in promised_days working days --------------------------
days=$(sql "SELECT promised_days FROM catalog_item WHERE code='MZ-03'")
due=$(workdays_after "$days")
keys F2
num2=$(wait_new_case "$num")
check "a second intake gets the next case number" "[ -n '$num2' ] && [ '$num2' != '$num' ]"
typein '李四'
keys Tab Tab Tab; typein lsjz
check "lsjz finds 临时救助 (MZ-03), a promised case" "wait_for 'MZ-03 +临时救助'"
keys Enter
wait_for '临时救助申请书' && wait_hint "$HINT_CHECKLIST"
keys p p p p p Enter
check "the decision screen shows the due date ($due, $days working days)" \
  "wait_hint \"$HINT_DECISION\" && wait_for \"$(date_forms "$due")\""
keys a
check "the question names the case and ends with the due date (never cut)" \
  "wait_box && screen | grep -q '│.*$num2' && screen | grep -qE '│.*($(date_forms "$due"))'"
keys y
check "confirmed: the acceptance notice (受理通知书) is shown with the case number and due date" \
  "wait_hint 'C-p' && wait_for '$num2' && wait_for \"$(date_forms "$due")\" && screen | grep -q '临时救助'"
check "the case is accepted with that due date, and its acceptance notice issued" \
  "[ \"\$(sql \"SELECT status||' '||due FROM cases WHERE case_id='$num2'\")\" = 'accepted $due' ] && [ \"\$(sql \"SELECT count(*) FROM notices WHERE case_id='$num2' AND kind='acceptance'\")\" = 1 ]"
keys C-p
check "C-p prints the notice through [print] command (case number and item in the file)" \
  "wait_file '$tmp/printed.txt' '$num2' && grep -q '临时救助' '$tmp/printed.txt'"
keys Escape; settle
check "Esc closes the notice: the dashboard counts 2 received, 2 accepted, 1 concluded today" \
  "wait_hint ' F2 ' && screen | sed -n 3,6p | grep -qE '[^0-9]2[^0-9]+2[^0-9]+1 *\$'"

check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"

# ---- in English (LANG=C): the same question is longer than 60 columns ----------------------
start LANG=C
check "LANG=C: demo-a logs in" "login demo-a 583914"
keys F2
num3=$(wait_new_case none)
check "LANG=C: the intake's title shows its whole case number and the clerk" \
  "[ -n '$num3' ] && title_line | grep -qE '$num3 .*\\(demo-a\\) +$TODAY *\$'"
typein 'Li Si'
keys Tab Tab Tab; typein lsjz
wait_for 'MZ-03'
keys Enter
wait_hint "$HINT_CHECKLIST"
keys p p p p p Enter
wait_hint "$HINT_DECISION"
keys a
check "LANG=C: the question to accept names the case and ends with the due date, wrapped if need be" \
  "wait_box && screen | grep -q '$num3' && screen | tr -d '\\n' | grep -qE 'To be concluded by +($(date_forms "$due"))'"
keys n
wait_no_box
# Esc: back to the checklist, back to the form, then the form asks before it is closed
keys Escape; settle; wait_hint "$HINT_CHECKLIST"
keys Escape; settle; wait_for 'Applicant'
keys Escape; wait_box; keys y; settle
check "LANG=C: F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"
