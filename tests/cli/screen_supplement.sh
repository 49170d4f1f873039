#!/bin/sh
# screen_supplement.sh - the other outcomes of an intake at the clerk's
# screen, end to end in tmux at 80x24 on the demo data, with 临时救助 (MZ-03,
# a promised case with two auxiliary materials that may be deferred):
#   补正: a material missing -> the supplement notice names it; the case waits
#         under filter 6 of the case list (F4); the applicant comes back, the
#         case is found by its number (F5), r opens the checklist, the material
#         is ticked present, Enter: accepted, the clock restarted, 2 trips;
#   容缺: the deferrable auxiliary materials missing -> deferred acceptance with
#         a deadline, the commitment (容缺受理承诺书) shown;
#   不予受理: refusal with a reason and its legal basis, both stored.
# $GUICHET is the binary under test.
. "$(dirname "$0")/screen_common.sh"

# intake NAME KEYS...: a new intake of 临时救助 for NAME, the checklist ticked with KEYS,
# up to the decision screen; prints the case number.
intake() {
  _name=$1; shift
  keys F2
  _num=$(wait_new_case "${last:-none}") || return 1
  typein "$_name"
  keys Tab Tab Tab; typein lsjz
  wait_for 'MZ-03 +临时救助' || return 1
  keys Enter
  { wait_for '临时救助申请书' && wait_hint "$HINT_CHECKLIST"; } || return 1
  keys "$@" Enter
  wait_hint "$HINT_DECISION" || return 1
  echo "$_num"
}

start
check "demo-a logs in" "login demo-a 583914"

# ---- 补正: the application form (material 1, essential) is missing ---------------------------
num=$(intake 王五 m p p p p); last=$num
check "an intake of 临时救助 with material 1 missing reaches the decision, which names it" \
  "[ -n '$num' ] && screen | grep -q '1\\. 临时救助申请书'"
keys s
wait_box
keys y
check "s and y: the supplement notice (补正材料通知书) names the case and the missing material" \
  "wait_hint 'C-p' && wait_for '$num' && wait_for '临时救助申请书'"
check "the case waits for supplement; its supplement notice is issued" \
  "wait_sql \"SELECT status FROM cases WHERE case_id='$num'\" supplement && [ \"\$(sql \"SELECT count(*) FROM notices WHERE case_id='$num' AND kind='supplement'\")\" = 1 ]"
keys Escape; settle

other=$(sql "SELECT case_id FROM cases WHERE window_id='W01' AND status NOT IN ('supplement','archived') ORDER BY case_id DESC LIMIT 1")
wait_hint ' F2 '
keys F4
check "F4 lists the window's open cases, this one among them" \
  "[ -n '$other' ] && wait_for '$(tail_of "$num")' && wait_for '$(tail_of "$other")'"
keys 6
check "filter 6 (waiting for supplement) keeps this case and drops the others" \
  "wait_gone '$(tail_of "$other")' && wait_for '$(tail_of "$num")'"
keys Enter
check "Enter opens the case" "wait_title '$num'"
keys Escape; settle
keys Escape; settle

# The applicant is back: find the case by its number (F5), resume (r), tick the material, Enter.
wait_hint ' F2 '
keys F5
typein "$num"; keys Enter
check "F5 finds the case by its number" "wait_for '^ +[^ ]*$(tail_of "$num") '"
keys Enter
check "Enter opens it" "wait_title '$num'"
keys r
check "r shows the checklist of the case's materials" "wait_for '临时救助申请书' && wait_hint \"$HINT_CHECKLIST\""
keys p Enter
check "material 1 present, Enter: the case is accepted" \
  "wait_sql \"SELECT status FROM cases WHERE case_id='$num'\" accepted"
due=$(workdays_after "$(sql "SELECT promised_days FROM catalog_item WHERE code='MZ-03'")")
check "the clock restarted today: due $due, one supplement round" \
  "[ \"\$(sql \"SELECT clock_restart||' '||due||' '||supplements FROM cases WHERE case_id='$num'\")\" = '$TODAY $due 1' ]"
check "the acceptance notice follows, with the due date" \
  "wait_hint 'C-p' && wait_for \"$(date_forms "$due")\" && [ \"\$(sql \"SELECT count(*) FROM notices WHERE case_id='$num' AND kind='acceptance'\")\" = 1 ]"
check "the applicant's trips are counted: 2" "screen_row 23 | grep -qE '(Trips|跑动)[^0-9]*2'"
keys Escape; settle
keys Escape; settle
keys Escape; settle

# ---- 容缺: the two deferrable auxiliary materials (4, 5) missing -----------------------------
wait_hint ' F2 '
num2=$(intake 赵六 p p p m m); last=$num2
check "essential materials present, auxiliary ones missing: the decision screen" "[ -n '$num2' ]"
deadline=$(workdays_after 10)
keys d
check "d asks for the deadline of the deferred materials, $deadline offered" "wait_box && wait_for '$deadline'"
keys Enter
wait_box
keys y
check "the commitment (容缺受理承诺书) names the case and a missing material" \
  "wait_hint 'C-p' && wait_for '$num2' && wait_for '遭遇困难的证明材料|社会保障卡或本人银行账户信息'"
check "the case is in deferred acceptance with the deadline $deadline" \
  "wait_sql \"SELECT status||' '||deferred||' '||deferred_deadline FROM cases WHERE case_id='$num2'\" 'deferred 1 $deadline'"
check "its two deferred materials are recorded missing, the essential ones present" \
  "[ \"\$(sql \"SELECT group_concat(idx||status, ',') FROM (SELECT idx, status FROM case_materials WHERE case_id='$num2' ORDER BY idx)\")\" = '1present,2present,3present,4missing,5missing' ]"
keys Escape; settle

# ---- 不予受理: refused with a reason and its legal basis ---------------------------------------
wait_hint ' F2 '
num3=$(intake 钱七 p p p p p); last=$num3
reason='申请人户籍不在本乡镇'
basis='《社会救助暂行办法》第十一条'
keys r
check "r asks for the reason" "wait_box"
typein "$reason"; keys Enter
check "then for the legal basis" "wait_box && wait_gone '$reason'"
typein "$basis"; keys Enter
wait_box
keys y
check "the refusal notice (不予受理通知书) is shown for the case" "wait_hint 'C-p' && wait_for '$num3'"
rm -f "$tmp/printed.txt"
keys C-p
check "the refusal notice holds the reason and the legal basis (printed through [print] command)" \
  "wait_file '$tmp/printed.txt' '$num3' && flat '$tmp/printed.txt' | grep -q '$reason' && flat '$tmp/printed.txt' | grep -q '$basis'"
check "the case is rejected with the reason and the basis stored" \
  "wait_sql \"SELECT status||'|'||reason||'|'||basis FROM cases WHERE case_id='$num3'\" 'rejected|$reason|$basis'"
check "its rejection notice is issued" \
  "[ \"\$(sql \"SELECT count(*) FROM notices WHERE case_id='$num3' AND kind='rejection'\")\" = 1 ]"
keys Escape; settle

check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"
