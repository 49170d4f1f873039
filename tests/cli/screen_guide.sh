#!/bin/sh
# screen_guide.sh - the guide and the enquiry (咨询, 首问负责) at the clerk's
# screen, end to end in tmux at 80x24 on the demo data: F3, the pinyin
# initials lsjz find 临时救助 (MZ-03), Enter opens its guide; p opens its
# one-time notice (一次性告知单), C-p prints it through [print] command (a
# config file sets it to `cat > FILE`: the file holds the item and every one
# of its materials), C-s saves it in [paths] save_dir; e logs an enquiry about
# the item (enquiries table: item, question, applicant, clerk, window) and the
# notice is offered again; F6 logs another one handed over to window W02
# (C-y).  $GUICHET is the binary under test.
. "$(dirname "$0")/screen_common.sh"

me=$(staff_num demo-a)
start
check "demo-a logs in" "login demo-a 583914"

# ---- the guide ---------------------------------------------------------------------------
keys F3
check "F3 opens the guide search, the catalogue listed to browse (MZ-01 first)" "wait_for '^ +MZ-01 +最低生活保障审核确认'"
typein lsjz
check "the pinyin initials lsjz put 临时救助 (MZ-03) first" "wait_gone 'MZ-01 ' && wait_for '^ +MZ-03 +临时救助'"
keys Enter
check "Enter opens the guide of MZ-03: name, code, department" \
  "wait_title 'MZ-03' && wait_for '^ 临时救助' && wait_for '乡民政办'"
# its materials are further down: page until the first one shows
i=0
while [ $i -lt 6 ] && ! screen | grep -q '临时救助申请书'; do keys PageDown; sleep 0.2; i=$((i + 1)); done
check "paging down the guide reaches its materials" "wait_for '1\\. 临时救助申请书'"

# ---- the one-time notice: printed and saved ------------------------------------------------
keys p
check "p opens the one-time notice (一次性告知单) of the item" "wait_hint 'C-p' && wait_for '临时救助'"
keys C-p
check "C-p prints it through [print] command: the file names the item" "wait_file '$tmp/printed.txt' '临时救助'"
nmat=$(sql "SELECT count(*) FROM catalog_material WHERE item='MZ-03'")
sql "SELECT name FROM catalog_material WHERE item='MZ-03' ORDER BY n" | tr -d ' ' >"$tmp/materials.txt"
# every material name of the item is in FILE (line breaks and spaces aside)
all_materials_in() {
  flat "$1" >"$tmp/flat.txt"
  while read -r m; do grep -qF -- "$m" "$tmp/flat.txt" || return 1; done <"$tmp/materials.txt"
}
check "the printed notice lists all $nmat materials of the item" "[ $nmat -ge 5 ] && all_materials_in '$tmp/printed.txt'"
check "the printed notice holds the place from the guide" \
  "flat '$tmp/printed.txt' | grep -q \"\$(sql \"SELECT replace(place,' ','') FROM catalog_item WHERE code='MZ-03'\")\""
keys C-s
check "C-s saves it as UTF-8 text in [paths] save_dir" \
  "poll sh -c \"grep -l '临时救助' '$tmp/saved/'* >/dev/null 2>&1\""
keys Escape; settle

# ---- an enquiry about the item (e, from its guide) -------------------------------------------
keys e
check "e opens the enquiry form with the item filled in" "wait_hint 'C-y' && wait_for 'MZ-03 .*临时救助'"
q1='临时救助要带哪些材料'
typein "$q1"; keys Tab; typein '周八'; keys Tab; typein 13912345678
wait_for '13912345678'
rm -f "$tmp/printed.txt"
keys Enter
check "Enter logs the enquiry: item, question, asker, phone, clerk and window" \
  "wait_sql \"SELECT item||'|'||question||'|'||applicant_name||'|'||applicant_phone||'|'||staff_id||'|'||window_id||'|'||coalesce(referred_to,'') FROM enquiries WHERE question='$q1'\" 'MZ-03|$q1|周八|13912345678|$me|W01|'"
check "the one-time notice of the item is offered next" "wait_box"
keys y
check "y opens it; C-p prints it" "wait_hint 'C-p' && keys C-p && wait_file '$tmp/printed.txt' '临时救助申请书'"
keys Escape; settle
check "Esc goes back to the guide (the enquiry form is gone)" "wait_title 'MZ-03'"
keys Escape; settle
keys Escape; settle

# ---- an enquiry handed over to another window (F6, C-y) -------------------------------------
wait_hint ' F2 '
keys F6
check "F6 opens an empty enquiry form" "wait_hint 'C-y' && ! screen | grep -q 'MZ-03'"
q2='农机购置补贴怎么申请'
typein "$q2"
keys C-y
check "C-y offers the other windows: W02" "wait_box && wait_for 'W02'"
keys 1
check "choosing W02 shows who serves there today (A/B posts: 演示乙, 演示甲)" "wait_no_box && wait_for '演示乙' && wait_for 'W02'"
keys Enter
check "Enter logs the enquiry handed over to W02, with no item" \
  "wait_sql \"SELECT coalesce(item,'')||'|'||referred_to||'|'||window_id||'|'||staff_id FROM enquiries WHERE question='$q2'\" '|W02|W01|$me'"
check "the two enquiries have different outcomes" \
  "[ \"\$(sql \"SELECT count(DISTINCT outcome) FROM enquiries\")\" = 2 ]"
settle

check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"
