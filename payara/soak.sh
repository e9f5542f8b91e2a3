#!/usr/bin/env bash
# The soak (issue 8), one command, not run in CI:  payara/soak.sh
# Builds the WAR, starts its own Redis and one Payara Micro on a free loopback port, churns clients against it
# (connect, chat, disconnect; some vanish without a close frame) for SOAK_MINUTES, samples the server once a
# minute (heap after a full GC, connections from /metrics, threads, RSS, open files) and checks that with every
# client gone it is back at its post-warm-up baseline. Prints a table and one JSON line; exit status 1 on a failed check.
#   SOAK_MINUTES=10 SOAK_WORKERS=8 SOAK_RESIDENTS=20 SOAK_WARMUP_SECONDS=30 payara/soak.sh
# Server JVM options: SOAK_SERVER_JVM (default "-Xmx512m -XX:+UseSerialGC"). Output is also kept in target/soak.log.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath >/dev/null
mkdir -p target/tmp

java -Xmx512m \
  -Djava.io.tmpdir="$PWD/target/tmp" \
  -Dpayara.micro.jar="$PWD/target/payara-micro.jar" \
  -Dchat.war="$PWD/target/chat.war" \
  -Dsoak.server.jvm="${SOAK_SERVER_JVM:--Xmx512m -XX:+UseSerialGC}" \
  -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  chat.reliability.Soak "$@" > >(tee target/soak.log) 2>&1 &
soak=$!
# Ctrl-C or a stop of this script stops the soak, whose finally block stops its Payara and Redis
trap 'kill -TERM "$soak" 2>/dev/null || true; wait "$soak" 2>/dev/null || true' INT TERM
wait "$soak"
