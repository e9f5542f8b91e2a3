#!/usr/bin/env bash
# The chat benchmark (issue 9), one command:  payara/benchmark.sh [key=value ...]
# Builds the WAR and the load generator, starts its own Redis and, per scenario, a fresh Payara Micro on a free
# loopback port, runs the load, stops everything it started, prints the figures and ends with one JSON line.
# Report, charts (PNG) and result.json go to target/benchmark/ (setting out=DIR).
#   payara/benchmark.sh                       the full run (about 15-20 minutes on 2 cores)
#   payara/benchmark.sh profile=quick         a short trial of every scenario (about 3 minutes)
#   payara/benchmark.sh scenarios=fanout,ramp fanout.receivers=1000 ramp.rates=100,150,200
# Every setting and its default: src/test/java/chat/benchmark/Settings.java; docs/benchmark.md explains them.
# Environment: BENCH_GENERATOR_JAVA_OPTS (default -Xmx4g) for the generator's JVM; server JVM options are the
# setting server.jvm; extra server configuration: env.CHAT_SOME_KEY=value.
set -euo pipefail
cd "$(dirname "$0")/.."

# 20,000 connections need 20,000 descriptors in the generator and as many in the server (a child of it)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 45000 ]; then
  echo "warning: ulimit -n is $(ulimit -n); the 20,000-connection steps will fail (run as a user who may raise it)" >&2
fi

mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath >/dev/null
mkdir -p target/tmp

java ${BENCH_GENERATOR_JAVA_OPTS:--Xmx4g} \
  -Djava.awt.headless=true \
  -Djava.io.tmpdir="$PWD/target/tmp" \
  -Dpayara.micro.jar="$PWD/target/payara-micro.jar" \
  -Dchat.war="$PWD/target/chat.war" \
  -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  chat.benchmark.Benchmark "$@" &
bench=$!
# Ctrl-C or a stop of this script stops the benchmark, whose shutdown hook stops its Payara and Redis
trap 'kill -TERM "$bench" 2>/dev/null || true; wait "$bench" 2>/dev/null || true' INT TERM
wait "$bench"
