#!/bin/sh
# screen_sync.sh - the sync agent in the background of the screen and the
# sync screen, end to end in tmux at 80x24 (tui/app_sync.c, tui/scr_sync.c).
# On a real (not demonstration) file with [sync] server pointing at a closed
# port and a 0600 token file: with [sync] autostart = false no agent starts;
# by default the screen starts guichet-sync (same --db) while it runs and
# stops it when it quits; the dashboard shows the agent's last error after a
# pass, and a supervisor sees the dead letter and the unapplied change
# inserted beforehand counted in red; s opens the sync screen listing them
# with their reasons, Esc closes it, C-u opens it too, the lists scroll; a
# clerk sees the state but no lists; an agent already running for the file
# (started by hand) is left to serve it.  A demonstration file never gets an
# agent.  $GUICHET is the binary under test.
. "$(dirname "$0")/screen_common.sh"

esc=$(printf '\033')
RED_SGR="$esc\\[([0-9]*;)*(31|91)(;[0-9]*)*m"
demo_db=$db
agent() { pgrep -f -- "guichet-sync .*--db $db" >/dev/null 2>&1; }
no_agent() { ! agent; }
KEY_RE='\((s|C-u)\)' # the dashboard's count of sync problems ends with the key of the sync screen
# long_wait CMD...: CMD with three times the usual wait (an agent's pass after its start).
long_wait() { _w=$WAIT_TENTHS; WAIT_TENTHS=$((_w * 3)); "$@"; _r=$?; WAIT_TENTHS=$_w; return $_r; }

if [ ! -x "$(dirname "$G")/guichet-sync" ]; then
  skip "the screen starts guichet-sync" "no guichet-sync beside $G"
  exit 0
fi

# ---- a real file: a window, a supervisor and a clerk (no demo mark) -------------------------------
db="$tmp/real.db"
"$G" --db "$db" window add W01 综合受理窗口 >/dev/null 2>&1
printf '640275\n' | "$G" --db "$db" staff add lihua 李华 --role clerk,supervisor --window W01 --pin-stdin >/dev/null 2>&1
printf '729461\n' | "$G" --db "$db" staff add wangfang 王芳 --role clerk --window W01 --pin-stdin >/dev/null 2>&1
check "a real file: not a demonstration file" \
  "[ \"\$(sql \"SELECT count(*) FROM meta WHERE key='demo'\")\" = 0 ] && [ \"\$(sql 'SELECT count(*) FROM staff')\" = 2 ]"

printf 'not-a-real-token-0123456789\n' >"$tmp/token"
chmod 600 "$tmp/token"
base_cfg=$(cat "$cfg")
sync_cfg() {
  printf '%s\n\n[sync]\nserver = http://127.0.0.1:1\ntoken_file = %s\ninterval_seconds = 2\n%s\n' \
    "$base_cfg" "$tmp/token" "$1" >"$cfg"
}

# ---- autostart = false -----------------------------------------------------------------------------
sync_cfg "autostart = false"
start
check "[sync] autostart = false: the screen starts no agent" "wait_login && sleep 1 && no_agent"
check "lihua (supervisor) logs in: signed in (the file's first event)" \
  "login lihua 640275 && wait_sql \"SELECT count(*) FROM events WHERE type='attendance.punched'\" 1"
keys C-u
check "the sync screen says the screen does not start the agent (autostart)" "wait_for 'autostart'"
keys Escape; settle
quit_client
check "quit: exit 0, still no agent" "clean_exit && no_agent"

# A dead letter: the centre refused that first event (as guichet-sync files it).
seq1=$(sql "SELECT min(seq) FROM events")
sql "INSERT INTO sync_rejected(event_seq, event_id, reason, at_ms) SELECT seq, id, 'unknown window ZZ9', 1763900000000 FROM events WHERE seq = $seq1" >/dev/null
# A change from the centre this file could not apply (as sync_import files it).
sql "INSERT INTO sync_unapplied(id, type, subject, terminal, reason, at_ms) VALUES ('019ab2c4-0000-7000-8000-000000000001', 'centre.staff', 'zhaoqiang', '00000000000000000000000000000000', 'window W09 is not known here', 1763900000000)" >/dev/null
check "one dead letter (event $seq1) and one unapplied change" \
  "[ -n '$seq1' ] && [ \"\$(sql 'SELECT count(*) FROM sync_rejected')\" = 1 ] && [ \"\$(sql 'SELECT count(*) FROM sync_unapplied')\" = 1 ]"

# ---- autostart (the default) -------------------------------------------------------------------------
sync_cfg ""
start
check "the screen starts guichet-sync on the file while it runs" "wait_login && holds agent"
check "only one agent for the file" "[ \"\$(pgrep -fc -- 'guichet-sync .*--db $db')\" = 1 ]"
check "the agent's output goes to a log beside the file (0600)" \
  "holds 'test -f \"$db.sync.log\"' && [ \"\$(stat -c %a '$db.sync.log')\" = 600 ]"
check "lihua logs in" "login lihua 640275"
check "after a pass the agent's last error is in the file" \
  "long_wait wait_sql \"SELECT count(*) FROM meta WHERE key='sync_last_error' AND value <> ''\" 1"
errtext=$(sql "SELECT substr(value, 1, 20) FROM meta WHERE key='sync_last_error'")
check "the dashboard shows the last error in words ($errtext)" "[ -n \"\$errtext\" ] && wait_for \"\$errtext\""
check "the dashboard counts the dead letter and the unapplied change (2) for the supervisor, in red, with the key" \
  "wait_for '(^| )2 .*$KEY_RE' && screen_attrs | grep -E '$KEY_RE' | grep -qE '$RED_SGR'"

keys s
check "s opens the sync screen: the centre's address, the agent running" \
  "wait_for 'http://127.0.0.1:1' && wait_title 'lihua' && screen | grep -qE '[0-9]{2,}(\\)|）)'"
check "the sync screen lists the dead letter: its event, type and the centre's reason" \
  "wait_for 'unknown window ZZ9' && screen | grep -E ' $seq1 ' | grep -q 'attendance.punched'"
check "and the change not applied: type, subject, from the centre, the reason" \
  "screen | grep 'centre.staff zhaoqiang' | grep -qE 'centre|中心' && screen | grep -q 'window W09 is not known here'"
check "it shows the last error too" "screen | grep -q \"\$errtext\""
check "the hint line names Esc" "wait_hint 'Esc'"
keys Escape; settle
check "Esc closes it: the dashboard again" "wait_gone 'unknown window ZZ9' && wait_for '$KEY_RE'"
keys C-u
check "C-u opens it from anywhere" "wait_for 'unknown window ZZ9'"
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 24) INSERT INTO sync_unapplied(id, type, subject, terminal, reason, at_ms) SELECT printf('019ab2c4-0000-7000-8000-1%011d', i), 'case.noted', 'C-' || i, 'aaaabbbbccccddddeeeeffff00001111', CASE WHEN i < 24 THEN 'filler change ' || i ELSE 'the last change LAST' END, 1763900000000 + i FROM k" >/dev/null
keys C-u
check "C-u again reads the lists again: 25 changes not applied, the oldest first, the last below the screen" \
  "wait_for '(\\(|（)25(\\)|）)' && wait_for 'filler change 1' && ! screen | grep -q 'the last change LAST'"
keys End
check "End scrolls to the end of the lists: the last change shows, the dead letter scrolled off" \
  "wait_for 'the last change LAST' && wait_gone 'unknown window ZZ9'"
keys PageUp
check "PageUp scrolls back a page" "wait_gone 'the last change LAST'"
keys Home
check "Home: the top again" "wait_for 'unknown window ZZ9'"
keys Escape; settle

keys F8
check "F8 (switch user): wangfang (clerk) logs in" "login wangfang 729461"
check "the clerk's dashboard shows the last error but no count of dead letters" \
  "wait_for \"\$errtext\" && ! screen | grep -qE '$KEY_RE'"
keys C-u
check "the clerk's sync screen: the state (address, error) but no list" \
  "wait_for 'http://127.0.0.1:1' && screen | grep -q \"\$errtext\" && ! screen | grep -qE 'ZZ9|W09'"
keys Escape; settle
check "the agent still runs" "agent"
quit_client
check "quit: exit 0, no sanitizer report" "clean_exit"
check "the agent is gone after the screen quit" "holds no_agent"

# ---- an agent already running for the file (started by hand): the screen's own one gives way --------
"$(dirname "$G")/guichet-sync" --config "$cfg" --db "$db" >"$tmp/hand.log" 2>&1 &
hand=$!
check "an agent started by hand runs" "holds agent"
start
check "with it running, the screen's agent finds the lock taken and leaves: one agent, the hand one" \
  "wait_login && sleep 2 && [ \"\$(pgrep -fc -- 'guichet-sync .*--db $db')\" = 1 ] && kill -0 $hand"
login lihua 640275
keys C-u
check "the sync screen says another agent serves the file" "wait_for 'another|另一个'"
keys Escape; settle
quit_client
check "quit: exit 0; the hand agent still runs (not the screen's to stop)" "clean_exit && kill -0 $hand"
kill "$hand"; wait "$hand" 2>/dev/null

# ---- a demonstration file never gets an agent --------------------------------------------------
sync_cfg ""
db=$demo_db
start
check "a demonstration file: no agent even with [sync] server set" "wait_login && sleep 1 && no_agent"
quit_client_login() { keys F10; wait_box && keys y; poll test -s "$tmp/rc"; }
quit_client_login
check "quit from the log-in screen: exit 0" "clean_exit"
