#!/usr/bin/env bash
# The seventh session's comparison of the store script before and after the clientId buckets (docs/benchmark/history.md):
# each script 1,500,000 times against a fresh Redis 6.2 (AOF on) on port 26399, Redis process and its AOF-rewrite
# children counted apart. Run from the repository root after `payara/benchmark.sh profile=quick scenarios=store`
# (which builds target/benchmark.classpath and unpacks target/redis-server).
set -euo pipefail
dir=docs/benchmark/s7-store-ab
work=$(mktemp -d)
javac -cp "$(cat target/benchmark.classpath)" -d "$work" "$dir/AofCost.java"
fresh() {
  redis-cli -p 26399 shutdown nosave >/dev/null 2>&1 || true; sleep 0.5
  rm -rf "$work/data"; mkdir -p "$work/data"
  target/redis-server --port 26399 --bind 127.0.0.1 --save "" --appendonly yes --dir "$work/data" --daemonize yes --logfile "$work/data/log"
  sleep 0.5
}
for round in 1 2; do
  fresh; java -cp "$(cat target/benchmark.classpath):$work" AofCost 26399 "$dir/before.lua" 1500000
  fresh; java -cp "$(cat target/benchmark.classpath):$work" AofCost 26399 "$dir/after.lua" 1500000 buckets
done
redis-cli -p 26399 shutdown nosave >/dev/null 2>&1 || true
