#!/bin/sh
# guichetd.sh - guichetd's admin verbs on a fresh server database: terminal add
# prints a token once, list shows terminals without tokens, revoke, stats, and
# usage errors; the centre's verbs (window, staff, roster, catalog, calendar,
# case) each storing one centre event, and refusing bad input with a one-line
# reason, exit 1 and nothing stored; --config; serving, over HTTPS too (a
# self-signed certificate made by mkcert.sh, checked with curl --cacert).
#   sh tests/cli/guichetd.sh [GUICHETD]    (default: the guichetd beside $GUICHET,
#                                           the client binary tests/run passes)
if [ -n "$1" ]; then
  D=$1
else
  G=${GUICHET:?set GUICHET to the client binary under test, or give guichetd as the argument}
  D=$(dirname "$G")/guichetd
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/verb_common.sh"
tmp=$(mktemp -d)
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
db="$tmp/s.db"

check '[ -x "$D" ]' "guichetd is built ($D)"
out=$("$D" --db "$db" terminal add w03 2>&1); rc=$?
token=$(printf '%s\n' "$out" | tail -n 1)
check '[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "terminal w03 added"' "terminal add succeeds"
check 'printf "%s" "$token" | grep -qE "^[0-9a-f]{64}$"' "terminal add prints a 64-hex token"
check '[ "$(stat -c %a "$db")" = 600 ]' "the server database is created 0600"
"$D" --db "$db" terminal add w04 2>/dev/null >"$tmp/w04.token"
check 'grep -qxE "[0-9a-f]{64}" "$tmp/w04.token" && [ "$(wc -l <"$tmp/w04.token")" = 1 ]' \
  "terminal add > FILE: the file holds the token alone (the words go to stderr)"
expect 1 'already exists'  "the same name twice is refused" -- "$D" --db "$db" terminal add w03
expect 2 'a-z, 0-9'        "a bad name is refused" -- "$D" --db "$db" terminal add 'W 03'
expect 0 'w03 +- .*active' "terminal list shows the terminal" -- "$D" --db "$db" terminal list
list=$("$D" --db "$db" terminal list 2>&1)
check '! printf "%s" "$list" | grep -q "$token"' "terminal list never shows the token"
check '! grep -aq "$token" "$db" "$db-wal" 2>/dev/null' "the token is not in the database file"
expect 0 'events: 0'       "stats on an empty server" -- "$D" --db "$db" stats
expect 0 'w03 +0 +last seen -' "stats lists terminals" -- "$D" --db "$db" stats
expect 0 'w03 revoked'     "terminal revoke" -- "$D" --db "$db" terminal revoke w03
expect 0 'w03 .*revoked'   "terminal list shows it revoked" -- "$D" --db "$db" terminal list
expect 1 'no active terminal' "revoking twice is refused" -- "$D" --db "$db" terminal revoke w03
expect 1 'no active terminal' "revoking an unknown name is refused" -- "$D" --db "$db" terminal revoke nobody
expect 2 'usage'           "a bad verb exits 2" -- "$D" --db "$db" terminal frobnicate
expect 2 'usage'           "an unknown word exits 2" -- "$D" --db "$db" bogus
expect 2 'usage'           "a bad option exits 2" -- "$D" --nope
expect 2 'ADDR:PORT'       "a bad --listen exits 2" -- "$D" --db "$db" --listen nowhere
printf 'not a database\n' > "$tmp/text.db"
expect 1 'not a guichetd database' "a text file as --db is refused" -- "$D" --db "$tmp/text.db" stats
check '[ "$(cat "$tmp/text.db")" = "not a database" ]' "and left untouched"

# serving: starts on a free port, and SIGTERM stops it cleanly (exit 0)
"$D" --db "$db" --listen 127.0.0.1:0 2>"$tmp/serve.log" &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q listening "$tmp/serve.log"; do sleep 0.1; i=$((i + 1)); done
check 'grep -q "listening on 127.0.0.1:[1-9]" "$tmp/serve.log"' "guichetd serves on a free port"
kill -TERM "$pid"; wait "$pid"; rc=$?
check '[ "$rc" -eq 0 ] && grep -q "stopped" "$tmp/serve.log"' "SIGTERM stops it with exit 0"

# ---- centre changes ---------------------------------------------------------------
# with_pin PIN COMMAND...: the PIN on standard input, as an operator would type it
with_pin() { p=$1; shift; printf '%s\n' "$p" | "$@"; }
events() { "$D" --db "$db" stats 2>/dev/null | sed -n 's/^events: //p'; }
# refused DESCRIPTION PATTERN -- COMMAND...: exit 1, one line naming the problem, no event stored
refused() {
  what=$1; pat=$2; shift 3
  before=$(events)
  n=$((n + 1))
  out=$("$@" 2>&1); rc=$?
  lines=$(printf '%s\n' "$out" | wc -l)
  if [ "$rc" -eq 1 ] && [ "$lines" -eq 1 ] && printf '%s' "$out" | grep -qE -- "$pat" && [ "$(events)" = "$before" ]; then
    echo "ok $n - $what"
  else
    echo "not ok $n - $what (exit $rc, $lines lines, events $before -> $(events): $out)"
  fi
}

expect 0 '^centre change 1: centre.window W01$' "window add" -- "$D" --db "$db" window add w01 综合窗口
expect 0 'centre change 2: centre.window W02' "a second window" -- "$D" --db "$db" window add W02 民政窗口
refused "window add twice" 'window W01 already exists' -- "$D" --db "$db" window add W01 again
refused "window add with a bad code" 'window code "W 1"' -- "$D" --db "$db" window add 'W 1' x
refused "window add with a name over 32 characters" 'too long' -- \
  "$D" --db "$db" window add W09 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三
expect 0 'centre change 3: centre.staff wang' "staff add (PIN on stdin)" -- \
  with_pin 583914 "$D" --db "$db" staff add wang 王芳 clerk,supervisor --windows W01,W02
expect 0 'centre change 4: centre.staff li' "another staff member" -- \
  with_pin 729461 "$D" --db "$db" staff add li 李娜 clerk --windows W01
expect 0 'centre change 5: centre.staff zhao' "a staff member without windows" -- \
  with_pin 640275 "$D" --db "$db" staff add zhao 赵敏 approver
refused "staff add with an unknown window" 'no window W07' -- \
  with_pin 583914 "$D" --db "$db" staff add zhang 张伟 clerk --windows W07
refused "staff add with a PIN the policy refuses" 'PIN for zhang: .*run of digits' -- \
  with_pin 123456 "$D" --db "$db" staff add zhang 张伟 clerk --windows W01
refused "staff add with a 4-digit PIN" 'PIN for zhang' -- \
  with_pin 5839 "$D" --db "$db" staff add zhang 张伟 clerk
refused "staff add with no PIN at all" 'PIN: nothing on standard input' -- \
  "$D" --db "$db" staff add zhang 张伟 clerk </dev/null
refused "staff add with an unknown role" 'unknown role "boss"' -- \
  with_pin 583914 "$D" --db "$db" staff add zhang 张伟 boss
refused "staff add of an existing code" 'staff wang already exists' -- \
  with_pin 583914 "$D" --db "$db" staff add wang 王 clerk
refused "staff add with a bad code" 'staff code "x"' -- with_pin 583914 "$D" --db "$db" staff add x 某 clerk
expect 2 'usage' "staff add without roles is a usage error" -- "$D" --db "$db" staff add zhang 张伟
expect 0 'centre change 6: centre.staff li' "staff pin (new PIN on stdin)" -- \
  with_pin 902714 "$D" --db "$db" staff pin li
refused "staff pin with a weak PIN" 'PIN for li' -- with_pin 111111 "$D" --db "$db" staff pin li
refused "staff pin of an unknown member" 'no staff member nobody' -- with_pin 902714 "$D" --db "$db" staff pin nobody
expect 0 'centre change 7: centre.staff li' "staff deactivate" -- "$D" --db "$db" staff deactivate li
refused "staff deactivate twice" 'already deactivated' -- "$D" --db "$db" staff deactivate li
refused "a roster with a deactivated member" 'staff li is deactivated' -- \
  "$D" --db "$db" roster set 2026-11-24 W01 wang li
expect 0 'centre change 8: centre.staff li' "staff activate" -- "$D" --db "$db" staff activate li
refused "staff activate twice" 'already active' -- "$D" --db "$db" staff activate li
expect 0 'centre change 9: centre.roster W01' "roster set" -- "$D" --db "$db" roster set 2026-11-24 w01 Wang li
refused "a roster on a day that does not exist" 'day "2026-02-30": not a real date' -- \
  "$D" --db "$db" roster set 2026-02-30 W01 wang li
refused "a roster for an unknown window" 'window W05: no such window' -- \
  "$D" --db "$db" roster set 2026-11-24 W05 wang li
refused "a roster with someone not serving the window" 'li does not serve window W02' -- \
  "$D" --db "$db" roster set 2026-11-24 W02 wang li
refused "a roster with someone unknown" 'no staff member nobody' -- \
  "$D" --db "$db" roster set 2026-11-24 W01 wang nobody
refused "a roster with A = B" 'two different people' -- "$D" --db "$db" roster set 2026-11-24 W01 wang wang
expect 0 'centre change 10: centre.catalog demo.ini' "catalog import" -- \
  "$D" --db "$db" catalog import "$root/data/catalog/demo.ini"
printf '[item:a]\nname = caf\351\n' > "$tmp/latin1.ini"
refused "a catalogue that is not UTF-8" 'latin1.ini: not UTF-8 text \(byte 20\)' -- \
  "$D" --db "$db" catalog import "$tmp/latin1.ini"
refused "a catalogue file that does not exist" 'cannot read' -- "$D" --db "$db" catalog import "$tmp/none.ini"
: > "$tmp/empty.ini"
refused "an empty catalogue" 'empty' -- "$D" --db "$db" catalog import "$tmp/empty.ini"
expect 0 'centre change 11: centre.calendar cn.ini' "calendar import" -- \
  "$D" --db "$db" calendar import "$root/data/calendar/cn.ini"
printf '[2026]\nholidays = 2026-01-01, 2026-13-01\n' > "$tmp/bad-cal.ini"
refused "a calendar that does not parse" 'bad-cal.ini:2: .*2026-13-01' -- \
  "$D" --db "$db" calendar import "$tmp/bad-cal.ini"
expect 0 'centre change 12: case.note S-1' "case event" -- \
  "$D" --db "$db" case event S-1 case.note '{"text":"材料已补齐","by":"back office"}'
refused "a case event of another family" 'case.NAME' -- "$D" --db "$db" case event S-1 centre.note '{}'
refused "a case event whose payload is not an object" 'must be a JSON object' -- \
  "$D" --db "$db" case event S-1 case.note '[1]'
refused "a case event whose payload is not JSON" 'not JSON' -- "$D" --db "$db" case event S-1 case.note '{'
check '[ "$(events)" = 12 ]' "twelve centre events stored"
check '[ "$(sqlite3 "$db" "SELECT count(*) FROM events WHERE terminal = '"'"'00000000000000000000000000000000'"'"' AND staff = 0 AND staff_code = '"'"'centre'"'"'")" = 12 ]' \
  "all from the centre's terminal id, staff 0, staff_code centre"
check '[ "$(sqlite3 "$db" "SELECT group_concat(terminal_seq) FROM events ORDER BY server_seq")" = 1,2,3,4,5,6,7,8,9,10,11,12 ]' \
  "numbered by the centre's own seq"
check '[ "$(sqlite3 "$db" "SELECT count(*) FROM events e JOIN events p ON p.terminal_seq = e.terminal_seq - 1 WHERE e.prev_hash = p.hash")" = 11 ] && [ "$(sqlite3 "$db" "SELECT prev_hash FROM events WHERE terminal_seq = 1")" = 0000000000000000000000000000000000000000000000000000000000000000 ]' \
  "each prev_hash is the previous centre event's hash"
check '[ "$(sqlite3 "$db" "SELECT payload FROM events WHERE terminal_seq = 9")" = "{\"a\":\"wang\",\"b\":\"li\",\"day\":\"2026-11-24\",\"window\":\"W01\"}" ]' \
  "the roster payload is compact with sorted keys"
check 'sqlite3 "$db" "SELECT payload FROM events WHERE terminal_seq = 6" | grep -qF "\"active\":true,\"code\":\"li\",\"name\":\"李娜\",\"num\":2,\"pin_hash\":\"\$argon2id\$v=19\$m=16384,t=3,p=1\$"' \
  "staff pin sends the whole record with the new argon2id hash"

# ---- --config ------------------------------------------------------------------------
printf '[server]\ndb = %s\nlisten = 127.0.0.1:0\nmax_connections = 8\nper_ip_connections = 2\n' "$db" > "$tmp/g.ini"
expect 0 'events: 12' "--config names the database" -- "$D" --config "$tmp/g.ini" stats
printf '[server]\ndatabase = x\n' > "$tmp/bad.ini"
expect 2 "unknown key 'server:database'" "--config refuses an unknown key" -- "$D" --config "$tmp/bad.ini" stats
printf '[server]\nmax_connections = lots\n' > "$tmp/bad2.ini"
expect 2 'max_connections = "lots"' "--config refuses a bad number" -- "$D" --config "$tmp/bad2.ini" stats
expect 2 'cannot read' "--config with a missing file" -- "$D" --config "$tmp/nothere.ini" stats

# ---- HTTPS ------------------------------------------------------------------------------
if ! command -v curl >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1; then
  echo "ok $((n + 1)) - # SKIP no curl or openssl"; exit 0
fi
check 'sh "$here/mkcert.sh" "$tmp/tls" && [ -s "$tmp/tls/cert.pem" ] && [ -s "$tmp/tls/key.pem" ]' "mkcert.sh makes a certificate"
expect 1 '--cert .*nothere.pem: cannot read' "an unreadable certificate is refused" -- \
  "$D" --db "$db" --listen 127.0.0.1:0 --cert "$tmp/nothere.pem" --key "$tmp/tls/key.pem"
expect 1 'both --cert FILE and --key FILE' "a certificate without a key is refused" -- \
  "$D" --db "$db" --listen 127.0.0.1:0 --cert "$tmp/tls/cert.pem"
tok=$("$D" --db "$db" terminal add w05 2>/dev/null)
"$D" --config "$tmp/g.ini" --cert "$tmp/tls/cert.pem" --key "$tmp/tls/key.pem" 2>"$tmp/tls.log" &
tpid=$!; pids="$pids $tpid"
i=0
while [ $i -lt 100 ] && ! grep -q listening "$tmp/tls.log"; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\) (https).*/\1/p' "$tmp/tls.log")
check '[ -n "$port" ]' "guichetd serves HTTPS (config file, command-line certificate)"
health=$(curl -sS --cacert "$tmp/tls/cert.pem" "https://127.0.0.1:$port/v1/health" 2>&1)
check 'printf "%s" "$health" | grep -q "\"status\":\"ok\".*\"events\":12"' "curl --cacert checks the certificate and gets health"
pull=$(curl -sS --cacert "$tmp/tls/cert.pem" -H "Authorization: Bearer $tok" "https://127.0.0.1:$port/v1/changes?limit=2" 2>&1)
check 'printf "%s" "$pull" | grep -q "\"terminal\":\"00000000000000000000000000000000\"" && printf "%s" "$pull" | grep -qE "\"next_cursor\":\"v1\.2\.[0-9a-f]{12}\",\"has_more\":true,.*\"your_last_seq\":0\}$"' \
  "a terminal pulls the centre's changes over HTTPS, with a checked cursor"
check '! curl -sS -o /dev/null "https://127.0.0.1:$port/v1/health" 2>/dev/null' "curl without the CA refuses the self-signed certificate"
check '! curl -sS -o /dev/null "http://127.0.0.1:$port/v1/health" 2>/dev/null' "plain HTTP is not served on the HTTPS port"
kill -TERM "$tpid"; wait "$tpid"; rc=$?
check '[ "$rc" -eq 0 ]' "the HTTPS server stops with exit 0"
