# verb_common.sh - shared helpers of the command-line verb tests (stats.sh,
# attendance.sh, cases.sh, catalog.sh, staff.sh, guichetd.sh, sync_faults.sh,
# sync_locale.sh), sourced, never run on its own (tests/run runs every
# tests/cli/*.sh: run directly, this file does nothing).
#
# Sourcing it sets the TAP counter n and the failure counter fails to 0.
#
#   expect EXIT PATTERN DESCRIPTION -- COMMAND...
#                           one TAP line: "ok N - DESCRIPTION" when COMMAND
#                           exits with EXIT and its stdout+stderr match the ERE
#                           PATTERN, else "not ok N - DESCRIPTION (exit RC:
#                           OUTPUT)"; OUTPUT is cut to its first $expect_lines
#                           lines when the script sets expect_lines
#   check COND DESCRIPTION  one TAP line: ok when the shell condition COND
#                           (eval'd in the caller's shell) succeeds
#   tree_data               build/guichet finds the shipped calendar at
#                           <exe dir>/../data; the sanitized build/asan/guichet
#                           is one level deeper, so it is pointed at the tree's
#                           data/ (GUICHET_DATADIR); reads $G

case "$0" in *verb_common.sh) exit 0 ;; esac # run on its own (tests/run): nothing to do

n=0
fails=0

expect() {
  want_rc=$1; want_out=$2; what=$3; shift 4
  n=$((n + 1))
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" -eq "$want_rc" ] && printf '%s' "$out" | grep -qE -- "$want_out"; then
    echo "ok $n - $what"
  else
    fails=$((fails + 1))
    if [ -n "$expect_lines" ]; then
      echo "not ok $n - $what (exit $rc: $(printf '%s' "$out" | head -"$expect_lines"))"
    else
      echo "not ok $n - $what (exit $rc: $out)"
    fi
  fi
}

check() {
  n=$((n + 1))
  if eval "$1"; then echo "ok $n - $2"; else fails=$((fails + 1)); echo "not ok $n - $2"; fi
}

tree_data() {
  if [ -f "$(dirname "$G")/../data/calendar/cn.ini" ]; then
    unset GUICHET_DATADIR
  else
    GUICHET_DATADIR=$(cd "$(dirname "$0")/../../data" && pwd); export GUICHET_DATADIR
  fi
}
