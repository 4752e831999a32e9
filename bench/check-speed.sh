#!/usr/bin/env bash
# Whole-process speed of one check of a loopback server, JVM start included, beside openssl s_client and swaks
# in the same run. Starts the lab's `good` scenario on 127.0.0.1 (nothing else is contacted) and prints medians.
# Usage: bench/check-speed.sh [RUNS]     (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
port=${BENCH_PORT:-26525}
work=$(mktemp -d)
trap 'kill $labpid 2>/dev/null || true; rm -rf "$work"' EXIT
./mailtls --version >/dev/null            # builds the jar and the AOT cache if needed
./mailtls lab --scenario good --port "$port" --ca-out "$work/ca.pem" >"$work/lab.out" 2>"$work/lab.err" &
labpid=$!
for _ in $(seq 1 200); do
  grep -q "CA file" "$work/lab.out" 2>/dev/null && break
  sleep 0.05
done
grep -q "CA file" "$work/lab.out" || { echo "lab did not start" >&2; cat "$work/lab.err" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # name, command...
  local name=$1; shift
  for _ in $(seq 1 "$runs"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
  done | median > "$work/$name"
}
measure mailtls ./mailtls check "127.0.0.1:$port" --ca-file "$work/ca.pem" --expect-name mx.lab.test
measure mailtls_json ./mailtls check "127.0.0.1:$port" --ca-file "$work/ca.pem" --expect-name mx.lab.test --json
measure openssl sh -c "echo QUIT | openssl s_client -starttls smtp -connect 127.0.0.1:$port -CAfile $work/ca.pem -verify_hostname mx.lab.test -quiet"
measure swaks swaks --server "127.0.0.1:$port" --tls --quit-after TLS --tls-verify --tls-ca-path "$work/ca.pem" --tls-verify-host mx.lab.test
m=$(cat "$work/mailtls"); mj=$(cat "$work/mailtls_json"); o=$(cat "$work/openssl"); s=$(cat "$work/swaks")
echo "runs: $runs   machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)   $(date -u +%FT%TZ)"
printf '%-34s %8s ms\n' "mailtls check (text)" "$m" "mailtls check --json" "$mj" \
  "openssl s_client -starttls smtp" "$o" "swaks --tls --quit-after TLS" "$s"
awk -v m="$m" -v o="$o" -v s="$s" 'BEGIN { printf "ratio mailtls/openssl %.1f, mailtls/swaks %.1f\n", m/o, m/s }'
