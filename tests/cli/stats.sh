#!/bin/sh
# stats.sh - `guichet stats`: on `guichet demo seed` data (cases, notices,
# evaluations), the period as text (every line within 80 columns, the
# targets of seed 000 beside the rates) and as CSV (UTF-8 BOM, header), one
# window only, and refusals with exit 2: a date that is not YYYY-MM-DD, from
# after to, an unknown window, a missing --to, an unknown option.
# $GUICHET (or the first argument) is the binary under test.
G=${GUICHET:-$1}
[ -n "$G" ] || { echo "usage: GUICHET=BINARY sh $0  (or sh $0 BINARY)" >&2; exit 2; }
[ -x "$G" ] || { echo "not ok 1 - $G is not an executable"; exit 1; }
. "$(dirname "$0")/verb_common.sh"
expect_lines=8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C LC_ALL=C LANGUAGE= GUICHET_TODAY=2026-11-20
tree_data
db="$tmp/t.db"

"$G" --db "$db" demo seed --cases 200 --seed 3 >/dev/null 2>&1 || { echo "not ok 1 - demo seed"; exit 1; }
received=$(sqlite3 "$db" "SELECT count(*) FROM cases WHERE received BETWEEN '2026-11-01' AND '2026-11-30'")

expect 0 "^Statistics 2026-11-01 to 2026-11-30 \(open cases as of 2026-11-20\)" "the period and the report's day" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30
expect 0 "Cases +$received received" "the cases received in the period, as the cases table has them" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30
expect 0 "On-time completion .*target 100%" "the on-time rate beside its target" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30
expect 0 "Satisfaction .*target ≥98%" "the satisfaction rate beside its target" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30
"$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30 > "$tmp/out.txt"
# wc -L: the widest line in display columns (Chinese counts two in a UTF-8 locale)
check 'test "$(LC_ALL=C.UTF-8 wc -L < "$tmp/out.txt")" -le 80' "no line wider than 80 columns"
if locale -a 2>/dev/null | grep -qi '^zh_CN.utf-\?8$'; then
  LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30 \
    > "$tmp/zh.txt"
  check 'test -s "$tmp/zh.txt"' "the Chinese report is written"
  check 'test "$(LC_ALL=zh_CN.UTF-8 wc -L < "$tmp/zh.txt")" -le 80' \
    "no line of the Chinese report wider than 80 columns"
fi
"$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30 --csv > "$tmp/out.csv"
check 'head -c 3 "$tmp/out.csv" | od -An -tx1 | grep -q "ef bb bf"' "the CSV starts with the UTF-8 BOM"
expect 0 "^.?.?.?level,window,clerk,received," "the CSV header" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30 --csv
expect 0 "^All windows,,,$received," "the CSV total row" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30 --csv
w1=$(sqlite3 "$db" "SELECT count(*) FROM cases WHERE window_id = 'W01' AND received BETWEEN '2026-11-01' AND '2026-11-30'")
expect 0 "Cases +$w1 received" "one window only" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30 --window w01
expect 2 "not a date: 2026-13-01" "a month 13 is refused" \
  -- "$G" --db "$db" stats --from 2026-13-01 --to 2026-11-30
expect 2 "not a date: 1/11/2026" "a date not YYYY-MM-DD is refused" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 1/11/2026
expect 2 "starts \(2026-11-30\) after it ends \(2026-11-01\)" "from after to is refused" \
  -- "$G" --db "$db" stats --from 2026-11-30 --to 2026-11-01
expect 2 "no such window: W99" "an unknown window is refused" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30 --window W99
expect 2 "usage: guichet stats" "the period is required" \
  -- "$G" --db "$db" stats --from 2026-11-01
expect 2 "unexpected argument: --month" "an unknown option is refused" \
  -- "$G" --db "$db" stats --from 2026-11-01 --to 2026-11-30 --month 2026-11
expect 2 "longer than 366 days" "a period over a year is refused" \
  -- "$G" --db "$db" stats --from 2025-01-01 --to 2026-11-30
expect 0 "stats --from DATE --to DATE" "stats in --help" -- "$G" --help
echo "1..$n"
[ "$fails" -eq 0 ]
