#!/bin/bash
# Server, generator and Redis CPU while the idle scenario adds connections 3,001 to 8,000 (ninth session).
#   docs/benchmark/s9-connect/cpu-wave.sh OUTDIR CHECKOUT
# CPU is read from /proc/PID/stat (utime + stime, in ticks of 10 ms) when 3,000 are settled and when 8,000 are.
out=$1; dir=$2
mkdir -p "$out"
cd "$dir"
flock /tmp/chat-bench.lock payara/benchmark.sh out="$out/bench" scenarios=idle idle.levels=3000,8000 server.cds=false > "$out/bench.log" 2>&1 &
b=$!
until grep -q 'server answering' "$out/bench.log" 2>/dev/null; do sleep 0.5; done
pid=$(grep -o 'pid [0-9]*' "$out/bench.log" | head -1 | cut -d' ' -f2)
gen=$(pgrep -f chat.benchmark.Benchmark | head -1)
# lines: server, generator, then every redis-server on a loopback port (the benchmark's is the one that moves)
snap() { for p in $pid $gen $(pgrep -f 'redis-server.*127.0.0.1:[0-9]'); do echo "$p $(awk '{print $14+$15}' /proc/$p/stat) $(tr '\0' ' ' < /proc/$p/cmdline | cut -c1-60)"; done; }
until grep -q '3000 idle connections: settled' "$out/bench.log" 2>/dev/null; do sleep 0.2; done
snap > "$out/s0"; date +%s.%N > "$out/t0"
until grep -q '8000 idle connections: settled' "$out/bench.log" 2>/dev/null; do sleep 0.2; done
snap > "$out/s1"; date +%s.%N > "$out/t1"
wait $b
