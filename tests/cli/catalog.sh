#!/bin/sh
# catalog.sh - importing, listing and searching the item catalogue through
# build/guichet.  $GUICHET is the binary under test.
G=${GUICHET:?set GUICHET to the binary under test}
. "$(dirname "$0")/verb_common.sh"
expect_lines=5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C LC_ALL=C LANGUAGE=
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -f "$(dirname "$G")/../data/pinyin/initials.txt" ]; then
  GUICHET_DATADIR="$here/data"; export GUICHET_DATADIR
fi
db="$tmp/t.db"
demo="$here/data/catalog/demo.ini"

expect 0 'no catalogue imported yet' "an empty database says how to import" -- "$G" --db "$db" catalog list
expect 0 'imported 3[0-9] items' "the demo catalogue imports (at least 30 items)" -- "$G" --db "$db" catalog import "$demo"
expect 0 'MZ-04 +内地居民结婚登记' "the list shows codes and Chinese names" -- "$G" --db "$db" catalog list
expect 0 '结婚登记' "jhdj finds 结婚登记 by pinyin initials" -- "$G" --db "$db" catalog search jhdj
expect 0 '最低生活保障' "dbsq finds 低保 by its alias" -- "$G" --db "$db" catalog search dbsq
expect 0 '^MZ-04' "an item code is found" -- "$G" --db "$db" catalog search mz-04
expect 1 'no item matches' "a search with no hit says so" -- "$G" --db "$db" catalog search qqqqzz

# A broken file: every error with file:line, nothing imported, old catalogue kept.
sed 's/^promised_days *= *0$/promised_days = ten/' "$demo" > "$tmp/broken.ini"
expect 1 'broken.ini:[0-9]+: .*promised_days' "a bad number is reported with file and line" -- "$G" --db "$db" catalog import "$tmp/broken.ini"
expect 0 'catalogue version 1:' "after a failed import the first catalogue is still in use" -- "$G" --db "$db" catalog list
expect 1 'nope.ini' "a missing file is named" -- "$G" --db "$db" catalog import "$tmp/nope.ini"

# 80-column terminal: no line of the list is wider than 80 columns.
n=$((n + 1))
wide=$(LANG=C.UTF-8 LC_ALL=C.UTF-8 "$G" --db "$db" catalog list | tail -n +2 | LC_ALL=C.UTF-8 wc -L)
[ "${wide:-999}" -le 80 ] && echo "ok $n - catalog list fits 80 columns ($wide)" || echo "not ok $n - catalog list is $wide columns wide"
