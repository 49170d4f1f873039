#!/bin/sh
# sync_faults.sh - issue 6's crash faults with the real programs on loopback:
# guichetd killed with SIGKILL in the middle of a push and restarted on the
# same database, then guichet-sync killed with SIGKILL in the middle of a push
# and run again.  After each recovery the outbox is empty, the server holds
# every event of the terminal exactly once (counted by id) with the same
# payload and chain hashes, and nothing else.  Then a third terminal pulls
# everything and its projected cases equal the pushing terminal's.
#
# The pushing terminal's file has about 3000 events.  No `guichet` verb
# records events one by one (they come from the clerk's screens), so the file
# is made by `guichet demo seed --cases 320` (the real event path: hash-chained,
# queued in the outbox) and then stops being a demonstration file by deleting
# its meta 'demo' mark with the sqlite3 shell, as attendance.sh writes its
# fixtures: guichet-sync never sends a file that carries the mark.
#
# $GUICHET (or the first argument) is the client binary under test; guichetd
# and guichet-sync are the ones built beside it.
G=${GUICHET:-$1}
[ -n "$G" ] || { echo "usage: GUICHET=BINARY sh $0  (or sh $0 BINARY)" >&2; exit 2; }
bindir=$(dirname "$G")
S="$bindir/guichet-sync"
D="$bindir/guichetd"
. "$(dirname "$0")/verb_common.sh"
tmp=$(mktemp -d)
dpid=
spid=
cleanup() {
  [ -n "$dpid" ] && kill -9 "$dpid" 2>/dev/null
  [ -n "$spid" ] && kill -9 "$spid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export LANG=C LC_ALL=C LANGUAGE=
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY # loopback only
export GUICHET_TODAY=2026-11-23
tree_data
q() { sqlite3 "$1" "$2"; }

for p in "$G" "$S" "$D"; do
  [ -x "$p" ] || { echo "not ok 1 - $p is not built"; exit 1; }
done
command -v sqlite3 >/dev/null || { echo "not ok 1 - the sqlite3 shell is not installed"; exit 1; }

# serve DB LISTEN: start guichetd in the background (dpid), wait for its port (dport); 0 or 1.
serve() {
  : >"$tmp/d.log"
  "$D" --db "$1" --listen "$2" 2>>"$tmp/d.log" &
  dpid=$!
  i=0
  while [ $i -lt 100 ] && ! grep -q 'listening on' "$tmp/d.log"; do sleep 0.05; i=$((i + 1)); done
  dport=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/d.log" | head -n 1)
  [ -n "$dport" ]
}

# terminal DB NAME SERVER_DB: a token for NAME on the server, and DB's config file DB.ini pointing at dport.
terminal() {
  "$D" --db "$3" terminal add "$2" 2>/dev/null | tail -n 1 >"$1.token"
  chmod 600 "$1.token"
  printf '[sync]\nserver = http://127.0.0.1:%s\ntoken_file = %s\ninterval_seconds = 1\nautostart = false\n' \
    "$dport" "$1.token" >"$1.ini"
}

# seeded DB: a real terminal's file with ~3000 events in its outbox.
seeded() {
  "$G" --db "$1" demo seed --cases 320 >/dev/null 2>&1 && q "$1" "DELETE FROM meta WHERE key = 'demo'"
}

# wait_push: until guichetd has logged a stored push (at most 10 s).
wait_push() {
  i=0
  while [ $i -lt 1000 ] && ! grep -q 'path=/v1/events status=200' "$tmp/d.log"; do sleep 0.01; i=$((i + 1)); done
}

# exactly_once CLIENT_DB SERVER_DB: the server holds the client's own events, each once, and nothing else.
exactly_once() {
  own=$(q "$1" "SELECT count(*) FROM events WHERE terminal_id = (SELECT value FROM meta WHERE key = 'terminal_id')")
  [ "$(q "$2" "SELECT count(*) FROM events")" = "$own" ] &&
    [ "$(q "$2" "SELECT count(DISTINCT id) FROM events")" = "$own" ] &&
    q "$1" "SELECT id, payload_hash, prev_hash, hash FROM events WHERE terminal_id = (SELECT value FROM meta WHERE key = 'terminal_id') ORDER BY id" >"$tmp/c.ids" &&
    q "$2" "SELECT id, payload_hash, prev_hash, hash FROM events ORDER BY id" >"$tmp/s.ids" &&
    cmp -s "$tmp/c.ids" "$tmp/s.ids"
}

# missing FROM_DB IN_DB: how many events of FROM_DB (by id and hash) IN_DB lacks.
missing() {
  q "$2" "ATTACH '$1' AS f; SELECT count(*) FROM f.events x WHERE NOT EXISTS (SELECT 1 FROM main.events y WHERE y.id = x.id AND y.hash = x.hash)"
}

# ---- 1. guichetd killed in the middle of a push, restarted on the same database ------------------
a="$tmp/a.db"
s1="$tmp/s1.db"
seeded "$a"
total=$(q "$a" "SELECT count(*) FROM outbox")
check '[ "$total" -ge 2500 ] && [ "$(q "$a" "SELECT count(*) FROM events")" = "$total" ]' \
  "the terminal's file has $total events, all in the outbox"
cp "$a" "$tmp/b.db" # the same events, for the second fault (its own server)
serve "$s1" 127.0.0.1:0; rc=$?
check '[ "$rc" -eq 0 ]' "guichetd serves on a free port ($dport)"
terminal "$a" w01 "$s1"

"$S" --config "$a.ini" --db "$a" --once >"$tmp/s.out" 2>"$tmp/s.err" &
spid=$!
wait_push
kill -9 "$dpid"; wait "$dpid" 2>/dev/null; dpid=
wait "$spid"; rc=$?; spid=
held=$(q "$s1" "SELECT count(*) FROM events")
left=$(q "$a" "SELECT count(*) FROM outbox")
check '[ "$held" -gt 0 ] && [ "$held" -lt "$total" ]' "guichetd died in the middle of the push ($held of $total stored)"
check '[ "$rc" -eq 1 ] && [ "$left" -gt 0 ]' "guichet-sync --once exits 1 with $left events still in the outbox"
check '[ "$(q "$s1" "SELECT count(DISTINCT id) FROM events")" = "$held" ]' "what the server stored is there once each"

check 'serve "$s1" "127.0.0.1:$dport"' "guichetd restarts on the same database and port"
"$S" --config "$a.ini" --db "$a" --once >"$tmp/s.out" 2>"$tmp/s.err"; rc=$?
check '[ "$rc" -eq 0 ]' "the next guichet-sync --once succeeds (exit $rc: $(cat "$tmp/s.err"))"
check '[ "$(q "$a" "SELECT count(*) FROM outbox")" = 0 ]' "the outbox is empty"
check 'exactly_once "$a" "$s1"' "the server holds each of the $total events exactly once, unchanged"
batches=$(( (total + 199) / 200 )) # sync_push.h SYNC_BATCH_DEFAULT
check '[ "$(q "$s1" "SELECT count(*) FROM batches")" = "$batches" ]' \
  "$batches batches of up to 200 were stored, each once"
check '"$D" --db "$s1" stats 2>&1 | grep -q "events: $total"' "guichetd stats counts $total events"
"$S" --config "$a.ini" --db "$a" --once >/dev/null 2>&1; rc=$?
check '[ "$rc" -eq 0 ] && exactly_once "$a" "$s1"' "another pass sends nothing and changes nothing"

# a third terminal, never seeded, pulls everything: its cases are the pushing terminal's
c="$tmp/c.db"
"$G" --db "$c" window add W99 拉取窗口 >/dev/null 2>&1
terminal "$c" w03 "$s1"
"$S" --config "$c.ini" --db "$c" --once >"$tmp/s.out" 2>"$tmp/s.err"; rc=$?
check '[ "$rc" -eq 0 ]' "a third terminal pulls (exit $rc: $(cat "$tmp/s.err"))"
check '[ "$(missing "$a" "$c")" = 0 ]' "it holds the $total events"
cases="SELECT case_id, item, class, status, applicant_name, window_id, received, accepted, due, concluded, delivered, ended FROM cases ORDER BY case_id"
q "$a" "$cases" >"$tmp/a.cases"
q "$c" "$cases" >"$tmp/c.cases"
check '[ -s "$tmp/a.cases" ] && cmp -s "$tmp/a.cases" "$tmp/c.cases"' \
  "its projected cases equal the pushing terminal's ($(wc -l <"$tmp/a.cases") cases)"
kill -TERM "$dpid"; wait "$dpid"; dpid=

# ---- 2. guichet-sync killed in the middle of a push, run again ----------------------------------
b="$tmp/b.db"
s2="$tmp/s2.db"
serve "$s2" 127.0.0.1:0; rc=$?
check '[ "$rc" -eq 0 ]' "a second guichetd serves on a free port ($dport)"
terminal "$b" w02 "$s2"
"$S" --config "$b.ini" --db "$b" --once >"$tmp/s.out" 2>"$tmp/s.err" &
spid=$!
wait_push
kill -9 "$spid"; wait "$spid" 2>/dev/null; spid=
sleep 0.2 # a request in flight finishes on the server
held=$(q "$s2" "SELECT count(*) FROM events")
left=$(q "$b" "SELECT count(*) FROM outbox")
check '[ "$held" -gt 0 ] && [ "$left" -gt 0 ]' "guichet-sync died in the middle of the push ($held stored, $left in the outbox)"
check '[ -f "$b.sync.lock" ]' "it leaves its lock file behind"
"$S" --config "$b.ini" --db "$b" --once >"$tmp/s.out" 2>"$tmp/s.err"; rc=$?
check '[ "$rc" -eq 0 ]' "guichet-sync runs again despite the lock file and succeeds (exit $rc: $(cat "$tmp/s.err"))"
check '[ "$(q "$b" "SELECT count(*) FROM outbox")" = 0 ]' "the outbox is empty"
check 'exactly_once "$b" "$s2"' "the server holds each of the $total events exactly once, unchanged"
check '[ "$(q "$s2" "SELECT count(*) FROM batches")" = "$batches" ]' \
  "$batches batches of up to 200 were stored, each once: a batch the kill left unacknowledged went again under its key"
check '[ "$(q "$a" "SELECT count(*) FROM sync_rejected")" = 0 ] && [ "$(q "$b" "SELECT count(*) FROM sync_rejected")" = 0 ]' \
  "no event was rejected on the way"
kill -TERM "$dpid"; wait "$dpid"; rc=$?; dpid=
check '[ "$rc" -eq 0 ]' "guichetd stops cleanly"
