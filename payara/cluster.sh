#!/usr/bin/env bash
# Runs the chat as a cluster on this machine: ${CHAT_INSTANCES:-2} Payara Micro instances sharing one Redis,
# each bound to 127.0.0.1 without Hazelcast (Redis is the bus), behind nginx on http://localhost:${CHAT_PORT:-8080}/.
# Instances listen on the ports after it (8081, 8082, ...; CHAT_INSTANCE_PORT sets the first). Every other
# CHAT_* setting reaches every instance (see payara/run.sh; CHAT_TLS_PORT is for run.sh alone).
# nginx: Debian's package, installed with apt-get when missing (as root); it runs in the foreground with the
# configuration payara/nginx.conf filled in under target/cluster/nginx, logs included.
# Ctrl-C stops nginx, the instances and the Redis the first instance started.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${CHAT_PORT:-8080}"
count="${CHAT_INSTANCES:-2}"
first_port="${CHAT_INSTANCE_PORT:-$((port + 1))}"
dir=target/cluster

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

nginx_bin=$(command -v nginx || true)
[ -n "$nginx_bin" ] || [ ! -x /usr/sbin/nginx ] || nginx_bin=/usr/sbin/nginx
if [ -z "$nginx_bin" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "nginx is not installed: sudo apt-get install -y nginx, then run this again" >&2
    exit 1
  fi
  echo "nginx: not installed; installing Debian's package"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y nginx
  nginx_bin=/usr/sbin/nginx
fi

instance_ports=()
for i in $(seq 0 $((count - 1))); do instance_ports+=($((first_port + i))); done
for p in "$port" "${instance_ports[@]}"; do
  # Payara Micro does not stop on a taken port (it logs and lives on): refuse before starting anything
  if port_taken "$p"; then echo "port $p is taken; choose others with CHAT_PORT / CHAT_INSTANCE_PORT" >&2; exit 1; fi
done

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mvn -B -q package -DskipTests
mkdir -p "$dir/nginx/logs" "$dir/nginx/temp"

await_ready() { # port, pid, log
  for _ in $(seq 1 360); do
    if ! kill -0 "$2" 2>/dev/null; then echo "the instance on port $1 exited; see $3" >&2; exit 1; fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health/ready")" = 200 ] && return 0
    sleep 0.5
  done
  echo "the instance on port $1 was not ready in 3 minutes; see $3" >&2
  exit 1
}

start_instance() { # port
  local log="$dir/instance-$1.log"
  env -u CHAT_TLS_PORT CHAT_PORT="$1" CHAT_BIND=127.0.0.1 CHAT_SKIP_BUILD=1 \
    CHAT_TRUST_PROXY="${CHAT_TRUST_PROXY:-true}" payara/run.sh > "$log" 2>&1 &
  pids+=($!)
  echo "instance on 127.0.0.1:$1 starting, log $log"
}

# the first instance starts Redis when none answers on 6379; the others then find it
start_instance "${instance_ports[0]}"
await_ready "${instance_ports[0]}" "${pids[0]}" "$dir/instance-${instance_ports[0]}.log"
for p in "${instance_ports[@]:1}"; do start_instance "$p"; done
for i in $(seq 1 $((count - 1))); do
  await_ready "${instance_ports[$i]}" "${pids[$i]}" "$dir/instance-${instance_ports[$i]}.log"
done

servers=$(printf 'server 127.0.0.1:%s max_fails=1 fail_timeout=5s;\\n        ' "${instance_ports[@]}")
servers=${servers%\\n        }
sed -e "s|@@LISTEN@@|127.0.0.1:$port|" -e "s|@@SERVERS@@|$servers|" payara/nginx.conf > "$dir/nginx/nginx.conf"
"$nginx_bin" -p "$(pwd)/$dir/nginx/" -c "$(pwd)/$dir/nginx/nginx.conf" -e stderr -g 'daemon off;' &
pids+=($!)
for _ in $(seq 1 50); do port_taken "$port" && break; sleep 0.1; done
port_taken "$port" || { echo "nginx did not start; see $dir/nginx/logs/error.log" >&2; exit 1; }

echo
echo "Chat cluster is ready: http://localhost:$port/ (nginx in front of ${#instance_ports[@]} instances:" \
  "${instance_ports[*]}; nginx logs in $dir/nginx/logs)"
wait -n
echo "a process of the cluster exited; stopping the rest" >&2
exit 1
