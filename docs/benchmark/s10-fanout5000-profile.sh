#!/bin/bash
# A CPU profile of the server (async-profiler 3.0, event=cpu, 1 ms) during the measured window of a fan-out.
#   ASYNC_PROFILER_LIB=/path/to/linux-x64/libasyncProfiler.so docs/benchmark/s10-fanout5000-profile.sh OUTDIR CHECKOUT [RECEIVERS]
# The library: tools.profiler:async-profiler:3.0 from Maven Central (unzip linux-x64/libasyncProfiler.so), loaded through
# the attach API by s9-connect/Load.java. Summarise OUTDIR/cpu.collapsed with s9-connect/tree.py.
out=$1; dir=$2; rec=${3:-5000}; here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/classes"
javac -d "$out/classes" "$here/s9-connect/Load.java"
cd "$dir"
flock /tmp/chat-bench.lock payara/benchmark.sh out="$out/bench" scenarios=fanout fanout.receivers="$rec" profile.seconds=0 > "$out/bench.log" 2>&1 &
b=$!
until grep -q 'server answering' "$out/bench.log" 2>/dev/null; do sleep 0.5; done
pid=$(grep -o 'pid [0-9]*' "$out/bench.log" | tail -1 | cut -d' ' -f2)
until grep -q 'msg/s warm-up: sent' "$out/bench.log" 2>/dev/null; do sleep 0.2; done
java -cp "$out/classes" Load "$pid" start,event=cpu,interval=1ms,threads
until grep -q 'msg/s: sent' "$out/bench.log" 2>/dev/null; do sleep 0.2; done
java -cp "$out/classes" Load "$pid" "stop,file=$out/cpu.collapsed,collapsed"
wait $b
