#!/bin/sh
# guichetd.sh - guichetd's admin verbs on a fresh server database: terminal add
# prints a token once, list shows terminals without tokens, revoke, stats, and
# usage errors.  $GUICHET is the client binary under test; the server is the
# guichetd built beside it.
G=${GUICHET:?set GUICHET to the binary under test}
D=$(dirname "$G")/guichetd
n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C LC_ALL=C LANGUAGE=
db="$tmp/s.db"

# expect EXIT PATTERN DESCRIPTION -- COMMAND...   (PATTERN is matched on stdout+stderr)
expect() {
  want_rc=$1; want_out=$2; what=$3; shift 4
  n=$((n + 1))
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" -eq "$want_rc" ] && printf '%s' "$out" | grep -qE -- "$want_out"; then
    echo "ok $n - $what"
  else
    echo "not ok $n - $what (exit $rc: $out)"
  fi
}
check() { n=$((n + 1)); if eval "$1"; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

check '[ -x "$D" ]' "guichetd is built beside $G"
out=$("$D" --db "$db" terminal add w03 2>&1); rc=$?
token=$(printf '%s\n' "$out" | tail -n 1)
check '[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "terminal w03 added"' "terminal add succeeds"
check 'printf "%s" "$token" | grep -qE "^[0-9a-f]{64}$"' "terminal add prints a 64-hex token"
check '[ "$(stat -c %a "$db")" = 600 ]' "the server database is created 0600"
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
