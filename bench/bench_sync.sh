#!/bin/sh
# bench_sync.sh - guichetd's requests per second under wrk (-t2 -c50, 10 s
# each) on loopback: a real guichetd on a free port with a temporary database
# holding 200 events pushed by terminal w02 (one batch, with curl), measured
# on GET /v1/health, on GET /v1/changes for terminal w01 with an up-to-date
# cursor (the idle poll every terminal makes), and on GET /v1/changes from
# the start with limit=200 (a full page).  The server's per-IP connection
# limit (16 by default) is raised to 64 in a config file so that all 50 of
# wrk's connections from 127.0.0.1 are served.  Prints figures, asserts
# nothing (bench/README.md "sync bench").
#
#   sh bench/bench_sync.sh [build/guichetd]     BENCH_WRK_DURATION=10s
D=${1:-build/guichetd}
DUR=${BENCH_WRK_DURATION:-10s}
command -v wrk >/dev/null || { echo "bench_sync.sh: wrk is not installed (make deps): skipped"; exit 0; }
command -v curl >/dev/null || { echo "bench_sync.sh: curl is not installed: skipped"; exit 0; }
[ -x "$D" ] || { echo "bench_sync.sh: $D is not built" >&2; exit 1; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
db="$tmp/s.db"

tok1=$("$D" --db "$db" terminal add w01 2>/dev/null | tail -n 1)
tok2=$("$D" --db "$db" terminal add w02 2>/dev/null | tail -n 1)
printf '[server]\nmax_connections = 64\nper_ip_connections = 64\n' >"$tmp/d.ini"
"$D" --config "$tmp/d.ini" --db "$db" --listen 127.0.0.1:0 2>"$tmp/d.log" &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q 'listening on' "$tmp/d.log"; do sleep 0.05; i=$((i + 1)); done
port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/d.log" | head -n 1)
[ -n "$port" ] || { echo "bench_sync.sh: guichetd did not start: $(cat "$tmp/d.log")" >&2; exit 1; }
base="http://127.0.0.1:$port"

# 200 events of terminal w02 in one push
{
  printf '{"terminal":"%s","events":[' bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
  i=1
  while [ $i -le 200 ]; do
    payload=$(printf '{"applicant_name":"bench","item":"JH-001","n":%d}' $i)
    h=$(printf '%s' "$payload" | sha256sum | cut -c1-64)
    [ $i -gt 1 ] && printf ','
    printf '{"id":"0190a000-0000-7000-8000-%012x","seq":%d,"type":"case.received","subject":"B-%d",' $i $i $i
    printf '"payload":"%s","payload_hash":"%s","staff":1,"staff_code":"bench",' \
      "$(printf '%s' "$payload" | sed 's/"/\\"/g')" "$h"
    printf '"created_at":1763900000000,"prev_hash":"%s","hash":"%s"}' "$h" "$h"
    i=$((i + 1))
  done
  printf ']}'
} >"$tmp/batch.json"
code=$(curl -s -o "$tmp/push.out" -w '%{http_code}' -H "Authorization: Bearer $tok2" \
  -H 'Content-Type: application/json' -H 'Idempotency-Key: 0190a000-0000-7000-8000-0000000000ff' \
  --data-binary @"$tmp/batch.json" "$base/v1/events")
applied=$(grep -o '"applied"' "$tmp/push.out" | wc -l)
cursor=$(curl -s -H "Authorization: Bearer $tok1" "$base/v1/changes?limit=1000" |
  sed -n 's/.*"next_cursor":"\([^"]*\)".*/\1/p')
echo "bench_sync.sh: guichetd on $base, 200 events pushed by w02 (HTTP $code, $applied applied), w01's cursor $cursor"
echo "bench_sync.sh: wrk $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f2), $(nproc) CPUs, wrk -t2 -c50 -d$DUR"

# run NAME URL [HEADER]: wrk's requests/s, latency and errors for one URL
run() {
  if [ -n "$3" ]; then
    wrk -t2 -c50 -d"$DUR" -H "$3" "$2" >"$tmp/wrk.out" 2>&1
  else
    wrk -t2 -c50 -d"$DUR" "$2" >"$tmp/wrk.out" 2>&1
  fi
  rps=$(sed -n 's/^Requests\/sec: *//p' "$tmp/wrk.out")
  lat=$(sed -n 's/^ *Latency *\([^ ]*\) *\([^ ]*\) *\([^ ]*\).*/mean \1, stdev \2, max \3/p' "$tmp/wrk.out")
  total=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$tmp/wrk.out")
  errs=$(grep -E 'Socket errors|Non-2xx' "$tmp/wrk.out" | tr -s ' ' | tr '\n' ';')
  printf '%-34s %10s requests/s  (%s requests; latency %s) %s\n' "$1" "$rps" "$total" "$lat" "$errs"
}

run "GET /v1/health" "$base/v1/health"
run "GET /v1/changes, up-to-date cursor" "$base/v1/changes?limit=200&cursor=$cursor" "Authorization: Bearer $tok1"
run "GET /v1/changes, a page of 200" "$base/v1/changes?limit=200" "Authorization: Bearer $tok1"
kill -TERM "$pid"
wait "$pid"
pid=
