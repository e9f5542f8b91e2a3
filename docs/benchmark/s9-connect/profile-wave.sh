#!/bin/bash
# A CPU profile of the server (async-profiler 3.0, event=cpu, 1 ms) while connections 3,001 to 8,000 open.
#   ASYNC_PROFILER_LIB=/path/to/linux-x64/libasyncProfiler.so docs/benchmark/s9-connect/profile-wave.sh OUTDIR CHECKOUT
# The library comes from Maven Central: tools.profiler:async-profiler:3.0 (unzip linux-x64/libasyncProfiler.so);
# it is loaded into the running server through the attach API (Load.java), not a dependency of the project.
# jcmd JVMTI.agent_load cannot pass async-profiler's options: it parses their '=' as its own.
out=$1; dir=$2; here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out" "$out/classes"
javac -d "$out/classes" "$here/Load.java"
cd "$dir"
flock /tmp/chat-bench.lock payara/benchmark.sh out="$out/bench" scenarios=idle idle.levels=3000,8000 server.cds=false > "$out/bench.log" 2>&1 &
b=$!
until grep -q 'server answering' "$out/bench.log" 2>/dev/null; do sleep 0.5; done
pid=$(grep -o 'pid [0-9]*' "$out/bench.log" | head -1 | cut -d' ' -f2)
until grep -q '3000 idle connections: settled' "$out/bench.log" 2>/dev/null; do sleep 0.2; done
java -cp "$out/classes" Load "$pid" start,event=cpu,interval=1ms,threads
until grep -q '8000 idle connections: settled' "$out/bench.log" 2>/dev/null; do sleep 0.2; done
java -cp "$out/classes" Load "$pid" "stop,file=$out/cpu.collapsed,collapsed"
wait $b
