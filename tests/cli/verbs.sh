#!/bin/sh
# verbs.sh - the stable command-line verbs, run as a script or an admin would.
# $GUICHET is the binary under test.  Prints "ok N - ..." or "not ok N - ...".
G=${GUICHET:?set GUICHET to the binary under test}
. "$(dirname "$0")/verb_common.sh" # tree_data; this script's expect (below) keeps stderr apart
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C LC_ALL=C LANGUAGE=
export GUICHET_TODAY=2026-11-23
tree_data

# expect EXIT STDOUT-PATTERN DESCRIPTION -- COMMAND...
expect() {
  want_rc=$1; want_out=$2; what=$3; shift 4
  n=$((n + 1))
  out=$("$@" 2>"$tmp/err"); rc=$?
  err=$(cat "$tmp/err")
  if [ "$rc" -eq "$want_rc" ] && printf '%s\n%s' "$out" "$err" | grep -qE -- "$want_out"; then
    echo "ok $n - $what"
  else
    echo "not ok $n - $what (exit $rc, stdout '$out', stderr '$err')"
  fi
}

# --- id check ---------------------------------------------------------------
expect 0 '^id 1949-12-31 female$' "valid ID ending in X" -- "$G" id check 11010519491231002X
expect 0 '^id 1949-12-31 female$' "lowercase x accepted" -- "$G" id check 11010519491231002x
expect 0 '^id 1949-12-31 male$'   "male ID (odd 17th digit)" -- "$G" id check 110105194912310011
expect 1 'check'                  "wrong check character refused" -- "$G" id check 110105194912310021
expect 1 'date'                   "30 February refused" -- "$G" id check 110105199002300011
expect 1 '18'                     "wrong length names the length" -- "$G" id check 1101051949123100
expect 1 'later than today'                 "birth date after today refused" -- "$G" id check 110105202612010011
expect 0 '^uscc$'                 "valid unified social credit code" -- "$G" id check 91350100M000100Y43
expect 1 '.'                      "USCC with a wrong check character" -- "$G" id check 91350100M000100Y44
expect 2 'usage'                  "id check without a value" -- "$G" id check

# --- calendar ---------------------------------------------------------------
expect 0 '^2026-10-12$' "5 working days across the 2026 National Day week" -- "$G" calendar add 2026-09-29 5
expect 0 '^2026-02-24$' "Spring Festival 2026: day after 2026-02-13 is make-up Saturday 02-14, then 02-24" -- "$G" calendar add 2026-02-13 2
expect 0 '.*'           "2026-02-14 (Saturday) is a make-up working day" -- "$G" calendar is-workday 2026-02-14
expect 1 '.*'           "2026-02-16 (Monday) is a Spring Festival holiday" -- "$G" calendar is-workday 2026-02-16
expect 0 '.*'           "2026-10-10 (Saturday) is a make-up working day" -- "$G" calendar is-workday 2026-10-10
expect 1 '.*'           "2026-11-22 is a Sunday" -- "$G" calendar is-workday 2026-11-22
expect 2 '2027'         "a year not loaded is an explicit error" -- "$G" calendar is-workday 2027-01-04
expect 1 '2027'         "adding past the last loaded year is an error" -- "$G" calendar add 2026-12-28 10
expect 2 'YYYY-MM-DD|date' "a malformed date is refused" -- "$G" calendar is-workday 2026-02-30
expect 2 'N|number'     "a non-numeric count is refused" -- "$G" calendar add 2026-01-05 five
expect 0 '^2026 ' "calendar years lists what is shipped" -- "$G" calendar years

# --- calendar file handling ---------------------------------------------------
printf '[2026]\nholidays = 2026-02-30\nworkdays =\n' > "$tmp/bad.ini"
expect 2 'bad.ini:2' "a broken calendar file is reported with file and line" -- "$G" --calendar "$tmp/bad.ini" calendar is-workday 2026-02-14
expect 2 'nope.ini'  "a missing calendar file is named" -- "$G" --calendar "$tmp/nope.ini" calendar is-workday 2026-02-14

# --- configuration ------------------------------------------------------------
printf '[paths]\ncalender = x\n' > "$tmp/typo.ini"
expect 2 'calender' "an unknown config key is named" -- "$G" --config "$tmp/typo.ini" calendar years

# --- usage --------------------------------------------------------------------
expect 2 'needs a terminal'  "no verb without a terminal: the screen says it needs one (exit 2)" -- "$G"
expect 2 'unknown' "an unknown verb is refused" -- "$G" frobnicate now
expect 0 'usage'  "--help prints the usage" -- "$G" --help

# --- Chinese messages ---------------------------------------------------------
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  expect 1 '校验' "zh_CN.UTF-8 gives the reason in Chinese" -- env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$G" id check 110105194912310021
else
  n=$((n + 1)); echo "not ok $n - zh_CN.UTF-8 locale missing (run locale-gen, see .ci/run)"
fi

# The usage text fits an 80-column terminal, in English and in Chinese.
for lang in C zh_CN.UTF-8; do
  n=$((n + 1))
  w=$(env LANG=$lang LC_ALL=$lang "$G" --help 2>/dev/null | LC_ALL=C.UTF-8 wc -L)
  [ "$w" -le 80 ] && echo "ok $n - --help fits 80 columns under $lang ($w)" || echo "not ok $n - --help is $w columns under $lang"
done
