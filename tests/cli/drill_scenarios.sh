#!/bin/sh
# drill_scenarios.sh - the drills of issue 7 end to end in tmux at 80x24
# (zh_CN.UTF-8 when this machine has it): each shipped scenario of
# data/drills/ played by a perfect trainee (total 100: every outcome, notice,
# due date and ID right, the handoff done, the returning applicant served)
# and by a flawed one (a named deduction on the result screen and in the
# result CSV, the total below 100); then the proofs of docs/drills.md §5: a
# drill never opens the configured real database (a config whose [paths] db
# is a real file: byte-identical after the drill, no -wal/-journal created),
# never prints to the configured [print] command, and never opens a network
# socket (strace -f -e trace=socket,connect,open,openat: no AF_INET / AF_INET6,
# no open of the real database's path).
# $GUICHET is the binary under test.
. "$(dirname "$0")/screen_common.sh"

DRILLS="$here/data/drills"
# The configured "real" database is the demo database screen_common.sh seeded ($db); a drill must
# leave it alone.  Its [print] command would leave a marker: a drill never runs it.
dcfg="$tmp/drill-config.ini"
res="$tmp/results"
mkdir -p "$res" "$tmp/cwd" "$tmp/dtmp"
cat >"$dcfg" <<EOF
[paths]
db = $db
save_dir = $res

[print]
command = cat > $tmp/PRINTER-USED
EOF
cp "$db" "$tmp/real-before.db"

TRAINEE=xueyuan; TPIN=583914
BPOST=jiaolian; BPIN=729461

# drill_start FILE NAME [WRAPPER...]: guichet --drill FILE --trainee NAME in a new session "t",
# run from $tmp/cwd; its exit code goes to $tmp/rc.
drill_start() {
  _file=$1; WHO=$2; shift 2
  tmux -S "$sock" kill-session -t t 2>/dev/null
  rm -f "$tmp/rc"
  tmux -f /dev/null -u -S "$sock" new-session -d -s t -x 80 -y 24 -c "$tmp/cwd" \
    "env -u LC_ALL -u LANGUAGE -u GUICHET_TODAY LANG=$CLERK_LANG TMPDIR='$tmp/dtmp' $* '$G' --config '$dcfg' --drill '$_file' --trainee '$WHO' 2>'$tmp/stderr'; echo \$? >'$tmp/rc'; sleep 600"
  tmux -S "$sock" set-option -t t window-size manual >/dev/null 2>&1
}

BANNER='^ ?(演练模式|DRILL)'
# drill_login: the trainee logs in and takes the duty of the window; the drill panel comes up.
drill_login() {
  wait_title "$BANNER" || return 1
  settle
  typein "$TRAINEE"; keys Enter
  typein "$TPIN"; keys Enter
  wait_title "$TRAINEE" || return 1
  settle
  if screen | grep -qE "$BOX_TOP"; then keys y; wait_no_box; fi
  wait_for "$PANEL_RE"
}

# panel: back to the drill panel from wherever the trainee is (Esc out of screens; C-e on the
# dashboard).  The panel is known by the scenario's title it shows ($PANEL_RE, set per scenario).
_on_panel() { screen | grep -qE "$PANEL_RE" && ! screen | grep -qE "$BOX_TOP"; }
panel() {
  _k=0
  while ! _on_panel && [ $_k -lt 8 ]; do
    if screen | grep -qE "$BOX_TOP"; then keys Escape
    elif hint_line | grep -qE ' F2 '; then keys C-e
    else keys Escape; fi
    settle; _k=$((_k + 1))
  done
  _on_panel
}

# call NAME: call the next applicant; the panel shows NAME.
call() { panel && keys Enter && wait_for "$1"; }

# The intake's title shows its case number (on the drill's date, not $TODAY; cut short after the
# banner: 000000-T01-2026…).
_intake_title() { title_line | grep -qE ' [0-9A-Za-z]+-[0-9A-Za-z]+-20'; }
# form NAME ID ITEM: F2, the applicant's name, ID number, telephone (none), item by its code;
# on to the checklist.  Prints nothing; the case number is then in the title.
form() {
  keys F2
  poll _intake_title || return 1
  settle
  typein "$1"; keys Tab; typein "$2"; keys Tab Tab; typein "$3"
  wait_for "$3" || return 1
  keys Enter
  wait_hint "$HINT_CHECKLIST"
}

# ticks KEY...: the checklist ticked with KEYS, then Enter: the decision screen.
ticks() { keys "$@" Enter; wait_hint "$HINT_DECISION"; }

# The outcomes, each to the notice or the end of the intake.
accept_promised() { keys a; wait_box && keys y; wait_hint 'C-p'; }
accept_immediate() { keys a; wait_box && keys y; wait_box && keys y; wait_for '非常满意|[Vv]ery satisfied' && keys 1; settle; }
supplement() { keys s; wait_box && keys y; wait_hint 'C-p'; }
defer() { keys d; wait_box && keys Enter; wait_box && keys y; wait_hint 'C-p'; }
reject() {
  keys r; wait_box || return 1
  typein "$1"; keys Enter
  wait_box && typein "$2"; keys Enter
  wait_box && keys y; wait_hint 'C-p'
}

# handoff: F7, reason 1 (meeting), Enter; the trainer types the B post's code and PIN; then the
# trainee comes back (C-o) with their own PIN.
handoff() {
  panel; keys F7
  wait_title "$TRAINEE" || return 1
  settle; keys 1 Enter
  wait_box || return 1
  typein "$BPOST"; keys Tab; typein "$BPIN"; keys Enter
  wait_title "$BPOST" || return 1
  keys C-o
  wait_for "$WHO" || return 1
  settle; keys Enter
  wait_box || return 1
  typein "$TRAINEE"; keys Tab; typein "$TPIN"; keys Enter
  wait_title "$TRAINEE"
}

# resume NAME KEYS...: the returning applicant's case found by name (F5), r, KEYS, Enter: accepted.
resume() {
  _who=$1; shift
  panel; keys F5
  settle; typein "$_who"; keys Enter
  wait_for "$_who" || return 1
  keys Enter; settle
  keys r
  wait_hint "$HINT_CHECKLIST" || return 1
  keys "$@" Enter
  wait_hint 'C-p' && wait_title 'Acceptance notice|受理通知书'
}

# finish: e on the panel, confirmed: the result screen with the total.
TOTAL_RE='(总分|[Tt]otal)'
finish() {
  panel && keys e
  wait_box && keys y
  wait_for "$TOTAL_RE"
}
# total_is N: the result screen's total.
total_is() { screen | grep -E "$TOTAL_RE" | grep -qE "(^|[^0-9])$1([^0-9]|\$)"; }
# the newest result CSV of trainee WHO
csv_of() { ls -t "$res"/drill-"$1"-*.csv 2>/dev/null | head -1; }
# csv_has WHO ERE: the trainee's result CSV holds a line matching ERE (deductions are written
# kind:points[:material], e.g. left_out:15:3).
csv_has() { _c=$(csv_of "$1"); [ -n "$_c" ] && grep -qE -- "$2" "$_c"; }
# csv_total WHO: the total (the last column) of the trainee's result CSV.
csv_total() { _c=$(csv_of "$1"); [ -n "$_c" ] && sed -n 2p "$_c" | tr -d '\r' | awk -F, '{print $NF}'; }
# quit: F10 and y (and y again to leave the window unattended, if asked); exit 0, no sanitizer report.
drill_quit() {
  keys F10
  wait_box && keys y
  sleep 0.5
  if [ ! -s "$tmp/rc" ] && screen | grep -qE "$BOX_TOP"; then keys y; fi
  poll test -s "$tmp/rc" && clean_exit
}

# A notice saved in save_dir (any file there that is not a drill result).
_notice_saved() { ls "$res" | grep -qv '^drill-'; }

# ==== dibao.ini: 低保 ==========================================================================
# a1 张秀英: income declaration (3) missing -> 补正 naming 3; back on day 3 with it -> accepted.
# a2 李建国: all in order -> accepted (due 25 working days).  a3 王志强: 户籍 elsewhere -> reject.
dibao_run() { # $1: perfect | flawed
  call 张秀英 || return 1
  form 张秀英 511425195803150022 MZ-01 || return 1
  if [ "$1" = perfect ]; then ticks p p m p p p; else ticks p p m p m p; fi # flawed: 5 asked for too
  supplement || return 1
  call 李建国 || return 1
  form 李建国 511425196207080018 MZ-01 || return 1
  ticks p p p p p p && accept_promised || return 1
  if [ "$1" = perfect ]; then # C-p on the acceptance notice: saved to a file in save_dir, no printer
    keys C-p
    poll _notice_saved || return 1
  fi
  call 王志强 || return 1
  form 王志强 511425198502110039 MZ-01 || return 1
  ticks p p p p p p
  if [ "$1" = perfect ]; then
    reject '户籍不在本乡镇，应向户籍所在地乡镇申请' '《社会救助暂行办法》第十一条' || return 1
  else
    accept_promised || return 1 # flawed: accepts an ineligible request
  fi
  call 张秀英 || return 1
  if [ "$1" = perfect ]; then resume 张秀英 p p p || return 1; fi # flawed: never completes the return visit
  return 0
}

PANEL_RE=低保申请：收入申报表缺失
drill_start "$DRILLS/dibao.ini" 完美甲
check "dibao: the banner 演练模式/DRILL leads the title; the trainee logs in, the panel comes up" "drill_login"
check "dibao: the panel shows the scenario's title" "wait_for '低保申请'"
check "dibao perfect: 补正, accept, reject, the return visit" "dibao_run perfect"
check "dibao perfect: the result screen's total is 100" "finish && total_is 100"
check "dibao perfect: the result CSV says total 100, 补正 expected and recorded for 张秀英" \
  "[ \"\$(csv_total 完美甲)\" = 100 ] && csv_has 完美甲 ',张秀英,MZ-01,supplement,supplement,100,'"
check "dibao perfect: the result CSV and text are written in save_dir" \
  "[ -n \"\$(csv_of 完美甲)\" ] && ls '$res'/drill-完美甲-*.txt >/dev/null 2>&1"
check "dibao perfect: quit, exit 0, no sanitizer report" "drill_quit"

drill_start "$DRILLS/dibao.ini" 出错甲
drill_login
check "dibao flawed: the same queue with three mistakes" "dibao_run flawed"
# 张秀英: asked for material 5 (-10) and never accepted after her return (-20): 70;
# 李建国 100; 王志强 accepted though ineligible (-40): 60.  Total (70 + 100 + 60) / 3 = 76.67 -> 77.
check "dibao flawed: the result screen's total is 77, the wrong outcome shown at -40" \
  "finish && total_is 77 && screen | grep -qE -- '-40 '"
check "dibao flawed: the CSV holds asked_present:10:5, return:20 and outcome:40, total 77" \
  "csv_has 出错甲 'asked_present:10:5' && csv_has 出错甲 'return:20' && csv_has 出错甲 ',王志强,.*outcome:40' && [ \"\$(csv_total 出错甲)\" = 77 ]"
drill_quit

# ==== hunyin.ini: 结婚登记 =======================================================================
# a1 刘洋: the form says 511425196904180030, the card 511425199604180032; all in order -> concluded.
# a2 赵磊: born 2005, under 22 -> reject.
hunyin_run() {
  call 刘洋 || return 1
  # the panel shows both numbers: the one on the form and the one on the card
  { wait_for '511425196904180030' && wait_for '511425199604180032'; } || return 1
  if [ "$1" = perfect ]; then form 刘洋 511425199604180032 MZ-04 || return 1
  else form 刘洋 511425196904180030 MZ-04 || return 1; fi # flawed: copies the form's number
  ticks p p p && accept_immediate || return 1
  call 赵磊 || return 1
  form 赵磊 511425200509030015 MZ-04 || return 1
  ticks p p p
  reject '男方未满22周岁，未到法定婚龄' '《民法典》第一千零四十七条'
}
PANEL_RE=结婚登记：身份证号填错
drill_start "$DRILLS/hunyin.ini" 完美乙
drill_login
check "hunyin perfect: the panel shows both of 刘洋's numbers; the card's recorded, the minor refused" \
  "hunyin_run perfect"
check "hunyin perfect: the total is 100 (screen and CSV)" "finish && total_is 100 && [ \"\$(csv_total 完美乙)\" = 100 ]"
check "hunyin perfect: quit, exit 0" "drill_quit"

drill_start "$DRILLS/hunyin.ini" 出错乙
drill_login
check "hunyin flawed: the form's number recorded" "hunyin_run flawed"
check "hunyin flawed: total 90 ((80 + 100) / 2), the deduction id_not_caught in the CSV" \
  "finish && total_is 90 && csv_has 出错乙 ',刘洋,.*id_not_caught:20' && [ \"\$(csv_total 出错乙)\" = 90 ]"
drill_quit

# ==== mixed_queue.ini: 容缺, a handoff, a second day ===============================================
mixed_run() {
  call 周建华 || return 1
  form 周建华 511425197001230054 MZ-03 || return 1
  ticks p p p m p && defer || return 1
  call 孙丽 || return 1
  form 孙丽 511425197505200043 RS-03 || return 1
  ticks p && accept_immediate || return 1
  # Enter after 孙丽: she is done, and the trainee is called to a meeting before the next one
  { panel && keys Enter && wait_for '会议|开会|[Mm]eeting'; } || return 1
  if [ "$1" = perfect ]; then handoff || return 1; fi # flawed: forgets the handoff
  call 吴芳 || return 1
  form 吴芳 511425198806140026 MZ-01 || return 1
  keys p p p p p d; wait_box && { typein '复印件太淡，卡号看不清'; keys Enter; }
  ticks
  defer
}
PANEL_RE=混合队列：容缺受理与中途交接
drill_start "$DRILLS/mixed_queue.ini" 完美丙
drill_login
check "mixed perfect: 容缺, the handoff to B and back, 容缺 on day 2" "mixed_run perfect"
check "mixed perfect: the total is 100 (screen and CSV); 容缺 expected and recorded for 周建华 and 吴芳" \
  "finish && total_is 100 && [ \"\$(csv_total 完美丙)\" = 100 ] && csv_has 完美丙 ',周建华,MZ-03,defer,defer,100,' && csv_has 完美丙 ',吴芳,MZ-01,defer,defer,100,'"
check "mixed perfect: quit, exit 0" "drill_quit"

drill_start "$DRILLS/mixed_queue.ini" 出错丙
drill_login
check "mixed flawed: no handoff" "mixed_run flawed"
# 孙丽 -20 (no handoff): (100 + 80 + 100) / 3 = 93.33 -> 93.
check "mixed flawed: total 93, the missing handoff on 孙丽's line (no_handoff:20 in the CSV)" \
  "finish && total_is 93 && csv_has 出错丙 ',孙丽,.*no_handoff:20' && [ \"\$(csv_total 出错丙)\" = 93 ]"
drill_quit

# ==== a bad scenario ==============================================================================
sed 's/^bring\.4 = /bring.9 = /' "$DRILLS/dibao.ini" >"$tmp/bad.ini"
check "a scenario naming a material the item lacks: one line naming file, section and key; exit 2" \
  "'$G' --config '$dcfg' --drill '$tmp/bad.ini' >'$tmp/bad.out' 2>&1; [ \$? = 2 ] && [ \"\$(wc -l <'$tmp/bad.out')\" = 1 ] && grep -qF '$tmp/bad.ini: [applicant.a1] bring.9: ' '$tmp/bad.out'"

# ==== guichet drill report =======================================================================
check "drill report combines the six results: one row per trainee, 出错甲's total 77" \
  "'$G' drill report '$res'/*.csv >'$tmp/report.txt' 2>&1 && [ \"\$(grep -cE '完美|出错' '$tmp/report.txt')\" = 6 ] && grep -qE '出错甲 .* 77 ' '$tmp/report.txt'"
check "drill report --csv: six rows" \
  "'$G' drill report '$res'/*.csv --csv >'$tmp/report.csv' 2>&1 && [ \"\$(grep -cE '完美|出错' '$tmp/report.csv')\" = 6 ]"

# ==== the proofs ===================================================================================
check "the configured real database is byte-identical after six drills (cmp)" "cmp -s '$db' '$tmp/real-before.db'"
check "no -wal or -journal file appeared next to it" "[ ! -e '$db-wal' ] && [ ! -e '$db-journal' ]"
check "C-p saved the acceptance notice in save_dir and the configured [print] command never ran" \
  "_notice_saved && [ ! -e '$tmp/PRINTER-USED' ]"
check "every drill removed its throw-away folder (TMPDIR is empty), and wrote nothing in its working directory" \
  "[ -z \"\$(ls -A '$tmp/dtmp')\" ] && [ -z \"\$(ls -A '$tmp/cwd')\" ]"

if ! command -v strace >/dev/null 2>&1; then
  skip "a drill opens no AF_INET/AF_INET6 socket" "strace is not installed"
elif ! strace -f -o /dev/null true 2>/dev/null; then
  skip "a drill opens no AF_INET/AF_INET6 socket" "strace cannot trace here (no ptrace)"
else
  PANEL_RE=结婚登记：身份证号填错
  # LeakSanitizer cannot run under ptrace: an ASan build is traced with leak detection off.
  drill_start "$DRILLS/hunyin.ini" 跟踪 ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=socket,connect,open,openat -o "$tmp/strace.log"
  drill_login
  hunyin_run perfect
  finish
  drill_quit
  check "strace followed the whole drill to guichet's exit 0" "grep -q 'exited with 0' '$tmp/strace.log'"
  check "under strace a whole drill makes no socket(AF_INET/AF_INET6) and no connect to one" \
    "! grep -qE 'AF_INET6?[,)]|sin6?_' '$tmp/strace.log'"
  check "under strace the configured real database is never even opened (the drill's own db is)" \
    "! grep -qF '\"$db' '$tmp/strace.log' && grep -qE 'openat\\(.*/dtmp/[^\"]*\\.db\"' '$tmp/strace.log'"
fi
