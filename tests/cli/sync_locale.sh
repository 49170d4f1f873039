#!/bin/sh
# sync_locale.sh - guichet-sync speaks the clerk's language: the screen starts
# it with its own environment, and what the agent stores in meta
# sync_last_error is shown on the dashboard and the sync screen.  Against a
# closed port (127.0.0.1:1, nothing listens there) `guichet-sync --once` under
# zh_CN.UTF-8 prints and stores the Chinese sentence (libcurl's or the
# system's reason inside it may stay as they are); under C.UTF-8 the English
# message id, as before.  Exit code 1 either way (no answer).
#
# $GUICHET (or the first argument) is the client binary under test;
# guichet-sync and the compiled catalogues (locale/) are the ones beside it.
G=${GUICHET:-$1}
[ -n "$G" ] || { echo "usage: GUICHET=BINARY sh $0  (or sh $0 BINARY)" >&2; exit 2; }
bindir=$(dirname "$G")
S="$bindir/guichet-sync"
. "$(dirname "$0")/verb_common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY GUICHET_LOCALEDIR LANGUAGE # loopback only

[ -x "$S" ] || { echo "not ok 1 - $S is not built"; exit 1; }
[ -f "$bindir/locale/zh_CN/LC_MESSAGES/guichet.mo" ] || { echo "not ok 1 - $bindir/locale has no zh_CN catalogue"; exit 1; }
command -v sqlite3 >/dev/null || { echo "not ok 1 - the sqlite3 shell is not installed"; exit 1; }
locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' || { echo "not ok 1 - the zh_CN.UTF-8 locale is not generated"; exit 1; }

printf 'terminal-token-for-the-locale-test\n' >"$tmp/token"
chmod 600 "$tmp/token"
printf '[sync]\nserver = http://127.0.0.1:1\ntoken_file = %s\nautostart = false\n' "$tmp/token" >"$tmp/c.ini"
last_error() { sqlite3 "$1" "SELECT value FROM meta WHERE key = 'sync_last_error'"; }

# The clerk's locale: LANG as the terminal sets it; LC_ALL set too since tests/run pins C.UTF-8.
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$S" --config "$tmp/c.ini" --db "$tmp/zh.db" --once >"$tmp/zh.out" 2>"$tmp/zh.err"
rc=$?
check '[ $rc -eq 1 ]' "zh_CN: no answer exits 1 (got $rc)"
check 'grep -q "^guichet-sync：无法连接中心 127\.0\.0\.1:1：" "$tmp/zh.err"' "zh_CN: stderr has the Chinese sentence ($(head -c 200 "$tmp/zh.err"))"
check 'last_error "$tmp/zh.db" | grep -q "^无法连接中心 127\.0\.0\.1:1：."' \
  "zh_CN: meta sync_last_error holds it ($(last_error "$tmp/zh.db"))"
check 'grep -q "^guichet-sync：上传 0 条已受理" "$tmp/zh.out"' "zh_CN: the pass line is Chinese too"

LANG=C.UTF-8 LC_ALL=C.UTF-8 "$S" --config "$tmp/c.ini" --db "$tmp/c.db" --once >"$tmp/c.out" 2>"$tmp/c.err"
rc=$?
check '[ $rc -eq 1 ]' "C.UTF-8: no answer exits 1 (got $rc)"
check 'last_error "$tmp/c.db" | grep -q "^cannot reach 127\.0\.0\.1:1: ."' \
  "C.UTF-8: meta sync_last_error stays the English message id ($(last_error "$tmp/c.db"))"
