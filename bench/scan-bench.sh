#!/usr/bin/env bash
# Bulk-scan throughput and memory of `mailtls scan`, all on loopback: the bulk domain lab (DomainLab.bulk) serves
# ENDPOINTS SMTP endpoints on distinct 127.21.x.y addresses (10% faulty: no-starttls or expired; 5% slow: 6 s
# greeting) behind its DNSSEC-signed DNS, and up to BIG domains whose MX records share those endpoints (one or two
# MX each). Runs, each measured with /usr/bin/time (wall, CPU, peak RSS):
#   1. mailtls scan of the first DOMAINS domains            (the targets-per-second figure)
#   2. mailtls scan of all BIG domains                      (the memory figure)
#   2b. runs 1 and 2 with the launcher's flags but the C1 compiler only
#   3. the same without DNSSEC work (a trust anchor that covers nothing: every answer insecure, as for most of the
#      real world's domains)
#   4. a SUBSET of the endpoints (host:port targets): mailtls scan, mailtls scan --deep, testssl.sh mass mode
#      (--file --parallel --starttls smtp), and sslscan --starttls-smtp under xargs -P.
# Nothing but 127.0.0.0/8 is contacted (testssl runs with --nodns none and NXCONNECT=127.0.0.1:0).
# Usage: bench/scan-bench.sh [DOMAINS] [ENDPOINTS] [BIG] [SUBSET]      (defaults 2000 1000 10000 100)
# Environment: CONCURRENCY (mailtls --concurrency, default: the command's own), TESTSSL_SUBSET (endpoints for
# testssl, default SUBSET; testssl needs ~20 s of CPU per endpoint), PARALLEL (xargs -P for sslscan, default 20),
# LAB_PRESIGN (1, the default: the lab signs its zone before the runs, as real servers serve pre-signed zones;
# 0: it signs each RRset when first asked, so the first run over a domain also pays the lab's signing, on the
# same 2 cores, and earlier runs leave later ones a warmer lab).
set -euo pipefail
cd "$(dirname "$0")/.."
domains=${1:-2000}
endpoints=${2:-1000}
big=${3:-10000}
subset=${4:-100}
testssl_subset=${TESTSSL_SUBSET:-$subset}
parallel=${PARALLEL:-20}
concurrency=(); [ -n "${CONCURRENCY:-}" ] && concurrency=(--concurrency "$CONCURRENCY")
[ "$big" -ge "$domains" ] || big=$domains
work=$(mktemp -d)
labpid=
trap '[ -n "$labpid" ] && kill "$labpid" 2>/dev/null; [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"' EXIT
./mailtls --version >/dev/null            # builds the jar and the AOT cache if needed
JAVA_HOME=$(bin/jdk25)

# The lab runs in its own JVM, started from this single-file program (the lab has no bulk command of its own).
cat > "$work/BenchLab.java" <<'EOF'
import io.mailtls.lab.domain.BulkConfig;
import io.mailtls.lab.domain.DomainLab;
import io.mailtls.lab.domain.DomainScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Starts the bulk domain lab and writes what a scan needs into DIR; runs until killed. */
public class BenchLab {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[2]);
        DomainLab lab = DomainLab.bulk(BulkConfig.of(Integer.parseInt(args[0]), Integer.parseInt(args[1]))
                .withCaFile(dir.resolve("ca.pem")).withTrustAnchorFile(dir.resolve("anchor.txt"))
                .withPresign(!"0".equals(System.getenv("LAB_PRESIGN"))));
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close));
        List<String> names = new ArrayList<>();
        List<String> mx = new ArrayList<>();
        for (DomainScenario d : lab.domains()) {
            names.add(d.domain());
            for (DomainScenario.Mx m : d.mx()) {
                mx.add(d.domain() + " " + m.address().getAddress().getHostAddress() + ":" + m.address().getPort()
                        + " " + m.smtpScenario());
            }
        }
        Files.write(dir.resolve("domains.txt"), names);
        Files.write(dir.resolve("mx.txt"), mx);
        Files.writeString(dir.resolve("lab.env"), "DNS=" + lab.dnsAddress().getAddress().getHostAddress() + ":"
                + lab.dnsAddress().getPort() + "\nSMTP_PORT=" + lab.smtpPort() + "\nPOLICY_PORT=" + lab.policyPort()
                + "\n");
        System.out.println("ready");
        new CountDownLatch(1).await();
    }
}
EOF
"$JAVA_HOME/bin/java" -cp "target/mailtls.jar:target/lib/*" "$work/BenchLab.java" "$endpoints" "$big" "$work" \
  >"$work/lab.out" 2>"$work/lab.err" &
labpid=$!
for _ in $(seq 1 600); do
  grep -q ready "$work/lab.out" 2>/dev/null && break
  kill -0 "$labpid" 2>/dev/null || break
  sleep 0.1
done
grep -q ready "$work/lab.out" || { echo "the bulk lab did not start" >&2; cat "$work/lab.err" >&2; exit 1; }
# shellcheck disable=SC1091
source "$work/lab.env"
echo "unrelated.invalid. 3600 IN DS 12345 13 2 $(printf 'ab%.0s' $(seq 1 32))" >"$work/no-anchor.txt"

head -n "$domains" "$work/domains.txt" >"$work/small.txt"
# The subset: distinct MX endpoints in the order the domains name them, without the slow ones (a 6 s greeting costs
# testssl about 13 minutes per endpoint, and sslscan gives up on it after 3 s).
awk -v n="$subset" '$3 != "slow-greeting" && !seen[$2]++ {print $2; if (++k == n) exit}' "$work/mx.txt" \
  >"$work/endpoints.txt"
head -n "$testssl_subset" "$work/endpoints.txt" >"$work/testssl-endpoints.txt"

results="$work/results.txt"
: >"$results"
# measure ID NAME TARGETS COMMAND...: one row with wall time, rate, CPU, peak RSS; output in $work/ID.*
measure() {
  local id=$1 name=$2 n=$3; shift 3
  /usr/bin/time -v -o "$work/$id.time" "$@" >"$work/$id.stdout" 2>"$work/$id.stderr" </dev/null || true
  cp "$work/$id.time" "$work/time.txt"
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
  user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$work/time.txt")
  awk -v name="$name" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
    printf "%-44s %7d %9.1f %9.1f %9.1f %7.0f%% %8d\n", name, n, w, n / w, u + s, 100 * (u + s) / w, r }' >>"$results"
}
common=(--resolver "$DNS" --ca-file "$work/ca.pem" --mx-port "$SMTP_PORT" --policy-port "$POLICY_PORT" --no-progress
  ${concurrency[@]+"${concurrency[@]}"})
signed=(--trust-anchor "$work/anchor.txt")
n=$(wc -l <"$work/endpoints.txt")

measure small "mailtls scan, $domains domains" "$domains" \
  ./mailtls scan "$work/small.txt" --out "$work/small.jsonl" "${common[@]}" "${signed[@]}"
measure big "mailtls scan, $big domains" "$big" \
  ./mailtls scan "$work/domains.txt" --out "$work/big.jsonl" "${common[@]}" "${signed[@]}"
# The launcher's JVM flags but C1 only, as for one check: the optimising compiler's own CPU outweighs its gain here.
c1=("$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:AOTCache=target/mailtls.aot -Xlog:aot=off
  -Xlog:cds=off -jar target/mailtls.jar)
measure small-c1 "mailtls scan, $domains domains, C1 only" "$domains" \
  "${c1[@]}" scan "$work/small.txt" --out "$work/small-c1.jsonl" "${common[@]}" "${signed[@]}"
measure big-c1 "mailtls scan, $big domains, C1 only" "$big" \
  "${c1[@]}" scan "$work/domains.txt" --out "$work/big-c1.jsonl" "${common[@]}" "${signed[@]}"
measure big-insecure "mailtls scan, $big domains, no DNSSEC work" "$big" \
  ./mailtls scan "$work/domains.txt" --out "$work/big-insecure.jsonl" "${common[@]}" --trust-anchor "$work/no-anchor.txt"
measure endpoints "mailtls scan, $n endpoints" "$n" \
  ./mailtls scan "$work/endpoints.txt" --out "$work/endpoints.jsonl" "${common[@]}" "${signed[@]}"
measure endpoints-deep "mailtls scan --deep, $n endpoints" "$n" \
  ./mailtls scan "$work/endpoints.txt" --out "$work/endpoints-deep.jsonl" "${common[@]}" "${signed[@]}" --deep
if command -v sslscan >/dev/null; then
  measure sslscan "sslscan --starttls-smtp, xargs -P $parallel, $n endpoints" "$n" \
    sh -c "xargs -P $parallel -n 1 sslscan --starttls-smtp --no-colour <'$work/endpoints.txt'"
fi
if command -v testssl >/dev/null; then
  t=$(wc -l <"$work/testssl-endpoints.txt")
  measure testssl "testssl --file --parallel, $t endpoints" "$t" env NXCONNECT=127.0.0.1:0 testssl --file \
    "$work/testssl-endpoints.txt" --parallel --starttls smtp --nodns none --warnings off --quiet
fi

lines() { wc -l <"$work/$1.jsonl" 2>/dev/null || echo 0; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) MB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "lab: $endpoints endpoints, $big domains (first $domains for run 1); mailtls ${concurrency[*]:-default concurrency}"
printf '%-44s %7s %9s %9s %9s %8s %8s\n' "run" "targets" "wall s" "per s" "CPU s" "CPU" "RSS MB"
cat "$results"
echo "output lines: small $(lines small), big $(lines big), small-c1 $(lines small-c1), big-c1 $(lines big-c1), insecure $(lines big-insecure), endpoints $(lines endpoints), deep $(lines endpoints-deep)"
for f in small big small-c1 big-c1 big-insecure; do
  echo "$f: $(grep -c '"outcome":"INCONCLUSIVE"' "$work/$f.jsonl" || true) inconclusive, $(grep -c 'LOOKUP_FAILED' "$work/$f.jsonl" || true) with a failed DNS lookup"
done
sed -n '1,2p' "$work/big.stdout"
