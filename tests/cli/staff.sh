#!/bin/sh
# staff.sh - windows, staff with PINs, and the A/B roster through build/guichet,
# on a fresh database.  $GUICHET is the binary under test.
G=${GUICHET:?set GUICHET to the binary under test}
. "$(dirname "$0")/verb_common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C LC_ALL=C LANGUAGE=
db="$tmp/t.db"

expect 0 'window W03 added' "a window is added" -- "$G" --db "$db" window add W03 民政综合窗口
expect 1 'already exists'   "the same window twice is refused" -- "$G" --db "$db" window add w03 其他
expect 0 '民政综合窗口'       "windows are listed" -- "$G" --db "$db" window list
perm=$(stat -c %a "$db")
n=$((n + 1)); [ "$perm" = 600 ] && echo "ok $n - the database is created 0600" || echo "not ok $n - database mode $perm"

expect 0 'staff wangfang added' "a clerk is added with a PIN from stdin" -- sh -c "echo 428613 | '$G' --db '$db' staff add wangfang 王芳 --role clerk --window W03 --pin-stdin"
expect 1 'run of digits'        "a trivial PIN is refused with the reason" -- sh -c "echo 123456 | '$G' --db '$db' staff add lihua 李华 --role clerk --window W03 --pin-stdin"
expect 0 'staff lihua added'    "a supervisor is added" -- sh -c "echo 905172 | '$G' --db '$db' staff add lihua 李华 --role clerk,supervisor --window W03 --pin-stdin"
expect 1 'already taken'        "a duplicate staff id is refused" -- sh -c "echo 905172 | '$G' --db '$db' staff add LIHUA 李华 --role clerk --pin-stdin"
expect 2 'role'                 "--role is required" -- sh -c "echo 905172 | '$G' --db '$db' staff add zhao 赵 --pin-stdin"
expect 0 'lihua +李华.*clerk,supervisor.*W03.*active' "staff are listed with roles and windows" -- "$G" --db "$db" staff list
n=$((n + 1))
if grep -aq 428613 "$db" "$db-wal" 2>/dev/null; then echo "not ok $n - a clear PIN is in the database file"; else echo "ok $n - no clear PIN in the database file"; fi

expect 0 'A wangfang, B lihua' "the roster is set" -- "$G" --db "$db" roster set 2026-11-23 W03 wangfang lihua
expect 0 '2026-11-23 W03.*A wangfang 王芳.*B lihua 李华' "the roster is shown" -- "$G" --db "$db" roster show 2026-11-23
expect 0 'no roster for 2026-11-24' "a day without roster says so" -- "$G" --db "$db" roster show 2026-11-24
expect 1 'different'  "A and B must be two people" -- "$G" --db "$db" roster set 2026-11-23 W03 wangfang wangfang
expect 1 '.'          "an unknown staff id is refused" -- "$G" --db "$db" roster set 2026-11-23 W03 wangfang nobody
expect 2 'not a date' "a bad date is refused" -- "$G" --db "$db" roster show 2026-02-30
expect 0 'intact'     "audit verify on a fresh database" -- "$G" --db "$db" audit verify

printf 'not a database\n' > "$tmp/text.db"
expect 1 'not a guichet database' "a text file given as --db is refused" -- "$G" --db "$tmp/text.db" staff list
n=$((n + 1)); [ "$(cat "$tmp/text.db")" = "not a database" ] && echo "ok $n - and left untouched" || echo "not ok $n - the text file was changed"
