#!/usr/bin/env bash
# Variants of a cold evaluate of the worked example; run in fixtures/worked-example.
# Usage: cd fixtures/worked-example && ../../bench/cold-start.sh [more hyperfine args]. Needs the launcher run once
# (the cache and archive made) and, for the tiered AOT variant, /tmp/full.aot (docs/performance.md, "Issue 15").
set -u
J25="${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
root="$(cd "$(dirname "$0")/.." && pwd)"
T="$root/cli/target"
A="evaluate --evidence evidence.json --readback readback.json --exceptions exceptions --at 2026-11-28T12:00:00Z"
ALWAYS="-XX:ErrorFile=$T/hs_err_pid%p.log -XX:ReplayDataFile=$T/replay_pid%p.log -Dgatehouse.rules=$root/rules"
F17="-XX:+ExitOnOutOfMemoryError -XX:+DisplayVMOutputToStderr -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr"
F25="-XX:+ExitOnOutOfMemoryError -XX:+DisplayVMOutputToStderr -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr -Xlog:aot*=off:stderr"
uptime
hyperfine -N -w 3 -r "${RUNS:-20}" --export-json "${OUT:-/tmp/h.json}" \
  -n '17 java -version' "java $F17 -version" \
  -n '25 java -version' "$J25 $F25 -XX:TieredStopAtLevel=1 -version" \
  -n 'launcher GATEHOUSE_AOT=on (25 AOT, C1)' "env GATEHOUSE_AOT=on ../../gatehouse $A" \
  -n 'launcher default (17 AppCDS)' "../../gatehouse $A" \
  -n 'launcher GATEHOUSE_CDS=off (17 no archive)' "env GATEHOUSE_CDS=off ../../gatehouse $A" \
  -n '25 no cache, C1' "$J25 $F25 -XX:TieredStopAtLevel=1 $ALWAYS -jar $T/gatehouse.jar $A" \
  -n '25 no cache, tiered' "$J25 $F25 $ALWAYS -jar $T/gatehouse.jar $A" \
  -n '25 AOT, C1' "$J25 $F25 -XX:TieredStopAtLevel=1 -XX:AOTCache=$T/gatehouse.aot $ALWAYS -jar $T/gatehouse.jar $A" \
  -n '25 AOT (tiered-trained), tiered' "$J25 $F25 -XX:AOTCache=/tmp/full.aot $ALWAYS -jar $T/gatehouse.jar $A" \
  -n '17 AppCDS, tiered' "java ${F17/-XX:TieredStopAtLevel=1/} -XX:SharedArchiveFile=$T/gatehouse.jsa $ALWAYS -jar $T/gatehouse.jar $A" \
  "$@"
uptime
