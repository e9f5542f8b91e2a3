#!/usr/bin/env bash
# The container's floor: memory per idle WebSocket of an endpoint that does nothing (BareEndpoint.java: it says
# {"type":"welcome"} so that the benchmark counts the connection, and keeps nothing), on the same Payara Micro,
# JVM options and pre-boot commands as the chat, measured by the benchmark's own idle scenario.
# usage: docs/benchmark/s10-bare-endpoint/run.sh OUT   (from the repository's root, after mvn package -DskipTests)
set -euo pipefail
out=${1:?output directory}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
api=$(find ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api -name 'jakarta.jakartaee-api-10*.jar' | head -1)
mkdir -p "$work/war/WEB-INF/classes" "$work/tmp"
javac -d "$work/war/WEB-INF/classes" -cp "$api" "$here/BareEndpoint.java"
(cd "$work/war" && jar cf "$work/bare.war" .)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir="$work/tmp" -jar target/payara-micro.jar \
  --deploy "$work/bare.war" --contextroot / --port "$port" --nohazelcast --disablephonehome \
  --prebootcommandfile payara/preboot.asadmin > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do grep -q "ready in" "$work/server.log" && break; sleep 0.5; done
payara/benchmark.sh out="$out" scenarios=idle server.external="http://127.0.0.1:$port" server.pid="$pid"
