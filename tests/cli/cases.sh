#!/bin/sh
# cases.sh - the demo seed through the real event path, case search and
# export, and audit verify catching a row edited or deleted with the sqlite3
# shell.  $GUICHET is the binary under test.
G=${GUICHET:?set GUICHET to the binary under test}
. "$(dirname "$0")/verb_common.sh"
expect_lines=5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C LC_ALL=C LANGUAGE= GUICHET_TODAY=2026-11-23
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -f "$(dirname "$G")/../data/pinyin/initials.txt" ]; then
  GUICHET_DATADIR="$here/data"; export GUICHET_DATADIR
fi
db="$tmp/t.db"

expect 0 'seeded 300 cases' "demo seed writes 300 cases through the event path" -- "$G" --db "$db" demo seed --cases 300
expect 0 'intact: [0-9]+ events' "the seeded log's audit chain holds" -- "$G" --db "$db" audit verify
num=$(sqlite3 "$db" "SELECT case_id FROM cases ORDER BY case_id LIMIT 1")
name=$(sqlite3 "$db" "SELECT applicant_name FROM cases WHERE case_id='$num'")
idno=$(sqlite3 "$db" "SELECT applicant_id FROM cases WHERE case_id='$num'")
phone=$(sqlite3 "$db" "SELECT applicant_phone FROM cases WHERE case_id='$num'")
expect 0 "^$num" "a case is found by its number" -- "$G" --db "$db" cases search "$num"
expect 0 "$num" "a case is found by its applicant's name" -- "$G" --db "$db" cases search "$name"
expect 0 "$num" "a case is found by the applicant's ID number" -- "$G" --db "$db" cases search "$idno"
expect 0 "$num" "a case is found by phone" -- "$G" --db "$db" cases search "$phone"
expect 1 'no case matches' "an unknown name finds nothing" -- "$G" --db "$db" cases search 欧阳无名
expect 0 '^case_number,item_code' "export writes a CSV header" -- "$G" --db "$db" cases export --from 2026-01-01 --to 2026-11-23 --no-bom
expect 0 '[0-9]{6}\*{8}[0-9]{3}[0-9X],1[0-9]{2}\*{4}[0-9]{4}' "export masks ID numbers and phones" -- "$G" --db "$db" cases export --from 2026-01-01 --to 2026-11-23 --no-bom
expect 2 'two dates' "export needs two real dates" -- "$G" --db "$db" cases export --from 2026-02-30 --to 2026-11-23
expect 1 'refuse|real terminal|demo' "demo seed refuses a database with real events" -- sh -c "sqlite3 '$db' \"DELETE FROM meta WHERE key='demo'\" && '$G' --db '$db' demo seed --cases 10"

# Tampering with the sqlite3 shell is found and named.
cp "$db" "$tmp/edit.db"
sqlite3 "$tmp/edit.db" "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_immutable_update;" 2>/dev/null
trig=$(sqlite3 "$tmp/edit.db" "SELECT name FROM sqlite_schema WHERE type='trigger' AND tbl_name='events'")
for t in $trig; do sqlite3 "$tmp/edit.db" "DROP TRIGGER $t"; done
sqlite3 "$tmp/edit.db" "UPDATE events SET payload = replace(payload, '\"', '\"') || '' , staff_id = staff_id + 1 WHERE seq = 42"
expect 1 '42' "an edited event is named by audit verify" -- "$G" --db "$tmp/edit.db" audit verify
cp "$db" "$tmp/del.db"
for t in $trig; do sqlite3 "$tmp/del.db" "DROP TRIGGER $t"; done
sqlite3 "$tmp/del.db" "DELETE FROM events WHERE seq = 77"
expect 1 '7[78]' "a deleted event is found by audit verify" -- "$G" --db "$tmp/del.db" audit verify
