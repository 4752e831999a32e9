#!/usr/bin/env bash
# `mailtls check --deep` beside testssl.sh and sslscan on the same targets, in one run:
#   1. a Debian Postfix listener (STARTTLS, OpenSSL defaults),
#   2. the lab's slow-greeting scenario with a 2 s greeting delay.
# Reports wall time, connections (counted by the server side) and peak RSS. Only 127.0.0.1 is contacted.
# Usage (as root, with postfix, testssl.sh and sslscan installed): bench/deep-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d); chmod 755 "$work"
PF_DIR="$work/postfix"; PF_PORT=${PF_PORT:-27525}; LAB_PORT=${LAB_PORT:-27526}
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
run() { # label, connection-counter, command...
  local label=$1 counter=$2; shift 2
  local before after; before=$($counter)
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out.$label" 2>&1 || true
  after=$($counter)
  read -r secs kb < <(tail -n 1 "$work/time")
  printf '%-40s %8.2f s %6d conns %7d MB\n' "$label" "$secs" $((after - before)) $((kb / 1024))
}
lab_connections() { wc -l < "$work/lab.log"; }

echo "deep probe benchmark   $(date -u +%FT%TZ)   $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- Postfix listener 127.0.0.1:$PF_PORT"
run "mailtls check --deep" pf_connections ./mailtls check "127.0.0.1:$PF_PORT" --deep --expect-name mx.bench.test --json
run "sslscan --starttls-smtp" pf_connections sslscan --no-colour --starttls-smtp "127.0.0.1:$PF_PORT"
run "testssl.sh --starttls smtp" pf_connections testssl --quiet --warnings off --nodns none --color 0 \
  --starttls smtp "127.0.0.1:$PF_PORT"
echo "-- lab slow-greeting (2 s) 127.0.0.1:$LAB_PORT"
run "mailtls check --deep" lab_connections ./mailtls check "127.0.0.1:$LAB_PORT" --deep --expect-name mx.lab.test \
  --ca-file "$work/ca.pem" --json
run "sslscan --starttls-smtp" lab_connections sslscan --no-colour --starttls-smtp "127.0.0.1:$LAB_PORT"
run "testssl.sh --starttls smtp" lab_connections testssl --quiet --warnings off --nodns none --color 0 \
  --starttls smtp "127.0.0.1:$LAB_PORT"
grep -h '"TLSv1' "$work/out.mailtls check --deep" | head -0 || true
