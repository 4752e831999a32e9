#!/usr/bin/env bash
# `mailtls check --deep` beside testssl.sh and sslscan on the same targets, in one run:
#   1. a Debian Postfix listener (STARTTLS, OpenSSL defaults),
#   2. the lab's slow-greeting scenario with a 2 s greeting delay.
# Reports wall time, connections (counted by the server side) and peak RSS, and whether mailtls found the same
# protocols, suites, preferred suites and groups as sslscan (bench/lib/SameAsSslscan.java). Only 127.0.0.1 is
# contacted.
# Usage (as root, with postfix, testssl.sh and sslscan installed): [REPEAT=7] bench/deep-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d); chmod 755 "$work"
PF_DIR="$work/postfix"; PF_PORT=${PF_PORT:-27525}; LAB_PORT=${LAB_PORT:-27526}
REPEAT=${REPEAT:-7}   # runs against the fast Postfix listener, median reported (testssl.sh: once)
. bench/lib/postfix.sh
cleanup() { pf_stop; kill "$labpid" 2>/dev/null || true; rm -rf "$work"; }
labpid=""; trap cleanup EXIT
./mailtls --version >/dev/null
pf_start
./mailtls lab --scenario slow-greeting --port "$LAB_PORT" --greeting-delay 2 --ca-out "$work/ca.pem" \
  >"$work/lab.out" 2>"$work/lab.log" &
labpid=$!
for _ in $(seq 1 200); do grep -q "CA file" "$work/lab.out" 2>/dev/null && break; sleep 0.05; done

export NXCONNECT=127.0.0.1:0   # testssl.sh: never look anything up off the machine
# Runs a command REPEAT times (the fast target) or once (the slow one); prints the median wall time, the
# connections of one run and the largest peak RSS.
run() { # label, connection-counter, repeats, command...
  local label=$1 counter=$2 repeats=$3; shift 3
  local before after secs kb times="" maxkb=0
  before=$($counter)
  for _ in $(seq 1 "$repeats"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out.$label" 2>"$work/err.$label" || true
    read -r secs kb < <(tail -n 1 "$work/time")
    times="$times $secs"; [ "$kb" -gt "$maxkb" ] && maxkb=$kb
  done
  after=$($counter)
  secs=$(printf '%s\n' $times | sort -n | sed -n "$(( (repeats + 1) / 2 ))p")
  printf '%-40s %8.2f s %6d conns %7d MB\n' "$label" "$secs" $(( (after - before) / repeats )) $((maxkb / 1024))
}
# The findings must be the same, not only the times: mailtls's JSON against sslscan's XML of the same server.
same() {
  "$(bin/jdk25)/bin/java" -cp "target/mailtls.jar:target/lib/*" bench/lib/SameAsSslscan.java \
    "$work/out.mailtls check --deep" "$work/sslscan.xml" || true
}
lab_connections() { grep -c "^slow-greeting #" "$work/lab.log" || true; }  # session lines only

echo "deep probe benchmark   $(date -u +%FT%TZ)   $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- Postfix listener 127.0.0.1:$PF_PORT (median of $REPEAT runs; testssl.sh once)"
run "mailtls check --deep" pf_connections "$REPEAT" ./mailtls check "127.0.0.1:$PF_PORT" --deep --expect-name mx.bench.test --json
run "sslscan --starttls-smtp" pf_connections "$REPEAT" sslscan --no-colour --starttls-smtp --xml="$work/sslscan.xml" \
  "127.0.0.1:$PF_PORT"
same
run "testssl.sh --starttls smtp" pf_connections 1 testssl --quiet --warnings off --nodns none --color 0 \
  --starttls smtp "127.0.0.1:$PF_PORT"
echo "-- lab slow-greeting (2 s) 127.0.0.1:$LAB_PORT"
run "mailtls check --deep" lab_connections 1 ./mailtls check "127.0.0.1:$LAB_PORT" --deep --expect-name mx.lab.test \
  --ca-file "$work/ca.pem" --json
run "sslscan --starttls-smtp" lab_connections 1 sslscan --no-colour --starttls-smtp --xml="$work/sslscan.xml" \
  "127.0.0.1:$LAB_PORT"
same
run "testssl.sh --starttls smtp" lab_connections 1 testssl --quiet --warnings off --nodns none --color 0 \
  --starttls smtp "127.0.0.1:$LAB_PORT"
