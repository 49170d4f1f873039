#!/bin/sh
# screen_drill.sh - a drill end to end in tmux at 80x24 (guichet --drill,
# tui/scr_drill.c), small: a one-applicant scenario (结婚登记 MZ-04, every
# material brought) written here.  The banner (演练模式 / DRILL) heads the
# log-in screen and the dashboard, the log-in screen names the trainee's
# staff id (never the PIN), the drill panel opens after the trainee logs in
# and shows the applicant's words and materials as said, e ends the drill
# (asked first) and the result screen lists the score and the files written.
# The configured database (--db and [paths] db) is byte-identical afterwards
# and no guichet-sync runs, though [sync] server is set; the throw-away
# folder is gone after quitting.  A bad scenario: one line, exit 2.  The
# scored runs of the shipped scenarios are tests/cli/drill_*.sh.
# $GUICHET is the binary under test.
. "$(dirname "$0")/screen_common.sh"

scen="$tmp/scen"
mkdir -p "$scen" "$tmp/drilltmp"
cat >"$scen/tiny.ini" <<'INI'
[drill]
title = 小演练：结婚登记
start = 2026-03-09
window = W01

[trainee]
code = xueyuan
name = 学员
pin = 583914

[b_post]
code = jiaolian
name = 教练
pin = 729461

[applicant.a1]
name = 周明亮
id_card = 511425199604180032
item = MZ-04
says = 我们俩来领结婚证，材料都带齐了。
bring.1 = 两个人的身份证，原件
bring.2 = 两份签好字的声明书
bring.3 = 三张红底双人合照
INI
printf '[drill]\ntitle = bad\nstart = 2026-02-30\n' >"$scen/bad.ini"

# The configured database and a sync server that would start an agent on a real run.
printf '\n[paths]\ndb = %s\n\n[sync]\nserver = http://127.0.0.1:1\nautostart = true\n' "$db" >>"$cfg"
cp "$db" "$tmp/before.db"

out=$("$G" --config "$cfg" --drill "$scen/bad.ini" 2>&1 </dev/null); rc=$?
check "a bad scenario: one line naming the file, exit 2" \
  "[ $rc = 2 ] && [ \$(printf '%s\n' \"\$out\" | wc -l) = 1 ] && printf '%s' \"\$out\" | grep -q 'bad.ini'"

# start_drill: the client on the scenario, TMPDIR (the throw-away folder) inside $tmp, run in $tmp/run.
mkdir -p "$tmp/run"
start_drill() {
  tmux -S "$sock" kill-session -t t 2>/dev/null
  rm -f "$tmp/rc"
  tmux -f /dev/null -u -S "$sock" new-session -d -s t -x 80 -y 24 \
    "cd '$tmp/run' && env -u LC_ALL -u LANGUAGE LANG=$CLERK_LANG TMPDIR='$tmp/drilltmp' '$G' --config '$cfg' --db '$db' --drill '$scen/tiny.ini' --trainee 小王 2>'$tmp/stderr'; echo \$? >'$tmp/rc'; sleep 600"
  tmux -S "$sock" set-option -t t window-size manual >/dev/null 2>&1
}
# The client's process (the child of the tmux pane's shell) and a guichet-sync under it.
client_pid() { pgrep -P "$(tmux -S "$sock" display-message -p -t t '#{pane_pid}')" | head -1; }
no_sync_child() { _p=$(client_pid); [ -n "$_p" ] && ! ps -eo ppid=,comm= | grep -qE "^ *$_p +guichet-sync"; }
BANNER='^ (演练模式|DRILL) '

start_drill
check "the log-in screen starts with the drill banner and the drill's date" \
  "wait_title \"$BANNER\" && wait_title '2026-03-09'"
check "the banner is in reverse video" "screen_attrs | head -1 | grep -qE \"$(printf '\033')\\[([0-9]*;)*7(;[0-9]*)*m\""
check "the log-in screen names the trainee's staff id, never the PIN" \
  "wait_for 'xueyuan' && ! screen | grep -q 583914"
check "no guichet-sync is started for a drill ([sync] server is set)" "sleep 1 && no_sync_child"

typein xueyuan; keys Enter; typein 583914; keys Enter
wait_title 'xueyuan'; duty_offer
check "the trainee logs in: the drill panel opens by itself, banner still first" \
  "wait_for '小演练' && wait_title \"$BANNER\" && wait_title 'xueyuan'"
check "the panel shows the drill day and the applicant waiting" "wait_for '2026-03-09' && wait_for '周明亮'"
keys Enter
check "Enter calls the applicant: their words, the item's name, the ID on form and card" \
  "wait_for '材料都带齐了' && wait_for '内地居民结婚登记' && [ \$(screen | grep -c 511425199604180032) = 2 ]"
check "each material as the applicant says it, not as ticks" \
  "wait_for '两个人的身份证，原件' && wait_for '三张红底双人合照' && ! screen | grep -qE '\\[[ xX✓]\\]'"
keys Escape; settle
check "Esc: the dashboard, with the banner" "wait_gone '材料都带齐了' && wait_title \"$BANNER\""
keys t
check "t opens the panel again, the applicant still at the window" "wait_for '材料都带齐了'"
keys e
check "e asks before ending the drill" "wait_box"
keys y
check "the result screen: the applicant, a score and the deduction for no case in words" \
  "wait_for '周明亮' && wait_for ' -100 ' && wait_for 'drill-.*\\.csv'"
check "the result files are in [paths] save_dir (txt and csv)" \
  "ls '$tmp/saved'/drill-*.txt >/dev/null 2>&1 && ls '$tmp/saved'/drill-*.csv >/dev/null 2>&1"
check "no guichet-sync ever ran under the client" "no_sync_child"
keys Escape; settle
quit_client
check "quit: exit 0" "clean_exit"
check "the configured database is byte-identical" "cmp -s '$db' '$tmp/before.db'"
check "the throw-away folder is gone" "[ -z \"\$(ls -A '$tmp/drilltmp')\" ]"
out=$("$G" drill report "$tmp/saved"/drill-*.csv 2>&1); rc=$?
check "guichet drill report reads the result back (the trainee is named)" \
  "[ $rc = 0 ] && printf '%s' \"\$out\" | grep -q '小王'"
check "drill report is listed in --help" "'$G' --help | grep -q 'drill report'"

# SIGTERM (a terminal closed, a trainer's kill): the loop ends, the throw-away folder goes.
start_drill
wait_title "$BANNER"
check "a drill's throw-away folder exists while it runs" "[ -n \"\$(ls -A '$tmp/drilltmp')\" ]"
kill -TERM "$(client_pid)"
check "SIGTERM: exit 0 and the throw-away folder is gone" \
  "poll test -s '$tmp/rc' && clean_exit && [ -z \"\$(ls -A '$tmp/drilltmp')\" ]"
check "the configured database is still byte-identical" "cmp -s '$db' '$tmp/before.db'"

# Not a drill: the drill key only says so.
printf '[paths]\nsave_dir = %s/saved\n' "$tmp" >"$cfg"
start
check "a real run: no banner on the log-in screen" "wait_login && ! title_line | grep -qE \"$BANNER\""
check "demo-a logs in" "login demo-a 583914"
keys C-e
check "C-e (drill.open) outside a drill says it is not a drill" "wait_msg 'drill|演练'"
quit_client
check "quit: exit 0" "clean_exit"
