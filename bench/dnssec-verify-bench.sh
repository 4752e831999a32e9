#!/usr/bin/env bash
# The cost of one DNSSEC signature check by implementation (JMH, src/test/java/io/mailtls/dns/DnssecVerifyBench.java):
# SunEC, Bouncy Castle through JCA, ours on a memo miss (SignatureVerifier) and on a memo hit.
# Runs twice: with the launcher's flags for scan (serial GC, C1 only), then with the JVM's default tiered JIT.
# Usage: bench/dnssec-verify-bench.sh [JMH OPTIONS...]      (default: 1 fork, 3 x 2 s warm-up, 5 x 2 s measurement)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/jdk25)
export JAVA_HOME
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
opts=("$@"); [ ${#opts[@]} -gt 0 ] || opts=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
for flags in "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" "-XX:+UseSerialGC"; do
  echo "== JVM flags: $flags"
  "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'io.mailtls.dns.DnssecVerifyBench' -jvmArgs "$flags" \
    "${opts[@]}" 2>&1 | sed -n '/^Benchmark/,$p'
done
