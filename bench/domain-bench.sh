#!/usr/bin/env bash
# A domain with 4 MX hosts of 2 addresses each (every endpoint greets after 1 s), served by the lab's DNSSEC-signed
# DNS on loopback: checked concurrently, then one endpoint at a time for comparison. Prints the BENCH lines.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=DomainConcurrencyBench -Dsurefire.excludedGroups= -Dgroups=bench \
  -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
grep -h "^BENCH" target/surefire-reports/io.mailtls.bench.DomainConcurrencyBench-output.txt
